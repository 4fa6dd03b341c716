/* studio-speech-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-job"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-speech-job.h"

/* One clip's downloads: its pieces are sent to /audio/speech one request at
 * a time, in order, so that the audio the listener hears next is always
 * the one arriving. Each answer is emitted chunk by chunk as it arrives
 * ("piece-data", for the player) and appended to the piece's file (so that
 * what arrived is kept even when the connection drops). The job never runs
 * more than STUDIO_SPEECH_JOB_AHEAD pieces past the one playing, which
 * keeps a long text from being paid for when the listener stops early.
 */

typedef struct
{
  char              *text;
  GFile             *file;
  GFileOutputStream *output;
  GQueue             pending;
  guint64            bytes;
  GError            *error;
  guint              started : 1;
  guint              opening : 1;
  guint              writing : 1;
  guint              downloaded : 1;
  guint              closing : 1;
  guint              sse_done : 1;
  guint              done : 1;
} Piece;

struct _StudioSpeechJob
{
  GObject               parent_instance;

  /* Owned references */
  StudioClient         *client;
  StudioModel          *model;
  StudioSpeechSettings *settings;
  GPtrArray            *pieces;
  GTask                *task;
  GCancellable         *cancellable;
  GError               *error;

  GCancellable         *outer_cancellable;
  gulong                outer_handler;
  gulong                inner_handler;

  int                   current;
  guint                 playing;
  guint                 closed : 1;
  guint                 sse : 1;
  guint                 finished : 1;
};

/* What one request's callbacks are about. */
typedef struct
{
  StudioSpeechJob *self;
  guint            index;
  gboolean         checked_type;
} Fetch;

enum {
  PIECE_STARTED,
  PIECE_DATA,
  PIECE_FINISHED,
  PIECE_FAILED,
  USAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioSpeechJob, studio_speech_job, G_TYPE_OBJECT)

static void studio_speech_job_advance (StudioSpeechJob *self);
static void studio_speech_job_flush   (StudioSpeechJob *self,
                                       guint            index);

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_free (piece->text);
  g_clear_object (&piece->file);
  g_clear_object (&piece->output);
  g_queue_clear_full (&piece->pending, (GDestroyNotify) g_bytes_unref);
  g_clear_error (&piece->error);
  g_free (piece);
}

static Piece *
get_piece (StudioSpeechJob *self,
           guint            index)
{
  g_assert (index < self->pieces->len);
  return g_ptr_array_index (self->pieces, index);
}

static Fetch *
fetch_new (StudioSpeechJob *self,
           guint            index)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->self = g_object_ref (self);
  fetch->index = index;
  return fetch;
}

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_clear_object (&fetch->self);
  g_free (fetch);
}

