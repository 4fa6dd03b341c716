/* test-audio-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "studio-audio-convert.h"
#include "studio-audio-encode.h"
#include "studio-audio-envelope.h"
#include "studio-audio-probe.h"
#include "studio-audio-split.h"
#include "studio-media-error.h"

/* Probing, converting, splitting and cutting real files through real
 * GStreamer pipelines. The audio is made here, sample by sample: tone
 * bursts as long as spoken phrases and pauses between them, so that
 * where a cut falls can be checked against where the words are.
 */

#define RATE 16000
#define BURST_S 1.7
#define PAUSE_S 0.6
#define PERIOD_S (BURST_S + PAUSE_S)
#define LONG_S 60
#define MS G_TIME_SPAN_MILLISECOND

#define assert_near(a, b, tolerance) g_assert_cmpint (ABS ((a) - (b)), <, (tolerance))

typedef struct
{
  char  *dir;
  GFile *wav;          /* LONG_S seconds of the pattern */
  GFile *converted;    /* the same as Ogg Opus, made by the converter */
  guint64 converted_size;
} Files;

static Files files;

/* Test helpers */

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GFile *
temp_file (const char *name)
{
  return g_file_new_build_filename (files.dir, name, NULL);
}

static void
run_to_eos (GstElement *pipeline)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;

  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gst_message_parse_error (message, &error, NULL);
      g_error ("A test file could not be made: %s", error->message);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
run_launch (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);

  g_assert_no_error (error);
  run_to_eos (pipeline);
}

static gboolean
in_burst (double t)
{
  return fmod (t, PERIOD_S) < BURST_S;
}

/* Writes @seconds of bursts and pauses (or silence only) through
 * @encoder, a gst-launch description such as "wavenc".
 */
static GFile *
make_pattern (const char *name,
              double      seconds,
              gboolean    silent,
              const char *encoder)
{
  g_autoptr(GFile) file = temp_file (name);
  g_autofree char *description =
    g_strdup_printf ("appsrc name=src format=time block=true "
                     "caps=audio/x-raw,format=S16LE,layout=interleaved,channels=1,rate=%d "
                     "! audioconvert ! audioresample ! %s ! filesink location=\"%s\"",
                     RATE, encoder, g_file_peek_path (file));
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  guint total = (guint) (seconds * RATE);
  const guint chunk = RATE / 10;
  GstFlowReturn ret;

  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);

  for (guint start = 0; start < total; start += chunk)
    {
      guint n = MIN (chunk, total - start);
      GstBuffer *buffer = gst_buffer_new_allocate (NULL, n * 2, NULL);
      GstMapInfo map;
      gint16 *samples;

      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      samples = (gint16 *) (gpointer) map.data;
      for (guint i = 0; i < n; i++)
        {
          double t = (double) (start + i) / RATE;
          /* Two partials and a syllable-rate swell: loud, and not a
           * steady tone that an encoder could make much of.
           */
          double v = 0.0;

          if (!silent && in_burst (t))
            v = (0.25 * sin (2 * G_PI * 220 * t) + 0.15 * sin (2 * G_PI * 1130 * t))
                * (0.6 + 0.4 * sin (2 * G_PI * 4 * t));
          samples[i] = (gint16) (v * 32767);
        }
      gst_buffer_unmap (buffer, &map);
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (start, GST_SECOND, RATE);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n, GST_SECOND, RATE);
      g_signal_emit_by_name (src, "push-buffer", buffer, &ret);
      gst_buffer_unref (buffer);
      g_assert_cmpint (ret, ==, GST_FLOW_OK);
    }
  g_signal_emit_by_name (src, "end-of-stream", &ret);

  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return g_steal_pointer (&file);
}

