/* test-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-message.h"
#include "studio-prices.h"

static StudioMessage *
message_new_with_extra (const char *role,
                        const char *extra)
{
  StudioMessage *message = studio_message_new (role, "");
  g_autoptr(JsonNode) node = json_from_string (extra, NULL);

  g_assert_nonnull (node);
  studio_message_set_extra (message, json_node_get_object (node));

  return message;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_message_accessors (void)
{
  g_autoptr(StudioMessage) message = NULL;
  gint64 input = -1, output = -1;
  JsonArray *tool_calls;

  message = message_new_with_extra ("assistant",
    "{\"model\":\"gpt-4o-mini\",\"finish_reason\":\"tool_calls\",\"refusal\":\"No.\","
    "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":25,\"total_tokens\":125},"
    "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
    "\"function\":{\"name\":\"weather\",\"arguments\":\"{}\"}}],"
    "\"error\":{\"message\":\"Too many requests.\",\"details\":\"req_42\","
    "\"code\":4,\"param\":\"messages\"}}");

  g_assert_cmpstr (studio_message_get_model (message), ==, "gpt-4o-mini");
  g_assert_cmpstr (studio_message_get_finish_reason (message), ==, "tool_calls");
  g_assert_cmpstr (studio_message_get_refusal (message), ==, "No.");
  g_assert_true (studio_message_get_usage (message, &input, &output));
  g_assert_cmpint (input, ==, 100);
  g_assert_cmpint (output, ==, 25);
  g_assert_true (studio_message_get_usage (message, NULL, NULL));

  tool_calls = studio_message_get_tool_calls (message);
  g_assert_nonnull (tool_calls);
  g_assert_cmpuint (json_array_get_length (tool_calls), ==, 1);

  g_assert_cmpstr (studio_message_get_error_message (message), ==, "Too many requests.");
  g_assert_cmpstr (studio_message_get_error_details (message), ==, "req_42");
  g_assert_cmpstr (studio_message_get_error_param (message), ==, "messages");
  g_assert_cmpint (studio_message_get_error_code (message), ==, STUDIO_API_ERROR_RATE_LIMITED);

  g_assert_finalize_object (g_steal_pointer (&message));
}

static void
test_message_accessors_empty (void)
{
  g_autoptr(StudioMessage) message = studio_message_new ("user", "Hi");
  gint64 input = -1, output = -1;

  g_assert_null (studio_message_get_model (message));
  g_assert_null (studio_message_get_finish_reason (message));
  g_assert_null (studio_message_get_refusal (message));
  g_assert_null (studio_message_get_tool_calls (message));
  g_assert_false (studio_message_get_usage (message, &input, &output));
  g_assert_cmpint (input, ==, 0);
  g_assert_cmpint (output, ==, 0);
  g_assert_null (studio_message_get_error_message (message));
  g_assert_null (studio_message_get_error_details (message));
  g_assert_null (studio_message_get_error_param (message));
  g_assert_cmpint (studio_message_get_error_code (message), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&message));
}

static void
test_message_accessors_wrong_types (void)
{
  g_autoptr(StudioMessage) message = NULL;
  gint64 input = -1, output = -1;

  /* Old files and odd servers: every member of a type it should not be. */
  message = message_new_with_extra ("assistant",
    "{\"model\":7,\"finish_reason\":[\"stop\"],\"refusal\":{},\"usage\":\"lots\","
    "\"tool_calls\":{\"id\":1},\"error\":\"Broken\"}");

  g_assert_null (studio_message_get_model (message));
  g_assert_null (studio_message_get_finish_reason (message));
  g_assert_null (studio_message_get_refusal (message));
  g_assert_null (studio_message_get_tool_calls (message));
  g_assert_false (studio_message_get_usage (message, &input, &output));
  g_assert_cmpint (input, ==, 0);
  g_assert_null (studio_message_get_error_message (message));
  g_assert_cmpint (studio_message_get_error_code (message), ==, 0);
  g_assert_finalize_object (g_steal_pointer (&message));

  /* Usage with only one side counts the other as 0. */
  message = message_new_with_extra ("assistant", "{\"usage\":{\"completion_tokens\":9}}");
  g_assert_true (studio_message_get_usage (message, &input, &output));
  g_assert_cmpint (input, ==, 0);
  g_assert_cmpint (output, ==, 9);
  g_assert_finalize_object (g_steal_pointer (&message));
}

