/* studio-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The longest duration, in milliseconds, that we take from a server. */
#define STUDIO_MAX_DURATION_MS (G_GINT64_CONSTANT (365) * 24 * 60 * 60 * 1000)

gboolean      studio_set_str                      (char         **str_pointer,
                                                   const char    *new_str);
gboolean      studio_str_empty0                   (const char    *str);
gboolean      studio_str_is_blank                 (const char    *str);

/**
 * StudioIdFunc:
 * @item: an item of a list
 *
 * Returns: the item's id
 */
typedef gint64 (*StudioIdFunc) (gpointer item);

gpointer      studio_list_model_find_by_id        (GListModel    *model,
                                                   StudioIdFunc   get_id,
                                                   gint64         id,
                                                   guint         *position);
gboolean      studio_uri_is_loopback              (const char    *uri);
void          studio_core_ensure_resources        (void);

gint64        studio_duration_ms_from_double      (double         ms);

GCancellable *studio_cancellable_new_with_timeout (GCancellable  *parent,
                                                   guint          timeout_ms);
void          studio_cancellable_restart_timeout  (GCancellable  *cancellable,
                                                   guint          timeout_ms);
gboolean      studio_cancellable_timed_out        (GCancellable  *cancellable);
void          studio_cancellable_disarm           (GCancellable  *cancellable);

JsonNode     *studio_json_parse_server_data       (const char    *data,
                                                   gssize         length,
                                                   GError       **error);
gint64        studio_json_get_int                 (JsonObject    *object,
                                                   const char    *member,
                                                   gint64         fallback);
gboolean      studio_json_get_boolean             (JsonObject    *object,
                                                   const char    *member,
                                                   gboolean       fallback);

G_END_DECLS
