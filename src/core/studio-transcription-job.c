/* studio-transcription-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcription-job"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-transcription-job.h"

/* One press of Transcribe: the audio, whole or split into pieces, sent to
 * /audio/transcriptions (or /audio/translations) a few pieces at a time.
 * Each piece's request carries, as its prompt, the end of the text of the
 * piece before it when that one is already done, so that words cut at a
 * boundary and names keep their spelling. A piece given as done (from an
 * earlier run that failed part way) is never sent again. The answer of each
 * piece is parsed by its format (JSON, text, subtitles or streamed events)
 * into a StudioTranscript, and the pieces are joined at their offsets once
 * all are in.
 */

typedef struct
{
  GFile            *file;
  double            start;
  guint64           size;
  guint64           sent;
  StudioTranscript *transcript;
  StudioTranscript *streaming;
  guint             started : 1;
} Piece;

struct _StudioTranscriptionJob
{
  GObject                   parent_instance;

  /* Owned references */
  StudioClient             *client;
  StudioModel              *model;
  GArray                   *pieces;
  GTask                    *task;
  GCancellable             *cancellable;
  GError                   *error;
  StudioTranscript         *live;

  /* The options, owned */
  char                     *response_format;
  char                     *language;
  char                     *prompt;
  double                    temperature;
  GStrv                     timestamp_granularities;
  GStrv                     languages;
  GStrv                     keywords;
  GStrv                     include;
  gboolean                  stream;
  char                     *chunking_strategy;
  GStrv                     known_speaker_names;
  GStrv                     known_speaker_references;
  gboolean                  translate;

  StudioTranscriptionPhase  phase;
  guint                     n_running;
};

G_DEFINE_FINAL_TYPE (StudioTranscriptionJob, studio_transcription_job, G_TYPE_OBJECT)

enum {
  PROGRESS,
  PIECE_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void job_start_pieces (StudioTranscriptionJob *self);

static void
piece_clear (Piece *piece)
{
  g_clear_object (&piece->file);
  g_clear_object (&piece->transcript);
  g_clear_object (&piece->streaming);
}

static void
studio_transcription_job_dispose (GObject *object)
{
  StudioTranscriptionJob *self = (StudioTranscriptionJob *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->model);
  g_clear_object (&self->live);

  G_OBJECT_CLASS (studio_transcription_job_parent_class)->dispose (object);
}

static void
studio_transcription_job_finalize (GObject *object)
{
  StudioTranscriptionJob *self = (StudioTranscriptionJob *) object;

  g_array_unref (self->pieces);
  g_clear_error (&self->error);
  g_free (self->response_format);
  g_free (self->language);
  g_free (self->prompt);
  g_strfreev (self->timestamp_granularities);
  g_strfreev (self->languages);
  g_strfreev (self->keywords);
  g_strfreev (self->include);
  g_free (self->chunking_strategy);
  g_strfreev (self->known_speaker_names);
  g_strfreev (self->known_speaker_references);

  G_OBJECT_CLASS (studio_transcription_job_parent_class)->finalize (object);
}

static void
studio_transcription_job_class_init (StudioTranscriptionJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_transcription_job_dispose;
  object_class->finalize = studio_transcription_job_finalize;

  /**
   * StudioTranscriptionJob::progress:
   *
   * The phase or the bytes sent changed.
   */
  signals[PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * StudioTranscriptionJob::piece-done:
   * @index: the piece's index
   *
   * A piece's transcript came in; studio_transcription_job_get_piece()
   * gives it, so that it can be kept before the others are done.
   */
  signals[PIECE_DONE] =
    g_signal_new ("piece-done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
studio_transcription_job_init (StudioTranscriptionJob *self)
{
  self->pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_set_clear_func (self->pieces, (GDestroyNotify) piece_clear);
  self->live = studio_transcript_new ();
}

/**
 * studio_transcription_job_new:
 * @client: the client to send with
 * @model: the transcription model
 * @options: what to ask for; copied
 *
 * Returns: (transfer full): a job with no pieces yet
 */
StudioTranscriptionJob *
studio_transcription_job_new (StudioClient                     *client,
                              StudioModel                      *model,
                              const StudioTranscriptionOptions *options)
{
  StudioTranscriptionJob *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_TRANSCRIPTION_JOB, NULL);
  self->client = g_object_ref (client);
  self->model = g_object_ref (model);
  self->response_format = g_strdup (options->response_format);
  self->language = g_strdup (options->language);
  self->prompt = g_strdup (options->prompt);
  self->temperature = options->temperature;
  self->timestamp_granularities = g_strdupv ((GStrv) options->timestamp_granularities);
  self->languages = g_strdupv ((GStrv) options->languages);
  self->keywords = g_strdupv ((GStrv) options->keywords);
  self->include = g_strdupv ((GStrv) options->include);
  self->stream = options->stream && studio_transcription_takes (model, "stream");
  self->chunking_strategy = g_strdup (options->chunking_strategy);
  self->known_speaker_names = g_strdupv ((GStrv) options->known_speaker_names);
  self->known_speaker_references = g_strdupv ((GStrv) options->known_speaker_references);
  self->translate = options->translate;

  return self;
}

/**
 * studio_transcription_job_add_piece:
 * @self: a job not yet run
 * @file: the piece's audio, at most the upload limit
 * @start: where the piece starts in the whole, in seconds
 * @done: (nullable): its transcript, when an earlier run got it
 *
 * Adds the next piece. A whole file is one piece starting at 0.
 */
void
studio_transcription_job_add_piece (StudioTranscriptionJob *self,
                                    GFile                  *file,
                                    double                  start,
                                    StudioTranscript       *done)
{
  g_autoptr(GFileInfo) info = NULL;
  Piece piece = { 0 };

  g_return_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->task == NULL);

  piece.file = g_object_ref (file);
  piece.start = start;
  if (done != NULL)
    piece.transcript = g_object_ref (done);
  else
    {
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                NULL, NULL);
      piece.size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;
    }

  g_array_append_val (self->pieces, piece);
}

/**
 * studio_transcription_job_get_n_pieces:
 * @self: a job
 *
 * Returns: how many pieces the audio is in
 */
guint
studio_transcription_job_get_n_pieces (StudioTranscriptionJob *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), 0);

  return self->pieces->len;
}

