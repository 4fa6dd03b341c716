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
#include "studio-model-picker.h"
#include "studio-preferences-window.h"
#include "studio-window.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_for (gboolean (*check) (gpointer), gpointer data)
{
  while (!check (data))
    g_main_context_iteration (NULL, TRUE);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("STUDIO_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;

  spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (title == NULL)
        return root;
      if (ADW_IS_PREFERENCES_ROW (root))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (ADW_IS_STATUS_PAGE (root))
        text = adw_status_page_get_title (ADW_STATUS_PAGE (root));
      if (g_strcmp0 (text, title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_by_class (GtkWidget  *root,
               const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_prefix (child, prefix);

      if (found)
        return found;
    }

  return NULL;
}

/* Every button a person can reach has a name a screen reader can say. */
static void
assert_buttons_named (GtkWidget *root)
{
  /* GTK and libadwaita name the buttons of their own composite widgets. */
  if (GTK_IS_WINDOW_CONTROLS (root) || ADW_IS_VIEW_SWITCHER (root) || GTK_IS_SPIN_BUTTON (root) ||
      GTK_IS_DROP_DOWN (root))
    return;

  if ((GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root)) && gtk_widget_get_visible (root))
    {
      const char *label = GTK_IS_BUTTON (root) ? gtk_button_get_label (GTK_BUTTON (root))
                                               : gtk_menu_button_get_label (GTK_MENU_BUTTON (root));
      const char *tooltip = gtk_widget_get_tooltip_text (root);

      if (label == NULL && tooltip == NULL && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (root)))
        g_error ("Unnamed %s in %s", G_OBJECT_TYPE_NAME (root),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    assert_buttons_named (child);
}

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

static GFile *
write_temp (const char   *name,
            const guint8 *data,
            gsize         length)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (g_file_replace_contents (file, (const char *) data, length, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  return file;
}

static StudioWindow *
start_app (StudioApplication **app_out)
{
  StudioApplication *app = studio_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (STUDIO_IS_WINDOW (window));
  *app_out = app;

  return STUDIO_WINDOW (window);
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
  g_autoptr(GFile) image = write_temp ("studio-test-photo.png", png, sizeof png);
  g_autoptr(GFile) note = write_temp ("studio-test-note.txt", text, sizeof text);
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

  window = start_app (&app);
  catalog = studio_context_get_catalog (studio_application_get_context (app));
  wait_for (catalog_loaded, catalog);
  spin (200);

  welcome = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to OpenAI Studio");
  g_assert_false (gtk_widget_get_mapped (welcome));
  assert_buttons_named (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shot = g_strdup_printf ("workspace-%s.png", names[i]);

      studio_window_set_workspace (window, names[i]);
      spin (100);
      g_assert_cmpstr (studio_window_get_workspace (window), ==, names[i]);
      screenshot (GTK_WIDGET (window), shot);
    }

  /* Each workspace lists the models of its kind from the server. */
  studio_window_set_workspace (window, "chat");
  spin (100);
  picker = find_widget (GTK_WIDGET (window), STUDIO_TYPE_MODEL_PICKER, NULL);
  g_assert_nonnull (picker);
  g_assert_cmpuint (studio_model_picker_get_n_models (STUDIO_MODEL_PICKER (picker)), >, 10);

  /* Files from the desktop: the image becomes an attachment, the rest is
   * refused with a toast, and nothing critical is logged.
   */
  studio_window_set_workspace (window, "speech");
  studio_window_open_files (window, files, G_N_ELEMENTS (files));
  spin (200);
  g_assert_cmpstr (studio_window_get_workspace (window), ==, "chat");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "studio-test-photo.png"));
  screenshot (GTK_WIDGET (window), "open-files.png");

  /* Preferences show the environment's override and test the connection. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  spin (200);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (STUDIO_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  g_assert_nonnull (preferences);
  assert_buttons_named (GTK_WIDGET (preferences));

  g_signal_emit_by_name (find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Test"), "clicked");
  test_row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Test Connection");
  wait_for (test_row_done, test_row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)),
                                   "Connected: the server offers"));
  screenshot (GTK_WIDGET (preferences), "preferences.png");

  /* The Costs page says where the user's prices live. */
  {
    GtkWidget *prices = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Your Prices");

    g_assert_nonnull (prices);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (prices)), "prices.json"));
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "costs");
    spin (100);
    screenshot (GTK_WIDGET (preferences), "preferences-costs.png");
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "connection");
  }

  /* A failing server is reported with its reason. */
  studio_fake_server_push (server, "/v1/models", 401, "application/json",
                           "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                           NULL);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "_Test"), "clicked");
  wait_for (test_row_done, test_row);
  g_assert_true (gtk_widget_has_css_class (test_row, "studio-failed"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)), "Incorrect API key provided"));
  screenshot (GTK_WIDGET (preferences), "preferences-error.png");

  gtk_window_close (preferences);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
  g_file_delete (image, NULL, NULL);
  g_file_delete (note, NULL, NULL);
}

