/* test-transcribe-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transcription options and the record panel in a window: the rows
 * each model family takes and no others, what they hand to a request,
 * the choices kept per family, the speaker library, and a recording
 * driven from the panel's buttons through a real GStreamer pipeline.
 * With STUDIO_SCREENSHOT_DIR set, the states are also saved as PNGs.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-history.h"
#include "studio-languages.h"
#include "studio-record-panel.h"
#include "studio-transcribe-options.h"
#include "studio-ui.h"

#define TONE "audiotestsrc is-live=true wave=sine freq=440 volume=0.5"

typedef struct
{
  GtkWidget               *window;
  StudioTranscribeOptions *options;
  guint                    n_changed;
} Fixture;

static void
changed_cb (StudioTranscribeOptions *options,
            Fixture                 *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->window = gtk_window_new ();
  fixture->options = STUDIO_TRANSCRIBE_OPTIONS (studio_transcribe_options_new ());
  g_object_ref (fixture->options);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->options));
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 900);
  g_signal_connect (fixture->options, "changed", G_CALLBACK (changed_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  studio_gui_drain ();
  g_assert_finalize_object (fixture->options);
}

static void
set_model (Fixture    *fixture,
           const char *id)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (id);

  g_assert_cmpint (studio_model_get_kind (model), ==, STUDIO_MODEL_KIND_TRANSCRIPTION);
  studio_transcribe_options_set_model (fixture->options, model);
}

static GtkWidget *
find_row (Fixture    *fixture,
          const char *title)
{
  GtkWidget *row = studio_gui_find_widget (GTK_WIDGET (fixture->options),
                                           ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
shown (Fixture    *fixture,
       const char *title)
{
  return gtk_widget_is_visible (find_row (fixture, title));
}

static GtkSwitch *
row_switch (Fixture    *fixture,
            const char *title)
{
  GtkWidget *widget = studio_gui_find_widget (find_row (fixture, title), GTK_TYPE_SWITCH, NULL);

  g_assert_nonnull (widget);
  return GTK_SWITCH (widget);
}

/* The labels of a combo row, joined by "|". */
static char *
combo_labels (Fixture    *fixture,
              const char *title)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (find_row (fixture, title)));
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (labels, "%s%s", i > 0 ? "|" : "",
                              gtk_string_object_get_string (item));
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static void
combo_select (Fixture    *fixture,
              const char *title,
              const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (fixture, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("No %s in %s", label, title);
}

static void
set_text (Fixture    *fixture,
          const char *title,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (fixture, title)), text);
}

static char *
join (const char * const *strings)
{
  return strings ? g_strjoinv ("|", (char **) strings) : g_strdup ("");
}

