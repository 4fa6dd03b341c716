/* test-player.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "studio-audio-encode.h"
#include "studio-media-error.h"
#include "studio-player.h"

/* The player through real pipelines: a five-second Opus file made here from
 * audiotestsrc, played into a fakesink that keeps to the clock (so that
 * positions advance as they would on a sound card), and once into the
 * default output, PulseAudio's null sink under build-aux/headless.sh.
 */

#define SECONDS(s) ((gint64) ((s) * G_USEC_PER_SEC))

static char *tmp_dir;
static GFile *five_seconds;

/* What a player said, counted. */
typedef struct
{
  guint   file_notifies;
  guint   playing_notifies;
  guint   position_notifies;
  guint   duration_notifies;
  guint   rate_notifies;
  guint   eos;
  gint64  min_position_us;
  GError *error;
} Watch;

static void
notify_cb (StudioPlayer *player,
           GParamSpec   *pspec,
           Watch        *watch)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "file"))
    watch->file_notifies++;
  else if (g_str_equal (name, "playing"))
    watch->playing_notifies++;
  else if (g_str_equal (name, "position-us"))
    {
      watch->position_notifies++;
      watch->min_position_us = MIN (watch->min_position_us,
                                    studio_player_get_position_us (player));
    }
  else if (g_str_equal (name, "duration-us"))
    watch->duration_notifies++;
  else if (g_str_equal (name, "rate"))
    watch->rate_notifies++;
}

static void
eos_cb (StudioPlayer *player,
        Watch        *watch)
{
  g_assert_false (studio_player_get_playing (player));
  watch->eos++;
}

static void
error_cb (StudioPlayer *player,
          const GError *error,
          Watch        *watch)
{
  g_assert_nonnull (error);
  g_clear_error (&watch->error);
  watch->error = g_error_copy (error);
}

static void
watch_player (StudioPlayer *player,
              Watch        *watch)
{
  *watch = (Watch) { .min_position_us = G_MAXINT64 };
  g_signal_connect (player, "notify", G_CALLBACK (notify_cb), watch);
  g_signal_connect (player, "eos", G_CALLBACK (eos_cb), watch);
  g_signal_connect (player, "error", G_CALLBACK (error_cb), watch);
}

static gboolean
has_error (StudioPlayer *player,
           Watch        *watch)
{
  return watch->error != NULL;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main context until @done says so. An error the player
 * reports ends the test there, unless @done waits for one; after half a
 * minute of nothing the test gives up rather than hanging.
 */
static void
wait_until (Watch       *watch,
            const char  *what,
            gboolean   (*done) (StudioPlayer *, Watch *),
            StudioPlayer *player)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (250, wake_cb, NULL);

  while (!done (player, watch))
    {
      if (watch->error != NULL && done != has_error)
        g_error ("Waiting for %s, the player failed: %s", what, watch->error->message);
      if (g_get_monotonic_time () > give_up)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
}

static gboolean
has_duration (StudioPlayer *player,
              Watch        *watch)
{
  return watch->duration_notifies > 0 && studio_player_get_duration_us (player) >= 0;
}

static gboolean
has_ended (StudioPlayer *player,
           Watch        *watch)
{
  return watch->eos > 0;
}

static gint64 wanted_position_us;

static gboolean
is_past_wanted (StudioPlayer *player,
                Watch        *watch)
{
  return studio_player_get_position_us (player) > wanted_position_us;
}

static guint wanted_notifies;

static gboolean
has_position_notify (StudioPlayer *player,
                     Watch        *watch)
{
  return watch->position_notifies >= wanted_notifies;
}

static gint64 wanted_time_us;

static gboolean
is_time (StudioPlayer *player,
         Watch        *watch)
{
  return g_get_monotonic_time () >= wanted_time_us;
}

static void
wait_past (StudioPlayer *player,
           Watch        *watch,
           gint64        position_us)
{
  g_autofree char *what = g_strdup_printf ("the position to pass %" G_GINT64_FORMAT " µs",
                                           position_us);

  wanted_position_us = position_us;
  wait_until (watch, what, is_past_wanted, player);
}

static void
wait_position_notify (StudioPlayer *player,
                      Watch        *watch)
{
  wanted_notifies = watch->position_notifies + 1;
  wait_until (watch, "a position notification", has_position_notify, player);
}

/* Plays on for @seconds of the monotonic clock and returns how many
 * seconds of audio went by meanwhile, per second.
 */
static double
measure_speed (StudioPlayer *player,
               Watch        *watch,
               double        seconds)
{
  gint64 start_position;
  gint64 start_time;

  /* After the seek a speed change makes, wait for it to move again. */
  wait_position_notify (player, watch);
  wait_past (player, watch, studio_player_get_position_us (player) + SECONDS (0.05));
  start_position = studio_player_get_position_us (player);
  start_time = g_get_monotonic_time ();

  wanted_time_us = start_time + SECONDS (seconds);
  wait_until (watch, "time to pass", is_time, player);

  return (double) (studio_player_get_position_us (player) - start_position) /
         (double) (g_get_monotonic_time () - start_time);
}

static StudioPlayer *
new_player (void)
{
  StudioPlayer *player = studio_player_new ();
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  g_assert_nonnull (sink);
  g_object_set (sink, "sync", TRUE, NULL);
  studio_player_set_audio_sink (player, sink);

  return player;
}

static void
make_audio_file (const char *path,
                 double      seconds)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) error = NULL;
  GstElement *src = gst_element_factory_make ("audiotestsrc", NULL);
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  GstElement *encoder = studio_audio_encoder_new (NULL, &error);
  GstElement *sink = gst_element_factory_make ("filesink", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (src);
  g_assert_nonnull (filter);
  g_assert_nonnull (sink);

  /* 960 samples at 48 kHz: 50 buffers a second. */
  g_object_set (src, "num-buffers", (int) (seconds * 50), "samplesperbuffer", 960,
                "freq", 440.0, "volume", 0.3, NULL);
  caps = gst_caps_new_simple ("audio/x-raw", "rate", G_TYPE_INT, 48000,
                              "channels", G_TYPE_INT, 1, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "location", path, NULL);

  gst_bin_add_many (GST_BIN (pipeline), src, filter, encoder, sink, NULL);
  g_assert_true (gst_element_link_many (src, filter, encoder, sink, NULL));

  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);
}

