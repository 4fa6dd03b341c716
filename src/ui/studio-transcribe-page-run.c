/* studio-transcribe-page-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcribe-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-audio-encode.h"
#include "studio-audio-envelope.h"
#include "studio-json.h"
#include "studio-media-error.h"
#include "studio-transcribe-page-private.h"
#include "studio-ui.h"

/* Where the Transcribe workspace's recordings come from and where audio
 * goes: a recording, written into the transcripts folder as it is captured
 * and kept in the history from its first second; and the run that sends
 * audio, piece by piece, and keeps every piece that came back. Imports are
 * in studio-transcribe-page-import.c.
 */

/* A recording shorter than this holds nothing worth sending. */
#define MIN_RECORDING_US (G_USEC_PER_SEC / 2)

/* Diarizing families need a chunking strategy above this length. */
#define CHUNKING_MIN_US (30 * G_USEC_PER_SEC)

/* Recording */

/**
 * studio_transcribe_page_start_recording:
 * @self: the Transcribe workspace
 *
 * Starts recording from the chosen input into a new file of the
 * transcripts folder, and keeps it in the history at once, so that a crash
 * leaves a recording that plays.
 */
void
studio_transcribe_page_start_recording (StudioTranscribePage *self)
{
  g_autoptr(StudioTranscriptRecord) record = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (studio_transcribe_page_is_busy (self))
    return;

  studio_transcribe_page_show_start_error (self, NULL);
  file = studio_transcript_store_new_audio_file (studio_transcribe_page_get_store (self), "recording", "ogg");
  studio_recorder_set_device (self->recorder, studio_record_panel_get_device (self->record_panel));
  if (!studio_recorder_start (self->recorder, file, &error))
    {
      studio_transcribe_page_show_start_error (self, error->message);
      return;
    }

  record = studio_transcript_record_new ();
  path = studio_transcribe_page_dup_relative_path (self, file);
  /* The store names it after the time it starts. */
  studio_transcript_record_set_source (record, STUDIO_TRANSCRIPT_SOURCE_RECORDING);
  studio_transcript_record_set_audio_path (record, path);
  studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_AUDIO);
  g_set_object (&self->recording, record);
  studio_transcribe_page_save_record (self, record);
  studio_transcribe_page_update_actions (self);
}

/**
 * studio_transcribe_page_stop_recording:
 * @self: the Transcribe workspace
 *
 * Stops recording; the file is finished and shown once it is closed.
 */
void
studio_transcribe_page_stop_recording (StudioTranscribePage *self)
{
  if (studio_recorder_get_state (self->recorder) == STUDIO_RECORDER_RECORDING ||
      studio_recorder_get_state (self->recorder) == STUDIO_RECORDER_PAUSED)
    studio_recorder_stop_async (self->recorder, NULL, NULL, NULL);
}

/* Writes what the recorder knows of the finished file into the record. */
static void
recording_update (StudioTranscribePage *self)
{
  StudioTranscriptRecord *record = self->recording;

  studio_transcript_record_set_duration_us (record, studio_recorder_get_elapsed_us (self->recorder));
  studio_transcript_record_set_audio_size (record,
                                           (gint64) studio_recorder_get_bytes_written (self->recorder));
}

static void
recording_purged_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_transcript_store_change_finish (STUDIO_TRANSCRIPT_STORE (object), result, &error))
    g_warning ("Could not remove an empty recording: %s", error->message);
}

/* Only a deleted row is purged: hide it, then remove it with its file. */
static void
recording_deleted_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  StudioTranscriptStore *store = STUDIO_TRANSCRIPT_STORE (object);
  g_autoptr(GError) error = NULL;

  if (!studio_transcript_store_change_finish (store, result, &error))
    {
      g_warning ("Could not remove an empty recording: %s", error->message);
      return;
    }

  studio_transcript_store_purge_async (store, (gint64) GPOINTER_TO_SIZE (user_data), NULL,
                                       recording_purged_cb, NULL);
}

