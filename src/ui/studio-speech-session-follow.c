/* studio-speech-session-follow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-session"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-speech-session-private.h"

/* Read Aloud of a chat reply while it streams, and the sentence the
 * listener hears.
 *
 * A followed reply is queued a piece at a time: whenever no request is in
 * flight, the complete sentences not yet queued become the next piece, so
 * the first sentence is sent the moment it is complete and those that
 * arrive while a request runs are grouped into the next one.
 *
 * The player knows where each piece starts and how long it lasts, not
 * where its sentences are: a sentence's start is estimated in proportion
 * to the characters before it in its piece.
 */

/* How fast speech goes, before any piece told us: characters a second at
 * speed 1.0.
 */
#define DEFAULT_CHARS_PER_SECOND 15.0

/* Within this much of a sentence's start, "previous" goes to the sentence
 * before instead of back to this one's start, as music players do.
 */
#define PREVIOUS_GRACE_US (1500 * G_TIME_SPAN_MILLISECOND)

void
studio_speech_session_set_sentences (StudioSpeechSession *self,
                                     GArray              *sentences)
{
  g_array_set_size (self->sentences, 0);
  if (sentences != NULL && sentences->len > 0)
    g_array_append_vals (self->sentences, sentences->data, sentences->len);
}

static gsize
count_chars (const char *text,
             gsize       start,
             gsize       end)
{
  if (text == NULL || end <= start)
    return 0;
  return g_utf8_strlen (text + start, end - start);
}

/* The clip piece a byte of the text is in, or -1. */
static int
piece_for_offset (StudioSpeechSession *self,
                  gsize                offset)
{
  for (guint i = 0; i < studio_speech_clip_get_n_pieces (self->clip); i++)
    {
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, i);

      if (offset >= piece->start && offset < piece->end)
        return i;
    }

  return -1;
}

/* Characters a second, from the pieces fully decoded, else a guess. */
static double
chars_per_second (StudioSpeechSession *self)
{
  const char *text = studio_speech_clip_get_text (self->clip);
  double chars = 0, seconds = 0;
  double speed = self->settings && self->settings->speed > 0 ? self->settings->speed : 1.0;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSessionPiece *sp = studio_speech_session_piece_at (self, i);
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, i);
      gint64 duration;

      if (sp->player_piece < 0 ||
          !studio_speech_player_get_piece_complete (self->player, sp->player_piece))
        continue;

      duration = studio_speech_player_get_piece_duration_us (self->player, sp->player_piece);
      if (duration <= 0)
        continue;

      chars += count_chars (text, piece->start, piece->end);
      seconds += (double) duration / G_USEC_PER_SEC;
    }

  if (chars > 0 && seconds > 0)
    return chars / seconds;

  return DEFAULT_CHARS_PER_SECOND * speed;
}

/* The estimated start of a sentence on the player's timeline, or -1 when
 * its piece is not there yet.
 */
static gint64
sentence_start_us (StudioSpeechSession *self,
                   guint                index,
                   gint64              *arrived_us)
{
  const StudioTextSpan *sentence = &g_array_index (self->sentences, StudioTextSpan, index);
  const char *text = studio_speech_clip_get_text (self->clip);
  StudioSessionPiece *sp;
  StudioSpeechPiece *piece;
  gint64 piece_start, duration;
  gsize before, total;
  int c;

  if (arrived_us != NULL)
    *arrived_us = -1;

  c = piece_for_offset (self, sentence->start);
  if (c < 0)
    return -1;

  sp = studio_speech_session_piece_at (self, c);
  piece = studio_speech_clip_get_piece (self->clip, c);
  if (sp->player_piece < 0)
    return -1;

  piece_start = studio_speech_player_get_piece_start_us (self->player, sp->player_piece);
  if (piece_start < 0)
    return -1;

  total = count_chars (text, piece->start, piece->end);
  before = count_chars (text, piece->start, sentence->start);
  duration = studio_speech_player_get_piece_duration_us (self->player, sp->player_piece);

  if (arrived_us != NULL)
    *arrived_us = piece_start + MAX (duration, 0);

  if (!studio_speech_player_get_piece_complete (self->player, sp->player_piece) || duration <= 0)
    duration = (gint64) (total / chars_per_second (self) * G_USEC_PER_SEC);

  if (total == 0)
    return piece_start;

  return piece_start + (gint64) ((double) duration * before / total);
}

static void
set_current_sentence (StudioSpeechSession *self,
                      int                  index)
{
  if (self->current_sentence == index)
    return;

  self->current_sentence = index;
  g_object_notify (G_OBJECT (self), "current-sentence");
}

