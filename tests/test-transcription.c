/* test-transcription.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "studio-api-error.h"
#include "studio-client.h"
#include "studio-fake-server.h"
#include "studio-transcription-request.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"

/* A WAV header and a little silence: what the sniffer sees of a recording. */
static const guint8 wav[] = {
  'R', 'I', 'F', 'F', 0x2c, 0x00, 0x00, 0x00, 'W', 'A', 'V', 'E',
  'f', 'm', 't', ' ', 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x40, 0x1f, 0x00, 0x00, 0x80, 0x3e, 0x00, 0x00, 0x02, 0x00, 0x10, 0x00,
  'd', 'a', 't', 'a', 0x08, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0x00, 0x00,
};

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  char             *dir;
  StudioModel      *model;
} Fixture;

static StudioModel *
model_new (const char *id,
           const char *kind,
           const char *capability)
{
  g_autoptr(JsonObject) family = json_object_new ();

  json_object_set_string_member (family, "kind", kind);
  if (capability != NULL)
    {
      JsonArray *capabilities = json_array_new ();

      json_array_add_string_element (capabilities, capability);
      json_object_set_array_member (family, "capabilities", capabilities);
    }

  return studio_model_new (id, "system", 0, NULL, family);
}

static GFile *
fixture_write (Fixture    *fixture,
               const char *name,
               const void *data,
               gsize       length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->dir = g_dir_make_tmp ("studio-transcription-XXXXXX", NULL);
  fixture->model = studio_fake_model_new ("whisper-1");
  g_assert_nonnull (fixture->dir);
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);

  g_assert_finalize_object (fixture->model);
  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
}

/* Sends @request to the fake server and returns the form it received. */
static SoupMultipart *
send_and_receive (Fixture       *fixture,
                  StudioRequest *request,
                  const char    *answer,
                  char         **text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *recorded;

  studio_fake_server_push (fixture->server, "/v1/audio/transcriptions", 200, "application/json",
                           answer, NULL);
  node = studio_fake_request_json (fixture->client, request, &error);
  g_assert_no_error (error);

  *text = studio_transcription_parse_text (node, &error);
  g_assert_no_error (error);

  recorded = studio_fake_server_last (fixture->server, "/v1/audio/transcriptions");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (recorded->method, ==, "POST");

  return soup_multipart_new_from_message (recorded->headers, recorded->body);
}

/* The body of the @nth form field named @name, or NULL. */
static GBytes *
find_part (SoupMultipart  *multipart,
           const char     *name,
           guint           nth,
           char          **filename,
           char          **content_type)
{
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *body = NULL;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) params = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &headers, &body));
      g_assert_true (soup_message_headers_get_content_disposition (headers, &disposition, &params));
      g_assert_cmpstr (disposition, ==, "form-data");

      if (g_strcmp0 (g_hash_table_lookup (params, "name"), name) != 0 || nth-- > 0)
        continue;

      if (filename != NULL)
        *filename = g_strdup (g_hash_table_lookup (params, "filename"));
      if (content_type != NULL)
        *content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

      return g_bytes_ref (body);
    }

  return NULL;
}

/* The text of the @nth form field named @name, or NULL. */
static char *
find_field (SoupMultipart *multipart,
            const char    *name,
            guint          nth)
{
  g_autoptr(GBytes) body = find_part (multipart, name, nth, NULL, NULL);

  if (body == NULL)
    return NULL;

  g_assert_null (memchr (g_bytes_get_data (body, NULL), '\0', g_bytes_get_size (body)));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_transcription_request (Fixture       *fixture,
                            gconstpointer  data)
{
  /* No extension: the type comes from the bytes. */
  g_autoptr(GFile) file = fixture_write (fixture, "memo", wav, sizeof wav);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) audio = NULL;
  g_autofree char *model = NULL;
  g_autofree char *format = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;

  request = studio_transcription_request_new (fixture->model, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_request_get_method (request), ==, "POST");
  g_assert_cmpstr (studio_request_get_path (request), ==, "audio/transcriptions");

  multipart = send_and_receive (fixture, request, "{\"text\":\"Hello there.\"}", &text);
  g_assert_nonnull (multipart);
  g_assert_cmpstr (text, ==, "Hello there.");

  /* file, model and response_format, and nothing the caller did not ask for. */
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 3);
  audio = find_part (multipart, "file", 0, &filename, &content_type);
  g_assert_nonnull (audio);
  g_assert_cmpstr (filename, ==, "memo");
  g_assert_cmpstr (content_type, ==, "audio/x-wav");
  g_assert_cmpmem (g_bytes_get_data (audio, NULL), g_bytes_get_size (audio), wav, sizeof wav);
  model = find_field (multipart, "model", 0);
  g_assert_cmpstr (model, ==, "whisper-1");
  format = find_field (multipart, "response_format", 0);
  g_assert_cmpstr (format, ==, "json");
}

