/* studio-transcript-record.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StudioTranscriptState:
 * @STUDIO_TRANSCRIPT_STATE_AUDIO: the audio is kept, not transcribed yet
 * @STUDIO_TRANSCRIPT_STATE_TRANSCRIBING: pieces are being sent
 * @STUDIO_TRANSCRIPT_STATE_COMPLETE: every piece is transcribed
 * @STUDIO_TRANSCRIPT_STATE_PARTIAL: some pieces are transcribed, not all
 * @STUDIO_TRANSCRIPT_STATE_FAILED: the last attempt failed; see the error
 *
 * What became of a transcript's audio. The names kept in the database are
 * the enum's nicks: "audio", "transcribing", "complete", "partial" and
 * "failed".
 */
typedef enum
{
  STUDIO_TRANSCRIPT_STATE_AUDIO,
  STUDIO_TRANSCRIPT_STATE_TRANSCRIBING,
  STUDIO_TRANSCRIPT_STATE_COMPLETE,
  STUDIO_TRANSCRIPT_STATE_PARTIAL,
  STUDIO_TRANSCRIPT_STATE_FAILED,
} StudioTranscriptState;

#define STUDIO_TYPE_TRANSCRIPT_STATE (studio_transcript_state_get_type ())

GType studio_transcript_state_get_type (void) G_GNUC_CONST;

/* Where the audio came from, as the `source` column says it. */
#define STUDIO_TRANSCRIPT_SOURCE_RECORDING "recording"
#define STUDIO_TRANSCRIPT_SOURCE_IMPORT    "import"

#define STUDIO_TYPE_TRANSCRIPT_RECORD (studio_transcript_record_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptRecord, studio_transcript_record,
                      STUDIO, TRANSCRIPT_RECORD, GObject)

StudioTranscriptRecord *studio_transcript_record_new            (void);
StudioTranscriptRecord *studio_transcript_record_copy           (StudioTranscriptRecord *self);
GFile                  *studio_transcript_record_dup_audio_file (StudioTranscriptRecord *self,
                                                                 const char             *folder);

gint64                studio_transcript_record_get_id            (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_id            (StudioTranscriptRecord *self,
                                                                  gint64                  id);
gint64                studio_transcript_record_get_created       (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_created       (StudioTranscriptRecord *self,
                                                                  gint64                  created);
gint64                studio_transcript_record_get_updated       (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_updated       (StudioTranscriptRecord *self,
                                                                  gint64                  updated);
const char           *studio_transcript_record_get_title         (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_title         (StudioTranscriptRecord *self,
                                                                  const char             *title);
const char           *studio_transcript_record_get_source        (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_source        (StudioTranscriptRecord *self,
                                                                  const char             *source);
const char           *studio_transcript_record_get_original_name (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_original_name (StudioTranscriptRecord *self,
                                                                  const char             *name);
const char           *studio_transcript_record_get_audio_path    (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_audio_path    (StudioTranscriptRecord *self,
                                                                  const char             *path);
gint64                studio_transcript_record_get_audio_size    (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_audio_size    (StudioTranscriptRecord *self,
                                                                  gint64                  size);
gint64                studio_transcript_record_get_duration_us   (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_duration_us   (StudioTranscriptRecord *self,
                                                                  gint64                  duration);
const char           *studio_transcript_record_get_model         (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_model         (StudioTranscriptRecord *self,
                                                                  const char             *model);
const char           *studio_transcript_record_get_options       (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_options       (StudioTranscriptRecord *self,
                                                                  const char             *options);
StudioTranscriptState studio_transcript_record_get_state         (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_state         (StudioTranscriptRecord *self,
                                                                  StudioTranscriptState   state);
const char           *studio_transcript_record_get_error         (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_error         (StudioTranscriptRecord *self,
                                                                  const char             *error);
const char           *studio_transcript_record_get_transcript    (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_transcript    (StudioTranscriptRecord *self,
                                                                  const char             *json);
const char           *studio_transcript_record_get_pieces        (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_pieces        (StudioTranscriptRecord *self,
                                                                  const char             *pieces);
const char           *studio_transcript_record_get_usage         (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_usage         (StudioTranscriptRecord *self,
                                                                  const char             *usage);
gboolean              studio_transcript_record_get_cost          (StudioTranscriptRecord *self,
                                                                  double                 *cost);
void                  studio_transcript_record_set_cost          (StudioTranscriptRecord *self,
                                                                  double                  cost);
const char           *studio_transcript_record_get_text          (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_text          (StudioTranscriptRecord *self,
                                                                  const char             *text);
gint64                studio_transcript_record_get_deleted       (StudioTranscriptRecord *self);
void                  studio_transcript_record_set_deleted       (StudioTranscriptRecord *self,
                                                                  gint64                  deleted);

const char *studio_transcript_state_to_string   (StudioTranscriptState  state);
gboolean    studio_transcript_state_from_string (const char            *text,
                                                 StudioTranscriptState *state);

G_END_DECLS
