/* studio-transcript-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-paths.h"
#include "studio-transcript-store-private.h"
#include "studio-utils.h"

/* The Transcribe workspace's history: each transcript's audio in the
 * transcripts folder and its row in the history's database (the
 * `transcripts` table of schema 4, with an FTS5 index over the title and
 * the plain text), and the small library of speakers' voice clips. Every
 * call runs in a worker; this file writes the rows,
 * studio-transcript-store-file.c names, moves in and removes the files, and
 * studio-transcript-store-query.c reads.
 *
 * The audio is the user's data. A recording's row is saved as soon as the
 * recording starts, so a process killed meanwhile leaves a row whose file
 * plays. Deleting hides a row; studio_transcript_store_restore_async()
 * brings it back (Undo) and studio_transcript_store_purge_async() removes
 * its files and then the row, for good; a file that another row still
 * names is never removed.
 */

G_DEFINE_FINAL_TYPE (StudioTranscriptStore, studio_transcript_store, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (StudioSpeaker, studio_speaker, studio_speaker_copy, studio_speaker_free)

enum {
  CHANGED,
  SPEAKERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  CHANGE_DELETE,
  CHANGE_RESTORE,
  CHANGE_PURGE,
  CHANGE_RENAME_SPEAKER,
  CHANGE_DELETE_SPEAKER,
} ChangeKind;

typedef struct
{
  StudioTranscriptRecord *target;    /* the caller's record: main thread only */
  StudioTranscriptRecord *record;    /* the worker's copy */
  StudioSpeaker          *speaker;   /* what an added speaker became */
  char                   *name;
  GFile                  *clip;
  gint64                  id;
  gint64                  duration_us;
  gint64                  source_id;
  ChangeKind              kind;
  guint                   signal;    /* what to emit once the rows changed */
  gboolean                changed;   /* set by the worker */
} Task;

static void
task_free (Task *data)
{
  g_clear_object (&data->target);
  g_clear_object (&data->record);
  g_clear_pointer (&data->speaker, studio_speaker_free);
  g_clear_pointer (&data->name, g_free);
  g_clear_object (&data->clip);
  g_free (data);
}

/**
 * studio_speaker_copy:
 *
 * Returns: (transfer full): a copy of @speaker
 */
StudioSpeaker *
studio_speaker_copy (const StudioSpeaker *speaker)
{
  StudioSpeaker *copy;

  g_return_val_if_fail (speaker != NULL, NULL);

  copy = g_memdup2 (speaker, sizeof *speaker);
  copy->name = g_strdup (speaker->name);
  copy->clip_path = g_strdup (speaker->clip_path);

  return copy;
}

void
studio_speaker_free (StudioSpeaker *speaker)
{
  if (speaker == NULL)
    return;

  g_free (speaker->name);
  g_free (speaker->clip_path);
  g_free (speaker);
}

static gboolean
set_not_found (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The transcript is no longer in the history."));
  return FALSE;
}

gboolean
studio_transcript_store_set_speaker_not_found (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The speaker is no longer in the library."));
  return FALSE;
}

/* Runs a statement that writes and says RETURNING id (and maybe a second
 * column, into @second) to its end, under the connection's lock: 0 when it
 * changed no row, -1 on failure.
 */
static gint64
step_returning (StudioTranscriptStore  *self,
                sqlite3_stmt           *stmt,
                gint64                 *second,
                GError                **error)
{
  int rc = sqlite3_step (stmt);
  gint64 id = 0;

  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (second != NULL)
        *second = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self->history, rc, error);
      return -1;
    }

  return id;
}

/* Made from what was recorded or imported, when the user gave no title. */
static char *
dup_default_title (StudioTranscriptRecord *record,
                   gint64                  created)
{
  const char *name = studio_transcript_record_get_original_name (record);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (!studio_str_is_blank (name))
    {
      const char *dot = strrchr (name, '.');

      return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
    }

  utc = g_date_time_new_from_unix_utc (created / G_USEC_PER_SEC);
  local = g_date_time_to_local (utc);
  /* Translators: the date and time in a recording's default title, as
   * g_date_time_format() takes it: "2 December 2026, 14:05".
   */
  when = g_date_time_format (local, _("%-d %B %Y, %H:%M"));

  /* Translators: a recording's default title; %s is when it was made. */
  return g_strdup_printf (_("Recording %s"), when);
}

