/* studio-transcript-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript"

#include "config.h"

#include <math.h>
#include <string.h>

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-transcript.h"
#include "studio-utils.h"

/* Reading what /audio/transcriptions and /audio/translations answer, in
 * each response_format, and the events of a streamed transcription.
 *
 * JSON answers ("json", "verbose_json", "diarized_json", and the app's own
 * export) are read for their segments, or else their text. Words are not
 * kept: the page follows playback by segment. Subtitles ("srt", "vtt") are
 * read leniently, since servers that mimic the API write them in many
 * ways: a cue is a line with "-->" and the text lines after it, whatever
 * comes before. Only when no cue can be read at all is the answer refused.
 */

static gboolean
fail (GError     **error,
      const char  *detail)
{
  g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED, detail));
  return FALSE;
}

static gboolean
get_time (JsonObject *object,
          const char *member,
          double     *time)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;

  *time = json_node_get_double (node);
  return TRUE;
}

/* "language" of verbose_json, or else the first of the "languages" that
 * gpt-transcribe detected.
 */
static const char *
get_language (JsonObject *object)
{
  const char *language = studio_json_get_string (object, "language");
  JsonArray *languages = studio_json_get_array (object, "languages");

  if (language == NULL && languages != NULL && json_array_get_length (languages) > 0)
    {
      JsonNode *first = json_array_get_element (languages, 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        language = studio_json_get_string (json_node_get_object (first), "code");
    }

  return language;
}

/* A `TranscriptionSegment`, a `TranscriptionDiarizedSegment`, a
 * "transcript.text.segment" event or a segment of the app's own JSON.
 */
static StudioTranscriptSegment *
parse_segment (JsonNode  *node,
               GError   **error)
{
  g_autoptr(StudioTranscriptSegment) segment = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonNode *speaker;
  double start, end;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, "A transcript segment is not an object"), NULL;

  object = json_node_get_object (node);
  if (!get_time (object, "start", &start) || !get_time (object, "end", &end))
    return fail (error, "A transcript segment has no start or end time"), NULL;

  if (studio_json_get_string (object, "text") == NULL)
    return fail (error, "A transcript segment has no text"), NULL;

  speaker = json_object_get_member (object, "speaker");
  if (speaker != NULL && !JSON_NODE_HOLDS_NULL (speaker) &&
      studio_json_get_string (object, "speaker") == NULL)
    return fail (error, "A transcript segment's speaker is not a string"), NULL;

  /* Whisper starts each segment's text with a space. */
  text = g_strstrip (g_strdup (studio_json_get_string (object, "text")));
  segment = studio_transcript_segment_new (start, end, studio_json_get_string (object, "speaker"),
                                           text);
  studio_transcript_segment_set_edited (segment,
                                        studio_json_get_boolean (object, "edited", FALSE));

  return g_steal_pointer (&segment);
}

/**
 * studio_transcript_parse_json:
 * @answer: the JSON of an answer in response_format "json", "verbose_json"
 *   or "diarized_json", or of studio_transcript_to_json()
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Reads the segments (with their speakers when diarized) or else the text,
 * the language, the duration and the usage.
 *
 * Returns: (transfer full) (nullable): the transcript, marked done, or
 *   %NULL with @error set when @answer does not have the shape of one
 */
StudioTranscript *
studio_transcript_parse_json (JsonNode  *answer,
                              GError   **error)
{
  g_autoptr(StudioTranscript) transcript = NULL;
  JsonObject *object;
  JsonNode *segments;
  JsonObject *usage;
  const char *text;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return fail (error, "The transcript is not a JSON object"), NULL;

  object = json_node_get_object (answer);
  transcript = studio_transcript_new ();
  text = studio_json_get_string (object, "text");

  segments = json_object_get_member (object, "segments");
  if (segments != NULL && !JSON_NODE_HOLDS_NULL (segments))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (segments))
        return fail (error, "The transcript's segments are not a list"), NULL;

      array = json_node_get_array (segments);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(StudioTranscriptSegment) segment =
            parse_segment (json_array_get_element (array, i), error);

          if (segment == NULL)
            return NULL;

          studio_transcript_add_segment (transcript, segment);
        }
    }
  else if (text == NULL)
    {
      return fail (error, "The transcript has neither segments nor text"), NULL;
    }

  /* An answer with no segments, or an empty list of them, has its text. */
  if (g_list_model_get_n_items (studio_transcript_get_segments (transcript)) == 0 &&
      !studio_str_is_blank (text))
    {
      g_autoptr(StudioTranscriptSegment) untimed = NULL;

      studio_transcript_set_text (transcript, text);
      untimed = g_list_model_get_item (studio_transcript_get_segments (transcript), 0);
      studio_transcript_segment_set_edited (untimed,
                                            studio_json_get_boolean (object, "edited", FALSE));
    }

  studio_transcript_set_language (transcript, get_language (object));
  studio_transcript_set_duration (transcript, studio_json_get_double (object, "duration", 0));
  if ((usage = studio_json_get_object (object, "usage")))
    studio_transcript_set_usage (transcript, usage);
  studio_transcript_set_done (transcript, TRUE);

  return g_steal_pointer (&transcript);
}

