/* studio-images-page-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-images-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-image-actions.h"
#include "studio-image-decode.h"
#include "studio-image-request.h"
#include "studio-images-page-private.h"
#include "studio-paths.h"

/* The Images page's images to edit: added by the file chooser, a drop, a
 * paste or a gallery image, each decoded off the main thread into a small
 * picture (and refused, with the reason, when it is not a still image),
 * and the mask painted over the first one.
 */

#define SOURCE_THUMBNAIL_SIDE 160

void
studio_image_source_free (StudioImageSource *source)
{
  g_cancellable_cancel (source->cancellable);
  g_clear_object (&source->cancellable);
  g_clear_object (&source->file);
  g_clear_object (&source->thumbnail);
  g_free (source->error);
  g_free (source);
}

gboolean
studio_images_page_sources_ok (StudioImagesPage *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      StudioImageSource *source = g_ptr_array_index (self->sources, i);

      if (source->error != NULL || source->thumbnail == NULL)
        return FALSE;
    }

  return TRUE;
}

void
studio_images_page_update_sources_hint (StudioImagesPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  JsonObject *rules = model ? studio_model_get_edit_rules (model) : NULL;
  gint64 max_images = rules && json_object_has_member (rules, "max_images")
                      ? json_object_get_int_member (rules, "max_images") : 1;
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_str_equal (studio_images_page_get_endpoint (self), STUDIO_IMAGE_ENDPOINT_VARIATIONS))
    max_images = 1;

  for (guint i = 0; i < self->sources->len; i++)
    {
      StudioImageSource *source = g_ptr_array_index (self->sources, i);

      if (source->error != NULL)
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", source->error);
    }

  if (text->len == 0 && self->sources->len == 0)
    g_string_append (text, max_images > 1
                           ? _("Drop, paste or add up to 16 images. The first one is the one a mask applies to.")
                           : _("Drop, paste or add the image to use."));
  else if (text->len == 0 && self->sources->len > (guint) max_images)
    g_string_append_printf (text, ngettext ("This model takes %ld image here. Remove the others.",
                                            "This model takes %ld images here. Remove some.",
                                            max_images),
                            (long) max_images);

  gtk_label_set_text (self->sources_hint, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_hint), text->len > 0);
  if (self->sources->len > 0 && text->len > 0 && self->sources->len <= (guint) max_images &&
      studio_images_page_sources_ok (self))
    gtk_widget_set_visible (GTK_WIDGET (self->sources_hint), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sources_hint), "error");
  if (!studio_images_page_sources_ok (self) || self->sources->len > (guint) max_images)
    gtk_widget_add_css_class (GTK_WIDGET (self->sources_hint), "error");
}

static void
source_remove_cb (GtkButton        *button,
                  StudioImagesPage *self)
{
  StudioImageSource *source = g_object_get_data (G_OBJECT (button), "source");
  guint index;

  if (!g_ptr_array_find (self->sources, source, &index))
    return;

  g_ptr_array_remove_index (self->sources, index);
  gtk_flow_box_remove (self->sources_flow,
                       GTK_WIDGET (gtk_flow_box_get_child_at_index (self->sources_flow, index)));
  if (index == 0)
    studio_mask_editor_set_source (self->mask_editor, NULL, NULL);
  studio_images_page_update_sources_hint (self);
  studio_images_page_update_actions (self);
}

static GtkWidget *
source_tile_new (StudioImagesPage  *self,
                 StudioImageSource *source)
{
  g_autofree char *name = g_file_get_basename (source->file);
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), name);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_set_size_request (picture, 72, 72);
  gtk_widget_set_halign (overlay, GTK_ALIGN_START);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), name);
  gtk_widget_set_tooltip_text (picture, name);
  gtk_widget_add_css_class (picture, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);

  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_margin_top (remove, 3);
  gtk_widget_set_margin_end (remove, 3);
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "source", source);
  g_signal_connect (remove, "clicked", G_CALLBACK (source_remove_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);

  g_object_set_data (G_OBJECT (overlay), "picture", picture);

  return overlay;
}

