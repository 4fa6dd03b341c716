/* studio-speech-decoder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-decoder"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/app.h>
#include <gst/audio/audio.h>
#include <string.h>

#include "studio-media-error.h"
#include "studio-speech-decoder.h"

/* Decodes one answer of the speech service as its bytes arrive, into the
 * one PCM shape the player plays: S16LE, mono, 24 kHz.
 *
 * Raw "pcm" is that shape already and goes straight through. A WAV's
 * header is read here rather than by wavparse, because a streamed WAV
 * says its sizes are 0xFFFFFFFF (or 0), which wavparse in push mode takes
 * at its word; its samples then go straight through too, or through
 * audioconvert and audioresample when they are another shape. The other
 * formats go through appsrc ! decodebin ! audioconvert ! audioresample !
 * appsink. GStreamer runs in its own threads; samples are queued and
 * handed to the main context of the thread that made the decoder, in
 * order, with "done" after the last of them.
 */
struct _StudioSpeechDecoder
{
  GObject       parent_instance;

  char         *format;
  GMainContext *context;

  /* The WAV header, gathered until its "data" chunk starts. */
  GByteArray   *header;
  gboolean      header_done;

  /* Straight through: an odd byte waits for its pair. */
  gboolean      passthrough;
  gboolean      has_odd_byte;
  guint8        odd_byte;

  /* Through GStreamer. */
  GstElement   *pipeline;
  GstElement   *appsrc;
  GstElement   *convert;
  GSource      *bus_source;
  GSource      *idle_source;

  GMutex        mutex;
  GQueue        queue;            /* GBytes, then NULL for the end */

  guint64       n_samples;
  gboolean      finished;         /* finish() was called */
  gboolean      over;             /* done, failed or cancelled */
  gboolean      failing;          /* a failure is on its way to the main loop */
};

G_DEFINE_FINAL_TYPE (StudioSpeechDecoder, studio_speech_decoder, G_TYPE_OBJECT)

enum {
  PCM,
  DONE,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define OUTPUT_CAPS "audio/x-raw,format=S16LE,layout=interleaved,rate=24000,channels=1"

typedef struct
{
  const char *format;
  const char *label;
  const char *caps;
} FormatInfo;

/* What each format is, as GStreamer caps, for typefinding and for finding
 * a decoder in the registry.
 */
static const FormatInfo formats[] = {
  { "mp3",  "MP3",  "audio/mpeg,mpegversion=(int)1,layer=(int)3" },
  { "opus", "Opus", "audio/x-opus" },
  { "aac",  "AAC",  "audio/mpeg,mpegversion=(int)4" },
  { "flac", "FLAC", "audio/x-flac" },
  { "wav",  "WAV",  NULL },
  { "pcm",  "PCM",  NULL },
};

static const FormatInfo *
lookup_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (formats[i].format, format) == 0)
        return &formats[i];
    }

  return NULL;
}

static const char *
format_label (const char *format)
{
  const FormatInfo *info = lookup_format (format);

  return info != NULL ? info->label : format;
}

static void
emit_pcm (StudioSpeechDecoder *self,
          GBytes              *bytes)
{
  self->n_samples += g_bytes_get_size (bytes) / 2;
  g_signal_emit (self, signals[PCM], 0, bytes);
}

/* Hands what GStreamer queued to the main context. Returns FALSE when the
 * end was among it.
 */
static gboolean
drain_queue (StudioSpeechDecoder *self)
{
  g_object_ref (self);

  while (!self->over)
    {
      GBytes *bytes;
      gboolean empty;

      g_mutex_lock (&self->mutex);
      empty = g_queue_is_empty (&self->queue);
      bytes = empty ? NULL : g_queue_pop_head (&self->queue);
      g_mutex_unlock (&self->mutex);

      if (empty)
        break;

      if (bytes == NULL)
        {
          self->over = TRUE;
          g_signal_emit (self, signals[DONE], 0);
          break;
        }

      emit_pcm (self, bytes);
      g_bytes_unref (bytes);
    }

  g_object_unref (self);

  return !self->over;
}

