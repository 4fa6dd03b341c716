/* studio-image-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-request"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "studio-image-request.h"
#include "studio-json.h"
#include "studio-mime.h"
#include "studio-utils.h"

/* Builds the image requests: POST /images/generations as JSON, and
 * /images/edits and /images/variations as multipart forms whose files are
 * streamed from disk by StudioRequest. What is sent comes from the model's
 * family in model-families.json, never from model names:
 *
 * - only the parameters the family takes, and of those only the ones for
 *   this endpoint (a parameter's "endpoints", when it has them);
 * - a value equal to the parameter's "default" (the server's default) is
 *   not sent;
 * - a parameter with "requires" is sent only when the other parameters'
 *   values (chosen or default) are among those listed: output_compression
 *   only for jpeg and webp, partial_images only when streaming;
 * - a value listed in "value_requires" is refused when the others' values
 *   are not among those listed: a transparent background without png or
 *   webp is an error, not a silent change;
 * - the prompt is checked against "prompt_max_chars", and edit sources and
 *   the mask against "edit" (count, types, bytes, square, mask).
 *
 * @options maps parameter names to the chosen values, in JSON; a member
 * that is absent or null means the default.
 */

typedef struct
{
  char       *name;
  const char *type;
  char       *value;   /* canonical text: "1024x1024", "3", "true" */
} Field;

static void
field_free (Field *field)
{
  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

static char *
humanize (const char *name)
{
  char *text = g_strdup (name);

  g_strdelimit (text, "_", ' ');
  return text;
}

static gboolean
rule_applies (JsonObject *rule,
              const char *endpoint)
{
  JsonArray *endpoints = studio_json_get_array (rule, "endpoints");

  return endpoints == NULL || studio_json_array_has_string (endpoints, endpoint);
}

/* The value as text, if it is one of @type; NULL if not. Integers written
 * as whole doubles count, since JSON does not tell them apart.
 */
static char *
canonical (JsonNode   *node,
           const char *type)
{
  GType value_type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  value_type = json_node_get_value_type (node);

  if (g_strcmp0 (type, "integer") == 0)
    {
      double number;

      if (value_type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (value_type != G_TYPE_DOUBLE)
        return NULL;
      number = json_node_get_double (node);
      if (number < -1e15 || number > 1e15 || number != (double) (gint64) number)
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) number);
    }

  if (g_strcmp0 (type, "number") == 0)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      if (value_type != G_TYPE_INT64 && value_type != G_TYPE_DOUBLE)
        return NULL;
      return g_strdup (g_ascii_dtostr (text, sizeof text, json_node_get_double (node)));
    }

  if (g_strcmp0 (type, "boolean") == 0)
    {
      if (value_type != G_TYPE_BOOLEAN)
        return NULL;
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }

  if (value_type != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static gboolean
is_listed (JsonArray  *values,
           const char *type,
           const char *value)
{
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      g_autofree char *text = canonical (json_array_get_element (values, i), type);

      if (g_strcmp0 (text, value) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The chosen value of one parameter, checked and as canonical text. */
static char *
check_value (StudioModel  *model,
             const char   *name,
             JsonObject   *rule,
             JsonNode     *node,
             GError      **error)
{
  const char *type = studio_json_get_string (rule, "type");
  g_autofree char *label = humanize (name);
  g_autofree char *value = canonical (node, type);

  if (value == NULL)
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_PARAMETER,
                   _("The %s has a value of the wrong kind."), label);
      return NULL;
    }

  if (g_str_equal (name, "size"))
    {
      guint width, height;

      if (!studio_image_size_check (model, value, NULL, NULL, error))
        return NULL;

      /* "1536 × 864" as typed goes as the "1536x864" the API reads. */
      if (!is_listed (studio_json_get_array (rule, "values"), type, value) &&
          studio_image_size_parse (value, &width, &height, NULL))
        {
          g_free (value);
          value = studio_image_size_format (width, height);
        }

      return g_steal_pointer (&value);
    }

  if (g_strcmp0 (type, "enum") == 0 &&
      !is_listed (studio_json_get_array (rule, "values"), type, value))
    {
      g_autofree char *shown = g_utf8_make_valid (value, -1);

      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_PARAMETER,
                   _("This model does not take “%s” as its %s."), shown, label);
      return NULL;
    }

  if (g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "number") == 0)
    {
      double number = g_ascii_strtod (value, NULL);
      double min = studio_json_get_double (rule, "min", -G_MAXDOUBLE);
      double max = studio_json_get_double (rule, "max", G_MAXDOUBLE);

      if (number < min || number > max)
        {
          g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_PARAMETER,
                       _("The %s must be between %g and %g for this model."), label, min, max);
          return NULL;
        }
    }

  return g_steal_pointer (&value);
}

