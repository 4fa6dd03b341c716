/* test-transcript-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Transcribe workspace's store against real SQLite files and a real
 * transcripts folder in a temporary folder.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "studio-fake-server.h"
#include "studio-history.h"
#include "studio-image-request.h"
#include "studio-image-store.h"
#include "studio-transcript-store.h"

typedef struct
{
  char                  *dir;
  char                  *db;
  char                  *folder;
  StudioHistory         *history;
  StudioTranscriptStore *store;
  guint                  n_changed;
  guint                  n_speakers_changed;
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
  fixture->store = studio_transcript_store_new (fixture->history, fixture->folder);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (count_cb), &fixture->n_changed);
  g_signal_connect (fixture->store, "speakers-changed", G_CALLBACK (count_cb),
                    &fixture->n_speakers_changed);
}

static void
fixture_close (Fixture *fixture)
{
  /* A worker may hold the store a moment after its callback ran. */
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-transcript-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "transcripts", NULL);
  if (data == NULL)
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

/* Waiting on the async API ------------------------------------------------ */

static void
save (StudioTranscriptStore  *store,
      StudioTranscriptRecord *record)
{
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;

  studio_transcript_store_save_async (store, record, NULL, studio_fake_result_cb, &done);
  g_assert_true (studio_transcript_store_save_finish (store, studio_fake_wait_result (&done),
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (studio_transcript_record_get_id (record), >, 0);
}

static StudioTranscriptRecord *
get_record (StudioTranscriptStore  *store,
            gint64                  id,
            GError                **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  studio_transcript_store_get_async (store, id, NULL, studio_fake_result_cb, &done);
  return studio_transcript_store_record_finish (store, studio_fake_wait_result (&done), error);
}

static GPtrArray *
finish_list (StudioTranscriptStore  *store,
             GAsyncResult          **done)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = studio_transcript_store_list_finish (store, studio_fake_wait_result (done), &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_clear_object (done);
  return records;
}

static GPtrArray *
list_page (StudioTranscriptStore *store,
           guint                  offset,
           guint                  limit)
{
  GAsyncResult *done = NULL;

  studio_transcript_store_list_async (store, offset, limit, NULL, studio_fake_result_cb, &done);
  return finish_list (store, &done);
}

/* Searches for TEXT, finds N transcripts, the newest of them FIRST (unless NULL). */
static void
assert_hits (StudioTranscriptStore  *store,
             const char             *text,
             guint                   n,
             StudioTranscriptRecord *first)
{
  GAsyncResult *done = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  studio_transcript_store_search_async (store, text, 0, 0, NULL, studio_fake_result_cb, &done);
  hits = finish_list (store, &done);
  g_assert_cmpuint (hits->len, ==, n);
  if (first != NULL)
    g_assert_cmpint (studio_transcript_record_get_id (g_ptr_array_index (hits, 0)), ==,
                     studio_transcript_record_get_id (first));
}

typedef void (*ChangeFunc) (StudioTranscriptStore *, gint64, GCancellable *,
                            GAsyncReadyCallback, gpointer);

static gboolean
change (StudioTranscriptStore  *store,
        ChangeFunc              func,
        gint64                  id,
        GError                **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  func (store, id, NULL, studio_fake_result_cb, &done);
  return studio_transcript_store_change_finish (store, studio_fake_wait_result (&done), error);
}

/* A recording's file in the folder, as the recorder would have left it. */
static StudioTranscriptRecord *
save_recording (Fixture    *fixture,
                const char *title,
                const char *text)
{
  StudioTranscriptRecord *record = studio_transcript_record_new ();
  g_autoptr(GFile) audio = studio_transcript_store_new_audio_file (fixture->store, "recording",
                                                                   "ogg");
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autofree char *relative = g_file_get_relative_path (folder, audio);
  g_autofree char *path = g_file_get_path (audio);

  g_assert_nonnull (relative);
  g_assert_true (g_file_set_contents (path, "OggS audio", -1, NULL));
  studio_transcript_record_set_title (record, title);
  studio_transcript_record_set_audio_path (record, relative);
  studio_transcript_record_set_audio_size (record, 10);
  if (text != NULL)
    {
      studio_transcript_record_set_text (record, text);
      studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_COMPLETE);
    }
  save (fixture->store, record);

  return record;
}

/* Tests ------------------------------------------------------------------- */

static void
assert_same_record (StudioTranscriptRecord *a,
                    StudioTranscriptRecord *b)
{
  double cost_a = 0, cost_b = 0;

  g_assert_cmpint (studio_transcript_record_get_id (a), ==, studio_transcript_record_get_id (b));
  g_assert_cmpint (studio_transcript_record_get_created (a), ==,
                   studio_transcript_record_get_created (b));
  g_assert_cmpint (studio_transcript_record_get_updated (a), ==,
                   studio_transcript_record_get_updated (b));
  g_assert_cmpstr (studio_transcript_record_get_title (a), ==,
                   studio_transcript_record_get_title (b));
  g_assert_cmpstr (studio_transcript_record_get_source (a), ==,
                   studio_transcript_record_get_source (b));
  g_assert_cmpstr (studio_transcript_record_get_original_name (a), ==,
                   studio_transcript_record_get_original_name (b));
  g_assert_cmpstr (studio_transcript_record_get_audio_path (a), ==,
                   studio_transcript_record_get_audio_path (b));
  g_assert_cmpint (studio_transcript_record_get_audio_size (a), ==,
                   studio_transcript_record_get_audio_size (b));
  g_assert_cmpint (studio_transcript_record_get_duration_us (a), ==,
                   studio_transcript_record_get_duration_us (b));
  g_assert_cmpstr (studio_transcript_record_get_model (a), ==,
                   studio_transcript_record_get_model (b));
  g_assert_cmpstr (studio_transcript_record_get_options (a), ==,
                   studio_transcript_record_get_options (b));
  g_assert_cmpint (studio_transcript_record_get_state (a), ==,
                   studio_transcript_record_get_state (b));
  g_assert_cmpstr (studio_transcript_record_get_error (a), ==,
                   studio_transcript_record_get_error (b));
  g_assert_cmpstr (studio_transcript_record_get_transcript (a), ==,
                   studio_transcript_record_get_transcript (b));
  g_assert_cmpstr (studio_transcript_record_get_pieces (a), ==,
                   studio_transcript_record_get_pieces (b));
  g_assert_cmpstr (studio_transcript_record_get_usage (a), ==,
                   studio_transcript_record_get_usage (b));
  g_assert_cmpint (studio_transcript_record_get_cost (a, &cost_a), ==,
                   studio_transcript_record_get_cost (b, &cost_b));
  g_assert_cmpfloat (cost_a, ==, cost_b);
  g_assert_cmpstr (studio_transcript_record_get_text (a), ==,
                   studio_transcript_record_get_text (b));
  g_assert_cmpint (studio_transcript_record_get_deleted (a), ==,
                   studio_transcript_record_get_deleted (b));
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) record = studio_transcript_record_new ();
  g_autoptr(StudioTranscriptRecord) loaded = NULL;
  g_autoptr(StudioTranscriptRecord) again = NULL;
  g_autoptr(GFile) audio = NULL;
  g_autoptr(GFile) want = NULL;
  g_autoptr(GError) error = NULL;
  const char *transcript = "{\"text\":\"Hello there.\",\"segments\":[{\"start\":0,\"end\":1.5}]}";
  const char *pieces = "[{\"start_us\":0,\"end_us\":600000000,\"path\":\"p1.ogg\","
                       "\"transcript\":null}]";
  gint64 updated;
  double cost;

  /* Defaults, before anything is set. */
  g_assert_cmpint (studio_transcript_record_get_id (record), ==, 0);
  g_assert_cmpint (studio_transcript_record_get_state (record), ==, STUDIO_TRANSCRIPT_STATE_AUDIO);
  g_assert_cmpstr (studio_transcript_record_get_source (record), ==,
                   STUDIO_TRANSCRIPT_SOURCE_RECORDING);
  g_assert_false (studio_transcript_record_get_cost (record, NULL));

  studio_transcript_record_set_title (record, "Interview with Zoë");
  studio_transcript_record_set_source (record, STUDIO_TRANSCRIPT_SOURCE_IMPORT);
  studio_transcript_record_set_original_name (record, "interview.m4a");
  studio_transcript_record_set_audio_path (record, "2026-12-02-140501-interview.ogg");
  studio_transcript_record_set_audio_size (record, 123456);
  studio_transcript_record_set_duration_us (record, 754 * G_USEC_PER_SEC);
  studio_transcript_record_set_model (record, "gpt-4o-transcribe");
  studio_transcript_record_set_options (record, "{\"language\":\"en\",\"temperature\":0}");
  studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_PARTIAL);
  studio_transcript_record_set_error (record, "The server stopped answering.");
  studio_transcript_record_set_transcript (record, transcript);
  studio_transcript_record_set_pieces (record, pieces);
  studio_transcript_record_set_usage (record, "{\"type\":\"duration\",\"seconds\":754}");
  studio_transcript_record_set_cost (record, 0.0754);
  studio_transcript_record_set_text (record, "Hello there.");

  save (fixture->store, record);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpint (studio_transcript_record_get_created (record), >, 0);
  g_assert_cmpint (studio_transcript_record_get_updated (record), >=,
                   studio_transcript_record_get_created (record));

  loaded = get_record (fixture->store, studio_transcript_record_get_id (record), &error);
  g_assert_no_error (error);
  assert_same_record (record, loaded);
  g_assert_true (studio_transcript_record_get_cost (loaded, &cost));
  g_assert_cmpfloat (cost, ==, 0.0754);

  audio = studio_transcript_record_dup_audio_file (loaded, fixture->folder);
  want = g_file_new_build_filename (fixture->folder, "2026-12-02-140501-interview.ogg", NULL);
  g_assert_true (g_file_equal (audio, want));

  /* The property interface reads the same values. */
  {
    g_autofree char *title = NULL;
    StudioTranscriptState state;
    gint64 size;

    g_object_get (loaded, "title", &title, "state", &state, "audio-size", &size, NULL);
    g_assert_cmpstr (title, ==, "Interview with Zoë");
    g_assert_cmpint (state, ==, STUDIO_TRANSCRIPT_STATE_PARTIAL);
    g_assert_cmpint (size, ==, 123456);
  }

  /* An update writes every column, unknown cost and cleared error too. */
  updated = studio_transcript_record_get_updated (record);
  studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_COMPLETE);
  studio_transcript_record_set_error (record, NULL);
  studio_transcript_record_set_cost (record, -1);
  studio_transcript_record_set_title (record, "Interview, edited");
  save (fixture->store, record);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpint (studio_transcript_record_get_updated (record), >=, updated);

  again = get_record (fixture->store, studio_transcript_record_get_id (record), &error);
  g_assert_no_error (error);
  assert_same_record (record, again);
  g_assert_null (studio_transcript_record_get_error (again));
  g_assert_false (studio_transcript_record_get_cost (again, NULL));

  /* A row that is not there is not found. */
  g_assert_null (get_record (fixture->store, 9999, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_store_default_titles (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) recording = studio_transcript_record_new ();
  g_autoptr(StudioTranscriptRecord) import = studio_transcript_record_new ();
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 2, 14, 5, 0);

  studio_transcript_record_set_created (recording, g_date_time_to_unix (when) * G_USEC_PER_SEC);
  save (fixture->store, recording);
  g_assert_cmpstr (studio_transcript_record_get_title (recording), ==,
                   "Recording 2 December 2026, 14:05");

  studio_transcript_record_set_source (import, STUDIO_TRANSCRIPT_SOURCE_IMPORT);
  studio_transcript_record_set_original_name (import, "Board meeting.mp3");
  save (fixture->store, import);
  g_assert_cmpstr (studio_transcript_record_get_title (import), ==, "Board meeting");
}