/**
 * studio_transcription_job_get_n_done:
 * @self: a job
 *
 * Returns: how many pieces have their transcript
 */
guint
studio_transcription_job_get_n_done (StudioTranscriptionJob *self)
{
  guint n = 0;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), 0);

  for (guint i = 0; i < self->pieces->len; i++)
    n += g_array_index (self->pieces, Piece, i).transcript != NULL;
  return n;
}

/**
 * studio_transcription_job_get_piece:
 * @self: a job
 * @index: a piece
 *
 * Returns: (transfer none) (nullable): the piece's transcript, once it came
 */
StudioTranscript *
studio_transcription_job_get_piece (StudioTranscriptionJob *self,
                                    guint                   index)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), NULL);
  g_return_val_if_fail (index < self->pieces->len, NULL);

  return g_array_index (self->pieces, Piece, index).transcript;
}

/**
 * studio_transcription_job_get_live:
 * @self: a job
 *
 * The transcript as it streams in: the first piece still streaming, whose
 * text grows with each `transcript.text.delta` and whose segments come with
 * each `transcript.text.segment` (its "changed" signal tells). Empty when
 * nothing streams.
 *
 * Returns: (transfer none): the live transcript
 */
StudioTranscript *
studio_transcription_job_get_live (StudioTranscriptionJob *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), NULL);

  return self->live;
}

/**
 * studio_transcription_job_get_phase:
 * @self: a job
 *
 * Returns: what the job is doing
 */
StudioTranscriptionPhase
studio_transcription_job_get_phase (StudioTranscriptionJob *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), STUDIO_TRANSCRIPTION_PHASE_IDLE);

  return self->phase;
}

/**
 * studio_transcription_job_get_bytes_sent:
 * @self: a job
 *
 * Returns: the bytes of audio sent so far, over all pieces to send
 */