static void
studio_speech_job_complete (StudioSpeechJob *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;

  self->finished = TRUE;
  self->current = -1;
  if (self->outer_handler != 0)
    {
      g_cancellable_disconnect (self->outer_cancellable, self->outer_handler);
      self->outer_handler = 0;
    }
  g_clear_object (&self->outer_cancellable);
  g_clear_signal_handler (&self->inner_handler, self->cancellable);

  if (self->error != NULL)
    g_task_return_error (task, g_error_copy (self->error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Records the first failure; the job stops at it. Data still queued for the
 * piece's file is written before the job completes, so the file holds all
 * that arrived.
 */
static void
studio_speech_job_fail (StudioSpeechJob *self,
                        guint            index,
                        GError          *error)
{
  Piece *piece = get_piece (self, index);

  if (self->error != NULL || piece->error != NULL)
    {
      g_error_free (error);
      return;
    }

  piece->error = error;
  g_cancellable_cancel (self->cancellable);
  studio_speech_job_flush (self, index);
}

static void
piece_end (StudioSpeechJob *self,
           guint            index)
{
  Piece *piece = get_piece (self, index);

  g_assert (self->current == (int) index);

  self->current = -1;
  if (piece->error != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->outer_cancellable != NULL &&
          g_cancellable_is_cancelled (self->outer_cancellable))
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                     _("The speech was stopped."));
      else
        error = g_error_copy (piece->error);

      if (self->error == NULL)
        self->error = g_error_copy (error);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !studio_api_error_is_cancelled (error))
        g_signal_emit (self, signals[PIECE_FAILED], 0, index, error);
      studio_speech_job_complete (self);
      return;
    }

  piece->done = TRUE;
  g_signal_emit (self, signals[PIECE_FINISHED], 0, index);
  studio_speech_job_advance (self);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;
  StudioSpeechJob *self = fetch->self;
  Piece *piece = get_piece (self, fetch->index);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error) &&
      piece->error == NULL)
    piece->error = g_steal_pointer (&error);

  g_clear_object (&piece->output);
  piece->closing = FALSE;
  piece_end (self, fetch->index);
  fetch_free (fetch);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;
  StudioSpeechJob *self = fetch->self;
  guint index = fetch->index;
  Piece *piece = get_piece (self, index);
  g_autoptr(GError) error = NULL;

  piece->writing = FALSE;
  g_bytes_unref (g_queue_pop_head (&piece->pending));
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      /* A file that cannot be written loses the audio: stop the job. */
      g_queue_clear_full (&piece->pending, (GDestroyNotify) g_bytes_unref);
      if (piece->error == NULL)
        {
          g_autofree char *path = g_file_get_path (piece->file);

          piece->error = g_error_new (error->domain, error->code,
                                      _("Could not save the audio to “%s”: %s"),
                                      path ? path : "?", error->message);
          g_cancellable_cancel (self->cancellable);
        }
    }

  fetch_free (fetch);
  studio_speech_job_flush (self, index);
}

/* Writes what is queued for the piece's file, one write at a time so the
 * bytes stay in order, and closes the file once the answer ended.
 */
static void
studio_speech_job_flush (StudioSpeechJob *self,
                         guint            index)
{
  Piece *piece = get_piece (self, index);

  if (piece->opening || piece->writing || piece->closing)
    return;

  if (piece->output != NULL && !g_queue_is_empty (&piece->pending))
    {
      GBytes *bytes = g_queue_peek_head (&piece->pending);
      gsize size;
      const void *data = g_bytes_get_data (bytes, &size);

      piece->writing = TRUE;
      /* No cancellable: the bytes of a cancelled or cut answer are still
       * written, since they are all there is of it.
       */
      g_output_stream_write_all_async (G_OUTPUT_STREAM (piece->output), data, size,
                                       G_PRIORITY_DEFAULT, NULL,
                                       write_cb, fetch_new (self, index));
      return;
    }

  if (!piece->downloaded && piece->error == NULL)
    return;

  if (piece->output != NULL)
    {
      piece->closing = TRUE;
      g_output_stream_close_async (G_OUTPUT_STREAM (piece->output), G_PRIORITY_DEFAULT,
                                   NULL, close_cb, fetch_new (self, index));
      return;
    }

  if (self->current == (int) index)
    piece_end (self, index);
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  StudioSpeechJob *self = fetch->self;
  guint index = fetch->index;
  Piece *piece = get_piece (self, index);
  g_autoptr(GError) error = NULL;

  piece->opening = FALSE;
  piece->output = g_file_replace_finish (G_FILE (object), result, &error);
  if (piece->output == NULL)
    {
      g_autofree char *path = g_file_get_path (piece->file);

      g_queue_clear_full (&piece->pending, (GDestroyNotify) g_bytes_unref);
      if (piece->error == NULL)
        {
          piece->error = g_error_new (error->domain, error->code,
                                      _("Could not save the audio to “%s”: %s"),
                                      path ? path : "?", error->message);
          g_cancellable_cancel (self->cancellable);
        }
    }

  fetch_free (fetch);
  studio_speech_job_flush (self, index);
}

static void
studio_speech_job_take_data (StudioSpeechJob *self,
                             guint            index,
                             GBytes          *bytes)
{
  Piece *piece = get_piece (self, index);

  if (piece->error != NULL || g_bytes_get_size (bytes) == 0)
    return;

  piece->bytes += g_bytes_get_size (bytes);
  g_queue_push_tail (&piece->pending, g_bytes_ref (bytes));
  studio_speech_job_flush (self, index);
  g_signal_emit (self, signals[PIECE_DATA], 0, index, bytes);
}

