/* studio-image-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-viewer"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "studio-image-decode.h"
#include "studio-image-viewer.h"

/* One image, large: fitted to the view until zoomed (Ctrl+scroll or a
 * pinch around the pointer, plus, minus, 0 to fit, 1 for 100%), panned by
 * dragging or scrolling. A file is decoded on a worker; one missing or
 * unreadable shows why instead.
 */
struct _StudioImageViewer
{
  GtkWidget     parent_instance;

  /* Owned references */
  GFile        *file;
  GdkTexture   *texture;
  GCancellable *cancellable;
  GtkWidget    *status;     /* shown instead of the image */
  char         *description;

  double        zoom;       /* when not fitting */
  double        offset_x;   /* the image point at the view's centre, in image pixels */
  double        offset_y;
  double        drag_x;
  double        drag_y;
  double        zoom_start;
  double        pointer_x;  /* -1 when outside */
  double        pointer_y;
  gboolean      fit;
};

G_DEFINE_FINAL_TYPE (StudioImageViewer, studio_image_viewer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_TEXTURE,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_ZOOM (1.0 / 16)
#define MAX_ZOOM 16.0

static double
fit_zoom (StudioImageViewer *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int image_width, image_height;

  if (self->texture == NULL || width <= 0 || height <= 0)
    return 1.0;

  image_width = gdk_texture_get_width (self->texture);
  image_height = gdk_texture_get_height (self->texture);

  /* Smaller images are shown at their size, never blown up. */
  return MIN (1.0, MIN ((double) width / image_width, (double) height / image_height));
}

static void
clamp_offset (StudioImageViewer *self)
{
  double zoom = studio_image_viewer_get_zoom (self);
  double half_width, half_height;
  int image_width, image_height;

  if (self->texture == NULL)
    return;

  image_width = gdk_texture_get_width (self->texture);
  image_height = gdk_texture_get_height (self->texture);
  half_width = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / zoom;
  half_height = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / zoom;

  /* An image smaller than the view stays centred on that axis. */
  if (half_width * 2 >= image_width)
    self->offset_x = image_width / 2.0;
  else
    self->offset_x = CLAMP (self->offset_x, half_width, image_width - half_width);

  if (half_height * 2 >= image_height)
    self->offset_y = image_height / 2.0;
  else
    self->offset_y = CLAMP (self->offset_y, half_height, image_height - half_height);
}

static void
studio_image_viewer_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (widget);
  double zoom, width, height;
  int view_width = gtk_widget_get_width (widget);
  int view_height = gtk_widget_get_height (widget);

  if (self->texture == NULL)
    {
      if (self->status != NULL)
        gtk_widget_snapshot_child (widget, self->status, snapshot);
      return;
    }

  zoom = studio_image_viewer_get_zoom (self);
  clamp_offset (self);
  width = gdk_texture_get_width (self->texture) * zoom;
  height = gdk_texture_get_height (self->texture) * zoom;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, view_width, view_height));
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (round (view_width / 2.0 - self->offset_x * zoom),
                                                    round (view_height / 2.0 - self->offset_y * zoom),
                                                    width, height));
  gtk_snapshot_pop (snapshot);
}

static void
studio_image_viewer_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (widget);

  if (self->status != NULL)
    gtk_widget_allocate (self->status, width, height, baseline, NULL);
}

static void
studio_image_viewer_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (widget);
  int child_min = 0, child_nat = 0;

  if (self->status != NULL)
    gtk_widget_measure (self->status, orientation, for_size, &child_min, &child_nat, NULL, NULL);

  *minimum = MAX (child_min, 64);
  *natural = MAX (child_nat, 320);
}

/* Zooms to @zoom keeping the image point under (@x, @y) where it is. */
static void
zoom_at (StudioImageViewer *self,
         double             zoom,
         double             x,
         double             y)
{
  double old_zoom = studio_image_viewer_get_zoom (self);
  double dx = x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double dy = y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  double point_x = self->offset_x + dx / old_zoom;
  double point_y = self->offset_y + dy / old_zoom;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  studio_image_viewer_set_zoom (self, zoom);
  self->offset_x = point_x - dx / zoom;
  self->offset_y = point_y - dy / zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           StudioImageViewer        *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double zoom = studio_image_viewer_get_zoom (self);

  if (self->texture == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->pointer_x >= 0 ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->pointer_x >= 0 ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      zoom_at (self, zoom * pow (1.1, -dy), x, y);
      return TRUE;
    }

  if (studio_image_viewer_get_fit (self))
    return FALSE;

  self->offset_x += dx * 40 / zoom;
  self->offset_y += dy * 40 / zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           StudioImageViewer        *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
leave_cb (GtkEventControllerMotion *controller,
          StudioImageViewer        *self)
{
  self->pointer_x = self->pointer_y = -1;
}

static void
drag_begin_cb (GtkGestureDrag    *gesture,
               double             x,
               double             y,
               StudioImageViewer *self)
{
  self->drag_x = self->offset_x;
  self->drag_y = self->offset_y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                StudioImageViewer *self)
{
  double zoom = studio_image_viewer_get_zoom (self);

  self->offset_x = self->drag_x - dx / zoom;
  self->offset_y = self->drag_y - dy / zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_begin_cb (GtkGesture        *gesture,
               GdkEventSequence  *sequence,
               StudioImageViewer *self)
{
  self->zoom_start = studio_image_viewer_get_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom    *gesture,
                       double             scale,
                       StudioImageViewer *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  zoom_at (self, self->zoom_start * scale, x, y);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;
  double zoom = studio_image_viewer_get_zoom (self);

  if (g_str_equal (action_name, "viewer.zoom-in"))
    zoom_at (self, zoom * 1.25, x, y);
  else if (g_str_equal (action_name, "viewer.zoom-out"))
    zoom_at (self, zoom / 1.25, x, y);
  else if (g_str_equal (action_name, "viewer.zoom-original"))
    zoom_at (self, 1.0, x, y);
  else
    studio_image_viewer_set_fit (self, TRUE);
}

static void
studio_image_viewer_set_status (StudioImageViewer *self,
                                const char        *icon_name,
                                const char        *title,
                                const char        *description)
{
  g_clear_pointer (&self->status, gtk_widget_unparent);

  if (title == NULL)
    return;

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));
}