static void
bind_record (sqlite3_stmt           *stmt,
             StudioTranscriptRecord *record)
{
  double cost;

  studio_history_bind_text (stmt, 4, studio_transcript_record_get_title (record));
  studio_history_bind_text (stmt, 5, studio_transcript_record_get_source (record));
  studio_history_bind_text (stmt, 6, studio_transcript_record_get_original_name (record));
  studio_history_bind_text (stmt, 7, studio_transcript_record_get_audio_path (record));
  sqlite3_bind_int64 (stmt, 8, studio_transcript_record_get_audio_size (record));
  sqlite3_bind_int64 (stmt, 9, studio_transcript_record_get_duration_us (record));
  studio_history_bind_text (stmt, 10, studio_transcript_record_get_model (record));
  studio_history_bind_text (stmt, 11, studio_transcript_record_get_options (record));
  studio_history_bind_text (stmt, 12, studio_transcript_state_to_string (
                                        studio_transcript_record_get_state (record)));
  studio_history_bind_text (stmt, 13, studio_transcript_record_get_error (record));
  studio_history_bind_text (stmt, 14, studio_transcript_record_get_transcript (record));
  studio_history_bind_text (stmt, 15, studio_transcript_record_get_pieces (record));
  studio_history_bind_text (stmt, 16, studio_transcript_record_get_usage (record));
  if (studio_transcript_record_get_cost (record, &cost))
    sqlite3_bind_double (stmt, 17, cost);
  else
    sqlite3_bind_null (stmt, 17);
  studio_history_bind_text (stmt, 18, studio_transcript_record_get_text (record));
}

/* The columns' defaults stand in for what a record left unset. */
#define VALUES "?4, COALESCE (?5, 'recording'), ?6, ?7, ?8, ?9, ?10, COALESCE (?11, '{}')," \
               " ?12, ?13, ?14, COALESCE (?15, '[]'), COALESCE (?16, '{}'), ?17," \
               " COALESCE (?18, '')"

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StudioTranscriptStore *self = source_object;
  Task *data = task_data;
  StudioTranscriptRecord *record = data->record;
  g_autoptr(sqlite3_mutex) lock = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  gint64 now = g_get_real_time ();
  gint64 created = studio_transcript_record_get_created (record);
  gint64 id = studio_transcript_record_get_id (record);

  if (created <= 0)
    created = now;
  if (studio_str_is_blank (studio_transcript_record_get_title (record)))
    {
      g_autofree char *title = dup_default_title (record, created);

      studio_transcript_record_set_title (record, title);
    }

  lock = studio_history_lock (self->history);
  if (id == 0)
    stmt = studio_history_prepare (self->history,
                                   "INSERT INTO transcripts (created, updated, title, source,"
                                   " original_name, audio_path, audio_size, duration_us, model,"
                                   " options, state, error, transcript, pieces, usage, cost, text)"
                                   " VALUES (?2, ?3, " VALUES ") RETURNING id, created",
                                   &error);
  else
    stmt = studio_history_prepare (self->history,
                                   "UPDATE transcripts SET (updated, title, source, original_name,"
                                   " audio_path, audio_size, duration_us, model, options, state,"
                                   " error, transcript, pieces, usage, cost, text)"
                                   " = (?3, " VALUES ") WHERE id = ?1 RETURNING id, created",
                                   &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, created);
  sqlite3_bind_int64 (stmt, 3, now);
  bind_record (stmt, record);

  if ((id = step_returning (self, stmt, &created, &error)) <= 0)
    {
      if (id == 0)
        set_not_found (&error);
      g_task_return_error (task, error);
      return;
    }

  studio_transcript_record_set_id (record, id);
  studio_transcript_record_set_updated (record, now);
  studio_transcript_record_set_created (record, created);
  data->changed = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void launch_save (StudioTranscriptStore *self,
                         GTask                 *task);

/* Back on the caller's thread: the caller's record learns what the store
 * gave it, listeners hear of the change, and saves that waited for an
 * insert go ahead as updates.
 */
