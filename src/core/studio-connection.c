/* studio-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-connection"

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "studio-connection.h"
#include "studio-enums.h"
#include "studio-secrets.h"
#include "studio-settings.h"
#include "studio-utils.h"

/* Where the client's settings come from. The environment wins over
 * everything (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID,
 * OPENAI_PROJECT_ID), then GSettings for the plain values, and the keyring
 * for the key, which is looked up again whenever the base URL changes since
 * each URL has its own key. A key the keyring could not take may be kept in
 * memory for the session instead.
 */
struct _StudioConnection
{
  GObject          parent_instance;

  /* Owned references */
  StudioClient    *client;
  GSettings       *settings;
  GCancellable    *lookup_cancellable;
  char            *session_key;

  GError          *lookup_error;

  StudioKeySource  key_source;
  guint            ready : 1;
  guint            looking_up : 1;
};

enum {
  PROP_0,
  PROP_KEY_SOURCE,
  PROP_READY,
  PROP_LOOKING_UP,
  PROP_LOOKUP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioConnection, studio_connection, G_TYPE_OBJECT)

static void
free_secret (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static const char *env_names[] = {
  [STUDIO_CONNECTION_FIELD_API_KEY] = "OPENAI_API_KEY",
  [STUDIO_CONNECTION_FIELD_BASE_URL] = "OPENAI_BASE_URL",
  [STUDIO_CONNECTION_FIELD_ORGANIZATION] = "OPENAI_ORG_ID",
  [STUDIO_CONNECTION_FIELD_PROJECT] = "OPENAI_PROJECT_ID",
};

const char *
studio_connection_get_env_name (StudioConnectionField field)
{
  g_return_val_if_fail (field < G_N_ELEMENTS (env_names), NULL);

  return env_names[field];
}

static const char *
studio_connection_env (StudioConnectionField field)
{
  const char *value = g_getenv (env_names[field]);

  return studio_str_empty0 (value) ? NULL : value;
}

gboolean
studio_connection_is_overridden (StudioConnection      *self,
                                 StudioConnectionField  field)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), FALSE);

  return studio_connection_env (field) != NULL;
}

static void
studio_connection_set_key (StudioConnection *self,
                           const char       *api_key,
                           StudioKeySource   source)
{
  studio_client_set_api_key (self->client, api_key);

  if (studio_str_empty0 (api_key))
    source = STUDIO_KEY_SOURCE_NONE;

  if (self->key_source != source)
    {
      self->key_source = source;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_SOURCE]);
    }
}

static void
studio_connection_set_ready (StudioConnection *self)
{
  if (self->ready)
    return;

  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

/* Takes @error. */
static void
studio_connection_set_lookup_state (StudioConnection *self,
                                    gboolean          looking_up,
                                    GError           *error)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->looking_up != looking_up)
    {
      self->looking_up = looking_up;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOKING_UP]);
    }

  if (self->lookup_error != NULL || error != NULL)
    {
      g_clear_error (&self->lookup_error);
      self->lookup_error = error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOKUP_ERROR]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
studio_connection_sync_settings (StudioConnection *self)
{
  GSettings *settings = self->settings;
  g_autofree char *base_url = g_settings_get_string (settings, STUDIO_SETTING_BASE_URL);
  g_autofree char *organization = g_settings_get_string (settings, STUDIO_SETTING_ORGANIZATION);
  g_autofree char *project = g_settings_get_string (settings, STUDIO_SETTING_PROJECT);
  g_autofree char *insecure = g_settings_get_string (settings, STUDIO_SETTING_INSECURE_BASE_URL);
  const char *value;

  if ((value = studio_connection_env (STUDIO_CONNECTION_FIELD_BASE_URL)))
    studio_client_set_base_url (self->client, value);
  else
    studio_client_set_base_url (self->client, base_url);

  value = studio_connection_env (STUDIO_CONNECTION_FIELD_ORGANIZATION);
  studio_client_set_organization (self->client, value ? value : organization);

  value = studio_connection_env (STUDIO_CONNECTION_FIELD_PROJECT);
  studio_client_set_project (self->client, value ? value : project);

  /* Whoever sets OPENAI_BASE_URL chose that URL as much as a confirmation
   * in Preferences would have.
   */
  studio_client_set_allow_insecure (self->client,
                                    studio_connection_env (STUDIO_CONNECTION_FIELD_BASE_URL) !=
                                    NULL ||
                                    g_strcmp0 (insecure,
                                               studio_client_get_base_url (self->client)) == 0);
}

