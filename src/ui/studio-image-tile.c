/* studio-image-tile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-tile.h"

/* One image of the gallery: its thumbnail, a badge for a partial image or
 * a failed download, and the first line of its prompt. The grid reuses a
 * tile for image after image as it scrolls: binding asks the thumbnailer
 * (at once when it has the thumbnail in memory), unbinding cancels what
 * is still loading, so that a fast scroll leaves no work behind.
 */
struct _StudioImageTile
{
  AdwBin             parent_instance;

  /* Owned references */
  StudioImageRecord *record;
  StudioThumbnailer *thumbnailer;
  GCancellable      *cancellable;
  GdkTexture        *texture;
  gboolean           wants_load;   /* bound, waiting to be seen */

  /* Template widgets */
  GtkStack          *stack;
  GtkPicture        *picture;
  GtkImage          *missing_icon;
  GtkLabel          *missing_label;
  GtkWidget         *badge;
  GtkLabel          *badge_label;
  GtkLabel          *prompt_label;
};

G_DEFINE_FINAL_TYPE (StudioImageTile, studio_image_tile, ADW_TYPE_BIN)

static void
studio_image_tile_show_missing (StudioImageTile *self,
                                const char      *icon_name,
                                const char      *text,
                                const char      *why)
{
  gtk_image_set_from_icon_name (self->missing_icon, icon_name);
  gtk_label_set_label (self->missing_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_label), why);
  gtk_stack_set_visible_child_name (self->stack, "missing");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why ? why : text,
                                  -1);
}

static void
studio_image_tile_show_pixbuf (StudioImageTile *self,
                               GdkPixbuf       *pixbuf)
{
  g_clear_object (&self->texture);
  self->texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->texture));
  gtk_stack_set_visible_child_name (self->stack, "loaded");
}

static void
studio_image_tile_loaded_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(StudioImageTile) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = studio_thumbnailer_load_finish (STUDIO_THUMBNAILER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (pixbuf != NULL)
    studio_image_tile_show_pixbuf (self, pixbuf);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    studio_image_tile_show_missing (self, "image-missing-symbolic", _("File Missing"),
                                    error->message);
  else
    studio_image_tile_show_missing (self, "image-missing-symbolic", _("Unreadable File"),
                                    error->message);
}

static void
studio_image_tile_dispose (GObject *object)
{
  StudioImageTile *self = (StudioImageTile *) object;

  studio_image_tile_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_TILE);

  G_OBJECT_CLASS (studio_image_tile_parent_class)->dispose (object);
}

static void
studio_image_tile_class_init (StudioImageTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_tile_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/OpenAIStudio/studio-image-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, picture);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, missing_icon);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, missing_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, badge);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, badge_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageTile, prompt_label);

  gtk_widget_class_set_css_name (widget_class, "imagetile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_image_tile_init (StudioImageTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
studio_image_tile_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_TILE, NULL);
}

/**
 * studio_image_tile_bind:
 * @self: a tile
 * @record: the image to show
 * @thumbnailer: where its thumbnail comes from
 *
 * Shows @record: its thumbnail at once when it is in memory, otherwise a
 * placeholder until it comes into view (see
 * studio_image_tile_set_in_view()) and is loaded.
 */
