/* studio-chat-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-composer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-chat-composer.h"
#include "studio-file-chooser.h"
#include "studio-file-list.h"
#include "studio-markdown-view.h"
#include "studio-mime.h"
#include "studio-paths.h"
#include "studio-transcription-request.h"
#include "studio-ui.h"
#include "studio-utils.h"

#define DRAFT_SAVE_MS 500

/* Where the next message is written: its text, the images to show the
 * model, and dropped audio, which is transcribed at once so that its text
 * is ready to go along by the time the message is. What is being written
 * is kept in a draft file until it is sent, so that closing the app, or a
 * crash, does not lose it. Send and Stop are the Chat page's actions.
 */
struct _StudioChatComposer
{
  GtkBox          parent_instance;

  /* Owned references */
  StudioContext  *context;
  GCancellable   *cancellable;
  GCancellable   *draft_cancellable;  /* the draft being written */
  GHashTable     *transcripts;        /* GFile → text of dropped audio, NULL while running */

  /* Template widgets */
  StudioFileList *file_list;
  GtkDropDown    *detail_dropdown;
  GtkTextView    *text_view;
  GtkStack       *send_stack;

  guint           transcribing;
  guint           draft_source;
};

G_DEFINE_FINAL_TYPE (StudioChatComposer, studio_chat_composer, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
studio_chat_composer_changed (StudioChatComposer *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Drafts ------------------------------------------------------------------ */

static void
draft_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error) &&
      !studio_api_error_is_cancelled (error))
    g_message ("Could not keep the draft: %s", error->message);
}

/* While the user types, the draft is written in the background; when the
 * composer goes, at once. An empty composer has no draft.
 */
static void
studio_chat_composer_save_draft (StudioChatComposer *self,
                                 gboolean            now)
{
  g_autofree char *path = studio_paths_dup_data_file ("draft.txt");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *text = studio_chat_composer_dup_text (self);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(GError) error = NULL;

  /* A write still going would put back older text after this one. */
  g_clear_handle_id (&self->draft_source, g_source_remove);
  g_cancellable_cancel (self->draft_cancellable);
  g_clear_object (&self->draft_cancellable);

  if (*text == '\0')
    g_unlink (path);
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    g_message ("Could not keep the draft in %s: %s", dir, g_strerror (errno));
  else if (!now)
    {
      self->draft_cancellable = g_cancellable_new ();
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                           self->draft_cancellable, draft_saved_cb, NULL);
    }
  else if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                     NULL, NULL, &error))
    g_message ("Could not keep the draft: %s", error->message);
}

static gboolean
save_draft_cb (gpointer user_data)
{
  StudioChatComposer *self = user_data;

  self->draft_source = 0;
  studio_chat_composer_save_draft (self, FALSE);

  return G_SOURCE_REMOVE;
}

static void
studio_chat_composer_restore_draft (StudioChatComposer *self)
{
  g_autofree char *path = studio_paths_dup_data_file ("draft.txt");
  g_autofree char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL) && g_utf8_validate (text, -1, NULL))
    studio_chat_composer_set_text (self, text);
}

/* While the user types, code blocks get ready for the reply. */
static void
on_text_changed_cb (StudioChatComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  /* Sent (or cleared): its draft goes at once, so it does not come back. */
  if (gtk_text_buffer_get_char_count (buffer) == 0)
    studio_chat_composer_save_draft (self, TRUE);
  else if (self->draft_source == 0)
    self->draft_source = g_timeout_add (DRAFT_SAVE_MS, save_draft_cb, self);

  studio_markdown_view_warm_up ();
  studio_chat_composer_changed (self);
}

static gboolean
on_key_pressed_cb (StudioChatComposer    *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && !(state & GDK_SHIFT_MASK))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "chat.send", NULL);
      return TRUE;
    }

  return FALSE;
}

/* Pastes and the file chooser --------------------------------------------- */

static void
paste_texture_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StudioChatComposer) self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result,
                                                                     NULL);

  if (texture != NULL)
    studio_chat_composer_add_texture (self, texture);
}

static void
on_paste_clipboard_cb (StudioChatComposer *self,
                       GtkTextView        *view)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* Text pastes as text; only image data becomes an attachment. */
  if (!gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) ||
      gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    return;

  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb,
                                    g_object_ref (self));
}

