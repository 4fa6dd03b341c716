/* test-image-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "studio-fake-server.h"
#include "studio-image-request.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"

static JsonObject *
options_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The body built for @model from @options, as compact JSON, or NULL with
 * @error set.
 */
static char *
build (const char  *model_id,
       const char  *prompt,
       const char  *options_json,
       GError     **error)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(JsonObject) options = options_json ? options_from (options_json) : NULL;
  g_autoptr(JsonNode) body = studio_image_request_build_body (model, prompt, options, error);

  g_assert_true ((body == NULL) == (error == NULL || *error != NULL));
  return body ? json_to_string (body, FALSE) : NULL;
}

/* Only what the family takes, for this endpoint, and not at its default. */
static void
test_image_request_body (void)
{
  static const struct {
    const char *model;
    const char *options;
    const char *body;
  } cases[] = {
    /* Everything gpt-image-2 takes for generations; what it does not take
     * (style, response_format) or takes only for edits (input_fidelity) is
     * left out.
     */
    { "gpt-image-2",
      "{\"size\": \"1536x864\", \"quality\": \"high\", \"background\": \"transparent\","
      " \"output_format\": \"webp\", \"output_compression\": 80, \"moderation\": \"low\","
      " \"n\": 2, \"stream\": true, \"partial_images\": 2, \"style\": \"vivid\","
      " \"response_format\": \"b64_json\", \"input_fidelity\": \"high\", \"user\": \"x\"}",
      "{\"model\":\"gpt-image-2\",\"prompt\":\"An otter\",\"size\":\"1536x864\","
      "\"quality\":\"high\",\"background\":\"transparent\",\"output_format\":\"webp\","
      "\"output_compression\":80,\"moderation\":\"low\",\"n\":2,\"stream\":true,"
      "\"partial_images\":2}" },
    /* Defaults are the server's: not sent. */
    { "gpt-image-1.5",
      "{\"size\": \"auto\", \"quality\": \"auto\", \"output_format\": \"png\", \"n\": 1,"
      " \"stream\": false, \"output_compression\": 100, \"background\": \"auto\","
      " \"moderation\": null}",
      "{\"model\":\"gpt-image-1.5\",\"prompt\":\"An otter\"}" },
    /* output_compression only for jpeg and webp. */
    { "gpt-image-1", "{\"output_compression\": 50}",
      "{\"model\":\"gpt-image-1\",\"prompt\":\"An otter\"}" },
    { "gpt-image-1", "{\"output_compression\": 50, \"output_format\": \"jpeg\"}",
      "{\"model\":\"gpt-image-1\",\"prompt\":\"An otter\",\"output_format\":\"jpeg\","
      "\"output_compression\":50}" },
    /* partial_images only when streaming. */
    { "gpt-image-1-mini", "{\"partial_images\": 3}",
      "{\"model\":\"gpt-image-1-mini\",\"prompt\":\"An otter\"}" },
    { "gpt-image-1-mini", "{\"partial_images\": 3, \"stream\": true}",
      "{\"model\":\"gpt-image-1-mini\",\"prompt\":\"An otter\",\"stream\":true,"
      "\"partial_images\":3}" },
    /* Transparent with the default png is fine. A whole double is an integer. */
    { "gpt-image-1.5", "{\"background\": \"transparent\", \"n\": 4.0}",
      "{\"model\":\"gpt-image-1.5\",\"prompt\":\"An otter\",\"background\":\"transparent\","
      "\"n\":4}" },
    /* A size as typed goes as the API writes it. */
    { "gpt-image-2", "{\"size\": \"2048 × 1152\"}",
      "{\"model\":\"gpt-image-2\",\"prompt\":\"An otter\",\"size\":\"2048x1152\"}" },
    { "dall-e-3",
      "{\"style\": \"natural\", \"quality\": \"hd\", \"size\": \"1792x1024\","
      " \"response_format\": \"b64_json\", \"n\": 1, \"moderation\": \"low\", \"stream\": true}",
      "{\"model\":\"dall-e-3\",\"prompt\":\"An otter\",\"size\":\"1792x1024\","
      "\"quality\":\"hd\",\"style\":\"natural\",\"response_format\":\"b64_json\"}" },
    { "dall-e-2",
      "{\"size\": \"512x512\", \"response_format\": \"url\", \"n\": 3, \"quality\": \"hd\"}",
      "{\"model\":\"dall-e-2\",\"prompt\":\"An otter\",\"size\":\"512x512\",\"n\":3}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      g_test_message ("%s %s", cases[i].model, cases[i].options);
      body = build (cases[i].model, "An otter", cases[i].options, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (body, ==, cases[i].body);
    }
}

static void
test_image_request_refused (void)
{
  static const struct {
    const char *model;
    const char *options;
    int code;
    const char *message;
  } cases[] = {
    { "gpt-image-1.5", "{\"background\": \"transparent\", \"output_format\": \"jpeg\"}",
      STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "png, webp" },
    { "gpt-image-2", "{\"size\": \"1000x1000\"}",
      STUDIO_IMAGE_ERROR_INVALID_SIZE, "1008×1008" },
    { "gpt-image-1.5", "{\"size\": \"1536x864\"}",
      STUDIO_IMAGE_ERROR_INVALID_SIZE, "1536×1024" },
    { "dall-e-3", "{\"n\": 2}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "between 1 and 1" },
    { "gpt-image-1", "{\"n\": 11}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "between 1 and 10" },
    { "gpt-image-1", "{\"n\": 1.5}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "wrong kind" },
    { "gpt-image-1", "{\"n\": \"two\"}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "wrong kind" },
    { "gpt-image-1", "{\"quality\": \"ultra\"}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "ultra" },
    { "gpt-image-1", "{\"quality\": \"hd\"}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "hd" },
    { "gpt-image-1", "{\"stream\": \"yes\"}", STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "stream" },
    { "gpt-image-1", "{\"partial_images\": 4, \"stream\": true}",
      STUDIO_IMAGE_ERROR_INVALID_PARAMETER, "between 0 and 3" },
    { "dall-e-2", "{\"size\": \"1024x1536\"}", STUDIO_IMAGE_ERROR_INVALID_SIZE, "1024×1024" },
    { "gpt-5", NULL, STUDIO_IMAGE_ERROR_UNSUPPORTED, "gpt-5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      g_test_message ("%s %s", cases[i].model, cases[i].options);
      body = build (cases[i].model, "An otter", cases[i].options, &error);
      g_assert_null (body);
      g_assert_error (error, STUDIO_IMAGE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_image_request_prompt (void)
{
  static const struct {
    const char *model;
    glong limit;
  } limits[] = {
    { "gpt-image-2", 32000 },
    { "gpt-image-1.5", 32000 },
    { "gpt-image-1-mini", 32000 },
    { "dall-e-3", 4000 },
    { "dall-e-2", 1000 },
  };
  static const char *blank[] = { NULL, "", " ", " \n\t ", "\u3000" };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autoptr(StudioModel) model = studio_fake_model_new (limits[i].model);
      g_autoptr(GString) prompt = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (studio_model_get_prompt_max_chars (model), ==, limits[i].limit);

      /* Characters, not bytes: "é" is two bytes. */
      for (glong n = 0; n < limits[i].limit; n++)
        g_string_append (prompt, "é");
      g_assert_true (studio_image_request_check_prompt (model, prompt->str, &error));
      g_assert_no_error (error);

      g_string_append_c (prompt, 'x');
      g_assert_false (studio_image_request_check_prompt (model, prompt->str, &error));
      g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_PROMPT_TOO_LONG);
      g_assert_nonnull (strstr (error->message, "Shorten it by 1."));
      g_clear_error (&error);

      for (guint j = 0; j < G_N_ELEMENTS (blank); j++)
        {
          g_autofree char *body = build (limits[i].model, blank[j], NULL, &error);

          g_assert_null (body);
          g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_EMPTY_PROMPT);
          g_clear_error (&error);
        }
    }
}

static void
test_image_request_stream_and_n (void)
{
  g_autoptr(StudioModel) gpt = studio_fake_model_new ("gpt-image-1.5");
  g_autoptr(StudioModel) dalle = studio_fake_model_new ("dall-e-3");
  g_autoptr(JsonObject) streamed = options_from ("{\"stream\": true, \"n\": 3}");
  g_autoptr(JsonObject) plain = options_from ("{\"n\": 2}");

  g_assert_true (studio_image_request_get_stream (gpt, streamed));
  g_assert_false (studio_image_request_get_stream (gpt, plain));
  g_assert_false (studio_image_request_get_stream (gpt, NULL));
  g_assert_false (studio_image_request_get_stream (dalle, streamed));
  g_assert_cmpuint (studio_image_request_get_n (gpt, streamed), ==, 3);
  g_assert_cmpuint (studio_image_request_get_n (gpt, NULL), ==, 1);
  g_assert_cmpuint (studio_image_request_get_n (dalle, plain), ==, 2);
}

static void
test_image_request_endpoints (void)
{
  static const struct {
    const char *model;
    gboolean generations;
    gboolean edits;
    gboolean variations;
  } cases[] = {
    { "gpt-image-2", TRUE, TRUE, FALSE },
    { "gpt-image-1.5", TRUE, TRUE, FALSE },
    { "gpt-image-1", TRUE, TRUE, FALSE },
    { "gpt-image-1-mini", TRUE, TRUE, FALSE },
    { "chatgpt-image-latest", TRUE, TRUE, FALSE },
    { "dall-e-3", TRUE, FALSE, FALSE },
    { "dall-e-2", TRUE, TRUE, TRUE },
    { "gpt-5", FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StudioModel) model = studio_fake_model_new (cases[i].model);

      g_assert_cmpint (studio_model_has_endpoint (model, STUDIO_IMAGE_ENDPOINT_GENERATIONS), ==,
                       cases[i].generations);
      g_assert_cmpint (studio_model_has_endpoint (model, STUDIO_IMAGE_ENDPOINT_EDITS), ==,
                       cases[i].edits);
      g_assert_cmpint (studio_model_has_endpoint (model, STUDIO_IMAGE_ENDPOINT_VARIATIONS), ==,
                       cases[i].variations);
    }
}

/* Edits: real files on disk, sent to the fake server and read back. */

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  char             *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->dir = g_dir_make_tmp ("studio-image-request-XXXXXX", NULL);
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

  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
}

/* An image of @width × @height encoded as @format ("png", "jpeg"). */
static GFile *
write_image (Fixture    *fixture,
             const char *name,
             const char *format,
             int         width,
             int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  if (g_str_equal (format, "jpeg"))
    {
      g_autoptr(GdkPixbuf) opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

      gdk_pixbuf_fill (opaque, 0x3366ccff);
      gdk_pixbuf_save (opaque, path, format, &error, NULL);
    }
  else
    gdk_pixbuf_save (pixbuf, path, format, &error, NULL);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* A file that starts as a PNG and is @size bytes long (sparse). */
static GFile *
write_large_png (Fixture *fixture,
                 const char *name,
                 goffset  size)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, png, sizeof png), ==, sizeof png);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);

  return g_file_new_for_path (path);
}

static GFile *
write_text (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "not an image\n", -1, NULL));
  return g_file_new_for_path (path);
}

static GBytes *
file_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* Sends @request and returns the form the server got. */
static SoupMultipart *
send_form (Fixture       *fixture,
           StudioRequest *request,
           const char    *path)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, path, 200, "application/json",
                           "{\"created\": 1, \"data\": []}", NULL);
  node = studio_fake_request_json (fixture->client, request, &error);
  g_assert_no_error (error);

  return studio_fake_request_get_form (studio_fake_server_last (fixture->server, path));
}

static void
assert_file_part (SoupMultipart *form,
                  const char    *name,
                  guint          nth,
                  GFile         *file,
                  const char    *content_type)
{
  g_autofree char *filename = NULL;
  g_autofree char *type = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GBytes) body = studio_fake_form_get_file (form, name, nth, &filename, &type);
  g_autoptr(GBytes) expected = file_bytes (file);

  g_assert_nonnull (body);
  g_assert_cmpstr (filename, ==, basename);
  g_assert_cmpstr (type, ==, content_type);
  g_assert_true (g_bytes_equal (body, expected));
}

