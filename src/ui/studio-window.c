/* studio-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-window"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-page.h"
#include "studio-images-page.h"
#include "studio-mime.h"
#include "studio-settings.h"
#include "studio-speech-page.h"
#include "studio-transcribe-page.h"
#include "studio-ui.h"
#include "studio-utils.h"
#include "studio-window.h"

/* The main window: a view switcher over the four workspaces, or the welcome
 * page while there is no key, or a page that says the keyring is being
 * asked. Files opened from the desktop are routed to the workspace that
 * takes them.
 */
struct _StudioWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned references */
  StudioContext        *context;
  StudioSpeechSession  *speech_session;  /* shared by Speech and Chat's Read Aloud */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwStatusPage        *keyring_page;
  GtkSpinner           *keyring_spinner;
  AdwStatusPage        *welcome_page;
  GtkWidget            *retry_lookup_button;
  GtkWidget            *session_key_button;
  GtkWidget            *welcome_button;
  AdwViewStack         *view_stack;
  AdwBin               *chat_slot;
  AdwBin               *images_slot;
  AdwBin               *transcribe_slot;
  AdwBin               *speech_slot;

  char                 *welcome_title;
  char                 *welcome_description;
  guint                 keyring_page_timeout;
};

/* A keyring that answers at once is not worth a spinner. */
#define KEYRING_PAGE_DELAY_MS 300

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Workspaces are built the first time they are shown, so a start pays only
 * for the one on screen.
 */
static const struct {
  const char *name;
  GType     (*get_type) (void);
  gsize       slot_offset;
} workspaces[] = {
  { "chat", studio_chat_page_get_type, G_STRUCT_OFFSET (StudioWindow, chat_slot) },
  { "images", studio_images_page_get_type, G_STRUCT_OFFSET (StudioWindow, images_slot) },
  { "transcribe", studio_transcribe_page_get_type,
    G_STRUCT_OFFSET (StudioWindow, transcribe_slot) },
  { "speech", studio_speech_page_get_type, G_STRUCT_OFFSET (StudioWindow, speech_slot) },
};

/* One session for the window, so that reading in one workspace stops the
 * other's. STUDIO_AUDIO_SINK, a gst-launch description such as
 * "fakesink sync=true", replaces the sound card: GUI tests and benchmarks
 * run without one.
 */
static StudioSpeechSession *
studio_window_ensure_speech_session (StudioWindow *self)
{
  const char *sink_description;

  if (self->speech_session != NULL)
    return self->speech_session;

  self->speech_session = studio_speech_session_new (self->context);

  sink_description = g_getenv ("STUDIO_AUDIO_SINK");
  if (sink_description != NULL && *sink_description != '\0')
    {
      g_autoptr(GError) error = NULL;
      GstElement *sink;

      sink = gst_parse_bin_from_description (sink_description, TRUE, &error);
      if (sink != NULL)
        studio_speech_session_set_audio_sink (self->speech_session, sink);
      else
        g_warning ("STUDIO_AUDIO_SINK “%s” is not a pipeline: %s",
                   sink_description, error->message);
    }

  return self->speech_session;
}

static void
studio_window_hand_speech_session (StudioWindow *self,
                                   GtkWidget    *page)
{
  if (STUDIO_IS_SPEECH_PAGE (page))
    studio_speech_page_set_session (STUDIO_SPEECH_PAGE (page),
                                    studio_window_ensure_speech_session (self));
  else if (STUDIO_IS_CHAT_PAGE (page))
    studio_chat_page_set_speech_session (STUDIO_CHAT_PAGE (page),
                                         studio_window_ensure_speech_session (self));
}

static GtkWidget *
studio_window_ensure_page (StudioWindow *self,
                           const char   *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (workspaces); i++)
    {
      AdwBin *slot;

      if (g_strcmp0 (workspaces[i].name, name) != 0)
        continue;

      slot = G_STRUCT_MEMBER (AdwBin *, self, workspaces[i].slot_offset);
      if (adw_bin_get_child (slot) == NULL)
        {
          GtkWidget *page = g_object_new (workspaces[i].get_type (),
                                          "context", self->context,
                                          NULL);

          adw_bin_set_child (slot, page);
          studio_window_hand_speech_session (self, page);
        }

      return adw_bin_get_child (slot);
    }

  g_return_val_if_reached (NULL);
}

