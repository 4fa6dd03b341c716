/* bench-read-aloud.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gst/gst.h>
#include <stdio.h>
#include <string.h>

#include "studio-fake-server.h"
#include "studio-speech-session.h"

/* Read Aloud in Chat: the time from the token that completes a reply's
 * first sentence to the first audio of it at the sink, while the rest of
 * the reply still streams in (five characters every 50 ms, as a model
 * types). The session runs against the fake server, whose speech answer
 * (an MP3 streamed in 4 KiB chunks) starts at once, into a fakesink that
 * syncs to the clock as a sound card would.
 *
 *   bench-read-aloud [RUNS]   (from the source tree, or set STUDIO_SOURCE_DIR)
 */

#define SPEECH "/v1/audio/speech"
#define TOKEN_CHARS 5
#define TOKEN_INTERVAL_MS 50

static const char reply[] =
  "Here is how the tide works. The moon pulls on the oceans, and the water bulges toward it. "
  "A second bulge forms on the far side of the planet. As the earth turns, each coast passes "
  "through both bulges every day. That is why most places see two high tides. "
  "```python\nprint('tides')\n```\n"
  "The sun pulls too, but less. When both line up, tides are strongest.";

typedef struct
{
  GMutex  lock;
  gint64  first_buffer;
} Heard;

static void
handoff_cb (GstElement *sink,
            GstBuffer  *buffer,
            GstPad     *pad,
            Heard      *heard)
{
  g_mutex_lock (&heard->lock);
  if (heard->first_buffer == 0)
    heard->first_buffer = g_get_monotonic_time ();
  g_mutex_unlock (&heard->lock);
  g_main_context_wakeup (NULL);
}

static gint64
first_buffer (Heard *heard)
{
  gint64 value;

  g_mutex_lock (&heard->lock);
  value = heard->first_buffer;
  g_mutex_unlock (&heard->lock);

  return value;
}

static gboolean
wait_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop for @ms, so that the server, the client and the
 * player go on while the reply "types".
 */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static double
measure (StudioContext *context,
         GBytes        *audio,
         StudioFakeServer *server)
{
  g_autoptr(StudioSpeechSession) session = studio_speech_session_new (context);
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);
  g_autoptr(GError) error = NULL;
  Heard heard = { 0 };
  gint64 completed = 0;
  int owner;

  g_object_set (sink, "sync", TRUE, "signal-handoffs", TRUE, NULL);
  g_signal_connect (sink, "handoff", G_CALLBACK (handoff_cb), &heard);
  studio_speech_session_set_audio_sink (session, sink);

  for (guint i = 0; i < 4; i++)
    studio_fake_server_push_audio (server, SPEECH, "audio/mpeg", audio, 4096, 0,
                                   G_MAXSIZE, STUDIO_FAKE_STREAM_COMPLETE);

  if (studio_speech_session_follow (session, &owner, 1, &error) == NULL)
    g_error ("Read Aloud did not start: %s", error->message);

  for (gsize length = TOKEN_CHARS; ; length += TOKEN_CHARS)
    {
      g_autofree char *part = g_strndup (reply, MIN (length, strlen (reply)));
      gboolean final = length >= strlen (reply);

      /* The first sentence is complete once the space after its full stop
       * has arrived.
       */
      if (completed == 0 && strstr (part, "works. ") != NULL)
        completed = g_get_monotonic_time ();
      studio_speech_session_follow_update (session, &owner, part, final);
      if (final)
        break;
      spin (TOKEN_INTERVAL_MS);
    }

  while (first_buffer (&heard) == 0)
    g_main_context_iteration (NULL, TRUE);

  studio_speech_session_stop (session);
  while (g_main_context_iteration (NULL, FALSE));

  return (first_buffer (&heard) - completed) / 1000.0;
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
  g_autoptr(StudioFakeServer) server = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(StudioContext) context = NULL;
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GBytes) audio = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-read-aloud-XXXXXX", NULL);
  g_autofree char *history = g_build_filename (dir, "history.db", NULL);
  const char *srcdir = g_getenv ("STUDIO_SOURCE_DIR");
  g_autofree char *path = g_build_filename (srcdir ? srcdir : ".", "tests", "data", "speech",
                                            "a.mp3", NULL);
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 5;
  char *contents;
  gsize length;

  gst_init (&argc, &argv);
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Run from the source tree, or set STUDIO_SOURCE_DIR: %s", error->message);
  audio = g_bytes_new_take (contents, length);

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (server), TRUE);
  settings = g_settings_new ("org.example.OpenAIStudio");
  g_settings_set_string (settings, "speech-model", "tts-1");
  g_settings_set_string (settings, "speech-format", "mp3");
  context = studio_context_new (settings, history);
  studio_client_set_api_key (studio_context_get_client (context), "sk-bench");

  for (guint run = 0; run < runs; run++)
    {
      double figure = measure (context, audio, server);

      g_array_append_val (figures, figure);
    }
  g_array_sort (figures, compare_doubles);

  printf ("Read Aloud: first sentence's last token to its first audio at the sink\n");
  printf ("  median %.1f ms, best %.1f ms, worst %.1f ms (%u runs, reply streamed at %d chars per %d ms)\n",
          g_array_index (figures, double, runs / 2), g_array_index (figures, double, 0),
          g_array_index (figures, double, runs - 1), runs, TOKEN_CHARS, TOKEN_INTERVAL_MS);

  studio_context_shutdown (context);
  studio_fake_remove_tree (dir);

  return 0;
}
