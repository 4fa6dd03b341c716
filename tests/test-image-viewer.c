/* test-image-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The large view of a gallery image: the viewer's zoom and states, the
 * details of a stored image with its lineage, and the comparison.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-image-compare.h"
#include "studio-image-details.h"
#include "studio-image-viewer.h"
#include "studio-ui.h"

static GBytes *
png_bytes (int     width,
           int     height,
           guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *data = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  /* A lighter square in the middle, to see zoom and pan in screenshots. */
  {
    g_autoptr(GdkPixbuf) inner = gdk_pixbuf_new_subpixbuf (pixbuf, width / 4, height / 4,
                                                           width / 2, height / 2);

    gdk_pixbuf_fill (inner, colour | 0xc0c0c000);
  }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL, NULL));

  return g_bytes_new_take (data, length);
}

static GFile *
write_png (const char *name,
           int         width,
           int         height)
{
  g_autoptr(GBytes) bytes = png_bytes (width, height, 0x3366ccff);

  return studio_gui_write_temp (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
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
show (GtkWidget *child,
      int        width,
      int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  studio_gui_wait_frames (child, 2);

  return window;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_image_viewer_zoom (void)
{
  g_autoptr(GFile) file = write_png ("viewer.png", 2000, 1000);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/image.png");
  g_autoptr(GFile) corrupt = studio_gui_write_temp ("corrupt.png",
                                                    (const guint8 *) "\x89PNG\r\n\x1a\nnot", 11);
  g_autoptr(GBytes) small_bytes = png_bytes (100, 50, 0x228844ff);
  g_autoptr(GdkTexture) small = gdk_texture_new_from_bytes (small_bytes, NULL);
  StudioImageViewer *viewer = STUDIO_IMAGE_VIEWER (studio_image_viewer_new ());
  GtkWindow *window = show (GTK_WIDGET (viewer), 800, 600);
  GtkWidget *status;
  guint zoom_notified = 0;
  guint fit_notified = 0;
  double fitted;

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (viewer)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (viewer)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  g_signal_connect (viewer, "notify::zoom", G_CALLBACK (count_cb), &zoom_notified);
  g_signal_connect (viewer, "notify::fit", G_CALLBACK (count_cb), &fit_notified);

  /* Loaded on a worker: the size is known once it is done. */
  studio_image_viewer_set_file (viewer, file);
  g_assert_true (studio_image_viewer_get_file (viewer) == file);
  studio_gui_wait_for (has_texture, viewer);
  g_assert_cmpint (gdk_texture_get_width (studio_image_viewer_get_texture (viewer)), ==, 2000);
  g_assert_cmpint (gdk_texture_get_height (studio_image_viewer_get_texture (viewer)), ==, 1000);
  g_assert_null (studio_gui_find_widget (GTK_WIDGET (viewer), ADW_TYPE_STATUS_PAGE, NULL));
  studio_gui_wait_frames (GTK_WIDGET (viewer), 2);

  /* Fitted: the 2000 px image in an 800 px window is scaled down. */
  g_assert_true (studio_image_viewer_get_fit (viewer));
  fitted = studio_image_viewer_get_zoom (viewer);
  g_assert_cmpfloat (fitted, <, 0.5);
  g_assert_cmpfloat_with_epsilon (fitted, 800.0 / 2000, 0.001);
  g_assert_cmpuint (zoom_notified, >, 0);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (viewer)));
  gtk_window_set_focus_visible (window, TRUE);
  studio_gui_wait_frames (GTK_WIDGET (viewer), 2);
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-fit.png");

  /* The key bindings' actions: 1 for 100%, plus and minus, 0 to fit. */
  zoom_notified = fit_notified = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-original", NULL));
  g_assert_false (studio_image_viewer_get_fit (viewer));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 1.0);
  g_assert_cmpuint (zoom_notified, ==, 1);
  g_assert_cmpuint (fit_notified, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), >, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  studio_gui_wait_frames (GTK_WIDGET (viewer), 2);
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-zoomed.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (studio_image_viewer_get_zoom (viewer), 1.0, 1e-9);

  /* 1/16 to 16 times. */
  studio_image_viewer_set_zoom (viewer, 100);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 16.0);
  studio_image_viewer_set_zoom (viewer, 0.001);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 1.0 / 16);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 1.0 / 16);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL));
  g_assert_true (studio_image_viewer_get_fit (viewer));
  g_assert_cmpfloat_with_epsilon (studio_image_viewer_get_zoom (viewer), fitted, 1e-9);

  /* Leaving fit keeps the fitted scale; the property works as the API. */
  g_object_set (viewer, "fit", FALSE, NULL);
  g_assert_cmpfloat_with_epsilon (studio_image_viewer_get_zoom (viewer), fitted, 1e-9);
  g_object_set (viewer, "zoom", 2.0, NULL);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 2.0);
  g_object_set (viewer, "fit", TRUE, NULL);

  /* A small image is fitted at its own size, never blown up. */
  studio_image_viewer_set_texture (viewer, small);
  g_assert_null (studio_image_viewer_get_file (viewer));
  g_assert_true (studio_image_viewer_get_texture (viewer) == small);
  studio_gui_wait_frames (GTK_WIDGET (viewer), 2);
  g_assert_true (studio_image_viewer_get_fit (viewer));
  g_assert_cmpfloat (studio_image_viewer_get_zoom (viewer), ==, 1.0);
  studio_image_viewer_set_description (viewer, "A small green test card");

  /* A missing and a corrupt file say so, naming the file. */
  studio_image_viewer_set_file (viewer, missing);
  g_object_set_data (G_OBJECT (viewer), "title", (gpointer) "Image Missing");
  studio_gui_wait_for (shows_title, viewer);
  g_assert_null (studio_image_viewer_get_texture (viewer));
  status = studio_gui_find_widget (GTK_WIDGET (viewer), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "/nonexistent/image.png"));
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-missing.png");

  studio_image_viewer_set_file (viewer, corrupt);
  g_object_set_data (G_OBJECT (viewer), "title", (gpointer) "Image Cannot Be Read");
  studio_gui_wait_for (shows_title, viewer);
  g_assert_null (studio_image_viewer_get_texture (viewer));
  status = studio_gui_find_widget (GTK_WIDGET (viewer), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "corrupt.png"));
  studio_gui_screenshot (GTK_WIDGET (window), "viewer-corrupt.png");

  /* Zooming with nothing shown does no harm; a good file after a bad one shows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL));
  studio_image_viewer_set_file (viewer, file);
  studio_gui_wait_for (has_texture, viewer);
  g_assert_null (studio_gui_find_widget (GTK_WIDGET (viewer), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_true (studio_image_viewer_get_fit (viewer));

  gtk_window_destroy (window);
  studio_gui_drain ();
}

static StudioImageRecord *
save (StudioImageStore *store,
      const char       *prompt,
      gint64            parent_id,
      gboolean          priced,
      gint64            source_id)
{
  g_autoptr(StudioImageRecord) request = studio_image_record_new (parent_id ? "edits"
                                                                            : "generations",
                                                                  "gpt-image-2", prompt);
  g_autoptr(JsonNode) options = json_from_string ("{\"quality\": \"high\", \"size\": "
                                                  "\"1024x1024\", \"output_compression\": 80, "
                                                  "\"my_option\": true}", NULL);
  g_autoptr(JsonNode) details = json_from_string ("{\"revised_prompt\": \"An otter, wearing "
                                                  "a small red hat\", \"quality\": \"high\"}",
                                                  NULL);
  g_autoptr(GBytes) bytes = png_bytes (64, 48, parent_id ? 0x884422ff : 0x226688ff);
  g_autoptr(StudioImageResult) result = studio_image_result_new (bytes, NULL);
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  StudioImageUsage usage = { 20, 12, 8, 4160, -1, -1, 4180 };
  StudioImageRecord *record;

  studio_image_result_set_details (result, json_node_get_object (details));
  studio_image_result_set_usage (result, &usage);
  studio_image_record_set_options (request, json_node_get_object (options));
  if (priced)
    studio_image_record_set_cost (request, 0.167);
  if (parent_id > 0)
    {
      studio_image_record_set_parent_id (request, parent_id);
      studio_image_record_add_source (request, parent_id, NULL);
      studio_image_record_add_source (request, 0, "sketch.png");
    }
  if (source_id > 0)
    {
      /* One from the gallery, and one deleted from it since. */
      studio_image_record_add_source (request, source_id, NULL);
      studio_image_record_add_source (request, 999999, NULL);
    }

  studio_image_store_save_async (store, request, result, NULL, studio_fake_result_cb, &async);
  studio_fake_wait_result (&async);
  record = studio_image_store_record_finish (store, async, &error);
  g_assert_no_error (error);

  return record;
}