/* Subtitles ---------------------------------------------------------------- */

static gboolean
read_number (const char **p,
             guint64     *number,
             guint       *digits)
{
  *number = 0;
  *digits = 0;

  while (g_ascii_isdigit (**p))
    {
      /* Past 12 digits no time means anything; refuse rather than wrap. */
      if (++*digits > 12)
        return FALSE;
      *number = *number * 10 + (guint64) (**p - '0');
      (*p)++;
    }

  return *digits > 0;
}

/* [hh:]mm:ss[.,f] with any number of digits in each field and 1 to 3 (or
 * more) in the fraction, which may be missing.
 */
static gboolean
parse_timestamp (const char **p,
                 double      *time)
{
  guint64 fields[3];
  guint n_fields = 0;
  guint64 number;
  guint digits;
  double value = 0;

  while (**p == ' ' || **p == '\t')
    (*p)++;

  for (;;)
    {
      if (!read_number (p, &number, &digits))
        return FALSE;
      fields[n_fields++] = number;

      if (**p != ':' || n_fields == G_N_ELEMENTS (fields))
        break;
      (*p)++;
    }

  if (n_fields < 2)
    return FALSE;

  for (guint i = 0; i < n_fields; i++)
    value = value * 60 + (double) fields[i];

  if (**p == '.' || **p == ',')
    {
      (*p)++;
      if (!read_number (p, &number, &digits))
        return FALSE;
      value += (double) number / pow (10, digits);
    }

  *time = value;
  return TRUE;
}

/* "start --> end", maybe followed by VTT cue settings. */
static gboolean
parse_timing (const char *line,
              double     *start,
              double     *end)
{
  const char *p = line;

  if (!parse_timestamp (&p, start))
    return FALSE;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "-->"))
    return FALSE;
  p += strlen ("-->");

  if (!parse_timestamp (&p, end))
    return FALSE;

  return *p == '\0' || *p == ' ' || *p == '\t';
}

static void
append_unescaped (GString    *out,
                  const char *text,
                  gssize      length)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", "\u00a0" }, { "&lrm;", "\u200e" }, { "&rlm;", "\u200f" },
  };
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; )
    {
      gboolean found = FALSE;

      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            {
              gsize name_length = strlen (entities[i].name);

              if ((gsize) (end - p) >= name_length &&
                  strncmp (p, entities[i].name, name_length) == 0)
                {
                  g_string_append (out, entities[i].text);
                  p += name_length;
                  found = TRUE;
                  break;
                }
            }
        }

      if (!found)
        g_string_append_c (out, *p++);
    }
}

/* The text of a VTT cue without its markup, and the speaker of its first
 * voice span ("<v Name>" or "<v.class Name>").
 */
