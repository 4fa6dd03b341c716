/* bench-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Full-text search over 100,000 stored messages, and opening a stored
 * conversation of 10,000 messages: load plus the message list's first frame,
 * and the memory that adds. Needs a display (build-aux/bench.sh gives it
 * Xvfb).
 *
 * To see where opening time goes: BENCH_QUICK=1 stores only the 40,000
 * messages opened, BENCH_NO_CODE=1 leaves out the code block in each
 * message, BENCH_EMPTY=1 stores empty messages (the row alone).
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "studio-history.h"
#include "studio-message-row.h"
#include "studio-ui.h"

static const char *words[] = {
  "risotto", "kernel", "gradient", "harbour", "violin", "quantum", "tulip", "saffron", "lattice",
  "compiler", "meadow", "orbit", "pepper", "sonnet", "glacier", "ferment", "wombat", "cipher",
};

static char *
make_text (guint i)
{
  GString *text = g_string_new (NULL);

  if (g_getenv ("BENCH_EMPTY"))
    return g_string_free (text, FALSE);

  for (guint w = 0; w < 40; w++)
    g_string_append_printf (text, "%s%s", w ? " " : "", words[(i * 7 + w * 13) % G_N_ELEMENTS (words)]);
  g_string_append_printf (text, " message%u.", i);
  if (g_getenv ("BENCH_NO_CODE") == NULL)
    g_string_append_printf (text, "\n\n```c\nint x = %u;\n```\n", i);

  return g_string_free (text, FALSE);
}

static double
rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "VmRSS:")))
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static gint64
fill (StudioHistory *history,
      guint          n_messages,
      guint          per_conversation)
{
  g_autoptr(StudioConversation) conversation = NULL;
  g_autoptr(JsonNode) extra = json_from_string ("{\"model\":\"gpt-4o\",\"finish_reason\":\"stop\","
                                                "\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":90}}", NULL);
  gint64 last_id = 0;

  for (guint i = 0; i < n_messages; i++)
    {
      g_autoptr(StudioMessage) message = NULL;
      g_autofree char *text = make_text (i);

      if (i % per_conversation == 0)
        {
          if (conversation != NULL)
            g_assert_true (studio_history_save_conversation (history, conversation, NULL));
          g_clear_object (&conversation);
          conversation = studio_conversation_new ();
          studio_conversation_set_title (conversation, "Bench");
          g_assert_true (studio_history_save_conversation (history, conversation, NULL));
          last_id = studio_conversation_get_id (conversation);
        }

      message = studio_message_new (i % 2 ? "assistant" : "user", text);
      /* Replies carry what the API reported, as the chat page stores it. */
      if (i % 2)
        studio_message_set_extra (message, json_node_get_object (extra));
      g_assert_true (studio_history_save_message (history, last_id, message, NULL));
    }

  return last_id;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, studio_message_row_new ());
}

static guint n_bound;

static GListStore *store;

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  n_bound++;
  studio_message_row_set_message (STUDIO_MESSAGE_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item), G_LIST_MODEL (store));
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock)
{
  painted = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("studio-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(StudioHistory) history = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;
  GtkWidget *window, *scroller, *list;
  double worst = 0, total = 0, before;
  gint64 start, conversation_id;
  const guint n_searches = 20;

  gtk_init ();
  adw_init ();
  studio_ui_init ();
  history = studio_history_new (path, NULL);

  /* 100,000 messages: 9 conversations of 10,000 and the one we open. */
  start = g_get_monotonic_time ();
  conversation_id = fill (history, g_getenv ("BENCH_QUICK") ? 40000 : 100000, 10000);
  printf ("filled 100,000 messages in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  for (guint i = 0; i < n_searches; i++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      start = g_get_monotonic_time ();
      hits = studio_history_search (history, words[i % G_N_ELEMENTS (words)], 50, NULL);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      worst = MAX (worst, ms);
      total += ms;
      g_assert_cmpuint (hits->len, <=, 50);
    }
  printf ("full-text search over 100,000 messages (50 hits): mean %.2f ms, worst %.2f ms\n",
          total / n_searches, worst);

  {
    g_autoptr(GPtrArray) hits = NULL;

    start = g_get_monotonic_time ();
    hits = studio_history_search (history, "message99999", 50, NULL);
    printf ("search for one rare word: %.2f ms, %u hit\n", (g_get_monotonic_time () - start) / 1000.0, hits->len);
  }

  /* Open the last conversation of 10,000 messages as the chat page does,
   * then three others: the first opens also pay for what GTK sets up on
   * first use (icon theme, the code language, and with software GL the
   * shaders it compiles for each new kind of drawing); the last ones show
   * what opening costs once the window has drawn such things.
   */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  list = gtk_list_view_new (NULL, factory);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GPtrArray) latest = NULL;
      g_autoptr(GPtrArray) earlier = NULL;
      g_autoptr(GListStore) shown = g_list_store_new (STUDIO_TYPE_MESSAGE);
      gint64 id = conversation_id - round;
      double paint_ms;
      guint count;

      before = rss_mib ();
      n_bound = 0;
      start = g_get_monotonic_time ();
      if (g_getenv ("BENCH_VERBOSE"))
        fprintf (stderr, "open starts at monotonic %.6f\n", start / 1e6);

      /* The latest messages first... */
      latest = studio_history_load_messages_before (history, id, 0, 40, NULL, NULL);
      g_clear_object (&store);
      store = g_list_store_new (STUDIO_TYPE_MESSAGE);
      g_list_store_splice (store, 0, 0, latest->pdata, latest->len);
      count = MIN (20, studio_message_row_count_to_fill (G_LIST_MODEL (store),
                                                         gtk_widget_get_width (scroller),
                                                         gtk_widget_get_height (scroller)));
      g_list_store_splice (shown, 0, 0, latest->pdata + latest->len - count, count);
      g_clear_object (&selection);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (shown)));
      gtk_list_view_set_model (GTK_LIST_VIEW (list), GTK_SELECTION_MODEL (selection));

      painted = FALSE;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      paint_ms = (g_get_monotonic_time () - start) / 1000.0;

      /* ...then the rest, in a worker thread in the app. */
      start = g_get_monotonic_time ();
      earlier = studio_history_load_messages_before (history, id,
                                                     studio_message_get_id (g_ptr_array_index (latest, 0)), 0,
                                                     NULL, NULL);
      g_list_store_splice (store, 0, 0, earlier->pdata, earlier->len);

      printf ("open a conversation of %u messages (%s): %.1f ms to first paint (%u rows), "
              "the rest loaded in %.1f ms after, %.1f MiB more memory\n",
              g_list_model_get_n_items (G_LIST_MODEL (store)), round == 0 ? "first open" : "again",
              paint_ms, n_bound, (g_get_monotonic_time () - start) / 1000.0, rss_mib () - before);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&history);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }

  return 0;
}
