/* test-mask-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mask editor in a window under Xvfb, over a generated source image:
 * strokes through its drag gesture and through the mask, the actions and
 * what enables them, import and export of mask files, and errors shown in
 * the editor. With STUDIO_SCREENSHOT_DIR set, it saves what it shows.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-gui-utils.h"
#include "studio-mask-canvas.h"
#include "studio-mask-editor-private.h"
#include "studio-ui.h"

#define SOURCE_WIDTH  300
#define SOURCE_HEIGHT 200

typedef struct
{
  GtkWindow        *window;
  StudioMaskEditor *editor;
  StudioMaskCanvas *canvas;
  GdkTexture       *source;
  StudioImageMask  *mask;
  char             *dir;
} Fixture;

/* A gradient with a grid, so that the scaled source is easy to see. */
static GdkTexture *
make_source (int width,
             int height)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;
        gboolean line = x % 50 == 0 || y % 50 == 0;

        p[0] = line ? 40 : 80 + x * 150 / width;
        p[1] = line ? 40 : 160;
        p[2] = line ? 40 : 80 + y * 150 / height;
        p[3] = 255;
      }

  bytes = g_bytes_new_take (pixels, (gsize) width * height * 4);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-mask-editor-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->source = make_source (SOURCE_WIDTH, SOURCE_HEIGHT);
  fixture->mask = studio_image_mask_new (SOURCE_WIDTH, SOURCE_HEIGHT);
  fixture->editor = STUDIO_MASK_EDITOR (studio_mask_editor_new ());
  studio_mask_editor_set_source (fixture->editor, fixture->source, fixture->mask);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 640, 480);
  /* In a bin of its own, as pages hold it. */
  gtk_window_set_child (fixture->window, adw_bin_new ());
  adw_bin_set_child (ADW_BIN (gtk_window_get_child (fixture->window)),
                     GTK_WIDGET (fixture->editor));
  gtk_window_present (fixture->window);

  fixture->canvas = STUDIO_MASK_CANVAS (studio_gui_find_widget (GTK_WIDGET (fixture->editor),
                                                                STUDIO_TYPE_MASK_CANVAS, NULL));
  g_assert_nonnull (fixture->canvas);
  studio_gui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->canvas)), >, 100);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->mask));
  g_assert_finalize_object (g_steal_pointer (&fixture->source));

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found)
        return found;
    }

  return NULL;
}

/* Whether the button for @name can be pressed, as the user sees it. */
static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (fixture->editor), name);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Where the canvas shows source pixel (@x, @y). */
static void
source_to_canvas (Fixture *fixture,
                  double   x,
                  double   y,
                  double  *canvas_x,
                  double  *canvas_y)
{
  double sx, sy, scale;

  g_assert_true (studio_mask_canvas_to_source (fixture->canvas, 0, 0, &sx, &sy, &scale));
  *canvas_x = (x - sx) * scale;
  *canvas_y = (y - sy) * scale;
}

static GtkGesture *
find_drag (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->canvas));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

/* A drag across the canvas between two source points, as the gesture
 * reports it.
 */
static void
drag (Fixture *fixture,
      double   from_x,
      double   from_y,
      double   to_x,
      double   to_y)
{
  GtkGesture *gesture = find_drag (fixture);
  double x1, y1, x2, y2;

  source_to_canvas (fixture, from_x, from_y, &x1, &y1);
  source_to_canvas (fixture, to_x, to_y, &x2, &y2);
  g_signal_emit_by_name (gesture, "drag-begin", x1, y1);
  g_signal_emit_by_name (gesture, "drag-update", (x2 - x1) / 2, (y2 - y1) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x2 - x1, y2 - y1);
  g_signal_emit_by_name (gesture, "drag-end", x2 - x1, y2 - y1);
}

static gboolean
no_pending (gpointer data)
{
  return studio_mask_editor_get_n_pending (data) == 0;
}