/**
 * studio_transcribe_page_recording_stopped:
 * @self: the Transcribe workspace
 *
 * The recorder closed its file, after Stop or a failure of the input:
 * keeps and shows the recording, unless nothing was recorded.
 */
void
studio_transcribe_page_recording_stopped (StudioTranscribePage *self)
{
  g_autoptr(StudioTranscriptRecord) record = NULL;

  if (self->recording == NULL)
    return;

  recording_update (self);
  record = g_steal_pointer (&self->recording);

  if (studio_transcript_record_get_duration_us (record) < MIN_RECORDING_US)
    {
      studio_transcribe_page_show_start_error (self, _("Nothing was recorded, so nothing was kept. "
                                                       "Check that the right input is chosen."));
      if (studio_transcript_record_get_id (record) != 0)
        studio_transcript_store_delete_async (studio_transcribe_page_get_store (self),
                                              studio_transcript_record_get_id (record), NULL,
                                              recording_deleted_cb,
                                              GSIZE_TO_POINTER (studio_transcript_record_get_id (record)));
      studio_transcribe_page_update_actions (self);
      return;
    }

  if (studio_recorder_get_loudest_db (self->recorder) < STUDIO_AUDIO_ENVELOPE_SILENT_DB)
    studio_transcript_record_set_error (record, _("The recording holds only silence, so it is not "
                                                  "sent. Check the input and its volume."));

  studio_transcribe_page_save_and_show (self, record);
}

/**
 * studio_transcribe_page_finish_now:
 * @self: the Transcribe workspace
 *
 * Finishes a recording at once, for a window closing or the app quitting:
 * the file is closed and the record keeps its length.
 */
void
studio_transcribe_page_finish_now (StudioTranscribePage *self)
{
  if (self->recorder == NULL || studio_recorder_get_state (self->recorder) == STUDIO_RECORDER_IDLE)
    return;

  g_signal_handlers_disconnect_by_func (self->recorder, studio_transcribe_page_recording_stopped, self);
  studio_recorder_stop_now (self->recorder);
  if (self->recording != NULL)
    {
      recording_update (self);
      studio_transcribe_page_save_record (self, self->recording);
      g_clear_object (&self->recording);
    }
}

/* Transcribing */

static const char *
error_title (const GError *error)
{
  if (error->domain != STUDIO_API_ERROR)
    return _("Not Sent");

  if (studio_api_error_get_status (error) == 413)
    return _("The Audio Is Too Large for the Server");

  switch ((StudioApiError) error->code)
    {
    case STUDIO_API_ERROR_BAD_REQUEST:
      return _("The Server Refused the Request");
    case STUDIO_API_ERROR_NOT_FOUND:
      return _("Not Offered by This Server");
    case STUDIO_API_ERROR_RATE_LIMITED:
      return _("Too Many Requests");
    case STUDIO_API_ERROR_QUOTA_EXCEEDED:
      return _("Out of Credit");
    case STUDIO_API_ERROR_TIMEOUT:
      return _("The Server Took Too Long");
    case STUDIO_API_ERROR_NETWORK:
      return _("The Server Cannot Be Reached");
    case STUDIO_API_ERROR_INCOMPLETE:
      return _("The Transcript Stopped Arriving");
    case STUDIO_API_ERROR_MALFORMED:
      return _("The Answer Could Not Be Read");
    case STUDIO_API_ERROR_INVALID_KEY:
    case STUDIO_API_ERROR_NO_KEY:
    case STUDIO_API_ERROR_PERMISSION:
      return _("The Key Was Not Accepted");
    default:
      return _("The Audio Could Not Be Transcribed");
    }
}

