/* test-speech-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gst/gst.h>

#include "studio-fake-server.h"
#include "studio-media-error.h"
#include "studio-speech-decoder.h"
#include "studio-speech-export.h"

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech", name, NULL);

  return g_file_new_for_path (path);
}

static double
fixture_seconds (const char *name)
{
  g_autoptr(GFile) file = fixture_file (name);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);

  return g_file_info_get_size (info) / 2.0 / STUDIO_SPEECH_DECODER_RATE;
}

static void
count_cb (StudioSpeechDecoder *decoder,
          GBytes              *bytes,
          guint64             *n_bytes)
{
  *n_bytes += g_bytes_get_size (bytes);
}

static void
over_cb (StudioSpeechDecoder *decoder,
         gboolean            *over)
{
  *over = TRUE;
}

/* How long @file plays, decoded as @format. */
static double
decoded_seconds (GFile      *file,
                 const char *format)
{
  g_autoptr(StudioSpeechDecoder) decoder = studio_speech_decoder_new (format);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  guint64 n_bytes = 0;
  gboolean over = FALSE;

  g_assert_nonnull (bytes);
  g_signal_connect (decoder, "pcm", G_CALLBACK (count_cb), &n_bytes);
  g_signal_connect (decoder, "done", G_CALLBACK (over_cb), &over);
  g_signal_connect_swapped (decoder, "failed", G_CALLBACK (over_cb), &over);
  studio_speech_decoder_push (decoder, bytes);
  studio_speech_decoder_finish (decoder);
  while (!over)
    g_main_context_iteration (NULL, TRUE);

  return n_bytes / 2.0 / STUDIO_SPEECH_DECODER_RATE;
}

static gboolean
export (GPtrArray   *files,
        const char  *in_format,
        GFile       *destination,
        const char  *out_format,
        GCancellable *cancellable,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  studio_speech_export_async (files, in_format, destination, out_format, cancellable,
                              studio_fake_result_cb, &result);
  return studio_speech_export_finish (studio_fake_wait_result (&result), error);
}

/* Two pieces in each format joined into each format last as long as both. */
static void
test_export_join (void)
{
  static const char * const formats[] = { "pcm", "wav", "mp3", "opus", "aac", "flac" };
  g_autofree char *dir = g_dir_make_tmp ("studio-speech-export-XXXXXX", NULL);
  double expected = fixture_seconds ("a.pcm") + fixture_seconds ("b.pcm");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *a = g_strdup_printf ("a.%s", formats[i]);
      g_autofree char *b = g_strdup_printf ("b.%s", formats[i]);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      const char *out = formats[(i + 2) % G_N_ELEMENTS (formats)];

      if (!studio_speech_format_can_decode (formats[i]) || !studio_speech_format_can_encode (out))
        continue;

      g_ptr_array_add (files, fixture_file (a));
      g_ptr_array_add (files, fixture_file (b));

      for (guint j = 0; j < 2; j++)
        {
          const char *format = j == 0 ? out : formats[i];
          g_autofree char *name = g_strdup_printf ("%s-to-%s.%s", formats[i], format, format);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GFile) destination = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;
          double seconds;

          g_assert_true (export (files, formats[i], destination, format, NULL, &error));
          g_assert_no_error (error);
          seconds = decoded_seconds (destination, format);
          g_test_message ("%s → %s: %.3f s of %.3f s", formats[i], format, seconds, expected);
          /* Encoders pad each end (an MP3 frame and its delay, AAC priming). */
          g_assert_cmpfloat_with_epsilon (seconds, expected, 0.3);
        }
    }

  studio_fake_remove_tree (dir);
}

/* One piece in its own format is copied as it is. */
static void
test_export_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("studio-speech-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "copy.mp3", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, fixture_file ("a.mp3"));
  g_assert_true (export (files, "mp3", destination, "mp3", NULL, &error));
  original = g_file_load_bytes (g_ptr_array_index (files, 0), NULL, NULL, NULL);
  copy = g_file_load_bytes (destination, NULL, NULL, NULL);
  g_assert_true (g_bytes_equal (original, copy));

  studio_fake_remove_tree (dir);
}

/* A missing piece fails and leaves no file, as does a cancel. */
static void
test_export_failures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("studio-speech-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.wav", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;

  g_ptr_array_add (files, fixture_file ("a.mp3"));
  g_ptr_array_add (files, fixture_file ("missing.mp3"));
  g_assert_false (export (files, "mp3", destination, "wav", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (destination, NULL));

  g_ptr_array_remove_index (files, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (export (files, "mp3", destination, "wav", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_query_exists (destination, NULL));

  /* No partial file is left beside it either. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  studio_fake_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-export/join", test_export_join);
  g_test_add_func ("/speech-export/copy", test_export_copy);
  g_test_add_func ("/speech-export/failures", test_export_failures);

  return g_test_run ();
}
