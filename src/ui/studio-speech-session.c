/* studio-speech-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-session"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "studio-api-error.h"
#include "studio-media-error.h"
#include "studio-model-catalog.h"
#include "studio-prices.h"
#include "studio-speech-decoder.h"
#include "studio-speech-session-private.h"
#include "studio-speech-store.h"

/* What the window speaks with: one clip at a time, fetched by a
 * StudioSpeechJob piece by piece, each piece's bytes pushed into the one
 * StudioSpeechPlayer as they arrive and written to the clip's folder, the
 * clip saved in the history from its first moment and updated as pieces
 * finish. The Speech page speaks typed text; Chat's Read Aloud follows a
 * reply as it streams (studio-speech-session-follow.c, with the sentence
 * tracking). No GTK here: tests drive it without a window.
 */

G_DEFINE_ENUM_TYPE (StudioSpeechSessionState, studio_speech_session_state,
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_PLAYING, "playing"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_BUFFERING, "buffering"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_FINISHED, "finished"),
                    G_DEFINE_ENUM_VALUE (STUDIO_SPEECH_SESSION_FAILED, "failed"))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIP,
  PROP_STATE,
  PROP_CURRENT_SENTENCE,
  PROP_ERROR,
  PROP_OWNER,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioSpeechSession, studio_speech_session, G_TYPE_OBJECT)

/* Saving: one save of a clip at a time, so that its first save (which
 * gives it its id) is done before the next; a change meanwhile saves again
 * once it is. The saves hold the clip and the store, not the session, so
 * that the last one of a window being closed still lands.
 */
#define SAVING_KEY     "studio-speech-session-saving"
#define SAVE_AGAIN_KEY "studio-speech-session-save-again"

static void save_now (StudioSpeechStore *store,
                      StudioSpeechClip  *clip);

typedef struct
{
  StudioSpeechStore *store;
  StudioSpeechClip  *clip;
} SaveAgain;

static void
save_again_free (gpointer data)
{
  SaveAgain *again = data;

  g_clear_object (&again->store);
  g_clear_object (&again->clip);
  g_free (again);
}

static gboolean
save_again_cb (gpointer data)
{
  SaveAgain *again = data;

  save_now (again->store, again->clip);
  return G_SOURCE_REMOVE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  StudioSpeechStore *store = STUDIO_SPEECH_STORE (object);
  g_autoptr(StudioSpeechClip) clip = user_data;
  g_autoptr(GError) error = NULL;

  if (!studio_speech_store_save_finish (store, result, &error))
    g_warning ("Could not save a speech clip: %s", error->message);

  g_object_set_data (G_OBJECT (clip), SAVING_KEY, NULL);
  if (g_object_get_data (G_OBJECT (clip), SAVE_AGAIN_KEY) != NULL)
    {
      SaveAgain *again = g_new0 (SaveAgain, 1);

      /* From an idle: the store may still be inside its own completion. */
      g_object_set_data (G_OBJECT (clip), SAVE_AGAIN_KEY, NULL);
      g_object_set_data (G_OBJECT (clip), SAVING_KEY, GINT_TO_POINTER (TRUE));
      again->store = g_object_ref (store);
      again->clip = g_object_ref (clip);
      g_idle_add_full (G_PRIORITY_DEFAULT, save_again_cb, again, save_again_free);
    }
}

static void
save_now (StudioSpeechStore *store,
          StudioSpeechClip  *clip)
{
  g_object_set_data (G_OBJECT (clip), SAVING_KEY, GINT_TO_POINTER (TRUE));
  studio_speech_store_save_async (store, clip, NULL, save_cb, g_object_ref (clip));
}

void
studio_speech_session_save_clip (StudioSpeechSession *self)
{
  StudioSpeechStore *store = studio_context_get_speech_store (self->context);

  if (self->clip == NULL || store == NULL)
    return;

  if (g_object_get_data (G_OBJECT (self->clip), SAVING_KEY) != NULL)
    g_object_set_data (G_OBJECT (self->clip), SAVE_AGAIN_KEY, GINT_TO_POINTER (TRUE));
  else
    save_now (store, self->clip);
}

StudioSessionPiece *
studio_speech_session_piece_at (StudioSpeechSession *self,
               guint                clip_piece)
{
  g_assert (clip_piece < self->pieces->len);
  return &g_array_index (self->pieces, StudioSessionPiece, clip_piece);
}

