/* a11y-dump.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints what a screen reader gets from one running application: every
 * control in its windows, read back through AT-SPI from the accessibility
 * bus, one line each:
 *
 *   role <TAB> name <TAB> description <TAB> labelled-by <TAB> where
 *
 * with each field escaped by g_strescape(). "labelled-by" joins the names
 * of the objects the control says it is labelled by, as GTK joins them
 * into the name after its own label. "where" gives the window, the
 * innermost of our own widgets around the control (GTK names an unnamed
 * widget after its type, so "StudioChatPage" shows in the tree) and the
 * nearest ancestor with a real name, so a report can say which control is
 * meant. With --all every object is printed, indented, controls or not.
 *
 * It is a process of its own because libatspi asks synchronously over
 * D-Bus: the application being read must keep running its main loop
 * meanwhile (tests/test-a11y.c starts it and spins).
 *
 * Usage: a11y-dump [--all] PID
 * Exit status: 0 on success, 1 when the application could not be read.
 */

#define G_LOG_DOMAIN "studio-a11y-dump"

#include "config.h"

#include <string.h>

#include <atspi/atspi.h>

/* libatspi 2.46 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

/* How long the application may take to appear on the bus: GTK registers
 * it when it first realizes an accessible, which nothing else signals.
 */
#define APPEAR_TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef struct
{
  const char *window;     /* the window's name */
  const char *component;  /* innermost "Studio…" widget, or "" */
  const char *nearest;    /* nearest ancestor with a real name, or "" */
  gboolean    in_combo;   /* inside a combo box */
  int         depth;
} Where;

static gboolean opt_all;
/* Calls that failed: a tree read only in part must not pass for whole. */
static guint n_errors;

