/* studio-mask-canvas.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-mask-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-mask-canvas.h"

#define DEFAULT_BRUSH_SIZE 40.0
#define NATURAL_SIDE       480

/* Where the mask is painted: the source image scaled to fit, the painted
 * area over it in the accent colour at half strength, and a circle of the
 * brush's size under the pointer. Dragging with the primary button uses
 * the chosen tool, with the secondary one the eraser. The brush size is in
 * the canvas's own pixels, as the circle shows it; strokes reach the mask
 * in source pixels.
 */
struct _StudioMaskCanvas
{
  GtkWidget        parent_instance;

  /* Owned references */
  GdkTexture      *source;
  StudioImageMask *mask;
  GskRenderNode   *overlay;       /* the painted area as last drawn, or NULL */

  StudioMaskTool   tool;
  double           brush_size;
  double           pointer_x;
  double           pointer_y;
  double           drag_x;
  double           drag_y;
  guint            pointer_inside : 1;
  guint            stroking : 1;
};

G_DEFINE_FINAL_TYPE (StudioMaskCanvas, studio_mask_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BRUSH_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the source lies in the canvas, and how much it is scaled. */
static gboolean
studio_mask_canvas_get_fit (StudioMaskCanvas *self,
                            graphene_rect_t  *rect,
                            double           *scale)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int source_width, source_height;
  double fit;

  if (self->source == NULL || width <= 0 || height <= 0)
    return FALSE;

  source_width = gdk_texture_get_width (self->source);
  source_height = gdk_texture_get_height (self->source);
  fit = MIN ((double) width / source_width, (double) height / source_height);

  graphene_rect_init (rect,
                      (width - source_width * fit) / 2, (height - source_height * fit) / 2,
                      source_width * fit, source_height * fit);
  *scale = fit;

  return TRUE;
}

static void
studio_mask_canvas_end_stroke (StudioMaskCanvas *self)
{
  if (!self->stroking)
    return;

  self->stroking = FALSE;
  if (self->mask != NULL)
    studio_image_mask_end_stroke (self->mask);
}

