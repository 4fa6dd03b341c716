/* studio-speech-text-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-text-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-speech-text-view.h"

/* The text of the Speech workspace. While the session's clip is this very
 * text, the sentence being spoken is highlighted and kept in view, and a
 * click on a sentence plays from there; once the text is edited it is no
 * longer the clip's, and the highlight lets go.
 */
struct _StudioSpeechTextView
{
  AdwBin               parent_instance;

  /* Owned references */
  StudioSpeechSession *session;

  /* Borrowed references */
  GtkTextTag          *sentence_tag;
  GtkTextMark         *sentence_mark;

  /* Template widgets */
  GtkTextView         *text_view;
  GtkWidget           *hint_label;

  gulong               clip_handler;
  gulong               sentence_handler;
  gulong               dark_handler;
  int                  highlighted;      /* the sentence shown, or -1 */
  guint                matches : 1;      /* the buffer holds the clip's text */
  guint                setting_text : 1;
};

G_DEFINE_FINAL_TYPE (StudioSpeechTextView, studio_speech_text_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The accent colour, see-through so the text stays readable over it in
 * light and dark styles alike.
 */
static void
studio_speech_text_view_update_tag_color (StudioSpeechTextView *self)
{
  GdkRGBA color = { 0.21, 0.52, 0.89, 1.0 };

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  "accent_bg_color", &color);
G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.35 : 0.22;
  g_object_set (self->sentence_tag, "background-rgba", &color, NULL);
}

static void
studio_speech_text_view_clear_highlight (StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  if (self->highlighted < 0)
    return;

  self->highlighted = -1;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->sentence_tag, &start, &end);
}

/* A byte offset of the clip's text as an iter of the buffer, which holds
 * the same text.
 */
static void
studio_speech_text_view_iter_at_byte (StudioSpeechTextView *self,
                                      const char           *text,
                                      gsize                 byte,
                                      GtkTextIter          *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  byte = MIN (byte, strlen (text));
  gtk_text_buffer_get_iter_at_offset (buffer, iter, g_utf8_pointer_to_offset (text, text + byte));
}

/* Scrolls only when the sentence is not already on screen, so the view
 * does not jump at every sentence of a paragraph in sight.
 */
static void
studio_speech_text_view_reveal (StudioSpeechTextView *self,
                                GtkTextIter          *start,
                                GtkTextIter          *end)
{
  GdkRectangle visible, first, last;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, start, &first);
  gtk_text_view_get_iter_location (self->text_view, end, &last);

  if (visible.height > 0 &&
      first.y >= visible.y && last.y + last.height <= visible.y + visible.height)
    return;

  gtk_text_buffer_move_mark (gtk_text_view_get_buffer (self->text_view),
                             self->sentence_mark, start);
  gtk_text_view_scroll_to_mark (self->text_view, self->sentence_mark, 0.1, FALSE, 0, 0);
}

static void
studio_speech_text_view_update_highlight (StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  StudioSpeechClip *clip;
  GtkTextIter start, end;
  gsize start_byte, end_byte;
  int current;

  clip = self->session != NULL ? studio_speech_session_get_clip (self->session) : NULL;
  current = self->session != NULL ? studio_speech_session_get_current_sentence (self->session) : -1;

  if (clip == NULL || !self->matches || current < 0 ||
      !studio_speech_session_get_sentence (self->session, current, &start_byte, &end_byte))
    {
      studio_speech_text_view_clear_highlight (self);
      return;
    }

  if (current == self->highlighted)
    return;

  studio_speech_text_view_clear_highlight (self);
  self->highlighted = current;
  studio_speech_text_view_iter_at_byte (self, studio_speech_clip_get_text (clip),
                                        start_byte, &start);
  studio_speech_text_view_iter_at_byte (self, studio_speech_clip_get_text (clip),
                                        end_byte, &end);
  gtk_text_buffer_apply_tag (buffer, self->sentence_tag, &start, &end);
  studio_speech_text_view_reveal (self, &start, &end);
}

/* Compares the whole text: done only when the clip or the text is
 * replaced, never per keystroke.
 */
static void
studio_speech_text_view_update_matches (StudioSpeechTextView *self)
{
  StudioSpeechClip *clip;
  gboolean matches = FALSE;

  clip = self->session != NULL ? studio_speech_session_get_clip (self->session) : NULL;
  if (clip != NULL && studio_speech_clip_get_text (clip) != NULL)
    {
      g_autofree char *text = studio_speech_text_view_dup_text (self);

      matches = g_strcmp0 (text, studio_speech_clip_get_text (clip)) == 0;
    }

  self->matches = matches;
  studio_speech_text_view_clear_highlight (self);
  studio_speech_text_view_update_highlight (self);
}

static void
buffer_changed_cb (StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_visible (self->hint_label, gtk_text_buffer_get_char_count (buffer) == 0);

  if (self->setting_text || !self->matches)
    return;

  /* An edit makes it a different text from the one spoken. */
  self->matches = FALSE;
  studio_speech_text_view_clear_highlight (self);
}

/* The sentence that holds a byte, or the one after it when the byte is
 * in the spaces between two.
 */
static int
studio_speech_text_view_sentence_at (StudioSpeechTextView *self,
                                     gsize                 byte)
{
  guint n = studio_speech_session_get_n_sentences (self->session);

  for (guint i = 0; i < n; i++)
    {
      gsize start, end;

      if (studio_speech_session_get_sentence (self->session, i, &start, &end) && byte < end)
        return i;
    }

  return n > 0 ? (int) n - 1 : -1;
}

