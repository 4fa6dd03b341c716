/* studio-transcript-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-transcript.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIPT_VIEW (studio_transcript_view_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptView, studio_transcript_view, STUDIO, TRANSCRIPT_VIEW, GtkBox)

GtkWidget        *studio_transcript_view_new            (void);
StudioTranscript *studio_transcript_view_get_transcript (StudioTranscriptView *self);
void              studio_transcript_view_set_transcript (StudioTranscriptView *self,
                                                         StudioTranscript     *transcript);
void              studio_transcript_view_set_time       (StudioTranscriptView *self,
                                                         double                seconds);
int               studio_transcript_view_get_playing    (StudioTranscriptView *self);
void              studio_transcript_view_set_live_text  (StudioTranscriptView *self,
                                                         const char           *text);
gboolean          studio_transcript_view_commit         (StudioTranscriptView *self);

G_END_DECLS
