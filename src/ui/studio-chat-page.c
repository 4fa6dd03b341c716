/* studio-chat-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-page"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-application.h"
#include "studio-chat-page.h"
#include "studio-chat-request.h"
#include "studio-chat-stream.h"
#include "studio-file-list.h"
#include "studio-json.h"
#include "studio-markdown-view.h"
#include "studio-message-row.h"
#include "studio-model-picker.h"
#include "studio-parameter-list.h"
#include "studio-prices.h"
#include "studio-utils.h"

#define SAVE_INTERVAL_MS   1000
#define DRAFT_SAVE_MS      500
#define MAX_IMAGE_BYTES    (20 * 1024 * 1024)
#define MAX_IMAGE_SIDE     2048
#define MAX_TITLE_CHARS    48
#define SEARCH_LIMIT       50
#define LOADED_AT_OPEN     40
#define SHOWN_AT_OPEN      20
#define SHOWN_PER_PAGE     20

/* The Chat workspace: conversations in a sidebar with full-text search, the
 * messages of the open one, and a composer. Replies stream into a message
 * that is saved at least every second, so a crash loses at most the last
 * second of a reply. Each conversation can stream on its own: switching
 * away leaves its reply running, and its live message list is kept.
 */
struct _StudioChatPage
{
  AdwBin              parent_instance;

  /* Owned references */
  GCancellable       *cancellable;
  GCancellable       *load_cancellable;    /* the conversation being opened */
  GCancellable       *search_cancellable;  /* the search being run */
  GCancellable       *draft_cancellable;   /* the draft being written */
  GListStore         *conversations;
  StudioConversation *conversation;   /* the one shown, or NULL for a new one */
  GListStore         *messages;       /* of the one shown */
  GListStore         *shown;          /* messages[shown_from..], which the list shows */
  JsonObject         *draft_settings; /* parameters for a conversation not yet saved */
  GHashTable         *runs;           /* conversation id → Run */

  /* Borrowed references */
  StudioApplication  *application;
  StudioHistory      *history;

  /* Template widgets */
  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkStack           *sidebar_stack;
  GtkListBox         *conversation_list;
  GtkListBox         *result_list;
  StudioModelPicker  *model_picker;
  GtkTextView        *system_prompt_view;
  StudioParameterList *parameter_list;
  GtkStack           *content_stack;
  GtkScrolledWindow  *messages_scroller;
  GtkListView        *message_list;
  StudioFileList     *file_list;
  GtkTextView        *composer_view;
  GtkDropDown        *detail_dropdown;
  GtkLabel           *cost_label;
  GtkStack           *send_stack;

  GHashTable         *transcripts;    /* GFile → text of dropped audio, NULL while running */

  gint64              wanted_message;  /* a search hit to show once loaded */
  guint               shown_from;
  guint               transcribing;
  guint               draft_source;
  guint               follow_tick;
  guint               fill_tick;
  guint               settling : 1;     /* a list given new rows, not yet laid out */
  double              last_scroll_value;
  guint               follow_bottom : 1;
  guint               preparing : 1;
};

G_DEFINE_FINAL_TYPE (StudioChatPage, studio_chat_page, ADW_TYPE_BIN)

static void studio_chat_page_update_actions (StudioChatPage *self);
static void studio_chat_page_start_reply    (StudioChatPage *self);
static void studio_chat_page_update_cost    (StudioChatPage *self);
static void studio_chat_page_follow_later   (StudioChatPage *self);
static void studio_chat_page_scroll_to_wanted (StudioChatPage *self);
static void studio_chat_page_fill_later     (StudioChatPage *self);
static void studio_chat_page_add_texture    (StudioChatPage *self,
                                             GdkTexture     *texture);

/* A reply being streamed, independent of what the page shows. */
typedef struct
{
  StudioChatPage   *page;        /* weak */
  StudioHistory    *history;
  GListStore       *messages;
  StudioMessage    *reply;
  StudioChatStream *stream;
  GCancellable     *cancellable;
  gint64            conversation_id;
  guint             save_source;
} Run;

static void
run_free (Run *run)
{
  g_clear_weak_pointer (&run->page);
  g_clear_handle_id (&run->save_source, g_source_remove);
  g_clear_object (&run->history);
  g_clear_object (&run->messages);
  g_clear_object (&run->reply);
  g_clear_object (&run->stream);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static void
run_save (Run *run)
{
  g_autoptr(GError) error = NULL;

  if (!studio_history_save_message (run->history, run->conversation_id, run->reply, &error))
    g_warning ("Could not save the reply: %s", error->message);
}

static gboolean
run_save_cb (gpointer user_data)
{
  Run *run = user_data;

  run->save_source = 0;
  run_save (run);

  return G_SOURCE_REMOVE;
}

static void
run_content_cb (Run *run)
{
  if (run->save_source == 0)
    run->save_source = g_timeout_add (SAVE_INTERVAL_MS, run_save_cb, run);
}

static AdwToastOverlay *
studio_chat_page_get_toasts (StudioChatPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY));
}

static void
studio_chat_page_toast (StudioChatPage *self,
                        const char     *text)
{
  AdwToastOverlay *overlay = studio_chat_page_get_toasts (self);
  /* Toast titles are Pango markup; file names and server words are not. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (escaped));
  else
    g_message ("%s", text);
}

static Run *
studio_chat_page_get_run (StudioChatPage *self)
{
  if (self->conversation == NULL)
    return NULL;

  return g_hash_table_lookup (self->runs, &(gint64) { studio_conversation_get_id (self->conversation) });
}

static void
run_finished_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  StudioChatPage *page = run->page;
  g_autoptr(GError) error = NULL;

  studio_chat_stream_run_finish (STUDIO_CHAT_STREAM (object), result, &error);
  g_clear_handle_id (&run->save_source, g_source_remove);
  g_signal_handlers_disconnect_by_data (run->reply, run);
  run_save (run);

  if (error != NULL && !studio_api_error_is_cancelled (error))
    g_debug ("Reply failed: %s", error->message);

  /* The page may be gone (window closed): the reply was saved all the same. */
  if (page != NULL)
    {
      g_hash_table_remove (page->runs, &run->conversation_id);
      studio_chat_page_follow_later (page);
      studio_chat_page_update_cost (page);
      studio_chat_page_update_actions (page);
    }
  else
    run_free (run);
}

static char *
studio_chat_page_dup_composer_text (StudioChatPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Whether the conversation shown is changing under the reader: a reply is
 * being prepared or streamed, or earlier messages are still loading.
 */
static gboolean
studio_chat_page_is_busy (StudioChatPage *self)
{
  return self->preparing || self->load_cancellable != NULL || studio_chat_page_get_run (self) != NULL;
}

static void
studio_chat_page_update_actions (StudioChatPage *self)
{
  g_autofree char *text = studio_chat_page_dup_composer_text (self);
  gboolean streaming = studio_chat_page_get_run (self) != NULL;
  gboolean has_attachments = g_list_model_get_n_items (studio_file_list_get_files (self->file_list)) > 0;
  gboolean has_model = studio_model_picker_get_selected (self->model_picker) != NULL;
  gboolean loading = self->load_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.send",
                                 !streaming && !loading && !self->preparing && self->transcribing == 0 && has_model &&
                                 (!text_is_blank (text) || has_attachments));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chat.stop", streaming);
  gtk_stack_set_visible_child_name (self->send_stack, streaming ? "stop" : "send");
}

static JsonObject *
studio_chat_page_get_settings (StudioChatPage *self)
{
  return self->conversation ? studio_conversation_get_settings (self->conversation) : self->draft_settings;
}