static char *
strip_vtt_markup (const char  *text,
                  char       **speaker)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  *speaker = NULL;

  while (*p != '\0')
    {
      const char *close;

      if (*p != '<' || !(close = strchr (p, '>')))
        {
          const char *next = strchr (p, '<');
          gsize length = next ? (gsize) (next - p) : strlen (p);

          if (length == 0)
            length = 1;
          append_unescaped (out, p, length);
          p += length;
          continue;
        }

      if (*speaker == NULL && p[1] == 'v' && (p[2] == ' ' || p[2] == '\t' || p[2] == '.'))
        {
          const char *name = p + 2;
          GString *unescaped = g_string_new (NULL);

          while (name < close && *name != ' ' && *name != '\t')
            name++;
          append_unescaped (unescaped, name, close - name);
          g_strstrip (unescaped->str);
          if (*unescaped->str != '\0')
            *speaker = g_strdup (unescaped->str);
          g_string_free (unescaped, TRUE);
        }

      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  StudioTranscript *transcript;
  gboolean          vtt;
  gboolean          in_cue;
  double            start;
  double            end;
  GPtrArray        *lines;
  guint             n_cues;
} Cues;

static void
cues_finish (Cues *cues)
{
  g_autofree char *text = NULL;
  g_autofree char *speaker = NULL;

  if (!cues->in_cue)
    return;
  cues->in_cue = FALSE;

  g_ptr_array_add (cues->lines, NULL);
  text = g_strjoinv ("\n", (char **) cues->lines->pdata);
  g_ptr_array_set_size (cues->lines, 0);

  if (cues->vtt)
    {
      char *plain = strip_vtt_markup (text, &speaker);

      g_free (text);
      text = plain;
    }

  g_strstrip (text);
  if (*text != '\0')
    {
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (cues->start, cues->end, speaker, text);

      studio_transcript_add_segment (cues->transcript, segment);
    }

  /* A blank cue is still a cue: the answer was subtitles. */
  cues->n_cues++;
}

static gboolean
is_digits (const char *line)
{
  if (*line == '\0')
    return FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_block (const char *line,
          const char *keyword)
{
  gsize length = strlen (keyword);

  return strncmp (line, keyword, length) == 0 &&
         (line[length] == '\0' || line[length] == ' ' || line[length] == '\t');
}

static StudioTranscript *
parse_cues (const char  *text,
            gboolean     vtt,
            GError     **error)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) input = NULL;
  Cues cues = { transcript, vtt, FALSE, 0, 0, NULL, 0 };
  gboolean skipping = FALSE;
  gboolean first = TRUE;
  guint n_bad_timings = 0;
  guint n_stray = 0;

  cues.lines = lines;
  input = g_strsplit (text, "\n", -1);

  for (guint i = 0; input[i] != NULL; i++)
    {
      char *line = g_strchomp (input[i]);
      gboolean blank = studio_str_is_blank (line);
      double start, end;

      if (blank)
        {
          cues_finish (&cues);
          skipping = FALSE;
          continue;
        }

      if (skipping)
        continue;

      /* The header, and blocks that are not cues, run to a blank line. */
      if (!cues.in_cue &&
          ((first && g_str_has_prefix (line, "WEBVTT")) ||
           is_block (line, "NOTE") || is_block (line, "STYLE") || is_block (line, "REGION")))
        {
          first = FALSE;
          skipping = TRUE;
          continue;
        }
      first = FALSE;

      if (strstr (line, "-->") != NULL)
        {
          /* A cue number right before the timing, with no blank line
           * between the cues, belongs to the new cue.
           */
          if (cues.in_cue && cues.lines->len > 0 &&
              is_digits (g_ptr_array_index (cues.lines, cues.lines->len - 1)))
            g_ptr_array_remove_index (cues.lines, cues.lines->len - 1);
          cues_finish (&cues);

          if (!parse_timing (line, &start, &end))
            {
              g_debug ("Cannot read the cue timing “%s”", line);
              n_bad_timings++;
              skipping = TRUE;
              continue;
            }

          cues.in_cue = TRUE;
          cues.start = start;
          cues.end = MAX (start, end);
          continue;
        }

      if (cues.in_cue)
        g_ptr_array_add (cues.lines, g_strdup (line));
      else if (!is_digits (line))
        n_stray++;   /* a cue identifier, or text that is not subtitles */
    }
  cues_finish (&cues);

  if (cues.n_cues == 0 && (n_bad_timings > 0 || n_stray > 0))
    {
      fail (error, n_bad_timings > 0 ? "No cue of the subtitles has a timing that can be read"
                                     : "The subtitles have no cue");
      return NULL;
    }

  studio_transcript_set_done (transcript, TRUE);

  return g_steal_pointer (&transcript);
}

