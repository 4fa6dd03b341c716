/* studio-file-chooser.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * StudioFilesChosenFunc:
 * @widget: the widget that asked
 * @files: the chosen files, a list of #GFile
 * @user_data: the data given with the function
 *
 * Called once files are chosen, and only if @widget is still there.
 */
typedef void (*StudioFilesChosenFunc) (GtkWidget  *widget,
                                       GListModel *files,
                                       gpointer    user_data);

void studio_file_chooser_open (GtkWidget             *widget,
                               const char            *title,
                               const char            *accept_label,
                               GtkFileFilter         *filter,
                               StudioFilesChosenFunc  callback,
                               gpointer               user_data,
                               GDestroyNotify         destroy);
void studio_file_chooser_save (GtkWidget             *widget,
                               const char            *title,
                               const char            *accept_label,
                               const char            *initial_name,
                               StudioFilesChosenFunc  callback,
                               gpointer               user_data,
                               GDestroyNotify         destroy);

G_END_DECLS
