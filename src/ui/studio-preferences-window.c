/* studio-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-preferences-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "studio-preferences-window.h"
#include "studio-prices.h"
#include "studio-secrets.h"
#include "studio-settings.h"
#include "studio-ui.h"
#include "studio-utils.h"

/* Connection settings: the key (kept in the keyring, never shown back), the
 * base URL, organization and project, and a test that asks the server for
 * its models. Values the environment sets are shown as overridden.
 */
struct _StudioPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned references */
  GCancellable         *cancellable;

  StudioContext        *context;

  /* Borrowed references, from the context */
  StudioConnection     *connection;
  GSettings            *settings;

  /* Template widgets */
  AdwPreferencesGroup  *key_group;
  AdwPasswordEntryRow  *key_row;
  AdwActionRow         *remove_key_row;
  GtkButton            *remove_key_button;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *base_url_row;
  AdwEntryRow          *organization_row;
  AdwEntryRow          *project_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkButton            *test_button;
  AdwActionRow         *prices_row;
  GtkButton            *edit_prices_button;
};

G_DEFINE_FINAL_TYPE (StudioPreferencesWindow, studio_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_preferences_window_update (StudioPreferencesWindow *self)
{
  StudioConnection *connection = self->connection;
  g_autoptr(GString) overridden = g_string_new (NULL);
  const char *key_state;
  static const struct {
    StudioConnectionField field;
    gsize row_offset;
  } server_fields[] = {
    { STUDIO_CONNECTION_FIELD_BASE_URL, G_STRUCT_OFFSET (StudioPreferencesWindow, base_url_row) },
    { STUDIO_CONNECTION_FIELD_ORGANIZATION,
      G_STRUCT_OFFSET (StudioPreferencesWindow, organization_row) },
    { STUDIO_CONNECTION_FIELD_PROJECT, G_STRUCT_OFFSET (StudioPreferencesWindow, project_row) },
  };

  switch (studio_connection_get_key_source (connection))
    {
    case STUDIO_KEY_SOURCE_ENVIRONMENT:
      key_state =
        _("The OPENAI_API_KEY environment variable sets the key and overrides any stored key.");
      break;
    case STUDIO_KEY_SOURCE_KEYRING:
      key_state =
        _("A key for this server is stored in the system keyring. Enter a new one to replace it.");
      break;
    case STUDIO_KEY_SOURCE_SESSION:
      key_state = _("The key is kept in memory until OpenAI Studio quits, because the keyring was not available.");
      break;
    case STUDIO_KEY_SOURCE_NONE:
    default:
      key_state = _("No key is set for this server. Create one at platform.openai.com/api-keys; it will be kept in the system keyring.");
      break;
    }

  adw_preferences_group_set_description (self->key_group, key_state);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row),
                            !studio_connection_is_overridden (connection,
                                                              STUDIO_CONNECTION_FIELD_API_KEY));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_key_row),
                            studio_connection_get_key_source (connection) ==
                            STUDIO_KEY_SOURCE_KEYRING ||
                            studio_connection_get_key_source (connection) ==
                            STUDIO_KEY_SOURCE_SESSION);

  for (guint i = 0; i < G_N_ELEMENTS (server_fields); i++)
    {
      GtkWidget *row = G_STRUCT_MEMBER (GtkWidget *, self, server_fields[i].row_offset);
      gboolean is_overridden = studio_connection_is_overridden (connection, server_fields[i].field);

      gtk_widget_set_sensitive (row, !is_overridden);
      if (is_overridden)
        g_string_append_printf (overridden, "%s%s", overridden->len ? ", " : "",
                                studio_connection_get_env_name (server_fields[i].field));
    }

  if (overridden->len > 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("Set by the environment, which overrides these settings: %s"),
                         overridden->str);

      adw_preferences_group_set_description (self->server_group, description);
    }
  else
    adw_preferences_group_set_description (self->server_group,
                                           _("Any OpenAI-compatible server can be used."));
}

static void
studio_preferences_window_load_values (StudioPreferencesWindow *self)
{
  StudioClient *client = studio_connection_get_client (self->connection);

  /* Show what is in effect, which may come from the environment. */
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), studio_client_get_base_url (client));
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row),
                         studio_client_get_organization (client)
                         ? studio_client_get_organization (client) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->project_row),
                         studio_client_get_project (client)
                         ? studio_client_get_project (client) : "");
}

