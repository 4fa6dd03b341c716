/* studio-image-details.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-image-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_DETAILS (studio_image_details_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageDetails, studio_image_details, STUDIO, IMAGE_DETAILS, AdwBin)

GtkWidget         *studio_image_details_new        (void);
void               studio_image_details_set_record (StudioImageDetails *self,
                                                    StudioContext      *context,
                                                    StudioImageRecord  *record);
StudioImageRecord *studio_image_details_get_record (StudioImageDetails *self);

G_END_DECLS
