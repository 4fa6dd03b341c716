/* test-image-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gallery's store against real SQLite files and a real images folder
 * in a temporary folder, with images drawn by gdk-pixbuf. Not
 * G_TEST_OPTION_ISOLATE_DIRS: it hides the shared MIME database, and the
 * results sniff their type.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "studio-fake-server.h"
#include "studio-history.h"
#include "studio-image-request.h"
#include "studio-image-store.h"

typedef struct
{
  char             *dir;
  char             *db;
  char             *folder;
  StudioHistory    *history;
  StudioImageStore *store;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->history = studio_history_new (fixture->db, &error);
  g_assert_no_error (error);
  fixture->store = studio_image_store_new (fixture->history, fixture->folder);
}

static void
fixture_close (Fixture *fixture)
{
  /* A worker may hold the store a moment after its callback ran. */
  studio_fake_assert_finalize_later (g_steal_pointer (&fixture->store));
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("studio-image-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "history.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "images", NULL);
  if (data == NULL)
    fixture_open (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    fixture_close (fixture);
  studio_fake_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->folder);
}

/* Images ------------------------------------------------------------------ */

/* Input, of which text and images; output, of which text and images; total. */
static const StudioImageUsage test_usage = { 50, 40, 10, 4160, -1, -1, 4210 };

static GBytes *
draw_image (const char *type,
            int         width,
            int         height,
            gboolean    noise)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize size = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * height;
  char *buffer = NULL;
  gsize length = 0;

  for (gsize i = 0; i < size; i++)
    pixels[i] = noise ? g_random_int () & 0xff : (guint8) (i * 7);

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, length);
}

static StudioImageResult *
result_with_details (GBytes     *bytes,
                     const char *revised_prompt)
{
  StudioImageResult *result = studio_image_result_new (bytes, NULL);
  g_autoptr(JsonObject) details = json_object_new ();

  if (revised_prompt != NULL)
    json_object_set_string_member (details, "revised_prompt", revised_prompt);
  json_object_set_string_member (details, "size", "1024x1536");
  json_object_set_string_member (details, "quality", "high");
  json_object_set_string_member (details, "output_format", "png");
  json_object_set_int_member (details, "created", 1760000000);
  studio_image_result_set_details (result, details);

  studio_image_result_set_usage (result, &test_usage);

  return result;
}

/* A PNG file without its text chunks, and how many of those are iTXt. */
static GBytes *
png_without_text (GBytes *file,
                  guint  *n_itxt)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (file, &size);
  GByteArray *out = g_byte_array_new ();
  gsize at = 8;

  g_assert_cmpuint (size, >, 8);
  g_byte_array_append (out, data, 8);
  *n_itxt = 0;
  while (at + 12 <= size)
    {
      guint32 length;

      memcpy (&length, data + at, 4);
      length = GUINT32_FROM_BE (length);
      g_assert_cmpuint (at + 12 + length, <=, size);

      if (memcmp (data + at + 4, "iTXt", 4) == 0)
        (*n_itxt)++;
      else if (memcmp (data + at + 4, "tEXt", 4) != 0)
        g_byte_array_append (out, data + at, 12 + length);

      at += 12 + length;
    }
  g_assert_cmpuint (at, ==, size);

  return g_byte_array_free_to_bytes (out);
}

/* Waiting on the async API --------------------------------------------------- */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static StudioImageRecord *
save_full (StudioImageStore   *store,
           StudioImageRecord  *request,
           StudioImageResult  *result,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  studio_image_store_save_async (store, request, result, cancellable, store_result_cb, &done);
  return studio_image_store_record_finish (store, wait_for (&done), error);
}