static void
test_mask_editor_paint (void)
{
  Fixture fixture = { 0 };
  double sx, sy, scale;

  fixture_set_up (&fixture);

  /* An empty mask: painting and inverting, nothing else. */
  g_assert_true (action_enabled (&fixture, "mask.tool"));
  g_assert_true (action_enabled (&fixture, "mask.invert"));
  g_assert_true (action_enabled (&fixture, "mask.import"));
  g_assert_false (action_enabled (&fixture, "mask.undo"));
  g_assert_false (action_enabled (&fixture, "mask.redo"));
  g_assert_false (action_enabled (&fixture, "mask.clear"));
  g_assert_false (action_enabled (&fixture, "mask.export"));
  g_assert_true (studio_mask_editor_get_mask (fixture.editor) == fixture.mask);
  g_assert_true (studio_mask_editor_get_source (fixture.editor) == fixture.source);

  /* The source fits the canvas: a 640-wide window shows it scaled. */
  g_assert_true (studio_mask_canvas_to_source (fixture.canvas, 0, 0, &sx, &sy, &scale));
  g_assert_cmpfloat (scale, >, 1);

  /* The Brush Size scale sets the size of the brush on screen. */
  {
    GtkRange *size = GTK_RANGE (studio_gui_find_widget (GTK_WIDGET (fixture.editor),
                                                        GTK_TYPE_SCALE, NULL));

    g_assert_cmpfloat (gtk_range_get_value (size), ==,
                       studio_mask_canvas_get_brush_size (fixture.canvas));
    gtk_range_set_value (size, 64);
    g_assert_cmpfloat (studio_mask_canvas_get_brush_size (fixture.canvas), ==, 64);
    studio_mask_canvas_set_brush_size (fixture.canvas, 20 * scale);
    g_assert_cmpfloat (gtk_range_get_value (size), ==, 20 * scale);
  }

  /* A drag paints a stroke as wide as the brush on screen. */
  drag (&fixture, 40, 40, 200, 40);
  g_assert_false (studio_image_mask_get_empty (fixture.mask));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 40, 40));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 120, 40));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 120, 47));
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 120, 53));
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 215, 40));
  g_assert_true (action_enabled (&fixture, "mask.undo"));
  g_assert_true (action_enabled (&fixture, "mask.clear"));
  g_assert_true (action_enabled (&fixture, "mask.export"));
  g_assert_false (action_enabled (&fixture, "mask.redo"));

  /* Another stroke, through the mask as the page would. */
  studio_image_mask_begin_stroke (fixture.mask, STUDIO_MASK_TOOL_BRUSH, 25, 150, 130);
  studio_image_mask_stroke_to (fixture.mask, 250, 160);
  studio_image_mask_end_stroke (fixture.mask);
  /* The brush's circle follows the pointer. */
  {
    g_autoptr(GListModel) controllers =
      gtk_widget_observe_controllers (GTK_WIDGET (fixture.canvas));
    double x, y;

    source_to_canvas (&fixture, 60, 110, &x, &y);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
          g_signal_emit_by_name (controller, "motion", x, y);
      }
  }
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "mask-editor-painted.png");

  /* The eraser tool, chosen through its action, takes paint away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.tool", "s",
                                             "eraser"));
  {
    g_autofree char *tool = NULL;

    g_object_get (fixture.editor, "tool", &tool, NULL);
    g_assert_cmpstr (tool, ==, "eraser");
  }
  drag (&fixture, 100, 40, 100, 40);
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 100, 40));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 60, 40));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.tool", "s",
                                             "brush"));

  /* Undo, redo; redo is enabled only after an undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.undo", NULL));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 100, 40));
  g_assert_true (action_enabled (&fixture, "mask.redo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.redo", NULL));
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 100, 40));
  g_assert_false (action_enabled (&fixture, "mask.redo"));

  /* Invert, then back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.invert", NULL));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 5, 195));
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 60, 40));
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "mask-editor-inverted.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.undo", NULL));

  /* Clear leaves nothing to clear or export, and can be undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.clear", NULL));
  g_assert_true (studio_image_mask_get_empty (fixture.mask));
  g_assert_false (action_enabled (&fixture, "mask.clear"));
  g_assert_false (action_enabled (&fixture, "mask.export"));
  g_assert_true (action_enabled (&fixture, "mask.undo"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.undo", NULL));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 60, 40));

  /* Without a mask, nothing can be done. */
  studio_mask_editor_set_source (fixture.editor, NULL, NULL);
  g_assert_false (action_enabled (&fixture, "mask.tool"));
  g_assert_false (action_enabled (&fixture, "mask.invert"));
  g_assert_false (action_enabled (&fixture, "mask.undo"));
  studio_gui_wait_frames (GTK_WIDGET (fixture.window), 2);
  studio_mask_editor_set_source (fixture.editor, fixture.source, fixture.mask);
  g_assert_true (action_enabled (&fixture, "mask.undo"));

  fixture_tear_down (&fixture);
}

