/* test-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a screen reader gets. The real application runs under Xvfb against
 * the fake server; for each state it can be in (each workspace, a failed
 * reply, Preferences) a process of its own, a11y-dump, reads the app's tree
 * back from the AT-SPI bus while this one keeps its main loop running to
 * answer. Every control must have a name that can be said: not empty, not
 * GTK's fallback of a type name, without a mnemonic's underscore, and not
 * said twice.
 *
 * A tooltip is no name: GTK gives it to AT-SPI as the description. The
 * welcome page needs no state of its own: GTK 4.8 exports the pages of a
 * stack that are not on screen, so its button is read with the workspaces.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "studio-application.h"
#include "studio-fake-server.h"
#include "studio-gui-utils.h"
#include "studio-window.h"

/* Generous: under valgrind or a loaded machine the app is slow to answer. */
#define WAIT_TIMEOUT_S 30

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  StudioFakeServer  *server;
  StudioApplication *app;
  StudioWindow      *window;
} Fixture;

/* One app for the whole process: a GApplication registers once. */
static Fixture fixture;

/* Every problem reported so far, so that each is reported once. */
static GHashTable *reported;

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @check holds; fails the test after a deadline
 * so that a hang says what it was waiting for.
 */
static gboolean
wait_until (Condition   check,
            gpointer    data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timed_out_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    {
      g_test_fail_printf ("Timed out waiting for %s", what);
      return FALSE;
    }

  g_source_remove (timeout_id);
  return TRUE;
}

static void
keep_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
models_requested (gpointer data)
{
  return studio_fake_server_count (data, "/v1/models") > 0;
}

static gboolean
chat_requested (gpointer data)
{
  return studio_fake_server_count (data, "/v1/chat/completions") > 0;
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (data) == NULL;
}

/* Every model picker that is on screen can be used: the catalog arrived
 * and reached the widgets. Looked up with GTK calls only, so that the test
 * does not depend on how the pages are built.
 */
static gboolean
combo_rows_ready (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return TRUE;

  if (ADW_IS_COMBO_ROW (root))
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (root));

      return model != NULL && g_list_model_get_n_items (model) > 0 && gtk_widget_is_sensitive (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!combo_rows_ready (child))
        return FALSE;
    }

  return TRUE;
}

static gboolean
pickers_ready (gpointer data)
{
  return combo_rows_ready (data);
}

static GtkWidget *
find_mapped (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget))
{
  if (!gtk_widget_get_mapped (root))
    return NULL;

  if (match (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, match);

      if (found)
        return found;
    }

  return NULL;
}

static gboolean
is_editable_text_view (GtkWidget *widget)
{
  return GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
}

static gboolean
is_retry_button (GtkWidget *widget)
{
  const char *label;

  if (!GTK_IS_BUTTON (widget) || (label = gtk_button_get_label (GTK_BUTTON (widget))) == NULL)
    return FALSE;

  return g_strcmp0 (label, "_Retry") == 0 || g_strcmp0 (label, "Retry") == 0;
}

static gboolean
retry_shown (gpointer data)
{
  return find_mapped (data, is_retry_button) != NULL;
}

static GtkWindow *
preferences_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture.app)); l; l = l->next)
    {
      if (l->data != (gpointer) fixture.window)
        return l->data;
    }

  return NULL;
}

static gboolean
preferences_mapped (gpointer data)
{
  GtkWindow *preferences = preferences_window ();

  return preferences != NULL && gtk_widget_get_mapped (GTK_WIDGET (preferences));
}

static StudioWindow *
start_app (StudioApplication **app_out)
{
  StudioApplication *app = studio_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (STUDIO_IS_WINDOW (window));
  *app_out = app;

  return STUDIO_WINDOW (window);
}

static void
quit_app (StudioApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  while (!no_windows (app))
    g_main_context_iteration (NULL, TRUE);
}

/* Starts the app once, with a key, and waits for the models to arrive. */
static gboolean
ensure_app (void)
{
  if (fixture.app != NULL)
    return TRUE;

  fixture.server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture.server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-a11y-0000", TRUE);

  fixture.window = start_app (&fixture.app);

  return wait_until (widget_mapped, fixture.window, "the window to show") &&
         wait_until (models_requested, fixture.server, "the model list to be asked for");
}

/* The words of a label, compared without case, mnemonics or punctuation. */
static GPtrArray *
label_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (NULL);

      for (const char *p = parts[i]; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            g_string_append_unichar (word, g_unichar_tolower (c));
        }
      if (word->len > 0)
        g_ptr_array_add (words, g_string_free (g_steal_pointer (&word), FALSE));
    }

  return words;
}

