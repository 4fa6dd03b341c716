/* fuzz-api-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-api-error"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "studio-api-error.h"
#include "studio-client.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* A failed HTTP response as it arrives: a status line, header lines, a
 * blank line and the body, e.g.
 *
 *   HTTP/1.1 429 Too Many Requests
 *   retry-after-ms: 1500
 *   x-request-id: req_123
 *
 *   {"error": {"message": "Rate limit reached", ...}}
 *
 * The head goes through libsoup's own parser, as a real response's does;
 * an input whose head it refuses is taken as a body alone with status 500
 * and no headers, the way the client builds errors from stream events. The
 * error is then read through every getter, as the UI and the retry logic
 * read it, and copied.
 */

static void
check_error (const GError *error,
             guint         status)
{
  g_autofree char *details = NULL;
  gint64 retry_after_ms;

  if (error == NULL || error->domain != STUDIO_API_ERROR || error->code < 1 ||
      error->code > STUDIO_API_ERROR_INCOMPLETE)
    fuzz_fail ("not a STUDIO_API_ERROR");

  if (studio_api_error_get_status (error) != status)
    fuzz_fail ("status %u became %u", status, studio_api_error_get_status (error));

  retry_after_ms = studio_api_error_get_retry_after_ms (error);
  if (retry_after_ms < -1 || retry_after_ms > STUDIO_MAX_DURATION_MS)
    fuzz_fail ("retry-after of %" G_GINT64_FORMAT " ms is out of range", retry_after_ms);
  (void) studio_client_retry_delay_ms (0, retry_after_ms);
  (void) studio_client_retry_delay_ms (G_MAXUINT, retry_after_ms);

  if (studio_api_error_get_server_message (error) == NULL)
    fuzz_fail ("an error for an HTTP status has no server message");

  /* All of these are shown in the UI, which takes only UTF-8. */
  fuzz_check_utf8 ("message", error->message);
  fuzz_check_utf8 ("server message", studio_api_error_get_server_message (error));
  fuzz_check_utf8 ("param", studio_api_error_get_param (error));
  fuzz_check_utf8 ("code", studio_api_error_get_code (error));
  fuzz_check_utf8 ("type", studio_api_error_get_type_name (error));
  fuzz_check_utf8 ("request id", studio_api_error_get_request_id (error));

  details = studio_api_error_dup_details (error);
  fuzz_check_utf8 ("details", details);

  (void) studio_api_error_is_retryable (error);
  if (studio_api_error_is_cancelled (error))
    fuzz_fail ("an HTTP status was taken for a cancellation");
}

static void
check_same (const GError *a,
            const GError *b)
{
  if (a->code != b->code ||
      g_strcmp0 (a->message, b->message) != 0 ||
      studio_api_error_get_status (a) != studio_api_error_get_status (b) ||
      studio_api_error_get_retry_after_ms (a) != studio_api_error_get_retry_after_ms (b) ||
      g_strcmp0 (studio_api_error_get_server_message (a),
                 studio_api_error_get_server_message (b)) != 0 ||
      g_strcmp0 (studio_api_error_get_param (a), studio_api_error_get_param (b)) != 0 ||
      g_strcmp0 (studio_api_error_get_code (a), studio_api_error_get_code (b)) != 0 ||
      g_strcmp0 (studio_api_error_get_type_name (a), studio_api_error_get_type_name (b)) != 0 ||
      g_strcmp0 (studio_api_error_get_request_id (a), studio_api_error_get_request_id (b)) != 0)
    fuzz_fail ("a copy of the error differs from it");
}

/* The client reads the rate limit headers of every response, failed ones
 * included; their durations ("6m0s") have a parser of their own.
 */
static void
check_rate_limits (SoupMessageHeaders *headers)
{
  static const char * const names[] = {
    "x-ratelimit-reset-requests",
    "x-ratelimit-reset-tokens",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 ms = studio_parse_duration_ms (soup_message_headers_get_one (headers, names[i]));

      if (ms < -1 || ms > STUDIO_MAX_DURATION_MS)
        fuzz_fail ("%s of %" G_GINT64_FORMAT " ms is out of range", names[i], ms);
    }
}

static void
run (guint               status,
     const char         *reason,
     GBytes             *body,
     SoupMessageHeaders *headers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) again = NULL;

  error = studio_api_error_new_for_status (status, reason, body, headers);
  check_error (error, status);

  /* A GError is copied on its way through a GTask and into the catalog;
   * the extended error's fields must come along.
   */
  copy = g_error_copy (error);
  check_same (error, copy);
  again = studio_api_error_from_transport (copy);
  check_same (error, again);
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  const char *data = (const char *) bytes;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *reason = NULL;
  const char *head_end = NULL;
  gsize head_length = 0;
  gsize body_start = size;
  guint status = 0;

  /* The client reads at most a megabyte of an error body. */
  if (size > 1024 * 1024)
    return;

  for (gsize i = 0; i + 1 < size; i++)
    {
      if (data[i] == '\n' && data[i + 1] == '\n')
        {
          head_end = data + i + 1;
          body_start = i + 2;
          break;
        }
      if (data[i] == '\n' && data[i + 1] == '\r' && i + 2 < size && data[i + 2] == '\n')
        {
          head_end = data + i + 1;
          body_start = i + 3;
          break;
        }
    }
  if (head_end != NULL)
    head_length = head_end - data;

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (head_end != NULL &&
      soup_headers_parse_response (data, head_length, headers, NULL, &status, &reason))
    {
      body = g_bytes_new (data + body_start, size - body_start);
      check_rate_limits (headers);
      run (status, reason, body, headers);
    }
  else
    {
      body = g_bytes_new (data, size);
      run (500, NULL, body, NULL);
    }
}

const FuzzTarget fuzz_target = { .test_one_input = test_one_input };
