/* studio-image-mask.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-mask"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>

#include "studio-image-mask.h"

/* Keeps the history of changes within this many bytes of pixels, dropping
 * the oldest first: a full-image change of a 1536 × 1024 source is 1.5 MB.
 */
#define HISTORY_MAX_BYTES (64 * 1024 * 1024)

/* The area of a source image that an edit may change, as the user paints
 * it: one byte per source pixel in a cairo A8 surface, 0 or 255. Strokes
 * are drawn without antialiasing so that what the overlay shows, what
 * studio_image_mask_is_painted() says and what the exported PNG holds are
 * the same pixels; scaled to fit a view, the overlay is smooth anyway.
 *
 * Each change that is recorded keeps the pixels of the area it touched as
 * they were before. Undoing swaps them with the surface's, which leaves the
 * change holding what redoing puts back, so one record serves both ways.
 */
struct _StudioImageMask
{
  GObject          parent_instance;

  /* Owned references */
  cairo_surface_t *surface;
  GQueue           undo;            /* Change, newest first */
  GQueue           redo;            /* Change, newest first */
  guint8          *stroke_before;   /* the whole surface as a stroke began */

  guint            width;
  guint            height;
  gsize            history_bytes;

  /* The stroke being drawn, while stroke_before is set. */
  StudioMaskTool   stroke_tool;
  double           stroke_radius;
  double           stroke_x;
  double           stroke_y;
  cairo_rectangle_int_t stroke_area;

  guint            empty : 1;
  guint            notified_can_undo : 1;
  guint            notified_can_redo : 1;
};

typedef struct
{
  cairo_rectangle_int_t  area;
  guint8                *pixels;  /* area.width × area.height, the other side's */
} Change;

G_DEFINE_FINAL_TYPE (StudioImageMask, studio_image_mask, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_EMPTY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_free (change->pixels);
  g_free (change);
}

static guint8 *
studio_image_mask_get_data (StudioImageMask *self,
                            int             *stride)
{
  cairo_surface_flush (self->surface);
  *stride = cairo_image_surface_get_stride (self->surface);

  return cairo_image_surface_get_data (self->surface);
}

static gboolean
area_is_empty (const guint8                *data,
               int                          stride,
               const cairo_rectangle_int_t *area)
{
  for (int y = area->y; y < area->y + area->height; y++)
    {
      const guint8 *row = data + (gsize) y * stride + area->x;
      int x = 0;

      /* Word by word where the row allows: this runs as strokes are drawn. */
      for (; x + 8 <= area->width; x += 8)
        {
          guint64 word;

          memcpy (&word, row + x, sizeof word);
          if (word != 0)
            return FALSE;
        }
      for (; x < area->width; x++)
        {
          if (row[x] != 0)
            return FALSE;
        }
    }

  return TRUE;
}

static cairo_rectangle_int_t
studio_image_mask_get_full_area (StudioImageMask *self)
{
  return (cairo_rectangle_int_t) { 0, 0, self->width, self->height };
}

