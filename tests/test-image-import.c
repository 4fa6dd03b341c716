/* test-image-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "studio-image-import.h"

/* The images are drawn with gdk-pixbuf into a temporary folder, so there
 * are no fixture files. Not G_TEST_OPTION_ISOLATE_DIRS: it hides the
 * shared MIME database in XDG_DATA_DIRS, and sniffing needs it.
 */
static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      /* Only files and the empty folder the folder test made. */
      if (g_remove (path) != 0)
        g_test_message ("Could not remove %s", path);
    }
  g_rmdir (tmp_dir);
}

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
write_file (const char *name,
            const void *data,
            gsize       length)
{
  GFile *file = tmp_file (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  g_assert_no_error (error);

  return file;
}

static GdkPixbuf *
draw (int width,
      int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  g_assert_nonnull (pixbuf);
  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static GFile *
write_image (const char *name,
             int         width,
             int         height,
             const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = draw (width, height);
  g_autoptr(GBytes) bytes = encode (pixbuf, type);

  return write_file (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
assert_refused (GFile       *file,
                int          code,
                const char  *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);

  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_image_import_png (void)
{
  g_autoptr(GFile) file = write_image ("small.png", 64, 48, "png");
  g_autoptr(GBytes) original = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (attachment);
  g_assert_cmpstr (attachment->kind, ==, "image");
  g_assert_cmpstr (attachment->name, ==, "small.png");
  g_assert_cmpstr (attachment->mime_type, ==, "image/png");
  g_assert_cmpstr (attachment->detail, ==, "auto");
  /* Small enough: the file's own bytes are sent, not a copy made again. */
  g_assert_true (g_bytes_equal (attachment->data, original));
}

static void
test_image_import_sniffed (void)
{
  g_autoptr(GFile) file = write_image ("photo.txt", 32, 32, "jpeg");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);

  /* A JPEG by its bytes, whatever its name says. */
  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "image/jpeg");
}

static void
test_image_import_too_large (void)
{
  g_autoptr(GFile) file = write_image ("huge.png", 8, 8, "png");
  g_autofree char *path = g_file_get_path (file);

  /* A sparse file: 21 MB on paper, a few bytes on disk. */
  g_assert_cmpint (truncate (path, 21 * 1024 * 1024), ==, 0);
  assert_refused (file, G_IO_ERROR_FAILED,
                  "“huge.png” is larger than 20 MB, the most an image may be.");
}

static void
test_image_import_at_limit (void)
{
  g_autoptr(GFile) file = write_image ("limit.png", 8, 8, "png");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = NULL;

  /* Exactly 20 MB is allowed; PNG readers stop at IEND and skip the zeros. */
  g_assert_cmpint (truncate (path, STUDIO_IMAGE_MAX_BYTES), ==, 0);
  attachment = studio_image_import (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (attachment->data), ==, STUDIO_IMAGE_MAX_BYTES);
}

static void
test_image_import_not_image (void)
{
  static const char text[] = "Shopping list: bread, milk, eggs.\n";
  static const guint8 tiff[] = { 'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00 };
  g_autoptr(GFile) notes = write_file ("notes.png", text, strlen (text));
  g_autoptr(GFile) scan = write_file ("scan.tiff", tiff, sizeof tiff);

  assert_refused (notes, G_IO_ERROR_NOT_SUPPORTED,
                  "“notes.png” is not a PNG, JPEG, WebP or GIF image.");
  assert_refused (scan, G_IO_ERROR_NOT_SUPPORTED,
                  "“scan.tiff” is not a PNG, JPEG, WebP or GIF image.");
}

static void
test_image_import_folder (void)
{
  g_autoptr(GFile) folder = tmp_file ("album");

  g_assert_true (g_file_make_directory (folder, NULL, NULL));
  assert_refused (folder, G_IO_ERROR_NOT_REGULAR_FILE, "“album” is not a file.");
}

static void
test_image_import_missing (void)
{
  g_autoptr(GFile) file = tmp_file ("gone.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);

  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_image_import_damaged (void)
{
  g_autoptr(GdkPixbuf) pixbuf = draw (200, 200);
  g_autoptr(GBytes) bytes = encode (pixbuf, "png");
  g_autoptr(GString) scrambled = g_string_new_len (g_bytes_get_data (bytes, NULL), 8);
  g_autoptr(GFile) cut = NULL;
  g_autoptr(GFile) garbage = NULL;

  /* Cut inside the header: a PNG by its signature, but no image. */
  cut = write_file ("cut.png", g_bytes_get_data (bytes, NULL), 30);
  assert_refused (cut, G_IO_ERROR_INVALID_DATA,
                  "“cut.png” is damaged or cut short and cannot be read as an image.");

  /* The signature, then noise where the chunks should be. */
  for (guint i = 0; i < 500; i++)
    g_string_append_c (scrambled, (char) (i * 37 % 256));
  garbage = write_file ("noise.png", scrambled->str, scrambled->len);
  assert_refused (garbage, G_IO_ERROR_INVALID_DATA,
                  "“noise.png” is damaged or cut short and cannot be read as an image.");
}

/* Two 1×1 frames with a delay, looping: the smallest animated GIF. */
static const guint8 animated_gif[] = {
  'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00,
  0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
  0x21, 0xff, 0x0b, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
  0x03, 0x01, 0x00, 0x00, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0x02, 0x02, 0x44, 0x01, 0x00,
  0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  0x02, 0x02, 0x4c, 0x01, 0x00,
  0x3b,
};

static void
test_image_import_animated (void)
{
  g_autoptr(GFile) file = write_file ("dance.gif", animated_gif, sizeof animated_gif);
  /* The same GIF cut after its first frame is a still image. */
  g_autoptr(GString) still = g_string_new_len ((const char *) animated_gif, 61);
  g_autoptr(GFile) still_file = NULL;
  g_autoptr(StudioAttachment) attachment = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (file, G_IO_ERROR_NOT_SUPPORTED,
                  "“dance.gif” is an animated GIF; only still images can be sent.");

  g_string_append_c (still, 0x3b);
  still_file = write_file ("still.gif", still->str, still->len);
  attachment = studio_image_import (still_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "image/gif");
}

static void
test_image_import_scaled_png (void)
{
  g_autoptr(GFile) file = write_image ("wide.png", 3000, 1000, "png");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "image/png");
  g_assert_cmpstr (attachment->name, ==, "wide.png");

  pixbuf = decode (attachment->data);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, STUDIO_IMAGE_MAX_SIDE);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 682);
}

static void
test_image_import_scaled_jpeg (void)
{
  g_autoptr(GFile) file = write_image ("tall.jpg", 1000, 3000, "jpeg");
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *data;

  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "image/jpeg");

  /* Still a JPEG, not turned into a much larger PNG. */
  data = g_bytes_get_data (attachment->data, NULL);
  g_assert_cmpuint (data[0], ==, 0xff);
  g_assert_cmpuint (data[1], ==, 0xd8);

  pixbuf = decode (attachment->data);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 682);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, STUDIO_IMAGE_MAX_SIDE);
}

