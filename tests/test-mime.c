/* test-mime.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "studio-mime.h"

/* The first bytes of real files, as the tools that make them write them
 * (GStreamer's wavenc, lamemp3enc, oggmux, flacenc, mp4mux and webmmux,
 * and an iTunes-style M4A), so the rules are checked against what users
 * drop, not against names.
 */
static const guint8 wav[] = {
  'R', 'I', 'F', 'F', 0x24, 0x00, 0x00, 0x00, 'W', 'A', 'V', 'E',
  'f', 'm', 't', ' ', 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
  0x40, 0x1f, 0x00, 0x00, 0x80, 0x3e, 0x00, 0x00, 0x02, 0x00, 0x10, 0x00,
  'd', 'a', 't', 'a', 0x00, 0x00, 0x00, 0x00,
};
static const guint8 mp3_id3[] = { 'I', 'D', '3', 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const guint8 mp3_frame[] = {
  0xff, 0xfb, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};
static const guint8 ogg_vorbis[] = {
  'O', 'g', 'g', 'S', 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x03, 0xe2, 0x71, 0x6a, 0x00, 0x00, 0x00, 0x00, 0x7a, 0x6d,
  0x0e, 0xc4, 0x01, 0x1e, 0x01, 'v', 'o', 'r', 'b', 'i', 's', 0x00,
  0x00, 0x00, 0x00, 0x01, 0x44, 0xac, 0x00, 0x00,
};
static const guint8 flac[] = { 'f', 'L', 'a', 'C', 0x00, 0x00, 0x00, 0x22 };
static const guint8 m4a[] = {
  0x00, 0x00, 0x00, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ',
  0x00, 0x00, 0x00, 0x00, 'M', '4', 'A', ' ', 'm', 'p', '4', '2',
  'i', 's', 'o', 'm', 0x00, 0x00, 0x00, 0x08, 'f', 'r', 'e', 'e',
};
static const guint8 mp4_audio[] = {
  0x00, 0x00, 0x00, 0x20, 'f', 't', 'y', 'p', 'm', 'p', '4', '2',
  0x00, 0x00, 0x00, 0x00, 'm', 'p', '4', '2', 'm', 'p', '4', '1',
  'i', 's', 'o', 'm', 'i', 's', 'o', '2',
};
static const guint8 webm_audio[] = {
  0x1a, 0x45, 0xdf, 0xa3, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
  0x42, 0x82, 0x85, 'w', 'e', 'b', 'm', 0x00, 0x42, 0x87, 0x81, 0x02,
  0x42, 0x85, 0x81, 0x02, 0x18, 0x53, 0x80, 0x67,
};
static const guint8 png[] = {
  0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  'I', 'H', 'D', 'R', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
};
static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00 };
static const guint8 gif[] = { 'G', 'I', 'F', '8', '9', 'a', 0x01, 0x00, 0x01, 0x00, 0x80, 0x00 };
static const guint8 webp[] = {
  'R', 'I', 'F', 'F', 0x1a, 0x00, 0x00, 0x00, 'W', 'E', 'B', 'P',
  'V', 'P', '8', ' ', 0x0e, 0x00, 0x00, 0x00,
};
static const guint8 tiff[] = { 'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00 };
static const guint8 text[] = "Notes for Tuesday: buy milk.\n";

typedef struct
{
  const char   *what;
  const guint8 *data;
  gsize         length;
  const char   *mime_type;
  gboolean      audio;
  gboolean      chat_image;
} Sample;

#define SAMPLE(what, data, mime_type, audio, image) \
  { what, data, sizeof data, mime_type, audio, image }

static const Sample samples[] = {
  SAMPLE ("wav", wav, "audio/x-wav", TRUE, FALSE),
  SAMPLE ("mp3 with ID3", mp3_id3, "audio/mpeg", TRUE, FALSE),
  SAMPLE ("mp3 frames", mp3_frame, "audio/mpeg", TRUE, FALSE),
  SAMPLE ("ogg vorbis", ogg_vorbis, "audio/x-vorbis+ogg", TRUE, FALSE),
  SAMPLE ("flac", flac, "audio/flac", TRUE, FALSE),
  SAMPLE ("m4a", m4a, "audio/mp4", TRUE, FALSE),
  /* Sound-only MP4 and WebM sniff as video; the service takes them. */
  SAMPLE ("mp4 with sound", mp4_audio, "video/mp4", TRUE, FALSE),
  SAMPLE ("webm with sound", webm_audio, "video/webm", TRUE, FALSE),
  SAMPLE ("png", png, "image/png", FALSE, TRUE),
  SAMPLE ("jpeg", jpeg, "image/jpeg", FALSE, TRUE),
  SAMPLE ("gif", gif, "image/gif", FALSE, TRUE),
  SAMPLE ("webp", webp, "image/webp", FALSE, TRUE),
  /* An image, but not one the chat API takes. */
  SAMPLE ("tiff", tiff, "image/tiff", FALSE, FALSE),
  { "text", text, sizeof text - 1, "text/plain", FALSE, FALSE },
};

static void
test_mime_sniff_bytes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const Sample *sample = &samples[i];
      g_autofree char *mime_type = studio_mime_sniff_bytes (sample->data, sample->length);

      g_test_message ("%s: %s", sample->what, mime_type);
      g_assert_cmpstr (mime_type, ==, sample->mime_type);
      g_assert_cmpint (studio_mime_is_audio (mime_type), ==, sample->audio);
      g_assert_cmpint (studio_mime_is_chat_image (mime_type), ==, sample->chat_image);
    }
}

