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

#include "studio-chat-test-utils.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-message-row.h"
#include "studio-sse-decoder.h"
#include "studio-ui.h"

#define COMPLETIONS "/v1/chat/completions"
#define TEST_KEY    "sk-test-chat-faults-0000"

typedef struct
{
  StudioChatFixture  chat;
  GArray            *delays;   /* what each `retrying` announced, in ms */
} Fixture;

static const char *whole_answer[] = {
  "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes, here \"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I am.\"},\"finish_reason\":\"stop\"}]}\n\n",
  "data: [DONE]\n\n",
  NULL
};

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

  studio_chat_fixture_set_up (&fixture->chat, TEST_KEY, path);
  fixture->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (studio_context_get_client (fixture->chat.context), "retrying",
                    G_CALLBACK (on_retrying), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* A draft left in the composer would come back in the next case's. */
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (fixture->chat.page), "", -1);
  studio_chat_fixture_tear_down (&fixture->chat);
  g_array_unref (fixture->delays);
}

/* What the page shows ----------------------------------------------------- */

static gboolean
reply_has_text (gpointer data)
{
  return *studio_message_get_content (data) != '\0';
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

/* The error card in the row of @message, if the row is built. */
static GtkWidget *
error_card (GtkWidget     *page,
            StudioMessage *message)
{
  GtkWidget *row = find_row (page, message);

  return row ? studio_gui_find_by_class (row, "studio-error") : NULL;
}

/* The text of the error card in the row of @message, if one is shown. */
static const char *
shown_error (GtkWidget     *page,
             StudioMessage *message)
{
  GtkWidget *card = error_card (page, message);
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
  GtkWidget *card = error_card (page, message);
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
  StudioHistory *history = studio_context_get_history (fixture->chat.context);
  GListModel *shown = studio_chat_test_shown_messages (fixture->chat.page);
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
  wait_row_shows (fixture->chat.page, asked, question);

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
  g_autoptr(StudioMessage) message = studio_chat_test_last_message (wait->page);

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
  return studio_chat_test_last_message (page);
}

static guint
n_requests (Fixture *fixture)
{
  return studio_fake_server_count (fixture->chat.server, COMPLETIONS);
}

static guint
max_attempts (Fixture *fixture)
{
  return studio_client_get_max_retries (studio_context_get_client (fixture->chat.context)) + 1;
}

/* How @reply ended: in @state, holding @content (unless that is %NULL),
 * after @n_asked requests in all. Then waits until its row shows that
 * text, or, with none, until the row has been drawn.
 */
static void
assert_reply_ended (Fixture            *fixture,
                    StudioMessage      *reply,
                    StudioMessageState  state,
                    const char         *content,
                    guint               n_asked)
{
  g_assert_cmpint (studio_message_get_state (reply), ==, state);
  if (content != NULL)
    g_assert_cmpstr (studio_message_get_content (reply), ==, content);
  g_assert_cmpuint (n_requests (fixture), ==, n_asked);

  if (content != NULL && *content != '\0')
    wait_row_shows (fixture->chat.page, reply, content);
  else
    studio_gui_wait_frames (fixture->chat.page, 2);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push (fixture->chat.server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached for gpt-4o on requests per min (RPM): Limit 3, Used 3, Requested 1.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "1", "retry-after-ms", "40", NULL);
  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, whole_answer, 5, FALSE);
  reply = studio_chat_test_send_and_wait (page, "Are you there?");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_COMPLETE, "Yes, here I am.", 2);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 0), ==, 40);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push (fixture->chat.server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                           "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "30", NULL);
  reply = studio_chat_test_send (page, "Busy?");
  wait_row_shows (page, reply, "Trying again in 30 seconds");
  wait_row_shows (page, reply, "Too many requests");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STREAMING);

  click (studio_gui_find_by_tooltip (page, "Stop"));
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) again = NULL;
  GtkWidget *retry;
  const char *error;

  studio_fake_server_push_repeated (fixture->chat.server, COMPLETIONS, max_attempts (fixture),
                                    500, "application/json",
                                    "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                                    "retry-after-ms", "10", "x-request-id", "req_faults_500", NULL);
  reply = studio_chat_test_send (page, "Summarise the plan");

  /* The user writes the next question while the request is retried. */
  studio_fake_server_wait_for (fixture->chat.server, COMPLETIONS, 1);
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (page), "And then?", -1);
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, NULL, max_attempts (fixture));
  g_assert_cmpuint (fixture->delays->len, ==, max_attempts (fixture) - 1);
  error = shown_error (page, reply);
  assert_contains (error, "The server had a problem. Try again in a moment.");
  assert_contains (error, "The server had an error while processing your request.");
  assert_contains (error, "HTTP status: 500");
  assert_contains (error, "req_faults_500");
  g_assert_null (shown_error_button (page, reply, "_Preferences"));
  retry = shown_error_button (page, reply, "_Retry");
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_is_sensitive (retry));
  studio_chat_test_assert_composer (page, "And then?");
  assert_nothing_lost (fixture, "Summarise the plan", reply);

  /* Retry, pressed as the user would, asks again. */
  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, whole_answer, 5, FALSE);
  click (retry);
  again = wait_new_reply (page, reply);
  studio_gui_wait_for (studio_chat_test_reply_finished, again);
  assert_reply_ended (fixture, again, STUDIO_MESSAGE_STATE_COMPLETE, "Yes, here I am.",
                      max_attempts (fixture) + 1);
  g_assert_null (shown_error (page, again));
  g_assert_cmpuint (g_list_model_get_n_items (studio_chat_test_shown_messages (page)), ==, 2);
  assert_nothing_lost (fixture, "Summarise the plan", again);
  studio_chat_test_assert_composer (page, "And then?");
}

