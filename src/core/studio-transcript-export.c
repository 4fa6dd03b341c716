/* studio-transcript-export.c
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

/* Writing a transcript out: as plain text, as SRT or VTT subtitles, or as
 * the app's own JSON, which keeps everything (speakers, edits, language,
 * duration, usage) and is also how the history stores a transcript.
 *
 * SRT has no syntax for speakers, so a speaker is written before the text
 * as "Speaker: "; reading SRT back does not guess speakers from that. VTT
 * has voice spans, "<v Speaker>". An untimed transcript is one cue over the
 * whole audio, or, when its duration is unknown, up to the latest time the
 * formats write, so that a player shows it throughout.
 */

#define MAX_CUE_MS (G_GINT64_CONSTANT (99) * 3600000 + 59 * 60000 + 59 * 1000 + 999)

#define JSON_MAX_DEPTH 16

static void
append_time (GString *out,
             double   time,
             char     separator)
{
  gint64 ms = (gint64) llround (CLAMP (time, 0, 1e12) * 1000);

  g_string_append_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d%c%03d",
                          ms / 3600000, (int) (ms / 60000 % 60), (int) (ms / 1000 % 60),
                          separator, (int) (ms % 1000));
}

/* Cue text without blank lines, which would end the cue, or "-->", which
 * would read as a timing.
 */
static char *
cue_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) line = NULL;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;

      line = g_string_new (lines[i]);
      g_string_replace (line, "-->", "->", 0);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line->str);
    }

  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                const char *text,
                gboolean    annotation)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, annotation ? "<" : "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append_c (out, *p);
        }
    }
}

typedef struct
{
  double      start;
  double      end;
  const char *speaker;
  char       *text;
} Cue;

static void
cue_clear (gpointer data)
{
  Cue *cue = data;

  g_free (cue->text);
}

/* The cues to write: each timed segment with text, or the whole text. */
static GArray *
collect_cues (StudioTranscript *self)
{
  GListModel *segments = studio_transcript_get_segments (self);
  GArray *cues = g_array_new (FALSE, FALSE, sizeof (Cue));

  g_array_set_clear_func (cues, cue_clear);

  if (!studio_transcript_has_timestamps (self))
    {
      g_autofree char *text = studio_transcript_dup_text (self);
      double duration = studio_transcript_get_duration (self);
      Cue cue = { 0, duration > 0 ? duration : MAX_CUE_MS / 1000.0, NULL, cue_text (text) };

      if (*cue.text != '\0')
        g_array_append_val (cues, cue);
      else
        cue_clear (&cue);
      return cues;
    }

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(StudioTranscriptSegment) segment = g_list_model_get_item (segments, i);
      Cue cue = {
        studio_transcript_segment_get_start (segment),
        studio_transcript_segment_get_end (segment),
        studio_transcript_segment_get_speaker (segment),
        cue_text (studio_transcript_segment_get_text (segment)),
      };

      /* The store keeps the segment, and so the speaker, alive. */
      if (*cue.text != '\0')
        g_array_append_val (cues, cue);
      else
        cue_clear (&cue);
    }

  return cues;
}

