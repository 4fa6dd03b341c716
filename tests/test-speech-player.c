/* test-speech-player.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>

#include "studio-media-error.h"
#include "studio-speech-decoder.h"
#include "studio-speech-player.h"

/* The speech player through its real pipeline: the spoken fixtures in
 * tests/data/speech pushed in 2 KiB chunks, as a download would, played
 * into a fakesink whose handoffs are counted (not keeping to the clock
 * where only what arrives matters, keeping to it where timing behaviour
 * does), and once into PulseAudio's null sink under build-aux/headless.sh.
 */

#define RATE 24000
#define CHUNK 2048
#define SECONDS(s) ((gint64) ((s) * G_USEC_PER_SEC))
#define MS_SAMPLES(ms) ((guint64) (ms) * RATE / 1000)

static const char *formats[] = { "pcm", "wav", "mp3", "opus", "aac", "flac" };

/* What the sink got, written from its streaming thread. */
typedef struct
{
  GMutex       lock;
  guint        n_buffers;
  guint64      samples;
  GstClockTime first_pts;
  GstClockTime next_pts;              /* where the last buffer ended */
  GstClockTime max_jump;              /* the largest |pts - next_pts| seen */
  gboolean     restart;               /* the next buffer starts a new run (a seek) */
  GstClockTime restart_pts;           /* the first pts after the restart */
} SinkLog;

/* What the player said. */
typedef struct
{
  guint   eos;
  guint   buffering_on;
  guint   buffering_off;
  guint   position_notifies;
  gint64  last_position;
  gboolean seeking;                   /* the next position may go back */
  guint   backwards;                  /* times it went back while playing, not seeking */
  GError *error;
  guint   n_errors;
} Watch;

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static guint64
fixture_samples (const char *name)
{
  g_autofree char *pcm = g_strconcat (name, ".pcm", NULL);
  g_autoptr(GBytes) bytes = read_fixture (pcm);

  return g_bytes_get_size (bytes) / 2;
}

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            SinkLog    *log)
{
  GstClockTime pts = GST_BUFFER_PTS (buffer);
  guint64 n = gst_buffer_get_size (buffer) / 2;

  g_mutex_lock (&log->lock);
  if (log->n_buffers == 0)
    log->first_pts = pts;
  /* A buffer that merely goes on from the last was on its way before the
   * flush: the restart is the first one that jumps.
   */
  if (log->restart &&
      !(log->n_buffers > 0 && GST_CLOCK_TIME_IS_VALID (pts) &&
        (pts > log->next_pts ? pts - log->next_pts : log->next_pts - pts) <= GST_SECOND / RATE))
    {
      log->restart = FALSE;
      log->restart_pts = pts;
    }
  else if (log->n_buffers > 0 && GST_CLOCK_TIME_IS_VALID (pts))
    {
      GstClockTime jump = pts > log->next_pts ? pts - log->next_pts : log->next_pts - pts;

      log->max_jump = MAX (log->max_jump, jump);
    }
  log->n_buffers++;
  log->samples += n;
  log->next_pts = pts + gst_util_uint64_scale (n, GST_SECOND, RATE);
  g_mutex_unlock (&log->lock);

  g_main_context_wakeup (NULL);
}

static GstElement *
new_sink (SinkLog  *log,
          gboolean  sync)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  g_assert_nonnull (sink);
  memset (log, 0, sizeof *log);
  g_mutex_init (&log->lock);
  log->restart_pts = GST_CLOCK_TIME_NONE;
  g_object_set (sink, "sync", sync, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (handoff_cb), log);

  return sink;
}

static guint
log_buffers (SinkLog *log)
{
  guint n;

  g_mutex_lock (&log->lock);
  n = log->n_buffers;
  g_mutex_unlock (&log->lock);

  return n;
}