static void
test_player_duration (void)
{
  g_autoptr(StudioPlayer) player = new_player ();
  Watch watch;

  watch_player (player, &watch);
  g_assert_null (studio_player_get_file (player));
  g_assert_cmpint (studio_player_get_duration_us (player), ==, -1);

  /* Without a file there is nothing to do, and nothing fails. */
  studio_player_play (player);
  studio_player_seek (player, SECONDS (1));
  g_assert_false (studio_player_get_playing (player));
  g_assert_cmpint (studio_player_get_position_us (player), ==, 0);

  studio_player_set_file (player, five_seconds);
  g_assert_true (studio_player_get_file (player) == five_seconds);
  g_assert_cmpuint (watch.file_notifies, ==, 1);
  wait_until (&watch, "the duration", has_duration, player);

  g_assert_cmpint (studio_player_get_duration_us (player), >, SECONDS (4.85));
  g_assert_cmpint (studio_player_get_duration_us (player), <, SECONDS (5.15));
  g_assert_cmpint (studio_player_get_position_us (player), ==, 0);
  g_assert_false (studio_player_get_playing (player));

  studio_player_set_file (player, NULL);
  g_assert_null (studio_player_get_file (player));
  g_assert_cmpuint (watch.file_notifies, ==, 2);
  g_assert_cmpint (studio_player_get_duration_us (player), ==, -1);

  g_assert_finalize_object (g_steal_pointer (&player));
}