/* Whether each parameter @conditions names has one of the listed values. */
static gboolean
conditions_hold (JsonObject  *conditions,
                 StudioModel *model,
                 GHashTable  *effective,
                 char       **failed)
{
  g_autoptr(GList) names = conditions ? json_object_get_members (conditions) : NULL;

  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonArray *allowed = studio_json_get_array (conditions, l->data);
      JsonObject *rule = studio_model_get_parameter (model, l->data);
      const char *type = studio_json_get_string (rule, "type");

      if (!is_listed (allowed, type, g_hash_table_lookup (effective, l->data)))
        {
          if (failed != NULL)
            *failed = g_strdup (l->data);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
join_values (JsonArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      g_autofree char *value = canonical (json_array_get_element (values, i), NULL);
      JsonNode *node = json_array_get_element (values, i);

      if (value == NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      if (value == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, value);
    }

  return g_strdup (text->str);
}

/* The fields to send to @endpoint, in the rules' order, or NULL on error. */
static GPtrArray *
collect_fields (StudioModel  *model,
                const char   *endpoint,
                JsonObject   *options,
                GError      **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_autoptr(GHashTable) effective = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GList) names = studio_model_list_parameters (model);

  /* First every value, chosen or default, since a rule may look at any. */
  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *rule = studio_model_get_parameter (model, l->data);
      const char *type = studio_json_get_string (rule, "type");
      JsonNode *node = options ? json_object_get_member (options, l->data) : NULL;
      char *value;

      if (!rule_applies (rule, endpoint))
        continue;

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (!(value = check_value (model, l->data, rule, node, error)))
            return NULL;
          g_hash_table_insert (chosen, l->data, g_strdup (value));
        }
      else
        value = canonical (json_object_get_member (rule, "default"), type);

      if (value != NULL)
        g_hash_table_insert (effective, l->data, value);
    }

  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *rule = studio_model_get_parameter (model, l->data);
      const char *type = studio_json_get_string (rule, "type");
      const char *value = g_hash_table_lookup (effective, l->data);
      const char *choice = g_hash_table_lookup (chosen, l->data);
      g_autofree char *fallback = NULL;
      g_autofree char *failed = NULL;
      JsonObject *requires;
      Field *field;

      if (value == NULL || !rule_applies (rule, endpoint))
        continue;

      requires = studio_json_get_object (studio_json_get_object (rule, "value_requires"), value);
      if (!conditions_hold (requires, model, effective, &failed))
        {
          g_autofree char *label = humanize (l->data);
          g_autofree char *other = humanize (failed);
          g_autofree char *allowed = join_values (studio_json_get_array (requires, failed));

          g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_PARAMETER,
                       _("The %s “%s” needs the %s to be one of: %s."),
                       label, value, other, allowed);
          return NULL;
        }

      fallback = canonical (json_object_get_member (rule, "default"), type);
      if (choice == NULL || g_strcmp0 (choice, fallback) == 0)
        continue;

      if (!conditions_hold (studio_json_get_object (rule, "requires"), model, effective, NULL))
        {
          g_debug ("Not sending %s: what it needs is not chosen", (const char *) l->data);
          continue;
        }

      field = g_new0 (Field, 1);
      field->name = g_strdup (l->data);
      field->type = type;
      field->value = g_strdup (choice);
      g_ptr_array_add (fields, field);
    }

  return g_steal_pointer (&fields);
}

static gboolean
check_endpoint (StudioModel  *model,
                const char   *endpoint,
                GError      **error)
{
  if (studio_model_get_kind (model) == STUDIO_MODEL_KIND_IMAGE &&
      studio_model_has_endpoint (model, endpoint))
    return TRUE;

  if (g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_EDITS))
    g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_UNSUPPORTED,
                 _("%s cannot edit images. Choose another model."), studio_model_get_id (model));
  else if (g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS))
    g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_UNSUPPORTED,
                 _("%s cannot make variations of an image. Choose another model."),
                 studio_model_get_id (model));
  else
    g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_UNSUPPORTED,
                 _("%s cannot make images. Choose another model."), studio_model_get_id (model));

  return FALSE;
}

