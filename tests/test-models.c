/* test-models.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-fake-server.h"
#include "studio-model-catalog.h"

static StudioModelCatalog *
catalog_from_fixture (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = studio_fake_read_test_file ("models.json");
  g_autoptr(GError) error = NULL;
  StudioModelCatalog *catalog = studio_model_catalog_new (client);

  g_assert_nonnull (text);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_true (studio_model_catalog_load_response (catalog, json_parser_get_root (parser), &error));
  g_assert_no_error (error);

  return catalog;
}

static void
test_models_classify (void)
{
  StudioModelCatalog *catalog = catalog_from_fixture ();
  static const struct {
    const char *id;
    StudioModelKind kind;
    const char *family;
  } cases[] = {
    { "gpt-5.4", STUDIO_MODEL_KIND_CHAT, "gpt-5.x" },
    { "gpt-5.4-mini", STUDIO_MODEL_KIND_CHAT, "gpt-5.x" },
    { "gpt-5", STUDIO_MODEL_KIND_CHAT, "gpt-5" },
    { "gpt-5.3-chat-latest", STUDIO_MODEL_KIND_CHAT, "gpt-5-chat" },
    { "gpt-5.5-pro", STUDIO_MODEL_KIND_OTHER, "responses-only" },
    { "gpt-5-codex", STUDIO_MODEL_KIND_OTHER, "responses-only" },
    { "o3", STUDIO_MODEL_KIND_CHAT, "o-series" },
    { "o4-mini", STUDIO_MODEL_KIND_CHAT, "o-series" },
    { "o3-mini", STUDIO_MODEL_KIND_CHAT, "o-series-mini" },
    { "gpt-4.1", STUDIO_MODEL_KIND_CHAT, "gpt-4-vision" },
    { "gpt-4o", STUDIO_MODEL_KIND_CHAT, "gpt-4-vision" },
    { "gpt-4o-audio-preview", STUDIO_MODEL_KIND_CHAT, "audio-chat" },
    { "gpt-4o-search-preview", STUDIO_MODEL_KIND_CHAT, "search-chat" },
    { "gpt-3.5-turbo", STUDIO_MODEL_KIND_CHAT, "gpt-4" },
    { "gpt-3.5-turbo-instruct", STUDIO_MODEL_KIND_OTHER, "legacy-completion" },
    { "gpt-image-1.5", STUDIO_MODEL_KIND_IMAGE, "gpt-image" },
    { "gpt-image-2", STUDIO_MODEL_KIND_IMAGE, "gpt-image-2" },
    { "dall-e-3", STUDIO_MODEL_KIND_IMAGE, "dall-e-3" },
    { "dall-e-2", STUDIO_MODEL_KIND_IMAGE, "dall-e-2" },
    { "whisper-1", STUDIO_MODEL_KIND_TRANSCRIPTION, "whisper" },
    { "gpt-4o-transcribe", STUDIO_MODEL_KIND_TRANSCRIPTION, "transcription-gpt" },
    { "gpt-4o-transcribe-diarize", STUDIO_MODEL_KIND_TRANSCRIPTION, "transcription-diarize" },
    { "gpt-4o-mini-tts", STUDIO_MODEL_KIND_SPEECH, "speech-gpt" },
    { "tts-1-hd", STUDIO_MODEL_KIND_SPEECH, "speech-tts" },
    { "text-embedding-3-large", STUDIO_MODEL_KIND_OTHER, "embedding" },
    { "omni-moderation-latest", STUDIO_MODEL_KIND_OTHER, "moderation" },
    { "gpt-realtime", STUDIO_MODEL_KIND_OTHER, "realtime" },
    { "sora-2", STUDIO_MODEL_KIND_OTHER, "video" },
    { "davinci-002", STUDIO_MODEL_KIND_OTHER, "legacy-completion" },
    { "ft:gpt-4o-mini-2024-07-18:acme::abc123", STUDIO_MODEL_KIND_CHAT, "gpt-4-vision" },
    { "acme-frontier-9", STUDIO_MODEL_KIND_CHAT, "compatible-chat" },
    { "llama-3.1-8b-instruct", STUDIO_MODEL_KIND_CHAT, "compatible-chat" },
  };
  GListModel *models = studio_model_catalog_get_models (catalog);

  g_assert_cmpuint (g_list_model_get_n_items (models), ==, G_N_ELEMENTS (cases) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      StudioModel *model = studio_model_catalog_lookup (catalog, cases[i].id);

      g_assert_nonnull (model);
      g_assert_cmpstr (studio_model_get_family (model), ==, cases[i].family);
      g_assert_cmpint (studio_model_get_kind (model), ==, cases[i].kind);
    }

  /* Sorted by id. */
  for (guint i = 1; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) a = g_list_model_get_item (models, i - 1);
      g_autoptr(StudioModel) b = g_list_model_get_item (models, i);

      g_assert_cmpstr (studio_model_get_id (a), <, studio_model_get_id (b));
    }

  g_assert_finalize_object (catalog);
}

