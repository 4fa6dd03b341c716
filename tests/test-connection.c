/* test-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection against real GSettings (memory backend) and the real
 * keyring of the private session.
 */

#include "config.h"

#include "studio-connection.h"
#include "studio-fake-server.h"
#include "studio-secrets.h"

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
load_key (StudioConnection *connection)
{
  gboolean done = FALSE;

  studio_connection_load_key_async (connection, NULL, done_cb, &done);
  studio_fake_wait_until (&done);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_connection_save_key_finish (STUDIO_CONNECTION (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_connection_forget_key_finish (STUDIO_CONNECTION (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_connection_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  StudioConnection *connection = studio_connection_new (settings);
  StudioClient *client = studio_connection_get_client (connection);
  gboolean done = FALSE;

  g_assert_cmpstr (studio_client_get_base_url (client), ==, "https://api.openai.com/v1");

  g_settings_set_string (settings, "base-url", "http://127.0.0.1:9/v1/");
  g_settings_set_string (settings, "organization", "org-a");
  g_settings_set_string (settings, "project", "proj-a");
  g_assert_cmpstr (studio_client_get_base_url (client), ==, "http://127.0.0.1:9/v1");
  g_assert_cmpstr (studio_client_get_organization (client), ==, "org-a");
  g_assert_cmpstr (studio_client_get_project (client), ==, "proj-a");
  g_assert_false (studio_connection_is_overridden (connection, STUDIO_CONNECTION_FIELD_BASE_URL));

  /* A key saved for this base URL is found again, and removed again. */
  load_key (connection);
  studio_connection_save_key_async (connection, "  sk-test-saved  ", NULL, save_cb, &done);
  studio_fake_wait_until (&done);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_KEYRING);
  g_assert_true (studio_client_has_api_key (client));

  g_settings_set_string (settings, "base-url", "http://127.0.0.1:10/v1");
  load_key (connection);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_NONE);
  g_assert_false (studio_client_has_api_key (client));

  g_settings_set_string (settings, "base-url", "http://127.0.0.1:9/v1");
  load_key (connection);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_KEYRING);

  done = FALSE;
  studio_connection_forget_key_async (connection, NULL, forget_cb, &done);
  studio_fake_wait_until (&done);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_NONE);
  load_key (connection);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_NONE);

  /* A key for this session only. */
  studio_connection_use_session_key (connection, "sk-test-session");
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_SESSION);
  load_key (connection);
  g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_SESSION);

  studio_fake_assert_finalize_later (connection);
  g_settings_reset (settings, "base-url");
  g_settings_reset (settings, "organization");
  g_settings_reset (settings, "project");
}

