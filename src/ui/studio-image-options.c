/* studio-image-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-options"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-options-private.h"
#include "studio-image-request.h"
#include "studio-image-size.h"
#include "studio-json.h"
#include "studio-utils.h"

/* The options of an image request, as the model's family in
 * model-families.json describes them for one endpoint: a row for each
 * parameter the family takes there, and none for the rest. Each control
 * writes straight into the values object and emits "changed"; values of
 * parameters not shown stay as they are, since another model or endpoint
 * may take them.
 *
 * What is shown is what is sent. A stored value this family does not take
 * (a quality of "hd" from dall-e-3 on gpt-image-1, say) is dropped when
 * the options are bound, so the default shown is the default sent. A size
 * is the exception: one that cannot be sent is never changed here, but
 * shown with the reason and a button to take the nearest valid size, and
 * until then the options are not valid. The only change made without the
 * user is the one the family's "value_requires" forces (a transparent
 * background needs PNG or WebP), and the format row says so.
 */

static const char *row_parameters[N_ROWS] = {
  "size",
  "quality",
  "background",
  "output_format",
  "output_compression",
  "moderation",
  "input_fidelity",
  "style",
  "response_format",
  "n",
  "stream",
  "partial_images",
};

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioImageOptions, studio_image_options, ADW_TYPE_BIN)

const char *
studio_image_options_value_label (const char *value)
{
  static const struct {
    const char *value;
    const char *label;
  } labels[] = {
    { "auto", N_("Auto") },
    { "low", N_("Low") },
    { "medium", N_("Medium") },
    { "high", N_("High") },
    { "standard", N_("Standard") },
    /* TRANSLATORS: high definition, an image quality */
    { "hd", N_("HD") },
    { "transparent", N_("Transparent") },
    { "opaque", N_("Opaque") },
    { "png", N_("PNG") },
    { "jpeg", N_("JPEG") },
    { "webp", N_("WebP") },
    { "vivid", N_("Vivid") },
    { "natural", N_("Natural") },
    /* TRANSLATORS: the server answers with a link to the image */
    { "url", N_("Link") },
    /* TRANSLATORS: the server answers with the image itself */
    { "b64_json", N_("Image Data") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].value, value))
        return _(labels[i].label);
    }

  return value;
}

/* The rule of @name if the family takes it at the bound endpoint. */
JsonObject *
studio_image_options_get_rule (StudioImageOptions *self,
                               const char         *name)
{
  JsonObject *rule;
  JsonArray *endpoints;

  /* Options for an endpoint the model does not offer would be sent
   * nowhere: the request itself is refused, and says why.
   */
  if (self->model == NULL || self->values == NULL ||
      !studio_model_has_endpoint (self->model, self->endpoint))
    return NULL;

  rule = studio_model_get_parameter (self->model, name);
  endpoints = studio_json_get_array (rule, "endpoints");
  if (rule == NULL || (endpoints != NULL && !studio_json_array_has_string (endpoints,
                                                                           self->endpoint)))
    return NULL;

  return rule;
}

/* The value that goes (or, at the default, does not need to go) to the
 * server: the chosen one, else the family's default.
 */
static JsonNode *
studio_image_options_get_effective (StudioImageOptions *self,
                                    const char         *name)
{
  JsonNode *node = self->values ? json_object_get_member (self->values, name) : NULL;
  JsonObject *rule = self->model ? studio_model_get_parameter (self->model, name) : NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  return rule ? json_object_get_member (rule, "default") : NULL;
}

