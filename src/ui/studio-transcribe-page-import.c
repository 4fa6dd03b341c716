/* studio-transcribe-page-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcribe-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-audio-convert.h"
#include "studio-audio-envelope.h"
#include "studio-audio-probe.h"
#include "studio-audio-split.h"
#include "studio-json.h"
#include "studio-media-error.h"
#include "studio-mime.h"
#include "studio-transcribe-page-private.h"
#include "studio-ui.h"

/* Audio brought into the Transcribe workspace. A file is checked with
 * GStreamer, then kept as it is when the service takes it (a copy in the
 * transcripts folder, so that it plays after the original moves), else
 * converted to compact Opus and, when still over the upload limit, split
 * at quiet points into pieces sent one by one. A segment of a transcript
 * becomes a speaker's reference clip in the speaker library.
 */

typedef struct
{
  StudioTranscribePage *page;
  GFile                *source;
  GFile                *output;
  char                 *name;
  StudioAudioInfo      *info;
  guint64               size;
} Import;

static void
import_free (Import *import)
{
  g_object_unref (import->page);
  g_object_unref (import->source);
  g_clear_object (&import->output);
  g_free (import->name);
  g_clear_pointer (&import->info, studio_audio_info_free);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
import_set_status (StudioTranscribePage *self,
                   const char           *text)
{
  gtk_widget_set_visible (self->import_box, text != NULL);
  gtk_spinner_set_spinning (self->import_spinner, text != NULL);
  if (text != NULL)
    gtk_label_set_text (self->import_label, text);
}

static void
import_end (Import       *import,
            const GError *error)
{
  StudioTranscribePage *self = import->page;

  g_clear_object (&self->import_cancellable);
  import_set_status (self, NULL);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_stack_set_visible_child_name (self->view_stack, "start");
      studio_transcribe_page_show_start_error (self, error->message);
    }

  studio_transcribe_page_update_actions (self);
}

static guint64
file_size (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? (guint64) g_file_info_get_size (info) : 0;
}

static void
import_keep (Import    *import,
             GPtrArray *pieces)
{
  StudioTranscribePage *self = import->page;
  g_autoptr(StudioTranscriptRecord) record = studio_transcript_record_new ();
  g_autofree char *path = studio_transcribe_page_dup_relative_path (self, import->output);

  /* The store names it after the file. */
  studio_transcript_record_set_source (record, STUDIO_TRANSCRIPT_SOURCE_IMPORT);
  studio_transcript_record_set_original_name (record, import->name);
  studio_transcript_record_set_audio_path (record, path);
  studio_transcript_record_set_audio_size (record, (gint64) file_size (import->output));
  studio_transcript_record_set_duration_us (record, import->info->duration_us);
  studio_transcript_record_set_state (record, STUDIO_TRANSCRIPT_STATE_AUDIO);

  if (pieces != NULL && pieces->len > 1)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < pieces->len; i++)
        {
          StudioAudioPiece *piece = g_ptr_array_index (pieces, i);
          g_autofree char *piece_path = studio_transcribe_page_dup_relative_path (self, piece->file);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start_us");
          json_builder_add_int_value (builder, piece->start_us);
          json_builder_set_member_name (builder, "end_us");
          json_builder_add_int_value (builder, piece->end_us);
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, piece_path);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json = studio_json_to_string (root, FALSE);
      studio_transcript_record_set_pieces (record, json);
    }

  import_end (import, NULL);
  studio_transcribe_page_save_and_show (self, record);
}

static void
import_split_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GError) error = NULL;

  pieces = studio_audio_split_finish (result, &error);
  if (pieces == NULL)
    {
      import_end (import, error);
      return;
    }

  import_keep (import, pieces);
}

static void
import_progress_cb (gint64   done_us,
                    gint64   total_us,
                    gpointer user_data)
{
  StudioTranscribePage *self = user_data;
  g_autofree char *text = NULL;

  if (total_us <= 0)
    return;

  text = g_strdup_printf (_("Converting to compact audio… %d %%"),
                          (int) CLAMP (done_us * 100 / total_us, 0, 100));
  import_set_status (self, text);
}

