/* test-sse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "studio-api-error.h"
#include "studio-sse-decoder.h"

static gboolean
collect_cb (const char *event,
            const char *data,
            const char *id,
            gpointer    user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "[%s|%s|%s]", event ? event : "", data, id ? id : "");
  return TRUE;
}

static char *
decode_chunks (const char *const *chunks,
               const gsize       *lengths,
               guint              n_chunks)
{
  g_autoptr(StudioSseDecoder) decoder = studio_sse_decoder_new (0);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_chunks; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (studio_sse_decoder_feed (decoder, chunks[i], lengths[i], collect_cb, out, &error));
      g_assert_no_error (error);
    }
  studio_sse_decoder_finish (decoder, collect_cb, out, NULL);

  return g_string_free (out, FALSE);
}

static char *
decode_whole (const char *text)
{
  gsize length = strlen (text);

  return decode_chunks (&text, &length, 1);
}

static void
test_sse_table (void)
{
  static const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "data: hello\n\n", "[|hello|]" },
    { "data: hello\r\n\r\n", "[|hello|]" },
    { "data: hello\r\rdata: two\r\r", "[|hello|][|two|]" },
    { "data:no-space\n\n", "[|no-space|]" },
    { "data:  two spaces\n\n", "[| two spaces|]" },
    { "data: a\ndata: b\n\n", "[|a\nb|]" },
    { ": keep-alive\n\ndata: x\n\n", "[|x|]" },
    { "event: response.output_text.delta\ndata: {\"d\":1}\n\n", "[response.output_text.delta|{\"d\":1}|]" },
    { "id: 7\ndata: x\n\ndata: y\n\n", "[|x|7][|y|7]" },
    { "retry: 100\ndata: x\n\n", "[|x|]" },
    { "event: ping\n\n", "" },
    { "data\n\n", "[||]" },
    { "data: [DONE]\n\n", "[|[DONE]|]" },
    { "data: caf\xc3\xa9\n\n", "[|caf\xc3\xa9|]" },
    { "data: bad \xff byte\n\n", "[|bad \xef\xbf\xbd byte|]" },
    { "data: unterminated", "[|unterminated|]" },
    { "unknown: field\ndata: z\n\n", "[|z|]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = decode_whole (cases[i].input);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* A stream in the shape OpenAI sends: CRLF and LF, comments, events,
 * multi-byte characters, multi-line data and the closing [DONE].
 */
static const char recorded[] =
  ": OPENROUTER PROCESSING\r\n\r\n"
  "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
  "data: {\"choices\":[{\"delta\":{\"content\":\"Gr\xc3\xbc\xc3\x9f\xe2\x82\xac \xf0\x9f\x98\x80\"}}]}\n\n"
  "event: response.output_text.delta\r\n"
  "data: line one\r\n"
  "data: line two\r\n\r\n"
  "id: 42\n"
  "data: {\"choices\":[],\"usage\":{\"total_tokens\":9}}\n\n"
  "data: [DONE]\n\n";

static void
test_sse_every_split (void)
{
  g_autofree char *expected = decode_whole (recorded);
  gsize length = strlen (recorded);

  g_assert_cmpstr (expected, !=, "");

  for (gsize first = 0; first <= length; first++)
    {
      for (gsize second = first; second <= length; second += 7)
        {
          const char *chunks[] = { recorded, recorded + first, recorded + second };
          gsize lengths[] = { first, second - first, length - second };
          g_autofree char *got = decode_chunks (chunks, lengths, 3);

          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_sse_random_chunks (void)
{
  g_autofree char *expected = decode_whole (recorded);
  gsize length = strlen (recorded);

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) chunks = g_ptr_array_new ();
      g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_autofree char *got = NULL;
      gsize offset = 0;

      while (offset < length)
        {
          /* Drawn once: MIN() evaluates its arguments twice, and a second
           * draw could make a chunk run past the end of the stream.
           */
          gsize drawn = (gsize) g_test_rand_int_range (1, 24);
          gsize size = MIN (drawn, length - offset);

          g_ptr_array_add (chunks, (gpointer) (recorded + offset));
          g_array_append_val (lengths, size);
          offset += size;
        }

      /* The chunks cover the stream exactly, not a byte beyond it. */
      g_assert_cmpuint (offset, ==, length);

      got = decode_chunks ((const char *const *) chunks->pdata, (gsize *) lengths->data, chunks->len);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_sse_bounded (void)
{
  g_autoptr(StudioSseDecoder) decoder = studio_sse_decoder_new (1024);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char block[256];
  gboolean ok = TRUE;

  memset (block, 'x', sizeof block);

  /* A server that never sends a newline. */
  for (guint i = 0; i < 100 && ok; i++)
    ok = studio_sse_decoder_feed (decoder, block, sizeof block, collect_cb, out, &error);

  g_assert_false (ok);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
  g_assert_cmpuint (out->len, ==, 0);

  /* Many data lines that add up past the limit are refused too. */
  g_clear_error (&error);
  ok = TRUE;
  for (guint i = 0; i < 100 && ok; i++)
    ok = studio_sse_decoder_feed (decoder, "data: 0123456789abcdef\n", 23, collect_cb, out, &error);
  g_assert_false (ok);
  g_assert_error (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);

  /* The decoder recovers for the next event. */
  g_clear_error (&error);
  g_assert_true (studio_sse_decoder_feed (decoder, "\ndata: ok\n\n", 11, collect_cb, out, &error));
  g_assert_cmpstr (out->str, ==, "[|ok|]");
}

static gboolean
stop_cb (const char *event,
         const char *data,
         const char *id,
         gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
  return FALSE;
}

static void
test_sse_stop (void)
{
  g_autoptr(StudioSseDecoder) decoder = studio_sse_decoder_new (0);
  guint count = 0;

  g_assert_true (studio_sse_decoder_feed (decoder, "data: a\n\ndata: b\n\n", 18, stop_cb, &count, NULL));
  g_assert_cmpuint (count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/sse/table", test_sse_table);
  g_test_add_func ("/studio/sse/every-split", test_sse_every_split);
  g_test_add_func ("/studio/sse/random-chunks", test_sse_random_chunks);
  g_test_add_func ("/studio/sse/bounded", test_sse_bounded);
  g_test_add_func ("/studio/sse/stop", test_sse_stop);

  return g_test_run ();
}
