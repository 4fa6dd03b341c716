/* studio-conversation-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-conversation.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONVERSATION_ROW (studio_conversation_row_get_type ())

G_DECLARE_FINAL_TYPE (StudioConversationRow, studio_conversation_row, STUDIO, CONVERSATION_ROW,
                      GtkListBoxRow)

GtkWidget          *studio_conversation_row_new              (StudioConversation    *conversation);
StudioConversation *studio_conversation_row_get_conversation (StudioConversationRow *self);

G_END_DECLS
