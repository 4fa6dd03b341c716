/* test-chat-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Chat page on its own, in a window of the test's, with a context the
 * test builds against the fake server and a real SQLite history. With
 * STUDIO_SCREENSHOT_DIR set, steps also save a PNG of what they show.
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-chat-page.h"
#include "studio-chat-test-utils.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-model-picker.h"
#include "studio-ui.h"

typedef StudioChatFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "openai-studio", "history.db",
                                            NULL);

  studio_chat_fixture_set_up (fixture, "sk-test-chat-page-0000", path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_chat_fixture_tear_down (fixture);
}

static gboolean
reply_has_text (gpointer data)
{
  g_autoptr(StudioMessage) message = studio_chat_test_last_message (data);

  return message != NULL && *studio_message_get_content (message) != '\0';
}

static gboolean
list_has_rows (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

static GtkWidget *
find_conversation_row (GtkWidget  *page,
                       const char *title)
{
  GtkWidget *row;

  for (row = gtk_widget_get_first_child (studio_gui_find_by_class (page, "studio-conversations"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_first_child (row));

      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), title) == 0)
        return row;
    }

  return NULL;
}

static const char *markdown_chunks[] = {
  "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"# Answer\\n\\nHere is **bold** and code:\\n\\n\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"```c\\nint main (void) { return 0; }\\n```\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\\n\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
  "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":30,\"total_tokens\":39}}\n\n",
  "data: [DONE]\n\n",
  NULL
};

static const char *endless_chunks[] = {
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"This will be stopped\"}}]}\n\n",
  NULL
};

/* A reply streams in, is rendered, priced, saved; the user's prices
 * apply at once; a draft left from last time is back.
 */
static void
test_chat_page_reply (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  StudioHistory *history = studio_context_get_history (fixture->context);
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *prices = g_build_filename (g_get_user_config_dir (), "openai-studio", "prices.json", NULL);
  g_autofree char *config = g_path_get_dirname (prices);
  StudioFakeRequest *request;
  GtkWidget *total;

  /* Blank prompts cannot be sent: the action is disabled. */
  g_assert_false (gtk_widget_get_sensitive (studio_gui_find_by_tooltip (page, "Send")));
  gtk_widget_activate_action (page, "chat.send", NULL);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 0);

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", markdown_chunks, 20, FALSE);
  reply = studio_chat_test_send_and_wait (page, "Show me some Markdown");

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_true (g_str_has_prefix (studio_message_get_content (reply), "# Answer"));
  request = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Show me some Markdown"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "chat-reply.png");

  /* Prices the user saves apply at once, to the total and each reply. */
  total = studio_gui_find_label_prefix (page, "39 tokens");
  g_assert_nonnull (total);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_assert_true (g_file_set_contents (prices, "{\"prices\":[{\"match\":\"^gpt-4o$\",\"input\":1000000,\"output\":1000000}]}",
                                      -1, NULL));
  while (strstr (gtk_label_get_label (GTK_LABEL (total)), "$39.0000") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (studio_gui_find_label_prefix (page, "9 in · 30 out tokens · about $39.0000"));
  g_unlink (prices);

  /* It was saved. */
  conversations = studio_history_list_conversations (history, NULL);
  g_assert_cmpuint (conversations->len, ==, 1);
  g_assert_cmpstr (studio_conversation_get_title (g_ptr_array_index (conversations, 0)), ==,
                   "Show me some Markdown");
  stored = studio_history_load_messages (history,
                                         studio_conversation_get_id (g_ptr_array_index (conversations, 0)),
                                         NULL);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (studio_message_get_content (g_ptr_array_index (stored, 1)), ==,
                   studio_message_get_content (reply));

  /* The settings show the parameters the model's family takes. */
  {
    GtkWidget *settings = studio_gui_find_by_tooltip (page, "System Prompt and Parameters");
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (settings));

    gtk_menu_button_popup (GTK_MENU_BUTTON (settings));
    while (studio_gui_find_widget (GTK_WIDGET (popover), ADW_TYPE_ACTION_ROW, "Temperature") == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (studio_gui_find_widget (GTK_WIDGET (popover), ADW_TYPE_ACTION_ROW, "Reasoning Effort"));
    studio_gui_screenshot (GTK_WIDGET (popover), "chat-parameters.png");
    gtk_popover_popdown (popover);
  }
}

static guint
n_shown (GtkWidget *page)
{
  return g_list_model_get_n_items (studio_chat_test_shown_messages (page));
}

/* Once a reply has ended, Send is back in place of Stop. */
static gboolean
send_shown (gpointer data)
{
  return gtk_widget_get_child_visible (studio_gui_find_by_tooltip (data, "Send")) &&
         !gtk_widget_get_sensitive (studio_gui_find_by_tooltip (data, "Stop"));
}

