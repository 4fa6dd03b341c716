/* studio-transcript-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-row"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-transcript-row.h"
#include "studio-ui.h"
#include "studio-utils.h"

/* One segment of a transcript in the transcript view: the time it starts
 * (a button that plays from there), its speaker (a button whose popover
 * renames that speaker everywhere), its text, editable in place, and a
 * menu. The view recycles rows, so a row is bound to one segment after
 * another; an edit in progress is written to its segment before the row
 * moves on.
 */
struct _StudioTranscriptRow
{
  GtkBox                   parent_instance;

  /* Owned references */
  StudioTranscript        *transcript;
  StudioTranscriptSegment *segment;

  /* Template widgets */
  GtkButton               *time_button;
  GtkMenuButton           *speaker_button;
  GtkPopover              *speaker_popover;
  GtkEntry                *speaker_entry;
  GtkLabel                *size_label;
  GtkTextView             *text_view;
  GtkMenuButton           *menu_button;

  gulong                   text_handler;
  gulong                   speaker_handler;
  guint                    playing : 1;
  guint                    loading : 1;  /* the text is being put in, not typed */
  guint                    dirty : 1;    /* the text was changed since it was put in */
};

G_DEFINE_FINAL_TYPE (StudioTranscriptRow, studio_transcript_row, GTK_TYPE_BOX)

enum {
  SEEK,
  MAKE_SPEAKER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char row_css[] =
  "transcriptrow {\n"
  "  padding: 6px 6px 8px 6px;\n"
  "  border-radius: 8px;\n"
  "}\n"
  "transcriptrow.playing {\n"
  "  background-color: alpha(@accent_bg_color, 0.12);\n"
  "}\n"
  "transcriptrow textview,\n"
  "transcriptrow textview text {\n"
  "  background: none;\n"
  "}\n"
  "transcriptrow .studio-transcript-time {\n"
  "  min-height: 24px;\n"
  "  padding: 0 6px;\n"
  "  font-weight: bold;\n"
  "}\n"
  "transcriptrow menubutton.studio-transcript-speaker > button {\n"
  "  min-height: 24px;\n"
  "  padding: 0 10px;\n"
  "  border-radius: 9999px;\n"
  "  background-color: alpha(currentColor, 0.08);\n"
  "  font-size: smaller;\n"
  "  font-weight: bold;\n"
  "}\n"
  "transcriptrow menubutton.studio-transcript-speaker > button:hover {\n"
  "  background-color: alpha(currentColor, 0.15);\n"
  "}\n"
  "listview.studio-transcript > row {\n"
  "  padding: 2px 12px;\n"
  "}\n";

/* The rows' looks are theirs alone, so they come with the type rather
 * than from the app's shared style sheet.
 */
static void
ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, row_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  done = TRUE;
}

static void
studio_transcript_row_load_text (StudioTranscriptRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *text = self->segment ? studio_transcript_segment_get_text (self->segment) : NULL;

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  self->loading = FALSE;
  self->dirty = FALSE;
}

static void
buffer_changed_cb (StudioTranscriptRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!self->loading)
    self->dirty = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_label_set_text (self->size_label, text);
}

static void
studio_transcript_row_update_speaker (StudioTranscriptRow *self)
{
  const char *speaker = NULL;
  g_autofree char *name = NULL;

  if (self->segment != NULL)
    speaker = studio_transcript_segment_get_speaker (self->segment);

  gtk_widget_set_visible (GTK_WIDGET (self->speaker_button), !studio_str_is_blank (speaker));
  if (studio_str_is_blank (speaker))
    return;

  gtk_menu_button_set_label (self->speaker_button, speaker);
  /* Translators: the accessible name of the button showing who speaks in a segment */
  name = g_strdup_printf (_("Speaker %s"), speaker);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speaker_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
segment_text_changed_cb (StudioTranscriptRow *self)
{
  /* What the user is typing wins over a change made elsewhere; it is
   * written back when they are done.
   */
  if (!self->dirty)
    studio_transcript_row_load_text (self);
}

static void
on_time_clicked_cb (StudioTranscriptRow *self)
{
  if (self->segment != NULL)
    g_signal_emit (self, signals[SEEK], 0, studio_transcript_segment_get_start (self->segment));
}

static void
on_speaker_popover_show_cb (StudioTranscriptRow *self)
{
  const char *speaker = NULL;

  if (self->segment != NULL)
    speaker = studio_transcript_segment_get_speaker (self->segment);

  gtk_editable_set_text (GTK_EDITABLE (self->speaker_entry), speaker ? speaker : "");
  gtk_editable_select_region (GTK_EDITABLE (self->speaker_entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->speaker_entry));
}

static void
on_rename_cb (StudioTranscriptRow *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  gtk_popover_popdown (self->speaker_popover);

  if (self->segment == NULL || self->transcript == NULL)
    return;

  /* Renaming replaces the string the segment holds. */
  from = g_strdup (studio_transcript_segment_get_speaker (self->segment));
  to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->speaker_entry))));
  if (from == NULL || studio_str_is_blank (to) || g_str_equal (from, to))
    return;

  studio_transcript_rename_speaker (self->transcript, from, to);
}

