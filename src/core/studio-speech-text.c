/* studio-speech-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-speech-text.h"

/* Cuts text for the speech service: into sentences, which the Speech page
 * highlights as they are spoken, and into pieces of whole sentences that
 * each fit one request. Every byte of the text belongs to exactly one
 * sentence (the whitespace after a sentence goes with it), so that pieces
 * put back together are the text. A sentence too long for one request is
 * cut at a word boundary, or where a text without spaces allows.
 *
 * Chat replies are Markdown: studio_speech_text_from_markdown() turns one
 * into what a listener wants to hear (code blocks announced, not read).
 * While a reply streams in, what it gives for the part already complete
 * never changes later, so that sentences can be spoken before the end.
 */

#define TITLE_MAX_CHARS 60

static gboolean
is_terminator (gunichar c)
{
  switch (c)
    {
    case '.': case '!': case '?':
    case 0x2026: /* … */
    case 0x203D: /* ‽ */
    case 0x3002: case 0xFF01: case 0xFF1F: /* 。！？ */
    case 0x061F: /* ؟ */
    case 0x06D4: /* ۔ */
    case 0x0964: case 0x0965: /* । ॥ */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Full-width terminators end a sentence without a space after them. */
static gboolean
is_wide_terminator (gunichar c)
{
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static gboolean
is_closing (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
         c == 0x2019 || c == 0x201D || c == 0x00BB || c == 0x300D ||
         c == 0x300F || c == 0x3011 || c == 0xFF09;
}

static gboolean
is_soft_break (gunichar c)
{
  return c == ',' || c == ';' || c == ':' || c == 0x3001 || c == 0xFF0C;
}

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "prof", "jr",
  "sr", "no", "fig", "cf", "approx", NULL
};

/* Whether the period at @dot ends a word that is an abbreviation or an
 * initial, which does not end the sentence.
 */
static gboolean
is_abbreviation (const char *text,
                 const char *dot)
{
  const char *start = dot;
  g_autofree char *word = NULL;
  glong n_chars;

  while (start > text)
    {
      const char *prev = g_utf8_prev_char (start);
      gunichar c = g_utf8_get_char (prev);

      if (g_unichar_isspace (c) || c == '(' || c == '"')
        break;
      start = prev;
    }

  n_chars = g_utf8_strlen (start, dot - start);
  if (n_chars == 1 && g_unichar_isupper (g_utf8_get_char (start)))
    return TRUE;

  word = g_utf8_strdown (start, dot - start);
  return g_strv_contains (abbreviations, word);
}

/* Splits @text into sentences without the length limit. @last_closed says
 * whether the last one was ended by a terminator and whitespace (or a
 * newline), so that nothing typed later can join it.
 */
static GArray *
split_sentences (const char *text,
                 gboolean   *last_closed)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (StudioTextSpan));
  const char *start = text;
  const char *p = text;
  gboolean has_content = FALSE;

  *last_closed = FALSE;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gboolean ends = FALSE;

      if (c == '\n')
        {
          ends = has_content;
        }
      else if (is_terminator (c) && has_content)
        {
          const char *after = next;

          while (*after != '\0' && is_closing (g_utf8_get_char (after)))
            after = g_utf8_next_char (after);

          if (is_wide_terminator (c))
            ends = TRUE;
          else if (*after != '\0' && g_unichar_isspace (g_utf8_get_char (after)))
            ends = !(c == '.' && is_abbreviation (text, p));

          if (ends)
            next = after;
        }
      else if (!g_unichar_isspace (c))
        {
          has_content = TRUE;
        }

      p = next;

      if (ends)
        {
          StudioTextSpan span;

          while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);

          span.start = start - text;
          span.end = p - text;
          g_array_append_val (spans, span);
          start = p;
          has_content = FALSE;
          *last_closed = TRUE;
        }
    }

  if (p > start)
    {
      StudioTextSpan span = { start - text, p - text };

      g_array_append_val (spans, span);
      *last_closed = FALSE;
    }

  return spans;
}

/* Where to cut a run that is longer than @max_chars, at most @max_chars in:
 * after the last whitespace, else after the last comma-like mark, else at a
 * character boundary that does not part a letter from its combining marks.
 */
