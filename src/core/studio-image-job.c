/* studio-image-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-job"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-image-job.h"
#include "studio-image-request.h"
#include "studio-image-stream.h"
#include "studio-json.h"

/* One press of Generate: the request built from what the user chose, sent
 * with a StudioImageStream, and every image stored the moment it comes
 * (a URL result downloaded at once, since it expires). A stream cut short
 * keeps its partial image, stored as partial; a cancel stores nothing more.
 * The job finishes once the request has ended and every save is done.
 */
struct _StudioImageJob
{
  GObject            parent_instance;

  /* Owned references */
  StudioClient      *client;
  StudioImageStore  *store;
  StudioModel       *model;
  char              *endpoint;
  char              *prompt;
  JsonObject        *options;
  GPtrArray         *sources;     /* GFile */
  GArray            *source_ids;  /* gint64, 0 for a file from outside */
  GFile             *mask;
  StudioImageStream *stream;
  GTask             *task;
  GListStore        *records;
  GError            *error;
  GError            *download_error;

  /* Borrowed */
  StudioPrices      *prices;

  gint64             parent_id;
  guint              n_pending;
  guint              request_done : 1;
};

G_DEFINE_FINAL_TYPE (StudioImageJob, studio_image_job, G_TYPE_OBJECT)

enum {
  PARTIAL_IMAGE,
  SAVED,
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Larger than any image the API makes. */
#define MAX_DOWNLOAD_BYTES (64 * 1024 * 1024)

static void
studio_image_job_maybe_finish (StudioImageJob *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->task == NULL || !self->request_done || self->n_pending > 0)
    return;

  task = g_steal_pointer (&self->task);
  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_boolean (task, TRUE);
}

static StudioImageRecord *
studio_image_job_new_record (StudioImageJob    *self,
                             StudioImageResult *result)
{
  StudioImageRecord *record;
  double cost;

  record = studio_image_record_new (self->endpoint, studio_model_get_id (self->model),
                                    self->prompt);
  studio_image_record_set_options (record, self->options);
  studio_image_record_set_parent_id (record, self->parent_id);
  for (guint i = 0; i < self->sources->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (self->sources, i));

      studio_image_record_add_source (record, g_array_index (self->source_ids, gint64, i), name);
    }

  if (self->prices != NULL)
    {
      const StudioImageUsage *usage = studio_image_result_get_usage (result);
      guint n = 1;

      /* A whole response says what all its images used together. */
      if (usage->total_tokens < 0 && usage->output_tokens < 0)
        {
          usage = studio_image_stream_get_usage (self->stream);
          n = MAX (g_list_model_get_n_items (studio_image_stream_get_images (self->stream)), 1);
        }
      if (studio_prices_image_usage_cost (self->prices, studio_model_get_id (self->model),
                                          usage, self->options, n, &cost))
        studio_image_record_set_cost (record, cost / n);
    }

  return record;
}

static void
studio_image_job_downloaded_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(StudioImageJob) self = user_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = studio_image_job_download_finish (result, &error);
  if (record != NULL)
    g_signal_emit (self, signals[UPDATED], 0, record);
  else if (!studio_api_error_is_cancelled (error) && self->download_error == NULL)
    self->download_error = g_steal_pointer (&error);

  self->n_pending--;
  studio_image_job_maybe_finish (self);
}

static void
studio_image_job_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(StudioImageJob) self = user_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = studio_image_store_record_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (record == NULL)
    {
      if (!studio_api_error_is_cancelled (error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("Could not store an image: %s", error->message);
          /* A request that failed says so first; a disk that is full says so too. */
          if (self->error == NULL)
            self->error = g_steal_pointer (&error);
        }
    }
  else
    {
      g_list_store_append (self->records, record);
      g_signal_emit (self, signals[SAVED], 0, record);

      if (studio_image_record_get_state (record) == STUDIO_IMAGE_STATE_DOWNLOAD_FAILED &&
          self->task != NULL)
        {
          self->n_pending++;
          studio_image_job_download_async (self->client, self->store, record,
                                           g_task_get_cancellable (self->task),
                                           studio_image_job_downloaded_cb, g_object_ref (self));
        }
    }

  self->n_pending--;
  studio_image_job_maybe_finish (self);
}

