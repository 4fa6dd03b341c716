/* studio-speech-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-history.h"
#include "studio-speech-clip.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_SPEECH_STORE (studio_speech_store_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechStore, studio_speech_store, STUDIO, SPEECH_STORE, GObject)

StudioSpeechStore *studio_speech_store_new             (StudioHistory      *history,
                                                        const char         *folder);
StudioHistory     *studio_speech_store_get_history     (StudioSpeechStore  *self);
const char        *studio_speech_store_get_folder      (StudioSpeechStore  *self);
GFile             *studio_speech_store_dup_clip_folder (StudioSpeechStore  *self,
                                                        StudioSpeechClip   *clip);
GFile             *studio_speech_store_dup_piece_file  (StudioSpeechStore  *self,
                                                        StudioSpeechClip   *clip,
                                                        guint               index);

void              studio_speech_store_save_async    (StudioSpeechStore   *self,
                                                     StudioSpeechClip    *clip,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          studio_speech_store_save_finish   (StudioSpeechStore   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void              studio_speech_store_get_async     (StudioSpeechStore   *self,
                                                     gint64               id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
StudioSpeechClip *studio_speech_store_get_finish    (StudioSpeechStore   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void              studio_speech_store_list_async    (StudioSpeechStore   *self,
                                                     guint                offset,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void              studio_speech_store_search_async  (StudioSpeechStore   *self,
                                                     const char          *text,
                                                     guint                offset,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray        *studio_speech_store_list_finish   (StudioSpeechStore   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void              studio_speech_store_delete_async  (StudioSpeechStore   *self,
                                                     gint64               id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void              studio_speech_store_restore_async (StudioSpeechStore   *self,
                                                     gint64               id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void              studio_speech_store_purge_async   (StudioSpeechStore   *self,
                                                     gint64               id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean          studio_speech_store_change_finish (StudioSpeechStore   *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
