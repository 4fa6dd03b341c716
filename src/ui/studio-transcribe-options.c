/* studio-transcribe-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcribe-options"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-json.h"
#include "studio-languages.h"
#include "studio-transcribe-options-private.h"
#include "studio-utils.h"

/* How a piece of audio is transcribed: a row for each option the model's
 * family takes (studio_transcription_takes()), and none for the rest, so
 * that what is shown is what is sent. Output formats are only those the
 * family returns. Switching models keeps each family's choices while the
 * widget lives, since what suits whisper-1 (subtitles, say) means nothing
 * to a diarizing model. Known speakers come from the store's speaker
 * library (see studio-transcribe-options-speakers.c); the page turns the
 * chosen ones into names and voice samples.
 */

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioTranscribeOptions, studio_transcribe_options, GTK_TYPE_BOX)

static const char *
format_label (const char *format)
{
  static const struct {
    const char *format;
    const char *label;
  } labels[] = {
    { "text", N_("Text") },
    { "verbose_json", N_("Timed Segments (verbose JSON)") },
    { "srt", N_("Subtitles (SRT)") },
    { "vtt", N_("Subtitles (WebVTT)") },
    { "diarized_json", N_("Speakers (diarized JSON)") },
    { "json", N_("JSON") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].format, format))
        return _(labels[i].label);
    }

  return format;
}

static JsonArray *
array_from_strv (const char * const *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);

  return array;
}

static GStrv
strv_from_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  return g_strv_builder_end (builder);
}

gboolean
studio_transcribe_options_takes (StudioTranscribeOptions *self,
                                 const char              *parameter)
{
  return self->model != NULL && studio_transcription_takes (self->model, parameter);
}

static gboolean
studio_transcribe_options_translating (StudioTranscribeOptions *self)
{
  return studio_transcribe_options_takes (self, "translate") && self->translation_available &&
         gtk_switch_get_active (self->translate_switch);
}

const char *
studio_transcribe_options_get_format (StudioTranscribeOptions *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (self->formats == NULL || selected >= g_strv_length (self->formats))
    return NULL;

  return self->formats[selected];
}

static const char *
studio_transcribe_options_get_language (StudioTranscribeOptions *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (selected >= self->codes->len)
    return NULL;

  return g_ptr_array_index (self->codes, selected);
}

void
studio_transcribe_options_changed (StudioTranscribeOptions *self)
{
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* The richest timed answer the family gives: speakers where it tells
 * them apart, segments with times for whisper, else plain JSON.
 */
static const char *
default_format (GStrv formats)
{
  static const char *preferred[] = { "diarized_json", "verbose_json", "json" };

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    {
      if (g_strv_contains ((const char * const *) formats, preferred[i]))
        return preferred[i];
    }

  return formats[0];
}

/* Offers the formats for the model and whether it translates, keeping
 * @wanted (or else the current one) when it is among them.
 */
static void
studio_transcribe_options_fill_formats (StudioTranscribeOptions *self,
                                        const char              *wanted)
{
  g_autofree char *current = g_strdup (wanted ? wanted
                                              : studio_transcribe_options_get_format (self));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto(GStrv) formats = NULL;
  const char *selected;
  guint index = 0;

  if (self->model != NULL)
    formats = studio_transcription_dup_formats (self->model,
                                                studio_transcribe_options_translating (self));
  else
    formats = g_new0 (char *, 1);

  selected = current != NULL && g_strv_contains ((const char * const *) formats, current)
             ? current : default_format (formats);

  for (guint i = 0; formats[i] != NULL; i++)
    {
      gtk_string_list_append (labels, format_label (formats[i]));
      if (g_strcmp0 (formats[i], selected) == 0)
        index = i;
    }

  self->updating++;
  g_strfreev (self->formats);
  self->formats = g_steal_pointer (&formats);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->format_row, index);
  self->updating--;
}

/* Splits what was typed at commas, without blanks. */
static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ",;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* A language as the user may type it: its code, or its name in English
 * or in theirs.
 */
static const char *
language_code_for (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const StudioLanguage *languages;
  guint n_languages;

  languages = studio_languages_get (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      g_autofree char *english = g_utf8_casefold (languages[i].name, -1);
      g_autofree char *translated = g_utf8_casefold (_(languages[i].name), -1);

      if (g_ascii_strcasecmp (languages[i].code, text) == 0 ||
          g_str_equal (english, folded) || g_str_equal (translated, folded))
        return languages[i].code;
    }

  return NULL;
}