const char *
studio_image_options_get_effective_string (StudioImageOptions *self,
                                           const char         *name)
{
  JsonNode *node = studio_image_options_get_effective (self, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  GType type_a, type_b;

  if (a == NULL || b == NULL || !JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;

  type_a = json_node_get_value_type (a);
  type_b = json_node_get_value_type (b);

  if (type_a == G_TYPE_STRING && type_b == G_TYPE_STRING)
    return g_str_equal (json_node_get_string (a), json_node_get_string (b));
  if (type_a == G_TYPE_BOOLEAN && type_b == G_TYPE_BOOLEAN)
    return json_node_get_boolean (a) == json_node_get_boolean (b);
  if ((type_a == G_TYPE_INT64 || type_a == G_TYPE_DOUBLE) &&
      (type_b == G_TYPE_INT64 || type_b == G_TYPE_DOUBLE))
    return json_node_get_double (a) == json_node_get_double (b);

  return FALSE;
}

static gboolean
node_listed (JsonNode  *node,
             JsonArray *allowed)
{
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    {
      if (node_equal (node, json_array_get_element (allowed, i)))
        return TRUE;
    }

  return FALSE;
}

/* Whether the other parameters have what @rule's "requires" asks for. */
static gboolean
studio_image_options_requires_hold (StudioImageOptions *self,
                                    JsonObject         *rule)
{
  JsonObject *requires = studio_json_get_object (rule, "requires");
  g_autoptr(GList) names = requires ? json_object_get_members (requires) : NULL;

  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = studio_image_options_get_effective (self, l->data);

      if (!node_listed (value, studio_json_get_array (requires, l->data)))
        return FALSE;
    }

  return TRUE;
}

void
studio_image_options_emit_changed (StudioImageOptions *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
studio_image_options_set_valid (StudioImageOptions *self,
                                gboolean            valid)
{
  if (self->valid == valid)
    return;

  self->valid = valid;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
studio_image_options_clear_forced (StudioImageOptions *self)
{
  g_clear_pointer (&self->forced_note, g_free);
  g_clear_pointer (&self->forced_source, g_free);
  g_clear_pointer (&self->forced_target, g_free);
}

/* Rows whose parameter has "requires" come and go with the other values:
 * Compression with the format, Partial Images with Stream.
 */
static void
studio_image_options_update_visibility (StudioImageOptions *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < N_ROWS; i++)
    {
      JsonObject *rule = studio_image_options_get_rule (self, row_parameters[i]);
      gboolean shown = rule != NULL && studio_image_options_requires_hold (self, rule);

      gtk_widget_set_visible (self->rows[i], shown);
      any |= shown;
    }

  /* The group's title alone would be a placeholder. */
  gtk_widget_set_visible (adw_bin_get_child (ADW_BIN (self)), any);
}

/* Choice rows keep the values their entries stand for. */
static void
choice_row_set (AdwComboRow        *row,
                const char * const *values,
                const char         *selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint index = 0;

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (labels, studio_image_options_value_label (values[i]));
      if (g_strcmp0 (values[i], selected) == 0)
        index = i;
    }

  g_object_set_data_full (G_OBJECT (row), "values", g_strdupv ((char **) values),
                          (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, index);
}

static const char *
choice_row_get (AdwComboRow *row)
{
  GStrv values = g_object_get_data (G_OBJECT (row), "values");
  guint selected = adw_combo_row_get_selected (row);

  if (values == NULL || selected >= g_strv_length (values))
    return NULL;

  return values[selected];
}

static GStrv
strings_of (JsonArray *array,
            JsonArray *allowed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          (allowed == NULL || node_listed (node, allowed)))
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

static AdwComboRow *
studio_image_options_get_choice_row (StudioImageOptions *self,
                                     const char         *name)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      if (g_str_equal (row_parameters[i], name) && i != ROW_SIZE &&
          ADW_IS_COMBO_ROW (self->rows[i]))
        return ADW_COMBO_ROW (self->rows[i]);
    }

  return NULL;
}

static char *
describe_requirement (const char *source,
                      const char *value,
                      const char *target,
                      GStrv       allowed)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (g_str_equal (source, "background") && g_str_equal (value, "transparent") &&
      g_str_equal (target, "output_format"))
    return g_strdup (_("A transparent background needs PNG or WebP"));

  for (guint i = 0; allowed[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            studio_image_options_value_label (allowed[i]));

  /* TRANSLATORS: "Transparent background needs one of: PNG, WebP" */
  return g_strdup_printf (_("%s %s needs one of: %s"),
                          studio_image_options_value_label (value), source, list->str);
}

