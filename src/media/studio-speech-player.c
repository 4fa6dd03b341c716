/* studio-speech-player.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-player"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>

#include "studio-media-error.h"
#include "studio-speech-player-private.h"

/* Plays a clip made of pieces (one per speech request) while they are still
 * downloading, back to back, through one output pipeline:
 *
 *   appsrc (S16LE, 24 kHz, mono) ! audioconvert ! audioresample ! sink
 *
 * Every piece is decoded on its own (a StudioSpeechDecoder, or nothing for
 * raw "pcm", whose bytes already are the samples) and its samples are kept
 * in an unlinked temporary file, so that an hour of speech does not sit in
 * memory and seeking back needs no second decode.
 *
 * The pieces make one timeline: a piece starts where the one before it
 * ends, so a piece can only be played once every piece before it is
 * complete. The output is fed from the timeline on the main context, a
 * little at a time (at most QUEUE_MS ahead of the sink), with timestamps
 * that are the sample offset on the timeline: the sink sees one stream with
 * no gap at a boundary, and a seek is a flushing seek on the pipeline after
 * which the feed starts again at the target.
 *
 * When the feed reaches the end of what arrived while more is to come, the
 * pipeline pauses ("buffering") until RESUME_MS more arrived or the piece is
 * complete; before anything was played it starts with the first samples.
 */

G_DEFINE_FINAL_TYPE (StudioSpeechPlayer, studio_speech_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAYING,
  PROP_BUFFERING,
  PROP_POSITION_US,
  PROP_DURATION_US,
  PROP_CURRENT_PIECE,
  PROP_N_PIECES,
  N_PROPS
};

enum {
  EOS,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
studio_speech_player_emit_error (StudioSpeechPlayer *self,
                                 const GError       *error)
{
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* Properties */

static void
set_playing (StudioSpeechPlayer *self,
             gboolean            playing)
{
  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
set_buffering (StudioSpeechPlayer *self,
               gboolean            buffering)
{
  buffering = !!buffering;
  if (self->buffering == buffering)
    return;

  self->buffering = buffering;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUFFERING]);
}

static void
update_current_piece (StudioSpeechPlayer *self)
{
  guint64 sample = studio_speech_us_to_samples (self->position_us);
  guint64 start = 0;
  int current = -1;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSpeechPlayerPiece *piece = studio_speech_player_get_piece_at (self, i);

      current = i;
      if (sample < start + piece->n_samples || !piece->complete)
        break;
      start += piece->n_samples;
    }

  if (self->current_piece == current)
    return;

  self->current_piece = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PIECE]);
}

static void
set_position (StudioSpeechPlayer *self,
              gint64              position_us,
              gboolean            force_notify)
{
  if (self->position_us != position_us || force_notify)
    {
      self->position_us = position_us;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION_US]);
    }
  update_current_piece (self);
}

static void
update_duration (StudioSpeechPlayer *self)
{
  gint64 duration = studio_speech_samples_to_us (studio_speech_player_total_samples (self));

  if (self->duration_us == duration)
    return;

  self->duration_us = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_US]);
}

/* Where the sink plays, mapped to the timeline (the timestamps are the
 * timeline's), never backwards while playing and never past what was fed.
 */
static void
update_position (StudioSpeechPlayer *self)
{
  gint64 position;

  if (self->pipeline == NULL || self->at_end || !self->fed_since_flush)
    return;

  if (!gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position) || position < 0)
    return;

  position = MIN (position / GST_USECOND, studio_speech_samples_to_us (self->feed_sample));
  if (position > self->position_us)
    set_position (self, position, FALSE);
}

/* Feeding */

static void
set_pipeline_state (StudioSpeechPlayer *self,
                    GstState            state)
{
  if (self->pipeline != NULL && !self->failed)
    gst_element_set_state (self->pipeline, state);
}

