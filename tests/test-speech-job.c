/* test-speech-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A clip's pieces fetched from the fake server: in order, streamed into
 * their files and out through signals as they arrive, never too far
 * ahead of the listener, and the faults a speech answer can have.
 */

#include "config.h"

#include <string.h>

#include "studio-api-error.h"
#include "studio-fake-server.h"
#include "studio-speech-job.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"
#define SPEECH "/v1/audio/speech"

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  char             *dir;
  GBytes           *audio;

  StudioSpeechJob  *job;
  GAsyncResult     *result;
  GString          *events;
  guint             n_started;
  guint             n_finished;
  guint             n_failed;
  guint64           n_data_bytes;
  guint             n_data_while_held;
  StudioSpeechUsage usage;
  gboolean          got_usage;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->dir = g_dir_make_tmp ("studio-speech-job-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
  studio_client_set_max_retries (fixture->client, 0);
  fixture->audio = studio_fake_read_test_bytes ("speech/a.mp3");
  fixture->events = g_string_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* The result holds the job. */
  g_clear_object (&fixture->result);
  if (fixture->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (fixture->job, fixture);
      studio_fake_assert_finalize_later (g_steal_pointer (&fixture->job));
    }
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, studio_fake_server_free);
  g_clear_pointer (&fixture->audio, g_bytes_unref);
  g_string_free (fixture->events, TRUE);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
fixture_file (Fixture *fixture,
              guint    index)
{
  g_autofree char *name = g_strdup_printf ("piece-%u.mp3", index);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  return g_file_new_for_path (path);
}

static GBytes *
fixture_read (Fixture *fixture,
              guint    index)
{
  g_autoptr(GFile) file = fixture_file (fixture, index);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
started_cb (StudioSpeechJob *job,
            guint            index,
            Fixture         *fixture)
{
  g_string_append_printf (fixture->events, "s%u ", index);
  fixture->n_started++;
}

static void
data_cb (StudioSpeechJob *job,
         guint            index,
         GBytes          *bytes,
         Fixture         *fixture)
{
  g_autofree char *mark = g_strdup_printf ("d%u ", index);

  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  fixture->n_data_bytes += g_bytes_get_size (bytes);
  if (studio_fake_server_get_held (fixture->server, SPEECH))
    fixture->n_data_while_held++;
  /* One mark for a run of chunks of the same piece. */
  if (!g_str_has_suffix (fixture->events->str, mark))
    g_string_append (fixture->events, mark);
}

static void
finished_cb (StudioSpeechJob *job,
             guint            index,
             Fixture         *fixture)
{
  g_assert_true (studio_speech_job_get_piece_done (job, index));
  g_string_append_printf (fixture->events, "f%u ", index);
  fixture->n_finished++;
}

static void
failed_cb (StudioSpeechJob *job,
           guint            index,
           GError          *error,
           Fixture         *fixture)
{
  g_assert_nonnull (error);
  g_string_append_printf (fixture->events, "x%u ", index);
  fixture->n_failed++;
}

static void
usage_cb (StudioSpeechJob *job,
          guint            index,
          gpointer         usage,
          Fixture         *fixture)
{
  fixture->usage = *(StudioSpeechUsage *) usage;
  fixture->got_usage = TRUE;
}

static StudioSpeechJob *
fixture_job (Fixture    *fixture,
             const char *model_id,
             gboolean    sse)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();

  g_free (settings->format);
  settings->format = g_strdup ("mp3");
  settings->stream_sse = sse;

  fixture->job = studio_speech_job_new (fixture->client, model, settings);
  g_signal_connect (fixture->job, "piece-started", G_CALLBACK (started_cb), fixture);
  g_signal_connect (fixture->job, "piece-data", G_CALLBACK (data_cb), fixture);
  g_signal_connect (fixture->job, "piece-finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (fixture->job, "piece-failed", G_CALLBACK (failed_cb), fixture);
  g_signal_connect (fixture->job, "usage", G_CALLBACK (usage_cb), fixture);
  return fixture->job;
}

static void
fixture_add (Fixture    *fixture,
             const char *text)
{
  g_autoptr(GFile) file = fixture_file (fixture, studio_speech_job_get_n_pieces (fixture->job));

  studio_speech_job_add_piece (fixture->job, text, file);
}

static void
fixture_run (Fixture      *fixture,
             GCancellable *cancellable)
{
  studio_speech_job_run_async (fixture->job, cancellable, studio_fake_result_cb, &fixture->result);
}

static gboolean
fixture_finish (Fixture  *fixture,
                GError  **error)
{
  studio_fake_wait_result (&fixture->result);
  return studio_speech_job_run_finish (fixture->job, fixture->result, error);
}

static void
push_audio (Fixture *fixture,
            gsize    hold_after)
{
  studio_fake_server_push_audio (fixture->server, SPEECH, "audio/mpeg", fixture->audio,
                                 4096, 0, hold_after, STUDIO_FAKE_STREAM_COMPLETE);
}

static void
iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
assert_input (Fixture    *fixture,
              const char *input)
{
  StudioFakeRequest *request = studio_fake_server_last (fixture->server, SPEECH);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  g_assert_nonnull (request);
  g_autofree char *text = NULL;

  data = g_bytes_get_data (request->body, &size);
  text = g_strndup (data, size);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "input"), ==, input);
}