/**
 * studio_image_request_check_prompt:
 * @model: an image model
 * @prompt: (nullable): the prompt, in UTF-8
 * @error: the place for an error saying what to change
 *
 * Returns: whether @prompt has text and is within the family's
 *   "prompt_max_chars", counted in characters
 */
gboolean
studio_image_request_check_prompt (StudioModel  *model,
                                   const char   *prompt,
                                   GError      **error)
{
  gint64 max_chars;
  glong length;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (prompt == NULL || g_utf8_validate (prompt, -1, NULL), FALSE);

  if (studio_str_is_blank (prompt))
    {
      g_set_error_literal (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_EMPTY_PROMPT,
                           _("Describe the image first: the prompt is empty."));
      return FALSE;
    }

  max_chars = studio_model_get_prompt_max_chars (model);
  length = g_utf8_strlen (prompt, -1);
  if (max_chars > 0 && length > max_chars)
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_PROMPT_TOO_LONG,
                   _("The prompt has %ld characters, but %s takes at most %ld. "
                     "Shorten it by %ld."),
                   length, studio_model_get_id (model), (glong) max_chars,
                   (glong) (length - max_chars));
      return FALSE;
    }

  return TRUE;
}

/* The value the server will use for @name, or NULL if it is not taken. */
static char *
effective_value (StudioModel *model,
                 JsonObject  *options,
                 const char  *name)
{
  JsonObject *rule = studio_model_get_parameter (model, name);
  const char *type = studio_json_get_string (rule, "type");
  JsonNode *node = options ? json_object_get_member (options, name) : NULL;
  char *value;

  if (rule == NULL)
    return NULL;
  if ((value = canonical (node, type)))
    return value;

  return canonical (json_object_get_member (rule, "default"), type);
}

/**
 * studio_image_request_get_stream:
 * @model: an image model
 * @options: (nullable): the chosen parameters
 *
 * Returns: whether the request built from @options asks for a stream of
 *   events rather than one JSON answer
 */
gboolean
studio_image_request_get_stream (StudioModel *model,
                                 JsonObject  *options)
{
  g_autofree char *stream = NULL;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);

  stream = effective_value (model, options, "stream");
  return g_strcmp0 (stream, "true") == 0;
}

/**
 * studio_image_request_get_n:
 * @model: an image model
 * @options: (nullable): the chosen parameters
 *
 * Returns: how many images the request asks for
 */
guint
studio_image_request_get_n (StudioModel *model,
                            JsonObject  *options)
{
  g_autofree char *n = NULL;
  guint64 value = 1;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), 1);

  n = effective_value (model, options, "n");
  if (n == NULL || !g_ascii_string_to_unsigned (n, 10, 1, G_MAXUINT, &value, NULL))
    return 1;

  return value;
}

/**
 * studio_image_request_dup_source_types:
 * @model: an image model
 *
 * Returns: (transfer full) (nullable): the MIME types the family takes as
 *   edit sources, for file chooser filters; %NULL if it takes none
 */
char **
studio_image_request_dup_source_types (StudioModel *model)
{
  JsonArray *types;
  GStrvBuilder *builder;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);

  types = studio_json_get_array (studio_model_get_edit_rules (model), "types");
  if (types == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      g_autofree char *type = canonical (json_array_get_element (types, i), "string");

      if (type != NULL)
        g_strv_builder_add (builder, type);
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_image_request_build_body:
 * @model: an image model
 * @prompt: the prompt
 * @options: (nullable): the chosen parameters, by name
 * @error: the place for a %STUDIO_IMAGE_ERROR error, for the user
 *
 * Returns: (transfer full) (nullable): the body of
 *   `POST /images/generations`, or %NULL with @error set
 */
JsonNode *
studio_image_request_build_body (StudioModel  *model,
                                 const char   *prompt,
                                 JsonObject   *options,
                                 GError      **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_endpoint (model, STUDIO_IMAGE_ENDPOINT_GENERATIONS, error) ||
      !studio_image_request_check_prompt (model, prompt, error) ||
      !(fields = collect_fields (model, STUDIO_IMAGE_ENDPOINT_GENERATIONS, options, error)))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, studio_model_get_id (model));
  json_builder_set_member_name (builder, "prompt");
  json_builder_add_string_value (builder, prompt);

  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      json_builder_set_member_name (builder, field->name);
      if (g_strcmp0 (field->type, "integer") == 0)
        json_builder_add_int_value (builder, g_ascii_strtoll (field->value, NULL, 10));
      else if (g_strcmp0 (field->type, "number") == 0)
        json_builder_add_double_value (builder, g_ascii_strtod (field->value, NULL));
      else if (g_strcmp0 (field->type, "boolean") == 0)
        json_builder_add_boolean_value (builder, g_str_equal (field->value, "true"));
      else
        json_builder_add_string_value (builder, field->value);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * studio_image_request_new_generation:
 * @model: an image model
 * @prompt: the prompt
 * @options: (nullable): the chosen parameters, by name
 * @error: the place for a %STUDIO_IMAGE_ERROR error, for the user
 *
 * Returns: (transfer full) (nullable): `POST /images/generations`
 */
