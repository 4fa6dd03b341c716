/* bench-stream.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streams a 10,000-token Markdown reply (paragraphs, code blocks, tables)
 * at 2,000 tokens a second from a server on 127.0.0.1, through the real
 * client, chat stream and message row, and reports the longest stall of
 * the main loop and the CPU time the main thread used. The server runs in
 * a thread of its own so that its work is not counted. Needs a display.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>

#include "studio-chat-stream.h"
#include "studio-message-row.h"
#include "studio-markdown-view.h"
#include "studio-ui.h"

#define TOKENS          10000
#define TOKENS_PER_SEC  2000
#define TICK_MS         5
#define CHUNK_TOKENS    (TOKENS_PER_SEC * TICK_MS / 1000)

typedef struct
{
  GPtrArray         *chunks;
  guint              next;
  SoupServerMessage *message;
} Streaming;

static GPtrArray *
make_chunks (void)
{
  static const char *pieces[] = {
    "Here ", "is ", "a ", "**careful** ", "answer ", "with ", "`inline` ", "code, ", "a ", "[link](https://example.org) ",
    "and ", "more ", "words ", "that ", "keep ", "coming.", "\n\n",
    "```c\n", "static ", "int\n", "add ", "(int a, ", "int b)\n", "{\n", "  return ", "a + b;\n", "}\n", "```\n\n",
    "| Name ", "| Value |\n", "|---", "|---|\n", "| alpha ", "| 1 |\n", "| beta ", "| 2 |\n\n",
    "- item ", "one\n", "- item ", "two\n\n",
  };
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  guint piece = 0;

  for (guint token = 0; token < TOKENS; token += CHUNK_TOKENS)
    {
      g_autoptr(GString) content = g_string_new (NULL);
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *quoted = NULL;

      for (guint i = 0; i < CHUNK_TOKENS; i++)
        g_string_append (content, pieces[piece++ % G_N_ELEMENTS (pieces)]);

      json_node_set_string (node, content->str);
      quoted = json_to_string (node, FALSE);
      g_ptr_array_add (chunks, g_strdup_printf ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%s}}]}\n\n",
                                                quoted));
    }
  g_ptr_array_add (chunks, g_strdup ("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));

  return chunks;
}

static gboolean
send_next_cb (gpointer user_data)
{
  Streaming *streaming = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (streaming->message);

  if (streaming->next < streaming->chunks->len)
    {
      const char *chunk = g_ptr_array_index (streaming->chunks, streaming->next++);

      soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
      soup_server_message_unpause (streaming->message);
      return G_SOURCE_CONTINUE;
    }

  soup_message_body_complete (body);
  soup_server_message_unpause (streaming->message);
  g_object_unref (streaming->message);
  g_free (streaming);
  return G_SOURCE_REMOVE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Streaming *streaming = g_new0 (Streaming, 1);

  streaming->chunks = user_data;
  streaming->message = g_object_ref (message);
  soup_server_message_set_status (message, 200, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (message), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (message), "text/event-stream", NULL);
  soup_server_message_pause (message);

  /* On the server thread's own context, not the main one. */
  {
    g_autoptr(GSource) source = g_timeout_source_new (TICK_MS);

    g_source_set_callback (source, send_next_cb, streaming, NULL);
    g_source_attach (source, g_main_context_get_thread_default ());
  }
}

static guint port;

static gpointer
server_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler_cb, data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL);
  uris = soup_server_get_uris (server);
  g_atomic_int_set (&port, g_uri_get_port (uris->data));

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

static gint64 last_tick;
static gint64 start_time;
static GArray *gaps;

/* A 1 ms timer: the time between two of its runs is how long the main loop
 * could not run anything else.
 */
static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    {
      double gap = (now - last_tick) / 1000.0;

      g_array_append_val (gaps, gap);
      /* For matching stalls with `perf record -k CLOCK_MONOTONIC`. */
      if (gap > 16.0 && g_getenv ("BENCH_VERBOSE"))
        fprintf (stderr, "stall of %.1f ms at %.2f s (monotonic %.6f)\n", gap, (now - start_time) / 1e6, last_tick / 1e6);
    }
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

/* The row's Markdown view, whose count of rendered chunks tells when
 * rendering has caught up with the stream.
 */
