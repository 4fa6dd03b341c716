/* studio-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-recorder"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "studio-media-error.h"
#include "studio-recorder-private.h"

/* Records a microphone into an Ogg Opus file as it is captured:
 *
 *   source ! queue ! level ! encoder ! filesink
 *
 * The encoder flushes a page every half second and filesink does not
 * buffer, so a process killed mid-recording leaves a file that plays up to
 * about then. Pausing puts the live pipeline in PAUSED: its running time
 * stops, so on resuming the timestamps go on where they were and the file
 * has no gap. Stopping sends EOS into the queue (past the source, which may
 * be paused, stuck or gone) and waits for it at the sink, so the last pages
 * are written; a source that fails is handled the same way, so what was
 * captured stays playable.
 *
 * A chosen device is watched with a GstDeviceMonitor while recording:
 * PulseAudio and PipeWire quietly move a recording whose device went away
 * to another one, which would go on with the wrong microphone, so the
 * device's removal ends the recording as a failure instead.
 *
 * Bus messages are watched on the thread-default main context of the
 * caller of start(), where every signal is emitted. The work per message is
 * a few comparisons and a signal.
 *
 * This file holds the object, its states and the stopping; the pipeline is
 * built, and what its bus and the device monitor say is read, in
 * studio-recorder-pipeline.c.
 */

#define TICK_INTERVAL_MS 100
/* How long the end of the audio may take to reach the file. */
#define STOP_TIMEOUT_MS 2000

G_DEFINE_FINAL_TYPE (StudioRecorder, studio_recorder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ELAPSED_US,
  PROP_BYTES_WRITTEN,
  N_PROPS
};

