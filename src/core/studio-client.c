/* studio-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "studio-client.h"
#include "studio-sse-decoder.h"
#include "studio-utils.h"

#define READ_CHUNK_SIZE      (64 * 1024)
#define MAX_ERROR_BODY       (1024 * 1024)
#define MAX_JSON_BODY        (512 * 1024 * 1024)
#define MAX_REDIRECTS        5
#define RETRY_BASE_MS        500
#define RETRY_CAP_MS         8000
#define RETRY_AFTER_LIMIT_MS 60000

/* The one HTTP client of the app. It knows the base URL and the credentials,
 * sends each StudioRequest with retries, timeouts and redirect checks, and
 * hands back parsed JSON or decoded stream events.
 */
struct _StudioClient
{
  GObject           parent_instance;

  /* Owned references */
  SoupSession      *session;
  GUri             *base_uri;
  char             *base_url;
  char             *api_key;
  char             *organization;
  char             *project;
  char             *user_agent;

  StudioRateLimits  rate_limits;
  guint             max_retries;
  guint             connect_timeout_ms;
  guint             idle_timeout_ms;
  guint             allow_insecure : 1;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_ALLOW_INSECURE,
  PROP_MAX_RETRIES,
  PROP_RATE_LIMITS,
  N_PROPS
};

enum {
  RETRYING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioClient, studio_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (StudioRateLimits, studio_rate_limits,
                     studio_rate_limits_copy, studio_rate_limits_free)

StudioRateLimits *
studio_rate_limits_copy (const StudioRateLimits *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
studio_rate_limits_free (StudioRateLimits *self)
{
  g_free (self);
}

/**
 * studio_parse_duration_ms:
 * @text: a duration as OpenAI writes it: "1s", "6m0s", "20ms", "1h2m3.5s"
 *
 * Returns: the duration in milliseconds, or -1 if @text is not one
 */
gint64
studio_parse_duration_ms (const char *text)
{
  double total = 0;
  const char *p = text;

  if (studio_str_empty0 (text))
    return -1;

  while (*p)
    {
      char *end = NULL;
      double value = g_ascii_strtod (p, &end);

      /* "inf" and "nan" parse as numbers too. */
      if (end == p || !isfinite (value) || value < 0)
        return -1;
      p = end;

      if (g_str_has_prefix (p, "ms"))
        total += value, p += 2;
      else if (*p == 'h')
        total += value * 3600000, p++;
      else if (*p == 'm')
        total += value * 60000, p++;
      else if (*p == 's')
        total += value * 1000, p++;
      else
        return -1;
    }

  /* Each part is finite, but "1e300h" is not a duration either. */
  return studio_duration_ms_from_double (total);
}

static gint64
header_int (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gint64 number;
  char *end = NULL;

  if (value == NULL)
    return -1;

  number = g_ascii_strtoll (value, &end, 10);
  return end != value ? number : -1;
}

static void
studio_client_update_rate_limits (StudioClient       *self,
                                  SoupMessageHeaders *headers)
{
  StudioRateLimits limits;

  if (soup_message_headers_get_one (headers, "x-ratelimit-limit-requests") == NULL &&
      soup_message_headers_get_one (headers, "x-ratelimit-limit-tokens") == NULL)
    return;

  limits.limit_requests = header_int (headers, "x-ratelimit-limit-requests");
  limits.limit_tokens = header_int (headers, "x-ratelimit-limit-tokens");
  limits.remaining_requests = header_int (headers, "x-ratelimit-remaining-requests");
  limits.remaining_tokens = header_int (headers, "x-ratelimit-remaining-tokens");
  limits.reset_requests_ms =
    studio_parse_duration_ms (soup_message_headers_get_one (headers, "x-ratelimit-reset-requests"));
  limits.reset_tokens_ms =
    studio_parse_duration_ms (soup_message_headers_get_one (headers, "x-ratelimit-reset-tokens"));

  if (memcmp (&limits, &self->rate_limits, sizeof limits) == 0)
    return;

  self->rate_limits = limits;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMITS]);
}

