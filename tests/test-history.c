/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The history against real SQLite files in a temporary folder.
 */

#include "config.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "studio-api-error.h"
#include "studio-fake-server.h"
#include "studio-history.h"

static char *
temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("studio-history-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "history.db", NULL);
}

static void
remove_db (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_history_round_trip (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = studio_history_new (path, &error);
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(StudioMessage) question = studio_message_new ("user", "What is in this picture?");
  g_autoptr(StudioMessage) answer = studio_message_new ("assistant", "A cat");
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  StudioMessage *loaded;
  StudioAttachment *attachment;

  g_assert_no_error (error);
  g_assert_cmpint (studio_history_get_schema_version (history), ==, STUDIO_HISTORY_SCHEMA_VERSION);

  studio_conversation_set_title (conversation, "Cats");
  studio_conversation_set_model (conversation, "gpt-5.4");
  studio_conversation_set_system_prompt (conversation, "Be brief.");
  json_object_set_double_member (studio_conversation_get_settings (conversation), "temperature", 0.5);
  g_assert_true (studio_history_save_conversation (history, conversation, &error));
  g_assert_cmpint (studio_conversation_get_id (conversation), >, 0);

  studio_message_add_attachment (question, studio_attachment_new_image ("cat.png", "image/png", png, "high"));
  studio_message_add_attachment (question, studio_attachment_new_transcript ("memo.mp3", "Hello there"));
  g_assert_true (studio_history_save_message (history, studio_conversation_get_id (conversation), question, &error));

  studio_message_set_state (answer, STUDIO_MESSAGE_STATE_STREAMING);
  g_assert_true (studio_history_save_message (history, studio_conversation_get_id (conversation), answer, &error));
  studio_message_append_content (answer, ", sleeping.", -1);
  studio_message_set_state (answer, STUDIO_MESSAGE_STATE_COMPLETE);
  json_object_set_string_member (studio_message_get_extra (answer), "finish_reason", "stop");
  g_assert_true (studio_history_save_message (history, studio_conversation_get_id (conversation), answer, &error));
  g_assert_no_error (error);

  /* Reopen from disk. */
  g_assert_finalize_object (g_steal_pointer (&history));
  history = studio_history_new (path, &error);
  g_assert_no_error (error);

  conversations = studio_history_list_conversations (history, &error);
  g_assert_cmpuint (conversations->len, ==, 1);
  g_assert_cmpstr (studio_conversation_get_title (g_ptr_array_index (conversations, 0)), ==, "Cats");
  g_assert_cmpstr (studio_conversation_get_model (g_ptr_array_index (conversations, 0)), ==, "gpt-5.4");
  g_assert_cmpstr (studio_conversation_get_system_prompt (g_ptr_array_index (conversations, 0)), ==, "Be brief.");
  g_assert_cmpfloat (json_object_get_double_member (studio_conversation_get_settings (g_ptr_array_index (conversations, 0)),
                                                    "temperature"), ==, 0.5);

  messages = studio_history_load_messages (history, studio_conversation_get_id (conversation), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 2);

  loaded = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (studio_message_get_role (loaded), ==, "user");
  g_assert_cmpuint (studio_message_get_attachments (loaded)->len, ==, 2);
  attachment = g_ptr_array_index (studio_message_get_attachments (loaded), 0);
  g_assert_cmpstr (attachment->kind, ==, "image");
  g_assert_cmpstr (attachment->detail, ==, "high");
  g_assert_true (g_bytes_equal (attachment->data, png));
  attachment = g_ptr_array_index (studio_message_get_attachments (loaded), 1);
  g_assert_cmpstr (attachment->text, ==, "Hello there");

  loaded = g_ptr_array_index (messages, 1);
  g_assert_cmpstr (studio_message_get_content (loaded), ==, "A cat, sleeping.");
  g_assert_cmpint (studio_message_get_state (loaded), ==, STUDIO_MESSAGE_STATE_COMPLETE);
  g_assert_cmpstr (json_object_get_string_member (studio_message_get_extra (loaded), "finish_reason"), ==, "stop");

  /* Editing the first message replaces the later turns. */
  g_assert_true (studio_history_delete_messages_from (history, studio_conversation_get_id (conversation),
                                                      studio_message_get_id (answer), &error));
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = studio_history_load_messages (history, studio_conversation_get_id (conversation), &error);
  g_assert_cmpuint (messages->len, ==, 1);

  /* Deleting a conversation takes its messages and attachments along. */
  g_assert_true (studio_history_delete_conversation (history, studio_conversation_get_id (conversation), &error));
  g_clear_pointer (&messages, g_ptr_array_unref);
  messages = studio_history_load_messages (history, studio_conversation_get_id (conversation), &error);
  g_assert_cmpuint (messages->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&history));
  remove_db (path);
}

