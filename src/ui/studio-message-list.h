/* studio-message-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-message.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_MESSAGE_LIST (studio_message_list_get_type ())

G_DECLARE_FINAL_TYPE (StudioMessageList, studio_message_list, STUDIO, MESSAGE_LIST, AdwBin)

GListStore    *studio_message_list_get_messages (StudioMessageList *self);
void           studio_message_list_set_messages (StudioMessageList *self,
                                                 GListStore        *messages,
                                                 gint64             wanted_message);
void           studio_message_list_prepend      (StudioMessageList *self,
                                                 GPtrArray         *messages);
StudioMessage *studio_message_list_find         (StudioMessageList *self,
                                                 gint64             id,
                                                 guint             *position);
void           studio_message_list_follow       (StudioMessageList *self,
                                                 gboolean           resume);
void           studio_message_list_update_usage (StudioMessageList *self);

G_END_DECLS
