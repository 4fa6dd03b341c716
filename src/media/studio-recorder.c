/* studio-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-recorder"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "studio-audio-encode.h"
#include "studio-media-error.h"
#include "studio-recorder.h"

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
 */

/* Levels are floored here: digital silence is minus infinity. */
#define MIN_DB (-120.0)

#define LEVEL_INTERVAL_NS (50 * GST_MSECOND)
#define TICK_INTERVAL_MS 100
/* How long the end of the audio may take to reach the file. */
#define STOP_TIMEOUT_MS 2000

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

static void
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

static GstPadProbeReturn
studio_recorder_captured_cb (GstPad          *pad,
                             GstPadProbeInfo *info,
                             gpointer         user_data)
{
  StudioRecorder *self = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstClockTime end;

  if (!GST_BUFFER_PTS_IS_VALID (buffer))
    return GST_PAD_PROBE_OK;

  end = GST_BUFFER_PTS (buffer);
  if (GST_BUFFER_DURATION_IS_VALID (buffer))
    end += GST_BUFFER_DURATION (buffer);

  g_mutex_lock (&self->lock);
  if (self->first_pts == GST_CLOCK_TIME_NONE)
    self->first_pts = GST_BUFFER_PTS (buffer);
  if (self->last_end == GST_CLOCK_TIME_NONE || end > self->last_end)
    self->last_end = end;
  g_mutex_unlock (&self->lock);

  return GST_PAD_PROBE_OK;
}

/* A source that fails before any sound sends EOS by itself; level would
 * divide by a rate of zero on it, and there is nothing to finish.
 */
static GstPadProbeReturn
studio_recorder_early_eos_cb (GstPad          *pad,
                              GstPadProbeInfo *info,
                              gpointer         user_data)
{
  GstEvent *event = GST_PAD_PROBE_INFO_EVENT (info);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && !gst_pad_has_current_caps (pad))
    return GST_PAD_PROBE_DROP;

  return GST_PAD_PROBE_OK;
}

static gboolean
studio_recorder_add_list_size (GstBuffer **buffer,
                               guint       index,
                               gpointer    user_data)
{
  *(gsize *)user_data += gst_buffer_get_size (*buffer);

  return TRUE;
}

static GstPadProbeReturn
studio_recorder_written_cb (GstPad          *pad,
                            GstPadProbeInfo *info,
                            gpointer         user_data)
{
  StudioRecorder *self = user_data;
  gsize size = 0;

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    size = gst_buffer_get_size (GST_PAD_PROBE_INFO_BUFFER (info));
  else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    gst_buffer_list_foreach (GST_PAD_PROBE_INFO_BUFFER_LIST (info),
                             studio_recorder_add_list_size, &size);

  g_mutex_lock (&self->lock);
  self->bytes_written += size;
  g_mutex_unlock (&self->lock);

  return GST_PAD_PROBE_OK;
}

/* Sends EOS past the source, so the encoder writes its last pages whatever
 * the source is doing. A paused pipeline is set playing, since its sink
 * posts EOS only then; the source's next buffer is refused.
 */
static gboolean
studio_recorder_send_eos (StudioRecorder *self)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (self->queue, "sink");
  g_autoptr(GstPad) level_pad = gst_element_get_static_pad (self->level, "sink");

  /* Before any sound there is nothing to finish (see above). */
  if (!gst_pad_has_current_caps (level_pad))
    return FALSE;

  gst_pad_send_event (pad, gst_event_new_eos ());
  if (self->state == STUDIO_RECORDER_PAUSED)
    gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  return TRUE;
}

/* Closes the file and tells everyone: the end of every stop. */
static void
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

static void
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

static gboolean
studio_recorder_is_from_source (StudioRecorder *self,
                                GstObject      *object)
{
  return object != NULL &&
         (object == GST_OBJECT (self->source) ||
          gst_object_has_as_ancestor (object, GST_OBJECT (self->source)));
}

/* Turns what an element posted into what a user reads. A source failing
 * after it captured something is a device that went away.
 */
