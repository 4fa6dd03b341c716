/* studio-markdown-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_MARKDOWN_VIEW (studio_markdown_view_get_type ())

G_DECLARE_FINAL_TYPE (StudioMarkdownView, studio_markdown_view, STUDIO, MARKDOWN_VIEW, GtkWidget)

GtkWidget  *studio_markdown_view_new       (void);
void        studio_markdown_view_set_text  (StudioMarkdownView *self,
                                            const char         *text);
gboolean    studio_markdown_view_update    (StudioMarkdownView *self,
                                            const char         *text,
                                            gint64              deadline);
const char *studio_markdown_view_get_text  (StudioMarkdownView *self);
guint       studio_markdown_view_get_n_rendered (StudioMarkdownView *self);
char       *studio_markdown_view_dump      (StudioMarkdownView *self);

void        studio_markdown_view_warm_up   (void);

G_END_DECLS
