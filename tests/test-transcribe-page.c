/* test-transcribe-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Transcribe workspace in the real window against the fake server: a
 * file opened and kept, transcribed, its segments shown; clicking one moves
 * the playhead; an edit saved; the transcript exported as SRT through the
 * export format; and a failure that keeps the audio and offers Try Again.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gst/gst.h>

#include "studio-application.h"
#include "studio-chat-composer.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-transcribe-page-private.h"
#include "studio-window.h"

#define TEST_KEY "sk-test-transcribe-0000"
#define PATH "/v1/audio/transcriptions"

static const char verbose_answer[] =
  "{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":3.0,"
  "\"text\":\"The first sentence. The second sentence.\",\"segments\":["
  "{\"id\":0,\"seek\":0,\"start\":0.0,\"end\":1.2,\"text\":\" The first sentence.\","
  "\"tokens\":[],\"temperature\":0,\"avg_logprob\":0,\"compression_ratio\":1,\"no_speech_prob\":0},"
  "{\"id\":1,\"seek\":0,\"start\":1.5,\"end\":2.8,\"text\":\" The second sentence.\","
  "\"tokens\":[],\"temperature\":0,\"avg_logprob\":0,\"compression_ratio\":1,\"no_speech_prob\":0}],"
  "\"usage\":{\"type\":\"duration\",\"seconds\":3}}";

typedef struct
{
  StudioFakeServer     *server;
  StudioApplication    *app;
  StudioWindow         *window;
  StudioContext        *context;
  StudioTranscribePage *page;
} Fixture;

/* One app for the whole program: an application id registers once per
 * process's bus connection.
 */
static Fixture fixture;

static gboolean
catalog_loaded (gpointer data)
{
  return studio_model_catalog_get_loaded (data);
}

static gboolean
model_selected (gpointer data)
{
  return studio_model_picker_get_selected (data) != NULL;
}

static gboolean
record_shown (gpointer data)
{
  StudioTranscribePage *page = data;

  return page->record != NULL && page->import_cancellable == NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (page->view_stack), "record") == 0;
}

static gboolean
record_stored (gpointer data)
{
  StudioTranscribePage *page = data;

  return page->record != NULL && studio_transcript_record_get_id (page->record) != 0;
}

static gboolean
run_over (gpointer data)
{
  StudioTranscribePage *page = data;

  return page->job == NULL;
}

/* A 3 s WAV written by GStreamer: speech-like tone bursts. */
static GFile *
write_wav (void)
{
  g_autoptr(GFile) file = studio_gui_write_temp ("talk.wav", (const guint8 *) "", 0);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *description =
    g_strdup_printf ("audiotestsrc num-buffers=150 samplesperbuffer=480 freq=440 ! "
                     "audio/x-raw,rate=24000,channels=1 ! wavenc ! filesink location=\"%s\"", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  g_assert_no_error (error);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  return g_steal_pointer (&file);
}

static void
fixture_start (Fixture *f)
{
  f->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (f->server), TRUE);
  g_setenv ("OPENAI_API_KEY", TEST_KEY, TRUE);

  f->window = studio_gui_start_app (&f->app);
  f->context = studio_application_get_context (f->app);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (f->context));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  studio_window_set_workspace (f->window, "transcribe");

  f->page = STUDIO_TRANSCRIBE_PAGE (studio_gui_find_widget (GTK_WIDGET (f->window),
                                                                  STUDIO_TYPE_TRANSCRIBE_PAGE,
                                                                  NULL));
  g_assert_nonnull (f->page);
  studio_model_picker_select_id (f->page->model_picker, "whisper-1");
  studio_gui_wait_for (model_selected, f->page->model_picker);
  studio_gui_wait_frames (GTK_WIDGET (f->page), 2);
}

static void
fixture_stop (Fixture *f)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  studio_gui_drain ();
  g_clear_object (&f->app);
  studio_fake_server_free (f->server);
}

static void
open_wav (Fixture *f)
{
  g_autoptr(GFile) wav = write_wav ();

  studio_transcribe_page_open_file (f->page, wav);
  studio_gui_wait_for (record_shown, f->page);
  studio_gui_wait_for (record_stored, f->page);
}

