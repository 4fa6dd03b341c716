/* bench-bare-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The yardstick for bench-startup: a libadwaita window with a header bar
 * and nothing else, started the same way as the app.
 */

#include <stdio.h>

#include <adwaita.h>

/* bench-startup asks once which GSK renderer GTK picked on this display. */
static void
realize_cb (GtkWidget *window)
{
  if (g_getenv ("BENCH_PRINT_RENDERER"))
    {
      printf ("renderer: %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
      fflush (stdout);
    }
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.example.OpenAIStudio.BenchBare",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
