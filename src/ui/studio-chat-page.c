/* studio-chat-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-chat-page"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-page-private.h"
#include "studio-image-import.h"
#include "studio-json.h"
#include "studio-settings.h"
#include "studio-ui.h"
#include "studio-utils.h"

#define MAX_TITLE_CHARS 48
#define LOADED_AT_OPEN  40

/* The Chat workspace: the conversation sidebar, the messages of the open
 * conversation and a composer, with the model and its parameters above.
 * Replies stream in StudioChatRuns, which the context keeps: each
 * conversation can stream on its own, switching away leaves its reply
 * running, and coming back shows its live messages. This file opens,
 * loads and sends; studio-chat-page-actions.c has the actions.
 */

G_DEFINE_FINAL_TYPE (StudioChatPage, studio_chat_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonObject *
studio_chat_page_get_settings (StudioChatPage *self)
{
  return self->conversation ? studio_conversation_get_settings (self->conversation)
                            : self->draft_settings;
}

/* The parameter rows are built when the popover opens, not on every change
 * of model or conversation: most of those never look at them.
 */
static void
studio_chat_page_bind_parameters (StudioChatPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->parameter_list)))
    return;

  studio_parameter_list_bind (self->parameter_list,
                              studio_model_picker_get_selected (self->model_picker),
                              studio_chat_page_get_settings (self));
}

static void
on_parameters_changed_cb (StudioChatPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->conversation != NULL &&
      !studio_history_save_conversation (studio_context_get_history (self->context),
                                         self->conversation, &error))
    studio_ui_add_toast (GTK_WIDGET (self), error->message);
}

/* The conversation's tokens and estimated cost, from each reply's usage. */
static void
studio_chat_page_update_cost (StudioChatPage *self)
{
  GListStore *messages = studio_message_list_get_messages (self->message_list);
  g_autofree char *text = NULL;
  gboolean priced;
  gint64 tokens;
  double cost;

  studio_prices_sum_messages (studio_context_get_prices (self->context), G_LIST_MODEL (messages),
                              &tokens, &cost, &priced);

  if (tokens > 0)
    text = priced ? g_strdup_printf (_("%" G_GINT64_FORMAT " tokens · about $%.4f"), tokens, cost)
                  : g_strdup_printf (_("%" G_GINT64_FORMAT " tokens"), tokens);

  gtk_label_set_label (self->cost_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cost_label), text != NULL);
}

static void
on_prices_changed_cb (StudioChatPage *self)
{
  studio_message_list_update_usage (self->message_list);
  studio_chat_page_update_cost (self);
}

/* Opening ------------------------------------------------------------------ */

static gboolean
studio_chat_page_finish_load (StudioChatPage  *self,
                              GObject         *history,
                              GAsyncResult    *result,
                              GPtrArray      **messages)
{
  g_autoptr(GError) error = NULL;

  *messages = studio_history_load_messages_finish (STUDIO_HISTORY (history), result, &error);

  /* Without all its messages a conversation is not sent on: a reply would
   * go out with part of it. It stays busy until it is opened again.
   */
  if (*messages == NULL)
    {
      if (!studio_api_error_is_cancelled (error))
        {
          g_autofree char *text =
            g_strdup_printf (_("The conversation could not be loaded: %s Open it again to retry."),
                             error->message);

          studio_ui_add_toast (GTK_WIDGET (self), text);
        }
      return FALSE;
    }

  /* A later open cancelled this one; its result is no longer wanted. */
  return g_task_get_cancellable (G_TASK (result)) == self->load_cancellable;
}

static void
studio_chat_page_load_earlier_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;

  if (!studio_chat_page_finish_load (self, object, result, &messages))
    return;

  studio_message_list_prepend (self->message_list, messages);
  g_clear_object (&self->load_cancellable);
  studio_chat_page_update_cost (self);
  studio_chat_page_update_actions (self);
}

/* The latest messages show first; the rest, which a reply sends along,
 * loads after. Until it has, nothing can be sent.
 */