static gboolean
idle_cb (gpointer user_data)
{
  StudioSpeechDecoder *self = user_data;

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->idle_source, g_source_unref);
  g_mutex_unlock (&self->mutex);

  drain_queue (self);

  return G_SOURCE_REMOVE;
}

/* Called from GStreamer's threads. */
static void
queue_push (StudioSpeechDecoder *self,
            GBytes              *bytes)
{
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->queue, bytes);
  if (self->idle_source == NULL)
    {
      self->idle_source = g_idle_source_new ();
      g_source_set_callback (self->idle_source, idle_cb, self, NULL);
      g_source_set_static_name (self->idle_source, "[studio] speech decoder");
      g_source_attach (self->idle_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  StudioSpeechDecoder *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;
  GstMapInfo map;

  if (sample == NULL)
    return GST_FLOW_EOS;

  buffer = gst_sample_get_buffer (sample);
  if (buffer != NULL && gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      if (map.size >= 2)
        queue_push (self, g_bytes_new (map.data, map.size & ~(gsize) 1));
      gst_buffer_unmap (buffer, &map);
    }

  return GST_FLOW_OK;
}

static void
eos_cb (GstAppSink *sink,
        gpointer    user_data)
{
  queue_push (user_data, NULL);
}

static void
stop_pipeline (StudioSpeechDecoder *self)
{
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);

  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }

  g_mutex_lock (&self->mutex);
  if (self->idle_source != NULL)
    {
      g_source_destroy (self->idle_source);
      g_clear_pointer (&self->idle_source, g_source_unref);
    }
  g_queue_clear_full (&self->queue, (GDestroyNotify) g_bytes_unref);
  g_mutex_unlock (&self->mutex);

  g_clear_object (&self->appsrc);
  g_clear_object (&self->convert);
  g_clear_object (&self->pipeline);
}

static void
fail (StudioSpeechDecoder *self,
      GError              *error)
{
  if (self->over)
    {
      g_error_free (error);
      return;
    }

  self->over = TRUE;
  g_signal_emit (self, signals[FAILED], 0, error);
  g_error_free (error);
}

typedef struct
{
  StudioSpeechDecoder *self;
  GError              *error;
} FailLater;

static gboolean
fail_later_cb (gpointer user_data)
{
  FailLater *later = user_data;

  fail (later->self, g_steal_pointer (&later->error));
  g_object_unref (later->self);
  g_free (later);

  return G_SOURCE_REMOVE;
}

/* Fails from the main loop, for a failure found while the decoder is made,
 * before anyone could connect to it.
 */
static void
fail_later (StudioSpeechDecoder *self,
            GError              *error)
{
  FailLater *later = g_new0 (FailLater, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  self->failing = TRUE;
  later->self = g_object_ref (self);
  later->error = error;
  g_source_set_callback (source, fail_later_cb, later, NULL);
  g_source_attach (source, self->context);
}

static GError *
missing_decoder_error (StudioSpeechDecoder *self)
{
  const char *fallback = studio_speech_format_get_fallback ();

  return g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
                      _("This computer cannot play %s audio: GStreamer has no decoder for it. "
                        "Choose %s in the speech options, or install the GStreamer codecs."),
                      format_label (self->format), format_label (fallback));
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  StudioSpeechDecoder *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;
        GError *error;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("Decoding %s failed: %s (%s)", self->format, gst_error->message, debug);

        /* Samples decoded before the error are still the listener's. */
        if (!drain_queue (self))
          return G_SOURCE_CONTINUE;

        if (g_error_matches (gst_error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN) ||
            g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_CODEC_NOT_FOUND))
          error = missing_decoder_error (self);
        else if (g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_TYPE_NOT_FOUND) &&
                 self->finished && self->n_samples > 0)
          {
            /* A stream cut short ends like any other. */
            self->over = TRUE;
            g_signal_emit (self, signals[DONE], 0);
            return G_SOURCE_CONTINUE;
          }
        else
          error = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                               _("The %s audio from the server is damaged and cannot be played."),
                               format_label (self->format));

        stop_pipeline (self);
        fail (self, error);
        return G_SOURCE_REMOVE;
      }

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
pad_added_cb (GstElement *decodebin,
              GstPad     *pad,
              gpointer    user_data)
{
  StudioSpeechDecoder *self = user_data;
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  g_autoptr(GstPad) sink_pad = NULL;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (!g_str_has_prefix (gst_structure_get_name (gst_caps_get_structure (caps, 0)), "audio/"))
    return;

  sink_pad = gst_element_get_static_pad (self->convert, "sink");
  if (!gst_pad_is_linked (sink_pad))
    gst_pad_link (pad, sink_pad);
}

