/* studio-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * StudioUndoFunc:
 * @user_data: the data given to studio_ui_add_undo_toast()
 *
 * What an undo toast calls on Undo, or when it goes without Undo.
 */
typedef void (*StudioUndoFunc) (gpointer user_data);

void      studio_ui_init      (void);
AdwToast *studio_ui_toast_new (const char *text);
void      studio_ui_add_toast (GtkWidget  *widget,
                               const char *text);
void      studio_ui_add_undo_toast (GtkWidget      *widget,
                                    const char     *title,
                                    StudioUndoFunc  undo,
                                    StudioUndoFunc  finish,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy);
void      studio_ui_name_mnemonic_buttons (GtkWidget *widget);

G_END_DECLS
