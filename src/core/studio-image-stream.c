/* studio-image-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-stream"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-image-stream.h"
#include "studio-json.h"
#include "studio-utils.h"

/* The images one image request answers with, streamed or not. Streamed,
 * the events are applied in order: each `*.partial_image` replaces the
 * partial image shown so far (one with an index below the last one's is
 * stale and passed over), and each `*.completed` adds a final image and
 * drops the partial one. Image streams end without `[DONE]`, so a stream
 * that ends once every image asked for has come is whole; one that ends
 * before keeps the partial image, marked partial, with the error. Not
 * streamed, the `ImagesResponse` is read into the same list.
 *
 * The base64 text is decoded straight from the parsed JSON string into
 * the image's own buffer, so an image is never held more than twice (the
 * text and the bytes), and the text goes with the event. Text that is not
 * base64, or is cut short, or decodes to something that is not a whole
 * PNG, JPEG or WebP image, is refused with a message saying which.
 */
struct _StudioImageStream
{
  GObject            parent_instance;

  /* Owned references */
  StudioClient      *client;
  GListStore        *images;
  StudioImageResult *partial;
  GError            *event_error;   /* the first event that could not be read */

  StudioImageUsage   usage;
  guint              n_images;
  guint              n_failed;      /* completed events that could not be read */
  guint              received : 1;
};

enum {
  PARTIAL_IMAGE,
  IMAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioImageStream, studio_image_stream, G_TYPE_OBJECT)

static GError *
malformed (const char *message)
{
  return studio_api_error_new (STUDIO_API_ERROR_MALFORMED, message);
}

static gboolean
is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/';
}

/* Whether the decoded bytes are a whole image of a format the API sends:
 * a PNG ends with its IEND chunk, a JPEG with its end marker, and a WebP
 * is as long as its RIFF header says.
 */
static gboolean
is_whole_image (const guint8  *data,
                gsize          length,
                GError       **error)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  gboolean whole;

  if (length >= sizeof png + sizeof iend && memcmp (data, png, sizeof png) == 0)
    whole = memcmp (data + length - sizeof iend, iend, sizeof iend) == 0;
  else if (length >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    whole = data[length - 2] == 0xff && data[length - 1] == 0xd9;
  else if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    whole = (guint64) (data[4] | data[5] << 8 | data[6] << 16 | (guint32) data[7] << 24) + 8
            <= length;
  else
    {
      g_propagate_error (error, malformed (_("The server sent an image in a format that is not "
                                             "PNG, JPEG or WebP.")));
      return FALSE;
    }

  if (!whole)
    g_propagate_error (error, malformed (_("The server sent an image that is cut short.")));

  return whole;
}

/**
 * studio_image_decode_base64:
 * @text: (array length=length): the `b64_json` text
 * @length: its length in bytes
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Decodes an image sent as base64, checking that the text is base64
 * (line breaks aside) and whole, and that it is a whole image.
 *
 * Returns: (transfer full) (nullable): the image's bytes
 */
GBytes *
studio_image_decode_base64 (const char  *text,
                            gsize        length,
                            GError     **error)
{
  g_autofree guint8 *buffer = NULL;
  gsize significant = 0;
  gsize padding = 0;
  gsize written;
  int state = 0;
  guint save = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '\n' || c == '\r')
        continue;

      if (c == '=' && padding < 2)
        padding++;
      else if (padding > 0 || !is_base64_char (c))
        {
          g_propagate_error (error, malformed (_("The server sent an image that is not valid "
                                                 "base64.")));
          return NULL;
        }

      significant++;
    }

  if (significant == 0 || significant % 4 != 0)
    {
      g_propagate_error (error, malformed (significant == 0
                                           ? _("The server sent an empty image.")
                                           : _("The server sent an image that is cut short.")));
      return NULL;
    }

  buffer = g_malloc (length / 4 * 3 + 3);
  written = g_base64_decode_step (text, length, buffer, &state, &save);

  if (!is_whole_image (buffer, written, error))
    return NULL;

  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), MAX (written, 1)), written);
}

static void
studio_image_stream_dispose (GObject *object)
{
  StudioImageStream *self = (StudioImageStream *) object;

  g_clear_object (&self->client);
  g_clear_object (&self->images);
  g_clear_object (&self->partial);

  G_OBJECT_CLASS (studio_image_stream_parent_class)->dispose (object);
}

static void
studio_image_stream_finalize (GObject *object)
{
  StudioImageStream *self = (StudioImageStream *) object;

  g_clear_error (&self->event_error);

  G_OBJECT_CLASS (studio_image_stream_parent_class)->finalize (object);
}