StudioRequest *
studio_image_request_new_generation (StudioModel  *model,
                                     const char   *prompt,
                                     JsonObject   *options,
                                     GError      **error)
{
  g_autoptr(JsonNode) body = NULL;
  StudioRequest *request;

  if (!(body = studio_image_request_build_body (model, prompt, options, error)))
    return NULL;

  request = studio_request_new ("POST", "images/generations");
  studio_request_set_json_body (request, body);

  return request;
}

/* "image/png" as the user knows it, "PNG". */
static char *
format_names (JsonArray *types)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      g_autofree char *type = canonical (json_array_get_element (types, i), "string");
      const char *slash = type ? strchr (type, '/') : NULL;
      g_autofree char *name = NULL;

      if (slash == NULL)
        continue;
      name = g_ascii_strup (slash + 1, -1);
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, name);
    }

  return g_strdup (text->str);
}

static gboolean
check_limit (JsonObject  *rules,
             const char  *name,
             const char  *mime_type,
             goffset      size,
             GError     **error)
{
  gint64 max_bytes = studio_json_get_int (rules, "max_bytes", 0);
  JsonArray *types = studio_json_get_array (rules, "types");

  if (types != NULL && !is_listed (types, "string", mime_type))
    {
      g_autofree char *allowed = format_names (types);

      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” cannot be used: this model takes only %s files here."),
                   name, allowed);
      return FALSE;
    }

  /* The API says "less than", so a file of exactly the limit is refused. */
  if (max_bytes > 0 && size >= max_bytes)
    {
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” is too large: this model takes files of less than %s here."),
                   name, limit);
      return FALSE;
    }

  return TRUE;
}

/* Checks one source or mask against @rules and returns its sniffed type;
 * its pixel size goes to @width and @height, or 0 when the header could
 * not be read (a format gdk-pixbuf has no loader for: the server decides).
 */
static char *
check_file (GFile       *file,
            JsonObject  *rules,
            int         *width,
            int         *height,
            GError     **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *mime_type = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  *width = *height = 0;

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                  G_FILE_QUERY_INFO_NONE, NULL, &local_error)) ||
      !(mime_type = studio_mime_sniff_file (file, NULL, &local_error)))
    {
      g_debug ("Cannot read %s: %s", name, local_error->message);
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” cannot be read."), name);
      return NULL;
    }

  if (!check_limit (rules, name, mime_type, g_file_info_get_size (info), error))
    return NULL;

  if (path != NULL && gdk_pixbuf_get_file_info (path, width, height) == NULL)
    *width = *height = 0;

  if (studio_json_get_boolean (rules, "square", FALSE) && *width != *height)
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   *width == 0 ? _("“%s” cannot be read as an image.")
                               : _("“%s” is not square, and this model edits only square "
                                   "images. Crop it first."),
                   name);
      return NULL;
    }

  return g_steal_pointer (&mime_type);
}

static void
add_fields (StudioRequest *request,
            GPtrArray     *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      studio_request_add_field (request, field->name, field->value);
    }
}

/**
 * studio_image_request_new_edit:
 * @model: an image model that has the "edits" endpoint
 * @prompt: what to change
 * @sources: (array length=n_sources): the images to edit
 * @n_sources: how many there are, at least one
 * @mask: (nullable): a PNG whose transparent pixels show where to edit the
 *   first source
 * @options: (nullable): the chosen parameters, by name
 * @error: the place for a %STUDIO_IMAGE_ERROR error, for the user
 *
 * Checks the files against the family's "edit" rules and builds the form:
 * one source goes as `image`, several as `image[]` each. This reads the
 * files' first bytes, so it blocks briefly.
 *
 * Returns: (transfer full) (nullable): `POST /images/edits`
 */
