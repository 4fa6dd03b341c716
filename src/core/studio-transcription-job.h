/* studio-transcription-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-client.h"
#include "studio-model.h"
#include "studio-transcript.h"
#include "studio-transcription-request.h"

G_BEGIN_DECLS

/**
 * STUDIO_TRANSCRIPTION_MAX_IN_FLIGHT:
 *
 * How many pieces of a split file are uploaded at once.
 */
#define STUDIO_TRANSCRIPTION_MAX_IN_FLIGHT 3

/**
 * STUDIO_TRANSCRIPTION_PROMPT_TAIL:
 *
 * How many characters of a piece's text lead the prompt of the next one.
 */
#define STUDIO_TRANSCRIPTION_PROMPT_TAIL 224

/**
 * StudioTranscriptionPhase:
 * @STUDIO_TRANSCRIPTION_PHASE_IDLE: not started, or over
 * @STUDIO_TRANSCRIPTION_PHASE_UPLOADING: audio is being sent
 * @STUDIO_TRANSCRIPTION_PHASE_WAITING: all audio sent, no answer yet
 * @STUDIO_TRANSCRIPTION_PHASE_RECEIVING: streamed text is arriving
 *
 * What a transcription is doing.
 */
typedef enum
{
  STUDIO_TRANSCRIPTION_PHASE_IDLE,
  STUDIO_TRANSCRIPTION_PHASE_UPLOADING,
  STUDIO_TRANSCRIPTION_PHASE_WAITING,
  STUDIO_TRANSCRIPTION_PHASE_RECEIVING,
} StudioTranscriptionPhase;

#define STUDIO_TYPE_TRANSCRIPTION_JOB (studio_transcription_job_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptionJob, studio_transcription_job, STUDIO, TRANSCRIPTION_JOB, GObject)

StudioTranscriptionJob   *studio_transcription_job_new             (StudioClient                     *client,
                                                                    StudioModel                      *model,
                                                                    const StudioTranscriptionOptions *options);
void                      studio_transcription_job_add_piece       (StudioTranscriptionJob           *self,
                                                                    GFile                            *file,
                                                                    double                            start,
                                                                    StudioTranscript                 *done);
guint                     studio_transcription_job_get_n_pieces    (StudioTranscriptionJob           *self);
guint                     studio_transcription_job_get_n_done      (StudioTranscriptionJob           *self);
StudioTranscript         *studio_transcription_job_get_piece       (StudioTranscriptionJob           *self,
                                                                    guint                             index);
StudioTranscript         *studio_transcription_job_get_live        (StudioTranscriptionJob           *self);
StudioTranscriptionPhase  studio_transcription_job_get_phase       (StudioTranscriptionJob           *self);
guint64                   studio_transcription_job_get_bytes_sent  (StudioTranscriptionJob           *self);
guint64                   studio_transcription_job_get_bytes_total (StudioTranscriptionJob           *self);
StudioTranscript         *studio_transcription_job_dup_transcript  (StudioTranscriptionJob           *self);
void                      studio_transcription_job_run_async       (StudioTranscriptionJob           *self,
                                                                    GCancellable                     *cancellable,
                                                                    GAsyncReadyCallback               callback,
                                                                    gpointer                          user_data);
gboolean                  studio_transcription_job_run_finish      (StudioTranscriptionJob           *self,
                                                                    GAsyncResult                     *result,
                                                                    GError                          **error);

G_END_DECLS
