/* test-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "studio-client.h"
#include "studio-fake-server.h"
#include "studio-utils.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  GArray           *delays;
  GCancellable     *cancel_on_retry;
} Fixture;

static void
on_retrying (StudioClient  *client,
             StudioRequest *request,
             guint          attempt,
             guint         delay_ms,
             GError       *error,
             Fixture      *fixture)
{
  g_array_append_val (fixture->delays, delay_ms);
  if (fixture->cancel_on_retry != NULL)
    g_cancellable_cancel (fixture->cancel_on_retry);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
  g_signal_connect (fixture->client, "retrying", G_CALLBACK (on_retrying), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
  g_array_unref (fixture->delays);
}

typedef struct
{
  gboolean  done;
  JsonNode *node;
  GError   *error;
  GPtrArray *events;
  GCancellable *cancel_on_first_event;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->node, json_node_unref);
  g_clear_error (&result->error);
  g_clear_pointer (&result->events, g_ptr_array_unref);
}

static void
json_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  Result *result = user_data;

  result->node = studio_client_request_json_finish (STUDIO_CLIENT (object), async_result, &result->error);
  result->done = TRUE;
}

static JsonNode *
request_json (Fixture      *fixture,
              const char   *method,
              const char   *path,
              GCancellable *cancellable,
              GError      **error)
{
  g_autoptr(StudioRequest) request = studio_request_new (method, path);
  Result result = { 0 };

  studio_client_request_json_async (fixture->client, request, cancellable, json_cb, &result);
  studio_fake_wait_until (&result.done);

  if (result.error)
    g_propagate_error (error, result.error);
  return result.node;
}

static void
test_client_success_and_headers (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *request;
  const StudioRateLimits *limits;

  studio_client_set_organization (fixture->client, "org-test");
  studio_client_set_project (fixture->client, "proj_test");
  studio_fake_server_push (fixture->server, "/v1/models", 200, "application/json",
                           "{\"object\":\"list\",\"data\":[]}",
                           "x-ratelimit-limit-requests", "500",
                           "x-ratelimit-remaining-requests", "499",
                           "x-ratelimit-limit-tokens", "30000",
                           "x-ratelimit-remaining-tokens", "29000",
                           "x-ratelimit-reset-requests", "120ms",
                           "x-ratelimit-reset-tokens", "6m0s",
                           NULL);

  node = request_json (fixture, "GET", "models", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  request = studio_fake_server_last (fixture->server, "/v1/models");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "Bearer " TEST_KEY);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "OpenAI-Organization"), ==, "org-test");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "OpenAI-Project"), ==, "proj_test");
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (request->headers, "User-Agent"),
                                   "OpenAIStudio/" PACKAGE_VERSION));

  limits = studio_client_get_rate_limits (fixture->client);
  g_assert_cmpint (limits->limit_requests, ==, 500);
  g_assert_cmpint (limits->remaining_requests, ==, 499);
  g_assert_cmpint (limits->limit_tokens, ==, 30000);
  g_assert_cmpint (limits->remaining_tokens, ==, 29000);
  g_assert_cmpint (limits->reset_requests_ms, ==, 120);
  g_assert_cmpint (limits->reset_tokens_ms, ==, 360000);
}

static void
test_client_json_body (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioRequest) request = studio_request_new ("POST", "chat/completions");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  StudioFakeRequest *recorded;
  Result result = { 0 };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, "gpt-5.4");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  studio_request_set_json_body (request, body);

  studio_fake_server_push (fixture->server, "/v1/chat/completions", 200, "application/json", "{}", NULL);
  studio_client_request_json_async (fixture->client, request, NULL, json_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_no_error (result.error);

  recorded = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  g_assert_cmpstr (recorded->method, ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_content_type (recorded->headers, NULL), ==, "application/json");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (recorded->body, NULL),
                                             g_bytes_get_size (recorded->body), NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "model"),
                   ==, "gpt-5.4");
  result_clear (&result);
}

typedef struct
{
  guint   calls;
  goffset sent;
  goffset total;
  gboolean backwards;
} Progress;

static void
progress_cb (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->backwards |= sent < progress->sent;
  progress->calls++;
  progress->sent = sent;
  progress->total = total;
}

static void
test_client_multipart (Fixture       *fixture,
                       gconstpointer  data)
{
  Progress progress = { 0 };
  g_autoptr(StudioRequest) request = studio_request_new ("POST", "audio/transcriptions");
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("studio-XXXXXX.wav", &io, NULL);
  g_autoptr(GBytes) in_memory = g_bytes_new_static ("PNGDATA", 7);
  g_autoptr(SoupMultipart) multipart = NULL;
  GBytes *part_body = NULL;
  g_autoptr(GString) audio = g_string_new (NULL);
  SoupMessageHeaders *part_headers = NULL;
  StudioFakeRequest *recorded;
  Result result = { 0 };

  /* A file larger than one read, with bytes that must survive untouched. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (audio, (char) (i % 251));
  g_assert_true (g_file_replace_contents (file, audio->str, audio->len, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  studio_request_add_field (request, "model", "whisper-1");
  studio_request_add_file (request, "file", file, "audio/wav");
  studio_request_add_bytes (request, "image", "a \"quoted\".png", "image/png", in_memory);
  studio_request_set_progress_func (request, progress_cb, &progress, NULL);
  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200, "application/json",
                           "{\"text\":\"hi\"}", NULL);

  studio_client_request_json_async (fixture->client, request, NULL, json_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_no_error (result.error);

  recorded = studio_fake_server_last (fixture->server, "/v1/audio/transcriptions");

  /* The upload reported its progress, in order, up to the whole body. */
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_false (progress.backwards);
  g_assert_cmpint (progress.total, ==, g_bytes_get_size (recorded->body));
  g_assert_cmpint (progress.sent, ==, progress.total);

  multipart = soup_multipart_new_from_message (recorded->headers, recorded->body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 3);

  g_assert_true (soup_multipart_get_part (multipart, 0, &part_headers, &part_body));
  g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body), "whisper-1", 9);

  g_assert_true (soup_multipart_get_part (multipart, 1, &part_headers, &part_body));
  g_assert_cmpstr (soup_message_headers_get_content_type (part_headers, NULL), ==, "audio/wav");
  g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body), audio->str, audio->len);

  g_assert_true (soup_multipart_get_part (multipart, 2, &part_headers, &part_body));
  g_assert_nonnull (strstr (soup_message_headers_get_one (part_headers, "Content-Disposition"),
                            "filename=\"a %22quoted%22.png\""));

  g_file_delete (file, NULL, NULL);
  result_clear (&result);
}

