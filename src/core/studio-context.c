/* studio-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-context"

#include "config.h"

#include "studio-context.h"
#include "studio-paths.h"
#include "studio-utils.h"

/* The app's services, made once and handed to every window and page: the
 * settings, the connection with its HTTP client, the model list, the
 * history with the image and transcript stores, the prices (watched for
 * the user's edits), and the chat replies being streamed, keyed by
 * conversation. Nothing here links GTK, so tests build a context of their
 * own against a fake server.
 */
struct _StudioContext
{
  GObject                parent_instance;

  /* Owned references */
  GSettings             *settings;
  StudioConnection      *connection;
  StudioModelCatalog    *catalog;
  StudioHistory         *history;
  GError                *history_error;
  StudioImageStore      *image_store;
  StudioTranscriptStore *transcript_store;
  StudioSpeechStore     *speech_store;
  GFileMonitor          *prices_monitor;
  GCancellable          *cancellable;
  GHashTable            *chat_runs;      /* conversation id → StudioChatRun */

  guint                  refresh_source;
};

G_DEFINE_FINAL_TYPE (StudioContext, studio_context, G_TYPE_OBJECT)

enum {
  PRICES_CHANGED,
  PRICES_REJECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
studio_context_refresh_models_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_model_catalog_refresh_finish (STUDIO_MODEL_CATALOG (object), result, &error) &&
      !studio_api_error_is_cancelled (error))
    g_message ("Could not load the model list: %s", error->message);
}

