/* studio-speech-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-speech-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_PAGE (studio_speech_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechPage, studio_speech_page, STUDIO, SPEECH_PAGE, AdwBin)

void                 studio_speech_page_set_session (StudioSpeechPage    *self,
                                                     StudioSpeechSession *session);
StudioSpeechSession *studio_speech_page_get_session (StudioSpeechPage    *self);

G_END_DECLS