/* The codes of the possible languages typed; sets @unknown to whether any
 * of them is not a language the models know.
 */
static GStrv
studio_transcribe_options_dup_languages (StudioTranscribeOptions *self,
                                         gboolean                *unknown)
{
  g_auto(GStrv) parts = split_list (gtk_editable_get_text (GTK_EDITABLE (self->languages_row)));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (unknown != NULL)
    *unknown = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *code = language_code_for (parts[i]);

      if (code == NULL && unknown != NULL)
        *unknown = TRUE;
      else if (code != NULL && g_hash_table_add (seen, (gpointer) code))
        g_strv_builder_add (builder, code);
    }

  return g_strv_builder_end (builder);
}

static void
studio_transcribe_options_update_visibility (StudioTranscribeOptions *self)
{
  gboolean translating = studio_transcribe_options_translating (self);
  const char *format = studio_transcribe_options_get_format (self);
  gboolean unknown = FALSE;
  g_auto(GStrv) languages = studio_transcribe_options_dup_languages (self, &unknown);
  gboolean any = FALSE;
  struct {
    GtkWidget *row;
    gboolean   shown;
  } rows[] = {
    { GTK_WIDGET (self->language_row),
      studio_transcribe_options_takes (self, "language") && !translating },
    { GTK_WIDGET (self->languages_row),
      studio_transcribe_options_takes (self, "languages") && !translating },
    { GTK_WIDGET (self->keywords_row),
      studio_transcribe_options_takes (self, "keywords") && !translating },
    { GTK_WIDGET (self->prompt_row), studio_transcribe_options_takes (self, "prompt") },
    { GTK_WIDGET (self->temperature_row), studio_transcribe_options_takes (self, "temperature") },
    { GTK_WIDGET (self->format_row), self->formats != NULL && self->formats[0] != NULL },
    { GTK_WIDGET (self->words_row),
      studio_transcribe_options_takes (self, "timestamp_granularities") && !translating &&
      g_strcmp0 (format, "verbose_json") == 0 },
    { GTK_WIDGET (self->stream_row),
      studio_transcribe_options_takes (self, "stream") && !translating },
    { GTK_WIDGET (self->translate_row),
      studio_transcribe_options_takes (self, "translate") && self->translation_available },
    { GTK_WIDGET (self->translate_note_row),
      studio_transcribe_options_takes (self, "translate") && !self->translation_available },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_widget_set_visible (rows[i].row, rows[i].shown);
      any |= rows[i].shown;
    }

  /* The group's title alone would be a placeholder. */
  gtk_widget_set_visible (GTK_WIDGET (self->group), any);

  /* Known speakers only mean something in an answer that names speakers. */
  gtk_widget_set_visible (GTK_WIDGET (self->speakers_group),
                          studio_transcribe_options_takes (self, "known_speakers") &&
                          g_strcmp0 (format, "diarized_json") == 0);

  if (unknown)
    gtk_widget_add_css_class (GTK_WIDGET (self->languages_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->languages_row), "error");
}

static void
on_changed_cb (StudioTranscribeOptions *self)
{
  if (self->updating > 0)
    return;

  studio_transcribe_options_update_visibility (self);
  studio_transcribe_options_changed (self);
}

static void
on_languages_changed_cb (StudioTranscribeOptions *self)
{
  /* Marks a name that is no language while it is typed. */
  studio_transcribe_options_update_visibility (self);
  studio_transcribe_options_changed (self);
}

static void
on_format_selected_cb (StudioTranscribeOptions *self)
{
  on_changed_cb (self);
}

static void
on_translate_active_cb (StudioTranscribeOptions *self)
{
  if (self->updating > 0)
    return;

  /* A translation answers in formats of its own. */
  studio_transcribe_options_fill_formats (self, NULL);
  on_changed_cb (self);
}