static void
test_whisper (Fixture       *fixture,
              gconstpointer  data)
{
  StudioTranscriptionOptions options;
  g_autofree char *formats = NULL;
  g_autofree char *granularities = NULL;

  set_model (fixture, "whisper-1");

  g_assert_true (shown (fixture, "Language"));
  g_assert_true (shown (fixture, "Prompt"));
  g_assert_true (shown (fixture, "Temperature"));
  g_assert_true (shown (fixture, "Output Format"));
  g_assert_true (shown (fixture, "Translate to English"));
  g_assert_false (shown (fixture, "Possible Languages"));
  g_assert_false (shown (fixture, "Keywords"));
  g_assert_false (shown (fixture, "Stream"));
  g_assert_false (shown (fixture, "Translation Unavailable"));

  formats = combo_labels (fixture, "Output Format");
  g_assert_cmpstr (formats, ==, "JSON|Text|Subtitles (SRT)|Timed Segments (verbose JSON)|"
                                "Subtitles (WebVTT)");

  /* The richest timed format by default, and word times with it. */
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.response_format, ==, "verbose_json");
  g_assert_null (options.timestamp_granularities);
  g_assert_false (options.stream);
  g_assert_true (shown (fixture, "Word Timestamps"));

  gtk_switch_set_active (row_switch (fixture, "Word Timestamps"), TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  studio_transcribe_options_get (fixture->options, &options);
  granularities = join (options.timestamp_granularities);
  g_assert_cmpstr (granularities, ==, "word|segment");

  combo_select (fixture, "Language", "German");
  set_text (fixture, "Prompt", "Kubernetes, Grafana");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (studio_gui_find_widget (find_row (fixture,
                                                                                "Temperature"),
                                                                      GTK_TYPE_SPIN_BUTTON,
                                                                      NULL)),
                             0.3);
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.language, ==, "de");
  g_assert_cmpstr (options.prompt, ==, "Kubernetes, Grafana");
  g_assert_cmpfloat_with_epsilon (options.temperature, 0.3, 0.001);

  /* Subtitles have no word times. */
  combo_select (fixture, "Output Format", "Subtitles (SRT)");
  g_assert_false (shown (fixture, "Word Timestamps"));
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.response_format, ==, "srt");
  g_assert_null (options.timestamp_granularities);

  /* A translation has no language of its own. */
  gtk_switch_set_active (row_switch (fixture, "Translate to English"), TRUE);
  g_assert_false (shown (fixture, "Language"));
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_true (options.translate);
  g_assert_null (options.language);
  g_assert_cmpstr (options.response_format, ==, "srt");

  studio_gui_screenshot (fixture->window, "transcribe-options-whisper.png");
}

static void
test_translation_unavailable (Fixture       *fixture,
                              gconstpointer  data)
{
  StudioTranscriptionOptions options;
  GtkWidget *note;

  set_model (fixture, "whisper-1");
  gtk_switch_set_active (row_switch (fixture, "Translate to English"), TRUE);
  fixture->n_changed = 0;

  studio_transcribe_options_set_translation_available (fixture->options, FALSE,
                                                       "This server does not translate.");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_false (shown (fixture, "Translate to English"));
  note = find_row (fixture, "Translation Unavailable");
  g_assert_true (gtk_widget_is_visible (note));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (note)), ==,
                   "This server does not translate.");
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_false (options.translate);
  g_assert_true (shown (fixture, "Language"));

  /* Families that do not translate show neither. */
  set_model (fixture, "gpt-4o-transcribe");
  g_assert_false (shown (fixture, "Translate to English"));
  g_assert_false (shown (fixture, "Translation Unavailable"));
}

static void
test_gpt_transcribe (Fixture       *fixture,
                     gconstpointer  data)
{
  StudioTranscriptionOptions options;
  g_autofree char *languages = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *formats = NULL;
  GtkWidget *row;

  set_model (fixture, "gpt-transcribe");

  g_assert_true (shown (fixture, "Possible Languages"));
  g_assert_true (shown (fixture, "Keywords"));
  g_assert_true (shown (fixture, "Stream"));
  g_assert_false (shown (fixture, "Word Timestamps"));
  g_assert_false (shown (fixture, "Translate to English"));
  formats = combo_labels (fixture, "Output Format");
  g_assert_cmpstr (formats, ==, "JSON|Text");

  row = find_row (fixture, "Possible Languages");
  set_text (fixture, "Possible Languages", "English, de,, Klingon");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  set_text (fixture, "Keywords", " OpenAI ,GStreamer,, libadwaita ");

  studio_transcribe_options_get (fixture->options, &options);
  languages = join (options.languages);
  keywords = join (options.keywords);
  g_assert_cmpstr (languages, ==, "en|de");
  g_assert_cmpstr (keywords, ==, "OpenAI|GStreamer|libadwaita");
  g_assert_true (options.stream);
  g_assert_cmpstr (options.response_format, ==, "json");

  set_text (fixture, "Possible Languages", "English, de");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_switch_set_active (row_switch (fixture, "Stream"), FALSE);
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_false (options.stream);
}

