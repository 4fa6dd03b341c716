/* studio-player-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-player-bar"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "studio-player-bar.h"

/* The controls of a StudioPlayer: play/pause, the elapsed time, a position
 * bar that seeks, the total time and the speed. It follows the player's
 * notifications, and is insensitive while the player has no file.
 *
 * While the user holds the slider, the player's positions do not move it
 * (they would pull it back under the pointer); each move seeks, and the
 * slider follows the player again once it is let go.
 */
struct _StudioPlayerBar
{
  GtkBox          parent_instance;

  /* Owned references */
  StudioPlayer   *player;

  /* Template widgets */
  GtkButton      *play_button;
  GtkLabel       *elapsed_label;
  GtkScale       *position_scale;
  GtkAdjustment  *position_adjustment;
  GtkLabel       *duration_label;
  GtkDropDown    *speed_dropdown;

  guint           holding_slider : 1;
  guint           syncing : 1;       /* setting controls from the player */
};

G_DEFINE_FINAL_TYPE (StudioPlayerBar, studio_player_bar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_PLAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const double rates[] = { 0.5, 0.75, 1.0, 1.25, 1.5, 2.0 };

#define NORMAL_RATE_INDEX 2

/* m:ss, or h:mm:ss for an hour or more (or when @hours, so that elapsed
 * and total times of a long file look alike).
 */
static char *
format_time (gint64   time_us,
             gboolean hours)
{
  gint64 seconds = MAX (time_us, 0) / G_USEC_PER_SEC;

  if (hours || seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static gboolean
studio_player_bar_long (StudioPlayerBar *self)
{
  return self->player != NULL &&
         studio_player_get_duration_us (self->player) >= (gint64) 3600 * G_USEC_PER_SEC;
}

/* The elapsed time, and the position bar's value as a screen reader
 * says it; only when the second shown changes, unless @force.
 */
static void
studio_player_bar_show_position (StudioPlayerBar *self,
                                 gint64           position_us,
                                 gboolean         force)
{
  g_autofree char *elapsed = format_time (position_us, studio_player_bar_long (self));
  g_autofree char *total = NULL;
  g_autofree char *value_text = NULL;
  gint64 duration_us;

  if (!force && g_strcmp0 (gtk_label_get_label (self->elapsed_label), elapsed) == 0)
    return;

  gtk_label_set_label (self->elapsed_label, elapsed);

  duration_us = self->player ? studio_player_get_duration_us (self->player) : -1;
  if (duration_us >= 0)
    {
      total = format_time (duration_us, FALSE);
      /* Translators: what a screen reader says of the position bar, as
       * in “1:23 of 5:00”
       */
      value_text = g_strdup_printf (_("%s of %s"), elapsed, total);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->position_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  value_text ? value_text : elapsed,
                                  -1);
}

static void
studio_player_bar_sync_position (StudioPlayerBar *self,
                                 gboolean         force)
{
  gint64 position_us = self->player ? studio_player_get_position_us (self->player) : 0;

  studio_player_bar_show_position (self, position_us, force);
  if (!self->holding_slider)
    {
      self->syncing = TRUE;
      gtk_adjustment_set_value (self->position_adjustment,
                                (double) position_us / G_USEC_PER_SEC);
      self->syncing = FALSE;
    }
}

static void
studio_player_bar_sync_duration (StudioPlayerBar *self)
{
  gint64 duration_us = self->player ? studio_player_get_duration_us (self->player) : -1;
  g_autofree char *total = NULL;

  /* Unknown while a file is opened: a dash for each digit. */
  if (duration_us >= 0 || self->player == NULL || studio_player_get_file (self->player) == NULL)
    total = format_time (MAX (duration_us, 0), FALSE);
  else
    total = g_strdup ("–:––");
  gtk_label_set_label (self->duration_label, total);

  self->syncing = TRUE;
  gtk_adjustment_set_upper (self->position_adjustment,
                            duration_us > 0 ? (double) duration_us / G_USEC_PER_SEC : 0.0);
  self->syncing = FALSE;

  /* The elapsed time may now need hours, and its spoken value the total. */
  studio_player_bar_sync_position (self, TRUE);
}

static void
studio_player_bar_sync_playing (StudioPlayerBar *self)
{
  gboolean playing = self->player != NULL && studio_player_get_playing (self->player);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  playing ? _("Pause") : _("Play"),
                                  -1);
}

static void
studio_player_bar_sync_rate (StudioPlayerBar *self)
{
  double rate = self->player ? studio_player_get_rate (self->player) : 1.0;
  guint nearest = NORMAL_RATE_INDEX;

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      if (fabs (rates[i] - rate) < fabs (rates[nearest] - rate))
        nearest = i;
    }

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->speed_dropdown, nearest);
  self->syncing = FALSE;
}

static void
studio_player_bar_sync_file (StudioPlayerBar *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self),
                            self->player != NULL && studio_player_get_file (self->player) != NULL);
}

