/* studio-conversation-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONVERSATION_SIDEBAR (studio_conversation_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (StudioConversationSidebar, studio_conversation_sidebar,
                      STUDIO, CONVERSATION_SIDEBAR, AdwBin)

StudioContext      *studio_conversation_sidebar_get_context (StudioConversationSidebar *self);
void                studio_conversation_sidebar_set_context (StudioConversationSidebar *self,
                                                             StudioContext             *context);
void                studio_conversation_sidebar_reload      (StudioConversationSidebar *self);
StudioConversation *studio_conversation_sidebar_find        (StudioConversationSidebar *self,
                                                             gint64                     id,
                                                             guint                     *position);
void                studio_conversation_sidebar_touch       (StudioConversationSidebar *self,
                                                             StudioConversation        *conversation);
void                studio_conversation_sidebar_insert      (StudioConversationSidebar *self,
                                                             StudioConversation        *conversation,
                                                             guint                      position);
void                studio_conversation_sidebar_remove      (StudioConversationSidebar *self,
                                                             guint                      position);
void                studio_conversation_sidebar_unselect    (StudioConversationSidebar *self);

G_END_DECLS