static void
test_client_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    guint status;
    const char *body;
    const char *content_type;
    StudioApiError code;
    const char *param;
  } cases[] = {
    { 401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test***0000.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
      "application/json", STUDIO_API_ERROR_INVALID_KEY, NULL },
    { 403, "{\"error\":{\"message\":\"You are not allowed to sample from this model\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
      "application/json", STUDIO_API_ERROR_PERMISSION, NULL },
    { 404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
      "application/json", STUDIO_API_ERROR_NOT_FOUND, NULL },
    { 429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
      "application/json", STUDIO_API_ERROR_QUOTA_EXCEEDED, NULL },
    { 400, "{\"error\":{\"message\":\"Unsupported parameter: 'temperature' is not supported with this model.\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"unsupported_parameter\"}}",
      "application/json", STUDIO_API_ERROR_BAD_REQUEST, "temperature" },
    { 400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}",
      "application/json", STUDIO_API_ERROR_CONTEXT_TOO_LONG, "messages" },
    { 400, "{\"error\":\"model is required\"}", "application/json", STUDIO_API_ERROR_BAD_REQUEST, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *details = NULL;

      studio_fake_server_push (fixture->server, "/v1/models", cases[i].status, cases[i].content_type,
                               cases[i].body, "x-request-id", "req_123", NULL);
      node = request_json (fixture, "GET", "models", NULL, &error);

      g_assert_null (node);
      g_assert_error (error, STUDIO_API_ERROR, (int) cases[i].code);
      g_assert_cmpuint (studio_api_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (studio_api_error_get_param (error), ==, cases[i].param);
      g_assert_cmpstr (studio_api_error_get_request_id (error), ==, "req_123");
      g_assert_nonnull (studio_api_error_get_server_message (error));
      details = studio_api_error_dup_details (error);
      g_assert_nonnull (strstr (details, "req_123"));
      /* The key itself never shows up in what the user sees. */
      g_assert_null (strstr (details, TEST_KEY));
      g_assert_null (strstr (error->message, TEST_KEY));
    }

  /* None of these was retried. */
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (fixture->delays->len, ==, 0);
}

static void
test_client_html_error (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  studio_client_set_max_retries (fixture->client, 0);
  studio_fake_server_push (fixture->server, "/v1/models", 502, "text/html",
                           "<html><body><h1>502 Bad Gateway</h1></body></html>", NULL);
  node = request_json (fixture, "GET", "models", NULL, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_SERVER);
  g_assert_cmpuint (studio_api_error_get_status (error), ==, 502);
  g_assert_nonnull (strstr (studio_api_error_get_server_message (error), "502"));
  g_assert_null (strstr (studio_api_error_get_server_message (error), "<html>"));
}