static void
text_focus_leave_cb (StudioTranscriptRow *self)
{
  studio_transcript_row_commit (self);
}

static gboolean
text_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     StudioTranscriptRow   *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      if (!self->dirty)
        return FALSE;
      studio_transcript_row_load_text (self);
      return TRUE;
    }

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_CONTROL_MASK) != 0)
    {
      studio_transcript_row_commit (self);
      return TRUE;
    }

  return FALSE;
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StudioTranscriptRow *self = STUDIO_TRANSCRIPT_ROW (widget);

  if (self->segment == NULL)
    return;

  studio_transcript_row_commit (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          studio_transcript_segment_get_text (self->segment));
  studio_ui_add_toast (widget, _("Text copied"));
}

static void
make_speaker_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StudioTranscriptRow *self = STUDIO_TRANSCRIPT_ROW (widget);

  if (self->segment != NULL)
    g_signal_emit (self, signals[MAKE_SPEAKER], 0, self->segment);
}

static void
studio_transcript_row_dispose (GObject *object)
{
  StudioTranscriptRow *self = (StudioTranscriptRow *) object;

  studio_transcript_row_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_TRANSCRIPT_ROW);

  G_OBJECT_CLASS (studio_transcript_row_parent_class)->dispose (object);
}

static void
studio_transcript_row_class_init (StudioTranscriptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_transcript_row_dispose;

  /**
   * StudioTranscriptRow::seek:
   * @seconds: where the segment starts
   *
   * The segment's time was clicked: play from there.
   */
  signals[SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  /**
   * StudioTranscriptRow::make-speaker:
   * @segment: the segment whose audio should identify its speaker
   */
  signals[MAKE_SPEAKER] =
    g_signal_new ("make-speaker", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_TRANSCRIPT_SEGMENT);

  gtk_widget_class_install_action (widget_class, "segment.copy-text", NULL, copy_text_action);
  gtk_widget_class_install_action (widget_class, "segment.make-speaker", NULL,
                                   make_speaker_action);

  gtk_widget_class_set_css_name (widget_class, "transcriptrow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-transcript-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, time_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, speaker_button);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, speaker_popover);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, speaker_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, size_label);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscriptRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_time_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_speaker_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_cb);
}

static void
studio_transcript_row_init (StudioTranscriptRow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style ();

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  studio_ui_name_mnemonic_buttons (GTK_WIDGET (self->speaker_popover));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (text_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (text_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.copy-text", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.make-speaker", FALSE);
}

/**
 * studio_transcript_row_format_time:
 * @seconds: a time in the audio
 *
 * Returns: (transfer full): @seconds as the transcript shows it, such as
 *   "1:02" or "1:02:03"
 */
char *
studio_transcript_row_format_time (double seconds)
{
  gint64 total = seconds > 0 ? (gint64) seconds : 0;

  if (total >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", total / 3600,
                            (int) (total / 60 % 60), (int) (total % 60));

  return g_strdup_printf ("%d:%02d", (int) (total / 60), (int) (total % 60));
}

/**
 * studio_transcript_row_new:
 *
 * Returns: (transfer floating): a row showing no segment yet
 */
GtkWidget *
studio_transcript_row_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIPT_ROW, NULL);
}

/**
 * studio_transcript_row_bind:
 * @self: a row
 * @transcript: the transcript @segment is in, whose speakers it renames
 * @segment: the segment to show
 *
 * Shows @segment, after writing an edit of the previous one to it.
 */
void
studio_transcript_row_bind (StudioTranscriptRow     *self,
                            StudioTranscript        *transcript,
                            StudioTranscriptSegment *segment)
{
  g_autofree char *time = NULL;
  g_autofree char *time_name = NULL;
  g_autofree char *text_name = NULL;

  g_return_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self));
  g_return_if_fail (STUDIO_IS_TRANSCRIPT (transcript));
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_SEGMENT (segment));

  studio_transcript_row_unbind (self);

  self->transcript = g_object_ref (transcript);
  self->segment = g_object_ref (segment);
  self->text_handler = g_signal_connect_swapped (segment, "notify::text",
                                                 G_CALLBACK (segment_text_changed_cb), self);
  self->speaker_handler =
    g_signal_connect_swapped (segment, "notify::speaker",
                              G_CALLBACK (studio_transcript_row_update_speaker), self);

  time = studio_transcript_row_format_time (studio_transcript_segment_get_start (segment));
  gtk_button_set_label (self->time_button, time);
  /* Translators: the accessible name of the button that plays a segment; %s is "1:02" */
  time_name = g_strdup_printf (_("Play from %s"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, time_name,
                                  -1);
  /* Translators: the accessible name of a segment's editable text; %s is "1:02" */
  text_name = g_strdup_printf (_("Segment text at %s"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text_name,
                                  -1);

  studio_transcript_row_update_speaker (self);
  studio_transcript_row_load_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.copy-text", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.make-speaker", TRUE);
}