static void
click_released_cb (GtkGestureClick      *gesture,
                   int                   n_press,
                   double                x,
                   double                y,
                   StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  StudioSpeechClip *clip;
  GtkTextIter iter;
  const char *text;
  int buffer_x, buffer_y;
  int sentence;

  /* A drag that selects, or a double click that picks a word, is not a
   * request to play; the click still places the cursor.
   */
  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  clip = self->session != NULL ? studio_speech_session_get_clip (self->session) : NULL;
  if (clip == NULL || !self->matches)
    return;

  text = studio_speech_clip_get_text (clip);
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, buffer_x, buffer_y))
    return;

  sentence = studio_speech_text_view_sentence_at (self,
    g_utf8_offset_to_pointer (text, gtk_text_iter_get_offset (&iter)) - text);
  if (sentence >= 0)
    studio_speech_session_play_sentence (self->session, sentence);
}

static void
studio_speech_text_view_dispose (GObject *object)
{
  StudioSpeechTextView *self = (StudioSpeechTextView *) object;

  studio_speech_text_view_set_session (self, NULL);
  g_clear_signal_handler (&self->dark_handler, adw_style_manager_get_default ());
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_TEXT_VIEW);

  G_OBJECT_CLASS (studio_speech_text_view_parent_class)->dispose (object);
}

static void
studio_speech_text_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StudioSpeechTextView *self = STUDIO_SPEECH_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_text_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StudioSpeechTextView *self = STUDIO_SPEECH_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      studio_speech_text_view_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_text_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (studio_speech_text_view_parent_class)->realize (widget);

  /* The style's colours are known once the widget is in a window. */
  studio_speech_text_view_update_tag_color (STUDIO_SPEECH_TEXT_VIEW (widget));
}

static gboolean
studio_speech_text_view_grab_focus (GtkWidget *widget)
{
  StudioSpeechTextView *self = STUDIO_SPEECH_TEXT_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
studio_speech_text_view_class_init (StudioSpeechTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_text_view_dispose;
  object_class->get_property = studio_speech_text_view_get_property;
  object_class->set_property = studio_speech_text_view_set_property;
  widget_class->realize = studio_speech_text_view_realize;
  widget_class->grab_focus = studio_speech_text_view_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, STUDIO_TYPE_SPEECH_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-text-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechTextView, text_view);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechTextView, hint_label);
}

static void
studio_speech_text_view_init (StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer;
  GtkGesture *click;
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->highlighted = -1;

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->sentence_tag = gtk_text_buffer_create_tag (buffer, "sentence", NULL);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->sentence_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  studio_speech_text_view_update_tag_color (self);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->dark_handler =
    g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                              G_CALLBACK (studio_speech_text_view_update_tag_color), self);

  /* On release, after the text view placed the cursor: a press that
   * starts a selection plays nothing.
   */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
studio_speech_text_view_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_TEXT_VIEW, NULL);
}

/**
 * studio_speech_text_view_get_session:
 *
 * Returns: (nullable) (transfer none): the session whose clip it follows
 */
StudioSpeechSession *
studio_speech_text_view_get_session (StudioSpeechTextView *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self), NULL);

  return self->session;
}

void
studio_speech_text_view_set_session (StudioSpeechTextView *self,
                                     StudioSpeechSession  *session)
{
  g_return_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self));
  g_return_if_fail (session == NULL || STUDIO_IS_SPEECH_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->clip_handler, self->session);
      g_clear_signal_handler (&self->sentence_handler, self->session);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->clip_handler =
        g_signal_connect_swapped (session, "notify::clip",
                                  G_CALLBACK (studio_speech_text_view_update_matches), self);
      self->sentence_handler =
        g_signal_connect_swapped (session, "notify::current-sentence",
                                  G_CALLBACK (studio_speech_text_view_update_highlight), self);
    }

  /* Not while disposing: the template's children are gone by then. */
  if (self->text_view != NULL)
    studio_speech_text_view_update_matches (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * studio_speech_text_view_dup_text:
 *
 * Returns: (transfer full): the whole text
 */
char *
studio_speech_text_view_dup_text (StudioSpeechTextView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
studio_speech_text_view_set_text (StudioSpeechTextView *self,
                                  const char           *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  self->setting_text = TRUE;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->setting_text = FALSE;
  studio_speech_text_view_update_matches (self);
}

/**
 * studio_speech_text_view_get_buffer:
 *
 * Returns: (transfer none): the buffer of the text
 */
GtkTextBuffer *
studio_speech_text_view_get_buffer (StudioSpeechTextView *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self), NULL);

  return gtk_text_view_get_buffer (self->text_view);
}

/**
 * studio_speech_text_view_get_highlighted:
 * @start: (out) (optional): the first character highlighted
 * @end: (out) (optional): one past the last
 *
 * Returns: whether a sentence is highlighted
 */
gboolean
studio_speech_text_view_get_highlighted (StudioSpeechTextView *self,
                                         int                  *start,
                                         int                  *end)
{
  GtkTextIter iter;

  g_return_val_if_fail (STUDIO_IS_SPEECH_TEXT_VIEW (self), FALSE);

  if (self->highlighted < 0)
    return FALSE;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (self->text_view), &iter);
  if (!gtk_text_iter_starts_tag (&iter, self->sentence_tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&iter, self->sentence_tag))
    return FALSE;
  if (start != NULL)
    *start = gtk_text_iter_get_offset (&iter);
  gtk_text_iter_forward_to_tag_toggle (&iter, self->sentence_tag);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&iter);

  return TRUE;
}