/* What a chosen value rules out elsewhere ("value_requires"): the other
 * row offers only what is allowed and says why. A value already chosen
 * that is ruled out is the one thing changed without the user, since the
 * request could not be sent otherwise; the row says what was changed.
 * Returns whether @values changed.
 */
static gboolean
studio_image_options_apply_value_requires (StudioImageOptions *self)
{
  g_autoptr(GList) names = self->model ? studio_model_list_parameters (self->model) : NULL;
  gboolean changed = FALSE;

  for (guint i = 0; i < N_ROWS; i++)
    {
      const char *target = row_parameters[i];
      JsonObject *target_rule = studio_image_options_get_rule (self, target);
      AdwComboRow *row = studio_image_options_get_choice_row (self, target);
      JsonArray *allowed = NULL;
      const char *source = NULL;
      const char *source_value = NULL;
      g_auto(GStrv) choices = NULL;
      g_autofree char *note = NULL;
      GStrv shown;

      if (row == NULL || target_rule == NULL)
        continue;

      for (const GList *l = names; l != NULL && allowed == NULL; l = l->next)
        {
          JsonObject *rule = studio_image_options_get_rule (self, l->data);
          const char *value = studio_image_options_get_effective_string (self, l->data);
          JsonObject *conditions;

          if (rule == NULL || value == NULL)
            continue;
          conditions = studio_json_get_object (studio_json_get_object (rule, "value_requires"),
                                               value);
          if ((allowed = studio_json_get_array (conditions, target)))
            {
              source = l->data;
              source_value = value;
            }
        }

      choices = strings_of (studio_json_get_array (target_rule, "values"), allowed);
      if (choices[0] == NULL)
        {
          g_debug ("No %s that %s=%s allows", target, source, source_value);
          g_clear_pointer (&choices, g_strfreev);
          choices = strings_of (studio_json_get_array (target_rule, "values"), NULL);
          allowed = NULL;
        }

      if (allowed != NULL)
        {
          const char *current = studio_image_options_get_effective_string (self, target);

          note = describe_requirement (source, source_value, target, choices);
          if (!g_strv_contains ((const char * const *) choices, current ? current : ""))
            {
              const char *from = current ? studio_image_options_value_label (current) : "";

              json_object_set_string_member (self->values, target, choices[0]);
              changed = TRUE;
              studio_image_options_clear_forced (self);
              /* TRANSLATORS: the first %s says what needs it, such as "A
               * transparent background needs PNG or WebP"; then two formats */
              self->forced_note =
                g_strdup_printf (_("%s, so %s was changed to %s"), note, from,
                                 studio_image_options_value_label (choices[0]));
              self->forced_source = g_strdup (source);
              self->forced_target = g_strdup (target);
            }
        }

      shown = g_object_get_data (G_OBJECT (row), "values");
      if (shown == NULL || !g_strv_equal ((const char * const *) shown,
                                          (const char * const *) choices) || changed)
        {
          self->updating++;
          choice_row_set (row, (const char * const *) choices,
                          studio_image_options_get_effective_string (self, target));
          self->updating--;
        }

      if (self->forced_note != NULL && g_strcmp0 (self->forced_target, target) == 0 &&
          allowed != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), self->forced_note);
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note ? note : "");
    }

  return changed;
}

/* Binds a choice row to its parameter; returns whether @values changed. */
static gboolean
studio_image_options_bind_choice (StudioImageOptions *self,
                                  AdwComboRow        *row,
                                  const char         *name)
{
  JsonObject *rule = studio_image_options_get_rule (self, name);
  g_auto(GStrv) choices = NULL;
  const char *current;
  gboolean changed = FALSE;

  g_object_set_data (G_OBJECT (row), "values", NULL);
  if (rule == NULL || g_strcmp0 (studio_json_get_string (rule, "type"), "enum") != 0)
    {
      adw_combo_row_set_model (row, NULL);
      return FALSE;
    }

  choices = strings_of (studio_json_get_array (rule, "values"), NULL);
  current = studio_json_get_string (self->values, name);
  if (json_object_has_member (self->values, name) &&
      !g_strv_contains ((const char * const *) choices, current ? current : ""))
    {
      g_debug ("Dropping %s, which %s does not take", name, studio_model_get_id (self->model));
      json_object_remove_member (self->values, name);
      changed = TRUE;
    }

  choice_row_set (row, (const char * const *) choices,
                  studio_image_options_get_effective_string (self, name));

  return changed;
}

