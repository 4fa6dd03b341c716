/* studio-prices-audio.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-prices"

#include "config.h"

#include <json-glib/json-glib.h>

#include "studio-json.h"
#include "studio-prices-private.h"

/* Transcription and speech prices, the "audio" array of prices.json. An
 * entry is priced by any of:
 *
 * - "per_minute": dollars a minute of audio (whisper-1), from the seconds
 *   the server's usage reports or, without them, the audio's duration;
 * - "audio_input", "text_input", "text_output", "audio_output": dollars per
 *   million tokens, for the usage the server reports (the gpt-4o models);
 * - "per_million_chars": dollars per million characters of input (tts-1).
 *
 * An entry needs at least one of them; every one is a number of 0 or more.
 */

/* Far above any real figure, so that sums of them stay exact in a double. */
#define MAX_FIGURE 1e12

typedef struct
{
  GRegex *match;
  double  per_minute;         /* < 0: not priced this way */
  double  per_million_chars;
  double  audio_input;
  double  text_input;
  double  text_output;
  double  audio_output;
  gboolean by_tokens;
} AudioPrice;

static void
audio_price_clear (AudioPrice *price)
{
  g_clear_pointer (&price->match, g_regex_unref);
}

GArray *
studio_prices_audio_array_new (void)
{
  GArray *audio = g_array_new (FALSE, TRUE, sizeof (AudioPrice));

  g_array_set_clear_func (audio, (GDestroyNotify) audio_price_clear);

  return audio;
}