static void
test_languages (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *labels = NULL;
  g_auto(GStrv) names = NULL;
  guint n_languages;

  studio_languages_get (&n_languages);
  g_assert_cmpuint (n_languages, ==, 57);
  g_assert_cmpstr (studio_languages_name ("cy"), ==, "Welsh");
  g_assert_cmpstr (studio_languages_name ("EN"), ==, "English");
  g_assert_null (studio_languages_name ("tlh"));
  g_assert_null (studio_languages_name (NULL));

  set_model (fixture, "gpt-4o-transcribe");
  labels = combo_labels (fixture, "Language");
  names = g_strsplit (labels, "|", -1);
  g_assert_cmpuint (g_strv_length (names), ==, n_languages + 1);
  g_assert_cmpstr (names[0], ==, "Detect Automatically");
  g_assert_cmpstr (names[1], ==, "Afrikaans");
  g_assert_cmpstr (names[n_languages], ==, "Welsh");
}

static void
test_remembered_per_family (Fixture       *fixture,
                            gconstpointer  data)
{
  StudioTranscriptionOptions options;

  set_model (fixture, "whisper-1");
  set_text (fixture, "Prompt", "Names: Siân, Dafydd");
  combo_select (fixture, "Output Format", "Subtitles (WebVTT)");

  set_model (fixture, "gpt-4o-mini-transcribe");
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_null (options.prompt);
  g_assert_cmpstr (options.response_format, ==, "json");
  set_text (fixture, "Prompt", "Another");

  /* Another model of the same family shares its choices. */
  set_model (fixture, "whisper-1");
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.prompt, ==, "Names: Siân, Dafydd");
  g_assert_cmpstr (options.response_format, ==, "vtt");

  set_model (fixture, "gpt-4o-transcribe");
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.prompt, ==, "Another");
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) node_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  StudioTranscriptionOptions options;

  set_model (fixture, "gpt-transcribe");
  combo_select (fixture, "Language", "French");
  set_text (fixture, "Possible Languages", "fr, en");
  set_text (fixture, "Keywords", "Gironde");
  combo_select (fixture, "Output Format", "Text");
  gtk_switch_set_active (row_switch (fixture, "Stream"), FALSE);

  settings = studio_transcribe_options_to_json (fixture->options);
  node = json_node_init_object (json_node_alloc (), settings);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"language\":\"fr\",\"languages\":[\"fr\",\"en\"],"
                             "\"keywords\":[\"Gironde\"],\"response_format\":\"text\","
                             "\"stream\":false}");

  /* Back to the defaults, then the stored settings restored. */
  studio_transcribe_options_load_json (fixture->options, NULL);
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_null (options.language);
  g_assert_true (options.stream);

  fixture->n_changed = 0;
  studio_transcribe_options_load_json (fixture->options, settings);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  again = studio_transcribe_options_to_json (fixture->options);
  node_again = json_node_init_object (json_node_alloc (), again);
  text_again = json_to_string (node_again, FALSE);
  g_assert_cmpstr (text_again, ==, text);
}

static gboolean
speakers_listed (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *group = studio_gui_find_widget (GTK_WIDGET (fixture->options),
                                             ADW_TYPE_PREFERENCES_GROUP, NULL);
  GtkWidget *row = studio_gui_find_widget (GTK_WIDGET (fixture->options),
                                           ADW_TYPE_PREFERENCES_ROW, "Eve");

  return group != NULL && row != NULL;
}

static void
add_speaker_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StudioSpeaker) speaker = NULL;
  g_autoptr(GError) error = NULL;
  guint *left = user_data;

  speaker = studio_transcript_store_add_speaker_finish (STUDIO_TRANSCRIPT_STORE (object),
                                                        result, &error);
  g_assert_no_error (error);
  (*left)--;
}

