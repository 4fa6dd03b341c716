/* studio-message-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-message-list"

#include "config.h"

#include "studio-message-list.h"
#include "studio-message-row.h"
#include "studio-utils.h"

#define SHOWN_AT_OPEN  20
#define SHOWN_PER_PAGE 20

/* The messages of one conversation, as a list view that follows the bottom
 * while a reply grows and the reader is there.
 *
 * It shows the latest messages, from shown_from on, and earlier ones come
 * in pages as the reader scrolls up. They are kept in a store of their own
 * rather than a GtkSliceListModel, so that rows paged in or loaded later
 * are inserted at the top instead of every row being rebound.
 */
struct _StudioMessageList
{
  AdwBin             parent_instance;

  /* Owned references */
  GListStore        *messages;   /* the whole conversation, as loaded */
  GListStore        *shown;      /* messages[shown_from..], which the list shows */

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;

  guint              shown_from;
  guint              follow_tick;
  guint              fill_tick;
  double             last_scroll_value;
  guint              follow_bottom : 1;
  guint              settling : 1;  /* given new rows, not yet laid out */
};

G_DEFINE_FINAL_TYPE (StudioMessageList, studio_message_list, ADW_TYPE_BIN)

static GPtrArray *
dup_items (GListModel *model,
           guint       start,
           guint       end)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = start; i < end; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));

  return items;
}

static void
studio_message_list_show_from (StudioMessageList *self,
                               guint              from)
{
  GListModel *messages = G_LIST_MODEL (self->messages);
  guint n_items = g_list_model_get_n_items (messages);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autoptr(GPtrArray) items = NULL;

  from = MIN (from, n_items);
  if (from <= self->shown_from)
    {
      items = dup_items (messages, from, self->shown_from);
      g_list_store_splice (self->shown, 0, 0, items->pdata, items->len);
    }
  else
    {
      items = dup_items (messages, from, n_items);
      g_list_store_splice (self->shown, 0, n_shown, items->pdata, items->len);
    }
  self->shown_from = from;
}

static void
studio_message_list_show_earlier (StudioMessageList *self)
{
  studio_message_list_show_from (self, self->shown_from > SHOWN_PER_PAGE
                                       ? self->shown_from - SHOWN_PER_PAGE : 0);
}

/* A guess of how many rows fill the view can fall short: page in more
 * until the list can scroll, so that scrolling up can page in the rest.
 */
static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  StudioMessageList *self = STUDIO_MESSAGE_LIST (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* Not laid out yet: look again next frame. */
  if (self->shown_from > 0 && page_size <= 0)
    return G_SOURCE_CONTINUE;

  if (self->shown_from == 0 || gtk_adjustment_get_upper (adjustment) > page_size)
    {
      self->fill_tick = 0;
      return G_SOURCE_REMOVE;
    }

  studio_message_list_show_earlier (self);
  return G_SOURCE_CONTINUE;
}

static void
studio_message_list_fill_later (StudioMessageList *self)
{
  if (self->fill_tick == 0)
    self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, NULL, NULL);
}

static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  StudioMessageList *self = STUDIO_MESSAGE_LIST (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  self->follow_tick = 0;
  self->settling = FALSE;
  if (self->follow_bottom)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));

  return G_SOURCE_REMOVE;
}

/* Scrolls on the next frame, before layout. A list view that is given a
 * scroll position while it lays itself out keeps its rows where they were
 * and the position both, which leaves the last lines out of sight.
 */
static void
studio_message_list_follow_later (StudioMessageList *self)
{
  if (self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                      follow_tick_cb, NULL, NULL);
}

