/* studio-speech-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-options"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-model-picker.h"
#include "studio-settings.h"
#include "studio-speech-decoder.h"
#include "studio-speech-options.h"

/* The Speech workspace's options: model, voice (a built-in one or a custom
 * voice id), instructions with editable presets, speed, output format and
 * streaming as events. Each is shown only when the chosen model's family
 * takes it (model-families.json decides), and each is kept in GSettings,
 * where Read Aloud in Chat finds the same choices. A format the local
 * GStreamer cannot decode is flagged, with the format that works a click
 * away.
 */
struct _StudioSpeechOptions
{
  GtkBox             parent_instance;

  /* Owned references */
  StudioContext     *context;
  GStrv              voices;
  GStrv              formats;

  /* Template widgets */
  StudioModelPicker *model_picker;
  AdwComboRow       *voice_row;
  GtkStringList     *voice_list;
  AdwEntryRow       *custom_voice_row;
  AdwEntryRow       *instructions_row;
  GtkMenuButton     *presets_button;
  AdwActionRow      *speed_row;
  GtkAdjustment     *speed_adjustment;
  AdwComboRow       *format_row;
  GtkStringList     *format_list;
  AdwActionRow      *format_warning_row;
  GtkButton         *fallback_button;
  AdwActionRow      *sse_row;
  GtkSwitch         *sse_switch;

  gboolean           updating;     /* filling the controls, not the user */
};

G_DEFINE_FINAL_TYPE (StudioSpeechOptions, studio_speech_options, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct { const char *format; const char *label; } format_labels[] = {
  { "mp3", N_("MP3") },
  { "opus", N_("Opus") },
  { "aac", N_("AAC") },
  { "flac", N_("FLAC") },
  { "wav", N_("WAV") },
  { "pcm", N_("PCM (raw 24 kHz)") },
};

static const char *
format_label (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_labels); i++)
    {
      if (g_strcmp0 (format_labels[i].format, format) == 0)
        return _(format_labels[i].label);
    }

  return format;
}

static GSettings *
get_settings (StudioSpeechOptions *self)
{
  return self->context != NULL ? studio_context_get_settings (self->context) : NULL;
}

static guint
find_index (GStrv       values,
            const char *value)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (g_strcmp0 (values[i], value) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
emit_changed (StudioSpeechOptions *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The rows the model's family takes, and the warning for a format that
 * cannot be played here.
 */
static void
update_visibility (StudioSpeechOptions *self)
{
  StudioModel *model = studio_speech_options_get_model (self);
  g_autoptr(StudioSpeechSettings) settings = studio_speech_options_dup_settings (self);
  gboolean known = model != NULL && studio_model_get_known (model);
  gboolean custom = adw_combo_row_get_selected (self->voice_row) ==
                    g_list_model_get_n_items (G_LIST_MODEL (self->voice_list)) - 1;
  gboolean playable = studio_speech_format_can_decode (settings->format);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_voice_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->instructions_row),
                          !known || studio_model_accepts_parameter (model, "instructions"));
  gtk_widget_set_visible (GTK_WIDGET (self->sse_row),
                          model != NULL && known &&
                          studio_model_accepts_parameter (model, "stream_format"));
  gtk_widget_set_visible (GTK_WIDGET (self->speed_row), !known || studio_model_accepts_parameter (model, "speed"));

  if (custom && gtk_editable_get_text (GTK_EDITABLE (self->custom_voice_row))[0] == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->custom_voice_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->custom_voice_row), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->format_warning_row), !playable);
  if (!playable)
    {
      const char *fallback = studio_speech_format_get_fallback ();
      g_autofree char *title = g_strdup_printf (_("This computer cannot play %s audio"),
                                                format_label (settings->format));
      g_autofree char *button = g_strdup_printf (_("Use %s"), format_label (fallback));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_warning_row), title);
      adw_action_row_set_subtitle (self->format_warning_row,
                                   _("GStreamer has no decoder for it. Choose another format, or install the GStreamer codecs."));
      gtk_button_set_label (self->fallback_button, button);
    }
}