static char *
error_text (StudioTranscribePage *self,
            const GError         *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *details = NULL;
  g_autofree char *wait = NULL;
  guint done = self->job != NULL ? studio_transcription_job_get_n_done (self->job) : 0;
  guint n = self->job != NULL ? studio_transcription_job_get_n_pieces (self->job) : 1;

  if (studio_api_error_get_status (error) == 413)
    g_string_append (text, _("The server refused a file this large. The audio is kept; open it "
                             "again to convert it to a smaller file."));
  else if (error->domain == STUDIO_API_ERROR && studio_api_error_get_param (error) != NULL)
    g_string_append_printf (text, _("Change “%s” and try again."), studio_api_error_get_param (error));
  else
    g_string_append (text, error->message);

  if (error->domain == STUDIO_API_ERROR && (wait = studio_api_error_dup_wait_text (error)) != NULL)
    g_string_append_printf (text, " %s", wait);

  if (n > 1 && done > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u of %u pieces is done and will not be sent again.",
                                              "%u of %u pieces are done and will not be sent again.",
                                              done), done, n);
    }
  else
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("The audio is kept."));
    }

  if (error->domain == STUDIO_API_ERROR && (details = studio_api_error_dup_details (error)) != NULL)
    g_string_append_printf (text, "\n\n%s", details);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
page_show_error (StudioTranscribePage *self,
                 const char           *title,
                 const char           *text)
{
  gtk_label_set_text (self->error_title, title);
  gtk_label_set_text (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

gboolean
studio_transcribe_page_is_busy (StudioTranscribePage *self)
{
  return self->job != NULL || self->import_cancellable != NULL ||
         (self->recorder != NULL && studio_recorder_get_state (self->recorder) != STUDIO_RECORDER_IDLE);
}

static gboolean
record_is_silent (StudioTranscriptRecord *record)
{
  return studio_transcript_record_get_state (record) == STUDIO_TRANSCRIPT_STATE_AUDIO &&
         studio_transcript_record_get_error (record) != NULL &&
         g_strcmp0 (studio_transcript_record_get_source (record), STUDIO_TRANSCRIPT_SOURCE_RECORDING) == 0;
}

/**
 * studio_transcribe_page_update_note:
 * @self: the Transcribe workspace
 *
 * Says, next to Transcribe, why it cannot be pressed, or what it will do.
 */
void
studio_transcribe_page_update_note (StudioTranscribePage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autofree char *note = NULL;
  gboolean can_run = FALSE;

  if (self->record == NULL)
    ;
  else if (model == NULL)
    note = g_strdup (_("The server offers no transcription model."));
  else if (record_is_silent (self->record))
    note = g_strdup (studio_transcript_record_get_error (self->record));
  else
    {
      double duration = studio_transcript_record_get_duration_us (self->record) / (double) G_USEC_PER_SEC;
      double cost = studio_prices_transcription_cost (studio_context_get_prices (self->context),
                                                      studio_model_get_id (model), NULL, duration);

      can_run = TRUE;
      if (studio_transcript_record_get_state (self->record) == STUDIO_TRANSCRIPT_STATE_COMPLETE)
        ;
      else if (cost >= 0.001)
        note = g_strdup_printf (_("About $%.3f"), cost);
      else if (cost >= 0)
        note = g_strdup (_("Less than $0.001"));
    }

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transcribe.run",
                                 can_run && self->job == NULL);
}

static void
page_update_progress (StudioTranscribePage *self)
{
  StudioTranscriptionJob *job = self->job;
  guint64 sent = studio_transcription_job_get_bytes_sent (job);
  guint64 total = studio_transcription_job_get_bytes_total (job);
  guint n = studio_transcription_job_get_n_pieces (job);
  g_autofree char *text = NULL;
  g_autofree char *sent_text = g_format_size (sent);
  g_autofree char *total_text = g_format_size (total);

  switch (studio_transcription_job_get_phase (job))
    {
    case STUDIO_TRANSCRIPTION_PHASE_UPLOADING:
      if (n > 1)
        text = g_strdup_printf (_("Sending %s of %s, %u of %u pieces done"), sent_text, total_text,
                                studio_transcription_job_get_n_done (job), n);
      else
        text = g_strdup_printf (_("Sending %s of %s"), sent_text, total_text);
      gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) sent / total : 0);
      break;

    case STUDIO_TRANSCRIPTION_PHASE_WAITING:
      text = g_strdup (_("Sent. Waiting for the transcript…"));
      gtk_progress_bar_pulse (self->progress_bar);
      break;

    case STUDIO_TRANSCRIPTION_PHASE_RECEIVING:
      text = g_strdup (_("Receiving the transcript…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 1);
      {
        StudioTranscript *live = studio_transcription_job_get_live (job);
        g_autofree char *live_text = studio_transcript_dup_text (live);

        if (self->transcript != live)
          studio_transcribe_page_set_transcript (self, live);
        /* Shown until the segments come, or the answer is done. */
        studio_transcript_view_set_live_text (self->transcript_view, live_text);
      }
      break;

    case STUDIO_TRANSCRIPTION_PHASE_IDLE:
    default:
      return;
    }

  gtk_label_set_text (self->progress_label, text);
}

/* The pieces of the record, with the transcripts of those already done. */
static char *
pieces_to_json (JsonArray *pieces)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (root, pieces);
  return studio_json_to_string (root, FALSE);
}

