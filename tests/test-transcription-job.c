/* test-transcription-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "studio-api-error.h"
#include "studio-fake-server.h"
#include "studio-transcription-job.h"

#define TEST_KEY "sk-test-not-a-real-key-0000"
#define PATH "/v1/audio/transcriptions"

/* A WAV header and a little silence: what the sniffer sees of a recording. */
static const guint8 wav[] = {
  'R', 'I', 'F', 'F', 0x2c, 0x00, 0x00, 0x00, 'W', 'A', 'V', 'E',
  'f', 'm', 't', ' ', 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x40, 0x1f, 0x00, 0x00, 0x80, 0x3e, 0x00, 0x00, 0x02, 0x00, 0x10, 0x00,
  'd', 'a', 't', 'a', 0x08, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x01, 0x00, 0xff, 0xff, 0x00, 0x00,
};

typedef struct
{
  StudioFakeServer *server;
  StudioClient     *client;
  char             *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  fixture->client = studio_client_new ();
  fixture->dir = g_dir_make_tmp ("studio-transcription-job-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  studio_client_set_base_url (fixture->client, studio_fake_server_get_base_url (fixture->server));
  studio_client_set_api_key (fixture->client, TEST_KEY);
  studio_client_set_max_retries (fixture->client, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, studio_fake_server_free);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
fixture_piece (Fixture *fixture,
               guint    index)
{
  g_autofree char *name = g_strdup_printf ("piece-%u.wav", index);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) wav, sizeof wav, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
count_cb (StudioTranscriptionJob *job,
          guint                   index,
          gpointer                user_data)
{
  guint *count = user_data;

  g_assert_nonnull (studio_transcription_job_get_piece (job, index));
  (*count)++;
}

static gboolean
run (StudioTranscriptionJob  *job,
     GCancellable            *cancellable,
     GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_transcription_job_run_async (job, cancellable, studio_fake_result_cb, &result);
  return studio_transcription_job_run_finish (job, studio_fake_wait_result (&result), error);
}

static char *
verbose_answer (double      start,
                const char *first,
                const char *second)
{
  return g_strdup_printf ("{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":10,"
                          "\"text\":\"%s %s\",\"segments\":["
                          "{\"id\":0,\"seek\":0,\"start\":%g,\"end\":%g,\"text\":\"%s\","
                          "\"tokens\":[],\"temperature\":0,\"avg_logprob\":0,"
                          "\"compression_ratio\":1,\"no_speech_prob\":0},"
                          "{\"id\":1,\"seek\":0,\"start\":%g,\"end\":%g,\"text\":\"%s\","
                          "\"tokens\":[],\"temperature\":0,\"avg_logprob\":0,"
                          "\"compression_ratio\":1,\"no_speech_prob\":0}],"
                          "\"usage\":{\"type\":\"duration\",\"seconds\":10}}",
                          first, second, start, start + 4, first, start + 5, start + 9, second);
}

/* A whole file is one piece: its answer becomes the transcript. */
static void
test_single (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("whisper-1");
  StudioTranscriptionOptions options = { .response_format = "verbose_json" };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GFile) file = fixture_piece (fixture, 0);
  g_autofree char *answer = verbose_answer (0, "Hello there.", "General Kenobi.");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint done = 0;

  studio_fake_server_push (fixture->server, PATH, 200, "application/json", answer, NULL);
  job = studio_transcription_job_new (fixture->client, model, &options);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  g_signal_connect (job, "piece-done", G_CALLBACK (count_cb), &done);
  g_assert_cmpuint (studio_transcription_job_get_bytes_total (job), ==, sizeof wav);

  g_assert_true (run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpuint (studio_transcription_job_get_bytes_sent (job), ==, sizeof wav);

  transcript = studio_transcription_job_dup_transcript (job);
  text = studio_transcript_dup_text (transcript);
  g_assert_nonnull (strstr (text, "General Kenobi."));
  g_assert_cmpuint (g_list_model_get_n_items (studio_transcript_get_segments (transcript)), ==, 2);
}

/* Three pieces come back out of order; each is shifted by its start, so
 * the whole is one monotonic transcript.
 */
static void
test_pieces_join (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("whisper-1");
  StudioTranscriptionOptions options = { .response_format = "verbose_json" };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *segments;
  double last = -1;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *first = g_strdup_printf ("Piece %u begins.", i);
      g_autofree char *second = g_strdup_printf ("Piece %u ends.", i);
      g_autofree char *answer = verbose_answer (0, first, second);

      studio_fake_server_push (fixture->server, PATH, 200, "application/json", answer, NULL);
    }

  job = studio_transcription_job_new (fixture->client, model, &options);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GFile) file = fixture_piece (fixture, i);

      studio_transcription_job_add_piece (job, file, i * 600.0, NULL);
    }

  g_assert_true (run (job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, PATH), ==, 3);

  transcript = studio_transcription_job_dup_transcript (job);
  segments = studio_transcript_get_segments (transcript);
  g_assert_cmpuint (g_list_model_get_n_items (segments), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(StudioTranscriptSegment) segment = g_list_model_get_item (segments, i);

      g_assert_cmpfloat (studio_transcript_segment_get_start (segment), >=, last);
      last = studio_transcript_segment_get_start (segment);
    }
  g_assert_cmpfloat_with_epsilon (last, 1205, 0.01);
}