static void
test_image_request_edit_form (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-image-1.5");
  g_autoptr(GFile) first = write_image (fixture, "first.png", "png", 64, 48);
  g_autoptr(GFile) second = write_image (fixture, "second.jpg", "jpeg", 32, 32);
  g_autoptr(GFile) third = write_image (fixture, "third", "png", 16, 16);
  g_autoptr(GFile) mask = write_image (fixture, "mask.png", "png", 64, 48);
  GFile *sources[] = { first, second, third };
  g_autoptr(JsonObject) options =
    options_from ("{\"input_fidelity\": \"high\", \"quality\": \"high\", \"n\": 2,"
                  " \"moderation\": \"low\", \"size\": \"1024x1536\", \"stream\": false,"
                  " \"background\": \"opaque\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  g_auto(GStrv) names = NULL;
  static const char *expected_names[] = {
    "image[]", "image[]", "image[]", "mask", "model", "prompt", "size", "quality",
    "background", "input_fidelity", "n", NULL,
  };
  static const char *expected_fields[][2] = {
    { "model", "gpt-image-1.5" }, { "prompt", "Put them in a basket" },
    { "size", "1024x1536" }, { "quality", "high" }, { "background", "opaque" },
    { "input_fidelity", "high" }, { "n", "2" },
  };

  request = studio_image_request_new_edit (model, "Put them in a basket", sources, 3, mask,
                                           options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_request_get_path (request), ==, "images/edits");

  form = send_form (fixture, request, "/v1/images/edits");
  names = studio_fake_form_list_names (form);
  g_assert_cmpstrv (names, expected_names);

  /* Each source is streamed from disk as it is, with its sniffed type. */
  g_assert_cmpuint (studio_fake_form_count (form, "image[]"), ==, 3);
  assert_file_part (form, "image[]", 0, first, "image/png");
  assert_file_part (form, "image[]", 1, second, "image/jpeg");
  assert_file_part (form, "image[]", 2, third, "image/png");
  assert_file_part (form, "mask", 0, mask, "image/png");

  for (guint i = 0; i < G_N_ELEMENTS (expected_fields); i++)
    {
      g_autofree char *value = studio_fake_form_get_field (form, expected_fields[i][0]);

      g_assert_cmpstr (value, ==, expected_fields[i][1]);
    }
}

static void
test_image_request_edit_single (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(StudioModel) mini = studio_fake_model_new ("gpt-image-1-mini");
  g_autoptr(StudioModel) dalle = studio_fake_model_new ("dall-e-2");
  g_autoptr(GFile) source = write_image (fixture, "source.png", "png", 32, 32);
  g_autoptr(JsonObject) options =
    options_from ("{\"input_fidelity\": \"high\", \"stream\": true, \"partial_images\": 1,"
                  " \"size\": \"512x512\", \"n\": 2}");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioRequest) dalle_request = NULL;
  g_autoptr(StudioRequest) variation = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  g_autoptr(SoupMultipart) dalle_form = NULL;
  g_autoptr(SoupMultipart) variation_form = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) dalle_names = NULL;
  g_auto(GStrv) variation_names = NULL;
  static const char *expected_names[] = {
    "image", "model", "prompt", "n", "stream", "partial_images", NULL,
  };
  static const char *expected_dalle[] = { "image", "model", "prompt", "size", "n", NULL };
  static const char *expected_variation[] = { "image", "model", "size", "n", NULL };

  /* One source goes as "image"; the mini model takes no input_fidelity,
   * and 512x512 is not one of its sizes, so that one is refused.
   */
  request = studio_image_request_new_edit (mini, "Make it blue", &source, 1, NULL, options,
                                           &error);
  g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
  g_assert_null (request);
  g_clear_error (&error);

  json_object_remove_member (options, "size");
  request = studio_image_request_new_edit (mini, "Make it blue", &source, 1, NULL, options,
                                           &error);
  g_assert_no_error (error);
  form = send_form (fixture, request, "/v1/images/edits");
  names = studio_fake_form_list_names (form);
  g_assert_cmpstrv (names, expected_names);
  assert_file_part (form, "image", 0, source, "image/png");

  /* dall-e-2 takes size, n and response_format, nothing else. */
  json_object_set_string_member (options, "size", "512x512");
  dalle_request = studio_image_request_new_edit (dalle, "Make it blue", &source, 1, NULL,
                                                 options, &error);
  g_assert_no_error (error);
  dalle_form = send_form (fixture, dalle_request, "/v1/images/edits");
  dalle_names = studio_fake_form_list_names (dalle_form);
  g_assert_cmpstrv (dalle_names, expected_dalle);

  variation = studio_image_request_new_variation (dalle, source, options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_request_get_path (variation), ==, "images/variations");
  variation_form = send_form (fixture, variation, "/v1/images/variations");
  variation_names = studio_fake_form_list_names (variation_form);
  g_assert_cmpstrv (variation_names, expected_variation);
  assert_file_part (variation_form, "image", 0, source, "image/png");
}

