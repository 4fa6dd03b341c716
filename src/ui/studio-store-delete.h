/* studio-store-delete.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void     (*StudioStoreChangeFunc) (gpointer             store,
                                           gint64               id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
typedef gboolean (*StudioStoreFinishFunc) (gpointer             store,
                                           GAsyncResult        *result,
                                           GError             **error);

/**
 * StudioStoreDeleteOps:
 * @delete_async: hides a row, for Undo
 * @restore_async: brings it back
 * @purge_async: removes it for good, with its files
 * @change_finish: the result of any of them
 * @delete_failed: (translatable) a toast for a failed delete, with the error as %s
 * @restore_failed: (translatable) a toast for a failed Undo, with the error as %s
 * @deleted: (translatable) the toast after a delete, with the title as %s
 *
 * What a history's store does on Delete, Undo and the toast's end.
 */
typedef struct
{
  StudioStoreChangeFunc  delete_async;
  StudioStoreChangeFunc  restore_async;
  StudioStoreChangeFunc  purge_async;
  StudioStoreFinishFunc  change_finish;
  const char            *delete_failed;
  const char            *restore_failed;
  const char            *deleted;
} StudioStoreDeleteOps;

/* Called on the history widget once the row is hidden in the store, or
 * when it must list its rows again (a failure, or Undo).
 */
typedef void (*StudioStoreDeletedFunc) (GtkWidget *widget,
                                        gint64     id);
typedef void (*StudioStoreReloadFunc)  (GtkWidget *widget);

void studio_store_delete_with_undo (GtkWidget                  *widget,
                                    gpointer                    store,
                                    const StudioStoreDeleteOps *ops,
                                    gint64                      id,
                                    const char                 *title,
                                    StudioStoreDeletedFunc      deleted,
                                    StudioStoreReloadFunc       reload);

G_END_DECLS
