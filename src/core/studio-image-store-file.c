/* studio-image-store-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-image-store-private.h"
#include "studio-json.h"

/* Writing one image into the images folder, so that a killed process, a
 * cancel or a full disk never leaves a half-written file under a gallery
 * name: the bytes go to a temporary file in the same folder, which is
 * synced and then renamed. A PNG also carries the prompt and the options
 * in text chunks inserted after its IHDR (before the image data, where
 * every reader, progressive ones too, finds them); the image's own chunks
 * are written byte for byte, straight from the result's bytes, without a
 * copy of them.
 */

#define TEMPORARY_PREFIX ".saving-"
#define PNG_HEADER_END   33          /* the signature, then IHDR: 8 + 4 + 4 + 13 + 4 */
#define WRITE_PIECE      (1 << 20)   /* cancellable between pieces */

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

void
studio_image_file_clear (StudioImageFile *file)
{
  g_clear_pointer (&file->path, g_free);
  file->size = 0;
  file->width = file->height = 0;
}

/**
 * studio_image_file_is_temporary:
 * @name: a file name in the images folder
 *
 * Returns: whether it is a file being written (or left by a process that
 *   was killed while writing it), never one of the gallery
 */
gboolean
studio_image_file_is_temporary (const char *name)
{
  return g_str_has_prefix (name, TEMPORARY_PREFIX);
}

static gboolean
is_png_with_header (const guint8 *data,
                    gsize         size)
{
  return size >= PNG_HEADER_END + 12 &&
         memcmp (data, png_signature, sizeof png_signature) == 0 &&
         memcmp (data + 8, "\0\0\0\015IHDR", 8) == 0;
}

static void
add_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint32 be_length = GUINT32_TO_BE ((guint32) length);
  guint32 be_crc;
  uLong crc;

  crc = crc32 (0L, (const Bytef *) type, 4);
  crc = crc32 (crc, data, length);
  be_crc = GUINT32_TO_BE ((guint32) crc);

  g_byte_array_append (out, (const guint8 *) &be_length, 4);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, length);
  g_byte_array_append (out, (const guint8 *) &be_crc, 4);
}

/* tEXt holds Latin-1, so text that is not ASCII goes in an uncompressed
 * iTXt chunk, which holds UTF-8.
 */
static void
add_text_chunk (GByteArray *out,
                const char *keyword,
                const char *text)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gboolean ascii = g_str_is_ascii (text);

  g_byte_array_append (data, (const guint8 *) keyword, strlen (keyword) + 1);
  if (!ascii)
    /* compression flag and method, empty language tag and translated keyword */
    g_byte_array_append (data, (const guint8 *) "\0\0\0\0", 4);
  g_byte_array_append (data, (const guint8 *) text, strlen (text));

  add_chunk (out, ascii ? "tEXt" : "iTXt", data->data, data->len);
}

static GByteArray *
build_text_chunks (StudioImageRecord *record)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(JsonObject) about = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *json = NULL;

  json_object_set_string_member (about, "endpoint", record->endpoint);
  if (record->model != NULL)
    json_object_set_string_member (about, "model", record->model);
  json_object_set_string_member (about, "prompt", record->prompt);
  if (record->revised_prompt != NULL)
    json_object_set_string_member (about, "revised_prompt", record->revised_prompt);
  json_object_set_object_member (about, "options", json_object_ref (record->options));
  json_node_set_object (node, about);
  json = studio_json_to_string (node, FALSE);

  /* The keywords PNG registers, then everything, for this app to read back. */
  if (record->prompt[0] != '\0')
    add_text_chunk (out, "Description", record->prompt);
  if (record->revised_prompt != NULL)
    add_text_chunk (out, "Comment", record->revised_prompt);
  if (record->model != NULL)
    add_text_chunk (out, "Source", record->model);
  add_text_chunk (out, "Software", "OpenAI Studio");
  add_text_chunk (out, "Creation Time", created);
  add_text_chunk (out, "openai-studio", json);

  return out;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *folder)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("There is no room to save the image in %s. Free some space, then try again."),
                 folder);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not save the image in %s: %s"), folder, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length,
           const char    *folder,
           GCancellable  *cancellable,
           GError       **error)
{
  while (length > 0)
    {
      gssize written;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      written = write (fd, data, MIN (length, WRITE_PIECE));
      if (written < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          return set_errno_error (error, saved_errno, folder);
        }

      data += written;
      length -= written;
    }

  return TRUE;
}