static void
studio_image_stream_class_init (StudioImageStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_image_stream_dispose;
  object_class->finalize = studio_image_stream_finalize;

  /**
   * StudioImageStream::partial-image:
   * @result: the partial image, which replaces the one before
   */
  signals[PARTIAL_IMAGE] =
    g_signal_new ("partial-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RESULT);

  /**
   * StudioImageStream::image:
   * @result: a final image, just added to the list
   */
  signals[IMAGE] =
    g_signal_new ("image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RESULT);
}

static void
studio_image_stream_init (StudioImageStream *self)
{
  self->images = g_list_store_new (STUDIO_TYPE_IMAGE_RESULT);
  studio_image_usage_clear (&self->usage);
}

/**
 * studio_image_stream_new:
 * @client: (nullable): the client to send with; %NULL when only events or
 *   responses are applied by hand
 * @n_images: how many images the request asks for
 *   (studio_image_request_get_n())
 *
 * Returns: (transfer full): a new stream
 */
StudioImageStream *
studio_image_stream_new (StudioClient *client,
                         guint         n_images)
{
  StudioImageStream *self;

  g_return_val_if_fail (client == NULL || STUDIO_IS_CLIENT (client), NULL);

  self = g_object_new (STUDIO_TYPE_IMAGE_STREAM, NULL);
  g_set_object (&self->client, client);
  self->n_images = MAX (n_images, 1);

  return self;
}

/**
 * studio_image_stream_get_images:
 *
 * Returns: (transfer none): the final images, as #StudioImageResult, in
 *   the order they came
 */
GListModel *
studio_image_stream_get_images (StudioImageStream *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_STREAM (self), NULL);

  return G_LIST_MODEL (self->images);
}

/**
 * studio_image_stream_get_partial:
 *
 * Returns: (transfer none) (nullable): the last partial image that no
 *   final image has replaced yet
 */
StudioImageResult *
studio_image_stream_get_partial (StudioImageStream *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_STREAM (self), NULL);

  return self->partial;
}

/**
 * studio_image_stream_get_usage:
 *
 * Returns: what the request used: the response's usage, or the sum of
 *   the completed events'; counts no one sent are -1
 */
const StudioImageUsage *
studio_image_stream_get_usage (StudioImageStream *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_STREAM (self), NULL);

  return &self->usage;
}

static StudioImageResult *
result_from_b64 (JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *node = json_object_get_member (object, "b64_json");
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_propagate_error (error, malformed (_("The server sent an image event without an "
                                             "image.")));
      return NULL;
    }

  text = json_node_get_string (node);
  if (!(bytes = studio_image_decode_base64 (text, strlen (text), error)))
    return NULL;

  return studio_image_result_new (bytes, NULL);
}

/**
 * studio_image_stream_apply_event:
 * @self: a stream
 * @event: one event of an image stream (`ImageGenStreamEvent` or
 *   `ImageEditStreamEvent`)
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Applies one event. Events of other types are passed over.
 *
 * Returns: whether the event could be read; on error nothing changed
 */
