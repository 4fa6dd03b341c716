/* studio-speech-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "studio-file-chooser.h"
#include "studio-speech-decoder.h"
#include "studio-speech-export.h"
#include "studio-speech-page-private.h"
#include "studio-ui.h"

/* What the Speech workspace does, as `speech.` actions, and saving a clip
 * as one file.
 */

static const char * const speech_formats[] = { "mp3", "opus", "aac", "flac", "wav", "pcm" };

static void
speak_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);
  g_autoptr(StudioSpeechSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;

  text = studio_speech_text_view_dup_text (self->text_view);
  settings = studio_speech_options_dup_settings (self->options);
  studio_speech_page_hide_error (self);

  if (studio_speech_session_speak (self->session, settings, text, &error) == NULL)
    studio_speech_page_show_error (self, error, FALSE);

  studio_speech_page_update_actions (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);

  if (self->session != NULL)
    studio_speech_session_stop (self->session);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  if (!studio_speech_session_retry (self->session, &error))
    studio_speech_page_show_error (self, error, FALSE);
}

/* The format the local GStreamer can play, chosen in the options, and the
 * same text spoken again.
 */
static void
use_fallback_format_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);
  g_autoptr(StudioSpeechSettings) settings = studio_speech_options_dup_settings (self->options);
  const char *fallback = studio_speech_format_get_fallback ();

  g_free (settings->format);
  settings->format = g_strdup (fallback != NULL ? fallback : "mp3");
  studio_speech_options_apply (self->options, settings);
  gtk_widget_activate_action (widget, "speech.speak", NULL);
}

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->clip == NULL)
    return;

  if (studio_speech_session_get_clip (self->session) != self->clip)
    {
      /* Stopped, or Chat read something since: play this page's clip again. */
      if (!studio_speech_session_replay (self->session, self->clip, &error))
        studio_speech_page_show_error (self, error, FALSE);
      return;
    }

  switch (studio_speech_session_get_state (self->session))
    {
    case STUDIO_SPEECH_SESSION_WAITING:
    case STUDIO_SPEECH_SESSION_PLAYING:
    case STUDIO_SPEECH_SESSION_BUFFERING:
      studio_speech_session_pause (self->session);
      break;

    case STUDIO_SPEECH_SESSION_FINISHED:
      if (!studio_speech_session_replay (self->session, self->clip, &error))
        studio_speech_page_show_error (self, error, FALSE);
      break;

    case STUDIO_SPEECH_SESSION_IDLE:
    case STUDIO_SPEECH_SESSION_PAUSED:
    case STUDIO_SPEECH_SESSION_FAILED:
    default:
      studio_speech_session_play (self->session);
      break;
    }
}

static void
previous_sentence_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);

  if (self->session != NULL)
    studio_speech_session_previous_sentence (self->session);
}

static void
next_sentence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);

  if (self->session != NULL)
    studio_speech_session_next_sentence (self->session);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);

  if (self->clip != NULL)
    studio_speech_page_save_clip_as (self, self->clip);
}

void
studio_speech_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "speech.speak", NULL, speak_action);
  gtk_widget_class_install_action (widget_class, "speech.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "speech.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "speech.use-fallback-format", NULL,
                                   use_fallback_format_action);
  gtk_widget_class_install_action (widget_class, "speech.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "speech.previous-sentence", NULL,
                                   previous_sentence_action);
  gtk_widget_class_install_action (widget_class, "speech.next-sentence", NULL,
                                   next_sentence_action);
  gtk_widget_class_install_action (widget_class, "speech.save-as", NULL, save_as_action);
}

/* In the capture phase, so that the text view, which would insert a new
 * line for Ctrl+Return, sees them only when they do nothing now: a
 * disabled action lets the key through (Escape still ends a search when
 * nothing plays).
 */
void
studio_speech_page_add_shortcuts (StudioSpeechPage *self)
{
  static const struct {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>Return", "speech.speak" },
    { "<Control>KP_Enter", "speech.speak" },
    { "<Control>space", "speech.play-pause" },
    { "<Alt>Left", "speech.previous-sentence" },
    { "<Alt>Right", "speech.next-sentence" },
    { "Escape", "speech.stop" },
    { "<Control><Shift>s", "speech.save-as" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                        gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The format a file name asks for by its extension, or NULL. */
static const char *
format_for_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (speech_formats); i++)
    {
      const char *extension = studio_speech_format_get_extension (speech_formats[i]);

      if (extension != NULL && g_ascii_strcasecmp (dot + 1, extension) == 0)
        return speech_formats[i];
    }

  if (g_ascii_strcasecmp (dot + 1, "ogg") == 0)
    return "opus";
  if (g_ascii_strcasecmp (dot + 1, "m4a") == 0)
    return "aac";

  return NULL;
}

typedef struct
{
  StudioSpeechPage *self;
  char             *name;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->self);
  g_free (data->name);
  g_free (data);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportData *data = user_data;
  StudioSpeechPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  self->n_exports--;
  if (!studio_speech_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Could not save “%s”: %s"), data->name, error->message);
          studio_ui_add_toast (GTK_WIDGET (self), message);
        }
    }
  else
    {
      message = g_strdup_printf (_("Saved “%s”"), data->name);
      studio_ui_add_toast (GTK_WIDGET (self), message);
    }

  export_data_free (data);
}

