/* studio-fake-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "studio-fake-server.h"
#include "studio-model-catalog.h"

/* A flood is written a piece at a time, each once the last has gone out. */
#define FLOOD_PIECE_SIZE (1024 * 1024)

typedef enum {
  REPLY_PLAIN,
  REPLY_STREAM,
  REPLY_HANG,
} ReplyKind;

typedef struct
{
  ReplyKind  kind;
  guint      status;
  char      *content_type;
  char      *body;
  gsize      body_length;
  GPtrArray *headers;     /* "Name", "value", … */
  char     **chunks;
  guint      interval_ms;
  StudioFakeStreamEnd end;
  char       flood_byte;
  gsize      flood_length;  /* after the chunks; G_MAXSIZE: until the client goes */
  GBytes    *audio;         /* a binary body, sent in chunk_size pieces */
  gsize      chunk_size;
  gsize      hold_after;    /* bytes of audio sent before waiting for a release */
} Reply;

typedef struct
{
  StudioFakeServer  *server;
  SoupServerMessage *message;
  Reply             *reply;
  guint              next_chunk;
  GSource           *timer;
  GBytes            *flood_piece;
  gsize              flood_left;
  gboolean           finished;
  char              *path;
  gsize              audio_sent;
  gboolean           held;
  gboolean           released;
  gboolean           ending;        /* the last chunk is appended */
  gsize              unwritten;     /* bytes appended, not yet written */
} Streaming;

struct _StudioFakeServer
{
  SoupServer *server;
  char       *base_url;
  guint       port;
  GHashTable *replies;     /* path → GQueue of Reply */
  GPtrArray  *requests;    /* StudioFakeRequest */
  GPtrArray  *pending;     /* Streaming still running, or hung */
};

static void
reply_free (Reply *reply)
{
  g_free (reply->content_type);
  g_free (reply->body);
  g_clear_pointer (&reply->headers, g_ptr_array_unref);
  g_clear_pointer (&reply->audio, g_bytes_unref);
  g_strfreev (reply->chunks);
  g_free (reply);
}

static void
queue_free (GQueue *queue)
{
  g_queue_free_full (queue, (GDestroyNotify) reply_free);
}

static void
request_free (StudioFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  soup_message_headers_unref (request->headers);
  g_bytes_unref (request->body);
  g_free (request);
}

static void
streaming_stop_timer (Streaming *streaming)
{
  if (streaming->timer != NULL)
    g_source_destroy (streaming->timer);
  g_clear_pointer (&streaming->timer, g_source_unref);
}

static void
streaming_free (Streaming *streaming)
{
  streaming_stop_timer (streaming);
  g_signal_handlers_disconnect_by_data (streaming->message, streaming);
  g_clear_pointer (&streaming->flood_piece, g_bytes_unref);
  g_object_unref (streaming->message);
  g_free (streaming->path);
  reply_free (streaming->reply);
  g_free (streaming);
}

/* The client went away, or the answer is all written: nothing more may be
 * added to it.
 */
static void
streaming_finished_cb (SoupServerMessage *message,
                       Streaming         *streaming)
{
  streaming->finished = TRUE;
  streaming_stop_timer (streaming);
}

/* Cuts the connection under the body, once what was appended is out. */
static gboolean
streaming_drop_cb (gpointer user_data)
{
  Streaming *streaming = user_data;
  g_autoptr(GIOStream) stream = NULL;

  if (streaming->finished)
    return G_SOURCE_REMOVE;

  streaming->finished = TRUE;
  stream = soup_server_message_steal_connection (streaming->message);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
streaming_maybe_drop (Streaming *streaming)
{
  if (streaming->ending && streaming->unwritten == 0 &&
      streaming->reply->end == STUDIO_FAKE_STREAM_DROP && !streaming->finished)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();

      g_source_set_callback (idle, streaming_drop_cb, streaming, NULL);
      g_source_attach (idle, g_main_context_get_thread_default ());
    }
}

static void
streaming_append (Streaming  *streaming,
                  const void *data,
                  gsize       size)
{
  SoupMessageBody *body = soup_server_message_get_response_body (streaming->message);

  soup_message_body_append (body, SOUP_MEMORY_COPY, data, size);
  streaming->unwritten += size;
  soup_server_message_unpause (streaming->message);
}