static void
top_up (StudioSpeechPlayer *self)
{
  gboolean all_done = FALSE;
  guint64 end;
  guint64 level = 0;
  guint64 queue_bytes = MS_TO_SAMPLES (QUEUE_MS) * BYTES_PER_SAMPLE;

  if (self->pipeline == NULL || self->failed || self->eos_sent || self->at_end)
    return;

  end = studio_speech_player_available_end (self, &all_done);

  if (self->buffering)
    {
      /* Before anything played at this position the first samples start
       * it; after the feed ran dry it waits for a little more.
       */
      if (self->feed_sample < end &&
          (!self->fed_since_flush ||
           end - self->feed_sample >= MS_TO_SAMPLES (RESUME_MS) ||
           studio_speech_player_piece_at_is_complete (self, self->feed_sample)))
        {
          set_buffering (self, FALSE);
          if (self->playing)
            set_pipeline_state (self, GST_STATE_PLAYING);
        }
      else if (self->feed_sample >= end && all_done)
        {
          /* Nothing more will come: play out to the end. */
          set_buffering (self, FALSE);
          if (self->playing)
            set_pipeline_state (self, GST_STATE_PLAYING);
        }
    }

  g_object_get (self->appsrc, "current-level-bytes", &level, NULL);

  while (level < queue_bytes && self->feed_sample < end)
    {
      GstBuffer *buffer = studio_speech_player_read_samples (self, self->feed_sample,
                                        MIN (CHUNK_SAMPLES, end - self->feed_sample));
      guint64 n;

      if (buffer == NULL)
        break;

      n = gst_buffer_get_size (buffer) / BYTES_PER_SAMPLE;
      GST_BUFFER_PTS (buffer) = studio_speech_samples_to_time (self->feed_sample);
      GST_BUFFER_DURATION (buffer) = studio_speech_samples_to_time (self->feed_sample + n) -
                                     GST_BUFFER_PTS (buffer);
      GST_BUFFER_OFFSET (buffer) = self->feed_sample;
      GST_BUFFER_OFFSET_END (buffer) = self->feed_sample + n;
      if (!self->fed_since_flush)
        GST_BUFFER_FLAG_SET (buffer, GST_BUFFER_FLAG_DISCONT);

      self->feed_sample += n;
      self->fed_since_flush = TRUE;
      level += n * BYTES_PER_SAMPLE;
      gst_app_src_push_buffer (GST_APP_SRC (self->appsrc), buffer);
    }

  if (self->feed_sample < end)
    return;

  if (all_done)
    {
      gst_app_src_end_of_stream (GST_APP_SRC (self->appsrc));
      self->eos_sent = TRUE;
    }
  else if (self->playing && !self->buffering && (level == 0 || !self->fed_since_flush))
    {
      /* The playhead caught up with the download. */
      set_buffering (self, TRUE);
      if (self->fed_since_flush)
        set_pipeline_state (self, GST_STATE_PAUSED);
    }
}

