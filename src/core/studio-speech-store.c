/* studio-speech-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-history-private.h"
#include "studio-json.h"
#include "studio-speech-store.h"

/* The Speech workspace's history: each clip's row in the history's
 * database (the `speech_clips` table of schema 5, with an FTS5 index over
 * the title and the text) and its audio, a file per piece in a folder of
 * its own under the speech folder.
 *
 * Every call runs in a worker. Writes (saves, deletes, restores, purges)
 * run one after the other in the order they were asked for, and a save
 * reads the clip only when its turn comes, so that a clip saved twice
 * before its first insert finished is inserted once. Deleting hides a row
 * and keeps its files for Undo; purging removes both.
 *
 * A clip still "fetching" when the app was killed is read back as
 * "partial" (or "failed" when nothing arrived): nothing will fetch it now.
 */
struct _StudioSpeechStore
{
  GObject        parent_instance;

  StudioHistory *history;
  char          *folder;
  gint64         opened;       /* rows updated before this are from an earlier run */
  GQueue         writes;       /* GTask, the first one running when running is set */
  gboolean       running;
};

G_DEFINE_FINAL_TYPE (StudioSpeechStore, studio_speech_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define COLUMNS "c.id, c.created, c.title, c.text, c.source, c.conversation_id, c.settings," \
                " c.state, c.error, c.folder, c.pieces, c.input_chars, c.input_tokens," \
                " c.output_tokens, c.total_tokens, c.cost, c.updated"

typedef enum
{
  WRITE_SAVE,
  WRITE_DELETE,
  WRITE_RESTORE,
  WRITE_PURGE,
} WriteKind;

typedef struct
{
  WriteKind         kind;
  StudioSpeechClip *target;   /* the caller's: main thread only */
  StudioSpeechClip *clip;     /* the worker's copy */
  gint64            id;
  gint64            now;
} Write;

typedef struct
{
  char   *text;
  gint64  id;
  guint   offset;
  guint   limit;
} Query;

static void
write_free (Write *write)
{
  g_clear_object (&write->target);
  g_clear_object (&write->clip);
  g_free (write);
}

static void
query_free (Query *query)
{
  g_free (query->text);
  g_free (query);
}

static void
studio_speech_store_finalize (GObject *object)
{
  StudioSpeechStore *self = (StudioSpeechStore *) object;

  g_assert (g_queue_is_empty (&self->writes));
  g_clear_object (&self->history);
  g_free (self->folder);

  G_OBJECT_CLASS (studio_speech_store_parent_class)->finalize (object);
}

static void
studio_speech_store_class_init (StudioSpeechStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_speech_store_finalize;

  /**
   * StudioSpeechStore::changed:
   *
   * A clip was saved, deleted, restored or purged.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
studio_speech_store_init (StudioSpeechStore *self)
{
  g_queue_init (&self->writes);
  self->opened = g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * studio_speech_store_new:
 * @history: the history whose database keeps the rows
 * @folder: where the clips' folders go
 *
 * Returns: (transfer full): a store
 */
StudioSpeechStore *
studio_speech_store_new (StudioHistory *history,
                         const char    *folder)
{
  StudioSpeechStore *self;

  g_return_val_if_fail (STUDIO_IS_HISTORY (history), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_SPEECH_STORE, NULL);
  self->history = g_object_ref (history);
  self->folder = g_strdup (folder);

  return self;
}

StudioHistory *
studio_speech_store_get_history (StudioSpeechStore *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_STORE (self), NULL);
  return self->history;
}

const char *
studio_speech_store_get_folder (StudioSpeechStore *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_STORE (self), NULL);
  return self->folder;
}

/**
 * studio_speech_store_dup_clip_folder:
 * @self: a store
 * @clip: a clip, saved or not
 *
 * Names @clip's folder if it has none yet.
 *
 * Returns: (transfer full): the folder of @clip's audio
 */
