/* test-transcript-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Transcribe workspace's transcript view in a window under Xvfb: a
 * long transcript makes rows only for what is on screen, the playhead
 * highlights its segment and is followed, the time seeks, the text is
 * edited in place (and put back with Escape), a speaker is renamed from
 * a row, an untimed transcript is one block of text, and streamed text
 * shows as it comes.
 */

#include "config.h"

#include <adwaita.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-transcript.h"
#include "studio-transcript-row.h"
#include "studio-transcript-view.h"
#include "studio-ui.h"

#define N_SEGMENTS 3000

typedef struct
{
  GtkWindow        *window;
  GtkWidget        *view;
  StudioTranscript *transcript;
  guint             n_changed;
  guint             n_seek;
  double            seeked;
  StudioTranscriptSegment *made;
} Fixture;

static void
changed_cb (StudioTranscript *transcript,
            Fixture          *fixture)
{
  fixture->n_changed++;
}

static void
seek_cb (StudioTranscriptView *view,
         double                seconds,
         Fixture              *fixture)
{
  fixture->n_seek++;
  fixture->seeked = seconds;
}

static void
make_speaker_cb (StudioTranscriptView    *view,
                 StudioTranscriptSegment *segment,
                 Fixture                 *fixture)
{
  fixture->made = segment;
}

/* Segment i starts at 4 i s and lasts 3.5 s; Alice and Bob take turns. */
static StudioTranscript *
long_transcript (void)
{
  StudioTranscript *transcript = studio_transcript_new ();

  for (guint i = 0; i < N_SEGMENTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Segment %u: %s", i,
                                               i % 3 == 0 ? "a longer sentence that wraps onto "
                                                            "more than one line in a narrow window."
                                                          : "short.");
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (i * 4.0, i * 4.0 + 3.5, i % 2 ? "Bob" : "Alice", text);

      studio_transcript_add_segment (transcript, segment);
    }

  return transcript;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->view = g_object_ref_sink (studio_transcript_view_new ());
  g_signal_connect (fixture->view, "seek", G_CALLBACK (seek_cb), fixture);
  g_signal_connect (fixture->view, "make-speaker", G_CALLBACK (make_speaker_cb), fixture);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 560, 480);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->view);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);

  if (data == NULL)
    {
      fixture->transcript = long_transcript ();
      g_signal_connect (fixture->transcript, "changed", G_CALLBACK (changed_cb), fixture);
      studio_transcript_view_set_transcript (STUDIO_TRANSCRIPT_VIEW (fixture->view),
                                             fixture->transcript);
    }

  studio_gui_wait_frames (fixture->view, 3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  studio_gui_drain ();
  g_assert_finalize_object (g_steal_pointer (&fixture->view));
  if (fixture->transcript != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->transcript));
}

/* Reading it back ----------------------------------------------------------- */

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (STUDIO_IS_TRANSCRIPT_ROW (widget))
    {
      if (gtk_widget_get_mapped (widget) &&
          studio_transcript_row_get_segment (STUDIO_TRANSCRIPT_ROW (widget)) != NULL)
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static guint
n_rows (Fixture *fixture)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (fixture->view, rows);
  return rows->len;
}

static StudioTranscriptSegment *
segment_at (Fixture *fixture,
            guint    position)
{
  g_autoptr(StudioTranscriptSegment) segment =
    g_list_model_get_item (studio_transcript_get_segments (fixture->transcript), position);

  g_assert_nonnull (segment);
  /* The transcript holds it. */
  return segment;
}

/* The row on screen showing the segment at @position, or NULL. */
static StudioTranscriptRow *
row_at (Fixture *fixture,
        guint    position)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  StudioTranscriptSegment *segment = segment_at (fixture, position);

  collect_rows (fixture->view, rows);
  for (guint i = 0; i < rows->len; i++)
    if (studio_transcript_row_get_segment (rows->pdata[i]) == segment)
      return rows->pdata[i];

  return NULL;
}

