/* studio-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-conversation.h"
#include "studio-message.h"

G_BEGIN_DECLS

#define STUDIO_HISTORY_ERROR (studio_history_error_quark ())

typedef enum
{
  STUDIO_HISTORY_ERROR_FAILED = 1,
  STUDIO_HISTORY_ERROR_CORRUPT,
  STUDIO_HISTORY_ERROR_READ_ONLY,
  STUDIO_HISTORY_ERROR_NEWER_SCHEMA,
} StudioHistoryError;

#define STUDIO_HISTORY_SCHEMA_VERSION 5

/**
 * StudioSearchHit:
 * @conversation_id: the conversation the message is in
 * @message_id: the matching message
 * @title: the conversation's title
 * @snippet: text around the match; matched words sit between U+0001 and U+0002
 */
typedef struct
{
  gint64  conversation_id;
  gint64  message_id;
  char   *title;
  char   *snippet;
} StudioSearchHit;

void studio_search_hit_free (StudioSearchHit *hit);

#define STUDIO_TYPE_HISTORY (studio_history_get_type ())

G_DECLARE_FINAL_TYPE (StudioHistory, studio_history, STUDIO, HISTORY, GObject)

GQuark         studio_history_error_quark         (void);
StudioHistory *studio_history_new                 (const char          *path,
                                                   GError             **error);
StudioHistory *studio_history_new_in_memory       (void);
const char    *studio_history_get_path            (StudioHistory       *self);
int            studio_history_get_schema_version  (StudioHistory       *self);
gboolean       studio_history_save_conversation   (StudioHistory       *self,
                                                   StudioConversation  *conversation,
                                                   GError             **error);
gboolean       studio_history_delete_conversation (StudioHistory       *self,
                                                   gint64               conversation_id,
                                                   GError             **error);
GPtrArray     *studio_history_list_conversations  (StudioHistory       *self,
                                                   GError             **error);
gboolean       studio_history_save_message        (StudioHistory       *self,
                                                   gint64               conversation_id,
                                                   StudioMessage       *message,
                                                   GError             **error);
gboolean       studio_history_delete_message      (StudioHistory       *self,
                                                   gint64               message_id,
                                                   GError             **error);
gboolean       studio_history_delete_messages_from (StudioHistory      *self,
                                                    gint64              conversation_id,
                                                    gint64              message_id,
                                                    GError            **error);
GPtrArray     *studio_history_load_messages       (StudioHistory       *self,
                                                   gint64               conversation_id,
                                                   GError             **error);
GPtrArray     *studio_history_load_messages_before (StudioHistory      *self,
                                                    gint64              conversation_id,
                                                    gint64              before_id,
                                                    guint               limit,
                                                    GCancellable       *cancellable,
                                                    GError            **error);
void           studio_history_load_messages_async (StudioHistory       *self,
                                                   gint64               conversation_id,
                                                   gint64               before_id,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *studio_history_load_messages_finish (StudioHistory      *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
GPtrArray     *studio_history_search              (StudioHistory       *self,
                                                   const char          *query,
                                                   guint                limit,
                                                   GError             **error);
void           studio_history_search_async        (StudioHistory       *self,
                                                   const char          *query,
                                                   guint                limit,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray     *studio_history_search_finish       (StudioHistory       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
char          *studio_history_check_integrity     (StudioHistory       *self);

G_END_DECLS