static void
test_player_seek (void)
{
  g_autoptr(StudioPlayer) player = new_player ();
  Watch watch;

  watch_player (player, &watch);
  studio_player_set_file (player, five_seconds);
  wait_until (&watch, "the duration", has_duration, player);

  /* Paused: the position moves to the seek and stays. */
  {
    guint before = watch.position_notifies;

    studio_player_seek (player, SECONDS (2.5));
    g_assert_cmpuint (watch.position_notifies, >, before);
  }
  wait_position_notify (player, &watch);
  g_assert_cmpint (ABS (studio_player_get_position_us (player) - SECONDS (2.5)), <, SECONDS (0.1));
  g_assert_false (studio_player_get_playing (player));

  /* Playing goes on from there, never from the start. */
  watch.min_position_us = G_MAXINT64;
  studio_player_play (player);
  g_assert_true (studio_player_get_playing (player));
  g_assert_cmpuint (watch.playing_notifies, ==, 1);
  wait_past (player, &watch, SECONDS (2.6));
  g_assert_true (studio_player_get_playing (player));
  g_assert_cmpint (watch.min_position_us, >, SECONDS (2.4));

  /* Seeking while playing goes on playing from the new place. */
  watch.min_position_us = G_MAXINT64;
  studio_player_seek (player, SECONDS (1));
  g_assert_cmpint (studio_player_get_position_us (player), ==, SECONDS (1));
  wait_past (player, &watch, SECONDS (1.2));
  g_assert_true (studio_player_get_playing (player));
  g_assert_cmpint (watch.min_position_us, >, SECONDS (0.9));
  g_assert_cmpint (watch.min_position_us, <, SECONDS (1.2));

  /* Paused, it stays put; stopped, it is back at the start. */
  studio_player_pause (player);
  g_assert_false (studio_player_get_playing (player));
  studio_player_stop (player);
  g_assert_false (studio_player_get_playing (player));
  g_assert_cmpint (studio_player_get_position_us (player), ==, 0);

  /* A seek asked before the file is prerolled is made once it is. */
  studio_player_set_file (player, five_seconds);
  studio_player_seek (player, SECONDS (3));
  g_assert_cmpint (studio_player_get_position_us (player), ==, SECONDS (3));
  watch.min_position_us = G_MAXINT64;
  studio_player_play (player);
  wait_past (player, &watch, SECONDS (3.1));
  g_assert_cmpint (watch.min_position_us, >, SECONDS (2.9));

  g_assert_null (watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

static void
test_player_rate (void)
{
  g_autoptr(StudioPlayer) player = new_player ();
  Watch watch;
  double speed;

  watch_player (player, &watch);
  g_assert_cmpfloat (studio_player_get_rate (player), ==, 1.0);
  studio_player_set_file (player, five_seconds);
  wait_until (&watch, "the duration", has_duration, player);

  studio_player_play (player);
  wait_past (player, &watch, SECONDS (0.1));

  studio_player_set_rate (player, 2.0);
  g_assert_cmpfloat (studio_player_get_rate (player), ==, 2.0);
  g_assert_cmpuint (watch.rate_notifies, ==, 1);
  speed = measure_speed (player, &watch, 0.6);
  g_test_message ("At 2×, %.2f seconds of audio a second", speed);
  g_assert_cmpfloat (speed, >, 1.4);
  g_assert_cmpfloat (speed, <, 3.0);
  g_assert_true (studio_player_get_playing (player));

  studio_player_set_rate (player, 0.5);
  g_assert_cmpfloat (studio_player_get_rate (player), ==, 0.5);
  g_assert_cmpuint (watch.rate_notifies, ==, 2);
  speed = measure_speed (player, &watch, 0.6);
  g_test_message ("At 0.5×, %.2f seconds of audio a second", speed);
  g_assert_cmpfloat (speed, >, 0.2);
  g_assert_cmpfloat (speed, <, 0.8);

  /* Out of range is clamped; the same rate again is no change. */
  studio_player_set_rate (player, 5.0);
  g_assert_cmpfloat (studio_player_get_rate (player), ==, STUDIO_PLAYER_MAX_RATE);
  g_assert_cmpuint (watch.rate_notifies, ==, 3);
  studio_player_set_rate (player, 2.0);
  g_assert_cmpuint (watch.rate_notifies, ==, 3);
  g_object_set (player, "rate", 1.0, NULL);
  g_assert_cmpuint (watch.rate_notifies, ==, 4);

  g_assert_null (watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

static void
test_player_eos (void)
{
  g_autoptr(StudioPlayer) player = new_player ();
  Watch watch;

  watch_player (player, &watch);
  studio_player_set_file (player, five_seconds);
  wait_until (&watch, "the duration", has_duration, player);

  studio_player_seek (player, SECONDS (4.6));
  studio_player_play (player);
  wait_until (&watch, "the end", has_ended, player);
  g_assert_cmpuint (watch.eos, ==, 1);
  g_assert_false (studio_player_get_playing (player));
  g_assert_cmpint (studio_player_get_position_us (player), ==,
                   studio_player_get_duration_us (player));

  /* Playing again starts over. */
  watch.min_position_us = G_MAXINT64;
  studio_player_play (player);
  g_assert_true (studio_player_get_playing (player));
  wait_past (player, &watch, SECONDS (0.1));
  g_assert_cmpint (watch.min_position_us, <, SECONDS (0.1));
  studio_player_stop (player);
  g_assert_false (studio_player_get_playing (player));
  g_assert_cmpint (studio_player_get_position_us (player), ==, 0);

  g_assert_null (watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

static void
test_player_not_audio (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "noise.ogg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StudioPlayer) player = new_player ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  guint8 bytes[16384];
  Watch watch;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  watch_player (player, &watch);
  studio_player_set_file (player, file);
  studio_player_play (player);
  wait_until (&watch, "an error", has_error, player);

  g_test_message ("%s", watch.error->message);
  g_assert_true (watch.error->domain == STUDIO_MEDIA_ERROR);
  g_assert_true (watch.error->code == STUDIO_MEDIA_ERROR_NOT_AUDIO ||
                 watch.error->code == STUDIO_MEDIA_ERROR_CORRUPT);
  g_assert_false (studio_player_get_playing (player));
  g_assert_cmpint (studio_player_get_duration_us (player), ==, -1);
  g_assert_cmpuint (watch.eos, ==, 0);

  /* Playing tries again, and fails the same way. */
  g_clear_error (&watch.error);
  studio_player_play (player);
  wait_until (&watch, "an error", has_error, player);
  g_assert_true (watch.error->domain == STUDIO_MEDIA_ERROR);
  g_assert_false (studio_player_get_playing (player));

  /* A file that is gone says so, not that a device is missing. */
  g_clear_error (&watch.error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  studio_player_set_file (player, file);
  wait_until (&watch, "an error", has_error, player);
  g_test_message ("%s", watch.error->message);
  g_assert_error (watch.error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED);

  g_clear_error (&watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

/* A video with no sound track: playbin, told to play audio only, would
 * preroll it and play nothing.
 */
static void
test_player_video_only (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "video.ogg", NULL);
  g_autofree char *description = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(StudioPlayer) player = new_player ();
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  Watch watch;

  description = g_strdup_printf ("videotestsrc num-buffers=10 ! video/x-raw,width=64,height=48 ! "
                                 "theoraenc ! oggmux ! filesink location=\"%s\"", path);
  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  watch_player (player, &watch);
  studio_player_set_file (player, file);
  studio_player_play (player);
  wait_until (&watch, "an error", has_error, player);

  g_test_message ("%s", watch.error->message);
  g_assert_error (watch.error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO);
  g_assert_false (studio_player_get_playing (player));

  g_clear_error (&watch.error);
  g_unlink (path);
  g_assert_finalize_object (g_steal_pointer (&player));
}

static void
test_player_no_output (void)
{
  g_autoptr(StudioPlayer) player = studio_player_new ();
  GstElement *sink = gst_element_factory_make ("pulsesink", NULL);
  Watch watch;

  /* An output that cannot be opened: a sound server that is not there. */
  g_assert_nonnull (sink);
  g_object_set (sink, "server", "unix:/nonexistent/studio-pulse", NULL);
  studio_player_set_audio_sink (player, sink);
  watch_player (player, &watch);
  studio_player_set_file (player, five_seconds);
  studio_player_play (player);
  wait_until (&watch, "an error", has_error, player);

  g_test_message ("%s", watch.error->message);
  g_assert_error (watch.error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_OUTPUT);
  g_assert_false (studio_player_get_playing (player));

  g_clear_error (&watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

/* The default output: PulseAudio's null sink under headless.sh. */
static void
test_player_default_sink (void)
{
  g_autoptr(StudioPlayer) player = studio_player_new ();
  Watch watch;

  watch_player (player, &watch);
  studio_player_set_file (player, five_seconds);
  wait_until (&watch, "the duration", has_duration, player);

  studio_player_play (player);
  wait_past (player, &watch, SECONDS (0.3));
  g_assert_true (studio_player_get_playing (player));
  studio_player_pause (player);
  g_assert_false (studio_player_get_playing (player));

  g_assert_null (watch.error);
  g_assert_finalize_object (g_steal_pointer (&player));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (studio_media_init (&error));
  g_assert_no_error (error);

  tmp_dir = g_dir_make_tmp ("studio-player-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "five-seconds.ogg", NULL);
  make_audio_file (path, 5.0);
  five_seconds = g_file_new_for_path (path);

  g_test_add_func ("/studio/player/duration", test_player_duration);
  g_test_add_func ("/studio/player/seek", test_player_seek);
  g_test_add_func ("/studio/player/rate", test_player_rate);
  g_test_add_func ("/studio/player/eos", test_player_eos);
  g_test_add_func ("/studio/player/not-audio", test_player_not_audio);
  g_test_add_func ("/studio/player/video-only", test_player_video_only);
  g_test_add_func ("/studio/player/no-output", test_player_no_output);
  g_test_add_func ("/studio/player/default-sink", test_player_default_sink);

  ret = g_test_run ();

  g_unlink (path);
  g_rmdir (tmp_dir);
  g_clear_object (&five_seconds);
  g_free (tmp_dir);

  return ret;
}
