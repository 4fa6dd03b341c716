/* studio-recorder-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

#include "studio-recorder.h"

G_BEGIN_DECLS

/* The recorder's fields and what its two halves (studio-recorder.c keeps
 * the states and stops, studio-recorder-pipeline.c builds the pipeline and
 * reads its bus) share.
 */
struct _StudioRecorder
{
  GObject              parent_instance;

  /* Owned references */
  StudioAudioDevice   *device;
  char                *description;
  GFile               *file;
  GstElement          *pipeline;
  GMainContext        *context;
  GSource             *bus_source;
  GSource             *tick_source;
  GSource             *timeout_source;
  GSource             *cancel_source;
  GstDeviceMonitor    *monitor;
  GSource             *monitor_source;
  GPtrArray           *stop_tasks;   /* GTask */
  GError              *error;

  /* Borrowed references, owned by the pipeline */
  GstElement          *source;
  GstElement          *queue;
  GstElement          *level;

  /* Written by the streaming threads, under lock */
  GMutex               lock;
  GstClockTime         first_pts;
  GstClockTime         last_end;
  guint64              bytes_written;

  double               loudest_db;
  gint64               notified_elapsed_us;
  guint64              notified_bytes;
  StudioRecorderState  state;
  guint                eos_sent : 1;
};

/* In studio-recorder.c: the signals and the stopping. */
void        studio_recorder_emit_failed     (StudioRecorder  *self);
void        studio_recorder_emit_level      (StudioRecorder  *self,
                                             double           rms_db,
                                             double           peak_db);
void        studio_recorder_clear_source    (GSource        **source);
void        studio_recorder_finish          (StudioRecorder  *self);
void        studio_recorder_begin_stop      (StudioRecorder  *self);

/* In studio-recorder-pipeline.c: the pipeline and its bus. */
GstElement *studio_recorder_make_pipeline   (StudioRecorder  *self,
                                             const char      *path,
                                             GError         **error);
gboolean    studio_recorder_send_eos        (StudioRecorder  *self);
gboolean    studio_recorder_is_from_source  (StudioRecorder  *self,
                                             GstObject       *object);
GError     *studio_recorder_translate_error (StudioRecorder  *self,
                                             const GError    *gst_error,
                                             gboolean         from_source);
gboolean    studio_recorder_bus_cb          (GstBus          *bus,
                                             GstMessage      *message,
                                             gpointer         user_data);
void        studio_recorder_watch_device    (StudioRecorder  *self);

G_END_DECLS
