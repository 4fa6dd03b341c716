/* test-speech-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "studio-speech-text.h"

/* The spans cover @text exactly, in order, and none is over @max chars. */
static void
assert_covers (const char *text,
               GArray     *spans,
               gsize       element_size,
               guint       max_chars)
{
  gsize at = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const StudioTextSpan *span;

      if (element_size == sizeof (StudioTextSpan))
        span = &g_array_index (spans, StudioTextSpan, i);
      else
        span = (const StudioTextSpan *) &((StudioSpeechPieceSpan *) spans->data)[i].start;

      g_assert_cmpuint (span->start, ==, at);
      g_assert_cmpuint (span->end, >, span->start);
      g_assert_true (g_utf8_validate (text + span->start, span->end - span->start, NULL));
      g_assert_cmpint (g_utf8_strlen (text + span->start, span->end - span->start), <=, max_chars);
      at = span->end;
    }

  g_assert_cmpuint (at, ==, strlen (text));
}

static GArray *
split (const char *text,
       guint       max)
{
  GArray *sentences = studio_speech_text_split_sentences (text, max);

  assert_covers (text, sentences, sizeof (StudioTextSpan), max);

  return sentences;
}

static char *
sentence (const char *text,
          GArray     *sentences,
          guint       i)
{
  const StudioTextSpan *span = &g_array_index (sentences, StudioTextSpan, i);

  return g_strndup (text + span->start, span->end - span->start);
}

static void
test_text_sentences (void)
{
  const char *text = "  Hello, Mr. Smith! The value is 3.14 today. Is it? "
                     "Visit example.com now… J. R. R. Tolkien wrote it.\nA line\n\nEnd";
  g_autoptr(GArray) sentences = split (text, 4096);
  static const char * const expected[] = {
    "  Hello, Mr. Smith! ", "The value is 3.14 today. ", "Is it? ",
    "Visit example.com now… ", "J. R. R. Tolkien wrote it.\n", "A line\n\n", "End",
  };

  g_assert_cmpuint (sentences->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < sentences->len; i++)
    {
      g_autofree char *got = sentence (text, sentences, i);

      g_assert_cmpstr (got, ==, expected[i]);
    }
}

static void
test_text_scripts (void)
{
  const char *text = "مرحبا بك؟ كيف حالك. שלום עולם! 你好。今天天气很好！Ça va ? Oui.";
  g_autoptr(GArray) sentences = split (text, 4096);
  g_autofree char *first = sentence (text, sentences, 0);
  g_autofree char *chinese = sentence (text, sentences, 3);

  g_assert_cmpuint (sentences->len, >=, 6);
  g_assert_cmpstr (first, ==, "مرحبا بك؟ ");
  g_assert_cmpstr (chinese, ==, "你好。");
}

static void
test_text_empty (void)
{
  g_autoptr(GArray) empty = split ("", 4096);
  g_autoptr(GArray) blank = split (" \n\t ", 4096);
  g_autoptr(GArray) pieces = studio_speech_text_plan_pieces ("", empty, 4096);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (pieces->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 1);
  g_assert_false (studio_speech_text_is_speakable ("", -1));
  g_assert_false (studio_speech_text_is_speakable (" \n\t ", -1));
  g_assert_false (studio_speech_text_is_speakable ("🙂🎉 👍!", -1));
  g_assert_true (studio_speech_text_is_speakable ("🙂 ok", -1));
  g_assert_true (studio_speech_text_is_speakable ("42", -1));
  g_assert_false (studio_speech_text_is_speakable ("a", 0));
}

/* 50,000 characters of prose make pieces of whole sentences under the
 * limit.
 */
static void
test_text_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) pieces = NULL;

  while (g_utf8_strlen (text->str, -1) < 50000)
    g_string_append_printf (text, "Sentence number %u is here, and it says a little more. ",
                            (guint) text->len);

  sentences = split (text->str, STUDIO_SPEECH_MAX_INPUT_CHARS);
  pieces = studio_speech_text_plan_pieces (text->str, sentences, STUDIO_SPEECH_MAX_INPUT_CHARS);
  assert_covers (text->str, pieces, sizeof (StudioSpeechPieceSpan), STUDIO_SPEECH_MAX_INPUT_CHARS);
  g_assert_cmpuint (pieces->len, >=, 13);
  g_assert_cmpuint (pieces->len, <=, 14);

  for (guint i = 0; i < pieces->len; i++)
    {
      const StudioSpeechPieceSpan *piece = &g_array_index (pieces, StudioSpeechPieceSpan, i);

      /* Every piece ends where a sentence does. */
      g_assert_true (text->str[piece->end - 1] == ' ');
      g_assert_true (piece->end == text->len || text->str[piece->end - 2] == '.');
    }
}

/* One sentence of 10,000 characters without punctuation is cut between
 * words.
 */
static void
test_text_one_long_sentence (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) pieces = NULL;

  while (text->len < 10000)
    g_string_append (text, "word ");
  g_string_append (text, "end");

  sentences = split (text->str, STUDIO_SPEECH_MAX_INPUT_CHARS);
  pieces = studio_speech_text_plan_pieces (text->str, sentences, STUDIO_SPEECH_MAX_INPUT_CHARS);
  g_assert_cmpuint (pieces->len, ==, 3);
  for (guint i = 0; i + 1 < pieces->len; i++)
    {
      const StudioSpeechPieceSpan *piece = &g_array_index (pieces, StudioSpeechPieceSpan, i);

      g_assert_cmpint (text->str[piece->end - 1], ==, ' ');
    }
}

/* Without spaces the cut falls on a character, never inside one nor
 * between a letter and its accent.
 */
