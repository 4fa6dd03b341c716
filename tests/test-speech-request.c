/* test-speech-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "studio-fake-server.h"
#include "studio-settings.h"
#include "studio-speech-request.h"
#include "studio-speech-text.h"

#define SPEECH "/v1/audio/speech"

/* CreateSpeechRequest's members: it takes no other. */
static const char * const speech_members[] = {
  "model", "input", "instructions", "voice", "response_format", "speed", "stream_format", NULL
};

static JsonObject *
request_body (StudioRequest *request)
{
  GBytes *body = studio_request_get_json_body (request);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  g_assert_cmpstr (studio_request_get_method (request), ==, "POST");
  g_assert_cmpstr (studio_request_get_path (request), ==, "audio/speech");
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_true (g_strv_contains (speech_members, l->data));

  return json_object_ref (object);
}

static StudioSpeechSettings *
settings_new (void)
{
  StudioSpeechSettings *settings = studio_speech_settings_new ();

  g_free (settings->voice);
  settings->voice = g_strdup ("coral");
  settings->instructions = g_strdup ("Speak calmly.");
  settings->format = (g_free (settings->format), g_strdup ("opus"));
  settings->speed = 1.25;
  settings->stream_sse = TRUE;

  return settings;
}

static void
test_request_gpt (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-4o-mini-tts");
  g_autoptr(StudioSpeechSettings) settings = settings_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  request = studio_speech_request_new (model, settings, "Hello there.", &error);
  g_assert_no_error (error);
  body = request_body (request);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-4o-mini-tts");
  g_assert_cmpstr (json_object_get_string_member (body, "input"), ==, "Hello there.");
  g_assert_cmpstr (json_object_get_string_member (body, "voice"), ==, "coral");
  g_assert_cmpstr (json_object_get_string_member (body, "instructions"), ==, "Speak calmly.");
  g_assert_cmpstr (json_object_get_string_member (body, "response_format"), ==, "opus");
  g_assert_cmpfloat (json_object_get_double_member (body, "speed"), ==, 1.25);
  g_assert_cmpstr (json_object_get_string_member (body, "stream_format"), ==, "sse");
  g_assert_true (studio_speech_settings_uses_sse (settings, model));
}

/* tts-1 takes neither instructions nor stream_format. */
static void
test_request_tts (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("tts-1");
  g_autoptr(StudioSpeechSettings) settings = settings_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) voices = studio_speech_model_dup_voices (model);

  g_assert_false (g_strv_contains ((const char * const *) voices, "ballad"));
  g_assert_true (g_strv_contains ((const char * const *) voices, "coral"));

  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_no_error (error);
  body = request_body (request);
  g_assert_false (json_object_has_member (body, "instructions"));
  g_assert_false (json_object_has_member (body, "stream_format"));
  g_assert_false (studio_speech_settings_uses_sse (settings, model));
}

static void
test_request_custom_voice (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-4o-mini-tts");
  g_autoptr(StudioSpeechSettings) settings = settings_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *voice;

  settings->custom_voice = g_strdup ("voice_1234");
  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_no_error (error);
  body = request_body (request);
  voice = json_object_get_object_member (body, "voice");
  g_assert_nonnull (voice);
  g_assert_cmpuint (json_object_get_size (voice), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (voice, "id"), ==, "voice_1234");
}

/* A model of no family we know gets the plain members. */
static void
test_request_unknown_model (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("kokoro-local");
  g_autoptr(StudioSpeechSettings) settings = settings_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_no_error (error);
  body = request_body (request);
  g_assert_false (json_object_has_member (body, "stream_format"));
  g_assert_cmpstr (json_object_get_string_member (body, "voice"), ==, "coral");
}

static void
test_request_refusals (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("tts-1");
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  StudioRequest *request;
  GError *error = NULL;

  request = studio_speech_request_new (model, settings, "  \n ", &error);
  g_assert_null (request);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  while (g_utf8_strlen (long_text->str, -1) <= STUDIO_SPEECH_MAX_INPUT_CHARS)
    g_string_append (long_text, "é");
  request = studio_speech_request_new (model, settings, long_text->str, &error);
  g_assert_null (request);
  g_assert_nonnull (strstr (error->message, "4096"));
  g_clear_error (&error);

  g_free (settings->voice);
  settings->voice = g_strdup ("ballad");
  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_null (request);
  g_assert_nonnull (strstr (error->message, "ballad"));
  g_clear_error (&error);

  g_free (settings->voice);
  settings->voice = g_strdup ("alloy");
  settings->speed = 5;
  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_null (request);
  g_clear_error (&error);

  settings->speed = 1;
  g_free (settings->format);
  settings->format = g_strdup ("ogg");
  request = studio_speech_request_new (model, settings, "Hi.", &error);
  g_assert_null (request);
  g_clear_error (&error);
}