typedef struct
{
  Fixture *fixture;
  guint    position;
} RowWanted;

static gboolean
row_shown (gpointer data)
{
  RowWanted *wanted = data;

  return row_at (wanted->fixture, wanted->position) != NULL;
}

static StudioTranscriptRow *
wait_for_row (Fixture *fixture,
              guint    position)
{
  RowWanted wanted = { fixture, position };

  studio_gui_wait_for (row_shown, &wanted);
  return row_at (fixture, position);
}

static const char *
page (Fixture *fixture)
{
  GtkWidget *stack = studio_gui_find_widget (fixture->view, GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The text view shown on the visible page (the row's, or the view's). */
static GtkTextView *
text_view_in (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root) && gtk_widget_get_mapped (root))
    return GTK_TEXT_VIEW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = text_view_in (child);

      if (found)
        return found;
    }

  return NULL;
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
type_text (GtkTextView *view,
           const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* Runs the key controller that the row or view holding @widget added to
 * it (not GtkTextView's own, which would type the key) as a key press
 * would reach it.
 */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint signal_id = g_signal_lookup ("key-pressed", GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;

      for (GtkWidget *owner = widget; owner; owner = gtk_widget_get_parent (owner))
        if ((STUDIO_IS_TRANSCRIPT_ROW (owner) || STUDIO_IS_TRANSCRIPT_VIEW (owner)) &&
            g_signal_handler_find (controller, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                   signal_id, 0, NULL, NULL, owner) != 0)
          {
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
            return handled;
          }
    }

  g_assert_not_reached ();
  return FALSE;
}

static GtkWidget *
time_button (StudioTranscriptRow *row)
{
  GtkWidget *button = studio_gui_find_by_class (GTK_WIDGET (row), "studio-transcript-time");

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static GtkMenuButton *
speaker_button (StudioTranscriptRow *row)
{
  GtkWidget *button = studio_gui_find_by_class (GTK_WIDGET (row), "studio-transcript-speaker");

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  return GTK_MENU_BUTTON (button);
}

/* The tests ------------------------------------------------------------------ */

/* Thousands of segments, and only the rows on screen are made. */
static void
test_view_many_segments (Fixture       *fixture,
                         gconstpointer  data)
{
  StudioTranscriptRow *row;
  guint made;

  g_assert_cmpstr (page (fixture), ==, "segments");
  g_assert_true (studio_transcript_view_get_transcript (STUDIO_TRANSCRIPT_VIEW (fixture->view)) ==
                 fixture->transcript);
  row = wait_for_row (fixture, 0);
  made = n_rows (fixture);
  g_assert_cmpuint (made, >, 1);
  g_assert_cmpuint (made, <, 300);
  g_assert_null (row_at (fixture, N_SEGMENTS - 1));

  /* The row shows its segment: time, speaker, text. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (time_button (row))), ==, "0:00");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (speaker_button (row))));
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row)), ==, "Alice");
  {
    g_autofree char *shown = dup_text (text_view_in (GTK_WIDGET (row)));

    g_assert_cmpstr (shown, ==, studio_transcript_segment_get_text (segment_at (fixture, 0)));
    g_assert_true (gtk_text_view_get_editable (text_view_in (GTK_WIDGET (row))));
    g_assert_cmpint (gtk_text_view_get_wrap_mode (text_view_in (GTK_WIDGET (row))), ==,
                     GTK_WRAP_WORD_CHAR);
  }
  row = wait_for_row (fixture, 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (time_button (row))), ==, "0:04");
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row)), ==, "Bob");

  /* Times past an hour. */
  {
    g_autofree char *hours = studio_transcript_row_format_time (3723.9);
    g_autofree char *minutes = studio_transcript_row_format_time (62.5);

    g_assert_cmpstr (hours, ==, "1:02:03");
    g_assert_cmpstr (minutes, ==, "1:02");
  }

  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-view.png");
}

/* The playhead: its segment highlighted, and kept in view. */
static void
test_view_playing (Fixture       *fixture,
                   gconstpointer  data)
{
  StudioTranscriptView *view = STUDIO_TRANSCRIPT_VIEW (fixture->view);
  StudioTranscriptRow *row;

  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, -1);
  wait_for_row (fixture, 2);

  studio_transcript_view_set_time (view, 9.0);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, 2);
  row = row_at (fixture, 2);
  g_assert_true (studio_transcript_row_get_playing (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "playing"));
  g_assert_false (studio_transcript_row_get_playing (row_at (fixture, 1)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row_at (fixture, 1)), "playing"));

  /* The next one takes over. */
  studio_transcript_view_set_time (view, 12.5);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, 3);
  g_assert_false (studio_transcript_row_get_playing (row_at (fixture, 2)));
  g_assert_true (studio_transcript_row_get_playing (row_at (fixture, 3)));

  /* Far down: the view follows, and the row made there is highlighted. */
  studio_transcript_view_set_time (view, 5001.0);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, 1250);
  row = wait_for_row (fixture, 1250);
  g_assert_true (studio_transcript_row_get_playing (row));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (time_button (row))), ==, "1:23:20");
  g_assert_null (row_at (fixture, 0));
  g_assert_cmpuint (n_rows (fixture), <, 300);
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-view-follow.png");

  /* Back near the start. */
  studio_transcript_view_set_time (view, 41.0);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, 10);
  row = wait_for_row (fixture, 10);
  g_assert_true (studio_transcript_row_get_playing (row));

  /* The reader scrolled a moment ago: the view stays where they are. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW);
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (scroller);
    gboolean scrolled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
        gboolean stop;

        if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
          {
            g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &stop);
            scrolled = TRUE;
          }
      }
    g_assert_true (scrolled);
  }
  studio_transcript_view_set_time (view, 2001.0);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, 500);
  studio_gui_wait_frames (fixture->view, 5);
  g_assert_null (row_at (fixture, 500));
  g_assert_nonnull (row_at (fixture, 10));
  g_assert_false (studio_transcript_row_get_playing (row_at (fixture, 10)));

  /* Before the first segment, nothing plays. */
  studio_transcript_view_set_time (view, -5.0);
  g_assert_cmpint (studio_transcript_view_get_playing (view), ==, -1);
}

