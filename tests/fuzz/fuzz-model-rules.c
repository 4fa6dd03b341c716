/* fuzz-model-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-model-rules"

#include "config.h"

#include <string.h>

#include "studio-chat-request.h"
#include "studio-conversation.h"
#include "studio-image-request.h"
#include "studio-image-size.h"
#include "studio-message.h"
#include "studio-model-catalog.h"
#include "studio-transcription-request.h"

#include "fuzz-common.h"

/* A model-families.json (the shape of data/model-families.json). Loaded
 * with studio_model_catalog_load_rules(); when it is taken, a fixed model
 * list is classified by it, each model is read through its accessors, and
 * a chat request is built for each chat model from a conversation whose
 * settings give every parameter the family lists a value of each JSON
 * type, as an old or hand-edited history might; each image model gets
 * generation bodies from the same values, and its size rules are asked
 * about a few sizes and its presets. When it is refused, the
 * catalog must still classify as it did before: a rules file is only ever
 * taken whole.
 */

static const char models_json[] =
  "{\"object\":\"list\",\"data\":["
  "{\"id\":\"gpt-5.4\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"system\"},"
  "{\"id\":\"gpt-5.4-mini\",\"created\":1700086400,\"owned_by\":\"system\"},"
  "{\"id\":\"gpt-5.5-pro\",\"owned_by\":\"system\"},"
  "{\"id\":\"gpt-4o\",\"owned_by\":\"system\",\"shutdown_date\":\"2026-10-01\"},"
  "{\"id\":\"gpt-4o-transcribe\"},{\"id\":\"gpt-4o-transcribe-diarize\"},"
  "{\"id\":\"whisper-1\"},{\"id\":\"gpt-4o-mini-tts\"},{\"id\":\"tts-1-hd\"},"
  "{\"id\":\"gpt-image-1\"},{\"id\":\"gpt-image-2\"},{\"id\":\"gpt-image-1-mini\"},"
  "{\"id\":\"dall-e-2\"},{\"id\":\"dall-e-3\"},{\"id\":\"o3\"},{\"id\":\"o4-mini\"},"
  "{\"id\":\"text-embedding-3-large\"},{\"id\":\"omni-moderation-latest\"},"
  "{\"id\":\"gpt-realtime\"},{\"id\":\"sora-2\"},{\"id\":\"codex-mini-latest\"},"
  "{\"id\":\"ft:gpt-4o-mini-2024-07-18:acme::BxZ1\"},{\"id\":\"ft:ft:x\"},"
  "{\"id\":\"llama3.1:8b\"},{\"id\":\"Qwen/Qwen2.5-7B-Instruct\"},{\"id\":\"\\u00e9t\\u00e9\"}"
  "]}";

static StudioModelCatalog *catalog;
static GBytes *builtin_rules;
static JsonNode *models_response;
static GPtrArray *builtin_families;   /* the family of each model, by the built-in rules */
static GPtrArray *messages;
static JsonNode *setting_values[7];

/* The family each model of the fixed list gets. */
static GPtrArray *
classify_all (void)
{
  GPtrArray *families = g_ptr_array_new_with_free_func (g_free);
  GListModel *models;

  if (!studio_model_catalog_load_response (catalog, models_response, NULL))
    fuzz_fail ("the fixed model list was refused");

  models = studio_model_catalog_get_models (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (models, i);

      g_ptr_array_add (families, g_strdup (studio_model_get_family (model)));
    }

  return families;
}

static void
build_requests (StudioModel *model)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GList) names = studio_model_list_parameters (model);
  guint n;

  studio_conversation_set_title (conversation, "Fuzz");
  studio_conversation_set_model (conversation, studio_model_get_id (model));
  studio_conversation_set_system_prompt (conversation, "Be brief.");
  studio_conversation_set_settings (conversation, settings);

  /* The conversation holds the settings object itself, so changing it
   * changes what the next request sends: each round rotates the values,
   * so that every parameter is given a value of every type once.
   */
  for (guint round = 0; round < G_N_ELEMENTS (setting_values); round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(StudioRequest) request = NULL;

      n = round;
      for (const GList *l = names; l != NULL; l = l->next, n++)
        json_object_set_member (settings, l->data,
                                json_node_copy (setting_values[n % G_N_ELEMENTS (setting_values)]));

      body = studio_chat_request_build_body (model, conversation, messages, &error);
      if ((body == NULL) == (error == NULL))
        fuzz_fail ("a chat request has %s", body ? "both a body and an error" : "neither");
      if (body != NULL && !JSON_NODE_HOLDS_OBJECT (body))
        fuzz_fail ("a chat request body is not an object");

      g_clear_error (&error);
      request = studio_chat_request_new (model, conversation, messages, &error);
    }
}

