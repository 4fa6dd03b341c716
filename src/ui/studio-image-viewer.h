/* studio-image-viewer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_VIEWER (studio_image_viewer_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageViewer, studio_image_viewer, STUDIO, IMAGE_VIEWER, GtkWidget)

GtkWidget  *studio_image_viewer_new          (void);
void        studio_image_viewer_set_file     (StudioImageViewer *self,
                                              GFile             *file);
GFile      *studio_image_viewer_get_file     (StudioImageViewer *self);
void        studio_image_viewer_set_texture  (StudioImageViewer *self,
                                              GdkTexture        *texture);
GdkTexture *studio_image_viewer_get_texture  (StudioImageViewer *self);
double      studio_image_viewer_get_zoom     (StudioImageViewer *self);
void        studio_image_viewer_set_zoom     (StudioImageViewer *self,
                                              double             zoom);
gboolean    studio_image_viewer_get_fit      (StudioImageViewer *self);
void        studio_image_viewer_set_fit      (StudioImageViewer *self,
                                              gboolean           fit);
void        studio_image_viewer_set_description (StudioImageViewer *self,
                                                 const char        *description);

G_END_DECLS