static GFile *
write_file (const char *name,
            const void *data,
            gsize       size)
{
  GFile *file = temp_file (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (g_file_peek_path (file), data, size, &error);
  g_assert_no_error (error);
  return file;
}

static StudioAudioInfo *
probe (GFile   *file,
       GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_audio_probe_async (file, NULL, done_cb, &result);
  return studio_audio_probe_finish (wait_for (&result), error);
}

static gint64
probe_duration (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = probe (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info->duration_us;
}

typedef struct
{
  guint         calls;
  guint         destroyed;
  gint64        last_done;
  gint64        last_total;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (gint64   done_us,
             gint64   total_us,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (progress->destroyed, ==, 0);
  g_assert_cmpint (done_us, >=, progress->last_done);
  g_assert_cmpint (done_us, <=, total_us);
  progress->calls++;
  progress->last_done = done_us;
  progress->last_total = total_us;
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static void
progress_destroy (gpointer user_data)
{
  Progress *progress = user_data;

  progress->destroyed++;
}

static StudioAudioEnvelope *
convert (GFile         *input,
         GFile         *output,
         Progress      *progress,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_audio_convert_async (input, output,
                              progress ? progress_cb : NULL, progress,
                              progress ? progress_destroy : NULL,
                              cancellable, done_cb, &result);
  return studio_audio_convert_finish (wait_for (&result), error);
}

/* The converter's output, made once for the tests that start from it. */
static GFile *
converted (void)
{
  if (files.converted == NULL)
    {
      g_autoptr(GFile) output = temp_file ("pattern.ogg");
      g_autoptr(GError) error = NULL;
      g_autoptr(StudioAudioEnvelope) envelope = convert (files.wav, output, NULL, NULL, &error);
      g_autoptr(GFileInfo) info = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (envelope);
      info = g_file_query_info (output, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      g_assert_no_error (error);
      files.converted = g_steal_pointer (&output);
      files.converted_size = g_file_info_get_size (info);
    }
  return files.converted;
}

/* Probing */

static void
test_probe_wav (void)
{
  g_autoptr(GFile) file = make_pattern ("short.wav", 5, FALSE, "wavenc");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = probe (file, &error);
  g_autoptr(StudioAudioInfo) copy = NULL;

  g_assert_no_error (error);
  assert_near (info->duration_us, 5 * G_USEC_PER_SEC, 50 * MS);
  g_assert_cmpstr (info->container, ==, "audio/x-wav");
  g_assert_nonnull (info->codec);
  g_assert_cmpuint (info->channels, ==, 1);
  g_assert_cmpuint (info->rate, ==, RATE);
  g_assert_false (info->has_video);

  copy = studio_audio_info_copy (info);
  g_assert_cmpstr (copy->container, ==, info->container);
  g_assert_cmpstr (copy->codec, ==, info->codec);
  g_assert_cmpint (copy->duration_us, ==, info->duration_us);
}

static void
test_probe_flac_ogg (void)
{
  g_autoptr(GFile) flac = make_pattern ("short.flac", 3, FALSE, "flacenc");
  g_autoptr(GFile) vorbis = make_pattern ("short.oga", 3, FALSE, "vorbisenc ! oggmux");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) flac_info = probe (flac, &error);
  g_autoptr(StudioAudioInfo) vorbis_info = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (flac_info->container, ==, "audio/x-flac");
  assert_near (flac_info->duration_us, 3 * G_USEC_PER_SEC, 50 * MS);

  vorbis_info = probe (vorbis, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vorbis_info->container, ==, "audio/ogg");
  g_assert_nonnull (vorbis_info->codec);
  g_assert_nonnull (strstr (vorbis_info->codec, "Vorbis"));
  assert_near (vorbis_info->duration_us, 3 * G_USEC_PER_SEC, 50 * MS);
}

static void
test_probe_mp3 (void)
{
  /* With ID3 tags in front, as most MP3 files have: the container is
   * still MPEG audio.
   */
  g_autoptr(GFile) mp3 = make_pattern ("tagged.mp3", 3, FALSE, "lamemp3enc ! id3v2mux");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = probe (mp3, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (info->container, ==, "audio/mpeg");
  g_assert_nonnull (info->codec);
  g_assert_nonnull (strstr (info->codec, "MP3"));
  g_assert_false (info->has_video);
  /* MP3 frames pad the end by up to a frame and the encoder's delay. */
  assert_near (info->duration_us, 3 * G_USEC_PER_SEC, 200 * MS);
}

static void
test_probe_video (void)
{
  g_autoptr(GFile) both = temp_file ("both.webm");
  g_autoptr(GFile) picture = temp_file ("picture.webm");
  g_autofree char *both_launch =
    g_strdup_printf ("videotestsrc num-buffers=25 ! video/x-raw,width=160,height=120 "
                     "! vp8enc deadline=1 ! webmmux name=mux ! filesink location=\"%s\" "
                     "audiotestsrc num-buffers=40 ! audioconvert ! audioresample ! opusenc ! mux.",
                     g_file_peek_path (both));
  g_autofree char *picture_launch =
    g_strdup_printf ("videotestsrc num-buffers=25 ! video/x-raw,width=160,height=120 "
                     "! vp8enc deadline=1 ! webmmux ! filesink location=\"%s\"",
                     g_file_peek_path (picture));
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GFile) output = temp_file ("both.ogg");

  run_launch (both_launch);
  run_launch (picture_launch);

  info = probe (both, &error);
  g_assert_no_error (error);
  g_assert_true (info->has_video);
  g_assert_cmpstr (info->container, ==, "video/webm");

  /* Only the sound is kept. */
  envelope = convert (both, output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studio_audio_envelope_get_n_values (envelope), >=, 5);
  g_assert_false (studio_audio_envelope_is_silent (envelope));
  g_clear_pointer (&info, studio_audio_info_free);
  info = probe (output, &error);
  g_assert_no_error (error);
  g_assert_false (info->has_video);
  g_assert_cmpstr (info->container, ==, "audio/ogg");
  g_clear_pointer (&info, studio_audio_info_free);

  info = probe (picture, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "picture.webm"));
  g_assert_null (info);
  g_clear_error (&error);

  g_clear_pointer (&envelope, studio_audio_envelope_unref);
  g_clear_object (&output);
  output = temp_file ("picture.ogg");
  envelope = convert (picture, output, NULL, NULL, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO);
  g_test_message ("%s", error->message);
  g_assert_null (envelope);
  g_assert_false (g_file_query_exists (output, NULL));
}

static void
test_missing_plugin (void)
{
  g_autoptr(GFile) vorbis = make_pattern ("undecodable.oga", 2, FALSE, "vorbisenc ! oggmux");
  g_autoptr(GFile) output = temp_file ("undecodable.ogg");
  g_autoptr(GstPluginFeature) decoder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  guint rank;

  /* As if the plugin were not installed: nothing picks a decoder with no
   * rank.
   */
  decoder = gst_registry_lookup_feature (gst_registry_get (), "vorbisdec");
  g_assert_nonnull (decoder);
  rank = gst_plugin_feature_get_rank (decoder);
  gst_plugin_feature_set_rank (decoder, GST_RANK_NONE);

  info = probe (vorbis, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "undecodable.oga"));
  g_assert_nonnull (strstr (error->message, "Vorbis"));
  g_assert_null (info);
  g_clear_error (&error);

  envelope = convert (vorbis, output, NULL, NULL, &error);
  gst_plugin_feature_set_rank (decoder, rank);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "undecodable.oga"));
  g_assert_nonnull (strstr (error->message, "Vorbis"));
  g_assert_null (envelope);
  g_assert_false (g_file_query_exists (output, NULL));
}

