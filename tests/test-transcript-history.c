/* test-transcript-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Transcribe workspace's sidebar in a window under Xvfb, over a real
 * transcript store (an SQLite file and a transcripts folder in a
 * temporary folder): the order, picking one, the search, and Delete with
 * Undo or for good.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-history.h"
#include "studio-transcript-history.h"
#include "studio-transcript-store.h"
#include "studio-ui.h"

typedef struct
{
  char                   *dir;
  char                   *db;
  char                   *folder;
  StudioHistory          *history;
  StudioTranscriptStore  *store;
  GtkWindow              *window;
  GtkWidget              *sidebar;
  GPtrArray              *saved;      /* StudioTranscriptRecord, oldest first */
  StudioTranscriptRecord *activated;
  guint                   n_activated;
  gint64                  deleted_id;
  guint                   n_deleted;
} Fixture;

/* Stores a transcript made @age_s seconds ago, with its audio in the
 * folder.
 */
static StudioTranscriptRecord *
save_transcript (Fixture               *fixture,
                 const char            *title,
                 gint64                 age_s,
                 gint64                 duration_s,
                 StudioTranscriptState  state,
                 const char            *text)
{
  StudioTranscriptRecord *record = studio_transcript_record_new ();
  g_autoptr(GFile) audio = studio_transcript_store_new_audio_file (fixture->store, "recording",
                                                                   "ogg");
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->folder);
  g_autofree char *relative = g_file_get_relative_path (folder, audio);
  g_autofree char *path = g_file_get_path (audio);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  gint64 created = g_get_real_time () - age_s * G_USEC_PER_SEC;

  g_assert_true (g_file_set_contents (path, "OggS audio", -1, NULL));
  studio_transcript_record_set_title (record, title);
  studio_transcript_record_set_created (record, created);
  studio_transcript_record_set_updated (record, created);
  studio_transcript_record_set_source (record, "recording");
  studio_transcript_record_set_audio_path (record, relative);
  studio_transcript_record_set_audio_size (record, 10);
  studio_transcript_record_set_duration_us (record, duration_s * G_USEC_PER_SEC);
  studio_transcript_record_set_state (record, state);
  if (text != NULL)
    studio_transcript_record_set_text (record, text);

  studio_transcript_store_save_async (fixture->store, record, NULL, studio_fake_result_cb, &done);
  g_assert_true (studio_transcript_store_save_finish (fixture->store,
                                                      studio_fake_wait_result (&done), &error));
  g_assert_no_error (error);
  g_assert_cmpint (studio_transcript_record_get_id (record), >, 0);
  return record;
}

static void
activated_cb (StudioTranscriptHistory *sidebar,
              StudioTranscriptRecord  *record,
              Fixture                 *fixture)
{
  fixture->n_activated++;
  g_set_object (&fixture->activated, record);
}

static void
deleted_cb (StudioTranscriptHistory *sidebar,
            gint64                   id,
            Fixture                 *fixture)
{
  fixture->n_deleted++;
  fixture->deleted_id = id;
}

static GListModel *
records (Fixture *fixture)
{
  return studio_transcript_history_get_records (STUDIO_TRANSCRIPT_HISTORY (fixture->sidebar));
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} ItemCount;

static gboolean
has_n_items (gpointer data)
{
  ItemCount *count = data;

  return g_list_model_get_n_items (records (count->fixture)) == count->n;
}

static void
wait_n_items (Fixture *fixture,
              guint    n)
{
  ItemCount count = { fixture, n };

  studio_gui_wait_for (has_n_items, &count);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->dir = g_dir_make_tmp ("studio-transcript-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "transcripts", NULL);
  fixture->history = studio_history_new (fixture->db, &error);
  g_assert_no_error (error);
  fixture->store = studio_transcript_store_new (fixture->history, fixture->folder);
  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->sidebar = g_object_ref_sink (studio_transcript_history_new ());
  g_signal_connect (fixture->sidebar, "activated", G_CALLBACK (activated_cb), fixture);
  g_signal_connect (fixture->sidebar, "deleted", G_CALLBACK (deleted_cb), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 480);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->sidebar);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  studio_gui_wait_frames (fixture->sidebar, 2);

  if (data != NULL)
    return;

  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "Team Meeting", 3 * 3600, 192,
                                    STUDIO_TRANSCRIPT_STATE_COMPLETE,
                                    "we talked about the budget for next year"));
  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "Interview with <Ana> & Bob", 2 * 3600, 3725,
                                    STUDIO_TRANSCRIPT_STATE_PARTIAL, "questions and answers"));
  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "Recording of the Lab", 60, 0,
                                    STUDIO_TRANSCRIPT_STATE_AUDIO, NULL));
  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "Lecture", 30, 45,
                                    STUDIO_TRANSCRIPT_STATE_FAILED, NULL));

  studio_transcript_history_set_store (STUDIO_TRANSCRIPT_HISTORY (fixture->sidebar),
                                       fixture->store);
  wait_n_items (fixture, fixture->saved->len);
  studio_gui_wait_frames (fixture->sidebar, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  /* A listing or a purge being run holds them a moment longer. */
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->sidebar));
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
  g_clear_object (&fixture->activated);
  g_ptr_array_unref (fixture->saved);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->folder);
}