static void
test_transcription_options (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const granularities[] = { "word", "segment", NULL };
  g_autoptr(GFile) file = fixture_write (fixture, "talk.wav", wav, sizeof wav);
  StudioTranscriptionOptions options = {
    .response_format = "verbose_json",
    .language = "de",
    .prompt = "Grüße aus Köln",
    .temperature = 0.25,
    .timestamp_granularities = granularities,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *language = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *temperature = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  request = studio_transcription_request_new_full (fixture->model, file, &options, &error);
  g_assert_no_error (error);

  multipart = send_and_receive (fixture, request,
                                "{\"task\":\"transcribe\",\"language\":\"german\","
                                "\"duration\":1.5,\"text\":\"Hallo.\",\"segments\":[]}",
                                &text);
  g_assert_cmpstr (text, ==, "Hallo.");

  format = find_field (multipart, "response_format", 0);
  g_assert_cmpstr (format, ==, "verbose_json");
  language = find_field (multipart, "language", 0);
  g_assert_cmpstr (language, ==, "de");
  prompt = find_field (multipart, "prompt", 0);
  g_assert_cmpstr (prompt, ==, "Grüße aus Köln");
  temperature = find_field (multipart, "temperature", 0);
  g_assert_cmpstr (temperature, ==, "0.25");

  /* An array in a form: the field repeated, named with "[]". */
  first = find_field (multipart, "timestamp_granularities[]", 0);
  second = find_field (multipart, "timestamp_granularities[]", 1);
  third = find_field (multipart, "timestamp_granularities[]", 2);
  g_assert_cmpstr (first, ==, "word");
  g_assert_cmpstr (second, ==, "segment");
  g_assert_null (third);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 8);
}

static void
assert_refused (StudioModel *model,
                GFile       *file,
                int          code,
                const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = studio_transcription_request_new (model, file, NULL, &error);

  g_assert_null (request);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_transcription_refusals (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char notes[] = "Agenda: budget, hiring, the party.\n";
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    'I', 'H', 'D', 'R', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  };
  g_autoptr(GFile) text_as_mp3 = fixture_write (fixture, "meeting.mp3", notes, strlen (notes));
  g_autoptr(GFile) image = fixture_write (fixture, "cover.ogg", png, sizeof png);
  g_autoptr(GFile) big = fixture_write (fixture, "long.wav", wav, sizeof wav);
  g_autoptr(GFile) limit = fixture_write (fixture, "limit.wav", wav, sizeof wav);
  g_autofree char *gone_path = g_build_filename (fixture->dir, "gone.wav", NULL);
  g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
  g_autofree char *big_path = g_file_get_path (big);
  g_autofree char *limit_path = g_file_get_path (limit);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;

  /* Names are not trusted: neither is audio. */
  assert_refused (fixture->model, text_as_mp3, G_IO_ERROR_NOT_SUPPORTED,
                  "“meeting.mp3” is not audio, so it cannot be transcribed.");
  assert_refused (fixture->model, image, G_IO_ERROR_NOT_SUPPORTED,
                  "“cover.ogg” is not audio, so it cannot be transcribed.");

  /* Sparse files: 25 MB and one byte more, without writing them. */
  g_assert_cmpint (truncate (big_path, STUDIO_TRANSCRIPTION_MAX_BYTES + 1), ==, 0);
  assert_refused (fixture->model, big, G_IO_ERROR_MESSAGE_TOO_LARGE,
                  "“long.wav” is larger than 25 MB, the most the transcription service takes.");
  g_assert_cmpint (truncate (limit_path, STUDIO_TRANSCRIPTION_MAX_BYTES), ==, 0);
  request = studio_transcription_request_new (fixture->model, limit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);

  /* The GIO code is kept; the words are for the user. */
  assert_refused (fixture->model, gone, G_IO_ERROR_NOT_FOUND, "“gone.wav” cannot be read.");

  /* No model is checked first, as the Chat page did. */
  assert_refused (NULL, gone, G_IO_ERROR_NOT_FOUND,
                  "“gone.wav” cannot be transcribed: the server offers no transcription model.");

  /* Nothing was sent for any of them. */
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 0);
}