static void
mask_changed_cb (StudioMaskCanvas *self,
                 StudioImageMask  *mask)
{
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Gestures ---------------------------------------------------------------- */

static void
drag_begin_cb (StudioMaskCanvas *self,
               double            x,
               double            y,
               GtkGestureDrag   *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  StudioMaskTool tool = self->tool;
  double source_x, source_y, scale;

  if (button == GDK_BUTTON_SECONDARY)
    tool = STUDIO_MASK_TOOL_ERASER;
  else if (button != GDK_BUTTON_PRIMARY && button != 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  if (self->mask == NULL || !studio_mask_canvas_to_source (self, x, y, &source_x, &source_y,
                                                           &scale))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_x = x;
  self->drag_y = y;
  self->stroking = TRUE;
  studio_image_mask_begin_stroke (self->mask, tool, self->brush_size / 2 / scale,
                                  source_x, source_y);
}

static void
drag_update_cb (StudioMaskCanvas *self,
                double            offset_x,
                double            offset_y,
                GtkGestureDrag   *gesture)
{
  double x = self->drag_x + offset_x;
  double y = self->drag_y + offset_y;
  double source_x, source_y, scale;

  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (!self->stroking || self->mask == NULL ||
      !studio_mask_canvas_to_source (self, x, y, &source_x, &source_y, &scale))
    return;

  studio_image_mask_stroke_to (self->mask, source_x, source_y);
}

static void
drag_end_cb (StudioMaskCanvas *self,
             double            offset_x,
             double            offset_y,
             GtkGestureDrag   *gesture)
{
  drag_update_cb (self, offset_x, offset_y, gesture);
  studio_mask_canvas_end_stroke (self);
}

/* What was painted before the gesture went stays painted. */
static void
drag_cancel_cb (StudioMaskCanvas *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  studio_mask_canvas_end_stroke (self);
}

static void
motion_cb (StudioMaskCanvas         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (StudioMaskCanvas         *self,
          GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing ----------------------------------------------------------------- */

static GskRenderNode *
studio_mask_canvas_draw_overlay (StudioMaskCanvas      *self,
                                 const graphene_rect_t *rect,
                                 double                 scale)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  cairo_pattern_t *pattern;
  cairo_t *cr;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (context, "accent_bg_color", &accent);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, rect);
  cairo_translate (cr, rect->origin.x, rect->origin.y);
  cairo_scale (cr, scale, scale);
  pattern = cairo_pattern_create_for_surface (studio_image_mask_get_surface (self->mask));
  /* Scaling a 1536 × 1024 mask down to 640 pixels takes cairo about 12 ms
   * filtered well and 2.5 ms bilinear: fast while a stroke is drawn, well
   * once it is done.
   */
  cairo_pattern_set_filter (pattern, self->stroking ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.5);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_destroy (cr);

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static void
append_circle (GtkSnapshot *snapshot,
               double       x,
               double       y,
               double       radius,
               float        grey)
{
  const GdkRGBA color = { grey, grey, grey, 0.9 };
  const GdkRGBA colors[4] = { color, color, color, color };
  const float widths[4] = { 1, 1, 1, 1 };
  GskRoundedRect circle;

  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT (x - radius, y - radius,
                                                        2 * radius, 2 * radius),
                                   radius);
  gtk_snapshot_append_border (snapshot, &circle, widths, colors);
}

static void
studio_mask_canvas_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (widget);
  graphene_rect_t rect;
  double scale;

  if (!studio_mask_canvas_get_fit (self, &rect, &scale))
    return;

  gtk_snapshot_append_texture (snapshot, self->source, &rect);

  if (self->mask == NULL)
    return;

  if (!studio_image_mask_get_empty (self->mask))
    {
      /* Drawn again only when the mask, the size or the colour changed,
       * not as the pointer moves.
       */
      if (self->overlay == NULL)
        self->overlay = studio_mask_canvas_draw_overlay (self, &rect, scale);
      gtk_snapshot_append_node (snapshot, self->overlay);
    }

  /* The brush, dark inside light, so it shows on any image. */
  if (self->pointer_inside || self->stroking)
    {
      double radius = MAX (self->brush_size / 2, 1);

      append_circle (snapshot, self->pointer_x, self->pointer_y, radius + 1, 1.0);
      append_circle (snapshot, self->pointer_x, self->pointer_y, radius, 0.0);
    }
}

static void
studio_mask_canvas_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (widget);
  int side = NATURAL_SIDE;

  /* At most NATURAL_SIDE on the longer side, in the source's proportions. */
  if (self->source != NULL)
    {
      int width = gdk_texture_get_width (self->source);
      int height = gdk_texture_get_height (self->source);
      double fit = MIN (1.0, (double) NATURAL_SIDE / MAX (width, height));

      side = orientation == GTK_ORIENTATION_HORIZONTAL ? width * fit : height * fit;
    }

  *minimum = MIN (side, 120);
  *natural = MAX (side, 1);
}

static void
studio_mask_canvas_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (widget);

  g_clear_pointer (&self->overlay, gsk_render_node_unref);
}

static void
studio_mask_canvas_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (widget);

  GTK_WIDGET_CLASS (studio_mask_canvas_parent_class)->css_changed (widget, change);

  /* The accent colour may be another now. */
  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  gtk_widget_queue_draw (widget);
}

static void
studio_mask_canvas_dispose (GObject *object)
{
  StudioMaskCanvas *self = (StudioMaskCanvas *) object;

  studio_mask_canvas_set_source (self, NULL, NULL);

  G_OBJECT_CLASS (studio_mask_canvas_parent_class)->dispose (object);
}

