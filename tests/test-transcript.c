/* test-transcript.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-transcript.h"
#include "studio-utils.h"

/* Answers as the service writes them: the examples of the OpenAPI spec. */

static const char json_answer[] =
  "{\"text\": \"Imagine the wildest idea that you've ever had, and you're curious about how it "
  "might scale to something that's a 100, a 1,000 times bigger.\", \"usage\": {\"type\": "
  "\"tokens\", \"input_tokens\": 14, \"input_token_details\": {\"text_tokens\": 10, "
  "\"audio_tokens\": 4}, \"output_tokens\": 101, \"total_tokens\": 115}}";

static const char verbose_answer[] =
  "{\"task\": \"transcribe\", \"language\": \"english\", \"duration\": 8.470000267028809,"
  " \"text\": \"The beach was a popular spot on a hot summer day. People were swimming in the "
  "ocean, building sandcastles, and playing beach volleyball.\","
  " \"words\": [{\"word\": \"The\", \"start\": 0.0, \"end\": 0.24},"
  "             {\"word\": \"beach\", \"start\": 0.24, \"end\": 0.6}],"
  " \"segments\": [{\"id\": 0, \"seek\": 0, \"start\": 0.0, \"end\": 3.319999933242798,"
  "   \"text\": \" The beach was a popular spot on a hot summer day.\","
  "   \"tokens\": [50364, 440, 7534, 390, 257, 3743, 4008, 322, 257, 2368, 4266, 786, 13, 50530],"
  "   \"temperature\": 0.0, \"avg_logprob\": -0.2860786020755768,"
  "   \"compression_ratio\": 1.2363636493682861, \"no_speech_prob\": 0.00985979475080967},"
  "  {\"id\": 1, \"seek\": 0, \"start\": 3.32, \"end\": 8.47,"
  "   \"text\": \" People were swimming in the ocean, building sandcastles, and playing beach "
  "volleyball.\", \"tokens\": [50530], \"temperature\": 0.0, \"avg_logprob\": -0.3,"
  "   \"compression_ratio\": 1.2, \"no_speech_prob\": 0.01}],"
  " \"usage\": {\"type\": \"duration\", \"seconds\": 9}}";

static const char diarized_answer[] =
  "{\"task\": \"transcribe\", \"duration\": 42.7,"
  " \"text\": \"Agent: Thanks for calling OpenAI support.\\nCustomer: Hi, I need help with "
  "diarization.\","
  " \"segments\": [{\"type\": \"transcript.text.segment\", \"id\": \"seg_001\", \"start\": 0.0,"
  "   \"end\": 5.2, \"text\": \"Thanks for calling OpenAI support.\", \"speaker\": \"agent\"},"
  "  {\"type\": \"transcript.text.segment\", \"id\": \"seg_002\", \"start\": 5.2, \"end\": 12.8,"
  "   \"text\": \"Hi, I need help with diarization.\", \"speaker\": \"A\"}],"
  " \"usage\": {\"type\": \"duration\", \"seconds\": 43}}";

static StudioTranscript *
parse_server_json (const char  *data,
                   GError     **error)
{
  g_autoptr(JsonNode) root = studio_json_parse_server_data (data, -1, error);

  return root ? studio_transcript_parse_json (root, error) : NULL;
}

static StudioTranscriptSegment *
get_segment (StudioTranscript *transcript,
             guint             position)
{
  GListModel *segments = studio_transcript_get_segments (transcript);
  g_autoptr(StudioTranscriptSegment) segment = g_list_model_get_item (segments, position);

  g_assert_nonnull (segment);
  return segment;
}

static guint
n_segments (StudioTranscript *transcript)
{
  return g_list_model_get_n_items (studio_transcript_get_segments (transcript));
}

static void
assert_segment (StudioTranscript *transcript,
                guint             position,
                double            start,
                double            end,
                const char       *speaker,
                const char       *text)
{
  StudioTranscriptSegment *segment = get_segment (transcript, position);

  g_assert_cmpfloat_with_epsilon (studio_transcript_segment_get_start (segment), start, 1e-9);
  g_assert_cmpfloat_with_epsilon (studio_transcript_segment_get_end (segment), end, 1e-9);
  g_assert_cmpstr (studio_transcript_segment_get_speaker (segment), ==, speaker);
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, text);
}

