/* studio-image-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-store"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-history-private.h"
#include "studio-image-store-private.h"
#include "studio-json.h"
#include "studio-mime.h"
#include "studio-paths.h"

/* The gallery of the Images workspace: each image's file in the images
 * folder and its row in the history's database (the `images` table of
 * schema 3, with its own FTS5 index over the prompts). Every call runs in a
 * worker, since files and queries can be large; the records it hands back
 * are new objects that nothing changes afterwards.
 *
 * A row is written only once its file is complete under its final name
 * (see studio-image-store-file.c), so the gallery never shows half an
 * image. Deleting hides a row; studio_image_store_restore_async() brings it
 * back (Undo), and studio_image_store_purge_async() removes the file and
 * then the row, for good. Purging everything, at start-up, also removes
 * temporary files a killed process left behind.
 */

G_DEFINE_FINAL_TYPE (StudioImageStore, studio_image_store, G_TYPE_OBJECT)

typedef enum
{
  CHANGE_DELETE,
  CHANGE_RESTORE,
  CHANGE_PURGE,
} ChangeKind;

void
studio_image_store_task_data_free (StudioImageStoreTask *data)
{
  g_clear_object (&data->record);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->text);
  g_free (data);
}

static void
studio_image_store_finalize (GObject *object)
{
  StudioImageStore *self = (StudioImageStore *) object;

  g_clear_object (&self->history);
  g_clear_pointer (&self->folder, g_free);
  g_clear_pointer (&self->writing, g_hash_table_unref);
  g_mutex_clear (&self->writing_lock);

  G_OBJECT_CLASS (studio_image_store_parent_class)->finalize (object);
}

static void
studio_image_store_class_init (StudioImageStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_image_store_finalize;
}

static void
studio_image_store_init (StudioImageStore *self)
{
  g_mutex_init (&self->writing_lock);
  self->writing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

gboolean
studio_image_store_set_not_found (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The image is no longer in the gallery."));
  return FALSE;
}

static char *
json_to_text (JsonNode *node)
{
  return studio_json_to_string (node, FALSE);
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_text (node);
}

static char *
array_to_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  return json_to_text (node);
}

/* The usage as the API writes it, so that studio_image_usage_parse() reads
 * it back; counts not sent are left out.
 */
static JsonObject *
usage_to_object (const StudioImageUsage *usage)
{
  JsonObject *object = json_object_new ();
  JsonObject *input = json_object_new ();
  JsonObject *output = json_object_new ();
  const struct { JsonObject *object; const char *name; gint64 value; } counts[] = {
    { object, "input_tokens", usage->input_tokens },
    { input, "text_tokens", usage->input_text_tokens },
    { input, "image_tokens", usage->input_image_tokens },
    { object, "output_tokens", usage->output_tokens },
    { output, "text_tokens", usage->output_text_tokens },
    { output, "image_tokens", usage->output_image_tokens },
    { object, "total_tokens", usage->total_tokens },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (counts[i].value >= 0)
        json_object_set_int_member (counts[i].object, counts[i].name, counts[i].value);
    }

  if (json_object_get_size (input) > 0)
    json_object_set_object_member (object, "input_tokens_details", json_object_ref (input));
  if (json_object_get_size (output) > 0)
    json_object_set_object_member (object, "output_tokens_details", json_object_ref (output));
  json_object_unref (input);
  json_object_unref (output);

  return object;
}

/* Runs a statement that writes and says RETURNING id to its end, under the
 * connection's lock: 0 when it changed no row.
 */
static gint64
step_returning_id (StudioImageStore  *self,
                   sqlite3_stmt      *stmt,
                   GError           **error)
{
  int rc = sqlite3_step (stmt);
  gint64 id = 0;

  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self->history, rc, error);
      return -1;
    }

  return id;
}

