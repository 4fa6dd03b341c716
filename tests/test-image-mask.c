/* test-image-mask.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The edit mask: strokes, the eraser, undo and redo, clear, invert, and
 * the PNG it exports, decoded back with gdk-pixbuf and checked pixel by
 * pixel.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "studio-image-mask.h"

#define WIDTH  120
#define HEIGHT 80

typedef struct
{
  guint changed;
  guint empty;
  guint can_undo;
  guint can_redo;
} Counts;

static void
changed_cb (StudioImageMask *mask,
            Counts          *counts)
{
  counts->changed++;
}

static void
notify_cb (StudioImageMask *mask,
           GParamSpec      *pspec,
           Counts          *counts)
{
  if (g_str_equal (pspec->name, "empty"))
    counts->empty++;
  else if (g_str_equal (pspec->name, "can-undo"))
    counts->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    counts->can_redo++;
}

static void
watch (StudioImageMask *mask,
       Counts          *counts)
{
  g_signal_connect (mask, "changed", G_CALLBACK (changed_cb), counts);
  g_signal_connect (mask, "notify", G_CALLBACK (notify_cb), counts);
}

/* The pixel whose centre is (x + 0.5, y + 0.5). */
static gboolean
pixel_painted (StudioImageMask *mask,
               double           x,
               double           y)
{
  return studio_image_mask_is_painted (mask, (guint) x, (guint) y);
}

/* The distance from the centre of pixel (@x, @y) to the segment (@ax, @ay)
 * – (@bx, @by).
 */
static double
distance_to_segment (int    x,
                     int    y,
                     double ax,
                     double ay,
                     double bx,
                     double by)
{
  double px = x + 0.5, py = y + 0.5;
  double dx = bx - ax, dy = by - ay;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0;

  t = CLAMP (t, 0, 1);

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* The PNG @mask exports, decoded, against what it says is painted; and
 * against what is expected when @expected is given: pixels clearly inside
 * are painted, clearly outside not, the edge may be either.
 */
typedef int (*Expected) (int x, int y);  /* 1 painted, 0 not, -1 either */

static void
assert_export (StudioImageMask *mask,
               Expected         expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = studio_image_mask_export (mask, &error);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", &error);
  GdkPixbuf *pixbuf;
  const guint8 *pixels;
  int rowstride;

  g_assert_no_error (error);
  g_assert_nonnull (png);
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, png, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, studio_image_mask_get_width (mask));
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, studio_image_mask_get_height (mask));
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 4);

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      {
        const guint8 *p = pixels + y * rowstride + x * 4;
        gboolean painted = studio_image_mask_is_painted (mask, x, y);

        /* Transparent exactly where painted, opaque black elsewhere. */
        if (painted)
          g_assert_cmpuint (p[3], ==, 0);
        else
          {
            g_assert_cmpuint (p[3], ==, 255);
            g_assert_cmpuint (p[0] | p[1] | p[2], ==, 0);
          }

        if (expected != NULL && expected (x, y) >= 0 && expected (x, y) != painted)
          g_error ("Pixel (%d, %d) is %s but should not be", x, y,
                   painted ? "painted" : "unpainted");
      }
}

/* The A8 surface says the same as is_painted(). */
static void
assert_surface (StudioImageMask *mask)
{
  cairo_surface_t *surface = studio_image_mask_get_surface (mask);
  const guint8 *data;
  int stride;

  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_A8);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, studio_image_mask_get_width (mask));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   studio_image_mask_get_height (mask));
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < studio_image_mask_get_height (mask); y++)
    for (guint x = 0; x < studio_image_mask_get_width (mask); x++)
      g_assert_cmpuint (data[y * stride + x], ==,
                        studio_image_mask_is_painted (mask, x, y) ? 255 : 0);
}

