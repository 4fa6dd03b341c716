/* test-prices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "studio-prices.h"

#define EPSILON 1e-9

static JsonObject *
options_new (const char *size,
             const char *quality,
             int         n)
{
  JsonObject *options = json_object_new ();

  if (size != NULL)
    json_object_set_string_member (options, "size", size);
  if (quality != NULL)
    json_object_set_string_member (options, "quality", quality);
  if (n > 0)
    json_object_set_int_member (options, "n", n);

  return options;
}

static double
estimate (StudioPrices *prices,
          const char   *model,
          const char   *prompt,
          const char   *size,
          const char   *quality,
          int           n,
          guint         n_sources)
{
  g_autoptr(JsonObject) options = options_new (size, quality, n);
  double cost = -1;

  g_assert_true (studio_prices_estimate_image (prices, model, prompt, options, n_sources, &cost));
  g_assert_cmpfloat (cost, >=, 0);

  return cost;
}

static StudioPrices *
prices_new_builtin (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StudioPrices *prices;

  /* The default table loads the resources the first time it is asked for. */
  studio_prices_get_default ();
  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/prices.json", 0, &error);
  g_assert_no_error (error);

  prices = studio_prices_new ();
  g_assert_true (studio_prices_load (prices, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  return prices;
}

/* The built-in table prices each family's images by quality, size and n
 * from OpenAI's output token counts; the prompt adds a little.
 */
static void
test_prices_estimate_families (void)
{
  g_autoptr(StudioPrices) prices = prices_new_builtin ();
  static const struct {
    const char *model;
    const char *size;
    const char *quality;
    double      output;   /* dollars per million image output tokens */
    double      tokens;
  } cases[] = {
    { "gpt-image-1", "1024x1024", "low", 40, 272 },
    { "gpt-image-1", "1024x1024", "medium", 40, 1056 },
    { "gpt-image-1", "1024x1024", "high", 40, 4160 },
    { "gpt-image-1", "1024x1536", "low", 40, 408 },
    { "gpt-image-1", "1024x1536", "high", 40, 6240 },
    { "gpt-image-1", "1536x1024", "medium", 40, 1568 },
    { "gpt-image-1", "1536x1024", "high", 40, 6208 },
    { "gpt-image-1.5", "1024x1024", "high", 32, 4160 },
    { "gpt-image-1.5-2025-12-16", "1536x1024", "low", 32, 400 },
    { "chatgpt-image-latest", "1024x1536", "medium", 32, 1584 },
    { "gpt-image-1-mini", "1024x1024", "medium", 8, 1056 },
    { "gpt-image-2", "1024x1024", "high", 30, 7024 },
    { "gpt-image-2-2026-04-21", "1536x1024", "medium", 30, 1372 },
    /* "auto", or nothing, is estimated as medium and 1024x1024. */
    { "gpt-image-1", "auto", "auto", 40, 1056 },
    { "gpt-image-1", NULL, NULL, 40, 1056 },
    { "gpt-image-2", "auto", "high", 30, 7024 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double want = cases[i].tokens * cases[i].output / 1e6;

      g_test_message ("%s %s %s", cases[i].model, cases[i].size, cases[i].quality);
      g_assert_cmpfloat_with_epsilon (estimate (prices, cases[i].model, NULL, cases[i].size,
                                                cases[i].quality, 0, 0), want, EPSILON);
      g_assert_cmpfloat_with_epsilon (estimate (prices, cases[i].model, NULL, cases[i].size,
                                                cases[i].quality, 3, 0), 3 * want, EPSILON);
    }

  /* gpt-image-1 text input is $5 a million tokens, at four characters a
   * token: 40 characters are 10 tokens, 41 are 11; counted once for n.
   */
  g_assert_cmpfloat_with_epsilon (estimate (prices, "gpt-image-1", "0123456789012345678901234567890123456789",
                                            "1024x1024", "low", 2, 0),
                                  (10 * 5.0 + 2 * 272 * 40.0) / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "gpt-image-1", "01234567890123456789012345678901234567890",
                                            "1024x1024", "low", 1, 0),
                                  (11 * 5.0 + 272 * 40.0) / 1e6, EPSILON);
  /* Characters, not bytes: four "é" are one token. */
  g_assert_cmpfloat_with_epsilon (estimate (prices, "gpt-image-1", "éééé", "1024x1024", "low", 1, 0),
                                  (1 * 5.0 + 272 * 40.0) / 1e6, EPSILON);

  /* dall-e is priced by image, by quality and size; its defaults are the
   * family's own (standard, 1024x1024), and the prompt costs nothing.
   */
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-3", "a cat", NULL, NULL, 0, 0), 0.04, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-3", "a cat", "1792x1024", "hd", 1, 0), 0.12, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-3", NULL, "1024x1792", "standard", 1, 0), 0.08, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-2", "a cat", "256x256", NULL, 4, 0), 4 * 0.016, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-2", NULL, "512x512", NULL, 1, 1), 0.018, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-2", NULL, NULL, NULL, 0, 1), 0.02, EPSILON);
}