/* Line ends as "\n" only, without a byte order mark. */
static char *
normalize_text (const char *text)
{
  GString *out;

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * studio_transcript_parse_text:
 * @response_format: (nullable): the response_format asked for: "text"
 *   (%NULL), "srt" or "vtt"; a JSON format is read with
 *   studio_transcript_parse_json()
 * @text: the body of the answer
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Reads an answer that is not JSON. SRT and VTT cues become segments, VTT
 * voice tags their speakers. Odd timings are taken (no hours, a comma or a
 * dot before 1 to 3 digits of fraction, an end before the start), cues that
 * cannot be read are skipped, and only subtitles of which no cue can be
 * read are refused.
 *
 * Returns: (transfer full) (nullable): the transcript, marked done, or
 *   %NULL with @error set; an empty answer gives an empty transcript
 */
StudioTranscript *
studio_transcript_parse_text (const char  *response_format,
                              const char  *text,
                              GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (response_format == NULL)
    response_format = "text";

  if (g_str_equal (response_format, "json") || g_str_equal (response_format, "verbose_json") ||
      g_str_equal (response_format, "diarized_json"))
    {
      g_autoptr(JsonNode) root = studio_json_parse_server_data (text, -1, error);

      return root ? studio_transcript_parse_json (root, error) : NULL;
    }

  g_return_val_if_fail (g_str_equal (response_format, "text") ||
                        g_str_equal (response_format, "srt") ||
                        g_str_equal (response_format, "vtt"), NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, "The transcript is not UTF-8 text"), NULL;

  normalized = normalize_text (text);

  if (g_str_equal (response_format, "text"))
    {
      StudioTranscript *transcript = studio_transcript_new ();

      studio_transcript_set_text (transcript, normalized);
      studio_transcript_set_done (transcript, TRUE);
      return transcript;
    }

  return parse_cues (normalized, g_str_equal (response_format, "vtt"), error);
}

/* Streaming ---------------------------------------------------------------- */

/**
 * studio_transcript_apply_event:
 * @type: (nullable): the event's type, or %NULL to read it from @data
 * @data: the event's JSON
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Applies one event of a streamed transcription
 * (`CreateTranscriptionResponseStreamEvent`): "transcript.text.delta" adds
 * to the live text, "transcript.text.segment" adds a segment, which
 * supersedes the live text, and "transcript.text.done" sets the final text
 * (when no segment came) and the usage, and marks the transcript done.
 * Events of other types are ignored.
 *
 * Returns: %TRUE, or %FALSE with @error set when the event is not of its
 *   type's shape
 */
gboolean
studio_transcript_apply_event (StudioTranscript  *self,
                               const char        *type,
                               JsonNode          *data,
                               GError           **error)
{
  JsonObject *object;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return fail (error, "A transcription event is not a JSON object");

  object = json_node_get_object (data);
  if (type == NULL && !(type = studio_json_get_string (object, "type")))
    return fail (error, "A transcription event has no type");

  if (g_str_equal (type, "transcript.text.delta"))
    {
      const char *delta = studio_json_get_string (object, "delta");

      if (delta == NULL)
        return fail (error, "A transcription delta event has no text");

      studio_transcript_append_delta (self, delta);
    }
  else if (g_str_equal (type, "transcript.text.segment"))
    {
      g_autoptr(StudioTranscriptSegment) segment = parse_segment (data, error);

      if (segment == NULL)
        return FALSE;

      studio_transcript_add_segment (self, segment);
    }
  else if (g_str_equal (type, "transcript.text.done"))
    {
      const char *text = studio_json_get_string (object, "text");
      JsonObject *usage = studio_json_get_object (object, "usage");

      if (!studio_transcript_has_timestamps (self))
        {
          g_autofree char *live = NULL;

          /* The text is required, but the deltas hold it too. */
          if (studio_str_is_blank (text))
            text = live = studio_transcript_dup_text (self);
          studio_transcript_set_text (self, text);
        }

      if (usage != NULL)
        studio_transcript_set_usage (self, usage);
      if (get_language (object) != NULL)
        studio_transcript_set_language (self, get_language (object));
      studio_transcript_set_done (self, TRUE);
    }
  else
    {
      g_debug ("Ignoring a transcription event of type %s", type);
    }

  return TRUE;
}