static void
studio_image_job_save (StudioImageJob    *self,
                       StudioImageResult *result)
{
  g_autoptr(StudioImageRecord) record = NULL;
  const StudioImageUsage *total = studio_image_stream_get_usage (self->stream);

  /* A whole response's usage is its one image's when it asked for one. */
  if (studio_image_result_get_usage (result)->total_tokens < 0 && total->total_tokens >= 0 &&
      studio_image_job_get_n_images (self) == 1)
    studio_image_result_set_usage (result, total);
  record = studio_image_job_new_record (self, result);

  self->n_pending++;
  studio_image_store_save_async (self->store, record, result,
                                 g_task_get_cancellable (self->task),
                                 studio_image_job_saved_cb, g_object_ref (self));
}

static void
studio_image_job_image_cb (StudioImageJob    *self,
                           StudioImageResult *result)
{
  if (self->task != NULL)
    studio_image_job_save (self, result);
}

static void
studio_image_job_partial_cb (StudioImageJob    *self,
                             StudioImageResult *result)
{
  g_signal_emit (self, signals[PARTIAL_IMAGE], 0, result);
}

static void
studio_image_job_stream_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(StudioImageJob) self = user_data;
  GError *error = NULL;

  if (!studio_image_stream_run_finish (STUDIO_IMAGE_STREAM (object), result, &error))
    {
      StudioImageResult *partial = studio_image_stream_get_partial (self->stream);

      /* A drop keeps the partial image; a cancel keeps nothing more. */
      if (partial != NULL && !studio_api_error_is_cancelled (error) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
        studio_image_job_save (self, partial);

      g_clear_error (&self->error);
      self->error = error;
    }

  self->request_done = TRUE;
  studio_image_job_maybe_finish (self);
}

static void
studio_image_job_dispose (GObject *object)
{
  StudioImageJob *self = (StudioImageJob *) object;

  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_data (self->stream, self);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (studio_image_job_parent_class)->dispose (object);
}

static void
studio_image_job_finalize (GObject *object)
{
  StudioImageJob *self = (StudioImageJob *) object;

  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->model);
  g_clear_object (&self->mask);
  g_clear_object (&self->records);
  g_clear_pointer (&self->options, json_object_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_error (&self->error);
  g_clear_error (&self->download_error);

  G_OBJECT_CLASS (studio_image_job_parent_class)->finalize (object);
}

