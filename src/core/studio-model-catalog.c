/* studio-model-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-model-catalog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-json.h"
#include "studio-model-catalog.h"
#include "studio-utils.h"

#define CACHE_LIFETIME_USEC (10 * G_TIME_SPAN_MINUTE)

/* The models the server offers, from GET /v1/models, each sorted into a
 * family by the rules in model-families.json. Rules are tried in order and
 * the first family with a matching pattern wins; the family marked
 * "fallback" takes what nothing else matched, so a model this release has
 * never heard of (or a local server's own) stays usable.
 */
struct _StudioModelCatalog
{
  GObject       parent_instance;

  /* Owned references */
  StudioClient *client;
  GListStore   *models;
  GPtrArray    *families;   /* JsonObject */
  GPtrArray    *patterns;   /* GPtrArray of GRegex, one per family */
  JsonObject   *fallback;
  char         *loaded_base_url;
  GError       *error;      /* why the last refresh failed */

  gint64        loaded_at;
};

enum {
  PROP_0,
  PROP_LOADED,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioModelCatalog, studio_model_catalog, G_TYPE_OBJECT)

static int
compare_models (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  StudioModel *model_a = *(StudioModel **) a;
  StudioModel *model_b = *(StudioModel **) b;

  return g_strcmp0 (studio_model_get_id (model_a), studio_model_get_id (model_b));
}

/**
 * studio_model_catalog_load_rules:
 * @self: a catalog
 * @rules: the contents of a model-families.json
 * @error: the place for an error saying what is wrong with @rules
 *
 * Replaces the classification rules. A rules file is only taken whole: on
 * error the previous rules stay.
 */
gboolean
studio_model_catalog_load_rules (StudioModelCatalog  *self,
                                 GBytes              *rules,
                                 GError             **error)
{
  g_autoptr(GPtrArray) families =
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) patterns =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  JsonObject *fallback = NULL;
  JsonArray *array;

  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);

  root = studio_json_parse_object (g_bytes_get_data (rules, NULL), g_bytes_get_size (rules), 16,
                                   error);
  if (root == NULL)
    return FALSE;

  if (!(array = studio_json_get_array (json_node_get_object (root), "families")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The rules have no \"families\" array");
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *family = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(GPtrArray) regexes =
        g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
      const char *id = studio_json_get_string (family, "id");
      const char *kind = studio_json_get_string (family, "kind");
      JsonArray *match = studio_json_get_array (family, "match");

      if (id == NULL || kind == NULL || match == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Family %u needs an \"id\", a \"kind\" and a \"match\" array", i);
          return FALSE;
        }

      if (studio_model_kind_from_string (kind) == STUDIO_MODEL_KIND_OTHER &&
          g_strcmp0 (kind, "other") != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Family %s has an unknown kind \"%s\"", id, kind);
          return FALSE;
        }

      for (guint j = 0; j < json_array_get_length (match); j++)
        {
          JsonNode *element = json_array_get_element (match, j);
          const char *pattern = NULL;
          GRegex *regex;

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            pattern = json_node_get_string (element);

          if (pattern == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Family %s: match %u is not a string", id, j);
              return FALSE;
            }

          if (!(regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, error)))
            {
              g_prefix_error (error, "Family %s: ", id);
              return FALSE;
            }
          g_ptr_array_add (regexes, regex);
        }

      if (studio_json_get_boolean (family, "fallback", FALSE))
        {
          if (fallback != NULL)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "Only one family can be the fallback");
              return FALSE;
            }
          fallback = family;
        }

      g_ptr_array_add (families, json_object_ref (family));
      g_ptr_array_add (patterns, g_steal_pointer (&regexes));
    }

  if (fallback == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "One family must be the fallback");
      return FALSE;
    }

  g_clear_pointer (&self->families, g_ptr_array_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->fallback, json_object_unref);
  self->families = g_steal_pointer (&families);
  self->patterns = g_steal_pointer (&patterns);
  self->fallback = json_object_ref (fallback);

  return TRUE;
}

static JsonObject *
studio_model_catalog_find_family (StudioModelCatalog *self,
                                  const char         *id)
{
  /* A fine-tuned model ("ft:BASE:org::id") takes what its base model takes. */
  if (g_str_has_prefix (id, "ft:") && strchr (id + 3, ':') != NULL)
    {
      g_autofree char *base = g_strndup (id + 3, strchr (id + 3, ':') - (id + 3));

      return studio_model_catalog_find_family (self, base);
    }

  for (guint i = 0; i < self->families->len; i++)
    {
      GPtrArray *regexes = g_ptr_array_index (self->patterns, i);

      for (guint j = 0; j < regexes->len; j++)
        {
          if (g_regex_match (g_ptr_array_index (regexes, j), id, 0, NULL))
            return g_ptr_array_index (self->families, i);
        }
    }

  return self->fallback;
}

/**
 * studio_model_catalog_classify:
 * @self: a catalog
 * @entry: one object of the `data` array of GET /v1/models
 *
 * Returns: (transfer full) (nullable): a model, or %NULL if @entry has no id
 */
StudioModel *
studio_model_catalog_classify (StudioModelCatalog *self,
                               JsonObject         *entry)
{
  const char *id;

  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  if ((id = studio_json_get_string (entry, "id")) == NULL || *id == '\0')
    return NULL;

  return studio_model_new (id,
                           studio_json_get_string (entry, "owned_by"),
                           studio_json_get_int (entry, "created", 0),
                           studio_json_get_string (entry, "shutdown_date"),
                           studio_model_catalog_find_family (self, id));
}

/**
 * studio_model_catalog_load_response:
 * @self: a catalog
 * @response: the body of GET /v1/models
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Replaces the models with those of @response, sorted by id.
 */
