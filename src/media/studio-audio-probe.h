/* studio-audio-probe.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StudioAudioInfo:
 * @duration_us: the length of the audio, 0 when unknown
 * @container: the MIME type of the container, e.g. "audio/mpeg",
 *   "video/quicktime", "audio/ogg" or "audio/x-wav"
 * @codec: (nullable): a human-readable description of the audio codec
 * @channels: the audio's channels, 0 when unknown
 * @rate: the audio's sample rate, 0 when unknown
 * @has_video: whether the file also holds a video (cover art does not count)
 *
 * What a file holds, as far as transcribing it is concerned.
 */
typedef struct
{
  gint64    duration_us;
  char     *container;
  char     *codec;
  guint     channels;
  guint     rate;
  gboolean  has_video;
} StudioAudioInfo;

#define STUDIO_TYPE_AUDIO_INFO (studio_audio_info_get_type ())

GType            studio_audio_info_get_type (void) G_GNUC_CONST;
StudioAudioInfo *studio_audio_info_copy     (const StudioAudioInfo *self);
void             studio_audio_info_free     (StudioAudioInfo       *self);

void             studio_audio_probe_async   (GFile                 *file,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
StudioAudioInfo *studio_audio_probe_finish  (GAsyncResult          *result,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioAudioInfo, studio_audio_info_free)

G_END_DECLS
