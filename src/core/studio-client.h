/* studio-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-api-error.h"
#include "studio-request.h"

G_BEGIN_DECLS

#define STUDIO_DEFAULT_BASE_URL "https://api.openai.com/v1"

#define STUDIO_TYPE_RATE_LIMITS (studio_rate_limits_get_type ())

/**
 * StudioRateLimits:
 *
 * The `x-ratelimit-*` headers of the last response. A field the server did
 * not send is -1; reset times are in milliseconds.
 */
typedef struct
{
  gint64 limit_requests;
  gint64 limit_tokens;
  gint64 remaining_requests;
  gint64 remaining_tokens;
  gint64 reset_requests_ms;
  gint64 reset_tokens_ms;
} StudioRateLimits;

GType             studio_rate_limits_get_type (void) G_GNUC_CONST;
StudioRateLimits *studio_rate_limits_copy     (const StudioRateLimits *self);
void              studio_rate_limits_free     (StudioRateLimits       *self);
gint64            studio_parse_duration_ms    (const char             *text);

/**
 * StudioClientEventFunc:
 * @event: (nullable): the SSE event name
 * @data: the event's JSON payload
 * @user_data: closure data
 *
 * Receives one decoded event of a streamed response, on the main context
 * the request was started from.
 */
typedef void (*StudioClientEventFunc) (const char *event,
                                       JsonNode   *data,
                                       gpointer    user_data);

/**
 * StudioClientBytesFunc:
 * @content_type: (nullable): the response's `Content-Type`, without
 *   parameters
 * @chunk: the next bytes of the body, as they arrived
 * @user_data: closure data
 *
 * Receives a successful response's body piece by piece, on the main
 * context the request was started from, before the body has ended.
 */
typedef void (*StudioClientBytesFunc) (const char *content_type,
                                       GBytes     *chunk,
                                       gpointer    user_data);

#define STUDIO_TYPE_CLIENT (studio_client_get_type ())

G_DECLARE_FINAL_TYPE (StudioClient, studio_client, STUDIO, CLIENT, GObject)

StudioClient           *studio_client_new                  (void);
const char             *studio_client_get_base_url         (StudioClient          *self);
void                    studio_client_set_base_url         (StudioClient          *self,
                                                            const char            *base_url);
void                    studio_client_set_api_key          (StudioClient          *self,
                                                            const char            *api_key);
gboolean                studio_client_has_api_key          (StudioClient          *self);
const char             *studio_client_get_organization     (StudioClient          *self);
void                    studio_client_set_organization     (StudioClient          *self,
                                                            const char            *organization);
const char             *studio_client_get_project          (StudioClient          *self);
void                    studio_client_set_project          (StudioClient          *self,
                                                            const char            *project);
gboolean                studio_client_get_allow_insecure   (StudioClient          *self);
void                    studio_client_set_allow_insecure   (StudioClient          *self,
                                                            gboolean               allow_insecure);
guint                   studio_client_get_max_retries      (StudioClient          *self);
void                    studio_client_set_max_retries      (StudioClient          *self,
                                                            guint                  max_retries);
void                    studio_client_set_timeouts         (StudioClient          *self,
                                                            guint                  connect_timeout_ms,
                                                            guint                  idle_timeout_ms);
const StudioRateLimits *studio_client_get_rate_limits      (StudioClient          *self);
const char             *studio_client_get_user_agent       (StudioClient          *self);
guint                   studio_client_retry_delay_ms       (guint                  attempt,
                                                            gint64                 retry_after_ms);
void                    studio_client_request_json_async   (StudioClient          *self,
                                                            StudioRequest         *request,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
JsonNode               *studio_client_request_json_finish  (StudioClient          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
void                    studio_client_request_text_async   (StudioClient          *self,
                                                            StudioRequest         *request,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
char                   *studio_client_request_text_finish  (StudioClient          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
void                    studio_client_stream_events_async  (StudioClient          *self,
                                                            StudioRequest         *request,
                                                            StudioClientEventFunc  event_func,
                                                            gpointer               event_data,
                                                            GDestroyNotify         event_data_destroy,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean                studio_client_stream_events_finish (StudioClient          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
void                    studio_client_stream_bytes_async   (StudioClient          *self,
                                                            StudioRequest         *request,
                                                            StudioClientBytesFunc  bytes_func,
                                                            gpointer               bytes_data,
                                                            GDestroyNotify         bytes_data_destroy,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean                studio_client_stream_bytes_finish  (StudioClient          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

void                    studio_client_download_async       (StudioClient          *self,
                                                            const char            *url,
                                                            gsize                  max_bytes,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
GBytes                 *studio_client_download_finish      (StudioClient          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);

G_END_DECLS
