/* studio-prices-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-prices"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "studio-image-size.h"
#include "studio-json.h"
#include "studio-prices-private.h"
#include "studio-utils.h"

/* Image prices, the "images" array of prices.json. An entry is priced one
 * of two ways:
 *
 * - by tokens (the gpt-image models): "text_input", "image_input",
 *   "image_output" and optionally "text_output" in dollars per million
 *   tokens. After a run the server's usage is priced with them; before it,
 *   "output_tokens" (quality → size → image tokens of one image) and
 *   "source_tokens" (input fidelity → tokens of one edit source) estimate
 *   the usage, and the prompt is taken at four characters a token;
 * - by image (dall-e), which reports no usage: "per_image" (quality →
 *   size → dollars).
 *
 * A size the table lacks is scaled from the listed size nearest in shape by
 * its pixel area plus "area_offset", which models a cost that does not
 * grow quite with the area. "auto", or nothing, means "default".
 */

/* Prompts are estimated at this many characters a token, OpenAI's rule of
 * thumb for English text.
 */
#define CHARS_PER_TOKEN 4

/* Far above any real count, so that sums of them stay exact in a double. */
#define MAX_FIGURE 1e12

typedef struct
{
  guint  width;
  guint  height;
  double value;
} SizeValue;

typedef struct
{
  char   *quality;
  GArray *sizes;   /* SizeValue */
} QualityTable;

typedef struct
{
  GRegex    *match;
  GPtrArray *table;            /* QualityTable: tokens, or dollars when per_image */
  char      *default_quality;
  guint      default_width;
  guint      default_height;
  double     text_input;
  double     image_input;
  double     image_output;
  double     text_output;
  double     area_offset;
  double     source_low;
  double     source_high;
  gboolean   per_image;
} ImagePrice;

static void
quality_table_free (QualityTable *table)
{
  g_free (table->quality);
  g_array_unref (table->sizes);
  g_free (table);
}

static void
image_price_clear (ImagePrice *price)
{
  g_clear_pointer (&price->match, g_regex_unref);
  g_clear_pointer (&price->table, g_ptr_array_unref);
  g_clear_pointer (&price->default_quality, g_free);
}

GArray *
studio_prices_image_array_new (void)
{
  GArray *images = g_array_new (FALSE, TRUE, sizeof (ImagePrice));

  g_array_set_clear_func (images, (GDestroyNotify) image_price_clear);

  return images;
}

/* A number at least 0, in @value; @fallback when absent and not @required. */
static gboolean
read_figure (JsonObject  *entry,
             const char  *member,
             gboolean     required,
             double       fallback,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (entry, member);

  if (node == NULL && !required)
    {
      *value = fallback;
      return TRUE;
    }

  *value = studio_json_get_double (entry, member, -1);
  if (!(*value >= 0 && *value <= MAX_FIGURE))
    {
      if (node == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "\"%s\" is missing", member);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     "\"%s\" is not a number of 0 or more", member);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
read_table (JsonObject  *entry,
            const char  *member,
            GError     **error)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) quality_table_free);
  JsonObject *object = studio_json_get_object (entry, member);
  g_autoptr(GList) qualities = NULL;

  if (object == NULL || json_object_get_size (object) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "\"%s\" is not an object of qualities", member);
      return NULL;
    }

  qualities = json_object_get_members (object);
  for (const GList *q = qualities; q != NULL; q = q->next)
    {
      JsonObject *sizes = studio_json_get_object (object, q->data);
      g_autoptr(GList) names = NULL;
      QualityTable *quality;

      if (sizes == NULL || json_object_get_size (sizes) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "\"%s\" quality \"%s\" is not an object of sizes", member,
                       (const char *) q->data);
          return NULL;
        }

      quality = g_new0 (QualityTable, 1);
      quality->quality = g_strdup (q->data);
      quality->sizes = g_array_new (FALSE, FALSE, sizeof (SizeValue));
      g_ptr_array_add (table, quality);

      names = json_object_get_members (sizes);
      for (const GList *n = names; n != NULL; n = n->next)
        {
          SizeValue size;

          if (!studio_image_size_parse (n->data, &size.width, &size.height, NULL))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"%s\" quality \"%s\": \"%s\" is not a size like 1024x1024", member,
                           quality->quality, (const char *) n->data);
              return NULL;
            }

          size.value = studio_json_get_double (sizes, n->data, -1);
          if (!(size.value > 0 && size.value <= MAX_FIGURE))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"%s\" quality \"%s\" size \"%s\" is not a number above 0", member,
                           quality->quality, (const char *) n->data);
              return NULL;
            }

          g_array_append_val (quality->sizes, size);
        }
    }

  return g_steal_pointer (&table);
}