static void
studio_window_visible_page_cb (StudioWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL)
    studio_window_ensure_page (self, name);
}

/* The bar at the bottom stands in for the switcher in the title when the
 * window is too narrow for it, and neither shows on the welcome page.
 */
static void
studio_window_update_switcher_bar (StudioWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
    adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title) &&
    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static gboolean
studio_window_keyring_page_timeout_cb (gpointer user_data)
{
  StudioWindow *self = user_data;

  self->keyring_page_timeout = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->keyring_page), 1);
  gtk_spinner_start (self->keyring_spinner);

  return G_SOURCE_REMOVE;
}

/* While the keyring is asked, its page says so; the first lookup shows it
 * only once it takes a while, a lookup asked for again at once.
 */
static void
studio_window_show_keyring_page (StudioWindow *self,
                                 gboolean      at_once)
{
  if (at_once)
    {
      g_clear_handle_id (&self->keyring_page_timeout, g_source_remove);
      studio_window_keyring_page_timeout_cb (self);
    }
  else if (self->keyring_page_timeout == 0 && !gtk_spinner_get_spinning (self->keyring_spinner))
    {
      gtk_widget_set_opacity (GTK_WIDGET (self->keyring_page), 0);
      self->keyring_page_timeout = g_timeout_add (KEYRING_PAGE_DELAY_MS,
                                                  studio_window_keyring_page_timeout_cb, self);
    }
}

static void
studio_window_hide_keyring_page (StudioWindow *self)
{
  g_clear_handle_id (&self->keyring_page_timeout, g_source_remove);
  gtk_spinner_stop (self->keyring_spinner);
}

/* The welcome page, or why the keyring could not be read and what to do. */
static void
studio_window_update_welcome_page (StudioWindow *self,
                                   const GError *lookup_error)
{
  gboolean failed = lookup_error != NULL;

  gtk_widget_set_visible (self->retry_lookup_button, failed);
  gtk_widget_set_visible (self->session_key_button, failed);

  if (failed)
    {
      g_autofree char *escaped = g_markup_escape_text (lookup_error->message, -1);
      g_autofree char *description = NULL;

      description =
        g_strdup_printf (_("%s\n\nTry again, or use a key for this session only: it is kept in memory until OpenAI Studio quits."),
                         escaped);
      adw_status_page_set_title (self->welcome_page, _("The Keyring Could Not Be Read"));
      adw_status_page_set_description (self->welcome_page, description);
      gtk_widget_remove_css_class (self->welcome_button, "suggested-action");
    }
  else
    {
      adw_status_page_set_title (self->welcome_page, self->welcome_title);
      adw_status_page_set_description (self->welcome_page, self->welcome_description);
      gtk_widget_add_css_class (self->welcome_button, "suggested-action");
    }
}

/* Without a key there is nothing any workspace can do, except against a
 * local server, which often needs none.
 */
static void
studio_window_update_welcome (StudioWindow *self)
{
  StudioConnection *connection = studio_context_get_connection (self->context);
  StudioClient *client = studio_connection_get_client (connection);
  gboolean needs_key;
  const char *page;

  needs_key = studio_connection_get_key_source (connection) == STUDIO_KEY_SOURCE_NONE &&
              !studio_uri_is_loopback (studio_client_get_base_url (client));

  if (needs_key && studio_connection_get_looking_up (connection))
    page = "keyring";
  else if (needs_key && studio_connection_get_ready (connection))
    page = "welcome";
  else
    page = "workspaces";

  if (g_str_equal (page, "keyring"))
    studio_window_show_keyring_page (self, studio_connection_get_ready (connection));
  else
    studio_window_hide_keyring_page (self);

  studio_window_update_welcome_page (self, studio_connection_get_lookup_error (connection));
  gtk_stack_set_visible_child_name (self->main_stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (page, "workspaces"));
  studio_window_update_switcher_bar (self);
}

static void
studio_window_retry_key_lookup_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);

  studio_connection_load_key_async (studio_context_get_connection (self->context),
                                    NULL, NULL, NULL);
}

