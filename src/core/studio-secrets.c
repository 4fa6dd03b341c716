/* studio-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "studio-secrets.h"

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

typedef struct
{
  GCancellable *cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  gboolean      timed_out;
} SecretsCall;

static void
secrets_call_free (SecretsCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_clear_object (&call->cancellable);
  g_free (call);
}

static gboolean
secrets_timeout_cb (gpointer user_data)
{
  SecretsCall *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
secrets_cancelled_cb (GCancellable *cancellable,
                      SecretsCall  *call)
{
  g_cancellable_cancel (call->cancellable);
}

static GTask *
secrets_task_new (GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretsCall *call = g_new0 (SecretsCall, 1);

  g_task_set_source_tag (task, source_tag);
  call->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (secrets_cancelled_cb),
                                                call, NULL);
  call->timeout_id = g_timeout_add (secrets_timeout_ms, secrets_timeout_cb, call);
  g_task_set_task_data (task, call, (GDestroyNotify) secrets_call_free);

  return task;
}

/* Turns what libsecret and D-Bus report into our two cases: nothing is there
 * to keep the key, or something is there but said no.
 */
static GError *
secrets_translate_error (GTask  *task,
                         GError *error)
{
  SecretsCall *call = g_task_get_task_data (task);
  GError *translated;

  if (call->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), call->cancelled_id);
  call->cancelled_id = 0;
  g_clear_handle_id (&call->timeout_id, g_source_remove);

  if (error == NULL)
    return NULL;

  if (call->timed_out)
    translated = g_error_new (STUDIO_SECRETS_ERROR, STUDIO_SECRETS_ERROR_UNAVAILABLE,
                              _("The system keyring did not answer."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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

  if (!secret_password_store_finish (result, &error))
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
  g_autofree char *label = NULL;
  GTask *task;
  SecretsCall *call;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (api_key != NULL);

  task = secrets_task_new (cancellable, callback, user_data, studio_secrets_store_async);
  call = g_task_get_task_data (task);
  label = g_strdup_printf (_("OpenAI Studio API key for %s"), base_url);

  secret_password_store (studio_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         api_key, call->cancellable, studio_secrets_store_cb, task,
                         "base-url", base_url,
                         NULL);
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

  if (error != NULL)
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
  SecretsCall *call;

  g_return_if_fail (base_url != NULL);

  task = secrets_task_new (cancellable, callback, user_data, studio_secrets_lookup_async);
  call = g_task_get_task_data (task);

  secret_password_lookup (studio_secrets_get_schema (), call->cancellable,
                          studio_secrets_lookup_cb, task,
                          "base-url", base_url,
                          NULL);
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

  if (error != NULL)
    g_task_return_error (task, secrets_translate_error (task, error));
  else
    {
      secrets_translate_error (task, NULL);
      g_task_return_boolean (task, TRUE);
    }
}

void
studio_secrets_clear_async (const char          *base_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  SecretsCall *call;

  g_return_if_fail (base_url != NULL);

  task = secrets_task_new (cancellable, callback, user_data, studio_secrets_clear_async);
  call = g_task_get_task_data (task);

  secret_password_clear (studio_secrets_get_schema (), call->cancellable,
                         studio_secrets_clear_cb, task,
                         "base-url", base_url,
                         NULL);
}

gboolean
studio_secrets_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