/* Two saves of a new record in a row make one row, not two. */
static void
test_store_save_twice (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) record = studio_transcript_record_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  studio_transcript_record_set_title (record, "Started");
  studio_transcript_store_save_async (fixture->store, record, NULL, studio_fake_result_cb,
                                      &first);
  studio_transcript_record_set_title (record, "Stopped");
  studio_transcript_store_save_async (fixture->store, record, NULL, studio_fake_result_cb,
                                      &second);
  g_assert_true (studio_transcript_store_save_finish (fixture->store,
                                                      studio_fake_wait_result (&first), &error));
  g_assert_true (studio_transcript_store_save_finish (fixture->store,
                                                      studio_fake_wait_result (&second), &error));
  g_assert_no_error (error);

  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (studio_transcript_record_get_title (g_ptr_array_index (page, 0)), ==,
                   "Stopped");
}

static void
test_store_list_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) fox = save_recording (fixture, "Field notes",
                                                          "A red fox crossed the road.");
  g_autoptr(StudioTranscriptRecord) cafe = save_recording (fixture, "Café interview",
                                                           "We talked about naïve coffee.");
  g_autoptr(StudioTranscriptRecord) plain = save_recording (fixture, "Untranscribed", NULL);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) second = NULL;

  /* Newest first, paged. */
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpint (studio_transcript_record_get_id (g_ptr_array_index (page, 0)), ==,
                   studio_transcript_record_get_id (plain));
  g_assert_cmpint (studio_transcript_record_get_id (g_ptr_array_index (page, 2)), ==,
                   studio_transcript_record_get_id (fox));
  second = list_page (fixture->store, 1, 1);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpint (studio_transcript_record_get_id (g_ptr_array_index (second, 0)), ==,
                   studio_transcript_record_get_id (cafe));

  /* By title and by text; prefix of the last word; accents folded both ways. */
  assert_hits (fixture->store, "field", 1, fox);
  assert_hits (fixture->store, "red fo", 1, fox);
  assert_hits (fixture->store, "cafe", 1, cafe);
  assert_hits (fixture->store, "naive", 1, cafe);
  assert_hits (fixture->store, "untrans", 1, plain);
  assert_hits (fixture->store, "\"quotes\" OR (parens) NEAR*", 0, NULL);
  assert_hits (fixture->store, "   ", 0, NULL);

  /* The index follows an edit. */
  studio_transcript_record_set_text (plain, "Later it said giraffe.");
  save (fixture->store, plain);
  assert_hits (fixture->store, "giraf", 1, plain);
  studio_transcript_record_set_title (fox, "Renamed");
  save (fixture->store, fox);
  assert_hits (fixture->store, "field", 0, NULL);
  assert_hits (fixture->store, "renamed", 1, fox);
}