gboolean
studio_image_stream_apply_event (StudioImageStream  *self,
                                 JsonObject         *event,
                                 GError            **error)
{
  g_autoptr(StudioImageResult) result = NULL;
  const char *type;
  const char *kind;

  g_return_val_if_fail (STUDIO_IS_IMAGE_STREAM (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  type = studio_json_get_string (event, "type");
  if (g_str_has_prefix (type ? type : "", "image_generation."))
    kind = type + strlen ("image_generation.");
  else if (g_str_has_prefix (type ? type : "", "image_edit."))
    kind = type + strlen ("image_edit.");
  else
    kind = NULL;

  if (kind == NULL || (!g_str_equal (kind, "partial_image") && !g_str_equal (kind, "completed")))
    {
      g_debug ("Passing over an image stream event of type %s", type ? type : "(none)");
      return TRUE;
    }

  if (g_str_equal (kind, "partial_image"))
    {
      gint64 index = studio_json_get_int (event, "partial_image_index", 0);

      index = CLAMP (index, 0, G_MAXINT);
      if (self->partial != NULL && index <= studio_image_result_get_partial_index (self->partial))
        {
          g_debug ("Passing over partial image %d, older than the one shown", (int) index);
          return TRUE;
        }

      if (!(result = result_from_b64 (event, error)))
        return FALSE;

      studio_image_result_set_details (result, event);
      studio_image_result_set_partial (result, index);
      self->received = TRUE;
      g_set_object (&self->partial, result);
      g_signal_emit (self, signals[PARTIAL_IMAGE], 0, result);
      return TRUE;
    }

  {
    StudioImageUsage usage;

    if (!(result = result_from_b64 (event, error)))
      return FALSE;

    studio_image_result_set_details (result, event);
    if (studio_image_usage_parse (&usage, studio_json_get_object (event, "usage")))
      {
        studio_image_result_set_usage (result, &usage);
        studio_image_usage_add (&self->usage, &usage);
      }
  }

  self->received = TRUE;
  g_clear_object (&self->partial);
  g_list_store_append (self->images, result);
  g_signal_emit (self, signals[IMAGE], 0, result);

  return TRUE;
}

/**
 * studio_image_stream_apply_response:
 * @self: a stream
 * @response: an `ImagesResponse`
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * Adds the response's images. An image that cannot be read does not cost
 * the others: they are added, and the first error is returned.
 *
 * Each image's `b64_json` is taken out of @response once it is decoded, so
 * that an answer of several large images never holds an image both as text
 * and decoded for longer than it takes to decode that one.
 *
 * Returns: whether every image could be read
 */
gboolean
studio_image_stream_apply_response (StudioImageStream  *self,
                                    JsonNode           *response,
                                    GError            **error)
{
  g_autoptr(GError) first_error = NULL;
  JsonObject *object;
  JsonArray *data;

  g_return_val_if_fail (STUDIO_IS_IMAGE_STREAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  object = response && JSON_NODE_HOLDS_OBJECT (response) ? json_node_get_object (response) : NULL;
  data = studio_json_get_array (object, "data");
  if (data == NULL || json_array_get_length (data) == 0)
    {
      g_propagate_error (error, malformed (_("The server answered without any image.")));
      return FALSE;
    }

  studio_image_usage_parse (&self->usage, studio_json_get_object (object, "usage"));

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autoptr(StudioImageResult) result = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *url = studio_json_get_string (item, "url");

      if (item != NULL && json_object_has_member (item, "b64_json"))
        {
          result = result_from_b64 (item, &local_error);
          json_object_remove_member (item, "b64_json");
        }
      else if (url != NULL && (g_str_has_prefix (url, "https://") ||
                               g_str_has_prefix (url, "http://")))
        result = studio_image_result_new (NULL, url);
      else
        local_error = malformed (_("The server sent an image with neither data nor an "
                                   "address."));

      if (result == NULL)
        {
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
          continue;
        }

      studio_image_result_set_details (result, object);
      studio_image_result_set_details (result, item);
      self->received = TRUE;
      g_list_store_append (self->images, result);
      g_signal_emit (self, signals[IMAGE], 0, result);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static void
studio_image_stream_event_cb (const char *event,
                              JsonNode   *data,
                              gpointer    user_data)
{
  StudioImageStream *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (data))
    return;

  /* One bad image does not cost the others: it is reported at the end. */
  if (!studio_image_stream_apply_event (self, json_node_get_object (data), &error))
    {
      g_debug ("Cannot read an image stream event: %s",
               studio_api_error_get_server_message (error));
      if (g_str_has_suffix (studio_json_get_string (json_node_get_object (data), "type") ?: "",
                            ".completed"))
        self->n_failed++;
      if (self->event_error == NULL)
        self->event_error = g_steal_pointer (&error);
    }
}

static void
studio_image_stream_stream_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageStream *self = g_task_get_source_object (task);
  GError *error = NULL;
  guint n_images = g_list_model_get_n_items (G_LIST_MODEL (self->images));

  if (!studio_client_stream_events_finish (STUDIO_CLIENT (object), result, &error) &&
      g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE) &&
      n_images + self->n_failed >= self->n_images)
    {
      /* Image streams end after their last completed event, not [DONE]. */
      g_clear_error (&error);
    }

  if (error == NULL && self->event_error != NULL)
    error = g_error_copy (self->event_error);

  if (error == NULL && n_images == 0)
    error = malformed (_("The server answered without any image."));

  if (error != NULL && !self->received &&
      g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE))
    {
      g_clear_error (&error);
      error = studio_api_error_new (STUDIO_API_ERROR_SERVER,
                                    _("The server closed the connection without sending an "
                                      "image."));
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
studio_image_stream_json_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageStream *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) response = NULL;
  GError *error = NULL;

  if (!(response = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &error)) ||
      !studio_image_stream_apply_response (self, response, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * studio_image_stream_run_async:
 * @self: a stream made with a client
 * @request: an image request (studio_image_request_new_generation() and
 *   the like)
 * @stream: whether @request asks for a stream
 *   (studio_image_request_get_stream())
 * @cancellable: (nullable): cancel to stop; what came so far is kept
 * @callback: called when the request has ended
 * @user_data: data for @callback
 *
 * Sends @request and applies what comes back. When it fails part way,
 * the images that came (and a partial one) stay in @self.
 */
void
studio_image_stream_run_async (StudioImageStream   *self,
                               StudioRequest       *request,
                               gboolean             stream,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_IMAGE_STREAM (self));
  g_return_if_fail (self->client != NULL);
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_stream_run_async);
  g_task_set_check_cancellable (task, FALSE);
  g_clear_error (&self->event_error);
  self->n_failed = 0;

  if (stream)
    studio_client_stream_events_async (self->client, request, studio_image_stream_event_cb,
                                       g_object_ref (self), g_object_unref, cancellable,
                                       studio_image_stream_stream_cb, task);
  else
    studio_client_request_json_async (self->client, request, cancellable,
                                      studio_image_stream_json_cb, task);
}

gboolean
studio_image_stream_run_finish (StudioImageStream  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