/* Fills the voice and format lists with what @model's family has, keeping
 * the choices kept in GSettings when the family has them.
 */
static void
fill_lists (StudioSpeechOptions *self)
{
  StudioModel *model = studio_speech_options_get_model (self);
  GSettings *settings = get_settings (self);
  g_autofree char *voice = settings ? g_settings_get_string (settings, STUDIO_SETTING_SPEECH_VOICE) : NULL;
  g_autofree char *custom = settings ? g_settings_get_string (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE) : NULL;
  g_autofree char *format = settings ? g_settings_get_string (settings, STUDIO_SETTING_SPEECH_FORMAT) : NULL;
  guint n, index;

  self->updating = TRUE;

  g_clear_pointer (&self->voices, g_strfreev);
  g_clear_pointer (&self->formats, g_strfreev);
  if (model != NULL)
    {
      self->voices = studio_speech_model_dup_voices (model);
      self->formats = studio_speech_model_dup_formats (model);
    }
  else
    {
      self->voices = g_new0 (char *, 1);
      self->formats = g_strsplit ("mp3 opus aac flac wav pcm", " ", -1);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->voice_list));
  gtk_string_list_splice (self->voice_list, 0, n, NULL);
  for (guint i = 0; self->voices[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup (self->voices[i]);

      label[0] = g_ascii_toupper (label[0]);
      gtk_string_list_append (self->voice_list, label);
    }
  gtk_string_list_append (self->voice_list, _("Custom Voice"));

  index = find_index (self->voices, voice);
  if (custom != NULL && custom[0] != '\0')
    {
      index = g_strv_length (self->voices);
      gtk_editable_set_text (GTK_EDITABLE (self->custom_voice_row), custom);
    }
  adw_combo_row_set_selected (self->voice_row,
                              index != GTK_INVALID_LIST_POSITION ? index : 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->format_list));
  gtk_string_list_splice (self->format_list, 0, n, NULL);
  for (guint i = 0; self->formats[i] != NULL; i++)
    gtk_string_list_append (self->format_list, format_label (self->formats[i]));
  index = find_index (self->formats, format);
  adw_combo_row_set_selected (self->format_row,
                              index != GTK_INVALID_LIST_POSITION ? index : 0);

  if (model != NULL)
    {
      JsonObject *speed = studio_model_get_parameter (model, "speed");

      if (speed != NULL)
        {
          gtk_adjustment_set_lower (self->speed_adjustment,
                                    json_object_get_double_member_with_default (speed, "min", 0.25));
          gtk_adjustment_set_upper (self->speed_adjustment,
                                    json_object_get_double_member_with_default (speed, "max", 4.0));
        }
    }

  self->updating = FALSE;
  update_visibility (self);
}

static void
on_model_changed_cb (StudioSpeechOptions *self)
{
  StudioModel *model = studio_speech_options_get_model (self);
  GSettings *settings = get_settings (self);

  if (settings != NULL && model != NULL && !self->updating)
    g_settings_set_string (settings, STUDIO_SETTING_SPEECH_MODEL, studio_model_get_id (model));

  fill_lists (self);
  emit_changed (self);
}

static void
on_voice_changed_cb (StudioSpeechOptions *self)
{
  GSettings *settings = get_settings (self);
  guint selected = adw_combo_row_get_selected (self->voice_row);

  if (self->updating || settings == NULL)
    return;

  if (self->voices != NULL && selected < g_strv_length (self->voices))
    {
      g_settings_set_string (settings, STUDIO_SETTING_SPEECH_VOICE, self->voices[selected]);
      g_settings_set_string (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE, "");
    }
  else
    {
      g_settings_set_string (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE,
                             gtk_editable_get_text (GTK_EDITABLE (self->custom_voice_row)));
      gtk_widget_grab_focus (GTK_WIDGET (self->custom_voice_row));
    }

  update_visibility (self);
  emit_changed (self);
}

