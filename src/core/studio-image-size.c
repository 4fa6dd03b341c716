/* studio-image-size.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-size"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "studio-image-size.h"
#include "studio-json.h"
#include "studio-utils.h"

/* The sizes an image model takes. Every family lists its standard sizes as
 * the values of its "size" parameter; a family that also takes arbitrary
 * sizes (gpt-image-2) has a "custom" object there with the rules of
 * CreateImageRequest.size: both sides multiples of "multiple_of", the
 * longer side at most "max_aspect" times the shorter, no side over
 * "max_edge", at most "max_pixels" in all ("min_pixels", when given, at
 * least), and above "experimental_pixels" experimental. A size that breaks
 * a rule is refused with the reason and the nearest size that keeps them
 * all: it is for the user to take it, never for us to send it instead.
 */

G_DEFINE_QUARK (studio-image-error-quark, studio_image_error)

/* Far above any limit, so that products of two sides fit in 64 bits. */
#define MAX_SIDE 100000

typedef struct
{
  guint   multiple_of;
  guint   max_edge;
  double  max_aspect;
  guint64 min_pixels;
  guint64 max_pixels;
  guint64 experimental_pixels;
} CustomRules;

static gboolean
custom_rules_load (StudioModel *model,
                   CustomRules *rules)
{
  JsonObject *size = studio_model_get_parameter (model, "size");
  JsonObject *custom = studio_json_get_object (size, "custom");

  if (custom == NULL)
    return FALSE;

  rules->multiple_of = CLAMP (studio_json_get_int (custom, "multiple_of", 1), 1, MAX_SIDE);
  rules->max_edge = CLAMP (studio_json_get_int (custom, "max_edge", MAX_SIDE), 1, MAX_SIDE);
  /* Clamped, so that sides times the aspect stay well within 64 bits. */
  rules->max_aspect = CLAMP (studio_json_get_double (custom, "max_aspect", 1.0), 1.0, MAX_SIDE);
  rules->min_pixels = MAX (studio_json_get_int (custom, "min_pixels", 0), 0);
  rules->max_pixels = MAX (studio_json_get_int (custom, "max_pixels", 0), 0);
  rules->experimental_pixels = MAX (studio_json_get_int (custom, "experimental_pixels", 0), 0);

  return TRUE;
}

static gboolean
is_experimental (const CustomRules *rules,
                 guint              width,
                 guint              height)
{
  return rules->experimental_pixels > 0 &&
         (guint64) width * height > rules->experimental_pixels;
}

/* The first rule the size breaks, as a sentence, or NULL if it breaks none. */
static char *
custom_rules_broken (const CustomRules *rules,
                     guint              width,
                     guint              height)
{
  guint64 pixels = (guint64) width * height;
  guint longer = MAX (width, height);
  guint shorter = MIN (width, height);

  if (width % rules->multiple_of != 0 || height % rules->multiple_of != 0)
    return g_strdup_printf (_("Width and height must both be multiples of %u."),
                            rules->multiple_of);

  if (longer > rules->max_aspect * shorter)
    return g_strdup_printf (_("The aspect ratio must be between 1:%g and %g:1."),
                            rules->max_aspect, rules->max_aspect);

  if (longer > rules->max_edge)
    return g_strdup_printf (_("No side can be longer than %u pixels."), rules->max_edge);

  if (rules->max_pixels > 0 && pixels > rules->max_pixels)
    return g_strdup_printf (_("The image can have at most %lu pixels."),
                            (gulong) rules->max_pixels);

  if (pixels < rules->min_pixels)
    return g_strdup_printf (_("The image needs at least %lu pixels."),
                            (gulong) rules->min_pixels);

  return NULL;
}

static guint64
distance (guint width,
          guint height,
          guint to_width,
          guint to_height)
{
  gint64 dw = (gint64) width - to_width;
  gint64 dh = (gint64) height - to_height;

  return (guint64) (dw * dw + dh * dh);
}

/* The valid size nearest to width × height, by the distance between the two
 * corners; of two as near, the larger. Each width the rules allow has a
 * range of heights that keep the aspect and pixel rules, so one pass over
 * the widths is enough.
 */
