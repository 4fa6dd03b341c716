/* studio-chat-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"
#include "studio-fake-server.h"
#include "studio-message.h"

G_BEGIN_DECLS

/* Helpers the Chat page tests (test-chat-page, test-chat-faults) share: a
 * page in a window of its own against the fake server, and the page's
 * composer and message list read and driven as the user would.
 */

/* What every Chat page case starts from. */
typedef struct
{
  StudioFakeServer *server;
  GSettings        *settings;
  StudioContext    *context;
  GtkWindow        *window;
  GtkWidget        *page;
} StudioChatFixture;

void           studio_chat_fixture_set_up        (StudioChatFixture *fixture,
                                                  const char        *api_key,
                                                  const char        *history_path);
void           studio_chat_fixture_tear_down     (StudioChatFixture *fixture);

GtkTextBuffer *studio_chat_test_composer_buffer  (GtkWidget         *page);
char          *studio_chat_test_composer_text    (GtkWidget         *page);
void           studio_chat_test_assert_composer  (GtkWidget         *page,
                                                  const char        *expected);
GListModel    *studio_chat_test_shown_messages   (GtkWidget         *page);
StudioMessage *studio_chat_test_last_message     (GtkWidget         *page);
gboolean       studio_chat_test_has_reply        (gpointer           page);
gboolean       studio_chat_test_reply_finished   (gpointer           reply);
StudioMessage *studio_chat_test_send             (GtkWidget         *page,
                                                  const char        *text);
StudioMessage *studio_chat_test_send_and_wait    (GtkWidget         *page,
                                                  const char        *text);

G_END_DECLS