/* Sends @request to @path on the fake server and returns the form it got. */
static SoupMultipart *
send_form (Fixture       *fixture,
           StudioRequest *request,
           const char    *path)
{
  g_autofree char *server_path = g_strconcat ("/v1/", path, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *recorded;

  g_assert_cmpstr (studio_request_get_path (request), ==, path);
  studio_fake_server_push (fixture->server, server_path, 200, "application/json",
                           "{\"text\":\"Hi.\"}", NULL);
  node = studio_fake_request_json (fixture->client, request, &error);
  g_assert_no_error (error);

  recorded = studio_fake_server_last (fixture->server, server_path);
  g_assert_nonnull (recorded);
  return studio_fake_request_get_form (recorded);
}

static void
assert_names (SoupMultipart *form,
              const char    *expected)
{
  g_auto(GStrv) names = studio_fake_form_list_names (form);
  g_autofree char *joined = g_strjoinv (" ", names);

  g_assert_cmpstr (joined, ==, expected);
}

static void
assert_field (SoupMultipart *form,
              const char    *name,
              const char    *value)
{
  g_autofree char *field = studio_fake_form_get_field (form, name);

  g_assert_cmpstr (field, ==, value);
}

/* The @nth of the repeated fields @name. */
static void
assert_nth (SoupMultipart *form,
            const char    *name,
            guint          nth,
            const char    *value)
{
  g_autofree char *field = find_field (form, name, nth);

  g_assert_cmpstr (field, ==, value);
}

static void
assert_options_refused (Fixture                          *fixture,
                        const char                       *model_id,
                        const StudioTranscriptionOptions *options,
                        const char                       *message)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(GFile) file = fixture_write (fixture, "refused.wav", wav, sizeof wav);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;

  request = studio_transcription_request_new_full (model, file, options, &error);
  g_assert_null (request);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, message);
}

static StudioRequest *
request_for (Fixture                          *fixture,
             const char                       *model_id,
             const StudioTranscriptionOptions *options)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(GFile) file = fixture_write (fixture, "talk.wav", wav, sizeof wav);
  g_autoptr(GError) error = NULL;
  StudioRequest *request = studio_transcription_request_new_full (model, file, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (request);
  return request;
}

/* whisper-1: verbose_json with both granularities, which need it. */
static void
test_transcription_whisper (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const granularities[] = { "word", "segment", NULL };
  static const char * const bogus[] = { "sentence", NULL };
  StudioTranscriptionOptions options = {
    .response_format = "verbose_json",
    .timestamp_granularities = granularities,
  };
  g_autoptr(StudioRequest) request = request_for (fixture, "whisper-1", &options);
  g_autoptr(SoupMultipart) form = send_form (fixture, request, "audio/transcriptions");

  assert_names (form, "file model response_format timestamp_granularities[] "
                "timestamp_granularities[]");
  assert_field (form, "model", "whisper-1");
  assert_field (form, "response_format", "verbose_json");
  assert_nth (form, "timestamp_granularities[]", 0, "word");
  assert_nth (form, "timestamp_granularities[]", 1, "segment");

  options.response_format = "json";
  assert_options_refused (fixture, "whisper-1", &options,
                          "The option “timestamp_granularities” needs “response_format” "
                          "to be “verbose_json”.");
  options.response_format = "verbose_json";
  options.timestamp_granularities = bogus;
  assert_options_refused (fixture, "whisper-1", &options,
                          "“sentence” is not a value of the option “timestamp_granularities”, "
                          "which takes “word” or “segment”.");

  /* Whisper does not stream, and the API would only ignore it. */
  options = (StudioTranscriptionOptions) { .stream = TRUE };
  assert_options_refused (fixture, "whisper-1", &options, "whisper-1 cannot stream this answer.");
}

