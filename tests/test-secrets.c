/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the real gnome-keyring-daemon of the private D-Bus session
 * that build-aux/headless.sh starts.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gunixfdlist.h>
#include <unistd.h>

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

/* A session bus that takes the connection and then says nothing: the call
 * gives up after its time limit with a clear error, instead of waiting for
 * ever, and a cancellation by the caller is still reported as one.
 */
static void
test_secrets_silent_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(StudioSilentBus) bus = studio_silent_bus_new ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      Result result = { 0 };

      studio_secrets_set_timeout (200);
      key = lookup (URL_A, &error);
      g_assert_null (key);
      g_assert_error (error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpstr (error->message, ==, "The system keyring did not answer.");
      g_assert_cmpuint (studio_silent_bus_get_n_connections (bus), >=, 1);
      g_clear_error (&error);

      /* The caller stops it, long before the limit. */
      studio_secrets_set_timeout (60000);
      studio_secrets_lookup_async (URL_A, cancellable, lookup_cb, &result);
      g_cancellable_cancel (cancellable);
      studio_fake_wait_until (&result.done);
      g_assert_null (result.key);
      g_assert_true (studio_api_error_is_cancelled (result.error));
      g_clear_error (&result.error);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A fake Secret portal, on a thread and a bus connection of its own, as
 * xdg-desktop-portal is a process of its own. It answers RetrieveSecret the
 * way the real one does: the reply with the request's path, and the
 * Response signal right behind it.
 */
typedef struct
{
  GTestDBus       *bus;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  gboolean         silent;    /* never send the Response */
  int              requests;  /* atomic */
} FakePortal;

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Secret'>"
  "    <method name='RetrieveSecret'>"
  "      <arg type='h' name='fd' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

static void
portal_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  FakePortal *portal = user_data;
  GUnixFDList *fds = g_dbus_message_get_unix_fd_list (
    g_dbus_method_invocation_get_message (invocation));
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = NULL;
  char secret[64];
  int fd;

  g_assert_cmpstr (method_name, ==, "RetrieveSecret");
  g_assert_nonnull (fds);
  fd = g_unix_fd_list_get (fds, 0, &error);
  g_assert_no_error (error);

  /* The master secret of the sandbox's keyring file. */
  memset (secret, 's', sizeof secret);
  g_assert_cmpint (write (fd, secret, sizeof secret), ==, sizeof secret);
  close (fd);

  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/studio/t%d",
                            g_atomic_int_add (&portal->requests, 1));
  /* Long enough for the caller's main thread to be busy when both arrive. */
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  if (!portal->silent)
    g_dbus_connection_emit_signal (connection, sender, handle,
                                   "org.freedesktop.portal.Request", "Response",
                                   g_variant_new ("(u@a{sv})", 0,
                                                  g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                       NULL, 0)),
                                   &error);
  g_assert_no_error (error);
}

static GVariant *
portal_get_property (GDBusConnection  *connection,
                     const char       *sender,
                     const char       *object_path,
                     const char       *interface_name,
                     const char       *property_name,
                     GError          **error,
                     gpointer          user_data)
{
  g_assert_cmpstr (property_name, ==, "version");
  return g_variant_new_uint32 (1);
}