/* Ctrl+Z and Ctrl+Shift+Z, with the focus in the canvas. */
static void
test_mask_editor_shortcuts (void)
{
  Fixture fixture = { 0 };
  GtkWidget *canvas;

  fixture_set_up (&fixture);
  canvas = GTK_WIDGET (fixture.canvas);

  drag (&fixture, 20, 20, 80, 80);
  g_assert_true (gtk_widget_has_focus (canvas));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 50, 50));

  /* The shortcuts are the widget class's; run them as a key press would. */
  {
    GtkShortcutController *controller = NULL;
    g_autoptr(GListModel) controllers =
      gtk_widget_observe_controllers (GTK_WIDGET (fixture.editor));
    gboolean undo_found = FALSE, redo_found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (controllers, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (item))
          controller = GTK_SHORTCUT_CONTROLLER (item);
      }
    g_assert_nonnull (controller);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
      {
        g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
        GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);
        g_autofree char *trigger = gtk_shortcut_trigger_to_string (shortcut_trigger);
        GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
        g_autofree char *what = gtk_shortcut_action_to_string (action);

        if (g_str_equal (trigger, "<Control>z"))
          {
            g_assert_cmpstr (what, ==, "action(mask.undo)");
            g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (fixture.editor),
                                                         NULL));
            undo_found = TRUE;
          }
        else if (g_str_equal (trigger, "<Shift><Control>z"))
          {
            g_assert_cmpstr (what, ==, "action(mask.redo)");
            redo_found = TRUE;
          }
      }
    g_assert_true (undo_found);
    g_assert_true (redo_found);
  }
  g_assert_true (studio_image_mask_get_empty (fixture.mask));
  g_assert_true (studio_image_mask_get_can_redo (fixture.mask));

  fixture_tear_down (&fixture);
}

static void
test_mask_editor_files (void)
{
  Fixture fixture = { 0 };
  g_autoptr(StudioImageMask) other = studio_image_mask_new (SOURCE_WIDTH + 1, SOURCE_HEIGHT);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_path = NULL;
  g_autofree char *wrong_path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) exported = NULL;
  g_autoptr(GFile) wrong = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GBytes) png = NULL;

  fixture_set_up (&fixture);
  exported_path = g_build_filename (fixture.dir, "mask.png", NULL);
  wrong_path = g_build_filename (fixture.dir, "wrong.png", NULL);
  missing_path = g_build_filename (fixture.dir, "missing.png", NULL);
  exported = g_file_new_for_path (exported_path);
  wrong = g_file_new_for_path (wrong_path);
  missing = g_file_new_for_path (missing_path);

  studio_image_mask_begin_stroke (fixture.mask, STUDIO_MASK_TOOL_BRUSH, 10, 30, 30);
  studio_image_mask_stroke_to (fixture.mask, 90, 30);
  studio_image_mask_end_stroke (fixture.mask);

  /* Export writes the mask's PNG. */
  studio_mask_editor_export_file (fixture.editor, exported);
  studio_gui_wait_for (no_pending, fixture.editor);
  g_assert_null (studio_mask_editor_get_error (fixture.editor));
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (exported_path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, SOURCE_WIDTH);
    g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, SOURCE_HEIGHT);
    g_assert_cmpuint (gdk_pixbuf_read_pixels (pixbuf)[30 * gdk_pixbuf_get_rowstride (pixbuf) +
                                                      60 * 4 + 3], ==, 0);
    g_assert_cmpuint (gdk_pixbuf_read_pixels (pixbuf)[100 * gdk_pixbuf_get_rowstride (pixbuf) +
                                                      60 * 4 + 3], ==, 255);
  }

  /* A mask of another size is refused in the editor, and the paint stays. */
  png = studio_image_mask_export (other, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (wrong_path, g_bytes_get_data (png, NULL),
                                      g_bytes_get_size (png), &error));
  studio_mask_editor_import_file (fixture.editor, wrong);
  studio_gui_wait_for (no_pending, fixture.editor);
  g_assert_nonnull (studio_mask_editor_get_error (fixture.editor));
  g_assert_nonnull (strstr (studio_mask_editor_get_error (fixture.editor), "301 × 200"));
  g_assert_nonnull (strstr (studio_mask_editor_get_error (fixture.editor), "300 × 200"));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 60, 30));
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "mask-editor-import-error.png");

  /* So is a file that is not there. */
  studio_mask_editor_import_file (fixture.editor, missing);
  studio_gui_wait_for (no_pending, fixture.editor);
  g_assert_nonnull (studio_mask_editor_get_error (fixture.editor));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 60, 30));

  /* The exported file imports, as one step to undo, and hides the error. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.clear", NULL));
  studio_mask_editor_import_file (fixture.editor, exported);
  studio_gui_wait_for (no_pending, fixture.editor);
  g_assert_null (studio_mask_editor_get_error (fixture.editor));
  g_assert_true (studio_image_mask_is_painted (fixture.mask, 60, 30));
  g_assert_false (studio_image_mask_is_painted (fixture.mask, 60, 100));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.editor), "mask.undo", NULL));
  g_assert_true (studio_image_mask_get_empty (fixture.mask));

  /* A mask of another size than the source is refused; what was there stays. */
  studio_mask_editor_set_source (fixture.editor, fixture.source, other);
  g_assert_nonnull (strstr (studio_mask_editor_get_error (fixture.editor), "301 × 200"));
  g_assert_true (studio_mask_editor_get_mask (fixture.editor) == fixture.mask);

  fixture_tear_down (&fixture);
  g_assert_finalize_object (g_steal_pointer (&other));
}

