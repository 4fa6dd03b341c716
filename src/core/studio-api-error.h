/* studio-api-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define STUDIO_API_ERROR (studio_api_error_quark ())

/**
 * StudioApiError:
 *
 * Why a request to an OpenAI-compatible server failed. Each code has a
 * message that tells the user what to do next. Codes are stored with failed
 * replies in the history, so new ones are only ever added at the end.
 *
 * %STUDIO_API_ERROR_INCOMPLETE: a stream ended, with the connection closed,
 * before the server said the reply was done.
 */
typedef enum
{
  STUDIO_API_ERROR_INVALID_KEY = 1,
  STUDIO_API_ERROR_PERMISSION,
  STUDIO_API_ERROR_NOT_FOUND,
  STUDIO_API_ERROR_RATE_LIMITED,
  STUDIO_API_ERROR_QUOTA_EXCEEDED,
  STUDIO_API_ERROR_BAD_REQUEST,
  STUDIO_API_ERROR_CONTEXT_TOO_LONG,
  STUDIO_API_ERROR_SERVER,
  STUDIO_API_ERROR_NETWORK,
  STUDIO_API_ERROR_TIMEOUT,
  STUDIO_API_ERROR_CANCELLED,
  STUDIO_API_ERROR_MALFORMED,
  STUDIO_API_ERROR_NO_KEY,
  STUDIO_API_ERROR_INSECURE_URL,
  STUDIO_API_ERROR_CONFLICT,
  STUDIO_API_ERROR_INCOMPLETE,
} StudioApiError;

GQuark      studio_api_error_quark          (void);
GError     *studio_api_error_new_for_status (guint         status,
                                             const char   *reason,
                                             GBytes       *body,
                                             SoupMessageHeaders *headers);
GError     *studio_api_error_new            (StudioApiError code,
                                             const char   *server_message);
GError     *studio_api_error_from_transport (const GError *error);
gboolean    studio_api_error_is_cancelled   (const GError *error);
gboolean    studio_api_error_is_retryable   (const GError *error);
guint       studio_api_error_get_status     (const GError *error);
const char *studio_api_error_get_param      (const GError *error);
const char *studio_api_error_get_code       (const GError *error);
const char *studio_api_error_get_type_name  (const GError *error);
const char *studio_api_error_get_server_message (const GError *error);
const char *studio_api_error_get_request_id (const GError *error);
gint64      studio_api_error_get_retry_after_ms (const GError *error);
char       *studio_api_error_dup_wait_text  (const GError *error);
char       *studio_api_error_dup_details    (const GError *error);

G_END_DECLS
