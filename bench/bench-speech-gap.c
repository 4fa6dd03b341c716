/* bench-speech-gap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gst/gst.h>
#include <gst/app/gstappsink.h>

#include "studio-media-error.h"
#include "studio-speech-player.h"

/* The gap at the boundary between two pieces of a split text.
 *
 * Two pieces of continuous tone (a 440 Hz sine, 1.0 s each: a whole number
 * of periods, so the second starts where the first ends) are encoded in
 * memory in every format, then played through StudioSpeechPlayer, first
 * each alone and then one after the other, into a fakesink that collects
 * what reaches it. Around the join, the longest run of near-silence
 * (|s| < 1 % of full scale) is measured and the silence each piece has at
 * its own edges when decoded alone (encoder priming and padding) is taken
 * off: what is left is the silence the player added. The largest jump
 * between a buffer's timestamp and the end of the one before is the PTS
 * gap. The goal is no added silence over 20 ms.
 *
 * Usage: bench-speech-gap
 */

#define RATE       24000
#define SILENCE    (32767 / 100)
#define GOAL_MS    20.0

typedef struct
{
  const char *format;
  const char *encoder;   /* a gst-launch description, or NULL for raw pcm */
} Format;

static const Format formats[] = {
  { "mp3",  "lamemp3enc" },
  { "opus", "opusenc ! oggmux" },
  { "aac",  "avenc_aac ! aacparse ! audio/mpeg,stream-format=adts" },
  { "flac", "flacenc" },
  { "wav",  "wavenc" },
  { "pcm",  NULL },
};

typedef struct
{
  GMutex       lock;
  GByteArray  *pcm;
  GstClockTime next_pts;
  GstClockTime max_jump;
  guint        n_buffers;
} Collect;

static GBytes *
encode_tone (const Format  *format,
             GError       **error)
{
  g_autofree char *description = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  description = g_strdup_printf ("audiotestsrc wave=sine freq=440 num-buffers=24 "
                                 "samplesperbuffer=1000 ! "
                                 "audio/x-raw,format=S16LE,rate=%d,channels=1 ! audioconvert ! %s%s"
                                 "appsink name=sink sync=false",
                                 RATE, format->encoder ? format->encoder : "",
                                 format->encoder ? " ! " : "");
  pipeline = gst_parse_launch (description, error);
  if (pipeline == NULL)
    return NULL;

  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      GstBuffer *buffer;
      GstMapInfo map;

      /* An encoder that fails posts an error and never an EOS. */
      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), GST_SECOND / 10);
      if (sample == NULL)
        {
          g_autoptr(GstBus) error_bus = gst_element_get_bus (pipeline);

          if (gst_app_sink_is_eos (GST_APP_SINK (sink)) ||
              gst_bus_have_pending (error_bus))
            break;
          continue;
        }
      buffer = gst_sample_get_buffer (sample);
      /* wavenc goes back to write its header again at the end, which an
       * appsink would append: a streamed file keeps the first.
       */
      if (format->encoder != NULL && out->len > 0 && g_str_equal (format->format, "wav") &&
          GST_BUFFER_OFFSET_IS_VALID (buffer) && GST_BUFFER_OFFSET (buffer) < out->len)
        continue;
      gst_buffer_map (buffer, &map, GST_MAP_READ);
      g_byte_array_append (out, map.data, map.size);
      gst_buffer_unmap (buffer, &map);
    }

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (message != NULL)
    {
      gst_message_parse_error (message, error, NULL);
      return NULL;
    }

  /* A streamed WAV, as the service sends it, has unknown sizes. */
  if (g_str_equal (format->format, "wav") && out->len >= 44)
    {
      memset (out->data + 4, 0xff, 4);
      memset (out->data + 40, 0xff, 4);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Collect    *collect)
{
  GstMapInfo map;
  GstClockTime pts = GST_BUFFER_PTS (buffer);

  gst_buffer_map (buffer, &map, GST_MAP_READ);
  g_mutex_lock (&collect->lock);
  if (collect->n_buffers > 0 && GST_CLOCK_TIME_IS_VALID (pts))
    {
      GstClockTime jump = pts > collect->next_pts ? pts - collect->next_pts
                                                  : collect->next_pts - pts;

      collect->max_jump = MAX (collect->max_jump, jump);
    }
  collect->n_buffers++;
  collect->next_pts = pts + gst_util_uint64_scale (map.size / 2, GST_SECOND, RATE);
  g_byte_array_append (collect->pcm, map.data, map.size);
  g_mutex_unlock (&collect->lock);
  gst_buffer_unmap (buffer, &map);

  g_main_context_wakeup (NULL);
}

static void
eos_cb (StudioSpeechPlayer *player,
        gboolean           *done)
{
  *done = TRUE;
}

static void
error_cb (StudioSpeechPlayer *player,
          const GError       *error,
          gboolean           *failed)
{
  fprintf (stderr, "  error: %s\n", error->message);
  *failed = TRUE;
}

/* Plays the pieces through the player, collecting what reaches the sink;
 * @boundary gets where the second piece starts, in samples.
 */
