/* studio-client-call.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "studio-client-private.h"
#include "studio-retry.h"
#include "studio-sse-decoder.h"
#include "studio-utils.h"

#define READ_CHUNK_SIZE      (64 * 1024)
#define MAX_ERROR_BODY       (1024 * 1024)
#define MAX_JSON_BODY        (512 * 1024 * 1024)
#define MAX_REDIRECTS        5

/* Sending a request with StudioClient: each call is a GTask whose data, a
 * StudioClientCall, carries it through its attempts (with the wait before
 * each retry), the redirects it follows by hand, and the reading of the
 * answer, whole or as stream events. What a stream's events say, and how
 * they reach the caller, is in studio-client-events.c.
 */

static void call_start_attempt (GTask *task);

static void
call_free (StudioClientCall *call)
{
  g_clear_handle_id (&call->wait_source, g_source_remove);
  g_clear_object (&call->client);
  g_clear_pointer (&call->request, studio_request_unref);
  g_clear_pointer (&call->uri, g_uri_unref);
  g_clear_object (&call->message);
  g_clear_object (&call->stream);
  g_clear_object (&call->io_cancellable);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_clear_pointer (&call->decoder, studio_sse_decoder_free);
  g_clear_error (&call->stream_error);
  if (call->event_data_destroy)
    g_clear_pointer (&call->event_data, call->event_data_destroy);
  g_free (call->content_type);
  g_free (call);
}

/* Every way out of a call comes through here first. */
void
studio_client_call_complete (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);

  if (call->io_cancellable != NULL)
    studio_cancellable_disarm (call->io_cancellable);
  g_clear_handle_id (&call->wait_source, g_source_remove);
  if (call->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), call->cancelled_id);
  call->cancelled_id = 0;

  if (call->skipped > 1)
    g_warning ("Skipped %u malformed events in the stream of %s", call->skipped,
               studio_request_get_path (call->request));
}

static void
call_return_error (GTask  *task,
                   GError *error)
{
  StudioClientCall *call = g_task_get_task_data (task);

  studio_client_call_complete (task);
  g_debug ("%s %s failed: %s", studio_request_get_method (call->request),
           studio_request_get_path (call->request), error->message);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
call_arm_timeout (StudioClientCall *call,
                  guint             timeout_ms)
{
  studio_cancellable_restart_timeout (call->io_cancellable, timeout_ms);
}

/* What a failure below HTTP means: the attempt's own time limit cancels it
 * as the user would, and only the cancellable knows which of them it was.
 */
static GError *
call_transport_error (StudioClientCall *call,
                      const GError     *error)
{
  if (studio_api_error_is_cancelled (error) && studio_cancellable_timed_out (call->io_cancellable))
    return studio_api_error_new (STUDIO_API_ERROR_TIMEOUT, NULL);

  return studio_api_error_from_transport (error);
}

/* Called when the user's cancellable fires, possibly before we start. */
static gboolean
call_wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  StudioClientCall *call = g_task_get_task_data (task);

  call->wait_source = 0;
  call_start_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Called when the user's cancellable fires. Work in flight fails with a
 * cancelled error through the attempt's cancellable, which follows this
 * one; a wait before a retry is cut short from an idle, since nothing may
 * be disconnected from inside this handler.
 */
static void
call_cancelled_cb (GCancellable *cancellable,
                   GTask        *task)
{
  StudioClientCall *call = g_task_get_task_data (task);

  if (call->wait_source != 0)
    {
      g_source_remove (call->wait_source);
      call->wait_source = g_idle_add (call_wait_done_cb, task);
    }
}

/* Retries what can succeed a moment later (studio_retry_should_retry()
 * says what), or ends the call with @error.
 */
void
studio_client_call_fail (GTask  *task,
                         GError *error)
{
  StudioClientCall *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay;

  g_clear_object (&call->stream);
  if (call->io_cancellable != NULL)
    studio_cancellable_disarm (call->io_cancellable);

  if (!studio_retry_should_retry (error, cancellable, call->delivered, call->attempt,
                                  call->client->max_retries))
    {
      call_return_error (task, error);
      return;
    }

  delay = studio_retry_delay_ms (call->attempt, studio_api_error_get_retry_after_ms (error));
  call->attempt++;

  g_debug ("Retrying %s in %u ms (attempt %u): %s",
           studio_request_get_path (call->request), delay, call->attempt, error->message);

  /* The task reference is kept by the wait. A cancellation during it cuts
   * it short (call_cancelled_cb) and call_start_attempt then reports it.
   */
  call->wait_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay,
                                          call_wait_done_cb, task, NULL);

  /* Only now, so that a handler may already cancel the wait it announces. */
  studio_client_emit_retrying (call->client, call->request, call->attempt, delay, error);
  g_error_free (error);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void
wrote_headers_cb (SoupMessage      *message,
                  StudioClientCall *call)
{
  /* Connected: from now on only silence counts, not slowness. */
  call_arm_timeout (call, call->client->idle_timeout_ms);
}

static void
wrote_body_data_cb (SoupMessage      *message,
                    guint             chunk_size,
                    StudioClientCall *call)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  /* A large upload going out is not silence either. */
  call_arm_timeout (call, call->client->idle_timeout_ms);
  call->sent += chunk_size;
  studio_request_report_progress (call->request, call->sent,
                                  soup_message_headers_get_content_length (headers));
}