static void
studio_mask_canvas_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_BRUSH_SIZE:
      g_value_set_double (value, self->brush_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_mask_canvas_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioMaskCanvas *self = STUDIO_MASK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_BRUSH_SIZE:
      studio_mask_canvas_set_brush_size (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_mask_canvas_class_init (StudioMaskCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_mask_canvas_dispose;
  object_class->get_property = studio_mask_canvas_get_property;
  object_class->set_property = studio_mask_canvas_set_property;

  widget_class->snapshot = studio_mask_canvas_snapshot;
  widget_class->measure = studio_mask_canvas_measure;
  widget_class->size_allocate = studio_mask_canvas_size_allocate;
  widget_class->css_changed = studio_mask_canvas_css_changed;

  /* The brush's diameter in the canvas's pixels. */
  properties[PROP_BRUSH_SIZE] =
    g_param_spec_double ("brush-size", NULL, NULL, 1, 1000, DEFAULT_BRUSH_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "studio-mask-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
studio_mask_canvas_init (StudioMaskCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->brush_size = DEFAULT_BRUSH_SIZE;
  self->tool = STUDIO_MASK_TOOL_BRUSH;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mask"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The image, with the area to change painted over it"),
                                  -1);

  /* Any button, so that the secondary one erases; the others are denied. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect_swapped (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
studio_mask_canvas_new (void)
{
  return g_object_new (STUDIO_TYPE_MASK_CANVAS, NULL);
}

/**
 * studio_mask_canvas_set_source:
 * @self: a canvas
 * @source: (nullable): the image to paint over
 * @mask: (nullable): the mask to paint, of @source's size
 *
 * Shows @source with @mask over it. A stroke still going ends first.
 */
void
studio_mask_canvas_set_source (StudioMaskCanvas *self,
                               GdkTexture       *source,
                               StudioImageMask  *mask)
{
  g_return_if_fail (STUDIO_IS_MASK_CANVAS (self));
  g_return_if_fail (source == NULL || GDK_IS_TEXTURE (source));
  g_return_if_fail (mask == NULL || STUDIO_IS_IMAGE_MASK (mask));

  studio_mask_canvas_end_stroke (self);

  if (self->mask != mask)
    {
      if (self->mask != NULL)
        g_signal_handlers_disconnect_by_func (self->mask, mask_changed_cb, self);
      g_set_object (&self->mask, mask);
      if (mask != NULL)
        g_signal_connect_object (mask, "changed", G_CALLBACK (mask_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (g_set_object (&self->source, source))
    gtk_widget_queue_resize (GTK_WIDGET (self));

  g_clear_pointer (&self->overlay, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
studio_mask_canvas_set_tool (StudioMaskCanvas *self,
                             StudioMaskTool    tool)
{
  g_return_if_fail (STUDIO_IS_MASK_CANVAS (self));

  self->tool = tool;
}

double
studio_mask_canvas_get_brush_size (StudioMaskCanvas *self)
{
  g_return_val_if_fail (STUDIO_IS_MASK_CANVAS (self), DEFAULT_BRUSH_SIZE);

  return self->brush_size;
}

void
studio_mask_canvas_set_brush_size (StudioMaskCanvas *self,
                                   double            brush_size)
{
  g_return_if_fail (STUDIO_IS_MASK_CANVAS (self));

  brush_size = CLAMP (brush_size, 1, 1000);
  if (self->brush_size == brush_size)
    return;

  self->brush_size = brush_size;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_SIZE]);
}

/**
 * studio_mask_canvas_to_source:
 * @self: a canvas
 * @x: a point in the canvas
 * @y: a point in the canvas
 * @source_x: (out): where it lies in the source, in its pixels
 * @source_y: (out): where it lies in the source
 * @scale: (out): canvas pixels to a source pixel
 *
 * Returns: whether a source is shown, so that the point has a place in it
 */
gboolean
studio_mask_canvas_to_source (StudioMaskCanvas *self,
                              double            x,
                              double            y,
                              double           *source_x,
                              double           *source_y,
                              double           *scale)
{
  graphene_rect_t rect;
  double fit;

  g_return_val_if_fail (STUDIO_IS_MASK_CANVAS (self), FALSE);

  if (!studio_mask_canvas_get_fit (self, &rect, &fit))
    return FALSE;

  *source_x = (x - rect.origin.x) / fit;
  *source_y = (y - rect.origin.y) / fit;
  *scale = fit;

  return TRUE;
}