static gboolean
status_in_view (gpointer data)
{
  GtkWidget *page = data;
  GtkWidget *status = studio_gui_find_label_prefix (page, "Stopped.");
  GtkWidget *list = studio_gui_find_by_class (page, "studio-messages");
  graphene_rect_t bounds;

  return status != NULL && gtk_widget_get_visible (status) &&
         gtk_widget_compute_bounds (status, list, &bounds) &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (list);
}

/* Stop keeps the partial reply, marked as stopped and in view; Regenerate
 * and Edit are disabled while it streams rather than doing nothing.
 */
static void
test_chat_page_stop (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", endless_chunks, 20, TRUE);
  reply = studio_chat_test_send (page, "Tell me a long story");
  studio_gui_wait_for (reply_has_text, page);

  /* Disabled, so they do nothing: the reply stays, still streaming. */
  gtk_widget_activate_action (page, "chat.regenerate", "x", studio_message_get_id (reply));
  gtk_widget_activate_action (page, "chat.edit-message", "x", studio_message_get_id (reply));
  gtk_widget_activate_action (page, "chat.delete-message", "x", studio_message_get_id (reply));
  g_assert_cmpuint (n_shown (page), ==, 2);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STREAMING);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (studio_gui_find_by_tooltip (page, "Stop")));

  g_assert_true (gtk_widget_activate_action (page, "chat.stop", NULL));
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "This will be stopped");

  /* The view follows the reply to its very end, status line included. */
  studio_gui_wait_for (status_in_view, page);
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "chat-stopped.png");
  studio_gui_wait_for (send_shown, page);
}

/* A connection that drops mid-reply is no finished reply: the text stays,
 * marked interrupted with the reason, and Retry asks again.
 */
static void
test_chat_page_dropped (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *dropped[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half a \"}}]}\n\n",
    NULL
  };
  static const char *whole[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A whole answer.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) again = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", dropped, 10,
                                       STUDIO_FAKE_STREAM_CLOSE);
  reply = studio_chat_test_send_and_wait (page, "Explain it");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Half a ");
  g_assert_nonnull (studio_message_get_error_message (reply));
  studio_gui_wait_frames (page, 2);
  g_assert_nonnull (studio_gui_find_widget (page, GTK_TYPE_BUTTON, "_Retry"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "chat-dropped.png");

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", whole, 10, FALSE);
  g_assert_true (gtk_widget_activate_action (page, "chat.regenerate", "x", studio_message_get_id (reply)));
  studio_gui_wait_for (studio_chat_test_has_reply, page);
  again = studio_chat_test_last_message (page);
  g_assert_true (again != reply);
  studio_gui_wait_for (studio_chat_test_reply_finished, again);
  g_assert_cmpstr (studio_message_get_content (again), ==, "A whole answer.");
}

/* Two conversations stream at once: the first keeps streaming while the
 * second is asked and answered, and is still there to stop.
 */
static void
test_chat_page_two_at_once (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) first = NULL;
  g_autoptr(StudioMessage) second = NULL;
  g_autoptr(StudioMessage) shown = NULL;
  GtkWidget *row;

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", endless_chunks, 20, TRUE);
  first = studio_chat_test_send (page, "First of two");
  studio_gui_wait_for (reply_has_text, page);

  g_assert_true (gtk_widget_activate_action (page, "chat.new-conversation", NULL));
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", markdown_chunks, 20, FALSE);
  second = studio_chat_test_send (page, "Second of two");
  g_assert_true (second != first);
  studio_gui_wait_for (studio_chat_test_reply_finished, second);
  g_assert_cmpint (studio_message_get_state (second), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_cmpint (studio_message_get_state (first), ==, STUDIO_MESSAGE_STATE_STREAMING);

  /* Back in the first, its live reply shows and can be stopped. */
  row = find_conversation_row (page, "First of two");
  g_assert_nonnull (row);
  g_signal_emit_by_name (studio_gui_find_by_class (page, "studio-conversations"), "row-activated", row);
  shown = studio_chat_test_last_message (page);
  g_assert_true (shown == first);
  g_assert_true (gtk_widget_activate_action (page, "chat.stop", NULL));
  studio_gui_wait_for (studio_chat_test_reply_finished, first);
  g_assert_cmpint (studio_message_get_state (first), ==, STUDIO_MESSAGE_STATE_STOPPED);
}

