/* studio-markdown-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-markdown-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <md4c.h>

#include "studio-markdown-render.h"

/* One chunk of Markdown (GitHub dialect, parsed by md4c) made into widgets:
 * selectable labels with Pango markup for text, boxes for quotes and lists,
 * grids for tables, and for fenced code a GtkSourceView with a Copy button.
 * StudioMarkdownView decides which chunks to render; this knows how.
 */

typedef struct
{
  GtkWidget *container;
  gboolean   ordered;
  guint      next_number;
} Frame;

typedef struct
{
  GArray    *frames;
  GString   *markup;       /* the inline text being collected, or NULL */
  GString   *code;         /* the code block being collected, or NULL */
  char      *code_language;
  MD_BLOCKTYPE inline_block;
  guint      heading_level;
  GtkWidget *table;
  int        table_row;
  int        table_column;
  gboolean   in_header;
} Renderer;

static Frame *
renderer_top (Renderer *renderer)
{
  return &g_array_index (renderer->frames, Frame, renderer->frames->len - 1);
}

static void
renderer_push (Renderer  *renderer,
               GtkWidget *container)
{
  Frame frame = { container, FALSE, 1 };

  g_array_append_val (renderer->frames, frame);
}

static GtkWidget *
new_box (const char *css_class,
         int         spacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);

  return box;
}

static void
append_to (GtkWidget *container,
           GtkWidget *child)
{
  gtk_box_append (GTK_BOX (container), child);
}

static GtkWidget *
new_text_label (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Widths from character counts spare GTK laying the text out at every
   * width it probes, which is most of what opening a long chat costs.
   */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  /* A selectable label would otherwise take focus on every click. */
  gtk_widget_set_focusable (label, FALSE);

  return label;
}

static void
copy_code_cb (GtkButton     *button,
              GtkTextBuffer *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

/* A text view learns its height only once it has validated its lines,
 * after the list around it laid out; the lines do not wrap, so their
 * height is known up front and asked for at once.
 */
static void
fit_code_height (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "Ag");
  int line_height = 0;

  pango_layout_get_pixel_size (layout, NULL, &line_height);
  gtk_widget_set_size_request (GTK_WIDGET (view), -1,
                               gtk_text_buffer_get_line_count (buffer) * line_height +
                               gtk_text_view_get_top_margin (view) +
                               gtk_text_view_get_bottom_margin (view));
}

/* GtkSourceView parses a language's definition when a buffer first needs
 * it and frees it with the last such buffer, so every conversation opened
 * would parse again. One idle buffer per language seen keeps it loaded.
 */
static void
keep_language_loaded (GtkSourceLanguage *language)
{
  static GHashTable *keepers;
  GtkSourceBuffer *buffer;

  if (keepers == NULL)
    keepers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  if (g_hash_table_contains (keepers, gtk_source_language_get_id (language)))
    return;

  buffer = gtk_source_buffer_new_with_language (language);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), " ", -1);
  g_hash_table_insert (keepers, g_strdup (gtk_source_language_get_id (language)), buffer);
}

/**
 * studio_markdown_render_code_block:
 * @code: the code, as md4c gives it
 * @language_id: (nullable): the language of its fence, if any
 *
 * Returns: (transfer floating): a code block: a header with the language and
 *   a Copy button above a GtkSourceView
 */
GtkWidget *
studio_markdown_render_code_block (const char *code,
                                   const char *language_id)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceLanguage *language = NULL;
  GtkSourceBuffer *buffer;
  GtkWidget *frame = new_box ("studio-code-block", 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (language_id && *language_id ? language_id : _("Code"));
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;
  gsize length = strlen (code);

  if (language_id && *language_id)
    {
      g_autofree char *lower = g_ascii_strdown (language_id, -1);

      language = gtk_source_language_manager_get_language (languages, lower);
      if (language == NULL)
        language = gtk_source_language_manager_guess_language (languages, lower, NULL);
    }

  /* md4c keeps the last newline of a code block; the view does not need it. */
  if (length > 0 && code[length - 1] == '\n')
    length--;

  buffer = gtk_source_buffer_new (NULL);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (buffer), code, length);
  if (language != NULL)
    {
      keep_language_loaded (language);
      gtk_source_buffer_set_language (buffer, language);
    }
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (gtk_source_style_scheme_manager_get_default (),
                                                                                  "Adwaita"));

  view = gtk_source_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"),
                                  -1);
  fit_code_height (GTK_TEXT_VIEW (view));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);

  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy Code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Code"), -1);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_code_cb), buffer, 0);
  gtk_widget_add_css_class (header, "studio-code-header");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), copy);

  gtk_box_append (GTK_BOX (frame), header);
  gtk_box_append (GTK_BOX (frame), scroller);
  g_object_set_data_full (G_OBJECT (frame), "studio-code-buffer", buffer, g_object_unref);
  g_object_set_data (G_OBJECT (frame), "studio-code-view", view);

  return frame;
}

