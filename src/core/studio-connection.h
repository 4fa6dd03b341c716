/* studio-connection.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-client.h"

G_BEGIN_DECLS

/**
 * StudioKeySource:
 * @STUDIO_KEY_SOURCE_NONE: no key is set
 * @STUDIO_KEY_SOURCE_ENVIRONMENT: `OPENAI_API_KEY` is set
 * @STUDIO_KEY_SOURCE_KEYRING: the key came from the system keyring
 * @STUDIO_KEY_SOURCE_SESSION: the key is kept in memory until the app quits
 */
typedef enum
{
  STUDIO_KEY_SOURCE_NONE,
  STUDIO_KEY_SOURCE_ENVIRONMENT,
  STUDIO_KEY_SOURCE_KEYRING,
  STUDIO_KEY_SOURCE_SESSION,
} StudioKeySource;

/**
 * StudioConnectionField:
 * @STUDIO_CONNECTION_FIELD_API_KEY: `OPENAI_API_KEY`
 * @STUDIO_CONNECTION_FIELD_BASE_URL: `OPENAI_BASE_URL`
 * @STUDIO_CONNECTION_FIELD_ORGANIZATION: `OPENAI_ORG_ID`
 * @STUDIO_CONNECTION_FIELD_PROJECT: `OPENAI_PROJECT_ID`
 */
typedef enum
{
  STUDIO_CONNECTION_FIELD_API_KEY,
  STUDIO_CONNECTION_FIELD_BASE_URL,
  STUDIO_CONNECTION_FIELD_ORGANIZATION,
  STUDIO_CONNECTION_FIELD_PROJECT,
} StudioConnectionField;

#define STUDIO_TYPE_CONNECTION (studio_connection_get_type ())

G_DECLARE_FINAL_TYPE (StudioConnection, studio_connection, STUDIO, CONNECTION, GObject)

StudioConnection *studio_connection_new                (GSettings              *settings);
StudioClient     *studio_connection_get_client         (StudioConnection       *self);
StudioKeySource   studio_connection_get_key_source     (StudioConnection       *self);
gboolean          studio_connection_get_ready          (StudioConnection       *self);
gboolean          studio_connection_get_looking_up     (StudioConnection       *self);
const GError     *studio_connection_get_lookup_error   (StudioConnection       *self);
const char       *studio_connection_get_env_name       (StudioConnectionField   field);
gboolean          studio_connection_is_overridden      (StudioConnection       *self,
                                                        StudioConnectionField   field);
void              studio_connection_load_key_async     (StudioConnection       *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean          studio_connection_load_key_finish    (StudioConnection       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
void              studio_connection_save_key_async     (StudioConnection       *self,
                                                        const char             *api_key,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean          studio_connection_save_key_finish    (StudioConnection       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);
void              studio_connection_use_session_key    (StudioConnection       *self,
                                                        const char             *api_key);
void              studio_connection_forget_key_async   (StudioConnection       *self,
                                                        GCancellable           *cancellable,
                                                        GAsyncReadyCallback     callback,
                                                        gpointer                user_data);
gboolean          studio_connection_forget_key_finish  (StudioConnection       *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

G_END_DECLS
