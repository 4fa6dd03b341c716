/* studio-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-connection.h"
#include "studio-history.h"
#include "studio-model-catalog.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_APPLICATION (studio_application_get_type ())

G_DECLARE_FINAL_TYPE (StudioApplication, studio_application, STUDIO, APPLICATION, AdwApplication)

StudioApplication  *studio_application_new              (void);
GSettings          *studio_application_get_settings     (StudioApplication *self);
StudioConnection   *studio_application_get_connection   (StudioApplication *self);
StudioModelCatalog *studio_application_get_catalog      (StudioApplication *self);
StudioHistory      *studio_application_get_history      (StudioApplication *self);
void                studio_application_show_preferences (StudioApplication *self);

G_END_DECLS