static void
streaming_wrote_body_data_cb (SoupServerMessage *message,
                              guint              size,
                              Streaming         *streaming)
{
  streaming->unwritten -= MIN (size, streaming->unwritten);
  streaming_maybe_drop (streaming);
}

static void
streaming_end (Streaming *streaming)
{
  SoupMessageBody *body = soup_server_message_get_response_body (streaming->message);

  streaming->ending = TRUE;
  if (streaming->reply->end == STUDIO_FAKE_STREAM_DROP)
    {
      streaming_maybe_drop (streaming);
      return;
    }

  if (streaming->reply->end != STUDIO_FAKE_STREAM_HANG)
    {
      soup_message_body_complete (body);
      soup_server_message_unpause (streaming->message);
    }
}

/* Adds the next piece of the flood, or ends the body after the last. */
static void
streaming_flood_next (Streaming *streaming)
{
  SoupMessageBody *body = soup_server_message_get_response_body (streaming->message);
  gsize size = MIN (streaming->flood_left, g_bytes_get_size (streaming->flood_piece));
  g_autoptr(GBytes) piece = g_bytes_new_from_bytes (streaming->flood_piece, 0, size);

  soup_message_body_append_bytes (body, piece);
  if (streaming->flood_left != G_MAXSIZE)
    streaming->flood_left -= size;

  if (streaming->flood_left == 0 && streaming->reply->end != STUDIO_FAKE_STREAM_HANG)
    soup_message_body_complete (body);
}

/* Called once a piece has gone out, while the message writes: the next
 * piece follows at once, so the flood goes as fast as the client reads and
 * no more than a piece waits at a time.
 */
static void
streaming_wrote_chunk_cb (SoupServerMessage *message,
                          Streaming         *streaming)
{
  if (!streaming->finished && streaming->flood_left > 0)
    streaming_flood_next (streaming);
}

static void
streaming_start_flood (Streaming *streaming)
{
  g_autofree char *piece = g_malloc (FLOOD_PIECE_SIZE);

  memset (piece, streaming->reply->flood_byte, FLOOD_PIECE_SIZE);
  streaming->flood_piece = g_bytes_new_take (g_steal_pointer (&piece), FLOOD_PIECE_SIZE);
  streaming->flood_left = streaming->reply->flood_length;

  g_signal_connect (streaming->message, "wrote-chunk", G_CALLBACK (streaming_wrote_chunk_cb),
                    streaming);
  streaming_flood_next (streaming);
  soup_server_message_unpause (streaming->message);
}