static void
test_probe_bad (void)
{
  static const char text[] = "Minutes of the meeting\n\nNothing was decided.\n";
  g_autoptr(GFile) text_file = write_file ("notes.txt", text, sizeof text - 1);
  g_autoptr(GFile) empty = write_file ("empty.wav", "", 0);
  g_autoptr(GFile) missing = temp_file ("missing.mp3");
  g_autoptr(GFile) flac = make_pattern ("whole.flac", 3, FALSE, "flacenc");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GFile) truncated = NULL;
  g_autoptr(GFile) noise = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioInfo) info = NULL;
  guint8 random_bytes[4096];
  GRand *rand = g_rand_new_with_seed (11);

  info = probe (text_file, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_assert_null (info);
  g_clear_error (&error);

  info = probe (empty, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_SILENT);
  g_test_message ("%s", error->message);
  g_assert_null (info);
  g_clear_error (&error);

  info = probe (missing, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_null (info);
  g_clear_error (&error);

  for (guint i = 0; i < sizeof random_bytes; i++)
    random_bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  noise = write_file ("noise.mp3", random_bytes, sizeof random_bytes);
  info = probe (noise, &error);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == STUDIO_MEDIA_ERROR);
  g_assert_true (error->code == STUDIO_MEDIA_ERROR_NOT_AUDIO ||
                 error->code == STUDIO_MEDIA_ERROR_CORRUPT);
  g_assert_null (info);
  g_clear_error (&error);

  /* The first kilobyte of a FLAC file: its header promises audio that is
   * not there.
   */
  g_file_get_contents (g_file_peek_path (flac), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1024);
  truncated = write_file ("cut.flac", contents, 1024);
  info = probe (truncated, &error);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == STUDIO_MEDIA_ERROR);
  g_assert_true (error->code == STUDIO_MEDIA_ERROR_NOT_AUDIO ||
                 error->code == STUDIO_MEDIA_ERROR_CORRUPT);
  g_assert_null (info);
  g_clear_error (&error);
  g_clear_object (&truncated);
  g_clear_pointer (&contents, g_free);

  /* The same of a WAV file. */
  g_file_get_contents (g_file_peek_path (files.wav), &contents, &length, &error);
  g_assert_no_error (error);
  truncated = write_file ("cut.wav", contents, 1024);
  info = probe (truncated, &error);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == STUDIO_MEDIA_ERROR);
  g_assert_true (error->code == STUDIO_MEDIA_ERROR_NOT_AUDIO ||
                 error->code == STUDIO_MEDIA_ERROR_CORRUPT);
  g_assert_null (info);
}

