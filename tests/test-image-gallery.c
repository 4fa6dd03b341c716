/* test-image-gallery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Images gallery in a window under Xvfb, over a real store (an SQLite
 * file and an images folder in private folders) filled with images drawn
 * by gdk-pixbuf: the order, the search, files that are gone or damaged,
 * Delete with Undo, and the actions that hand an image on. With
 * STUDIO_SCREENSHOT_DIR set, it also saves what the gallery shows.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-image-gallery.h"
#include "studio-image-request.h"
#include "studio-image-tile.h"
#include "studio-ui.h"

typedef struct
{
  char          *dir;
  GSettings     *settings;
  StudioContext *context;
  GtkWindow     *window;
  GtkWidget     *gallery;
  GPtrArray     *saved;     /* StudioImageRecord, oldest first */
} Fixture;

/* What the fixture starts with, besides the usual five images. */
enum {
  USUAL,
  EMPTY,    /* no image */
  DAMAGED,  /* one file gone, one not an image */
};

static const char *prompts[] = {
  "A red fox sleeping in fresh snow",
  "A blue whale under a stormy sky",
  "A green forest after the rain",
  "A red vintage car on a coast road",
  "A yellow sun over wheat fields",
};

/* Images ------------------------------------------------------------------ */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static GBytes *
draw_png (guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 96, 64);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

/* Stores an image (or, without @colour, a URL that was never downloaded). */
static StudioImageRecord *
save_image (Fixture    *fixture,
            const char *prompt,
            guint32     colour)
{
  StudioImageStore *store = studio_context_get_image_store (fixture->context);
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "gpt-image-1", prompt);
  g_autoptr(GBytes) png = colour ? draw_png (colour) : NULL;
  g_autoptr(StudioImageResult) result =
    studio_image_result_new (png, png ? NULL : "https://images.example.com/lost.png");
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  StudioImageRecord *record;

  studio_image_store_save_async (store, request, result, NULL, store_result_cb, &done);
  record = studio_image_store_record_finish (store, wait_result (&done), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

/* The fixture ------------------------------------------------------------- */

static gboolean
first_page_read (gpointer data)
{
  Fixture *fixture = data;

  return studio_image_gallery_get_n_items (STUDIO_IMAGE_GALLERY (fixture->gallery)) ==
         fixture->saved->len;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *history = NULL;
  GtkWidget *overlay = adw_toast_overlay_new ();
  gboolean empty = GPOINTER_TO_INT (data) == EMPTY;

  fixture->dir = g_dir_make_tmp ("studio-gallery-XXXXXX", NULL);
  history = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = studio_context_new (fixture->settings, history);
  g_assert_null (studio_context_take_history_error (fixture->context));
  fixture->saved = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; !empty && i < G_N_ELEMENTS (prompts); i++)
    g_ptr_array_add (fixture->saved,
                     save_image (fixture, prompts[i], 0x30609000u + (i * 0x28000000u) + 0xff));

  if (GPOINTER_TO_INT (data) == DAMAGED)
    {
      StudioImageRecord *gone = g_ptr_array_index (fixture->saved, 1);
      StudioImageRecord *damaged = g_ptr_array_index (fixture->saved, 3);
      const char *path = studio_image_record_get_file (damaged);
      g_autofree char *contents = NULL;
      gsize length;

      /* The same size, so the store does not notice; not a PNG. */
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      memset (contents, 'x', length);
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      g_assert_cmpint (g_unlink (studio_image_record_get_file (gone)), ==, 0);
    }

  fixture->gallery = g_object_ref_sink (studio_image_gallery_new (fixture->context));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->gallery);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);

  studio_gui_wait_for (first_page_read, fixture);
  studio_gui_wait_frames (fixture->gallery, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  /* A page being read, or a tile's thumbnail, holds it a moment longer. */
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->gallery));
  studio_context_shutdown (fixture->context);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->context));
  g_assert_finalize_object (g_steal_pointer (&fixture->settings));
  g_ptr_array_unref (fixture->saved);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Reading it back ----------------------------------------------------------- */

static StudioImageGallery *
gallery (Fixture *fixture)
{
  return STUDIO_IMAGE_GALLERY (fixture->gallery);
}

static StudioImageTile *
find_tile_in (GtkWidget *root,
              gint64     id)
{
  if (STUDIO_IS_IMAGE_TILE (root))
    {
      StudioImageRecord *record = studio_image_tile_get_record (STUDIO_IMAGE_TILE (root));

      return record && studio_image_record_get_id (record) == id ? STUDIO_IMAGE_TILE (root) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      StudioImageTile *found = find_tile_in (child, id);

      if (found)
        return found;
    }

  return NULL;
}