static void
attach_chosen_cb (GtkWidget  *widget,
                  GListModel *files,
                  gpointer    user_data)
{
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      studio_chat_composer_add_file (STUDIO_CHAT_COMPOSER (widget), file);
    }
}

static void
studio_chat_composer_attach_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char * const *types = studio_mime_get_chat_image_types ();

  gtk_file_filter_set_name (filter, _("Images"));
  for (guint i = 0; types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, types[i]);

  studio_file_chooser_open (widget, _("Attach Images"), _("_Attach"), filter,
                            attach_chosen_cb, NULL, NULL);
}

/* Audio ------------------------------------------------------------------- */

typedef struct
{
  StudioChatComposer *composer;   /* weak */
  GFile              *file;
} Transcription;

static void
transcription_free (Transcription *transcription)
{
  g_clear_weak_pointer (&transcription->composer);
  g_clear_object (&transcription->file);
  g_free (transcription);
}

static void
studio_chat_composer_drop_file (StudioChatComposer *self,
                                GFile              *file)
{
  GListModel *files = studio_file_list_get_files (self->file_list);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) listed = g_list_model_get_item (files, i);

      if (g_file_equal (listed, file))
        {
          studio_file_list_remove (self->file_list, i);
          break;
        }
    }
  g_hash_table_remove (self->transcripts, file);
}

static void
studio_chat_composer_transcribe_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  Transcription *transcription = user_data;
  StudioChatComposer *self = transcription->composer;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (transcription->file);
  g_autofree char *text = NULL;

  response = studio_client_request_json_finish (STUDIO_CLIENT (object), result, &error);

  /* Cancelled means the composer is closing: nothing of it may be touched. */
  if (self == NULL || (error != NULL && studio_api_error_is_cancelled (error)))
    {
      transcription_free (transcription);
      return;
    }

  self->transcribing--;
  if (response != NULL)
    text = studio_transcription_parse_text (response, &error);

  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be transcribed: %s"),
                                                  name, error->message);

      studio_ui_add_toast (GTK_WIDGET (self), message);
      studio_chat_composer_drop_file (self, transcription->file);
    }
  else if (g_hash_table_contains (self->transcripts, transcription->file))
    {
      g_hash_table_replace (self->transcripts, g_object_ref (transcription->file),
                            g_steal_pointer (&text));
      studio_file_list_set_status (self->file_list, transcription->file,
                                   _("Transcribed: the text goes with your message"), 1);
    }

  studio_chat_composer_changed (self);
  transcription_free (transcription);
}

/* The upload, then the wait for the text. */
static void
transcription_progress_cb (goffset  sent,
                           goffset  total,
                           gpointer user_data)
{
  Transcription *transcription = user_data;
  g_autofree char *status = NULL;

  if (transcription->composer == NULL)
    return;

  if (sent < total)
    {
      status = g_strdup_printf (_("Uploading… %d %%"), (int) (100 * sent / total));
      studio_file_list_set_status (transcription->composer->file_list, transcription->file,
                                   status, (double) sent / total);
    }
  else
    studio_file_list_set_status (transcription->composer->file_list, transcription->file,
                                 _("Transcribing…"), -1);
}

/* Sends dropped audio to the transcription endpoint right away, with the
 * first transcription model the server offers. Audio that cannot be
 * transcribed is not kept: it could never be sent.
 */
