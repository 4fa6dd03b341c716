/* studio-images-page-run.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-images-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-image-actions.h"
#include "studio-image-decode.h"
#include "studio-image-request.h"
#include "studio-images-page-private.h"
#include "studio-paths.h"

/* The Images page sending: the estimate before, the StudioImageJob while
 * it runs (elapsed time, partial images as they stream, each image shown
 * and added to the gallery once stored), and after, the cost or what went
 * wrong and what to change. Nothing the user typed, added or painted is
 * cleared, so that Try Again sends the same.
 */

/* Large enough for the strip above the gallery, small enough to decode fast. */
#define RESULT_PREVIEW_SIDE 512

gboolean
studio_images_page_get_running (StudioImagesPage *self)
{
  return self->job != NULL;
}

static char *
format_cost (double cost)
{
  return cost < 0.01 ? g_strdup_printf ("$%.4f", cost) : g_strdup_printf ("$%.2f", cost);
}

void
studio_images_page_update_estimate (StudioImagesPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autofree char *prompt = NULL;
  g_autofree char *text = NULL;
  double cost;

  if (model == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->estimate_label), FALSE);
      return;
    }

  prompt = studio_images_page_dup_prompt (self);
  if (studio_prices_estimate_image (studio_context_get_prices (self->context),
                                    studio_model_get_id (model), prompt, self->options_values,
                                    self->sources->len, &cost))
    {
      g_autofree char *amount = format_cost (cost);

      text = g_strdup_printf (_("About %s, from the price table"), amount);
    }
  else
    text = g_strdup_printf (_("No price is known for %s. Add one to your prices file to see "
                              "costs."), studio_model_get_id (model));

  gtk_label_set_text (self->estimate_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->estimate_label), TRUE);
}

void
studio_images_page_clear_error (StudioImagesPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static const char *
error_title (const GError *error)
{
  if (error->domain == STUDIO_IMAGE_ERROR)
    return _("Not Sent");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    return _("The Disk Is Full");

  if (error->domain != STUDIO_API_ERROR)
    return _("The Image Could Not Be Stored");

  if (g_strcmp0 (studio_api_error_get_code (error), "moderation_blocked") == 0 ||
      g_strcmp0 (studio_api_error_get_code (error), "content_policy_violation") == 0)
    return _("The Prompt Was Refused");

  switch ((StudioApiError) error->code)
    {
    case STUDIO_API_ERROR_BAD_REQUEST:
      return _("The Server Refused the Request");
    case STUDIO_API_ERROR_RATE_LIMITED:
      return _("Too Many Requests");
    case STUDIO_API_ERROR_QUOTA_EXCEEDED:
      return _("Out of Credit");
    case STUDIO_API_ERROR_TIMEOUT:
      return _("The Server Took Too Long");
    case STUDIO_API_ERROR_NETWORK:
      return _("The Server Cannot Be Reached");
    case STUDIO_API_ERROR_INCOMPLETE:
      return _("The Image Stopped Arriving");
    case STUDIO_API_ERROR_INVALID_KEY:
    case STUDIO_API_ERROR_NO_KEY:
    case STUDIO_API_ERROR_PERMISSION:
      return _("The Key Was Not Accepted");
    default:
      return _("The Images Could Not Be Made");
    }
}

/* What happened, what the server said, and what to change. */
static char *
error_text (const GError *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *details = NULL;
  g_autofree char *wait = NULL;
  const char *param;

  if (error->domain != STUDIO_API_ERROR)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        return g_strdup (_("Free some space and try again. The prompt, images and mask are kept."));
      return g_strdup (error->message);
    }

  if (g_strcmp0 (studio_api_error_get_code (error), "moderation_blocked") == 0 ||
      g_strcmp0 (studio_api_error_get_code (error), "content_policy_violation") == 0)
    g_string_append (text, _("The safety system would not make this image. Reword the prompt "
                             "and try again."));
  else if (g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_INCOMPLETE))
    g_string_append (text, _("The connection closed before the image was finished. The partial "
                             "image that arrived is kept in the gallery, marked partial."));
  else if ((param = studio_api_error_get_param (error)) != NULL)
    g_string_append_printf (text, _("Change “%s” and try again."), param);
  else
    g_string_append (text, error->message);

  if ((wait = studio_api_error_dup_wait_text (error)) != NULL)
    g_string_append_printf (text, " %s", wait);

  if ((details = studio_api_error_dup_details (error)) != NULL)
    g_string_append_printf (text, "\n\n%s", details);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
studio_images_page_show_error (StudioImagesPage *self,
                               const GError     *error)
{
  g_autofree char *text = error_text (error);

  gtk_label_set_text (self->error_title, error_title (error));
  gtk_label_set_text (self->error_label, text);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  StudioImagesPage *self = user_data;
  gint64 seconds = (g_get_monotonic_time () - self->job_started) / G_USEC_PER_SEC;
  guint n = self->job ? studio_image_job_get_n_images (self->job) : 1;
  guint done = self->job ? g_list_model_get_n_items (studio_image_job_get_records (self->job)) : 0;
  g_autofree char *text = NULL;

  if (n > 1)
    text = g_strdup_printf (_("%u of %u images, %" G_GINT64_FORMAT " s"), done, n, seconds);
  else
    text = g_strdup_printf (_("Making the image, %" G_GINT64_FORMAT " s"), seconds);
  gtk_label_set_text (self->progress_label, text);

  return G_SOURCE_CONTINUE;
}

