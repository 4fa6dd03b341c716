/* studio-speech-controls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-controls"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-speech-controls.h"

/* The bar under the Speech page's text: previous and next sentence, play
 * or pause, stop, and a position bar over the audio that has arrived so
 * far (it grows while the clip downloads), with the time. A spinner says
 * when the audio is awaited.
 */
struct _StudioSpeechControls
{
  GtkBox               parent_instance;

  /* Owned references */
  StudioSpeechSession *session;
  StudioSpeechPlayer  *player;

  /* Template widgets */
  GtkButton           *previous_button;
  GtkButton           *play_button;
  GtkButton           *next_button;
  GtkButton           *stop_button;
  GtkScale            *position_scale;
  GtkAdjustment       *position_adjustment;
  GtkSpinner          *spinner;
  GtkLabel            *time_label;

  gint64               dragged_at;   /* when the user last moved the scale */
};

G_DEFINE_FINAL_TYPE (StudioSpeechControls, studio_speech_controls, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The scale follows the playhead again this long after the user let go. */
#define DRAG_GRACE_US (G_USEC_PER_SEC / 2)

static char *
format_time (gint64 us)
{
  gint64 seconds = MAX (us, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static void
update (StudioSpeechControls *self)
{
  StudioSpeechSessionState state = self->session ? studio_speech_session_get_state (self->session)
                                                 : STUDIO_SPEECH_SESSION_IDLE;
  gboolean has_clip = self->session && studio_speech_session_get_clip (self->session) != NULL;
  gboolean playing = state == STUDIO_SPEECH_SESSION_PLAYING ||
                     state == STUDIO_SPEECH_SESSION_BUFFERING ||
                     state == STUDIO_SPEECH_SESSION_WAITING;
  gboolean waiting = state == STUDIO_SPEECH_SESSION_WAITING ||
                     state == STUDIO_SPEECH_SESSION_BUFFERING;
  gint64 position = self->player ? studio_speech_player_get_position_us (self->player) : 0;
  gint64 duration = self->player ? studio_speech_player_get_duration_us (self->player) : 0;
  g_autofree char *position_text = format_time (position);
  g_autofree char *duration_text = format_time (duration);
  g_autofree char *time = NULL;
  const char *label = playing ? _("Pause") : _("Play");

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause (Ctrl+Space)") : _("Play (Ctrl+Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), has_clip);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button), has_clip);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), has_clip);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), has_clip && state != STUDIO_SPEECH_SESSION_IDLE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->position_scale), duration > 0);

  gtk_spinner_set_spinning (self->spinner, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), waiting);

  gtk_adjustment_set_upper (self->position_adjustment, MAX ((double) duration / G_USEC_PER_SEC, 0.001));
  if (g_get_monotonic_time () - self->dragged_at > DRAG_GRACE_US)
    gtk_adjustment_set_value (self->position_adjustment, (double) position / G_USEC_PER_SEC);

  /* Translators: the playhead and the length of the audio so far */
  time = g_strdup_printf (_("%s / %s"), position_text, duration_text);
  gtk_label_set_label (self->time_label, time);
}

static gboolean
on_change_value_cb (StudioSpeechControls *self,
                    GtkScrollType         scroll,
                    double                value)
{
  if (self->player == NULL)
    return TRUE;

  self->dragged_at = g_get_monotonic_time ();
  studio_speech_player_seek (self->player, (gint64) (value * G_USEC_PER_SEC));

  return FALSE;
}

static void
on_play_clicked_cb (StudioSpeechControls *self)
{
  StudioSpeechSessionState state;

  if (self->session == NULL)
    return;

  state = studio_speech_session_get_state (self->session);
  if (state == STUDIO_SPEECH_SESSION_PLAYING || state == STUDIO_SPEECH_SESSION_BUFFERING ||
      state == STUDIO_SPEECH_SESSION_WAITING)
    studio_speech_session_pause (self->session);
  else
    studio_speech_session_play (self->session);
}

static void
on_previous_clicked_cb (StudioSpeechControls *self)
{
  if (self->session != NULL)
    studio_speech_session_previous_sentence (self->session);
}

static void
on_next_clicked_cb (StudioSpeechControls *self)
{
  if (self->session != NULL)
    studio_speech_session_next_sentence (self->session);
}

static void
on_stop_clicked_cb (StudioSpeechControls *self)
{
  if (self->session != NULL)
    studio_speech_session_stop (self->session);
}

static void
disconnect_session (StudioSpeechControls *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_object (&self->session);
}

static void
studio_speech_controls_dispose (GObject *object)
{
  StudioSpeechControls *self = (StudioSpeechControls *) object;

  disconnect_session (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_CONTROLS);

  G_OBJECT_CLASS (studio_speech_controls_parent_class)->dispose (object);
}

static void
studio_speech_controls_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StudioSpeechControls *self = STUDIO_SPEECH_CONTROLS (object);

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
studio_speech_controls_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StudioSpeechControls *self = STUDIO_SPEECH_CONTROLS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      studio_speech_controls_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_controls_class_init (StudioSpeechControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_controls_dispose;
  object_class->get_property = studio_speech_controls_get_property;
  object_class->set_property = studio_speech_controls_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STUDIO_TYPE_SPEECH_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, previous_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, play_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, next_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, stop_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, position_scale);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, position_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechControls, time_label);
  gtk_widget_class_bind_template_callback (widget_class, on_change_value_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);
}

static void
studio_speech_controls_init (StudioSpeechControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dragged_at = G_MININT64 / 2;
  update (self);
}

GtkWidget *
studio_speech_controls_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_CONTROLS, NULL);
}

StudioSpeechSession *
studio_speech_controls_get_session (StudioSpeechControls *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CONTROLS (self), NULL);
  return self->session;
}

void
studio_speech_controls_set_session (StudioSpeechControls *self,
                                    StudioSpeechSession  *session)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CONTROLS (self));
  g_return_if_fail (!session || STUDIO_IS_SPEECH_SESSION (session));

  if (self->session == session)
    return;

  disconnect_session (self);

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->player = g_object_ref (studio_speech_session_get_player (session));
      g_signal_connect_object (session, "notify::state", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::clip", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->player, "notify::position-us", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->player, "notify::duration-us", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->player, "notify::playing", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
