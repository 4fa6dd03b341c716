/* studio-images-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGES_PAGE (studio_images_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioImagesPage, studio_images_page, STUDIO, IMAGES_PAGE, AdwBin)

G_END_DECLS
