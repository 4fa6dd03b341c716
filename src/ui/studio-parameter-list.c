/* studio-parameter-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-parameter-list"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-json.h"
#include "studio-parameter-list.h"

/* The request parameters of one model, as its family in
 * model-families.json describes them, each with a control of its type. A
 * parameter left at "Default" is not sent at all, so the server's own
 * default applies. Changes go straight into the values object and the
 * "changed" signal says so.
 */
struct _StudioParameterList
{
  AdwBin      parent_instance;

  /* Owned references */
  JsonObject *values;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioParameterList, studio_parameter_list, ADW_TYPE_BIN)

static const struct {
  const char *name;
  const char *title;
  const char *subtitle;
} labels[] = {
  { "temperature", N_("Temperature"), N_("Higher is more varied, lower more focused") },
  { "top_p", N_("Top P"), N_("Sample only from the most likely tokens") },
  { "max_completion_tokens", N_("Maximum Output Tokens"), N_("Including reasoning tokens") },
  { "max_tokens", N_("Maximum Output Tokens"), NULL },
  { "presence_penalty", N_("Presence Penalty"), N_("Encourage new topics") },
  { "frequency_penalty", N_("Frequency Penalty"), N_("Discourage repetition") },
  { "seed", N_("Seed"), N_("Repeat results where the model allows") },
  { "stop", N_("Stop Sequences"), N_("Separated by commas, at most four") },
  { "response_format", N_("Output Format"), NULL },
  { "reasoning_effort", N_("Reasoning Effort"), NULL },
  { "verbosity", N_("Verbosity"), NULL },
};

static void
describe (const char  *name,
          const char **title,
          const char **subtitle)
{
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      {
        *title = _(labels[i].title);
        *subtitle = labels[i].subtitle ? _(labels[i].subtitle) : NULL;
        return;
      }

  *title = name;
  *subtitle = NULL;
}

static void
studio_parameter_list_changed (StudioParameterList *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
number_changed_cb (GtkSpinButton       *spin,
                   StudioParameterList *self)
{
  const char *name = g_object_get_data (G_OBJECT (spin), "parameter");

  if (gtk_spin_button_get_digits (spin) == 0)
    json_object_set_int_member (self->values, name, gtk_spin_button_get_value_as_int (spin));
  else
    json_object_set_double_member (self->values, name, gtk_spin_button_get_value (spin));
  studio_parameter_list_changed (self);
}

static void
set_toggled_cb (GtkCheckButton      *check,
                StudioParameterList *self)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (check), "control");
  const char *name = g_object_get_data (G_OBJECT (check), "parameter");
  gboolean active = gtk_check_button_get_active (check);

  gtk_widget_set_sensitive (control, active);
  if (active && GTK_IS_SPIN_BUTTON (control))
    number_changed_cb (GTK_SPIN_BUTTON (control), self);
  else if (!active)
    {
      json_object_remove_member (self->values, name);
      studio_parameter_list_changed (self);
    }
}

static void
choice_changed_cb (GtkDropDown         *dropdown,
                   GParamSpec          *pspec,
                   StudioParameterList *self)
{
  const char *name = g_object_get_data (G_OBJECT (dropdown), "parameter");
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  /* The first choice is "Default": nothing is sent. */
  if (selected == 0 || item == NULL)
    json_object_remove_member (self->values, name);
  else
    json_object_set_string_member (self->values, name, gtk_string_object_get_string (item));
  studio_parameter_list_changed (self);
}

static void
list_changed_cb (GtkEditable         *entry,
                 StudioParameterList *self)
{
  const char *name = g_object_get_data (G_OBJECT (entry), "parameter");
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (entry), ",", -1);
  JsonArray *array = json_array_new ();

  for (guint i = 0; parts[i] && json_array_get_length (array) < 4; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        json_array_add_string_element (array, parts[i]);
    }

  if (json_array_get_length (array) > 0)
    json_object_set_array_member (self->values, name, array);
  else
    {
      json_array_unref (array);
      json_object_remove_member (self->values, name);
    }
  studio_parameter_list_changed (self);
}