static StudioImageRecord *
reload (StudioImageStore *store,
        gint64            id)
{
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  StudioImageRecord *record;

  studio_image_store_get_async (store, id, NULL, studio_fake_result_cb, &async);
  studio_fake_wait_result (&async);
  record = studio_image_store_record_finish (store, async, &error);
  g_assert_no_error (error);

  return record;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return studio_gui_find_widget (root, ADW_TYPE_ACTION_ROW, title);
}

static const char *
row_value (GtkWidget  *root,
           const char *title)
{
  GtkWidget *row = find_row (root, title);

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Scrolls @root's page to its end, for a screenshot of the lineage. */
static void
scroll_to_end (GtkWidget *root)
{
  GtkWidget *scrolled = studio_gui_find_widget (root, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  studio_gui_wait_frames (root, 2);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  studio_gui_wait_frames (root, 2);
}

static const char *
group_title (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
}

static gboolean
child_row_shown (gpointer data)
{
  return find_row (data, "A child of the otter") != NULL;
}

static gboolean
parent_row_shown (gpointer data)
{
  return find_row (data, "An otter in a hat") != NULL;
}

static gboolean
deleted_row_shown (gpointer data)
{
  return find_row (data, "A Deleted Image") != NULL;
}

static void
activated_cb (StudioImageDetails *details,
              gint64              id,
              gint64             *out)
{
  *out = id;
}

typedef struct
{
  char             *dir;
  StudioContext    *context;
  StudioImageStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  fixture->dir = g_dir_make_tmp ("studio-image-viewer-XXXXXX", NULL);
  db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->context = studio_context_new (settings, db);
  fixture->store = studio_context_get_image_store (fixture->context);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  studio_gui_drain ();
  studio_context_shutdown (fixture->context);
  g_assert_finalize_object (fixture->context);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_image_viewer_details (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StudioImageRecord) parent = save (fixture->store, "An otter in a hat", 0, TRUE, 0);
  g_autoptr(StudioImageRecord) child = save (fixture->store, "A child of the otter",
                                             studio_image_record_get_id (parent), FALSE, 0);
  g_autoptr(StudioImageRecord) variation = save (fixture->store, "Otters in the style of it", 0,
                                                 TRUE, studio_image_record_get_id (parent));
  g_autoptr(StudioImageRecord) missing = NULL;
  GtkWidget *details = studio_image_details_new ();
  GtkWindow *window = show (details, 700, 800);
  GtkWidget *label;
  GtkWidget *row;
  gint64 activated = 0;

  /* Everything said of it, each option a row with a human title. */
  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), fixture->context, parent);
  g_assert_true (studio_image_details_get_record (STUDIO_IMAGE_DETAILS (details)) == parent);
  g_assert_nonnull (studio_gui_find_label_prefix (details, "An otter in a hat"));
  label = studio_gui_find_label_prefix (details, "An otter in a hat");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  g_assert_nonnull (studio_gui_find_label_prefix (details, "An otter, wearing a small red hat"));
  g_assert_cmpstr (row_value (details, "Model"), ==, "gpt-image-2");
  g_assert_cmpstr (row_value (details, "Endpoint"), ==, "Generated (/images/generations)");
  g_assert_cmpstr (row_value (details, "Size"), ==, "64 × 48");
  g_assert_cmpstr (row_value (details, "Quality"), ==, "high");
  g_assert_cmpstr (row_value (details, "Compression"), ==, "80");
  g_assert_cmpstr (row_value (details, "my_option"), ==, "Yes");
  g_assert_cmpstr (row_value (details, "Input Tokens"), ==, "12 text, 8 image");
  g_assert_cmpstr (row_value (details, "Output Tokens"), ==, "4160");
  g_assert_cmpstr (row_value (details, "Cost"), ==, "$0.1670");
  g_assert_cmpstr (row_value (details, "File"), ==, studio_image_record_get_file (parent));
  g_assert_false (gtk_widget_get_visible (find_row (details, "State")));

  /* Its lineage loads after: what was made from it, each row opening it. */
  studio_gui_wait_for (child_row_shown, details);
  g_assert_null (find_row (details, "An otter in a hat"));
  g_signal_connect (details, "record-activated", G_CALLBACK (activated_cb), &activated);
  row = find_row (details, "A child of the otter");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (group_title (row), ==, "Used By");
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpint (activated, ==, studio_image_record_get_id (child));
  studio_gui_wait_frames (details, 2);
  studio_gui_screenshot (GTK_WIDGET (window), "image-details.png");
  scroll_to_end (details);
  studio_gui_screenshot (GTK_WIDGET (window), "image-details-end.png");

  /* Switching records drops the old rows and lineage still loading. */
  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), fixture->context, parent);
  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), fixture->context, child);
  g_assert_null (find_row (details, "A child of the otter"));
  studio_gui_wait_for (parent_row_shown, details);
  row = find_row (details, "An otter in a hat");
  g_assert_cmpstr (group_title (row), ==, "Made From");
  g_assert_nonnull (find_row (details, "sketch.png"));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (find_row (details,
                                                                                "sketch.png"))));
  g_assert_cmpstr (row_value (details, "Endpoint"), ==, "Edited (/images/edits)");
  g_assert_true (g_str_has_prefix (row_value (details, "Cost"), "Not priced"));
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpint (activated, ==, studio_image_record_get_id (parent));
  studio_gui_drain ();
  /* The parent's own options appear once only: no rows of the record before. */
  {
    guint n = 0;

    for (GtkWidget *w = find_row (details, "Quality"); w; w = gtk_widget_get_next_sibling (w))
      {
        if (ADW_IS_ACTION_ROW (w) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "Quality") == 0)
          n++;
      }
    g_assert_cmpuint (n, ==, 1);
  }
  scroll_to_end (details);
  studio_gui_screenshot (GTK_WIDGET (window), "image-details-child.png");

  /* Sources from the gallery open too; one deleted since is said to be. */
  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), fixture->context, variation);
  studio_gui_wait_for (parent_row_shown, details);
  row = find_row (details, "An otter in a hat");
  g_assert_cmpstr (group_title (row), ==, "Made From");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Source image · gpt-image-2");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  studio_gui_wait_for (deleted_row_shown, details);
  row = find_row (details, "A Deleted Image");
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  /* A gallery file deleted outside the app is shown as missing. */
  g_assert_cmpint (g_unlink (studio_image_record_get_file (parent)), ==, 0);
  missing = reload (fixture->store, studio_image_record_get_id (parent));
  g_assert_true (studio_image_record_get_missing (missing));
  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), fixture->context, missing);
  g_assert_true (g_str_has_prefix (row_value (details, "File"), "Missing"));
  studio_gui_wait_for (child_row_shown, details);

  studio_image_details_set_record (STUDIO_IMAGE_DETAILS (details), NULL, NULL);
  g_assert_null (studio_image_details_get_record (STUDIO_IMAGE_DETAILS (details)));
  g_assert_null (find_row (details, "A child of the otter"));

  gtk_window_destroy (window);
}