static void
test_client_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, "/v1/models", 200, "application/json", "{\"data\": [", NULL);
  node = request_json (fixture, "GET", "models", NULL, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, 1);
}

/* A 200 whose body is no JSON object: nothing (a proxy's empty answer, which
 * used to crash), blanks (which used to leave the callback uncalled), an
 * array or a bare value, or brackets nested deep enough to overflow the
 * parser's stack. Each is a clear error, reported once, never retried.
 */
static void
test_client_empty_and_blank (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  const char *bodies[] = { NULL, "", "   ", " \r\n\t ", "[]", "42", "\"text\"", "null", NULL };

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "{\"a\":[");
  bodies[G_N_ELEMENTS (bodies) - 1] = deep->str;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      studio_fake_server_push (fixture->server, "/v1/models", 200, "application/json", bodies[i],
                               NULL);
      node = request_json (fixture, "GET", "models", NULL, &error);

      g_assert_null (node);
      g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
      g_assert_nonnull (studio_api_error_get_server_message (error));
      g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, i + 1);
    }
}

/* Error bodies in the shapes compatible servers send keep what they say. */
static void
test_client_error_shapes (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct {
    guint status;
    const char *body;
    StudioApiError code;
    const char *server_message;
    const char *type;
  } cases[] = {
    /* Express and others: the error names the message. */
    { 400, "{\"error\": \"SyntaxError\", \"message\": \"Unexpected token } in JSON\"}",
      STUDIO_API_ERROR_BAD_REQUEST, "SyntaxError: Unexpected token } in JSON", "SyntaxError" },
    { 429, "{\"error\": \"insufficient_quota\", \"message\": \"You have no credit left\"}",
      STUDIO_API_ERROR_QUOTA_EXCEEDED, "insufficient_quota: You have no credit left",
      "insufficient_quota" },
    /* vLLM and others: the message at the top. */
    { 400, "{\"object\": \"error\", \"message\": \"max_tokens is too large\","
      " \"type\": \"BadRequestError\", \"param\": null, \"code\": 400}",
      STUDIO_API_ERROR_BAD_REQUEST, "max_tokens is too large", "BadRequestError" },
    { 404, "{\"message\": \"Model llama-9 not found\"}",
      STUDIO_API_ERROR_NOT_FOUND, "Model llama-9 not found", NULL },
    /* FastAPI: a string, or the list of what failed validation. */
    { 401, "{\"detail\": \"Not authenticated\"}",
      STUDIO_API_ERROR_INVALID_KEY, "Not authenticated", NULL },
    { 422, "{\"detail\": [{\"loc\": [\"body\", \"messages\", 0, \"role\"],"
      " \"msg\": \"field required\", \"type\": \"value_error.missing\"},"
      " {\"loc\": [\"body\", \"model\"], \"msg\": \"str type expected\"}, 7, {\"msg\": 3}]}",
      STUDIO_API_ERROR_BAD_REQUEST,
      "body.messages.0.role: field required\nbody.model: str type expected", NULL },
    /* OpenAI's own, with an error object that has no message. */
    { 500, "{\"error\": {\"type\": \"server_error\"}, \"message\": \"upstream failed\"}",
      STUDIO_API_ERROR_SERVER, "upstream failed", "server_error" },
    /* Nothing to read: the status speaks. */
    { 400, "", STUDIO_API_ERROR_BAD_REQUEST, "HTTP 400 Bad Request", NULL },
    { 400, "   \n", STUDIO_API_ERROR_BAD_REQUEST, "HTTP 400 Bad Request", NULL },
    { 400, "{}", STUDIO_API_ERROR_BAD_REQUEST, "HTTP 400 Bad Request", NULL },
    { 400, "{\"error\": [1], \"detail\": {\"x\": 1}, \"message\": 5}", STUDIO_API_ERROR_BAD_REQUEST,
      "HTTP 400 Bad Request", NULL },
    { 400, "[\"a\"]", STUDIO_API_ERROR_BAD_REQUEST, "[\"a\"]", NULL },
  };

  studio_client_set_max_retries (fixture->client, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *details = NULL;

      studio_fake_server_push (fixture->server, "/v1/models", cases[i].status, "application/json",
                               cases[i].body, NULL);
      node = request_json (fixture, "GET", "models", NULL, &error);

      g_assert_null (node);
      g_assert_error (error, STUDIO_API_ERROR, (int) cases[i].code);
      g_assert_cmpstr (studio_api_error_get_server_message (error), ==, cases[i].server_message);
      g_assert_cmpstr (studio_api_error_get_type_name (error), ==, cases[i].type);
      details = studio_api_error_dup_details (error);
      g_assert_true (g_str_has_prefix (details, cases[i].server_message));
    }
}