/* Starts appsrc (@caps) [! decodebin] ! audioconvert ! audioresample !
 * appsink.
 */
static gboolean
start_pipeline (StudioSpeechDecoder  *self,
                GstCaps              *caps,
                gboolean              decode,
                GError              **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new (NULL);
  g_autoptr(GstCaps) output_caps = gst_caps_from_string (OUTPUT_CAPS);
  GstAppSinkCallbacks callbacks = { eos_cb, NULL, new_sample_cb, NULL, { NULL } };
  GstElement *appsrc, *decodebin = NULL, *convert, *resample, *appsink;
  g_autoptr(GstBus) bus = NULL;

  if (!(appsrc = studio_media_make_element ("appsrc", NULL, error)) ||
      (decode && !(decodebin = studio_media_make_element ("decodebin", NULL, error))) ||
      !(convert = studio_media_make_element ("audioconvert", NULL, error)) ||
      !(resample = studio_media_make_element ("audioresample", NULL, error)) ||
      !(appsink = studio_media_make_element ("appsink", NULL, error)))
    return FALSE;

  g_object_set (appsrc,
                "format", GST_FORMAT_BYTES,
                "stream-type", GST_APP_STREAM_TYPE_STREAM,
                "caps", caps,
                NULL);
  g_object_set (appsink, "sync", FALSE, "caps", output_caps, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (appsink), &callbacks, self, NULL);

  gst_bin_add_many (GST_BIN (pipeline), appsrc, convert, resample, appsink, NULL);
  if (!gst_element_link_many (convert, resample, appsink, NULL))
    goto failed;

  if (decodebin != NULL)
    {
      gst_bin_add (GST_BIN (pipeline), decodebin);
      g_signal_connect_object (decodebin, "pad-added", G_CALLBACK (pad_added_cb), self, 0);
      if (!gst_element_link (appsrc, decodebin))
        goto failed;
    }
  else if (!gst_element_link (appsrc, convert))
    {
      goto failed;
    }

  self->pipeline = g_steal_pointer (&pipeline);
  self->appsrc = g_object_ref (appsrc);
  self->convert = g_object_ref (convert);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (bus_cb), self, NULL);
  g_source_set_static_name (self->bus_source, "[studio] speech decoder bus");
  g_source_attach (self->bus_source, self->context);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                   _("The %s decoder could not be started."), format_label (self->format));
      return FALSE;
    }

  return TRUE;

failed:
  g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
               _("The %s decoder could not be set up."), format_label (self->format));
  return FALSE;
}

static void
start_encoded (StudioSpeechDecoder *self)
{
  const FormatInfo *info = lookup_format (self->format);
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (self->format, "opus") == 0)
    caps = gst_caps_new_empty_simple ("application/ogg");
  else if (g_strcmp0 (self->format, "aac") == 0)
    caps = gst_caps_from_string ("audio/mpeg,mpegversion=(int)4,stream-format=(string)adts");
  else if (g_strcmp0 (self->format, "mp3") == 0)
    caps = gst_caps_from_string ("audio/mpeg,mpegversion=(int)1");
  else if (info != NULL && info->caps != NULL)
    caps = gst_caps_from_string (info->caps);

  if (!studio_speech_format_can_decode (self->format))
    fail_later (self, missing_decoder_error (self));
  else if (!start_pipeline (self, caps, TRUE, &error))
    fail_later (self, g_steal_pointer (&error));
}

