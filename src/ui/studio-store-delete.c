/* studio-store-delete.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-store-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-store-delete.h"
#include "studio-ui.h"

/* Delete with Undo, as the Transcribe and Speech histories do it: the row
 * is hidden in the store at once and an Undo toast offered; Undo brings it
 * back, and once the toast goes without Undo (or the window closes, since
 * the user did delete it) it is purged for good, files and all.
 */
typedef struct
{
  GtkWidget                  *widget;  /* weak */
  GObject                    *store;
  const StudioStoreDeleteOps *ops;
  gint64                      id;
  char                       *title;
  StudioStoreDeletedFunc      deleted;
  StudioStoreReloadFunc       reload;
} PendingDelete;

static PendingDelete *
pending_delete_ref (PendingDelete *pending)
{
  return g_rc_box_acquire (pending);
}

static void
pending_delete_clear (PendingDelete *pending)
{
  g_clear_weak_pointer (&pending->widget);
  g_clear_object (&pending->store);
  g_clear_pointer (&pending->title, g_free);
}

static void
pending_delete_unref (PendingDelete *pending)
{
  g_rc_box_release_full (pending, (GDestroyNotify) pending_delete_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingDelete, pending_delete_unref)

/* The formats are the ops' own N_() literals, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
format_message (const char *format,
                const char *argument)
{
  return g_strdup_printf (_(format), argument);
}
#pragma GCC diagnostic pop

static void
purge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PendingDelete) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!pending->ops->change_finish (object, result, &error))
    g_message ("Could not remove a deleted row: %s (it goes at the next start)",
               error->message);
}

static void
toast_finish (gpointer user_data)
{
  PendingDelete *pending = user_data;

  pending->ops->purge_async (pending->store, pending->id, NULL, purge_cb,
                             pending_delete_ref (pending));
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PendingDelete) pending = user_data;
  g_autoptr(GError) error = NULL;

  if (!pending->ops->change_finish (object, result, &error))
    {
      g_autofree char *message = format_message (pending->ops->restore_failed, error->message);

      if (pending->widget != NULL)
        studio_ui_add_toast (pending->widget, message);
      return;
    }

  /* The store's "changed" lists it again; this is for a store that did
   * not change while it was hidden.
   */
  if (pending->widget != NULL)
    pending->reload (pending->widget);
}

static void
toast_undo (gpointer user_data)
{
  PendingDelete *pending = user_data;

  pending->ops->restore_async (pending->store, pending->id, NULL, restore_cb,
                               pending_delete_ref (pending));
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PendingDelete) pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!pending->ops->change_finish (object, result, &error))
    {
      if (pending->widget != NULL)
        {
          g_autofree char *message = format_message (pending->ops->delete_failed, error->message);

          studio_ui_add_toast (pending->widget, message);
          pending->reload (pending->widget);
        }
      return;
    }

  if (pending->widget != NULL)
    pending->deleted (pending->widget, pending->id);

  title = format_message (pending->ops->deleted, pending->title);
  /* The deleted handler may have dropped the last reference: no widget,
   * then, so nowhere to offer Undo.
   */
  studio_ui_add_undo_toast (pending->widget, title, toast_undo, toast_finish,
                            pending_delete_ref (pending),
                            (GDestroyNotify) pending_delete_unref);
}

/**
 * studio_store_delete_with_undo:
 * @widget: the history widget, for the toast
 * @store: the store that keeps the row
 * @ops: what @store does
 * @id: the row
 * @title: what the toast calls it
 * @deleted: called once it is hidden
 * @reload: called when the list must be read again
 *
 * Deletes a row, offering Undo until the toast goes.
 */
void
studio_store_delete_with_undo (GtkWidget                  *widget,
                               gpointer                    store,
                               const StudioStoreDeleteOps *ops,
                               gint64                      id,
                               const char                 *title,
                               StudioStoreDeletedFunc      deleted,
                               StudioStoreReloadFunc       reload)
{
  g_autoptr(PendingDelete) pending = g_rc_box_new0 (PendingDelete);

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (G_IS_OBJECT (store));
  g_return_if_fail (ops != NULL);

  g_set_weak_pointer (&pending->widget, widget);
  pending->store = g_object_ref (store);
  pending->ops = ops;
  pending->id = id;
  pending->title = g_strdup (title);
  pending->deleted = deleted;
  pending->reload = reload;

  ops->delete_async (store, id, NULL, delete_cb, pending_delete_ref (pending));
}
