/* studio-languages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-languages"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-languages.h"

/* The languages OpenAI's speech-to-text guide lists as supported, those
 * Whisper was trained on with a word error rate under 50 %. The API takes
 * any ISO-639-1 code, but offering one it transcribes badly would only
 * invite disappointment. Sorted by English name: the order the UI shows
 * them in when the names are not translated.
 */
static const StudioLanguage languages[] = {
  { "af", N_("Afrikaans") },
  { "ar", N_("Arabic") },
  { "hy", N_("Armenian") },
  { "az", N_("Azerbaijani") },
  { "be", N_("Belarusian") },
  { "bs", N_("Bosnian") },
  { "bg", N_("Bulgarian") },
  { "ca", N_("Catalan") },
  { "zh", N_("Chinese") },
  { "hr", N_("Croatian") },
  { "cs", N_("Czech") },
  { "da", N_("Danish") },
  { "nl", N_("Dutch") },
  { "en", N_("English") },
  { "et", N_("Estonian") },
  { "fi", N_("Finnish") },
  { "fr", N_("French") },
  { "gl", N_("Galician") },
  { "de", N_("German") },
  { "el", N_("Greek") },
  { "he", N_("Hebrew") },
  { "hi", N_("Hindi") },
  { "hu", N_("Hungarian") },
  { "is", N_("Icelandic") },
  { "id", N_("Indonesian") },
  { "it", N_("Italian") },
  { "ja", N_("Japanese") },
  { "kn", N_("Kannada") },
  { "kk", N_("Kazakh") },
  { "ko", N_("Korean") },
  { "lv", N_("Latvian") },
  { "lt", N_("Lithuanian") },
  { "mk", N_("Macedonian") },
  { "ms", N_("Malay") },
  { "mi", N_("Māori") },
  { "mr", N_("Marathi") },
  { "ne", N_("Nepali") },
  { "no", N_("Norwegian") },
  { "fa", N_("Persian") },
  { "pl", N_("Polish") },
  { "pt", N_("Portuguese") },
  { "ro", N_("Romanian") },
  { "ru", N_("Russian") },
  { "sr", N_("Serbian") },
  { "sk", N_("Slovak") },
  { "sl", N_("Slovenian") },
  { "es", N_("Spanish") },
  { "sw", N_("Swahili") },
  { "sv", N_("Swedish") },
  { "tl", N_("Tagalog") },
  { "ta", N_("Tamil") },
  { "th", N_("Thai") },
  { "tr", N_("Turkish") },
  { "uk", N_("Ukrainian") },
  { "ur", N_("Urdu") },
  { "vi", N_("Vietnamese") },
  { "cy", N_("Welsh") },
};

/**
 * studio_languages_get:
 * @n_languages: (out) (optional): the place for the number of languages
 *
 * Returns: (transfer none) (array length=n_languages): the languages the
 *   transcription models know, sorted by English name
 */
const StudioLanguage *
studio_languages_get (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);

  return languages;
}

/**
 * studio_languages_name:
 * @code: an ISO-639-1 code, such as "en"
 *
 * Returns: (nullable): the language's English name, untranslated, or
 *   %NULL when @code is not one the models know
 */
const char *
studio_languages_name (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_ascii_strcasecmp (languages[i].code, code) == 0)
        return languages[i].name;
    }

  return NULL;
}
