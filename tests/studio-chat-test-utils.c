/* studio-chat-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-chat-page.h"
#include "studio-gui-utils.h"
#include "studio-model-picker.h"

#include "studio-chat-test-utils.h"

static gboolean
catalog_loaded (gpointer data)
{
  return studio_model_catalog_get_loaded (data);
}

static gboolean
model_selected (gpointer data)
{
  return studio_model_picker_get_selected (data) != NULL;
}

/**
 * studio_chat_fixture_set_up:
 * @fixture: the fixture to fill
 * @api_key: the key the client sends to the fake server
 * @history_path: (nullable): the history's database, or %NULL for none
 *
 * Starts a fake server and a context that talks to it, waits for the model
 * list, then shows a Chat page in a 1000×700 window of its own (inside a
 * toast overlay, as in the app) with gpt-4o picked, and lets it draw.
 */
void
studio_chat_fixture_set_up (StudioChatFixture *fixture,
                            const char        *api_key,
                            const char        *history_path)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  StudioModelPicker *picker;

  fixture->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  g_setenv ("OPENAI_API_KEY", api_key, TRUE);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = studio_context_new (fixture->settings, history_path);
  studio_context_start (fixture->context);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (fixture->context));

  fixture->page = g_object_ref_sink (studio_chat_page_new (fixture->context));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->page);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);

  picker = STUDIO_MODEL_PICKER (studio_gui_find_widget (fixture->page, STUDIO_TYPE_MODEL_PICKER,
                                                        NULL));
  studio_model_picker_select_id (picker, "gpt-4o");
  studio_gui_wait_for (model_selected, picker);
  studio_gui_wait_frames (fixture->page, 2);
}

/**
 * studio_chat_fixture_tear_down:
 * @fixture: a fixture filled by studio_chat_fixture_set_up()
 *
 * Closes the window and checks that the page goes with it, and then the
 * context and the settings: nothing is left holding them.
 */
void
studio_chat_fixture_tear_down (StudioChatFixture *fixture)
{
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->page));
  studio_context_shutdown (fixture->context);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->settings);
  studio_fake_server_free (fixture->server);
}

/**
 * studio_chat_test_composer_buffer:
 * @page: a Chat page
 *
 * Returns: (transfer none): the buffer of the text view the user types in
 */
GtkTextBuffer *
studio_chat_test_composer_buffer (GtkWidget *page)
{
  GtkWidget *frame = studio_gui_find_by_class (page, "studio-composer");
  GtkWidget *view = studio_gui_find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

/**
 * studio_chat_test_composer_text:
 * @page: a Chat page
 *
 * Returns: (transfer full): what the composer holds
 */
char *
studio_chat_test_composer_text (GtkWidget *page)
{
  GtkTextBuffer *buffer = studio_chat_test_composer_buffer (page);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * studio_chat_test_assert_composer:
 * @page: a Chat page
 * @expected: the text the composer must hold
 *
 * Asserts that the composer holds @expected, say a draft the user typed
 * while a reply came and failed.
 */
void
studio_chat_test_assert_composer (GtkWidget  *page,
                                  const char *expected)
{
  g_autofree char *text = studio_chat_test_composer_text (page);

  g_assert_cmpstr (text, ==, expected);
}

/**
 * studio_chat_test_shown_messages:
 * @page: a Chat page
 *
 * Returns: (transfer none): the messages of the list the page shows
 */
GListModel *
studio_chat_test_shown_messages (GtkWidget *page)
{
  GtkListView *list = GTK_LIST_VIEW (studio_gui_find_by_class (page, "studio-messages"));

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

/**
 * studio_chat_test_last_message:
 * @page: a Chat page
 *
 * Returns: (transfer full) (nullable): the last message shown, if any
 */
StudioMessage *
studio_chat_test_last_message (GtkWidget *page)
{
  GListModel *model = studio_chat_test_shown_messages (page);
  guint n_items = g_list_model_get_n_items (model);

  return n_items ? g_list_model_get_item (model, n_items - 1) : NULL;
}

/**
 * studio_chat_test_has_reply:
 * @page: a Chat page
 *
 * A #StudioCheckFunc.
 *
 * Returns: whether the last message shown is the assistant's
 */
gboolean
studio_chat_test_has_reply (gpointer page)
{
  g_autoptr(StudioMessage) message = studio_chat_test_last_message (page);

  return message != NULL && g_strcmp0 (studio_message_get_role (message), "assistant") == 0;
}

/**
 * studio_chat_test_reply_finished:
 * @reply: a #StudioMessage
 *
 * A #StudioCheckFunc.
 *
 * Returns: whether @reply has stopped streaming, however it ended
 */
gboolean
studio_chat_test_reply_finished (gpointer reply)
{
  return studio_message_get_state (reply) != STUDIO_MESSAGE_STATE_STREAMING;
}

/**
 * studio_chat_test_send:
 * @page: a Chat page
 * @text: what the user types
 *
 * Types @text in the composer, sends it and waits for the reply to start.
 *
 * Returns: (transfer full): the reply
 */
StudioMessage *
studio_chat_test_send (GtkWidget  *page,
                       const char *text)
{
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (page), text, -1);
  g_assert_true (gtk_widget_activate_action (page, "chat.send", NULL));
  studio_gui_wait_for (studio_chat_test_has_reply, page);

  return studio_chat_test_last_message (page);
}

/**
 * studio_chat_test_send_and_wait:
 * @page: a Chat page
 * @text: what the user types
 *
 * Like studio_chat_test_send(), but waits until the reply has ended.
 *
 * Returns: (transfer full): the reply
 */
StudioMessage *
studio_chat_test_send_and_wait (GtkWidget  *page,
                                const char *text)
{
  StudioMessage *reply = studio_chat_test_send (page, text);

  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
  return reply;
}
