/* studio-chat-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-request"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-chat-request.h"
#include "studio-json.h"

/* Builds the body of POST /chat/completions from a conversation. Only the
 * parameters the model's family takes (model-families.json) are sent, each
 * as its type in the rules says: a parameter the family rejects is never
 * sent, whatever the conversation's settings hold.
 */

static void
add_setting (JsonBuilder *builder,
             const char  *name,
             JsonObject  *rule,
             JsonNode    *value)
{
  const char *type = studio_json_get_string (rule, "type");

  if (g_strcmp0 (name, "response_format") == 0)
    {
      const char *format = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;

      /* Plain text is the default; json_schema needs a schema we do not have. */
      if (g_strcmp0 (format, "json_object") != 0)
        return;

      json_builder_set_member_name (builder, name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, format);
      json_builder_end_object (builder);
      return;
    }

  if (g_strcmp0 (type, "string-list") == 0)
    {
      if (!JSON_NODE_HOLDS_ARRAY (value) ||
          json_array_get_length (json_node_get_array (value)) == 0)
        return;
    }
  else if (!JSON_NODE_HOLDS_VALUE (value))
    return;

  json_builder_set_member_name (builder, name);

  if (g_strcmp0 (type, "integer") == 0)
    json_builder_add_int_value (builder, json_node_get_int (value));
  else if (g_strcmp0 (type, "number") == 0)
    json_builder_add_double_value (builder, json_node_get_double (value));
  else if (g_strcmp0 (type, "boolean") == 0)
    json_builder_add_boolean_value (builder, json_node_get_boolean (value));
  else
    json_builder_add_value (builder, json_node_copy (value));
}

static void
add_user_content (JsonBuilder   *builder,
                  StudioMessage *message)
{
  GPtrArray *attachments = studio_message_get_attachments (message);

  json_builder_set_member_name (builder, "content");

  if (attachments->len == 0)
    {
      json_builder_add_string_value (builder, studio_message_get_content (message));
      return;
    }

  json_builder_begin_array (builder);

  /* Transcripts go before the question, so the question can refer to them. */
  for (guint i = 0; i < attachments->len; i++)
    {
      StudioAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *text = NULL;

      if (g_strcmp0 (attachment->kind, "transcript") != 0)
        continue;

      text = g_strdup_printf (_("Transcript of “%s”:\n\n%s"), attachment->name, attachment->text);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "text");
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
    }

  if (*studio_message_get_content (message) != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "text");
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, studio_message_get_content (message));
      json_builder_end_object (builder);
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      StudioAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *base64 = NULL;
      g_autofree char *url = NULL;

      if (g_strcmp0 (attachment->kind, "image") != 0 || attachment->data == NULL)
        continue;

      base64 = g_base64_encode (g_bytes_get_data (attachment->data, NULL),
                                g_bytes_get_size (attachment->data));
      url = g_strdup_printf ("data:%s;base64,%s", attachment->mime_type, base64);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "image_url");
      json_builder_set_member_name (builder, "image_url");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, attachment->detail ? attachment->detail : "auto");
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static gboolean
has_images (GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    {
      GPtrArray *attachments = studio_message_get_attachments (g_ptr_array_index (messages, i));

      for (guint j = 0; j < attachments->len; j++)
        {
          StudioAttachment *attachment = g_ptr_array_index (attachments, j);

          if (g_strcmp0 (attachment->kind, "image") == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Messages that never got an answer's text (a failed request) are left out,
 * so a retry does not send the model an empty assistant turn.
 */
static gboolean
message_is_sendable (StudioMessage *message)
{
  if (g_strcmp0 (studio_message_get_role (message), "assistant") != 0)
    return TRUE;

  return *studio_message_get_content (message) != '\0';
}

/**
 * studio_chat_request_build_body:
 * @model: the model to ask
 * @conversation: its system prompt and parameter settings
 * @messages: (element-type StudioMessage): the turns to send, oldest first
 * @error: the place for an error when @model cannot take them
 *
 * Returns: (transfer full) (nullable): the request body
 */
JsonNode *
studio_chat_request_build_body (StudioModel         *model,
                                StudioConversation  *conversation,
                                GPtrArray           *messages,
                                GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *settings = studio_conversation_get_settings (conversation);
  g_autoptr(GList) names = NULL;
  const char *system_prompt;
  const char *system_role;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  if (studio_model_get_known (model) && !studio_model_has_capability (model, "vision") &&
      has_images (messages))
    {
      g_autofree char *text =
        g_strdup_printf (_("%s cannot see images. Remove the images or pick a model that can."),
                         studio_model_get_id (model));

      g_set_error_literal (error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST, text);
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, studio_model_get_id (model));

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);

  system_prompt = studio_conversation_get_system_prompt (conversation);
  system_role = studio_model_get_system_role (model);
  if (system_prompt != NULL && *system_prompt != '\0')
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, system_role);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, system_prompt);
      json_builder_end_object (builder);
    }

  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);

      if (!message_is_sendable (message))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, studio_message_get_role (message));
      if (g_strcmp0 (studio_message_get_role (message), "user") == 0)
        add_user_content (builder, message);
      else
        {
          json_builder_set_member_name (builder, "content");
          json_builder_add_string_value (builder, studio_message_get_content (message));
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);

  names = json_object_get_members (settings);
  for (GList *l = names; l; l = l->next)
    {
      JsonObject *rule = studio_model_get_parameter (model, l->data);

      if (rule != NULL)
        add_setting (builder, l->data, rule, json_object_get_member (settings, l->data));
    }

  json_builder_set_member_name (builder, "stream");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "stream_options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "include_usage");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * studio_chat_request_new:
 *
 * Like studio_chat_request_build_body(), as a request ready to stream.
 *
 * Returns: (transfer full) (nullable): the request
 */
StudioRequest *
studio_chat_request_new (StudioModel         *model,
                         StudioConversation  *conversation,
                         GPtrArray           *messages,
                         GError             **error)
{
  g_autoptr(JsonNode) body = studio_chat_request_build_body (model, conversation, messages, error);
  StudioRequest *request;

  if (body == NULL)
    return NULL;

  request = studio_request_new ("POST", "chat/completions");
  studio_request_set_json_body (request, body);

  return request;
}
