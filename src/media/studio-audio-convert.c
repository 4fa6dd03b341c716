/* studio-audio-convert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <string.h>

#include <gst/pbutils/pbutils.h>
#include <glib/gi18n.h>

#include "studio-audio-convert.h"
#include "studio-audio-encode.h"
#include "studio-media-error.h"

/* Any file the user brought, turned into the compact mono Opus the app
 * uploads, as fast as the machine decodes and encodes it: a pipeline on a
 * worker thread, its bus read there, only the progress and the result
 * going back to the caller's main context. The loudness over time is
 * measured on the way, for the silence check and for where to split.
 */

/* How often progress is told at most, whatever the speed. */
#define PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  gatomicrefcount          ref_count;
  GMainContext            *context;
  StudioAudioProgressFunc  func;
  gpointer                 data;
  GDestroyNotify           destroy;
} Progress;

typedef struct
{
  Progress *progress;
  gint64    done_us;
  gint64    total_us;
} ProgressCall;

typedef struct
{
  GFile    *input;
  GFile    *output;
  Progress *progress;
} Convert;

/* What decodebin's "autoplug-select" returns; its enum is not public. */
typedef enum
{
  AUTOPLUG_TRY,
  AUTOPLUG_EXPOSE,
  AUTOPLUG_SKIP,
} AutoplugResult;

/* What the decoder bin remembers between its streaming threads. */
typedef struct
{
  int         linked;
  GstElement *convert;
} Decoder;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (gpointer data)
{
  Progress *progress = data;

  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      if (progress->destroy != NULL)
        progress->destroy (progress->data);
      g_main_context_unref (progress->context);
      g_free (progress);
    }
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  if (call->progress->func != NULL)
    call->progress->func (call->done_us, call->total_us, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  progress_unref (call->progress);
  g_free (call);
}

/* Tells the caller, on its context, after anything told before. */
static void
progress_report (Progress *progress,
                 gint64    done_us,
                 gint64    total_us)
{
  ProgressCall *call = g_new0 (ProgressCall, 1);

  call->progress = progress_ref (progress);
  call->done_us = done_us;
  call->total_us = total_us;
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT,
                              progress_call_cb, call, progress_call_free);
}

static gboolean
nothing_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

static void
convert_free (Convert *convert)
{
  g_clear_object (&convert->input);
  g_clear_object (&convert->output);
  /* The caller's data is let go on its own context, as its progress was
   * told, whichever thread drops the task.
   */
  if (convert->progress != NULL)
    g_main_context_invoke_full (convert->progress->context, G_PRIORITY_DEFAULT,
                                nothing_cb, convert->progress, progress_unref);
  g_free (convert);
}

/**
 * studio_audio_display_name:
 * @file: a file
 *
 * Returns: (transfer full): how to name @file in a message
 */
char *
studio_audio_display_name (GFile *file)
{
  const char *path = g_file_peek_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_basename (file);
}

static AutoplugResult
decoder_autoplug_select_cb (GstElement         *bin,
                            GstPad             *pad,
                            GstCaps            *caps,
                            GstElementFactory  *factory,
                            gpointer            user_data)
{
  const char *klass = gst_element_factory_get_metadata (factory, GST_ELEMENT_METADATA_KLASS);

  /* Video, pictures and subtitles are handed out still encoded, and then
   * dropped: decoding a film's picture to transcribe it would waste most
   * of the time.
   */
  if (klass != NULL && strstr (klass, "Demux") == NULL && strstr (klass, "Audio") == NULL &&
      (strstr (klass, "Decoder") != NULL || strstr (klass, "Parser") != NULL))
    return AUTOPLUG_EXPOSE;

  return AUTOPLUG_TRY;
}

static void
decoder_pad_added_cb (GstElement *uridecodebin,
                      GstPad     *pad,
                      gpointer    user_data)
{
  Decoder *decoder = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  GstObject *parent;
  GstElement *sink;
  g_autoptr(GstPad) sink_pad = NULL;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);

  if (caps != NULL && !gst_caps_is_empty (caps) &&
      gst_structure_has_name (gst_caps_get_structure (caps, 0), "audio/x-raw") &&
      g_atomic_int_compare_and_exchange (&decoder->linked, 0, 1))
    {
      sink_pad = gst_element_get_static_pad (decoder->convert, "sink");
      gst_pad_link (pad, sink_pad);
      return;
    }

  /* Every other stream flows into a sink of its own, so that it neither
   * stalls the demuxer nor ends the file early.
   */
  parent = gst_object_get_parent (GST_OBJECT (uridecodebin));
  sink = gst_element_factory_make ("fakesink", NULL);
  if (parent == NULL || sink == NULL)
    {
      g_clear_pointer (&parent, gst_object_unref);
      if (sink != NULL)
        gst_object_unref (gst_object_ref_sink (sink));
      return;
    }
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (parent), sink);
  gst_element_sync_state_with_parent (sink);
  sink_pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_link (pad, sink_pad);
  gst_object_unref (parent);
}