static void
bytes_func (const char *content_type,
            GBytes     *chunk,
            gpointer    user_data)
{
  Fetch *fetch = user_data;
  StudioSpeechJob *self = fetch->self;
  Piece *piece = get_piece (self, fetch->index);

  if (piece->error != NULL)
    return;

  if (!fetch->checked_type)
    {
      fetch->checked_type = TRUE;
      if (!studio_speech_content_type_is_audio (content_type))
        {
          studio_speech_job_fail (self, fetch->index,
                                  g_error_new (STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED,
                                               _("The server answered with “%s” instead of audio. "
                                                 "Check the base URL in Preferences."),
                                               content_type ? content_type : _("no content type")));
          return;
        }
    }

  studio_speech_job_take_data (self, fetch->index, chunk);
}

static void
event_func (const char *event,
            JsonNode   *data,
            gpointer    user_data)
{
  Fetch *fetch = user_data;
  StudioSpeechJob *self = fetch->self;
  Piece *piece = get_piece (self, fetch->index);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StudioSpeechUsage usage = { -1, -1, -1 };
  gboolean done = FALSE;

  if (piece->error != NULL)
    return;

  bytes = studio_speech_event_parse (event, data, &done, &usage, &error);
  if (error != NULL)
    {
      studio_speech_job_fail (self, fetch->index, g_steal_pointer (&error));
      return;
    }

  if (bytes != NULL)
    studio_speech_job_take_data (self, fetch->index, bytes);

  if (done)
    {
      piece->sse_done = TRUE;
      g_signal_emit (self, signals[USAGE], 0, fetch->index, &usage);
    }
}

static void
download_done (StudioSpeechJob *self,
               guint            index,
               GError          *error)
{
  Piece *piece = get_piece (self, index);

  if (piece->error == NULL)
    {
      if (error != NULL)
        piece->error = g_steal_pointer (&error);
      else if (piece->bytes == 0)
        piece->error = g_error_new_literal (STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED,
                                            _("The server sent no audio."));
    }
  g_clear_error (&error);

  piece->downloaded = TRUE;
  studio_speech_job_flush (self, index);
}

static void
stream_bytes_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;
  GError *error = NULL;

  studio_client_stream_bytes_finish (STUDIO_CLIENT (object), result, &error);
  download_done (fetch->self, fetch->index, error);
  fetch_free (fetch);
}

static void
stream_events_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fetch *fetch = user_data;
  GError *error = NULL;

  studio_client_stream_events_finish (STUDIO_CLIENT (object), result, &error);

  /* speech.audio.done is the end of a speech stream: a server that closes
   * without a "[DONE]" line after it sent all there was.
   */
  if (g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE) &&
      get_piece (fetch->self, fetch->index)->sse_done)
    g_clear_error (&error);

  download_done (fetch->self, fetch->index, error);
  fetch_free (fetch);
}

static int
studio_speech_job_pick (StudioSpeechJob *self)
{
  /* Strictly in order: the player plays a piece only once those before it
   * are in, so a listener who jumps ahead only moves the horizon.
   */
  for (guint i = 0; i < self->pieces->len; i++)
    {
      if (!get_piece (self, i)->done)
        return i <= self->playing + STUDIO_SPEECH_JOB_AHEAD ? (int) i : -1;
    }

  return -1;
}

static gboolean
studio_speech_job_all_done (StudioSpeechJob *self)
{
  for (guint i = 0; i < self->pieces->len; i++)
    {
      if (!get_piece (self, i)->done)
        return FALSE;
    }

  return TRUE;
}

