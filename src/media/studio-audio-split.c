/* studio-audio-split.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <gst/app/app.h>
#include <glib/gi18n.h>

#include "studio-audio-convert.h"
#include "studio-audio-encode.h"
#include "studio-audio-split.h"
#include "studio-media-error.h"

/* A converted file too large to upload, cut into pieces that each fit, or
 * one range of it cut out (a speaker's reference clip). The input is
 * decoded once, on a worker thread, to raw samples that an appsink hands
 * over; each piece gets a fresh encoder of its own behind an appsrc, and
 * the samples are dealt out by count, so that the pieces meet exactly and
 * their lengths add up to the whole.
 */

#define RATE STUDIO_AUDIO_RATE
#define SAMPLE_BYTES 2

/* Raw audio queued for an encoder at most, so that a fast decoder does not
 * pile up an hour of samples in memory.
 */
#define MAX_QUEUED_BYTES (1024 * 1024)

/* How long a wait lasts before cancellation is looked at again. */
#define WAIT_NS (100 * GST_MSECOND)
#define QUEUE_WAIT_NS (5 * GST_MSECOND)

typedef struct
{
  GFile  *output;
  gint64  start_sample;
  gint64  end_sample;
} Range;

typedef struct
{
  GFile  *input;
  GArray *ranges;
} Split;

typedef struct
{
  GFile      *output;
  GstElement *pipeline;
  GstAppSrc  *src;
  GstBus     *bus;
  gint64      first_sample;
  gint64      samples;
} Writer;

G_DEFINE_BOXED_TYPE (StudioAudioPiece, studio_audio_piece,
                     studio_audio_piece_copy, studio_audio_piece_free)

/**
 * studio_audio_piece_new:
 * @file: the piece's file
 * @start_us: where it starts in the whole
 * @end_us: where it ends in the whole
 * @size: its size in bytes
 *
 * Returns: (transfer full): a new piece
 */
StudioAudioPiece *
studio_audio_piece_new (GFile   *file,
                        gint64   start_us,
                        gint64   end_us,
                        guint64  size)
{
  StudioAudioPiece *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_new0 (StudioAudioPiece, 1);
  self->file = g_object_ref (file);
  self->start_us = start_us;
  self->end_us = end_us;
  self->size = size;

  return self;
}

/**
 * studio_audio_piece_copy:
 * @self: a piece
 *
 * Returns: (transfer full): a copy of @self
 */
StudioAudioPiece *
studio_audio_piece_copy (const StudioAudioPiece *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return studio_audio_piece_new (self->file, self->start_us, self->end_us, self->size);
}

/**
 * studio_audio_piece_free:
 * @self: (transfer full): a piece
 *
 * Frees @self; its file stays.
 */
void
studio_audio_piece_free (StudioAudioPiece *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->file);
  g_free (self);
}

static void
range_clear (gpointer data)
{
  Range *range = data;

  g_clear_object (&range->output);
}

static void
split_free (Split *split)
{
  g_clear_object (&split->input);
  g_clear_pointer (&split->ranges, g_array_unref);
  g_free (split);
}

static gint64
us_to_samples (gint64 us)
{
  return (gint64) gst_util_uint64_scale_round ((guint64) MAX (us, 0), RATE, G_USEC_PER_SEC);
}

static gint64
samples_to_us (gint64 samples)
{
  return (gint64) gst_util_uint64_scale_round ((guint64) samples, G_USEC_PER_SEC, RATE);
}

static GstCaps *
raw_caps (void)
{
  return gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "layout", G_TYPE_STRING, "interleaved",
                              "channels", G_TYPE_INT, 1,
                              "rate", G_TYPE_INT, RATE,
                              NULL);
}

/* The error a pipeline posted, naming @file: the piece being written when
 * @writing, else the input.
 */
