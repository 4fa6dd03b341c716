/* studio-chat-page-read.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-page-private.h"
#include "studio-ui.h"

/* Read Aloud: any assistant message read with the user's Speech settings,
 * through the window's StudioSpeechSession. A reply still streaming is
 * read from its first complete sentence on and followed as it grows; its
 * text changes are handed to the session until it ends. Stopping the
 * reply, opening another conversation or deleting the message stops the
 * reading; reading another message (here or in another conversation)
 * stops the first, since the session reads one thing at a time.
 */

static void
reading_update (StudioChatPage *self)
{
  StudioMessage *message = self->reading;
  gboolean final;

  if (message == NULL || self->speech_session == NULL)
    return;

  final = studio_message_get_state (message) != STUDIO_MESSAGE_STATE_STREAMING;
  studio_speech_session_follow_update (self->speech_session, message,
                                       studio_message_get_content (message) ?: "", final);
}

static void
reading_forget (StudioChatPage *self)
{
  if (self->reading == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->reading, self);
  g_clear_object (&self->reading);
}

/* The session let go of the message: another one is read, or it stopped. */
static void
session_owner_cb (StudioChatPage *self)
{
  if (self->reading != NULL &&
      studio_speech_session_get_owner (self->speech_session) != self->reading)
    reading_forget (self);
}

static void
session_failed_cb (StudioChatPage *self,
                   const GError   *error)
{
  AdwToast *toast;
  GtkWidget *overlay;
  g_autofree char *title = NULL;

  if (self->reading == NULL)
    return;

  title = g_strdup_printf (_("Could not read aloud: %s"), error->message);
  toast = studio_ui_toast_new (title);
  adw_toast_set_button_label (toast, _("Speech Settings"));
  adw_toast_set_action_name (toast, "win.workspace");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("speech"));
  adw_toast_set_timeout (toast, 0);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/**
 * studio_chat_page_stop_reading:
 * @self: the Chat page
 *
 * Stops Read Aloud of a message of this page, if one is being read.
 */
void
studio_chat_page_stop_reading (StudioChatPage *self)
{
  if (self->reading != NULL && self->speech_session != NULL)
    studio_speech_session_stop_owner (self->speech_session, self->reading);
  reading_forget (self);
}

/**
 * studio_chat_page_read_aloud:
 * @self: the Chat page
 * @message: an assistant message of the conversation shown
 *
 * Reads @message aloud, from what it has so far if it is still streaming.
 */
void
studio_chat_page_read_aloud (StudioChatPage *self,
                             StudioMessage  *message)
{
  g_autoptr(GError) error = NULL;
  gint64 conversation_id = self->conversation ? studio_conversation_get_id (self->conversation) : 0;

  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (STUDIO_IS_MESSAGE (message));

  if (self->speech_session == NULL)
    return;

  studio_chat_page_stop_reading (self);
  if (studio_speech_session_follow (self->speech_session, message, conversation_id, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read aloud: %s"), error->message);

      studio_ui_add_toast (GTK_WIDGET (self), text);
      return;
    }

  self->reading = g_object_ref (message);
  g_signal_connect_object (message, "notify::content", G_CALLBACK (reading_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (message, "notify::state", G_CALLBACK (reading_update), self,
                           G_CONNECT_SWAPPED);
  reading_update (self);
}

/**
 * studio_chat_page_get_reading:
 *
 * Returns: (transfer none) (nullable): the message being read aloud
 */
StudioMessage *
studio_chat_page_get_reading (StudioChatPage *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_PAGE (self), NULL);
  return self->reading;
}

/**
 * studio_chat_page_set_speech_session:
 * @self: the Chat page
 * @session: (nullable): the window's speech session
 *
 * Gives the page what Read Aloud speaks with.
 */
void
studio_chat_page_set_speech_session (StudioChatPage      *self,
                                     StudioSpeechSession *session)
{
  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (!session || STUDIO_IS_SPEECH_SESSION (session));

  if (self->speech_session == session)
    return;

  studio_chat_page_stop_reading (self);
  if (self->speech_session != NULL)
    g_signal_handlers_disconnect_by_data (self->speech_session, self);
  g_set_object (&self->speech_session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::owner", G_CALLBACK (session_owner_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "failed", G_CALLBACK (session_failed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}
