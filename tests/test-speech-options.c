/* test-speech-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Speech options in a window under Xvfb, over a context whose catalog
 * holds the recorded model list: the rows each family takes, voices,
 * a custom voice, what GSettings keeps, instruction presets and a format
 * this computer cannot play.
 */

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-model-picker.h"
#include "studio-settings.h"
#include "studio-speech-options.h"
#include "studio-ui.h"

typedef struct
{
  GSettings           *settings;
  StudioContext       *context;
  GtkWidget           *window;
  StudioSpeechOptions *options;
  guint                n_changed;
} Fixture;

static void
changed_cb (StudioSpeechOptions *options,
            Fixture             *fixture)
{
  fixture->n_changed++;
}

/* A setting's string, freed once the test has looked at it. */
static const char *
setting (Fixture    *fixture,
         const char *key)
{
  static char *last;

  g_free (last);
  last = g_settings_get_string (fixture->settings, key);
  return last;
}

static StudioSpeechOptions *
make_options (Fixture *fixture)
{
  StudioSpeechOptions *options = STUDIO_SPEECH_OPTIONS (studio_speech_options_new ());

  studio_speech_options_set_context (options, fixture->context);
  return options;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *models = studio_fake_read_test_file ("models.json");
  g_autoptr(JsonNode) response = json_from_string (models, NULL);
  g_autoptr(GError) error = NULL;

  fixture->settings = g_settings_new ("org.example.OpenAIStudio");
  fixture->context = studio_context_new (fixture->settings, NULL);
  g_assert_true (studio_model_catalog_load_response (studio_context_get_catalog (fixture->context),
                                                     response, &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  fixture->options = g_object_ref (make_options (fixture));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->options));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 800);
  g_signal_connect (fixture->options, "changed", G_CALLBACK (changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  studio_gui_wait_frames (fixture->window, 2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *keys[] = { STUDIO_SETTING_SPEECH_MODEL, STUDIO_SETTING_SPEECH_VOICE,
                         STUDIO_SETTING_SPEECH_CUSTOM_VOICE, STUDIO_SETTING_SPEECH_INSTRUCTIONS,
                         STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS, STUDIO_SETTING_SPEECH_SPEED,
                         STUDIO_SETTING_SPEECH_FORMAT, STUDIO_SETTING_SPEECH_STREAM_SSE };

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  studio_gui_drain ();
  g_assert_finalize_object (fixture->options);
  g_clear_object (&fixture->context);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_clear_object (&fixture->settings);
}

static GtkWidget *
find_row (StudioSpeechOptions *options,
          const char          *title)
{
  GtkWidget *row = studio_gui_find_widget (GTK_WIDGET (options), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
shown (Fixture    *fixture,
       const char *title)
{
  return gtk_widget_get_visible (find_row (fixture->options, title));
}

static void
choose_model (Fixture    *fixture,
              const char *id)
{
  StudioModelPicker *picker = STUDIO_MODEL_PICKER (studio_gui_find_widget (GTK_WIDGET (fixture->options),
                                                                           STUDIO_TYPE_MODEL_PICKER, NULL));

  studio_model_picker_select_id (picker, id);
  g_assert_cmpstr (studio_model_get_id (studio_speech_options_get_model (fixture->options)), ==, id);
}

static guint
combo_find (AdwComboRow *row,
            const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* tts-1 takes neither instructions nor events; gpt-4o-mini-tts takes both,
 * and more voices.
 */
static void
test_options_families (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwComboRow *voices;

  choose_model (fixture, "tts-1-hd");
  g_assert_false (shown (fixture, "Instructions"));
  g_assert_false (shown (fixture, "Stream as _Events"));
  voices = ADW_COMBO_ROW (find_row (fixture->options, "_Voice"));
  g_assert_cmpuint (combo_find (voices, "Ballad"), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (combo_find (voices, "Coral"), !=, GTK_INVALID_LIST_POSITION);

  choose_model (fixture, "gpt-4o-mini-tts");
  g_assert_true (shown (fixture, "Instructions"));
  g_assert_true (shown (fixture, "Stream as _Events"));
  g_assert_cmpuint (combo_find (voices, "Ballad"), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (setting (fixture, STUDIO_SETTING_SPEECH_MODEL),
                   ==, "gpt-4o-mini-tts");
  studio_gui_screenshot (fixture->window, "speech-options.png");
}

/* Choices land in GSettings and in the settings handed out, and a new
 * widget shows them again.
 */
static void
test_options_persist (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwComboRow *voices = ADW_COMBO_ROW (find_row (fixture->options, "_Voice"));
  GtkWidget *custom_row = find_row (fixture->options, "Custom Voice ID");
  g_autoptr(StudioSpeechSettings) settings = NULL;
  g_autoptr(StudioSpeechSettings) custom = NULL;
  StudioSpeechOptions *again;

  choose_model (fixture, "gpt-4o-mini-tts");
  adw_combo_row_set_selected (voices, combo_find (voices, "Coral"));
  gtk_editable_set_text (GTK_EDITABLE (find_row (fixture->options, "Instructions")), "Whisper.");
  settings = studio_speech_options_dup_settings (fixture->options);
  g_assert_cmpstr (settings->voice, ==, "coral");
  g_assert_cmpstr (settings->instructions, ==, "Whisper.");
  g_assert_null (settings->custom_voice);
  g_assert_cmpstr (setting (fixture, STUDIO_SETTING_SPEECH_VOICE), ==, "coral");
  g_assert_cmpuint (fixture->n_changed, >, 0);

  /* Custom: its row shows, and its id goes out in place of the voice. */
  g_assert_false (gtk_widget_get_visible (custom_row));
  adw_combo_row_set_selected (voices, combo_find (voices, "Custom Voice"));
  g_assert_true (gtk_widget_get_visible (custom_row));
  gtk_editable_set_text (GTK_EDITABLE (custom_row), "voice_1234");
  custom = studio_speech_options_dup_settings (fixture->options);
  g_assert_cmpstr (custom->custom_voice, ==, "voice_1234");
  g_assert_cmpstr (setting (fixture, STUDIO_SETTING_SPEECH_CUSTOM_VOICE),
                   ==, "voice_1234");

  again = g_object_ref_sink (make_options (fixture));
  {
    g_autoptr(StudioSpeechSettings) read = studio_speech_options_dup_settings (again);

    g_assert_cmpstr (read->model, ==, "gpt-4o-mini-tts");
    g_assert_cmpstr (read->custom_voice, ==, "voice_1234");
    g_assert_cmpstr (read->instructions, ==, "Whisper.");
  }
  g_assert_finalize_object (again);
}

static void
test_options_presets (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkEditable *instructions;
  g_autoptr(GVariant) presets = NULL;

  choose_model (fixture, "gpt-4o-mini-tts");
  instructions = GTK_EDITABLE (find_row (fixture->options, "Instructions"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->options), "speech-options.use-preset", "u", 1);
  g_assert_cmpstr (gtk_editable_get_text (instructions), ==,
                   "Speak clearly and neutrally, like a newsreader.");

  gtk_editable_set_text (instructions, "Slow and low.");
  studio_speech_options_save_preset (fixture->options, "  Bedtime ");
  presets = g_settings_get_value (fixture->settings, STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS);
  g_assert_cmpuint (g_variant_n_children (presets), ==, 5);
  {
    const char *name, *text;

    g_variant_get_child (presets, 4, "(&s&s)", &name, &text);
    g_assert_cmpstr (name, ==, "Bedtime");
    g_assert_cmpstr (text, ==, "Slow and low.");
  }

  gtk_widget_activate_action (GTK_WIDGET (fixture->options), "speech-options.remove-preset", "u", 0);
  g_clear_pointer (&presets, g_variant_unref);
  presets = g_settings_get_value (fixture->settings, STUDIO_SETTING_SPEECH_INSTRUCTION_PRESETS);
  g_assert_cmpuint (g_variant_n_children (presets), ==, 4);
}

/* With no AAC decoder, choosing AAC says so and offers MP3. */
static void
test_options_unplayable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GstCaps) caps = gst_caps_from_string ("audio/mpeg,mpegversion=(int)4");
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint));
  AdwComboRow *formats;
  GtkWidget *use;
  GList *all, *aac;
  guint i = 0;

  all = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER, GST_RANK_MARGINAL);
  aac = gst_element_factory_list_filter (all, caps, GST_PAD_SINK, FALSE);
  for (GList *l = aac; l != NULL; l = l->next)
    {
      guint rank = gst_plugin_feature_get_rank (l->data);

      g_array_append_val (ranks, rank);
      gst_plugin_feature_set_rank (l->data, GST_RANK_NONE);
    }

  choose_model (fixture, "gpt-4o-mini-tts");
  formats = ADW_COMBO_ROW (find_row (fixture->options, "_Format"));
  adw_combo_row_set_selected (formats, combo_find (formats, "AAC"));
  g_assert_true (shown (fixture, "This computer cannot play AAC audio"));
  studio_gui_screenshot (fixture->window, "speech-options-unplayable.png");

  use = studio_gui_find_widget (GTK_WIDGET (fixture->options), GTK_TYPE_BUTTON, "Use MP3");
  g_assert_nonnull (use);
  g_signal_emit_by_name (use, "clicked");
  g_assert_cmpuint (adw_combo_row_get_selected (formats), ==, combo_find (formats, "MP3"));
  g_assert_false (shown (fixture, "This computer cannot play AAC audio"));
  g_assert_cmpstr (setting (fixture, STUDIO_SETTING_SPEECH_FORMAT), ==, "mp3");

  for (GList *l = aac; l != NULL; l = l->next)
    gst_plugin_feature_set_rank (l->data, g_array_index (ranks, guint, i++));
  gst_plugin_feature_list_free (aac);
  gst_plugin_feature_list_free (all);
}

/* A clip's settings, applied, show in every control. */
static void
test_options_apply (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StudioSpeechSettings) settings = studio_speech_settings_new ();
  g_autoptr(StudioSpeechSettings) read = NULL;

  settings->model = g_strdup ("tts-1-hd");
  g_free (settings->voice);
  settings->voice = g_strdup ("onyx");
  g_free (settings->format);
  settings->format = g_strdup ("flac");
  settings->speed = 1.75;
  studio_speech_options_apply (fixture->options, settings);

  read = studio_speech_options_dup_settings (fixture->options);
  g_assert_cmpstr (read->model, ==, "tts-1-hd");
  g_assert_cmpstr (read->voice, ==, "onyx");
  g_assert_cmpstr (read->format, ==, "flac");
  g_assert_cmpfloat (read->speed, ==, 1.75);
  g_assert_null (read->instructions);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-speech-options-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  adw_init ();
  studio_ui_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/studio/speech-options/families", test_options_families);
  ADD ("/studio/speech-options/persist", test_options_persist);
  ADD ("/studio/speech-options/presets", test_options_presets);
  ADD ("/studio/speech-options/unplayable", test_options_unplayable);
  ADD ("/studio/speech-options/apply", test_options_apply);
#undef ADD

  return g_test_run ();
}