static void
test_speakers (Fixture       *fixture,
               gconstpointer  data)
{
  static const char *names[] = { "Ana", "Bob <b>", "Chloé", "Dev", "Eve" };
  g_autofree char *folder = g_dir_make_tmp ("test-speakers-XXXXXX", NULL);
  g_autofree char *database = g_build_filename (folder, "history.db", NULL);
  g_autoptr(StudioHistory) history = studio_history_new (database, NULL);
  g_autoptr(StudioTranscriptStore) store = studio_transcript_store_new (history, folder);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(JsonObject) settings = NULL;
  StudioTranscriptionOptions options;
  GtkWidget *group;
  guint left = G_N_ELEMENTS (names);

  set_model (fixture, "gpt-4o-transcribe-diarize");
  g_assert_false (shown (fixture, "Prompt"));
  g_assert_false (shown (fixture, "Word Timestamps"));
  studio_transcribe_options_get (fixture->options, &options);
  g_assert_cmpstr (options.response_format, ==, "diarized_json");

  /* An empty library says where speakers come from. */
  studio_transcribe_options_set_store (fixture->options, store);
  group = studio_gui_find_label_prefix (GTK_WIDGET (fixture->options),
                                        "Add speakers from a transcript");
  g_assert_nonnull (group);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/clip-%u.ogg", folder, i);
      g_autoptr(GFile) clip = g_file_new_for_path (path);

      g_assert_true (g_file_set_contents (path, "OggS", 4, NULL));
      studio_transcript_store_add_speaker_async (store, names[i], clip, 3 * G_USEC_PER_SEC, 0,
                                                 NULL, add_speaker_cb, &left);
    }
  while (left > 0)
    g_main_context_iteration (NULL, TRUE);
  studio_gui_wait_for (speakers_listed, fixture);

  /* Four at most: the fifth cannot be chosen then. */
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *row = find_row (fixture, names[i]);
      GtkWidget *check = studio_gui_find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL);

      g_assert_true (gtk_widget_get_sensitive (row));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  g_assert_false (gtk_widget_get_sensitive (find_row (fixture, "Eve")));
  g_assert_true (gtk_widget_get_sensitive (find_row (fixture, "Dev")));

  chosen = studio_transcribe_options_dup_speakers (fixture->options);
  g_assert_cmpuint (chosen->len, ==, 4);
  g_assert_cmpstr (((StudioSpeaker *) g_ptr_array_index (chosen, 1))->name, ==, "Bob <b>");
  g_clear_pointer (&chosen, g_ptr_array_unref);

  settings = studio_transcribe_options_to_json (fixture->options);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (settings,
                                                                        "known_speakers")),
                    ==, 4);

  studio_gui_screenshot (fixture->window, "transcribe-options-speakers.png");

  /* Speakers mean nothing in plain text. */
  combo_select (fixture, "Output Format", "Text");
  chosen = studio_transcribe_options_dup_speakers (fixture->options);
  g_assert_cmpuint (chosen->len, ==, 0);
  g_clear_pointer (&chosen, g_ptr_array_unref);
  g_assert_false (gtk_widget_is_visible (gtk_widget_get_ancestor (find_row (fixture, "Ana"),
                                                                  ADW_TYPE_PREFERENCES_GROUP)));

  studio_transcribe_options_set_store (fixture->options, NULL);
  studio_fake_assert_finalize_later (g_steal_pointer (&store));
}

/* The record panel ------------------------------------------------------ */

typedef struct
{
  GtkWidget         *window;
  StudioRecordPanel *panel;
  StudioRecorder    *recorder;
  GFile             *file;
  guint              n_stopped;
} PanelFixture;

static void
record_requested_cb (StudioRecordPanel *panel,
                     PanelFixture      *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (studio_recorder_start (fixture->recorder, fixture->file, &error));
  g_assert_no_error (error);
}

static void
stopped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_true (studio_recorder_stop_finish (STUDIO_RECORDER (object), result, NULL));
}

static void
stop_requested_cb (StudioRecordPanel *panel,
                   PanelFixture      *fixture)
{
  studio_recorder_stop_async (fixture->recorder, NULL, stopped_cb, fixture);
}

static void
recorder_stopped_cb (StudioRecorder *recorder,
                     PanelFixture   *fixture)
{
  fixture->n_stopped++;
}

