/* test-thumbnailer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gallery's thumbnails from real image files in a temporary folder,
 * drawn by gdk-pixbuf: their sizes, the memory cache's order, the disk
 * cache seen by a new thumbnailer, cancelling, and files that are gone or
 * are not images.
 */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "studio-fake-server.h"
#include "studio-thumbnailer.h"

typedef struct
{
  char *dir;
  char *cache;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-thumbnailer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->cache = g_build_filename (fixture->dir, "cache", "thumbnails", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->cache);
}

/* A PNG of @width × @height in one colour, whose red is @red. */
static char *
write_png (Fixture    *fixture,
           const char *name,
           int         width,
           int         height,
           guint8      red)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, ((guint32) red << 24) | 0x008040ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", &error, NULL));
  g_assert_no_error (error);

  return path;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GdkPixbuf *
load_full (StudioThumbnailer  *thumbnailer,
           const char         *path,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  studio_thumbnailer_load_async (thumbnailer, path, cancellable, store_result_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);

  return studio_thumbnailer_load_finish (thumbnailer, done, error);
}

static GdkPixbuf *
load (StudioThumbnailer *thumbnailer,
      const char        *path)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = load_full (thumbnailer, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (GDK_IS_PIXBUF (pixbuf));
  return pixbuf;
}

static void
assert_size (GdkPixbuf *pixbuf,
             int        width,
             int        height)
{
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static guint8
red_of (GdkPixbuf *pixbuf)
{
  return gdk_pixbuf_get_pixels (pixbuf)[0];
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;

  return n;
}

/* The workers may hold the thumbnailer a moment after the last callback. */
static void
finalize_thumbnailer (StudioThumbnailer *thumbnailer)
{
  studio_fake_assert_finalize_later (thumbnailer);
}

/* Cases --------------------------------------------------------------------- */

static void
test_thumbnailer_sizes (Fixture       *fixture,
                        gconstpointer  data)
{
  StudioThumbnailer *thumbnailer = studio_thumbnailer_new (256, 10, NULL);
  g_autofree char *wide = write_png (fixture, "wide.png", 1536, 1024, 10);
  g_autofree char *tall = write_png (fixture, "tall.png", 300, 600, 20);
  g_autofree char *small = write_png (fixture, "small.png", 100, 40, 30);
  g_autofree char *square = write_png (fixture, "square.png", 1024, 1024, 40);
  g_autoptr(GdkPixbuf) a = NULL;
  g_autoptr(GdkPixbuf) b = NULL;
  g_autoptr(GdkPixbuf) c = NULL;
  g_autoptr(GdkPixbuf) d = NULL;

  g_assert_cmpuint (studio_thumbnailer_get_size (thumbnailer), ==, 256);
  g_assert_cmpuint (studio_thumbnailer_get_n_cached (thumbnailer), ==, 0);
  g_assert_null (studio_thumbnailer_lookup (thumbnailer, wide));

  /* The longest side becomes 256, the other keeps the aspect. */
  a = load (thumbnailer, wide);
  assert_size (a, 256, 171);
  b = load (thumbnailer, tall);
  assert_size (b, 128, 256);
  d = load (thumbnailer, square);
  assert_size (d, 256, 256);
  g_assert_cmpuint (red_of (d), ==, 40);

  /* A small image is not blown up. */
  c = load (thumbnailer, small);
  assert_size (c, 100, 40);
  g_assert_cmpuint (red_of (c), ==, 30);

  g_assert_cmpuint (studio_thumbnailer_get_n_cached (thumbnailer), ==, 4);
  finalize_thumbnailer (thumbnailer);
}

static void
test_thumbnailer_lru (Fixture       *fixture,
                      gconstpointer  data)
{
  StudioThumbnailer *thumbnailer = studio_thumbnailer_new (64, 2, NULL);
  g_autofree char *one = write_png (fixture, "one.png", 200, 200, 1);
  g_autofree char *two = write_png (fixture, "two.png", 200, 200, 2);
  g_autofree char *three = write_png (fixture, "three.png", 200, 200, 3);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) found = NULL;

  g_clear_object (&pixbuf);
  pixbuf = load (thumbnailer, one);
  g_clear_object (&pixbuf);
  pixbuf = load (thumbnailer, two);
  g_assert_cmpuint (studio_thumbnailer_get_n_cached (thumbnailer), ==, 2);

  /* A lookup is a use: "one" becomes the newest, so "two" goes first. */
  found = studio_thumbnailer_lookup (thumbnailer, one);
  g_assert_nonnull (found);
  g_assert_cmpuint (red_of (found), ==, 1);
  g_clear_object (&found);

  g_clear_object (&pixbuf);
  pixbuf = load (thumbnailer, three);
  g_assert_cmpuint (studio_thumbnailer_get_n_cached (thumbnailer), ==, 2);
  g_assert_null (studio_thumbnailer_lookup (thumbnailer, two));
  found = studio_thumbnailer_lookup (thumbnailer, one);
  g_assert_nonnull (found);
  g_clear_object (&found);
  found = studio_thumbnailer_lookup (thumbnailer, three);
  g_assert_nonnull (found);
  g_assert_cmpuint (red_of (found), ==, 3);

  finalize_thumbnailer (thumbnailer);
}

