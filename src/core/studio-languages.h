/* studio-languages.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * StudioLanguage:
 * @code: the ISO-639-1 code the API takes, such as "en"
 * @name: the language's name in English, untranslated: pass it to _()
 *   to show it
 *
 * A language the speech-to-text models know.
 */
typedef struct
{
  const char *code;
  const char *name;
} StudioLanguage;

const StudioLanguage *studio_languages_get  (guint      *n_languages);
const char           *studio_languages_name (const char *code);

G_END_DECLS