static StudioImageTile *
find_tile (Fixture           *fixture,
           StudioImageRecord *record)
{
  StudioImageTile *tile = find_tile_in (fixture->gallery, studio_image_record_get_id (record));

  g_assert_nonnull (tile);
  return tile;
}

static gboolean
no_tile_loading (gpointer data)
{
  Fixture *fixture = data;

  for (guint i = 0; i < studio_image_gallery_get_n_items (gallery (fixture)); i++)
    {
      StudioImageTile *tile = find_tile (fixture, studio_image_gallery_get_item (gallery (fixture), i));

      if (g_str_equal (studio_image_tile_get_status (tile), "loading"))
        return FALSE;
    }

  return TRUE;
}

static GtkSelectionModel *
selection (Fixture *fixture)
{
  GtkWidget *grid = studio_gui_find_widget (fixture->gallery, GTK_TYPE_GRID_VIEW, NULL);

  return gtk_grid_view_get_model (GTK_GRID_VIEW (grid));
}

static void
select_only (Fixture *fixture,
             guint    position)
{
  g_assert_true (gtk_selection_model_select_item (selection (fixture), position, TRUE));
}

static gint64
id_at (Fixture *fixture,
       guint    position)
{
  return studio_image_record_get_id (studio_image_gallery_get_item (gallery (fixture), position));
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

/* The close button of the toast showing @title. */
static GtkWidget *
find_toast_close (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0 &&
      gtk_widget_get_ancestor (root, ADW_TYPE_TOAST_OVERLAY) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_close (child);

      if (found)
        return found;
    }

  return NULL;
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

  return studio_image_gallery_get_n_items (gallery (count->fixture)) == count->n;
}

static void
wait_n_items (Fixture *fixture,
              guint    n)
{
  ItemCount count = { fixture, n };

  studio_gui_wait_for (has_n_items, &count);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Cases --------------------------------------------------------------------- */

/* Newest first; a file that is gone and one that is damaged show as such,
 * and the others load all the same.
 */
static void
test_gallery_browse (Fixture       *fixture,
                     gconstpointer  data)
{
  StudioImageRecord *gone = g_ptr_array_index (fixture->saved, 1);
  StudioImageRecord *damaged = g_ptr_array_index (fixture->saved, 3);

  for (guint i = 0; i < fixture->saved->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (fixture->saved, fixture->saved->len - 1 - i);

      g_assert_cmpint (id_at (fixture, i), ==, studio_image_record_get_id (record));
      g_assert_cmpstr (studio_image_record_get_prompt (studio_image_gallery_get_item (gallery (fixture), i)),
                       ==, prompts[fixture->saved->len - 1 - i]);
    }
  g_assert_null (studio_image_gallery_get_item (gallery (fixture), fixture->saved->len));

  studio_gui_wait_for (no_tile_loading, fixture);
  for (guint i = 0; i < fixture->saved->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (fixture->saved, i);
      StudioImageTile *tile = find_tile (fixture, record);
      gboolean bad = record == gone || record == damaged;

      g_assert_cmpstr (studio_image_tile_get_status (tile), ==, bad ? "missing" : "loaded");
      g_assert_true ((studio_image_tile_get_texture (tile) != NULL) == !bad);
    }
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (find_tile (fixture, gone)), "File Missing"));
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (find_tile (fixture, damaged)), "Unreadable File"));
  /* The tile draws its prompt itself (it is its accessible name too). */
  g_assert_cmpstr (studio_image_tile_get_prompt (find_tile (fixture, g_ptr_array_index (fixture->saved, 0))),
                   ==, prompts[0]);
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "gallery.png");

  /* Shown again, scrolled to and selected. */
  studio_image_gallery_show_record (gallery (fixture), studio_image_record_get_id (gone));
  g_assert_true (gtk_selection_model_is_selected (selection (fixture), 3));
  g_assert_false (gtk_selection_model_is_selected (selection (fixture), 0));
}

