/* studio-transcription-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-model.h"
#include "studio-request.h"

G_BEGIN_DECLS

/**
 * STUDIO_TRANSCRIPTION_MAX_BYTES:
 *
 * The largest file the transcription service takes.
 */
#define STUDIO_TRANSCRIPTION_MAX_BYTES (25 * 1024 * 1024)

/**
 * StudioTranscriptionOptions:
 * @response_format: (nullable): "json" (the default when %NULL), "text",
 *   "srt", "verbose_json", "vtt" or "diarized_json"
 * @language: (nullable): the language of the audio as an ISO-639-1 code,
 *   such as "en"; %NULL lets the model detect it
 * @prompt: (nullable): text to guide the style, or the words before the audio
 * @temperature: between 0 and 1; sent only when above 0, the server's default
 * @timestamp_granularities: (nullable) (array zero-terminated=1): "word"
 *   and/or "segment"; needs @response_format "verbose_json"
 *
 * The optional fields of a transcription request, as named in
 * CreateTranscriptionRequest. A zeroed struct asks for the defaults.
 */
typedef struct
{
  const char         *response_format;
  const char         *language;
  const char         *prompt;
  double              temperature;
  const char * const *timestamp_granularities;
} StudioTranscriptionOptions;

StudioModel   *studio_transcription_pick_model       (GListModel                       *models);
StudioRequest *studio_transcription_request_new      (StudioModel                      *model,
                                                      GFile                            *file,
                                                      const char                       *format,
                                                      GError                          **error);
StudioRequest *studio_transcription_request_new_full (StudioModel                      *model,
                                                      GFile                            *file,
                                                      const StudioTranscriptionOptions *options,
                                                      GError                          **error);
char          *studio_transcription_parse_text       (JsonNode                         *response,
                                                      GError                          **error);

G_END_DECLS