static gboolean
streaming_next_cb (gpointer user_data)
{
  Streaming *streaming = user_data;
  Reply *reply = streaming->reply;
  const char *chunk = reply->chunks ? reply->chunks[streaming->next_chunk] : NULL;

  if (reply->audio != NULL && streaming->audio_sent < g_bytes_get_size (reply->audio))
    {
      gsize total = g_bytes_get_size (reply->audio);
      gsize size = MIN (reply->chunk_size, total - streaming->audio_sent);

      if (streaming->audio_sent >= reply->hold_after && !streaming->released)
        {
          streaming->held = TRUE;
          g_clear_pointer (&streaming->timer, g_source_unref);
          return G_SOURCE_REMOVE;
        }

      /* A hold falls exactly where it was asked for. */
      if (!streaming->released && streaming->audio_sent < reply->hold_after)
        size = MIN (size, reply->hold_after - streaming->audio_sent);

      streaming_append (streaming,
                        (const char *) g_bytes_get_data (reply->audio, NULL) + streaming->audio_sent,
                        size);
      streaming->audio_sent += size;
      return G_SOURCE_CONTINUE;
    }

  if (chunk != NULL)
    {
      streaming_append (streaming, chunk, strlen (chunk));
      streaming->next_chunk++;
      return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&streaming->timer, g_source_unref);

  if (streaming->reply->flood_length > 0)
    streaming_start_flood (streaming);
  else
    streaming_end (streaming);

  return G_SOURCE_REMOVE;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  StudioFakeServer *self = user_data;
  StudioFakeRequest *request = g_new0 (StudioFakeRequest, 1);
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) flattened = soup_message_body_flatten (request_body);
  GQueue *queue = g_hash_table_lookup (self->replies, path);
  Reply *reply = queue ? g_queue_pop_head (queue) : NULL;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (message),
                                copy_header, request->headers);
  request->body = g_bytes_ref (flattened);
  g_ptr_array_add (self->requests, request);

  if (reply == NULL)
    {
      g_autofree char *text = NULL;

      /* Unscripted model lists get the recorded fixture; anything else a 404
       * in OpenAI's own format.
       */
      if (g_str_has_suffix (path, "/models") && (text = studio_fake_read_test_file ("models.json")))
        soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                          text, strlen (text));
      else
        {
          const char *body = "{\"error\":{\"message\":\"Unknown path\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"unknown_url\"}}";

          soup_server_message_set_status (message, 404, NULL);
          soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                            body, strlen (body));
          return;
        }

      soup_server_message_set_status (message, 200, NULL);
      return;
    }

  for (guint i = 0; reply->headers && i + 1 < reply->headers->len; i += 2)
    soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                  g_ptr_array_index (reply->headers, i),
                                  g_ptr_array_index (reply->headers, i + 1));

  if (reply->kind == REPLY_PLAIN)
    {
      soup_server_message_set_status (message, reply->status, NULL);
      if (reply->body != NULL)
        soup_server_message_set_response (message, reply->content_type, SOUP_MEMORY_COPY,
                                          reply->body, reply->body_length);
      reply_free (reply);
      return;
    }

  {
    Streaming *streaming = g_new0 (Streaming, 1);

    streaming->server = self;
    streaming->message = g_object_ref (message);
    streaming->reply = reply;
    streaming->path = g_strdup (path);
    g_ptr_array_add (self->pending, streaming);
    g_signal_connect (message, "finished", G_CALLBACK (streaming_finished_cb), streaming);
    g_signal_connect (message, "wrote-body-data", G_CALLBACK (streaming_wrote_body_data_cb),
                      streaming);
    soup_server_message_pause (message);

    if (reply->kind == REPLY_STREAM)
      {
        /* A flood's pieces are dropped once written, rather than all kept
         * for a body nobody reads; it has to be so from the first chunk.
         */
        if (reply->flood_length > 0)
          soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);

        soup_server_message_set_status (message, 200, NULL);
        /* With no length and no chunks, only closing the connection can
         * end the body.
         */
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (message),
                                           reply->end == STUDIO_FAKE_STREAM_CLOSE
                                             ? SOUP_ENCODING_EOF : SOUP_ENCODING_CHUNKED);
        /* A drop: the body promises more than it brings before the
         * connection goes, which no client can take for a whole answer.
         */
        if (reply->end == STUDIO_FAKE_STREAM_DROP)
          soup_message_headers_set_content_length (soup_server_message_get_response_headers (message),
                                                   G_MAXINT32);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (message),
                                               reply->content_type ? reply->content_type
                                                                   : "text/event-stream",
                                               NULL);
        {
          /* The server's own context: a benchmark runs it in a thread. */
          streaming->timer = g_timeout_source_new (reply->interval_ms);
          g_source_set_callback (streaming->timer, streaming_next_cb, streaming, NULL);
          g_source_attach (streaming->timer, g_main_context_get_thread_default ());
        }
      }
  }
}

/**
 * studio_fake_server_new:
 * @address: (nullable): a loopback address, "127.0.0.1" by default
 */
StudioFakeServer *
studio_fake_server_new (const char *address)
{
  StudioFakeServer *self = g_new0 (StudioFakeServer, 1);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address ? address : "127.0.0.1");
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, 0);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  self->server = soup_server_new (NULL, NULL);
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) queue_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) streaming_free);

  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  soup_server_listen (self->server, socket_address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  self->base_url = g_strdup_printf ("http://%s:%u/v1", address ? address : "127.0.0.1", self->port);

  return self;
}

void
studio_fake_server_free (StudioFakeServer *self)
{
  soup_server_disconnect (self->server);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_hash_table_unref (self->replies);
  g_ptr_array_unref (self->requests);
  g_free (self->base_url);
  g_free (self);
}

const char *
studio_fake_server_get_base_url (StudioFakeServer *self)
{
  return self->base_url;
}

guint
studio_fake_server_get_port (StudioFakeServer *self)
{
  return self->port;
}

static void
studio_fake_server_enqueue (StudioFakeServer *self,
                            const char       *path,
                            Reply            *reply)
{
  GQueue *queue = g_hash_table_lookup (self->replies, path);

  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (self->replies, g_strdup (path), queue);
    }

  g_queue_push_tail (queue, reply);
}

