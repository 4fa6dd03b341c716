/* studio-message-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "studio-message.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_MESSAGE_ROW (studio_message_row_get_type ())

G_DECLARE_FINAL_TYPE (StudioMessageRow, studio_message_row, STUDIO, MESSAGE_ROW, GtkWidget)

GtkWidget     *studio_message_row_new         (void);
StudioMessage *studio_message_row_get_message (StudioMessageRow *self);
void           studio_message_row_set_message (StudioMessageRow *self,
                                               StudioMessage    *message,
                                               GListModel       *conversation);
void           studio_message_row_update_usage (StudioMessageRow *self);

guint          studio_message_row_count_to_fill (GListModel *messages,
                                                 int         width,
                                                 int         height);

G_END_DECLS
