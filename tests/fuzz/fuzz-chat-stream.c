/* fuzz-chat-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-chat-stream"

#include "config.h"

#include <string.h>

#include "studio-api-error.h"
#include "studio-chat-stream.h"
#include "studio-client.h"
#include "studio-json.h"
#include "studio-prices.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* The chunks of one streamed chat completion, one per line: the JSON of
 * each `data:` field (a leading "data:" is skipped, so a captured stream
 * works as it is). Each goes where StudioClient sends a stream event: a
 * line that is not a JSON object is skipped, an error object ends the
 * stream with the error stored on the reply, "[DONE]" ends it, and any
 * other object is applied to the reply with
 * studio_chat_stream_apply_chunk(). Then the reply is read back through
 * every accessor the UI uses, and priced.
 */

static StudioClient *client;
static StudioPrices *prices;

/* What studio_chat_stream_run_cb() stores for a failed stream. */
static void
store_error (StudioMessage *reply,
             const GError  *error)
{
  JsonObject *object = json_object_new ();
  g_autofree char *details = studio_api_error_dup_details (error);

  json_object_set_string_member (object, "message", error->message);
  if (details != NULL)
    json_object_set_string_member (object, "details", details);
  json_object_set_int_member (object, "code", error->code);
  if (studio_api_error_get_param (error))
    json_object_set_string_member (object, "param", studio_api_error_get_param (error));

  json_object_set_object_member (studio_message_get_extra (reply), "error", object);
}

/* Returns FALSE when the stream ends here. */
static gboolean
apply_line (StudioChatStream *stream,
            const char       *line,
            gsize             length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (length >= 5 && memcmp (line, "data:", 5) == 0)
    {
      line += 5, length -= 5;
      if (length > 0 && line[0] == ' ')
        line++, length--;
    }

  if (length == 6 && memcmp (line, "[DONE]", 6) == 0)
    return FALSE;

  if (!(root = studio_json_parse_server_data (line, length, NULL)))
    return TRUE;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "error") && !json_object_has_member (object, "choices"))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (line, length);
      g_autoptr(GError) error = studio_api_error_new_for_status (500, NULL, bytes, NULL);

      store_error (studio_chat_stream_get_reply (stream), error);
      studio_message_set_state (studio_chat_stream_get_reply (stream),
                                STUDIO_MESSAGE_STATE_FAILED);
      return FALSE;
    }

  studio_chat_stream_apply_chunk (stream, object);

  return TRUE;
}

static void
check_reply (StudioMessage *reply)
{
  g_autoptr(GListStore) messages = g_list_store_new (STUDIO_TYPE_MESSAGE);
  JsonArray *tool_calls;
  gint64 input_tokens, output_tokens, tokens;
  double cost;
  gboolean priced;

  fuzz_check_message (reply);

  /* Each merged tool call is an object with a "function" object, so the
   * UI and a follow-up request can read them without checking.
   */
  if ((tool_calls = studio_message_get_tool_calls (reply)))
    {
      for (guint i = 0; i < json_array_get_length (tool_calls); i++)
        {
          JsonNode *node = json_array_get_element (tool_calls, i);

          if (!JSON_NODE_HOLDS_OBJECT (node) ||
              !studio_json_get_object (json_node_get_object (node), "function"))
            fuzz_fail ("tool call %u is not an object with a function", i);
        }
    }

  if (studio_message_get_usage (reply, &input_tokens, &output_tokens))
    (void) studio_prices_estimate (prices, studio_message_get_model (reply),
                                   input_tokens, output_tokens);
  (void) studio_prices_estimate_message (prices, reply, &tokens);

  g_list_store_append (messages, reply);
  studio_prices_sum_messages (prices, G_LIST_MODEL (messages), &tokens, &cost, &priced);
}

static void
init (void)
{
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(GError) error = NULL;

  client = studio_client_new ();
  prices = studio_prices_new ();
  builtin = fuzz_lookup_resource ("prices.json");
  if (!studio_prices_load (prices, g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                           &error))
    fuzz_fail ("the built-in prices do not load: %s", error->message);
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  const char *cursor = (const char *) bytes;
  const char *end = cursor + size;
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", NULL);
  g_autoptr(StudioChatStream) stream = studio_chat_stream_new (client, reply);
  const char *line;
  gsize length;

  studio_message_set_state (reply, STUDIO_MESSAGE_STATE_STREAMING);

  while (fuzz_split_line (&cursor, end, &line, &length))
    {
      if (!apply_line (stream, line, length))
        break;
    }

  if (studio_message_get_state (reply) == STUDIO_MESSAGE_STATE_STREAMING)
    studio_message_set_state (reply, STUDIO_MESSAGE_STATE_COMPLETE);

  check_reply (reply);
}

const FuzzTarget fuzz_target = { .init = init, .test_one_input = test_one_input };
