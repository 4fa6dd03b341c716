/* test-speech-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Speech workspace's sidebar in a window under Xvfb, over a real
 * speech store (an SQLite file and a speech folder in a temporary
 * folder): the order, picking one, Save As, the search, and Delete with
 * Undo or for good.
 */

#include "config.h"

#include <adwaita.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-history.h"
#include "studio-speech-history.h"
#include "studio-speech-store.h"
#include "studio-ui.h"

typedef struct
{
  char              *dir;
  char              *db;
  char              *folder;
  StudioHistory     *history;
  StudioSpeechStore *store;
  GtkWindow         *window;
  GtkWidget         *sidebar;
  GPtrArray         *saved;      /* StudioSpeechClip, oldest first */
  StudioSpeechClip  *activated;
  StudioSpeechClip  *to_save;
  gint64             deleted_id;
  guint              n_deleted;
} Fixture;

static StudioSpeechClip *
save_clip (Fixture    *fixture,
           const char *text,
           gint64      duration_us)
{
  StudioSpeechClip *clip = studio_speech_clip_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  StudioSpeechPiece *piece;

  studio_speech_clip_set_text (clip, text);
  studio_speech_clip_set_title (clip, text);
  studio_speech_clip_add_piece (clip, 0, strlen (text));
  file = studio_speech_store_dup_piece_file (fixture->store, clip, 0);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), "audio", -1, NULL));
  piece = studio_speech_clip_get_piece (clip, 0);
  piece->file_name = g_file_get_basename (file);
  piece->bytes = 5;
  piece->duration_us = duration_us;
  piece->complete = TRUE;
  studio_speech_clip_set_state (clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  studio_speech_clip_set_cost (clip, 0.0015);

  studio_speech_store_save_async (fixture->store, clip, NULL, studio_fake_result_cb, &done);
  g_assert_true (studio_speech_store_save_finish (fixture->store, studio_fake_wait_result (&done), &error));
  g_assert_no_error (error);

  return clip;
}

static void
activated_cb (StudioSpeechHistory *sidebar,
              StudioSpeechClip    *clip,
              Fixture             *fixture)
{
  g_set_object (&fixture->activated, clip);
}

static void
save_cb (StudioSpeechHistory *sidebar,
         StudioSpeechClip    *clip,
         Fixture             *fixture)
{
  g_set_object (&fixture->to_save, clip);
}

static void
deleted_cb (StudioSpeechHistory *sidebar,
            gint64               id,
            Fixture             *fixture)
{
  fixture->n_deleted++;
  fixture->deleted_id = id;
}

static GListModel *
clips (Fixture *fixture)
{
  return studio_speech_history_get_clips (STUDIO_SPEECH_HISTORY (fixture->sidebar));
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

  return g_list_model_get_n_items (clips (count->fixture)) == count->n;
}

static void
wait_n_items (Fixture *fixture,
              guint    n)
{
  ItemCount count = { fixture, n };

  studio_gui_wait_for (has_n_items, &count);
}

static gint64
id_at (Fixture *fixture,
       guint    position)
{
  g_autoptr(StudioSpeechClip) clip = g_list_model_get_item (clips (fixture), position);

  g_assert_nonnull (clip);
  return studio_speech_clip_get_id (clip);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->dir = g_dir_make_tmp ("studio-speech-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "speech", NULL);
  fixture->history = studio_history_new (fixture->db, &error);
  g_assert_no_error (error);
  fixture->store = studio_speech_store_new (fixture->history, fixture->folder);
  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->sidebar = g_object_ref_sink (studio_speech_history_new ());
  g_signal_connect (fixture->sidebar, "activated", G_CALLBACK (activated_cb), fixture);
  g_signal_connect (fixture->sidebar, "save", G_CALLBACK (save_cb), fixture);
  g_signal_connect (fixture->sidebar, "deleted", G_CALLBACK (deleted_cb), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 320, 480);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->sidebar);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  studio_gui_wait_frames (fixture->sidebar, 2);

  g_ptr_array_add (fixture->saved, save_clip (fixture, "The lighthouse keeper's log.", 4000000));
  g_ptr_array_add (fixture->saved, save_clip (fixture, "A recipe for bread.", 2000000));
  g_ptr_array_add (fixture->saved, save_clip (fixture, "Notes on <tides> & moons.", 0));

  studio_speech_history_set_store (STUDIO_SPEECH_HISTORY (fixture->sidebar), fixture->store);
  wait_n_items (fixture, fixture->saved->len);
  studio_gui_wait_frames (fixture->sidebar, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->sidebar));
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
  g_clear_object (&fixture->activated);
  g_clear_object (&fixture->to_save);
  g_ptr_array_unref (fixture->saved);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->folder);
}

