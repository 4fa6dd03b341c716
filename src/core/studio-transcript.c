/* studio-transcript.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript"

#include "config.h"

#include <math.h>
#include <string.h>

#include "studio-json.h"
#include "studio-transcript.h"
#include "studio-utils.h"

/* What a transcription answered, as the Transcribe page shows and edits it:
 * a list of segments in time order, with the language, the duration of the
 * audio and the usage the server reported.
 *
 * An answer without times (response_format "json" or "text") is kept as one
 * untimed segment holding the whole text, so the page edits it like any
 * other; has_timestamps() tells the two apart. While a stream arrives, the
 * text of "transcript.text.delta" events that no segment holds yet is kept
 * aside as the live text: a segment that arrives supersedes it.
 *
 * The segments are sorted by start, which find_segment() relies on. An
 * edit of a segment's text or speaker, however it is made, emits "changed",
 * so that whoever stores the transcript saves it.
 */
struct _StudioTranscript
{
  GObject     parent_instance;

  /* Owned references */
  GListStore *segments;
  GString    *live;
  char       *language;
  JsonObject *usage;

  double      duration;
  guint       batch;      /* > 0 while one edit changes many segments */
  guint       timed : 1;  /* the segments have times the server gave */
  guint       done : 1;
};

enum {
  CHANGED,
  TEXT_DELTA,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioTranscript, studio_transcript, G_TYPE_OBJECT)

static void
segment_notify_cb (StudioTranscriptSegment *segment,
                   GParamSpec              *pspec,
                   StudioTranscript        *self)
{
  if (self->batch == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch_segment (StudioTranscript        *self,
               StudioTranscriptSegment *segment)
{
  g_signal_connect_object (segment, "notify::text", G_CALLBACK (segment_notify_cb), self, 0);
  g_signal_connect_object (segment, "notify::speaker", G_CALLBACK (segment_notify_cb), self, 0);
}

static void
remove_all_segments (StudioTranscript *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->segments));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioTranscriptSegment) segment =
        g_list_model_get_item (G_LIST_MODEL (self->segments), i);

      g_signal_handlers_disconnect_by_data (segment, self);
    }

  g_list_store_remove_all (self->segments);
}

static StudioTranscriptSegment *
get_segment (StudioTranscript *self,
             guint             position)
{
  g_autoptr(StudioTranscriptSegment) segment =
    g_list_model_get_item (G_LIST_MODEL (self->segments), position);

  /* The store holds a reference as long as the position is valid. */
  return segment;
}

static guint
get_n_segments (StudioTranscript *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->segments));
}

static gboolean
has_speakers (StudioTranscript *self)
{
  for (guint i = 0; i < get_n_segments (self); i++)
    {
      if (studio_transcript_segment_get_speaker (get_segment (self, i)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gint64
add_saturated (gint64 a,
               gint64 b)
{
  if (b > 0 && a > G_MAXINT64 - b)
    return G_MAXINT64;
  if (b < 0 && a < G_MININT64 - b)
    return G_MININT64;
  return a + b;
}

/* Adds the counts of @other to @usage, member by member and into nested
 * objects such as "input_token_details", so both usage shapes ("tokens"
 * and "duration") and whatever a server adds to them are summed alike.
 */
static void
usage_add (JsonObject *usage,
           JsonObject *other)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, other);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      JsonNode *mine = json_object_get_member (usage, name);

      if (mine == NULL)
        {
          json_object_set_member (usage, name, studio_json_node_copy (node));
        }
      else if (is_number (mine) && is_number (node))
        {
          if (json_node_get_value_type (mine) == G_TYPE_INT64 &&
              json_node_get_value_type (node) == G_TYPE_INT64)
            json_object_set_int_member (usage, name,
                                        add_saturated (json_node_get_int (mine),
                                                       json_node_get_int (node)));
          else
            json_object_set_double_member (usage, name,
                                           json_node_get_double (mine) +
                                           json_node_get_double (node));
        }
      else if (JSON_NODE_HOLDS_OBJECT (mine) && JSON_NODE_HOLDS_OBJECT (node))
        {
          usage_add (json_node_get_object (mine), json_node_get_object (node));
        }
    }
}

static void
studio_transcript_dispose (GObject *object)
{
  StudioTranscript *self = (StudioTranscript *) object;

  if (self->segments != NULL)
    remove_all_segments (self);
  g_clear_object (&self->segments);

  G_OBJECT_CLASS (studio_transcript_parent_class)->dispose (object);
}

static void
studio_transcript_finalize (GObject *object)
{
  StudioTranscript *self = (StudioTranscript *) object;

  g_string_free (self->live, TRUE);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->usage, json_object_unref);

  G_OBJECT_CLASS (studio_transcript_parent_class)->finalize (object);
}