/* Keeps the shown messages the tail of the conversation as it changes. */
static void
on_messages_changed_cb (StudioMessageList *self,
                        guint              position,
                        guint              removed,
                        guint              added)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  g_autoptr(GPtrArray) items = NULL;

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "messages" : "empty");

  if (position < self->shown_from)
    {
      items = dup_items (G_LIST_MODEL (self->messages), position, n_items);
      g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                           items->pdata, items->len);
      self->shown_from = position;
      studio_message_list_fill_later (self);
      return;
    }

  items = dup_items (G_LIST_MODEL (self->messages), position, position + added);
  g_list_store_splice (self->shown, position - self->shown_from, removed, items->pdata, items->len);

  /* Fewer rows may no longer fill the view, and then it cannot scroll up. */
  if (removed > 0)
    studio_message_list_fill_later (self);
}

/* The view follows new text while the reader is at the bottom, and stays
 * put once they scroll up to read. The list has laid out its rows when it
 * changes its adjustment; only then can it be scrolled.
 */
static void
on_upper_changed_cb (StudioMessageList *self)
{
  if (self->follow_bottom || self->settling)
    studio_message_list_follow_later (self);
}

static void
on_value_changed_cb (StudioMessageList *self,
                     GtkAdjustment     *adjustment)
{
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double value = gtk_adjustment_get_value (adjustment);

  /* Only moving up stops the following: the list itself nudges the value
   * as rows grow, and that must not count as the reader leaving; nor does
   * a list given new rows starting at the top.
   */
  if (value >= bottom - 24)
    self->follow_bottom = TRUE;
  else if (value < self->last_scroll_value - 1 && !self->settling)
    self->follow_bottom = FALSE;

  self->last_scroll_value = value;
}

static void
on_edge_cb (StudioMessageList *self,
            GtkPositionType    position)
{
  /* A list given new rows starts at the top, which is no reader's doing. */
  if (position != GTK_POS_TOP || self->shown_from == 0 || self->settling)
    return;

  studio_message_list_show_earlier (self);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 StudioMessageList        *self)
{
  gtk_list_item_set_child (item, studio_message_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                StudioMessageList        *self)
{
  StudioMessageRow *row = STUDIO_MESSAGE_ROW (gtk_list_item_get_child (item));

  studio_message_row_set_message (row, gtk_list_item_get_item (item),
                                  G_LIST_MODEL (self->messages));
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  StudioMessageList        *self)
{
  studio_message_row_set_message (STUDIO_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
studio_message_list_dispose (GObject *object)
{
  StudioMessageList *self = (StudioMessageList *) object;

  /* The stack is both AdwBin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_MESSAGE_LIST);
  g_clear_object (&self->shown);
  g_clear_object (&self->messages);

  G_OBJECT_CLASS (studio_message_list_parent_class)->dispose (object);
}

static void
studio_message_list_class_init (StudioMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_message_list_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-message-list.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioMessageList, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageList, scroller);
  gtk_widget_class_bind_template_child (widget_class, StudioMessageList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_setup_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_row_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unbind_row_cb);
}

static void
studio_message_list_init (StudioMessageList *self)
{
  GtkAdjustment *adjustment;
  g_autoptr(GListStore) empty = g_list_store_new (STUDIO_TYPE_MESSAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_upper_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_value_changed_cb), self,
                           G_CONNECT_SWAPPED);

  studio_message_list_set_messages (self, empty, 0);
}

/**
 * studio_message_list_get_messages:
 *
 * Returns: (transfer none): the messages shown
 */
GListStore *
studio_message_list_get_messages (StudioMessageList *self)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE_LIST (self), NULL);

  return self->messages;
}

/**
 * studio_message_list_set_messages:
 * @self: a list
 * @messages: a conversation's messages; changes to it show
 * @wanted_message: a message to show at the top of the view (a search
 *   hit), or 0 for the latest ones at the bottom
 *
 * Shows as many of the latest messages as fill the view twice; earlier
 * ones page in as the reader scrolls up.
 */
void
studio_message_list_set_messages (StudioMessageList *self,
                                  GListStore        *messages,
                                  gint64             wanted_message)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_items, count, position;

  g_return_if_fail (STUDIO_IS_MESSAGE_LIST (self));
  g_return_if_fail (G_IS_LIST_STORE (messages));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (messages));
  count =
    MIN (SHOWN_AT_OPEN,
         studio_message_row_count_to_fill (G_LIST_MODEL (messages),
                                           gtk_widget_get_width (GTK_WIDGET (self->scroller)),
                                           gtk_widget_get_height (GTK_WIDGET (self->scroller))));

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, on_messages_changed_cb, self);
  g_set_object (&self->messages, messages);
  g_signal_connect_object (messages, "items-changed", G_CALLBACK (on_messages_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_clear_object (&self->shown);
  self->shown = g_list_store_new (STUDIO_TYPE_MESSAGE);
  self->shown_from = n_items;
  self->follow_bottom = TRUE;

  /* A search hit is at the top of the view: the window of shown messages
   * starts at it, and what came before pages in on scrolling up.
   */
  if (wanted_message != 0 && studio_message_list_find (self, wanted_message, &position))
    {
      self->follow_bottom = FALSE;
      studio_message_list_show_from (self, position);
    }
  else
    studio_message_list_show_from (self, n_items - count);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "messages" : "empty");
  studio_message_list_fill_later (self);

  /* Setting the scroll position now, before the list has laid out its new
   * rows, would confuse it; following the bottom happens as it grows.
   */
  self->settling = TRUE;
  self->last_scroll_value = 0;
}