/* Hostile numbers in the retry headers are bounded, never cast as they are:
 * a double out of range cast to an integer is undefined behaviour.
 */
static void
test_client_retry_after_bounds (void)
{
  static const struct {
    const char *ms;
    const char *seconds;
    gint64 expected;
  } cases[] = {
    { "20", NULL, 20 },
    { "inf", NULL, STUDIO_MAX_DURATION_MS },
    { "1e300", NULL, STUDIO_MAX_DURATION_MS },
    { "nan", NULL, -1 },
    { "-5", NULL, -1 },
    { "-inf", "2", 2000 },
    { "nan", "1.5", 1500 },
    { NULL, "1e300", STUDIO_MAX_DURATION_MS },
    { NULL, "inf", STUDIO_MAX_DURATION_MS },
    { NULL, "nan", -1 },
    { NULL, "-1", -1 },
    { NULL, "Wed, 21 Oct 2015 07:28:00 GMT", 0 },
    { NULL, "Fri, 31 Dec 9999 23:59:59 GMT", STUDIO_MAX_DURATION_MS },
    { NULL, "soon", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      g_autoptr(GError) error = NULL;

      if (cases[i].ms)
        soup_message_headers_append (headers, "retry-after-ms", cases[i].ms);
      if (cases[i].seconds)
        soup_message_headers_append (headers, "Retry-After", cases[i].seconds);
      error = studio_api_error_new_for_status (429, "Too Many Requests", NULL, headers);
      soup_message_headers_unref (headers);

      g_assert_cmpint (studio_api_error_get_retry_after_ms (error), ==, cases[i].expected);
    }

  /* The rate-limit reset times have the same bound. */
  g_assert_cmpint (studio_parse_duration_ms ("1e300h"), ==, STUDIO_MAX_DURATION_MS);
  g_assert_cmpint (studio_parse_duration_ms ("infs"), ==, -1);
  g_assert_cmpint (studio_parse_duration_ms ("nanms"), ==, -1);
  g_assert_cmpint (studio_parse_duration_ms ("-1s"), ==, -1);
  g_assert_cmpint (studio_parse_duration_ms ("1e300s1e300s"), ==, STUDIO_MAX_DURATION_MS);
}

static void
test_client_retry_after (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char rate_limited[] =
    "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, "/v1/models", 429, "application/json", rate_limited,
                           "retry-after-ms", "20", NULL);
  studio_fake_server_push (fixture->server, "/v1/models", 503, "application/json", "{}",
                           "Retry-After", "0", NULL);
  node = request_json (fixture, "GET", "models", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, 3);
  g_assert_cmpuint (fixture->delays->len, ==, 2);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 0), ==, 20);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 1), ==, 0);
}

typedef struct
{
  gboolean  done;
  char     *text;
  GError   *error;
} TextResult;

static void
text_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  TextResult *result = user_data;

  result->text = studio_client_request_text_finish (STUDIO_CLIENT (object), async_result,
                                                    &result->error);
  result->done = TRUE;
}

static char *
request_text (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(StudioRequest) request = studio_request_new ("POST", "audio/transcriptions");
  TextResult result = { 0 };

  studio_request_add_field (request, "response_format", "srt");
  studio_client_request_text_async (fixture->client, request, NULL, text_cb, &result);
  studio_fake_wait_until (&result.done);

  g_assert_true ((result.text == NULL) != (result.error == NULL));
  if (result.error)
    g_propagate_error (error, result.error);
  return result.text;
}

/* An SRT answer is not JSON: it comes back byte for byte. */
static void
test_client_text (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char srt[] =
    "1\n00:00:00,000 --> 00:00:01,500\nGrüß Gott.\n\n"
    "2\n00:00:01,500 --> 00:00:03,000\n{\"not\": json}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  StudioFakeRequest *recorded;

  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200,
                           "text/plain; charset=utf-8", srt, NULL);
  text = request_text (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, srt);

  recorded = studio_fake_server_last (fixture->server, "/v1/audio/transcriptions");
  g_assert_nonnull (strstr (soup_message_headers_get_one (recorded->headers, "Accept"),
                            "text/plain"));

  /* Silence transcribes to nothing, which is an answer too. */
  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200, "text/plain", "",
                           NULL);
  empty = request_text (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (empty, ==, "");
}