/* The parameter rows are built when the popover opens, not on every change
 * of model or conversation: most of those never look at them.
 */
static void
studio_chat_page_bind_parameters (StudioChatPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->parameter_list)))
    return;

  studio_parameter_list_bind (self->parameter_list, studio_model_picker_get_selected (self->model_picker),
                              studio_chat_page_get_settings (self));
}

static void
on_parameters_changed_cb (StudioChatPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->conversation != NULL &&
      !studio_history_save_conversation (self->history, self->conversation, &error))
    studio_chat_page_toast (self, error->message);
}

/* Conversations ----------------------------------------------------------- */

static GtkWidget *
create_conversation_row (gpointer item,
                         gpointer user_data)
{
  StudioConversation *conversation = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  gint64 id = studio_conversation_get_id (conversation);
  static const struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Rename…"), "chat.rename-conversation" },
    { N_("Export as _Markdown…"), "chat.export-markdown" },
    { N_("Export as _JSON…"), "chat.export-json" },
    { N_("_Delete"), "chat.delete-conversation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("%s(int64 %" G_GINT64_FORMAT ")", items[i].action, id);

      g_menu_append (menu, _(items[i].label), detailed);
    }

  g_object_bind_property (conversation, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Conversation Menu"));
  gtk_widget_add_css_class (menu_button, "flat");

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "conversation", conversation);

  return row;
}

/* Finds an item of @model by the id @get_id gives it. The pointer is
 * borrowed: @model keeps its reference.
 */
typedef gint64 (*IdFunc) (gpointer item);

static gpointer
find_by_id (GListModel *model,
            IdFunc      get_id,
            gint64      id,
            guint      *position)
{
  guint n_items = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (get_id (item) == id)
        {
          if (position)
            *position = i;
          return item;
        }
    }

  return NULL;
}

static StudioConversation *
studio_chat_page_find_conversation (StudioChatPage *self,
                                    gint64          id,
                                    guint          *position)
{
  return find_by_id (G_LIST_MODEL (self->conversations), (IdFunc) studio_conversation_get_id, id, position);
}

static StudioMessage *
studio_chat_page_find_message (StudioChatPage *self,
                               gint64          id,
                               guint          *position)
{
  return find_by_id (G_LIST_MODEL (self->messages), (IdFunc) studio_message_get_id, id, position);
}

static void
studio_chat_page_scroll_to_bottom (StudioChatPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->messages_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/* The conversation's tokens and estimated cost, from each reply's usage. */
static void
studio_chat_page_update_cost (StudioChatPage *self)
{
  guint n_items = self->messages ? g_list_model_get_n_items (G_LIST_MODEL (self->messages)) : 0;
  gint64 input = 0, output = 0;
  double cost = 0;
  gboolean priced = TRUE;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages), i);
      JsonObject *extra = studio_message_get_extra (message);
      JsonObject *usage = studio_json_get_object (extra, "usage");
      gint64 in, out;
      double one;

      if (usage == NULL)
        continue;

      in = json_object_get_int_member_with_default (usage, "prompt_tokens", 0);
      out = json_object_get_int_member_with_default (usage, "completion_tokens", 0);
      one = studio_prices_estimate (studio_prices_get_default (), studio_json_get_string (extra, "model"), in, out);
      input += in;
      output += out;
      if (one < 0)
        priced = FALSE;
      else
        cost += one;
    }

  if (input + output > 0)
    text = priced ? g_strdup_printf (_("%" G_GINT64_FORMAT " tokens · about $%.4f"), input + output, cost)
                  : g_strdup_printf (_("%" G_GINT64_FORMAT " tokens"), input + output);

  gtk_label_set_label (self->cost_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cost_label), text != NULL);
}

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

/* The list shows the latest messages, from shown_from on, and earlier ones
 * come in pages as the reader scrolls up. They are kept in a store of
 * their own rather than a GtkSliceListModel, so that rows paged in or
 * loaded later are inserted at the top instead of every row being rebound.
 */
static void
studio_chat_page_show_from (StudioChatPage *self,
                            guint           from)
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

/* Keeps the shown messages the tail of the conversation as it changes. */
static void
on_messages_changed_cb (StudioChatPage *self,
                        guint           position,
                        guint           removed,
                        guint           added)
{
  g_autoptr(GPtrArray) items = NULL;

  if (position < self->shown_from)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

      items = dup_items (G_LIST_MODEL (self->messages), position, n_items);
      g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                           items->pdata, items->len);
      self->shown_from = position;
      studio_chat_page_fill_later (self);
      return;
    }

  items = dup_items (G_LIST_MODEL (self->messages), position, position + added);
  g_list_store_splice (self->shown, position - self->shown_from, removed, items->pdata, items->len);

  /* Fewer rows may no longer fill the view, and then it cannot scroll up. */
  if (removed > 0)
    studio_chat_page_fill_later (self);
}

static void
studio_chat_page_show_earlier (StudioChatPage *self)
{
  studio_chat_page_show_from (self, self->shown_from > SHOWN_PER_PAGE ? self->shown_from - SHOWN_PER_PAGE : 0);
}

/* A guess of how many rows fill the view can fall short: page in more
 * until the list can scroll, so that scrolling up can page in the rest.
 */
static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->messages_scroller);
  double page_size = gtk_adjustment_get_page_size (adjustment);

  /* Not laid out yet: look again next frame. */
  if (self->shown_from > 0 && page_size <= 0)
    return G_SOURCE_CONTINUE;

  if (self->shown_from == 0 || gtk_adjustment_get_upper (adjustment) > page_size)
    {
      self->fill_tick = 0;
      return G_SOURCE_REMOVE;
    }

  studio_chat_page_show_earlier (self);
  return G_SOURCE_CONTINUE;
}

static void
studio_chat_page_fill_later (StudioChatPage *self)
{
  if (self->fill_tick == 0)
    self->fill_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, NULL, NULL);
}

static void
studio_chat_page_show_messages (StudioChatPage *self,
                                GListStore     *messages)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (messages));
  guint count = MIN (SHOWN_AT_OPEN,
                     studio_message_row_count_to_fill (G_LIST_MODEL (messages),
                                                       gtk_widget_get_width (GTK_WIDGET (self->messages_scroller)),
                                                       gtk_widget_get_height (GTK_WIDGET (self->messages_scroller))));

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_func (self->messages, on_messages_changed_cb, self);
  g_set_object (&self->messages, messages);
  g_signal_connect_object (messages, "items-changed", G_CALLBACK (on_messages_changed_cb), self, G_CONNECT_SWAPPED);

  g_clear_object (&self->shown);
  self->shown = g_list_store_new (STUDIO_TYPE_MESSAGE);
  self->shown_from = n_items;
  studio_chat_page_show_from (self, n_items - count);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->message_list, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->content_stack, n_items > 0 ? "messages" : "empty");
  studio_chat_page_fill_later (self);

  /* Setting the scroll position now, before the list has laid out its new
   * rows, would confuse it; following the bottom happens as it grows.
   */
  self->follow_bottom = TRUE;
  self->settling = TRUE;
  self->last_scroll_value = 0;
  studio_chat_page_scroll_to_wanted (self);
  studio_chat_page_update_cost (self);
  studio_chat_page_update_actions (self);
}

static gboolean
studio_chat_page_finish_load (StudioChatPage  *self,
                              GObject         *history,
                              GAsyncResult    *result,
                              GPtrArray      **messages)
{
  g_autoptr(GError) error = NULL;

  *messages = studio_history_load_messages_finish (STUDIO_HISTORY (history), result, &error);

  /* Without all its messages a conversation is not sent on: a reply would
   * go out with part of it. It stays busy until it is opened again.
   */
  if (*messages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The conversation could not be loaded: %s Open it again to retry."),
                                                   error->message);

          studio_chat_page_toast (self, text);
        }
      return FALSE;
    }

  /* A later open cancelled this one; its result is no longer wanted. */
  return g_task_get_cancellable (G_TASK (result)) == self->load_cancellable;
}