static gpointer
fake_portal_main (gpointer user_data)
{
  FakePortal *portal = user_data;
  static const GDBusInterfaceVTable vtable = { portal_method_call, portal_get_property, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (portal->context);

  portal->connection = g_dbus_connection_new_for_address_sync (
    g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  g_main_loop_run (portal->loop);

  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_main_context_pop_thread_default (portal->context);
  return NULL;
}

static gboolean
fake_portal_is_owned (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.portal.Desktop"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Makes libsecret take its sandbox path: the key goes to a keyring file in
 * the (test's own) data folder, unlocked with a secret from the portal.
 * libsecret reads SNAP_NAME the way it reads /.flatpak-info.
 */
static FakePortal *
fake_portal_start (gboolean silent)
{
  FakePortal *portal = g_new0 (FakePortal, 1);

  g_setenv ("SNAP_NAME", "openai-studio-test", TRUE);
  portal->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (portal->bus);

  portal->silent = silent;
  portal->context = g_main_context_new ();
  portal->loop = g_main_loop_new (portal->context, FALSE);
  portal->thread = g_thread_new ("fake-portal", fake_portal_main, portal);
  while (!fake_portal_is_owned ())
    g_thread_yield ();

  return portal;
}

/* libsecret keeps the session bus for the rest of the process, so
 * g_test_dbus_down(), which disposing the GTestDBus calls, would wait for
 * it in vain: the bus is stopped, and the rest kept until the (test's
 * sub)process exits.
 */
static void
fake_portal_stop (FakePortal *portal)
{
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  /* Or the bus going away would end the process with SIGTERM. */
  g_dbus_connection_set_exit_on_close (session, FALSE);
  g_main_loop_quit (portal->loop);
  g_thread_join (portal->thread);
  g_test_dbus_stop (portal->bus);
}

/* Starts a lookup and keeps the main thread busy while the portal answers,
 * as building the window does at start-up.
 */
static char *
lookup_while_busy (FakePortal  *portal,
                   const char  *url,
                   GError     **error)
{
  Result result = { 0 };
  int requests = g_atomic_int_get (&portal->requests);

  studio_secrets_lookup_async (url, NULL, lookup_cb, &result);
  while (!result.done && g_atomic_int_get (&portal->requests) == requests)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);

  studio_fake_wait_until (&result.done);
  if (result.error)
    g_propagate_error (error, result.error);
  return result.key;
}

/* Inside a sandbox: a key stored and read back through the Secret portal,
 * with the main thread busy when the portal answers. libsecret 0.20 missed
 * the portal's Response then, and the start-up lookup never finished (and
 * once the time limit cancelled it, libsecret deadlocked).
 */
static void
test_secrets_portal_round_trip (void)
{
  if (g_test_subprocess ())
    {
      static FakePortal *portal;
      g_autoptr(GError) error = NULL;
      g_autofree char *keyring = NULL;
      g_autofree char *key = NULL;

      portal = fake_portal_start (FALSE);
      studio_secrets_set_timeout (3000);
      key = lookup_while_busy (portal, URL_A, &error);
      g_assert_no_error (error);
      g_assert_null (key);
      g_assert_cmpint (g_atomic_int_get (&portal->requests), ==, 1);

      /* One write only: libsecret 0.20's file backend leaks on later ones. */
      store (URL_A, "sk-portal-key");
      key = lookup (URL_A, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, "sk-portal-key");
      g_clear_pointer (&key, g_free);
      key = lookup (URL_B, &error);
      g_assert_no_error (error);
      g_assert_null (key);

      keyring = g_build_filename (g_get_user_data_dir (), "keyrings", "default.keyring", NULL);
      g_assert_true (g_file_test (keyring, G_FILE_TEST_IS_REGULAR));

      fake_portal_stop (portal);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A portal that never sends its Response: the lookup says so within its
 * time limit, and so does the next one, instead of hanging.
 */
static void
test_secrets_portal_silent (void)
{
  if (g_test_subprocess ())
    {
      static FakePortal *portal;

      portal = fake_portal_start (TRUE);
      studio_secrets_set_timeout (300);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *key = lookup (URL_A, &error);

          g_assert_null (key);
          g_assert_error (error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
          g_assert_cmpstr (error->message, ==, "The system keyring did not answer.");
        }

      fake_portal_stop (portal);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/studio/secrets/round-trip", test_secrets_round_trip);
  g_test_add_func ("/studio/secrets/unavailable", test_secrets_unavailable);
  g_test_add_func ("/studio/secrets/silent-bus", test_secrets_silent_bus);
  g_test_add_func ("/studio/secrets/portal/round-trip", test_secrets_portal_round_trip);
  g_test_add_func ("/studio/secrets/portal/silent", test_secrets_portal_silent);

  return g_test_run ();
}