static void
studio_fake_server_push_valist (StudioFakeServer *self,
                                const char       *path,
                                guint             status,
                                const char       *content_type,
                                const char       *body,
                                va_list           args)
{
  Reply *reply = g_new0 (Reply, 1);
  const char *name;

  reply->kind = REPLY_PLAIN;
  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = g_strdup (body);
  reply->body_length = body ? strlen (body) : 0;
  reply->headers = g_ptr_array_new_with_free_func (g_free);

  while ((name = va_arg (args, const char *)))
    {
      g_ptr_array_add (reply->headers, g_strdup (name));
      g_ptr_array_add (reply->headers, g_strdup (va_arg (args, const char *)));
    }

  studio_fake_server_enqueue (self, path, reply);
}

/**
 * studio_fake_server_push:
 * @self: a server
 * @path: the request path, such as "/v1/models"
 * @status: the HTTP status
 * @content_type: the body's type
 * @body: (nullable): the body
 * @...: header names and values, then %NULL
 *
 * Queues the answer to the next request for @path.
 */
void
studio_fake_server_push (StudioFakeServer *self,
                         const char       *path,
                         guint             status,
                         const char       *content_type,
                         const char       *body,
                         ...)
{
  va_list args;

  va_start (args, body);
  studio_fake_server_push_valist (self, path, status, content_type, body, args);
  va_end (args);
}

/**
 * studio_fake_result_cb:
 * @user_data: a `GAsyncResult *` set to %NULL, which gets a reference to
 *   the result
 *
 * A callback for any `_async` call whose result a test waits for with
 * studio_fake_wait_result().
 */
void
studio_fake_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * studio_fake_wait_result:
 * @slot: the place studio_fake_result_cb() fills
 *
 * Returns: (transfer none): the result, once it came
 */
GAsyncResult *
studio_fake_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/**
 * studio_fake_server_push_bytes:
 * @self: a server
 * @path: the request path
 * @status: the HTTP status
 * @content_type: the body's type
 * @body: the body, which may hold any byte (an image)
 *
 * Queues the answer to the next request for @path.
 */
void
studio_fake_server_push_bytes (StudioFakeServer *self,
                               const char       *path,
                               guint             status,
                               const char       *content_type,
                               GBytes           *body)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->kind = REPLY_PLAIN;
  reply->status = status;
  reply->content_type = g_strdup (content_type);
  reply->body = g_memdup2 (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  reply->body_length = g_bytes_get_size (body);
  reply->headers = g_ptr_array_new_with_free_func (g_free);

  studio_fake_server_enqueue (self, path, reply);
}

/**
 * studio_fake_server_push_repeated:
 * @self: a server
 * @path: the request path
 * @times: how many requests get this answer
 * @status: the HTTP status
 * @content_type: the body's type
 * @body: (nullable): the body
 * @...: header names and values, then %NULL
 *
 * Queues the same answer for the next @times requests for @path, as a
 * server that keeps failing answers every retry.
 */
void
studio_fake_server_push_repeated (StudioFakeServer *self,
                                  const char       *path,
                                  guint             times,
                                  guint             status,
                                  const char       *content_type,
                                  const char       *body,
                                  ...)
{
  for (guint i = 0; i < times; i++)
    {
      va_list args;

      va_start (args, body);
      studio_fake_server_push_valist (self, path, status, content_type, body, args);
      va_end (args);
    }
}

/**
 * studio_fake_server_push_stream_full:
 * @chunks: the pieces of the body, sent one per @interval_ms
 * @end: what happens after the last chunk
 */
void
studio_fake_server_push_stream_full (StudioFakeServer    *self,
                                     const char          *path,
                                     const char *const   *chunks,
                                     guint                interval_ms,
                                     StudioFakeStreamEnd  end)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->kind = REPLY_STREAM;
  reply->chunks = g_strdupv ((char **) chunks);
  reply->interval_ms = interval_ms;
  reply->end = end;

  studio_fake_server_enqueue (self, path, reply);
}

/**
 * studio_fake_server_push_stream_flood:
 * @self: a server
 * @path: the request path
 * @chunks: the pieces of the body sent first, one a millisecond
 * @filler: the byte the body goes on with
 * @length: how many of them, or %G_MAXSIZE for as many as the client reads
 * @end: what happens after them
 *
 * A stream that goes on with @length bytes of @filler and no line break,
 * as a broken server that never ends a line. They are written as fast as
 * the client reads them, a megabyte at a time, and only that megabyte is
 * ever held, so a test can send more than it could keep.
 */
