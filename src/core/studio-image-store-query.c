/* studio-image-store-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-store"

#include "config.h"

#include <glib/gstdio.h>

#include "studio-history-private.h"
#include "studio-image-store-private.h"

/* Reading the gallery: one image, a page of all of them newest first, a
 * search through the prompts' FTS5 index, an image's lineage and what was
 * made from it. Each runs in a worker; the files' existence is checked
 * after the rows are read, so that the connection is not held while the
 * disk answers.
 */

#define COLUMNS "i.id, i.created, i.endpoint, i.model, i.prompt, i.revised_prompt, i.options," \
                " i.details, i.usage, i.cost, i.path, i.file_size, i.width, i.height," \
                " i.mime_type, i.state, i.url, i.parent_id, i.sources"

typedef enum
{
  LIST_ALL,
  LIST_SEARCH,
  LIST_LINEAGE,
  LIST_DERIVED,
} ListKind;

static JsonNode *
parse_text (JsonParser *parser,
            const char *text)
{
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL)
    return NULL;

  return json_node_ref (root);
}

static void
take_object (JsonObject **field,
             JsonParser  *parser,
             const char  *text)
{
  g_autoptr(JsonNode) node = parse_text (parser, text);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (field, json_object_unref);
      *field = json_node_dup_object (node);
    }
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static StudioImageRecord *
record_from_row (StudioImageStore *self,
                 sqlite3_stmt     *stmt,
                 JsonParser       *parser)
{
  StudioImageRecord *record = g_object_new (STUDIO_TYPE_IMAGE_RECORD, NULL);
  g_autoptr(JsonObject) usage = NULL;
  g_autoptr(JsonNode) sources = NULL;

  record->id = sqlite3_column_int64 (stmt, 0);
  record->created = sqlite3_column_int64 (stmt, 1);
  record->endpoint = g_strdup (column_text (stmt, 2));
  record->model = g_strdup (column_text (stmt, 3));
  record->prompt = g_strdup (column_text (stmt, 4));
  record->revised_prompt = g_strdup (column_text (stmt, 5));
  take_object (&record->options, parser, column_text (stmt, 6));
  take_object (&record->details, parser, column_text (stmt, 7));
  usage = json_object_new ();
  take_object (&usage, parser, column_text (stmt, 8));
  studio_image_usage_parse (&record->usage, usage);
  record->cost = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1
                 : sqlite3_column_double (stmt, 9);
  record->path = g_strdup (column_text (stmt, 10));
  if (record->path != NULL)
    record->file = g_build_filename (self->folder, record->path, NULL);
  record->file_size = sqlite3_column_int64 (stmt, 11);
  record->width = CLAMP (sqlite3_column_int64 (stmt, 12), 0, G_MAXUINT);
  record->height = CLAMP (sqlite3_column_int64 (stmt, 13), 0, G_MAXUINT);
  record->mime_type = g_strdup (column_text (stmt, 14));
  if (!studio_image_state_from_string (column_text (stmt, 15), &record->state))
    record->state = STUDIO_IMAGE_STATE_COMPLETE;
  record->url = g_strdup (column_text (stmt, 16));
  record->parent_id = sqlite3_column_int64 (stmt, 17);
  sources = parse_text (parser, column_text (stmt, 18));
  if (sources != NULL && JSON_NODE_HOLDS_ARRAY (sources))
    {
      g_clear_pointer (&record->sources, json_array_unref);
      record->sources = json_node_dup_array (sources);
    }

  return record;
}

/* A file that is gone, or not the size it was written with, is missing:
 * a stat per image, cheap enough for a page of the gallery. Rows are read
 * first, so that the connection is not held while the disk answers.
 */
static void
check_files (GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);
      GStatBuf info;

      if (record->file != NULL)
        record->missing = g_stat (record->file, &info) != 0 ||
                          (gint64) info.st_size != record->file_size;
    }
}

static GPtrArray *
read_rows (StudioImageStore  *self,
           sqlite3_stmt      *stmt,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (records->len % 256 == 255 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_ptr_array_add (records, record_from_row (self, stmt, parser));
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self->history, rc, error);
      return NULL;
    }

  check_files (records);
  return g_steal_pointer (&records);
}

StudioImageRecord *
studio_image_store_get_record (StudioImageStore  *self,
                               gint64             id,
                               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;

  stmt = studio_history_prepare (self->history,
                                 "SELECT " COLUMNS " FROM images i"
                                 " WHERE i.id = ?1 AND i.deleted IS NULL",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!(records = read_rows (self, stmt, NULL, error)))
    return NULL;

  if (records->len == 0)
    {
      studio_image_store_set_not_found (error);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (records, 0));
}


