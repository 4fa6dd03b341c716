/* test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "studio-json.h"
#include "studio-message.h"
#include "studio-prices.h"

/* What json-glib 1.6 takes but JSON is not; each of these once crashed,
 * leaked, or stored bytes the history could not read back.
 */
static void
test_json_strict (void)
{
  static const char *refused[] = {
    "{\"a\":/*\"*/[[[]]]}",        /* a comment hiding a quote from a depth check */
    "{\"a\":1} // end",
    "{'a':1}",
    "var x = {\"a\":1}",
    "{}{}",                        /* json-glib keeps the last and leaks the first */
    "{\"a\":\"\\udc00x\"}",        /* an unpaired surrogate, made into invalid UTF-8 */
    "{\"a\":\"\\ud83dx\"}",
    "{\"a\":1e999}",               /* infinity, which json-glib then writes as "inf" */
    "{\"a\":01}",
    "{\"a\":1.}",
    "{\"a\":tru}",
    "{\"a\":\"tab\there\"}",
    "{\"a\" 1}",
    "{\"a\":1,}",
    "[1,2]",                       /* JSON, but not an object */
    "{\"a\":\"\xff\"}",
    "",
    "{",
  };
  static const char *taken[] = {
    "{}",
    " {\"a\" : [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"], \"b\": {}} \r\n",
    "{\"a\":[[],[{}]],\"b\":0,\"c\":-0.0,\"d\":1E+2}",
  };
  g_autoptr(GString) deep = g_string_new ("{\"a\":");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = studio_json_parse_object (refused[i], -1, 16, &error);
      g_autofree char *shown = g_strescape (refused[i], NULL);

      g_test_message ("refused: %s", shown);
      g_assert_null (root);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  for (guint i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = studio_json_parse_object (taken[i], -1, 16, &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
    }

  /* Nesting is counted without recursion, up to the limit given. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = studio_json_parse_object (deep->str, deep->len, 256, &error);

    g_assert_null (root);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

/* json-glib 1.6 writes 1e30 as "1e+30.0"; what the app writes reads back. */
static void
test_json_round_trip (void)
{
  static const char *documents[] = {
    "{\"n\":1e30,\"small\":1e-7,\"i\":-9223372036854775807,\"s\":\"a\\\"b\\\\c\\u0001\\n\\u00e9\"}",
    "{\"a\":[],\"b\":{},\"c\":[{\"d\":[null,true,false,0.5]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(JsonNode) root = studio_json_parse_object (documents[i], -1, 16, NULL);

      for (int pretty = 0; pretty <= 1; pretty++)
        {
          g_autofree char *text = studio_json_to_string (root, pretty);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) again = studio_json_parse_object (text, -1, 16, &error);

          g_test_message ("%s", text);
          g_assert_no_error (error);
          g_assert_true (json_node_equal (root, again));
        }
    }
}

/* A user's price file that is wrong says why, never crashes or warns. */
static void
test_json_bad_prices (void)
{
  static const char *files[] = {
    "",
    "  ",
    "{\"prices\":[{\"input\":1}]}",                  /* no "match": once a NULL error */
    "{\"prices\":[3]}",
    "{\"prices\":[{\"match\":\"(\"}]}",
    "{\"prices\":{}}",
  };
  g_autoptr(StudioPrices) prices = studio_prices_new ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (studio_prices_load (prices, files[i], -1, &error));
      g_assert_nonnull (error);
    }

  /* A price that is not a number counts as none. */
  g_assert_true (studio_prices_load (prices, "{\"prices\":[{\"match\":\"^m$\",\"input\":[],"
                                     "\"output\":{}}]}", -1, NULL));
  g_assert_cmpfloat (studio_prices_estimate (prices, "m", 1000000, 1000000), ==, 0);
}

/* Usage a server made up is kept in range, so sums of it cannot overflow. */
static void
test_json_usage_range (void)
{
  g_autoptr(StudioMessage) message = studio_message_new ("assistant", "");
  g_autoptr(JsonNode) extra =
    studio_json_parse_object ("{\"usage\":{\"prompt_tokens\":9223372036854775807,"
                              "\"completion_tokens\":{}},\"error\":{\"code\":[]}}", -1, 16, NULL);
  gint64 input, output;

  studio_message_set_extra (message, json_node_get_object (extra));
  g_assert_true (studio_message_get_usage (message, &input, &output));
  g_assert_cmpint (input, >, 0);
  g_assert_cmpint (input, <=, G_MAXINT64 / 1000000);
  g_assert_cmpint (output, ==, 0);
  g_assert_cmpint (studio_message_get_error_code (message), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/json/strict", test_json_strict);
  g_test_add_func ("/studio/json/round-trip", test_json_round_trip);
  g_test_add_func ("/studio/json/bad-prices", test_json_bad_prices);
  g_test_add_func ("/studio/json/usage-range", test_json_usage_range);

  return g_test_run ();
}