static void
on_custom_voice_changed_cb (StudioSpeechOptions *self)
{
  GSettings *settings = get_settings (self);

  if (self->updating || settings == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->custom_voice_row)))
    return;

  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_CUSTOM_VOICE,
                         gtk_editable_get_text (GTK_EDITABLE (self->custom_voice_row)));
  update_visibility (self);
  emit_changed (self);
}

static void
on_format_changed_cb (StudioSpeechOptions *self)
{
  GSettings *settings = get_settings (self);
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->updating || settings == NULL || self->formats == NULL ||
      selected >= g_strv_length (self->formats))
    return;

  g_settings_set_string (settings, STUDIO_SETTING_SPEECH_FORMAT, self->formats[selected]);
  update_visibility (self);
  emit_changed (self);
}

static void
on_fallback_clicked_cb (StudioSpeechOptions *self)
{
  guint index = find_index (self->formats, studio_speech_format_get_fallback ());

  if (index != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->format_row, index);
}

/* Presets. */

static void
rebuild_presets_menu (StudioSpeechOptions *self)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) presets = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GVariant) value = NULL;
  GVariantIter iter;
  const char *name, *text;
  guint i = 0;

  if (settings == NULL)
    return;

  value = g_settings_get_value (settings, STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS);
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &text))
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);
      g_autoptr(GMenuItem) remove_item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "speech-options.use-preset", "u", i);
      g_menu_append_item (presets, item);
      g_menu_item_set_action_and_target (remove_item, "speech-options.remove-preset", "u", i);
      g_menu_append_item (remove, remove_item);
      i++;
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (presets));
  g_menu_append (edit, _("Save as Preset…"), "speech-options.save-preset");
  if (i > 0)
    g_menu_append_submenu (edit, _("Remove Preset"), G_MENU_MODEL (remove));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  gtk_menu_button_set_menu_model (self->presets_button, G_MENU_MODEL (menu));
}

static void
use_preset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioSpeechOptions *self = STUDIO_SPEECH_OPTIONS (widget);
  g_autoptr(GVariant) value = g_settings_get_value (get_settings (self),
                                                    STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS);
  guint index = g_variant_get_uint32 (parameter);
  const char *text;

  if (index >= g_variant_n_children (value))
    return;

  g_variant_get_child (value, index, "(&s&s)", NULL, &text);
  gtk_editable_set_text (GTK_EDITABLE (self->instructions_row), text);
}

static void
set_presets (StudioSpeechOptions *self,
             const char          *add_name,
             const char          *add_text,
             guint                skip)
{
  GSettings *settings = get_settings (self);
  g_autoptr(GVariant) value = g_settings_get_value (settings, STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name, *text;
  gboolean replaced = FALSE;
  guint i = 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &text))
    {
      if (i++ == skip)
        continue;
      if (add_name != NULL && g_strcmp0 (name, add_name) == 0)
        {
          text = add_text;
          replaced = TRUE;
        }
      g_variant_builder_add (&builder, "(ss)", name, text);
    }
  if (add_name != NULL && !replaced)
    g_variant_builder_add (&builder, "(ss)", add_name, add_text);

  g_settings_set_value (settings, STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS,
                        g_variant_builder_end (&builder));
}

static void
remove_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  set_presets (STUDIO_SPEECH_OPTIONS (widget), NULL, NULL, g_variant_get_uint32 (parameter));
}

/**
 * studio_speech_options_save_preset:
 * @self: the options
 * @name: the preset's name
 *
 * Keeps the instructions written now as the preset @name, replacing one
 * of that name.
 */
void
studio_speech_options_save_preset (StudioSpeechOptions *self,
                                   const char          *name)
{
  g_autofree char *clean = NULL;
  const char *text;

  g_return_if_fail (STUDIO_IS_SPEECH_OPTIONS (self));
  g_return_if_fail (name != NULL);

  clean = g_strstrip (g_strdup (name));
  text = gtk_editable_get_text (GTK_EDITABLE (self->instructions_row));
  if (clean[0] == '\0' || text[0] == '\0')
    return;

  set_presets (self, clean, text, G_MAXUINT);
}

