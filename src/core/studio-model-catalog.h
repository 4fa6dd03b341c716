/* studio-model-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-client.h"
#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_MODEL_RULES_RESOURCE RESOURCE_PREFIX "/model-families.json"

#define STUDIO_TYPE_MODEL_CATALOG (studio_model_catalog_get_type ())

G_DECLARE_FINAL_TYPE (StudioModelCatalog, studio_model_catalog, STUDIO, MODEL_CATALOG, GObject)

StudioModelCatalog *studio_model_catalog_new            (StudioClient        *client);
gboolean            studio_model_catalog_load_rules     (StudioModelCatalog  *self,
                                                         GBytes              *rules,
                                                         GError             **error);
GListModel         *studio_model_catalog_get_models     (StudioModelCatalog  *self);
StudioModel        *studio_model_catalog_lookup         (StudioModelCatalog  *self,
                                                         const char          *id);
StudioModel        *studio_model_catalog_classify       (StudioModelCatalog  *self,
                                                         JsonObject          *entry);
gboolean            studio_model_catalog_load_response  (StudioModelCatalog  *self,
                                                         JsonNode            *response,
                                                         GError             **error);
gboolean            studio_model_catalog_get_loaded     (StudioModelCatalog  *self);
const GError       *studio_model_catalog_get_error      (StudioModelCatalog  *self);
void                studio_model_catalog_refresh_async  (StudioModelCatalog  *self,
                                                         gboolean             force,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            studio_model_catalog_refresh_finish (StudioModelCatalog  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