static void
collect_viewers (GtkWidget *root,
                 GPtrArray *viewers)
{
  if (STUDIO_IS_IMAGE_VIEWER (root))
    g_ptr_array_add (viewers, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_viewers (child, viewers);
}

static gboolean
all_loaded (gpointer data)
{
  GPtrArray *viewers = data;

  for (guint i = 0; i < viewers->len; i++)
    {
      if (!has_texture (g_ptr_array_index (viewers, i)))
        return FALSE;
    }

  return TRUE;
}

static void
test_image_viewer_compare (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StudioImageRecord) first = save (fixture->store, "An otter in a hat", 0, TRUE, 0);
  g_autoptr(StudioImageRecord) second = save (fixture->store, "A child of the otter",
                                              studio_image_record_get_id (first), FALSE, 0);
  g_autoptr(StudioImageRecord) third = save (fixture->store, "A third otter, on a bicycle", 0,
                                             TRUE, 0);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) viewers = g_ptr_array_new ();
  GtkWidget *compare = studio_image_compare_new ();
  GtkWindow *window = show (compare, 900, 500);
  StudioImageViewer *a, *b, *c;
  GtkWidget *sync;

  g_ptr_array_add (records, first);
  g_ptr_array_add (records, second);
  g_ptr_array_add (records, third);
  studio_image_compare_set_records (STUDIO_IMAGE_COMPARE (compare), records);
  g_assert_cmpuint (studio_image_compare_get_n_records (STUDIO_IMAGE_COMPARE (compare)), ==, 3);
  collect_viewers (compare, viewers);
  g_assert_cmpuint (viewers->len, ==, 3);
  studio_gui_wait_for (all_loaded, viewers);
  g_assert_nonnull (studio_gui_find_label_prefix (compare, "gpt-image-2 · high · 64 × 48"));
  g_assert_nonnull (studio_gui_find_label_prefix (compare, "A third otter"));
  a = g_ptr_array_index (viewers, 0);
  b = g_ptr_array_index (viewers, 1);
  c = g_ptr_array_index (viewers, 2);
  studio_gui_wait_frames (compare, 2);

  /* Synced (the default): one zoomed, all are; one fitted, all are. */
  sync = studio_gui_find_widget (compare, GTK_TYPE_TOGGLE_BUTTON, "Sync Zoom");
  g_assert_nonnull (sync);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (sync)));
  studio_image_viewer_set_zoom (b, 3.0);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (a), ==, 3.0);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (c), ==, 3.0);
  studio_gui_wait_frames (compare, 2);
  studio_gui_screenshot (GTK_WIDGET (window), "image-compare.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (c), "viewer.zoom-fit", NULL));
  g_assert_true (studio_image_viewer_get_fit (a));
  g_assert_true (studio_image_viewer_get_fit (b));

  /* Not synced: each on its own; synced again, they follow the first. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sync), FALSE);
  studio_image_viewer_set_zoom (a, 2.0);
  g_assert_true (studio_image_viewer_get_fit (b));
  g_assert_true (studio_image_viewer_get_fit (c));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (sync), TRUE);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (b), ==, 2.0);
  g_assert_cmpfloat (studio_image_viewer_get_zoom (c), ==, 2.0);

  /* Fewer records replace the viewers. */
  g_ptr_array_set_size (records, 2);
  studio_image_compare_set_records (STUDIO_IMAGE_COMPARE (compare), records);
  g_assert_cmpuint (studio_image_compare_get_n_records (STUDIO_IMAGE_COMPARE (compare)), ==, 2);
  g_ptr_array_set_size (viewers, 0);
  collect_viewers (compare, viewers);
  g_assert_cmpuint (viewers->len, ==, 2);

  gtk_window_destroy (window);
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
  g_test_add ("/studio/image-viewer/details", Fixture, NULL,
              fixture_setup, test_image_viewer_details, fixture_teardown);
  g_test_add ("/studio/image-viewer/compare", Fixture, NULL,
              fixture_setup, test_image_viewer_compare, fixture_teardown);

  return g_test_run ();
}
