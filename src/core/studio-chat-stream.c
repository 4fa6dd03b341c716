/* studio-chat-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-stream"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-stream.h"
#include "studio-json.h"
#include "studio-utils.h"

/* Streams one chat completion into a reply message. Each chunk's delta is
 * applied as it comes: content and refusal text are appended, tool-call
 * fragments are merged by index, and the finish reason, model and usage
 * (which arrives in a last chunk with no choices) go to the message's extra
 * data. When the stream ends the message's state says how: complete,
 * stopped by the user (the text so far is kept), interrupted (the
 * connection closed before the server said it was done: the text so far is
 * kept, with the error) or failed (the same, for any other error).
 */
struct _StudioChatStream
{
  GObject        parent_instance;

  /* Owned references */
  StudioClient  *client;
  StudioMessage *reply;
  StudioRequest *request;  /* while it runs */

  /* What this run has seen so far. */
  gulong         retrying_id;
  guint          received : 1;
  guint          finished : 1;
};

G_DEFINE_FINAL_TYPE (StudioChatStream, studio_chat_stream, G_TYPE_OBJECT)

static void
studio_chat_stream_dispose (GObject *object)
{
  StudioChatStream *self = (StudioChatStream *) object;

  g_clear_signal_handler (&self->retrying_id, self->client);
  g_clear_pointer (&self->request, studio_request_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->reply);

  G_OBJECT_CLASS (studio_chat_stream_parent_class)->dispose (object);
}

static void
studio_chat_stream_class_init (StudioChatStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_chat_stream_dispose;
}

static void
studio_chat_stream_init (StudioChatStream *self)
{
}

/**
 * studio_chat_stream_new:
 * @client: the client to send with
 * @reply: the assistant message to fill
 *
 * Returns: (transfer full): a new stream
 */
StudioChatStream *
studio_chat_stream_new (StudioClient  *client,
                        StudioMessage *reply)
{
  StudioChatStream *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (STUDIO_IS_MESSAGE (reply), NULL);

  self = g_object_new (STUDIO_TYPE_CHAT_STREAM, NULL);
  self->client = g_object_ref (client);
  self->reply = g_object_ref (reply);

  return self;
}

/**
 * studio_chat_stream_get_reply:
 *
 * Returns: (transfer none): the message being filled
 */
StudioMessage *
studio_chat_stream_get_reply (StudioChatStream *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_STREAM (self), NULL);

  return self->reply;
}

static void
append_string_member (JsonObject *object,
                      const char *member,
                      const char *text)
{
  g_autofree char *joined = NULL;

  if (text == NULL || *text == '\0')
    return;

  joined = g_strconcat (studio_json_get_string (object, member) ?: "", text, NULL);
  json_object_set_string_member (object, member, joined);
}

/* Tool calls arrive in pieces: the first fragment of each index carries its
 * id, type and function name, later ones more of the arguments.
 */
static void
merge_tool_calls (JsonObject *extra,
                  JsonArray  *deltas)
{
  JsonArray *calls = studio_json_get_array (extra, "tool_calls");

  if (calls == NULL)
    {
      calls = json_array_new ();
      json_object_set_array_member (extra, "tool_calls", calls);
    }

  for (guint i = 0; i < json_array_get_length (deltas); i++)
    {
      JsonNode *node = json_array_get_element (deltas, i);
      JsonObject *delta_function;
      JsonObject *delta;
      JsonObject *call;
      JsonObject *function;
      gint64 index;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      delta = json_node_get_object (node);
      index = studio_json_get_int (delta, "index", i);
      if (index < 0 || index > 128)
        continue;

      while (json_array_get_length (calls) <= (guint) index)
        {
          JsonObject *empty = json_object_new ();

          json_object_set_object_member (empty, "function", json_object_new ());
          json_array_add_object_element (calls, empty);
        }

      call = json_array_get_object_element (calls, index);
      function = studio_json_get_object (call, "function");

      if (studio_json_get_string (delta, "id"))
        json_object_set_string_member (call, "id", studio_json_get_string (delta, "id"));
      if (studio_json_get_string (delta, "type"))
        json_object_set_string_member (call, "type", studio_json_get_string (delta, "type"));

      if ((delta_function = studio_json_get_object (delta, "function")))
        {
          append_string_member (function, "name", studio_json_get_string (delta_function, "name"));
          append_string_member (function, "arguments",
                                studio_json_get_string (delta_function, "arguments"));
        }
    }
}

/**
 * studio_chat_stream_apply_chunk:
 * @self: a stream
 * @chunk: one `chat.completion.chunk` object
 *
 * Applies one chunk to the reply. Chunks with no choices, unknown fields or
 * members of unexpected types are taken as far as they make sense.
 */
