/* studio-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-retry"

#include "config.h"

#include <math.h>

#include "studio-api-error.h"
#include "studio-retry.h"
#include "studio-utils.h"

/* When and how soon a failed request is sent again: what the server asked
 * for, our own backoff, and which failures are worth another attempt. Plain
 * functions, so that the client's state machine only asks and tests can
 * check the rules without a server.
 */

/**
 * studio_retry_after_from_headers:
 * @headers: (nullable): the headers of an error response
 *
 * Retry-After may be seconds or an HTTP date; retry-after-ms is OpenAI's own,
 * finer header and wins when both are present.
 *
 * Returns: how long the server asked to wait, in milliseconds and at most
 *   %STUDIO_MAX_DURATION_MS, or -1 if it did not say
 */
gint64
studio_retry_after_from_headers (SoupMessageHeaders *headers)
{
  const char *value;
  char *end = NULL;
  double number;
  gint64 ms;

  if (headers == NULL)
    return -1;

  /* Both are bounded: a header may say "inf", "nan", "-5" or "1e300". */
  if ((value = soup_message_headers_get_one (headers, "retry-after-ms")))
    {
      number = g_ascii_strtod (value, &end);
      if (end != value && (ms = studio_duration_ms_from_double (number)) >= 0)
        return ms;
    }

  if ((value = soup_message_headers_get_one (headers, "Retry-After")))
    {
      g_autoptr(GDateTime) date = NULL;

      number = g_ascii_strtod (value, &end);
      if (end != value && *end == '\0' &&
          (ms = studio_duration_ms_from_double (number * 1000)) >= 0)
        return ms;

      if ((date = soup_date_time_new_from_http_string (value)))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          GTimeSpan span = g_date_time_difference (date, now);

          return CLAMP (span / 1000, 0, STUDIO_MAX_DURATION_MS);
        }
    }

  return -1;
}

/**
 * studio_retry_delay_ms:
 * @attempt: how many retries were made before this one, from 0
 * @retry_after_ms: what the server asked for, or -1
 *
 * A server's Retry-After within a minute is honoured as it is. Otherwise the
 * delay starts at half a second and doubles up to eight, less up to a
 * quarter at random so that many clients do not retry in step.
 *
 * Returns: how long to wait before the retry, in milliseconds
 */
guint
studio_retry_delay_ms (guint  attempt,
                       gint64 retry_after_ms)
{
  double delay;

  if (retry_after_ms >= 0 && retry_after_ms <= STUDIO_RETRY_AFTER_LIMIT_MS)
    return (guint) retry_after_ms;

  delay = MIN (STUDIO_RETRY_BASE_MS * pow (2, MIN (attempt, 16)), STUDIO_RETRY_CAP_MS);
  return (guint) (delay * (1.0 - 0.25 * g_random_double ()));
}

/**
 * studio_retry_should_retry:
 * @error: why the attempt failed
 * @cancellable: (nullable): the caller's cancellable
 * @delivered: whether part of the answer already reached the caller
 * @attempt: how many retries were made so far
 * @max_retries: how many retries are allowed
 *
 * Retries what can succeed a moment later (studio_api_error_is_retryable()),
 * unless the caller gave up, the retries are used up, or part of the answer
 * has already reached the caller: a half-shown reply must not be sent twice.
 *
 * Returns: %TRUE if the request should be sent again
 */
gboolean
studio_retry_should_retry (const GError *error,
                           GCancellable *cancellable,
                           gboolean      delivered,
                           guint         attempt,
                           guint         max_retries)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return !g_cancellable_is_cancelled (cancellable) &&
         studio_api_error_is_retryable (error) &&
         !delivered &&
         attempt < max_retries;
}
