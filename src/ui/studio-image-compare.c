/* studio-image-compare.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-compare.h"
#include "studio-image-viewer.h"

/* Two or more gallery images side by side, each with what made it
 * different (model, quality, size, prompt), their zoom kept together
 * while Sync Zoom is on.
 */
struct _StudioImageCompare
{
  AdwBin           parent_instance;

  /* Owned references */
  GPtrArray       *viewers;

  /* Template widgets */
  GtkBox          *viewers_box;
  GtkToggleButton *sync_button;

  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (StudioImageCompare, studio_image_compare, ADW_TYPE_BIN)

static void
zoom_changed_cb (StudioImageViewer  *viewer,
                 GParamSpec         *pspec,
                 StudioImageCompare *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (self->sync_button))
    return;

  self->syncing = TRUE;
  for (guint i = 0; i < self->viewers->len; i++)
    {
      StudioImageViewer *other = g_ptr_array_index (self->viewers, i);

      if (other == viewer)
        continue;
      if (studio_image_viewer_get_fit (viewer))
        studio_image_viewer_set_fit (other, TRUE);
      else
        studio_image_viewer_set_zoom (other, studio_image_viewer_get_zoom (viewer));
    }
  self->syncing = FALSE;
}

static void
on_sync_toggled_cb (GtkToggleButton    *button,
                    StudioImageCompare *self)
{
  /* Turned on, the others follow the first. */
  if (gtk_toggle_button_get_active (button) && self->viewers->len > 0)
    zoom_changed_cb (g_ptr_array_index (self->viewers, 0), NULL, self);
}

static char *
caption_for (StudioImageRecord *record)
{
  JsonObject *options = studio_image_record_get_options (record);
  JsonObject *details = studio_image_record_get_details (record);
  const char *quality = NULL;
  g_autoptr(GString) text = g_string_new (studio_image_record_get_model (record));

  if (details && json_object_has_member (details, "quality"))
    quality = json_object_get_string_member_with_default (details, "quality", NULL);
  if (quality == NULL && options && json_object_has_member (options, "quality"))
    quality = json_object_get_string_member_with_default (options, "quality", NULL);
  if (quality != NULL)
    g_string_append_printf (text, " · %s", quality);
  if (studio_image_record_get_width (record) > 0)
    g_string_append_printf (text, " · %u × %u", studio_image_record_get_width (record),
                            studio_image_record_get_height (record));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
studio_image_compare_dispose (GObject *object)
{
  StudioImageCompare *self = (StudioImageCompare *) object;

  g_ptr_array_set_size (self->viewers, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_COMPARE);

  G_OBJECT_CLASS (studio_image_compare_parent_class)->dispose (object);
}

static void
studio_image_compare_finalize (GObject *object)
{
  StudioImageCompare *self = (StudioImageCompare *) object;

  g_clear_pointer (&self->viewers, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_image_compare_parent_class)->finalize (object);
}

static void
studio_image_compare_class_init (StudioImageCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_compare_dispose;
  object_class->finalize = studio_image_compare_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-image-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImageCompare, viewers_box);
  gtk_widget_class_bind_template_child (widget_class, StudioImageCompare, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_toggled_cb);
}

static void
studio_image_compare_init (StudioImageCompare *self)
{
  self->viewers = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
studio_image_compare_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_COMPARE, NULL);
}

/**
 * studio_image_compare_set_records:
 * @records: (element-type StudioImageRecord): the images to show side by side
 */
void
studio_image_compare_set_records (StudioImageCompare *self,
                                  GPtrArray          *records)
{
  GtkWidget *child;

  g_return_if_fail (STUDIO_IS_IMAGE_COMPARE (self));

  g_ptr_array_set_size (self->viewers, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->viewers_box))))
    gtk_box_remove (self->viewers_box, child);

  for (guint i = 0; records && i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);
      g_autofree char *caption = caption_for (record);
      g_autoptr(GFile) file = NULL;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *viewer = studio_image_viewer_new ();
      GtkWidget *label = gtk_label_new (caption);
      GtkWidget *prompt = gtk_label_new (studio_image_record_get_prompt (record));

      if (studio_image_record_get_file (record) != NULL)
        file = g_file_new_for_path (studio_image_record_get_file (record));
      studio_image_viewer_set_file (STUDIO_IMAGE_VIEWER (viewer), file);
      studio_image_viewer_set_description (STUDIO_IMAGE_VIEWER (viewer),
                                           studio_image_record_get_prompt (record));
      gtk_widget_set_vexpand (viewer, TRUE);
      gtk_widget_add_css_class (viewer, "card");
      gtk_widget_set_size_request (viewer, 200, 200);
      g_signal_connect_object (viewer, "notify::zoom", G_CALLBACK (zoom_changed_cb), self, 0);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (prompt), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (prompt), 2);
      gtk_label_set_wrap (GTK_LABEL (prompt), TRUE);
      gtk_widget_add_css_class (prompt, "dim-label");
      gtk_widget_set_tooltip_text (prompt, studio_image_record_get_prompt (record));

      gtk_box_append (GTK_BOX (box), viewer);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), prompt);
      gtk_box_append (self->viewers_box, box);
      g_ptr_array_add (self->viewers, viewer);
    }
}

guint
studio_image_compare_get_n_records (StudioImageCompare *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_COMPARE (self), 0);

  return self->viewers->len;
}
