/* studio-image-gallery-items.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-gallery"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-actions.h"
#include "studio-image-gallery-private.h"
#include "studio-image-tile.h"

/* The gallery's tiles and what is done with the images in them: the grid's
 * factory, loading thumbnails only for the tiles in view (GTK 4.8's grid
 * keeps some thirty rows bound), the context menu, dragging out, and the
 * `gallery.*` actions, which act on the selection.
 */

/* Tiles ------------------------------------------------------------------- */

static StudioImageTile *
tile_for_list_item (GtkListItem *list_item)
{
  return STUDIO_IMAGE_TILE (gtk_list_item_get_child (list_item));
}

/* Pops the menu up for @tile's image, selecting it alone unless it is part
 * of the selection already, as file managers do; @x and @y are in @tile's
 * coordinates, or negative for its middle.
 */
static void
studio_image_gallery_popup_menu (StudioImageGallery *self,
                                 GtkWidget          *tile,
                                 double              x,
                                 double              y)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (tile), "studio-list-item");
  guint position = gtk_list_item_get_position (list_item);
  graphene_point_t point;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  if (x < 0 || y < 0)
    {
      x = gtk_widget_get_width (tile) / 2.0;
      y = gtk_widget_get_height (tile) / 2.0;
    }

  if (!gtk_widget_compute_point (tile, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    return;

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
tile_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  studio_image_gallery_popup_menu (user_data, tile, x, y);
}

static void
tile_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      gpointer             user_data)
{
  GtkWidget *tile = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  studio_image_gallery_popup_menu (user_data, tile, x, y);
}

/* A file manager takes the file, an image editor the image itself: the
 * file's bytes, mapped rather than read, as its own type.
 */
static GdkContentProvider *
tile_drag_prepare_cb (GtkDragSource *source,
                      double         x,
                      double         y,
                      gpointer       user_data)
{
  StudioImageTile *tile = STUDIO_IMAGE_TILE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));
  StudioImageRecord *record = studio_image_tile_get_record (tile);
  GdkContentProvider *providers[3];
  g_autoptr(GFile) file = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoslist(GFile) files = NULL;
  const char *mime_type;
  guint n = 0;

  if (!studio_image_gallery_record_has_file (record))
    return NULL;

  file = g_file_new_for_path (studio_image_record_get_file (record));
  files = g_slist_prepend (NULL, g_object_ref (file));
  providers[n++] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_FILE, file);

  mime_type = studio_image_record_get_mime_type (record);
  mapped = g_mapped_file_new (studio_image_record_get_file (record), FALSE, NULL);
  if (mapped != NULL && mime_type != NULL)
    {
      g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (mapped);

      providers[n++] = gdk_content_provider_new_for_bytes (mime_type, bytes);
    }

  return gdk_content_provider_new_union (providers, n);
}

static void
tile_drag_begin_cb (GtkDragSource *source,
                    GdkDrag       *drag,
                    gpointer       user_data)
{
  StudioImageTile *tile = STUDIO_IMAGE_TILE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));
  GdkTexture *texture = studio_image_tile_get_texture (tile);

  if (texture != NULL)
    gtk_drag_source_set_icon (source, GDK_PAINTABLE (texture),
                              gdk_texture_get_width (texture) / 4,
                              gdk_texture_get_height (texture) / 4);
}

/* Tells each tile whether it is in view, or within half a screen of it:
 * after the grid's layout, since a tile just bound has no place yet.
 */
static gboolean
studio_image_gallery_update_in_view (gpointer user_data)
{
  StudioImageGallery *self = user_data;
  GtkWidget *viewport = GTK_WIDGET (self->scrolled);
  double height = gtk_widget_get_height (viewport);
  gboolean unplaced = FALSE;

  self->in_view_source = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (!STUDIO_IS_IMAGE_TILE (tile) || studio_image_tile_get_record (STUDIO_IMAGE_TILE (tile)) == NULL)
        continue;

      if (!gtk_widget_get_child_visible (child) ||
          !gtk_widget_compute_bounds (tile, viewport, &bounds) || bounds.size.height <= 0)
        {
          unplaced |= studio_image_tile_get_wants_load (STUDIO_IMAGE_TILE (tile));
          continue;
        }

      studio_image_tile_set_in_view (STUDIO_IMAGE_TILE (tile),
                                     bounds.origin.y + bounds.size.height > -height / 2 &&
                                     bounds.origin.y < height * 1.5);
    }

  /* Still to be laid out: again once it is. */
  if (unplaced && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->in_view_source = g_timeout_add_full (G_PRIORITY_LOW, 16,
                                               studio_image_gallery_update_in_view, self, NULL);

  return G_SOURCE_REMOVE;
}

