/* studio-image-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-client.h"
#include "studio-image-result.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_STREAM (studio_image_stream_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageStream, studio_image_stream, STUDIO, IMAGE_STREAM, GObject)

GBytes                 *studio_image_decode_base64           (const char          *text,
                                                              gsize                length,
                                                              GError             **error);

StudioImageStream      *studio_image_stream_new              (StudioClient        *client,
                                                              guint                n_images);
GListModel             *studio_image_stream_get_images       (StudioImageStream   *self);
StudioImageResult      *studio_image_stream_get_partial      (StudioImageStream   *self);
const StudioImageUsage *studio_image_stream_get_usage        (StudioImageStream   *self);
gboolean                studio_image_stream_apply_event      (StudioImageStream   *self,
                                                              JsonObject          *event,
                                                              GError             **error);
gboolean                studio_image_stream_apply_response   (StudioImageStream   *self,
                                                              JsonNode            *response,
                                                              GError             **error);
void                    studio_image_stream_run_async        (StudioImageStream   *self,
                                                              StudioRequest       *request,
                                                              gboolean             stream,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean                studio_image_stream_run_finish       (StudioImageStream   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
