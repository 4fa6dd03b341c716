/* studio-speech-controls.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-speech-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_CONTROLS (studio_speech_controls_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechControls, studio_speech_controls,
                      STUDIO, SPEECH_CONTROLS, GtkBox)

GtkWidget           *studio_speech_controls_new         (void);
StudioSpeechSession *studio_speech_controls_get_session (StudioSpeechControls *self);
void                 studio_speech_controls_set_session (StudioSpeechControls *self,
                                                         StudioSpeechSession  *session);

G_END_DECLS