static JsonArray *
record_dup_pieces (StudioTranscriptRecord *record)
{
  const char *json = studio_transcript_record_get_pieces (record);
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL || *json == '\0')
    return NULL;

  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_array_ref (json_node_get_array (node));
}

static void
job_piece_done_cb (StudioTranscribePage   *self,
                   guint                   index,
                   StudioTranscriptionJob *job)
{
  g_autoptr(JsonArray) pieces = record_dup_pieces (self->record);
  g_autofree char *transcript = NULL;
  g_autofree char *json = NULL;
  JsonNode *element;

  if (pieces == NULL || index >= json_array_get_length (pieces))
    return;

  element = json_array_get_element (pieces, index);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return;

  /* Kept at once, so a failure later does not send this piece again. */
  transcript = studio_transcript_to_json (studio_transcription_job_get_piece (job, index));
  json_object_set_string_member (json_node_get_object (element), "transcript", transcript);
  json = pieces_to_json (pieces);
  studio_transcript_record_set_pieces (self->record, json);
  studio_transcript_record_set_state (self->record, STUDIO_TRANSCRIPT_STATE_PARTIAL);
  studio_transcribe_page_save_record (self, self->record);
}

static void
page_end_run (StudioTranscribePage *self)
{
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  studio_transcript_view_set_live_text (self->transcript_view, NULL);
  gtk_spinner_set_spinning (self->run_spinner, FALSE);
  gtk_stack_set_visible_child_name (self->run_stack, "idle");
  studio_transcribe_page_update_actions (self);
}