static void
test_connection_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      StudioConnection *connection = NULL;
      StudioClient *client;

      g_setenv ("OPENAI_API_KEY", "sk-test-from-env", TRUE);
      g_setenv ("OPENAI_BASE_URL", "http://192.0.2.1:8000/v1", TRUE);
      g_setenv ("OPENAI_ORG_ID", "org-env", TRUE);
      g_setenv ("OPENAI_PROJECT_ID", "proj-env", TRUE);

      g_settings_set_string (settings, "base-url", "https://ignored.example/v1");
      g_settings_set_string (settings, "organization", "org-ignored");
      connection = studio_connection_new (settings);
      client = studio_connection_get_client (connection);
      load_key (connection);

      g_assert_cmpstr (studio_client_get_base_url (client), ==, "http://192.0.2.1:8000/v1");
      g_assert_cmpstr (studio_client_get_organization (client), ==, "org-env");
      g_assert_cmpstr (studio_client_get_project (client), ==, "proj-env");
      g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_ENVIRONMENT);
      g_assert_true (studio_connection_is_overridden (connection, STUDIO_CONNECTION_FIELD_API_KEY));
      g_assert_true (studio_connection_is_overridden (connection, STUDIO_CONNECTION_FIELD_BASE_URL));
      /* Choosing plain HTTP through the environment is the user's choice. */
      g_assert_true (studio_client_get_allow_insecure (client));
      studio_fake_assert_finalize_later (connection);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_connection_insecure_confirmed (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  StudioConnection *connection = studio_connection_new (settings);
  StudioClient *client = studio_connection_get_client (connection);

  g_settings_set_string (settings, "base-url", "http://192.0.2.1:8000/v1");
  g_assert_false (studio_client_get_allow_insecure (client));

  g_settings_set_string (settings, "insecure-base-url", "http://192.0.2.1:8000/v1");
  g_assert_true (studio_client_get_allow_insecure (client));

  /* The confirmation was for that URL only. */
  g_settings_set_string (settings, "base-url", "http://192.0.2.2:8000/v1");
  g_assert_false (studio_client_get_allow_insecure (client));

  /* Each change of base URL started a keyring lookup, which holds the
   * connection until the keyring answers.
   */
  studio_fake_assert_finalize_later (connection);
  g_settings_reset (settings, "base-url");
  g_settings_reset (settings, "insecure-base-url");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* A keyring that never answers: the connection says it is looking, then
 * becomes ready with the reason, instead of waiting silently; a key for
 * the session still works, and asking again looks again.
 */
static void
test_connection_keyring_silent (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(StudioSilentBus) bus = studio_silent_bus_new ();
      g_autoptr(GSettings) settings = NULL;
      g_autoptr(StudioConnection) connection = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *result = NULL;
      guint looking_up_changes = 0;
      const GError *lookup_error;

      g_unsetenv ("OPENAI_API_KEY");
      settings = g_settings_new (APP_ID);
      connection = studio_connection_new (settings);
      g_signal_connect (connection, "notify::looking-up", G_CALLBACK (count_notify_cb),
                        &looking_up_changes);
      studio_secrets_set_timeout (200);

      g_test_expect_message ("studio-connection", G_LOG_LEVEL_WARNING, "*did not answer*");
      studio_connection_load_key_async (connection, NULL, result_cb, &result);
      g_assert_true (studio_connection_get_looking_up (connection));
      g_assert_false (studio_connection_get_ready (connection));
      g_assert_null (studio_connection_get_lookup_error (connection));
      wait_for_result (&result);
      g_test_assert_expected_messages ();

      g_assert_false (studio_connection_load_key_finish (connection, result, &error));
      g_assert_error (error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
      g_clear_object (&result);
      g_assert_true (studio_connection_get_ready (connection));
      g_assert_false (studio_connection_get_looking_up (connection));
      g_assert_cmpuint (looking_up_changes, ==, 2);
      lookup_error = studio_connection_get_lookup_error (connection);
      g_assert_error (lookup_error, STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE);
      g_assert_cmpint (studio_connection_get_key_source (connection), ==, STUDIO_KEY_SOURCE_NONE);

      studio_connection_use_session_key (connection, " sk-session ");
      g_assert_cmpint (studio_connection_get_key_source (connection), ==,
                       STUDIO_KEY_SOURCE_SESSION);
      g_assert_true (studio_client_has_api_key (studio_connection_get_client (connection)));

      /* Try Again: looking again, the old reason gone until the answer. */
      g_test_expect_message ("studio-connection", G_LOG_LEVEL_WARNING, "*did not answer*");
      studio_connection_load_key_async (connection, NULL, result_cb, &result);
      g_assert_true (studio_connection_get_looking_up (connection));
      g_assert_null (studio_connection_get_lookup_error (connection));
      wait_for_result (&result);
      g_test_assert_expected_messages ();
      g_clear_object (&result);
      g_assert_nonnull (studio_connection_get_lookup_error (connection));
      /* The session key stays. */
      g_assert_cmpint (studio_connection_get_key_source (connection), ==,
                       STUDIO_KEY_SOURCE_SESSION);
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

  g_test_add_func ("/studio/connection/settings", test_connection_settings);
  g_test_add_func ("/studio/connection/keyring-silent", test_connection_keyring_silent);
  g_test_add_func ("/studio/connection/environment", test_connection_environment);
  g_test_add_func ("/studio/connection/insecure-confirmed", test_connection_insecure_confirmed);

  return g_test_run ();
}
