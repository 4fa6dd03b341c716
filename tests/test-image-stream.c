/* test-image-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "studio-fake-server.h"
#include "studio-image-request.h"
#include "studio-image-stream.h"
#include "studio-model-catalog.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"

/* A real image of @width × @height as @format ("png" or "jpeg"). */
static GBytes *
encode_image (const char *format,
              int         width,
              int         height,
              guint32     colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, format, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

static char *
encode_base64 (GBytes *bytes)
{
  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
base64_of (const char *format,
           guint32     colour)
{
  g_autoptr(GBytes) bytes = encode_image (format, 8, 8, colour);

  return encode_base64 (bytes);
}

static void
assert_decode_fails (const char *text,
                     const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = studio_image_decode_base64 (text, strlen (text), &error);

  g_assert_null (bytes);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpstr (studio_api_error_get_server_message (error), ==, message);
}

static void
test_image_stream_decode (void)
{
  g_autoptr(GBytes) png = encode_image ("png", 16, 16, 0x336699ff);
  g_autoptr(GBytes) jpeg = encode_image ("jpeg", 16, 16, 0x336699ff);
  g_autofree char *png_text = encode_base64 (png);
  g_autofree char *jpeg_text = encode_base64 (jpeg);
  g_autoptr(GBytes) cut_png = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 3 * 3 - 3);
  g_autoptr(GBytes) cut_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) - 6);
  g_autofree char *cut_png_text = encode_base64 (cut_png);
  g_autofree char *cut_jpeg_text = encode_base64 (cut_jpeg);
  g_autoptr(GString) wrapped = g_string_new (NULL);
  g_autofree char *short_text = g_strndup (png_text, strlen (png_text) - 1);
  g_autofree char *bad_char = g_strdup (png_text);
  g_autofree char *text_text = g_base64_encode ((const guint8 *) "Just some text.", 15);
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 12, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 0, 0, 0, 0,
  };
  g_autofree char *webp_text = g_base64_encode (webp, sizeof webp);
  g_autofree char *cut_webp_text = g_base64_encode (webp, sizeof webp - 2);
  const char *messages[] = {
    "The server sent an image that is not valid base64.",
    "The server sent an image that is cut short.",
    "The server sent an image in a format that is not PNG, JPEG or WebP.",
    "The server sent an empty image.",
  };

  /* Whole images decode to exactly their bytes, line breaks and all. */
  for (guint i = 0; i < 2; i++)
    {
      GBytes *expected = i == 0 ? png : jpeg;
      const char *text = i == 0 ? png_text : jpeg_text;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = studio_image_decode_base64 (text, strlen (text), &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, expected));
    }

  for (const char *p = png_text; *p; p += MIN (strlen (p), 76))
    {
      g_string_append_len (wrapped, p, MIN (strlen (p), 76));
      g_string_append (wrapped, "\r\n");
    }
  {
    g_autoptr(GBytes) bytes = studio_image_decode_base64 (wrapped->str, wrapped->len, NULL);
    g_autoptr(GBytes) webp_bytes = studio_image_decode_base64 (webp_text, strlen (webp_text),
                                                               NULL);

    g_assert_true (g_bytes_equal (bytes, png));
    g_assert_nonnull (webp_bytes);
  }

  bad_char[10] = '!';
  assert_decode_fails (bad_char, messages[0]);
  bad_char[10] = '=';
  assert_decode_fails (bad_char, messages[0]);
  assert_decode_fails ("AAAA====", messages[0]);
  assert_decode_fails (short_text, messages[1]);
  /* Cut where base64 cannot tell: the image's own end is missing. */
  assert_decode_fails (cut_png_text, messages[1]);
  assert_decode_fails (cut_jpeg_text, messages[1]);
  assert_decode_fails (cut_webp_text, messages[1]);
  assert_decode_fails (text_text, messages[2]);
  assert_decode_fails ("", messages[3]);
  assert_decode_fails ("\n", messages[3]);
}

