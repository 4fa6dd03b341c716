/* studio-audio-devices.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-audio-device.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_AUDIO_DEVICES (studio_audio_devices_get_type ())

G_DECLARE_FINAL_TYPE (StudioAudioDevices, studio_audio_devices, STUDIO, AUDIO_DEVICES, GObject)

StudioAudioDevices *studio_audio_devices_new                  (void);
guint               studio_audio_devices_get_default_position (StudioAudioDevices *self);
StudioAudioDevice  *studio_audio_devices_find                 (StudioAudioDevices *self,
                                                               const char         *id);

G_END_DECLS
