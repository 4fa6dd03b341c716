/* studio-speech-session-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-session"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-speech-session-private.h"
#include "studio-speech-store.h"

/* Playing a clip again from its saved files, and fetching what is missing
 * of a clip (after a failure, or a replayed clip cut short).
 */

static void replay_read_next (StudioSpeechSession *self,
                              GCancellable        *cancellable,
                              guint                clip_piece);

typedef struct
{
  StudioSpeechSession *self;
  GCancellable        *cancellable;
  GInputStream        *stream;
  guint                clip_piece;
} ReplayRead;

static void
replay_read_free (ReplayRead *read)
{
  g_clear_object (&read->self);
  g_clear_object (&read->cancellable);
  g_clear_object (&read->stream);
  g_free (read);
}

static void
replay_bytes_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReplayRead *read = user_data;
  StudioSpeechSession *self = read->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  StudioSessionPiece *sp;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (g_cancellable_is_cancelled (read->cancellable))
    {
      replay_read_free (read);
      return;
    }

  sp = studio_speech_session_piece_at (self, read->clip_piece);
  if (bytes == NULL)
    {
      studio_speech_session_fail (self, error);
      replay_read_free (read);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      studio_speech_player_push (self->player, sp->player_piece, bytes);
      if (!self->had_audio)
        {
          self->had_audio = TRUE;
          studio_speech_session_update_state (self);
        }
      g_input_stream_read_bytes_async (read->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                       read->cancellable, replay_bytes_cb, read);
      return;
    }

  studio_speech_player_finish_piece (self->player, sp->player_piece);
  replay_read_next (self, read->cancellable, read->clip_piece + 1);
  replay_read_free (read);
}

static void
replay_open_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReplayRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (object), result, &error));
  if (g_cancellable_is_cancelled (read->cancellable))
    {
      replay_read_free (read);
      return;
    }

  if (read->stream == NULL)
    {
      /* A file gone from the folder is a piece that never arrived. */
      StudioSessionPiece *sp = studio_speech_session_piece_at (read->self, read->clip_piece);

      g_debug ("Speech piece file unreadable: %s", error->message);
      studio_speech_player_finish_piece (read->self->player, sp->player_piece);
      replay_read_next (read->self, read->cancellable, read->clip_piece + 1);
      replay_read_free (read);
      return;
    }

  g_input_stream_read_bytes_async (read->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   read->cancellable, replay_bytes_cb, read);
}

/* Reads the saved pieces one after the other, from @clip_piece on. */
static void
replay_read_next (StudioSpeechSession *self,
                  GCancellable        *cancellable,
                  guint                clip_piece)
{
  StudioSpeechStore *store = studio_context_get_speech_store (self->context);

  for (; clip_piece < self->pieces->len; clip_piece++)
    {
      StudioSessionPiece *sp = studio_speech_session_piece_at (self, clip_piece);
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, clip_piece);
      g_autoptr(GFile) file = NULL;
      ReplayRead *read;

      if (sp->player_piece < 0)
        continue;

      if (piece->file_name == NULL || piece->bytes <= 0)
        {
          /* Left out: it takes no time until a retry fetches it. */
          studio_speech_player_finish_piece (self->player, sp->player_piece);
          continue;
        }

      file = studio_speech_store_dup_piece_file (store, self->clip, clip_piece);
      read = g_new0 (ReplayRead, 1);
      read->self = g_object_ref (self);
      read->cancellable = g_object_ref (cancellable);
      read->clip_piece = clip_piece;
      g_file_read_async (file, G_PRIORITY_DEFAULT, cancellable, replay_open_cb, read);
      return;
    }

  if (studio_speech_session_clip_is_complete (self->clip))
    studio_speech_player_finish (self->player);
}

/**
 * studio_speech_session_replay:
 * @clip: a clip from the history
 *
 * Plays @clip from its saved files, with no request. Pieces that never
 * arrived are left out; studio_speech_session_retry() fetches them.
 *
 * Returns: whether it plays
 */