static void
test_mime_unknown (void)
{
  static const guint8 noise[] = { 0x00, 0x13, 0x37, 0xc0, 0xff, 0xee, 0x00, 0x01 };
  g_autofree char *mime_type = studio_mime_sniff_bytes (noise, sizeof noise);
  g_autofree char *empty = studio_mime_sniff_bytes (NULL, 0);

  /* Never NULL, and never taken for audio or an image. */
  g_assert_cmpstr (mime_type, ==, "application/octet-stream");
  g_assert_nonnull (empty);
  g_assert_false (studio_mime_is_audio (empty));
  g_assert_false (studio_mime_is_chat_image (empty));
}

static void
test_mime_rules (void)
{
  const char * const *types = studio_mime_get_chat_image_types ();

  g_assert_cmpuint (g_strv_length ((char **) types), ==, 4);
  g_assert_cmpstr (types[0], ==, "image/png");
  g_assert_cmpstr (types[1], ==, "image/jpeg");
  g_assert_cmpstr (types[2], ==, "image/webp");
  g_assert_cmpstr (types[3], ==, "image/gif");
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_true (studio_mime_is_chat_image (types[i]));

  g_assert_false (studio_mime_is_chat_image (NULL));
  g_assert_false (studio_mime_is_chat_image ("image/svg+xml"));
  g_assert_false (studio_mime_is_chat_image ("image/pngx"));

  g_assert_true (studio_mime_is_audio ("audio/ogg"));
  g_assert_true (studio_mime_is_audio ("video/mp4"));
  g_assert_true (studio_mime_is_audio ("video/webm"));
  g_assert_false (studio_mime_is_audio ("video/quicktime"));
  g_assert_false (studio_mime_is_audio ("application/ogg-audio"));
  g_assert_false (studio_mime_is_audio (NULL));
}

static GFile *
write_tmp (const char *template,
           const void *data,
           gsize       length)
{
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = g_file_new_tmp (template, &io, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  g_assert_no_error (error);

  return file;
}

static void
test_mime_sniff_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) text_as_mp3 = write_tmp ("studio-XXXXXX.mp3", text, sizeof text - 1);
  g_autoptr(GFile) png_as_txt = write_tmp ("studio-XXXXXX.txt", png, sizeof png);
  g_autoptr(GFile) bare = write_tmp ("studio-XXXXXX", flac, sizeof flac);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* The content decides, whatever the name says. */
  a = studio_mime_sniff_file (text_as_mp3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "text/plain");
  g_assert_false (studio_mime_is_audio (a));

  b = studio_mime_sniff_file (png_as_txt, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "image/png");

  c = studio_mime_sniff_file (bare, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c, ==, "audio/flac");

  g_file_delete (text_as_mp3, NULL, NULL);
  g_file_delete (png_as_txt, NULL, NULL);
  g_file_delete (bare, NULL, NULL);
}

static void
test_mime_sniff_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new_len ((const char *) wav, sizeof wav);
  g_autoptr(GFile) file = NULL;
  g_autofree char *mime_type = NULL;

  /* Far more than is read; the rest must not matter. */
  while (data->len < 10 * STUDIO_MIME_SNIFF_BYTES)
    g_string_append_c (data, (char) (data->len % 251));
  file = write_tmp ("studio-XXXXXX.bin", data->str, data->len);

  mime_type = studio_mime_sniff_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime_type, ==, "audio/x-wav");

  g_file_delete (file, NULL, NULL);
}

static void
test_mime_sniff_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = g_dir_make_tmp ("studio-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gone.wav", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (path);
  g_autoptr(GFile) present = write_tmp ("studio-XXXXXX.wav", wav, sizeof wav);
  char *mime_type;

  mime_type = studio_mime_sniff_file (missing, NULL, &error);
  g_assert_null (mime_type);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  mime_type = studio_mime_sniff_file (present, cancellable, &error);
  g_assert_null (mime_type);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_file_delete (present, NULL, NULL);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/mime/sniff-bytes", test_mime_sniff_bytes);
  g_test_add_func ("/studio/mime/unknown", test_mime_unknown);
  g_test_add_func ("/studio/mime/rules", test_mime_rules);
  g_test_add_func ("/studio/mime/sniff-file", test_mime_sniff_file);
  g_test_add_func ("/studio/mime/sniff-large-file", test_mime_sniff_large_file);
  g_test_add_func ("/studio/mime/sniff-errors", test_mime_sniff_errors);

  return g_test_run ();
}
