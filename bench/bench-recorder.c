/* bench-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records ten seconds with a level meter connected, as the Transcribe page
 * does, and prints what it cost: the process's CPU over the first half;
 * over the second half, the longest the main loop went without running a
 * 1 ms timeout (a stall the meter would show as a frozen window; on a
 * loaded machine the scheduler adds to it) and the longest one main-loop
 * iteration spent dispatching, poll left out (the work the recorder puts
 * on the main thread); and the bytes written against the estimate.
 *
 * Usage: bench-recorder [--pulse] [SECONDS]. Records from a live test
 * noise, or with --pulse from PulseAudio's default source (under
 * build-aux/headless.sh that is the null sink's monitor, silent and
 * sending nothing unless something plays into the sink).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "studio-audio-encode.h"
#include "studio-media-error.h"
#include "studio-recorder.h"

typedef struct
{
  gint64   last_tick;
  gint64   max_gap;
  gint64   max_handler;
  gint64   max_dispatch;
  gint64   poll_us;
  guint    n_levels;
  double   meter;
  gboolean stopped;
} Bench;

static gint64
cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static Bench *poll_bench;

static int
timed_poll (GPollFD *fds,
            guint    n_fds,
            int      timeout)
{
  gint64 start = g_get_monotonic_time ();
  int ret = g_poll (fds, n_fds, timeout);

  poll_bench->poll_us += g_get_monotonic_time () - start;
  return ret;
}

static void
iterate (Bench *bench)
{
  gint64 start = g_get_monotonic_time ();

  bench->poll_us = 0;
  g_main_context_iteration (NULL, TRUE);
  bench->max_dispatch = MAX (bench->max_dispatch,
                             g_get_monotonic_time () - start - bench->poll_us);
}

static gboolean
tick_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick != 0)
    bench->max_gap = MAX (bench->max_gap, now - bench->last_tick);
  bench->last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* What a level bar does with a level: keep a smoothed value to draw. */
static void
level_cb (StudioRecorder *recorder,
          double          rms_db,
          double          peak_db,
          Bench          *bench)
{
  gint64 start = g_get_monotonic_time ();

  bench->meter = 0.7 * bench->meter + 0.3 * CLAMP ((rms_db + 60.0) / 60.0, 0.0, 1.0);
  bench->n_levels++;
  bench->max_handler = MAX (bench->max_handler, g_get_monotonic_time () - start);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_recorder_stop_finish (STUDIO_RECORDER (object), result, &error))
    g_printerr ("Stopping failed: %s\n", error->message);
  bench->stopped = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StudioRecorder) recorder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Bench bench = { 0, };
  gboolean pulse = argc > 1 && g_strcmp0 (argv[1], "--pulse") == 0;
  double seconds = argc > 1 + pulse ? g_ascii_strtod (argv[1 + pulse], NULL) : 10.0;
  gint64 wall_start;
  gint64 half;
  gint64 cpu_start;
  gint64 wall;
  gint64 cpu;
  gint64 elapsed_us;
  guint64 bytes;
  guint tick;
  double load[1] = { 0, };

  if (seconds <= 0)
    seconds = 10.0;

  if (!studio_media_init (&error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  dir = g_dir_make_tmp ("bench-recorder-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  path = g_build_filename (dir, "recording.ogg", NULL);
  file = g_file_new_for_path (path);

  recorder = studio_recorder_new ();
  if (!pulse)
    studio_recorder_set_source_description (recorder,
                                            "audiotestsrc is-live=true wave=pink-noise ! "
                                            "capsfilter caps=\"audio/x-raw,rate=48000,channels=1\"");
  g_signal_connect (recorder, "level", G_CALLBACK (level_cb), &bench);
  printf ("source: %s\n", pulse ? "pulsesrc (system default)"
                                : "audiotestsrc is-live=true, 48 kHz mono");

  poll_bench = &bench;
  g_main_context_set_poll_func (NULL, timed_poll);
  wall_start = g_get_monotonic_time ();
  cpu_start = cpu_us ();

  if (!studio_recorder_start (recorder, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The 1 ms timeout costs CPU of its own: it only runs in the second half. */
  half = seconds * G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () - wall_start < half)
    iterate (&bench);
  wall = g_get_monotonic_time () - wall_start;
  cpu = cpu_us () - cpu_start;

  tick = g_timeout_add (1, tick_cb, &bench);
  bench.max_dispatch = 0;
  while (g_get_monotonic_time () - wall_start < 2 * half)
    iterate (&bench);

  studio_recorder_stop_async (recorder, NULL, stopped_cb, &bench);
  while (!bench.stopped)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  elapsed_us = studio_recorder_get_elapsed_us (recorder);
  bytes = studio_recorder_get_bytes_written (recorder);

  printf ("recorded: %.2f s\n", (double) elapsed_us / G_USEC_PER_SEC);
  printf ("cpu: %.2f %% of one core\n", 100.0 * cpu / MAX (wall, 1));
  printf ("main-loop-stall: %.2f ms\n", bench.max_gap / 1000.0);
  printf ("main-loop-dispatch-max: %.2f ms\n", bench.max_dispatch / 1000.0);
  printf ("level-handler-max: %.3f ms\n", bench.max_handler / 1000.0);
  if (getloadavg (load, 1) == 1)
    printf ("load-average: %.2f\n", load[0]);
  printf ("levels: %.1f per s\n", bench.n_levels * (double) G_USEC_PER_SEC / MAX (elapsed_us, 1));
  printf ("bytes-per-second: %.0f B/s\n", bytes * (double) G_USEC_PER_SEC / MAX (elapsed_us, 1));
  printf ("estimated-bytes-per-second: %" G_GUINT64_FORMAT " B/s\n",
          studio_audio_estimate_bytes (G_USEC_PER_SEC));
  printf ("loudest: %.1f dBFS\n", studio_recorder_get_loudest_db (recorder));

  g_unlink (path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