enum {
  LEVEL,
  FAILED,
  STOPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
studio_recorder_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { STUDIO_RECORDER_IDLE, "STUDIO_RECORDER_IDLE", "idle" },
        { STUDIO_RECORDER_RECORDING, "STUDIO_RECORDER_RECORDING", "recording" },
        { STUDIO_RECORDER_PAUSED, "STUDIO_RECORDER_PAUSED", "paused" },
        { STUDIO_RECORDER_STOPPING, "STUDIO_RECORDER_STOPPING", "stopping" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("StudioRecorderState"),
                                           values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static void
studio_recorder_set_state (StudioRecorder      *self,
                           StudioRecorderState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Tells that recording cannot go on, with the error kept in self->error. */
void
studio_recorder_emit_failed (StudioRecorder *self)
{
  g_signal_emit (self, signals[FAILED], 0, self->error);
}

/* Tells the loudness of the last 50 ms, for a level meter. */
void
studio_recorder_emit_level (StudioRecorder *self,
                            double          rms_db,
                            double          peak_db)
{
  g_signal_emit (self, signals[LEVEL], 0, rms_db, peak_db);
}

void
studio_recorder_clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static GSource *
studio_recorder_attach (StudioRecorder *self,
                        GSource        *source,
                        GSourceFunc     callback)
{
  g_source_set_callback (source, callback, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
studio_recorder_notify_progress (StudioRecorder *self)
{
  gint64 elapsed_us = studio_recorder_get_elapsed_us (self);
  guint64 bytes = studio_recorder_get_bytes_written (self);

  if (elapsed_us != self->notified_elapsed_us)
    {
      self->notified_elapsed_us = elapsed_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED_US]);
    }

  if (bytes != self->notified_bytes)
    {
      self->notified_bytes = bytes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_WRITTEN]);
    }
}

static gboolean
studio_recorder_tick_cb (gpointer user_data)
{
  studio_recorder_notify_progress (user_data);

  return G_SOURCE_CONTINUE;
}

/* Closes the file and tells everyone: the end of every stop. */
void
studio_recorder_finish (StudioRecorder *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (self->pipeline == NULL)
    return;

  g_object_ref (self);

  studio_recorder_clear_source (&self->bus_source);
  studio_recorder_clear_source (&self->tick_source);
  studio_recorder_clear_source (&self->timeout_source);
  studio_recorder_clear_source (&self->cancel_source);
  studio_recorder_clear_source (&self->monitor_source);
  if (self->monitor != NULL)
    gst_device_monitor_stop (self->monitor);
  g_clear_object (&self->monitor);

  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->source = NULL;
  self->queue = NULL;
  self->level = NULL;
  g_clear_object (&self->pipeline);
  g_clear_pointer (&self->context, g_main_context_unref);

  studio_recorder_notify_progress (self);
  studio_recorder_set_state (self, STUDIO_RECORDER_IDLE);

  tasks = g_steal_pointer (&self->stop_tasks);
  g_signal_emit (self, signals[STOPPED], 0);

  /* The file is closed either way; a failure was told by "failed". */
  for (guint i = 0; tasks != NULL && i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      g_task_return_boolean (task, TRUE);
    }

  g_object_unref (self);
}

static gboolean
studio_recorder_stop_timeout_cb (gpointer user_data)
{
  StudioRecorder *self = user_data;

  if (self->eos_sent)
    g_message ("The end of the recording did not reach the file in time; closing it as it is");
  g_clear_pointer (&self->timeout_source, g_source_unref);
  studio_recorder_finish (self);

  return G_SOURCE_REMOVE;
}

static gboolean
studio_recorder_cancelled_cb (GCancellable *cancellable,
                              gpointer      user_data)
{
  StudioRecorder *self = user_data;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  studio_recorder_finish (self);

  return G_SOURCE_REMOVE;
}

void
studio_recorder_begin_stop (StudioRecorder *self)
{
  g_assert (self->state == STUDIO_RECORDER_RECORDING || self->state == STUDIO_RECORDER_PAUSED);

  self->eos_sent = studio_recorder_send_eos (self);
  studio_recorder_set_state (self, STUDIO_RECORDER_STOPPING);

  /* Without EOS on its way the file is closed from the main loop, after
   * whatever the caller does next (emitting "failed", say).
   */
  if (self->timeout_source == NULL)
    self->timeout_source = studio_recorder_attach (self,
                                                   self->eos_sent
                                                   ? g_timeout_source_new (STOP_TIMEOUT_MS)
                                                   : g_idle_source_new (),
                                                   studio_recorder_stop_timeout_cb);
}

static void
studio_recorder_dispose (GObject *object)
{
  StudioRecorder *self = (StudioRecorder *)object;

  /* The file is finished even when the recorder is dropped mid-recording. */
  studio_recorder_stop_now (self);

  g_clear_object (&self->device);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (studio_recorder_parent_class)->dispose (object);
}

static void
studio_recorder_finalize (GObject *object)
{
  StudioRecorder *self = (StudioRecorder *)object;

  g_clear_pointer (&self->description, g_free);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (studio_recorder_parent_class)->finalize (object);
}

static void
studio_recorder_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StudioRecorder *self = STUDIO_RECORDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ELAPSED_US:
      g_value_set_int64 (value, studio_recorder_get_elapsed_us (self));
      break;