StudioRequest *
studio_image_request_new_edit (StudioModel  *model,
                               const char   *prompt,
                               GFile *const *sources,
                               guint         n_sources,
                               GFile        *mask,
                               JsonObject   *options,
                               GError      **error)
{
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  JsonObject *rules;
  gint64 max_images;
  int first_width = 0, first_height = 0;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (sources != NULL || n_sources == 0, NULL);
  g_return_val_if_fail (mask == NULL || G_IS_FILE (mask), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_endpoint (model, STUDIO_IMAGE_ENDPOINT_EDITS, error) ||
      !studio_image_request_check_prompt (model, prompt, error))
    return NULL;

  rules = studio_model_get_edit_rules (model);
  max_images = studio_json_get_int (rules, "max_images", 1);
  if (n_sources == 0)
    {
      g_set_error_literal (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                           _("Add an image to edit first."));
      return NULL;
    }
  if (n_sources > max_images)
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   ngettext ("%s edits at most %lu image at a time. Remove the others.",
                             "%s edits at most %lu images at a time. Remove the others.",
                             (gulong) max_images),
                   studio_model_get_id (model), (gulong) max_images);
      return NULL;
    }

  for (guint i = 0; i < n_sources; i++)
    {
      int width, height;
      char *type;

      g_return_val_if_fail (G_IS_FILE (sources[i]), NULL);

      if (!(type = check_file (sources[i], rules, &width, &height, error)))
        return NULL;
      g_ptr_array_add (types, type);
      if (i == 0)
        {
          first_width = width;
          first_height = height;
        }
    }

  if (mask != NULL)
    {
      g_autofree char *mask_type = NULL;
      JsonObject *mask_rules = studio_json_get_object (rules, "mask");
      int width, height;

      if (mask_rules == NULL)
        {
          g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_UNSUPPORTED,
                       _("%s takes no mask. Remove it, or choose another model."),
                       studio_model_get_id (model));
          return NULL;
        }

      if (!(mask_type = check_file (mask, mask_rules, &width, &height, error)))
        return NULL;

      if (width > 0 && first_width > 0 && (width != first_width || height != first_height))
        {
          g_autofree char *name = g_file_get_basename (sources[0]);

          g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                       _("The mask is %d×%d pixels but “%s” is %d×%d: they must be the "
                         "same size."), width, height, name, first_width, first_height);
          return NULL;
        }
      g_ptr_array_add (types, g_steal_pointer (&mask_type));
    }

  if (!(fields = collect_fields (model, STUDIO_IMAGE_ENDPOINT_EDITS, options, error)))
    return NULL;

  request = studio_request_new ("POST", "images/edits");
  for (guint i = 0; i < n_sources; i++)
    studio_request_add_file (request, n_sources == 1 ? "image" : "image[]", sources[i],
                             g_ptr_array_index (types, i));
  if (mask != NULL)
    studio_request_add_file (request, "mask", mask, g_ptr_array_index (types, n_sources));
  studio_request_add_field (request, "model", studio_model_get_id (model));
  studio_request_add_field (request, "prompt", prompt);
  add_fields (request, fields);

  return g_steal_pointer (&request);
}

/**
 * studio_image_request_new_variation:
 * @model: an image model that has the "variations" endpoint
 * @source: the image to vary
 * @options: (nullable): the chosen parameters, by name
 * @error: the place for a %STUDIO_IMAGE_ERROR error, for the user
 *
 * The source is checked against the family's "edit" rules, which for
 * dall-e-2 are those of a variation too (a square PNG under 4 MB).
 *
 * Returns: (transfer full) (nullable): `POST /images/variations`
 */
StudioRequest *
studio_image_request_new_variation (StudioModel  *model,
                                    GFile        *source,
                                    JsonObject   *options,
                                    GError      **error)
{
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *type = NULL;
  int width, height;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_endpoint (model, STUDIO_IMAGE_ENDPOINT_VARIATIONS, error) ||
      !(type = check_file (source, studio_model_get_edit_rules (model), &width, &height,
                           error)) ||
      !(fields = collect_fields (model, STUDIO_IMAGE_ENDPOINT_VARIATIONS, options, error)))
    return NULL;

  request = studio_request_new ("POST", "images/variations");
  studio_request_add_file (request, "image", source, type);
  studio_request_add_field (request, "model", studio_model_get_id (model));
  add_fields (request, fields);

  return g_steal_pointer (&request);
}
