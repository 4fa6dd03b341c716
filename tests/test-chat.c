/* test-chat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chat requests and streamed replies, checked in the fake server's
 * recorded requests field by field.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "studio-chat-request.h"
#include "studio-chat-stream.h"
#include "studio-prices.h"
#include "studio-fake-server.h"
#include "studio-model-catalog.h"

typedef struct
{
  StudioFakeServer   *server;
  StudioClient       *client;
  StudioModelCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *models = studio_fake_read_test_file ("models.json");

  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, "sk-test-chat");
  fixture->catalog = studio_model_catalog_new (fixture->client);
  g_assert_true (json_parser_load_from_data (parser, models, -1, NULL));
  g_assert_true (studio_model_catalog_load_response (fixture->catalog, json_parser_get_root (parser), NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->catalog);
  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
}

static JsonObject *
build (Fixture            *fixture,
       const char         *model_id,
       StudioConversation *conversation,
       GPtrArray          *messages)
{
  StudioModel *model = studio_model_catalog_lookup (fixture->catalog, model_id);
  g_autoptr(GError) error = NULL;
  JsonNode *body;
  JsonObject *object;

  g_assert_nonnull (model);
  body = studio_chat_request_build_body (model, conversation, messages, &error);
  g_assert_no_error (error);
  object = json_object_ref (json_node_get_object (body));
  json_node_unref (body);

  return object;
}

static GPtrArray *
one_question (const char *text)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (messages, studio_message_new ("user", text));
  return messages;
}

static JsonObject *
settings_with_everything (void)
{
  JsonObject *settings = json_object_new ();
  JsonArray *stop = json_array_new ();

  json_array_add_string_element (stop, "END");
  json_object_set_double_member (settings, "temperature", 0.3);
  json_object_set_double_member (settings, "top_p", 0.9);
  json_object_set_int_member (settings, "max_completion_tokens", 500);
  json_object_set_int_member (settings, "max_tokens", 400);
  json_object_set_double_member (settings, "presence_penalty", 0.5);
  json_object_set_double_member (settings, "frequency_penalty", -0.5);
  json_object_set_int_member (settings, "seed", 42);
  json_object_set_array_member (settings, "stop", stop);
  json_object_set_string_member (settings, "reasoning_effort", "high");
  json_object_set_string_member (settings, "verbosity", "low");
  json_object_set_string_member (settings, "response_format", "json_object");

  return settings;
}

static void
test_chat_body_plain (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Hello");
  g_autoptr(JsonObject) body = NULL;
  JsonArray *sent;
  JsonObject *first;

  studio_conversation_set_system_prompt (conversation, "Be brief.");
  g_ptr_array_add (messages, studio_message_new ("assistant", "Hi!"));
  /* A failed reply with no text is not sent back to the model. */
  g_ptr_array_add (messages, studio_message_new ("assistant", ""));
  g_ptr_array_add (messages, studio_message_new ("user", "How are you?"));

  body = build (fixture, "gpt-4o", conversation, messages);

  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-4o");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (body, "stream_options"),
                                                 "include_usage"));
  sent = json_object_get_array_member (body, "messages");
  g_assert_cmpuint (json_array_get_length (sent), ==, 4);
  first = json_array_get_object_element (sent, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "system");
  g_assert_cmpstr (json_object_get_string_member (first, "content"), ==, "Be brief.");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 1), "content"), ==, "Hello");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 2), "role"), ==, "assistant");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sent, 3), "content"), ==, "How are you?");

  /* No parameter that was not chosen. */
  g_assert_false (json_object_has_member (body, "temperature"));
}