static void
import_converted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  StudioTranscribePage *self = import->page;
  g_autoptr(StudioAudioEnvelope) envelope = NULL;
  g_autoptr(GArray) cuts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *base = NULL;
  GFile *output;
  guint64 size;

  envelope = studio_audio_convert_finish (result, &error);
  if (envelope == NULL)
    {
      import_end (import, error);
      return;
    }

  if (studio_audio_envelope_is_silent (envelope))
    {
      g_autoptr(GError) silent = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_SILENT,
                                              _("“%s” holds only silence, so there is nothing to "
                                                "transcribe."), import->name);

      g_file_delete (import->output, NULL, NULL);
      import_end (import, silent);
      return;
    }

  if (import->info->duration_us <= 0)
    import->info->duration_us = studio_audio_envelope_get_duration_us (envelope);

  size = file_size (import->output);
  if (size <= STUDIO_TRANSCRIPTION_MAX_BYTES)
    {
      import_keep (import, NULL);
      return;
    }

  /* Still too large: split at quiet points, never mid-word. */
  import_set_status (self, _("Splitting the audio at pauses…"));
  cuts = studio_audio_split_plan (envelope, size, STUDIO_TRANSCRIPTION_MAX_BYTES);
  folder = g_file_get_parent (import->output);
  base = g_file_get_basename (import->output);
  if (strrchr (base, '.') != NULL)
    *strrchr (base, '.') = '\0';
  output = import->output;
  studio_audio_split_async (output, cuts, folder, base, self->import_cancellable,
                            import_split_cb, g_steal_pointer (&import));
}

static void
import_copied_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      g_autoptr(GError) failed = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE,
                                              _("“%s” could not be copied: %s"), import->name,
                                              error->message);

      g_file_delete (import->output, NULL, NULL);
      import_end (import, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? error : failed);
      return;
    }

  import_keep (import, NULL);
}

static void
import_probed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  StudioTranscribePage *self = import->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *base = NULL;
  const char *extension;
  GFile *source, *output;

  import->info = studio_audio_probe_finish (result, &error);
  if (import->info == NULL)
    {
      import_end (import, error);
      return;
    }

  import->size = file_size (import->source);
  mime_type = studio_mime_sniff_file (import->source, NULL, NULL);
  extension = studio_mime_get_transcription_extension (mime_type);
  base = g_strdup (import->name);
  if (strrchr (base, '.') != NULL && strrchr (base, '.') != base)
    *strrchr (base, '.') = '\0';

  /* Kept as it is when the service takes it; a copy, so it plays after
   * the original moves.
   */
  if (extension != NULL && import->size <= STUDIO_TRANSCRIPTION_MAX_BYTES)
    {
      import->output = studio_transcript_store_new_audio_file (studio_transcribe_page_get_store (self), base, extension);
      import_set_status (self, _("Copying…"));
      source = import->source;
      output = import->output;
      g_file_copy_async (source, output, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                         self->import_cancellable, NULL, NULL, import_copied_cb,
                         g_steal_pointer (&import));
      return;
    }

  import->output = studio_transcript_store_new_audio_file (studio_transcribe_page_get_store (self), base, "ogg");
  import_set_status (self, _("Converting to compact audio…"));
  source = import->source;
  output = import->output;
  studio_audio_convert_async (source, output, import_progress_cb, self, NULL,
                              self->import_cancellable, import_converted_cb,
                              g_steal_pointer (&import));
}

/**
 * studio_transcribe_page_import:
 * @self: the Transcribe workspace
 * @file: an audio or video file
 *
 * Checks @file with GStreamer, then keeps a copy, or a compact Opus
 * conversion when the service would refuse it as it is (split into pieces
 * when still over the limit), and shows it.
 */
void
studio_transcribe_page_import (StudioTranscribePage *self,
                               GFile                *file)
{
  Import *import;

  if (studio_transcribe_page_is_busy (self))
    return;

  studio_transcribe_page_show_start_error (self, NULL);
  studio_transcribe_page_show_record (self, NULL);

  import = g_new0 (Import, 1);
  import->page = g_object_ref (self);
  import->source = g_object_ref (file);
  import->name = studio_audio_display_name (file);
  self->import_cancellable = g_cancellable_new ();

  import_set_status (self, _("Reading the file…"));
  studio_transcribe_page_update_actions (self);
  studio_audio_probe_async (file, self->import_cancellable, import_probed_cb, import);
}