static const char *
extension_for (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    return "jpg";
  if (g_strcmp0 (mime_type, "image/webp") == 0)
    return "webp";
  return "image";
}

/* A name that sorts by time and says what the image is; the random part
 * keeps several images of one second apart.
 */
static char *
pick_name (const char *folder,
           const char *mime_type)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (;;)
    {
      g_autofree char *name = g_strdup_printf ("%s-%08x.%s", stamp, g_random_int (),
                                               extension_for (mime_type));
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

static void
read_dimensions (StudioImageFile *file,
                 const guint8    *data,
                 gsize            size,
                 const char      *path)
{
  int width = 0, height = 0;

  if (is_png_with_header (data, size))
    {
      guint32 be[2];

      memcpy (be, data + 16, sizeof be);
      file->width = GUINT32_FROM_BE (be[0]);
      file->height = GUINT32_FROM_BE (be[1]);
    }
  else if (gdk_pixbuf_get_file_info (path, &width, &height) != NULL)
    {
      file->width = MAX (width, 0);
      file->height = MAX (height, 0);
    }
}

static void
forget_temporary (GHashTable *writing,
                  GMutex     *writing_lock,
                  const char *path)
{
  g_mutex_lock (writing_lock);
  g_hash_table_remove (writing, path);
  g_mutex_unlock (writing_lock);
}

/**
 * studio_image_file_write:
 * @file: (out caller-allocates): the file written
 * @folder: the images folder, made if needed
 * @bytes: the image, PNG, JPEG or WebP
 * @mime_type: its sniffed type
 * @record: what to write into a PNG's text chunks
 * @writing: the temporary files being written, which a purge leaves alone
 * @writing_lock: the lock of @writing
 * @cancellable: (nullable): stops the write, leaving no file
 * @error: the place for a %G_IO_ERROR
 *
 * Runs in a worker. When it returns %TRUE the file is complete under its
 * final name; otherwise nothing is left.
 */
gboolean
studio_image_file_write (StudioImageFile    *file,
                         const char         *folder,
                         GBytes             *bytes,
                         const char         *mime_type,
                         StudioImageRecord  *record,
                         GHashTable         *writing,
                         GMutex             *writing_lock,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GByteArray) chunks = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  const guint8 *data;
  gsize size;
  GStatBuf info;
  int fd;

  g_assert (file != NULL && file->path == NULL);

  data = g_bytes_get_data (bytes, &size);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return set_errno_error (error, errno, folder);

  temporary = g_build_filename (folder, TEMPORARY_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (temporary, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error, errno, folder);

  g_mutex_lock (writing_lock);
  g_hash_table_add (writing, g_strdup (temporary));
  g_mutex_unlock (writing_lock);

  if (is_png_with_header (data, size))
    {
      chunks = build_text_chunks (record);
      if (!write_all (fd, data, PNG_HEADER_END, folder, cancellable, error) ||
          !write_all (fd, chunks->data, chunks->len, folder, cancellable, error) ||
          !write_all (fd, data + PNG_HEADER_END, size - PNG_HEADER_END, folder, cancellable,
                      error))
        goto failed;
    }
  else if (!write_all (fd, data, size, folder, cancellable, error))
    goto failed;

  /* Synced before the rename, so the name never points at missing blocks. */
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, folder);
      goto failed;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, folder);
      goto failed;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  name = pick_name (folder, mime_type);
  path = g_build_filename (folder, name, NULL);
  if (g_rename (temporary, path) != 0)
    {
      set_errno_error (error, errno, folder);
      goto failed;
    }
  forget_temporary (writing, writing_lock, temporary);

  file->path = g_steal_pointer (&name);
  file->size = g_stat (path, &info) == 0 ? (gint64) info.st_size : -1;
  read_dimensions (file, data, size, path);

  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (temporary);
  forget_temporary (writing, writing_lock, temporary);
  return FALSE;
}