static void
studio_chat_page_load_earlier_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;

  if (!studio_chat_page_finish_load (self, object, result, &messages))
    return;

  /* They go before everything shown, so nothing shown changes. */
  g_signal_handlers_block_by_func (self->messages, on_messages_changed_cb, self);
  g_list_store_splice (self->messages, 0, 0, messages->pdata, messages->len);
  g_signal_handlers_unblock_by_func (self->messages, on_messages_changed_cb, self);
  self->shown_from += messages->len;

  /* A reader who already scrolled to the top was waiting for them. */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->messages_scroller);

    if (gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment))
      studio_chat_page_show_earlier (self);
  }

  g_clear_object (&self->load_cancellable);
  studio_chat_page_update_cost (self);
  studio_chat_page_update_actions (self);
}

/* The latest messages show first; the rest, which a reply sends along,
 * loads after. Until it has, nothing can be sent.
 */
static void
studio_chat_page_load_latest_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GListStore) store = NULL;
  gboolean complete;

  if (!studio_chat_page_finish_load (self, object, result, &messages))
    return;

  complete = messages->len < LOADED_AT_OPEN || self->wanted_message != 0;
  if (complete)
    g_clear_object (&self->load_cancellable);
  else
    studio_history_load_messages_async (self->history, studio_conversation_get_id (self->conversation),
                                        studio_message_get_id (g_ptr_array_index (messages, 0)), 0,
                                        self->load_cancellable, studio_chat_page_load_earlier_cb,
                                        g_object_ref (self));

  store = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_list_store_splice (store, 0, 0, messages->pdata, messages->len);
  studio_chat_page_show_messages (self, store);
}

static void
studio_chat_page_open (StudioChatPage     *self,
                       StudioConversation *conversation)
{
  Run *run;
  GtkTextBuffer *prompt = gtk_text_view_get_buffer (self->system_prompt_view);
  g_autoptr(GListStore) empty = g_list_store_new (STUDIO_TYPE_MESSAGE);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_set_object (&self->conversation, conversation);

  /* Until the messages are loaded nothing of the last conversation shows,
   * so none of its messages can be acted on under the new one's name.
   */
  studio_chat_page_show_messages (self, empty);

  gtk_text_buffer_set_text (prompt, conversation ? studio_conversation_get_system_prompt (conversation) : "", -1);
  if (conversation != NULL && studio_conversation_get_model (conversation) != NULL)
    studio_model_picker_select_id (self->model_picker, studio_conversation_get_model (conversation));
  studio_chat_page_bind_parameters (self);

  if (conversation == NULL)
    {
      gtk_list_box_unselect_all (self->conversation_list);
      return;
    }

  /* A conversation still streaming shows its live messages. */
  if ((run = studio_chat_page_get_run (self)))
    {
      studio_chat_page_show_messages (self, run->messages);
      return;
    }

  /* A search hit may be anywhere, so then it all loads at once. */
  self->load_cancellable = g_cancellable_new ();
  studio_history_load_messages_async (self->history, studio_conversation_get_id (conversation),
                                      0, self->wanted_message != 0 ? 0 : LOADED_AT_OPEN,
                                      self->load_cancellable, studio_chat_page_load_latest_cb,
                                      g_object_ref (self));
  studio_chat_page_update_actions (self);
}

static void
on_conversation_activated_cb (StudioChatPage *self,
                              GtkListBoxRow  *row)
{
  studio_chat_page_open (self, g_object_get_data (G_OBJECT (row), "conversation"));
}

static void
studio_chat_page_load_conversations (StudioChatPage *self)
{
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;

  conversations = studio_history_list_conversations (self->history, &error);
  if (conversations == NULL)
    {
      g_warning ("Could not list conversations: %s", error->message);
      return;
    }

  g_list_store_splice (self->conversations, 0, g_list_model_get_n_items (G_LIST_MODEL (self->conversations)),
                       conversations->pdata, conversations->len);
}

/* Moves a conversation to the top of the sidebar, where the newest are. */
static void
studio_chat_page_touch (StudioChatPage     *self,
                        StudioConversation *conversation)
{
  g_autoptr(GError) error = NULL;
  guint position;

  if (!studio_history_save_conversation (self->history, conversation, &error))
    studio_chat_page_toast (self, error->message);

  if (studio_chat_page_find_conversation (self, studio_conversation_get_id (conversation), &position))
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

  gtk_list_box_select_row (self->conversation_list, gtk_list_box_get_row_at_index (self->conversation_list, 0));
}

/* Search ------------------------------------------------------------------ */

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
studio_chat_page_search_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  hits = studio_history_search_finish (STUDIO_HISTORY (object), result, &error);
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_chat_page_toast (self, error->message);
      return;
    }

  /* The worker may finish after a newer search started, or the box cleared. */
  if (g_task_get_cancellable (G_TASK (result)) != self->search_cancellable)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))))
    gtk_list_box_remove (self->result_list, child);

  for (guint i = 0; i < hits->len; i++)
    {
      StudioSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *markup = snippet_to_markup (hit->snippet);
      GtkWidget *row = adw_action_row_new ();

      g_autofree char *title = g_markup_escape_text (hit->title && *hit->title ? hit->title : _("Untitled"), -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "conversation-id", g_memdup2 (&hit->conversation_id, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (row), "message-id", g_memdup2 (&hit->message_id, sizeof (gint64)), g_free);
      gtk_list_box_append (self->result_list, row);
    }

  gtk_stack_set_visible_child_name (self->sidebar_stack, hits->len > 0 ? "results" : "no-results");
}

static void
on_search_changed_cb (StudioChatPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Only the newest search may show its results. */
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (text_is_blank (text))
    {
      gtk_stack_set_visible_child_name (self->sidebar_stack, "conversations");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  studio_history_search_async (self->history, text, SEARCH_LIMIT, self->search_cancellable,
                               studio_chat_page_search_cb, g_object_ref (self));
}

/* Shows the message a search hit named, once its conversation is loaded:
 * the window of shown messages starts at it, so it is at the top of the
 * view, and what came before pages in on scrolling up as usual.
 */
static void
studio_chat_page_scroll_to_wanted (StudioChatPage *self)
{
  guint position;

  /* The empty list shown while loading is not where the hit is. */
  if (self->wanted_message == 0 || g_list_model_get_n_items (G_LIST_MODEL (self->messages)) == 0)
    return;

  /* A list given a new model starts at its top. */
  if (studio_chat_page_find_message (self, self->wanted_message, &position))
    {
      self->follow_bottom = FALSE;
      studio_chat_page_show_from (self, position);
    }

  self->wanted_message = 0;
}

static void
on_result_activated_cb (StudioChatPage *self,
                        GtkListBoxRow  *row)
{
  gint64 conversation_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "conversation-id");
  gint64 message_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "message-id");
  StudioConversation *conversation = studio_chat_page_find_conversation (self, conversation_id, NULL);

  if (conversation == NULL)
    return;

  /* The search opens the conversation at the matching message once loaded. */
  self->wanted_message = message_id;
  studio_chat_page_open (self, conversation);
}

/* Sending ----------------------------------------------------------------- */

static gboolean
is_supported_image (const char *mime_type)
{
  static const char *types[] = { "image/png", "image/jpeg", "image/webp", "image/gif", NULL };

  return mime_type != NULL && g_strv_contains (types, mime_type);
}

