/* studio-chat-composer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_CHAT_COMPOSER (studio_chat_composer_get_type ())

G_DECLARE_FINAL_TYPE (StudioChatComposer, studio_chat_composer, STUDIO, CHAT_COMPOSER, GtkBox)

StudioContext *studio_chat_composer_get_context     (StudioChatComposer *self);
void           studio_chat_composer_set_context     (StudioChatComposer *self,
                                                     StudioContext      *context);
char          *studio_chat_composer_dup_text        (StudioChatComposer *self);
void           studio_chat_composer_set_text        (StudioChatComposer *self,
                                                     const char         *text);
gboolean       studio_chat_composer_is_empty        (StudioChatComposer *self);
gboolean       studio_chat_composer_get_busy        (StudioChatComposer *self);
GPtrArray     *studio_chat_composer_dup_images      (StudioChatComposer *self);
const char    *studio_chat_composer_get_detail      (StudioChatComposer *self);
void           studio_chat_composer_add_transcripts (StudioChatComposer *self,
                                                     StudioMessage      *message);
void           studio_chat_composer_clear           (StudioChatComposer *self);
void           studio_chat_composer_set_streaming   (StudioChatComposer *self,
                                                     gboolean            streaming);
void           studio_chat_composer_add_file        (StudioChatComposer *self,
                                                     GFile              *file);
void           studio_chat_composer_add_texture     (StudioChatComposer *self,
                                                     GdkTexture         *texture);
void           studio_chat_composer_focus           (StudioChatComposer *self);

G_END_DECLS