guint64
studio_transcription_job_get_bytes_sent (StudioTranscriptionJob *self)
{
  guint64 sent = 0;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), 0);

  for (guint i = 0; i < self->pieces->len; i++)
    sent += g_array_index (self->pieces, Piece, i).sent;
  return sent;
}

/**
 * studio_transcription_job_get_bytes_total:
 * @self: a job
 *
 * Returns: the bytes of audio this run sends (pieces already done excluded)
 */
guint64
studio_transcription_job_get_bytes_total (StudioTranscriptionJob *self)
{
  guint64 total = 0;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), 0);

  for (guint i = 0; i < self->pieces->len; i++)
    total += g_array_index (self->pieces, Piece, i).size;
  return total;
}

/**
 * studio_transcription_job_dup_transcript:
 * @self: a job
 *
 * Joins the pieces that are done, each at its offset. After a run that
 * succeeded, that is the whole transcript.
 *
 * Returns: (transfer full): the joined transcript
 */
StudioTranscript *
studio_transcription_job_dup_transcript (StudioTranscriptionJob *self)
{
  StudioTranscript *whole;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self), NULL);

  whole = studio_transcript_new ();
  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, i);

      if (piece->transcript != NULL)
        studio_transcript_append (whole, piece->transcript, piece->start);
    }
  return whole;
}

static void
job_set_phase (StudioTranscriptionJob   *self,
               StudioTranscriptionPhase  phase)
{
  if (self->phase == phase)
    return;
  self->phase = phase;
  g_signal_emit (self, signals[PROGRESS], 0);
}

/* Uploading while any running piece has bytes left to send, else waiting,
 * unless text is streaming in.
 */
static void
job_update_phase (StudioTranscriptionJob *self)
{
  StudioTranscriptionPhase phase = STUDIO_TRANSCRIPTION_PHASE_WAITING;

  if (self->phase == STUDIO_TRANSCRIPTION_PHASE_RECEIVING)
    return;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, i);

      if (piece->transcript == NULL && (!piece->started || piece->sent < piece->size))
        phase = STUDIO_TRANSCRIPTION_PHASE_UPLOADING;
    }

  job_set_phase (self, phase);
}

typedef struct
{
  StudioTranscriptionJob *job;
  guint                   index;
} PieceCall;

static void
piece_call_free (PieceCall *call)
{
  g_object_unref (call->job);
  g_free (call);
}

static void
piece_progress_cb (goffset  sent,
                   goffset  total,
                   gpointer user_data)
{
  PieceCall *call = user_data;
  StudioTranscriptionJob *self = call->job;

  g_array_index (self->pieces, Piece, call->index).sent = MAX (sent, 0);
  job_update_phase (self);
  g_signal_emit (self, signals[PROGRESS], 0);
}

/* The prompt of piece @index: the user's prompt, then the end of the text
 * of the piece before, when it is done.
 */
static char *
job_dup_prompt (StudioTranscriptionJob *self,
                guint                   index)
{
  g_autofree char *before = NULL;
  const char *tail;
  Piece *previous;
  glong length;

  if (index == 0 || !studio_transcription_takes (self->model, "prompt"))
    return g_strdup (self->prompt);

  previous = &g_array_index (self->pieces, Piece, index - 1);
  if (previous->transcript == NULL)
    return g_strdup (self->prompt);

  before = studio_transcript_dup_text (previous->transcript);
  length = g_utf8_strlen (before, -1);
  tail = g_utf8_offset_to_pointer (before, MAX (length - STUDIO_TRANSCRIPTION_PROMPT_TAIL, 0));
  /* Start the tail at a word. */
  if (tail != before && strchr (tail, ' ') != NULL)
    tail = strchr (tail, ' ') + 1;

  if (self->prompt == NULL || *self->prompt == '\0')
    return g_strdup (tail);
  return g_strconcat (self->prompt, "\n\n", tail, NULL);
}

