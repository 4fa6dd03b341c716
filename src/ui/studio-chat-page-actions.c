/* studio-chat-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-page-private.h"
#include "studio-export.h"
#include "studio-file-chooser.h"
#include "studio-ui.h"

/* What the user does to the conversation shown, its messages and the
 * conversations of the sidebar. Every action's enabled state is computed
 * in one place, studio_chat_page_update_actions(): an action that cannot
 * run now is disabled, never silently ignored.
 */

/**
 * studio_chat_page_update_actions:
 * @self: the Chat page
 *
 * Whether the conversation shown can change now decides most actions: not
 * while a reply is prepared or streams, nor while earlier messages are
 * still loading.
 */
void
studio_chat_page_update_actions (StudioChatPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean streaming = studio_chat_page_get_run (self) != NULL;
  gboolean loading = self->load_cancellable != NULL;
  gboolean busy = streaming || loading || self->preparing;
  gboolean has_model = studio_model_picker_get_selected (self->model_picker) != NULL;
  gboolean ready = !busy && has_model && !studio_chat_composer_get_busy (self->composer);

  gtk_widget_action_set_enabled (widget, "chat.send",
                                 ready && !studio_chat_composer_is_empty (self->composer));
  gtk_widget_action_set_enabled (widget, "chat.stop", streaming);
  gtk_widget_action_set_enabled (widget, "chat.regenerate", !busy && has_model);
  gtk_widget_action_set_enabled (widget, "chat.edit-message", !busy);
  gtk_widget_action_set_enabled (widget, "chat.delete-message", !busy);
  studio_chat_composer_set_streaming (self->composer, streaming);
}

static void
studio_chat_page_send_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  studio_chat_page_send (STUDIO_CHAT_PAGE (widget));
}

static void
studio_chat_page_stop_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioChatRun *run = studio_chat_page_get_run (self);
  StudioMessage *reading = studio_chat_page_get_reading (self);

  /* Stopping the reply stops reading it too. */
  if (reading != NULL && studio_message_get_state (reading) == STUDIO_MESSAGE_STATE_STREAMING)
    studio_chat_page_stop_reading (self);
  if (run != NULL)
    studio_chat_run_stop (run);
}

static void
studio_chat_page_read_aloud_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioMessage *message = studio_message_list_find (self->message_list,
                                                     g_variant_get_int64 (parameter), NULL);

  if (message != NULL)
    studio_chat_page_read_aloud (self, message);
}

static void
studio_chat_page_stop_reading_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  studio_chat_page_stop_reading (STUDIO_CHAT_PAGE (widget));
}

static void
studio_chat_page_new_conversation_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);

  studio_chat_page_open (self, NULL, 0);
  studio_chat_composer_focus (self->composer);
}

/* Messages ---------------------------------------------------------------- */

static void
studio_chat_page_copy_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioMessage *message;

  if ((message = studio_message_list_find (self->message_list,
                                           g_variant_get_int64 (parameter), NULL)))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                              studio_message_get_content (message));
      studio_ui_add_toast (widget, _("Message copied"));
    }
}

static void
studio_chat_page_delete_message_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  guint position;

  if (!studio_message_list_find (self->message_list, id, &position))
    return;

  if (studio_chat_page_get_reading (self) != NULL &&
      studio_message_get_id (studio_chat_page_get_reading (self)) == id)
    studio_chat_page_stop_reading (self);

  if (!studio_history_delete_message (studio_context_get_history (self->context), id, &error))
    {
      studio_ui_add_toast (widget, error->message);
      return;
    }

  g_list_store_remove (studio_message_list_get_messages (self->message_list), position);
}

/**
 * studio_chat_page_truncate:
 * @self: the Chat page
 * @position: the first message to drop
 *
 * Drops the messages from @position on, in the list and the history.
 *
 * Returns: whether they were dropped; a toast says why not
 */