static void
worker_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StudioTranscriptStore *self = STUDIO_TRANSCRIPT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) waiting = NULL;
  Task *data = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean done;

  done = g_task_propagate_boolean (G_TASK (result), &error);

  if (data->target != NULL &&
      g_hash_table_steal_extended (self->inserting, data->target, NULL, (gpointer *) &waiting))
    g_object_unref (data->target);

  if (done && data->target != NULL)
    {
      StudioTranscriptRecord *target = data->target;
      StudioTranscriptRecord *saved = data->record;

      /* What the caller changed meanwhile is theirs; it goes with the next save. */
      if (studio_transcript_record_get_id (target) == 0)
        studio_transcript_record_set_id (target, studio_transcript_record_get_id (saved));
      if (studio_transcript_record_get_created (target) <= 0)
        studio_transcript_record_set_created (target,
                                              studio_transcript_record_get_created (saved));
      if (studio_str_is_blank (studio_transcript_record_get_title (target)))
        studio_transcript_record_set_title (target, studio_transcript_record_get_title (saved));
      studio_transcript_record_set_updated (target, studio_transcript_record_get_updated (saved));
    }

  if (data->changed)
    g_signal_emit (self, signals[data->signal], 0);

  if (!done)
    g_task_return_error (task, error);
  else if (data->speaker != NULL)
    g_task_return_pointer (task, g_steal_pointer (&data->speaker),
                           (GDestroyNotify) studio_speaker_free);
  else
    g_task_return_boolean (task, TRUE);

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    launch_save (self, g_object_ref (g_ptr_array_index (waiting, i)));
}

/* @task is the caller's; the worker runs an inner task that reports to
 * worker_done_cb() on the caller's thread.
 */
static void
run_in_worker (StudioTranscriptStore *self,
               GTask                 *task,
               GTaskThreadFunc        func)
{
  g_autoptr(GTask) worker = NULL;

  worker = g_task_new (self, g_task_get_cancellable (task), worker_done_cb, g_object_ref (task));
  g_task_set_source_tag (worker, run_in_worker);
  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_set_check_cancellable (worker, FALSE);
  g_task_run_in_thread (worker, func);
}

static GTask *
new_task (StudioTranscriptStore *self,
          gpointer               source_tag,
          Task                  *data,
          gboolean               report_done,
          GCancellable          *cancellable,
          GAsyncReadyCallback    callback,
          gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) task_free);
  g_task_set_check_cancellable (task, !report_done);

  return task;
}

static void
launch_save (StudioTranscriptStore *self,
             GTask                 *task)
{
  Task *data = g_task_get_task_data (task);

  /* A second save of a record that is being inserted would insert it
   * twice: it waits, and then updates the row the first one made.
   */
  if (studio_transcript_record_get_id (data->target) == 0)
    {
      GPtrArray *waiting = g_hash_table_lookup (self->inserting, data->target);

      if (waiting != NULL)
        {
          g_ptr_array_add (waiting, task);
          return;
        }

      g_hash_table_insert (self->inserting, g_object_ref (data->target),
                           g_ptr_array_new_with_free_func (g_object_unref));
    }

  g_clear_object (&data->record);
  data->record = studio_transcript_record_copy (data->target);
  run_in_worker (self, task, save_thread);
  g_object_unref (task);
}

static void
studio_transcript_store_finalize (GObject *object)
{
  StudioTranscriptStore *self = (StudioTranscriptStore *) object;

  g_clear_object (&self->history);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->inserting, g_hash_table_unref);

  G_OBJECT_CLASS (studio_transcript_store_parent_class)->finalize (object);
}