/* Notifies what changed and tells the views to redraw. */
static void
studio_image_mask_changed (StudioImageMask *self,
                           gboolean         empty)
{
  gboolean can_undo = self->undo.length > 0;
  gboolean can_redo = self->redo.length > 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->empty != !!empty)
    {
      self->empty = !!empty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
    }
  if (self->notified_can_undo != can_undo)
    {
      self->notified_can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->notified_can_redo != can_redo)
    {
      self->notified_can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
studio_image_mask_compute_empty (StudioImageMask *self)
{
  cairo_rectangle_int_t area = studio_image_mask_get_full_area (self);
  guint8 *data;
  int stride;

  data = studio_image_mask_get_data (self, &stride);

  return area_is_empty (data, stride, &area);
}

/* Copies @area of @data (of @stride) into a packed buffer of its own. */
static guint8 *
copy_area (const guint8                *data,
           int                          stride,
           const cairo_rectangle_int_t *area)
{
  guint8 *pixels = g_malloc ((gsize) area->width * area->height);

  for (int y = 0; y < area->height; y++)
    memcpy (pixels + (gsize) y * area->width,
            data + (gsize) (area->y + y) * stride + area->x,
            area->width);

  return pixels;
}

static void
studio_image_mask_swap_change (StudioImageMask *self,
                               Change          *change)
{
  const cairo_rectangle_int_t *area = &change->area;
  guint8 *data;
  int stride;

  data = studio_image_mask_get_data (self, &stride);
  for (int y = 0; y < area->height; y++)
    {
      guint8 *row = data + (gsize) (area->y + y) * stride + area->x;
      guint8 *kept = change->pixels + (gsize) y * area->width;

      for (int x = 0; x < area->width; x++)
        {
          guint8 pixel = row[x];

          row[x] = kept[x];
          kept[x] = pixel;
        }
    }
  cairo_surface_mark_dirty_rectangle (self->surface, area->x, area->y, area->width, area->height);
}

static gsize
change_get_size (Change *change)
{
  return (gsize) change->area.width * change->area.height;
}

static void
studio_image_mask_clear_redo (StudioImageMask *self)
{
  Change *change;

  while ((change = g_queue_pop_head (&self->redo)))
    {
      self->history_bytes -= change_get_size (change);
      change_free (change);
    }
}

/* Takes @pixels, @area as it was before the change just made. */
static void
studio_image_mask_record (StudioImageMask             *self,
                          const cairo_rectangle_int_t *area,
                          guint8                      *pixels)
{
  Change *change = g_new0 (Change, 1);

  change->area = *area;
  change->pixels = pixels;

  studio_image_mask_clear_redo (self);
  g_queue_push_head (&self->undo, change);
  self->history_bytes += change_get_size (change);

  /* The newest change always stays, however large. */
  while (self->history_bytes > HISTORY_MAX_BYTES && self->undo.length > 1)
    {
      Change *oldest = g_queue_pop_tail (&self->undo);

      self->history_bytes -= change_get_size (oldest);
      change_free (oldest);
    }
}

static void
union_area (cairo_rectangle_int_t       *dest,
            const cairo_rectangle_int_t *other)
{
  int x1, y1, x2, y2;

  if (other->width <= 0 || other->height <= 0)
    return;
  if (dest->width <= 0 || dest->height <= 0)
    {
      *dest = *other;
      return;
    }

  x1 = MIN (dest->x, other->x);
  y1 = MIN (dest->y, other->y);
  x2 = MAX (dest->x + dest->width, other->x + other->width);
  y2 = MAX (dest->y + dest->height, other->y + other->height);
  *dest = (cairo_rectangle_int_t) { x1, y1, x2 - x1, y2 - y1 };
}

/* Draws the stroke from where it was to (@x, @y); returns the pixels that
 * may have changed, within the mask.
 */
static cairo_rectangle_int_t
studio_image_mask_draw_segment (StudioImageMask *self,
                                double           x,
                                double           y)
{
  double reach = self->stroke_radius + 1;
  double x1 = floor (MIN (self->stroke_x, x) - reach);
  double y1 = floor (MIN (self->stroke_y, y) - reach);
  double x2 = ceil (MAX (self->stroke_x, x) + reach);
  double y2 = ceil (MAX (self->stroke_y, y) + reach);
  cairo_rectangle_int_t area;
  cairo_t *cr;

  x1 = CLAMP (x1, 0, self->width);
  y1 = CLAMP (y1, 0, self->height);
  x2 = CLAMP (x2, 0, self->width);
  y2 = CLAMP (y2, 0, self->height);
  area = (cairo_rectangle_int_t) { x1, y1, x2 - x1, y2 - y1 };

  if (area.width > 0 && area.height > 0)
    {
      cr = cairo_create (self->surface);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_set_operator (cr, self->stroke_tool == STUDIO_MASK_TOOL_ERASER
                                ? CAIRO_OPERATOR_CLEAR : CAIRO_OPERATOR_SOURCE);
      cairo_set_source_rgba (cr, 0, 0, 0, 1);
      cairo_set_line_width (cr, 2 * self->stroke_radius);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (self->stroke_x == x && self->stroke_y == y)
        {
          /* A dot: cairo would draw no cap for a segment of no length. */
          cairo_arc (cr, x, y, self->stroke_radius, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else
        {
          cairo_move_to (cr, self->stroke_x, self->stroke_y);
          cairo_line_to (cr, x, y);
          cairo_stroke (cr);
        }
      cairo_destroy (cr);
    }
  else
    area = (cairo_rectangle_int_t) { 0, 0, 0, 0 };

  self->stroke_x = x;
  self->stroke_y = y;

  return area;
}

static void
studio_image_mask_stroke_changed (StudioImageMask             *self,
                                  const cairo_rectangle_int_t *area)
{
  gboolean empty = self->empty;
  guint8 *data;
  int stride;

  if (area->width <= 0 || area->height <= 0)
    return;

  union_area (&self->stroke_area, area);

  /* Painting can only fill what was empty, and erasing only empty what
   * was painted: most of the time one look at the segment's area will do.
   */
  data = studio_image_mask_get_data (self, &stride);
  if (self->stroke_tool == STUDIO_MASK_TOOL_BRUSH && empty)
    empty = area_is_empty (data, stride, area);
  else if (self->stroke_tool == STUDIO_MASK_TOOL_ERASER && !empty)
    empty = area_is_empty (data, stride, area) && studio_image_mask_compute_empty (self);

  studio_image_mask_changed (self, empty);
}

static void
studio_image_mask_finalize (GObject *object)
{
  StudioImageMask *self = (StudioImageMask *) object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) change_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) change_free);
  g_clear_pointer (&self->stroke_before, g_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (studio_image_mask_parent_class)->finalize (object);
}

static void
studio_image_mask_constructed (GObject *object)
{
  StudioImageMask *self = (StudioImageMask *) object;

  G_OBJECT_CLASS (studio_image_mask_parent_class)->constructed (object);

  /* A new A8 image surface is all zeros: nothing painted. */
  self->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, self->width, self->height);
}