/* Binds a spin row to its parameter; returns whether @values changed. */
static gboolean
studio_image_options_bind_number (StudioImageOptions *self,
                                  GtkSpinButton      *spin,
                                  const char         *name,
                                  double              lowest)
{
  JsonObject *rule = studio_image_options_get_rule (self, name);
  JsonNode *node;
  double min, max, value;
  gboolean changed = FALSE;

  if (rule == NULL || g_strcmp0 (studio_json_get_string (rule, "type"), "integer") != 0)
    return FALSE;

  node = json_object_get_member (self->values, name);

  min = MAX (studio_json_get_double (rule, "min", 0), lowest);
  max = MAX (studio_json_get_double (rule, "max", G_MAXINT32), min);
  value = CLAMP (studio_json_get_double (rule, "default", min), min, max);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_NONE;
      double chosen = type == G_TYPE_INT64 || type == G_TYPE_DOUBLE ? json_node_get_double (node)
                                                                    : min - 1;

      if (chosen >= min && chosen <= max && chosen == (double) (gint64) chosen)
        value = chosen;
      else
        {
          g_debug ("Dropping %s, which %s takes only from %g to %g",
                   name, studio_model_get_id (self->model), min, max);
          json_object_remove_member (self->values, name);
          changed = TRUE;
        }
    }

  gtk_spin_button_set_range (spin, min, max);
  gtk_spin_button_set_value (spin, value);
  gtk_widget_set_sensitive (GTK_WIDGET (spin), max > min);

  return changed;
}

/* Partial images only count when streaming, and then the number shown is
 * sent, even when it is not the family's default of none.
 */
static gboolean
studio_image_options_sync_partial (StudioImageOptions *self)
{
  JsonObject *rule = studio_image_options_get_rule (self, "partial_images");
  JsonNode *node;
  int shown;

  if (rule == NULL || !studio_image_options_requires_hold (self, rule))
    return FALSE;

  node = json_object_get_member (self->values, "partial_images");
  shown = gtk_spin_button_get_value_as_int (self->partial_spin);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) == shown)
    return FALSE;

  json_object_set_int_member (self->values, "partial_images", shown);
  return TRUE;
}

static void
on_choice_selected_cb (AdwComboRow        *row,
                       GParamSpec         *pspec,
                       StudioImageOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "parameter");
  const char *value = choice_row_get (row);

  if (self->updating > 0 || self->values == NULL || value == NULL)
    return;

  json_object_set_string_member (self->values, name, value);
  if (g_strcmp0 (name, self->forced_source) == 0 || g_strcmp0 (name, self->forced_target) == 0)
    studio_image_options_clear_forced (self);
  studio_image_options_apply_value_requires (self);
  studio_image_options_update_visibility (self);
  studio_image_options_emit_changed (self);
}

static void
on_number_changed_cb (GtkSpinButton      *spin,
                      StudioImageOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (spin), "parameter");

  if (self->updating > 0 || self->values == NULL)
    return;

  json_object_set_int_member (self->values, name, gtk_spin_button_get_value_as_int (spin));
  studio_image_options_emit_changed (self);
}

static void
on_stream_active_cb (StudioImageOptions *self)
{
  if (self->updating > 0 || self->values == NULL)
    return;

  json_object_set_boolean_member (self->values, "stream",
                                  gtk_switch_get_active (self->stream_switch));
  studio_image_options_sync_partial (self);
  studio_image_options_update_visibility (self);
  studio_image_options_emit_changed (self);
}