static void
panel_set_up (PanelFixture  *fixture,
              gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("test-record-panel-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "recording.ogg", NULL);

  fixture->file = g_file_new_for_path (path);
  fixture->window = gtk_window_new ();
  fixture->panel = STUDIO_RECORD_PANEL (studio_record_panel_new ());
  fixture->recorder = studio_recorder_new ();
  g_object_ref (fixture->panel);
  studio_record_panel_set_recorder (fixture->panel, fixture->recorder);
  g_signal_connect (fixture->panel, "record-requested", G_CALLBACK (record_requested_cb), fixture);
  g_signal_connect (fixture->panel, "stop-requested", G_CALLBACK (stop_requested_cb), fixture);
  g_signal_connect (fixture->recorder, "stopped", G_CALLBACK (recorder_stopped_cb), fixture);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->panel));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
panel_tear_down (PanelFixture  *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_get_parent (fixture->file);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  studio_gui_drain ();
  g_assert_finalize_object (fixture->panel);
  g_assert_finalize_object (fixture->recorder);
  g_file_delete (fixture->file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
  g_object_unref (fixture->file);
}

static GtkWidget *
find_by_class (GtkWidget  *root,
               GType       type,
               const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      if ((found = find_by_class (child, type, css_class)))
        return found;
    }

  return NULL;
}

static gboolean
level_shown (gpointer data)
{
  PanelFixture *fixture = data;
  GtkWidget *bar = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_LEVEL_BAR, NULL);

  return gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)) > 0.5;
}

static gboolean
second_shown (gpointer data)
{
  PanelFixture *fixture = data;

  return studio_gui_find_label_prefix (GTK_WIDGET (fixture->panel), "0:00:01") != NULL;
}

/* While recording, the size so far against the limit, not how long fits. */
static gboolean
size_shown (gpointer data)
{
  PanelFixture *fixture = data;
  GtkWidget *label = studio_gui_find_label_prefix (GTK_WIDGET (fixture->panel), "About ");

  return label != NULL && strstr (gtk_label_get_text (GTK_LABEL (label)), "minutes") == NULL &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), " of ") != NULL;
}

static gboolean
is_stopped (gpointer data)
{
  PanelFixture *fixture = data;

  return fixture->n_stopped > 0;
}

static gboolean
failure_shown (gpointer data)
{
  PanelFixture *fixture = data;
  GtkWidget *label = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_LABEL, "error");

  return fixture->n_stopped > 0 && gtk_widget_is_visible (label) &&
         *gtk_label_get_label (GTK_LABEL (label)) != '\0';
}

static void
test_panel_record (PanelFixture  *fixture,
                   gconstpointer  data)
{
  GtkWidget *record = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON,
                                     "destructive-action");
  GtkWidget *pause = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_TOGGLE_BUTTON,
                                    "circular");
  GtkWidget *dropdown = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_DROP_DOWN, NULL);

  studio_recorder_set_source_description (fixture->recorder, TONE);
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (fixture->panel), "About "));
  g_assert_true (gtk_widget_get_sensitive (record));
  g_assert_false (gtk_widget_get_sensitive (pause));

  g_signal_emit_by_name (record, "clicked");
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_RECORDING);
  g_assert_false (gtk_widget_get_sensitive (dropdown));
  g_assert_true (gtk_widget_get_sensitive (pause));
  studio_gui_wait_for (level_shown, fixture);
  studio_gui_wait_for (second_shown, fixture);
  studio_gui_wait_for (size_shown, fixture);
  studio_gui_screenshot (fixture->window, "record-panel-recording.png");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pause), TRUE);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_PAUSED);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (pause), FALSE);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_RECORDING);

  g_signal_emit_by_name (record, "clicked");
  studio_gui_wait_for (is_stopped, fixture);
  g_assert_cmpint (studio_recorder_get_state (fixture->recorder), ==, STUDIO_RECORDER_IDLE);
  g_assert_true (gtk_widget_get_sensitive (dropdown));
  g_assert_false (gtk_widget_get_sensitive (pause));
  g_assert_true (g_file_query_exists (fixture->file, NULL));
}