static GError *
studio_recorder_translate_error (StudioRecorder *self,
                                 const GError   *gst_error,
                                 gboolean        from_source)
{
  g_autoptr(GError) error = NULL;
  gboolean captured;

  error = studio_media_error_from_gst (gst_error, _("Recording stopped."));

  g_mutex_lock (&self->lock);
  captured = self->first_pts != GST_CLOCK_TIME_NONE;
  g_mutex_unlock (&self->lock);

  /* A source that cannot open for no reason it names is a microphone
   * that is not there (or a sound server that is not).
   */
  if (from_source && !captured && gst_error->domain == GST_RESOURCE_ERROR &&
      gst_error->code == GST_RESOURCE_ERROR_FAILED)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_DEVICE,
                           _("Recording stopped. The microphone could not be opened; "
                             "check that it is plugged in."));
    }
  else if (from_source && captured && error->code == STUDIO_MEDIA_ERROR_FAILED)
    {
      g_clear_error (&error);
      g_set_error_literal (&error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_DEVICE_LOST,
                           _("Recording stopped. The microphone stopped sending sound; "
                             "it may have been unplugged. What was recorded until then is kept."));
    }

  return g_steal_pointer (&error);
}

static void
studio_recorder_handle_error (StudioRecorder *self,
                              GstMessage     *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;
  gboolean from_source;

  gst_message_parse_error (message, &gst_error, &debug);
  from_source = studio_recorder_is_from_source (self, GST_MESSAGE_SRC (message));
  g_debug ("Recording error from %s: %s (%s)",
           GST_MESSAGE_SRC_NAME (message), gst_error->message, debug ? debug : "");

  /* Once stopping, the source is done with: what it says no longer matters. */
  if (from_source && self->state == STUDIO_RECORDER_STOPPING)
    return;

  if (self->error != NULL)
    return;

  self->error = studio_recorder_translate_error (self, gst_error, from_source);

  if (from_source)
    {
      /* The rest of the pipeline still works: finish the file. */
      studio_recorder_begin_stop (self);
      g_signal_emit (self, signals[FAILED], 0, self->error);
    }
  else
    {
      g_signal_emit (self, signals[FAILED], 0, self->error);
      studio_recorder_finish (self);
    }
}

static gboolean
studio_recorder_monitor_cb (GstBus     *bus,
                            GstMessage *message,
                            gpointer    user_data)
{
  StudioRecorder *self = user_data;
  g_autoptr(GstDevice) device = NULL;
  g_autoptr(StudioAudioDevice) removed = NULL;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_DEVICE_REMOVED)
    return G_SOURCE_CONTINUE;

  gst_message_parse_device_removed (message, &device);
  removed = studio_audio_device_new_for_gst (device);
  if (self->device == NULL ||
      g_strcmp0 (studio_audio_device_get_id (removed),
                 studio_audio_device_get_id (self->device)) != 0)
    return G_SOURCE_CONTINUE;

  g_debug ("The device %s went away while recording", studio_audio_device_get_id (removed));
  if (self->error != NULL ||
      (self->state != STUDIO_RECORDER_RECORDING && self->state != STUDIO_RECORDER_PAUSED))
    return G_SOURCE_CONTINUE;

  g_object_ref (self);
  self->error = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_DEVICE_LOST,
                             _("Recording stopped. The microphone “%s” was unplugged. "
                               "What was recorded until then is kept."),
                             studio_audio_device_get_name (self->device));
  studio_recorder_begin_stop (self);
  g_signal_emit (self, signals[FAILED], 0, self->error);
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

/* Watches the chosen device for its removal. Without a device provider
 * the recording simply goes without.
 */
static void
studio_recorder_watch_device (StudioRecorder *self)
{
  g_autoptr(GstBus) bus = NULL;

  if (self->device == NULL || self->description != NULL)
    return;

  self->monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (self->monitor, "Audio/Source", NULL);
  bus = gst_device_monitor_get_bus (self->monitor);
  self->monitor_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->monitor_source, G_SOURCE_FUNC (studio_recorder_monitor_cb),
                         self, NULL);
  g_source_attach (self->monitor_source, self->context);

  if (!gst_device_monitor_start (self->monitor))
    {
      studio_recorder_clear_source (&self->monitor_source);
      g_clear_object (&self->monitor);
    }
}

static void
studio_recorder_handle_level (StudioRecorder     *self,
                              const GstStructure *structure)
{
  const GValue *rms_value = gst_structure_get_value (structure, "rms");
  const GValue *peak_value = gst_structure_get_value (structure, "peak");
  double rms_db = MIN_DB;
  double peak_db = MIN_DB;

  if (rms_value == NULL || peak_value == NULL)
    return;

  /* GStreamer 1.22's level still posts GValueArrays. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    GValueArray *rms = g_value_get_boxed (rms_value);
    GValueArray *peak = g_value_get_boxed (peak_value);

    for (guint i = 0; rms != NULL && i < rms->n_values; i++)
      rms_db = MAX (rms_db, g_value_get_double (&rms->values[i]));
    for (guint i = 0; peak != NULL && i < peak->n_values; i++)
      peak_db = MAX (peak_db, g_value_get_double (&peak->values[i]));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* NaN compares false everywhere: keep the floor then. */
  if (!(rms_db >= MIN_DB))
    rms_db = MIN_DB;
  if (!(peak_db >= MIN_DB))
    peak_db = MIN_DB;

  self->loudest_db = MAX (self->loudest_db, peak_db);
  g_signal_emit (self, signals[LEVEL], 0, rms_db, peak_db);
}