/* The time button plays from the segment's start. */
static void
test_view_seek (Fixture       *fixture,
                gconstpointer  data)
{
  StudioTranscriptRow *row = wait_for_row (fixture, 2);

  g_signal_emit_by_name (time_button (row), "clicked");
  g_assert_cmpuint (fixture->n_seek, ==, 1);
  g_assert_cmpfloat (fixture->seeked, ==, 8.0);

  /* Enter on the focused button does the same, once the button has
   * shown it is pressed.
   */
  row = wait_for_row (fixture, 5);
  g_assert_true (gtk_widget_activate (time_button (row)));
  while (fixture->n_seek < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->n_seek, ==, 2);
  g_assert_cmpfloat (fixture->seeked, ==, 20.0);

  /* The menu's Use as Speaker Reference hands the segment on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "segment.make-speaker", NULL));
  g_assert_true (fixture->made == segment_at (fixture, 5));
}

typedef struct
{
  GdkClipboard *clipboard;
  char         *text;
  gboolean      done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

/* Editing a segment's text: written on commit and Ctrl+Enter, put back
 * with Escape.
 */
static void
test_view_edit (Fixture       *fixture,
                gconstpointer  data)
{
  StudioTranscriptView *view = STUDIO_TRANSCRIPT_VIEW (fixture->view);
  StudioTranscriptRow *row = wait_for_row (fixture, 2);
  StudioTranscriptSegment *segment = segment_at (fixture, 2);
  GtkTextView *text_view = text_view_in (GTK_WIDGET (row));
  g_autofree char *original = g_strdup (studio_transcript_segment_get_text (segment));
  guint changed;

  g_assert_false (studio_transcript_segment_get_edited (segment));
  g_assert_false (studio_transcript_view_commit (view));

  /* Typed, then written by the view (as saving does). */
  changed = fixture->n_changed;
  type_text (text_view, "Edited text");
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, original);
  g_assert_true (studio_transcript_view_commit (view));
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, "Edited text");
  g_assert_true (studio_transcript_segment_get_edited (segment));
  g_assert_cmpuint (fixture->n_changed, >, changed);
  g_assert_false (studio_transcript_view_commit (view));

  /* Escape puts the segment's text back. */
  changed = fixture->n_changed;
  type_text (text_view, "Typed then abandoned");
  g_assert_true (press_key (GTK_WIDGET (text_view), GDK_KEY_Escape, 0));
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "Edited text");
  }
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, "Edited text");
  g_assert_false (studio_transcript_view_commit (view));
  g_assert_cmpuint (fixture->n_changed, ==, changed);
  /* With nothing typed, Escape is left to others. */
  g_assert_false (press_key (GTK_WIDGET (text_view), GDK_KEY_Escape, 0));

  /* Enter is a new line; Ctrl+Enter writes. */
  type_text (text_view, "Line one\nLine two\n");
  g_assert_false (press_key (GTK_WIDGET (text_view), GDK_KEY_Return, 0));
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, "Edited text");
  g_assert_true (press_key (GTK_WIDGET (text_view), GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, "Line one\nLine two");
  g_assert_cmpuint (fixture->n_changed, >, changed);

  /* Copy Text copies what the segment says. */
  {
    ClipboardRead read = { gtk_widget_get_clipboard (GTK_WIDGET (row)), NULL, FALSE };

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "segment.copy-text", NULL));
    gdk_clipboard_read_text_async (read.clipboard, NULL, clipboard_read_cb, &read);
    studio_fake_wait_until (&read.done);
    g_assert_cmpstr (read.text, ==, "Line one\nLine two");
    g_free (read.text);
  }

  /* A change made elsewhere shows in the row. */
  studio_transcript_segment_set_text (segment, "From elsewhere");
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "From elsewhere");
  }

  /* Leaving the text writes it. */
  {
    GtkWidget *other = time_button (wait_for_row (fixture, 0));

    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (text_view)));
    type_text (text_view, "Written on leaving");
    g_assert_true (gtk_widget_grab_focus (other));
    g_assert_cmpstr (studio_transcript_segment_get_text (segment), ==, "Written on leaving");
  }

  /* Made again when scrolled back to, the row shows the edit. */
  studio_transcript_view_set_time (view, 5001.0);
  wait_for_row (fixture, 1250);
  studio_transcript_view_set_time (view, 9.0);
  row = wait_for_row (fixture, 2);
  {
    g_autofree char *shown = dup_text (text_view_in (GTK_WIDGET (row)));

    g_assert_cmpstr (shown, ==, "Written on leaving");
  }
}

