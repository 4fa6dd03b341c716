/* studio-audio-encode.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/**
 * STUDIO_AUDIO_BITRATE:
 *
 * The bits per second of every file the app encodes: mono Opus for speech.
 */
#define STUDIO_AUDIO_BITRATE 32000

/**
 * STUDIO_AUDIO_RATE:
 *
 * The sample rate audio is encoded at (Opus's own).
 */
#define STUDIO_AUDIO_RATE 48000

/**
 * STUDIO_AUDIO_MIME_TYPE:
 *
 * The MIME type of the files the app encodes.
 */
#define STUDIO_AUDIO_MIME_TYPE "audio/ogg"

GstElement *studio_audio_encoder_new      (const char *name,
                                           GError    **error);
guint64     studio_audio_estimate_bytes   (gint64      duration_us);

G_END_DECLS