static void
studio_chat_page_load_latest_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GListStore) store = NULL;
  gint64 wanted_message = self->wanted_message;

  if (!studio_chat_page_finish_load (self, object, result, &messages))
    return;

  self->wanted_message = 0;
  if (messages->len < LOADED_AT_OPEN || wanted_message != 0)
    g_clear_object (&self->load_cancellable);
  else
    studio_history_load_messages_async (studio_context_get_history (self->context),
                                        studio_conversation_get_id (self->conversation),
                                        studio_message_get_id (g_ptr_array_index (messages, 0)), 0,
                                        self->load_cancellable, studio_chat_page_load_earlier_cb,
                                        g_object_ref (self));

  store = g_list_store_new (STUDIO_TYPE_MESSAGE);
  g_list_store_splice (store, 0, 0, messages->pdata, messages->len);
  studio_message_list_set_messages (self->message_list, store, wanted_message);
  studio_chat_page_update_cost (self);
  studio_chat_page_update_actions (self);
}

static void
studio_chat_page_show_messages (StudioChatPage *self,
                                GListStore     *messages)
{
  studio_message_list_set_messages (self->message_list, messages, 0);
  studio_chat_page_update_cost (self);
  studio_chat_page_update_actions (self);
}

/**
 * studio_chat_page_open:
 * @self: the Chat page
 * @conversation: (nullable): a conversation of the sidebar, or %NULL for a
 *   new one
 * @wanted_message: a message to show at the top (a search hit), or 0
 */
void
studio_chat_page_open (StudioChatPage     *self,
                       StudioConversation *conversation,
                       gint64              wanted_message)
{
  GtkTextBuffer *prompt = gtk_text_view_get_buffer (self->system_prompt_view);
  g_autoptr(GListStore) empty = g_list_store_new (STUDIO_TYPE_MESSAGE);
  StudioChatRun *run;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  /* What is read aloud belongs to the conversation left. */
  if (conversation != self->conversation)
    studio_chat_page_stop_reading (self);
  g_set_object (&self->conversation, conversation);

  /* Until the messages are loaded nothing of the last conversation shows,
   * so none of its messages can be acted on under the new one's name.
   */
  studio_chat_page_show_messages (self, empty);

  gtk_text_buffer_set_text (prompt,
                            conversation ? studio_conversation_get_system_prompt (conversation)
                                         : "",
                            -1);
  if (conversation != NULL && studio_conversation_get_model (conversation) != NULL)
    studio_model_picker_select_id (self->model_picker,
                                   studio_conversation_get_model (conversation));
  studio_chat_page_bind_parameters (self);

  if (conversation == NULL)
    {
      studio_conversation_sidebar_unselect (self->sidebar);
      return;
    }

  /* A conversation still streaming shows its live messages. */
  if ((run = studio_chat_page_get_run (self)))
    {
      studio_chat_page_show_messages (self, studio_chat_run_get_messages (run));
      return;
    }

  /* A search hit may be anywhere, so then it all loads at once. */
  self->wanted_message = wanted_message;
  self->load_cancellable = g_cancellable_new ();
  studio_history_load_messages_async (studio_context_get_history (self->context),
                                      studio_conversation_get_id (conversation),
                                      0, wanted_message != 0 ? 0 : LOADED_AT_OPEN,
                                      self->load_cancellable, studio_chat_page_load_latest_cb,
                                      g_object_ref (self));
  studio_chat_page_update_actions (self);
}

static void
on_conversation_activated_cb (StudioChatPage     *self,
                              StudioConversation *conversation)
{
  studio_chat_page_open (self, conversation, 0);
}

static void
on_hit_activated_cb (StudioChatPage     *self,
                     StudioConversation *conversation,
                     gint64              message_id)
{
  studio_chat_page_open (self, conversation, message_id);
}

/* Sending ----------------------------------------------------------------- */

