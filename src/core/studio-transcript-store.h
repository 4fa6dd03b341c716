/* studio-transcript-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-history.h"
#include "studio-transcript-record.h"

G_BEGIN_DECLS

/**
 * StudioSpeaker:
 * @id: the row's id
 * @name: the speaker's name, as the user gave it
 * @clip_path: the clip of their voice (2–10 s of Opus), an absolute path
 * @duration_us: the clip's duration
 * @source_transcript_id: the transcript the clip was cut from, 0 when
 *   there is none (or it was purged)
 *
 * One voice of the speaker library, for telling speakers apart.
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *clip_path;
  gint64  duration_us;
  gint64  source_transcript_id;
} StudioSpeaker;

#define STUDIO_TYPE_SPEAKER (studio_speaker_get_type ())

GType          studio_speaker_get_type (void) G_GNUC_CONST;
StudioSpeaker *studio_speaker_copy     (const StudioSpeaker *speaker);
void           studio_speaker_free     (StudioSpeaker       *speaker);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioSpeaker, studio_speaker_free)

#define STUDIO_TYPE_TRANSCRIPT_STORE (studio_transcript_store_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscriptStore, studio_transcript_store,
                      STUDIO, TRANSCRIPT_STORE, GObject)

StudioTranscriptStore *studio_transcript_store_new            (StudioHistory         *history,
                                                               const char            *folder);
StudioHistory         *studio_transcript_store_get_history    (StudioTranscriptStore *self);
const char            *studio_transcript_store_get_folder     (StudioTranscriptStore *self);
GFile                 *studio_transcript_store_new_audio_file (StudioTranscriptStore *self,
                                                               const char            *hint,
                                                               const char            *extension);

void     studio_transcript_store_save_async  (StudioTranscriptStore  *self,
                                              StudioTranscriptRecord *record,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean studio_transcript_store_save_finish (StudioTranscriptStore  *self,
                                              GAsyncResult           *result,
                                              GError                **error);

void                    studio_transcript_store_get_async     (StudioTranscriptStore *self,
                                                               gint64                 id,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
StudioTranscriptRecord *studio_transcript_store_record_finish (StudioTranscriptStore *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);
void                    studio_transcript_store_list_async    (StudioTranscriptStore *self,
                                                               guint                  offset,
                                                               guint                  limit,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
void                    studio_transcript_store_search_async  (StudioTranscriptStore *self,
                                                               const char            *text,
                                                               guint                  offset,
                                                               guint                  limit,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
GPtrArray              *studio_transcript_store_list_finish   (StudioTranscriptStore *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

void     studio_transcript_store_delete_async  (StudioTranscriptStore *self,
                                                gint64                 id,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
void     studio_transcript_store_restore_async (StudioTranscriptStore *self,
                                                gint64                 id,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
void     studio_transcript_store_purge_async   (StudioTranscriptStore *self,
                                                gint64                 id,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean studio_transcript_store_change_finish (StudioTranscriptStore *self,
                                                GAsyncResult          *result,
                                                GError               **error);

void           studio_transcript_store_add_speaker_async    (StudioTranscriptStore *self,
                                                             const char            *name,
                                                             GFile                 *clip,
                                                             gint64                 duration_us,
                                                             gint64                 source_id,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
StudioSpeaker *studio_transcript_store_add_speaker_finish   (StudioTranscriptStore *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void           studio_transcript_store_list_speakers_async  (StudioTranscriptStore *self,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
GPtrArray     *studio_transcript_store_list_speakers_finish (StudioTranscriptStore *self,
                                                             GAsyncResult          *result,
                                                             GError               **error);
void           studio_transcript_store_rename_speaker_async (StudioTranscriptStore *self,
                                                             gint64                 id,
                                                             const char            *name,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);
void           studio_transcript_store_delete_speaker_async (StudioTranscriptStore *self,
                                                             gint64                 id,
                                                             GCancellable          *cancellable,
                                                             GAsyncReadyCallback    callback,
                                                             gpointer               user_data);

G_END_DECLS