guint
studio_speech_session_clip_piece (StudioSpeechSession *self,
                                  guint                job_piece)
{
  g_assert (job_piece < self->job_pieces->len);
  return g_array_index (self->job_pieces, guint, job_piece);
}

const char *
studio_speech_session_format (StudioSpeechSession *self)
{
  if (self->settings != NULL && self->settings->format != NULL)
    return self->settings->format;
  return STUDIO_SPEECH_FORMAT_DEFAULT;
}

void
studio_speech_session_set_state (StudioSpeechSession      *self,
                                 StudioSpeechSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
studio_speech_session_update_state (StudioSpeechSession *self)
{
  StudioSpeechSessionState state;

  if (self->error != NULL)
    state = STUDIO_SPEECH_SESSION_FAILED;
  else if (self->clip == NULL || self->state == STUDIO_SPEECH_SESSION_IDLE)
    state = STUDIO_SPEECH_SESSION_IDLE;
  else if (self->finished)
    state = STUDIO_SPEECH_SESSION_FINISHED;
  else if (self->paused)
    state = STUDIO_SPEECH_SESSION_PAUSED;
  else if (!self->had_audio)
    state = STUDIO_SPEECH_SESSION_WAITING;
  else if (studio_speech_player_get_buffering (self->player))
    state = STUDIO_SPEECH_SESSION_BUFFERING;
  else if (studio_speech_player_get_playing (self->player))
    state = STUDIO_SPEECH_SESSION_PLAYING;
  else
    state = STUDIO_SPEECH_SESSION_WAITING;

  studio_speech_session_set_state (self, state);
}

gboolean
studio_speech_session_clip_has_audio (StudioSpeechClip *clip)
{
  for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
    {
      if (studio_speech_clip_get_piece (clip, i)->bytes > 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
studio_speech_session_clip_is_complete (StudioSpeechClip *clip)
{
  for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
    {
      if (!studio_speech_clip_get_piece (clip, i)->complete)
        return FALSE;
    }

  return TRUE;
}

/* The durations the player decoded, for the history and the export.
 * Returns whether one changed.
 */
gboolean
studio_speech_session_update_durations (StudioSpeechSession *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSessionPiece *sp = studio_speech_session_piece_at (self, i);
      StudioSpeechPiece *piece = studio_speech_clip_get_piece (self->clip, i);
      gint64 duration;

      if (sp->player_piece < 0 || !piece->complete ||
          !studio_speech_player_get_piece_complete (self->player, sp->player_piece))
        continue;

      duration = studio_speech_player_get_piece_duration_us (self->player, sp->player_piece);
      if (duration != piece->duration_us)
        {
          piece->duration_us = duration;
          changed = TRUE;
        }
    }

  return changed;
}

void
studio_speech_session_set_error (StudioSpeechSession *self,
                                 const GError        *error)
{
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Stops on a failure: what arrived stays playable, the player plays to
 * its end, and the clip keeps the error for the history.
 */
void
studio_speech_session_fail (StudioSpeechSession *self,
                            const GError        *error)
{
  g_autoptr(GError) shown = NULL;
  g_autofree char *wait = NULL;

  if (self->error != NULL || self->clip == NULL)
    return;

  wait = studio_api_error_dup_wait_text (error);
  if (wait != NULL)
    shown = g_error_new (error->domain, error->code, "%s %s", error->message, wait);
  else
    shown = g_error_copy (error);

  g_debug ("Speech failed: %s", shown->message);

  for (guint i = 0; i < studio_speech_player_get_n_pieces (self->player); i++)
    studio_speech_player_finish_piece (self->player, i);
  studio_speech_player_finish (self->player);

  studio_speech_session_update_durations (self);
  if (studio_speech_clip_get_state (self->clip) == STUDIO_SPEECH_CLIP_STATE_FETCHING)
    studio_speech_clip_set_state (self->clip,
                                  studio_speech_session_clip_has_audio (self->clip) ? STUDIO_SPEECH_CLIP_STATE_PARTIAL
                                                              : STUDIO_SPEECH_CLIP_STATE_FAILED);
  studio_speech_clip_set_error (self->clip, shown->message);
  studio_speech_session_save_clip (self);

  studio_speech_session_set_error (self, shown);
  studio_speech_session_update_state (self);
  g_signal_emit (self, signals[FAILED], 0, shown);
}

void
studio_speech_session_complete (StudioSpeechSession *self)
{
  StudioPrices *prices = studio_context_get_prices (self->context);
  g_autoptr(JsonObject) usage = NULL;

  if (self->error != NULL)
    return;

  studio_speech_player_finish (self->player);
  studio_speech_session_update_durations (self);
  studio_speech_clip_set_state (self->clip, STUDIO_SPEECH_CLIP_STATE_COMPLETE);
  studio_speech_clip_set_error (self->clip, NULL);

  if (self->has_usage)
    {
      usage = json_object_new ();
      if (self->usage.input_tokens >= 0)
        json_object_set_int_member (usage, "input_tokens", self->usage.input_tokens);
      if (self->usage.output_tokens >= 0)
        json_object_set_int_member (usage, "output_tokens", self->usage.output_tokens);
      if (self->usage.total_tokens >= 0)
        json_object_set_int_member (usage, "total_tokens", self->usage.total_tokens);
    }

  if (prices != NULL && self->model != NULL)
    studio_speech_clip_set_cost (self->clip,
                                 studio_prices_speech_cost (prices,
                                                            studio_model_get_id (self->model),
                                                            usage,
                                                            studio_speech_clip_get_input_chars (self->clip)));
  studio_speech_session_save_clip (self);
  studio_speech_session_update_state (self);
}

/* Lets go of the clip: its download is cancelled (what arrived stays in
 * its files), it is saved as partial if it was not all in, and the player
 * stops.
 */
void
studio_speech_session_reset (StudioSpeechSession *self)
{
  gboolean had_clip = self->clip != NULL;
  gboolean had_owner = self->owner != NULL;

  studio_speech_session_drop_job (self);
  g_cancellable_cancel (self->replay_cancellable);
  g_clear_object (&self->replay_cancellable);

  if (self->clip != NULL)
    {
      if (studio_speech_clip_get_state (self->clip) == STUDIO_SPEECH_CLIP_STATE_FETCHING)
        {
          studio_speech_session_update_durations (self);
          studio_speech_clip_set_state (self->clip,
                                        studio_speech_session_clip_is_complete (self->clip) && !self->following
                                        ? STUDIO_SPEECH_CLIP_STATE_COMPLETE
                                        : STUDIO_SPEECH_CLIP_STATE_PARTIAL);
          studio_speech_session_save_clip (self);
        }
    }

  studio_speech_player_stop (self->player);
  studio_speech_player_clear (self->player);

  g_clear_object (&self->clip);
  g_clear_object (&self->model);
  g_clear_pointer (&self->settings, studio_speech_settings_free);
  g_clear_pointer (&self->text, g_free);
  g_array_set_size (self->pieces, 0);
  g_array_set_size (self->sentences, 0);
  self->owner = NULL;
  self->following = FALSE;
  self->follow_final = FALSE;
  self->paused = FALSE;
  self->finished = FALSE;
  self->had_audio = FALSE;
  self->has_usage = FALSE;
  self->queued_end = 0;
  self->pending_sentence = -1;

  if (self->error != NULL)
    studio_speech_session_set_error (self, NULL);
  if (had_clip)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIP]);
  if (had_owner)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
  studio_speech_session_set_state (self, STUDIO_SPEECH_SESSION_IDLE);
  if (self->current_sentence != -1)
    {
      self->current_sentence = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SENTENCE]);
    }
}