static void
studio_connection_lookup_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioConnection *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *api_key;

  api_key = studio_secrets_lookup_finish (result, &error);

  if (error != NULL)
    {
      /* Cancelled: a newer lookup took over, or the connection is going. */
      if (!studio_api_error_is_cancelled (error))
        {
          /* A key kept from another base URL must not go to this one. */
          g_warning ("Could not read the API key from the keyring: %s", error->message);
          studio_connection_set_key (self, self->session_key, STUDIO_KEY_SOURCE_SESSION);
          studio_connection_set_lookup_state (self, FALSE, g_error_copy (error));
          studio_connection_set_ready (self);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (api_key != NULL)
    studio_connection_set_key (self, api_key, STUDIO_KEY_SOURCE_KEYRING);
  else if (self->session_key != NULL)
    studio_connection_set_key (self, self->session_key, STUDIO_KEY_SOURCE_SESSION);
  else
    studio_connection_set_key (self, NULL, STUDIO_KEY_SOURCE_NONE);

  secret_password_free (api_key);
  studio_connection_set_lookup_state (self, FALSE, NULL);
  studio_connection_set_ready (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_connection_load_key_async:
 * @self: a connection
 * @cancellable: (nullable): a cancellable
 * @callback: called when the key is known
 * @user_data: data for @callback
 *
 * Finds the key for the current base URL: from the environment, else the
 * keyring, else the session. A lookup still running for an older base URL
 * is cancelled. #StudioConnection:looking-up is %TRUE meanwhile; when the
 * keyring fails, #StudioConnection:lookup-error says why, and the
 * connection is ready all the same. Call it again to try again.
 */
void
studio_connection_load_key_async (StudioConnection    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *env_key;

  g_return_if_fail (STUDIO_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_connection_load_key_async);

  if ((env_key = studio_connection_env (STUDIO_CONNECTION_FIELD_API_KEY)))
    {
      studio_connection_set_key (self, env_key, STUDIO_KEY_SOURCE_ENVIRONMENT);
      studio_connection_set_lookup_state (self, FALSE, NULL);
      studio_connection_set_ready (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Only the newest lookup counts: the base URL may have changed since. The
   * caller's cancellable is the task's; this one is ours to cancel.
   */
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();
  studio_connection_set_lookup_state (self, TRUE, NULL);

  studio_secrets_lookup_async (studio_client_get_base_url (self->client),
                               self->lookup_cancellable,
                               studio_connection_lookup_cb,
                               g_steal_pointer (&task));
}

gboolean
studio_connection_load_key_finish (StudioConnection  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
studio_connection_settings_changed_cb (StudioConnection *self,
                                       const char       *key,
                                       GSettings        *settings)
{
  g_autofree char *previous = g_strdup (studio_client_get_base_url (self->client));

  studio_connection_sync_settings (self);

  if (g_strcmp0 (previous, studio_client_get_base_url (self->client)) != 0)
    {
      /* Each base URL has its own key: the old one is dropped at once, not
       * when the keyring answers, so it is never sent to the new host.
       */
      g_clear_pointer (&self->session_key, free_secret);
      if (!studio_connection_is_overridden (self, STUDIO_CONNECTION_FIELD_API_KEY))
        studio_connection_set_key (self, NULL, STUDIO_KEY_SOURCE_NONE);
      studio_connection_load_key_async (self, NULL, NULL, NULL);
    }
}

static void
studio_connection_store_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioConnection *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!studio_secrets_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!studio_connection_is_overridden (self, STUDIO_CONNECTION_FIELD_API_KEY))
    studio_connection_set_key (self, g_task_get_task_data (task), STUDIO_KEY_SOURCE_KEYRING);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_connection_save_key_async:
 * @self: a connection
 * @api_key: the key to keep in the keyring for the current base URL
 * @cancellable: (nullable): a cancellable
 * @callback: called when stored
 * @user_data: data for @callback
 *
 * On failure (%STUDIO_SECRETS_ERROR) nothing changes; the caller may offer
 * studio_connection_use_session_key() instead.
 */
void
studio_connection_save_key_async (StudioConnection    *self,
                                  const char          *api_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  char *trimmed;

  g_return_if_fail (STUDIO_IS_CONNECTION (self));
  g_return_if_fail (api_key != NULL);

  trimmed = g_strstrip (g_strdup (api_key));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_connection_save_key_async);
  g_task_set_task_data (task, trimmed, (GDestroyNotify) free_secret);

  studio_secrets_store_async (studio_client_get_base_url (self->client), trimmed,
                              cancellable, studio_connection_store_cb, task);
}

gboolean
studio_connection_save_key_finish (StudioConnection  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_connection_use_session_key:
 * @self: a connection
 * @api_key: a key kept in memory only, until the app quits or the base URL
 *   changes
 */
void
studio_connection_use_session_key (StudioConnection *self,
                                   const char       *api_key)
{
  g_return_if_fail (STUDIO_IS_CONNECTION (self));

  free_secret (self->session_key);
  self->session_key = g_strstrip (g_strdup (api_key));

  if (!studio_connection_is_overridden (self, STUDIO_CONNECTION_FIELD_API_KEY))
    studio_connection_set_key (self, self->session_key, STUDIO_KEY_SOURCE_SESSION);
}

static void
studio_connection_clear_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioConnection *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!studio_secrets_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!studio_connection_is_overridden (self, STUDIO_CONNECTION_FIELD_API_KEY))
    studio_connection_set_key (self, NULL, STUDIO_KEY_SOURCE_NONE);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_connection_forget_key_async:
 *
 * Removes the key for the current base URL from the keyring and from
 * memory.
 */
void
studio_connection_forget_key_async (StudioConnection    *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_CONNECTION (self));

  g_clear_pointer (&self->session_key, free_secret);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_connection_forget_key_async);

  studio_secrets_clear_async (studio_client_get_base_url (self->client), cancellable,
                              studio_connection_clear_cb, task);
}

gboolean
studio_connection_forget_key_finish (StudioConnection  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

StudioClient *
studio_connection_get_client (StudioConnection *self)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), NULL);

  return self->client;
}

