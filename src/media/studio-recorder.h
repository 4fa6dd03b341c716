/* studio-recorder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-audio-device.h"

G_BEGIN_DECLS

/**
 * StudioRecorderState:
 * @STUDIO_RECORDER_IDLE: not recording; the last file, if any, is closed
 * @STUDIO_RECORDER_RECORDING: capturing into the file
 * @STUDIO_RECORDER_PAUSED: the file is open, nothing is captured
 * @STUDIO_RECORDER_STOPPING: the end of the audio is being written
 *
 * Where a #StudioRecorder is.
 */
typedef enum
{
  STUDIO_RECORDER_IDLE,
  STUDIO_RECORDER_RECORDING,
  STUDIO_RECORDER_PAUSED,
  STUDIO_RECORDER_STOPPING,
} StudioRecorderState;

#define STUDIO_TYPE_RECORDER_STATE (studio_recorder_state_get_type ())

GType studio_recorder_state_get_type (void) G_GNUC_CONST;

#define STUDIO_TYPE_RECORDER (studio_recorder_get_type ())

G_DECLARE_FINAL_TYPE (StudioRecorder, studio_recorder, STUDIO, RECORDER, GObject)

StudioRecorder      *studio_recorder_new                    (void);
void                 studio_recorder_set_device             (StudioRecorder       *self,
                                                             StudioAudioDevice    *device);
void                 studio_recorder_set_source_description (StudioRecorder       *self,
                                                             const char           *description);
gboolean             studio_recorder_start                  (StudioRecorder       *self,
                                                             GFile                *file,
                                                             GError              **error);
void                 studio_recorder_pause                  (StudioRecorder       *self);
void                 studio_recorder_resume                 (StudioRecorder       *self);
void                 studio_recorder_stop_async             (StudioRecorder       *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean             studio_recorder_stop_finish            (StudioRecorder       *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                 studio_recorder_stop_now               (StudioRecorder       *self);
StudioRecorderState  studio_recorder_get_state              (StudioRecorder       *self);
GFile               *studio_recorder_get_file               (StudioRecorder       *self);
gint64               studio_recorder_get_elapsed_us         (StudioRecorder       *self);
guint64              studio_recorder_get_bytes_written      (StudioRecorder       *self);
double               studio_recorder_get_loudest_db         (StudioRecorder       *self);

G_END_DECLS