/* Every choice, shown or not, for remembering them per family. */
static JsonObject *
studio_transcribe_options_dump (StudioTranscribeOptions *self,
                                gboolean                 sent_only)
{
  JsonObject *settings = json_object_new ();
  gboolean translating = studio_transcribe_options_translating (self);
  const char *format = studio_transcribe_options_get_format (self);
  const char *language = studio_transcribe_options_get_language (self);
  const char *prompt = gtk_editable_get_text (GTK_EDITABLE (self->prompt_row));
  double temperature = gtk_spin_button_get_value (self->temperature_spin);
  g_auto(GStrv) languages = studio_transcribe_options_dup_languages (self, NULL);
  g_auto(GStrv) keywords = split_list (gtk_editable_get_text (GTK_EDITABLE (self->keywords_row)));
  gboolean words = gtk_switch_get_active (self->words_switch);

#define SENT(parameter, condition) \
  (!sent_only || (studio_transcribe_options_takes (self, parameter) && (condition)))

  if (language != NULL && SENT ("language", !translating))
    json_object_set_string_member (settings, "language", language);
  if (languages[0] != NULL && SENT ("languages", !translating))
    json_object_set_array_member (settings, "languages",
                                  array_from_strv ((const char * const *) languages));
  if (keywords[0] != NULL && SENT ("keywords", !translating))
    json_object_set_array_member (settings, "keywords",
                                  array_from_strv ((const char * const *) keywords));
  if (!studio_str_is_blank (prompt) && SENT ("prompt", TRUE))
    json_object_set_string_member (settings, "prompt", prompt);
  if (SENT ("temperature", temperature > 0))
    json_object_set_double_member (settings, "temperature", temperature);
  if (format != NULL)
    json_object_set_string_member (settings, "response_format", format);
  if (!sent_only)
    json_object_set_boolean_member (settings, "word_timestamps", words);
  else if (words && SENT ("timestamp_granularities",
                          !translating && g_strcmp0 (format, "verbose_json") == 0))
    {
      static const char *granularities[] = { "word", "segment", NULL };

      json_object_set_array_member (settings, "timestamp_granularities",
                                    array_from_strv (granularities));
    }
  if (SENT ("stream", !translating))
    json_object_set_boolean_member (settings, "stream",
                                    gtk_switch_get_active (self->stream_switch));
  if (SENT ("translate", self->translation_available))
    json_object_set_boolean_member (settings, "translate",
                                    gtk_switch_get_active (self->translate_switch));
  if (self->chosen->len > 0 &&
      SENT ("known_speakers", g_strcmp0 (format, "diarized_json") == 0))
    json_object_set_array_member (settings, "known_speakers",
                                  studio_transcribe_options_speakers_to_json (self));

#undef SENT

  return settings;
}

static char *
join_strings (JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_node_get_string (node));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Shows @settings (NULL: the defaults) without emitting "changed". */
static void
studio_transcribe_options_apply (StudioTranscribeOptions *self,
                                 JsonObject              *settings)
{
  const char *language = settings ? studio_json_get_string (settings, "language") : NULL;
  JsonArray *speakers = settings ? studio_json_get_array (settings, "known_speakers") : NULL;
  JsonArray *granularities = settings ? studio_json_get_array (settings,
                                                               "timestamp_granularities")
                                      : NULL;
  g_autofree char *languages = join_strings (settings ? studio_json_get_array (settings,
                                                                              "languages")
                                                      : NULL);
  g_autofree char *keywords = join_strings (settings ? studio_json_get_array (settings,
                                                                             "keywords")
                                                     : NULL);
  const char *prompt = settings ? studio_json_get_string (settings, "prompt") : NULL;
  guint language_index = 0;

  self->updating++;

  for (guint i = 1; language != NULL && i < self->codes->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (self->codes, i), language) == 0)
        language_index = i;
    }
  adw_combo_row_set_selected (self->language_row, language_index);
  gtk_editable_set_text (GTK_EDITABLE (self->languages_row), languages);
  gtk_editable_set_text (GTK_EDITABLE (self->keywords_row), keywords);
  gtk_editable_set_text (GTK_EDITABLE (self->prompt_row), prompt ? prompt : "");
  gtk_spin_button_set_value (self->temperature_spin,
                             settings ? CLAMP (studio_json_get_double (settings, "temperature", 0),
                                               0, 1)
                                      : 0);
  gtk_switch_set_active (self->words_switch,
                         (settings && studio_json_get_boolean (settings, "word_timestamps",
                                                               FALSE)) ||
                         studio_json_array_has_string (granularities, "word"));
  gtk_switch_set_active (self->stream_switch,
                         settings ? studio_json_get_boolean (settings, "stream", TRUE) : TRUE);
  gtk_switch_set_active (self->translate_switch,
                         settings && self->translation_available &&
                         studio_json_get_boolean (settings, "translate", FALSE));

  studio_transcribe_options_load_speakers (self, speakers);

  self->updating--;

  /* The formats depend on whether it translates. */
  studio_transcribe_options_fill_formats (self, settings ? studio_json_get_string (settings,
                                                                                  "response_format")
                                                         : "");
  if (self->speakers != NULL)
    studio_transcribe_options_fill_speakers (self);
  studio_transcribe_options_update_visibility (self);
}

