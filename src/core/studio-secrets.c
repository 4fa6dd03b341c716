/* studio-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "studio-paths.h"
#include "studio-secrets.h"
#include "studio-utils.h"

/* API keys live in the Secret Service (GNOME Keyring, KWallet, or the Secret
 * portal inside Flatpak), one per base URL, so a key for a local server and
 * one for OpenAI never mix.
 *
 * Every libsecret call runs on a thread of our own, in a main context that
 * does nothing else, and the result comes back to the caller's context. The
 * caller never waits longer than a time limit: a Secret Service that never
 * answers must not leave the UI waiting for ever. libsecret itself is never
 * handed a cancellable: a call that runs out of time or is cancelled is
 * given up on our side and its late answer dropped. This keeps clear of two
 * libsecret bugs:
 *
 *  - libsecret opens its connection to the Secret Service once, with the
 *    cancellable of the first call, so cancelling that call failed every
 *    call waiting on the connection although nobody had cancelled them;
 *  - before 0.21, cancelling a call while it waits for the Secret portal
 *    deadlocks in libsecret's own "cancelled" handler (GNOME/libsecret#86).
 *
 * Inside a sandbox, libsecret before 0.21.4 asks the Secret portal for the
 * keyring's master secret and only starts listening for the portal's
 * Response signal when the reply to RetrieveSecret is handled in its main
 * context (GNOME/libsecret#58). The portal answers a few milliseconds
 * later, and a signal nobody listens for yet is dropped: the lookup never
 * finished. That is why calls get a context of their own, which is free to
 * handle the reply at once, and why a D-Bus filter holds an incoming
 * Response until that context has handled what came before it. GLib's fix
 * for CVE-2024-34397 only delivers a signal from a well-known name once it
 * knows the name's owner, so the name is watched from the start too.
 */

G_DEFINE_QUARK (studio-secrets-error-quark, studio_secrets_error)

#define LOOKUP_TIMEOUT_MS 5000
#define CHANGE_TIMEOUT_MS 15000
#define RESPONSE_HOLD_MS 500

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_REQUEST_INTERFACE "org.freedesktop.portal.Request"

static guint secrets_timeout_ms;

/* Calls handed to the worker whose answer has not come back yet. */
static int calls_in_flight;

static const SecretSchema *
studio_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".ApiKey", SECRET_SCHEMA_NONE,
    {
      { "base-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * studio_secrets_set_timeout:
 * @timeout_ms: how long to wait for the Secret Service, or 0 for the
 *   defaults (5 s for a lookup, 15 s for a change)
 */
void
studio_secrets_set_timeout (guint timeout_ms)
{
  secrets_timeout_ms = timeout_ms;
}

/* libsecret's own rule (secret-backend.c) for using the Secret portal. */
static gboolean
secrets_use_portal (void)
{
  return studio_paths_is_sandboxed () || g_getenv ("SNAP_NAME") != NULL;
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean reached;
} Marker;

static void
marker_clear (Marker *marker)
{
  g_mutex_clear (&marker->mutex);
  g_cond_clear (&marker->cond);
}

static void
marker_release (Marker *marker)
{
  g_atomic_rc_box_release_full (marker, (GDestroyNotify) marker_clear);
}

static gboolean
marker_reached_cb (gpointer user_data)
{
  Marker *marker = user_data;

  g_mutex_lock (&marker->mutex);
  marker->reached = TRUE;
  g_cond_signal (&marker->cond);
  g_mutex_unlock (&marker->mutex);

  return G_SOURCE_REMOVE;
}

static GMainContext *worker_context;

/* Runs on GDBus's own thread, before any handler sees the message. The reply
 * that came before a Response is already queued on the worker's context, so
 * once an idle queued after it has run, libsecret listens for the Response.
 */
static GDBusMessage *
secrets_hold_response_filter (GDBusConnection *connection,
                              GDBusMessage    *message,
                              gboolean         incoming,
                              gpointer         user_data)
{
  Marker *marker;
  GSource *source;
  gint64 end_time;

  if (!incoming || g_atomic_int_get (&calls_in_flight) == 0 ||
      g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_SIGNAL ||
      g_strcmp0 (g_dbus_message_get_interface (message), PORTAL_REQUEST_INTERFACE) != 0 ||
      g_strcmp0 (g_dbus_message_get_member (message), "Response") != 0)
    return message;

  marker = g_atomic_rc_box_new0 (Marker);
  g_mutex_init (&marker->mutex);
  g_cond_init (&marker->cond);

  source = g_idle_source_new ();
  g_source_set_static_name (source, "[studio] secrets marker");
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, marker_reached_cb, g_atomic_rc_box_acquire (marker),
                         (GDestroyNotify) marker_release);
  g_source_attach (source, worker_context);
  g_source_unref (source);

  end_time = g_get_monotonic_time () + RESPONSE_HOLD_MS * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&marker->mutex);
  while (!marker->reached && g_cond_wait_until (&marker->cond, &marker->mutex, end_time))
    ;
  g_mutex_unlock (&marker->mutex);

  marker_release (marker);

  return message;
}

