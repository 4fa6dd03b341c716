/* studio-secrets.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_SECRETS_ERROR (studio_secrets_error_quark ())

typedef enum
{
  STUDIO_SECRETS_ERROR_UNAVAILABLE = 1,
  STUDIO_SECRETS_ERROR_REFUSED,
} StudioSecretsError;

GQuark   studio_secrets_error_quark  (void);
void     studio_secrets_store_async  (const char           *base_url,
                                      const char           *api_key,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean studio_secrets_store_finish (GAsyncResult         *result,
                                      GError              **error);
void     studio_secrets_lookup_async (const char           *base_url,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
char    *studio_secrets_lookup_finish (GAsyncResult        *result,
                                       GError             **error);
void     studio_secrets_clear_async  (const char           *base_url,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean studio_secrets_clear_finish (GAsyncResult         *result,
                                      GError              **error);
void     studio_secrets_set_timeout  (guint                 timeout_ms);

G_END_DECLS
