/* studio-audio-split.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StudioAudioPiece:
 * @file: the piece, mono Opus in Ogg
 * @start_us: where it starts in the whole
 * @end_us: where it ends in the whole
 * @size: its size in bytes
 *
 * One piece of a file too large to upload at once.
 */
typedef struct
{
  GFile   *file;
  gint64   start_us;
  gint64   end_us;
  guint64  size;
} StudioAudioPiece;

#define STUDIO_TYPE_AUDIO_PIECE (studio_audio_piece_get_type ())

GType             studio_audio_piece_get_type (void) G_GNUC_CONST;
StudioAudioPiece *studio_audio_piece_new      (GFile                  *file,
                                               gint64                  start_us,
                                               gint64                  end_us,
                                               guint64                 size);
StudioAudioPiece *studio_audio_piece_copy     (const StudioAudioPiece *self);
void              studio_audio_piece_free     (StudioAudioPiece       *self);

void              studio_audio_split_async    (GFile                  *input,
                                               GArray                 *cuts,
                                               GFile                  *folder,
                                               const char             *basename,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
GPtrArray        *studio_audio_split_finish   (GAsyncResult           *result,
                                               GError                **error);
void              studio_audio_cut_async      (GFile                  *input,
                                               gint64                  start_us,
                                               gint64                  end_us,
                                               GFile                  *output,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean          studio_audio_cut_finish     (GAsyncResult           *result,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioAudioPiece, studio_audio_piece_free)

G_END_DECLS
