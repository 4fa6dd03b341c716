/* studio-speech-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-history"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-speech-history.h"
#include "studio-transcript-row.h"
#include "studio-store-delete.h"
#include "studio-ui.h"
#include "studio-utils.h"

#define LIST_LIMIT   500
#define SEARCH_LIMIT 100

/* The Transcribe workspace's sidebar: the stored clips, newest
 * first, or those a search over their titles and text finds. Picking one
 * is reported with a signal; the page opens it. Each row can be deleted,
 * with Undo in a toast; the list follows the store's "changed" signal.
 */
struct _StudioSpeechHistory
{
  GtkBox                 parent_instance;

  /* Owned references */
  StudioSpeechStore *store;
  GListStore            *records;           /* StudioSpeechClip, as listed */
  GCancellable          *load_cancellable;  /* the listing or search being run */

  /* Template widgets */
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  GtkListBox            *list_box;

  gulong                 changed_handler;
  gint64                 selected_id;
};

G_DEFINE_FINAL_TYPE (StudioSpeechHistory, studio_speech_history, GTK_TYPE_BOX)

enum {
  ACTIVATED,
  SAVE,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void studio_speech_history_delete (StudioSpeechHistory *self,
                                              StudioSpeechClip  *record);

static const char *
state_label (StudioSpeechClipState state)
{
  switch (state)
    {
    case STUDIO_SPEECH_CLIP_STATE_FETCHING:
      return _("Downloading");
    case STUDIO_SPEECH_CLIP_STATE_PARTIAL:
      return _("Partial");
    case STUDIO_SPEECH_CLIP_STATE_FAILED:
      return _("Failed");
    case STUDIO_SPEECH_CLIP_STATE_COMPLETE:
    default:
      return NULL;
    }
}

/* "2 Dec 2026, 14:05 · 3:12 · Partial · $0.0060", what is known of it. */
static char *
describe_record (StudioSpeechClip *record)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) created = NULL;
  gint64 duration_us = studio_speech_clip_get_duration_us (record);
  const char *state = state_label (studio_speech_clip_get_state (record));
  const StudioSpeechSettings *settings = studio_speech_clip_get_settings (record);
  double cost = studio_speech_clip_get_cost (record);

  created = g_date_time_new_from_unix_local (studio_speech_clip_get_created (record));
  if (created != NULL)
    /* Translators: when a clip's audio was made, in g_date_time_format() codes */
    g_ptr_array_add (parts, g_date_time_format (created, _("%-d %b %Y, %H:%M")));
  if (duration_us > 0)
    g_ptr_array_add (parts,
                     studio_transcript_row_format_time ((double) duration_us / G_USEC_PER_SEC));
  g_ptr_array_add (parts, g_strdup (settings->custom_voice ? settings->custom_voice : settings->voice));
  if (g_strcmp0 (studio_speech_clip_get_source (record), STUDIO_SPEECH_SOURCE_CHAT) == 0)
    /* Translators: a clip read aloud from a chat reply */
    g_ptr_array_add (parts, g_strdup (_("From Chat")));
  if (state != NULL)
    g_ptr_array_add (parts, g_strdup (state));
  if (cost >= 0)
    g_ptr_array_add (parts, g_strdup_printf ("$%.4f", cost));

  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the facts about a clip in the sidebar */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
on_save_clicked_cb (GtkButton           *button,
                    StudioSpeechHistory *self)
{
  StudioSpeechClip *record = g_object_get_data (G_OBJECT (button), "record");

  g_signal_emit (self, signals[SAVE], 0, record);
}