void
studio_fake_server_push_stream_flood (StudioFakeServer    *self,
                                      const char          *path,
                                      const char *const   *chunks,
                                      char                 filler,
                                      gsize                length,
                                      StudioFakeStreamEnd  end)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->kind = REPLY_STREAM;
  reply->chunks = g_strdupv ((char **) chunks);
  reply->interval_ms = 1;
  reply->end = end;
  reply->flood_byte = filler;
  reply->flood_length = length;

  studio_fake_server_enqueue (self, path, reply);
}

/**
 * studio_fake_server_push_stream:
 * @chunks: the pieces of the body, sent one per @interval_ms
 * @hang_at_end: keep the connection open, silent, after the last chunk
 */
void
studio_fake_server_push_stream (StudioFakeServer  *self,
                                const char        *path,
                                const char *const *chunks,
                                guint              interval_ms,
                                gboolean           hang_at_end)
{
  studio_fake_server_push_stream_full (self, path, chunks, interval_ms,
                                       hang_at_end ? STUDIO_FAKE_STREAM_HANG
                                                   : STUDIO_FAKE_STREAM_COMPLETE);
}

/* The next request for @path is read and never answered. */
void
studio_fake_server_push_hang (StudioFakeServer *self,
                              const char       *path)
{
  Reply *reply = g_new0 (Reply, 1);

  reply->kind = REPLY_HANG;
  studio_fake_server_enqueue (self, path, reply);
}

guint
studio_fake_server_count (StudioFakeServer *self,
                          const char       *path)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      StudioFakeRequest *request = g_ptr_array_index (self->requests, i);

      if (path == NULL || g_str_equal (request->path, path))
        count++;
    }

  return count;
}

StudioFakeRequest *
studio_fake_server_last (StudioFakeServer *self,
                         const char       *path)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      StudioFakeRequest *request = g_ptr_array_index (self->requests, i - 1);

      if (path == NULL || g_str_equal (request->path, path))
        return request;
    }

  return NULL;
}

char *
studio_fake_read_test_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

/* Spins the main context until the server has received @count requests for
 * @path (or for any path, if it is %NULL), so that a test can act once a
 * request is surely under way rather than after a guessed delay.
 */
void
studio_fake_server_wait_for (StudioFakeServer *self,
                             const char       *path,
                             guint             count)
{
  while (studio_fake_server_count (self, path) < count)
    g_main_context_iteration (NULL, TRUE);
}

/* Spins the main context until *flag is set. The meson timeout catches a
 * flag that never comes.
 */
void
studio_fake_wait_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  gboolean  done;
  JsonNode *node;
  GError   *error;
} JsonResult;

static void
request_json_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JsonResult *json = user_data;

  json->node = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &json->error);
  json->done = TRUE;
}

/* Sends @request with @client and waits for its JSON answer. */
JsonNode *
studio_fake_request_json (StudioClient   *client,
                          StudioRequest  *request,
                          GError        **error)
{
  JsonResult json = { 0 };

  studio_client_request_json_async (client, request, NULL, request_json_cb, &json);
  studio_fake_wait_until (&json.done);
  if (json.error != NULL)
    g_propagate_error (error, json.error);

  return json.node;
}

/* A model of @id, sorted into its family by the built-in rules. */
StudioModel *
studio_fake_model_new (const char *id)
{
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autoptr(StudioModelCatalog) catalog = studio_model_catalog_new (client);
  g_autoptr(JsonObject) entry = json_object_new ();

  json_object_set_string_member (entry, "id", id);
  return studio_model_catalog_classify (catalog, entry);
}

/* Asserts that @object is finalized once the work it started is over: an
 * async call holds its source object until it is done, and a worker thread
 * may let go of it just after the callback ran. Waits for the caller's
 * reference to be the last one (the meson timeout catches a leak), then
 * drops it and checks that the object is gone.
 */