static void
studio_transcript_store_class_init (StudioTranscriptStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_transcript_store_finalize;

  /**
   * StudioTranscriptStore::changed:
   *
   * A transcript was added, saved again, deleted or restored: a list of
   * them should be read again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StudioTranscriptStore::speakers-changed:
   *
   * A speaker was added, renamed or deleted.
   */
  signals[SPEAKERS_CHANGED] =
    g_signal_new ("speakers-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
studio_transcript_store_init (StudioTranscriptStore *self)
{
  /* A save runs while a reference to its task is held, and so is the store. */
  self->inserting = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                           (GDestroyNotify) g_ptr_array_unref);
}

/**
 * studio_transcript_store_new:
 * @history: the history whose database keeps the rows
 * @folder: (nullable): where the audio and clips go, made when the first
 *   is written; %NULL for studio_paths_dup_transcripts_folder()
 *
 * Does no I/O.
 *
 * Returns: (transfer full): the store
 */
StudioTranscriptStore *
studio_transcript_store_new (StudioHistory *history,
                             const char    *folder)
{
  StudioTranscriptStore *self;

  g_return_val_if_fail (STUDIO_IS_HISTORY (history), NULL);

  self = g_object_new (STUDIO_TYPE_TRANSCRIPT_STORE, NULL);
  self->history = g_object_ref (history);
  self->folder = folder ? g_strdup (folder) : studio_paths_dup_transcripts_folder ();

  return self;
}

/**
 * studio_transcript_store_get_history:
 *
 * Returns: (transfer none): the history keeping the rows
 */
StudioHistory *
studio_transcript_store_get_history (StudioTranscriptStore *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self), NULL);

  return self->history;
}

/**
 * studio_transcript_store_get_folder:
 *
 * Returns: the folder that the records' audio paths are relative to
 */
const char *
studio_transcript_store_get_folder (StudioTranscriptStore *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self), NULL);

  return self->folder;
}

/**
 * studio_transcript_store_save_async:
 * @self: a store
 * @record: the transcript. With an id of 0 it is inserted, and @record
 *   gets the new row's id (and its creation time and a default title, when
 *   it has none) before @callback runs; otherwise every column of its row
 *   is written
 * @cancellable: (nullable): a cancellable, which does not stop the save:
 *   the audio's row is the user's data, so a save asked for is made, and
 *   reported as done, even while the page that asked goes away
 * @callback: called when it is saved; finish with
 *   studio_transcript_store_save_finish()
 * @user_data: for @callback
 *
 * What @record holds when the save starts is saved (a later change goes
 * with the next save); saving it again before the first insert finished
 * waits for that and then updates the same row, with what it holds then. A title left empty becomes
 * the imported file's name or "Recording 2 December 2026, 14:05". A saved
 * transcript that was deleted meanwhile is saved all the same, so that an
 * Undo brings back the latest; a purged one fails with
 * %G_IO_ERROR_NOT_FOUND. ::changed follows.
 */
void
studio_transcript_store_save_async (StudioTranscriptStore  *self,
                                    StudioTranscriptRecord *record,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  Task *data;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (record));

  data = g_new0 (Task, 1);
  data->target = g_object_ref (record);
  data->signal = CHANGED;
  launch_save (self, new_task (self, studio_transcript_store_save_async, data, TRUE,
                               cancellable, callback, user_data));
}

/**
 * studio_transcript_store_save_finish:
 *
 * Returns: whether the record is saved
 */
