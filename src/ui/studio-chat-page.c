/* studio-chat-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-page"

#include "config.h"

#include "studio-file-list.h"
#include "studio-model-picker.h"
#include "studio-chat-page.h"

/* The workspace for conversations. It keeps images opened with the app as attachments for the next message. */
struct _StudioChatPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  StudioModelPicker *model_picker;
  StudioFileList    *file_list;
};

G_DEFINE_FINAL_TYPE (StudioChatPage, studio_chat_page, ADW_TYPE_BIN)

static void
studio_chat_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STUDIO_TYPE_CHAT_PAGE);

  G_OBJECT_CLASS (studio_chat_page_parent_class)->dispose (object);
}

static void
studio_chat_page_class_init (StudioChatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_chat_page_dispose;

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);
  g_type_ensure (STUDIO_TYPE_FILE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-chat-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, file_list);
}

static void
studio_chat_page_init (StudioChatPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * studio_chat_page_add_attachment:
 * @self: the Chat workspace
 * @file: an attachment to keep for the next request
 */
void
studio_chat_page_add_attachment (StudioChatPage *self,
                                 GFile          *file)
{
  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  studio_file_list_add (self->file_list, file);
}