/* Speaker references */

/* The service takes reference clips of 2 to 10 seconds. */
#define SPEAKER_MIN_US (2 * G_USEC_PER_SEC)
#define SPEAKER_MAX_US (10 * G_USEC_PER_SEC)

typedef struct
{
  StudioTranscribePage *page;
  char                 *name;
  GFile                *clip;
  gint64                duration_us;
  gint64                transcript_id;
} Speaker;

static void
speaker_free (Speaker *speaker)
{
  g_object_unref (speaker->page);
  g_free (speaker->name);
  g_object_unref (speaker->clip);
  g_free (speaker);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Speaker, speaker_free)

static void
speaker_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Speaker) speaker = user_data;
  g_autoptr(StudioSpeaker) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  added = studio_transcript_store_add_speaker_finish (STUDIO_TRANSCRIPT_STORE (object), result,
                                                      &error);
  if (added == NULL)
    message = g_strdup_printf (_("The speaker could not be kept: %s"), error->message);
  else
    message = g_strdup_printf (_("“%s” is now a known speaker. Choose it under Known Speakers "
                                 "with a model that tells speakers apart."), added->name);
  studio_ui_add_toast (GTK_WIDGET (speaker->page), message);
}

static void
speaker_cut_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Speaker) speaker = user_data;
  g_autoptr(GError) error = NULL;
  StudioTranscriptStore *store;
  g_autofree char *message = NULL;

  if (!studio_audio_cut_finish (result, &error))
    {
      message = g_strdup_printf (_("The speaker’s clip could not be cut: %s"), error->message);
      studio_ui_add_toast (GTK_WIDGET (speaker->page), message);
      return;
    }

  store = studio_transcribe_page_get_store (speaker->page);
  studio_transcript_store_add_speaker_async (store, speaker->name, speaker->clip,
                                             speaker->duration_us, speaker->transcript_id,
                                             NULL, speaker_added_cb, speaker);
  speaker = NULL;
}

/**
 * studio_transcribe_page_make_speaker:
 * @self: the Transcribe workspace
 * @segment: a segment of the transcript shown
 *
 * Cuts 2 to 10 seconds of the audio at @segment into the speaker library,
 * named after the segment's speaker, as a reference for diarizing models.
 */
void
studio_transcribe_page_make_speaker (StudioTranscribePage    *self,
                                     StudioTranscriptSegment *segment)
{
  StudioTranscriptRecord *record = self->record;
  gint64 start_us = (gint64) (studio_transcript_segment_get_start (segment) * G_USEC_PER_SEC);
  gint64 end_us = (gint64) (studio_transcript_segment_get_end (segment) * G_USEC_PER_SEC);
  gint64 duration_us;
  const char *name = studio_transcript_segment_get_speaker (segment);
  g_autoptr(GFile) audio = NULL;
  Speaker *speaker;

  if (record == NULL)
    return;

  duration_us = studio_transcript_record_get_duration_us (record);
  if (duration_us < SPEAKER_MIN_US)
    {
      studio_ui_add_toast (GTK_WIDGET (self), _("A speaker reference needs at least two seconds "
                                                "of audio."));
      return;
    }

  /* Widened to two seconds, or cut to ten, within the audio. */
  end_us = CLAMP (end_us, start_us + SPEAKER_MIN_US, start_us + SPEAKER_MAX_US);
  if (end_us > duration_us)
    {
      end_us = duration_us;
      start_us = MAX (0, MIN (start_us, end_us - SPEAKER_MIN_US));
    }

  speaker = g_new0 (Speaker, 1);
  speaker->page = g_object_ref (self);
  speaker->name = g_strdup (name != NULL && *name != '\0' ? name : _("Speaker"));
  speaker->clip = studio_transcript_store_new_audio_file (studio_transcribe_page_get_store (self),
                                                          "speaker", "ogg");
  speaker->duration_us = end_us - start_us;
  speaker->transcript_id = studio_transcript_record_get_id (record);

  audio = studio_transcript_record_dup_audio_file (record,
                                                   studio_transcript_store_get_folder (studio_transcribe_page_get_store (self)));
  studio_audio_cut_async (audio, start_us, end_us, speaker->clip, NULL, speaker_cut_cb, speaker);
}
