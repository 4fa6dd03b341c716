/* studio-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-ui"

#include "config.h"

#include <gtksourceview/gtksource.h>

#include "studio-ui-resources.h"
#include "studio-ui.h"
#include "studio-utils.h"

static gboolean
studio_ui_warm_up_cb (gpointer data)
{
  gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (), "c");
  gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (), "Adwaita");

  return G_SOURCE_REMOVE;
}

/**
 * studio_ui_init:
 *
 * Makes the widgets usable: registers the templates, styles and icons in
 * our resources (a static library loses their automatic registration) and
 * sets up GtkSourceView. The application calls it; so do tests and
 * benchmarks that use widgets without it. Safe to call more than once.
 */
void
studio_ui_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      studio_core_ensure_resources ();
      studio_ui_register_resource ();
      gtk_source_init ();
      /* The first code block would otherwise pay for reading every language
       * definition, in the middle of a streaming reply.
       */
      g_idle_add_full (G_PRIORITY_LOW, studio_ui_warm_up_cb, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
