/* bench-transcribe-upload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 25 MB audio file sent to /audio/transcriptions by a
 * StudioTranscriptionJob, against the fake server running in a child
 * process (this program again, with --serve), so that the server's copy of
 * the body is not counted: the peak memory of the sending process while it
 * uploads, over its baseline before the upload. The goal is that the file
 * is streamed from disk, never held whole: a peak far below 25 MB.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "studio-fake-server.h"
#include "studio-transcription-job.h"

#define FILE_BYTES (25 * 1000 * 1000)
#define PATH "/v1/audio/transcriptions"

static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, field)))
    return -1;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

static gboolean
stdin_closed_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The child: a fake server that answers one transcription, until its
 * parent closes its stdin.
 */
static int
serve (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  studio_fake_server_push (server, PATH, 200, "application/json",
                           "{\"text\":\"Twenty-five megabytes of silence.\"}", NULL);
  printf ("%s\n", studio_fake_server_get_base_url (server));
  fflush (stdout);

  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}

/* A WAV header, then silence: sniffed as audio, streamed as it is. */
static GFile *
write_audio (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "long.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, 0, NULL, NULL);
  g_autofree guint8 *block = g_malloc0 (1 << 20);
  static const guint8 header[] = {
    'R', 'I', 'F', 'F', 0xff, 0xff, 0xff, 0x7f, 'W', 'A', 'V', 'E',
    'f', 'm', 't', ' ', 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x80, 0x3e, 0x00, 0x00, 0x00, 0x7d, 0x00, 0x00, 0x02, 0x00, 0x10, 0x00,
    'd', 'a', 't', 'a', 0xff, 0xff, 0xff, 0x7f,
  };
  gsize written = 0;

  memcpy (block, header, sizeof header);
  while (written < FILE_BYTES)
    {
      gsize n = MIN ((gsize) (1 << 20), FILE_BYTES - written);

      g_output_stream_write_all (G_OUTPUT_STREAM (stream), block, n, NULL, NULL, NULL);
      memset (block, 0, sizeof header);
      written += n;
    }
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);

  return g_steal_pointer (&file);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_transcription_job_run_finish (STUDIO_TRANSCRIPTION_JOB (object), result, &error))
    g_printerr ("upload failed: %s\n", error->message);
  *done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *child_argv[] = { argv[0], "--serve", NULL };
  g_autoptr(StudioClient) client = NULL;
  g_autoptr(StudioModel) model = NULL;
  g_autoptr(StudioTranscriptionJob) job = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) output = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base_url = NULL;
  StudioTranscriptionOptions options = { .response_format = "json" };
  gboolean done = FALSE;
  double base, peak;
  gint64 started;
  GPid pid;
  int child_in, child_out;

  if (argc > 1 && g_str_equal (argv[1], "--serve"))
    return serve ();

  dir = g_dir_make_tmp ("bench-transcribe-upload-XXXXXX", NULL);
  file = write_audio (dir);

  if (!g_spawn_async_with_pipes (NULL, (char **) child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &pid, &child_in, &child_out, NULL, &error))
    g_error ("%s", error->message);
  output = g_io_channel_unix_new (child_out);
  g_io_channel_read_line (output, &base_url, NULL, NULL, NULL);
  g_strchomp (base_url);

  client = studio_client_new ();
  studio_client_set_base_url (client, base_url);
  studio_client_set_api_key (client, "sk-bench-not-a-real-key");
  model = studio_fake_model_new ("whisper-1");
  job = studio_transcription_job_new (client, model, &options);
  studio_transcription_job_add_piece (job, file, 0, NULL);

  base = status_mib ("VmHWM:");
  started = g_get_monotonic_time ();
  studio_transcription_job_run_async (job, NULL, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  peak = status_mib ("VmHWM:");

  printf ("upload: %.1f MB in %.2f s; VmHWM %.1f MiB before, %.1f MiB after; "
          "peak over the baseline %.1f MiB (the file is %.1f MiB)\n",
          FILE_BYTES / 1e6, (g_get_monotonic_time () - started) / 1e6, base, peak, peak - base,
          FILE_BYTES / 1048576.0);

  close (child_in);
  g_spawn_close_pid (pid);
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
  return 0;
}
