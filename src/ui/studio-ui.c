/* studio-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-ui"

#include "config.h"

#include <glib/gi18n.h>
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

/* One undo toast's callbacks, shared by its two signals' handlers. */
typedef struct
{
  StudioUndoFunc  undo;
  StudioUndoFunc  finish;
  gpointer        user_data;
  GDestroyNotify  destroy;
  gboolean        undone;
} UndoToast;

static UndoToast *
undo_toast_ref (UndoToast *undo_toast)
{
  return g_rc_box_acquire (undo_toast);
}

static void
undo_toast_clear (UndoToast *undo_toast)
{
  if (undo_toast->destroy != NULL)
    undo_toast->destroy (undo_toast->user_data);
}

static void
undo_toast_unref (UndoToast *undo_toast)
{
  g_rc_box_release_full (undo_toast, (GDestroyNotify) undo_toast_clear);
}

static void
undo_toast_button_clicked_cb (AdwToast  *toast,
                              UndoToast *undo_toast)
{
  undo_toast->undone = TRUE;
  undo_toast->undo (undo_toast->user_data);
}

/* Also after Undo: the toast goes either way. */
static void
undo_toast_dismissed_cb (AdwToast  *toast,
                         UndoToast *undo_toast)
{
  if (!undo_toast->undone)
    undo_toast->finish (undo_toast->user_data);
}

/**
 * studio_ui_add_undo_toast:
 * @widget: (nullable): a widget inside a toast overlay
 * @title: plain text to show
 * @undo: called with @user_data when the toast's Undo button is clicked
 * @finish: called with @user_data when the toast goes without Undo,
 *   also when its window closed first
 * @user_data: data for @undo, @finish and @destroy
 * @destroy: (nullable): frees @user_data once the toast is done with it
 *
 * Shows @title with an Undo button in the nearest toast overlay around
 * @widget. With no overlay (or no @widget) there is nowhere to offer Undo,
 * so @finish is called at once. Either way, exactly one of @undo and
 * @finish is called, then @destroy once.
 */
void
studio_ui_add_undo_toast (GtkWidget      *widget,
                          const char     *title,
                          StudioUndoFunc  undo,
                          StudioUndoFunc  finish,
                          gpointer        user_data,
                          GDestroyNotify  destroy)
{
  g_autoptr(AdwToast) toast = NULL;
  GtkWidget *overlay = NULL;
  UndoToast *undo_toast;

  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);
  g_return_if_fail (undo != NULL);
  g_return_if_fail (finish != NULL);

  if (widget != NULL)
    overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      /* Nowhere to offer Undo: done at once. */
      finish (user_data);
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  undo_toast = g_rc_box_new0 (UndoToast);
  undo_toast->undo = undo;
  undo_toast->finish = finish;
  undo_toast->user_data = user_data;
  undo_toast->destroy = destroy;

  toast = studio_ui_toast_new (title);
  /* The toast's button would say its raw label, underscore and all. */
  adw_toast_set_button_label (toast, _("Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_toast_button_clicked_cb),
                         undo_toast_ref (undo_toast),
                         (GClosureNotify) (void (*) (void)) undo_toast_unref, 0);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb),
                         undo_toast,
                         (GClosureNotify) (void (*) (void)) undo_toast_unref, 0);

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
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