/* Runs in a worker: reads each image, checks it really is one of the types
 * the API takes and not too large, refuses animated GIFs, and scales down
 * what is larger than a vision model can use.
 */
static StudioAttachment *
prepare_image (GFile   *file,
               GError **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf;
  gboolean decoded;
  int width, height;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a file."), name);
      return NULL;
    }

  if (g_file_info_get_size (info) > MAX_IMAGE_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("“%s” is larger than 20 MB, the most an image may be."), name);
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)))
    return NULL;

  content_type = g_content_type_guess (NULL, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  if (!is_supported_image (mime_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a PNG, JPEG, WebP or GIF image."), name);
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  decoded = gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  decoded = gdk_pixbuf_loader_close (loader, NULL) && decoded;
  if (!decoded || !(animation = gdk_pixbuf_loader_get_animation (loader)))
    {
      /* Without a WebP loader the image cannot be checked here; the server will. */
      if (g_str_equal (mime_type, "image/webp"))
        return studio_attachment_new_image (name, mime_type, bytes, "auto");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is damaged or cut short and cannot be read as an image."), name);
      return NULL;
    }

  if (!gdk_pixbuf_animation_is_static_image (animation))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is an animated GIF; only still images can be sent."), name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_animation_get_static_image (animation);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);

  if (MAX (width, height) > MAX_IMAGE_SIDE)
    {
      double scale = (double) MAX_IMAGE_SIDE / MAX (width, height);
      g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (pixbuf, MAX (1, width * scale),
                                                             MAX (1, height * scale), GDK_INTERP_BILINEAR);
      gboolean jpeg = g_str_equal (mime_type, "image/jpeg");
      g_autofree char *buffer = NULL;
      gsize size = 0;

      if (!gdk_pixbuf_save_to_buffer (scaled, &buffer, &size, jpeg ? "jpeg" : "png", error,
                                      jpeg ? "quality" : NULL, "90", NULL))
        return NULL;

      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
      g_free (mime_type);
      mime_type = g_strdup (jpeg ? "image/jpeg" : "image/png");
    }

  return studio_attachment_new_image (name, mime_type, bytes, "auto");
}

static void
prepare_images_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_attachment_free);

  for (guint i = 0; i < files->len; i++)
    {
      GError *error = NULL;
      StudioAttachment *attachment = prepare_image (g_ptr_array_index (files, i), &error);

      if (attachment == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (attachments, attachment);
    }

  g_task_return_pointer (task, g_steal_pointer (&attachments), (GDestroyNotify) g_ptr_array_unref);
}

static char *
make_title (const char *text)
{
  g_autofree char *line = g_strstrip (g_strndup (text, strcspn (text, "\n")));
  g_autofree char *truncated = NULL;

  if (*line == '\0')
    return g_strdup (_("Images"));

  if (g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&line);

  truncated = g_utf8_substring (line, 0, MAX_TITLE_CHARS - 1);
  return g_strconcat (truncated, "…", NULL);
}

static void
studio_chat_page_send_prepared (StudioChatPage *self,
                                GPtrArray      *attachments)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autofree char *text = studio_chat_page_dup_composer_text (self);
  g_autoptr(StudioMessage) question = NULL;
  g_autoptr(GError) error = NULL;

  if (model == NULL)
    return;

  if (self->conversation == NULL)
    {
      g_autoptr(StudioConversation) conversation = studio_conversation_new ();
      g_autofree char *title = make_title (text);
      GtkTextBuffer *prompt = gtk_text_view_get_buffer (self->system_prompt_view);
      GtkTextIter start, end;
      g_autofree char *system_prompt = NULL;

      gtk_text_buffer_get_bounds (prompt, &start, &end);
      system_prompt = gtk_text_buffer_get_text (prompt, &start, &end, FALSE);
      studio_conversation_set_title (conversation, title);
      studio_conversation_set_model (conversation, studio_model_get_id (model));
      studio_conversation_set_system_prompt (conversation, system_prompt);
      studio_conversation_set_settings (conversation, self->draft_settings);
      g_set_object (&self->conversation, conversation);

      /* The next new conversation starts from a copy of these settings. */
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->draft_settings);
        g_autofree char *serialized = json_to_string (node, FALSE);
        g_autoptr(JsonNode) copy = json_from_string (serialized, NULL);

        json_object_unref (self->draft_settings);
        self->draft_settings = json_object_ref (json_node_get_object (copy));
      }
    }

  studio_conversation_set_model (self->conversation, studio_model_get_id (model));
  studio_chat_page_touch (self, self->conversation);

  question = studio_message_new ("user", g_strstrip (text));
  for (guint i = 0; attachments && i < attachments->len; i++)
    {
      static const char *details[] = { "auto", "low", "high" };
      StudioAttachment *attachment = studio_attachment_copy (g_ptr_array_index (attachments, i));

      g_free (attachment->detail);
      attachment->detail = g_strdup (details[MIN (gtk_drop_down_get_selected (self->detail_dropdown), 2)]);
      studio_message_add_attachment (question, attachment);
    }

  {
    GListModel *files = studio_file_list_get_files (self->file_list);

    for (guint i = 0; i < g_list_model_get_n_items (files); i++)
      {
        g_autoptr(GFile) file = g_list_model_get_item (files, i);
        const char *transcript = g_hash_table_lookup (self->transcripts, file);
        g_autofree char *name = g_file_get_basename (file);

        if (transcript != NULL)
          studio_message_add_attachment (question, studio_attachment_new_transcript (name, transcript));
      }
  }

  if (!studio_history_save_message (self->history, studio_conversation_get_id (self->conversation), question, &error))
    {
      /* Nothing is lost: the text stays in the composer. */
      studio_chat_page_toast (self, error->message);
      return;
    }

  g_list_store_append (self->messages, question);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), "", 0);
  while (g_list_model_get_n_items (studio_file_list_get_files (self->file_list)) > 0)
    studio_file_list_remove (self->file_list, 0);
  g_hash_table_remove_all (self->transcripts);

  studio_chat_page_start_reply (self);
}

static void
studio_chat_page_prepare_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GError) error = NULL;

  attachments = g_task_propagate_pointer (G_TASK (result), &error);

  /* The page was closed meanwhile: nothing of it may be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->preparing = FALSE;
  studio_chat_page_update_actions (self);

  if (attachments == NULL)
    {
      studio_chat_page_toast (self, error->message);
      return;
    }

  /* The message belongs to the conversation it was written in; if another
   * was opened meanwhile, it stays in the composer to be sent again.
   */
  if (self->conversation != g_object_get_data (G_OBJECT (result), "conversation") ||
      self->load_cancellable != NULL)
    {
      studio_chat_page_toast (self, _("Another conversation was opened, so the message was not sent. It is still in the composer."));
      return;
    }

  studio_chat_page_send_prepared (self, attachments);
}

static void
studio_chat_page_send_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  GListModel *files = studio_file_list_get_files (self->file_list);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTask) task = NULL;
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      GFile *file = g_list_model_get_item (files, i);

      /* Audio went ahead as a transcript; only images are read now. */
      if (g_hash_table_contains (self->transcripts, file))
        g_object_unref (file);
      else
        g_ptr_array_add (pending, file);
    }

  if (pending->len == 0)
    {
      studio_chat_page_send_prepared (self, NULL);
      return;
    }

  if (model != NULL && studio_model_get_known (model) && !studio_model_has_capability (model, "vision"))
    {
      g_autofree char *text = g_strdup_printf (_("%s cannot see images. Remove the images or pick a model that can."),
                                               studio_model_get_id (model));

      studio_chat_page_toast (self, text);
      return;
    }

  self->preparing = TRUE;
  studio_chat_page_update_actions (self);
  task = g_task_new (self, self->cancellable, studio_chat_page_prepare_cb, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&pending), (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (task), "conversation", self->conversation);
  g_task_run_in_thread (task, prepare_images_thread);
}

