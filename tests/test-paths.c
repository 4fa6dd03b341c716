/* test-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "studio-paths.h"
#include "studio-prices.h"

/* g_test_init (G_TEST_OPTION_ISOLATE_DIRS) points the XDG folders at a
 * fresh temporary folder, so the paths are checked against known places.
 */
static void
test_paths_folders (void)
{
  g_autofree char *data = studio_paths_dup_data_file ("history.db");
  g_autofree char *config = studio_paths_dup_config_file ("prices.json");
  g_autofree char *cache = studio_paths_dup_cache_file ("pasted");
  g_autofree char *want_data = g_build_filename (g_get_user_data_dir (), "openai-studio",
                                                 "history.db", NULL);
  g_autofree char *want_config = g_build_filename (g_get_user_config_dir (), "openai-studio",
                                                   "prices.json", NULL);
  g_autofree char *want_cache = g_build_filename (g_get_user_cache_dir (), "openai-studio",
                                                  "pasted", NULL);
  g_autofree char *images = studio_paths_dup_images_folder ();
  g_autofree char *want_images = g_build_filename (g_get_user_data_dir (), "openai-studio",
                                                   "images", NULL);
  g_autofree char *transcripts = studio_paths_dup_transcripts_folder ();
  g_autofree char *want_transcripts = g_build_filename (g_get_user_data_dir (), "openai-studio",
                                                        "transcripts", NULL);

  g_assert_cmpstr (data, ==, want_data);
  g_assert_cmpstr (images, ==, want_images);
  g_assert_cmpstr (transcripts, ==, want_transcripts);
  g_assert_cmpstr (config, ==, want_config);
  g_assert_cmpstr (cache, ==, want_cache);

  /* The three folders are distinct places. */
  g_assert_cmpstr (g_get_user_data_dir (), !=, g_get_user_cache_dir ());
  g_assert_cmpstr (g_get_user_data_dir (), !=, g_get_user_config_dir ());
}

static void
test_paths_nested (void)
{
  g_autofree char *nested = studio_paths_dup_cache_file ("pasted/image.png");
  g_autofree char *want = g_build_filename (g_get_user_cache_dir (), "openai-studio", "pasted",
                                            "image.png", NULL);
  g_autofree char *parent = g_path_get_dirname (nested);
  g_autofree char *folder = studio_paths_dup_cache_file ("pasted");

  g_assert_cmpstr (nested, ==, want);
  g_assert_cmpstr (parent, ==, folder);
}

static void
test_paths_prices (void)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *want = studio_paths_dup_config_file ("prices.json");

  g_assert_cmpstr (path, ==, want);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/studio/paths/folders", test_paths_folders);
  g_test_add_func ("/studio/paths/nested", test_paths_nested);
  g_test_add_func ("/studio/paths/prices", test_paths_prices);

  return g_test_run ();
}
