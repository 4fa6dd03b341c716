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
 * caller's thread, loading and searching, which can be large, in a worker.
 */
struct _StudioHistory
{
  GObject  parent_instance;

  sqlite3 *db;
  char    *path;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

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

G_END_DECLS