static void
save_preset_response_cb (AdwMessageDialog    *dialog,
                         const char          *response,
                         StudioSpeechOptions *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  if (g_strcmp0 (response, "save") == 0)
    studio_speech_options_save_preset (self, gtk_editable_get_text (entry));
}

static void
save_preset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StudioSpeechOptions *self = STUDIO_SPEECH_OPTIONS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Save Instructions as Preset"),
                                   _("The preset keeps the instructions written now."));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preset Name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Preset name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_preset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
studio_speech_options_dispose (GObject *object)
{
  StudioSpeechOptions *self = (StudioSpeechOptions *) object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (studio_context_get_settings (self->context), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_OPTIONS);
  g_clear_object (&self->context);
  g_clear_pointer (&self->voices, g_strfreev);
  g_clear_pointer (&self->formats, g_strfreev);

  G_OBJECT_CLASS (studio_speech_options_parent_class)->dispose (object);
}

static void
studio_speech_options_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StudioSpeechOptions *self = STUDIO_SPEECH_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_options_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StudioSpeechOptions *self = STUDIO_SPEECH_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      studio_speech_options_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_options_class_init (StudioSpeechOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_speech_options_dispose;
  object_class->get_property = studio_speech_options_get_property;
  object_class->set_property = studio_speech_options_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioSpeechOptions::changed:
   *
   * The user changed an option.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-options.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, voice_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, voice_list);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, custom_voice_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, instructions_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, presets_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, speed_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, format_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, format_list);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, format_warning_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, fallback_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, sse_row);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechOptions, sse_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_fallback_clicked_cb);

  gtk_widget_class_install_action (widget_class, "speech-options.use-preset", "u", use_preset_action);
  gtk_widget_class_install_action (widget_class, "speech-options.remove-preset", "u", remove_preset_action);
  gtk_widget_class_install_action (widget_class, "speech-options.save-preset", NULL, save_preset_action);
}