static void
test_history_search (void)
{
  StudioHistory *history = studio_history_new_in_memory ();
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  static const char *texts[] = {
    "How do I cook risotto?",
    "Stir the rice slowly and add warm broth.",
    "Café au lait or espresso?",
    "Use \"quotes\" and OR operators (carefully) -- NEAR things*",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  StudioSearchHit *hit;

  studio_conversation_set_title (conversation, "Cooking");
  studio_history_save_conversation (history, conversation, &error);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(StudioMessage) message = studio_message_new (i % 2 ? "assistant" : "user", texts[i]);

      g_assert_true (studio_history_save_message (history, studio_conversation_get_id (conversation), message, &error));
    }

  hits = studio_history_search (history, "risotto", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (hit->title, ==, "Cooking");
  g_assert_cmpint (hit->conversation_id, ==, studio_conversation_get_id (conversation));
  g_assert_nonnull (strstr (hit->snippet, "\001risotto\002"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Prefix of the last word, several words, accents folded. */
  hits = studio_history_search (history, "warm bro", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = studio_history_search (history, "cafe", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* FTS syntax in what the user types is just text. */
  hits = studio_history_search (history, "\"quotes\" OR (carefully) NEAR *", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = studio_history_search (history, "   ", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The index follows edits and deletions. */
  {
    g_autoptr(GPtrArray) messages = studio_history_load_messages (history, studio_conversation_get_id (conversation), &error);
    StudioMessage *first = g_ptr_array_index (messages, 0);

    studio_message_set_content (first, "How do I cook paella?");
    studio_history_save_message (history, studio_conversation_get_id (conversation), first, &error);
    hits = studio_history_search (history, "risotto", 10, &error);
    g_assert_cmpuint (hits->len, ==, 0);
    g_clear_pointer (&hits, g_ptr_array_unref);

    studio_history_delete_message (history, studio_message_get_id (first), &error);
    hits = studio_history_search (history, "paella", 10, &error);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  g_assert_finalize_object (history);
}

/* An old database, as schema 1 wrote it, gains the search index on open. */
static void
test_history_migration (void)
{
  g_autofree char *path = temp_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  studio_fake_write_old_history (path, 1,
    "INSERT INTO conversations VALUES (1, 'Old', 'gpt-4o', '', '{}', 1, 1);"
    "INSERT INTO messages VALUES (1, 1, 'user', 'an ancient question', 0, '{}', 1, 1);"
    "INSERT INTO messages VALUES (2, 1, 'assistant', 'half an answ', 1, '{}', 1, 1);");

  history = studio_history_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_history_get_schema_version (history), ==, STUDIO_HISTORY_SCHEMA_VERSION);

  hits = studio_history_search (history, "ancient", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* A reply that was streaming when the old app stopped is now interrupted. */
  {
    g_autoptr(GPtrArray) messages = studio_history_load_messages (history, 1, &error);

    g_assert_cmpint (studio_message_get_state (g_ptr_array_index (messages, 1)), ==,
                     STUDIO_MESSAGE_STATE_INTERRUPTED);
  }

  g_assert_finalize_object (g_steal_pointer (&history));
  remove_db (path);
}

static void
test_history_bad_files (void)
{
  g_autofree char *path = temp_db ();
  g_autofree char *original = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = NULL;
  static const char garbage[] = "This is not a database, but it is the user's file. Never overwrite it.\n"
                                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n";

  /* A damaged file is reported and left alone. */
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  history = studio_history_new (path, &error);
  g_assert_null (history);
  g_assert_error (error, STUDIO_HISTORY_ERROR, STUDIO_HISTORY_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);
  g_clear_error (&error);
  g_unlink (path);

  /* A file from a newer version is refused, not downgraded. */
  {
    sqlite3 *db;

    sqlite3_open (path, &db);
    sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL, NULL, NULL);
    sqlite3_close (db);
    history = studio_history_new (path, &error);
    g_assert_error (error, STUDIO_HISTORY_ERROR, STUDIO_HISTORY_ERROR_NEWER_SCHEMA);
    g_clear_error (&error);
    g_unlink (path);
  }

  /* A read-only file: reported, unchanged. Root ignores permissions, so
   * the check is only meaningful for other users.
   */
  if (geteuid () != 0)
    {
      history = studio_history_new (path, &error);
      g_assert_no_error (error);
      g_assert_finalize_object (g_steal_pointer (&history));
      g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
      g_chmod (path, 0400);
      history = studio_history_new (path, &error);
      g_assert_null (history);
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_chmod (path, 0600);
    }

  remove_db (path);
}

/* The crash-safety child: streams a reply into the database, saving after
 * every chunk, and prints how much it has saved. It is killed mid-stream.
 */
static int
crash_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = studio_history_new (path, &error);
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(StudioMessage) reply = studio_message_new ("assistant", "");

  g_assert_no_error (error);
  studio_history_save_conversation (history, conversation, &error);
  studio_message_set_state (reply, STUDIO_MESSAGE_STATE_STREAMING);
  studio_history_save_message (history, studio_conversation_get_id (conversation), reply, &error);

  for (guint i = 0; ; i++)
    {
      g_autofree char *chunk = g_strdup_printf ("token%u ", i);

      studio_message_append_content (reply, chunk, -1);
      if (!studio_history_save_message (history, studio_conversation_get_id (conversation), reply, &error))
        g_error ("%s", error->message);
      printf ("%zu\n", strlen (studio_message_get_content (reply)));
      fflush (stdout);
      g_usleep (2000);
    }

  return 0;
}

static void
test_history_crash_safety (void)
{
  g_autofree char *path = temp_db ();
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_path, "--crash-child", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autofree char *integrity = NULL;
  StudioMessage *reply;
  gsize saved;

  /* Let it save a good number of times, then kill it without warning. */
  saved = studio_fake_kill_child (argv, 200, FALSE);
  g_assert_cmpuint (saved, >, 0);

  history = studio_history_new (path, &error);
  g_assert_no_error (error);
  integrity = studio_history_check_integrity (history);
  g_assert_cmpstr (integrity, ==, "ok");

  messages = studio_history_load_messages (history, 1, &error);
  g_assert_cmpuint (messages->len, ==, 1);
  reply = g_ptr_array_index (messages, 0);
  g_assert_cmpuint (strlen (studio_message_get_content (reply)), >=, saved);
  g_assert_true (g_str_has_prefix (studio_message_get_content (reply), "token0 token1 "));
  g_assert_cmpint (studio_message_get_state (reply), ==, STUDIO_MESSAGE_STATE_INTERRUPTED);

  g_assert_finalize_object (g_steal_pointer (&history));
  remove_db (path);
}

/* The latest messages of a conversation, then those before them: each
 * part in order, with its attachments, and together the whole.
 */
static void
test_history_load_in_parts (void)
{
  StudioHistory *history = studio_history_new_in_memory ();
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(StudioConversation) other = studio_conversation_new ();
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (studio_history_save_conversation (history, conversation, NULL));
  g_assert_true (studio_history_save_conversation (history, other, NULL));
  id = studio_conversation_get_id (conversation);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("message %u", i);
      g_autoptr(StudioMessage) message = studio_message_new (i % 2 ? "assistant" : "user", text);
      g_autoptr(StudioMessage) elsewhere = studio_message_new ("user", "not this one");

      if (i == 2 || i == 8)
        {
          StudioAttachment *attachment = g_new0 (StudioAttachment, 1);

          attachment->kind = g_strdup ("text");
          attachment->name = g_strdup_printf ("note %u.txt", i);
          attachment->text = g_strdup ("words");
          studio_message_add_attachment (message, attachment);
        }

      g_assert_true (studio_history_save_message (history, id, message, NULL));
      g_assert_true (studio_history_save_message (history, studio_conversation_get_id (other), elsewhere, NULL));
    }

  latest = studio_history_load_messages_before (history, id, 0, 4, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("message %u", 6 + i);

      g_assert_cmpstr (studio_message_get_content (g_ptr_array_index (latest, i)), ==, text);
    }
  g_assert_cmpuint (studio_message_get_attachments (g_ptr_array_index (latest, 2))->len, ==, 1);
  g_assert_cmpuint (studio_message_get_attachments (g_ptr_array_index (latest, 0))->len, ==, 0);

  earlier = studio_history_load_messages_before (history, id, studio_message_get_id (g_ptr_array_index (latest, 0)),
                                                 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (earlier->len, ==, 6);
  g_assert_cmpstr (studio_message_get_content (g_ptr_array_index (earlier, 0)), ==, "message 0");
  g_assert_cmpstr (studio_message_get_content (g_ptr_array_index (earlier, 5)), ==, "message 5");
  g_assert_cmpuint (studio_message_get_attachments (g_ptr_array_index (earlier, 2))->len, ==, 1);

  g_clear_pointer (&latest, g_ptr_array_unref);
  g_clear_pointer (&earlier, g_ptr_array_unref);
  g_assert_finalize_object (history);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GPtrArray) messages = NULL;

  messages = studio_history_load_messages_finish (STUDIO_HISTORY (object), result, error);
  g_assert_true ((messages == NULL) == (*error != NULL));
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "Loaded all the same");
}

/* Cancelling stops a long load: it checks every 256 messages, so with more
 * than that the check is reached and the load gives up, in the thread too.
 */
static void
test_history_load_cancel (void)
{
  StudioHistory *history = studio_history_new_in_memory ();
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (studio_history_save_conversation (history, conversation, NULL));
  id = studio_conversation_get_id (conversation);
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(StudioMessage) message = studio_message_new ("user", "many words");

      g_assert_true (studio_history_save_message (history, id, message, NULL));
    }

  /* Not cancelled: all of them. */
  messages = studio_history_load_messages_before (history, id, 0, 0, cancelled, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 600);
  g_clear_pointer (&messages, g_ptr_array_unref);

  g_cancellable_cancel (cancelled);
  messages = studio_history_load_messages_before (history, id, 0, 0, cancelled, &error);
  g_assert_null (messages);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (studio_api_error_is_cancelled (error));
  g_clear_error (&error);

  studio_history_load_messages_async (history, id, 0, 0, cancelled, load_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (studio_api_error_is_cancelled (error));

  /* The worker thread may hold it a moment after the callback ran. */
  studio_fake_assert_finalize_later (history);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/history/round-trip", test_history_round_trip);
  g_test_add_func ("/studio/history/search", test_history_search);
  g_test_add_func ("/studio/history/load-in-parts", test_history_load_in_parts);
  g_test_add_func ("/studio/history/load-cancel", test_history_load_cancel);
  g_test_add_func ("/studio/history/migration", test_history_migration);
  g_test_add_func ("/studio/history/bad-files", test_history_bad_files);
  g_test_add_func ("/studio/history/crash-safety", test_history_crash_safety);

  return g_test_run ();
}