static void
studio_transcript_class_init (StudioTranscriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_transcript_dispose;
  object_class->finalize = studio_transcript_finalize;

  /**
   * StudioTranscript::changed:
   *
   * Emitted after an edit: a segment's text or speaker changed, or a
   * speaker was renamed everywhere (once for the whole rename).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * StudioTranscript::text-delta:
   * @delta: the text that arrived
   *
   * Emitted when streamed text arrives, before any segment holds it.
   */
  signals[TEXT_DELTA] =
    g_signal_new ("text-delta",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
studio_transcript_init (StudioTranscript *self)
{
  self->segments = g_list_store_new (STUDIO_TYPE_TRANSCRIPT_SEGMENT);
  self->live = g_string_new (NULL);
}

/**
 * studio_transcript_new:
 *
 * Returns: (transfer full): an empty transcript
 */
StudioTranscript *
studio_transcript_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIPT, NULL);
}

/**
 * studio_transcript_get_segments:
 *
 * The segments, sorted by start. Add them with
 * studio_transcript_add_segment(), never through the store itself.
 *
 * Returns: (transfer none): a list model of #StudioTranscriptSegment
 */
GListModel *
studio_transcript_get_segments (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  return G_LIST_MODEL (self->segments);
}

/**
 * studio_transcript_add_segment:
 * @segment: a timed segment
 *
 * Adds @segment after every segment that does not start later, so the list
 * stays in time order; for segments in order, that is at the end. Timed
 * segments supersede the text of an untimed answer and the live text of a
 * stream, which are dropped.
 */
void
studio_transcript_add_segment (StudioTranscript        *self,
                               StudioTranscriptSegment *segment)
{
  double start;
  guint position;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (segment));

  if (!self->timed)
    {
      remove_all_segments (self);
      self->timed = TRUE;
    }
  g_string_truncate (self->live, 0);

  start = studio_transcript_segment_get_start (segment);
  position = get_n_segments (self);
  while (position > 0 &&
         studio_transcript_segment_get_start (get_segment (self, position - 1)) > start)
    position--;

  g_list_store_insert (self->segments, position, segment);
  watch_segment (self, segment);
}

/**
 * studio_transcript_dup_text:
 *
 * The whole text: the segments' texts joined with spaces, or, when there
 * are speakers, one "Speaker: text" line per segment; then the live text of
 * a stream.
 *
 * Returns: (transfer full): the text, "" when there is none
 */
char *
studio_transcript_dup_text (StudioTranscript *self)
{
  GString *text;
  gboolean speakers;
  const char *live;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  text = g_string_new (NULL);
  speakers = has_speakers (self);

  for (guint i = 0; i < get_n_segments (self); i++)
    {
      StudioTranscriptSegment *segment = get_segment (self, i);
      const char *speaker = studio_transcript_segment_get_speaker (segment);
      g_autofree char *part = g_strstrip (g_strdup (studio_transcript_segment_get_text (segment)));

      if (*part == '\0')
        continue;

      if (text->len > 0)
        g_string_append_c (text, speakers ? '\n' : ' ');
      if (speaker != NULL)
        g_string_append_printf (text, "%s: ", speaker);
      g_string_append (text, part);
    }

  live = self->live->str;
  if (text->len == 0)
    {
      while (g_ascii_isspace (*live))
        live++;
    }
  else if (*live != '\0' && !g_ascii_isspace (*live))
    {
      g_string_append_c (text, ' ');
    }
  g_string_append (text, live);

  return g_string_free (text, FALSE);
}