static StudioImageRecord *
save_png (StudioImageStore *store,
          const char       *prompt,
          const char       *revised_prompt,
          gint64            parent_id)
{
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (parent_id ? STUDIO_IMAGE_ENDPOINT_EDITS
                                       : STUDIO_IMAGE_ENDPOINT_GENERATIONS,
                             "gpt-image-1", prompt);
  g_autoptr(GBytes) png = draw_image ("png", 8, 8, FALSE);
  g_autoptr(StudioImageResult) result = result_with_details (png, revised_prompt);
  g_autoptr(GError) error = NULL;
  StudioImageRecord *record;

  studio_image_record_set_parent_id (request, parent_id);
  if (parent_id)
    studio_image_record_add_source (request, parent_id, NULL);
  record = save_full (store, request, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static GPtrArray *
finish_list (StudioImageStore  *store,
             GAsyncResult     **done)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = studio_image_store_list_finish (store, wait_for (done), &error);

  g_assert_no_error (error);
  g_clear_object (done);
  return records;
}

static GPtrArray *
list_page (StudioImageStore *store,
           guint             offset,
           guint             limit)
{
  GAsyncResult *done = NULL;

  studio_image_store_list_async (store, offset, limit, NULL, store_result_cb, &done);
  return finish_list (store, &done);
}

/* Searches for TEXT, finds N images, the newest of them FIRST (unless 0). */
static void
assert_hits (StudioImageStore  *store,
             const char        *text,
             guint              n,
             StudioImageRecord *first)
{
  GAsyncResult *done = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  studio_image_store_search_async (store, text, 0, 0, NULL, store_result_cb, &done);
  hits = finish_list (store, &done);
  g_assert_cmpuint (hits->len, ==, n);
  if (first != NULL)
    g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (hits, 0)), ==,
                     studio_image_record_get_id (first));
}

static StudioImageRecord *
get_image (StudioImageStore  *store,
           gint64             id,
           GError           **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  studio_image_store_get_async (store, id, NULL, store_result_cb, &done);
  return studio_image_store_record_finish (store, wait_for (&done), error);
}

typedef void (*ChangeFunc) (StudioImageStore *, gint64, GCancellable *, GAsyncReadyCallback,
                            gpointer);

static gboolean
change (StudioImageStore  *store,
        ChangeFunc         func,
        gint64             id,
        GError           **error)
{
  g_autoptr(GAsyncResult) done = NULL;

  func (store, id, NULL, store_result_cb, &done);
  return studio_image_store_change_finish (store, wait_for (&done), error);
}

static guint
count_files (const char *folder,
             gboolean    temporary)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      if (g_str_has_prefix (name, ".saving-") == temporary)
        n++;
    }

  return n;
}

