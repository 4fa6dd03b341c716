/* studio-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-history"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "studio-history-private.h"
#include "studio-json.h"

/* The history's object and its records: conversations, messages and
 * attachments, saved on the caller's thread and loaded in a worker. Opening
 * the file and its schema are in studio-history-db.c, search in
 * studio-history-search.c.
 */

G_DEFINE_FINAL_TYPE (StudioHistory, studio_history, G_TYPE_OBJECT)

G_DEFINE_QUARK (studio-history-error-quark, studio_history_error)

static void
studio_history_finalize (GObject *object)
{
  StudioHistory *self = (StudioHistory *) object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (studio_history_parent_class)->finalize (object);
}

static void
studio_history_class_init (StudioHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_history_finalize;
}

static void
studio_history_init (StudioHistory *self)
{
}

/**
 * studio_history_new:
 * @path: the database file; its folder is created if needed
 * @error: the place for a %STUDIO_HISTORY_ERROR
 *
 * Opens the history, creating or migrating it. A damaged, read-only or
 * newer file is reported and left exactly as it is.
 *
 * Returns: (transfer full) (nullable): the history
 */
StudioHistory *
studio_history_new (const char  *path,
                    GError     **error)
{
  g_autoptr(StudioHistory) self = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STUDIO_HISTORY_ERROR, STUDIO_HISTORY_ERROR_READ_ONLY,
                   _("Could not create the folder %s: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (STUDIO_TYPE_HISTORY, NULL);
  self->path = g_strdup (path);

  if (!studio_history_open (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * studio_history_new_in_memory:
 *
 * A history that lasts as long as the app runs, for when the file cannot be
 * used.
 *
 * Returns: (transfer full): the history
 */
StudioHistory *
studio_history_new_in_memory (void)
{
  StudioHistory *self = g_object_new (STUDIO_TYPE_HISTORY, NULL);
  g_autoptr(GError) error = NULL;

  if (!studio_history_open (self, NULL, &error))
    g_error ("Cannot create an in-memory history: %s", error->message);

  return self;
}

/**
 * studio_history_get_path:
 *
 * Returns: (nullable): the file, or %NULL for an in-memory history
 */
const char *
studio_history_get_path (StudioHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_HISTORY (self), NULL);

  return self->path;
}

int
studio_history_get_schema_version (StudioHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_HISTORY (self), -1);

  return studio_history_query_int (self, "PRAGMA user_version", NULL);
}

static char *
json_object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return studio_json_to_string (node, FALSE);
}

/* Most stored objects are empty (a user message has no usage), and making
 * a parser per row costs more than reading the row, so callers that read
 * many rows pass one parser for all of them.
 */
static JsonObject *
json_object_from_text (JsonParser *parser,
                       const char *text)
{
  JsonNode *root;

  if (text == NULL || g_str_equal (text, "{}") ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();

  return json_object_ref (json_node_get_object (root));
}

/**
 * studio_history_save_conversation:
 * @self: a history
 * @conversation: a conversation; one without an id is inserted and gets one
 * @error: the place for an error
 */
gboolean
studio_history_save_conversation (StudioHistory       *self,
                                  StudioConversation  *conversation,
                                  GError             **error)
{
  g_autoptr(sqlite3_mutex) lock = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *settings = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), FALSE);

  /* The id read back must be this insert's, not a worker's. */
  lock = studio_history_lock (self);
  id = studio_conversation_get_id (conversation);
  stmt = studio_history_prepare (self,
                                 id == 0
                                 ? "INSERT INTO conversations (title, model, system_prompt,"
                                   " settings, created, updated)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
                                 : "UPDATE conversations SET title = ?1, model = ?2,"
                                   " system_prompt = ?3, settings = ?4, updated = ?5 WHERE id = ?6",
                                 error);
  if (stmt == NULL)
    return FALSE;

  settings = json_object_to_text (studio_conversation_get_settings (conversation));
  studio_history_bind_text (stmt, 1, studio_conversation_get_title (conversation));
  studio_history_bind_text (stmt, 2, studio_conversation_get_model (conversation));
  studio_history_bind_text (stmt, 3, studio_conversation_get_system_prompt (conversation));
  studio_history_bind_text (stmt, 4, settings);
  sqlite3_bind_int64 (stmt, 5, now);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);

  if (!studio_history_step_done (self, stmt, error))
    return FALSE;

  if (id == 0)
    studio_conversation_set_id (conversation, sqlite3_last_insert_rowid (self->db));
  studio_conversation_set_updated (conversation, now);

  return TRUE;
}

