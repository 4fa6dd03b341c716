/* studio-history-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-history"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-history-private.h"

/* The history's SQLite file: opening it, its schema and the migrations
 * between versions, and the few helpers every query goes through, which
 * turn SQLite's result codes into STUDIO_HISTORY_ERROR errors.
 */

static const char *migrations[] = {
  /* 1: the tables */
  "CREATE TABLE conversations ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  model TEXT,"
  "  system_prompt TEXT NOT NULL DEFAULT '',"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL);"
  "CREATE TABLE messages ("
  "  id INTEGER PRIMARY KEY,"
  "  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL,"
  "  content TEXT NOT NULL DEFAULT '',"
  "  state INTEGER NOT NULL DEFAULT 0,"
  "  extra TEXT NOT NULL DEFAULT '{}',"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL);"
  "CREATE INDEX messages_by_conversation ON messages (conversation_id, id);"
  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  name TEXT,"
  "  mime_type TEXT,"
  "  detail TEXT,"
  "  data BLOB,"
  "  text TEXT);"
  "CREATE INDEX attachments_by_message ON attachments (message_id);",

  /* 2: full-text search over message text, kept in step by triggers */
  "CREATE VIRTUAL TABLE messages_fts USING fts5 ("
  "  content, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);"
  "END;"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, content)"
  " VALUES ('delete', old.id, old.content);"
  "END;"
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, content)"
  " VALUES ('delete', old.id, old.content);"
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);"
  "END;"
  "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');",

  /* 3: the Images workspace's gallery. A file is named relative to the
   * images folder (NULL while a URL result is not downloaded); a deleted
   * image keeps its row and file, hidden, until it is purged, for Undo.
   */
  "CREATE TABLE images ("
  "  id INTEGER PRIMARY KEY,"
  "  created INTEGER NOT NULL,"
  "  endpoint TEXT NOT NULL CHECK (endpoint IN ('generations', 'edits', 'variations')),"
  "  model TEXT,"
  "  prompt TEXT NOT NULL DEFAULT '',"
  "  revised_prompt TEXT,"
  "  options TEXT NOT NULL DEFAULT '{}',"
  "  details TEXT NOT NULL DEFAULT '{}',"
  "  usage TEXT NOT NULL DEFAULT '{}',"
  "  cost REAL,"
  "  path TEXT,"
  "  file_size INTEGER,"
  "  width INTEGER NOT NULL DEFAULT 0,"
  "  height INTEGER NOT NULL DEFAULT 0,"
  "  mime_type TEXT,"
  "  state TEXT NOT NULL DEFAULT 'complete'"
  "    CHECK (state IN ('complete', 'partial', 'download-failed')),"
  "  url TEXT,"
  "  parent_id INTEGER REFERENCES images (id) ON DELETE SET NULL,"
  "  sources TEXT NOT NULL DEFAULT '[]',"
  "  deleted INTEGER);"
  "CREATE INDEX images_by_created ON images (created, id) WHERE deleted IS NULL;"
  "CREATE INDEX images_by_parent ON images (parent_id);"
  "CREATE VIRTUAL TABLE images_fts USING fts5 ("
  "  prompt, revised_prompt, content='images', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN"
  "  INSERT INTO images_fts (rowid, prompt, revised_prompt)"
  " VALUES (new.id, new.prompt, new.revised_prompt);"
  "END;"
  "CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN"
  "  INSERT INTO images_fts (images_fts, rowid, prompt, revised_prompt)"
  " VALUES ('delete', old.id, old.prompt, old.revised_prompt);"
  "END;"
  "CREATE TRIGGER images_fts_update AFTER UPDATE OF prompt, revised_prompt ON images BEGIN"
  "  INSERT INTO images_fts (images_fts, rowid, prompt, revised_prompt)"
  " VALUES ('delete', old.id, old.prompt, old.revised_prompt);"
  "  INSERT INTO images_fts (rowid, prompt, revised_prompt)"
  " VALUES (new.id, new.prompt, new.revised_prompt);"
  "END;",

  /* 4: the Transcribe workspace. Audio files, clips and pieces are named
   * relative to the transcripts folder; the JSON columns are kept as text,
   * as written. A deleted transcript stays, hidden, until it is purged, for
   * Undo. A speaker outlives the transcript its clip was cut from.
   */
  "CREATE TABLE transcripts ("
  "  id INTEGER PRIMARY KEY,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT 'recording' CHECK (source IN ('recording', 'import')),"
  "  original_name TEXT,"
  "  audio_path TEXT,"
  "  audio_size INTEGER NOT NULL DEFAULT 0,"
  "  duration_us INTEGER NOT NULL DEFAULT 0,"
  "  model TEXT,"
  "  options TEXT NOT NULL DEFAULT '{}',"
  "  state TEXT NOT NULL DEFAULT 'audio'"
  "    CHECK (state IN ('audio', 'transcribing', 'complete', 'partial', 'failed')),"
  "  error TEXT,"
  "  transcript TEXT,"
  "  pieces TEXT NOT NULL DEFAULT '[]',"
  "  usage TEXT NOT NULL DEFAULT '{}',"
  "  cost REAL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  deleted INTEGER);"
  "CREATE INDEX transcripts_by_created ON transcripts (created, id) WHERE deleted IS NULL;"
  "CREATE VIRTUAL TABLE transcripts_fts USING fts5 ("
  "  title, text, content='transcripts', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER transcripts_fts_insert AFTER INSERT ON transcripts BEGIN"
  "  INSERT INTO transcripts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TRIGGER transcripts_fts_delete AFTER DELETE ON transcripts BEGIN"
  "  INSERT INTO transcripts_fts (transcripts_fts, rowid, title, text)"
  " VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER transcripts_fts_update AFTER UPDATE OF title, text ON transcripts BEGIN"
  "  INSERT INTO transcripts_fts (transcripts_fts, rowid, title, text)"
  " VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO transcripts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TABLE speakers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  clip_path TEXT NOT NULL,"
  "  duration_us INTEGER NOT NULL DEFAULT 0,"
  "  created INTEGER NOT NULL,"
  "  source_transcript_id INTEGER REFERENCES transcripts (id) ON DELETE SET NULL);"
  "CREATE INDEX speakers_by_source ON speakers (source_transcript_id);",

  /* 5: the Speech workspace. Each clip's pieces are files in a folder of
   * its own under the speech folder, named relative to it; the settings
   * and the pieces are JSON kept as text. Deleted clips wait, hidden, for
   * Undo or a purge, like transcripts.
   */
  "CREATE TABLE speech_clips ("
  "  id INTEGER PRIMARY KEY,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT 'speech' CHECK (source IN ('speech', 'chat')),"
  "  conversation_id INTEGER,"
  "  model TEXT,"
  "  voice TEXT,"
  "  format TEXT,"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  state TEXT NOT NULL DEFAULT 'fetching'"
  "    CHECK (state IN ('fetching', 'complete', 'partial', 'failed')),"
  "  error TEXT,"
  "  folder TEXT,"
  "  pieces TEXT NOT NULL DEFAULT '[]',"
  "  input_chars INTEGER NOT NULL DEFAULT 0,"
  "  input_tokens INTEGER,"
  "  output_tokens INTEGER,"
  "  total_tokens INTEGER,"
  "  cost REAL,"
  "  deleted INTEGER);"
  "CREATE INDEX speech_clips_by_created ON speech_clips (created, id) WHERE deleted IS NULL;"
  "CREATE VIRTUAL TABLE speech_clips_fts USING fts5 ("
  "  title, text, content='speech_clips', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER speech_clips_fts_insert AFTER INSERT ON speech_clips BEGIN"
  "  INSERT INTO speech_clips_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TRIGGER speech_clips_fts_delete AFTER DELETE ON speech_clips BEGIN"
  "  INSERT INTO speech_clips_fts (speech_clips_fts, rowid, title, text)"
  " VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER speech_clips_fts_update AFTER UPDATE OF title, text ON speech_clips BEGIN"
  "  INSERT INTO speech_clips_fts (speech_clips_fts, rowid, title, text)"
  " VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO speech_clips_fts (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == STUDIO_HISTORY_SCHEMA_VERSION);

