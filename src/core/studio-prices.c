/* studio-prices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-prices"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-json.h"
#include "studio-paths.h"
#include "studio-prices-private.h"
#include "studio-utils.h"

/* Estimated prices per million tokens, from prices.json in our resources
 * and, tried first, the user's own ~/.config/openai-studio/prices.json.
 * Image prices, in the same files, are in studio-prices-image.c.
 */
typedef struct
{
  GRegex *match;
  double  input;
  double  output;
} Price;

static void
price_clear (Price *price)
{
  g_clear_pointer (&price->match, g_regex_unref);
}

StudioPrices *
studio_prices_new (void)
{
  StudioPrices *self = g_new0 (StudioPrices, 1);

  self->prices = g_array_new (FALSE, FALSE, sizeof (Price));
  g_array_set_clear_func (self->prices, (GDestroyNotify) price_clear);
  self->images = studio_prices_image_array_new ();
  self->audio = studio_prices_audio_array_new ();

  return self;
}

void
studio_prices_free (StudioPrices *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->prices);
  g_array_unref (self->images);
  g_array_unref (self->audio);
  g_free (self);
}

/**
 * studio_prices_load:
 * @self: a price table
 * @json: a prices.json document
 * @length: its length, or -1
 * @error: the place for an error
 *
 * Adds the document's prices, its "prices" for chat models, its "images"
 * for image models and its "audio" for transcription and speech models,
 * after those already loaded. A document needs one of the three.
 */
gboolean
studio_prices_load (StudioPrices  *self,
                    const char    *json,
                    gssize         length,
                    GError       **error)
{
  g_autoptr(JsonNode) root = studio_json_parse_object (json, length, 16, error);
  JsonObject *object;
  JsonArray *prices;
  JsonArray *images;
  JsonArray *audio;

  if (root == NULL)
    return FALSE;

  object = json_node_get_object (root);
  prices = studio_json_get_array (object, "prices");
  images = studio_json_get_array (object, "images");
  audio = studio_json_get_array (object, "audio");
  if (prices == NULL && json_object_has_member (object, "prices"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"prices\" is not an array");
      return FALSE;
    }
  if (images == NULL && json_object_has_member (object, "images"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"images\" is not an array");
      return FALSE;
    }
  if (audio == NULL && json_object_has_member (object, "audio"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"audio\" is not an array");
      return FALSE;
    }
  if (prices == NULL && images == NULL && audio == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "No \"prices\", \"images\" or \"audio\" array");
      return FALSE;
    }

  for (guint i = 0; prices != NULL && i < json_array_get_length (prices); i++)
    {
      JsonNode *node = json_array_get_element (prices, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *pattern = studio_json_get_string (entry, "match");
      Price price;

      if (pattern == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Price %u has no \"match\" pattern", i);
          return FALSE;
        }
      if (!(price.match = g_regex_new (pattern, G_REGEX_CASELESS, 0, error)))
        {
          g_prefix_error (error, "Price %u: ", i);
          return FALSE;
        }

      price.input = studio_json_get_double (entry, "input", 0);
      price.output = studio_json_get_double (entry, "output", 0);
      g_array_append_val (self->prices, price);
    }

  return (images == NULL || studio_prices_load_images (self, images, error)) &&
         (audio == NULL || studio_prices_load_audio (self, audio, error));
}

/**
 * studio_prices_dup_user_path:
 *
 * Returns: (transfer full): where the user's own prices live, tried before
 *   the built-in ones
 */
char *
studio_prices_dup_user_path (void)
{
  return studio_paths_dup_config_file ("prices.json");
}

static void
studio_prices_load_builtin (StudioPrices *self)
{
  g_autoptr(GBytes) builtin = NULL;
  g_autoptr(GError) error = NULL;

  studio_core_ensure_resources ();
  builtin = g_resources_lookup_data (RESOURCE_PREFIX "/prices.json", 0, NULL);

  if (builtin != NULL &&
      !studio_prices_load (self, g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                           &error))
    g_critical ("The built-in prices are broken: %s", error->message);
}

/* The user's file, then the built-in one. A user file that is missing is
 * no error; one that cannot be read is.
 */
