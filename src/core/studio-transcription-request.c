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

/* Builds POST /audio/transcriptions, a multipart form with the audio file
 * and the fields of CreateTranscriptionRequest. The file's type is sniffed
 * from its bytes and sent as the part's Content-Type, so the service knows
 * the format even when the file name has no extension. Files the service
 * would refuse (not audio, over 25 MB) are refused here first, with a
 * message that names the file, so nothing is uploaded in vain.
 */

static const char * const response_formats[] = {
  "json", "text", "srt", "verbose_json", "vtt", "diarized_json", NULL
};

static const char * const granularities[] = { "word", "segment", NULL };

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
 * studio_transcription_request_new_full:
 * @model: (nullable): a transcription model, such as the one
 *   studio_transcription_pick_model() picked; %NULL gives the error that
 *   the server offers none
 * @file: the audio file
 * @options: (nullable): the optional fields, or %NULL for the defaults
 * @error: the place for an error, whose message is for the user
 *
 * Checks @file and builds the request. This reads the first bytes of @file,
 * so it blocks briefly.
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
  g_return_val_if_fail (g_strv_contains (response_formats, response_format), NULL);
  g_return_val_if_fail (options->temperature >= 0 && options->temperature <= 1, NULL);
  g_return_val_if_fail (options->timestamp_granularities == NULL ||
                        g_str_equal (response_format, "verbose_json"), NULL);

  if (!(mime_type = check_file (model, file, error)))
    return NULL;

  request = studio_request_new ("POST", "audio/transcriptions");
  studio_request_add_file (request, "file", file, mime_type);
  studio_request_add_field (request, "model", studio_model_get_id (model));
  studio_request_add_field (request, "response_format", response_format);

  if (options->language != NULL && *options->language != '\0')
    studio_request_add_field (request, "language", options->language);

  if (options->prompt != NULL && *options->prompt != '\0')
    studio_request_add_field (request, "prompt", options->prompt);

  if (options->temperature > 0)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      /* A form field, so a C-locale number whatever the user's locale. */
      studio_request_add_field (request, "temperature",
                                g_ascii_dtostr (text, sizeof text, options->temperature));
    }

  /* An array in a form is the field repeated, with "[]" after its name. */
  for (guint i = 0; options->timestamp_granularities && options->timestamp_granularities[i]; i++)
    {
      const char *granularity = options->timestamp_granularities[i];

      g_return_val_if_fail (g_strv_contains (granularities, granularity), NULL);
      studio_request_add_field (request, "timestamp_granularities[]", granularity);
    }

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