static void
test_settings_round_trip (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new ("org.example.OpenAIStudio");
  g_autoptr(StudioSpeechSettings) settings = settings_new ();
  g_autoptr(StudioSpeechSettings) read = NULL;
  g_autoptr(StudioSpeechSettings) parsed = NULL;
  g_autoptr(JsonNode) json = NULL;

  settings->model = g_strdup ("gpt-4o-mini-tts");
  settings->custom_voice = g_strdup ("voice_9");
  studio_speech_settings_save (settings, gsettings);
  read = studio_speech_settings_new_from_gsettings (gsettings);
  json = studio_speech_settings_to_json (read);
  parsed = studio_speech_settings_new_from_json (json);

  for (guint i = 0; i < 2; i++)
    {
      StudioSpeechSettings *s = i == 0 ? read : parsed;

      g_assert_cmpstr (s->model, ==, "gpt-4o-mini-tts");
      g_assert_cmpstr (s->voice, ==, "coral");
      g_assert_cmpstr (s->custom_voice, ==, "voice_9");
      g_assert_cmpstr (s->instructions, ==, "Speak calmly.");
      g_assert_cmpstr (s->format, ==, "opus");
      g_assert_cmpfloat (s->speed, ==, 1.25);
      g_assert_true (s->stream_sse);
    }

  g_assert_cmpstr (studio_speech_format_get_extension ("opus"), ==, "opus");
  g_assert_cmpstr (studio_speech_format_get_mime_type ("mp3"), ==, "audio/mpeg");
  g_assert_null (studio_speech_format_get_extension ("ogg"));
  g_assert_true (studio_speech_content_type_is_audio ("audio/mpeg"));
  g_assert_true (studio_speech_content_type_is_audio ("application/octet-stream"));
  g_assert_false (studio_speech_content_type_is_audio ("text/html"));
  g_assert_false (studio_speech_content_type_is_audio ("application/json"));
  g_assert_false (studio_speech_content_type_is_audio (NULL));
}

static JsonNode *
parse (const char *text)
{
  return json_from_string (text, NULL);
}

