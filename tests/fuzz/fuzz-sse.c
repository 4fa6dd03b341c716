/* fuzz-sse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-sse"

#include "config.h"

#include <string.h>

#include "studio-sse-decoder.h"

#include "fuzz-common.h"

/* A differential target for StudioSseDecoder. The input is a streamed
 * response body, as a server sends it. It is decoded three ways: in one
 * feed, one byte per feed, and in pieces cut where a pseudo-random sequence
 * seeded from the input says. A network may cut a stream anywhere, so all
 * three must give the same events, the same error and the same leftovers.
 *
 * The seed also picks the event size limit, so that the limit's error path
 * (which must hit at the same line whatever the cuts) is fuzzed too.
 */

typedef struct
{
  GString  *log;        /* every event, as type\0data\0id\0 records */
  guint     n_events;
} Events;

static gboolean
record_event_cb (const char *event,
                 const char *data,
                 const char *id,
                 gpointer    user_data)
{
  Events *events = user_data;

  if (data == NULL)
    fuzz_fail ("an event without data was dispatched");

  /* The header promises valid UTF-8; the client parses it as JSON next. */
  fuzz_check_utf8 ("event data", data);
  fuzz_check_utf8 ("event type", event);
  fuzz_check_utf8 ("event id", id);

  /* A missing field and an empty one are different: mark which it is. */
  g_string_append_printf (events->log, "%c%s%c%c%s%c%c%s%c",
                          event ? 'E' : '-', event ? event : "", '\0',
                          'D', data, '\0',
                          id ? 'I' : '-', id ? id : "", '\0');
  events->n_events++;

  return TRUE;
}

/* Feeds @data in the pieces that @cuts (sorted, each within the data)
 * marks, then finishes. Returns the events, and whether a feed failed.
 */
static char *
decode (const char   *data,
        gsize         size,
        const gsize  *cuts,
        guint         n_cuts,
        gsize         max_event_size,
        gboolean     *failed,
        gsize        *log_length)
{
  g_autoptr(StudioSseDecoder) decoder = studio_sse_decoder_new (max_event_size);
  g_autoptr(GError) error = NULL;
  Events events = { g_string_new (NULL), 0 };
  gsize start = 0;

  *failed = FALSE;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize stop = i < n_cuts ? cuts[i] : size;

      if (!studio_sse_decoder_feed (decoder, data + start, stop - start,
                                    record_event_cb, &events, &error))
        {
          if (error == NULL)
            fuzz_fail ("feed failed without an error");
          *failed = TRUE;
          break;
        }
      if (error != NULL)
        fuzz_fail ("feed succeeded with an error set");
      start = stop;
    }

  /* The client stops at a failed feed; finishing after one must still be
   * safe, and must not bring back the refused event.
   */
  studio_sse_decoder_finish (decoder, record_event_cb, &events, NULL);

  *log_length = events.log->len;
  return g_string_free (events.log, FALSE);
}

static void
compare (const char *what,
         const char *expected,
         gsize       expected_length,
         gboolean    expected_failed,
         const char *got,
         gsize       got_length,
         gboolean    got_failed)
{
  if (expected_failed != got_failed)
    fuzz_fail ("%s: the feed %s, decoded whole it %s", what,
               got_failed ? "failed" : "succeeded",
               expected_failed ? "failed" : "succeeded");

  if (expected_length != got_length || memcmp (expected, got, got_length) != 0)
    fuzz_fail ("%s: the events differ from those decoded whole", what);
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  const char *data = (const char *) bytes;
  g_autofree char *whole = NULL;
  g_autofree char *other = NULL;
  g_autofree gsize *cuts = NULL;
  g_autoptr(GRand) rand = NULL;
  gboolean whole_failed, other_failed;
  gsize whole_length, other_length;
  gsize max_event_size;
  guint n_cuts = 0;
  guint32 seed;

  /* Streams larger than this add nothing but time. */
  if (size > 64 * 1024)
    return;

  /* Any function of the input would do as a seed: a hash means the corpus
   * files are plain event streams, and each mutation cuts them anew.
   */
  seed = 2166136261u;
  for (gsize i = 0; i < size; i++)
    seed = (seed ^ bytes[i]) * 16777619u;
  rand = g_rand_new_with_seed (seed);

  /* The default limit mostly; sometimes one small enough to be reached. */
  max_event_size = (seed & 3) == 0 ? 16 + (seed >> 8) % 512 : STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE;

  whole = decode (data, size, NULL, 0, max_event_size, &whole_failed, &whole_length);

  /* One byte per feed: every place a stream can be cut at once. */
  if (size > 1)
    {
      cuts = g_new (gsize, size - 1);
      for (gsize i = 1; i < size; i++)
        cuts[n_cuts++] = i;
      other = decode (data, size, cuts, n_cuts, max_event_size, &other_failed, &other_length);
      compare ("one byte per feed", whole, whole_length, whole_failed,
               other, other_length, other_failed);
      g_clear_pointer (&other, g_free);

      /* Random cuts, sometimes next to each other (an empty feed). */
      n_cuts = 0;
      for (gsize at = 0; at < size; )
        {
          at += g_rand_int_range (rand, 0, 64);
          if (at <= size)
            cuts[n_cuts++] = at;
          if (n_cuts == size - 1)
            break;
        }
      other = decode (data, size, cuts, n_cuts, max_event_size, &other_failed, &other_length);
      compare ("random cuts", whole, whole_length, whole_failed,
               other, other_length, other_failed);
    }
}

const FuzzTarget fuzz_target = { .test_one_input = test_one_input };
