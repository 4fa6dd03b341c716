/* studio-audio-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <string.h>

#include <gst/pbutils/pbutils.h>
#include <glib/gi18n.h>

#include "studio-audio-probe.h"
#include "studio-media-error.h"

/* What a file the user brought holds, found by GStreamer's discoverer on a
 * worker thread: whether it can be sent as it is, needs converting, or
 * cannot be transcribed at all, and why in words the user can act on.
 */

/* A file GStreamer takes longer than this to look into is given up on. */
#define DISCOVER_TIMEOUT_NS (30 * GST_SECOND)

G_DEFINE_BOXED_TYPE (StudioAudioInfo, studio_audio_info,
                     studio_audio_info_copy, studio_audio_info_free)

/**
 * studio_audio_info_copy:
 * @self: an audio info
 *
 * Returns: (transfer full): a copy of @self
 */
StudioAudioInfo *
studio_audio_info_copy (const StudioAudioInfo *self)
{
  StudioAudioInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->container = g_strdup (self->container);
  copy->codec = g_strdup (self->codec);

  return copy;
}

/**
 * studio_audio_info_free:
 * @self: (transfer full): an audio info
 *
 * Frees @self.
 */
void
studio_audio_info_free (StudioAudioInfo *self)
{
  if (self == NULL)
    return;

  g_free (self->container);
  g_free (self->codec);
  g_free (self);
}

/* The container's MIME type from the caps at the top of the file, named as
 * the upload's content type would be.
 */
static char *
container_type (GstDiscovererStreamInfo *top,
                gboolean                 has_video)
{
  g_autoptr(GstCaps) caps = NULL;
  const char *name;

  /* Tags in front of the stream (ID3, APE) are not its container. */
  while (top != NULL)
    {
      g_clear_pointer (&caps, gst_caps_unref);
      caps = gst_discoverer_stream_info_get_caps (top);
      if (caps == NULL || gst_caps_is_empty (caps))
        return NULL;

      name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
      if (g_strcmp0 (name, "application/x-id3") != 0 &&
          g_strcmp0 (name, "application/x-apetag") != 0)
        break;

      if (GST_IS_DISCOVERER_CONTAINER_INFO (top))
        {
          GstDiscovererContainerInfo *container = GST_DISCOVERER_CONTAINER_INFO (top);
          GList *streams = gst_discoverer_container_info_get_streams (container);
          GstDiscovererStreamInfo *child = streams ? streams->data : NULL;

          /* The list holds the references; the child outlives it here. */
          top = child;
          gst_discoverer_stream_info_list_free (streams);
        }
      else
        {
          top = gst_discoverer_stream_info_get_next (top);
          if (top != NULL)
            g_object_unref (top);
        }
    }

  if (top == NULL || caps == NULL)
    return NULL;

  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (g_strcmp0 (name, "application/ogg") == 0)
    return g_strdup (has_video ? "video/ogg" : "audio/ogg");

  return g_strdup (name);
}

/* The human description of what is missing, from an installer detail
 * string like "gstreamer|1.0|app|MPEG-4 AAC decoder|decoder-audio/mpeg…".
 */
static char *
missing_description (GstDiscovererInfo *info)
{
  /* Owned by @info. */
  const char **details = gst_discoverer_info_get_missing_elements_installer_details (info);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (details[i], "|", 5);

      if (g_strv_length (fields) < 4)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, fields[3]);
    }

  if (names->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static StudioAudioInfo *
info_from_discoverer (GstDiscovererInfo *info)
{
  StudioAudioInfo *self = g_new0 (StudioAudioInfo, 1);
  GList *audio = gst_discoverer_info_get_audio_streams (info);
  GList *video = gst_discoverer_info_get_video_streams (info);
  g_autoptr(GstDiscovererStreamInfo) top = gst_discoverer_info_get_stream_info (info);
  GstDiscovererAudioInfo *first = audio->data;
  g_autoptr(GstCaps) caps = gst_discoverer_stream_info_get_caps ((GstDiscovererStreamInfo *) first);
  GstClockTime duration = gst_discoverer_info_get_duration (info);

  for (GList *l = video; l != NULL; l = l->next)
    {
      if (!gst_discoverer_video_info_is_image (l->data))
        self->has_video = TRUE;
    }

  if (GST_CLOCK_TIME_IS_VALID (duration))
    self->duration_us = (gint64) (duration / GST_USECOND);
  self->container = container_type (top, self->has_video);
  if (caps != NULL && !gst_caps_is_empty (caps))
    self->codec = gst_pb_utils_get_codec_description (caps);
  self->channels = gst_discoverer_audio_info_get_channels (first);
  self->rate = gst_discoverer_audio_info_get_sample_rate (first);

  gst_discoverer_stream_info_list_free (audio);
  gst_discoverer_stream_info_list_free (video);

  return self;
}

/* Whether a RIFF file (WAV) is much shorter than its header says: a
 * download or a copy that stopped part way, which GStreamer reads as a
 * short but whole file. A header that gives no size (0 or all ones, as
 * some recorders that never finish the file leave it) says nothing.
 */
static gboolean
is_cut_short (GFile        *file,
              guint64       file_size,
              GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  guint8 header[12];
  gsize n_read = 0;
  guint32 riff_size;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read,
                                cancellable, NULL) ||
      n_read < sizeof header ||
      memcmp (header, "RIFF", 4) != 0 || memcmp (header + 8, "WAVE", 4) != 0)
    return FALSE;

  riff_size = GST_READ_UINT32_LE (header + 4);
  if (riff_size == 0 || riff_size == G_MAXUINT32)
    return FALSE;

  return file_size < ((guint64) riff_size + 8) * 9 / 10;
}

