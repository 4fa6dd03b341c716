/* studio-speech-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-request"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-settings.h"
#include "studio-speech-request.h"
#include "studio-speech-text.h"

/* Builds POST /audio/speech (CreateSpeechRequest, which takes no other
 * member) from the user's speech settings, and reads the events of a
 * streamed (SSE) answer.
 *
 * What a model takes comes from its family in model-families.json:
 * instructions and stream_format go only to families that take them, so
 * that the same settings serve every model; a voice or a speed the family
 * refuses is refused here, naming it, before anything is sent.
 */

typedef struct
{
  const char *format;
  const char *extension;
  const char *mime_type;
} SpeechFormat;

/* The formats of CreateSpeechRequest's response_format: the one place
 * their files are named and typed.
 */
static const SpeechFormat speech_formats[] = {
  { "mp3",  "mp3",  "audio/mpeg" },
  { "opus", "opus", "audio/ogg" },
  { "aac",  "aac",  "audio/aac" },
  { "flac", "flac", "audio/flac" },
  { "wav",  "wav",  "audio/wav" },
  { "pcm",  "pcm",  "audio/pcm" },
};

/* VoiceIdsShared and the voices the guide lists, for a model of no
 * family we know.
 */
static const char * const default_voices[] = {
  "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx",
  "sage", "shimmer", "verse", "marin", "cedar", NULL
};

#define MIN_SPEED 0.25
#define MAX_SPEED 4.0

G_DEFINE_BOXED_TYPE (StudioSpeechSettings, studio_speech_settings,
                     studio_speech_settings_copy, studio_speech_settings_free)

/**
 * studio_speech_settings_new:
 *
 * Returns: (transfer full): the defaults: alloy, MP3, normal speed
 */
StudioSpeechSettings *
studio_speech_settings_new (void)
{
  StudioSpeechSettings *self = g_new0 (StudioSpeechSettings, 1);

  self->voice = g_strdup ("alloy");
  self->format = g_strdup (STUDIO_SPEECH_FORMAT_DEFAULT);
  self->speed = 1.0;

  return self;
}

StudioSpeechSettings *
studio_speech_settings_copy (const StudioSpeechSettings *self)
{
  StudioSpeechSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (StudioSpeechSettings, 1);
  copy->model = g_strdup (self->model);
  copy->voice = g_strdup (self->voice);
  copy->custom_voice = g_strdup (self->custom_voice);
  copy->instructions = g_strdup (self->instructions);
  copy->format = g_strdup (self->format);
  copy->speed = self->speed;
  copy->stream_sse = self->stream_sse;

  return copy;
}

void
studio_speech_settings_free (StudioSpeechSettings *self)
{
  if (self == NULL)
    return;

  g_free (self->model);
  g_free (self->voice);
  g_free (self->custom_voice);
  g_free (self->instructions);
  g_free (self->format);
  g_free (self);
}

static char *
dup_setting (GSettings  *settings,
             const char *key)
{
  char *value = g_settings_get_string (settings, key);

  if (value[0] == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

/**
 * studio_speech_settings_new_from_gsettings:
 * @settings: the application's settings
 *
 * Returns: (transfer full): the speech settings the user chose last
 */
StudioSpeechSettings *
studio_speech_settings_new_from_gsettings (GSettings *settings)
{
  StudioSpeechSettings *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_new0 (StudioSpeechSettings, 1);
  self->model = dup_setting (settings, STUDIO_SETTING_SPEECH_MODEL);
  self->voice = dup_setting (settings, STUDIO_SETTING_SPEECH_VOICE);
  self->custom_voice = dup_setting (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE);
  self->instructions = dup_setting (settings, STUDIO_SETTING_SPEECH_INSTRUCTIONS);
  self->format = dup_setting (settings, STUDIO_SETTING_SPEECH_FORMAT);
  self->speed = g_settings_get_double (settings, STUDIO_SETTING_SPEECH_SPEED);
  self->stream_sse = g_settings_get_boolean (settings, STUDIO_SETTING_SPEECH_STREAM_SSE);

  if (self->voice == NULL)
    self->voice = g_strdup ("alloy");
  if (self->format == NULL)
    self->format = g_strdup (STUDIO_SPEECH_FORMAT_DEFAULT);

  return self;
}

/**
 * studio_speech_settings_save:
 * @self: speech settings
 * @settings: the application's settings
 *
 * Keeps @self as the user's choice, for the Speech workspace and Read
 * Aloud alike.
 */
void
studio_speech_settings_save (const StudioSpeechSettings *self,
                             GSettings                  *settings)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_delay (settings);
  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_MODEL, self->model ? self->model : "");
  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_VOICE, self->voice ? self->voice : "alloy");
  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE,
                         self->custom_voice ? self->custom_voice : "");
  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_INSTRUCTIONS,
                         self->instructions ? self->instructions : "");
  if (studio_speech_format_get_extension (self->format) != NULL)
    g_settings_set_string (settings, STUDIO_SETTING_SPEECH_FORMAT, self->format);
  g_settings_set_double (settings, STUDIO_SETTING_SPEECH_SPEED,
                         CLAMP (self->speed, MIN_SPEED, MAX_SPEED));
  g_settings_set_boolean (settings, STUDIO_SETTING_SPEECH_STREAM_SSE, self->stream_sse);
  g_settings_apply (settings);
}

