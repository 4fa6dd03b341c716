/* studio-chat-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-speech-session.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHAT_PAGE (studio_chat_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioChatPage, studio_chat_page, STUDIO, CHAT_PAGE, AdwBin)

GtkWidget     *studio_chat_page_new            (StudioContext  *context);
StudioContext *studio_chat_page_get_context    (StudioChatPage *self);
void           studio_chat_page_add_attachment (StudioChatPage *self,
                                                GFile          *file);
void           studio_chat_page_add_text       (StudioChatPage *self,
                                                const char     *text);
void           studio_chat_page_reload         (StudioChatPage *self);
void           studio_chat_page_set_speech_session (StudioChatPage      *self,
                                                    StudioSpeechSession *session);
StudioMessage *studio_chat_page_get_reading        (StudioChatPage      *self);

G_END_DECLS