static void
studio_speech_job_start_piece (StudioSpeechJob *self,
                               guint            index)
{
  Piece *piece = get_piece (self, index);
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GError) error = NULL;

  self->current = index;
  piece->started = TRUE;
  piece->downloaded = FALSE;
  piece->sse_done = FALSE;
  piece->bytes = 0;
  g_clear_error (&piece->error);

  g_signal_emit (self, signals[PIECE_STARTED], 0, index);

  /* A signal handler may have stopped the job. */
  if (self->task == NULL || self->current != (int) index)
    return;

  piece->opening = TRUE;
  g_file_replace_async (piece->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        G_PRIORITY_DEFAULT, NULL, replace_cb, fetch_new (self, index));

  request = studio_speech_request_new (self->model, self->settings, piece->text, &error);
  if (request == NULL)
    {
      download_done (self, index, g_steal_pointer (&error));
      return;
    }

  if (self->sse)
    studio_client_stream_events_async (self->client, request,
                                       event_func, fetch_new (self, index), fetch_free,
                                       self->cancellable, stream_events_cb,
                                       fetch_new (self, index));
  else
    studio_client_stream_bytes_async (self->client, request,
                                      bytes_func, fetch_new (self, index), fetch_free,
                                      self->cancellable, stream_bytes_cb,
                                      fetch_new (self, index));
}

static void
studio_speech_job_advance (StudioSpeechJob *self)
{
  int next;

  if (self->task == NULL || self->current >= 0)
    return;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      if (self->error == NULL)
        self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                           _("The speech was stopped."));
      studio_speech_job_complete (self);
      return;
    }

  next = studio_speech_job_pick (self);
  if (next >= 0)
    {
      studio_speech_job_start_piece (self, next);
      return;
    }

  if (self->closed && studio_speech_job_all_done (self))
    studio_speech_job_complete (self);
}

static void
outer_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  GCancellable *inner = user_data;

  g_cancellable_cancel (inner);
}

static gboolean
advance_idle_cb (gpointer user_data)
{
  StudioSpeechJob *self = user_data;

  studio_speech_job_advance (self);
  return G_SOURCE_REMOVE;
}

/* A job waiting for pieces has nothing in flight to notice a cancel. */
static void
inner_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  StudioSpeechJob *self = user_data;

  g_idle_add_full (G_PRIORITY_DEFAULT, advance_idle_cb, g_object_ref (self), g_object_unref);
}

static void
studio_speech_job_dispose (GObject *object)
{
  StudioSpeechJob *self = (StudioSpeechJob *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (studio_speech_job_parent_class)->dispose (object);
}

static void
studio_speech_job_finalize (GObject *object)
{
  StudioSpeechJob *self = (StudioSpeechJob *)object;

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->model);
  g_clear_pointer (&self->settings, studio_speech_settings_free);
  g_clear_pointer (&self->pieces, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (studio_speech_job_parent_class)->finalize (object);
}

static void
studio_speech_job_class_init (StudioSpeechJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_speech_job_dispose;
  object_class->finalize = studio_speech_job_finalize;

  /**
   * StudioSpeechJob::piece-started:
   * @index: the piece
   *
   * A piece's request is about to be sent; its file is being replaced.
   */
  signals[PIECE_STARTED] =
    g_signal_new ("piece-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * StudioSpeechJob::piece-data:
   * @index: the piece
   * @bytes: the next encoded audio bytes
   *
   * More of a piece's audio arrived.
   */
  signals[PIECE_DATA] =
    g_signal_new ("piece-data",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BYTES);

  /**
   * StudioSpeechJob::piece-finished:
   * @index: the piece
   *
   * A piece's whole answer arrived and is in its file.
   */
  signals[PIECE_FINISHED] =
    g_signal_new ("piece-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * StudioSpeechJob::piece-failed:
   * @index: the piece
   * @error: what went wrong
   *
   * A piece's answer failed; what arrived of it is in its file. The job
   * stops here.
   */
  signals[PIECE_FAILED] =
    g_signal_new ("piece-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_ERROR);

  /**
   * StudioSpeechJob::usage:
   * @index: the piece
   * @usage: (type gpointer): a `StudioSpeechUsage *`
   *
   * A streamed (SSE) answer said what it used.
   */
  signals[USAGE] =
    g_signal_new ("usage",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);
}

static void
studio_speech_job_init (StudioSpeechJob *self)
{
  self->pieces = g_ptr_array_new_with_free_func (piece_free);
  self->cancellable = g_cancellable_new ();
  self->current = -1;
}

/**
 * studio_speech_job_new:
 * @client: the client to send with
 * @model: the speech model
 * @settings: voice, format and the rest, copied
 *
 * Returns: (transfer full): a job with no pieces yet
 */
StudioSpeechJob *
studio_speech_job_new (StudioClient               *client,
                       StudioModel                *model,
                       const StudioSpeechSettings *settings)
{
  StudioSpeechJob *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_SPEECH_JOB, NULL);
  self->client = g_object_ref (client);
  self->model = g_object_ref (model);
  self->settings = studio_speech_settings_copy (settings);
  self->sse = studio_speech_settings_uses_sse (settings, model);

  return self;
}

/**
 * studio_speech_job_add_piece:
 * @text: the piece's input
 * @file: where its audio goes (replaced)
 *
 * Queues one more request, after those already added. Not after
 * studio_speech_job_close().
 *
 * Returns: the piece's index
 */
guint
studio_speech_job_add_piece (StudioSpeechJob *self,
                             const char      *text,
                             GFile           *file)
{
  Piece *piece;

  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);
  g_return_val_if_fail (!self->closed, 0);

  piece = g_new0 (Piece, 1);
  piece->text = g_strdup (text);
  piece->file = g_object_ref (file);
  g_queue_init (&piece->pending);
  g_ptr_array_add (self->pieces, piece);

  studio_speech_job_advance (self);

  return self->pieces->len - 1;
}

/**
 * studio_speech_job_close:
 *
 * Says no more pieces will be added: the job completes once those it has
 * are done.
 */
void
studio_speech_job_close (StudioSpeechJob *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_JOB (self));

  if (self->closed)
    return;

  self->closed = TRUE;
  studio_speech_job_advance (self);
}

guint
studio_speech_job_get_n_pieces (StudioSpeechJob *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), 0);

  return self->pieces->len;
}

