/* studio-speech-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * STUDIO_SPEECH_MAX_INPUT_CHARS:
 *
 * The most characters (Unicode code points) one `POST /audio/speech`
 * takes as its `input`.
 */
#define STUDIO_SPEECH_MAX_INPUT_CHARS 4096

/**
 * StudioTextSpan:
 * @start: the first byte, in the UTF-8 text
 * @end: one past the last byte
 *
 * A run of a text, in bytes.
 */
typedef struct
{
  gsize start;
  gsize end;
} StudioTextSpan;

/**
 * StudioSpeechPieceSpan:
 * @first_sentence: the index of the piece's first sentence
 * @n_sentences: how many sentences it has
 * @start: its first byte in the text
 * @end: one past its last byte
 *
 * One request's worth of a text: whole sentences, at most
 * %STUDIO_SPEECH_MAX_INPUT_CHARS characters in all.
 */
typedef struct
{
  guint first_sentence;
  guint n_sentences;
  gsize start;
  gsize end;
} StudioSpeechPieceSpan;

GArray   *studio_speech_text_split_sentences (const char *text,
                                              guint       max_chars);
GArray   *studio_speech_text_plan_pieces     (const char *text,
                                              GArray     *sentences,
                                              guint       max_chars);
gboolean  studio_speech_text_is_speakable    (const char *text,
                                              gssize      length);
gsize     studio_speech_text_complete_length (const char *text,
                                              gboolean    final);
char     *studio_speech_text_from_markdown   (const char *markdown,
                                              gboolean    final);
char     *studio_speech_text_dup_title       (const char *text);

G_END_DECLS