/* An error status is read as the JSON error it carries, as for JSON calls;
 * an answer that is not UTF-8 is malformed.
 */
static void
test_client_text_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  static const guint8 latin1[] = { 'G', 'r', 0xfc, 0xdf, ' ', 'G', 'o', 't', 't', '.' };
  g_autoptr(GBytes) bytes = g_bytes_new_static (latin1, sizeof latin1);
  g_autoptr(GError) error = NULL;
  char *text;

  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 400, "application/json",
                           "{\"error\":{\"message\":\"Invalid file format.\","
                           "\"type\":\"invalid_request_error\",\"param\":\"file\",\"code\":null}}",
                           NULL);
  text = request_text (fixture, &error);
  g_assert_null (text);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  g_assert_cmpuint (studio_api_error_get_status (error), ==, 400);
  g_assert_cmpstr (studio_api_error_get_server_message (error), ==, "Invalid file format.");
  g_assert_cmpstr (studio_api_error_get_param (error), ==, "file");
  g_clear_error (&error);

  studio_fake_server_push_bytes (fixture->server, "/v1/audio/transcriptions", 200, "text/plain",
                                 bytes);
  text = request_text (fixture, &error);
  g_assert_null (text);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);

  /* Neither was retried. */
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 2);
  g_assert_cmpuint (fixture->delays->len, ==, 0);
}

/* A rate limit is waited out and the call retried, as for JSON calls. */
static void
test_client_text_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                           "\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "0", NULL);
  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200, "text/plain",
                           "WEBVTT\n", NULL);
  text = request_text (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "WEBVTT\n");
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 2);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 0), ==, 0);
}

static void
test_client_retry_gives_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    studio_fake_server_push (fixture->server, "/v1/models", 500, "application/json", "{}",
                             "retry-after-ms", "1", NULL);
  studio_fake_server_push (fixture->server, "/v1/models", 200, "application/json", "{}", NULL);

  node = request_json (fixture, "GET", "models", NULL, &error);

  /* Twice by default: three attempts, then the error. */
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_SERVER);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, 3);
}

static void
test_client_backoff (void)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      guint ceiling = MIN (500u << attempt, 8000u);

      for (guint i = 0; i < 50; i++)
        {
          guint delay = studio_client_retry_delay_ms (attempt, -1);

          g_assert_cmpuint (delay, <=, ceiling);
          g_assert_cmpuint (delay, >=, ceiling * 3 / 4);
        }
    }

  g_assert_cmpuint (studio_client_retry_delay_ms (0, 1500), ==, 1500);
  /* An absurd Retry-After falls back to our own backoff. */
  g_assert_cmpuint (studio_client_retry_delay_ms (0, 3600 * 1000), <=, 500);

  g_assert_cmpint (studio_parse_duration_ms ("1h2m3.5s"), ==, 3723500);
  g_assert_cmpint (studio_parse_duration_ms ("20ms"), ==, 20);
  g_assert_cmpint (studio_parse_duration_ms ("soon"), ==, -1);
}

static void
test_client_network_error (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(StudioRequest) request = studio_request_new ("GET", "models");
  g_autofree char *base_url = g_strdup (studio_fake_server_get_base_url (server));
  Result result = { 0 };

  /* A port nobody listens on any more. */
  g_clear_pointer (&server, studio_fake_server_free);
  studio_client_set_base_url (client, base_url);
  studio_client_set_max_retries (client, 0);

  studio_client_request_json_async (client, request, NULL, json_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_NETWORK);
  result_clear (&result);
}

static void
test_client_insecure (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(StudioRequest) request = studio_request_new ("GET", "models");
  Result result = { 0 };

  studio_client_set_base_url (client, "http://api.example.invalid/v1");
  studio_client_set_api_key (client, TEST_KEY);
  studio_client_request_json_async (client, request, NULL, json_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_INSECURE_URL);
  result_clear (&result);
}

static void
test_client_cancel_request (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(StudioRequest) request = studio_request_new ("GET", "models");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  /* Cancelled once the server surely has the request, not before. */
  studio_fake_server_push_hang (fixture->server, "/v1/models");
  studio_client_request_json_async (fixture->client, request, cancellable, json_cb, &result);
  studio_fake_server_wait_for (fixture->server, "/v1/models", 1);
  g_assert_false (result.done);
  g_cancellable_cancel (cancellable);
  studio_fake_wait_until (&result.done);

  g_assert_null (result.node);
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_CANCELLED);
  g_assert_true (studio_api_error_is_cancelled (result.error));
  result_clear (&result);
}

