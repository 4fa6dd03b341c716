/* studio-speech-session-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-session"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-speech-session-private.h"

/* The session's downloads: a StudioSpeechJob per run, its pieces mapped to
 * the clip's and the player's, its bytes handed to the player as they
 * arrive, and the clip saved as pieces finish.
 */

/* The job's index for the player's piece: the first job piece at or past
 * it, since pieces done before this job are not in it.
 */
void
studio_speech_session_sync_playing (StudioSpeechSession *self)
{
  int current = studio_speech_player_get_current_piece (self->player);
  guint clip_piece = 0;
  guint job_piece = 0;

  if (self->job == NULL || current < 0)
    return;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      if (studio_speech_session_piece_at (self, i)->player_piece == current)
        {
          clip_piece = i;
          break;
        }
    }

  while (job_piece < self->job_pieces->len && studio_speech_session_clip_piece (self, job_piece) < clip_piece)
    job_piece++;

  studio_speech_job_set_playing_piece (self->job, job_piece);
}

static void
job_piece_started_cb (StudioSpeechJob     *job,
                      guint                index,
                      StudioSpeechSession *self)
{
  guint c = studio_speech_session_clip_piece (self, index);
  StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, c);
  StudioSessionPiece *sp = studio_speech_session_piece_at (self, c);

  /* A retried piece is fetched again whole. */
  if (piece->bytes > 0 && sp->player_piece >= 0)
    studio_speech_player_reset_piece (self->player, sp->player_piece);
  piece->bytes = 0;
  piece->complete = FALSE;
  piece->duration_us = -1;
}

static void
job_piece_data_cb (StudioSpeechJob     *job,
                   guint                index,
                   GBytes              *bytes,
                   StudioSpeechSession *self)
{
  guint c = studio_speech_session_clip_piece (self, index);
  StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, c);
  StudioSessionPiece *sp = studio_speech_session_piece_at (self, c);

  if (piece->file_name == NULL)
    {
      StudioSpeechStore *store = studio_context_get_speech_store (self->context);
      g_autoptr(GFile) file = studio_speech_store_dup_piece_file (store, self->clip, c);

      piece->file_name = g_file_get_basename (file);
    }
  piece->bytes += g_bytes_get_size (bytes);

  if (sp->player_piece >= 0)
    studio_speech_player_push (self->player, sp->player_piece, bytes);

  if (!self->had_audio)
    {
      self->had_audio = TRUE;
      studio_speech_session_update_state (self);
    }
}

static void
job_piece_finished_cb (StudioSpeechJob     *job,
                       guint                index,
                       StudioSpeechSession *self)
{
  guint c = studio_speech_session_clip_piece (self, index);
  StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, c);
  StudioSessionPiece *sp = studio_speech_session_piece_at (self, c);

  piece->complete = TRUE;
  if (sp->player_piece >= 0)
    studio_speech_player_finish_piece (self->player, sp->player_piece);
  studio_speech_session_update_durations (self);
  studio_speech_session_save_clip (self);

  if (self->following)
    studio_speech_session_follow_queue (self);
}

static void
job_usage_cb (StudioSpeechJob     *job,
              guint                index,
              gpointer             usage,
              StudioSpeechSession *self)
{
  const StudioSpeechUsage *u = usage;

  studio_speech_clip_add_usage (self->clip, u);
  if (!self->has_usage)
    {
      self->usage = *u;
      self->has_usage = TRUE;
    }
  else
    {
      self->usage.input_tokens += MAX (u->input_tokens, 0);
      self->usage.output_tokens += MAX (u->output_tokens, 0);
      self->usage.total_tokens += MAX (u->total_tokens, 0);
    }
}

static void
job_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioSpeechSession) self = user_data;
  StudioSpeechJob *job = STUDIO_SPEECH_JOB (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = studio_speech_job_run_finish (job, result, &error);

  /* A job that was replaced or stopped says nothing. */
  if (job != self->job)
    return;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_speech_session_fail (self, error);
      return;
    }

  if (self->clip != NULL && studio_speech_session_clip_is_complete (self->clip))
    studio_speech_session_complete (self);
}

void
studio_speech_session_drop_job (StudioSpeechSession *self)
{
  if (self->job == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->job, self);
  g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->job);
  g_array_set_size (self->job_pieces, 0);
}

/* A new job for the session's clip, running at once; pieces are added
 * with studio_speech_session_queue_piece() or by the caller.
 */
void
studio_speech_session_start_job (StudioSpeechSession *self)
{
  StudioClient *client = studio_context_get_client (self->context);

  g_assert (self->job == NULL);

  self->job = studio_speech_job_new (client, self->model, self->settings);
  self->job_cancellable = g_cancellable_new ();
  g_signal_connect (self->job, "piece-started", G_CALLBACK (job_piece_started_cb), self);
  g_signal_connect (self->job, "piece-data", G_CALLBACK (job_piece_data_cb), self);
  g_signal_connect (self->job, "piece-finished", G_CALLBACK (job_piece_finished_cb), self);
  g_signal_connect (self->job, "usage", G_CALLBACK (job_usage_cb), self);
  studio_speech_job_run_async (self->job, self->job_cancellable, job_run_cb, g_object_ref (self));
}

void
studio_speech_session_job_add (StudioSpeechSession *self,
                    guint                c)
{
  StudioSpeechStore *store = studio_context_get_speech_store (self->context);
  StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, c);
  const char *text = studio_speech_clip_get_text (self->clip);
  g_autofree char *input = g_strstrip (g_strndup (text + piece->start, piece->end - piece->start));
  g_autoptr(GFile) file = studio_speech_store_dup_piece_file (store, self->clip, c);

  g_array_append_val (self->job_pieces, c);
  studio_speech_job_add_piece (self->job, input, file);
}

/**
 * studio_speech_session_queue_piece:
 * @start: the piece's first byte in the clip's text
 * @end: one past its last
 *
 * Adds a piece to the clip, the player and the job, or, when it has
 * nothing speakable, to the clip alone as done.
 */
gboolean
studio_speech_session_queue_piece (StudioSpeechSession  *self,
                                   gsize                 start,
                                   gsize                 end,
                                   GError              **error)
{
  const char *text = studio_speech_clip_get_text (self->clip);
  StudioSessionPiece sp = { -1, FALSE };
  g_autofree char *input = g_strstrip (g_strndup (text + start, end - start));
  guint c;

  c = studio_speech_clip_add_piece (self->clip, start, end);
  g_assert (c == self->pieces->len);

  if (!studio_speech_text_is_speakable (input, -1))
    {
      sp.skipped = TRUE;
      studio_speech_clip_get_piece (self->clip, c)->complete = TRUE;
      g_array_append_val (self->pieces, sp);
      return TRUE;
    }

  sp.player_piece = studio_speech_player_add_piece (self->player, studio_speech_session_format (self));
  g_array_append_val (self->pieces, sp);
  studio_speech_clip_set_input_chars (self->clip,
                                      studio_speech_clip_get_input_chars (self->clip) +
                                      g_utf8_strlen (input, -1));
  studio_speech_session_job_add (self, c);

  return TRUE;
}
