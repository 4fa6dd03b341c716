/* studio-transcribe-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-model.h"
#include "studio-transcript-store.h"
#include "studio-transcription-request.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIBE_OPTIONS (studio_transcribe_options_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscribeOptions, studio_transcribe_options,
                      STUDIO, TRANSCRIBE_OPTIONS, GtkBox)

GtkWidget  *studio_transcribe_options_new          (void);
void        studio_transcribe_options_set_model    (StudioTranscribeOptions    *self,
                                                    StudioModel                *model);
void        studio_transcribe_options_set_store    (StudioTranscribeOptions    *self,
                                                    StudioTranscriptStore      *store);
void        studio_transcribe_options_get          (StudioTranscribeOptions    *self,
                                                    StudioTranscriptionOptions *options);
JsonObject *studio_transcribe_options_to_json      (StudioTranscribeOptions    *self);
void        studio_transcribe_options_load_json    (StudioTranscribeOptions    *self,
                                                    JsonObject                 *settings);
void        studio_transcribe_options_set_translation_available
                                                   (StudioTranscribeOptions    *self,
                                                    gboolean                    available,
                                                    const char                 *note);
GPtrArray  *studio_transcribe_options_dup_speakers (StudioTranscribeOptions    *self);

G_END_DECLS
