/* studio-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-paths"

#include "config.h"

#include "studio-paths.h"

#define STUDIO_PATHS_FOLDER "openai-studio"

/* Where the app keeps its files. The folder name is written here only, so
 * the history, the draft, the user's prices, pasted images and recordings
 * cannot end up in folders that differ by a typo. Nothing here creates
 * folders: whoever writes a file makes its parent, with the permissions
 * that file needs.
 */

static char *
build_path (const char *base,
            const char *name)
{
  g_autofree char *relative = NULL;

  g_assert (base != NULL);
  g_assert (name != NULL);

  /* NAME may be "pasted/image.png"; the separator is made native. */
  relative = g_strdup (name);
  if (G_DIR_SEPARATOR != '/')
    g_strdelimit (relative, "/", G_DIR_SEPARATOR);

  return g_build_filename (base, STUDIO_PATHS_FOLDER, relative, NULL);
}

/**
 * studio_paths_dup_data_file:
 * @name: a file name inside the app's data folder, such as "history.db"
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/openai-studio/NAME`
 */
char *
studio_paths_dup_data_file (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return build_path (g_get_user_data_dir (), name);
}

/**
 * studio_paths_dup_images_folder:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/openai-studio/images`, where
 *   the gallery's files are kept
 */
char *
studio_paths_dup_images_folder (void)
{
  return studio_paths_dup_data_file ("images");
}

/**
 * studio_paths_dup_transcripts_folder:
 *
 * In the Flatpak sandbox `$XDG_DATA_HOME` is the app's own folder, so the
 * recordings stay readable there without any permission.
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/openai-studio/transcripts`,
 *   where the Transcribe workspace keeps its audio and speaker clips
 */
char *
studio_paths_dup_transcripts_folder (void)
{
  return studio_paths_dup_data_file ("transcripts");
}

/**
 * studio_paths_dup_config_file:
 * @name: a file name inside the app's config folder, such as "prices.json"
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/openai-studio/NAME`
 */
char *
studio_paths_dup_config_file (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return build_path (g_get_user_config_dir (), name);
}

/**
 * studio_paths_dup_cache_file:
 * @name: a path inside the app's cache folder, such as "pasted" or
 *   "pasted/image.png"
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/openai-studio/NAME`
 */
char *
studio_paths_dup_cache_file (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return build_path (g_get_user_cache_dir (), name);
}

/**
 * studio_paths_is_sandboxed:
 *
 * Returns: whether the app runs in a Flatpak sandbox, where it sees only
 *   the files the user handed it (through a file chooser, a drop or the
 *   command line) and its own folders
 */
gboolean
studio_paths_is_sandboxed (void)
{
  static gsize sandboxed;

  if (g_once_init_enter (&sandboxed))
    g_once_init_leave (&sandboxed, g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? 2 : 1);

  return sandboxed == 2;
}

/**
 * studio_paths_dup_speech_folder:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/openai-studio/speech`, where
 *   the Speech workspace keeps each clip's audio, a folder per clip
 */
char *
studio_paths_dup_speech_folder (void)
{
  return studio_paths_dup_data_file ("speech");
}
