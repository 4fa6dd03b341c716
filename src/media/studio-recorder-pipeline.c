/* studio-recorder-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-recorder"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-audio-encode.h"
#include "studio-media-error.h"
#include "studio-recorder-private.h"

/* The recorder's pipeline and what it says: making the source (a device or
 * a description), the queue, level, encoder and filesink after it, and the
 * pad probes that count what was captured and what was written; sending
 * the EOS that finishes the file; then reading the pipeline's bus (levels,
 * errors, the end) and the device monitor's (a chosen microphone that went
 * away), turning GStreamer's errors into what a user reads.
 */

/* Levels are floored here: digital silence is minus infinity. */
#define MIN_DB (-120.0)

#define LEVEL_INTERVAL_NS (50 * GST_MSECOND)

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

/* Builds source ! queue ! level ! encoder ! filesink into @path and keeps
 * the source, queue and level, borrowed, in @self.
 */
GstElement *
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

/* Sends EOS past the source, so the encoder writes its last pages whatever
 * the source is doing. A paused pipeline is set playing, since its sink
 * posts EOS only then; the source's next buffer is refused.
 */
gboolean
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

/* Whether @object is the source or one of its children (in a bin). */
gboolean
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
GError *
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
      studio_recorder_emit_failed (self);
    }
  else
    {
      studio_recorder_emit_failed (self);
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
  studio_recorder_emit_failed (self);
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

/* Watches the chosen device for its removal. Without a device provider
 * the recording simply goes without.
 */
void
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
  studio_recorder_emit_level (self, rms_db, peak_db);
}

/* The pipeline's bus watch, on the context of the caller of start(). */
gboolean
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