void
studio_speech_session_update_sentence (StudioSpeechSession *self)
{
  int current_piece;
  int clip_piece = -1;
  gint64 position;
  int found = -1;

  if (self->clip == NULL || self->sentences->len == 0)
    return;

  current_piece = studio_speech_player_get_current_piece (self->player);
  if (current_piece < 0)
    return;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      if (studio_speech_session_piece_at (self, i)->player_piece == current_piece)
        {
          clip_piece = i;
          break;
        }
    }
  if (clip_piece < 0)
    return;

  position = studio_speech_player_get_position_us (self->player);
  {
    StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, clip_piece);

    for (guint i = 0; i < self->sentences->len; i++)
      {
        const StudioTextSpan *sentence = &g_array_index (self->sentences, StudioTextSpan, i);
        gint64 start;

        if (sentence->start < piece->start)
          continue;
        if (sentence->start >= piece->end)
          break;

        start = sentence_start_us (self, i, NULL);
        if (found < 0 || (start >= 0 && start <= position))
          found = i;
        if (start > position)
          break;
      }
  }

  if (found >= 0)
    set_current_sentence (self, found);
}

/* A sentence asked for before its audio arrived: seek once it has. */
void
studio_speech_session_seek_pending (StudioSpeechSession *self)
{
  gint64 start, arrived;

  if (self->pending_sentence < 0 || (guint) self->pending_sentence >= self->sentences->len)
    return;

  start = sentence_start_us (self, self->pending_sentence, &arrived);
  if (start < 0 || arrived <= start)
    return;

  self->pending_sentence = -1;
  studio_speech_player_seek (self->player, start);
  studio_speech_session_update_sentence (self);
}

guint
studio_speech_session_get_n_sentences (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), 0);

  return self->sentences->len;
}

/**
 * studio_speech_session_get_sentence:
 * @index: a sentence
 * @start: (out) (optional): its first byte in the clip's text
 * @end: (out) (optional): one past its last
 *
 * Returns: whether there is such a sentence
 */
gboolean
studio_speech_session_get_sentence (StudioSpeechSession *self,
                                    guint                index,
                                    gsize               *start,
                                    gsize               *end)
{
  const StudioTextSpan *sentence;

  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), FALSE);

  if (index >= self->sentences->len)
    return FALSE;

  sentence = &g_array_index (self->sentences, StudioTextSpan, index);
  if (start != NULL)
    *start = sentence->start;
  if (end != NULL)
    *end = sentence->end;
  return TRUE;
}

int
studio_speech_session_get_current_sentence (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), -1);

  return self->current_sentence;
}

/**
 * studio_speech_session_play_sentence:
 * @index: a sentence
 *
 * Plays from the sentence: at once if its audio arrived, else as soon as
 * it does (its piece is fetched next).
 */
void
studio_speech_session_play_sentence (StudioSpeechSession *self,
                                     guint                index)
{
  gint64 start, arrived;
  int c;

  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (self->clip == NULL || index >= self->sentences->len)
    return;

  start = sentence_start_us (self, index, &arrived);
  if (start >= 0 && arrived > start)
    {
      self->pending_sentence = -1;
      studio_speech_player_seek (self->player, start);
      set_current_sentence (self, index);
    }
  else
    {
      const StudioTextSpan *sentence = &g_array_index (self->sentences, StudioTextSpan, index);

      self->pending_sentence = index;
      c = piece_for_offset (self, sentence->start);
      if (c >= 0 && self->job != NULL)
        {
          guint job_piece = 0;

          while (job_piece < self->job_pieces->len &&
                 g_array_index (self->job_pieces, guint, job_piece) < (guint) c)
            job_piece++;
          studio_speech_job_set_playing_piece (self->job, job_piece);
        }
    }

  if (!self->paused)
    studio_speech_player_play (self->player);
}

void
studio_speech_session_next_sentence (StudioSpeechSession *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (self->current_sentence + 1 < (int) self->sentences->len)
    studio_speech_session_play_sentence (self, self->current_sentence + 1);
}

void
studio_speech_session_previous_sentence (StudioSpeechSession *self)
{
  gint64 start;

  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (self->clip == NULL || self->current_sentence < 0)
    return;

  start = sentence_start_us (self, self->current_sentence, NULL);
  if (self->current_sentence > 0 &&
      (start < 0 ||
       studio_speech_player_get_position_us (self->player) - start < PREVIOUS_GRACE_US))
    studio_speech_session_play_sentence (self, self->current_sentence - 1);
  else
    studio_speech_session_play_sentence (self, self->current_sentence);
}

static gboolean
job_in_flight (StudioSpeechSession *self)
{
  guint n = studio_speech_job_get_n_pieces (self->job);

  for (guint i = 0; i < n; i++)
    {
      if (!studio_speech_job_get_piece_done (self->job, i))
        return TRUE;
    }

  return FALSE;
}