static void
studio_transcribe_options_clear_got (StudioTranscribeOptions *self)
{
  g_clear_pointer (&self->got_language, g_free);
  g_clear_pointer (&self->got_prompt, g_free);
  g_clear_pointer (&self->got_languages, g_strfreev);
  g_clear_pointer (&self->got_keywords, g_strfreev);
  g_clear_pointer (&self->got_granularities, g_strfreev);
}

static void
studio_transcribe_options_dispose (GObject *object)
{
  StudioTranscribeOptions *self = (StudioTranscribeOptions *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_TRANSCRIBE_OPTIONS);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->remembered, g_hash_table_unref);
  g_clear_pointer (&self->speakers, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_transcribe_options_parent_class)->dispose (object);
}

static void
studio_transcribe_options_finalize (GObject *object)
{
  StudioTranscribeOptions *self = (StudioTranscribeOptions *) object;

  g_clear_pointer (&self->chosen, g_array_unref);
  g_clear_pointer (&self->formats, g_strfreev);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_rows, g_ptr_array_unref);
  g_clear_pointer (&self->family, g_free);
  studio_transcribe_options_clear_got (self);

  G_OBJECT_CLASS (studio_transcribe_options_parent_class)->finalize (object);
}

static void
studio_transcribe_options_class_init (StudioTranscribeOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_transcribe_options_dispose;
  object_class->finalize = studio_transcribe_options_finalize;

  /**
   * StudioTranscribeOptions::changed:
   *
   * Emitted when the user changed an option, or the speaker library
   * dropped a chosen speaker.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-transcribe-options.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, group);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, language_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, languages_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, keywords_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, prompt_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, temperature_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, temperature_spin);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, format_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, words_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, words_switch);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, stream_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, stream_switch);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, translate_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, translate_switch);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions,
                                        translate_note_row);
  gtk_widget_class_bind_template_child (widget_class, StudioTranscribeOptions, speakers_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_languages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_translate_active_cb);
}

static int
compare_language_names (gconstpointer a,
                        gconstpointer b)
{
  const StudioLanguage *language_a = *(const StudioLanguage * const *) a;
  const StudioLanguage *language_b = *(const StudioLanguage * const *) b;

  return g_utf8_collate (_(language_a->name), _(language_b->name));
}

static void
studio_transcribe_options_init (StudioTranscribeOptions *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const StudioLanguage *languages;
  guint n_languages;

  self->updating = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = 0;

  self->translation_available = TRUE;
  self->remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  self->chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->speaker_rows = g_ptr_array_new ();
  self->codes = g_ptr_array_new ();

  /* In the user's language, by their names in it. */
  languages = studio_languages_get (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    g_ptr_array_add (sorted, (gpointer) &languages[i]);
  g_ptr_array_sort (sorted, compare_language_names);

  gtk_string_list_append (labels, _("Detect Automatically"));
  g_ptr_array_add (self->codes, NULL);
  for (guint i = 0; i < sorted->len; i++)
    {
      const StudioLanguage *language = g_ptr_array_index (sorted, i);

      gtk_string_list_append (labels, _(language->name));
      g_ptr_array_add (self->codes, (gpointer) language->code);
    }

  self->updating++;
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (labels));
  self->updating--;

  studio_transcribe_options_fill_speakers (self);
  studio_transcribe_options_update_visibility (self);
}

/**
 * studio_transcribe_options_new:
 *
 * Returns: (transfer floating): transcription options, showing nothing
 *   until a model is set
 */
GtkWidget *
studio_transcribe_options_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIBE_OPTIONS, NULL);
}

/**
 * studio_transcribe_options_set_model:
 * @self: transcription options
 * @model: (nullable): the transcription model to show the options of
 *
 * Shows the rows @model's family takes, with the choices made for that
 * family earlier (else the defaults). Does not emit "changed".
 */
void
studio_transcribe_options_set_model (StudioTranscribeOptions *self,
                                     StudioModel             *model)
{
  const char *family;

  g_return_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self));
  g_return_if_fail (model == NULL || STUDIO_IS_MODEL (model));

  if (self->model == model)
    return;

  if (self->family != NULL)
    g_hash_table_replace (self->remembered, g_strdup (self->family),
                          studio_transcribe_options_dump (self, FALSE));

  g_set_object (&self->model, model);
  family = model ? studio_model_get_family (model) : NULL;
  /* A model no family matched keeps its choices under its own name. */
  if (model != NULL && family == NULL)
    family = studio_model_get_id (model);
  studio_set_str (&self->family, family);

  studio_transcribe_options_apply (self, family ? g_hash_table_lookup (self->remembered, family)
                                                : NULL);
}

