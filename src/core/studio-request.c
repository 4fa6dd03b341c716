/* studio-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-request"

#include "config.h"

#include <string.h>

#include "studio-concat-input-stream.h"
#include "studio-json.h"
#include "studio-request.h"

/* What to send, kept apart from the SoupMessage that sends it: a retry or a
 * redirect builds a fresh message from the same request, and a multipart
 * body is reopened from disk each time rather than buffered.
 */
typedef struct
{
  char   *name;
  char   *value;         /* a plain field, or NULL */
  GFile  *file;          /* a file part read from disk, or NULL */
  GBytes *bytes;         /* a file part held in memory, or NULL */
  char   *filename;
  char   *content_type;
} StudioRequestPart;

struct _StudioRequest
{
  gatomicrefcount  ref_count;
  char            *method;
  char            *path;
  GBytes          *json_body;
  GPtrArray       *parts;

  StudioRequestProgressFunc progress_func;
  gpointer                  progress_data;
  GDestroyNotify            progress_data_destroy;
};

G_DEFINE_BOXED_TYPE (StudioRequest, studio_request, studio_request_ref, studio_request_unref)

static void
studio_request_part_free (StudioRequestPart *part)
{
  g_free (part->name);
  g_free (part->value);
  g_clear_object (&part->file);
  g_clear_pointer (&part->bytes, g_bytes_unref);
  g_free (part->filename);
  g_free (part->content_type);
  g_free (part);
}

/**
 * studio_request_new:
 * @method: an HTTP method
 * @path: a path relative to the base URL, such as "chat/completions"
 *
 * Returns: (transfer full): a new request
 */
StudioRequest *
studio_request_new (const char *method,
                    const char *path)
{
  StudioRequest *self;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (StudioRequest, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->method = g_strdup (method);
  self->path = g_strdup (path[0] == '/' ? path + 1 : path);
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_request_part_free);

  return self;
}

StudioRequest *
studio_request_ref (StudioRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
studio_request_unref (StudioRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->method);
  g_free (self->path);
  g_clear_pointer (&self->json_body, g_bytes_unref);
  g_ptr_array_unref (self->parts);
  if (self->progress_data_destroy != NULL)
    self->progress_data_destroy (self->progress_data);
  g_free (self);
}

/**
 * studio_request_set_progress_func:
 * @self: a request
 * @func: (nullable): called on the main context as the body is sent
 * @user_data: for @func
 * @destroy: (nullable): frees @user_data with the request
 *
 * Lets a large upload, such as audio to transcribe, show how far it got.
 */
void
studio_request_set_progress_func (StudioRequest             *self,
                                  StudioRequestProgressFunc  func,
                                  gpointer                   user_data,
                                  GDestroyNotify             destroy)
{
  g_return_if_fail (self != NULL);

  if (self->progress_data_destroy != NULL)
    self->progress_data_destroy (self->progress_data);

  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_data_destroy = destroy;
}

/**
 * studio_request_report_progress:
 * @self: a request
 * @sent: bytes of the body sent so far, in this attempt
 * @total: bytes in the body
 *
 * For the client that sends the request.
 */
void
studio_request_report_progress (StudioRequest *self,
                                goffset        sent,
                                goffset        total)
{
  g_return_if_fail (self != NULL);

  if (self->progress_func != NULL && total > 0)
    self->progress_func (MIN (sent, total), total, self->progress_data);
}

const char *
studio_request_get_method (StudioRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->method;
}

const char *
studio_request_get_path (StudioRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/**
 * studio_request_set_json_body:
 * @self: a request
 * @body: a JSON node, serialized now
 */
void
studio_request_set_json_body (StudioRequest *self,
                              JsonNode      *body)
{
  char *text;

  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);

  text = studio_json_to_string (body, FALSE);
  g_clear_pointer (&self->json_body, g_bytes_unref);
  self->json_body = g_bytes_new_take (text, strlen (text));
}

/**
 * studio_request_get_json_body:
 * @self: a request
 *
 * Returns: (transfer none) (nullable): the serialized JSON body
 */
GBytes *
studio_request_get_json_body (StudioRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->json_body;
}

static StudioRequestPart *
studio_request_add_part (StudioRequest *self,
                         const char    *name)
{
  StudioRequestPart *part = g_new0 (StudioRequestPart, 1);

  part->name = g_strdup (name);
  g_ptr_array_add (self->parts, part);

  return part;
}

void
studio_request_add_field (StudioRequest *self,
                          const char    *name,
                          const char    *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  studio_request_add_part (self, name)->value = g_strdup (value);
}

