/* studio-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-conversation.h"
#include "studio-message.h"

G_BEGIN_DECLS

char *studio_export_markdown (StudioConversation *conversation,
                              GPtrArray          *messages);
char *studio_export_json     (StudioConversation *conversation,
                              GPtrArray          *messages);

G_END_DECLS
