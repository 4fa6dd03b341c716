/* studio-client-download.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-client-private.h"

/* Fetches a file the API pointed to (an image result's `url`): a plain
 * GET on the app's session, with none of the API's credentials, since the
 * address is on another host.
 */

typedef struct
{
  SoupMessage *message;
  gsize        max_bytes;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->message);
  g_free (download);
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *download = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, studio_api_error_from_transport (error));
      return;
    }

  status = soup_message_get_status (download->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_FORBIDDEN ||
          status == SOUP_STATUS_GONE)
        g_task_return_error (task,
                             studio_api_error_new (STUDIO_API_ERROR_NOT_FOUND,
                                                   _("The image’s address has expired or does "
                                                     "not exist any more. Generate it again.")));
      else
        g_task_return_error (task,
                             studio_api_error_new_for_status (status,
                                                              soup_message_get_reason_phrase (download->message),
                                                              NULL,
                                                              soup_message_get_response_headers (download->message)));
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_task_return_error (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                       _("The image’s address gave an empty "
                                                         "file.")));
      return;
    }

  if (download->max_bytes > 0 && g_bytes_get_size (bytes) > download->max_bytes)
    {
      g_task_return_error (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                       _("The image’s address gave a file too "
                                                         "large to be an image.")));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

/**
 * studio_client_download_async:
 * @self: a client
 * @url: an http or https address the API answered with
 * @max_bytes: the largest answer taken, or 0 for any
 * @cancellable: (nullable): a cancellable
 * @callback: called with the body; see studio_client_download_finish()
 * @user_data: for @callback
 *
 * Downloads @url without the API key, organization or project.
 */
void
studio_client_download_async (StudioClient        *self,
                              const char          *url,
                              gsize                max_bytes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  Download *download;

  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_client_download_async);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_task_return_error (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                       _("The server sent an image address "
                                                         "that is not a web address.")));
      return;
    }

  download = g_new0 (Download, 1);
  download->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  download->max_bytes = max_bytes;
  g_task_set_task_data (task, download, (GDestroyNotify) download_free);

  soup_session_send_and_read_async (self->session, download->message, G_PRIORITY_DEFAULT,
                                    cancellable, download_read_cb, g_steal_pointer (&task));
}

/**
 * studio_client_download_finish:
 *
 * Returns: (transfer full): the body, or %NULL with a %STUDIO_API_ERROR
 */
GBytes *
studio_client_download_finish (StudioClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
