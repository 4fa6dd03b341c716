/* studio-player.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-player"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-media-error.h"
#include "studio-player.h"

/* Plays one audio file through playbin, audio only, with scaletempo as the
 * audio filter so that a faster or slower speed keeps the voice's pitch.
 *
 * Setting a file prerolls it paused, so that its duration is known and a
 * seek can be made before it plays; a seek asked for before the preroll is
 * kept and made once it is done. Messages are read on the main context of
 * the thread that made the player, and the position is read from the
 * pipeline about 25 times a second while playing (never while paused, when
 * it only changes by seeking).
 *
 * The source is playbin's own, from a URI. A later source fed by the
 * application (an appsrc, for a download still streaming) would take the
 * place of the URI in studio_player_load() and configure itself in
 * playbin's "source-setup"; the rest of the player does not care where the
 * bytes come from.
 */
struct _StudioPlayer
{
  GObject       parent_instance;

  /* Owned references */
  GstElement   *pipeline;          /* playbin, made for the first file */
  GstElement   *sink;              /* the one asked for, or autoaudiosink */
  GFile        *file;
  GMainContext *context;
  GSource      *bus_source;
  GSource      *tick_source;       /* only while playing */

  gint64        position_us;
  gint64        duration_us;       /* -1 while unknown */
  gint64        pending_seek_us;   /* -1, or a seek asked before the preroll */
  double        rate;

  guint         playing : 1;       /* what was asked: play() until pause() or the end */
  guint         prerolled : 1;
  guint         seeking : 1;       /* a flushing seek is under way */
  guint         at_end : 1;
  guint         failed : 1;        /* an error stopped the pipeline */
  guint         sink_changed : 1;  /* playbin does not have self->sink yet */
};

G_DEFINE_FINAL_TYPE (StudioPlayer, studio_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_PLAYING,
  PROP_POSITION_US,
  PROP_DURATION_US,
  PROP_RATE,
  N_PROPS
};

enum {
  EOS,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* 25 position updates a second. */
#define TICK_INTERVAL_MS 40

static void
studio_player_set_position (StudioPlayer *self,
                            gint64        position_us,
                            gboolean      force_notify)
{
  if (self->position_us == position_us && !force_notify)
    return;

  self->position_us = position_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION_US]);
}

static void
studio_player_set_playing (StudioPlayer *self,
                           gboolean      playing)
{
  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
studio_player_update_position (StudioPlayer *self)
{
  gint64 position;

  /* While a seek is under way the pipeline may still say where it was; the
   * position is the one asked for until the seek is done.
   */
  if (self->pipeline == NULL || !self->prerolled || self->seeking || self->at_end)
    return;

  if (gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position) && position >= 0)
    studio_player_set_position (self, position / GST_USECOND, FALSE);
}

static void
studio_player_update_duration (StudioPlayer *self)
{
  gint64 duration;

  if (self->pipeline == NULL ||
      !gst_element_query_duration (self->pipeline, GST_FORMAT_TIME, &duration) ||
      duration < 0)
    return;

  duration /= GST_USECOND;
  if (self->duration_us == duration)
    return;

  self->duration_us = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_US]);
}

static gboolean
studio_player_tick_cb (gpointer user_data)
{
  StudioPlayer *self = user_data;

  studio_player_update_position (self);

  return G_SOURCE_CONTINUE;
}

static void
studio_player_start_ticks (StudioPlayer *self)
{
  if (self->tick_source != NULL)
    return;

  self->tick_source = g_timeout_source_new (TICK_INTERVAL_MS);
  g_source_set_name (self->tick_source, "[studio] player position");
  g_source_set_callback (self->tick_source, studio_player_tick_cb, self, NULL);
  g_source_attach (self->tick_source, self->context);
}

static void
studio_player_stop_ticks (StudioPlayer *self)
{
  if (self->tick_source == NULL)
    return;

  g_source_destroy (self->tick_source);
  g_clear_pointer (&self->tick_source, g_source_unref);
}

