/* studio-transcript-store-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-store"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-history-private.h"
#include "studio-transcript-store.h"

/* Reading the Transcribe history: one transcript, a page of all of them
 * newest first, a search through the FTS5 index over titles and text, and
 * the speaker library. Each runs in a worker and hands back new objects
 * that nothing else holds.
 */

#define COLUMNS "t.id, t.created, t.updated, t.title, t.source, t.original_name, t.audio_path," \
                " t.audio_size, t.duration_us, t.model, t.options, t.state, t.error," \
                " t.transcript, t.pieces, t.usage, t.cost, t.text, t.deleted"

typedef enum
{
  QUERY_GET,
  QUERY_ALL,
  QUERY_SEARCH,
  QUERY_SPEAKERS,
} QueryKind;

typedef struct
{
  char      *text;
  gint64     id;
  guint      offset;
  guint      limit;
  QueryKind  kind;
} Query;

static void
query_free (Query *query)
{
  g_free (query->text);
  g_free (query);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static StudioTranscriptRecord *
record_from_row (sqlite3_stmt *stmt)
{
  StudioTranscriptRecord *record = studio_transcript_record_new ();
  StudioTranscriptState state;

  studio_transcript_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  studio_transcript_record_set_created (record, sqlite3_column_int64 (stmt, 1));
  studio_transcript_record_set_updated (record, sqlite3_column_int64 (stmt, 2));
  studio_transcript_record_set_title (record, column_text (stmt, 3));
  studio_transcript_record_set_source (record, column_text (stmt, 4));
  studio_transcript_record_set_original_name (record, column_text (stmt, 5));
  studio_transcript_record_set_audio_path (record, column_text (stmt, 6));
  studio_transcript_record_set_audio_size (record, MAX (sqlite3_column_int64 (stmt, 7), 0));
  studio_transcript_record_set_duration_us (record, MAX (sqlite3_column_int64 (stmt, 8), 0));
  studio_transcript_record_set_model (record, column_text (stmt, 9));
  studio_transcript_record_set_options (record, column_text (stmt, 10));
  if (studio_transcript_state_from_string (column_text (stmt, 11), &state))
    studio_transcript_record_set_state (record, state);
  studio_transcript_record_set_error (record, column_text (stmt, 12));
  studio_transcript_record_set_transcript (record, column_text (stmt, 13));
  studio_transcript_record_set_pieces (record, column_text (stmt, 14));
  studio_transcript_record_set_usage (record, column_text (stmt, 15));
  studio_transcript_record_set_cost (record, sqlite3_column_type (stmt, 16) == SQLITE_NULL
                                             ? -1 : sqlite3_column_double (stmt, 16));
  studio_transcript_record_set_text (record, column_text (stmt, 17));
  studio_transcript_record_set_deleted (record, MAX (sqlite3_column_int64 (stmt, 18), 0));

  return record;
}

static StudioSpeaker *
speaker_from_row (const char   *folder,
                  sqlite3_stmt *stmt)
{
  StudioSpeaker *speaker = g_new0 (StudioSpeaker, 1);
  const char *clip = column_text (stmt, 2);

  speaker->id = sqlite3_column_int64 (stmt, 0);
  speaker->name = g_strdup (column_text (stmt, 1));
  if (clip != NULL)
    speaker->clip_path = g_path_is_absolute (clip) ? g_strdup (clip)
                         : g_build_filename (folder, clip, NULL);
  speaker->duration_us = sqlite3_column_int64 (stmt, 3);
  speaker->source_transcript_id = sqlite3_column_int64 (stmt, 4);

  return speaker;
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StudioTranscriptStore *self = source_object;
  StudioHistory *history = studio_transcript_store_get_history (self);
  const char *folder = studio_transcript_store_get_folder (self);
  Query *query = task_data;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  GError *error = NULL;
  const char *sql = NULL;
  int rc;

  switch (query->kind)
    {
    case QUERY_GET:
      sql = "SELECT " COLUMNS " FROM transcripts t WHERE t.id = ?4 AND t.deleted IS NULL";
      break;

    case QUERY_ALL:
      sql = "SELECT " COLUMNS " FROM transcripts t WHERE t.deleted IS NULL"
            " ORDER BY t.created DESC, t.id DESC LIMIT ?2 OFFSET ?3";
      break;

    case QUERY_SEARCH:
      if ((match = studio_history_fts_query (query->text)) == NULL)
        {
          g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                                 (GDestroyNotify) g_ptr_array_unref);
          return;
        }
      sql = "SELECT " COLUMNS " FROM transcripts_fts"
            " JOIN transcripts t ON t.id = transcripts_fts.rowid"
            " WHERE transcripts_fts MATCH ?1 AND t.deleted IS NULL"
            " ORDER BY t.created DESC, t.id DESC LIMIT ?2 OFFSET ?3";
      break;

    case QUERY_SPEAKERS:
      sql = "SELECT id, name, clip_path, duration_us, source_transcript_id FROM speakers"
            " ORDER BY name COLLATE NOCASE, id";
      break;

    default:
      g_assert_not_reached ();
    }

  if (!(stmt = studio_history_prepare (history, sql, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Unused parameters may be bound all the same. */
  studio_history_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (stmt, 3, query->offset);
  sqlite3_bind_int64 (stmt, 4, query->id);

  if (query->kind == QUERY_SPEAKERS)
    rows = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_speaker_free);
  else
    rows = g_ptr_array_new_with_free_func (g_object_unref);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows->len % 256 == 255 && g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }

      if (query->kind == QUERY_SPEAKERS)
        g_ptr_array_add (rows, speaker_from_row (folder, stmt));
      else
        g_ptr_array_add (rows, record_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (history, rc, &error);
      g_task_return_error (task, error);
      return;
    }

  if (query->kind == QUERY_GET)
    {
      if (rows->len == 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                                 _("The transcript is no longer in the history."));
      else
        g_task_return_pointer (task, g_object_ref (g_ptr_array_index (rows, 0)),
                               g_object_unref);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_ptr_array_unref);
}

static void
query_async (StudioTranscriptStore *self,
             gpointer               source_tag,
             QueryKind              kind,
             const char            *text,
             gint64                 id,
             guint                  offset,
             guint                  limit,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Query *query = g_new0 (Query, 1);

  query->kind = kind;
  query->text = g_strdup (text);
  query->id = id;
  query->offset = offset;
  query->limit = limit;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * studio_transcript_store_get_async:
 * @self: a store
 * @id: a transcript's id
 * @cancellable: (nullable): a cancellable
 * @callback: called with the record (see
 *   studio_transcript_store_record_finish()), or %G_IO_ERROR_NOT_FOUND for
 *   a transcript that is not (or no longer) in the history
 * @user_data: for @callback
 */
void
studio_transcript_store_get_async (StudioTranscriptStore *self,
                                   gint64                 id,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));

  query_async (self, studio_transcript_store_get_async, QUERY_GET, NULL, id, 0, 0,
               cancellable, callback, user_data);
}

