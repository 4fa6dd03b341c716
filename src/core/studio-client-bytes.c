/* studio-client-bytes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include "studio-client-private.h"

/* A binary answer handed over as it arrives
 * (studio_client_stream_bytes_async()): speech audio, played while it is
 * still downloading. Sending, retries and error answers are the other
 * calls' own, in studio-client-call.c; only a successful body is read
 * here, one chunk at a time, never gathered.
 */

/* Hands @bytes, the next chunk of a successful answer (empty once the
 * body has ended), to the caller, and reads on or ends the call.
 */
void
studio_client_call_read_bytes (GTask  *task,
                               GBytes *bytes)
{
  StudioClientCall *call = g_task_get_task_data (task);

  if (g_bytes_get_size (bytes) == 0)
    {
      studio_client_call_complete (task);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* From now on a failure is reported, not retried: the caller has
   * already played what came.
   */
  call->delivered = TRUE;
  call->bytes_func (call->content_type, bytes, call->event_data);

  if (g_cancellable_is_cancelled (call->io_cancellable))
    {
      studio_client_call_fail (task, studio_client_call_cancelled_error (call));
      return;
    }

  studio_client_call_read_next (task);
}

/**
 * studio_client_stream_bytes_async:
 * @self: a client
 * @request: what to send
 * @bytes_func: called with each chunk of a successful body, as it arrives
 * @bytes_data: data for @bytes_func
 * @bytes_data_destroy: (nullable): frees @bytes_data when the call ends
 * @cancellable: (nullable): a cancellable
 * @callback: called once the body has ended or the call failed
 * @user_data: data for @callback
 *
 * Sends @request like studio_client_request_json_async(), with the same
 * retries, timeouts and redirects, and an error status read as the JSON
 * error it carries; a successful body goes to @bytes_func piece by piece
 * and is never held whole. Retries happen only before the first chunk
 * reached @bytes_func; a body cut after that fails, and the chunks
 * delivered stand.
 */
void
studio_client_stream_bytes_async (StudioClient          *self,
                                  StudioRequest         *request,
                                  StudioClientBytesFunc  bytes_func,
                                  gpointer               bytes_data,
                                  GDestroyNotify         bytes_data_destroy,
                                  GCancellable          *cancellable,
                                  GAsyncReadyCallback    callback,
                                  gpointer               user_data)
{
  GTask *task;
  StudioClientCall *call;

  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (bytes_func != NULL);

  task = studio_client_new_task (self, cancellable, callback, user_data,
                                 studio_client_stream_bytes_async);
  call = g_task_get_task_data (task);
  call->bytes_func = bytes_func;
  call->event_data = bytes_data;
  call->event_data_destroy = bytes_data_destroy;

  studio_client_start (self, request, STUDIO_CLIENT_CALL_BYTES, task);
}

gboolean
studio_client_stream_bytes_finish (StudioClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_client_stream_bytes_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