/**
 * studio_speech_settings_to_json:
 * @self: speech settings
 *
 * Returns: (transfer full): @self as a JSON object, for the history
 */
JsonNode *
studio_speech_settings_to_json (const StudioSpeechSettings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
#define ADD_STRING(name, value) \
  if ((value) != NULL) \
    { \
      json_builder_set_member_name (builder, name); \
      json_builder_add_string_value (builder, value); \
    }
  ADD_STRING ("model", self->model);
  ADD_STRING ("voice", self->voice);
  ADD_STRING ("custom_voice", self->custom_voice);
  ADD_STRING ("instructions", self->instructions);
  ADD_STRING ("format", self->format);
#undef ADD_STRING
  json_builder_set_member_name (builder, "speed");
  json_builder_add_double_value (builder, self->speed);
  json_builder_set_member_name (builder, "stream_sse");
  json_builder_add_boolean_value (builder, self->stream_sse);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * studio_speech_settings_new_from_json:
 * @node: what studio_speech_settings_to_json() gave
 *
 * Missing or odd members take their defaults.
 *
 * Returns: (transfer full): the settings
 */
StudioSpeechSettings *
studio_speech_settings_new_from_json (JsonNode *node)
{
  StudioSpeechSettings *self = studio_speech_settings_new ();
  JsonObject *object;
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return self;

  object = json_node_get_object (node);
  self->model = g_strdup (studio_json_get_string (object, "model"));
  if ((value = studio_json_get_string (object, "voice")) != NULL)
    { g_free (self->voice); self->voice = g_strdup (value); }
  self->custom_voice = g_strdup (studio_json_get_string (object, "custom_voice"));
  self->instructions = g_strdup (studio_json_get_string (object, "instructions"));
  if ((value = studio_json_get_string (object, "format")) != NULL &&
      studio_speech_format_get_extension (value) != NULL)
    { g_free (self->format); self->format = g_strdup (value); }
  self->speed = CLAMP (studio_json_get_double (object, "speed", 1.0), MIN_SPEED, MAX_SPEED);
  if (json_object_has_member (object, "stream_sse"))
    self->stream_sse = json_object_get_boolean_member_with_default (object, "stream_sse", FALSE);

  return self;
}

static gboolean
parameter_has_value (StudioModel *model,
                     const char  *parameter,
                     const char  *value)
{
  JsonObject *spec = studio_model_get_parameter (model, parameter);

  return spec != NULL &&
         studio_json_array_has_string (studio_json_get_array (spec, "values"), value);
}

/**
 * studio_speech_settings_uses_sse:
 * @self: speech settings
 * @model: the model they are for
 *
 * Returns: whether @model's answer comes as `speech.audio.delta` events
 */
gboolean
studio_speech_settings_uses_sse (const StudioSpeechSettings *self,
                                 StudioModel                *model)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);

  return self->stream_sse && parameter_has_value (model, "stream_format", "sse");
}

static const SpeechFormat *
lookup_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (speech_formats); i++)
    {
      if (g_strcmp0 (speech_formats[i].format, format) == 0)
        return &speech_formats[i];
    }

  return NULL;
}

/**
 * studio_speech_format_get_extension:
 * @format: a `response_format`
 *
 * Returns: (nullable): the file name extension for @format, or %NULL for
 *   a format the service does not have
 */
const char *
studio_speech_format_get_extension (const char *format)
{
  const SpeechFormat *info = lookup_format (format);

  return info != NULL ? info->extension : NULL;
}