void
studio_speech_player_data_changed (StudioSpeechPlayer *self)
{
  update_duration (self);
  update_current_piece (self);
  top_up (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  StudioSpeechPlayer *self = user_data;

  top_up (self);
  if (self->ticks++ % 2 == 0)
    update_position (self);

  return G_SOURCE_CONTINUE;
}

static void
start_ticks (StudioSpeechPlayer *self)
{
  if (self->tick_source != NULL)
    return;

  self->tick_source = g_timeout_source_new (TICK_INTERVAL_MS);
  g_source_set_name (self->tick_source, "[studio] speech player feed");
  g_source_set_callback (self->tick_source, tick_cb, self, NULL);
  g_source_attach (self->tick_source, self->context);
}

static void
stop_ticks (StudioSpeechPlayer *self)
{
  if (self->tick_source == NULL)
    return;

  g_source_destroy (self->tick_source);
  g_clear_pointer (&self->tick_source, g_source_unref);
}

/* A flushing seek: the queued samples go, the feed starts again at
 * @sample.
 */
static void
flush_to (StudioSpeechPlayer *self,
          guint64             sample)
{
  self->feed_sample = sample;
  self->fed_since_flush = FALSE;
  self->eos_sent = FALSE;
  self->at_end = FALSE;

  if (self->pipeline != NULL && !self->failed)
    {
      if (!gst_element_seek (self->pipeline, 1.0, GST_FORMAT_TIME,
                             GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                             GST_SEEK_TYPE_SET, studio_speech_samples_to_time (sample),
                             GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE))
        g_debug ("The pipeline refused a seek to sample %" G_GUINT64_FORMAT, sample);
    }

  if (self->playing)
    set_buffering (self, TRUE);
}

/* Errors and the bus */

static void
studio_speech_player_fail (StudioSpeechPlayer *self,
                           GError             *error)
{
  stop_ticks (self);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->failed = TRUE;
  set_buffering (self, FALSE);
  set_playing (self, FALSE);

  g_signal_emit (self, signals[ERROR], 0, error);
}

static void
on_error (StudioSpeechPlayer *self,
          GstMessage         *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;
  const char *what = _("The speech could not be played.");

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("Speech playback failed in %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
           gst_error->message, debug ? debug : "no details");

  /* The pipeline carries raw samples in fixed caps to elements that convert
   * to anything, so what fails in it is the output: a sink that cannot
   * open, or (a not-negotiated flow, posted by the source before the sink
   * says why) a device that refuses the stream.
   */
  if (gst_error->domain == GST_CORE_ERROR && gst_error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    error = studio_media_error_from_gst (gst_error, what);
  else
    error = g_error_new (STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_NO_OUTPUT, "%s %s", what,
                         _("No audio output could be opened; check the sound settings."));

  studio_speech_player_fail (self, error);
}

static void
on_eos (StudioSpeechPlayer *self)
{
  stop_ticks (self);
  set_pipeline_state (self, GST_STATE_PAUSED);
  self->at_end = TRUE;
  set_buffering (self, FALSE);
  set_position (self, studio_speech_samples_to_us (self->feed_sample), FALSE);
  set_playing (self, FALSE);

  g_signal_emit (self, signals[EOS], 0);
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  StudioSpeechPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      if (self->eos_sent && !self->at_end)
        on_eos (self);
      break;

    case GST_MESSAGE_ERROR:
      if (!self->failed)
        on_error (self, message);
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
seek_data_cb (GstAppSrc *src,
              guint64    offset,
              gpointer   user_data)
{
  /* The player feeds the target itself once the seek is done. */
  return TRUE;
}

static gboolean
ensure_pipeline (StudioSpeechPlayer  *self,
                 GError             **error)
{
  static GstAppSrcCallbacks callbacks = { .seek_data = seek_data_cb };
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstElement *appsrc, *convert, *resample;

  if (self->pipeline != NULL)
    return TRUE;

  if (!studio_media_init (error))
    return FALSE;

  if (self->sink == NULL)
    {
      GstElement *sink = studio_media_make_element ("autoaudiosink", NULL, error);

      if (sink == NULL)
        return FALSE;
      self->sink = gst_object_ref_sink (sink);
    }

  if (!(appsrc = studio_media_make_element ("appsrc", NULL, error)))
    return FALSE;
  pipeline = gst_object_ref_sink (gst_pipeline_new ("studio-speech-player"));
  gst_bin_add (GST_BIN (pipeline), appsrc);
  if (!(convert = studio_media_make_element ("audioconvert", NULL, error)))
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), convert);
  if (!(resample = studio_media_make_element ("audioresample", NULL, error)))
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), resample);
  gst_bin_add (GST_BIN (pipeline), self->sink);

  if (!gst_element_link_many (appsrc, convert, resample, self->sink, NULL))
    {
      g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_FAILED,
                   _("The audio output does not take sound; choose another output."));
      gst_bin_remove (GST_BIN (pipeline), self->sink);
      return FALSE;
    }

  caps = gst_caps_new_simple ("audio/x-raw",
                              "format", G_TYPE_STRING, "S16LE",
                              "rate", G_TYPE_INT, RATE,
                              "channels", G_TYPE_INT, 1,
                              "layout", G_TYPE_STRING, "interleaved",
                              NULL);
  g_object_set (appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "max-bytes", (guint64) 0,
                NULL);
  gst_app_src_set_stream_type (GST_APP_SRC (appsrc), GST_APP_STREAM_TYPE_SEEKABLE);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc), &callbacks, NULL, NULL);

  bus = gst_element_get_bus (pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_name (self->bus_source, "[studio] speech player bus");
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (bus_cb), self, NULL);
  g_source_attach (self->bus_source, self->context);

  self->appsrc = appsrc;
  self->pipeline = g_steal_pointer (&pipeline);

  return TRUE;
}

