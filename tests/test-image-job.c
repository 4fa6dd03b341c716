/* test-image-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "studio-fake-server.h"
#include "studio-image-job.h"
#include "studio-image-request.h"
#include "studio-model-catalog.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  char             *dir;
  StudioHistory    *history;
  StudioImageStore *store;
  guint             n_saved;
  guint             n_updated;
  guint             n_partial;
} Fixture;

static GBytes *
encode_png (guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  char *data = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL, NULL));

  return g_bytes_new_take (data, length);
}

static char *
base64_png (guint32 colour)
{
  g_autoptr(GBytes) bytes = encode_png (colour);

  return g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
  studio_client_set_max_retries (fixture->client, 0);

  fixture->dir = g_dir_make_tmp ("studio-image-job-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (fixture->dir, "history.db", NULL);
  folder = g_build_filename (fixture->dir, "images", NULL);
  fixture->history = studio_history_new (db, &error);
  g_assert_no_error (error);
  fixture->store = studio_image_store_new (fixture->history, folder);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
  g_assert_finalize_object (fixture->client);
  studio_fake_server_free (fixture->server);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
saved_cb (StudioImageJob    *job,
          StudioImageRecord *record,
          Fixture           *fixture)
{
  g_assert_cmpint (studio_image_record_get_id (record), >, 0);
  fixture->n_saved++;
}

static void
updated_cb (StudioImageJob    *job,
            StudioImageRecord *record,
            Fixture           *fixture)
{
  g_assert_cmpint (studio_image_record_get_state (record), ==, STUDIO_IMAGE_STATE_COMPLETE);
  fixture->n_updated++;
}

static void
partial_cb (StudioImageJob    *job,
            StudioImageResult *result,
            Fixture           *fixture)
{
  g_assert_true (studio_image_result_get_partial (result));
  fixture->n_partial++;
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

  studio_image_job_run_finish (STUDIO_IMAGE_JOB (object), async_result, &result->error);
  result->done = TRUE;
}

static StudioImageJob *
job_new (Fixture    *fixture,
         const char *model_id,
         const char *endpoint,
         const char *options_json)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(JsonNode) options = json_from_string (options_json, NULL);
  StudioImageJob *job;

  job = studio_image_job_new (fixture->client, fixture->store, model, endpoint, "An otter",
                              json_node_get_object (options));
  g_signal_connect (job, "saved", G_CALLBACK (saved_cb), fixture);
  g_signal_connect (job, "updated", G_CALLBACK (updated_cb), fixture);
  g_signal_connect (job, "partial-image", G_CALLBACK (partial_cb), fixture);

  return job;
}

static GError *
job_run (StudioImageJob *job,
         GCancellable   *cancellable)
{
  Result result = { 0 };

  studio_image_job_run_async (job, cancellable, run_cb, &result);
  studio_fake_wait_until (&result.done);

  return result.error;
}

/* What the gallery would show now, newest first. */
static GPtrArray *
list_store (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  studio_image_store_list_async (fixture->store, 0, 100, NULL, studio_fake_result_cb, &result);
  studio_fake_wait_result (&result);
  records = studio_image_store_list_finish (fixture->store, result, &error);
  g_assert_no_error (error);

  return records;
}

static char *
sse (const char *type,
     const char *b64,
     int         partial_index)
{
  if (partial_index >= 0)
    return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                            "\"size\":\"1024x1024\",\"quality\":\"low\","
                            "\"output_format\":\"png\",\"created_at\":1,"
                            "\"partial_image_index\":%d}\n\n", type, type, b64, partial_index);

  return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                          "\"size\":\"1024x1024\",\"quality\":\"low\","
                          "\"output_format\":\"png\",\"created_at\":2,\"usage\":"
                          "{\"total_tokens\":300,\"input_tokens\":20,\"output_tokens\":280,"
                          "\"input_tokens_details\":{\"text_tokens\":20,\"image_tokens\":0}}}\n\n",
                          type, type, b64);
}