static GtkWidget *
make_number_row (StudioParameterList *self,
                 const char          *name,
                 JsonObject          *rule)
{
  gboolean integer = g_strcmp0 (studio_json_get_string (rule, "type"), "integer") == 0;
  double min = json_object_get_double_member_with_default (rule, "min", integer ? 0 : -1000);
  double max = json_object_get_double_member_with_default (rule, "max",
                                                           integer ? G_MAXINT32 : 1000);
  double step = json_object_get_double_member_with_default (rule, "step", 1);
  double fallback = json_object_get_double_member_with_default (rule, "default", min);
  JsonNode *value = json_object_get_member (self->values, name);
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);
  GtkWidget *check = gtk_check_button_new ();

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), integer ? 0 : 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             value && JSON_NODE_HOLDS_VALUE (value) ? json_node_get_double (value)
                                                                    : fallback);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (spin, value != NULL);
  g_object_set_data_full (G_OBJECT (spin), "parameter", g_strdup (name), g_free);
  g_signal_connect (spin, "value-changed", G_CALLBACK (number_changed_cb), self);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), value != NULL);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "control", spin);
  g_object_set_data_full (G_OBJECT (check), "parameter", g_strdup (name), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (set_toggled_cb), self);

  {
    const char *title, *subtitle;
    g_autofree char *tooltip = NULL;

    describe (name, &title, &subtitle);
    tooltip = g_strdup_printf (_("Send %s"), title);
    gtk_widget_set_tooltip_text (check, tooltip);
    gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  }

  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_box_append (GTK_BOX (box), check);
    gtk_box_append (GTK_BOX (box), spin);
    return box;
  }
}

static GtkWidget *
make_choice_row (StudioParameterList *self,
                 const char          *name,
                 JsonObject          *rule)
{
  JsonArray *values = studio_json_get_array (rule, "values");
  const char *current = studio_json_get_string (self->values, name);
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint selected = 0;
  const char *title, *subtitle;

  gtk_string_list_append (strings, _("Default"));
  for (guint i = 0; values && i < json_array_get_length (values); i++)
    {
      const char *value = json_array_get_string_element (values, i);

      gtk_string_list_append (strings, value);
      if (g_strcmp0 (value, current) == 0)
        selected = i + 1;
    }

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  describe (name, &title, &subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (dropdown), "parameter", g_strdup (name), g_free);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), self);

  return dropdown;
}

static GtkWidget *
make_list_row (StudioParameterList *self,
               const char          *name)
{
  JsonArray *current = studio_json_get_array (self->values, name);
  GtkWidget *entry = gtk_entry_new ();
  GString *text = g_string_new (NULL);
  const char *title, *subtitle;

  for (guint i = 0; current && i < json_array_get_length (current); i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "",
                            json_array_get_string_element (current, i));

  gtk_editable_set_text (GTK_EDITABLE (entry), text->str);
  g_string_free (text, TRUE);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  describe (name, &title, &subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (entry), "parameter", g_strdup (name), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (list_changed_cb), self);

  return entry;
}

static void
studio_parameter_list_dispose (GObject *object)
{
  StudioParameterList *self = (StudioParameterList *) object;

  g_clear_pointer (&self->values, json_object_unref);

  G_OBJECT_CLASS (studio_parameter_list_parent_class)->dispose (object);
}

static void
studio_parameter_list_class_init (StudioParameterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_parameter_list_dispose;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
studio_parameter_list_init (StudioParameterList *self)
{
}

GtkWidget *
studio_parameter_list_new (void)
{
  return g_object_new (STUDIO_TYPE_PARAMETER_LIST, NULL);
}

/**
 * studio_parameter_list_bind:
 * @self: a parameter list
 * @model: (nullable): the model whose parameters to show
 * @values: (nullable): the values to show and change
 *
 * Rebuilds the rows for @model. Values the model does not take stay in
 * @values untouched (another model may take them) but are never sent.
 */
void
studio_parameter_list_bind (StudioParameterList *self,
                            StudioModel         *model,
                            JsonObject          *values)
{
  g_autoptr(GList) names = NULL;
  GtkWidget *list;

  g_return_if_fail (STUDIO_IS_PARAMETER_LIST (self));

  if (values != NULL)
    json_object_ref (values);
  g_clear_pointer (&self->values, json_object_unref);
  self->values = values;

  names = model && values ? studio_model_list_parameters (model) : NULL;
  if (names == NULL)
    {
      adw_bin_set_child (ADW_BIN (self), NULL);
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Parameters"), -1);

  for (GList *l = names; l; l = l->next)
    {
      JsonObject *rule = studio_model_get_parameter (model, l->data);
      const char *type = studio_json_get_string (rule, "type");
      const char *title, *subtitle;
      GtkWidget *row;
      GtkWidget *control;

      if (g_strcmp0 (type, "number") == 0 || g_strcmp0 (type, "integer") == 0)
        control = make_number_row (self, l->data, rule);
      else if (g_strcmp0 (type, "enum") == 0)
        control = make_choice_row (self, l->data, rule);
      else if (g_strcmp0 (type, "string-list") == 0)
        control = make_list_row (self, l->data);
      else
        continue;

      row = adw_action_row_new ();
      describe (l->data, &title, &subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_bin_set_child (ADW_BIN (self), list);
}