/* Replaces every segment with one untimed segment holding @text, or none
 * when @text is blank.
 */
static void
replace_text (StudioTranscript *self,
              const char       *text,
              gboolean          edited)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  remove_all_segments (self);
  g_string_truncate (self->live, 0);
  self->timed = FALSE;

  if (*stripped != '\0')
    {
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (0, 0, NULL, stripped);

      studio_transcript_segment_set_edited (segment, edited);
      g_list_store_append (self->segments, segment);
      watch_segment (self, segment);
    }
}

/**
 * studio_transcript_set_text:
 * @text: (nullable): the text of an answer without times
 *
 * Replaces every segment with one untimed segment holding @text (none when
 * @text is blank), as for response_format "json" or "text".
 *
 * On a transcript that holds untimed text already, this is an edit of that
 * text: its segment is changed in place and marked edited, and
 * #StudioTranscript::changed is emitted.
 */
void
studio_transcript_set_text (StudioTranscript *self,
                            const char       *text)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));

  if (!self->timed && get_n_segments (self) == 1)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

      g_string_truncate (self->live, 0);
      studio_transcript_segment_set_text (get_segment (self, 0), stripped);
      return;
    }

  replace_text (self, text, FALSE);
}

/**
 * studio_transcript_append_delta:
 * @delta: text that arrived in a stream
 *
 * Adds @delta to the live text and emits #StudioTranscript::text-delta.
 */
void
studio_transcript_append_delta (StudioTranscript *self,
                                const char       *delta)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));
  g_return_if_fail (delta != NULL);

  if (*delta == '\0')
    return;

  g_string_append (self->live, delta);
  g_signal_emit (self, signals[TEXT_DELTA], 0, delta);
}

/**
 * studio_transcript_get_done:
 *
 * Returns: whether the transcript is whole: it was parsed from a whole
 *   answer, or its stream's "transcript.text.done" event came
 */
gboolean
studio_transcript_get_done (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), FALSE);

  return self->done;
}

/**
 * studio_transcript_set_done:
 * @done: whether the transcript is whole
 *
 * Marks the transcript whole, or still arriving.
 */
void
studio_transcript_set_done (StudioTranscript *self,
                            gboolean          done)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));

  self->done = !!done;
}

/**
 * studio_transcript_has_timestamps:
 *
 * Returns: whether there are segments with the times the server gave
 */
gboolean
studio_transcript_has_timestamps (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), FALSE);

  return self->timed && get_n_segments (self) > 0;
}

/**
 * studio_transcript_get_language:
 *
 * Returns: (nullable): the language the server named, such as "english"
 *   or "en", or %NULL
 */
const char *
studio_transcript_get_language (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  return self->language;
}

/**
 * studio_transcript_set_language:
 * @language: (nullable): the language; %NULL or "" for unknown
 */
void
studio_transcript_set_language (StudioTranscript *self,
                                const char       *language)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));

  studio_set_str (&self->language, studio_str_empty0 (language) ? NULL : language);
}

/**
 * studio_transcript_get_duration:
 *
 * Returns: the duration of the audio in seconds, 0 when unknown
 */
double
studio_transcript_get_duration (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), 0);

  return self->duration;
}

/**
 * studio_transcript_set_duration:
 * @duration: the duration of the audio in seconds; 0, a negative or a
 *   non-finite number for unknown
 */
void
studio_transcript_set_duration (StudioTranscript *self,
                                double            duration)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));

  self->duration = isfinite (duration) && duration > 0 ? duration : 0;
}