static JsonObject *
event_new (const char *type,
           const char *b64,
           int         partial_index,
           const char *size)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "type", type);
  if (b64 != NULL)
    json_object_set_string_member (event, "b64_json", b64);
  json_object_set_int_member (event, "created_at", 1700000000);
  json_object_set_string_member (event, "size", size);
  json_object_set_string_member (event, "quality", "high");
  json_object_set_string_member (event, "background", "opaque");
  json_object_set_string_member (event, "output_format", "png");
  if (partial_index >= 0)
    json_object_set_int_member (event, "partial_image_index", partial_index);
  else
    {
      g_autoptr(JsonNode) usage =
        json_from_string ("{\"total_tokens\": 100, \"input_tokens\": 50, \"output_tokens\": 50,"
                          " \"input_tokens_details\": {\"text_tokens\": 10, \"image_tokens\": 40}}",
                          NULL);

      json_object_set_member (event, "usage", g_steal_pointer (&usage));
    }

  return event;
}

static void
count_cb (StudioImageStream *stream,
          StudioImageResult *result,
          guint             *count)
{
  g_assert_true (STUDIO_IS_IMAGE_RESULT (result));
  (*count)++;
}

/* Partial images replace one another in order, a stale one is passed
 * over, and each completed event adds a final image and drops the partial.
 */
static void
test_image_stream_events (void)
{
  StudioImageStream *stream = studio_image_stream_new (NULL, 2);
  g_autofree char *red = base64_of ("png", 0xff0000ff);
  g_autofree char *green = base64_of ("png", 0x00ff00ff);
  g_autofree char *blue = base64_of ("png", 0x0000ffff);
  GListModel *images = studio_image_stream_get_images (stream);
  guint partials = 0, finals = 0;
  const StudioImageUsage *usage;
  StudioImageResult *partial;
  struct {
    JsonObject *event;
    gboolean ok;
    int partial_index;   /* of the partial image after it, -1 for none */
    guint n_images;
  } steps[] = {
    { event_new ("image_generation.partial_image", red, 0, "1536x864"), TRUE, 0, 0 },
    { event_new ("image_generation.partial_image", green, 1, "1536x864"), TRUE, 1, 0 },
    { event_new ("image_generation.partial_image", red, 0, "1536x864"), TRUE, 1, 0 },
    { event_new ("image_generation.partial_image", NULL, 2, "1536x864"), FALSE, 1, 0 },
    { event_new ("image_generation.partial_image", "A!==", 2, "1536x864"), FALSE, 1, 0 },
    { event_new ("image_generation.completed", blue, -1, "1536x864"), TRUE, -1, 1 },
    { event_new ("image_generation.something_new", blue, -1, "1536x864"), TRUE, -1, 1 },
    { event_new ("image_edit.partial_image", red, 0, "2048x1152"), TRUE, 0, 1 },
    { event_new ("image_edit.completed", "QUJD", -1, "2048x1152"), FALSE, 0, 1 },
    { event_new ("image_edit.completed", green, -1, "2048x1152"), TRUE, -1, 2 },
  };

  g_signal_connect (stream, "partial-image", G_CALLBACK (count_cb), &partials);
  g_signal_connect (stream, "image", G_CALLBACK (count_cb), &finals);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("step %u", i);
      g_assert_cmpint (studio_image_stream_apply_event (stream, steps[i].event, &error), ==,
                       steps[i].ok);
      if (steps[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);

      partial = studio_image_stream_get_partial (stream);
      if (steps[i].partial_index < 0)
        g_assert_null (partial);
      else
        {
          g_assert_true (studio_image_result_get_partial (partial));
          g_assert_cmpint (studio_image_result_get_partial_index (partial), ==,
                           steps[i].partial_index);
        }
      g_assert_cmpuint (g_list_model_get_n_items (images), ==, steps[i].n_images);
      json_object_unref (steps[i].event);
    }

  g_assert_cmpuint (partials, ==, 3);
  g_assert_cmpuint (finals, ==, 2);

  /* What each final image says of itself, its size as sent. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StudioImageResult) result = g_list_model_get_item (images, i);
      g_autoptr(GBytes) expected = NULL;
      g_autofree guint8 *raw = NULL;
      gsize length = 0;

      raw = g_base64_decode (i == 0 ? blue : green, &length);
      expected = g_bytes_new (raw, length);
      g_assert_true (g_bytes_equal (studio_image_result_get_bytes (result), expected));
      g_assert_false (studio_image_result_get_partial (result));
      g_assert_cmpstr (studio_image_result_get_mime_type (result), ==, "image/png");
      g_assert_cmpstr (studio_image_result_get_size (result), ==,
                       i == 0 ? "1536x864" : "2048x1152");
      g_assert_cmpstr (studio_image_result_get_quality (result), ==, "high");
      g_assert_cmpstr (studio_image_result_get_background (result), ==, "opaque");
      g_assert_cmpstr (studio_image_result_get_output_format (result), ==, "png");
      g_assert_cmpint (studio_image_result_get_created (result), ==, 1700000000);
      g_assert_cmpint (studio_image_result_get_usage (result)->output_tokens, ==, 50);
      g_assert_cmpint (studio_image_result_get_usage (result)->input_image_tokens, ==, 40);
      g_assert_cmpint (studio_image_result_get_usage (result)->output_image_tokens, ==, -1);
      g_assert_null (studio_image_result_get_url (result));
    }

  /* The request's usage is the sum of the images'. */
  usage = studio_image_stream_get_usage (stream);
  g_assert_cmpint (usage->total_tokens, ==, 200);
  g_assert_cmpint (usage->input_tokens, ==, 100);
  g_assert_cmpint (usage->input_text_tokens, ==, 20);
  g_assert_cmpint (usage->input_image_tokens, ==, 80);
  g_assert_cmpint (usage->output_tokens, ==, 100);
  g_assert_cmpint (usage->output_text_tokens, ==, -1);

  g_assert_finalize_object (stream);
}