/* A 100,000-character paste is sent whole, and its message shows. */
static void
test_chat_page_long_paste (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(GString) paste = g_string_new (NULL);
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) question = NULL;
  StudioFakeRequest *request;
  GListModel *shown;

  for (guint i = 0; paste->len < 100000; i++)
    g_string_append_printf (paste, "Line %u of a long pasted log, with some words to wrap.%s", i,
                            i % 10 == 9 ? "\n\n" : "\n");
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", markdown_chunks, 20, FALSE);
  reply = studio_chat_test_send_and_wait (page, paste->str);

  request = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  g_assert_cmpuint (g_bytes_get_size (request->body), >, paste->len);
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Line 1000 of a long pasted log"));
  shown = studio_chat_test_shown_messages (page);
  question = g_list_model_get_item (shown, g_list_model_get_n_items (shown) - 2);
  /* Compared whole but not printed: a failure would flood the log. */
  g_assert_true (g_str_equal (studio_message_get_content (question), g_strchomp (paste->str)));
}

/* Search finds a message and opens its conversation at it; a long
 * conversation opens on its latest messages and pages in earlier ones
 * when the reader scrolls past the top.
 */
static void
test_chat_page_search_and_long (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  StudioHistory *history = studio_context_get_history (fixture->context);
  g_autoptr(StudioConversation) long_one = studio_conversation_new ();
  GtkWidget *entry = studio_gui_find_by_class (page, "studio-search");
  GtkWidget *results = studio_gui_find_by_class (page, "studio-search-results");
  GtkWidget *scroller = studio_gui_find_by_class (page, "studio-messages-scroller");
  g_autoptr(StudioMessage) first = NULL;
  GtkWidget *row;
  guint shown;

  studio_conversation_set_title (long_one, "Long one");
  g_assert_true (studio_history_save_conversation (history, long_one, NULL));
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *text = g_strdup_printf (i == 59 ? "zebra & %u" : "line %u", i);
      g_autoptr(StudioMessage) message = studio_message_new (i % 2 ? "assistant" : "user", text);

      g_assert_true (studio_history_save_message (history, studio_conversation_get_id (long_one),
                                                  message, NULL));
    }
  studio_chat_page_reload (STUDIO_CHAT_PAGE (page));

  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra");
  studio_gui_wait_for (list_has_rows, results);
  row = gtk_widget_get_first_child (results);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Long one");
  /* The row gives back the text its markup made: no tags, no escapes. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "zebra & 59");
  g_signal_emit_by_name (results, "row-activated", row);
  while (n_shown (page) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* The hit shows, and what came before pages in as needed. */
  {
    GListModel *model = studio_chat_test_shown_messages (page);
    g_autoptr(StudioMessage) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);

    g_assert_cmpstr (studio_message_get_content (last), ==, "zebra & 59");
  }
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "chat-search.png");
  studio_gui_wait_frames (page, 5);
  shown = n_shown (page);
  g_assert_cmpuint (shown, <, 60);
  g_signal_emit_by_name (scroller, "edge-overshot", GTK_POS_TOP);
  g_assert_cmpuint (n_shown (page), >, shown);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  /* Opened from the sidebar, its latest messages show first and the rest
   * loads after; scrolling up then reaches the very first message.
   */
  row = find_conversation_row (page, "Long one");
  g_assert_nonnull (row);
  g_signal_emit_by_name (studio_gui_find_by_class (page, "studio-conversations"), "row-activated", row);
  while (n_shown (page) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_shown (page), <, 60);
  while (n_shown (page) < 60)
    {
      g_signal_emit_by_name (scroller, "edge-overshot", GTK_POS_TOP);
      g_main_context_iteration (NULL, TRUE);
    }
  first = g_list_model_get_item (studio_chat_test_shown_messages (page), 0);
  g_assert_cmpstr (studio_message_get_content (first), ==, "line 0");
}

static gboolean
transcribed (gpointer data)
{
  GtkWidget *row = studio_gui_find_widget (data, ADW_TYPE_ACTION_ROW, "studio-test-memo.wav");

  return row != NULL &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                    "Transcribed: the text goes with your message") == 0;
}

/* Dropped audio is transcribed and its text goes with the next message;
 * a folder and a text file are refused at once.
 */
static void
test_chat_page_audio (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint8 wav[] = "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x40\x1f\0\0\x80\x3e\0\0\x02\0\x10\0data\0\0\0\0";
  static const guint8 words[] = "just words";
  static const char *answer[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"You should buy milk.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(GFile) audio = studio_gui_write_temp ("studio-test-memo.wav", wav, sizeof wav - 1);
  g_autoptr(GFile) note = studio_gui_write_temp ("studio-test-note.mp3", words, sizeof words - 1);
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(StudioMessage) reply = NULL;
  StudioFakeRequest *request;

  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200, "application/json",
                           "{\"text\":\"Remember to buy milk\"}", NULL);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", answer, 10, FALSE);
  studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), audio);

  /* Sniffed, not guessed from the name: this "mp3" is text. */
  studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), note);
  studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), folder);
  g_assert_null (studio_gui_find_widget (page, ADW_TYPE_ACTION_ROW, "studio-test-note.mp3"));

  studio_gui_wait_for (transcribed, page);
  request = studio_fake_server_last (fixture->server, "/v1/audio/transcriptions");
  g_assert_nonnull (memmem (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                            "name=\"model\"", 12));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "chat-audio.png");

  reply = studio_chat_test_send_and_wait (page, "What did I say?");
  request = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Remember to buy milk"));
  g_assert_null (studio_gui_find_widget (page, ADW_TYPE_ACTION_ROW, "studio-test-memo.wav"));

  g_file_delete (audio, NULL, NULL);
  g_file_delete (note, NULL, NULL);
}

