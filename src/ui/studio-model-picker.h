/* studio-model-picker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_MODEL_PICKER (studio_model_picker_get_type ())

G_DECLARE_FINAL_TYPE (StudioModelPicker, studio_model_picker, STUDIO, MODEL_PICKER, AdwBin)

StudioContext   *studio_model_picker_get_context  (StudioModelPicker *self);
void             studio_model_picker_set_context  (StudioModelPicker *self,
                                                   StudioContext     *context);
StudioModelKind  studio_model_picker_get_kind     (StudioModelPicker *self);
void             studio_model_picker_set_kind     (StudioModelPicker *self,
                                                   StudioModelKind    kind);
StudioModel     *studio_model_picker_get_selected (StudioModelPicker *self);
guint            studio_model_picker_get_n_models (StudioModelPicker *self);
void             studio_model_picker_select_id    (StudioModelPicker *self,
                                                   const char        *id);

G_END_DECLS