/**
 * studio_transcript_get_usage:
 *
 * Returns: (transfer none) (nullable): the "usage" object of the answer
 *   (`TranscriptTextUsageTokens` or `TranscriptTextUsageDuration`), summed
 *   over the pieces of a split file, or %NULL when the server sent none
 */
JsonObject *
studio_transcript_get_usage (StudioTranscript *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  return self->usage;
}

/**
 * studio_transcript_set_usage:
 * @usage: (nullable): a "usage" object, which is copied
 */
void
studio_transcript_set_usage (StudioTranscript *self,
                             JsonObject       *usage)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));

  if (usage == self->usage)
    return;

  g_clear_pointer (&self->usage, json_object_unref);
  if (usage != NULL)
    self->usage = studio_json_object_copy (usage);
}

/**
 * studio_transcript_dup_speakers:
 *
 * Returns: (transfer full): the speakers, each once, in the order they
 *   first speak; empty when there are none
 */
GStrv
studio_transcript_dup_speakers (StudioTranscript *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), NULL);

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < get_n_segments (self); i++)
    {
      const char *speaker = studio_transcript_segment_get_speaker (get_segment (self, i));

      if (speaker != NULL && g_hash_table_add (seen, (gpointer) speaker))
        g_strv_builder_add (builder, speaker);
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_transcript_rename_speaker:
 * @from: the speaker's name
 * @to: (nullable): the new name; %NULL or "" makes the speaker unknown
 *
 * Renames @from in every segment, then emits #StudioTranscript::changed
 * once if any segment changed.
 *
 * Returns: how many segments changed
 */
guint
studio_transcript_rename_speaker (StudioTranscript *self,
                                  const char       *from,
                                  const char       *to)
{
  guint count = 0;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), 0);
  g_return_val_if_fail (from != NULL, 0);

  if (g_strcmp0 (from, to) == 0)
    return 0;

  self->batch++;
  for (guint i = 0; i < get_n_segments (self); i++)
    {
      StudioTranscriptSegment *segment = get_segment (self, i);

      if (g_strcmp0 (studio_transcript_segment_get_speaker (segment), from) == 0)
        {
          studio_transcript_segment_set_speaker (segment, to);
          count++;
        }
    }
  self->batch--;

  if (count > 0)
    g_signal_emit (self, signals[CHANGED], 0);

  return count;
}

/**
 * studio_transcript_find_segment:
 * @time: a position in the audio, in seconds
 *
 * Finds the segment to highlight at @time: the last one that starts at or
 * before it, so that between two segments it is the one before, and after
 * the last it is the last.
 *
 * Returns: the segment's position, or -1 before the first segment or when
 *   there are no timed segments
 */
int
studio_transcript_find_segment (StudioTranscript *self,
                                double            time)
{
  guint low = 0, high;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), -1);

  if (!studio_transcript_has_timestamps (self) || isnan (time))
    return -1;

  /* The first segment that starts after @time lies in [low, high]. */
  high = get_n_segments (self);
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (studio_transcript_segment_get_start (get_segment (self, middle)) <= time)
        low = middle + 1;
      else
        high = middle;
    }

  return (int) low - 1;
}

static StudioTranscriptSegment *
segment_copy (StudioTranscriptSegment *segment,
              double                   start,
              double                   end)
{
  StudioTranscriptSegment *copy =
    studio_transcript_segment_new (start, end,
                                   studio_transcript_segment_get_speaker (segment),
                                   studio_transcript_segment_get_text (segment));

  studio_transcript_segment_set_edited (copy, studio_transcript_segment_get_edited (segment));

  return copy;
}

static double
get_last_start (StudioTranscript *self)
{
  guint n = get_n_segments (self);

  return n > 0 ? studio_transcript_segment_get_start (get_segment (self, n - 1)) : 0;
}

static double
get_last_end (StudioTranscript *self)
{
  double end = 0;

  for (guint i = 0; i < get_n_segments (self); i++)
    end = MAX (end, studio_transcript_segment_get_end (get_segment (self, i)));

  return end;
}