static void
set_texture (StudioImageViewer *self,
             GdkTexture        *texture)
{
  if (!g_set_object (&self->texture, texture))
    return;

  self->fit = TRUE;
  if (texture != NULL)
    {
      self->offset_x = gdk_texture_get_width (texture) / 2.0;
      self->offset_y = gdk_texture_get_height (texture) / 2.0;
      studio_image_viewer_set_status (self, NULL, NULL, NULL);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioImageViewer) self = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = studio_image_decode_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pixbuf == NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info == NULL)
        studio_image_viewer_set_status (self, "image-missing-symbolic", _("Image Missing"),
                                        _("Its file is not in the images folder any more."));
      else
        studio_image_viewer_set_status (self, "image-missing-symbolic",
                                        _("Image Cannot Be Read"), error->message);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  set_texture (self, texture);
}

static void
studio_image_viewer_dispose (GObject *object)
{
  StudioImageViewer *self = (StudioImageViewer *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, gtk_widget_unparent);
  g_clear_object (&self->texture);
  g_clear_object (&self->file);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (studio_image_viewer_parent_class)->dispose (object);
}

static void
studio_image_viewer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, studio_image_viewer_get_zoom (self));
      break;

    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_viewer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StudioImageViewer *self = STUDIO_IMAGE_VIEWER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      studio_image_viewer_set_file (self, g_value_get_object (value));
      break;

    case PROP_TEXTURE:
      studio_image_viewer_set_texture (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      studio_image_viewer_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_FIT:
      studio_image_viewer_set_fit (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_viewer_class_init (StudioImageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_viewer_dispose;
  object_class->get_property = studio_image_viewer_get_property;
  object_class->set_property = studio_image_viewer_set_property;

  widget_class->snapshot = studio_image_viewer_snapshot;
  widget_class->measure = studio_image_viewer_measure;
  widget_class->size_allocate = studio_image_viewer_size_allocate;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "viewer.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "viewer.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "studio-image-viewer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_image_viewer_init (StudioImageViewer *self)
{
  GtkEventController *scroll, *motion;
  GtkGesture *drag, *zoom;

  self->pointer_x = self->pointer_y = -1;
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  self->fit = TRUE;
  self->zoom = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Image"), -1);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}

GtkWidget *
studio_image_viewer_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_VIEWER, NULL);
}

/**
 * studio_image_viewer_set_file:
 * @file: (nullable): an image file, decoded off the main thread
 */
void
studio_image_viewer_set_file (StudioImageViewer *self,
                              GFile             *file)
{
  g_return_if_fail (STUDIO_IS_IMAGE_VIEWER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->file, file);
  set_texture (self, NULL);
  studio_image_viewer_set_status (self, NULL, NULL, NULL);

  if (file != NULL)
    {
      self->cancellable = g_cancellable_new ();
      studio_image_decode_async (NULL, file, 0, self->cancellable, decoded_cb,
                                 g_object_ref (self));
    }
  else
    studio_image_viewer_set_status (self, "image-missing-symbolic", _("Image Missing"),
                                    _("This image has no file."));

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GFile *
studio_image_viewer_get_file (StudioImageViewer *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_VIEWER (self), NULL);

  return self->file;
}

void
studio_image_viewer_set_texture (StudioImageViewer *self,
                                 GdkTexture        *texture)
{
  g_return_if_fail (STUDIO_IS_IMAGE_VIEWER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->file);
  set_texture (self, texture);
}

/**
 * studio_image_viewer_get_texture:
 *
 * Returns: (transfer none) (nullable): the image shown, once decoded
 */
GdkTexture *
studio_image_viewer_get_texture (StudioImageViewer *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_VIEWER (self), NULL);

  return self->texture;
}

/**
 * studio_image_viewer_get_zoom:
 *
 * Returns: the scale the image is drawn at, fitted or not
 */
double
studio_image_viewer_get_zoom (StudioImageViewer *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_VIEWER (self), 1.0);

  return self->fit ? fit_zoom (self) : self->zoom;
}

void
studio_image_viewer_set_zoom (StudioImageViewer *self,
                              double             zoom)
{
  g_return_if_fail (STUDIO_IS_IMAGE_VIEWER (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (!self->fit && self->zoom == zoom)
    return;

  self->zoom = zoom;
  if (self->fit)
    {
      self->fit = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

gboolean
studio_image_viewer_get_fit (StudioImageViewer *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_VIEWER (self), TRUE);

  return self->fit;
}

void
studio_image_viewer_set_fit (StudioImageViewer *self,
                             gboolean           fit)
{
  g_return_if_fail (STUDIO_IS_IMAGE_VIEWER (self));

  fit = !!fit;
  if (self->fit == fit)
    return;

  if (!fit)
    self->zoom = fit_zoom (self);
  self->fit = fit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * studio_image_viewer_set_description:
 * @description: (nullable): what a screen reader says of the image: its prompt
 */
void
studio_image_viewer_set_description (StudioImageViewer *self,
                                     const char        *description)
{
  g_return_if_fail (STUDIO_IS_IMAGE_VIEWER (self));

  g_free (self->description);
  self->description = g_strdup (description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description ? description : _("Image"), -1);
}
