/* studio-audio-devices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include "studio-audio-devices.h"
#include "studio-media-error.h"

/* Every audio input as a GListModel of StudioAudioDevice, for the
 * microphone drop-down: a GstDeviceMonitor watches for "Audio/Source"
 * devices, and its bus is watched on the thread-default main context of
 * whoever made the list, so items-changed comes there. Real inputs come
 * first and "Monitor of" sources after, each group in the order found.
 */
struct _StudioAudioDevices
{
  GObject           parent_instance;

  /* Owned references */
  GstDeviceMonitor *monitor;
  GPtrArray        *items;     /* StudioAudioDevice */

  guint             bus_watch;
};

static void studio_audio_devices_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StudioAudioDevices, studio_audio_devices, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      studio_audio_devices_list_model_init))

static GType
studio_audio_devices_get_item_type (GListModel *model)
{
  return STUDIO_TYPE_AUDIO_DEVICE;
}

static guint
studio_audio_devices_get_n_items (GListModel *model)
{
  return STUDIO_AUDIO_DEVICES (model)->items->len;
}

static gpointer
studio_audio_devices_get_item (GListModel *model,
                               guint       position)
{
  StudioAudioDevices *self = STUDIO_AUDIO_DEVICES (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
studio_audio_devices_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = studio_audio_devices_get_item_type;
  iface->get_n_items = studio_audio_devices_get_n_items;
  iface->get_item = studio_audio_devices_get_item;
}

static guint
studio_audio_devices_index_of (StudioAudioDevices *self,
                               GstDevice          *device)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      StudioAudioDevice *item = g_ptr_array_index (self->items, i);

      if (studio_audio_device_get_gst_device (item) == device)
        return i;
    }

  return G_MAXUINT;
}

/* Inserts without telling anyone; returns where. */
static guint
studio_audio_devices_insert (StudioAudioDevices *self,
                             GstDevice          *device)
{
  g_autoptr(StudioAudioDevice) item = studio_audio_device_new_for_gst (device);
  guint position = self->items->len;

  /* A real input goes before the first monitor. */
  if (!studio_audio_device_is_monitor (item))
    {
      for (guint i = 0; i < self->items->len; i++)
        {
          if (studio_audio_device_is_monitor (g_ptr_array_index (self->items, i)))
            {
              position = i;
              break;
            }
        }
    }

  g_ptr_array_insert (self->items, position, g_steal_pointer (&item));
  return position;
}

static gboolean
studio_audio_devices_bus_cb (GstBus     *bus,
                             GstMessage *message,
                             gpointer    user_data)
{
  StudioAudioDevices *self = user_data;
  g_autoptr(GstDevice) device = NULL;
  guint position;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_DEVICE_ADDED:
      gst_message_parse_device_added (message, &device);
      if (studio_audio_devices_index_of (self, device) != G_MAXUINT)
        break;
      position = studio_audio_devices_insert (self, device);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      break;

    case GST_MESSAGE_DEVICE_REMOVED:
      gst_message_parse_device_removed (message, &device);
      position = studio_audio_devices_index_of (self, device);
      if (position == G_MAXUINT)
        break;
      g_ptr_array_remove_index (self->items, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      break;

    case GST_MESSAGE_DEVICE_CHANGED:
      {
        g_autoptr(GstDevice) old_device = NULL;

        /* A changed device (a new default, say) is replaced in place, or
         * moved if it became or stopped being a monitor.
         */
        gst_message_parse_device_changed (message, &device, &old_device);
        position = studio_audio_devices_index_of (self, old_device);
        if (position == G_MAXUINT)
          break;
        g_ptr_array_remove_index (self->items, position);
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        position = studio_audio_devices_insert (self, device);
        g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
studio_audio_devices_dispose (GObject *object)
{
  StudioAudioDevices *self = (StudioAudioDevices *)object;

  if (self->monitor != NULL)
    {
      g_autoptr(GstBus) bus = gst_device_monitor_get_bus (self->monitor);

      /* Not g_source_remove(): the watch may be on another thread's context. */
      if (self->bus_watch != 0)
        gst_bus_remove_watch (bus);
      self->bus_watch = 0;
      gst_device_monitor_stop (self->monitor);
    }
  g_clear_object (&self->monitor);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (studio_audio_devices_parent_class)->dispose (object);
}

static void
studio_audio_devices_finalize (GObject *object)
{
  StudioAudioDevices *self = (StudioAudioDevices *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_audio_devices_parent_class)->finalize (object);
}

static void
studio_audio_devices_class_init (StudioAudioDevicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_audio_devices_dispose;
  object_class->finalize = studio_audio_devices_finalize;
}

static void
studio_audio_devices_init (StudioAudioDevices *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * studio_audio_devices_new:
 *
 * Lists the audio inputs now and keeps the list current. Without GStreamer
 * or any device provider the list stays empty.
 *
 * Returns: (transfer full): the list
 */
StudioAudioDevices *
studio_audio_devices_new (void)
{
  g_autoptr(StudioAudioDevices) self = g_object_new (STUDIO_TYPE_AUDIO_DEVICES, NULL);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  GList *devices;

  if (!studio_media_init (&error))
    {
      g_warning ("Audio inputs cannot be listed: %s", error->message);
      return g_steal_pointer (&self);
    }

  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Audio/Source", NULL);
  bus = gst_device_monitor_get_bus (self->monitor);
  self->bus_watch = gst_bus_add_watch (bus, studio_audio_devices_bus_cb, self);

  if (!gst_device_monitor_start (self->monitor))
    {
      g_debug ("No audio device provider could start");
      return g_steal_pointer (&self);
    }

  /* Devices found while starting come from here, not as messages. */
  devices = gst_device_monitor_get_devices (self->monitor);
  for (GList *l = devices; l != NULL; l = l->next)
    {
      if (studio_audio_devices_index_of (self, l->data) == G_MAXUINT)
        studio_audio_devices_insert (self, l->data);
    }
  g_list_free_full (devices, gst_object_unref);

  return g_steal_pointer (&self);
}

/**
 * studio_audio_devices_get_default_position:
 * @self: a #StudioAudioDevices
 *
 * Finds the system's default input; without one, the first real input,
 * then the first device of any kind.
 *
 * Returns: its position, or %G_MAXUINT when the list is empty
 */
guint
studio_audio_devices_get_default_position (StudioAudioDevices *self)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICES (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    {
      if (studio_audio_device_is_default (g_ptr_array_index (self->items, i)))
        return i;
    }

  return self->items->len > 0 ? 0 : G_MAXUINT;
}

/**
 * studio_audio_devices_find:
 * @self: a #StudioAudioDevices
 * @id: a device id, as studio_audio_device_get_id() gives
 *
 * Returns: (transfer none) (nullable): the device with @id, if it is there now
 */
StudioAudioDevice *
studio_audio_devices_find (StudioAudioDevices *self,
                           const char         *id)
{
  g_return_val_if_fail (STUDIO_IS_AUDIO_DEVICES (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      StudioAudioDevice *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (studio_audio_device_get_id (item), id) == 0)
        return item;
    }

  return NULL;
}