static gboolean
studio_context_refresh_models (gpointer user_data)
{
  StudioContext *self = user_data;
  StudioClient *client = studio_connection_get_client (self->connection);

  self->refresh_source = 0;

  if (studio_connection_get_key_source (self->connection) == STUDIO_KEY_SOURCE_NONE &&
      !studio_uri_is_loopback (studio_client_get_base_url (client)))
    return G_SOURCE_REMOVE;

  studio_model_catalog_refresh_async (self->catalog, TRUE, self->cancellable,
                                      studio_context_refresh_models_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* The key, or whether it is known yet, changed: the model list may have
 * too. Several changes at once make one request.
 */
static void
studio_context_key_changed_cb (StudioContext *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (studio_context_refresh_models, self);
}

/* A file being written says so as it goes; only its end counts. */
static void
studio_context_prices_file_cb (StudioContext     *self,
                               GFile             *file,
                               GFile             *other_file,
                               GFileMonitorEvent  event)
{
  g_autoptr(GError) error = NULL;

  if (event == G_FILE_MONITOR_EVENT_CHANGED || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  if (!studio_context_reload_prices (self, &error))
    g_signal_emit (self, signals[PRICES_REJECTED], 0, error);
}

static void
studio_context_chat_run_finished_cb (StudioContext *self,
                                     StudioChatRun *run)
{
  gint64 id = studio_chat_run_get_conversation_id (run);

  if (g_hash_table_lookup (self->chat_runs, &id) == run)
    g_hash_table_remove (self->chat_runs, &id);
}

static void
studio_context_dispose (GObject *object)
{
  StudioContext *self = (StudioContext *) object;

  studio_context_shutdown (self);
  g_clear_pointer (&self->chat_runs, g_hash_table_unref);
  g_clear_object (&self->prices_monitor);
  g_clear_object (&self->catalog);
  g_clear_object (&self->connection);
  g_clear_object (&self->image_store);
  g_clear_object (&self->transcript_store);
  g_clear_object (&self->speech_store);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_context_parent_class)->dispose (object);
}

static void
studio_context_finalize (GObject *object)
{
  StudioContext *self = (StudioContext *) object;

  g_clear_error (&self->history_error);

  G_OBJECT_CLASS (studio_context_parent_class)->finalize (object);
}

static void
studio_context_class_init (StudioContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_context_dispose;
  object_class->finalize = studio_context_finalize;

  /**
   * StudioContext::prices-changed:
   *
   * The user's prices were edited and are in use.
   */
  signals[PRICES_CHANGED] =
    g_signal_new ("prices-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StudioContext::prices-rejected:
   * @error: why the user's file could not be used
   *
   * The user's prices were edited but cannot be read; the earlier ones
   * stay in use.
   */
  signals[PRICES_REJECTED] =
    g_signal_new ("prices-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
studio_context_init (StudioContext *self)
{
  self->cancellable = g_cancellable_new ();
  self->chat_runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * studio_context_new:
 * @settings: the app's settings
 * @history_path: (nullable): the history database, or %NULL for one kept
 *   in memory
 *
 * A history file that cannot be used is never replaced: the context keeps
 * one in memory instead, and studio_context_take_history_error() says why.
 *
 * Returns: (transfer full): a new context
 */
StudioContext *
studio_context_new (GSettings  *settings,
                    const char *history_path)
{
  g_autofree char *images_folder = NULL;
  g_autofree char *transcripts_folder = NULL;
  g_autofree char *speech_folder = NULL;
  StudioContext *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STUDIO_TYPE_CONTEXT, NULL);
  self->settings = g_object_ref (settings);
  self->connection = studio_connection_new (settings);
  self->catalog = studio_model_catalog_new (studio_connection_get_client (self->connection));

  if (history_path != NULL)
    self->history = studio_history_new (history_path, &self->history_error);
  if (self->history == NULL)
    {
      if (self->history_error != NULL)
        g_message ("Could not open %s: %s", history_path, self->history_error->message);
      self->history = studio_history_new_in_memory ();
    }
  images_folder = studio_paths_dup_images_folder ();
  self->image_store = studio_image_store_new (self->history, images_folder);
  transcripts_folder = studio_paths_dup_transcripts_folder ();
  self->transcript_store = studio_transcript_store_new (self->history, transcripts_folder);
  speech_folder = studio_paths_dup_speech_folder ();
  self->speech_store = studio_speech_store_new (self->history, speech_folder);

  return self;
}

/**
 * studio_context_start:
 * @self: a context
 *
 * Looks up the key, loads the model list once it is known (and again when
 * the key changes), and watches the user's prices.
 */
void
studio_context_start (StudioContext *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (STUDIO_IS_CONTEXT (self));

  g_signal_connect_object (self->connection, "notify::key-source",
                           G_CALLBACK (studio_context_key_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::ready",
                           G_CALLBACK (studio_context_key_changed_cb), self, G_CONNECT_SWAPPED);
  studio_connection_load_key_async (self->connection, self->cancellable, NULL, NULL);

  /* Images deleted last time whose Undo was never taken. */
  studio_image_store_purge_async (self->image_store, 0, self->cancellable, NULL, NULL);
  /* Transcripts deleted over a day ago; their audio is the user's, so
   * a recent Undo is not taken away by a restart.
   */
  studio_transcript_store_purge_async (self->transcript_store, 0, self->cancellable, NULL, NULL);
  studio_speech_store_purge_async (self->speech_store, 0, self->cancellable, NULL, NULL);

  path = studio_prices_dup_user_path ();
  file = g_file_new_for_path (path);
  self->prices_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->prices_monitor != NULL)
    g_signal_connect_object (self->prices_monitor, "changed",
                             G_CALLBACK (studio_context_prices_file_cb), self, G_CONNECT_SWAPPED);
}

/**
 * studio_context_shutdown:
 * @self: a context
 *
 * Stops what is running: replies are saved as stopped, and nothing more
 * is started on its own.
 */
void
studio_context_shutdown (StudioContext *self)
{
  g_return_if_fail (STUDIO_IS_CONTEXT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->chat_runs != NULL)
    studio_context_stop_chat_runs (self);
}

/**
 * studio_context_get_settings:
 *
 * Returns: (transfer none): the app's settings
 */
GSettings *
studio_context_get_settings (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * studio_context_get_connection:
 *
 * Returns: (transfer none): where the key, base URL and headers come from
 */
StudioConnection *
studio_context_get_connection (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->connection;
}

/**
 * studio_context_get_client:
 *
 * Returns: (transfer none): the app's one HTTP client
 */
StudioClient *
studio_context_get_client (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return studio_connection_get_client (self->connection);
}

/**
 * studio_context_get_catalog:
 *
 * Returns: (transfer none): the server's models
 */
StudioModelCatalog *
studio_context_get_catalog (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->catalog;
}

/**
 * studio_context_get_history:
 *
 * Returns: (transfer none): the conversation history
 */
StudioHistory *
studio_context_get_history (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->history;
}

/**
 * studio_context_get_image_store:
 *
 * Returns: (transfer none): the gallery's images, kept in the history's
 *   database and the images folder
 */
StudioImageStore *
studio_context_get_image_store (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->image_store;
}

/**
 * studio_context_get_transcript_store:
 *
 * Returns: (transfer none): the Transcribe workspace's transcripts and
 *   speakers, kept in the history's database and the transcripts folder
 */
StudioTranscriptStore *
studio_context_get_transcript_store (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->transcript_store;
}

/**
 * studio_context_take_history_error:
 *
 * Returns: (transfer full) (nullable): why the history file could not be
 *   used, once; %NULL when it was, or was said already
 */
GError *
studio_context_take_history_error (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return g_steal_pointer (&self->history_error);
}

/**
 * studio_context_get_prices:
 *
 * Returns: (transfer none): the prices in use: the user's, then the
 *   built-in ones
 */
StudioPrices *
studio_context_get_prices (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return studio_prices_get_default ();
}

/**
 * studio_context_reload_prices:
 * @self: a context
 * @error: the place for an error
 *
 * Reads the user's prices again; ::prices-changed follows when they are
 * in use. If they cannot be read the earlier ones stay.
 *
 * Returns: whether the new prices are in use
 */
gboolean
studio_context_reload_prices (StudioContext  *self,
                              GError        **error)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), FALSE);

  if (!studio_prices_reload_default (error))
    return FALSE;

  g_signal_emit (self, signals[PRICES_CHANGED], 0);
  return TRUE;
}

/**
 * studio_context_lookup_chat_run:
 * @self: a context
 * @conversation_id: a conversation
 *
 * Returns: (transfer none) (nullable): the reply streaming in that
 *   conversation
 */
StudioChatRun *
studio_context_lookup_chat_run (StudioContext *self,
                                gint64         conversation_id)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return g_hash_table_lookup (self->chat_runs, &conversation_id);
}

/**
 * studio_context_start_chat_run:
 * @self: a context
 * @conversation: a saved conversation
 * @messages: all its messages; the reply is appended
 * @model: the model to ask
 * @error: the place for an error
 *
 * Starts streaming a reply, one at a time per conversation. The run is
 * kept until it has finished.
 *
 * Returns: (transfer none) (nullable): the run, or %NULL with @error set
 */
StudioChatRun *
studio_context_start_chat_run (StudioContext       *self,
                               StudioConversation  *conversation,
                               GListStore          *messages,
                               StudioModel         *model,
                               GError             **error)
{
  g_autoptr(StudioChatRun) run = NULL;
  gint64 id;

  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);

  id = studio_conversation_get_id (conversation);
  if (studio_context_lookup_chat_run (self, id) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           "A reply is already streaming in this conversation");
      return NULL;
    }

  run = studio_chat_run_new (studio_context_get_client (self), self->history, conversation,
                             messages);
  if (!studio_chat_run_start (run, model, error))
    return NULL;

  g_signal_connect_object (run, "finished", G_CALLBACK (studio_context_chat_run_finished_cb),
                           self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->chat_runs, g_memdup2 (&id, sizeof id), g_object_ref (run));

  return run;
}

/**
 * studio_context_stop_chat_runs:
 * @self: a context
 *
 * Stops every reply; each is saved as stopped at once.
 */
void
studio_context_stop_chat_runs (StudioContext *self)
{
  GHashTableIter iter;
  StudioChatRun *run;

  g_return_if_fail (STUDIO_IS_CONTEXT (self));

  g_hash_table_iter_init (&iter, self->chat_runs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &run))
    studio_chat_run_stop (run);
}

/**
 * studio_context_get_speech_store:
 * @self: a context
 *
 * Returns: (transfer none): the Speech workspace's clips (and Read
 *   Aloud's), kept in the history's database and the speech folder
 */
StudioSpeechStore *
studio_context_get_speech_store (StudioContext *self)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (self), NULL);

  return self->speech_store;
}