static void
call_return_json (GTask    *task,
                  JsonNode *root,
                  GError   *error)
{
  if (root == NULL)
    {
      studio_client_call_fail (task, error);
      return;
    }

  studio_client_call_complete (task);
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

/* What an attempt whose cancellable fired fails with: a timeout if it was
 * the attempt's own limit, a cancellation if it was the user's.
 */
GError *
studio_client_call_cancelled_error (StudioClientCall *call)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "Operation was cancelled");

  return call_transport_error (call, cancelled);
}

static void
parse_json_thread (GTask        *worker,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GByteArray **body = task_data;
  GError *error = NULL;
  JsonNode *root;

  root = studio_json_parse_server_data ((const char *) (*body)->data, (*body)->len, &error);
  /* At once: the answer may be megabytes of base64 the tree now holds. */
  g_clear_pointer (body, g_byte_array_unref);
  if (root == NULL)
    g_task_return_error (worker, error);
  else
    g_task_return_pointer (worker, root, (GDestroyNotify) json_node_unref);
}

static void
body_holder_free (GByteArray **body)
{
  g_clear_pointer (body, g_byte_array_unref);
  g_free (body);
}

static void
call_json_parsed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  StudioClientCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *root;

  root = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (call->io_cancellable))
    {
      g_clear_pointer (&root, json_node_unref);
      g_clear_error (&error);
      studio_client_call_fail (task, studio_client_call_cancelled_error (call));
      return;
    }

  call_return_json (task, root, error);
}

/* A text, srt or vtt answer: the body as it came, if it is UTF-8. */
static void
call_finish_text (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);

  if (!g_utf8_validate ((const char *) call->body->data, call->body->len, NULL))
    {
      studio_client_call_fail (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED, NULL));
      return;
    }

  g_byte_array_append (call->body, (const guint8 *) "", 1);
  studio_client_call_complete (task);
  g_task_return_pointer (task, g_byte_array_free (g_steal_pointer (&call->body), FALSE), g_free);
  g_object_unref (task);
}

static void
call_finish_json (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *root;

  if (call->body->len > STUDIO_CLIENT_WORKER_PARSE_BYTES)
    {
      g_autoptr(GTask) worker = g_task_new (NULL, NULL, call_json_parsed_cb, task);
      GByteArray **body = g_new0 (GByteArray *, 1);

      *body = g_steal_pointer (&call->body);
      g_task_set_task_data (worker, body, (GDestroyNotify) body_holder_free);
      g_task_run_in_thread (worker, parse_json_thread);
      return;
    }

  /* An empty 200 from a proxy is as malformed as a broken one. */
  root = studio_json_parse_server_data ((const char *) call->body->data, call->body->len, &error);
  call_return_json (task, root, error);
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StudioClientCall *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (bytes == NULL)
    {
      studio_client_call_fail (task, call_transport_error (call, error));
      return;
    }

  call_arm_timeout (call, call->client->idle_timeout_ms);
  data = g_bytes_get_data (bytes, &size);

  if (call->reading_error_body)
    {
      if (size > 0 && call->body->len < MAX_ERROR_BODY)
        {
          g_byte_array_append (call->body, (const guint8 *) data, size);
          studio_client_call_read_next (task);
          return;
        }

      {
        g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&call->body));
        SoupMessage *message = call->message;
        GError *failure;

        failure = studio_api_error_new_for_status (soup_message_get_status (message),
                                                   soup_message_get_reason_phrase (message),
                                                   body,
                                                   soup_message_get_response_headers (message));
        studio_client_call_fail (task, failure);
      }
      return;
    }

  if (call->not_a_stream)
    {
      g_autoptr(JsonNode) root = NULL;
      GError *parse_error = NULL;

      if (size > 0 && call->body->len < MAX_ERROR_BODY)
        {
          g_byte_array_append (call->body, (const guint8 *) data, size);
          studio_client_call_read_next (task);
          return;
        }

      root = studio_json_parse_server_data ((const char *) call->body->data, call->body->len,
                                            &parse_error);
      if (root == NULL)
        studio_client_call_fail (task, parse_error);
      else
        studio_client_call_fail (task,
                                 studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                       _("The server did not stream its answer.")));
      return;
    }

  if (call->kind == STUDIO_CLIENT_CALL_BYTES)
    {
      studio_client_call_read_bytes (task, bytes);
      return;
    }

  if (call->kind != STUDIO_CLIENT_CALL_EVENTS)
    {
      if (size == 0)
        {
          if (call->kind == STUDIO_CLIENT_CALL_TEXT)
            call_finish_text (task);
          else
            call_finish_json (task);
          return;
        }

      if (call->body->len + size > MAX_JSON_BODY)
        {
          studio_client_call_fail (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                               "Response body too large"));
          return;
        }

      g_byte_array_append (call->body, (const guint8 *) data, size);
      studio_client_call_read_next (task);
      return;
    }

  studio_client_call_read_events (task, bytes);
}

