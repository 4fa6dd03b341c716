/* studio-transcription-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcription-request"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-mime.h"
#include "studio-transcription-request.h"
#include "studio-utils.h"

/* Builds POST /audio/transcriptions (or /audio/translations), a multipart
 * form with the audio file and the fields of CreateTranscriptionRequest (or
 * CreateTranslationRequest). The file's type is sniffed from its bytes and
 * sent as the part's Content-Type, so the service knows the format even
 * when the file name has no extension. Files the service would refuse (not
 * audio, over 25 MB) are refused here first, with a message that names the
 * file, so nothing is uploaded in vain.
 *
 * What a model takes comes from its family in model-families.json: an
 * option the family does not take is left out when it is empty, and
 * refused when the caller asked for it, so that a choice the user made is
 * never dropped without a word. Arrays go out as the field repeated, with
 * "[]" after its name.
 */

/* Every format AudioResponseFormat has, and those of CreateTranslationRequest. */
static const char * const response_formats[] = {
  "json", "text", "srt", "verbose_json", "vtt", "diarized_json", NULL
};

static const char * const translation_formats[] = {
  "json", "text", "srt", "verbose_json", "vtt", NULL
};

/* The options CreateTranslationRequest takes besides the file, the model
 * and the response format.
 */
static const char * const translation_options[] = { "prompt", "temperature", NULL };

/**
 * studio_transcription_pick_model:
 * @models: (element-type StudioModel): the models the server offers
 *
 * Picks the model for a plain transcription: the first transcription model
 * without the "diarization" capability. Diarizing models need a chunking
 * strategy and answer in another shape, so they are left for a workspace
 * that asks for speakers.
 *
 * Returns: (transfer none) (nullable): the model, which stays valid while
 *   @models holds it, or %NULL when the server offers none
 */
StudioModel *
studio_transcription_pick_model (GListModel *models)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (models), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) candidate = g_list_model_get_item (models, i);

      if (studio_model_get_kind (candidate) == STUDIO_MODEL_KIND_TRANSCRIPTION &&
          !studio_model_has_capability (candidate, "diarization"))
        return candidate;
    }

  return NULL;
}

/* The reasons a file cannot be sent, in the order the Chat page gave them. */
static char *
check_file (StudioModel  *model,
            GFile        *file,
            GError      **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mime_type = NULL;

  if (model == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” cannot be transcribed: the server offers no transcription model."),
                   name);
      return NULL;
    }

  /* The reason GIO gives names the path, not what to do: the code is kept. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            &local_error);
  if (info != NULL && g_file_info_get_size (info) > STUDIO_TRANSCRIPTION_MAX_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("“%s” is larger than 25 MB, the most the transcription service takes."), name);
      return NULL;
    }

  if (info == NULL || !(mime_type = studio_mime_sniff_file (file, NULL, &local_error)))
    {
      g_debug ("Cannot read %s: %s", name, local_error->message);
      g_set_error (error, local_error->domain, local_error->code, _("“%s” cannot be read."), name);
      return NULL;
    }

  if (!studio_mime_is_audio (mime_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not audio, so it cannot be transcribed."), name);
      return NULL;
    }

  return g_steal_pointer (&mime_type);
}

/**
 * studio_transcription_takes:
 * @model: a transcription model
 * @parameter: "languages", "keywords", "prompt", "timestamp_granularities",
 *   "include", "stream", "known_speakers", "chunking_strategy",
 *   "translate", "temperature", "language" or another parameter of
 *   CreateTranscriptionRequest
 *
 * Whether the model's family takes @parameter, so that the UI offers only
 * what will be sent. "stream" and "translate" are capabilities of the
 * family; "known_speakers" means both `known_speaker_names` and
 * `known_speaker_references`.
 *
 * Returns: whether requests for @model may set @parameter
 */
gboolean
studio_transcription_takes (StudioModel *model,
                            const char  *parameter)
{
  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  if (g_str_equal (parameter, "stream"))
    return studio_model_has_capability (model, "stream");
  if (g_str_equal (parameter, "translate"))
    return studio_model_has_capability (model, "translation");
  if (g_str_equal (parameter, "known_speakers"))
    return studio_model_accepts_parameter (model, "known_speaker_names") &&
           studio_model_accepts_parameter (model, "known_speaker_references");

  return studio_model_accepts_parameter (model, parameter);
}

