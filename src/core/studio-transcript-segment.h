/* studio-transcript-segment.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIPT_SEGMENT (studio_transcript_segment_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptSegment, studio_transcript_segment,
                      STUDIO, TRANSCRIPT_SEGMENT, GObject)

StudioTranscriptSegment *studio_transcript_segment_new         (double                   start,
                                                                double                   end,
                                                                const char              *speaker,
                                                                const char              *text);
double                   studio_transcript_segment_get_start   (StudioTranscriptSegment *self);
double                   studio_transcript_segment_get_end     (StudioTranscriptSegment *self);
const char              *studio_transcript_segment_get_speaker (StudioTranscriptSegment *self);
void                     studio_transcript_segment_set_speaker (StudioTranscriptSegment *self,
                                                                const char              *speaker);
const char              *studio_transcript_segment_get_text    (StudioTranscriptSegment *self);
void                     studio_transcript_segment_set_text    (StudioTranscriptSegment *self,
                                                                const char              *text);
gboolean                 studio_transcript_segment_get_edited  (StudioTranscriptSegment *self);
void                     studio_transcript_segment_set_edited  (StudioTranscriptSegment *self,
                                                                gboolean                 edited);

G_END_DECLS