static gboolean
words_within (GPtrArray *some,
              GPtrArray *all)
{
  for (guint i = 0; i < some->len; i++)
    {
      if (!g_ptr_array_find_with_equal_func (all, g_ptr_array_index (some, i), g_str_equal, NULL))
        return FALSE;
    }

  return TRUE;
}

/* GTK 4.8 names a control with its label property followed by the names
 * of what it is labelled by. A button with a mnemonic is labelled by its
 * own child label, so a label set on it too is said twice, as in
 * "Test Connection Test" or, with a combo row's title, "Model Model".
 */
static gboolean
labelled_twice (const char *name,
                const char *labels)
{
  size_t name_length = strlen (name);
  size_t labels_length = strlen (labels);
  g_autofree char *own = NULL;
  g_autoptr(GPtrArray) own_words = NULL;
  g_autoptr(GPtrArray) label_words_ = NULL;

  if (labels_length == 0 || name_length <= labels_length + 1 ||
      !g_str_has_suffix (name, labels) || name[name_length - labels_length - 1] != ' ')
    return FALSE;

  own = g_strndup (name, name_length - labels_length - 1);
  own_words = label_words (own);
  label_words_ = label_words (labels);

  return words_within (own_words, label_words_) || words_within (label_words_, own_words);
}

/* What is wrong with a name, or NULL when a screen reader can say it. */
static const char *
name_problem (const char *name,
              const char *labels)
{
  static const char *class_prefixes[] = { "Gtk", "Adw", "Studio" };

  if (*name == '\0')
    return "has no name";

  /* With neither a label nor a labelled-by relation, GTK 4.8 names an
   * accessible after its type: an icon button is "GtkImage" (its child),
   * a menu button "GtkMenuButton", a drop-down's button "GtkToggleButton".
   * (The "… button" a screen reader then says is the role, not the name.)
   */
  for (guint i = 0; i < G_N_ELEMENTS (class_prefixes); i++)
    {
      if (g_str_has_prefix (name, class_prefixes[i]) &&
          g_ascii_isupper (name[strlen (class_prefixes[i])]))
        return "is named after its GTK type";
    }
  if (g_str_has_suffix (name, "-symbolic"))
    return "is named after its icon";

  /* "_Retry": an underscore that starts a word is a mnemonic left in. */
  for (const char *p = name; (p = strchr (p, '_')) != NULL; p++)
    {
      if ((p == name || !g_ascii_isalnum (p[-1])) && g_ascii_isalnum (p[1]))
        return "keeps a mnemonic underscore";
    }

  if (labelled_twice (name, labels))
    return "is labelled twice";

  return NULL;
}

/* Runs a11y-dump on this process and returns its output, spinning the main
 * loop meanwhile so that GTK can answer its questions.
 */
static char *
read_tree (void)
{
  g_autofree char *dump = g_test_build_filename (G_TEST_BUILT, "a11y-dump", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, dump, pid, NULL);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (subprocess, NULL, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_subprocess_communicate_utf8_finish (subprocess, result, &output, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (subprocess))
    g_clear_pointer (&output, g_free);

  return output;
}

/* Reads the app's accessibility tree and fails the test for every control
 * without a name a screen reader can say. A control already reported while
 * an earlier state was shown is not reported again: GTK 4.8 exports the
 * pages that are not on screen too, so later states would repeat it.
 */
static void
check_names (const char *state)
{
  g_autofree char *output = read_tree ();
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_auto(GStrv) lines = NULL;
  guint n_controls = 0;

  if (output == NULL)
    {
      g_test_fail_printf ("%s: a11y-dump could not read the accessibility tree", state);
      return;
    }

  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *role = NULL;
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree char *labels = NULL;
      g_autofree char *where = NULL;
      const char *problem;
      char *line;

      if (*lines[i] == '\0')
        continue;

      fields = g_strsplit (lines[i], "\t", 5);
      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      role = g_strcompress (fields[0]);
      name = g_strcompress (fields[1]);
      description = g_strcompress (fields[2]);
      labels = g_strcompress (fields[3]);
      where = g_strcompress (fields[4]);
      n_controls++;

      if (g_test_verbose ())
        g_test_message ("%s: %s \"%s\" (description \"%s\") in %s",
                        state, role, name, description, where);

      if ((problem = name_problem (name, labels)) == NULL)
        continue;

      line = g_strdup_printf ("%s \"%s\" %s (description \"%s\"), in %s",
                              role, name, problem, description, where);
      if (g_hash_table_contains (reported, line))
        g_free (line);
      else if (g_hash_table_contains (problems, line))
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (problems, line));

          g_hash_table_insert (problems, line, GUINT_TO_POINTER (count + 1));
        }
      else
        {
          g_hash_table_insert (problems, line, GUINT_TO_POINTER (1));
          g_ptr_array_add (order, line);
        }
    }

  /* An empty tree would pass every check: make sure it was really read. */
  if (n_controls == 0)
    {
      g_test_fail_printf ("%s: a11y-dump found no controls at all", state);
      return;
    }

  if (order->len == 0)
    return;

  for (guint i = 0; i < order->len; i++)
    {
      const char *line = g_ptr_array_index (order, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (problems, line));

      /* On stderr, which meson test --print-errorlogs shows. */
      if (count > 1)
        g_printerr ("%s: %s (%u of them)\n", state, line, count);
      else
        g_printerr ("%s: %s\n", state, line);
      g_hash_table_add (reported, g_strdup (line));
    }
  g_test_fail_printf ("%s: %u of %u controls have no name a screen reader can say (listed on stderr)",
                      state, order->len, n_controls);
}