/* A flushing seek at the current rate; the position says the target at
 * once, and the pipeline again once the seek is done.
 */
static void
studio_player_do_seek (StudioPlayer *self,
                       gint64        position_us)
{
  g_assert (self->prerolled);

  if (gst_element_seek (self->pipeline, self->rate, GST_FORMAT_TIME,
                        GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                        GST_SEEK_TYPE_SET, position_us * GST_USECOND,
                        GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE))
    self->seeking = TRUE;
  else
    g_debug ("The pipeline refused a seek to %" G_GINT64_FORMAT " µs at rate %g",
             position_us, self->rate);

  studio_player_set_position (self, position_us, TRUE);
}

static void
studio_player_fail (StudioPlayer *self,
                    GError       *error)
{
  g_assert (error != NULL);

  studio_player_stop_ticks (self);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  self->prerolled = FALSE;
  self->seeking = FALSE;
  self->failed = TRUE;
  self->pending_seek_us = -1;
  studio_player_set_playing (self, FALSE);

  g_signal_emit (self, signals[ERROR], 0, error);
}

static const char *
what_failed (void)
{
  return _("The audio could not be played.");
}

static GError *
studio_player_error (StudioMediaError  code,
                     const char       *advice)
{
  return g_error_new (STUDIO_MEDIA_ERROR, code, "%s %s", what_failed (), advice);
}

static gboolean
studio_player_is_from_sink (StudioPlayer *self,
                            GstMessage   *message)
{
  GstObject *src = GST_MESSAGE_SRC (message);

  return self->sink != NULL && src != NULL &&
         (src == GST_OBJECT (self->sink) ||
          gst_object_has_as_ancestor (src, GST_OBJECT (self->sink)));
}

static void
studio_player_on_error (StudioPlayer *self,
                        GstMessage   *message)
{
  g_autoptr(GError) gst_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("Playback failed in %s: %s (%s)", GST_MESSAGE_SRC_NAME (message),
           gst_error->message, debug ? debug : "no details");

  /* Whatever stops the output itself means there is nowhere to play to:
   * no sound server, no card, a device that went away.
   */
  if (studio_player_is_from_sink (self, message) &&
      (gst_error->domain == GST_RESOURCE_ERROR || gst_error->domain == GST_LIBRARY_ERROR))
    error = studio_player_error (STUDIO_MEDIA_ERROR_NO_OUTPUT,
                                 _("No audio output could be opened; check the sound settings."));
  /* The rest of the resource errors are the source's, reading the file
   * (the shared mapping would speak of a device).
   */
  else if (gst_error->domain == GST_RESOURCE_ERROR)
    error = studio_player_error (STUDIO_MEDIA_ERROR_FAILED,
                                 _("The file could not be read; it may have been moved or "
                                   "deleted."));
  else
    error = studio_media_error_from_gst (gst_error, what_failed ());

  studio_player_fail (self, error);
}

static void
studio_player_on_async_done (StudioPlayer *self)
{
  if (self->prerolled)
    {
      /* A seek is done: the pipeline knows the position again. */
      if (self->seeking)
        {
          gint64 position;

          self->seeking = FALSE;
          if (!self->at_end &&
              gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &position) &&
              position >= 0)
            studio_player_set_position (self, position / GST_USECOND, TRUE);
        }
      return;
    }

  self->prerolled = TRUE;
  studio_player_update_duration (self);

  {
    int n_audio = 0;

    g_object_get (self->pipeline, "n-audio", &n_audio, NULL);
    if (n_audio == 0)
      {
        g_autoptr(GError) error = NULL;

        error = studio_player_error (STUDIO_MEDIA_ERROR_NOT_AUDIO,
                                     _("The file holds no sound."));
        studio_player_fail (self, error);
        return;
      }
  }

  /* What was asked for while it prerolled: a position, a speed, playing. */
  if (self->pending_seek_us >= 0 || !G_APPROX_VALUE (self->rate, 1.0, 1e-6))
    {
      gint64 target = MAX (self->pending_seek_us, 0);

      if (self->duration_us >= 0)
        target = MIN (target, self->duration_us);
      self->pending_seek_us = -1;
      studio_player_do_seek (self, target);
    }

  if (self->playing)
    gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