static void
test_image_stream_response (void)
{
  StudioImageStream *stream = studio_image_stream_new (NULL, 3);
  g_autofree char *png = base64_of ("png", 0x123456ff);
  g_autofree char *text =
    g_strdup_printf ("{\"created\": 1713833628, \"data\": ["
                     "{\"b64_json\": \"%s\", \"revised_prompt\": \"An otter in a beret\"},"
                     "{\"url\": \"https://files.example.com/img-1.png?sig=abc\"},"
                     "{\"b64_json\": \"QUJD\"},"
                     "{\"url\": \"file:///etc/passwd\"},"
                     "{}], \"background\": \"transparent\", \"output_format\": \"png\","
                     " \"size\": \"3840x2160\", \"quality\": \"high\","
                     " \"usage\": {\"total_tokens\": 120, \"input_tokens\": 20,"
                     " \"output_tokens\": 100, \"input_tokens_details\": {\"text_tokens\": 20,"
                     " \"image_tokens\": 0}, \"output_tokens_details\": {\"image_tokens\": 90,"
                     " \"text_tokens\": 10}}}", png);
  g_autoptr(JsonNode) response = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *images = studio_image_stream_get_images (stream);
  g_autoptr(StudioImageResult) first = NULL;
  g_autoptr(StudioImageResult) second = NULL;
  const StudioImageUsage *usage;
  static const char *bad[] = { "[]", "{}", "{\"data\": []}", "{\"data\": {}}", "3" };

  /* The bad images do not cost the good ones; the first problem is told. */
  g_assert_false (studio_image_stream_apply_response (stream, response, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpstr (studio_api_error_get_server_message (error), ==,
                   "The server sent an image in a format that is not PNG, JPEG or WebP.");
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);

  first = g_list_model_get_item (images, 0);
  g_assert_nonnull (studio_image_result_get_bytes (first));
  g_assert_cmpstr (studio_image_result_get_revised_prompt (first), ==, "An otter in a beret");
  g_assert_cmpstr (studio_image_result_get_size (first), ==, "3840x2160");
  g_assert_cmpstr (studio_image_result_get_background (first), ==, "transparent");
  g_assert_cmpint (studio_image_result_get_created (first), ==, 1713833628);

  second = g_list_model_get_item (images, 1);
  g_assert_null (studio_image_result_get_bytes (second));
  g_assert_cmpstr (studio_image_result_get_url (second), ==,
                   "https://files.example.com/img-1.png?sig=abc");
  g_assert_null (studio_image_result_get_revised_prompt (second));
  g_assert_cmpstr (studio_image_result_get_quality (second), ==, "high");

  usage = studio_image_stream_get_usage (stream);
  g_assert_cmpint (usage->total_tokens, ==, 120);
  g_assert_cmpint (usage->output_image_tokens, ==, 90);
  g_assert_cmpint (usage->output_text_tokens, ==, 10);
  g_assert_cmpint (usage->input_image_tokens, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(GError) local_error = NULL;

      g_assert_false (studio_image_stream_apply_response (stream, node, &local_error));
      g_assert_error (local_error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
    }
  g_assert_false (studio_image_stream_apply_response (stream, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 2);

  g_assert_finalize_object (stream);
}

/* Against the fake server: the request as sent, and the stream as run. */

typedef struct
{
  StudioFakeServer   *server;
  StudioClient       *client;
  StudioModelCatalog *catalog;
} Fixture;

typedef struct
{
  gboolean  done;
  GError   *error;
} Result;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->catalog = studio_model_catalog_new (fixture->client);
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
  studio_client_set_max_retries (fixture->client, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->catalog);
  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
}

static StudioModel *
fixture_model (Fixture    *fixture,
               const char *id)
{
  g_autoptr(JsonObject) entry = json_object_new ();

  json_object_set_string_member (entry, "id", id);
  return studio_model_catalog_classify (fixture->catalog, entry);
}

static void
run_cb (GObject      *object,
        GAsyncResult *async_result,
        gpointer      user_data)
{
  Result *result = user_data;

  studio_image_stream_run_finish (STUDIO_IMAGE_STREAM (object), async_result, &result->error);
  result->done = TRUE;
}

/* Generates with @options_json and returns the stream, its error in @error. */
static StudioImageStream *
run (Fixture     *fixture,
     const char  *model_id,
     const char  *options_json,
     GError     **error)
{
  g_autoptr(StudioModel) model = fixture_model (fixture, model_id);
  g_autoptr(JsonNode) options = json_from_string (options_json, NULL);
  JsonObject *object = json_node_get_object (options);
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GError) request_error = NULL;
  StudioImageStream *stream;
  Result result = { 0 };

  request = studio_image_request_new_generation (model, "An otter", object, &request_error);
  g_assert_no_error (request_error);
  stream = studio_image_stream_new (fixture->client, studio_image_request_get_n (model, object));
  studio_image_stream_run_async (stream, request, studio_image_request_get_stream (model, object),
                                 NULL, run_cb, &result);
  studio_fake_wait_until (&result.done);
  if (result.error != NULL)
    g_propagate_error (error, result.error);

  return stream;
}

static char *
sse (const char *type,
     const char *b64,
     int         partial_index)
{
  if (partial_index >= 0)
    return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                            "\"size\":\"1536x864\",\"quality\":\"low\",\"background\":\"opaque\","
                            "\"output_format\":\"png\",\"created_at\":1,"
                            "\"partial_image_index\":%d}\n\n", type, type, b64, partial_index);

  return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                          "\"size\":\"1536x864\",\"quality\":\"low\",\"background\":\"opaque\","
                          "\"output_format\":\"png\",\"created_at\":2,\"usage\":"
                          "{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50,"
                          "\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}}\n\n",
                          type, type, b64);
}

