/* bench-gallery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Images gallery over 1,000 stored images: the time from making the
 * gallery to its first frame with tiles, the memory before, at that frame
 * and after scrolling to the end, and the main-loop stalls (99th
 * percentile and longest) while the gallery loads and, apart, while it
 * scrolls top to bottom at a steady row of tiles per 1/60 s, with the CPU
 * time the host took (steal). Needs a display (run it with
 * build-aux/headless.sh, which gives it Xvfb). BENCH_DEBUG=1 prints each
 * stall over 16 ms with its monotonic times, to match with a profile.
 *
 * The images are 1,000 files, each its own image in the store: 20
 * distinct 1024×1024 and 1536×1024 PNGs, each saved 50 times (the store
 * writes a file per image, as it does for real ones). Thumbnails start
 * with an empty disk cache, so every one seen is decoded; BENCH_WARM=1
 * runs the gallery a second time, reading them from that cache.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-context.h"
#include "studio-image-gallery.h"
#include "studio-image-request.h"
#include "studio-ui.h"

#define N_IMAGES   1000
#define N_DISTINCT 20

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

/* A smooth picture (so the file stays small), different for each @seed. */
static GBytes *
draw_png (guint seed)
{
  int width = seed % 2 ? 1536 : 1024;
  int height = 1024;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (x * 255 / width + seed * 37) & 0xff;
        p[1] = (y * 255 / height + seed * 53) & 0xff;
        p[2] = ((x + y) / 8 + seed * 11) & 0xff;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", NULL, NULL));
  return g_bytes_new_take (buffer, length);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *n_left = user_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = studio_image_store_record_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (record == NULL)
    g_error ("Could not store an image: %s", error->message);
  (*n_left)--;
}

static void
fill_store (StudioImageStore *store)
{
  static const char *words[] = {
    "harbour", "violin", "tulip", "saffron", "meadow", "orbit", "glacier", "wombat",
    "lighthouse", "nebula", "origami", "canyon", "lantern", "coral", "fox", "tram",
  };
  GBytes *pngs[N_DISTINCT];
  guint n_left = 0;

  for (guint i = 0; i < N_DISTINCT; i++)
    pngs[i] = draw_png (i);

  for (guint i = 0; i < N_IMAGES; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("A %s and a %s at dusk, picture %u",
                                                 words[i % G_N_ELEMENTS (words)],
                                                 words[(i * 7 + 3) % G_N_ELEMENTS (words)], i);
      g_autoptr(StudioImageRecord) request =
        studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "gpt-image-1", prompt);
      g_autoptr(StudioImageResult) result = studio_image_result_new (pngs[i % N_DISTINCT], NULL);

      n_left++;
      studio_image_store_save_async (store, request, result, NULL, saved_cb, &n_left);
      /* A few at a time: the store's workers are few too. */
      while (n_left > 8)
        g_main_context_iteration (NULL, TRUE);
    }
  while (n_left > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < N_DISTINCT; i++)
    g_bytes_unref (pngs[i]);
}

/* What the host took of the machine's CPU time (steal, in /proc/stat): on
 * a shared VM it shows up as stalls that are no one's code.
 */
static guint64
stolen_ticks (guint64 *all)
{
  g_autofree char *stat = NULL;
  guint64 fields[8] = { 0 };

  *all = 0;
  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL) ||
      sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                    " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &fields[0], &fields[1], &fields[2], &fields[3], &fields[4], &fields[5], &fields[6], &fields[7]) != 8)
    return 0;

  for (guint i = 0; i < 8; i++)
    *all += fields[i];

  return fields[7];
}

typedef enum
{
  PHASE_SETUP,
  PHASE_LOAD,      /* from making the gallery until every page is read */
  PHASE_SCROLL,    /* scrolling top to bottom */
} Phase;

typedef struct
{
  GtkWidget     *gallery;
  GtkAdjustment *vadjustment;
  Phase          phase;
  gint64         start;
  gint64         first_paint;   /* µs from start, or 0 */
  double         rss_first;
  gboolean       done;
  gint64         scroll_start;  /* frame time of the first scroll frame */
  double         scroll_from;
  double         row_height;
  gint64         last_tick;
  gint64         longest_frame;
  gint64         last_beat;
  GArray        *gaps[3];       /* main-loop gaps per phase, in ms */
  guint          n_frames;
  guint          n_paints;
} Run;

