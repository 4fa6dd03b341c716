/* test-image-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The image options panel in a window, with models sorted into their
 * families by the built-in rules. With STUDIO_SCREENSHOT_DIR set, the size
 * states are also saved as PNGs.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-image-options.h"
#include "studio-image-request.h"
#include "studio-ui.h"

typedef struct
{
  GtkWidget          *window;
  StudioImageOptions *options;
  JsonObject         *values;
  guint               n_changed;
  guint               n_valid;
} Fixture;

static void
changed_cb (StudioImageOptions *options,
            Fixture            *fixture)
{
  fixture->n_changed++;
}

static void
valid_cb (StudioImageOptions *options,
          GParamSpec         *pspec,
          Fixture            *fixture)
{
  fixture->n_valid++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  fixture->window = gtk_window_new ();
  fixture->options = STUDIO_IMAGE_OPTIONS (studio_image_options_new ());
  fixture->values = json_object_new ();
  g_object_ref (fixture->options);

  gtk_widget_set_margin_top (GTK_WIDGET (fixture->options), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->options), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->options), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->options), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (fixture->options));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_window_set_child (GTK_WINDOW (fixture->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 900);
  g_signal_connect (fixture->options, "changed", G_CALLBACK (changed_cb), fixture);
  g_signal_connect (fixture->options, "notify::valid", G_CALLBACK (valid_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  studio_gui_drain ();
  g_assert_finalize_object (fixture->options);
  json_object_unref (fixture->values);
}

static void
bind (Fixture    *fixture,
      const char *model_id,
      const char *endpoint)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);

  g_assert_cmpint (studio_model_get_kind (model), ==, STUDIO_MODEL_KIND_IMAGE);
  studio_image_options_bind (fixture->options, model, endpoint, fixture->values);
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

static GtkSpinButton *
row_spin (Fixture    *fixture,
          const char *title)
{
  GtkWidget *spin = studio_gui_find_widget (find_row (fixture, title),
                                            GTK_TYPE_SPIN_BUTTON, NULL);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

static guint
combo_count (Fixture    *fixture,
             const char *title)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (find_row (fixture, title)));

  return model ? g_list_model_get_n_items (model) : 0;
}

static gboolean
combo_has (Fixture    *fixture,
           const char *title,
           const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (find_row (fixture, title)));

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        return TRUE;
    }

  return FALSE;
}

/* Chooses an entry as the user would, by what it says. */
static void
combo_select (Fixture    *fixture,
              const char *title,
              const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (fixture, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("No “%s” in %s", label, title);
}

static const char *
combo_selected (Fixture    *fixture,
                const char *title)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (fixture, title));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item ? gtk_string_object_get_string (item) : NULL;
}

static const char *
subtitle (Fixture    *fixture,
          const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (fixture, title)));
}

/* The body that would be sent, so the values are checked as the API
 * sees them.
 */
