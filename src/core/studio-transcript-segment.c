/* studio-transcript-segment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-segment"

#include "config.h"

#include <math.h>

#include "studio-transcript-segment.h"
#include "studio-utils.h"

/* One stretch of speech of a transcript: when it starts and ends, in
 * seconds from the start of the audio, who speaks (when the model told
 * apart speakers) and what was said. The times are fixed when the segment
 * is made; the text and the speaker can be changed, and a text the user
 * changed is marked "edited", so that it is never silently replaced.
 */
struct _StudioTranscriptSegment
{
  GObject   parent_instance;

  /* Owned references */
  char     *speaker;
  char     *text;

  double    start;
  double    end;
  gboolean  edited;
};

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_SPEAKER,
  PROP_TEXT,
  PROP_EDITED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (StudioTranscriptSegment, studio_transcript_segment, G_TYPE_OBJECT)

/* A time nobody can play is stored as the start of the audio. */
static double
sanitize_time (double time)
{
  return isfinite (time) && time > 0 ? time : 0;
}

static void
studio_transcript_segment_finalize (GObject *object)
{
  StudioTranscriptSegment *self = (StudioTranscriptSegment *) object;

  g_clear_pointer (&self->speaker, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (studio_transcript_segment_parent_class)->finalize (object);
}

static void
studio_transcript_segment_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  StudioTranscriptSegment *self = STUDIO_TRANSCRIPT_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_double (value, self->start);
      break;

    case PROP_END:
      g_value_set_double (value, self->end);
      break;

    case PROP_SPEAKER:
      g_value_set_string (value, self->speaker);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_segment_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  StudioTranscriptSegment *self = STUDIO_TRANSCRIPT_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_START:
      self->start = sanitize_time (g_value_get_double (value));
      break;

    case PROP_END:
      self->end = sanitize_time (g_value_get_double (value));
      break;

    case PROP_SPEAKER:
      studio_transcript_segment_set_speaker (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      studio_transcript_segment_set_text (self, g_value_get_string (value));
      break;

    case PROP_EDITED:
      studio_transcript_segment_set_edited (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_segment_class_init (StudioTranscriptSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_transcript_segment_finalize;
  object_class->get_property = studio_transcript_segment_get_property;
  object_class->set_property = studio_transcript_segment_set_property;

  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_transcript_segment_init (StudioTranscriptSegment *self)
{
  self->text = g_strdup ("");
}

/**
 * studio_transcript_segment_new:
 * @start: when it starts, in seconds
 * @end: when it ends, in seconds; an end before @start is taken as @start
 * @speaker: (nullable): who speaks, %NULL or "" when unknown
 * @text: (nullable): what was said
 *
 * Makes a segment that is not edited, whatever @text is.
 *
 * Returns: (transfer full): the segment
 */
StudioTranscriptSegment *
studio_transcript_segment_new (double      start,
                               double      end,
                               const char *speaker,
                               const char *text)
{
  StudioTranscriptSegment *self;

  start = sanitize_time (start);
  end = MAX (sanitize_time (end), start);

  self = g_object_new (STUDIO_TYPE_TRANSCRIPT_SEGMENT, "start", start, "end", end, NULL);
  self->speaker = studio_str_empty0 (speaker) ? NULL : g_strdup (speaker);
  studio_set_str (&self->text, text ? text : "");

  return self;
}

/**
 * studio_transcript_segment_get_start:
 *
 * Returns: when the segment starts, in seconds from the start of the audio
 */
double
studio_transcript_segment_get_start (StudioTranscriptSegment *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self), 0);

  return self->start;
}

/**
 * studio_transcript_segment_get_end:
 *
 * Returns: when the segment ends, in seconds, never before its start
 */
double
studio_transcript_segment_get_end (StudioTranscriptSegment *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self), 0);

  return self->end;
}

/**
 * studio_transcript_segment_get_speaker:
 *
 * Returns: (nullable): who speaks, or %NULL when unknown
 */
const char *
studio_transcript_segment_get_speaker (StudioTranscriptSegment *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self), NULL);

  return self->speaker;
}

/**
 * studio_transcript_segment_set_speaker:
 * @speaker: (nullable): who speaks; %NULL or "" for unknown
 *
 * Names the speaker. This does not mark the segment edited: that is about
 * its text.
 */
void
studio_transcript_segment_set_speaker (StudioTranscriptSegment *self,
                                       const char              *speaker)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self));

  if (studio_set_str (&self->speaker, studio_str_empty0 (speaker) ? NULL : speaker))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEAKER]);
}

/**
 * studio_transcript_segment_get_text:
 *
 * Returns: what was said, never %NULL
 */
const char *
studio_transcript_segment_get_text (StudioTranscriptSegment *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self), "");

  return self->text;
}

/**
 * studio_transcript_segment_set_text:
 * @text: (nullable): the new text; %NULL is ""
 *
 * Changes the text, as the user does: a change marks the segment edited.
 */
void
studio_transcript_segment_set_text (StudioTranscriptSegment *self,
                                    const char              *text)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self));

  if (!studio_set_str (&self->text, text ? text : ""))
    return;

  /* "edited" first, so that whoever saves on a text change saves both. */
  studio_transcript_segment_set_edited (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * studio_transcript_segment_get_edited:
 *
 * Returns: whether the user changed the text
 */
gboolean
studio_transcript_segment_get_edited (StudioTranscriptSegment *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self), FALSE);

  return self->edited;
}

/**
 * studio_transcript_segment_set_edited:
 * @edited: whether the user changed the text
 *
 * Marks the segment edited or not. studio_transcript_segment_set_text()
 * marks it already; this is for a segment read back from storage.
 */
void
studio_transcript_segment_set_edited (StudioTranscriptSegment *self,
                                      gboolean                 edited)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (self));

  edited = !!edited;
  if (self->edited == edited)
    return;

  self->edited = edited;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
}