static void
test_panel_failure (PanelFixture  *fixture,
                    gconstpointer  data)
{
  GtkWidget *record = find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_BUTTON,
                                     "destructive-action");

  studio_recorder_set_source_description (fixture->recorder, TONE " ! identity error-after=20");
  g_signal_emit_by_name (record, "clicked");
  studio_gui_wait_for (failure_shown, fixture);
  g_assert_true (gtk_widget_get_sensitive (record));
  studio_gui_screenshot (fixture->window, "record-panel-failed.png");
}

static gboolean
has_devices (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

typedef struct
{
  StudioAudioDevices *devices;
  const char         *id;
} Wanted;

static gboolean
device_listed (gpointer data)
{
  Wanted *wanted = data;

  return studio_audio_devices_find (wanted->devices, wanted->id) != NULL;
}

static gboolean
device_gone (gpointer data)
{
  return !device_listed (data);
}

static void
test_panel_devices (PanelFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(StudioAudioDevices) devices = studio_audio_devices_new ();
  g_autofree char *module = NULL;
  g_autofree char *unload = NULL;
  StudioAudioDevice *chosen;
  GtkDropDown *dropdown;
  Wanted wanted = { devices, "studio_panel_plug.monitor" };
  guint n_items;

  if (g_getenv ("PULSE_SINK") == NULL)
    {
      g_test_skip ("Needs PulseAudio: run under build-aux/headless.sh");
      return;
    }

  studio_gui_wait_for (has_devices, devices);
  studio_record_panel_set_devices (fixture->panel, devices);
  dropdown = GTK_DROP_DOWN (find_by_class (GTK_WIDGET (fixture->panel), GTK_TYPE_DROP_DOWN,
                                           NULL));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==,
                    studio_audio_devices_get_default_position (devices));
  chosen = studio_record_panel_get_device (fixture->panel);
  g_assert_nonnull (chosen);
  n_items = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  /* A device plugged in appears, and the choice stays. */
  g_assert_true (g_spawn_command_line_sync ("pactl load-module module-null-sink "
                                            "sink_name=studio_panel_plug",
                                            &module, NULL, NULL, NULL));
  studio_gui_wait_for (device_listed, &wanted);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==,
                    n_items + 1);
  g_assert_cmpstr (studio_audio_device_get_id (studio_record_panel_get_device (fixture->panel)),
                   ==, studio_audio_device_get_id (chosen));

  unload = g_strdup_printf ("pactl unload-module %s", g_strstrip (module));
  g_assert_true (g_spawn_command_line_sync (unload, NULL, NULL, NULL, NULL));
  studio_gui_wait_for (device_gone, &wanted);
  g_assert_nonnull (studio_record_panel_get_device (fixture->panel));

  studio_record_panel_set_devices (fixture->panel, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

  g_test_add ("/studio/transcribe-options/whisper", Fixture, NULL,
              fixture_set_up, test_whisper, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/translation-unavailable", Fixture, NULL,
              fixture_set_up, test_translation_unavailable, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/gpt-transcribe", Fixture, NULL,
              fixture_set_up, test_gpt_transcribe, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/languages", Fixture, NULL,
              fixture_set_up, test_languages, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/remembered-per-family", Fixture, NULL,
              fixture_set_up, test_remembered_per_family, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/json-round-trip", Fixture, NULL,
              fixture_set_up, test_json_round_trip, fixture_tear_down);
  g_test_add ("/studio/transcribe-options/speakers", Fixture, NULL,
              fixture_set_up, test_speakers, fixture_tear_down);
  g_test_add ("/studio/record-panel/record", PanelFixture, NULL,
              panel_set_up, test_panel_record, panel_tear_down);
  g_test_add ("/studio/record-panel/failure", PanelFixture, NULL,
              panel_set_up, test_panel_failure, panel_tear_down);
  g_test_add ("/studio/record-panel/devices", PanelFixture, NULL,
              panel_set_up, test_panel_devices, panel_tear_down);

  return g_test_run ();
}
