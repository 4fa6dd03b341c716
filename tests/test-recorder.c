/* test-recorder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "studio-audio-devices.h"
#include "studio-media-error.h"
#include "studio-recorder.h"

/* Set in the copy of this program that the SIGKILL test starts. */
#define CHILD_ENV "STUDIO_TEST_RECORDER_CHILD"

#define TONE "audiotestsrc is-live=true wave=sine freq=440 volume=0.5"

static const char *test_program;

typedef struct
{
  char           *dir;
  char           *path;
  GFile          *file;
  StudioRecorder *recorder;
  GError         *failure;
  guint           n_levels;
  guint           n_elapsed_notifies;
  guint           n_stopped;
  gboolean        failed_before_stopped;
  gboolean        stop_done;
} Fixture;

static void
on_level_cb (StudioRecorder *recorder,
             double          rms_db,
             double          peak_db,
             Fixture        *fixture)
{
  g_assert_cmpfloat (rms_db, <=, peak_db + 0.001);
  g_assert_cmpfloat (peak_db, <=, 0.001);
  fixture->n_levels++;
}

static void
on_failed_cb (StudioRecorder *recorder,
              const GError   *error,
              Fixture        *fixture)
{
  g_assert_null (fixture->failure);
  g_assert_cmpuint (fixture->n_stopped, ==, 0);
  fixture->failure = g_error_copy (error);
}

static void
on_stopped_cb (StudioRecorder *recorder,
               Fixture        *fixture)
{
  fixture->failed_before_stopped = fixture->failure != NULL;
  fixture->n_stopped++;
  g_assert_cmpint (studio_recorder_get_state (recorder), ==, STUDIO_RECORDER_IDLE);
}

static void
on_elapsed_cb (StudioRecorder *recorder,
               GParamSpec     *pspec,
               Fixture        *fixture)
{
  fixture->n_elapsed_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-recorder-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "recording.ogg", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->recorder = studio_recorder_new ();
  g_signal_connect (fixture->recorder, "level", G_CALLBACK (on_level_cb), fixture);
  g_signal_connect (fixture->recorder, "failed", G_CALLBACK (on_failed_cb), fixture);
  g_signal_connect (fixture->recorder, "stopped", G_CALLBACK (on_stopped_cb), fixture);
  g_signal_connect (fixture->recorder, "notify::elapsed-us", G_CALLBACK (on_elapsed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->recorder);
  g_clear_object (&fixture->file);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_error (&fixture->failure);
}

static gboolean
under_pulseaudio (void)
{
  return g_getenv ("PULSE_SERVER") != NULL && g_getenv ("PULSE_SINK") != NULL;
}

static void
pactl (const char  *arguments,
       char       **output)
{
  g_autofree char *command = g_strdup_printf ("pactl %s", arguments);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command, output, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (output != NULL)
    g_strstrip (*output);
}

static GstPadProbeReturn
count_decoded_cb (GstPad          *pad,
                  GstPadProbeInfo *info,
                  gpointer         user_data)
{
  GstClockTime *extent = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);

  g_assert_true (GST_BUFFER_PTS_IS_VALID (buffer));
  g_assert_true (GST_BUFFER_DURATION_IS_VALID (buffer));
  if (extent[0] == GST_CLOCK_TIME_NONE || GST_BUFFER_PTS (buffer) < extent[0])
    extent[0] = GST_BUFFER_PTS (buffer);
  if (extent[1] == GST_CLOCK_TIME_NONE ||
      GST_BUFFER_PTS (buffer) + GST_BUFFER_DURATION (buffer) > extent[1])
    extent[1] = GST_BUFFER_PTS (buffer) + GST_BUFFER_DURATION (buffer);

  return GST_PAD_PROBE_OK;
}

/* Decodes the whole file, as a player would, and returns how long the
 * decoded sound is, in seconds.
 */
static double
decode_seconds (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstPad) pad = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  GstClockTime extent[2] = { GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE };

  pipeline = gst_parse_launch ("filesrc name=src ! decodebin ! audioconvert ! "
                               "fakesink name=sink sync=false", &error);
  g_assert_no_error (error);
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "location", path, NULL);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_decoded_cb, extent, NULL);

  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  message = gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      gst_message_parse_error (message, &error, NULL);
      g_assert_no_error (error);
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  g_assert_cmpuint (extent[0], !=, GST_CLOCK_TIME_NONE);
  return (double) (extent[1] - extent[0]) / GST_SECOND;
}