gboolean
studio_history_delete_conversation (StudioHistory  *self,
                                    gint64          conversation_id,
                                    GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), FALSE);

  if (!(stmt = studio_history_prepare (self, "DELETE FROM conversations WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  return studio_history_step_done (self, stmt, error);
}

/**
 * studio_history_list_conversations:
 *
 * Returns: (transfer full) (element-type StudioConversation): all
 *   conversations, the most recently changed first
 */
GPtrArray *
studio_history_list_conversations (StudioHistory  *self,
                                   GError        **error)
{
  g_autoptr(GPtrArray) conversations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), NULL);

  stmt = studio_history_prepare (self,
                                 "SELECT id, title, model, system_prompt, settings, updated"
                                 " FROM conversations ORDER BY updated DESC, id DESC",
                                 error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StudioConversation *conversation = studio_conversation_new ();
      g_autoptr(JsonObject) settings =
        json_object_from_text (parser, (const char *) sqlite3_column_text (stmt, 4));

      studio_conversation_set_id (conversation, sqlite3_column_int64 (stmt, 0));
      studio_conversation_set_title (conversation, (const char *) sqlite3_column_text (stmt, 1));
      studio_conversation_set_model (conversation, (const char *) sqlite3_column_text (stmt, 2));
      studio_conversation_set_system_prompt (conversation,
                                             (const char *) sqlite3_column_text (stmt, 3));
      studio_conversation_set_settings (conversation, settings);
      studio_conversation_set_updated (conversation, sqlite3_column_int64 (stmt, 5));
      g_ptr_array_add (conversations, conversation);
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&conversations);
}