/* Edit sources add image input tokens, more at high input fidelity. */
static void
test_prices_estimate_sources (void)
{
  g_autoptr(StudioPrices) prices = prices_new_builtin ();
  g_autoptr(JsonObject) options = options_new ("1024x1024", "low", 1);
  double none, two, two_high;

  g_assert_true (studio_prices_estimate_image (prices, "gpt-image-1", "x", options, 0, &none));
  g_assert_true (studio_prices_estimate_image (prices, "gpt-image-1", "x", options, 2, &two));
  json_object_set_string_member (options, "input_fidelity", "high");
  g_assert_true (studio_prices_estimate_image (prices, "gpt-image-1", "x", options, 2, &two_high));

  /* gpt-image-1 image input is $10 a million tokens. */
  g_assert_cmpfloat_with_epsilon (two - none, 2 * 135 * 10.0 / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (two_high - none, 2 * 3050 * 10.0 / 1e6, EPSILON);
}

/* gpt-image-2 takes any size: priced from the standard size nearest in
 * shape, scaled by pixel area (plus its offset), so bigger costs more.
 */
static void
test_prices_custom_size (void)
{
  g_autoptr(StudioPrices) prices = prices_new_builtin ();
  g_autoptr(StudioPrices) plain = studio_prices_new ();
  g_autoptr(GError) error = NULL;
  double square, big_square, wide, uhd, tall;

  square = estimate (prices, "gpt-image-2", NULL, "1024x1024", "high", 1, 0);
  big_square = estimate (prices, "gpt-image-2", NULL, "2048x2048", "high", 1, 0);
  wide = estimate (prices, "gpt-image-2", NULL, "1536x1024", "high", 1, 0);
  uhd = estimate (prices, "gpt-image-2", NULL, "3840x2160", "high", 1, 0);
  tall = estimate (prices, "gpt-image-2", NULL, "2160x3840", "high", 1, 0);

  /* 2048x2048 from 1024x1024: 7024 tokens × (2e6 + 2048²) / (2e6 + 1024²). */
  g_assert_cmpfloat_with_epsilon (big_square,
                                  round (7024.0 * (2e6 + 2048.0 * 2048) / (2e6 + 1024.0 * 1024)) * 30 / 1e6,
                                  EPSILON);
  /* 3840x2160 is nearest 1536x1024 in shape. */
  g_assert_cmpfloat_with_epsilon (uhd,
                                  round (5488.0 * (2e6 + 3840.0 * 2160) / (2e6 + 1536.0 * 1024)) * 30 / 1e6,
                                  EPSILON);
  g_assert_cmpfloat_with_epsilon (tall, uhd, EPSILON);
  g_assert_cmpfloat (big_square, >, square);
  g_assert_cmpfloat (uhd, >, wide);

  /* Without an offset the scaling is by area alone. */
  g_assert_true (studio_prices_load (plain,
                                     "{\"images\":[{\"match\":\"^m$\",\"text_input\":0,"
                                     "\"image_input\":0,\"image_output\":1000000,"
                                     "\"output_tokens\":{\"low\":{\"100x100\":10,\"200x100\":30}}}]}",
                                     -1, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (estimate (plain, "m", NULL, "200x200", NULL, 1, 0), 40, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (plain, "m", NULL, "400x200", NULL, 1, 0), 120, EPSILON);
  /* Defaults, when the entry names none, are its first quality and size. */
  g_assert_cmpfloat_with_epsilon (estimate (plain, "m", NULL, NULL, NULL, 1, 0), 10, EPSILON);
}

/* After a run, the server's usage is priced: input text and image tokens
 * each at their rate, output tokens at the image rate.
 */
static void
test_prices_usage (void)
{
  g_autoptr(StudioPrices) prices = prices_new_builtin ();
  StudioImageUsage usage;
  double cost = -1;

  studio_image_usage_clear (&usage);
  usage.input_tokens = 1050;
  usage.input_text_tokens = 50;
  usage.input_image_tokens = 1000;
  usage.output_tokens = 4160;
  usage.total_tokens = 5210;

  /* gpt-image-1: $5 text, $10 image input, $40 output. */
  g_assert_true (studio_prices_image_usage_cost (prices, "gpt-image-1", &usage, NULL, 1, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (50 * 5.0 + 1000 * 10.0 + 4160 * 40.0) / 1e6, EPSILON);
  /* The options do not matter to a token-priced model. */
  {
    g_autoptr(JsonObject) options = options_new ("1536x1024", "low", 4);

    g_assert_true (studio_prices_image_usage_cost (prices, "gpt-image-1", &usage, options, 4, &cost));
    g_assert_cmpfloat_with_epsilon (cost, (50 * 5.0 + 1000 * 10.0 + 4160 * 40.0) / 1e6, EPSILON);
  }

  /* One half of the split missing is the rest of the whole. */
  usage.input_text_tokens = -1;
  g_assert_true (studio_prices_image_usage_cost (prices, "gpt-image-1", &usage, NULL, 1, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (50 * 5.0 + 1000 * 10.0 + 4160 * 40.0) / 1e6, EPSILON);
  /* No split at all: all input at the text rate. */
  usage.input_image_tokens = -1;
  g_assert_true (studio_prices_image_usage_cost (prices, "gpt-image-1", &usage, NULL, 1, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (1050 * 5.0 + 4160 * 40.0) / 1e6, EPSILON);

  /* gpt-image-1.5 prices output text ($10) apart from image ($32). */
  usage.input_text_tokens = 50;
  usage.input_image_tokens = 1000;
  usage.output_text_tokens = 100;
  g_assert_true (studio_prices_image_usage_cost (prices, "gpt-image-1.5", &usage, NULL, 1, &cost));
  g_assert_cmpfloat_with_epsilon (cost, (50 * 5.0 + 1000 * 8.0 + 100 * 10.0 + 4060 * 32.0) / 1e6,
                                  EPSILON);

  /* A token-priced model without usage has no figure. */
  studio_image_usage_clear (&usage);
  g_assert_false (studio_prices_image_usage_cost (prices, "gpt-image-1", &usage, NULL, 1, &cost));
  g_assert_false (studio_prices_image_usage_cost (prices, "gpt-image-1", NULL, NULL, 1, &cost));

  /* dall-e reports no usage: priced by image from the options. */
  {
    g_autoptr(JsonObject) options = options_new ("1024x1792", "hd", 1);

    g_assert_true (studio_prices_image_usage_cost (prices, "dall-e-3", NULL, options, 1, &cost));
    g_assert_cmpfloat_with_epsilon (cost, 0.12, EPSILON);
    g_assert_true (studio_prices_image_usage_cost (prices, "dall-e-2", &usage, NULL, 3, &cost));
    g_assert_cmpfloat_with_epsilon (cost, 3 * 0.02, EPSILON);
  }
}

static void
test_prices_unpriced (void)
{
  g_autoptr(StudioPrices) prices = prices_new_builtin ();
  g_autoptr(JsonObject) options = options_new ("1024x1024", "low", 1);
  StudioImageUsage usage;
  double cost = 7;

  studio_image_usage_clear (&usage);
  usage.input_tokens = usage.output_tokens = 100;

  g_assert_false (studio_prices_estimate_image (prices, "no-such-image-model", "x", options, 0, &cost));
  g_assert_cmpfloat (cost, ==, 0);
  g_assert_false (studio_prices_estimate_image (prices, NULL, "x", options, 0, &cost));
  g_assert_false (studio_prices_image_usage_cost (prices, "no-such-image-model", &usage, options, 1, &cost));
  /* Chat prices are not image prices, and the other way round. */
  g_assert_false (studio_prices_estimate_image (prices, "gpt-4o", "x", options, 0, &cost));
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-image-1", 1000, 1000), ==, -1);
  /* A quality the table does not have, or a size that is none. */
  json_object_set_string_member (options, "quality", "ultra");
  g_assert_false (studio_prices_estimate_image (prices, "gpt-image-1", "x", options, 0, &cost));
  json_object_set_string_member (options, "quality", "low");
  json_object_set_string_member (options, "size", "huge");
  g_assert_false (studio_prices_estimate_image (prices, "dall-e-3", "x", options, 0, &cost));
}

/* The user's entries come first, in the app's table as in one built by
 * hand; what they do not name keeps its built-in price.
 */
static void
test_prices_user_first (void)
{
  static const char user[] =
    "{\"images\":[{\"match\":\"^gpt-image-1$\",\"text_input\":1,\"image_input\":2,"
    "\"image_output\":100,\"output_tokens\":{\"medium\":{\"1024x1024\":1000}}},"
    "{\"match\":\"^dall-e-3\",\"per_image\":{\"standard\":{\"1024x1024\":1.5}}}]}";
  g_autoptr(StudioPrices) prices = studio_prices_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  StudioPrices *app;

  studio_prices_get_default ();
  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/prices.json", 0, &error);
  g_assert_no_error (error);

  g_assert_true (studio_prices_load (prices, user, -1, &error));
  g_assert_no_error (error);
  g_assert_true (studio_prices_load (prices, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  g_assert_cmpfloat_with_epsilon (estimate (prices, "gpt-image-1", NULL, NULL, NULL, 1, 0), 0.1, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "dall-e-3", NULL, NULL, NULL, 2, 0), 3.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (prices, "gpt-image-1-mini", NULL, "1024x1024", "low", 1, 0),
                                  272 * 8.0 / 1e6, EPSILON);
  /* A file with only image prices leaves the chat ones built in. */
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o", 1000000, 0), >, 0);

  /* The same through the user's file and the app's table. */
  app = studio_prices_get_default ();
  g_assert_cmpfloat (estimate (app, "gpt-image-1", NULL, NULL, NULL, 1, 0), !=, 0.1);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, user, -1, &error));
  g_assert_no_error (error);
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (estimate (app, "gpt-image-1", NULL, NULL, NULL, 1, 0), 0.1, EPSILON);
  g_assert_cmpfloat_with_epsilon (estimate (app, "gpt-image-1.5", NULL, "1024x1024", "high", 1, 0),
                                  4160 * 32.0 / 1e6, EPSILON);

  /* A broken image entry in the user's file is refused, naming the file,
   * and the prices in use stay.
   */
  g_assert_true (g_file_set_contents (path, "{\"images\":[{\"match\":\"^gpt-image-1$\",\"text_input\":1}]}",
                                      -1, &error));
  g_assert_no_error (error);
  g_assert_false (studio_prices_reload_default (&error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "prices.json"));
  g_assert_nonnull (strstr (error->message, "Image price 0"));
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (estimate (app, "gpt-image-1", NULL, NULL, NULL, 1, 0), 0.1, EPSILON);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (estimate (app, "gpt-image-1", NULL, NULL, NULL, 1, 0),
                                  1056 * 40.0 / 1e6, EPSILON);
  g_rmdir (dir);
}

static JsonObject *
usage_new (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

/* The built-in audio prices: tokens with and without details, a duration
 * in the usage, the audio's own duration for a per-minute model, and
 * speech by characters and by tokens.
 */
static void
test_prices_audio (void)
{
  g_autoptr(StudioPrices) prices = studio_prices_new ();
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/prices.json", 0, NULL);
  g_autoptr(JsonObject) tokens = usage_new ("{\"type\":\"tokens\",\"input_tokens\":1100,"
                                            "\"input_token_details\":{\"text_tokens\":100,"
                                            "\"audio_tokens\":1000},\"output_tokens\":50,"
                                            "\"total_tokens\":1150}");
  g_autoptr(JsonObject) bare = usage_new ("{\"type\":\"tokens\",\"input_tokens\":2000,"
                                          "\"output_tokens\":10}");
  g_autoptr(JsonObject) duration = usage_new ("{\"type\":\"duration\",\"seconds\":90}");
  g_autoptr(JsonObject) speech = usage_new ("{\"input_tokens\":20,\"output_tokens\":1000,"
                                            "\"total_tokens\":1020}");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  g_assert_true (studio_prices_load (prices, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices, "gpt-4o-transcribe",
                                                                    tokens, -1),
                                  (1000 * 6.0 + 100 * 2.5 + 50 * 10.0) / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices,
                                                                    "gpt-4o-mini-transcribe",
                                                                    tokens, 12),
                                  (1000 * 3.0 + 100 * 1.25 + 50 * 5.0) / 1e6, EPSILON);
  /* Without details the input is the audio. */
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices, "gpt-transcribe",
                                                                    bare, -1),
                                  (2000 * 6.0 + 10 * 10.0) / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices,
                                                                    "gpt-4o-transcribe-diarize",
                                                                    bare, -1),
                                  (2000 * 6.0 + 10 * 10.0) / 1e6, EPSILON);

  /* Whisper by the minute: the usage's seconds win over the caller's. */
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices, "whisper-1",
                                                                    duration, 30),
                                  1.5 * 0.006, EPSILON);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (prices, "whisper-1",
                                                                    NULL, 30),
                                  0.5 * 0.006, EPSILON);
  g_assert_cmpfloat (studio_prices_transcription_cost (prices, "whisper-1", NULL, -1), ==, -1);
  /* A token-priced model with only a duration cannot be priced. */
  g_assert_cmpfloat (studio_prices_transcription_cost (prices, "gpt-4o-transcribe", duration, 90),
                     ==, -1);

  g_assert_cmpfloat (studio_prices_transcription_cost (prices, "parakeet-local", tokens, 60),
                     ==, -1);
  g_assert_cmpfloat (studio_prices_transcription_cost (prices, NULL, tokens, 60), ==, -1);

  g_assert_cmpfloat_with_epsilon (studio_prices_speech_cost (prices, "tts-1", NULL, 1000),
                                  1000 * 15.0 / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (studio_prices_speech_cost (prices, "tts-1-hd", NULL, 1000),
                                  1000 * 30.0 / 1e6, EPSILON);
  g_assert_cmpfloat_with_epsilon (studio_prices_speech_cost (prices, "gpt-4o-mini-tts", speech, 80),
                                  (20 * 0.6 + 1000 * 12.0) / 1e6, EPSILON);
  g_assert_cmpfloat (studio_prices_speech_cost (prices, "gpt-4o-mini-tts", NULL, 80), ==, -1);
  g_assert_cmpfloat (studio_prices_speech_cost (prices, "kokoro", NULL, 80), ==, -1);
}

