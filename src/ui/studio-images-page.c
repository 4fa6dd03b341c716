/* studio-images-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-images-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-actions.h"
#include "studio-image-request.h"
#include "studio-images-page-private.h"
#include "studio-json.h"
#include "studio-utils.h"

/* The workspace for making images: a composer on the left (model, mode,
 * prompt, the images to edit and their mask, the options, the estimate,
 * Generate), and on the right the gallery, with the images being made
 * above it, or one image large with its details, or several compared, or
 * the mask being painted. Sending lives in studio-images-page-run.c.
 */

G_DEFINE_FINAL_TYPE (StudioImagesPage, studio_images_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


const char *
studio_images_page_get_endpoint (StudioImagesPage *self)
{
  if (gtk_toggle_button_get_active (self->edit_mode_button))
    return STUDIO_IMAGE_ENDPOINT_EDITS;
  if (gtk_toggle_button_get_active (self->variation_mode_button))
    return STUDIO_IMAGE_ENDPOINT_VARIATIONS;
  return STUDIO_IMAGE_ENDPOINT_GENERATIONS;
}

char *
studio_images_page_dup_prompt (StudioImagesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->prompt_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
studio_images_page_update_actions (StudioImagesPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  const char *endpoint = studio_images_page_get_endpoint (self);
  gboolean variation = g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS);
  gboolean generations = g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  gboolean running = studio_images_page_get_running (self);
  g_autofree char *prompt = studio_images_page_dup_prompt (self);
  gint64 max_chars = model ? studio_model_get_prompt_max_chars (model) : 0;
  glong n_chars = g_utf8_strlen (prompt, -1);
  gboolean too_long = max_chars > 0 && n_chars > max_chars;
  gboolean mask_allowed = model && g_str_equal (endpoint, STUDIO_IMAGE_ENDPOINT_EDITS) &&
                          studio_model_has_capability (model, "mask");
  gboolean can_generate;

  can_generate = model != NULL && !running &&
                 (variation || !studio_str_is_blank (prompt)) && !too_long &&
                 studio_image_options_get_valid (self->options) &&
                 (generations || (self->sources->len > 0 && studio_images_page_sources_ok (self)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "images.generate", can_generate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "images.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "images.paint-mask",
                                 mask_allowed && self->sources->len > 0 &&
                                 ((StudioImageSource *) g_ptr_array_index (self->sources, 0))->error == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "images.remove-mask",
                                 self->mask != NULL && !studio_image_mask_get_empty (self->mask));
  gtk_widget_set_visible (self->mask_box, mask_allowed);
  gtk_widget_set_visible (self->prompt_box, !variation);

  /* The count is shown once it matters, and says what to do past the limit. */
  if (too_long)
    {
      g_autofree char *text = g_strdup_printf (_("%ld of at most %" G_GINT64_FORMAT
                                                 " characters: shorten the prompt"),
                                               n_chars, max_chars);

      gtk_label_set_text (self->prompt_count_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->prompt_count_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->prompt_count_label), "dim-label");
    }
  else
    {
      g_autofree char *text = max_chars > 0 && n_chars > max_chars / 2
                              ? g_strdup_printf (_("%ld of %" G_GINT64_FORMAT " characters"),
                                                 n_chars, max_chars)
                              : NULL;

      gtk_label_set_text (self->prompt_count_label, text ? text : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->prompt_count_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->prompt_count_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_count_label),
                          *gtk_label_get_text (self->prompt_count_label) != '\0');

  if (self->mask == NULL || studio_image_mask_get_empty (self->mask))
    gtk_label_set_text (self->mask_label, _("No mask: the model may change the whole image"));
  else
    gtk_label_set_text (self->mask_label, _("The painted area of the first image will change"));
}









/**
 * studio_images_page_set_prompt:
 * @prompt: text for the prompt
 */
void
studio_images_page_set_prompt (StudioImagesPage *self,
                               const char       *prompt)
{
  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->prompt_view), prompt ? prompt : "", -1);
}

static void
studio_images_page_bind_options (StudioImagesPage *self)
{
  studio_image_options_bind (self->options,
                             studio_model_picker_get_selected (self->model_picker),
                             studio_images_page_get_endpoint (self), self->options_values);
}

