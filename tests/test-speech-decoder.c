/* test-speech-decoder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gst/gst.h>
#include <string.h>

#include "studio-media-error.h"
#include "studio-speech-decoder.h"

typedef struct
{
  GByteArray *pcm;
  guint       n_pcm;
  gboolean    done;
  GError     *error;
} Decoded;

static void
pcm_cb (StudioSpeechDecoder *decoder,
        GBytes              *bytes,
        Decoded             *decoded)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size % 2, ==, 0);
  g_byte_array_append (decoded->pcm, data, size);
  decoded->n_pcm++;
}

static void
done_cb (StudioSpeechDecoder *decoder,
         Decoded             *decoded)
{
  g_assert_false (decoded->done);
  decoded->done = TRUE;
}

static void
failed_cb (StudioSpeechDecoder *decoder,
           const GError        *error,
           Decoded             *decoded)
{
  g_assert_null (decoded->error);
  decoded->error = g_error_copy (error);
}

static StudioSpeechDecoder *
decoder_new (const char *format,
             Decoded    *decoded)
{
  StudioSpeechDecoder *decoder = studio_speech_decoder_new (format);

  decoded->pcm = g_byte_array_new ();
  g_signal_connect (decoder, "pcm", G_CALLBACK (pcm_cb), decoded);
  g_signal_connect (decoder, "done", G_CALLBACK (done_cb), decoded);
  g_signal_connect (decoder, "failed", G_CALLBACK (failed_cb), decoded);

  return decoder;
}

static void
decoded_clear (Decoded *decoded)
{
  g_clear_pointer (&decoded->pcm, g_byte_array_unref);
  g_clear_error (&decoded->error);
}

static GBytes *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
push_chunks (StudioSpeechDecoder *decoder,
             GBytes              *bytes,
             gsize                from,
             gsize                to,
             gsize                chunk)
{
  for (gsize offset = from; offset < to; offset += chunk)
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, offset, MIN (chunk, to - offset));

      studio_speech_decoder_push (decoder, part);
    }
}

static void
wait_until (gboolean (*condition) (Decoded *),
            Decoded   *decoded)
{
  while (!condition (decoded))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_over (Decoded *decoded)
{
  return decoded->done || decoded->error != NULL;
}

static gboolean
has_pcm (Decoded *decoded)
{
  return decoded->n_pcm > 0 || decoded->error != NULL;
}

/* Every format decodes to the duration of the original, its first samples
 * coming out before the whole answer is in.
 */
static void
test_decoder_formats (void)
{
  static const char * const formats[] = { "pcm", "wav", "mp3", "opus", "aac", "flac" };
  g_autoptr(GBytes) original = read_fixture ("a.pcm");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("a.%s", formats[i]);
      g_autoptr(GBytes) bytes = read_fixture (name);
      g_autoptr(StudioSpeechDecoder) decoder = NULL;
      gsize size = g_bytes_get_size (bytes);
      Decoded decoded = { 0 };
      double expected, got;

      if (!studio_speech_format_can_decode (formats[i]))
        {
          g_test_message ("No %s decoder here", formats[i]);
          continue;
        }

      decoder = decoder_new (formats[i], &decoded);
      push_chunks (decoder, bytes, 0, size / 2, 1024);
      wait_until (has_pcm, &decoded);
      g_assert_no_error (decoded.error);
      g_assert_false (decoded.done);

      push_chunks (decoder, bytes, size / 2, size, 1024);
      studio_speech_decoder_finish (decoder);
      wait_until (is_over, &decoded);
      g_assert_no_error (decoded.error);

      expected = g_bytes_get_size (original) / 2.0 / STUDIO_SPEECH_DECODER_RATE;
      got = decoded.pcm->len / 2.0 / STUDIO_SPEECH_DECODER_RATE;
      g_test_message ("%s: %.3f s of %.3f s", formats[i], got, expected);
      if (g_str_equal (formats[i], "pcm") || g_str_equal (formats[i], "wav"))
        g_assert_cmpmem (decoded.pcm->data, decoded.pcm->len,
                         g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      else
        g_assert_cmpfloat_with_epsilon (got, expected, 0.08);
      g_assert_cmpuint (studio_speech_decoder_get_n_samples (decoder), ==, decoded.pcm->len / 2);

      decoded_clear (&decoded);
    }
}