static void
studio_image_job_class_init (StudioImageJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_image_job_dispose;
  object_class->finalize = studio_image_job_finalize;

  /**
   * StudioImageJob::partial-image:
   * @result: a partial image, replacing the one before
   */
  signals[PARTIAL_IMAGE] =
    g_signal_new ("partial-image", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RESULT);

  /**
   * StudioImageJob::saved:
   * @record: an image just stored (a URL result in the download-failed
   *   state until ::updated says it was downloaded)
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RECORD);

  /**
   * StudioImageJob::updated:
   * @record: a stored image whose download has now been stored
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RECORD);
}

static void
studio_image_job_init (StudioImageJob *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->records = g_list_store_new (STUDIO_TYPE_IMAGE_RECORD);
}

/**
 * studio_image_job_new:
 * @client: the client to send with
 * @store: where the images go
 * @model: the image model
 * @endpoint: %STUDIO_IMAGE_ENDPOINT_GENERATIONS, _EDITS or _VARIATIONS
 * @prompt: (nullable): the prompt (none for a variation)
 * @options: the options chosen; copied
 *
 * Returns: (transfer full): a job, not yet started
 */
StudioImageJob *
studio_image_job_new (StudioClient     *client,
                      StudioImageStore *store,
                      StudioModel      *model,
                      const char       *endpoint,
                      const char       *prompt,
                      JsonObject       *options)
{
  StudioImageJob *self;

  g_return_val_if_fail (STUDIO_IS_CLIENT (client), NULL);
  g_return_val_if_fail (STUDIO_IS_IMAGE_STORE (store), NULL);
  g_return_val_if_fail (STUDIO_IS_MODEL (model), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);

  self = g_object_new (STUDIO_TYPE_IMAGE_JOB, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->model = g_object_ref (model);
  self->endpoint = g_strdup (endpoint);
  self->prompt = g_strdup (prompt ? prompt : "");
  self->options = options ? studio_json_object_copy (options) : json_object_new ();

  return self;
}

/**
 * studio_image_job_set_prices:
 * @prices: (nullable): the table to price each stored image with; it must
 *   outlive the job
 */
void
studio_image_job_set_prices (StudioImageJob *self,
                             StudioPrices   *prices)
{
  g_return_if_fail (STUDIO_IS_IMAGE_JOB (self));

  self->prices = prices;
}

/**
 * studio_image_job_add_source:
 * @file: a source image for an edit or variation
 * @image_id: the gallery image it is, or 0
 */
void
studio_image_job_add_source (StudioImageJob *self,
                             GFile          *file,
                             gint64          image_id)
{
  g_return_if_fail (STUDIO_IS_IMAGE_JOB (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->sources, g_object_ref (file));
  g_array_append_val (self->source_ids, image_id);
}

void
studio_image_job_set_mask (StudioImageJob *self,
                           GFile          *mask)
{
  g_return_if_fail (STUDIO_IS_IMAGE_JOB (self));

  g_set_object (&self->mask, mask);
}

/**
 * studio_image_job_set_parent_id:
 * @parent_id: the gallery image the new ones come from, or 0
 */
void
studio_image_job_set_parent_id (StudioImageJob *self,
                                gint64          parent_id)
{
  g_return_if_fail (STUDIO_IS_IMAGE_JOB (self));

  self->parent_id = parent_id;
}

StudioModel *
studio_image_job_get_model (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return self->model;
}

const char *
studio_image_job_get_endpoint (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return self->endpoint;
}

const char *
studio_image_job_get_prompt (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return self->prompt;
}

/**
 * studio_image_job_get_n_images:
 *
 * Returns: how many images the request asks for
 */
guint
studio_image_job_get_n_images (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), 0);

  return studio_image_request_get_n (self->model, self->options);
}

/**
 * studio_image_job_get_stream:
 *
 * Returns: whether the images are streamed, partial images first
 */
gboolean
studio_image_job_get_stream (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), FALSE);

  return g_strcmp0 (self->endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS) != 0 &&
         studio_image_request_get_stream (self->model, self->options);
}

/**
 * studio_image_job_get_records:
 *
 * Returns: (transfer none): the #StudioImageRecord stored so far
 */
GListModel *
studio_image_job_get_records (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return G_LIST_MODEL (self->records);
}

/**
 * studio_image_job_get_usage:
 *
 * Returns: (nullable): what the request used, once it has run
 */
const StudioImageUsage *
studio_image_job_get_usage (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return self->stream ? studio_image_stream_get_usage (self->stream) : NULL;
}

/**
 * studio_image_job_get_cost:
 * @cost: (out): the sum of the stored images' costs
 *
 * Returns: whether every stored image is priced
 */
gboolean
studio_image_job_get_cost (StudioImageJob *self,
                           double         *cost)
{
  guint n;

  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), FALSE);
  g_return_val_if_fail (cost != NULL, FALSE);

  *cost = 0;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioImageRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);
      double one;

      if (!studio_image_record_get_cost (record, &one))
        return FALSE;
      *cost += one;
    }

  return n > 0;
}

/**
 * studio_image_job_get_download_error:
 *
 * Returns: (nullable): why a URL result could not be downloaded; its
 *   record stays, with the URL, for a retry
 */
