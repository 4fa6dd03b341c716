/* test-speech-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Speech workspace in the real window against the fake server: text
 * typed and spoken, the request the server got, audio at the sink, the
 * sentence highlighted while it plays, the clip in the history and
 * replayed from it without a new request, saved as one file of the
 * clip's length; an empty text refused; a 429 shown on the failure card
 * with its wait, and Try Again fetching the audio.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>

#include "studio-application.h"
#include "studio-audio-probe.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-speech-page-private.h"
#include "studio-window.h"

#define TEST_KEY "sk-test-speech-0000"
#define PATH "/v1/audio/speech"
#define TEXT "The first sentence is here. And then a second one follows it."

typedef struct
{
  StudioFakeServer *server;
  StudioApplication *app;
  StudioWindow     *window;
  StudioContext    *context;
  StudioSpeechPage *page;
  int               buffers;    /* at the sink, from its streaming thread */
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
model_chosen (gpointer data)
{
  StudioSpeechPage *page = data;

  return studio_speech_options_get_model (page->options) != NULL;
}

static gboolean
tts_1_hd_chosen (gpointer data)
{
  StudioSpeechPage *page = data;
  StudioModel *model = studio_speech_options_get_model (page->options);

  return model != NULL && g_strcmp0 (studio_model_get_id (model), "tts-1-hd") == 0;
}

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Fixture    *f)
{
  g_atomic_int_inc (&f->buffers);
}

static gboolean
sink_got_buffers (gpointer data)
{
  Fixture *f = data;

  return g_atomic_int_get (&f->buffers) > 0;
}

static gboolean
session_finished (gpointer data)
{
  StudioSpeechSession *session = data;

  return studio_speech_session_get_state (session) == STUDIO_SPEECH_SESSION_FINISHED;
}

static gboolean
error_shown (gpointer data)
{
  StudioSpeechPage *page = data;

  return gtk_revealer_get_reveal_child (page->error_revealer);
}

static gboolean
error_hidden (gpointer data)
{
  return !error_shown (data);
}

static gboolean
first_sentence_highlighted (gpointer data)
{
  StudioSpeechPage *page = data;
  GtkTextBuffer *buffer = studio_speech_text_view_get_buffer (page->text_view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "sentence");
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 2);
  return gtk_text_iter_has_tag (&iter, tag);
}

static gboolean
clip_listed_complete (gpointer data)
{
  StudioSpeechPage *page = data;
  GListModel *clips = studio_speech_history_get_clips (page->history);
  g_autoptr(StudioSpeechClip) clip = NULL;

  if (g_list_model_get_n_items (clips) == 0)
    return FALSE;

  clip = g_list_model_get_item (clips, 0);
  return studio_speech_clip_get_state (clip) == STUDIO_SPEECH_CLIP_STATE_COMPLETE &&
         g_strcmp0 (studio_speech_clip_get_text (clip), TEXT) == 0;
}

static gboolean
exports_done (gpointer data)
{
  StudioSpeechPage *page = data;

  return page->n_exports == 0;
}

