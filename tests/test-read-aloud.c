/* test-read-aloud.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read Aloud on the Chat page in a window under Xvfb, against the fake
 * server for both the chat reply and the speech, into a fakesink: reading
 * starts while the reply still streams, code is announced rather than
 * read, and stopping the reply or leaving the conversation stops it.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gst/gst.h>

#include "studio-chat-page.h"
#include "studio-chat-test-utils.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-speech-session.h"
#include "studio-ui.h"

#define COMPLETIONS "/v1/chat/completions"
#define SPEECH "/v1/audio/speech"

typedef struct
{
  StudioChatFixture    chat;
  StudioSpeechSession *session;
  GstElement          *sink;
  gint                 n_buffers;
} Fixture;

static const char *streaming_chunks[] = {
  "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Here is the first sentence. \"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"And the second is still being wri\"}}]}\n\n",
  NULL
};

static const char *code_chunks[] = {
  "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Run this program.\\n\\n```python\\nprint('secret words')\\n```\\n\\nThat is **all**.\"}}]}\n\n",
  "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
  "data: [DONE]\n\n",
  NULL
};

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Fixture    *fixture)
{
  g_atomic_int_inc (&fixture->n_buffers);
  g_main_context_wakeup (NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) audio = studio_fake_read_test_bytes ("speech/a.mp3");

  studio_chat_fixture_set_up (&fixture->chat, "sk-test-read-aloud-0000", NULL);
  g_settings_set_string (fixture->chat.settings, "speech-model", "tts-1-hd");
  g_settings_set_string (fixture->chat.settings, "speech-format", "mp3");

  fixture->session = studio_speech_session_new (fixture->chat.context);
  fixture->sink = gst_object_ref_sink (gst_element_factory_make ("fakesink", NULL));
  g_object_set (fixture->sink, "sync", FALSE, "signal-handoffs", TRUE, NULL);
  g_signal_connect (fixture->sink, "handoff", G_CALLBACK (handoff_cb), fixture);
  studio_speech_session_set_audio_sink (fixture->session, fixture->sink);
  studio_chat_page_set_speech_session (STUDIO_CHAT_PAGE (fixture->chat.page), fixture->session);

  for (guint i = 0; i < 3; i++)
    studio_fake_server_push_audio (fixture->chat.server, SPEECH, "audio/mpeg", audio, 4096, 0,
                                   G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_chat_page_set_speech_session (STUDIO_CHAT_PAGE (fixture->chat.page), NULL);
  studio_speech_session_stop (fixture->session);
  g_signal_handlers_disconnect_by_data (fixture->sink, fixture);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->session));
  gst_clear_object (&fixture->sink);
  g_settings_reset (fixture->chat.settings, "speech-model");
  g_settings_reset (fixture->chat.settings, "speech-format");
  studio_chat_fixture_tear_down (&fixture->chat);
}

static gboolean
has_first_sentence (gpointer data)
{
  StudioMessage *reply = data;

  return strstr (studio_message_get_content (reply) ?: "", "still being") != NULL;
}

typedef struct
{
  StudioFakeServer *server;
  guint             count;
} Requests;

static gboolean
has_requests (gpointer data)
{
  Requests *requests = data;

  return studio_fake_server_count (requests->server, SPEECH) >= requests->count;
}

static char *
speech_input (Fixture *fixture)
{
  StudioFakeRequest *request = studio_fake_server_last (fixture->chat.server, SPEECH);
  g_autoptr(JsonNode) body = NULL;

  g_assert_nonnull (request);
  body = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  g_assert_nonnull (body);

  return g_strdup (json_object_get_string_member (json_node_get_object (body), "input"));
}

static gboolean
heard (gpointer data)
{
  Fixture *fixture = data;

  return g_atomic_int_get (&fixture->n_buffers) > 0;
}

static gboolean
session_idle (gpointer data)
{
  return studio_speech_session_get_state (data) == STUDIO_SPEECH_SESSION_IDLE;
}

/* Reading starts with the first complete sentence while the reply still
 * streams, and stopping the reply stops it.
 */
static void
test_read_aloud_streaming (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autofree char *input = NULL;
  Requests one = { fixture->chat.server, 1 };

  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, streaming_chunks, 10, TRUE);
  reply = studio_chat_test_send (page, "Say two things");
  studio_gui_wait_for (has_first_sentence, reply);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STREAMING);

  g_assert_true (gtk_widget_activate_action (page, "chat.read-aloud", "x",
                                             studio_message_get_id (reply)));
  studio_gui_wait_for (has_requests, &one);
  /* Still streaming: the first sentence went out before the reply ended. */
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STREAMING);
  input = speech_input (fixture);
  g_assert_cmpstr (input, ==, "Here is the first sentence.");
  g_assert_true (studio_chat_page_get_reading (STUDIO_CHAT_PAGE (page)) == reply);
  studio_gui_wait_for (heard, fixture);

  g_assert_true (gtk_widget_activate_action (page, "chat.stop", NULL));
  studio_gui_wait_for (session_idle, fixture->session);
  g_assert_null (studio_chat_page_get_reading (STUDIO_CHAT_PAGE (page)));
  studio_gui_wait_for (studio_chat_test_reply_finished, reply);
}

/* A finished reply is read in one request, its code announced, not read;
 * a new conversation stops the reading.
 */
static void
test_read_aloud_code (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *page = fixture->chat.page;
  g_autoptr(StudioMessage) reply = NULL;
  g_autofree char *input = NULL;
  Requests one = { fixture->chat.server, 1 };

  studio_fake_server_push_stream (fixture->chat.server, COMPLETIONS, code_chunks, 10, FALSE);
  reply = studio_chat_test_send_and_wait (page, "Show me code");

  g_assert_true (gtk_widget_activate_action (page, "chat.read-aloud", "x",
                                             studio_message_get_id (reply)));
  studio_gui_wait_for (has_requests, &one);
  input = speech_input (fixture);
  g_assert_null (strstr (input, "secret"));
  g_assert_null (strstr (input, "**"));
  g_assert_nonnull (strstr (input, "Run this program."));
  g_assert_nonnull (strstr (input, "Code block in Python."));
  g_assert_nonnull (strstr (input, "That is all."));
  g_assert_cmpuint (studio_fake_server_count (fixture->chat.server, SPEECH), ==, 1);

  g_assert_true (gtk_widget_activate_action (page, "chat.new-conversation", NULL));
  studio_gui_wait_for (session_idle, fixture->session);
  g_assert_null (studio_chat_page_get_reading (STUDIO_CHAT_PAGE (page)));
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-read-aloud-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  adw_init ();
  studio_ui_init ();

  g_test_add ("/studio/read-aloud/streaming", Fixture, NULL,
              fixture_set_up, test_read_aloud_streaming, fixture_tear_down);
  g_test_add ("/studio/read-aloud/code", Fixture, NULL,
              fixture_set_up, test_read_aloud_code, fixture_tear_down);

  return g_test_run ();
}
