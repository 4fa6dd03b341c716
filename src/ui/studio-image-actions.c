/* studio-image-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-image-actions.h"
#include "studio-ui.h"

/* What can be done with one stored image, wherever it is shown: the
 * gallery's tiles and the Images page's large view call the same
 * functions. Each takes the widget that asked, for its window, its
 * clipboard and the toast overlay around it, and holds it only weakly:
 * a file copied or an image deleted after the widget went away is still
 * copied or deleted, just not reported.
 */

/**
 * studio_image_actions_add_toast:
 * @widget: a widget inside a toast overlay
 * @message: plain text, not markup
 *
 * Shows @message in the toast overlay around @widget.
 */
void
studio_image_actions_add_toast (GtkWidget  *widget,
                                const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  studio_ui_add_toast (widget, message);
}

/* Whether @record has a file to act on; a toast says why not. */
static gboolean
has_file (GtkWidget         *widget,
          StudioImageRecord *record)
{
  if (studio_image_record_get_file (record) == NULL)
    {
      studio_ui_add_toast (widget, _("This image was never downloaded. Retry the download first."));
      return FALSE;
    }

  if (studio_image_record_get_missing (record))
    {
      studio_ui_add_toast (widget, _("The image file is missing from the images folder."));
      return FALSE;
    }

  return TRUE;
}

/* Weakly held widget ------------------------------------------------------- */

typedef struct
{
  GtkWidget *widget;  /* weak */
} Requester;

static Requester *
requester_new (GtkWidget *widget)
{
  Requester *requester = g_new0 (Requester, 1);

  g_set_weak_pointer (&requester->widget, widget);
  return requester;
}

static void
requester_free (Requester *requester)
{
  g_clear_weak_pointer (&requester->widget);
  g_free (requester);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Requester, requester_free)

/* Save As… ------------------------------------------------------------------ */

static void
save_copied_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Requester) requester = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (requester->widget == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not save the image: %s"), error->message);
      studio_ui_add_toast (requester->widget, message);
      return;
    }

  if (requester->widget != NULL)
    studio_ui_add_toast (requester->widget, _("Image saved"));
}

static void
save_chosen_cb (GtkWidget  *widget,
                GListModel *files,
                gpointer    user_data)
{
  StudioImageRecord *record = user_data;
  g_autoptr(GFile) target = g_list_model_get_item (files, 0);
  g_autoptr(GFile) source = g_file_new_for_path (studio_image_record_get_file (record));

  /* The user agreed to replace a file of that name in the dialog. */
  g_file_copy_async (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                     G_PRIORITY_DEFAULT, NULL, NULL, NULL, save_copied_cb,
                     requester_new (widget));
}

/**
 * studio_image_actions_save:
 * @widget: the widget that asks, in a window
 * @record: a stored image
 *
 * Asks where to save a copy of the image's file, under its own name at
 * first, and copies it there. A toast says how it went.
 */
void
studio_image_actions_save (GtkWidget         *widget,
                           StudioImageRecord *record)
{
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  if (!has_file (widget, record))
    return;

  name = g_path_get_basename (studio_image_record_get_file (record));
  studio_file_chooser_save (widget, _("Save Image"), _("_Save"), name, save_chosen_cb,
                            g_object_ref (record), g_object_unref);
}

/* Copy ---------------------------------------------------------------------- */

/* gdk_texture_new_from_filename() is safe in a thread, for this. */
static void
copy_load_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
copy_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Requester) requester = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (requester->widget == NULL)
    return;

  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not copy the image: %s"),
                                                  error->message);

      studio_ui_add_toast (requester->widget, message);
      return;
    }

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (requester->widget), texture);
  studio_ui_add_toast (requester->widget, _("Image copied"));
}

/**
 * studio_image_actions_copy:
 * @widget: the widget whose clipboard to use
 * @record: a stored image
 *
 * Puts the whole image on the clipboard, decoded in a worker.
 */
void
studio_image_actions_copy (GtkWidget         *widget,
                           StudioImageRecord *record)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  if (!has_file (widget, record))
    return;

  /* No source object: the last reference to a widget must not go in a
   * worker.
   */
  task = g_task_new (NULL, NULL, copy_loaded_cb, requester_new (widget));
  g_task_set_source_tag (task, studio_image_actions_copy);
  g_task_set_name (task, "[studio] copy image");
  g_task_set_task_data (task, g_strdup (studio_image_record_get_file (record)), g_free);
  g_task_run_in_thread (task, copy_load_thread);
}

/* Delete -------------------------------------------------------------------- */

/* One deletion of one or more images, until its toast is gone and the
 * store has done what was asked: shared by the store's callbacks and the
 * toast's signals.
 */
typedef struct
{
  GtkWidget               *widget;    /* weak */
  StudioImageStore        *store;
  StudioImageRestoredFunc  restored;
  GPtrArray               *deleted;   /* StudioImageRecord, hidden in the store */
  GPtrArray               *failed;    /* StudioImageRecord, still shown */
  char                    *error;     /* the first failure's message */
  guint                    n_waiting;
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
  g_clear_pointer (&pending->deleted, g_ptr_array_unref);
  g_clear_pointer (&pending->failed, g_ptr_array_unref);
  g_clear_pointer (&pending->error, g_free);
}