static void
test_store_delete_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) kept = save_recording (fixture, "Kept", "stays here");
  g_autoptr(StudioTranscriptRecord) gone = save_recording (fixture, "Gone", "goes away");
  g_autoptr(GFile) gone_audio = studio_transcript_record_dup_audio_file (gone, fixture->folder);
  g_autoptr(GFile) kept_audio = studio_transcript_record_dup_audio_file (kept, fixture->folder);
  g_autoptr(GFile) piece = g_file_new_build_filename (fixture->folder, "gone-piece-1.ogg", NULL);
  g_autoptr(GFile) outside = g_file_new_build_filename (fixture->dir, "outside.ogg", NULL);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pieces = NULL;
  g_autofree char *outside_path = g_file_get_path (outside);
  gint64 id = studio_transcript_record_get_id (gone);
  guint changed;

  /* Its pieces: one in the folder, one outside it, and the kept one's audio
   * (which a hand-edited row could name): only the first is the purge's.
   */
  g_assert_true (g_file_replace_contents (piece, "OggS", 4, NULL, FALSE, 0, NULL, NULL, NULL));
  g_assert_true (g_file_set_contents (outside_path, "OggS", -1, NULL));
  pieces = g_strdup_printf ("[{\"start_us\":0,\"end_us\":1,\"path\":\"gone-piece-1.ogg\"},"
                            "{\"start_us\":1,\"end_us\":2,\"path\":\"%s\"},"
                            "{\"start_us\":2,\"end_us\":3,\"path\":\"%s\"}]",
                            outside_path, studio_transcript_record_get_audio_path (kept));
  studio_transcript_record_set_pieces (gone, pieces);
  save (fixture->store, gone);

  changed = fixture->n_changed;
  g_assert_true (change (fixture->store, studio_transcript_store_delete_async, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, changed + 1);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 1);
  assert_hits (fixture->store, "goes", 0, NULL);
  g_assert_null (get_record (fixture->store, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting twice finds nothing to delete. */
  g_assert_false (change (fixture->store, studio_transcript_store_delete_async, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A purge at start-up leaves what was deleted a moment ago: it may yet
   * be undone.
   */
  g_assert_true (change (fixture->store, studio_transcript_store_purge_async, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (gone_audio, NULL));

  /* Undo. */
  g_assert_true (change (fixture->store, studio_transcript_store_restore_async, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, changed + 2);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 2);
  assert_hits (fixture->store, "goes", 1, gone);

  /* A purge leaves a transcript that is not deleted alone. */
  g_assert_true (change (fixture->store, studio_transcript_store_purge_async, id, &error));
  g_assert_true (g_file_query_exists (gone_audio, NULL));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 2);

  /* Delete and purge: the row, its audio and its piece in the folder go;
   * the file outside and the one another row names stay.
   */
  g_assert_true (change (fixture->store, studio_transcript_store_delete_async, id, &error));
  g_assert_true (change (fixture->store, studio_transcript_store_purge_async, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (gone_audio, NULL));
  g_assert_false (g_file_query_exists (piece, NULL));
  g_assert_true (g_file_query_exists (outside, NULL));
  g_assert_true (g_file_query_exists (kept_audio, NULL));
  g_assert_false (change (fixture->store, studio_transcript_store_restore_async, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving a purged transcript again fails rather than making a row. */
  {
    g_autoptr(GAsyncResult) done = NULL;

    studio_transcript_store_save_async (fixture->store, gone, NULL, studio_fake_result_cb, &done);
    g_assert_false (studio_transcript_store_save_finish (fixture->store,
                                                         studio_fake_wait_result (&done),
                                                         &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* What was deleted over a day ago goes at start-up, after a restart. */
static void
test_store_restart (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) kept = save_recording (fixture, "Kept", "stays");
  g_autoptr(StudioTranscriptRecord) old = save_recording (fixture, "Old", "deleted long ago");
  g_autoptr(GFile) old_audio = studio_transcript_record_dup_audio_file (old, fixture->folder);
  g_autoptr(GFile) kept_audio = studio_transcript_record_dup_audio_file (kept, fixture->folder);
  g_autoptr(GFile) unused = studio_transcript_store_new_audio_file (fixture->store, "unused",
                                                                    "ogg");
  g_autoptr(GFile) recent = studio_transcript_store_new_audio_file (fixture->store, "recent",
                                                                    "ogg");
  g_autoptr(GFile) named = studio_transcript_store_new_audio_file (fixture->store, "named", "ogg");
  g_autoptr(StudioTranscriptRecord) starting = studio_transcript_record_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_id = studio_transcript_record_get_id (old);

  g_assert_true (change (fixture->store, studio_transcript_store_delete_async, old_id, &error));

  /* Files made and left empty two days ago: one that no row names, one
   * that a recording which never got any audio does; and one made now.
   */
  {
    g_autofree char *name = g_file_get_basename (named);
    time_t then = time (NULL) - 2 * 86400;
    struct utimbuf times = { .actime = then, .modtime = then };
    g_autofree char *unused_path = g_file_get_path (unused);
    g_autofree char *named_path = g_file_get_path (named);

    studio_transcript_record_set_audio_path (starting, name);
    save (fixture->store, starting);
    g_assert_cmpint (g_utime (unused_path, &times), ==, 0);
    g_assert_cmpint (g_utime (named_path, &times), ==, 0);
  }
  fixture_close (fixture);

  /* As if it were deleted two days ago. */
  {
    gint64 then = g_get_real_time () - G_GINT64_CONSTANT (2 * 86400) * G_USEC_PER_SEC;
    g_autofree char *sql = g_strdup_printf ("UPDATE transcripts SET deleted = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT, then, old_id);
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  fixture_open (fixture);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 2);
  assert_same_record (starting, g_ptr_array_index (page, 0));
  assert_same_record (kept, g_ptr_array_index (page, 1));
  assert_hits (fixture->store, "stays", 1, kept);

  g_assert_true (change (fixture->store, studio_transcript_store_purge_async, 0, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (old_audio, NULL));
  g_assert_true (g_file_query_exists (kept_audio, NULL));
  g_assert_false (g_file_query_exists (unused, NULL));
  g_assert_true (g_file_query_exists (named, NULL));
  g_assert_true (g_file_query_exists (recent, NULL));
  g_assert_false (change (fixture->store, studio_transcript_store_restore_async, old_id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_store_audio_files (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) first = studio_transcript_store_new_audio_file (fixture->store, "recording",
                                                                   "ogg");
  g_autoptr(GFile) second = studio_transcript_store_new_audio_file (fixture->store, "recording",
                                                                    ".ogg");
  g_autoptr(GFile) odd = studio_transcript_store_new_audio_file (fixture->store,
                                                                 "../My talk: “part 1”.m4a",
                                                                 "m4a");
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autoptr(GFile) parent = g_file_get_parent (odd);
  g_autofree char *name = g_file_get_basename (first);
  g_autofree char *odd_name = g_file_get_basename (odd);

  /* Each is a new file in the folder, made so that no other call gets it. */
  g_assert_false (g_file_equal (first, second));
  g_assert_true (g_file_has_parent (first, folder));
  g_assert_true (g_file_has_parent (second, folder));
  g_assert_true (g_file_equal (parent, folder));
  g_assert_true (g_file_query_exists (first, NULL));
  g_assert_true (g_str_has_suffix (name, "-recording.ogg"));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d-\\d{6}-recording\\.ogg$", name,
                                       0, 0));
  g_assert_true (g_str_has_suffix (odd_name, "-My-talk-part-1.m4a"));
}

static void
test_store_speakers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StudioTranscriptRecord) source = save_recording (fixture, "Panel", "hello");
  g_autoptr(GFile) clip = g_file_new_build_filename (fixture->dir, "clip.ogg", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autoptr(StudioSpeaker) bea = NULL;
  g_autoptr(StudioSpeaker) copy = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GFile) bea_clip = NULL;
  g_autoptr(GFile) alan_clip = NULL;
  g_autoptr(GError) error = NULL;
  gint64 alan_id;
  guint changed = fixture->n_changed;

  /* Bea's clip comes from elsewhere and is moved in. */
  {
    g_autoptr(GAsyncResult) done = NULL;
    g_autofree char *path = g_file_get_path (clip);

    g_assert_true (g_file_set_contents (path, "OggS bea", -1, NULL));
    studio_transcript_store_add_speaker_async (fixture->store, "Bea", clip, 4 * G_USEC_PER_SEC,
                                               studio_transcript_record_get_id (source), NULL,
                                               studio_fake_result_cb, &done);
    bea = studio_transcript_store_add_speaker_finish (fixture->store,
                                                      studio_fake_wait_result (&done), &error);
    g_assert_no_error (error);
    g_assert_nonnull (bea);
  }
  g_assert_cmpuint (fixture->n_speakers_changed, ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, changed);
  g_assert_cmpstr (bea->name, ==, "Bea");
  g_assert_cmpint (bea->duration_us, ==, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (bea->source_transcript_id, ==, studio_transcript_record_get_id (source));
  bea_clip = g_file_new_for_path (bea->clip_path);
  g_assert_true (g_file_has_prefix (bea_clip, folder));
  g_assert_true (g_file_query_exists (bea_clip, NULL));
  g_assert_false (g_file_query_exists (clip, NULL));
  copy = studio_speaker_copy (bea);
  g_assert_cmpstr (copy->clip_path, ==, bea->clip_path);

  /* Alan's is in the folder already and stays where it is. */
  alan_clip = studio_transcript_store_new_audio_file (fixture->store, "alan", "ogg");
  {
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(StudioSpeaker) alan = NULL;
    g_autofree char *path = g_file_get_path (alan_clip);

    g_assert_true (g_file_set_contents (path, "OggS alan", -1, NULL));
    studio_transcript_store_add_speaker_async (fixture->store, "alan", alan_clip,
                                               3 * G_USEC_PER_SEC, 0, NULL,
                                               studio_fake_result_cb, &done);
    alan = studio_transcript_store_add_speaker_finish (fixture->store,
                                                       studio_fake_wait_result (&done), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (alan->clip_path, ==, path);
    g_assert_cmpint (alan->source_transcript_id, ==, 0);
    alan_id = alan->id;
  }

  /* By name, whatever the case. */
  {
    g_autoptr(GAsyncResult) done = NULL;

    studio_transcript_store_list_speakers_async (fixture->store, NULL, studio_fake_result_cb,
                                                 &done);
    speakers = studio_transcript_store_list_speakers_finish (fixture->store,
                                                             studio_fake_wait_result (&done),
                                                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (speakers->len, ==, 2);
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 0))->name, ==, "alan");
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 1))->name, ==, "Bea");
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 1))->clip_path, ==,
                     bea->clip_path);
  }

  /* Rename. */
  {
    g_autoptr(GAsyncResult) done = NULL;

    studio_transcript_store_rename_speaker_async (fixture->store, alan_id, "Zed", NULL,
                                                  studio_fake_result_cb, &done);
    g_assert_true (studio_transcript_store_change_finish (fixture->store,
                                                          studio_fake_wait_result (&done),
                                                          &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GAsyncResult) done = NULL;

    g_clear_pointer (&speakers, g_ptr_array_unref);
    studio_transcript_store_list_speakers_async (fixture->store, NULL, studio_fake_result_cb,
                                                 &done);
    speakers = studio_transcript_store_list_speakers_finish (fixture->store,
                                                             studio_fake_wait_result (&done),
                                                             &error);
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 1))->name, ==, "Zed");
  }

  /* Purging the source transcript keeps the speaker and their clip. */
  g_assert_true (change (fixture->store, studio_transcript_store_delete_async,
                         studio_transcript_record_get_id (source), &error));
  g_assert_true (change (fixture->store, studio_transcript_store_purge_async,
                         studio_transcript_record_get_id (source), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GAsyncResult) done = NULL;

    g_clear_pointer (&speakers, g_ptr_array_unref);
    studio_transcript_store_list_speakers_async (fixture->store, NULL, studio_fake_result_cb,
                                                 &done);
    speakers = studio_transcript_store_list_speakers_finish (fixture->store,
                                                             studio_fake_wait_result (&done),
                                                             &error);
    g_assert_cmpuint (speakers->len, ==, 2);
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 0))->name, ==, "Bea");
    g_assert_cmpint (((StudioSpeaker *) g_ptr_array_index (speakers, 0))->source_transcript_id,
                     ==, 0);
  }
  g_assert_true (g_file_query_exists (bea_clip, NULL));

  /* Delete: the row and the clip go. */
  {
    g_autoptr(GAsyncResult) done = NULL;

    studio_transcript_store_delete_speaker_async (fixture->store, bea->id, NULL,
                                                  studio_fake_result_cb, &done);
    g_assert_true (studio_transcript_store_change_finish (fixture->store,
                                                          studio_fake_wait_result (&done),
                                                          &error));
    g_assert_no_error (error);
  }
  g_assert_false (g_file_query_exists (bea_clip, NULL));
  g_assert_true (g_file_query_exists (alan_clip, NULL));
  g_assert_cmpuint (fixture->n_speakers_changed, ==, 4);
  {
    g_autoptr(GAsyncResult) done = NULL;

    studio_transcript_store_delete_speaker_async (fixture->store, bea->id, NULL,
                                                  studio_fake_result_cb, &done);
    g_assert_false (studio_transcript_store_change_finish (fixture->store,
                                                           studio_fake_wait_result (&done),
                                                           &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* They survive a restart. */
  fixture_close (fixture);
  fixture_open (fixture);
  {
    g_autoptr(GAsyncResult) done = NULL;

    g_clear_pointer (&speakers, g_ptr_array_unref);
    studio_transcript_store_list_speakers_async (fixture->store, NULL, studio_fake_result_cb,
                                                 &done);
    speakers = studio_transcript_store_list_speakers_finish (fixture->store,
                                                             studio_fake_wait_result (&done),
                                                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (speakers->len, ==, 1);
    g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (speakers, 0))->name, ==, "Zed");
  }
}

/* A database of schema 3, as the app wrote it before Transcribe, gains the
 * transcripts and speakers on open and keeps its conversations and images.
 * Schema 3 is made here as that app made it: a current file with what
 * migration 4 added taken out again.
 */
static void
test_store_migration (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(StudioTranscriptRecord) record = NULL;
  g_autofree char *integrity = NULL;

  studio_fake_write_old_history (fixture->db, 2,
    "PRAGMA journal_mode = WAL;"
    "INSERT INTO conversations VALUES (1, 'Before transcripts', 'gpt-5', '', '{}', 1, 1);"
    "INSERT INTO messages VALUES (1, 1, 'user', 'tell me about lighthouses', 0, '{}', 1, 1);");
  {
    g_autoptr(StudioHistory) history = studio_history_new (fixture->db, &error);
    sqlite3 *db;

    g_assert_no_error (error);
    g_assert_finalize_object (g_steal_pointer (&history));
    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db,
                                   "DROP TABLE speech_clips_fts; DROP TABLE speech_clips;"
                                   " DROP TABLE speakers; DROP TABLE transcripts_fts;"
                                   " DROP TABLE transcripts; PRAGMA user_version = 3;"
                                   "INSERT INTO images (id, created, endpoint, prompt, path)"
                                   " VALUES (7, 1, 'generations', 'a lighthouse', 'a.png');",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  fixture_open (fixture);
  g_assert_cmpint (studio_history_get_schema_version (fixture->history), ==, STUDIO_HISTORY_SCHEMA_VERSION);

  messages = studio_history_load_messages (fixture->history, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  hits = studio_history_search (fixture->history, "lighthouses", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  {
    g_autoptr(StudioImageStore) images = studio_image_store_new (fixture->history,
                                                                 fixture->folder);
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(GPtrArray) found = NULL;

    studio_image_store_search_async (images, "lighthouse", 0, 0, NULL, studio_fake_result_cb,
                                     &done);
    found = studio_image_store_list_finish (images, studio_fake_wait_result (&done), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (found, 0)), ==, 7);
    g_clear_object (&done);
    studio_fake_assert_finalize_later (g_steal_pointer (&images));
  }

  /* The new tables and their index work at once. */
  record = save_recording (fixture, "Lighthouse keepers", "a talk about lamps");
  assert_hits (fixture->store, "lamps", 1, record);
  integrity = studio_history_check_integrity (fixture->history);
  g_assert_cmpstr (integrity, ==, "ok");

  /* Opening again migrates nothing more. */
  fixture_close (fixture);
  fixture_open (fixture);
  g_assert_cmpint (studio_history_get_schema_version (fixture->history), ==, STUDIO_HISTORY_SCHEMA_VERSION);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 1);
}

/* A recording as the Transcribe page makes one: its row saved as it
 * starts, then audio written on and on, a line printed after each chunk,
 * until it is killed.
 */
static int
crash_child (const char *db,
             const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = studio_history_new (db, &error);
  g_autoptr(StudioTranscriptStore) store = NULL;
  g_autoptr(StudioTranscriptRecord) record = studio_transcript_record_new ();
  g_autoptr(GFile) audio = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *name = NULL;
  char chunk[4096];

  g_assert_no_error (error);
  store = studio_transcript_store_new (history, folder);
  audio = studio_transcript_store_new_audio_file (store, "recording", "ogg");
  name = g_file_get_basename (audio);
  studio_transcript_record_set_audio_path (record, name);
  save (store, record);

  out = g_file_append_to (audio, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  memset (chunk, 'a', sizeof chunk);
  for (guint i = 0; ; i++)
    {
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), chunk, sizeof chunk, NULL, NULL,
                                      &error) ||
          !g_output_stream_flush (G_OUTPUT_STREAM (out), NULL, &error))
        g_error ("%s", error->message);
      printf ("%u\n", i + 1);
      fflush (stdout);
    }

  return 0;
}

