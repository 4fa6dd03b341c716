/* fuzz-prices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz-prices"

#include "config.h"

#include <string.h>

#include "studio-message.h"
#include "studio-prices.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* The user's ~/.config/openai-studio/prices.json (the shape of
 * data/prices.json), loaded with studio_prices_load() before the built-in
 * prices as the app does, then used to price replies. What follows a nul
 * byte, if anything, is the replies: one line each, the extra data a reply
 * carries (model and usage, as the server reported them); without it a
 * fixed set of replies is priced.
 */

static const char * const default_replies[] = {
  "{\"model\":\"gpt-5.4\",\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":350}}",
  "{\"model\":\"GPT-5.4-MINI-0305\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":0}}",
  "{\"model\":\"o3\",\"usage\":{\"prompt_tokens\":0,\"completion_tokens\":1}}",
  "{\"model\":\"ft:gpt-4o-mini:acme::x1\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5}}",
  "{\"model\":\"llama3.1:8b\",\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":100}}",
  "{\"model\":\"gpt-4o\"}",
  "{}",
};

static GBytes *builtin;

static void
add_reply (GListStore *replies,
           const char *extra_text,
           gsize       length)
{
  g_autoptr(JsonNode) root = studio_json_parse_server_data (extra_text, length, NULL);
  g_autoptr(StudioMessage) reply = NULL;

  if (root == NULL)
    return;

  reply = studio_message_new ("assistant", "Hello.");
  studio_message_set_extra (reply, json_node_get_object (root));
  g_list_store_append (replies, reply);
}

static void
price_replies (StudioPrices *prices,
               GListModel   *replies)
{
  static const char * const models[] = { "gpt-5.4", "GPT-5.4-NANO", "", "o1-pro-2025-03-19" };
  gint64 tokens;
  double cost;
  gboolean priced;

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      (void) studio_prices_estimate (prices, models[i], 1000, 1000);
      (void) studio_prices_estimate (prices, models[i], 0, 0);
    }
  if (studio_prices_estimate (prices, NULL, 1, 1) != -1)
    fuzz_fail ("a reply without a model has a price");

  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(StudioMessage) reply = g_list_model_get_item (replies, i);

      (void) studio_prices_estimate_message (prices, reply, &tokens);
      (void) studio_prices_estimate_message (prices, reply, NULL);
    }

  studio_prices_sum_messages (prices, replies, &tokens, &cost, &priced);
  studio_prices_sum_messages (prices, NULL, NULL, NULL, NULL);
}

static void
init (void)
{
  builtin = fuzz_lookup_resource ("prices.json");
}

static void
test_one_input (const guint8 *bytes,
                gsize         size)
{
  const char *data = (const char *) bytes;
  const char *nul = size > 0 ? memchr (data, '\0', size) : NULL;
  gsize file_length = nul ? (gsize) (nul - data) : size;
  g_autoptr(StudioPrices) prices = studio_prices_new ();
  g_autoptr(GListStore) replies = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = studio_prices_load (prices, data, file_length, &error);

  /* The app shows why a price file was refused, and reads error->message
   * to do so: a refusal must say why.
   */
  if (!loaded && error == NULL)
    fuzz_fail ("studio_prices_load() refused the file without an error");
  if (loaded && error != NULL)
    fuzz_fail ("studio_prices_load() took the file with an error set");
  if (error != NULL)
    fuzz_check_utf8 ("prices error", error->message);

  /* A refused file is not used; the app falls back to the built-in one. */
  if (!loaded)
    {
      g_clear_pointer (&prices, studio_prices_free);
      prices = studio_prices_new ();
    }
  if (!studio_prices_load (prices, g_bytes_get_data (builtin, NULL), g_bytes_get_size (builtin),
                           NULL))
    fuzz_fail ("the built-in prices were refused");

  if (nul != NULL)
    {
      const char *cursor = nul + 1;
      const char *line;
      gsize length;

      while (fuzz_split_line (&cursor, data + size, &line, &length))
        add_reply (replies, line, length);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (default_replies); i++)
        add_reply (replies, default_replies[i], -1);
    }

  price_replies (prices, G_LIST_MODEL (replies));
}

const FuzzTarget fuzz_target = { .init = init, .test_one_input = test_one_input };
