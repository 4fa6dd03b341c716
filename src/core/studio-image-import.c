/* studio-image-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-import"

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "studio-image-import.h"
#include "studio-mime.h"

/* Turns an image file into an attachment the chat completions API will
 * take: a regular file of at most 20 MB whose bytes (not its name) show a
 * PNG, JPEG, WebP or GIF, that decodes, that is not animated, and that is
 * scaled down when it is larger than a vision model can use. Each refusal
 * names the file and says why, for the user to read.
 *
 * Decoding uses gdk-pixbuf, not GTK, so this runs in worker threads and in
 * tests without a display.
 */

/* Scaled images are written again as JPEG if they were JPEG (photos stay
 * small) and as PNG otherwise (drawings and screenshots stay sharp). The
 * copy has no EXIF data, so a photo taken sideways is turned upright first;
 * it would otherwise arrive rotated.
 */
static GBytes *
scale_down (GdkPixbuf   *original,
            gboolean     jpeg,
            GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_apply_embedded_orientation (original);
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autofree char *buffer = NULL;
  int width, height;
  double scale;
  gsize size = 0;

  if (pixbuf == NULL)
    pixbuf = g_object_ref (original);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  scale = (double) STUDIO_IMAGE_MAX_SIDE / MAX (width, height);
  scaled = gdk_pixbuf_scale_simple (pixbuf, MAX (1, width * scale), MAX (1, height * scale),
                                    GDK_INTERP_BILINEAR);
  if (scaled == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, g_strerror (ENOMEM));
      return NULL;
    }

  if (!gdk_pixbuf_save_to_buffer (scaled, &buffer, &size, jpeg ? "jpeg" : "png", error,
                                  jpeg ? "quality" : NULL, "90", NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}

/**
 * studio_image_import:
 * @file: an image file
 * @cancellable: (nullable): a cancellable
 * @error: the place for an error, whose message is for the user
 *
 * Reads, checks and if needed scales down an image for a chat message. This
 * blocks: call it in a worker thread.
 *
 * Returns: (transfer full) (nullable): an image attachment with detail
 *   "auto", or %NULL with @error set
 */
StudioAttachment *
studio_image_import (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf;
  gboolean decoded;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a file."), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > STUDIO_IMAGE_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” is larger than 20 MB, the most an image may be."), name);
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, error)))
    return NULL;

  mime_type = studio_mime_sniff_bytes (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!studio_mime_is_chat_image (mime_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a PNG, JPEG, WebP or GIF image."), name);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  decoded = gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  decoded = gdk_pixbuf_loader_close (loader, NULL) && decoded;
  if (!decoded || !(animation = gdk_pixbuf_loader_get_animation (loader)))
    {
      /* Without a WebP loader the image cannot be checked here; the server will. */
      if (g_str_equal (mime_type, "image/webp"))
        return studio_attachment_new_image (name, mime_type, bytes, "auto");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is damaged or cut short and cannot be read as an image."), name);
      return NULL;
    }

  if (!gdk_pixbuf_animation_is_static_image (animation))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is an animated GIF; only still images can be sent."), name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_animation_get_static_image (animation);

  if (MAX (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf)) > STUDIO_IMAGE_MAX_SIDE)
    {
      gboolean jpeg = g_str_equal (mime_type, "image/jpeg");
      GBytes *scaled;

      if (!(scaled = scale_down (pixbuf, jpeg, error)))
        return NULL;

      g_bytes_unref (bytes);
      bytes = scaled;
      g_free (mime_type);
      mime_type = g_strdup (jpeg ? "image/jpeg" : "image/png");
    }

  return studio_attachment_new_image (name, mime_type, bytes, "auto");
}

static void
studio_image_import_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) attachments = NULL;

  attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_attachment_free);

  for (guint i = 0; i < files->len; i++)
    {
      GError *error = NULL;
      StudioAttachment *attachment;

      attachment = studio_image_import (g_ptr_array_index (files, i), cancellable, &error);
      if (attachment == NULL)
        {
          g_task_return_error (task, error);
          return;
        }

      g_ptr_array_add (attachments, attachment);
    }

  g_task_return_pointer (task, g_steal_pointer (&attachments), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * studio_image_import_async:
 * @files: (element-type GFile): the image files, in order
 * @cancellable: (nullable): a cancellable
 * @callback: called when all are imported or one was refused
 * @user_data: data for @callback
 *
 * Imports each file as studio_image_import() does, in a worker thread,
 * stopping at the first one that is refused. @files is copied, so the
 * caller may change it afterwards.
 */
void
studio_image_import_async (GPtrArray           *files,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (files != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  for (guint i = 0; i < files->len; i++)
    g_return_if_fail (G_IS_FILE (g_ptr_array_index (files, i)));

  copy = g_ptr_array_new_full (files->len, g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (files, i)));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_import_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, studio_image_import_thread);
}

/**
 * studio_image_import_finish:
 * @result: the result passed to the callback
 * @error: the place for an error, whose message is for the user
 *
 * Returns: (transfer full) (element-type StudioAttachment) (nullable): the
 *   attachments in the order of the files, freed with studio_attachment_free()
 */
GPtrArray *
studio_image_import_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_image_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