static void
test_chat_body_parameters (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Hello");
  g_autoptr(JsonObject) settings = settings_with_everything ();
  g_autoptr(JsonObject) classic = NULL;
  g_autoptr(JsonObject) reasoning = NULL;
  g_autoptr(JsonObject) gpt5 = NULL;
  g_autoptr(JsonObject) unknown = NULL;

  studio_conversation_set_settings (conversation, settings);
  studio_conversation_set_system_prompt (conversation, "Be brief.");

  /* A classic model: sampling parameters, no reasoning effort. */
  classic = build (fixture, "gpt-4.1", conversation, messages);
  g_assert_cmpfloat (json_object_get_double_member (classic, "temperature"), ==, 0.3);
  g_assert_cmpfloat (json_object_get_double_member (classic, "top_p"), ==, 0.9);
  g_assert_cmpint (json_object_get_int_member (classic, "max_completion_tokens"), ==, 500);
  g_assert_cmpfloat (json_object_get_double_member (classic, "presence_penalty"), ==, 0.5);
  g_assert_cmpfloat (json_object_get_double_member (classic, "frequency_penalty"), ==, -0.5);
  g_assert_cmpint (json_object_get_int_member (classic, "seed"), ==, 42);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (classic, "stop"), 0), ==, "END");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (classic, "response_format"), "type"),
                   ==, "json_object");
  g_assert_false (json_object_has_member (classic, "reasoning_effort"));
  g_assert_false (json_object_has_member (classic, "max_tokens"));
  g_assert_false (json_object_has_member (classic, "verbosity"));

  /* A reasoning model: effort and completion tokens, no sampling, and the
   * system prompt as a developer message.
   */
  reasoning = build (fixture, "o3", conversation, messages);
  g_assert_cmpstr (json_object_get_string_member (reasoning, "reasoning_effort"), ==, "high");
  g_assert_cmpint (json_object_get_int_member (reasoning, "max_completion_tokens"), ==, 500);
  g_assert_false (json_object_has_member (reasoning, "temperature"));
  g_assert_false (json_object_has_member (reasoning, "top_p"));
  g_assert_false (json_object_has_member (reasoning, "presence_penalty"));
  g_assert_false (json_object_has_member (reasoning, "stop"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (reasoning, "messages"), 0),
                                                  "role"), ==, "developer");

  gpt5 = build (fixture, "gpt-5.4", conversation, messages);
  g_assert_cmpstr (json_object_get_string_member (gpt5, "verbosity"), ==, "low");
  g_assert_false (json_object_has_member (gpt5, "temperature"));

  /* A model nobody knows gets what compatible servers take. */
  unknown = build (fixture, "llama-3.1-8b-instruct", conversation, messages);
  g_assert_cmpint (json_object_get_int_member (unknown, "max_tokens"), ==, 400);
  g_assert_cmpfloat (json_object_get_double_member (unknown, "temperature"), ==, 0.3);
  g_assert_false (json_object_has_member (unknown, "max_completion_tokens"));
  g_assert_false (json_object_has_member (unknown, "response_format"));
}

static void
test_chat_body_vision (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Which is bigger?");
  g_autoptr(GBytes) png = g_bytes_new_static ("PNG", 3);
  g_autoptr(GBytes) jpeg = g_bytes_new_static ("JPG", 3);
  StudioMessage *question = g_ptr_array_index (messages, 0);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *parts;
  JsonObject *image;

  studio_message_add_attachment (question, studio_attachment_new_image ("a.png", "image/png", png, "high"));
  studio_message_add_attachment (question, studio_attachment_new_image ("b.jpg", "image/jpeg", jpeg, "low"));
  studio_message_add_attachment (question, studio_attachment_new_transcript ("memo.mp3", "Buy milk"));

  body = build (fixture, "gpt-4o", conversation, messages);
  parts = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (body, "messages"), 0),
                                        "content");
  g_assert_cmpuint (json_array_get_length (parts), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parts, 0), "type"), ==, "text");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (parts, 0), "text"), "Buy milk"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parts, 1), "text"), ==, "Which is bigger?");

  image = json_object_get_object_member (json_array_get_object_element (parts, 2), "image_url");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parts, 2), "type"), ==, "image_url");
  g_assert_cmpstr (json_object_get_string_member (image, "url"), ==, "data:image/png;base64,UE5H");
  g_assert_cmpstr (json_object_get_string_member (image, "detail"), ==, "high");
  image = json_object_get_object_member (json_array_get_object_element (parts, 3), "image_url");
  g_assert_cmpstr (json_object_get_string_member (image, "url"), ==, "data:image/jpeg;base64,SlBH");
  g_assert_cmpstr (json_object_get_string_member (image, "detail"), ==, "low");

  /* A model that cannot see says so before anything is sent. */
  g_assert_null (studio_chat_request_build_body (studio_model_catalog_lookup (fixture->catalog, "gpt-3.5-turbo"),
                                                 conversation, messages, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "cannot see images"));
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Result;

