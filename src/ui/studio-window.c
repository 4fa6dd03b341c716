/* studio-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-window"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-chat-page.h"
#include "studio-images-page.h"
#include "studio-speech-page.h"
#include "studio-transcribe-page.h"
#include "studio-utils.h"
#include "studio-window.h"

/* The main window: a view switcher over the four workspaces, or the welcome
 * page while there is no key. Files opened from the desktop are routed to
 * the workspace that takes them.
 */
struct _StudioWindow
{
  AdwApplicationWindow  parent_instance;

  /* Borrowed references */
  StudioConnection     *connection;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwBin               *chat_slot;
  AdwBin               *images_slot;
  AdwBin               *transcribe_slot;
  AdwBin               *speech_slot;
};

G_DEFINE_FINAL_TYPE (StudioWindow, studio_window, ADW_TYPE_APPLICATION_WINDOW)

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
  { "transcribe", studio_transcribe_page_get_type, G_STRUCT_OFFSET (StudioWindow, transcribe_slot) },
  { "speech", studio_speech_page_get_type, G_STRUCT_OFFSET (StudioWindow, speech_slot) },
};

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
        adw_bin_set_child (slot, g_object_new (workspaces[i].get_type (), NULL));

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

static StudioApplication *
studio_window_get_app (StudioWindow *self)
{
  return STUDIO_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

/* Without a key there is nothing any workspace can do, except against a
 * local server, which often needs none.
 */
static void
studio_window_update_welcome (StudioWindow *self)
{
  StudioClient *client = studio_connection_get_client (self->connection);
  gboolean welcome;

  welcome = studio_connection_get_ready (self->connection) &&
            studio_connection_get_key_source (self->connection) == STUDIO_KEY_SOURCE_NONE &&
            !studio_uri_is_loopback (studio_client_get_base_url (client));

  gtk_stack_set_visible_child_name (self->main_stack, welcome ? "welcome" : "workspaces");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, !welcome);
}

static gboolean
studio_window_close_request (GtkWindow *window)
{
  StudioWindow *self = STUDIO_WINDOW (window);
  GSettings *settings = studio_application_get_settings (studio_window_get_app (self));
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (studio_window_parent_class)->close_request (window);
}

/* The application property is set after construction, so this runs from
 * studio_window_new() rather than from constructed().
 */
static void
studio_window_attach (StudioWindow      *self,
                      StudioApplication *app)
{
  GSettings *settings = studio_application_get_settings (app);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, "workspace", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  self->connection = studio_application_get_connection (app);
  g_signal_connect_object (self->connection, "notify::key-source",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::ready",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (studio_connection_get_client (self->connection), "notify::base-url",
                           G_CALLBACK (studio_window_update_welcome), self, G_CONNECT_SWAPPED);
  studio_window_update_welcome (self);

}

static void
studio_window_workspace_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  studio_window_set_workspace (STUDIO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
studio_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STUDIO_TYPE_WINDOW);

  G_OBJECT_CLASS (studio_window_parent_class)->dispose (object);
}

static void
studio_window_class_init (StudioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = studio_window_dispose;
  window_class->close_request = studio_window_close_request;

  gtk_widget_class_install_action (widget_class, "win.workspace", "s", studio_window_workspace_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.workspace", "s", "chat");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.workspace", "s", "images");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.workspace", "s", "transcribe");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.workspace", "s", "speech");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/studio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StudioWindow, main_stack);
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

  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (studio_window_visible_page_cb), self,
                           G_CONNECT_SWAPPED);
  studio_window_visible_page_cb (self);
}

StudioWindow *
studio_window_new (StudioApplication *application)
{
  StudioWindow *self;

  g_return_val_if_fail (STUDIO_IS_APPLICATION (application), NULL);

  self = g_object_new (STUDIO_TYPE_WINDOW,
                       "application", application,
                       NULL);
  studio_window_attach (self, application);

  return self;
}

void
studio_window_add_toast (StudioWindow *self,
                         const char   *title)
{
  g_return_if_fail (STUDIO_IS_WINDOW (self));

  g_autofree char *escaped = g_markup_escape_text (title, -1);

  /* Toast titles are Pango markup; file names are not. */
  studio_window_show_toast (self, adw_toast_new (escaped));
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

static gboolean
is_chat_image (const char *mime_type)
{
  static const char *types[] = { "image/png", "image/jpeg", "image/webp", "image/gif", NULL };

  return mime_type != NULL && g_strv_contains (types, mime_type);
}

static gboolean
is_audio (const char *mime_type)
{
  /* The transcription API also takes the sound track of mp4 and webm. */
  return mime_type != NULL &&
         (g_str_has_prefix (mime_type, "audio/") ||
          g_str_equal (mime_type, "video/mp4") ||
          g_str_equal (mime_type, "video/webm"));
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
                                G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE ","
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                G_FILE_QUERY_INFO_NONE, NULL, &error);
      if (info == NULL)
        {
          name = g_file_get_parse_name (files[i]);
          message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
          studio_window_add_toast (self, message);
          continue;
        }

      name = g_strdup (g_file_info_get_display_name (info));
      if (g_file_info_get_content_type (info) != NULL)
        mime_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        message = g_strdup_printf (_("“%s” is a folder. Open the image or audio files inside it instead."), name);
      else if (is_chat_image (mime_type))
        {
          GtkWidget *page = studio_window_ensure_page (self, "chat");

          studio_chat_page_add_attachment (STUDIO_CHAT_PAGE (page), files[i]);
          studio_window_set_workspace (self, "chat");
        }
      else if (is_audio (mime_type))
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