static void
studio_preferences_window_toast (StudioPreferencesWindow *self,
                                 const char              *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
keyring_dialog_response_cb (AdwMessageDialog        *dialog,
                            const char              *response,
                            StudioPreferencesWindow *self)
{
  if (g_strcmp0 (response, "session") == 0)
    {
      const char *key = g_object_get_data (G_OBJECT (dialog), "key");

      studio_connection_use_session_key (self->connection, key);
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      studio_preferences_window_toast (self, _("Key kept for this session"));
    }
}

static void
studio_preferences_window_save_key_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *key = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));

  if (studio_connection_save_key_finish (STUDIO_CONNECTION (object), result, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
      studio_preferences_window_toast (self, _("Key saved in the keyring"));
      return;
    }

  if (studio_api_error_is_cancelled (error))
    return;

  key = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The Key Could Not Be Saved"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nOpenAI Studio can keep the key in memory until it quits. You will have to enter it again next time."),
                                  error->message);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "session", _("_Keep for This Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "session", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "session");
  studio_ui_name_mnemonic_buttons (GTK_WIDGET (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "key", g_steal_pointer (&key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (keyring_dialog_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_key_apply_cb (StudioPreferencesWindow *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  GtkWidget *focus;

  if (studio_str_empty0 (key))
    return;

  /* A focused entry made insensitive never gets its focus-out, and GTK 4.8
   * warns from its cursor blink; the focus goes first.
   */
  focus = gtk_window_get_focus (GTK_WINDOW (self));
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->key_row)))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row), FALSE);
  studio_connection_save_key_async (self->connection, key, self->cancellable,
                                    studio_preferences_window_save_key_cb,
                                    g_object_ref (self));
}

static void
studio_preferences_window_forget_key_cb (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_connection_forget_key_finish (STUDIO_CONNECTION (object), result, &error))
    {
      if (!studio_api_error_is_cancelled (error))
        studio_preferences_window_toast (self, error->message);
      return;
    }

  studio_preferences_window_toast (self, _("Key removed"));
}

static void
on_remove_key_cb (StudioPreferencesWindow *self)
{
  studio_connection_forget_key_async (self->connection, self->cancellable,
                                      studio_preferences_window_forget_key_cb,
                                      g_object_ref (self));
}

static void
insecure_dialog_response_cb (AdwMessageDialog        *dialog,
                             const char              *response,
                             StudioPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "url");

  if (g_strcmp0 (response, "allow") == 0)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, STUDIO_SETTING_INSECURE_BASE_URL, url);
      g_settings_set_string (self->settings, STUDIO_SETTING_BASE_URL, url);
      g_settings_apply (self->settings);
    }
  else
    studio_preferences_window_load_values (self);
}

static void
on_base_url_apply_cb (StudioPreferencesWindow *self)
{
  g_autofree char *url =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->base_url_row))));
  g_autoptr(GUri) uri = NULL;
  AdwMessageDialog *dialog;
  const char *scheme;

  if (studio_str_empty0 (url))
    {
      g_settings_reset (self->settings, STUDIO_SETTING_BASE_URL);
      studio_preferences_window_load_values (self);
      return;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
      studio_preferences_window_toast (self, _("Enter an address that starts with https://"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !studio_uri_is_loopback (url))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Send the Key Unencrypted?"),
                                                           NULL));
      adw_message_dialog_format_body (dialog,
                                      _("“%s” uses plain HTTP to another machine. Anyone on the network between could read your API key and your conversations."),
                                      url);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "allow", _("_Use Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "allow", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      studio_ui_name_mnemonic_buttons (GTK_WIDGET (dialog));
      g_object_set_data_full (G_OBJECT (dialog), "url", g_steal_pointer (&url), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (insecure_dialog_response_cb),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_settings_set_string (self->settings, STUDIO_SETTING_BASE_URL, url);
}

static void
on_organization_apply_cb (StudioPreferencesWindow *self)
{
  g_autofree char *value =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organization_row))));

  g_settings_set_string (self->settings, STUDIO_SETTING_ORGANIZATION, value);
}

static void
on_project_apply_cb (StudioPreferencesWindow *self)
{
  g_autofree char *value =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->project_row))));

  g_settings_set_string (self->settings, STUDIO_SETTING_PROJECT, value);
}

static void
studio_preferences_window_test_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  StudioModelCatalog *catalog = STUDIO_MODEL_CATALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!studio_model_catalog_refresh_finish (catalog, result, &error) &&
      studio_api_error_is_cancelled (error))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);

  if (error == NULL)
    {
      guint n_models = g_list_model_get_n_items (studio_model_catalog_get_models (catalog));

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Connected: the server offers %u model",
                                           "Connected: the server offers %u models",
                                           n_models),
                              n_models);
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "studio-failed");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "studio-ok");
    }
  else
    {
      g_autofree char *details = studio_api_error_dup_details (error);

      text = details ? g_strdup_printf ("%s\n%s", error->message, details)
                     : g_strdup (error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "studio-ok");
      gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "studio-failed");
    }

  adw_action_row_set_subtitle (self->test_row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
on_test_cb (StudioPreferencesWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));

  studio_model_catalog_refresh_async (studio_context_get_catalog (self->context), TRUE,
                                      self->cancellable, studio_preferences_window_test_cb,
                                      g_object_ref (self));
}

/* The opposite case: these buttons' label properties, set in the template,
 * say what they act on, and GTK 4.8 would follow them with the child label
 * that the mnemonic names the button by ("Test Connection Test"). Their
 * label properties alone name them; the mnemonic still works.
 */
