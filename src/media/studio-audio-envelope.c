/* studio-audio-envelope.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "studio-audio-encode.h"
#include "studio-audio-envelope.h"

/* The loudness of a file over time, gathered while it is converted, and
 * where to cut it so that every piece fits the upload limit: at the quiet
 * points between words, never in the middle of one.
 */

/* Digital silence has no level in dB; it is stored as this floor. */
#define FLOOR_DB (-120.0)

/* Each piece is planned to take at most this share of the limit, so that
 * the framing of a new file and a varying bitrate still leave room.
 */
#define PIECE_PERCENT 90

/* The shortest pause a cut may be placed in: shorter dips are in words. */
#define MIN_PAUSE_US (300 * G_TIME_SPAN_MILLISECOND)

/* Steps within this many dB of the quietest pause still belong to it. */
#define PAUSE_TOLERANCE_DB 3.0

/* A stretch is a pause when it is this much quieter than the typical
 * (median) level around it; else there is none, only gaps in words.
 */
#define PAUSE_CONTRAST_DB 10.0

struct _StudioAudioEnvelope
{
  gatomicrefcount  ref_count;
  GArray          *values;
};

G_DEFINE_BOXED_TYPE (StudioAudioEnvelope, studio_audio_envelope,
                     studio_audio_envelope_ref, studio_audio_envelope_unref)

/**
 * studio_audio_envelope_new:
 *
 * Returns: (transfer full): an empty envelope
 */
StudioAudioEnvelope *
studio_audio_envelope_new (void)
{
  StudioAudioEnvelope *self = g_new0 (StudioAudioEnvelope, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));

  return self;
}

/**
 * studio_audio_envelope_ref:
 * @self: an envelope
 *
 * Returns: (transfer full): @self
 */
StudioAudioEnvelope *
studio_audio_envelope_ref (StudioAudioEnvelope *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * studio_audio_envelope_unref:
 * @self: (transfer full): an envelope
 *
 * Drops a reference, freeing @self with the last one.
 */
void
studio_audio_envelope_unref (StudioAudioEnvelope *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->values);
      g_free (self);
    }
}

/**
 * studio_audio_envelope_append:
 * @self: an envelope
 * @rms_db: the RMS level of the next %STUDIO_AUDIO_ENVELOPE_STEP_US, in dBFS
 *
 * Adds a value at the end. Not thread-safe: one writer at a time.
 */
void
studio_audio_envelope_append (StudioAudioEnvelope *self,
                              double               rms_db)
{
  g_return_if_fail (self != NULL);

  if (isnan (rms_db) || rms_db < FLOOR_DB)
    rms_db = FLOOR_DB;
  g_array_append_val (self->values, rms_db);
}

/**
 * studio_audio_envelope_get_n_values:
 * @self: an envelope
 *
 * Returns: how many values @self holds
 */
guint
studio_audio_envelope_get_n_values (const StudioAudioEnvelope *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->values->len;
}

/**
 * studio_audio_envelope_get_value:
 * @self: an envelope
 * @index: a value's index, less than studio_audio_envelope_get_n_values()
 *
 * Returns: the RMS level in dBFS from @index × %STUDIO_AUDIO_ENVELOPE_STEP_US on
 */
double
studio_audio_envelope_get_value (const StudioAudioEnvelope *self,
                                 guint                      index)
{
  g_return_val_if_fail (self != NULL, FLOOR_DB);
  g_return_val_if_fail (index < self->values->len, FLOOR_DB);

  return g_array_index (self->values, double, index);
}

/**
 * studio_audio_envelope_get_duration_us:
 * @self: an envelope
 *
 * Returns: how much audio @self covers, to the step
 */
gint64
studio_audio_envelope_get_duration_us (const StudioAudioEnvelope *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (gint64) self->values->len * STUDIO_AUDIO_ENVELOPE_STEP_US;
}

/**
 * studio_audio_envelope_get_loudest_db:
 * @self: an envelope
 *
 * Returns: the highest value, or -%G_MAXDOUBLE when @self is empty
 */
double
studio_audio_envelope_get_loudest_db (const StudioAudioEnvelope *self)
{
  double loudest = -G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, -G_MAXDOUBLE);

  for (guint i = 0; i < self->values->len; i++)
    loudest = MAX (loudest, g_array_index (self->values, double, i));

  return loudest;
}

/**
 * studio_audio_envelope_is_silent:
 * @self: an envelope
 *
 * Returns: whether @self is empty or never reaches
 *   %STUDIO_AUDIO_ENVELOPE_SILENT_DB, so there is nothing to transcribe
 */
gboolean
studio_audio_envelope_is_silent (const StudioAudioEnvelope *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return studio_audio_envelope_get_loudest_db (self) < STUDIO_AUDIO_ENVELOPE_SILENT_DB;
}