/* Converting */

static void
test_convert_pattern (void)
{
  g_autoptr(GFile) output = temp_file ("converted.ogg");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(StudioAudioEnvelope) decoded = NULL;
  g_autoptr(StudioAudioInfo) info = NULL;
  Progress progress = { 0, };
  guint n;

  envelope = convert (files.wav, output, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (envelope);

  /* Told at least the end, on this context, and let go after it. */
  g_assert_cmpuint (progress.calls, >=, 1);
  assert_near (progress.last_done, LONG_S * G_USEC_PER_SEC, 100 * MS);
  while (progress.destroyed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (progress.destroyed, ==, 1);

  n = studio_audio_envelope_get_n_values (envelope);
  g_assert_cmpuint (n, >=, LONG_S * 10 - 2);
  g_assert_cmpuint (n, <=, LONG_S * 10 + 1);
  g_assert_false (studio_audio_envelope_is_silent (envelope));

  /* Bursts are loud and pauses silent, where they were made. */
  for (guint i = 0; i < n; i++)
    {
      double middle = (i + 0.5) * STUDIO_AUDIO_ENVELOPE_STEP_US / (double) G_USEC_PER_SEC;
      double level = studio_audio_envelope_get_value (envelope, i);

      if (in_burst (middle - 0.05) && in_burst (middle + 0.05))
        g_assert_cmpfloat (level, >, -30.0);
      else if (!in_burst (middle - 0.05) && !in_burst (middle + 0.05))
        g_assert_cmpfloat (level, <, -60.0);
    }

  info = probe (output, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->container, ==, "audio/ogg");
  g_assert_nonnull (strstr (info->codec, "Opus"));
  g_assert_cmpuint (info->channels, ==, 1);
  assert_near (info->duration_us, LONG_S * G_USEC_PER_SEC, 100 * MS);

  /* The output decodes all through, to the same loudness. */
  decoded = convert (output, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ABS ((int) studio_audio_envelope_get_n_values (decoded) - (int) n), <=, 1);
  g_assert_cmpfloat (fabs (studio_audio_envelope_get_loudest_db (decoded) -
                           studio_audio_envelope_get_loudest_db (envelope)), <, 3.0);
}

static void
test_convert_silent (void)
{
  g_autoptr(GFile) quiet = make_pattern ("quiet.wav", 4, TRUE, "wavenc");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = convert (quiet, NULL, NULL, NULL, &error);
  g_autoptr(GFile) empty = write_file ("nothing.wav", "", 0);
  g_autoptr(GFile) output = temp_file ("nothing.ogg");
  g_autoptr(StudioAudioEnvelope) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (studio_audio_envelope_get_n_values (envelope), >=, 39);
  g_assert_true (studio_audio_envelope_is_silent (envelope));

  none = convert (empty, output, NULL, NULL, &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_SILENT);
  g_test_message ("%s", error->message);
  g_assert_null (none);
  g_assert_false (g_file_query_exists (output, NULL));
}

static void
test_convert_not_audio (void)
{
  static const char text[] = "Just some words, not a recording of them.\n";
  g_autoptr(GFile) input = write_file ("words.mp3", text, sizeof text - 1);
  g_autoptr(GFile) output = temp_file ("words.ogg");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = convert (input, output, NULL, NULL, &error);

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == STUDIO_MEDIA_ERROR);
  g_assert_true (error->code == STUDIO_MEDIA_ERROR_NOT_AUDIO ||
                 error->code == STUDIO_MEDIA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "words.mp3"));
  g_assert_null (envelope);
  g_assert_false (g_file_query_exists (output, NULL));
}

