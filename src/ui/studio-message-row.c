/* studio-message-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-markdown-view.h"
#include "studio-message-row.h"
#include "studio-prices.h"

/* One message in the conversation: who wrote it, its attachments, its text
 * rendered as Markdown, and how it ended (stopped, interrupted, cut off,
 * refused, failed with the server's reason), with usage and cost. While a
 * reply streams, its text is applied at most once per frame.
 */
struct _StudioMessageRow
{
  GtkWidget          parent_instance;

  /* Owned references */
  StudioMessage     *message;
  GListModel        *conversation;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *author_label;
  GtkWidget          *copy_button;
  GtkWidget          *edit_button;
  GtkWidget          *regenerate_button;
  GtkWidget          *delete_button;
  GtkFlowBox         *attachments_box;
  StudioMarkdownView *content_view;
  GtkLabel           *status_label;
  GtkWidget          *error_box;
  GtkLabel           *error_label;
  GtkWidget          *preferences_button;
  GtkWidget          *retry_button;
  GtkLabel           *usage_label;

  guint               tick_id;
};

G_DEFINE_FINAL_TYPE (StudioMessageRow, studio_message_row, GTK_TYPE_WIDGET)

static const struct {
  gsize       offset;
  const char *name;
} actions[] = {
  { G_STRUCT_OFFSET (StudioMessageRow, copy_button), "chat.copy-message" },
  { G_STRUCT_OFFSET (StudioMessageRow, edit_button), "chat.edit-message" },
  { G_STRUCT_OFFSET (StudioMessageRow, regenerate_button), "chat.regenerate" },
  { G_STRUCT_OFFSET (StudioMessageRow, retry_button), "chat.regenerate" },
  { G_STRUCT_OFFSET (StudioMessageRow, delete_button), "chat.delete-message" },
};

static gboolean
studio_message_row_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  StudioMessageRow *self = STUDIO_MESSAGE_ROW (widget);

  self->tick_id = 0;
  if (self->message != NULL)
    studio_markdown_view_set_text (self->content_view, studio_message_get_content (self->message));

  return G_SOURCE_REMOVE;
}

/* Deltas can arrive many times a frame; the text is rendered once a frame. */
static void
studio_message_row_content_cb (StudioMessageRow *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), studio_message_row_tick_cb, NULL, NULL);
}

static char *
describe_finish (JsonObject *extra)
{
  const char *reason = studio_json_get_string (extra, "finish_reason");
  const char *refusal = studio_json_get_string (extra, "refusal");
  JsonArray *tool_calls = studio_json_get_array (extra, "tool_calls");
  GString *text = g_string_new (NULL);

  if (refusal != NULL)
    g_string_append_printf (text, _("The model declined: %s\n"), refusal);

  if (tool_calls != NULL)
    for (guint i = 0; i < json_array_get_length (tool_calls); i++)
      {
        JsonObject *function = studio_json_get_object (json_array_get_object_element (tool_calls, i), "function");

        g_string_append_printf (text, _("The model asked to call the tool %s with %s\n"),
                                studio_json_get_string (function, "name") ?: "?",
                                studio_json_get_string (function, "arguments") ?: "{}");
      }

  if (g_strcmp0 (reason, "length") == 0)
    g_string_append (text, _("The reply was cut off at the output token limit. Raise the maximum output tokens to get a longer reply.\n"));
  else if (g_strcmp0 (reason, "content_filter") == 0)
    g_string_append (text, _("Part of the reply was withheld by the content filter.\n"));

  if (text->len > 0)
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, text->len == 0);
}

/* Only the last reply of a conversation can be regenerated. */
static gboolean
studio_message_row_is_last (StudioMessageRow *self)
{
  g_autoptr(StudioMessage) last = NULL;
  guint n_items;

  if (self->conversation == NULL || (n_items = g_list_model_get_n_items (self->conversation)) == 0)
    return FALSE;

  last = g_list_model_get_item (self->conversation, n_items - 1);
  return last == self->message;
}

static void
studio_message_row_update_status (StudioMessageRow *self)
{
  StudioMessage *message = self->message;
  JsonObject *extra = studio_message_get_extra (message);
  JsonObject *error = studio_json_get_object (extra, "error");
  JsonObject *usage = studio_json_get_object (extra, "usage");
  gboolean is_assistant = g_strcmp0 (studio_message_get_role (message), "assistant") == 0;
  StudioMessageState state = studio_message_get_state (message);
  g_autofree char *status = describe_finish (extra);

  switch (state)
    {
    case STUDIO_MESSAGE_STATE_STOPPED:
      g_free (status);
      status = g_strdup (_("Stopped. The reply is shown as far as it came."));
      break;
    default:
      break;
    }

  gtk_label_set_label (self->status_label, status ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);

  gtk_widget_set_visible (self->error_box, error != NULL || state == STUDIO_MESSAGE_STATE_INTERRUPTED);
  if (error == NULL && state == STUDIO_MESSAGE_STATE_INTERRUPTED)
    {
      gtk_label_set_label (self->error_label,
                           _("Interrupted: OpenAI Studio stopped before this reply was complete. The text that arrived was kept."));
      gtk_widget_set_visible (self->preferences_button, FALSE);
      gtk_widget_set_visible (self->retry_button, TRUE);
    }
  else if (error != NULL)
    {
      const char *details = studio_json_get_string (error, "details");
      g_autofree char *text = details ? g_strdup_printf ("%s\n%s", studio_json_get_string (error, "message"), details)
                                      : g_strdup (studio_json_get_string (error, "message"));
      gint64 code = json_object_get_int_member_with_default (error, "code", 0);

      gtk_label_set_label (self->error_label, text ? text : "");
      gtk_widget_set_visible (self->preferences_button,
                              code == STUDIO_API_ERROR_INVALID_KEY || code == STUDIO_API_ERROR_PERMISSION ||
                              code == STUDIO_API_ERROR_NO_KEY || code == STUDIO_API_ERROR_INSECURE_URL);
      gtk_widget_set_visible (self->retry_button,
                              code != STUDIO_API_ERROR_QUOTA_EXCEEDED && code != STUDIO_API_ERROR_INVALID_KEY);
    }

  if (usage != NULL)
    {
      gint64 input = json_object_get_int_member_with_default (usage, "prompt_tokens", 0);
      gint64 output = json_object_get_int_member_with_default (usage, "completion_tokens", 0);
      double cost = studio_prices_estimate (studio_prices_get_default (),
                                            studio_json_get_string (extra, "model"), input, output);
      g_autofree char *text = NULL;

      if (cost >= 0)
        text = g_strdup_printf (_("%" G_GINT64_FORMAT " in · %" G_GINT64_FORMAT " out tokens · about $%.4f"),
                                input, output, cost);
      else
        text = g_strdup_printf (_("%" G_GINT64_FORMAT " in · %" G_GINT64_FORMAT " out tokens"), input, output);
      gtk_label_set_label (self->usage_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->usage_label), usage != NULL);

  gtk_widget_set_visible (self->regenerate_button,
                          is_assistant && studio_message_row_is_last (self) && state != STUDIO_MESSAGE_STATE_STREAMING);
  gtk_widget_set_visible (self->edit_button, !is_assistant && state != STUDIO_MESSAGE_STATE_STREAMING);
  gtk_widget_set_visible (self->delete_button, state != STUDIO_MESSAGE_STATE_STREAMING);
}

