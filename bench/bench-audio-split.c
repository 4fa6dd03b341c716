/* bench-audio-split.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a long recording costs before it can be uploaded: an hour of
 * speech-like audio (tone bursts and pauses), brought as a WAV file, is
 * converted to mono Opus, planned and split. At 32 kbit/s an hour is
 * about 15 MB, under the API's 25 MB, so the plan for 25 MB leaves it
 * whole; a 5 MB limit is measured too, so that splitting really runs.
 *
 * The WAV file is made before any timing starts.
 *
 *   bench-audio-split [MINUTES]
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "studio-audio-convert.h"
#include "studio-audio-envelope.h"
#include "studio-audio-split.h"
#include "studio-media-error.h"

#define RATE 16000
#define BURST_S 1.7
#define PAUSE_S 0.6
#define MB (1000.0 * 1000.0)

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
make_wav (const char *path,
          guint       minutes)
{
  g_autofree char *description =
    g_strdup_printf ("appsrc name=src format=time block=true "
                     "caps=audio/x-raw,format=S16LE,layout=interleaved,channels=1,rate=%d "
                     "! wavenc ! filesink location=\"%s\"", RATE, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  guint64 total = (guint64) minutes * 60 * RATE;
  GstFlowReturn ret;

  if (pipeline == NULL)
    g_error ("%s", error->message);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (guint64 start = 0; start < total; start += RATE)
    {
      guint n = (guint) MIN ((guint64) RATE, total - start);
      GstBuffer *buffer = gst_buffer_new_allocate (NULL, n * 2, NULL);
      GstMapInfo map;
      gint16 *samples;

      gst_buffer_map (buffer, &map, GST_MAP_WRITE);
      samples = (gint16 *) (gpointer) map.data;
      for (guint i = 0; i < n; i++)
        {
          double t = (double) (start + i) / RATE;
          double v = 0.0;

          /* Phrases of 1.7 s at a syllable rate, 0.6 s apart. */
          if (fmod (t, BURST_S + PAUSE_S) < BURST_S)
            v = (0.25 * sin (2 * G_PI * 220 * t) + 0.15 * sin (2 * G_PI * 1130 * t))
                * (0.6 + 0.4 * sin (2 * G_PI * 4 * t));
          samples[i] = (gint16) (v * 32767);
        }
      gst_buffer_unmap (buffer, &map);
      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (start, GST_SECOND, RATE);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (n, GST_SECOND, RATE);
      g_signal_emit_by_name (src, "push-buffer", buffer, &ret);
      gst_buffer_unref (buffer);
      if (ret != GST_FLOW_OK)
        g_error ("The WAV file could not be written.");
    }
  g_signal_emit_by_name (src, "end-of-stream", &ret);

  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_EOS)
    g_error ("The WAV file could not be written.");
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

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

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;
  return (guint64) buf.st_size;
}

static char *
format_time (gint64 us)
{
  gint64 ms = us / 1000;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d.%03d", ms / 3600000,
                          (int) (ms / 60000 % 60), (int) (ms / 1000 % 60), (int) (ms % 1000));
}

/* Plans and splits for @max_bytes; returns the wall time it took. */
static double
split_for (GFile               *input,
           StudioAudioEnvelope *envelope,
           guint64              size,
           guint64              max_bytes,
           const char          *dir,
           double               audio_s)
{
  g_autoptr(GArray) cuts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *basename = g_strdup_printf ("piece-%" G_GUINT64_FORMAT "mb",
                                               max_bytes / 1000000);
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_seconds ();
  double plan_s, split_s;

  cuts = studio_audio_split_plan (envelope, size, max_bytes);
  plan_s = (g_get_monotonic_time () - start) / 1e6;
  if (cuts->len == 0)
    {
      printf ("split for %.0f MB: the file fits, no cuts (planned in %.3f s)\n",
              max_bytes / MB, plan_s);
      return plan_s;
    }

  studio_audio_split_async (input, cuts, folder, basename, NULL, done_cb, &result);
  pieces = studio_audio_split_finish (wait_for (&result), &error);
  if (pieces == NULL)
    g_error ("Splitting failed: %s", error->message);
  split_s = (g_get_monotonic_time () - start) / 1e6;

  printf ("split for %.0f MB: %u pieces in %.2f s "
          "(%.0f× real time, %.2f s of CPU; planned in %.3f s)\n",
          max_bytes / MB, pieces->len, split_s, audio_s / split_s, cpu_seconds () - cpu, plan_s);
  for (guint i = 0; i < pieces->len; i++)
    {
      StudioAudioPiece *piece = g_ptr_array_index (pieces, i);
      g_autofree char *from = format_time (piece->start_us);
      g_autofree char *to = format_time (piece->end_us);
      g_autofree char *name = g_file_get_basename (piece->file);

      printf ("  %s: %s – %s, %.2f MB\n", name, from, to, piece->size / MB);
      g_file_delete (piece->file, NULL, NULL);
    }

  return split_s;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint minutes = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60;
  g_autofree char *dir = NULL;
  g_autofree char *wav_path = NULL;
  g_autofree char *ogg_path = NULL;
  g_autoptr(GFile) wav = NULL;
  g_autoptr(GFile) ogg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  double audio_s = minutes * 60.0;
  double convert_s, split_s, cpu;
  gint64 start;
  guint64 size;

  if (minutes == 0)
    {
      fprintf (stderr, "Usage: %s [MINUTES]\n", argv[0]);
      return 1;
    }
  if (!studio_media_init (&error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("bench-audio-split-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  wav_path = g_build_filename (dir, "recording.wav", NULL);
  ogg_path = g_build_filename (dir, "recording.ogg", NULL);

  start = g_get_monotonic_time ();
  make_wav (wav_path, minutes);
  printf ("generate (not timed below): %u min of speech-like audio as 16 kHz mono WAV, "
          "%.1f MB, in %.1f s\n",
          minutes, file_size (wav_path) / MB, (g_get_monotonic_time () - start) / 1e6);

  wav = g_file_new_for_path (wav_path);
  ogg = g_file_new_for_path (ogg_path);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  studio_audio_convert_async (wav, ogg, NULL, NULL, NULL, NULL, done_cb, &result);
  envelope = studio_audio_convert_finish (wait_for (&result), &error);
  if (envelope == NULL)
    g_error ("Converting failed: %s", error->message);
  convert_s = (g_get_monotonic_time () - start) / 1e6;
  size = file_size (ogg_path);
  printf ("convert: %.2f s (%.0f× real time, %.2f s of CPU), %.2f MB of Opus, %u loudness values\n",
          convert_s, audio_s / convert_s, cpu_seconds () - cpu, size / MB,
          studio_audio_envelope_get_n_values (envelope));

  split_for (ogg, envelope, size, 25 * 1000 * 1000, dir, audio_s);
  split_s = split_for (ogg, envelope, size, 5 * 1000 * 1000, dir, audio_s);

  printf ("total (convert + split for 5 MB): %.2f s (%.0f× real time)\n",
          convert_s + split_s, audio_s / (convert_s + split_s));

  g_remove (wav_path);
  g_remove (ogg_path);
  g_rmdir (dir);

  return 0;
}