static void
secrets_portal_response_cb (GDBusConnection *connection,
                            const char      *sender_name,
                            const char      *object_path,
                            const char      *interface_name,
                            const char      *signal_name,
                            GVariant        *parameters,
                            gpointer         user_data)
{
  /* Only here so that GLib watches the portal's name. */
}

/* The session bus is shared with libsecret, and kept: the last reference
 * dropped would close it, and with it the filter and the subscription.
 */
static void
secrets_work_around_portal_race (void)
{
  static GDBusConnection *bus;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      /* libsecret will say so on the first call. */
      g_debug ("No session bus: %s", error->message);
      return;
    }

  g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME, PORTAL_REQUEST_INTERFACE,
                                      "Response", NULL, NULL,
                                      G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                      secrets_portal_response_cb, NULL, NULL);
  g_dbus_connection_add_filter (bus, secrets_hold_response_filter, NULL, NULL);
}

static gpointer
secrets_worker_main (gpointer user_data)
{
  g_main_context_push_thread_default (worker_context);

#if !SECRET_CHECK_VERSION (0, 21, 4)
  if (secrets_use_portal ())
    secrets_work_around_portal_race ();
#endif

  for (;;)
    g_main_context_iteration (worker_context, TRUE);

  return NULL;
}

/* The worker lives as long as the process, like GDBus's own thread. */
static GMainContext *
secrets_get_worker_context (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      worker_context = g_main_context_new ();
      g_thread_unref (g_thread_new ("studio-secrets", secrets_worker_main, NULL));
      g_once_init_leave (&started, 1);
    }

  return worker_context;
}

typedef enum
{
  SECRETS_STORE,
  SECRETS_LOOKUP,
  SECRETS_CLEAR,
} SecretsKind;

/* One call, shared by the caller's side and the worker's (atomic refcount).
 * Only the worker writes the answer, and only before it hands the call back.
 */
typedef struct
{
  SecretsKind   kind;
  char         *base_url;
  char         *api_key;
  char         *label;

  /* The caller's side: the task is cleared once it has returned. */
  GMainContext *context;
  GTask        *task;
  GCancellable *cancellable;  /* the caller's, with the time limit */
  GSource      *cancelled_source;

  /* The answer */
  char         *password;
  GError       *error;
} SecretsCall;

static void
secrets_call_clear (SecretsCall *call)
{
  g_free (call->base_url);
  if (call->api_key != NULL)
    secret_password_free (call->api_key);
  g_free (call->label);
  g_clear_pointer (&call->context, g_main_context_unref);
  g_assert (call->task == NULL);
  g_clear_object (&call->cancellable);
  g_assert (call->cancelled_source == NULL);
  if (call->password != NULL)
    secret_password_free (call->password);
  g_clear_error (&call->error);
}

static void
secrets_call_release (SecretsCall *call)
{
  g_atomic_rc_box_release_full (call, (GDestroyNotify) secrets_call_clear);
}

/* Turns what libsecret and D-Bus report into our two cases: nothing is there
 * to keep the key, or something is there but said no.
 */
static GError *
secrets_translate_error (GError *error)
{
  GError *translated;

  if (error->domain == SECRET_ERROR)
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_REFUSED,
                              _("The system keyring refused: %s"), error->message);
  else
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE,
                              _("No system keyring is available: %s"), error->message);

  g_error_free (error);
  return translated;
}

/* The caller's side: the first of the answer, the caller's cancellation and
 * the time limit returns the task.
 */
static void
secrets_call_return (SecretsCall *call,
                     GError      *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&call->task);

  g_assert (task != NULL);

  studio_cancellable_disarm (call->cancellable);
  g_source_destroy (call->cancelled_source);
  g_clear_pointer (&call->cancelled_source, g_source_unref);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (call->kind == SECRETS_LOOKUP)
    g_task_return_pointer (task, g_steal_pointer (&call->password),
                           (GDestroyNotify) secret_password_free);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
secrets_call_cancelled_cb (GCancellable *cancellable,
                           gpointer      user_data)
{
  SecretsCall *call = user_data;

  if (studio_cancellable_timed_out (call->cancellable))
    secrets_call_return (call, g_error_new (STUDIO_SECRETS_ERROR,
                                            STUDIO_SECRETS_ERROR_UNAVAILABLE,
                                            _("The system keyring did not answer.")));
  else
    secrets_call_return (call, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    _("The keyring call was cancelled.")));

  return G_SOURCE_REMOVE;
}

static gboolean
secrets_call_answered_cb (gpointer user_data)
{
  SecretsCall *call = user_data;

  if (call->task == NULL)
    g_debug ("The keyring answered a call that was given up");
  else
    secrets_call_return (call, call->error != NULL ?
                               secrets_translate_error (g_steal_pointer (&call->error)) : NULL);

  return G_SOURCE_REMOVE;
}

