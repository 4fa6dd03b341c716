/* studio-transcribe-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-audio-devices.h"
#include "studio-model-picker.h"
#include "studio-player-bar.h"
#include "studio-player.h"
#include "studio-record-panel.h"
#include "studio-recorder.h"
#include "studio-transcribe-options.h"
#include "studio-transcribe-page.h"
#include "studio-transcript-history.h"
#include "studio-transcript-store.h"
#include "studio-transcript-view.h"
#include "studio-transcription-job.h"

G_BEGIN_DECLS

struct _StudioTranscribePage
{
  AdwBin                   parent_instance;

  /* Owned references */
  StudioContext           *context;
  StudioRecorder          *recorder;
  StudioAudioDevices      *devices;
  StudioPlayer            *player;
  StudioTranscriptRecord  *record;
  StudioTranscriptRecord  *recording;
  StudioTranscript        *transcript;
  StudioTranscriptionJob  *job;
  GCancellable            *job_cancellable;
  GCancellable            *import_cancellable;

  /* Template widgets */
  StudioTranscriptHistory *history;
  GtkStack                *view_stack;
  StudioRecordPanel       *record_panel;
  GtkWidget               *import_box;
  GtkSpinner              *import_spinner;
  GtkLabel                *import_label;
  GtkLabel                *start_error;
  StudioModelPicker       *model_picker;
  StudioTranscribeOptions *options;
  GtkLabel                *title_label;
  GtkLabel                *info_label;
  StudioPlayerBar         *player_bar;
  GtkRevealer             *error_revealer;
  GtkLabel                *error_title;
  GtkLabel                *error_label;
  GtkStack                *run_stack;
  GtkLabel                *note_label;
  GtkSpinner              *run_spinner;
  GtkLabel                *progress_label;
  GtkProgressBar          *progress_bar;
  GtkStack                *transcript_stack;
  StudioTranscriptView    *transcript_view;

  guint                    save_timeout;
  guint                    translation_missing : 1;
};

/* studio-transcribe-page.c */
StudioTranscriptStore *studio_transcribe_page_get_store (StudioTranscribePage *self);
char    *studio_transcribe_page_dup_relative_path (StudioTranscribePage *self,
                                                   GFile                *file);
void     studio_transcribe_page_save_and_show   (StudioTranscribePage   *self,
                                                 StudioTranscriptRecord *record);
void     studio_transcribe_page_show_record     (StudioTranscribePage   *self,
                                                 StudioTranscriptRecord *record);
void     studio_transcribe_page_save_record     (StudioTranscribePage   *self,
                                                 StudioTranscriptRecord *record);
void     studio_transcribe_page_set_transcript  (StudioTranscribePage   *self,
                                                 StudioTranscript       *transcript);
void     studio_transcribe_page_update_actions  (StudioTranscribePage   *self);
void     studio_transcribe_page_export          (StudioTranscribePage   *self,
                                                 guint                   format,
                                                 GFile                  *file);
void     studio_transcribe_page_show_start_error (StudioTranscribePage  *self,
                                                  const char            *message);

/* studio-transcribe-page-run.c */
void     studio_transcribe_page_start_recording (StudioTranscribePage   *self);
void     studio_transcribe_page_stop_recording  (StudioTranscribePage   *self);
void     studio_transcribe_page_recording_stopped (StudioTranscribePage *self);
void     studio_transcribe_page_abandon_run     (StudioTranscribePage   *self);
void     studio_transcribe_page_finish_now      (StudioTranscribePage   *self);
void     studio_transcribe_page_run             (StudioTranscribePage   *self);
/* studio-transcribe-page-import.c */
void     studio_transcribe_page_import          (StudioTranscribePage   *self,
                                                 GFile                  *file);
void     studio_transcribe_page_make_speaker    (StudioTranscribePage    *self,
                                                 StudioTranscriptSegment *segment);
void     studio_transcribe_page_cancel          (StudioTranscribePage   *self);
gboolean studio_transcribe_page_is_busy         (StudioTranscribePage   *self);
void     studio_transcribe_page_update_note     (StudioTranscribePage   *self);

G_END_DECLS
