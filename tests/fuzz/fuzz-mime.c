/* fuzz-mime.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-mime"

#include "config.h"

#include "studio-mime.h"

#include "fuzz-common.h"

/* The first bytes of a file the user dropped or picked, sniffed with
 * studio_mime_sniff_bytes(): the type decides whether the file goes to a
 * vision model, to transcription, or is refused, so it must be one type
 * whatever the bytes, and the same type each time they are sniffed.
 */

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  g_autofree char *mime_type = NULL;
  g_autofree char *again = NULL;
  gsize length = MIN (size, STUDIO_MIME_SNIFF_BYTES);

  mime_type = studio_mime_sniff_bytes (size > 0 ? bytes : NULL, length);
  if (mime_type == NULL || *mime_type == '\0')
    fuzz_fail ("no MIME type");
  fuzz_check_utf8 ("MIME type", mime_type);

  if (studio_mime_is_chat_image (mime_type) && studio_mime_is_audio (mime_type))
    fuzz_fail ("%s is both an image and audio", mime_type);

  again = studio_mime_sniff_bytes (size > 0 ? bytes : NULL, length);
  if (g_strcmp0 (mime_type, again) != 0)
    fuzz_fail ("the same bytes sniffed as %s, then %s", mime_type, again);
}

const FuzzTarget fuzz_target = { .test_one_input = test_one_input };