/* The loudest value in [start, end): how loud a stretch is at its worst,
 * so that a pause with a word in it never counts as quiet.
 */
static double
stretch_level (const double *values,
               guint         start,
               guint         end)
{
  double level = -G_MAXDOUBLE;

  for (guint i = start; i < end; i++)
    level = MAX (level, values[i]);

  return level;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_level (const double *values,
              guint         lo,
              guint         hi)
{
  g_autofree double *sorted = g_memdup2 (values + lo, (hi - lo) * sizeof (double));

  qsort (sorted, hi - lo, sizeof (double), compare_doubles);
  return sorted[(hi - lo) / 2];
}

/* The middle of the quietest single step in [lo, hi), in µs. */
static gint64
quietest_step (const double *values,
               guint         lo,
               guint         hi)
{
  guint best = lo;
  double best_level = G_MAXDOUBLE;

  for (guint i = lo; i < hi; i++)
    {
      /* Later wins a tie, so that pieces are as long as allowed. */
      if (values[i] <= best_level)
        {
          best_level = values[i];
          best = i;
        }
    }

  return (gint64) best * STUDIO_AUDIO_ENVELOPE_STEP_US + STUDIO_AUDIO_ENVELOPE_STEP_US / 2;
}

/* Where to cut within the steps [lo, hi), in µs: the middle of the
 * quietest pause of at least MIN_PAUSE_US there, or, when there is none
 * (or no room for one), of the quietest single step.
 */
static gint64
find_cut (const double *values,
          guint         lo,
          guint         hi)
{
  const guint width = MIN_PAUSE_US / STUDIO_AUDIO_ENVELOPE_STEP_US;
  guint best = lo;
  double best_level = G_MAXDOUBLE;
  guint start, end;

  g_assert (lo < hi);

  if (hi - lo < width)
    return quietest_step (values, lo, hi);

  for (guint i = lo; i + width <= hi; i++)
    {
      double level = stretch_level (values, i, i + width);

      if (level <= best_level)
        {
          best_level = level;
          best = i;
        }
    }

  if (best_level > median_level (values, lo, hi) - PAUSE_CONTRAST_DB)
    return quietest_step (values, lo, hi);

  /* Widen the pause to all of its quiet steps, so that the cut lands in
   * its middle, away from the words on either side.
   */
  start = best;
  end = best + width;
  while (start > lo && values[start - 1] <= best_level + PAUSE_TOLERANCE_DB)
    start--;
  while (end < hi && values[end] <= best_level + PAUSE_TOLERANCE_DB)
    end++;

  return (gint64) (start + end) * STUDIO_AUDIO_ENVELOPE_STEP_US / 2;
}

/**
 * studio_audio_split_plan:
 * @self: the envelope of a file
 * @file_bytes: the file's size
 * @max_bytes: the most a piece may weigh
 *
 * Plans where to cut a file too large to upload, assuming a constant
 * bitrate: each piece takes at most 90 % of @max_bytes, and each cut is in
 * the middle of the quietest pause of at least 300 ms in the last third of
 * what a piece may span, so that no word is cut in two.
 *
 * The bitrate assumed is the file's average (@file_bytes over the length of
 * @self) or the app's own Opus bitrate, whichever is higher: the encoder's
 * constrained VBR spends little on silence, so a file with long pauses
 * averages less than a piece of dense speech from it weighs.
 *
 * Returns: (transfer full) (element-type gint64): the cut times in µs,
 *   ascending, without 0 and the end; empty when the file fits
 */
GArray *
studio_audio_split_plan (const StudioAudioEnvelope *self,
                         guint64                    file_bytes,
                         guint64                    max_bytes)
{
  GArray *cuts;
  const double *values;
  guint n_values;
  gint64 duration_us;
  double bytes_per_us;
  double span_us;
  guint span, pos;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);

  cuts = g_array_new (FALSE, FALSE, sizeof (gint64));
  values = (const double *) (gpointer) self->values->data;
  n_values = self->values->len;
  if (n_values == 0 || file_bytes <= max_bytes)
    return cuts;

  duration_us = studio_audio_envelope_get_duration_us (self);
  bytes_per_us = MAX ((double) file_bytes, (double) studio_audio_estimate_bytes (duration_us))
                 / (double) duration_us;
  span_us = (double) max_bytes * PIECE_PERCENT / 100.0 / bytes_per_us;
  span = MAX (1, (guint) (span_us / STUDIO_AUDIO_ENVELOPE_STEP_US));

  pos = 0;
  while (n_values - pos > span)
    {
      guint lo = pos + span * 2 / 3;
      guint hi = pos + span;
      gint64 cut = find_cut (values, lo, hi);

      g_array_append_val (cuts, cut);
      pos = MAX (pos + 1, (guint) (cut / STUDIO_AUDIO_ENVELOPE_STEP_US));
    }

  return cuts;
}