/**
 * studio_transcription_dup_formats:
 * @model: a transcription model
 * @translate: for POST /audio/translations rather than a transcription
 *
 * The response formats the model's family returns, in the rules file's
 * order. A family that names none returns "json", the server's default;
 * one that does not translate returns nothing when @translate is set.
 *
 * Returns: (transfer full): the formats, a %NULL-terminated array
 */
GStrv
studio_transcription_dup_formats (StudioModel *model,
                                  gboolean     translate)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *known = translate ? translation_formats : response_formats;
  JsonObject *rule;
  JsonArray *values;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);

  if (translate && !studio_model_has_capability (model, "translation"))
    return g_strv_builder_end (builder);

  rule = studio_model_get_parameter (model, "response_format");
  values = studio_json_get_array (rule, translate ? "translation_values" : "values");
  if (values == NULL && translate)
    values = studio_json_get_array (rule, "values");

  if (rule == NULL)
    g_strv_builder_add (builder, "json");

  /* Only what the API knows, whatever a user's rules file says. */
  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      const char *value = json_node_get_string (json_array_get_element (values, i));

      if (value != NULL && g_strv_contains (known, value))
        g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_transcription_format_is_json:
 * @response_format: (nullable): a response format
 *
 * Returns: whether the answer in @response_format is JSON: "json" (also
 *   for %NULL, the default), "verbose_json" or "diarized_json"; "text",
 *   "srt" and "vtt" come back as plain text
 */
gboolean
studio_transcription_format_is_json (const char *response_format)
{
  return response_format == NULL ||
         g_str_equal (response_format, "json") ||
         g_str_equal (response_format, "verbose_json") ||
         g_str_equal (response_format, "diarized_json");
}

/**
 * studio_transcription_speaker_reference_new:
 * @clip: a short recording of one speaker, 2 to 10 seconds
 * @mime_type: its type, such as "audio/ogg"
 *
 * Returns: (transfer full): @clip as a data: URL, for
 *   StudioTranscriptionOptions.known_speaker_references
 */
char *
studio_transcription_speaker_reference_new (GBytes     *clip,
                                            const char *mime_type)
{
  g_autofree char *base64 = NULL;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (clip != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL && *mime_type != '\0', NULL);

  data = g_bytes_get_data (clip, &size);
  base64 = g_base64_encode (data, size);

  return g_strdup_printf ("data:%s;base64,%s", mime_type, base64);
}

