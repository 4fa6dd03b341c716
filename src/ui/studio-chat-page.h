/* studio-chat-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_CHAT_PAGE (studio_chat_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioChatPage, studio_chat_page, STUDIO, CHAT_PAGE, AdwBin)

void studio_chat_page_add_attachment (StudioChatPage *self,
                                      GFile          *file);

void studio_chat_page_reload         (StudioChatPage *self);

G_END_DECLS
