/* test-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application window under Xvfb, talking to the fake server. With
 * STUDIO_SCREENSHOT_DIR set, each step also saves a PNG of what it shows.
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "studio-application.h"
#include "studio-chat-page.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-model-picker.h"
#include "studio-preferences-window.h"
#include "studio-window.h"

static gboolean
catalog_loaded (gpointer data)
{
  return studio_model_catalog_get_loaded (data);
}

static gboolean
test_row_done (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle && (g_str_has_prefix (subtitle, "Connected") || gtk_widget_has_css_class (data, "studio-failed"));
}


static void
test_gui_workspaces (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioApplication) app = NULL;
  static const char *names[] = { "chat", "images", "transcribe", "speech" };
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
    0, 0, 0, 13, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4,
    0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
  };
  static const guint8 text[] = "just words";
  g_autoptr(GFile) image = studio_gui_write_temp ("studio-test-photo.png", png, sizeof png);
  g_autoptr(GFile) note = studio_gui_write_temp ("studio-test-note.txt", text, sizeof text);
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  GFile *files[] = { image, note, folder };
  StudioModelCatalog *catalog;
  StudioWindow *window;
  GtkWidget *picker;
  GtkWidget *welcome;
  GtkWindow *preferences = NULL;
  GtkWidget *test_row;

  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-gui-0000", TRUE);

  window = studio_gui_start_app (&app);
  catalog = studio_context_get_catalog (studio_application_get_context (app));
  studio_gui_wait_for (catalog_loaded, catalog);
  studio_gui_wait_frames (GTK_WIDGET (window), 2);

  welcome = studio_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to OpenAI Studio");
  g_assert_false (gtk_widget_get_mapped (welcome));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shot = g_strdup_printf ("workspace-%s.png", names[i]);

      studio_window_set_workspace (window, names[i]);
      studio_gui_wait_frames (GTK_WIDGET (window), 2);
      g_assert_cmpstr (studio_window_get_workspace (window), ==, names[i]);
      studio_gui_screenshot (GTK_WIDGET (window), shot);
    }

  /* Each workspace lists the models of its kind from the server. */
  studio_window_set_workspace (window, "chat");
  picker = studio_gui_find_widget (GTK_WIDGET (window), STUDIO_TYPE_MODEL_PICKER, NULL);
  g_assert_nonnull (picker);
  g_assert_cmpuint (studio_model_picker_get_n_models (STUDIO_MODEL_PICKER (picker)), >, 10);

  /* A reply as a user sees it: the software centre's screenshot. */
  {
    static const char *chunks[] = {
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Open the file in a `with` block and loop over it: Python reads one line at a time, so even a large file never has to fit in memory.\\n\\n\"}}]}\n\n",
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"```python\\nwith open(\\\"notes.txt\\\", encoding=\\\"utf-8\\\") as f:\\n    for number, line in enumerate(f, start=1):\\n        print(number, line.rstrip())\\n```\\n\\n\"}}]}\n\n",
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"- **`rstrip()`** drops the line break at the end of each line.\\n- **`encoding`** avoids surprises with accented letters.\"},\"finish_reason\":\"stop\"}]}\n\n",
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":74,\"total_tokens\":92}}\n\n",
      "data: [DONE]\n\n",
      NULL
    };
    GtkWidget *chat = studio_gui_find_widget (GTK_WIDGET (window), STUDIO_TYPE_CHAT_PAGE, NULL);
    GtkWidget *frame = studio_gui_find_by_class (chat, "studio-composer");
    GtkTextView *composer = GTK_TEXT_VIEW (studio_gui_find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL));

    studio_model_picker_select_id (STUDIO_MODEL_PICKER (picker), "gpt-4o");
    studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 10, FALSE);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer),
                              "How do I read a file line by line in Python?", -1);
    g_assert_true (gtk_widget_activate_action (chat, "chat.send", NULL));
    /* The usage line comes last, once the reply is whole. */
    while (studio_gui_find_label_prefix (chat, "18 in") == NULL)
      g_main_context_iteration (NULL, TRUE);
    studio_gui_wait_frames (GTK_WIDGET (window), 3);
    studio_gui_screenshot (GTK_WIDGET (window), "appstream-chat.png");
  }

  /* Files from the desktop: the image becomes an attachment, the rest is
   * refused with a toast, and nothing critical is logged.
   */
  studio_window_set_workspace (window, "speech");
  studio_window_open_files (window, files, G_N_ELEMENTS (files));
  g_assert_cmpstr (studio_window_get_workspace (window), ==, "chat");
  g_assert_nonnull (studio_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "studio-test-photo.png"));
  studio_gui_screenshot (GTK_WIDGET (window), "open-files.png");

  /* Preferences show the environment's override and test the connection. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (STUDIO_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_assert_nonnull (preferences);

  g_signal_emit_by_name (studio_gui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Test"), "clicked");
  test_row = studio_gui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Test Connection");
  studio_gui_wait_for (test_row_done, test_row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)),
                                   "Connected: the server offers"));
  studio_gui_screenshot (GTK_WIDGET (preferences), "preferences.png");

  /* The Costs page says where the user's prices live. */
  {
    GtkWidget *prices = studio_gui_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Your Prices");

    g_assert_nonnull (prices);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (prices)), "prices.json"));
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "costs");
    studio_gui_screenshot (GTK_WIDGET (preferences), "preferences-costs.png");
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "connection");
  }

  /* A failing server is reported with its reason. */
  studio_fake_server_push (server, "/v1/models", 401, "application/json",
                           "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                           NULL);
  g_signal_emit_by_name (studio_gui_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Test"), "clicked");
  studio_gui_wait_for (test_row_done, test_row);
  g_assert_true (gtk_widget_has_css_class (test_row, "studio-failed"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)), "Incorrect API key provided"));
  studio_gui_screenshot (GTK_WIDGET (preferences), "preferences-error.png");

  gtk_window_close (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  studio_gui_drain ();
  g_file_delete (image, NULL, NULL);
  g_file_delete (note, NULL, NULL);
}

