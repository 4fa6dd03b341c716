/* test-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "studio-export.h"

static StudioConversation *
conversation_new (void)
{
  StudioConversation *conversation = studio_conversation_new ();

  studio_conversation_set_title (conversation, "Trip to Lisbon");
  studio_conversation_set_model (conversation, "gpt-4o");
  studio_conversation_set_system_prompt (conversation, "You are a travel agent.");

  return conversation;
}

static GPtrArray *
messages_new (void)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) pixels = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(JsonNode) extra = json_from_string ("{\"model\":\"gpt-4o-2024-08-06\","
                                                "\"finish_reason\":\"stop\","
                                                "\"usage\":{\"prompt_tokens\":12,"
                                                "\"completion_tokens\":30}}", NULL);
  StudioMessage *question = studio_message_new ("user", "Where should I stay?");
  StudioMessage *answer = studio_message_new ("assistant", "Alfama, near the *castle*.");

  studio_message_add_attachment (question, studio_attachment_new_image ("map.png", "image/png",
                                                                        pixels, "auto"));
  studio_message_add_attachment (question, studio_attachment_new_transcript ("memo.wav", "…"));
  studio_message_set_extra (answer, json_node_get_object (extra));
  g_ptr_array_add (messages, question);
  g_ptr_array_add (messages, answer);

  return messages;
}

static void
test_export_markdown (void)
{
  g_autoptr(StudioConversation) conversation = conversation_new ();
  g_autoptr(GPtrArray) messages = messages_new ();
  g_autofree char *text = studio_export_markdown (conversation, messages);

  g_assert_cmpstr (text, ==,
                   "# Trip to Lisbon\n\n"
                   "_gpt-4o_\n\n"
                   "> You are a travel agent.\n\n"
                   "## You\n\n"
                   "📎 map.png\n\n"
                   "📎 memo.wav\n\n"
                   "Where should I stay?\n\n"
                   "## Assistant\n\n"
                   "Alfama, near the *castle*.\n\n");

  g_clear_pointer (&messages, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&conversation));
}

static void
test_export_markdown_bare (void)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;

  /* No model, no system prompt, no messages: only the title line. */
  studio_conversation_set_title (conversation, "Empty");
  text = studio_export_markdown (conversation, messages);
  g_assert_cmpstr (text, ==, "# Empty\n\n");

  g_assert_finalize_object (g_steal_pointer (&conversation));
}

static void
test_export_json (void)
{
  g_autoptr(StudioConversation) conversation = conversation_new ();
  g_autoptr(GPtrArray) messages = messages_new ();
  g_autofree char *text = studio_export_json (conversation, messages);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *first, *second, *details, *extra;
  JsonArray *list;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  /* Indented, for people who open the file. */
  g_assert_nonnull (strstr (text, "\n  \"title\""));

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Trip to Lisbon");
  g_assert_cmpstr (json_object_get_string_member (root, "model"), ==, "gpt-4o");
  g_assert_cmpstr (json_object_get_string_member (root, "system_prompt"), ==,
                   "You are a travel agent.");

  list = json_object_get_array_member (root, "messages");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);

  first = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "role"), ==, "user");
  g_assert_cmpstr (json_object_get_string_member (first, "content"), ==, "Where should I stay?");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (first, "details")), ==, 0);

  second = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "role"), ==, "assistant");
  g_assert_cmpstr (json_object_get_string_member (second, "content"), ==,
                   "Alfama, near the *castle*.");
  details = json_object_get_object_member (second, "details");
  g_assert_cmpstr (json_object_get_string_member (details, "model"), ==, "gpt-4o-2024-08-06");
  g_assert_cmpstr (json_object_get_string_member (details, "finish_reason"), ==, "stop");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (details, "usage"),
                                               "completion_tokens"), ==, 30);

  /* Exporting leaves the messages as they were. */
  extra = studio_message_get_extra (g_ptr_array_index (messages, 1));
  g_assert_cmpuint (json_object_get_size (extra), ==, 3);

  g_clear_pointer (&messages, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&conversation));
}

static void
test_export_json_escapes (void)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *message;
  JsonArray *list;

  studio_conversation_set_title (conversation, "Quotes \"and\" \\ slashes");
  g_ptr_array_add (messages, studio_message_new ("user", "line one\nline \"two\"\t😀"));
  text = studio_export_json (conversation, messages);

  root = json_from_string (text, NULL);
  g_assert_nonnull (root);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "title"), ==,
                   "Quotes \"and\" \\ slashes");
  list = json_object_get_array_member (json_node_get_object (root), "messages");
  message = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (message, "content"), ==,
                   "line one\nline \"two\"\t😀");

  g_clear_pointer (&messages, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&conversation));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/export/markdown", test_export_markdown);
  g_test_add_func ("/studio/export/markdown-bare", test_export_markdown_bare);
  g_test_add_func ("/studio/export/json", test_export_json);
  g_test_add_func ("/studio/export/json-escapes", test_export_json_escapes);

  return g_test_run ();
}