static char *
make_title (const char *text)
{
  g_autofree char *line = g_strstrip (g_strndup (text, strcspn (text, "\n")));
  g_autofree char *truncated = NULL;

  if (*line == '\0')
    return g_strdup (_("Images"));

  if (g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
    return g_steal_pointer (&line);

  truncated = g_utf8_substring (line, 0, MAX_TITLE_CHARS - 1);
  return g_strconcat (truncated, "…", NULL);
}

/* A first message makes the conversation, with the settings chosen for it;
 * the next new one starts from a copy of them.
 */
static void
studio_chat_page_create_conversation (StudioChatPage *self,
                                      const char     *text,
                                      StudioModel    *model)
{
  g_autoptr(StudioConversation) conversation = studio_conversation_new ();
  g_autofree char *title = make_title (text);
  GtkTextBuffer *prompt = gtk_text_view_get_buffer (self->system_prompt_view);
  g_autofree char *system_prompt = NULL;
  GtkTextIter start, end;
  JsonObject *copy;

  gtk_text_buffer_get_bounds (prompt, &start, &end);
  system_prompt = gtk_text_buffer_get_text (prompt, &start, &end, FALSE);
  studio_conversation_set_title (conversation, title);
  studio_conversation_set_model (conversation, studio_model_get_id (model));
  studio_conversation_set_system_prompt (conversation, system_prompt);
  studio_conversation_set_settings (conversation, self->draft_settings);
  g_set_object (&self->conversation, conversation);

  copy = studio_json_object_copy (self->draft_settings);
  json_object_unref (self->draft_settings);
  self->draft_settings = copy;
}

static void
studio_chat_page_send_prepared (StudioChatPage *self,
                                GPtrArray      *images)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autofree char *text = studio_chat_composer_dup_text (self->composer);
  const char *detail = studio_chat_composer_get_detail (self->composer);
  g_autoptr(StudioMessage) question = NULL;
  g_autoptr(GError) error = NULL;

  if (model == NULL)
    return;

  if (self->conversation == NULL)
    studio_chat_page_create_conversation (self, text, model);

  studio_conversation_set_model (self->conversation, studio_model_get_id (model));
  studio_conversation_sidebar_touch (self->sidebar, self->conversation);

  question = studio_message_new ("user", g_strstrip (text));
  for (guint i = 0; images && i < images->len; i++)
    {
      StudioAttachment *attachment = studio_attachment_copy (g_ptr_array_index (images, i));

      studio_set_str (&attachment->detail, detail);
      studio_message_add_attachment (question, attachment);
    }
  studio_chat_composer_add_transcripts (self->composer, question);

  if (!studio_history_save_message (studio_context_get_history (self->context),
                                    studio_conversation_get_id (self->conversation),
                                    question, &error))
    {
      /* Nothing is lost: the text stays in the composer. */
      studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_list_store_append (studio_message_list_get_messages (self->message_list), question);
  studio_chat_composer_clear (self->composer);
  studio_chat_page_start_reply (self);
}

static void
studio_chat_page_import_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(StudioChatPage) self = user_data;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;

  images = studio_image_import_finish (result, &error);

  /* The page was closed meanwhile: nothing of it may be touched. */
  if (error != NULL && studio_api_error_is_cancelled (error))
    return;

  self->preparing = FALSE;
  g_clear_object (&self->sending);
  studio_chat_page_update_actions (self);

  if (images == NULL)
    {
      studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* The message belongs to the conversation it was written in; if another
   * was opened meanwhile, it stays in the composer to be sent again.
   */
  if (self->conversation != self->sending || self->load_cancellable != NULL)
    {
      studio_ui_add_toast (GTK_WIDGET (self),
                           _("Another conversation was opened, so the message was not sent. It is still in the composer."));
      return;
    }

  studio_chat_page_send_prepared (self, images);
}

/**
 * studio_chat_page_send:
 * @self: the Chat page
 *
 * Sends what the composer holds: images are read in a worker first (type,
 * size, decodable, scaled down), and only a model that can see them is
 * sent them.
 */
void
studio_chat_page_send (StudioChatPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autoptr(GPtrArray) images = studio_chat_composer_dup_images (self->composer);

  if (images->len == 0)
    {
      studio_chat_page_send_prepared (self, NULL);
      return;
    }

  if (model != NULL && studio_model_get_known (model) &&
      !studio_model_has_capability (model, "vision"))
    {
      g_autofree char *text =
        g_strdup_printf (_("%s cannot see images. Remove the images or pick a model that can."),
                         studio_model_get_id (model));

      studio_ui_add_toast (GTK_WIDGET (self), text);
      return;
    }

  self->preparing = TRUE;
  g_set_object (&self->sending, self->conversation);
  studio_chat_page_update_actions (self);
  studio_image_import_async (images, self->cancellable, studio_chat_page_import_cb,
                             g_object_ref (self));
}

static void
on_run_finished_cb (StudioChatPage *self,
                    StudioChatRun  *run)
{
  if (self->conversation != NULL &&
      studio_conversation_get_id (self->conversation) == studio_chat_run_get_conversation_id (run))
    {
      studio_message_list_follow (self->message_list, FALSE);
      studio_chat_page_update_cost (self);
    }

  studio_chat_page_update_actions (self);
}

/**
 * studio_chat_page_start_reply:
 * @self: the Chat page
 *
 * Asks for a reply to the conversation shown, sent with all that came
 * before; one at a time in a conversation.
 */
void
studio_chat_page_start_reply (StudioChatPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);
  g_autoptr(GError) error = NULL;
  StudioChatRun *run;

  if (model == NULL || studio_chat_page_get_run (self) != NULL || self->load_cancellable != NULL)
    return;

  run = studio_context_start_chat_run (self->context, self->conversation,
                                       studio_message_list_get_messages (self->message_list),
                                       model, &error);
  if (run == NULL)
    {
      studio_ui_add_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_signal_connect_object (run, "finished", G_CALLBACK (on_run_finished_cb), self,
                           G_CONNECT_SWAPPED);
  studio_message_list_follow (self->message_list, TRUE);
  studio_chat_page_update_actions (self);
}

/**
 * studio_chat_page_get_run:
 *
 * Returns: (transfer none) (nullable): the reply streaming in the
 *   conversation shown
 */
StudioChatRun *
studio_chat_page_get_run (StudioChatPage *self)
{
  if (self->conversation == NULL)
    return NULL;

  return studio_context_lookup_chat_run (self->context,
                                         studio_conversation_get_id (self->conversation));
}

static void
on_model_selected_cb (StudioChatPage *self)
{
  StudioModel *model = studio_model_picker_get_selected (self->model_picker);

  if (model != NULL)
    {
      g_settings_set_string (studio_context_get_settings (self->context), STUDIO_SETTING_CHAT_MODEL,
                             studio_model_get_id (model));
      if (self->conversation != NULL)
        studio_conversation_set_model (self->conversation, studio_model_get_id (model));
    }

  studio_chat_page_bind_parameters (self);
  studio_chat_page_update_actions (self);
}

static void
on_system_prompt_changed_cb (StudioChatPage *self,
                             GtkTextBuffer  *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->conversation == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, studio_conversation_get_system_prompt (self->conversation)) == 0)
    return;

  studio_conversation_set_system_prompt (self->conversation, text);
  studio_history_save_conversation (studio_context_get_history (self->context), self->conversation,
                                    NULL);
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            StudioChatPage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l; l = l->next)
        studio_chat_composer_add_file (self->composer, l->data);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      studio_chat_composer_add_texture (self->composer, g_value_get_object (value));
      return TRUE;
    }

  return FALSE;
}