static void
renderer_flush_inline (Renderer *renderer)
{
  GtkWidget *label;

  if (renderer->markup == NULL)
    return;

  label = new_text_label (renderer->markup->str);

  if (renderer->inline_block == MD_BLOCK_H)
    {
      static const char *classes[] = { "title-1", "title-2", "title-3", "title-4",
                                       "heading", "heading" };

      gtk_widget_add_css_class (label, classes[CLAMP (renderer->heading_level, 1, 6) - 1]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, renderer->heading_level,
                                      -1);
    }

  if (renderer->inline_block == MD_BLOCK_TH || renderer->inline_block == MD_BLOCK_TD)
    {
      if (renderer->in_header)
        gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "studio-cell");
      /* Table columns take the width of their contents. */
      gtk_label_set_width_chars (GTK_LABEL (label), -1);
      gtk_grid_attach (GTK_GRID (renderer->table), label,
                       renderer->table_column, renderer->table_row, 1, 1);
    }
  else
    append_to (renderer_top (renderer)->container, label);

  g_string_free (renderer->markup, TRUE);
  renderer->markup = NULL;
}

static void
renderer_begin_inline (Renderer     *renderer,
                       MD_BLOCKTYPE  type)
{
  renderer_flush_inline (renderer);
  renderer->markup = g_string_new (NULL);
  renderer->inline_block = type;
}

