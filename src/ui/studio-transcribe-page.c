/* studio-transcribe-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcribe-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-transcribe-page-private.h"
#include "studio-ui.h"

/* The workspace for turning speech into text. The start view records from
 * a microphone or takes a file; the record view shows one piece of audio
 * with its player, the options to transcribe it with and, once there is
 * one, the transcript: its segments follow the playhead and can be edited,
 * and it can be copied, exported or sent to Chat. Every recording, import
 * and transcript is kept in the history on the left. Recording, importing
 * and transcribing are in studio-transcribe-page-run.c.
 */

G_DEFINE_FINAL_TYPE (StudioTranscribePage, studio_transcribe_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Edits are saved this long after the last keystroke. */
#define SAVE_DELAY_MS 800

static const struct {
  const char             *name;
  StudioTranscriptFormat  format;
  const char             *extension;
} export_formats[] = {
  { "txt", STUDIO_TRANSCRIPT_FORMAT_TXT, "txt" },
  { "srt", STUDIO_TRANSCRIPT_FORMAT_SRT, "srt" },
  { "vtt", STUDIO_TRANSCRIPT_FORMAT_VTT, "vtt" },
  { "json", STUDIO_TRANSCRIPT_FORMAT_JSON, "json" },
};

StudioTranscriptStore *
studio_transcribe_page_get_store (StudioTranscribePage *self)
{
  return studio_context_get_transcript_store (self->context);
}

/* Paths in records are relative to the transcripts folder. */
char *
studio_transcribe_page_dup_relative_path (StudioTranscribePage *self,
                                          GFile                *file)
{
  const char *folder_path = studio_transcript_store_get_folder (studio_transcribe_page_get_store (self));
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  char *relative = g_file_get_relative_path (folder, file);

  return relative != NULL ? relative : g_file_get_path (file);
}

static char *
format_duration (gint64 duration_us)
{
  gint64 seconds = duration_us / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

void
studio_transcribe_page_show_start_error (StudioTranscribePage *self,
                                         const char           *message)
{
  gtk_label_set_text (self->start_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->start_error), message != NULL);
}

void
studio_transcribe_page_update_actions (StudioTranscribePage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_text = self->transcript != NULL && !studio_transcript_is_empty (self->transcript);
  gboolean busy = studio_transcribe_page_is_busy (self);

  gtk_widget_action_set_enabled (widget, "transcribe.copy", has_text);
  gtk_widget_action_set_enabled (widget, "transcribe.export", has_text);
  gtk_widget_action_set_enabled (widget, "transcribe.send-to-chat", has_text);
  gtk_widget_action_set_enabled (widget, "transcribe.cancel", self->job != NULL);
  gtk_widget_action_set_enabled (widget, "transcribe.cancel-import", self->import_cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "transcribe.open", !busy);
  gtk_widget_action_set_enabled (widget, "transcribe.new",
                                 studio_recorder_get_state (self->recorder) == STUDIO_RECORDER_IDLE);
  studio_transcribe_page_update_note (self);
}

/* The file name, length, size and origin of the audio shown. */
static void
page_update_info (StudioTranscribePage *self)
{
  StudioTranscriptRecord *record = self->record;
  g_autoptr(GString) info = g_string_new (NULL);
  g_autofree char *duration = NULL;
  g_autofree char *size = NULL;
  double cost;

  if (record == NULL)
    return;

  gtk_label_set_text (self->title_label, studio_transcript_record_get_title (record));

  duration = format_duration (studio_transcript_record_get_duration_us (record));
  size = g_format_size ((guint64) studio_transcript_record_get_audio_size (record));
  g_string_append_printf (info, "%s · %s", duration, size);

  if (g_strcmp0 (studio_transcript_record_get_source (record), STUDIO_TRANSCRIPT_SOURCE_RECORDING) == 0)
    g_string_append_printf (info, " · %s", _("Recording"));
  else if (studio_transcript_record_get_original_name (record) != NULL)
    g_string_append_printf (info, " · %s", studio_transcript_record_get_original_name (record));

  if (studio_transcript_record_get_model (record) != NULL &&
      studio_transcript_record_get_state (record) == STUDIO_TRANSCRIPT_STATE_COMPLETE)
    g_string_append_printf (info, " · %s", studio_transcript_record_get_model (record));

  if (studio_transcript_record_get_cost (record, &cost))
    g_string_append_printf (info, " · $%.4f", cost);

  gtk_label_set_text (self->info_label, info->str);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  StudioTranscribePage *self = user_data;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  self->save_timeout = 0;
  if (self->record == NULL || self->transcript == NULL)
    return G_SOURCE_REMOVE;

  json = studio_transcript_to_json (self->transcript);
  text = studio_transcript_dup_text (self->transcript);
  studio_transcript_record_set_transcript (self->record, json);
  studio_transcript_record_set_text (self->record, text);
  studio_transcribe_page_save_record (self, self->record);

  return G_SOURCE_REMOVE;
}

static void
page_flush_edits (StudioTranscribePage *self)
{
  /* A segment being typed in counts too. */
  if (self->transcript_view != NULL)
    studio_transcript_view_commit (self->transcript_view);
  if (self->save_timeout != 0)
    {
      g_clear_handle_id (&self->save_timeout, g_source_remove);
      save_timeout_cb (self);
    }
}

static void
transcript_changed_cb (StudioTranscribePage *self)
{
  /* A streamed transcript is saved when it is done, not as it grows. */
  if (self->job != NULL)
    return;

  g_clear_handle_id (&self->save_timeout, g_source_remove);
  self->save_timeout = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  studio_transcribe_page_update_actions (self);
}

/**
 * studio_transcribe_page_set_transcript:
 * @self: the Transcribe workspace
 * @transcript: (nullable): the transcript to show, edit and save
 *
 * Shows @transcript; its edits are saved into the record shown.
 */
void
studio_transcribe_page_set_transcript (StudioTranscribePage *self,
                                       StudioTranscript     *transcript)
{
  if (self->transcript != transcript)
    {
      page_flush_edits (self);
      if (self->transcript != NULL)
        g_signal_handlers_disconnect_by_func (self->transcript, transcript_changed_cb, self);
      g_set_object (&self->transcript, transcript);
      if (transcript != NULL)
        g_signal_connect_swapped (transcript, "changed", G_CALLBACK (transcript_changed_cb), self);
      studio_transcript_view_set_transcript (self->transcript_view, transcript);
    }

  gtk_stack_set_visible_child_name (self->transcript_stack,
                                    transcript != NULL ? "transcript" : "empty");
  studio_transcribe_page_update_actions (self);
}

static void
save_record_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_transcript_store_save_finish (STUDIO_TRANSCRIPT_STORE (object), result, &error))
    g_warning ("Could not keep the transcript: %s", error->message);
}