static JsonObject *
sent (Fixture    *fixture,
      const char *model_id)
{
  g_autoptr(StudioModel) model = studio_fake_model_new (model_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  body = studio_image_request_build_body (model, "A lighthouse at dusk", fixture->values, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);
  return json_object_ref (json_node_get_object (body));
}

/* Each family shows what it takes, and each endpoint only its own. */
static void
test_image_options_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *all[] = {
    "Size", "Quality", "Background", "Format", "Compression", "Moderation", "Input Fidelity",
    "Style", "Response Format", "Number of Images", "Stream", "Partial Images", "Width",
    "Height",
  };
  static const struct {
    const char *model;
    const char *endpoint;
    const char *rows;
  } cases[] = {
    { "gpt-image-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS,
      "Size Quality Background Format Moderation Number-of-Images Stream" },
    { "gpt-image-2", STUDIO_IMAGE_ENDPOINT_EDITS,
      "Size Quality Background Format Input-Fidelity Number-of-Images Stream" },
    { "gpt-image-1", STUDIO_IMAGE_ENDPOINT_EDITS,
      "Size Quality Background Format Input-Fidelity Number-of-Images Stream" },
    { "gpt-image-1-mini", STUDIO_IMAGE_ENDPOINT_EDITS,
      "Size Quality Background Format Number-of-Images Stream" },
    { "dall-e-3", STUDIO_IMAGE_ENDPOINT_GENERATIONS,
      "Size Quality Style Response-Format Number-of-Images" },
    { "dall-e-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS, "Size Response-Format Number-of-Images" },
    { "dall-e-2", STUDIO_IMAGE_ENDPOINT_VARIATIONS, "Size Response-Format Number-of-Images" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) expected = g_strsplit (cases[i].rows, " ", -1);

      g_test_message ("%s %s", cases[i].model, cases[i].endpoint);
      bind (fixture, cases[i].model, cases[i].endpoint);
      for (guint j = 0; expected[j]; j++)
        g_strdelimit (expected[j], "-", ' ');

      for (guint j = 0; j < G_N_ELEMENTS (all); j++)
        {
          gboolean wanted = g_strv_contains ((const char * const *) expected, all[j]);

          if (shown (fixture, all[j]) != wanted)
            g_error ("%s %s: “%s” is %s", cases[i].model, cases[i].endpoint, all[j],
                     wanted ? "missing" : "shown");
        }
      g_assert_true (studio_image_options_get_valid (fixture->options));
    }

  /* The values of each family's choices, by name. */
  bind (fixture, "dall-e-3", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpuint (combo_count (fixture, "Size"), ==, 3);
  g_assert_true (combo_has (fixture, "Size", "1792 × 1024"));
  g_assert_false (combo_has (fixture, "Size", "Custom…"));
  g_assert_cmpstr (combo_selected (fixture, "Size"), ==, "1024 × 1024");
  g_assert_cmpstr (combo_selected (fixture, "Quality"), ==, "Standard");
  g_assert_true (combo_has (fixture, "Quality", "HD"));
  g_assert_cmpstr (combo_selected (fixture, "Style"), ==, "Vivid");
  g_assert_true (combo_has (fixture, "Style", "Natural"));

  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpstr (combo_selected (fixture, "Quality"), ==, "Auto");
  g_assert_cmpuint (combo_count (fixture, "Quality"), ==, 4);
  g_assert_cmpuint (combo_count (fixture, "Background"), ==, 3);
  g_assert_true (combo_has (fixture, "Background", "Transparent"));
  g_assert_cmpstr (combo_selected (fixture, "Format"), ==, "PNG");

  /* Nothing was chosen, so nothing was written. */
  g_assert_cmpuint (json_object_get_size (fixture->values), ==, 0);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* An endpoint the model does not offer: nothing to choose. */
  bind (fixture, "dall-e-3", STUDIO_IMAGE_ENDPOINT_EDITS);
  g_assert_false (gtk_widget_is_visible (find_row (fixture, "Size")));
  g_assert_false (gtk_widget_is_visible (find_row (fixture, "Quality")));

  /* No model: no options at all. */
  studio_image_options_bind (fixture->options, NULL, NULL, NULL);
  g_assert_false (gtk_widget_is_visible (find_row (fixture, "Size")));
  g_assert_null (studio_image_options_get_values (fixture->options));
}

/* Controls write into the values; what they do not show stays. */
static void
test_image_options_values (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) body = NULL;
  GtkWidget *stream;

  json_object_set_string_member (fixture->values, "prompt_style", "kept");
  json_object_set_string_member (fixture->values, "style", "natural");
  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  combo_select (fixture, "Quality", "High");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "quality"), ==, "high");
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  combo_select (fixture, "Moderation", "Low");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "moderation"), ==, "low");

  gtk_spin_button_set_value (row_spin (fixture, "Number of Images"), 4);
  g_assert_cmpint (json_object_get_int_member (fixture->values, "n"), ==, 4);
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* Streaming brings Partial Images, and the number shown is sent. */
  g_assert_false (shown (fixture, "Partial Images"));
  stream = studio_gui_find_widget (find_row (fixture, "Stream"), GTK_TYPE_SWITCH, NULL);
  gtk_switch_set_active (GTK_SWITCH (stream), TRUE);
  g_assert_true (json_object_get_boolean_member (fixture->values, "stream"));
  g_assert_true (shown (fixture, "Partial Images"));
  g_assert_cmpint (json_object_get_int_member (fixture->values, "partial_images"), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (
                       row_spin (fixture, "Partial Images"))), ==, 3);
  gtk_spin_button_set_value (row_spin (fixture, "Partial Images"), 3);
  g_assert_cmpint (json_object_get_int_member (fixture->values, "partial_images"), ==, 3);

  combo_select (fixture, "Format", "JPEG");
  studio_gui_screenshot (fixture->window, "image-options-streaming.png");
  combo_select (fixture, "Format", "PNG");

  body = sent (fixture, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (body, "quality"), ==, "high");
  g_assert_cmpstr (json_object_get_string_member (body, "moderation"), ==, "low");
  g_assert_cmpint (json_object_get_int_member (body, "n"), ==, 4);
  g_assert_true (json_object_get_boolean_member (body, "stream"));
  g_assert_cmpint (json_object_get_int_member (body, "partial_images"), ==, 3);
  g_assert_false (json_object_has_member (body, "style"));

  /* Not shown for gpt-image-2, so untouched; dall-e-3 shows it again. */
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "prompt_style"), ==, "kept");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "style"), ==, "natural");

  /* dall-e-3 makes one image at a time, and has no "high" quality: the
   * values it cannot take go, so what is shown is what is sent.
   */
  fixture->n_changed = 0;
  bind (fixture, "dall-e-3", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (combo_selected (fixture, "Style"), ==, "Natural");
  g_assert_cmpstr (combo_selected (fixture, "Quality"), ==, "Standard");
  g_assert_false (json_object_has_member (fixture->values, "quality"));
  g_assert_false (json_object_has_member (fixture->values, "n"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Number of Images")),
                   ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (
                       row_spin (fixture, "Number of Images"))), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row_spin (fixture, "Number of Images"))));
  g_assert_cmpstr (subtitle (fixture, "Number of Images"), ==,
                   "This model makes one image at a time");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "moderation"), ==, "low");
  studio_gui_screenshot (fixture->window, "image-options-dall-e-3.png");
  g_clear_pointer (&body, json_object_unref);
  body = sent (fixture, "dall-e-3");
  g_assert_cmpstr (json_object_get_string_member (body, "style"), ==, "natural");

  bind (fixture, "dall-e-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (
                       row_spin (fixture, "Number of Images"))), ==, 10);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row_spin (fixture, "Number of Images"))));
}

