/* studio-audio-device.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_AUDIO_DEVICE (studio_audio_device_get_type ())

G_DECLARE_FINAL_TYPE (StudioAudioDevice, studio_audio_device, STUDIO, AUDIO_DEVICE, GObject)

StudioAudioDevice *studio_audio_device_new_for_gst    (GstDevice          *device);
GstDevice         *studio_audio_device_get_gst_device (StudioAudioDevice  *self);
const char        *studio_audio_device_get_name       (StudioAudioDevice  *self);
const char        *studio_audio_device_get_id         (StudioAudioDevice  *self);
gboolean           studio_audio_device_is_default     (StudioAudioDevice  *self);
gboolean           studio_audio_device_is_monitor     (StudioAudioDevice  *self);
GstElement        *studio_audio_device_create_element (StudioAudioDevice  *self,
                                                       GError            **error);

G_END_DECLS
