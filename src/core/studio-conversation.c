/* studio-conversation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-conversation"

#include "config.h"

#include "studio-conversation.h"
#include "studio-utils.h"

/* A conversation as the sidebar lists it: its title, the model and system
 * prompt it uses, the parameter values chosen for it, and when it last
 * changed. Its messages are loaded from the history when it is opened.
 */
struct _StudioConversation
{
  GObject     parent_instance;

  /* Owned references */
  char       *title;
  char       *model;
  char       *system_prompt;
  JsonObject *settings;

  gint64      id;
  gint64      updated;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MODEL,
  PROP_SYSTEM_PROMPT,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioConversation, studio_conversation, G_TYPE_OBJECT)

static void
studio_conversation_finalize (GObject *object)
{
  StudioConversation *self = (StudioConversation *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->system_prompt, g_free);
  g_clear_pointer (&self->settings, json_object_unref);

  G_OBJECT_CLASS (studio_conversation_parent_class)->finalize (object);
}

static void
studio_conversation_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StudioConversation *self = STUDIO_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_SYSTEM_PROMPT:
      g_value_set_string (value, self->system_prompt);
      break;

    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StudioConversation *self = STUDIO_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      studio_conversation_set_title (self, g_value_get_string (value));
      break;

    case PROP_MODEL:
      studio_conversation_set_model (self, g_value_get_string (value));
      break;

    case PROP_SYSTEM_PROMPT:
      studio_conversation_set_system_prompt (self, g_value_get_string (value));
      break;

    case PROP_UPDATED:
      studio_conversation_set_updated (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_class_init (StudioConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_conversation_finalize;
  object_class->get_property = studio_conversation_get_property;
  object_class->set_property = studio_conversation_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SYSTEM_PROMPT] =
    g_param_spec_string ("system-prompt", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_conversation_init (StudioConversation *self)
{
  self->title = g_strdup ("");
  self->system_prompt = g_strdup ("");
  self->settings = json_object_new ();
}

StudioConversation *
studio_conversation_new (void)
{
  return g_object_new (STUDIO_TYPE_CONVERSATION, NULL);
}

/**
 * studio_conversation_get_id:
 *
 * Returns: the row id in the history, or 0 before it is stored
 */
gint64
studio_conversation_get_id (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), 0);

  return self->id;
}

void
studio_conversation_set_id (StudioConversation *self,
                            gint64              id)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));

  self->id = id;
}

const char *
studio_conversation_get_title (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), NULL);

  return self->title;
}

void
studio_conversation_set_title (StudioConversation *self,
                               const char         *title)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));

  if (studio_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
studio_conversation_get_model (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), NULL);

  return self->model;
}

void
studio_conversation_set_model (StudioConversation *self,
                               const char         *model)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));

  if (studio_set_str (&self->model, model))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
studio_conversation_get_system_prompt (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), NULL);

  return self->system_prompt;
}

void
studio_conversation_set_system_prompt (StudioConversation *self,
                                       const char         *system_prompt)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));

  if (studio_set_str (&self->system_prompt, system_prompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_PROMPT]);
}

/**
 * studio_conversation_get_settings:
 *
 * Returns: (transfer none): the request parameter values chosen for this
 *   conversation, by parameter name
 */
JsonObject *
studio_conversation_get_settings (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), NULL);

  return self->settings;
}

void
studio_conversation_set_settings (StudioConversation *self,
                                  JsonObject         *settings)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));
  g_return_if_fail (settings != NULL);

  json_object_ref (settings);
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = settings;
}

gint64
studio_conversation_get_updated (StudioConversation *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (self), 0);

  return self->updated;
}

void
studio_conversation_set_updated (StudioConversation *self,
                                 gint64              updated)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION (self));

  if (self->updated == updated)
    return;

  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}