/* Compression only for JPEG and WebP. */
static void
test_image_options_compression (Fixture       *fixture,
                                gconstpointer  data)
{
  bind (fixture, "gpt-image-1", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_false (shown (fixture, "Compression"));

  combo_select (fixture, "Format", "JPEG");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "output_format"), ==, "jpeg");
  g_assert_true (shown (fixture, "Compression"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Compression")), ==, 100);
  gtk_spin_button_set_value (row_spin (fixture, "Compression"), 80);
  g_assert_cmpint (json_object_get_int_member (fixture->values, "output_compression"), ==, 80);

  combo_select (fixture, "Format", "WebP");
  g_assert_true (shown (fixture, "Compression"));
  combo_select (fixture, "Format", "PNG");
  g_assert_false (shown (fixture, "Compression"));

  /* Bound again, the choice is where it was left. */
  combo_select (fixture, "Format", "WebP");
  bind (fixture, "gpt-image-1", STUDIO_IMAGE_ENDPOINT_EDITS);
  g_assert_cmpstr (combo_selected (fixture, "Format"), ==, "WebP");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Compression")), ==, 80);
}

/* A transparent background takes PNG or WebP only, and says so; a JPEG
 * already chosen becomes PNG, visibly.
 */
static void
test_image_options_transparent (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) body = NULL;

  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  combo_select (fixture, "Format", "JPEG");
  g_assert_cmpstr (subtitle (fixture, "Format"), ==, "");

  combo_select (fixture, "Background", "Transparent");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "background"), ==,
                   "transparent");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "output_format"), ==, "png");
  g_assert_cmpstr (combo_selected (fixture, "Format"), ==, "PNG");
  g_assert_cmpuint (combo_count (fixture, "Format"), ==, 2);
  g_assert_false (combo_has (fixture, "Format", "JPEG"));
  g_assert_true (g_str_has_prefix (subtitle (fixture, "Format"),
                                   "A transparent background needs PNG or WebP"));
  g_assert_nonnull (strstr (subtitle (fixture, "Format"), "JPEG was changed to PNG"));
  g_assert_false (shown (fixture, "Compression"));
  studio_gui_screenshot (fixture->window, "image-options-transparent.png");

  body = sent (fixture, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (body, "background"), ==, "transparent");

  /* The user's next choice ends the note of what was changed. */
  combo_select (fixture, "Format", "WebP");
  g_assert_cmpstr (subtitle (fixture, "Format"), ==, "A transparent background needs PNG or WebP");
  g_assert_true (shown (fixture, "Compression"));

  combo_select (fixture, "Background", "Opaque");
  g_assert_cmpuint (combo_count (fixture, "Format"), ==, 3);
  g_assert_cmpstr (subtitle (fixture, "Format"), ==, "");
  g_assert_cmpstr (combo_selected (fixture, "Format"), ==, "WebP");

  /* Values that arrive that way are fixed the same way, and said so. */
  json_object_set_string_member (fixture->values, "background", "transparent");
  json_object_set_string_member (fixture->values, "output_format", "jpeg");
  fixture->n_changed = 0;
  bind (fixture, "gpt-image-1", STUDIO_IMAGE_ENDPOINT_EDITS);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "output_format"), ==, "png");
  g_assert_nonnull (strstr (subtitle (fixture, "Format"), "JPEG was changed to PNG"));
}