/* Three pieces, one request each, in order, each file the answer. */
static void
test_job_order (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  for (guint i = 0; i < 3; i++)
    push_audio (fixture, G_MAXSIZE);
  fixture_add (fixture, "One.");
  fixture_add (fixture, "Two.");
  fixture_add (fixture, "Three.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_true (fixture_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->events->str, ==, "s0 d0 f0 s1 d1 f1 s2 d2 f2 ");
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 3);
  assert_input (fixture, "Three.");
  g_assert_cmpstr (studio_speech_job_get_format (fixture->job), ==, "mp3");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) file = fixture_read (fixture, i);

      g_assert_true (g_bytes_equal (file, fixture->audio));
      g_assert_cmpuint (studio_speech_job_get_piece_bytes (fixture->job, i), ==,
                        g_bytes_get_size (fixture->audio));
    }
}

/* Bytes come out while the answer is still being sent. */
static void
test_job_streams (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  push_audio (fixture, 8192);
  fixture_add (fixture, "Hello there.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  while (!(studio_fake_server_get_held (fixture->server, SPEECH) && fixture->n_data_bytes >= 8192))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->n_data_while_held, >, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_null (fixture->result);

  studio_fake_server_release (fixture->server, SPEECH);
  g_assert_true (fixture_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_data_bytes, ==, g_bytes_get_size (fixture->audio));
  file = fixture_read (fixture, 0);
  g_assert_true (g_bytes_equal (file, fixture->audio));
}

/* Never more than AHEAD pieces past the one playing. */
static void
test_job_horizon (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (STUDIO_SPEECH_JOB_AHEAD, ==, 2);

  fixture_job (fixture, "tts-1", FALSE);
  for (guint i = 0; i < 5; i++)
    push_audio (fixture, G_MAXSIZE);
  for (guint i = 0; i < 5; i++)
    fixture_add (fixture, "Some words.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  while (fixture->n_finished < 3)
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();

  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 3);
  g_assert_cmpuint (fixture->n_started, ==, 3);
  g_assert_null (fixture->result);

  studio_speech_job_set_playing_piece (fixture->job, 1);
  while (fixture->n_finished < 4)
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 4);
  g_assert_null (fixture->result);

  studio_speech_job_set_playing_piece (fixture->job, 2);
  g_assert_true (fixture_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 5);
}

/* Pieces added while it runs, as Read Aloud does, until it is closed. */
static void
test_job_add_while_running (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  push_audio (fixture, G_MAXSIZE);
  push_audio (fixture, G_MAXSIZE);
  fixture_run (fixture, NULL);
  fixture_add (fixture, "First sentence.");

  while (fixture->n_finished < 1)
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
  /* Done with what it has, not closed: it waits. */
  g_assert_null (fixture->result);

  fixture_add (fixture, "Second sentence.");
  while (fixture->n_finished < 2)
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
  g_assert_null (fixture->result);
  assert_input (fixture, "Second sentence.");

  studio_speech_job_close (fixture->job);
  g_assert_true (fixture_finish (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 2);
}

/* speech.audio.delta events joined into the file; the usage reported. */
static void
test_job_sse (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_auto(GStrv) chunks = studio_fake_speech_sse_chunks (fixture->audio, 3000, TRUE);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;
  StudioFakeRequest *request;

  fixture_job (fixture, "gpt-4o-mini-tts", TRUE);
  studio_fake_server_push_stream_full (fixture->server, SPEECH, (const char * const *) chunks, 0,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  fixture_add (fixture, "Hello there.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_true (fixture_finish (fixture, &error));
  g_assert_no_error (error);
  file = fixture_read (fixture, 0);
  g_assert_true (g_bytes_equal (file, fixture->audio));
  g_assert_true (fixture->got_usage);
  g_assert_cmpint (fixture->usage.input_tokens, ==, 12);
  g_assert_cmpint (fixture->usage.total_tokens, ==, 352);

  request = studio_fake_server_last (fixture->server, SPEECH);
  text = g_strndup (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body));
  body = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "stream_format"),
                   ==, "sse");
}