/**
 * studio_speech_format_get_mime_type:
 * @format: a `response_format`
 *
 * Returns: (nullable): the MIME type of @format's files
 */
const char *
studio_speech_format_get_mime_type (const char *format)
{
  const SpeechFormat *info = lookup_format (format);

  return info != NULL ? info->mime_type : NULL;
}

static GStrv
dup_parameter_values (StudioModel        *model,
                      const char         *parameter,
                      const char * const *fallback)
{
  JsonObject *spec = studio_model_get_parameter (model, parameter);
  JsonArray *values = spec != NULL ? studio_json_get_array (spec, "values") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (values == NULL)
    {
      if (studio_model_get_known (model))
        return g_new0 (char *, 1);
      return g_strdupv ((char **) fallback);
    }

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      const char *value = json_array_get_string_element (values, i);

      if (value != NULL)
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_speech_model_dup_voices:
 * @model: a speech model
 *
 * Returns: (transfer full): the built-in voices @model's family has, or
 *   the service's voices for a model of no known family
 */
GStrv
studio_speech_model_dup_voices (StudioModel *model)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);

  return dup_parameter_values (model, "voice", default_voices);
}

/**
 * studio_speech_model_dup_formats:
 * @model: a speech model
 *
 * Returns: (transfer full): the output formats @model's family has
 */
GStrv
studio_speech_model_dup_formats (StudioModel *model)
{
  static const char * const all[] = { "mp3", "opus", "aac", "flac", "wav", "pcm", NULL };

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);

  return dup_parameter_values (model, "response_format", all);
}

static gboolean
model_takes (StudioModel *model,
             const char  *parameter)
{
  return !studio_model_get_known (model) || studio_model_accepts_parameter (model, parameter);
}

/**
 * studio_speech_request_new:
 * @model: the speech model
 * @settings: the voice and options
 * @input: the text, at most %STUDIO_SPEECH_MAX_INPUT_CHARS characters
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): POST /audio/speech, or %NULL with
 *   @error set when @input or a setting cannot be sent
 */
StudioRequest *
studio_speech_request_new (StudioModel                 *model,
                           const StudioSpeechSettings  *settings,
                           const char                  *input,
                           GError                     **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_auto(GStrv) voices = NULL;
  g_auto(GStrv) formats = NULL;
  StudioRequest *request;
  const char *format;
  JsonObject *speed_spec;
  double min_speed = MIN_SPEED, max_speed = MAX_SPEED;
  glong n_chars;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);

  n_chars = g_utf8_strlen (input, -1);
  if (!studio_speech_text_is_speakable (input, -1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to read aloud in this text."));
      return NULL;
    }
  if (n_chars > STUDIO_SPEECH_MAX_INPUT_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("One request takes at most %u characters; this text has %ld."),
                   STUDIO_SPEECH_MAX_INPUT_CHARS, n_chars);
      return NULL;
    }

  voices = studio_speech_model_dup_voices (model);
  if ((settings->custom_voice == NULL || settings->custom_voice[0] == '\0') &&
      (settings->voice == NULL ||
       (studio_model_get_known (model) && voices[0] != NULL &&
        !g_strv_contains ((const char * const *) voices, settings->voice))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The voice “%s” is not one %s has. Choose another voice."),
                   settings->voice ? settings->voice : "", studio_model_get_id (model));
      return NULL;
    }

  format = settings->format != NULL ? settings->format : STUDIO_SPEECH_FORMAT_DEFAULT;
  formats = studio_speech_model_dup_formats (model);
  if (studio_speech_format_get_extension (format) == NULL ||
      (formats[0] != NULL && !g_strv_contains ((const char * const *) formats, format)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s cannot answer in the format “%s”. Choose another format."),
                   studio_model_get_id (model), format);
      return NULL;
    }

  if ((speed_spec = studio_model_get_parameter (model, "speed")) != NULL)
    {
      min_speed = studio_json_get_double (speed_spec, "min", MIN_SPEED);
      max_speed = studio_json_get_double (speed_spec, "max", MAX_SPEED);
    }
  if (settings->speed < min_speed || settings->speed > max_speed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The speed must be between %.2g and %.2g."), min_speed, max_speed);
      return NULL;
    }

  if (settings->instructions != NULL &&
      g_utf8_strlen (settings->instructions, -1) > STUDIO_SPEECH_MAX_INPUT_CHARS &&
      model_takes (model, "instructions"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Instructions take at most %u characters."), STUDIO_SPEECH_MAX_INPUT_CHARS);
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, studio_model_get_id (model));
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);

  json_builder_set_member_name (builder, "voice");
  if (settings->custom_voice != NULL && settings->custom_voice[0] != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, settings->custom_voice);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_string_value (builder, settings->voice);
    }

  if (settings->instructions != NULL && settings->instructions[0] != '\0' &&
      studio_model_accepts_parameter (model, "instructions"))
    {
      json_builder_set_member_name (builder, "instructions");
      json_builder_add_string_value (builder, settings->instructions);
    }

  json_builder_set_member_name (builder, "response_format");
  json_builder_add_string_value (builder, format);

  if (model_takes (model, "speed"))
    {
      json_builder_set_member_name (builder, "speed");
      json_builder_add_double_value (builder, settings->speed);
    }

  if (studio_speech_settings_uses_sse (settings, model))
    {
      json_builder_set_member_name (builder, "stream_format");
      json_builder_add_string_value (builder, "sse");
    }

  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  request = studio_request_new ("POST", "audio/speech");
  studio_request_set_json_body (request, body);

  return request;
}

