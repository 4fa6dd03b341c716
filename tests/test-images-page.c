/* test-images-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Images workspace in the real window against the fake server: a
 * prompt generated, the image in the gallery and still there when the
 * store is opened again, sent to Chat; a mask painted and an edit sent;
 * and failures shown with what to change, losing nothing.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "studio-application.h"
#include "studio-chat-page.h"
#include "studio-fake-server.h"
#include "studio-file-list.h"
#include "studio-gui-utils.h"
#include "studio-image-gallery.h"
#include "studio-image-store.h"
#include "studio-images-page.h"
#include "studio-mask-editor.h"
#include "studio-model-picker.h"
#include "studio-window.h"

#define TEST_KEY "sk-test-images-0000"
#define SIDE 64

static gboolean
catalog_loaded (gpointer data)
{
  return studio_model_catalog_get_loaded (data);
}

static gboolean
model_selected (gpointer data)
{
  return studio_model_picker_get_selected (data) != NULL;
}

static GBytes *
encode_png (guint32 colour)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, SIDE, SIDE);
  char *data = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, colour);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, "png", NULL, NULL));

  return g_bytes_new_take (data, length);
}

static char *
images_response (guint32 colour)
{
  g_autoptr(GBytes) png = encode_png (colour);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));

  return g_strdup_printf ("{\"created\":1,\"data\":[{\"b64_json\":\"%s\"}],\"usage\":"
                          "{\"total_tokens\":1076,\"input_tokens\":20,\"output_tokens\":1056,"
                          "\"input_tokens_details\":{\"text_tokens\":20,\"image_tokens\":0}}}",
                          b64);
}

typedef struct
{
  StudioFakeServer  *server;
  StudioApplication *app;
  StudioWindow      *window;
  StudioContext     *context;
  GtkWidget         *page;
  StudioImageGallery *gallery;
} Fixture;

static void
fixture_start (Fixture    *fixture,
               const char *model_id)
{
  StudioModelPicker *picker;

  fixture->server = studio_fake_server_new (NULL);
  g_setenv ("OPENAI_BASE_URL", studio_fake_server_get_base_url (fixture->server), TRUE);
  g_setenv ("OPENAI_API_KEY", TEST_KEY, TRUE);

  fixture->window = studio_gui_start_app (&fixture->app);
  fixture->context = studio_application_get_context (fixture->app);
  studio_gui_wait_for (catalog_loaded, studio_context_get_catalog (fixture->context));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  studio_window_set_workspace (fixture->window, "images");

  fixture->page = studio_gui_find_widget (GTK_WIDGET (fixture->window), STUDIO_TYPE_IMAGES_PAGE,
                                          NULL);
  g_assert_nonnull (fixture->page);
  fixture->gallery = STUDIO_IMAGE_GALLERY (studio_gui_find_widget (fixture->page,
                                                                   STUDIO_TYPE_IMAGE_GALLERY,
                                                                   NULL));
  g_assert_nonnull (fixture->gallery);

  picker = STUDIO_MODEL_PICKER (studio_gui_find_widget (fixture->page, STUDIO_TYPE_MODEL_PICKER,
                                                        NULL));
  studio_model_picker_select_id (picker, model_id);
  studio_gui_wait_for (model_selected, picker);
  g_assert_cmpstr (studio_model_get_id (studio_model_picker_get_selected (picker)), ==, model_id);
  studio_gui_wait_frames (fixture->page, 2);
}

static void
fixture_stop (Fixture *fixture)
{
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  studio_gui_drain ();
  g_clear_object (&fixture->app);
  studio_fake_server_free (fixture->server);
}

static GtkWidget *
generate_button (Fixture *fixture)
{
  GtkWidget *button = studio_gui_find_widget (fixture->page, GTK_TYPE_BUTTON, "Generate");

  g_assert_nonnull (button);
  return button;
}

static void
set_prompt (Fixture    *fixture,
            const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (studio_gui_find_widget (fixture->page, GTK_TYPE_TEXT_VIEW,
                                                             NULL));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_prompt (Fixture *fixture)
{
  GtkTextView *view = GTK_TEXT_VIEW (studio_gui_find_widget (fixture->page, GTK_TYPE_TEXT_VIEW,
                                                             NULL));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct
{
  StudioImageGallery *gallery;
  guint               n;
} GalleryCount;

static gboolean
gallery_has (gpointer data)
{
  GalleryCount *count = data;

  return studio_image_gallery_get_n_items (count->gallery) >= count->n;
}

static gboolean
generate_enabled (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_is_sensitive (generate_button (fixture));
}

static gboolean
not_running (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (generate_button (fixture));
}

static gboolean
editor_has_mask (gpointer data)
{
  return studio_mask_editor_get_mask (data) != NULL;
}

static gboolean
chat_has_attachment (gpointer data)
{
  StudioFileList *list = data;

  return g_list_model_get_n_items (studio_file_list_get_files (list)) == 1;
}

/* The gallery as a new store over the same database and folder sees it. */
static GPtrArray *
list_reopened_store (Fixture *fixture)
{
  StudioImageStore *store = studio_context_get_image_store (fixture->context);
  g_autoptr(StudioImageStore) again = studio_image_store_new (studio_image_store_get_history (store),
                                                              studio_image_store_get_folder (store));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  studio_image_store_list_async (again, 0, 10, NULL, studio_fake_result_cb, &result);
  studio_fake_wait_result (&result);
  records = studio_image_store_list_finish (again, result, &error);
  g_assert_no_error (error);

  return records;
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, bytes, NULL));
  g_assert_true (gdk_pixbuf_loader_close (loader, NULL));

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static guint8
alpha_at (GdkPixbuf *pixbuf,
          int        x,
          int        y)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  return pixels[y * gdk_pixbuf_get_rowstride (pixbuf) + x * gdk_pixbuf_get_n_channels (pixbuf) + 3];
}

