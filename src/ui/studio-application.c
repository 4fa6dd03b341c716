/* studio-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-application"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-application.h"
#include "studio-paths.h"
#include "studio-preferences-window.h"
#include "studio-ui.h"
#include "studio-window.h"

/* The app: one instance per session (a second launch, or a file opened from
 * the desktop, reaches this one over D-Bus). It makes the StudioContext
 * that every window and page is handed, and shows what the context reports
 * that needs a window: the history being off, prices that cannot be read.
 */
struct _StudioApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  StudioContext  *context;
};

G_DEFINE_FINAL_TYPE (StudioApplication, studio_application, ADW_TYPE_APPLICATION)

static void
studio_application_toast (StudioApplication *self,
                          const char        *text)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STUDIO_IS_WINDOW (window))
    studio_window_add_toast (STUDIO_WINDOW (window), text);
}

static StudioWindow *
studio_application_ensure_window (StudioApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!STUDIO_IS_WINDOW (window))
    window = GTK_WINDOW (studio_window_new (GTK_APPLICATION (self), self->context));

  return STUDIO_WINDOW (window);
}

static void
studio_application_activate (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  StudioWindow *window = studio_application_ensure_window (self);
  g_autoptr(GError) error = studio_context_take_history_error (self->context);

  gtk_window_present (GTK_WINDOW (window));

  /* Said once, and kept on screen until read: conversations are not being
   * saved this session.
   */
  if (error != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("History is off for this session: %s The file was left untouched."),
                         error->message);
      AdwToast *toast = studio_ui_toast_new (text);

      adw_toast_set_timeout (toast, 0);
      studio_window_show_toast (window, toast);
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
studio_application_prices_rejected_cb (StudioApplication *self,
                                       const GError      *error)
{
  g_autofree char *text =
    g_strdup_printf (_("Your prices could not be read, so the earlier ones stay in use: %s"),
                     error->message);

  studio_application_toast (self, text);
}

static void
studio_application_startup (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *history_path = studio_paths_dup_data_file ("history.db");

  G_APPLICATION_CLASS (studio_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  settings = g_settings_new (APP_ID);
  self->context = studio_context_new (settings, history_path);
  g_signal_connect_object (self->context, "prices-rejected",
                           G_CALLBACK (studio_application_prices_rejected_cb), self,
                           G_CONNECT_SWAPPED);
  studio_context_start (self->context);
}

static void
studio_application_shutdown (GApplication *app)
{
  StudioApplication *self = STUDIO_APPLICATION (app);

  studio_context_shutdown (self->context);

  G_APPLICATION_CLASS (studio_application_parent_class)->shutdown (app);
}

static void
studio_application_dispose (GObject *object)
{
  StudioApplication *self = (StudioApplication *) object;

  g_clear_object (&self->context);

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

/**
 * studio_application_get_context:
 *
 * Returns: (transfer none) (nullable): the app's services, once started
 */
StudioContext *
studio_application_get_context (StudioApplication *self)
{
  g_return_val_if_fail (STUDIO_IS_APPLICATION (self), NULL);

  return self->context;
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

  gtk_window_present (GTK_WINDOW (studio_preferences_window_new (self->context, parent)));
}