static gboolean
studio_history_insert_attachments (StudioHistory  *self,
                                   StudioMessage  *message,
                                   GError        **error)
{
  GPtrArray *attachments = studio_message_get_attachments (message);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (attachments->len == 0)
    return TRUE;

  stmt = studio_history_prepare (self,
                                 "INSERT INTO attachments"
                                 " (message_id, kind, name, mime_type, detail, data, text)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < attachments->len; i++)
    {
      StudioAttachment *attachment = g_ptr_array_index (attachments, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, studio_message_get_id (message));
      studio_history_bind_text (stmt, 2, attachment->kind);
      studio_history_bind_text (stmt, 3, attachment->name);
      studio_history_bind_text (stmt, 4, attachment->mime_type);
      studio_history_bind_text (stmt, 5, attachment->detail);
      if (attachment->data != NULL)
        sqlite3_bind_blob64 (stmt, 6, g_bytes_get_data (attachment->data, NULL),
                             g_bytes_get_size (attachment->data), SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 6);
      studio_history_bind_text (stmt, 7, attachment->text);

      if (!studio_history_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * studio_history_save_message:
 * @self: a history
 * @conversation_id: the conversation it belongs to
 * @message: the message; one without an id is inserted with its
 *   attachments, one with an id has its text, state and extra data updated
 * @error: the place for an error
 *
 * Cheap enough to call every second while a reply streams.
 */
gboolean
studio_history_save_message (StudioHistory  *self,
                             gint64          conversation_id,
                             StudioMessage  *message,
                             GError        **error)
{
  g_autoptr(sqlite3_mutex) lock = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *extra = NULL;
  gint64 now = g_get_real_time ();
  gint64 id;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (STUDIO_IS_MESSAGE (message), FALSE);

  id = studio_message_get_id (message);
  extra = json_object_to_text (studio_message_get_extra (message));

  if (id != 0)
    {
      stmt = studio_history_prepare (self,
                                     "UPDATE messages SET content = ?1, state = ?2, extra = ?3,"
                                     " updated = ?4 WHERE id = ?5",
                                     error);
      if (stmt == NULL)
        return FALSE;

      studio_history_bind_text (stmt, 1, studio_message_get_content (message));
      sqlite3_bind_int (stmt, 2, studio_message_get_state (message));
      studio_history_bind_text (stmt, 3, extra);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_int64 (stmt, 5, id);

      return studio_history_step_done (self, stmt, error);
    }

  /* A new message and its attachments go in together, or not at all; no
   * other thread's statement may come into the savepoint.
   */
  lock = studio_history_lock (self);
  if (!studio_history_exec (self, "SAVEPOINT save_message", error))
    return FALSE;

  stmt = studio_history_prepare (self,
                                 "INSERT INTO messages (conversation_id, role, content, state,"
                                 " extra, created, updated)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                 error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, conversation_id);
      studio_history_bind_text (stmt, 2, studio_message_get_role (message));
      studio_history_bind_text (stmt, 3, studio_message_get_content (message));
      sqlite3_bind_int (stmt, 4, studio_message_get_state (message));
      studio_history_bind_text (stmt, 5, extra);
      sqlite3_bind_int64 (stmt, 6, now);
    }

  if (stmt == NULL || !studio_history_step_done (self, stmt, error))
    {
      sqlite3_exec (self->db, "ROLLBACK TO save_message; RELEASE save_message", NULL, NULL, NULL);
      return FALSE;
    }

  studio_message_set_id (message, sqlite3_last_insert_rowid (self->db));

  if (!studio_history_insert_attachments (self, message, error))
    {
      sqlite3_exec (self->db, "ROLLBACK TO save_message; RELEASE save_message", NULL, NULL, NULL);
      studio_message_set_id (message, 0);
      return FALSE;
    }

  return studio_history_exec (self, "RELEASE save_message", error);
}

gboolean
studio_history_delete_message (StudioHistory  *self,
                               gint64          message_id,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), FALSE);

  if (!(stmt = studio_history_prepare (self, "DELETE FROM messages WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, message_id);
  return studio_history_step_done (self, stmt, error);
}

/**
 * studio_history_delete_messages_from:
 * @self: a history
 * @conversation_id: a conversation
 * @message_id: the first message to delete; all later ones go too
 * @error: the place for an error
 *
 * For editing an earlier message: the turns after it are replaced.
 */
gboolean
studio_history_delete_messages_from (StudioHistory  *self,
                                     gint64          conversation_id,
                                     gint64          message_id,
                                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), FALSE);

  stmt = studio_history_prepare (self,
                                 "DELETE FROM messages WHERE conversation_id = ?1 AND id >= ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, message_id);
  return studio_history_step_done (self, stmt, error);
}

/* Messages come in id order, so their attachments are those of the
 * conversation with message ids between the first and the last.
 */
static gboolean
studio_history_load_attachments (StudioHistory  *self,
                                 GPtrArray      *messages,
                                 gint64          conversation_id,
                                 GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (messages->len == 0)
    return TRUE;

  stmt = studio_history_prepare (self,
                                 "SELECT a.message_id, a.kind, a.name, a.mime_type, a.detail,"
                                 " a.data, a.text FROM attachments a"
                                 " JOIN messages m ON m.id = a.message_id"
                                 " WHERE m.conversation_id = ?1 AND a.message_id BETWEEN ?2 AND ?3"
                                 " ORDER BY a.id",
                                 error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);
      gint64 id = studio_message_get_id (message);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), message);
    }

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, studio_message_get_id (g_ptr_array_index (messages, 0)));
  sqlite3_bind_int64 (stmt, 3,
                      studio_message_get_id (g_ptr_array_index (messages, messages->len - 1)));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 message_id = sqlite3_column_int64 (stmt, 0);
      StudioMessage *message = g_hash_table_lookup (by_id, &message_id);
      StudioAttachment *attachment;

      if (message == NULL)
        continue;

      attachment = g_new0 (StudioAttachment, 1);
      attachment->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      attachment->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      attachment->mime_type = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      attachment->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) == SQLITE_BLOB)
        attachment->data = g_bytes_new (sqlite3_column_blob (stmt, 5),
                                        sqlite3_column_bytes (stmt, 5));
      attachment->text = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      studio_message_add_attachment (message, attachment);
    }

  return rc == SQLITE_DONE || studio_history_set_sqlite_error (self, rc, error);
}

