/* studio-transcript-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-view"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-transcript-row.h"
#include "studio-transcript-view.h"
#include "studio-utils.h"

/* How long the view leaves the reader where they scrolled to before it
 * follows the audio again.
 */
#define FOLLOW_PAUSE_US (5 * G_USEC_PER_SEC)

/* A transcript, as one of three things:
 *
 *  - "segments": timed segments in a list view, whose rows are made only
 *    for what is on screen, so a three-hour recording with thousands of
 *    segments opens at once. The segment playing is highlighted and kept
 *    in view while the audio plays.
 *  - "live": the text as it streams in, before there are segments.
 *  - "text": a plain answer without times, as one block of editable text.
 *
 * The widgets are few and depend on the transcript, so they are made
 * here rather than in a template.
 */
struct _StudioTranscriptView
{
  GtkBox             parent_instance;

  /* Owned references */
  StudioTranscript  *transcript;
  GtkNoSelection    *selection;    /* over the transcript's segments */
  GHashTable        *bound;        /* GtkListItem, those showing a segment */
  char              *live_text;

  /* Child widgets */
  GtkStack          *stack;
  GtkScrolledWindow *list_scroller;
  GtkListView       *list_view;
  GtkTextView       *text_view;    /* an untimed transcript */
  GtkScrolledWindow *live_scroller;
  GtkTextView       *live_view;

  gulong             changed_handler;
  gulong             items_handler;
  gint64             user_scrolled_at;
  int                playing;      /* the segment's position, -1 none */
  guint              text_loading : 1;
  guint              text_dirty : 1;  /* the untimed text was typed in */
};

G_DEFINE_FINAL_TYPE (StudioTranscriptView, studio_transcript_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TRANSCRIPT,
  N_PROPS
};

enum {
  SEEK,
  MAKE_SPEAKER,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The untimed text, unless the user is changing it. */
static void
studio_transcript_view_load_text (StudioTranscriptView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (self->text_dirty)
    return;

  text = self->transcript ? studio_transcript_dup_text (self->transcript) : NULL;
  shown = dup_buffer_text (self->text_view);
  if (g_strcmp0 (text ? text : "", shown) != 0)
    {
      self->text_loading = TRUE;
      gtk_text_buffer_set_text (buffer, text ? text : "", -1);
      self->text_loading = FALSE;
    }
}

static void
text_changed_cb (StudioTranscriptView *self)
{
  if (!self->text_loading)
    self->text_dirty = TRUE;
}

static void
studio_transcript_view_update_page (StudioTranscriptView *self)
{
  const char *page = "segments";

  if (self->transcript != NULL &&
      studio_transcript_has_timestamps (self->transcript) &&
      g_list_model_get_n_items (studio_transcript_get_segments (self->transcript)) > 0)
    page = "segments";
  else if (!studio_str_empty0 (self->live_text))
    page = "live";
  else if (self->transcript != NULL)
    {
      page = "text";
      studio_transcript_view_load_text (self);
    }

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
studio_transcript_view_update_playing (StudioTranscriptView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *item = key;

      studio_transcript_row_set_playing (STUDIO_TRANSCRIPT_ROW (gtk_list_item_get_child (item)),
                                         (int) gtk_list_item_get_position (item) == self->playing);
    }
}

static gboolean
studio_transcript_view_is_editing (StudioTranscriptView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkWidget *row = gtk_list_item_get_child (key);

      if (studio_transcript_row_is_editing (STUDIO_TRANSCRIPT_ROW (row)))
        return TRUE;
    }

  return gtk_widget_has_focus (GTK_WIDGET (self->text_view));
}

static gboolean
studio_transcript_view_user_scrolled (StudioTranscriptView *self)
{
  return self->user_scrolled_at != 0 &&
         g_get_monotonic_time () - self->user_scrolled_at < FOLLOW_PAUSE_US;
}

static void
note_user_scroll_cb (StudioTranscriptView *self)
{
  self->user_scrolled_at = g_get_monotonic_time ();
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           StudioTranscriptView     *self)
{
  note_user_scroll_cb (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                StudioTranscriptView  *self)
{
  note_user_scroll_cb (self);
  return GDK_EVENT_PROPAGATE;
}

/* Wheel, touchpad, keys and the scroll bar all mean the reader is
 * looking somewhere on purpose.
 */
static void
watch_user_scrolls (StudioTranscriptView *self,
                    GtkScrolledWindow    *scroller)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);

  gesture = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (note_user_scroll_cb), self);
  gtk_widget_add_controller (gtk_scrolled_window_get_vscrollbar (scroller),
                             GTK_EVENT_CONTROLLER (gesture));
}

