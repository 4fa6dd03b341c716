/* test-speech-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session that joins a speech job, the player and the history, with
 * no window: a context against the fake server, a real SQLite file, real
 * GStreamer pipelines into a fakesink.
 */

#include "config.h"

#include <gst/gst.h>
#include <string.h>

#include "studio-api-error.h"
#include "studio-context.h"
#include "studio-fake-server.h"
#include "studio-speech-session.h"
#include "studio-speech-store.h"
#include "studio-speech-text.h"

#define TEST_KEY "sk-test-speech-session-0000"
#define SPEECH "/v1/audio/speech"

typedef struct
{
  StudioFakeServer    *server;
  GSettings           *settings;
  char                *dir;
  char                *history_path;
  StudioContext       *context;
  StudioSpeechSession *session;
  GBytes              *audio;
  GstElement          *sink;
  int                  n_buffers;
  guint                n_failed;
} Fixture;

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Fixture    *fixture)
{
  g_atomic_int_inc (&fixture->n_buffers);
  g_main_context_wakeup (NULL);
}

static void
failed_cb (StudioSpeechSession *session,
           GError              *error,
           Fixture             *fixture)
{
  g_assert_nonnull (error);
  fixture->n_failed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean sync = GPOINTER_TO_INT (data);

  fixture->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  g_setenv ("OPENAI_API_KEY", TEST_KEY, TRUE);

  fixture->dir = g_dir_make_tmp ("studio-speech-session-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", fixture->dir, TRUE);
  fixture->history_path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_string (fixture->settings, "speech-model", "tts-1");
  g_settings_set_string (fixture->settings, "speech-format", "mp3");
  fixture->context = studio_context_new (fixture->settings, fixture->history_path);
  g_assert_null (studio_context_take_history_error (fixture->context));
  studio_client_set_api_key (studio_context_get_client (fixture->context), TEST_KEY);
  studio_client_set_max_retries (studio_context_get_client (fixture->context), 0);

  fixture->session = studio_speech_session_new (fixture->context);
  fixture->sink = gst_object_ref_sink (gst_element_factory_make ("fakesink", NULL));
  g_assert_nonnull (fixture->sink);
  g_object_set (fixture->sink, "sync", sync, "signal-handoffs", TRUE, NULL);
  g_signal_connect (fixture->sink, "handoff", G_CALLBACK (handoff_cb), fixture);
  studio_speech_session_set_audio_sink (fixture->session, fixture->sink);
  g_signal_connect (fixture->session, "failed", G_CALLBACK (failed_cb), fixture);

  fixture->audio = studio_fake_read_test_bytes ("speech/a.mp3");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_speech_session_stop (fixture->session);
  g_signal_handlers_disconnect_by_data (fixture->session, fixture);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->session));
  gst_clear_object (&fixture->sink);
  studio_context_shutdown (fixture->context);
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->context));
  g_assert_finalize_object (fixture->settings);
  g_clear_pointer (&fixture->audio, g_bytes_unref);
  studio_fake_server_free (fixture->server);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->history_path);
  g_free (fixture->dir);
  g_unsetenv ("OPENAI_BASE_URL");
  g_unsetenv ("OPENAI_API_KEY");
  g_unsetenv ("XDG_DATA_HOME");
}

static void
push_audio (Fixture             *fixture,
            gsize                hold_after,
            StudioFakeStreamEnd  end)
{
  studio_fake_server_push_audio (fixture->server, SPEECH, "audio/mpeg", fixture->audio,
                                 4096, 0, hold_after, end);
}

