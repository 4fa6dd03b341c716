/* studio-transcript-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-history"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-transcript-history.h"
#include "studio-transcript-row.h"
#include "studio-store-delete.h"
#include "studio-ui.h"
#include "studio-utils.h"

#define LIST_LIMIT   500
#define SEARCH_LIMIT 100

/* The Transcribe workspace's sidebar: the stored transcripts, newest
 * first, or those a search over their titles and text finds. Picking one
 * is reported with a signal; the page opens it. Each row can be deleted,
 * with Undo in a toast; the list follows the store's "changed" signal.
 */
struct _StudioTranscriptHistory
{
  GtkBox                 parent_instance;

  /* Owned references */
  StudioTranscriptStore *store;
  GListStore            *records;           /* StudioTranscriptRecord, as listed */
  GCancellable          *load_cancellable;  /* the listing or search being run */

  /* Template widgets */
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  GtkListBox            *list_box;

  gulong                 changed_handler;
  gint64                 selected_id;
};

G_DEFINE_FINAL_TYPE (StudioTranscriptHistory, studio_transcript_history, GTK_TYPE_BOX)

enum {
  ACTIVATED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void studio_transcript_history_delete (StudioTranscriptHistory *self,
                                              StudioTranscriptRecord  *record);

static const char *
state_label (StudioTranscriptState state)
{
  switch (state)
    {
    case STUDIO_TRANSCRIPT_STATE_AUDIO:
      return _("Not transcribed");
    case STUDIO_TRANSCRIPT_STATE_TRANSCRIBING:
      return _("Transcribing");
    case STUDIO_TRANSCRIPT_STATE_PARTIAL:
      return _("Partial");
    case STUDIO_TRANSCRIPT_STATE_FAILED:
      return _("Failed");
    case STUDIO_TRANSCRIPT_STATE_COMPLETE:
    default:
      return NULL;
    }
}

/* "2 Dec 2026, 14:05 · 3:12 · Partial · $0.0060", what is known of it. */
static char *
describe_record (StudioTranscriptRecord *record)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) created = NULL;
  gint64 duration_us = studio_transcript_record_get_duration_us (record);
  const char *state = state_label (studio_transcript_record_get_state (record));
  double cost;

  created = g_date_time_new_from_unix_local (studio_transcript_record_get_created (record) /
                                             G_USEC_PER_SEC);
  if (created != NULL)
    /* Translators: when a transcript's audio was made, in g_date_time_format() codes */
    g_ptr_array_add (parts, g_date_time_format (created, _("%-d %b %Y, %H:%M")));
  if (duration_us > 0)
    g_ptr_array_add (parts,
                     studio_transcript_row_format_time ((double) duration_us / G_USEC_PER_SEC));
  if (state != NULL)
    g_ptr_array_add (parts, g_strdup (state));
  if (studio_transcript_record_get_cost (record, &cost))
    g_ptr_array_add (parts, g_strdup_printf ("$%.4f", cost));

  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the facts about a transcript in the sidebar */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