/* Custom sizes are checked as typed, never changed: the reason and the
 * nearest valid size are offered instead.
 */
static void
test_image_options_custom_size (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char *labels[] = {
    "Auto", "Square (1024 × 1024)", "Portrait (1024 × 1536)", "Landscape (1536 × 1024)",
    "Widescreen 16:9 (1536 × 864)", "2K (2560 × 1440)", "4K (3840 × 2160)", "Custom…",
  };
  g_autoptr(GError) error = NULL;
  GtkWidget *problem;
  GtkWidget *fix;

  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_GENERATIONS);
  g_assert_cmpuint (combo_count (fixture, "Size"), ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_true (combo_has (fixture, "Size", labels[i]));
  g_assert_cmpstr (combo_selected (fixture, "Size"), ==, "Auto");
  g_assert_false (shown (fixture, "Width"));

  combo_select (fixture, "Size", "Widescreen 16:9 (1536 × 864)");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "size"), ==, "1536x864");

  /* Custom starts from the size chosen before. */
  combo_select (fixture, "Size", "Custom…");
  g_assert_true (shown (fixture, "Width"));
  g_assert_true (shown (fixture, "Height"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Width")), ==, 1536);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Height")), ==, 864);
  g_assert_cmpfloat (gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (
                       row_spin (fixture, "Width"))), ==, 16);

  fixture->n_valid = 0;
  gtk_spin_button_set_value (row_spin (fixture, "Width"), 1000);
  gtk_spin_button_set_value (row_spin (fixture, "Height"), 1000);
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "size"), ==, "1000x1000");
  g_assert_false (studio_image_options_get_valid (fixture->options));
  g_assert_cmpuint (fixture->n_valid, ==, 1);
  g_assert_false (studio_image_options_check (fixture->options, &error));
  g_assert_error (error, STUDIO_IMAGE_ERROR, STUDIO_IMAGE_ERROR_INVALID_SIZE);

  problem = studio_gui_find_label_prefix (GTK_WIDGET (fixture->options),
                                          "Width and height must both be multiples of 16.");
  g_assert_nonnull (problem);
  g_assert_true (gtk_widget_is_visible (problem));
  g_assert_true (gtk_widget_has_css_class (problem, "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (problem)), ==, error->message);
  fix = studio_gui_find_widget (GTK_WIDGET (fixture->options), GTK_TYPE_BUTTON,
                                "Use 1008 × 1008");
  g_assert_nonnull (fix);
  g_assert_true (gtk_widget_is_visible (fix));

  /* The numbers typed stay as typed. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Width")), ==, 1000);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Height")), ==, 1000);
  studio_gui_screenshot (fixture->window, "image-options-invalid-size.png");

  g_signal_emit_by_name (fix, "clicked");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Width")), ==, 1008);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Height")), ==, 1008);
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "size"), ==, "1008x1008");
  g_assert_true (studio_image_options_get_valid (fixture->options));
  g_assert_cmpuint (fixture->n_valid, ==, 2);
  g_assert_true (studio_image_options_check (fixture->options, NULL));
  g_assert_false (gtk_widget_is_visible (problem));
  g_assert_cmpstr (subtitle (fixture, "Size"), ==, "");

  /* Valid, but experimental. */
  gtk_spin_button_set_value (row_spin (fixture, "Width"), 3840);
  gtk_spin_button_set_value (row_spin (fixture, "Height"), 2160);
  g_assert_true (studio_image_options_get_valid (fixture->options));
  g_assert_cmpstr (subtitle (fixture, "Size"), ==, "Sizes above 2560 × 1440 are experimental");
  studio_gui_screenshot (fixture->window, "image-options-experimental.png");
  {
    g_autoptr(JsonObject) body = sent (fixture, "gpt-image-2");

    g_assert_cmpstr (json_object_get_string_member (body, "size"), ==, "3840x2160");
  }

  /* Too large: the longest side is the problem. */
  gtk_spin_button_set_value (row_spin (fixture, "Width"), 4096);
  g_assert_false (studio_image_options_get_valid (fixture->options));
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (fixture->options),
                                                  "The aspect ratio must be") ?:
                    studio_gui_find_label_prefix (GTK_WIDGET (fixture->options),
                                                  "No side can be longer"));

  combo_select (fixture, "Size", "2K (2560 × 1440)");
  g_assert_true (studio_image_options_get_valid (fixture->options));
  g_assert_false (shown (fixture, "Width"));
  g_assert_cmpstr (subtitle (fixture, "Size"), ==, "");
  combo_select (fixture, "Size", "4K (3840 × 2160)");
  g_assert_cmpstr (subtitle (fixture, "Size"), ==, "Sizes above 2560 × 1440 are experimental");

  /* A custom size in the values comes back as Custom. */
  json_object_set_string_member (fixture->values, "size", "1920x1080");
  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_EDITS);
  g_assert_cmpstr (combo_selected (fixture, "Size"), ==, "Custom…");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (fixture, "Width")), ==, 1920);
  g_assert_false (studio_image_options_get_valid (fixture->options));
  g_assert_nonnull (studio_gui_find_widget (GTK_WIDGET (fixture->options), GTK_TYPE_BUTTON,
                                            "Use 1920 × 1088"));
}

