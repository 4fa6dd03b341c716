/* studio-chat-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-conversation.h"
#include "studio-message.h"
#include "studio-model.h"
#include "studio-request.h"

G_BEGIN_DECLS

JsonNode      *studio_chat_request_build_body (StudioModel         *model,
                                               StudioConversation  *conversation,
                                               GPtrArray           *messages,
                                               GError             **error);
StudioRequest *studio_chat_request_new        (StudioModel         *model,
                                               StudioConversation  *conversation,
                                               GPtrArray           *messages,
                                               GError             **error);

G_END_DECLS
