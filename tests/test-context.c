/* test-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's services without a window: a context started against the fake
 * server, and chat replies streamed, saved to a real SQLite file and
 * stopped with no page in sight.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "studio-context.h"
#include "studio-fake-server.h"
#include "studio-paths.h"

typedef struct
{
  StudioFakeServer *server;
  GSettings        *settings;
  char             *dir;
  char             *history_path;
  StudioContext    *context;
} Fixture;

static gboolean
catalog_loaded (StudioModelCatalog *catalog)
{
  return studio_model_catalog_get_loaded (catalog);
}

static void
wait_for (gboolean (*check) (gpointer),
          gpointer   data)
{
  while (!check (data))
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  g_setenv ("OPENAI_API_KEY", "sk-test-context-0000", TRUE);

  fixture->dir = g_dir_make_tmp ("studio-context-XXXXXX", NULL);
  fixture->history_path = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->settings = g_settings_new (APP_ID);
  fixture->context = studio_context_new (fixture->settings, fixture->history_path);
  g_assert_null (studio_context_take_history_error (fixture->context));

  studio_context_start (fixture->context);
  wait_for ((gpointer) catalog_loaded, studio_context_get_catalog (fixture->context));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  studio_context_shutdown (fixture->context);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->settings);
  studio_fake_server_free (fixture->server);
  g_unlink (fixture->history_path);
  g_rmdir (fixture->dir);
  g_free (fixture->history_path);
  g_free (fixture->dir);
  g_unsetenv ("OPENAI_BASE_URL");
  g_unsetenv ("OPENAI_API_KEY");
}

/* A saved conversation with one question, and its messages. */
static StudioConversation *
ask (Fixture     *fixture,
     const char  *question,
     GListStore **messages)
{
  StudioHistory *history = studio_context_get_history (fixture->context);
  StudioConversation *conversation = studio_conversation_new ();
  g_autoptr(StudioMessage) message = studio_message_new ("user", question);

  studio_conversation_set_title (conversation, question);
  g_assert_true (studio_history_save_conversation (history, conversation, NULL));
  g_assert_true (studio_history_save_message (history, studio_conversation_get_id (conversation),
                                              message, NULL));
  *messages = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_list_store_append (*messages, message);

  return conversation;
}

static StudioMessage *
load_reply (Fixture            *fixture,
            StudioConversation *conversation)
{
  g_autoptr(GPtrArray) stored = NULL;

  stored = studio_history_load_messages (studio_context_get_history (fixture->context),
                                         studio_conversation_get_id (conversation), NULL);
  g_assert_cmpuint (stored->len, ==, 2);

  return g_object_ref (g_ptr_array_index (stored, 1));
}

static gboolean
run_finished (gpointer run)
{
  return studio_chat_run_get_finished (run);
}

static StudioModel *
model (Fixture    *fixture,
       const char *id)
{
  StudioModel *found = studio_model_catalog_lookup (studio_context_get_catalog (fixture->context), id);

  g_assert_nonnull (found);
  return found;
}

static void
test_context_reply (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\", world\"},\"finish_reason\":\"stop\"}]}\n\n",
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}\n\n",
    "data: [DONE]\n\n",
    NULL
  };
  g_autoptr(StudioConversation) conversation = NULL;
  g_autoptr(GListStore) messages = NULL;
  g_autoptr(StudioMessage) saved = NULL;
  g_autoptr(StudioChatRun) run = NULL;
  g_autoptr(GError) error = NULL;
  StudioMessage *reply;
  gint64 in = 0, out = 0;

  conversation = ask (fixture, "Say hello", &messages);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, FALSE);

  run = studio_context_start_chat_run (fixture->context, conversation, messages,
                                       model (fixture, "gpt-4o"), &error);
  g_assert_no_error (error);
  g_object_ref (run);
  g_assert_true (studio_context_lookup_chat_run (fixture->context,
                                                 studio_conversation_get_id (conversation)) == run);

  /* One reply at a time in a conversation. */
  g_assert_null (studio_context_start_chat_run (fixture->context, conversation, messages,
                                                model (fixture, "gpt-4o"), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 2);

  reply = studio_chat_run_get_reply (run);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (messages), 1) == (gpointer) reply);
  g_object_unref (reply);
  wait_for (run_finished, run);

  g_assert_null (studio_chat_run_get_error (run));
  g_assert_null (studio_context_lookup_chat_run (fixture->context,
                                                 studio_conversation_get_id (conversation)));
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_COMPLETE);

  saved = load_reply (fixture, conversation);
  g_assert_cmpstr (studio_message_get_content (saved), ==, "Hello, world");
  g_assert_cmpint (studio_message_get_state (saved), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_true (studio_message_get_usage (saved, &in, &out));
  g_assert_cmpint (in, ==, 3);
  g_assert_cmpint (out, ==, 4);
  g_assert_cmpstr (studio_message_get_model (saved), ==, "gpt-4o-2024-08-06");

  g_clear_object (&messages);
  g_assert_finalize_object (g_steal_pointer (&run));
}