const GError *
studio_image_job_get_download_error (StudioImageJob *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  return self->download_error;
}

/**
 * studio_image_job_build_request:
 * @error: the place for a %STUDIO_IMAGE_ERROR saying what cannot be sent
 *
 * Returns: (transfer full) (nullable): the request the job would send
 */
StudioRequest *
studio_image_job_build_request (StudioImageJob  *self,
                                GError         **error)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_JOB (self), NULL);

  if (g_str_equal (self->endpoint, STUDIO_IMAGE_ENDPOINT_EDITS))
    return studio_image_request_new_edit (self->model, self->prompt,
                                          (GFile *const *) self->sources->pdata,
                                          self->sources->len, self->mask, self->options, error);

  if (g_str_equal (self->endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS))
    {
      if (self->sources->len == 0)
        {
          g_set_error_literal (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SOURCE,
                               _("Add the image to make variations of."));
          return NULL;
        }
      return studio_image_request_new_variation (self->model,
                                                 g_ptr_array_index (self->sources, 0),
                                                 self->options, error);
    }

  return studio_image_request_new_generation (self->model, self->prompt, self->options, error);
}

/**
 * studio_image_job_run_async:
 * @cancellable: (nullable): cancel to stop: images stored so far stay
 * @callback: called once the request has ended and every image is stored
 * @user_data: for @callback
 *
 * Sends the request once; a job runs only once.
 */
void
studio_image_job_run_async (StudioImageJob      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (STUDIO_IS_IMAGE_JOB (self));
  g_return_if_fail (self->stream == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_job_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (!(request = studio_image_job_build_request (self, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  self->task = g_steal_pointer (&task);
  self->stream = studio_image_stream_new (self->client, studio_image_job_get_n_images (self));
  g_signal_connect_object (self->stream, "partial-image",
                           G_CALLBACK (studio_image_job_partial_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "image",
                           G_CALLBACK (studio_image_job_image_cb), self, G_CONNECT_SWAPPED);
  studio_image_stream_run_async (self->stream, request, studio_image_job_get_stream (self),
                                 cancellable, studio_image_job_stream_cb, g_object_ref (self));
}

/**
 * studio_image_job_run_finish:
 *
 * Returns: whether the request succeeded and every image was stored; on
 *   failure the images stored before it (and a partial one) stay
 */
gboolean
studio_image_job_run_finish (StudioImageJob  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
download_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageRecord *record;
  GError *error = NULL;

  record = studio_image_store_record_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, g_object_unref);
}

static void
download_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StudioImageStore *store = g_task_get_source_object (task);
  StudioImageRecord *record = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (!(bytes = studio_client_download_finish (STUDIO_CLIENT (object), result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  studio_image_store_save_download_async (store, studio_image_record_get_id (record), bytes,
                                          g_task_get_cancellable (task), download_saved_cb,
                                          g_object_ref (task));
}

/**
 * studio_image_job_download_async:
 * @client: the client to download with
 * @store: the store that has @record
 * @record: an image in the download-failed state, with its URL
 * @cancellable: (nullable): a cancellable
 * @callback: called with the stored record
 * @user_data: for @callback
 *
 * Downloads a URL result and stores it; also the Retry of a failed one.
 */
void
studio_image_job_download_async (StudioClient        *client,
                                 StudioImageStore    *store,
                                 StudioImageRecord   *record,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (STUDIO_IS_CLIENT (client));
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (store));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_image_job_download_async);
  g_task_set_task_data (task, g_object_ref (record), g_object_unref);

  if (studio_image_record_get_url (record) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("This image has no address to download it from."));
      g_object_unref (task);
      return;
    }

  studio_client_download_async (client, studio_image_record_get_url (record),
                                MAX_DOWNLOAD_BYTES, cancellable, download_cb, task);
}

/**
 * studio_image_job_download_finish:
 *
 * Returns: (transfer full) (nullable): the record with its file
 */
StudioImageRecord *
studio_image_job_download_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