/**
 * studio_transcribe_options_get:
 * @self: transcription options
 * @options: (out caller-allocates): the options to fill
 *
 * Fills @options with what is shown, for the model set: only what its
 * family takes. Strings and arrays stay owned by @self until the next
 * call or until @self goes.
 *
 * Known speakers are left out, as their voice samples are files to read:
 * take them from studio_transcribe_options_dup_speakers(). So is
 * `chunking_strategy`, which depends on the audio's length, and
 * `include` and `filename`.
 */
void
studio_transcribe_options_get (StudioTranscribeOptions    *self,
                               StudioTranscriptionOptions *options)
{
  g_autoptr(JsonObject) settings = NULL;
  JsonArray *array;

  g_return_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self));
  g_return_if_fail (options != NULL);

  studio_transcribe_options_clear_got (self);
  memset (options, 0, sizeof *options);

  if (self->model == NULL)
    return;

  settings = studio_transcribe_options_dump (self, TRUE);

  self->got_language = g_strdup (studio_json_get_string (settings, "language"));
  self->got_prompt = g_strdup (studio_json_get_string (settings, "prompt"));
  if ((array = studio_json_get_array (settings, "languages")) != NULL)
    self->got_languages = strv_from_array (array);
  if ((array = studio_json_get_array (settings, "keywords")) != NULL)
    self->got_keywords = strv_from_array (array);
  if ((array = studio_json_get_array (settings, "timestamp_granularities")) != NULL)
    self->got_granularities = strv_from_array (array);

  options->response_format = studio_transcribe_options_get_format (self);
  options->language = self->got_language;
  options->prompt = self->got_prompt;
  options->temperature = studio_json_get_double (settings, "temperature", 0);
  options->timestamp_granularities = (const char * const *) self->got_granularities;
  options->languages = (const char * const *) self->got_languages;
  options->keywords = (const char * const *) self->got_keywords;
  options->stream = studio_json_get_boolean (settings, "stream", FALSE);
  options->translate = studio_json_get_boolean (settings, "translate", FALSE);
}

/**
 * studio_transcribe_options_to_json:
 * @self: transcription options
 *
 * The settings as sent, to keep with the transcript: `language`,
 * `languages`, `keywords`, `prompt`, `temperature`, `response_format`,
 * `timestamp_granularities`, `stream`, `translate` and `known_speakers`
 * (objects with `id` and `name`), each only where the family takes it
 * and it is set.
 *
 * Returns: (transfer full): the settings
 */
JsonObject *
studio_transcribe_options_to_json (StudioTranscribeOptions *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self), NULL);

  return studio_transcribe_options_dump (self, TRUE);
}

/**
 * studio_transcribe_options_load_json:
 * @self: transcription options
 * @settings: (nullable): settings from studio_transcribe_options_to_json();
 *   %NULL for the defaults
 *
 * Shows @settings for the model set; what its family does not take is
 * ignored. Does not emit "changed".
 */
void
studio_transcribe_options_load_json (StudioTranscribeOptions *self,
                                     JsonObject              *settings)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self));

  studio_transcribe_options_apply (self, settings);
}

/**
 * studio_transcribe_options_set_translation_available:
 * @self: transcription options
 * @available: whether the server translates
 * @note: (nullable): why not, shown in place of Translate to English
 *
 * The server may not offer /audio/translations even for a family that
 * translates; then the switch is replaced by @note, and a translation
 * that was asked for is not any more ("changed" is emitted then).
 */
void
studio_transcribe_options_set_translation_available (StudioTranscribeOptions *self,
                                                     gboolean                 available,
                                                     const char              *note)
{
  gboolean was_translating;

  g_return_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self));

  was_translating = studio_transcribe_options_translating (self);
  self->translation_available = !!available;
  adw_action_row_set_subtitle (self->translate_note_row,
                               note ? note : _("This server does not translate audio."));

  if (!available)
    {
      self->updating++;
      gtk_switch_set_active (self->translate_switch, FALSE);
      self->updating--;
    }

  studio_transcribe_options_fill_formats (self, NULL);
  studio_transcribe_options_update_visibility (self);

  if (was_translating != studio_transcribe_options_translating (self))
    studio_transcribe_options_changed (self);
}
