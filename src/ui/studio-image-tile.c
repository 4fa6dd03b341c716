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
 *
 * The grid binds a hundred tiles at a time, so a tile is light: it has a
 * fixed size, and draws the thumbnail (or a plain placeholder) and the
 * prompt itself, so that binding only queues a redraw, never a relayout.
 * Only the rare badge and the notice of a missing file are widgets, made
 * when first needed.
 */

#define TILE_MARGIN   6
#define THUMB_SIDE    168
#define THUMB_RADIUS  8
#define TEXT_SPACING  6

typedef enum
{
  TILE_LOADING,
  TILE_LOADED,
  TILE_MISSING,
} TileStatus;

struct _StudioImageTile
{
  GtkWidget          parent_instance;

  /* Owned references */
  StudioImageRecord *record;
  StudioThumbnailer *thumbnailer;
  GCancellable      *cancellable;
  GdkTexture        *texture;
  PangoLayout       *layout;       /* the prompt */
  gboolean           wants_load;   /* bound, waiting to be seen */
  TileStatus         status;

  /* Children, made when first needed */
  GtkWidget         *badge;
  GtkLabel          *badge_label;
  GtkWidget         *missing;
  GtkImage          *missing_icon;
  GtkLabel          *missing_label;
};

G_DEFINE_FINAL_TYPE (StudioImageTile, studio_image_tile, GTK_TYPE_WIDGET)

static void
studio_image_tile_set_status (StudioImageTile *self,
                              TileStatus       status)
{
  self->status = status;
  if (self->missing != NULL)
    gtk_widget_set_visible (self->missing, status == TILE_MISSING);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
studio_image_tile_show_missing (StudioImageTile *self,
                                const char      *icon_name,
                                const char      *text,
                                const char      *why)
{
  if (self->missing == NULL)
    {
      GtkWidget *icon = gtk_image_new ();
      GtkWidget *label = gtk_label_new (NULL);

      self->missing = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_valign (self->missing, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_start (self->missing, 12);
      gtk_widget_set_margin_end (self->missing, 12);
      gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
      gtk_widget_add_css_class (icon, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (self->missing), icon);
      gtk_box_append (GTK_BOX (self->missing), label);
      gtk_widget_insert_after (self->missing, GTK_WIDGET (self), NULL);
      self->missing_icon = GTK_IMAGE (icon);
      self->missing_label = GTK_LABEL (label);
    }

  gtk_image_set_from_icon_name (self->missing_icon, icon_name);
  gtk_label_set_label (self->missing_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->missing_label), why);
  studio_image_tile_set_status (self, TILE_MISSING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why ? why : text,
                                  -1);
}

/* @thumbnail is what the thumbnailer keeps: a texture made in its worker
 * (the gallery's), so that this is a pointer set; or else a pixbuf.
 */
static void
studio_image_tile_show_thumbnail (StudioImageTile *self,
                                  GObject         *thumbnail)
{
  g_clear_object (&self->texture);
  if (GDK_IS_TEXTURE (thumbnail))
    self->texture = GDK_TEXTURE (g_object_ref (thumbnail));
  else
    self->texture = gdk_texture_new_for_pixbuf (GDK_PIXBUF (thumbnail));
  studio_image_tile_set_status (self, TILE_LOADED);
}

static void
studio_image_tile_loaded_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(StudioImageTile) self = user_data;
  g_autoptr(GObject) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = studio_thumbnailer_load_finish (STUDIO_THUMBNAILER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (thumbnail != NULL)
    studio_image_tile_show_thumbnail (self, thumbnail);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    studio_image_tile_show_missing (self, "image-missing-symbolic", _("File Missing"),
                                    error->message);
  else
    studio_image_tile_show_missing (self, "image-missing-symbolic", _("Unreadable File"),
                                    error->message);
}

/* Layout: fixed, whatever the tile shows -------------------------------- */

static int
studio_image_tile_text_height (StudioImageTile *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int height = pango_font_metrics_get_height (metrics);

  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  return PANGO_PIXELS_CEIL (height);
}

static void
studio_image_tile_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  StudioImageTile *self = STUDIO_IMAGE_TILE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = THUMB_SIDE + 2 * TILE_MARGIN;
  else
    *minimum = *natural = THUMB_SIDE + TEXT_SPACING + studio_image_tile_text_height (self) +
                          2 * TILE_MARGIN;
}

static void
studio_image_tile_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  StudioImageTile *self = STUDIO_IMAGE_TILE (widget);
  int x = (width - THUMB_SIDE) / 2;

  if (self->missing != NULL && gtk_widget_should_layout (self->missing))
    gtk_widget_size_allocate (self->missing,
                              &(GtkAllocation) { x, TILE_MARGIN, THUMB_SIDE, THUMB_SIDE }, -1);

  if (self->badge != NULL && gtk_widget_should_layout (self->badge))
    {
      int badge_width, badge_height;

      gtk_widget_measure (self->badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &badge_width, NULL, NULL);
      badge_width = MIN (badge_width, THUMB_SIDE - 12);
      gtk_widget_measure (self->badge, GTK_ORIENTATION_VERTICAL, badge_width, NULL, &badge_height, NULL, NULL);
      gtk_widget_size_allocate (self->badge,
                                &(GtkAllocation) { x + 6, TILE_MARGIN + 6, badge_width, badge_height },
                                -1);
    }
}