/* The class ---------------------------------------------------------------- */

static void
studio_chat_page_constructed (GObject *object)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (object);
  g_autofree char *last_model = NULL;

  G_OBJECT_CLASS (studio_chat_page_parent_class)->constructed (object);

  g_return_if_fail (STUDIO_IS_CONTEXT (self->context));

  last_model = g_settings_get_string (studio_context_get_settings (self->context),
                                      STUDIO_SETTING_CHAT_MODEL);
  if (*last_model != '\0')
    studio_model_picker_select_id (self->model_picker, last_model);
  g_signal_connect_object (self->context, "prices-changed", G_CALLBACK (on_prices_changed_cb), self,
                           G_CONNECT_SWAPPED);

  studio_chat_page_open (self, NULL, 0);
}

static void
studio_chat_page_dispose (GObject *object)
{
  StudioChatPage *self = (StudioChatPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  studio_chat_page_set_speech_session (self, NULL);

  /* The flap is both AdwBin's child and a template child. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_CHAT_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->conversation);
  g_clear_object (&self->sending);
  g_clear_object (&self->context);
  g_clear_pointer (&self->draft_settings, json_object_unref);

  G_OBJECT_CLASS (studio_chat_page_parent_class)->dispose (object);
}

static void
studio_chat_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (object);

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
studio_chat_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  StudioChatPage *self = STUDIO_CHAT_PAGE (object);

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
studio_chat_page_class_init (StudioChatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_chat_page_constructed;
  object_class->dispose = studio_chat_page_dispose;
  object_class->get_property = studio_chat_page_get_property;
  object_class->set_property = studio_chat_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STUDIO_TYPE_CHAT_COMPOSER);
  g_type_ensure (STUDIO_TYPE_CONVERSATION_SIDEBAR);
  g_type_ensure (STUDIO_TYPE_MESSAGE_LIST);
  g_type_ensure (STUDIO_TYPE_MODEL_PICKER);
  g_type_ensure (STUDIO_TYPE_PARAMETER_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-chat-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, flap);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, model_picker);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, system_prompt_view);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, parameter_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, cost_label);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, message_list);
  gtk_widget_class_bind_template_child (widget_class, StudioChatPage, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_conversation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_model_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_parameters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, studio_chat_page_bind_parameters);
  gtk_widget_class_bind_template_callback (widget_class, studio_chat_page_update_actions);

  studio_chat_page_class_install_actions (widget_class);
}

static void
studio_chat_page_init (StudioChatPage *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType drop_types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->draft_settings = json_object_new ();

  g_signal_connect_object (gtk_text_view_get_buffer (self->system_prompt_view), "changed",
                           G_CALLBACK (on_system_prompt_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_drop_target_set_gtypes (drop, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * studio_chat_page_new:
 * @context: the app's services
 *
 * Returns: (transfer floating): a new Chat workspace
 */
GtkWidget *
studio_chat_page_new (StudioContext *context)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (context), NULL);

  return g_object_new (STUDIO_TYPE_CHAT_PAGE,
                       "context", context,
                       NULL);
}

