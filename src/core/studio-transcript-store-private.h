/* studio-transcript-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-history-private.h"
#include "studio-transcript-store.h"

G_BEGIN_DECLS

/* The store's fields and what its halves (studio-transcript-store.c writes
 * the rows, studio-transcript-store-file.c handles the files) share.
 */
struct _StudioTranscriptStore
{
  GObject        parent_instance;

  /* Owned references */
  StudioHistory *history;
  char          *folder;
  GHashTable    *inserting;   /* record being inserted → GPtrArray of saves waiting */
};

gboolean  studio_transcript_store_set_speaker_not_found (GError                **error);

/* In studio-transcript-store-file.c: the files in the folder. Each runs in
 * a worker.
 */

GFile    *studio_transcript_store_take_clip             (StudioTranscriptStore  *self,
                                                         GFile                  *clip,
                                                         const char             *name,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
gboolean  studio_transcript_store_purge_deleted         (StudioTranscriptStore  *self,
                                                         gint64                  id,
                                                         GError                **error);
gboolean  studio_transcript_store_remove_speaker        (StudioTranscriptStore  *self,
                                                         gint64                  id,
                                                         GError                **error);

G_END_DECLS