/* Reads the next chunk of the answer, on to call_read_cb(). */
void
studio_client_call_read_next (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   call->io_cancellable, call_read_cb, task);
}

static gboolean
call_follow_redirect (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);
  const char *location;
  g_autoptr(GUri) target = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                           "Location");
  if (location == NULL || call->redirects >= MAX_REDIRECTS)
    return FALSE;

  target = g_uri_parse_relative (call->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    return FALSE;

  g_debug ("Following redirect to %s%s", g_uri_get_host (target),
           same_origin (target, call->client->base_uri) ? "" : " without credentials");

  g_clear_pointer (&call->uri, g_uri_unref);
  call->uri = g_steal_pointer (&target);
  call->redirects++;
  g_clear_object (&call->stream);
  call_start_attempt (task);

  return TRUE;
}

static void
call_send_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  StudioClientCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (call->stream == NULL)
    {
      studio_client_call_fail (task, call_transport_error (call, error));
      return;
    }

  call_arm_timeout (call, call->client->idle_timeout_ms);
  studio_client_update_rate_limits (call->client,
                                    soup_message_get_response_headers (call->message));
  status = soup_message_get_status (call->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) && call_follow_redirect (task))
    return;

  call->body = g_byte_array_new ();

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    call->reading_error_body = TRUE;
  else if (call->kind == STUDIO_CLIENT_CALL_EVENTS)
    {
      const char *type =
        soup_message_headers_get_content_type (soup_message_get_response_headers (call->message),
                                               NULL);

      if (type != NULL && g_ascii_strcasecmp (type, "text/event-stream") != 0)
        call->not_a_stream = TRUE;
      else
        call->decoder = studio_sse_decoder_new (0);
    }
  else if (call->kind == STUDIO_CLIENT_CALL_BYTES)
    {
      const char *type =
        soup_message_headers_get_content_type (soup_message_get_response_headers (call->message),
                                               NULL);

      g_free (call->content_type);
      call->content_type = g_strdup (type);
    }

  studio_client_call_read_next (task);
}

static void
call_start_attempt (GTask *task)
{
  StudioClientCall *call = g_task_get_task_data (task);
  StudioClient *self = call->client;
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      call_return_error (task, studio_api_error_new (STUDIO_API_ERROR_CANCELLED, NULL));
      return;
    }

  g_clear_object (&call->message);
  g_clear_object (&call->io_cancellable);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_clear_pointer (&call->decoder, studio_sse_decoder_free);
  /* Until the request is on the wire; then the idle limit takes over. */
  call->io_cancellable = studio_cancellable_new_with_timeout (g_task_get_cancellable (task),
                                                              self->connect_timeout_ms);
  call->reading_error_body = FALSE;
  call->sent = 0;

  call->message = soup_message_new_from_uri (studio_request_get_method (call->request), call->uri);
  soup_message_add_flags (call->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Accept",
                                call->kind == STUDIO_CLIENT_CALL_EVENTS ? "text/event-stream" :
                                call->kind == STUDIO_CLIENT_CALL_TEXT ? "text/plain, */*;q=0.5" :
                                call->kind == STUDIO_CLIENT_CALL_BYTES ? "audio/*, */*;q=0.5"
                                                        : "application/json");

  /* Credentials only ever go to the host of the base URL. */
  if (same_origin (call->uri, self->base_uri))
    {
      if (!studio_str_empty0 (self->api_key))
        {
          g_autofree char *bearer = g_strdup_printf ("Bearer %s", self->api_key);

          soup_message_headers_replace (headers, "Authorization", bearer);
        }
      if (!studio_str_empty0 (self->organization))
        soup_message_headers_replace (headers, "OpenAI-Organization", self->organization);
      if (!studio_str_empty0 (self->project))
        soup_message_headers_replace (headers, "OpenAI-Project", self->project);
    }

  if (!studio_request_apply_body (call->request, call->message, &error))
    {
      call_return_error (task, studio_api_error_new (STUDIO_API_ERROR_BAD_REQUEST, error->message));
      return;
    }

  g_signal_connect (call->message, "wrote-headers", G_CALLBACK (wrote_headers_cb), call);
  g_signal_connect (call->message, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), call);

  soup_session_send_async (self->session, call->message, G_PRIORITY_DEFAULT,
                           call->io_cancellable, call_send_cb, task);
}

