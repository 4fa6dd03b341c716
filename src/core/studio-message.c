/* studio-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-message"

#include "config.h"

#include "studio-enums.h"
#include "studio-json.h"
#include "studio-message.h"
#include "studio-utils.h"

/* One message of a conversation: who said it, the text, how it ended, and
 * what came with it. `extra` holds what the API reported about a reply
 * (usage, finish_reason, refusal, tool calls, model, error), stored as JSON
 * so new fields need no schema change.
 */
/* More tokens than any reply has used, and few enough that the sum over
 * millions of replies fits a gint64.
 */
#define MAX_TOKENS G_GINT64_CONSTANT (1000000000000)

struct _StudioMessage
{
  GObject             parent_instance;

  /* Owned references */
  char               *role;
  GString            *content;
  JsonObject         *extra;
  GPtrArray          *attachments;
  char               *notice;

  gint64              id;
  StudioMessageState  state;
};

enum {
  PROP_0,
  PROP_ROLE,
  PROP_CONTENT,
  PROP_STATE,
  PROP_EXTRA,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioMessage, studio_message, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (StudioAttachment, studio_attachment,
                     studio_attachment_copy, studio_attachment_free)

StudioAttachment *
studio_attachment_new_image (const char *name,
                             const char *mime_type,
                             GBytes     *data,
                             const char *detail)
{
  StudioAttachment *self = g_new0 (StudioAttachment, 1);

  self->kind = g_strdup ("image");
  self->name = g_strdup (name);
  self->mime_type = g_strdup (mime_type);
  self->data = data ? g_bytes_ref (data) : NULL;
  self->detail = g_strdup (detail ? detail : "auto");

  return self;
}

StudioAttachment *
studio_attachment_new_transcript (const char *name,
                                  const char *text)
{
  StudioAttachment *self = g_new0 (StudioAttachment, 1);

  self->kind = g_strdup ("transcript");
  self->name = g_strdup (name);
  self->mime_type = g_strdup ("text/plain");
  self->text = g_strdup (text);

  return self;
}

StudioAttachment *
studio_attachment_copy (const StudioAttachment *self)
{
  StudioAttachment *copy = g_new0 (StudioAttachment, 1);

  copy->kind = g_strdup (self->kind);
  copy->name = g_strdup (self->name);
  copy->mime_type = g_strdup (self->mime_type);
  copy->data = self->data ? g_bytes_ref (self->data) : NULL;
  copy->text = g_strdup (self->text);
  copy->detail = g_strdup (self->detail);

  return copy;
}

void
studio_attachment_free (StudioAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->kind);
  g_free (self->name);
  g_free (self->mime_type);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->text);
  g_free (self->detail);
  g_free (self);
}

static void
studio_message_finalize (GObject *object)
{
  StudioMessage *self = (StudioMessage *) object;

  g_clear_pointer (&self->role, g_free);
  g_string_free (self->content, TRUE);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (studio_message_parent_class)->finalize (object);
}

static void
studio_message_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StudioMessage *self = STUDIO_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content->str);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_EXTRA:
      g_value_set_boxed (value, self->extra);
      break;

    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_message_class_init (StudioMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_message_finalize;
  object_class->get_property = studio_message_get_property;

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STUDIO_TYPE_MESSAGE_STATE, STUDIO_MESSAGE_STATE_COMPLETE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] =
    g_param_spec_boxed ("extra", NULL, NULL, JSON_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* What is happening to a reply in the meantime, such as a wait before a
   * retry. Never saved.
   */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_message_init (StudioMessage *self)
{
  self->content = g_string_new (NULL);
  self->extra = json_object_new ();
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_attachment_free);
}

StudioMessage *
studio_message_new (const char *role,
                    const char *content)
{
  StudioMessage *self;

  g_return_val_if_fail (role != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_MESSAGE, NULL);
  self->role = g_strdup (role);
  if (content != NULL)
    g_string_assign (self->content, content);

  return self;
}

/**
 * studio_message_get_id:
 *
 * Returns: the row id in the history, or 0 before it is stored
 */
gint64
studio_message_get_id (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), 0);

  return self->id;
}

void
studio_message_set_id (StudioMessage *self,
                       gint64         id)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  self->id = id;
}

const char *
studio_message_get_role (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return self->role;
}

const char *
studio_message_get_content (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return self->content->str;
}

void
studio_message_set_content (StudioMessage *self,
                            const char    *content)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  if (g_strcmp0 (self->content->str, content) == 0)
    return;

  g_string_assign (self->content, content ? content : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * studio_message_append_content:
 * @self: a message
 * @text: text to add at the end, such as a streamed delta
 * @length: the length of @text, or -1
 */
void
studio_message_append_content (StudioMessage *self,
                               const char    *text,
                               gssize         length)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  if (text == NULL || length == 0 || (length < 0 && *text == '\0'))
    return;

  g_string_append_len (self->content, text, length);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

StudioMessageState
studio_message_get_state (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), STUDIO_MESSAGE_STATE_COMPLETE);

  return self->state;
}

void
studio_message_set_state (StudioMessage      *self,
                          StudioMessageState  state)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  /* A notice tells of a reply on its way. */
  if (state != STUDIO_MESSAGE_STATE_STREAMING)
    studio_message_set_notice (self, NULL);
}

/**
 * studio_message_get_notice:
 * @self: a message
 *
 * Returns: (nullable): what is happening to the message while it streams,
 *   such as a wait before a retry, for the UI to show; never saved, and
 *   dropped when the message stops streaming
 */
