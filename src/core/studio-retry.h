/* studio-retry.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The backoff starts at half a second and doubles up to eight. */
#define STUDIO_RETRY_BASE_MS        500
#define STUDIO_RETRY_CAP_MS         8000
/* The longest wait a server may ask for that is honoured as it is. */
#define STUDIO_RETRY_AFTER_LIMIT_MS 60000

gint64   studio_retry_after_from_headers (SoupMessageHeaders *headers);
guint    studio_retry_delay_ms           (guint               attempt,
                                          gint64              retry_after_ms);
gboolean studio_retry_should_retry       (const GError       *error,
                                          GCancellable       *cancellable,
                                          gboolean            delivered,
                                          guint               attempt,
                                          guint               max_retries);

G_END_DECLS
