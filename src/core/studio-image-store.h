/* studio-image-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-history.h"
#include "studio-image-record.h"
#include "studio-image-result.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_IMAGE_STORE (studio_image_store_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageStore, studio_image_store, STUDIO, IMAGE_STORE, GObject)

StudioImageStore  *studio_image_store_new                  (StudioHistory       *history,
                                                            const char          *folder);
StudioHistory     *studio_image_store_get_history          (StudioImageStore    *self);
const char        *studio_image_store_get_folder           (StudioImageStore    *self);

void               studio_image_store_save_async           (StudioImageStore    *self,
                                                            StudioImageRecord   *request,
                                                            StudioImageResult   *result,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_save_download_async  (StudioImageStore    *self,
                                                            gint64               id,
                                                            GBytes              *bytes,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);

void               studio_image_store_get_async            (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
StudioImageRecord *studio_image_store_record_finish        (StudioImageStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void               studio_image_store_list_async           (StudioImageStore    *self,
                                                            guint                offset,
                                                            guint                limit,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_search_async         (StudioImageStore    *self,
                                                            const char          *text,
                                                            guint                offset,
                                                            guint                limit,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_list_lineage_async   (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_list_derived_async   (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray         *studio_image_store_list_finish          (StudioImageStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void               studio_image_store_delete_async         (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_restore_async        (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
void               studio_image_store_purge_async          (StudioImageStore    *self,
                                                            gint64               id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           studio_image_store_change_finish        (StudioImageStore    *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
