/* test-chat-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Chat page against a server that fails in each of the ways real ones
 * do: rate limits, errors, proxies' web pages, streams cut off, garbled or
 * stalled, bad keys, empty accounts, empty answers, endless lines. Each case
 * checks what the user sees (the error says what happened and what to do)
 * and that nothing is lost: the question stays in the conversation and the
 * history, the text that came stays shown and saved, and what the user was
 * typing stays in the composer.
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "studio-chat-page.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-message-row.h"
#include "studio-model-picker.h"
#include "studio-sse-decoder.h"
#include "studio-ui.h"

#define COMPLETIONS "/v1/chat/completions"
#define TEST_KEY    "sk-test-chat-faults-0000"

typedef struct
{
  StudioFakeServer *server;
  GSettings        *settings;
  StudioContext    *context;
  GtkWindow        *window;
  GtkWidget        *page;
  GArray           *delays;   /* what each `retrying` announced, in ms */
} Fixture;

static const char *whole_answer[] = {
  "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes, here \"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I am.\"},\"finish_reason\":\"stop\"}]}\n\n",
  "data: [DONE]\n\n",
  NULL
};

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

static void
on_retrying (StudioClient  *client,
             StudioRequest *request,
             guint          attempt,
             guint         delay_ms,
             GError       *error,
             Fixture      *fixture)
{
  g_array_append_val (fixture->delays, delay_ms);
}

/* Each case has a history of its own, so it holds only what the case did. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint n_cases;
  g_autofree char *name = g_strdup_printf ("history-%u.db", ++n_cases);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "openai-studio", name, NULL);
  GtkWidget *overlay = adw_toast_overlay_new ();
  StudioModelPicker *picker;

  fixture->server = studio_fake_server_new (NULL);
  fixture->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  g_setenv ("OPENAI_API_KEY", TEST_KEY, TRUE);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = studio_context_new (fixture->settings, path);
  studio_context_start (fixture->context);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (fixture->context));
  g_signal_connect (studio_context_get_client (fixture->context), "retrying",
                    G_CALLBACK (on_retrying), fixture);

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

static GtkTextBuffer *
composer_buffer (GtkWidget *page)
{
  GtkWidget *frame = studio_gui_find_by_class (page, "studio-composer");
  GtkWidget *view = studio_gui_find_widget (frame, GTK_TYPE_TEXT_VIEW, NULL);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A draft left in the composer would come back in the next case's. */
  gtk_text_buffer_set_text (composer_buffer (fixture->page), "", -1);
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->page));
  studio_context_shutdown (fixture->context);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->settings);
  studio_fake_server_free (fixture->server);
  g_array_unref (fixture->delays);
}

/* What the page shows ----------------------------------------------------- */

static GListModel *
shown_messages (GtkWidget *page)
{
  GtkListView *list = GTK_LIST_VIEW (studio_gui_find_by_class (page, "studio-messages"));

  return G_LIST_MODEL (gtk_list_view_get_model (list));
}

static StudioMessage *
last_message (GtkWidget *page)
{
  GListModel *model = shown_messages (page);
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
reply_finished (gpointer data)
{
  return studio_message_get_state (data) != STUDIO_MESSAGE_STATE_STREAMING;
}

static gboolean
reply_has_text (gpointer data)
{
  return *studio_message_get_content (data) != '\0';
}

static char *
composer_text (GtkWidget *page)
{
  GtkTextBuffer *buffer = composer_buffer (page);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types, sends and waits for the reply to start; returns it. */
static StudioMessage *
send (GtkWidget  *page,
      const char *text)
{
  gtk_text_buffer_set_text (composer_buffer (page), text, -1);
  g_assert_true (gtk_widget_activate_action (page, "chat.send", NULL));
  studio_gui_wait_for (has_reply, page);

  return last_message (page);
}

/* The row that shows @message, if it is built. */
static GtkWidget *
find_row (GtkWidget     *root,
          StudioMessage *message)
{
  if (STUDIO_IS_MESSAGE_ROW (root) &&
      studio_message_row_get_message (STUDIO_MESSAGE_ROW (root)) == message)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, message);

      if (found)
        return found;
    }

  return NULL;
}