static void
fixture_start (Fixture *f)
{
  g_autoptr(StudioSpeechSettings) settings = NULL;
  GstElement *sink;

  f->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (f->server), TRUE);
  g_setenv ("OPENAI_API_KEY", TEST_KEY, TRUE);
  /* The window's own path for a machine without sound; replaced below by
   * a sink that counts what it gets.
   */
  g_setenv ("STUDIO_AUDIO_SINK", "fakesink sync=true", TRUE);

  f->window = studio_gui_start_app (&f->app);
  f->context = studio_application_get_context (f->app);
  /* A 429 is the test's to see, not the client's to retry. */
  studio_client_set_max_retries (studio_connection_get_client (studio_context_get_connection (f->context)), 0);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (f->context));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  studio_window_set_workspace (f->window, "speech");

  f->page = STUDIO_SPEECH_PAGE (studio_gui_find_widget (GTK_WIDGET (f->window),
                                                        STUDIO_TYPE_SPEECH_PAGE, NULL));
  g_assert_nonnull (f->page);
  g_assert_nonnull (studio_speech_page_get_session (f->page));

  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", TRUE, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (handoff_cb), f);
  studio_speech_session_set_audio_sink (studio_speech_page_get_session (f->page), sink);

  studio_gui_wait_for (model_chosen, f->page);
  settings = studio_speech_options_dup_settings (f->page->options);
  g_free (settings->model);
  settings->model = g_strdup ("tts-1-hd");
  g_free (settings->voice);
  settings->voice = g_strdup ("nova");
  g_free (settings->format);
  settings->format = g_strdup ("mp3");
  g_clear_pointer (&settings->custom_voice, g_free);
  studio_speech_options_apply (f->page->options, settings);
  /* The picker takes the model at its next turn; the voices follow it. */
  studio_gui_wait_for (tts_1_hd_chosen, f->page);
  studio_speech_options_apply (f->page->options, settings);
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
push_audio (const char *name)
{
  g_autoptr(GBytes) audio = studio_fake_read_test_bytes (name);

  studio_fake_server_push_audio (fixture.server, PATH, "audio/mpeg", audio, 4096, 5,
                                 G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
}

static void
type_text (const char *text)
{
  GtkTextBuffer *buffer = studio_speech_text_view_get_buffer (fixture.page->text_view);

  gtk_text_buffer_set_text (buffer, text, -1);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  StudioAudioInfo **info = user_data;
  g_autoptr(GError) error = NULL;

  *info = studio_audio_probe_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
probed (gpointer data)
{
  StudioAudioInfo **info = data;

  return *info != NULL;
}

static void
test_speech_page_flow (void)
{
  StudioSpeechSession *session = studio_speech_page_get_session (fixture.page);
  g_autoptr(StudioSpeechClip) clip = NULL;
  g_autoptr(StudioAudioInfo) info = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) wav = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *request;
  JsonObject *body;
  guint requests;

  push_audio ("speech/a.mp3");
  type_text (TEXT);
  g_assert_nonnull (strstr (gtk_label_get_text (fixture.page->info_label), "1 request"));

  /* What Ctrl+Return does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "speech.speak", NULL));

  studio_gui_wait_for (sink_got_buffers, &fixture);
  requests = studio_fake_server_count (fixture.server, PATH);
  g_assert_cmpuint (requests, ==, 1);
  request = studio_fake_server_last (fixture.server, PATH);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (request->body, NULL),
                                             g_bytes_get_size (request->body), &error));
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (body, "input"), ==, TEXT);
  g_assert_cmpstr (json_object_get_string_member (body, "voice"), ==, "nova");
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "tts-1-hd");
  g_assert_false (json_object_has_member (body, "instructions"));

  /* The sentence being spoken is marked in the text. */
  studio_gui_wait_for (first_sentence_highlighted, fixture.page);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "speech-page.png");

  studio_gui_wait_for (session_finished, session);
  studio_gui_wait_for (clip_listed_complete, fixture.page);
  clip = g_list_model_get_item (studio_speech_history_get_clips (fixture.page->history), 0);

  /* Saved as one file, of the clip's length. */
  wav = studio_gui_write_temp ("clip.wav", (const guint8 *) "", 0);
  studio_speech_page_export (fixture.page, clip, wav, NULL);
  studio_gui_wait_for (exports_done, fixture.page);
  studio_audio_probe_async (wav, NULL, probe_cb, &info);
  studio_gui_wait_for (probed, &info);
  g_assert_cmpint (info->duration_us, >, 3300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (info->duration_us, <, 3900 * G_TIME_SPAN_MILLISECOND);

  /* Picked in the history: its text back, played again, nothing asked. */
  type_text ("Something else.");
  g_atomic_int_set (&fixture.buffers, 0);
  g_signal_emit_by_name (fixture.page->history, "activated", clip);
  {
    g_autofree char *shown = studio_speech_text_view_dup_text (fixture.page->text_view);

    g_assert_cmpstr (shown, ==, TEXT);
  }
  studio_gui_wait_for (sink_got_buffers, &fixture);
  g_assert_cmpuint (studio_fake_server_count (fixture.server, PATH), ==, requests);
  studio_gui_wait_for (first_sentence_highlighted, fixture.page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "speech.stop", NULL));
  g_assert_cmpint (studio_speech_session_get_state (session), ==, STUDIO_SPEECH_SESSION_IDLE);
}

static void
test_speech_page_empty (void)
{
  guint requests = studio_fake_server_count (fixture.server, PATH);

  type_text ("   \n\t ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "speech.speak", NULL));
  g_assert_true (error_shown (fixture.page));
  g_assert_cmpstr (gtk_label_get_text (fixture.page->error_label), ==,
                   "There is nothing to read aloud in this text.");
  g_assert_false (gtk_widget_get_visible (fixture.page->retry_button));
  g_assert_cmpuint (studio_fake_server_count (fixture.server, PATH), ==, requests);
}

static void
test_speech_page_failure (void)
{
  guint requests;

  type_text ("A text that meets a busy server. It is read once the server has room.");
  studio_fake_server_push (fixture.server, PATH, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached for tts-1 on requests per min (RPM).\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "20", NULL);
  requests = studio_fake_server_count (fixture.server, PATH);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "speech.speak", NULL));
  studio_gui_wait_for (error_shown, fixture.page);

  g_assert_cmpstr (gtk_label_get_text (fixture.page->error_title), ==, "Too Many Requests");
  /* The wait the server asked for is said. */
  g_assert_nonnull (strstr (gtk_label_get_text (fixture.page->error_label), "20 seconds"));
  g_assert_true (gtk_widget_get_visible (fixture.page->retry_button));
  g_assert_false (gtk_widget_get_visible (fixture.page->fallback_button));
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "speech-page-failure.png");

  push_audio ("speech/b.mp3");
  g_atomic_int_set (&fixture.buffers, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "speech.retry", NULL));
  studio_gui_wait_for (error_hidden, fixture.page);
  studio_gui_wait_for (sink_got_buffers, &fixture);
  g_assert_cmpuint (studio_fake_server_count (fixture.server, PATH), ==, requests + 2);
  studio_speech_session_stop (studio_speech_page_get_session (fixture.page));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  studio_gui_use_private_dirs ("studio-speech-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  /* libadwaita 1.2 unparents a toast twice when a window closes during its
   * hide animation ("Saved …"); without animations there is none.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/studio/speech-page/flow", test_speech_page_flow);
  g_test_add_func ("/studio/speech-page/empty", test_speech_page_empty);
  g_test_add_func ("/studio/speech-page/failure", test_speech_page_failure);

  fixture_start (&fixture);
  status = g_test_run ();
  fixture_stop (&fixture);

  return status;
}