/**
 * studio_transcribe_page_save_record:
 * @self: the Transcribe workspace
 * @record: a record to write
 *
 * Writes @record to the store, in the background.
 */
void
studio_transcribe_page_save_record (StudioTranscribePage   *self,
                                    StudioTranscriptRecord *record)
{
  studio_transcript_record_set_updated (record, g_get_real_time ());
  studio_transcript_store_save_async (studio_transcribe_page_get_store (self), record, NULL, save_record_cb, NULL);
}

static void
record_saved_show_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(StudioTranscribePage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_transcript_store_save_finish (STUDIO_TRANSCRIPT_STORE (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The audio could not be kept in the history: %s"),
                                                  error->message);

      studio_ui_add_toast (GTK_WIDGET (self), message);
      return;
    }

  /* The history reloads on the store's "changed"; the new row is the one shown. */
  if (self->record != NULL && self->history != NULL)
    {
      page_update_info (self);
      studio_transcript_history_select (self->history, studio_transcript_record_get_id (self->record));
    }
}

/**
 * studio_transcribe_page_save_and_show:
 * @self: the Transcribe workspace
 * @record: a new recording or import
 *
 * Shows @record, and selects it in the history once it is stored.
 */
void
studio_transcribe_page_save_and_show (StudioTranscribePage   *self,
                                      StudioTranscriptRecord *record)
{
  studio_transcript_record_set_updated (record, g_get_real_time ());
  studio_transcribe_page_show_record (self, record);
  studio_transcript_store_save_async (studio_transcribe_page_get_store (self), record, NULL,
                                      record_saved_show_cb, g_object_ref (self));
}

/**
 * studio_transcribe_page_show_record:
 * @self: the Transcribe workspace
 * @record: (nullable): what to show; %NULL shows the start view
 *
 * Shows a recording or import with its player, options and transcript.
 */
