/* studio-speech-player-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>

#include "studio-speech-decoder.h"
#include "studio-speech-player.h"

G_BEGIN_DECLS

#define RATE             STUDIO_SPEECH_DECODER_RATE
#define BYTES_PER_SAMPLE 2
#define QUEUE_MS         200
#define RESUME_MS        200
#define CHUNK_SAMPLES    (RATE / 50)     /* 20 ms a buffer */
#define TICK_INTERVAL_MS 20              /* feeding; the position every other tick */

#define MS_TO_SAMPLES(ms) ((guint64) (ms) * RATE / 1000)

typedef struct _StudioSpeechPlayerPiece
{
  StudioSpeechPlayer  *player;           /* borrowed: the player owns the piece */
  char                *format;
  StudioSpeechDecoder *decoder;          /* NULL for "pcm", passed straight through */
  int                  fd;               /* the samples, in an unlinked file */
  guint64              n_samples;
  int                  carry;            /* an odd byte of raw pcm waiting, or -1 */
  guint                complete : 1;
} StudioSpeechPlayerPiece;

struct _StudioSpeechPlayer
{
  GObject       parent_instance;

  /* Owned references */
  GstElement   *pipeline;
  GstElement   *appsrc;                  /* borrowed from the pipeline, in fact */
  GstElement   *sink;
  GMainContext *context;
  GSource      *bus_source;
  GSource      *tick_source;             /* only while playing */
  GPtrArray    *pieces;                  /* of Piece */

  guint64       feed_sample;             /* the next sample pushed to appsrc */
  gint64        position_us;
  gint64        duration_us;
  int           current_piece;
  guint         ticks;

  guint         playing : 1;             /* asked to play, until pause, stop, the end or an error */
  guint         buffering : 1;
  guint         finished : 1;            /* no more pieces will be added */
  guint         fed_since_flush : 1;     /* something was pushed since the last seek */
  guint         eos_sent : 1;
  guint         at_end : 1;
  guint         failed : 1;              /* an error stopped the pipeline */
};

static inline StudioSpeechPlayerPiece *
studio_speech_player_get_piece_at (StudioSpeechPlayer *self,
                                   guint               index)
{
  return g_ptr_array_index (self->pieces, index);
}

static inline gint64
studio_speech_samples_to_us (guint64 samples)
{
  return (gint64) gst_util_uint64_scale (samples, G_USEC_PER_SEC, RATE);
}

static inline guint64
studio_speech_us_to_samples (gint64 us)
{
  return gst_util_uint64_scale (MAX (us, 0), RATE, G_USEC_PER_SEC);
}

static inline GstClockTime
studio_speech_samples_to_time (guint64 samples)
{
  return gst_util_uint64_scale (samples, GST_SECOND, RATE);
}

StudioSpeechPlayerPiece *studio_speech_piece_new                  (StudioSpeechPlayer *self,
                                                           const char         *format);
void               studio_speech_piece_free                 (gpointer            data);
void               studio_speech_piece_append               (StudioSpeechPlayerPiece  *piece,
                                                           const guint8       *data,
                                                           gsize               size);
void               studio_speech_piece_reset                (StudioSpeechPlayerPiece  *piece);
guint64            studio_speech_player_piece_start_sample  (StudioSpeechPlayer *self,
                                                           guint               index);
guint64            studio_speech_player_total_samples       (StudioSpeechPlayer *self);
guint64            studio_speech_player_available_end       (StudioSpeechPlayer *self,
                                                           gboolean           *all_done);
gboolean           studio_speech_player_piece_at_is_complete (StudioSpeechPlayer *self,
                                                           guint64             sample);
GstBuffer         *studio_speech_player_read_samples        (StudioSpeechPlayer *self,
                                                           guint64             sample,
                                                           guint64             n_samples);
void               studio_speech_player_data_changed        (StudioSpeechPlayer *self);
void               studio_speech_player_emit_error          (StudioSpeechPlayer *self,
                                                           const GError       *error);

G_END_DECLS