GFile *
studio_speech_store_dup_clip_folder (StudioSpeechStore *self,
                                     StudioSpeechClip  *clip)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (STUDIO_IS_SPEECH_STORE (self), NULL);
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (clip), NULL);

  if (studio_speech_clip_get_folder_name (clip) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("clip-%s-%06x", stamp,
                                               g_random_int_range (0, 0xFFFFFF));

      studio_speech_clip_set_folder_name (clip, name);
    }

  path = g_build_filename (self->folder, studio_speech_clip_get_folder_name (clip), NULL);

  return g_file_new_for_path (path);
}

/**
 * studio_speech_store_dup_piece_file:
 * @self: a store
 * @clip: a clip
 * @index: one of its pieces
 *
 * Makes @clip's folder if needed.
 *
 * Returns: (transfer full): where the piece's audio goes
 */
GFile *
studio_speech_store_dup_piece_file (StudioSpeechStore *self,
                                    StudioSpeechClip  *clip,
                                    guint              index)
{
  g_autoptr(GFile) folder = studio_speech_store_dup_clip_folder (self, clip);
  g_autofree char *path = g_file_get_path (folder);
  const char *format = studio_speech_clip_get_settings (clip)->format;
  const char *extension = studio_speech_format_get_extension (format);
  g_autofree char *name = g_strdup_printf ("piece-%03u.%s", index + 1,
                                           extension != NULL ? extension : "audio");

  g_mkdir_with_parents (path, 0700);

  return g_file_get_child (folder, name);
}

/* Rows. */

static char *
pieces_to_json (StudioSpeechClip *clip)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
    {
      const StudioSpeechPiece *piece = studio_speech_clip_get_piece (clip, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, piece->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, piece->end);
      if (piece->file_name != NULL)
        {
          json_builder_set_member_name (builder, "file");
          json_builder_add_string_value (builder, piece->file_name);
        }
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, piece->bytes);
      json_builder_set_member_name (builder, "duration_us");
      json_builder_add_int_value (builder, piece->duration_us);
      json_builder_set_member_name (builder, "complete");
      json_builder_add_boolean_value (builder, piece->complete);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return studio_json_to_string (root, FALSE);
}

static void
pieces_from_json (StudioSpeechClip *clip,
                  const char       *text)
{
  g_autoptr(JsonNode) root = text ? json_from_string (text, NULL) : NULL;
  JsonArray *array;
  gsize length = strlen (studio_speech_clip_get_text (clip));

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      StudioSpeechPiece *piece;
      gint64 start, end;
      guint index;

      if (object == NULL)
        continue;

      /* A damaged row never points outside its text. */
      start = CLAMP (json_object_get_int_member_with_default (object, "start", 0), 0, (gint64) length);
      end = CLAMP (json_object_get_int_member_with_default (object, "end", 0), start, (gint64) length);
      index = studio_speech_clip_add_piece (clip, start, end);
      piece = studio_speech_clip_get_piece (clip, index);
      piece->file_name = g_strdup (studio_json_get_string (object, "file"));
      piece->bytes = MAX (json_object_get_int_member_with_default (object, "bytes", 0), 0);
      piece->duration_us = json_object_get_int_member_with_default (object, "duration_us", -1);
      piece->complete = json_object_get_boolean_member_with_default (object, "complete", FALSE);
    }
}

static gint64
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, column);
}