static GError *
error_from_message (GstMessage *message,
                    gboolean    writing,
                    GFile      *file)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *name = studio_audio_display_name (file);
  g_autofree char *what = NULL;

  gst_message_parse_error (message, &gst_error, NULL);

  if (g_error_matches (gst_error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO))
    return g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO,
                        _("“%s” holds no audio."), name);
  if (g_error_matches (gst_error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN))
    return g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                        _("“%s” could not be split: GStreamer has no decoder for %s."),
                        name, gst_error->message);

  if (writing)
    {
      GError *mapped = studio_media_error_from_gst (gst_error, NULL);

      /* The advice alone would not say which file. */
      if (mapped->code == STUDIO_MEDIA_ERROR_WRITE)
        {
          g_free (mapped->message);
          mapped->message = g_strdup_printf (_("“%s” could not be written; check that its "
                                               "folder exists and the disk has space."), name);
        }
      else
        g_prefix_error (&mapped, _("“%s” could not be written. "), name);
      return mapped;
    }

  what = g_strdup_printf (_("“%s” could not be split."), name);
  return studio_media_error_from_gst (gst_error, what);
}

static gboolean
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Splitting was cancelled."));
  return TRUE;
}

static void
writer_free (Writer *writer)
{
  gst_element_set_state (writer->pipeline, GST_STATE_NULL);
  gst_clear_object (&writer->bus);
  gst_clear_object (&writer->src);
  gst_clear_object (&writer->pipeline);
  g_clear_object (&writer->output);
  g_free (writer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Writer, writer_free)

static Writer *
writer_new (GFile   *output,
            gint64   first_sample,
            GError **error)
{
  g_autoptr(Writer) writer = g_new0 (Writer, 1);
  g_autoptr(GstCaps) caps = raw_caps ();
  GstElement *src, *encoder, *sink;

  writer->output = g_object_ref (output);
  writer->first_sample = first_sample;
  writer->pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  writer->bus = gst_element_get_bus (writer->pipeline);

  if (!(src = studio_media_make_element ("appsrc", NULL, error)))
    return NULL;
  g_object_set (src,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "block", FALSE,
                "max-bytes", (guint64) 0,
                NULL);
  gst_bin_add (GST_BIN (writer->pipeline), src);
  writer->src = GST_APP_SRC (gst_object_ref (src));

  if (!(encoder = studio_audio_encoder_new (NULL, error)))
    return NULL;
  gst_bin_add (GST_BIN (writer->pipeline), encoder);

  if (!(sink = studio_media_make_element ("filesink", NULL, error)))
    return NULL;
  g_object_set (sink, "location", g_file_peek_path (output), "sync", FALSE, NULL);
  gst_bin_add (GST_BIN (writer->pipeline), sink);

  if (!gst_element_link_many (src, encoder, sink, NULL) ||
      gst_element_set_state (writer->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (writer->bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        g_propagate_error (error, error_from_message (message, TRUE,
                                                      output));
      else
        g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                             _("The audio encoder could not be set up."));
      return NULL;
    }

  return g_steal_pointer (&writer);
}

static gboolean
writer_check (Writer     *writer,
              GstClockTime timeout,
              GError    **error)
{
  g_autoptr(GstMessage) message = gst_bus_timed_pop_filtered (writer->bus, timeout,
                                                              GST_MESSAGE_ERROR);

  if (message == NULL)
    return TRUE;

  g_propagate_error (error, error_from_message (message, TRUE,
                                                writer->output));
  return FALSE;
}

/* Takes @buffer, of raw samples that follow the last ones. */
static gboolean
writer_push (Writer        *writer,
             GstBuffer     *buffer,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 n = (gint64) (gst_buffer_get_size (buffer) / SAMPLE_BYTES);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale_round (writer->samples, GST_SECOND, RATE);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale_round (writer->samples + n, GST_SECOND, RATE)
                                 - GST_BUFFER_PTS (buffer);
  writer->samples += n;

  if (gst_app_src_push_buffer (writer->src, buffer) != GST_FLOW_OK)
    {
      if (writer_check (writer, 0, error))
        g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                             _("The audio encoder stopped."));
      return FALSE;
    }

  /* Let the encoder catch up, watching for its failure meanwhile. */
  while (gst_app_src_get_current_level_bytes (writer->src) > MAX_QUEUED_BYTES)
    {
      if (set_cancelled (cancellable, error) || !writer_check (writer, QUEUE_WAIT_NS, error))
        return FALSE;
    }

  return !set_cancelled (cancellable, error) && writer_check (writer, 0, error);
}

/* Ends the piece and waits until it is all on disk. */
static StudioAudioPiece *
writer_finish (Writer        *writer,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  gst_app_src_end_of_stream (writer->src);

  for (;;)
    {
      g_autoptr(GstMessage) message =
        gst_bus_timed_pop_filtered (writer->bus, WAIT_NS, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);

      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        break;
      if (message != NULL)
        {
          g_propagate_error (error, error_from_message (message, TRUE,
                                                        writer->output));
          return NULL;
        }
      if (set_cancelled (cancellable, error))
        return NULL;
    }

  gst_element_set_state (writer->pipeline, GST_STATE_NULL);

  info = g_file_query_info (writer->output, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  return studio_audio_piece_new (writer->output,
                                 samples_to_us (writer->first_sample),
                                 samples_to_us (writer->first_sample + writer->samples),
                                 (guint64) g_file_info_get_size (info));
}

static GstElement *
reader_new (GFile       *input,
            GstAppSink **sink_out,
            GError     **error)
{
  g_autoptr(GstElement) pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  g_autoptr(GstCaps) caps = raw_caps ();
  GstElement *decoder, *resample, *sink;

  if (!(decoder = studio_audio_decoder_new (input, error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), decoder);
  if (!(resample = studio_media_make_element ("audioresample", NULL, error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), resample);
  if (!(sink = studio_media_make_element ("appsink", NULL, error)))
    return NULL;
  /* A short queue: the decoder waits for the encoders, not the memory. */
  g_object_set (sink, "caps", caps, "sync", FALSE, "max-buffers", 16, "drop", FALSE, NULL);
  gst_bin_add (GST_BIN (pipeline), sink);

  if (!gst_element_link_many (decoder, resample, sink, NULL))
    {
      g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                           _("The audio decoder could not be set up."));
      return NULL;
    }

  *sink_out = GST_APP_SINK (sink);
  return g_steal_pointer (&pipeline);
}

static gboolean
reader_check (GstBus        *bus,
              GFile         *input,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

  if (message != NULL)
    {
      g_propagate_error (error, error_from_message (message, FALSE, input));
      return FALSE;
    }

  return !set_cancelled (cancellable, error);
}

/* Brings the reader to @start_sample before it plays, for a range that
 * does not begin at the start.
 */
static gboolean
reader_seek (GstElement    *pipeline,
             GstBus        *bus,
             GFile         *input,
             gint64         start_sample,
             gint64         end_sample,
             GCancellable  *cancellable,
             GError       **error)
{
  GstStateChangeReturn ret = gst_element_set_state (pipeline, GST_STATE_PAUSED);
  GstClockTime start = gst_util_uint64_scale_round (start_sample, GST_SECOND, RATE);
  GstClockTime stop = GST_CLOCK_TIME_NONE;

  if (ret == GST_STATE_CHANGE_FAILURE)
    {
      g_autofree char *name = studio_audio_display_name (input);

      if (reader_check (bus, input, cancellable, error))
        g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                     _("“%s” could not be opened."), name);
      return FALSE;
    }

  while (ret == GST_STATE_CHANGE_ASYNC)
    {
      g_autoptr(GstMessage) message =
        gst_bus_timed_pop_filtered (bus, WAIT_NS, GST_MESSAGE_ASYNC_DONE | GST_MESSAGE_ERROR);

      if (message != NULL && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          g_propagate_error (error, error_from_message (message, FALSE,
                                                        input));
          return FALSE;
        }
      if (message != NULL)
        break;
      if (set_cancelled (cancellable, error))
        return FALSE;
    }

  /* A little past the end, which the samples are counted to anyway. */
  if (end_sample != G_MAXINT64)
    stop = gst_util_uint64_scale_round (end_sample, GST_SECOND, RATE) + 100 * GST_MSECOND;

  if (!gst_element_seek (pipeline, 1.0, GST_FORMAT_TIME,
                         GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                         GST_SEEK_TYPE_SET, start,
                         GST_CLOCK_TIME_IS_VALID (stop) ? GST_SEEK_TYPE_SET : GST_SEEK_TYPE_NONE,
                         stop))
    {
      g_autofree char *name = studio_audio_display_name (input);

      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                   _("“%s” cannot be cut: it does not allow seeking."), name);
      return FALSE;
    }

  return TRUE;
}

/* Decodes the input once and writes each range to its file. */
static GPtrArray *
split_run (Split         *split,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(Writer) writer = NULL;
  GstAppSink *sink = NULL;
  const Range *first = &g_array_index (split->ranges, Range, 0);
  gint64 position = -1;
  guint r = 0;

  pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_audio_piece_free);
  if (!(pipeline = reader_new (split->input, &sink, error)))
    return NULL;
  bus = gst_element_get_bus (pipeline);

  if (first->start_sample > 0 &&
      !reader_seek (pipeline, bus, split->input, first->start_sample, first->end_sample,
                    cancellable, error))
    goto failed;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (reader_check (bus, split->input, cancellable, error))
        g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                             _("The audio decoder could not start."));
      goto failed;
    }

  while (r < split->ranges->len)
    {
      g_autoptr(GstSample) sample = gst_app_sink_try_pull_sample (sink, WAIT_NS);
      GstBuffer *buffer;
      gint64 n, offset, buffer_start;

      if (sample == NULL)
        {
          if (!reader_check (bus, split->input, cancellable, error))
            goto failed;
          if (gst_app_sink_is_eos (sink))
            break;
          continue;
        }

      buffer = gst_sample_get_buffer (sample);
      n = (gint64) (gst_buffer_get_size (buffer) / SAMPLE_BYTES);

      /* Where the first samples are, after a seek; from there on they are
       * counted, so that no rounding opens a gap between two pieces.
       */
      if (position < 0)
        {
          const GstSegment *segment = gst_sample_get_segment (sample);
          guint64 stream_time = GST_CLOCK_TIME_NONE;

          if (segment != NULL && GST_BUFFER_PTS_IS_VALID (buffer))
            stream_time = gst_segment_to_stream_time (segment, GST_FORMAT_TIME,
                                                      GST_BUFFER_PTS (buffer));
          position = GST_CLOCK_TIME_IS_VALID (stream_time)
                     ? (gint64) gst_util_uint64_scale_round (stream_time, RATE, GST_SECOND) : 0;
        }

      buffer_start = position;
      position += n;
      offset = 0;

      while (offset < n && r < split->ranges->len)
        {
          const Range *range = &g_array_index (split->ranges, Range, r);
          gint64 at = buffer_start + offset;
          gint64 take;

          if (at < range->start_sample && writer == NULL)
            {
              offset += MIN (n - offset, range->start_sample - at);
              continue;
            }

          if (writer == NULL && !(writer = writer_new (range->output, at, error)))
            goto failed;

          take = MIN (n - offset, range->end_sample - at);
          if (!writer_push (writer,
                            gst_buffer_copy_region (buffer, GST_BUFFER_COPY_MEMORY,
                                                    offset * SAMPLE_BYTES, take * SAMPLE_BYTES),
                            cancellable, error))
            goto failed;
          offset += take;

          if (at + take >= range->end_sample)
            {
              StudioAudioPiece *piece = writer_finish (writer, cancellable, error);

              if (piece == NULL)
                goto failed;
              g_ptr_array_add (pieces, piece);
              g_clear_pointer (&writer, writer_free);
              r++;
            }
        }
    }

  if (writer != NULL)
    {
      StudioAudioPiece *piece = writer_finish (writer, cancellable, error);

      if (piece == NULL)
        goto failed;
      g_ptr_array_add (pieces, piece);
      g_clear_pointer (&writer, writer_free);
      r++;
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (r < split->ranges->len)
    {
      g_autofree char *name = studio_audio_display_name (split->input);

      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                   _("“%s” ends before the part to cut."), name);
      goto failed;
    }

  return g_steal_pointer (&pieces);