static void
build_image_requests (StudioModel *model)
{
  static const char * const sizes[] = {
    "auto", "1024x1024", "1536x864", "1000x1000", "4000x992", "3840x2160", "16x16", "big",
  };
  g_autoptr(JsonObject) options = json_object_new ();
  g_autoptr(GList) names = studio_model_list_parameters (model);
  g_autoptr(GPtrArray) presets = studio_image_size_list_presets (model);
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nearest = NULL;
      gboolean experimental;

      if (studio_image_size_check (model, sizes[i], &experimental, &nearest, &error))
        {
          if (error != NULL || nearest != NULL)
            fuzz_fail ("a size was taken with an error or a nearest size");
          continue;
        }
      if (error == NULL)
        fuzz_fail ("a size was refused without an error");
      fuzz_check_utf8 ("size error", error->message);
      g_clear_error (&error);
      /* The nearest size offered must itself be taken. */
      if (nearest != NULL && !studio_image_size_check (model, nearest, NULL, NULL, &error))
        fuzz_fail ("the nearest size %s is refused: %s", nearest, error->message);
    }

  /* Presets that break the family's own rules are left out. */
  for (guint i = 0; i < presets->len; i++)
    {
      StudioImageSizePreset *preset = g_ptr_array_index (presets, i);

      if (!studio_image_size_check (model, preset->size, NULL, NULL, NULL))
        fuzz_fail ("preset %s is listed but refused", preset->id);
    }

  (void) studio_image_request_get_stream (model, options);
  (void) studio_image_request_get_n (model, options);

  for (guint round = 0; round < G_N_ELEMENTS (setting_values); round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) body = NULL;

      n = round;
      for (const GList *l = names; l != NULL; l = l->next, n++)
        json_object_set_member (options, l->data,
                                json_node_copy (setting_values[n % G_N_ELEMENTS (setting_values)]));

      body = studio_image_request_build_body (model, "An otter", options, &error);
      if ((body == NULL) == (error == NULL))
        fuzz_fail ("an image request has %s", body ? "both a body and an error" : "neither");
      if (error != NULL)
        fuzz_check_utf8 ("image request error", error->message);
      (void) studio_image_request_get_stream (model, options);
      (void) studio_image_request_get_n (model, options);
    }

  /* With no options, only the defaults. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) body = studio_image_request_build_body (model, "An otter", NULL, &error);

    if ((body == NULL) == (error == NULL))
      fuzz_fail ("a default image request has %s", body ? "both a body and an error" : "neither");
  }
}

static void
check_rules_taken (void)
{
  GListModel *models = studio_model_catalog_get_models (catalog);

  if (!studio_model_catalog_load_response (catalog, models_response, NULL))
    fuzz_fail ("the fixed model list was refused");

  for (guint i = 0, n_chat = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (models, i);

      fuzz_check_model (model);

      /* A few chat models are enough: with the real rules most models are
       * chat models, and each request costs more than all the rest.
       */
      if (studio_model_get_kind (model) == STUDIO_MODEL_KIND_CHAT && n_chat++ < 4)
        build_requests (model);
      else if (studio_model_get_kind (model) == STUDIO_MODEL_KIND_IMAGE)
        build_image_requests (model);
    }

  (void) studio_transcription_pick_model (models);
}

static void
check_rules_unchanged (void)
{
  g_autoptr(GPtrArray) families = classify_all ();

  for (guint i = 0; i < families->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (families, i), g_ptr_array_index (builtin_families, i)))
        fuzz_fail ("refused rules changed the family of model %u", i);
    }
}

static void
make_messages (void)
{
  static const guint8 png[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
    0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
  };
  g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
  StudioMessage *user = studio_message_new ("user", "What is in this picture?");
  StudioMessage *reply = studio_message_new ("assistant", "A pixel.");
  StudioMessage *empty = studio_message_new ("assistant", NULL);

  studio_message_add_attachment (user, studio_attachment_new_image ("pixel.png", "image/png",
                                                                    image, "low"));
  studio_message_add_attachment (user, studio_attachment_new_transcript ("memo.ogg", "Hello."));

  messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (messages, user);
  g_ptr_array_add (messages, reply);
  g_ptr_array_add (messages, empty);
}

static void
make_setting_values (void)
{
  static const char * const texts[] = {
    "\"json_object\"", "0.7", "4096", "true", "\"high\"", "[\"a\",\"b\"]", "{\"type\":\"x\"}",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (texts) == G_N_ELEMENTS (setting_values));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!(setting_values[i] = json_from_string (texts[i], &error)))
        fuzz_fail ("setting %u: %s", i, error->message);
    }
}

static void
init (void)
{
  g_autoptr(GError) error = NULL;

  catalog = fuzz_model_catalog_new ();
  builtin_rules = fuzz_lookup_resource ("model-families.json");
  if (!(models_response = json_from_string (models_json, &error)))
    fuzz_fail ("the fixed model list: %s", error->message);
  builtin_families = classify_all ();
  make_messages ();
  make_setting_values ();
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  g_autoptr(GBytes) rules = g_bytes_new (bytes, size);
  g_autoptr(GError) error = NULL;

  if (!studio_model_catalog_load_rules (catalog, rules, &error))
    {
      if (error == NULL)
        fuzz_fail ("refused rules without an error");
      fuzz_check_utf8 ("rules error", error->message);
      check_rules_unchanged ();
      return;
    }

  if (error != NULL)
    fuzz_fail ("rules were taken with an error set");

  check_rules_taken ();

  /* Back to the built-in rules, so that no input depends on another. */
  if (!studio_model_catalog_load_rules (catalog, builtin_rules, NULL))
    fuzz_fail ("the built-in rules were refused");
}

const FuzzTarget fuzz_target = { .init = init, .test_one_input = test_one_input };