static GtkWidget *
find_view (GtkWidget *widget)
{
  if (STUDIO_IS_MARKDOWN_VIEW (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  studio_chat_stream_run_finish (STUDIO_CHAT_STREAM (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* Time the hypervisor gave our virtual CPUs to others, in clock ticks: on
 * a shared machine it shows up as stalls that are no one's code.
 */
static guint64
stolen_ticks (guint64 *all)
{
  g_autofree char *stat = NULL;
  guint64 fields[8] = { 0 };

  *all = 0;
  if (!g_file_get_contents ("/proc/stat", &stat, NULL, NULL) ||
      sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                    " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &fields[0], &fields[1], &fields[2], &fields[3], &fields[4], &fields[5], &fields[6], &fields[7]) != 8)
    return 0;

  for (guint i = 0; i < 8; i++)
    *all += fields[i];

  return fields[7];
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Streams one reply into a new message row in @scroller and prints what
 * it cost.
 */
static void
stream_reply (StudioClient *client,
              GtkWidget    *scroller,
              const char   *name)
{
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", "");
  g_autoptr(StudioChatStream) stream = studio_chat_stream_new (client, reply);
  g_autoptr(StudioRequest) request = studio_request_new ("POST", "chat/completions");
  g_autoptr(GListStore) conversation = g_list_store_new (STUDIO_TYPE_MESSAGE);
  GtkWidget *row = studio_message_row_new ();
  gboolean done = FALSE;
  double cpu_start, wall_start;
  guint64 steal_start, all_start, steal_end, all_end;
  guint probe;

  g_list_store_append (conversation, reply);
  studio_message_row_set_message (STUDIO_MESSAGE_ROW (row), reply, G_LIST_MODEL (conversation));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), row);
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5; g_get_monotonic_time () < end; )
    g_main_context_iteration (NULL, FALSE);

  studio_request_set_json_body (request, json_from_string ("{\"model\":\"bench\",\"stream\":true}", NULL));

  g_clear_pointer (&gaps, g_array_unref);
  gaps = g_array_new (FALSE, FALSE, sizeof (double));
  last_tick = 0;
  probe = g_timeout_add (1, probe_cb, NULL);
  cpu_start = thread_cpu_seconds ();
  steal_start = stolen_ticks (&all_start);
  start_time = g_get_monotonic_time ();
  wall_start = g_get_monotonic_time () / 1e6;
  studio_chat_stream_run_async (stream, request, NULL, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* Rendering may trail the stream by a few frames: wait until the whole
   * reply is shown (no chunk rendered for 100 ms).
   */
  {
    GtkWidget *view = find_view (row);
    gint64 stream_end = g_get_monotonic_time ();
    gint64 last_change = stream_end;
    guint rendered = studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (view));

    while (g_get_monotonic_time () - last_change < 100000)
      {
        g_main_context_iteration (NULL, FALSE);
        if (studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (view)) != rendered)
          {
            rendered = studio_markdown_view_get_n_rendered (STUDIO_MARKDOWN_VIEW (view));
            last_change = g_get_monotonic_time ();
          }
      }
    g_source_remove (probe);
    printf ("%s: the whole reply was shown %.0f ms after its last token arrived\n",
            name, (last_change - stream_end) / 1000.0);
  }

  printf ("%s: streamed %zu characters, %d tokens at %d tokens/s in %.2f s\n",
          name, strlen (studio_message_get_content (reply)), TOKENS, TOKENS_PER_SEC,
          g_get_monotonic_time () / 1e6 - wall_start);
  g_array_sort (gaps, compare_doubles);
  {
    guint over = 0;

    for (guint i = 0; i < gaps->len; i++)
      over += g_array_index (gaps, double, i) > 16.0;
    printf ("%s: main-loop stalls: median %.1f ms, 99th percentile %.1f ms, longest %.1f ms, %u over 16 ms\n",
            name,
            g_array_index (gaps, double, gaps->len / 2),
            g_array_index (gaps, double, gaps->len * 99 / 100),
            g_array_index (gaps, double, gaps->len - 1), over);
  }
  printf ("%s: main-thread CPU time %.2f s", name, thread_cpu_seconds () - cpu_start);
  steal_end = stolen_ticks (&all_end);
  if (all_end > all_start)
    printf (", CPU time taken by the host (steal) %.1f %%", 100.0 * (steal_end - steal_start) / (all_end - all_start));
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) chunks = make_chunks ();
  g_autoptr(StudioClient) client = studio_client_new ();
  g_autofree char *base_url = NULL;
  GtkWidget *window, *scroller;

  gtk_init ();
  adw_init ();
  studio_ui_init ();
  g_thread_new ("server", server_thread, chunks);
  while (g_atomic_int_get (&port) == 0)
    g_usleep (1000);

  base_url = g_strdup_printf ("http://127.0.0.1:%u/v1", port);
  studio_client_set_base_url (client, base_url);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  scroller = gtk_scrolled_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));

  /* As the chat page does when the user starts typing the question. */
  studio_markdown_view_warm_up ();
  for (gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < end; )
    g_main_context_iteration (NULL, FALSE);

  /* The first reply a window shows also pays for drawing things it had
   * not drawn before (with software GL, compiling their shaders).
   */
  stream_reply (client, scroller, "first reply");
  stream_reply (client, scroller, "next reply");

  return 0;
}
