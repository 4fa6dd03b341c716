/* studio-image-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-client.h"
#include "studio-image-store.h"
#include "studio-model.h"
#include "studio-prices.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_JOB (studio_image_job_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageJob, studio_image_job, STUDIO, IMAGE_JOB, GObject)

StudioImageJob         *studio_image_job_new          (StudioClient        *client,
                                                       StudioImageStore    *store,
                                                       StudioModel         *model,
                                                       const char          *endpoint,
                                                       const char          *prompt,
                                                       JsonObject          *options);
void                    studio_image_job_set_prices   (StudioImageJob      *self,
                                                       StudioPrices        *prices);
void                    studio_image_job_add_source   (StudioImageJob      *self,
                                                       GFile               *file,
                                                       gint64               image_id);
void                    studio_image_job_set_mask     (StudioImageJob      *self,
                                                       GFile               *mask);
void                    studio_image_job_set_parent_id (StudioImageJob     *self,
                                                        gint64              parent_id);
StudioModel            *studio_image_job_get_model    (StudioImageJob      *self);
const char             *studio_image_job_get_endpoint (StudioImageJob      *self);
const char             *studio_image_job_get_prompt   (StudioImageJob      *self);
guint                   studio_image_job_get_n_images (StudioImageJob      *self);
gboolean                studio_image_job_get_stream   (StudioImageJob      *self);
GListModel             *studio_image_job_get_records  (StudioImageJob      *self);
const StudioImageUsage *studio_image_job_get_usage    (StudioImageJob      *self);
gboolean                studio_image_job_get_cost     (StudioImageJob      *self,
                                                       double              *cost);
const GError           *studio_image_job_get_download_error (StudioImageJob *self);
StudioRequest          *studio_image_job_build_request (StudioImageJob     *self,
                                                        GError            **error);
void                    studio_image_job_run_async    (StudioImageJob      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean                studio_image_job_run_finish   (StudioImageJob      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void                    studio_image_job_download_async  (StudioClient        *client,
                                                          StudioImageStore    *store,
                                                          StudioImageRecord   *record,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
StudioImageRecord      *studio_image_job_download_finish (GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