static gboolean
studio_recorder_bus_cb (GstBus     *bus,
                        GstMessage *message,
                        gpointer    user_data)
{
  StudioRecorder *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ELEMENT:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->level) &&
          gst_message_has_name (message, "level"))
        studio_recorder_handle_level (self, gst_message_get_structure (message));
      break;

    case GST_MESSAGE_ERROR:
      g_object_ref (self);
      studio_recorder_handle_error (self, message);
      g_object_unref (self);
      break;

    case GST_MESSAGE_EOS:
      studio_recorder_finish (self);
      break;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr(GError) warning = NULL;

        gst_message_parse_warning (message, &warning, NULL);
        g_debug ("Recording warning from %s: %s", GST_MESSAGE_SRC_NAME (message),
                 warning->message);
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static GstElement *
studio_recorder_make_source (StudioRecorder  *self,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  GstElement *source;

  if (self->description != NULL)
    {
      source = gst_parse_bin_from_description (self->description, TRUE, &local_error);
      if (source == NULL)
        g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                     _("The audio source could not be made: %s"), local_error->message);
      return source;
    }

  /* PulseAudio's source, which PipeWire serves too, fails when there is
   * nothing to record from, where autoaudiosrc would quietly fall back to
   * another kind of source and may record nothing at all.
   */
  if (self->device != NULL)
    source = studio_audio_device_create_element (self->device, error);
  else if ((source = gst_element_factory_make ("pulsesrc", NULL)) == NULL)
    source = studio_media_make_element ("autoaudiosrc", NULL, error);

  /* The sound settings list the app by name while it records. */
  if (source != NULL && g_get_application_name () != NULL &&
      g_object_class_find_property (G_OBJECT_GET_CLASS (source), "client-name") != NULL)
    g_object_set (source, "client-name", g_get_application_name (), NULL);

  return source;
}

static GstElement *
studio_recorder_make_pipeline (StudioRecorder  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstPad) level_sink = NULL;
  g_autoptr(GstPad) file_sink = NULL;
  GstElement *source;
  GstElement *queue;
  GstElement *level;
  GstElement *encoder;
  GstElement *sink;

  pipeline = gst_object_ref_sink (gst_pipeline_new ("recorder"));

  if ((source = studio_recorder_make_source (self, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), source);

  if ((queue = studio_media_make_element ("queue", NULL, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), queue);
  if ((level = studio_media_make_element ("level", NULL, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), level);
  if ((encoder = studio_audio_encoder_new (NULL, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), encoder);
  if ((sink = studio_media_make_element ("filesink", NULL, error)) == NULL)
    return NULL;
  gst_bin_add (GST_BIN (pipeline), sink);

  /* A slow disk must not make a live source drop audio. */
  g_object_set (queue,
                "max-size-buffers", 0,
                "max-size-bytes", 0,
                "max-size-time", (guint64) 3 * GST_SECOND,
                NULL);
  g_object_set (level,
                "interval", (guint64) LEVEL_INTERVAL_NS,
                "post-messages", TRUE,
                NULL);
  g_object_set (sink, "location", path, NULL);
  gst_util_set_object_arg (G_OBJECT (sink), "buffer-mode", "unbuffered");

  if (!gst_element_link_many (source, queue, level, encoder, sink, NULL))
    {
      g_set_error_literal (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                           _("The audio source gives no sound that can be recorded."));
      return NULL;
    }

  level_sink = gst_element_get_static_pad (level, "sink");
  gst_pad_add_probe (level_sink, GST_PAD_PROBE_TYPE_BUFFER,
                     studio_recorder_captured_cb, self, NULL);
  gst_pad_add_probe (level_sink, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM,
                     studio_recorder_early_eos_cb, NULL, NULL);
  file_sink = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (file_sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                     studio_recorder_written_cb, self, NULL);

  self->source = source;
  self->queue = queue;
  self->level = level;

  return g_steal_pointer (&pipeline);
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