static gint64
insert_record (StudioImageStore   *self,
               StudioImageRecord  *record,
               StudioImageFile    *file,
               GError            **error)
{
  g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) usage = usage_to_object (&record->usage);
  g_autofree char *options = object_to_text (record->options);
  g_autofree char *details = object_to_text (record->details);
  g_autofree char *usage_text = object_to_text (usage);
  g_autofree char *sources = array_to_text (record->sources);

  /* A parent purged meanwhile is no parent, rather than a failed save. */
  stmt = studio_history_prepare (self->history,
                                 "INSERT INTO images (created, endpoint, model, prompt,"
                                 " revised_prompt, options, details, usage, cost, path, file_size,"
                                 " width, height, mime_type, state, url, parent_id, sources)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                 " ?14, ?15, ?16, (SELECT id FROM images WHERE id = ?17), ?18)"
                                 " RETURNING id",
                                 error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  studio_history_bind_text (stmt, 2, record->endpoint);
  studio_history_bind_text (stmt, 3, record->model);
  studio_history_bind_text (stmt, 4, record->prompt);
  studio_history_bind_text (stmt, 5, record->revised_prompt);
  studio_history_bind_text (stmt, 6, options);
  studio_history_bind_text (stmt, 7, details);
  studio_history_bind_text (stmt, 8, usage_text);
  if (record->cost >= 0)
    sqlite3_bind_double (stmt, 9, record->cost);
  else
    sqlite3_bind_null (stmt, 9);
  studio_history_bind_text (stmt, 10, file->path);
  if (file->path != NULL)
    sqlite3_bind_int64 (stmt, 11, file->size);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int64 (stmt, 12, file->width);
  sqlite3_bind_int64 (stmt, 13, file->height);
  studio_history_bind_text (stmt, 14, record->mime_type);
  studio_history_bind_text (stmt, 15, studio_image_state_to_string (record->state));
  studio_history_bind_text (stmt, 16, record->url);
  sqlite3_bind_int64 (stmt, 17, record->parent_id);
  studio_history_bind_text (stmt, 18, sources);

  return step_returning_id (self, stmt, error);
}

static void
remove_file (StudioImageStore *self,
             const char       *path)
{
  g_autofree char *file = g_build_filename (self->folder, path, NULL);

  if (g_unlink (file) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", file, g_strerror (errno));
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StudioImageStore *self = source_object;
  StudioImageStoreTask *data = task_data;
  StudioImageRecord *record = data->record;
  StudioImageFile file = { 0 };
  GError *error = NULL;
  gint64 id;

  if (data->bytes != NULL &&
      !studio_image_file_write (&file, self->folder, data->bytes, record->mime_type, record,
                                self->writing, &self->writing_lock, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The last moment a cancel can stop it; once the row is in, it is saved. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      (id = insert_record (self, record, &file, &error)) <= 0)
    {
      if (file.path != NULL)
        remove_file (self, file.path);
      studio_image_file_clear (&file);
      g_task_return_error (task, error);
      return;
    }

  studio_image_file_clear (&file);
  record = studio_image_store_get_record (self, id, &error);
  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, g_object_unref);
}

/**
 * studio_image_store_new:
 * @history: the history whose database keeps the rows
 * @folder: (nullable): where the files go, made when the first is written;
 *   %NULL for studio_paths_dup_images_folder()
 *
 * Does no I/O.
 *
 * Returns: (transfer full): the store
 */
StudioImageStore *
studio_image_store_new (StudioHistory *history,
                        const char    *folder)
{
  StudioImageStore *self;

  g_return_val_if_fail (STUDIO_IS_HISTORY (history), NULL);

  self = g_object_new (STUDIO_TYPE_IMAGE_STORE, NULL);
  self->history = g_object_ref (history);
  self->folder = folder ? g_strdup (folder) : studio_paths_dup_images_folder ();

  return self;
}

/**
 * studio_image_store_get_history:
 *
 * Returns: (transfer none): the history keeping the rows
 */
StudioHistory *
studio_image_store_get_history (StudioImageStore *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_STORE (self), NULL);

  return self->history;
}