static void
wait_for_elapsed (StudioRecorder *recorder,
                  gint64          elapsed_us)
{
  while (studio_recorder_get_elapsed_us (recorder) < elapsed_us)
    {
      g_assert_cmpint (studio_recorder_get_state (recorder), ==, STUDIO_RECORDER_RECORDING);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_recorder_stop_finish (STUDIO_RECORDER (object), result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_stopped, ==, 1);
  fixture->stop_done = TRUE;
}

static void
stop_and_wait (Fixture *fixture)
{
  studio_recorder_stop_async (fixture->recorder, NULL, stopped_cb, fixture);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_STOPPING);
  while (!fixture->stop_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
}

static void
test_record (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  double elapsed;
  double seconds;

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_cmpfloat (studio_recorder_get_loudest_db (fixture->recorder), ==, -G_MAXDOUBLE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_RECORDING);
  g_assert_true (studio_recorder_get_file (fixture->recorder) == fixture->file);

  wait_for_elapsed (fixture->recorder, 2 * G_USEC_PER_SEC);
  stop_and_wait (fixture);

  g_assert_null (fixture->failure);
  /* About 20 levels a second, ten notifications of the time. */
  g_assert_cmpuint (fixture->n_levels, >=, 20);
  g_assert_cmpuint (fixture->n_elapsed_notifies, >=, 8);
  /* A sine at half scale peaks at about -6 dBFS. */
  g_assert_cmpfloat (studio_recorder_get_loudest_db (fixture->recorder), >, -10.0);
  g_assert_cmpfloat (studio_recorder_get_loudest_db (fixture->recorder), <, 0.0);
  g_assert_cmpuint (studio_recorder_get_bytes_written (fixture->recorder), >, 2000);

  elapsed = (double) studio_recorder_get_elapsed_us (fixture->recorder) / G_USEC_PER_SEC;
  seconds = decode_seconds (fixture->path);
  g_test_message ("recorded %.3f s, decoded %.3f s", elapsed, seconds);
  g_assert_cmpfloat_with_epsilon (seconds, 2.0, 0.3);
  g_assert_cmpfloat_with_epsilon (seconds, elapsed, 0.3);

  /* Stopping again is harmless; the file stays known. */
  fixture->stop_done = FALSE;
  studio_recorder_stop_async (fixture->recorder, NULL, stopped_cb, fixture);
  while (!fixture->stop_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (studio_recorder_get_file (fixture->recorder) == fixture->file);
}

static void
test_pause (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 at_pause;
  double seconds;

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);

  wait_for_elapsed (fixture->recorder, G_USEC_PER_SEC);
  studio_recorder_pause (fixture->recorder);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_PAUSED);
  /* What was in flight when pausing may still come through. */
  wait_ms (200);
  at_pause = studio_recorder_get_elapsed_us (fixture->recorder);
  wait_ms (1200);
  g_assert_cmpint (studio_recorder_get_elapsed_us (fixture->recorder), <=, at_pause + 50000);

  studio_recorder_resume (fixture->recorder);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_RECORDING);
  wait_for_elapsed (fixture->recorder, 2 * G_USEC_PER_SEC);
  stop_and_wait (fixture);

  seconds = decode_seconds (fixture->path);
  g_test_message ("decoded %.3f s after a pause of 1.4 s", seconds);
  g_assert_cmpfloat_with_epsilon (seconds, 2.0, 0.3);
}

static void
test_stop_while_paused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  wait_for_elapsed (fixture->recorder, G_USEC_PER_SEC);
  studio_recorder_pause (fixture->recorder);
  stop_and_wait (fixture);

  g_assert_cmpfloat_with_epsilon (decode_seconds (fixture->path), 1.0, 0.3);
}

static void
test_stop_now (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  wait_for_elapsed (fixture->recorder, G_USEC_PER_SEC);

  studio_recorder_stop_now (fixture->recorder);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
  g_assert_cmpuint (fixture->n_stopped, ==, 1);
  g_assert_cmpfloat_with_epsilon (decode_seconds (fixture->path), 1.0, 0.3);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (studio_recorder_stop_finish (STUDIO_RECORDER (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fixture->stop_done = TRUE;
}

/* Cancelling closes the file at once; what reached it still plays. */
static void
test_stop_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  wait_for_elapsed (fixture->recorder, G_USEC_PER_SEC);

  g_cancellable_cancel (cancellable);
  studio_recorder_stop_async (fixture->recorder, cancellable, cancelled_cb, fixture);
  while (!fixture->stop_done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->n_stopped, ==, 1);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
  g_assert_cmpfloat (decode_seconds (fixture->path), >=, 0.4);
}

/* Signals come on the context that was the thread's default at start(),
 * even with the global default context never iterated.
 */
static void
test_own_context (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);

  while (fixture->n_levels < 10)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (fixture->n_elapsed_notifies, >=, 1);

  /* A GTask calls back on the context that was the default when made. */
  g_main_context_push_thread_default (context);
  studio_recorder_stop_async (fixture->recorder, NULL, stopped_cb, fixture);
  g_main_context_pop_thread_default (context);
  while (!fixture->stop_done)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpfloat (decode_seconds (fixture->path), >=, 0.4);
}

static void
test_source_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* audiotestsrc gives 1024 samples at 44.1 kHz a buffer: 50 is 1.16 s. */
  studio_recorder_set_source_description (fixture->recorder,
                                          TONE " ! identity error-after=50");
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);

  while (fixture->n_stopped == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (fixture->failed_before_stopped);
  g_assert_error (fixture->failure, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_DEVICE_LOST);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
  g_assert_cmpfloat_with_epsilon (decode_seconds (fixture->path), 1.1, 0.3);
}