static gboolean
custom_rules_nearest (const CustomRules *rules,
                      guint              width,
                      guint              height,
                      guint             *out_width,
                      guint             *out_height)
{
  guint m = rules->multiple_of;
  guint64 best = G_MAXUINT64;
  gboolean found = FALSE;

  for (guint w = m; w <= rules->max_edge; w += m)
    {
      guint64 lo = (guint64) ceil (w / rules->max_aspect / m) * m;
      guint64 hi = MIN ((guint64) floor (w * rules->max_aspect / m) * m, rules->max_edge);
      guint64 candidates[2];

      lo = MAX (lo, m);
      if (rules->max_pixels > 0)
        hi = MIN (hi, rules->max_pixels / w / m * m);
      if (rules->min_pixels > 0)
        {
          guint64 fewest = (rules->min_pixels + w - 1) / w;

          lo = MAX (lo, (fewest + m - 1) / m * m);
        }
      if (lo > hi)
        continue;

      candidates[0] = CLAMP ((guint64) height / m * m, lo, hi);
      candidates[1] = CLAMP (((guint64) height + m - 1) / m * m, lo, hi);

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          guint h = candidates[i];
          guint64 d = distance (w, h, width, height);
          g_autofree char *reason = custom_rules_broken (rules, w, h);

          /* The rounding above may land on a size a rule still refuses. */
          if (reason != NULL)
            continue;

          if (d < best || (d == best && (guint64) w * h > (guint64) *out_width * *out_height))
            {
              best = d;
              *out_width = w;
              *out_height = h;
              found = TRUE;
            }
        }
    }

  return found;
}

/**
 * studio_image_size_parse:
 * @text: a size as typed, such as "1536x864" or "1536 × 864"
 * @width: (out): the width
 * @height: (out): the height
 * @error: the place for an error saying how to write a size
 *
 * Returns: whether @text is two positive whole numbers joined by "x", "X"
 *   or "×", with spaces allowed around them
 */
gboolean
studio_image_size_parse (const char  *text,
                         guint       *width,
                         guint       *height,
                         GError     **error)
{
  guint64 values[2] = { 0, 0 };
  const char *p = text;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  for (guint i = 0; p != NULL && i < 2; i++)
    {
      const char *start;

      while (*p == ' ')
        p++;
      for (start = p; g_ascii_isdigit (*p) && values[i] <= MAX_SIDE; p++)
        values[i] = values[i] * 10 + (*p - '0');
      if (p == start || g_ascii_isdigit (*p) || values[i] == 0 || values[i] > MAX_SIDE)
        break;
      while (*p == ' ')
        p++;

      if (i == 0)
        {
          if (*p == 'x' || *p == 'X')
            p++;
          else if (g_str_has_prefix (p, "×"))
            p += strlen ("×");
          else
            break;
        }
      else if (*p == '\0')
        {
          *width = values[0];
          *height = values[1];
          return TRUE;
        }
    }

  g_set_error_literal (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE,
                       _("Write the size as width × height in pixels, such as 1536x864."));
  return FALSE;
}

/**
 * studio_image_size_format:
 *
 * Returns: (transfer full): the size as the API writes it, "WIDTHxHEIGHT"
 */
char *
studio_image_size_format (guint width,
                          guint height)
{
  return g_strdup_printf ("%ux%u", width, height);
}

/**
 * studio_image_size_takes_custom:
 * @model: an image model
 *
 * Returns: whether the model takes sizes of its own choosing besides the
 *   listed ones
 */
gboolean
studio_image_size_takes_custom (StudioModel *model)
{
  CustomRules rules;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);

  return custom_rules_load (model, &rules);
}

static gboolean
is_listed (StudioModel *model,
           const char  *size)
{
  JsonArray *values = studio_json_get_array (studio_model_get_parameter (model, "size"),
                                             "values");

  return studio_json_array_has_string (values, size);
}

/* The listed size nearest to width × height, for a family without custom
 * sizes ("auto" and anything else that is not WIDTHxHEIGHT is passed over).
 */
static char *
nearest_listed (StudioModel *model,
                guint        width,
                guint        height)
{
  JsonArray *values = studio_json_get_array (studio_model_get_parameter (model, "size"),
                                             "values");
  guint64 best = G_MAXUINT64;
  const char *nearest = NULL;

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      guint w, h;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          studio_image_size_parse (json_node_get_string (node), &w, &h, NULL) &&
          distance (w, h, width, height) < best)
        {
          best = distance (w, h, width, height);
          nearest = json_node_get_string (node);
        }
    }

  return g_strdup (nearest);
}

static char *
display (const char *size)
{
  guint width, height;

  if (!studio_image_size_parse (size, &width, &height, NULL))
    return g_strdup (size);

  /* TRANSLATORS: an image size, width × height in pixels */
  return g_strdup_printf (_("%u×%u"), width, height);
}

