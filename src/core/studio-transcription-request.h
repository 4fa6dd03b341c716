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
 * STUDIO_TRANSCRIPTION_MAX_SPEAKERS:
 *
 * The most known speakers a diarizing model takes, unless its family says
 * otherwise ("max_items" of known_speaker_names).
 */
#define STUDIO_TRANSCRIPTION_MAX_SPEAKERS 4

/**
 * StudioTranscriptionOptions:
 * @response_format: (nullable): "json" (the default when %NULL), "text",
 *   "srt", "verbose_json", "vtt" or "diarized_json"; one that the model's
 *   family cannot return is refused
 * @language: (nullable): the language of the audio as an ISO-639-1 code,
 *   such as "en"; %NULL lets the model detect it
 * @prompt: (nullable): text to guide the style, or the words before the audio
 * @temperature: between 0 and 1; sent only when above 0, the server's default
 * @timestamp_granularities: (nullable) (array zero-terminated=1): "word"
 *   and/or "segment"; needs @response_format "verbose_json"
 * @languages: (nullable) (array zero-terminated=1): the languages the audio
 *   may be in (gpt-transcribe), sent as `languages[]`
 * @keywords: (nullable) (array zero-terminated=1): words or phrases to
 *   guide the transcription (gpt-transcribe), sent as `keywords[]`
 * @include: (nullable) (array zero-terminated=1): "logprobs", sent as
 *   `include[]`; needs @response_format "json"
 * @stream: whether to ask for a stream of events, where the family streams;
 *   send the request with studio_client_stream_events_async() then
 * @chunking_strategy: (nullable): "auto", for the families that take it;
 *   the caller decides (diarizing families need it for audio over 30 s)
 * @known_speaker_names: (nullable) (array zero-terminated=1): at most
 *   %STUDIO_TRANSCRIPTION_MAX_SPEAKERS names of known speakers
 * @known_speaker_references: (nullable) (array zero-terminated=1): a clip
 *   of each of them as a data: URL (see
 *   studio_transcription_speaker_reference_new()), as many as the names
 * @translate: POST /audio/translations (into English) instead
 * @filename: (nullable): the name sent for the file part; %NULL sends the
 *   file's basename
 *
 * The optional fields of a transcription request, as named in
 * CreateTranscriptionRequest and CreateTranslationRequest. A zeroed struct
 * asks for the defaults. What the model's family does not take is left out
 * when it is empty or the default, and refused when it was asked for.
 */
typedef struct
{
  const char         *response_format;
  const char         *language;
  const char         *prompt;
  double              temperature;
  const char * const *timestamp_granularities;
  const char * const *languages;
  const char * const *keywords;
  const char * const *include;
  gboolean            stream;
  const char         *chunking_strategy;
  const char * const *known_speaker_names;
  const char * const *known_speaker_references;
  gboolean            translate;
  const char         *filename;
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

char     *studio_transcription_speaker_reference_new (GBytes      *clip,
                                                      const char  *mime_type);
GStrv     studio_transcription_dup_formats           (StudioModel *model,
                                                      gboolean     translate);
gboolean  studio_transcription_takes                 (StudioModel *model,
                                                      const char  *parameter);
gboolean  studio_transcription_format_is_json        (const char  *response_format);

G_END_DECLS
