/* studio-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-context.h"

G_BEGIN_DECLS

#define STUDIO_TYPE_WINDOW (studio_window_get_type ())

G_DECLARE_FINAL_TYPE (StudioWindow, studio_window, STUDIO, WINDOW, AdwApplicationWindow)

StudioWindow *studio_window_new            (GtkApplication    *application,
                                            StudioContext     *context);
void          studio_window_open_files     (StudioWindow      *self,
                                            GFile            **files,
                                            int                n_files);
void          studio_window_add_toast      (StudioWindow      *self,
                                            const char        *title);
void          studio_window_show_toast     (StudioWindow      *self,
                                            AdwToast          *toast);
const char   *studio_window_get_workspace  (StudioWindow      *self);
void          studio_window_set_workspace  (StudioWindow      *self,
                                            const char        *name);

G_END_DECLS