gboolean
studio_chat_page_truncate (StudioChatPage *self,
                           guint           position)
{
  GListStore *messages = studio_message_list_get_messages (self->message_list);
  g_autoptr(StudioMessage) first = g_list_model_get_item (G_LIST_MODEL (messages), position);
  g_autoptr(GError) error = NULL;

  if (!studio_history_delete_messages_from (studio_context_get_history (self->context),
                                            studio_conversation_get_id (self->conversation),
                                            studio_message_get_id (first), &error))
    {
      studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  g_list_store_splice (messages, position,
                       g_list_model_get_n_items (G_LIST_MODEL (messages)) - position,
                       NULL, 0);
  return TRUE;
}

static void
studio_chat_page_regenerate_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  GListModel *messages = G_LIST_MODEL (studio_message_list_get_messages (self->message_list));
  guint position;

  /* Only the last reply is asked again (the row offers no other): Retry
   * on an older one would silently drop everything after it.
   */
  if (!studio_message_list_find (self->message_list, g_variant_get_int64 (parameter), &position) ||
      position + 1 != g_list_model_get_n_items (messages))
    return;

  if (studio_chat_page_truncate (self, position))
    studio_chat_page_start_reply (self);
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  StudioChatPage   *self)
{
  GListModel *messages = G_LIST_MODEL (studio_message_list_get_messages (self->message_list));
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "position"));
  g_autoptr(StudioMessage) message = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "edit") != 0 || position >= g_list_model_get_n_items (messages))
    return;

  message = g_list_model_get_item (messages, position);
  text = g_strdup (studio_message_get_content (message));

  if (studio_chat_page_truncate (self, position))
    {
      studio_chat_composer_set_text (self->composer, text);
      studio_chat_composer_focus (self->composer);
    }
}

static void
studio_chat_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  GListModel *messages = G_LIST_MODEL (studio_message_list_get_messages (self->message_list));
  AdwMessageDialog *dialog;
  guint position;
  guint later;

  if (!studio_message_list_find (self->message_list, g_variant_get_int64 (parameter), &position))
    return;

  later = g_list_model_get_n_items (messages) - position - 1;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Edit and Resend?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The message goes back to the composer, and the %u message after it is deleted.",
                                               "The message goes back to the composer, and the %u messages after it are deleted.",
                                               later),
                                  later);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "edit", _("_Edit"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "edit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "position", GUINT_TO_POINTER (position));
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  studio_ui_name_mnemonic_buttons (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Conversations ----------------------------------------------------------- */

typedef struct
{
  StudioChatPage     *page;       /* weak: only needed to undo */
  StudioHistory      *history;
  StudioConversation *conversation;
  guint               position;
  gboolean            undone;
} PendingDelete;

static void
undo_delete_cb (AdwToast      *toast,
                PendingDelete *pending)
{
  pending->undone = TRUE;
  if (pending->page != NULL)
    studio_conversation_sidebar_insert (pending->page->sidebar, pending->conversation,
                                        pending->position);
}

/* The row goes at once; the data only when the toast is gone unused. */
static void
toast_dismissed_cb (AdwToast      *toast,
                    PendingDelete *pending)
{
  g_autoptr(GError) error = NULL;

  /* Also when the window closed first: the user did delete it. */
  if (!pending->undone &&
      !studio_history_delete_conversation (pending->history,
                                           studio_conversation_get_id (pending->conversation),
                                           &error))
    {
      if (pending->page != NULL)
        studio_ui_add_toast (GTK_WIDGET (pending->page), error->message);
      else
        g_warning ("Could not delete a conversation: %s", error->message);
    }

  g_clear_weak_pointer (&pending->page);
  g_object_unref (pending->history);
  g_object_unref (pending->conversation);
  g_free (pending);
}

static void
studio_chat_page_delete_conversation_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  StudioConversation *conversation;
  PendingDelete *pending;
  GtkWidget *overlay;
  AdwToast *toast;
  StudioChatRun *run;
  guint position;

  if (!(conversation = studio_conversation_sidebar_find (self->sidebar, id, &position)))
    return;

  if ((run = studio_context_lookup_chat_run (self->context, id)))
    studio_chat_run_stop (run);

  pending = g_new0 (PendingDelete, 1);
  g_set_weak_pointer (&pending->page, self);
  pending->history = g_object_ref (studio_context_get_history (self->context));
  pending->conversation = g_object_ref (conversation);
  pending->position = position;
  studio_conversation_sidebar_remove (self->sidebar, position);

  if (self->conversation != NULL && studio_conversation_get_id (self->conversation) == id)
    studio_chat_page_open (self, NULL, 0);

  toast = adw_toast_new (_("Conversation deleted"));
  /* The toast's button would say its raw label, underscore and all. */
  adw_toast_set_button_label (toast, _("Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_delete_cb), pending);
  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), pending);

  if ((overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      toast_dismissed_cb (toast, pending);
      g_object_unref (toast);
    }
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StudioChatPage   *self)
{
  StudioConversation *conversation = g_object_get_data (G_OBJECT (dialog), "conversation");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || *title == '\0')
    return;

  studio_conversation_set_title (conversation, title);
  if (!studio_history_save_conversation (studio_context_get_history (self->context), conversation,
                                         &error))
    studio_ui_add_toast (GTK_WIDGET (self), error->message);
}

static void
studio_chat_page_rename_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioConversation *conversation;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  conversation = studio_conversation_sidebar_find (self->sidebar,
                                                   g_variant_get_int64 (parameter), NULL);
  if (conversation == NULL)
    return;

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), studio_conversation_get_title (conversation));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Rename Conversation"), NULL));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "conversation",
                          g_object_ref (conversation), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  studio_ui_name_mnemonic_buttons (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Exports ----------------------------------------------------------------- */

typedef struct
{
  StudioChatPage     *page;
  StudioConversation *conversation;
  gboolean            json;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->page);
  g_object_unref (export->conversation);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    studio_ui_add_toast (GTK_WIDGET (self), error->message);
}