static void
studio_chat_page_start_reply (StudioChatPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  StudioClient *client = studio_connection_get_client (studio_application_get_connection (self->application));
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  /* One reply at a time in a conversation, sent with all that came before. */
  if (studio_chat_page_get_run (self) != NULL || self->load_cancellable != NULL)
    return;

  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (history, g_list_model_get_item (G_LIST_MODEL (self->messages), i));

  if (model == NULL || !(request = studio_chat_request_new (model, self->conversation, history, &error)))
    {
      if (error != NULL)
        studio_chat_page_toast (self, error->message);
      return;
    }

  run = g_new0 (Run, 1);
  g_set_weak_pointer (&run->page, self);
  run->history = g_object_ref (self->history);
  run->messages = g_object_ref (self->messages);
  run->conversation_id = studio_conversation_get_id (self->conversation);
  run->cancellable = g_cancellable_new ();
  run->reply = studio_message_new ("assistant", "");
  json_object_set_string_member (studio_message_get_extra (run->reply), "model", studio_model_get_id (model));
  studio_message_set_state (run->reply, STUDIO_MESSAGE_STATE_STREAMING);
  run->stream = studio_chat_stream_new (client, run->reply);

  if (!studio_history_save_message (self->history, run->conversation_id, run->reply, &error))
    {
      studio_chat_page_toast (self, error->message);
      run_free (run);
      return;
    }

  g_list_store_append (self->messages, run->reply);
  g_hash_table_insert (self->runs, &run->conversation_id, run);
  g_signal_connect_swapped (run->reply, "notify::content", G_CALLBACK (run_content_cb), run);

  gtk_stack_set_visible_child_name (self->content_stack, "messages");
  self->follow_bottom = TRUE;
  studio_chat_stream_run_async (run->stream, request, run->cancellable, run_finished_cb, run);
  studio_chat_page_update_actions (self);
}

static void
studio_chat_page_stop_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  Run *run = studio_chat_page_get_run (STUDIO_CHAT_PAGE (widget));

  if (run != NULL)
    g_cancellable_cancel (run->cancellable);
}

static void
studio_chat_page_new_conversation_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);

  studio_chat_page_open (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
}

/* Message actions --------------------------------------------------------- */

static void
studio_chat_page_copy_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioMessage *message;
  guint position;

  if ((message = studio_chat_page_find_message (self, g_variant_get_int64 (parameter), &position)))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), studio_message_get_content (message));
      studio_chat_page_toast (self, _("Message copied"));
    }
}

static void
studio_chat_page_delete_message_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint position;

  if (!studio_chat_page_find_message (self, g_variant_get_int64 (parameter), &position))
    return;

  if (!studio_history_delete_message (self->history, g_variant_get_int64 (parameter), &error))
    {
      studio_chat_page_toast (self, error->message);
      return;
    }

  g_list_store_remove (self->messages, position);
}

/* Drops the messages from @position on, in the list and the history. */
static gboolean
studio_chat_page_truncate (StudioChatPage *self,
                           guint           position)
{
  g_autoptr(StudioMessage) first = g_list_model_get_item (G_LIST_MODEL (self->messages), position);
  g_autoptr(GError) error = NULL;

  if (!studio_history_delete_messages_from (self->history, studio_conversation_get_id (self->conversation),
                                            studio_message_get_id (first), &error))
    {
      studio_chat_page_toast (self, error->message);
      return FALSE;
    }

  g_list_store_splice (self->messages, position,
                       g_list_model_get_n_items (G_LIST_MODEL (self->messages)) - position, NULL, 0);
  return TRUE;
}

static void
studio_chat_page_regenerate_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  guint position;

  /* Only the last reply is asked again: Retry on an older one would
   * silently drop everything after it.
   */
  if (studio_chat_page_is_busy (self) ||
      !studio_chat_page_find_message (self, g_variant_get_int64 (parameter), &position) ||
      position + 1 != g_list_model_get_n_items (G_LIST_MODEL (self->messages)))
    return;

  if (studio_chat_page_truncate (self, position))
    studio_chat_page_start_reply (self);
}

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  StudioChatPage   *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "position"));
  g_autoptr(StudioMessage) message = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "edit") != 0 || position >= g_list_model_get_n_items (G_LIST_MODEL (self->messages)))
    return;

  message = g_list_model_get_item (G_LIST_MODEL (self->messages), position);
  text = g_strdup (studio_message_get_content (message));

  if (studio_chat_page_truncate (self, position))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), text, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
    }
}

static void
studio_chat_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  AdwMessageDialog *dialog;
  guint position;
  guint later;

  if (studio_chat_page_is_busy (self) ||
      !studio_chat_page_find_message (self, g_variant_get_int64 (parameter), &position))
    return;

  later = g_list_model_get_n_items (G_LIST_MODEL (self->messages)) - position - 1;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Edit and Resend?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The message goes back to the composer, and the %u message after it is deleted.",
                                               "The message goes back to the composer, and the %u messages after it are deleted.",
                                               later),
                                  later);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "edit", _("_Edit"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "edit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "position", GUINT_TO_POINTER (position));
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Conversation actions ---------------------------------------------------- */

typedef struct
{
  StudioChatPage     *page;       /* weak: only needed to undo */
  StudioHistory      *history;
  StudioConversation *conversation;
  guint               position;
  gboolean            undone;
} PendingDelete;

static void
undo_delete_cb (AdwToast      *toast,
                PendingDelete *pending)
{
  pending->undone = TRUE;
  if (pending->page != NULL)
    g_list_store_insert (pending->page->conversations,
                         MIN (pending->position, g_list_model_get_n_items (G_LIST_MODEL (pending->page->conversations))),
                         pending->conversation);
}

/* The row goes at once; the data only when the toast is gone unused. */
static void
toast_dismissed_cb (AdwToast      *toast,
                    PendingDelete *pending)
{
  g_autoptr(GError) error = NULL;

  /* Also when the window closed first: the user did delete it. */
  if (!pending->undone &&
      !studio_history_delete_conversation (pending->history,
                                           studio_conversation_get_id (pending->conversation), &error))
    {
      if (pending->page != NULL)
        studio_chat_page_toast (pending->page, error->message);
      else
        g_warning ("Could not delete a conversation: %s", error->message);
    }

  g_clear_weak_pointer (&pending->page);
  g_object_unref (pending->history);
  g_object_unref (pending->conversation);
  g_free (pending);
}

static void
studio_chat_page_delete_conversation_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  StudioConversation *conversation;
  PendingDelete *pending;
  AdwToastOverlay *overlay;
  AdwToast *toast;
  guint position;
  Run *run;

  if (!(conversation = studio_chat_page_find_conversation (self, id, &position)))
    return;

  if ((run = g_hash_table_lookup (self->runs, &id)))
    g_cancellable_cancel (run->cancellable);

  pending = g_new0 (PendingDelete, 1);
  g_set_weak_pointer (&pending->page, self);
  pending->history = g_object_ref (self->history);
  pending->conversation = g_object_ref (conversation);
  pending->position = position;
  g_list_store_remove (self->conversations, position);

  if (self->conversation != NULL && studio_conversation_get_id (self->conversation) == id)
    studio_chat_page_open (self, NULL);

  toast = adw_toast_new (_("Conversation deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_delete_cb), pending);
  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), pending);

  if ((overlay = studio_chat_page_get_toasts (self)))
    adw_toast_overlay_add_toast (overlay, toast);
  else
    {
      toast_dismissed_cb (toast, pending);
      g_object_unref (toast);
    }
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    StudioChatPage   *self)
{
  StudioConversation *conversation = g_object_get_data (G_OBJECT (dialog), "conversation");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || *title == '\0')
    return;

  studio_conversation_set_title (conversation, title);
  if (!studio_history_save_conversation (self->history, conversation, &error))
    studio_chat_page_toast (self, error->message);
}