static gboolean
has_tile (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "StudioImageTile"))
    return gtk_widget_get_mapped (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_tile (child))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_tile (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "StudioImageTile"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tile (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_tiles (GtkWidget *widget)
{
  guint n = g_str_equal (G_OBJECT_TYPE_NAME (widget), "StudioImageTile");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_tiles (child);

  return n;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  run->n_paints++;
  if (run->gallery != NULL && run->first_paint == 0 && has_tile (run->gallery))
    {
      run->first_paint = g_get_monotonic_time () - run->start;
      run->rss_first = rss_mib ();
      if (g_getenv ("BENCH_DEBUG"))
        printf ("tiles at first frame: %u\n", count_tiles (run->gallery));
    }
}

/* A steady scroll, as a kinetic scroll or a held key: one row of tiles
 * per 1/60 s, by the frame clock's time, so that a late frame jumps as
 * far as the time it took.
 */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);
  double value, page, upper, target;

  if (run->phase != PHASE_SCROLL)
    return G_SOURCE_CONTINUE;

  if (run->last_tick != 0)
    run->longest_frame = MAX (run->longest_frame, now - run->last_tick);
  run->last_tick = now;
  run->n_frames++;

  value = gtk_adjustment_get_value (run->vadjustment);
  page = gtk_adjustment_get_page_size (run->vadjustment);
  upper = gtk_adjustment_get_upper (run->vadjustment);
  if (value + page >= upper)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  if (run->scroll_start == 0)
    {
      run->scroll_start = frame_time;
      run->scroll_from = value;
    }

  target = run->scroll_from + run->row_height * (frame_time - run->scroll_start) * 60.0 / G_USEC_PER_SEC;
  /* At least a pixel a frame, so that it ends even if the clock stands. */
  gtk_adjustment_set_value (run->vadjustment, MIN (MAX (target, value + 1), upper - page));
  return G_SOURCE_CONTINUE;
}

