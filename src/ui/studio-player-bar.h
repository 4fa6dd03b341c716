/* studio-player-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "studio-player.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_PLAYER_BAR (studio_player_bar_get_type ())

G_DECLARE_FINAL_TYPE (StudioPlayerBar, studio_player_bar, STUDIO, PLAYER_BAR, GtkBox)

GtkWidget    *studio_player_bar_new        (void);
void          studio_player_bar_set_player (StudioPlayerBar *self,
                                            StudioPlayer    *player);
StudioPlayer *studio_player_bar_get_player (StudioPlayerBar *self);

G_END_DECLS
