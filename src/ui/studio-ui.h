/* studio-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      studio_ui_init      (void);
AdwToast *studio_ui_toast_new (const char *text);
void      studio_ui_add_toast (GtkWidget  *widget,
                               const char *text);
void      studio_ui_name_mnemonic_buttons (GtkWidget *widget);

G_END_DECLS