/**
 * studio_client_retry_delay_ms:
 * @attempt: how many retries were made before this one, from 0
 * @retry_after_ms: what the server asked for, or -1
 *
 * A server's Retry-After within a minute is honoured as it is. Otherwise the
 * delay starts at half a second and doubles up to eight, less up to a
 * quarter at random so that many clients do not retry in step.
 */
guint
studio_client_retry_delay_ms (guint  attempt,
                              gint64 retry_after_ms)
{
  double delay;

  if (retry_after_ms >= 0 && retry_after_ms <= RETRY_AFTER_LIMIT_MS)
    return (guint) retry_after_ms;

  delay = MIN (RETRY_BASE_MS * pow (2, MIN (attempt, 16)), RETRY_CAP_MS);
  return (guint) (delay * (1.0 - 0.25 * g_random_double ()));
}

/* One request from start to finish, across retries and redirects. */
typedef enum {
  CALL_JSON,
  CALL_EVENTS,
} CallKind;

typedef struct
{
  StudioClient          *client;
  StudioRequest         *request;
  CallKind               kind;

  GUri                  *uri;
  SoupMessage           *message;
  GInputStream          *stream;
  /* The attempt's own: cancelled with the task's, or when the server has
   * been silent too long.
   */
  GCancellable          *io_cancellable;
  gulong                 cancelled_id;
  guint                  wait_source;
  guint                  attempt;
  guint                  redirects;
  gboolean               reading_error_body;
  goffset                sent;
  GByteArray            *body;

  StudioSseDecoder      *decoder;
  StudioClientEventFunc  event_func;
  gpointer               event_data;
  GDestroyNotify         event_data_destroy;
  gboolean               delivered;
  gboolean               done;
  gboolean               not_a_stream;
  guint                  skipped;
  GError                *stream_error;
} Call;

static void call_start_attempt (GTask *task);
static void call_read_next     (GTask *task);

static void
call_free (Call *call)
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
  g_free (call);
}

/* Every way out of a call comes through here first. */
static void
call_complete (GTask *task)
{
  Call *call = g_task_get_task_data (task);

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
  Call *call = g_task_get_task_data (task);

  call_complete (task);
  g_debug ("%s %s failed: %s", studio_request_get_method (call->request),
           studio_request_get_path (call->request), error->message);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
call_arm_timeout (Call  *call,
                  guint  timeout_ms)
{
  studio_cancellable_restart_timeout (call->io_cancellable, timeout_ms);
}

/* What a failure below HTTP means: the attempt's own time limit cancels it
 * as the user would, and only the cancellable knows which of them it was.
 */
static GError *
call_transport_error (Call         *call,
                      const GError *error)
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
  Call *call = g_task_get_task_data (task);

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
  Call *call = g_task_get_task_data (task);

  if (call->wait_source != 0)
    {
      g_source_remove (call->wait_source);
      call->wait_source = g_idle_add (call_wait_done_cb, task);
    }
}

/* Retries what can succeed a moment later, unless part of the answer has
 * already reached the caller: a half-shown reply must not be sent twice.
 */
static void
call_fail (GTask  *task,
           GError *error)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay;

  g_clear_object (&call->stream);
  if (call->io_cancellable != NULL)
    studio_cancellable_disarm (call->io_cancellable);

  if (g_cancellable_is_cancelled (cancellable) ||
      !studio_api_error_is_retryable (error) ||
      call->delivered ||
      call->attempt >= call->client->max_retries)
    {
      call_return_error (task, error);
      return;
    }

  delay = studio_client_retry_delay_ms (call->attempt, studio_api_error_get_retry_after_ms (error));
  call->attempt++;

  g_debug ("Retrying %s in %u ms (attempt %u): %s",
           studio_request_get_path (call->request), delay, call->attempt, error->message);

  /* The task reference is kept by the wait. A cancellation during it cuts
   * it short (call_cancelled_cb) and call_start_attempt then reports it.
   */
  call->wait_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay,
                                          call_wait_done_cb, task, NULL);

  /* Only now, so that a handler may already cancel the wait it announces. */
  g_signal_emit (call->client, signals[RETRYING], 0, call->request, call->attempt, delay, error);
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
wrote_headers_cb (SoupMessage *message,
                  Call        *call)
{
  /* Connected: from now on only silence counts, not slowness. */
  call_arm_timeout (call, call->client->idle_timeout_ms);
}