static gboolean
reply_finished (gpointer data)
{
  StudioMessage *reply = data;

  return studio_message_get_state (reply) != STUDIO_MESSAGE_STATE_STREAMING;
}

static StudioMessage *
last_message (GtkWidget *chat)
{
  GtkListView *list = GTK_LIST_VIEW (find_by_class (chat, "studio-messages"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  guint n_items = g_list_model_get_n_items (model);

  return n_items ? g_list_model_get_item (model, n_items - 1) : NULL;
}

static gboolean
has_reply (gpointer data)
{
  g_autoptr(StudioMessage) message = last_message (data);

  return message != NULL && g_strcmp0 (studio_message_get_role (message), "assistant") == 0;
}

static gboolean
reply_has_text (gpointer data)
{
  g_autoptr(StudioMessage) message = last_message (data);

  return message != NULL && *studio_message_get_content (message) != '\0';
}

static void
type_and_send (GtkWidget  *chat,
               const char *text)
{
  GtkWidget *frame = find_by_class (chat, "studio-composer");
  GtkTextView *composer = GTK_TEXT_VIEW (find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), text, -1);
  g_assert_true (gtk_widget_activate_action (chat, "chat.send", NULL));
}

static void
test_gui_chat_run (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioApplication) app = NULL;
  static const char *chunks[] = {
    "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"# Answer\\n\\nHere is **bold** and code:\\n\\n\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"```c\\nint main (void) { return 0; }\\n```\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":30,\"total_tokens\":39}}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  static const char *endless[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"This will be stopped\"}}]}\n\n",
    NULL
  };
  StudioModelCatalog *catalog;
  StudioWindow *window;
  GtkWidget *chat;
  StudioFakeRequest *request;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) conversations = NULL;

  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-gui-0000", TRUE);

  /* A draft left by the last session is back in the composer. */
  {
    g_autofree char *config = g_build_filename (g_get_user_config_dir (), "openai-studio", NULL);
    g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "openai-studio", NULL);
    g_autofree char *path = g_build_filename (dir, "draft.txt", NULL);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (path, "Left from last time", -1, NULL));
    g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  }

  window = start_app (&app);
  catalog = studio_context_get_catalog (studio_application_get_context (app));
  wait_for (catalog_loaded, catalog);
  studio_window_set_workspace (window, "chat");
  spin (200);
  chat = find_widget (GTK_WIDGET (window), STUDIO_TYPE_CHAT_PAGE, NULL);
  {
    GtkWidget *frame = find_by_class (chat, "studio-composer");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL)));
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Left from last time");
    gtk_text_buffer_set_text (buffer, "", -1);
  }
  studio_model_picker_select_id (STUDIO_MODEL_PICKER (find_widget (chat, STUDIO_TYPE_MODEL_PICKER, NULL)), "gpt-4o");

  /* Blank prompts cannot be sent. */
  spin (50);
  g_assert_false (gtk_widget_activate_action (chat, "chat.send", NULL) &&
                  studio_fake_server_count (server, "/v1/chat/completions") > 0);

  studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 20, FALSE);
  type_and_send (chat, "Show me some Markdown");
  wait_for (has_reply, chat);
  reply = last_message (chat);
  wait_for (reply_finished, reply);
  spin (300);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_true (g_str_has_prefix (studio_message_get_content (reply), "# Answer"));
  request = studio_fake_server_last (server, "/v1/chat/completions");
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Show me some Markdown"));
  screenshot (GTK_WIDGET (window), "chat-reply.png");

  /* Prices the user saves apply at once, to the total and each reply. */
  {
    g_autofree char *path = g_build_filename (g_get_user_config_dir (), "openai-studio", "prices.json", NULL);
    GtkWidget *total = find_label_prefix (chat, "39 tokens");

    g_assert_nonnull (total);
    g_assert_true (g_file_set_contents (path, "{\"prices\":[{\"match\":\"^gpt-4o$\",\"input\":1000000,\"output\":1000000}]}",
                                        -1, NULL));
    while (strstr (gtk_label_get_label (GTK_LABEL (total)), "$39.0000") == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (find_label_prefix (chat, "9 in · 30 out tokens · about $39.0000"));
  }

  /* It was saved. */
  conversations = studio_history_list_conversations (studio_context_get_history (studio_application_get_context (app)), NULL);
  g_assert_cmpuint (conversations->len, ==, 1);
  g_assert_cmpstr (studio_conversation_get_title (g_ptr_array_index (conversations, 0)), ==, "Show me some Markdown");
  stored = studio_history_load_messages (studio_context_get_history (studio_application_get_context (app)),
                                         studio_conversation_get_id (g_ptr_array_index (conversations, 0)), NULL);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (studio_message_get_content (g_ptr_array_index (stored, 1)), ==, studio_message_get_content (reply));
  g_clear_object (&reply);

  /* Stop mid-stream keeps the partial reply, marked as stopped. */
  studio_fake_server_push_stream (server, "/v1/chat/completions", endless, 20, TRUE);
  type_and_send (chat, "Tell me a long story");
  wait_for (has_reply, chat);
  wait_for (reply_has_text, chat);
  g_assert_true (gtk_widget_activate_action (chat, "chat.stop", NULL));
  reply = last_message (chat);
  wait_for (reply_finished, reply);
  spin (200);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "This will be stopped");
  {
    GtkWidget *status = find_label_prefix (chat, "Stopped.");
    GtkWidget *list = find_by_class (chat, "studio-messages");
    graphene_rect_t bounds;

    g_assert_nonnull (status);
    g_assert_true (gtk_widget_get_visible (status));
    /* The view follows the reply to its very end, status line included. */
    while (!gtk_widget_compute_bounds (status, list, &bounds) ||
           bounds.origin.y + bounds.size.height > gtk_widget_get_height (list))
      g_main_context_iteration (NULL, TRUE);
  }
  screenshot (GTK_WIDGET (window), "chat-stopped.png");

  /* Two conversations stream at once: the first keeps streaming while
   * the second is asked and answered, and is still there to stop.
   */
  {
    g_autoptr(StudioMessage) first = NULL;
    g_autoptr(StudioMessage) second = NULL;
    g_autoptr(StudioMessage) shown = NULL;
    GtkWidget *row;

    gtk_widget_activate_action (chat, "chat.new-conversation", NULL);
    studio_fake_server_push_stream (server, "/v1/chat/completions", endless, 20, TRUE);
    type_and_send (chat, "First of two");
    wait_for (has_reply, chat);
    wait_for (reply_has_text, chat);
    first = last_message (chat);

    gtk_widget_activate_action (chat, "chat.new-conversation", NULL);
    studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 20, FALSE);
    type_and_send (chat, "Second of two");
    wait_for (has_reply, chat);
    second = last_message (chat);
    g_assert_true (second != first);
    wait_for (reply_finished, second);
    g_assert_cmpint (studio_message_get_state (second), ==, STUDIO_MESSAGE_STATE_COMPLETE);
    g_assert_cmpint (studio_message_get_state (first), ==, STUDIO_MESSAGE_STATE_STREAMING);

    /* Back in the first, its live reply shows and can be stopped. */
    for (row = gtk_widget_get_first_child (find_by_class (chat, "studio-conversations"));
         row != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (row)))),
                                   "First of two") != 0;
         row = gtk_widget_get_next_sibling (row))
      ;
    g_assert_nonnull (row);
    g_signal_emit_by_name (find_by_class (chat, "studio-conversations"), "row-activated", row);
    spin (100);
    shown = last_message (chat);
    g_assert_true (shown == first);
    g_assert_true (gtk_widget_activate_action (chat, "chat.stop", NULL));
    wait_for (reply_finished, first);
    g_assert_cmpint (studio_message_get_state (first), ==, STUDIO_MESSAGE_STATE_STOPPED);
  }

  /* A 100,000-character paste is sent whole, and its message shows. */
  {
    g_autoptr(GString) paste = g_string_new (NULL);
    g_autoptr(StudioMessage) question = NULL;
    GListModel *shown;

    gtk_widget_activate_action (chat, "chat.new-conversation", NULL);
    for (guint i = 0; paste->len < 100000; i++)
      g_string_append_printf (paste, "Line %u of a long pasted log, with some words to wrap.%s", i,
                              i % 10 == 9 ? "\n\n" : "\n");
    studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 20, FALSE);
    type_and_send (chat, paste->str);
    wait_for (has_reply, chat);
    g_clear_object (&reply);
    reply = last_message (chat);
    wait_for (reply_finished, reply);
    spin (200);
    request = studio_fake_server_last (server, "/v1/chat/completions");
    g_assert_cmpuint (g_bytes_get_size (request->body), >, paste->len);
    g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Line 1000 of a long pasted log"));
    shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find_by_class (chat, "studio-messages"))));
    question = g_list_model_get_item (shown, g_list_model_get_n_items (shown) - 2);
    /* Compared whole but not printed: a failure would flood the log. */
    g_assert_true (g_str_equal (studio_message_get_content (question), g_strchomp (paste->str)));
  }

  /* Search finds the first question and opens its conversation. */
  {
    GtkWidget *entry = find_by_class (chat, "studio-search");
    GtkWidget *results = find_by_class (chat, "studio-search-results");
    GtkWidget *row = NULL;

    gtk_editable_set_text (GTK_EDITABLE (entry), "markdown");
    while ((row = gtk_widget_get_first_child (results)) == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (ADW_IS_ACTION_ROW (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Show me some Markdown");
    /* The row gives back the text its markup made: no tags, no escapes. */
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Show me some Markdown");
    g_signal_emit_by_name (results, "row-activated", row);
    spin (300);
    screenshot (GTK_WIDGET (window), "chat-search.png");
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    spin (100);
  }

  /* A long conversation opens on its latest messages and pages in earlier
   * ones when the reader scrolls past the top.
   */
  {
    StudioHistory *history = studio_context_get_history (studio_application_get_context (app));
    g_autoptr(StudioConversation) long_one = studio_conversation_new ();
    GtkWidget *entry = find_by_class (chat, "studio-search");
    GtkWidget *results = find_by_class (chat, "studio-search-results");
    GtkListView *list = GTK_LIST_VIEW (find_by_class (chat, "studio-messages"));
    GtkWidget *row;
    guint shown;

    studio_conversation_set_title (long_one, "Long one");
    g_assert_true (studio_history_save_conversation (history, long_one, NULL));
    for (guint i = 0; i < 60; i++)
      {
        g_autofree char *text = g_strdup_printf (i == 59 ? "zebra %u" : "line %u", i);
        g_autoptr(StudioMessage) message = studio_message_new (i % 2 ? "assistant" : "user", text);

        g_assert_true (studio_history_save_message (history, studio_conversation_get_id (long_one), message, NULL));
      }

    studio_chat_page_reload (STUDIO_CHAT_PAGE (chat));
    gtk_editable_set_text (GTK_EDITABLE (entry), "zebra");
    while ((row = gtk_widget_get_first_child (results)) == NULL ||
           g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Long one") != 0)
      g_main_context_iteration (NULL, TRUE);
    g_signal_emit_by_name (results, "row-activated", row);
    while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == 0 ||
           g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) > 60)
      g_main_context_iteration (NULL, TRUE);
    spin (200);

    shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
    g_assert_cmpuint (shown, <, 60);
    g_signal_emit_by_name (find_by_class (chat, "studio-messages-scroller"), "edge-overshot", GTK_POS_TOP);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), >, shown);

    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    spin (100);

    /* Opened from the sidebar, its latest messages show first and the rest
     * loads after; scrolling up then reaches the very first message.
     */
    for (row = gtk_widget_get_first_child (find_by_class (chat, "studio-conversations"));
         row != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (gtk_widget_get_first_child (row)))),
                                   "Long one") != 0;
         row = gtk_widget_get_next_sibling (row))
      ;
    g_assert_nonnull (row);
    g_signal_emit_by_name (find_by_class (chat, "studio-conversations"), "row-activated", row);
    while ((shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)))) == 0)
      g_main_context_iteration (NULL, TRUE);
    spin (100);
    shown = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
    g_assert_cmpuint (shown, <, 60);
    /* Scrolling past the top brings more, once they are loaded. */
    while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) < 60)
      {
        g_signal_emit_by_name (find_by_class (chat, "studio-messages-scroller"), "edge-overshot", GTK_POS_TOP);
        g_main_context_iteration (NULL, TRUE);
      }
    {
      g_autoptr(StudioMessage) first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), 0);

      g_assert_cmpstr (studio_message_get_content (first), ==, "line 0");
    }
  }

  /* Dropped audio is transcribed and its text goes with the next message. */
  {
    static const guint8 wav[] = "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data\0\0\0\0";
    g_autoptr(GFile) audio = write_temp ("studio-test-memo.wav", wav, sizeof wav - 1);
    static const char *answer[] = {
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"You should buy milk.\"},\"finish_reason\":\"stop\"}]}\n\n",
      "data: [DONE]\n\n",
      NULL
    };
    StudioFakeRequest *transcription;

    studio_fake_server_push (server, "/v1/audio/transcriptions", 200, "application/json",
                             "{\"text\":\"Remember to buy milk\"}", NULL);
    studio_fake_server_push_stream (server, "/v1/chat/completions", answer, 10, FALSE);
    studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (chat), audio);
    while (studio_fake_server_count (server, "/v1/audio/transcriptions") == 0)
      g_main_context_iteration (NULL, TRUE);
    spin (300);
    transcription = studio_fake_server_last (server, "/v1/audio/transcriptions");
    g_assert_nonnull (memmem (g_bytes_get_data (transcription->body, NULL),
                              g_bytes_get_size (transcription->body), "name=\"model\"", 12));
    /* The composer's file list said how it went. */
    {
      GtkWidget *row = find_widget (chat, ADW_TYPE_ACTION_ROW, "studio-test-memo.wav");

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       "Transcribed: the text goes with your message");
      screenshot (GTK_WIDGET (window), "chat-audio.png");
    }

    g_clear_object (&reply);
    type_and_send (chat, "What did I say?");
    spin (100);
    reply = last_message (chat);
    wait_for (reply_finished, reply);
    request = studio_fake_server_last (server, "/v1/chat/completions");
    g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Remember to buy milk"));
    g_file_delete (audio, NULL, NULL);
  }

  /* The settings show the parameters the model's family takes. */
  {
    GtkWidget *settings = find_widget (chat, GTK_TYPE_MENU_BUTTON, NULL);
    GtkPopover *popover;

    while (settings && g_strcmp0 (gtk_widget_get_tooltip_text (settings), "System Prompt and Parameters") != 0)
      settings = gtk_widget_get_next_sibling (settings);
    g_assert_nonnull (settings);
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (settings));
    gtk_menu_button_popup (GTK_MENU_BUTTON (settings));
    spin (300);
    g_assert_nonnull (find_widget (GTK_WIDGET (popover), ADW_TYPE_ACTION_ROW, "Temperature"));
    g_assert_null (find_widget (GTK_WIDGET (popover), ADW_TYPE_ACTION_ROW, "Reasoning Effort"));
    screenshot (GTK_WIDGET (popover), "chat-parameters.png");
    gtk_popover_popdown (popover);
  }

  /* What is being written when the app quits is kept for next time. */
  {
    GtkWidget *frame = find_by_class (chat, "studio-composer");
    GtkTextView *composer = GTK_TEXT_VIEW (find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL));
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "openai-studio", "draft.txt", NULL);
    g_autofree char *kept = NULL;

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Half-written question", -1);
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
    spin (100);
    g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "Half-written question");
  }
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
  g_autoptr(StudioMessage) reply = NULL;
  StudioWindow *window;
  GtkWidget *chat;
  GtkWidget *notice;

  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-gui-0000", TRUE);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, damage, -1, NULL));

  window = start_app (&app);
  wait_for (catalog_loaded, studio_context_get_catalog (studio_application_get_context (app)));
  studio_window_set_workspace (window, "chat");
  spin (200);

  notice = find_label_prefix (GTK_WIDGET (window), "History is off for this session");
  g_assert_nonnull (notice);
  screenshot (GTK_WIDGET (window), "damaged-history.png");

  chat = find_widget (GTK_WIDGET (window), STUDIO_TYPE_CHAT_PAGE, NULL);
  studio_model_picker_select_id (STUDIO_MODEL_PICKER (find_widget (chat, STUDIO_TYPE_MODEL_PICKER, NULL)), "gpt-4o");
  studio_fake_server_push_stream (server, "/v1/chat/completions", chunks, 10, FALSE);
  type_and_send (chat, "Are you there?");
  wait_for (has_reply, chat);
  reply = last_message (chat);
  wait_for (reply_finished, reply);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Still here.");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  spin (100);
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

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Each app gets a process of its own: GApplication registers once. */
static void
test_gui_chat (void)
{
  if (g_test_subprocess ())
    {
      test_gui_chat_run ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
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
      window = start_app (&app);
      while (!studio_connection_get_ready (studio_context_get_connection (studio_application_get_context (app))))
        g_main_context_iteration (NULL, TRUE);
      spin (300);

      welcome = find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, "Welcome to OpenAI Studio");
      g_assert_true (gtk_widget_get_mapped (welcome));
      assert_buttons_named (GTK_WIDGET (window));
      screenshot (GTK_WIDGET (window), "welcome.png");

      g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
      spin (100);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("studio-gui-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* A history of our own, never the user's; set before GLib reads them. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/gui/welcome", test_gui_welcome);
  g_test_add_func ("/studio/gui/workspaces", test_gui_workspaces);
  g_test_add_func ("/studio/gui/chat", test_gui_chat);
  /* Last: it damages the history the others use. */
  g_test_add_func ("/studio/gui/damaged-history", test_gui_damaged_history);

  return g_test_run ();
}
