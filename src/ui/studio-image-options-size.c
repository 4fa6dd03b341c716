/* studio-image-options-size.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-options"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-options-private.h"
#include "studio-image-size.h"
#include "studio-json.h"
#include "studio-utils.h"

/* The Size row of the image options: the family's sizes, or for a family
 * that takes sizes of its own (gpt-image-2) its presets and "Custom…" with
 * Width and Height. Every size shown is checked with
 * studio_image_size_check(); one that fails is never changed here, but
 * shown with the reason and a button for the nearest valid size.
 */

static char *
size_label (const char *size)
{
  guint width, height;

  if (g_strcmp0 (size, "auto") == 0)
    return g_strdup (studio_image_options_value_label ("auto"));
  if (!studio_image_size_parse (size, &width, &height, NULL))
    return g_strdup (size);

  /* TRANSLATORS: an image size, width × height in pixels */
  return g_strdup_printf (_("%u × %u"), width, height);
}

/* The same size whether typed "1024X1024" or listed "1024x1024". */
static char *
size_normalize (const char *size)
{
  guint width, height;

  if (size != NULL && studio_image_size_parse (size, &width, &height, NULL))
    return studio_image_size_format (width, height);

  return g_strdup (size);
}

/* The size the user has chosen: the entry's, or the custom one typed. */
static char *
studio_image_options_dup_chosen_size (StudioImageOptions *self)
{
  guint selected = adw_combo_row_get_selected (self->size_row);

  if (self->size_entries == NULL || selected >= self->size_entries->len)
    return NULL;

  if (selected == self->custom_index)
    return studio_image_size_format (gtk_spin_button_get_value_as_int (self->width_spin),
                                     gtk_spin_button_get_value_as_int (self->height_spin));

  return g_strdup (g_ptr_array_index (self->size_entries, selected));
}

/* Checks the size shown, and says what is wrong with it, or that it is
 * experimental. Nothing here changes it.
 */
void
studio_image_options_update_size (StudioImageOptions *self)
{
  g_autofree char *size = NULL;
  gboolean custom = FALSE;
  gboolean experimental = FALSE;

  g_clear_error (&self->size_error);
  g_clear_pointer (&self->nearest, g_free);

  if (studio_image_options_get_rule (self, "size") != NULL)
    {
      size = studio_image_options_dup_chosen_size (self);
      custom = adw_combo_row_get_selected (self->size_row) == self->custom_index;
    }

  if (size != NULL)
    studio_image_size_check (self->model, size, &experimental, &self->nearest,
                             &self->size_error);

  gtk_widget_set_visible (GTK_WIDGET (self->width_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->size_problem_row), self->size_error != NULL);

  if (self->size_error != NULL)
    {
      gtk_label_set_text (self->size_problem_label, self->size_error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->size_fix_button), self->nearest != NULL);
      if (self->nearest != NULL)
        {
          g_autofree char *shown = size_label (self->nearest);
          /* TRANSLATORS: %s is a size such as "1008 × 1008" */
          g_autofree char *label = g_strdup_printf (_("Use %s"), shown);

          gtk_button_set_label (self->size_fix_button, label);
        }
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->size_row),
                               experimental ? _("Sizes above 2560 × 1440 are experimental") : "");

  studio_image_options_set_valid (self, self->size_error == NULL);
}

static void
size_entry_add (StudioImageOptions *self,
                GtkStringList      *labels,
                const char         *size,
                const char         *label)
{
  g_ptr_array_add (self->size_entries, g_strdup (size));
  gtk_string_list_append (labels, label);
}

static const char *
preset_name (StudioImageSizePreset *preset)
{
  if (g_str_equal (preset->id, "16:9"))
    return _("Widescreen 16:9");

  return preset->label;
}

static guint
size_entry_find (StudioImageOptions *self,
                 const char         *size)
{
  g_autofree char *wanted = size_normalize (size);

  for (guint i = 0; wanted != NULL && i < self->size_entries->len; i++)
    {
      g_autofree char *entry = size_normalize (g_ptr_array_index (self->size_entries, i));

      if (i != self->custom_index && g_strcmp0 (entry, wanted) == 0)
        return i;
    }

  return G_MAXUINT;
}