static void
test_image_stream_run_streamed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *partial = base64_of ("png", 0xff0000ff);
  g_autofree char *final = base64_of ("png", 0x00ff00ff);
  g_autofree char *chunk0 = sse ("image_generation.partial_image", partial, 0);
  g_autofree char *chunk1 = sse ("image_generation.completed", final, -1);
  const char *chunks[] = { chunk0, chunk1, NULL };
  g_autoptr(StudioImageStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) sent = NULL;
  StudioFakeRequest *request;
  JsonObject *body;

  /* Image streams end without [DONE]: once the image came, that is whole. */
  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  stream = run (fixture, "gpt-image-2",
                "{\"stream\": true, \"partial_images\": 1, \"size\": \"1536x864\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (studio_image_stream_get_images (stream)), ==, 1);
  g_assert_null (studio_image_stream_get_partial (stream));
  g_assert_cmpint (studio_image_stream_get_usage (stream)->total_tokens, ==, 100);

  request = studio_fake_server_last (fixture->server, "/v1/images/generations");
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_content_type (request->headers, NULL), ==,
                   "application/json");
  sent = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  body = json_node_get_object (sent);
  g_assert_cmpuint (json_object_get_size (body), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (body, "prompt"), ==, "An otter");
  g_assert_cmpstr (json_object_get_string_member (body, "size"), ==, "1536x864");
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_cmpint (json_object_get_int_member (body, "partial_images"), ==, 1);
}

/* The connection drops after a partial image: it is kept, marked partial,
 * and the error says the stream was cut short.
 */