static void
run_cb (GObject      *object,
        GAsyncResult *async_result,
        gpointer      user_data)
{
  Result *result = user_data;

  studio_chat_stream_run_finish (STUDIO_CHAT_STREAM (object), async_result, &result->error);
  result->done = TRUE;
}

static StudioMessage *
run_stream (Fixture      *fixture,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Hello");
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioChatStream) stream = NULL;
  StudioMessage *reply = studio_message_new ("assistant", "");
  Result result = { 0 };

  request = studio_chat_request_new (studio_model_catalog_lookup (fixture->catalog, "gpt-4o"),
                                     conversation, messages, NULL);
  stream = studio_chat_stream_new (fixture->client, reply);
  studio_chat_stream_run_async (stream, request, cancellable, run_cb, &result);
  studio_fake_wait_until (&result.done);
  if (result.error)
    g_propagate_error (error, result.error);

  return reply;
}

static void
test_chat_stream_accumulates (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"**Hello**\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\", world\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n",
    "data: {\"choices\":[]}\n\n",
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *extra;
  JsonObject *call;
  StudioFakeRequest *request;
  g_autoptr(JsonNode) sent = NULL;

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, FALSE);
  reply = run_stream (fixture, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (studio_message_get_content (reply), ==, "**Hello**, world");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  extra = studio_message_get_extra (reply);
  g_assert_cmpstr (json_object_get_string_member (extra, "finish_reason"), ==, "tool_calls");
  g_assert_cmpstr (json_object_get_string_member (extra, "model"), ==, "gpt-4o-2024-08-06");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (extra, "usage"), "completion_tokens"), ==, 7);
  call = json_array_get_object_element (json_object_get_array_member (extra, "tool_calls"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "call_1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"), "name"), ==, "get_weather");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (call, "function"), "arguments"),
                   ==, "{\"city\":\"Oslo\"}");

  request = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  sent = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (sent), "stream"));
}

static void
test_chat_stream_refusal_and_length (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const char *refusal[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't \"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"help with that.\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  static const char *length[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Once upon\"},\"finish_reason\":\"length\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  g_autoptr(StudioMessage) first = NULL;
  g_autoptr(StudioMessage) second = NULL;

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", refusal, 2, FALSE);
  first = run_stream (fixture, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (studio_message_get_extra (first), "refusal"), ==,
                   "I can't help with that.");

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", length, 2, FALSE);
  second = run_stream (fixture, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (studio_message_get_extra (second), "finish_reason"), ==, "length");
  g_assert_cmpstr (studio_message_get_content (second), ==, "Once upon");
}

static void
cancel_when_text_cb (StudioMessage *reply,
                     GParamSpec    *pspec,
                     GCancellable  *cancellable)
{
  if (g_str_has_prefix (studio_message_get_content (reply), "Partial"))
    g_cancellable_cancel (cancellable);
}

static void
test_chat_stream_stop (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Partial\"}}]}\n\n",
    NULL
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Hello");
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioChatStream) stream = NULL;
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", "");
  Result result = { 0 };

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, TRUE);
  request = studio_chat_request_new (studio_model_catalog_lookup (fixture->catalog, "gpt-4o"),
                                     conversation, messages, NULL);
  stream = studio_chat_stream_new (fixture->client, reply);
  g_signal_connect (reply, "notify::content", G_CALLBACK (cancel_when_text_cb), cancellable);
  studio_chat_stream_run_async (stream, request, cancellable, run_cb, &result);
  studio_fake_wait_until (&result.done);

  g_assert_true (studio_api_error_is_cancelled (result.error));
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Partial");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_clear_error (&result.error);
}

static void
test_chat_stream_retry_after_429 (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Fine\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, "/v1/chat/completions", 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "0", NULL);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, FALSE);
  reply = run_stream (fixture, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Fine");
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 2);
}

static void
test_chat_stream_drop_keeps_text (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half a \"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"sentence\"}}]}\n\n",
    NULL
  };
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GError) error = NULL;

  studio_client_set_timeouts (fixture->client, 5000, 200);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, TRUE);
  reply = run_stream (fixture, NULL, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_TIMEOUT);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Half a sentence");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_FAILED);
  g_assert_nonnull (json_object_get_object_member (studio_message_get_extra (reply), "error"));
}