/* A size from another model is shown as it is, with the nearest this one
 * makes, rather than changed behind the user's back.
 */
static void
test_image_options_size_not_offered (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *fix;

  json_object_set_string_member (fixture->values, "size", "1536x1024");
  bind (fixture, "dall-e-2", STUDIO_IMAGE_ENDPOINT_VARIATIONS);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpstr (combo_selected (fixture, "Size"), ==, "1536 × 1024 (not offered)");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "size"), ==, "1536x1024");
  g_assert_false (studio_image_options_get_valid (fixture->options));
  g_assert_nonnull (studio_gui_find_label_prefix (GTK_WIDGET (fixture->options),
                                                  "This model does not make images of size"));

  fix = studio_gui_find_widget (GTK_WIDGET (fixture->options), GTK_TYPE_BUTTON,
                                "Use 1024 × 1024");
  g_assert_nonnull (fix);
  g_signal_emit_by_name (fix, "clicked");
  g_assert_cmpstr (json_object_get_string_member (fixture->values, "size"), ==, "1024x1024");
  g_assert_cmpstr (combo_selected (fixture, "Size"), ==, "1024 × 1024");
  g_assert_true (studio_image_options_get_valid (fixture->options));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
}

/* Every control says what it is, with no mnemonic underscores. */
static void
test_image_options_names (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *titles[] = {
    "Size", "Quality", "Background", "Format", "Compression", "Moderation", "Input Fidelity",
    "Style", "Response Format", "Number of Images", "Stream", "Partial Images", "Width",
    "Height",
  };

  /* Named by their row's title alone: a label of their own as well would
   * be said twice (test-a11y reads the names through AT-SPI).
   */
  static const char *named_by_row[] = { "Size", "Response Format", "Number of Images", NULL };

  bind (fixture, "gpt-image-2", STUDIO_IMAGE_ENDPOINT_EDITS);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = find_row (fixture, titles[i]);
      GtkWidget *control = row;

      if (g_strv_contains (named_by_row, titles[i]))
        continue;

      if (!ADW_IS_COMBO_ROW (row))
        {
          control = studio_gui_find_widget (row, GTK_TYPE_SPIN_BUTTON, NULL);
          if (control == NULL)
            control = studio_gui_find_widget (row, GTK_TYPE_SWITCH, NULL);
        }
      g_assert_nonnull (control);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (control),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i]);
      g_assert_null (strchr (titles[i], '_'));
    }
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-image-options-XXXXXX");
  /* The test backend keeps what a screen reader would be told, so the
   * accessible names can be read back without the accessibility bus.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  studio_ui_init ();

#define ADD(path, func) \
  g_test_add ("/studio/image-options/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("rows", test_image_options_rows);
  ADD ("values", test_image_options_values);
  ADD ("compression", test_image_options_compression);
  ADD ("transparent", test_image_options_transparent);
  ADD ("custom-size", test_image_options_custom_size);
  ADD ("size-not-offered", test_image_options_size_not_offered);
  ADD ("names", test_image_options_names);

  return g_test_run ();
}
