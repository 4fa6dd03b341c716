/* studio-parameter-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_PARAMETER_LIST (studio_parameter_list_get_type ())

G_DECLARE_FINAL_TYPE (StudioParameterList, studio_parameter_list, STUDIO, PARAMETER_LIST, AdwBin)

GtkWidget *studio_parameter_list_new  (void);
void       studio_parameter_list_bind (StudioParameterList *self,
                                       StudioModel         *model,
                                       JsonObject          *values);

G_END_DECLS