static void
test_gallery_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *page = studio_gui_find_widget (fixture->gallery, ADW_TYPE_STATUS_PAGE, "No Images Yet");
  g_autoptr(StudioImageRecord) record = NULL;

  g_assert_nonnull (page);
  studio_gui_wait_for ((StudioCheckFunc) gtk_widget_get_mapped, page);
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "gallery-empty.png");

  /* A new image shows without reading the store again. */
  record = save_image (fixture, "A first image", 0x204060ff);
  studio_image_gallery_add_record (gallery (fixture), record);
  g_assert_cmpuint (studio_image_gallery_get_n_items (gallery (fixture)), ==, 1);
  studio_gui_wait_frames (fixture->gallery, 2);
  g_assert_false (gtk_widget_get_mapped (page));
}

static void
test_gallery_search (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *entry = studio_gui_find_widget (fixture->gallery, GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *page;

  gtk_editable_set_text (GTK_EDITABLE (entry), "red");
  wait_n_items (fixture, 2);
  g_assert_cmpstr (studio_image_record_get_prompt (studio_image_gallery_get_item (gallery (fixture), 0)),
                   ==, prompts[3]);
  g_assert_cmpstr (studio_image_record_get_prompt (studio_image_gallery_get_item (gallery (fixture), 1)),
                   ==, prompts[0]);

  /* A new search cancels the one before it: only the last one shows. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "whale");
  g_signal_emit_by_name (entry, "search-changed");
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebra");
  g_signal_emit_by_name (entry, "search-changed");
  wait_n_items (fixture, 0);
  page = studio_gui_find_widget (fixture->gallery, ADW_TYPE_STATUS_PAGE, "No Results");
  g_assert_nonnull (page);
  studio_gui_wait_for ((StudioCheckFunc) gtk_widget_get_mapped, page);
  /* Only the last search's hits were shown. */
  g_assert_cmpuint (studio_image_gallery_get_n_items (gallery (fixture)), ==, 0);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "zebra"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "gallery-no-results.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_n_items (fixture, fixture->saved->len);
  studio_gui_wait_frames (fixture->gallery, 2);
  g_assert_false (gtk_widget_get_mapped (page));
}

static void
test_gallery_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 newest = id_at (fixture, 0);
  g_autofree char *file = NULL;
  GtkWidget *undo;
  GtkWidget *close;

  /* Gone from the grid at once; back at its place after Undo. */
  select_only (fixture, 0);
  g_assert_true (gtk_widget_activate_action (fixture->gallery, "gallery.delete", NULL));
  g_assert_cmpuint (studio_image_gallery_get_n_items (gallery (fixture)), ==, fixture->saved->len - 1);
  g_assert_cmpint (id_at (fixture, 0), !=, newest);
  wait_for_label (fixture, "Image deleted");
  undo = studio_gui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_n_items (fixture, fixture->saved->len);
  g_assert_cmpint (id_at (fixture, 0), ==, newest);
  wait_for_no_label (fixture, "Image deleted");

  /* Two at once, from the selection bar, and the toast closed: their
   * files go for good, and a reload no longer finds them.
   */
  gtk_selection_model_select_range (selection (fixture), 1, 2, TRUE);
  studio_gui_wait_frames (fixture->gallery, 2);
  g_assert_nonnull (studio_gui_find_label_prefix (fixture->gallery, "2 images selected"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "gallery-selection.png");
  file = g_strdup (studio_image_record_get_file (studio_image_gallery_get_item (gallery (fixture), 1)));
  g_signal_emit_by_name (studio_gui_find_widget (fixture->gallery, GTK_TYPE_BUTTON, "Delete"), "clicked");
  g_assert_cmpuint (studio_image_gallery_get_n_items (gallery (fixture)), ==, fixture->saved->len - 2);
  wait_for_label (fixture, "2 images deleted");
  while ((close = find_toast_close (GTK_WIDGET (fixture->window))) == NULL ||
         !gtk_widget_get_mapped (close))
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (close, "clicked");
  studio_gui_wait_for (file_gone, file);

  studio_image_gallery_reload (gallery (fixture));
  wait_n_items (fixture, fixture->saved->len - 2);
  g_assert_cmpint (id_at (fixture, 0), ==, newest);
}

typedef struct
{
  guint      n_activated;
  guint      n_chat;
  guint      n_source;
  guint      n_regenerate;
  guint      n_retry;
  guint      n_compare;
  gint64     last_id;
  GPtrArray *compared;
} Emitted;

static void
record_signal_cb (StudioImageGallery *gallery_widget,
                  StudioImageRecord  *record,
                  guint              *counter)
{
  Emitted *emitted = g_object_get_data (G_OBJECT (gallery_widget), "emitted");

  (*counter)++;
  emitted->last_id = studio_image_record_get_id (record);
}

static void
compare_cb (StudioImageGallery *gallery_widget,
            GPtrArray          *records,
            Emitted            *emitted)
{
  emitted->n_compare++;
  g_clear_pointer (&emitted->compared, g_ptr_array_unref);
  emitted->compared = g_ptr_array_ref (records);
}

static gboolean
clipboard_has_texture (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

static GdkContentProvider *
prepare_drag (StudioImageTile *tile)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (tile));
  GdkContentProvider *content = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DRAG_SOURCE (controller))
        g_signal_emit_by_name (controller, "prepare", 10.0, 10.0, &content);
    }

  return content;
}