/**
 * studio_request_add_file:
 * @self: a request
 * @name: the form field
 * @file: a file, streamed from disk when the request is sent
 * @content_type: its MIME type
 */
void
studio_request_add_file (StudioRequest *self,
                         const char    *name,
                         GFile         *file,
                         const char    *content_type)
{
  StudioRequestPart *part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (file));

  part = studio_request_add_part (self, name);
  part->file = g_object_ref (file);
  part->filename = g_file_get_basename (file);
  part->content_type = g_strdup (content_type ? content_type : "application/octet-stream");
}

void
studio_request_add_bytes (StudioRequest *self,
                          const char    *name,
                          const char    *filename,
                          const char    *content_type,
                          GBytes        *bytes)
{
  StudioRequestPart *part;

  g_return_if_fail (self != NULL);
  g_return_if_fail (bytes != NULL);

  part = studio_request_add_part (self, name);
  part->bytes = g_bytes_ref (bytes);
  part->filename = g_strdup (filename);
  part->content_type = g_strdup (content_type ? content_type : "application/octet-stream");
}

/* Quotes and line breaks would end the header early. */
static char *
escape_quoted (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append (escaped, "%22");
      else if (*p == '\r')
        g_string_append (escaped, "%0D");
      else if (*p == '\n')
        g_string_append (escaped, "%0A");
      else
        g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

static void
append_memory (StudioConcatInputStream *stream,
               GBytes                  *bytes,
               goffset                 *length)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (bytes);

  studio_concat_input_stream_append (stream, memory);
  *length += g_bytes_get_size (bytes);
}

static void
append_string (StudioConcatInputStream *stream,
               GString                 *string,
               goffset                 *length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (string->str, string->len);

  append_memory (stream, bytes, length);
  g_string_truncate (string, 0);
}

static gboolean
studio_request_apply_multipart (StudioRequest  *self,
                                SoupMessage    *message,
                                GError        **error)
{
  g_autoptr(GInputStream) body = studio_concat_input_stream_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *boundary = NULL;
  g_autofree char *content_type = NULL;
  goffset length = 0;

  boundary = g_strdup_printf ("studio-%08x%08x%08x",
                              g_random_int (), g_random_int (), g_random_int ());

  for (guint i = 0; i < self->parts->len; i++)
    {
      StudioRequestPart *part = g_ptr_array_index (self->parts, i);
      g_autofree char *name = escape_quoted (part->name);

      g_string_append_printf (text, "--%s\r\nContent-Disposition: form-data; name=\"%s\"",
                              boundary, name);

      if (part->value != NULL)
        {
          g_string_append_printf (text, "\r\n\r\n%s\r\n", part->value);
          continue;
        }

      {
        g_autofree char *filename = escape_quoted (part->filename ? part->filename : "file");

        g_string_append_printf (text, "; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n",
                                filename, part->content_type);
      }

      append_string (STUDIO_CONCAT_INPUT_STREAM (body), text, &length);

      if (part->bytes != NULL)
        append_memory (STUDIO_CONCAT_INPUT_STREAM (body), part->bytes, &length);
      else
        {
          g_autoptr(GFileInputStream) file_stream = NULL;
          g_autoptr(GFileInfo) info = NULL;

          if (!(file_stream = g_file_read (part->file, NULL, error)) ||
              !(info = g_file_input_stream_query_info (file_stream,
                                                       G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                       NULL, error)))
            return FALSE;

          studio_concat_input_stream_append (STUDIO_CONCAT_INPUT_STREAM (body),
                                             G_INPUT_STREAM (file_stream));
          length += g_file_info_get_size (info);
        }

      g_string_append (text, "\r\n");
    }

  g_string_append_printf (text, "--%s--\r\n", boundary);
  append_string (STUDIO_CONCAT_INPUT_STREAM (body), text, &length);

  content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  soup_message_set_request_body (message, content_type, body, length);

  return TRUE;
}

/**
 * studio_request_apply_body:
 * @self: a request
 * @message: the message about to be sent
 * @error: the place for an error opening a file part
 *
 * Sets the body of @message: the JSON body, or a multipart form whose file
 * parts are streamed from disk.
 */
gboolean
studio_request_apply_body (StudioRequest  *self,
                           SoupMessage    *message,
                           GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), FALSE);

  if (self->json_body != NULL)
    {
      soup_message_set_request_body_from_bytes (message, "application/json", self->json_body);
      return TRUE;
    }

  if (self->parts->len > 0)
    return studio_request_apply_multipart (self, message, error);

  return TRUE;
}
