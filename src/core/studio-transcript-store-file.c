/* studio-transcript-store-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "studio-transcript-store-private.h"
#include "studio-utils.h"

/* The transcript store's files in the transcripts folder: new audio files'
 * names, each taken by creating the file empty; a speaker's clip moved in;
 * and the removal of files when their rows go (a purge, a speaker's
 * delete, an empty file nothing was written into), which never touches a
 * file outside the folder nor one that another row still names. Each runs
 * in a worker, but for studio_transcript_store_new_audio_file().
 */

/* A hidden transcript is purged at start-up once it has been deleted this
 * long: long enough for an Undo, short enough that the disk is given back.
 */
#define PURGE_AFTER_US (G_USEC_PER_SEC * G_GINT64_CONSTANT (24 * 60 * 60))

/* Only files in the folder are ours to remove: a piece's path may name a
 * file elsewhere, and a hand-edited row anything at all.
 */
static char *
dup_own_path (StudioTranscriptStore *self,
              const char            *path)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;

  if (studio_str_empty0 (path))
    return NULL;

  folder = g_file_new_for_path (self->folder);
  if (g_path_is_absolute (path))
    file = g_file_new_for_path (path);
  else
    file = g_file_resolve_relative_path (folder, path);

  if (!g_file_has_prefix (file, folder))
    return NULL;

  return g_file_get_path (file);
}

/* Whether a row other than @id (a transcript's audio or piece, a speaker's
 * clip, hidden or not) still names @path as written.
 */
static gboolean
is_file_in_use (StudioTranscriptStore *self,
                gint64                 transcript_id,
                gint64                 speaker_id,
                const char            *path)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  stmt = studio_history_prepare (self->history,
                                 "SELECT 1 FROM transcripts t WHERE t.id != ?1"
                                 " AND (t.audio_path = ?3 OR EXISTS (SELECT 1 FROM json_each ("
                                 "  CASE WHEN json_valid (t.pieces) THEN t.pieces ELSE '[]' END)"
                                 "  WHERE json_extract (value, '$.path') = ?3))"
                                 " UNION ALL SELECT 1 FROM speakers s"
                                 "  WHERE s.id != ?2 AND s.clip_path = ?3 LIMIT 1",
                                 &error);
  if (stmt == NULL)
    {
      g_warning ("Could not check whether %s is in use: %s", path, error->message);
      return TRUE;
    }

  sqlite3_bind_int64 (stmt, 1, transcript_id);
  sqlite3_bind_int64 (stmt, 2, speaker_id);
  studio_history_bind_text (stmt, 3, path);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      studio_history_set_sqlite_error (self->history, rc, &error);
      g_warning ("Could not check whether %s is in use: %s", path, error->message);
      return TRUE;
    }

  return rc == SQLITE_ROW;
}

static void
remove_own_file (StudioTranscriptStore *self,
                 gint64                 transcript_id,
                 gint64                 speaker_id,
                 const char            *path)
{
  g_autofree char *file = dup_own_path (self, path);

  if (file == NULL || is_file_in_use (self, transcript_id, speaker_id, path))
    return;

  if (g_unlink (file) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", file, g_strerror (errno));
}

/* Letters, digits, '-' and '_' of @hint, without its extension; the rest
 * becomes single dashes.
 */
static char *
dup_file_stem (const char *hint,
               const char *fallback)
{
  g_autofree char *stem = NULL;
  GString *out = g_string_new (NULL);
  const char *dot;
  guint n_chars = 0;

  stem = g_strdup (hint ? hint : "");
  if ((dot = strrchr (stem, '.')) != NULL && dot != stem)
    stem[dot - stem] = '\0';
  if (!g_utf8_validate (stem, -1, NULL))
    g_clear_pointer (&stem, g_free);

  for (const char *p = stem; p && *p && n_chars < 40; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || c == '-')
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
      else
        continue;
      n_chars++;
    }

  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, fallback);

  return g_string_free (out, FALSE);
}

/* A name no file has yet, which this call takes by creating the file
 * empty; so two calls in the same second never get the same one.
 */
static GFile *
reserve_file (const char *folder,
              const char *stem,
              const char *extension,
              GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  int saved_errno = 0;

  while (extension != NULL && *extension == '.')
    extension++;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    saved_errno = errno;

  for (guint i = 1; saved_errno == 0; i++)
    {
      g_autofree char *number = i > 1 ? g_strdup_printf ("-%u", i) : g_strdup ("");
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      int fd;

      name = g_strdup_printf ("%s-%s%s%s%s", when, stem, number,
                              studio_str_empty0 (extension) ? "" : ".",
                              extension ? extension : "");
      path = g_build_filename (folder, name, NULL);
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          g_close (fd, NULL);
          return g_file_new_for_path (path);
        }
      if (errno != EEXIST)
        saved_errno = errno;
    }

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The transcripts folder cannot be written: %s"), g_strerror (saved_errno));
  return NULL;
}

/**
 * studio_transcript_store_new_audio_file:
 * @self: a store
 * @hint: (nullable): a word or file name for the file's name, such as
 *   "recording" or the imported file's name
 * @extension: (nullable): the extension, such as "ogg"
 *
 * Makes the folder and, in it, a new empty file with a name no other file
 * has, such as "2026-12-02-140501-recording.ogg", for a recording or an
 * imported file's copy to be written into. Runs on the caller's thread: it
 * is one small file.
 *
 * Returns: (transfer full): the file; if the folder cannot be written, a
 *   path in it all the same, so that writing fails with the reason
 */