typedef struct
{
  GPtrArray *objects;   /* "Class#line" of each object being read */
  GPtrArray *named;     /* those with an accessible label */
  gboolean   in_accessibility;
  GPtrArray *controls;  /* every control found */
} UiCheck;

static void
ui_start_cb (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  UiCheck *check = user_data;

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      const char *class = NULL;
      int line;

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "class"))
          class = values[i];
      g_markup_parse_context_get_position (context, &line, NULL);
      g_ptr_array_add (check->objects, g_strdup_printf ("%s#%d", class, line));
    }
  else if (g_str_equal (element, "accessibility"))
    check->in_accessibility = TRUE;
  else if (g_str_equal (element, "property") && check->in_accessibility)
    {
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name") && g_str_equal (values[i], "label"))
          g_ptr_array_add (check->named,
                           g_strdup (g_ptr_array_index (check->objects, check->objects->len - 1)));
    }
}

static void
ui_end_cb (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  UiCheck *check = user_data;

  if (g_str_equal (element, "object") || g_str_equal (element, "template"))
    {
      const char *object = g_ptr_array_index (check->objects, check->objects->len - 1);

      if (g_str_has_prefix (object, "GtkButton#") ||
          g_str_has_prefix (object, "GtkToggleButton#") ||
          g_str_has_prefix (object, "GtkScale#"))
        g_ptr_array_add (check->controls, g_strdup (object));
      g_ptr_array_remove_index (check->objects, check->objects->len - 1);
    }
  else if (g_str_equal (element, "accessibility"))
    check->in_accessibility = FALSE;
}

/* GTK 4.8 cannot read an accessible label back, so the template is read
 * instead: each button and the scale has one of its own.
 */
static void
test_mask_editor_names (void)
{
  static const GMarkupParser parser = { ui_start_cb, ui_end_cb, NULL, NULL, NULL };
  g_autoptr(GBytes) ui = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  UiCheck check = {
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
    FALSE,
    g_ptr_array_new_with_free_func (g_free),
  };

  ui = g_resources_lookup_data (RESOURCE_PREFIX "/studio-mask-editor.ui", 0, &error);
  g_assert_no_error (error);
  context = g_markup_parse_context_new (&parser, 0, &check, NULL);
  g_assert_true (g_markup_parse_context_parse (context, g_bytes_get_data (ui, NULL),
                                               g_bytes_get_size (ui), &error));
  g_assert_no_error (error);

  /* Brush, Eraser, the size, Undo, Redo, Clear, Invert, Import, Export, Dismiss. */
  g_assert_cmpuint (check.controls->len, ==, 10);
  for (guint i = 0; i < check.controls->len; i++)
    {
      const char *control = g_ptr_array_index (check.controls, i);
      gboolean named = FALSE;

      for (guint j = 0; j < check.named->len && !named; j++)
        named = g_str_equal (control, g_ptr_array_index (check.named, j));
      if (!named)
        g_error ("%s in studio-mask-editor.ui has no accessible label", control);
    }

  g_ptr_array_unref (check.objects);
  g_ptr_array_unref (check.named);
  g_ptr_array_unref (check.controls);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

  g_test_add_func ("/studio/mask-editor/paint", test_mask_editor_paint);
  g_test_add_func ("/studio/mask-editor/shortcuts", test_mask_editor_shortcuts);
  g_test_add_func ("/studio/mask-editor/files", test_mask_editor_files);
  g_test_add_func ("/studio/mask-editor/names", test_mask_editor_names);

  return g_test_run ();
}