/* The connection closes after some text, with no finish reason and no
 * [DONE]: the reply keeps its text but is not complete. It is marked
 * interrupted, with the error for the UI to show beside a Retry, and it was
 * not sent again behind the user's back.
 */
static void
test_chat_stream_dropped_interrupted (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half a \"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"sentence\"}}]}\n\n",
    NULL
  };
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *stored;

  studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", chunks, 2,
                                       STUDIO_FAKE_STREAM_CLOSE);
  reply = run_stream (fixture, NULL, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "Half a sentence");
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  stored = json_object_get_object_member (studio_message_get_extra (reply), "error");
  g_assert_nonnull (stored);
  g_assert_cmpint (json_object_get_int_member (stored, "code"), ==, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpstr (json_object_get_string_member (stored, "message"), ==, error->message);
  g_assert_false (json_object_has_member (studio_message_get_extra (reply), "finish_reason"));
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 1);
}

/* Some servers close the stream after the finish reason and never send
 * [DONE]: the model said it was done, so that reply is complete.
 */
static void
test_chat_stream_finish_without_done (Fixture       *fixture,
                                      gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"All of it.\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
    NULL
  };
  StudioFakeStreamEnd ends[] = { STUDIO_FAKE_STREAM_CLOSE, STUDIO_FAKE_STREAM_COMPLETE };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(StudioMessage) reply = NULL;
      g_autoptr(GError) error = NULL;

      studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", chunks, 2,
                                           ends[i]);
      reply = run_stream (fixture, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (studio_message_get_content (reply), ==, "All of it.");
      g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);
      g_assert_false (json_object_has_member (studio_message_get_extra (reply), "error"));
    }
}

/* A run that is retried by the user on the same reply starts afresh: the
 * finish reason of the last run does not make an interrupted one complete.
 */
static void
test_chat_stream_rerun_forgets_finish (Fixture       *fixture,
                                       gconstpointer  data)
{
  static const char *whole[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"One\"},"
    "\"finish_reason\":\"stop\"}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  static const char *cut[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" two\"}}]}\n\n",
    NULL
  };
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = one_question ("Hello");
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioChatStream) stream = NULL;
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", "");
  Result result = { 0 };

  request = studio_chat_request_new (studio_model_catalog_lookup (fixture->catalog, "gpt-4o"),
                                     conversation, messages, NULL);
  stream = studio_chat_stream_new (fixture->client, reply);

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", whole, 2, FALSE);
  studio_chat_stream_run_async (stream, request, NULL, run_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);

  result.done = FALSE;
  studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", cut, 2,
                                       STUDIO_FAKE_STREAM_CLOSE);
  studio_chat_stream_run_async (stream, request, NULL, run_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  g_assert_cmpstr (studio_message_get_content (reply), ==, "One two");
  g_clear_error (&result.error);
}

static const char *
call_member (JsonArray  *calls,
             guint       index,
             const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (calls, index), member);
}

/* Chunks with members of the wrong type are taken as far as they make sense,
 * without a critical (the tests run with criticals fatal).
 */
static void
test_chat_stream_odd_chunks (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *chunks[] = {
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\",\"tool_calls\":[\"x\",7,null,[1],"
    "{\"index\":{\"n\":1},\"id\":\"call_obj\",\"function\":{\"name\":\"f\"}}]}}]}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
    "{\"index\":[0],\"function\":{\"arguments\":\"{}\"}},"
    "{\"index\":1.5,\"id\":\"call_half\"},{\"index\":\"2\",\"id\":\"call_str\"},"
    "{\"index\":1e300}]}}]}",
    "{\"choices\":[{\"index\":{\"a\":1},\"delta\":{\"content\":\"B\"}},"
    "{\"index\":[],\"delta\":{\"content\":\"C\"}},"
    "{\"index\":1,\"delta\":{\"content\":\"not shown\"}},\"choice\","
    "{\"index\":0,\"delta\":[1]}]}",
    "{\"choices\":{\"index\":0},\"usage\":[1],\"model\":7}",
    "{\"choices\":[{\"index\":0,\"delta\":{\"content\":5,\"refusal\":{},\"tool_calls\":{}},"
    "\"finish_reason\":3}]}",
    NULL
  };
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", "");
  g_autoptr(StudioChatStream) stream = studio_chat_stream_new (fixture->client, reply);
  JsonObject *extra = studio_message_get_extra (reply);
  JsonArray *calls;

  for (guint i = 0; chunks[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (chunks[i], NULL);

      g_assert_nonnull (node);
      studio_chat_stream_apply_chunk (stream, json_node_get_object (node));
    }

  /* An index of another type counts as the entry's place, or the first. */
  g_assert_cmpstr (studio_message_get_content (reply), ==, "ABC");
  calls = json_object_get_array_member (extra, "tool_calls");
  g_assert_cmpuint (json_array_get_length (calls), ==, 5);
  g_assert_cmpstr (call_member (calls, 4, "id"), ==, "call_obj");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (calls, 0), "function"), "arguments"), ==, "{}");
  g_assert_cmpstr (call_member (calls, 1, "id"), ==, "call_half");
  g_assert_cmpstr (call_member (calls, 2, "id"), ==, "call_str");
  g_assert_false (json_object_has_member (extra, "usage"));
  g_assert_false (json_object_has_member (extra, "model"));
  g_assert_false (json_object_has_member (extra, "finish_reason"));
  g_assert_false (json_object_has_member (extra, "refusal"));
}

