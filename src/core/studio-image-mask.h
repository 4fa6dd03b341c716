/* studio-image-mask.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StudioMaskTool:
 * @STUDIO_MASK_TOOL_BRUSH: paints the area the model may change
 * @STUDIO_MASK_TOOL_ERASER: takes paint away
 */
typedef enum
{
  STUDIO_MASK_TOOL_BRUSH,
  STUDIO_MASK_TOOL_ERASER,
} StudioMaskTool;

#define STUDIO_TYPE_IMAGE_MASK (studio_image_mask_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageMask, studio_image_mask, STUDIO, IMAGE_MASK, GObject)

StudioImageMask *studio_image_mask_new          (guint             width,
                                                 guint             height);
guint            studio_image_mask_get_width    (StudioImageMask  *self);
guint            studio_image_mask_get_height   (StudioImageMask  *self);
gboolean         studio_image_mask_get_empty    (StudioImageMask  *self);
gboolean         studio_image_mask_get_can_undo (StudioImageMask  *self);
gboolean         studio_image_mask_get_can_redo (StudioImageMask  *self);
void             studio_image_mask_begin_stroke (StudioImageMask  *self,
                                                 StudioMaskTool    tool,
                                                 double            radius,
                                                 double            x,
                                                 double            y);
void             studio_image_mask_stroke_to    (StudioImageMask  *self,
                                                 double            x,
                                                 double            y);
void             studio_image_mask_end_stroke   (StudioImageMask  *self);
void             studio_image_mask_undo         (StudioImageMask  *self);
void             studio_image_mask_redo         (StudioImageMask  *self);
void             studio_image_mask_clear        (StudioImageMask  *self);
void             studio_image_mask_invert       (StudioImageMask  *self);
gboolean         studio_image_mask_is_painted   (StudioImageMask  *self,
                                                 guint             x,
                                                 guint             y);
cairo_surface_t *studio_image_mask_get_surface  (StudioImageMask  *self);
gboolean         studio_image_mask_import       (StudioImageMask  *self,
                                                 GBytes           *png,
                                                 GError          **error);
GBytes          *studio_image_mask_export       (StudioImageMask  *self,
                                                 GError          **error);

G_END_DECLS