static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  if (!studio_media_init (&error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gst_pb_utils_init ();

  file_info = g_file_query_info (file,
                                 G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                 G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                 G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (file_info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      name = g_file_get_basename (file);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                                 _("“%s” is no longer there; it may have been moved or "
                                   "deleted."), name);
      else
        g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                                 _("“%s” cannot be read: %s"), name, error->message);
      return;
    }

  name = g_strdup (g_file_info_get_display_name (file_info));
  if (g_file_info_get_size (file_info) == 0)
    {
      g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_SILENT,
                               _("“%s” is empty."), name);
      return;
    }

  discoverer = gst_discoverer_new (DISCOVER_TIMEOUT_NS, &error);
  if (discoverer == NULL)
    {
      g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                               _("“%s” cannot be read: %s"), name, error->message);
      return;
    }

  info = gst_discoverer_discover_uri (discoverer, uri, &error);

  if (g_task_return_error_if_cancelled (task))
    return;

  what = g_strdup_printf (_("“%s” cannot be read."), name);
  switch (info ? gst_discoverer_info_get_result (info) : GST_DISCOVERER_ERROR)
    {
    case GST_DISCOVERER_OK:
      {
        GList *audio = gst_discoverer_info_get_audio_streams (info);
        gboolean has_audio = audio != NULL;

        gst_discoverer_stream_info_list_free (audio);
        if (!has_audio)
          {
            g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO,
                                     _("“%s” holds no audio."), name);
            return;
          }
        if (is_cut_short (file, (guint64) g_file_info_get_size (file_info), cancellable))
          {
            g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                                     _("“%s” is cut short: it holds less audio than it says. "
                                       "Copy or download it again."), name);
            return;
          }
        g_task_return_pointer (task, info_from_discoverer (info),
                               (GDestroyNotify) studio_audio_info_free);
        return;
      }

    case GST_DISCOVERER_MISSING_PLUGINS:
      missing = missing_description (info);
      if (missing != NULL)
        g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                                 _("“%s” cannot be read: GStreamer lacks the %s. Install the "
                                   "GStreamer plugins for it, or convert the file to MP3 or "
                                   "WAV in another app."), name, missing);
      else
        g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                                 _("“%s” cannot be read: GStreamer has no decoder for its "
                                   "format."), name);
      return;

    case GST_DISCOVERER_TIMEOUT:
      g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                               _("“%s” took too long to read; it may be damaged."), name);
      return;

    case GST_DISCOVERER_URI_INVALID:
      g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                               _("“%s” cannot be opened."), name);
      return;

    case GST_DISCOVERER_BUSY:
    case GST_DISCOVERER_ERROR:
    default:
      if (error != NULL)
        g_task_return_error (task, studio_media_error_from_gst (error, what));
      else
        g_task_return_new_error (task, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                                 _("“%s” is damaged or cut short."), name);
      return;
    }
}

/**
 * studio_audio_probe_async:
 * @file: an audio or video file
 * @cancellable: (nullable): a cancellable
 * @callback: called with what @file holds
 * @user_data: for @callback
 *
 * Finds out on a worker thread what @file holds: its length, container and
 * audio codec, and whether there is a video too.
 */
void
studio_audio_probe_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_audio_probe_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, probe_thread);
}

/**
 * studio_audio_probe_finish:
 * @result: the result given to the callback
 * @error: the return location for a %STUDIO_MEDIA_ERROR naming the file:
 *   %STUDIO_MEDIA_ERROR_NOT_AUDIO when it holds no audio,
 *   %STUDIO_MEDIA_ERROR_CORRUPT when it is damaged,
 *   %STUDIO_MEDIA_ERROR_SILENT when it is empty,
 *   %STUDIO_MEDIA_ERROR_MISSING_PLUGIN when GStreamer cannot decode it;
 *   or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): what the file holds
 */
StudioAudioInfo *
studio_audio_probe_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == studio_audio_probe_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