static void
test_image_import_scaled_gif (void)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) gif = g_string_new (NULL);
  guint8 header[] = { 'G', 'I', 'F', '8', '9', 'a', 0xb8, 0x0b, 0x0a, 0x00, 0x80, 0x00, 0x00,
                      0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                      0x2c, 0x00, 0x00, 0x00, 0x00, 0xb8, 0x0b, 0x0a, 0x00, 0x00 };

  /* A 3000×10 still GIF with one pixel of data: gdk-pixbuf, like browsers,
   * shows what a GIF has and fills the rest.
   */
  g_string_append_len (gif, (const char *) header, sizeof header);
  g_string_append_c (gif, 0x02);
  g_string_append_len (gif, "\x02\x44\x01\x00\x3b", 5);
  file = write_file ("banner.gif", gif->str, gif->len);

  attachment = studio_image_import (file, NULL, &error);
  g_assert_no_error (error);

  /* Scaled GIFs become PNGs: the API takes those, and they stay sharp. */
  g_assert_cmpstr (attachment->mime_type, ==, "image/png");
  pixbuf = decode (attachment->data);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, STUDIO_IMAGE_MAX_SIDE);
}

/* An APP1 segment saying "rotate 90° clockwise to view" (orientation 6). */
static const guint8 exif_rotate_90[] = {
  0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0x00, 0x00,
  'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
  0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00,
};

static void
test_image_import_orientation (void)
{
  g_autoptr(GdkPixbuf) drawn = draw (3000, 1000);
  g_autoptr(GBytes) jpeg = encode (drawn, "jpeg");
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const char *bytes = g_bytes_get_data (jpeg, NULL);

  /* A camera held upright: stored wide, shown tall. */
  g_string_append_len (data, bytes, 2);
  g_string_append_len (data, (const char *) exif_rotate_90, sizeof exif_rotate_90);
  g_string_append_len (data, bytes + 2, g_bytes_get_size (jpeg) - 2);
  file = write_file ("upright.jpg", data->str, data->len);

  attachment = studio_image_import (file, NULL, &error);
  g_assert_no_error (error);

  /* The copy has no EXIF data, so it must be stored upright. */
  pixbuf = decode (attachment->data);
  g_assert_null (gdk_pixbuf_get_option (pixbuf, "orientation"));
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 682);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, STUDIO_IMAGE_MAX_SIDE);
}

