/* studio-mask-canvas.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "studio-image-mask.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_MASK_CANVAS (studio_mask_canvas_get_type ())

G_DECLARE_FINAL_TYPE (StudioMaskCanvas, studio_mask_canvas, STUDIO, MASK_CANVAS, GtkWidget)

GtkWidget *studio_mask_canvas_new            (void);
void       studio_mask_canvas_set_source     (StudioMaskCanvas *self,
                                              GdkTexture       *source,
                                              StudioImageMask  *mask);
void       studio_mask_canvas_set_tool       (StudioMaskCanvas *self,
                                              StudioMaskTool    tool);
double     studio_mask_canvas_get_brush_size (StudioMaskCanvas *self);
void       studio_mask_canvas_set_brush_size (StudioMaskCanvas *self,
                                              double            brush_size);
gboolean   studio_mask_canvas_to_source      (StudioMaskCanvas *self,
                                              double            x,
                                              double            y,
                                              double           *source_x,
                                              double           *source_y,
                                              double           *scale);

G_END_DECLS
