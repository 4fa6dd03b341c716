/* studio-image-decode.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

void       studio_image_decode_async       (GBytes               *bytes,
                                            GFile                *file,
                                            guint                 max_side,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GdkPixbuf *studio_image_decode_finish      (GAsyncResult         *result,
                                            GError              **error);
GdkPixbuf *studio_image_decode_source      (GFile                *file,
                                            GCancellable         *cancellable,
                                            GError              **error);

G_END_DECLS