static void
test_client_cancel_during_backoff (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* A long Retry-After, honoured, that the cancellation must cut short: it
   * comes from the signal that announces the wait, so it is surely during it.
   */
  fixture->cancel_on_retry = cancellable;
  studio_fake_server_push (fixture->server, "/v1/models", 429, "application/json", "{}",
                           "retry-after-ms", "50000", NULL);
  node = request_json (fixture, "GET", "models", cancellable, &error);

  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  g_assert_cmpuint (g_array_index (fixture->delays, guint, 0), ==, 50000);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, 1);
  /* Not after the 50 s wait: a generous bound, far below it. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

static void
cancelled_cb (GCancellable *cancellable,
              gboolean     *flag)
{
  *flag = TRUE;
}

/* The one cancellable with a time limit, which the client and the secrets
 * store share: cancelled by its parent, or by the clock, and it says which.
 */
static void
test_client_cancellable_timeout (void)
{
  g_autoptr(GCancellable) parent = g_cancellable_new ();
  g_autoptr(GCancellable) child = NULL;
  g_autoptr(GCancellable) timed = NULL;
  g_autoptr(GCancellable) orphan = NULL;
  g_autoptr(GCancellable) late = NULL;
  gboolean fired = FALSE;

  /* The clock runs out: cancelled, and known to be by the clock. */
  timed = studio_cancellable_new_with_timeout (parent, 10);
  g_cancellable_connect (timed, G_CALLBACK (cancelled_cb), &fired, NULL);
  studio_fake_wait_until (&fired);
  g_assert_true (studio_cancellable_timed_out (timed));
  g_assert_false (g_cancellable_is_cancelled (parent));

  /* The parent is cancelled: so is the child, and not by the clock. */
  fired = FALSE;
  child = studio_cancellable_new_with_timeout (parent, 0);
  g_cancellable_connect (child, G_CALLBACK (cancelled_cb), &fired, NULL);
  g_assert_false (fired);
  orphan = studio_cancellable_new_with_timeout (NULL, 0);
  late = studio_cancellable_new_with_timeout (parent, 60000);
  studio_cancellable_disarm (late);
  g_cancellable_cancel (parent);
  g_assert_true (fired);
  g_assert_false (studio_cancellable_timed_out (child));
  /* A disarmed one no longer follows its parent. */
  g_assert_false (g_cancellable_is_cancelled (late));
  g_assert_false (g_cancellable_is_cancelled (orphan));
  g_clear_object (&child);

  /* A parent already cancelled cancels at once. */
  child = studio_cancellable_new_with_timeout (parent, 60000);
  g_assert_true (g_cancellable_is_cancelled (child));
  g_assert_false (studio_cancellable_timed_out (child));

  /* Outliving the parent is fine either way round. */
  g_clear_object (&parent);
  g_assert_finalize_object (g_steal_pointer (&child));
  g_assert_finalize_object (g_steal_pointer (&timed));
}

static void
test_client_is_cancelled (void)
{
  g_autoptr(GError) ours = studio_api_error_new (STUDIO_API_ERROR_CANCELLED, NULL);
  g_autoptr(GError) gio = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               "Operation was cancelled");
  g_autoptr(GError) timeout = studio_api_error_new (STUDIO_API_ERROR_TIMEOUT, NULL);
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Failed");
  g_autoptr(GError) translated = studio_api_error_from_transport (gio);

  g_assert_true (studio_api_error_is_cancelled (ours));
  g_assert_true (studio_api_error_is_cancelled (gio));
  g_assert_true (studio_api_error_is_cancelled (translated));
  g_assert_false (studio_api_error_is_cancelled (timeout));
  g_assert_false (studio_api_error_is_cancelled (other));
  g_assert_false (studio_api_error_is_cancelled (NULL));
}

static void
test_client_idle_timeout (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  studio_client_set_timeouts (fixture->client, 5000, 200);
  studio_client_set_max_retries (fixture->client, 1);
  studio_fake_server_push_hang (fixture->server, "/v1/models");
  studio_fake_server_push_hang (fixture->server, "/v1/models");
  node = request_json (fixture, "GET", "models", NULL, &error);

  /* A silent server is a timeout, and one that can be retried. */
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_TIMEOUT);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/models"), ==, 2);
}