void
studio_fake_assert_finalize_later (gpointer object)
{
  g_assert_true (G_IS_OBJECT (object));

  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1)
    {
      /* A thread's reference goes without waking the main context. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_thread_yield ();
    }

  g_assert_finalize_object (object);
}

/* The history's schemas as earlier versions of the app wrote them, for
 * the migration tests: 1, the tables; 2, the messages' FTS5 index.
 */
#define HISTORY_SCHEMA_1 \
  "CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT ''," \
  "  model TEXT, system_prompt TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}'," \
  "  created INTEGER NOT NULL, updated INTEGER NOT NULL);" \
  "CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL" \
  "  REFERENCES conversations (id) ON DELETE CASCADE, role TEXT NOT NULL," \
  "  content TEXT NOT NULL DEFAULT '', state INTEGER NOT NULL DEFAULT 0," \
  "  extra TEXT NOT NULL DEFAULT '{}', created INTEGER NOT NULL, updated INTEGER NOT NULL);" \
  "CREATE INDEX messages_by_conversation ON messages (conversation_id, id);" \
  "CREATE TABLE attachments (id INTEGER PRIMARY KEY, message_id INTEGER NOT NULL" \
  "  REFERENCES messages (id) ON DELETE CASCADE, kind TEXT NOT NULL, name TEXT, mime_type TEXT," \
  "  detail TEXT, data BLOB, text TEXT);" \
  "CREATE INDEX attachments_by_message ON attachments (message_id);"

#define HISTORY_SCHEMA_2 HISTORY_SCHEMA_1 \
  "CREATE VIRTUAL TABLE messages_fts USING fts5 (content, content='messages'," \
  "  content_rowid='id', tokenize='unicode61 remove_diacritics 2');" \
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN" \
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content); END;" \
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN" \
  "  INSERT INTO messages_fts (messages_fts, rowid, content)" \
  "  VALUES ('delete', old.id, old.content); END;" \
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN" \
  "  INSERT INTO messages_fts (messages_fts, rowid, content)" \
  "  VALUES ('delete', old.id, old.content);" \
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content); END;"

/**
 * studio_fake_write_old_history:
 * @path: the database file to make
 * @version: the schema, 1 or 2
 * @rows: SQL that fills it, as the app of that version would have
 *
 * Builds, by hand, a history file as an earlier version of the app left it.
 */
void
studio_fake_write_old_history (const char *path,
                               int         version,
                               const char *rows)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", version);
  sqlite3 *db;

  g_assert_true (version == 1 || version == 2);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, version == 1 ? HISTORY_SCHEMA_1 : HISTORY_SCHEMA_2,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, rows, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/**
 * studio_fake_remove_tree:
 * @path: a temporary file or folder a test made
 *
 * Removes it and all it holds, read-only folders included.
 */
void
studio_fake_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          studio_fake_remove_tree (child);
        }
      g_clear_pointer (&dir, g_dir_close);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/**
 * studio_fake_kill_child:
 * @argv: a child that prints a number on a line after each step of work
 * @n_lines: how many lines to let it print
 * @mid_step: whether to wait part of a step (as long as one took) before
 *   the kill, so that it most likely falls in the middle of the next one
 *
 * Runs the child, then kills it with SIGKILL, without warning, as a crash
 * or the OOM killer would. For the crash-safety tests.
 *
 * Returns: the last number it printed
 */
guint64
studio_fake_kill_child (const char *const *argv,
                        guint              n_lines,
                        gboolean           mid_step)
{
  g_autoptr(GError) error = NULL;
  gint64 last = 0, interval = 0;
  guint64 number = 0;
  char line[64];
  int out_fd;
  FILE *out;
  GPid pid;
  int status;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");

  for (guint i = 0; i < n_lines && fgets (line, sizeof line, out); i++)
    {
      gint64 now = g_get_monotonic_time ();

      number = g_ascii_strtoull (line, NULL, 10);
      if (i > 0)
        interval = now - last;
      last = now;
    }
  if (mid_step)
    g_usleep (g_random_int_range (0, MAX (interval, 2) / 2));

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  fclose (out);
  g_assert_true (WIFSIGNALED (status));

  return number;
}

/* A session bus that takes connections and then says nothing, not even
 * the D-Bus handshake: a keyring that hangs.
 */
struct _StudioSilentBus
{
  GSocketService *service;
  GPtrArray      *held;
  char           *dir;
  char           *path;
};

static gboolean
silent_bus_incoming_cb (GSocketService    *service,
                        GSocketConnection *connection,
                        GObject           *source_object,
                        StudioSilentBus   *self)
{
  g_ptr_array_add (self->held, g_object_ref (connection));
  return TRUE;
}

/* Points DBUS_SESSION_BUS_ADDRESS at it: for a test's subprocess, before
 * anything connects to the session bus.
 */
