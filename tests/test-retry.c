/* test-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "studio-api-error.h"
#include "studio-retry.h"
#include "studio-utils.h"

static gint64
retry_after (const char *retry_after_ms,
             const char *retry_after_value)
{
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  gint64 ms;

  if (retry_after_ms != NULL)
    soup_message_headers_append (headers, "retry-after-ms", retry_after_ms);
  if (retry_after_value != NULL)
    soup_message_headers_append (headers, "Retry-After", retry_after_value);
  ms = studio_retry_after_from_headers (headers);
  soup_message_headers_unref (headers);

  return ms;
}

/* Which header wins, and what is not a wait at all. */
static void
test_retry_after_headers (void)
{
  g_assert_cmpint (studio_retry_after_from_headers (NULL), ==, -1);
  g_assert_cmpint (retry_after (NULL, NULL), ==, -1);

  /* OpenAI's finer header wins over the standard one. */
  g_assert_cmpint (retry_after ("250", "3"), ==, 250);
  g_assert_cmpint (retry_after ("0", "3"), ==, 0);
  /* One that is not a number leaves the decision to the other. */
  g_assert_cmpint (retry_after ("later", "3"), ==, 3000);
  g_assert_cmpint (retry_after ("later", NULL), ==, -1);

  /* Seconds are a whole value; "3s" is neither seconds nor a date. */
  g_assert_cmpint (retry_after (NULL, "0.25"), ==, 250);
  g_assert_cmpint (retry_after (NULL, "3s"), ==, -1);
  g_assert_cmpint (retry_after (NULL, ""), ==, -1);
}

/* An HTTP date is a wait until then, never a negative one. */
static void
test_retry_after_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 3600);
  g_autoptr(GDateTime) past = g_date_time_add_seconds (now, -3600);
  g_autofree char *soon_text = soup_date_time_to_string (soon, SOUP_DATE_HTTP);
  g_autofree char *past_text = soup_date_time_to_string (past, SOUP_DATE_HTTP);
  gint64 ms;

  ms = retry_after (NULL, soon_text);
  /* The date has whole seconds, and the clock moves on while we look. */
  g_assert_cmpint (ms, >, 3500 * 1000);
  g_assert_cmpint (ms, <=, 3600 * 1000);

  g_assert_cmpint (retry_after (NULL, past_text), ==, 0);
}

/* The server's wait is taken up to the limit and not a millisecond beyond;
 * past it, and for any attempt however late, the backoff stays in bounds.
 */
static void
test_retry_delay_limits (void)
{
  guint delay;

  g_assert_cmpuint (studio_retry_delay_ms (3, 0), ==, 0);
  g_assert_cmpuint (studio_retry_delay_ms (3, STUDIO_RETRY_AFTER_LIMIT_MS), ==,
                    STUDIO_RETRY_AFTER_LIMIT_MS);

  delay = studio_retry_delay_ms (0, STUDIO_RETRY_AFTER_LIMIT_MS + 1);
  g_assert_cmpuint (delay, <=, STUDIO_RETRY_BASE_MS);
  g_assert_cmpuint (delay, >=, STUDIO_RETRY_BASE_MS * 3 / 4);

  delay = studio_retry_delay_ms (G_MAXUINT, STUDIO_MAX_DURATION_MS);
  g_assert_cmpuint (delay, <=, STUDIO_RETRY_CAP_MS);
  g_assert_cmpuint (delay, >=, STUDIO_RETRY_CAP_MS * 3 / 4);

  delay = studio_retry_delay_ms (1, -1);
  g_assert_cmpuint (delay, <=, 2 * STUDIO_RETRY_BASE_MS);
  g_assert_cmpuint (delay, >=, 2 * STUDIO_RETRY_BASE_MS * 3 / 4);
}

/* What can succeed a moment later is retried; what cannot, is not. */
static void
test_retry_should_retry_errors (void)
{
  static const StudioApiError retried[] = {
    STUDIO_API_ERROR_RATE_LIMITED, STUDIO_API_ERROR_CONFLICT, STUDIO_API_ERROR_SERVER,
    STUDIO_API_ERROR_NETWORK, STUDIO_API_ERROR_TIMEOUT, STUDIO_API_ERROR_INCOMPLETE,
  };
  static const StudioApiError final[] = {
    STUDIO_API_ERROR_INVALID_KEY, STUDIO_API_ERROR_PERMISSION, STUDIO_API_ERROR_NOT_FOUND,
    STUDIO_API_ERROR_QUOTA_EXCEEDED, STUDIO_API_ERROR_BAD_REQUEST,
    STUDIO_API_ERROR_CONTEXT_TOO_LONG, STUDIO_API_ERROR_CANCELLED, STUDIO_API_ERROR_MALFORMED,
    STUDIO_API_ERROR_NO_KEY, STUDIO_API_ERROR_INSECURE_URL,
  };
  static const char no_quota[] =
    "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\","
    "\"param\":null,\"code\":\"insufficient_quota\"}}";
  g_autoptr(GBytes) body = g_bytes_new_static (no_quota, sizeof no_quota - 1);
  g_autoptr(GError) quota = NULL;
  g_autoptr(GError) io = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (retried); i++)
    {
      g_autoptr(GError) error = studio_api_error_new (retried[i], NULL);

      g_assert_true (studio_retry_should_retry (error, NULL, FALSE, 0, 2));
    }

  for (guint i = 0; i < G_N_ELEMENTS (final); i++)
    {
      g_autoptr(GError) error = studio_api_error_new (final[i], NULL);

      g_assert_false (studio_retry_should_retry (error, NULL, FALSE, 0, 2));
    }

  /* A 429 is a rate limit, unless the account has run dry. */
  quota = studio_api_error_new_for_status (429, "Too Many Requests", body, NULL);
  g_assert_false (studio_retry_should_retry (quota, NULL, FALSE, 0, 2));

  /* Only our own errors say whether they may pass. */
  io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Timed out");
  g_assert_false (studio_retry_should_retry (io, NULL, FALSE, 0, 2));
}

/* A retryable failure is still final once the caller gave up, once the
 * retries are used up, or once part of the answer reached the caller.
 */
static void
test_retry_should_retry_state (void)
{
  g_autoptr(GError) error = studio_api_error_new (STUDIO_API_ERROR_SERVER, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_assert_true (studio_retry_should_retry (error, cancellable, FALSE, 1, 2));
  g_assert_false (studio_retry_should_retry (error, cancellable, FALSE, 2, 2));
  g_assert_false (studio_retry_should_retry (error, cancellable, FALSE, 0, 0));
  g_assert_false (studio_retry_should_retry (error, cancellable, TRUE, 0, 2));

  g_cancellable_cancel (cancellable);
  g_assert_false (studio_retry_should_retry (error, cancellable, FALSE, 0, 2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/retry/after-headers", test_retry_after_headers);
  g_test_add_func ("/studio/retry/after-date", test_retry_after_date);
  g_test_add_func ("/studio/retry/delay-limits", test_retry_delay_limits);
  g_test_add_func ("/studio/retry/should-retry-errors", test_retry_should_retry_errors);
  g_test_add_func ("/studio/retry/should-retry-state", test_retry_should_retry_state);

  return g_test_run ();
}