static StudioPrices *
studio_prices_new_default (GError **error)
{
  g_autoptr(StudioPrices) self = studio_prices_new ();
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *user = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &user, &length, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (user != NULL && !studio_prices_load (self, user, length, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  studio_prices_load_builtin (self);

  return g_steal_pointer (&self);
}

static StudioPrices *default_prices;

/**
 * studio_prices_get_default:
 *
 * Returns: (transfer none): the app's price table: the user's file, then
 *   the built-in one. Main thread only.
 */
StudioPrices *
studio_prices_get_default (void)
{
  if (default_prices == NULL)
    {
      g_autoptr(GError) error = NULL;

      default_prices = studio_prices_new_default (&error);
      if (default_prices == NULL)
        {
          g_message ("Ignoring the user's prices: %s", error->message);
          default_prices = studio_prices_new ();
          studio_prices_load_builtin (default_prices);
        }
    }

  return default_prices;
}

/**
 * studio_prices_reload_default:
 * @error: the place for an error
 *
 * Reads the user's prices again after they were edited. If they cannot be
 * read, the prices in use stay as they were.
 *
 * Returns: whether the new prices are in use
 */
gboolean
studio_prices_reload_default (GError **error)
{
  StudioPrices *prices = studio_prices_new_default (error);

  if (prices == NULL)
    return FALSE;

  studio_prices_get_default ();
  g_array_unref (default_prices->prices);
  default_prices->prices = g_steal_pointer (&prices->prices);
  g_array_unref (default_prices->images);
  default_prices->images = g_steal_pointer (&prices->images);
  g_array_unref (default_prices->audio);
  default_prices->audio = g_steal_pointer (&prices->audio);
  g_free (prices);

  return TRUE;
}

/**
 * studio_prices_estimate:
 * @self: a price table
 * @model: (nullable): the model id the server reported
 * @input_tokens: prompt tokens
 * @output_tokens: completion tokens
 *
 * Returns: the estimated cost in US dollars, or -1 when the model has no
 *   known price
 */
double
studio_prices_estimate (StudioPrices *self,
                        const char   *model,
                        gint64        input_tokens,
                        gint64        output_tokens)
{
  g_return_val_if_fail (self != NULL, -1);

  if (model == NULL)
    return -1;

  for (guint i = 0; i < self->prices->len; i++)
    {
      Price *price = &g_array_index (self->prices, Price, i);

      if (g_regex_match (price->match, model, 0, NULL))
        return (input_tokens * price->input + output_tokens * price->output) / 1e6;
    }

  return -1;
}

/**
 * studio_prices_estimate_message:
 * @self: a price table
 * @message: a message
 * @tokens: (out) (optional): its input and output tokens together, or 0
 *   when the server reported no usage
 *
 * Returns: the estimated cost of @message in US dollars, or -1 when it has
 *   no usage or its model has no known price
 */
double
studio_prices_estimate_message (StudioPrices  *self,
                                StudioMessage *message,
                                gint64        *tokens)
{
  gint64 input, output;

  if (tokens != NULL)
    *tokens = 0;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (STUDIO_IS_MESSAGE (message), -1);

  if (!studio_message_get_usage (message, &input, &output))
    return -1;

  if (tokens != NULL)
    *tokens = input + output;

  return studio_prices_estimate (self, studio_message_get_model (message), input, output);
}

/**
 * studio_prices_sum_messages:
 * @self: a price table
 * @messages: (element-type StudioMessage): a conversation's messages
 * @tokens: (out) (optional): the tokens of every reply with usage
 * @cost: (out) (optional): the estimated cost of those that are priced
 * @priced: (out) (optional): whether every reply with usage is priced, so
 *   that @cost is the whole cost; %TRUE when none has usage
 *
 * Sums what a conversation has used so far. Messages without usage (the
 * user's, and replies that failed) count for nothing.
 */
void
studio_prices_sum_messages (StudioPrices *self,
                            GListModel   *messages,
                            gint64       *tokens,
                            double       *cost,
                            gboolean     *priced)
{
  gint64 all_tokens = 0;
  double all_cost = 0;
  gboolean all_priced = TRUE;
  guint n_items;

  g_return_if_fail (self != NULL);
  g_return_if_fail (messages == NULL || G_IS_LIST_MODEL (messages));

  n_items = messages ? g_list_model_get_n_items (messages) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StudioMessage) message = g_list_model_get_item (messages, i);
      gint64 input, output;
      double one;

      if (!studio_message_get_usage (message, &input, &output))
        continue;

      one = studio_prices_estimate (self, studio_message_get_model (message), input, output);
      all_tokens += input + output;
      if (one < 0)
        all_priced = FALSE;
      else
        all_cost += one;
    }

  if (tokens != NULL)
    *tokens = all_tokens;
  if (cost != NULL)
    *cost = all_cost;
  if (priced != NULL)
    *priced = all_priced;
}