gboolean
studio_speech_session_check_format (const StudioSpeechSettings  *settings,
              GError                     **error)
{
  const char *format = settings->format ? settings->format : STUDIO_SPEECH_FORMAT_DEFAULT;

  if (studio_speech_format_can_decode (format))
    return TRUE;

  g_set_error (error, STUDIO_MEDIA_ERROR, STUDIO_MEDIA_ERROR_MISSING_PLUGIN,
               _("This computer cannot play “%s” audio: a GStreamer plugin is missing. "
                 "Choose “%s” as the output format, or install the plugin."),
               format, studio_speech_format_get_fallback ());
  return FALSE;
}

/* The start of every clip: stops the one before, and makes the new one,
 * saved at once so that it is in the history while it downloads.
 */
gboolean
studio_speech_session_begin (StudioSpeechSession         *self,
                             const StudioSpeechSettings  *settings,
                             const char                  *source,
                             const char                  *text,
                             GError                     **error)
{
  g_autoptr(StudioSpeechSettings) own = settings ? studio_speech_settings_copy (settings)
                                                 : studio_speech_session_dup_settings (self);
  g_autoptr(StudioModel) model = NULL;
  g_autoptr(StudioSpeechClip) clip = NULL;
  g_autofree char *title = NULL;

  if (!studio_speech_session_check_format (own, error))
    return FALSE;

  if (studio_context_get_speech_store (self->context) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The history could not be opened, so speech cannot be saved. "
                             "Check the error shown at start-up."));
      return FALSE;
    }

  model = studio_speech_session_find_model (self, own, error);
  if (model == NULL)
    return FALSE;

  studio_speech_session_reset (self);

  g_free (own->model);
  own->model = g_strdup (studio_model_get_id (model));

  title = studio_speech_text_dup_title (text);
  clip = studio_speech_clip_new ();
  studio_speech_clip_set_source (clip, source);
  studio_speech_clip_set_title (clip, title);
  studio_speech_clip_set_text (clip, text);
  studio_speech_clip_set_settings (clip, own);
  studio_speech_clip_set_state (clip, STUDIO_SPEECH_CLIP_STATE_FETCHING);
  if (studio_speech_clip_get_created (clip) <= 0)
    studio_speech_clip_set_created (clip, g_get_real_time () / G_USEC_PER_SEC);

  self->clip = g_steal_pointer (&clip);
  self->model = g_steal_pointer (&model);
  self->settings = g_steal_pointer (&own);
  self->state = STUDIO_SPEECH_SESSION_WAITING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  return TRUE;
}