gboolean
studio_model_catalog_load_response (StudioModelCatalog  *self,
                                    JsonNode            *response,
                                    GError             **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_loaded;
  JsonArray *data;

  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (response) ||
      !(data = studio_json_get_array (json_node_get_object (response), "data")))
    {
      g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                      _("The model list has no “data” array.")));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      StudioModel *model;

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          (model = studio_model_catalog_classify (self, json_node_get_object (node))))
        g_ptr_array_add (models, model);
    }

  g_ptr_array_sort_with_data (models, (GCompareDataFunc) compare_models, NULL);

  /* Loaded before the list changes, so those watching it see both. */
  was_loaded = self->loaded_at != 0;
  self->loaded_at = g_get_monotonic_time ();
  g_list_store_splice (self->models, 0, g_list_model_get_n_items (G_LIST_MODEL (self->models)),
                       models->pdata, models->len);
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  return TRUE;
}

static void
studio_model_catalog_set_error (StudioModelCatalog *self,
                                const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
studio_model_catalog_refresh_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioModelCatalog *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) response = NULL;
  GError *error = NULL;

  response = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &error);

  if (response == NULL || !studio_model_catalog_load_response (self, response, &error))
    {
      /* A server without GET /models is no reason to keep quiet. */
      if (!studio_api_error_is_cancelled (error))
        studio_model_catalog_set_error (self, error);
      g_task_return_error (task, error);
      return;
    }

  studio_model_catalog_set_error (self, NULL);
  studio_set_str (&self->loaded_base_url, g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_model_catalog_refresh_async:
 * @self: a catalog
 * @force: ask the server even if the list is fresh
 * @cancellable: (nullable): a cancellable
 * @callback: called when the list is loaded
 * @user_data: data for @callback
 *
 * Loads the models from the server. A list fetched from the same base URL in
 * the last ten minutes is kept unless @force is set.
 */
void
studio_model_catalog_refresh_async (StudioModelCatalog  *self,
                                    gboolean             force,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(StudioRequest) request = NULL;
  GTask *task;
  const char *base_url;

  g_return_if_fail (STUDIO_IS_MODEL_CATALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_model_catalog_refresh_async);
  base_url = studio_client_get_base_url (self->client);
  g_task_set_task_data (task, g_strdup (base_url), g_free);

  if (!force && self->loaded_at != 0 &&
      g_strcmp0 (base_url, self->loaded_base_url) == 0 &&
      g_get_monotonic_time () - self->loaded_at < CACHE_LIFETIME_USEC)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  request = studio_request_new ("GET", "models");
  studio_client_request_json_async (self->client, request, cancellable,
                                    studio_model_catalog_refresh_cb, task);
}

gboolean
studio_model_catalog_refresh_finish (StudioModelCatalog  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_model_catalog_get_models:
 *
 * Returns: (transfer none): a list of #StudioModel, sorted by id
 */
GListModel *
studio_model_catalog_get_models (StudioModelCatalog *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), NULL);

  return G_LIST_MODEL (self->models);
}

/**
 * studio_model_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the model with @id, if listed
 */
StudioModel *
studio_model_catalog_lookup (StudioModelCatalog *self,
                             const char         *id)
{
  guint n_items;

  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (g_strcmp0 (studio_model_get_id (model), id) == 0)
        return model;
    }

  return NULL;
}

gboolean
studio_model_catalog_get_loaded (StudioModelCatalog *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), FALSE);

  return self->loaded_at != 0;
}

static void
studio_model_catalog_dispose (GObject *object)
{
  StudioModelCatalog *self = (StudioModelCatalog *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->models);

  G_OBJECT_CLASS (studio_model_catalog_parent_class)->dispose (object);
}

static void
studio_model_catalog_finalize (GObject *object)
{
  StudioModelCatalog *self = (StudioModelCatalog *) object;

  g_clear_pointer (&self->families, g_ptr_array_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->fallback, json_object_unref);
  g_clear_pointer (&self->loaded_base_url, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (studio_model_catalog_parent_class)->finalize (object);
}

static void
studio_model_catalog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioModelCatalog *self = STUDIO_MODEL_CATALOG (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, studio_model_catalog_get_loaded (self));
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_model_catalog_class_init (StudioModelCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_model_catalog_dispose;
  object_class->finalize = studio_model_catalog_finalize;
  object_class->get_property = studio_model_catalog_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_model_catalog_init (StudioModelCatalog *self)
{
  g_autoptr(GBytes) rules = NULL;
  g_autoptr(GError) error = NULL;

  self->models = g_list_store_new (STUDIO_TYPE_MODEL);

  /* The rules ship in our own resource; failing to read them is a build bug. */
  studio_core_ensure_resources ();
  rules = g_resources_lookup_data (STUDIO_MODEL_RULES_RESOURCE, 0, &error);
  if (rules == NULL || !studio_model_catalog_load_rules (self, rules, &error))
    g_error ("Cannot load %s: %s", STUDIO_MODEL_RULES_RESOURCE, error->message);
}

/**
 * studio_model_catalog_new:
 * @client: the client to ask
 *
 * Returns: (transfer full): a new catalog with the built-in rules
 */
StudioModelCatalog *
studio_model_catalog_new (StudioClient *client)
{
  StudioModelCatalog *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);

  self = g_object_new (STUDIO_TYPE_MODEL_CATALOG, NULL);
  self->client = g_object_ref (client);

  return self;
}

/**
 * studio_model_catalog_get_error:
 * @self: a catalog
 *
 * Returns: (transfer none) (nullable): why the last refresh failed, or
 *   %NULL once one succeeded
 */
const GError *
studio_model_catalog_get_error (StudioModelCatalog *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_CATALOG (self), NULL);

  return self->error;
}
