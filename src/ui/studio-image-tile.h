/* studio-image-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-image-record.h"
#include "studio-thumbnailer.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_TILE (studio_image_tile_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageTile, studio_image_tile, STUDIO, IMAGE_TILE, GtkWidget)

GtkWidget         *studio_image_tile_new         (void);
void               studio_image_tile_bind        (StudioImageTile   *self,
                                                  StudioImageRecord *record,
                                                  StudioThumbnailer *thumbnailer);
void               studio_image_tile_unbind      (StudioImageTile   *self);
void               studio_image_tile_set_in_view (StudioImageTile   *self,
                                                  gboolean           in_view);
gboolean           studio_image_tile_get_wants_load (StudioImageTile *self);
StudioImageRecord *studio_image_tile_get_record  (StudioImageTile   *self);
GdkTexture        *studio_image_tile_get_texture (StudioImageTile   *self);
const char        *studio_image_tile_get_status  (StudioImageTile   *self);
const char        *studio_image_tile_get_prompt  (StudioImageTile   *self);

G_END_DECLS