static GtkWidget *
source_picture (StudioImagesPage  *self,
                StudioImageSource *source)
{
  guint index;

  if (!g_ptr_array_find (self->sources, source, &index))
    return NULL;

  return g_object_get_data (G_OBJECT (gtk_flow_box_child_get_child (
                                        gtk_flow_box_get_child_at_index (self->sources_flow, index))),
                            "picture");
}

typedef struct
{
  StudioImagesPage  *self;
  StudioImageSource *source;
} SourceLoad;

static void
source_decoded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SourceLoad *load = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  StudioImagesPage *self = load->self;
  StudioImageSource *source = load->source;

  pixbuf = studio_image_decode_finish (result, &error);
  g_free (load);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pixbuf != NULL)
    {
      GtkWidget *picture = source_picture (self, source);

      source->thumbnail = gdk_texture_new_for_pixbuf (pixbuf);
      if (picture != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (source->thumbnail));
    }
  else
    {
      GtkWidget *picture = source_picture (self, source);

      source->error = g_strdup (error->message);
      if (picture != NULL)
        {
          gtk_widget_add_css_class (picture, "error");
          gtk_widget_set_tooltip_text (picture, error->message);
        }
    }

  studio_images_page_update_sources_hint (self);
  studio_images_page_update_actions (self);
}

/**
 * studio_images_page_add_source:
 * @file: an image to edit
 * @image_id: the gallery image it is, or 0
 *
 * Adds @file to the images to edit, and switches to Edit when the page was
 * set to Generate. The file is decoded off the main thread and refused
 * there, with the reason shown, if it is not a still image.
 */
void
studio_images_page_add_source (StudioImagesPage *self,
                               GFile            *file,
                               gint64            image_id)
{
  StudioImageSource *source;
  SourceLoad *load;

  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_str_equal (studio_images_page_get_endpoint (self), STUDIO_IMAGE_ENDPOINT_GENERATIONS))
    studio_images_page_set_mode (self, STUDIO_IMAGE_ENDPOINT_EDITS);

  source = g_new0 (StudioImageSource, 1);
  source->file = g_object_ref (file);
  source->image_id = image_id;
  source->cancellable = g_cancellable_new ();
  g_ptr_array_add (self->sources, source);
  if (self->sources->len == 1 && image_id > 0)
    self->parent_id = image_id;
  else if (self->sources->len == 1)
    self->parent_id = 0;
  gtk_flow_box_append (self->sources_flow, source_tile_new (self, source));

  load = g_new0 (SourceLoad, 1);
  load->self = self;
  load->source = source;
  studio_image_decode_async (NULL, file, SOURCE_THUMBNAIL_SIDE, source->cancellable,
                             source_decoded_cb, load);

  studio_images_page_update_sources_hint (self);
  studio_images_page_update_actions (self);
}

guint
studio_images_page_get_n_sources (StudioImagesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGES_PAGE (self), 0);

  return self->sources->len;
}

void
studio_images_page_clear_sources (StudioImagesPage *self)
{
  GtkFlowBoxChild *child;

  while ((child = gtk_flow_box_get_child_at_index (self->sources_flow, 0)))
    gtk_flow_box_remove (self->sources_flow, GTK_WIDGET (child));
  g_ptr_array_set_size (self->sources, 0);
  studio_mask_editor_set_source (self->mask_editor, NULL, NULL);
  g_clear_object (&self->mask);
  self->parent_id = 0;
}

static void
files_chosen_cb (GtkWidget  *widget,
                 GListModel *files,
                 gpointer    user_data)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      studio_images_page_add_source (self, file, 0);
    }
}

void
studio_images_page_add_sources_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG, WebP and JPEG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  studio_file_chooser_open (widget, _("Add Images to Edit"), _("_Add"), filter,
                            files_chosen_cb, NULL, NULL);
}

