/* studio-model-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-model-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-enums.h"
#include "studio-model-picker.h"
#include "studio-settings.h"
#include "studio-utils.h"

/* A row to choose a model of one kind from the server's list. It says when
 * the list is still loading, why it is empty, and when the chosen one has a
 * shutdown date. Some OpenAI-compatible servers list no models (or have no
 * GET /models at all): then a model id can be typed, and is remembered for
 * that kind of model and base URL.
 */
struct _StudioModelPicker
{
  AdwBin              parent_instance;

  /* Owned references */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GListStore         *typed;     /* the model id typed, if any */
  GtkFlattenListModel *all;      /* filtered, then typed */

  StudioContext      *context;

  /* Owned references */
  char               *wanted_id;

  /* Template widgets */
  AdwComboRow        *combo_row;
  AdwEntryRow        *id_row;

  StudioModelKind     kind;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_KIND,
  PROP_SELECTED,
  PROP_N_MODELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioModelPicker, studio_model_picker, ADW_TYPE_BIN)

static gboolean
studio_model_picker_filter_func (gpointer item,
                                 gpointer user_data)
{
  StudioModelPicker *self = user_data;

  return studio_model_get_kind (item) == self->kind;
}

static const char *
studio_model_picker_get_base_url (StudioModelPicker *self)
{
  return studio_client_get_base_url (studio_context_get_client (self->context));
}

/* Where the typed id is kept: by model kind and base URL. */
static char *
studio_model_picker_dup_typed_key (StudioModelPicker *self)
{
  GEnumClass *kinds = g_type_class_peek (STUDIO_TYPE_MODEL_KIND);

  return g_strdup_printf ("%s %s", g_enum_get_value (kinds, self->kind)->value_nick,
                          studio_model_picker_get_base_url (self));
}

static void
studio_model_picker_update_subtitle (StudioModelPicker *self)
{
  StudioModelCatalog *catalog = self->context ? studio_context_get_catalog (self->context) : NULL;
  StudioModel *model = studio_model_picker_get_selected (self);
  guint n_listed = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *subtitle = NULL;
  const GError *error = NULL;
  const char *shutdown;

  if (catalog != NULL && n_listed == 0)
    error = studio_model_catalog_get_error (catalog);

  if (error != NULL && studio_api_error_get_server_message (error) != NULL)
    subtitle = g_strdup_printf (_("The server did not list its models (HTTP %u: “%s”). Type a model id below."),
                                studio_api_error_get_status (error),
                                studio_api_error_get_server_message (error));
  else if (error != NULL)
    subtitle = g_strdup_printf (_("The server did not list its models: %s Type a model id below."),
                                error->message);
  else if (catalog == NULL || !studio_model_catalog_get_loaded (catalog))
    subtitle = g_strdup (_("The model list has not been loaded yet"));
  else if (n_listed == 0)
    subtitle = g_strdup (_("The server offers no model for this. Type a model id below."));
  else if (model != NULL && (shutdown = studio_model_get_shutdown_date (model)))
    subtitle = g_strdup_printf (_("This model shuts down on %s"), shutdown);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->combo_row), subtitle ? subtitle : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->combo_row),
                            studio_model_picker_get_n_models (self) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->id_row),
                          catalog != NULL && n_listed == 0 &&
                          (error != NULL || studio_model_catalog_get_loaded (catalog)));
}

/* The id typed for this kind and base URL, as a model of its own. */
static void
studio_model_picker_load_typed (StudioModelPicker *self)
{
  g_autoptr(GVariant) typed = NULL;
  g_autofree char *key = NULL;
  const char *id = NULL;

  g_list_store_remove_all (self->typed);
  if (self->context == NULL)
    return;

  key = studio_model_picker_dup_typed_key (self);
  typed = g_settings_get_value (studio_context_get_settings (self->context),
                                STUDIO_SETTING_CUSTOM_MODELS);
  if (g_variant_lookup (typed, key, "&s", &id) && *id != '\0')
    {
      g_autoptr(JsonObject) entry = json_object_new ();
      g_autoptr(StudioModel) model = NULL;

      json_object_set_string_member (entry, "id", id);
      model = studio_model_catalog_classify (studio_context_get_catalog (self->context), entry);
      g_list_store_append (self->typed, model);
      gtk_editable_set_text (GTK_EDITABLE (self->id_row), id);
    }
}

static void
on_id_applied_cb (StudioModelPicker *self)
{
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  g_autofree char *key = studio_model_picker_dup_typed_key (self);
  GSettings *settings = studio_context_get_settings (self->context);
  g_autoptr(GVariant) old = g_settings_get_value (settings, STUDIO_SETTING_CUSTOM_MODELS);
  g_auto(GVariantBuilder) typed = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *old_key, *old_id;

  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &old_key, &old_id))
    if (!g_str_equal (old_key, key))
      g_variant_builder_add (&typed, "{ss}", old_key, old_id);
  if (*id != '\0')
    g_variant_builder_add (&typed, "{ss}", key, id);
  g_settings_set_value (settings, STUDIO_SETTING_CUSTOM_MODELS, g_variant_builder_end (&typed));

  studio_model_picker_load_typed (self);
  studio_model_picker_select_id (self, id);
}

/* Selects the model asked for, once the list has it. */
static void
studio_model_picker_apply_wanted (StudioModelPicker *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->all));

  if (self->wanted_id == NULL)
    return;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (G_LIST_MODEL (self->all), i);

      if (g_strcmp0 (studio_model_get_id (model), self->wanted_id) == 0)
        {
          adw_combo_row_set_selected (self->combo_row, i);
          return;
        }
    }
}