static void
test_client_redirect_other_host (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(StudioFakeServer) other = studio_fake_server_new ("127.0.0.2");
  g_autofree char *same_host = g_strdup_printf ("%s/models-moved", studio_fake_server_get_base_url (fixture->server));
  g_autofree char *other_host = g_strdup_printf ("%s/models", studio_fake_server_get_base_url (other));
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *request;

  /* A redirect on the same host keeps the key… */
  studio_fake_server_push (fixture->server, "/v1/models", 307, "text/plain", "", "Location", same_host, NULL);
  studio_fake_server_push (fixture->server, "/v1/models-moved", 200, "application/json", "{}", NULL);
  node = request_json (fixture, "GET", "models", NULL, &error);
  g_assert_no_error (error);
  request = studio_fake_server_last (fixture->server, "/v1/models-moved");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "Bearer " TEST_KEY);
  g_clear_pointer (&node, json_node_unref);

  /* …one to another host does not carry it, nor the organization. */
  studio_client_set_organization (fixture->client, "org-test");
  studio_fake_server_push (fixture->server, "/v1/models", 302, "text/plain", "", "Location", other_host, NULL);
  node = request_json (fixture, "GET", "models", NULL, &error);
  g_assert_no_error (error);

  request = studio_fake_server_last (other, "/v1/models");
  g_assert_nonnull (request);
  g_assert_null (soup_message_headers_get_one (request->headers, "Authorization"));
  g_assert_null (soup_message_headers_get_one (request->headers, "OpenAI-Organization"));
}

static void
event_cb (const char *event,
          JsonNode   *data,
          gpointer    user_data)
{
  Result *result = user_data;

  g_ptr_array_add (result->events, json_to_string (data, FALSE));
  if (result->cancel_on_first_event)
    g_cancellable_cancel (result->cancel_on_first_event);
}

static void
stream_cb (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  Result *result = user_data;

  studio_client_stream_events_finish (STUDIO_CLIENT (object), async_result, &result->error);
  result->done = TRUE;
}

static void
stream (Fixture      *fixture,
        Result       *result,
        GCancellable *cancellable)
{
  g_autoptr(StudioRequest) request = studio_request_new ("POST", "chat/completions");

  result->events = g_ptr_array_new_with_free_func (g_free);
  studio_client_stream_events_async (fixture->client, request, event_cb, result, NULL,
                                     cancellable, stream_cb, result);
  studio_fake_wait_until (&result->done);
}

static void
test_client_stream (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n",
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hel",
    "lo\"}}]}\n\ndata: not json\n\n: comment\n\n",
    "data: {\"choices\":[],\"usage\":{\"total_tokens\":3}}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  Result result = { 0 };
  StudioFakeRequest *request;

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, FALSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING, "*malformed*");
  stream (fixture, &result, NULL);
  g_test_assert_expected_messages ();

  g_assert_no_error (result.error);
  g_assert_cmpuint (result.events->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (result.events, 1), ==, "{\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}");
  request = studio_fake_server_last (fixture->server, "/v1/chat/completions");
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Accept"), ==, "text/event-stream");
  result_clear (&result);
}

/* A stream that ends, connection closed, without [DONE] is not a whole
 * answer: the events stand, the end is an error, and nothing is retried
 * once an event reached the caller.
 */
static void
test_client_stream_ends_early (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Half a \"}}]}\n\n",
    "data: {\"choices\":[{\"delta\":{\"content\":\"sentence\"}}]}\n\n",
    NULL
  };
  StudioFakeStreamEnd ends[] = { STUDIO_FAKE_STREAM_CLOSE, STUDIO_FAKE_STREAM_COMPLETE };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      Result result = { 0 };

      studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", chunks, 2,
                                           ends[i]);
      stream (fixture, &result, NULL);

      g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
      g_assert_cmpuint (result.events->len, ==, 2);
      g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"),
                        ==, i + 1);
      result_clear (&result);
    }

  g_assert_cmpuint (fixture->delays->len, ==, 0);
}

/* Closed before any event, by a close or an empty body: nothing was shown,
 * so it may be asked again (twice, by default).
 */
static void
test_client_stream_empty_retried (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char *nothing[] = { ": keep-alive\n\n", NULL };
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  Result result = { 0 };

  studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", nothing, 2,
                                       STUDIO_FAKE_STREAM_CLOSE);
  studio_fake_server_push (fixture->server, "/v1/chat/completions", 200, "text/event-stream", "",
                           NULL);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, FALSE);
  stream (fixture, &result, NULL);

  g_assert_no_error (result.error);
  g_assert_cmpuint (result.events->len, ==, 1);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 3);
  g_assert_cmpuint (fixture->delays->len, ==, 2);
  result_clear (&result);
}