static void
test_images_page_generate_run (void)
{
  Fixture fixture = { 0 };
  g_autofree char *response = images_response (0x336699ff);
  g_autofree char *edit_response = images_response (0x993366ff);
  g_autoptr(GPtrArray) reopened = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autoptr(SoupMultipart) form = NULL;
  g_autoptr(GBytes) mask_bytes = NULL;
  g_autoptr(GdkPixbuf) mask = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *mask_type = NULL;
  StudioImageRecord *first;
  StudioImageRecord *edited;
  StudioFakeRequest *request;
  GalleryCount count;
  JsonObject *body;

  guint before;

  fixture_start (&fixture, "gpt-image-2");
  /* Images of the tests before, once the gallery has read them. */
  {
    g_autoptr(GPtrArray) stored = list_reopened_store (&fixture);

    before = stored->len;
    count.gallery = fixture.gallery;
    count.n = before;
    studio_gui_wait_for (gallery_has, &count);
  }

  /* Blank prompts cannot be sent. */
  g_assert_false (gtk_widget_is_sensitive (generate_button (&fixture)));
  set_prompt (&fixture, "   \n\t ");
  studio_gui_wait_frames (fixture.page, 1);
  g_assert_false (gtk_widget_is_sensitive (generate_button (&fixture)));

  set_prompt (&fixture, "A red fox asleep in fresh snow");
  studio_gui_wait_for (generate_enabled, &fixture);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-prompt.png");

  studio_fake_server_push (fixture.server, "/v1/images/generations", 200, "application/json",
                           response, NULL);
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.generate", NULL));
  count.n = before + 1;
  studio_gui_wait_for (gallery_has, &count);
  studio_gui_wait_for (not_running, &fixture);
  studio_gui_wait_frames (fixture.page, 3);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-generated.png");

  request = studio_fake_server_last (fixture.server, "/v1/images/generations");
  sent = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  body = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (body, "model"), ==, "gpt-image-2");
  g_assert_cmpstr (json_object_get_string_member (body, "prompt"), ==,
                   "A red fox asleep in fresh snow");
  g_assert_false (json_object_has_member (body, "stream"));
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "Authorization"), ==,
                   "Bearer " TEST_KEY);

  /* The prompt stays for the next try. */
  prompt = get_prompt (&fixture);
  g_assert_cmpstr (prompt, ==, "A red fox asleep in fresh snow");

  first = studio_image_gallery_get_item (fixture.gallery, 0);
  g_assert_cmpstr (studio_image_record_get_prompt (first), ==, "A red fox asleep in fresh snow");
  g_assert_true (g_file_test (studio_image_record_get_file (first), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (studio_image_record_get_width (first), ==, SIDE);

  reopened = list_reopened_store (&fixture);
  g_assert_cmpuint (reopened->len, ==, before + 1);
  g_assert_cmpint (studio_image_record_get_id (g_ptr_array_index (reopened, 0)), ==,
                   studio_image_record_get_id (first));

  /* Large, then to Chat as an attachment. */
  studio_images_page_show_image (STUDIO_IMAGES_PAGE (fixture.page), first);
  studio_gui_wait_frames (fixture.page, 3);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-large.png");
  g_assert_true (gtk_widget_activate_action (fixture.page, "image.send-to-chat", NULL));
  {
    GtkWidget *chat = studio_gui_find_widget (GTK_WIDGET (fixture.window), STUDIO_TYPE_CHAT_PAGE,
                                              NULL);
    GtkWidget *files = studio_gui_find_widget (chat, STUDIO_TYPE_FILE_LIST, NULL);

    studio_gui_wait_for (chat_has_attachment, files);
    g_assert_cmpstr (studio_window_get_workspace (fixture.window), ==, "chat");
  }

  /* Edit it, with a mask painted over its top-left corner. */
  studio_window_set_workspace (fixture.window, "images");
  studio_images_page_use_as_source (STUDIO_IMAGES_PAGE (fixture.page), first);
  g_assert_cmpuint (studio_images_page_get_n_sources (STUDIO_IMAGES_PAGE (fixture.page)), ==, 1);
  set_prompt (&fixture, "Give the fox a woolly hat");
  studio_gui_wait_for (generate_enabled, &fixture);
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.paint-mask", NULL));
  {
    StudioMaskEditor *editor = STUDIO_MASK_EDITOR (studio_gui_find_widget (fixture.page,
                                                                            STUDIO_TYPE_MASK_EDITOR,
                                                                            NULL));
    StudioImageMask *painted;

    /* The source is read on a worker first. */
    studio_gui_wait_for (editor_has_mask, editor);
    painted = studio_mask_editor_get_mask (editor);

    g_assert_nonnull (painted);
    g_assert_cmpuint (studio_image_mask_get_width (painted), ==, SIDE);
    studio_image_mask_begin_stroke (painted, STUDIO_MASK_TOOL_BRUSH, 6, 8, 8);
    studio_image_mask_stroke_to (painted, 20, 8);
    studio_image_mask_end_stroke (painted);
    studio_gui_wait_frames (fixture.page, 2);
    studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-mask.png");
  }
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.back", NULL));

  studio_fake_server_push (fixture.server, "/v1/images/edits", 200, "application/json",
                           edit_response, NULL);
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.generate", NULL));
  count.n = before + 2;
  studio_gui_wait_for (gallery_has, &count);
  studio_gui_wait_for (not_running, &fixture);

  request = studio_fake_server_last (fixture.server, "/v1/images/edits");
  form = studio_fake_request_get_form (request);
  {
    g_autofree char *model = studio_fake_form_get_field (form, "model");
    g_autofree char *edit_prompt = studio_fake_form_get_field (form, "prompt");

    g_assert_cmpstr (model, ==, "gpt-image-2");
    g_assert_cmpstr (edit_prompt, ==, "Give the fox a woolly hat");
  }
  g_assert_cmpuint (studio_fake_form_count (form, "image") +
                    studio_fake_form_count (form, "image[]"), ==, 1);
  mask_bytes = studio_fake_form_get_file (form, "mask", 0, NULL, &mask_type);
  g_assert_nonnull (mask_bytes);
  g_assert_cmpstr (mask_type, ==, "image/png");
  mask = decode (mask_bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (mask), ==, SIDE);
  g_assert_cmpint (gdk_pixbuf_get_height (mask), ==, SIDE);
  g_assert_cmpuint (alpha_at (mask, 12, 8), ==, 0);
  g_assert_cmpuint (alpha_at (mask, 50, 50), ==, 255);

  edited = studio_image_gallery_get_item (fixture.gallery, 0);
  g_assert_cmpstr (studio_image_record_get_endpoint (edited), ==, "edits");
  g_assert_cmpint (studio_image_record_get_parent_id (edited), ==,
                   studio_image_record_get_id (first));
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-edited.png");

  fixture_stop (&fixture);
}

static gboolean
error_shown (gpointer data)
{
  Fixture *fixture = data;

  return studio_gui_find_label_prefix (fixture->page, "The Server Refused the Request") != NULL &&
         gtk_widget_get_mapped (studio_gui_find_label_prefix (fixture->page,
                                                              "The Server Refused the Request"));
}

static gboolean
partial_kept (gpointer data)
{
  Fixture *fixture = data;

  return studio_image_gallery_get_n_items (fixture->gallery) == 1 &&
         studio_gui_find_label_prefix (fixture->page, "The Image Stopped Arriving") != NULL;
}

/* A 400 naming a parameter, then a stream cut after a partial image: each
 * on screen with what to change, the prompt kept, the partial image kept.
 */
static void
test_images_page_faults_run (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GBytes) png = encode_png (0x22aa44ff);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  g_autofree char *partial = g_strdup_printf ("event: image_generation.partial_image\n"
                                              "data: {\"type\":\"image_generation.partial_image\","
                                              "\"b64_json\":\"%s\",\"size\":\"1024x1024\","
                                              "\"partial_image_index\":0}\n\n", b64);
  const char *chunks[] = { partial, NULL };
  g_autofree char *prompt = NULL;
  StudioImageRecord *kept;

  fixture_start (&fixture, "gpt-image-1.5");
  set_prompt (&fixture, "A lighthouse at dusk");
  studio_gui_wait_for (generate_enabled, &fixture);

  studio_fake_server_push (fixture.server, "/v1/images/generations", 400, "application/json",
                           "{\"error\":{\"message\":\"Invalid value: 'huge'. Supported values "
                           "are: 'low', 'medium', 'high' and 'auto'.\",\"type\":"
                           "\"invalid_request_error\",\"param\":\"quality\",\"code\":"
                           "\"invalid_value\"}}", NULL);
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.generate", NULL));
  studio_gui_wait_for (error_shown, &fixture);
  studio_gui_wait_for (not_running, &fixture);
  g_assert_nonnull (studio_gui_find_label_prefix (fixture.page, "Change “quality” and try again."));
  g_assert_cmpuint (studio_image_gallery_get_n_items (fixture.gallery), ==, 0);
  prompt = get_prompt (&fixture);
  g_assert_cmpstr (prompt, ==, "A lighthouse at dusk");
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-error.png");

  /* Streamed, and cut after the first partial image. */
  {
    GtkWidget *options = studio_gui_find_widget (fixture.page, ADW_TYPE_ACTION_ROW, "Stream");
    GtkWidget *toggle = options ? studio_gui_find_widget (options, GTK_TYPE_SWITCH, NULL) : NULL;

    g_assert_nonnull (toggle);
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  }
  studio_fake_server_push_stream_full (fixture.server, "/v1/images/generations", chunks, 1,
                                       STUDIO_FAKE_STREAM_CLOSE);
  g_assert_true (gtk_widget_activate_action (fixture.page, "images.generate", NULL));
  studio_gui_wait_for (partial_kept, &fixture);
  studio_gui_wait_for (not_running, &fixture);
  kept = studio_image_gallery_get_item (fixture.gallery, 0);
  g_assert_cmpint (studio_image_record_get_state (kept), ==, STUDIO_IMAGE_STATE_PARTIAL);
  studio_gui_wait_frames (fixture.page, 3);
  studio_gui_screenshot (GTK_WIDGET (fixture.window), "images-partial.png");

  fixture_stop (&fixture);
}

static void
run_in_subprocess (void (*func) (void))
{
  if (g_test_subprocess ())
    {
      func ();
      return;
    }

  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_images_page_generate (void)
{
  run_in_subprocess (test_images_page_generate_run);
}

static void
test_images_page_faults (void)
{
  run_in_subprocess (test_images_page_faults_run);
}

int
main (int   argc,
      char *argv[])
{
  studio_gui_use_private_dirs ("studio-images-page-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);

  /* First: it starts from an empty gallery. */
  g_test_add_func ("/studio/images-page/faults", test_images_page_faults);
  g_test_add_func ("/studio/images-page/generate", test_images_page_generate);

  return g_test_run ();
}