/* Two images in one answer: both stored at once, with what was asked. */
static void
test_image_job_generate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *red = base64_png (0xff0000ff);
  g_autofree char *blue = base64_png (0x0000ffff);
  g_autofree char *body = g_strdup_printf ("{\"created\":1,\"data\":[{\"b64_json\":\"%s\","
                                           "\"revised_prompt\":\"A river otter\"},"
                                           "{\"b64_json\":\"%s\"}]}", red, blue);
  g_autoptr(StudioImageJob) job = job_new (fixture, "dall-e-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"n\": 2, \"size\": \"256x256\"}");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n_revised = 0;

  studio_fake_server_push (fixture->server, "/v1/images/generations", 200, "application/json",
                           body, NULL);
  error = job_run (job, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_saved, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (studio_image_job_get_records (job)), ==, 2);
  g_assert_false (studio_image_job_get_stream (job));

  records = list_store (fixture);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);

      g_assert_cmpstr (studio_image_record_get_model (record), ==, "dall-e-2");
      g_assert_cmpstr (studio_image_record_get_prompt (record), ==, "An otter");
      g_assert_cmpint (studio_image_record_get_state (record), ==, STUDIO_IMAGE_STATE_COMPLETE);
      g_assert_true (g_file_test (studio_image_record_get_file (record), G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (json_object_get_int_member (studio_image_record_get_options (record), "n"),
                       ==, 2);
    }
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (studio_image_record_get_revised_prompt (g_ptr_array_index (records, i)),
                   "A river otter") == 0)
      n_revised++;
  g_assert_cmpuint (n_revised, ==, 1);
}

/* Partial images are shown as they come, only the completed one stored. */
static void
test_image_job_stream (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *red = base64_png (0xff0000ff);
  g_autofree char *green = base64_png (0x00ff00ff);
  g_autofree char *chunk0 = sse ("image_generation.partial_image", red, 0);
  g_autofree char *chunk1 = sse ("image_generation.completed", green, -1);
  const char *chunks[] = { chunk0, chunk1, NULL };
  g_autoptr(StudioImageJob) job = job_new (fixture, "gpt-image-1.5",
                                           STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"stream\": true, \"partial_images\": 1}");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  error = job_run (job, NULL);
  g_assert_no_error (error);
  g_assert_true (studio_image_job_get_stream (job));
  g_assert_cmpuint (fixture->n_partial, ==, 1);
  g_assert_cmpuint (fixture->n_saved, ==, 1);
  g_assert_cmpint (studio_image_job_get_usage (job)->output_tokens, ==, 280);

  records = list_store (fixture);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (studio_image_record_get_state (g_ptr_array_index (records, 0)), ==,
                   STUDIO_IMAGE_STATE_COMPLETE);
  g_assert_cmpint (studio_image_record_get_usage (g_ptr_array_index (records, 0))->output_tokens,
                   ==, 280);
}

/* The connection drops after a partial image: it is stored, as partial. */
static void
test_image_job_dropped (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *red = base64_png (0xff0000ff);
  g_autofree char *chunk0 = sse ("image_generation.partial_image", red, 0);
  const char *chunks[] = { chunk0, NULL };
  g_autoptr(StudioImageJob) job = job_new (fixture, "gpt-image-1.5",
                                           STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"stream\": true, \"partial_images\": 2}");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  error = job_run (job, NULL);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpuint (fixture->n_saved, ==, 1);

  records = list_store (fixture);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (studio_image_record_get_state (g_ptr_array_index (records, 0)), ==,
                   STUDIO_IMAGE_STATE_PARTIAL);
}

/* A cancel stores nothing more, not even the partial image. */
static void
test_image_job_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *red = base64_png (0xff0000ff);
  g_autofree char *chunk0 = sse ("image_generation.partial_image", red, 0);
  const char *chunks[] = { chunk0, NULL };
  g_autoptr(StudioImageJob) job = job_new (fixture, "gpt-image-1.5",
                                           STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"stream\": true, \"partial_images\": 2}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_stream_full (fixture->server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_HANG);
  g_signal_connect_swapped (job, "partial-image", G_CALLBACK (g_cancellable_cancel), cancellable);
  error = job_run (job, cancellable);
  g_assert_true (studio_api_error_is_cancelled (error));
  g_assert_cmpuint (fixture->n_partial, ==, 1);
  g_assert_cmpuint (fixture->n_saved, ==, 0);

  records = list_store (fixture);
  g_assert_cmpuint (records->len, ==, 0);
}

/* A URL result is downloaded at once, without the key; one that 404s
 * keeps its row and URL for a retry.
 */
