/* studio-mime.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-mime"

#include "config.h"

#include "studio-mime.h"

/* Which files the app takes, decided from their first bytes and never from
 * their names: a photo saved as "notes.txt" is still a photo, and a text
 * file renamed "song.mp3" is still text. Every page, the window's "Open"
 * and the drop targets ask here, so they cannot disagree.
 */

/* The image types the chat completions API takes. */
static const char * const chat_image_types[] = {
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
  NULL
};

/**
 * studio_mime_get_chat_image_types:
 *
 * The image types a chat message may carry, for file chooser filters.
 *
 * Returns: (transfer none) (array zero-terminated=1): the MIME types
 */
const char * const *
studio_mime_get_chat_image_types (void)
{
  return chat_image_types;
}

/**
 * studio_mime_is_chat_image:
 * @mime_type: (nullable): a MIME type
 *
 * Returns: whether a chat message may carry an image of this type
 */
gboolean
studio_mime_is_chat_image (const char *mime_type)
{
  return mime_type != NULL && g_strv_contains ((const char * const *) chat_image_types, mime_type);
}

/**
 * studio_mime_is_audio:
 * @mime_type: (nullable): a MIME type
 *
 * MP4 and WebM files sniff as video even when they hold only sound, and the
 * transcription service takes their sound track, so they count as audio.
 *
 * Returns: whether the transcription service takes a file of this type
 */
gboolean
studio_mime_is_audio (const char *mime_type)
{
  return mime_type != NULL &&
         (g_str_has_prefix (mime_type, "audio/") ||
          g_str_equal (mime_type, "video/mp4") ||
          g_str_equal (mime_type, "video/webm"));
}

/* The containers /audio/transcriptions takes, as sniffed, and the file name
 * extension the service expects for each.
 */
static const struct {
  const char *mime_type;
  const char *extension;
} transcription_types[] = {
  { "audio/flac", "flac" },
  { "audio/x-flac", "flac" },
  { "audio/mpeg", "mp3" },
  { "audio/mp4", "m4a" },
  { "audio/x-m4a", "m4a" },
  { "video/mp4", "mp4" },
  { "video/mpeg", "mpeg" },
  { "audio/ogg", "ogg" },
  { "audio/x-opus+ogg", "ogg" },
  { "audio/x-vorbis+ogg", "ogg" },
  { "audio/x-flac+ogg", "ogg" },
  { "audio/wav", "wav" },
  { "audio/x-wav", "wav" },
  { "audio/vnd.wave", "wav" },
  { "audio/webm", "webm" },
  { "video/webm", "webm" },
};

/**
 * studio_mime_get_transcription_extension:
 * @mime_type: (nullable): a sniffed MIME type
 *
 * Whether the transcription service takes a file of this type as it is:
 * flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm. Other audio must be
 * converted first.
 *
 * Returns: (nullable): the file name extension the service expects for
 *   it, or %NULL when it does not take it
 */
const char *
studio_mime_get_transcription_extension (const char *mime_type)
{
  for (guint i = 0; mime_type != NULL && i < G_N_ELEMENTS (transcription_types); i++)
    if (g_str_equal (mime_type, transcription_types[i].mime_type))
      return transcription_types[i].extension;

  return NULL;
}

/**
 * studio_mime_sniff_bytes:
 * @data: (array length=length) (nullable): the first bytes of a file
 * @length: how many there are
 *
 * Returns: (transfer full): the MIME type the bytes show, or
 *   "application/octet-stream" when they show none
 */
char *
studio_mime_sniff_bytes (const void *data,
                         gsize       length)
{
  g_autofree char *content_type = NULL;
  char *mime_type;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* No file name: the name is what this module must not trust. */
  content_type = g_content_type_guess (NULL, data, length, NULL);
  mime_type = content_type ? g_content_type_get_mime_type (content_type) : NULL;

  return mime_type ? mime_type : g_strdup ("application/octet-stream");
}

/**
 * studio_mime_sniff_file:
 * @file: a regular file
 * @cancellable: (nullable): a cancellable
 * @error: the place for an error
 *
 * Reads the first %STUDIO_MIME_SNIFF_BYTES of @file and sniffs them. This
 * blocks: call it from a worker thread for files that may be remote.
 *
 * Returns: (transfer full) (nullable): the MIME type, or %NULL with @error
 *   set when the file cannot be read
 */
char *
studio_mime_sniff_file (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 buffer[STUDIO_MIME_SNIFF_BYTES];
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  /* read_all, because one read may return less than the file has. */
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, sizeof buffer, &length,
                                cancellable, error))
    return NULL;

  return studio_mime_sniff_bytes (buffer, length);
}