static StudioSpeechClip *
clip_from_row (StudioSpeechStore *self,
               sqlite3_stmt      *stmt)
{
  StudioSpeechClip *clip = studio_speech_clip_new ();
  g_autoptr(JsonNode) settings_node = NULL;
  g_autoptr(StudioSpeechSettings) settings = NULL;
  GEnumClass *states = g_type_class_ref (STUDIO_TYPE_SPEECH_CLIP_STATE);
  GEnumValue *state = g_enum_get_value_by_nick (states, (const char *) sqlite3_column_text (stmt, 7));
  StudioSpeechUsage usage;
  const char *source = (const char *) sqlite3_column_text (stmt, 4);

  studio_speech_clip_set_id (clip, sqlite3_column_int64 (stmt, 0));
  studio_speech_clip_set_created (clip, sqlite3_column_int64 (stmt, 1));
  studio_speech_clip_set_title (clip, (const char *) sqlite3_column_text (stmt, 2));
  studio_speech_clip_set_text (clip, (const char *) sqlite3_column_text (stmt, 3));
  if (g_strcmp0 (source, STUDIO_SPEECH_SOURCE_CHAT) == 0)
    studio_speech_clip_set_source (clip, source);
  studio_speech_clip_set_conversation_id (clip, sqlite3_column_int64 (stmt, 5));

  settings_node = json_from_string ((const char *) sqlite3_column_text (stmt, 6), NULL);
  settings = studio_speech_settings_new_from_json (settings_node);
  studio_speech_clip_set_settings (clip, settings);

  studio_speech_clip_set_state (clip, state ? state->value : STUDIO_SPEECH_CLIP_STATE_FAILED);
  studio_speech_clip_set_error (clip, (const char *) sqlite3_column_text (stmt, 8));
  studio_speech_clip_set_folder_name (clip, (const char *) sqlite3_column_text (stmt, 9));
  pieces_from_json (clip, (const char *) sqlite3_column_text (stmt, 10));
  studio_speech_clip_set_input_chars (clip, sqlite3_column_int64 (stmt, 11));
  usage.input_tokens = column_count (stmt, 12);
  usage.output_tokens = column_count (stmt, 13);
  usage.total_tokens = column_count (stmt, 14);
  studio_speech_clip_add_usage (clip, &usage);
  studio_speech_clip_set_cost (clip, sqlite3_column_type (stmt, 15) == SQLITE_NULL
                                     ? -1 : sqlite3_column_double (stmt, 15));

  /* Nothing fetches a clip left from an earlier run. */
  if (studio_speech_clip_get_state (clip) == STUDIO_SPEECH_CLIP_STATE_FETCHING &&
      sqlite3_column_int64 (stmt, 16) < self->opened)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
        any |= studio_speech_clip_get_piece (clip, i)->bytes > 0;

      studio_speech_clip_set_state (clip, any ? STUDIO_SPEECH_CLIP_STATE_PARTIAL
                                              : STUDIO_SPEECH_CLIP_STATE_FAILED);
      studio_speech_clip_set_error (clip, _("Interrupted before the audio was complete."));
    }

  g_type_class_unref (states);

  return clip;
}

static void
bind_count (sqlite3_stmt *stmt,
            int           index,
            gint64        count)
{
  if (count < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, count);
}