static void
wrote_body_data_cb (SoupMessage *message,
                    guint        chunk_size,
                    Call        *call)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  /* A large upload going out is not silence either. */
  call_arm_timeout (call, call->client->idle_timeout_ms);
  call->sent += chunk_size;
  studio_request_report_progress (call->request, call->sent,
                                  soup_message_headers_get_content_length (headers));
}

static void
call_finish_json (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonNode *root;

  /* An empty 200 from a proxy is as malformed as a broken one. */
  root = studio_json_parse_server_data ((const char *) call->body->data, call->body->len, &error);
  if (root == NULL)
    {
      call_fail (task, error);
      return;
    }

  call_complete (task);
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static gboolean
call_event_cb (const char *event,
               const char *data,
               const char *id,
               gpointer    user_data)
{
  Call *call = user_data;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (g_str_equal (data, "[DONE]"))
    {
      call->done = TRUE;
      return FALSE;
    }

  /* An error event is one whatever its data looks like. */
  if (g_strcmp0 (event, "error") != 0)
    {
      root = studio_json_parse_server_data (data, -1, &parse_error);
      if (root == NULL)
        {
          /* One garbled event should not cost the user the whole reply, and
           * a server that sends nothing else should not flood the log:
           * the first is a warning, the count comes at the end.
           */
          if (++call->skipped == 1)
            g_warning ("Skipping a malformed stream event: %s",
                       studio_api_error_get_server_message (parse_error));
          return TRUE;
        }
    }

  object = root ? json_node_get_object (root) : NULL;
  if (object == NULL ||
      (json_object_has_member (object, "error") && !json_object_has_member (object, "choices")))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, strlen (data));

      call->stream_error = studio_api_error_new_for_status (500, NULL, bytes, NULL);
      return FALSE;
    }

  call->delivered = TRUE;
  call->event_func (event, root, call->event_data);

  return TRUE;
}