static void
test_message_set_model (void)
{
  g_autoptr(StudioMessage) message = studio_message_new ("assistant", "");
  guint notified = 0;

  g_signal_connect (message, "notify::extra", G_CALLBACK (count_cb), &notified);

  studio_message_set_model (message, "gpt-4o");
  g_assert_cmpstr (studio_message_get_model (message), ==, "gpt-4o");
  g_assert_cmpuint (notified, ==, 1);

  /* The same model again is no change. */
  studio_message_set_model (message, "gpt-4o");
  g_assert_cmpuint (notified, ==, 1);

  studio_message_set_model (message, "gpt-4o-mini");
  g_assert_cmpstr (studio_message_get_model (message), ==, "gpt-4o-mini");
  g_assert_cmpuint (notified, ==, 2);

  studio_message_set_model (message, NULL);
  g_assert_null (studio_message_get_model (message));
  g_assert_false (json_object_has_member (studio_message_get_extra (message), "model"));
  g_assert_cmpuint (notified, ==, 3);

  studio_message_set_model (message, NULL);
  g_assert_cmpuint (notified, ==, 3);

  g_assert_finalize_object (g_steal_pointer (&message));
}

static StudioPrices *
prices_new (void)
{
  StudioPrices *prices = studio_prices_new ();
  g_autoptr(GError) error = NULL;

  /* $1 in and $2 out per million tokens, for gpt-4o models only. */
  g_assert_true (studio_prices_load (prices,
                                     "{\"prices\":[{\"match\":\"^gpt-4o\","
                                     "\"input\":1,\"output\":2}]}",
                                     -1, &error));
  g_assert_no_error (error);

  return prices;
}

static void
test_message_estimate (void)
{
  g_autoptr(StudioPrices) prices = prices_new ();
  g_autoptr(StudioMessage) priced = NULL;
  g_autoptr(StudioMessage) unpriced = NULL;
  g_autoptr(StudioMessage) no_model = NULL;
  g_autoptr(StudioMessage) question = studio_message_new ("user", "Hi");
  gint64 tokens = -1;

  priced = message_new_with_extra ("assistant",
    "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":500000}}");
  g_assert_cmpfloat_with_epsilon (studio_prices_estimate_message (prices, priced, &tokens),
                                  2.0, 1e-9);
  g_assert_cmpint (tokens, ==, 1500000);

  unpriced = message_new_with_extra ("assistant",
    "{\"model\":\"llama-3\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}");
  g_assert_cmpfloat (studio_prices_estimate_message (prices, unpriced, &tokens), <, 0);
  g_assert_cmpint (tokens, ==, 15);

  no_model = message_new_with_extra ("assistant",
    "{\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}");
  g_assert_cmpfloat (studio_prices_estimate_message (prices, no_model, &tokens), <, 0);
  g_assert_cmpint (tokens, ==, 15);

  g_assert_cmpfloat (studio_prices_estimate_message (prices, question, &tokens), <, 0);
  g_assert_cmpint (tokens, ==, 0);
  g_assert_cmpfloat (studio_prices_estimate_message (prices, question, NULL), <, 0);

  g_assert_finalize_object (g_steal_pointer (&priced));
  g_assert_finalize_object (g_steal_pointer (&unpriced));
  g_assert_finalize_object (g_steal_pointer (&no_model));
  g_assert_finalize_object (g_steal_pointer (&question));
}