static void
player_notify_current_piece_cb (StudioSpeechSession *self)
{
  studio_speech_session_sync_playing (self);
  studio_speech_session_update_sentence (self);
}

static void
player_notify_position_cb (StudioSpeechSession *self)
{
  studio_speech_session_update_sentence (self);
}

static void
player_notify_state_cb (StudioSpeechSession *self)
{
  if (self->clip != NULL && self->state != STUDIO_SPEECH_SESSION_IDLE)
    studio_speech_session_update_state (self);
}

static void
player_notify_duration_cb (StudioSpeechSession *self)
{
  if (self->clip == NULL)
    return;

  /* A piece's length is known once it decoded, which can be after its
   * download ended: the history gets it then.
   */
  if (self->job != NULL && studio_speech_session_update_durations (self))
    studio_speech_session_save_clip (self);
  studio_speech_session_seek_pending (self);
}

static void
player_eos_cb (StudioSpeechSession *self)
{
  if (self->clip == NULL || self->state == STUDIO_SPEECH_SESSION_IDLE)
    return;

  if (self->job != NULL && studio_speech_session_update_durations (self))
    studio_speech_session_save_clip (self);

  /* The end of what arrived is not the end of the clip until it is all in. */
  if (studio_speech_clip_get_state (self->clip) != STUDIO_SPEECH_CLIP_STATE_FETCHING ||
      self->error != NULL)
    {
      self->finished = TRUE;
      studio_speech_session_update_state (self);
    }
}

static void
player_error_cb (StudioSpeechSession *self,
                 const GError        *error)
{
  studio_speech_session_fail (self, error);
}

static void
studio_speech_session_dispose (GObject *object)
{
  StudioSpeechSession *self = (StudioSpeechSession *)object;

  if (self->player != NULL)
    {
      studio_speech_session_reset (self);
      g_signal_handlers_disconnect_by_data (self->player, self);
    }
  g_clear_object (&self->player);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_speech_session_parent_class)->dispose (object);
}