static void
changed_cb (StudioTranscript *transcript,
            guint            *count)
{
  (*count)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_transcript_parse_json (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *usage;

  transcript = parse_server_json (json_answer, &error);
  g_assert_no_error (error);
  g_assert_false (studio_transcript_has_timestamps (transcript));
  g_assert_false (studio_transcript_is_empty (transcript));
  g_assert_true (studio_transcript_get_done (transcript));
  g_assert_null (studio_transcript_get_language (transcript));
  g_assert_cmpfloat (studio_transcript_get_duration (transcript), ==, 0);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 1), ==, -1);

  text = studio_transcript_dup_text (transcript);
  g_assert_true (g_str_has_prefix (text, "Imagine the wildest idea"));
  g_assert_true (g_str_has_suffix (text, "times bigger."));

  usage = studio_transcript_get_usage (transcript);
  g_assert_nonnull (usage);
  g_assert_cmpstr (studio_json_get_string (usage, "type"), ==, "tokens");
  g_assert_cmpint (studio_json_get_int (usage, "total_tokens", -1), ==, 115);
  g_assert_cmpint (studio_json_get_int (studio_json_get_object (usage, "input_token_details"),
                                        "audio_tokens", -1), ==, 4);

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_parse_verbose (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) speakers = NULL;
  JsonObject *usage;

  transcript = parse_server_json (verbose_answer, &error);
  g_assert_no_error (error);
  g_assert_true (studio_transcript_has_timestamps (transcript));
  g_assert_cmpstr (studio_transcript_get_language (transcript), ==, "english");
  g_assert_cmpfloat_with_epsilon (studio_transcript_get_duration (transcript), 8.47, 1e-6);

  g_assert_cmpuint (n_segments (transcript), ==, 2);
  /* Whisper's leading spaces are not part of the text. */
  assert_segment (transcript, 0, 0, 3.319999933242798, NULL,
                  "The beach was a popular spot on a hot summer day.");
  assert_segment (transcript, 1, 3.32, 8.47, NULL,
                  "People were swimming in the ocean, building sandcastles, and playing beach "
                  "volleyball.");
  g_assert_false (studio_transcript_segment_get_edited (get_segment (transcript, 0)));

  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "The beach was a popular spot on a hot summer day. People were "
                   "swimming in the ocean, building sandcastles, and playing beach volleyball.");

  speakers = studio_transcript_dup_speakers (transcript);
  g_assert_cmpuint (g_strv_length (speakers), ==, 0);

  usage = studio_transcript_get_usage (transcript);
  g_assert_cmpstr (studio_json_get_string (usage, "type"), ==, "duration");
  g_assert_cmpfloat (studio_json_get_double (usage, "seconds", -1), ==, 9);

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_parse_diarized (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) speakers = NULL;

  transcript = studio_transcript_parse_text ("diarized_json", diarized_answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_segments (transcript), ==, 2);
  assert_segment (transcript, 0, 0, 5.2, "agent", "Thanks for calling OpenAI support.");
  assert_segment (transcript, 1, 5.2, 12.8, "A", "Hi, I need help with diarization.");
  g_assert_cmpfloat_with_epsilon (studio_transcript_get_duration (transcript), 42.7, 1e-9);

  speakers = studio_transcript_dup_speakers (transcript);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "agent", "A", NULL }));

  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "agent: Thanks for calling OpenAI support.\n"
                             "A: Hi, I need help with diarization.");

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_parse_translation (void)
{
  g_autoptr(StudioTranscript) plain = NULL;
  g_autoptr(StudioTranscript) verbose = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  plain = parse_server_json ("{\"text\": \"Hello, my name is Wolfgang.\"}", &error);
  g_assert_no_error (error);
  text = studio_transcript_dup_text (plain);
  g_assert_cmpstr (text, ==, "Hello, my name is Wolfgang.");
  g_assert_null (studio_transcript_get_usage (plain));

  verbose = parse_server_json ("{\"language\": \"english\", \"duration\": 3,"
                               " \"text\": \"Hello.\", \"segments\": [{\"id\": 0, \"seek\": 0,"
                               " \"start\": 0, \"end\": 3, \"text\": \" Hello.\", \"tokens\": [1],"
                               " \"temperature\": 0, \"avg_logprob\": -0.1,"
                               " \"compression_ratio\": 0.5, \"no_speech_prob\": 0.1}]}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_segments (verbose), ==, 1);
  assert_segment (verbose, 0, 0, 3, NULL, "Hello.");
  g_assert_cmpfloat (studio_transcript_get_duration (verbose), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&plain));
  g_assert_finalize_object (g_steal_pointer (&verbose));

  /* gpt-transcribe names the languages it detected. */
  plain = parse_server_json ("{\"text\": \"Hallo.\", \"languages\": [{\"code\": \"de\"}]}",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_transcript_get_language (plain), ==, "de");
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
test_transcript_parse_plain_text (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(StudioTranscript) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  transcript = studio_transcript_parse_text ("text", "\xef\xbb\xbfHello there.\r\nSecond line.\r\n",
                                             &error);
  g_assert_no_error (error);
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "Hello there.\nSecond line.");
  g_assert_false (studio_transcript_has_timestamps (transcript));
  g_assert_cmpuint (n_segments (transcript), ==, 1);

  empty = studio_transcript_parse_text (NULL, " \n", &error);
  g_assert_no_error (error);
  g_assert_true (studio_transcript_is_empty (empty));
  g_assert_cmpuint (n_segments (empty), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&transcript));
  g_assert_finalize_object (g_steal_pointer (&empty));
}