static void
test_image_request_edit_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(StudioModel) gpt = studio_fake_model_new ("gpt-image-1");
  g_autoptr(StudioModel) dalle = studio_fake_model_new ("dall-e-2");
  g_autoptr(StudioModel) dalle3 = studio_fake_model_new ("dall-e-3");
  g_autoptr(GFile) square = write_image (fixture, "square.png", "png", 32, 32);
  g_autoptr(GFile) wide = write_image (fixture, "wide.png", "png", 48, 32);
  g_autoptr(GFile) photo = write_image (fixture, "photo.jpg", "jpeg", 32, 32);
  g_autoptr(GFile) text = write_text (fixture, "notes.png");
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.png", NULL);
  g_autoptr(GFile) huge = write_large_png (fixture, "huge.png", 50000000);
  g_autoptr(GFile) four_mb = write_large_png (fixture, "four.png", 4000000);
  GFile *seventeen[17];
  GFile *two[] = { square, square };
  static const char *prompt = "Make it blue";
  struct {
    StudioModel *model;
    GFile **sources;
    guint n_sources;
    GFile *mask;
    int code;
    const char *message;
  } cases[] = {
    { dalle3, &square, 1, NULL, STUDIO_IMAGE_ERROR_UNSUPPORTED, "cannot edit" },
    { gpt, NULL, 0, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "Add an image" },
    { gpt, seventeen, 17, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "at most 16 images" },
    { gpt, &text, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "only PNG, WEBP, JPEG files" },
    { gpt, &missing, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "cannot be read" },
    { gpt, &huge, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "less than 50.0" },
    { gpt, &square, 1, wide, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "same size" },
    { gpt, &square, 1, photo, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "only PNG files" },
    { gpt, &square, 1, four_mb, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "less than 4.0" },
    { dalle, two, 2, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "at most 1 image " },
    { dalle, &wide, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "not square" },
    { dalle, &photo, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "only PNG files" },
    { dalle, &four_mb, 1, NULL, STUDIO_IMAGE_ERROR_INVALID_SOURCE, "less than 4.0" },
    { dalle, &square, 1, NULL, STUDIO_IMAGE_ERROR_EMPTY_PROMPT, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seventeen); i++)
    seventeen[i] = square;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StudioRequest) request = NULL;

      g_test_message ("case %u", i);
      request = studio_image_request_new_edit (cases[i].model,
                                               cases[i].message ? prompt : " ",
                                               cases[i].sources, cases[i].n_sources,
                                               cases[i].mask, NULL, &error);
      g_assert_null (request);
      g_assert_error (error, STUDIO_IMAGE_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      if (cases[i].message)
        g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StudioRequest) request = NULL;

    request = studio_image_request_new_variation (gpt, square, NULL, &error);
    g_assert_null (request);
    g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_UNSUPPORTED);
  }
}