/* Tests -------------------------------------------------------------------- */

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char prompt[] = "Un café sur la Lune, 月の上のカフェ";
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_EDITS, "gpt-image-1", prompt);
  g_autoptr(GBytes) png = draw_image ("png", 48, 32, FALSE);
  g_autoptr(StudioImageResult) result = result_with_details (png, "A café on the Moon.");
  g_autoptr(StudioImageRecord) saved = NULL;
  g_autoptr(StudioImageRecord) loaded = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GBytes) image_only = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder_file = NULL;
  g_autoptr(JsonNode) options = json_from_string ("{\"size\": \"1024x1536\", \"quality\": \"high\","
                                                 " \"n\": 1, \"input_fidelity\": \"high\"}", NULL);
  JsonObject *source;
  guint n_itxt = 0;
  double cost = 0;
  gsize length;

  studio_image_record_set_options (request, json_node_get_object (options));
  studio_image_record_set_cost (request, 0.167);
  studio_image_record_add_source (request, 0, "photo.png");

  saved = save_full (fixture->store, request, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_image_record_get_id (saved), >, 0);

  /* Everything back, from a reopened database. */
  fixture_close (fixture);
  fixture_open (fixture);
  loaded = get_image (fixture->store, studio_image_record_get_id (saved), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_image_record_get_prompt (loaded), ==, prompt);
  g_assert_cmpstr (studio_image_record_get_revised_prompt (loaded), ==, "A café on the Moon.");
  g_assert_cmpstr (studio_image_record_get_model (loaded), ==, "gpt-image-1");
  g_assert_cmpstr (studio_image_record_get_endpoint (loaded), ==, "edits");
  g_assert_cmpstr (json_object_get_string_member (studio_image_record_get_options (loaded),
                                                  "input_fidelity"), ==, "high");
  g_assert_cmpint (json_object_get_int_member (studio_image_record_get_options (loaded), "n"),
                   ==, 1);
  g_assert_cmpstr (json_object_get_string_member (studio_image_record_get_details (loaded),
                                                  "size"), ==, "1024x1536");
  g_assert_cmpint (json_object_get_int_member (studio_image_record_get_details (loaded),
                                               "created"), ==, 1760000000);
  g_assert_cmpmem (studio_image_record_get_usage (loaded), sizeof (StudioImageUsage),
                   &test_usage, sizeof test_usage);
  g_assert_true (studio_image_record_get_cost (loaded, &cost));
  g_assert_cmpfloat_with_epsilon (cost, 0.167, 1e-9);
  g_assert_cmpuint (json_array_get_length (studio_image_record_get_sources (loaded)), ==, 1);
  source = json_array_get_object_element (studio_image_record_get_sources (loaded), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "name"), ==, "photo.png");
  g_assert_cmpint (studio_image_record_get_state (loaded), ==, STUDIO_IMAGE_STATE_COMPLETE);
  g_assert_cmpstr (studio_image_record_get_mime_type (loaded), ==, "image/png");
  g_assert_cmpuint (studio_image_record_get_width (loaded), ==, 48);
  g_assert_cmpuint (studio_image_record_get_height (loaded), ==, 32);
  g_assert_null (studio_image_record_get_url (loaded));
  g_assert_false (studio_image_record_get_missing (loaded));
  g_assert_cmpint (studio_image_record_get_created (loaded), >, 0);

  /* The file is in the images folder, by a relative name. */
  g_assert_false (g_path_is_absolute (studio_image_record_get_path (loaded)));
  folder_file = g_build_filename (fixture->folder, studio_image_record_get_path (loaded), NULL);
  g_assert_cmpstr (studio_image_record_get_file (loaded), ==, folder_file);
  g_assert_true (g_str_has_suffix (folder_file, ".png"));

  /* The image's own chunks byte for byte, plus the text chunks. */
  g_assert_true (g_file_get_contents (folder_file, &contents, &length, NULL));
  file = g_bytes_new_take (g_steal_pointer (&contents), length);
  image_only = png_without_text (file, &n_itxt);
  g_assert_true (g_bytes_equal (image_only, png));
  g_assert_cmpuint (n_itxt, ==, 3);   /* not Latin-1: the prompts and the JSON */

  /* … which gdk-pixbuf reads, CRCs and all. */
  pixbuf = gdk_pixbuf_new_from_file (folder_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Description"), ==, prompt);
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Comment"), ==, "A café on the Moon.");
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Source"), ==, "gpt-image-1");
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Software"), ==, "OpenAI Studio");
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    const char *json = gdk_pixbuf_get_option (pixbuf, "tEXt::openai-studio");
    JsonObject *about;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    about = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (about, "endpoint"), ==, "edits");
    g_assert_cmpstr (json_object_get_string_member (about, "prompt"), ==, prompt);
    about = json_object_get_object_member (about, "options");
    g_assert_cmpstr (json_object_get_string_member (about, "quality"), ==, "high");
  }

  /* A JPEG is kept exactly as it came. */
  {
    g_autoptr(GBytes) jpeg = draw_image ("jpeg", 40, 24, FALSE);
    g_autoptr(StudioImageResult) jpeg_result = studio_image_result_new (jpeg, NULL);
    g_autoptr(StudioImageRecord) jpeg_request =
      studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "dall-e-3", "a plain jpeg");
    g_autoptr(StudioImageRecord) jpeg_saved = NULL;
    g_autofree char *jpeg_contents = NULL;
    gsize jpeg_length;

    jpeg_saved = save_full (fixture->store, jpeg_request, jpeg_result, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (studio_image_record_get_mime_type (jpeg_saved), ==, "image/jpeg");
    g_assert_true (g_str_has_suffix (studio_image_record_get_path (jpeg_saved), ".jpg"));
    g_assert_cmpuint (studio_image_record_get_width (jpeg_saved), ==, 40);
    g_assert_cmpuint (studio_image_record_get_height (jpeg_saved), ==, 24);
    g_assert_false (studio_image_record_get_cost (jpeg_saved, NULL));
    g_assert_true (g_file_get_contents (studio_image_record_get_file (jpeg_saved), &jpeg_contents,
                                        &jpeg_length, NULL));
    g_assert_cmpmem (jpeg_contents, jpeg_length, g_bytes_get_data (jpeg, NULL),
                     g_bytes_get_size (jpeg));
  }
}