/* Makes the pipeline (again, after an error) paused at the feed position. */
static gboolean
start_pipeline (StudioSpeechPlayer *self)
{
  g_autoptr(GError) error = NULL;
  gboolean fresh = self->pipeline == NULL || self->failed;

  if (!ensure_pipeline (self, &error))
    {
      self->failed = TRUE;
      g_signal_emit (self, signals[ERROR], 0, error);
      return FALSE;
    }

  if (fresh)
    {
      self->failed = FALSE;
      self->eos_sent = FALSE;
      self->fed_since_flush = FALSE;
      if (gst_element_set_state (self->pipeline, GST_STATE_PAUSED) == GST_STATE_CHANGE_FAILURE)
        {
          /* The bus says why (a sink that cannot open). */
          return FALSE;
        }
      /* The segment starts at the feed position, which the timestamps
       * carry.
       */
      if (self->feed_sample > 0)
        flush_to (self, self->feed_sample);
    }

  return TRUE;
}

static void
drop_pipeline (StudioSpeechPlayer *self)
{
  stop_ticks (self);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->appsrc = NULL;
  gst_clear_object (&self->pipeline);
}

static void
studio_speech_player_dispose (GObject *object)
{
  StudioSpeechPlayer *self = (StudioSpeechPlayer *) object;

  drop_pipeline (self);
  gst_clear_object (&self->sink);
  if (self->pieces != NULL)
    g_ptr_array_set_size (self->pieces, 0);

  G_OBJECT_CLASS (studio_speech_player_parent_class)->dispose (object);
}