static void
test_transcript_parse_empty (void)
{
  static const char * const answers[] = {
    "{\"text\": \"\"}",
    "{\"text\": \"   \", \"usage\": {\"type\": \"duration\", \"seconds\": 1}}",
    "{\"task\": \"transcribe\", \"language\": \"english\", \"duration\": 2.0, \"text\": \"\","
    " \"segments\": []}",
    "{\"text\": \"\", \"segments\": [{\"start\": 0, \"end\": 1, \"text\": \" \"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(StudioTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *srt = NULL;

      transcript = parse_server_json (answers[i], &error);
      g_assert_no_error (error);
      g_assert_true (studio_transcript_is_empty (transcript));

      srt = studio_transcript_export (transcript, STUDIO_TRANSCRIPT_FORMAT_SRT);
      g_assert_cmpstr (srt, ==, "");

      g_assert_finalize_object (g_steal_pointer (&transcript));
    }

  for (guint i = 0; i < 3; i++)
    {
      static const char * const formats[] = { "srt", "vtt", "text" };
      static const char * const bodies[] = { "", "WEBVTT\n\nNOTE nothing was said\n", "" };
      g_autoptr(StudioTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;

      transcript = studio_transcript_parse_text (formats[i], bodies[i], &error);
      g_assert_no_error (error);
      g_assert_true (studio_transcript_is_empty (transcript));
      g_assert_finalize_object (g_steal_pointer (&transcript));
    }
}

static void
test_transcript_parse_malformed (void)
{
  static const char * const answers[] = {
    "",
    "   ",
    "Internal Server Error",
    "{\"text\": \"cut off",
    "[{\"text\": \"an array\"}]",
    "{\"task\": \"transcribe\"}",
    "{\"text\": 42}",
    "{\"text\": \"a\", \"segments\": {\"start\": 0}}",
    "{\"text\": \"a\", \"segments\": [\"a string\"]}",
    "{\"text\": \"a\", \"segments\": [{\"start\": \"0.0\", \"end\": 1.0, \"text\": \"a\"}]}",
    "{\"text\": \"a\", \"segments\": [{\"start\": 0.0, \"text\": \"a\"}]}",
    "{\"text\": \"a\", \"segments\": [{\"start\": 0.0, \"end\": 1.0}]}",
    "{\"text\": \"a\", \"segments\": [{\"start\": 0.0, \"end\": 1.0, \"text\": \"a\","
    " \"speaker\": 3}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(StudioTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;

      transcript = studio_transcript_parse_text ("verbose_json", answers[i], &error);
      g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
      g_assert_null (transcript);
      /* A sentence for the user, not json-glib's words. */
      g_assert_true (g_str_has_suffix (error->message, "."));
    }

  {
    g_autoptr(JsonNode) array = json_from_string ("[1]", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_null (studio_transcript_parse_json (array, &error));
    g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  }
}

static const char srt_answer[] =
  "1\n"
  "00:00:00,000 --> 00:00:03,320\n"
  "The beach was a popular spot on a hot summer day.\n"
  "\n"
  "2\n"
  "00:00:03,320 --> 00:00:08,470\n"
  "People were swimming in the ocean,\n"
  "building sandcastles, and playing beach volleyball.\n"
  "\n"
  "3\n"
  "01:02:03,004 --> 01:02:05,500\n"
  "An hour later.\n";

static void
test_transcript_parse_srt (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = studio_transcript_parse_text ("srt", srt_answer, &error);
  g_assert_no_error (error);
  g_assert_true (studio_transcript_has_timestamps (transcript));
  g_assert_cmpuint (n_segments (transcript), ==, 3);
  assert_segment (transcript, 0, 0, 3.32, NULL,
                  "The beach was a popular spot on a hot summer day.");
  assert_segment (transcript, 1, 3.32, 8.47, NULL,
                  "People were swimming in the ocean,\n"
                  "building sandcastles, and playing beach volleyball.");
  assert_segment (transcript, 2, 3723.004, 3725.5, NULL, "An hour later.");

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_parse_srt_odd (void)
{
  /* Everything servers and tools get wrong, at once: a BOM, CRLF, no cue
   * numbers or missing ones, no hours, dots, 1 and 2 digit fractions, an
   * end before the start, overlapping cues, a blank cue, an unreadable
   * timing, two cues without a blank line between them, and "Speaker:"
   * text, which SRT does not define and is not guessed.
   */
  static const char odd[] =
    "\xef\xbb\xbf" "1\r\n"
    "00:01.5 --> 00:02.25\r\n"
    "No hours.\r\n"
    "\r\n"
    "00:00:03.1 --> 00:00:02,000\r\n"
    "End before start.\r\n"
    "\r\n"
    "3\r\n"
    "00:00:04,000 --> 00:00:09,000\r\n"
    "Bob: Overlapping one.\r\n"
    "4\r\n"
    "00:00:05,000 --> 00:00:06,000\r\n"
    "Overlapping two.\r\n"
    "\r\n"
    "5\r\n"
    "00:00:07,000 --> 00:00:08,000\r\n"
    "\r\n"
    "6\r\n"
    "00:00:xx,000 --> 00:00:10,000\r\n"
    "Unreadable timing.\r\n"
    "\r\n"
    "7\r\n"
    "0:00:11,000-->0:00:12\r\n"
    "Tight arrow.\r\n";
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;

  transcript = studio_transcript_parse_text ("srt", odd, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_segments (transcript), ==, 5);
  assert_segment (transcript, 0, 1.5, 2.25, NULL, "No hours.");
  assert_segment (transcript, 1, 3.1, 3.1, NULL, "End before start.");
  assert_segment (transcript, 2, 4, 9, NULL, "Bob: Overlapping one.");
  assert_segment (transcript, 3, 5, 6, NULL, "Overlapping two.");
  assert_segment (transcript, 4, 11, 12, NULL, "Tight arrow.");

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_parse_subtitles_malformed (void)
{
  static const char * const bodies[] = {
    "1\n00:00:xx,000 --> 00:00:01,000\nUnreadable.\n\n2\nnonsense --> 1\nAgain.\n",
    "This is not subtitles at all.\n",
    "1\n00:00:01 --> 00:00:02 garbage\nCue settings are VTT only, but this is worse: "
    "a timing of one number.\n\n2\n5 --> 6\nText.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(StudioTranscript) transcript = NULL;
      g_autoptr(GError) error = NULL;

      transcript = studio_transcript_parse_text (i % 2 ? "vtt" : "srt", bodies[i], &error);
      if (i == 2)
        {
          /* Settings after the end time are taken; "5 --> 6" is not. */
          g_assert_no_error (error);
          g_assert_cmpuint (n_segments (transcript), ==, 1);
          g_assert_finalize_object (g_steal_pointer (&transcript));
          continue;
        }
      g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
      g_assert_null (transcript);
    }
}

static const char vtt_answer[] =
  "WEBVTT - A conversation\n"
  "Kind: captions\n"
  "\n"
  "STYLE\n"
  "::cue { color: white }\n"
  "\n"
  "NOTE This is a comment\n"
  "that spans two lines --> and has an arrow\n"
  "\n"
  "intro\n"
  "00:00.000 --> 00:04.500 align:start position:10%\n"
  "<v.loud Mary Ann>Hello &amp; <i>welcome</i>!</v>\n"
  "\n"
  "00:00:04.500 --> 00:00:09.000 line:0\n"
  "<v Bob>Thanks, &lt;Mary&gt;.\n"
  "How are you?\n"
  "\n"
  "NOTE\n"
  "a note on its own line\n"
  "\n"
  "00:00:09.000 --> 00:00:10.000\n"
  "<c.yellow>No voice</c> <00:00:09.500>here.\n";

static void
test_transcript_parse_vtt (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) speakers = NULL;

  transcript = studio_transcript_parse_text ("vtt", vtt_answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_segments (transcript), ==, 3);
  assert_segment (transcript, 0, 0, 4.5, "Mary Ann", "Hello & welcome!");
  assert_segment (transcript, 1, 4.5, 9, "Bob", "Thanks, <Mary>.\nHow are you?");
  assert_segment (transcript, 2, 9, 10, NULL, "No voice here.");

  speakers = studio_transcript_dup_speakers (transcript);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "Mary Ann", "Bob", NULL }));

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_export_srt_round_trip (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(StudioTranscript) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *srt = NULL;
  g_autofree char *srt_again = NULL;

  transcript = studio_transcript_parse_text ("srt", srt_answer, &error);
  g_assert_no_error (error);
  srt = studio_transcript_export (transcript, STUDIO_TRANSCRIPT_FORMAT_SRT);
  g_assert_cmpstr (srt, ==, srt_answer);

  /* Speakers are written as a prefix, which reads back as text. */
  studio_transcript_segment_set_speaker (get_segment (transcript, 2), "Ann");
  g_clear_pointer (&srt, g_free);
  srt = studio_transcript_export (transcript, STUDIO_TRANSCRIPT_FORMAT_SRT);
  g_assert_nonnull (strstr (srt, "01:02:03,004 --> 01:02:05,500\nAnn: An hour later.\n"));

  again = studio_transcript_parse_text ("srt", srt, &error);
  g_assert_no_error (error);
  assert_segment (again, 2, 3723.004, 3725.5, NULL, "Ann: An hour later.");
  srt_again = studio_transcript_export (again, STUDIO_TRANSCRIPT_FORMAT_SRT);
  g_assert_cmpstr (srt_again, ==, srt);

  g_assert_finalize_object (g_steal_pointer (&transcript));
  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
test_transcript_export_vtt_round_trip (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(StudioTranscript) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *vtt = NULL;
  g_autofree char *vtt_again = NULL;

  transcript = studio_transcript_parse_text ("vtt", vtt_answer, &error);
  g_assert_no_error (error);
  vtt = studio_transcript_export (transcript, STUDIO_TRANSCRIPT_FORMAT_VTT);
  g_assert_cmpstr (vtt, ==,
                   "WEBVTT\n"
                   "\n"
                   "00:00:00.000 --> 00:00:04.500\n"
                   "<v Mary Ann>Hello &amp; welcome!\n"
                   "\n"
                   "00:00:04.500 --> 00:00:09.000\n"
                   "<v Bob>Thanks, &lt;Mary&gt;.\n"
                   "How are you?\n"
                   "\n"
                   "00:00:09.000 --> 00:00:10.000\n"
                   "No voice here.\n");

  again = studio_transcript_parse_text ("vtt", vtt, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_segments (again), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      StudioTranscriptSegment *segment = get_segment (transcript, i);

      assert_segment (again, i,
                      studio_transcript_segment_get_start (segment),
                      studio_transcript_segment_get_end (segment),
                      studio_transcript_segment_get_speaker (segment),
                      studio_transcript_segment_get_text (segment));
    }
  vtt_again = studio_transcript_export (again, STUDIO_TRANSCRIPT_FORMAT_VTT);
  g_assert_cmpstr (vtt_again, ==, vtt);

  g_assert_finalize_object (g_steal_pointer (&transcript));
  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
test_transcript_export_txt (void)
{
  g_autoptr(StudioTranscript) diarized = NULL;
  g_autoptr(StudioTranscript) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *txt = NULL;
  g_autofree char *plain_txt = NULL;
  g_autofree char *srt = NULL;
  g_autofree char *vtt = NULL;

  diarized = studio_transcript_parse_text ("diarized_json", diarized_answer, &error);
  g_assert_no_error (error);
  txt = studio_transcript_export (diarized, STUDIO_TRANSCRIPT_FORMAT_TXT);
  g_assert_cmpstr (txt, ==, "agent: Thanks for calling OpenAI support.\n"
                            "\n"
                            "A: Hi, I need help with diarization.\n");

  /* An untimed transcript is one cue over its audio. */
  plain = parse_server_json ("{\"text\": \"Just text.\"}", &error);
  g_assert_no_error (error);
  plain_txt = studio_transcript_export (plain, STUDIO_TRANSCRIPT_FORMAT_TXT);
  g_assert_cmpstr (plain_txt, ==, "Just text.\n");
  studio_transcript_set_duration (plain, 61.25);
  srt = studio_transcript_export (plain, STUDIO_TRANSCRIPT_FORMAT_SRT);
  g_assert_cmpstr (srt, ==, "1\n00:00:00,000 --> 00:01:01,250\nJust text.\n");
  studio_transcript_set_duration (plain, 0);
  vtt = studio_transcript_export (plain, STUDIO_TRANSCRIPT_FORMAT_VTT);
  g_assert_cmpstr (vtt, ==, "WEBVTT\n\n00:00:00.000 --> 99:59:59.999\nJust text.\n");

  g_assert_finalize_object (g_steal_pointer (&diarized));
  g_assert_finalize_object (g_steal_pointer (&plain));
}

static void
assert_transcripts_equal (StudioTranscript *a,
                          StudioTranscript *b)
{
  g_autofree char *a_text = studio_transcript_dup_text (a);
  g_autofree char *b_text = studio_transcript_dup_text (b);
  JsonObject *a_usage = studio_transcript_get_usage (a);
  JsonObject *b_usage = studio_transcript_get_usage (b);

  g_assert_cmpstr (a_text, ==, b_text);
  g_assert_cmpstr (studio_transcript_get_language (a), ==, studio_transcript_get_language (b));
  g_assert_cmpfloat (studio_transcript_get_duration (a), ==, studio_transcript_get_duration (b));
  g_assert_cmpint (studio_transcript_has_timestamps (a), ==, studio_transcript_has_timestamps (b));
  g_assert_cmpuint (n_segments (a), ==, n_segments (b));

  for (guint i = 0; i < n_segments (a); i++)
    {
      StudioTranscriptSegment *x = get_segment (a, i);
      StudioTranscriptSegment *y = get_segment (b, i);

      g_assert_cmpfloat (studio_transcript_segment_get_start (x), ==,
                         studio_transcript_segment_get_start (y));
      g_assert_cmpfloat (studio_transcript_segment_get_end (x), ==,
                         studio_transcript_segment_get_end (y));
      g_assert_cmpstr (studio_transcript_segment_get_speaker (x), ==,
                       studio_transcript_segment_get_speaker (y));
      g_assert_cmpstr (studio_transcript_segment_get_text (x), ==,
                       studio_transcript_segment_get_text (y));
      g_assert_cmpint (studio_transcript_segment_get_edited (x), ==,
                       studio_transcript_segment_get_edited (y));
    }

  g_assert_true ((a_usage == NULL) == (b_usage == NULL));
  if (a_usage != NULL)
    {
      g_autoptr(JsonNode) a_node = json_node_init_object (json_node_alloc (), a_usage);
      g_autoptr(JsonNode) b_node = json_node_init_object (json_node_alloc (), b_usage);

      g_assert_true (json_node_equal (a_node, b_node));
    }
}

static void
test_transcript_export_json_round_trip (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(StudioTranscript) again = NULL;
  g_autoptr(StudioTranscript) plain = NULL;
  g_autoptr(StudioTranscript) plain_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *plain_json = NULL;

  transcript = parse_server_json (diarized_answer, &error);
  g_assert_no_error (error);
  studio_transcript_set_language (transcript, "en");
  studio_transcript_segment_set_text (get_segment (transcript, 1),
                                      "Hi, I need help with \"diarization\".\nThanks.");
  g_assert_true (studio_transcript_segment_get_edited (get_segment (transcript, 1)));
  studio_transcript_rename_speaker (transcript, "A", "Customer");

  json = studio_transcript_to_json (transcript);
  again = studio_transcript_new_from_json (json, &error);
  g_assert_no_error (error);
  assert_transcripts_equal (transcript, again);
  g_assert_cmpstr (studio_transcript_segment_get_speaker (get_segment (again, 1)), ==,
                   "Customer");
  g_assert_true (studio_transcript_segment_get_edited (get_segment (again, 1)));
  g_assert_false (studio_transcript_segment_get_edited (get_segment (again, 0)));

  json_again = studio_transcript_export (again, STUDIO_TRANSCRIPT_FORMAT_JSON);
  g_assert_cmpstr (json_again, ==, json);

  /* Untimed, edited, with token usage. */
  plain = parse_server_json (json_answer, &error);
  g_assert_no_error (error);
  studio_transcript_segment_set_text (get_segment (plain, 0), "Corrected.");
  plain_json = studio_transcript_to_json (plain);
  plain_again = studio_transcript_new_from_json (plain_json, &error);
  g_assert_no_error (error);
  assert_transcripts_equal (plain, plain_again);

  g_assert_null (studio_transcript_new_from_json ("{\"segments\": 1}", &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_null (studio_transcript_new_from_json ("not json", &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);

  g_assert_finalize_object (g_steal_pointer (&transcript));
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&plain));
  g_assert_finalize_object (g_steal_pointer (&plain_again));
}

static void
apply (StudioTranscript *transcript,
       const char       *event)
{
  g_autoptr(JsonNode) data = studio_json_parse_server_data (event, -1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (data);
  g_assert_true (studio_transcript_apply_event (transcript, NULL, data, &error));
  g_assert_no_error (error);
}

static void
delta_cb (StudioTranscript *transcript,
          const char       *delta,
          GString          *seen)
{
  g_string_append (seen, delta);
}

static void
test_transcript_stream_deltas (void)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *live = NULL;
  g_autofree char *text = NULL;
  JsonObject *usage;

  g_signal_connect (transcript, "text-delta", G_CALLBACK (delta_cb), seen);

  apply (transcript, "{\"type\": \"transcript.text.delta\", \"delta\": \"I see\"}");
  apply (transcript, "{\"type\": \"transcript.text.delta\", \"delta\": \" skies of\"}");
  apply (transcript, "{\"type\": \"transcript.unknown\", \"whatever\": 1}");
  g_assert_false (studio_transcript_get_done (transcript));
  live = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (live, ==, "I see skies of");
  g_assert_cmpstr (seen->str, ==, "I see skies of");

  apply (transcript, "{\"type\": \"transcript.text.done\", \"text\": \"I see skies of blue.\","
                     " \"usage\": {\"type\": \"tokens\", \"input_tokens\": 14,"
                     " \"output_tokens\": 31, \"total_tokens\": 45}}");
  g_assert_true (studio_transcript_get_done (transcript));
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "I see skies of blue.");
  g_assert_cmpuint (n_segments (transcript), ==, 1);
  g_assert_false (studio_transcript_has_timestamps (transcript));
  usage = studio_transcript_get_usage (transcript);
  g_assert_cmpint (studio_json_get_int (usage, "total_tokens", -1), ==, 45);

  /* A done event without its text keeps what the deltas said. */
  g_assert_finalize_object (g_steal_pointer (&transcript));
  transcript = studio_transcript_new ();
  apply (transcript, "{\"type\": \"transcript.text.delta\", \"delta\": \"Only deltas.\"}");
  apply (transcript, "{\"type\": \"transcript.text.done\", \"text\": \"\"}");
  g_clear_pointer (&text, g_free);
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "Only deltas.");
  g_assert_true (studio_transcript_get_done (transcript));
  g_assert_null (studio_transcript_get_usage (transcript));

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_stream_segments (void)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autofree char *live = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *text = NULL;

  apply (transcript, "{\"type\": \"transcript.text.delta\", \"delta\": \"Thanks for\","
                     " \"segment_id\": \"seg_001\"}");
  live = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (live, ==, "Thanks for");

  apply (transcript, "{\"type\": \"transcript.text.segment\", \"id\": \"seg_001\","
                     " \"start\": 0.0, \"end\": 5.2, \"text\": \"Thanks for calling.\","
                     " \"speaker\": \"agent\"}");
  apply (transcript, "{\"type\": \"transcript.text.delta\", \"delta\": \"Hi\","
                     " \"segment_id\": \"seg_002\"}");
  partial = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (partial, ==, "agent: Thanks for calling. Hi");

  apply (transcript, "{\"type\": \"transcript.text.segment\", \"id\": \"seg_002\","
                     " \"start\": 5.2, \"end\": 12.8, \"text\": \"Hi, I need help.\","
                     " \"speaker\": \"A\"}");
  apply (transcript, "{\"type\": \"transcript.text.done\","
                     " \"text\": \"Thanks for calling. Hi, I need help.\","
                     " \"usage\": {\"type\": \"duration\", \"seconds\": 13}}");

  g_assert_true (studio_transcript_get_done (transcript));
  g_assert_true (studio_transcript_has_timestamps (transcript));
  g_assert_cmpuint (n_segments (transcript), ==, 2);
  assert_segment (transcript, 1, 5.2, 12.8, "A", "Hi, I need help.");
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "agent: Thanks for calling.\nA: Hi, I need help.");
  g_assert_cmpfloat (studio_json_get_double (studio_transcript_get_usage (transcript),
                                             "seconds", -1), ==, 13);

  bad = studio_json_parse_server_data ("{\"type\": \"transcript.text.segment\","
                                       " \"start\": \"soon\", \"end\": 1, \"text\": \"x\"}",
                                       -1, NULL);
  g_assert_false (studio_transcript_apply_event (transcript, NULL, bad, &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_clear_error (&error);
  g_assert_false (studio_transcript_apply_event (transcript, "transcript.text.delta", bad,
                                                 &error));
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpuint (n_segments (transcript), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static StudioTranscript *
make_piece (guint        index,
            const char  *usage)
{
  g_autoptr(StudioTranscript) piece = studio_transcript_new ();
  g_autoptr(JsonNode) node = json_from_string (usage, NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Piece %u, part %u.", index, i);
      /* Whisper's last segment of a piece can run past the piece's end;
       * the first of the next one then starts before it.
       */
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (i == 0 && index > 0 ? 0 : i * 200.0,
                                       i == 2 ? 605 : i * 200.0 + 150, NULL, text);

      studio_transcript_add_segment (piece, segment);
    }

  studio_transcript_set_duration (piece, 600);
  studio_transcript_set_language (piece, index == 0 ? NULL : "english");
  studio_transcript_set_usage (piece, json_node_get_object (node));

  return g_steal_pointer (&piece);
}

static void
test_transcript_append (void)
{
  static const char * const usages[] = {
    "{\"type\": \"tokens\", \"input_tokens\": 10, \"input_token_details\":"
    " {\"text_tokens\": 2, \"audio_tokens\": 8}, \"output_tokens\": 5, \"total_tokens\": 15}",
    "{\"type\": \"duration\", \"seconds\": 600.5}",
  };

  for (guint u = 0; u < G_N_ELEMENTS (usages); u++)
    {
      g_autoptr(StudioTranscript) whole = studio_transcript_new ();
      g_autofree char *text = NULL;
      JsonObject *usage;
      double previous = -1;

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(StudioTranscript) piece = make_piece (i, usages[u]);

          studio_transcript_append (whole, piece, i * 600.0);
          g_assert_finalize_object (g_steal_pointer (&piece));
        }

      g_assert_cmpuint (n_segments (whole), ==, 9);
      for (guint i = 0; i < 9; i++)
        {
          StudioTranscriptSegment *segment = get_segment (whole, i);
          double start = studio_transcript_segment_get_start (segment);

          g_assert_cmpfloat (start, >=, previous);
          g_assert_cmpfloat (studio_transcript_segment_get_end (segment), >=, start);
          previous = start;
        }
      assert_segment (whole, 4, 800, 950, NULL, "Piece 1, part 1.");
      assert_segment (whole, 8, 1600, 1805, NULL, "Piece 2, part 2.");
      /* The piece's first segment said 0 s, which is 600 s here. */
      assert_segment (whole, 3, 600, 750, NULL, "Piece 1, part 0.");

      text = studio_transcript_dup_text (whole);
      g_assert_true (g_str_has_prefix (text, "Piece 0, part 0. Piece 0, part 1. Piece 0, part 2. "
                                             "Piece 1, part 0."));
      g_assert_true (g_str_has_suffix (text, "Piece 2, part 2."));
      g_assert_cmpstr (studio_transcript_get_language (whole), ==, "english");
      g_assert_cmpfloat (studio_transcript_get_duration (whole), ==, 1805);
      g_assert_cmpint (studio_transcript_find_segment (whole, 999), ==, 4);

      usage = studio_transcript_get_usage (whole);
      if (u == 0)
        {
          g_assert_cmpstr (studio_json_get_string (usage, "type"), ==, "tokens");
          g_assert_cmpint (studio_json_get_int (usage, "input_tokens", -1), ==, 30);
          g_assert_cmpint (studio_json_get_int (usage, "output_tokens", -1), ==, 15);
          g_assert_cmpint (studio_json_get_int (usage, "total_tokens", -1), ==, 45);
          g_assert_cmpint (studio_json_get_int (studio_json_get_object (usage,
                                                                        "input_token_details"),
                                                "audio_tokens", -1), ==, 24);
        }
      else
        {
          g_assert_cmpstr (studio_json_get_string (usage, "type"), ==, "duration");
          g_assert_cmpfloat_with_epsilon (studio_json_get_double (usage, "seconds", -1),
                                          1801.5, 1e-9);
        }

      g_assert_finalize_object (g_steal_pointer (&whole));
    }
}

static void
test_transcript_append_untimed (void)
{
  g_autoptr(StudioTranscript) whole = studio_transcript_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StudioTranscript) piece = studio_transcript_new ();
      g_autofree char *piece_text = g_strdup_printf ("Piece %u.", i);

      studio_transcript_set_text (piece, piece_text);
      studio_transcript_set_duration (piece, 300);
      studio_transcript_append (whole, piece, i * 300.0);
      g_assert_finalize_object (g_steal_pointer (&piece));
    }

  text = studio_transcript_dup_text (whole);
  g_assert_cmpstr (text, ==, "Piece 0. Piece 1.");
  g_assert_false (studio_transcript_has_timestamps (whole));
  g_assert_null (studio_transcript_get_usage (whole));
  g_assert_cmpfloat (studio_transcript_get_duration (whole), ==, 600);

  g_assert_finalize_object (g_steal_pointer (&whole));
}

static void
test_transcript_rename_speaker (void)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  g_auto(GStrv) speakers = NULL;
  guint changed = 0;
  guint notified = 0;
  const char * const names[] = { "A", "B", "A", NULL, "A" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (i, i + 1, names[i], "Words.");

      studio_transcript_add_segment (transcript, segment);
    }

  g_signal_connect (transcript, "changed", G_CALLBACK (changed_cb), &changed);
  g_signal_connect (get_segment (transcript, 4), "notify::speaker", G_CALLBACK (notify_cb),
                    &notified);

  g_assert_cmpuint (studio_transcript_rename_speaker (transcript, "A", "Alice"), ==, 3);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (notified, ==, 1);
  speakers = studio_transcript_dup_speakers (transcript);
  g_assert_cmpstrv (speakers, ((const char * const[]) { "Alice", "B", NULL }));
  g_assert_cmpstr (studio_transcript_segment_get_speaker (get_segment (transcript, 2)), ==,
                   "Alice");
  g_assert_false (studio_transcript_segment_get_edited (get_segment (transcript, 2)));

  g_assert_cmpuint (studio_transcript_rename_speaker (transcript, "Nobody", "X"), ==, 0);
  g_assert_cmpuint (studio_transcript_rename_speaker (transcript, "B", "B"), ==, 0);
  g_assert_cmpuint (changed, ==, 1);

  /* An edit of one segment, as the page makes it, is a change too. */
  studio_transcript_segment_set_text (get_segment (transcript, 3), "Other words.");
  g_assert_cmpuint (changed, ==, 2);
  studio_transcript_segment_set_text (get_segment (transcript, 3), "Other words.");
  g_assert_cmpuint (changed, ==, 2);
  studio_transcript_segment_set_speaker (get_segment (transcript, 3), "B");
  g_assert_cmpuint (changed, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_segment_outlives (void)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  g_autoptr(StudioTranscriptSegment) segment = studio_transcript_segment_new (0, 1, NULL, "a");
  guint changed = 0;

  studio_transcript_add_segment (transcript, segment);
  g_signal_connect (transcript, "changed", G_CALLBACK (changed_cb), &changed);

  /* Plain text replaces the segment, which is no longer watched. */
  studio_transcript_set_text (transcript, "Replaced.");
  studio_transcript_segment_set_text (segment, "b");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&transcript));

  studio_transcript_segment_set_text (segment, "c");
  g_assert_finalize_object (g_steal_pointer (&segment));
}