static gboolean
save_row (StudioSpeechStore  *self,
          Write              *write,
          GError            **error)
{
  StudioSpeechClip *clip = write->clip;
  const StudioSpeechSettings *settings = studio_speech_clip_get_settings (clip);
  const StudioSpeechUsage *usage = studio_speech_clip_get_usage (clip);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) settings_json = studio_speech_settings_to_json (settings);
  g_autofree char *settings_text = studio_json_to_string (settings_json, FALSE);
  g_autofree char *pieces = pieces_to_json (clip);
  GEnumClass *states = g_type_class_ref (STUDIO_TYPE_SPEECH_CLIP_STATE);
  const char *state = g_enum_get_value (states, studio_speech_clip_get_state (clip))->value_nick;
  gboolean insert = studio_speech_clip_get_id (clip) == 0;
  double cost = studio_speech_clip_get_cost (clip);

  g_type_class_unref (states);

  stmt = studio_history_prepare (self->history, insert ?
    "INSERT INTO speech_clips (created, updated, title, text, source, conversation_id, model,"
    " voice, format, settings, state, error, folder, pieces, input_chars, input_tokens,"
    " output_tokens, total_tokens, cost)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)" :
    "UPDATE speech_clips SET updated = ?2, title = ?3, text = ?4, source = ?5,"
    " conversation_id = ?6, model = ?7, voice = ?8, format = ?9, settings = ?10, state = ?11,"
    " error = ?12, folder = ?13, pieces = ?14, input_chars = ?15, input_tokens = ?16,"
    " output_tokens = ?17, total_tokens = ?18, cost = ?19 WHERE id = ?20",
    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, studio_speech_clip_get_created (clip) > 0
                               ? studio_speech_clip_get_created (clip) : write->now);
  sqlite3_bind_int64 (stmt, 2, write->now);
  studio_history_bind_text (stmt, 3, studio_speech_clip_get_title (clip) ?: "");
  studio_history_bind_text (stmt, 4, studio_speech_clip_get_text (clip));
  studio_history_bind_text (stmt, 5, studio_speech_clip_get_source (clip));
  if (studio_speech_clip_get_conversation_id (clip) > 0)
    sqlite3_bind_int64 (stmt, 6, studio_speech_clip_get_conversation_id (clip));
  studio_history_bind_text (stmt, 7, settings->model);
  studio_history_bind_text (stmt, 8, settings->custom_voice ? settings->custom_voice : settings->voice);
  studio_history_bind_text (stmt, 9, settings->format);
  studio_history_bind_text (stmt, 10, settings_text);
  studio_history_bind_text (stmt, 11, state);
  studio_history_bind_text (stmt, 12, studio_speech_clip_get_error (clip));
  studio_history_bind_text (stmt, 13, studio_speech_clip_get_folder_name (clip));
  studio_history_bind_text (stmt, 14, pieces);
  sqlite3_bind_int64 (stmt, 15, studio_speech_clip_get_input_chars (clip));
  bind_count (stmt, 16, usage->input_tokens);
  bind_count (stmt, 17, usage->output_tokens);
  bind_count (stmt, 18, usage->total_tokens);
  if (cost >= 0)
    sqlite3_bind_double (stmt, 19, cost);
  sqlite3_bind_int64 (stmt, 20, studio_speech_clip_get_id (clip));

  if (!studio_history_step_done (self->history, stmt, error))
    return FALSE;

  if (insert)
    {
      studio_speech_clip_set_id (clip, sqlite3_last_insert_rowid (self->history->db));
      studio_speech_clip_set_created (clip, write->now);
    }

  return TRUE;
}

static gboolean
remove_tree (GFile         *file,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  g_autoptr(GError) local_error = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (children == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, error)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      gboolean ok = remove_tree (child, error);

      g_object_unref (info);
      if (!ok)
        return FALSE;
    }

  return g_file_delete (file, NULL, error);
}

