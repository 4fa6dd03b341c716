/* studio-image-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_OPTIONS (studio_image_options_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageOptions, studio_image_options, STUDIO, IMAGE_OPTIONS, AdwBin)

GtkWidget  *studio_image_options_new        (void);
void        studio_image_options_bind       (StudioImageOptions *self,
                                             StudioModel        *model,
                                             const char         *endpoint,
                                             JsonObject         *values);
JsonObject *studio_image_options_get_values (StudioImageOptions *self);
gboolean    studio_image_options_check      (StudioImageOptions *self,
                                             GError            **error);
gboolean    studio_image_options_get_valid  (StudioImageOptions *self);

G_END_DECLS
