/* studio-speech-text-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-speech-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_TEXT_VIEW (studio_speech_text_view_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechTextView, studio_speech_text_view,
                      STUDIO, SPEECH_TEXT_VIEW, AdwBin)

GtkWidget           *studio_speech_text_view_new         (void);
StudioSpeechSession *studio_speech_text_view_get_session (StudioSpeechTextView *self);
void                 studio_speech_text_view_set_session (StudioSpeechTextView *self,
                                                          StudioSpeechSession  *session);
char                *studio_speech_text_view_dup_text    (StudioSpeechTextView *self);
void                 studio_speech_text_view_set_text    (StudioSpeechTextView *self,
                                                          const char           *text);
GtkTextBuffer       *studio_speech_text_view_get_buffer  (StudioSpeechTextView *self);
gboolean             studio_speech_text_view_get_highlighted (StudioSpeechTextView *self,
                                                              int                  *start,
                                                              int                  *end);

G_END_DECLS