/* An audio stream nothing decodes: named now, before decodebin's own
 * error, which only says that a plugin is missing.
 */
static void
decoder_unknown_type_cb (GstElement *uridecodebin,
                         GstPad     *pad,
                         GstCaps    *caps,
                         gpointer    user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  if (caps == NULL || gst_caps_is_empty (caps) ||
      !g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "audio/"))
    return;

  gst_pb_utils_init ();
  description = gst_pb_utils_get_codec_description (caps);
  if (description == NULL)
    description = g_strdup (gst_structure_get_name (gst_caps_get_structure (caps, 0)));
  error = g_error_new_literal (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN, description);
  gst_element_post_message (uridecodebin,
                            gst_message_new_error (GST_OBJECT (uridecodebin), error,
                                                   "no decoder for an audio stream"));
}

static void
decoder_no_more_pads_cb (GstElement *uridecodebin,
                         gpointer    user_data)
{
  Decoder *decoder = user_data;
  g_autoptr(GError) error = NULL;

  if (g_atomic_int_get (&decoder->linked))
    return;

  error = g_error_new_literal (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO,
                               "The file holds no audio stream.");
  gst_element_post_message (uridecodebin,
                            gst_message_new_error (GST_OBJECT (uridecodebin), error,
                                                   "no audio stream"));
}

/**
 * studio_audio_decoder_new:
 * @input: an audio or video file
 * @error: the return location for a missing plugin
 *
 * Makes a bin that decodes the first audio stream of @input to raw audio
 * on its "src" pad, leaving any video undecoded. A file with no audio
 * posts a %STUDIO_MEDIA_ERROR_NOT_AUDIO error on the bus.
 *
 * Returns: (transfer floating) (nullable): the bin
 */
GstElement *
studio_audio_decoder_new (GFile   *input,
                          GError **error)
{
  g_autofree char *uri = NULL;
  g_autoptr(GstPad) src = NULL;
  GstElement *uridecodebin;
  GstElement *convert;
  GstElement *bin;
  Decoder *decoder;

  g_return_val_if_fail (G_IS_FILE (input), NULL);

  if (!(uridecodebin = studio_media_make_element ("uridecodebin", NULL, error)))
    return NULL;
  if (!(convert = studio_media_make_element ("audioconvert", NULL, error)))
    {
      gst_object_unref (gst_object_ref_sink (uridecodebin));
      return NULL;
    }

  uri = g_file_get_uri (input);
  g_object_set (uridecodebin, "uri", uri, NULL);

  bin = gst_bin_new (NULL);
  gst_bin_add_many (GST_BIN (bin), uridecodebin, convert, NULL);
  src = gst_element_get_static_pad (convert, "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", src));

  decoder = g_new0 (Decoder, 1);
  decoder->convert = convert;
  g_object_set_data_full (G_OBJECT (bin), "studio-decoder", decoder, g_free);
  g_signal_connect (uridecodebin, "autoplug-select",
                    G_CALLBACK (decoder_autoplug_select_cb), decoder);
  g_signal_connect (uridecodebin, "pad-added", G_CALLBACK (decoder_pad_added_cb), decoder);
  g_signal_connect (uridecodebin, "unknown-type", G_CALLBACK (decoder_unknown_type_cb), NULL);
  g_signal_connect (uridecodebin, "no-more-pads", G_CALLBACK (decoder_no_more_pads_cb), decoder);

  return bin;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GstBus *bus = user_data;

  gst_bus_post (bus, gst_message_new_application (NULL, gst_structure_new_empty ("studio-cancel")));
}

static GError *
error_from_message (GstMessage *message,
                    const char *name)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *what = NULL;

  gst_message_parse_error (message, &gst_error, NULL);

  if (g_error_matches (gst_error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO))
    return g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO,
                        _("“%s” holds no audio."), name);
  if (g_error_matches (gst_error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN))
    return g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                        _("“%s” could not be converted: GStreamer has no decoder for %s. "
                          "Install the GStreamer plugins for it, or convert the file to MP3 "
                          "or WAV in another app."),
                        name, gst_error->message);

  what = g_strdup_printf (_("“%s” could not be converted."), name);
  return studio_media_error_from_gst (gst_error, what);
}

