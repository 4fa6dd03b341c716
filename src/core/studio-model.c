/* studio-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-model"

#include "config.h"

#include "studio-enums.h"
#include "studio-json.h"
#include "studio-model.h"
#include "studio-utils.h"

/* One entry of GET /v1/models, with the family the rules file put it in.
 * The family says which workspace the model serves and which request
 * parameters it takes; the UI asks it rather than knowing model names.
 */
struct _StudioModel
{
  GObject          parent_instance;

  /* Owned references */
  char            *id;
  char            *owned_by;
  char            *shutdown_date;
  JsonObject      *family;

  gint64           created;
  StudioModelKind  kind;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_OWNED_BY,
  PROP_CREATED,
  PROP_SHUTDOWN_DATE,
  PROP_KIND,
  PROP_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioModel, studio_model, G_TYPE_OBJECT)

StudioModelKind
studio_model_kind_from_string (const char *kind)
{
  GEnumClass *klass = g_type_class_ref (STUDIO_TYPE_MODEL_KIND);
  GEnumValue *value = kind ? g_enum_get_value_by_nick (klass, kind) : NULL;
  StudioModelKind result = value ? value->value : STUDIO_MODEL_KIND_OTHER;

  g_type_class_unref (klass);

  return result;
}

static void
studio_model_finalize (GObject *object)
{
  StudioModel *self = (StudioModel *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->owned_by, g_free);
  g_clear_pointer (&self->shutdown_date, g_free);
  g_clear_pointer (&self->family, json_object_unref);

  G_OBJECT_CLASS (studio_model_parent_class)->finalize (object);
}

static void
studio_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StudioModel *self = STUDIO_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_OWNED_BY:
      g_value_set_string (value, self->owned_by);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_SHUTDOWN_DATE:
      g_value_set_string (value, self->shutdown_date);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_FAMILY:
      g_value_set_string (value, studio_model_get_family (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_model_class_init (StudioModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_model_finalize;
  object_class->get_property = studio_model_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_OWNED_BY] =
    g_param_spec_string ("owned-by", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHUTDOWN_DATE] =
    g_param_spec_string ("shutdown-date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       STUDIO_TYPE_MODEL_KIND, STUDIO_MODEL_KIND_OTHER,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_FAMILY] =
    g_param_spec_string ("family", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_model_init (StudioModel *self)
{
}

/**
 * studio_model_new:
 * @id: the model id
 * @owned_by: (nullable): the owner
 * @created: creation time, Unix seconds
 * @shutdown_date: (nullable): "YYYY-MM-DD" when announced
 * @family: the family object from the rules file
 *
 * Returns: (transfer full): a new model
 */
StudioModel *
studio_model_new (const char *id,
                  const char *owned_by,
                  gint64      created,
                  const char *shutdown_date,
                  JsonObject *family)
{
  StudioModel *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (family != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_MODEL, NULL);
  self->id = g_strdup (id);
  self->owned_by = g_strdup (owned_by);
  self->created = created;
  self->shutdown_date = g_strdup (shutdown_date);
  self->family = json_object_ref (family);
  self->kind = studio_model_kind_from_string (studio_json_get_string (family, "kind"));

  return self;
}

const char *
studio_model_get_id (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  return self->id;
}

const char *
studio_model_get_owned_by (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  return self->owned_by;
}

gint64
studio_model_get_created (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), 0);

  return self->created;
}

/**
 * studio_model_get_shutdown_date:
 *
 * Returns: (nullable): the announced shutdown date as "YYYY-MM-DD"
 */
const char *
studio_model_get_shutdown_date (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  return self->shutdown_date;
}

StudioModelKind
studio_model_get_kind (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), STUDIO_MODEL_KIND_OTHER);

  return self->kind;
}

const char *
studio_model_get_family (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  return studio_json_get_string (self->family, "id");
}

/**
 * studio_model_get_known:
 *
 * Returns: %FALSE if no rule matched and the model got the fallback family
 */
gboolean
studio_model_get_known (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), FALSE);

  return !studio_json_get_boolean (self->family, "fallback", FALSE);
}

gboolean
studio_model_has_capability (StudioModel *self,
                             const char  *capability)
{
  JsonArray *capabilities;

  g_return_val_if_fail (STUDIO_IS_MODEL (self), FALSE);
  g_return_val_if_fail (capability != NULL, FALSE);

  capabilities = studio_json_get_array (self->family, "capabilities");

  return studio_json_array_has_string (capabilities, capability);
}

/**
 * studio_model_get_parameter:
 * @self: a model
 * @name: a request parameter, such as "temperature"
 *
 * Returns: (transfer none) (nullable): the parameter's description from the
 *   rules file (type, range or values, default), or %NULL if the model's
 *   family does not take it
 */
JsonObject *
studio_model_get_parameter (StudioModel *self,
                            const char  *name)
{
  JsonObject *parameters;

  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  parameters = studio_json_get_object (self->family, "parameters");
  if (parameters == NULL)
    return NULL;

  return studio_json_get_object (parameters, name);
}

gboolean
studio_model_accepts_parameter (StudioModel *self,
                                const char  *name)
{
  return studio_model_get_parameter (self, name) != NULL;
}

/**
 * studio_model_get_system_role:
 *
 * Returns: the role the family wants the system prompt sent as: "system",
 *   or "developer" for reasoning models
 */
const char *
studio_model_get_system_role (StudioModel *self)
{
  const char *role;

  g_return_val_if_fail (STUDIO_IS_MODEL (self), "system");

  role = studio_json_get_string (self->family, "system_role");
  return role ? role : "system";
}

/**
 * studio_model_list_parameters:
 *
 * Returns: (transfer container) (element-type utf8): the names of the
 *   parameters the model takes, in the rules file's order
 */
GList *
studio_model_list_parameters (StudioModel *self)
{
  JsonObject *parameters;

  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  parameters = studio_json_get_object (self->family, "parameters");
  return parameters ? json_object_get_members (parameters) : NULL;
}

/**
 * studio_model_has_endpoint:
 * @self: a model
 * @endpoint: an endpoint of the family's kind, such as "generations",
 *   "edits" or "variations" for an image model
 *
 * Returns: whether the family's "endpoints" list @endpoint
 */
gboolean
studio_model_has_endpoint (StudioModel *self,
                           const char  *endpoint)
{
  JsonArray *endpoints;

  g_return_val_if_fail (STUDIO_IS_MODEL (self), FALSE);
  g_return_val_if_fail (endpoint != NULL, FALSE);

  endpoints = studio_json_get_array (self->family, "endpoints");

  return studio_json_array_has_string (endpoints, endpoint);
}

/**
 * studio_model_get_prompt_max_chars:
 *
 * Returns: the most characters (Unicode characters, not bytes) a prompt
 *   may have, or 0 when the family states no limit
 */
gint64
studio_model_get_prompt_max_chars (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), 0);

  return MAX (studio_json_get_int (self->family, "prompt_max_chars", 0), 0);
}

/**
 * studio_model_get_edit_rules:
 *
 * Returns: (transfer none) (nullable): what the family takes as edit
 *   sources ("max_images", "types", "max_bytes", "square", "mask"), or
 *   %NULL when the rules say nothing
 */
JsonObject *
studio_model_get_edit_rules (StudioModel *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (self), NULL);

  return studio_json_get_object (self->family, "edit");
}