void
studio_image_options_bind_size (StudioImageOptions *self)
{
  JsonObject *rule = studio_image_options_get_rule (self, "size");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) presets = NULL;
  JsonArray *listed;
  const char *current;
  guint selected;
  guint width, height;

  g_clear_pointer (&self->size_entries, g_ptr_array_unref);
  self->size_entries = g_ptr_array_new_with_free_func (g_free);
  self->custom_index = G_MAXUINT;

  if (rule == NULL)
    {
      adw_combo_row_set_model (self->size_row, NULL);
      return;
    }

  listed = studio_json_get_array (rule, "values");
  if (studio_image_size_takes_custom (self->model))
    {
      presets = studio_image_size_list_presets (self->model);
      if (studio_json_array_has_string (listed, "auto"))
        size_entry_add (self, labels, "auto", studio_image_options_value_label ("auto"));
      for (guint i = 0; i < presets->len; i++)
        {
          StudioImageSizePreset *preset = g_ptr_array_index (presets, i);
          g_autofree char *shown = size_label (preset->size);
          g_autofree char *label = NULL;

          if (preset_name (preset) != NULL)
            /* TRANSLATORS: a size preset and its size, "Square (1024 × 1024)" */
            label = g_strdup_printf (_("%s (%s)"), preset_name (preset), shown);
          size_entry_add (self, labels, preset->size, label ? label : shown);
        }
    }

  /* The family's own sizes that no preset has already offered. */
  for (guint i = 0; listed != NULL && i < json_array_get_length (listed); i++)
    {
      const char *size = json_array_get_string_element (listed, i);
      g_autofree char *label = NULL;

      if (size == NULL || size_entry_find (self, size) != G_MAXUINT)
        continue;
      label = size_label (size);
      size_entry_add (self, labels, size, label);
    }

  current = studio_json_get_string (self->values, "size");
  if (current == NULL)
    current = studio_json_get_string (rule, "default");

  selected = size_entry_find (self, current);
  if (selected == G_MAXUINT && current != NULL &&
      !(presets != NULL && studio_image_size_parse (current, &width, &height, NULL)))
    {
      g_autofree char *shown = size_label (current);
      /* TRANSLATORS: a size chosen before that this model does not make */
      g_autofree char *label = g_strdup_printf (_("%s (not offered)"), shown);

      /* Shown as it is, with the reason, rather than changed behind the
       * user's back.
       */
      selected = self->size_entries->len;
      size_entry_add (self, labels, current, label);
    }

  if (presets != NULL)
    {
      self->custom_index = self->size_entries->len;
      size_entry_add (self, labels, "", _("Custom…"));
      if (selected == G_MAXUINT && current != NULL)
        {
          selected = self->custom_index;
          gtk_spin_button_set_value (self->width_spin, width);
          gtk_spin_button_set_value (self->height_spin, height);
        }
    }

  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->size_row, selected != G_MAXUINT ? selected : 0);

  if (presets != NULL)
    {
      JsonObject *custom = studio_json_get_object (rule, "custom");
      guint multiple = studio_json_get_int (custom, "multiple_of", 1);
      g_autofree char *subtitle = NULL;

      if (multiple > 1)
        /* TRANSLATORS: the width or height of an image */
        subtitle = g_strdup_printf (_("In pixels, a multiple of %u"), multiple);
      adw_action_row_set_subtitle (self->width_row, subtitle ? subtitle : _("In pixels"));
      adw_action_row_set_subtitle (self->height_row, subtitle ? subtitle : _("In pixels"));
    }
}

static void
on_size_selected_cb (StudioImageOptions *self)
{
  g_autofree char *size = NULL;
  guint width, height;

  if (self->updating > 0 || self->values == NULL)
    return;

  /* "Custom…" starts from the size chosen before, when it has one. */
  if (adw_combo_row_get_selected (self->size_row) == self->custom_index)
    {
      const char *before = studio_image_options_get_effective_string (self, "size");

      if (before != NULL && studio_image_size_parse (before, &width, &height, NULL))
        {
          self->updating++;
          gtk_spin_button_set_value (self->width_spin, width);
          gtk_spin_button_set_value (self->height_spin, height);
          self->updating--;
        }
    }

  size = studio_image_options_dup_chosen_size (self);
  if (size != NULL)
    json_object_set_string_member (self->values, "size", size);
  studio_image_options_update_size (self);
  studio_image_options_emit_changed (self);
}

static void
on_custom_size_changed_cb (StudioImageOptions *self)
{
  g_autofree char *size = NULL;

  if (self->updating > 0 || self->values == NULL ||
      adw_combo_row_get_selected (self->size_row) != self->custom_index)
    return;

  size = studio_image_options_dup_chosen_size (self);
  json_object_set_string_member (self->values, "size", size);
  studio_image_options_update_size (self);
  studio_image_options_emit_changed (self);
}

static void
on_size_fix_clicked_cb (StudioImageOptions *self)
{
  g_autofree char *nearest = g_strdup (self->nearest);
  guint width, height;
  guint index;

  if (nearest == NULL || self->values == NULL)
    return;

  if (adw_combo_row_get_selected (self->size_row) == self->custom_index &&
      studio_image_size_parse (nearest, &width, &height, NULL))
    {
      self->updating++;
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
      self->updating--;
      on_custom_size_changed_cb (self);
    }
  else if ((index = size_entry_find (self, nearest)) != G_MAXUINT)
    adw_combo_row_set_selected (self->size_row, index);
  else
    {
      json_object_set_string_member (self->values, "size", nearest);
      studio_image_options_update_size (self);
      studio_image_options_emit_changed (self);
    }
}

void
studio_image_options_class_init_size (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_size_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_size_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_size_fix_clicked_cb);
}
