/* studio-speech-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-page"

#include "config.h"

#include "studio-model-picker.h"
#include "studio-speech-page.h"

/* The workspace for turning text into speech. */
struct _StudioSpeechPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  StudioModelPicker *model_picker;
};

G_DEFINE_FINAL_TYPE (StudioSpeechPage, studio_speech_page, ADW_TYPE_BIN)

static void
studio_speech_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STUDIO_TYPE_SPEECH_PAGE);

  G_OBJECT_CLASS (studio_speech_page_parent_class)->dispose (object);
}

static void
studio_speech_page_class_init (StudioSpeechPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_page_dispose;

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-speech-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, model_picker);
}

static void
studio_speech_page_init (StudioSpeechPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
