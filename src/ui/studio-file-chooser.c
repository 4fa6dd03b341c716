/* studio-file-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-ui.h"

/* Picking files to open or a file to save, the way the platform does it:
 * GtkFileDialog where GTK has it (4.10), GtkFileChooserNative before. Both
 * go through the file chooser portal inside Flatpak, and the files they
 * give are ones the sandbox may read or write.
 */

typedef struct
{
  GtkWidget             *widget;  /* weak */
  StudioFilesChosenFunc  callback;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Chooser;

static Chooser *
chooser_new (GtkWidget             *widget,
             StudioFilesChosenFunc  callback,
             gpointer               user_data,
             GDestroyNotify         destroy)
{
  Chooser *chooser = g_new0 (Chooser, 1);

  g_set_weak_pointer (&chooser->widget, widget);
  chooser->callback = callback;
  chooser->user_data = user_data;
  chooser->destroy = destroy;

  return chooser;
}

/* @files is %NULL when nothing was chosen. */
static void
chooser_finish (Chooser    *chooser,
                GListModel *files)
{
  if (files != NULL && g_list_model_get_n_items (files) > 0 && chooser->widget != NULL)
    chooser->callback (chooser->widget, files, chooser->user_data);

  g_clear_weak_pointer (&chooser->widget);
  if (chooser->destroy != NULL)
    chooser->destroy (chooser->user_data);
  g_free (chooser);
}

static GtkWindow *
chooser_get_parent (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/* Dismissed is no error; a portal that fails is. */
static void
chooser_report (Chooser *chooser,
                GError  *error)
{
  if (error == NULL || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
      chooser->widget == NULL)
    return;

  studio_ui_add_toast (chooser->widget, error->message);
}

static void
chooser_open_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error);
  chooser_report (user_data, error);
  chooser_finish (user_data, files);
}

static void
chooser_save_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);
  chooser_report (user_data, error);
  if (file != NULL)
    g_list_store_append (files, file);
  chooser_finish (user_data, G_LIST_MODEL (files));
}

static GtkFileDialog *
chooser_dialog_new (const char *title,
                    const char *accept_label)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);

  return dialog;
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     Chooser         *chooser)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  chooser_finish (chooser, files);
}

static void
chooser_show (GtkFileChooserNative *native,
              Chooser              *chooser)
{
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), chooser);
  g_signal_connect_after (native, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/**
 * studio_file_chooser_open:
 * @widget: the widget that asks, and whose window the chooser belongs to
 * @title: the chooser's title
 * @accept_label: its button's label, with a mnemonic
 * @filter: (nullable): the files it shows
 * @callback: called with the files
 * @user_data: data for @callback
 * @destroy: (nullable): frees @user_data, called in any case
 *
 * Lets the user pick one or more files to open.
 */
void
studio_file_chooser_open (GtkWidget             *widget,
                          const char            *title,
                          const char            *accept_label,
                          GtkFileFilter         *filter,
                          StudioFilesChosenFunc  callback,
                          gpointer               user_data,
                          GDestroyNotify         destroy)
{
  Chooser *chooser;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (callback != NULL);

  chooser = chooser_new (widget, callback, user_data, destroy);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = chooser_dialog_new (title, accept_label);

    if (filter != NULL)
      {
        g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

        g_list_store_append (filters, filter);
        gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
        gtk_file_dialog_set_default_filter (dialog, filter);
      }
    gtk_file_dialog_open_multiple (dialog, chooser_get_parent (widget), NULL,
                                   chooser_open_cb, chooser);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, chooser_get_parent (widget),
                                          GTK_FILE_CHOOSER_ACTION_OPEN, accept_label,
                                          _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
    if (filter != NULL)
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    chooser_show (native, chooser);
  }
#endif
}

/**
 * studio_file_chooser_save:
 * @widget: the widget that asks, and whose window the chooser belongs to
 * @title: the chooser's title
 * @accept_label: its button's label, with a mnemonic
 * @initial_name: the file name it proposes
 * @callback: called with a list of the one file to write
 * @user_data: data for @callback
 * @destroy: (nullable): frees @user_data, called in any case
 *
 * Lets the user pick where to save a file.
 */
void
studio_file_chooser_save (GtkWidget             *widget,
                          const char            *title,
                          const char            *accept_label,
                          const char            *initial_name,
                          StudioFilesChosenFunc  callback,
                          gpointer               user_data,
                          GDestroyNotify         destroy)
{
  Chooser *chooser;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (callback != NULL);

  chooser = chooser_new (widget, callback, user_data, destroy);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = chooser_dialog_new (title, accept_label);

    gtk_file_dialog_set_initial_name (dialog, initial_name);
    gtk_file_dialog_save (dialog, chooser_get_parent (widget), NULL, chooser_save_cb, chooser);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (title, chooser_get_parent (widget),
                                          GTK_FILE_CHOOSER_ACTION_SAVE, accept_label,
                                          _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
    chooser_show (native, chooser);
  }
#endif
}
