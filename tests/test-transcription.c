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
  fixture->model = model_new ("whisper-1", "transcription", NULL);
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
#undef ADD

  g_test_add_func ("/studio/transcription/pick-model", test_transcription_pick_model);
  g_test_add_func ("/studio/transcription/parse", test_transcription_parse);

  return g_test_run ();
}
