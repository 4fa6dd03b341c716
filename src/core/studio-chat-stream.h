/* studio-chat-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-client.h"
#include "studio-message.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHAT_STREAM (studio_chat_stream_get_type ())

G_DECLARE_FINAL_TYPE (StudioChatStream, studio_chat_stream, STUDIO, CHAT_STREAM, GObject)

StudioChatStream *studio_chat_stream_new         (StudioClient      *client,
                                                  StudioMessage     *reply);
StudioMessage    *studio_chat_stream_get_reply   (StudioChatStream  *self);
void              studio_chat_stream_apply_chunk (StudioChatStream  *self,
                                                  JsonObject        *chunk);
void              studio_chat_stream_run_async   (StudioChatStream  *self,
                                                  StudioRequest     *request,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
gboolean          studio_chat_stream_run_finish  (StudioChatStream  *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

G_END_DECLS