static void
studio_image_options_dispose (GObject *object)
{
  StudioImageOptions *self = (StudioImageOptions *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_OPTIONS);
  g_clear_object (&self->model);
  g_clear_pointer (&self->values, json_object_unref);

  G_OBJECT_CLASS (studio_image_options_parent_class)->dispose (object);
}

static void
studio_image_options_finalize (GObject *object)
{
  StudioImageOptions *self = (StudioImageOptions *) object;

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->size_entries, g_ptr_array_unref);
  g_clear_error (&self->size_error);
  g_clear_pointer (&self->nearest, g_free);
  studio_image_options_clear_forced (self);

  G_OBJECT_CLASS (studio_image_options_parent_class)->finalize (object);
}

static void
studio_image_options_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioImageOptions *self = STUDIO_IMAGE_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_options_class_init (StudioImageOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_options_dispose;
  object_class->finalize = studio_image_options_finalize;
  object_class->get_property = studio_image_options_get_property;

  /**
   * StudioImageOptions:valid:
   *
   * Whether the options can be sent: %FALSE while the size is one the
   * model does not take.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioImageOptions::changed:
   *
   * Emitted after a control wrote a value into the values object.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-image-options.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, size_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, width_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, width_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, height_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, height_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, size_problem_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, size_problem_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, size_fix_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, quality_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, background_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, format_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, compression_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, compression_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, moderation_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, fidelity_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, style_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, response_format_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, n_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, n_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, stream_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, stream_switch);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, partial_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageOptions, partial_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stream_active_cb);
  studio_image_options_class_init_size (widget_class);
}

static void
studio_image_options_init (StudioImageOptions *self)
{
  /* Nothing is bound yet: the controls' first values are not choices. */
  self->updating = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = 0;

  self->valid = TRUE;
  self->custom_index = G_MAXUINT;
  self->endpoint = g_strdup (STUDIO_IMAGE_ENDPOINT_GENERATIONS);

  self->rows[ROW_SIZE] = GTK_WIDGET (self->size_row);
  self->rows[ROW_QUALITY] = GTK_WIDGET (self->quality_row);
  self->rows[ROW_BACKGROUND] = GTK_WIDGET (self->background_row);
  self->rows[ROW_OUTPUT_FORMAT] = GTK_WIDGET (self->format_row);
  self->rows[ROW_OUTPUT_COMPRESSION] = GTK_WIDGET (self->compression_row);
  self->rows[ROW_MODERATION] = GTK_WIDGET (self->moderation_row);
  self->rows[ROW_INPUT_FIDELITY] = GTK_WIDGET (self->fidelity_row);
  self->rows[ROW_STYLE] = GTK_WIDGET (self->style_row);
  self->rows[ROW_RESPONSE_FORMAT] = GTK_WIDGET (self->response_format_row);
  self->rows[ROW_N] = GTK_WIDGET (self->n_row);
  self->rows[ROW_STREAM] = GTK_WIDGET (self->stream_row);
  self->rows[ROW_PARTIAL_IMAGES] = GTK_WIDGET (self->partial_row);

  for (guint i = 0; i < N_ROWS; i++)
    g_object_set_data (G_OBJECT (self->rows[i]), "parameter", (gpointer) row_parameters[i]);
  g_object_set_data (G_OBJECT (self->compression_spin), "parameter", "output_compression");
  g_object_set_data (G_OBJECT (self->n_spin), "parameter", "n");
  g_object_set_data (G_OBJECT (self->partial_spin), "parameter", "partial_images");

  studio_image_options_update_visibility (self);
  studio_image_options_update_size (self);
}

GtkWidget *
studio_image_options_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_OPTIONS, NULL);
}

/**
 * studio_image_options_bind:
 * @self: an image options panel
 * @model: (nullable): the image model whose options to show
 * @endpoint: (nullable): %STUDIO_IMAGE_ENDPOINT_GENERATIONS (the default),
 *   %STUDIO_IMAGE_ENDPOINT_EDITS or %STUDIO_IMAGE_ENDPOINT_VARIATIONS
 * @values: (nullable): the values to show and change, the request's options
 *
 * Rebuilds the rows for what @model's family takes at @endpoint. Values
 * of parameters not shown stay in @values untouched; a shown parameter's
 * value the family does not take is dropped (so its default applies, as
 * shown), except a size, which is shown with what is wrong with it. If
 * anything in @values changed, "changed" is emitted.
 */