static double
level_rms_db (const GstStructure *structure)
{
  const GValue *value = gst_structure_get_value (structure, "rms");
  GValueArray *array;
  double rms = 0.0;

  if (value == NULL || !G_VALUE_HOLDS_BOXED (value))
    return -G_MAXDOUBLE;

  /* level gives one value a channel in a GValueArray; the audio is mono
   * by then.
   */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  array = g_value_get_boxed (value);
  if (array == NULL || array->n_values == 0)
    return -G_MAXDOUBLE;
  rms = g_value_get_double (g_value_array_get_nth (array, 0));
  G_GNUC_END_IGNORE_DEPRECATIONS

  return rms;
}

static GstElement *
build_pipeline (Convert  *convert,
                GError  **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr(GstCaps) caps = gst_caps_new_simple ("audio/x-raw", "channels", G_TYPE_INT, 1, NULL);
  GstElement *decoder, *filter, *level, *encoder, *sink;

  if (!(decoder = studio_audio_decoder_new (convert->input, error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), decoder);

  if (!(filter = studio_media_make_element ("capsfilter", NULL, error)))
    return NULL;
  g_object_set (filter, "caps", caps, NULL);
  gst_bin_add (GST_BIN (pipeline), filter);

  if (!(level = studio_media_make_element ("level", "level", error)))
    return NULL;
  g_object_set (level,
                "interval", (guint64) (STUDIO_AUDIO_ENVELOPE_STEP_US * GST_USECOND),
                "post-messages", TRUE,
                "peak-ttl", (guint64) 0,
                NULL);
  gst_bin_add (GST_BIN (pipeline), level);

  if (convert->output != NULL)
    {
      if (!(encoder = studio_audio_encoder_new (NULL, error)))
        return NULL;
      gst_bin_add (GST_BIN (pipeline), encoder);
      if (!(sink = studio_media_make_element ("filesink", NULL, error)))
        return NULL;
      g_object_set (sink, "location", g_file_peek_path (convert->output), NULL);
    }
  else
    {
      encoder = NULL;
      if (!(sink = studio_media_make_element ("fakesink", NULL, error)))
        return NULL;
    }
  /* As fast as the machine goes, not in real time. */
  g_object_set (sink, "sync", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);

  if (!gst_element_link_many (decoder, filter, level, NULL) ||
      !(encoder != NULL ? gst_element_link_many (level, encoder, sink, NULL)
                        : gst_element_link (level, sink)))
    {
      g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                           _("The audio converter could not be set up."));
      return NULL;
    }

  return g_steal_pointer (&pipeline);
}