/* A database of schema 2, as the app wrote it before images, gains the
 * gallery on open and keeps its conversations.
 */
static void
test_store_migration (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autofree char *integrity = NULL;

  studio_fake_write_old_history (fixture->db, 2,
    "PRAGMA journal_mode = WAL;"
    "INSERT INTO conversations VALUES (1, 'Before images', 'gpt-5', '', '{}', 1, 1);"
    "INSERT INTO messages VALUES (1, 1, 'user', 'draw me a lighthouse', 0, '{}', 1, 1);");

  fixture_open (fixture);
  g_assert_cmpint (studio_history_get_schema_version (fixture->history), ==, STUDIO_HISTORY_SCHEMA_VERSION);
  g_assert_cmpint (STUDIO_HISTORY_SCHEMA_VERSION, >=, 3);

  messages = studio_history_load_messages (fixture->history, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (messages->len, ==, 1);
  hits = studio_history_search (fixture->history, "lighthouse", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);

  /* The new table and its index work at once. */
  record = save_png (fixture->store, "a lighthouse at dusk", NULL, 0);
  assert_hits (fixture->store, "lighthouse", 1, record);

  integrity = studio_history_check_integrity (fixture->history);
  g_assert_cmpstr (integrity, ==, "ok");

  /* Opening again migrates nothing more. */
  fixture_close (fixture);
  fixture_open (fixture);
  g_assert_cmpint (studio_history_get_schema_version (fixture->history), ==, STUDIO_HISTORY_SCHEMA_VERSION);
  found = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (found->len, ==, 1);
}

static void
test_store_search (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StudioImageRecord) fox = save_png (fixture->store, "A red fox in the snow", NULL, 0);
  g_autoptr(StudioImageRecord) cafe = save_png (fixture->store, "Café terrace at night",
                                                "A café terrace under a starry sky", 0);
  g_autoptr(StudioImageRecord) syntax =
    save_png (fixture->store, "Use \"quotes\" OR (parens) -- NEAR things*", NULL, 0);
  g_autoptr(GError) error = NULL;

  /* Prefix of the last word; accents folded both ways; the revised prompt. */
  assert_hits (fixture->store, "red fo", 1, fox);
  assert_hits (fixture->store, "cafe", 1, cafe);
  assert_hits (fixture->store, "TERRACÉ", 1, cafe);
  assert_hits (fixture->store, "starry", 1, cafe);

  /* FTS syntax typed is text, never an error. */
  assert_hits (fixture->store, "\"quotes\" OR (parens) NEAR *", 1, syntax);
  assert_hits (fixture->store, "fox AND", 0, NULL);
  assert_hits (fixture->store, "\" * ( -", 0, NULL);
  assert_hits (fixture->store, "  \t ", 0, NULL);

  /* A deleted image is not found; a purged one is out of the index. */
  g_assert_true (change (fixture->store, studio_image_store_delete_async,
                         studio_image_record_get_id (fox), &error));
  assert_hits (fixture->store, "fox", 0, NULL);
  g_assert_true (change (fixture->store, studio_image_store_purge_async, 0, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM images_fts"
                                         " WHERE images_fts MATCH 'fox'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

/* Newest first, in pages that together are the whole gallery. */
static void
test_store_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) all = NULL;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("image %u", i);
      g_autoptr(StudioImageRecord) record = save_png (fixture->store, prompt, NULL, 0);
      gint64 id = studio_image_record_get_id (record);

      g_array_append_val (ids, id);
    }

  for (guint offset = 0; offset < 30; offset += 10)
    {
      g_autoptr(GPtrArray) page = list_page (fixture->store, offset, 10);

      g_assert_cmpuint (page->len, ==, MIN (10, 25 - offset));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (page, i)), ==,
                         g_array_index (ids, gint64, 24 - offset - i));
    }

  all = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (all->len, ==, 25);
}