/* Raw samples and a streamed WAV fed one byte at a time lose nothing. */
static void
test_decoder_odd_chunks (void)
{
  static const char * const formats[] = { "pcm", "wav" };
  g_autoptr(GBytes) original = read_fixture ("a.pcm");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("a.%s", formats[i]);
      g_autoptr(GBytes) bytes = read_fixture (name);
      g_autoptr(StudioSpeechDecoder) decoder = NULL;
      Decoded decoded = { 0 };

      decoder = decoder_new (formats[i], &decoded);
      push_chunks (decoder, bytes, 0, 301, 1);
      push_chunks (decoder, bytes, 301, g_bytes_get_size (bytes), 777);
      studio_speech_decoder_finish (decoder);
      wait_until (is_over, &decoded);
      g_assert_no_error (decoded.error);
      g_assert_cmpmem (decoded.pcm->data, decoded.pcm->len,
                       g_bytes_get_data (original, NULL), g_bytes_get_size (original));
      decoded_clear (&decoded);
    }
}

static GBytes *
make_wav (GBytes  *pcm,
          guint32  rate,
          guint16  channels,
          guint32  data_size)
{
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  gsize size;
  const gint16 *samples = g_bytes_get_data (pcm, &size);
  guint32 u32;
  guint16 u16;

#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u16, 2))
  g_byte_array_append (wav, (guint8 *) "RIFF", 4);
  PUT32 (data_size);
  g_byte_array_append (wav, (guint8 *) "WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);
  PUT16 (channels);
  PUT32 (rate);
  PUT32 (rate * channels * 2);
  PUT16 (channels * 2);
  PUT16 (16);
  /* A chunk to skip before the samples. */
  g_byte_array_append (wav, (guint8 *) "LIST", 4);
  PUT32 (3);
  g_byte_array_append (wav, (guint8 *) "abc\0", 4);
  g_byte_array_append (wav, (guint8 *) "data", 4);
  PUT32 (data_size);
#undef PUT32
#undef PUT16

  /* 24 kHz mono to @rate and @channels, by repeating or dropping. */
  for (guint64 out = 0;; out++)
    {
      guint64 in = out * STUDIO_SPEECH_DECODER_RATE / rate;

      if (in >= size / 2)
        break;
      for (guint c = 0; c < channels; c++)
        g_byte_array_append (wav, (guint8 *) &samples[in], 2);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&wav));
}

/* A WAV of another shape, with sizes of 0, is converted. */
static void
test_decoder_wav_other_shape (void)
{
  g_autoptr(GBytes) original = read_fixture ("a.pcm");
  g_autoptr(GBytes) wav = make_wav (original, 16000, 2, 0);
  g_autoptr(StudioSpeechDecoder) decoder = NULL;
  Decoded decoded = { 0 };
  double expected = g_bytes_get_size (original) / 2.0 / STUDIO_SPEECH_DECODER_RATE;

  decoder = decoder_new ("wav", &decoded);
  push_chunks (decoder, wav, 0, g_bytes_get_size (wav), 4096);
  studio_speech_decoder_finish (decoder);
  wait_until (is_over, &decoded);
  g_assert_no_error (decoded.error);
  g_assert_cmpfloat_with_epsilon (decoded.pcm->len / 2.0 / STUDIO_SPEECH_DECODER_RATE, expected, 0.01);
  decoded_clear (&decoded);
}

/* Bytes that are no audio fail, as does a WAV that is not one. */
static void
test_decoder_garbled (void)
{
  static const char * const formats[] = { "mp3", "wav", "flac" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(StudioSpeechDecoder) decoder = NULL;
      g_autoptr(GByteArray) junk = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      Decoded decoded = { 0 };
      GRand *rand = g_rand_new_with_seed (42);

      for (guint j = 0; j < 64 * 1024; j++)
        {
          guint8 byte = g_rand_int (rand);

          g_byte_array_append (junk, &byte, 1);
        }
      g_rand_free (rand);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&junk));

      decoder = decoder_new (formats[i], &decoded);
      push_chunks (decoder, bytes, 0, g_bytes_get_size (bytes), 4096);
      studio_speech_decoder_finish (decoder);
      wait_until (is_over, &decoded);
      g_assert_nonnull (decoded.error);
      g_assert_true (decoded.error->domain == STUDIO_MEDIA_ERROR);
      g_test_message ("%s: %s", formats[i], decoded.error->message);
      decoded_clear (&decoded);
    }
}

