/* test-speech-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Speech page's playback bar in a window under Xvfb, driving a real
 * session against the fake server into a fakesink: its buttons are named,
 * the position bar grows with the audio, play/pause and stop work.
 */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-speech-controls.h"
#include "studio-ui.h"

#define SPEECH "/v1/audio/speech"

typedef struct
{
  StudioFakeServer    *server;
  char                *dir;
  GSettings           *settings;
  StudioContext       *context;
  StudioSpeechSession *session;
  GtkWidget           *window;
  GtkWidget           *controls;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *history = NULL;
  GstElement *sink;

  fixture->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  fixture->dir = g_dir_make_tmp ("studio-speech-controls-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", fixture->dir, TRUE);
  history = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->settings = g_settings_new ("org.example.OpenAIStudio");
  g_settings_set_string (fixture->settings, "speech-model", "tts-1");
  g_settings_set_string (fixture->settings, "speech-format", "pcm");
  fixture->context = studio_context_new (fixture->settings, history);
  studio_client_set_api_key (studio_context_get_client (fixture->context), "sk-test");
  studio_client_set_max_retries (studio_context_get_client (fixture->context), 0);

  fixture->session = studio_speech_session_new (fixture->context);
  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", TRUE, NULL);
  studio_speech_session_set_audio_sink (fixture->session, sink);

  fixture->controls = g_object_ref_sink (studio_speech_controls_new ());
  studio_speech_controls_set_session (STUDIO_SPEECH_CONTROLS (fixture->controls), fixture->session);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 60);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->controls);
  gtk_window_present (GTK_WINDOW (fixture->window));
  studio_gui_wait_frames (fixture->controls, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->controls));
  studio_speech_session_stop (fixture->session);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->session));
  studio_context_shutdown (fixture->context);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->context));
  g_settings_reset (fixture->settings, "speech-model");
  g_settings_reset (fixture->settings, "speech-format");
  g_clear_object (&fixture->settings);
  studio_fake_server_free (fixture->server);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("OPENAI_BASE_URL");
  g_unsetenv ("XDG_DATA_HOME");
}

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *tooltip_prefix)
{
  const char *tooltip = gtk_widget_get_tooltip_text (root);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && tooltip != NULL &&
      g_str_has_prefix (tooltip, tooltip_prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, tooltip_prefix);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
has_duration (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *scale = studio_gui_find_widget (fixture->controls, GTK_TYPE_SCALE, NULL);

  return gtk_adjustment_get_upper (gtk_range_get_adjustment (GTK_RANGE (scale))) > 1.0;
}

static gboolean
is_state (Fixture                  *fixture,
          StudioSpeechSessionState  state)
{
  return studio_speech_session_get_state (fixture->session) == state;
}

static gboolean
is_playing (gpointer data)
{
  return is_state (data, STUDIO_SPEECH_SESSION_PLAYING);
}

static gboolean
is_paused (gpointer data)
{
  return is_state (data, STUDIO_SPEECH_SESSION_PAUSED);
}

static gboolean
is_idle (gpointer data)
{
  return is_state (data, STUDIO_SPEECH_SESSION_IDLE);
}

static void
test_controls_drive (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) audio = studio_fake_read_test_bytes ("speech/a.pcm");
  g_autoptr(StudioSpeechSettings) settings = studio_speech_session_dup_settings (fixture->session);
  g_autoptr(GError) error = NULL;
  GtkWidget *play = find_named (fixture->controls, GTK_TYPE_BUTTON, "Play");
  GtkWidget *stop = find_named (fixture->controls, GTK_TYPE_BUTTON, "Stop");
  StudioSpeechClip *clip;

  g_assert_nonnull (play);
  g_assert_nonnull (stop);
  g_assert_nonnull (find_named (fixture->controls, GTK_TYPE_BUTTON, "Previous Sentence"));
  g_assert_nonnull (find_named (fixture->controls, GTK_TYPE_BUTTON, "Next Sentence"));
  /* Nothing to play yet. */
  g_assert_false (gtk_widget_get_sensitive (play));

  studio_fake_server_push_audio (fixture->server, SPEECH, "audio/pcm", audio, 8192, 0,
                                 G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  clip = studio_speech_session_speak (fixture->session, settings,
                                      "The first piece is spoken here. It has two sentences.",
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (clip);

  studio_gui_wait_for (has_duration, fixture);
  studio_gui_wait_for (is_playing, fixture);
  g_assert_true (gtk_widget_get_sensitive (play));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (play), ==, "Pause (Ctrl+Space)");
  studio_gui_screenshot (fixture->window, "speech-controls.png");

  g_signal_emit_by_name (play, "clicked");
  studio_gui_wait_for (is_paused, fixture);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (play), ==, "Play (Ctrl+Space)");

  g_signal_emit_by_name (play, "clicked");
  studio_gui_wait_for (is_playing, fixture);

  g_signal_emit_by_name (stop, "clicked");
  studio_gui_wait_for (is_idle, fixture);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-speech-controls-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  adw_init ();
  studio_ui_init ();

  g_test_add ("/studio/speech-controls/drive", Fixture, NULL,
              fixture_set_up, test_controls_drive, fixture_tear_down);

  return g_test_run ();
}