/* Whether a label on screen below @root holds @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget     *page;
  StudioMessage *message;
  const char    *text;
} ShownText;

static gboolean
row_shows_text (gpointer data)
{
  ShownText *shown = data;
  GtkWidget *row = find_row (shown->page, shown->message);

  return row != NULL && shows_text (row, shown->text);
}

/* Waits until the row of @message shows @text: a reply's text is rendered
 * in the frames after it arrived.
 */
static void
wait_row_shows (GtkWidget     *page,
                StudioMessage *message,
                const char    *text)
{
  ShownText shown = { page, message, text };

  studio_gui_wait_for (row_shows_text, &shown);
}

/* The text of the error card in the row of @message, if one is shown. */
static const char *
shown_error (GtkWidget     *page,
             StudioMessage *message)
{
  GtkWidget *row = find_row (page, message);
  GtkWidget *card = row ? studio_gui_find_by_class (row, "studio-error") : NULL;
  GtkWidget *label = card ? studio_gui_find_widget (card, GTK_TYPE_LABEL, NULL) : NULL;

  if (label == NULL || !gtk_widget_get_mapped (card))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (label));
}

/* A button of the error card of @message's row, if it is on screen. */
static GtkWidget *
shown_error_button (GtkWidget     *page,
                    StudioMessage *message,
                    const char    *label)
{
  GtkWidget *row = find_row (page, message);
  GtkWidget *card = row ? studio_gui_find_by_class (row, "studio-error") : NULL;
  GtkWidget *button = card ? studio_gui_find_widget (card, GTK_TYPE_BUTTON, label) : NULL;

  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("'%s' should contain '%s'",
                                                  text ? text : "(none)", part);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

static void
assert_lacks (const char *text,
              const char *part)
{
  if (text != NULL && strstr (text, part) != NULL)
    {
      g_autofree char *message = g_strdup_printf ("'%s' should not contain '%s'", text, part);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

/* The saved messages of the conversation @reply is in. */
static GPtrArray *
load_conversation_of (StudioHistory *history,
                      StudioMessage *reply)
{
  g_autoptr(GPtrArray) conversations = studio_history_list_conversations (history, NULL);

  for (guint i = 0; conversations && i < conversations->len; i++)
    {
      StudioConversation *conversation = g_ptr_array_index (conversations, i);
      g_autoptr(GPtrArray) stored = NULL;

      stored = studio_history_load_messages (history, studio_conversation_get_id (conversation),
                                             NULL);
      for (guint j = 0; stored && j < stored->len; j++)
        {
          StudioMessage *message = g_ptr_array_index (stored, j);

          if (studio_message_get_id (message) == studio_message_get_id (reply))
            return g_steal_pointer (&stored);
        }
    }

  return NULL;
}

/* Nothing is lost: the question shows just above the reply, and the
 * history holds both, the reply as far as it came and in the state shown.
 */
static void
assert_nothing_lost (Fixture       *fixture,
                     const char    *question,
                     StudioMessage *reply)
{
  StudioHistory *history = studio_context_get_history (fixture->context);
  GListModel *shown = shown_messages (fixture->page);
  guint n_shown = g_list_model_get_n_items (shown);
  g_autoptr(StudioMessage) asked = NULL;
  g_autoptr(StudioMessage) last = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  StudioMessage *stored_question;
  StudioMessage *stored_reply;

  g_assert_cmpuint (n_shown, >=, 2);
  if (n_shown < 2)
    return;
  asked = g_list_model_get_item (shown, n_shown - 2);
  last = g_list_model_get_item (shown, n_shown - 1);
  g_assert_true (last == reply);
  g_assert_cmpstr (studio_message_get_role (asked), ==, "user");
  g_assert_cmpstr (studio_message_get_content (asked), ==, question);
  wait_row_shows (fixture->page, asked, question);

  stored = load_conversation_of (history, reply);
  g_assert_nonnull (stored);
  if (stored == NULL)
    return;
  g_assert_cmpuint (stored->len, ==, n_shown);
  if (stored->len != n_shown)
    return;
  stored_question = g_ptr_array_index (stored, stored->len - 2);
  stored_reply = g_ptr_array_index (stored, stored->len - 1);
  g_assert_cmpstr (studio_message_get_role (stored_question), ==, "user");
  g_assert_cmpstr (studio_message_get_content (stored_question), ==, question);
  g_assert_cmpint (studio_message_get_id (stored_reply), ==, studio_message_get_id (reply));
  g_assert_cmpstr (studio_message_get_content (stored_reply), ==,
                   studio_message_get_content (reply));
  g_assert_cmpint (studio_message_get_state (stored_reply), ==, studio_message_get_state (reply));
  g_assert_cmpint (studio_message_get_error_code (stored_reply), ==,
                   studio_message_get_error_code (reply));
}

/* Once a reply has ended, Send is back in place of Stop. */
static gboolean
send_shown (gpointer data)
{
  return gtk_widget_get_mapped (studio_gui_find_by_tooltip (data, "Send")) &&
         !gtk_widget_get_sensitive (studio_gui_find_by_tooltip (data, "Stop"));
}

/* Clicks @button as the pointer would, which needs it on screen and enabled. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  GtkWidget     *page;
  StudioMessage *old;
} NewReply;

static gboolean
has_new_reply (gpointer data)
{
  NewReply *wait = data;
  g_autoptr(StudioMessage) message = last_message (wait->page);

  return message != NULL && message != wait->old &&
         g_strcmp0 (studio_message_get_role (message), "assistant") == 0;
}

/* Waits for a reply other than @old to start; returns it. */
static StudioMessage *
wait_new_reply (GtkWidget     *page,
                StudioMessage *old)
{
  NewReply wait = { page, old };

  studio_gui_wait_for (has_new_reply, &wait);
  return last_message (page);
}

static guint
n_requests (Fixture *fixture)
{
  return studio_fake_server_count (fixture->server, COMPLETIONS);
}

static guint
max_attempts (Fixture *fixture)
{
  return studio_client_get_max_retries (studio_context_get_client (fixture->context)) + 1;
}

/* The cases --------------------------------------------------------------- */

/* Row 1. A rate limit with Retry-After is waited out and asked again, as
 * long as the server said (its finer retry-after-ms wins over the
 * seconds), and the answer then shows as if nothing had happened.
 */
static void
test_rate_limit_retried (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push (fixture->server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "1", "retry-after-ms", "40", NULL);
  studio_fake_server_push_stream (fixture->server, COMPLETIONS, whole_answer, 5, FALSE);
  reply = send (page, "Are you there?");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Yes, here I am.");
  g_assert_cmpuint (n_requests (fixture), ==, 2);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 0), ==, 40);

  wait_row_shows (page, reply, "Yes, here I am.");
  g_assert_null (shown_error (page, reply));
  assert_nothing_lost (fixture, "Are you there?", reply);
}

/* Row 1, while it waits: the reply says why nothing comes yet and when the
 * client asks again, and Stop ends the wait at once, with no second request.
 */
static void
test_rate_limit_wait_shown (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push (fixture->server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                           "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "30", NULL);
  reply = send (page, "Busy?");
  wait_row_shows (page, reply, "Trying again in 30 seconds");
  wait_row_shows (page, reply, "Too many requests");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STREAMING);

  click (studio_gui_find_by_tooltip (page, "Stop"));
  studio_gui_wait_for (reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_null (studio_message_get_notice (reply));
  wait_row_shows (page, reply, "Stopped.");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  assert_nothing_lost (fixture, "Busy?", reply);
}

/* Row 2. A server that keeps failing is asked as often as the client
 * retries, then the reply says the server had a problem, with its words,
 * status and request id; what the user typed meanwhile stays; Retry on the
 * row asks again and the answer replaces the failed reply.
 */
static void
test_server_error_then_retry (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) again = NULL;
  g_autofree char *draft = NULL;
  GtkWidget *retry;
  const char *error;

  studio_fake_server_push_repeated (fixture->server, COMPLETIONS, max_attempts (fixture),
                                    500, "application/json",
                                    "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                                    "retry-after-ms", "10", "x-request-id", "req_faults_500", NULL);
  reply = send (page, "Summarise the plan");

  /* The user writes the next question while the request is retried. */
  studio_fake_server_wait_for (fixture->server, COMPLETIONS, 1);
  gtk_text_buffer_set_text (composer_buffer (page), "And then?", -1);
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (n_requests (fixture), ==, max_attempts (fixture));
  g_assert_cmpuint (fixture->delays->len, ==, max_attempts (fixture) - 1);

  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  assert_contains (error, "The server had a problem. Try again in a moment.");
  assert_contains (error, "The server had an error while processing your request.");
  assert_contains (error, "HTTP status: 500");
  assert_contains (error, "req_faults_500");
  g_assert_null (shown_error_button (page, reply, "_Preferences"));
  retry = shown_error_button (page, reply, "_Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_sensitive (retry));
  draft = composer_text (page);
  g_assert_cmpstr (draft, ==, "And then?");
  assert_nothing_lost (fixture, "Summarise the plan", reply);

  /* Retry, pressed as the user would, asks again. */
  studio_fake_server_push_stream (fixture->server, COMPLETIONS, whole_answer, 5, FALSE);
  click (retry);
  again = wait_new_reply (page, reply);
  studio_gui_wait_for (reply_finished, again);
  g_assert_cmpint (studio_message_get_state (again), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_cmpstr (studio_message_get_content (again), ==, "Yes, here I am.");
  g_assert_cmpuint (n_requests (fixture), ==, max_attempts (fixture) + 1);
  wait_row_shows (page, again, "Yes, here I am.");
  g_assert_null (shown_error (page, again));
  g_assert_cmpuint (g_list_model_get_n_items (shown_messages (page)), ==, 2);
  assert_nothing_lost (fixture, "Summarise the plan", again);

  g_clear_pointer (&draft, g_free);
  draft = composer_text (page);
  g_assert_cmpstr (draft, ==, "And then?");
}

/* Row 3. A proxy's HTML error page is a server problem told in words, with
 * its status: no markup reaches the user.
 */
static void
test_html_bad_gateway (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push_repeated (fixture->server, COMPLETIONS, max_attempts (fixture),
                                    502, "text/html",
                                    "<html><body><h1>502 Bad Gateway</h1></body></html>", NULL);
  reply = send (page, "Through the proxy");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (n_requests (fixture), ==, max_attempts (fixture));
  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  assert_contains (error, "The server had a problem.");
  assert_contains (error, "web page");
  assert_contains (error, "502");
  assert_lacks (error, "<");
  assert_lacks (error, "html");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Through the proxy", reply);
}

/* Row 4. A stream cut off mid-reply keeps and shows what came, says it was
 * cut off, and is not asked again behind the user's back.
 */
static void
test_dropped_mid_reply (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *dropped[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The first half\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" of the answer\"}}]}\n\n",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push_stream_full (fixture->server, COMPLETIONS, dropped, 5,
                                       STUDIO_FAKE_STREAM_CLOSE);
  reply = send (page, "Tell me everything");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "The first half of the answer");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  wait_row_shows (page, reply, "The first half of the answer");
  error = shown_error (page, reply);
  assert_contains (error, "closed before the reply was complete");
  assert_contains (error, "was kept");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Tell me everything", reply);
}

/* Row 5. One garbled event is skipped (with a warning in the log), and the
 * rest of the reply arrives whole: no error for the user.
 */
static void
test_malformed_event_skipped (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *garbled[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Before the glitch, \"}}]}\n\n",
    "data: {not json\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"after it.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push_stream (fixture->server, COMPLETIONS, garbled, 5, FALSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING,
                         "Skipping a malformed stream event*");
  reply = send (page, "Say it despite the noise");
  studio_gui_wait_for (reply_finished, reply);
  g_test_assert_expected_messages ();

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Before the glitch, after it.");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  wait_row_shows (page, reply, "Before the glitch, after it.");
  g_assert_null (shown_error (page, reply));
  assert_nothing_lost (fixture, "Say it despite the noise", reply);
}

/* Row 6. A server that stalls mid-reply: Stop ends it, the text so far is
 * kept, shown and saved as stopped, what the user typed meanwhile is still
 * in the composer, and it can be sent.
 */
static void
test_stalled_then_stop (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *stalled[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Thinking about it\"}}]}\n\n",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) next = NULL;
  g_autofree char *draft = NULL;
  GtkWidget *stop;
  GtkWidget *send_button;
  StudioFakeRequest *request;

  studio_fake_server_push_stream_full (fixture->server, COMPLETIONS, stalled, 5,
                                       STUDIO_FAKE_STREAM_HANG);
  reply = send (page, "Take your time");
  studio_gui_wait_for (reply_has_text, reply);
  gtk_text_buffer_set_text (composer_buffer (page), "A follow-up, typed while waiting", -1);

  /* Send stays unavailable while the reply streams; Stop is there. */
  stop = studio_gui_find_by_tooltip (page, "Stop");
  studio_gui_wait_frames (page, 2);
  g_assert_true (gtk_widget_get_mapped (stop));
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_false (gtk_widget_is_sensitive (studio_gui_find_by_tooltip (page, "Send")));

  click (stop);
  studio_gui_wait_for (reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Thinking about it");
  wait_row_shows (page, reply, "Thinking about it");
  wait_row_shows (page, reply, "Stopped.");
  g_assert_null (shown_error (page, reply));
  assert_nothing_lost (fixture, "Take your time", reply);

  /* The composer kept the follow-up and is usable again. */
  studio_gui_wait_for (send_shown, page);
  draft = composer_text (page);
  g_assert_cmpstr (draft, ==, "A follow-up, typed while waiting");
  send_button = studio_gui_find_by_tooltip (page, "Send");
  g_assert_true (gtk_widget_is_sensitive (send_button));
  studio_fake_server_push_stream (fixture->server, COMPLETIONS, whole_answer, 5, FALSE);
  click (send_button);
  next = wait_new_reply (page, reply);
  studio_gui_wait_for (reply_finished, next);
  g_assert_cmpint (studio_message_get_state (next), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  request = studio_fake_server_last (fixture->server, COMPLETIONS);
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL),
                            "A follow-up, typed while waiting"));
  /* The stopped reply went along, as far as it came. */
  g_assert_nonnull (strstr (g_bytes_get_data (request->body, NULL), "Thinking about it"));
  assert_nothing_lost (fixture, "A follow-up, typed while waiting", next);
}

/* Row 6, before any byte: a server that never answers at all is stopped
 * just as well, with no error, and nothing is sent twice.
 */
static void
test_silent_then_stop (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push_hang (fixture->server, COMPLETIONS);
  reply = send (page, "Hello?");
  studio_fake_server_wait_for (fixture->server, COMPLETIONS, 1);
  gtk_text_buffer_set_text (composer_buffer (page), "Still typing", -1);

  studio_gui_wait_frames (page, 2);
  click (studio_gui_find_by_tooltip (page, "Stop"));
  studio_gui_wait_for (reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  wait_row_shows (page, reply, "Stopped.");
  g_assert_null (shown_error (page, reply));
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
  studio_gui_wait_for (send_shown, page);
  {
    g_autofree char *draft = composer_text (page);

    g_assert_cmpstr (draft, ==, "Still typing");
  }
  assert_nothing_lost (fixture, "Hello?", reply);
}

/* Row 7. A key the server refuses is asked once, and the reply points at
 * the key in Preferences, never showing it; retrying the same key would
 * not help, so Retry is not offered.
 */
static void
test_invalid_key (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push (fixture->server, COMPLETIONS, 401, "application/json",
                           "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                           NULL);
  reply = send (page, "With a bad key");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  assert_contains (error, "did not accept the API key");
  assert_contains (error, "Preferences");
  assert_contains (error, "Incorrect API key provided");
  assert_lacks (error, TEST_KEY);
  g_assert_nonnull (shown_error_button (page, reply, "_Preferences"));
  g_assert_null (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "With a bad key", reply);
}

/* Row 8. An account out of credit is a 429 too, but waiting will not help:
 * it is asked once, even when the answer invites a retry, and the reply
 * speaks of credit and billing, not of waiting.
 */
static void
test_insufficient_quota (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push (fixture->server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
                           "retry-after-ms", "10", NULL);
  reply = send (page, "On an empty account");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  assert_contains (error, "run out of credit");
  assert_contains (error, "billing");
  assert_contains (error, "You exceeded your current quota");
  assert_lacks (error, "Wait a moment");
  g_assert_null (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "On an empty account", reply);
}

/* Row 10, within the limit: a 10 MB line with no line break is taken in
 * (the decoder allows an event up to STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE),
 * judged when the stream ends (not JSON: skipped, with a warning), and the
 * reply is marked cut off with the text before it kept. Nothing hangs.
 */
static void
test_huge_line (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *before[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Before the flood.\"}}]}\n\n",
    "data: ",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  g_assert_cmpuint (10 * 1024 * 1024, <, STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE);
  studio_fake_server_push_stream_flood (fixture->server, COMPLETIONS, before, 'x',
                                        10 * 1024 * 1024, STUDIO_FAKE_STREAM_CLOSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING,
                         "Skipping a malformed stream event*");
  reply = send (page, "Flood me");
  studio_gui_wait_for (reply_finished, reply);
  g_test_assert_expected_messages ();

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Before the flood.");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  wait_row_shows (page, reply, "Before the flood.");
  error = shown_error (page, reply);
  assert_contains (error, "closed before the reply was complete");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Flood me", reply);
}

/* Row 9. An empty or blank 200 with a JSON type, where a stream was asked
 * for, is no answer at all: it says the answer could not be understood,
 * is not asked again, and keeps the question. (The client once fed any 2xx
 * to the SSE decoder, and so retried it as a cut-off reply that "kept" text
 * no one had sent.)
 */
static void
test_empty_json_200 (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *body = data;
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autofree char *question = g_strdup_printf ("Answer me with '%s'", body);
  const char *error;


  /* Enough of them that a retry, if any, still gets the same. */
  studio_fake_server_push_repeated (fixture->server, COMPLETIONS, max_attempts (fixture),
                                    200, "application/json", body, NULL);
  reply = send (page, question);
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpint (studio_message_get_error_code (reply), ==, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  assert_contains (error, "could not be understood");
  assert_lacks (error, "text that arrived was kept");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, question, reply);
}

/* Row 9, as a stream: a text/event-stream 200 that ends before any event
 * may be asked again (nothing was shown; test-client checks the policy),
 * and when every attempt was empty the reply must not claim that text
 * arrived and was kept.
 */
static void
test_empty_event_stream (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;


  studio_fake_server_push_repeated (fixture->server, COMPLETIONS, max_attempts (fixture),
                                    200, "text/event-stream", "", NULL);
  reply = send (page, "Anyone home?");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "");
  g_assert_cmpuint (n_requests (fixture), ==, max_attempts (fixture));
  studio_gui_wait_frames (page, 2);
  error = shown_error (page, reply);
  g_assert_nonnull (error);
  assert_lacks (error, "text that arrived was kept");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Anyone home?", reply);
}

/* Row 10, past the limit: a line that never ends is cut at the decoder's
 * limit rather than held whole, and the reply says the server's answer
 * could not be understood (the size goes to the details), with the text
 * before it kept.
 */
static void
test_endless_line (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *before[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Before the endless line.\"}}]}\n\n",
    "data: ",
    NULL
  };
  GtkWidget *page = fixture->page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;


  /* Three times the limit: a client without one would take it all in and
   * end up with an interrupted reply instead.
   */
  studio_fake_server_push_stream_flood (fixture->server, COMPLETIONS, before, 'x',
                                        3 * (gsize) STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE,
                                        STUDIO_FAKE_STREAM_CLOSE);
  reply = send (page, "Never stop");
  studio_gui_wait_for (reply_finished, reply);

  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_cmpint (studio_message_get_error_code (reply), ==, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Before the endless line.");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  wait_row_shows (page, reply, "Before the endless line.");
  error = shown_error (page, reply);
  assert_contains (error, "could not be understood");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Never stop", reply);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("studio-chat-faults-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* A history of our own, never the user's; set before GLib reads them. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

#define ADD_WITH(path, func, data) \
  g_test_add ("/studio/chat-faults/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
#define ADD(path, func) ADD_WITH (path, func, NULL)

  ADD ("rate-limit-retried", test_rate_limit_retried);
  ADD ("rate-limit-wait-shown", test_rate_limit_wait_shown);
  ADD ("server-error-then-retry", test_server_error_then_retry);
  ADD ("html-bad-gateway", test_html_bad_gateway);
  ADD ("dropped-mid-reply", test_dropped_mid_reply);
  ADD ("malformed-event-skipped", test_malformed_event_skipped);
  ADD ("stalled-then-stop", test_stalled_then_stop);
  ADD ("silent-then-stop", test_silent_then_stop);
  ADD ("invalid-key", test_invalid_key);
  ADD ("insufficient-quota", test_insufficient_quota);
  ADD ("huge-line", test_huge_line);
  ADD_WITH ("empty-json-200", test_empty_json_200, "");
  ADD_WITH ("blank-json-200", test_empty_json_200, "   ");
  ADD ("empty-event-stream", test_empty_event_stream);
  ADD ("endless-line", test_endless_line);

  return g_test_run ();
}