on_delete_clicked_cb (GtkButton               *button,
                      StudioTranscriptHistory *self)
{
  StudioTranscriptRecord *record = g_object_get_data (G_OBJECT (button), "record");

  studio_transcript_history_delete (self, record);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  StudioTranscriptHistory *self = user_data;
  StudioTranscriptRecord *record = item;
  const char *title = studio_transcript_record_get_title (record);
  g_autofree char *escaped = NULL;
  g_autofree char *details = describe_record (record);
  g_autofree char *details_markup = g_markup_escape_text (details, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (studio_str_is_blank (title))
    title = _("Untitled");
  escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details_markup);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete Transcript"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Transcript"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static gboolean
studio_transcript_history_is_searching (StudioTranscriptHistory *self)
{
  return !studio_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
studio_transcript_history_update_page (StudioTranscriptHistory *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) == 0)
    page = studio_transcript_history_is_searching (self) ? "no-results" : "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
studio_transcript_history_show_selected (StudioTranscriptHistory *self)
{
  guint position;

  if (self->selected_id != 0 &&
      studio_list_model_find_by_id (G_LIST_MODEL (self->records),
                                    (StudioIdFunc) studio_transcript_record_get_id,
                                    self->selected_id, &position))
    gtk_list_box_select_row (self->list_box,
                             gtk_list_box_get_row_at_index (self->list_box, (int) position));
  else
    gtk_list_box_unselect_all (self->list_box);
}

static void
studio_transcript_history_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(StudioTranscriptHistory) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  records = studio_transcript_store_list_finish (STUDIO_TRANSCRIPT_STORE (object), result,
                                                 &error);
  if (records == NULL)
    {
      if (!studio_api_error_is_cancelled (error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not list the transcripts: %s"),
                                                      error->message);

          studio_ui_add_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  /* A newer listing or search may have started meanwhile; only it shows. */
  if (G_IS_TASK (result) && g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  if (STUDIO_TRANSCRIPT_STORE (object) != self->store)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_list_store_splice (self->records, 0, n_items, records->pdata, records->len);
  studio_transcript_history_show_selected (self);
  studio_transcript_history_update_page (self);
}

static void
on_search_changed_cb (StudioTranscriptHistory *self)
{
  studio_transcript_history_reload (self);
}

static void
on_stop_search_cb (StudioTranscriptHistory *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_row_activated_cb (StudioTranscriptHistory *self,
                     GtkListBoxRow           *row)
{
  g_autoptr(StudioTranscriptRecord) record = NULL;

  record = g_list_model_get_item (G_LIST_MODEL (self->records), gtk_list_box_row_get_index (row));
  if (record == NULL)
    return;

  self->selected_id = studio_transcript_record_get_id (record);
  g_signal_emit (self, signals[ACTIVATED], 0, record);
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey   *controller,
                     guint                    keyval,
                     guint                    keycode,
                     GdkModifierType          state,
                     StudioTranscriptHistory *self)
{
  GtkWidget *focus;
  GtkWidget *row;
  g_autoptr(StudioTranscriptRecord) record = NULL;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return GDK_EVENT_PROPAGATE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list_box))
    return GDK_EVENT_PROPAGATE;

  record = g_list_model_get_item (G_LIST_MODEL (self->records),
                                  gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  if (record == NULL)
    return GDK_EVENT_PROPAGATE;

  studio_transcript_history_delete (self, record);
  return GDK_EVENT_STOP;
}

/* Delete with Undo ------------------------------------------------------------ */

static const StudioStoreDeleteOps delete_ops = {
  (StudioStoreChangeFunc) studio_transcript_store_delete_async,
  (StudioStoreChangeFunc) studio_transcript_store_restore_async,
  (StudioStoreChangeFunc) studio_transcript_store_purge_async,
  (StudioStoreFinishFunc) studio_transcript_store_change_finish,
  N_("Could not delete the transcript: %s"),
  N_("Could not bring the transcript back: %s"),
  /* Translators: the toast after deleting a transcript; %s is its title */
  N_("“%s” deleted"),
};

static void
deleted_cb (GtkWidget *widget,
            gint64     id)
{
  StudioTranscriptHistory *self = STUDIO_TRANSCRIPT_HISTORY (widget);

  if (self->selected_id == id)
    self->selected_id = 0;
  g_signal_emit (self, signals[DELETED], 0, id);
}

static void
reload_cb (GtkWidget *widget)
{
  studio_transcript_history_reload (STUDIO_TRANSCRIPT_HISTORY (widget));
}

static void
studio_transcript_history_delete (StudioTranscriptHistory *self,
                                 StudioTranscriptRecord *record)
{
  const char *title = studio_transcript_record_get_title (record);
  gint64 id = studio_transcript_record_get_id (record);
  guint position;

  if (self->store == NULL)
    return;

  /* It goes from the list at once; a failure lists it again. */
  if (studio_list_model_find_by_id (G_LIST_MODEL (self->records),
                                    (StudioIdFunc) studio_transcript_record_get_id, id, &position))
    {
      g_list_store_remove (self->records, position);
      studio_transcript_history_update_page (self);
    }

  studio_store_delete_with_undo (GTK_WIDGET (self), self->store, &delete_ops, id,
                                 studio_str_is_blank (title) ? _("Untitled") : title,
                                 deleted_cb, reload_cb);
}

/* ----------------------------------------------------------------------------- */

static void
store_changed_cb (StudioTranscriptHistory *self)
{
  studio_transcript_history_reload (self);
}

static void
studio_transcript_history_dispose (GObject *object)
{
  StudioTranscriptHistory *self = (StudioTranscriptHistory *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_TRANSCRIPT_HISTORY);
  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (studio_transcript_history_parent_class)->dispose (object);
}

static void
studio_transcript_history_class_init (StudioTranscriptHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_transcript_history_dispose;

  /**
   * StudioTranscriptHistory::activated:
   * @record: the transcript the user picked
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_TRANSCRIPT_RECORD);

  /**
   * StudioTranscriptHistory::deleted:
   * @id: the transcript the user deleted; Undo may bring it back
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-transcript-history.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptHistory, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptHistory, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
studio_transcript_history_init (StudioTranscriptHistory *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (STUDIO_TYPE_TRANSCRIPT_RECORD);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->records),
                           create_row_cb, self, NULL);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), controller);

  studio_transcript_history_update_page (self);
}

/**
 * studio_transcript_history_new:
 *
 * Returns: (transfer floating): a sidebar listing no transcripts yet
 */
GtkWidget *
studio_transcript_history_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIPT_HISTORY, NULL);
}

/**
 * studio_transcript_history_get_store:
 *
 * Returns: (transfer none) (nullable): where the transcripts come from
 */
StudioTranscriptStore *
studio_transcript_history_get_store (StudioTranscriptHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self), NULL);

  return self->store;
}