const char *
studio_image_store_get_folder (StudioImageStore *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_STORE (self), NULL);

  return self->folder;
}

/**
 * studio_image_store_run_task:
 * @data: (transfer full): what @func needs
 * @func: the work, in a worker thread
 * @report_done: whether a call that returned its value is reported as
 *   such even when cancelled meanwhile (a save that has its row)
 */
void
studio_image_store_run_task (StudioImageStore     *self,
                             gpointer              source_tag,
                             StudioImageStoreTask *data,
                             GTaskThreadFunc       func,
                             gboolean              report_done,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) studio_image_store_task_data_free);
  g_task_set_check_cancellable (task, !report_done);
  g_task_run_in_thread (task, func);
}

/* What the server said about the image, kept as it said it. */
static void
take_result_details (StudioImageRecord *record,
                     StudioImageResult *result)
{
  const char *details[][2] = {
    { "size", studio_image_result_get_size (result) },
    { "quality", studio_image_result_get_quality (result) },
    { "background", studio_image_result_get_background (result) },
    { "output_format", studio_image_result_get_output_format (result) },
  };

  record->revised_prompt = g_strdup (studio_image_result_get_revised_prompt (result));
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      if (details[i][1] != NULL)
        json_object_set_string_member (record->details, details[i][0], details[i][1]);
    }
  if (studio_image_result_get_created (result) > 0)
    json_object_set_int_member (record->details, "created",
                                studio_image_result_get_created (result));
}

/**
 * studio_image_store_save_async:
 * @self: a store
 * @request: what was sent: endpoint, model, prompt, options, sources,
 *   parent and cost (see studio_image_record_new())
 * @result: one image it answered with. With bytes, its file is written (a
 *   PNG with the prompt and options in text chunks), then its row; a
 *   partial image is kept as such. A URL result gets a row in the state
 *   %STUDIO_IMAGE_STATE_DOWNLOAD_FAILED that keeps the URL, until
 *   studio_image_store_save_download_async() stores what was downloaded.
 * @cancellable: (nullable): stops the save while the file is written
 * @callback: called with the stored record; see studio_image_store_record_finish()
 * @user_data: for @callback
 *
 * A save that failed or was cancelled leaves neither file nor row. Once the
 * row is in, the save is reported as done even if cancelled meanwhile: the
 * image is in the gallery.
 */
void
studio_image_store_save_async (StudioImageStore    *self,
                               StudioImageRecord   *request,
                               StudioImageResult   *result,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StudioImageRecord *record;
  StudioImageStoreTask *data;

  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (request));
  g_return_if_fail (STUDIO_IS_IMAGE_RESULT (result));

  /* The worker gets copies that nothing else touches: json-glib's
   * reference counts are not atomic.
   */
  record = studio_image_record_new (request->endpoint, request->model, request->prompt);
  g_clear_pointer (&record->options, json_object_unref);
  record->options = studio_json_object_copy (request->options);
  g_clear_pointer (&record->sources, json_array_unref);
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
    g_autoptr(JsonNode) copy = NULL;

    json_node_set_array (node, request->sources);
    copy = studio_json_node_copy (node);
    record->sources = json_node_dup_array (copy);
  }
  record->parent_id = request->parent_id;
  record->cost = request->cost;
  take_result_details (record, result);
  record->usage = *studio_image_result_get_usage (result);
  record->mime_type = g_strdup (studio_image_result_get_mime_type (result));
  record->url = g_strdup (studio_image_result_get_url (result));
  if (studio_image_result_get_bytes (result) == NULL)
    record->state = STUDIO_IMAGE_STATE_DOWNLOAD_FAILED;
  else if (studio_image_result_get_partial (result))
    record->state = STUDIO_IMAGE_STATE_PARTIAL;

  data = g_new0 (StudioImageStoreTask, 1);
  data->record = record;
  if (studio_image_result_get_bytes (result) != NULL)
    data->bytes = g_bytes_ref (studio_image_result_get_bytes (result));

  studio_image_store_run_task (self, studio_image_store_save_async, data, save_thread, TRUE,
                               cancellable, callback, user_data);
}