gboolean
studio_transcript_store_save_finish (StudioTranscriptStore  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_transcript_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StudioTranscriptStore *self = source_object;
  Task *data = task_data;
  g_autoptr(sqlite3_mutex) lock = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  const char *sql = NULL;
  gint64 changed;

  switch (data->kind)
    {
    case CHANGE_PURGE:
      if (studio_transcript_store_purge_deleted (self, data->id, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;

    case CHANGE_DELETE_SPEAKER:
      if ((data->changed = studio_transcript_store_remove_speaker (self, data->id, &error)))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;

    case CHANGE_DELETE:
      sql = "UPDATE transcripts SET deleted = ?2 WHERE id = ?1 AND deleted IS NULL RETURNING id";
      break;

    case CHANGE_RESTORE:
      sql = "UPDATE transcripts SET deleted = NULL"
            " WHERE id = ?1 AND deleted IS NOT NULL RETURNING id";
      break;

    case CHANGE_RENAME_SPEAKER:
      sql = "UPDATE speakers SET name = ?3 WHERE id = ?1 RETURNING id";
      break;

    default:
      g_assert_not_reached ();
    }

  /* Not over the purges: files are removed there, and statements one by
   * one need no lock.
   */
  lock = studio_history_lock (self->history);
  if ((stmt = studio_history_prepare (self->history, sql, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Unused parameters may be bound all the same. */
  sqlite3_bind_int64 (stmt, 1, data->id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  studio_history_bind_text (stmt, 3, data->name);
  if ((changed = step_returning (self, stmt, NULL, &error)) == 0)
    {
      if (data->kind == CHANGE_RENAME_SPEAKER)
        studio_transcript_store_set_speaker_not_found (&error);
      else
        set_not_found (&error);
    }

  if (changed > 0)
    {
      data->changed = TRUE;
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
change_async (StudioTranscriptStore *self,
              gpointer               source_tag,
              ChangeKind             kind,
              gint64                 id,
              const char            *name,
              GCancellable          *cancellable,
              GAsyncReadyCallback    callback,
              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Task *data = g_new0 (Task, 1);

  data->kind = kind;
  data->id = id;
  data->name = g_strdup (name);
  data->signal = kind >= CHANGE_RENAME_SPEAKER ? SPEAKERS_CHANGED : CHANGED;
  task = new_task (self, source_tag, data, FALSE, cancellable, callback, user_data);
  run_in_worker (self, task, change_thread);
}

/**
 * studio_transcript_store_delete_async:
 * @self: a store
 * @id: a transcript
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is gone from the history; finish with
 *   studio_transcript_store_change_finish()
 * @user_data: for @callback
 *
 * Hides the transcript; its files and row stay until
 * studio_transcript_store_purge_async(), so that
 * studio_transcript_store_restore_async() can undo this. ::changed follows.
 */
void
studio_transcript_store_delete_async (StudioTranscriptStore *self,
                                      gint64                 id,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (id > 0);

  change_async (self, studio_transcript_store_delete_async, CHANGE_DELETE, id, NULL,
                cancellable, callback, user_data);
}

/**
 * studio_transcript_store_restore_async:
 * @self: a store
 * @id: a transcript deleted and not purged
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is back; %G_IO_ERROR_NOT_FOUND if it was
 *   purged meanwhile. Finish with studio_transcript_store_change_finish()
 * @user_data: for @callback
 */
void
studio_transcript_store_restore_async (StudioTranscriptStore *self,
                                       gint64                 id,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (id > 0);

  change_async (self, studio_transcript_store_restore_async, CHANGE_RESTORE, id, NULL,
                cancellable, callback, user_data);
}

/**
 * studio_transcript_store_purge_async:
 * @self: a store
 * @id: a deleted transcript, or 0 for every transcript deleted more than a
 *   day ago (for start-up)
 * @cancellable: (nullable): a cancellable
 * @callback: called when the files and rows are gone; finish with
 *   studio_transcript_store_change_finish()
 * @user_data: for @callback
 *
 * Removes the audio and the pieces' files that are in the transcripts
 * folder, then the row. A transcript that is not deleted is left alone, and
 * so is a file that another row still names. A speaker whose clip came
 * from the transcript stays.
 */
void
studio_transcript_store_purge_async (StudioTranscriptStore *self,
                                     gint64                 id,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (id >= 0);

  change_async (self, studio_transcript_store_purge_async, CHANGE_PURGE, id, NULL,
                cancellable, callback, user_data);
}

/**
 * studio_transcript_store_change_finish:
 *
 * Finishes a delete, a restore or a purge, or a speaker's rename or
 * delete.
 *
 * Returns: whether it was done
 */
gboolean
studio_transcript_store_change_finish (StudioTranscriptStore  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Speakers ---------------------------------------------------------------- */

static void
add_speaker_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StudioTranscriptStore *self = source_object;
  Task *data = task_data;
  g_autoptr(GFile) folder = g_file_new_for_path (self->folder);
  g_autoptr(GFile) clip = NULL;
  g_autofree char *relative = NULL;
  GError *error = NULL;
  gint64 id = -1;

  if (!(clip = studio_transcript_store_take_clip (self, data->clip, data->name, cancellable,
                                                   &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  relative = g_file_get_relative_path (folder, clip);

  {
    g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    /* A transcript purged meanwhile is no source, rather than a failure. */
    stmt = studio_history_prepare (self->history,
                                   "INSERT INTO speakers (name, clip_path, duration_us, created,"
                                   " source_transcript_id)"
                                   " VALUES (?1, ?2, ?3, ?4, (SELECT id FROM transcripts"
                                   " WHERE id = ?5)) RETURNING id",
                                   &error);
    if (stmt != NULL)
      {
        studio_history_bind_text (stmt, 1, data->name);
        studio_history_bind_text (stmt, 2, relative);
        sqlite3_bind_int64 (stmt, 3, data->duration_us);
        sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
        sqlite3_bind_int64 (stmt, 5, data->source_id);
        id = step_returning (self, stmt, NULL, &error);
      }
  }

  if (id <= 0)
    {
      /* The clip goes back where it was, not lost in the folder. */
      if (!g_file_equal (clip, data->clip))
        g_file_move (clip, data->clip, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL);
      if (id == 0)
        studio_transcript_store_set_speaker_not_found (&error);
      g_task_return_error (task, error);
      return;
    }

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    data->speaker = g_new0 (StudioSpeaker, 1);
    data->speaker->id = id;
    data->speaker->name = g_strdup (data->name);
    data->speaker->clip_path = g_file_get_path (clip);
    data->speaker->duration_us = data->duration_us;

    stmt = studio_history_prepare (self->history,
                                   "SELECT source_transcript_id FROM speakers WHERE id = ?1",
                                   NULL);
    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, id);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          data->speaker->source_transcript_id = sqlite3_column_int64 (stmt, 0);
      }
  }

  data->changed = TRUE;
  g_task_return_boolean (task, TRUE);
}

/**
 * studio_transcript_store_add_speaker_async:
 * @self: a store
 * @name: the speaker's name
 * @clip: a clip of their voice (2–10 s of Opus); a file outside the
 *   transcripts folder is moved into it
 * @duration_us: the clip's duration
 * @source_id: the transcript it was cut from, or 0
 * @cancellable: (nullable): a cancellable
 * @callback: called with the new speaker; see
 *   studio_transcript_store_add_speaker_finish()
 * @user_data: for @callback
 *
 * ::speakers-changed follows.
 */
void
studio_transcript_store_add_speaker_async (StudioTranscriptStore *self,
                                           const char            *name,
                                           GFile                 *clip,
                                           gint64                 duration_us,
                                           gint64                 source_id,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Task *data;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (G_IS_FILE (clip));
  g_return_if_fail (g_file_is_native (clip));

  data = g_new0 (Task, 1);
  data->name = g_strdup (name);
  data->clip = g_object_ref (clip);
  data->duration_us = MAX (duration_us, 0);
  data->source_id = MAX (source_id, 0);
  data->signal = SPEAKERS_CHANGED;
  task = new_task (self, studio_transcript_store_add_speaker_async, data, TRUE, cancellable,
                   callback, user_data);
  run_in_worker (self, task, add_speaker_thread);
}

/**
 * studio_transcript_store_add_speaker_finish:
 *
 * Returns: (transfer full) (nullable): the speaker as stored, its clip
 *   with its path in the folder
 */
StudioSpeaker *
studio_transcript_store_add_speaker_finish (StudioTranscriptStore  *self,
                                            GAsyncResult           *result,
                                            GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_transcript_store_add_speaker_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_transcript_store_rename_speaker_async:
 * @self: a store
 * @id: a speaker
 * @name: their new name
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is renamed; finish with
 *   studio_transcript_store_change_finish()
 * @user_data: for @callback
 */
void
studio_transcript_store_rename_speaker_async (StudioTranscriptStore *self,
                                              gint64                 id,
                                              const char            *name,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (name != NULL);

  change_async (self, studio_transcript_store_rename_speaker_async, CHANGE_RENAME_SPEAKER, id,
                name, cancellable, callback, user_data);
}

/**
 * studio_transcript_store_delete_speaker_async:
 * @self: a store
 * @id: a speaker
 * @cancellable: (nullable): a cancellable
 * @callback: called when the speaker and their clip are gone; finish with
 *   studio_transcript_store_change_finish()
 * @user_data: for @callback
 *
 * Not hidden first: the clip is removed at once, unless another row names
 * it.
 */
void
studio_transcript_store_delete_speaker_async (StudioTranscriptStore *self,
                                              gint64                 id,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (id > 0);

  change_async (self, studio_transcript_store_delete_speaker_async, CHANGE_DELETE_SPEAKER, id,
                NULL, cancellable, callback, user_data);
}