static void
studio_chat_page_rename_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);
  StudioConversation *conversation = studio_chat_page_find_conversation (self, g_variant_get_int64 (parameter), NULL);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (conversation == NULL)
    return;

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), studio_conversation_get_title (conversation));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Rename Conversation"), NULL));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "conversation", g_object_ref (conversation), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Exports ------------------------------------------------------------------ */

static char *
export_markdown (StudioConversation *conversation,
                 GPtrArray          *messages)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", studio_conversation_get_title (conversation));
  if (studio_conversation_get_model (conversation))
    g_string_append_printf (out, "_%s_\n\n", studio_conversation_get_model (conversation));
  if (*studio_conversation_get_system_prompt (conversation))
    g_string_append_printf (out, "> %s\n\n", studio_conversation_get_system_prompt (conversation));

  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);
      GPtrArray *attachments = studio_message_get_attachments (message);

      g_string_append_printf (out, "## %s\n\n", g_strcmp0 (studio_message_get_role (message), "user") == 0
                                                ? _("You") : _("Assistant"));
      for (guint j = 0; j < attachments->len; j++)
        g_string_append_printf (out, "📎 %s\n\n", ((StudioAttachment *) g_ptr_array_index (attachments, j))->name);
      g_string_append_printf (out, "%s\n\n", studio_message_get_content (message));
    }

  return g_string_free (out, FALSE);
}

static char *
export_json (StudioConversation *conversation,
             GPtrArray          *messages)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, studio_conversation_get_title (conversation));
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, studio_conversation_get_model (conversation));
  json_builder_set_member_name (builder, "system_prompt");
  json_builder_add_string_value (builder, studio_conversation_get_system_prompt (conversation));
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, studio_message_get_role (message));
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, studio_message_get_content (message));
      json_builder_set_member_name (builder, "details");
      json_builder_add_value (builder, json_node_init_object (json_node_alloc (), studio_message_get_extra (message)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    studio_chat_page_toast (self, error->message);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    StudioChatPage  *self)
{
  g_autoptr(GFile) file = NULL;
  GBytes *text = g_object_get_data (G_OBJECT (chooser), "text");

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))))
    g_file_replace_contents_bytes_async (file, text, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                         export_written_cb, g_object_ref (self));
}

/* The chooser is freed once it answers, even if the page closed meanwhile
 * and its own handler went with it.
 */
static void
studio_chat_page_show_chooser (StudioChatPage       *self,
                               GtkFileChooserNative *chooser,
                               GCallback             response_cb)
{
  g_signal_connect_object (chooser, "response", response_cb, self, 0);
  g_signal_connect_after (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  StudioChatPage     *page;
  StudioConversation *conversation;
  gboolean            json;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->page);
  g_object_unref (export->conversation);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

/* A long conversation is read in a worker, and written by GIO's. */
static void
studio_chat_page_export_loaded_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(Export) export = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *text;
  GtkFileChooserNative *chooser;

  if (!(messages = studio_history_load_messages_finish (STUDIO_HISTORY (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        studio_chat_page_toast (export->page, error->message);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Conversation"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (export->page))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", studio_conversation_get_title (export->conversation),
                          export->json ? "json" : "md");
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  text = export->json ? export_json (export->conversation, messages)
                      : export_markdown (export->conversation, messages);
  g_object_set_data_full (G_OBJECT (chooser), "text", g_bytes_new_take (text, strlen (text)),
                          (GDestroyNotify) g_bytes_unref);
  studio_chat_page_show_chooser (export->page, chooser, G_CALLBACK (export_response_cb));
}

static void
studio_chat_page_export (StudioChatPage *self,
                         gint64          id,
                         gboolean        json)
{
  StudioConversation *conversation = studio_chat_page_find_conversation (self, id, NULL);
  Export *export;

  if (conversation == NULL)
    return;

  export = g_new0 (Export, 1);
  export->page = g_object_ref (self);
  export->conversation = g_object_ref (conversation);
  export->json = json;
  studio_history_load_messages_async (self->history, id, 0, 0, self->cancellable,
                                      studio_chat_page_export_loaded_cb, export);
}

static void
studio_chat_page_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  studio_chat_page_export (STUDIO_CHAT_PAGE (widget), g_variant_get_int64 (parameter),
                           g_str_equal (action_name, "chat.export-json"));
}

static void
attach_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    StudioChatPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          studio_chat_page_add_attachment (self, file);
        }
    }
}

static void
studio_chat_page_attach_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "image/gif");

  chooser = gtk_file_chooser_native_new (_("Attach Images"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  studio_chat_page_show_chooser (STUDIO_CHAT_PAGE (widget), chooser, G_CALLBACK (attach_response_cb));
}

/* Drops and pastes ------------------------------------------------------- */

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            StudioChatPage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l; l = l->next)
        studio_chat_page_add_attachment (self, l->data);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      studio_chat_page_add_texture (self, g_value_get_object (value));
      return TRUE;
    }

  return FALSE;
}

/* Image data (a screenshot on the clipboard, say) becomes a PNG file in our
 * cache, so it travels the same path as a dropped file.
 */
static void
studio_chat_page_add_texture (StudioChatPage *self,
                              GdkTexture     *texture)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "openai-studio", "pasted", NULL);
  g_autofree char *name = g_strdup_printf ("pasted-%" G_GINT64_FORMAT ".png", g_get_real_time ());
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_mkdir_with_parents (dir, 0700);
  if (gdk_texture_save_to_png (texture, path))
    studio_chat_page_add_attachment (self, file);
  else
    studio_chat_page_toast (self, _("The pasted image could not be saved."));
}

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, NULL);

  if (texture != NULL)
    studio_chat_page_add_texture (self, texture);
}

static void
on_paste_clipboard_cb (GtkTextView    *view,
                       StudioChatPage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* Text pastes as text; only image data becomes an attachment. */
  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
      gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb, g_object_ref (self));
}

/* What the user is writing is kept in a file until it is sent, so that
 * closing the app, or a crash, does not lose it.
 */
static char *
draft_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "openai-studio", "draft.txt", NULL);
}

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not keep the draft: %s", error->message);
}

/* While the user types, the draft is written in the background; when the
 * page goes, at once. An empty composer has no draft.
 */
static void
studio_chat_page_save_draft (StudioChatPage *self,
                             gboolean        now)
{
  g_autofree char *path = draft_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *text = studio_chat_page_dup_composer_text (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(GError) error = NULL;

  /* A write still going would put back older text after this one. */
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_cancellable_cancel (self->draft_cancellable);
  g_clear_object (&self->draft_cancellable);

  if (*text == '\0')
    g_unlink (path);
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    g_message ("Could not keep the draft in %s: %s", dir, g_strerror (errno));
  else if (!now)
    {
      self->draft_cancellable = g_cancellable_new ();
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                           self->draft_cancellable, draft_saved_cb, NULL);
    }
  else if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                     NULL, NULL, &error))
    g_message ("Could not keep the draft: %s", error->message);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  StudioChatPage *self = user_data;

  self->draft_source = 0;
  studio_chat_page_save_draft (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
studio_chat_page_restore_draft (StudioChatPage *self)
{
  g_autofree char *path = draft_path ();
  g_autofree char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL) && g_utf8_validate (text, -1, NULL))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), text, -1);
}