static void
test_image_request_source_types (void)
{
  g_autoptr(StudioModel) gpt = studio_fake_model_new ("gpt-image-2");
  g_autoptr(StudioModel) dalle = studio_fake_model_new ("dall-e-2");
  g_autoptr(StudioModel) dalle3 = studio_fake_model_new ("dall-e-3");
  g_auto(GStrv) gpt_types = studio_image_request_dup_source_types (gpt);
  g_auto(GStrv) dalle_types = studio_image_request_dup_source_types (dalle);
  g_auto(GStrv) none = studio_image_request_dup_source_types (dalle3);
  const char *expected_gpt[] = { "image/png", "image/webp", "image/jpeg", NULL };
  const char *expected_dalle[] = { "image/png", NULL };

  g_assert_cmpstrv (gpt_types, expected_gpt);
  g_assert_cmpstrv (dalle_types, expected_dalle);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/image-request/body", test_image_request_body);
  g_test_add_func ("/studio/image-request/refused", test_image_request_refused);
  g_test_add_func ("/studio/image-request/prompt", test_image_request_prompt);
  g_test_add_func ("/studio/image-request/stream-and-n", test_image_request_stream_and_n);
  g_test_add_func ("/studio/image-request/endpoints", test_image_request_endpoints);
  g_test_add_func ("/studio/image-request/source-types", test_image_request_source_types);
  g_test_add ("/studio/image-request/edit-form", Fixture, NULL,
              fixture_set_up, test_image_request_edit_form, fixture_tear_down);
  g_test_add ("/studio/image-request/edit-single", Fixture, NULL,
              fixture_set_up, test_image_request_edit_single, fixture_tear_down);
  g_test_add ("/studio/image-request/edit-refused", Fixture, NULL,
              fixture_set_up, test_image_request_edit_refused, fixture_tear_down);

  return g_test_run ();
}
