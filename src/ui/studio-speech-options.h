/* studio-speech-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-speech-request.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_OPTIONS (studio_speech_options_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechOptions, studio_speech_options,
                      STUDIO, SPEECH_OPTIONS, GtkBox)

GtkWidget            *studio_speech_options_new          (void);
StudioContext        *studio_speech_options_get_context  (StudioSpeechOptions        *self);
void                  studio_speech_options_set_context  (StudioSpeechOptions        *self,
                                                          StudioContext              *context);
StudioModel          *studio_speech_options_get_model    (StudioSpeechOptions        *self);
StudioSpeechSettings *studio_speech_options_dup_settings (StudioSpeechOptions        *self);
void                  studio_speech_options_apply        (StudioSpeechOptions        *self,
                                                          const StudioSpeechSettings *settings);
void                  studio_speech_options_save_preset  (StudioSpeechOptions        *self,
                                                          const char                 *name);

G_END_DECLS