void
studio_transcribe_page_show_record (StudioTranscribePage   *self,
                                    StudioTranscriptRecord *record)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GFile) audio = NULL;
  const char *json;

  page_flush_edits (self);
  g_set_object (&self->record, record);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  if (record == NULL)
    {
      studio_player_set_file (self->player, NULL);
      studio_transcribe_page_set_transcript (self, NULL);
      gtk_stack_set_visible_child_name (self->view_stack, "start");
      studio_transcribe_page_update_actions (self);
      return;
    }

  audio = studio_transcript_record_dup_audio_file (record,
                                                   studio_transcript_store_get_folder (studio_transcribe_page_get_store (self)));
  studio_player_set_file (self->player, audio);

  json = studio_transcript_record_get_transcript (record);
  if (json != NULL && *json != '\0')
    {
      g_autoptr(GError) error = NULL;

      transcript = studio_transcript_new_from_json (json, &error);
      if (transcript == NULL)
        g_warning ("The stored transcript could not be read: %s", error->message);
    }
  studio_transcribe_page_set_transcript (self, transcript);

  if (studio_transcript_record_get_options (record) != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (studio_transcript_record_get_options (record), NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        studio_transcribe_options_load_json (self->options, json_node_get_object (node));
    }
  if (studio_transcript_record_get_model (record) != NULL)
    studio_model_picker_select_id (self->model_picker, studio_transcript_record_get_model (record));

  page_update_info (self);
  studio_transcript_history_select (self->history, studio_transcript_record_get_id (record));
  gtk_stack_set_visible_child_name (self->view_stack, "record");

  if (studio_transcript_record_get_state (record) == STUDIO_TRANSCRIPT_STATE_TRANSCRIBING &&
      self->job == NULL)
    {
      /* The app was closed or killed while it ran. */
      gtk_label_set_text (self->error_title, _("The Transcription Was Interrupted"));
      gtk_label_set_text (self->error_label, _("The app closed while the audio was being "
                                               "transcribed. The audio is kept; try again."));
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
    }
  else if (studio_transcript_record_get_state (record) == STUDIO_TRANSCRIPT_STATE_FAILED ||
           studio_transcript_record_get_state (record) == STUDIO_TRANSCRIPT_STATE_PARTIAL)
    {
      gtk_label_set_text (self->error_title, _("The Last Try Failed"));
      gtk_label_set_text (self->error_label, studio_transcript_record_get_error (record) != NULL
                                             ? studio_transcript_record_get_error (record)
                                             : _("The audio is kept; try again."));
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
    }

  studio_transcribe_page_update_actions (self);
}

static void
history_activated_cb (StudioTranscribePage   *self,
                      StudioTranscriptRecord *record)
{
  AdwFlap *flap;

  if (studio_transcribe_page_is_busy (self) &&
      (self->record == NULL || studio_transcript_record_get_id (record) != studio_transcript_record_get_id (self->record)))
    {
      studio_ui_add_toast (GTK_WIDGET (self), _("Wait for the transcription, or cancel it, before opening another."));
      if (self->record != NULL)
        studio_transcript_history_select (self->history, studio_transcript_record_get_id (self->record));
      return;
    }

  studio_transcribe_page_show_record (self, record);
  /* The flap is the bin's child, so it is not a template child: GTK would
   * unparent it once more when the page goes.
   */
  flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, FALSE);
}

static void
history_deleted_cb (StudioTranscribePage *self,
                    gint64                id)
{
  if (self->record == NULL || studio_transcript_record_get_id (self->record) != id)
    return;

  studio_transcribe_page_cancel (self);
  g_clear_handle_id (&self->save_timeout, g_source_remove);
  studio_transcribe_page_show_record (self, NULL);
}

/* Playback and the transcript follow each other. */
static void
player_position_cb (StudioTranscribePage *self)
{
  studio_transcript_view_set_time (self->transcript_view,
                                   studio_player_get_position_us (self->player) / (double) G_USEC_PER_SEC);
}

static void
view_seek_cb (StudioTranscribePage *self,
              double                seconds)
{
  studio_player_seek (self->player, (gint64) (seconds * G_USEC_PER_SEC));
  if (!studio_player_get_playing (self->player))
    studio_player_play (self->player);
}

static void
player_error_cb (StudioTranscribePage *self,
                 const GError         *error)
{
  studio_ui_add_toast (GTK_WIDGET (self), error->message);
}

static void
model_changed_cb (StudioTranscribePage *self)
{
  studio_transcribe_options_set_model (self->options,
                                       studio_model_picker_get_selected (self->model_picker));
  if (self->translation_missing)
    studio_transcribe_options_set_translation_available (self->options, FALSE,
                                                         _("This server does not offer translation."));
  studio_transcribe_page_update_actions (self);
}