static void
studio_player_on_eos (StudioPlayer *self)
{
  studio_player_stop_ticks (self);
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  self->at_end = TRUE;
  self->seeking = FALSE;

  if (self->duration_us >= 0)
    studio_player_set_position (self, self->duration_us, FALSE);
  studio_player_set_playing (self, FALSE);

  g_signal_emit (self, signals[EOS], 0);
}

static gboolean
studio_player_bus_cb (GstBus     *bus,
                      GstMessage *message,
                      gpointer    user_data)
{
  StudioPlayer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ASYNC_DONE:
      studio_player_on_async_done (self);
      break;

    case GST_MESSAGE_DURATION_CHANGED:
      studio_player_update_duration (self);
      break;

    case GST_MESSAGE_EOS:
      studio_player_on_eos (self);
      break;

    case GST_MESSAGE_ERROR:
      studio_player_on_error (self, message);
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
studio_player_ensure_pipeline (StudioPlayer  *self,
                               GError       **error)
{
  g_autoptr(GstBus) bus = NULL;
  GstElement *pipeline;
  GstElement *filter;

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

  if (!(filter = studio_media_make_element ("scaletempo", NULL, error)))
    return FALSE;
  gst_object_ref_sink (filter);

  if (!(pipeline = studio_media_make_element ("playbin", "studio-player", error)))
    {
      gst_object_unref (filter);
      return FALSE;
    }

  self->pipeline = gst_object_ref_sink (pipeline);
  gst_util_set_object_arg (G_OBJECT (self->pipeline), "flags", "audio+soft-volume");
  g_object_set (self->pipeline,
                "audio-filter", filter,
                "audio-sink", self->sink,
                NULL);
  gst_object_unref (filter);
  self->sink_changed = FALSE;

  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_name (self->bus_source, "[studio] player bus");
  g_source_set_callback (self->bus_source, G_SOURCE_FUNC (studio_player_bus_cb), self, NULL);
  g_source_attach (self->bus_source, self->context);

  return TRUE;
}

/* Back to nothing playing, no position and no duration, the pipeline (if
 * any) in NULL, which also drops the old file's messages still on the bus.
 */
static void
studio_player_reset (StudioPlayer *self)
{
  studio_player_stop_ticks (self);
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);

  self->prerolled = FALSE;
  self->seeking = FALSE;
  self->at_end = FALSE;
  self->failed = FALSE;
  self->pending_seek_us = -1;

  studio_player_set_playing (self, FALSE);
  studio_player_set_position (self, 0, FALSE);
  if (self->duration_us != -1)
    {
      self->duration_us = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_US]);
    }
}

/* Prerolls the file, paused. */
static void
studio_player_load (StudioPlayer *self)
{
  g_autofree char *uri = NULL;

  g_assert (self->pipeline != NULL);
  g_assert (self->file != NULL);

  if (self->sink_changed)
    {
      g_object_set (self->pipeline, "audio-sink", self->sink, NULL);
      self->sink_changed = FALSE;
    }

  uri = g_file_get_uri (self->file);
  g_object_set (self->pipeline, "uri", uri, NULL);
  self->failed = FALSE;
  gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
}

static void
studio_player_dispose (GObject *object)
{
  StudioPlayer *self = (StudioPlayer *) object;

  studio_player_stop_ticks (self);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  gst_clear_object (&self->pipeline);
  gst_clear_object (&self->sink);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (studio_player_parent_class)->dispose (object);
}

static void
studio_player_finalize (GObject *object)
{
  StudioPlayer *self = (StudioPlayer *) object;

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (studio_player_parent_class)->finalize (object);
}