/* gpt-4o-transcribe: log probabilities (with json only) and a stream. */
static void
test_transcription_gpt (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const logprobs[] = { "logprobs", NULL };
  static const char * const languages[] = { "en", NULL };
  StudioTranscriptionOptions options = {
    .include = logprobs,
    .stream = TRUE,
    .prompt = "A talk about bees.",
  };
  g_autoptr(StudioRequest) request = request_for (fixture, "gpt-4o-transcribe", &options);
  g_autoptr(SoupMultipart) form = send_form (fixture, request, "audio/transcriptions");

  assert_names (form, "file model response_format prompt include[] stream");
  assert_field (form, "model", "gpt-4o-transcribe");
  assert_field (form, "response_format", "json");
  assert_field (form, "include[]", "logprobs");
  assert_field (form, "stream", "true");
  assert_field (form, "prompt", "A talk about bees.");

  options.response_format = "text";
  assert_options_refused (fixture, "gpt-4o-mini-transcribe", &options,
                          "The option “include” needs “response_format” to be “json”.");

  options = (StudioTranscriptionOptions) { .languages = languages };
  assert_options_refused (fixture, "gpt-4o-transcribe", &options,
                          "gpt-4o-transcribe does not take the option “languages”.");
}

/* gpt-transcribe: the languages the audio may be in, and keywords. */
static void
test_transcription_gpt_transcribe (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const char * const languages[] = { "de", "fr", NULL };
  static const char * const keywords[] = { "Köln", "Straßburg", NULL };
  static const char * const logprobs[] = { "logprobs", NULL };
  StudioTranscriptionOptions options = {
    .response_format = "text",
    .languages = languages,
    .keywords = keywords,
    .temperature = 0.5,
  };
  g_autoptr(StudioRequest) request = request_for (fixture, "gpt-transcribe", &options);
  g_autoptr(SoupMultipart) form = send_form (fixture, request, "audio/transcriptions");

  assert_names (form, "file model response_format languages[] languages[] keywords[] keywords[] "
                "temperature");
  assert_field (form, "response_format", "text");
  assert_nth (form, "languages[]", 0, "de");
  assert_nth (form, "languages[]", 1, "fr");
  assert_nth (form, "keywords[]", 0, "Köln");
  assert_nth (form, "keywords[]", 1, "Straßburg");
  assert_field (form, "temperature", "0.5");

  options = (StudioTranscriptionOptions) { .include = logprobs };
  assert_options_refused (fixture, "gpt-transcribe", &options,
                          "gpt-transcribe does not take the option “include”.");
}

/* gpt-4o-transcribe-diarize: known speakers as data: URLs, chunking, and
 * none of what the diarizing model does not take.
 */