static const char *
find_cut (const char *start,
          const char *end,
          guint       max_chars)
{
  const char *limit = start;
  const char *space = NULL;
  const char *soft = NULL;

  for (guint i = 0; i < max_chars && limit < end; i++)
    {
      gunichar c = g_utf8_get_char (limit);

      limit = g_utf8_next_char (limit);
      if (g_unichar_isspace (c))
        space = limit;
      else if (is_soft_break (c))
        soft = limit;
    }

  if (space != NULL && space > start)
    return space;
  if (soft != NULL && soft > start)
    return soft;

  while (limit > start && limit < end && g_unichar_ismark (g_utf8_get_char (limit)))
    limit = g_utf8_prev_char (limit);

  return limit > start ? limit : g_utf8_next_char (start);
}

/**
 * studio_speech_text_split_sentences:
 * @text: UTF-8 text
 * @max_chars: the most characters a sentence may have
 *
 * Splits @text into sentences, which together cover it all: each holds
 * the whitespace that follows it, and leading whitespace goes with the
 * first. A sentence longer than @max_chars is cut at word boundaries.
 *
 * Returns: (transfer full) (element-type StudioTextSpan): the sentences
 */
GArray *
studio_speech_text_split_sentences (const char *text,
                                    guint       max_chars)
{
  g_autoptr(GArray) sentences = NULL;
  GArray *spans;
  gboolean closed;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_chars > 0, NULL);

  sentences = split_sentences (text, &closed);
  spans = g_array_sized_new (FALSE, FALSE, sizeof (StudioTextSpan), sentences->len);

  for (guint i = 0; i < sentences->len; i++)
    {
      StudioTextSpan span = g_array_index (sentences, StudioTextSpan, i);
      const char *start = text + span.start;
      const char *end = text + span.end;

      while ((guint) g_utf8_strlen (start, end - start) > max_chars)
        {
          const char *cut = find_cut (start, end, max_chars);
          StudioTextSpan part = { start - text, cut - text };

          g_array_append_val (spans, part);
          start = cut;
        }

      span.start = start - text;
      g_array_append_val (spans, span);
    }

  return spans;
}

/**
 * studio_speech_text_plan_pieces:
 * @text: UTF-8 text
 * @sentences: (element-type StudioTextSpan): its sentences, from
 *   studio_speech_text_split_sentences() with the same @max_chars
 * @max_chars: the most characters a piece may have
 *
 * Groups consecutive sentences into as few pieces as fit @max_chars each.
 *
 * Returns: (transfer full) (element-type StudioSpeechPieceSpan): the pieces
 */
GArray *
studio_speech_text_plan_pieces (const char *text,
                                GArray     *sentences,
                                guint       max_chars)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (StudioSpeechPieceSpan));
  StudioSpeechPieceSpan piece = { 0, 0, 0, 0 };
  guint piece_chars = 0;

  g_return_val_if_fail (text != NULL, pieces);
  g_return_val_if_fail (sentences != NULL, pieces);

  for (guint i = 0; i < sentences->len; i++)
    {
      const StudioTextSpan *span = &g_array_index (sentences, StudioTextSpan, i);
      guint chars = g_utf8_strlen (text + span->start, span->end - span->start);

      if (piece.n_sentences > 0 && piece_chars + chars > max_chars)
        {
          g_array_append_val (pieces, piece);
          piece.n_sentences = 0;
        }

      if (piece.n_sentences == 0)
        {
          piece.first_sentence = i;
          piece.start = span->start;
          piece_chars = 0;
        }

      piece.n_sentences++;
      piece.end = span->end;
      piece_chars += chars;
    }

  if (piece.n_sentences > 0)
    g_array_append_val (pieces, piece);

  return pieces;
}

/**
 * studio_speech_text_is_speakable:
 * @text: UTF-8 text
 * @length: its length in bytes, or -1 when it ends with a NUL
 *
 * Returns: whether @text has a letter or a digit to say: whitespace,
 *   punctuation and emoji alone have none
 */