static void
studio_image_mask_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StudioImageMask *self = STUDIO_IMAGE_MASK (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      g_value_set_uint (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_uint (value, self->height);
      break;

    case PROP_EMPTY:
      g_value_set_boolean (value, studio_image_mask_get_empty (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, studio_image_mask_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, studio_image_mask_get_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_mask_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StudioImageMask *self = STUDIO_IMAGE_MASK (object);

  switch (prop_id)
    {
    case PROP_WIDTH:
      self->width = g_value_get_uint (value);
      break;

    case PROP_HEIGHT:
      self->height = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_mask_class_init (StudioImageMaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = studio_image_mask_constructed;
  object_class->finalize = studio_image_mask_finalize;
  object_class->get_property = studio_image_mask_get_property;
  object_class->set_property = studio_image_mask_set_property;

  /* cairo's image surfaces stop at 32767 pixels a side. */
  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 1, 32767, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 1, 32767, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioImageMask::changed:
   *
   * Emitted after every change of the painted pixels, each segment of a
   * stroke included, so that views redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
studio_image_mask_init (StudioImageMask *self)
{
  self->empty = TRUE;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

/**
 * studio_image_mask_new:
 * @width: the source image's width in pixels
 * @height: its height
 *
 * Returns: (transfer full): a mask with nothing painted
 */
StudioImageMask *
studio_image_mask_new (guint width,
                       guint height)
{
  g_return_val_if_fail (width > 0 && width <= 32767, NULL);
  g_return_val_if_fail (height > 0 && height <= 32767, NULL);

  return g_object_new (STUDIO_TYPE_IMAGE_MASK, "width", width, "height", height, NULL);
}

guint
studio_image_mask_get_width (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), 0);

  return self->width;
}

guint
studio_image_mask_get_height (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), 0);

  return self->height;
}

/* Whether no pixel is painted. */
gboolean
studio_image_mask_get_empty (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), TRUE);

  return self->empty;
}

gboolean
studio_image_mask_get_can_undo (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), FALSE);

  return self->undo.length > 0;
}

gboolean
studio_image_mask_get_can_redo (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), FALSE);

  return self->redo.length > 0;
}

/**
 * studio_image_mask_begin_stroke:
 * @self: a mask
 * @tool: whether the stroke paints or erases
 * @radius: half the stroke's width, in source pixels
 * @x: where it starts, in source pixels (0 is the left edge of the first)
 * @y: where it starts
 *
 * Starts a stroke with a dot at (@x, @y); studio_image_mask_stroke_to()
 * draws it on, with round caps and joins, and
 * studio_image_mask_end_stroke() makes it one step to undo. A stroke still
 * going ends first.
 */
