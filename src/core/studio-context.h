/* studio-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-chat-run.h"
#include "studio-connection.h"
#include "studio-history.h"
#include "studio-image-store.h"
#include "studio-model-catalog.h"
#include "studio-prices.h"
#include "studio-speech-store.h"
#include "studio-transcript-store.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CONTEXT (studio_context_get_type ())

G_DECLARE_FINAL_TYPE (StudioContext, studio_context, STUDIO, CONTEXT, GObject)

StudioContext         *studio_context_new                  (GSettings          *settings,
                                                            const char         *history_path);
void                   studio_context_start                (StudioContext      *self);
void                   studio_context_shutdown             (StudioContext      *self);
GSettings             *studio_context_get_settings         (StudioContext      *self);
StudioConnection      *studio_context_get_connection       (StudioContext      *self);
StudioClient          *studio_context_get_client           (StudioContext      *self);
StudioModelCatalog    *studio_context_get_catalog          (StudioContext      *self);
StudioHistory         *studio_context_get_history          (StudioContext      *self);
StudioImageStore      *studio_context_get_image_store      (StudioContext      *self);
StudioTranscriptStore *studio_context_get_transcript_store (StudioContext      *self);
StudioSpeechStore     *studio_context_get_speech_store     (StudioContext      *self);
GError                *studio_context_take_history_error   (StudioContext      *self);
StudioPrices          *studio_context_get_prices           (StudioContext      *self);
gboolean               studio_context_reload_prices        (StudioContext      *self,
                                                            GError            **error);
StudioChatRun         *studio_context_lookup_chat_run      (StudioContext      *self,
                                                            gint64              conversation_id);
StudioChatRun         *studio_context_start_chat_run       (StudioContext      *self,
                                                            StudioConversation *conversation,
                                                            GListStore         *messages,
                                                            StudioModel        *model,
                                                            GError            **error);
void                   studio_context_stop_chat_runs       (StudioContext      *self);

G_END_DECLS