    case PROP_BYTES_WRITTEN:
      g_value_set_uint64 (value, studio_recorder_get_bytes_written (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_recorder_class_init (StudioRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_recorder_dispose;
  object_class->finalize = studio_recorder_finalize;
  object_class->get_property = studio_recorder_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STUDIO_TYPE_RECORDER_STATE,
                       STUDIO_RECORDER_IDLE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_ELAPSED_US] =
    g_param_spec_int64 ("elapsed-us", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BYTES_WRITTEN] =
    g_param_spec_uint64 ("bytes-written", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioRecorder::level:
   * @self: the recorder
   * @rms_db: the loudness of the last 50 ms, in dBFS
   * @peak_db: the loudest sample of the last 50 ms, in dBFS
   *
   * Emitted about every 50 ms while recording, for a level meter.
   */
  signals[LEVEL] =
    g_signal_new ("level",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * StudioRecorder::failed:
   * @self: the recorder
   * @error: a %STUDIO_MEDIA_ERROR saying what went wrong
   *
   * Emitted when recording cannot go on. The recording then stops by
   * itself, keeping what was captured; #StudioRecorder::stopped follows.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * StudioRecorder::stopped:
   * @self: the recorder
   *
   * Emitted once the file is closed, after a stop or a failure.
   */
  signals[STOPPED] =
    g_signal_new ("stopped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
studio_recorder_init (StudioRecorder *self)
{
  g_mutex_init (&self->lock);
  self->first_pts = GST_CLOCK_TIME_NONE;
  self->last_end = GST_CLOCK_TIME_NONE;
  self->loudest_db = -G_MAXDOUBLE;
}

/**
 * studio_recorder_new:
 *
 * Returns: (transfer full): a recorder for the system's default input
 */
StudioRecorder *
studio_recorder_new (void)
{
  return g_object_new (STUDIO_TYPE_RECORDER, NULL);
}

/**
 * studio_recorder_set_device:
 * @self: a #StudioRecorder
 * @device: (nullable): the input to record from, or %NULL for the system's default
 *
 * Chooses the input the next recording comes from.
 */
void
studio_recorder_set_device (StudioRecorder    *self,
                            StudioAudioDevice *device)
{
  g_return_if_fail (STUDIO_IS_RECORDER (self));
  g_return_if_fail (device == NULL || STUDIO_IS_AUDIO_DEVICE (device));

  g_set_object (&self->device, device);
}

/**
 * studio_recorder_set_source_description:
 * @self: a #StudioRecorder
 * @description: (nullable): a gst-launch description of a source bin
 *
 * Records from @description (“audiotestsrc is-live=true”) instead of a
 * device: for tests and benchmarks. %NULL goes back to the device.
 */
void
studio_recorder_set_source_description (StudioRecorder *self,
                                        const char     *description)
{
  g_return_if_fail (STUDIO_IS_RECORDER (self));

  g_free (self->description);
  self->description = g_strdup (description);
}

/**
 * studio_recorder_start:
 * @self: a #StudioRecorder
 * @file: a local file to write, replaced if it exists
 * @error: the return location for a %STUDIO_MEDIA_ERROR
 *
 * Starts recording into @file, written as the sound comes. Signals are
 * emitted on the thread-default main context of the caller. A device that
 * fails after this returned is told by #StudioRecorder::failed.
 *
 * Returns: whether recording started
 */
gboolean
studio_recorder_start (StudioRecorder  *self,
                       GFile           *file,
                       GError         **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  const char *path;

  g_return_val_if_fail (STUDIO_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->state == STUDIO_RECORDER_IDLE, FALSE);

  if (!studio_media_init (error))
    return FALSE;

  if ((path = g_file_peek_path (file)) == NULL)
    {
      g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE,
                           _("Recordings can only be saved in a local folder."));
      return FALSE;
    }

  g_set_object (&self->file, file);
  g_clear_error (&self->error);
  self->eos_sent = FALSE;
  g_mutex_lock (&self->lock);
  self->first_pts = GST_CLOCK_TIME_NONE;
  self->last_end = GST_CLOCK_TIME_NONE;
  self->bytes_written = 0;
  g_mutex_unlock (&self->lock);
  self->loudest_db = -G_MAXDOUBLE;
  self->notified_elapsed_us = 0;
  self->notified_bytes = 0;

  if ((pipeline = studio_recorder_make_pipeline (self, path, error)) == NULL)
    {
      self->source = self->queue = self->level = NULL;
      return FALSE;
    }

  bus = gst_element_get_bus (pipeline);

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          g_debug ("Recording could not start: %s", gst_error->message);
          /* A source that cannot open for no reason it names is a
           * microphone that is not there (or a sound server that is not).
           */
          if (studio_recorder_is_from_source (self, GST_MESSAGE_SRC (message)) &&
              gst_error->domain == GST_RESOURCE_ERROR &&
              gst_error->code == GST_RESOURCE_ERROR_FAILED)
            g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_DEVICE,
                                 _("Recording could not start. The microphone could not be "
                                   "opened; check that it is plugged in."));
          else
            g_propagate_error (error,
                               studio_media_error_from_gst (gst_error,
                                                            _("Recording could not start.")));
        }
      else
        g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_DEVICE,
                             _("Recording could not start. The microphone could not be "
                               "opened; check that it is plugged in."));

      gst_element_set_state (pipeline, GST_STATE_NULL);
      self->source = self->queue = self->level = NULL;
      return FALSE;
    }

  self->pipeline = g_steal_pointer (&pipeline);
  self->context = g_main_context_ref_thread_default ();
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (studio_recorder_bus_cb), self, NULL);
  g_source_attach (self->bus_source, self->context);
  self->tick_source = studio_recorder_attach (self, g_timeout_source_new (TICK_INTERVAL_MS),
                                              studio_recorder_tick_cb);
  studio_recorder_watch_device (self);

