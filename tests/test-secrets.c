/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the real gnome-keyring-daemon of the private D-Bus session
 * that build-aux/headless.sh starts.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "studio-api-error.h"
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

static gboolean
hold_connection_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source_object,
                    GPtrArray         *held)
{
  /* Accepted and never answered, not even the D-Bus handshake. */
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

/* A session bus that takes the connection and then says nothing: the call
 * gives up after its time limit with a clear error, instead of waiting for
 * ever, and a cancellation by the caller is still reported as one.
 */
static void
test_secrets_silent_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("studio-bus-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "bus", NULL);
      g_autofree char *address = g_strdup_printf ("unix:path=%s", path);
      g_autoptr(GSocketAddress) socket_address = g_unix_socket_address_new (path);
      g_autoptr(GSocketService) service = g_socket_service_new ();
      g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *key = NULL;
      Result result = { 0 };

      g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), socket_address,
                                                    G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                                    NULL, NULL, &error));
      g_assert_no_error (error);
      g_signal_connect (service, "incoming", G_CALLBACK (hold_connection_cb), held);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

      studio_secrets_set_timeout (200);
      key = lookup (URL_A, &error);
      g_assert_null (key);
      g_assert_error (error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==, "The system keyring did not answer.");
      g_assert_cmpuint (held->len, >=, 1);
      g_clear_error (&error);

      /* The caller stops it, long before the limit. */
      studio_secrets_set_timeout (60000);
      studio_secrets_lookup_async (URL_A, cancellable, lookup_cb, &result);
      g_cancellable_cancel (cancellable);
      studio_fake_wait_until (&result.done);
      g_assert_null (result.key);
      g_assert_true (studio_api_error_is_cancelled (result.error));
      g_clear_error (&result.error);

      g_socket_service_stop (service);
      g_unlink (path);
      g_rmdir (dir);
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
  g_test_add_func ("/studio/secrets/silent-bus", test_secrets_silent_bus);

  return g_test_run ();
}