/* A number of 0 or more in @value, or -1 when the entry lacks @member. */
static gboolean
read_figure (JsonObject  *entry,
             const char  *member,
             double      *value,
             GError     **error)
{
  if (!json_object_has_member (entry, member))
    {
      *value = -1;
      return TRUE;
    }

  *value = studio_json_get_double (entry, member, -1);
  if (!(*value >= 0 && *value <= MAX_FIGURE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "\"%s\" is not a number of 0 or more", member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
audio_price_read (AudioPrice  *price,
                  JsonObject  *entry,
                  GError     **error)
{
  if (!read_figure (entry, "per_minute", &price->per_minute, error) ||
      !read_figure (entry, "per_million_chars", &price->per_million_chars, error) ||
      !read_figure (entry, "audio_input", &price->audio_input, error) ||
      !read_figure (entry, "text_input", &price->text_input, error) ||
      !read_figure (entry, "text_output", &price->text_output, error) ||
      !read_figure (entry, "audio_output", &price->audio_output, error))
    return FALSE;

  price->by_tokens = price->audio_input >= 0 || price->text_input >= 0 ||
                     price->text_output >= 0 || price->audio_output >= 0;
  if (!price->by_tokens && price->per_minute < 0 && price->per_million_chars < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "No \"per_minute\", \"per_million_chars\" or token price");
      return FALSE;
    }

  return TRUE;
}

/* Appends @audio to the table; on an error, what came before stays. */
gboolean
studio_prices_load_audio (StudioPrices  *self,
                          JsonArray     *audio,
                          GError       **error)
{
  g_autoptr(GArray) loaded = studio_prices_audio_array_new ();

  for (guint i = 0; i < json_array_get_length (audio); i++)
    {
      JsonNode *node = json_array_get_element (audio, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *pattern = studio_json_get_string (entry, "match");
      AudioPrice price = { 0 };

      if (pattern == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Audio price %u has no \"match\" pattern", i);
          return FALSE;
        }
      if (!(price.match = g_regex_new (pattern, G_REGEX_CASELESS, 0, error)))
        {
          g_prefix_error (error, "Audio price %u: ", i);
          return FALSE;
        }
      if (!audio_price_read (&price, entry, error))
        {
          audio_price_clear (&price);
          g_prefix_error (error, "Audio price %u (\"%s\"): ", i, pattern);
          return FALSE;
        }

      g_array_append_val (loaded, price);
    }

  /* Moved over whole, so that a broken file adds none of its entries. */
  g_array_append_vals (self->audio, loaded->data, loaded->len);
  g_array_set_clear_func (loaded, NULL);

  return TRUE;
}

static AudioPrice *
lookup (StudioPrices *self,
        const char   *model)
{
  if (model == NULL)
    return NULL;

  for (guint i = 0; i < self->audio->len; i++)
    {
      AudioPrice *price = &g_array_index (self->audio, AudioPrice, i);

      if (g_regex_match (price->match, model, 0, NULL))
        return price;
    }

  return NULL;
}

/* A count of 0 or more from @object, or -1. */
static double
get_count (JsonObject *object,
           const char *member)
{
  double count = studio_json_get_double (object, member, -1);

  return count >= 0 && count <= MAX_FIGURE ? count : -1;
}

static double
per_million (double count,
             double price)
{
  return count > 0 && price > 0 ? count * price / 1e6 : 0;
}

/**
 * studio_prices_transcription_cost:
 * @prices: a price table
 * @model: (nullable): the model id
 * @usage: (nullable): the answer's usage: `{"type": "tokens",
 *   "input_tokens", "input_token_details": {"text_tokens", "audio_tokens"},
 *   "output_tokens"}` or `{"type": "duration", "seconds"}`
 * @duration_seconds: the audio's length, for models priced by the minute
 *   whose answer reports no seconds; below 0 when unknown
 *
 * Input tokens without details are taken for audio tokens, which is what
 * a transcription's input mostly is.
 *
 * Returns: the estimated cost in US dollars, or -1 when the model has no
 *   known price or nothing to price it by
 */
double
studio_prices_transcription_cost (StudioPrices *prices,
                                  const char   *model,
                                  JsonObject   *usage,
                                  double        duration_seconds)
{
  AudioPrice *price;
  const char *type = studio_json_get_string (usage, "type");

  g_return_val_if_fail (prices != NULL, -1);

  if ((price = lookup (prices, model)) == NULL)
    return -1;

  if (g_strcmp0 (type, "tokens") == 0 && price->by_tokens)
    {
      JsonObject *details = studio_json_get_object (usage, "input_token_details");
      double input = get_count (usage, "input_tokens");
      double output = get_count (usage, "output_tokens");
      double audio = get_count (details, "audio_tokens");
      double text = get_count (details, "text_tokens");

      if (input < 0 && audio < 0 && text < 0)
        return -1;
      if (audio < 0 && text < 0)
        audio = input;

      return per_million (audio, price->audio_input) + per_million (text, price->text_input) +
             per_million (output, price->text_output);
    }

  if (price->per_minute < 0)
    return -1;

  if (g_strcmp0 (type, "duration") == 0 && get_count (usage, "seconds") >= 0)
    duration_seconds = get_count (usage, "seconds");

  return duration_seconds >= 0 ? duration_seconds / 60 * price->per_minute : -1;
}

/**
 * studio_prices_speech_cost:
 * @prices: a price table
 * @model: (nullable): the model id
 * @usage: (nullable): the answer's usage, `{"input_tokens",
 *   "output_tokens"}`, for models priced by tokens
 * @n_chars: the characters of the input text, for models priced by them
 *
 * Returns: the estimated cost in US dollars, or -1 when the model has no
 *   known price or nothing to price it by
 */
double
studio_prices_speech_cost (StudioPrices *prices,
                           const char   *model,
                           JsonObject   *usage,
                           gsize         n_chars)
{
  AudioPrice *price;
  double input, output;

  g_return_val_if_fail (prices != NULL, -1);

  if ((price = lookup (prices, model)) == NULL)
    return -1;

  if (price->per_million_chars >= 0)
    return per_million (n_chars, price->per_million_chars);

  input = get_count (usage, "input_tokens");
  output = get_count (usage, "output_tokens");
  if (!price->by_tokens || (input < 0 && output < 0))
    return -1;

  return per_million (input, price->text_input) + per_million (output, price->audio_output);
}