static gboolean
saved_has_text (gpointer data)
{
  gpointer *args = data;
  Fixture *fixture = args[0];
  g_autoptr(StudioMessage) saved = load_reply (fixture, args[1]);

  return *studio_message_get_content (saved) != '\0';
}

/* While a reply streams it is saved within a second, so a crash loses at
 * most that; stopping saves it as stopped at once, before the request has
 * even ended, so quitting right after loses nothing.
 */
static void
test_context_stop (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A long story\"}}]}\n\n",
    NULL
  };
  g_autoptr(StudioConversation) conversation = NULL;
  g_autoptr(GListStore) messages = NULL;
  g_autoptr(StudioMessage) saved = NULL;
  g_autoptr(StudioChatRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gpointer args[2];

  conversation = ask (fixture, "Tell me a story", &messages);
  studio_fake_server_push_stream (fixture->server, "/v1/chat/completions", chunks, 5, TRUE);
  run = g_object_ref (studio_context_start_chat_run (fixture->context, conversation, messages,
                                                     model (fixture, "gpt-4o"), &error));
  g_assert_no_error (error);

  saved = load_reply (fixture, conversation);
  g_assert_cmpint (studio_message_get_state (saved), ==, STUDIO_MESSAGE_STATE_STREAMING);
  g_clear_object (&saved);

  args[0] = fixture;
  args[1] = conversation;
  wait_for (saved_has_text, args);
  g_assert_false (studio_chat_run_get_finished (run));

  /* No page is needed to stop it: the context stops every reply. */
  studio_context_stop_chat_runs (fixture->context);
  saved = load_reply (fixture, conversation);
  g_assert_cmpint (studio_message_get_state (saved), ==, STUDIO_MESSAGE_STATE_STOPPED);
  g_assert_cmpstr (studio_message_get_content (saved), ==, "A long story");
  g_clear_object (&saved);

  wait_for (run_finished, run);
  g_assert_true (studio_api_error_is_cancelled (studio_chat_run_get_error (run)));
  saved = load_reply (fixture, conversation);
  g_assert_cmpint (studio_message_get_state (saved), ==, STUDIO_MESSAGE_STATE_STOPPED);

  g_clear_object (&messages);
  g_assert_finalize_object (g_steal_pointer (&run));
}

/* A connection that closes mid-reply keeps the text, marked interrupted
 * with the reason, and stays so after a restart.
 */
static void
test_context_dropped (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *chunks[] = {
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half a \"}}]}\n\n",
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"sentence\"}}]}\n\n",
    NULL
  };
  g_autoptr(StudioConversation) conversation = NULL;
  g_autoptr(GListStore) messages = NULL;
  g_autoptr(StudioMessage) saved = NULL;
  g_autoptr(StudioChatRun) run = NULL;
  g_autoptr(GError) error = NULL;

  conversation = ask (fixture, "Go on", &messages);
  studio_fake_server_push_stream_full (fixture->server, "/v1/chat/completions", chunks, 5,
                                       STUDIO_FAKE_STREAM_CLOSE);
  run = g_object_ref (studio_context_start_chat_run (fixture->context, conversation, messages,
                                                     model (fixture, "gpt-4o"), &error));
  g_assert_no_error (error);
  wait_for (run_finished, run);

  g_assert_nonnull (studio_chat_run_get_error (run));
  saved = load_reply (fixture, conversation);
  g_assert_cmpstr (studio_message_get_content (saved), ==, "Half a sentence");
  g_assert_cmpint (studio_message_get_state (saved), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);
  g_assert_nonnull (studio_message_get_error_message (saved));

  g_clear_object (&messages);
  g_assert_finalize_object (g_steal_pointer (&run));
}