void
studio_chat_stream_apply_chunk (StudioChatStream *self,
                                JsonObject       *chunk)
{
  JsonObject *extra;
  JsonObject *usage;
  JsonArray *choices;

  g_return_if_fail (STUDIO_IS_CHAT_STREAM (self));
  g_return_if_fail (chunk != NULL);

  extra = studio_message_get_extra (self->reply);

  if (studio_json_get_string (chunk, "model"))
    json_object_set_string_member (extra, "model", studio_json_get_string (chunk, "model"));

  if ((usage = studio_json_get_object (chunk, "usage")))
    json_object_set_object_member (extra, "usage", json_object_ref (usage));

  choices = studio_json_get_array (chunk, "choices");
  for (guint i = 0; choices && i < json_array_get_length (choices); i++)
    {
      JsonNode *node = json_array_get_element (choices, i);
      JsonObject *choice;
      JsonObject *delta;
      JsonArray *tool_calls;
      const char *finish_reason;

      /* Only the first choice is shown; we never ask for more (n = 1). */
      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          studio_json_get_int (json_node_get_object (node), "index", 0) != 0)
        continue;

      choice = json_node_get_object (node);

      if ((delta = studio_json_get_object (choice, "delta")))
        {
          studio_message_append_content (self->reply,
                                         studio_json_get_string (delta, "content"), -1);
          append_string_member (extra, "refusal", studio_json_get_string (delta, "refusal"));

          if ((tool_calls = studio_json_get_array (delta, "tool_calls")))
            merge_tool_calls (extra, tool_calls);
        }

      if ((finish_reason = studio_json_get_string (choice, "finish_reason")))
        {
          json_object_set_string_member (extra, "finish_reason", finish_reason);
          self->finished = TRUE;
        }
    }
}

static void
studio_chat_stream_event_cb (const char *event,
                             JsonNode   *data,
                             gpointer    user_data)
{
  StudioChatStream *self = user_data;

  if (JSON_NODE_HOLDS_OBJECT (data))
    {
      self->received = TRUE;
      studio_message_set_notice (self->reply, NULL);
      studio_chat_stream_apply_chunk (self, json_node_get_object (data));
    }
}

/* The client waits before it asks again: say why, and for how long. */
static void
studio_chat_stream_retrying_cb (StudioClient     *client,
                                StudioRequest    *request,
                                guint             attempt,
                                guint             delay_ms,
                                const GError     *error,
                                StudioChatStream *self)
{
  g_autofree char *notice = NULL;
  guint seconds = (delay_ms + 999) / 1000;

  if (request != self->request)
    return;

  notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s Trying again in %u second…",
                                         "%s Trying again in %u seconds…", seconds),
                            error->message, seconds);
  studio_message_set_notice (self->reply, notice);
}

static void
store_error (StudioMessage *reply,
             const GError  *error)
{
  JsonObject *object = json_object_new ();
  g_autofree char *details = studio_api_error_dup_details (error);

  json_object_set_string_member (object, "message", error->message);
  if (details != NULL)
    json_object_set_string_member (object, "details", details);
  if (error->domain == STUDIO_API_ERROR)
    {
      json_object_set_int_member (object, "code", error->code);
      if (studio_api_error_get_param (error))
        json_object_set_string_member (object, "param", studio_api_error_get_param (error));
    }

  json_object_set_object_member (studio_message_get_extra (reply), "error", object);
}

static void
studio_chat_stream_run_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioChatStream *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_clear_signal_handler (&self->retrying_id, self->client);
  g_clear_pointer (&self->request, studio_request_unref);
  studio_message_set_notice (self->reply, NULL);

  if (!studio_client_stream_events_finish (STUDIO_CLIENT (object), result, &error) &&
      g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE) && self->finished)
    {
      /* Some servers close the stream after the finish reason without
       * [DONE]: the model said it was done, so the reply is whole.
       */
      g_debug ("The stream ended without [DONE] after its finish reason");
      g_clear_error (&error);
    }

  if (error != NULL && !self->received &&
      g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE))
    {
      /* "The text that arrived was kept" would be untrue: none did. */
      g_clear_error (&error);
      error = studio_api_error_new (STUDIO_API_ERROR_SERVER,
                                    _("The server closed the connection without sending a reply."));
    }

  if (error != NULL)
    {
      if (studio_api_error_is_cancelled (error))
        studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_STOPPED);
      else
        {
          store_error (self->reply, error);
          /* Cut off part way: what came is kept, marked, and can be tried
           * again. With nothing at all there is no reply to speak of.
           */
          if (g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE) &&
              self->received)
            studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_INTERRUPTED);
          else
            studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_FAILED);
        }
      g_task_return_error (task, error);
      return;
    }

  studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_COMPLETE);
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_chat_stream_run_async:
 * @self: a stream
 * @request: a chat completion request with `stream: true`
 * @cancellable: (nullable): cancel to stop the reply; its text is kept
 * @callback: called when the reply has ended
 * @user_data: data for @callback
 */
void
studio_chat_stream_run_async (StudioChatStream    *self,
                              StudioRequest       *request,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_CHAT_STREAM (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_chat_stream_run_async);
  g_task_set_check_cancellable (task, FALSE);

  json_object_remove_member (studio_message_get_extra (self->reply), "error");
  self->received = FALSE;
  self->finished = FALSE;
  studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_STREAMING);

  g_clear_pointer (&self->request, studio_request_unref);
  self->request = studio_request_ref (request);
  if (self->retrying_id == 0)
    self->retrying_id = g_signal_connect (self->client, "retrying",
                                          G_CALLBACK (studio_chat_stream_retrying_cb), self);
  studio_client_stream_events_async (self->client, request,
                                     studio_chat_stream_event_cb,
                                     g_object_ref (self), g_object_unref,
                                     cancellable, studio_chat_stream_run_cb, task);
}

gboolean
studio_chat_stream_run_finish (StudioChatStream  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