static gboolean
strv_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static char *
join_values (JsonArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      const char *value = json_node_get_string (json_array_get_element (values, i));

      if (value == NULL)
        continue;
      if (text->len > 0)
        /* Translators: between the values an option may have, as in “json” or “text”. */
        g_string_append (text, _(" or "));
      g_string_append_printf (text, "“%s”", value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The value of a one-string option, for the "requires" rules. */
static const char *
get_option (const StudioTranscriptionOptions *options,
            const char                       *response_format,
            const char                       *name)
{
  if (g_str_equal (name, "response_format"))
    return response_format;
  if (g_str_equal (name, "language"))
    return options->language;
  if (g_str_equal (name, "prompt"))
    return options->prompt;
  if (g_str_equal (name, "chunking_strategy"))
    return options->chunking_strategy;

  return NULL;
}

/* Refuses @name, which the caller set, unless the family takes it, its
 * "requires" hold and every one of @values is among those the family lists.
 */
static gboolean
check_option (StudioModel                       *model,
              const StudioTranscriptionOptions  *options,
              const char                        *response_format,
              const char                        *name,
              const char * const                *values,
              GError                           **error)
{
  const char *id = studio_model_get_id (model);
  JsonObject *rule = studio_model_get_parameter (model, name);
  JsonObject *requires;
  JsonArray *allowed;
  g_autoptr(GList) others = NULL;

  if (options->translate && !g_strv_contains (translation_options, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A translation cannot have the option “%s”."), name);
      return FALSE;
    }

  if (rule == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s does not take the option “%s”."), id, name);
      return FALSE;
    }

  requires = studio_json_get_object (rule, "requires");
  others = requires ? json_object_get_members (requires) : NULL;
  for (GList *l = others; l != NULL; l = l->next)
    {
      JsonArray *needed = studio_json_get_array (requires, l->data);

      if (!studio_json_array_has_string (needed, get_option (options, response_format, l->data)))
        {
          g_autofree char *list = join_values (needed);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The option “%s” needs “%s” to be %s."), name,
                       (const char *) l->data, list);
          return FALSE;
        }
    }

  allowed = studio_json_get_array (rule, "values");
  for (guint i = 0; allowed != NULL && values != NULL && values[i]; i++)
    {
      if (!studio_json_array_has_string (allowed, values[i]))
        {
          g_autofree char *list = join_values (allowed);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a value of the option “%s”, which takes %s."), values[i],
                       name, list);
          return FALSE;
        }
    }

  return TRUE;
}

/* Everything about @options that can be refused without reading the file. */
static gboolean
check_options (StudioModel                       *model,
               const StudioTranscriptionOptions  *options,
               const char                        *response_format,
               GError                           **error)
{
  const char *id = studio_model_get_id (model);
  const char *chunking[] = { options->chunking_strategy, NULL };
  JsonObject *names_rule = studio_model_get_parameter (model, "known_speaker_names");
  guint max_speakers = studio_json_get_double (names_rule, "max_items",
                                               STUDIO_TRANSCRIPTION_MAX_SPEAKERS);
  g_auto(GStrv) formats = NULL;
  guint n_names, n_references;

  if (options->translate && !studio_model_has_capability (model, "translation"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s cannot translate audio: choose a Whisper model to translate."), id);
      return FALSE;
    }

  formats = studio_transcription_dup_formats (model, options->translate);
  if (!g_strv_contains ((const char * const *) formats, response_format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s cannot answer in the format “%s”."), id, response_format);
      return FALSE;
    }

  if (options->stream && (options->translate || !studio_model_has_capability (model, "stream")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s cannot stream this answer."), id);
      return FALSE;
    }

  n_names = options->known_speaker_names ? g_strv_length ((GStrv) options->known_speaker_names) : 0;
  n_references = options->known_speaker_references
                 ? g_strv_length ((GStrv) options->known_speaker_references) : 0;
  if (n_names != n_references)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Each known speaker needs both a name and a voice sample."));
      return FALSE;
    }
  if (n_names > max_speakers)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   ngettext ("At most %u known speaker can be named.",
                             "At most %u known speakers can be named.", max_speakers),
                   max_speakers);
      return FALSE;
    }
  for (guint i = 0; i < n_references; i++)
    {
      if (!g_str_has_prefix (options->known_speaker_references[i], "data:"))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A known speaker’s voice sample must be sent as a data: URL."));
          return FALSE;
        }
    }

#define CHECK(set, name, values) \
  if ((set) && !check_option (model, options, response_format, name, values, error)) \
    return FALSE

  CHECK (!studio_str_empty0 (options->language), "language", NULL);
  CHECK (!studio_str_empty0 (options->prompt), "prompt", NULL);
  CHECK (options->temperature > 0, "temperature", NULL);
  CHECK (!strv_empty (options->timestamp_granularities), "timestamp_granularities",
         options->timestamp_granularities);
  CHECK (!strv_empty (options->languages), "languages", options->languages);
  CHECK (!strv_empty (options->keywords), "keywords", NULL);
  CHECK (!strv_empty (options->include), "include", options->include);
  CHECK (!studio_str_empty0 (options->chunking_strategy), "chunking_strategy", chunking);
  CHECK (n_names > 0, "known_speaker_names", NULL);
  CHECK (n_names > 0, "known_speaker_references", NULL);
#undef CHECK

  return TRUE;
}

static void
add_fields (StudioRequest      *request,
            const char         *name,
            const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    studio_request_add_field (request, name, values[i]);
}

/* The file part, streamed from disk under its own name. StudioRequest
 * names a streamed part after its file, so another name is sent from a
 * mapping of the file, which the kernel pages in as it goes out; the file
 * was already checked to be at most 25 MB.
 */