static gboolean
studio_chat_composer_transcribe (StudioChatComposer *self,
                                 GFile              *file)
{
  GListModel *models = studio_model_catalog_get_models (studio_context_get_catalog (self->context));
  StudioModel *model = studio_transcription_pick_model (models);
  g_autoptr(StudioRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  Transcription *transcription;

  if (!(request = studio_transcription_request_new (model, file, "json", &error)))
    {
      studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  transcription = g_new0 (Transcription, 1);
  g_set_weak_pointer (&transcription->composer, self);
  transcription->file = g_object_ref (file);
  g_hash_table_insert (self->transcripts, g_object_ref (file), NULL);
  self->transcribing++;

  /* The request ends before the transcription is freed. */
  studio_request_set_progress_func (request, transcription_progress_cb, transcription, NULL);
  studio_client_request_json_async (studio_context_get_client (self->context), request,
                                    self->cancellable, studio_chat_composer_transcribe_cb,
                                    transcription);
  return TRUE;
}

/* The class --------------------------------------------------------------- */

static void
studio_chat_composer_dispose (GObject *object)
{
  StudioChatComposer *self = (StudioChatComposer *) object;

  if (self->draft_source != 0 || self->draft_cancellable != NULL)
    studio_chat_composer_save_draft (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CHAT_COMPOSER);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->transcripts, g_hash_table_unref);

  G_OBJECT_CLASS (studio_chat_composer_parent_class)->dispose (object);
}

static void
studio_chat_composer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioChatComposer *self = STUDIO_CHAT_COMPOSER (object);

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
studio_chat_composer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StudioChatComposer *self = STUDIO_CHAT_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      studio_chat_composer_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_chat_composer_class_init (StudioChatComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_chat_composer_dispose;
  object_class->get_property = studio_chat_composer_get_property;
  object_class->set_property = studio_chat_composer_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioChatComposer::changed:
   *
   * The text, the attachments or the state of a transcription changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (STUDIO_TYPE_FILE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-chat-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioChatComposer, file_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatComposer, detail_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StudioChatComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, StudioChatComposer, send_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_clipboard_cb);

  gtk_widget_class_install_action (widget_class, "composer.attach", NULL,
                                   studio_chat_composer_attach_action);
}

static void
studio_chat_composer_init (StudioChatComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The drop-down's own button takes the focus; GTK 4.8 would name it
   * after its type.
   */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->detail_dropdown))),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->detail_dropdown, NULL,
                                  -1);

  self->cancellable = g_cancellable_new ();
  self->transcripts = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                             g_object_unref, g_free);

  studio_chat_composer_restore_draft (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (studio_file_list_get_files (self->file_list), "items-changed",
                           G_CALLBACK (studio_chat_composer_changed), self, G_CONNECT_SWAPPED);
}

/* Public ------------------------------------------------------------------ */

/**
 * studio_chat_composer_get_context:
 *
 * Returns: (transfer none) (nullable): the services it transcribes with
 */
StudioContext *
studio_chat_composer_get_context (StudioChatComposer *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), NULL);

  return self->context;
}

void
studio_chat_composer_set_context (StudioChatComposer *self,
                                  StudioContext      *context)
{
  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));
  g_return_if_fail (context == NULL || STUDIO_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * studio_chat_composer_dup_text:
 *
 * Returns: (transfer full): the text written
 */
char *
studio_chat_composer_dup_text (StudioChatComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
studio_chat_composer_set_text (StudioChatComposer *self,
                               const char         *text)
{
  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

/**
 * studio_chat_composer_is_empty:
 *
 * Returns: whether there is nothing to send: no text but blanks, and no
 *   attachment
 */
gboolean
studio_chat_composer_is_empty (StudioChatComposer *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), TRUE);

  text = studio_chat_composer_dup_text (self);
  return studio_str_is_blank (text) &&
         g_list_model_get_n_items (studio_file_list_get_files (self->file_list)) == 0;
}

/**
 * studio_chat_composer_get_busy:
 *
 * Returns: whether dropped audio is still being transcribed, so the
 *   message is not ready to go
 */
gboolean
studio_chat_composer_get_busy (StudioChatComposer *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), FALSE);

  return self->transcribing > 0;
}

/**
 * studio_chat_composer_dup_images:
 *
 * Returns: (transfer container) (element-type GFile): the attached images,
 *   to be read when the message is sent
 */
GPtrArray *
studio_chat_composer_dup_images (StudioChatComposer *self)
{
  GListModel *files;
  GPtrArray *images;

  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), NULL);

  files = studio_file_list_get_files (self->file_list);
  images = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      GFile *file = g_list_model_get_item (files, i);

      /* Audio went ahead as a transcript. */
      if (g_hash_table_contains (self->transcripts, file))
        g_object_unref (file);
      else
        g_ptr_array_add (images, file);
    }

  return images;
}

/**
 * studio_chat_composer_get_detail:
 *
 * Returns: the image detail chosen: "auto", "low" or "high"
 */