/**
 * studio_speech_job_set_playing_piece:
 * @index: the piece the listener hears
 *
 * Moves the horizon: pieces up to @index + %STUDIO_SPEECH_JOB_AHEAD may be
 * fetched (still in order).
 */
void
studio_speech_job_set_playing_piece (StudioSpeechJob *self,
                                     guint            index)
{
  g_return_if_fail (STUDIO_IS_SPEECH_JOB (self));

  if (self->playing == index)
    return;

  self->playing = index;
  studio_speech_job_advance (self);
}

gboolean
studio_speech_job_get_piece_done (StudioSpeechJob *self,
                                  guint            index)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), FALSE);
  g_return_val_if_fail (index < self->pieces->len, FALSE);

  return get_piece (self, index)->done;
}

guint64
studio_speech_job_get_piece_bytes (StudioSpeechJob *self,
                                   guint            index)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), 0);
  g_return_val_if_fail (index < self->pieces->len, 0);

  return get_piece (self, index)->bytes;
}

const char *
studio_speech_job_get_format (StudioSpeechJob *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), NULL);

  return self->settings->format ? self->settings->format : STUDIO_SPEECH_FORMAT_DEFAULT;
}

/**
 * studio_speech_job_run_async:
 *
 * Fetches the pieces. Completes with %TRUE once the job is closed and
 * every piece is in, or with the first failure (later pieces are not
 * fetched), or when cancelled. Call it once.
 */
void
studio_speech_job_run_async (StudioSpeechJob     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_JOB (self));
  g_return_if_fail (self->task == NULL && !self->finished);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, studio_speech_job_run_async);

  if (cancellable != NULL)
    {
      self->outer_cancellable = g_object_ref (cancellable);
      self->outer_handler = g_cancellable_connect (cancellable,
                                                   G_CALLBACK (outer_cancelled_cb),
                                                   g_object_ref (self->cancellable),
                                                   g_object_unref);
    }

  self->inner_handler = g_signal_connect (self->cancellable, "cancelled",
                                          G_CALLBACK (inner_cancelled_cb), self);

  /* Completing from an idle keeps the callback out of this call, even for
   * a closed job with no pieces.
   */
  g_idle_add_full (G_PRIORITY_DEFAULT, advance_idle_cb, g_object_ref (self), g_object_unref);
}

gboolean
studio_speech_job_run_finish (StudioSpeechJob  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_speech_job_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