  studio_recorder_set_state (self, STUDIO_RECORDER_RECORDING);

  return TRUE;
}

/**
 * studio_recorder_pause:
 * @self: a #StudioRecorder
 *
 * Stops capturing for a while, keeping the file open. Does nothing unless
 * recording.
 */
void
studio_recorder_pause (StudioRecorder *self)
{
  g_return_if_fail (STUDIO_IS_RECORDER (self));

  if (self->state != STUDIO_RECORDER_RECORDING)
    return;

  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  studio_recorder_set_state (self, STUDIO_RECORDER_PAUSED);
}

/**
 * studio_recorder_resume:
 * @self: a #StudioRecorder
 *
 * Goes on capturing after studio_recorder_pause(), with no gap in the file.
 */
void
studio_recorder_resume (StudioRecorder *self)
{
  g_return_if_fail (STUDIO_IS_RECORDER (self));

  if (self->state != STUDIO_RECORDER_PAUSED)
    return;

  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  studio_recorder_set_state (self, STUDIO_RECORDER_RECORDING);
}

/**
 * studio_recorder_stop_async:
 * @self: a #StudioRecorder
 * @cancellable: (nullable): cancels waiting for the end to be written
 * @callback: called once the file is closed
 * @user_data: data for @callback
 *
 * Stops recording and writes the end of the file. Succeeds at once when
 * not recording. Cancelling closes the file without waiting.
 */
void
studio_recorder_stop_async (StudioRecorder      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STUDIO_IS_RECORDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_recorder_stop_async);

  if (self->state == STUDIO_RECORDER_IDLE)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->stop_tasks == NULL)
    self->stop_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->stop_tasks, g_steal_pointer (&task));

  if (cancellable != NULL && self->cancel_source == NULL)
    self->cancel_source = studio_recorder_attach (self, g_cancellable_source_new (cancellable),
                                                  G_SOURCE_FUNC (studio_recorder_cancelled_cb));

  if (self->state != STUDIO_RECORDER_STOPPING)
    studio_recorder_begin_stop (self);
}

/**
 * studio_recorder_stop_finish:
 * @self: a #StudioRecorder
 * @result: the result given to the callback
 * @error: the return location for %G_IO_ERROR_CANCELLED
 *
 * Finishes studio_recorder_stop_async(). The file is closed even when this
 * fails; a recording that failed on its way was told by #StudioRecorder::failed.
 *
 * Returns: whether the file was finished
 */
