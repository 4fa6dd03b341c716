/* bench-image-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four 1536x1024 PNG results (about 3 MB each) in one ImagesResponse, as
 * the Images API answers with b64_json: how long reading the answer
 * (parse, decode, check) and saving all four into the gallery take, and
 * the memory that adds over the answer's own text, in copies of one
 * decoded image. The goal is at most two copies of each image in memory
 * beyond the response text.
 *
 * Two runs: "in process" parses the body and applies it the way the client
 * does once the body is in; "over HTTP" runs a real request against a
 * SoupServer on 127.0.0.1 in this process, so the server's copy of the
 * body and libsoup's buffers count too.
 *
 * Each run is a process of its own (this program again, with the answer
 * written to a file), so that its peak, VmHWM, starts from nothing: the
 * baseline is the process with the answer's text read in.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "studio-fake-server.h"
#include "studio-image-request.h"
#include "studio-image-store.h"
#include "studio-image-stream.h"
#include "studio-utils.h"

#define N_IMAGES 4
#define WIDTH    1536
#define HEIGHT   1024

static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, field)))
    return -1;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* Noise on a gradient, bounded so that a PNG of it is about 3 MB: random
 * enough not to compress to nothing, like a real photograph.
 */
static GBytes *
make_png (guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = 2463534242u + seed * 7919;
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH * 3; x++)
      {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        pixels[y * stride + x] = (guint8) ((x / 12 + y / 8 + seed * 40) + (state & 0x1f));
      }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    g_error ("Could not make a PNG: %s", error->message);

  return g_bytes_new_take (buffer, size);
}

static GBytes *
make_body (gsize *image_size)
{
  GString *body = g_string_new ("{\"created\":1767225600,\"background\":\"opaque\","
                                "\"output_format\":\"png\",\"quality\":\"high\","
                                "\"size\":\"1536x1024\",\"data\":[");

  *image_size = 0;
  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autoptr(GBytes) png = make_png (i);
      g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

      *image_size += g_bytes_get_size (png);
      g_string_append_printf (body, "%s{\"b64_json\":\"%s\"}", i ? "," : "", b64);
    }
  *image_size /= N_IMAGES;

  g_string_append (body, "],\"usage\":{\"total_tokens\":24882,\"input_tokens\":50,"
                   "\"output_tokens\":24832,\"input_tokens_details\":"
                   "{\"text_tokens\":50,\"image_tokens\":0}}}");

  return g_string_free_to_bytes (body);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
save_all (StudioImageStore  *store,
          StudioImageStream *stream)
{
  GListModel *images = studio_image_stream_get_images (stream);
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "gpt-image-1", "A bench");
  GAsyncResult *results[N_IMAGES] = { NULL, };
  guint n = g_list_model_get_n_items (images);

  g_assert (n == N_IMAGES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioImageResult) result = g_list_model_get_item (images, i);

      studio_image_store_save_async (store, request, result, NULL, done_cb, &results[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StudioImageRecord) record =
        studio_image_store_record_finish (store, wait_for (&results[i]), &error);

      if (record == NULL)
        g_error ("Could not save image %u: %s", i, error->message);
      g_object_unref (results[i]);
    }
}

static void
report (const char *what,
        double      base,
        double      seconds_read,
        double      seconds_save,
        gsize       image_size)
{
  double peak = status_mib ("VmHWM:");
  double over = peak - base;

  printf ("%s: read %.0f ms, save %.0f ms; VmHWM %.1f MiB before, %.1f MiB after; "
          "peak over the baseline %.1f MiB = %.2f copies of one decoded image "
          "(%.2f per image)\n",
          what, seconds_read * 1000, seconds_save * 1000, base, peak, over,
          over / (image_size / 1048576.0), over / (image_size / 1048576.0) / N_IMAGES);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_image_stream_run_finish (STUDIO_IMAGE_STREAM (object), result, &error))
    g_error ("The run failed: %s", error->message);
  *done = TRUE;
}

