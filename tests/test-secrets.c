/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the real gnome-keyring-daemon of the private D-Bus session
 * that build-aux/headless.sh starts.
 */

#include "config.h"

#include "studio-fake-server.h"
#include "studio-secrets.h"

#define URL_A "https://api.openai.com/v1"
#define URL_B "http://127.0.0.1:11434/v1"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *key;
  GError   *error;
} Result;

static void
store_cb (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  Result *result = user_data;

  result->ok = studio_secrets_store_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  Result *result = user_data;

  result->key = studio_secrets_lookup_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  Result *result = user_data;

  result->ok = studio_secrets_clear_finish (async_result, &result->error);
  result->done = TRUE;
}

static void
store (const char *url,
       const char *key)
{
  Result result = { 0 };

  studio_secrets_store_async (url, key, NULL, store_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
}

static char *
lookup (const char  *url,
        GError     **error)
{
  Result result = { 0 };

  studio_secrets_lookup_async (url, NULL, lookup_cb, &result);
  studio_fake_wait_until (&result.done);
  if (result.error)
    g_propagate_error (error, result.error);
  return result.key;
}

static void
clear (const char *url)
{
  Result result = { 0 };

  studio_secrets_clear_async (url, NULL, clear_cb, &result);
  studio_fake_wait_until (&result.done);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
}

static void
test_secrets_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *key;

  clear (URL_A);
  clear (URL_B);

  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  store (URL_A, "sk-test-key-a");
  store (URL_B, "sk-test-key-b");

  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, "sk-test-key-a");
  g_free (key);

  /* Each base URL has its own key. */
  key = lookup (URL_B, &error);
  g_assert_cmpstr (key, ==, "sk-test-key-b");
  g_free (key);

  /* Storing again replaces. */
  store (URL_A, "sk-test-key-a2");
  key = lookup (URL_A, &error);
  g_assert_cmpstr (key, ==, "sk-test-key-a2");
  g_free (key);

  clear (URL_A);
  key = lookup (URL_A, &error);
  g_assert_no_error (error);
  g_assert_null (key);

  /* Clearing what is not there is fine. */
  clear (URL_A);

  key = lookup (URL_B, &error);
  g_assert_cmpstr (key, ==, "sk-test-key-b");
  g_free (key);
  clear (URL_B);
}

static void
test_secrets_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;

      /* No Secret Service here: the bus itself is missing. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/studio-bus", TRUE);
      studio_secrets_set_timeout (5000);
      key = lookup (URL_A, &error);
      g_assert_null (key);
      g_assert_error (error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
      g_assert_nonnull (error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/secrets/round-trip", test_secrets_round_trip);
  g_test_add_func ("/studio/secrets/unavailable", test_secrets_unavailable);

  return g_test_run ();
}