static void
test_image_stream_run_dropped (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *partial = base64_of ("png", 0xff0000ff);
  g_autofree char *chunk0 = sse ("image_generation.partial_image", partial, 0);
  const char *chunks[] = { chunk0, NULL };
  const char *nothing[] = { ": keep-alive\n\n", NULL };
  g_autoptr(StudioImageStream) stream = NULL;
  g_autoptr(StudioImageStream) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) empty_error = NULL;
  StudioImageResult *kept;

  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  stream = run (fixture, "gpt-image-1.5", "{\"stream\": true, \"partial_images\": 2}", &error);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpuint (g_list_model_get_n_items (studio_image_stream_get_images (stream)), ==, 0);
  kept = studio_image_stream_get_partial (stream);
  g_assert_nonnull (kept);
  g_assert_true (studio_image_result_get_partial (kept));
  g_assert_nonnull (studio_image_result_get_bytes (kept));
  g_assert_cmpstr (studio_image_result_get_size (kept), ==, "1536x864");

  /* Nothing at all before the drop is the server's failure, not a cut. */
  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", nothing, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  empty = run (fixture, "gpt-image-1.5", "{\"stream\": true}", &empty_error);
  g_assert_error (empty_error, STUDIO_API_ERROR, STUDIO_API_ERROR_SERVER);
  g_assert_null (studio_image_stream_get_partial (empty));
}

/* One of two images is not base64: the other is kept, the error told. */
static void
test_image_stream_run_bad_image (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *good = base64_of ("png", 0x00ff00ff);
  g_autofree char *chunk0 = sse ("image_generation.completed", "not base64!", -1);
  g_autofree char *chunk1 = sse ("image_generation.completed", good, -1);
  const char *chunks[] = { chunk0, chunk1, NULL };
  g_autoptr(StudioImageStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  stream = run (fixture, "gpt-image-1", "{\"stream\": true, \"n\": 2}", &error);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpuint (g_list_model_get_n_items (studio_image_stream_get_images (stream)), ==, 1);
}

static void
test_image_stream_run_json (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *png = base64_of ("png", 0x00ff00ff);
  g_autofree char *answer =
    g_strdup_printf ("{\"created\": 5, \"data\": [{\"b64_json\": \"%s\","
                     " \"revised_prompt\": \"A sea otter\"}]}", png);
  g_autoptr(StudioImageStream) stream = NULL;
  g_autoptr(StudioImageStream) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused_error = NULL;
  g_autoptr(StudioImageResult) result = NULL;
  StudioFakeRequest *request;

  studio_fake_server_push (fixture->server, "/v1/images/generations", 200, "application/json",
                           answer, NULL);
  stream = run (fixture, "dall-e-3", "{\"response_format\": \"b64_json\", \"style\": \"natural\"}",
                &error);
  g_assert_no_error (error);
  result = g_list_model_get_item (studio_image_stream_get_images (stream), 0);
  g_assert_cmpstr (studio_image_result_get_revised_prompt (result), ==, "A sea otter");
  g_assert_cmpint (studio_image_result_get_created (result), ==, 5);

  request = studio_fake_server_last (fixture->server, "/v1/images/generations");
  g_assert_cmpstr (g_bytes_get_data (request->body, NULL), ==,
                   "{\"model\":\"dall-e-3\",\"prompt\":\"An otter\",\"style\":\"natural\","
                   "\"response_format\":\"b64_json\"}");

  /* A 400 naming the parameter comes through with it. */
  studio_fake_server_push (fixture->server, "/v1/images/generations", 400, "application/json",
                           "{\"error\": {\"message\": \"Invalid size.\", \"type\":"
                           " \"invalid_request_error\", \"param\": \"size\", \"code\": null}}",
                           NULL);
  refused = run (fixture, "dall-e-3", "{}", &refused_error);
  g_assert_error (refused_error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (studio_api_error_get_param (refused_error), ==, "size");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/image-stream/decode", test_image_stream_decode);
  g_test_add_func ("/studio/image-stream/events", test_image_stream_events);
  g_test_add_func ("/studio/image-stream/response", test_image_stream_response);
  g_test_add ("/studio/image-stream/run-streamed", Fixture, NULL,
              fixture_set_up, test_image_stream_run_streamed, fixture_tear_down);
  g_test_add ("/studio/image-stream/run-dropped", Fixture, NULL,
              fixture_set_up, test_image_stream_run_dropped, fixture_tear_down);
  g_test_add ("/studio/image-stream/run-bad-image", Fixture, NULL,
              fixture_set_up, test_image_stream_run_bad_image, fixture_tear_down);
  g_test_add ("/studio/image-stream/run-json", Fixture, NULL,
              fixture_set_up, test_image_stream_run_json, fixture_tear_down);

  return g_test_run ();
}