static void
studio_images_page_update_modes (StudioImagesPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  gboolean edits = model && studio_model_has_endpoint (model, STUDIO_IMAGE_ENDPOINT_EDITS);
  gboolean variations = model && studio_model_has_endpoint (model, STUDIO_IMAGE_ENDPOINT_VARIATIONS);

  gtk_widget_set_visible (GTK_WIDGET (self->edit_mode_button), edits);
  gtk_widget_set_visible (GTK_WIDGET (self->variation_mode_button), variations);
  if ((!edits && gtk_toggle_button_get_active (self->edit_mode_button)) ||
      (!variations && gtk_toggle_button_get_active (self->variation_mode_button)))
    gtk_toggle_button_set_active (self->generate_mode_button, TRUE);
}

static void
mode_toggled_cb (StudioImagesPage *self,
                 GtkToggleButton  *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->sources_group),
                          button != self->generate_mode_button);
  studio_images_page_bind_options (self);
  studio_images_page_update_sources_hint (self);
  studio_images_page_update_estimate (self);
  studio_images_page_update_actions (self);
}

/**
 * studio_images_page_set_mode:
 * @endpoint: %STUDIO_IMAGE_ENDPOINT_GENERATIONS, _EDITS or _VARIATIONS
 */
void
studio_images_page_set_mode (StudioImagesPage *self,
                             const char       *endpoint)
{
  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));

  if (g_strcmp0 (endpoint, STUDIO_IMAGE_ENDPOINT_EDITS) == 0)
    gtk_toggle_button_set_active (self->edit_mode_button, TRUE);
  else if (g_strcmp0 (endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS) == 0)
    gtk_toggle_button_set_active (self->variation_mode_button, TRUE);
  else
    gtk_toggle_button_set_active (self->generate_mode_button, TRUE);
}

static void
model_changed_cb (StudioImagesPage *self)
{
  studio_images_page_update_modes (self);
  studio_images_page_bind_options (self);
  studio_images_page_update_sources_hint (self);
  studio_images_page_update_estimate (self);
  studio_images_page_update_actions (self);
}

static void
prompt_changed_cb (StudioImagesPage *self)
{
  studio_images_page_update_estimate (self);
  studio_images_page_update_actions (self);
}

static void
options_changed_cb (StudioImagesPage *self)
{
  studio_images_page_update_estimate (self);
  studio_images_page_update_actions (self);
}






static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);

  gtk_stack_set_visible_child_name (self->main_stack, "gallery");
  adw_flap_set_reveal_flap (ADW_FLAP (adw_bin_get_child (ADW_BIN (self))), TRUE);
  g_clear_object (&self->shown);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  studio_image_viewer_set_fit (STUDIO_IMAGES_PAGE (widget)->viewer, TRUE);
}

static void
generate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  studio_images_page_generate (STUDIO_IMAGES_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  studio_images_page_cancel (STUDIO_IMAGES_PAGE (widget));
}

/**
 * studio_images_page_show_image:
 * @record: a gallery image
 *
 * Shows @record large, with its details.
 */
void
studio_images_page_show_image (StudioImagesPage  *self,
                               StudioImageRecord *record)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  g_set_object (&self->shown, record);
  if (studio_image_record_get_file (record) != NULL)
    file = g_file_new_for_path (studio_image_record_get_file (record));
  studio_image_viewer_set_file (self->viewer, file);
  studio_image_viewer_set_description (self->viewer, studio_image_record_get_prompt (record));
  studio_image_viewer_set_fit (self->viewer, TRUE);
  studio_image_details_set_record (self->details, self->context, record);
  gtk_label_set_text (self->image_title, studio_image_record_get_prompt (record));
  gtk_stack_set_visible_child_name (self->main_stack, "image");
}

/**
 * studio_images_page_use_as_source:
 * @record: a gallery image
 *
 * Starts an edit of @record: it becomes the only source, and the new
 * images remember they came from it.
 */