/* A speaker renamed from a row's popover is renamed everywhere. */
static void
test_view_rename_speaker (Fixture       *fixture,
                          gconstpointer  data)
{
  StudioTranscriptRow *row = wait_for_row (fixture, 2);
  GtkMenuButton *button = speaker_button (row);
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  GtkWidget *entry;
  guint changed = fixture->n_changed;

  gtk_menu_button_popup (button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  entry = studio_gui_find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Alice");

  /* Enter in the entry; the space around the name is dropped. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Dora ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (fixture->n_changed, >, changed);
  for (guint i = 0; i < N_SEGMENTS; i++)
    g_assert_cmpstr (studio_transcript_segment_get_speaker (segment_at (fixture, i)), ==,
                     i % 2 ? "Bob" : "Dora");
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row_at (fixture, 0))), ==, "Dora");
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row_at (fixture, 1))), ==, "Bob");

  /* The Rename button, from another row. */
  row = wait_for_row (fixture, 3);
  button = speaker_button (row);
  popover = gtk_menu_button_get_popover (button);
  gtk_menu_button_popup (button);
  entry = studio_gui_find_widget (GTK_WIDGET (popover), GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Bob");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Robert");
  g_signal_emit_by_name (studio_gui_find_widget (GTK_WIDGET (popover), GTK_TYPE_BUTTON, "_Rename"),
                         "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (studio_transcript_segment_get_speaker (segment_at (fixture, N_SEGMENTS - 1)), ==,
                   "Robert");
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row_at (fixture, 1))), ==, "Robert");

  /* A blank name changes nothing. */
  changed = fixture->n_changed;
  gtk_menu_button_popup (button);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (fixture->n_changed, ==, changed);
  g_assert_cmpstr (studio_transcript_segment_get_speaker (segment_at (fixture, 3)), ==, "Robert");

  /* Renamed elsewhere: the rows follow. */
  studio_transcript_rename_speaker (fixture->transcript, "Dora", "Carol");
  g_assert_cmpstr (gtk_menu_button_get_label (speaker_button (row_at (fixture, 0))), ==, "Carol");
}

