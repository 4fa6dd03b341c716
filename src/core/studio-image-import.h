/* studio-image-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-message.h"

G_BEGIN_DECLS

/**
 * STUDIO_IMAGE_MAX_BYTES:
 *
 * The largest image file the chat completions API takes.
 */
#define STUDIO_IMAGE_MAX_BYTES (20 * 1024 * 1024)

/**
 * STUDIO_IMAGE_MAX_SIDE:
 *
 * The longest side, in pixels, a vision model makes use of; larger images
 * are scaled down before they are sent.
 */
#define STUDIO_IMAGE_MAX_SIDE 2048

StudioAttachment *studio_image_import        (GFile                *file,
                                              GCancellable         *cancellable,
                                              GError              **error);
void              studio_image_import_async  (GPtrArray            *files,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray        *studio_image_import_finish (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