static void
test_models_parameters (void)
{
  StudioModelCatalog *catalog = catalog_from_fixture ();
  StudioModel *reasoning = studio_model_catalog_lookup (catalog, "o3");
  StudioModel *classic = studio_model_catalog_lookup (catalog, "gpt-4o");
  StudioModel *unknown = studio_model_catalog_lookup (catalog, "acme-frontier-9");
  StudioModel *old = studio_model_catalog_lookup (catalog, "gpt-3.5-turbo");
  JsonObject *effort;
  JsonArray *values;

  g_assert_true (studio_model_accepts_parameter (reasoning, "reasoning_effort"));
  g_assert_true (studio_model_accepts_parameter (reasoning, "max_completion_tokens"));
  g_assert_false (studio_model_accepts_parameter (reasoning, "temperature"));
  g_assert_true (studio_model_has_capability (reasoning, "vision"));

  effort = studio_model_get_parameter (reasoning, "reasoning_effort");
  g_assert_cmpstr (json_object_get_string_member (effort, "type"), ==, "enum");
  values = json_object_get_array_member (effort, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 3);

  g_assert_true (studio_model_accepts_parameter (classic, "temperature"));
  g_assert_false (studio_model_accepts_parameter (classic, "reasoning_effort"));
  g_assert_cmpfloat (json_object_get_double_member (studio_model_get_parameter (classic, "temperature"), "max"), ==, 2.0);

  /* Unknown models stay usable for chat with conservative parameters. */
  g_assert_false (studio_model_get_known (unknown));
  g_assert_true (studio_model_get_known (classic));
  g_assert_true (studio_model_accepts_parameter (unknown, "temperature"));
  g_assert_false (studio_model_has_capability (unknown, "vision"));

  g_assert_cmpstr (studio_model_get_shutdown_date (old), ==, "2026-10-23");
  g_assert_null (studio_model_get_shutdown_date (classic));
  g_assert_cmpstr (studio_model_get_owned_by (old), ==, "openai");

  g_assert_finalize_object (catalog);
}

static void
test_models_rules_valid (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  StudioModelCatalog *catalog = studio_model_catalog_new (client);
  g_autoptr(GBytes) rules = g_resources_lookup_data (STUDIO_MODEL_RULES_RESOURCE, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  static const char *types[] = { "number", "integer", "enum", "boolean", "string", "string-list", NULL };
  JsonArray *families;

  g_assert_nonnull (rules);
  g_assert_true (studio_model_catalog_load_rules (catalog, rules, &error));
  g_assert_no_error (error);

  /* Every parameter has a known type, and enums carry their values and a
   * default that is one of them.
   */
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (rules, NULL), g_bytes_get_size (rules), NULL));
  families = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "families");
  for (guint i = 0; i < json_array_get_length (families); i++)
    {
      JsonObject *family = json_array_get_object_element (families, i);
      JsonObject *parameters;
      g_autoptr(GList) names = NULL;

      if (!json_object_has_member (family, "parameters"))
        continue;

      parameters = json_object_get_object_member (family, "parameters");
      names = json_object_get_members (parameters);
      for (GList *l = names; l; l = l->next)
        {
          JsonObject *parameter = json_object_get_object_member (parameters, l->data);
          const char *type = json_object_get_string_member (parameter, "type");

          g_assert_true (g_strv_contains (types, type));

          if (g_str_equal (type, "enum"))
            {
              JsonArray *values = json_object_get_array_member (parameter, "values");
              const char *fallback = json_object_get_string_member (parameter, "default");
              gboolean found = FALSE;

              for (guint j = 0; j < json_array_get_length (values); j++)
                found |= g_strcmp0 (json_array_get_string_element (values, j), fallback) == 0;
              g_assert_true (found);
            }
          else if (g_str_equal (type, "number") || g_str_equal (type, "integer"))
            {
              if (json_object_has_member (parameter, "min") && json_object_has_member (parameter, "max"))
                g_assert_cmpfloat (json_object_get_double_member (parameter, "min"), <=,
                                   json_object_get_double_member (parameter, "max"));
            }
        }
    }

  g_assert_finalize_object (catalog);
}

