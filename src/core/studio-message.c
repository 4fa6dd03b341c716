/* studio-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-message"

#include "config.h"

#include "studio-enums.h"
#include "studio-message.h"

/* One message of a conversation: who said it, the text, how it ended, and
 * what came with it. `extra` holds what the API reported about a reply
 * (usage, finish_reason, refusal, tool calls, model, error), stored as JSON
 * so new fields need no schema change.
 */
struct _StudioMessage
{
  GObject             parent_instance;

  /* Owned references */
  char               *role;
  GString            *content;
  JsonObject         *extra;
  GPtrArray          *attachments;

  gint64              id;
  StudioMessageState  state;
};

enum {
  PROP_0,
  PROP_ROLE,
  PROP_CONTENT,
  PROP_STATE,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioMessage, studio_message, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (StudioAttachment, studio_attachment, studio_attachment_copy, studio_attachment_free)

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