static char *
export_txt (StudioTranscript *self)
{
  GListModel *segments = studio_transcript_get_segments (self);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(StudioTranscriptSegment) segment = g_list_model_get_item (segments, i);
      const char *speaker = studio_transcript_segment_get_speaker (segment);
      g_autofree char *text = g_strstrip (g_strdup (studio_transcript_segment_get_text (segment)));

      if (*text == '\0')
        continue;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (speaker != NULL)
        g_string_append_printf (out, "%s: ", speaker);
      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
export_srt (StudioTranscript *self)
{
  g_autoptr(GArray) cues = collect_cues (self);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cues->len; i++)
    {
      Cue *cue = &g_array_index (cues, Cue, i);

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "%u\n", i + 1);
      append_time (out, cue->start, ',');
      g_string_append (out, " --> ");
      append_time (out, cue->end, ',');
      g_string_append_c (out, '\n');
      if (cue->speaker != NULL)
        g_string_append_printf (out, "%s: ", cue->speaker);
      g_string_append (out, cue->text);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
export_vtt (StudioTranscript *self)
{
  g_autoptr(GArray) cues = collect_cues (self);
  GString *out = g_string_new ("WEBVTT\n");

  for (guint i = 0; i < cues->len; i++)
    {
      Cue *cue = &g_array_index (cues, Cue, i);

      g_string_append_c (out, '\n');
      append_time (out, cue->start, '.');
      g_string_append (out, " --> ");
      append_time (out, cue->end, '.');
      g_string_append_c (out, '\n');
      if (cue->speaker != NULL)
        {
          g_string_append (out, "<v ");
          append_escaped (out, cue->speaker, TRUE);
          g_string_append_c (out, '>');
        }
      append_escaped (out, cue->text, FALSE);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
export_json (StudioTranscript *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = studio_transcript_dup_text (self);
  GListModel *segments = studio_transcript_get_segments (self);
  JsonObject *usage = studio_transcript_get_usage (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);

  if (studio_transcript_get_language (self) != NULL)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, studio_transcript_get_language (self));
    }

  json_builder_set_member_name (builder, "duration");
  json_builder_add_double_value (builder, studio_transcript_get_duration (self));

  if (studio_transcript_has_timestamps (self))
    {
      json_builder_set_member_name (builder, "segments");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
        {
          g_autoptr(StudioTranscriptSegment) segment = g_list_model_get_item (segments, i);
          const char *speaker = studio_transcript_segment_get_speaker (segment);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_double_value (builder, studio_transcript_segment_get_start (segment));
          json_builder_set_member_name (builder, "end");
          json_builder_add_double_value (builder, studio_transcript_segment_get_end (segment));
          if (speaker != NULL)
            {
              json_builder_set_member_name (builder, "speaker");
              json_builder_add_string_value (builder, speaker);
            }
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, studio_transcript_segment_get_text (segment));
          if (studio_transcript_segment_get_edited (segment))
            {
              json_builder_set_member_name (builder, "edited");
              json_builder_add_boolean_value (builder, TRUE);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else if (g_list_model_get_n_items (segments) > 0)
    {
      g_autoptr(StudioTranscriptSegment) untimed = g_list_model_get_item (segments, 0);

      /* An untimed transcript is its text; only whether it was edited is
       * kept beside it.
       */
      if (studio_transcript_segment_get_edited (untimed))
        {
          json_builder_set_member_name (builder, "edited");
          json_builder_add_boolean_value (builder, TRUE);
        }
    }

  if (usage != NULL)
    {
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, studio_json_object_copy (usage));
      json_builder_set_member_name (builder, "usage");
      json_builder_add_value (builder, node);
    }

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return studio_json_to_string (root, TRUE);
}

/**
 * studio_transcript_export:
 * @format: the format to write
 *
 * Writes the transcript for a file. Segments without text are left out of
 * the subtitles.
 *
 * Returns: (transfer full): the text of the file, UTF-8 with "\n" line ends
 */
char *
studio_transcript_export (StudioTranscript       *self,
                          StudioTranscriptFormat  format)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  switch (format)
    {
    case STUDIO_TRANSCRIPT_FORMAT_TXT:
      return export_txt (self);

    case STUDIO_TRANSCRIPT_FORMAT_SRT:
      return export_srt (self);

    case STUDIO_TRANSCRIPT_FORMAT_VTT:
      return export_vtt (self);

    case STUDIO_TRANSCRIPT_FORMAT_JSON:
      return export_json (self);

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * studio_transcript_to_json:
 *
 * The app's own JSON: `{"text", "language", "duration", "segments": [{"start",
 * "end", "speaker", "text", "edited"}], "usage"}`, with "segments" only when
 * the transcript has times. studio_transcript_new_from_json() reads it back.
 *
 * Returns: (transfer full): the JSON
 */
char *
studio_transcript_to_json (StudioTranscript *self)
{
  return studio_transcript_export (self, STUDIO_TRANSCRIPT_FORMAT_JSON);
}

/**
 * studio_transcript_new_from_json:
 * @json: what studio_transcript_to_json() wrote
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Returns: (transfer full) (nullable): the transcript, or %NULL with @error
 *   set when @json is not a transcript
 */
StudioTranscript *
studio_transcript_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(root = studio_json_parse_object (json, -1, JSON_MAX_DEPTH, &local_error)))
    {
      g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                      local_error->message));
      return NULL;
    }

  return studio_transcript_parse_json (root, error);
}