static void
session_key_changed_cb (GtkEditable      *row,
                        AdwMessageDialog *dialog)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  adw_message_dialog_set_response_enabled (dialog, "use", key[0] != '\0');
}

static void
session_key_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GtkEditable      *row)
{
  StudioWindow *self = STUDIO_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  if (g_strcmp0 (response, "use") == 0)
    studio_connection_use_session_key (studio_context_get_connection (self->context),
                                       gtk_editable_get_text (row));
  gtk_editable_set_text (row, "");
  /* libadwaita 1.2's entry row watches the focus of its window, and would
   * still be asked about it while the closing dialog is destroyed.
   */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
}

/* For when the keyring cannot keep the key: it stays in memory only. */
static void
studio_window_session_key_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *row;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Use a Key for This Session"),
                                                       _("The key is kept in memory until OpenAI Studio quits, and never written to disk. You will have to enter it again next time.")));
  row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("API Key"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "use", _("_Use Key"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "use");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "use", FALSE);
  studio_ui_name_mnemonic_buttons (GTK_WIDGET (dialog));
  g_signal_connect (row, "changed", G_CALLBACK (session_key_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (session_key_response_cb), row);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);
  GSettings *settings = studio_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, STUDIO_SETTING_WINDOW_WIDTH, width);
  g_settings_set_int (settings, STUDIO_SETTING_WINDOW_HEIGHT, height);
  g_settings_set_boolean (settings, STUDIO_SETTING_WINDOW_MAXIMIZED,
                          gtk_window_is_maximized (window));
  g_settings_apply (settings);

  /* What arrived of a clip is saved as it comes; stopping keeps it. */
  if (self->speech_session != NULL)
    studio_speech_session_stop (self->speech_session);

  return GTK_WINDOW_CLASS (studio_window_parent_class)->close_request (window);
}

static void
studio_window_constructed (GObject *object)
{
  StudioWindow *self = STUDIO_WINDOW (object);
  GSettings *settings = studio_context_get_settings (self->context);
  StudioConnection *connection = studio_context_get_connection (self->context);

  G_OBJECT_CLASS (studio_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, STUDIO_SETTING_WINDOW_WIDTH),
                               g_settings_get_int (settings, STUDIO_SETTING_WINDOW_HEIGHT));
  if (g_settings_get_boolean (settings, STUDIO_SETTING_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, STUDIO_SETTING_WORKSPACE, self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  self->welcome_title = g_strdup (adw_status_page_get_title (self->welcome_page));
  self->welcome_description = g_strdup (adw_status_page_get_description (self->welcome_page));

  g_signal_connect_object (connection, "notify::key-source",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::ready",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::looking-up",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::lookup-error",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (studio_connection_get_client (connection), "notify::base-url",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (studio_window_update_switcher_bar), self, G_CONNECT_SWAPPED);
  studio_window_update_welcome (self);

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (studio_window_visible_page_cb), self,
                           G_CONNECT_SWAPPED);
  studio_window_visible_page_cb (self);
}

static void
studio_window_workspace_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  studio_window_set_workspace (STUDIO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* An image from another workspace (the gallery's) attached to the chat
 * being written.
 */
static void
studio_window_send_to_chat_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GtkWidget *page = studio_window_ensure_page (self, "chat");

  studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), file);
  studio_window_set_workspace (self, "chat");
}

static void
studio_window_send_text_to_chat_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  StudioWindow *self = STUDIO_WINDOW (widget);
  GtkWidget *page = studio_window_ensure_page (self, "chat");

  studio_chat_page_add_text (STUDIO_CHAT_PAGE (page), g_variant_get_string (parameter, NULL));
  studio_window_set_workspace (self, "chat");
}

static void
studio_window_dispose (GObject *object)
{
  StudioWindow *self = (StudioWindow *) object;

  g_clear_handle_id (&self->keyring_page_timeout, g_source_remove);
  if (self->speech_session != NULL)
    studio_speech_session_stop (self->speech_session);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_WINDOW);
  g_clear_object (&self->speech_session);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_finalize (GObject *object)
{
  StudioWindow *self = (StudioWindow *) object;

  g_free (self->welcome_title);
  g_free (self->welcome_description);

  G_OBJECT_CLASS (studio_window_parent_class)->finalize (object);
}