static void
studio_speech_player_finalize (GObject *object)
{
  StudioSpeechPlayer *self = (StudioSpeechPlayer *) object;

  g_clear_pointer (&self->pieces, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (studio_speech_player_parent_class)->finalize (object);
}

static void
studio_speech_player_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioSpeechPlayer *self = STUDIO_SPEECH_PLAYER (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_BUFFERING:
      g_value_set_boolean (value, self->buffering);
      break;

    case PROP_POSITION_US:
      g_value_set_int64 (value, self->position_us);
      break;

    case PROP_DURATION_US:
      g_value_set_int64 (value, self->duration_us);
      break;

    case PROP_CURRENT_PIECE:
      g_value_set_int (value, self->current_piece);
      break;

    case PROP_N_PIECES:
      g_value_set_uint (value, self->pieces->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_player_class_init (StudioSpeechPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_speech_player_dispose;
  object_class->finalize = studio_speech_player_finalize;
  object_class->get_property = studio_speech_player_get_property;

  /**
   * StudioSpeechPlayer:playing:
   *
   * Whether it plays, or waits to (buffering): from play() until pause,
   * stop, the end or an error.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioSpeechPlayer:buffering:
   *
   * Whether playing waits for more audio to arrive.
   */
  properties[PROP_BUFFERING] =
    g_param_spec_boolean ("buffering", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioSpeechPlayer:position-us:
   *
   * Where it plays on the clip's timeline, in microseconds: notified about
   * 25 times a second while playing, and after seeks.
   */
  properties[PROP_POSITION_US] =
    g_param_spec_int64 ("position-us", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioSpeechPlayer:duration-us:
   *
   * How long the audio decoded so far plays, in microseconds.
   */
  properties[PROP_DURATION_US] =
    g_param_spec_int64 ("duration-us", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioSpeechPlayer:current-piece:
   *
   * The piece at the position, or -1 without pieces.
   */
  properties[PROP_CURRENT_PIECE] =
    g_param_spec_int ("current-piece", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioSpeechPlayer:n-pieces:
   *
   * How many pieces the clip has.
   */
  properties[PROP_N_PIECES] =
    g_param_spec_uint ("n-pieces", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioSpeechPlayer::eos:
   *
   * Everything played, after studio_speech_player_finish(): it no longer
   * plays and the position is at the end.
   */
  signals[EOS] =
    g_signal_new ("eos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StudioSpeechPlayer::error:
   * @error: a %STUDIO_MEDIA_ERROR saying what to do
   *
   * A piece could not be decoded (what decoded is kept and the clip plays
   * on), or the output failed (%STUDIO_MEDIA_ERROR_NO_OUTPUT: it no longer
   * plays; play() tries again).
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
studio_speech_player_init (StudioSpeechPlayer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->pieces = g_ptr_array_new_with_free_func (studio_speech_piece_free);
  self->current_piece = -1;
}

/**
 * studio_speech_player_new:
 *
 * Makes a player with no pieces. Its signals and notifications come on the
 * thread-default main context of the calling thread, where the pieces'
 * bytes must be pushed too.
 *
 * Returns: (transfer full): the player
 */
StudioSpeechPlayer *
studio_speech_player_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_PLAYER, NULL);
}

/**
 * studio_speech_player_set_audio_sink:
 * @sink: (nullable) (transfer floating): where to play to, or %NULL for the
 *   default output (autoaudiosink)
 *
 * Chooses the output; playing stops if it had started.
 */
void
studio_speech_player_set_audio_sink (StudioSpeechPlayer *self,
                                     GstElement         *sink)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));
  g_return_if_fail (sink == NULL || GST_IS_ELEMENT (sink));

  if (sink != NULL)
    gst_object_ref_sink (sink);

  studio_speech_player_pause (self);
  drop_pipeline (self);
  self->failed = FALSE;
  self->fed_since_flush = FALSE;
  self->eos_sent = FALSE;
  gst_clear_object (&self->sink);
  self->sink = sink;
}

/**
 * studio_speech_player_clear:
 *
 * Stops and drops every piece.
 */
void
studio_speech_player_clear (StudioSpeechPlayer *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  g_object_freeze_notify (G_OBJECT (self));
  studio_speech_player_pause (self);
  g_ptr_array_set_size (self->pieces, 0);
  self->finished = FALSE;
  flush_to (self, 0);
  set_position (self, 0, FALSE);
  update_duration (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PIECES]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * studio_speech_player_add_piece:
 * @format: the piece's audio format ("mp3", "opus", "aac", "flac", "wav",
 *   "pcm")
 *
 * Adds a piece after the others, to be filled with
 * studio_speech_player_push().
 *
 * Returns: the piece's index
 */
guint
studio_speech_player_add_piece (StudioSpeechPlayer *self,
                                const char         *format)
{
  guint index;

  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);
  g_return_val_if_fail (format != NULL, 0);

  index = self->pieces->len;
  g_ptr_array_add (self->pieces, studio_speech_piece_new (self, format));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PIECES]);
  studio_speech_player_data_changed (self);

  return index;
}

/**
 * studio_speech_player_reset_piece:
 * @piece: the piece's index
 *
 * Drops what the piece has and gives it a new decoder, for its bytes to be
 * pushed again from the start (a retried download). If it was playing the
 * piece or a later one, it goes back to the piece's start and waits for it.
 */
void
studio_speech_player_reset_piece (StudioSpeechPlayer *self,
                                  guint               piece)
{
  StudioSpeechPlayerPiece *p;
  guint64 start;

  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));
  g_return_if_fail (piece < self->pieces->len);

  p = studio_speech_player_get_piece_at (self, piece);
  start = studio_speech_player_piece_start_sample (self, piece);

  studio_speech_piece_reset (p);

  /* The feed may have run a little ahead of the playhead into the piece:
   * it goes on from the playhead, or the piece's start if that was passed.
   */
  if (self->feed_sample > start || self->at_end)
    {
      guint64 target = MIN (studio_speech_us_to_samples (self->position_us), start);

      flush_to (self, target);
      set_position (self, studio_speech_samples_to_us (target), TRUE);
    }

  studio_speech_player_data_changed (self);
}