gboolean
studio_speech_text_is_speakable (const char *text,
                                 gssize      length)
{
  const char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  end = text + (length < 0 ? (gssize) strlen (text) : length);
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/**
 * studio_speech_text_complete_length:
 * @text: UTF-8 text still being written, or all of it
 * @final: whether @text is all there will be
 *
 * Returns: the length in bytes of the start of @text made of sentences
 *   that nothing appended later can change
 */
gsize
studio_speech_text_complete_length (const char *text,
                                    gboolean    final)
{
  g_autoptr(GArray) spans = NULL;
  gboolean closed;

  g_return_val_if_fail (text != NULL, 0);

  if (final)
    return strlen (text);

  spans = split_sentences (text, &closed);
  if (spans->len == 0)
    return 0;
  if (closed)
    return g_array_index (spans, StudioTextSpan, spans->len - 1).end;
  if (spans->len == 1)
    return 0;

  return g_array_index (spans, StudioTextSpan, spans->len - 2).end;
}

/* Markdown. */

typedef struct
{
  GString  *out;
  gboolean  final;
  gboolean  in_fence;
  gunichar  fence_char;
  gsize     fence_length;
  char     *fence_language;
} MarkdownState;

static gsize
count_run (const char *p,
           char        c)
{
  gsize n = 0;

  while (p[n] == c)
    n++;

  return n;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  return p;
}

static void
announce_code (MarkdownState *state)
{
  if (state->fence_language != NULL && state->fence_language[0] != '\0')
    {
      g_autofree char *language = g_strdup (state->fence_language);

      language[0] = g_ascii_toupper (language[0]);
      g_string_append_printf (state->out, _("Code block in %s."), language);
    }
  else
    {
      g_string_append (state->out, _("Code block."));
    }

  g_string_append_c (state->out, '\n');
}

/* The host of a URL, without "www.", for reading a link aloud. */
static void
append_host (GString    *out,
             const char *url,
             const char *end)
{
  const char *host = strstr (url, "://");
  const char *host_end;

  host = host != NULL && host < end ? host + 3 : url;
  if (g_str_has_prefix (host, "www."))
    host += 4;

  for (host_end = host; host_end < end; host_end++)
    {
      if (*host_end == '/' || *host_end == ':' || *host_end == '?' ||
          *host_end == '#' || *host_end == '>')
        break;
    }

  g_string_append_len (out, host, host_end - host);
}

static gboolean
is_word_char (const char *p,
              const char *start,
              const char *end)
{
  if (p < start || p >= end)
    return FALSE;

  return g_unichar_isalnum (g_utf8_get_char_validated (p, end - p));
}

/* Converts the inline Markdown of one line. @partial says the line is still
 * being typed: then the conversion stops at the first construct that more
 * text could change, and returns FALSE.
 */
static gboolean
append_inline (GString    *out,
               const char *line,
               const char *end,
               gboolean    partial)
{
  const char *p = line;

  while (p < end)
    {
      char c = *p;

      if (c == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
        }
      else if (c == '`')
        {
          gsize run = count_run (p, '`');
          const char *close = NULL;

          for (const char *q = p + run; q < end; q++)
            {
              if (*q == '`' && count_run (q, '`') == run)
                {
                  close = q;
                  break;
                }
              if (*q == '`')
                q += count_run (q, '`') - 1;
            }

          if (close != NULL)
            {
              g_string_append_len (out, p + run, close - (p + run));
              p = close + run;
            }
          else if (partial)
            {
              return FALSE;
            }
          else
            {
              p += run;
            }
        }
      else if (c == '[' || (c == '!' && p + 1 < end && p[1] == '['))
        {
          const char *text = p + (c == '!' ? 2 : 1);
          const char *close = memchr (text, ']', end - text);

          if (close == NULL || (partial && close + 1 >= end))
            {
              if (partial)
                return FALSE;
              g_string_append_len (out, p, text - p);
              p = text;
            }
          else if (close + 1 < end && close[1] == '(')
            {
              const char *paren = memchr (close + 2, ')', end - (close + 2));

              if (paren == NULL && partial)
                return FALSE;
              append_inline (out, text, close, FALSE);
              p = paren != NULL ? paren + 1 : end;
            }
          else
            {
              append_inline (out, text, close, FALSE);
              p = close + 1;
            }
        }
      else if (c == '<')
        {
          const char *close = memchr (p, '>', end - p);

          if (close == NULL)
            {
              if (partial)
                return FALSE;
              g_string_append_c (out, c);
              p++;
            }
          else
            {
              if (g_str_has_prefix (p + 1, "http://") || g_str_has_prefix (p + 1, "https://"))
                append_host (out, p + 1, close);
              else if (!(g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
                g_string_append_len (out, p, close + 1 - p);
              p = close + 1;
            }
        }
      else if ((c == 'h' && (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://"))) &&
               !is_word_char (p - 1, line, end))
        {
          const char *url_end = p;

          while (url_end < end && !g_ascii_isspace (*url_end) && *url_end != ')')
            url_end++;
          if (url_end == end && partial)
            return FALSE;
          /* A sentence's own full stop is not part of the URL. */
          while (url_end > p && strchr (".,;:!?", url_end[-1]) != NULL)
            url_end--;
          append_host (out, p, url_end);
          p = url_end;
        }
      else if (c == '*' || (c == '~' && p + 1 < end && p[1] == '~'))
        {
          gsize run = count_run (p, c);

          if (partial && p + run == end)
            return FALSE;
          p += run;
        }
      else if (c == '_')
        {
          gsize run = count_run (p, '_');

          if (partial && p + run == end)
            return FALSE;
          if (!is_word_char (p - 1, line, end) || !is_word_char (p + run, line, end))
            p += run;
          else
            {
              g_string_append_len (out, p, run);
              p += run;
            }
        }
      else
        {
          g_string_append_c (out, c);
          p++;
        }
    }

  return TRUE;
}

static gboolean
is_rule (const char *p,
         const char *end)
{
  char c;
  guint n = 0;

  p = skip_spaces (p, end);
  if (p >= end || (*p != '-' && *p != '*' && *p != '_' && *p != '='))
    return FALSE;

  c = *p;
  for (; p < end; p++)
    {
      if (*p == c)
        n++;
      else if (*p != ' ' && *p != '\t')
        return FALSE;
    }

  return n >= 3;
}

static gboolean
is_table_separator (const char *p,
                    const char *end)
{
  gboolean dash = FALSE;

  for (; p < end; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\t')
        return FALSE;
    }

  return dash;
}

/* Converts one line (without its newline). Returns FALSE when a partial
 * line was cut short.
 */
static gboolean
append_line (MarkdownState *state,
             const char    *line,
             const char    *end,
             gboolean       partial)
{
  const char *p = skip_spaces (line, end);
  gsize run;

  if (state->in_fence)
    {
      run = count_run (p, (char) state->fence_char);
      if (!partial && run >= state->fence_length &&
          skip_spaces (p + run, end) == end)
        {
          state->in_fence = FALSE;
          announce_code (state);
        }
      return !partial;
    }

  if (partial && (*p == '`' || *p == '~') && count_run (p, *p) == (gsize) (end - p))
    return FALSE;

  if ((*p == '`' || *p == '~') && (run = count_run (p, *p)) >= 3)
    {
      const char *info = skip_spaces (p + run, end);
      const char *info_end = info;

      if (partial)
        return FALSE;

      while (info_end < end && !g_ascii_isspace (*info_end) && *info_end != '{')
        info_end++;

      state->in_fence = TRUE;
      state->fence_char = *p;
      state->fence_length = run;
      g_free (state->fence_language);
      state->fence_language = g_strndup (info, info_end - info);
      return TRUE;
    }

  if (is_rule (p, end))
    return !partial;

  if (*p == '|' || (memchr (p, '|', end - p) != NULL && is_table_separator (p, end)))
    {
      g_auto(GStrv) cells = NULL;
      g_autofree char *row = NULL;
      gboolean first = TRUE;

      if (is_table_separator (p, end))
        return !partial;

      row = g_strndup (p, end - p);
      cells = g_strsplit (row, "|", -1);
      for (guint i = 0; cells[i] != NULL; i++)
        {
          g_strstrip (cells[i]);
          if (cells[i][0] == '\0')
            continue;
          if (!first)
            g_string_append (state->out, ", ");
          if (!append_inline (state->out, cells[i], cells[i] + strlen (cells[i]), partial))
            return FALSE;
          first = FALSE;
        }
      return TRUE;
    }

  while (*p == '>')
    p = skip_spaces (p + 1, end);

  if (*p == '#')
    {
      run = count_run (p, '#');
      if (run <= 6 && (p + run == end || p[run] == ' ' || p[run] == '\t'))
        {
          p = skip_spaces (p + run, end);
          while (end > p && (end[-1] == '#' || end[-1] == ' ') && !partial)
            end--;
        }
    }
  else if ((*p == '-' || *p == '*' || *p == '+') && p + 1 < end && (p[1] == ' ' || p[1] == '\t'))
    {
      p = skip_spaces (p + 1, end);
    }
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (q < end && g_ascii_isdigit (*q))
        q++;
      if (q < end && (*q == '.' || *q == ')') && q + 1 < end && (q[1] == ' ' || q[1] == '\t'))
        p = skip_spaces (q + 1, end);
    }

  if (end - p >= 4 && p[0] == '[' && strchr (" xX", p[1]) != NULL && p[2] == ']' && p[3] == ' ')
    p = skip_spaces (p + 4, end);

  return append_inline (state->out, p, end, partial);
}

/**
 * studio_speech_text_from_markdown:
 * @markdown: a chat reply, complete or still streaming
 * @final: whether @markdown is the whole reply
 *
 * Turns Markdown into the text to read aloud: code blocks become a short
 * announcement, markup and link targets are left out, every heading, list
 * item and table row is a line of its own. While @final is %FALSE, an open
 * code block and the part of the last line that more text could change
 * give nothing yet, so that the complete sentences given now stay the same
 * when more arrives.
 *
 * Returns: (transfer full): the text to speak
 */
char *
studio_speech_text_from_markdown (const char *markdown,
                                  gboolean    final)
{
  MarkdownState state = { NULL, final, FALSE, 0, 0, NULL };
  const char *line = markdown;

  g_return_val_if_fail (markdown != NULL, NULL);

  state.out = g_string_new (NULL);

  while (*line != '\0')
    {
      const char *newline = strchr (line, '\n');
      const char *end = newline != NULL ? newline : line + strlen (line);
      gboolean partial = newline == NULL && !final;
      gsize before = state.out->len;

      if (end > line && end[-1] == '\r')
        end--;

      if (!append_line (&state, line, end, partial))
        break;

      /* Lines that gave nothing (a fence, a rule) leave no blank line. */
      if (newline != NULL && (state.out->len > before || before == 0 ||
                              state.out->str[state.out->len - 1] != '\n'))
        g_string_append_c (state.out, '\n');

      if (newline == NULL)
        break;
      line = newline + 1;
    }

  /* A code block the reply never closed is still a block. */
  if (final && state.in_fence)
    announce_code (&state);

  g_free (state.fence_language);

  return g_string_free (state.out, FALSE);
}

/**
 * studio_speech_text_dup_title:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): the first sentence of @text with its
 *   whitespace collapsed, cut at a word to at most 60 characters
 */
char *
studio_speech_text_dup_title (const char *text)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  gboolean closed;
  gboolean space = FALSE;
  const char *end;

  g_return_val_if_fail (text != NULL, NULL);

  spans = split_sentences (text, &closed);
  end = spans->len > 0 ? text + g_array_index (spans, StudioTextSpan, 0).end : text;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = title->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (title, ' ');
      g_string_append_unichar (title, c);
      space = FALSE;
    }

  if (g_utf8_strlen (title->str, -1) > TITLE_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (title->str, TITLE_MAX_CHARS - 1);
      const char *space_at = g_utf8_strrchr (title->str, cut - title->str, ' ');

      if (space_at != NULL && space_at > title->str + TITLE_MAX_CHARS / 2)
        cut = space_at;
      g_string_truncate (title, cut - title->str);
      g_string_append (title, "…");
    }

  return g_string_free (g_steal_pointer (&title), FALSE);
}
