/* studio-speech-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-speech-job.h"
#include "studio-speech-session.h"
#include "studio-speech-text.h"

G_BEGIN_DECLS

/* What the session knows of one of its clip's pieces. */
typedef struct
{
  int      player_piece;   /* -1 while not in the player */
  gboolean skipped;        /* nothing speakable: no request, no audio */
} StudioSessionPiece;

struct _StudioSpeechSession
{
  GObject                   parent_instance;

  /* Owned references */
  StudioContext            *context;
  StudioSpeechPlayer       *player;
  StudioSpeechJob          *job;
  GCancellable             *job_cancellable;
  GCancellable             *replay_cancellable;
  StudioSpeechClip         *clip;
  StudioModel              *model;
  StudioSpeechSettings     *settings;
  GError                   *error;
  GArray                   *pieces;        /* StudioSessionPiece, per clip piece */
  GArray                   *job_pieces;    /* guint: job piece → clip piece */
  GArray                   *sentences;     /* StudioTextSpan over the clip's text */
  char                     *text;          /* the clip's speakable text, followed */

  /* Borrowed references */
  gpointer                  owner;

  StudioSpeechSessionState  state;
  int                       current_sentence;
  int                       pending_sentence;
  gint64                    sentence_started_us;
  gsize                     queued_end;
  gsize                     complete_end;
  gboolean                  has_usage;
  StudioSpeechUsage         usage;
  guint                     following : 1;
  guint                     follow_final : 1;
  guint                     paused : 1;
  guint                     finished : 1;
  guint                     had_audio : 1;
};

void     studio_speech_session_set_state       (StudioSpeechSession *self,
                                                StudioSpeechSessionState state);
void     studio_speech_session_update_state    (StudioSpeechSession *self);
void     studio_speech_session_update_sentence (StudioSpeechSession *self);
void     studio_speech_session_set_sentences   (StudioSpeechSession *self,
                                                GArray              *sentences);
gboolean studio_speech_session_queue_piece     (StudioSpeechSession *self,
                                                gsize                start,
                                                gsize                end,
                                                GError             **error);
void     studio_speech_session_follow_queue    (StudioSpeechSession *self);
void     studio_speech_session_seek_pending    (StudioSpeechSession *self);
void     studio_speech_session_save_clip       (StudioSpeechSession *self);
void     studio_speech_session_reset           (StudioSpeechSession *self);
void     studio_speech_session_start_job       (StudioSpeechSession *self);
gboolean studio_speech_session_begin           (StudioSpeechSession         *self,
                                                const StudioSpeechSettings  *settings,
                                                const char                  *source,
                                                const char                  *text,
                                                GError                     **error);
StudioModel *studio_speech_session_find_model  (StudioSpeechSession         *self,
                                                const StudioSpeechSettings  *settings,
                                                GError                     **error);

StudioSessionPiece *studio_speech_session_piece_at   (StudioSpeechSession *self,
                                     guint                clip_piece);
gboolean    studio_speech_session_clip_has_audio          (StudioSpeechClip    *clip);
gboolean    studio_speech_session_clip_is_complete        (StudioSpeechClip    *clip);
const char *studio_speech_session_format          (StudioSpeechSession *self);
gboolean    studio_speech_session_check_format            (const StudioSpeechSettings  *settings,
                                     GError                     **error);
void        studio_speech_session_fail      (StudioSpeechSession *self,
                                             const GError        *error);
void        studio_speech_session_drop_job  (StudioSpeechSession *self);
void        studio_speech_session_set_error (StudioSpeechSession *self,
                                             const GError        *error);
void        studio_speech_session_job_add      (StudioSpeechSession *self,
                                     guint                c);

void        studio_speech_session_sync_playing (StudioSpeechSession *self);

/* In studio-speech-session.c, for the job's half. */
guint    studio_speech_session_clip_piece       (StudioSpeechSession *self,
                                                 guint                job_piece);
gboolean studio_speech_session_update_durations (StudioSpeechSession *self);
void     studio_speech_session_complete         (StudioSpeechSession *self);

G_END_DECLS
