/* studio-media-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define STUDIO_MEDIA_ERROR (studio_media_error_quark ())

/**
 * StudioMediaError:
 * @STUDIO_MEDIA_ERROR_NO_DEVICE: there is no microphone to record from
 * @STUDIO_MEDIA_ERROR_DEVICE_BUSY: the input device is used by another program
 * @STUDIO_MEDIA_ERROR_DEVICE_LOST: the input device went away while recording
 * @STUDIO_MEDIA_ERROR_PERMISSION: the system refused access to the device
 * @STUDIO_MEDIA_ERROR_NOT_AUDIO: the file holds no audio
 * @STUDIO_MEDIA_ERROR_CORRUPT: the file is damaged or cut short
 * @STUDIO_MEDIA_ERROR_MISSING_PLUGIN: GStreamer lacks what decodes or encodes it
 * @STUDIO_MEDIA_ERROR_SILENT: the audio is empty or holds only silence
 * @STUDIO_MEDIA_ERROR_NO_OUTPUT: there is no audio output to play to
 * @STUDIO_MEDIA_ERROR_WRITE: the file could not be written (a full disk, say)
 * @STUDIO_MEDIA_ERROR_FAILED: anything else
 *
 * What went wrong with audio. Every message is a sentence a user can read.
 */
typedef enum
{
  STUDIO_MEDIA_ERROR_NO_DEVICE,
  STUDIO_MEDIA_ERROR_DEVICE_BUSY,
  STUDIO_MEDIA_ERROR_DEVICE_LOST,
  STUDIO_MEDIA_ERROR_PERMISSION,
  STUDIO_MEDIA_ERROR_NOT_AUDIO,
  STUDIO_MEDIA_ERROR_CORRUPT,
  STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
  STUDIO_MEDIA_ERROR_SILENT,
  STUDIO_MEDIA_ERROR_NO_OUTPUT,
  STUDIO_MEDIA_ERROR_WRITE,
  STUDIO_MEDIA_ERROR_FAILED,
} StudioMediaError;

GQuark    studio_media_error_quark    (void);
gboolean  studio_media_init           (GError       **error);
GError   *studio_media_error_from_gst (const GError  *gst_error,
                                       const char    *what);
GstElement *studio_media_make_element (const char    *factory,
                                       const char    *name,
                                       GError       **error);

G_END_DECLS