/* An answer cut short plays what arrived. */
static void
test_decoder_truncated (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("a.mp3");
  g_autoptr(StudioSpeechDecoder) decoder = NULL;
  Decoded decoded = { 0 };

  decoder = decoder_new ("mp3", &decoded);
  push_chunks (decoder, bytes, 0, g_bytes_get_size (bytes) / 3, 1000);
  studio_speech_decoder_finish (decoder);
  wait_until (is_over, &decoded);
  g_assert_no_error (decoded.error);
  g_assert_true (decoded.done);
  g_assert_cmpuint (decoded.pcm->len, >, STUDIO_SPEECH_DECODER_BYTES_PER_SECOND / 2);
  decoded_clear (&decoded);
}

/* Without a decoder for the format, the error names it. */
static void
test_decoder_missing (void)
{
  g_autoptr(GstCaps) caps = gst_caps_from_string ("audio/mpeg,mpegversion=(int)4");
  g_autoptr(GBytes) bytes = read_fixture ("a.aac");
  g_autoptr(StudioSpeechDecoder) decoder = NULL;
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint));
  Decoded decoded = { 0 };
  GList *all, *aac;

  /* Every AAC decoder is hidden from autoplugging, as if not installed. */
  all = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER, GST_RANK_MARGINAL);
  aac = gst_element_factory_list_filter (all, caps, GST_PAD_SINK, FALSE);
  if (aac == NULL)
    {
      gst_plugin_feature_list_free (all);
      g_test_skip ("No AAC decoder to hide");
      return;
    }
  for (GList *l = aac; l != NULL; l = l->next)
    {
      guint rank = gst_plugin_feature_get_rank (l->data);

      g_array_append_val (ranks, rank);
      gst_plugin_feature_set_rank (l->data, GST_RANK_NONE);
    }

  g_assert_false (studio_speech_format_can_decode ("aac"));
  g_assert_cmpstr (studio_speech_format_get_fallback (), ==, "mp3");

  decoder = decoder_new ("aac", &decoded);
  push_chunks (decoder, bytes, 0, g_bytes_get_size (bytes), 4096);
  studio_speech_decoder_finish (decoder);
  wait_until (is_over, &decoded);
  g_assert_error (decoded.error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN);
  g_assert_nonnull (strstr (decoded.error->message, "AAC"));
  g_assert_nonnull (strstr (decoded.error->message, "MP3"));

  for (GList *l = aac; l != NULL; l = l->next)
    gst_plugin_feature_set_rank (l->data, g_array_index (ranks, guint, g_list_position (aac, l)));
  gst_plugin_feature_list_free (aac);
  gst_plugin_feature_list_free (all);

  g_assert_true (studio_speech_format_can_decode ("aac"));
  decoded_clear (&decoded);
}

/* Cancelling or dropping a decoder mid-answer is clean. */
static void
test_decoder_cancel (void)
{
  g_autoptr(GBytes) bytes = read_fixture ("a.flac");
  Decoded decoded = { 0 };
  StudioSpeechDecoder *decoder;

  decoder = decoder_new ("flac", &decoded);
  push_chunks (decoder, bytes, 0, g_bytes_get_size (bytes) / 2, 2048);
  wait_until (has_pcm, &decoded);
  studio_speech_decoder_cancel (decoder);
  push_chunks (decoder, bytes, g_bytes_get_size (bytes) / 2, g_bytes_get_size (bytes), 2048);
  studio_speech_decoder_finish (decoder);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_false (decoded.done);
  g_object_unref (decoder);

  decoded_clear (&decoded);
  decoder = decoder_new ("opus", &decoded);
  push_chunks (decoder, bytes, 0, 4096, 2048);
  g_object_unref (decoder);
  while (g_main_context_iteration (NULL, FALSE));
  decoded_clear (&decoded);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speech-decoder/formats", test_decoder_formats);
  g_test_add_func ("/speech-decoder/odd-chunks", test_decoder_odd_chunks);
  g_test_add_func ("/speech-decoder/wav-other-shape", test_decoder_wav_other_shape);
  g_test_add_func ("/speech-decoder/garbled", test_decoder_garbled);
  g_test_add_func ("/speech-decoder/truncated", test_decoder_truncated);
  g_test_add_func ("/speech-decoder/missing", test_decoder_missing);
  g_test_add_func ("/speech-decoder/cancel", test_decoder_cancel);

  return g_test_run ();
}
