/* test-speech-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "studio-fake-server.h"
#include "studio-history.h"
#include "studio-speech-store.h"
#include "studio-speech-text.h"

typedef struct
{
  char              *dir;
  char              *db;
  char              *folder;
  StudioHistory     *history;
  StudioSpeechStore *store;
  guint              n_changed;
} Fixture;

static void
count_cb (GObject *store,
          guint   *counter)
{
  (*counter)++;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->history = studio_history_new (fixture->db, &error);
  g_assert_no_error (error);
  fixture->store = studio_speech_store_new (fixture->history, fixture->folder);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_cb), &fixture->n_changed);
}

static void
fixture_close (Fixture *fixture)
{
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-speech-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "speech", NULL);
  fixture_open (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    fixture_close (fixture);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->folder);
}

static void
save (StudioSpeechStore *store,
      StudioSpeechClip  *clip)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  studio_speech_store_save_async (store, clip, NULL, studio_fake_result_cb, &result);
  g_assert_true (studio_speech_store_save_finish (store, studio_fake_wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
change (StudioSpeechStore *store,
        void             (*func) (StudioSpeechStore *, gint64, GCancellable *, GAsyncReadyCallback, gpointer),
        gint64             id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  func (store, id, NULL, studio_fake_result_cb, &result);
  g_assert_true (studio_speech_store_change_finish (store, studio_fake_wait_result (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (StudioSpeechStore *store,
      const char        *search)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *clips;

  if (search != NULL)
    studio_speech_store_search_async (store, search, 0, 0, NULL, studio_fake_result_cb, &result);
  else
    studio_speech_store_list_async (store, 0, 0, NULL, studio_fake_result_cb, &result);
  clips = studio_speech_store_list_finish (store, studio_fake_wait_result (&result), &error);
  g_assert_no_error (error);

  return clips;
}

static StudioSpeechClip *
get (StudioSpeechStore  *store,
     gint64              id,
     GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_speech_store_get_async (store, id, NULL, studio_fake_result_cb, &result);
  return studio_speech_store_get_finish (store, studio_fake_wait_result (&result), error);
}

static StudioSpeechClip *
make_clip (const char *text)
{
  StudioSpeechClip *clip = studio_speech_clip_new ();
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();
  g_autofree char *title = studio_speech_text_dup_title (text);
  gsize half = strlen (text) / 2;
  StudioSpeechPiece *piece;

  settings->model = g_strdup ("gpt-4o-mini-tts");
  settings->instructions = g_strdup ("Calm.");
  g_free (settings->format);
  settings->format = g_strdup ("opus");
  settings->speed = 1.5;
  studio_speech_clip_set_settings (clip, settings);
  studio_speech_clip_set_text (clip, text);
  studio_speech_clip_set_title (clip, title);
  studio_speech_clip_set_input_chars (clip, g_utf8_strlen (text, -1));
  studio_speech_clip_add_piece (clip, 0, half);
  studio_speech_clip_add_piece (clip, half, strlen (text));
  piece = studio_speech_clip_get_piece (clip, 0);
  piece->file_name = g_strdup ("piece-001.opus");
  piece->bytes = 1234;
  piece->duration_us = 2500000;
  piece->complete = TRUE;

  return clip;
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioSpeechClip) clip = make_clip ("Lighthouse keepers tend the lamps. They wind the clock.");
  g_autoptr(StudioSpeechClip) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  StudioSpeechUsage usage = { 12, 340, 352 };
  const StudioSpeechSettings *settings;
  const StudioSpeechPiece *piece;

  studio_speech_clip_add_usage (clip, &usage);
  studio_speech_clip_set_cost (clip, 0.0125);
  studio_speech_clip_set_source (clip, STUDIO_SPEECH_SOURCE_CHAT);
  studio_speech_clip_set_conversation_id (clip, 42);
  file = studio_speech_store_dup_piece_file (fixture->store, clip, 0);
  g_assert_true (g_str_has_suffix (g_file_peek_path (file), "/piece-001.opus"));
  g_assert_true (g_file_query_exists (g_file_get_parent (file), NULL));

  /* Saved twice before the first insert is done: one row. */
  studio_speech_store_save_async (fixture->store, clip, NULL, NULL, NULL);
  studio_speech_clip_set_state (clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  save (fixture->store, clip);
  g_assert_cmpint (studio_speech_clip_get_id (clip), >, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  read = get (fixture->store, studio_speech_clip_get_id (clip), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_speech_clip_get_text (read), ==, studio_speech_clip_get_text (clip));
  g_assert_cmpstr (studio_speech_clip_get_title (read), ==, "Lighthouse keepers tend the lamps.");
  g_assert_cmpstr (studio_speech_clip_get_source (read), ==, STUDIO_SPEECH_SOURCE_CHAT);
  g_assert_cmpint (studio_speech_clip_get_conversation_id (read), ==, 42);
  g_assert_cmpint (studio_speech_clip_get_state (read), ==, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  g_assert_cmpstr (studio_speech_clip_get_folder_name (read), ==, studio_speech_clip_get_folder_name (clip));
  g_assert_cmpint (studio_speech_clip_get_input_chars (read), ==, studio_speech_clip_get_input_chars (clip));
  g_assert_cmpint (studio_speech_clip_get_usage (read)->output_tokens, ==, 340);
  g_assert_cmpfloat (studio_speech_clip_get_cost (read), ==, 0.0125);
  g_assert_cmpint (studio_speech_clip_get_duration_us (read), ==, 2500000);
  settings = studio_speech_clip_get_settings (read);
  g_assert_cmpstr (settings->model, ==, "gpt-4o-mini-tts");
  g_assert_cmpstr (settings->instructions, ==, "Calm.");
  g_assert_cmpstr (settings->format, ==, "opus");
  g_assert_cmpfloat (settings->speed, ==, 1.5);
  g_assert_cmpuint (studio_speech_clip_get_n_pieces (read), ==, 2);
  piece = studio_speech_clip_get_piece (read, 0);
  g_assert_cmpstr (piece->file_name, ==, "piece-001.opus");
  g_assert_cmpint (piece->bytes, ==, 1234);
  g_assert_true (piece->complete);
  piece = studio_speech_clip_get_piece (read, 1);
  g_assert_null (piece->file_name);
  g_assert_false (piece->complete);
  g_assert_cmpint (piece->duration_us, ==, -1);

  /* Reopened, the clip is still there. */
  fixture_close (fixture);
  fixture_open (fixture);
  g_clear_object (&read);
  read = get (fixture->store, studio_speech_clip_get_id (clip), &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_speech_clip_get_state (read), ==, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
}

static void
test_store_list_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioSpeechClip) a = make_clip ("The lighthouse stands on the rock.");
  g_autoptr(StudioSpeechClip) b = make_clip ("A recipe for bread and butter.");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;

  save (fixture->store, a);
  save (fixture->store, b);
  all = list (fixture->store, NULL);
  g_assert_cmpuint (all->len, ==, 2);
  /* Newest first. */
  g_assert_cmpint (studio_speech_clip_get_id (g_ptr_array_index (all, 0)), ==, studio_speech_clip_get_id (b));

  found = list (fixture->store, "lighthouse ro");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (studio_speech_clip_get_id (g_ptr_array_index (found, 0)), ==, studio_speech_clip_get_id (a));
  none = list (fixture->store, "submarine");
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_store_delete_restore_purge (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(StudioSpeechClip) clip = make_clip ("Delete me, then bring me back.");
  g_autoptr(GFile) file = studio_speech_store_dup_piece_file (fixture->store, clip, 0);
  g_autoptr(GFile) folder = studio_speech_store_dup_clip_folder (fixture->store, clip);
  g_autoptr(GPtrArray) after_delete = NULL;
  g_autoptr(GPtrArray) after_restore = NULL;
  g_autoptr(GPtrArray) after_purge = NULL;
  g_autoptr(StudioSpeechClip) gone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (g_file_set_contents (g_file_peek_path (file), "audio", -1, NULL));
  save (fixture->store, clip);
  id = studio_speech_clip_get_id (clip);

  change (fixture->store, studio_speech_store_delete_async, id);
  after_delete = list (fixture->store, NULL);
  g_assert_cmpuint (after_delete->len, ==, 0);
  g_assert_true (g_file_query_exists (file, NULL));

  change (fixture->store, studio_speech_store_restore_async, id);
  after_restore = list (fixture->store, "bring");
  g_assert_cmpuint (after_restore->len, ==, 1);

  change (fixture->store, studio_speech_store_delete_async, id);
  change (fixture->store, studio_speech_store_purge_async, 0);
  after_purge = list (fixture->store, NULL);
  g_assert_cmpuint (after_purge->len, ==, 0);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_false (g_file_query_exists (folder, NULL));
  gone = get (fixture->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* A clip the app was fetching when it was killed is not left fetching. */
static void
test_store_interrupted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioSpeechClip) partial = make_clip ("Half of this arrived.");
  g_autoptr(StudioSpeechClip) nothing = make_clip ("Nothing of this arrived.");
  g_autoptr(StudioSpeechClip) read_partial = NULL;
  g_autoptr(StudioSpeechClip) read_nothing = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  studio_speech_clip_get_piece (nothing, 0)->bytes = 0;
  save (fixture->store, partial);
  save (fixture->store, nothing);
  fixture_close (fixture);

  /* As if saved a minute ago, by the process that was killed. */
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE speech_clips SET updated = updated - 60", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  fixture_open (fixture);
  read_partial = get (fixture->store, studio_speech_clip_get_id (partial), &error);
  g_assert_no_error (error);
  read_nothing = get (fixture->store, studio_speech_clip_get_id (nothing), &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_speech_clip_get_state (read_partial), ==, STUDIO_SPEECH_CLIP_STATE_PARTIAL);
  g_assert_cmpint (studio_speech_clip_get_state (read_nothing), ==, STUDIO_SPEECH_CLIP_STATE_FAILED);
  g_assert_nonnull (studio_speech_clip_get_error (read_partial));
}

/* A history of schema 4 gains the table and keeps what it had. */
static void
test_store_migration (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StudioSpeechClip) clip = make_clip ("After the migration.");
  g_autoptr(GPtrArray) clips = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *db;

  fixture_close (fixture);
  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE speech_clips_fts; DROP TABLE speech_clips;"
                                 " PRAGMA user_version = 4;"
                                 "INSERT INTO transcripts (id, created, updated, title, text)"
                                 " VALUES (3, 1, 1, 'Old talk', 'about lamps');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture_open (fixture);
  g_assert_cmpint (studio_history_get_schema_version (fixture->history), ==, 5);
  g_assert_cmpint (STUDIO_HISTORY_SCHEMA_VERSION, ==, 5);
  save (fixture->store, clip);
  clips = list (fixture->store, NULL);
  g_assert_cmpuint (clips->len, ==, 1);
  found = list (fixture->store, "migration");
  g_assert_cmpuint (found->len, ==, 1);
  integrity = studio_history_check_integrity (fixture->history);
  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM transcripts WHERE id = 3", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Old talk");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/speech-store/round-trip", test_store_round_trip);
  ADD ("/speech-store/list-search", test_store_list_search);
  ADD ("/speech-store/delete-restore-purge", test_store_delete_restore_purge);
  ADD ("/speech-store/interrupted", test_store_interrupted);
  ADD ("/speech-store/migration", test_store_migration);
#undef ADD

  return g_test_run ();
}