/* Queues the complete sentences not yet queued, when no request runs. */
void
studio_speech_session_follow_queue (StudioSpeechSession *self)
{
  gsize length;

  if (!self->following || self->job == NULL || self->text == NULL)
    return;

  if (job_in_flight (self))
    return;

  length = strlen (self->text);
  if (self->complete_end > self->queued_end)
    {
      g_autofree char *rest = g_strndup (self->text + self->queued_end,
                                         self->complete_end - self->queued_end);
      g_autoptr(GArray) sentences = studio_speech_text_split_sentences (rest,
                                                                        STUDIO_SPEECH_MAX_INPUT_CHARS);
      g_autoptr(GArray) plan = studio_speech_text_plan_pieces (rest, sentences,
                                                               STUDIO_SPEECH_MAX_INPUT_CHARS);
      gsize offset = self->queued_end;
      gboolean first = studio_speech_clip_get_n_pieces (self->clip) == 0;

      self->queued_end = self->complete_end;
      for (guint i = 0; i < plan->len; i++)
        {
          const StudioSpeechPieceSpan *span = &g_array_index (plan, StudioSpeechPieceSpan, i);

          studio_speech_session_queue_piece (self, offset + span->start, offset + span->end,
                                             NULL);
        }

      if (first)
        studio_speech_session_save_clip (self);
    }

  if (self->follow_final && self->queued_end >= length)
    studio_speech_job_close (self->job);
}

/**
 * studio_speech_session_follow:
 * @owner: who reads (a chat page); only its updates count
 * @conversation_id: the reply's conversation, for the history
 *
 * Stops what plays and starts reading a reply that may still be
 * streaming; feed it with studio_speech_session_follow_update().
 *
 * Returns: (transfer none): the new clip, or %NULL with @error set
 */
StudioSpeechClip *
studio_speech_session_follow (StudioSpeechSession  *self,
                              gpointer              owner,
                              gint64                conversation_id,
                              GError              **error)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  if (!studio_speech_session_begin (self, NULL, STUDIO_SPEECH_SOURCE_CHAT, "", error))
    return NULL;

  studio_speech_clip_set_conversation_id (self->clip, conversation_id);
  self->text = g_strdup ("");
  self->following = TRUE;
  self->owner = owner;
  g_object_notify (G_OBJECT (self), "owner");

  studio_speech_session_start_job (self);
  studio_speech_player_play (self->player);
  studio_speech_session_update_state (self);

  return self->clip;
}

/**
 * studio_speech_session_follow_update:
 * @owner: who called studio_speech_session_follow()
 * @markdown: the reply so far
 * @final: whether the reply is complete
 *
 * Reads the sentences of @markdown that are complete; with @final, the
 * rest too. Updates from anyone but the current owner are ignored.
 */
void
studio_speech_session_follow_update (StudioSpeechSession *self,
                                     gpointer             owner,
                                     const char          *markdown,
                                     gboolean             final)
{
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) sentences = NULL;

  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (!self->following || owner == NULL || owner != self->owner || self->follow_final)
    return;

  text = studio_speech_text_from_markdown (markdown ? markdown : "", final);

  /* What was queued is spoken as it was; a reply that rewrote its start
   * (which the Markdown rules should not allow) keeps the old start.
   */
  if (strlen (text) < self->queued_end || strncmp (text, self->text, self->queued_end) != 0)
    {
      g_autofree char *kept = g_strndup (self->text, self->queued_end);
      gsize length = strlen (text);

      if (length > self->queued_end)
        {
          char *joined = g_strconcat (kept, text + self->queued_end, NULL);

          g_free (text);
          text = joined;
        }
      else
        {
          g_free (text);
          text = g_steal_pointer (&kept);
        }
    }

  g_free (self->text);
  self->text = g_strdup (text);
  self->complete_end = final ? strlen (text) : studio_speech_text_complete_length (text, FALSE);
  self->complete_end = MAX (self->complete_end, self->queued_end);
  if (final)
    self->follow_final = TRUE;

  title = studio_speech_text_dup_title (text);
  studio_speech_clip_set_text (self->clip, text);
  studio_speech_clip_set_title (self->clip, title);
  sentences = studio_speech_text_split_sentences (text, STUDIO_SPEECH_MAX_INPUT_CHARS);
  studio_speech_session_set_sentences (self, sentences);

  studio_speech_session_follow_queue (self);

  if (final && !studio_speech_text_is_speakable (text, -1))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                     _("There is nothing to read aloud in this text."));

      studio_speech_session_fail (self, error);
    }
}