/* A failure in the second piece keeps the first; a new job given the
 * first as done sends only the rest, with the end of the first piece's
 * text as its prompt.
 */
static void
test_retry_sends_only_missing (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("whisper-1");
  StudioTranscriptionOptions options = { .response_format = "verbose_json" };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(StudioTranscriptionJob) retry = NULL;
  g_autoptr(GFile) first = fixture_piece (fixture, 0);
  g_autoptr(GFile) second = fixture_piece (fixture, 1);
  g_autofree char *answer = verbose_answer (0, "The first piece.", "It ends with zebras.");
  g_autofree char *again = verbose_answer (0, "The second piece.", "Over.");
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  StudioFakeRequest *request;

  job = studio_transcription_job_new (fixture->client, model, &options);
  studio_transcription_job_add_piece (job, first, 0, NULL);
  studio_transcription_job_add_piece (job, second, 600, NULL);
  studio_fake_server_push (fixture->server, PATH, 200, "application/json", answer, NULL);
  studio_fake_server_push (fixture->server, PATH, 413, "application/json",
                           "{\"error\":{\"message\":\"Maximum content size limit exceeded.\","
                           "\"type\":\"invalid_request_error\"}}", NULL);
  g_assert_false (run (job, NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* Whichever answer came first, one piece is done and one is not. */
  g_assert_cmpuint (studio_transcription_job_get_n_done (job), ==, 1);

  retry = studio_transcription_job_new (fixture->client, model, &options);
  transcript = studio_transcription_job_get_piece (job, 0) != NULL
                 ? g_object_ref (studio_transcription_job_get_piece (job, 0))
                 : g_object_ref (studio_transcription_job_get_piece (job, 1));
  studio_transcription_job_add_piece (retry, first, 0, transcript);
  studio_transcription_job_add_piece (retry, second, 600, NULL);
  studio_fake_server_push (fixture->server, PATH, 200, "application/json", again, NULL);
  g_assert_true (run (retry, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (studio_fake_server_count (fixture->server, PATH), ==, 3);

  request = studio_fake_server_last (fixture->server, PATH);
  form = studio_fake_request_get_form (request);
  prompt = studio_fake_form_get_field (form, "prompt");
  g_assert_nonnull (prompt);
  g_assert_nonnull (strstr (prompt, "zebras."));

  g_clear_object (&transcript);
  transcript = studio_transcription_job_dup_transcript (retry);
  text = studio_transcript_dup_text (transcript);
  g_assert_nonnull (strstr (text, "zebras."));
  g_assert_nonnull (strstr (text, "Over."));
}

/* Streamed deltas fill the live transcript before the answer is done. */
static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-4o-transcribe");
  StudioTranscriptionOptions options = { .response_format = "json", .stream = TRUE };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GFile) file = fixture_piece (fixture, 0);
  g_autoptr(SoupMultipart) form = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  static const char *chunks[] = {
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n",
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\" world.\"}\n\n",
    "data: {\"type\":\"transcript.text.done\",\"text\":\"Hello world.\","
    "\"usage\":{\"type\":\"tokens\",\"input_tokens\":12,\"output_tokens\":3,\"total_tokens\":15}}\n\n",
    NULL,
  };

  studio_fake_server_push_stream_full (fixture->server, PATH, chunks, 1,
                                       STUDIO_FAKE_STREAM_COMPLETE);
  job = studio_transcription_job_new (fixture->client, model, &options);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  g_assert_true (run (job, NULL, &error));
  g_assert_no_error (error);

  form = studio_fake_request_get_form (studio_fake_server_last (fixture->server, PATH));
  stream = studio_fake_form_get_field (form, "stream");
  g_assert_cmpstr (stream, ==, "true");

  transcript = studio_transcription_job_dup_transcript (job);
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "Hello world.");
  g_assert_nonnull (studio_transcript_get_usage (transcript));
}

/* A stream cut before transcript.text.done is a failure, not a transcript. */
static void
test_stream_cut (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-4o-transcribe");
  StudioTranscriptionOptions options = { .response_format = "json", .stream = TRUE };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(GFile) file = fixture_piece (fixture, 0);
  g_autoptr(GError) error = NULL;
  static const char *chunks[] = {
    "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n",
    NULL,
  };

  studio_fake_server_push_stream_full (fixture->server, PATH, chunks, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  job = studio_transcription_job_new (fixture->client, model, &options);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  g_assert_false (run (job, NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE);
  g_assert_cmpuint (studio_transcription_job_get_n_done (job), ==, 0);
}

/* Malformed and text answers go through their parsers. */
static void
test_answers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("whisper-1");
  StudioTranscriptionOptions srt = { .response_format = "srt" };
  StudioTranscriptionOptions json = { .response_format = "json" };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GFile) file = fixture_piece (fixture, 0);
  g_autoptr(GError) error = NULL;

  studio_fake_server_push (fixture->server, PATH, 200, "text/plain",
                           "1\n00:00:01,000 --> 00:00:02,500\nOne.\n\n"
                           "2\n00:00:03,000 --> 00:00:04,000\nTwo.\n", NULL);
  job = studio_transcription_job_new (fixture->client, model, &srt);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  g_assert_true (run (job, NULL, &error));
  g_assert_no_error (error);
  transcript = studio_transcription_job_dup_transcript (job);
  g_assert_cmpuint (g_list_model_get_n_items (studio_transcript_get_segments (transcript)), ==, 2);

  g_clear_object (&job);
  studio_fake_server_push (fixture->server, PATH, 200, "application/json", "{\"text\": ", NULL);
  job = studio_transcription_job_new (fixture->client, model, &json);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  g_assert_false (run (job, NULL, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
}

/* Cancelling stops the upload; nothing is done and the audio is untouched. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("whisper-1");
  StudioTranscriptionOptions options = { .response_format = "json" };
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = fixture_piece (fixture, 0);
  g_autoptr(GError) error = NULL;

  studio_fake_server_push_hang (fixture->server, PATH);
  job = studio_transcription_job_new (fixture->client, model, &options);
  studio_transcription_job_add_piece (job, file, 0, NULL);
  studio_transcription_job_run_async (job, cancellable, studio_fake_result_cb, &result);
  studio_fake_server_wait_for (fixture->server, PATH, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (studio_transcription_job_run_finish (job, studio_fake_wait_result (&result),
                                                       &error));
  g_assert_true (studio_api_error_is_cancelled (error));
  g_assert_true (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/transcription-job/single", Fixture, NULL,
              fixture_set_up, test_single, fixture_tear_down);
  g_test_add ("/transcription-job/pieces-join", Fixture, NULL,
              fixture_set_up, test_pieces_join, fixture_tear_down);
  g_test_add ("/transcription-job/retry-sends-only-missing", Fixture, NULL,
              fixture_set_up, test_retry_sends_only_missing, fixture_tear_down);
  g_test_add ("/transcription-job/stream", Fixture, NULL,
              fixture_set_up, test_stream, fixture_tear_down);
  g_test_add ("/transcription-job/stream-cut", Fixture, NULL,
              fixture_set_up, test_stream_cut, fixture_tear_down);
  g_test_add ("/transcription-job/answers", Fixture, NULL,
              fixture_set_up, test_answers, fixture_tear_down);
  g_test_add ("/transcription-job/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