/**
 * studio_chat_page_get_context:
 *
 * Returns: (transfer none): the app's services
 */
StudioContext *
studio_chat_page_get_context (StudioChatPage *self)
{
  g_return_val_if_fail (STUDIO_IS_CHAT_PAGE (self), NULL);

  return self->context;
}

/**
 * studio_chat_page_add_attachment:
 * @self: the Chat workspace
 * @file: an image to send with the next message, or audio to transcribe
 *   for it
 */
void
studio_chat_page_add_attachment (StudioChatPage *self,
                                 GFile          *file)
{
  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  studio_chat_composer_add_file (self->composer, file);
}

/**
 * studio_chat_page_add_text:
 * @self: the Chat workspace
 * @text: text for the next message, such as a transcript
 *
 * Puts @text in the composer, after what is already typed there.
 */
void
studio_chat_page_add_text (StudioChatPage *self,
                           const char     *text)
{
  g_autofree char *typed = NULL;
  g_autofree char *joined = NULL;

  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));
  g_return_if_fail (text != NULL);

  typed = studio_chat_composer_dup_text (self->composer);
  if (typed == NULL || *typed == '\0')
    studio_chat_composer_set_text (self->composer, text);
  else
    {
      joined = g_strconcat (typed, "\n\n", text, NULL);
      studio_chat_composer_set_text (self->composer, joined);
    }
  studio_chat_composer_focus (self->composer);
}

/**
 * studio_chat_page_reload:
 * @self: the Chat workspace
 *
 * Lists the conversations in the history again, for when something other
 * than this page changed it.
 */
void
studio_chat_page_reload (StudioChatPage *self)
{
  g_return_if_fail (STUDIO_IS_CHAT_PAGE (self));

  studio_conversation_sidebar_reload (self->sidebar);
}