static GtkListBox *
list_box (Fixture *fixture)
{
  return GTK_LIST_BOX (studio_gui_find_widget (fixture->sidebar, GTK_TYPE_LIST_BOX, NULL));
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found)
        return found;
    }

  return NULL;
}

/* The icon button of the row at @position that says @tooltip. */
static GtkWidget *
row_button (Fixture    *fixture,
            guint       position,
            const char *tooltip)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box (fixture), (int) position);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = find_by_tooltip (GTK_WIDGET (row), tooltip);
  g_assert_nonnull (button);

  return button;
}

static void
test_history_list (Fixture       *fixture,
                   gconstpointer  data)
{
  StudioSpeechClip *newest = g_ptr_array_index (fixture->saved, 2);
  GtkListBoxRow *row;

  /* Newest first. */
  g_assert_cmpint (id_at (fixture, 0), ==, studio_speech_clip_get_id (newest));
  g_assert_cmpint (id_at (fixture, 2),
                   ==, studio_speech_clip_get_id (g_ptr_array_index (fixture->saved, 0)));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "speech-history.png");

  row = gtk_list_box_get_row_at_index (list_box (fixture), 1);
  g_signal_emit_by_name (list_box (fixture), "row-activated", row);
  g_assert_nonnull (fixture->activated);
  g_assert_cmpint (studio_speech_clip_get_id (fixture->activated), ==, id_at (fixture, 1));

  /* A clip with no audio cannot be saved; one with audio can. */
  g_assert_false (gtk_widget_get_sensitive (row_button (fixture, 0, "Save Clip As…")));
  g_signal_emit_by_name (row_button (fixture, 1, "Save Clip As…"), "clicked");
  g_assert_nonnull (fixture->to_save);
  g_assert_cmpint (studio_speech_clip_get_id (fixture->to_save), ==, id_at (fixture, 1));
}

static void
test_history_search (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *entry = studio_gui_find_widget (fixture->sidebar, GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), "bread");
  wait_n_items (fixture, 1);
  g_assert_cmpint (id_at (fixture, 0),
                   ==, studio_speech_clip_get_id (g_ptr_array_index (fixture->saved, 1)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_n_items (fixture, fixture->saved->len);
}

static gboolean
label_shown (gpointer data)
{
  const char **args = data;

  return studio_gui_find_label_prefix (GTK_WIDGET (args[0]), args[1]) != NULL;
}

static void
test_history_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 newest = id_at (fixture, 0);
  const char *args[] = { NULL, "“Notes on" };
  GtkWidget *undo;

  args[0] = (const char *) fixture->window;
  g_signal_emit_by_name (row_button (fixture, 0, "Delete Clip"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (clips (fixture)), ==, fixture->saved->len - 1);
  while (fixture->n_deleted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fixture->deleted_id, ==, newest);
  studio_gui_wait_for (label_shown, args);

  undo = studio_gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_n_items (fixture, fixture->saved->len);
  g_assert_cmpint (id_at (fixture, 0), ==, newest);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-speech-history-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();
  /* libadwaita 1.2 crashes when a toast goes while it is still sliding in. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/studio/speech-history/list", Fixture, NULL,
              fixture_set_up, test_history_list, fixture_tear_down);
  g_test_add ("/studio/speech-history/search", Fixture, NULL,
              fixture_set_up, test_history_search, fixture_tear_down);
  g_test_add ("/studio/speech-history/delete", Fixture, NULL,
              fixture_set_up, test_history_delete, fixture_tear_down);

  return g_test_run ();
}
