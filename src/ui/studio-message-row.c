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
#include "studio-chat-page.h"
#include "studio-message-row.h"
#include "studio-prices.h"

/* After how long a row stops building new chunks of a streaming reply in
 * a frame (the chunk under way is finished first); laying out what was
 * built comes on top, within the same frame.
 */
#define RENDER_BUDGET_US 2000

/* One message in the conversation: who wrote it, its attachments, its text
 * rendered as Markdown, and how it ended (stopped, interrupted, cut off,
 * refused, failed with the server's reason), with usage and cost. While a
 * reply streams, its text is applied at most once per frame.
 */
struct _StudioMessageRow
{
  GtkWidget           parent_instance;

  /* Owned references */
  StudioMessage      *message;
  GListModel         *conversation;

  /* Template widgets */
  GtkWidget          *box;
  GtkWidget          *header;
  GtkLabel           *author_label;
  GtkMenuButton      *menu_button;
  StudioMarkdownView *content_view;

  /* Made when first needed: most messages never show them, and a long
   * conversation binds a couple of hundred rows at once.
   */
  GtkFlowBox         *attachments_box;
  GtkLabel           *status_label;
  GtkWidget          *error_box;
  GtkLabel           *error_label;
  GtkWidget          *preferences_button;
  GtkWidget          *retry_button;
  GtkLabel           *usage_label;

  guint               tick_id;
};

G_DEFINE_FINAL_TYPE (StudioMessageRow, studio_message_row, GTK_TYPE_WIDGET)


static gboolean
studio_message_row_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  StudioMessageRow *self = STUDIO_MESSAGE_ROW (widget);

  /* What is not rendered within the budget is rendered next frame. */
  if (self->message != NULL &&
      !studio_markdown_view_update (self->content_view, studio_message_get_content (self->message),
                                    g_get_monotonic_time () + RENDER_BUDGET_US))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Deltas can arrive many times a frame; the text is rendered once a frame. */
static void
studio_message_row_content_cb (StudioMessageRow *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                  studio_message_row_tick_cb, NULL, NULL);
}

static char *
describe_finish (StudioMessage *message)
{
  const char *reason = studio_message_get_finish_reason (message);
  const char *refusal = studio_message_get_refusal (message);
  JsonArray *tool_calls = studio_message_get_tool_calls (message);
  GString *text = g_string_new (NULL);

  if (refusal != NULL)
    g_string_append_printf (text, _("The model declined: %s\n"), refusal);

  if (tool_calls != NULL)
    for (guint i = 0; i < json_array_get_length (tool_calls); i++)
      {
        JsonObject *function =
          studio_json_get_object (json_array_get_object_element (tool_calls, i), "function");

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

/* Shows @text in a dim label made on first use, or hides the label. */
static GtkLabel *
studio_message_row_set_line (StudioMessageRow *self,
                             GtkLabel        **label,
                             GtkWidget        *after,
                             const char       *css_class,
                             const char       *text)
{
  if (*label == NULL)
    {
      if (text == NULL)
        return NULL;

      *label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (*label, 0);
      gtk_label_set_wrap (*label, TRUE);
      gtk_label_set_selectable (*label, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (*label), "dim-label");
      if (css_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (*label), css_class);
      gtk_box_insert_child_after (GTK_BOX (self->box), GTK_WIDGET (*label), after);
    }

  gtk_label_set_label (*label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (*label), text != NULL);

  return *label;
}

static GtkWidget *
new_error_button (const char *label,
                  const char *action,
                  GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  /* GTK 4.8 also puts the raw label, underscore and all, in the button's
   * label property, and says it before the child label the mnemonic names
   * the button by: "_Retry Retry". The child label alone is the name.
   */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);

  return button;
}

static void
studio_message_row_ensure_error_box (StudioMessageRow *self)
{
  GtkWidget *buttons;
  g_autoptr(GVariant) target = NULL;

  if (self->error_box != NULL)
    return;

  target = g_variant_ref_sink (g_variant_new_int64 (studio_message_get_id (self->message)));

  self->error_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->error_box, "studio-error");
  gtk_widget_add_css_class (self->error_box, "card");

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_box_append (GTK_BOX (self->error_box), GTK_WIDGET (self->error_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->preferences_button = new_error_button (_("_Preferences"), "app.preferences", NULL);
  self->retry_button = new_error_button (_("_Retry"), "chat.regenerate", target);
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->preferences_button);
  gtk_box_append (GTK_BOX (buttons), self->retry_button);
  gtk_box_append (GTK_BOX (self->error_box), buttons);

  gtk_box_insert_child_after (GTK_BOX (self->box), self->error_box,
                              self->status_label ? GTK_WIDGET (self->status_label)
                                                 : GTK_WIDGET (self->content_view));
}

static void
studio_message_row_show_error (StudioMessageRow *self,
                               gboolean          interrupted)
{
  const char *message = studio_message_get_error_message (self->message);
  const char *details = studio_message_get_error_details (self->message);
  int code = studio_message_get_error_code (self->message);

  if (message == NULL && !interrupted)
    {
      if (self->error_box != NULL)
        gtk_widget_set_visible (self->error_box, FALSE);
      return;
    }

  studio_message_row_ensure_error_box (self);
  gtk_widget_set_visible (self->error_box, TRUE);

  if (message == NULL)
    {
      gtk_label_set_label (self->error_label,
                           _("Interrupted: OpenAI Studio stopped before this reply was complete. The text that arrived was kept."));
      gtk_widget_set_visible (self->preferences_button, FALSE);
      gtk_widget_set_visible (self->retry_button, TRUE);
      return;
    }

  {
    g_autofree char *text = details ? g_strdup_printf ("%s\n%s", message, details)
                                    : g_strdup (message);

    gtk_label_set_label (self->error_label, text);
  }

  gtk_widget_set_visible (self->preferences_button,
                          code == STUDIO_API_ERROR_INVALID_KEY ||
                          code == STUDIO_API_ERROR_PERMISSION ||
                          code == STUDIO_API_ERROR_NO_KEY || code == STUDIO_API_ERROR_INSECURE_URL);
  gtk_widget_set_visible (self->retry_button,
                          code != STUDIO_API_ERROR_QUOTA_EXCEEDED &&
                          code != STUDIO_API_ERROR_INVALID_KEY);
}

static char *
describe_usage (StudioMessage *message)
{
  gint64 input, output, tokens;
  double cost;

  if (!studio_message_get_usage (message, &input, &output))
    return NULL;

  cost = studio_prices_estimate_message (studio_prices_get_default (), message, &tokens);

  if (cost >= 0)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " in · %" G_GINT64_FORMAT " out tokens · about $%.4f"),
                            input, output, cost);

  return g_strdup_printf (_("%" G_GINT64_FORMAT " in · %" G_GINT64_FORMAT " out tokens"),
                          input, output);
}