/**
 * studio_speech_player_get_current_piece:
 *
 * Returns: the piece at the position, or -1 without pieces
 */
int
studio_speech_player_get_current_piece (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), -1);

  return self->current_piece;
}

/**
 * studio_speech_player_play:
 *
 * Plays from the position (from the start after the end). With nothing to
 * play there yet, it waits ("buffering") and starts with the first samples.
 */
void
studio_speech_player_play (StudioSpeechPlayer *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  if (self->playing)
    return;

  if (self->at_end)
    {
      set_position (self, 0, TRUE);
      flush_to (self, 0);
    }

  if (!start_pipeline (self))
    return;

  set_playing (self, TRUE);
  start_ticks (self);
  /* Plays at once what is queued; top_up() pauses if there is nothing. */
  set_pipeline_state (self, GST_STATE_PLAYING);
  top_up (self);
}

/**
 * studio_speech_player_pause:
 *
 * Pauses where it is.
 */
void
studio_speech_player_pause (StudioSpeechPlayer *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  if (!self->playing)
    return;

  stop_ticks (self);
  set_pipeline_state (self, GST_STATE_PAUSED);
  update_position (self);
  set_buffering (self, FALSE);
  set_playing (self, FALSE);
}

/**
 * studio_speech_player_stop:
 *
 * Stops and goes back to the start, keeping the pieces.
 */
void
studio_speech_player_stop (StudioSpeechPlayer *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  studio_speech_player_pause (self);
  studio_speech_player_seek (self, 0);
}

/**
 * studio_speech_player_seek:
 * @position_us: where to go on the timeline, in microseconds
 *
 * Goes to @position_us, clamped to what arrived, playing on from there if
 * it was playing.
 */
void
studio_speech_player_seek (StudioSpeechPlayer *self,
                           gint64              position_us)
{
  guint64 sample;

  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  sample = MIN (studio_speech_us_to_samples (position_us),
                studio_speech_player_available_end (self, NULL));
  flush_to (self, sample);
  set_position (self, studio_speech_samples_to_us (sample), TRUE);
  top_up (self);
}

/**
 * studio_speech_player_get_position_us:
 *
 * Returns: where it plays on the timeline, in microseconds
 */
gint64
studio_speech_player_get_position_us (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);

  return self->position_us;
}

/**
 * studio_speech_player_get_duration_us:
 *
 * Returns: how long the audio decoded so far plays, in microseconds
 */
gint64
studio_speech_player_get_duration_us (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);

  return self->duration_us;
}

/**
 * studio_speech_player_get_playing:
 *
 * Returns: whether it plays, or waits to
 */
gboolean
studio_speech_player_get_playing (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), FALSE);

  return self->playing;
}

/**
 * studio_speech_player_get_buffering:
 *
 * Returns: whether playing waits for more audio to arrive
 */
gboolean
studio_speech_player_get_buffering (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), FALSE);

  return self->buffering;
}