static void
studio_message_row_update_attachments (StudioMessageRow *self)
{
  GPtrArray *attachments = studio_message_get_attachments (self->message);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attachments_box))))
    gtk_flow_box_remove (self->attachments_box, child);

  for (guint i = 0; i < attachments->len; i++)
    {
      StudioAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *widget = NULL;

      if (attachment->data != NULL)
        {
          g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (attachment->data, NULL);

          if (texture != NULL)
            {
              widget = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
              gtk_picture_set_can_shrink (GTK_PICTURE (widget), TRUE);
              gtk_widget_set_size_request (widget, 96, 96);
              gtk_picture_set_alternative_text (GTK_PICTURE (widget), attachment->name);
            }
        }

      if (widget == NULL)
        {
          g_autofree char *label = g_strdup_printf ("📎 %s", attachment->name ? attachment->name : "");

          widget = gtk_label_new (label);
        }

      gtk_widget_set_tooltip_text (widget, attachment->name);
      gtk_flow_box_append (self->attachments_box, widget);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), attachments->len > 0);
}

static void
studio_message_row_dispose (GObject *object)
{
  StudioMessageRow *self = (StudioMessageRow *) object;

  studio_message_row_set_message (self, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_MESSAGE_ROW);

  G_OBJECT_CLASS (studio_message_row_parent_class)->dispose (object);
}

static void
studio_message_row_class_init (StudioMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_message_row_dispose;

  g_type_ensure (STUDIO_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, box);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, regenerate_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, content_view);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, error_box);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, usage_label);
}

static void
studio_message_row_init (StudioMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
studio_message_row_new (void)
{
  return g_object_new (STUDIO_TYPE_MESSAGE_ROW, NULL);
}

/**
 * studio_message_row_get_message:
 *
 * Returns: (transfer none) (nullable): the message shown
 */
StudioMessage *
studio_message_row_get_message (StudioMessageRow *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE_ROW (self), NULL);

  return self->message;
}

/**
 * studio_message_row_set_message:
 * @self: a row
 * @message: (nullable): the message to show; rows are recycled by the list
 * @conversation: (nullable): the list the message is in
 */
void
studio_message_row_set_message (StudioMessageRow *self,
                                StudioMessage    *message,
                                GListModel       *conversation)
{
  GVariant *target;
  const char *role;

  g_return_if_fail (STUDIO_IS_MESSAGE_ROW (self));

  if (self->message == message)
    return;

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);
  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);
  g_set_object (&self->conversation, conversation);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_set_object (&self->message, message);

  if (message == NULL)
    return;

  role = studio_message_get_role (message);
  gtk_widget_remove_css_class (self->box, "user");
  gtk_widget_remove_css_class (self->box, "assistant");
  gtk_widget_add_css_class (self->box, g_strcmp0 (role, "user") == 0 ? "user" : "assistant");

  if (g_strcmp0 (role, "user") == 0)
    gtk_label_set_label (self->author_label, _("You"));
  else
    {
      const char *model = studio_json_get_string (studio_message_get_extra (message), "model");

      gtk_label_set_label (self->author_label, model ? model : _("Assistant"));
    }

  /* Every action names its message, so the page knows which one. The
   * target is set before the action, which needs it.
   */
  target = g_variant_ref_sink (g_variant_new_int64 (studio_message_get_id (message)));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkActionable *button = G_STRUCT_MEMBER (GtkActionable *, self, actions[i].offset);

      gtk_actionable_set_action_target_value (button, target);
      gtk_actionable_set_action_name (button, actions[i].name);
    }
  g_variant_unref (target);

  studio_markdown_view_set_text (self->content_view, studio_message_get_content (message));
  studio_message_row_update_attachments (self);
  studio_message_row_update_status (self);

  g_signal_connect_object (message, "notify::content",
                           G_CALLBACK (studio_message_row_content_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::state",
                           G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::extra",
                           G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
  if (conversation != NULL)
    g_signal_connect_object (conversation, "items-changed",
                             G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
}