static void
pending_delete_unref (PendingDelete *pending)
{
  g_rc_box_release_full (pending, (GDestroyNotify) pending_delete_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingDelete, pending_delete_unref)

typedef struct
{
  PendingDelete     *pending;
  StudioImageRecord *record;
} DeleteStep;

static DeleteStep *
delete_step_new (PendingDelete     *pending,
                 StudioImageRecord *record)
{
  DeleteStep *step = g_new0 (DeleteStep, 1);

  step->pending = pending_delete_ref (pending);
  step->record = g_object_ref (record);
  return step;
}

static void
delete_step_free (DeleteStep *step)
{
  pending_delete_unref (step->pending);
  g_object_unref (step->record);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteStep, delete_step_free)

static void
show_again (PendingDelete     *pending,
            StudioImageRecord *record)
{
  if (pending->widget != NULL && pending->restored != NULL)
    pending->restored (pending->widget, record);
}

static void
purge_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!studio_image_store_change_finish (STUDIO_IMAGE_STORE (object), result, &error))
    g_message ("Could not remove a deleted image: %s (it goes at the next start)",
               error->message);
}

/* The images go for good only once their toast is gone without Undo;
 * also when the window closed first: the user did delete them.
 */
static void
toast_finish (gpointer user_data)
{
  PendingDelete *pending = user_data;

  for (guint i = 0; i < pending->deleted->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (pending->deleted, i);

      studio_image_store_purge_async (pending->store, studio_image_record_get_id (record),
                                      NULL, purge_cb, NULL);
    }
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeleteStep) step = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_image_store_change_finish (STUDIO_IMAGE_STORE (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not bring the image back: %s"),
                                                  error->message);

      if (step->pending->widget != NULL)
        studio_ui_add_toast (step->pending->widget, message);
      return;
    }

  show_again (step->pending, step->record);
}

static void
toast_undo (gpointer user_data)
{
  PendingDelete *pending = user_data;

  for (guint i = 0; i < pending->deleted->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (pending->deleted, i);

      studio_image_store_restore_async (pending->store, studio_image_record_get_id (record),
                                        NULL, restore_cb, delete_step_new (pending, record));
    }
}

/* Every image has been hidden, or failed to be: one toast to undo them. */
static void
delete_done (PendingDelete *pending)
{
  g_autofree char *title = NULL;

  if (pending->error != NULL && pending->widget != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete the image: %s"),
                                                  pending->error);

      studio_ui_add_toast (pending->widget, message);
    }

  if (pending->deleted->len == 0)
    return;

  if (pending->deleted->len == 1)
    title = g_strdup (_("Image deleted"));
  else
    title = g_strdup_printf (ngettext ("%u image deleted", "%u images deleted",
                                       pending->deleted->len),
                             pending->deleted->len);
  studio_ui_add_undo_toast (pending->widget, title, toast_undo, toast_finish,
                            pending_delete_ref (pending),
                            (GDestroyNotify) pending_delete_unref);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DeleteStep) step = user_data;
  PendingDelete *pending = step->pending;
  g_autoptr(GError) error = NULL;

  if (studio_image_store_change_finish (STUDIO_IMAGE_STORE (object), result, &error))
    g_ptr_array_add (pending->deleted, g_object_ref (step->record));
  else
    {
      g_ptr_array_add (pending->failed, g_object_ref (step->record));
      if (pending->error == NULL)
        pending->error = g_strdup (error->message);
      show_again (pending, step->record);
    }

  if (--pending->n_waiting == 0)
    delete_done (pending);
}

/**
 * studio_image_actions_delete:
 * @widget: the widget that deletes, inside a toast overlay; it has
 *   already stopped showing @records
 * @store: the store that has them
 * @records: (element-type StudioImageRecord): the images
 * @restored: (nullable): called for each image shown again, while @widget
 *   is still there: after Undo, or when it could not be deleted
 *
 * Hides the images in the store, then offers Undo in a toast; they are
 * removed for good, files and all, once the toast is gone without it.
 */
void
studio_image_actions_delete (GtkWidget               *widget,
                             StudioImageStore        *store,
                             GPtrArray               *records,
                             StudioImageRestoredFunc  restored)
{
  g_autoptr(PendingDelete) pending = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (STUDIO_IS_IMAGE_STORE (store));
  g_return_if_fail (records != NULL);

  if (records->len == 0)
    return;

  pending = g_rc_box_new0 (PendingDelete);
  g_set_weak_pointer (&pending->widget, widget);
  pending->store = g_object_ref (store);
  pending->restored = restored;
  pending->deleted = g_ptr_array_new_with_free_func (g_object_unref);
  pending->failed = g_ptr_array_new_with_free_func (g_object_unref);
  pending->n_waiting = records->len;

  for (guint i = 0; i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);

      studio_image_store_delete_async (store, studio_image_record_get_id (record), NULL,
                                       delete_cb, delete_step_new (pending, record));
    }
}
