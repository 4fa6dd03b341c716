/* studio-speech-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-speech-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_HISTORY (studio_speech_history_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechHistory, studio_speech_history,
                      STUDIO, SPEECH_HISTORY, GtkBox)

GtkWidget         *studio_speech_history_new          (void);
StudioSpeechStore *studio_speech_history_get_store    (StudioSpeechHistory *self);
void               studio_speech_history_set_store    (StudioSpeechHistory *self,
                                                       StudioSpeechStore   *store);
void               studio_speech_history_reload       (StudioSpeechHistory *self);
void               studio_speech_history_select       (StudioSpeechHistory *self,
                                                       gint64               id);
gint64             studio_speech_history_get_selected (StudioSpeechHistory *self);
GListModel        *studio_speech_history_get_clips    (StudioSpeechHistory *self);

G_END_DECLS
