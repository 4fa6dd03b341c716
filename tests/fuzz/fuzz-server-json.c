/* fuzz-server-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-server-json"

#include "config.h"

#include <string.h>

#include "studio-api-error.h"
#include "studio-model-catalog.h"
#include "studio-transcription-request.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* The body of a JSON answer, as StudioClient receives it: parsed with
 * studio_json_parse_server_data(), the one way server bytes become JSON,
 * then handed to everything that reads a non-streamed answer: the model
 * list (GET /v1/models, classified by the built-in rules) and the
 * transcription text (json and verbose_json answers).
 */

static StudioModelCatalog *catalog;

static JsonNode *
parse (const char *data,
       gssize      length)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  root = studio_json_parse_server_data (data, length, &error);

  if (root == NULL)
    {
      if (!g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED))
        fuzz_fail ("a refused answer is not a MALFORMED error");
      fuzz_check_utf8 ("parse error", studio_api_error_get_server_message (error));
      return NULL;
    }

  if (error != NULL)
    fuzz_fail ("an answer parsed with an error set");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    fuzz_fail ("an answer parsed to something other than an object");

  return root;
}

static void
check_models (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  GListModel *models = studio_model_catalog_get_models (catalog);
  guint n_items;

  if (!studio_model_catalog_load_response (catalog, root, &error))
    {
      if (!g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED))
        fuzz_fail ("a refused model list is not a MALFORMED error");
      return;
    }

  if (!studio_model_catalog_get_loaded (catalog))
    fuzz_fail ("a loaded model list does not say so");

  n_items = g_list_model_get_n_items (models);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (models, i);
      g_autoptr(StudioModel) previous = i > 0 ? g_list_model_get_item (models, i - 1) : NULL;
      StudioModel *found;

      fuzz_check_model (model);

      if (previous != NULL &&
          g_strcmp0 (studio_model_get_id (previous), studio_model_get_id (model)) > 0)
        fuzz_fail ("the models are not sorted by id");

      found = studio_model_catalog_lookup (catalog, studio_model_get_id (model));
      if (found == NULL || g_strcmp0 (studio_model_get_id (found), studio_model_get_id (model)))
        fuzz_fail ("a listed model cannot be looked up");
    }

  (void) studio_transcription_pick_model (models);
}

static void
check_transcription (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = studio_transcription_parse_text (root, &error);

  if (text == NULL && !g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_MALFORMED))
    fuzz_fail ("an answer without text is not a MALFORMED error");
  if (text != NULL && error != NULL)
    fuzz_fail ("a transcription has both text and an error");
  fuzz_check_utf8 ("transcription", text);
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
  const char *data = (const char *) bytes;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) empty = NULL;

  root = parse (data, size);

  /* Stream events are parsed from nul-terminated text (length -1): both
   * ways must agree when there is no nul in the bytes.
   */
  if (size > 0 && memchr (data, '\0', size) == NULL)
    {
      g_autofree char *text = g_strndup (data, size);
      g_autoptr(JsonNode) again = parse (text, -1);

      if ((root == NULL) != (again == NULL) ||
          (root != NULL && !json_node_equal (root, again)))
        fuzz_fail ("the answer parses differently as nul-terminated text");
    }

  if (root == NULL)
    return;

  check_models (root);
  check_transcription (root);

  /* Each input starts from an empty list, as a fresh app does. */
  empty = parse ("{\"data\":[]}", -1);
  if (!studio_model_catalog_load_response (catalog, empty, NULL))
    fuzz_fail ("an empty model list was refused");
}

const FuzzTarget fuzz_target = { .init = init, .test_one_input = test_one_input };