/**
 * studio_image_size_check:
 * @model: an image model
 * @size: a size: one the family lists (such as "auto"), or WIDTHxHEIGHT
 * @experimental: (out) (optional): set when the size is one the model
 *   makes only experimentally
 * @nearest: (out) (optional) (transfer full) (nullable): on error, the
 *   nearest size the model takes, as "WIDTHxHEIGHT", or %NULL when @size
 *   is not a size at all
 * @error: the place for an error saying what is wrong, and naming the
 *   nearest size too
 *
 * Checks a size before it is sent. A size that fails is never changed
 * here: the caller shows @error and lets the user take @nearest.
 *
 * Returns: whether the model takes @size
 */
gboolean
studio_image_size_check (StudioModel  *model,
                         const char   *size,
                         gboolean     *experimental,
                         char        **nearest,
                         GError      **error)
{
  g_autofree char *near = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *shown = NULL;
  CustomRules rules;
  guint width, height;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (nearest == NULL || *nearest == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (experimental != NULL)
    *experimental = FALSE;

  if (!custom_rules_load (model, &rules))
    {
      if (is_listed (model, size))
        return TRUE;

      if (studio_image_size_parse (size, &width, &height, NULL))
        near = nearest_listed (model, width, height);
      shown = g_utf8_make_valid (size, -1);
      reason = g_strdup_printf (_("This model does not make images of size “%s”."), shown);
    }
  else
    {
      if (is_listed (model, size))
        {
          if (experimental != NULL && studio_image_size_parse (size, &width, &height, NULL))
            *experimental = is_experimental (&rules, width, height);
          return TRUE;
        }

      if (!studio_image_size_parse (size, &width, &height, error))
        return FALSE;

      if (!(reason = custom_rules_broken (&rules, width, height)))
        {
          if (experimental != NULL)
            *experimental = is_experimental (&rules, width, height);
          return TRUE;
        }

      {
        guint near_width = 0, near_height = 0;

        if (custom_rules_nearest (&rules, width, height, &near_width, &near_height))
          near = studio_image_size_format (near_width, near_height);
      }
    }

  if (near != NULL)
    {
      g_autofree char *near_shown = display (near);

      g_set_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE,
                   _("%s The nearest size it takes is %s."), reason, near_shown);
    }
  else
    g_set_error_literal (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE, reason);

  if (nearest != NULL)
    *nearest = g_steal_pointer (&near);

  return FALSE;
}

static const char *
preset_label (const char *id)
{
  static const struct {
    const char *id;
    const char *label;
  } labels[] = {
    { "square", N_("Square") },
    { "portrait", N_("Portrait") },
    { "landscape", N_("Landscape") },
    /* TRANSLATORS: the widescreen aspect ratio */
    { "16:9", N_("16:9") },
    /* TRANSLATORS: an image size of about 2,000 pixels across */
    { "2k", N_("2K") },
    /* TRANSLATORS: an image size of about 4,000 pixels across */
    { "4k", N_("4K") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].id, id))
        return _(labels[i].label);
    }

  return NULL;
}

void
studio_image_size_preset_free (StudioImageSizePreset *preset)
{
  if (preset == NULL)
    return;

  g_free (preset->id);
  g_free (preset->size);
  g_free (preset);
}

/**
 * studio_image_size_list_presets:
 * @model: an image model
 *
 * The family's size presets that the model takes, in the rules' order.
 * A preset that breaks the family's own size rules is left out.
 *
 * Returns: (transfer container) (element-type StudioImageSizePreset): the
 *   presets, empty for a family without any
 */
GPtrArray *
studio_image_size_list_presets (StudioModel *model)
{
  GPtrArray *presets =
    g_ptr_array_new_with_free_func ((GDestroyNotify) studio_image_size_preset_free);
  JsonArray *array;

  g_return_val_if_fail (STUDIO_IS_MODEL (model), presets);

  array = studio_json_get_array (studio_model_get_parameter (model, "size"), "presets");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = studio_json_get_string (object, "id");
      const char *size = studio_json_get_string (object, "size");
      StudioImageSizePreset *preset;
      gboolean experimental = FALSE;
      guint width, height;

      if (id == NULL || size == NULL ||
          !studio_image_size_parse (size, &width, &height, NULL) ||
          !studio_image_size_check (model, size, &experimental, NULL, NULL))
        {
          g_debug ("Passing over size preset %u", i);
          continue;
        }

      preset = g_new0 (StudioImageSizePreset, 1);
      preset->id = g_strdup (id);
      preset->label = preset_label (id);
      preset->size = studio_image_size_format (width, height);
      preset->width = width;
      preset->height = height;
      preset->experimental = experimental;
      g_ptr_array_add (presets, preset);
    }

  return presets;
}
