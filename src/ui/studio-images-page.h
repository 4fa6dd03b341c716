/* studio-images-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-image-gallery.h"
#include "studio-image-record.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGES_PAGE (studio_images_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioImagesPage, studio_images_page, STUDIO, IMAGES_PAGE, AdwBin)

StudioContext *studio_images_page_get_context    (StudioImagesPage  *self);
void           studio_images_page_set_prompt     (StudioImagesPage  *self,
                                                  const char        *prompt);
void           studio_images_page_set_mode       (StudioImagesPage  *self,
                                                  const char        *endpoint);
void           studio_images_page_add_source     (StudioImagesPage  *self,
                                                  GFile             *file,
                                                  gint64             image_id);
guint          studio_images_page_get_n_sources  (StudioImagesPage  *self);
void           studio_images_page_use_as_source  (StudioImagesPage  *self,
                                                  StudioImageRecord *record);
void           studio_images_page_set_options    (StudioImagesPage  *self,
                                                  JsonObject        *options);
StudioImageGallery *studio_images_page_get_gallery (StudioImagesPage *self);
void           studio_images_page_show_image     (StudioImagesPage  *self,
                                                  StudioImageRecord *record);

G_END_DECLS
