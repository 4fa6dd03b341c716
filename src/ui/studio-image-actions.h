/* studio-image-actions.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "studio-image-record.h"
#include "studio-image-store.h"

G_BEGIN_DECLS

/**
 * StudioImageRestoredFunc:
 * @widget: the widget that deleted the image, still there
 * @record: an image back in the gallery: its deletion was undone, or
 *   failed
 *
 * Called so that @widget shows @record again.
 */
typedef void (*StudioImageRestoredFunc) (GtkWidget         *widget,
                                         StudioImageRecord *record);

void studio_image_actions_save      (GtkWidget               *widget,
                                     StudioImageRecord       *record);
void studio_image_actions_copy      (GtkWidget               *widget,
                                     StudioImageRecord       *record);
void studio_image_actions_delete    (GtkWidget               *widget,
                                     StudioImageStore        *store,
                                     GPtrArray               *records,
                                     StudioImageRestoredFunc  restored);
void studio_image_actions_add_toast (GtkWidget               *widget,
                                     const char              *message);

G_END_DECLS
