/* bench-sse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SSE decoding throughput on a large stream shaped like a streamed chat
 * completion, fed in the 64 KiB reads the client makes.
 */

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "studio-sse-decoder.h"

static gboolean
count_cb (const char *event,
          const char *data,
          const char *id,
          gpointer    user_data)
{
  guint64 *count = user_data;

  (*count)++;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) stream = g_string_new (NULL);
  static const char *words[] = { "The", " quick", " brown", " fox", "\\n```c\\nint", " x", " = 1;", "\\n```",
                                 " | cell |", " caf\xc3\xa9", " \xf0\x9f\x98\x80", " jumps" };
  const gsize target = 64 * 1024 * 1024;
  const gsize read_size = 64 * 1024;
  double best = 0;
  guint64 expected = 0;

  /* Build about 64 MiB of chunk events, mixing LF and CRLF as servers do. */
  for (guint i = 0; stream->len < target; i++)
    {
      g_string_append_printf (stream,
                              "data: {\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
                              "\"created\":1741570283,\"model\":\"gpt-5.4\",\"system_fingerprint\":\"fp_06737a9306\","
                              "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"logprobs\":null,\"finish_reason\":null}]}%s",
                              words[i % G_N_ELEMENTS (words)], i % 5 ? "\n\n" : "\r\n\r\n");
      if (i % 50 == 0)
        g_string_append (stream, ": keep-alive\n\n");
      expected++;
    }
  g_string_append (stream, "data: [DONE]\n\n");
  expected++;

  for (int round = 0; round < 5; round++)
    {
      g_autoptr(StudioSseDecoder) decoder = studio_sse_decoder_new (0);
      guint64 count = 0;
      gint64 start = g_get_monotonic_time ();
      double seconds, mbps;

      for (gsize offset = 0; offset < stream->len; offset += read_size)
        studio_sse_decoder_feed (decoder, stream->str + offset, MIN (read_size, stream->len - offset),
                                 count_cb, &count, NULL);
      studio_sse_decoder_finish (decoder, count_cb, &count, NULL);

      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      mbps = stream->len / seconds / (1024 * 1024);
      best = MAX (best, mbps);
      g_assert_cmpuint (count, ==, expected);
      printf ("round %d: %.1f MiB in %.3f s, %.0f MiB/s, %" G_GUINT64_FORMAT " events\n",
              round + 1, stream->len / (1024.0 * 1024.0), seconds, mbps, count);
    }

  printf ("SSE decoding throughput, best of 5: %.0f MiB/s\n", best);
  return 0;
}