/* What is being written is kept in a draft until it is sent, and is back
 * when the page is made again.
 */
static void
test_chat_page_draft (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "openai-studio", "draft.txt", NULL);
  g_autofree char *kept = NULL;
  GtkWidget *again;

  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (fixture->page),
                            "Half-written question", -1);
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->page));
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "Half-written question");

  again = studio_chat_page_new (fixture->context);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture->window, again);
  gtk_window_present (fixture->window);
  studio_chat_test_assert_composer (again, "Half-written question");

  /* Sent (here: cleared), it goes. */
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (again), "", -1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  fixture->page = g_object_ref (again);
}

static gboolean
catalog_failed (gpointer data)
{
  return studio_model_catalog_get_error (data) != NULL;
}

/* A server without GET /models (a 404, as some compatible servers and
 * proxies answer) says why the list is empty and takes a typed model id,
 * which is remembered for the next time against that server.
 */
static void
test_chat_page_typed_model (void)
{
  static const char *answer[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Local answer.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StudioContext) context = NULL;
  g_autoptr(StudioMessage) reply = NULL;
  GtkWidget *page, *picker, *id_row, *again;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  StudioFakeRequest *request;
  const char *subtitle;

  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-chat-page-0000", TRUE);
  studio_fake_server_push (server, "/v1/models", 404, "application/json",
                           "{\"detail\":\"Not Found\"}", NULL);
  context = studio_context_new (settings, NULL);
  studio_context_start (context);
  studio_gui_wait_for (catalog_failed, studio_context_get_catalog (context));

  page = studio_chat_page_new (context);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  picker = studio_gui_find_widget (page, STUDIO_TYPE_MODEL_PICKER, NULL);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (studio_gui_find_widget (picker, ADW_TYPE_COMBO_ROW, NULL)));
  g_assert_nonnull (strstr (subtitle, "The server did not list its models"));
  g_assert_nonnull (strstr (subtitle, "Not Found"));
  id_row = studio_gui_find_widget (picker, ADW_TYPE_ENTRY_ROW, "Model ID");
  g_assert_true (gtk_widget_get_visible (id_row));
  studio_gui_screenshot (GTK_WIDGET (window), "chat-typed-model.png");

  gtk_editable_set_text (GTK_EDITABLE (id_row), " llama-3.1-8b ");
  g_signal_emit_by_name (id_row, "apply");
  g_assert_cmpstr (studio_model_get_id (studio_model_picker_get_selected (STUDIO_MODEL_PICKER (picker))),
                   ==, "llama-3.1-8b");

  studio_fake_server_push_stream (server, "/v1/chat/completions", answer, 10, FALSE);
  reply = studio_chat_test_send_and_wait (page, "Hello, local model");
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Local answer.");
  request = studio_fake_server_last (server, "/v1/chat/completions");
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "\"llama-3.1-8b\""));

  /* Remembered for this server: a new page picks it again. */
  again = studio_chat_page_new (context);
  gtk_window_set_child (window, again);
  picker = studio_gui_find_widget (again, STUDIO_TYPE_MODEL_PICKER, NULL);
  g_assert_nonnull (studio_model_picker_get_selected (STUDIO_MODEL_PICKER (picker)));
  g_assert_cmpstr (studio_model_get_id (studio_model_picker_get_selected (STUDIO_MODEL_PICKER (picker))),
                   ==, "llama-3.1-8b");

  gtk_window_destroy (window);
  studio_gui_drain ();
  studio_context_shutdown (context);
  g_assert_finalize_object (g_steal_pointer (&context));
}

int
main (int   argc,
      char *argv[])
{
  /* A history of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-chat-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

#define ADD(path, func) \
  g_test_add ("/studio/chat-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reply", test_chat_page_reply);
  ADD ("stop", test_chat_page_stop);
  ADD ("dropped", test_chat_page_dropped);
  ADD ("two-at-once", test_chat_page_two_at_once);
  ADD ("long-paste", test_chat_page_long_paste);
  ADD ("search-and-long", test_chat_page_search_and_long);
  ADD ("audio", test_chat_page_audio);
  ADD ("draft", test_chat_page_draft);
  g_test_add_func ("/studio/chat-page/typed-model", test_chat_page_typed_model);

  return g_test_run ();
}
