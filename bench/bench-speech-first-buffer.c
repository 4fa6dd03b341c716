/* bench-speech-first-buffer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gst/gst.h>
#include <stdio.h>

#include "studio-fake-server.h"
#include "studio-speech-player.h"
#include "studio-speech-request.h"

/* How soon speech is heard: the time from the first byte of the answer to
 * the first buffer at the audio sink, for each format, played as it
 * downloads (the app) and downloaded whole first (what other clients do).
 * The fake server sends the fixture in 2 KiB chunks every 10 ms, like a
 * service that streams as it synthesizes; the sink is a fakesink that
 * syncs to the clock, as a sound card would.
 *
 *   bench-speech-first-buffer [RUNS]   (from the source or build tree)
 */

#define SPEECH "/v1/audio/speech"

typedef struct
{
  StudioSpeechPlayer *player;
  GByteArray         *whole;       /* download-then-play: the body so far */
  guint               piece;
  gint64              first_byte;
  GMutex              lock;
  gint64              first_buffer; /* written from the streaming thread */
  gboolean            done;
} Run;

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Run        *run)
{
  g_mutex_lock (&run->lock);
  if (run->first_buffer == 0)
    run->first_buffer = g_get_monotonic_time ();
  g_mutex_unlock (&run->lock);
}

static void
bytes_cb (const char *content_type,
          GBytes     *chunk,
          gpointer    user_data)
{
  Run *run = user_data;

  if (run->first_byte == 0)
    run->first_byte = g_get_monotonic_time ();

  if (run->whole != NULL)
    g_byte_array_append (run->whole, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  else
    studio_speech_player_push (run->player, run->piece, chunk);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_client_stream_bytes_finish (STUDIO_CLIENT (object), result, &error))
    g_error ("The download failed: %s", error->message);

  if (run->whole != NULL)
    {
      g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&run->whole));

      studio_speech_player_push (run->player, run->piece, bytes);
    }
  studio_speech_player_finish_piece (run->player, run->piece);
  run->done = TRUE;
}

static double
measure (StudioFakeServer *server,
         StudioClient     *client,
         GBytes           *audio,
         const char       *format,
         gboolean          streaming)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("tts-1");
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(StudioSpeechPlayer) player = studio_speech_player_new ();
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  Run run = { 0 };

  g_free (settings->format);
  settings->format = g_strdup (format);
  request = studio_speech_request_new (model, settings, "Hello.", NULL);

  g_object_set (sink, "sync", TRUE, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (handoff_cb), &run);
  studio_speech_player_set_audio_sink (player, sink);

  run.player = player;
  run.whole = streaming ? NULL : g_byte_array_new ();
  run.piece = studio_speech_player_add_piece (player, format);
  studio_speech_player_play (player);

  studio_fake_server_push_audio (server, SPEECH, studio_speech_format_get_mime_type (format),
                                 audio, 2048, 10, G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);
  studio_client_stream_bytes_async (client, request, bytes_cb, &run, NULL, NULL, done_cb, &run);

  for (;;)
    {
      gboolean heard;

      g_mutex_lock (&run.lock);
      heard = run.first_buffer != 0;
      g_mutex_unlock (&run.lock);
      if (heard && run.done)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  studio_speech_player_clear (player);

  return (run.first_buffer - run.first_byte) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const formats[] = { "mp3", "opus", "aac", "flac", "wav", "pcm" };
  g_autoptr(StudioFakeServer) server = NULL;
  g_autoptr(StudioClient) client = studio_client_new ();
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 5;
  const char *srcdir = g_getenv ("STUDIO_SOURCE_DIR");
  g_autofree char *tests = g_build_filename (srcdir ? srcdir : ".", "tests", NULL);

  gst_init (&argc, &argv);

  server = studio_fake_server_new (NULL);
  studio_client_set_base_url (client, studio_fake_server_get_base_url (server));
  studio_client_set_api_key (client, "sk-bench");

  printf ("First response byte to first buffer at the sink (median of %u runs, ms)\n", runs);
  printf ("%-6s %12s %22s\n", "format", "streaming", "download-then-play");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("a.%s", formats[i]);
      g_autofree char *path = g_build_filename (tests, "data", "speech", name, NULL);
      g_autoptr(GBytes) audio = NULL;
      g_autoptr(GError) error = NULL;
      char *contents;
      gsize length;
      g_autoptr(GArray) streamed = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) whole = g_array_new (FALSE, FALSE, sizeof (double));

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("Run from the source tree, or set STUDIO_SOURCE_DIR: %s", error->message);
      audio = g_bytes_new_take (contents, length);

      for (guint run = 0; run < runs; run++)
        {
          double a = measure (server, client, audio, formats[i], TRUE);
          double b = measure (server, client, audio, formats[i], FALSE);

          g_array_append_val (streamed, a);
          g_array_append_val (whole, b);
        }
      g_array_sort (streamed, compare_doubles);
      g_array_sort (whole, compare_doubles);
      printf ("%-6s %12.1f %22.1f\n", formats[i],
              g_array_index (streamed, double, runs / 2),
              g_array_index (whole, double, runs / 2));
    }

  return 0;
}