static void
test_image_import_webp_passes (void)
{
  /* A WebP this gdk-pixbuf cannot decode: the server checks it instead. */
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 0x1a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
    'V', 'P', '8', ' ', 0x0e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  };
  g_autoptr(GFile) file = write_file ("sticker.webp", webp, sizeof webp);
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioAttachment) attachment = studio_image_import (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (attachment->mime_type, ==, "image/webp");
  g_assert_cmpmem (g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data),
                   webp, sizeof webp);
}

typedef struct
{
  gboolean   done;
  GPtrArray *attachments;
  GError    *error;
} Result;

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *state = user_data;

  g_assert_null (object);
  state->attachments = studio_image_import_finish (result, &state->error);
  state->done = TRUE;
}

static void
wait_for (Result *result)
{
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_image_import_async (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  Result result = { 0 };
  StudioAttachment *first, *second;

  g_ptr_array_add (files, write_image ("one.png", 10, 10, "png"));
  g_ptr_array_add (files, write_image ("two.jpg", 3000, 20, "jpeg"));

  studio_image_import_async (files, NULL, import_cb, &result);
  /* The files were copied: changing the array now changes nothing. */
  g_ptr_array_set_size (files, 0);
  wait_for (&result);

  g_assert_no_error (result.error);
  g_assert_cmpuint (result.attachments->len, ==, 2);
  first = g_ptr_array_index (result.attachments, 0);
  second = g_ptr_array_index (result.attachments, 1);
  g_assert_cmpstr (first->name, ==, "one.png");
  g_assert_cmpstr (second->name, ==, "two.jpg");
  g_assert_cmpstr (second->mime_type, ==, "image/jpeg");
  g_ptr_array_unref (result.attachments);
}

static void
test_image_import_async_refused (void)
{
  static const char text[] = "not an image";
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  Result result = { 0 };

  g_ptr_array_add (files, write_image ("good.png", 10, 10, "png"));
  g_ptr_array_add (files, write_file ("bad.gif", text, strlen (text)));
  g_ptr_array_add (files, write_image ("never.png", 10, 10, "png"));

  studio_image_import_async (files, NULL, import_cb, &result);
  wait_for (&result);

  /* The first refusal is the answer; nothing half-done comes back. */
  g_assert_null (result.attachments);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (result.error->message, ==, "“bad.gif” is not a PNG, JPEG, WebP or GIF image.");
  g_clear_error (&result.error);
}

static void
test_image_import_async_cancelled (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  g_ptr_array_add (files, write_image ("one.png", 10, 10, "png"));
  g_cancellable_cancel (cancellable);

  studio_image_import_async (files, cancellable, import_cb, &result);
  wait_for (&result);

  g_assert_null (result.attachments);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("studio-image-import-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/studio/image-import/png", test_image_import_png);
  g_test_add_func ("/studio/image-import/sniffed", test_image_import_sniffed);
  g_test_add_func ("/studio/image-import/too-large", test_image_import_too_large);
  g_test_add_func ("/studio/image-import/at-limit", test_image_import_at_limit);
  g_test_add_func ("/studio/image-import/not-image", test_image_import_not_image);
  g_test_add_func ("/studio/image-import/folder", test_image_import_folder);
  g_test_add_func ("/studio/image-import/missing", test_image_import_missing);
  g_test_add_func ("/studio/image-import/damaged", test_image_import_damaged);
  g_test_add_func ("/studio/image-import/animated", test_image_import_animated);
  g_test_add_func ("/studio/image-import/scaled-png", test_image_import_scaled_png);
  g_test_add_func ("/studio/image-import/scaled-jpeg", test_image_import_scaled_jpeg);
  g_test_add_func ("/studio/image-import/scaled-gif", test_image_import_scaled_gif);
  g_test_add_func ("/studio/image-import/orientation", test_image_import_orientation);
  g_test_add_func ("/studio/image-import/webp-passes", test_image_import_webp_passes);
  g_test_add_func ("/studio/image-import/async", test_image_import_async);
  g_test_add_func ("/studio/image-import/async-refused", test_image_import_async_refused);
  g_test_add_func ("/studio/image-import/async-cancelled", test_image_import_async_cancelled);

  status = g_test_run ();

  remove_tmp_dir ();
  g_free (tmp_dir);

  return status;
}