/* GTK's fallback name for an unnamed widget is its type name. */
static gboolean
is_type_name (const char *name)
{
  static const char *prefixes[] = { "Gtk", "Adw", "Studio" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (name, prefixes[i]) && g_ascii_isupper (name[strlen (prefixes[i])]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_control (AtspiRole      role,
            AtspiStateSet *states,
            const Where   *where)
{
  switch ((int) role)
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_PUSH_BUTTON_MENU:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_SPIN_BUTTON:
    case ATSPI_ROLE_SLIDER:
    case ATSPI_ROLE_LINK:
    case ATSPI_ROLE_PAGE_TAB:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_PASSWORD_TEXT:
      return TRUE;

    /* Text is a control only where one can type: labels and read-only
     * views are read as content.
     */
    case ATSPI_ROLE_TEXT:
      return atspi_state_set_contains (states, ATSPI_STATE_EDITABLE);

    /* GTK 4.8 gives rows no action to tell an activatable one, so every
     * row that takes focus counts. The item a combo box shows its value
     * with is part of the combo box, which has the name.
     */
    case ATSPI_ROLE_LIST_ITEM:
    case ATSPI_ROLE_TABLE_CELL:
    case ATSPI_ROLE_TREE_ITEM:
      return atspi_state_set_contains (states, ATSPI_STATE_FOCUSABLE) && !where->in_combo;

    default:
      return FALSE;
    }
}

static char *
escaped_name (AtspiAccessible *object)
{
  g_autofree char *name = atspi_accessible_get_name (object, NULL);

  return g_strescape (name ? name : "", NULL);
}

/* The names of what @object is labelled by, joined with spaces. */
static char *
labelled_by (AtspiAccessible *object)
{
  g_autoptr(GArray) relations = atspi_accessible_get_relation_set (object, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; relations != NULL && i < relations->len; i++)
    {
      AtspiRelation *relation = g_array_index (relations, AtspiRelation *, i);

      if (atspi_relation_get_relation_type (relation) == ATSPI_RELATION_LABELLED_BY)
        {
          for (int j = 0; j < atspi_relation_get_n_targets (relation); j++)
            {
              g_autoptr(AtspiAccessible) target = atspi_relation_get_target (relation, j);
              g_autofree char *name = target ? atspi_accessible_get_name (target, NULL) : NULL;

              if (name != NULL && *name != '\0')
                g_string_append_printf (names, "%s%s", names->len ? " " : "", name);
            }
        }
      g_object_unref (relation);
    }

  return g_strescape (names->str, NULL);
}

static void
dump (AtspiAccessible *object,
      const Where     *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (object);
  g_autofree char *name = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *nearest = NULL;
  Where inner = *where;
  AtspiRole role;
  int n_children;

  /* GTK 4.8 never sets SHOWING below a window, and exports the widgets of
   * stack pages that are not on screen: what it exports, it may present.
   * Hidden widgets are left out, and so are their children.
   */
  if (!atspi_state_set_contains (states, ATSPI_STATE_VISIBLE))
    return;

  role = atspi_accessible_get_role (object, &error);
  if (error != NULL)
    {
      g_printerr ("a11y-dump: could not read a role: %s\n", error->message);
      n_errors++;
      return;
    }

  name = escaped_name (object);
  role_name = atspi_role_get_name (role);

  if (opt_all)
    g_print ("%*s%s \"%s\"\n", 2 * where->depth, "", role_name, name);
  else if (is_control (role, states, where))
    {
      g_autofree char *description = atspi_accessible_get_description (object, NULL);
      g_autofree char *description_escaped = g_strescape (description ? description : "", NULL);
      g_autofree char *labels = labelled_by (object);

      g_print ("%s\t%s\t%s\t%s\t\"%s\"%s%s%s%s\n", role_name, name, description_escaped, labels,
               where->window,
               *where->component ? " > " : "", where->component,
               *where->nearest ? " > " : "", where->nearest);
    }

  if (g_str_has_prefix (name, "Studio") && is_type_name (name))
    inner.component = name;
  else if (*name != '\0' && !is_type_name (name) && where->depth > 0)
    inner.nearest = nearest = g_strdup_printf ("%s \"%s\"", role_name, name);
  if (role == ATSPI_ROLE_COMBO_BOX)
    inner.in_combo = TRUE;
  inner.depth++;

  n_children = atspi_accessible_get_child_count (object, &error);
  if (error != NULL)
    {
      g_printerr ("a11y-dump: could not count the children of %s \"%s\": %s\n",
                  role_name, name, error->message);
      n_errors++;
      return;
    }
  for (int i = 0; i < n_children; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (object, i, NULL);

      if (child != NULL)
        dump (child, &inner);
    }
}

static AtspiAccessible *
find_application (guint pid)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int n_apps = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n_apps; i++)
    {
      g_autoptr(AtspiAccessible) app = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (app != NULL && atspi_accessible_get_process_id (app, NULL) == pid)
        return g_steal_pointer (&app);
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AtspiAccessible) app = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &opt_all, "Print every object, as a tree", NULL },
    { NULL }
  };
  gint64 deadline;
  guint64 pid;
  int n_windows;

  context = g_option_context_new ("PID");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &pid, NULL))
    {
      g_printerr ("usage: a11y-dump [--all] PID\n");
      return 2;
    }

  if (atspi_init () < 0)
    {
      g_printerr ("a11y-dump: could not reach the accessibility bus\n");
      return 1;
    }

  /* GTK answers from its main loop, which is slow under a sanitizer or
   * valgrind: wait for each answer longer than libatspi's default.
   */
  atspi_set_timeout (60 * 1000, 60 * 1000);

  /* The registry lists the application once GTK has registered it. */
  deadline = g_get_monotonic_time () + APPEAR_TIMEOUT_US;
  while ((app = find_application (pid)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("a11y-dump: process %" G_GUINT64_FORMAT
                      " is not on the accessibility bus\n", pid);
          return 1;
        }
      g_usleep (50 * 1000);
    }

  n_windows = atspi_accessible_get_child_count (app, &error);
  if (error != NULL)
    {
      g_printerr ("a11y-dump: could not read the application: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < n_windows; i++)
    {
      g_autoptr(AtspiAccessible) window = atspi_accessible_get_child_at_index (app, i, NULL);
      g_autofree char *title = NULL;
      Where where = { NULL, "", "", FALSE, 0 };

      if (window == NULL)
        continue;
      title = escaped_name (window);
      where.window = title;
      dump (window, &where);
    }

  /* atspi_exit() returns a count of leaked objects, not an error. */
  atspi_exit ();

  return n_errors == 0 ? 0 : 1;
}
