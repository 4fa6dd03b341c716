/* studio-gui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-gui-utils.h"
#include "studio-window.h"

/* Points the XDG data, config and cache folders into a new temporary
 * folder made from @tmpl (as g_dir_make_tmp() takes it), so that a test
 * has a history and settings of its own, never the user's. Call it first
 * in main(): GLib reads them once.
 */
void
studio_gui_use_private_dirs (const char *tmpl)
{
  g_autofree char *home = g_dir_make_tmp (tmpl, NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
}

/* Runs the main loop until @check says the condition holds. */
void
studio_gui_wait_for (StudioCheckFunc check,
                     gpointer        data)
{
  while (!check (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *left = user_data;

  if (*left > 0)
    (*left)--;

  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Waits until @widget has been through @n_frames frames: laid out and
 * drawn what changed before.
 */
void
studio_gui_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  guint left = n_frames;

  if (n_frames == 0 || !gtk_widget_get_mapped (widget))
    return;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &left, NULL);
  gtk_widget_queue_draw (widget);
  while (left > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs what is ready to run, so that finished requests deliver. */
void
studio_gui_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* With STUDIO_SCREENSHOT_DIR set, saves what @widget shows as a PNG. */
void
studio_gui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  const char *dir = g_getenv ("STUDIO_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;

  studio_gui_wait_frames (widget, 10);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The first widget of @type below @root, with @title as its row title,
 * button label or status page title when @title is given.
 */
GtkWidget *
studio_gui_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (title == NULL)
        return root;
      if (ADW_IS_PREFERENCES_ROW (root))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      else if (ADW_IS_STATUS_PAGE (root))
        text = adw_status_page_get_title (ADW_STATUS_PAGE (root));
      if (g_strcmp0 (text, title) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = studio_gui_find_widget (child, type, title);

      if (found)
        return found;
    }

  return NULL;
}

GtkWidget *
studio_gui_find_by_class (GtkWidget  *root,
                          const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = studio_gui_find_by_class (child, css_class);

      if (found)
        return found;
    }

  return NULL;
}

GtkWidget *
studio_gui_find_label_prefix (GtkWidget  *root,
                              const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = studio_gui_find_label_prefix (child, prefix);

      if (found)
        return found;
    }

  return NULL;
}

GtkWidget *
studio_gui_find_by_tooltip (GtkWidget  *root,
                            const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = studio_gui_find_by_tooltip (child, tooltip);

      if (found)
        return found;
    }

  return NULL;
}

/* A file in the temporary folder with @data in it. */
GFile *
studio_gui_write_temp (const char   *name,
                       const guint8 *data,
                       gsize         length)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (g_file_replace_contents (file, (const char *) data, length, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  return file;
}

/* Starts the real application, as the desktop would, and returns its
 * window.
 */
StudioWindow *
studio_gui_start_app (StudioApplication **app_out)
{
  StudioApplication *app = studio_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (STUDIO_IS_WINDOW (window));
  *app_out = app;

  return STUDIO_WINDOW (window);
}