void
studio_image_options_bind (StudioImageOptions *self,
                           StudioModel        *model,
                           const char         *endpoint,
                           JsonObject         *values)
{
  gboolean changed = FALSE;
  JsonNode *stream;

  g_return_if_fail (STUDIO_IS_IMAGE_OPTIONS (self));
  g_return_if_fail (model == NULL || STUDIO_IS_MODEL (model));

  if (values != NULL)
    json_object_ref (values);
  g_clear_pointer (&self->values, json_object_unref);
  self->values = values;
  g_set_object (&self->model, model);
  studio_set_str (&self->endpoint, endpoint ? endpoint : STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  studio_image_options_clear_forced (self);

  self->updating++;

  studio_image_options_bind_size (self);
  changed |= studio_image_options_bind_choice (self, self->quality_row, "quality");
  changed |= studio_image_options_bind_choice (self, self->background_row, "background");
  changed |= studio_image_options_bind_choice (self, self->format_row, "output_format");
  changed |= studio_image_options_bind_choice (self, self->moderation_row, "moderation");
  changed |= studio_image_options_bind_choice (self, self->fidelity_row, "input_fidelity");
  changed |= studio_image_options_bind_choice (self, self->style_row, "style");
  changed |= studio_image_options_bind_choice (self, self->response_format_row,
                                               "response_format");
  changed |= studio_image_options_bind_number (self, self->compression_spin,
                                               "output_compression", 0);
  changed |= studio_image_options_bind_number (self, self->n_spin, "n", 1);
  changed |= studio_image_options_bind_number (self, self->partial_spin,
                                               "partial_images", 1);

  if (self->model != NULL && self->values != NULL)
    {
      gint64 n_max = studio_json_get_int (studio_image_options_get_rule (self, "n"), "max", 1);
      g_autofree char *subtitle = NULL;

      if (n_max <= 1)
        subtitle = g_strdup (_("This model makes one image at a time"));
      else
        subtitle = g_strdup_printf (ngettext ("Up to %d at once", "Up to %d at once",
                                              (int) n_max), (int) n_max);
      adw_action_row_set_subtitle (self->n_row, subtitle);

      stream = studio_image_options_get_effective (self, "stream");
      gtk_switch_set_active (self->stream_switch,
                             stream != NULL && JSON_NODE_HOLDS_VALUE (stream) &&
                             json_node_get_value_type (stream) == G_TYPE_BOOLEAN &&
                             json_node_get_boolean (stream));
      changed |= studio_image_options_apply_value_requires (self);
      changed |= studio_image_options_sync_partial (self);
    }

  self->updating--;

  studio_image_options_update_visibility (self);
  studio_image_options_update_size (self);

  if (changed)
    studio_image_options_emit_changed (self);
}

/**
 * studio_image_options_get_values:
 *
 * Returns: (transfer none) (nullable): the values bound
 */
JsonObject *
studio_image_options_get_values (StudioImageOptions *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_OPTIONS (self), NULL);

  return self->values;
}

/**
 * studio_image_options_get_valid:
 *
 * Returns: whether the options can be sent as they are
 */
gboolean
studio_image_options_get_valid (StudioImageOptions *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_OPTIONS (self), FALSE);

  return self->valid;
}

/**
 * studio_image_options_check:
 * @self: an image options panel
 * @error: the place for what is wrong, as shown under the size
 *   (%STUDIO_IMAGE_ERROR_INVALID_SIZE)
 *
 * Returns: whether the options can be sent as they are
 */
gboolean
studio_image_options_check (StudioImageOptions  *self,
                            GError             **error)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_OPTIONS (self), FALSE);

  if (self->size_error != NULL)
    {
      g_set_error_literal (error, self->size_error->domain, self->size_error->code,
                           self->size_error->message);
      return FALSE;
    }

  return TRUE;
}
