/* studio-concat-input-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-concat-input-stream"

#include "config.h"

#include "studio-concat-input-stream.h"

/* Reads a list of streams one after the other. Multipart uploads use it to
 * send a file straight from disk between the in-memory part headers, so a
 * large audio file is never held in memory. GInputStream runs the blocking
 * read in a worker thread for async callers, which suits file streams.
 */
struct _StudioConcatInputStream
{
  GInputStream  parent_instance;

  /* Owned references */
  GPtrArray    *streams;

  guint         current;
};

G_DEFINE_FINAL_TYPE (StudioConcatInputStream, studio_concat_input_stream, G_TYPE_INPUT_STREAM)

static gssize
studio_concat_input_stream_read (GInputStream  *stream,
                                 void          *buffer,
                                 gsize          count,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  StudioConcatInputStream *self = STUDIO_CONCAT_INPUT_STREAM (stream);

  while (self->current < self->streams->len)
    {
      GInputStream *part = g_ptr_array_index (self->streams, self->current);
      gssize n_read = g_input_stream_read (part, buffer, count, cancellable, error);

      if (n_read != 0)
        return n_read;

      self->current++;
    }

  return 0;
}

static gboolean
studio_concat_input_stream_close (GInputStream  *stream,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  StudioConcatInputStream *self = STUDIO_CONCAT_INPUT_STREAM (stream);
  gboolean ret = TRUE;

  for (guint i = 0; i < self->streams->len; i++)
    {
      GInputStream *part = g_ptr_array_index (self->streams, i);

      if (!g_input_stream_close (part, cancellable, ret ? error : NULL))
        ret = FALSE;
    }

  return ret;
}

static void
studio_concat_input_stream_finalize (GObject *object)
{
  StudioConcatInputStream *self = STUDIO_CONCAT_INPUT_STREAM (object);

  g_clear_pointer (&self->streams, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_concat_input_stream_parent_class)->finalize (object);
}

static void
studio_concat_input_stream_class_init (StudioConcatInputStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = studio_concat_input_stream_finalize;

  stream_class->read_fn = studio_concat_input_stream_read;
  stream_class->close_fn = studio_concat_input_stream_close;
}

static void
studio_concat_input_stream_init (StudioConcatInputStream *self)
{
  self->streams = g_ptr_array_new_with_free_func (g_object_unref);
}

GInputStream *
studio_concat_input_stream_new (void)
{
  return g_object_new (STUDIO_TYPE_CONCAT_INPUT_STREAM, NULL);
}

/**
 * studio_concat_input_stream_append:
 * @self: a concatenating stream
 * @stream: the stream to read after the ones already added
 */
void
studio_concat_input_stream_append (StudioConcatInputStream *self,
                                   GInputStream            *stream)
{
  g_return_if_fail (STUDIO_IS_CONCAT_INPUT_STREAM (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  g_ptr_array_add (self->streams, g_object_ref (stream));
}