static void
test_thumbnailer_disk_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  StudioThumbnailer *first = studio_thumbnailer_new (128, 10, fixture->cache);
  StudioThumbnailer *second = NULL;
  g_autofree char *path = write_png (fixture, "photo.png", 800, 400, 50);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) marked = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_file = NULL;
  const char *name;

  pixbuf = load (first, path);
  assert_size (pixbuf, 128, 64);
  finalize_thumbnailer (first);

  /* One PNG in the cache folder; marked, so that reading it shows. */
  g_assert_cmpuint (count_files (fixture->cache), ==, 1);
  listing = g_dir_open (fixture->cache, 0, &error);
  g_assert_no_error (error);
  name = g_dir_read_name (listing);
  g_assert_true (g_str_has_suffix (name, ".png"));
  cache_file = g_build_filename (fixture->cache, name, NULL);
  marked = gdk_pixbuf_copy (pixbuf);
  gdk_pixbuf_fill (marked, 0xc80000ff);
  g_assert_true (gdk_pixbuf_save (marked, cache_file, "png", &error, NULL));
  g_assert_no_error (error);

  /* A new thumbnailer, as after a restart, reads it instead of decoding. */
  second = studio_thumbnailer_new (128, 10, fixture->cache);
  g_clear_object (&pixbuf);
  pixbuf = load (second, path);
  assert_size (pixbuf, 128, 64);
  g_assert_cmpuint (red_of (pixbuf), ==, 200);
  finalize_thumbnailer (second);

  /* An image replaced under the same name is never shown stale. */
  g_free (write_png (fixture, "photo.png", 400, 800, 60));
  second = studio_thumbnailer_new (128, 10, fixture->cache);
  g_clear_object (&pixbuf);
  pixbuf = load (second, path);
  assert_size (pixbuf, 64, 128);
  g_assert_cmpuint (red_of (pixbuf), ==, 60);
  g_assert_cmpuint (count_files (fixture->cache), ==, 2);

  /* Another size is another thumbnail. */
  finalize_thumbnailer (second);
  second = studio_thumbnailer_new (32, 10, fixture->cache);
  g_clear_object (&pixbuf);
  pixbuf = load (second, path);
  assert_size (pixbuf, 16, 32);
  g_assert_cmpuint (count_files (fixture->cache), ==, 3);
  finalize_thumbnailer (second);
}