void
studio_client_start (StudioClient          *self,
                     StudioRequest         *request,
                     StudioClientCallKind   kind,
                     GTask                 *task)
{
  StudioClientCall *call = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  call->client = g_object_ref (self);
  call->request = studio_request_ref (request);
  call->kind = kind;

  if (self->base_uri == NULL)
    {
      call_return_error (task, studio_api_error_new (STUDIO_API_ERROR_NETWORK,
                                                     _("The base URL is not a valid address.")));
      return;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "http") == 0 &&
      !self->allow_insecure && !studio_uri_is_loopback (self->base_url))
    {
      call_return_error (task, studio_api_error_new (STUDIO_API_ERROR_INSECURE_URL, NULL));
      return;
    }

  url = g_strdup_printf ("%s/%s", self->base_url, studio_request_get_path (request));
  call->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (cancellable != NULL)
    call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (call_cancelled_cb),
                                                task, NULL);

  call_start_attempt (task);
}

GTask *
studio_client_new_task (StudioClient        *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (StudioClientCall, 1), (GDestroyNotify) call_free);
  /* Cancellation is reported in our own error domain, like every failure. */
  g_task_set_check_cancellable (task, FALSE);

  return task;
}

/**
 * studio_client_request_json_async:
 * @self: a client
 * @request: what to send
 * @cancellable: (nullable): a cancellable
 * @callback: called with the parsed JSON response
 * @user_data: data for @callback
 *
 * Sends @request, retrying what may succeed later, and parses the response.
 */
void
studio_client_request_json_async (StudioClient        *self,
                                  StudioRequest       *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = studio_client_new_task (self, cancellable, callback, user_data,
                                 studio_client_request_json_async);
  studio_client_start (self, request, STUDIO_CLIENT_CALL_JSON, task);
}

/**
 * studio_client_request_json_finish:
 *
 * Returns: (transfer full): the response, or %NULL with @error set in the
 *   %STUDIO_API_ERROR domain
 */
JsonNode *
studio_client_request_json_finish (StudioClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_client_request_json_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_client_request_text_async:
 * @self: a client
 * @request: what to send, for an answer that is not JSON (a transcription
 *   in "text", "srt" or "vtt")
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Sends @request like studio_client_request_json_async(), with the same
 * retries, timeouts, redirects and size limit, and an error status read as
 * the JSON error it carries, but takes a successful answer as it is.
 */
void
studio_client_request_text_async (StudioClient        *self,
                                  StudioRequest       *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (request != NULL);

  studio_client_start (self, request, STUDIO_CLIENT_CALL_TEXT,
                       studio_client_new_task (self, cancellable, callback, user_data,
                                               studio_client_request_text_async));
}

/**
 * studio_client_request_text_finish:
 *
 * Returns: (transfer full): the body, valid UTF-8, or %NULL with @error set
 *   in the %STUDIO_API_ERROR domain (%STUDIO_API_ERROR_MALFORMED when the
 *   body is not UTF-8)
 */
char *
studio_client_request_text_finish (StudioClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_client_request_text_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_client_stream_events_async:
 * @self: a client
 * @request: what to send; the server should answer with text/event-stream
 * @event_func: called for every event, each a JSON object, until `[DONE]`
 * @event_data: data for @event_func
 * @event_data_destroy: (nullable): frees @event_data when the call ends
 * @cancellable: (nullable): a cancellable
 * @callback: called once the stream has ended or failed
 * @user_data: data for @callback
 *
 * Streams a response. Retries happen only before the first event reaches
 * @event_func; after that a failure is reported and the events already
 * delivered stand. A stream that ends without `[DONE]` fails with
 * %STUDIO_API_ERROR_INCOMPLETE. Events that are not JSON objects are
 * skipped with a warning.
 */
void
studio_client_stream_events_async (StudioClient          *self,
                                   StudioRequest         *request,
                                   StudioClientEventFunc  event_func,
                                   gpointer               event_data,
                                   GDestroyNotify         event_data_destroy,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  GTask *task;
  StudioClientCall *call;

  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (event_func != NULL);

  task = studio_client_new_task (self, cancellable, callback, user_data,
                                 studio_client_stream_events_async);
  call = g_task_get_task_data (task);
  call->event_func = event_func;
  call->event_data = event_data;
  call->event_data_destroy = event_data_destroy;

  studio_client_start (self, request, STUDIO_CLIENT_CALL_EVENTS, task);
}

gboolean
studio_client_stream_events_finish (StudioClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_client_stream_events_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
