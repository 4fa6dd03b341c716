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

  /* Owned references */
  StudioContext     *context;

  /* Template widgets */
  StudioModelPicker *model_picker;
};

G_DEFINE_FINAL_TYPE (StudioSpeechPage, studio_speech_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_speech_page_dispose (GObject *object)
{
  StudioSpeechPage *self = (StudioSpeechPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_speech_page_parent_class)->dispose (object);
}

static void
studio_speech_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_page_class_init (StudioSpeechPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_page_dispose;
  object_class->get_property = studio_speech_page_get_property;
  object_class->set_property = studio_speech_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, model_picker);
}

static void
studio_speech_page_init (StudioSpeechPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