static void
test_event_parse (void)
{
  g_autoptr(JsonNode) delta = parse ("{\"type\":\"speech.audio.delta\",\"audio\":\"aGVsbG8=\"}");
  g_autoptr(JsonNode) done = parse ("{\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":3,\"output_tokens\":40,\"total_tokens\":43}}");
  g_autoptr(JsonNode) bad = parse ("{\"type\":\"speech.audio.delta\",\"audio\":\"a$b\"}");
  g_autoptr(JsonNode) missing = parse ("{\"type\":\"speech.audio.delta\"}");
  g_autoptr(JsonNode) other = parse ("{\"type\":\"speech.other\"}");
  g_autoptr(GBytes) bytes = NULL;
  StudioSpeechUsage usage;
  gboolean is_done;
  GError *error = NULL;

  bytes = studio_speech_event_parse (NULL, delta, &is_done, &usage, &error);
  g_assert_no_error (error);
  g_assert_false (is_done);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "hello", 5);

  g_assert_null (studio_speech_event_parse ("speech.audio.done", done, &is_done, &usage, &error));
  g_assert_no_error (error);
  g_assert_true (is_done);
  g_assert_cmpint (usage.input_tokens, ==, 3);
  g_assert_cmpint (usage.output_tokens, ==, 40);
  g_assert_cmpint (usage.total_tokens, ==, 43);

  g_assert_null (studio_speech_event_parse (NULL, bad, &is_done, NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (studio_speech_event_parse (NULL, missing, &is_done, NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (studio_speech_event_parse (NULL, other, &is_done, NULL, &error));
  g_assert_no_error (error);
}

/* The client's binary stream. */

typedef struct
{
  StudioFakeServer *server;
  GByteArray       *received;
  char             *content_type;
  guint             n_chunks;
  gboolean          chunk_while_held;
  GAsyncResult     *result;
} Streamed;

static void
bytes_cb (const char *content_type,
          GBytes     *chunk,
          gpointer    user_data)
{
  Streamed *streamed = user_data;

  g_free (streamed->content_type);
  streamed->content_type = g_strdup (content_type);
  g_byte_array_append (streamed->received, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  streamed->n_chunks++;
}

static gboolean
stream (StudioFakeServer  *server,
        Streamed          *streamed,
        gboolean           hold,
        GError           **error)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(StudioModel) model = studio_fake_model_new ("tts-1");
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();
  g_autoptr(StudioRequest) request = studio_speech_request_new (model, settings, "Hi.", NULL);
  gboolean ok;

  studio_client_set_base_url (client, studio_fake_server_get_base_url (server));
  studio_client_set_api_key (client, "sk-test");
  studio_client_set_max_retries (client, 0);

  streamed->received = g_byte_array_new ();
  studio_client_stream_bytes_async (client, request, bytes_cb, streamed, NULL, NULL,
                                    studio_fake_result_cb, &streamed->result);
  if (hold)
    {
      while (!studio_fake_server_get_held (server, SPEECH) || streamed->n_chunks == 0)
        g_main_context_iteration (NULL, TRUE);
      streamed->chunk_while_held = streamed->n_chunks > 0;
      studio_fake_server_release (server, SPEECH);
    }

  ok = studio_client_stream_bytes_finish (client, studio_fake_wait_result (&streamed->result), error);
  g_clear_object (&streamed->result);

  return ok;
}

static void
streamed_clear (Streamed *streamed)
{
  g_clear_pointer (&streamed->received, g_byte_array_unref);
  g_clear_pointer (&streamed->content_type, g_free);
}

static void
test_client_stream_bytes (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(GBytes) audio = studio_fake_read_test_bytes ("speech/a.mp3");
  g_autoptr(GError) error = NULL;
  Streamed streamed = { 0 };
  StudioFakeRequest *request;

  studio_fake_server_push_audio (server, SPEECH, "audio/mpeg", audio, 1024, 0,
                                 4096, STUDIO_FAKE_STREAM_COMPLETE);
  g_assert_true (stream (server, &streamed, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (streamed.chunk_while_held);
  g_assert_cmpstr (streamed.content_type, ==, "audio/mpeg");
  g_assert_cmpmem (streamed.received->data, streamed.received->len,
                   g_bytes_get_data (audio, NULL), g_bytes_get_size (audio));

  request = studio_fake_server_last (server, SPEECH);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==, "Bearer sk-test");
  streamed_clear (&streamed);
}

/* A body cut short fails after what came was delivered. */
static void
test_client_stream_bytes_drop (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(GBytes) audio = studio_fake_read_test_bytes ("speech/a.mp3");
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (audio, 0, g_bytes_get_size (audio) / 2);
  g_autoptr(GError) error = NULL;
  Streamed streamed = { 0 };

  studio_fake_server_push_audio (server, SPEECH, "audio/mpeg", half, 1024, 0,
                                 G_MAXSIZE, STUDIO_FAKE_STREAM_DROP);
  g_assert_false (stream (server, &streamed, FALSE, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_NETWORK);
  g_assert_cmpuint (streamed.received->len, ==, g_bytes_get_size (half));
  streamed_clear (&streamed);
}

static void
test_client_stream_bytes_errors (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(GError) error = NULL;
  Streamed streamed = { 0 };

  studio_fake_server_push (server, SPEECH, 429, "application/json",
                           "{\"error\":{\"message\":\"Slow down\",\"type\":\"requests\",\"param\":null,\"code\":null}}",
                           "Retry-After", "7", NULL);
  g_assert_false (stream (server, &streamed, FALSE, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (streamed.received->len, ==, 0);
  streamed_clear (&streamed);
  g_clear_error (&error);

  /* A page that is not audio still reaches the caller, with its type. */
  studio_fake_server_push (server, SPEECH, 200, "text/html", "<html>Login</html>", NULL);
  g_assert_true (stream (server, &streamed, FALSE, &error));
  g_assert_cmpstr (streamed.content_type, ==, "text/html");
  g_assert_false (studio_speech_content_type_is_audio (streamed.content_type));
  streamed_clear (&streamed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-request/gpt", test_request_gpt);
  g_test_add_func ("/speech-request/tts", test_request_tts);
  g_test_add_func ("/speech-request/custom-voice", test_request_custom_voice);
  g_test_add_func ("/speech-request/unknown-model", test_request_unknown_model);
  g_test_add_func ("/speech-request/refusals", test_request_refusals);
  g_test_add_func ("/speech-request/settings", test_settings_round_trip);
  g_test_add_func ("/speech-request/events", test_event_parse);
  g_test_add_func ("/speech-request/client-stream-bytes", test_client_stream_bytes);
  g_test_add_func ("/speech-request/client-stream-bytes-drop", test_client_stream_bytes_drop);
  g_test_add_func ("/speech-request/client-stream-bytes-errors", test_client_stream_bytes_errors);

  return g_test_run ();
}
