/* studio-audio-convert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

#include "studio-audio-envelope.h"

G_BEGIN_DECLS

/**
 * StudioAudioProgressFunc:
 * @done_us: how much audio has been handled
 * @total_us: how much there is, 0 when unknown
 * @user_data: the data given with the function
 *
 * Told how far a conversion is, on the caller's main context.
 */
typedef void (*StudioAudioProgressFunc) (gint64   done_us,
                                         gint64   total_us,
                                         gpointer user_data);

void                 studio_audio_convert_async  (GFile                    *input,
                                                  GFile                    *output,
                                                  StudioAudioProgressFunc   progress,
                                                  gpointer                  progress_data,
                                                  GDestroyNotify            progress_destroy,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
StudioAudioEnvelope *studio_audio_convert_finish (GAsyncResult             *result,
                                                  GError                  **error);

GstElement          *studio_audio_decoder_new    (GFile                    *input,
                                                  GError                  **error);
char                *studio_audio_display_name   (GFile                    *file);

G_END_DECLS