static void
test_transcription_diarize (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const names[] = { "agent", "customer", NULL };
  static const char * const five[] = { "a", "b", "c", "d", "e", NULL };
  static const char * const granularities[] = { "segment", NULL };
  static const char * const logprobs[] = { "logprobs", NULL };
  g_autoptr(GBytes) clip = g_bytes_new_static ("OggS\0\0", 6);
  g_autofree char *first = studio_transcription_speaker_reference_new (clip, "audio/ogg");
  g_autofree char *second = studio_transcription_speaker_reference_new (clip, "audio/wav");
  const char *references[] = { first, second, NULL };
  const char *one[] = { first, NULL };
  StudioTranscriptionOptions options = {
    .response_format = "diarized_json",
    .chunking_strategy = "auto",
    .known_speaker_names = names,
    .known_speaker_references = references,
    .stream = TRUE,
  };
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) form = NULL;

  g_assert_cmpstr (first, ==, "data:audio/ogg;base64,T2dnUwAA");

  request = request_for (fixture, "gpt-4o-transcribe-diarize", &options);
  form = send_form (fixture, request, "audio/transcriptions");
  assert_names (form, "file model response_format stream chunking_strategy "
                "known_speaker_names[] known_speaker_names[] "
                "known_speaker_references[] known_speaker_references[]");
  assert_field (form, "response_format", "diarized_json");
  assert_field (form, "chunking_strategy", "auto");
  assert_field (form, "stream", "true");
  assert_nth (form, "known_speaker_names[]", 0, "agent");
  assert_nth (form, "known_speaker_names[]", 1, "customer");
  assert_nth (form, "known_speaker_references[]", 0, "data:audio/ogg;base64,T2dnUwAA");
  assert_nth (form, "known_speaker_references[]", 1, "data:audio/wav;base64,T2dnUwAA");

  /* A prompt is not taken, even when asked for. */
  options.prompt = "Two people on the phone.";
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "gpt-4o-transcribe-diarize does not take the option “prompt”.");
  options.prompt = NULL;

  options.known_speaker_references = one;
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "Each known speaker needs both a name and a voice sample.");
  options.known_speaker_names = five;
  options.known_speaker_references = five;
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "At most 4 known speakers can be named.");
  options.known_speaker_names = names;
  options.known_speaker_references = (const char * const *) (const char *[]) { "a", "b", NULL };
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "A known speaker’s voice sample must be sent as a data: URL.");

  options = (StudioTranscriptionOptions) { .response_format = "diarized_json",
                                           .timestamp_granularities = granularities };
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "gpt-4o-transcribe-diarize does not take the option "
                          "“timestamp_granularities”.");
  options = (StudioTranscriptionOptions) { .include = logprobs };
  assert_options_refused (fixture, "gpt-4o-transcribe-diarize", &options,
                          "gpt-4o-transcribe-diarize does not take the option “include”.");

  /* Known speakers are for the diarizing family only. */
  options = (StudioTranscriptionOptions) { .known_speaker_names = names,
                                           .known_speaker_references = references };
  assert_options_refused (fixture, "gpt-4o-transcribe", &options,
                          "gpt-4o-transcribe does not take the option “known_speaker_names”.");
}

/* Translations go to their own path, with only what CreateTranslationRequest
 * has, and only whisper takes them.
 */
static void
test_transcription_translate (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const granularities[] = { "segment", NULL };
  StudioTranscriptionOptions options = {
    .translate = TRUE,
    .response_format = "srt",
    .prompt = "Cologne, Strasbourg.",
    .temperature = 0.2,
  };
  g_autoptr(StudioRequest) request = request_for (fixture, "whisper-1", &options);
  g_autoptr(SoupMultipart) form = send_form (fixture, request, "audio/translations");

  assert_names (form, "file model response_format prompt temperature");
  assert_field (form, "model", "whisper-1");
  assert_field (form, "response_format", "srt");
  assert_field (form, "prompt", "Cologne, Strasbourg.");
  assert_field (form, "temperature", "0.2");
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 0);

  options = (StudioTranscriptionOptions) { .translate = TRUE };
  assert_options_refused (fixture, "gpt-4o-transcribe", &options,
                          "gpt-4o-transcribe cannot translate audio: choose a Whisper model to "
                          "translate.");
  options.language = "de";
  assert_options_refused (fixture, "whisper-1", &options,
                          "A translation cannot have the option “language”.");
  options = (StudioTranscriptionOptions) { .translate = TRUE, .response_format = "verbose_json",
                                           .timestamp_granularities = granularities };
  assert_options_refused (fixture, "whisper-1", &options,
                          "A translation cannot have the option “timestamp_granularities”.");
  options = (StudioTranscriptionOptions) { .translate = TRUE, .stream = TRUE };
  assert_options_refused (fixture, "whisper-1", &options, "whisper-1 cannot stream this answer.");
}

static void
assert_formats (const char *model_id,
                gboolean    translate,
                const char *expected)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_auto(GStrv) formats = studio_transcription_dup_formats (model, translate);
  g_autofree char *joined = g_strjoinv (" ", formats);

  g_assert_cmpstr (joined, ==, expected);
}