static void
player_notify_cb (StudioPlayer    *player,
                  GParamSpec      *pspec,
                  StudioPlayerBar *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "position-us"))
    studio_player_bar_sync_position (self, FALSE);
  else if (g_str_equal (name, "duration-us"))
    studio_player_bar_sync_duration (self);
  else if (g_str_equal (name, "playing"))
    studio_player_bar_sync_playing (self);
  else if (g_str_equal (name, "rate"))
    studio_player_bar_sync_rate (self);
  else if (g_str_equal (name, "file"))
    studio_player_bar_sync_file (self);
}

static void
on_play_clicked_cb (StudioPlayerBar *self,
                    GtkButton       *button)
{
  if (self->player == NULL)
    return;

  if (studio_player_get_playing (self->player))
    studio_player_pause (self->player);
  else
    studio_player_play (self->player);
}

static gboolean
on_position_change_value_cb (StudioPlayerBar *self,
                             GtkScrollType    scroll,
                             double           value,
                             GtkRange        *range)
{
  double upper = gtk_adjustment_get_upper (self->position_adjustment);
  gint64 position_us = (gint64) (CLAMP (value, 0.0, upper) * G_USEC_PER_SEC);

  if (self->player == NULL || self->syncing)
    return GDK_EVENT_PROPAGATE;

  studio_player_seek (self->player, position_us);
  studio_player_bar_show_position (self, position_us, FALSE);

  /* The scale moves its slider itself. */
  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_position_event_cb (StudioPlayerBar          *self,
                      GdkEvent                 *event,
                      GtkEventControllerLegacy *controller)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      self->holding_slider = TRUE;
      break;

    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      self->holding_slider = FALSE;
      studio_player_bar_sync_position (self, FALSE);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_speed_selected_cb (StudioPlayerBar *self,
                      GParamSpec      *pspec,
                      GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->player == NULL || self->syncing || selected >= G_N_ELEMENTS (rates))
    return;

  studio_player_set_rate (self->player, rates[selected]);
}

static void
studio_player_bar_dispose (GObject *object)
{
  StudioPlayerBar *self = (StudioPlayerBar *) object;

  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_PLAYER_BAR);

  G_OBJECT_CLASS (studio_player_bar_parent_class)->dispose (object);
}

static void
studio_player_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StudioPlayerBar *self = STUDIO_PLAYER_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_player_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StudioPlayerBar *self = STUDIO_PLAYER_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      studio_player_bar_set_player (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_player_bar_class_init (StudioPlayerBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_player_bar_dispose;
  object_class->get_property = studio_player_bar_get_property;
  object_class->set_property = studio_player_bar_set_property;

  /**
   * StudioPlayerBar:player: (nullable)
   *
   * The player the bar shows and drives.
   */
  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, STUDIO_TYPE_PLAYER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-player-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, position_scale);
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, position_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, duration_label);
  gtk_widget_class_bind_template_child (widget_class, StudioPlayerBar, speed_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_position_change_value_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_position_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected_cb);
}

static void
studio_player_bar_init (StudioPlayerBar *self)
{
  g_autoptr(GtkStringList) speeds = gtk_string_list_new (NULL);
  GtkWidget *toggle;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      /* Translators: a playback speed, as in “1.5×”; %g is the number */
      g_autofree char *text = g_strdup_printf (_("%g×"), rates[i]);

      gtk_string_list_append (speeds, text);
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->speed_dropdown, G_LIST_MODEL (speeds));
  self->syncing = FALSE;

  /* GTK 4.8 leaves the drop-down's own button without a name. */
  toggle = gtk_widget_get_first_child (GTK_WIDGET (self->speed_dropdown));
  if (GTK_IS_TOGGLE_BUTTON (toggle))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Playback Speed"),
                                    -1);

  studio_player_bar_set_player (self, NULL);
}

/**
 * studio_player_bar_new:
 *
 * Returns: (transfer floating): a bar with no player, insensitive
 */
GtkWidget *
studio_player_bar_new (void)
{
  return g_object_new (STUDIO_TYPE_PLAYER_BAR, NULL);
}

/**
 * studio_player_bar_set_player:
 * @player: (nullable): the player to show and drive
 *
 * Shows @player's state and drives it from the controls.
 */
void
studio_player_bar_set_player (StudioPlayerBar *self,
                              StudioPlayer    *player)
{
  gboolean changed;

  g_return_if_fail (STUDIO_IS_PLAYER_BAR (self));
  g_return_if_fail (player == NULL || STUDIO_IS_PLAYER (player));

  if (self->player != NULL && self->player != player)
    g_signal_handlers_disconnect_by_data (self->player, self);

  changed = self->player != player;
  g_set_object (&self->player, player);

  if (changed && player != NULL)
    g_signal_connect_object (player, "notify", G_CALLBACK (player_notify_cb), self, 0);

  self->holding_slider = FALSE;
  studio_player_bar_sync_file (self);
  studio_player_bar_sync_playing (self);
  studio_player_bar_sync_rate (self);
  studio_player_bar_sync_duration (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

/**
 * studio_player_bar_get_player:
 *
 * Returns: (transfer none) (nullable): the player shown
 */
StudioPlayer *
studio_player_bar_get_player (StudioPlayerBar *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER_BAR (self), NULL);

  return self->player;
}