gboolean
studio_recorder_stop_finish (StudioRecorder  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (STUDIO_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_recorder_stop_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * studio_recorder_stop_now:
 * @self: a #StudioRecorder
 *
 * Stops recording and writes the end of the file before returning, waiting
 * at most about two seconds: for closing a window or quitting.
 */
void
studio_recorder_stop_now (StudioRecorder *self)
{
  g_autoptr(GstBus) bus = NULL;
  gint64 deadline;

  g_return_if_fail (STUDIO_IS_RECORDER (self));

  if (self->pipeline == NULL)
    return;

  if (self->state != STUDIO_RECORDER_STOPPING)
    studio_recorder_begin_stop (self);

  if (!self->eos_sent)
    {
      studio_recorder_finish (self);
      return;
    }

  /* The bus is read here, not by the watch, until the end is written. */
  studio_recorder_clear_source (&self->bus_source);
  bus = gst_element_get_bus (self->pipeline);
  deadline = g_get_monotonic_time () + STOP_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      g_autoptr(GstMessage) message = NULL;
      gint64 now = g_get_monotonic_time ();

      if (now >= deadline)
        {
          g_message ("The end of the recording did not reach the file in time; "
                     "closing it as it is");
          break;
        }

      message = gst_bus_timed_pop_filtered (bus, (deadline - now) * GST_USECOND,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
        break;
      if (!studio_recorder_is_from_source (self, GST_MESSAGE_SRC (message)))
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          g_debug ("The end of the recording could not be written: %s", gst_error->message);
          if (self->error == NULL)
            {
              self->error = studio_recorder_translate_error (self, gst_error, FALSE);
              g_signal_emit (self, signals[FAILED], 0, self->error);
            }
          break;
        }
    }

  studio_recorder_finish (self);
}

/**
 * studio_recorder_get_state:
 * @self: a #StudioRecorder
 *
 * Returns: what the recorder is doing
 */
StudioRecorderState
studio_recorder_get_state (StudioRecorder *self)
{
  g_return_val_if_fail (STUDIO_IS_RECORDER (self), STUDIO_RECORDER_IDLE);

  return self->state;
}

/**
 * studio_recorder_get_file:
 * @self: a #StudioRecorder
 *
 * Returns: (transfer none) (nullable): the file being written, or the last one
 */
GFile *
studio_recorder_get_file (StudioRecorder *self)
{
  g_return_val_if_fail (STUDIO_IS_RECORDER (self), NULL);

  return self->file;
}

/**
 * studio_recorder_get_elapsed_us:
 * @self: a #StudioRecorder
 *
 * Returns: how much sound the recording holds, pauses left out
 */
gint64
studio_recorder_get_elapsed_us (StudioRecorder *self)
{
  gint64 elapsed = 0;

  g_return_val_if_fail (STUDIO_IS_RECORDER (self), 0);

  g_mutex_lock (&self->lock);
  if (self->first_pts != GST_CLOCK_TIME_NONE && self->last_end != GST_CLOCK_TIME_NONE)
    elapsed = GST_TIME_AS_USECONDS (self->last_end - self->first_pts);
  g_mutex_unlock (&self->lock);

  return elapsed;
}

/**
 * studio_recorder_get_bytes_written:
 * @self: a #StudioRecorder
 *
 * Returns: how large the file is so far
 */
guint64
studio_recorder_get_bytes_written (StudioRecorder *self)
{
  guint64 bytes;

  g_return_val_if_fail (STUDIO_IS_RECORDER (self), 0);

  g_mutex_lock (&self->lock);
  bytes = self->bytes_written;
  g_mutex_unlock (&self->lock);

  return bytes;
}

/**
 * studio_recorder_get_loudest_db:
 * @self: a #StudioRecorder
 *
 * The loudest peak of the whole recording, for refusing a silent one.
 *
 * Returns: the peak in dBFS (0 is full scale, -120 is the floor), or
 *   -%G_MAXDOUBLE before any sound came
 */
double
studio_recorder_get_loudest_db (StudioRecorder *self)
{
  g_return_val_if_fail (STUDIO_IS_RECORDER (self), -G_MAXDOUBLE);

  return self->loudest_db;
}
