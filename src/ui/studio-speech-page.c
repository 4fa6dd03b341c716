/* studio-speech-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-media-error.h"
#include "studio-prices.h"
#include "studio-speech-decoder.h"
#include "studio-speech-page-private.h"
#include "studio-speech-text.h"
#include "studio-ui.h"

/* The workspace for turning text into speech: the kept clips on the left,
 * the text over the player in the middle, the voice and its settings on the
 * right. Speaking, replaying and following the text are the session's; the
 * page shows what it does and what went wrong. Actions and the export are
 * in studio-speech-page-actions.c.
 */

G_DEFINE_FINAL_TYPE (StudioSpeechPage, studio_speech_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Counting the pieces of a long text walks all of it; while typing in one,
 * it waits for a pause.
 */
#define INFO_DEBOUNCE_CHARS 8000
#define INFO_DEBOUNCE_MS    250

static gboolean
studio_speech_page_is_active (StudioSpeechPage *self)
{
  StudioSpeechSessionState state;

  if (self->session == NULL || studio_speech_session_get_clip (self->session) == NULL)
    return FALSE;

  state = studio_speech_session_get_state (self->session);
  return state == STUDIO_SPEECH_SESSION_WAITING || state == STUDIO_SPEECH_SESSION_PLAYING ||
         state == STUDIO_SPEECH_SESSION_BUFFERING || state == STUDIO_SPEECH_SESSION_PAUSED;
}

void
studio_speech_page_update_actions (StudioSpeechPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  StudioSpeechClip *playing = NULL;
  gboolean has_clip = self->clip != NULL;
  gboolean has_sentences = FALSE;
  gboolean has_audio = FALSE;

  if (self->session != NULL)
    {
      playing = studio_speech_session_get_clip (self->session);
      has_sentences = playing != NULL && studio_speech_session_get_n_sentences (self->session) > 0;
    }

  for (guint i = 0; has_clip && i < studio_speech_clip_get_n_pieces (self->clip); i++)
    has_audio |= studio_speech_clip_get_piece (self->clip, i)->file_name != NULL;

  gtk_widget_action_set_enabled (widget, "speech.speak", self->session != NULL);
  gtk_widget_action_set_enabled (widget, "speech.stop", studio_speech_page_is_active (self));
  gtk_widget_action_set_enabled (widget, "speech.retry",
                                 playing != NULL && studio_speech_session_get_error (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "speech.play-pause", has_clip);
  gtk_widget_action_set_enabled (widget, "speech.previous-sentence", has_sentences);
  gtk_widget_action_set_enabled (widget, "speech.next-sentence", has_sentences);
  gtk_widget_action_set_enabled (widget, "speech.save-as",
                                 has_audio &&
                                 studio_speech_clip_get_state (self->clip) != STUDIO_SPEECH_CLIP_STATE_FETCHING);
}

/* "1,234 characters · 1 request · about $0.02" */
static void
studio_speech_page_update_info_now (StudioSpeechPage *self)
{
  GtkTextBuffer *buffer = studio_speech_text_view_get_buffer (self->text_view);
  g_autoptr(GString) info = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *chars = NULL;
  g_autoptr(GArray) sentences = NULL;
  g_autoptr(GArray) pieces = NULL;
  StudioModel *model;
  guint n_chars = gtk_text_buffer_get_char_count (buffer);
  double cost = -1;

  g_clear_handle_id (&self->info_timeout, g_source_remove);

  text = studio_speech_text_view_dup_text (self->text_view);
  if (n_chars == 0 || !studio_speech_text_is_speakable (text, -1))
    {
      gtk_label_set_text (self->info_label,
                          n_chars == 0 ? "" : _("Nothing in this text can be read aloud"));
      return;
    }

  sentences = studio_speech_text_split_sentences (text, STUDIO_SPEECH_MAX_INPUT_CHARS);
  pieces = studio_speech_text_plan_pieces (text, sentences, STUDIO_SPEECH_MAX_INPUT_CHARS);

  chars = g_strdup_printf ("%'u", n_chars);
  g_string_append_printf (info, g_dngettext (GETTEXT_PACKAGE, "%s character", "%s characters",
                                             n_chars), chars);
  g_string_append (info, " · ");
  g_string_append_printf (info, g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests",
                                             pieces->len), pieces->len);

  model = studio_speech_options_get_model (self->options);
  if (model != NULL)
    cost = studio_prices_speech_cost (studio_context_get_prices (self->context),
                                      studio_model_get_id (model), NULL, n_chars);
  if (cost >= 0.005)
    {
      g_string_append (info, " · ");
      g_string_append_printf (info, _("about $%.2f"), cost);
    }
  else if (cost >= 0)
    {
      g_string_append (info, " · ");
      g_string_append (info, _("under $0.01"));
    }

  gtk_label_set_text (self->info_label, info->str);
}

static gboolean
studio_speech_page_info_timeout_cb (gpointer user_data)
{
  StudioSpeechPage *self = user_data;

  self->info_timeout = 0;
  studio_speech_page_update_info_now (self);
  return G_SOURCE_REMOVE;
}

static void
studio_speech_page_update_info (StudioSpeechPage *self)
{
  GtkTextBuffer *buffer = studio_speech_text_view_get_buffer (self->text_view);

  if (gtk_text_buffer_get_char_count (buffer) < INFO_DEBOUNCE_CHARS)
    {
      studio_speech_page_update_info_now (self);
      return;
    }

  g_clear_handle_id (&self->info_timeout, g_source_remove);
  self->info_timeout = g_timeout_add (INFO_DEBOUNCE_MS, studio_speech_page_info_timeout_cb, self);
}

static gboolean
error_is_retryable (const GError *error)
{
  if (error->domain == STUDIO_API_ERROR)
    return studio_api_error_is_retryable (error) ||
           error->code == STUDIO_API_ERROR_RATE_LIMITED ||
           error->code == STUDIO_API_ERROR_NETWORK ||
           error->code == STUDIO_API_ERROR_TIMEOUT ||
           error->code == STUDIO_API_ERROR_SERVER ||
           error->code == STUDIO_API_ERROR_INCOMPLETE ||
           error->code == STUDIO_API_ERROR_MALFORMED;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
}

static const char *
error_title (const GError *error)
{
  if (error->domain == STUDIO_MEDIA_ERROR)
    {
      switch (error->code)
        {
        case STUDIO_MEDIA_ERROR_MISSING_PLUGIN:
          return _("This Format Cannot Be Played Here");
        case STUDIO_MEDIA_ERROR_NO_OUTPUT:
          return _("No Audio Output");
        default:
          return _("The Audio Could Not Be Played");
        }
    }

  if (error->domain == STUDIO_API_ERROR)
    {
      switch (error->code)
        {
        case STUDIO_API_ERROR_RATE_LIMITED:
          return _("Too Many Requests");
        case STUDIO_API_ERROR_BAD_REQUEST:
          return _("The Request Was Refused");
        case STUDIO_API_ERROR_NETWORK:
        case STUDIO_API_ERROR_TIMEOUT:
        case STUDIO_API_ERROR_INCOMPLETE:
          return _("The Connection Was Lost");
        default:
          return _("Could Not Speak the Text");
        }
    }

  return _("Could Not Speak the Text");
}

/**
 * studio_speech_page_show_error:
 * @error: what went wrong
 * @from_session: whether it stopped the session's clip, which may then
 *   have kept some audio and be retried
 *
 * Shows the failure card with the buttons that help with @error.
 */
void
studio_speech_page_show_error (StudioSpeechPage *self,
                               const GError     *error,
                               gboolean          from_session)
{
  g_autoptr(GString) message = g_string_new (error->message);
  gboolean missing_plugin = g_error_matches (error, STUDIO_MEDIA_ERROR,
                                             STUDIO_MEDIA_ERROR_MISSING_PLUGIN);
  gboolean kept = FALSE;

  if (error->domain == STUDIO_API_ERROR)
    {
      const char *param = studio_api_error_get_param (error);

      /* The parameter named, so that the user knows which setting to change. */
      if (param != NULL && strstr (error->message, param) == NULL)
        {
          g_string_append_c (message, ' ');
          g_string_append_printf (message, _("The server rejected “%s”."), param);
        }
    }

  if (missing_plugin)
    {
      const char *fallback = studio_speech_format_get_fallback ();
      g_autofree char *upper = g_ascii_strup (fallback != NULL ? fallback : "mp3", -1);
      g_autofree char *label = g_strdup_printf (_("Use %s"), upper);

      gtk_button_set_label (GTK_BUTTON (self->fallback_button), label);
    }

  if (from_session && self->clip != NULL)
    kept = studio_speech_clip_get_state (self->clip) == STUDIO_SPEECH_CLIP_STATE_PARTIAL;

  self->shown_error_retryable = from_session && error_is_retryable (error);
  gtk_label_set_text (self->error_title, error_title (error));
  gtk_label_set_text (self->error_label, message->str);
  gtk_widget_set_visible (self->error_note, kept);
  gtk_widget_set_visible (self->retry_button, self->shown_error_retryable);
  gtk_widget_set_visible (self->fallback_button, missing_plugin);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

void
studio_speech_page_hide_error (StudioSpeechPage *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
session_error_cb (StudioSpeechPage *self)
{
  const GError *error = studio_speech_session_get_error (self->session);

  if (error != NULL)
    studio_speech_page_show_error (self, error, TRUE);
  else
    studio_speech_page_hide_error (self);

  studio_speech_page_update_actions (self);
}

static void
studio_speech_page_update_title (StudioSpeechPage *self)
{
  const char *title = self->clip != NULL ? studio_speech_clip_get_title (self->clip) : NULL;

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
}

static void
session_clip_cb (StudioSpeechPage *self)
{
  StudioSpeechClip *clip = studio_speech_session_get_clip (self->session);

  /* Read Aloud in Chat uses the same session; its clips are not this
   * page's text.
   */
  if (clip != NULL &&
      g_strcmp0 (studio_speech_clip_get_source (clip), STUDIO_SPEECH_SOURCE_CHAT) != 0)
    g_set_object (&self->clip, clip);

  studio_speech_page_update_title (self);
  studio_speech_page_update_actions (self);
}

static void
history_activated_cb (StudioSpeechPage *self,
                      StudioSpeechClip *clip)
{
  const StudioSpeechSettings *settings = studio_speech_clip_get_settings (clip);
  g_autoptr(GError) error = NULL;

  studio_speech_page_hide_error (self);
  studio_speech_text_view_set_text (self->text_view, studio_speech_clip_get_text (clip));
  if (settings != NULL)
    studio_speech_options_apply (self->options, settings);

  if (self->session == NULL)
    return;

  if (!studio_speech_session_replay (self->session, clip, &error))
    {
      g_set_object (&self->clip, clip);
      studio_speech_page_update_title (self);
      studio_speech_page_show_error (self, error, FALSE);
    }

  studio_speech_page_update_actions (self);
}

static void
history_save_cb (StudioSpeechPage *self,
                 StudioSpeechClip *clip)
{
  studio_speech_page_save_clip_as (self, clip);
}

static void
history_deleted_cb (StudioSpeechPage *self,
                    gint64            id)
{
  StudioSpeechClip *playing;

  if (self->session == NULL)
    return;

  playing = studio_speech_session_get_clip (self->session);
  if (playing != NULL && studio_speech_clip_get_id (playing) == id)
    studio_speech_session_stop (self->session);

  if (self->clip != NULL && studio_speech_clip_get_id (self->clip) == id)
    {
      g_clear_object (&self->clip);
      studio_speech_page_hide_error (self);
      studio_speech_page_update_title (self);
    }

  studio_speech_page_update_actions (self);
}

static void
studio_speech_page_constructed (GObject *object)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (object);

  G_OBJECT_CLASS (studio_speech_page_parent_class)->constructed (object);

  studio_speech_options_set_context (self->options, self->context);
  studio_speech_history_set_store (self->history,
                                   studio_context_get_speech_store (self->context));
  g_signal_connect_object (self->options, "changed",
                           G_CALLBACK (studio_speech_page_update_info), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "prices-changed",
                           G_CALLBACK (studio_speech_page_update_info), self, G_CONNECT_SWAPPED);
  studio_speech_page_update_info_now (self);
}

static void
studio_speech_page_dispose (GObject *object)
{
  StudioSpeechPage *self = (StudioSpeechPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->info_timeout, g_source_remove);
  studio_speech_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_SPEECH_PAGE);
  g_clear_object (&self->clip);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_speech_page_parent_class)->dispose (object);
}

