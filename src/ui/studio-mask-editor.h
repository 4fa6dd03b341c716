/* studio-mask-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-image-mask.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_MASK_EDITOR (studio_mask_editor_get_type ())

G_DECLARE_FINAL_TYPE (StudioMaskEditor, studio_mask_editor, STUDIO, MASK_EDITOR, AdwBin)

GtkWidget       *studio_mask_editor_new        (void);
void             studio_mask_editor_set_source (StudioMaskEditor *self,
                                                GdkTexture       *source,
                                                StudioImageMask  *mask);
StudioImageMask *studio_mask_editor_get_mask   (StudioMaskEditor *self);
GdkTexture      *studio_mask_editor_get_source (StudioMaskEditor *self);

G_END_DECLS