static gboolean
add_file (StudioRequest  *request,
          GFile          *file,
          const char     *filename,
          const char     *mime_type,
          GError        **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (studio_str_empty0 (filename) || g_strcmp0 (filename, basename) == 0)
    {
      studio_request_add_file (request, "file", file, mime_type);
      return TRUE;
    }

  path = g_file_get_path (file);
  if (path == NULL || !(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_debug ("Cannot map %s: %s", basename, local_error ? local_error->message : "no path");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” cannot be read."), basename);
      return FALSE;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  studio_request_add_bytes (request, "file", filename, mime_type, bytes);
  return TRUE;
}

/**
 * studio_transcription_request_new_full:
 * @model: (nullable): a transcription model, such as the one
 *   studio_transcription_pick_model() picked; %NULL gives the error that
 *   the server offers none
 * @file: the audio file
 * @options: (nullable): the optional fields, or %NULL for the defaults
 * @error: the place for an error, whose message is for the user
 *
 * Checks @options against what the model's family takes, then @file, and
 * builds the request: POST /audio/transcriptions, or /audio/translations
 * when @options asks to translate. An option the family cannot honour
 * fails with %G_IO_ERROR_INVALID_ARGUMENT. This reads the first bytes of
 * @file, so it blocks briefly.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with @error set
 */
StudioRequest *
studio_transcription_request_new_full (StudioModel                       *model,
                                       GFile                             *file,
                                       const StudioTranscriptionOptions  *options,
                                       GError                           **error)
{
  static const StudioTranscriptionOptions defaults = { 0 };
  g_autoptr(StudioRequest) request = NULL;
  g_autofree char *mime_type = NULL;
  const char *response_format;

  g_return_val_if_fail (model == NULL || STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  response_format = options->response_format ? options->response_format : "json";
  g_return_val_if_fail (options->temperature >= 0 && options->temperature <= 1, NULL);

  if (model != NULL && !check_options (model, options, response_format, error))
    return NULL;

  if (!(mime_type = check_file (model, file, error)))
    return NULL;

  request = studio_request_new ("POST", options->translate ? "audio/translations"
                                                           : "audio/transcriptions");
  if (!add_file (request, file, options->filename, mime_type, error))
    return NULL;
  studio_request_add_field (request, "model", studio_model_get_id (model));

  /* Always sent where the family names its formats, so that the answer's
   * shape never depends on a server's default.
   */
  if (studio_model_accepts_parameter (model, "response_format"))
    studio_request_add_field (request, "response_format", response_format);

  if (!studio_str_empty0 (options->language))
    studio_request_add_field (request, "language", options->language);
  add_fields (request, "languages[]", options->languages);
  add_fields (request, "keywords[]", options->keywords);

  if (!studio_str_empty0 (options->prompt))
    studio_request_add_field (request, "prompt", options->prompt);

  if (options->temperature > 0)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      /* A form field, so a C-locale number whatever the user's locale, and
       * short: 0.2, not the 0.20000000000000001 a round trip would need.
       */
      studio_request_add_field (request, "temperature",
                                g_ascii_formatd (text, sizeof text, "%.6g",
                                                 options->temperature));
    }

  add_fields (request, "timestamp_granularities[]", options->timestamp_granularities);
  add_fields (request, "include[]", options->include);

  if (options->stream)
    studio_request_add_field (request, "stream", "true");

  if (!studio_str_empty0 (options->chunking_strategy))
    studio_request_add_field (request, "chunking_strategy", options->chunking_strategy);

  add_fields (request, "known_speaker_names[]", options->known_speaker_names);
  add_fields (request, "known_speaker_references[]", options->known_speaker_references);

  return g_steal_pointer (&request);
}

/**
 * studio_transcription_request_new:
 * @model: (nullable): a transcription model; %NULL gives the error that the
 *   server offers none
 * @file: the audio file
 * @format: (nullable): the response_format, %NULL for "json"
 * @error: the place for an error, whose message is for the user
 *
 * studio_transcription_request_new_full() with only a response format.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with @error set
 */
StudioRequest *
studio_transcription_request_new (StudioModel  *model,
                                  GFile        *file,
                                  const char   *format,
                                  GError      **error)
{
  StudioTranscriptionOptions options = { .response_format = format };

  return studio_transcription_request_new_full (model, file, &options, error);
}

/**
 * studio_transcription_parse_text:
 * @response: the JSON the service answered, for response_format "json" or
 *   "verbose_json"
 * @error: the place for an error
 *
 * Returns: (transfer full) (nullable): the transcribed text, or %NULL with a
 *   %STUDIO_API_ERROR_MALFORMED error when the answer has none
 */
char *
studio_transcription_parse_text (JsonNode  *response,
                                 GError   **error)
{
  const char *text = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (response != NULL && JSON_NODE_HOLDS_OBJECT (response))
    text = studio_json_get_string (json_node_get_object (response), "text");

  if (text == NULL)
    {
      g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED, NULL));
      return NULL;
    }

  return g_strdup (text);
}