/* Removes the rows (one, or every deleted one for id 0) and their folders. */
static gboolean
purge_rows (StudioSpeechStore  *self,
            gint64              id,
            GError            **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  int rc;

  select = studio_history_prepare (self->history,
                                   "SELECT folder FROM speech_clips WHERE deleted IS NOT NULL"
                                   " AND (?1 = 0 OR id = ?1)", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *folder = (const char *) sqlite3_column_text (select, 0);

      /* A folder name is ours; one that leaves the speech folder is not. */
      if (folder != NULL && strchr (folder, '/') == NULL && folder[0] != '.')
        g_ptr_array_add (folders, g_strdup (folder));
    }
  if (rc != SQLITE_DONE)
    return studio_history_set_sqlite_error (self->history, rc, error);

  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *path = g_build_filename (self->folder, g_ptr_array_index (folders, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (!remove_tree (file, error))
        return FALSE;
    }

  delete = studio_history_prepare (self->history,
                                   "DELETE FROM speech_clips WHERE deleted IS NOT NULL"
                                   " AND (?1 = 0 OR id = ?1)", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (delete, 1, id);

  return studio_history_step_done (self->history, delete, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StudioSpeechStore *self = source_object;
  Write *write = task_data;
  g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gboolean ok;

  switch (write->kind)
    {
    case WRITE_SAVE:
      ok = save_row (self, write, &error);
      break;

    case WRITE_DELETE:
    case WRITE_RESTORE:
      stmt = studio_history_prepare (self->history, write->kind == WRITE_DELETE
                                     ? "UPDATE speech_clips SET deleted = ?2 WHERE id = ?1"
                                     : "UPDATE speech_clips SET deleted = NULL WHERE id = ?1",
                                     &error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, write->id);
          sqlite3_bind_int64 (stmt, 2, write->now);
          ok = studio_history_step_done (self->history, stmt, &error);
        }
      if (ok && sqlite3_changes (self->history->db) == 0)
        {
          ok = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The clip is no longer in the history."));
        }
      break;

    case WRITE_PURGE:
      ok = purge_rows (self, write->id, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void write_run_next (StudioSpeechStore *self);

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StudioSpeechStore *self = STUDIO_SPEECH_STORE (object);
  g_autoptr(GTask) caller = user_data;
  Write *write = g_task_get_task_data (caller);
  GError *error = NULL;

  g_assert (g_queue_peek_head (&self->writes) == caller);
  g_queue_pop_head (&self->writes);
  /* The caller's callback may ask for another write: it waits its turn. */
  self->running = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (caller, error);
  else
    {
      if (write->kind == WRITE_SAVE && studio_speech_clip_get_id (write->target) == 0)
        {
          studio_speech_clip_set_id (write->target, studio_speech_clip_get_id (write->clip));
          studio_speech_clip_set_created (write->target, studio_speech_clip_get_created (write->clip));
        }
      g_task_return_boolean (caller, TRUE);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  g_object_ref (self);
  write_run_next (self);
  g_object_unref (self);
}

static void
write_run_next (StudioSpeechStore *self)
{
  GTask *caller = g_queue_peek_head (&self->writes);
  g_autoptr(GTask) worker = NULL;
  Write *write;

  if (caller == NULL || self->running)
    return;

  self->running = TRUE;
  write = g_task_get_task_data (caller);
  write->now = g_get_real_time () / G_USEC_PER_SEC;
  /* Read at its turn, with the id an earlier insert gave it. */
  if (write->kind == WRITE_SAVE)
    write->clip = studio_speech_clip_copy (write->target);

  worker = g_task_new (self, NULL, write_done_cb, caller);
  g_task_set_task_data (worker, write, NULL);
  g_task_run_in_thread (worker, write_thread);
}

static void
write_async (StudioSpeechStore   *self,
             WriteKind            kind,
             StudioSpeechClip    *clip,
             gint64               id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Write *write = g_new0 (Write, 1);

  write->kind = kind;
  write->target = clip ? g_object_ref (clip) : NULL;
  write->id = id;
  g_task_set_source_tag (task, source_tag);
  /* What was asked is done even if the caller stops caring. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, write, (GDestroyNotify) write_free);

  g_queue_push_tail (&self->writes, task);
  write_run_next (self);
}

/**
 * studio_speech_store_save_async:
 * @self: a store
 * @clip: the clip to insert (its id is 0) or update
 * @cancellable: (nullable): a cancellable
 * @callback: (nullable): called once saved
 * @user_data: data for @callback
 *
 * Saves @clip as it is when its turn comes; a new clip gets its id.
 */
void
studio_speech_store_save_async (StudioSpeechStore   *self,
                                StudioSpeechClip    *clip,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (clip));

  write_async (self, WRITE_SAVE, clip, 0, cancellable, callback, user_data,
               studio_speech_store_save_async);
}

gboolean
studio_speech_store_save_finish (StudioSpeechStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_speech_store_delete_async:
 *
 * Hides the clip; its files stay for studio_speech_store_restore_async().
 */
void
studio_speech_store_delete_async (StudioSpeechStore   *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  write_async (self, WRITE_DELETE, NULL, id, cancellable, callback, user_data,
               studio_speech_store_delete_async);
}

void
studio_speech_store_restore_async (StudioSpeechStore   *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  write_async (self, WRITE_RESTORE, NULL, id, cancellable, callback, user_data,
               studio_speech_store_restore_async);
}

/**
 * studio_speech_store_purge_async:
 * @id: a deleted clip, or 0 for every deleted clip
 *
 * Removes deleted clips and their files for good.
 */
void
studio_speech_store_purge_async (StudioSpeechStore   *self,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  write_async (self, WRITE_PURGE, NULL, id, cancellable, callback, user_data,
               studio_speech_store_purge_async);
}

gboolean
studio_speech_store_change_finish (StudioSpeechStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading. */

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StudioSpeechStore *self = source_object;
  Query *query = task_data;
  g_autoptr(GPtrArray) clips = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  GError *error = NULL;
  const char *sql;
  int rc;

  if (query->id > 0)
    sql = "SELECT " COLUMNS " FROM speech_clips c WHERE c.id = ?4 AND c.deleted IS NULL";
  else if (query->text != NULL)
    {
      if ((match = studio_history_fts_query (query->text)) == NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&clips), (GDestroyNotify) g_ptr_array_unref);
          return;
        }
      sql = "SELECT " COLUMNS " FROM speech_clips_fts"
            " JOIN speech_clips c ON c.id = speech_clips_fts.rowid"
            " WHERE speech_clips_fts MATCH ?1 AND c.deleted IS NULL"
            " ORDER BY c.created DESC, c.id DESC LIMIT ?2 OFFSET ?3";
    }
  else
    sql = "SELECT " COLUMNS " FROM speech_clips c WHERE c.deleted IS NULL"
          " ORDER BY c.created DESC, c.id DESC LIMIT ?2 OFFSET ?3";

  if (!(stmt = studio_history_prepare (self->history, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  studio_history_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 3, query->offset);
  sqlite3_bind_int64 (stmt, 4, query->id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clips, clip_from_row (self, stmt));

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self->history, rc, &error);
      g_task_return_error (task, error);
      return;
    }

  if (query->id > 0)
    {
      if (clips->len == 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                                 _("The clip is no longer in the history."));
      else
        g_task_return_pointer (task, g_object_ref (g_ptr_array_index (clips, 0)), g_object_unref);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&clips), (GDestroyNotify) g_ptr_array_unref);
}

static void
query_async (StudioSpeechStore   *self,
             gpointer             source_tag,
             const char          *text,
             gint64               id,
             guint                offset,
             guint                limit,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Query *query = g_new0 (Query, 1);

  query->text = g_strdup (text);
  query->id = id;
  query->offset = offset;
  query->limit = limit;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

void
studio_speech_store_get_async (StudioSpeechStore   *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  g_return_if_fail (id > 0);

  query_async (self, studio_speech_store_get_async, NULL, id, 0, 0,
               cancellable, callback, user_data);
}

/**
 * studio_speech_store_get_finish:
 *
 * Returns: (transfer full): the clip, or %NULL with @error set
 */
StudioSpeechClip *
studio_speech_store_get_finish (StudioSpeechStore  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_speech_store_list_async:
 * @limit: the most clips to give, 0 for all
 *
 * Lists the clips newest first.
 */
void
studio_speech_store_list_async (StudioSpeechStore   *self,
                                guint                offset,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));

  query_async (self, studio_speech_store_list_async, NULL, 0, offset, limit,
               cancellable, callback, user_data);
}

/**
 * studio_speech_store_search_async:
 * @text: words to find in the titles and texts, each as a prefix
 *
 * Lists the clips that have every word of @text, newest first.
 */
void
studio_speech_store_search_async (StudioSpeechStore   *self,
                                  const char          *text,
                                  guint                offset,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_SPEECH_STORE (self));
  g_return_if_fail (text != NULL);

  query_async (self, studio_speech_store_search_async, text, 0, offset, limit,
               cancellable, callback, user_data);
}

/**
 * studio_speech_store_list_finish:
 *
 * Returns: (transfer container) (element-type StudioSpeechClip): the clips
 */
GPtrArray *
studio_speech_store_list_finish (StudioSpeechStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