static void
job_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioTranscribePage) self = user_data;
  StudioTranscriptionJob *job = STUDIO_TRANSCRIPTION_JOB (object);
  StudioTranscriptRecord *record = self->record;
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  guint done = studio_transcription_job_get_n_done (job);
  StudioTranscriptionOptions options = { 0 };

  /* The page let go of the job when it closed. */
  if (self->job != job)
    return;

  if (!studio_transcription_job_run_finish (job, result, &error))
    {
      g_autofree char *text = NULL;

      studio_transcribe_options_get (self->options, &options);

      studio_transcript_record_set_state (record, done > 0 ? STUDIO_TRANSCRIPT_STATE_PARTIAL
                                                           : STUDIO_TRANSCRIPT_STATE_AUDIO);
      if (studio_api_error_is_cancelled (error))
        {
          studio_transcribe_page_set_transcript (self, NULL);
          studio_ui_add_toast (GTK_WIDGET (self), _("Transcription cancelled. The audio is kept."));
        }
      else if (g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_NOT_FOUND) &&
               options.translate)
        {
          self->translation_missing = TRUE;
          studio_transcribe_options_set_translation_available (self->options, FALSE,
                                                               _("This server does not offer translation."));
          page_show_error (self, _("Translation Is Not Offered"),
                           _("This server does not translate audio, so the option is hidden. "
                             "Transcribe instead; the audio is kept."));
        }
      else
        {
          text = error_text (self, error);
          studio_transcript_record_set_state (record, done > 0 ? STUDIO_TRANSCRIPT_STATE_PARTIAL
                                                               : STUDIO_TRANSCRIPT_STATE_FAILED);
          studio_transcript_record_set_error (record, text);
          page_show_error (self, error_title (error), text);
          /* What streamed in before the failure stays on screen. */
        }

      studio_transcribe_page_save_record (self, record);
      page_end_run (self);
      return;
    }

  transcript = studio_transcription_job_dup_transcript (job);
  page_end_run (self);

  if (studio_transcript_is_empty (transcript))
    {
      const char *text = _("The answer held no words. Check that the audio has speech in it, or "
                           "try another model. The audio is kept.");

      studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_FAILED);
      studio_transcript_record_set_error (record, text);
      studio_transcribe_page_set_transcript (self, NULL);
      page_show_error (self, _("The Transcript Is Empty"), text);
      studio_transcribe_page_save_record (self, record);
      return;
    }

  {
    g_autofree char *json = studio_transcript_to_json (transcript);
    g_autofree char *text = studio_transcript_dup_text (transcript);
    JsonObject *usage = studio_transcript_get_usage (transcript);
    double duration = studio_transcript_record_get_duration_us (record) / (double) G_USEC_PER_SEC;
    double cost = studio_prices_transcription_cost (studio_context_get_prices (self->context),
                                                    studio_transcript_record_get_model (record),
                                                    usage, duration);

    studio_transcript_record_set_transcript (record, json);
    studio_transcript_record_set_text (record, text);
    studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_COMPLETE);
    studio_transcript_record_set_error (record, NULL);
    if (usage != NULL)
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), usage);
        g_autofree char *usage_json = studio_json_to_string (node, FALSE);

        studio_transcript_record_set_usage (record, usage_json);
      }
    if (cost >= 0)
      studio_transcript_record_set_cost (record, cost);
  }

  studio_transcribe_page_set_transcript (self, transcript);
  studio_transcribe_page_save_record (self, record);
  studio_transcribe_page_show_record (self, record);
}

/* The known speakers' names and clips, as the request sends them. */
static gboolean
add_speakers (StudioTranscribePage        *self,
              GStrvBuilder                *names,
              GStrvBuilder                *references,
              GError                     **error)
{
  g_autoptr(GPtrArray) speakers = studio_transcribe_options_dup_speakers (self->options);

  for (guint i = 0; speakers != NULL && i < speakers->len; i++)
    {
      StudioSpeaker *speaker = g_ptr_array_index (speakers, i);
      g_autoptr(GFile) clip = g_file_new_for_path (speaker->clip_path);
      g_autoptr(GBytes) bytes = g_file_load_bytes (clip, NULL, NULL, error);
      g_autofree char *reference = NULL;

      if (bytes == NULL)
        return FALSE;

      reference = studio_transcription_speaker_reference_new (bytes, STUDIO_AUDIO_MIME_TYPE);
      g_strv_builder_add (names, speaker->name);
      g_strv_builder_add (references, reference);
    }

  return TRUE;
}

/**
 * studio_transcribe_page_run:
 * @self: the Transcribe workspace
 *
 * Sends the audio shown with the chosen model and options; pieces already
 * done by an earlier try are not sent again.
 */