static void
notify_cb (StudioSpeechPlayer *player,
           GParamSpec         *pspec,
           Watch              *watch)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "buffering"))
    {
      if (studio_speech_player_get_buffering (player))
        watch->buffering_on++;
      else
        watch->buffering_off++;
    }
  else if (g_str_equal (name, "position-us"))
    {
      gint64 position = studio_speech_player_get_position_us (player);

      watch->position_notifies++;
      if (position < watch->last_position && !watch->seeking &&
          studio_speech_player_get_playing (player))
        watch->backwards++;
      watch->seeking = FALSE;
      watch->last_position = position;
    }
}

static void
eos_cb (StudioSpeechPlayer *player,
        Watch              *watch)
{
  watch->eos++;
}

static void
error_cb (StudioSpeechPlayer *player,
          const GError       *error,
          Watch              *watch)
{
  g_test_message ("error: %s", error->message);
  watch->n_errors++;
  if (watch->error == NULL)
    watch->error = g_error_copy (error);
}

static StudioSpeechPlayer *
new_player (Watch      *watch,
            GstElement *sink)
{
  StudioSpeechPlayer *player = studio_speech_player_new ();

  memset (watch, 0, sizeof *watch);
  g_signal_connect (player, "notify", G_CALLBACK (notify_cb), watch);
  g_signal_connect (player, "eos", G_CALLBACK (eos_cb), watch);
  g_signal_connect (player, "error", G_CALLBACK (error_cb), watch);
  if (sink != NULL)
    studio_speech_player_set_audio_sink (player, sink);

  return player;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition condition,
          gpointer  data)
{
  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_eos (gpointer data)
{
  return ((Watch *) data)->eos > 0;
}

static gboolean
has_error (gpointer data)
{
  return ((Watch *) data)->error != NULL;
}

static gboolean
has_buffer (gpointer data)
{
  return log_buffers (data) > 0;
}

/* Pushes @bytes[from, to) in 2 KiB chunks, letting the loop run between. */
static void
push_range (StudioSpeechPlayer *player,
            guint               piece,
            GBytes             *bytes,
            gsize               from,
            gsize               to)
{
  for (gsize offset = from; offset < to; offset += CHUNK)
    {
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (bytes, offset, MIN (CHUNK, to - offset));

      studio_speech_player_push (player, piece, chunk);
      while (g_main_context_iteration (NULL, FALSE));
    }
}

static void
push_all (StudioSpeechPlayer *player,
          guint               piece,
          GBytes             *bytes)
{
  push_range (player, piece, bytes, 0, g_bytes_get_size (bytes));
  studio_speech_player_finish_piece (player, piece);
}

static guint64
tolerance (const char *format)
{
  /* Raw samples come back exactly; codecs pad or trim a little. */
  return g_str_equal (format, "pcm") || g_str_equal (format, "wav") ? 1 : MS_SAMPLES (80);
}

static void
assert_samples_near (guint64 got,
                     guint64 expected,
                     guint64 tol)
{
  g_test_message ("samples: got %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
                  got, expected);
  g_assert_cmpuint (got, >=, expected > tol ? expected - tol : 0);
  g_assert_cmpuint (got, <=, expected + tol);
}

static void
finish_player (StudioSpeechPlayer **player,
               Watch               *watch)
{
  g_clear_error (&watch->error);
  g_assert_finalize_object (g_steal_pointer (player));
}

/* Every format, pushed in chunks, plays to its end. */
static void
test_format (gconstpointer data)
{
  const char *format = data;
  g_autofree char *name = g_strconcat ("a.", format, NULL);
  g_autoptr(GBytes) bytes = read_fixture (name);
  g_autoptr(StudioSpeechPlayer) player = NULL;
  SinkLog log;
  Watch watch;
  guint piece;

  player = new_player (&watch, new_sink (&log, FALSE));
  piece = studio_speech_player_add_piece (player, format);
  g_assert_cmpuint (piece, ==, 0);
  g_assert_cmpuint (studio_speech_player_get_n_pieces (player), ==, 1);
  studio_speech_player_play (player);
  push_all (player, piece, bytes);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  g_assert_true (studio_speech_player_get_piece_complete (player, 0));
  g_assert_false (studio_speech_player_get_playing (player));
  assert_samples_near (log.samples, fixture_samples ("a"), tolerance (format));
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==,
                   studio_speech_player_get_duration_us (player));
  g_assert_cmpint (log.first_pts, ==, 0);

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* The first buffer reaches the sink while the piece is still arriving. */
static void
test_first_buffer_early (gconstpointer data)
{
  const char *format = data;
  g_autofree char *name = g_strconcat ("a.", format, NULL);
  g_autoptr(GBytes) bytes = read_fixture (name);
  g_autoptr(StudioSpeechPlayer) player = NULL;
  gsize part = g_bytes_get_size (bytes) / 3;
  SinkLog log;
  Watch watch;

  player = new_player (&watch, new_sink (&log, TRUE));
  studio_speech_player_add_piece (player, format);
  studio_speech_player_play (player);
  g_assert_true (studio_speech_player_get_playing (player));
  g_assert_true (studio_speech_player_get_buffering (player));

  push_range (player, 0, bytes, 0, part);
  wait_for (has_buffer, &log);
  g_assert_false (studio_speech_player_get_piece_complete (player, 0));
  g_assert_cmpuint (watch.buffering_off, >=, 1);

  push_range (player, 0, bytes, part, g_bytes_get_size (bytes));
  studio_speech_player_finish_piece (player, 0);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  assert_samples_near (log.samples, fixture_samples ("a"), tolerance (format));

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* Two pieces play back to back as one stream. */
static void
test_back_to_back (gconstpointer data)
{
  const char *format = data;
  g_autofree char *name_a = g_strconcat ("a.", format, NULL);
  g_autofree char *name_b = g_strconcat ("b.", format, NULL);
  g_autoptr(GBytes) a = read_fixture (name_a);
  g_autoptr(GBytes) b = read_fixture (name_b);
  g_autoptr(StudioSpeechPlayer) player = NULL;
  SinkLog log;
  Watch watch;
  gint64 start_b, duration_a;

  player = new_player (&watch, new_sink (&log, FALSE));
  studio_speech_player_add_piece (player, format);
  studio_speech_player_play (player);
  push_range (player, 0, a, 0, g_bytes_get_size (a) / 2);
  /* The next piece is fetched while the first plays. */
  studio_speech_player_add_piece (player, format);
  push_range (player, 1, b, 0, g_bytes_get_size (b) / 2);
  push_range (player, 0, a, g_bytes_get_size (a) / 2, g_bytes_get_size (a));
  studio_speech_player_finish_piece (player, 0);
  push_range (player, 1, b, g_bytes_get_size (b) / 2, g_bytes_get_size (b));
  studio_speech_player_finish_piece (player, 1);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  duration_a = studio_speech_player_get_piece_duration_us (player, 0);
  start_b = studio_speech_player_get_piece_start_us (player, 1);
  g_assert_cmpint (studio_speech_player_get_piece_start_us (player, 0), ==, 0);
  g_assert_cmpint (ABS (start_b - duration_a), <=, 1);
  g_assert_cmpint (studio_speech_player_get_current_piece (player), ==, 1);

  /* Within one sample, every buffer starts where the last one ended. */
  g_test_message ("largest timestamp jump: %" G_GUINT64_FORMAT " ns", log.max_jump);
  g_assert_cmpuint (log.max_jump, <=, GST_SECOND / RATE);
  assert_samples_near (log.samples, fixture_samples ("a") + fixture_samples ("b"),
                       2 * tolerance (format));

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

static gboolean
position_past_300ms (gpointer data)
{
  return studio_speech_player_get_position_us (data) > SECONDS (0.3);
}

typedef struct
{
  StudioSpeechPlayer *player;
  gint64              after;
} PositionWait;

static gboolean
position_after (gpointer data)
{
  PositionWait *wait = data;

  return studio_speech_player_get_position_us (wait->player) > wait->after;
}

static gboolean
has_restart_pts (gpointer data)
{
  SinkLog *log = data;
  gboolean done;

  g_mutex_lock (&log->lock);
  done = GST_CLOCK_TIME_IS_VALID (log->restart_pts);
  g_mutex_unlock (&log->lock);

  return done;
}

static void
mark_restart (SinkLog *log)
{
  g_mutex_lock (&log->lock);
  log->restart = TRUE;
  log->restart_pts = GST_CLOCK_TIME_NONE;
  g_mutex_unlock (&log->lock);
}

/* Seek, pause, resume and stop, against a sink that keeps to the clock. */
static void
test_seek_pause_stop (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  SinkLog log;
  Watch watch;
  PositionWait wait;
  gint64 duration, paused_at;
  guint notifies;

  player = new_player (&watch, new_sink (&log, TRUE));
  studio_speech_player_add_piece (player, "pcm");
  push_all (player, 0, a);
  duration = studio_speech_player_get_duration_us (player);
  g_assert_cmpint (duration, ==, fixture_samples ("a") * G_USEC_PER_SEC / RATE);

  studio_speech_player_play (player);
  wait_for (position_past_300ms, player);

  /* Within what arrived: the position says the target at once, and the
   * sink gets the target next.
   */
  mark_restart (&log);
  notifies = watch.position_notifies;
  watch.seeking = TRUE;
  studio_speech_player_seek (player, SECONDS (2));
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, SECONDS (2));
  g_assert_cmpuint (watch.position_notifies, >, notifies);
  wait_for (has_restart_pts, &log);
  g_assert_cmpuint (log.restart_pts, ==, 2 * GST_SECOND);
  wait.player = player;
  wait.after = SECONDS (2.1);
  wait_for (position_after, &wait);
  g_assert_true (studio_speech_player_get_playing (player));

  /* Back, and past the end (clamped to what arrived). */
  watch.seeking = TRUE;
  studio_speech_player_seek (player, SECONDS (0.5));
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, SECONDS (0.5));
  studio_speech_player_pause (player);
  g_assert_false (studio_speech_player_get_playing (player));
  studio_speech_player_seek (player, SECONDS (60));
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, duration);
  studio_speech_player_seek (player, SECONDS (1));

  /* Paused, it stays; playing again goes on from there. */
  paused_at = studio_speech_player_get_position_us (player);
  g_assert_cmpint (paused_at, ==, SECONDS (1));
  g_assert_false (studio_speech_player_get_playing (player));
  mark_restart (&log);
  studio_speech_player_play (player);
  g_assert_true (studio_speech_player_get_playing (player));
  wait.after = paused_at + SECONDS (0.1);
  wait_for (position_after, &wait);
  wait_for (has_restart_pts, &log);
  g_assert_cmpuint (log.restart_pts, ==, GST_SECOND);

  /* While playing, the position never went back but by seeking. */
  g_assert_cmpuint (watch.backwards, ==, 0);

  /* Stop: back to the start, the audio kept. */
  studio_speech_player_stop (player);
  g_assert_false (studio_speech_player_get_playing (player));
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, 0);
  g_assert_cmpint (studio_speech_player_get_duration_us (player), ==, duration);
  g_assert_cmpuint (studio_speech_player_get_n_pieces (player), ==, 1);

  /* And to the end from there. */
  studio_speech_player_seek (player, duration - SECONDS (0.2));
  studio_speech_player_finish (player);
  studio_speech_player_play (player);
  wait_for (has_eos, &watch);
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, duration);
  g_assert_no_error (watch.error);

  /* Clear drops everything. */
  studio_speech_player_clear (player);
  g_assert_cmpuint (studio_speech_player_get_n_pieces (player), ==, 0);
  g_assert_cmpint (studio_speech_player_get_duration_us (player), ==, 0);
  g_assert_cmpint (studio_speech_player_get_current_piece (player), ==, -1);

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