static QualityTable *
find_quality (ImagePrice *price,
              const char *quality)
{
  for (guint i = 0; i < price->table->len; i++)
    {
      QualityTable *table = g_ptr_array_index (price->table, i);

      if (g_strcmp0 (table->quality, quality) == 0)
        return table;
    }

  return NULL;
}

/* "default": the quality and size that "auto", or none, is priced as; the
 * first quality and its first size when the entry does not say.
 */
static gboolean
read_default (ImagePrice  *price,
              JsonObject  *entry,
              GError     **error)
{
  JsonObject *object = studio_json_get_object (entry, "default");
  QualityTable *first = g_ptr_array_index (price->table, 0);
  const char *quality = studio_json_get_string (object, "quality");
  const char *size = studio_json_get_string (object, "size");

  if (object == NULL && json_object_has_member (entry, "default"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"default\" is not an object");
      return FALSE;
    }

  if (quality != NULL && find_quality (price, quality) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The default quality \"%s\" is not in the table", quality);
      return FALSE;
    }
  price->default_quality = g_strdup (quality ? quality : first->quality);

  if (size == NULL)
    {
      SizeValue *value = &g_array_index (first->sizes, SizeValue, 0);

      price->default_width = value->width;
      price->default_height = value->height;
    }
  else if (!studio_image_size_parse (size, &price->default_width, &price->default_height, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The default size \"%s\" is not a size like 1024x1024", size);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_token_rates (ImagePrice  *price,
                  JsonObject  *entry,
                  GError     **error)
{
  JsonObject *source = studio_json_get_object (entry, "source_tokens");

  if (!read_figure (entry, "text_input", TRUE, 0, &price->text_input, error) ||
      !read_figure (entry, "image_input", TRUE, 0, &price->image_input, error) ||
      !read_figure (entry, "image_output", TRUE, 0, &price->image_output, error) ||
      !read_figure (entry, "text_output", FALSE, price->image_output, &price->text_output, error) ||
      !read_figure (entry, "area_offset", FALSE, 0, &price->area_offset, error))
    return FALSE;

  if (source == NULL && json_object_has_member (entry, "source_tokens"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "\"source_tokens\" is not an object");
      return FALSE;
    }
  if (source != NULL &&
      (!read_figure (source, "low", FALSE, 0, &price->source_low, error) ||
       !read_figure (source, "high", FALSE, price->source_low, &price->source_high, error)))
    {
      g_prefix_error (error, "\"source_tokens\": ");
      return FALSE;
    }

  return TRUE;
}

static gboolean
image_price_read (ImagePrice  *price,
                  JsonObject  *entry,
                  GError     **error)
{
  gboolean tokens = json_object_has_member (entry, "output_tokens");

  price->per_image = json_object_has_member (entry, "per_image");
  if (tokens == price->per_image)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "It needs either an \"output_tokens\" or a \"per_image\" table");
      return FALSE;
    }

  if (!(price->table = read_table (entry, tokens ? "output_tokens" : "per_image", error)))
    return FALSE;

  if (tokens && !read_token_rates (price, entry, error))
    return FALSE;

  return read_default (price, entry, error);
}