/* A stroke from (20, 20) to (90, 40), then to (90, 70), of radius 6. */
static int
expect_stroke (int x,
               int y)
{
  double d = MIN (distance_to_segment (x, y, 20, 20, 90, 40),
                  distance_to_segment (x, y, 90, 40, 90, 70));

  if (d < 5)
    return 1;
  if (d > 7.5)
    return 0;
  return -1;
}

/* The same with a round hole of radius 4 erased at (55, 30). */
static int
expect_erased (int x,
               int y)
{
  double hole = distance_to_segment (x, y, 55, 30, 55, 30);

  if (hole < 3)
    return 0;
  if (hole < 5.5)
    return -1;
  return expect_stroke (x, y);
}

static int
expect_inverted (int x,
                 int y)
{
  int painted = expect_stroke (x, y);

  return painted < 0 ? -1 : !painted;
}

static int
expect_nothing (int x,
                int y)
{
  return 0;
}

static void
draw_test_stroke (StudioImageMask *mask)
{
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 6, 20, 20);
  studio_image_mask_stroke_to (mask, 55, 30);
  studio_image_mask_stroke_to (mask, 90, 40);
  studio_image_mask_stroke_to (mask, 90, 70);
  studio_image_mask_end_stroke (mask);
}

static void
test_image_mask_new (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);

  g_assert_cmpuint (studio_image_mask_get_width (mask), ==, WIDTH);
  g_assert_cmpuint (studio_image_mask_get_height (mask), ==, HEIGHT);
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_false (studio_image_mask_get_can_undo (mask));
  g_assert_false (studio_image_mask_get_can_redo (mask));
  assert_surface (mask);
  assert_export (mask, expect_nothing);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_strokes (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  watch (mask, &counts);

  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 6, 20, 20);
  /* The first dot paints at once, and the view hears of it. */
  g_assert_false (studio_image_mask_get_empty (mask));
  g_assert_cmpuint (counts.empty, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_true (pixel_painted (mask, 20, 20));
  g_assert_false (pixel_painted (mask, 40, 20));
  /* Nothing to undo until the stroke ends. */
  g_assert_false (studio_image_mask_get_can_undo (mask));

  studio_image_mask_stroke_to (mask, 55, 30);
  g_assert_cmpuint (counts.changed, ==, 2);
  studio_image_mask_stroke_to (mask, 90, 40);
  studio_image_mask_stroke_to (mask, 90, 70);
  g_assert_cmpuint (counts.changed, ==, 4);
  studio_image_mask_end_stroke (mask);

  g_assert_true (studio_image_mask_get_can_undo (mask));
  g_assert_false (studio_image_mask_get_can_redo (mask));
  g_assert_cmpuint (counts.can_undo, ==, 1);
  g_assert_cmpuint (counts.empty, ==, 1);

  /* Inside the radius, the joint, and the round cap at the far end. */
  g_assert_true (pixel_painted (mask, 55, 30));
  g_assert_true (pixel_painted (mask, 55, 34));
  g_assert_true (pixel_painted (mask, 90, 45));
  g_assert_true (pixel_painted (mask, 94, 40));
  g_assert_true (pixel_painted (mask, 90, 74));
  /* A pixel or two beyond it. */
  g_assert_false (pixel_painted (mask, 55, 39));
  g_assert_false (pixel_painted (mask, 90, 78));
  g_assert_false (pixel_painted (mask, 98, 55));
  g_assert_false (pixel_painted (mask, 11, 20));

  assert_surface (mask);
  assert_export (mask, expect_stroke);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_outside (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  watch (mask, &counts);

  /* A stroke wholly outside the image paints nothing and records nothing. */
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 5, -50, -50);
  studio_image_mask_stroke_to (mask, -20, 200);
  studio_image_mask_end_stroke (mask);
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_false (studio_image_mask_get_can_undo (mask));

  /* One that runs off the edge paints what lies inside. */
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 5, -30, 10);
  studio_image_mask_stroke_to (mask, WIDTH + 30, 10);
  studio_image_mask_end_stroke (mask);
  g_assert_true (pixel_painted (mask, 0, 10));
  g_assert_true (pixel_painted (mask, WIDTH - 1, 10));
  g_assert_false (pixel_painted (mask, 0, 20));
  g_assert_true (studio_image_mask_get_can_undo (mask));
  assert_surface (mask);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_eraser (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  /* Erasing an empty mask changes nothing, so there is nothing to undo. */
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_ERASER, 4, 55, 30);
  studio_image_mask_end_stroke (mask);
  g_assert_false (studio_image_mask_get_can_undo (mask));

  draw_test_stroke (mask);
  watch (mask, &counts);

  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_ERASER, 4, 55, 30);
  studio_image_mask_end_stroke (mask);
  g_assert_false (pixel_painted (mask, 55, 30));
  g_assert_false (pixel_painted (mask, 57, 31));
  g_assert_true (pixel_painted (mask, 50, 28));
  g_assert_false (studio_image_mask_get_empty (mask));
  g_assert_cmpuint (counts.empty, ==, 0);
  assert_export (mask, expect_erased);

  /* Undo puts the hole's paint back; redo takes it away again. */
  studio_image_mask_undo (mask);
  g_assert_true (pixel_painted (mask, 55, 30));
  assert_export (mask, expect_stroke);
  studio_image_mask_redo (mask);
  assert_export (mask, expect_erased);

  /* A wide eraser over everything leaves the mask empty, and says so. */
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_ERASER, 30, 10, 20);
  studio_image_mask_stroke_to (mask, 110, 20);
  g_assert_false (studio_image_mask_get_empty (mask));
  studio_image_mask_stroke_to (mask, 110, 70);
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_cmpuint (counts.empty, ==, 1);
  studio_image_mask_end_stroke (mask);
  assert_export (mask, expect_nothing);
  studio_image_mask_undo (mask);
  g_assert_false (studio_image_mask_get_empty (mask));
  assert_export (mask, expect_erased);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_undo_redo (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  watch (mask, &counts);

  draw_test_stroke (mask);
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 3, 10, 70);
  studio_image_mask_end_stroke (mask);
  g_assert_true (pixel_painted (mask, 10, 70));

  studio_image_mask_undo (mask);
  g_assert_false (pixel_painted (mask, 10, 70));
  g_assert_true (studio_image_mask_get_can_undo (mask));
  g_assert_true (studio_image_mask_get_can_redo (mask));
  g_assert_cmpuint (counts.can_redo, ==, 1);
  assert_export (mask, expect_stroke);

  studio_image_mask_undo (mask);
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_false (studio_image_mask_get_can_undo (mask));
  g_assert_cmpuint (counts.can_undo, ==, 2);
  assert_export (mask, expect_nothing);

  /* Undo with nothing left does nothing. */
  counts.changed = 0;
  studio_image_mask_undo (mask);
  g_assert_cmpuint (counts.changed, ==, 0);

  studio_image_mask_redo (mask);
  g_assert_false (studio_image_mask_get_empty (mask));
  assert_export (mask, expect_stroke);
  studio_image_mask_redo (mask);
  g_assert_true (pixel_painted (mask, 10, 70));
  g_assert_false (studio_image_mask_get_can_redo (mask));

  /* A new stroke after an undo drops what could be redone. */
  studio_image_mask_undo (mask);
  g_assert_true (studio_image_mask_get_can_redo (mask));
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 3, 110, 10);
  studio_image_mask_end_stroke (mask);
  g_assert_false (studio_image_mask_get_can_redo (mask));
  g_assert_false (pixel_painted (mask, 10, 70));

  /* Undo in the middle of a stroke ends it first, then undoes it whole. */
  studio_image_mask_begin_stroke (mask, STUDIO_MASK_TOOL_BRUSH, 3, 5, 5);
  studio_image_mask_stroke_to (mask, 5, 60);
  studio_image_mask_undo (mask);
  g_assert_false (pixel_painted (mask, 5, 5));
  g_assert_false (pixel_painted (mask, 5, 60));
  g_assert_true (pixel_painted (mask, 110, 10));
  g_assert_true (studio_image_mask_get_can_redo (mask));

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_clear (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  watch (mask, &counts);

  /* Clearing an empty mask records nothing. */
  studio_image_mask_clear (mask);
  g_assert_false (studio_image_mask_get_can_undo (mask));
  g_assert_cmpuint (counts.changed, ==, 0);

  draw_test_stroke (mask);
  counts = (Counts) { 0 };
  studio_image_mask_clear (mask);
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_cmpuint (counts.empty, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);
  assert_surface (mask);
  assert_export (mask, expect_nothing);

  studio_image_mask_undo (mask);
  g_assert_false (studio_image_mask_get_empty (mask));
  assert_export (mask, expect_stroke);
  studio_image_mask_redo (mask);
  assert_export (mask, expect_nothing);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_invert (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  Counts counts = { 0 };

  watch (mask, &counts);

  /* Inverting nothing paints everything. */
  studio_image_mask_invert (mask);
  g_assert_false (studio_image_mask_get_empty (mask));
  g_assert_true (pixel_painted (mask, 0, 0));
  g_assert_true (pixel_painted (mask, WIDTH - 1, HEIGHT - 1));
  g_assert_true (studio_image_mask_get_can_undo (mask));
  studio_image_mask_undo (mask);
  g_assert_true (studio_image_mask_get_empty (mask));

  draw_test_stroke (mask);
  counts = (Counts) { 0 };
  studio_image_mask_invert (mask);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_false (pixel_painted (mask, 55, 30));
  g_assert_true (pixel_painted (mask, 5, 75));
  assert_surface (mask);
  assert_export (mask, expect_inverted);

  /* Inverting twice is where it began. */
  studio_image_mask_invert (mask);
  assert_export (mask, expect_stroke);
  studio_image_mask_undo (mask);
  assert_export (mask, expect_inverted);
  studio_image_mask_undo (mask);
  assert_export (mask, expect_stroke);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

/* A PNG of @width × @height, transparent (alpha @alpha) in a square at
 * (10, 10) of side 20 and opaque elsewhere; with @has_alpha FALSE, RGB.
 */
static GBytes *
draw_png (int      width,
          int      height,
          gboolean has_alpha,
          guint8   alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, has_alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  char *buffer = NULL;
  gsize length = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * rowstride + x * channels;
        gboolean inside = x >= 10 && x < 30 && y >= 10 && y < 30;

        p[0] = 200;
        p[1] = 100;
        p[2] = 50;
        if (has_alpha)
          p[3] = inside ? alpha : 255;
      }

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static int
expect_square (int x,
               int y)
{
  return x >= 10 && x < 30 && y >= 10 && y < 30;
}

static void
test_image_mask_import (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (WIDTH, HEIGHT);
  g_autoptr(GBytes) square = draw_png (WIDTH, HEIGHT, TRUE, 0);
  g_autoptr(GBytes) faint = draw_png (WIDTH, HEIGHT, TRUE, 127);
  g_autoptr(GBytes) nearly_opaque = draw_png (WIDTH, HEIGHT, TRUE, 128);
  g_autoptr(GBytes) wrong_size = draw_png (WIDTH + 1, HEIGHT, TRUE, 0);
  g_autoptr(GBytes) opaque = draw_png (WIDTH, HEIGHT, FALSE, 0);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("not an image", 12);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  draw_test_stroke (mask);
  watch (mask, &counts);

  /* Another size is refused, naming both, and the paint stays. */
  g_assert_false (studio_image_mask_import (mask, wrong_size, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "121 × 80"));
  g_assert_nonnull (strstr (error->message, "120 × 80"));
  g_clear_error (&error);
  g_assert_false (studio_image_mask_import (mask, garbage, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (studio_image_mask_import (mask, opaque, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (counts.changed, ==, 0);
  assert_export (mask, expect_stroke);

  /* The right size replaces the paint with its transparent pixels. */
  g_assert_true (studio_image_mask_import (mask, square, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.changed, ==, 1);
  assert_surface (mask);
  assert_export (mask, expect_square);

  /* Alpha below 128 counts as transparent, 128 and above as opaque. */
  g_assert_true (studio_image_mask_import (mask, nearly_opaque, &error));
  g_assert_true (studio_image_mask_get_empty (mask));
  g_assert_true (studio_image_mask_import (mask, faint, &error));
  g_assert_no_error (error);
  assert_export (mask, expect_square);

  /* Each import is a step to undo; the same one twice is only one. */
  g_assert_true (studio_image_mask_import (mask, square, &error));
  studio_image_mask_undo (mask);
  g_assert_true (studio_image_mask_get_empty (mask));
  studio_image_mask_undo (mask);
  assert_export (mask, expect_square);
  studio_image_mask_undo (mask);
  assert_export (mask, expect_stroke);

  /* What a mask exports, another imports as the same. */
  exported = studio_image_mask_export (mask, &error);
  g_assert_no_error (error);
  {
    g_autoptr(StudioImageMask) copy = studio_image_mask_new (WIDTH, HEIGHT);

    g_assert_true (studio_image_mask_import (copy, exported, &error));
    g_assert_no_error (error);
    assert_export (copy, expect_stroke);
    for (guint y = 0; y < HEIGHT; y++)
      for (guint x = 0; x < WIDTH; x++)
        g_assert_cmpint (studio_image_mask_is_painted (copy, x, y), ==,
                         studio_image_mask_is_painted (mask, x, y));
    g_assert_finalize_object (g_steal_pointer (&copy));
  }

  g_assert_finalize_object (g_steal_pointer (&mask));
}

static void
test_image_mask_large (void)
{
  g_autoptr(StudioImageMask) mask = studio_image_mask_new (1536, 1024);
  guint undone = 0;

  /* Many full-image changes: the history keeps the newest, within bounds
   * (64 MB keeps 42 of these 1.5 MB steps), so not all of them undo.
   */
  for (guint i = 0; i < 60; i++)
    studio_image_mask_invert (mask);
  g_assert_true (studio_image_mask_get_empty (mask));
  while (studio_image_mask_get_can_undo (mask))
    {
      studio_image_mask_undo (mask);
      undone++;
    }
  g_assert_cmpuint (undone, >, 20);
  g_assert_cmpuint (undone, <, 60);
  /* What is left is the inverts that can no longer be undone. */
  g_assert_cmpint (studio_image_mask_get_empty (mask), ==, (60 - undone) % 2 == 0);
  g_assert_cmpint (studio_image_mask_is_painted (mask, 1535, 1023), ==, (60 - undone) % 2 == 1);

  g_assert_finalize_object (g_steal_pointer (&mask));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/image-mask/new", test_image_mask_new);
  g_test_add_func ("/studio/image-mask/strokes", test_image_mask_strokes);
  g_test_add_func ("/studio/image-mask/outside", test_image_mask_outside);
  g_test_add_func ("/studio/image-mask/eraser", test_image_mask_eraser);
  g_test_add_func ("/studio/image-mask/undo-redo", test_image_mask_undo_redo);
  g_test_add_func ("/studio/image-mask/clear", test_image_mask_clear);
  g_test_add_func ("/studio/image-mask/invert", test_image_mask_invert);
  g_test_add_func ("/studio/image-mask/import", test_image_mask_import);
  g_test_add_func ("/studio/image-mask/large", test_image_mask_large);

  return g_test_run ();
}