static void
test_gallery_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  Emitted emitted = { 0, };
  g_autoptr(StudioImageRecord) lost = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentFormats) formats = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (fixture->gallery);
  GtkWidget *menu;
  gint64 newest = id_at (fixture, 0);

  g_object_set_data (G_OBJECT (fixture->gallery), "emitted", &emitted);
  g_signal_connect (fixture->gallery, "activated", G_CALLBACK (record_signal_cb), &emitted.n_activated);
  g_signal_connect (fixture->gallery, "send-to-chat", G_CALLBACK (record_signal_cb), &emitted.n_chat);
  g_signal_connect (fixture->gallery, "use-as-source", G_CALLBACK (record_signal_cb), &emitted.n_source);
  g_signal_connect (fixture->gallery, "regenerate", G_CALLBACK (record_signal_cb), &emitted.n_regenerate);
  g_signal_connect (fixture->gallery, "retry-download", G_CALLBACK (record_signal_cb), &emitted.n_retry);
  g_signal_connect (fixture->gallery, "compare", G_CALLBACK (compare_cb), &emitted);

  /* Nothing selected: nothing happens. */
  gtk_widget_activate_action (fixture->gallery, "gallery.open", NULL);
  g_assert_cmpuint (emitted.n_activated, ==, 0);

  select_only (fixture, 0);
  gtk_widget_activate_action (fixture->gallery, "gallery.open", NULL);
  gtk_widget_activate_action (fixture->gallery, "gallery.send-to-chat", NULL);
  gtk_widget_activate_action (fixture->gallery, "gallery.use-as-source", NULL);
  gtk_widget_activate_action (fixture->gallery, "gallery.regenerate", NULL);
  /* Only for an image whose download failed. */
  gtk_widget_activate_action (fixture->gallery, "gallery.retry-download", NULL);
  g_assert_cmpuint (emitted.n_activated, ==, 1);
  g_assert_cmpuint (emitted.n_chat, ==, 1);
  g_assert_cmpuint (emitted.n_source, ==, 1);
  g_assert_cmpuint (emitted.n_regenerate, ==, 1);
  g_assert_cmpuint (emitted.n_retry, ==, 0);
  g_assert_cmpint (emitted.last_id, ==, newest);

  /* Enter or a double click on a tile opens it. */
  g_signal_emit_by_name (studio_gui_find_widget (fixture->gallery, GTK_TYPE_GRID_VIEW, NULL), "activate", 2);
  g_assert_cmpuint (emitted.n_activated, ==, 2);
  g_assert_cmpint (emitted.last_id, ==, id_at (fixture, 2));

  /* The context menu, from the keyboard, for the image selected. */
  gtk_widget_activate_action (fixture->gallery, "gallery.menu", NULL);
  menu = studio_gui_find_widget (fixture->gallery, GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (menu);
  studio_gui_wait_for ((StudioCheckFunc) gtk_widget_get_mapped, menu);
  g_assert_nonnull (studio_gui_find_label_prefix (menu, "Use as _Edit Source"));
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "gallery-menu.png");
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* Copy puts the whole image on the clipboard. */
  gtk_widget_activate_action (fixture->gallery, "gallery.copy", NULL);
  wait_for_label (fixture, "Image copied");
  studio_gui_wait_for (clipboard_has_texture, clipboard);

  /* A drag gives the file, and the image as its own type. */
  content = prepare_drag (find_tile (fixture, studio_image_gallery_get_item (gallery (fixture), 0)));
  g_assert_nonnull (content);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));

  /* Two or more selected: Compare, in the grid's order. */
  gtk_widget_activate_action (fixture->gallery, "gallery.compare", NULL);
  g_assert_cmpuint (emitted.n_compare, ==, 0);
  gtk_selection_model_select_range (selection (fixture), 0, 3, TRUE);
  g_signal_emit_by_name (studio_gui_find_widget (fixture->gallery, GTK_TYPE_BUTTON, "Compare"), "clicked");
  g_assert_cmpuint (emitted.n_compare, ==, 1);
  g_assert_cmpuint (emitted.compared->len, ==, 3);
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (emitted.compared, 0)), ==, newest);
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (emitted.compared, 2)), ==,
                   id_at (fixture, 2));

  /* A URL never downloaded: shown as such, and Retry Download offered. */
  lost = save_image (fixture, "A lighthouse at dusk", 0);
  g_assert_cmpint (studio_image_record_get_state (lost), ==, STUDIO_IMAGE_STATE_DOWNLOAD_FAILED);
  studio_image_gallery_add_record (gallery (fixture), lost);
  g_assert_cmpint (id_at (fixture, 0), ==, studio_image_record_get_id (lost));
  studio_gui_wait_frames (fixture->gallery, 2);
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (find_tile (fixture, lost)), "Download Failed"));
  g_assert_cmpstr (studio_image_tile_get_status (find_tile (fixture, lost)), ==, "missing");
  select_only (fixture, 0);
  gtk_widget_activate_action (fixture->gallery, "gallery.send-to-chat", NULL);
  g_assert_cmpuint (emitted.n_chat, ==, 1);
  gtk_widget_activate_action (fixture->gallery, "gallery.retry-download", NULL);
  g_assert_cmpuint (emitted.n_retry, ==, 1);
  g_assert_cmpint (emitted.last_id, ==, studio_image_record_get_id (lost));

  /* Its download arrives: the same image, now with its file, at its place. */
  {
    StudioImageStore *store = studio_context_get_image_store (fixture->context);
    g_autoptr(GBytes) png = draw_png (0xc0a020ff);
    g_autoptr(GAsyncResult) done = NULL;
    g_autoptr(StudioImageRecord) found = NULL;
    g_autoptr(GError) error = NULL;

    studio_image_store_save_download_async (store, studio_image_record_get_id (lost), png, NULL,
                                            store_result_cb, &done);
    found = studio_image_store_record_finish (store, wait_result (&done), &error);
    g_assert_no_error (error);
    studio_image_gallery_update_record (gallery (fixture), found);
    g_assert_cmpuint (studio_image_gallery_get_n_items (gallery (fixture)), ==, fixture->saved->len + 1);
    g_assert_true (studio_image_gallery_get_item (gallery (fixture), 0) == found);
    g_assert_true (gtk_selection_model_is_selected (selection (fixture), 0));
    studio_gui_wait_for (no_tile_loading, fixture);
    g_assert_cmpstr (studio_image_tile_get_status (find_tile (fixture, found)), ==, "loaded");
  }

  g_signal_handlers_disconnect_by_data (fixture->gallery, &emitted);
  g_signal_handlers_disconnect_by_func (fixture->gallery, record_signal_cb, &emitted.n_activated);
  g_signal_handlers_disconnect_by_func (fixture->gallery, record_signal_cb, &emitted.n_chat);
  g_signal_handlers_disconnect_by_func (fixture->gallery, record_signal_cb, &emitted.n_source);
  g_signal_handlers_disconnect_by_func (fixture->gallery, record_signal_cb, &emitted.n_regenerate);
  g_signal_handlers_disconnect_by_func (fixture->gallery, record_signal_cb, &emitted.n_retry);
  g_clear_pointer (&emitted.compared, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  /* A history, images and thumbnails of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-image-gallery-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();
  /* libadwaita 1.2 crashes when a toast goes while it is still sliding in
   * (a hide animation ending after the show one): without animations each
   * toast is in at once.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/studio/image-gallery/browse", Fixture, GINT_TO_POINTER (DAMAGED),
              fixture_set_up, test_gallery_browse, fixture_tear_down);
  g_test_add ("/studio/image-gallery/empty", Fixture, GINT_TO_POINTER (EMPTY),
              fixture_set_up, test_gallery_empty, fixture_tear_down);
  g_test_add ("/studio/image-gallery/search", Fixture, NULL,
              fixture_set_up, test_gallery_search, fixture_tear_down);
  g_test_add ("/studio/image-gallery/delete", Fixture, NULL,
              fixture_set_up, test_gallery_delete, fixture_tear_down);
  g_test_add ("/studio/image-gallery/actions", Fixture, NULL,
              fixture_set_up, test_gallery_actions, fixture_tear_down);

  return g_test_run ();
}