static void
open_files_cb (GtkWidget  *widget,
               GListModel *files,
               gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  if (file != NULL)
    studio_transcribe_page_import (STUDIO_TRANSCRIBE_PAGE (widget), file);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Audio and Video"));
  gtk_file_filter_add_mime_type (filter, "audio/*");
  gtk_file_filter_add_mime_type (filter, "video/*");
  studio_file_chooser_open (widget, _("Open Audio or Video"), _("_Open"), filter,
                            open_files_cb, NULL, NULL);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (widget);

  if (studio_transcribe_page_is_busy (self))
    {
      studio_ui_add_toast (widget, _("Wait for the transcription, or cancel it, first."));
      return;
    }
  studio_transcript_history_select (self->history, 0);
  studio_transcribe_page_show_record (self, NULL);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  studio_transcribe_page_run (STUDIO_TRANSCRIBE_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  studio_transcribe_page_cancel (STUDIO_TRANSCRIBE_PAGE (widget));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->transcript == NULL)
    return;

  page_flush_edits (self);
  text = studio_transcript_export (self->transcript, STUDIO_TRANSCRIPT_FORMAT_TXT);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  studio_ui_add_toast (widget, _("Transcript copied"));
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (object));
      g_autofree char *message = g_strdup_printf (_("“%s” could not be saved: %s"), name,
                                                  error->message);

      studio_ui_add_toast (widget, message);
      return;
    }

  studio_ui_add_toast (widget, _("Transcript exported"));
}

/**
 * studio_transcribe_page_export:
 * @self: the Transcribe workspace
 * @format: an export format's index in export_formats
 * @file: where to write it
 *
 * Writes the transcript shown, with its edits, in the background.
 */
void
studio_transcribe_page_export (StudioTranscribePage *self,
                               guint                 format,
                               GFile                *file)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (format < G_N_ELEMENTS (export_formats));

  if (self->transcript == NULL)
    return;

  page_flush_edits (self);
  text = studio_transcript_export (self->transcript, export_formats[format].format);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       export_written_cb, g_object_ref (self));
}

static void
export_chosen_cb (GtkWidget  *widget,
                  GListModel *files,
                  gpointer    user_data)
{
  g_autoptr(GFile) file = files != NULL ? g_list_model_get_item (files, 0) : NULL;

  if (file != NULL)
    studio_transcribe_page_export (STUDIO_TRANSCRIBE_PAGE (widget), GPOINTER_TO_UINT (user_data),
                                   file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *initial = NULL;

  if (self->transcript == NULL || self->record == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      if (!g_str_equal (export_formats[i].name, name))
        continue;

      initial = g_strdup_printf ("%s.%s", studio_transcript_record_get_title (self->record),
                                 export_formats[i].extension);
      g_strdelimit (initial, "/\\", '-');
      studio_file_chooser_save (widget, _("Export Transcript"), _("_Export"), initial,
                                export_chosen_cb, GUINT_TO_POINTER (i), NULL);
      return;
    }
}

static void
send_to_chat_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->transcript == NULL)
    return;

  page_flush_edits (self);
  text = studio_transcript_export (self->transcript, STUDIO_TRANSCRIPT_FORMAT_TXT);
  gtk_widget_activate_action (widget, "win.send-text-to-chat", "s", text);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioTranscribePage) self = user_data;
  const GValue *value;
  GSList *files;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);
  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return;

  files = g_value_get_boxed (value);
  if (files != NULL)
    studio_transcribe_page_open_file (self, files->data);
}

/* Ctrl+V outside the text: a file copied in a file manager. */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                          GDK_TYPE_FILE_LIST))
    {
      studio_ui_add_toast (widget, _("To transcribe a file, copy it in the file manager first."));
      return;
    }

  gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                  paste_files_cb, g_object_ref (widget));
}

static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         StudioTranscribePage *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL || studio_transcribe_page_is_busy (self))
    return FALSE;

  studio_transcribe_page_import (self, files->data);
  return TRUE;
}

static void
studio_transcribe_page_constructed (GObject *object)
{
  StudioTranscribePage *self = (StudioTranscribePage *) object;

  G_OBJECT_CLASS (studio_transcribe_page_parent_class)->constructed (object);

  studio_transcript_history_set_store (self->history, studio_transcribe_page_get_store (self));
  studio_transcribe_options_set_store (self->options, studio_transcribe_page_get_store (self));
  model_changed_cb (self);
}