/* Segments without speakers have no speaker button. */
static void
test_view_no_speakers (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StudioTranscript) transcript = studio_transcript_new ();
  StudioTranscriptRow *row;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(StudioTranscriptSegment) segment =
        studio_transcript_segment_new (i * 2.0, i * 2.0 + 1.5, NULL, "Nobody in particular.");

      studio_transcript_add_segment (transcript, segment);
    }
  fixture->transcript = g_object_ref (transcript);
  studio_transcript_view_set_transcript (STUDIO_TRANSCRIPT_VIEW (fixture->view), transcript);
  g_assert_cmpstr (page (fixture), ==, "segments");
  row = wait_for_row (fixture, 4);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (speaker_button (row))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (time_button (row))), ==, "0:08");
}

/* A plain answer without times: one block of editable text. */
static void
test_view_untimed (Fixture       *fixture,
                   gconstpointer  data)
{
  StudioTranscriptView *view = STUDIO_TRANSCRIPT_VIEW (fixture->view);
  g_autoptr(StudioTranscript) plain = studio_transcript_new ();
  GtkTextView *text_view;
  guint changed = 0;

  studio_transcript_set_text (plain, "A plain answer without any times. It wraps and can be "
                                     "edited in place as one block of text.");
  g_assert_false (studio_transcript_has_timestamps (plain));
  g_signal_connect (plain, "changed", G_CALLBACK (changed_cb), fixture);
  fixture->transcript = g_object_ref (plain);

  studio_transcript_view_set_transcript (view, plain);
  g_assert_cmpstr (page (fixture), ==, "text");
  studio_gui_wait_frames (fixture->view, 2);
  g_assert_cmpuint (n_rows (fixture), ==, 0);
  text_view = text_view_in (fixture->view);
  g_assert_nonnull (text_view);
  g_assert_true (gtk_text_view_get_editable (text_view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (text_view), ==, GTK_WRAP_WORD_CHAR);
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "A plain answer without any times. It wraps and can be "
                                "edited in place as one block of text.");
  }
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-view-text.png");

  /* Escape puts it back; Ctrl+Enter writes. */
  type_text (text_view, "Abandoned.");
  g_assert_true (press_key (GTK_WIDGET (text_view), GDK_KEY_Escape, 0));
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_true (g_str_has_prefix (shown, "A plain answer without any times."));
  }
  g_assert_false (studio_transcript_view_commit (view));
  changed = fixture->n_changed;
  type_text (text_view, "Corrected plain text.");
  g_assert_true (press_key (GTK_WIDGET (text_view), GDK_KEY_Return, GDK_CONTROL_MASK));
  {
    g_autofree char *now = studio_transcript_dup_text (plain);

    g_assert_cmpstr (now, ==, "Corrected plain text.");
  }
  g_assert_cmpuint (fixture->n_changed, >, changed);

  /* commit() writes it too, as saving does. */
  type_text (text_view, "Saved with the transcript.");
  g_assert_true (studio_transcript_view_commit (view));
  {
    g_autofree char *now = studio_transcript_dup_text (plain);

    g_assert_cmpstr (now, ==, "Saved with the transcript.");
  }

  /* Changing transcripts writes what was being typed. */
  type_text (text_view, "Written when another is shown.");
  studio_transcript_view_set_transcript (view, NULL);
  g_assert_null (studio_transcript_view_get_transcript (view));
  {
    g_autofree char *now = studio_transcript_dup_text (plain);

    g_assert_cmpstr (now, ==, "Written when another is shown.");
  }
}