/* Row 3. A proxy's HTML error page is a server problem told in words, with
 * its status: no markup reaches the user.
 */
static void
test_html_bad_gateway (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push_repeated (fixture->chat.server, COMPLETIONS, max_attempts (fixture),
                                    502, "text/html",
                                    "<html><body><h1>502 Bad Gateway</h1></body></html>", NULL);
  reply = studio_chat_test_send_and_wait (page, "Through the proxy");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, NULL, max_attempts (fixture));
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push_stream_full (fixture->chat.server, COMPLETIONS, dropped, 5,
                                       STUDIO_FAKE_STREAM_CLOSE);
  reply = studio_chat_test_send_and_wait (page, "Tell me everything");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_INTERRUPTED,
                      "The first half of the answer", 1);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, garbled, 5, FALSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING,
                         "Skipping a malformed stream event*");
  reply = studio_chat_test_send_and_wait (page, "Say it despite the noise");
  g_test_assert_expected_messages ();

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_COMPLETE,
                      "Before the glitch, after it.", 1);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(StudioMessage) next = NULL;
  GtkWidget *stop;
  GtkWidget *send_button;
  StudioFakeRequest *request;

  studio_fake_server_push_stream_full (fixture->chat.server, COMPLETIONS, stalled, 5,
                                       STUDIO_FAKE_STREAM_HANG);
  reply = studio_chat_test_send (page, "Take your time");
  studio_gui_wait_for (reply_has_text, reply);
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (page),
                            "A follow-up, typed while waiting", -1);

  /* Send stays unavailable while the reply streams; Stop is there. */
  stop = studio_gui_find_by_tooltip (page, "Stop");
  studio_gui_wait_frames (page, 2);
  g_assert_true (gtk_widget_get_mapped (stop));
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_false (gtk_widget_is_sensitive (studio_gui_find_by_tooltip (page, "Send")));

  click (stop);
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Thinking about it");
  wait_row_shows (page, reply, "Thinking about it");
  wait_row_shows (page, reply, "Stopped.");
  g_assert_null (shown_error (page, reply));
  assert_nothing_lost (fixture, "Take your time", reply);

  /* The composer kept the follow-up and is usable again. */
  studio_gui_wait_for (send_shown, page);
  studio_chat_test_assert_composer (page, "A follow-up, typed while waiting");
  send_button = studio_gui_find_by_tooltip (page, "Send");
  g_assert_true (gtk_widget_is_sensitive (send_button));
  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, whole_answer, 5, FALSE);
  click (send_button);
  next = wait_new_reply (page, reply);
  studio_gui_wait_for (studio_chat_test_reply_finished, next);
  g_assert_cmpint (studio_message_get_state (next), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  request = studio_fake_server_last (fixture->chat.server, COMPLETIONS);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;

  studio_fake_server_push_hang (fixture->chat.server, COMPLETIONS);
  reply = studio_chat_test_send (page, "Hello?");
  studio_fake_server_wait_for (fixture->chat.server, COMPLETIONS, 1);
  gtk_text_buffer_set_text (studio_chat_test_composer_buffer (page), "Still typing", -1);

  studio_gui_wait_frames (page, 2);
  click (studio_gui_find_by_tooltip (page, "Stop"));
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  wait_row_shows (page, reply, "Stopped.");
  g_assert_null (shown_error (page, reply));
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
  studio_gui_wait_for (send_shown, page);
  studio_chat_test_assert_composer (page, "Still typing");
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push (fixture->chat.server, COMPLETIONS, 401, "application/json",
                           "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                           NULL);
  reply = studio_chat_test_send_and_wait (page, "With a bad key");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, NULL, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push (fixture->chat.server, COMPLETIONS, 429, "application/json",
                           "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
                           "retry-after-ms", "10", NULL);
  reply = studio_chat_test_send_and_wait (page, "On an empty account");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, NULL, 1);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  g_assert_cmpuint (10 * 1024 * 1024, <, STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE);
  studio_fake_server_push_stream_flood (fixture->chat.server, COMPLETIONS, before, 'x',
                                        10 * 1024 * 1024, STUDIO_FAKE_STREAM_CLOSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING,
                         "Skipping a malformed stream event*");
  reply = studio_chat_test_send_and_wait (page, "Flood me");
  g_test_assert_expected_messages ();

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_INTERRUPTED, "Before the flood.", 1);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autofree char *question = g_strdup_printf ("Answer me with '%s'", body);
  const char *error;

  /* Enough of them that a retry, if any, still gets the same. */
  studio_fake_server_push_repeated (fixture->chat.server, COMPLETIONS, max_attempts (fixture),
                                    200, "application/json", body, NULL);
  reply = studio_chat_test_send_and_wait (page, question);

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, "", 1);
  g_assert_cmpint (studio_message_get_error_code (reply), ==, STUDIO_API_ERROR_MALFORMED);
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  studio_fake_server_push_repeated (fixture->chat.server, COMPLETIONS, max_attempts (fixture),
                                    200, "text/event-stream", "", NULL);
  reply = studio_chat_test_send_and_wait (page, "Anyone home?");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, "", max_attempts (fixture));
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
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  const char *error;

  /* Three times the limit: a client without one would take it all in and
   * end up with an interrupted reply instead.
   */
  studio_fake_server_push_stream_flood (fixture->chat.server, COMPLETIONS, before, 'x',
                                        3 * (gsize) STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE,
                                        STUDIO_FAKE_STREAM_CLOSE);
  reply = studio_chat_test_send_and_wait (page, "Never stop");

  assert_reply_ended (fixture, reply, STUDIO_MESSAGE_STATE_FAILED, "Before the endless line.", 1);
  g_assert_cmpint (studio_message_get_error_code (reply), ==, STUDIO_API_ERROR_MALFORMED);
  error = shown_error (page, reply);
  assert_contains (error, "could not be understood");
  g_assert_nonnull (shown_error_button (page, reply, "_Retry"));
  assert_nothing_lost (fixture, "Never stop", reply);
}

int
main (int   argc,
      char *argv[])
{
  /* A history of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-chat-faults-XXXXXX");

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