/* The live text keeps its end in view as it grows, unless the reader
 * scrolled up. This sets the value rather than asking the text view to
 * scroll to its end: GTK 4.8 animates that scroll, and unmapping a text
 * view in the middle of such an animation is a critical warning.
 */
static void
live_upper_changed_cb (StudioTranscriptView *self,
                       GParamSpec           *pspec,
                       GtkAdjustment        *adjustment)
{
  if (!studio_transcript_view_user_scrolled (self))
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                          gtk_adjustment_get_page_size (adjustment));
}

static void
row_seek_cb (StudioTranscriptView *self,
             double                seconds)
{
  g_signal_emit (self, signals[SEEK], 0, seconds);
}

static void
row_make_speaker_cb (StudioTranscriptView    *self,
                     StudioTranscriptSegment *segment)
{
  g_signal_emit (self, signals[MAKE_SPEAKER], 0, segment);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              StudioTranscriptView     *self)
{
  GtkWidget *row = studio_transcript_row_new ();

  g_signal_connect_object (row, "seek", G_CALLBACK (row_seek_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "make-speaker", G_CALLBACK (row_make_speaker_cb), self,
                           G_CONNECT_SWAPPED);
  /* Clicks go to the row's own controls; the list item has no action. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StudioTranscriptView     *self)
{
  StudioTranscriptRow *row = STUDIO_TRANSCRIPT_ROW (gtk_list_item_get_child (item));
  StudioTranscriptSegment *segment = gtk_list_item_get_item (item);
  GtkWidget *item_widget = gtk_widget_get_parent (GTK_WIDGET (row));
  const char *speaker = studio_transcript_segment_get_speaker (segment);
  g_autofree char *time = NULL;
  g_autofree char *name = NULL;

  studio_transcript_row_bind (row, self->transcript, segment);

  /* The list's own row takes the focus for arrow keys; GTK 4.8 offers no
   * way to name it but through the widget it puts around ours.
   */
  time = studio_transcript_row_format_time (studio_transcript_segment_get_start (segment));
  if (studio_str_is_blank (speaker))
    /* Translators: the accessible name of a transcript segment; %s is "1:02" */
    name = g_strdup_printf (_("Segment at %s"), time);
  else
    /* Translators: the accessible name of a transcript segment: a speaker and "1:02" */
    name = g_strdup_printf (_("%s at %s"), speaker, time);
  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);

  studio_transcript_row_set_playing (row, (int) gtk_list_item_get_position (item) == self->playing);
  g_hash_table_add (self->bound, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               StudioTranscriptView     *self)
{
  g_hash_table_remove (self->bound, item);
  studio_transcript_row_unbind (STUDIO_TRANSCRIPT_ROW (gtk_list_item_get_child (item)));
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 StudioTranscriptView     *self)
{
  g_hash_table_remove (self->bound, item);
}

static void
transcript_changed_cb (StudioTranscriptView *self)
{
  studio_transcript_view_update_page (self);
}

static void
segments_changed_cb (StudioTranscriptView *self,
                     guint                 position,
                     guint                 removed,
                     guint                 added)
{
  /* The positions after an insertion or removal have moved. */
  if (self->playing >= (int) position && (removed > 0 || added > 0))
    {
      self->playing = -1;
      studio_transcript_view_update_playing (self);
    }

  studio_transcript_view_update_page (self);
}

/* Writes the untimed text as edited, for the same reasons a row does. */
static gboolean
studio_transcript_view_commit_text (StudioTranscriptView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *old = NULL;

  if (self->transcript == NULL || !self->text_dirty)
    return FALSE;

  text = dup_buffer_text (self->text_view);
  self->text_dirty = FALSE;
  old = studio_transcript_dup_text (self->transcript);
  if (g_strcmp0 (text, old) == 0)
    return FALSE;

  studio_transcript_set_text (self->transcript, text);
  return TRUE;
}

static void
text_focus_leave_cb (StudioTranscriptView *self)
{
  studio_transcript_view_commit_text (self);
}

static gboolean
text_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     StudioTranscriptView  *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      if (!self->text_dirty)
        return FALSE;
      self->text_dirty = FALSE;
      studio_transcript_view_load_text (self);
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_CONTROL_MASK) != 0)
    {
      studio_transcript_view_commit_text (self);
      return TRUE;
    }

  return FALSE;
}

