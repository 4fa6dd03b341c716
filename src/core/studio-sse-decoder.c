/* studio-sse-decoder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-sse"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-sse-decoder.h"

/* An incremental decoder for text/event-stream as the HTML standard defines
 * it. It works on bytes, so a chunk may end anywhere: inside a line, between
 * the CR and LF of a CRLF, or inside a UTF-8 character. Text is only decoded
 * once an event is complete. The line and the event being built are bounded
 * by max_event_size, so a server that never sends a newline cannot make us
 * grow without limit.
 */
struct _StudioSseDecoder
{
  GString *line;
  GString *data;
  char    *event;
  char    *id;
  gsize    max_event_size;
  guint    last_was_cr : 1;
  guint    has_data : 1;
};

StudioSseDecoder *
studio_sse_decoder_new (gsize max_event_size)
{
  StudioSseDecoder *self = g_new0 (StudioSseDecoder, 1);

  self->line = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->max_event_size = max_event_size ? max_event_size : STUDIO_SSE_DEFAULT_MAX_EVENT_SIZE;

  return self;
}

void
studio_sse_decoder_free (StudioSseDecoder *self)
{
  if (self == NULL)
    return;

  g_string_free (self->line, TRUE);
  g_string_free (self->data, TRUE);
  g_free (self->event);
  g_free (self->id);
  g_free (self);
}

static void
studio_sse_decoder_reset_event (StudioSseDecoder *self)
{
  g_string_truncate (self->data, 0);
  g_clear_pointer (&self->event, g_free);
  self->has_data = FALSE;
}

static gboolean
studio_sse_decoder_dispatch (StudioSseDecoder   *self,
                             StudioSseEventFunc  func,
                             gpointer            user_data)
{
  g_autofree char *data = NULL;
  g_autofree char *event = NULL;
  gboolean has_data = self->has_data;

  event = g_steal_pointer (&self->event);
  data = g_utf8_make_valid (self->data->str, self->data->len);
  studio_sse_decoder_reset_event (self);

  /* An event with no data lines is not dispatched, per the standard. */
  if (!has_data)
    return TRUE;

  return func (event, data, self->id, user_data);
}

static char *
studio_sse_decoder_dup_value (const char *value,
                              gsize       length)
{
  return g_utf8_make_valid (value, length);
}

/* Returns FALSE when the callback asked to stop. */
static gboolean
studio_sse_decoder_process_line (StudioSseDecoder   *self,
                                 StudioSseEventFunc  func,
                                 gpointer            user_data)
{
  const char *line = self->line->str;
  gsize length = self->line->len;
  const char *colon;
  const char *value;
  gsize field_length;
  gsize value_length;
  gboolean keep_going = TRUE;

  if (length == 0)
    keep_going = studio_sse_decoder_dispatch (self, func, user_data);
  else if (line[0] == ':')
    ; /* A comment, often sent as a keep-alive. */
  else
    {
      colon = memchr (line, ':', length);
      field_length = colon ? (gsize) (colon - line) : length;
      value = colon ? colon + 1 : line + length;
      value_length = length - (value - line);

      if (value_length > 0 && value[0] == ' ')
        value++, value_length--;

      if (field_length == 4 && memcmp (line, "data", 4) == 0)
        {
          if (self->has_data)
            g_string_append_c (self->data, '\n');
          g_string_append_len (self->data, value, value_length);
          self->has_data = TRUE;
        }
      else if (field_length == 5 && memcmp (line, "event", 5) == 0)
        {
          g_free (self->event);
          self->event = studio_sse_decoder_dup_value (value, value_length);
        }
      else if (field_length == 2 && memcmp (line, "id", 2) == 0)
        {
          if (memchr (value, '\0', value_length) == NULL)
            {
              g_free (self->id);
              self->id = studio_sse_decoder_dup_value (value, value_length);
            }
        }
      /* "retry" and unknown fields are ignored: we do not reconnect. */
    }

  g_string_truncate (self->line, 0);

  return keep_going;
}

/**
 * studio_sse_decoder_feed:
 * @self: a decoder
 * @data: (array length=length): the next bytes of the stream
 * @length: the number of bytes
 * @func: called for each complete event
 * @user_data: data for @func
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Decodes as many events as @data completes. Bytes after the last line break
 * are kept for the next call.
 *
 * Returns: %FALSE if an event grew past the size limit; %TRUE otherwise,
 *   also when @func asked to stop
 */
gboolean
studio_sse_decoder_feed (StudioSseDecoder    *self,
                         const char          *data,
                         gsize                length,
                         StudioSseEventFunc   func,
                         gpointer             user_data,
                         GError             **error)
{
  const char *end = data + length;
  const char *p = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  while (p < end)
    {
      const char *brk;

      /* The LF of a CRLF split across two chunks belongs to the CR. */
      if (self->last_was_cr)
        {
          self->last_was_cr = FALSE;
          if (*p == '\n')
            {
              p++;
              continue;
            }
        }

      for (brk = p; brk < end && *brk != '\n' && *brk != '\r'; brk++)
        ;

      if (self->line->len + (brk - p) + self->data->len > self->max_event_size)
        {
          g_autofree char *detail =
            g_strdup_printf (_("An event of the stream is larger than %" G_GSIZE_FORMAT " bytes."),
                             self->max_event_size);

          g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED, detail));
          g_string_truncate (self->line, 0);
          studio_sse_decoder_reset_event (self);
          return FALSE;
        }

      g_string_append_len (self->line, p, brk - p);

      if (brk == end)
        break;

      if (*brk == '\r')
        {
          if (brk + 1 < end)
            {
              if (brk[1] == '\n')
                brk++;
            }
          else
            self->last_was_cr = TRUE;
        }

      p = brk + 1;

      if (!studio_sse_decoder_process_line (self, func, user_data))
        return TRUE;
    }

  return TRUE;
}

/**
 * studio_sse_decoder_get_pending:
 * @self: a decoder
 *
 * Returns: how many bytes of an event not yet finished it holds
 */
gsize
studio_sse_decoder_get_pending (StudioSseDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line->len + self->data->len;
}

/**
 * studio_sse_decoder_finish:
 * @self: a decoder
 * @func: called for a last complete event
 * @user_data: data for @func
 * @error: unused for now; kept for symmetry with feed
 *
 * Ends the stream. A last line without a line break is processed, and an
 * event that was not closed by a blank line is still dispatched: the
 * standard drops it, but some compatible servers end their stream that way
 * and their last words should not be lost.
 *
 * Returns: %TRUE
 */
gboolean
studio_sse_decoder_finish (StudioSseDecoder    *self,
                           StudioSseEventFunc   func,
                           gpointer             user_data,
                           GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->line->len > 0 && !studio_sse_decoder_process_line (self, func, user_data))
    return TRUE;

  studio_sse_decoder_dispatch (self, func, user_data);
  self->last_was_cr = FALSE;

  return TRUE;
}