const char *
studio_message_get_notice (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return self->notice;
}

void
studio_message_set_notice (StudioMessage *self,
                           const char    *notice)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  if (g_strcmp0 (self->notice, notice) == 0)
    return;

  g_free (self->notice);
  self->notice = g_strdup (notice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/**
 * studio_message_get_extra:
 *
 * Returns: (transfer none): what the API reported about the message
 */
JsonObject *
studio_message_get_extra (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return self->extra;
}

void
studio_message_set_extra (StudioMessage *self,
                          JsonObject    *extra)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));
  g_return_if_fail (extra != NULL);

  if (self->extra == extra)
    return;

  json_object_ref (extra);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

/**
 * studio_message_get_attachments:
 *
 * Returns: (transfer none) (element-type StudioAttachment): the attachments
 */
GPtrArray *
studio_message_get_attachments (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return self->attachments;
}

/**
 * studio_message_add_attachment:
 * @self: a message
 * @attachment: (transfer full): the attachment
 */
void
studio_message_add_attachment (StudioMessage    *self,
                               StudioAttachment *attachment)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));
  g_return_if_fail (attachment != NULL);

  g_ptr_array_add (self->attachments, attachment);
}

/* Typed reads of `extra`, so that no caller needs to know the keys of the
 * chat completions wire format. Each answers "none" for a member that is
 * missing or of another type: `extra` comes from servers and old files.
 */

/**
 * studio_message_get_model:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): the model the server said answered
 */
const char *
studio_message_get_model (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (self->extra, "model");
}

/**
 * studio_message_set_model:
 * @self: a message
 * @model: (nullable): the model that answered, or %NULL for none
 *
 * Notifies #StudioMessage:extra when the model changed.
 */
void
studio_message_set_model (StudioMessage *self,
                          const char    *model)
{
  g_return_if_fail (STUDIO_IS_MESSAGE (self));

  if (g_strcmp0 (studio_message_get_model (self), model) == 0 &&
      (model != NULL || !json_object_has_member (self->extra, "model")))
    return;

  if (model != NULL)
    json_object_set_string_member (self->extra, "model", model);
  else
    json_object_remove_member (self->extra, "model");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

/**
 * studio_message_get_usage:
 * @self: a message
 * @input_tokens: (out) (optional): the prompt tokens, or 0
 * @output_tokens: (out) (optional): the completion tokens, or 0
 *
 * Returns: whether the server reported the reply's usage
 */
gboolean
studio_message_get_usage (StudioMessage *self,
                          gint64        *input_tokens,
                          gint64        *output_tokens)
{
  JsonObject *usage;

  if (input_tokens != NULL)
    *input_tokens = 0;
  if (output_tokens != NULL)
    *output_tokens = 0;

  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), FALSE);

  if (!(usage = studio_json_get_object (self->extra, "usage")))
    return FALSE;

  /* The server's word, kept in a range that sums of them cannot overflow. */
  if (input_tokens != NULL)
    *input_tokens = CLAMP (studio_json_get_int (usage, "prompt_tokens", 0), 0, MAX_TOKENS);
  if (output_tokens != NULL)
    *output_tokens = CLAMP (studio_json_get_int (usage, "completion_tokens", 0), 0, MAX_TOKENS);

  return TRUE;
}

/**
 * studio_message_get_finish_reason:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): why the reply ended, such as
 *   "stop", "length", "content_filter" or "tool_calls"
 */
const char *
studio_message_get_finish_reason (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (self->extra, "finish_reason");
}

/**
 * studio_message_get_refusal:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): the model's reason for declining
 */
const char *
studio_message_get_refusal (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (self->extra, "refusal");
}

/**
 * studio_message_get_tool_calls:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): the tool calls the model asked for,
 *   each an object with "id", "type" and "function" ("name", "arguments")
 */
JsonArray *
studio_message_get_tool_calls (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_array (self->extra, "tool_calls");
}

static JsonObject *
studio_message_get_error (StudioMessage *self)
{
  g_assert (STUDIO_IS_MESSAGE (self));

  return studio_json_get_object (self->extra, "error");
}

/**
 * studio_message_get_error_message:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): what went wrong, for the user, when
 *   the request for this reply failed
 */
const char *
studio_message_get_error_message (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (studio_message_get_error (self), "message");
}

/**
 * studio_message_get_error_details:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): the server's own words and ids for
 *   the failure, shown under the message
 */
const char *
studio_message_get_error_details (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (studio_message_get_error (self), "details");
}

/**
 * studio_message_get_error_param:
 * @self: a message
 *
 * Returns: (transfer none) (nullable): the request parameter the server
 *   found fault with
 */
const char *
studio_message_get_error_param (StudioMessage *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), NULL);

  return studio_json_get_string (studio_message_get_error (self), "param");
}

/**
 * studio_message_get_error_code:
 * @self: a message
 *
 * Returns: the #StudioApiError code of the failure, or 0 when there is
 *   none or it was not an API error
 */
int
studio_message_get_error_code (StudioMessage *self)
{
  JsonObject *error;

  g_return_val_if_fail (STUDIO_IS_MESSAGE (self), 0);

  if (!(error = studio_message_get_error (self)))
    return 0;

  return CLAMP (studio_json_get_int (error, "code", 0), G_MININT, G_MAXINT);
}