/**
 * studio_message_list_prepend:
 * @self: a list
 * @messages: (element-type StudioMessage): earlier messages, loaded later
 *
 * Puts @messages before all the others, without changing what shows. A
 * reader already at the top was waiting for them, and sees them.
 */
void
studio_message_list_prepend (StudioMessageList *self,
                             GPtrArray         *messages)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (STUDIO_IS_MESSAGE_LIST (self));

  g_signal_handlers_block_by_func (self->messages, on_messages_changed_cb, self);
  g_list_store_splice (self->messages, 0, 0, messages->pdata, messages->len);
  g_signal_handlers_unblock_by_func (self->messages, on_messages_changed_cb, self);
  self->shown_from += messages->len;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  if (gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment))
    studio_message_list_show_earlier (self);
}

/**
 * studio_message_list_find:
 * @self: a list
 * @id: a message id
 * @position: (out) (optional): where it is in the conversation
 *
 * Returns: (transfer none) (nullable): the message with @id
 */
StudioMessage *
studio_message_list_find (StudioMessageList *self,
                          gint64             id,
                          guint             *position)
{
  g_return_val_if_fail (STUDIO_IS_MESSAGE_LIST (self), NULL);

  return studio_list_model_find_by_id (G_LIST_MODEL (self->messages),
                                       (StudioIdFunc) studio_message_get_id, id, position);
}

/**
 * studio_message_list_follow:
 * @self: a list
 * @resume: whether to follow the bottom again even if the reader left it,
 *   as for a reply the user just asked for
 *
 * Scrolls to the bottom on the next frame if following it, so that the
 * last lines of a reply that just ended show.
 */
void
studio_message_list_follow (StudioMessageList *self,
                            gboolean           resume)
{
  g_return_if_fail (STUDIO_IS_MESSAGE_LIST (self));

  if (resume)
    self->follow_bottom = TRUE;
  studio_message_list_follow_later (self);
}

/**
 * studio_message_list_update_usage:
 * @self: a list
 *
 * Shows each reply's cost again, after the prices changed.
 */
void
studio_message_list_update_usage (StudioMessageList *self)
{
  g_return_if_fail (STUDIO_IS_MESSAGE_LIST (self));

  /* The rows a list view has built are its children's children. */
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (STUDIO_IS_MESSAGE_ROW (row))
        studio_message_row_update_usage (STUDIO_MESSAGE_ROW (row));
    }
}