static gboolean
is_buffering (gpointer data)
{
  return studio_speech_player_get_buffering (data);
}

typedef struct
{
  SinkLog *log;
  guint64  samples;
} SamplesWait;

static gboolean
has_samples (gpointer data)
{
  SamplesWait *wait = data;
  gboolean done;

  g_mutex_lock (&wait->log->lock);
  done = wait->log->samples >= wait->samples;
  g_mutex_unlock (&wait->log->lock);

  return done;
}

/* Running out of data before the piece is finished waits for more. */
static void
test_buffering (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  gsize first = MS_SAMPLES (300) * 2, second = MS_SAMPLES (900) * 2;
  SamplesWait samples;
  SinkLog log;
  Watch watch;

  player = new_player (&watch, new_sink (&log, FALSE));
  studio_speech_player_add_piece (player, "pcm");
  studio_speech_player_play (player);
  push_range (player, 0, a, 0, first);

  samples.log = &log;
  samples.samples = MS_SAMPLES (300);
  wait_for (has_samples, &samples);
  wait_for (is_buffering, player);
  g_assert_true (studio_speech_player_get_playing (player));
  g_assert_cmpuint (watch.eos, ==, 0);

  /* 600 ms more: it goes on, and waits again at their end. */
  push_range (player, 0, a, first, second);
  samples.samples = MS_SAMPLES (900);
  wait_for (has_samples, &samples);
  wait_for (is_buffering, player);
  g_assert_cmpuint (watch.buffering_on, >=, 2);
  g_assert_cmpuint (watch.buffering_off, >=, 1);

  push_range (player, 0, a, second, g_bytes_get_size (a));
  studio_speech_player_finish_piece (player, 0);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);
  g_assert_false (studio_speech_player_get_buffering (player));
  g_assert_no_error (watch.error);
  assert_samples_near (log.samples, fixture_samples ("a"), 0);

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* A piece fetched again from its start replaces what it had. */
static void
test_reset_piece (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(GBytes) b = read_fixture ("b.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  SinkLog log;
  Watch watch;

  player = new_player (&watch, new_sink (&log, FALSE));
  studio_speech_player_add_piece (player, "pcm");
  studio_speech_player_add_piece (player, "pcm");
  push_all (player, 0, a);
  push_range (player, 1, b, 0, g_bytes_get_size (b) / 2);
  g_assert_cmpint (studio_speech_player_get_piece_duration_us (player, 1), >, 0);

  /* The download of piece 1 dropped: it starts over. */
  studio_speech_player_reset_piece (player, 1);
  g_assert_cmpint (studio_speech_player_get_piece_duration_us (player, 1), ==, 0);
  g_assert_false (studio_speech_player_get_piece_complete (player, 1));
  g_assert_true (studio_speech_player_get_piece_complete (player, 0));

  studio_speech_player_play (player);
  push_all (player, 1, b);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  g_assert_cmpuint (log.max_jump, <=, GST_SECOND / RATE);
  assert_samples_near (log.samples, fixture_samples ("a") + fixture_samples ("b"), 0);

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* A piece dropped while it plays: playing goes back to its start. */
static void
test_reset_playing_piece (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(GBytes) b = read_fixture ("b.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  PositionWait wait;
  SinkLog log;
  Watch watch;
  gint64 start_b;

  player = new_player (&watch, new_sink (&log, FALSE));
  studio_speech_player_add_piece (player, "pcm");
  studio_speech_player_add_piece (player, "pcm");
  push_all (player, 0, a);
  push_range (player, 1, b, 0, g_bytes_get_size (b) / 2);
  studio_speech_player_play (player);

  /* Into piece 1, then its download drops. */
  start_b = studio_speech_player_get_piece_start_us (player, 1);
  wait.player = player;
  wait.after = start_b + SECONDS (0.1);
  wait_for (position_after, &wait);
  g_assert_cmpint (studio_speech_player_get_current_piece (player), ==, 1);
  mark_restart (&log);
  studio_speech_player_reset_piece (player, 1);
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==, start_b);
  g_assert_cmpint (studio_speech_player_get_duration_us (player), ==, start_b);
  g_assert_true (studio_speech_player_get_playing (player));

  push_all (player, 1, b);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  g_assert_cmpuint (log.restart_pts, ==, (GstClockTime) start_b * GST_USECOND);
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==,
                   studio_speech_player_get_duration_us (player));
  g_assert_cmpint (studio_speech_player_get_piece_duration_us (player, 1), ==,
                   fixture_samples ("b") * G_USEC_PER_SEC / RATE);

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* A piece that does not decode says so, and the next one plays. */
static void
test_garbled_piece (void)
{
  g_autoptr(GBytes) b = read_fixture ("b.pcm");
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(StudioSpeechPlayer) player = NULL;
  guint8 *noise = g_malloc (16384);
  SinkLog log;
  Watch watch;

  /* Noise said to be WAV, as a garbled download would be. */
  for (guint i = 0; i < 16384; i++)
    noise[i] = g_test_rand_int_range (0, 256);
  garbage = g_bytes_new_take (noise, 16384);
  player = new_player (&watch, new_sink (&log, FALSE));
  studio_speech_player_add_piece (player, "wav");
  studio_speech_player_add_piece (player, "pcm");
  studio_speech_player_play (player);
  push_all (player, 0, garbage);
  push_all (player, 1, b);
  studio_speech_player_finish (player);
  wait_for (has_eos, &watch);

  g_assert_nonnull (watch.error);
  g_assert_true (watch.error->domain == STUDIO_MEDIA_ERROR);
  g_assert_nonnull (strstr (watch.error->message, "wav"));
  g_assert_true (studio_speech_player_get_piece_complete (player, 0));
  g_assert_cmpuint (log.samples, >=, fixture_samples ("b"));

  finish_player (&player, &watch);
  g_mutex_clear (&log.lock);
}

/* The default output, PulseAudio's null sink under headless.sh. */
static void
test_pulse_sink (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  GstElement *sink = gst_element_factory_make ("pulsesink", NULL);
  Watch watch;

  g_assert_nonnull (sink);
  player = new_player (&watch, sink);
  studio_speech_player_add_piece (player, "pcm");
  push_all (player, 0, a);
  studio_speech_player_finish (player);
  studio_speech_player_seek (player, studio_speech_player_get_duration_us (player) -
                                     SECONDS (0.5));
  studio_speech_player_play (player);
  wait_for (has_eos, &watch);

  g_assert_no_error (watch.error);
  g_assert_cmpint (studio_speech_player_get_position_us (player), ==,
                   studio_speech_player_get_duration_us (player));

  finish_player (&player, &watch);
}

static void
test_no_output (void)
{
  g_autoptr(GBytes) a = read_fixture ("a.pcm");
  g_autoptr(StudioSpeechPlayer) player = NULL;
  GstElement *sink = gst_element_factory_make ("pulsesink", NULL);
  Watch watch;

  g_assert_nonnull (sink);
  g_object_set (sink, "device", "no-such-sink", NULL);
  player = new_player (&watch, sink);
  studio_speech_player_add_piece (player, "pcm");
  push_all (player, 0, a);
  studio_speech_player_finish (player);
  studio_speech_player_play (player);
  wait_for (has_error, &watch);

  g_assert_error (watch.error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_OUTPUT);
  g_assert_false (studio_speech_player_get_playing (player));

  finish_player (&player, &watch);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *format = g_strdup_printf ("/studio/speech-player/format/%s", formats[i]);
      g_autofree char *early = g_strdup_printf ("/studio/speech-player/first-buffer/%s",
                                                formats[i]);
      g_autofree char *joined = g_strdup_printf ("/studio/speech-player/back-to-back/%s",
                                                 formats[i]);

      g_test_add_data_func (format, formats[i], test_format);
      g_test_add_data_func (early, formats[i], test_first_buffer_early);
      g_test_add_data_func (joined, formats[i], test_back_to_back);
    }
  g_test_add_func ("/studio/speech-player/seek-pause-stop", test_seek_pause_stop);
  g_test_add_func ("/studio/speech-player/buffering", test_buffering);
  g_test_add_func ("/studio/speech-player/reset-piece", test_reset_piece);
  g_test_add_func ("/studio/speech-player/reset-playing-piece", test_reset_playing_piece);
  g_test_add_func ("/studio/speech-player/garbled-piece", test_garbled_piece);
  g_test_add_func ("/studio/speech-player/pulse-sink", test_pulse_sink);
  g_test_add_func ("/studio/speech-player/no-output", test_no_output);

  return g_test_run ();
}