static void
studio_speech_session_finalize (GObject *object)
{
  StudioSpeechSession *self = (StudioSpeechSession *)object;

  g_clear_error (&self->error);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_pointer (&self->job_pieces, g_array_unref);
  g_clear_pointer (&self->sentences, g_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (studio_speech_session_parent_class)->finalize (object);
}

static void
studio_speech_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StudioSpeechSession *self = STUDIO_SPEECH_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_CLIP:
      g_value_set_object (value, self->clip);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CURRENT_SENTENCE:
      g_value_set_int (value, self->current_sentence);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_OWNER:
      g_value_set_pointer (value, self->owner);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_session_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StudioSpeechSession *self = STUDIO_SPEECH_SESSION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_session_class_init (StudioSpeechSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_speech_session_dispose;
  object_class->finalize = studio_speech_session_finalize;
  object_class->get_property = studio_speech_session_get_property;
  object_class->set_property = studio_speech_session_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIP] =
    g_param_spec_object ("clip", NULL, NULL, STUDIO_TYPE_SPEECH_CLIP,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, STUDIO_TYPE_SPEECH_SESSION_STATE,
                       STUDIO_SPEECH_SESSION_IDLE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CURRENT_SENTENCE] =
    g_param_spec_int ("current-sentence", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_OWNER] =
    g_param_spec_pointer ("owner", NULL, NULL,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioSpeechSession::failed:
   * @error: what went wrong, to show
   *
   * The clip stopped on an error; what arrived of it stays playable.
   */
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
studio_speech_session_init (StudioSpeechSession *self)
{
  self->pieces = g_array_new (FALSE, TRUE, sizeof (StudioSessionPiece));
  self->job_pieces = g_array_new (FALSE, TRUE, sizeof (guint));
  self->sentences = g_array_new (FALSE, TRUE, sizeof (StudioTextSpan));
  self->current_sentence = -1;
  self->pending_sentence = -1;

  self->player = studio_speech_player_new ();
  g_signal_connect_swapped (self->player, "notify::current-piece",
                            G_CALLBACK (player_notify_current_piece_cb), self);
  g_signal_connect_swapped (self->player, "notify::position-us",
                            G_CALLBACK (player_notify_position_cb), self);
  g_signal_connect_swapped (self->player, "notify::playing",
                            G_CALLBACK (player_notify_state_cb), self);
  g_signal_connect_swapped (self->player, "notify::buffering",
                            G_CALLBACK (player_notify_state_cb), self);
  g_signal_connect_swapped (self->player, "notify::duration-us",
                            G_CALLBACK (player_notify_duration_cb), self);
  g_signal_connect_swapped (self->player, "eos", G_CALLBACK (player_eos_cb), self);
  g_signal_connect_swapped (self->player, "error", G_CALLBACK (player_error_cb), self);
}

StudioSpeechSession *
studio_speech_session_new (StudioContext *context)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (context), NULL);

  return g_object_new (STUDIO_TYPE_SPEECH_SESSION, "context", context, NULL);
}

StudioContext *
studio_speech_session_get_context (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return self->context;
}

/**
 * studio_speech_session_get_player:
 *
 * Returns: (transfer none): the player, for the position bar
 */
StudioSpeechPlayer *
studio_speech_session_get_player (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return self->player;
}

/**
 * studio_speech_session_set_audio_sink:
 * @sink: (nullable): the sink to play to (a fakesink in tests)
 */
void
studio_speech_session_set_audio_sink (StudioSpeechSession *self,
                                      GstElement          *sink)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  studio_speech_player_set_audio_sink (self->player, sink);
}

/**
 * studio_speech_session_dup_settings:
 *
 * Returns: (transfer full): the user's Speech settings
 */
StudioSpeechSettings *
studio_speech_session_dup_settings (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return studio_speech_settings_new_from_gsettings (studio_context_get_settings (self->context));
}

static gboolean
model_is_retired (StudioModel *model,
                  const char  *today)
{
  const char *shutdown = studio_model_get_shutdown_date (model);

  return shutdown != NULL && *shutdown != '\0' && strcmp (shutdown, today) < 0;
}

/* The model to speak with: the one the settings name, else the catalog's
 * first speech model still in service.
 */
StudioModel *
studio_speech_session_find_model (StudioSpeechSession         *self,
                                  const StudioSpeechSettings  *settings,
                                  GError                     **error)
{
  StudioModelCatalog *catalog;
  GListModel *models;
  g_autoptr(StudioModel) typed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *id;
  StudioModel *found;

  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  catalog = studio_context_get_catalog (self->context);
  id = settings->model;
  if (id != NULL && *id != '\0')
    {
      g_autoptr(JsonObject) entry = json_object_new ();

      found = studio_model_catalog_lookup (catalog, id);
      if (found != NULL)
        return g_object_ref (found);

      /* An id the user typed that the catalog does not list (yet). */
      json_object_set_string_member (entry, "id", id);
      typed = studio_model_catalog_classify (catalog, entry);
      if (typed != NULL && studio_model_get_kind (typed) == STUDIO_MODEL_KIND_SPEECH)
        return g_steal_pointer (&typed);
    }

  models = studio_model_catalog_get_models (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(StudioModel) model = g_list_model_get_item (models, i);

      if (studio_model_get_kind (model) == STUDIO_MODEL_KIND_SPEECH &&
          !model_is_retired (model, today))
        return g_steal_pointer (&model);
    }

  if (typed != NULL)
    return g_steal_pointer (&typed);

  g_set_error_literal (error, STUDIO_API_ERROR, STUDIO_API_ERROR_NOT_FOUND,
                       _("No speech model is available. Refresh the models in Preferences, "
                         "or type the id of a speech model."));
  return NULL;
}

