/* studio-record-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-record-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-audio-encode.h"
#include "studio-record-panel.h"
#include "studio-transcription-request.h"
#include "studio-utils.h"

/* The level meter shows peaks from this many dB below full scale up. */
#define LEVEL_FLOOR_DB (-60.0)

/* The smallest change of the meter worth drawing: the recorder reports a
 * level twenty times a second, and most of them look the same.
 */
#define LEVEL_STEP 0.01

/* The controls of a recording: which input, Record/Stop, Pause/Resume,
 * and what is being captured: the level, the time, and how the size
 * compares to what one upload takes. The page owns the recorder and
 * starts it with a file of its choosing when "record-requested" is
 * emitted; pausing and resuming happen here. Failures are shown in the
 * panel itself, since the user is looking at it.
 */
struct _StudioRecordPanel
{
  GtkBox              parent_instance;

  /* Owned references */
  StudioRecorder     *recorder;
  StudioAudioDevices *devices;
  char               *chosen_id;  /* the input the user picked, if they did */

  /* Template widgets */
  GtkStack           *device_stack;
  GtkDropDown        *device_dropdown;
  GtkLabel           *no_device_label;
  GtkButton          *record_button;
  GtkImage           *record_image;
  GtkToggleButton    *pause_button;
  GtkImage           *pause_image;
  GtkLabel           *elapsed_label;
  GtkLevelBar        *level_bar;
  GtkLabel           *size_label;
  GtkLabel           *split_label;
  GtkLabel           *error_label;

  guint64             max_bytes;
  gint64              shown_seconds;  /* -1 before anything was shown */
  double              shown_level;
  guint               updating;
};

enum {
  RECORD_REQUESTED,
  STOP_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioRecordPanel, studio_record_panel, GTK_TYPE_BOX)

static StudioRecorderState
studio_record_panel_get_state (StudioRecordPanel *self)
{
  return self->recorder ? studio_recorder_get_state (self->recorder) : STUDIO_RECORDER_IDLE;
}

