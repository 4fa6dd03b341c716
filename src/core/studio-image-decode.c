/* studio-image-decode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-decode"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-decode.h"
#include "studio-image-size.h"

/* Images decoded on a worker thread, so that the main loop never waits on
 * a PNG: an image that arrived (a partial one as it streams) and a source
 * the user added for an edit, which is also checked here for what a
 * decoder sees and a size limit does not: a file cut short, an animation.
 */

typedef struct
{
  GBytes *bytes;
  GFile  *file;
  guint   max_side;
} Decode;

static void
decode_free (Decode *decode)
{
  g_clear_pointer (&decode->bytes, g_bytes_unref);
  g_clear_object (&decode->file);
  g_free (decode);
}

static GdkPixbuf *
scale_down (GdkPixbuf *pixbuf,
            guint      max_side)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale;

  if (max_side == 0 || (guint) MAX (width, height) <= max_side)
    return g_object_ref (pixbuf);

  scale = (double) max_side / MAX (width, height);
  return gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                  MAX (1, (int) (height * scale)), GDK_INTERP_BILINEAR);
}

static GdkPixbuf *
decode_bytes (GBytes  *bytes,
              GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    {
      /* A loader that failed part way still wants closing. */
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _("The image holds no picture."));
      return NULL;
    }

  return g_object_ref (pixbuf);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Decode *decode = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (decode->bytes != NULL)
    pixbuf = decode_bytes (decode->bytes, &error);
  else
    pixbuf = studio_image_decode_source (decode->file, cancellable, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scale_down (pixbuf, decode->max_side), g_object_unref);
}

/**
 * studio_image_decode_async:
 * @bytes: (nullable): an encoded image
 * @file: (nullable): or a file, checked as studio_image_decode_source() does
 * @max_side: scale down to at most this many pixels a side, or 0
 * @cancellable: (nullable): a cancellable
 * @callback: called with the pixbuf
 * @user_data: for @callback
 *
 * Decodes on a worker thread.
 */
void
studio_image_decode_async (GBytes              *bytes,
                           GFile               *file,
                           guint                max_side,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Decode *decode;

  g_return_if_fail ((bytes == NULL) != (file == NULL));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_decode_async);
  decode = g_new0 (Decode, 1);
  decode->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  decode->file = file ? g_object_ref (file) : NULL;
  decode->max_side = max_side;
  g_task_set_task_data (task, decode, (GDestroyNotify) decode_free);
  g_task_run_in_thread (task, decode_thread);
}

/**
 * studio_image_decode_finish:
 *
 * Returns: (transfer full) (nullable): the picture, or %NULL with a
 *   %GDK_PIXBUF_ERROR, %G_IO_ERROR or %STUDIO_IMAGE_ERROR
 */
GdkPixbuf *
studio_image_decode_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_image_decode_source:
 * @file: an image the user wants edited
 * @cancellable: (nullable): a cancellable
 * @error: the place for a %STUDIO_IMAGE_ERROR_INVALID_SOURCE error that
 *   names the file and says what to do
 *
 * Decodes the whole of @file, as the server would: a file that is not an
 * image, is cut short or damaged, or is animated is refused. Blocks: call
 * it on a worker thread.
 *
 * Returns: (transfer full) (nullable): the picture at full size
 */
GdkPixbuf *
studio_image_decode_source (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf;

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, &local_error)))
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      if (g_error_matches (local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE))
        g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                     _("“%s” is not an image. Use a PNG, WebP or JPEG file."), name);
      else
        g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                     _("“%s” is cut short or damaged, so it cannot be edited. Save it again "
                       "from the app that made it."), name);
      return NULL;
    }

  animation = gdk_pixbuf_loader_get_animation (loader);
  if (animation != NULL && !gdk_pixbuf_animation_is_static_image (animation))
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” is animated. Only still images can be edited: save one frame "
                     "as a PNG."), name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                   _("“%s” holds no picture."), name);
      return NULL;
    }

  return g_object_ref (pixbuf);
}
