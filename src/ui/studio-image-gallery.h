/* studio-image-gallery.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-image-record.h"
#include "studio-thumbnailer.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_GALLERY (studio_image_gallery_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageGallery, studio_image_gallery, STUDIO, IMAGE_GALLERY, AdwBin)

GtkWidget         *studio_image_gallery_new          (StudioContext      *context);
StudioContext     *studio_image_gallery_get_context  (StudioImageGallery *self);
void               studio_image_gallery_reload       (StudioImageGallery *self);
void               studio_image_gallery_add_record   (StudioImageGallery *self,
                                                      StudioImageRecord  *record);
void               studio_image_gallery_update_record (StudioImageGallery *self,
                                                       StudioImageRecord  *record);
guint              studio_image_gallery_get_n_items  (StudioImageGallery *self);
StudioImageRecord *studio_image_gallery_get_item     (StudioImageGallery *self,
                                                      guint               position);
void               studio_image_gallery_show_record  (StudioImageGallery *self,
                                                      gint64              id);
void               studio_image_gallery_delete       (StudioImageGallery *self,
                                                      GPtrArray          *records);
StudioThumbnailer *studio_image_gallery_get_thumbnailer (StudioImageGallery *self);
GtkScrolledWindow *studio_image_gallery_get_scrolled_window (StudioImageGallery *self);

G_END_DECLS
