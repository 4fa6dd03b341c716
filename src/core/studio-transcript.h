/* studio-transcript.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-transcript-segment.h"

G_BEGIN_DECLS

/**
 * StudioTranscriptFormat:
 * @STUDIO_TRANSCRIPT_FORMAT_TXT: plain text, a paragraph per segment
 * @STUDIO_TRANSCRIPT_FORMAT_SRT: SubRip subtitles
 * @STUDIO_TRANSCRIPT_FORMAT_VTT: WebVTT subtitles, speakers as voice tags
 * @STUDIO_TRANSCRIPT_FORMAT_JSON: the app's own JSON, which keeps everything
 *
 * The formats a transcript exports to.
 */
typedef enum
{
  STUDIO_TRANSCRIPT_FORMAT_TXT,
  STUDIO_TRANSCRIPT_FORMAT_SRT,
  STUDIO_TRANSCRIPT_FORMAT_VTT,
  STUDIO_TRANSCRIPT_FORMAT_JSON,
} StudioTranscriptFormat;

#define STUDIO_TYPE_TRANSCRIPT (studio_transcript_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscript, studio_transcript, STUDIO, TRANSCRIPT, GObject)

StudioTranscript *studio_transcript_new             (void);
GListModel       *studio_transcript_get_segments    (StudioTranscript *self);
void              studio_transcript_add_segment     (StudioTranscript        *self,
                                                     StudioTranscriptSegment *segment);
char             *studio_transcript_dup_text        (StudioTranscript *self);
void              studio_transcript_set_text        (StudioTranscript *self,
                                                     const char       *text);
gboolean          studio_transcript_has_timestamps  (StudioTranscript *self);
const char       *studio_transcript_get_language    (StudioTranscript *self);
void              studio_transcript_set_language    (StudioTranscript *self,
                                                     const char       *language);
double            studio_transcript_get_duration    (StudioTranscript *self);
void              studio_transcript_set_duration    (StudioTranscript *self,
                                                     double            duration);
JsonObject       *studio_transcript_get_usage       (StudioTranscript *self);
void              studio_transcript_set_usage       (StudioTranscript *self,
                                                     JsonObject       *usage);
GStrv             studio_transcript_dup_speakers    (StudioTranscript *self);
guint             studio_transcript_rename_speaker  (StudioTranscript *self,
                                                     const char       *from,
                                                     const char       *to);
int               studio_transcript_find_segment    (StudioTranscript *self,
                                                     double            time);
void              studio_transcript_append          (StudioTranscript *self,
                                                     StudioTranscript *piece,
                                                     double            offset);
gboolean          studio_transcript_is_empty        (StudioTranscript *self);
void              studio_transcript_append_delta    (StudioTranscript *self,
                                                     const char       *delta);
void              studio_transcript_set_done        (StudioTranscript *self,
                                                     gboolean          done);

/* studio-transcript-parse.c */
StudioTranscript *studio_transcript_parse_json      (JsonNode         *answer,
                                                     GError          **error);
StudioTranscript *studio_transcript_parse_text      (const char       *response_format,
                                                     const char       *text,
                                                     GError          **error);
gboolean          studio_transcript_apply_event     (StudioTranscript *self,
                                                     const char       *type,
                                                     JsonNode         *data,
                                                     GError          **error);
gboolean          studio_transcript_get_done        (StudioTranscript *self);

/* studio-transcript-export.c */
char             *studio_transcript_export          (StudioTranscript       *self,
                                                     StudioTranscriptFormat  format);
char             *studio_transcript_to_json         (StudioTranscript *self);
StudioTranscript *studio_transcript_new_from_json   (const char       *json,
                                                     GError          **error);

G_END_DECLS