static void
studio_speech_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
studio_speech_page_grab_focus (GtkWidget *widget)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
studio_speech_page_class_init (StudioSpeechPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_speech_page_constructed;
  object_class->dispose = studio_speech_page_dispose;
  object_class->get_property = studio_speech_page_get_property;
  object_class->set_property = studio_speech_page_set_property;
  widget_class->grab_focus = studio_speech_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  studio_speech_page_install_actions (widget_class);

  g_type_ensure (STUDIO_TYPE_SPEECH_CONTROLS);
  g_type_ensure (STUDIO_TYPE_SPEECH_HISTORY);
  g_type_ensure (STUDIO_TYPE_SPEECH_OPTIONS);
  g_type_ensure (STUDIO_TYPE_SPEECH_TEXT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-speech-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, history);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, controls);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, options);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, error_note);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, StudioSpeechPage, fallback_button);
}

static void
studio_speech_page_init (StudioSpeechPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  studio_ui_name_mnemonic_buttons (GTK_WIDGET (self));
  studio_speech_page_add_shortcuts (self);

  g_signal_connect_object (studio_speech_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (studio_speech_page_update_info), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "activated",
                           G_CALLBACK (history_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "save",
                           G_CALLBACK (history_save_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "deleted",
                           G_CALLBACK (history_deleted_cb), self, G_CONNECT_SWAPPED);

  studio_speech_page_update_actions (self);
}

/**
 * studio_speech_page_set_session:
 * @session: (nullable): the window's session, shared with Chat
 */
void
studio_speech_page_set_session (StudioSpeechPage    *self,
                                StudioSpeechSession *session)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PAGE (self));
  g_return_if_fail (session == NULL || STUDIO_IS_SPEECH_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->state_handler, self->session);
      g_clear_signal_handler (&self->clip_handler, self->session);
      g_clear_signal_handler (&self->error_handler, self->session);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->state_handler =
        g_signal_connect_swapped (session, "notify::state",
                                  G_CALLBACK (studio_speech_page_update_actions), self);
      self->clip_handler =
        g_signal_connect_swapped (session, "notify::clip", G_CALLBACK (session_clip_cb), self);
      self->error_handler =
        g_signal_connect_swapped (session, "notify::error", G_CALLBACK (session_error_cb), self);
    }

  /* The template's children are gone once disposed. */
  if (self->text_view != NULL)
    {
      studio_speech_text_view_set_session (self->text_view, session);
      studio_speech_controls_set_session (self->controls, session);
    }

  studio_speech_page_update_actions (self);
}

/**
 * studio_speech_page_get_session:
 *
 * Returns: (nullable) (transfer none): the session the page speaks with
 */
StudioSpeechSession *
studio_speech_page_get_session (StudioSpeechPage *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PAGE (self), NULL);

  return self->session;
}
