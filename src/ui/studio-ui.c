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
  gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                              "Adwaita");

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

/**
 * studio_ui_toast_new:
 * @text: plain text: a file name, a server's words
 *
 * Toast titles are Pango markup; what we show in them is not, so every
 * toast is made here, escaped.
 *
 * Returns: (transfer full): a toast showing @text
 */
AdwToast *
studio_ui_toast_new (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

/**
 * studio_ui_add_toast:
 * @widget: a widget inside a toast overlay
 * @text: plain text to show
 *
 * Shows @text in the nearest toast overlay around @widget, or logs it
 * when there is none (a page not in a window yet).
 */
void
studio_ui_add_toast (GtkWidget  *widget,
                     const char *text)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), studio_ui_toast_new (text));
  else
    g_message ("%s", text);
}

/**
 * studio_ui_name_mnemonic_buttons:
 * @widget: a widget, such as a message dialog
 *
 * GTK 4.8 puts a button's raw label, underscore and all, in its label
 * property and says it before the child label that a mnemonic names the
 * button by; libadwaita 1.2 makes a message dialog's responses that way,
 * so a screen reader says "_Cancel Cancel". The child labels of the
 * buttons below @widget alone name them after this.
 */
void
studio_ui_name_mnemonic_buttons (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    studio_ui_name_mnemonic_buttons (child);
}