void
studio_transcribe_page_run (StudioTranscribePage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  StudioTranscriptRecord *record = self->record;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) references = g_strv_builder_new ();
  g_auto(GStrv) name_list = NULL;
  g_auto(GStrv) reference_list = NULL;
  g_autoptr(JsonArray) pieces = NULL;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(JsonNode) settings_node = NULL;
  g_autofree char *settings_json = NULL;
  g_autoptr(GError) error = NULL;
  StudioTranscriptionOptions options = { 0 };
  const char *folder = studio_transcript_store_get_folder (studio_transcribe_page_get_store (self));

  if (record == NULL || model == NULL || self->job != NULL || record_is_silent (record))
    return;

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  studio_transcribe_options_get (self->options, &options);

  if (!add_speakers (self, names, references, &error))
    {
      page_show_error (self, _("Not Sent"), error->message);
      return;
    }
  name_list = g_strv_builder_end (names);
  reference_list = g_strv_builder_end (references);
  if (name_list[0] != NULL)
    {
      options.known_speaker_names = (const char * const *) name_list;
      options.known_speaker_references = (const char * const *) reference_list;
    }
  if (studio_transcription_takes (model, "chunking_strategy") &&
      studio_transcript_record_get_duration_us (record) > CHUNKING_MIN_US)
    options.chunking_strategy = "auto";

  self->job = studio_transcription_job_new (studio_context_get_client (self->context), model,
                                            &options);

  pieces = record_dup_pieces (record);
  for (guint i = 0; pieces != NULL && i < json_array_get_length (pieces); i++)
    {
      JsonNode *element = json_array_get_element (pieces, i);
      JsonObject *piece = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *path = piece != NULL ? json_object_get_string_member_with_default (piece, "path", NULL) : NULL;
      const char *done = piece != NULL ? json_object_get_string_member_with_default (piece, "transcript", NULL) : NULL;
      g_autoptr(StudioTranscript) transcript = done != NULL ? studio_transcript_new_from_json (done, NULL) : NULL;
      g_autofree char *absolute = NULL;
      g_autoptr(GFile) file = NULL;

      if (path == NULL)
        continue;
      absolute = g_path_is_absolute (path) ? g_strdup (path) : g_build_filename (folder, path, NULL);
      file = g_file_new_for_path (absolute);
      studio_transcription_job_add_piece (self->job, file,
                                          json_object_get_int_member_with_default (piece, "start_us", 0)
                                            / (double) G_USEC_PER_SEC,
                                          transcript);
    }

  if (studio_transcription_job_get_n_pieces (self->job) == 0)
    {
      g_autoptr(GFile) audio = studio_transcript_record_dup_audio_file (record, folder);

      studio_transcription_job_add_piece (self->job, audio, 0, NULL);
    }

  settings = studio_transcribe_options_to_json (self->options);
  settings_node = json_node_init_object (json_node_alloc (), settings);
  settings_json = studio_json_to_string (settings_node, FALSE);
  studio_transcript_record_set_options (record, settings_json);
  studio_transcript_record_set_model (record, studio_model_get_id (model));
  studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_TRANSCRIBING);
  studio_transcript_record_set_error (record, NULL);
  studio_transcribe_page_save_record (self, record);

  g_signal_connect_swapped (self->job, "progress", G_CALLBACK (page_update_progress), self);
  g_signal_connect_swapped (self->job, "piece-done", G_CALLBACK (job_piece_done_cb), self);

  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Sending…"));
  gtk_spinner_set_spinning (self->run_spinner, TRUE);
  gtk_stack_set_visible_child_name (self->run_stack, "running");
  studio_transcribe_page_update_actions (self);

  studio_transcription_job_run_async (self->job, self->job_cancellable, job_run_cb,
                                      g_object_ref (self));
}

/**
 * studio_transcribe_page_cancel:
 * @self: the Transcribe workspace
 *
 * Stops the transcription under way; the audio, and any piece already
 * done, is kept.
 */
void
studio_transcribe_page_cancel (StudioTranscribePage *self)
{
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

/**
 * studio_transcribe_page_abandon_run:
 * @self: the Transcribe workspace, closing
 *
 * Stops the transcription under way for good, and says so in its record,
 * whose pieces already done are kept.
 */
void
studio_transcribe_page_abandon_run (StudioTranscribePage *self)
{
  if (self->job == NULL)
    return;

  g_cancellable_cancel (self->job_cancellable);
  if (self->record != NULL)
    {
      studio_transcript_record_set_state (self->record,
                                          studio_transcription_job_get_n_done (self->job) > 0
                                            ? STUDIO_TRANSCRIPT_STATE_PARTIAL
                                            : STUDIO_TRANSCRIPT_STATE_AUDIO);
      studio_transcribe_page_save_record (self, self->record);
    }
  g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
}