/* The same file copied in a file manager and pasted with Ctrl+V. */
static void
paste_wav (Fixture *f)
{
  g_autoptr(GFile) wav = write_wav ();
  GSList files = { wav, NULL };
  GdkFileList *list = gdk_file_list_new_from_list (&files);

  gdk_clipboard_set (gtk_widget_get_clipboard (GTK_WIDGET (f->page)), GDK_TYPE_FILE_LIST, list);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "transcribe.paste", NULL));
  studio_gui_wait_for (record_shown, f->page);
  studio_gui_wait_for (record_stored, f->page);
}

static void
transcribe (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "transcribe.run", NULL));
  g_assert_nonnull (f->page->job);
  studio_gui_wait_for (run_over, f->page);
}

static gboolean
playhead_moved (gpointer data)
{
  StudioTranscribePage *page = data;

  return studio_player_get_position_us (page->player) >= 1400 * G_TIME_SPAN_MILLISECOND;
}

static gboolean
edit_saved (gpointer data)
{
  StudioTranscribePage *page = data;
  const char *json = studio_transcript_record_get_transcript (page->record);

  return page->save_timeout == 0 && json != NULL && strstr (json, "An edited sentence.") != NULL;
}

static void
speakers_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GPtrArray) speakers = NULL;

  speakers = studio_transcript_store_list_speakers_finish (STUDIO_TRANSCRIPT_STORE (object), result,
                                                           NULL);
  *n = speakers != NULL ? speakers->len : 0;
}