static GtkWidget *
text_view_new (gboolean    editable,
               const char *name)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), editable);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), editable);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return view;
}

static GtkWidget *
scroller_new (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
studio_transcript_view_disconnect (StudioTranscriptView *self)
{
  if (self->transcript == NULL)
    return;

  g_clear_signal_handler (&self->changed_handler, self->transcript);
  g_clear_signal_handler (&self->items_handler, studio_transcript_get_segments (self->transcript));
}

static void
studio_transcript_view_dispose (GObject *object)
{
  StudioTranscriptView *self = (StudioTranscriptView *) object;

  /* Unbinding the rows writes what is being edited. */
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->text_view != NULL)
    studio_transcript_view_commit_text (self);

  studio_transcript_view_disconnect (self);
  g_clear_object (&self->transcript);
  g_clear_object (&self->selection);

  while (gtk_widget_get_first_child (GTK_WIDGET (self)) != NULL)
    gtk_box_remove (GTK_BOX (self), gtk_widget_get_first_child (GTK_WIDGET (self)));
  self->stack = NULL;
  self->list_scroller = NULL;
  self->list_view = NULL;
  self->text_view = NULL;
  self->live_scroller = NULL;
  self->live_view = NULL;

  G_OBJECT_CLASS (studio_transcript_view_parent_class)->dispose (object);
}

static void
studio_transcript_view_finalize (GObject *object)
{
  StudioTranscriptView *self = (StudioTranscriptView *) object;

  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->live_text, g_free);

  G_OBJECT_CLASS (studio_transcript_view_parent_class)->finalize (object);
}

static void
studio_transcript_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StudioTranscriptView *self = STUDIO_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSCRIPT:
      g_value_set_object (value, self->transcript);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StudioTranscriptView *self = STUDIO_TRANSCRIPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_TRANSCRIPT:
      studio_transcript_view_set_transcript (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_view_class_init (StudioTranscriptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_transcript_view_dispose;
  object_class->finalize = studio_transcript_view_finalize;
  object_class->get_property = studio_transcript_view_get_property;
  object_class->set_property = studio_transcript_view_set_property;

  properties[PROP_TRANSCRIPT] =
    g_param_spec_object ("transcript", NULL, NULL,
                         STUDIO_TYPE_TRANSCRIPT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioTranscriptView::seek:
   * @seconds: where to play from
   *
   * A segment's time was clicked or activated.
   */
  signals[SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /**
   * StudioTranscriptView::make-speaker:
   * @segment: the segment chosen with "Use as Speaker Reference"
   */
  signals[MAKE_SPEAKER] =
    g_signal_new ("make-speaker", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_TRANSCRIPT_SEGMENT);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "transcriptview");
}

static void
studio_transcript_view_init (StudioTranscriptView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *controller;
  GtkAdjustment *adjustment;
  GtkWidget *child;

  self->bound = g_hash_table_new (NULL, NULL);
  self->playing = -1;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, g_steal_pointer (&factory)));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "studio-transcript");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcript"),
                                  -1);
  child = scroller_new (GTK_WIDGET (self->list_view));
  self->list_scroller = GTK_SCROLLED_WINDOW (child);
  watch_user_scrolls (self, self->list_scroller);
  gtk_stack_add_named (self->stack, child, "segments");

  self->text_view = GTK_TEXT_VIEW (text_view_new (TRUE, _("Transcript Text")));
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (text_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (text_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, scroller_new (GTK_WIDGET (self->text_view)), "text");

  self->live_view = GTK_TEXT_VIEW (text_view_new (FALSE, _("Transcript So Far")));
  child = scroller_new (GTK_WIDGET (self->live_view));
  self->live_scroller = GTK_SCROLLED_WINDOW (child);
  watch_user_scrolls (self, self->live_scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (self->live_scroller);
  g_signal_connect_object (adjustment, "notify::upper", G_CALLBACK (live_upper_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, child, "live");

  gtk_stack_set_visible_child_name (self->stack, "segments");
}

/**
 * studio_transcript_view_new:
 *
 * Returns: (transfer floating): a view showing no transcript yet
 */
GtkWidget *
studio_transcript_view_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIPT_VIEW, NULL);
}