StudioSilentBus *
studio_silent_bus_new (void)
{
  StudioSilentBus *self = g_new0 (StudioSilentBus, 1);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *bus_address = NULL;
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("studio-bus-XXXXXX", &error);
  g_assert_no_error (error);
  self->path = g_build_filename (self->dir, "bus", NULL);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->service = g_socket_service_new ();
  address = g_unix_socket_address_new (self->path);
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                 NULL, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (silent_bus_incoming_cb), self);

  bus_address = g_strdup_printf ("unix:path=%s", self->path);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);

  return self;
}

guint
studio_silent_bus_get_n_connections (StudioSilentBus *self)
{
  return self->held->len;
}

void
studio_silent_bus_free (StudioSilentBus *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_unlink (self->path);
  g_rmdir (self->dir);
  g_free (self->path);
  g_free (self->dir);
  g_free (self);
}

/* Multipart forms, as a test reads the one a request sent. */

/**
 * studio_fake_request_get_form:
 *
 * Returns: (transfer full): the request's multipart/form-data body, parsed
 *   by libsoup; the test fails if it is not one
 */
SoupMultipart *
studio_fake_request_get_form (StudioFakeRequest *request)
{
  SoupMultipart *form;

  g_assert_nonnull (request);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (request->headers, NULL),
                                   "multipart/form-data"));
  form = soup_multipart_new_from_message (request->headers, request->body);
  g_assert_nonnull (form);

  return form;
}

/* The name of part @i, and whether it is a file (has a filename). */
static const char *
form_part_name (SoupMultipart       *form,
                int                  i,
                GHashTable         **params,
                SoupMessageHeaders **headers,
                GBytes             **body)
{
  g_autofree char *disposition = NULL;

  g_assert_true (soup_multipart_get_part (form, i, headers, body));
  g_assert_true (soup_message_headers_get_content_disposition (*headers, &disposition, params));
  g_assert_cmpstr (disposition, ==, "form-data");

  return g_hash_table_lookup (*params, "name");
}

/* How many parts are named @name. */
guint
studio_fake_form_count (SoupMultipart *form,
                        const char    *name)
{
  guint count = 0;

  for (int i = 0; i < soup_multipart_get_length (form); i++)
    {
      g_autoptr(GHashTable) params = NULL;
      SoupMessageHeaders *headers;
      GBytes *body;

      count += g_strcmp0 (form_part_name (form, i, &params, &headers, &body), name) == 0;
    }

  return count;
}

/* The body of the @nth part named @name, which must be a file part, or NULL
 * if there is none.
 */
GBytes *
studio_fake_form_get_file (SoupMultipart  *form,
                           const char     *name,
                           guint           nth,
                           char          **filename,
                           char          **content_type)
{
  for (int i = 0; i < soup_multipart_get_length (form); i++)
    {
      g_autoptr(GHashTable) params = NULL;
      SoupMessageHeaders *headers;
      GBytes *body;

      if (g_strcmp0 (form_part_name (form, i, &params, &headers, &body), name) != 0 ||
          nth-- > 0)
        continue;

      g_assert_nonnull (g_hash_table_lookup (params, "filename"));
      if (filename != NULL)
        *filename = g_strdup (g_hash_table_lookup (params, "filename"));
      if (content_type != NULL)
        *content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

      return g_bytes_ref (body);
    }

  return NULL;
}

/* The text of the one plain field named @name, or NULL if there is none.
 * The test fails if there are several, or the part is a file.
 */
char *
studio_fake_form_get_field (SoupMultipart *form,
                            const char    *name)
{
  char *text = NULL;

  for (int i = 0; i < soup_multipart_get_length (form); i++)
    {
      g_autoptr(GHashTable) params = NULL;
      SoupMessageHeaders *headers;
      GBytes *body;

      if (g_strcmp0 (form_part_name (form, i, &params, &headers, &body), name) != 0)
        continue;

      g_assert_null (text);
      g_assert_null (g_hash_table_lookup (params, "filename"));
      g_assert_null (memchr (g_bytes_get_data (body, NULL), '\0', g_bytes_get_size (body)));
      text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }

  return text;
}

/* The names of every part, in order, for a test that checks nothing else
 * was sent.
 */