static guint
studio_record_panel_count_devices (StudioRecordPanel *self)
{
  return self->devices ? g_list_model_get_n_items (G_LIST_MODEL (self->devices)) : 0;
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
studio_record_panel_update_size (StudioRecordPanel *self,
                                 gint64             elapsed_us)
{
  /* The limit is 25 MiB: in decimal units it would read as 26.2 MB,
   * which matches nothing the user reads about the service.
   */
  g_autofree char *limit = g_format_size_full (self->max_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *text = NULL;
  guint64 bytes = 0;

  if (elapsed_us <= 0 && studio_record_panel_get_state (self) == STUDIO_RECORDER_IDLE)
    {
      guint64 per_minute = studio_audio_estimate_bytes (60 * G_USEC_PER_SEC);
      guint minutes = per_minute > 0 ? (guint) MIN (self->max_bytes / per_minute, G_MAXUINT) : 0;

      /* TRANSLATORS: %u is a number of minutes; %s the upload limit, such as "25.0 MiB" */
      text = g_strdup_printf (ngettext ("About %u minute fits in one upload of %s",
                                        "About %u minutes fit in one upload of %s",
                                        minutes),
                              minutes, limit);
    }
  else
    {
      g_autofree char *size = NULL;

      bytes = studio_audio_estimate_bytes (elapsed_us);
      size = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
      /* TRANSLATORS: the expected size of the recording against the upload
       * limit, such as "About 1.2 MiB of 25.0 MiB" */
      text = g_strdup_printf (_("About %s of %s"), size, limit);
    }

  gtk_label_set_label (self->size_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->split_label), bytes > self->max_bytes);
}

/* The recorder notifies the time about ten times a second; the label
 * changes once a second.
 */
static void
studio_record_panel_update_elapsed (StudioRecordPanel *self,
                                    gboolean           force)
{
  gint64 elapsed_us = self->recorder ? studio_recorder_get_elapsed_us (self->recorder) : 0;
  gint64 seconds = MAX (elapsed_us, 0) / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (seconds == self->shown_seconds && !force)
    return;

  self->shown_seconds = seconds;
  text = g_strdup_printf ("%d:%02d:%02d",
                          (int) (seconds / 3600),
                          (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
  gtk_label_set_label (self->elapsed_label, text);
  studio_record_panel_update_size (self, elapsed_us);
}

static void
studio_record_panel_set_level (StudioRecordPanel *self,
                               double             level)
{
  if (ABS (level - self->shown_level) < LEVEL_STEP)
    return;

  self->shown_level = level;
  gtk_level_bar_set_value (self->level_bar, level);
}

static void
studio_record_panel_update_state (StudioRecordPanel *self)
{
  StudioRecorderState state = studio_record_panel_get_state (self);
  gboolean capturing = state == STUDIO_RECORDER_RECORDING || state == STUDIO_RECORDER_PAUSED;
  gboolean stopping = state == STUDIO_RECORDER_STOPPING;
  gboolean can_record = self->recorder != NULL &&
                        (self->devices == NULL || studio_record_panel_count_devices (self) > 0);

  if (capturing || stopping)
    {
      gtk_image_set_from_icon_name (self->record_image, "media-playback-stop-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                                   _("Stop and keep the recording"));
      set_accessible_label (GTK_WIDGET (self->record_button), _("Stop Recording"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->record_image, "media-record-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_button),
                                   _("Record from the chosen input into a new file"));
      set_accessible_label (GTK_WIDGET (self->record_button), _("Record"));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button),
                            capturing || (state == STUDIO_RECORDER_IDLE && can_record));

  self->updating++;
  gtk_toggle_button_set_active (self->pause_button, state == STUDIO_RECORDER_PAUSED);
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), capturing);
  if (state == STUDIO_RECORDER_PAUSED)
    {
      gtk_image_set_from_icon_name (self->pause_image, "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                                   _("Go on recording into the same file"));
      set_accessible_label (GTK_WIDGET (self->pause_button), _("Resume Recording"));
    }
  else
    {
      gtk_image_set_from_icon_name (self->pause_image, "media-playback-pause-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                                   _("Pause without ending the recording"));
      set_accessible_label (GTK_WIDGET (self->pause_button), _("Pause Recording"));
    }

  /* The input of a recording cannot change halfway through. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->device_dropdown), state == STUDIO_RECORDER_IDLE);

  if (state != STUDIO_RECORDER_RECORDING)
    studio_record_panel_set_level (self, 0);

  studio_record_panel_update_elapsed (self, TRUE);
}

/* Keeps the input the user chose while devices come and go; until they
 * choose, or when theirs vanished, the system's default.
 */
static void
studio_record_panel_select_device (StudioRecordPanel *self)
{
  guint n_devices = studio_record_panel_count_devices (self);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->chosen_id != NULL && i < n_devices; i++)
    {
      g_autoptr(StudioAudioDevice) device = g_list_model_get_item (G_LIST_MODEL (self->devices),
                                                                   i);

      if (g_strcmp0 (studio_audio_device_get_id (device), self->chosen_id) == 0)
        position = i;
    }

  if (position == GTK_INVALID_LIST_POSITION && n_devices > 0)
    position = studio_audio_devices_get_default_position (self->devices);
  if (position >= n_devices && n_devices > 0)
    position = 0;

  self->updating++;
  gtk_drop_down_set_selected (self->device_dropdown, position);
  self->updating--;

  /* Without a list there is no choice: the system's default is used. */
  gtk_widget_set_visible (GTK_WIDGET (self->device_stack), self->devices != NULL);
  gtk_stack_set_visible_child_name (self->device_stack, n_devices > 0 ? "devices" : "none");
  gtk_widget_set_visible (GTK_WIDGET (self->no_device_label),
                          self->devices != NULL && n_devices == 0);
  studio_record_panel_update_state (self);
}

/* Connected before the drop-down's own handlers see the change, so the
 * selection it makes of its own accord is not taken for the user's.
 */
static void
devices_changing_cb (StudioRecordPanel *self)
{
  self->updating++;
}

static void
devices_changed_cb (StudioRecordPanel *self)
{
  self->updating--;
  studio_record_panel_select_device (self);
}

static void
on_device_selected_cb (StudioRecordPanel *self)
{
  StudioAudioDevice *device;

  if (self->updating > 0)
    return;

  device = studio_record_panel_get_device (self);
  if (device != NULL)
    studio_set_str (&self->chosen_id, studio_audio_device_get_id (device));
}

static void
on_record_clicked_cb (StudioRecordPanel *self)
{
  StudioRecorderState state = studio_record_panel_get_state (self);

  if (self->recorder == NULL)
    return;

  if (state == STUDIO_RECORDER_IDLE)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      if (self->devices != NULL)
        studio_recorder_set_device (self->recorder, studio_record_panel_get_device (self));
      g_signal_emit (self, signals[RECORD_REQUESTED], 0);
    }
  else if (state == STUDIO_RECORDER_RECORDING || state == STUDIO_RECORDER_PAUSED)
    g_signal_emit (self, signals[STOP_REQUESTED], 0);
}

static void
on_pause_toggled_cb (StudioRecordPanel *self)
{
  StudioRecorderState state = studio_record_panel_get_state (self);
  gboolean active = gtk_toggle_button_get_active (self->pause_button);

  if (self->updating > 0 || self->recorder == NULL)
    return;

  if (active && state == STUDIO_RECORDER_RECORDING)
    studio_recorder_pause (self->recorder);
  else if (!active && state == STUDIO_RECORDER_PAUSED)
    studio_recorder_resume (self->recorder);

  studio_record_panel_update_state (self);
}

static void
recorder_state_cb (StudioRecordPanel *self)
{
  if (studio_record_panel_get_state (self) == STUDIO_RECORDER_RECORDING)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  studio_record_panel_update_state (self);
}

static void
recorder_elapsed_cb (StudioRecordPanel *self)
{
  studio_record_panel_update_elapsed (self, FALSE);
}

/* Runs twenty times a second on the main thread: it only moves the bar. */
static void
recorder_level_cb (StudioRecorder    *recorder,
                   double             rms_db,
                   double             peak_db,
                   StudioRecordPanel *self)
{
  if (studio_recorder_get_state (recorder) != STUDIO_RECORDER_RECORDING)
    return;

  studio_record_panel_set_level (self, CLAMP ((peak_db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB,
                                               0.0, 1.0));
}

static void
recorder_failed_cb (StudioRecorder    *recorder,
                    const GError      *error,
                    StudioRecordPanel *self)
{
  gtk_label_set_label (self->error_label,
                       error && error->message ? error->message
                                               : _("The recording stopped unexpectedly."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  studio_record_panel_update_state (self);
}

static void
studio_record_panel_dispose (GObject *object)
{
  StudioRecordPanel *self = (StudioRecordPanel *) object;

  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  if (self->devices != NULL)
    g_signal_handlers_disconnect_by_data (self->devices, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_RECORD_PANEL);
  g_clear_object (&self->recorder);
  g_clear_object (&self->devices);

  G_OBJECT_CLASS (studio_record_panel_parent_class)->dispose (object);
}

static void
studio_record_panel_finalize (GObject *object)
{
  StudioRecordPanel *self = (StudioRecordPanel *) object;

  g_clear_pointer (&self->chosen_id, g_free);

  G_OBJECT_CLASS (studio_record_panel_parent_class)->finalize (object);
}

static void
studio_record_panel_class_init (StudioRecordPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_record_panel_dispose;
  object_class->finalize = studio_record_panel_finalize;

  /**
   * StudioRecordPanel::record-requested:
   *
   * Emitted when the user pressed Record: start the recorder with a new
   * file. The recorder was given the chosen input already.
   */
  signals[RECORD_REQUESTED] =
    g_signal_new ("record-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * StudioRecordPanel::stop-requested:
   *
   * Emitted when the user pressed Stop while recording or paused.
   */
  signals[STOP_REQUESTED] =
    g_signal_new ("stop-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (STUDIO_TYPE_AUDIO_DEVICE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-record-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, device_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, device_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, no_device_label);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, record_button);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, record_image);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, pause_button);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, pause_image);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, level_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, size_label);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, split_label);
  gtk_widget_class_bind_template_child (widget_class, StudioRecordPanel, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_device_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_toggled_cb);
}

static void
studio_record_panel_init (StudioRecordPanel *self)
{
  GtkWidget *button;

  self->updating = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = 0;

  /* The drop-down's own button takes the focus; GTK 4.8 would name it
   * after its type.
   */
  button = gtk_widget_get_first_child (GTK_WIDGET (self->device_dropdown));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->device_dropdown, NULL,
                                  -1);

  self->max_bytes = STUDIO_TRANSCRIPTION_MAX_BYTES;
  self->shown_seconds = -1;
  self->shown_level = -1;

  /* The default offsets colour a quiet input as a warning: a meter's
   * fill has one colour.
   */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  studio_record_panel_select_device (self);
}

/**
 * studio_record_panel_new:
 *
 * Returns: (transfer floating): a record panel, without a recorder yet
 */
GtkWidget *
studio_record_panel_new (void)
{
  return g_object_new (STUDIO_TYPE_RECORD_PANEL, NULL);
}

/**
 * studio_record_panel_set_recorder:
 * @self: a record panel
 * @recorder: (nullable): the recorder to show and control
 *
 * Shows @recorder's state, time and level, and pauses and resumes it.
 * Record stays insensitive without one.
 */
void
studio_record_panel_set_recorder (StudioRecordPanel *self,
                                  StudioRecorder    *recorder)
{
  g_return_if_fail (STUDIO_IS_RECORD_PANEL (self));
  g_return_if_fail (recorder == NULL || STUDIO_IS_RECORDER (recorder));

  if (self->recorder == recorder)
    return;

  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_set_object (&self->recorder, recorder);

  if (recorder != NULL)
    {
      g_signal_connect_swapped (recorder, "notify::state",
                                G_CALLBACK (recorder_state_cb), self);
      g_signal_connect_swapped (recorder, "notify::elapsed-us",
                                G_CALLBACK (recorder_elapsed_cb), self);
      g_signal_connect (recorder, "level", G_CALLBACK (recorder_level_cb), self);
      g_signal_connect (recorder, "failed", G_CALLBACK (recorder_failed_cb), self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  studio_record_panel_update_state (self);
}

/**
 * studio_record_panel_set_devices:
 * @self: a record panel
 * @devices: (nullable): the inputs to choose from
 *
 * Offers @devices, the default one selected, and keeps up with devices
 * plugged in or out. Without inputs the panel says no microphone was
 * found and Record is insensitive. Without @devices at all the recorder
 * records from the system's default input.
 */
void
studio_record_panel_set_devices (StudioRecordPanel  *self,
                                 StudioAudioDevices *devices)
{
  g_return_if_fail (STUDIO_IS_RECORD_PANEL (self));
  g_return_if_fail (devices == NULL || STUDIO_IS_AUDIO_DEVICES (devices));

  if (self->devices == devices)
    return;

  if (self->devices != NULL)
    g_signal_handlers_disconnect_by_data (self->devices, self);
  g_set_object (&self->devices, devices);

  /* Handlers of one signal run in the order they were connected: these
   * two bracket those of the drop-down's own models.
   */
  if (devices != NULL)
    g_signal_connect_swapped (devices, "items-changed", G_CALLBACK (devices_changing_cb), self);
  self->updating++;
  gtk_drop_down_set_model (self->device_dropdown, G_LIST_MODEL (devices));
  self->updating--;
  if (devices != NULL)
    g_signal_connect_swapped (devices, "items-changed", G_CALLBACK (devices_changed_cb), self);

  studio_record_panel_select_device (self);
}

/**
 * studio_record_panel_get_device:
 * @self: a record panel
 *
 * Returns: (transfer none) (nullable): the chosen input, or %NULL for the
 *   system's default
 */
StudioAudioDevice *
studio_record_panel_get_device (StudioRecordPanel *self)
{
  g_return_val_if_fail (STUDIO_IS_RECORD_PANEL (self), NULL);

  if (self->devices == NULL)
    return NULL;

  return gtk_drop_down_get_selected_item (self->device_dropdown);
}

/**
 * studio_record_panel_set_max_bytes:
 * @self: a record panel
 * @max_bytes: the largest file one upload takes
 *
 * Sets what the expected size is shown against;
 * %STUDIO_TRANSCRIPTION_MAX_BYTES until then.
 */
void
studio_record_panel_set_max_bytes (StudioRecordPanel *self,
                                   guint64            max_bytes)
{
  g_return_if_fail (STUDIO_IS_RECORD_PANEL (self));
  g_return_if_fail (max_bytes > 0);

  self->max_bytes = max_bytes;
  studio_record_panel_update_elapsed (self, TRUE);
}