/* A history file that is not a database is left as it is: the app says
 * so and keeps going with a history in memory, so chatting still works.
 */
static void
test_gui_damaged_history_run (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioApplication) app = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "openai-studio", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autofree char *after = NULL;
  static const char damage[] = "This is not an SQLite database, and it must stay exactly like this.";
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Still here.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  StudioWindow *window;
  GtkWidget *chat;
  GtkWidget *notice;

  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-gui-0000", TRUE);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, damage, -1, NULL));

  window = studio_gui_start_app (&app);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (studio_application_get_context (app)));
  studio_window_set_workspace (window, "chat");

  notice = studio_gui_find_label_prefix (GTK_WIDGET (window), "History is off for this session");
  g_assert_nonnull (notice);
  studio_gui_screenshot (GTK_WIDGET (window), "damaged-history.png");

  chat = studio_gui_find_widget (GTK_WIDGET (window), STUDIO_TYPE_CHAT_PAGE, NULL);
  studio_model_picker_select_id (STUDIO_MODEL_PICKER (studio_gui_find_widget (chat, STUDIO_TYPE_MODEL_PICKER, NULL)), "gpt-4o");
  studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 10, FALSE);
  {
    GtkWidget *frame = studio_gui_find_by_class (chat, "studio-composer");
    GtkTextView *composer = GTK_TEXT_VIEW (studio_gui_find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL));

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Are you there?", -1);
    g_assert_true (gtk_widget_activate_action (chat, "chat.send", NULL));
  }
  while (studio_gui_find_label_prefix (chat, "Still here.") == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  studio_gui_drain ();
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, damage);
}

static void
test_gui_damaged_history (void)
{
  if (g_test_subprocess ())
    {
      test_gui_damaged_history_run ();
      return;
    }

  /* Generous: under the sanitizers, on two busy cores, a start is slow. */
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_gui_welcome (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(StudioApplication) app = NULL;
      StudioWindow *window;
      GtkWidget *welcome;

      /* No key anywhere: the welcome page shows. The keyring of this
       * private session holds none for the default URL.
       */
      window = studio_gui_start_app (&app);
      welcome = studio_gui_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to OpenAI Studio");
      studio_gui_wait_for ((StudioCheckFunc) gtk_widget_get_mapped, welcome);
      g_assert_true (studio_connection_get_ready (studio_context_get_connection (studio_application_get_context (app))));
      studio_gui_screenshot (GTK_WIDGET (window), "appstream-welcome.png");

      g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
      studio_gui_drain ();
      return;
    }

  /* Generous: under the sanitizers, on two busy cores, a start is slow. */
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* A history of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-gui-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/gui/welcome", test_gui_welcome);
  g_test_add_func ("/studio/gui/workspaces", test_gui_workspaces);
  /* Last: it damages the history the others use. */
  g_test_add_func ("/studio/gui/damaged-history", test_gui_damaged_history);

  return g_test_run ();
}