static gboolean
speaker_kept (gpointer data)
{
  StudioTranscribePage *page = data;
  guint n = G_MAXUINT;

  studio_transcript_store_list_speakers_async (studio_transcribe_page_get_store (page), NULL,
                                               speakers_listed_cb, &n);
  while (n == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  return n == 1;
}

/* The export is written in the background: done once its last cue is in. */
static gboolean
export_written (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_load_contents (data, NULL, &contents, NULL, NULL, NULL) &&
         strstr (contents, "An edited sentence.") != NULL;
}

static void
test_transcribe_page_flow (void)
{
  g_autoptr(SoupMultipart) form = NULL;
  g_autofree char *format = NULL;
  g_autofree char *model = NULL;
  g_autofree char *filename = NULL;
  g_autoptr(GBytes) audio = NULL;
  g_autoptr(StudioTranscriptSegment) second = NULL;
  g_autoptr(StudioTranscriptSegment) first = NULL;
  g_autoptr(GFile) srt = studio_gui_write_temp ("exported.srt", (const guint8 *) "", 0);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *time_button;
  const char *pieces;
  GtkWidget *composer;
  g_autofree char *typed = NULL;

  open_wav (&fixture);

  /* A WAV the service takes is kept as it is, as one piece. */
  g_assert_cmpstr (studio_transcript_record_get_source (fixture.page->record), ==, "import");
  g_assert_cmpint (studio_transcript_record_get_duration_us (fixture.page->record), >,
                   2 * G_USEC_PER_SEC);
  pieces = studio_transcript_record_get_pieces (fixture.page->record);
  g_assert_true (pieces == NULL || g_str_equal (pieces, "[]"));

  studio_fake_server_push (fixture.server, PATH, 200, "application/json", verbose_answer, NULL);
  transcribe (&fixture);

  form = studio_fake_request_get_form (studio_fake_server_last (fixture.server, PATH));
  model = studio_fake_form_get_field (form, "model");
  format = studio_fake_form_get_field (form, "response_format");
  audio = studio_fake_form_get_file (form, "file", 0, &filename, NULL);
  g_assert_cmpstr (model, ==, "whisper-1");
  g_assert_cmpstr (format, ==, "verbose_json");
  g_assert_nonnull (audio);
  g_assert_true (g_str_has_suffix (filename, ".wav"));

  /* The segments appear, and the record keeps them. */
  g_assert_nonnull (fixture.page->transcript);
  g_assert_cmpuint (g_list_model_get_n_items (studio_transcript_get_segments (fixture.page->transcript)),
                    ==, 2);
  g_assert_cmpint (studio_transcript_record_get_state (fixture.page->record), ==,
                   STUDIO_TRANSCRIPT_STATE_COMPLETE);
  g_assert_nonnull (strstr (studio_transcript_record_get_text (fixture.page->record), "second"));
  studio_gui_wait_frames (GTK_WIDGET (fixture.page), 2);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "transcribe-page.png");

  /* Clicking the second segment's time plays from there. */
  time_button = studio_gui_find_widget (GTK_WIDGET (fixture.page->transcript_view), GTK_TYPE_BUTTON,
                                        "0:01");
  g_assert_nonnull (time_button);
  g_signal_emit_by_name (time_button, "clicked");
  studio_gui_wait_for (playhead_moved, fixture.page);
  studio_player_pause (fixture.page->player);

  /* A segment becomes a known speaker's reference clip in two clicks. */
  first = g_list_model_get_item (studio_transcript_get_segments (fixture.page->transcript), 0);
  g_signal_emit_by_name (fixture.page->transcript_view, "make-speaker", first);
  studio_gui_wait_for (speaker_kept, fixture.page);

  /* An edit is saved into the record. */
  second = g_list_model_get_item (studio_transcript_get_segments (fixture.page->transcript), 1);
  studio_transcript_segment_set_text (second, "An edited sentence.");
  studio_gui_wait_for (edit_saved, fixture.page);

  /* Export as SRT, as the file chooser's answer does. */
  g_file_delete (srt, NULL, NULL);
  studio_transcribe_page_export (fixture.page, 1, srt);
  studio_gui_wait_for (export_written, srt);
  studio_gui_drain ();
  g_file_load_contents (srt, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "00:00:01,500 --> 00:00:02,800"));
  g_assert_nonnull (strstr (contents, "An edited sentence."));

  /* Send to Chat puts the text in Chat's composer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "transcribe.send-to-chat",
                                             NULL));
  g_assert_cmpstr (studio_window_get_workspace (fixture.window), ==, "chat");
  composer = studio_gui_find_widget (GTK_WIDGET (fixture.window), STUDIO_TYPE_CHAT_COMPOSER, NULL);
  g_assert_nonnull (composer);
  typed = studio_chat_composer_dup_text (STUDIO_CHAT_COMPOSER (composer));
  g_assert_nonnull (strstr (typed, "An edited sentence."));
  studio_chat_composer_clear (STUDIO_CHAT_COMPOSER (composer));
  studio_window_set_workspace (fixture.window, "transcribe");
}

/* A dropped connection keeps the audio and offers Try Again, which sends
 * it again.
 */
static void
test_transcribe_page_failure (void)
{
  open_wav (&fixture);

  studio_fake_server_push (fixture.server, PATH, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached.\",\"type\":\"requests\"}}",
                           "Retry-After", "7", NULL);
  studio_client_set_max_retries (studio_context_get_client (fixture.context), 0);
  transcribe (&fixture);

  g_assert_true (gtk_revealer_get_reveal_child (fixture.page->error_revealer));
  g_assert_cmpstr (gtk_label_get_text (fixture.page->error_title), ==, "Too Many Requests");
  g_assert_nonnull (strstr (gtk_label_get_text (fixture.page->error_label), "7 seconds"));
  g_assert_null (fixture.page->transcript);
  g_assert_true (g_file_query_exists (studio_player_get_file (fixture.page->player), NULL));
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "transcribe-page-failure.png");

  studio_fake_server_push (fixture.server, PATH, 200, "application/json", verbose_answer, NULL);
  transcribe (&fixture);
  g_assert_false (gtk_revealer_get_reveal_child (fixture.page->error_revealer));
  g_assert_nonnull (fixture.page->transcript);
}

static gboolean
text_streamed (gpointer data)
{
  StudioTranscribePage *page = data;
  g_autofree char *text = NULL;

  if (page->job == NULL || page->transcript == NULL)
    return FALSE;
  text = studio_transcript_dup_text (page->transcript);
  return strstr (text, "Hello world") != NULL;
}