static void
test_job_wrong_type (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  studio_fake_server_push (fixture->server, SPEECH, 200, "text/html",
                           "<html><body>Welcome to the captive portal</body></html>", NULL);
  push_audio (fixture, G_MAXSIZE);
  fixture_add (fixture, "One.");
  fixture_add (fixture, "Two.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_false (fixture_finish (fixture, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "text/html"));
  g_assert_nonnull (strstr (error->message, "base URL"));
  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_cmpuint (fixture->n_data_bytes, ==, 0);
  /* Later pieces are not fetched. */
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 1);
}

/* A drop mid-piece: what arrived is in the file, the job fails. */
static void
test_job_drop (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (fixture->audio, 0,
                                                   g_bytes_get_size (fixture->audio) / 2);
  guint64 got;

  fixture_job (fixture, "tts-1", FALSE);
  push_audio (fixture, G_MAXSIZE);
  studio_fake_server_push_audio (fixture->server, SPEECH, "audio/mpeg", half,
                                 4096, 0, G_MAXSIZE, STUDIO_FAKE_STREAM_DROP);
  fixture_add (fixture, "One.");
  fixture_add (fixture, "Two.");
  fixture_add (fixture, "Three.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_false (fixture_finish (fixture, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_true (studio_speech_job_get_piece_done (fixture->job, 0));
  g_assert_false (studio_speech_job_get_piece_done (fixture->job, 1));
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 2);

  got = studio_speech_job_get_piece_bytes (fixture->job, 1);
  g_assert_cmpuint (got, >, 0);
  file = fixture_read (fixture, 1);
  g_assert_cmpuint (g_bytes_get_size (file), ==, got);
  g_assert_cmpmem (g_bytes_get_data (file, NULL), got,
                   g_bytes_get_data (fixture->audio, NULL), got);
}

static void
test_job_rate_limited (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wait = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  studio_fake_server_push (fixture->server, SPEECH, 429, "application/json",
                           "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                           "\"code\":\"rate_limit_exceeded\"}}",
                           "Retry-After", "20", NULL);
  fixture_add (fixture, "One.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_false (fixture_finish (fixture, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_RATE_LIMITED);
  wait = studio_api_error_dup_wait_text (error);
  g_assert_nonnull (wait);
  g_assert_nonnull (strstr (wait, "20"));
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 1);
}

static void
test_job_empty (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  fixture_job (fixture, "tts-1", FALSE);
  studio_fake_server_push_bytes (fixture->server, SPEECH, 200, "audio/mpeg", empty);
  fixture_add (fixture, "One.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, NULL);

  g_assert_false (fixture_finish (fixture, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "no audio"));
  g_assert_cmpuint (fixture->n_failed, ==, 1);
}

static void
test_job_cancel (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  push_audio (fixture, 4096);
  fixture_add (fixture, "One.");
  fixture_add (fixture, "Two.");
  studio_speech_job_close (fixture->job);
  fixture_run (fixture, cancellable);

  while (!(studio_fake_server_get_held (fixture->server, SPEECH) && fixture->n_data_bytes > 0))
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (cancellable);
  g_assert_false (fixture_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 1);
  studio_fake_server_release (fixture->server, SPEECH);
}

/* Cancelled while waiting for pieces: nothing in flight, still completes. */
static void
test_job_cancel_idle (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  fixture_job (fixture, "tts-1", FALSE);
  fixture_run (fixture, cancellable);
  iterate_pending ();
  g_assert_null (fixture->result);

  g_cancellable_cancel (cancellable);
  g_assert_false (fixture_finish (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, SPEECH), ==, 0);
}

#define ADD(path, func) \
  g_test_add ("/studio/speech-job/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("order", test_job_order);
  ADD ("streams", test_job_streams);
  ADD ("horizon", test_job_horizon);
  ADD ("add-while-running", test_job_add_while_running);
  ADD ("sse", test_job_sse);
  ADD ("wrong-content-type", test_job_wrong_type);
  ADD ("drop", test_job_drop);
  ADD ("rate-limited", test_job_rate_limited);
  ADD ("empty", test_job_empty);
  ADD ("cancel", test_job_cancel);
  ADD ("cancel-idle", test_job_cancel_idle);

  return g_test_run ();
}