/**
 * studio_transcript_store_record_finish:
 *
 * Finishes a get.
 *
 * Returns: (transfer full) (nullable): the record as stored, a new object
 */
StudioTranscriptRecord *
studio_transcript_store_record_finish (StudioTranscriptStore  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_transcript_store_get_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_transcript_store_list_async:
 * @self: a store
 * @offset: how many of the newest transcripts to skip
 * @limit: how many to list at most, 0 for all
 * @cancellable: (nullable): a cancellable
 * @callback: called with a page of the history, newest first; see
 *   studio_transcript_store_list_finish()
 * @user_data: for @callback
 *
 * Deleted transcripts are left out.
 */
void
studio_transcript_store_list_async (StudioTranscriptStore *self,
                                    guint                  offset,
                                    guint                  limit,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));

  query_async (self, studio_transcript_store_list_async, QUERY_ALL, NULL, 0, offset, limit,
               cancellable, callback, user_data);
}

/**
 * studio_transcript_store_search_async:
 * @self: a store
 * @text: words as the user typed them, found in the title or the
 *   transcript's text (the last one as a prefix, accents folded)
 * @offset: how many of the newest hits to skip
 * @limit: how many to list at most, 0 for all
 * @cancellable: (nullable): a cancellable
 * @callback: called with the hits, newest first; see
 *   studio_transcript_store_list_finish()
 * @user_data: for @callback
 */
void
studio_transcript_store_search_async (StudioTranscriptStore *self,
                                      const char            *text,
                                      guint                  offset,
                                      guint                  limit,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));
  g_return_if_fail (text != NULL);

  query_async (self, studio_transcript_store_search_async, QUERY_SEARCH, text, 0, offset,
               limit, cancellable, callback, user_data);
}

/**
 * studio_transcript_store_list_finish:
 *
 * Finishes a list or a search.
 *
 * Returns: (transfer full) (element-type StudioTranscriptRecord) (nullable):
 *   the records
 */
GPtrArray *
studio_transcript_store_list_finish (StudioTranscriptStore  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  gpointer tag;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  tag = g_task_get_source_tag (G_TASK (result));
  g_return_val_if_fail (tag == studio_transcript_store_list_async ||
                        tag == studio_transcript_store_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_transcript_store_list_speakers_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called with every speaker, by name; see
 *   studio_transcript_store_list_speakers_finish()
 * @user_data: for @callback
 */
void
studio_transcript_store_list_speakers_async (StudioTranscriptStore *self,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self));

  query_async (self, studio_transcript_store_list_speakers_async, QUERY_SPEAKERS, NULL, 0, 0, 0,
               cancellable, callback, user_data);
}

/**
 * studio_transcript_store_list_speakers_finish:
 *
 * Returns: (transfer full) (element-type StudioSpeaker) (nullable): the
 *   speakers, their clips with absolute paths
 */
GPtrArray *
studio_transcript_store_list_speakers_finish (StudioTranscriptStore  *self,
                                              GAsyncResult           *result,
                                              GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        studio_transcript_store_list_speakers_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
