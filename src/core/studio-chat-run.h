/* studio-chat-run.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-client.h"
#include "studio-conversation.h"
#include "studio-history.h"
#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHAT_RUN (studio_chat_run_get_type ())

G_DECLARE_FINAL_TYPE (StudioChatRun, studio_chat_run, STUDIO, CHAT_RUN, GObject)

StudioChatRun *studio_chat_run_new                 (StudioClient        *client,
                                                    StudioHistory       *history,
                                                    StudioConversation  *conversation,
                                                    GListStore          *messages);
gboolean       studio_chat_run_start               (StudioChatRun       *self,
                                                    StudioModel         *model,
                                                    GError             **error);
void           studio_chat_run_stop                (StudioChatRun       *self);
gint64         studio_chat_run_get_conversation_id (StudioChatRun       *self);
GListStore    *studio_chat_run_get_messages        (StudioChatRun       *self);
StudioMessage *studio_chat_run_get_reply           (StudioChatRun       *self);
gboolean       studio_chat_run_get_finished        (StudioChatRun       *self);
const GError  *studio_chat_run_get_error           (StudioChatRun       *self);

G_END_DECLS
