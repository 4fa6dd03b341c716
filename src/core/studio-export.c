/* studio-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-export"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-export.h"
#include "studio-json.h"

/* A conversation written out for the user to keep or share: Markdown for
 * reading, JSON for tools. Both are plain functions of their input, so a
 * worker thread may run them on messages it loaded itself.
 */

/**
 * studio_export_markdown:
 * @conversation: a conversation
 * @messages: (element-type StudioMessage): its messages, oldest first
 *
 * The title as a heading, the model and system prompt under it, then each
 * message under "You" or "Assistant" with the names of its attachments.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
studio_export_markdown (StudioConversation *conversation,
                        GPtrArray          *messages)
{
  GString *out;
  const char *model;
  const char *system_prompt;

  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  out = g_string_new (NULL);
  model = studio_conversation_get_model (conversation);
  system_prompt = studio_conversation_get_system_prompt (conversation);

  g_string_append_printf (out, "# %s\n\n", studio_conversation_get_title (conversation));
  if (model != NULL)
    g_string_append_printf (out, "_%s_\n\n", model);
  if (system_prompt != NULL && *system_prompt != '\0')
    g_string_append_printf (out, "> %s\n\n", system_prompt);

  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);
      GPtrArray *attachments = studio_message_get_attachments (message);
      gboolean user = g_strcmp0 (studio_message_get_role (message), "user") == 0;

      g_string_append_printf (out, "## %s\n\n", user ? _("You") : _("Assistant"));
      for (guint j = 0; j < attachments->len; j++)
        {
          StudioAttachment *attachment = g_ptr_array_index (attachments, j);

          g_string_append_printf (out, "📎 %s\n\n", attachment->name);
        }
      g_string_append_printf (out, "%s\n\n", studio_message_get_content (message));
    }

  return g_string_free (out, FALSE);
}

/**
 * studio_export_json:
 * @conversation: a conversation
 * @messages: (element-type StudioMessage): its messages, oldest first
 *
 * An object with "title", "model", "system_prompt" and "messages", each
 * message with its "role", "content" and, as "details", what the API
 * reported about it (usage, finish reason, model, error).
 *
 * Returns: (transfer full): the JSON text, indented
 */
char *
studio_export_json (StudioConversation *conversation,
                    GPtrArray          *messages)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);
  g_return_val_if_fail (messages != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, studio_conversation_get_title (conversation));
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, studio_conversation_get_model (conversation));
  json_builder_set_member_name (builder, "system_prompt");
  json_builder_add_string_value (builder, studio_conversation_get_system_prompt (conversation));
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);
      JsonNode *details = json_node_init_object (json_node_alloc (),
                                                 studio_message_get_extra (message));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, studio_message_get_role (message));
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, studio_message_get_content (message));
      json_builder_set_member_name (builder, "details");
      json_builder_add_value (builder, details);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return studio_json_to_string (root, TRUE);
}