void
studio_image_mask_begin_stroke (StudioImageMask *self,
                                StudioMaskTool   tool,
                                double           radius,
                                double           x,
                                double           y)
{
  cairo_rectangle_int_t area;
  guint8 *data;
  int stride;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));
  g_return_if_fail (tool == STUDIO_MASK_TOOL_BRUSH || tool == STUDIO_MASK_TOOL_ERASER);

  if (self->stroke_before != NULL)
    studio_image_mask_end_stroke (self);

  data = studio_image_mask_get_data (self, &stride);
  self->stroke_before = g_memdup2 (data, (gsize) stride * self->height);
  self->stroke_tool = tool;
  /* Thinner than a pixel would paint nothing at all. */
  self->stroke_radius = MAX (radius, 0.5);
  self->stroke_x = x;
  self->stroke_y = y;
  self->stroke_area = (cairo_rectangle_int_t) { 0, 0, 0, 0 };

  area = studio_image_mask_draw_segment (self, x, y);
  studio_image_mask_stroke_changed (self, &area);
}

void
studio_image_mask_stroke_to (StudioImageMask *self,
                             double           x,
                             double           y)
{
  cairo_rectangle_int_t area;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));
  g_return_if_fail (self->stroke_before != NULL);

  if (x == self->stroke_x && y == self->stroke_y)
    return;

  area = studio_image_mask_draw_segment (self, x, y);
  studio_image_mask_stroke_changed (self, &area);
}

/* Makes the stroke one step to undo, unless it changed nothing. */
void
studio_image_mask_end_stroke (StudioImageMask *self)
{
  g_autofree guint8 *before = NULL;
  const cairo_rectangle_int_t *area;
  guint8 *data;
  int stride;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));

  if (self->stroke_before == NULL)
    return;

  before = g_steal_pointer (&self->stroke_before);
  area = &self->stroke_area;
  data = studio_image_mask_get_data (self, &stride);

  if (area->width > 0 && area->height > 0)
    {
      g_autofree guint8 *old = copy_area (before, stride, area);
      g_autofree guint8 *now = copy_area (data, stride, area);

      if (memcmp (old, now, (gsize) area->width * area->height) != 0)
        studio_image_mask_record (self, area, g_steal_pointer (&old));
    }

  studio_image_mask_changed (self, self->empty);
}

void
studio_image_mask_undo (StudioImageMask *self)
{
  Change *change;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));

  studio_image_mask_end_stroke (self);

  if (!(change = g_queue_pop_head (&self->undo)))
    return;

  studio_image_mask_swap_change (self, change);
  g_queue_push_head (&self->redo, change);
  studio_image_mask_changed (self, studio_image_mask_compute_empty (self));
}

void
studio_image_mask_redo (StudioImageMask *self)
{
  Change *change;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));

  studio_image_mask_end_stroke (self);

  if (!(change = g_queue_pop_head (&self->redo)))
    return;

  studio_image_mask_swap_change (self, change);
  g_queue_push_head (&self->undo, change);
  studio_image_mask_changed (self, studio_image_mask_compute_empty (self));
}

/* Takes all paint away, as one step to undo; an empty mask stays as it is. */
void
studio_image_mask_clear (StudioImageMask *self)
{
  cairo_rectangle_int_t area;
  guint8 *data;
  int stride;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));

  studio_image_mask_end_stroke (self);

  if (self->empty)
    return;

  area = studio_image_mask_get_full_area (self);
  data = studio_image_mask_get_data (self, &stride);
  studio_image_mask_record (self, &area, copy_area (data, stride, &area));
  memset (data, 0, (gsize) stride * self->height);
  cairo_surface_mark_dirty (self->surface);
  studio_image_mask_changed (self, TRUE);
}

/* Paints what was not painted and takes the paint from what was. */
void
studio_image_mask_invert (StudioImageMask *self)
{
  cairo_rectangle_int_t area;
  guint8 *data;
  int stride;

  g_return_if_fail (STUDIO_IS_IMAGE_MASK (self));

  studio_image_mask_end_stroke (self);

  area = studio_image_mask_get_full_area (self);
  data = studio_image_mask_get_data (self, &stride);
  studio_image_mask_record (self, &area, copy_area (data, stride, &area));
  for (guint y = 0; y < self->height; y++)
    {
      guint8 *row = data + (gsize) y * stride;

      for (guint x = 0; x < self->width; x++)
        row[x] = 255 - row[x];
    }
  cairo_surface_mark_dirty (self->surface);
  studio_image_mask_changed (self, studio_image_mask_compute_empty (self));
}

gboolean
studio_image_mask_is_painted (StudioImageMask *self,
                              guint            x,
                              guint            y)
{
  guint8 *data;
  int stride;

  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);

  data = studio_image_mask_get_data (self, &stride);

  return data[(gsize) y * stride + x] >= 128;
}