static void
append_attribute (GString            *out,
                  const MD_ATTRIBUTE *attribute)
{
  g_autofree char *text = g_strndup (attribute->text, attribute->size);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static int
enter_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Renderer *renderer = user_data;
  GtkWidget *widget;

  /* Text directly in a tight list item has no paragraph of its own. */
  if (type != MD_BLOCK_TH && type != MD_BLOCK_TD)
    renderer_flush_inline (renderer);

  switch (type)
    {
    case MD_BLOCK_DOC:
      break;

    case MD_BLOCK_QUOTE:
      widget = new_box ("studio-blockquote", 6);
      append_to (renderer_top (renderer)->container, widget);
      renderer_push (renderer, widget);
      break;

    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
      widget = new_box ("studio-list", 4);
      append_to (renderer_top (renderer)->container, widget);
      renderer_push (renderer, widget);
      renderer_top (renderer)->ordered = type == MD_BLOCK_OL;
      if (type == MD_BLOCK_OL)
        renderer_top (renderer)->next_number = ((MD_BLOCK_OL_DETAIL *) detail)->start;
      break;

    case MD_BLOCK_LI:
      {
        Frame *list = renderer_top (renderer);
        MD_BLOCK_LI_DETAIL *item = detail;
        GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
        GtkWidget *content = new_box (NULL, 4);
        g_autofree char *mark = NULL;
        GtkWidget *bullet;

        if (item->is_task)
          mark = g_strdup (item->task_mark == ' ' ? "☐" : "☑");
        else if (list->ordered)
          mark = g_strdup_printf ("%u.", list->next_number++);
        else
          mark = g_strdup ("•");

        bullet = gtk_label_new (mark);
        gtk_widget_set_valign (bullet, GTK_ALIGN_START);
        gtk_widget_add_css_class (bullet, "studio-bullet");
        gtk_widget_set_hexpand (content, TRUE);
        gtk_box_append (GTK_BOX (row), bullet);
        gtk_box_append (GTK_BOX (row), content);
        append_to (list->container, row);
        renderer_push (renderer, content);
      }
      break;

    case MD_BLOCK_HR:
      append_to (renderer_top (renderer)->container,
                 gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      break;

    case MD_BLOCK_H:
      renderer_begin_inline (renderer, type);
      renderer->heading_level = ((MD_BLOCK_H_DETAIL *) detail)->level;
      break;

    case MD_BLOCK_P:
      renderer_begin_inline (renderer, type);
      break;

    case MD_BLOCK_CODE:
      {
        MD_BLOCK_CODE_DETAIL *code = detail;

        renderer->code = g_string_new (NULL);
        renderer->code_language = code->lang.size ? g_strndup (code->lang.text, code->lang.size)
                                                  : NULL;
      }
      break;

    case MD_BLOCK_HTML:
      renderer->code = g_string_new (NULL);
      break;

    case MD_BLOCK_TABLE:
      renderer->table = gtk_grid_new ();
      renderer->table_row = -1;
      gtk_grid_set_column_spacing (GTK_GRID (renderer->table), 18);
      gtk_grid_set_row_spacing (GTK_GRID (renderer->table), 6);
      gtk_widget_add_css_class (renderer->table, "studio-table");
      append_to (renderer_top (renderer)->container, renderer->table);
      break;

    case MD_BLOCK_THEAD:
      renderer->in_header = TRUE;
      break;

    case MD_BLOCK_TBODY:
      renderer->in_header = FALSE;
      break;

    case MD_BLOCK_TR:
      renderer->table_row++;
      renderer->table_column = 0;
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      renderer_begin_inline (renderer, type);
      break;

    default:
      break;
    }

  return 0;
}

static int
leave_block_cb (MD_BLOCKTYPE  type,
                void         *detail,
                void         *user_data)
{
  Renderer *renderer = user_data;

  switch (type)
    {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
    case MD_BLOCK_LI:
      renderer_flush_inline (renderer);
      g_array_set_size (renderer->frames, renderer->frames->len - 1);
      break;

    case MD_BLOCK_H:
    case MD_BLOCK_P:
      renderer_flush_inline (renderer);
      break;

    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
      renderer_flush_inline (renderer);
      renderer->table_column++;
      break;

    case MD_BLOCK_TABLE:
      renderer->table = NULL;
      break;

    case MD_BLOCK_CODE:
      append_to (renderer_top (renderer)->container,
                 studio_markdown_render_code_block (renderer->code->str,
                                                    renderer->code_language));
      g_string_free (renderer->code, TRUE);
      renderer->code = NULL;
      g_clear_pointer (&renderer->code_language, g_free);
      break;

    case MD_BLOCK_HTML:
      {
        g_autofree char *escaped = g_markup_escape_text (g_strchomp (renderer->code->str), -1);

        append_to (renderer_top (renderer)->container, new_text_label (escaped));
        g_string_free (renderer->code, TRUE);
        renderer->code = NULL;
      }
      break;

    default:
      break;
    }

  return 0;
}

static GString *
renderer_inline (Renderer *renderer)
{
  /* Text straight inside a list item: an implicit paragraph. */
  if (renderer->markup == NULL)
    renderer_begin_inline (renderer, MD_BLOCK_P);

  return renderer->markup;
}

static int
enter_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  GString *out = renderer_inline (user_data);

  switch (type)
    {
    case MD_SPAN_EM:
      g_string_append (out, "<i>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (out, "<b>");
      break;
    case MD_SPAN_CODE:
      g_string_append (out, "<tt>");
      break;
    case MD_SPAN_DEL:
      g_string_append (out, "<s>");
      break;
    case MD_SPAN_U:
      g_string_append (out, "<u>");
      break;
    case MD_SPAN_A:
      g_string_append (out, "<a href=\"");
      append_attribute (out, &((MD_SPAN_A_DETAIL *) detail)->href);
      g_string_append (out, "\">");
      break;
    case MD_SPAN_IMG:
      /* Images in replies are not fetched; their description is shown. */
      g_string_append (out, "<i>[");
      break;
    default:
      break;
    }

  return 0;
}

static int
leave_span_cb (MD_SPANTYPE  type,
               void        *detail,
               void        *user_data)
{
  GString *out = renderer_inline (user_data);

  switch (type)
    {
    case MD_SPAN_EM:
      g_string_append (out, "</i>");
      break;
    case MD_SPAN_STRONG:
      g_string_append (out, "</b>");
      break;
    case MD_SPAN_CODE:
      g_string_append (out, "</tt>");
      break;
    case MD_SPAN_DEL:
      g_string_append (out, "</s>");
      break;
    case MD_SPAN_U:
      g_string_append (out, "</u>");
      break;
    case MD_SPAN_A:
      g_string_append (out, "</a>");
      break;
    case MD_SPAN_IMG:
      g_string_append (out, "]</i>");
      break;
    default:
      break;
    }

  return 0;
}

/* The named entities that turn up in model output; others stay as typed. */
static const struct {
  const char *name;
  gunichar    c;
} entities[] = {
  { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
  { "&nbsp;", 0xa0 }, { "&copy;", 0xa9 }, { "&reg;", 0xae }, { "&trade;", 0x2122 },
  { "&mdash;", 0x2014 }, { "&ndash;", 0x2013 }, { "&hellip;", 0x2026 }, { "&laquo;", 0xab },
  { "&raquo;", 0xbb }, { "&euro;", 0x20ac }, { "&times;", 0xd7 }, { "&divide;", 0xf7 },
  { "&deg;", 0xb0 }, { "&plusmn;", 0xb1 }, { "&middot;", 0xb7 }, { "&bull;", 0x2022 },
  { "&larr;", 0x2190 }, { "&rarr;", 0x2192 }, { "&uarr;", 0x2191 }, { "&darr;", 0x2193 },
  { "&le;", 0x2264 }, { "&ge;", 0x2265 }, { "&ne;", 0x2260 }, { "&check;", 0x2713 },
};

static void
append_entity (GString    *out,
               const char *entity,
               gsize       size)
{
  g_autofree char *name = g_strndup (entity, size);
  gunichar c = 0;

  if (size > 3 && name[1] == '#')
    c = (name[2] == 'x' || name[2] == 'X') ? g_ascii_strtoull (name + 3, NULL, 16)
                                           : g_ascii_strtoull (name + 2, NULL, 10);
  else
    for (guint i = 0; i < G_N_ELEMENTS (entities) && c == 0; i++)
      if (g_str_equal (name, entities[i].name))
        c = entities[i].c;

  if (c != 0 && g_unichar_validate (c))
    {
      char utf8[7] = { 0 };
      g_autofree char *escaped = NULL;

      g_unichar_to_utf8 (c, utf8);
      escaped = g_markup_escape_text (utf8, -1);
      g_string_append (out, escaped);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      g_string_append (out, escaped);
    }
}

static int
text_cb (MD_TEXTTYPE    type,
         const MD_CHAR *text,
         MD_SIZE        size,
         void          *user_data)
{
  Renderer *renderer = user_data;
  GString *out;

  if (renderer->code != NULL)
    {
      g_string_append_len (renderer->code, text, size);
      return 0;
    }

  out = renderer_inline (renderer);

  switch (type)
    {
    case MD_TEXT_NULLCHAR:
      g_string_append (out, "\xef\xbf\xbd");
      break;
    case MD_TEXT_BR:
      g_string_append_c (out, '\n');
      break;
    case MD_TEXT_SOFTBR:
      g_string_append_c (out, ' ');
      break;
    case MD_TEXT_ENTITY:
      append_entity (out, text, size);
      break;
    default:
      {
        g_autofree char *escaped = g_markup_escape_text (text, size);

        g_string_append (out, escaped);
      }
      break;
    }

  return 0;
}

/**
 * studio_markdown_render_chunk:
 * @chunk: Markdown, one chunk of a text
 *
 * Returns: (transfer floating): a box with the widgets @chunk became
 */
GtkWidget *
studio_markdown_render_chunk (const char *chunk)
{
  static const MD_PARSER parser = {
    0,
    MD_DIALECT_GITHUB | MD_FLAG_NOHTMLSPANS,
    enter_block_cb,
    leave_block_cb,
    enter_span_cb,
    leave_span_cb,
    text_cb,
    NULL, NULL,
  };
  GtkWidget *root = new_box ("studio-markdown-chunk", 8);
  Renderer renderer = { 0 };

  renderer.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  renderer_push (&renderer, root);
  md_parse (chunk, strlen (chunk), &parser, &renderer);
  renderer_flush_inline (&renderer);

  if (renderer.code != NULL)
    g_string_free (renderer.code, TRUE);
  g_free (renderer.code_language);
  g_array_unref (renderer.frames);

  return root;
}

/**
 * studio_markdown_render_is_code_block:
 * @widget: a widget
 *
 * Returns: whether @widget was made by studio_markdown_render_code_block()
 */
gboolean
studio_markdown_render_is_code_block (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  return g_object_get_data (G_OBJECT (widget), "studio-code-buffer") != NULL;
}

/**
 * studio_markdown_render_grow_code_block:
 * @block: a code block showing @old_code
 * @old_code: what it shows
 * @new_code: what it should show
 *
 * Shows @new_code in the existing view: appended when it only adds to
 * @old_code, which is how a streamed block grows, replaced otherwise.
 */
void
studio_markdown_render_grow_code_block (GtkWidget  *block,
                                        const char *old_code,
                                        const char *new_code)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (studio_markdown_render_is_code_block (block));

  buffer = g_object_get_data (G_OBJECT (block), "studio-code-buffer");
  if (g_str_has_prefix (new_code, old_code))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, new_code + strlen (old_code), -1);
    }
  else
    gtk_text_buffer_set_text (buffer, new_code, -1);

  fit_code_height (g_object_get_data (G_OBJECT (block), "studio-code-view"));
}

/**
 * studio_markdown_render_load_language:
 * @language_id: a GtkSourceView language id
 *
 * Parses the language's definition now, if it has one, and keeps it for
 * the rest of the session.
 */
void
studio_markdown_render_load_language (const char *language_id)
{
  GtkSourceLanguage *language =
    gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                              language_id);

  if (language != NULL)
    keep_language_loaded (language);
}
