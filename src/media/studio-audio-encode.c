/* studio-audio-encode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-media"

#include "config.h"

#include "studio-audio-encode.h"
#include "studio-media-error.h"

/* How the app writes audio, said once for the recorder and the converter:
 * mono Opus at a speech bitrate, in Ogg pages flushed at least every half
 * second, so that a killed process leaves a file that plays up to then.
 */

#define MAX_PAGE_DELAY_NS (500 * GST_MSECOND)

/* Ogg and Opus framing over the payload, measured on speech: about 3 %. */
#define OVERHEAD_PERCENT 3

/**
 * studio_audio_encoder_new:
 * @name: (nullable): the bin's name
 * @error: the return location for a missing plugin
 *
 * Makes a bin that takes any raw audio on its "sink" pad and gives mono Ogg
 * Opus on its "src" pad, for a filesink or an appsink.
 *
 * Returns: (transfer floating) (nullable): the bin
 */
GstElement *
studio_audio_encoder_new (const char  *name,
                          GError     **error)
{
  static const char *factories[] = { "audioconvert", "audioresample", "capsfilter", "opusenc", "oggmux" };
  GstElement *elements[G_N_ELEMENTS (factories)];
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) sink = NULL;
  g_autoptr(GstPad) src = NULL;
  GstElement *bin;

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    {
      elements[i] = studio_media_make_element (factories[i], NULL, error);
      if (elements[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            gst_object_unref (gst_object_ref_sink (elements[j]));
          return NULL;
        }
    }

  caps = gst_caps_new_simple ("audio/x-raw",
                              "channels", G_TYPE_INT, 1,
                              "rate", G_TYPE_INT, STUDIO_AUDIO_RATE,
                              NULL);
  g_object_set (elements[2], "caps", caps, NULL);
  gst_util_set_object_arg (G_OBJECT (elements[3]), "audio-type", "voice");
  g_object_set (elements[3], "bitrate", STUDIO_AUDIO_BITRATE, NULL);
  g_object_set (elements[4],
                "max-delay", (guint64) MAX_PAGE_DELAY_NS,
                "max-page-delay", (guint64) MAX_PAGE_DELAY_NS,
                NULL);

  bin = gst_bin_new (name);
  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    gst_bin_add (GST_BIN (bin), elements[i]);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (factories); i++)
    gst_element_link (elements[i], elements[i + 1]);

  sink = gst_element_get_static_pad (elements[0], "sink");
  src = gst_element_get_static_pad (elements[G_N_ELEMENTS (factories) - 1], "src");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", sink));
  gst_element_add_pad (bin, gst_ghost_pad_new ("src", src));

  return bin;
}

/**
 * studio_audio_estimate_bytes:
 * @duration_us: a length of audio
 *
 * Returns: about how large @duration_us of audio is once encoded
 */
guint64
studio_audio_estimate_bytes (gint64 duration_us)
{
  guint64 payload = (guint64) MAX (duration_us, 0) * STUDIO_AUDIO_BITRATE / 8 / G_USEC_PER_SEC;

  return payload + payload * OVERHEAD_PERCENT / 100;
}