/**
 * studio_image_store_record_finish:
 *
 * Finishes a save, the save of a download or a get.
 *
 * Returns: (transfer full) (nullable): the record as stored
 */
StudioImageRecord *
studio_image_store_record_finish (StudioImageStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_download_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StudioImageStore *self = source_object;
  StudioImageStoreTask *data = task_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autofree char *mime_type = NULL;
  StudioImageFile file = { 0 };
  GError *error = NULL;
  gint64 id = -1;

  if (!(record = studio_image_store_get_record (self, data->id, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (record->path != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&record), g_object_unref);
      return;
    }

  mime_type = studio_mime_sniff_bytes (g_bytes_get_data (data->bytes, NULL),
                                       MIN (g_bytes_get_size (data->bytes),
                                            STUDIO_MIME_SNIFF_BYTES));
  if (!studio_image_file_write (&file, self->folder, data->bytes, mime_type, record,
                                self->writing, &self->writing_lock, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      stmt = studio_history_prepare (self->history,
                                     "UPDATE images SET path = ?2, file_size = ?3, width = ?4,"
                                     " height = ?5, mime_type = ?6, state = 'complete'"
                                     " WHERE id = ?1 AND path IS NULL RETURNING id",
                                     &error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, data->id);
          studio_history_bind_text (stmt, 2, file.path);
          sqlite3_bind_int64 (stmt, 3, file.size);
          sqlite3_bind_int64 (stmt, 4, file.width);
          sqlite3_bind_int64 (stmt, 5, file.height);
          studio_history_bind_text (stmt, 6, mime_type);
          if ((id = step_returning_id (self, stmt, &error)) == 0)
            studio_image_store_set_not_found (&error);
        }
    }

  if (id <= 0)
    {
      remove_file (self, file.path);
      studio_image_file_clear (&file);
      g_task_return_error (task, error);
      return;
    }

  studio_image_file_clear (&file);
  g_clear_object (&record);
  if ((record = studio_image_store_get_record (self, id, &error)))
    g_task_return_pointer (task, g_steal_pointer (&record), g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * studio_image_store_save_download_async:
 * @self: a store
 * @id: an image saved from a URL result, whose file is not stored yet
 * @bytes: what the URL gave
 * @cancellable: (nullable): stops the save while the file is written
 * @callback: called with the stored record; see studio_image_store_record_finish()
 * @user_data: for @callback
 *
 * Stores a downloaded URL result (right after the save, or on Retry): its
 * file is written and the image becomes complete. An image that has its
 * file already is left as it is.
 */
void
studio_image_store_save_download_async (StudioImageStore    *self,
                                        gint64               id,
                                        GBytes              *bytes,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StudioImageStoreTask *data;

  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (bytes != NULL);

  data = g_new0 (StudioImageStoreTask, 1);
  data->id = id;
  data->bytes = g_bytes_ref (bytes);
  studio_image_store_run_task (self, studio_image_store_save_download_async, data,
                               save_download_thread, TRUE, cancellable, callback, user_data);
}

/* Files first, then rows: a purge cut short leaves rows still hidden and
 * due for purging, never a file without a row.
 */
static gboolean
purge (StudioImageStore  *self,
       gint64             id,
       GError           **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  int rc;

  select = studio_history_prepare (self->history,
                                   "SELECT id, path FROM images WHERE deleted IS NOT NULL"
                                   " AND (?1 = 0 OR id = ?1)",
                                   error);
  delete = studio_history_prepare (self->history, "DELETE FROM images WHERE id = ?1", error);
  if (select == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, row);
      g_ptr_array_add (paths, g_strdup ((const char *) sqlite3_column_text (select, 1)));
    }

  if (rc != SQLITE_DONE)
    return studio_history_set_sqlite_error (self->history, rc, error);

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_ptr_array_index (paths, i) != NULL)
        remove_file (self, g_ptr_array_index (paths, i));

      sqlite3_reset (delete);
      sqlite3_bind_int64 (delete, 1, g_array_index (ids, gint64, i));
      if (!studio_history_step_done (self->history, delete, error))
        return FALSE;
    }

  /* What a killed process was writing, never what this one is. */
  if (id == 0)
    {
      g_autoptr(GDir) dir = g_dir_open (self->folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = NULL;
          gboolean busy;

          if (!studio_image_file_is_temporary (name))
            continue;

          path = g_build_filename (self->folder, name, NULL);
          g_mutex_lock (&self->writing_lock);
          busy = g_hash_table_contains (self->writing, path);
          g_mutex_unlock (&self->writing_lock);
          if (!busy)
            remove_file (self, name);
        }
    }

  return TRUE;
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StudioImageStore *self = source_object;
  StudioImageStoreTask *data = task_data;
  GError *error = NULL;
  gint64 changed = -1;

  if (data->kind == CHANGE_PURGE)
    {
      if (purge (self, data->id, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  {
    g_autoptr(sqlite3_mutex) lock = studio_history_lock (self->history);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    stmt = studio_history_prepare (self->history,
                                   data->kind == CHANGE_DELETE
                                   ? "UPDATE images SET deleted = ?2"
                                     " WHERE id = ?1 AND deleted IS NULL RETURNING id"
                                   : "UPDATE images SET deleted = NULL"
                                     " WHERE id = ?1 AND deleted IS NOT NULL RETURNING id",
                                   &error);
    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, data->id);
        sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
        if ((changed = step_returning_id (self, stmt, &error)) == 0)
          studio_image_store_set_not_found (&error);
      }
  }

  if (changed > 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
change_async (StudioImageStore    *self,
              gpointer             source_tag,
              ChangeKind           kind,
              gint64               id,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  StudioImageStoreTask *data = g_new0 (StudioImageStoreTask, 1);

  data->kind = kind;
  data->id = id;
  studio_image_store_run_task (self, source_tag, data, change_thread, FALSE, cancellable,
                               callback, user_data);
}

/**
 * studio_image_store_delete_async:
 * @self: a store
 * @id: an image
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is gone from the gallery; finish with
 *   studio_image_store_change_finish()
 * @user_data: for @callback
 *
 * Hides the image; its file and row stay until
 * studio_image_store_purge_async(), so that
 * studio_image_store_restore_async() can undo this.
 */
void
studio_image_store_delete_async (StudioImageStore    *self,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (id > 0);

  change_async (self, studio_image_store_delete_async, CHANGE_DELETE, id, cancellable,
                callback, user_data);
}

/**
 * studio_image_store_restore_async:
 * @self: a store
 * @id: an image deleted and not purged
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is back; %G_IO_ERROR_NOT_FOUND if it was
 *   purged meanwhile
 * @user_data: for @callback
 */
void
studio_image_store_restore_async (StudioImageStore    *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (id > 0);

  change_async (self, studio_image_store_restore_async, CHANGE_RESTORE, id, cancellable,
                callback, user_data);
}

/**
 * studio_image_store_purge_async:
 * @self: a store
 * @id: a deleted image, or 0 for every deleted image and every temporary
 *   file left by a process that was killed while saving (for start-up)
 * @cancellable: (nullable): a cancellable
 * @callback: called when the files and rows are gone
 * @user_data: for @callback
 *
 * An image that is not deleted is left alone.
 */
void
studio_image_store_purge_async (StudioImageStore    *self,
                                gint64               id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (id >= 0);

  change_async (self, studio_image_store_purge_async, CHANGE_PURGE, id, cancellable,
                callback, user_data);
}

/**
 * studio_image_store_change_finish:
 *
 * Finishes a delete, a restore or a purge.
 */
gboolean
studio_image_store_change_finish (StudioImageStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
