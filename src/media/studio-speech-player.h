/* studio-speech-player.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_PLAYER (studio_speech_player_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechPlayer, studio_speech_player, STUDIO, SPEECH_PLAYER, GObject)

StudioSpeechPlayer *studio_speech_player_new                 (void);
void                studio_speech_player_set_audio_sink      (StudioSpeechPlayer *self,
                                                              GstElement         *sink);
void                studio_speech_player_clear               (StudioSpeechPlayer *self);
guint               studio_speech_player_add_piece           (StudioSpeechPlayer *self,
                                                              const char         *format);
guint               studio_speech_player_get_n_pieces        (StudioSpeechPlayer *self);
void                studio_speech_player_push                (StudioSpeechPlayer *self,
                                                              guint               piece,
                                                              GBytes             *bytes);
void                studio_speech_player_finish_piece        (StudioSpeechPlayer *self,
                                                              guint               piece);
void                studio_speech_player_reset_piece         (StudioSpeechPlayer *self,
                                                              guint               piece);
void                studio_speech_player_finish              (StudioSpeechPlayer *self);
gboolean            studio_speech_player_get_piece_complete  (StudioSpeechPlayer *self,
                                                              guint               piece);
gint64              studio_speech_player_get_piece_start_us  (StudioSpeechPlayer *self,
                                                              guint               piece);
gint64              studio_speech_player_get_piece_duration_us (StudioSpeechPlayer *self,
                                                              guint               piece);
int                 studio_speech_player_get_current_piece   (StudioSpeechPlayer *self);
void                studio_speech_player_play                (StudioSpeechPlayer *self);
void                studio_speech_player_pause               (StudioSpeechPlayer *self);
void                studio_speech_player_stop                (StudioSpeechPlayer *self);
void                studio_speech_player_seek                (StudioSpeechPlayer *self,
                                                              gint64              position_us);
gint64              studio_speech_player_get_position_us     (StudioSpeechPlayer *self);
gint64              studio_speech_player_get_duration_us     (StudioSpeechPlayer *self);
gboolean            studio_speech_player_get_playing         (StudioSpeechPlayer *self);
gboolean            studio_speech_player_get_buffering       (StudioSpeechPlayer *self);

G_END_DECLS
