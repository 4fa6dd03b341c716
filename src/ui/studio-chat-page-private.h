/* studio-chat-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-chat-composer.h"
#include "studio-chat-page.h"
#include "studio-conversation-sidebar.h"
#include "studio-message-list.h"
#include "studio-model-picker.h"
#include "studio-parameter-list.h"

G_BEGIN_DECLS

/* The Chat page, shared by studio-chat-page.c (opening, loading, sending)
 * and studio-chat-page-actions.c (what the user does to messages and
 * conversations).
 */
struct _StudioChatPage
{
  AdwBin                     parent_instance;

  /* Owned references */
  StudioContext             *context;
  GCancellable              *cancellable;
  GCancellable              *load_cancellable;  /* the conversation being opened */
  StudioConversation        *conversation;      /* the one shown, or NULL for a new one */
  JsonObject                *draft_settings;    /* parameters for a conversation not yet saved */
  StudioConversation        *sending;           /* where the message being prepared goes */

  /* Template widgets */
  AdwFlap                   *flap;
  StudioConversationSidebar *sidebar;
  StudioModelPicker         *model_picker;
  GtkTextView               *system_prompt_view;
  StudioParameterList       *parameter_list;
  GtkLabel                  *cost_label;
  StudioMessageList         *message_list;
  StudioChatComposer        *composer;

  StudioSpeechSession       *speech_session;    /* the window's, for Read Aloud */
  StudioMessage             *reading;           /* the message read aloud */

  gint64                     wanted_message;    /* a search hit to show once loaded */
  guint                      preparing : 1;     /* images being read for a message */
};

void           studio_chat_page_class_install_actions (GtkWidgetClass     *widget_class);
void           studio_chat_page_update_actions        (StudioChatPage     *self);
StudioChatRun *studio_chat_page_get_run               (StudioChatPage     *self);
void           studio_chat_page_open                  (StudioChatPage     *self,
                                                       StudioConversation *conversation,
                                                       gint64              wanted_message);
void           studio_chat_page_send                  (StudioChatPage     *self);
void           studio_chat_page_start_reply           (StudioChatPage     *self);
gboolean       studio_chat_page_truncate              (StudioChatPage     *self,
                                                       guint               position);

/* In studio-chat-page-read.c. */
void           studio_chat_page_read_aloud            (StudioChatPage     *self,
                                                       StudioMessage      *message);
void           studio_chat_page_stop_reading          (StudioChatPage     *self);

G_END_DECLS
