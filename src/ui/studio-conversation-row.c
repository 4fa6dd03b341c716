/* studio-conversation-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-conversation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-conversation-row.h"

/* A conversation in the sidebar: its title, and a menu whose items act on
 * it through the Chat page's actions, which take its id.
 */
struct _StudioConversationRow
{
  GtkListBoxRow       parent_instance;

  /* Owned references */
  StudioConversation *conversation;

  /* Template widgets */
  GtkLabel           *title_label;
  GtkMenuButton      *menu_button;
};

G_DEFINE_FINAL_TYPE (StudioConversationRow, studio_conversation_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CONVERSATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_conversation_row_constructed (GObject *object)
{
  StudioConversationRow *self = STUDIO_CONVERSATION_ROW (object);
  gint64 id = studio_conversation_get_id (self->conversation);
  g_autoptr(GMenu) menu = g_menu_new ();
  static const struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Rename…"), "chat.rename-conversation" },
    { N_("Export as _Markdown…"), "chat.export-markdown" },
    { N_("Export as _JSON…"), "chat.export-json" },
    { N_("_Delete"), "chat.delete-conversation" },
  };

  G_OBJECT_CLASS (studio_conversation_row_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->title_label, NULL, -1);
  g_object_bind_property (self->conversation, "title", self->title_label, "label",
                          G_BINDING_SYNC_CREATE);
}

static void
studio_conversation_row_dispose (GObject *object)
{
  StudioConversationRow *self = (StudioConversationRow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CONVERSATION_ROW);
  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (studio_conversation_row_parent_class)->dispose (object);
}

static void
studio_conversation_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StudioConversationRow *self = STUDIO_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      g_value_set_object (value, self->conversation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StudioConversationRow *self = STUDIO_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONVERSATION:
      self->conversation = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_row_class_init (StudioConversationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_conversation_row_constructed;
  object_class->dispose = studio_conversation_row_dispose;
  object_class->get_property = studio_conversation_row_get_property;
  object_class->set_property = studio_conversation_row_set_property;

  properties[PROP_CONVERSATION] =
    g_param_spec_object ("conversation", NULL, NULL,
                         STUDIO_TYPE_CONVERSATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-conversation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioConversationRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, StudioConversationRow, menu_button);
}

static void
studio_conversation_row_init (StudioConversationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * studio_conversation_row_new:
 * @conversation: a saved conversation
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
studio_conversation_row_new (StudioConversation *conversation)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION (conversation), NULL);

  return g_object_new (STUDIO_TYPE_CONVERSATION_ROW,
                       "conversation", conversation,
                       NULL);
}

/**
 * studio_conversation_row_get_conversation:
 *
 * Returns: (transfer none): the conversation shown
 */
StudioConversation *
studio_conversation_row_get_conversation (StudioConversationRow *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION_ROW (self), NULL);

  return self->conversation;
}