static void
push_pcm (StudioSpeechDecoder *self,
          const guint8        *data,
          gsize                size)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *samples;
  gsize n = 0;

  if (size == 0)
    return;

  samples = g_malloc (size + 1);
  if (self->has_odd_byte)
    samples[n++] = self->odd_byte;
  memcpy (samples + n, data, size);
  n += size;

  self->has_odd_byte = n % 2 == 1;
  if (self->has_odd_byte)
    self->odd_byte = samples[--n];

  if (n == 0)
    {
      g_free (samples);
      return;
    }

  bytes = g_bytes_new_take (samples, n);
  emit_pcm (self, bytes);
}

static void
push_to_pipeline (StudioSpeechDecoder *self,
                  const guint8        *data,
                  gsize                size)
{
  if (self->appsrc == NULL || size == 0)
    return;

  gst_app_src_push_buffer (GST_APP_SRC (self->appsrc),
                           gst_buffer_new_memdup (data, size));
}

/* Reads the WAV header gathered so far. Returns TRUE once the samples
 * start, with @offset where they do.
 */
static gboolean
parse_wav_header (StudioSpeechDecoder  *self,
                  gsize                *offset,
                  GError              **error)
{
  const guint8 *data = self->header->data;
  gsize size = self->header->len;
  guint16 format_tag = 0, channels = 0, bits = 0;
  guint32 rate = 0;
  gboolean have_format = FALSE;
  gsize pos = 12;

  if (size < 12)
    return FALSE;

  if (memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NOT_AUDIO,
                   _("The server’s answer is not WAV audio."));
      return FALSE;
    }

  while (pos + 8 <= size)
    {
      guint32 chunk_size = GUINT32_FROM_LE (*(guint32 *) (data + pos + 4));

      if (memcmp (data + pos, "data", 4) == 0)
        {
          g_autoptr(GstCaps) caps = NULL;
          g_autoptr(GError) local_error = NULL;

          if (!have_format || (format_tag != 1 && format_tag != 0xFFFE) || bits != 16 ||
              channels == 0 || rate == 0)
            {
              g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                           _("The WAV audio from the server is not 16-bit PCM and cannot be played."));
              return FALSE;
            }

          *offset = pos + 8;
          if (rate == STUDIO_SPEECH_DECODER_RATE && channels == 1)
            {
              self->passthrough = TRUE;
              return TRUE;
            }

          caps = gst_caps_new_simple ("audio/x-raw",
                                      "format", G_TYPE_STRING, "S16LE",
                                      "layout", G_TYPE_STRING, "interleaved",
                                      "rate", G_TYPE_INT, (int) rate,
                                      "channels", G_TYPE_INT, (int) channels,
                                      NULL);
          if (channels > 2)
            gst_caps_set_simple (caps, "channel-mask", GST_TYPE_BITMASK, (guint64) 0, NULL);
          if (!start_pipeline (self, caps, FALSE, &local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return TRUE;
        }

      if (memcmp (data + pos, "fmt ", 4) == 0)
        {
          if (pos + 8 + 16 > size)
            return FALSE;
          format_tag = GUINT16_FROM_LE (*(guint16 *) (data + pos + 8));
          channels = GUINT16_FROM_LE (*(guint16 *) (data + pos + 10));
          rate = GUINT32_FROM_LE (*(guint32 *) (data + pos + 12));
          bits = GUINT16_FROM_LE (*(guint16 *) (data + pos + 22));
          have_format = TRUE;
        }

      /* Chunks are padded to an even size. */
      pos += 8 + (gsize) chunk_size + (chunk_size & 1);
    }

  return FALSE;
}

