/* fuzz-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-message"

#include "config.h"

#include <string.h>

#include "studio-chat-request.h"
#include "studio-conversation.h"
#include "studio-export.h"
#include "studio-history.h"
#include "studio-json.h"
#include "studio-message.h"
#include "studio-model-catalog.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* A conversation as the history keeps it, written in the shape of
 * studio_export_json() with what the export leaves out added back:
 *
 *   {"title": "…", "model": "gpt-5.4", "system_prompt": "…",
 *    "settings": {"temperature": 0.7},
 *    "search": "words to look for",
 *    "messages": [{"role": "assistant", "content": "…", "state": 0,
 *                  "details": {extra data: usage, finish_reason, error…},
 *                  "attachments": [{"kind": "transcript", "name": "…",
 *                                   "text": "…"},
 *                                  {"kind": "image", "name": "…",
 *                                   "mime_type": "image/png",
 *                                   "data": "base64"}]}]}
 *
 * The conversation is saved to an in-memory history and loaded back,
 * which must give it back unchanged; the messages are read through their
 * accessors, searched, exported (the JSON export must parse and hold the
 * same messages) and sent to a model as a chat request.
 */

static StudioModelCatalog *catalog;

static StudioMessage *
message_from_json (JsonObject *object)
{
  const char *role = studio_json_get_string (object, "role");
  JsonObject *details = studio_json_get_object (object, "details");
  JsonArray *attachments = studio_json_get_array (object, "attachments");
  gint64 state = studio_json_get_int (object, "state", 0);
  StudioMessage *message;

  if (role == NULL)
    return NULL;

  message = studio_message_new (role, studio_json_get_string (object, "content"));
  studio_message_set_state (message, CLAMP (state, STUDIO_MESSAGE_STATE_COMPLETE,
                                            STUDIO_MESSAGE_STATE_FAILED));
  if (details != NULL)
    studio_message_set_extra (message, details);

  for (guint i = 0; attachments && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *kind = studio_json_get_string (entry, "kind");
      const char *name = studio_json_get_string (entry, "name");
      StudioAttachment *attachment = NULL;

      if (g_strcmp0 (kind, "transcript") == 0)
        attachment = studio_attachment_new_transcript (name,
                                                       studio_json_get_string (entry, "text"));
      else if (g_strcmp0 (kind, "image") == 0)
        {
          const char *base64 = studio_json_get_string (entry, "data");
          g_autoptr(GBytes) data = NULL;

          if (base64 != NULL)
            {
              gsize length = 0;
              guchar *decoded = g_base64_decode (base64, &length);

              data = g_bytes_new_take (decoded, length);
            }
          attachment = studio_attachment_new_image (name,
                                                    studio_json_get_string (entry, "mime_type"),
                                                    data,
                                                    studio_json_get_string (entry, "detail"));
        }

      if (attachment != NULL)
        studio_message_add_attachment (message, attachment);
    }

  return message;
}

static gboolean
bytes_equal0 (GBytes *a,
              GBytes *b)
{
  /* The history stores an empty image as an empty blob. */
  gsize size_a = a ? g_bytes_get_size (a) : 0;
  gsize size_b = b ? g_bytes_get_size (b) : 0;

  if ((a == NULL) != (b == NULL) || size_a != size_b)
    return FALSE;

  return size_a == 0 ||
         memcmp (g_bytes_get_data (a, NULL), g_bytes_get_data (b, NULL), size_a) == 0;
}

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b)
{
  g_autoptr(JsonNode) node_a = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

static void
check_same_message (StudioMessage *saved,
                    StudioMessage *loaded,
                    guint          index)
{
  GPtrArray *attachments_a = studio_message_get_attachments (saved);
  GPtrArray *attachments_b = studio_message_get_attachments (loaded);

  if (g_strcmp0 (studio_message_get_role (saved), studio_message_get_role (loaded)) != 0 ||
      g_strcmp0 (studio_message_get_content (saved), studio_message_get_content (loaded)) != 0 ||
      studio_message_get_state (saved) != studio_message_get_state (loaded) ||
      studio_message_get_id (saved) != studio_message_get_id (loaded))
    fuzz_fail ("message %u came back from the history changed", index);

  if (!objects_equal (studio_message_get_extra (saved), studio_message_get_extra (loaded)))
    fuzz_fail ("the extra data of message %u came back from the history changed", index);

  if (attachments_a->len != attachments_b->len)
    fuzz_fail ("message %u came back with %u attachments, not %u", index,
               attachments_b->len, attachments_a->len);

  for (guint i = 0; i < attachments_a->len; i++)
    {
      StudioAttachment *a = g_ptr_array_index (attachments_a, i);
      StudioAttachment *b = g_ptr_array_index (attachments_b, i);

      if (g_strcmp0 (a->kind, b->kind) || g_strcmp0 (a->name, b->name) ||
          g_strcmp0 (a->mime_type, b->mime_type) || g_strcmp0 (a->detail, b->detail) ||
          g_strcmp0 (a->text, b->text) || !bytes_equal0 (a->data, b->data))
        fuzz_fail ("attachment %u of message %u came back changed", i, index);
    }
}

static void
check_export (StudioConversation *conversation,
              GPtrArray          *messages)
{
  g_autofree char *markdown = studio_export_markdown (conversation, messages);
  g_autofree char *json = studio_export_json (conversation, messages);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *exported;

  fuzz_check_utf8 ("Markdown export", markdown);

  if (!(root = json_from_string (json, &error)))
    fuzz_fail ("the JSON export does not parse: %s", error->message);

  exported = JSON_NODE_HOLDS_OBJECT (root)
    ? studio_json_get_array (json_node_get_object (root), "messages")
    : NULL;
  if (exported == NULL || json_array_get_length (exported) != messages->len)
    fuzz_fail ("the JSON export does not hold the messages");

  for (guint i = 0; i < messages->len; i++)
    {
      StudioMessage *message = g_ptr_array_index (messages, i);
      JsonNode *node = json_array_get_element (exported, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *details = studio_json_get_object (entry, "details");

      if (g_strcmp0 (studio_json_get_string (entry, "content"),
                     studio_message_get_content (message)) != 0 ||
          details == NULL || !objects_equal (details, studio_message_get_extra (message)))
        fuzz_fail ("message %u is exported changed", i);
    }
}

static void
check_search (StudioHistory *history,
              const char    *query)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  /* What the user types is made a query that cannot be a syntax error. */
  if (!(hits = studio_history_search (history, query, 20, &error)))
    fuzz_fail ("searching failed: %s", error->message);

  for (guint i = 0; i < hits->len; i++)
    {
      StudioSearchHit *hit = g_ptr_array_index (hits, i);

      fuzz_check_utf8 ("search snippet", hit->snippet);
      fuzz_check_utf8 ("search title", hit->title);
    }
}

static void
check_request (StudioConversation *conversation,
               GPtrArray          *messages)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(StudioModel) model = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = studio_conversation_get_model (conversation);

  json_object_set_string_member (entry, "id", studio_str_empty0 (id) ? "gpt-5.4" : id);
  if (!(model = studio_model_catalog_classify (catalog, entry)))
    fuzz_fail ("the conversation's model cannot be classified");

  body = studio_chat_request_build_body (model, conversation, messages, &error);
  if ((body == NULL) == (error == NULL))
    fuzz_fail ("a chat request has %s", body ? "both a body and an error" : "neither");
}