failed:
  g_clear_pointer (&writer, writer_free);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  for (guint i = 0; i < split->ranges->len; i++)
    g_file_delete (g_array_index (split->ranges, Range, i).output, NULL, NULL);
  return NULL;
}

static void
split_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Split *split = task_data;
  GPtrArray *pieces;
  GError *error = NULL;

  if (!studio_media_init (&error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!(pieces = split_run (split, cancellable, &error)))
    g_task_return_error (task, error);
  else if (g_task_get_source_tag (task) == studio_audio_cut_async)
    {
      g_ptr_array_unref (pieces);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_pointer (task, pieces, (GDestroyNotify) g_ptr_array_unref);
}

static Split *
split_new (GFile *input)
{
  Split *split = g_new0 (Split, 1);

  split->input = g_object_ref (input);
  split->ranges = g_array_new (FALSE, TRUE, sizeof (Range));
  g_array_set_clear_func (split->ranges, range_clear);

  return split;
}

static void
split_add_range (Split  *split,
                 GFile  *output,
                 gint64  start_us,
                 gint64  end_us)
{
  Range range;

  range.output = g_object_ref (output);
  range.start_sample = us_to_samples (start_us);
  range.end_sample = end_us == G_MAXINT64 ? G_MAXINT64 : us_to_samples (end_us);
  g_array_append_val (split->ranges, range);
}

/**
 * studio_audio_split_async:
 * @input: a file, usually one studio_audio_convert_async() wrote
 * @cuts: (element-type gint64): where to cut, in µs, ascending, as
 *   studio_audio_split_plan() gives them
 * @folder: a local folder to write the pieces to
 * @basename: what the pieces are named after: "@basename-001.ogg" and on
 * @cancellable: (nullable): a cancellable
 * @callback: called with the pieces
 * @user_data: for @callback
 *
 * Cuts @input into n(@cuts) + 1 pieces of mono Ogg Opus on a worker
 * thread, decoding it once; the pieces meet exactly, so their lengths add
 * up to the whole.
 */
void
studio_audio_split_async (GFile               *input,
                          GArray              *cuts,
                          GFile               *folder,
                          const char          *basename,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Split *split;
  gint64 start = 0;

  g_return_if_fail (G_IS_FILE (input));
  g_return_if_fail (cuts != NULL && g_array_get_element_size (cuts) == sizeof (gint64));
  g_return_if_fail (G_IS_FILE (folder) && g_file_peek_path (folder) != NULL);
  g_return_if_fail (basename != NULL && *basename != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_audio_split_async);

  split = split_new (input);
  for (guint i = 0; i <= cuts->len; i++)
    {
      gint64 end = i < cuts->len ? g_array_index (cuts, gint64, i) : G_MAXINT64;
      g_autofree char *name = g_strdup_printf ("%s-%03u.ogg", basename, i + 1);
      g_autoptr(GFile) output = g_file_get_child (folder, name);

      if (end <= start)
        {
          split_free (split);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   "The cut times are not ascending.");
          return;
        }
      split_add_range (split, output, start, end);
      start = end;
    }

  g_task_set_task_data (task, split, (GDestroyNotify) split_free);
  g_task_run_in_thread (task, split_thread);
}