static void
test_store_lineage (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StudioImageRecord) root = save_png (fixture->store, "a house", NULL, 0);
  g_autoptr(StudioImageRecord) child = save_png (fixture->store, "add a garden", NULL,
                                                 studio_image_record_get_id (root));
  g_autoptr(StudioImageRecord) grandchild = save_png (fixture->store, "make it winter", NULL,
                                                      studio_image_record_get_id (child));
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_EDITS, "gpt-image-1", "combine them");
  g_autoptr(GBytes) png = draw_image ("png", 8, 8, FALSE);
  g_autoptr(StudioImageResult) result = studio_image_result_new (png, NULL);
  g_autoptr(StudioImageRecord) combined = NULL;
  GAsyncResult *done = NULL;
  g_autoptr(GPtrArray) lineage = NULL;
  g_autoptr(GPtrArray) derived = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (studio_image_record_get_parent_id (child), ==,
                   studio_image_record_get_id (root));

  /* Two gallery images as edit sources, the second one the parent. */
  studio_image_record_add_source (request, studio_image_record_get_id (root), NULL);
  studio_image_record_add_source (request, studio_image_record_get_id (grandchild), NULL);
  studio_image_record_set_parent_id (request, studio_image_record_get_id (grandchild));
  combined = save_full (fixture->store, request, result, NULL, &error);
  g_assert_no_error (error);

  studio_image_store_list_lineage_async (fixture->store, studio_image_record_get_id (combined),
                                         NULL, store_result_cb, &done);
  lineage = finish_list (fixture->store, &done);
  g_assert_cmpuint (lineage->len, ==, 4);
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (lineage, 0)), ==,
                   studio_image_record_get_id (combined));
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (lineage, 1)), ==,
                   studio_image_record_get_id (grandchild));
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (lineage, 3)), ==,
                   studio_image_record_get_id (root));

  /* Made from the root: its child, and the image that used it as a source. */
  studio_image_store_list_derived_async (fixture->store, studio_image_record_get_id (root),
                                         NULL, store_result_cb, &done);
  derived = finish_list (fixture->store, &done);
  g_assert_cmpuint (derived->len, ==, 2);
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (derived, 0)), ==,
                   studio_image_record_get_id (combined));
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (derived, 1)), ==,
                   studio_image_record_get_id (child));

  /* A parent purged before its child was saved is no parent. */
  g_assert_true (change (fixture->store, studio_image_store_delete_async,
                         studio_image_record_get_id (root), &error));
  g_assert_true (change (fixture->store, studio_image_store_purge_async,
                         studio_image_record_get_id (root), &error));
  {
    g_autoptr(StudioImageRecord) orphan = save_png (fixture->store, "from a purged image", NULL,
                                                    studio_image_record_get_id (root));
    g_autoptr(StudioImageRecord) reread = get_image (fixture->store,
                                                     studio_image_record_get_id (child), &error);

    g_assert_cmpint (studio_image_record_get_parent_id (orphan), ==, 0);
    g_assert_cmpint (studio_image_record_get_parent_id (reread), ==, 0);
  }
}

