/* studio-speech-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-speech-controls.h"
#include "studio-speech-history.h"
#include "studio-speech-options.h"
#include "studio-speech-page.h"
#include "studio-speech-text-view.h"

G_BEGIN_DECLS

struct _StudioSpeechPage
{
  AdwBin                parent_instance;

  /* Owned references */
  StudioContext        *context;
  StudioSpeechSession  *session;
  StudioSpeechClip     *clip;         /* the clip last spoken or replayed, kept after Stop */
  GCancellable         *cancellable;  /* exports, cancelled in dispose */

  /* Template widgets */
  StudioSpeechHistory  *history;
  GtkLabel             *title_label;
  StudioSpeechTextView *text_view;
  GtkLabel             *info_label;
  StudioSpeechControls *controls;
  StudioSpeechOptions  *options;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_title;
  GtkLabel             *error_label;
  GtkWidget            *error_note;
  GtkWidget            *retry_button;
  GtkWidget            *fallback_button;

  gulong                state_handler;
  gulong                clip_handler;
  gulong                error_handler;
  guint                 info_timeout;
  guint                 n_exports;    /* running, for tests to wait on */
  guint                 shown_error_retryable : 1;
};

void studio_speech_page_update_actions  (StudioSpeechPage   *self);
void studio_speech_page_show_error      (StudioSpeechPage   *self,
                                         const GError       *error,
                                         gboolean            from_session);
void studio_speech_page_hide_error      (StudioSpeechPage   *self);
void studio_speech_page_install_actions (GtkWidgetClass     *widget_class);
void studio_speech_page_add_shortcuts   (StudioSpeechPage   *self);
void studio_speech_page_export          (StudioSpeechPage   *self,
                                         StudioSpeechClip   *clip,
                                         GFile              *destination,
                                         const char         *format);
void studio_speech_page_save_clip_as    (StudioSpeechPage   *self,
                                         StudioSpeechClip   *clip);

G_END_DECLS
