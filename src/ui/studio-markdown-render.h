/* studio-markdown-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *studio_markdown_render_chunk           (const char *chunk);
GtkWidget *studio_markdown_render_code_block      (const char *code,
                                                   const char *language_id);
gboolean   studio_markdown_render_is_code_block   (GtkWidget  *widget);
void       studio_markdown_render_grow_code_block (GtkWidget  *block,
                                                   const char *old_code,
                                                   const char *new_code);
void       studio_markdown_render_load_language   (const char *language_id);

G_END_DECLS
