/* studio-speech-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-model.h"
#include "studio-request.h"

G_BEGIN_DECLS

/* The output formats of POST /audio/speech. */
#define STUDIO_SPEECH_FORMAT_DEFAULT "mp3"

/* Raw "pcm" is 24 kHz, 16-bit signed little-endian, mono. */
#define STUDIO_SPEECH_PCM_RATE     24000
#define STUDIO_SPEECH_PCM_CHANNELS 1

/**
 * StudioSpeechSettings:
 * @model: the model id, or %NULL for the first one the catalog lists
 * @voice: a built-in voice name of the model's family
 * @custom_voice: (nullable): a custom voice id ("voice_1234"); when set
 *   it is sent as `{"id": …}` in place of @voice
 * @instructions: (nullable): how to speak, for families that take them
 * @format: the `response_format`: "mp3", "opus", "aac", "flac", "wav"
 *   or "pcm"
 * @speed: 0.25 to 4.0
 * @stream_sse: ask for `stream_format: "sse"` where the family takes it
 *
 * What the user chose in the Speech workspace; Read Aloud in Chat uses
 * the same.
 */
typedef struct
{
  char     *model;
  char     *voice;
  char     *custom_voice;
  char     *instructions;
  char     *format;
  double    speed;
  gboolean  stream_sse;
} StudioSpeechSettings;

/**
 * StudioSpeechUsage:
 * @input_tokens: -1 when the server did not say
 * @output_tokens: -1 when the server did not say
 * @total_tokens: -1 when the server did not say
 *
 * The `usage` of a streamed (SSE) speech answer.
 */
typedef struct
{
  gint64 input_tokens;
  gint64 output_tokens;
  gint64 total_tokens;
} StudioSpeechUsage;

#define STUDIO_TYPE_SPEECH_SETTINGS (studio_speech_settings_get_type ())

GType                 studio_speech_settings_get_type       (void) G_GNUC_CONST;
StudioSpeechSettings *studio_speech_settings_new            (void);
StudioSpeechSettings *studio_speech_settings_copy           (const StudioSpeechSettings *self);
void                  studio_speech_settings_free           (StudioSpeechSettings       *self);
StudioSpeechSettings *studio_speech_settings_new_from_gsettings (GSettings              *settings);
void                  studio_speech_settings_save           (const StudioSpeechSettings *self,
                                                             GSettings                  *settings);
JsonNode             *studio_speech_settings_to_json        (const StudioSpeechSettings *self);
StudioSpeechSettings *studio_speech_settings_new_from_json  (JsonNode                   *node);
gboolean              studio_speech_settings_uses_sse       (const StudioSpeechSettings *self,
                                                             StudioModel                *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioSpeechSettings, studio_speech_settings_free)

const char  *studio_speech_format_get_extension (const char *format);
const char  *studio_speech_format_get_mime_type (const char *format);
GStrv        studio_speech_model_dup_voices     (StudioModel *model);
GStrv        studio_speech_model_dup_formats    (StudioModel *model);

StudioRequest *studio_speech_request_new    (StudioModel                *model,
                                             const StudioSpeechSettings *settings,
                                             const char                 *input,
                                             GError                    **error);
gboolean       studio_speech_content_type_is_audio (const char *content_type);
GBytes        *studio_speech_event_parse    (const char                 *event,
                                             JsonNode                   *data,
                                             gboolean                   *done,
                                             StudioSpeechUsage          *usage,
                                             GError                    **error);

G_END_DECLS