StudioKeySource
studio_connection_get_key_source (StudioConnection *self)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), STUDIO_KEY_SOURCE_NONE);

  return self->key_source;
}

/**
 * studio_connection_get_ready:
 *
 * Returns: whether the first key lookup has finished, found a key or not,
 *   or failed
 */
gboolean
studio_connection_get_ready (StudioConnection *self)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), FALSE);

  return self->ready;
}

/**
 * studio_connection_get_looking_up:
 *
 * Returns: whether the keyring is being asked for the key
 */
gboolean
studio_connection_get_looking_up (StudioConnection *self)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), FALSE);

  return self->looking_up;
}

/**
 * studio_connection_get_lookup_error:
 *
 * Returns: (nullable) (transfer none): why the last keyring lookup failed,
 *   a %STUDIO_SECRETS_ERROR, or %NULL
 */
const GError *
studio_connection_get_lookup_error (StudioConnection *self)
{
  g_return_val_if_fail (STUDIO_IS_CONNECTION (self), NULL);

  return self->lookup_error;
}

static void
studio_connection_dispose (GObject *object)
{
  StudioConnection *self = (StudioConnection *) object;

  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (studio_connection_parent_class)->dispose (object);
}

static void
studio_connection_finalize (GObject *object)
{
  StudioConnection *self = (StudioConnection *) object;

  g_clear_pointer (&self->session_key, free_secret);
  g_clear_error (&self->lookup_error);

  G_OBJECT_CLASS (studio_connection_parent_class)->finalize (object);
}

static void
studio_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StudioConnection *self = STUDIO_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_KEY_SOURCE:
      g_value_set_enum (value, self->key_source);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_LOOKING_UP:
      g_value_set_boolean (value, self->looking_up);
      break;

    case PROP_LOOKUP_ERROR:
      g_value_set_boxed (value, self->lookup_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_connection_class_init (StudioConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_connection_dispose;
  object_class->finalize = studio_connection_finalize;
  object_class->get_property = studio_connection_get_property;

  properties[PROP_KEY_SOURCE] =
    g_param_spec_enum ("key-source", NULL, NULL,
                       STUDIO_TYPE_KEY_SOURCE, STUDIO_KEY_SOURCE_NONE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOOKING_UP] =
    g_param_spec_boolean ("looking-up", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOOKUP_ERROR] =
    g_param_spec_boxed ("lookup-error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_connection_init (StudioConnection *self)
{
  self->client = studio_client_new ();
}

/**
 * studio_connection_new:
 * @settings: the app's settings
 *
 * Returns: (transfer full): a connection whose client follows @settings and
 *   the environment; call studio_connection_load_key_async() to find the key
 */
StudioConnection *
studio_connection_new (GSettings *settings)
{
  StudioConnection *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STUDIO_TYPE_CONNECTION, NULL);
  self->settings = g_object_ref (settings);
  studio_connection_sync_settings (self);
  g_signal_connect_object (settings, "changed",
                           G_CALLBACK (studio_connection_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}