static void
studio_image_gallery_queue_in_view (StudioImageGallery *self)
{
  if (self->in_view_source == 0)
    self->in_view_source = g_idle_add_full (G_PRIORITY_LOW, studio_image_gallery_update_in_view,
                                            self, NULL);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  StudioImageGallery       *self)
{
  GtkWidget *tile = studio_image_tile_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  g_object_set_data (G_OBJECT (tile), "studio-list-item", list_item);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (tile_pressed_cb), self);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (tile_long_pressed_cb), self);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (long_press));

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (tile_drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (tile_drag_begin_cb), self);
  gtk_widget_add_controller (tile, GTK_EVENT_CONTROLLER (drag));

  gtk_list_item_set_child (list_item, tile);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 StudioImageGallery       *self)
{
  studio_image_tile_bind (tile_for_list_item (list_item), gtk_list_item_get_item (list_item),
                          self->thumbnailer);
  studio_image_gallery_queue_in_view (self);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   StudioImageGallery       *self)
{
  studio_image_tile_unbind (tile_for_list_item (list_item));
}

/* The tile showing @record, if it is in view. */
static StudioImageTile *
studio_image_gallery_find_tile (StudioImageGallery *self,
                                StudioImageRecord  *record)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);

      if (STUDIO_IS_IMAGE_TILE (tile) &&
          studio_image_tile_get_record (STUDIO_IMAGE_TILE (tile)) == record)
        return STUDIO_IMAGE_TILE (tile);
    }

  return NULL;
}

/* Actions ----------------------------------------------------------------- */

static void
emit_for_selected (StudioImageGallery *self,
                   guint               signal_id)
{
  StudioImageRecord *record = studio_image_gallery_get_selected (self);

  if (record != NULL)
    g_signal_emit (self, signal_id, 0, record);
}

static void
studio_image_gallery_record_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (widget);
  StudioImageRecord *record = studio_image_gallery_get_selected (self);

  if (record == NULL)
    return;

  if (g_str_equal (action_name, "gallery.open"))
    emit_for_selected (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_ACTIVATED]);
  else if (g_str_equal (action_name, "gallery.save"))
    studio_image_actions_save (widget, record);
  else if (g_str_equal (action_name, "gallery.copy"))
    studio_image_actions_copy (widget, record);
  else if (g_str_equal (action_name, "gallery.send-to-chat"))
    emit_for_selected (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_SEND_TO_CHAT]);
  else if (g_str_equal (action_name, "gallery.use-as-source"))
    emit_for_selected (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_USE_AS_SOURCE]);
  else if (g_str_equal (action_name, "gallery.regenerate"))
    emit_for_selected (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_REGENERATE]);
  else if (g_str_equal (action_name, "gallery.retry-download"))
    emit_for_selected (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_RETRY_DOWNLOAD]);
  else
    g_assert_not_reached ();
}

static void
studio_image_gallery_compare_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (widget);
  g_autoptr(GPtrArray) records = studio_image_gallery_dup_selected (self);

  if (records->len >= 2)
    g_signal_emit (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_COMPARE], 0, records);
}

static void
studio_image_gallery_delete_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (widget);
  g_autoptr(GPtrArray) records = studio_image_gallery_dup_selected (self);

  studio_image_gallery_delete (self, records);
}

/* The Menu key: the menu of the image that has the focus, or else of the
 * first one selected.
 */
static void
studio_image_gallery_menu_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GPtrArray) records = NULL;
  StudioImageTile *tile = NULL;

  if (focus != NULL && gtk_widget_get_parent (focus) == GTK_WIDGET (self->grid_view) &&
      STUDIO_IS_IMAGE_TILE (gtk_widget_get_first_child (focus)))
    tile = STUDIO_IMAGE_TILE (gtk_widget_get_first_child (focus));

  if (tile == NULL && (records = studio_image_gallery_dup_selected (self))->len > 0)
    tile = studio_image_gallery_find_tile (self, g_ptr_array_index (records, 0));

  if (tile != NULL)
    studio_image_gallery_popup_menu (self, GTK_WIDGET (tile), -1, -1);
}

/* Setting up ---------------------------------------------------------------- */

void
studio_image_gallery_class_init_actions (GtkWidgetClass *widget_class)
{
  static const char *record_actions[] = {
    "gallery.open", "gallery.save", "gallery.copy", "gallery.send-to-chat",
    "gallery.use-as-source", "gallery.regenerate", "gallery.retry-download",
  };

  for (guint i = 0; i < G_N_ELEMENTS (record_actions); i++)
    gtk_widget_class_install_action (widget_class, record_actions[i], NULL,
                                     studio_image_gallery_record_action);
  gtk_widget_class_install_action (widget_class, "gallery.compare", NULL,
                                   studio_image_gallery_compare_action);
  gtk_widget_class_install_action (widget_class, "gallery.delete", NULL,
                                   studio_image_gallery_delete_action);
  gtk_widget_class_install_action (widget_class, "gallery.menu", NULL,
                                   studio_image_gallery_menu_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "gallery.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "gallery.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "gallery.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "gallery.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "gallery.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "gallery.menu", NULL);
}

void
studio_image_gallery_init_grid (StudioImageGallery *self)
{
  GtkListItemFactory *factory;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "value-changed",
                           G_CALLBACK (studio_image_gallery_queue_in_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "changed",
                           G_CALLBACK (studio_image_gallery_queue_in_view), self,
                           G_CONNECT_SWAPPED);
}
