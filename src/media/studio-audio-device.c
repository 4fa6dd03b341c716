/* studio-audio-device.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-audio-device.h"
#include "studio-media-error.h"

/* One microphone (or a "Monitor of" source) as GStreamer's device monitor
 * sees it, with what the Transcribe page shows and stores: a display name
 * and an id that stays the same across runs, so that the chosen device can
 * be kept in GSettings.
 */
struct _StudioAudioDevice
{
  GObject    parent_instance;

  /* Owned references */
  GstDevice *device;
  char      *name;
  char      *id;

  guint      is_default : 1;
  guint      is_monitor : 1;
};

G_DEFINE_FINAL_TYPE (StudioAudioDevice, studio_audio_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The most stable name a device has: PulseAudio's source name (which
 * PipeWire's pulse server keeps too), else PipeWire's or ALSA's, else what
 * is shown.
 */
static char *
studio_audio_device_dup_stable_id (GstDevice    *device,
                                   GstStructure *props)
{
  static const char *keys[] = {
    "node.name", "device.name", "alsa.long_card_name", "api.alsa.path",
  };

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (device), "internal-name") != NULL)
    {
      g_autofree char *internal = NULL;

      g_object_get (device, "internal-name", &internal, NULL);
      if (internal != NULL && *internal != '\0')
        return g_steal_pointer (&internal);
    }

  for (guint i = 0; props != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = gst_structure_get_string (props, keys[i]);

      if (value != NULL && *value != '\0')
        return g_strdup (value);
    }

  return gst_device_get_display_name (device);
}

static void
studio_audio_device_dispose (GObject *object)
{
  StudioAudioDevice *self = (StudioAudioDevice *)object;

  g_clear_object (&self->device);

  G_OBJECT_CLASS (studio_audio_device_parent_class)->dispose (object);
}

static void
studio_audio_device_finalize (GObject *object)
{
  StudioAudioDevice *self = (StudioAudioDevice *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->id, g_free);

  G_OBJECT_CLASS (studio_audio_device_parent_class)->finalize (object);
}

static void
studio_audio_device_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StudioAudioDevice *self = STUDIO_AUDIO_DEVICE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_audio_device_class_init (StudioAudioDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_audio_device_dispose;
  object_class->finalize = studio_audio_device_finalize;
  object_class->get_property = studio_audio_device_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_audio_device_init (StudioAudioDevice *self)
{
}

/**
 * studio_audio_device_new_for_gst:
 * @device: a device GStreamer's device monitor found
 *
 * Wraps @device, reading its name, id and kind once.
 *
 * Returns: (transfer full): the device
 */
StudioAudioDevice *
studio_audio_device_new_for_gst (GstDevice *device)
{
  g_autoptr(GstStructure) props = NULL;
  StudioAudioDevice *self;
  const char *klass;

  g_return_val_if_fail (GST_IS_DEVICE (device), NULL);

  self = g_object_new (STUDIO_TYPE_AUDIO_DEVICE, NULL);
  self->device = gst_object_ref (device);
  props = gst_device_get_properties (device);
  self->name = gst_device_get_display_name (device);
  self->id = studio_audio_device_dup_stable_id (device, props);

  if (props != NULL)
    {
      gboolean is_default = FALSE;

      klass = gst_structure_get_string (props, "device.class");
      self->is_monitor = g_strcmp0 (klass, "monitor") == 0;
      if (gst_structure_get_boolean (props, "is-default", &is_default))
        self->is_default = !!is_default;
    }

  /* A monitor's id ends in ".monitor" in PulseAudio and PipeWire, even
   * where the device class is not given.
   */
  if (!self->is_monitor && self->id != NULL && g_str_has_suffix (self->id, ".monitor"))
    self->is_monitor = TRUE;

  if (self->name == NULL)
    self->name = g_strdup (self->id != NULL ? self->id : _("Unknown Microphone"));
  if (self->id == NULL)
    self->id = g_strdup (self->name);

  return self;
}

/**
 * studio_audio_device_get_gst_device:
 * @self: a #StudioAudioDevice
 *
 * Returns: (transfer none): the GStreamer device @self wraps
 */
GstDevice *
studio_audio_device_get_gst_device (StudioAudioDevice *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), NULL);

  return self->device;
}

/**
 * studio_audio_device_get_name:
 * @self: a #StudioAudioDevice
 *
 * Returns: the name to show for the device
 */
const char *
studio_audio_device_get_name (StudioAudioDevice *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), NULL);

  return self->name;
}

/**
 * studio_audio_device_get_id:
 * @self: a #StudioAudioDevice
 *
 * Returns: an id that names the same device across runs, to store in a setting
 */
const char *
studio_audio_device_get_id (StudioAudioDevice *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), NULL);

  return self->id;
}

/**
 * studio_audio_device_is_default:
 * @self: a #StudioAudioDevice
 *
 * Returns: whether the system records from this device unless told otherwise
 */
gboolean
studio_audio_device_is_default (StudioAudioDevice *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), FALSE);

  return self->is_default;
}

/**
 * studio_audio_device_is_monitor:
 * @self: a #StudioAudioDevice
 *
 * Returns: whether the device is a “Monitor of” source: what an output plays
 */
gboolean
studio_audio_device_is_monitor (StudioAudioDevice *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), FALSE);

  return self->is_monitor;
}

/**
 * studio_audio_device_create_element:
 * @self: a #StudioAudioDevice
 * @error: the return location for a %STUDIO_MEDIA_ERROR_NO_DEVICE
 *
 * Makes a source element that records from the device.
 *
 * Returns: (transfer floating) (nullable): the element
 */
GstElement *
studio_audio_device_create_element (StudioAudioDevice  *self,
                                    GError            **error)
{
  GstElement *element;

  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICE (self), NULL);

  element = gst_device_create_element (self->device, NULL);
  if (element == NULL)
    g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_DEVICE,
                 _("The microphone “%s” could not be opened; it may have been unplugged."),
                 self->name);

  return element;
}