/* A user's audio entry comes first; a broken one is refused with what is
 * wrong, naming the file, and the prices in use stay.
 */
static void
test_prices_audio_user (void)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  StudioPrices *app = studio_prices_get_default ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"audio\":[{\"match\":\"^whisper\","
                                      "\"per_minute\":1}]}", -1, &error));
  g_assert_no_error (error);
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (app, "whisper-1", NULL, 120),
                                  2, EPSILON);

  g_assert_true (g_file_set_contents (path, "{\"audio\":[{\"match\":\"^whisper\","
                                      "\"per_minute\":\"cheap\"}]}", -1, &error));
  g_assert_no_error (error);
  g_assert_false (studio_prices_reload_default (&error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "prices.json"));
  g_assert_nonnull (strstr (error->message,
                            "Audio price 0 (\"^whisper\"): "
                            "\"per_minute\" is not a number of 0 or more"));
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (app, "whisper-1", NULL, 120),
                                  2, EPSILON);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (studio_prices_reload_default (&error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (studio_prices_transcription_cost (app, "whisper-1", NULL, 120),
                                  2 * 0.006, EPSILON);
  g_rmdir (dir);
}

/* Each malformed entry is refused with what is wrong, and adds nothing. */
static void
test_prices_malformed (void)
{
  static const struct {
    const char *json;
    const char *says;
  } bad[] = {
    { "{\"comment\":\"nothing\"}", "No \"prices\", \"images\" or \"audio\" array" },
    { "{\"audio\":{}}", "\"audio\" is not an array" },
    { "{\"audio\":[7]}", "Audio price 0 has no \"match\"" },
    { "{\"audio\":[{\"match\":\"(\",\"per_minute\":1}]}", "Audio price 0: " },
    { "{\"audio\":[{\"match\":\"^a\"}]}",
      "No \"per_minute\", \"per_million_chars\" or token price" },
    { "{\"audio\":[{\"match\":\"^a\",\"text_input\":-1}]}",
      "\"text_input\" is not a number of 0 or more" },
    { "{\"images\":{}}", "\"images\" is not an array" },
    { "{\"images\":[42]}", "Image price 0 has no \"match\"" },
    { "{\"images\":[{\"match\":\"(unclosed\",\"per_image\":{\"standard\":{\"1x1\":1}}}]}",
      "Image price 0: " },
    { "{\"images\":[{\"match\":\"^a\"}]}", "either an \"output_tokens\" or a \"per_image\"" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":1}},"
      "\"output_tokens\":{\"low\":{\"1x1\":1}}}]}", "either an \"output_tokens\" or a \"per_image\"" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":[]}]}", "\"per_image\" is not an object" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":3}}]}",
      "quality \"standard\" is not an object of sizes" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"big\":1}}}]}",
      "\"big\" is not a size" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":\"1\"}}}]}",
      "size \"1x1\" is not a number above 0" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":-1}}}]}",
      "size \"1x1\" is not a number above 0" },
    { "{\"images\":[{\"match\":\"^a\",\"output_tokens\":{\"low\":{\"1x1\":1}}}]}",
      "\"text_input\" is missing" },
    { "{\"images\":[{\"match\":\"^a\",\"text_input\":1,\"image_input\":-2,\"image_output\":1,"
      "\"output_tokens\":{\"low\":{\"1x1\":1}}}]}", "\"image_input\" is not a number of 0 or more" },
    { "{\"images\":[{\"match\":\"^a\",\"text_input\":1,\"image_input\":1,\"image_output\":1,"
      "\"source_tokens\":{\"low\":\"many\"},\"output_tokens\":{\"low\":{\"1x1\":1}}}]}",
      "\"source_tokens\": \"low\" is not a number" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":1}},"
      "\"default\":{\"quality\":\"hd\"}}]}", "default quality \"hd\" is not in the table" },
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":1}},"
      "\"default\":{\"size\":\"auto\"}}]}", "default size \"auto\" is not a size" },
    /* The second entry is the broken one: the first is not kept either. */
    { "{\"images\":[{\"match\":\"^a\",\"per_image\":{\"standard\":{\"1x1\":1}}},"
      "{\"match\":\"^b\",\"per_image\":{}}]}", "Image price 1 (\"^b\")" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(StudioPrices) prices = studio_prices_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i].json);
      g_assert_false (studio_prices_load (prices, bad[i].json, -1, &error));
      g_assert_nonnull (error);
      g_test_message ("Refused: %s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_assert_false (studio_prices_estimate_image (prices, "a", NULL, NULL, 0, NULL));
      g_assert_cmpfloat (studio_prices_transcription_cost (prices, "a", NULL, 60), ==, -1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("studio-prices-XXXXXX", NULL);
  int status;

  /* Prices of our own, never the user's; set before GLib reads it. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/prices/estimate-families", test_prices_estimate_families);
  g_test_add_func ("/studio/prices/estimate-sources", test_prices_estimate_sources);
  g_test_add_func ("/studio/prices/custom-size", test_prices_custom_size);
  g_test_add_func ("/studio/prices/usage", test_prices_usage);
  g_test_add_func ("/studio/prices/unpriced", test_prices_unpriced);
  g_test_add_func ("/studio/prices/user-first", test_prices_user_first);
  g_test_add_func ("/studio/prices/audio", test_prices_audio);
  g_test_add_func ("/studio/prices/audio-user", test_prices_audio_user);
  g_test_add_func ("/studio/prices/malformed", test_prices_malformed);

  status = g_test_run ();
  g_rmdir (config);

  return status;
}