/* Whether the page reads this row's message aloud now. */
static gboolean
studio_message_row_is_read_aloud (StudioMessageRow *self)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STUDIO_TYPE_CHAT_PAGE);

  return page != NULL && studio_chat_page_get_reading (STUDIO_CHAT_PAGE (page)) == self->message;
}

static void
append_action (GMenu      *menu,
               const char *label,
               const char *action,
               gint64      id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
}

/* The menu is made when it opens, for what the message can do then. */
static void
studio_message_row_create_menu (GtkMenuButton *button,
                                gpointer       user_data)
{
  StudioMessageRow *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  gboolean is_assistant;
  gboolean streaming;
  gint64 id;

  if (self->message == NULL)
    return;

  id = studio_message_get_id (self->message);
  is_assistant = g_strcmp0 (studio_message_get_role (self->message), "assistant") == 0;
  streaming = studio_message_get_state (self->message) == STUDIO_MESSAGE_STATE_STREAMING;

  append_action (menu, _("_Copy"), "chat.copy-message", id);
  if (is_assistant && studio_message_row_is_read_aloud (self))
    g_menu_append (menu, _("Stop _Reading"), "chat.stop-reading");
  else if (is_assistant)
    append_action (menu, _("Read _Aloud"), "chat.read-aloud", id);
  if (!is_assistant && !streaming)
    append_action (menu, _("_Edit and Resend…"), "chat.edit-message", id);
  if (is_assistant && !streaming && studio_message_row_is_last (self))
    append_action (menu, _("_Regenerate"), "chat.regenerate", id);
  if (!streaming)
    append_action (menu, _("_Delete"), "chat.delete-message", id);

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
studio_message_row_update_status (StudioMessageRow *self)
{
  StudioMessage *message = self->message;
  StudioMessageState state = studio_message_get_state (message);
  g_autofree char *status = describe_finish (message);
  g_autofree char *usage = describe_usage (message);

  /* What the menu offers depends on the state: it is made again next time. */
  if (gtk_menu_button_get_menu_model (self->menu_button) != NULL)
    gtk_menu_button_set_menu_model (self->menu_button, NULL);

  if (state == STUDIO_MESSAGE_STATE_STOPPED)
    {
      g_free (status);
      status = g_strdup (_("Stopped. The reply is shown as far as it came."));
    }
  else if (state == STUDIO_MESSAGE_STATE_STREAMING && studio_message_get_notice (message))
    {
      g_free (status);
      status = g_strdup (studio_message_get_notice (message));
    }

  studio_message_row_set_line (self, &self->status_label, GTK_WIDGET (self->content_view),
                               NULL, status);
  studio_message_row_show_error (self, state == STUDIO_MESSAGE_STATE_INTERRUPTED);
  studio_message_row_set_line (self, &self->usage_label, gtk_widget_get_last_child (self->box),
                               "caption", usage);
}

/**
 * studio_message_row_update_usage:
 * @self: a row
 *
 * Shows the cost again, after the prices changed.
 */
void
studio_message_row_update_usage (StudioMessageRow *self)
{
  g_return_if_fail (STUDIO_IS_MESSAGE_ROW (self));

  if (self->message != NULL)
    studio_message_row_update_status (self);
}

static void
studio_message_row_update_attachments (StudioMessageRow *self)
{
  GPtrArray *attachments = studio_message_get_attachments (self->message);
  GtkWidget *child;

  if (self->attachments_box == NULL)
    {
      if (attachments->len == 0)
        return;

      self->attachments_box = GTK_FLOW_BOX (gtk_flow_box_new ());
      gtk_flow_box_set_selection_mode (self->attachments_box, GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (self->attachments_box, 6);
      gtk_box_insert_child_after (GTK_BOX (self->box), GTK_WIDGET (self->attachments_box),
                                  self->header);
    }

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
          g_autofree char *label = g_strdup_printf ("📎 %s",
                                                    attachment->name ? attachment->name : "");

          widget = gtk_label_new (label);
        }

      gtk_widget_set_tooltip_text (widget, attachment->name);
      gtk_flow_box_append (self->attachments_box, widget);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), attachments->len > 0);
}

