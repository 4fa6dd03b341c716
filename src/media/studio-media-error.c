/* studio-media-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-media-error.h"

G_DEFINE_QUARK (studio-media-error-quark, studio_media_error)

/**
 * studio_media_init:
 * @error: the return location for why GStreamer could not start
 *
 * Starts GStreamer once for the process; later calls return at once.
 *
 * Returns: whether GStreamer is ready
 */
gboolean
studio_media_init (GError **error)
{
  static gsize started;
  static gboolean ok;
  static GError *start_error;

  if (g_once_init_enter (&started))
    {
      ok = gst_init_check (NULL, NULL, &start_error);
      g_once_init_leave (&started, 1);
    }

  if (!ok)
    {
      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                   _("GStreamer could not start: %s"), start_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * studio_media_error_from_gst:
 * @gst_error: an error a GStreamer element posted
 * @what: (nullable): what was being done, as a sentence (“Recording stopped.”)
 *
 * Turns a GStreamer error into a %STUDIO_MEDIA_ERROR a user can act on.
 *
 * Returns: (transfer full): the error
 */
GError *
studio_media_error_from_gst (const GError *gst_error,
                             const char   *what)
{
  StudioMediaError code = STUDIO_MEDIA_ERROR_FAILED;
  const char *advice = NULL;

  g_return_val_if_fail (gst_error != NULL, NULL);

  if (gst_error->domain == GST_RESOURCE_ERROR)
    {
      switch (gst_error->code)
        {
        case GST_RESOURCE_ERROR_NOT_FOUND:
          code = STUDIO_MEDIA_ERROR_NO_DEVICE;
          advice = _("No audio device was found.");
          break;
        case GST_RESOURCE_ERROR_BUSY:
          code = STUDIO_MEDIA_ERROR_DEVICE_BUSY;
          advice = _("The device is in use by another program.");
          break;
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
          code = STUDIO_MEDIA_ERROR_PERMISSION;
          advice = _("The system did not allow access to the device; check the privacy settings.");
          break;
        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_READ:
          code = STUDIO_MEDIA_ERROR_DEVICE_LOST;
          advice = _("The device could not be read; it may have been unplugged.");
          break;
        case GST_RESOURCE_ERROR_OPEN_WRITE:
        case GST_RESOURCE_ERROR_WRITE:
        case GST_RESOURCE_ERROR_NO_SPACE_LEFT:
          code = STUDIO_MEDIA_ERROR_WRITE;
          advice = _("The file could not be written; check that the disk has space.");
          break;
        default:
          break;
        }
    }
  else if (gst_error->domain == GST_STREAM_ERROR)
    {
      switch (gst_error->code)
        {
        case GST_STREAM_ERROR_CODEC_NOT_FOUND:
          code = STUDIO_MEDIA_ERROR_MISSING_PLUGIN;
          advice = _("GStreamer has no decoder for this format.");
          break;
        case GST_STREAM_ERROR_WRONG_TYPE:
        case GST_STREAM_ERROR_TYPE_NOT_FOUND:
          code = STUDIO_MEDIA_ERROR_NOT_AUDIO;
          advice = _("This is not an audio or video file.");
          break;
        case GST_STREAM_ERROR_DECODE:
        case GST_STREAM_ERROR_DEMUX:
        case GST_STREAM_ERROR_FORMAT:
          code = STUDIO_MEDIA_ERROR_CORRUPT;
          advice = _("The file is damaged or cut short.");
          break;
        default:
          break;
        }
    }
  else if (gst_error->domain == GST_CORE_ERROR &&
           gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    {
      code = STUDIO_MEDIA_ERROR_MISSING_PLUGIN;
      advice = _("A GStreamer plugin this needs is not installed.");
    }

  if (what != NULL && advice != NULL)
    return g_error_new (STUDIO_MEDIA_ERROR, code, "%s %s", what, advice);
  if (advice != NULL)
    return g_error_new_literal (STUDIO_MEDIA_ERROR, code, advice);
  if (what != NULL)
    return g_error_new (STUDIO_MEDIA_ERROR, code, "%s %s", what, gst_error->message);
  return g_error_new_literal (STUDIO_MEDIA_ERROR, code, gst_error->message);
}

/**
 * studio_media_make_element:
 * @factory: a GStreamer element factory name
 * @name: (nullable): the element's name
 * @error: the return location for a %STUDIO_MEDIA_ERROR_MISSING_PLUGIN
 *
 * Makes an element, naming the missing plugin when it cannot.
 *
 * Returns: (transfer floating) (nullable): the element
 */
GstElement *
studio_media_make_element (const char  *factory,
                           const char  *name,
                           GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, name);

  if (element == NULL)
    g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                 _("The GStreamer element “%s” is not installed."), factory);
  return element;
}
