/* studio-audio-envelope.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * STUDIO_AUDIO_ENVELOPE_STEP_US:
 *
 * How much audio each value of an envelope covers: 100 ms.
 */
#define STUDIO_AUDIO_ENVELOPE_STEP_US (100 * G_TIME_SPAN_MILLISECOND)

/**
 * STUDIO_AUDIO_ENVELOPE_SILENT_DB:
 *
 * Below this loudness (dBFS) a whole file counts as silence.
 */
#define STUDIO_AUDIO_ENVELOPE_SILENT_DB (-50.0)

/**
 * StudioAudioEnvelope:
 *
 * The loudness of a file over time: one RMS level in dBFS for every
 * %STUDIO_AUDIO_ENVELOPE_STEP_US of audio. Reference counted.
 */
typedef struct _StudioAudioEnvelope StudioAudioEnvelope;

#define STUDIO_TYPE_AUDIO_ENVELOPE (studio_audio_envelope_get_type ())

GType                studio_audio_envelope_get_type        (void) G_GNUC_CONST;
StudioAudioEnvelope *studio_audio_envelope_new             (void);
StudioAudioEnvelope *studio_audio_envelope_ref             (StudioAudioEnvelope       *self);
void                 studio_audio_envelope_unref           (StudioAudioEnvelope       *self);
void                 studio_audio_envelope_append          (StudioAudioEnvelope       *self,
                                                            double                     rms_db);
guint                studio_audio_envelope_get_n_values    (const StudioAudioEnvelope *self);
double               studio_audio_envelope_get_value       (const StudioAudioEnvelope *self,
                                                            guint                      index);
gint64               studio_audio_envelope_get_duration_us (const StudioAudioEnvelope *self);
double               studio_audio_envelope_get_loudest_db  (const StudioAudioEnvelope *self);
gboolean             studio_audio_envelope_is_silent       (const StudioAudioEnvelope *self);
GArray              *studio_audio_split_plan               (const StudioAudioEnvelope *self,
                                                            guint64                    file_bytes,
                                                            guint64                    max_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioAudioEnvelope, studio_audio_envelope_unref)

G_END_DECLS
