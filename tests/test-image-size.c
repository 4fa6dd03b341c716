/* test-image-size.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-fake-server.h"
#include "studio-image-size.h"

static void
test_image_size_parse (void)
{
  static const struct {
    const char *text;
    guint width;
    guint height;
  } good[] = {
    { "1536x864", 1536, 864 },
    { "1024X1536", 1024, 1536 },
    { " 3840 × 2160 ", 3840, 2160 },
    { "16x16", 16, 16 },
  };
  static const char *bad[] = {
    "", "x", "1024", "1024x", "x1024", "0x1024", "1024x0", "-16x16", "16x-16", "16x16x16",
    "16.0x16", "abcxdef", "1024 1024", "99999999999999999999x16", "16x16 px", "auto",
    "100001x16",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      guint width = 0, height = 0;

      g_assert_true (studio_image_size_parse (good[i].text, &width, &height, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (width, ==, good[i].width);
      g_assert_cmpuint (height, ==, good[i].height);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint width = 7, height = 7;

      g_assert_false (studio_image_size_parse (bad[i], &width, &height, &error));
      g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
      g_assert_cmpuint (width, ==, 7);
    }

  g_assert_false (studio_image_size_parse (NULL, &(guint) { 0 }, &(guint) { 0 }, NULL));
}

/* gpt-image-2 takes any size within the rules; each invalid one is refused
 * with the reason and the nearest valid size, which is itself valid.
 */
static void
test_image_size_custom (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-image-2");
  static const struct {
    const char *size;
    gboolean experimental;
  } valid[] = {
    { "auto", FALSE },
    { "1024x1024", FALSE },
    { "1536x864", FALSE },
    { "2560x1440", FALSE },
    { "1440x2560", FALSE },
    { "3840x2160", TRUE },
    { "2160x3840", TRUE },
    { "2048x2048", TRUE },
    { "3840x1280", TRUE },
    { "480x1440", FALSE },
    { "16x48", FALSE },
  };
  static const struct {
    const char *size;
    const char *nearest;
    const char *reason;
  } invalid[] = {
    { "1000x1000", "1008x1008", "multiples of 16" },
    { "1920x1081", "1920x1088", "multiples of 16" },
    { "4000x992", "3840x1280", "aspect ratio" },
    { "480x1456", "496x1456", "aspect ratio" },  /* as near as 480x1440, larger */
    { "4096x2304", "3840x2160", "longer than 3840" },
    { "3200x3200", "2880x2880", "8294400 pixels" },
    { "16x16000", "1280x3840", "aspect ratio" },
  };

  g_assert_true (studio_image_size_takes_custom (model));

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nearest = NULL;
      gboolean experimental = !valid[i].experimental;

      g_test_message ("%s", valid[i].size);
      g_assert_true (studio_image_size_check (model, valid[i].size, &experimental, &nearest,
                                              &error));
      g_assert_no_error (error);
      g_assert_null (nearest);
      g_assert_cmpint (experimental, ==, valid[i].experimental);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *nearest = NULL;
      gboolean experimental;

      g_test_message ("%s", invalid[i].size);
      g_assert_false (studio_image_size_check (model, invalid[i].size, NULL, &nearest, &error));
      g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
      g_assert_nonnull (strstr (error->message, invalid[i].reason));
      g_assert_cmpstr (nearest, ==, invalid[i].nearest);

      /* The message offers the same size, and that size passes. */
      g_assert_nonnull (strstr (error->message, "The nearest size it takes is"));
      g_assert_true (studio_image_size_check (model, nearest, &experimental, NULL, NULL));
    }

  /* Not a size at all: said so, and nothing to offer. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *nearest = NULL;

    g_assert_false (studio_image_size_check (model, "big", NULL, &nearest, &error));
    g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
    g_assert_null (nearest);
  }
}

/* Families without custom sizes take only their listed sizes, and offer
 * the nearest of those.
 */
static void
test_image_size_listed (void)
{
  static const struct {
    const char *model;
    const char *size;
    gboolean valid;
    const char *nearest;
  } cases[] = {
    { "gpt-image-1.5", "1536x1024", TRUE, NULL },
    { "gpt-image-1.5", "auto", TRUE, NULL },
    { "gpt-image-1.5", "1536x864", FALSE, "1536x1024" },
    { "gpt-image-1", "3840x2160", FALSE, "1536x1024" },
    { "gpt-image-1-mini", "1024x1536", TRUE, NULL },
    { "dall-e-3", "1792x1024", TRUE, NULL },
    { "dall-e-3", "auto", FALSE, NULL },
    { "dall-e-3", "1024x1536", FALSE, "1024x1792" },
    { "dall-e-2", "512x512", TRUE, NULL },
    { "dall-e-2", "500x500", FALSE, "512x512" },
    { "dall-e-2", "1792x1024", FALSE, "1024x1024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StudioModel) model = studio_fake_model_new (cases[i].model);
      g_autoptr(GError) error = NULL;
      g_autofree char *nearest = NULL;
      gboolean experimental = TRUE;

      g_test_message ("%s %s", cases[i].model, cases[i].size);
      g_assert_false (studio_image_size_takes_custom (model));
      g_assert_cmpint (studio_image_size_check (model, cases[i].size, &experimental, &nearest,
                                                &error), ==, cases[i].valid);
      g_assert_false (experimental);
      g_assert_cmpstr (nearest, ==, cases[i].nearest);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);
    }
}

static void
test_image_size_presets (void)
{
  g_autoptr(StudioModel) model = studio_fake_model_new ("gpt-image-2");
  g_autoptr(StudioModel) old = studio_fake_model_new ("dall-e-3");
  g_autoptr(GPtrArray) presets = studio_image_size_list_presets (model);
  g_autoptr(GPtrArray) none = studio_image_size_list_presets (old);
  static const struct {
    const char *id;
    const char *size;
    gboolean experimental;
  } expected[] = {
    { "square", "1024x1024", FALSE },
    { "portrait", "1024x1536", FALSE },
    { "landscape", "1536x1024", FALSE },
    { "16:9", "1536x864", FALSE },
    { "2k", "2560x1440", FALSE },
    { "4k", "3840x2160", TRUE },
  };

  g_assert_cmpuint (presets->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < presets->len; i++)
    {
      StudioImageSizePreset *preset = g_ptr_array_index (presets, i);

      g_assert_cmpstr (preset->id, ==, expected[i].id);
      g_assert_cmpstr (preset->size, ==, expected[i].size);
      g_assert_nonnull (preset->label);
      g_assert_cmpint (preset->experimental, ==, expected[i].experimental);
      g_assert_cmpuint (preset->width * preset->height, >, 0);
    }

  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/image-size/parse", test_image_size_parse);
  g_test_add_func ("/studio/image-size/custom", test_image_size_custom);
  g_test_add_func ("/studio/image-size/listed", test_image_size_listed);
  g_test_add_func ("/studio/image-size/presets", test_image_size_presets);

  return g_test_run ();
}
