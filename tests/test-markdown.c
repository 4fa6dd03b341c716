/* test-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"


#include "studio-markdown-view.h"
#include "studio-ui.h"

static const char document[] =
  "# Title\n"
  "\n"
  "Some **bold**, *italic*, `code <x>` and a [link](https://example.org/?a=1&b=2) & ~~gone~~.\n"
  "Soft break here.\n"
  "\n"
  "## List\n"
  "\n"
  "- one\n"
  "- two with **bold**\n"
  "  - nested\n"
  "\n"
  "3. three\n"
  "4. four\n"
  "\n"
  "> quoted text\n"
  "> more\n"
  "\n"
  "| Name | Value |\n"
  "|------|------:|\n"
  "| a    | 1     |\n"
  "| b    | 2     |\n"
  "\n"
  "---\n"
  "\n"
  "```python\n"
  "def f(x):\n"
  "\n"
  "    return x * 2\n"
  "```\n"
  "\n"
  "- [x] done\n"
  "- [ ] todo\n"
  "\n"
  "Entities: &copy; &amp; &#x41; <b>not html</b>\n";

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("Expected to find:\n%s\nin:\n%s", needle, haystack);
}

static void
test_markdown_constructs (void)
{
  GtkWidget *view = studio_markdown_view_new ();
  g_autofree char *dump = NULL;

  g_object_ref_sink (view);
  studio_markdown_view_set_text (STUDIO_MARKDOWN_VIEW (view), document);
  dump = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (view));

  assert_contains (dump, "GtkLabel.title-1 \"Title\"");
  assert_contains (dump, "GtkLabel.title-2 \"List\"");
  assert_contains (dump, "\"Some <b>bold</b>, <i>italic</i>, <tt>code &lt;x&gt;</tt> and a "
                         "<a href=\"https://example.org/?a=1&amp;b=2\">link</a> &amp; <s>gone</s>. Soft break here.\"");
  assert_contains (dump, "GtkBox.studio-list");
  assert_contains (dump, "GtkLabel.studio-bullet \"•\"");
  assert_contains (dump, "\"two with <b>bold</b>\"");
  assert_contains (dump, "\"nested\"");
  assert_contains (dump, "GtkLabel.studio-bullet \"3.\"");
  assert_contains (dump, "GtkLabel.studio-bullet \"4.\"");
  assert_contains (dump, "GtkBox.studio-blockquote");
  assert_contains (dump, "\"quoted text more\"");
  assert_contains (dump, "GtkGrid.studio-table");
  assert_contains (dump, "GtkLabel.heading.studio-cell \"Name\"");
  assert_contains (dump, "GtkLabel.studio-cell \"2\"");
  assert_contains (dump, "GtkSeparator");
  assert_contains (dump, "GtkSourceView [python] \"def f(x):\n\n    return x * 2\"");
  assert_contains (dump, "GtkLabel.studio-bullet \"☑\"");
  assert_contains (dump, "GtkLabel.studio-bullet \"☐\"");
  assert_contains (dump, "\"Entities: © &amp; A &lt;b&gt;not html&lt;/b&gt;\"");

  g_object_unref (view);
}

/* Feeding the text in small pieces, as a stream does, ends in the same
 * widgets as setting it at once, and re-renders only what changed.
 */
static void
test_markdown_incremental (void)
{
  GtkWidget *whole = studio_markdown_view_new ();
  GtkWidget *streamed = studio_markdown_view_new ();
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  gsize length = strlen (document);
  guint updates = 0;

  g_object_ref_sink (whole);
  g_object_ref_sink (streamed);
  studio_markdown_view_set_text (STUDIO_MARKDOWN_VIEW (whole), document);

  for (gsize end = 0; end < length; )
    {
      g_autofree char *prefix = NULL;

      end = MIN (length, end + g_test_rand_int_range (1, 9));
      /* Never cut inside a UTF-8 character: a stream delivers whole ones. */
      while (end < length && (document[end] & 0xc0) == 0x80)
        end++;
      prefix = g_strndup (document, end);
      studio_markdown_view_set_text (STUDIO_MARKDOWN_VIEW (streamed), prefix);
      updates++;
    }

  expected = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (whole));
  got = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (streamed));
  g_assert_cmpstr (got, ==, expected);

  /* About one chunk per update, not the whole document each time. */
  g_assert_cmpuint (studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (streamed)), <=, updates + 20);

  g_object_unref (whole);
  g_object_unref (streamed);
}

/* With a deadline already past, each update renders one new chunk and
 * says it is not done; the updates that follow, with no new text, catch
 * up, and the end result is the same.
 */
static void
test_markdown_deadline (void)
{
  GtkWidget *whole = studio_markdown_view_new ();
  GtkWidget *budgeted = studio_markdown_view_new ();
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  guint calls = 1;

  g_object_ref_sink (whole);
  g_object_ref_sink (budgeted);
  studio_markdown_view_set_text (STUDIO_MARKDOWN_VIEW (whole), document);

  g_assert_false (studio_markdown_view_update (STUDIO_MARKDOWN_VIEW (budgeted), document, 1));
  g_assert_cmpuint (studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (budgeted)), ==, 1);
  while (!studio_markdown_view_update (STUDIO_MARKDOWN_VIEW (budgeted), document, 1))
    calls++;

  expected = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (whole));
  got = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (budgeted));
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (calls + 1, ==, studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (budgeted)));
  g_assert_true (studio_markdown_view_update (STUDIO_MARKDOWN_VIEW (budgeted), document, 1));

  g_object_unref (whole);
  g_object_unref (budgeted);
}

static void
test_markdown_unclosed_fence (void)
{
  GtkWidget *view = studio_markdown_view_new ();
  g_autofree char *dump = NULL;

  g_object_ref_sink (view);
  studio_markdown_view_set_text (STUDIO_MARKDOWN_VIEW (view), "Look:\n\n```c\nint x;\n\nint y;");
  dump = studio_markdown_view_dump (STUDIO_MARKDOWN_VIEW (view));
  /* The blank line inside the open fence does not split the code. */
  assert_contains (dump, "GtkSourceView [c] \"int x;\n\nint y;\"");
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  studio_ui_init ();

  g_test_add_func ("/studio/markdown/constructs", test_markdown_constructs);
  g_test_add_func ("/studio/markdown/incremental", test_markdown_incremental);
  g_test_add_func ("/studio/markdown/deadline", test_markdown_deadline);
  g_test_add_func ("/studio/markdown/unclosed-fence", test_markdown_unclosed_fence);

  return g_test_run ();
}
