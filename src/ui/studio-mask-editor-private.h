/* studio-mask-editor-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-mask-editor.h"

G_BEGIN_DECLS

/* What Import Mask… and Export Mask… do once a file is chosen; the tests
 * call them without the chooser. Errors show in the editor.
 */
void        studio_mask_editor_import_file     (StudioMaskEditor *self,
                                                GFile            *file);
void        studio_mask_editor_export_file     (StudioMaskEditor *self,
                                                GFile            *file);
const char *studio_mask_editor_get_error       (StudioMaskEditor *self);
guint       studio_mask_editor_get_n_pending   (StudioMaskEditor *self);

G_END_DECLS