/* What the image families say, read through the model accessors: each
 * model id of CreateImageRequest and CreateImageEditRequest lands in the
 * family whose parameters, limits and endpoints the spec gives it.
 */
static void
test_models_image_families (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  StudioModelCatalog *catalog = studio_model_catalog_new (client);
  static const struct {
    const char *id;
    const char *family;
    gint64 prompt_max_chars;
    const char *endpoints;
    const char *parameters;
    gint64 max_images;
    gint64 max_bytes;
    gboolean custom_size;
  } cases[] = {
    { "gpt-image-2", "gpt-image-2", 32000, "generations edits",
      "size quality background output_format output_compression moderation input_fidelity n "
      "stream partial_images", 16, 50000000, TRUE },
    { "gpt-image-2-2026-04-21", "gpt-image-2", 32000, "generations edits", NULL, 16, 50000000,
      TRUE },
    { "gpt-image-1.5", "gpt-image", 32000, "generations edits",
      "size quality background output_format output_compression moderation input_fidelity n "
      "stream partial_images", 16, 50000000, FALSE },
    { "gpt-image-1", "gpt-image", 32000, "generations edits", NULL, 16, 50000000, FALSE },
    { "chatgpt-image-latest", "gpt-image", 32000, "generations edits", NULL, 16, 50000000,
      FALSE },
    { "gpt-image-1-mini", "gpt-image-mini", 32000, "generations edits",
      "size quality background output_format output_compression moderation n stream "
      "partial_images", 16, 50000000, FALSE },
    { "dall-e-3", "dall-e-3", 4000, "generations", "size quality style response_format n",
      0, 0, FALSE },
    { "dall-e-2", "dall-e-2", 1000, "generations edits variations", "size response_format n",
      1, 4000000, FALSE },
  };
  static const char *all_endpoints[] = { "generations", "edits", "variations", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) entry = json_object_new ();
      g_autoptr(StudioModel) model = NULL;
      JsonObject *edit;

      g_test_message ("%s", cases[i].id);
      json_object_set_string_member (entry, "id", cases[i].id);
      model = studio_model_catalog_classify (catalog, entry);

      g_assert_cmpint (studio_model_get_kind (model), ==, STUDIO_MODEL_KIND_IMAGE);
      g_assert_cmpstr (studio_model_get_family (model), ==, cases[i].family);
      g_assert_cmpint (studio_model_get_prompt_max_chars (model), ==, cases[i].prompt_max_chars);

      for (guint j = 0; all_endpoints[j]; j++)
        {
          g_auto(GStrv) listed = g_strsplit (cases[i].endpoints, " ", -1);

          g_assert_cmpint (studio_model_has_endpoint (model, all_endpoints[j]), ==,
                           g_strv_contains ((const char * const *) listed, all_endpoints[j]));
        }

      /* The capabilities the UI already reads agree with the endpoints. */
      g_assert_cmpint (studio_model_has_capability (model, "edit"), ==,
                       studio_model_has_endpoint (model, "edits"));
      g_assert_cmpint (studio_model_has_capability (model, "variation"), ==,
                       studio_model_has_endpoint (model, "variations"));
      g_assert_cmpint (studio_model_has_capability (model, "stream"), ==,
                       studio_model_accepts_parameter (model, "stream"));

      if (cases[i].parameters != NULL)
        {
          g_auto(GStrv) expected = g_strsplit (cases[i].parameters, " ", -1);
          g_autoptr(GList) names = studio_model_list_parameters (model);
          guint n = 0;

          for (const GList *l = names; l; l = l->next, n++)
            g_assert_cmpstr (l->data, ==, expected[n]);
          g_assert_null (expected[n]);
        }

      edit = studio_model_get_edit_rules (model);
      if (cases[i].max_images == 0)
        g_assert_null (edit);
      else
        {
          g_assert_cmpint (json_object_get_int_member (edit, "max_images"), ==,
                           cases[i].max_images);
          g_assert_cmpint (json_object_get_int_member (edit, "max_bytes"), ==,
                           cases[i].max_bytes);
          g_assert_true (json_object_has_member (edit, "mask"));
        }

      g_assert_cmpint (json_object_has_member (studio_model_get_parameter (model, "size"),
                                               "custom"), ==, cases[i].custom_size);
    }

  /* dall-e: response_format defaults to "url", as the server does, so
   * that asking for b64_json is sent.
   */
  {
    g_autoptr(JsonObject) entry = json_object_new ();
    g_autoptr(StudioModel) model = NULL;

    json_object_set_string_member (entry, "id", "dall-e-3");
    model = studio_model_catalog_classify (catalog, entry);
    g_assert_cmpstr (json_object_get_string_member (studio_model_get_parameter (model,
                                                                                "response_format"),
                                                    "default"), ==, "url");
    g_assert_cmpint (json_object_get_int_member (studio_model_get_parameter (model, "n"), "max"),
                     ==, 1);
  }

  g_assert_finalize_object (catalog);
}