static void
push_wav (StudioSpeechDecoder *self,
          const guint8        *data,
          gsize                size)
{
  g_autoptr(GError) error = NULL;
  gsize offset = 0;

  if (self->header_done)
    {
      if (self->passthrough)
        push_pcm (self, data, size);
      else
        push_to_pipeline (self, data, size);
      return;
    }

  g_byte_array_append (self->header, data, size);
  if (!parse_wav_header (self, &offset, &error))
    {
      if (error != NULL)
        fail (self, g_steal_pointer (&error));
      /* A header that never ends is not a WAV a person would send. */
      else if (self->header->len > 64 * 1024)
        fail (self, g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                                 _("The WAV audio from the server is damaged and cannot be played.")));
      return;
    }

  self->header_done = TRUE;
  if (self->passthrough)
    push_pcm (self, self->header->data + offset, self->header->len - offset);
  else
    push_to_pipeline (self, self->header->data + offset, self->header->len - offset);
  g_byte_array_set_size (self->header, 0);
}

static void
studio_speech_decoder_dispose (GObject *object)
{
  StudioSpeechDecoder *self = (StudioSpeechDecoder *) object;

  self->over = TRUE;
  stop_pipeline (self);

  G_OBJECT_CLASS (studio_speech_decoder_parent_class)->dispose (object);
}

static void
studio_speech_decoder_finalize (GObject *object)
{
  StudioSpeechDecoder *self = (StudioSpeechDecoder *) object;

  g_clear_pointer (&self->header, g_byte_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->format);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (studio_speech_decoder_parent_class)->finalize (object);
}

static void
studio_speech_decoder_class_init (StudioSpeechDecoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_speech_decoder_dispose;
  object_class->finalize = studio_speech_decoder_finalize;

  /**
   * StudioSpeechDecoder::pcm:
   * @bytes: whole samples, S16LE mono at 24 kHz
   *
   * Some decoded audio, in order.
   */
  signals[PCM] =
    g_signal_new ("pcm", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);

  /**
   * StudioSpeechDecoder::done:
   *
   * After studio_speech_decoder_finish(), the last samples were given.
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StudioSpeechDecoder::failed:
   * @error: a #STUDIO_MEDIA_ERROR
   *
   * The audio could not be decoded (further on); the samples already
   * given are still good. No other signal follows.
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
studio_speech_decoder_init (StudioSpeechDecoder *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->queue);
  self->context = g_main_context_ref_thread_default ();
  self->header = g_byte_array_new ();
}

/**
 * studio_speech_decoder_new:
 * @format: the speech service's `response_format`: "mp3", "opus", "aac",
 *   "flac", "wav" or "pcm"
 *
 * Returns: (transfer full): a decoder for one answer in @format
 */
StudioSpeechDecoder *
studio_speech_decoder_new (const char *format)
{
  StudioSpeechDecoder *self;

  g_return_val_if_fail (format != NULL, NULL);

  studio_media_init (NULL);

  self = g_object_new (STUDIO_TYPE_SPEECH_DECODER, NULL);
  self->format = g_strdup (format);

  if (g_str_equal (format, "pcm"))
    self->passthrough = TRUE;
  else if (!g_str_equal (format, "wav"))
    start_encoded (self);

  return self;
}

const char *
studio_speech_decoder_get_format (StudioSpeechDecoder *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_DECODER (self), NULL);

  return self->format;
}

/**
 * studio_speech_decoder_push:
 * @self: a #StudioSpeechDecoder
 * @bytes: the next bytes of the answer
 *
 * Feeds the decoder. Samples come out through #StudioSpeechDecoder::pcm as
 * soon as there are some.
 */
void
studio_speech_decoder_push (StudioSpeechDecoder *self,
                            GBytes              *bytes)
{
  const guint8 *data;
  gsize size;

  g_return_if_fail (STUDIO_IS_SPEECH_DECODER (self));
  g_return_if_fail (bytes != NULL);
  g_return_if_fail (!self->finished);

  if (self->over || self->failing)
    return;

  data = g_bytes_get_data (bytes, &size);

  if (g_str_equal (self->format, "wav"))
    push_wav (self, data, size);
  else if (self->passthrough)
    push_pcm (self, data, size);
  else if (self->appsrc != NULL)
    gst_app_src_push_buffer (GST_APP_SRC (self->appsrc), gst_buffer_new_wrapped_bytes (bytes));
}

/**
 * studio_speech_decoder_finish:
 * @self: a #StudioSpeechDecoder
 *
 * Says the answer is over: #StudioSpeechDecoder::done follows the last
 * samples.
 */
