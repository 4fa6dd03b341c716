/* studio-transcript-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-transcript-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIPT_HISTORY (studio_transcript_history_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptHistory, studio_transcript_history,
                      STUDIO, TRANSCRIPT_HISTORY, GtkBox)

GtkWidget             *studio_transcript_history_new          (void);
StudioTranscriptStore *studio_transcript_history_get_store    (StudioTranscriptHistory *self);
void                   studio_transcript_history_set_store    (StudioTranscriptHistory *self,
                                                               StudioTranscriptStore   *store);
void                   studio_transcript_history_reload       (StudioTranscriptHistory *self);
void                   studio_transcript_history_select       (StudioTranscriptHistory *self,
                                                               gint64                   id);
gint64                 studio_transcript_history_get_selected (StudioTranscriptHistory *self);
GListModel            *studio_transcript_history_get_records  (StudioTranscriptHistory *self);

G_END_DECLS