/**
 * studio_transcript_view_get_transcript:
 *
 * Returns: (transfer none) (nullable): the transcript shown
 */
StudioTranscript *
studio_transcript_view_get_transcript (StudioTranscriptView *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self), NULL);

  return self->transcript;
}

/**
 * studio_transcript_view_set_transcript:
 * @self: a view
 * @transcript: (nullable): the transcript to show and edit
 *
 * Shows @transcript, after writing an edit in progress to the one shown
 * before. Edits change @transcript itself, which says so with its
 * "changed" signal.
 */
void
studio_transcript_view_set_transcript (StudioTranscriptView *self,
                                       StudioTranscript     *transcript)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self));
  g_return_if_fail (transcript == NULL || STUDIO_IS_TRANSCRIPT (transcript));

  if (self->transcript == transcript)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  studio_transcript_view_commit_text (self);
  studio_transcript_view_disconnect (self);
  g_clear_object (&self->selection);
  g_set_object (&self->transcript, transcript);
  self->playing = -1;
  self->user_scrolled_at = 0;

  self->text_dirty = FALSE;
  self->text_loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  self->text_loading = FALSE;

  if (transcript != NULL)
    {
      GListModel *segments = studio_transcript_get_segments (transcript);

      self->changed_handler = g_signal_connect_swapped (transcript, "changed",
                                                        G_CALLBACK (transcript_changed_cb), self);
      self->items_handler = g_signal_connect_swapped (segments, "items-changed",
                                                      G_CALLBACK (segments_changed_cb), self);
      self->selection = gtk_no_selection_new (g_object_ref (segments));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }

  studio_transcript_view_update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSCRIPT]);
}

/**
 * studio_transcript_view_set_time:
 * @self: a view
 * @seconds: where the audio is playing
 *
 * Highlights the segment playing at @seconds and scrolls to keep it in
 * view, unless the user scrolled elsewhere a moment ago or is editing.
 */
void
studio_transcript_view_set_time (StudioTranscriptView *self,
                                 double                seconds)
{
  int playing = -1;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self));

  if (self->transcript != NULL && studio_transcript_has_timestamps (self->transcript))
    playing = studio_transcript_find_segment (self->transcript, seconds);

  if (playing == self->playing)
    return;

  self->playing = playing;
  studio_transcript_view_update_playing (self);

  if (playing >= 0 && !studio_transcript_view_user_scrolled (self) &&
      !studio_transcript_view_is_editing (self))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                (guint) playing);
}

/**
 * studio_transcript_view_get_playing:
 *
 * Returns: the position of the segment highlighted as playing, or -1
 */
int
studio_transcript_view_get_playing (StudioTranscriptView *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self), -1);

  return self->playing;
}

/**
 * studio_transcript_view_set_live_text:
 * @self: a view
 * @text: (nullable): the whole text streamed so far, or %NULL when done
 *
 * Shows a transcript as it streams in, while it has no segments yet.
 * Text that continues what is shown is appended, not laid out again.
 */
void
studio_transcript_view_set_live_text (StudioTranscriptView *self,
                                      const char           *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  gsize old_length;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self));

  if (g_strcmp0 (self->live_text, text) == 0)
    return;

  buffer = gtk_text_view_get_buffer (self->live_view);
  old_length = self->live_text ? strlen (self->live_text) : 0;

  if (text != NULL && old_length > 0 && g_str_has_prefix (text, self->live_text))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, text + old_length, -1);
    }
  else
    gtk_text_buffer_set_text (buffer, text ? text : "", -1);

  studio_set_str (&self->live_text, text);
  studio_transcript_view_update_page (self);
}

/**
 * studio_transcript_view_commit:
 * @self: a view
 *
 * Writes an edit in progress to the transcript, as leaving the text
 * would, so that what is saved or exported includes it.
 *
 * Returns: whether there was an edit to write
 */
gboolean
studio_transcript_view_commit (StudioTranscriptView *self)
{
  GHashTableIter iter;
  gpointer key;
  gboolean written;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_VIEW (self), FALSE);

  written = studio_transcript_view_commit_text (self);

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkWidget *row = gtk_list_item_get_child (key);

      if (studio_transcript_row_commit (STUDIO_TRANSCRIPT_ROW (row)))
        written = TRUE;
    }

  return written;
}
