/* bench-startup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cold start to the main window on screen, and idle memory two seconds
 * later, for OpenAI Studio and for a bare libadwaita window, run in turns.
 * "On screen" is the X server's MapNotify for the program's first top-level
 * window, so it needs an X display (build-aux/bench.sh gives it Xvfb).
 *
 * Usage: bench-startup APP BARE [RUNS]
 */

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <glib.h>

typedef struct
{
  double map_ms;
  double rss_mib;
} Sample;

static double
read_rss_mib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static gboolean
wait_for_map (Display *display,
              gint64   deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      XEvent event;

      while (XPending (display))
        {
          XNextEvent (display, &event);
          if (event.type == MapNotify)
            return TRUE;
        }
      g_usleep (200);
    }

  return FALSE;
}

static Sample
run_once (Display     *display,
          const char  *program,
          char       **envp)
{
  char *argv[] = { (char *) program, NULL };
  g_autoptr(GError) error = NULL;
  Sample sample = { -1, -1 };
  gint64 start;
  GPid pid;

  XSync (display, True);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error))
    g_error ("Cannot start %s: %s", program, error->message);

  if (wait_for_map (display, start + 20 * G_USEC_PER_SEC))
    sample.map_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Idle memory: two seconds after the start. */
  while (g_get_monotonic_time () < start + 2 * G_USEC_PER_SEC)
    g_usleep (10000);
  sample.rss_mib = read_rss_mib (pid);

  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);

  return sample;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GArray) app_map = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_map = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  const char *renderer;
  Display *display;
  int runs;

  if (argc < 3)
    {
      fprintf (stderr, "Usage: %s APP BARE [RUNS]\n", argv[0]);
      return 2;
    }
  runs = argc > 3 ? atoi (argv[3]) : 10;

  if (!(display = XOpenDisplay (NULL)))
    {
      fprintf (stderr, "bench-startup needs an X display\n");
      return 2;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  /* The app starts on its workspaces, with a key, against a server that is
   * not there: the model list fails at once and nothing waits on a network.
   */
  envp = g_environ_setenv (envp, "OPENAI_API_KEY", "sk-bench-not-a-key", TRUE);
  envp = g_environ_setenv (envp, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1", TRUE);
  renderer = g_environ_getenv (envp, "GSK_RENDERER");

  /* A first run of each, not counted, so that both find the same warm
   * caches; the bare window also says which renderer GTK picked.
   */
  {
    g_auto(GStrv) probe_env = g_environ_setenv (g_strdupv (envp), "BENCH_PRINT_RENDERER", "1", TRUE);

    fflush (stdout);
    run_once (display, argv[2], probe_env);
    run_once (display, argv[1], envp);
  }

  for (int i = 0; i < runs; i++)
    {
      Sample app = run_once (display, argv[1], envp);
      Sample bare = run_once (display, argv[2], envp);

      if (app.map_ms < 0 || bare.map_ms < 0)
        g_error ("A window never appeared");

      g_array_append_val (app_map, app.map_ms);
      g_array_append_val (app_rss, app.rss_mib);
      g_array_append_val (bare_map, bare.map_ms);
      g_array_append_val (bare_rss, bare.rss_mib);
      printf ("run %2d: app %.1f ms %.1f MiB, bare %.1f ms %.1f MiB\n",
              i + 1, app.map_ms, app.rss_mib, bare.map_ms, bare.rss_mib);
    }

  {
    double app_ms = median (app_map), bare_ms = median (bare_map);
    double app_mib = median (app_rss), bare_mib = median (bare_rss);

    printf ("GSK_RENDERER: %s\n", renderer ? renderer : "unset (GTK picks, see renderer above)");
    printf ("cold start to window mapped, median of %d: app %.1f ms, bare window %.1f ms, ratio %.2f\n",
            runs, app_ms, bare_ms, app_ms / bare_ms);
    printf ("RSS two seconds after start, median of %d: app %.1f MiB, bare window %.1f MiB, ratio %.2f\n",
            runs, app_mib, bare_mib, app_mib / bare_mib);
  }

  XCloseDisplay (display);
  return 0;
}