/* A request that cannot be made starts nothing and appends nothing. */
static void
test_context_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GListStore) messages = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_autoptr(StudioMessage) image = studio_message_new ("user", "What is this?");
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;

  studio_message_add_attachment (image, studio_attachment_new_image ("a.png", "image/png", bytes,
                                                                     "auto"));
  g_assert_true (studio_history_save_conversation (studio_context_get_history (fixture->context),
                                                   conversation, NULL));
  g_list_store_append (messages, image);

  /* A model that cannot see is not sent images. */
  g_assert_null (studio_context_start_chat_run (fixture->context, conversation, messages,
                                                model (fixture, "gpt-3.5-turbo"), &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (messages)), ==, 1);
  g_assert_null (studio_context_lookup_chat_run (fixture->context,
                                                 studio_conversation_get_id (conversation)));
  g_assert_cmpuint (studio_fake_server_count (fixture->server, "/v1/chat/completions"), ==, 0);
}

static void
prices_changed_cb (StudioContext *context,
                   gboolean      *changed)
{
  *changed = TRUE;
}

/* The user's prices apply when reloaded; a broken file keeps the old. */
static void
test_context_prices (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = studio_prices_dup_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  StudioPrices *prices = studio_context_get_prices (fixture->context);

  g_signal_connect (fixture->context, "prices-changed", G_CALLBACK (prices_changed_cb), &changed);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"prices\":[{\"match\":\"^gpt-4o$\",\"input\":1000000,\"output\":0}]}",
                                      -1, NULL));
  g_assert_true (studio_context_reload_prices (fixture->context, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o", 2, 0), ==, 2);

  changed = FALSE;
  g_assert_true (g_file_set_contents (path, "{\"prices\": [", -1, NULL));
  g_assert_false (studio_context_reload_prices (fixture->context, &error));
  g_assert_nonnull (error);
  g_assert_false (changed);
  g_assert_cmpfloat (studio_prices_estimate (prices, "gpt-4o", 2, 0), ==, 2);

  g_unlink (path);
  g_clear_error (&error);
  g_assert_true (studio_context_reload_prices (fixture->context, &error));
}

/* The stores keep their rows in the context's history, their files in
 * the app's folders.
 */
static void
test_context_stores (Fixture       *fixture,
                     gconstpointer  data)
{
  StudioTranscriptStore *transcripts = studio_context_get_transcript_store (fixture->context);
  StudioImageStore *images = studio_context_get_image_store (fixture->context);
  g_autofree char *transcripts_folder = studio_paths_dup_transcripts_folder ();
  g_autofree char *images_folder = studio_paths_dup_images_folder ();

  g_assert_true (STUDIO_IS_TRANSCRIPT_STORE (transcripts));
  g_assert_true (studio_transcript_store_get_history (transcripts) ==
                 studio_context_get_history (fixture->context));
  g_assert_cmpstr (studio_transcript_store_get_folder (transcripts), ==, transcripts_folder);
  g_assert_true (studio_image_store_get_history (images) ==
                 studio_context_get_history (fixture->context));
  g_assert_cmpstr (studio_image_store_get_folder (images), ==, images_folder);
}

/* A history that is not a database is left as it is, and said once. */
static void
test_context_damaged_history (void)
{
  g_autofree char *dir = g_dir_make_tmp ("studio-context-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(StudioContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "not a database", -1, NULL));
  context = studio_context_new (settings, path);
  error = studio_context_take_history_error (context);
  g_assert_nonnull (error);
  g_assert_null (studio_context_take_history_error (context));
  g_assert_nonnull (studio_context_get_history (context));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "not a database");

  g_assert_finalize_object (g_steal_pointer (&context));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("studio-context-home-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);

  /* Prices of our own, never the user's; set before GLib reads it. */
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/studio/context/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reply", test_context_reply);
  ADD ("stop", test_context_stop);
  ADD ("dropped", test_context_dropped);
  ADD ("refused", test_context_refused);
  ADD ("prices", test_context_prices);
  ADD ("stores", test_context_stores);
  g_test_add_func ("/studio/context/damaged-history", test_context_damaged_history);

  return g_test_run ();
}