static StudioRequest *
job_build_request (StudioTranscriptionJob  *self,
                   guint                    index,
                   GError                 **error)
{
  Piece *piece = &g_array_index (self->pieces, Piece, index);
  g_autofree char *prompt = job_dup_prompt (self, index);
  StudioTranscriptionOptions options = {
    .response_format = self->response_format,
    .language = self->language,
    .prompt = prompt,
    .temperature = self->temperature,
    .timestamp_granularities = (const char * const *) self->timestamp_granularities,
    .languages = (const char * const *) self->languages,
    .keywords = (const char * const *) self->keywords,
    .include = (const char * const *) self->include,
    .stream = self->stream,
    .chunking_strategy = self->chunking_strategy,
    .known_speaker_names = (const char * const *) self->known_speaker_names,
    .known_speaker_references = (const char * const *) self->known_speaker_references,
    .translate = self->translate,
  };

  return studio_transcription_request_new_full (self->model, piece->file, &options, error);
}

/* All pieces are back, or one failed and the rest stopped. */
static void
job_maybe_finish (StudioTranscriptionJob *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->n_running > 0)
    return;

  /* A piece that is neither done nor running waits for a free slot. */
  if (self->error == NULL && studio_transcription_job_get_n_done (self) < self->pieces->len)
    {
      job_start_pieces (self);
      if (self->n_running > 0)
        return;
    }

  g_clear_object (&self->cancellable);
  task = g_steal_pointer (&self->task);
  job_set_phase (self, STUDIO_TRANSCRIPTION_PHASE_IDLE);
  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_piece_failed (StudioTranscriptionJob *self,
                  GError                 *error)
{
  /* The first failure starts no more pieces. Those on their way are
   * already paid for: they are let finish, and kept.
   */
  if (self->error == NULL)
    self->error = error;
  else
    g_error_free (error);
}

static void
job_piece_done (StudioTranscriptionJob *self,
                guint                   index,
                StudioTranscript       *transcript)
{
  Piece *piece = &g_array_index (self->pieces, Piece, index);

  g_set_object (&piece->transcript, transcript);
  g_clear_object (&piece->streaming);
  piece->sent = piece->size;
  g_signal_emit (self, signals[PIECE_DONE], 0, index);
}

static void
piece_json_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PieceCall *call = user_data;
  StudioTranscriptionJob *self = call->job;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  GError *error = NULL;

  answer = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &error);
  if (answer != NULL)
    transcript = studio_transcript_parse_json (answer, &error);

  self->n_running--;
  if (transcript != NULL)
    job_piece_done (self, call->index, transcript);
  else
    job_piece_failed (self, error);

  job_maybe_finish (self);
  piece_call_free (call);
}

static void
piece_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PieceCall *call = user_data;
  StudioTranscriptionJob *self = call->job;
  g_autofree char *text = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  GError *error = NULL;

  text = studio_client_request_text_finish (STUDIO_CLIENT (object), result, &error);
  if (text != NULL)
    transcript = studio_transcript_parse_text (self->response_format, text, &error);

  self->n_running--;
  if (transcript != NULL)
    job_piece_done (self, call->index, transcript);
  else
    job_piece_failed (self, error);

  job_maybe_finish (self);
  piece_call_free (call);
}

static void
piece_event_cb (const char *event,
                JsonNode   *data,
                gpointer    user_data)
{
  PieceCall *call = user_data;
  StudioTranscriptionJob *self = call->job;
  Piece *piece = &g_array_index (self->pieces, Piece, call->index);
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  const char *type = object != NULL ? json_object_get_string_member_with_default (object, "type", event)
                                    : event;
  g_autoptr(GError) error = NULL;

  if (type == NULL || piece->streaming == NULL)
    return;

  if (!studio_transcript_apply_event (piece->streaming, type, data, &error))
    {
      g_debug ("Ignoring a streamed event: %s", error->message);
      return;
    }

  job_set_phase (self, STUDIO_TRANSCRIPTION_PHASE_RECEIVING);

  /* The live view follows the first piece that is still streaming. */
  if (studio_transcription_job_get_n_done (self) == call->index)
    g_set_object (&self->live, piece->streaming);
  g_signal_emit (self, signals[PROGRESS], 0);
}