/* The chosen device goes away for real: a sink's monitor, the sink unloaded
 * while a tone plays into it. PulseAudio would move the recording to
 * another source; the recorder stops instead.
 */
static void
test_device_unplugged (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioAudioDevices) devices = NULL;
  g_autoptr(GstElement) player = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *module = NULL;
  g_autofree char *arguments = NULL;
  StudioAudioDevice *device;

  if (!under_pulseaudio ())
    {
      g_test_skip ("Needs PulseAudio: run under build-aux/headless.sh");
      return;
    }

  pactl ("load-module module-null-sink sink_name=studio_unplug", &module);
  /* An idle null sink's monitor sends nothing at all. */
  player = gst_parse_launch ("audiotestsrc is-live=true ! pulsesink device=studio_unplug", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_element_set_state (player, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);

  devices = studio_audio_devices_new ();
  device = studio_audio_devices_find (devices, "studio_unplug.monitor");
  g_assert_nonnull (device);
  studio_recorder_set_device (fixture->recorder, device);
  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  wait_for_elapsed (fixture->recorder, G_USEC_PER_SEC);

  arguments = g_strdup_printf ("unload-module %s", module);
  pactl (arguments, NULL);
  while (fixture->n_stopped == 0)
    g_main_context_iteration (NULL, TRUE);
  gst_element_set_state (player, GST_STATE_NULL);

  g_assert_true (fixture->failed_before_stopped);
  g_assert_error (fixture->failure, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_DEVICE_LOST);
  g_test_message ("%s", fixture->failure->message);
  g_assert_cmpfloat (decode_seconds (fixture->path), >=, 0.7);
  g_assert_finalize_object (g_steal_pointer (&devices));
}

static void
test_start_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "recording.ogg", NULL);

  file = g_file_new_for_path (path);
  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_false (studio_recorder_start (fixture->recorder, file, &error));
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_WRITE);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
  g_clear_error (&error);

  studio_recorder_set_source_description (fixture->recorder, "audiotestsrc ! nonexistentelement");
  g_assert_false (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED);
  g_clear_error (&error);

  /* A microphone that went away between listing and recording. */
  if (under_pulseaudio ())
    {
      studio_recorder_set_source_description (fixture->recorder,
                                              "pulsesrc device=studio_no_such_source");
      /* PulseAudio answers after start() returned: the failure comes later. */
      g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
      g_assert_no_error (error);
      while (fixture->n_stopped == 0)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (fixture->failed_before_stopped);
      g_assert_error (fixture->failure, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_DEVICE);
      g_test_message ("%s", fixture->failure->message);
    }
}

static void
espeak_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static void
test_speech_from_monitor (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(StudioAudioDevices) devices = NULL;
  g_autoptr(GSubprocess) espeak = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *espeak_path = g_find_program_in_path ("espeak-ng");
  g_autofree char *id = NULL;
  StudioAudioDevice *device;
  gboolean spoken = FALSE;

  if (!under_pulseaudio ())
    {
      g_test_skip ("Needs PulseAudio: run under build-aux/headless.sh");
      return;
    }
  if (espeak_path == NULL)
    {
      g_test_skip ("Needs espeak-ng to speak into the null sink");
      return;
    }

  id = g_strdup_printf ("%s.monitor", g_getenv ("PULSE_SINK"));
  devices = studio_audio_devices_new ();
  device = studio_audio_devices_find (devices, id);
  g_assert_nonnull (device);
  g_assert_true (studio_audio_device_is_monitor (device));
  studio_recorder_set_device (fixture->recorder, device);

  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
  espeak = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, espeak_path,
                             "The quick brown fox jumps over the lazy dog.", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (espeak, NULL, espeak_done_cb, &spoken);
  while (!spoken)
    g_main_context_iteration (NULL, TRUE);
  /* What was played last has to come back through the monitor. */
  wait_for_elapsed (fixture->recorder, studio_recorder_get_elapsed_us (fixture->recorder) + 300000);
  stop_and_wait (fixture);

  g_test_message ("loudest %.1f dBFS", studio_recorder_get_loudest_db (fixture->recorder));
  g_assert_null (fixture->failure);
  g_assert_cmpfloat (studio_recorder_get_loudest_db (fixture->recorder), >, -30.0);
  g_assert_cmpfloat (decode_seconds (fixture->path), >=, 1.0);
}