static void
studio_model_picker_items_changed_cb (StudioModelPicker *self)
{
  studio_model_picker_apply_wanted (self);
  studio_model_picker_update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODELS]);
}

static void
studio_model_picker_selected_cb (StudioModelPicker *self)
{
  StudioModel *model = studio_model_picker_get_selected (self);

  /* A choice the user made sticks when the list reloads. */
  if (model != NULL)
    studio_set_str (&self->wanted_id, studio_model_get_id (model));

  studio_model_picker_update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
studio_model_picker_dispose (GObject *object)
{
  StudioModelPicker *self = (StudioModelPicker *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_MODEL_PICKER);
  g_clear_object (&self->all);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->typed);
  g_clear_object (&self->context);
  g_clear_pointer (&self->wanted_id, g_free);

  G_OBJECT_CLASS (studio_model_picker_parent_class)->dispose (object);
}

static void
studio_model_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StudioModelPicker *self = STUDIO_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, studio_model_picker_get_selected (self));
      break;

    case PROP_N_MODELS:
      g_value_set_uint (value, studio_model_picker_get_n_models (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_model_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StudioModelPicker *self = STUDIO_MODEL_PICKER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      studio_model_picker_set_context (self, g_value_get_object (value));
      break;

    case PROP_KIND:
      studio_model_picker_set_kind (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_model_picker_class_init (StudioModelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_model_picker_dispose;
  object_class->get_property = studio_model_picker_get_property;
  object_class->set_property = studio_model_picker_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       STUDIO_TYPE_MODEL_KIND, STUDIO_MODEL_KIND_CHAT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         STUDIO_TYPE_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_MODELS] =
    g_param_spec_uint ("n-models", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STUDIO_TYPE_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-model-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioModelPicker, combo_row);
  gtk_widget_class_bind_template_child (widget_class, StudioModelPicker, id_row);
  gtk_widget_class_bind_template_callback (widget_class, on_id_applied_cb);
}

static void
studio_model_picker_init (StudioModelPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind = STUDIO_MODEL_KIND_CHAT;
  self->filter = gtk_custom_filter_new (studio_model_picker_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->typed = g_list_store_new (STUDIO_TYPE_MODEL);
  {
    GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);

    g_list_store_append (parts, self->filtered);
    g_list_store_append (parts, self->typed);
    self->all = gtk_flatten_list_model_new (G_LIST_MODEL (parts));
  }
  adw_combo_row_set_model (self->combo_row, G_LIST_MODEL (self->all));

  g_signal_connect_object (self->all, "items-changed",
                           G_CALLBACK (studio_model_picker_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->combo_row, "notify::selected-item",
                           G_CALLBACK (studio_model_picker_selected_cb), self,
                           G_CONNECT_SWAPPED);
  studio_model_picker_update_subtitle (self);
}

/**
 * studio_model_picker_get_context:
 *
 * Returns: (transfer none) (nullable): where the models come from
 */
StudioContext *
studio_model_picker_get_context (StudioModelPicker *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_PICKER (self), NULL);

  return self->context;
}

/**
 * studio_model_picker_set_context:
 * @self: a picker
 * @context: (nullable): the app's services, whose models it lists
 */
void
studio_model_picker_set_context (StudioModelPicker *self,
                                 StudioContext     *context)
{
  g_return_if_fail (STUDIO_IS_MODEL_PICKER (self));
  g_return_if_fail (context == NULL || STUDIO_IS_CONTEXT (context));

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (studio_context_get_catalog (self->context), self);
      g_signal_handlers_disconnect_by_data (studio_context_get_client (self->context), self);
    }

  if (!g_set_object (&self->context, context))
    return;

  if (context != NULL)
    {
      g_signal_connect_object (studio_context_get_catalog (context), "notify::error",
                               G_CALLBACK (studio_model_picker_update_subtitle), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (studio_context_get_catalog (context), "notify::loaded",
                               G_CALLBACK (studio_model_picker_update_subtitle), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (studio_context_get_client (context), "notify::base-url",
                               G_CALLBACK (studio_model_picker_load_typed), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_filter_list_model_set_model (self->filtered,
                                   context ? studio_model_catalog_get_models (studio_context_get_catalog (context))
                                           : NULL);
  studio_model_picker_load_typed (self);
  studio_model_picker_update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

StudioModelKind
studio_model_picker_get_kind (StudioModelPicker *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_PICKER (self), STUDIO_MODEL_KIND_OTHER);

  return self->kind;
}

void
studio_model_picker_set_kind (StudioModelPicker *self,
                              StudioModelKind    kind)
{
  g_return_if_fail (STUDIO_IS_MODEL_PICKER (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  studio_model_picker_load_typed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * studio_model_picker_get_selected:
 *
 * Returns: (transfer none) (nullable): the chosen model
 */
StudioModel *
studio_model_picker_get_selected (StudioModelPicker *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_PICKER (self), NULL);

  return adw_combo_row_get_selected_item (self->combo_row);
}

guint
studio_model_picker_get_n_models (StudioModelPicker *self)
{
  g_return_val_if_fail (STUDIO_IS_MODEL_PICKER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->all));
}

/**
 * studio_model_picker_select_id:
 * @self: a picker
 * @id: the model to select, now or as soon as the server lists it
 */
void
studio_model_picker_select_id (StudioModelPicker *self,
                               const char        *id)
{
  g_return_if_fail (STUDIO_IS_MODEL_PICKER (self));

  studio_set_str (&self->wanted_id, id);
  studio_model_picker_apply_wanted (self);
}