static void
studio_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioWindow *self = STUDIO_WINDOW (object);

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
studio_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioWindow *self = STUDIO_WINDOW (object);

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
studio_window_class_init (StudioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = studio_window_constructed;
  object_class->dispose = studio_window_dispose;
  object_class->finalize = studio_window_finalize;
  object_class->get_property = studio_window_get_property;
  object_class->set_property = studio_window_set_property;
  window_class->close_request = studio_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.workspace", "s",
                                   studio_window_workspace_action);
  gtk_widget_class_install_action (widget_class, "win.send-to-chat", "s",
                                   studio_window_send_to_chat_action);
  gtk_widget_class_install_action (widget_class, "win.send-text-to-chat", "s",
                                   studio_window_send_text_to_chat_action);
  gtk_widget_class_install_action (widget_class, "win.retry-key-lookup", NULL,
                                   studio_window_retry_key_lookup_action);
  gtk_widget_class_install_action (widget_class, "win.session-key", NULL,
                                   studio_window_session_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.workspace", "s", "chat");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.workspace", "s", "images");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.workspace", "s", "transcribe");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.workspace", "s", "speech");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, keyring_page);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, keyring_spinner);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, retry_lookup_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, session_key_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, welcome_button);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, chat_slot);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, images_slot);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, transcribe_slot);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, speech_slot);
}

static void
studio_window_init (StudioWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * studio_window_new:
 * @application: the app
 * @context: the app's services
 *
 * Returns: (transfer none): a new main window, kept by @application
 */
StudioWindow *
studio_window_new (GtkApplication *application,
                   StudioContext  *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STUDIO_IS_CONTEXT (context), NULL);

  return g_object_new (STUDIO_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

void
studio_window_add_toast (StudioWindow *self,
                         const char   *title)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));

  studio_window_show_toast (self, studio_ui_toast_new (title));
}

/**
 * studio_window_show_toast:
 * @self: a window
 * @toast: (transfer full): the toast
 */
void
studio_window_show_toast (StudioWindow *self,
                          AdwToast     *toast)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
studio_window_get_workspace (StudioWindow *self)
{
  g_return_val_if_fail (STUDIO_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
studio_window_set_workspace (StudioWindow *self,
                             const char   *name)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * studio_window_open_files:
 * @self: a window
 * @files: (array length=n_files): files from the command line or desktop
 * @n_files: the number of files
 *
 * Images go to Chat as attachments, audio to Transcribe. Anything else is
 * refused with a toast that says why.
 */
void
studio_window_open_files (StudioWindow  *self,
                          GFile        **files,
                          int            n_files)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *message = NULL;
      g_autofree char *mime_type = NULL;

      info = g_file_query_info (files[i],
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                G_FILE_QUERY_INFO_NONE, NULL, &error);
      if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        mime_type = studio_mime_sniff_file (files[i], NULL, &error);

      if (info == NULL ||
          (mime_type == NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY))
        {
          name = g_file_get_parse_name (files[i]);
          message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
          studio_window_add_toast (self, message);
          continue;
        }

      name = g_strdup (g_file_info_get_display_name (info));
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        message =
          g_strdup_printf (_("“%s” is a folder. Open the image or audio files inside it instead."),
                           name);
      else if (studio_mime_is_chat_image (mime_type))
        {
          GtkWidget *page = studio_window_ensure_page (self, "chat");

          studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), files[i]);
          studio_window_set_workspace (self, "chat");
        }
      else if (studio_mime_is_audio (mime_type))
        {
          GtkWidget *page = studio_window_ensure_page (self, "transcribe");

          studio_transcribe_page_open_file (STUDIO_TRANSCRIBE_PAGE (page), files[i]);
          studio_window_set_workspace (self, "transcribe");
        }
      else
        message = g_strdup_printf (_("Cannot open “%s”: OpenAI Studio opens PNG, JPEG, WebP and GIF images and audio files."), name);

      if (message != NULL)
        studio_window_add_toast (self, message);
    }
}