void
studio_images_page_use_as_source (StudioImagesPage  *self,
                                  StudioImageRecord *record)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));

  if (studio_image_record_get_file (record) == NULL || studio_image_record_get_missing (record))
    {
      studio_image_actions_add_toast (GTK_WIDGET (self),
                                      _("This image’s file is missing, so it cannot be edited."));
      return;
    }

  file = g_file_new_for_path (studio_image_record_get_file (record));
  studio_images_page_clear_sources (self);
  studio_images_page_set_mode (self, STUDIO_IMAGE_ENDPOINT_EDITS);
  studio_images_page_add_source (self, file, studio_image_record_get_id (record));
  gtk_stack_set_visible_child_name (self->main_stack, "gallery");
  gtk_widget_grab_focus (GTK_WIDGET (self->prompt_view));
}

static void
parent_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StudioImagesPage) self = user_data;
  g_autoptr(StudioImageRecord) parent = NULL;
  g_autoptr(GError) error = NULL;

  parent = studio_image_store_record_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (parent != NULL && studio_image_record_get_file (parent) != NULL &&
      !studio_image_record_get_missing (parent))
    {
      g_autoptr(GFile) file = g_file_new_for_path (studio_image_record_get_file (parent));

      studio_images_page_add_source (self, file, studio_image_record_get_id (parent));
    }
}

static void
studio_images_page_regenerate (StudioImagesPage  *self,
                               StudioImageRecord *record)
{
  JsonObject *options = studio_image_record_get_options (record);

  studio_model_picker_select_id (self->model_picker, studio_image_record_get_model (record));
  if (studio_model_picker_get_selected (self->model_picker) == NULL ||
      g_strcmp0 (studio_model_get_id (studio_model_picker_get_selected (self->model_picker)),
                 studio_image_record_get_model (record)) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not in the model list any more. "
                                                    "Choose another model and generate again."),
                                                  studio_image_record_get_model (record));

      studio_image_actions_add_toast (GTK_WIDGET (self), message);
      return;
    }

  studio_images_page_set_options (self, options);
  studio_images_page_set_prompt (self, studio_image_record_get_prompt (record));

  if (g_strcmp0 (studio_image_record_get_endpoint (record), STUDIO_IMAGE_ENDPOINT_GENERATIONS) != 0)
    {
      gint64 parent_id = studio_image_record_get_parent_id (record);

      /* An edit is made again from the image it came from, when that is kept. */
      studio_images_page_clear_sources (self);
      studio_images_page_set_mode (self, studio_image_record_get_endpoint (record));
      studio_images_page_bind_options (self);
      if (parent_id > 0)
        studio_image_store_get_async (studio_context_get_image_store (self->context), parent_id,
                                self->cancellable, parent_found_cb, g_object_ref (self));
      studio_image_actions_add_toast (GTK_WIDGET (self),
                                      _("The settings are back. Add the images to edit, then "
                                        "generate."));
      gtk_stack_set_visible_child_name (self->main_stack, "gallery");
      return;
    }

  studio_images_page_set_mode (self, STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  studio_images_page_bind_options (self);
  gtk_stack_set_visible_child_name (self->main_stack, "gallery");
  studio_images_page_update_actions (self);
  studio_images_page_generate (self);
}

static void
send_to_chat (StudioImagesPage  *self,
              StudioImageRecord *record)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (studio_image_record_get_file (record) == NULL || studio_image_record_get_missing (record))
    {
      studio_image_actions_add_toast (GTK_WIDGET (self),
                                      _("This image’s file is missing, so it cannot be sent."));
      return;
    }

  file = g_file_new_for_path (studio_image_record_get_file (record));
  uri = g_file_get_uri (file);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.send-to-chat", "s", uri);
}

static void
gallery_activated_cb (StudioImagesPage  *self,
                      StudioImageRecord *record)
{
  studio_images_page_show_image (self, record);
}

static void
gallery_compare_cb (StudioImagesPage *self,
                    GPtrArray        *records)
{
  studio_image_compare_set_records (self->compare, records);
  gtk_stack_set_visible_child_name (self->main_stack, "compare");
}