/* Appends @images to the table; on an error, what came before stays. */
gboolean
studio_prices_load_images (StudioPrices  *self,
                           JsonArray     *images,
                           GError       **error)
{
  g_autoptr(GArray) loaded = studio_prices_image_array_new ();

  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *pattern = studio_json_get_string (entry, "match");
      ImagePrice price = { 0 };

      if (pattern == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Image price %u has no \"match\" pattern", i);
          return FALSE;
        }
      if (!(price.match = g_regex_new (pattern, G_REGEX_CASELESS, 0, error)))
        {
          g_prefix_error (error, "Image price %u: ", i);
          return FALSE;
        }
      if (!image_price_read (&price, entry, error))
        {
          image_price_clear (&price);
          g_prefix_error (error, "Image price %u (\"%s\"): ", i, pattern);
          return FALSE;
        }

      g_array_append_val (loaded, price);
    }

  /* Moved over whole, so that a broken file adds none of its entries. */
  g_array_append_vals (self->images, loaded->data, loaded->len);
  g_array_set_clear_func (loaded, NULL);

  return TRUE;
}

static ImagePrice *
lookup (StudioPrices *self,
        const char   *model)
{
  if (model == NULL)
    return NULL;

  for (guint i = 0; i < self->images->len; i++)
    {
      ImagePrice *price = &g_array_index (self->images, ImagePrice, i);

      if (g_regex_match (price->match, model, 0, NULL))
        return price;
    }

  return NULL;
}

static const char *
get_option (JsonObject *options,
            const char *name)
{
  const char *value = studio_json_get_string (options, name);

  return g_strcmp0 (value, "auto") == 0 ? NULL : value;
}

/* The table's figure for one image of @options' quality and size: listed,
 * or scaled from the listed size nearest in shape (and then in area).
 */
static gboolean
lookup_figure (ImagePrice *price,
               JsonObject *options,
               double     *figure)
{
  const char *quality_name = get_option (options, "quality");
  const char *size = get_option (options, "size");
  QualityTable *quality = find_quality (price, quality_name ? quality_name : price->default_quality);
  const SizeValue *nearest = NULL;
  double best_shape = G_MAXDOUBLE, best_area = G_MAXDOUBLE;
  guint width = price->default_width, height = price->default_height;

  if (quality == NULL || (size != NULL && !studio_image_size_parse (size, &width, &height, NULL)))
    return FALSE;

  for (guint i = 0; i < quality->sizes->len; i++)
    {
      const SizeValue *value = &g_array_index (quality->sizes, SizeValue, i);
      double shape = fabs (log ((double) width / height) - log ((double) value->width / value->height));
      double area = fabs (log ((double) width * height / ((double) value->width * value->height)));

      if (value->width == width && value->height == height)
        {
          *figure = value->value;
          return TRUE;
        }

      /* Shapes within a hair of each other count as the same. */
      if (shape < best_shape - 1e-9 || (shape < best_shape + 1e-9 && area < best_area))
        {
          nearest = value;
          best_shape = shape;
          best_area = area;
        }
    }

  *figure = nearest->value * (price->area_offset + (double) width * height) /
            (price->area_offset + (double) nearest->width * nearest->height);

  return TRUE;
}

static guint
get_n (JsonObject *options)
{
  return CLAMP (studio_json_get_int (options, "n", 1), 1, G_MAXUINT16);
}

/**
 * studio_prices_estimate_image:
 * @self: a price table
 * @model: (nullable): the image model
 * @prompt: (nullable): the prompt
 * @options: (nullable): the request's "size", "quality", "n" (and
 *   "input_fidelity") as it would send them; one absent is the family's
 *   default
 * @n_sources: how many source images an edit or variation sends
 * @cost: (out) (optional): the estimated cost in US dollars
 *
 * Estimates what a request will cost before it is sent: the prompt's text
 * tokens from its length, each source from the table's "source_tokens",
 * and the images from "output_tokens" or "per_image". "auto" is priced as
 * the entry's "default".
 *
 * Returns: %FALSE when the model, or the chosen quality, has no price
 */