/* While the user types, code blocks get ready for the reply. */
static void
on_composer_changed_cb (StudioChatPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);

  /* Sent (or cleared): its draft goes at once, so it does not come back. */
  if (gtk_text_buffer_get_char_count (buffer) == 0)
    studio_chat_page_save_draft (self, TRUE);
  else if (self->draft_source == 0)
    self->draft_source = g_timeout_add (DRAFT_SAVE_MS, save_draft_cb, self);

  studio_markdown_view_warm_up ();
  studio_chat_page_update_actions (self);
}

static gboolean
on_composer_key_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    StudioChatPage        *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && !(state & GDK_SHIFT_MASK))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
      return TRUE;
    }

  return FALSE;
}

/* Message list ------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              StudioChatPage           *self)
{
  gtk_list_item_set_child (item, studio_message_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StudioChatPage           *self)
{
  StudioMessageRow *row = STUDIO_MESSAGE_ROW (gtk_list_item_get_child (item));

  studio_message_row_set_message (row, gtk_list_item_get_item (item), G_LIST_MODEL (self->messages));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               StudioChatPage           *self)
{
  studio_message_row_set_message (STUDIO_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static gboolean
follow_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (widget);

  self->follow_tick = 0;
  self->settling = FALSE;
  if (self->follow_bottom)
    studio_chat_page_scroll_to_bottom (self);

  return G_SOURCE_REMOVE;
}

/* Scrolls on the next frame, before layout. A list view that is given a
 * scroll position while it lays itself out keeps its rows where they were
 * and the position both, which leaves the last lines out of sight.
 */
static void
studio_chat_page_follow_later (StudioChatPage *self)
{
  if (self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_tick_cb, NULL, NULL);
}

/* The view follows new text while the reader is at the bottom, and stays
 * put once they scroll up to read. The list has laid out its rows when it
 * changes its adjustment; only then can it be scrolled.
 */
static void
on_upper_changed_cb (StudioChatPage *self)
{
  if (self->follow_bottom || self->settling)
    studio_chat_page_follow_later (self);
}

static void
on_edge_overshot_cb (StudioChatPage  *self,
                     GtkPositionType  position)
{
  /* A list given new rows starts at the top, which is no reader's doing. */
  if (position != GTK_POS_TOP || self->shown_from == 0 || self->settling)
    return;

  studio_chat_page_show_earlier (self);
}

static void
on_value_changed_cb (StudioChatPage *self,
                     GtkAdjustment  *adjustment)
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

/* The rows a list view has built are its children's children. */
static void
on_prices_changed_cb (StudioChatPage *self)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->message_list));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (STUDIO_IS_MESSAGE_ROW (row))
        studio_message_row_update_usage (STUDIO_MESSAGE_ROW (row));
    }

  studio_chat_page_update_cost (self);
}

static void
on_model_selected_cb (StudioChatPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);

  if (model != NULL)
    {
      g_settings_set_string (studio_application_get_settings (self->application), "chat-model",
                             studio_model_get_id (model));
      if (self->conversation != NULL)
        studio_conversation_set_model (self->conversation, studio_model_get_id (model));
    }

  studio_chat_page_bind_parameters (self);
  studio_chat_page_update_actions (self);
}

static void
on_system_prompt_changed_cb (StudioChatPage *self,
                             GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->conversation == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, studio_conversation_get_system_prompt (self->conversation)) == 0)
    return;

  studio_conversation_set_system_prompt (self->conversation, text);
  studio_history_save_conversation (self->history, self->conversation, NULL);
}

/* The class ---------------------------------------------------------------- */

static void
studio_chat_page_dispose (GObject *object)
{
  StudioChatPage *self = (StudioChatPage *) object;
  GHashTableIter iter;
  Run *run;

  if (self->draft_source != 0 || self->draft_cancellable != NULL)
    studio_chat_page_save_draft (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->search_cancellable);

  /* Replies still streaming stop and are saved as stopped; they outlive
   * the page until their request has ended.
   */
  if (self->runs != NULL)
    {
      g_hash_table_iter_init (&iter, self->runs);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &run))
        {
          g_clear_weak_pointer (&run->page);
          g_cancellable_cancel (run->cancellable);
          g_hash_table_iter_steal (&iter);
        }
      g_clear_pointer (&self->runs, g_hash_table_unref);
    }

  /* The flap is both AdwBin's child and a template child; see StudioFileList. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CHAT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->conversations);
  g_clear_object (&self->conversation);
  g_clear_object (&self->shown);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->draft_settings, json_object_unref);
  g_clear_pointer (&self->transcripts, g_hash_table_unref);

  G_OBJECT_CLASS (studio_chat_page_parent_class)->dispose (object);
}

static void
studio_chat_page_class_init (StudioChatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_chat_page_dispose;

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);
  g_type_ensure (STUDIO_TYPE_FILE_LIST);
  g_type_ensure (STUDIO_TYPE_PARAMETER_LIST);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-chat-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, flap);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, conversation_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, result_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, system_prompt_view);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, parameter_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, messages_scroller);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, message_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, file_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, composer_view);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, send_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, detail_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, cost_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conversation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_parameters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, studio_chat_page_bind_parameters);

  gtk_widget_class_install_action (widget_class, "chat.send", NULL, studio_chat_page_send_action);
  gtk_widget_class_install_action (widget_class, "chat.stop", NULL, studio_chat_page_stop_action);
  gtk_widget_class_install_action (widget_class, "chat.attach", NULL, studio_chat_page_attach_action);
  gtk_widget_class_install_action (widget_class, "chat.new-conversation", NULL,
                                   studio_chat_page_new_conversation_action);
  gtk_widget_class_install_action (widget_class, "chat.copy-message", "x", studio_chat_page_copy_action);
  gtk_widget_class_install_action (widget_class, "chat.delete-message", "x",
                                   studio_chat_page_delete_message_action);
  gtk_widget_class_install_action (widget_class, "chat.edit-message", "x", studio_chat_page_edit_action);
  gtk_widget_class_install_action (widget_class, "chat.regenerate", "x", studio_chat_page_regenerate_action);
  gtk_widget_class_install_action (widget_class, "chat.rename-conversation", "x",
                                   studio_chat_page_rename_action);
  gtk_widget_class_install_action (widget_class, "chat.delete-conversation", "x",
                                   studio_chat_page_delete_conversation_action);
  gtk_widget_class_install_action (widget_class, "chat.export-markdown", "x", studio_chat_page_export_action);
  gtk_widget_class_install_action (widget_class, "chat.export-json", "x", studio_chat_page_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chat.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "chat.new-conversation", NULL);
}

static void
studio_chat_page_init (StudioChatPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType drop_types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };
  GtkAdjustment *adjustment;
  g_autofree char *last_model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->application = STUDIO_APPLICATION (g_application_get_default ());
  self->history = studio_application_get_history (self->application);
  self->cancellable = g_cancellable_new ();
  self->runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) run_free);
  self->conversations = g_list_store_new (STUDIO_TYPE_CONVERSATION);
  self->draft_settings = json_object_new ();
  self->transcripts = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, g_free);
  self->follow_bottom = TRUE;

  gtk_list_box_bind_model (self->conversation_list, G_LIST_MODEL (self->conversations),
                           create_conversation_row, self, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->message_list, factory);
  g_object_unref (factory);

  adjustment = gtk_scrolled_window_get_vadjustment (self->messages_scroller);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_upper_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->messages_scroller, "edge-overshot", G_CALLBACK (on_edge_overshot_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->messages_scroller, "edge-reached", G_CALLBACK (on_edge_overshot_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_composer_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->composer_view), keys);
  g_signal_connect (self->composer_view, "paste-clipboard", G_CALLBACK (on_paste_clipboard_cb), self);
  studio_chat_page_restore_draft (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed",
                           G_CALLBACK (on_composer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->system_prompt_view), "changed",
                           G_CALLBACK (on_system_prompt_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (studio_file_list_get_files (self->file_list), "items-changed",
                           G_CALLBACK (studio_chat_page_update_actions), self, G_CONNECT_SWAPPED);

  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  last_model = g_settings_get_string (studio_application_get_settings (self->application), "chat-model");
  if (*last_model != '\0')
    studio_model_picker_select_id (self->model_picker, last_model);
  g_signal_connect_object (self->model_picker, "notify::selected",
                           G_CALLBACK (on_model_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "prices-changed",
                           G_CALLBACK (on_prices_changed_cb), self, G_CONNECT_SWAPPED);

  studio_chat_page_load_conversations (self);
  studio_chat_page_open (self, NULL);
}

/* Audio for analysis ------------------------------------------------------- */