static void
test_thumbnailer_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  StudioThumbnailer *thumbnailer = studio_thumbnailer_new (256, 50, fixture->cache);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GAsyncResult *done[20] = { NULL, };
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  guint n_decoded;

  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *name = g_strdup_printf ("big-%u.png", i);

      g_ptr_array_add (paths, write_png (fixture, name, 1536, 1024, i));
    }

  /* Cancelled before it is asked for: nothing is read or kept. */
  g_cancellable_cancel (cancellable);
  pixbuf = load_full (thumbnailer, g_ptr_array_index (paths, 0), cancellable, &error);
  g_assert_null (pixbuf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (studio_thumbnailer_get_n_cached (thumbnailer), ==, 0);
  g_assert_cmpuint (count_files (fixture->cache), ==, 0);

  /* Twenty asked for and cancelled at once: each one reports the cancel,
   * and those still waiting for a thread are never decoded: at most the
   * two that the threads had taken up can have been.
   */
  g_object_unref (cancellable);
  cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    studio_thumbnailer_load_async (thumbnailer, g_ptr_array_index (paths, i), cancellable,
                                   store_result_cb, &done[i]);
  g_cancellable_cancel (cancellable);

  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      while (done[i] == NULL)
        g_main_context_iteration (NULL, TRUE);
      pixbuf = studio_thumbnailer_load_finish (thumbnailer, done[i], &error);
      g_assert_null (pixbuf);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&done[i]);
    }

  n_decoded = studio_thumbnailer_get_n_cached (thumbnailer);
  g_assert_cmpuint (n_decoded, <=, 2);
  g_assert_cmpuint (count_files (fixture->cache), <=, 2);

  /* The same files load once asked for again. */
  pixbuf = load (thumbnailer, g_ptr_array_index (paths, 19));
  assert_size (pixbuf, 256, 171);
  g_object_unref (pixbuf);

  finalize_thumbnailer (thumbnailer);
}

static void
test_thumbnailer_bad_files (Fixture       *fixture,
                            gconstpointer  data)
{
  StudioThumbnailer *thumbnailer = studio_thumbnailer_new (256, 10, fixture->cache);
  g_autofree char *missing = g_build_filename (fixture->dir, "gone.png", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "text.png", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.png", NULL);
  g_autofree char *cut = NULL;
  g_autofree char *good = write_png (fixture, "good.png", 512, 512, 90);
  g_autofree char *contents = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (text, "This is not an image at all.", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  /* The first half of a real PNG: a download that stopped. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  cut = g_build_filename (fixture->dir, "cut.png", NULL);
  g_assert_true (g_file_set_contents (cut, contents, length / 2, NULL));

  pixbuf = load_full (thumbnailer, missing, NULL, &error);
  g_assert_null (pixbuf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "gone.png"));
  g_clear_error (&error);

  pixbuf = load_full (thumbnailer, fixture->dir, NULL, &error);
  g_assert_null (pixbuf);
  g_assert_true (error->domain == GDK_PIXBUF_ERROR);
  g_clear_error (&error);

  for (guint i = 0; i < 3; i++)
    {
      const char *path = (const char *[]) { text, empty, cut }[i];

      pixbuf = load_full (thumbnailer, path, NULL, &error);
      g_assert_null (pixbuf);
      g_assert_nonnull (error);
      g_assert_true (error->domain == GDK_PIXBUF_ERROR);
      g_clear_error (&error);
      g_assert_null (studio_thumbnailer_lookup (thumbnailer, path));
    }

  /* Nothing is kept for them, and the good file still loads. */
  g_assert_cmpuint (count_files (fixture->cache), ==, 0);
  pixbuf = load (thumbnailer, good);
  assert_size (pixbuf, 256, 256);
  g_assert_cmpuint (count_files (fixture->cache), ==, 1);

  finalize_thumbnailer (thumbnailer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/studio/thumbnailer/sizes", Fixture, NULL,
              fixture_set_up, test_thumbnailer_sizes, fixture_tear_down);
  g_test_add ("/studio/thumbnailer/lru", Fixture, NULL,
              fixture_set_up, test_thumbnailer_lru, fixture_tear_down);
  g_test_add ("/studio/thumbnailer/disk-cache", Fixture, NULL,
              fixture_set_up, test_thumbnailer_disk_cache, fixture_tear_down);
  g_test_add ("/studio/thumbnailer/cancel", Fixture, NULL,
              fixture_set_up, test_thumbnailer_cancel, fixture_tear_down);
  g_test_add ("/studio/thumbnailer/bad-files", Fixture, NULL,
              fixture_set_up, test_thumbnailer_bad_files, fixture_tear_down);

  return g_test_run ();
}