static void
test_text_no_spaces (void)
{
  g_autoptr(GString) cjk = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (cjk, "字");
  a = split (cjk->str, 4096);
  g_assert_cmpuint (a->len, ==, 3);

  /* "e" and a combining acute accent. */
  for (guint i = 0; i < 5000; i++)
    g_string_append (marks, "e\xcc\x81");
  b = split (marks->str, 4095);
  for (guint i = 0; i < b->len; i++)
    {
      const StudioTextSpan *span = &g_array_index (b, StudioTextSpan, i);

      g_assert_cmpint (marks->str[span->start], ==, 'e');
    }
}

static void
test_text_complete_length (void)
{
  g_assert_cmpuint (studio_speech_text_complete_length ("Hello world. How", FALSE), ==, 13);
  g_assert_cmpuint (studio_speech_text_complete_length ("Hello world.", FALSE), ==, 0);
  g_assert_cmpuint (studio_speech_text_complete_length ("Hello world.", TRUE), ==, 12);
  g_assert_cmpuint (studio_speech_text_complete_length ("One. Two. ", FALSE), ==, 10);
  g_assert_cmpuint (studio_speech_text_complete_length ("A line\nMore", FALSE), ==, 7);
  g_assert_cmpuint (studio_speech_text_complete_length ("你好。我", FALSE), ==, strlen ("你好。"));
  g_assert_cmpuint (studio_speech_text_complete_length ("", FALSE), ==, 0);
}

static const char *reply =
  "# A Title\n"
  "Here is **bold** and _italic_ text with `code` and snake_case. See [the docs](https://docs.example.com/x).\n"
  "\n"
  "- First item\n"
  "- [x] Done item\n"
  "1. Numbered one\n"
  "> Quoted words.\n"
  "\n"
  "```python\n"
  "def hello():\n"
  "    print(\"secret code\")\n"
  "```\n"
  "\n"
  "| Name | Value |\n"
  "|------|-------|\n"
  "| a | 1 |\n"
  "\n"
  "---\n"
  "Visit https://www.example.org/page for more. ![A cat](cat.png) That is all.\n"
  "~~~\n"
  "raw block\n"
  "~~~\n"
  "Bye <b>now</b>.";

static void
test_text_markdown (void)
{
  g_autofree char *text = studio_speech_text_from_markdown (reply, TRUE);

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "A Title\n"));
  g_assert_nonnull (strstr (text, "Here is bold and italic text with code and snake_case. See the docs.\n"));
  g_assert_nonnull (strstr (text, "First item\nDone item\nNumbered one\nQuoted words.\n"));
  g_assert_nonnull (strstr (text, "Code block in Python.\n"));
  g_assert_nonnull (strstr (text, "Name, Value\na, 1\n"));
  g_assert_nonnull (strstr (text, "Visit example.org for more. A cat That is all.\n"));
  g_assert_nonnull (strstr (text, "Code block.\n"));
  g_assert_nonnull (strstr (text, "Bye now."));
  g_assert_null (strstr (text, "secret"));
  g_assert_null (strstr (text, "raw block"));
  g_assert_null (strstr (text, "http"));
  g_assert_null (strstr (text, "#"));
  g_assert_null (strstr (text, "*"));
  g_assert_null (strstr (text, "---"));
}

/* The complete sentences of a reply still streaming never change. */
static void
test_text_markdown_prefix (void)
{
  static const char *replies[] = { NULL, "Short. Then `a. b` and [x. y](z) done.\n```\ncode. more.\n```\nAfter. End" };
  replies[0] = reply;

  for (guint r = 0; r < G_N_ELEMENTS (replies); r++)
    {
      g_autofree char *whole = studio_speech_text_from_markdown (replies[r], TRUE);
      gsize length = strlen (replies[r]);

      for (gsize k = 0; k <= length; k++)
        {
          g_autofree char *prefix = g_strndup (replies[r], k);
          g_autofree char *part = studio_speech_text_from_markdown (prefix, FALSE);
          gsize complete = studio_speech_text_complete_length (part, FALSE);

          if (strncmp (part, whole, complete) != 0)
            g_error ("Prefix %" G_GSIZE_FORMAT " gives “%.*s”, not in “%s”",
                     k, (int) complete, part, whole);
        }
    }
}

static void
test_text_title (void)
{
  g_autofree char *short_title = studio_speech_text_dup_title ("  Hello   there.  And more.");
  g_autofree char *long_title = studio_speech_text_dup_title (
    "This is a very long first sentence that goes on and on well past sixty characters. Next.");

  g_assert_cmpstr (short_title, ==, "Hello there.");
  g_assert_cmpint (g_utf8_strlen (long_title, -1), <=, 60);
  g_assert_true (g_str_has_suffix (long_title, "…"));
  g_assert_true (g_str_has_prefix (long_title, "This is a very long first sentence"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-text/sentences", test_text_sentences);
  g_test_add_func ("/speech-text/scripts", test_text_scripts);
  g_test_add_func ("/speech-text/empty", test_text_empty);
  g_test_add_func ("/speech-text/long", test_text_long);
  g_test_add_func ("/speech-text/one-long-sentence", test_text_one_long_sentence);
  g_test_add_func ("/speech-text/no-spaces", test_text_no_spaces);
  g_test_add_func ("/speech-text/complete-length", test_text_complete_length);
  g_test_add_func ("/speech-text/markdown", test_text_markdown);
  g_test_add_func ("/speech-text/markdown-prefix", test_text_markdown_prefix);
  g_test_add_func ("/speech-text/title", test_text_title);

  return g_test_run ();
}