/**
 * studio_transcript_history_set_store:
 * @self: a sidebar
 * @store: (nullable): the transcripts to list
 *
 * Lists the transcripts in @store, and again whenever it changes.
 */
void
studio_transcript_history_set_store (StudioTranscriptHistory *self,
                                     StudioTranscriptStore   *store)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self));
  g_return_if_fail (store == NULL || STUDIO_IS_TRANSCRIPT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                      G_CALLBACK (store_changed_cb), self);

  studio_transcript_history_reload (self);
}

/**
 * studio_transcript_history_reload:
 * @self: a sidebar
 *
 * Lists the transcripts again, or searches again while there is a search.
 * The store's "changed" signal does it; this is for what it cannot see.
 */
void
studio_transcript_history_reload (StudioTranscriptHistory *self)
{
  const char *text;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self));

  /* Only the newest listing may show. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->records);
      studio_transcript_history_update_page (self);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (studio_str_is_blank (text))
    studio_transcript_store_list_async (self->store, 0, LIST_LIMIT, self->load_cancellable,
                                        studio_transcript_history_loaded_cb,
                                        g_object_ref (self));
  else
    studio_transcript_store_search_async (self->store, text, 0, SEARCH_LIMIT,
                                          self->load_cancellable,
                                          studio_transcript_history_loaded_cb,
                                          g_object_ref (self));
}

/**
 * studio_transcript_history_select:
 * @self: a sidebar
 * @id: the transcript shown by the page, or 0 for none
 *
 * Marks the transcript with @id as the one open, now and after the list
 * is loaded again.
 */
void
studio_transcript_history_select (StudioTranscriptHistory *self,
                                  gint64                   id)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self));

  self->selected_id = id;
  studio_transcript_history_show_selected (self);
}

/**
 * studio_transcript_history_get_selected:
 *
 * Returns: the id of the transcript marked as open, or 0
 */
gint64
studio_transcript_history_get_selected (StudioTranscriptHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self), 0);

  return self->selected_id;
}

/**
 * studio_transcript_history_get_records:
 *
 * Returns: (transfer none): the StudioTranscriptRecord items listed, in
 *   the order shown
 */
GListModel *
studio_transcript_history_get_records (StudioTranscriptHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_HISTORY (self), NULL);

  return G_LIST_MODEL (self->records);
}