/* With a streaming family the text shows as its deltas arrive, before the
 * answer is done; Cancel stops it and keeps the audio.
 */
static void
test_transcribe_page_stream (void)
{
  static const char *chunks[] = {
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n",
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\" world\"}\n\n",
    NULL,
  };
  g_autoptr(SoupMultipart) form = NULL;
  g_autofree char *stream = NULL;

  studio_model_picker_select_id (fixture.page->model_picker, "gpt-4o-transcribe");
  studio_gui_wait_for (model_selected, fixture.page->model_picker);
  paste_wav (&fixture);

  studio_fake_server_push_stream_full (fixture.server, PATH, chunks, 1, STUDIO_FAKE_STREAM_HANG);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "transcribe.run", NULL));
  studio_gui_wait_for (text_streamed, fixture.page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture.page->run_stack), ==, "running");

  form = studio_fake_request_get_form (studio_fake_server_last (fixture.server, PATH));
  stream = studio_fake_form_get_field (form, "stream");
  g_assert_cmpstr (stream, ==, "true");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "transcribe.cancel", NULL));
  studio_gui_wait_for (run_over, fixture.page);
  g_assert_true (g_file_query_exists (studio_player_get_file (fixture.page->player), NULL));
  g_assert_cmpint (studio_transcript_record_get_state (fixture.page->record), ==,
                   STUDIO_TRANSCRIPT_STATE_AUDIO);
}

static gboolean
recording_stored (gpointer data)
{
  StudioTranscribePage *page = data;

  return page->recording != NULL && studio_transcript_record_get_id (page->recording) != 0;
}

static gboolean
recorder_idle (gpointer data)
{
  StudioTranscribePage *page = data;

  return studio_recorder_get_state (page->recorder) == STUDIO_RECORDER_IDLE;
}

static void
record_got_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  int *found = user_data;
  g_autoptr(StudioTranscriptRecord) record = NULL;

  record = studio_transcript_store_record_finish (STUDIO_TRANSCRIPT_STORE (object), result, NULL);
  *found = record != NULL && studio_transcript_record_get_deleted (record) == 0;
}

static gint64 empty_id;

static gboolean
recording_gone (gpointer data)
{
  StudioTranscribePage *page = data;
  int found = -1;

  studio_transcript_store_get_async (studio_transcribe_page_get_store (page), empty_id, NULL,
                                     record_got_cb, &found);
  while (found < 0)
    g_main_context_iteration (NULL, TRUE);
  return !found;
}

/* A recording stopped before anything was said is not kept, and the page
 * says so.
 */
static void
test_transcribe_page_empty_recording (void)
{
  studio_transcribe_page_show_record (fixture.page, NULL);
  studio_recorder_set_source_description (fixture.page->recorder, "audiotestsrc is-live=true");
  studio_transcribe_page_start_recording (fixture.page);
  studio_gui_wait_for (recording_stored, fixture.page);
  empty_id = studio_transcript_record_get_id (fixture.page->recording);
  studio_transcribe_page_stop_recording (fixture.page);
  studio_gui_wait_for (recorder_idle, fixture.page);
  studio_gui_wait_for (recording_gone, fixture.page);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.page->start_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (fixture.page->start_error), "Nothing was recorded"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (fixture.page->view_stack), ==, "start");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  studio_gui_use_private_dirs ("studio-transcribe-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  /* libadwaita 1.2 unparents a toast twice when a window closes during its
   * hide animation (after "Transcript exported", say); without animations
   * there is none.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/studio/transcribe-page/flow", test_transcribe_page_flow);
  g_test_add_func ("/studio/transcribe-page/failure", test_transcribe_page_failure);
  g_test_add_func ("/studio/transcribe-page/stream", test_transcribe_page_stream);
  g_test_add_func ("/studio/transcribe-page/empty-recording", test_transcribe_page_empty_recording);

  fixture_start (&fixture);
  status = g_test_run ();
  fixture_stop (&fixture);

  return status;
}