static void
test_transcript_edit_untimed (void)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint changed = 0;

  transcript = parse_server_json ("{\"text\": \"As heard.\"}", &error);
  g_assert_no_error (error);
  g_assert_false (studio_transcript_segment_get_edited (get_segment (transcript, 0)));
  g_signal_connect (transcript, "changed", G_CALLBACK (changed_cb), &changed);

  /* The page writes the user's text back: an edit, in place. */
  studio_transcript_set_text (transcript, "As corrected.");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (n_segments (transcript), ==, 1);
  g_assert_true (studio_transcript_segment_get_edited (get_segment (transcript, 0)));
  text = studio_transcript_dup_text (transcript);
  g_assert_cmpstr (text, ==, "As corrected.");

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

static void
test_transcript_find_segment (void)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  const double times[][2] = { { 1, 2 }, { 3, 4 }, { 4, 6 }, { 10, 12 } };

  g_assert_cmpint (studio_transcript_find_segment (transcript, 0), ==, -1);

  /* Added out of order: the list stays sorted by start. */
  for (int i = G_N_ELEMENTS (times) - 1; i >= 0; i--)
    {
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (times[i][0], times[i][1], NULL, "x");

      studio_transcript_add_segment (transcript, segment);
    }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_assert_cmpfloat (studio_transcript_segment_get_start (get_segment (transcript, i)), ==,
                       times[i][0]);

  g_assert_cmpint (studio_transcript_find_segment (transcript, 0.5), ==, -1);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 1), ==, 0);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 1.5), ==, 0);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 2.5), ==, 0);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 3), ==, 1);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 4), ==, 2);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 7), ==, 2);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 11), ==, 3);
  g_assert_cmpint (studio_transcript_find_segment (transcript, 1000), ==, 3);

  g_assert_finalize_object (g_steal_pointer (&transcript));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/transcript/parse-json", test_transcript_parse_json);
  g_test_add_func ("/studio/transcript/parse-verbose", test_transcript_parse_verbose);
  g_test_add_func ("/studio/transcript/parse-diarized", test_transcript_parse_diarized);
  g_test_add_func ("/studio/transcript/parse-translation", test_transcript_parse_translation);
  g_test_add_func ("/studio/transcript/parse-plain-text", test_transcript_parse_plain_text);
  g_test_add_func ("/studio/transcript/parse-empty", test_transcript_parse_empty);
  g_test_add_func ("/studio/transcript/parse-malformed", test_transcript_parse_malformed);
  g_test_add_func ("/studio/transcript/parse-srt", test_transcript_parse_srt);
  g_test_add_func ("/studio/transcript/parse-srt-odd", test_transcript_parse_srt_odd);
  g_test_add_func ("/studio/transcript/parse-subtitles-malformed",
                   test_transcript_parse_subtitles_malformed);
  g_test_add_func ("/studio/transcript/parse-vtt", test_transcript_parse_vtt);
  g_test_add_func ("/studio/transcript/export-srt-round-trip",
                   test_transcript_export_srt_round_trip);
  g_test_add_func ("/studio/transcript/export-vtt-round-trip",
                   test_transcript_export_vtt_round_trip);
  g_test_add_func ("/studio/transcript/export-txt", test_transcript_export_txt);
  g_test_add_func ("/studio/transcript/export-json-round-trip",
                   test_transcript_export_json_round_trip);
  g_test_add_func ("/studio/transcript/stream-deltas", test_transcript_stream_deltas);
  g_test_add_func ("/studio/transcript/stream-segments", test_transcript_stream_segments);
  g_test_add_func ("/studio/transcript/append", test_transcript_append);
  g_test_add_func ("/studio/transcript/append-untimed", test_transcript_append_untimed);
  g_test_add_func ("/studio/transcript/rename-speaker", test_transcript_rename_speaker);
  g_test_add_func ("/studio/transcript/segment-outlives", test_transcript_segment_outlives);
  g_test_add_func ("/studio/transcript/edit-untimed", test_transcript_edit_untimed);
  g_test_add_func ("/studio/transcript/find-segment", test_transcript_find_segment);

  return g_test_run ();
}
