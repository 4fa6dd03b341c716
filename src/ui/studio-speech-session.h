/* studio-speech-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include "studio-context.h"
#include "studio-speech-clip.h"
#include "studio-speech-player.h"

G_BEGIN_DECLS

/**
 * StudioSpeechSessionState:
 * @STUDIO_SPEECH_SESSION_IDLE: nothing loaded, or stopped
 * @STUDIO_SPEECH_SESSION_WAITING: asked, no audio yet
 * @STUDIO_SPEECH_SESSION_PLAYING: audio is playing
 * @STUDIO_SPEECH_SESSION_BUFFERING: the playhead caught up with the download
 * @STUDIO_SPEECH_SESSION_PAUSED: paused by the listener
 * @STUDIO_SPEECH_SESSION_FINISHED: played to the end
 * @STUDIO_SPEECH_SESSION_FAILED: stopped by an error; see the error
 */
typedef enum
{
  STUDIO_SPEECH_SESSION_IDLE,
  STUDIO_SPEECH_SESSION_WAITING,
  STUDIO_SPEECH_SESSION_PLAYING,
  STUDIO_SPEECH_SESSION_BUFFERING,
  STUDIO_SPEECH_SESSION_PAUSED,
  STUDIO_SPEECH_SESSION_FINISHED,
  STUDIO_SPEECH_SESSION_FAILED,
} StudioSpeechSessionState;

#define STUDIO_TYPE_SPEECH_SESSION_STATE (studio_speech_session_state_get_type ())

GType studio_speech_session_state_get_type (void) G_GNUC_CONST;

#define STUDIO_TYPE_SPEECH_SESSION (studio_speech_session_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechSession, studio_speech_session, STUDIO, SPEECH_SESSION, GObject)

StudioSpeechSession      *studio_speech_session_new                  (StudioContext              *context);
StudioContext            *studio_speech_session_get_context          (StudioSpeechSession        *self);
StudioSpeechPlayer       *studio_speech_session_get_player           (StudioSpeechSession        *self);
void                      studio_speech_session_set_audio_sink       (StudioSpeechSession        *self,
                                                                      GstElement                 *sink);
StudioSpeechSettings     *studio_speech_session_dup_settings         (StudioSpeechSession        *self);
StudioModel              *studio_speech_session_dup_model            (StudioSpeechSession        *self,
                                                                      const StudioSpeechSettings *settings);

StudioSpeechClip         *studio_speech_session_speak                (StudioSpeechSession        *self,
                                                                      const StudioSpeechSettings *settings,
                                                                      const char                 *text,
                                                                      GError                    **error);
gboolean                  studio_speech_session_replay               (StudioSpeechSession        *self,
                                                                      StudioSpeechClip           *clip,
                                                                      GError                    **error);
StudioSpeechClip         *studio_speech_session_follow               (StudioSpeechSession        *self,
                                                                      gpointer                    owner,
                                                                      gint64                      conversation_id,
                                                                      GError                    **error);
void                      studio_speech_session_follow_update        (StudioSpeechSession        *self,
                                                                      gpointer                    owner,
                                                                      const char                 *markdown,
                                                                      gboolean                    final);
gpointer                  studio_speech_session_get_owner            (StudioSpeechSession        *self);
void                      studio_speech_session_stop                 (StudioSpeechSession        *self);
void                      studio_speech_session_stop_owner           (StudioSpeechSession        *self,
                                                                      gpointer                    owner);
gboolean                  studio_speech_session_retry                (StudioSpeechSession        *self,
                                                                      GError                    **error);
void                      studio_speech_session_play                 (StudioSpeechSession        *self);
void                      studio_speech_session_pause                (StudioSpeechSession        *self);

StudioSpeechClip         *studio_speech_session_get_clip             (StudioSpeechSession        *self);
StudioSpeechSessionState  studio_speech_session_get_state            (StudioSpeechSession        *self);
const GError             *studio_speech_session_get_error            (StudioSpeechSession        *self);
guint                     studio_speech_session_get_n_sentences      (StudioSpeechSession        *self);
gboolean                  studio_speech_session_get_sentence         (StudioSpeechSession        *self,
                                                                      guint                       index,
                                                                      gsize                      *start,
                                                                      gsize                      *end);
int                       studio_speech_session_get_current_sentence (StudioSpeechSession        *self);
void                      studio_speech_session_play_sentence        (StudioSpeechSession        *self,
                                                                      guint                       index);
void                      studio_speech_session_next_sentence        (StudioSpeechSession        *self);
void                      studio_speech_session_previous_sentence    (StudioSpeechSession        *self);

G_END_DECLS