/**
 * studio_speech_content_type_is_audio:
 * @content_type: (nullable): a response's `Content-Type`, without parameters
 *
 * Returns: whether a response of @content_type holds audio: a proxy's
 *   error page or a JSON error sent with status 200 does not
 */
gboolean
studio_speech_content_type_is_audio (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;

  return g_str_has_prefix (content_type, "audio/") ||
         g_ascii_strcasecmp (content_type, "application/octet-stream") == 0;
}

static gint64
get_usage_int (JsonObject *usage,
               const char *member)
{
  JsonNode *node = json_object_get_member (usage, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  return json_node_get_int (node);
}

/**
 * studio_speech_event_parse:
 * @event: (nullable): the SSE event name
 * @data: the event's JSON
 * @done: (out): set to %TRUE by `speech.audio.done`
 * @usage: (out caller-allocates) (optional): the usage `speech.audio.done`
 *   reports, -1 for what it leaves out
 * @error: return location for an error
 *
 * Reads one event of a streamed speech answer.
 *
 * Returns: (transfer full) (nullable): the audio of a `speech.audio.delta`;
 *   %NULL for other events, or with @error set for a delta without audio
 */
GBytes *
studio_speech_event_parse (const char         *event,
                           JsonNode           *data,
                           gboolean           *done,
                           StudioSpeechUsage  *usage,
                           GError            **error)
{
  JsonObject *object;
  const char *type;
  const char *audio;
  guchar *decoded;
  gsize length;

  g_return_val_if_fail (done != NULL, NULL);

  *done = FALSE;
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED,
                           _("The server sent a speech event that is not a JSON object."));
      return NULL;
    }

  object = json_node_get_object (data);
  type = studio_json_get_string (object, "type");
  if (type == NULL)
    type = event;

  if (g_strcmp0 (type, "speech.audio.done") == 0)
    {
      JsonObject *counts = studio_json_get_object (object, "usage");

      *done = TRUE;
      if (usage != NULL)
        {
          usage->input_tokens = counts ? get_usage_int (counts, "input_tokens") : -1;
          usage->output_tokens = counts ? get_usage_int (counts, "output_tokens") : -1;
          usage->total_tokens = counts ? get_usage_int (counts, "total_tokens") : -1;
        }
      return NULL;
    }

  if (g_strcmp0 (type, "speech.audio.delta") != 0)
    return NULL;

  audio = studio_json_get_string (object, "audio");
  if (audio == NULL)
    {
      g_set_error_literal (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED,
                           _("The server sent a speech event without its audio."));
      return NULL;
    }

  /* g_base64_decode() accepts anything; a well-formed chunk has a length
   * that is a multiple of four and only the base64 alphabet.
   */
  length = strlen (audio);
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (audio[i]) && audio[i] != '+' && audio[i] != '/' && audio[i] != '=')
        length = 1;
    }
  if (length % 4 != 0)
    {
      g_set_error_literal (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED,
                           _("The server sent speech audio that is not valid base64."));
      return NULL;
    }

  decoded = g_base64_decode (audio, &length);

  return g_bytes_new_take (decoded, length);
}