static void
test_store_delete_undo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StudioImageRecord) kept = save_png (fixture->store, "kept", NULL, 0);
  g_autoptr(StudioImageRecord) doomed = save_png (fixture->store, "doomed", NULL, 0);
  gint64 id = studio_image_record_get_id (doomed);
  g_autoptr(StudioImageRecord) back = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (change (fixture->store, studio_image_store_delete_async, id, &error));
  g_assert_no_error (error);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_assert_null (get_image (fixture->store, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (change (fixture->store, studio_image_store_delete_async, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (g_file_test (studio_image_record_get_file (doomed), G_FILE_TEST_EXISTS));

  /* Undo: all of it back, file included. */
  g_assert_true (change (fixture->store, studio_image_store_restore_async, id, &error));
  back = get_image (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_image_record_get_prompt (back), ==, "doomed");
  g_assert_false (studio_image_record_get_missing (back));
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 2);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Purging leaves images that are not deleted. */
  g_assert_true (change (fixture->store, studio_image_store_purge_async, 0, &error));
  g_assert_true (change (fixture->store, studio_image_store_purge_async, id, &error));
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 2);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Deleted for good: the file goes, and there is no undoing. */
  g_assert_true (change (fixture->store, studio_image_store_delete_async, id, &error));
  g_assert_true (change (fixture->store, studio_image_store_purge_async, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (studio_image_record_get_file (doomed), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (studio_image_record_get_file (kept), G_FILE_TEST_EXISTS));
  g_assert_false (change (fixture->store, studio_image_store_restore_async, id, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (fixture->folder, FALSE), ==, 1);

  /* A delete left pending when the app stopped is purged at the next start. */
  g_assert_true (change (fixture->store, studio_image_store_delete_async,
                         studio_image_record_get_id (kept), &error));
  fixture_close (fixture);
  fixture_open (fixture);
  g_assert_true (change (fixture->store, studio_image_store_purge_async, 0, &error));
  g_assert_cmpuint (count_files (fixture->folder, FALSE), ==, 0);
}

static void
test_store_missing_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StudioImageRecord) gone = save_png (fixture->store, "gone", NULL, 0);
  g_autoptr(StudioImageRecord) cut = save_png (fixture->store, "cut", NULL, 0);
  g_autoptr(StudioImageRecord) fine = save_png (fixture->store, "fine", NULL, 0);
  g_autoptr(StudioImageRecord) reread = NULL;
  g_autoptr(StudioImageRecord) another = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (studio_image_record_get_file (gone)), ==, 0);
  g_assert_cmpint (truncate (studio_image_record_get_file (cut), 20), ==, 0);

  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_false (studio_image_record_get_missing (g_ptr_array_index (page, 0)));
  g_assert_true (studio_image_record_get_missing (g_ptr_array_index (page, 1)));
  g_assert_true (studio_image_record_get_missing (g_ptr_array_index (page, 2)));

  reread = get_image (fixture->store, studio_image_record_get_id (gone), &error);
  g_assert_no_error (error);
  g_assert_true (studio_image_record_get_missing (reread));

  /* The rest works: saving, deleting and purging the missing one. */
  another = save_png (fixture->store, "another", NULL, 0);
  g_assert_false (studio_image_record_get_missing (another));
  g_assert_true (change (fixture->store, studio_image_store_delete_async,
                         studio_image_record_get_id (gone), &error));
  g_assert_true (change (fixture->store, studio_image_store_purge_async, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, ==, 3);
}

/* A URL result keeps its metadata and URL until its download is stored. */
static void
test_store_download (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char url[] = "https://files.example.com/img-abc.png?sig=xyz";
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "dall-e-3", "a URL result");
  g_autoptr(StudioImageResult) result = studio_image_result_new (NULL, url);
  g_autoptr(StudioImageRecord) saved = NULL;
  g_autoptr(StudioImageRecord) downloaded = NULL;
  g_autoptr(StudioImageRecord) again = NULL;
  g_autoptr(GBytes) png = draw_image ("png", 16, 16, FALSE);
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  saved = save_full (fixture->store, request, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_image_record_get_state (saved), ==, STUDIO_IMAGE_STATE_DOWNLOAD_FAILED);
  g_assert_cmpstr (studio_image_record_get_url (saved), ==, url);
  g_assert_null (studio_image_record_get_file (saved));
  g_assert_false (studio_image_record_get_missing (saved));
  g_assert_cmpuint (count_files (fixture->folder, FALSE), ==, 0);

  /* Retry worked. */
  studio_image_store_save_download_async (fixture->store, studio_image_record_get_id (saved), png,
                                          NULL, store_result_cb, &done);
  downloaded = studio_image_store_record_finish (fixture->store, wait_for (&done), &error);
  g_assert_no_error (error);
  g_assert_cmpint (studio_image_record_get_state (downloaded), ==, STUDIO_IMAGE_STATE_COMPLETE);
  g_assert_cmpstr (studio_image_record_get_url (downloaded), ==, url);
  g_assert_cmpstr (studio_image_record_get_mime_type (downloaded), ==, "image/png");
  g_assert_cmpuint (studio_image_record_get_width (downloaded), ==, 16);
  pixbuf = gdk_pixbuf_new_from_file (studio_image_record_get_file (downloaded), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gdk_pixbuf_get_option (pixbuf, "tEXt::Description"), ==, "a URL result");

  /* A second download changes nothing. */
  g_clear_object (&done);
  studio_image_store_save_download_async (fixture->store, studio_image_record_get_id (saved), png,
                                          NULL, store_result_cb, &done);
  again = studio_image_store_record_finish (fixture->store, wait_for (&done), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (studio_image_record_get_path (again), ==,
                   studio_image_record_get_path (downloaded));
  g_assert_cmpuint (count_files (fixture->folder, FALSE), ==, 1);

  /* A partial image from a stream cut short is kept as partial. */
  {
    g_autoptr(StudioImageResult) partial = studio_image_result_new (png, NULL);
    g_autoptr(StudioImageRecord) kept = NULL;

    studio_image_result_set_partial (partial, 1);
    kept = save_full (fixture->store, request, partial, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (studio_image_record_get_state (kept), ==, STUDIO_IMAGE_STATE_PARTIAL);
  }
}

/* A save that fails leaves neither row nor file, temporary or not. */
static void
assert_failed_save (Fixture      *fixture,
                    const char   *folder,
                    GCancellable *cancellable,
                    int           code)
{
  g_autoptr(StudioImageStore) store = studio_image_store_new (fixture->history, folder);
  g_autoptr(StudioImageRecord) request =
    studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "gpt-image-1", "nowhere to go");
  g_autoptr(GBytes) png = draw_image ("png", 128, 128, TRUE);
  g_autoptr(StudioImageResult) result = studio_image_result_new (png, NULL);
  g_autoptr(StudioImageRecord) saved = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  saved = save_full (store, request, result, cancellable, &error);
  g_assert_null (saved);
  g_assert_error (error, G_IO_ERROR, code);
  g_test_message ("%s", error->message);
  if (cancellable == NULL)
    g_assert_nonnull (strstr (error->message, folder));

  page = list_page (store, 0, 0);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_cmpuint (count_files (folder, TRUE), ==, 0);
  g_assert_cmpuint (count_files (folder, FALSE), ==, 0);
  studio_fake_assert_finalize_later (g_steal_pointer (&store));
}

static void
test_store_write_failure (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *under_file = g_build_filename (blocker, "images", NULL);
  struct rlimit saved, small;

  /* A folder that cannot be made. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  assert_failed_save (fixture, under_file, NULL, G_IO_ERROR_NOT_DIRECTORY);

  /* A disk that fills up in the middle of the file: the file size limit
   * makes write() fail with EFBIG as a full disk would with ENOSPC.
   */
  g_assert_cmpint (g_mkdir (fixture->folder, 0700), ==, 0);
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 4096;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  assert_failed_save (fixture, fixture->folder, NULL, G_IO_ERROR_NO_SPACE);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  /* A read-only folder; root ignores permissions. */
  if (geteuid () != 0)
    {
      g_chmod (fixture->folder, 0500);
      assert_failed_save (fixture, fixture->folder, NULL, G_IO_ERROR_PERMISSION_DENIED);
      g_chmod (fixture->folder, 0700);
    }

  /* Nothing else was lost: the store still saves. */
  {
    g_autoptr(StudioImageRecord) record = save_png (fixture->store, "after the failures", NULL, 0);

    g_assert_false (studio_image_record_get_missing (record));
  }
}

static void
test_store_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  assert_failed_save (fixture, fixture->folder, cancellable, G_IO_ERROR_CANCELLED);
}

/* The crash-safety child: saves large images one after the other and
 * prints how many it has saved. It is killed in the middle of one.
 */
static int
crash_child (const char *db,
             const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StudioHistory) history = studio_history_new (db, &error);
  g_autoptr(StudioImageStore) store = NULL;
  g_autoptr(GBytes) png = draw_image ("png", 768, 768, TRUE);

  g_assert_no_error (error);
  store = studio_image_store_new (history, folder);

  for (guint i = 0; ; i++)
    {
      g_autofree char *prompt = g_strdup_printf ("crash %u", i);
      g_autoptr(StudioImageRecord) request =
        studio_image_record_new (STUDIO_IMAGE_ENDPOINT_GENERATIONS, "gpt-image-1", prompt);
      g_autoptr(StudioImageResult) result = studio_image_result_new (png, NULL);
      g_autoptr(StudioImageRecord) saved = save_full (store, request, result, NULL, &error);

      if (saved == NULL)
        g_error ("%s", error->message);
      printf ("%u\n", i + 1);
      fflush (stdout);
    }

  return 0;
}