static void
studio_player_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioPlayer *self = STUDIO_PLAYER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_POSITION_US:
      g_value_set_int64 (value, self->position_us);
      break;

    case PROP_DURATION_US:
      g_value_set_int64 (value, self->duration_us);
      break;

    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_player_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioPlayer *self = STUDIO_PLAYER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      studio_player_set_file (self, g_value_get_object (value));
      break;

    case PROP_RATE:
      studio_player_set_rate (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_player_class_init (StudioPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_player_dispose;
  object_class->finalize = studio_player_finalize;
  object_class->get_property = studio_player_get_property;
  object_class->set_property = studio_player_set_property;

  /**
   * StudioPlayer:file: (nullable)
   *
   * The file played.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * StudioPlayer:playing:
   *
   * Whether it plays, or is about to: from studio_player_play() until it is
   * paused, stopped, at the end or failed.
   */
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioPlayer:position-us:
   *
   * Where it plays, in microseconds: notified about 25 times a second while
   * playing, and at once when seeking.
   */
  properties[PROP_POSITION_US] =
    g_param_spec_int64 ("position-us", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioPlayer:duration-us:
   *
   * How long the file plays, in microseconds, or -1 while unknown.
   */
  properties[PROP_DURATION_US] =
    g_param_spec_int64 ("duration-us", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * StudioPlayer:rate:
   *
   * The playback speed, keeping the pitch.
   */
  properties[PROP_RATE] =
    g_param_spec_double ("rate", NULL, NULL, STUDIO_PLAYER_MIN_RATE, STUDIO_PLAYER_MAX_RATE, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioPlayer::eos:
   *
   * The file played to its end: it no longer plays, and the position stays
   * at the end until the next seek or play.
   */
  signals[EOS] =
    g_signal_new ("eos", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * StudioPlayer::error:
   * @error: a %STUDIO_MEDIA_ERROR saying what to do
   *
   * The file could not be played: no output, not audio, damaged, or a
   * missing plugin. It no longer plays; studio_player_play() tries again.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
studio_player_init (StudioPlayer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->duration_us = -1;
  self->pending_seek_us = -1;
  self->rate = 1.0;
}

/**
 * studio_player_new:
 *
 * Makes a player with nothing to play. Its signals and notifications come
 * on the thread-default main context of the calling thread.
 *
 * Returns: (transfer full): the player
 */
StudioPlayer *
studio_player_new (void)
{
  return g_object_new (STUDIO_TYPE_PLAYER, NULL);
}

/**
 * studio_player_set_audio_sink:
 * @sink: (nullable) (transfer floating): where to play to, or %NULL for
 *   the default output (autoaudiosink)
 *
 * Chooses the output. It takes effect with the next studio_player_set_file(),
 * so call it before.
 */
void
studio_player_set_audio_sink (StudioPlayer *self,
                              GstElement   *sink)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));
  g_return_if_fail (sink == NULL || GST_IS_ELEMENT (sink));

  if (sink != NULL)
    gst_object_ref_sink (sink);
  gst_clear_object (&self->sink);
  self->sink = sink;

  if (self->sink == NULL && self->pipeline != NULL)
    {
      g_autoptr(GError) error = NULL;
      GstElement *fallback = studio_media_make_element ("autoaudiosink", NULL, &error);

      if (fallback == NULL)
        {
          g_warning ("%s", error->message);
          return;
        }
      self->sink = gst_object_ref_sink (fallback);
    }

  self->sink_changed = TRUE;
}

/**
 * studio_player_set_file:
 * @file: (nullable): the audio to play
 *
 * Stops what was playing and prerolls @file, paused at its start, so that
 * its duration becomes known ("duration-us" notifies). What cannot be played
 * is said by the "error" signal.
 */
void
studio_player_set_file (StudioPlayer *self,
                        GFile        *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STUDIO_IS_PLAYER (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_object_freeze_notify (G_OBJECT (self));

  studio_player_reset (self);
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  if (file != NULL)
    {
      if (studio_player_ensure_pipeline (self, &error))
        studio_player_load (self);
      else
        self->failed = TRUE;
    }

  g_object_thaw_notify (G_OBJECT (self));

  if (error != NULL)
    g_signal_emit (self, signals[ERROR], 0, error);
}

/**
 * studio_player_get_file:
 *
 * Returns: (transfer none) (nullable): the file played
 */
GFile *
studio_player_get_file (StudioPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER (self), NULL);

  return self->file;
}

/**
 * studio_player_play:
 *
 * Plays from the position, or from the start after the end. After an error
 * it tries the file again. Does nothing without a file.
 */
void
studio_player_play (StudioPlayer *self)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));

  if (self->file == NULL || self->pipeline == NULL)
    return;

  if (self->failed)
    studio_player_load (self);

  if (self->at_end)
    {
      self->at_end = FALSE;
      studio_player_do_seek (self, 0);
    }

  studio_player_set_playing (self, TRUE);
  /* Before the preroll, the end of it starts playing, after any seek. */
  if (self->prerolled)
    gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
  studio_player_start_ticks (self);
}

