/* studio-image-options-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-image-options.h"

G_BEGIN_DECLS

/* The parameters this panel has rows for, in the order shown. */
enum {
  ROW_SIZE,
  ROW_QUALITY,
  ROW_BACKGROUND,
  ROW_OUTPUT_FORMAT,
  ROW_OUTPUT_COMPRESSION,
  ROW_MODERATION,
  ROW_INPUT_FIDELITY,
  ROW_STYLE,
  ROW_RESPONSE_FORMAT,
  ROW_N,
  ROW_STREAM,
  ROW_PARTIAL_IMAGES,
  N_ROWS
};

struct _StudioImageOptions
{
  AdwBin                parent_instance;

  /* Owned references */
  StudioModel          *model;
  JsonObject           *values;
  char                 *endpoint;
  GPtrArray            *size_entries;  /* the size each entry of size_row stands for */
  GError               *size_error;
  char                 *nearest;
  char                 *forced_note;   /* what value_requires changed, until the user acts */
  char                 *forced_source;
  char                 *forced_target;

  /* Borrowed references */
  GtkWidget            *rows[N_ROWS];

  /* Template widgets */
  AdwComboRow          *size_row;
  AdwActionRow         *width_row;
  GtkSpinButton        *width_spin;
  AdwActionRow         *height_row;
  GtkSpinButton        *height_spin;
  AdwPreferencesRow    *size_problem_row;
  GtkLabel             *size_problem_label;
  GtkButton            *size_fix_button;
  AdwComboRow          *quality_row;
  AdwComboRow          *background_row;
  AdwComboRow          *format_row;
  AdwActionRow         *compression_row;
  GtkSpinButton        *compression_spin;
  AdwComboRow          *moderation_row;
  AdwComboRow          *fidelity_row;
  AdwComboRow          *style_row;
  AdwComboRow          *response_format_row;
  AdwActionRow         *n_row;
  GtkSpinButton        *n_spin;
  AdwActionRow         *stream_row;
  GtkSwitch            *stream_switch;
  AdwActionRow         *partial_row;
  GtkSpinButton        *partial_spin;

  guint                 custom_index;  /* G_MAXUINT without a "Custom…" entry */
  guint                 updating;
  gboolean              valid;
};

const char *studio_image_options_value_label          (const char         *value);
JsonObject *studio_image_options_get_rule             (StudioImageOptions *self,
                                                       const char         *name);
const char *studio_image_options_get_effective_string (StudioImageOptions *self,
                                                       const char         *name);
void        studio_image_options_emit_changed         (StudioImageOptions *self);
void        studio_image_options_set_valid            (StudioImageOptions *self,
                                                       gboolean            valid);

/* studio-image-options-size.c */
void        studio_image_options_class_init_size      (GtkWidgetClass     *widget_class);
void        studio_image_options_bind_size            (StudioImageOptions *self);
void        studio_image_options_update_size          (StudioImageOptions *self);

G_END_DECLS