static gboolean
play_pieces (const char  *format,
             GBytes     **pieces,
             guint        n_pieces,
             Collect     *collect,
             guint64     *boundary)
{
  g_autoptr(StudioSpeechPlayer) player = studio_speech_player_new ();
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  gboolean done = FALSE, failed = FALSE;

  memset (collect, 0, sizeof *collect);
  g_mutex_init (&collect->lock);
  collect->pcm = g_byte_array_new ();
  g_object_set (sink, "sync", FALSE, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (handoff_cb), collect);
  studio_speech_player_set_audio_sink (player, sink);
  g_signal_connect (player, "eos", G_CALLBACK (eos_cb), &done);
  g_signal_connect (player, "error", G_CALLBACK (error_cb), &failed);

  studio_speech_player_play (player);
  for (guint i = 0; i < n_pieces; i++)
    {
      gsize size = g_bytes_get_size (pieces[i]);

      studio_speech_player_add_piece (player, format);
      /* In 2 KiB chunks, as a download arrives. */
      for (gsize offset = 0; offset < size; offset += 2048)
        {
          g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (pieces[i], offset,
                                                            MIN (2048, size - offset));

          studio_speech_player_push (player, i, chunk);
        }
      studio_speech_player_finish_piece (player, i);
    }
  studio_speech_player_finish (player);

  while (!done && !failed)
    g_main_context_iteration (NULL, TRUE);

  if (boundary != NULL && n_pieces > 1)
    *boundary = gst_util_uint64_scale (studio_speech_player_get_piece_start_us (player, 1),
                                       RATE, G_USEC_PER_SEC);

  return !failed;
}

static gboolean
is_silent (gint16 sample)
{
  return ABS ((int) sample) < SILENCE;
}

static guint64
leading_silence (const gint16 *s,
                 guint64       n)
{
  guint64 i = 0;

  while (i < n && is_silent (s[i]))
    i++;
  return i;
}

static guint64
trailing_silence (const gint16 *s,
                  guint64       n)
{
  guint64 i = 0;

  while (i < n && is_silent (s[n - 1 - i]))
    i++;
  return i;
}

/* The longest run of near-silence within [from, to). A run of one sample
 * is a zero crossing of the sine, not silence.
 */
static guint64
longest_silence (const gint16 *s,
                 guint64       from,
                 guint64       to)
{
  guint64 longest = 0, run = 0;

  for (guint64 i = from; i < to; i++)
    {
      run = is_silent (s[i]) ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  return longest > 1 ? longest : 0;
}

static double
samples_ms (guint64 samples)
{
  return samples * 1000.0 / RATE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  gboolean all_met = TRUE;

  /* Figures show as they come, even through a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (!studio_media_init (&error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  printf ("# Two 1.0 s pieces of a 440 Hz tone, played back to back by StudioSpeechPlayer\n");
  printf ("# edges: near-silence each piece has alone (end of the first + start of the second)\n");
  printf ("# join: longest near-silence around the boundary; added = join - edges\n");
  printf ("%-6s %10s %10s %12s %12s %8s\n",
          "format", "edges ms", "join ms", "added ms", "PTS gap ms", "goal");

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      const Format *format = &formats[f];
      g_autoptr(GBytes) piece = NULL;
      GBytes *pieces[2];
      Collect alone, joined;
      guint64 n_alone, n_joined, boundary = 0, edges, join, window, from, to;
      const gint16 *s;
      double added_ms, gap_ms;

      g_clear_error (&error);
      piece = encode_tone (format, &error);
      if (piece == NULL)
        {
          printf ("%-6s cannot encode here: %s\n", format->format, error->message);
          continue;
        }
      pieces[0] = pieces[1] = piece;

      if (!play_pieces (format->format, pieces, 1, &alone, NULL) ||
          !play_pieces (format->format, pieces, 2, &joined, &boundary))
        {
          printf ("%-6s could not be played\n", format->format);
          continue;
        }

      s = (const gint16 *) alone.pcm->data;
      n_alone = alone.pcm->len / 2;
      edges = trailing_silence (s, n_alone) + leading_silence (s, n_alone);

      /* Look around the join as far as the edges reach, and 50 ms more. */
      s = (const gint16 *) joined.pcm->data;
      n_joined = joined.pcm->len / 2;
      window = edges + RATE / 20;
      from = boundary > window ? boundary - window : 0;
      to = MIN (boundary + window, n_joined);
      join = longest_silence (s, from, to);

      added_ms = samples_ms (join) - samples_ms (edges);
      gap_ms = joined.max_jump / (double) GST_MSECOND;
      if (added_ms > GOAL_MS || gap_ms > GOAL_MS)
        all_met = FALSE;

      printf ("%-6s %10.2f %10.2f %12.2f %12.3f %8s\n", format->format,
              samples_ms (edges), samples_ms (join), MAX (added_ms, 0.0), gap_ms,
              added_ms <= GOAL_MS && gap_ms <= GOAL_MS ? "met" : "MISSED");
      printf ("#   alone %.1f ms decoded, joined %.1f ms (2 x alone = %.1f), boundary at %.1f ms\n",
              samples_ms (n_alone), samples_ms (n_joined), 2 * samples_ms (n_alone),
              samples_ms (boundary));

      g_byte_array_unref (alone.pcm);
      g_byte_array_unref (joined.pcm);
      g_mutex_clear (&alone.lock);
      g_mutex_clear (&joined.lock);
    }

  printf ("# Priming and padding that decoders do not trim (AAC in ADTS has no gapless\n"
          "# information, MP3 without a LAME/Xing header is not trimmed) shows as edges,\n"
          "# silence the encoded pieces themselves hold; it is not added by the player.\n");

  return all_met ? EXIT_SUCCESS : EXIT_FAILURE;
}