/**
 * studio_player_pause:
 *
 * Pauses where it is.
 */
void
studio_player_pause (StudioPlayer *self)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));

  if (!self->playing)
    return;

  studio_player_stop_ticks (self);
  if (self->prerolled)
    gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  studio_player_update_position (self);
  studio_player_set_playing (self, FALSE);
}

/**
 * studio_player_stop:
 *
 * Stops playing and goes back to the start.
 */
void
studio_player_stop (StudioPlayer *self)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));

  studio_player_pause (self);
  studio_player_seek (self, 0);
}

/**
 * studio_player_seek:
 * @position_us: where to go, in microseconds from the start
 *
 * Goes to @position_us (clamped to the file), playing on from there if it
 * was playing. A seek before the file is prerolled is made once it is.
 */
void
studio_player_seek (StudioPlayer *self,
                    gint64        position_us)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));

  if (self->file == NULL || self->pipeline == NULL)
    return;

  position_us = MAX (position_us, 0);
  if (self->duration_us >= 0)
    position_us = MIN (position_us, self->duration_us);
  self->at_end = FALSE;

  if (!self->prerolled)
    {
      self->pending_seek_us = position_us;
      studio_player_set_position (self, position_us, TRUE);
      return;
    }

  studio_player_do_seek (self, position_us);
}

/**
 * studio_player_set_rate:
 * @rate: the speed, from %STUDIO_PLAYER_MIN_RATE to %STUDIO_PLAYER_MAX_RATE
 *   (clamped); 1 is normal
 *
 * Plays faster or slower from the position on, keeping the pitch.
 */
void
studio_player_set_rate (StudioPlayer *self,
                        double        rate)
{
  g_return_if_fail (STUDIO_IS_PLAYER (self));

  rate = CLAMP (rate, STUDIO_PLAYER_MIN_RATE, STUDIO_PLAYER_MAX_RATE);
  if (G_APPROX_VALUE (self->rate, rate, 1e-6))
    return;

  self->rate = rate;
  /* The new rate needs a seek; at the end, the next play() makes it. */
  if (self->prerolled && !self->at_end)
    {
      studio_player_update_position (self);
      studio_player_do_seek (self, self->position_us);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

/**
 * studio_player_get_rate:
 *
 * Returns: the playback speed, 1 being normal
 */
double
studio_player_get_rate (StudioPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER (self), 1.0);

  return self->rate;
}

/**
 * studio_player_get_position_us:
 *
 * Returns: where it plays, in microseconds
 */
gint64
studio_player_get_position_us (StudioPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER (self), 0);

  return self->position_us;
}

/**
 * studio_player_get_duration_us:
 *
 * Returns: how long the file plays, in microseconds, or -1 while unknown
 */
gint64
studio_player_get_duration_us (StudioPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER (self), -1);

  return self->duration_us;
}

/**
 * studio_player_get_playing:
 *
 * Returns: whether it plays (or is about to, while prerolling)
 */
gboolean
studio_player_get_playing (StudioPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_PLAYER (self), FALSE);

  return self->playing;
}