GStrv
studio_fake_form_list_names (SoupMultipart *form)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (int i = 0; i < soup_multipart_get_length (form); i++)
    {
      g_autoptr(GHashTable) params = NULL;
      SoupMessageHeaders *headers;
      GBytes *body;

      g_strv_builder_add (builder, form_part_name (form, i, &params, &headers, &body));
    }

  return g_strv_builder_end (builder);
}

/**
 * studio_fake_server_push_audio:
 * @self: a server
 * @path: the request path
 * @content_type: the answer's type, such as "audio/mpeg"
 * @body: the whole binary body
 * @chunk_size: how many bytes go in each chunk
 * @interval_ms: the time between two chunks
 * @hold_after: after this many bytes, the answer waits for
 *   studio_fake_server_release(); %G_MAXSIZE for never
 * @end: what happens after the last byte
 *
 * A binary answer sent a chunk at a time, as the speech service streams
 * audio, which can stop part way until the test lets it go on.
 */
void
studio_fake_server_push_audio (StudioFakeServer    *self,
                               const char          *path,
                               const char          *content_type,
                               GBytes              *body,
                               gsize                chunk_size,
                               guint                interval_ms,
                               gsize                hold_after,
                               StudioFakeStreamEnd  end)
{
  Reply *reply = g_new0 (Reply, 1);

  g_return_if_fail (body != NULL);
  g_return_if_fail (chunk_size > 0);

  reply->kind = REPLY_STREAM;
  reply->content_type = g_strdup (content_type);
  reply->audio = g_bytes_ref (body);
  reply->chunk_size = chunk_size;
  reply->interval_ms = interval_ms;
  reply->hold_after = hold_after;
  reply->end = end;

  studio_fake_server_enqueue (self, path, reply);
}

/**
 * studio_fake_server_release:
 * @self: a server
 * @path: the request path
 *
 * Lets the held answers for @path go on to their end.
 */
void
studio_fake_server_release (StudioFakeServer *self,
                            const char       *path)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Streaming *streaming = g_ptr_array_index (self->pending, i);

      if (g_strcmp0 (streaming->path, path) != 0 || streaming->finished)
        continue;

      streaming->released = TRUE;
      if (streaming->held)
        {
          streaming->held = FALSE;
          streaming->timer = g_timeout_source_new (streaming->reply->interval_ms);
          g_source_set_callback (streaming->timer, streaming_next_cb, streaming, NULL);
          g_source_attach (streaming->timer, g_main_context_get_thread_default ());
        }
    }
}

/**
 * studio_fake_server_get_held:
 * @self: a server
 * @path: the request path
 *
 * Returns: whether an answer for @path is waiting for a release now
 */
gboolean
studio_fake_server_get_held (StudioFakeServer *self,
                             const char       *path)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Streaming *streaming = g_ptr_array_index (self->pending, i);

      if (g_strcmp0 (streaming->path, path) == 0 && streaming->held)
        return TRUE;
    }

  return FALSE;
}

/**
 * studio_fake_read_test_bytes:
 * @name: a file under tests/data, such as "speech/a.mp3"
 *
 * Returns: (transfer full): its bytes
 */
GBytes *
studio_fake_read_test_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read the fixture %s: %s", name, error->message);

  return g_bytes_new_take (contents, length);
}

/**
 * studio_fake_speech_sse_chunks:
 * @audio: the audio the events carry
 * @chunk_size: how many bytes of it go in each `speech.audio.delta`
 * @with_done: whether `speech.audio.done` ends them
 *
 * Returns: (transfer full): the events, one chunk each, for
 *   studio_fake_server_push_stream_full()
 */
GStrv
studio_fake_speech_sse_chunks (GBytes   *audio,
                               gsize     chunk_size,
                               gboolean  with_done)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gsize size;
  const guint8 *data = g_bytes_get_data (audio, &size);

  for (gsize offset = 0; offset < size; offset += chunk_size)
    {
      g_autofree char *base64 = g_base64_encode (data + offset, MIN (chunk_size, size - offset));
      g_autofree char *event = g_strdup_printf ("event: speech.audio.delta\n"
                                                "data: {\"type\":\"speech.audio.delta\",\"audio\":\"%s\"}\n\n",
                                                base64);

      g_strv_builder_add (builder, event);
    }

  if (with_done)
    g_strv_builder_add (builder,
                        "event: speech.audio.done\n"
                        "data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":12,"
                        "\"output_tokens\":340,\"total_tokens\":352}}\n\n");

  return g_strv_builder_end (builder);
}
