/* studio-conversation-sidebar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-conversation-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-conversation-row.h"
#include "studio-conversation-sidebar.h"
#include "studio-ui.h"
#include "studio-utils.h"

#define SEARCH_LIMIT 50

/* The conversations of the history, newest first, and a search over the
 * text of every message. Activating a conversation or a search hit is
 * reported with a signal; the Chat page opens it.
 */
struct _StudioConversationSidebar
{
  AdwBin          parent_instance;

  /* Owned references */
  StudioContext  *context;
  GListStore     *conversations;
  GCancellable   *search_cancellable;  /* the search being run */
  GPtrArray      *hits;                /* StudioSearchHit, one per result row */

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *conversation_list;
  GtkListBox     *result_list;
};

G_DEFINE_FINAL_TYPE (StudioConversationSidebar, studio_conversation_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CONVERSATION_ACTIVATED,
  HIT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return studio_conversation_row_new (item);
}

static void
on_conversation_activated_cb (StudioConversationSidebar *self,
                              GtkListBoxRow             *row)
{
  StudioConversation *conversation;

  conversation = studio_conversation_row_get_conversation (STUDIO_CONVERSATION_ROW (row));
  g_signal_emit (self, signals[CONVERSATION_ACTIVATED], 0, conversation);
}

/* The snippet marks matched words with U+0001 and U+0002; they become bold
 * and everything else is escaped.
 */
static char *
snippet_to_markup (const char *snippet)
{
  GString *markup = g_string_new (NULL);

  for (const char *p = snippet ? snippet : ""; *p; )
    {
      gsize run = strcspn (p, "\001\002\n");
      g_autofree char *escaped = g_markup_escape_text (p, run);

      g_string_append (markup, escaped);
      p += run;
      if (*p == '\001')
        g_string_append (markup, "<b>");
      else if (*p == '\002')
        g_string_append (markup, "</b>");
      else if (*p == '\n')
        g_string_append_c (markup, ' ');
      if (*p)
        p++;
    }

  return g_string_free (markup, FALSE);
}

static void
studio_conversation_sidebar_show_hits (StudioConversationSidebar *self,
                                       GPtrArray                 *hits)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))))
    gtk_list_box_remove (self->result_list, child);

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = g_ptr_array_ref (hits);

  for (guint i = 0; i < hits->len; i++)
    {
      StudioSearchHit *hit = g_ptr_array_index (hits, i);
      const char *title = studio_str_empty0 (hit->title) ? _("Untitled") : hit->title;
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *markup = snippet_to_markup (hit->snippet);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->result_list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "no-results");
}

static void
studio_conversation_sidebar_search_cb (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(StudioConversationSidebar) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = studio_history_search_finish (STUDIO_HISTORY (object), result, &error);
  if (hits == NULL)
    {
      if (!studio_api_error_is_cancelled (error))
        studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* The worker may finish after a newer search started, or the box cleared. */
  if (g_task_get_cancellable (G_TASK (result)) == self->search_cancellable)
    studio_conversation_sidebar_show_hits (self, hits);
}

static void
on_search_changed_cb (StudioConversationSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Only the newest search may show its results. */
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (studio_str_is_blank (text) || self->context == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "conversations");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  studio_history_search_async (studio_context_get_history (self->context), text, SEARCH_LIMIT,
                               self->search_cancellable, studio_conversation_sidebar_search_cb,
                               g_object_ref (self));
}

static void
on_result_activated_cb (StudioConversationSidebar *self,
                        GtkListBoxRow             *row)
{
  StudioSearchHit *hit = g_ptr_array_index (self->hits, gtk_list_box_row_get_index (row));
  StudioConversation *conversation;

  conversation = studio_conversation_sidebar_find (self, hit->conversation_id, NULL);
  if (conversation != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, conversation, hit->message_id);
}

static void
studio_conversation_sidebar_dispose (GObject *object)
{
  StudioConversationSidebar *self = (StudioConversationSidebar *) object;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CONVERSATION_SIDEBAR);
  g_clear_object (&self->conversations);
  g_clear_object (&self->context);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_conversation_sidebar_parent_class)->dispose (object);
}