static void
test_chat_stream_bad_param (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(StudioMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *stored;

  studio_fake_server_push (fixture->server, "/v1/chat/completions", 400, "application/json",
                           "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0.3 with this model.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_value\"}}",
                           NULL);
  reply = run_stream (fixture, NULL, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  stored = json_object_get_object_member (studio_message_get_extra (reply), "error");
  g_assert_cmpstr (json_object_get_string_member (stored, "param"), ==, "temperature");
  g_assert_nonnull (strstr (json_object_get_string_member (stored, "details"), "does not support 0.3"));
}

/* Prices: the user's file first, then the built-in table; a broken file
 * is refused with its reason, and the prices in use stay.
 */
static void
test_chat_prices (void)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  StudioPrices *prices;
  g_autoptr(GError) error = NULL;

  prices = studio_prices_get_default ();
  g_assert_cmpfloat (studio_prices_estimate (prices, "no-such-model-anywhere", 1000, 1000), ==, -1);
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o", 1000000, 0), >, 0);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"prices\":[{\"match\":\"^gpt-4o$\",\"input\":2,\"output\":8}]}", -1, NULL));
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (studio_prices_estimate (prices, "gpt-4o", 1000000, 1000000), 10.0, 1e-9);
  /* Anything the user's file does not name keeps its built-in price. */
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o-mini", 1000000, 0), >, 0);

  g_assert_true (g_file_set_contents (path, "{\"prices\":[{\"match\":\"(unclosed\",\"input\":1}]}", -1, NULL));
  g_assert_false (studio_prices_reload_default (&error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "prices.json"));
  g_assert_cmpfloat_with_epsilon (studio_prices_estimate (prices, "gpt-4o", 1000000, 1000000), 10.0, 1e-9);
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o", 1000000, 1000000), !=, 10.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("studio-chat-XXXXXX", NULL);
  int status;

  /* Prices of our own, never the user's; set before GLib reads it. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/chat/prices", test_chat_prices);

#define ADD(path, func) \
  g_test_add ("/studio/chat/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("body-plain", test_chat_body_plain);
  ADD ("body-parameters", test_chat_body_parameters);
  ADD ("body-vision", test_chat_body_vision);
  ADD ("stream-accumulates", test_chat_stream_accumulates);
  ADD ("stream-refusal-and-length", test_chat_stream_refusal_and_length);
  ADD ("stream-stop", test_chat_stream_stop);
  ADD ("stream-retry-after-429", test_chat_stream_retry_after_429);
  ADD ("stream-drop-keeps-text", test_chat_stream_drop_keeps_text);
  ADD ("stream-bad-param", test_chat_stream_bad_param);
  ADD ("stream-dropped-interrupted", test_chat_stream_dropped_interrupted);
  ADD ("stream-finish-without-done", test_chat_stream_finish_without_done);
  ADD ("stream-rerun-forgets-finish", test_chat_stream_rerun_forgets_finish);
  ADD ("stream-odd-chunks", test_chat_stream_odd_chunks);
#undef ADD

  status = g_test_run ();

  {
    g_autofree char *dir = g_build_filename (config, "openai-studio", NULL);

    g_rmdir (dir);
    g_rmdir (config);
  }

  return status;
}