static void
on_delete_clicked_cb (GtkButton               *button,
                      StudioSpeechHistory *self)
{
  StudioSpeechClip *record = g_object_get_data (G_OBJECT (button), "record");

  studio_speech_history_delete (self, record);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  StudioSpeechHistory *self = user_data;
  StudioSpeechClip *record = item;
  const char *title = studio_speech_clip_get_title (record);
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

  button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Save Clip As…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save Clip As…"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_save_clicked_cb), self, 0);
  gtk_widget_set_sensitive (button, studio_speech_clip_get_duration_us (record) > 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete Clip"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Clip"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static gboolean
studio_speech_history_is_searching (StudioSpeechHistory *self)
{
  return !studio_str_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
studio_speech_history_update_page (StudioSpeechHistory *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) == 0)
    page = studio_speech_history_is_searching (self) ? "no-results" : "empty";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
studio_speech_history_show_selected (StudioSpeechHistory *self)
{
  guint position;

  if (self->selected_id != 0 &&
      studio_list_model_find_by_id (G_LIST_MODEL (self->records),
                                    (StudioIdFunc) studio_speech_clip_get_id,
                                    self->selected_id, &position))
    gtk_list_box_select_row (self->list_box,
                             gtk_list_box_get_row_at_index (self->list_box, (int) position));
  else
    gtk_list_box_unselect_all (self->list_box);
}

static void
studio_speech_history_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(StudioSpeechHistory) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  records = studio_speech_store_list_finish (STUDIO_SPEECH_STORE (object), result,
                                                 &error);
  if (records == NULL)
    {
      if (!studio_api_error_is_cancelled (error))
        {
          g_autofree char *message = g_strdup_printf (_("Could not list the clips: %s"),
                                                      error->message);

          studio_ui_add_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  /* A newer listing or search may have started meanwhile; only it shows. */
  if (G_IS_TASK (result) && g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;
  if (STUDIO_SPEECH_STORE (object) != self->store)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_list_store_splice (self->records, 0, n_items, records->pdata, records->len);
  studio_speech_history_show_selected (self);
  studio_speech_history_update_page (self);
}

static void
on_search_changed_cb (StudioSpeechHistory *self)
{
  studio_speech_history_reload (self);
}

static void
on_stop_search_cb (StudioSpeechHistory *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_row_activated_cb (StudioSpeechHistory *self,
                     GtkListBoxRow           *row)
{
  g_autoptr(StudioSpeechClip) record = NULL;

  record = g_list_model_get_item (G_LIST_MODEL (self->records), gtk_list_box_row_get_index (row));
  if (record == NULL)
    return;

  self->selected_id = studio_speech_clip_get_id (record);
  g_signal_emit (self, signals[ACTIVATED], 0, record);
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey   *controller,
                     guint                    keyval,
                     guint                    keycode,
                     GdkModifierType          state,
                     StudioSpeechHistory *self)
{
  GtkWidget *focus;
  GtkWidget *row;
  g_autoptr(StudioSpeechClip) record = NULL;

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

  studio_speech_history_delete (self, record);
  return GDK_EVENT_STOP;
}

/* Delete with Undo ------------------------------------------------------------ */

static const StudioStoreDeleteOps delete_ops = {
  (StudioStoreChangeFunc) studio_speech_store_delete_async,
  (StudioStoreChangeFunc) studio_speech_store_restore_async,
  (StudioStoreChangeFunc) studio_speech_store_purge_async,
  (StudioStoreFinishFunc) studio_speech_store_change_finish,
  N_("Could not delete the clip: %s"),
  N_("Could not bring the clip back: %s"),
  /* Translators: the toast after deleting a clip; %s is its title */
  N_("“%s” deleted"),
};

static void
deleted_cb (GtkWidget *widget,
            gint64     id)
{
  StudioSpeechHistory *self = STUDIO_SPEECH_HISTORY (widget);

  if (self->selected_id == id)
    self->selected_id = 0;
  g_signal_emit (self, signals[DELETED], 0, id);
}

static void
reload_cb (GtkWidget *widget)
{
  studio_speech_history_reload (STUDIO_SPEECH_HISTORY (widget));
}

static void
studio_speech_history_delete (StudioSpeechHistory *self,
                             StudioSpeechClip *record)
{
  const char *title = studio_speech_clip_get_title (record);
  gint64 id = studio_speech_clip_get_id (record);
  guint position;

  if (self->store == NULL)
    return;

  /* It goes from the list at once; a failure lists it again. */
  if (studio_list_model_find_by_id (G_LIST_MODEL (self->records),
                                    (StudioIdFunc) studio_speech_clip_get_id, id, &position))
    {
      g_list_store_remove (self->records, position);
      studio_speech_history_update_page (self);
    }

  studio_store_delete_with_undo (GTK_WIDGET (self), self->store, &delete_ops, id,
                                 studio_str_is_blank (title) ? _("Untitled") : title,
                                 deleted_cb, reload_cb);
}

/* ----------------------------------------------------------------------------- */

static void
store_changed_cb (StudioSpeechHistory *self)
{
  studio_speech_history_reload (self);
}

static void
studio_speech_history_dispose (GObject *object)
{
  StudioSpeechHistory *self = (StudioSpeechHistory *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_HISTORY);
  g_clear_object (&self->records);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (studio_speech_history_parent_class)->dispose (object);
}

static void
studio_speech_history_class_init (StudioSpeechHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_history_dispose;

  /**
   * StudioSpeechHistory::activated:
   * @record: the clip the user picked
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_SPEECH_CLIP);

  /**
   * StudioSpeechHistory::save:
   * @clip: the clip the user wants as one file
   */
  signals[SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_SPEECH_CLIP);

  /**
   * StudioSpeechHistory::deleted:
   * @id: the clip the user deleted; Undo may bring it back
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-history.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechHistory, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechHistory, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
studio_speech_history_init (StudioSpeechHistory *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (STUDIO_TYPE_SPEECH_CLIP);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->records),
                           create_row_cb, self, NULL);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), controller);

  studio_speech_history_update_page (self);
}

/**
 * studio_speech_history_new:
 *
 * Returns: (transfer floating): a sidebar listing no clips yet
 */
GtkWidget *
studio_speech_history_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_HISTORY, NULL);
}

/**
 * studio_speech_history_get_store:
 *
 * Returns: (transfer none) (nullable): where the clips come from
 */
StudioSpeechStore *
studio_speech_history_get_store (StudioSpeechHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_HISTORY (self), NULL);

  return self->store;
}

/**
 * studio_speech_history_set_store:
 * @self: a sidebar
 * @store: (nullable): the clips to list
 *
 * Lists the clips in @store, and again whenever it changes.
 */
void
studio_speech_history_set_store (StudioSpeechHistory *self,
                                     StudioSpeechStore   *store)
{
  g_return_if_fail (STUDIO_IS_SPEECH_HISTORY (self));
  g_return_if_fail (store == NULL || STUDIO_IS_SPEECH_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                      G_CALLBACK (store_changed_cb), self);

  studio_speech_history_reload (self);
}

/**
 * studio_speech_history_reload:
 * @self: a sidebar
 *
 * Lists the clips again, or searches again while there is a search.
 * The store's "changed" signal does it; this is for what it cannot see.
 */
void
studio_speech_history_reload (StudioSpeechHistory *self)
{
  const char *text;

  g_return_if_fail (STUDIO_IS_SPEECH_HISTORY (self));

  /* Only the newest listing may show. */
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->records);
      studio_speech_history_update_page (self);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (studio_str_is_blank (text))
    studio_speech_store_list_async (self->store, 0, LIST_LIMIT, self->load_cancellable,
                                        studio_speech_history_loaded_cb,
                                        g_object_ref (self));
  else
    studio_speech_store_search_async (self->store, text, 0, SEARCH_LIMIT,
                                          self->load_cancellable,
                                          studio_speech_history_loaded_cb,
                                          g_object_ref (self));
}

/**
 * studio_speech_history_select:
 * @self: a sidebar
 * @id: the clip shown by the page, or 0 for none
 *
 * Marks the clip with @id as the one open, now and after the list
 * is loaded again.
 */
void
studio_speech_history_select (StudioSpeechHistory *self,
                                  gint64                   id)
{
  g_return_if_fail (STUDIO_IS_SPEECH_HISTORY (self));

  self->selected_id = id;
  studio_speech_history_show_selected (self);
}

/**
 * studio_speech_history_get_selected:
 *
 * Returns: the id of the clip marked as open, or 0
 */
gint64
studio_speech_history_get_selected (StudioSpeechHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_HISTORY (self), 0);

  return self->selected_id;
}

/**
 * studio_speech_history_get_clips:
 *
 * Returns: (transfer none): the StudioSpeechClip items listed, in
 *   the order shown
 */
GListModel *
studio_speech_history_get_clips (StudioSpeechHistory *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_HISTORY (self), NULL);

  return G_LIST_MODEL (self->records);
}