/**
 * studio_transcript_row_unbind:
 * @self: a row
 *
 * Writes an edit in progress to the segment shown, and stops showing it.
 */
void
studio_transcript_row_unbind (StudioTranscriptRow *self)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self));

  if (self->segment == NULL)
    return;

  studio_transcript_row_commit (self);
  g_clear_signal_handler (&self->text_handler, self->segment);
  g_clear_signal_handler (&self->speaker_handler, self->segment);
  g_clear_object (&self->segment);
  g_clear_object (&self->transcript);
  studio_transcript_row_set_playing (self, FALSE);

  if (self->speaker_popover != NULL)
    gtk_popover_popdown (self->speaker_popover);
  if (self->text_view != NULL)
    {
      studio_transcript_row_load_text (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.copy-text", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.make-speaker", FALSE);
    }
}

/**
 * studio_transcript_row_get_segment:
 *
 * Returns: (transfer none) (nullable): the segment shown
 */
StudioTranscriptSegment *
studio_transcript_row_get_segment (StudioTranscriptRow *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self), NULL);

  return self->segment;
}

/**
 * studio_transcript_row_get_playing:
 *
 * Returns: whether the row is highlighted as the segment playing
 */
gboolean
studio_transcript_row_get_playing (StudioTranscriptRow *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self), FALSE);

  return self->playing;
}

/**
 * studio_transcript_row_set_playing:
 * @self: a row
 * @playing: whether its segment is the one playing
 */
void
studio_transcript_row_set_playing (StudioTranscriptRow *self,
                                   gboolean             playing)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  if (playing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "playing");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "playing");
}

/**
 * studio_transcript_row_is_editing:
 *
 * Returns: whether the user is in the segment's text or renaming its
 *   speaker
 */
gboolean
studio_transcript_row_is_editing (StudioTranscriptRow *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self), FALSE);

  return gtk_widget_has_focus (GTK_WIDGET (self->text_view)) ||
         gtk_widget_get_visible (GTK_WIDGET (self->speaker_popover));
}

/**
 * studio_transcript_row_commit:
 * @self: a row
 *
 * Writes the text as edited to the segment shown. Focus leaving the text
 * and Ctrl+Enter do it too; Escape puts the segment's text back instead.
 *
 * Returns: whether there was an edit to write
 */
gboolean
studio_transcript_row_commit (StudioTranscriptRow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_ROW (self), FALSE);

  if (self->segment == NULL || self->text_view == NULL)
    return FALSE;

  if (!self->dirty)
    return FALSE;

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  /* Space around the text, such as the line Enter adds at its end, is no
   * one's words.
   */
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  self->dirty = FALSE;
  if (g_strcmp0 (text, studio_transcript_segment_get_text (self->segment)) == 0)
    return FALSE;

  studio_transcript_segment_set_text (self->segment, text);
  return TRUE;
}