gboolean
studio_prices_estimate_image (StudioPrices *self,
                              const char   *model,
                              const char   *prompt,
                              JsonObject   *options,
                              guint         n_sources,
                              double       *cost)
{
  ImagePrice *price;
  double figure, text_tokens, source_tokens;

  g_return_val_if_fail (self != NULL, FALSE);

  if (cost != NULL)
    *cost = 0;

  if (!(price = lookup (self, model)) || !lookup_figure (price, options, &figure))
    return FALSE;

  if (price->per_image)
    {
      if (cost != NULL)
        *cost = figure * get_n (options);
      return TRUE;
    }

  text_tokens = ceil ((double) (prompt ? g_utf8_strlen (prompt, -1) : 0) / CHARS_PER_TOKEN);
  source_tokens = g_strcmp0 (studio_json_get_string (options, "input_fidelity"), "high") == 0
                  ? price->source_high : price->source_low;

  if (cost != NULL)
    *cost = (text_tokens * price->text_input +
             n_sources * source_tokens * price->image_input +
             get_n (options) * round (figure) * price->image_output) / 1e6;

  return TRUE;
}

/* Fills in whichever of @first and @second the server left out (-1) as the
 * rest of @whole; when it sent neither, both stay -1.
 */
static void
split_tokens (gint64  whole,
              gint64 *first,
              gint64 *second)
{
  if (*first < 0 && *second < 0)
    return;
  if (*first < 0)
    *first = MAX (whole - *second, 0);
  else if (*second < 0)
    *second = MAX (whole - *first, 0);
}

/**
 * studio_prices_image_usage_cost:
 * @self: a price table
 * @model: (nullable): the image model
 * @usage: (nullable): the usage the server reported
 * @options: (nullable): the options sent, for models priced by image
 * @n_images: how many images came back, for models priced by image
 * @cost: (out) (optional): the cost in US dollars
 *
 * What a run cost after it finished. Token-priced models are priced from
 * @usage: input text and image tokens at their rates (all input as text
 * when the server did not split it), output tokens at the image rate, or
 * split into text and image where the server says. Models priced by image,
 * which report no usage, are priced from the table with @options.
 *
 * Returns: %FALSE when the model is unpriced, or is priced by tokens and
 *   @usage has none
 */
gboolean
studio_prices_image_usage_cost (StudioPrices           *self,
                                const char             *model,
                                const StudioImageUsage *usage,
                                JsonObject             *options,
                                guint                   n_images,
                                double                 *cost)
{
  ImagePrice *price;
  gint64 input, input_text, input_image, output, output_text, output_image;

  g_return_val_if_fail (self != NULL, FALSE);

  if (cost != NULL)
    *cost = 0;

  if (!(price = lookup (self, model)))
    return FALSE;

  if (price->per_image)
    {
      double figure;

      if (!lookup_figure (price, options, &figure))
        return FALSE;
      if (cost != NULL)
        *cost = figure * n_images;
      return TRUE;
    }

  if (usage == NULL || (usage->input_tokens < 0 && usage->output_tokens < 0))
    return FALSE;

  input = MAX (usage->input_tokens, 0);
  input_text = usage->input_text_tokens;
  input_image = usage->input_image_tokens;
  split_tokens (input, &input_text, &input_image);
  if (input_text < 0)
    {
      input_text = input;
      input_image = 0;
    }

  output = MAX (usage->output_tokens, 0);
  output_text = usage->output_text_tokens;
  output_image = usage->output_image_tokens;
  split_tokens (output, &output_text, &output_image);
  if (output_image < 0)
    {
      output_image = output;
      output_text = 0;
    }

  if (cost != NULL)
    *cost = (input_text * price->text_input + input_image * price->image_input +
             output_text * price->text_output + output_image * price->image_output) / 1e6;

  return TRUE;
}