/* Drawing ------------------------------------------------------------------ */

static void
studio_image_tile_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  StudioImageTile *self = STUDIO_IMAGE_TILE (widget);
  int x = (gtk_widget_get_width (widget) - THUMB_SIDE) / 2;
  graphene_rect_t thumb = GRAPHENE_RECT_INIT (x, TILE_MARGIN, THUMB_SIDE, THUMB_SIDE);
  GskRoundedRect clip;
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gsk_rounded_rect_init_from_rect (&clip, &thumb, THUMB_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  if (self->status == TILE_LOADED && self->texture != NULL)
    {
      /* Cover the square, cutting the longer side. */
      int texture_width = gdk_texture_get_width (self->texture);
      int texture_height = gdk_texture_get_height (self->texture);
      double scale = MAX ((double) THUMB_SIDE / texture_width, (double) THUMB_SIDE / texture_height);
      double width = texture_width * scale, height = texture_height * scale;

      gtk_snapshot_append_texture (snapshot, self->texture,
                                   &GRAPHENE_RECT_INIT (thumb.origin.x + (THUMB_SIDE - width) / 2,
                                                        thumb.origin.y + (THUMB_SIDE - height) / 2,
                                                        width, height));
    }
  else
    {
      GdkRGBA placeholder = color;

      placeholder.alpha *= 0.08;
      gtk_snapshot_append_color (snapshot, &placeholder, &thumb);
    }
  gtk_snapshot_pop (snapshot);

  if (self->missing != NULL && gtk_widget_get_visible (self->missing))
    gtk_widget_snapshot_child (widget, self->missing, snapshot);
  if (self->badge != NULL && gtk_widget_get_visible (self->badge))
    gtk_widget_snapshot_child (widget, self->badge, snapshot);

  if (self->layout != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, TILE_MARGIN + THUMB_SIDE + TEXT_SPACING));
      gtk_snapshot_append_layout (snapshot, self->layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

/* The prompt's font follows the theme's. */
static void
studio_image_tile_font_changed (StudioImageTile *self)
{
  if (self->layout != NULL)
    pango_layout_context_changed (self->layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
studio_image_tile_dispose (GObject *object)
{
  StudioImageTile *self = (StudioImageTile *) object;

  studio_image_tile_unbind (self);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->missing, gtk_widget_unparent);
  g_clear_pointer (&self->badge, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_TILE);

  G_OBJECT_CLASS (studio_image_tile_parent_class)->dispose (object);
}

static void
studio_image_tile_class_init (StudioImageTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_tile_dispose;

  widget_class->measure = studio_image_tile_measure;
  widget_class->size_allocate = studio_image_tile_size_allocate;
  widget_class->snapshot = studio_image_tile_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/OpenAIStudio/studio-image-tile.ui");

  gtk_widget_class_set_css_name (widget_class, "imagetile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_image_tile_init (StudioImageTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (studio_image_tile_font_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
studio_image_tile_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_TILE, NULL);
}

static void
studio_image_tile_set_badge (StudioImageTile *self,
                             const char      *badge)
{
  if (badge != NULL && self->badge == NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      self->badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (self->badge, "osd");
      gtk_widget_set_margin_top (label, 2);
      gtk_widget_set_margin_bottom (label, 2);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (self->badge), label);
      gtk_widget_set_parent (self->badge, GTK_WIDGET (self));
      self->badge_label = GTK_LABEL (label);
    }

  if (self->badge == NULL)
    return;

  gtk_label_set_label (self->badge_label, badge ? badge : "");
  gtk_widget_set_visible (self->badge, badge != NULL);
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
  g_autoptr(GObject) cached = NULL;
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
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_width (self->layout, THUMB_SIDE * PANGO_SCALE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_text (self->layout, prompt, -1);
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
  studio_image_tile_set_badge (self, badge);

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
      studio_image_tile_show_thumbnail (self, cached);
      return;
    }

  studio_image_tile_set_status (self, TILE_LOADING);
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
  if (self->texture != NULL || self->status != TILE_LOADING)
    {
      g_clear_object (&self->texture);
      studio_image_tile_set_status (self, TILE_LOADING);
    }
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

  switch (self->status)
    {
    case TILE_LOADED:
      return "loaded";

    case TILE_MISSING:
      return "missing";

    case TILE_LOADING:
    default:
      return "loading";
    }
}

/**
 * studio_image_tile_get_prompt:
 *
 * Returns: (nullable): the line of the prompt the tile shows
 */
const char *
studio_image_tile_get_prompt (StudioImageTile *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_TILE (self), NULL);

  return self->record && self->layout ? pango_layout_get_text (self->layout) : NULL;
}