static GtkPicture *
result_picture (StudioImagesPage *self,
                guint             index)
{
  if (index >= self->result_pictures->len)
    index = self->result_pictures->len - 1;

  return g_ptr_array_index (self->result_pictures, index);
}

static void
studio_images_page_reset_results (StudioImagesPage *self,
                                  guint             n)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))))
    gtk_box_remove (self->results_box, child);
  g_ptr_array_set_size (self->result_pictures, 0);

  for (guint i = 0; i < MAX (n, 1); i++)
    {
      g_autofree char *name = g_strdup_printf (_("Image %u"), i + 1);
      GtkWidget *picture = gtk_picture_new ();

      gtk_widget_set_size_request (picture, 160, 160);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->results_box, picture);
      g_ptr_array_add (self->result_pictures, picture);
    }
}

typedef struct
{
  StudioImagesPage *self;
  GtkPicture       *picture;
  gboolean          partial;
} Preview;

static void
preview_decoded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Preview *preview = user_data;
  g_autoptr(GdkPixbuf) pixbuf = studio_image_decode_finish (result, NULL);

  if (pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      gtk_picture_set_paintable (preview->picture, GDK_PAINTABLE (texture));
      gtk_widget_set_opacity (GTK_WIDGET (preview->picture), preview->partial ? 0.7 : 1.0);
    }

  g_object_unref (preview->picture);
  g_object_unref (preview->self);
  g_free (preview);
}

static void
studio_images_page_show_preview (StudioImagesPage *self,
                                 guint             index,
                                 GBytes           *bytes,
                                 GFile            *file,
                                 gboolean          partial)
{
  Preview *preview = g_new0 (Preview, 1);

  preview->self = g_object_ref (self);
  preview->picture = g_object_ref (result_picture (self, index));
  preview->partial = partial;
  studio_image_decode_async (bytes, file, RESULT_PREVIEW_SIDE, self->cancellable,
                             preview_decoded_cb, preview);
}

static void
job_partial_image_cb (StudioImagesPage  *self,
                      StudioImageResult *result,
                      StudioImageJob    *job)
{
  guint index = g_list_model_get_n_items (studio_image_job_get_records (job));

  studio_images_page_show_preview (self, index, studio_image_result_get_bytes (result), NULL,
                                   TRUE);
}

static void
job_saved_cb (StudioImagesPage  *self,
              StudioImageRecord *record,
              StudioImageJob    *job)
{
  guint index = g_list_model_get_n_items (studio_image_job_get_records (job)) - 1;

  if (studio_image_record_get_file (record) != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (studio_image_record_get_file (record));

      studio_images_page_show_preview (self, index, NULL, file,
                                       studio_image_record_get_state (record) ==
                                       STUDIO_IMAGE_STATE_PARTIAL);
    }

  studio_image_gallery_add_record (self->gallery, record);
  progress_tick_cb (self);
}

static void
job_updated_cb (StudioImagesPage  *self,
                StudioImageRecord *record,
                StudioImageJob    *job)
{
  g_autoptr(GFile) file = g_file_new_for_path (studio_image_record_get_file (record));
  guint n = g_list_model_get_n_items (studio_image_job_get_records (job));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StudioImageRecord) item = g_list_model_get_item (studio_image_job_get_records (job), i);

      if (studio_image_record_get_id (item) == studio_image_record_get_id (record))
        studio_images_page_show_preview (self, i, NULL, file, FALSE);
    }

  studio_image_gallery_update_record (self->gallery, record);
}