static void
studio_speech_options_init (StudioSpeechOptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->model_picker, "notify::selected",
                           G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->voice_row, "notify::selected",
                           G_CALLBACK (on_voice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_voice_row, "changed",
                           G_CALLBACK (on_custom_voice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (on_format_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->instructions_row, "changed",
                           G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->speed_adjustment, "value-changed",
                           G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sse_switch, "notify::active",
                           G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
studio_speech_options_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_OPTIONS, NULL);
}

StudioContext *
studio_speech_options_get_context (StudioSpeechOptions *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_OPTIONS (self), NULL);
  return self->context;
}

/* Picks the model kept in GSettings, or else the first one the catalog
 * lists that has not shut down.
 */
static void
select_saved_model (StudioSpeechOptions *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *id = g_settings_get_string (settings, STUDIO_SETTING_SPEECH_MODEL);
  GListModel *models = studio_model_catalog_get_models (studio_context_get_catalog (self->context));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (id[0] != '\0')
    {
      studio_model_picker_select_id (self->model_picker, id);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (models, i);
      const char *shutdown = studio_model_get_shutdown_date (model);

      if (studio_model_get_kind (model) != STUDIO_MODEL_KIND_SPEECH)
        continue;
      if (shutdown != NULL && g_strcmp0 (shutdown, today) <= 0)
        continue;

      self->updating = TRUE;
      studio_model_picker_select_id (self->model_picker, studio_model_get_id (model));
      self->updating = FALSE;
      return;
    }
}

void
studio_speech_options_set_context (StudioSpeechOptions *self,
                                   StudioContext       *context)
{
  GSettings *settings;

  g_return_if_fail (STUDIO_IS_SPEECH_OPTIONS (self));
  g_return_if_fail (!context || STUDIO_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (studio_context_get_settings (self->context), self);
  g_set_object (&self->context, context);
  studio_model_picker_set_context (self->model_picker, context);

  if (context != NULL)
    {
      settings = studio_context_get_settings (context);
      g_settings_bind (settings, STUDIO_SETTING_SPEECH_INSTRUCTIONS,
                       self->instructions_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, STUDIO_SETTING_SPEECH_SPEED,
                       self->speed_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, STUDIO_SETTING_SPEECH_STREAM_SSE,
                       self->sse_switch, "active", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (settings, "changed::" STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS,
                               G_CALLBACK (rebuild_presets_menu), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (studio_context_get_catalog (context), "notify::loaded",
                               G_CALLBACK (select_saved_model), self, G_CONNECT_SWAPPED);
      rebuild_presets_menu (self);
      select_saved_model (self);
      fill_lists (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * studio_speech_options_get_model:
 *
 * Returns: (transfer none) (nullable): the chosen speech model
 */
StudioModel *
studio_speech_options_get_model (StudioSpeechOptions *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_OPTIONS (self), NULL);
  return studio_model_picker_get_selected (self->model_picker);
}

/**
 * studio_speech_options_dup_settings:
 *
 * Returns: (transfer full): the settings as chosen now
 */
StudioSpeechSettings *
studio_speech_options_dup_settings (StudioSpeechOptions *self)
{
  StudioSpeechSettings *settings = studio_speech_settings_new ();
  StudioModel *model;
  guint voice, format;
  const char *custom, *instructions;

  g_return_val_if_fail (STUDIO_IS_SPEECH_OPTIONS (self), settings);

  model = studio_speech_options_get_model (self);
  voice = adw_combo_row_get_selected (self->voice_row);
  format = adw_combo_row_get_selected (self->format_row);
  custom = gtk_editable_get_text (GTK_EDITABLE (self->custom_voice_row));
  instructions = gtk_editable_get_text (GTK_EDITABLE (self->instructions_row));

  settings->model = model ? g_strdup (studio_model_get_id (model)) : NULL;
  if (self->voices != NULL && voice < g_strv_length (self->voices))
    {
      g_free (settings->voice);
      settings->voice = g_strdup (self->voices[voice]);
    }
  else if (self->voices != NULL && self->voices[0] != NULL)
    {
      /* Custom chosen but no id typed: a built-in voice after all. */
      g_free (settings->voice);
      settings->voice = g_strdup (self->voices[0]);
      if (custom[0] != '\0')
        settings->custom_voice = g_strdup (custom);
    }
  else if (custom[0] != '\0')
    settings->custom_voice = g_strdup (custom);

  if (gtk_widget_get_visible (GTK_WIDGET (self->instructions_row)) && instructions[0] != '\0')
    settings->instructions = g_strdup (instructions);
  if (self->formats != NULL && format < g_strv_length (self->formats))
    {
      g_free (settings->format);
      settings->format = g_strdup (self->formats[format]);
    }
  settings->speed = gtk_adjustment_get_value (self->speed_adjustment);
  settings->stream_sse = gtk_switch_get_active (self->sse_switch);

  return settings;
}

/**
 * studio_speech_options_apply:
 * @self: the options
 * @settings: the settings to show, such as a clip's from the history
 *
 * Sets every control (and so GSettings) to @settings.
 */
void
studio_speech_options_apply (StudioSpeechOptions        *self,
                             const StudioSpeechSettings *settings)
{
  g_return_if_fail (STUDIO_IS_SPEECH_OPTIONS (self));
  g_return_if_fail (settings != NULL);

  if (self->context != NULL)
    studio_speech_settings_save (settings, get_settings (self));
  if (settings->model != NULL)
    studio_model_picker_select_id (self->model_picker, settings->model);
  gtk_editable_set_text (GTK_EDITABLE (self->custom_voice_row),
                         settings->custom_voice ? settings->custom_voice : "");
  fill_lists (self);
}
