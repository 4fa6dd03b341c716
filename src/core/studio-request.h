/* studio-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_REQUEST (studio_request_get_type ())

typedef struct _StudioRequest StudioRequest;

typedef void (*StudioRequestProgressFunc) (goffset  sent,
                                           goffset  total,
                                           gpointer user_data);

GType          studio_request_get_type      (void) G_GNUC_CONST;
StudioRequest *studio_request_new           (const char     *method,
                                             const char     *path);
StudioRequest *studio_request_ref           (StudioRequest  *self);
void           studio_request_unref         (StudioRequest  *self);
const char    *studio_request_get_method    (StudioRequest  *self);
const char    *studio_request_get_path      (StudioRequest  *self);
void           studio_request_set_json_body (StudioRequest  *self,
                                             JsonNode       *body);
GBytes        *studio_request_get_json_body (StudioRequest  *self);
void           studio_request_add_field     (StudioRequest  *self,
                                             const char     *name,
                                             const char     *value);
void           studio_request_add_file      (StudioRequest  *self,
                                             const char     *name,
                                             GFile          *file,
                                             const char     *content_type);
void           studio_request_add_bytes     (StudioRequest  *self,
                                             const char     *name,
                                             const char     *filename,
                                             const char     *content_type,
                                             GBytes         *bytes);
gboolean       studio_request_apply_body    (StudioRequest  *self,
                                             SoupMessage    *message,
                                             GError        **error);
void           studio_request_set_progress_func (StudioRequest             *self,
                                                 StudioRequestProgressFunc  func,
                                                 gpointer                   user_data,
                                                 GDestroyNotify             destroy);
void           studio_request_report_progress   (StudioRequest             *self,
                                                 goffset                    sent,
                                                 goffset                    total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioRequest, studio_request_unref)

G_END_DECLS