static void
test_store_crash_safety (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_path, "--crash-child", fixture->db, fixture->folder, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint64 saved;

  /* A few saves, then a kill part of the way into the next one. */
  saved = studio_fake_kill_child (argv, 6, TRUE);
  g_assert_cmpuint (saved, >, 0);

  fixture_open (fixture);
  integrity = studio_history_check_integrity (fixture->history);
  g_assert_cmpstr (integrity, ==, "ok");

  /* Every image listed is whole. */
  page = list_page (fixture->store, 0, 0);
  g_assert_cmpuint (page->len, >=, saved);
  for (guint i = 0; i < page->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (page, i);
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      g_assert_false (studio_image_record_get_missing (record));
      pixbuf = gdk_pixbuf_new_from_file (studio_image_record_get_file (record), &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 768);
    }
  g_test_message ("%u saved, %u temporary file(s) left by the kill", page->len,
                  count_files (fixture->folder, TRUE));

  /* What it was writing goes at the next start (as does a temporary file
   * made here, in case the kill fell between two saves), and no file under
   * a gallery name is half written.
   */
  {
    g_autofree char *left = g_build_filename (fixture->folder, ".saving-AbC123", NULL);

    g_assert_true (g_file_set_contents (left, "\x89PNG\r\n\x1a\n half", -1, NULL));
    g_clear_pointer (&page, g_ptr_array_unref);
    page = list_page (fixture->store, 0, 0);
    g_assert_cmpuint (page->len, >=, saved);
  }
  g_assert_true (change (fixture->store, studio_image_store_purge_async, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (fixture->folder, TRUE), ==, 0);
  dir = g_dir_open (fixture->folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);

      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, unopened) \
  g_test_add ("/studio/image-store/" path, Fixture, unopened, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("round-trip", test_store_round_trip, NULL);
  ADD ("migration", test_store_migration, "unopened");
  ADD ("search", test_store_search, NULL);
  ADD ("pages", test_store_pages, NULL);
  ADD ("lineage", test_store_lineage, NULL);
  ADD ("delete-undo", test_store_delete_undo, NULL);
  ADD ("missing-file", test_store_missing_file, NULL);
  ADD ("download", test_store_download, NULL);
  ADD ("write-failure", test_store_write_failure, NULL);
  ADD ("cancel", test_store_cancel, NULL);
  ADD ("crash-safety", test_store_crash_safety, "unopened");

  return g_test_run ();
}