/* The keys the image families add refer to what exists: a parameter's
 * "endpoints" to the family's, "requires" and "value_requires" to other
 * parameters of the family and values they can take.
 */
static void
test_models_rules_references (void)
{
  g_autoptr(GBytes) rules = g_resources_lookup_data (STUDIO_MODEL_RULES_RESOURCE, 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *families;
  guint n_checked = 0;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (rules, NULL),
                                             g_bytes_get_size (rules), NULL));
  families = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "families");
  for (guint i = 0; i < json_array_get_length (families); i++)
    {
      JsonObject *family = json_array_get_object_element (families, i);
      JsonObject *parameters;
      JsonArray *endpoints;
      g_autoptr(GList) names = NULL;

      if (!json_object_has_member (family, "parameters"))
        continue;

      parameters = json_object_get_object_member (family, "parameters");
      endpoints = json_object_has_member (family, "endpoints")
                  ? json_object_get_array_member (family, "endpoints") : NULL;
      names = json_object_get_members (parameters);

      for (GList *l = names; l; l = l->next)
        {
          JsonObject *parameter = json_object_get_object_member (parameters, l->data);
          const char *kinds[] = { "requires", NULL };

          if (json_object_has_member (parameter, "endpoints"))
            {
              JsonArray *own = json_object_get_array_member (parameter, "endpoints");

              g_assert_nonnull (endpoints);
              for (guint j = 0; j < json_array_get_length (own); j++)
                {
                  gboolean found = FALSE;

                  for (guint k = 0; k < json_array_get_length (endpoints); k++)
                    found |= g_strcmp0 (json_array_get_string_element (own, j),
                                        json_array_get_string_element (endpoints, k)) == 0;
                  g_assert_true (found);
                }
              n_checked++;
            }

          for (guint k = 0; kinds[k]; k++)
            {
              JsonObject *conditions;
              g_autoptr(GList) others = NULL;

              if (!json_object_has_member (parameter, kinds[k]))
                continue;
              conditions = json_object_get_object_member (parameter, kinds[k]);
              others = json_object_get_members (conditions);
              for (GList *o = others; o; o = o->next)
                {
                  g_assert_true (json_object_has_member (parameters, o->data));
                  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (conditions,
                                                                                         o->data)),
                                    >, 0);
                }
              n_checked++;
            }

          if (json_object_has_member (parameter, "value_requires"))
            {
              JsonObject *by_value = json_object_get_object_member (parameter, "value_requires");
              JsonArray *values = json_object_get_array_member (parameter, "values");
              g_autoptr(GList) keys = json_object_get_members (by_value);

              for (GList *v = keys; v; v = v->next)
                {
                  JsonObject *conditions = json_object_get_object_member (by_value, v->data);
                  g_autoptr(GList) others = json_object_get_members (conditions);
                  gboolean found = FALSE;

                  for (guint j = 0; j < json_array_get_length (values); j++)
                    found |= g_strcmp0 (json_array_get_string_element (values, j), v->data) == 0;
                  g_assert_true (found);
                  for (GList *o = others; o; o = o->next)
                    g_assert_true (json_object_has_member (parameters, o->data));
                }
              n_checked++;
            }
        }
    }

  /* Not vacuous: the image families have all three kinds. */
  g_assert_cmpuint (n_checked, >=, 10);
}

