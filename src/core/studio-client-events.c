/* studio-client-events.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include <string.h>

#include "studio-api-error.h"
#include "studio-client-private.h"
#include "studio-sse-decoder.h"
#include "studio-utils.h"

/* The events of a streamed answer (studio_client_stream_events_async()):
 * each chunk the call in studio-client-call.c reads goes through its SSE
 * decoder, every event is parsed as JSON, on a worker thread when there is
 * much of it, and handed to the caller's StudioClientEventFunc, until
 * `[DONE]`, an error event, or the end of the body.
 */

/* One event of a stream, parsed (on a worker, when it is large) but not
 * yet handed over: its data is kept only where the answer needs the text.
 */
typedef struct
{
  char     *event;
  char     *data;
  JsonNode *root;
  GError   *error;
  gboolean  done;
} ParsedEvent;

static void
parsed_event_free (ParsedEvent *parsed)
{
  g_free (parsed->event);
  g_free (parsed->data);
  g_clear_pointer (&parsed->root, json_node_unref);
  g_clear_error (&parsed->error);
  g_free (parsed);
}

static ParsedEvent *
parse_event (const char *event,
             const char *data)
{
  ParsedEvent *parsed = g_new0 (ParsedEvent, 1);
  JsonObject *object;

  parsed->event = g_strdup (event);
  parsed->done = g_str_equal (data, "[DONE]");

  /* An error event is one whatever its data looks like. */
  if (parsed->done || g_strcmp0 (event, "error") == 0)
    {
      parsed->data = g_strdup (data);
      return parsed;
    }

  parsed->root = studio_json_parse_server_data (data, -1, &parsed->error);
  object = parsed->root ? json_node_get_object (parsed->root) : NULL;
  if (object != NULL && json_object_has_member (object, "error") &&
      !json_object_has_member (object, "choices"))
    parsed->data = g_strdup (data);

  return parsed;
}

/* Hands @parsed to the caller; FALSE once the stream is over. */
static gboolean
call_handle_event (StudioClientCall *call,
                   ParsedEvent      *parsed)
{
  JsonObject *object;

  if (parsed->done)
    {
      call->done = TRUE;
      return FALSE;
    }

  if (parsed->root == NULL && parsed->error != NULL)
    {
      /* One garbled event should not cost the user the whole reply, and
       * a server that sends nothing else should not flood the log:
       * the first is a warning, the count comes at the end.
       */
      if (++call->skipped == 1)
        g_warning ("Skipping a malformed stream event: %s",
                   studio_api_error_get_server_message (parsed->error));
      return TRUE;
    }

  object = parsed->root ? json_node_get_object (parsed->root) : NULL;
  if (object == NULL ||
      (json_object_has_member (object, "error") && !json_object_has_member (object, "choices")))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (parsed->data, strlen (parsed->data));

      call->stream_error = studio_api_error_new_for_status (500, NULL, bytes, NULL);
      return FALSE;
    }

  call->delivered = TRUE;
  call->event_func (parsed->event, parsed->root, call->event_data);

  return TRUE;
}

static gboolean
call_event_cb (const char *event,
               const char *data,
               const char *id,
               gpointer    user_data)
{
  ParsedEvent *parsed = parse_event (event, data);
  gboolean more = call_handle_event (user_data, parsed);

  parsed_event_free (parsed);

  return more;
}

static gboolean
collect_event_cb (const char *event,
                  const char *data,
                  const char *id,
                  gpointer    user_data)
{
  ParsedEvent *parsed = parse_event (event, data);

  g_ptr_array_add (user_data, parsed);

  return !parsed->done;
}

typedef struct
{
  StudioSseDecoder *decoder;   /* the call's, only used here until this ends */
  GBytes           *bytes;     /* NULL: the body has ended */
  GPtrArray        *events;
} ParseEvents;

static void
parse_events_free (ParseEvents *work)
{
  g_clear_pointer (&work->bytes, g_bytes_unref);
  g_ptr_array_unref (work->events);
  g_free (work);
}

static void
parse_events_thread (GTask        *worker,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ParseEvents *work = task_data;
  GError *error = NULL;
  gsize size = 0;
  const char *data = work->bytes ? g_bytes_get_data (work->bytes, &size) : NULL;

  if (data != NULL &&
      !studio_sse_decoder_feed (work->decoder, data, size, collect_event_cb, work->events, &error))
    g_task_return_error (worker, error);
  else
    {
      if (data == NULL)
        studio_sse_decoder_finish (work->decoder, collect_event_cb, work->events, NULL);
      g_task_return_boolean (worker, TRUE);
    }
}

/* After a read's events were handed over: the stream is over, failed, cut
 * short (@ended without [DONE]), or goes on.
 */
static void
call_events_fed (GTask    *task,
                 gboolean  ended)
{
  StudioClientCall *call = g_task_get_task_data (task);

  if (call->stream_error != NULL)
    {
      studio_client_call_fail (task, g_steal_pointer (&call->stream_error));
      return;
    }

  if (call->done)
    {
      studio_client_call_complete (task);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The body ended, the connection with it, and the server never said the
   * answer was whole: the caller must not take what came for all of it.
   * It is retried only if nothing reached the caller yet.
   */
  if (ended)
    {
      studio_client_call_fail (task, studio_api_error_new (STUDIO_API_ERROR_INCOMPLETE, NULL));
      return;
    }

  studio_client_call_read_next (task);
}

static void
call_events_parsed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  StudioClientCall *call = g_task_get_task_data (task);
  ParseEvents *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      studio_client_call_fail (task, g_steal_pointer (&error));
      return;
    }

  if (g_cancellable_is_cancelled (call->io_cancellable))
    {
      studio_client_call_fail (task, studio_client_call_cancelled_error (call));
      return;
    }

  for (guint i = 0; i < work->events->len; i++)
    if (!call_handle_event (call, g_ptr_array_index (work->events, i)))
      break;

  call_events_fed (task, work->bytes == NULL);
}

/* Hands the events in @bytes, the next chunk of the call's stream (empty
 * once the body has ended), to the caller: parsed here, or on a worker
 * when the decoder would hold more than STUDIO_CLIENT_WORKER_PARSE_BYTES.
 * Then the call ends or reads on.
 */
void
studio_client_call_read_events (GTask  *task,
                                GBytes *bytes)
{
  StudioClientCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (studio_sse_decoder_get_pending (call->decoder) + size > STUDIO_CLIENT_WORKER_PARSE_BYTES)
    {
      g_autoptr(GTask) worker = g_task_new (NULL, NULL, call_events_parsed_cb, task);
      ParseEvents *work = g_new0 (ParseEvents, 1);

      work->decoder = call->decoder;
      work->bytes = size > 0 ? g_bytes_ref (bytes) : NULL;
      work->events = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_event_free);
      g_task_set_task_data (worker, work, (GDestroyNotify) parse_events_free);
      g_task_run_in_thread (worker, parse_events_thread);
      return;
    }

  if (size > 0)
    {
      if (!studio_sse_decoder_feed (call->decoder, data, size, call_event_cb, call, &error))
        {
          studio_client_call_fail (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    studio_sse_decoder_finish (call->decoder, call_event_cb, call, NULL);

  call_events_fed (task, size == 0);
}
