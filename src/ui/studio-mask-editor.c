/* studio-mask-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-mask-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-mask-canvas.h"
#include "studio-mask-editor-private.h"

/* Painting the area of the first source image that an edit may change: a
 * toolbar (brush or eraser, the brush's size, undo, redo, clear, invert,
 * import and export of a mask PNG) over the canvas. The mask is the
 * page's; the editor paints it and never replaces it, so a failed import
 * or export leaves it as it was, and says why here, where the user looks.
 */
struct _StudioMaskEditor
{
  AdwBin            parent_instance;

  /* Owned references */
  GdkTexture       *source;
  StudioImageMask  *mask;
  GCancellable     *cancellable;         /* cancelled in dispose */
  GCancellable     *import_cancellable;  /* for the mask being shown */
  char             *tool;

  /* Template widgets */
  StudioMaskCanvas *canvas;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_title;
  GtkLabel         *error_label;

  guint             n_pending;
};

G_DEFINE_FINAL_TYPE (StudioMaskEditor, studio_mask_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_mask_editor_update_actions (StudioMaskEditor *self)
{
  gboolean has_mask = self->mask != NULL;
  gboolean empty = !has_mask || studio_image_mask_get_empty (self->mask);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.tool", has_mask);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.undo",
                                 has_mask && studio_image_mask_get_can_undo (self->mask));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.redo",
                                 has_mask && studio_image_mask_get_can_redo (self->mask));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.clear", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.invert", has_mask);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.import", has_mask);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mask.export", !empty);
}

static void
studio_mask_editor_show_error (StudioMaskEditor *self,
                               const char       *title,
                               const char       *message)
{
  if (self->error_revealer == NULL)
    return;

  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
studio_mask_editor_hide_error (StudioMaskEditor *self)
{
  if (self->error_revealer != NULL)
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
on_dismiss_clicked_cb (StudioMaskEditor *self,
                       GtkButton        *button)
{
  studio_mask_editor_hide_error (self);
}

static void
mask_notify_cb (StudioMaskEditor *self,
                GParamSpec       *pspec,
                StudioImageMask  *mask)
{
  studio_mask_editor_update_actions (self);
}

/* Actions ----------------------------------------------------------------- */

static void
studio_mask_editor_undo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (widget);

  studio_image_mask_undo (self->mask);
}

static void
studio_mask_editor_redo_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (widget);

  studio_image_mask_redo (self->mask);
}

static void
studio_mask_editor_clear_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (widget);

  studio_image_mask_clear (self->mask);
}

static void
studio_mask_editor_invert_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (widget);

  studio_image_mask_invert (self->mask);
}

static void
import_chosen_cb (GtkWidget  *widget,
                  GListModel *files,
                  gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  studio_mask_editor_import_file (STUDIO_MASK_EDITOR (widget), file);
}

static void
studio_mask_editor_import_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  studio_file_chooser_open (widget, _("Import Mask"), _("_Import"), filter,
                            import_chosen_cb, NULL, NULL);
}

static void
export_chosen_cb (GtkWidget  *widget,
                  GListModel *files,
                  gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  studio_mask_editor_export_file (STUDIO_MASK_EDITOR (widget), file);
}

static void
studio_mask_editor_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  /* Translators: the name a new mask file gets, to change as wished. */
  studio_file_chooser_save (widget, _("Export Mask"), _("_Export"), _("mask.png"),
                            export_chosen_cb, NULL, NULL);
}

/* GObject ----------------------------------------------------------------- */

