/* studio-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-application"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-application.h"
#include "studio-preferences-window.h"
#include "studio-prices.h"
#include "studio-ui.h"
#include "studio-utils.h"
#include "studio-window.h"

/* The app: one instance per session (a second launch, or a file opened from
 * the desktop, reaches this one over D-Bus), holding what every window
 * shares: settings, the connection with its HTTP client, the model list.
 */
struct _StudioApplication
{
  AdwApplication      parent_instance;

  /* Owned references */
  GSettings          *settings;
  StudioConnection   *connection;
  StudioModelCatalog *catalog;
  StudioHistory      *history;
  GError             *history_error;
  GCancellable       *cancellable;
  GFileMonitor       *prices_monitor;

  guint               refresh_source;
};

G_DEFINE_FINAL_TYPE (StudioApplication, studio_application, ADW_TYPE_APPLICATION)

enum {
  PRICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static StudioWindow *
studio_application_ensure_window (StudioApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (studio_window_new (self));

  return STUDIO_WINDOW (window);
}

static void
studio_application_activate (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  StudioWindow *window = studio_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));

  /* Said once, and kept on screen until read: conversations are not being
   * saved this session.
   */
  if (self->history_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("History is off for this session: %s The file was left untouched."),
                                               self->history_error->message);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      studio_window_show_toast (window, toast);
      g_clear_error (&self->history_error);
    }
}

static void
studio_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  StudioWindow *window = studio_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  studio_window_open_files (window, files, n_files);
}

static void
studio_application_refresh_models_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_model_catalog_refresh_finish (STUDIO_MODEL_CATALOG (object), result, &error) &&
      !studio_api_error_is_cancelled (error))
    g_message ("Could not load the model list: %s", error->message);
}

static gboolean
studio_application_refresh_models (gpointer user_data)
{
  StudioApplication *self = user_data;
  StudioConnection *connection = self->connection;

  self->refresh_source = 0;

  if (studio_connection_get_key_source (connection) == STUDIO_KEY_SOURCE_NONE &&
      !studio_uri_is_loopback (studio_client_get_base_url (studio_connection_get_client (connection))))
    return G_SOURCE_REMOVE;

  studio_model_catalog_refresh_async (self->catalog, TRUE, self->cancellable,
                                      studio_application_refresh_models_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* The key, or whether it is known yet, changed: the model list may have
 * too. Several changes at once make one request.
 */
static void
studio_application_key_changed_cb (StudioApplication *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (studio_application_refresh_models, self);
}

/* The user edited their prices: costs are shown with the new ones, or, if
 * the file cannot be read, with the old ones and a message saying why.
 */
static void
studio_application_prices_changed_cb (StudioApplication *self,
                                      GFile             *file,
                                      GFile             *other_file,
                                      GFileMonitorEvent  event)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  /* A file being written says so as it goes; wait for the end. */
  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  if (studio_prices_reload_default (&error))
    {
      g_signal_emit (self, signals[PRICES_CHANGED], 0);
      return;
    }

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (self))) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Your prices could not be read, so the earlier ones stay in use: %s"),
                                               error->message);

      studio_window_add_toast (STUDIO_WINDOW (window), text);
    }
}

/* A history file that cannot be used is never replaced: the app runs with
 * one in memory and says so.
 */
static StudioHistory *
studio_application_open_history (GError **error)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "openai-studio", "history.db", NULL);
  StudioHistory *history = studio_history_new (path, error);

  if (history == NULL)
    {
      g_message ("Could not open %s: %s", path, (*error)->message);
      history = studio_history_new_in_memory ();
    }

  return history;
}

static void
studio_application_startup (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  G_APPLICATION_CLASS (studio_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  self->history = studio_application_open_history (&self->history_error);
  self->connection = studio_connection_new (self->settings);
  self->catalog = studio_model_catalog_new (studio_connection_get_client (self->connection));
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->connection, "notify::key-source",
                           G_CALLBACK (studio_application_key_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::ready",
                           G_CALLBACK (studio_application_key_changed_cb), self,
                           G_CONNECT_SWAPPED);
  studio_connection_load_key_async (self->connection, self->cancellable, NULL, NULL);

  {
    g_autofree char *path = studio_prices_dup_user_path ();
    g_autoptr(GFile) file = g_file_new_for_path (path);

    self->prices_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
    if (self->prices_monitor != NULL)
      g_signal_connect_object (self->prices_monitor, "changed",
                               G_CALLBACK (studio_application_prices_changed_cb), self, G_CONNECT_SWAPPED);
  }
}

static void
studio_application_shutdown (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  G_APPLICATION_CLASS (studio_application_parent_class)->shutdown (app);
}

static void
studio_application_dispose (GObject *object)
{
  StudioApplication *self = (StudioApplication *) object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->history);
  g_clear_error (&self->history_error);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->prices_monitor);

  G_OBJECT_CLASS (studio_application_parent_class)->dispose (object);
}

static void
studio_application_class_init (StudioApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = studio_application_dispose;

  studio_ui_init ();

  app_class->activate = studio_application_activate;
  app_class->open = studio_application_open;
  app_class->startup = studio_application_startup;
  app_class->shutdown = studio_application_shutdown;

  /**
   * StudioApplication::prices-changed:
   *
   * The user's prices were edited and are in use.
   */
  signals[PRICES_CHANGED] =
    g_signal_new ("prices-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
studio_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  StudioApplication *self = user_data;
  static const char *developers[] = { "The OpenAI Studio authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("OpenAI Studio"),
                        "application-icon", APP_ID,
                        "developer-name", _("The OpenAI Studio authors"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("A fast, private desktop client for the OpenAI API and compatible servers."),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
studio_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  studio_application_show_preferences (user_data);
}

static void
studio_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  StudioApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window lets it save its size and state first. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", studio_application_about_action },
  { "preferences", studio_application_preferences_action },
  { "quit", studio_application_quit_action },
};

static void
studio_application_init (StudioApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}

StudioApplication *
studio_application_new (void)
{
  return g_object_new (STUDIO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
studio_application_get_settings (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->settings;
}

StudioConnection *
studio_application_get_connection (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->connection;
}

/**
 * studio_application_get_history:
 *
 * Returns: (transfer none): the conversation history
 */
StudioHistory *
studio_application_get_history (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->history;
}

StudioModelCatalog *
studio_application_get_catalog (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->catalog;
}

/**
 * studio_application_show_preferences:
 *
 * Opens Preferences over the active window, or raises them if open.
 */
void
studio_application_show_preferences (StudioApplication *self)
{
  GtkWindow *parent;

  g_return_if_fail (STUDIO_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (STUDIO_IS_PREFERENCES_WINDOW (l->data))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  gtk_window_present (GTK_WINDOW (studio_preferences_window_new (self, parent)));
}
