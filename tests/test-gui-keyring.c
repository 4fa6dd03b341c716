/* test-gui-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application window in a session without any keyring: a D-Bus
 * session bus of the test's own, up before GTK connects to the bus, so that
 * both GTK and libsecret use it and no Secret Service can start there.
 */

#include "config.h"

#include <adwaita.h>

#include "studio-chat-page.h"
#include "studio-gui-utils.h"

static gboolean
keyring_error_shown (gpointer data)
{
  GtkWidget *page = studio_gui_find_widget (data, ADW_TYPE_STATUS_PAGE,
                                            "The Keyring Could Not Be Read");

  return page != NULL && gtk_widget_get_mapped (page);
}

static gboolean
is_not_looking_up (gpointer data)
{
  return !studio_connection_get_looking_up (data);
}

static gboolean
chat_shown (gpointer data)
{
  GtkWidget *chat = studio_gui_find_widget (data, STUDIO_TYPE_CHAT_PAGE, NULL);

  return chat != NULL && gtk_widget_get_mapped (chat);
}

static void
expect_keyring_missing (void)
{
  g_test_expect_message ("libsecret", G_LOG_LEVEL_INFO, "*org.freedesktop.secrets*");
  g_test_expect_message ("studio-connection", G_LOG_LEVEL_WARNING, "*org.freedesktop.secrets*");
}

/* No keyring in the session at all: the window says why the key could not
 * be read and offers Try Again and a key for the session, which works.
 */
static void
test_gui_keyring_missing (void)
{
  g_autoptr(StudioApplication) app = NULL;
  StudioConnection *connection;
  StudioWindow *window;
  GtkWidget *dialog;
  GtkWidget *entry;

  expect_keyring_missing ();
  window = studio_gui_start_app (&app);
  connection = studio_context_get_connection (studio_application_get_context (app));
  studio_gui_wait_for (keyring_error_shown, window);
  g_test_assert_expected_messages ();
  g_assert_nonnull (studio_connection_get_lookup_error (connection));
  g_assert_true (gtk_widget_get_visible (studio_gui_find_widget (GTK_WIDGET (window),
                                                                 GTK_TYPE_BUTTON,
                                                                 "_Try Again")));
  g_assert_true (gtk_widget_get_visible (studio_gui_find_widget (GTK_WIDGET (window),
                                                                 GTK_TYPE_BUTTON,
                                                                 "_Use a Key for This Session…")));
  studio_gui_wait_frames (GTK_WIDGET (window), 2);
  studio_gui_screenshot (GTK_WIDGET (window), "keyring-error.png");

  /* Try Again asks the keyring again, and says so meanwhile. */
  expect_keyring_missing ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-key-lookup", NULL);
  g_assert_true (studio_connection_get_looking_up (connection));
  g_assert_true (gtk_widget_get_mapped (studio_gui_find_widget (GTK_WIDGET (window),
                                                                ADW_TYPE_STATUS_PAGE,
                                                                "Reading the Keyring…")) ||
                 !gtk_widget_get_mapped (GTK_WIDGET (window)));
  studio_gui_wait_for (is_not_looking_up, connection);
  studio_gui_wait_for (keyring_error_shown, window);
  g_test_assert_expected_messages ();

  /* A key for the session only. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.session-key", NULL);
  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  entry = studio_gui_find_widget (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "API Key");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "use"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "sk-session-key");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "use"));
  studio_gui_wait_frames (dialog, 2);
  studio_gui_screenshot (dialog, "session-key.png");
  g_assert_true (gtk_widget_activate (studio_gui_find_widget (dialog, GTK_TYPE_BUTTON,
                                                              "_Use Key")));
  studio_gui_wait_for (chat_shown, window);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==,
                   STUDIO_KEY_SOURCE_SESSION);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  studio_gui_drain ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* A history of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-gui-keyring-XXXXXX");
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* Which GTestDBus unsets, so that D-Bus never autolaunches through X. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/gui/keyring-missing", test_gui_keyring_missing);

  status = g_test_run ();

  /* The app's bus connection outlives it: stop the bus, without waiting
   * for that connection as g_test_dbus_down() would.
   */
  g_dbus_connection_set_exit_on_close (g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL), FALSE);
  g_test_dbus_stop (bus);
  g_steal_pointer (&bus);

  return status;
}
