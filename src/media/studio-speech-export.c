/* studio-speech-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-export"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/app.h>

#include "studio-media-error.h"
#include "studio-speech-decoder.h"
#include "studio-speech-export.h"

/* Saves a clip as one file: its pieces (one answer each, all in the format
 * they were asked in) decoded in order by StudioSpeechDecoder and encoded
 * again as one stream with continuous timestamps. A single piece already
 * in the format asked for is copied as it is.
 *
 * It all runs on a worker thread with a main context of its own (the
 * decoders hand their samples to the thread-default context). The file is
 * written next to the destination under another name and moved over it
 * only once complete, so a failure or a cancel leaves nothing behind.
 */

typedef struct
{
  GPtrArray *files;
  char      *in_format;
  GFile     *destination;
  char      *out_format;
} Export;

typedef struct
{
  GstElement    *appsrc;        /* NULL for raw pcm, written straight to... */
  GOutputStream *raw;           /* ...this */
  guint64        n_samples;
  GError        *error;
  gboolean       over;
} Encode;

static void
export_free (Export *export)
{
  g_ptr_array_unref (export->files);
  g_free (export->in_format);
  g_object_unref (export->destination);
  g_free (export->out_format);
  g_free (export);
}

/* What follows the raw samples for each format. */
static const char *
encoder_description (const char *format)
{
  if (g_str_equal (format, "mp3"))
    return "lamemp3enc target=bitrate bitrate=64 cbr=true ! xingmux";
  if (g_str_equal (format, "opus"))
    return "opusenc bitrate=48000 ! oggmux";
  if (g_str_equal (format, "aac"))
    return "avenc_aac bitrate=64000 ! aacparse ! audio/mpeg,stream-format=adts";
  if (g_str_equal (format, "flac"))
    return "flacenc";
  if (g_str_equal (format, "wav"))
    return "wavenc";

  return NULL;
}

static void
pcm_cb (StudioSpeechDecoder *decoder,
        GBytes              *bytes,
        Encode              *encode)
{
  gsize size = g_bytes_get_size (bytes);

  if (encode->error != NULL)
    return;

  if (encode->raw != NULL)
    {
      g_output_stream_write_all (encode->raw, g_bytes_get_data (bytes, NULL), size, NULL,
                                 NULL, &encode->error);
    }
  else
    {
      GstBuffer *buffer = gst_buffer_new_wrapped_bytes (bytes);
      guint64 samples = size / 2;

      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (encode->n_samples, GST_SECOND,
                                                       STUDIO_SPEECH_DECODER_RATE);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (samples, GST_SECOND,
                                                            STUDIO_SPEECH_DECODER_RATE);
      gst_app_src_push_buffer (GST_APP_SRC (encode->appsrc), buffer);
    }

  encode->n_samples += size / 2;
}

static void
done_cb (StudioSpeechDecoder *decoder,
         Encode              *encode)
{
  encode->over = TRUE;
}

static void
failed_cb (StudioSpeechDecoder *decoder,
           const GError        *error,
           Encode              *encode)
{
  if (encode->error == NULL)
    encode->error = g_error_copy (error);
  encode->over = TRUE;
}

/* Decodes @file into @encode, on the thread-default @context. */
static gboolean
decode_file (GFile         *file,
             const char    *format,
             Encode        *encode,
             GMainContext  *context,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) input = g_file_read (file, cancellable, error);
  g_autoptr(StudioSpeechDecoder) decoder = NULL;

  if (input == NULL)
    return FALSE;

  decoder = studio_speech_decoder_new (format);
  encode->over = FALSE;
  g_signal_connect (decoder, "pcm", G_CALLBACK (pcm_cb), encode);
  g_signal_connect (decoder, "done", G_CALLBACK (done_cb), encode);
  g_signal_connect (decoder, "failed", G_CALLBACK (failed_cb), encode);

  for (;;)
    {
      g_autoptr(GBytes) bytes = g_input_stream_read_bytes (G_INPUT_STREAM (input), 64 * 1024,
                                                           cancellable, error);

      if (bytes == NULL)
        return FALSE;
      if (g_bytes_get_size (bytes) == 0)
        break;
      studio_speech_decoder_push (decoder, bytes);
      while (g_main_context_iteration (context, FALSE));
      if (encode->error != NULL)
        break;
    }

  studio_speech_decoder_finish (decoder);
  while (!encode->over && !g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (context, TRUE);

  studio_speech_decoder_cancel (decoder);

  if (encode->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&encode->error));
      return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static GstElement *
