/* studio-history-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-history"

#include "config.h"

#include "studio-history-private.h"

/* Full-text search over every message, through the FTS5 index that the
 * schema's triggers keep in step with the messages table.
 */

void
studio_search_hit_free (StudioSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/* Turns what the user typed into an FTS5 query that cannot be a syntax
 * error: each word quoted, the last one also matching as a prefix. %NULL
 * when there is no word. The image store's search uses it too.
 */
char *
studio_history_fts_query (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r", -1);
  GString *query = g_string_new (NULL);
  guint n_words = 0;

  for (guint i = 0; words[i]; i++)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = NULL;

      if (words[i][0] == '\0')
        continue;

      parts = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", parts);
      g_string_append_printf (query, "%s\"%s\"", n_words++ ? " " : "", escaped);
    }

  if (n_words > 0)
    g_string_append_c (query, '*');

  return g_string_free (query, n_words == 0);
}

/**
 * studio_history_search:
 * @self: a history
 * @query: words as the user typed them
 * @limit: how many hits at most
 * @error: the place for an error
 *
 * Finds messages containing all the words, the newest first.
 *
 * Returns: (transfer full) (element-type StudioSearchHit): the hits
 */
GPtrArray *
studio_history_search (StudioHistory  *self,
                       const char     *query,
                       guint           limit,
                       GError        **error)
{
  g_autoptr(GPtrArray) hits =
    g_ptr_array_new_with_free_func ((GDestroyNotify) studio_search_hit_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = NULL;
  int rc;

  g_return_val_if_fail (STUDIO_IS_HISTORY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if ((match = studio_history_fts_query (query)) == NULL)
    return g_steal_pointer (&hits);

  stmt = studio_history_prepare (self,
                                 "SELECT m.conversation_id, m.id, c.title,"
                                 "  snippet(messages_fts, 0, char(1), char(2), '…', 16)"
                                 " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
                                 " JOIN conversations c ON c.id = m.conversation_id"
                                 " WHERE messages_fts MATCH ?1"
                                 " ORDER BY messages_fts.rowid DESC LIMIT ?2",
                                 error);
  if (stmt == NULL)
    return NULL;

  studio_history_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StudioSearchHit *hit = g_new0 (StudioSearchHit, 1);

      hit->conversation_id = sqlite3_column_int64 (stmt, 0);
      hit->message_id = sqlite3_column_int64 (stmt, 1);
      hit->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit->snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (hits, hit);
    }

  if (rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&hits);
}

typedef struct
{
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *hits;

  hits = studio_history_search (source_object, data->query, data->limit, &error);
  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

void
studio_history_search_async (StudioHistory       *self,
                             const char          *query,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (STUDIO_IS_HISTORY (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_history_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
studio_history_search_finish (StudioHistory  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