/* Streamed text shows as it comes, before there are segments. */
static void
test_view_live (Fixture       *fixture,
                gconstpointer  data)
{
  StudioTranscriptView *view = STUDIO_TRANSCRIPT_VIEW (fixture->view);
  g_autoptr(StudioTranscript) transcript = NULL;
  GtkTextView *text_view;

  studio_transcript_view_set_live_text (view, "Hello");
  g_assert_cmpstr (page (fixture), ==, "live");
  studio_gui_wait_frames (fixture->view, 2);
  text_view = text_view_in (fixture->view);
  g_assert_nonnull (text_view);
  g_assert_false (gtk_text_view_get_editable (text_view));
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "Hello");
  }

  /* More of it, and then other text altogether. */
  studio_transcript_view_set_live_text (view, "Hello, this is streaming");
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "Hello, this is streaming");
  }
  studio_transcript_view_set_live_text (view, "Another start");
  {
    g_autofree char *shown = dup_text (text_view);

    g_assert_cmpstr (shown, ==, "Another start");
  }
  studio_gui_wait_frames (fixture->view, 2);
  studio_gui_screenshot (GTK_WIDGET (fixture->window), "transcript-view-live.png");

  /* The segments, once they come, replace it. */
  transcript = long_transcript ();
  fixture->transcript = g_object_ref (transcript);
  studio_transcript_view_set_transcript (view, transcript);
  g_assert_cmpstr (page (fixture), ==, "segments");
  wait_for_row (fixture, 0);
  studio_transcript_view_set_live_text (view, NULL);
  g_assert_cmpstr (page (fixture), ==, "segments");
  studio_transcript_view_set_transcript (view, NULL);
  studio_gui_wait_frames (fixture->view, 2);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-transcript-view-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();
  /* Toasts (Copy Text shows one) slide in without animations. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/studio/transcript-view/many-segments", Fixture, NULL,
              fixture_set_up, test_view_many_segments, fixture_tear_down);
  g_test_add ("/studio/transcript-view/playing", Fixture, NULL,
              fixture_set_up, test_view_playing, fixture_tear_down);
  g_test_add ("/studio/transcript-view/seek", Fixture, NULL,
              fixture_set_up, test_view_seek, fixture_tear_down);
  g_test_add ("/studio/transcript-view/edit", Fixture, NULL,
              fixture_set_up, test_view_edit, fixture_tear_down);
  g_test_add ("/studio/transcript-view/rename-speaker", Fixture, NULL,
              fixture_set_up, test_view_rename_speaker, fixture_tear_down);
  g_test_add ("/studio/transcript-view/no-speakers", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_view_no_speakers, fixture_tear_down);
  g_test_add ("/studio/transcript-view/untimed", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_view_untimed, fixture_tear_down);
  g_test_add ("/studio/transcript-view/live", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_view_live, fixture_tear_down);

  return g_test_run ();
}