static void
init (void)
{
  catalog = fuzz_model_catalog_new ();
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(StudioHistory) history = NULL;
  g_autoptr(StudioConversation) conversation = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GError) error = NULL;
  StudioConversation *reloaded;
  JsonObject *object;
  JsonObject *settings;
  JsonArray *array;
  const char *search;

  /* The history has no limit of its own, but a conversation this long
   * only costs time here.
   */
  if (size > 256 * 1024 ||
      !(root = studio_json_parse_server_data ((const char *) bytes, size, NULL)))
    return;

  object = json_node_get_object (root);
  conversation = studio_conversation_new ();
  studio_conversation_set_title (conversation, studio_json_get_string (object, "title") ?: "");
  studio_conversation_set_model (conversation, studio_json_get_string (object, "model"));
  studio_conversation_set_system_prompt (conversation,
                                         studio_json_get_string (object, "system_prompt") ?: "");
  if ((settings = studio_json_get_object (object, "settings")))
    studio_conversation_set_settings (conversation, settings);

  messages = g_ptr_array_new_with_free_func (g_object_unref);
  array = studio_json_get_array (object, "messages");
  for (guint i = 0; array && i < json_array_get_length (array) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      StudioMessage *message;

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          (message = message_from_json (json_node_get_object (node))))
        g_ptr_array_add (messages, message);
    }

  for (guint i = 0; i < messages->len; i++)
    fuzz_check_message (g_ptr_array_index (messages, i));

  history = studio_history_new_in_memory ();
  if (!studio_history_save_conversation (history, conversation, &error))
    fuzz_fail ("saving the conversation failed: %s", error->message);
  for (guint i = 0; i < messages->len; i++)
    {
      if (!studio_history_save_message (history, studio_conversation_get_id (conversation),
                                        g_ptr_array_index (messages, i), &error))
        fuzz_fail ("saving message %u failed: %s", i, error->message);
    }

  if (!(loaded = studio_history_load_messages (history, studio_conversation_get_id (conversation),
                                               &error)))
    fuzz_fail ("loading the messages failed: %s", error->message);
  if (loaded->len != messages->len)
    fuzz_fail ("%u messages were saved, %u came back", messages->len, loaded->len);
  for (guint i = 0; i < loaded->len; i++)
    {
      check_same_message (g_ptr_array_index (messages, i), g_ptr_array_index (loaded, i), i);
      fuzz_check_message (g_ptr_array_index (loaded, i));
    }

  if (!(conversations = studio_history_list_conversations (history, &error)))
    fuzz_fail ("listing the conversations failed: %s", error->message);
  if (conversations->len != 1)
    fuzz_fail ("one conversation was saved, %u came back", conversations->len);
  reloaded = g_ptr_array_index (conversations, 0);
  if (g_strcmp0 (studio_conversation_get_title (reloaded),
                 studio_conversation_get_title (conversation)) != 0 ||
      g_strcmp0 (studio_conversation_get_model (reloaded),
                 studio_conversation_get_model (conversation)) != 0 ||
      g_strcmp0 (studio_conversation_get_system_prompt (reloaded),
                 studio_conversation_get_system_prompt (conversation)) != 0 ||
      !objects_equal (studio_conversation_get_settings (reloaded),
                      studio_conversation_get_settings (conversation)))
    fuzz_fail ("the conversation came back from the history changed");

  search = studio_json_get_string (object, "search");
  check_search (history, search ? search : "");
  if (messages->len > 0)
    check_search (history, studio_message_get_content (g_ptr_array_index (messages, 0)));

  check_export (reloaded, loaded);
  check_request (reloaded, loaded);
}

const FuzzTarget fuzz_target = { .init = init, .test_one_input = test_one_input };