/* Reading it back ----------------------------------------------------------- */

static StudioTranscriptRecord *
saved (Fixture *fixture,
       guint    index)
{
  return g_ptr_array_index (fixture->saved, index);
}

static gint64
id_at (Fixture *fixture,
       guint    position)
{
  g_autoptr(StudioTranscriptRecord) record = g_list_model_get_item (records (fixture), position);

  g_assert_nonnull (record);
  return studio_transcript_record_get_id (record);
}

static const char *
page (Fixture *fixture)
{
  GtkWidget *stack = studio_gui_find_widget (fixture->sidebar, GTK_TYPE_STACK, NULL);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkListBox *
list_box (Fixture *fixture)
{
  return GTK_LIST_BOX (studio_gui_find_widget (fixture->sidebar, GTK_TYPE_LIST_BOX, NULL));
}

static AdwActionRow *
row_at (Fixture *fixture,
        guint    position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box (fixture), (int) position);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return ADW_ACTION_ROW (row);
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
} OnlyOne;

static gboolean
lists_only (gpointer data)
{
  OnlyOne *only = data;

  return g_list_model_get_n_items (records (only->fixture)) == 1 &&
         id_at (only->fixture, 0) == only->id;
}

/* Waits until @record is all that is listed. */
static void
wait_only (Fixture                *fixture,
           StudioTranscriptRecord *record)
{
  OnlyOne only = { fixture, studio_transcript_record_get_id (record) };

  studio_gui_wait_for (lists_only, &only);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkWidget *entry = studio_gui_find_widget (fixture->sidebar, GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
page_is (gpointer data)
{
  const char **args = data;

  return g_strcmp0 (page ((Fixture *) args[0]), args[1]) == 0;
}

static void
wait_for_page (Fixture    *fixture,
               const char *name)
{
  const char *args[] = { (const char *) fixture, name };

  studio_gui_wait_for (page_is, args);
}

static gboolean
label_shown (gpointer data)
{
  const char **args = data;

  return studio_gui_find_label_prefix (GTK_WIDGET (args[0]), args[1]) != NULL;
}

static void
wait_for_label (Fixture    *fixture,
                const char *prefix)
{
  const char *args[] = { (const char *) fixture->window, prefix };

  studio_gui_wait_for (label_shown, args);
}

static gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

static void
wait_for_no_label (Fixture    *fixture,
                   const char *prefix)
{
  const char *args[] = { (const char *) fixture->window, prefix };

  studio_gui_wait_for (label_gone, args);
}

static GtkWidget *
find_toast_close (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0 &&
      gtk_widget_get_ancestor (root, ADW_TYPE_TOAST_OVERLAY) != NULL &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_close (child);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
toast_close_shown (gpointer data)
{
  return find_toast_close (data) != NULL;
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
audio_path (Fixture                *fixture,
            StudioTranscriptRecord *record)
{
  return g_build_filename (fixture->folder, studio_transcript_record_get_audio_path (record), NULL);
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
} RowWanted;

/* Whether the transcript's row is still in the database, read through a
 * connection of our own (the store's rows go after its files do).
 */
static gboolean
row_purged (gpointer data)
{
  RowWanted *wanted = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_open_v2 (wanted->fixture->db, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM transcripts WHERE id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, wanted->id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return !found;
}

static void
click_delete (Fixture *fixture,
              guint    position)
{
  GtkWidget *button = studio_gui_find_by_tooltip (GTK_WIDGET (row_at (fixture, position)),
                                                  "Delete Transcript");

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The tests ------------------------------------------------------------------ */

/* Without a store, and with an empty one: the empty state. */
static void
test_history_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  StudioTranscriptHistory *sidebar = STUDIO_TRANSCRIPT_HISTORY (fixture->sidebar);
  GtkWidget *status;

  g_assert_cmpstr (page (fixture), ==, "empty");
  g_assert_null (studio_transcript_history_get_store (sidebar));
  status = studio_gui_find_widget (fixture->sidebar, ADW_TYPE_STATUS_PAGE, "No Transcripts");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==,
                   "Record or open audio to start");

  studio_transcript_history_set_store (sidebar, fixture->store);
  g_assert_true (studio_transcript_history_get_store (sidebar) == fixture->store);
  studio_transcript_history_reload (sidebar);
  studio_gui_wait_frames (fixture->sidebar, 2);
  g_assert_cmpstr (page (fixture), ==, "empty");
  g_assert_cmpint (studio_transcript_history_get_selected (sidebar), ==, 0);

  /* One saved: the store's "changed" lists it. */
  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "First Words", 5, 3,
                                    STUDIO_TRANSCRIPT_STATE_COMPLETE, "hello"));
  wait_n_items (fixture, 1);
  wait_for_page (fixture, "list");

  studio_transcript_history_set_store (sidebar, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (records (fixture)), ==, 0);
  g_assert_cmpstr (page (fixture), ==, "empty");
}

/* Newest first, each with what is known of it. */
static void
test_history_list (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwActionRow *row;

  g_assert_cmpstr (page (fixture), ==, "list");
  for (guint i = 0; i < fixture->saved->len; i++)
    g_assert_cmpint (id_at (fixture, i), ==,
                     studio_transcript_record_get_id (saved (fixture, fixture->saved->len - 1 - i)));

  /* Titles are shown as written, markup and all. */
  row = row_at (fixture, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Interview with &lt;Ana&gt; &amp; Bob");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "1:02:05"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Partial"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (fixture, 0)), "Failed"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (fixture, 1)), "Not transcribed"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row_at (fixture, 3)), "3:12"));
  g_assert_null (strstr (adw_action_row_get_subtitle (row_at (fixture, 3)), "Partial"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-history.png");

  /* Another saved: it comes first. */
  g_ptr_array_add (fixture->saved,
                   save_transcript (fixture, "Just Now", 1, 10,
                                    STUDIO_TRANSCRIPT_STATE_COMPLETE, "fresh"));
  wait_n_items (fixture, fixture->saved->len);
  g_assert_cmpint (id_at (fixture, 0), ==, studio_transcript_record_get_id (saved (fixture, 4)));
}

/* Picking a row reports its record; select() marks the one open. */
static void
test_history_activate (Fixture       *fixture,
                       gconstpointer  data)
{
  StudioTranscriptHistory *sidebar = STUDIO_TRANSCRIPT_HISTORY (fixture->sidebar);
  GtkListBox *box = list_box (fixture);
  StudioTranscriptRecord *lab = saved (fixture, 2);
  StudioTranscriptRecord *meeting = saved (fixture, 0);

  g_assert_cmpint (studio_transcript_history_get_selected (sidebar), ==, 0);
  g_signal_emit_by_name (box, "row-activated", gtk_list_box_get_row_at_index (box, 1));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
  g_assert_nonnull (fixture->activated);
  g_assert_cmpint (studio_transcript_record_get_id (fixture->activated), ==,
                   studio_transcript_record_get_id (lab));
  g_assert_cmpstr (studio_transcript_record_get_title (fixture->activated), ==,
                   "Recording of the Lab");
  g_assert_cmpint (studio_transcript_history_get_selected (sidebar), ==,
                   studio_transcript_record_get_id (lab));

  /* Marked from outside, and still so after the list is read again. */
  studio_transcript_history_select (sidebar, studio_transcript_record_get_id (meeting));
  g_assert_cmpint (studio_transcript_history_get_selected (sidebar), ==,
                   studio_transcript_record_get_id (meeting));
  g_assert_true (gtk_list_box_get_selected_row (box) == gtk_list_box_get_row_at_index (box, 3));
  studio_transcript_history_reload (sidebar);
  wait_n_items (fixture, fixture->saved->len);
  studio_gui_drain ();
  g_assert_true (gtk_list_box_get_selected_row (box) == gtk_list_box_get_row_at_index (box, 3));

  studio_transcript_history_select (sidebar, 0);
  g_assert_null (gtk_list_box_get_selected_row (box));
  g_assert_cmpuint (fixture->n_activated, ==, 1);
}

/* The search, by the start of a word in the title or the text. */
static void
test_history_search (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *status;

  search (fixture, "budg");
  wait_only (fixture, saved (fixture, 0));
  g_assert_cmpstr (page (fixture), ==, "list");

  /* By the title too; the listing of the first search is not kept. */
  search (fixture, "Lect");
  wait_only (fixture, saved (fixture, 3));

  search (fixture, "zzzzqqq");
  wait_n_items (fixture, 0);
  g_assert_cmpstr (page (fixture), ==, "no-results");
  status = studio_gui_find_widget (fixture->sidebar, ADW_TYPE_STATUS_PAGE, "No Results");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-history-no-results.png");

  /* Cleared: all of them again. */
  search (fixture, "");
  wait_n_items (fixture, fixture->saved->len);
  g_assert_cmpstr (page (fixture), ==, "list");
}

/* Delete: gone at once, back with Undo; for good once the toast goes. */
static void
test_history_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  StudioTranscriptHistory *sidebar = STUDIO_TRANSCRIPT_HISTORY (fixture->sidebar);
  gint64 newest = id_at (fixture, 0);
  g_autofree char *newest_audio = audio_path (fixture, saved (fixture, 3));
  g_autofree char *second_audio = audio_path (fixture, saved (fixture, 2));
  gint64 second = id_at (fixture, 1);
  GtkWidget *undo;

  g_assert_true (g_file_test (newest_audio, G_FILE_TEST_EXISTS));
  studio_transcript_history_select (sidebar, newest);

  click_delete (fixture, 0);
  g_assert_cmpuint (g_list_model_get_n_items (records (fixture)), ==, fixture->saved->len - 1);
  g_assert_cmpint (id_at (fixture, 0), ==, second);
  while (fixture->n_deleted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->deleted_id, ==, newest);
  g_assert_cmpint (studio_transcript_history_get_selected (sidebar), ==, 0);
  wait_for_label (fixture, "“Lecture” deleted");
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-history-deleted.png");

  undo = studio_gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_n_items (fixture, fixture->saved->len);
  g_assert_cmpint (id_at (fixture, 0), ==, newest);
  wait_for_no_label (fixture, "“Lecture” deleted");
  g_assert_true (g_file_test (newest_audio, G_FILE_TEST_EXISTS));

  /* Deleted again, and the toast closed: purged, audio and all. */
  click_delete (fixture, 1);
  g_assert_cmpuint (g_list_model_get_n_items (records (fixture)), ==, fixture->saved->len - 1);
  while (fixture->n_deleted < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->deleted_id, ==, second);
  wait_for_label (fixture, "“Recording of the Lab” deleted");
  studio_gui_wait_for (toast_close_shown, fixture->window);
  g_signal_emit_by_name (find_toast_close (GTK_WIDGET (fixture->window)), "clicked");
  studio_gui_wait_for (file_gone, second_audio);
  /* The purge's answer wakes the loop once the row is gone too. */
  studio_gui_wait_for (row_purged, &(RowWanted) { fixture, second });
  g_assert_true (g_file_test (newest_audio, G_FILE_TEST_EXISTS));

  /* It is not listed again, and cannot be brought back. */
  studio_transcript_history_reload (sidebar);
  wait_n_items (fixture, fixture->saved->len - 1);
  for (guint i = 0; i < fixture->saved->len - 1; i++)
    g_assert_cmpint (id_at (fixture, i), !=, second);
  {
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(GError) error = NULL;

    studio_transcript_store_restore_async (fixture->store, second, NULL, studio_fake_result_cb,
                                           &done);
    g_assert_false (studio_transcript_store_change_finish (fixture->store,
                                                           studio_fake_wait_result (&done),
                                                           &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

/* The Delete key on a row deletes it too. */
static void
test_history_delete_key (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkListBox *box = list_box (fixture);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (box));
  gint64 newest = id_at (fixture, 0);
  gboolean handled = FALSE;

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (row_at (fixture, 0))));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          g_signal_handler_find (controller, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                 fixture->sidebar) != 0)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Delete, 0, 0, &handled);
    }
  g_assert_true (handled);
  g_assert_cmpuint (g_list_model_get_n_items (records (fixture)), ==, fixture->saved->len - 1);
  while (fixture->n_deleted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->deleted_id, ==, newest);
  wait_for_label (fixture, "“Lecture” deleted");
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-transcript-history-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();
  /* libadwaita 1.2 crashes when a toast goes while it is still sliding in:
   * without animations each toast is in at once.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/studio/transcript-history/empty", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_history_empty, fixture_tear_down);
  g_test_add ("/studio/transcript-history/list", Fixture, NULL,
              fixture_set_up, test_history_list, fixture_tear_down);
  g_test_add ("/studio/transcript-history/activate", Fixture, NULL,
              fixture_set_up, test_history_activate, fixture_tear_down);
  g_test_add ("/studio/transcript-history/search", Fixture, NULL,
              fixture_set_up, test_history_search, fixture_tear_down);
  g_test_add ("/studio/transcript-history/delete", Fixture, NULL,
              fixture_set_up, test_history_delete, fixture_tear_down);
  g_test_add ("/studio/transcript-history/delete-key", Fixture, NULL,
              fixture_set_up, test_history_delete_key, fixture_tear_down);

  return g_test_run ();
}