/* Runs whenever the main loop gets to it: a gap is a stall. */
static gboolean
heartbeat_cb (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  if (run->last_beat != 0 && run->phase != PHASE_SETUP)
    {
      double gap = (now - run->last_beat) / 1000.0;

      g_array_append_val (run->gaps[run->phase], gap);
      if (gap > 16 && g_getenv ("BENCH_DEBUG"))
        printf ("stall %.1f ms in %s, from %.3f to %.3f s\n", gap,
                run->phase == PHASE_LOAD ? "loading" : "scrolling",
                run->last_beat / 1e6, now / 1e6);
    }
  run->last_beat = now;

  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_gaps (const char *label,
            const char *phase,
            GArray     *gaps)
{
  guint over = 0;

  if (gaps->len == 0)
    return;

  g_array_sort (gaps, compare_doubles);
  for (guint i = 0; i < gaps->len; i++)
    over += g_array_index (gaps, double, i) > 16;

  printf ("%s: %s: main-loop stalls: 99th percentile %.1f ms, longest %.1f ms (goal <= 16), %u over 16 ms\n",
          label, phase, g_array_index (gaps, double, (gaps->len - 1) * 99 / 100),
          g_array_index (gaps, double, gaps->len - 1), over);
}

static void
run_gallery (StudioContext *context,
             const char    *label)
{
  Run run = { 0, };
  GtkWindow *window;
  GtkWidget *overlay;
  GtkWidget *tile;
  GdkFrameClock *clock;
  StudioThumbnailer *thumbnailer;
  double rss_before, rss_loaded;
  guint64 steal_start, all_start, steal_end, all_end;
  guint heartbeat;
  gulong handler;
  int columns;

  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint i = 0; i < G_N_ELEMENTS (run.gaps); i++)
    run.gaps[i] = g_array_new (FALSE, FALSE, sizeof (double));

  /* The window is there first, drawn once, as in the app: what is timed
   * is the gallery, not setting up the renderer.
   */
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (window, overlay);
  gtk_window_present (window);
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  while (run.n_paints < 2)
    g_main_context_iteration (NULL, TRUE);
  printf ("%s: renderer %s\n", label, G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  rss_before = rss_mib ();
  steal_start = stolen_ticks (&all_start);

  heartbeat = g_timeout_add_full (G_PRIORITY_HIGH, 1, heartbeat_cb, &run, NULL);
  run.phase = PHASE_LOAD;
  run.start = g_get_monotonic_time ();
  run.gallery = studio_image_gallery_new (context);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), run.gallery);
  while (run.first_paint == 0)
    g_main_context_iteration (NULL, TRUE);

  /* Every page read, so that the grid is as long as the gallery. */
  while (studio_image_gallery_get_n_items (STUDIO_IMAGE_GALLERY (run.gallery)) < N_IMAGES)
    g_main_context_iteration (NULL, TRUE);
  rss_loaded = rss_mib ();

  run.vadjustment =
    gtk_scrolled_window_get_vadjustment (studio_image_gallery_get_scrolled_window (STUDIO_IMAGE_GALLERY (run.gallery)));
  tile = find_tile (run.gallery);
  g_assert_nonnull (tile);
  columns = MAX (1, gtk_widget_get_width (run.gallery) / MAX (1, gtk_widget_get_width (gtk_widget_get_parent (tile))));
  /* The grid's own item (the tile's parent) is a row high. */
  run.row_height = MAX (1, gtk_widget_get_height (gtk_widget_get_parent (tile)));
  run.phase = PHASE_SCROLL;
  gtk_widget_add_tick_callback (run.gallery, scroll_tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  run.phase = PHASE_SETUP;
  g_source_remove (heartbeat);
  steal_end = stolen_ticks (&all_end);

  thumbnailer = studio_image_gallery_get_thumbnailer (STUDIO_IMAGE_GALLERY (run.gallery));
  printf ("%s: first frame with tiles %.1f ms (goal <= 200)\n", label, run.first_paint / 1000.0);
  printf ("%s: RSS before %.1f MiB, at first frame %.1f MiB, every page read %.1f MiB,"
          " after scrolling to the end %.1f MiB (%u thumbnails in memory of %d images)\n",
          label, rss_before, run.rss_first, rss_loaded, rss_mib (),
          studio_thumbnailer_get_n_cached (thumbnailer), N_IMAGES);
  print_gaps (label, "first load", run.gaps[PHASE_LOAD]);
  printf ("%s: scrolled %d rows of %d tiles (%.0f px each) top to bottom in %u frames (%.1f s);"
          " longest frame interval %.1f ms\n",
          label, (N_IMAGES + columns - 1) / columns, columns, run.row_height, run.n_frames,
          (run.last_tick - run.scroll_start) / 1e6, run.longest_frame / 1000.0);
  print_gaps (label, "scrolling", run.gaps[PHASE_SCROLL]);
  if (all_end > all_start)
    printf ("%s: CPU time taken by the host (steal) %.1f %%\n", label,
            100.0 * (steal_end - steal_start) / (all_end - all_start));

  for (guint i = 0; i < G_N_ELEMENTS (run.gaps); i++)
    g_array_unref (run.gaps[i]);
  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("bench-gallery-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  g_autofree char *history = g_build_filename (home, "history.db", NULL);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(StudioContext) context = NULL;
  g_autofree char *command = NULL;
  gint64 start;

  /* Folders of its own: the images, the thumbnails, the history. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *bench_dir = g_path_get_dirname (argv[0]);
      g_autofree char *schemas = g_build_filename (bench_dir, "..", "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }

  gtk_init ();
  adw_init ();
  studio_ui_init ();

  settings = g_settings_new (APP_ID);
  context = studio_context_new (settings, history);

  start = g_get_monotonic_time ();
  fill_store (studio_context_get_image_store (context));
  printf ("stored %d images (%d distinct PNGs, one file each) in %.1f s\n", N_IMAGES, N_DISTINCT,
          (g_get_monotonic_time () - start) / 1e6);

  run_gallery (context, "cold thumbnail cache");
  if (g_getenv ("BENCH_WARM") != NULL)
    run_gallery (context, "warm thumbnail cache");

  studio_context_shutdown (context);
  g_clear_object (&context);
  command = g_strdup_printf ("rm -rf '%s'", home);
  if (system (command) != 0)
    g_printerr ("Could not remove %s\n", home);

  return 0;
}
