/* studio-conversation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_CONVERSATION (studio_conversation_get_type ())

G_DECLARE_FINAL_TYPE (StudioConversation, studio_conversation, STUDIO, CONVERSATION, GObject)

StudioConversation *studio_conversation_new               (void);
gint64              studio_conversation_get_id            (StudioConversation *self);
void                studio_conversation_set_id            (StudioConversation *self,
                                                           gint64              id);
const char         *studio_conversation_get_title         (StudioConversation *self);
void                studio_conversation_set_title         (StudioConversation *self,
                                                           const char         *title);
const char         *studio_conversation_get_model         (StudioConversation *self);
void                studio_conversation_set_model         (StudioConversation *self,
                                                           const char         *model);
const char         *studio_conversation_get_system_prompt (StudioConversation *self);
void                studio_conversation_set_system_prompt (StudioConversation *self,
                                                           const char         *system_prompt);
JsonObject         *studio_conversation_get_settings      (StudioConversation *self);
void                studio_conversation_set_settings      (StudioConversation *self,
                                                           JsonObject         *settings);
gint64              studio_conversation_get_updated       (StudioConversation *self);
void                studio_conversation_set_updated       (StudioConversation *self,
                                                           gint64              updated);

G_END_DECLS