/**
 * studio_audio_split_finish:
 * @result: the result given to the callback
 * @error: the return location for a %STUDIO_MEDIA_ERROR or
 *   %G_IO_ERROR_CANCELLED; no piece is left behind then
 *
 * Returns: (transfer full) (element-type StudioAudioPiece) (nullable):
 *   the pieces, in order
 */
GPtrArray *
studio_audio_split_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_audio_split_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_audio_cut_async:
 * @input: an audio file
 * @start_us: where the range starts
 * @end_us: where it ends, after @start_us
 * @output: a local file to write the range to, as mono Ogg Opus
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Re-encodes one range of @input on a worker thread, seeking to it first:
 * a speaker's reference clip, say.
 */
void
studio_audio_cut_async (GFile               *input,
                        gint64               start_us,
                        gint64               end_us,
                        GFile               *output,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Split *split;

  g_return_if_fail (G_IS_FILE (input));
  g_return_if_fail (start_us >= 0 && end_us > start_us);
  g_return_if_fail (G_IS_FILE (output) && g_file_peek_path (output) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_audio_cut_async);
  split = split_new (input);
  split_add_range (split, output, start_us, end_us);
  g_task_set_task_data (task, split, (GDestroyNotify) split_free);
  g_task_run_in_thread (task, split_thread);
}

/**
 * studio_audio_cut_finish:
 * @result: the result given to the callback
 * @error: the return location for a %STUDIO_MEDIA_ERROR or
 *   %G_IO_ERROR_CANCELLED; the output is deleted then
 *
 * Returns: whether the range was written
 */
gboolean
studio_audio_cut_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_audio_cut_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
