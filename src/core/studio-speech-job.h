/* studio-speech-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-client.h"
#include "studio-model.h"
#include "studio-speech-request.h"

G_BEGIN_DECLS

/**
 * STUDIO_SPEECH_JOB_AHEAD:
 *
 * How many pieces past the one playing are fetched before the listener
 * gets there.
 */
#define STUDIO_SPEECH_JOB_AHEAD 2

#define STUDIO_TYPE_SPEECH_JOB (studio_speech_job_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechJob, studio_speech_job, STUDIO, SPEECH_JOB, GObject)

StudioSpeechJob *studio_speech_job_new               (StudioClient               *client,
                                                      StudioModel                *model,
                                                      const StudioSpeechSettings *settings);
guint            studio_speech_job_add_piece         (StudioSpeechJob            *self,
                                                      const char                 *text,
                                                      GFile                      *file);
void             studio_speech_job_close             (StudioSpeechJob            *self);
guint            studio_speech_job_get_n_pieces      (StudioSpeechJob            *self);
void             studio_speech_job_set_playing_piece (StudioSpeechJob            *self,
                                                      guint                       index);
gboolean         studio_speech_job_get_piece_done    (StudioSpeechJob            *self,
                                                      guint                       index);
guint64          studio_speech_job_get_piece_bytes   (StudioSpeechJob            *self,
                                                      guint                       index);
const char      *studio_speech_job_get_format        (StudioSpeechJob            *self);
void             studio_speech_job_run_async         (StudioSpeechJob            *self,
                                                      GCancellable               *cancellable,
                                                      GAsyncReadyCallback         callback,
                                                      gpointer                    user_data);
gboolean         studio_speech_job_run_finish        (StudioSpeechJob            *self,
                                                      GAsyncResult               *result,
                                                      GError                    **error);

G_END_DECLS