static void
get_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  StudioImageStoreTask *data = task_data;
  GError *error = NULL;
  StudioImageRecord *record;

  if ((record = studio_image_store_get_record (source_object, data->id, &error)))
    g_task_return_pointer (task, record, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * studio_image_store_get_async:
 * @self: a store
 * @id: an image's id
 * @cancellable: (nullable): a cancellable
 * @callback: called with the record (see studio_image_store_record_finish()),
 *   or %G_IO_ERROR_NOT_FOUND for an image that is not (or no longer) in the
 *   gallery
 * @user_data: for @callback
 */
void
studio_image_store_get_async (StudioImageStore    *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  StudioImageStoreTask *data;

  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));

  data = g_new0 (StudioImageStoreTask, 1);
  data->id = id;
  studio_image_store_run_task (self, studio_image_store_get_async, data, get_thread, FALSE,
                               cancellable, callback, user_data);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StudioImageStore *self = source_object;
  StudioImageStoreTask *data = task_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  GError *error = NULL;
  GPtrArray *records;
  const char *sql = NULL;

  switch ((ListKind) data->kind)
    {
    case LIST_ALL:
      sql = "SELECT " COLUMNS " FROM images i WHERE i.deleted IS NULL"
            " ORDER BY i.created DESC, i.id DESC LIMIT ?2 OFFSET ?3";
      break;

    case LIST_SEARCH:
      if ((match = studio_history_fts_query (data->text)) == NULL)
        {
          g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                                 (GDestroyNotify) g_ptr_array_unref);
          return;
        }
      sql = "SELECT " COLUMNS " FROM images_fts JOIN images i ON i.id = images_fts.rowid"
            " WHERE images_fts MATCH ?1 AND i.deleted IS NULL"
            " ORDER BY i.created DESC, i.id DESC LIMIT ?2 OFFSET ?3";
      break;

    case LIST_LINEAGE:
      /* The image, its parent, the parent's parent… (depth-bounded, in case
       * a hand-edited file has a cycle).
       */
      sql = "WITH RECURSIVE chain (id, depth) AS (SELECT ?4, 0"
            "  UNION ALL SELECT p.parent_id, chain.depth + 1 FROM images p"
            "  JOIN chain ON p.id = chain.id WHERE p.parent_id IS NOT NULL AND chain.depth < 1000)"
            " SELECT " COLUMNS " FROM chain JOIN images i ON i.id = chain.id"
            " WHERE i.deleted IS NULL ORDER BY chain.depth";
      break;

    case LIST_DERIVED:
      sql = "SELECT " COLUMNS " FROM images i WHERE i.deleted IS NULL AND (i.parent_id = ?4"
            "  OR EXISTS (SELECT 1 FROM json_each (i.sources)"
            "             WHERE json_extract (value, '$.image_id') = ?4))"
            " ORDER BY i.created DESC, i.id DESC";
      break;

    default:
      g_assert_not_reached ();
    }

  if (!(stmt = studio_history_prepare (self->history, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Unused parameters may be bound all the same. */
  if (match != NULL)
    studio_history_bind_text (stmt, 1, match);
  if (data->kind == LIST_ALL || data->kind == LIST_SEARCH)
    {
      sqlite3_bind_int64 (stmt, 2, data->limit > 0 ? (gint64) data->limit : -1);
      sqlite3_bind_int64 (stmt, 3, data->offset);
    }
  else
    sqlite3_bind_int64 (stmt, 4, data->id);

  if ((records = read_rows (self, stmt, cancellable, &error)))
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
list_async (StudioImageStore    *self,
            gpointer             source_tag,
            ListKind             kind,
            const char          *text,
            gint64               id,
            guint                offset,
            guint                limit,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  StudioImageStoreTask *data = g_new0 (StudioImageStoreTask, 1);

  data->kind = kind;
  data->text = g_strdup (text);
  data->id = id;
  data->offset = offset;
  data->limit = limit;
  studio_image_store_run_task (self, source_tag, data, list_thread, FALSE, cancellable,
                               callback, user_data);
}

/**
 * studio_image_store_list_async:
 * @self: a store
 * @offset: how many of the newest images to skip
 * @limit: how many to list at most, 0 for all
 * @cancellable: (nullable): a cancellable
 * @callback: called with a page of the gallery, newest first; see
 *   studio_image_store_list_finish()
 * @user_data: for @callback
 */
void
studio_image_store_list_async (StudioImageStore    *self,
                               guint                offset,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));

  list_async (self, studio_image_store_list_async, LIST_ALL, NULL, 0, offset, limit,
              cancellable, callback, user_data);
}

/**
 * studio_image_store_search_async:
 * @self: a store
 * @text: words as the user typed them, found in the prompt or the revised
 *   prompt (the last one as a prefix, accents folded)
 * @offset: how many of the newest hits to skip
 * @limit: how many to list at most, 0 for all
 * @cancellable: (nullable): a cancellable
 * @callback: called with the hits, newest first
 * @user_data: for @callback
 */
void
studio_image_store_search_async (StudioImageStore    *self,
                                 const char          *text,
                                 guint                offset,
                                 guint                limit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));
  g_return_if_fail (text != NULL);

  list_async (self, studio_image_store_search_async, LIST_SEARCH, text, 0, offset, limit,
              cancellable, callback, user_data);
}

/**
 * studio_image_store_list_lineage_async:
 * @self: a store
 * @id: an image
 * @cancellable: (nullable): a cancellable
 * @callback: called with the image, its parent, that one's parent and so
 *   on, as far as they are in the gallery
 * @user_data: for @callback
 */
void
studio_image_store_list_lineage_async (StudioImageStore    *self,
                                       gint64               id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));

  list_async (self, studio_image_store_list_lineage_async, LIST_LINEAGE, NULL, id, 0, 0,
              cancellable, callback, user_data);
}

/**
 * studio_image_store_list_derived_async:
 * @self: a store
 * @id: an image
 * @cancellable: (nullable): a cancellable
 * @callback: called with the images made from it, newest first: those
 *   whose parent it is and those that used it as an edit source
 * @user_data: for @callback
 */
void
studio_image_store_list_derived_async (StudioImageStore    *self,
                                       gint64               id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (self));

  list_async (self, studio_image_store_list_derived_async, LIST_DERIVED, NULL, id, 0, 0,
              cancellable, callback, user_data);
}

/**
 * studio_image_store_list_finish:
 *
 * Finishes any of the list, search, lineage and derived calls. An image
 * whose file is gone (or not its size) is listed all the same, with
 * studio_image_record_get_missing() set.
 *
 * Returns: (transfer full) (element-type StudioImageRecord) (nullable): the
 *   records
 */
GPtrArray *
studio_image_store_list_finish (StudioImageStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