static void
test_convert_cancel (void)
{
  g_autoptr(GFile) output = temp_file ("cancelled.ogg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  Progress progress = { 0, };

  progress.cancel_at_first = cancellable;
  envelope = convert (files.wav, output, &progress, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (envelope);
  g_assert_cmpuint (progress.calls, >=, 1);
  /* Cancelled at the first report, well before the end. */
  g_assert_cmpint (progress.last_done, <, LONG_S * G_USEC_PER_SEC);
  g_assert_false (g_file_query_exists (output, NULL));
  while (progress.destroyed == 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Planning and splitting */

static StudioAudioEnvelope *
envelope_from (const double *values,
               guint         n)
{
  StudioAudioEnvelope *envelope = studio_audio_envelope_new ();

  for (guint i = 0; i < n; i++)
    studio_audio_envelope_append (envelope, values[i]);
  return envelope;
}

static void
test_envelope (void)
{
  static const double values[] = { -20, -INFINITY, -10, NAN, -45 };
  g_autoptr(StudioAudioEnvelope) empty = studio_audio_envelope_new ();
  g_autoptr(StudioAudioEnvelope) envelope = envelope_from (values, G_N_ELEMENTS (values));
  g_autoptr(StudioAudioEnvelope) quiet = envelope_from (values + 4, 1);
  g_autoptr(GArray) none = NULL;

  g_assert_cmpuint (studio_audio_envelope_get_n_values (empty), ==, 0);
  g_assert_cmpfloat (studio_audio_envelope_get_loudest_db (empty), ==, -G_MAXDOUBLE);
  g_assert_true (studio_audio_envelope_is_silent (empty));
  g_assert_cmpint (studio_audio_envelope_get_duration_us (empty), ==, 0);

  g_assert_cmpuint (studio_audio_envelope_get_n_values (envelope), ==, 5);
  g_assert_cmpint (studio_audio_envelope_get_duration_us (envelope), ==, 500 * MS);
  g_assert_cmpfloat (studio_audio_envelope_get_loudest_db (envelope), ==, -10);
  g_assert_true (isfinite (studio_audio_envelope_get_value (envelope, 1)));
  g_assert_true (isfinite (studio_audio_envelope_get_value (envelope, 3)));
  g_assert_cmpfloat (studio_audio_envelope_get_value (envelope, 1), <, -100);
  g_assert_false (studio_audio_envelope_is_silent (envelope));
  g_assert_false (studio_audio_envelope_is_silent (quiet));

  none = studio_audio_split_plan (envelope, 1000, 1000);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_plan_pauses (void)
{
  /* 40 s of speech with a gap between syllables every 1.5 s (single
   * steps, deeper than any pause), pauses of 1 s at 10 s and 21 s with a
   * shallower one just before the first, and a 2 s pause at 31 s.
   */
  double values[400];
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GArray) cuts = NULL;
  const guint64 file_bytes = 400000;
  static const gint64 expected[] = { 10500000, 21500000, 32000000 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      values[i] = -12.0 - (i % 7);
      if (i % 15 == 7)
        values[i] = -75.0;
      if (i >= 91 && i < 95)
        values[i] = -50.0;
      if ((i >= 100 && i < 110) || (i >= 210 && i < 220))
        values[i] = -60.0 - (i % 2);
      if (i >= 310 && i < 330)
        values[i] = -70.0;
    }
  envelope = envelope_from (values, G_N_ELEMENTS (values));

  /* Each piece may span 0.9 × 150000 B / 10000 B/s = 13.5 s, and its cut
   * lies in the last third of that: each time, in the middle of the
   * quietest pause there, never at a gap in a word.
   */
  cuts = studio_audio_split_plan (envelope, file_bytes, 150000);
  g_assert_cmpuint (cuts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < cuts->len; i++)
    g_assert_cmpint (g_array_index (cuts, gint64, i), ==, expected[i]);

  /* No pause at all: the quietest single step still gives a cut. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = i == 95 ? -30.0 : -12.0 - (i % 3);
  g_clear_pointer (&envelope, studio_audio_envelope_unref);
  g_clear_pointer (&cuts, g_array_unref);
  envelope = envelope_from (values, 120);
  cuts = studio_audio_split_plan (envelope, 120000, 110000);
  g_assert_cmpuint (cuts->len, ==, 1);
  g_assert_cmpint (g_array_index (cuts, gint64, 0), ==, 9550 * MS);

  /* A file that fits is left whole. */
  g_clear_pointer (&cuts, g_array_unref);
  cuts = studio_audio_split_plan (envelope, 120000, 120000);
  g_assert_cmpuint (cuts->len, ==, 0);

  /* An hour that averages less than the encoder's bitrate (long silences)
   * is still planned at that bitrate, which dense speech reaches.
   */
  g_clear_pointer (&envelope, studio_audio_envelope_unref);
  g_clear_pointer (&cuts, g_array_unref);
  envelope = studio_audio_envelope_new ();
  for (guint i = 0; i < 36000; i++)
    studio_audio_envelope_append (envelope, i % 23 < 17 ? -15.0 : -90.0);
  cuts = studio_audio_split_plan (envelope, 10 * 1000 * 1000, 5 * 1000 * 1000);
  g_assert_cmpuint (cuts->len, >=, 3);
  for (guint i = 0; i <= cuts->len; i++)
    {
      gint64 start = i > 0 ? g_array_index (cuts, gint64, i - 1) : 0;
      gint64 end = i < cuts->len ? g_array_index (cuts, gint64, i) : (gint64) 3600 * G_USEC_PER_SEC;

      g_assert_cmpuint (studio_audio_estimate_bytes (end - start), <=, 4500 * 1000);
    }
}

static void
test_split (void)
{
  GFile *input = converted ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GArray) cuts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (files.dir);
  guint64 max_bytes = files.converted_size * 3 / 10;
  gint64 whole = probe_duration (input);
  gint64 sum = 0;
  gint64 previous_end = 0;

  envelope = convert (input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  cuts = studio_audio_split_plan (envelope, files.converted_size, max_bytes);
  g_assert_cmpuint (cuts->len, >=, 3);
  g_assert_cmpuint (cuts->len, <=, 6);
  for (guint i = 0; i < cuts->len; i++)
    {
      double t = g_array_index (cuts, gint64, i) / (double) G_USEC_PER_SEC;

      /* Inside a pause, clear of the bursts on either side. */
      g_assert_false (in_burst (t - 0.1));
      g_assert_false (in_burst (t + 0.1));
    }

  studio_audio_split_async (input, cuts, folder, "pattern", NULL, done_cb, &result);
  pieces = studio_audio_split_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pieces->len, ==, cuts->len + 1);

  for (guint i = 0; i < pieces->len; i++)
    {
      StudioAudioPiece *piece = g_ptr_array_index (pieces, i);
      g_autofree char *name = g_file_get_basename (piece->file);
      g_autofree char *expected = g_strdup_printf ("pattern-%03u.ogg", i + 1);
      g_autoptr(StudioAudioPiece) copy = studio_audio_piece_copy (piece);
      gint64 duration = probe_duration (piece->file);

      g_assert_cmpstr (name, ==, expected);
      g_assert_true (g_file_equal (copy->file, piece->file));
      g_assert_cmpuint (piece->size, >, 0);
      g_assert_cmpuint (piece->size, <, max_bytes);
      g_assert_cmpint (piece->end_us, >, piece->start_us);
      g_assert_cmpint (piece->start_us, ==, previous_end);
      previous_end = piece->end_us;
      if (i < cuts->len)
        g_assert_cmpint (ABS (piece->end_us - g_array_index (cuts, gint64, i)), <, 100);
      assert_near (duration, (piece->end_us - piece->start_us), 30 * MS);
      sum += duration;
    }

  assert_near (sum, whole, 100 * MS);
  assert_near (previous_end, whole, 100 * MS);
}

static void
test_split_fail (void)
{
  GFile *input = converted ();
  g_autoptr(GFile) folder = g_file_new_for_path (files.dir);
  g_autoptr(GFile) gone = temp_file ("no-such-folder");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 times[] = { 20 * G_USEC_PER_SEC, 40 * G_USEC_PER_SEC };

  g_array_append_vals (cuts, times, G_N_ELEMENTS (times));

  /* A folder that is not there: the first piece cannot be written. */
  studio_audio_split_async (input, cuts, gone, "lost", NULL, done_cb, &result);
  pieces = studio_audio_split_finish (wait_for (&result), &error);
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "lost-001.ogg"));
  g_assert_null (pieces);
  g_clear_error (&error);

  /* Cancelled: no piece is left behind. */
  studio_audio_split_async (input, cuts, folder, "cancelled", cancellable, done_cb,
                            &cancelled_result);
  g_cancellable_cancel (cancellable);
  pieces = studio_audio_split_finish (wait_for (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pieces);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("cancelled-%03u.ogg", i);
      g_autoptr(GFile) piece = temp_file (name);

      g_assert_false (g_file_query_exists (piece, NULL));
    }
}

static void
test_cut (void)
{
  GFile *input = converted ();
  g_autoptr(GFile) clip = temp_file ("clip.ogg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GAsyncResult) late_result = NULL;
  g_autoptr(GFile) late = temp_file ("late.ogg");
  double first;

  /* From inside a burst (9.2–10.9 s), over a pause (10.9–11.5 s), to the
   * end of the next burst.
   */
  studio_audio_cut_async (input, 10200 * MS, 13200 * MS, clip, NULL, done_cb, &result);
  g_assert_true (studio_audio_cut_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  assert_near (probe_duration (clip), 3 * G_USEC_PER_SEC, 100 * MS);

  /* It starts where asked: loud at once, with the pause 0.7 s in, not
   * with the audio of 0 s.
   */
  envelope = convert (clip, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  first = studio_audio_envelope_get_value (envelope, 1);
  g_assert_cmpfloat (first, >, -30.0);
  g_assert_cmpfloat (studio_audio_envelope_get_value (envelope, 6), >, -30.0);
  for (guint i = 8; i < 12; i++)
    g_assert_cmpfloat (studio_audio_envelope_get_value (envelope, i), <, -60.0);
  g_assert_cmpfloat (studio_audio_envelope_get_value (envelope, 14), >, -30.0);

  /* A range past the end is refused, and nothing left behind. */
  studio_audio_cut_async (input, 100 * G_USEC_PER_SEC, 103 * G_USEC_PER_SEC,
                          late, NULL, done_cb, &late_result);
  g_assert_false (studio_audio_cut_finish (wait_for (&late_result), &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (late, NULL));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_assert_true (studio_media_init (&error));
  files.dir = g_dir_make_tmp ("studio-audio-convert-XXXXXX", &error);
  g_assert_no_error (error);
  files.wav = make_pattern ("pattern.wav", LONG_S, FALSE, "wavenc");

  g_test_add_func ("/studio/audio-convert/probe/wav", test_probe_wav);
  g_test_add_func ("/studio/audio-convert/probe/flac-ogg", test_probe_flac_ogg);
  g_test_add_func ("/studio/audio-convert/probe/mp3", test_probe_mp3);
  g_test_add_func ("/studio/audio-convert/probe/video", test_probe_video);
  g_test_add_func ("/studio/audio-convert/probe/bad", test_probe_bad);
  g_test_add_func ("/studio/audio-convert/probe/missing-plugin", test_missing_plugin);
  g_test_add_func ("/studio/audio-convert/convert/pattern", test_convert_pattern);
  g_test_add_func ("/studio/audio-convert/convert/silent", test_convert_silent);
  g_test_add_func ("/studio/audio-convert/convert/not-audio", test_convert_not_audio);
  g_test_add_func ("/studio/audio-convert/convert/cancel", test_convert_cancel);
  g_test_add_func ("/studio/audio-convert/envelope", test_envelope);
  g_test_add_func ("/studio/audio-convert/plan/pauses", test_plan_pauses);
  g_test_add_func ("/studio/audio-convert/split", test_split);
  g_test_add_func ("/studio/audio-convert/split-fail", test_split_fail);
  g_test_add_func ("/studio/audio-convert/cut", test_cut);

  ret = g_test_run ();

  g_clear_object (&files.wav);
  g_clear_object (&files.converted);
  remove_dir (files.dir);
  g_free (files.dir);

  return ret;
}