/**
 * studio_image_mask_get_surface:
 * @self: a mask
 *
 * The mask as a view draws it: a %CAIRO_FORMAT_A8 surface of its size, 255
 * where painted and 0 elsewhere. It changes as the mask does (see
 * #StudioImageMask::changed); only the mask draws on it.
 *
 * Returns: (transfer none): the mask's surface
 */
cairo_surface_t *
studio_image_mask_get_surface (StudioImageMask *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), NULL);

  cairo_surface_flush (self->surface);

  return self->surface;
}

/**
 * studio_image_mask_import:
 * @self: a mask
 * @png: a PNG, or an image in any format gdk-pixbuf reads, of the mask's size
 * @error: return location for an error
 *
 * Replaces the paint with the transparent pixels (alpha below 128) of
 * @png, as one step to undo. An image of another size, or without
 * transparency, is refused and the mask stays as it was.
 *
 * Returns: whether @png was read
 */
gboolean
studio_image_mask_import (StudioImageMask  *self,
                          GBytes           *png,
                          GError          **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  cairo_rectangle_int_t area;
  g_autofree guint8 *before = NULL;
  const guint8 *pixels;
  GdkPixbuf *pixbuf;
  guint8 *data;
  int rowstride;
  int channels;
  int stride;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (png, &size);

  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), FALSE);
  g_return_val_if_fail (png != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gdk_pixbuf_loader_write (loader, bytes, size, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      if (local_error == NULL)
        gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The mask is not an image that can be read (%s). Choose a PNG file."),
                   local_error ? local_error->message : _("no image data"));
      return FALSE;
    }

  if ((guint) gdk_pixbuf_get_width (pixbuf) != self->width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != self->height)
    {
      /* Translators: the sizes are in pixels, width × height. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The mask is %d × %d pixels but the image is %u × %u. "
                     "Choose a mask of the image’s size."),
                   gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                   self->width, self->height);
      return FALSE;
    }

  if (!gdk_pixbuf_get_has_alpha (pixbuf) || gdk_pixbuf_get_n_channels (pixbuf) != 4 ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The mask has no transparency, so it marks nothing to change. "
                             "Choose a PNG whose area to change is transparent."));
      return FALSE;
    }

  studio_image_mask_end_stroke (self);

  area = studio_image_mask_get_full_area (self);
  data = studio_image_mask_get_data (self, &stride);
  before = copy_area (data, stride, &area);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  for (guint y = 0; y < self->height; y++)
    {
      const guint8 *src = pixels + (gsize) y * rowstride;
      guint8 *row = data + (gsize) y * stride;

      for (guint x = 0; x < self->width; x++)
        row[x] = src[x * channels + 3] < 128 ? 255 : 0;
    }
  cairo_surface_mark_dirty (self->surface);

  /* The same paint again is no step to undo. */
  {
    g_autofree guint8 *now = copy_area (data, stride, &area);

    if (memcmp (before, now, (gsize) area.width * area.height) != 0)
      studio_image_mask_record (self, &area, g_steal_pointer (&before));
  }
  studio_image_mask_changed (self, studio_image_mask_compute_empty (self));

  return TRUE;
}

/**
 * studio_image_mask_export:
 * @self: a mask
 * @error: return location for an error
 *
 * The mask as the image edits endpoint takes it: an RGBA PNG of the mask's
 * size, transparent where painted and opaque black elsewhere.
 *
 * Returns: (transfer full) (nullable): the PNG, or %NULL with @error set
 */
GBytes *
studio_image_mask_export (StudioImageMask  *self,
                          GError          **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  guint8 *pixels;
  guint8 *data;
  gsize length;
  int rowstride;
  int stride;

  g_return_val_if_fail (STUDIO_IS_IMAGE_MASK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, self->width, self->height);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("There is not enough memory for a mask of %u × %u pixels."),
                   self->width, self->height);
      return NULL;
    }

  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  data = studio_image_mask_get_data (self, &stride);
  for (guint y = 0; y < self->height; y++)
    {
      const guint8 *row = data + (gsize) y * stride;
      guint8 *dest = pixels + (gsize) y * rowstride;

      for (guint x = 0; x < self->width; x++, dest += 4)
        {
          dest[0] = dest[1] = dest[2] = 0;
          dest[3] = row[x] >= 128 ? 0 : 255;
        }
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}