/* A list view's row has no name in GTK 4.8 (GtkListItem:accessible-label
 * is GTK 4.12), so a screen reader would say only "list item": the row that
 * holds a message is named by the message's author.
 */
static void
studio_message_row_notify_parent_cb (StudioMessageRow *self,
                                     GParamSpec       *pspec,
                                     gpointer          user_data)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (parent)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (parent),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->author_label, NULL,
                                    -1);
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, box);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, header);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageRow, content_view);
}

static void
studio_message_row_init (StudioMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button,
                                         studio_message_row_create_menu, self, NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (studio_message_row_notify_parent_cb), NULL);
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
      const char *model = studio_message_get_model (message);

      gtk_label_set_label (self->author_label, model ? model : _("Assistant"));
    }

  /* The retry button, once made, names this message now. */
  if (self->retry_button != NULL)
    {
      target = g_variant_ref_sink (g_variant_new_int64 (studio_message_get_id (message)));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->retry_button), target);
      g_variant_unref (target);
    }

  studio_markdown_view_set_text (self->content_view, studio_message_get_content (message));
  studio_message_row_update_attachments (self);
  studio_message_row_update_status (self);

  g_signal_connect_object (message, "notify::content",
                           G_CALLBACK (studio_message_row_content_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::state",
                           G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::extra",
                           G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::notice",
                           G_CALLBACK (studio_message_row_update_status), self, G_CONNECT_SWAPPED);
  if (conversation != NULL)
    g_signal_connect_object (conversation, "items-changed",
                             G_CALLBACK (studio_message_row_update_status), self,
                             G_CONNECT_SWAPPED);
}

/* A guess at a message's height from its text: a header, then about 20
 * pixels a line, lines wrapping at @chars_per_line.
 */
static double
estimate_height (const char *text,
                 guint       chars_per_line)
{
  double lines = 0;

  while (text != NULL && *text != '\0')
    {
      const char *end = strchr (text, '\n');
      glong length = g_utf8_strlen (text, end ? end - text : -1);

      lines += MAX (1, (length + chars_per_line - 1) / chars_per_line);
      text = end ? end + 1 : NULL;
    }

  return 48 + 20 * lines;
}

/**
 * studio_message_row_count_to_fill:
 * @messages: a conversation
 * @width: the width of the view the rows go in
 * @height: its height
 *
 * Every row of a list view is built and laid out before it first paints,
 * so a long conversation opens on no more of its latest messages than it
 * takes to fill the view twice over, guessed from their text.
 *
 * Returns: how many of the latest messages to show, at least 1 if there
 *   are any
 */
guint
studio_message_row_count_to_fill (GListModel *messages,
                                  int         width,
                                  int         height)
{
  guint n_items;
  guint chars_per_line = MAX (width, 320) / 8;
  double wanted = 2.0 * MAX (height, 400);
  double total = 0;
  guint count = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (messages), 0);

  n_items = g_list_model_get_n_items (messages);

  while (count < n_items && total < wanted)
    {
      g_autoptr(StudioMessage) message = g_list_model_get_item (messages, n_items - 1 - count);

      total += estimate_height (studio_message_get_content (message), chars_per_line);
      count++;
    }

  return count;
}