GFile *
studio_transcript_store_new_audio_file (StudioTranscriptStore *self,
                                        const char            *hint,
                                        const char            *extension)
{
  g_autofree char *stem = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_STORE (self), NULL);

  stem = dup_file_stem (hint, "audio");
  if ((file = reserve_file (self->folder, stem, extension, &error)) == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", stem, extension ? extension : "audio");

      g_message ("Could not make a file in %s: %s", self->folder, error->message);
      file = g_file_new_build_filename (self->folder, name, NULL);
    }

  return file;
}

/* Moves @clip into the folder unless it is there already; its name comes
 * from @name, the speaker's.
 */
GFile *
studio_transcript_store_take_clip (StudioTranscriptStore  *self,
                                   GFile                  *clip,
                                   const char             *name,
                                   GCancellable           *cancellable,
                                   GError                **error)
{
  g_autoptr(GFile) folder = g_file_new_for_path (self->folder);
  g_autoptr(GFile) dest = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *hint = NULL;
  const char *extension;

  if (g_file_has_prefix (clip, folder))
    return g_object_ref (clip);

  basename = g_file_get_basename (clip);
  extension = strrchr (basename, '.');
  stem = dup_file_stem (name, "voice");
  hint = g_strconcat ("speaker-", stem, NULL);
  if (!(dest = reserve_file (self->folder, hint, extension ? extension + 1 : "ogg", error)))
    return NULL;

  if (!g_file_move (clip, dest, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error))
    {
      g_file_delete (dest, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&dest);
}

/* studio_transcript_store_new_audio_file() makes each file empty, and a
 * caller that never wrote into it nor saved a row leaves it so. Such a file
 * holds nothing of the user's: a day later, unless a row names it, it goes.
 */
static void
remove_unused_empty_files (StudioTranscriptStore *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->folder, 0, NULL);
  gint64 before = (g_get_real_time () - PURGE_AFTER_US) / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (self->folder, name, NULL);
      GStatBuf info;

      if (g_lstat (path, &info) != 0 || !S_ISREG (info.st_mode) || info.st_size != 0 ||
          info.st_mtime >= before)
        continue;

      remove_own_file (self, 0, 0, name);
    }
}

/* Each piece's file, as the `pieces` column names it. */
static void
add_piece_paths (GPtrArray  *paths,
                 const char *pieces)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (pieces == NULL || !json_parser_load_from_data (parser, pieces, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *piece;
      const char *path;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      piece = json_node_get_object (node);
      path = json_object_get_string_member_with_default (piece, "path", NULL);
      if (path != NULL)
        g_ptr_array_add (paths, g_strdup (path));
    }
}

/* Files first, then rows: a purge cut short leaves rows still hidden and
 * due for purging, never a file without a row.
 */
gboolean
studio_transcript_store_purge_deleted (StudioTranscriptStore  *self,
                                       gint64                  id,
                                       GError                **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  int rc;

  select = studio_history_prepare (self->history,
                                   "SELECT id, audio_path, pieces FROM transcripts"
                                   " WHERE deleted IS NOT NULL"
                                   " AND (id = ?1 OR (?1 = 0 AND deleted < ?2))",
                                   error);
  delete = studio_history_prepare (self->history,
                                   "DELETE FROM transcripts WHERE id = ?1 AND deleted IS NOT NULL",
                                   error);
  if (select == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, id);
  sqlite3_bind_int64 (select, 2, g_get_real_time () - PURGE_AFTER_US);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (select, 0);
      GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
      const char *audio = (const char *) sqlite3_column_text (select, 1);

      if (audio != NULL)
        g_ptr_array_add (paths, g_strdup (audio));
      add_piece_paths (paths, (const char *) sqlite3_column_text (select, 2));
      g_array_append_val (ids, row);
      g_ptr_array_add (files, paths);
    }

  if (rc != SQLITE_DONE)
    return studio_history_set_sqlite_error (self->history, rc, error);

  for (guint i = 0; i < ids->len; i++)
    {
      GPtrArray *paths = g_ptr_array_index (files, i);
      gint64 row = g_array_index (ids, gint64, i);

      for (guint j = 0; j < paths->len; j++)
        remove_own_file (self, row, 0, g_ptr_array_index (paths, j));

      sqlite3_reset (delete);
      sqlite3_bind_int64 (delete, 1, row);
      if (!studio_history_step_done (self->history, delete, error))
        return FALSE;
    }

  if (id == 0)
    remove_unused_empty_files (self);

  return TRUE;
}

/* The clip first, unless another row names it, then the row. */
gboolean
studio_transcript_store_remove_speaker (StudioTranscriptStore  *self,
                                        gint64                  id,
                                        GError                **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autofree char *clip = NULL;
  int rc;

  select = studio_history_prepare (self->history, "SELECT clip_path FROM speakers WHERE id = ?1",
                                   error);
  delete = studio_history_prepare (self->history, "DELETE FROM speakers WHERE id = ?1", error);
  if (select == NULL || delete == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, id);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    return studio_transcript_store_set_speaker_not_found (error);
  if (rc != SQLITE_ROW)
    return studio_history_set_sqlite_error (self->history, rc, error);

  clip = g_strdup ((const char *) sqlite3_column_text (select, 0));
  remove_own_file (self, 0, id, clip);

  sqlite3_bind_int64 (delete, 1, id);
  return studio_history_step_done (self->history, delete, error);
}
