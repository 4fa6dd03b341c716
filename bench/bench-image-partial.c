/* bench-image-partial.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streams a 1536x1024 image as three partial images and the final one,
 * each a PNG of noise of about 3 MB, from a server on 127.0.0.1 running in
 * a thread of its own, into the real Images page in a window, and reports
 * the longest stalls of the main loop while they arrive and are shown.
 * Needs a display: run it with build-aux/headless.sh.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

#include "studio-fake-server.h"
#include "studio-image-gallery.h"
#include "studio-images-page.h"
#include "studio-model-picker.h"
#include "studio-ui.h"

#define WIDTH       1536
#define HEIGHT      1024
#define INTERVAL_MS 400

static char *
noise_png_base64 (guint seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *data = NULL;
  gsize length = 0;

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH * 3; x++)
      pixels[y * stride + x] = g_rand_int_range (rand, 0, 256);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL,
                                            "compression", "1", NULL));

  return g_base64_encode ((const guint8 *) data, length);
}

static char *
event (const char *type,
       const char *b64,
       int         index)
{
  if (index >= 0)
    return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                            "\"size\":\"1536x1024\",\"partial_image_index\":%d}\n\n",
                            type, type, b64, index);

  return g_strdup_printf ("event: %s\ndata: {\"type\":\"%s\",\"b64_json\":\"%s\","
                          "\"size\":\"1536x1024\",\"usage\":{\"total_tokens\":6260,"
                          "\"input_tokens\":20,\"output_tokens\":6240}}\n\n", type, type, b64);
}

typedef struct
{
  GMutex            lock;
  GCond             cond;
  StudioFakeServer *server;
  char             *base_url;
  char            **chunks;
  GMainLoop        *loop;
} Server;

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  server->loop = g_main_loop_new (context, FALSE);
  server->server = studio_fake_server_new (NULL);
  studio_fake_server_push (server->server, "/v1/models", 200, "application/json",
                           "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-image-1.5\","
                           "\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"}]}",
                           NULL);
  studio_fake_server_push_stream_full (server->server, "/v1/images/generations",
                                       (const char *const *) server->chunks, INTERVAL_MS,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  g_mutex_lock (&server->lock);
  server->base_url = g_strdup (studio_fake_server_get_base_url (server->server));
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);
  studio_fake_server_free (server->server);
  g_main_context_pop_thread_default (context);

  return NULL;
}

static gint64 last_tick;
static GArray *gaps;

static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    {
      double gap = (now - last_tick) / 1000.0;

      g_array_append_val (gaps, gap);
    }
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("bench-image-partial-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(StudioContext) context = NULL;
  Server server = { 0 };
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) options = json_from_string ("{\"stream\": true, \"partial_images\": 3}",
                                                  NULL);
  StudioModelPicker *picker;
  StudioImageGallery *gallery;
  GtkWidget *window, *page, *found;
  GThread *thread;
  gint64 start;
  guint probe;

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  gtk_init ();
  adw_init ();
  studio_ui_init ();

  fprintf (stderr, "Making four noise PNGs of %dx%d…\n", WIDTH, HEIGHT);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *b64 = noise_png_base64 (i + 1);

      g_ptr_array_add (chunks, event ("image_generation.partial_image", b64, i));
    }
  {
    g_autofree char *b64 = noise_png_base64 (99);

    g_ptr_array_add (chunks, event ("image_generation.completed", b64, -1));
    printf ("Each event: %.1f MB of base64\n", strlen (b64) / 1e6);
  }
  g_ptr_array_add (chunks, NULL);

  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.chunks = (char **) chunks->pdata;
  thread = g_thread_new ("server", server_thread, &server);
  g_mutex_lock (&server.lock);
  while (server.base_url == NULL)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);

  g_setenv ("OPENAI_BASE_URL", server.base_url, TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-bench-0000", TRUE);
  settings = g_settings_new (APP_ID);
  context = studio_context_new (settings, db);
  studio_context_start (context);
  while (!studio_model_catalog_get_loaded (studio_context_get_catalog (context)))
    g_main_context_iteration (NULL, TRUE);

  page = g_object_new (STUDIO_TYPE_IMAGES_PAGE, "context", context, NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  picker = NULL;
  for (found = gtk_widget_get_first_child (page); found; )
    {
      if (STUDIO_IS_MODEL_PICKER (found))
        break;
      if (gtk_widget_get_first_child (found))
        found = gtk_widget_get_first_child (found);
      else
        {
          while (found && !gtk_widget_get_next_sibling (found))
            found = gtk_widget_get_parent (found);
          found = found ? gtk_widget_get_next_sibling (found) : NULL;
        }
    }
  picker = STUDIO_MODEL_PICKER (found);
  studio_model_picker_select_id (picker, "gpt-image-1.5");
  studio_images_page_set_prompt (STUDIO_IMAGES_PAGE (page), "Noise, streamed");
  studio_images_page_set_options (STUDIO_IMAGES_PAGE (page), json_node_get_object (options));
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2; g_get_monotonic_time () < end; )
    g_main_context_iteration (NULL, FALSE);

  gallery = studio_images_page_get_gallery (STUDIO_IMAGES_PAGE (page));
  gaps = g_array_new (FALSE, FALSE, sizeof (double));
  probe = g_timeout_add (1, probe_cb, NULL);
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (page, "images.generate", NULL));
  while (studio_image_gallery_get_n_items (gallery) == 0)
    g_main_context_iteration (NULL, TRUE);
  /* Then the final image's preview is decoded and shown. */
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end; )
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (probe);

  g_array_sort (gaps, compare_doubles);
  printf ("Streamed 3 partial images and the final one in %.2f s (server paced at %d ms)\n",
          (g_get_monotonic_time () - start) / 1e6 - 1.0, INTERVAL_MS);
  printf ("Main-loop gaps: %u; median %.2f ms, 99th percentile %.2f ms, longest %.2f ms "
          "(goal: at most 16 ms)\n", gaps->len, g_array_index (gaps, double, gaps->len / 2),
          g_array_index (gaps, double, gaps->len * 99 / 100),
          g_array_index (gaps, double, gaps->len - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  studio_context_shutdown (context);
  g_main_loop_quit (server.loop);
  g_thread_join (thread);

  return 0;
}