static void
name_by_label_property (GtkButton *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
name_after_tooltip_cb (GtkWidget  *widget,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

/* libadwaita 1.2 leaves the key row's button that shows the text with only
 * a tooltip, which it switches between "Show Text" and "Hide Text", so GTK
 * names it after its type; its name follows the tooltip.
 */
static void
name_icon_buttons (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      gtk_widget_get_tooltip_text (widget) != NULL)
    {
      g_signal_connect (widget, "notify::tooltip-text", G_CALLBACK (name_after_tooltip_cb), NULL);
      name_after_tooltip_cb (widget, NULL, NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_icon_buttons (child);
}

/* The window's own search entry is switched off (search-enabled is FALSE)
 * but GTK 4.8 still exports it, named after its type.
 */
static void
name_search_entries (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search Preferences"),
                                    -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_search_entries (child);
}

static void
studio_preferences_window_dispose (GObject *object)
{
  StudioPreferencesWindow *self = (StudioPreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_preferences_window_parent_class)->dispose (object);
}

/* What a new prices file holds: how to write one, and an entry to copy. */
static const char prices_template[] =
  "{\n"
  "  \"comment\": \"Your prices in US dollars per million tokens, tried before the built-in ones. "
  "Each entry has match (a regular expression tried on the model id), input and output.\",\n"
  "  \"prices\": [\n"
  "    {\n"
  "      \"match\": \"^example-model$\",\n"
  "      \"input\": 1.0,\n"
  "      \"output\": 4.0\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
show_prices_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !studio_api_error_is_cancelled (error))
    {
      g_autofree char *path = studio_prices_dup_user_path ();
      g_autofree char *text =
        g_strdup_printf (_("No app could open %s (%s). Edit it with any text editor."),
                         path, error->message);

      studio_preferences_window_toast (self, text);
    }
}

/* Opens the user's prices in their text editor, made from a template the
 * first time. The app reloads them when the file is saved.
 */
static void
on_edit_prices_cb (StudioPreferencesWindow *self)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      (g_mkdir_with_parents (dir, 0700) != 0 ||
       !g_file_set_contents_full (path, prices_template, -1,
                                  G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error)))
    {
      g_autofree char *text = g_strdup_printf (_("Could not create %s: %s"), path,
                                               error ? error->message : g_strerror (errno));

      studio_preferences_window_toast (self, text);
      return;
    }

  gtk_show_uri_full (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, self->cancellable,
                     show_prices_cb, g_object_ref (self));
}

static void
studio_preferences_window_constructed (GObject *object)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);
  static const char *client_properties[] = {
    "notify::base-url", "notify::organization", "notify::project",
  };

  G_OBJECT_CLASS (studio_preferences_window_parent_class)->constructed (object);

  self->connection = studio_context_get_connection (self->context);
  self->settings = studio_context_get_settings (self->context);

  g_signal_connect_object (self->connection, "notify::key-source",
                           G_CALLBACK (studio_preferences_window_update), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (client_properties); i++)
    g_signal_connect_object (studio_connection_get_client (self->connection), client_properties[i],
                             G_CALLBACK (studio_preferences_window_load_values), self,
                             G_CONNECT_SWAPPED);
  studio_preferences_window_load_values (self);
  studio_preferences_window_update (self);
}

static void
studio_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  StudioPreferencesWindow *self = STUDIO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_preferences_window_class_init (StudioPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_preferences_window_constructed;
  object_class->dispose = studio_preferences_window_dispose;
  object_class->get_property = studio_preferences_window_get_property;
  object_class->set_property = studio_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, key_group);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, remove_key_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, server_group);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, organization_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, project_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_organization_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_project_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, prices_row);
  gtk_widget_class_bind_template_child (widget_class, StudioPreferencesWindow, edit_prices_button);
  gtk_widget_class_bind_template_callback (widget_class, on_test_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_prices_cb);
}

static void
studio_preferences_window_init (StudioPreferencesWindow *self)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *shown = g_strdup (path);
  g_autofree char *subtitle = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  name_by_label_property (self->remove_key_button);
  name_by_label_property (self->test_button);
  name_by_label_property (self->edit_prices_button);
  name_icon_buttons (GTK_WIDGET (self->key_row));
  name_search_entries (GTK_WIDGET (self));

  if (g_str_has_prefix (path, g_get_home_dir ()))
    {
      g_free (shown);
      shown = g_strconcat ("~", path + strlen (g_get_home_dir ()), NULL);
    }
  subtitle = g_markup_printf_escaped (_("In %s, tried before the built-in prices. Saving the file applies them."), shown);
  adw_action_row_set_subtitle (self->prices_row, subtitle);
}

/**
 * studio_preferences_window_new:
 * @context: the app's services
 * @parent: (nullable): the window to stay above; its application keeps
 *   the new one
 *
 * Returns: (transfer none): a new preferences window, owned by GTK
 */
StudioPreferencesWindow *
studio_preferences_window_new (StudioContext *context,
                               GtkWindow     *parent)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (STUDIO_TYPE_PREFERENCES_WINDOW,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