#define MAX_AUDIO_BYTES (25 * 1024 * 1024)

typedef struct
{
  StudioChatPage *page;   /* weak */
  GFile          *file;
} Transcription;

static void
transcription_free (Transcription *transcription)
{
  g_clear_weak_pointer (&transcription->page);
  g_clear_object (&transcription->file);
  g_free (transcription);
}

static void
studio_chat_page_drop_file (StudioChatPage *self,
                            GFile          *file)
{
  GListModel *files = studio_file_list_get_files (self->file_list);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) listed = g_list_model_get_item (files, i);

      if (g_file_equal (listed, file))
        {
          studio_file_list_remove (self->file_list, i);
          break;
        }
    }
  g_hash_table_remove (self->transcripts, file);
}

static void
studio_chat_page_transcribe_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  Transcription *transcription = user_data;
  StudioChatPage *self = transcription->page;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (transcription->file);
  const char *text;

  response = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &error);

  /* Cancelled means the page is closing: nothing of it may be touched. */
  if (self == NULL || (error != NULL && studio_api_error_is_cancelled (error)))
    {
      transcription_free (transcription);
      return;
    }

  self->transcribing--;
  text = response && JSON_NODE_HOLDS_OBJECT (response)
    ? studio_json_get_string (json_node_get_object (response), "text") : NULL;

  if (text == NULL)
    {
      g_autofree char *message = NULL;

      if (error == NULL)
        error = studio_api_error_new (STUDIO_API_ERROR_MALFORMED, NULL);
      message = g_strdup_printf (_("“%s” could not be transcribed: %s"), name, error->message);
      if (!studio_api_error_is_cancelled (error))
        studio_chat_page_toast (self, message);
      studio_chat_page_drop_file (self, transcription->file);
    }
  else if (g_hash_table_contains (self->transcripts, transcription->file))
    {
      g_hash_table_replace (self->transcripts, g_object_ref (transcription->file), g_strdup (text));
      studio_file_list_set_status (self->file_list, transcription->file,
                                   _("Transcribed: the text goes with your message"), 1);
    }

  studio_chat_page_update_actions (self);
  transcription_free (transcription);
}

/* The upload, then the wait for the text. */
static void
transcription_progress_cb (goffset  sent,
                           goffset  total,
                           gpointer user_data)
{
  Transcription *transcription = user_data;
  g_autofree char *status = NULL;

  if (transcription->page == NULL)
    return;

  if (sent < total)
    {
      status = g_strdup_printf (_("Uploading… %d %%"), (int) (100 * sent / total));
      studio_file_list_set_status (transcription->page->file_list, transcription->file, status,
                                   (double) sent / total);
    }
  else
    studio_file_list_set_status (transcription->page->file_list, transcription->file,
                                 _("Transcribing…"), -1);
}

/* Sends dropped audio to the transcription endpoint right away, with the
 * first transcription model the server offers, so the text is ready to go
 * with the message by the time it is written.
 */
static gboolean
studio_chat_page_transcribe (StudioChatPage *self,
                             GFile          *file,
                             const char     *content_type)
{
  StudioModelCatalog *catalog = studio_application_get_catalog (self->application);
  GListModel *models = studio_model_catalog_get_models (catalog);
  StudioClient *client = studio_connection_get_client (studio_application_get_connection (self->application));
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  g_autofree char *message = NULL;
  StudioModel *model = NULL;
  Transcription *transcription;

  for (guint i = 0; i < g_list_model_get_n_items (models) && model == NULL; i++)
    {
      g_autoptr(StudioModel) candidate = g_list_model_get_item (models, i);

      if (studio_model_get_kind (candidate) == STUDIO_MODEL_KIND_TRANSCRIPTION &&
          !studio_model_has_capability (candidate, "diarization"))
        model = candidate;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (model == NULL)
    message = g_strdup_printf (_("“%s” cannot be transcribed: the server offers no transcription model."), name);
  else if (info == NULL)
    message = g_strdup_printf (_("“%s” cannot be read."), name);
  else if (g_file_info_get_size (info) > MAX_AUDIO_BYTES)
    message = g_strdup_printf (_("“%s” is larger than 25 MB, the most the transcription service takes."), name);

  if (message != NULL)
    {
      studio_chat_page_toast (self, message);
      return FALSE;
    }

  transcription = g_new0 (Transcription, 1);
  g_set_weak_pointer (&transcription->page, self);
  transcription->file = g_object_ref (file);
  g_hash_table_insert (self->transcripts, g_object_ref (file), NULL);
  self->transcribing++;
  studio_chat_page_update_actions (self);

  /* The request ends before the transcription is freed. */
  request = studio_request_new ("POST", "audio/transcriptions");
  studio_request_add_file (request, "file", file, mime_type);
  studio_request_add_field (request, "model", studio_model_get_id (model));
  studio_request_add_field (request, "response_format", "json");
  studio_request_set_progress_func (request, transcription_progress_cb, transcription, NULL);

  studio_client_request_json_async (client, request, self->cancellable,
                                    studio_chat_page_transcribe_cb, transcription);
  return TRUE;
}

/**
 * studio_chat_page_add_attachment:
 * @self: the Chat workspace
 * @file: an image to send with the next message; it is checked when sent
 */
void
studio_chat_page_add_attachment (StudioChatPage *self,
                                 GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *content_type = NULL;
  gboolean audio;

  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  content_type = g_content_type_guess (name, NULL, 0, NULL);
  audio = g_content_type_is_a (content_type, "audio/*") || g_content_type_is_a (content_type, "video/mp4") ||
          g_content_type_is_a (content_type, "video/webm");

  /* Refused at once with the reason, rather than when sending. */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is a folder. Drop the images inside it instead."), name);

      studio_chat_page_toast (self, message);
      return;
    }

  if (audio)
    {
      /* Audio that cannot be transcribed is not kept: it could never be sent. */
      if (!studio_chat_page_transcribe (self, file, content_type))
        return;
    }
  else if (!g_content_type_is_a (content_type, "image/*"))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is neither an image nor audio, so it cannot go with a message."),
                                                  name);

      studio_chat_page_toast (self, message);
      return;
    }

  studio_file_list_add (self->file_list, file);
  if (audio)
    studio_file_list_set_status (self->file_list, file, _("Uploading…"), 0);
}

/**
 * studio_chat_page_reload:
 * @self: the Chat workspace
 *
 * Lists the conversations in the history again, for when something other
 * than this page changed it.
 */
void
studio_chat_page_reload (StudioChatPage *self)
{
  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));

  studio_chat_page_load_conversations (self);
}