static void
run_in_process (StudioClient     *client,
                StudioImageStore *store,
                GBytes           *body,
                gsize             image_size)
{
  g_autoptr(StudioImageStream) stream = studio_image_stream_new (client, N_IMAGES);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  double base = status_mib ("VmHWM:");
  double read_s;

  /* The body is in, as the client has it; parsed and applied the way
   * studio_image_stream_run_async() does, the tree dropped once applied.
   */
  {
    g_autoptr(JsonNode) root =
      studio_json_parse_server_data (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                     &error);

    if (root == NULL || !studio_image_stream_apply_response (stream, root, &error))
      g_error ("Could not read the answer: %s", error->message);
  }
  read_s = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  save_all (store, stream);
  report ("In process", base, read_s, g_timer_elapsed (timer, NULL), image_size);
}

static void
run_over_http (StudioClient     *client,
               StudioImageStore *store,
               GBytes           *body,
               gsize             image_size)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-image-1");
  g_autoptr(JsonObject) options = json_object_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioImageStream) stream = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  double base, read_s;

  studio_client_set_base_url (client, studio_fake_server_get_base_url (server));
  studio_client_set_api_key (client, "sk-bench");
  /* The server keeps a copy of its own: part of the baseline. */
  studio_fake_server_push_bytes (server, "/v1/images/generations", 200, "application/json", body);
  request = studio_image_request_new_generation (model, "A bench", options, &error);
  if (request == NULL)
    g_error ("Could not build the request: %s", error->message);
  stream = studio_image_stream_new (client, N_IMAGES);

  base = status_mib ("VmHWM:");
  timer = g_timer_new ();
  studio_image_stream_run_async (stream, request, FALSE, NULL, run_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  read_s = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  save_all (store, stream);
  report ("Over HTTP", base, read_s, g_timer_elapsed (timer, NULL), image_size);
}

/* One run in a process of its own: argv is MODE ANSWER-FILE IMAGE-SIZE DIR. */
static int
run_child (char *argv[])
{
  g_autofree char *db = g_build_filename (argv[4], argv[1], NULL);
  g_autofree char *folder = g_build_filename (argv[4], "images", NULL);
  g_autoptr(StudioHistory) history = NULL;
  g_autoptr(StudioImageStore) store = NULL;
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gsize image_size = g_ascii_strtoull (argv[3], NULL, 10);
  char *text = NULL;
  gsize length = 0;

  if (!(history = studio_history_new (db, &error)))
    g_error ("Could not open a history: %s", error->message);
  store = studio_image_store_new (history, folder);

  /* Read into memory of its own, as the client's body is. */
  if (!g_file_get_contents (argv[2], &text, &length, &error))
    g_error ("Could not read the answer: %s", error->message);
  body = g_bytes_new_take (text, length);

  if (g_str_equal (argv[1], "http"))
    run_over_http (client, store, body, image_size);
  else
    run_in_process (client, store, body, image_size);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  static const char *modes[] = { "in-process", "http" };
  g_autofree char *dir = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *size_text = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gsize image_size;

  if (argc == 5)
    return run_child (argv);

  dir = g_dir_make_tmp ("bench-image-decode-XXXXXX", &error);
  if (dir == NULL)
    g_error ("Could not make a folder: %s", error->message);
  answer = g_build_filename (dir, "answer.json", NULL);

  body = make_body (&image_size);
  printf ("%d images of %dx%d, %.2f MiB each as PNG; the answer is %.2f MiB\n", N_IMAGES, WIDTH,
          HEIGHT, image_size / 1048576.0, g_bytes_get_size (body) / 1048576.0);
  fflush (stdout);
  if (!g_file_set_contents (answer, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
    g_error ("Could not write the answer: %s", error->message);
  g_clear_pointer (&body, g_bytes_unref);
  size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, image_size);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      const char *child[] = { argv[0], modes[i], answer, size_text, dir, NULL };
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("The %s run failed: %s", modes[i], error->message);
    }

  studio_fake_remove_tree (dir);

  return 0;
}