static void
test_message_sum (void)
{
  g_autoptr(StudioPrices) prices = prices_new ();
  g_autoptr(GListStore) messages = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_autoptr(StudioMessage) question = studio_message_new ("user", "Hi");
  g_autoptr(StudioMessage) first = NULL;
  g_autoptr(StudioMessage) second = NULL;
  g_autoptr(StudioMessage) other = NULL;
  gint64 tokens = -1;
  double cost = -1;
  gboolean priced = FALSE;

  /* Nothing yet: nothing used, and nothing unpriced. */
  studio_prices_sum_messages (prices, G_LIST_MODEL (messages), &tokens, &cost, &priced);
  g_assert_cmpint (tokens, ==, 0);
  g_assert_cmpfloat (cost, ==, 0);
  g_assert_true (priced);
  studio_prices_sum_messages (prices, NULL, &tokens, NULL, NULL);
  g_assert_cmpint (tokens, ==, 0);

  first = message_new_with_extra ("assistant",
    "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_tokens\":1000000,\"completion_tokens\":0}}");
  second = message_new_with_extra ("assistant",
    "{\"model\":\"gpt-4o-mini\",\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":1000000}}");
  g_list_store_append (messages, question);
  g_list_store_append (messages, first);
  g_list_store_append (messages, second);

  studio_prices_sum_messages (prices, G_LIST_MODEL (messages), &tokens, &cost, &priced);
  g_assert_cmpint (tokens, ==, 2000000);
  g_assert_cmpfloat_with_epsilon (cost, 3.0, 1e-9);
  g_assert_true (priced);

  /* One reply from a model without a price: its tokens count, the cost is partial. */
  other = message_new_with_extra ("assistant",
    "{\"model\":\"mistral\",\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}");
  g_list_store_append (messages, other);
  studio_prices_sum_messages (prices, G_LIST_MODEL (messages), &tokens, &cost, &priced);
  g_assert_cmpint (tokens, ==, 2000010);
  g_assert_cmpfloat_with_epsilon (cost, 3.0, 1e-9);
  g_assert_false (priced);

  g_list_store_remove_all (messages);
  g_assert_finalize_object (g_steal_pointer (&question));
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_json_copy (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"name\":\"temperature\",\"value\":0.5,"
                                               "\"count\":3,\"on\":true,\"none\":null,"
                                               "\"stop\":[\"a\",[\"b\"],{\"c\":1}],"
                                               "\"nested\":{\"deep\":{\"x\":\"y\"}}}", NULL);
  JsonObject *original = json_node_get_object (node);
  g_autoptr(JsonObject) copy = studio_json_object_copy (original);
  g_autoptr(JsonNode) copy_node = json_node_init_object (json_node_alloc (), copy);
  g_autofree char *before = json_to_string (node, FALSE);
  g_autofree char *copied = json_to_string (copy_node, FALSE);
  g_autofree char *after = NULL;
  g_autoptr(GList) members = NULL;
  JsonArray *stop;

  /* Equal, members in the same order. */
  g_assert_true (json_node_equal (node, copy_node));
  g_assert_cmpstr (copied, ==, before);
  members = json_object_get_members (copy);
  g_assert_cmpstr (members->data, ==, "name");
  g_assert_cmpstr (g_list_last (members)->data, ==, "nested");

  /* Nothing is shared, down to the values. */
  g_assert_true (json_object_get_object_member (copy, "nested") !=
                 json_object_get_object_member (original, "nested"));
  json_object_set_string_member (studio_json_get_object (studio_json_get_object (copy, "nested"),
                                                         "deep"), "x", "changed");
  stop = json_object_get_array_member (copy, "stop");
  json_array_add_string_element (stop, "d");
  json_array_add_string_element (json_array_get_array_element (stop, 1), "e");
  json_object_set_int_member (json_array_get_object_element (stop, 2), "c", 2);
  json_node_set_string (json_object_get_member (copy, "name"), "top_p");
  json_node_set_double (json_object_get_member (copy, "value"), 0.9);
  json_object_remove_member (copy, "none");

  after = json_to_string (node, FALSE);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (json_node_equal (node, copy_node));
}

static void
test_json_copy_sealed (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"a\":{\"b\":[1,2]},\"s\":\"t\"}", NULL);
  g_autoptr(JsonObject) copy = NULL;

  /* A sealed (immutable) original still gives a copy that can change. */
  json_node_seal (node);
  copy = studio_json_object_copy (json_node_get_object (node));
  g_assert_false (json_object_is_immutable (copy));
  g_assert_false (json_object_is_immutable (json_object_get_object_member (copy, "a")));
  json_object_set_string_member (copy, "s", "u");
  json_array_add_int_element (studio_json_get_array (studio_json_get_object (copy, "a"), "b"), 3);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "s"), ==, "t");
}

static void
test_json_copy_empty (void)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonObject) copy = studio_json_object_copy (empty);

  g_assert_true (copy != empty);
  g_assert_cmpuint (json_object_get_size (copy), ==, 0);
  json_object_set_int_member (copy, "n", 1);
  g_assert_cmpuint (json_object_get_size (empty), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/message/accessors", test_message_accessors);
  g_test_add_func ("/studio/message/accessors-empty", test_message_accessors_empty);
  g_test_add_func ("/studio/message/accessors-wrong-types", test_message_accessors_wrong_types);
  g_test_add_func ("/studio/message/set-model", test_message_set_model);
  g_test_add_func ("/studio/message/estimate", test_message_estimate);
  g_test_add_func ("/studio/message/sum", test_message_sum);
  g_test_add_func ("/studio/json/copy", test_json_copy);
  g_test_add_func ("/studio/json/copy-sealed", test_json_copy_sealed);
  g_test_add_func ("/studio/json/copy-empty", test_json_copy_empty);

  return g_test_run ();
}