/* The worker's side, from here on. */
static void
secrets_call_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SecretsCall *call = user_data;
  GSource *source;

  switch (call->kind)
    {
    case SECRETS_STORE:
      secret_password_store_finish (result, &call->error);
      break;

    case SECRETS_LOOKUP:
      call->password = secret_password_lookup_finish (result, &call->error);
      break;

    case SECRETS_CLEAR:
      /* FALSE without an error means there was nothing to remove. */
      secret_password_clear_finish (result, &call->error);
      break;
    }

  g_atomic_int_add (&calls_in_flight, -1);

  /* Not at idle priority: a window drawing every frame would starve it. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[studio] secrets answer");
  g_source_set_callback (source, secrets_call_answered_cb, call,
                         (GDestroyNotify) secrets_call_release);
  g_source_attach (source, call->context);
  g_source_unref (source);
}

static gboolean
secrets_call_run_cb (gpointer user_data)
{
  SecretsCall *call = g_atomic_rc_box_acquire (user_data);
  const SecretSchema *schema = studio_secrets_get_schema ();

  switch (call->kind)
    {
    case SECRETS_STORE:
      secret_password_store (schema, SECRET_COLLECTION_DEFAULT, call->label, call->api_key,
                             NULL, secrets_call_done_cb, call,
                             "base-url", call->base_url, NULL);
      break;

    case SECRETS_LOOKUP:
      secret_password_lookup (schema, NULL, secrets_call_done_cb, call,
                              "base-url", call->base_url, NULL);
      break;

    case SECRETS_CLEAR:
      secret_password_clear (schema, NULL, secrets_call_done_cb, call,
                             "base-url", call->base_url, NULL);
      break;
    }

  return G_SOURCE_REMOVE;
}

static SecretsCall *
secrets_call_new (SecretsKind          kind,
                  const char          *base_url,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  SecretsCall *call = g_atomic_rc_box_new0 (SecretsCall);
  guint timeout_ms = secrets_timeout_ms;

  if (timeout_ms == 0)
    timeout_ms = kind == SECRETS_LOOKUP ? LOOKUP_TIMEOUT_MS : CHANGE_TIMEOUT_MS;

  call->kind = kind;
  call->base_url = g_strdup (base_url);
  call->context = g_main_context_ref_thread_default ();
  call->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  call->cancellable = studio_cancellable_new_with_timeout (cancellable, timeout_ms);

  return call;
}

/* Hands @call to the worker, and watches the time limit and the caller. */
static void
secrets_call_start (SecretsCall *call)
{
  call->cancelled_source = g_cancellable_source_new (call->cancellable);
  g_source_set_static_name (call->cancelled_source, "[studio] secrets cancelled");
  g_source_set_callback (call->cancelled_source, G_SOURCE_FUNC (secrets_call_cancelled_cb),
                         g_atomic_rc_box_acquire (call), (GDestroyNotify) secrets_call_release);
  g_source_attach (call->cancelled_source, call->context);

  g_atomic_int_inc (&calls_in_flight);
  g_main_context_invoke_full (secrets_get_worker_context (), G_PRIORITY_DEFAULT,
                              secrets_call_run_cb, call, (GDestroyNotify) secrets_call_release);
}

/**
 * studio_secrets_store_async:
 * @base_url: the API base URL the key belongs to
 * @api_key: the key
 * @cancellable: (nullable): a cancellable
 * @callback: called when the key is stored
 * @user_data: data for @callback
 *
 * Stores @api_key in the default keyring, replacing any key for @base_url.
 */
void
studio_secrets_store_async (const char          *base_url,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SecretsCall *call;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);

  call = secrets_call_new (SECRETS_STORE, base_url, cancellable, callback, user_data,
                           studio_secrets_store_async);
  call->api_key = g_strdup (api_key);
  call->label = g_strdup_printf (_("OpenAI Studio API key for %s"), base_url);
  secrets_call_start (call);
}

gboolean
studio_secrets_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_secrets_lookup_async:
 * @base_url: the API base URL
 * @cancellable: (nullable): a cancellable
 * @callback: called with the key
 * @user_data: data for @callback
 */
void
studio_secrets_lookup_async (const char          *base_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (base_url != NULL);

  secrets_call_start (secrets_call_new (SECRETS_LOOKUP, base_url, cancellable, callback,
                                        user_data, studio_secrets_lookup_async));
}

/**
 * studio_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the key, to be freed with
 *   secret_password_free(), or %NULL with no error if none is stored
 */
char *
studio_secrets_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
studio_secrets_clear_async (const char          *base_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (base_url != NULL);

  secrets_call_start (secrets_call_new (SECRETS_CLEAR, base_url, cancellable, callback,
                                        user_data, studio_secrets_clear_async));
}

gboolean
studio_secrets_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
