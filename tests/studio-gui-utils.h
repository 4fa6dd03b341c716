/* studio-gui-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-application.h"
#include "studio-window.h"

G_BEGIN_DECLS

/* Helpers the window tests share: folders of their own, finding widgets as
 * a person sees them, waiting on conditions and frames (never on the
 * clock), screenshots.
 */

typedef gboolean (*StudioCheckFunc) (gpointer data);

void       studio_gui_use_private_dirs  (const char      *tmpl);
void       studio_gui_wait_for          (StudioCheckFunc  check,
                                         gpointer         data);
void       studio_gui_wait_frames       (GtkWidget       *widget,
                                         guint            n_frames);
void       studio_gui_drain             (void);
void       studio_gui_screenshot        (GtkWidget       *widget,
                                         const char      *name);
GtkWidget *studio_gui_find_widget       (GtkWidget       *root,
                                         GType            type,
                                         const char      *title);
GtkWidget *studio_gui_find_by_class     (GtkWidget       *root,
                                         const char      *css_class);
GtkWidget *studio_gui_find_label_prefix (GtkWidget       *root,
                                         const char      *prefix);
GtkWidget *studio_gui_find_by_tooltip   (GtkWidget       *root,
                                         const char      *tooltip);
GFile     *studio_gui_write_temp        (const char      *name,
                                         const guint8    *data,
                                         gsize            length);

StudioWindow *studio_gui_start_app (StudioApplication **app_out);

G_END_DECLS