/* Events that are not JSON objects are skipped, with one warning and then a
 * count, never a critical; an error event is an error whatever its data.
 */
static void
test_client_stream_bad_events (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *chunks[] = {
    "data:\n\n",
    "data: \n\n",
    "data: 42\n\n",
    "data: [1, 2]\n\n",
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    "data: {\"a\":\n\n",
    "event: error\ndata: upstream exploded\n\n",
    NULL
  };
  Result result = { 0 };

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 2, FALSE);
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING, "*malformed stream event*");
  g_test_expect_message ("studio-client", G_LOG_LEVEL_WARNING, "Skipped 5 malformed events*");
  stream (fixture, &result, NULL);
  g_test_assert_expected_messages ();

  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_SERVER);
  g_assert_cmpstr (studio_api_error_get_server_message (result.error), ==, "upstream exploded");
  g_assert_cmpuint (result.events->len, ==, 1);
  result_clear (&result);
}

static void
test_client_stream_error_event (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n",
    NULL
  };
  Result result = { 0 };

  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, FALSE);
  stream (fixture, &result, NULL);

  /* The error is reported; the event before it stands and is not resent. */
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_SERVER);
  g_assert_cmpuint (result.events->len, ==, 1);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 1);
  result_clear (&result);
}

static void
test_client_stream_cancel (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    NULL
  };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  result.cancel_on_first_event = cancellable;
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, TRUE);
  stream (fixture, &result, cancellable);

  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_CANCELLED);
  g_assert_cmpuint (result.events->len, ==, 1);
  result_clear (&result);
}

static void
test_client_stream_idle_timeout (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    NULL
  };
  Result result = { 0 };

  studio_client_set_timeouts (fixture->client, 5000, 200);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, TRUE);
  stream (fixture, &result, NULL);

  /* Output already reached the caller, so no retry: the partial reply stays. */
  g_assert_error (result.error, STUDIO_API_ERROR, STUDIO_API_ERROR_TIMEOUT);
  g_assert_cmpuint (result.events->len, ==, 1);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 1);
  result_clear (&result);
}

static void
test_client_stream_retry_before_output (Fixture       *fixture,
                                        gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  Result result = { 0 };

  studio_fake_server_push (fixture->server, "/v1/chat/completions", 429, "application/json",
                           "{\"error\":{\"message\":\"Slow down\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "0", NULL);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, FALSE);
  stream (fixture, &result, NULL);

  g_assert_no_error (result.error);
  g_assert_cmpuint (result.events->len, ==, 1);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 2);
  result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/studio/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("success-and-headers", test_client_success_and_headers);
  ADD ("json-body", test_client_json_body);
  ADD ("multipart", test_client_multipart);
  ADD ("errors", test_client_errors);
  ADD ("html-error", test_client_html_error);
  ADD ("malformed", test_client_malformed);
  ADD ("empty-and-blank", test_client_empty_and_blank);
  ADD ("error-shapes", test_client_error_shapes);
  ADD ("retry-after", test_client_retry_after);
  ADD ("text", test_client_text);
  ADD ("text-errors", test_client_text_errors);
  ADD ("text-retry", test_client_text_retry);
  ADD ("retry-gives-up", test_client_retry_gives_up);
  ADD ("cancel-request", test_client_cancel_request);
  ADD ("cancel-during-backoff", test_client_cancel_during_backoff);
  ADD ("idle-timeout", test_client_idle_timeout);
  ADD ("redirect-other-host", test_client_redirect_other_host);
  ADD ("stream", test_client_stream);
  ADD ("stream-ends-early", test_client_stream_ends_early);
  ADD ("stream-empty-retried", test_client_stream_empty_retried);
  ADD ("stream-bad-events", test_client_stream_bad_events);
  ADD ("stream-error-event", test_client_stream_error_event);
  ADD ("stream-cancel", test_client_stream_cancel);
  ADD ("stream-idle-timeout", test_client_stream_idle_timeout);
  ADD ("stream-retry-before-output", test_client_stream_retry_before_output);
#undef ADD

  g_test_add_func ("/studio/client/backoff", test_client_backoff);
  g_test_add_func ("/studio/client/network-error", test_client_network_error);
  g_test_add_func ("/studio/client/insecure", test_client_insecure);
  g_test_add_func ("/studio/client/retry-after-bounds", test_client_retry_after_bounds);
  g_test_add_func ("/studio/client/cancellable-timeout", test_client_cancellable_timeout);
  g_test_add_func ("/studio/client/is-cancelled", test_client_is_cancelled);

  return g_test_run ();
}