static void
studio_images_page_finish_job (StudioImagesPage *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  gtk_spinner_stop (self->run_spinner);
  gtk_stack_set_visible_child_name (self->run_stack, "idle");
  studio_images_page_update_actions (self);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StudioImagesPage) self = user_data;
  StudioImageJob *job = STUDIO_IMAGE_JOB (object);
  g_autoptr(GError) error = NULL;
  gint64 seconds = (g_get_monotonic_time () - self->job_started) / G_USEC_PER_SEC;
  guint n_saved = g_list_model_get_n_items (studio_image_job_get_records (job));
  g_autofree char *summary = NULL;
  double cost;

  studio_image_job_run_finish (job, result, &error);
  if (self->job != job)
    return;

  if (studio_image_job_get_cost (job, &cost))
    {
      g_autofree char *amount = format_cost (cost);

      summary = g_strdup_printf (ngettext ("%u image in %" G_GINT64_FORMAT " s, %s",
                                           "%u images in %" G_GINT64_FORMAT " s, %s", n_saved),
                                 n_saved, seconds, amount);
    }
  else
    summary = g_strdup_printf (ngettext ("%u image in %" G_GINT64_FORMAT " s",
                                         "%u images in %" G_GINT64_FORMAT " s", n_saved),
                               n_saved, seconds);

  if (error != NULL && studio_api_error_is_cancelled (error))
    gtk_label_set_text (self->results_label, _("Stopped"));
  else if (error != NULL)
    {
      gtk_label_set_text (self->results_label, n_saved > 0 ? summary : _("Nothing was made"));
      studio_images_page_show_error (self, error);
    }
  else
    gtk_label_set_text (self->results_label, summary);

  if (error == NULL && studio_image_job_get_download_error (job) != NULL)
    studio_image_actions_add_toast (GTK_WIDGET (self),
                                    _("An image could not be downloaded. It is kept in the "
                                      "gallery with Retry Download."));

  /* Pictures that never got an image go. */
  for (guint i = self->result_pictures->len; i > MAX (n_saved, 1); i--)
    {
      GtkWidget *picture = g_ptr_array_index (self->result_pictures, i - 1);

      gtk_box_remove (self->results_box, picture);
      g_ptr_array_remove_index (self->result_pictures, i - 1);
    }
  if (n_saved == 0)
    gtk_revealer_set_reveal_child (self->results_revealer, FALSE);

  studio_images_page_finish_job (self);
}

/* The painted mask as a PNG file the request streams from disk. */
static GFile *
write_mask (StudioImagesPage  *self,
            GError           **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->mask == NULL || studio_image_mask_get_empty (self->mask))
    return NULL;

  if (!(png = studio_image_mask_export (self->mask, error)))
    return NULL;

  folder = studio_paths_dup_cache_file ("masks");
  g_mkdir_with_parents (folder, 0700);
  path = g_build_filename (folder, "mask.png", NULL);
  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&file);
}

void
studio_images_page_generate (StudioImagesPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  const char *endpoint = studio_images_page_get_endpoint (self);
  g_autofree char *prompt = studio_images_page_dup_prompt (self);
  g_autoptr(StudioImageJob) job = NULL;
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GFile) mask = NULL;
  g_autoptr(GError) error = NULL;

  if (model == NULL || studio_images_page_get_running (self))
    return;

  studio_images_page_clear_error (self);

  if (!studio_image_options_check (self->options, &error))
    {
      studio_images_page_show_error (self, error);
      return;
    }

  job = studio_image_job_new (studio_context_get_client (self->context),
                              studio_context_get_image_store (self->context),
                              model, endpoint, g_strstrip (prompt), self->options_values);
  studio_image_job_set_prices (job, studio_context_get_prices (self->context));

  if (!g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_GENERATIONS))
    {
      for (guint i = 0; i < self->sources->len; i++)
        {
          StudioImageSource *source = g_ptr_array_index (self->sources, i);

          studio_image_job_add_source (job, source->file, source->image_id);
        }
      studio_image_job_set_parent_id (job, self->parent_id);
    }

  if (g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_EDITS))
    {
      mask = write_mask (self, &error);
      if (error != NULL)
        {
          studio_images_page_show_error (self, error);
          return;
        }
      studio_image_job_set_mask (job, mask);
    }

  /* Everything the request would refuse is said now, before it is sent. */
  if (!(request = studio_image_job_build_request (job, &error)))
    {
      studio_images_page_show_error (self, error);
      return;
    }

  self->job = g_steal_pointer (&job);
  self->job_cancellable = g_cancellable_new ();
  self->job_started = g_get_monotonic_time ();
  g_signal_connect_object (self->job, "partial-image",
                           G_CALLBACK (job_partial_image_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "saved", G_CALLBACK (job_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->job, "updated",
                           G_CALLBACK (job_updated_cb), self, G_CONNECT_SWAPPED);

  studio_images_page_reset_results (self, studio_image_job_get_n_images (self->job));
  gtk_label_set_text (self->results_label, studio_image_job_get_stream (self->job)
                                           ? _("Arriving…") : _("Being made…"));
  gtk_revealer_set_reveal_child (self->results_revealer, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "gallery");
  gtk_stack_set_visible_child_name (self->run_stack, "running");
  gtk_spinner_start (self->run_spinner);
  progress_tick_cb (self);
  self->progress_source = g_timeout_add_seconds (1, progress_tick_cb, self);
  studio_images_page_update_actions (self);

  studio_image_job_run_async (self->job, self->job_cancellable, job_done_cb, g_object_ref (self));
}

void
studio_images_page_cancel (StudioImagesPage *self)
{
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

static void
download_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioImagesPage) self = user_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = studio_image_job_download_finish (result, &error);
  if (record != NULL)
    studio_image_gallery_update_record (self->gallery, record);
  else if (!studio_api_error_is_cancelled (error) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    studio_image_actions_add_toast (GTK_WIDGET (self), error->message);
}

void
studio_images_page_retry_download (StudioImagesPage  *self,
                                   StudioImageRecord *record)
{
  studio_image_job_download_async (studio_context_get_client (self->context),
                                   studio_context_get_image_store (self->context), record,
                                   self->cancellable, download_done_cb, g_object_ref (self));
}