static void
test_image_job_url (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *root = g_strndup (studio_fake_server_get_base_url (fixture->server),
                                     strlen (studio_fake_server_get_base_url (fixture->server)) - 3);
  g_autofree char *body = g_strdup_printf ("{\"created\":1,\"data\":[{\"url\":\"%s/files/a.png\"},"
                                           "{\"url\":\"%s/files/gone.png\"}]}", root, root);
  g_autoptr(GBytes) png = encode_png (0x00ff00ff);
  g_autoptr(StudioImageJob) job = job_new (fixture, "dall-e-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"n\": 2, \"response_format\": \"url\"}");
  g_autoptr(StudioImageRecord) retried = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *download;
  StudioImageRecord *failed = NULL;

  studio_fake_server_push (fixture->server, "/v1/images/generations", 200, "application/json",
                           body, NULL);
  studio_fake_server_push_bytes (fixture->server, "/files/a.png", 200, "image/png", png);
  studio_fake_server_push (fixture->server, "/files/gone.png", 404, "application/xml",
                           "<Error>BlobNotFound</Error>", NULL);
  error = job_run (job, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_saved, ==, 2);
  g_assert_cmpuint (fixture->n_updated, ==, 1);
  g_assert_error (studio_image_job_get_download_error (job), STUDIO_API_ERROR,
                  STUDIO_API_ERROR_NOT_FOUND);

  download = studio_fake_server_last (fixture->server, "/files/a.png");
  g_assert_null (soup_message_headers_get_one (download->headers, "Authorization"));
  g_assert_null (soup_message_headers_get_one (download->headers, "OpenAI-Organization"));

  records = list_store (fixture);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);

      if (studio_image_record_get_state (record) == STUDIO_IMAGE_STATE_DOWNLOAD_FAILED)
        failed = record;
      else
        g_assert_true (g_file_test (studio_image_record_get_file (record),
                                    G_FILE_TEST_IS_REGULAR));
    }
  g_assert_nonnull (failed);
  g_assert_true (g_str_has_suffix (studio_image_record_get_url (failed), "/files/gone.png"));

  /* Retry, and this time the file is there. */
  studio_fake_server_push_bytes (fixture->server, "/files/gone.png", 200, "image/png", png);
  {
    g_autoptr(GAsyncResult) result = NULL;

    studio_image_job_download_async (fixture->client, fixture->store, failed, NULL,
                                     studio_fake_result_cb, &result);
    studio_fake_wait_result (&result);
    retried = studio_image_job_download_finish (result, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (studio_image_record_get_state (retried), ==, STUDIO_IMAGE_STATE_COMPLETE);
  g_assert_cmpint (studio_image_record_get_id (retried), ==, studio_image_record_get_id (failed));
}

/* What cannot be sent is said before anything goes out, and a 400 names
 * the parameter.
 */
static void
test_image_job_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioImageJob) blank = NULL;
  g_autoptr(StudioImageJob) job = job_new (fixture, "gpt-image-2",
                                           STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                           "{\"size\": \"1000x1000\"}");
  g_autoptr(StudioImageJob) refused = job_new (fixture, "gpt-image-2",
                                               STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                                               "{\"quality\": \"high\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) server_error = NULL;

  error = job_run (job, NULL);
  g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/images/generations"), ==, 0);

  studio_fake_server_push (fixture->server, "/v1/images/generations", 400, "application/json",
                           "{\"error\":{\"message\":\"Invalid value for quality.\","
                           "\"type\":\"invalid_request_error\",\"param\":\"quality\","
                           "\"code\":\"invalid_value\"}}", NULL);
  server_error = job_run (refused, NULL);
  g_assert_error (server_error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  g_assert_cmpstr (studio_api_error_get_param (server_error), ==, "quality");
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/studio/image-job/generate", Fixture, NULL,
              fixture_set_up, test_image_job_generate, fixture_tear_down);
  g_test_add ("/studio/image-job/stream", Fixture, NULL,
              fixture_set_up, test_image_job_stream, fixture_tear_down);
  g_test_add ("/studio/image-job/dropped", Fixture, NULL,
              fixture_set_up, test_image_job_dropped, fixture_tear_down);
  g_test_add ("/studio/image-job/cancel", Fixture, NULL,
              fixture_set_up, test_image_job_cancel, fixture_tear_down);
  g_test_add ("/studio/image-job/url", Fixture, NULL,
              fixture_set_up, test_image_job_url, fixture_tear_down);
  g_test_add ("/studio/image-job/refused", Fixture, NULL,
              fixture_set_up, test_image_job_refused, fixture_tear_down);

  return g_test_run ();
}
