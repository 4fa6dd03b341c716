/* studio-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "studio-api-error.h"
#include "studio-secrets.h"
#include "studio-utils.h"

/* API keys live in the Secret Service (GNOME Keyring, KWallet, or the Secret
 * portal inside Flatpak), one per base URL, so a key for a local server and
 * one for OpenAI never mix. Every call has a time limit: a Secret Service
 * that never answers must not leave the UI waiting forever.
 */

G_DEFINE_QUARK (studio-secrets-error-quark, studio_secrets_error)

static guint secrets_timeout_ms = 15000;

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
 * @timeout_ms: how long to wait for the Secret Service
 */
void
studio_secrets_set_timeout (guint timeout_ms)
{
  secrets_timeout_ms = timeout_ms;
}

typedef enum
{
  SECRETS_STORE,
  SECRETS_LOOKUP,
  SECRETS_CLEAR,
} SecretsKind;

/* One call, kept so that it can be made again. */
typedef struct
{
  SecretsKind   kind;
  char         *base_url;
  char         *api_key;
  char         *label;
  GCancellable *cancellable;  /* the caller's, with the time limit */
  gboolean      retried;
} SecretsCall;

static void
secrets_call_free (SecretsCall *call)
{
  g_free (call->base_url);
  if (call->api_key != NULL)
    secret_password_free (call->api_key);
  g_free (call->label);
  g_clear_object (&call->cancellable);
  g_free (call);
}

/* Each call gets a cancellable of its own for libsecret, cancelled with the
 * caller's or when the Secret Service has not answered in time.
 */
static GTask *
secrets_task_new (SecretsKind          kind,
                  const char          *base_url,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretsCall *call = g_new0 (SecretsCall, 1);

  call->kind = kind;
  call->base_url = g_strdup (base_url);
  call->cancellable = studio_cancellable_new_with_timeout (cancellable, secrets_timeout_ms);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) secrets_call_free);

  return task;
}

static GCancellable *
secrets_task_get_cancellable (GTask *task)
{
  SecretsCall *call = g_task_get_task_data (task);

  return call->cancellable;
}

static void secrets_call_start (GTask *task);

/* libsecret opens its connection to the Secret Service once, with the
 * cancellable of the first call that needs it, and every call made
 * meanwhile waits for that: when the first is cancelled (a lookup for a
 * base URL that just changed), they all fail as cancelled although nobody
 * cancelled them. Such a call is made once more. Takes @task on a retry.
 */
static gboolean
secrets_call_retry (GTask        *task,
                    const GError *error)
{
  SecretsCall *call = g_task_get_task_data (task);

  if (call->retried || !studio_api_error_is_cancelled (error) ||
      g_cancellable_is_cancelled (call->cancellable))
    return FALSE;

  g_debug ("A keyring call was cancelled by another one's set-up; making it again");
  call->retried = TRUE;
  secrets_call_start (task);
  return TRUE;
}

/* Turns what libsecret and D-Bus report into our two cases: nothing is there
 * to keep the key, or something is there but said no.
 */
static GError *
secrets_translate_error (GTask  *task,
                         GError *error)
{
  GCancellable *cancellable = secrets_task_get_cancellable (task);
  GError *translated;

  /* Done: neither the clock nor the caller may cancel it any more. */
  studio_cancellable_disarm (cancellable);

  if (error == NULL)
    return NULL;

  if (studio_cancellable_timed_out (cancellable))
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE,
                              _("The system keyring did not answer."));
  else if (studio_api_error_is_cancelled (error))
    return error;
  else if (error->domain == SECRET_ERROR)
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_REFUSED,
                              _("The system keyring refused: %s"), error->message);
  else
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE,
                              _("No system keyring is available: %s"), error->message);

  g_error_free (error);
  return translated;
}

static void
studio_secrets_store_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error) && secrets_call_retry (task, error))
    {
      g_steal_pointer (&task);
      g_error_free (error);
    }
  else if (error != NULL)
    g_task_return_error (task, secrets_translate_error (task, error));
  else
    {
      secrets_translate_error (task, NULL);
      g_task_return_boolean (task, TRUE);
    }
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
  GTask *task;
  SecretsCall *call;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);

  task = secrets_task_new (SECRETS_STORE, base_url, cancellable, callback, user_data,
                           studio_secrets_store_async);
  call = g_task_get_task_data (task);
  call->api_key = g_strdup (api_key);
  call->label = g_strdup_printf (_("OpenAI Studio API key for %s"), base_url);
  secrets_call_start (task);
}

gboolean
studio_secrets_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
studio_secrets_lookup_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);

  if (error != NULL && secrets_call_retry (task, error))
    {
      g_steal_pointer (&task);
      g_error_free (error);
    }
  else if (error != NULL)
    g_task_return_error (task, secrets_translate_error (task, error));
  else
    {
      secrets_translate_error (task, NULL);
      g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
    }
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
  GTask *task;

  g_return_if_fail (base_url != NULL);

  task = secrets_task_new (SECRETS_LOOKUP, base_url, cancellable, callback, user_data,
                           studio_secrets_lookup_async);
  secrets_call_start (task);
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

static void
studio_secrets_clear_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove. */
  secret_password_clear_finish (result, &error);

  if (error != NULL && secrets_call_retry (task, error))
    {
      g_steal_pointer (&task);
      g_error_free (error);
    }
  else if (error != NULL)
    g_task_return_error (task, secrets_translate_error (task, error));
  else
    {
      secrets_translate_error (task, NULL);
      g_task_return_boolean (task, TRUE);
    }
}

/* Hands @task's call to libsecret; the callback owns @task then. */
static void
secrets_call_start (GTask *task)
{
  SecretsCall *call = g_task_get_task_data (task);
  const SecretSchema *schema = studio_secrets_get_schema ();

  switch (call->kind)
    {
    case SECRETS_STORE:
      secret_password_store (schema, SECRET_COLLECTION_DEFAULT, call->label, call->api_key,
                             call->cancellable, studio_secrets_store_cb, task,
                             "base-url", call->base_url, NULL);
      break;

    case SECRETS_LOOKUP:
      secret_password_lookup (schema, call->cancellable, studio_secrets_lookup_cb, task,
                              "base-url", call->base_url, NULL);
      break;

    case SECRETS_CLEAR:
      secret_password_clear (schema, call->cancellable, studio_secrets_clear_cb, task,
                             "base-url", call->base_url, NULL);
      break;
    }
}

void
studio_secrets_clear_async (const char          *base_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (base_url != NULL);

  task = secrets_task_new (SECRETS_CLEAR, base_url, cancellable, callback, user_data,
                           studio_secrets_clear_async);
  secrets_call_start (task);
}

gboolean
studio_secrets_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