static void
wait_state (Fixture                  *fixture,
            StudioSpeechSessionState  state)
{
  while (studio_speech_session_get_state (fixture->session) != state)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_clip_state (StudioSpeechClip      *clip,
                 StudioSpeechClipState  state)
{
  while (studio_speech_clip_get_state (clip) != state)
    g_main_context_iteration (NULL, TRUE);
}

static JsonObject *
last_body (Fixture *fixture)
{
  StudioFakeRequest *request = studio_fake_server_last (fixture->server, SPEECH);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (request);
  text = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

/* The clip as the history has it, once its saves are done. */
static StudioSpeechClip *
load_clip (Fixture               *fixture,
           gint64                 id,
           StudioSpeechClipState  state)
{
  StudioSpeechStore *store = studio_context_get_speech_store (fixture->context);

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(StudioSpeechClip) clip = NULL;

      studio_speech_store_get_async (store, id, NULL, studio_fake_result_cb, &result);
      studio_fake_wait_result (&result);
      clip = studio_speech_store_get_finish (store, result, &error);
      if (clip != NULL && studio_speech_clip_get_state (clip) == state)
        return g_steal_pointer (&clip);

      g_main_context_iteration (NULL, FALSE);
    }
}

static void
test_session_speak (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(StudioSpeechClip) saved = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  StudioSpeechStore *store = studio_context_get_speech_store (fixture->context);
  StudioSpeechClip *clip;

  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  clip = studio_speech_session_speak (fixture->session, NULL, "Hello there. How are you?", &error);
  g_assert_no_error (error);
  g_assert_nonnull (clip);
  g_assert_true (studio_speech_session_get_clip (fixture->session) == clip);
  g_assert_cmpstr (studio_speech_clip_get_source (clip), ==, "speech");
  g_assert_cmpuint (studio_speech_session_get_n_sentences (fixture->session), ==, 2);

  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_buffers), >, 0);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 1);

  body = last_body (fixture);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "tts-1");
  g_assert_cmpstr (json_object_get_string_member (body, "input"), ==, "Hello there. How are you?");
  g_assert_cmpstr (json_object_get_string_member (body, "response_format"), ==, "mp3");
  g_assert_false (json_object_has_member (body, "instructions"));
  g_assert_false (json_object_has_member (body, "stream_format"));

  g_assert_cmpint (studio_speech_clip_get_state (clip), ==, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  g_assert_cmpint (studio_speech_clip_get_input_chars (clip), ==, 25);
  /* The duration is saved once decoded, maybe after the clip was. */
  while (studio_speech_clip_get_piece (clip, 0)->duration_us <= 0)
    g_main_context_iteration (NULL, TRUE);
  do
    {
      g_clear_object (&saved);
      saved = load_clip (fixture, studio_speech_clip_get_id (clip),
                         STUDIO_SPEECH_CLIP_STATE_COMPLETE);
    }
  while (studio_speech_clip_get_piece (saved, 0)->duration_us <= 0);
  g_assert_cmpuint (studio_speech_clip_get_n_pieces (saved), ==, 1);
  g_assert_true (studio_speech_clip_get_piece (saved, 0)->complete);
  g_assert_cmpint (studio_speech_clip_get_piece (saved, 0)->bytes, ==,
                   g_bytes_get_size (fixture->audio));
  g_assert_cmpint (studio_speech_clip_get_piece (saved, 0)->duration_us, >, 3000000);

  file = studio_speech_store_dup_piece_file (store, saved, 0);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, fixture->audio));
}

/* 10,000 characters: three requests, the second while the first plays. */
static void
test_session_long (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  StudioSpeechClip *clip;
  StudioSpeechPlayer *player = studio_speech_session_get_player (fixture->session);

  while (text->len < 10000)
    g_string_append (text, "The quick brown fox jumps over the lazy dog. ");
  g_string_truncate (text, 10000);

  for (guint i = 0; i < 3; i++)
    push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  clip = studio_speech_session_speak (fixture->session, NULL, text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studio_speech_clip_get_n_pieces (clip), ==, 3);

  studio_fake_server_wait_for (fixture->server, SPEECH, 2);
  /* The first piece (3.6 s at real speed) is still playing. */
  g_assert_cmpint (studio_speech_player_get_current_piece (player), <=, 0);
  g_assert_cmpint (studio_speech_session_get_state (fixture->session), !=,
                   STUDIO_SPEECH_SESSION_FINISHED);

  wait_clip_state (clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (clip, i);
      g_autofree char *input = g_strndup (text->str + piece->start, piece->end - piece->start);

      g_assert_cmpint (g_utf8_strlen (input, -1), <=, STUDIO_SPEECH_MAX_INPUT_CHARS);
    }
  studio_speech_session_stop (fixture->session);
  g_assert_cmpint (studio_speech_clip_get_state (clip), ==, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
}

/* A drop in the second piece: what arrived is kept, retry fetches only
 * what is missing.
 */
static void
test_session_drop_retry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (fixture->audio, 0,
                                                   g_bytes_get_size (fixture->audio) / 2);
  g_autoptr(StudioSpeechClip) saved = NULL;
  StudioSpeechClip *clip;

  while (text->len < 9000)
    g_string_append (text, "Some words that make a sentence. ");

  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  studio_fake_server_push_audio (fixture->server, SPEECH, "audio/mpeg", half,
                                 4096, 0, G_MAXSIZE, STUDIO_FAKE_STREAM_DROP);
  clip = studio_speech_session_speak (fixture->session, NULL, text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (studio_speech_clip_get_n_pieces (clip), ==, 3);

  wait_state (fixture, STUDIO_SPEECH_SESSION_FAILED);
  g_assert_nonnull (studio_speech_session_get_error (fixture->session));
  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_cmpint (studio_speech_clip_get_state (clip), ==, STUDIO_SPEECH_CLIP_STATE_PARTIAL);
  g_assert_nonnull (studio_speech_clip_get_error (clip));
  g_assert_true (studio_speech_clip_get_piece (clip, 0)->complete);
  g_assert_false (studio_speech_clip_get_piece (clip, 1)->complete);
  g_assert_cmpint (studio_speech_clip_get_piece (clip, 1)->bytes, >, 0);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 2);

  saved = load_clip (fixture, studio_speech_clip_get_id (clip), STUDIO_SPEECH_CLIP_STATE_PARTIAL);
  g_assert_cmpint (studio_speech_clip_get_piece (saved, 1)->bytes, >, 0);

  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  g_assert_true (studio_speech_session_retry (fixture->session, &error));
  g_assert_no_error (error);
  g_assert_null (studio_speech_session_get_error (fixture->session));

  wait_clip_state (clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  /* Two more requests: the cut piece again and the last one. */
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 4);
  g_assert_cmpint (studio_speech_clip_get_piece (clip, 1)->bytes, ==,
                   g_bytes_get_size (fixture->audio));
  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
}