gboolean
studio_speech_session_replay (StudioSpeechSession  *self,
                              StudioSpeechClip     *clip,
                              GError              **error)
{
  g_autoptr(GArray) sentences = NULL;
  const StudioSpeechSettings *settings;
  const char *format;

  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (clip), FALSE);

  settings = studio_speech_clip_get_settings (clip);
  if (settings == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This clip has lost its settings and cannot be played."));
      return FALSE;
    }

  if (!studio_speech_session_check_format (settings, error))
    return FALSE;

  if (!studio_speech_session_clip_has_audio (clip))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No audio of this clip arrived. Use Retry to fetch it."));
      return FALSE;
    }

  g_object_ref (clip);
  studio_speech_session_reset (self);

  self->clip = clip;
  self->settings = studio_speech_settings_copy (settings);
  self->text = g_strdup (studio_speech_clip_get_text (clip));
  format = studio_speech_session_format (self);
  sentences = studio_speech_text_split_sentences (self->text ? self->text : "",
                                                  STUDIO_SPEECH_MAX_INPUT_CHARS);
  studio_speech_session_set_sentences (self, sentences);

  for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
    {
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (clip, i);
      g_autofree char *input = g_strndup (self->text + piece->start, piece->end - piece->start);
      StudioSessionPiece sp = { -1, FALSE };

      if (!studio_speech_text_is_speakable (input, -1))
        sp.skipped = TRUE;
      else
        sp.player_piece = studio_speech_player_add_piece (self->player, format);
      g_array_append_val (self->pieces, sp);
    }

  self->state = STUDIO_SPEECH_SESSION_WAITING;
  g_object_notify (G_OBJECT (self), "clip");
  g_object_notify (G_OBJECT (self), "state");

  self->replay_cancellable = g_cancellable_new ();
  replay_read_next (self, self->replay_cancellable, 0);
  studio_speech_player_play (self->player);
  studio_speech_session_update_state (self);

  return TRUE;
}

/**
 * studio_speech_session_retry:
 *
 * After a failure (or for a replayed clip with missing pieces), fetches
 * the pieces that are not complete, the cut one again whole, and plays on.
 *
 * Returns: whether anything is fetched
 */
gboolean
studio_speech_session_retry (StudioSpeechSession  *self,
                             GError              **error)
{
  gboolean any = FALSE;

  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), FALSE);

  if (self->clip == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no clip to retry. Speak the text again."));
      return FALSE;
    }

  if (self->model == NULL)
    {
      self->model = studio_speech_session_find_model (self, self->settings, error);
      if (self->model == NULL)
        return FALSE;
    }

  studio_speech_session_drop_job (self);
  if (self->error != NULL)
    studio_speech_session_set_error (self, NULL);
  studio_speech_clip_set_error (self->clip, NULL);
  self->finished = FALSE;

  studio_speech_session_start_job (self);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSessionPiece *sp = studio_speech_session_piece_at (self, i);
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, i);

      if (sp->skipped || piece->complete || sp->player_piece < 0)
        continue;

      studio_speech_player_reset_piece (self->player, sp->player_piece);
      piece->bytes = 0;
      studio_speech_session_job_add (self, i);
      any = TRUE;
    }

  if (!self->following || self->follow_final)
    studio_speech_job_close (self->job);

  if (!any && (!self->following || self->follow_final))
    {
      studio_speech_session_drop_job (self);
      studio_speech_session_update_state (self);
      return TRUE;
    }

  studio_speech_clip_set_state (self->clip, STUDIO_SPEECH_CLIP_STATE_FETCHING);
  studio_speech_session_save_clip (self);
  studio_speech_session_sync_playing (self);
  if (!self->paused)
    studio_speech_player_play (self->player);
  studio_speech_session_update_state (self);

  return TRUE;
}