/**
 * studio_speech_session_dup_model:
 * @settings: whose model to find
 *
 * Returns: (transfer full) (nullable): the model to speak with: the one
 *   @settings names, else the catalog's first speech model still in
 *   service, or %NULL when there is none
 */
StudioModel *
studio_speech_session_dup_model (StudioSpeechSession        *self,
                                 const StudioSpeechSettings *settings)
{
  return studio_speech_session_find_model (self, settings, NULL);
}

/**
 * studio_speech_session_speak:
 * @settings: (nullable): how to speak; %NULL for the user's settings
 * @text: what to say
 *
 * Stops what is playing and speaks @text: split into pieces of whole
 * sentences, fetched in order and played as they arrive.
 *
 * Returns: (transfer none): the new clip, or %NULL with @error set
 */
StudioSpeechClip *
studio_speech_session_speak (StudioSpeechSession         *self,
                             const StudioSpeechSettings  *settings,
                             const char                  *text,
                             GError                     **error)
{
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) plan = NULL;

  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!studio_speech_text_is_speakable (text, -1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is nothing to read aloud in this text."));
      return NULL;
    }

  if (!studio_speech_session_begin (self, settings, STUDIO_SPEECH_SOURCE_SPEECH, text, error))
    return NULL;

  self->text = g_strdup (text);
  sentences = studio_speech_text_split_sentences (text, STUDIO_SPEECH_MAX_INPUT_CHARS);
  plan = studio_speech_text_plan_pieces (text, sentences, STUDIO_SPEECH_MAX_INPUT_CHARS);
  studio_speech_session_set_sentences (self, sentences);

  /* Saved before any piece is queued: its folder and id come from the
   * store, and the piece files live there.
   */
  studio_speech_session_save_clip (self);
  studio_speech_session_start_job (self);
  for (guint i = 0; i < plan->len; i++)
    {
      const StudioSpeechPieceSpan *span = &g_array_index (plan, StudioSpeechPieceSpan, i);

      studio_speech_session_queue_piece (self, span->start, span->end, NULL);
    }
  studio_speech_job_close (self->job);

  studio_speech_player_play (self->player);
  studio_speech_session_update_state (self);

  return self->clip;
}

void
studio_speech_session_play (StudioSpeechSession *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (self->clip == NULL)
    return;

  if (self->state == STUDIO_SPEECH_SESSION_IDLE)
    self->state = STUDIO_SPEECH_SESSION_WAITING;
  self->paused = FALSE;
  self->finished = FALSE;
  studio_speech_player_play (self->player);
  studio_speech_session_update_state (self);
}

void
studio_speech_session_pause (StudioSpeechSession *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (self->clip == NULL)
    return;

  self->paused = TRUE;
  studio_speech_player_pause (self->player);
  studio_speech_session_update_state (self);
}

/**
 * studio_speech_session_stop:
 *
 * Stops playing and downloading; the clip is saved as partial if it was
 * not all in.
 */
void
studio_speech_session_stop (StudioSpeechSession *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  studio_speech_session_reset (self);
}

/**
 * studio_speech_session_stop_owner:
 * @owner: who started reading
 *
 * Stops only if @owner's clip is the one playing.
 */
void
studio_speech_session_stop_owner (StudioSpeechSession *self,
                                  gpointer             owner)
{
  g_return_if_fail (STUDIO_IS_SPEECH_SESSION (self));

  if (owner != NULL && owner == self->owner)
    studio_speech_session_reset (self);
}

/**
 * studio_speech_session_get_owner:
 *
 * Returns: (nullable) (transfer none): who follows a reply, if anyone
 */
gpointer
studio_speech_session_get_owner (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return self->owner;
}

/**
 * studio_speech_session_get_clip:
 *
 * Returns: (nullable) (transfer none): the clip loaded
 */
StudioSpeechClip *
studio_speech_session_get_clip (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return self->clip;
}

StudioSpeechSessionState
studio_speech_session_get_state (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), STUDIO_SPEECH_SESSION_IDLE);

  return self->state;
}

/**
 * studio_speech_session_get_error:
 *
 * Returns: (nullable) (transfer none): why it stopped, in FAILED
 */
const GError *
studio_speech_session_get_error (StudioSpeechSession *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_SESSION (self), NULL);

  return self->error;
}
