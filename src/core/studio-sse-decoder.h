/* studio-sse-decoder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StudioSseDecoder StudioSseDecoder;

/**
 * StudioSseEventFunc:
 * @event: (nullable): the `event:` field, or %NULL for the default "message"
 * @data: the `data:` lines joined with newlines, valid UTF-8
 * @id: (nullable): the `id:` field
 * @user_data: closure data
 *
 * Called once for each complete server-sent event.
 *
 * Returns: %FALSE to stop decoding the rest of this chunk
 */
typedef gboolean (*StudioSseEventFunc) (const char *event,
                                        const char *data,
                                        const char *id,
                                        gpointer    user_data);

#define STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE (64 * 1024 * 1024)

StudioSseDecoder *studio_sse_decoder_new    (gsize               max_event_size);
void              studio_sse_decoder_free   (StudioSseDecoder   *self);
gboolean          studio_sse_decoder_feed   (StudioSseDecoder   *self,
                                             const char         *data,
                                             gsize               length,
                                             StudioSseEventFunc  func,
                                             gpointer            user_data,
                                             GError            **error);
gsize             studio_sse_decoder_get_pending (StudioSseDecoder *self);
gboolean          studio_sse_decoder_finish (StudioSseDecoder   *self,
                                             StudioSseEventFunc  func,
                                             gpointer            user_data,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioSseDecoder, studio_sse_decoder_free)

G_END_DECLS