static void
gallery_use_as_source_cb (StudioImagesPage  *self,
                          StudioImageRecord *record)
{
  studio_images_page_use_as_source (self, record);
}

static void
gallery_regenerate_cb (StudioImagesPage  *self,
                       StudioImageRecord *record)
{
  studio_images_page_regenerate (self, record);
}

static void
gallery_send_to_chat_cb (StudioImagesPage  *self,
                         StudioImageRecord *record)
{
  send_to_chat (self, record);
}

static void
gallery_retry_download_cb (StudioImagesPage  *self,
                           StudioImageRecord *record)
{
  studio_images_page_retry_download (self, record);
}

static void
details_record_activated_cb (StudioImagesPage *self,
                             gint64            id)
{
  studio_image_gallery_show_record (self->gallery, id);
  gtk_stack_set_visible_child_name (self->main_stack, "gallery");
}

static void
image_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (widget);
  g_autoptr(StudioImageRecord) record = self->shown ? g_object_ref (self->shown) : NULL;

  if (record == NULL)
    return;

  if (g_str_equal (action_name, "image.save"))
    studio_image_actions_save (widget, record);
  else if (g_str_equal (action_name, "image.copy"))
    studio_image_actions_copy (widget, record);
  else if (g_str_equal (action_name, "image.send-to-chat"))
    send_to_chat (self, record);
  else if (g_str_equal (action_name, "image.use-as-source"))
    studio_images_page_use_as_source (self, record);
  else if (g_str_equal (action_name, "image.regenerate"))
    studio_images_page_regenerate (self, record);
  else if (g_str_equal (action_name, "image.delete"))
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (records, g_object_ref (record));
      studio_image_gallery_delete (self->gallery, records);
      back_action (widget, NULL, NULL);
    }
}





static gboolean
prompt_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       StudioImagesPage      *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "images.generate", NULL);
      return TRUE;
    }

  if (keyval == GDK_KEY_v && (state & GDK_CONTROL_MASK) &&
      !g_str_equal (studio_images_page_get_endpoint (self), STUDIO_IMAGE_ENDPOINT_GENERATIONS) &&
      !gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (self))),
                                          G_TYPE_STRING))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "images.paste", NULL);
      return TRUE;
    }

  return FALSE;
}