gboolean
studio_history_set_sqlite_error (StudioHistory  *self G_GNUC_UNUSED,
                                 int             rc,
                                 GError        **error)
{
  StudioHistoryError code = STUDIO_HISTORY_ERROR_FAILED;
  const char *message;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = STUDIO_HISTORY_ERROR_CORRUPT;
      message = _("The history file is damaged.");
      break;

    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = STUDIO_HISTORY_ERROR_READ_ONLY;
      message = _("The history file cannot be written.");
      break;

    case SQLITE_FULL:
      message = _("The disk is full.");
      break;

    default:
      message = _("The history could not be saved.");
      break;
    }

  /* sqlite3_errmsg() could be another thread's error on this shared
   * connection; the text for the code is ours for sure.
   */
  g_set_error (error, STUDIO_HISTORY_ERROR, code, "%s (%s)", message, sqlite3_errstr (rc));
  return FALSE;
}

gboolean
studio_history_exec (StudioHistory  *self,
                     const char     *sql,
                     GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || studio_history_set_sqlite_error (self, rc, error);
}

sqlite3_stmt *
studio_history_prepare (StudioHistory  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      studio_history_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return stmt;
}

gboolean
studio_history_step_done (StudioHistory  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE || rc == SQLITE_ROW || studio_history_set_sqlite_error (self, rc, error);
}

int
studio_history_query_int (StudioHistory  *self,
                          const char     *sql,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = studio_history_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      studio_history_set_sqlite_error (self, rc, error);
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

static gboolean
studio_history_migrate (StudioHistory  *self,
                        GError        **error)
{
  int version = studio_history_query_int (self, "PRAGMA user_version", error);

  if (version < 0)
    return FALSE;

  if (version > STUDIO_HISTORY_SCHEMA_VERSION)
    {
      g_set_error (error, STUDIO_HISTORY_ERROR, STUDIO_HISTORY_ERROR_NEWER_SCHEMA,
                   _("The history was written by a newer version of OpenAI Studio (schema %d)."),
                   version);
      return FALSE;
    }

  for (; version < STUDIO_HISTORY_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      g_debug ("Migrating the history to schema %d", version + 1);

      if (!studio_history_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!studio_history_exec (self, migrations[version], error) ||
          !studio_history_exec (self, bump, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }

      if (!studio_history_exec (self, "COMMIT", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
studio_history_open (StudioHistory  *self,
                     const char     *path,
                     GError        **error)
{
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  int rc;

  rc = sqlite3_open_v2 (path ? path : ":memory:", &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    return studio_history_set_sqlite_error (self, rc, error);

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Reading the schema is what reveals a file that is not a database. A
   * read-only file shows itself when WAL mode needs to write.
   */
  if (studio_history_query_int (self, "PRAGMA user_version", error) < 0 ||
      !studio_history_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !studio_history_exec (self, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", error) ||
      !studio_history_migrate (self, error))
    return FALSE;

  /* A reply that was still arriving when the app last stopped was cut off. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE messages SET state = %d WHERE state = %d",
                                            STUDIO_MESSAGE_STATE_INTERRUPTED,
                                            STUDIO_MESSAGE_STATE_STREAMING);

    if (!studio_history_exec (self, sql, error))
      return FALSE;
  }

  return TRUE;
}

void
studio_history_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}