/**
 * studio_history_load_messages_before:
 * @before_id: load only messages with a smaller id, or 0 for no bound
 * @limit: load only the last @limit of them, or 0 for all
 *
 * A long conversation opens on its latest messages and loads the rest
 * after, so that what the reader sees first does not wait for it all.
 *
 * Returns: (transfer full) (element-type StudioMessage): the messages of a
 *   conversation in order, with their attachments
 */
GPtrArray *
studio_history_load_messages_before (StudioHistory  *self,
                                     gint64          conversation_id,
                                     gint64          before_id,
                                     guint           limit,
                                     GCancellable   *cancellable,
                                     GError        **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), NULL);

  stmt = studio_history_prepare (self,
                                 "SELECT id, role, content, state, extra FROM messages"
                                 " WHERE conversation_id = ?1 AND (?2 = 0 OR id < ?2)"
                                 " ORDER BY id DESC LIMIT ?3",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, conversation_id);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *extra_text = (const char *) sqlite3_column_text (stmt, 4);
      StudioMessage *message;
      g_autoptr(JsonObject) extra = NULL;

      /* Opening another conversation need not wait for this one. */
      if (messages->len % 256 == 255 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      message = studio_message_new ((const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2));
      extra = json_object_from_text (parser, extra_text);

      studio_message_set_id (message, sqlite3_column_int64 (stmt, 0));
      studio_message_set_state (message, sqlite3_column_int (stmt, 3));
      studio_message_set_extra (message, extra);
      g_ptr_array_add (messages, message);
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self, rc, error);
      return NULL;
    }

  /* Read newest first, for the limit; kept oldest first. */
  for (guint i = 0, j = messages->len; i + 1 < j; i++, j--)
    {
      gpointer swap = messages->pdata[i];

      messages->pdata[i] = messages->pdata[j - 1];
      messages->pdata[j - 1] = swap;
    }

  if (!studio_history_load_attachments (self, messages, conversation_id, error))
    return NULL;

  return g_steal_pointer (&messages);
}

/**
 * studio_history_load_messages:
 *
 * Returns: (transfer full) (element-type StudioMessage): all the messages
 *   of a conversation in order, with their attachments
 */
GPtrArray *
studio_history_load_messages (StudioHistory  *self,
                              gint64          conversation_id,
                              GError        **error)
{
  return studio_history_load_messages_before (self, conversation_id, 0, 0, NULL, error);
}

typedef struct
{
  gint64 conversation_id;
  gint64 before_id;
  guint  limit;
} LoadData;

static void
load_messages_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  GPtrArray *messages;

  messages = studio_history_load_messages_before (source_object, data->conversation_id,
                                                  data->before_id, data->limit,
                                                  cancellable, &error);
  if (messages == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, messages, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * studio_history_load_messages_async:
 *
 * Runs studio_history_load_messages_before() in a worker thread.
 */
void
studio_history_load_messages_async (StudioHistory       *self,
                                    gint64               conversation_id,
                                    gint64               before_id,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (STUDIO_IS_HISTORY (self));

  data = g_new0 (LoadData, 1);
  data->conversation_id = conversation_id;
  data->before_id = before_id;
  data->limit = limit;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_history_load_messages_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, load_messages_thread);
}

GPtrArray *
studio_history_load_messages_finish (StudioHistory  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_history_check_integrity:
 *
 * Returns: (transfer full): what PRAGMA integrity_check says, "ok" when
 *   all is well
 */
char *
studio_history_check_integrity (StudioHistory *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), NULL);

  if (!(stmt = studio_history_prepare (self, "PRAGMA integrity_check", NULL)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (sqlite3_errmsg (self->db));

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