static void
studio_images_page_constructed (GObject *object)
{
  StudioImagesPage *self = (StudioImagesPage *) object;

  G_OBJECT_CLASS (studio_images_page_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  self->gallery = STUDIO_IMAGE_GALLERY (studio_image_gallery_new (self->context));
  adw_bin_set_child (self->gallery_slot, GTK_WIDGET (self->gallery));
  g_signal_connect_object (self->gallery, "activated",
                           G_CALLBACK (gallery_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "compare",
                           G_CALLBACK (gallery_compare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "use-as-source",
                           G_CALLBACK (gallery_use_as_source_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "regenerate",
                           G_CALLBACK (gallery_regenerate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "send-to-chat",
                           G_CALLBACK (gallery_send_to_chat_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->gallery, "retry-download",
                           G_CALLBACK (gallery_retry_download_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->details, "record-activated",
                           G_CALLBACK (details_record_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "prices-changed",
                           G_CALLBACK (studio_images_page_update_estimate), self,
                           G_CONNECT_SWAPPED);

  model_changed_cb (self);
}

static void
studio_images_page_dispose (GObject *object)
{
  StudioImagesPage *self = (StudioImagesPage *) object;

  /* Closing mid-generation stops it: nothing half-written stays. */
  g_cancellable_cancel (self->cancellable);
  studio_images_page_cancel (self);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->sources != NULL)
    g_ptr_array_set_size (self->sources, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGES_PAGE);
  g_clear_object (&self->mask);
  g_clear_object (&self->shown);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_images_page_parent_class)->dispose (object);
}

static void
studio_images_page_finalize (GObject *object)
{
  StudioImagesPage *self = (StudioImagesPage *) object;

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->result_pictures, g_ptr_array_unref);
  g_clear_pointer (&self->options_values, json_object_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (studio_images_page_parent_class)->finalize (object);
}

static void
studio_images_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_images_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioImagesPage *self = STUDIO_IMAGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_images_page_class_init (StudioImagesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_images_page_constructed;
  object_class->dispose = studio_images_page_dispose;
  object_class->finalize = studio_images_page_finalize;
  object_class->get_property = studio_images_page_get_property;
  object_class->set_property = studio_images_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "images.generate", NULL, generate_action);
  gtk_widget_class_install_action (widget_class, "images.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "images.add-sources", NULL, studio_images_page_add_sources_action);
  gtk_widget_class_install_action (widget_class, "images.paste", NULL, studio_images_page_paste_action);
  gtk_widget_class_install_action (widget_class, "images.paint-mask", NULL, studio_images_page_paint_mask_action);
  gtk_widget_class_install_action (widget_class, "images.remove-mask", NULL, studio_images_page_remove_mask_action);
  gtk_widget_class_install_action (widget_class, "images.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "images.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "image.save", NULL, image_action);
  gtk_widget_class_install_action (widget_class, "image.copy", NULL, image_action);
  gtk_widget_class_install_action (widget_class, "image.send-to-chat", NULL, image_action);
  gtk_widget_class_install_action (widget_class, "image.use-as-source", NULL, image_action);
  gtk_widget_class_install_action (widget_class, "image.regenerate", NULL, image_action);
  gtk_widget_class_install_action (widget_class, "image.delete", NULL, image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "images.back", NULL);

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);
  g_type_ensure (STUDIO_TYPE_IMAGE_OPTIONS);
  g_type_ensure (STUDIO_TYPE_IMAGE_VIEWER);
  g_type_ensure (STUDIO_TYPE_IMAGE_DETAILS);
  g_type_ensure (STUDIO_TYPE_IMAGE_COMPARE);
  g_type_ensure (STUDIO_TYPE_MASK_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-images-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, generate_mode_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, edit_mode_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, variation_mode_button);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, prompt_box);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, prompt_view);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, prompt_count_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, sources_flow);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, sources_hint);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, mask_box);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, mask_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, options);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, run_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, run_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, results_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, gallery_slot);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, image_title);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, viewer);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, details);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, compare);
  gtk_widget_class_bind_template_child (widget_class, StudioImagesPage, mask_editor);
}

static void
studio_images_page_init (StudioImagesPage *self)
{
  GtkEventController *key;
  GtkDropTarget *drop;

  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_image_source_free);
  self->result_pictures = g_ptr_array_new ();
  self->options_values = json_object_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->generate_mode_button, "toggled",
                           G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->edit_mode_button, "toggled",
                           G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->variation_mode_button, "toggled",
                           G_CALLBACK (mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model_picker, "notify::selected",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->options, "changed",
                           G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->options, "notify::valid",
                           G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->prompt_view), "changed",
                           G_CALLBACK (prompt_changed_cb), self, G_CONNECT_SWAPPED);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (prompt_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->prompt_view), key);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (studio_images_page_drop_cb), self);
  /* Not the bin's own child as a template child: AdwBin 1.2 would then
   * unparent it a second time on dispose.
   */
  gtk_widget_add_controller (adw_bin_get_child (ADW_BIN (self)), GTK_EVENT_CONTROLLER (drop));
}

/**
 * studio_images_page_set_options:
 * @options: the options to send, as the request names them; copied
 */
void
studio_images_page_set_options (StudioImagesPage *self,
                                JsonObject       *options)
{
  g_return_if_fail (STUDIO_IS_IMAGES_PAGE (self));

  g_clear_pointer (&self->options_values, json_object_unref);
  self->options_values = options ? studio_json_object_copy (options) : json_object_new ();
  studio_images_page_bind_options (self);
  studio_images_page_update_estimate (self);
  studio_images_page_update_actions (self);
}

/**
 * studio_images_page_get_gallery:
 *
 * Returns: (transfer none): the page's gallery
 */
StudioImageGallery *
studio_images_page_get_gallery (StudioImagesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGES_PAGE (self), NULL);

  return self->gallery;
}

StudioContext *
studio_images_page_get_context (StudioImagesPage *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGES_PAGE (self), NULL);

  return self->context;
}