void
studio_speech_decoder_finish (StudioSpeechDecoder *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_DECODER (self));

  if (self->finished || self->over)
    return;

  self->finished = TRUE;
  if (self->failing)
    return;

  if (g_str_equal (self->format, "wav") && !self->header_done)
    {
      fail (self, g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_CORRUPT,
                               _("The WAV audio from the server ended before its samples began.")));
      return;
    }

  if (self->appsrc != NULL)
    {
      gst_app_src_end_of_stream (GST_APP_SRC (self->appsrc));
      return;
    }

  self->over = TRUE;
  g_signal_emit (self, signals[DONE], 0);
}

/**
 * studio_speech_decoder_cancel:
 * @self: a #StudioSpeechDecoder
 *
 * Stops decoding; no signal is emitted after this.
 */
void
studio_speech_decoder_cancel (StudioSpeechDecoder *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_DECODER (self));

  self->over = TRUE;
  stop_pipeline (self);
}

/**
 * studio_speech_decoder_get_n_samples:
 * @self: a #StudioSpeechDecoder
 *
 * Returns: how many samples were given so far
 */
guint64
studio_speech_decoder_get_n_samples (StudioSpeechDecoder *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_DECODER (self), 0);

  return self->n_samples;
}

/**
 * studio_speech_format_can_decode:
 * @format: a `response_format`
 *
 * Returns: whether the local GStreamer has a decoder for @format
 */
gboolean
studio_speech_format_can_decode (const char *format)
{
  const FormatInfo *info = lookup_format (format);
  g_autoptr(GstCaps) caps = NULL;
  GList *decoders, *usable;
  gboolean found;

  if (info == NULL)
    return FALSE;
  if (info->caps == NULL)
    return TRUE;
  if (!studio_media_init (NULL))
    return FALSE;

  caps = gst_caps_from_string (info->caps);
  decoders = gst_element_factory_list_get_elements (GST_ELEMENT_FACTORY_TYPE_DECODER |
                                                    GST_ELEMENT_FACTORY_TYPE_MEDIA_AUDIO,
                                                    GST_RANK_MARGINAL);
  usable = gst_element_factory_list_filter (decoders, caps, GST_PAD_SINK, FALSE);
  found = usable != NULL;

  gst_plugin_feature_list_free (usable);
  gst_plugin_feature_list_free (decoders);

  /* Ogg Opus needs its demuxer as well. */
  if (found && g_str_equal (format, "opus"))
    {
      g_autoptr(GstElementFactory) demuxer = gst_element_factory_find ("oggdemux");

      found = demuxer != NULL;
    }

  return found;
}

/**
 * studio_speech_format_can_encode:
 * @format: a `response_format`
 *
 * Returns: whether a clip can be saved as @format here
 */
gboolean
studio_speech_format_can_encode (const char *format)
{
  static const struct { const char *format; const char *elements[3]; } encoders[] = {
    { "mp3",  { "lamemp3enc", NULL } },
    { "opus", { "opusenc", "oggmux", NULL } },
    { "aac",  { "avenc_aac", "aacparse", NULL } },
    { "flac", { "flacenc", NULL } },
    { "wav",  { "wavenc", NULL } },
    { "pcm",  { NULL } },
  };

  if (!studio_media_init (NULL))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (encoders); i++)
    {
      if (g_strcmp0 (encoders[i].format, format) != 0)
        continue;

      for (guint j = 0; encoders[i].elements[j] != NULL; j++)
        {
          g_autoptr(GstElementFactory) factory = gst_element_factory_find (encoders[i].elements[j]);

          if (factory == NULL)
            return FALSE;
        }
      return TRUE;
    }

  return FALSE;
}

/**
 * studio_speech_format_get_fallback:
 *
 * Returns: the format to suggest when another cannot be played: MP3, or
 *   WAV when even MP3 has no decoder here
 */
const char *
studio_speech_format_get_fallback (void)
{
  return studio_speech_format_can_decode ("mp3") ? "mp3" : "wav";
}