static void
piece_stream_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PieceCall *call = user_data;
  StudioTranscriptionJob *self = call->job;
  Piece *piece = &g_array_index (self->pieces, Piece, call->index);
  g_autoptr(StudioTranscript) transcript = g_steal_pointer (&piece->streaming);
  GError *error = NULL;

  /* Transcription streams end after transcript.text.done, not [DONE]. */
  if (!studio_client_stream_events_finish (STUDIO_CLIENT (object), result, &error) &&
      transcript != NULL && studio_transcript_get_done (transcript) &&
      g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE))
    g_clear_error (&error);

  if (error == NULL && (transcript == NULL || !studio_transcript_get_done (transcript)))
    error = studio_api_error_new (STUDIO_API_ERROR_INCOMPLETE,
                                  _("The transcript stopped arriving before it was complete."));

  self->n_running--;
  if (error == NULL)
    job_piece_done (self, call->index, transcript);
  else
    job_piece_failed (self, error);

  job_maybe_finish (self);
  piece_call_free (call);
}

static void
job_start_piece (StudioTranscriptionJob *self,
                 guint                   index)
{
  Piece *piece = &g_array_index (self->pieces, Piece, index);
  g_autoptr(StudioRequest) request = NULL;
  GError *error = NULL;
  PieceCall *call;

  piece->started = TRUE;
  piece->sent = 0;

  request = job_build_request (self, index, &error);
  if (request == NULL)
    {
      job_piece_failed (self, error);
      return;
    }

  call = g_new0 (PieceCall, 1);
  call->job = g_object_ref (self);
  call->index = index;
  self->n_running++;

  /* The progress reports hold no reference: the call outlives them. */
  studio_request_set_progress_func (request, piece_progress_cb, call, NULL);

  if (self->stream)
    {
      g_set_object (&piece->streaming, NULL);
      piece->streaming = studio_transcript_new ();
      studio_client_stream_events_async (self->client, request,
                                         piece_event_cb, call, NULL,
                                         self->cancellable, piece_stream_cb, call);
    }
  else if (studio_transcription_format_is_json (self->response_format))
    studio_client_request_json_async (self->client, request, self->cancellable,
                                      piece_json_cb, call);
  else
    studio_client_request_text_async (self->client, request, self->cancellable,
                                      piece_text_cb, call);
}

/* Starts pieces, in order, while fewer than the limit are on their way. */
static void
job_start_pieces (StudioTranscriptionJob *self)
{
  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, i);

      if (self->error != NULL || self->n_running >= STUDIO_TRANSCRIPTION_MAX_IN_FLIGHT)
        break;
      if (piece->transcript == NULL && !piece->started)
        job_start_piece (self, i);
    }

  job_update_phase (self);
}

/**
 * studio_transcription_job_run_async:
 * @self: a job with its pieces
 * @cancellable: (nullable): stops every piece still on its way
 * @callback: called when every piece is done, or one failed
 * @user_data: data for @callback
 *
 * Sends the pieces that are not done, at most
 * %STUDIO_TRANSCRIPTION_MAX_IN_FLIGHT at a time. After the first failure
 * no more are started; those on their way finish, and every piece done
 * keeps its transcript, so a new job given them sends only what is
 * missing. @cancellable stops them all.
 */
void
studio_transcription_job_run_async (StudioTranscriptionJob *self,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPTION_JOB (self));
  g_return_if_fail (self->task == NULL);
  g_return_if_fail (self->pieces->len > 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, studio_transcription_job_run_async);
  g_set_object (&self->cancellable, cancellable);

  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, i);

      piece->started = piece->transcript != NULL;
      piece->sent = 0;
    }

  job_start_pieces (self);
  job_maybe_finish (self);
}

/**
 * studio_transcription_job_run_finish:
 * @self: a job
 * @result: the result
 * @error: the return location for the first failure
 *
 * Returns: whether every piece has its transcript
 */
gboolean
studio_transcription_job_run_finish (StudioTranscriptionJob  *self,
                                     GAsyncResult            *result,
                                     GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