static void
test_session_rate_limited (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const GError *failure;

  studio_fake_server_push (fixture->server, SPEECH, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                           "\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "20", NULL);
  g_assert_nonnull (studio_speech_session_speak (fixture->session, NULL, "Hello.", &error));
  wait_state (fixture, STUDIO_SPEECH_SESSION_FAILED);

  failure = studio_speech_session_get_error (fixture->session);
  g_assert_error ((GError *) failure, STUDIO_API_ERROR, STUDIO_API_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (failure->message, "20 seconds"));
  g_assert_cmpint (studio_speech_clip_get_state (studio_speech_session_get_clip (fixture->session)),
                   ==, STUDIO_SPEECH_CLIP_STATE_FAILED);
}

static void
test_session_wrong_type (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, SPEECH, 200, "text/html", "<html></html>", NULL);
  g_assert_nonnull (studio_speech_session_speak (fixture->session, NULL, "Hello.", &error));
  wait_state (fixture, STUDIO_SPEECH_SESSION_FAILED);
  g_assert_nonnull (strstr (studio_speech_session_get_error (fixture->session)->message,
                            "text/html"));
  g_assert_cmpint (g_atomic_int_get (&fixture->n_buffers), ==, 0);
}

static void
test_session_sse (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StudioSpeechSettings) settings = studio_speech_session_dup_settings (fixture->session);
  g_auto(GStrv) chunks = studio_fake_speech_sse_chunks (fixture->audio, 3000, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  StudioSpeechClip *clip;

  g_free (settings->model);
  settings->model = g_strdup ("gpt-4o-mini-tts");
  settings->stream_sse = TRUE;
  studio_fake_server_push_stream_full (fixture->server, SPEECH, (const char * const *) chunks, 0,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  clip = studio_speech_session_speak (fixture->session, settings, "Hello there.", &error);
  g_assert_no_error (error);

  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_buffers), >, 0);
  body = last_body (fixture);
  g_assert_cmpstr (json_object_get_string_member (body, "stream_format"), ==, "sse");
  g_assert_cmpint (studio_speech_clip_get_piece (clip, 0)->bytes, ==,
                   g_bytes_get_size (fixture->audio));
  g_assert_cmpint (studio_speech_clip_get_usage (clip)->input_tokens, ==, 12);
}

