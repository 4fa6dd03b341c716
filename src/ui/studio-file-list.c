/* studio-file-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-file-list"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-list.h"

/* Files waiting to be used by a workspace, each with a button to take it
 * away again. Hidden while empty.
 */
struct _StudioFileList
{
  AdwBin               parent_instance;

  /* Owned references */
  GListStore          *files;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox          *list_box;
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioFileList, studio_file_list, ADW_TYPE_BIN)

static void
studio_file_list_remove_cb (GtkButton      *button,
                            StudioFileList *self)
{
  GFile *file = g_object_get_data (G_OBJECT (button), "file");
  guint position;

  if (g_list_store_find (self->files, file, &position))
    g_list_store_remove (self->files, position);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream_finish (result, NULL);

  if (pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
    }
}

static void
thumbnail_opened_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (object), result, NULL);

  if (stream != NULL)
    gdk_pixbuf_new_from_stream_at_scale_async (G_INPUT_STREAM (stream), 96, 96, TRUE, NULL,
                                               thumbnail_loaded_cb, g_steal_pointer (&picture));
}

/* Images get a thumbnail, decoded off the main thread so a large photo does
 * not stall the window.
 */
static GtkWidget *
studio_file_list_create_thumbnail (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (name, NULL, 0, NULL);
  GtkWidget *picture;

  if (!g_content_type_is_a (content_type, "image/*"))
    return gtk_image_new_from_icon_name ("audio-x-generic-symbolic");

  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 48, 48);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), name);
  g_file_read_async (file, G_PRIORITY_LOW, NULL, thumbnail_opened_cb, g_object_ref (picture));

  return picture;
}

static GtkWidget *
studio_file_list_create_row (gpointer item,
                             gpointer user_data)
{
  StudioFileList *self = user_data;
  GFile *file = item;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *progress;
  GtkWidget *spinner;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), studio_file_list_create_thumbnail (file));

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (studio_file_list_remove_cb), self);

  /* What is being done with the file, shown by studio_file_list_set_status(). */
  progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (progress, 96, -1);
  gtk_widget_set_visible (progress, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                  -1);
  spinner = gtk_spinner_new ();
  gtk_widget_set_visible (spinner, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), progress);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "progress", progress);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);

  return row;
}

/**
 * studio_file_list_set_status:
 * @self: a file list
 * @file: a file in it
 * @status: (nullable): what is being done with it, or %NULL for its path
 * @fraction: how far it got from 0 to 1, or -1 for "busy", or 1 for done
 *
 * Shows what is being done with a file, such as sending it somewhere.
 */
void
studio_file_list_set_status (StudioFileList *self,
                             GFile          *file,
                             const char     *status,
                             double          fraction)
{
  g_return_if_fail (STUDIO_IS_FILE_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GFile *listed = g_object_get_data (G_OBJECT (row), "file");
      GtkWidget *progress = g_object_get_data (G_OBJECT (row), "progress");
      GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "spinner");
      g_autofree char *path = NULL;
      gboolean busy = status != NULL && fraction < 1;

      if (listed == NULL || !g_file_equal (listed, file))
        continue;

      if (status == NULL)
        path = g_file_get_parse_name (file);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), status ? status : path);
      gtk_widget_set_visible (progress, busy && fraction >= 0);
      if (busy && fraction >= 0)
        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress), fraction);
      gtk_widget_set_visible (spinner, busy && fraction < 0);
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy && fraction < 0);
    }
}

static void
studio_file_list_items_changed_cb (StudioFileList *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          g_list_model_get_n_items (G_LIST_MODEL (self->files)) > 0);
}

static void
studio_file_list_dispose (GObject *object)
{
  StudioFileList *self = (StudioFileList *) object;

  /* The bound group is also AdwBin's child: let AdwBin drop it first, or
   * the template would unparent it behind AdwBin's back.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_FILE_LIST);
  g_clear_object (&self->files);

  G_OBJECT_CLASS (studio_file_list_parent_class)->dispose (object);
}

static void
studio_file_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StudioFileList *self = STUDIO_FILE_LIST (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, adw_preferences_group_get_title (self->group));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_file_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StudioFileList *self = STUDIO_FILE_LIST (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      adw_preferences_group_set_title (self->group, g_value_get_string (value));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_file_list_class_init (StudioFileListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_file_list_dispose;
  object_class->get_property = studio_file_list_get_property;
  object_class->set_property = studio_file_list_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-file-list.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioFileList, group);
  gtk_widget_class_bind_template_child (widget_class, StudioFileList, list_box);
}

static void
studio_file_list_init (StudioFileList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->files = g_list_store_new (G_TYPE_FILE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->files),
                           studio_file_list_create_row, self, NULL);
  g_signal_connect_object (self->files, "items-changed",
                           G_CALLBACK (studio_file_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * studio_file_list_add:
 * @self: a file list
 * @file: the file to add; a file already listed is not added twice
 */
void
studio_file_list_add (StudioFileList *self,
                      GFile          *file)
{
  guint n_items;

  g_return_if_fail (STUDIO_IS_FILE_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->files));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GFile) listed = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (g_file_equal (listed, file))
        return;
    }

  g_list_store_append (self->files, file);
}

/**
 * studio_file_list_get_files:
 *
 * Returns: (transfer none): the listed #GFile objects
 */
GListModel *
studio_file_list_get_files (StudioFileList *self)
{
  g_return_val_if_fail (STUDIO_IS_FILE_LIST (self), NULL);

  return G_LIST_MODEL (self->files);
}

/**
 * studio_file_list_remove:
 * @self: a file list
 * @position: the file to take away
 */
void
studio_file_list_remove (StudioFileList *self,
                         guint           position)
{
  g_return_if_fail (STUDIO_IS_FILE_LIST (self));

  g_list_store_remove (self->files, position);
}
