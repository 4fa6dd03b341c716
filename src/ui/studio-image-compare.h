/* studio-image-compare.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-image-record.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_COMPARE (studio_image_compare_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageCompare, studio_image_compare, STUDIO, IMAGE_COMPARE, AdwBin)

GtkWidget *studio_image_compare_new         (void);
void       studio_image_compare_set_records (StudioImageCompare *self,
                                             GPtrArray          *records);
guint      studio_image_compare_get_n_records (StudioImageCompare *self);

G_END_DECLS
