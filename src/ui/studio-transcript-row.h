/* studio-transcript-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-transcript.h"
#include "studio-transcript-segment.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIPT_ROW (studio_transcript_row_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptRow, studio_transcript_row, STUDIO, TRANSCRIPT_ROW, GtkBox)

GtkWidget               *studio_transcript_row_new         (void);
void                     studio_transcript_row_bind        (StudioTranscriptRow     *self,
                                                            StudioTranscript        *transcript,
                                                            StudioTranscriptSegment *segment);
void                     studio_transcript_row_unbind      (StudioTranscriptRow     *self);
StudioTranscriptSegment *studio_transcript_row_get_segment (StudioTranscriptRow     *self);
gboolean                 studio_transcript_row_get_playing (StudioTranscriptRow     *self);
void                     studio_transcript_row_set_playing (StudioTranscriptRow     *self,
                                                            gboolean                 playing);
gboolean                 studio_transcript_row_is_editing  (StudioTranscriptRow     *self);
gboolean                 studio_transcript_row_commit      (StudioTranscriptRow     *self);

char                    *studio_transcript_row_format_time (double                   seconds);

G_END_DECLS