/* An untimed transcript that gets timed segments keeps its text as one
 * segment over its audio, instead of losing it.
 */
static void
make_timed (StudioTranscript *self)
{
  g_autoptr(StudioTranscriptSegment) untimed = NULL;

  if (self->timed)
    return;

  if (get_n_segments (self) > 0)
    untimed = segment_copy (get_segment (self, 0), 0, self->duration);

  remove_all_segments (self);
  self->timed = TRUE;

  if (untimed != NULL)
    studio_transcript_add_segment (self, untimed);
}

/**
 * studio_transcript_append:
 * @piece: the transcript of a piece of the audio
 * @offset: where the piece starts in the audio, in seconds
 *
 * Joins the transcript of one piece of a split file to the transcript of
 * the pieces before it. The piece's segments are shifted by @offset; a
 * start that would come before the start of the segment before it is
 * moved up to it, so the starts stay in order. An untimed piece joins an
 * untimed transcript as text, or else becomes one segment over the piece.
 * The usage is summed, the duration reaches to the end of the piece, and
 * the language is the first one known.
 */
void
studio_transcript_append (StudioTranscript *self,
                          StudioTranscript *piece,
                          double            offset)
{
  double piece_end;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT (self));
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (piece));
  g_return_if_fail (self != piece);

  offset = isfinite (offset) && offset > 0 ? offset : 0;
  piece_end = offset + MAX (piece->duration, get_last_end (piece));

  if (!piece->timed && (!self->timed || get_n_segments (self) == 0))
    {
      g_autofree char *mine = studio_transcript_dup_text (self);
      g_autofree char *theirs = studio_transcript_dup_text (piece);

      if (*theirs != '\0')
        {
          g_autofree char *joined = *mine != '\0' ? g_strconcat (mine, " ", theirs, NULL)
                                                  : g_strdup (theirs);
          gboolean edited = FALSE;

          for (guint i = 0; i < get_n_segments (self); i++)
            edited |= studio_transcript_segment_get_edited (get_segment (self, i));
          for (guint i = 0; i < get_n_segments (piece); i++)
            edited |= studio_transcript_segment_get_edited (get_segment (piece, i));

          replace_text (self, joined, edited);
        }
    }
  else
    {
      make_timed (self);

      for (guint i = 0; i < get_n_segments (piece); i++)
        {
          StudioTranscriptSegment *segment = get_segment (piece, i);
          g_autoptr(StudioTranscriptSegment) shifted = NULL;
          double start, end;

          if (piece->timed)
            {
              start = offset + studio_transcript_segment_get_start (segment);
              end = offset + studio_transcript_segment_get_end (segment);
            }
          else
            {
              start = offset;
              end = piece_end;
            }

          start = MAX (start, get_last_start (self));
          shifted = segment_copy (segment, start, MAX (end, start));
          studio_transcript_add_segment (self, shifted);
        }
    }

  if (self->language == NULL)
    studio_transcript_set_language (self, piece->language);

  if (piece->usage != NULL)
    {
      if (self->usage == NULL)
        self->usage = studio_json_object_copy (piece->usage);
      else if (g_strcmp0 (studio_json_get_string (self->usage, "type"),
                          studio_json_get_string (piece->usage, "type")) == 0)
        usage_add (self->usage, piece->usage);
      else
        g_debug ("Usage of type %s cannot be added to usage of type %s",
                 studio_json_get_string (piece->usage, "type"),
                 studio_json_get_string (self->usage, "type"));
    }

  self->duration = MAX (self->duration, piece_end);
}

/**
 * studio_transcript_is_empty:
 *
 * Returns: whether there is no text at all, or only blanks
 */
gboolean
studio_transcript_is_empty (StudioTranscript *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT (self), TRUE);

  text = studio_transcript_dup_text (self);

  return studio_str_is_blank (text);
}