static void
studio_mask_editor_set_tool (StudioMaskEditor *self,
                             const char       *tool)
{
  StudioMaskTool value;

  if (g_strcmp0 (tool, "brush") == 0)
    value = STUDIO_MASK_TOOL_BRUSH;
  else if (g_strcmp0 (tool, "eraser") == 0)
    value = STUDIO_MASK_TOOL_ERASER;
  else
    {
      g_warning ("No mask tool is called “%s”", tool ? tool : "(null)");
      return;
    }

  if (g_strcmp0 (self->tool, tool) == 0)
    return;

  g_free (self->tool);
  self->tool = g_strdup (tool);
  if (self->canvas != NULL)
    studio_mask_canvas_set_tool (self->canvas, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

static void
studio_mask_editor_dispose (GObject *object)
{
  StudioMaskEditor *self = (StudioMaskEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  if (self->mask != NULL)
    g_signal_handlers_disconnect_by_func (self->mask, mask_notify_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_MASK_EDITOR);

  g_clear_object (&self->mask);
  g_clear_object (&self->source);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import_cancellable);

  G_OBJECT_CLASS (studio_mask_editor_parent_class)->dispose (object);
}

static void
studio_mask_editor_finalize (GObject *object)
{
  StudioMaskEditor *self = (StudioMaskEditor *) object;

  g_free (self->tool);

  G_OBJECT_CLASS (studio_mask_editor_parent_class)->finalize (object);
}

static void
studio_mask_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_mask_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioMaskEditor *self = STUDIO_MASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      studio_mask_editor_set_tool (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_mask_editor_class_init (StudioMaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_mask_editor_dispose;
  object_class->finalize = studio_mask_editor_finalize;
  object_class->get_property = studio_mask_editor_get_property;
  object_class->set_property = studio_mask_editor_set_property;

  /* "brush" or "eraser": the state of the mask.tool action. */
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "brush",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STUDIO_TYPE_MASK_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-mask-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioMaskEditor, canvas);
  gtk_widget_class_bind_template_child (widget_class, StudioMaskEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioMaskEditor, error_title);
  gtk_widget_class_bind_template_child (widget_class, StudioMaskEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);

  gtk_widget_class_install_property_action (widget_class, "mask.tool", "tool");
  gtk_widget_class_install_action (widget_class, "mask.undo", NULL,
                                   studio_mask_editor_undo_action);
  gtk_widget_class_install_action (widget_class, "mask.redo", NULL,
                                   studio_mask_editor_redo_action);
  gtk_widget_class_install_action (widget_class, "mask.clear", NULL,
                                   studio_mask_editor_clear_action);
  gtk_widget_class_install_action (widget_class, "mask.invert", NULL,
                                   studio_mask_editor_invert_action);
  gtk_widget_class_install_action (widget_class, "mask.import", NULL,
                                   studio_mask_editor_import_action);
  gtk_widget_class_install_action (widget_class, "mask.export", NULL,
                                   studio_mask_editor_export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "mask.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mask.redo", NULL);
}

static void
studio_mask_editor_init (StudioMaskEditor *self)
{
  self->tool = g_strdup ("brush");
  self->cancellable = g_cancellable_new ();
  self->import_cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  studio_mask_editor_update_actions (self);
}

GtkWidget *
studio_mask_editor_new (void)
{
  return g_object_new (STUDIO_TYPE_MASK_EDITOR, NULL);
}

/**
 * studio_mask_editor_set_source:
 * @self: a mask editor
 * @source: (nullable): the image the mask is for
 * @mask: (nullable): the mask to paint, of @source's size
 *
 * Paints @mask over @source. A mask of another size than @source is
 * refused, with a message in the editor, and what was shown stays.
 */
void
studio_mask_editor_set_source (StudioMaskEditor *self,
                               GdkTexture       *source,
                               StudioImageMask  *mask)
{
  g_return_if_fail (STUDIO_IS_MASK_EDITOR (self));
  g_return_if_fail (source == NULL || GDK_IS_TEXTURE (source));
  g_return_if_fail (mask == NULL || STUDIO_IS_IMAGE_MASK (mask));

  /* Gone with its window: there is nothing left to show it in. */
  if (self->canvas == NULL)
    return;

  if (source != NULL && mask != NULL &&
      ((guint) gdk_texture_get_width (source) != studio_image_mask_get_width (mask) ||
       (guint) gdk_texture_get_height (source) != studio_image_mask_get_height (mask)))
    {
      /* Translators: the sizes are in pixels, width × height. */
      g_autofree char *message =
        g_strdup_printf (_("The mask is %u × %u pixels but the image is %d × %d. "
                           "Choose the image again to paint a new mask."),
                         studio_image_mask_get_width (mask), studio_image_mask_get_height (mask),
                         gdk_texture_get_width (source), gdk_texture_get_height (source));

      studio_mask_editor_show_error (self, _("Could not use the mask"), message);
      return;
    }

  if (self->mask != mask)
    {
      /* A file still being read was meant for the mask that goes. */
      g_cancellable_cancel (self->import_cancellable);
      g_clear_object (&self->import_cancellable);
      self->import_cancellable = g_cancellable_new ();

      if (self->mask != NULL)
        g_signal_handlers_disconnect_by_func (self->mask, mask_notify_cb, self);
      g_set_object (&self->mask, mask);
      if (mask != NULL)
        g_signal_connect_object (mask, "notify", G_CALLBACK (mask_notify_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  g_set_object (&self->source, source);

  studio_mask_canvas_set_source (self->canvas, source, mask);
  studio_mask_editor_hide_error (self);
  studio_mask_editor_update_actions (self);
}

/**
 * studio_mask_editor_get_mask:
 * @self: a mask editor
 *
 * Returns: (transfer none) (nullable): the mask being painted
 */
StudioImageMask *
studio_mask_editor_get_mask (StudioMaskEditor *self)
{
  g_return_val_if_fail (STUDIO_IS_MASK_EDITOR (self), NULL);

  return self->mask;
}

/**
 * studio_mask_editor_get_source:
 * @self: a mask editor
 *
 * Returns: (transfer none) (nullable): the image painted over
 */
GdkTexture *
studio_mask_editor_get_source (StudioMaskEditor *self)
{
  g_return_val_if_fail (STUDIO_IS_MASK_EDITOR (self), NULL);

  return self->source;
}

/* Import and export ------------------------------------------------------- */

static void
import_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioMaskEditor) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (bytes == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file could not be read: %s. Choose another file."),
                         error->message);

      studio_mask_editor_show_error (self, _("Could not import the mask"), message);
    }
  else if (self->mask == NULL)
    return;
  else if (!studio_image_mask_import (self->mask, bytes, &error))
    studio_mask_editor_show_error (self, _("Could not import the mask"), error->message);
  else
    studio_mask_editor_hide_error (self);
}

/* Paints the transparent pixels of @file, an image of the source's size,
 * as one step to undo.
 */
void
studio_mask_editor_import_file (StudioMaskEditor *self,
                                GFile            *file)
{
  g_return_if_fail (STUDIO_IS_MASK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  self->n_pending++;
  g_file_load_bytes_async (file, self->import_cancellable, import_loaded_cb,
                           g_object_ref (self));
}

static void
export_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StudioMaskEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_pending--;
  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The file could not be written: %s. Choose another folder."),
                         error->message);

      studio_mask_editor_show_error (self, _("Could not export the mask"), message);
    }
  else
    studio_mask_editor_hide_error (self);
}

/* Writes the mask to @file as the PNG the edits endpoint takes. */
void
studio_mask_editor_export_file (StudioMaskEditor *self,
                                GFile            *file)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STUDIO_IS_MASK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->mask == NULL)
    return;

  if (!(png = studio_image_mask_export (self->mask, &error)))
    {
      studio_mask_editor_show_error (self, _("Could not export the mask"), error->message);
      return;
    }

  self->n_pending++;
  g_file_replace_contents_bytes_async (file, png, NULL, FALSE, G_FILE_CREATE_NONE,
                                       self->cancellable, export_saved_cb, g_object_ref (self));
}

/* The message shown, or %NULL when none is. */
const char *
studio_mask_editor_get_error (StudioMaskEditor *self)
{
  g_return_val_if_fail (STUDIO_IS_MASK_EDITOR (self), NULL);

  if (self->error_revealer == NULL || !gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

/* How many files are being read or written. */
guint
studio_mask_editor_get_n_pending (StudioMaskEditor *self)
{
  g_return_val_if_fail (STUDIO_IS_MASK_EDITOR (self), 0);

  return self->n_pending;
}