const char *
studio_chat_composer_get_detail (StudioChatComposer *self)
{
  static const char *details[] = { "auto", "low", "high" };

  g_return_val_if_fail (STUDIO_IS_CHAT_COMPOSER (self), NULL);

  return details[MIN (gtk_drop_down_get_selected (self->detail_dropdown), 2)];
}

/**
 * studio_chat_composer_add_transcripts:
 * @self: a composer
 * @message: the message being sent
 *
 * Attaches the text of each transcribed audio file to @message.
 */
void
studio_chat_composer_add_transcripts (StudioChatComposer *self,
                                      StudioMessage      *message)
{
  GListModel *files;

  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));
  g_return_if_fail (STUDIO_IS_MESSAGE (message));

  files = studio_file_list_get_files (self->file_list);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      const char *transcript = g_hash_table_lookup (self->transcripts, file);
      g_autofree char *name = g_file_get_basename (file);

      if (transcript != NULL)
        studio_message_add_attachment (message,
                                       studio_attachment_new_transcript (name, transcript));
    }
}

/**
 * studio_chat_composer_clear:
 * @self: a composer
 *
 * Empties the composer once its message is sent; the draft goes too.
 */
void
studio_chat_composer_clear (StudioChatComposer *self)
{
  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));

  studio_chat_composer_set_text (self, "");
  while (g_list_model_get_n_items (studio_file_list_get_files (self->file_list)) > 0)
    studio_file_list_remove (self->file_list, 0);
  g_hash_table_remove_all (self->transcripts);
}

/**
 * studio_chat_composer_set_streaming:
 * @self: a composer
 * @streaming: whether a reply is streaming, so Stop shows instead of Send
 */
void
studio_chat_composer_set_streaming (StudioChatComposer *self,
                                    gboolean            streaming)
{
  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));

  gtk_stack_set_visible_child_name (self->send_stack, streaming ? "stop" : "send");
}

/**
 * studio_chat_composer_add_file:
 * @self: a composer
 * @file: an image to send with the next message, or audio to transcribe
 *
 * What can never be sent is refused at once, with the reason. Images are
 * checked further when the message is sent.
 */
void
studio_chat_composer_add_file (StudioChatComposer *self,
                               GFile              *file)
{
  g_autofree char *name = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    message = g_strdup_printf (_("“%s” is a folder. Drop the images inside it instead."), name);
  else if (!(mime_type = studio_mime_sniff_file (file, NULL, &error)))
    {
      /* A path dropped as text, from outside the sandbox, is not there. */
      if (studio_paths_is_sandboxed () &&
          (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)))
        message = g_strdup_printf (_("“%s” is outside what OpenAI Studio may read. "
                                     "Pick it with Attach Images instead."), name);
      else
        message = g_strdup_printf (_("“%s” cannot be read: %s"), name, error->message);
    }
  else if (studio_mime_is_audio (mime_type))
    {
      if (!studio_chat_composer_transcribe (self, file))
        return;
    }
  else if (!studio_mime_is_chat_image (mime_type))
    message =
      g_strdup_printf (_("“%s” is neither an image nor audio, so it cannot go with a message."),
                       name);

  if (message != NULL)
    {
      studio_ui_add_toast (GTK_WIDGET (self), message);
      return;
    }

  studio_file_list_add (self->file_list, file);
  if (studio_mime_is_audio (mime_type))
    studio_file_list_set_status (self->file_list, file, _("Uploading…"), 0);
}

/**
 * studio_chat_composer_add_texture:
 * @self: a composer
 * @texture: image data, such as a screenshot on the clipboard
 *
 * The image becomes a PNG file in our cache, so it travels the same path
 * as a dropped file.
 */
void
studio_chat_composer_add_texture (StudioChatComposer *self,
                                  GdkTexture         *texture)
{
  g_autofree char *name = g_strdup_printf ("pasted/pasted-%" G_GINT64_FORMAT ".png",
                                           g_get_real_time ());
  g_autofree char *path = studio_paths_dup_cache_file (name);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  g_mkdir_with_parents (dir, 0700);
  if (gdk_texture_save_to_png (texture, path))
    studio_chat_composer_add_file (self, file);
  else
    studio_ui_add_toast (GTK_WIDGET (self), _("The pasted image could not be saved."));
}

void
studio_chat_composer_focus (StudioChatComposer *self)
{
  g_return_if_fail (STUDIO_IS_CHAT_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
