/* studio-history-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "studio-history.h"

G_BEGIN_DECLS

/* Conversations in one SQLite file under the user data directory.
 *
 * WAL journaling with synchronous=NORMAL: a commit survives the process
 * being killed, and the file stays consistent whatever happens. The schema
 * version lives in PRAGMA user_version and each migration runs in its own
 * transaction. Message text is indexed with FTS5 through triggers, so the
 * index can never disagree with the table.
 *
 * The connection is opened in serialized mode: small writes run on the
 * caller's thread, loading and searching, which can be large, in a worker,
 * and so does all of the image store (studio-image-store.c) and of the
 * transcript store (studio-transcript-store.c), writes too.
 */
struct _StudioHistory
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_mutex, sqlite3_mutex_leave)

/* Holds the connection's own (recursive) mutex over statements that no
 * other thread's may come between: a savepoint and what it covers, or a
 * write and the id it made. Writes in workers (the image and transcript
 * stores) would otherwise join, or be rolled back with, another thread's
 * transaction.
 * Declare it before the statements, so that they are finalized first.
 */
static inline sqlite3_mutex *
studio_history_lock (StudioHistory *self)
{
  sqlite3_mutex *mutex = sqlite3_db_mutex (self->db);

  sqlite3_mutex_enter (mutex);
  return mutex;
}

/* In studio-history-db.c: opening the file, and the helpers every query
 * goes through, which report a failure as a %STUDIO_HISTORY_ERROR.
 */
gboolean      studio_history_open             (StudioHistory  *self,
                                               const char     *path,
                                               GError        **error);
gboolean      studio_history_set_sqlite_error (StudioHistory  *self,
                                               int             rc,
                                               GError        **error);
gboolean      studio_history_exec             (StudioHistory  *self,
                                               const char     *sql,
                                               GError        **error);
sqlite3_stmt *studio_history_prepare          (StudioHistory  *self,
                                               const char     *sql,
                                               GError        **error);
gboolean      studio_history_step_done        (StudioHistory  *self,
                                               sqlite3_stmt   *stmt,
                                               GError        **error);
int           studio_history_query_int        (StudioHistory  *self,
                                               const char     *sql,
                                               GError        **error);
void          studio_history_bind_text        (sqlite3_stmt   *stmt,
                                               int             index,
                                               const char     *text);

/* In studio-history-search.c: what the user typed as an FTS5 query. */
char         *studio_history_fts_query        (const char     *text);

G_END_DECLS