static void
studio_conversation_sidebar_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StudioConversationSidebar *self = STUDIO_CONVERSATION_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_sidebar_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  StudioConversationSidebar *self = STUDIO_CONVERSATION_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      studio_conversation_sidebar_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_conversation_sidebar_class_init (StudioConversationSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_conversation_sidebar_dispose;
  object_class->get_property = studio_conversation_sidebar_get_property;
  object_class->set_property = studio_conversation_sidebar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioConversationSidebar::conversation-activated:
   * @conversation: the conversation to open
   */
  signals[CONVERSATION_ACTIVATED] =
    g_signal_new ("conversation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_CONVERSATION);

  /**
   * StudioConversationSidebar::hit-activated:
   * @conversation: the conversation the hit is in
   * @message_id: the message that matched
   */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, STUDIO_TYPE_CONVERSATION, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-conversation-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioConversationSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioConversationSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioConversationSidebar, conversation_list);
  gtk_widget_class_bind_template_child (widget_class, StudioConversationSidebar, result_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conversation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
}

static void
studio_conversation_sidebar_init (StudioConversationSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->conversations = g_list_store_new (STUDIO_TYPE_CONVERSATION);
  gtk_list_box_bind_model (self->conversation_list, G_LIST_MODEL (self->conversations),
                           create_row_cb, NULL, NULL);
}

/**
 * studio_conversation_sidebar_get_context:
 *
 * Returns: (transfer none) (nullable): where the conversations come from
 */
StudioContext *
studio_conversation_sidebar_get_context (StudioConversationSidebar *self)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self), NULL);

  return self->context;
}

/**
 * studio_conversation_sidebar_set_context:
 * @self: a sidebar
 * @context: (nullable): the app's services; its history is listed
 */
void
studio_conversation_sidebar_set_context (StudioConversationSidebar *self,
                                         StudioContext             *context)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));
  g_return_if_fail (context == NULL || STUDIO_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  studio_conversation_sidebar_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * studio_conversation_sidebar_reload:
 * @self: a sidebar
 *
 * Lists the conversations in the history again, for when something other
 * than the Chat page changed it.
 */
void
studio_conversation_sidebar_reload (StudioConversationSidebar *self)
{
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->conversations));
  if (self->context == NULL)
    {
      g_list_store_remove_all (self->conversations);
      return;
    }

  conversations = studio_history_list_conversations (studio_context_get_history (self->context),
                                                     &error);
  if (conversations == NULL)
    {
      g_warning ("Could not list conversations: %s", error->message);
      return;
    }

  g_list_store_splice (self->conversations, 0, n_items, conversations->pdata, conversations->len);
}

/**
 * studio_conversation_sidebar_find:
 * @self: a sidebar
 * @id: a conversation id
 * @position: (out) (optional): where it is listed
 *
 * Returns: (transfer none) (nullable): the conversation listed with @id
 */
StudioConversation *
studio_conversation_sidebar_find (StudioConversationSidebar *self,
                                  gint64                     id,
                                  guint                     *position)
{
  g_return_val_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self), NULL);

  return studio_list_model_find_by_id (G_LIST_MODEL (self->conversations),
                                       (StudioIdFunc) studio_conversation_get_id, id, position);
}

/**
 * studio_conversation_sidebar_touch:
 * @self: a sidebar
 * @conversation: a conversation just written in
 *
 * Saves @conversation and moves it to the top, where the newest are,
 * selected.
 */
void
studio_conversation_sidebar_touch (StudioConversationSidebar *self,
                                   StudioConversation        *conversation)
{
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));
  g_return_if_fail (STUDIO_IS_CONVERSATION (conversation));

  if (!studio_history_save_conversation (studio_context_get_history (self->context), conversation,
                                         &error))
    studio_ui_add_toast (GTK_WIDGET (self), error->message);

  if (studio_conversation_sidebar_find (self, studio_conversation_get_id (conversation), &position))
    {
      if (position == 0)
        return;
      g_object_ref (conversation);
      g_list_store_remove (self->conversations, position);
      g_list_store_insert (self->conversations, 0, conversation);
      g_object_unref (conversation);
    }
  else
    g_list_store_insert (self->conversations, 0, conversation);

  gtk_list_box_select_row (self->conversation_list,
                           gtk_list_box_get_row_at_index (self->conversation_list, 0));
}

/**
 * studio_conversation_sidebar_insert:
 * @self: a sidebar
 * @conversation: a conversation to list again, after an undone delete
 * @position: where it was
 */
void
studio_conversation_sidebar_insert (StudioConversationSidebar *self,
                                    StudioConversation        *conversation,
                                    guint                      position)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));
  g_return_if_fail (STUDIO_IS_CONVERSATION (conversation));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->conversations)));
  g_list_store_insert (self->conversations, position, conversation);
}

/**
 * studio_conversation_sidebar_remove:
 * @self: a sidebar
 * @position: the conversation no longer to list
 */
void
studio_conversation_sidebar_remove (StudioConversationSidebar *self,
                                    guint                      position)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));

  g_list_store_remove (self->conversations, position);
}

void
studio_conversation_sidebar_unselect (StudioConversationSidebar *self)
{
  g_return_if_fail (STUDIO_IS_CONVERSATION_SIDEBAR (self));

  gtk_list_box_unselect_all (self->conversation_list);
}
