/* studio-record-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-audio-device.h"
#include "studio-audio-devices.h"
#include "studio-recorder.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_RECORD_PANEL (studio_record_panel_get_type ())

G_DECLARE_FINAL_TYPE (StudioRecordPanel, studio_record_panel, STUDIO, RECORD_PANEL, GtkBox)

GtkWidget         *studio_record_panel_new           (void);
void               studio_record_panel_set_recorder  (StudioRecordPanel  *self,
                                                      StudioRecorder     *recorder);
void               studio_record_panel_set_devices   (StudioRecordPanel  *self,
                                                      StudioAudioDevices *devices);
StudioAudioDevice *studio_record_panel_get_device    (StudioRecordPanel  *self);
void               studio_record_panel_set_max_bytes (StudioRecordPanel  *self,
                                                      guint64             max_bytes);

G_END_DECLS
