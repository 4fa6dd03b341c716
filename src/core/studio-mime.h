/* studio-mime.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * STUDIO_MIME_SNIFF_BYTES:
 *
 * How much of a file studio_mime_sniff_file() reads: enough for every
 * format the app takes to show its signature.
 */
#define STUDIO_MIME_SNIFF_BYTES 4096

const char * const *studio_mime_get_chat_image_types (void);
gboolean            studio_mime_is_chat_image        (const char    *mime_type);
gboolean            studio_mime_is_audio             (const char    *mime_type);
const char         *studio_mime_get_transcription_extension (const char *mime_type);
char               *studio_mime_sniff_bytes          (const void    *data,
                                                      gsize          length);
char               *studio_mime_sniff_file           (GFile         *file,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

G_END_DECLS
