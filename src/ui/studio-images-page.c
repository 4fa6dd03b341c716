/* studio-images-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-images-page"

#include "config.h"

#include "studio-model-picker.h"
#include "studio-images-page.h"

/* The workspace for generating and editing images. */
struct _StudioImagesPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  StudioModelPicker *model_picker;
};

G_DEFINE_FINAL_TYPE (StudioImagesPage, studio_images_page, ADW_TYPE_BIN)

static void
studio_images_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STUDIO_TYPE_IMAGES_PAGE);

  G_OBJECT_CLASS (studio_images_page_parent_class)->dispose (object);
}

static void
studio_images_page_class_init (StudioImagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_images_page_dispose;

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-images-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, model_picker);
}

static void
studio_images_page_init (StudioImagesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