static void
mask_changed_cb (StudioImagesPage *self)
{
  studio_images_page_update_actions (self);
}

typedef struct
{
  StudioImagesPage *self;
  GFile            *file;
} MaskSource;

static void
mask_source_decoded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MaskSource *load = user_data;
  g_autoptr(StudioImagesPage) self = load->self;
  g_autoptr(GFile) file = load->file;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  StudioImageSource *first;

  g_free (load);
  pixbuf = studio_image_decode_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The first image may have gone while it was read. */
  first = self->sources->len > 0 ? g_ptr_array_index (self->sources, 0) : NULL;
  if (first == NULL || !g_file_equal (first->file, file))
    return;

  if (pixbuf == NULL)
    {
      studio_image_actions_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  if (self->mask != NULL &&
      (studio_image_mask_get_width (self->mask) != (guint) gdk_pixbuf_get_width (pixbuf) ||
       studio_image_mask_get_height (self->mask) != (guint) gdk_pixbuf_get_height (pixbuf)))
    {
      /* Another first image, of another size: a new mask. */
      g_signal_handlers_disconnect_by_data (self->mask, self);
      g_clear_object (&self->mask);
    }
  if (self->mask == NULL)
    {
      self->mask = studio_image_mask_new (gdk_pixbuf_get_width (pixbuf),
                                          gdk_pixbuf_get_height (pixbuf));
      g_signal_connect_object (self->mask, "changed", G_CALLBACK (mask_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  studio_mask_editor_set_source (self->mask_editor, texture, self->mask);
  /* The editor takes the whole width while painting. */
  adw_flap_set_reveal_flap (ADW_FLAP (adw_bin_get_child (ADW_BIN (self))), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "mask");
  gtk_widget_grab_focus (GTK_WIDGET (self->mask_editor));
}

void
studio_images_page_paint_mask_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);
  StudioImageSource *source = g_ptr_array_index (self->sources, 0);
  MaskSource *load = g_new0 (MaskSource, 1);

  /* The whole image, decoded on a worker, to paint over at its own size. */
  load->self = g_object_ref (self);
  load->file = g_object_ref (source->file);
  studio_image_decode_async (NULL, source->file, 0, self->cancellable, mask_source_decoded_cb,
                             load);
}

void
studio_images_page_remove_mask_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);

  /* Undoable in the editor: clearing is a step of its own. */
  if (self->mask != NULL)
    studio_image_mask_clear (self->mask);
  studio_images_page_update_actions (self);
}

gboolean
studio_images_page_drop_cb (GtkDropTarget    *target,
                            const GValue     *value,
                            double            x,
                            double            y,
                            StudioImagesPage *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l; l = l->next)
    studio_images_page_add_source (self, l->data, 0);

  return files != NULL;
}

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioImagesPage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_image_actions_add_toast (GTK_WIDGET (self),
                                        _("The clipboard holds no image to paste."));
      return;
    }

  /* Kept with the gallery's files: a pasted source may become a parent. */
  folder = studio_paths_dup_cache_file ("pasted");
  g_mkdir_with_parents (folder, 0700);
  name = g_strdup_printf ("pasted-%" G_GINT64_FORMAT ".png", g_get_real_time ());
  path = g_build_filename (folder, name, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      studio_image_actions_add_toast (GTK_WIDGET (self),
                                      _("The pasted image could not be stored. Check that the "
                                        "disk has space."));
      return;
    }

  file = g_file_new_for_path (path);
  studio_images_page_add_source (self, file, 0);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioImagesPage) self = user_data;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);
  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    for (GSList *l = g_value_get_boxed (value); l; l = l->next)
      studio_images_page_add_source (self, l->data, 0);
}

void
studio_images_page_paste_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  /* Files copied in a file manager, or an image copied from another app. */
  if (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                         GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb,
                                      g_object_ref (self));
}