/* A second speak stops the first cleanly; it is kept as partial. */
static void
test_session_two_speaks (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioSpeechClip) first = NULL;
  g_autoptr(StudioSpeechClip) saved = NULL;
  StudioSpeechClip *second;

  push_audio (fixture, 4096, STUDIO_FAKE_STREAM_COMPLETE);
  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  first = g_object_ref (studio_speech_session_speak (fixture->session, NULL, "First one.", &error));
  g_assert_no_error (error);
  while (!studio_fake_server_get_held (fixture->server, SPEECH))
    g_main_context_iteration (NULL, TRUE);

  second = studio_speech_session_speak (fixture->session, NULL, "Second one.", &error);
  g_assert_no_error (error);
  g_assert_true (second != first);
  g_assert_cmpint (studio_speech_clip_get_state (first), ==, STUDIO_SPEECH_CLIP_STATE_PARTIAL);
  studio_fake_server_release (fixture->server, SPEECH);

  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
  g_assert_cmpint (studio_speech_clip_get_state (second), ==, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  saved = load_clip (fixture, studio_speech_clip_get_id (first), STUDIO_SPEECH_CLIP_STATE_PARTIAL);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
}

static gboolean
any_input_contains (Fixture    *fixture,
                    const char *needle,
                    GPtrArray  *inputs)
{
  for (guint i = 0; i < inputs->len; i++)
    {
      if (strstr (g_ptr_array_index (inputs, i), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
collect_input (Fixture   *fixture,
               GPtrArray *inputs)
{
  g_autoptr(JsonObject) body = last_body (fixture);

  g_ptr_array_add (inputs, g_strdup (json_object_get_string_member (body, "input")));
}

/* A reply growing word by word: the first sentence is sent before the
 * reply ends; the code block's code is never sent.
 */
static void
test_session_follow (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char reply[] =
    "Here is the answer. It takes two lines of code:\n\n"
    "```python\nprint(\"secret_code_token\")\n```\n\n"
    "That is all there is to it. Have a nice day!";
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int owner = 0;
  StudioSpeechClip *clip;
  guint seen = 0;
  gboolean sent_before_final = FALSE;

  for (guint i = 0; i < 6; i++)
    push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);

  clip = studio_speech_session_follow (fixture->session, &owner, 42, &error);
  g_assert_no_error (error);
  g_assert_true (studio_speech_session_get_owner (fixture->session) == &owner);
  g_assert_cmpstr (studio_speech_clip_get_source (clip), ==, "chat");
  g_assert_cmpint (studio_speech_clip_get_conversation_id (clip), ==, 42);

  for (gsize length = 0; length < sizeof reply - 1; length += 4)
    {
      g_autofree char *part = g_strndup (reply, length);

      studio_speech_session_follow_update (fixture->session, &owner, part, FALSE);
      /* Another owner's updates count for nothing. */
      studio_speech_session_follow_update (fixture->session, fixture, "Ignore me. Please.", TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      /* Once the first sentence is complete, its request goes out while
       * the reply is still streaming.
       */
      if (seen == 0 && length > strlen ("Here is the answer. It"))
        studio_fake_server_wait_for (fixture->server, SPEECH, 1);
      while (studio_fake_server_count (fixture->server, SPEECH) > seen)
        {
          seen++;
          collect_input (fixture, inputs);
        }
    }
  sent_before_final = studio_fake_server_count (fixture->server, SPEECH) > 0;
  studio_speech_session_follow_update (fixture->session, &owner, reply, TRUE);

  wait_clip_state (clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  while (studio_fake_server_count (fixture->server, SPEECH) > seen)
    {
      seen++;
      collect_input (fixture, inputs);
    }

  g_assert_true (sent_before_final);
  g_assert_cmpuint (inputs->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (inputs, 0), ==, "Here is the answer.");
  g_assert_false (any_input_contains (fixture, "secret_code_token", inputs));
  g_assert_false (any_input_contains (fixture, "Ignore me", inputs));
  g_assert_true (any_input_contains (fixture, "nice day", inputs));
  g_assert_cmpuint (studio_speech_session_get_n_sentences (fixture->session), >=, 4);
  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
}

static void
test_session_stop_owner (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int owner = 0, other = 0;

  push_audio (fixture, 4096, STUDIO_FAKE_STREAM_COMPLETE);
  g_assert_nonnull (studio_speech_session_follow (fixture->session, &owner, 1, &error));
  studio_speech_session_follow_update (fixture->session, &owner, "One sentence. And", FALSE);
  while (!studio_fake_server_get_held (fixture->server, SPEECH))
    g_main_context_iteration (NULL, TRUE);

  studio_speech_session_stop_owner (fixture->session, &other);
  g_assert_true (studio_speech_session_get_owner (fixture->session) == &owner);
  g_assert_cmpint (studio_speech_session_get_state (fixture->session), !=,
                   STUDIO_SPEECH_SESSION_IDLE);

  studio_speech_session_stop_owner (fixture->session, &owner);
  g_assert_null (studio_speech_session_get_owner (fixture->session));
  g_assert_cmpint (studio_speech_session_get_state (fixture->session), ==,
                   STUDIO_SPEECH_SESSION_IDLE);
  studio_fake_server_release (fixture->server, SPEECH);
}

static void
test_session_not_speakable (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (studio_speech_session_speak (fixture->session, NULL, "😀 🎉  \n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (studio_speech_session_speak (fixture->session, NULL, "", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 0);
  g_assert_null (studio_speech_session_get_clip (fixture->session));
}

/* A clip from the history plays from its files with no request. */
static void
test_session_replay (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioSpeechClip) saved = NULL;
  StudioSpeechClip *clip;
  int before;

  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  clip = studio_speech_session_speak (fixture->session, NULL, "Hello again.", &error);
  g_assert_no_error (error);
  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
  saved = load_clip (fixture, studio_speech_clip_get_id (clip), STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  studio_speech_session_stop (fixture->session);

  before = g_atomic_int_get (&fixture->n_buffers);
  g_assert_true (studio_speech_session_replay (fixture->session, saved, &error));
  g_assert_no_error (error);
  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
  g_assert_cmpint (g_atomic_int_get (&fixture->n_buffers), >, before);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 1);
}

static void
wait_sentence (Fixture *fixture,
               int      sentence)
{
  while (studio_speech_session_get_current_sentence (fixture->session) != sentence)
    g_main_context_iteration (NULL, TRUE);
}

/* Sentences follow the playhead; play_sentence moves it. */
static void
test_session_sentences (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gsize start, end;
  const char *text = "First sentence here. Second one follows. Third ends it.";

  push_audio (fixture, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  g_assert_nonnull (studio_speech_session_speak (fixture->session, NULL, text, &error));
  g_assert_cmpuint (studio_speech_session_get_n_sentences (fixture->session), ==, 3);
  g_assert_true (studio_speech_session_get_sentence (fixture->session, 1, &start, &end));
  g_assert_true (g_str_has_prefix (text + start, "Second"));
  g_assert_false (studio_speech_session_get_sentence (fixture->session, 3, NULL, NULL));

  while (studio_speech_session_get_current_sentence (fixture->session) < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (studio_speech_session_get_current_sentence (fixture->session), ==, 0);

  wait_clip_state (studio_speech_session_get_clip (fixture->session),
                   STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  /* Downloaded is not yet decoded (slowly, under a sanitizer). */
  while (!studio_speech_player_get_piece_complete (studio_speech_session_get_player (fixture->session), 0))
    g_main_context_iteration (NULL, TRUE);
  studio_speech_session_pause (fixture->session);
  g_assert_cmpint (studio_speech_session_get_state (fixture->session), ==,
                   STUDIO_SPEECH_SESSION_PAUSED);
  /* The audio may still be decoding: the seek waits for it. */
  studio_speech_session_play_sentence (fixture->session, 2);
  wait_sentence (fixture, 2);
  studio_speech_session_previous_sentence (fixture->session);
  wait_sentence (fixture, 1);
  studio_speech_session_next_sentence (fixture->session);
  wait_sentence (fixture, 2);
  studio_speech_session_play (fixture->session);
  wait_state (fixture, STUDIO_SPEECH_SESSION_FINISHED);
}

#define ADD(path, func, sync) \
  g_test_add ("/studio/speech-session/" path, Fixture, GINT_TO_POINTER (sync), \
              fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  ADD ("speak", test_session_speak, FALSE);
  ADD ("long", test_session_long, TRUE);
  ADD ("drop-retry", test_session_drop_retry, FALSE);
  ADD ("rate-limited", test_session_rate_limited, FALSE);
  ADD ("wrong-content-type", test_session_wrong_type, FALSE);
  ADD ("sse", test_session_sse, FALSE);
  ADD ("two-speaks", test_session_two_speaks, FALSE);
  ADD ("follow", test_session_follow, FALSE);
  ADD ("stop-owner", test_session_stop_owner, FALSE);
  ADD ("not-speakable", test_session_not_speakable, FALSE);
  ADD ("replay", test_session_replay, FALSE);
  ADD ("sentences", test_session_sentences, TRUE);

  return g_test_run ();
}