/* What each family returns and takes, and a format it cannot return. */
static void
test_transcription_formats (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char *parameters[] = {
    "languages", "keywords", "prompt", "timestamp_granularities", "include", "stream",
    "known_speakers", "chunking_strategy", "translate", "temperature", "language",
  };
  static const struct {
    const char *model;
    const char *takes;  /* one letter for each of parameters[] */
  } families[] = {
    { "whisper-1",                 "nnyynnnnyyy" },
    { "gpt-4o-transcribe",         "nnynyynnnyy" },
    { "gpt-4o-mini-transcribe",    "nnynyynnnyy" },
    { "gpt-transcribe",            "yyynnynnnyy" },
    { "gpt-4o-transcribe-diarize", "nnnnnyyynyy" },
  };
  StudioTranscriptionOptions options = { .response_format = "diarized_json" };

  assert_formats ("whisper-1", FALSE, "json text srt verbose_json vtt");
  assert_formats ("whisper-1", TRUE, "json text srt verbose_json vtt");
  assert_formats ("gpt-4o-transcribe", FALSE, "json text");
  assert_formats ("gpt-4o-transcribe", TRUE, "");
  assert_formats ("gpt-transcribe", FALSE, "json text");
  assert_formats ("gpt-4o-transcribe-diarize", FALSE, "json text diarized_json");
  assert_formats ("gpt-4o-transcribe-diarize", TRUE, "");

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autoptr(StudioModel) model = studio_fake_model_new (families[i].model);

      g_assert_cmpuint (strlen (families[i].takes), ==, G_N_ELEMENTS (parameters));
      for (guint j = 0; j < G_N_ELEMENTS (parameters); j++)
        {
          g_test_message ("%s takes %s?", families[i].model, parameters[j]);
          g_assert_cmpint (studio_transcription_takes (model, parameters[j]), ==,
                           families[i].takes[j] == 'y');
        }
    }

  assert_options_refused (fixture, "whisper-1", &options,
                          "whisper-1 cannot answer in the format “diarized_json”.");
  options.response_format = "srt";
  assert_options_refused (fixture, "gpt-4o-transcribe", &options,
                          "gpt-4o-transcribe cannot answer in the format “srt”.");
  options.translate = TRUE;
  options.response_format = "diarized_json";
  assert_options_refused (fixture, "whisper-1", &options,
                          "whisper-1 cannot answer in the format “diarized_json”.");

  g_assert_true (studio_transcription_format_is_json (NULL));
  g_assert_true (studio_transcription_format_is_json ("json"));
  g_assert_true (studio_transcription_format_is_json ("verbose_json"));
  g_assert_true (studio_transcription_format_is_json ("diarized_json"));
  g_assert_false (studio_transcription_format_is_json ("text"));
  g_assert_false (studio_transcription_format_is_json ("srt"));
  g_assert_false (studio_transcription_format_is_json ("vtt"));

  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 0);
}

/* The file part goes under the name the caller gives, with the sniffed
 * type, whatever the file on disk is called.
 */