static void
studio_transcribe_page_dispose (GObject *object)
{
  StudioTranscribePage *self = (StudioTranscribePage *) object;

  /* Whatever is being recorded is finished and kept. */
  studio_transcribe_page_finish_now (self);
  page_flush_edits (self);
  studio_transcribe_page_abandon_run (self);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  if (self->transcript != NULL)
    g_signal_handlers_disconnect_by_func (self->transcript, transcript_changed_cb, self);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_TRANSCRIBE_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->transcript);
  g_clear_object (&self->record);
  g_clear_object (&self->recording);
  g_clear_object (&self->player);
  g_clear_object (&self->recorder);
  g_clear_object (&self->devices);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_transcribe_page_parent_class)->dispose (object);
}

static void
studio_transcribe_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (object);

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
studio_transcribe_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StudioTranscribePage *self = STUDIO_TRANSCRIBE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcribe_page_class_init (StudioTranscribePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_transcribe_page_constructed;
  object_class->dispose = studio_transcribe_page_dispose;
  object_class->get_property = studio_transcribe_page_get_property;
  object_class->set_property = studio_transcribe_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "transcribe.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "transcribe.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "transcribe.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "transcribe.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "transcribe.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "transcribe.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "transcribe.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "transcribe.send-to-chat", NULL,
                                   send_to_chat_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "transcribe.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "transcribe.open", NULL);
  gtk_widget_class_install_action (widget_class, "transcribe.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "transcribe.paste", NULL);

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);
  g_type_ensure (STUDIO_TYPE_PLAYER_BAR);
  g_type_ensure (STUDIO_TYPE_RECORD_PANEL);
  g_type_ensure (STUDIO_TYPE_TRANSCRIBE_OPTIONS);
  g_type_ensure (STUDIO_TYPE_TRANSCRIPT_HISTORY);
  g_type_ensure (STUDIO_TYPE_TRANSCRIPT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-transcribe-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, history);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, record_panel);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, import_box);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, import_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, import_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, start_error);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, options);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, info_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, player_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, error_title);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, run_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, note_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, run_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, transcript_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribePage, transcript_view);
}

static void
studio_transcribe_page_init (StudioTranscribePage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->recorder = studio_recorder_new ();
  self->devices = studio_audio_devices_new ();
  self->player = studio_player_new ();
  studio_record_panel_set_recorder (self->record_panel, self->recorder);
  studio_record_panel_set_devices (self->record_panel, self->devices);
  studio_record_panel_set_max_bytes (self->record_panel, STUDIO_TRANSCRIPTION_MAX_BYTES);
  studio_player_bar_set_player (self->player_bar, self->player);

  g_signal_connect_swapped (self->record_panel, "record-requested",
                            G_CALLBACK (studio_transcribe_page_start_recording), self);
  g_signal_connect_swapped (self->record_panel, "stop-requested",
                            G_CALLBACK (studio_transcribe_page_stop_recording), self);
  g_signal_connect_swapped (self->recorder, "stopped",
                            G_CALLBACK (studio_transcribe_page_recording_stopped), self);
  g_signal_connect_swapped (self->player, "notify::position-us",
                            G_CALLBACK (player_position_cb), self);
  g_signal_connect_swapped (self->player, "error", G_CALLBACK (player_error_cb), self);
  g_signal_connect_swapped (self->transcript_view, "seek", G_CALLBACK (view_seek_cb), self);
  g_signal_connect_swapped (self->transcript_view, "make-speaker",
                            G_CALLBACK (studio_transcribe_page_make_speaker), self);
  g_signal_connect_swapped (self->history, "activated", G_CALLBACK (history_activated_cb), self);
  g_signal_connect_swapped (self->history, "deleted", G_CALLBACK (history_deleted_cb), self);
  g_signal_connect_swapped (self->model_picker, "notify::selected",
                            G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->options, "changed",
                            G_CALLBACK (studio_transcribe_page_update_actions), self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * studio_transcribe_page_open_file:
 * @self: the Transcribe workspace
 * @file: an audio or video file to transcribe
 *
 * Takes @file as if it was dropped: it is checked, converted when the
 * service would refuse it as it is, and kept in the history.
 */
void
studio_transcribe_page_open_file (StudioTranscribePage *self,
                                  GFile                *file)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIBE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (studio_transcribe_page_is_busy (self))
    {
      studio_ui_add_toast (GTK_WIDGET (self), _("Wait for the transcription, or cancel it, before opening another file."));
      return;
    }
  studio_transcribe_page_import (self, file);
}
