/* studio-player.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

/**
 * STUDIO_PLAYER_MIN_RATE:
 *
 * The slowest playback speed.
 */
#define STUDIO_PLAYER_MIN_RATE 0.5

/**
 * STUDIO_PLAYER_MAX_RATE:
 *
 * The fastest playback speed.
 */
#define STUDIO_PLAYER_MAX_RATE 2.0

#define STUDIO_TYPE_PLAYER (studio_player_get_type ())

G_DECLARE_FINAL_TYPE (StudioPlayer, studio_player, STUDIO, PLAYER, GObject)

StudioPlayer *studio_player_new             (void);
void          studio_player_set_audio_sink  (StudioPlayer *self,
                                             GstElement   *sink);
void          studio_player_set_file        (StudioPlayer *self,
                                             GFile        *file);
GFile        *studio_player_get_file        (StudioPlayer *self);
void          studio_player_play            (StudioPlayer *self);
void          studio_player_pause           (StudioPlayer *self);
void          studio_player_stop            (StudioPlayer *self);
void          studio_player_seek            (StudioPlayer *self,
                                             gint64        position_us);
void          studio_player_set_rate        (StudioPlayer *self,
                                             double        rate);
double        studio_player_get_rate        (StudioPlayer *self);
gint64        studio_player_get_position_us (StudioPlayer *self);
gint64        studio_player_get_duration_us (StudioPlayer *self);
gboolean      studio_player_get_playing     (StudioPlayer *self);

G_END_DECLS