static void
call_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);

  if (bytes == NULL)
    {
      call_fail (task, call_transport_error (call, error));
      return;
    }

  call_arm_timeout (call, call->client->idle_timeout_ms);
  data = g_bytes_get_data (bytes, &size);

  if (call->reading_error_body)
    {
      if (size > 0 && call->body->len < MAX_ERROR_BODY)
        {
          g_byte_array_append (call->body, (const guint8 *) data, size);
          call_read_next (task);
          return;
        }

      {
        g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&call->body));

        call_fail (task, studio_api_error_new_for_status (soup_message_get_status (call->message),
                                                          soup_message_get_reason_phrase (call->message),
                                                          body,
                                                          soup_message_get_response_headers (call->message)));
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
          call_read_next (task);
          return;
        }

      root = studio_json_parse_server_data ((const char *) call->body->data, call->body->len,
                                            &parse_error);
      if (root == NULL)
        call_fail (task, parse_error);
      else
        call_fail (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                               _("The server did not stream its answer.")));
      return;
    }

  if (call->kind == CALL_JSON)
    {
      if (size == 0)
        {
          call_finish_json (task);
          return;
        }

      if (call->body->len + size > MAX_JSON_BODY)
        {
          call_fail (task, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                 "Response body too large"));
          return;
        }

      g_byte_array_append (call->body, (const guint8 *) data, size);
      call_read_next (task);
      return;
    }

  /* CALL_EVENTS */
  if (size > 0)
    {
      if (!studio_sse_decoder_feed (call->decoder, data, size, call_event_cb, call, &error))
        {
          call_fail (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    studio_sse_decoder_finish (call->decoder, call_event_cb, call, NULL);

  if (call->stream_error != NULL)
    {
      call_fail (task, g_steal_pointer (&call->stream_error));
      return;
    }

  if (call->done)
    {
      call_complete (task);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  /* The body ended, the connection with it, and the server never said the
   * answer was whole: the caller must not take what came for all of it.
   * It is retried only if nothing reached the caller yet.
   */
  if (size == 0)
    {
      call_fail (task, studio_api_error_new (STUDIO_API_ERROR_INCOMPLETE, NULL));
      return;
    }

  call_read_next (task);
}

static void
call_read_next (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (call->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   call->io_cancellable, call_read_cb, task);
}

static gboolean
call_follow_redirect (GTask *task)
{
  Call *call = g_task_get_task_data (task);
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
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);

  if (call->stream == NULL)
    {
      call_fail (task, call_transport_error (call, error));
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
  else if (call->kind == CALL_EVENTS)
    {
      const char *type =
        soup_message_headers_get_content_type (soup_message_get_response_headers (call->message),
                                               NULL);

      if (type != NULL && g_ascii_strcasecmp (type, "text/event-stream") != 0)
        call->not_a_stream = TRUE;
      else
        call->decoder = studio_sse_decoder_new (0);
    }

  call_read_next (task);
}

static void
call_start_attempt (GTask *task)
{
  Call *call = g_task_get_task_data (task);
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
                                call->kind == CALL_EVENTS ? "text/event-stream"
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

static void
studio_client_start (StudioClient          *self,
                     StudioRequest         *request,
                     CallKind               kind,
                     GTask                 *task)
{
  Call *call = g_task_get_task_data (task);
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

static GTask *
studio_client_new_task (StudioClient        *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data,
                        gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_new0 (Call, 1), (GDestroyNotify) call_free);
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
  studio_client_start (self, request, CALL_JSON, task);
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
  Call *call;

  g_return_if_fail (STUDIO_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (event_func != NULL);

  task = studio_client_new_task (self, cancellable, callback, user_data,
                                 studio_client_stream_events_async);
  call = g_task_get_task_data (task);
  call->event_func = event_func;
  call->event_data = event_data;
  call->event_data_destroy = event_data_destroy;

  studio_client_start (self, request, CALL_EVENTS, task);
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

static void
studio_client_finalize (GObject *object)
{
  StudioClient *self = (StudioClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (studio_client_parent_class)->finalize (object);
}

static void
studio_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioClient *self = STUDIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;

    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;

    case PROP_ALLOW_INSECURE:
      g_value_set_boolean (value, self->allow_insecure);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_RATE_LIMITS:
      g_value_set_boxed (value, &self->rate_limits);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioClient *self = STUDIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      studio_client_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_ORGANIZATION:
      studio_client_set_organization (self, g_value_get_string (value));
      break;

    case PROP_PROJECT:
      studio_client_set_project (self, g_value_get_string (value));
      break;

    case PROP_ALLOW_INSECURE:
      studio_client_set_allow_insecure (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_RETRIES:
      studio_client_set_max_retries (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_client_class_init (StudioClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_client_finalize;
  object_class->get_property = studio_client_get_property;
  object_class->set_property = studio_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         STUDIO_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ALLOW_INSECURE] =
    g_param_spec_boolean ("allow-insecure", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 10, 2,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RATE_LIMITS] =
    g_param_spec_boxed ("rate-limits", NULL, NULL,
                        STUDIO_TYPE_RATE_LIMITS,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioClient::retrying:
   * @request: the request to be sent again
   * @attempt: the retry about to be made, from 1
   * @delay_ms: how long the client waits first
   * @error: why the last attempt failed
   *
   * Emitted when the wait before a retry starts, so the UI can say that it
   * waits and for how long. Cancelling the request from a handler ends the
   * wait at once.
   */
  signals[RETRYING] =
    g_signal_new ("retrying",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  STUDIO_TYPE_REQUEST | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);
}

static void
studio_client_init (StudioClient *self)
{
  self->user_agent = g_strdup_printf ("OpenAIStudio/%s (%s)", PACKAGE_VERSION, APP_ID);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", self->user_agent,
                                "timeout", 0,
                                "max-conns-per-host", 8,
                                NULL);
  self->max_retries = 2;
  self->connect_timeout_ms = 15000;
  self->idle_timeout_ms = 300000;
  self->rate_limits = (StudioRateLimits) { -1, -1, -1, -1, -1, -1 };
  studio_client_set_base_url (self, STUDIO_DEFAULT_BASE_URL);
}

StudioClient *
studio_client_new (void)
{
  return g_object_new (STUDIO_TYPE_CLIENT, NULL);
}

const char *
studio_client_get_base_url (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * studio_client_set_base_url:
 * @self: a client
 * @base_url: (nullable): the API root, such as "https://api.openai.com/v1";
 *   %NULL restores that default
 */
void
studio_client_set_base_url (StudioClient *self,
                            const char   *base_url)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (STUDIO_IS_CLIENT (self));

  trimmed = g_strstrip (g_strdup (studio_str_empty0 (base_url)
                                  ? STUDIO_DEFAULT_BASE_URL : base_url));
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  if (!studio_set_str (&self->base_url, trimmed))
    return;

  g_clear_pointer (&self->base_uri, g_uri_unref);
  self->base_uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (self->base_uri != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "http") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "https") != 0)
    g_clear_pointer (&self->base_uri, g_uri_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

/**
 * studio_client_set_api_key:
 * @self: a client
 * @api_key: (nullable): the secret key, kept in memory only
 *
 * The key is deliberately not a property, so it never shows up in a
 * property dump or a debug log.
 */
void
studio_client_set_api_key (StudioClient *self,
                           const char   *api_key)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (self->api_key != NULL)
    explicit_bzero (self->api_key, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  if (!studio_str_empty0 (api_key))
    self->api_key = g_strstrip (g_strdup (api_key));
}

gboolean
studio_client_has_api_key (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), FALSE);

  return !studio_str_empty0 (self->api_key);
}

const char *
studio_client_get_organization (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->organization;
}

void
studio_client_set_organization (StudioClient *self,
                                const char   *organization)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (studio_set_str (&self->organization, studio_str_empty0 (organization) ? NULL : organization))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
}

const char *
studio_client_get_project (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->project;
}

void
studio_client_set_project (StudioClient *self,
                           const char   *project)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (studio_set_str (&self->project, studio_str_empty0 (project) ? NULL : project))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gboolean
studio_client_get_allow_insecure (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), FALSE);

  return self->allow_insecure;
}

/**
 * studio_client_set_allow_insecure:
 * @self: a client
 * @allow_insecure: whether plain HTTP to a host other than this machine is
 *   allowed; the user has to confirm it, since it exposes the key
 */
void
studio_client_set_allow_insecure (StudioClient *self,
                                  gboolean      allow_insecure)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  allow_insecure = !!allow_insecure;
  if (self->allow_insecure == allow_insecure)
    return;

  self->allow_insecure = allow_insecure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_INSECURE]);
}

guint
studio_client_get_max_retries (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), 0);

  return self->max_retries;
}

void
studio_client_set_max_retries (StudioClient *self,
                               guint         max_retries)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (self->max_retries == max_retries)
    return;

  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

/**
 * studio_client_set_timeouts:
 * @self: a client
 * @connect_timeout_ms: how long to wait until the request is on the wire
 * @idle_timeout_ms: how long the server may stay silent, before its answer
 *   or between two chunks of it; a slow but steady stream never times out
 *
 * Zero disables a timeout.
 */
void
studio_client_set_timeouts (StudioClient *self,
                            guint         connect_timeout_ms,
                            guint         idle_timeout_ms)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  self->connect_timeout_ms = connect_timeout_ms;
  self->idle_timeout_ms = idle_timeout_ms;
}

/**
 * studio_client_get_rate_limits:
 *
 * Returns: (transfer none): the rate limits the server last reported
 */
const StudioRateLimits *
studio_client_get_rate_limits (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return &self->rate_limits;
}

const char *
studio_client_get_user_agent (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->user_agent;
}