make_encoder (const char  *format,
              GFile       *output,
              GstElement **appsrc,
              GError     **error)
{
  g_autofree char *description = NULL;
  g_autofree char *location = g_file_get_path (output);
  g_autoptr(GError) parse_error = NULL;
  GstElement *pipeline;

  description = g_strdup_printf ("appsrc name=src format=time"
                                 " caps=audio/x-raw,format=S16LE,layout=interleaved,rate=%d,channels=%d"
                                 " ! audioconvert ! %s ! filesink name=sink",
                                 STUDIO_SPEECH_DECODER_RATE, STUDIO_SPEECH_DECODER_CHANNELS,
                                 encoder_description (format));
  pipeline = gst_parse_launch (description, &parse_error);
  if (pipeline == NULL || parse_error != NULL)
    {
      g_clear_object (&pipeline);
      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                   _("This computer cannot write %s audio: GStreamer has no encoder for it. "
                     "Choose another format."), format);
      return NULL;
    }

  {
    g_autoptr(GstElement) sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");

    g_object_set (sink, "location", location, NULL);
  }
  *appsrc = gst_bin_get_by_name (GST_BIN (pipeline), "src");

  return pipeline;
}

/* Waits for the end of the encoding pipeline, or its error. */
static gboolean
finish_encoder (GstElement  *pipeline,
                GstElement  *appsrc,
                const char  *format,
                GError     **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;

  gst_app_src_end_of_stream (GST_APP_SRC (appsrc));
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_propagate_error (error, studio_media_error_from_gst (gst_error, format));
      return FALSE;
    }

  return TRUE;
}

static gboolean
join (Export        *export,
      GFile         *output,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) appsrc = NULL;
  g_autoptr(GFileOutputStream) raw = NULL;
  Encode encode = { NULL, NULL, 0, NULL, FALSE };
  gboolean ok = TRUE;

  if (g_str_equal (export->out_format, "pcm"))
    {
      raw = g_file_replace (output, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
      if (raw == NULL)
        return FALSE;
      encode.raw = G_OUTPUT_STREAM (raw);
    }
  else
    {
      if (!studio_speech_format_can_encode (export->out_format) ||
          !(pipeline = make_encoder (export->out_format, output, &appsrc, error)))
        {
          if (!error || !*error)
            g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                         _("This computer cannot write %s audio: GStreamer has no encoder for it. "
                           "Choose another format."), export->out_format);
          return FALSE;
        }
      encode.appsrc = appsrc;
      g_object_set (appsrc, "block", TRUE, "max-bytes", (guint64) 1024 * 1024, NULL);
      if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
        {
          g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE,
                       _("The file could not be written."));
          return FALSE;
        }
    }

  g_main_context_push_thread_default (context);
  for (guint i = 0; ok && i < export->files->len; i++)
    ok = decode_file (g_ptr_array_index (export->files, i), export->in_format, &encode,
                      context, cancellable, error);
  g_main_context_pop_thread_default (context);

  if (pipeline != NULL)
    {
      if (ok)
        ok = finish_encoder (pipeline, appsrc, export->out_format, error);
      gst_element_set_state (pipeline, GST_STATE_NULL);
    }
  else if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (raw), cancellable, error);

  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (export->destination);
  g_autofree char *basename = g_file_get_basename (export->destination);
  g_autofree char *partial_name = g_strdup_printf (".%s.part", basename);
  g_autoptr(GFile) partial = g_file_get_child (parent, partial_name);
  GError *error = NULL;
  gboolean ok;

  studio_media_init (NULL);

  if (export->files->len == 1 && g_str_equal (export->in_format, export->out_format))
    ok = g_file_copy (g_ptr_array_index (export->files, 0), partial,
                      G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error);
  else
    ok = join (export, partial, cancellable, &error);

  if (ok)
    ok = g_file_move (partial, export->destination, G_FILE_COPY_OVERWRITE, cancellable,
                      NULL, NULL, &error);

  if (!ok)
    {
      g_file_delete (partial, NULL, NULL);
      if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED &&
          error->code != G_IO_ERROR_NOT_FOUND)
        {
          GError *write_error = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE,
                                             _("The file could not be written: %s"),
                                             error->message);

          g_error_free (error);
          error = write_error;
        }
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * studio_speech_export_async:
 * @files: (element-type GFile): a clip's pieces, in order
 * @in_format: the format they are in
 * @destination: the file to write
 * @out_format: the format to write it in
 * @cancellable: (nullable): a cancellable
 * @callback: called once written, or failed
 * @user_data: data for @callback
 *
 * Saves a clip as one file, re-encoded when its pieces must be joined or
 * the format changes.
 */
void
studio_speech_export_async (GPtrArray           *files,
                            const char          *in_format,
                            GFile               *destination,
                            const char          *out_format,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Export *export = g_new0 (Export, 1);

  g_return_if_fail (files != NULL && files->len > 0);
  g_return_if_fail (in_format != NULL && out_format != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  export->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (export->files, g_object_ref (g_ptr_array_index (files, i)));
  export->in_format = g_strdup (in_format);
  export->destination = g_object_ref (destination);
  export->out_format = g_strdup (out_format);

  g_task_set_source_tag (task, studio_speech_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
studio_speech_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
