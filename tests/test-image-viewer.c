/* test-image-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The large view of a gallery image: the viewer's zoom and states, the
 * details of a stored image with its lineage, and the comparison.
 */

#include "config.h"

#include <adwaita.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-image-compare.h"
#include "studio-image-details.h"
#include "studio-image-viewer.h"
#include "studio-ui.h"

static GFile *
write_png (const char *name,
           int         width,
           int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *data = NULL;
  gsize length = 0;
  GFile *file;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL, NULL));
  file = studio_gui_write_temp (name, (const guint8 *) data, length);
  g_free (data);

  return file;
}

static gboolean
has_texture (gpointer data)
{
  return studio_image_viewer_get_texture (data) != NULL;
}

static gboolean
shows_title (gpointer data)
{
  GtkWidget *viewer = data;
  const char *title = g_object_get_data (G_OBJECT (viewer), "title");

  return studio_gui_find_widget (viewer, ADW_TYPE_STATUS_PAGE, title) != NULL;
}

static GtkWindow *
show (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  studio_gui_wait_frames (child, 2);

  return window;
}

static void
test_image_viewer_zoom (void)
{
  g_autoptr(GFile) file = write_png ("viewer.png", 2000, 1000);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/image.png");
  g_autoptr(GFile) corrupt = studio_gui_write_temp ("corrupt.png",
                                                    (const guint8 *) "\x89PNG\r\n\x1a\nnot", 11);
  GtkWidget *viewer = studio_image_viewer_new ();
  GtkWindow *window = show (viewer);

  studio_image_viewer_set_file (STUDIO_IMAGE_VIEWER (viewer), file);
  studio_gui_wait_for (has_texture, viewer);
  g_assert_cmpint (gdk_texture_get_width (studio_image_viewer_get_texture (STUDIO_IMAGE_VIEWER (viewer))),
                   ==, 2000);
  studio_gui_wait_frames (viewer, 2);

  /* Fitted: the 2000 px image in an 800 px window is scaled down. */
  g_assert_true (studio_image_viewer_get_fit (STUDIO_IMAGE_VIEWER (viewer)));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (STUDIO_IMAGE_VIEWER (viewer)), <, 0.5);
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-fit.png");

  g_assert_true (gtk_widget_activate_action (viewer, "viewer.zoom-original", NULL));
  g_assert_false (studio_image_viewer_get_fit (STUDIO_IMAGE_VIEWER (viewer)));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (STUDIO_IMAGE_VIEWER (viewer)), ==, 1.0);
  g_assert_true (gtk_widget_activate_action (viewer, "viewer.zoom-in", NULL));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (STUDIO_IMAGE_VIEWER (viewer)), >, 1.0);
  studio_image_viewer_set_zoom (STUDIO_IMAGE_VIEWER (viewer), 100);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (STUDIO_IMAGE_VIEWER (viewer)), ==, 16.0);
  g_assert_true (gtk_widget_activate_action (viewer, "viewer.zoom-fit", NULL));
  g_assert_true (studio_image_viewer_get_fit (STUDIO_IMAGE_VIEWER (viewer)));

  /* A missing and a corrupt file say so. */
  studio_image_viewer_set_file (STUDIO_IMAGE_VIEWER (viewer), missing);
  g_object_set_data (G_OBJECT (viewer), "title", (gpointer) "Image Missing");
  studio_gui_wait_for (shows_title, viewer);
  g_assert_null (studio_image_viewer_get_texture (STUDIO_IMAGE_VIEWER (viewer)));

  studio_image_viewer_set_file (STUDIO_IMAGE_VIEWER (viewer), corrupt);
  g_object_set_data (G_OBJECT (viewer), "title", (gpointer) "Image Cannot Be Read");
  studio_gui_wait_for (shows_title, viewer);
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-corrupt.png");

  gtk_window_destroy (window);
  studio_gui_drain ();
}

static StudioImageRecord *
save (StudioImageStore *store,
      const char       *prompt,
      gint64            parent_id)
{
  g_autoptr(StudioImageRecord) request = studio_image_record_new ("generations", "gpt-image-2",
                                                                  prompt);
  g_autoptr(JsonNode) options = json_from_string ("{\"quality\": \"high\", \"size\": "
                                                  "\"1024x1024\"}", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 32);
  g_autoptr(StudioImageResult) result = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  StudioImageRecord *record;
  char *data = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, 0x884422ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL, NULL));
  result = studio_image_result_new (g_bytes_new_take (data, length), NULL);
  studio_image_record_set_options (request, json_node_get_object (options));
  studio_image_record_set_cost (request, 0.167);
  studio_image_record_set_parent_id (request, parent_id);

  studio_image_store_save_async (store, request, result, NULL, studio_fake_result_cb, &async);
  studio_fake_wait_result (&async);
  record = studio_image_store_record_finish (store, async, &error);
  g_assert_no_error (error);

  return record;
}

static gboolean
lineage_shown (gpointer data)
{
  return studio_gui_find_label_prefix (data, "A child of the otter") != NULL;
}

static void
activated_cb (StudioImageDetails *details,
              gint64              id,
              gint64             *out)
{
  *out = id;
}

static void
test_image_viewer_details (void)
{
  g_autofree char *dir = g_dir_make_tmp ("studio-image-viewer-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StudioContext) context = studio_context_new (settings, db);
  StudioImageStore *store = studio_context_get_image_store (context);
  g_autoptr(StudioImageRecord) parent = save (store, "An otter in a hat", 0);
  g_autoptr(StudioImageRecord) child = save (store, "A child of the otter",
                                             studio_image_record_get_id (parent));
  g_autoptr(GPtrArray) both = g_ptr_array_new ();
  GtkWidget *details = studio_image_details_new ();
  GtkWidget *compare = studio_image_compare_new ();
  GtkWindow *window = show (details);
  GtkWindow *compare_window;
  gint64 activated = 0;

  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), context, parent);
  g_assert_nonnull (studio_gui_find_widget (details, ADW_TYPE_ACTION_ROW, "Quality"));
  g_assert_nonnull (studio_gui_find_widget (details, ADW_TYPE_ACTION_ROW, "Cost"));
  g_assert_nonnull (studio_gui_find_label_prefix (details, "$0.167"));
  studio_gui_wait_for (lineage_shown, details);
  g_signal_connect (details, "record-activated", G_CALLBACK (activated_cb), &activated);
  {
    GtkWidget *row = studio_gui_find_widget (details, ADW_TYPE_ACTION_ROW, "A child of the otter");

    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activated");
  }
  g_assert_cmpint (activated, ==, studio_image_record_get_id (child));
  studio_gui_screenshot (GTK_WIDGET (window), "image-details.png");

  g_ptr_array_add (both, parent);
  g_ptr_array_add (both, child);
  g_ptr_array_add (both, parent);
  compare_window = show (compare);
  studio_image_compare_set_records (STUDIO_IMAGE_COMPARE (compare), both);
  g_assert_cmpuint (studio_image_compare_get_n_records (STUDIO_IMAGE_COMPARE (compare)), ==, 3);
  studio_gui_wait_frames (compare, 4);
  studio_gui_screenshot (GTK_WIDGET (compare_window), "image-compare.png");

  gtk_window_destroy (window);
  gtk_window_destroy (compare_window);
  studio_gui_drain ();
  studio_context_shutdown (context);
  studio_fake_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-image-viewer-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

  g_test_add_func ("/studio/image-viewer/zoom", test_image_viewer_zoom);
  g_test_add_func ("/studio/image-viewer/details", test_image_viewer_details);

  return g_test_run ();
}