/**
 * studio_speech_page_export:
 * @clip: a clip with audio
 * @destination: where to write it
 * @format: (nullable): the format to write, or %NULL for the one the
 *   name's extension says (else the clip's own)
 *
 * Writes the clip's pieces as one file, re-encoded where they must be
 * joined; a toast says when it is done. The file chooser's answer ends
 * here.
 */
void
studio_speech_page_export (StudioSpeechPage *self,
                           StudioSpeechClip *clip,
                           GFile            *destination,
                           const char       *format)
{
  StudioSpeechStore *store = studio_context_get_speech_store (self->context);
  const StudioSpeechSettings *settings = studio_speech_clip_get_settings (clip);
  const char *in_format = settings != NULL && settings->format != NULL ? settings->format
                                                                       : STUDIO_SPEECH_FORMAT_DEFAULT;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *basename = g_file_get_basename (destination);
  ExportData *data;

  g_return_if_fail (STUDIO_IS_SPEECH_PAGE (self));
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (clip));
  g_return_if_fail (G_IS_FILE (destination));

  if (format == NULL)
    format = format_for_name (basename);
  if (format == NULL)
    format = in_format;

  if (!studio_speech_format_can_encode (format) && g_strcmp0 (format, in_format) != 0)
    {
      g_autofree char *upper = g_ascii_strup (format, -1);
      g_autofree char *message =
        g_strdup_printf (_("Could not save “%s”: this system cannot write %s audio. Choose another format, such as WAV."),
                         basename, upper);

      studio_ui_add_toast (GTK_WIDGET (self), message);
      return;
    }

  for (guint i = 0; i < studio_speech_clip_get_n_pieces (clip); i++)
    {
      if (studio_speech_clip_get_piece (clip, i)->file_name == NULL)
        continue;

      g_ptr_array_add (files, studio_speech_store_dup_piece_file (store, clip, i));
    }

  if (files->len == 0)
    {
      studio_ui_add_toast (GTK_WIDGET (self),
                           _("No audio of this clip arrived yet, so there is nothing to save. Use Try Again to fetch it."));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->name = g_steal_pointer (&basename);
  self->n_exports++;
  studio_speech_export_async (files, in_format, destination, format, self->cancellable,
                              export_cb, data);
}

static void
save_chosen_cb (GtkWidget  *widget,
                GListModel *files,
                gpointer    user_data)
{
  StudioSpeechPage *self = STUDIO_SPEECH_PAGE (widget);
  StudioSpeechClip *clip = user_data;
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  if (file != NULL)
    studio_speech_page_export (self, clip, file, NULL);
}

/**
 * studio_speech_page_save_clip_as:
 * @clip: a clip with audio
 *
 * Asks where to save @clip, through the file chooser portal; the name's
 * extension picks the format, the clip's own by default.
 */
void
studio_speech_page_save_clip_as (StudioSpeechPage *self,
                                 StudioSpeechClip *clip)
{
  const StudioSpeechSettings *settings = studio_speech_clip_get_settings (clip);
  const char *format = settings != NULL && settings->format != NULL ? settings->format
                                                                    : STUDIO_SPEECH_FORMAT_DEFAULT;
  const char *title = studio_speech_clip_get_title (clip);
  const char *extension = studio_speech_format_get_extension (format);
  g_autofree char *initial = NULL;

  g_return_if_fail (STUDIO_IS_SPEECH_PAGE (self));
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (clip));

  initial = g_strdup_printf ("%s.%s", title != NULL && *title != '\0' ? title : _("Speech"),
                             extension != NULL ? extension : format);
  g_strdelimit (initial, "/\\", '-');
  studio_file_chooser_save (GTK_WIDGET (self), _("Save Clip"), _("_Save"), initial,
                            save_chosen_cb, g_object_ref (clip), g_object_unref);
}