static StudioAudioEnvelope *
run_pipeline (Convert       *convert,
              GstElement    *pipeline,
              const char    *name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(StudioAudioEnvelope) envelope = studio_audio_envelope_new ();
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  GstElement *level = gst_bin_get_by_name (GST_BIN (pipeline), "level");
  gint64 total_us = 0;
  gint64 done_us = 0;
  gint64 last_report = 0;
  gboolean running = TRUE;
  gulong cancel_id = 0;

  /* The pipeline keeps it alive; below, only its address is compared. */
  gst_object_unref (level);

  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                       gst_object_ref (bus), gst_object_unref);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        g_propagate_error (error, error_from_message (message, name));
      else
        g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                     _("“%s” could not be converted."), name);
      running = FALSE;
      envelope = (studio_audio_envelope_unref (envelope), NULL);
    }

  while (running)
    {
      g_autoptr(GstMessage) message =
        gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                    GST_MESSAGE_EOS | GST_MESSAGE_ERROR |
                                    GST_MESSAGE_ELEMENT | GST_MESSAGE_APPLICATION);

      switch (GST_MESSAGE_TYPE (message))
        {
        case GST_MESSAGE_ELEMENT:
          if (GST_MESSAGE_SRC (message) == GST_OBJECT (level) &&
              gst_message_has_name (message, "level"))
            {
              const GstStructure *structure = gst_message_get_structure (message);
              GstClockTime end = GST_CLOCK_TIME_NONE;
              GstClockTime duration = GST_CLOCK_TIME_NONE;
              gint64 now;

              /* At the end, level reports what is left, even nothing. */
              if (gst_structure_get_clock_time (structure, "duration", &duration) &&
                  duration < GST_MSECOND)
                break;

              studio_audio_envelope_append (envelope, level_rms_db (structure));
              if (gst_structure_get_clock_time (structure, "endtime", &end) &&
                  GST_CLOCK_TIME_IS_VALID (end))
                done_us = (gint64) (end / GST_USECOND);
              else
                done_us = studio_audio_envelope_get_duration_us (envelope);

              if (total_us == 0)
                {
                  gint64 length = 0;

                  if (gst_element_query_duration (pipeline, GST_FORMAT_TIME, &length) &&
                      length > 0)
                    total_us = length / GST_USECOND;
                }

              now = g_get_monotonic_time ();
              if (convert->progress != NULL && now - last_report >= PROGRESS_INTERVAL_US)
                {
                  last_report = now;
                  progress_report (convert->progress, done_us, MAX (total_us, done_us));
                }
            }
          break;

        case GST_MESSAGE_EOS:
          if (convert->progress != NULL)
            progress_report (convert->progress, done_us, done_us);
          running = FALSE;
          break;

        case GST_MESSAGE_ERROR:
          g_propagate_error (error, error_from_message (message, name));
          envelope = (studio_audio_envelope_unref (envelope), NULL);
          running = FALSE;
          break;

        case GST_MESSAGE_APPLICATION:
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The conversion was cancelled."));
          envelope = (studio_audio_envelope_unref (envelope), NULL);
          running = FALSE;
          break;

        default:
          break;
        }
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  g_cancellable_disconnect (cancellable, cancel_id);

  return g_steal_pointer (&envelope);
}

static void
convert_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Convert *convert = task_data;
  g_autofree char *name = studio_audio_display_name (convert->input);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GError *error = NULL;

  if (!studio_media_init (&error))
    {
      g_task_return_error (task, error);
      return;
    }

  info = g_file_query_info (convert->input, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) == 0)
    {
      g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_SILENT,
                               _("“%s” is empty."), name);
      return;
    }

  if (!(pipeline = build_pipeline (convert, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  gst_object_ref_sink (pipeline);

  envelope = run_pipeline (convert, pipeline, name, cancellable, &error);
  g_clear_pointer (&pipeline, gst_object_unref);

  if (envelope == NULL)
    {
      if (convert->output != NULL)
        g_file_delete (convert->output, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&envelope),
                         (GDestroyNotify) studio_audio_envelope_unref);
}

/**
 * studio_audio_convert_async:
 * @input: any audio or video file GStreamer decodes
 * @output: (nullable): a local file to write mono Ogg Opus to, or %NULL to
 *   only measure the loudness
 * @progress: (nullable) (scope notified): told how far it is
 * @progress_data: (closure progress): for @progress
 * @progress_destroy: (destroy progress_data): frees @progress_data, on the
 *   caller's main context
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Decodes the first audio stream of @input (never its video) and encodes
 * it as studio_audio_encoder_new() does, as fast as possible, on a worker
 * thread, measuring its loudness every %STUDIO_AUDIO_ENVELOPE_STEP_US. On
 * failure or cancellation @output is deleted.
 */
void
studio_audio_convert_async (GFile                   *input,
                            GFile                   *output,
                            StudioAudioProgressFunc  progress,
                            gpointer                 progress_data,
                            GDestroyNotify           progress_destroy,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Convert *convert;

  g_return_if_fail (G_IS_FILE (input));
  g_return_if_fail (output == NULL || (G_IS_FILE (output) && g_file_peek_path (output) != NULL));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_audio_convert_async);
  convert = g_new0 (Convert, 1);
  convert->input = g_object_ref (input);
  convert->output = output ? g_object_ref (output) : NULL;
  if (progress != NULL || progress_destroy != NULL)
    {
      convert->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&convert->progress->ref_count);
      convert->progress->context = g_main_context_ref_thread_default ();
      convert->progress->func = progress;
      convert->progress->data = progress_data;
      convert->progress->destroy = progress_destroy;
    }
  g_task_set_task_data (task, convert, (GDestroyNotify) convert_free);
  g_task_run_in_thread (task, convert_thread);
}

/**
 * studio_audio_convert_finish:
 * @result: the result given to the callback
 * @error: the return location for a %STUDIO_MEDIA_ERROR naming the input,
 *   or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the loudness of the audio over time
 */
StudioAudioEnvelope *
studio_audio_convert_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_audio_convert_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
