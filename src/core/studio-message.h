/* studio-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * StudioMessageState:
 * @STUDIO_MESSAGE_STATE_COMPLETE: finished normally
 * @STUDIO_MESSAGE_STATE_STREAMING: a reply still arriving
 * @STUDIO_MESSAGE_STATE_STOPPED: the user stopped the reply; the text so far is kept
 * @STUDIO_MESSAGE_STATE_INTERRUPTED: the app or the connection died mid-reply
 * @STUDIO_MESSAGE_STATE_FAILED: the request failed; the error is in the extra data
 */
typedef enum
{
  STUDIO_MESSAGE_STATE_COMPLETE,
  STUDIO_MESSAGE_STATE_STREAMING,
  STUDIO_MESSAGE_STATE_STOPPED,
  STUDIO_MESSAGE_STATE_INTERRUPTED,
  STUDIO_MESSAGE_STATE_FAILED,
} StudioMessageState;

/**
 * StudioAttachment:
 * @kind: "image" or "transcript"
 * @name: the file's display name
 * @mime_type: the content type
 * @data: (nullable): the bytes of an image
 * @text: (nullable): the text of a transcript
 * @detail: (nullable): the image detail level: "auto", "low" or "high"
 *
 * Something the user attached to a message, stored with it.
 */
typedef struct
{
  char   *kind;
  char   *name;
  char   *mime_type;
  GBytes *data;
  char   *text;
  char   *detail;
} StudioAttachment;

#define STUDIO_TYPE_ATTACHMENT (studio_attachment_get_type ())

GType             studio_attachment_get_type (void) G_GNUC_CONST;
StudioAttachment *studio_attachment_new_image (const char       *name,
                                               const char       *mime_type,
                                               GBytes           *data,
                                               const char       *detail);
StudioAttachment *studio_attachment_new_transcript (const char   *name,
                                                    const char   *text);
StudioAttachment *studio_attachment_copy      (const StudioAttachment *self);
void              studio_attachment_free      (StudioAttachment       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioAttachment, studio_attachment_free)

#define STUDIO_TYPE_MESSAGE (studio_message_get_type ())

G_DECLARE_FINAL_TYPE (StudioMessage, studio_message, STUDIO, MESSAGE, GObject)

StudioMessage      *studio_message_new             (const char         *role,
                                                    const char         *content);
gint64              studio_message_get_id          (StudioMessage      *self);
void                studio_message_set_id          (StudioMessage      *self,
                                                    gint64              id);
const char         *studio_message_get_role        (StudioMessage      *self);
const char         *studio_message_get_content     (StudioMessage      *self);
void                studio_message_set_content     (StudioMessage      *self,
                                                    const char         *content);
void                studio_message_append_content  (StudioMessage      *self,
                                                    const char         *text,
                                                    gssize              length);
StudioMessageState  studio_message_get_state       (StudioMessage      *self);
void                studio_message_set_state       (StudioMessage      *self,
                                                    StudioMessageState  state);
const char         *studio_message_get_notice      (StudioMessage      *self);
void                studio_message_set_notice      (StudioMessage      *self,
                                                    const char         *notice);
JsonObject         *studio_message_get_extra       (StudioMessage      *self);
void                studio_message_set_extra       (StudioMessage      *self,
                                                    JsonObject         *extra);
GPtrArray          *studio_message_get_attachments (StudioMessage      *self);
void                studio_message_add_attachment  (StudioMessage      *self,
                                                    StudioAttachment   *attachment);
const char         *studio_message_get_model       (StudioMessage      *self);
void                studio_message_set_model       (StudioMessage      *self,
                                                    const char         *model);
gboolean            studio_message_get_usage       (StudioMessage      *self,
                                                    gint64             *input_tokens,
                                                    gint64             *output_tokens);
const char         *studio_message_get_finish_reason (StudioMessage    *self);
const char         *studio_message_get_refusal     (StudioMessage      *self);
JsonArray          *studio_message_get_tool_calls  (StudioMessage      *self);
const char         *studio_message_get_error_message (StudioMessage    *self);
const char         *studio_message_get_error_details (StudioMessage    *self);
const char         *studio_message_get_error_param (StudioMessage      *self);
int                 studio_message_get_error_code  (StudioMessage      *self);

G_END_DECLS
