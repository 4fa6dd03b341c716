/* studio-image-viewer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-viewer"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "studio-image-viewer.h"

/* One image, large: fitted to the view until zoomed (Ctrl+scroll or a
 * pinch around the pointer, plus, minus, 0 to fit, 1 for 100%), panned by
 * dragging or scrolling. A file is decoded on a worker thread, with a
 * spinner meanwhile; one missing or unreadable shows why instead.
 */
struct _StudioImageViewer
{
  GtkWidget     parent_instance;

  /* Owned references */
  GFile        *file;
  GdkTexture   *texture;
  GCancellable *cancellable;
  GtkWidget    *status;     /* shown instead of the image: a spinner or why it is not */
  char         *description;

  /* Borrowed references */
  GtkGesture   *zoom_gesture;

  double        zoom;       /* when not fitting */
  double        offset_x;   /* the image point at the view's centre, in image pixels */
  double        offset_y;
  double        drag_x;
  double        drag_y;
  double        zoom_start;
  double        pointer_x;  /* -1 when outside */
  double        pointer_y;
  double        notified_zoom; /* the zoom last notified, to notify fitting ones on resize */
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
notify_zoom (StudioImageViewer *self)
{
  self->notified_zoom = studio_image_viewer_get_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
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
  graphene_rect_t bounds;

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
  graphene_rect_init (&bounds,
                      round (view_width / 2.0 - self->offset_x * zoom),
                      round (view_height / 2.0 - self->offset_y * zoom),
                      width, height);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, view_width, view_height));
#if GTK_CHECK_VERSION (4, 10, 0)
  /* Zoomed well in, show the pixels as they are, to inspect them; scaled
   * down, average them so fine detail does not shimmer.
   */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_append_scaled_texture (snapshot, self->texture,
                                      zoom >= 2.0 ? GSK_SCALING_FILTER_NEAREST
                                      : zoom < 1.0 ? GSK_SCALING_FILTER_TRILINEAR
                                      : GSK_SCALING_FILTER_LINEAR,
                                      &bounds);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
#endif
  gtk_snapshot_pop (snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA colour;
      GskRoundedRect outline;

      /* The image fills the view, so the focus ring is drawn inside it. */
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                           &colour))
        gdk_rgba_parse (&colour, "#3584e4");
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (1, 1, view_width - 2, view_height - 2),
                                       0);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { colour, colour, colour, colour });
    }
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

  /* A fitted image's zoom follows the view's size: say so, for a zoom
   * label or a comparison keeping zooms together.
   */
  if (self->fit && self->texture != NULL && fit_zoom (self) != self->notified_zoom)
    notify_zoom (self);
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
  double old_zoom, dx, dy, point_x, point_y;

  /* From where the image is drawn, not where a pan past its edge left it. */
  clamp_offset (self);
  old_zoom = studio_image_viewer_get_zoom (self);
  dx = x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  dy = y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  point_x = self->offset_x + dx / old_zoom;
  point_y = self->offset_y + dy / old_zoom;

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
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double zoom = studio_image_viewer_get_zoom (self);
  /* A wheel's click pans 40 pixels; a touchpad says pixels already. */
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
                ? 40.0 : 1.0;

  if (self->texture == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double x = self->pointer_x >= 0 ? self->pointer_x
                                      : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->pointer_y >= 0 ? self->pointer_y
                                      : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      zoom_at (self, zoom * pow (1.1, -dy * step / 40.0), x, y);
      return TRUE;
    }

  if (studio_image_viewer_get_fit (self))
    return FALSE;

  self->offset_x += dx * step / zoom;
  self->offset_y += dy * step / zoom;
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
focus_changed_cb (GtkEventControllerFocus *controller,
                  StudioImageViewer       *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  if (self->texture != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
drag_end_cb (GtkGestureDrag    *gesture,
             double             dx,
             double             dy,
             StudioImageViewer *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
drag_update_cb (GtkGestureDrag    *gesture,
                double             dx,
                double             dy,
                StudioImageViewer *self)
{
  double zoom = studio_image_viewer_get_zoom (self);

  /* Two fingers pinching move the zoom's centre instead. */
  if (gtk_gesture_is_active (self->zoom_gesture))
    return;

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
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* The image's name stays its prompt; why it is not shown is said too. */
  {
    g_autofree char *text = g_strdup_printf ("%s. %s", title, description);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  }

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_widget_add_css_class (self->status, "compact");
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));
}

static void
studio_image_viewer_show_loading (StudioImageViewer *self)
{
  g_clear_pointer (&self->status, gtk_widget_unparent);

  self->status = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (self->status));
  gtk_widget_set_size_request (self->status, 32, 32);
  gtk_widget_set_halign (self->status, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->status, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading the image"), -1);
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
  notify_zoom (self);
}

/* GdkTexture's loaders make memory textures, which any thread may make;
 * only drawing them needs the main thread.
 */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GdkTexture *texture;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = gdk_texture_new_from_file (file, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StudioImageViewer) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture != NULL)
    {
      set_texture (self, texture);
      return;
    }

  name = g_file_get_parse_name (self->file);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      text = g_strdup_printf (_("“%s” is not there any more: it was moved or deleted outside "
                                "the app."), name);
      studio_image_viewer_set_status (self, "image-missing-symbolic", _("Image Missing"), text);
    }
  else
    {
      g_debug ("Cannot read %s: %s", name, error->message);
      text = g_strdup_printf (_("“%s” is damaged or not an image: %s"), name, error->message);
      studio_image_viewer_set_status (self, "image-missing-symbolic", _("Image Cannot Be Read"),
                                      text);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, 0, "viewer.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, 0, "viewer.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "viewer.zoom-fit", NULL);
  /* The usual Ctrl forms too, as image viewers have them. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "viewer.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "studio-image-viewer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_image_viewer_init (StudioImageViewer *self)
{
  GtkEventController *scroll, *motion, *focus;
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

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  zoom = self->zoom_gesture = gtk_gesture_zoom_new ();
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

  if (file != NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->cancellable = g_cancellable_new ();
      task = g_task_new (NULL, self->cancellable, loaded_cb, g_object_ref (self));
      g_task_set_source_tag (task, studio_image_viewer_set_file);
      g_task_set_task_data (task, g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, load_thread);
      studio_image_viewer_show_loading (self);
    }
  else
    studio_image_viewer_set_status (self, "image-missing-symbolic", _("Image Missing"),
                                    _("There is no file for this image."));

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
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  studio_image_viewer_set_status (self, NULL, NULL, NULL);
  set_texture (self, texture);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (self->file != NULL)
    {
      g_clear_object (&self->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
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
  notify_zoom (self);
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
  notify_zoom (self);
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