static void
test_transcription_filename (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_write (fixture, "recording-0001", wav, sizeof wav);
  StudioTranscriptionOptions options = { .filename = "Team Meeting.wav" };
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  g_autoptr(GBytes) audio = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;

  request = studio_transcription_request_new_full (fixture->model, file, &options, &error);
  g_assert_no_error (error);
  form = send_form (fixture, request, "audio/transcriptions");

  audio = studio_fake_form_get_file (form, "file", 0, &filename, &content_type);
  g_assert_nonnull (audio);
  g_assert_cmpstr (filename, ==, "Team Meeting.wav");
  g_assert_cmpstr (content_type, ==, "audio/x-wav");
  g_assert_cmpmem (g_bytes_get_data (audio, NULL), g_bytes_get_size (audio), wav, sizeof wav);
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

/* A larger file reports its upload in steps, up to the whole body. */
static void
test_transcription_progress (Fixture       *fixture,
                             gconstpointer  data)
{
  const gsize size = 512 * 1024;
  g_autofree guint8 *audio = g_malloc0 (size);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  Progress progress = { 0 };

  memcpy (audio, wav, sizeof wav);
  file = fixture_write (fixture, "long.wav", audio, size);
  request = studio_transcription_request_new (fixture->model, file, "text", &error);
  g_assert_no_error (error);
  studio_request_set_progress_func (request, progress_cb, &progress, NULL);

  form = send_form (fixture, request, "audio/transcriptions");
  g_assert_cmpuint (progress.calls, >, 1);
  g_assert_false (progress.backwards);
  g_assert_cmpint (progress.total, >, size);
  g_assert_cmpint (progress.sent, ==, progress.total);
  g_assert_cmpint (progress.total, ==, g_bytes_get_size (studio_fake_server_last (fixture->server,
                                                         "/v1/audio/transcriptions")->body));
}

static void
collect_type_cb (const char *event,
                 JsonNode   *data,
                 gpointer    user_data)
{
  GPtrArray *types = user_data;
  JsonObject *object = json_node_get_object (data);

  g_ptr_array_add (types, g_strdup (json_object_get_string_member (object, "type")));
}

/* A transcription stream ends with transcript.text.done, not [DONE]: the
 * client reports it as incomplete after handing over every event, and does
 * not send the file again. The caller takes the done event as the end.
 */
static void
test_transcription_stream_end (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hel\"}\n\n",
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"lo.\"}\n\n",
    "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello.\",\"usage\":{\"type\":\"tokens\","
    "\"input_tokens\":14,\"output_tokens\":3,\"total_tokens\":17}}\n\n",
    NULL,
  };
  StudioTranscriptionOptions options = { .stream = TRUE };
  g_autoptr(StudioRequest) request = request_for (fixture, "gpt-4o-mini-transcribe", &options);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/audio/transcriptions", chunks, 0,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  studio_client_stream_events_async (fixture->client, request, collect_type_cb, types, NULL, NULL,
                                     studio_fake_result_cb, &result);
  studio_fake_wait_result (&result);

  g_assert_false (studio_client_stream_events_finish (fixture->client, result, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpuint (types->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (types, 2), ==, "transcript.text.done");
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/audio/transcriptions"), ==, 1);
}

static void
test_transcription_pick_model (void)
{
  g_autoptr(GListStore) models = g_list_store_new (STUDIO_TYPE_MODEL);
  g_autoptr(StudioModel) chat = model_new ("gpt-4o", "chat", NULL);
  g_autoptr(StudioModel) diarize = model_new ("gpt-4o-transcribe-diarize", "transcription",
                                              "diarization");
  g_autoptr(StudioModel) mini = model_new ("gpt-4o-mini-transcribe", "transcription", NULL);
  g_autoptr(StudioModel) whisper = model_new ("whisper-1", "transcription", NULL);

  g_assert_null (studio_transcription_pick_model (G_LIST_MODEL (models)));

  g_list_store_append (models, chat);
  g_list_store_append (models, diarize);
  g_assert_null (studio_transcription_pick_model (G_LIST_MODEL (models)));

  /* The first plain one, in the server's order. */
  g_list_store_append (models, mini);
  g_list_store_append (models, whisper);
  g_assert_true (studio_transcription_pick_model (G_LIST_MODEL (models)) == mini);

  /* Transfer none: the list still holds the only other reference. */
  g_list_store_remove_all (models);
  g_assert_finalize_object (g_steal_pointer (&chat));
  g_assert_finalize_object (g_steal_pointer (&diarize));
  g_assert_finalize_object (g_steal_pointer (&mini));
  g_assert_finalize_object (g_steal_pointer (&whisper));
}

static void
test_transcription_parse (void)
{
  static const char *malformed[] = {
    "{}",
    "{\"text\": 12}",
    "{\"text\": null}",
    "[\"text\"]",
    "\"text\"",
  };
  g_autoptr(JsonNode) good = json_from_string ("{\"text\":\"Ja.\",\"usage\":{}}", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = studio_transcription_parse_text (good, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Ja.");

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (malformed[i], NULL);
      g_autoptr(GError) local_error = NULL;
      char *none;

      g_assert_nonnull (node);
      none = studio_transcription_parse_text (node, &local_error);
      g_assert_null (none);
      g_assert_error (local_error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
    }

  g_assert_null (studio_transcription_parse_text (NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/studio/transcription/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("request", test_transcription_request);
  ADD ("options", test_transcription_options);
  ADD ("refusals", test_transcription_refusals);
  ADD ("whisper", test_transcription_whisper);
  ADD ("gpt", test_transcription_gpt);
  ADD ("gpt-transcribe", test_transcription_gpt_transcribe);
  ADD ("diarize", test_transcription_diarize);
  ADD ("translate", test_transcription_translate);
  ADD ("formats", test_transcription_formats);
  ADD ("filename", test_transcription_filename);
  ADD ("progress", test_transcription_progress);
  ADD ("stream-end", test_transcription_stream_end);
#undef ADD

  g_test_add_func ("/studio/transcription/pick-model", test_transcription_pick_model);
  g_test_add_func ("/studio/transcription/parse", test_transcription_parse);

  return g_test_run ();
}