static gboolean
file_grew (const char *path,
           goffset     size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL && g_file_info_get_size (info) > size;
}

static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  goffset size;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, CHILD_ENV, fixture->path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, test_program, NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "recording");

  /* A page or two more reaches the disk; then the process dies at once. */
  file = g_file_new_for_path (fixture->path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &error);
  g_assert_no_error (error);
  size = g_file_info_get_size (info);
  while (!file_grew (fixture->path, size + 1000))
    wait_ms (50);

  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  g_assert_cmpfloat (decode_seconds (fixture->path), >=, 1.5);
}

/* The child of test_killed: records until killed. */
static int
run_child (const char *path)
{
  g_autoptr(StudioRecorder) recorder = studio_recorder_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  studio_recorder_set_source_description (recorder, TONE);
  if (!studio_recorder_start (recorder, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  wait_for_elapsed (recorder, 2 * G_USEC_PER_SEC);
  printf ("recording\n");
  fflush (stdout);

  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_devices (void)
{
  g_autoptr(StudioAudioDevices) devices = NULL;
  g_autofree char *id = NULL;
  g_autofree char *module = NULL;
  g_autofree char *arguments = NULL;
  StudioAudioDevice *device;
  gboolean seen_monitor = FALSE;
  guint n_changes = 0;
  guint n_items;

  if (!under_pulseaudio ())
    {
      g_test_skip ("Needs PulseAudio: run under build-aux/headless.sh");
      return;
    }

  devices = studio_audio_devices_new ();
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (devices)) == STUDIO_TYPE_AUDIO_DEVICE);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (devices));
  g_assert_cmpuint (n_items, >=, 1);
  g_assert_cmpuint (studio_audio_devices_get_default_position (devices), <, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioAudioDevice) item = g_list_model_get_item (G_LIST_MODEL (devices), i);
      g_autofree char *name = NULL;

      g_assert_true (STUDIO_IS_AUDIO_DEVICE (item));
      g_object_get (item, "name", &name, NULL);
      g_assert_cmpstr (name, ==, studio_audio_device_get_name (item));
      g_assert_cmpstr (studio_audio_device_get_id (item), !=, "");
      /* Real inputs first. */
      if (seen_monitor)
        g_assert_true (studio_audio_device_is_monitor (item));
      seen_monitor |= studio_audio_device_is_monitor (item);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (devices), n_items));

  id = g_strdup_printf ("%s.monitor", g_getenv ("PULSE_SINK"));
  device = studio_audio_devices_find (devices, id);
  g_assert_nonnull (device);
  g_assert_true (studio_audio_device_is_monitor (device));
  g_assert_null (studio_audio_devices_find (devices, "studio_hotplug.monitor"));

  g_signal_connect (devices, "items-changed", G_CALLBACK (items_changed_cb), &n_changes);
  pactl ("load-module module-null-sink sink_name=studio_hotplug", &module);
  while (studio_audio_devices_find (devices, "studio_hotplug.monitor") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changes, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (devices)), ==, n_items + 1);

  arguments = g_strdup_printf ("unload-module %s", module);
  pactl (arguments, NULL);
  while (studio_audio_devices_find (devices, "studio_hotplug.monitor") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (devices)), ==, n_items);
  g_assert_nonnull (studio_audio_devices_find (devices, id));

  g_signal_handlers_disconnect_by_func (devices, items_changed_cb, &n_changes);
  g_assert_finalize_object (g_steal_pointer (&devices));
}

#define ADD_RECORDER_TEST(path, func) \
  g_test_add ("/studio/recorder/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *child_path = g_getenv (CHILD_ENV);

  test_program = argv[0];

  if (!studio_media_init (&error))
    g_error ("%s", error->message);

  if (child_path != NULL)
    return run_child (child_path);

  g_test_init (&argc, &argv, NULL);

  ADD_RECORDER_TEST ("record", test_record);
  ADD_RECORDER_TEST ("pause", test_pause);
  ADD_RECORDER_TEST ("stop-while-paused", test_stop_while_paused);
  ADD_RECORDER_TEST ("stop-now", test_stop_now);
  ADD_RECORDER_TEST ("stop-cancelled", test_stop_cancelled);
  ADD_RECORDER_TEST ("own-context", test_own_context);
  ADD_RECORDER_TEST ("source-fails", test_source_fails);
  ADD_RECORDER_TEST ("device-unplugged", test_device_unplugged);
  ADD_RECORDER_TEST ("start-fails", test_start_fails);
  ADD_RECORDER_TEST ("speech-from-monitor", test_speech_from_monitor);
  ADD_RECORDER_TEST ("killed", test_killed);
  g_test_add_func ("/studio/audio-devices/list", test_devices);

  return g_test_run ();
}