/* Killed while recording, the app leaves the row and the audio so far. */
static void
test_store_crash_safety (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_path, "--crash-child", fixture->db, fixture->folder, NULL };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GFile) audio = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  guint64 written;

  written = studio_fake_kill_child (argv, 3, TRUE);
  g_assert_cmpuint (written, ==, 3);

  fixture_open (fixture);
  integrity = studio_history_check_integrity (fixture->history);
  g_assert_cmpstr (integrity, ==, "ok");
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (studio_transcript_record_get_state (g_ptr_array_index (page, 0)), ==,
                   STUDIO_TRANSCRIPT_STATE_AUDIO);
  audio = studio_transcript_record_dup_audio_file (g_ptr_array_index (page, 0), fixture->folder);
  info = g_file_query_info (audio, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_file_info_get_size (info), >=, 3 * 4096);

  /* Nothing at start-up takes it away. */
  g_assert_true (change (fixture->store, studio_transcript_store_purge_async, 0, &error));
  g_assert_true (g_file_query_exists (audio, NULL));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, unopened) \
  g_test_add ("/studio/transcript-store/" path, Fixture, unopened, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("round-trip", test_store_round_trip, NULL);
  ADD ("default-titles", test_store_default_titles, NULL);
  ADD ("save-twice", test_store_save_twice, NULL);
  ADD ("list-search", test_store_list_search, NULL);
  ADD ("delete-undo", test_store_delete_undo, NULL);
  ADD ("restart", test_store_restart, NULL);
  ADD ("audio-files", test_store_audio_files, NULL);
  ADD ("speakers", test_store_speakers, NULL);
  ADD ("migration", test_store_migration, "unopened");
  ADD ("crash-safety", test_store_crash_safety, "unopened");

  return g_test_run ();
}