static void
export_chosen_cb (GtkWidget  *widget,
                  GListModel *files,
                  gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  g_file_replace_contents_bytes_async (file, user_data, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       export_written_cb, g_object_ref (widget));
}

/* A long conversation is read in a worker, and written by GIO's. */
static void
export_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *text;

  if (!(messages = studio_history_load_messages_finish (STUDIO_HISTORY (object), result, &error)))
    {
      if (!studio_api_error_is_cancelled (error))
        studio_ui_add_toast (GTK_WIDGET (export->page), error->message);
      return;
    }

  name = g_strdup_printf ("%s.%s", studio_conversation_get_title (export->conversation),
                          export->json ? "json" : "md");
  g_strdelimit (name, "/\\", '-');
  text = export->json ? studio_export_json (export->conversation, messages)
                      : studio_export_markdown (export->conversation, messages);
  studio_file_chooser_save (GTK_WIDGET (export->page), _("Export Conversation"), _("_Export"),
                            name, export_chosen_cb, g_bytes_new_take (text, strlen (text)),
                            (GDestroyNotify) g_bytes_unref);
}

static void
studio_chat_page_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  StudioConversation *conversation = studio_conversation_sidebar_find (self->sidebar, id, NULL);
  Export *export;

  if (conversation == NULL)
    return;

  export = g_new0 (Export, 1);
  export->page = g_object_ref (self);
  export->conversation = g_object_ref (conversation);
  export->json = g_str_equal (action_name, "chat.export-json");
  studio_history_load_messages_async (studio_context_get_history (self->context), id, 0, 0,
                                      self->cancellable, export_loaded_cb, export);
}

/**
 * studio_chat_page_class_install_actions:
 * @widget_class: the Chat page's class
 */
void
studio_chat_page_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chat.send", NULL, studio_chat_page_send_action);
  gtk_widget_class_install_action (widget_class, "chat.stop", NULL, studio_chat_page_stop_action);
  gtk_widget_class_install_action (widget_class, "chat.new-conversation", NULL,
                                   studio_chat_page_new_conversation_action);
  gtk_widget_class_install_action (widget_class, "chat.copy-message", "x",
                                   studio_chat_page_copy_action);
  gtk_widget_class_install_action (widget_class, "chat.delete-message", "x",
                                   studio_chat_page_delete_message_action);
  gtk_widget_class_install_action (widget_class, "chat.read-aloud", "x",
                                   studio_chat_page_read_aloud_action);
  gtk_widget_class_install_action (widget_class, "chat.stop-reading", NULL,
                                   studio_chat_page_stop_reading_action);
  gtk_widget_class_install_action (widget_class, "chat.edit-message", "x",
                                   studio_chat_page_edit_action);
  gtk_widget_class_install_action (widget_class, "chat.regenerate", "x",
                                   studio_chat_page_regenerate_action);
  gtk_widget_class_install_action (widget_class, "chat.rename-conversation", "x",
                                   studio_chat_page_rename_action);
  gtk_widget_class_install_action (widget_class, "chat.delete-conversation", "x",
                                   studio_chat_page_delete_conversation_action);
  gtk_widget_class_install_action (widget_class, "chat.export-markdown", "x",
                                   studio_chat_page_export_action);
  gtk_widget_class_install_action (widget_class, "chat.export-json", "x",
                                   studio_chat_page_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chat.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "chat.new-conversation", NULL);
}