static void
test_models_rules_invalid (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  StudioModelCatalog *catalog = studio_model_catalog_new (client);
  static const char *bad[] = {
    "",
    "   \n",
    "[]",
    "not json",
    "{\"families\": [3, {\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": true}]}",
    "{\"families\": [{\"id\": \"x\", \"kind\": \"chat\", \"match\": [{}]},"
    " {\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": true}]}",
    "{\"families\": [{\"id\": \"x\", \"kind\": \"chat\", \"match\": [7]},"
    " {\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": true}]}",
    "{\"families\": [{\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": {}}]}",
    "{\"families\": 3}",
    "{\"families\": [{\"id\": \"x\", \"kind\": \"chat\", \"match\": [\"(\"]}, {\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": true}]}",
    "{\"families\": [{\"id\": \"x\", \"kind\": \"telepathy\", \"match\": []}, {\"id\": \"f\", \"kind\": \"chat\", \"match\": [], \"fallback\": true}]}",
    "{\"families\": [{\"id\": \"x\", \"kind\": \"chat\", \"match\": [\"^x\"]}]}",
    "{\"families\": [{\"kind\": \"chat\", \"match\": []}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (studio_model_catalog_load_rules (catalog, bytes, &error));
      g_assert_nonnull (error);
    }

  g_assert_finalize_object (catalog);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_model_catalog_refresh_finish (STUDIO_MODEL_CATALOG (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_models_refresh_cached (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioClient) client = studio_client_new ();
  StudioModelCatalog *catalog = NULL;
  gboolean done = FALSE;

  studio_client_set_base_url (client, studio_fake_server_get_base_url (server));
  catalog = studio_model_catalog_new (client);

  studio_model_catalog_refresh_async (catalog, FALSE, NULL, refresh_cb, &done);
  studio_fake_wait_until (&done);
  g_assert_true (studio_model_catalog_get_loaded (catalog));
  g_assert_cmpuint (g_list_model_get_n_items (studio_model_catalog_get_models (catalog)), >, 30);

  /* A second look within the cache lifetime does not ask again… */
  done = FALSE;
  studio_model_catalog_refresh_async (catalog, FALSE, NULL, refresh_cb, &done);
  studio_fake_wait_until (&done);
  g_assert_cmpuint (studio_fake_server_count (server, "/v1/models"), ==, 1);

  /* …unless forced. */
  done = FALSE;
  studio_model_catalog_refresh_async (catalog, TRUE, NULL, refresh_cb, &done);
  studio_fake_wait_until (&done);
  g_assert_cmpuint (studio_fake_server_count (server, "/v1/models"), ==, 2);

  g_assert_finalize_object (catalog);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Refresh;

static void
refresh_error_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Refresh *refresh = user_data;

  g_assert_false (studio_model_catalog_refresh_finish (STUDIO_MODEL_CATALOG (object), result,
                                                       &refresh->error));
  refresh->done = TRUE;
}

/* A server that answers the model list with nothing, blanks or the wrong
 * shape: the refresh ends, with the reason, and the list stays as it was.
 */
static void
test_models_refresh_malformed (void)
{
  g_autoptr(StudioFakeServer) server = studio_fake_server_new (NULL);
  g_autoptr(StudioClient) client = studio_client_new ();
  StudioModelCatalog *catalog = NULL;
  static const char *bodies[] = {
    NULL, "", "   ", "[]", "{\"data\": {}}",
    "{\"data\": [7, \"x\", null, {\"id\": 3},"
    " {\"id\": \"m\", \"created\": {\"a\": 1}, \"owned_by\": []}]}",
  };

  studio_client_set_base_url (client, studio_fake_server_get_base_url (server));
  catalog = studio_model_catalog_new (client);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      Refresh refresh = { 0 };

      studio_fake_server_push (server, "/v1/models", 200, "application/json", bodies[i], NULL);
      if (i == G_N_ELEMENTS (bodies) - 1)
        {
          /* Entries of the wrong shape are passed over, the rest is kept. */
          gboolean done = FALSE;

          studio_model_catalog_refresh_async (catalog, TRUE, NULL, refresh_cb, &done);
          studio_fake_wait_until (&done);
          g_assert_cmpuint (g_list_model_get_n_items (studio_model_catalog_get_models (catalog)),
                            ==, 1);
          continue;
        }

      studio_model_catalog_refresh_async (catalog, TRUE, NULL, refresh_error_cb, &refresh);
      studio_fake_wait_until (&refresh.done);
      g_assert_error (refresh.error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED);
      g_assert_false (studio_model_catalog_get_loaded (catalog));
      g_clear_error (&refresh.error);
    }

  g_assert_finalize_object (catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/models/classify", test_models_classify);
  g_test_add_func ("/studio/models/parameters", test_models_parameters);
  g_test_add_func ("/studio/models/rules-valid", test_models_rules_valid);
  g_test_add_func ("/studio/models/rules-invalid", test_models_rules_invalid);
  g_test_add_func ("/studio/models/image-families", test_models_image_families);
  g_test_add_func ("/studio/models/rules-references", test_models_rules_references);
  g_test_add_func ("/studio/models/refresh-cached", test_models_refresh_cached);
  g_test_add_func ("/studio/models/refresh-malformed", test_models_refresh_malformed);

  return g_test_run ();
}