void
studio_image_tile_bind (StudioImageTile   *self,
                        StudioImageRecord *record,
                        StudioThumbnailer *thumbnailer)
{
  g_autoptr(GdkPixbuf) cached = NULL;
  const char *prompt;
  const char *file;
  const char *badge = NULL;

  g_return_if_fail (STUDIO_IS_IMAGE_TILE (self));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));
  g_return_if_fail (STUDIO_IS_THUMBNAILER (thumbnailer));

  studio_image_tile_unbind (self);
  self->record = g_object_ref (record);
  self->thumbnailer = g_object_ref (thumbnailer);

  prompt = studio_image_record_get_prompt (record);
  if (prompt == NULL || *prompt == '\0')
    prompt = _("No prompt");
  gtk_label_set_label (self->prompt_label, prompt);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), prompt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, prompt,
                                  -1);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  switch (studio_image_record_get_state (record))
    {
    case STUDIO_IMAGE_STATE_PARTIAL:
      badge = _("Partial");
      break;

    case STUDIO_IMAGE_STATE_DOWNLOAD_FAILED:
      badge = _("Download Failed");
      break;

    case STUDIO_IMAGE_STATE_COMPLETE:
    default:
      break;
    }
  gtk_label_set_label (self->badge_label, badge ? badge : "");
  gtk_widget_set_visible (self->badge, badge != NULL);

  file = studio_image_record_get_file (record);
  if (file == NULL)
    {
      studio_image_tile_show_missing (self, "network-error-symbolic", _("Not Downloaded"),
                                      _("The image was never downloaded. Retry the download from its menu."));
      return;
    }

  if (studio_image_record_get_missing (record))
    {
      studio_image_tile_show_missing (self, "image-missing-symbolic", _("File Missing"),
                                      _("The image file is gone from the images folder, or was changed."));
      return;
    }

  if ((cached = studio_thumbnailer_lookup (thumbnailer, file)) != NULL)
    {
      studio_image_tile_show_pixbuf (self, cached);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->wants_load = TRUE;
}

/**
 * studio_image_tile_set_in_view:
 * @self: a tile
 * @in_view: whether it is (nearly) in view
 *
 * Loads the thumbnail of a tile that comes into view, and stops loading
 * that of one that goes out of it: the grid keeps far more tiles bound
 * than it shows, and a fast scroll goes past most of them.
 */
void
studio_image_tile_set_in_view (StudioImageTile *self,
                               gboolean         in_view)
{
  g_return_if_fail (STUDIO_IS_IMAGE_TILE (self));

  if (!in_view)
    {
      if (self->cancellable != NULL)
        {
          g_cancellable_cancel (self->cancellable);
          g_clear_object (&self->cancellable);
          self->wants_load = TRUE;
        }
      return;
    }

  if (!self->wants_load || self->record == NULL)
    return;

  self->wants_load = FALSE;
  self->cancellable = g_cancellable_new ();
  studio_thumbnailer_load_async (self->thumbnailer, studio_image_record_get_file (self->record),
                                 self->cancellable, studio_image_tile_loaded_cb,
                                 g_object_ref (self));
}

/**
 * studio_image_tile_get_wants_load:
 *
 * Returns: whether the tile waits to be in view to load its thumbnail
 */
gboolean
studio_image_tile_get_wants_load (StudioImageTile *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_TILE (self), FALSE);

  return self->wants_load;
}

/**
 * studio_image_tile_unbind:
 * @self: a tile
 *
 * Stops showing its image, and cancels loading its thumbnail.
 */
void
studio_image_tile_unbind (StudioImageTile *self)
{
  g_return_if_fail (STUDIO_IS_IMAGE_TILE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->wants_load = FALSE;
  g_clear_object (&self->record);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->texture);
  if (self->picture != NULL)
    gtk_picture_set_paintable (self->picture, NULL);
}

/**
 * studio_image_tile_get_record:
 *
 * Returns: (transfer none) (nullable): the image shown
 */
StudioImageRecord *
studio_image_tile_get_record (StudioImageTile *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_TILE (self), NULL);

  return self->record;
}

/**
 * studio_image_tile_get_texture:
 *
 * Returns: (transfer none) (nullable): the thumbnail, once it is shown
 */
GdkTexture *
studio_image_tile_get_texture (StudioImageTile *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_TILE (self), NULL);

  return self->texture;
}

/**
 * studio_image_tile_get_status:
 *
 * Returns: what the tile shows: "loading" (a placeholder), "loaded" (the
 *   thumbnail) or "missing" (no file, or one that cannot be shown)
 */
const char *
studio_image_tile_get_status (StudioImageTile *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_TILE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
