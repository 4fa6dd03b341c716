/* studio-paths.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *studio_paths_dup_data_file          (const char *name);
char    *studio_paths_dup_images_folder      (void);
char    *studio_paths_dup_transcripts_folder (void);
char    *studio_paths_dup_speech_folder      (void);
char    *studio_paths_dup_config_file        (const char *name);
char    *studio_paths_dup_cache_file         (const char *name);
gboolean studio_paths_is_sandboxed           (void);

G_END_DECLS
