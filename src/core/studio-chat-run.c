/* studio-chat-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-run"

#include "config.h"

#include "studio-chat-request.h"
#include "studio-chat-run.h"
#include "studio-chat-stream.h"

#define SAVE_INTERVAL_MS 1000

/* One reply being streamed into a conversation, independent of any page:
 * it appends an assistant message to the conversation's messages, streams
 * into it, and saves it at least every second while it grows, so a crash
 * loses at most the last second. When the stream ends (done, stopped,
 * failed, cut short) the final state is saved and ::finished is emitted.
 * A run holds a reference on itself until then, so it outlives the page
 * that started it.
 */
struct _StudioChatRun
{
  GObject             parent_instance;

  /* Owned references */
  StudioClient       *client;
  StudioHistory      *history;
  StudioConversation *conversation;
  GListStore         *messages;
  StudioMessage      *reply;
  StudioChatStream   *stream;
  GCancellable       *cancellable;
  GError             *error;

  guint               save_source;
  guint               finished : 1;
};

G_DEFINE_FINAL_TYPE (StudioChatRun, studio_chat_run, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
studio_chat_run_save (StudioChatRun *self)
{
  g_autoptr(GError) error = NULL;

  if (!studio_history_save_message (self->history, studio_chat_run_get_conversation_id (self),
                                    self->reply, &error))
    g_warning ("Could not save the reply: %s", error->message);
}

static gboolean
studio_chat_run_save_cb (gpointer user_data)
{
  StudioChatRun *self = user_data;

  self->save_source = 0;
  studio_chat_run_save (self);

  return G_SOURCE_REMOVE;
}

static void
studio_chat_run_content_cb (StudioChatRun *self)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_INTERVAL_MS, studio_chat_run_save_cb, self);
}

static void
studio_chat_run_finished_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(StudioChatRun) self = user_data;

  studio_chat_stream_run_finish (STUDIO_CHAT_STREAM (object), result, &self->error);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->reply, self);
  studio_chat_run_save (self);

  if (self->error != NULL && !studio_api_error_is_cancelled (self->error))
    g_debug ("Reply failed: %s", self->error->message);

  self->finished = TRUE;
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
studio_chat_run_dispose (GObject *object)
{
  StudioChatRun *self = (StudioChatRun *) object;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->stream);
  g_clear_object (&self->reply);
  g_clear_object (&self->messages);
  g_clear_object (&self->conversation);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_chat_run_parent_class)->dispose (object);
}

static void
studio_chat_run_finalize (GObject *object)
{
  StudioChatRun *self = (StudioChatRun *) object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (studio_chat_run_parent_class)->finalize (object);
}

static void
studio_chat_run_class_init (StudioChatRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_chat_run_dispose;
  object_class->finalize = studio_chat_run_finalize;

  /**
   * StudioChatRun::finished:
   *
   * The reply has ended and its final state is saved.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
studio_chat_run_init (StudioChatRun *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * studio_chat_run_new:
 * @client: the client to send with
 * @history: where the reply is saved
 * @conversation: a saved conversation (it has an id)
 * @messages: the conversation's messages (StudioMessage), all of them: they
 *   are sent, and the reply is appended
 *
 * Returns: (transfer full): a run, not started
 */
StudioChatRun *
studio_chat_run_new (StudioClient       *client,
                     StudioHistory      *history,
                     StudioConversation *conversation,
                     GListStore         *messages)
{
  StudioChatRun *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (STUDIO_IS_HISTORY (history), NULL);
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (messages), NULL);

  self = g_object_new (STUDIO_TYPE_CHAT_RUN, NULL);
  self->client = g_object_ref (client);
  self->history = g_object_ref (history);
  self->conversation = g_object_ref (conversation);
  self->messages = g_object_ref (messages);

  return self;
}

/**
 * studio_chat_run_start:
 * @self: a run
 * @model: the model to ask
 * @error: the place for an error
 *
 * Sends the conversation and starts streaming the reply into a new
 * assistant message, saved at once and appended to the messages.
 *
 * Returns: %FALSE, with @error set, if the request could not be made or
 *   the reply not saved; nothing was sent or appended then
 */
gboolean
studio_chat_run_start (StudioChatRun  *self,
                       StudioModel    *model,
                       GError        **error)
{
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StudioRequest) request = NULL;
  guint n_items;

  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (self->reply == NULL, FALSE);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (sent, g_list_model_get_item (G_LIST_MODEL (self->messages), i));

  if (!(request = studio_chat_request_new (model, self->conversation, sent, error)))
    return FALSE;

  self->reply = studio_message_new ("assistant", "");
  studio_message_set_model (self->reply, studio_model_get_id (model));
  studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_STREAMING);

  if (!studio_history_save_message (self->history, studio_chat_run_get_conversation_id (self),
                                    self->reply, error))
    {
      g_clear_object (&self->reply);
      return FALSE;
    }

  g_list_store_append (self->messages, self->reply);
  g_signal_connect_swapped (self->reply, "notify::content",
                            G_CALLBACK (studio_chat_run_content_cb), self);

  self->stream = studio_chat_stream_new (self->client, self->reply);
  studio_chat_stream_run_async (self->stream, request, self->cancellable,
                                studio_chat_run_finished_cb, g_object_ref (self));

  return TRUE;
}

/**
 * studio_chat_run_stop:
 * @self: a run
 *
 * Stops the reply; what arrived is kept and saved as stopped at once, so
 * that it is saved even when the app quits before the request has ended.
 */
void
studio_chat_run_stop (StudioChatRun *self)
{
  g_return_if_fail (STUDIO_IS_CHAT_RUN (self));

  if (self->finished || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_cancellable_cancel (self->cancellable);
  if (self->reply != NULL)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      studio_message_set_state (self->reply, STUDIO_MESSAGE_STATE_STOPPED);
      studio_chat_run_save (self);
    }
}

gint64
studio_chat_run_get_conversation_id (StudioChatRun *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), 0);

  return studio_conversation_get_id (self->conversation);
}

/**
 * studio_chat_run_get_messages:
 *
 * Returns: (transfer none): the conversation's messages, the reply last
 */
GListStore *
studio_chat_run_get_messages (StudioChatRun *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), NULL);

  return self->messages;
}

/**
 * studio_chat_run_get_reply:
 *
 * Returns: (transfer none) (nullable): the reply, once started
 */
StudioMessage *
studio_chat_run_get_reply (StudioChatRun *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), NULL);

  return self->reply;
}

gboolean
studio_chat_run_get_finished (StudioChatRun *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), FALSE);

  return self->finished;
}

/**
 * studio_chat_run_get_error:
 *
 * Returns: (transfer none) (nullable): why the reply ended early, once
 *   finished; cancelled when it was stopped
 */
const GError *
studio_chat_run_get_error (StudioChatRun *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_RUN (self), NULL);

  return self->error;
}