static void
check_workspace (const char *name)
{
  g_autofree char *what = g_strdup_printf ("the %s workspace to be ready", name);

  if (!ensure_app ())
    return;

  studio_window_set_workspace (fixture.window, name);
  if (!wait_until (pickers_ready, fixture.window, what))
    return;

  check_names (name);
}

static void
test_a11y_chat (void)
{
  check_workspace ("chat");
}

static void
test_a11y_images (void)
{
  check_workspace ("images");
}

static void
test_a11y_transcribe (void)
{
  check_workspace ("transcribe");
}

static void
test_a11y_speech (void)
{
  check_workspace ("speech");
}

/* A reply that failed offers its way out: Preferences and Retry. */
static void
test_a11y_chat_error (void)
{
  GtkWidget *composer;

  if (!ensure_app ())
    return;

  studio_window_set_workspace (fixture.window, "chat");
  if (!wait_until (pickers_ready, fixture.window, "the chat workspace to be ready"))
    return;

  composer = find_mapped (GTK_WIDGET (fixture.window), is_editable_text_view);
  g_assert_nonnull (composer);
  studio_fake_server_push (fixture.server, "/v1/chat/completions", 403, "application/json",
                           "{\"error\":{\"message\":\"Not allowed here\",\"type\":\"invalid_request_error\","
                           "\"param\":null,\"code\":null}}",
                           NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (composer)), "Hello", -1);
  g_assert_true (gtk_widget_activate_action (composer, "chat.send", NULL));

  if (!wait_until (chat_requested, fixture.server, "the prompt to be sent") ||
      !wait_until (retry_shown, fixture.window, "the failed reply to offer Retry"))
    return;

  check_names ("chat with a failed reply");
}

static void
test_a11y_preferences (void)
{
  GtkWindow *preferences;

  if (!ensure_app ())
    return;

  g_action_group_activate_action (G_ACTION_GROUP (fixture.app), "preferences", NULL);
  if (!wait_until (preferences_mapped, NULL, "Preferences to show"))
    return;

  check_names ("preferences");

  preferences = preferences_window ();
  gtk_window_close (preferences);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* A history of our own, never the user's. */
  studio_gui_use_private_dirs ("studio-a11y-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  /* Names are UTF-8 ("Edit…"): report them as they are, not as "?". */
  setlocale (LC_ALL, "C.UTF-8");
  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_add_func ("/studio/a11y/chat", test_a11y_chat);
  g_test_add_func ("/studio/a11y/images", test_a11y_images);
  g_test_add_func ("/studio/a11y/transcribe", test_a11y_transcribe);
  g_test_add_func ("/studio/a11y/speech", test_a11y_speech);
  g_test_add_func ("/studio/a11y/chat-error", test_a11y_chat_error);
  g_test_add_func ("/studio/a11y/preferences", test_a11y_preferences);

  status = g_test_run ();

  if (fixture.app != NULL)
    {
      quit_app (fixture.app);
      g_clear_object (&fixture.app);
      g_clear_pointer (&fixture.server, studio_fake_server_free);
    }

  g_hash_table_unref (reported);

  return status;
}
