/* studio-markdown-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-markdown-view"

#include "config.h"

#include <string.h>

#include <gtksourceview/gtksource.h>

#include "studio-markdown-render.h"
#include "studio-markdown-view.h"

/* Renders Markdown (GitHub dialect, parsed by md4c) into real widgets:
 * selectable labels with Pango markup for text, GtkSourceView with a Copy
 * button for fenced code, grids for tables (studio-markdown-render.c).
 *
 * The text is cut into top-level chunks at blank lines outside code fences,
 * and each chunk is rendered on its own. Setting new text re-renders only
 * the chunks that changed, which while a reply streams is only the last one,
 * so a long reply costs the same per update as a short one.
 */
struct _StudioMarkdownView
{
  GtkWidget  parent_instance;

  /* Owned references */
  char      *text;
  GPtrArray *chunks;    /* char *, those rendered */
  GPtrArray *widgets;   /* GtkWidget *, one per chunk */
  GPtrArray *groups;    /* GtkBox *, our children, CHUNKS_PER_GROUP chunks each */

  guint      n_rendered;
  guint      pending : 1;  /* text has chunks not rendered yet */
};

G_DEFINE_FINAL_TYPE (StudioMarkdownView, studio_markdown_view, GTK_TYPE_WIDGET)

/* Chunks sit in groups, so that a new last chunk re-lays out one group and
 * the short list of groups, not every chunk of a long reply.
 */
#define CHUNKS_PER_GROUP 16

/* Warming up ------------------------------------------------------------ */

/* The languages most replies show code in. Others load when first seen. */
static const char *common_languages[] = {
  "python", "javascript", "sh", "json", "c", "cpp", "typescript", "html",
};

static gboolean
warm_up_cb (gpointer user_data)
{
  guint *step = user_data;

  /* The first code block sets up GtkSourceView's widgets (studio_ui_init()
   * already read the list of languages and the style scheme); then each
   * language's definition is parsed, in an idle of its own.
   */
  if (*step == 0)
    g_object_unref (g_object_ref_sink (studio_markdown_render_code_block ("", NULL)));
  else
    studio_markdown_render_load_language (common_languages[*step - 1]);

  return ++*step <= G_N_ELEMENTS (common_languages) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/**
 * studio_markdown_view_warm_up:
 *
 * The first code block of a session, and the first in each language, costs
 * tens of milliseconds that would stall a streaming reply. This does that
 * work ahead, in low-priority idles; the chat page calls it when the user
 * starts typing, so that a session that never chats does not pay for it.
 */
void
studio_markdown_view_warm_up (void)
{
  static gboolean started;

  if (started)
    return;

  started = TRUE;
  g_idle_add_full (G_PRIORITY_LOW, warm_up_cb, g_new0 (guint, 1), g_free);
}

/* Cutting text into chunks ---------------------------------------------- */

static gboolean
is_fence (const char  *line,
          char        *fence_char,
          guint       *fence_length)
{
  guint indent = 0;
  guint count = 0;
  char c;

  while (line[indent] == ' ' && indent < 4)
    indent++;
  if (indent > 3)
    return FALSE;

  c = line[indent];
  if (c != '`' && c != '~')
    return FALSE;

  while (line[indent + count] == c)
    count++;
  if (count < 3)
    return FALSE;

  *fence_char = c;
  *fence_length = count;
  return TRUE;
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;

  return TRUE;
}

static GPtrArray *
split_chunks (const char *text)
{
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) current = g_string_new (NULL);
  char open_char = 0;
  guint open_length = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      char fence_char;
      guint fence_length;

      if (open_char == 0 && is_blank (line))
        {
          if (current->len > 0)
            {
              g_ptr_array_add (chunks, g_strdup (current->str));
              g_string_truncate (current, 0);
            }
          continue;
        }

      if (is_fence (line, &fence_char, &fence_length))
        {
          if (open_char == 0)
            open_char = fence_char, open_length = fence_length;
          else if (fence_char == open_char && fence_length >= open_length)
            open_char = 0;
        }

      if (current->len > 0)
        g_string_append_c (current, '\n');
      g_string_append (current, line);
    }

  if (current->len > 0)
    g_ptr_array_add (chunks, g_strdup (current->str));

  return g_steal_pointer (&chunks);
}

/* The text of a chunk that is one fenced code block at the margin, still
 * open or just closed, or NULL if the chunk is anything else.
 */
static char *
code_of_fenced_chunk (const char *chunk)
{
  g_auto(GStrv) lines = g_strsplit (chunk, "\n", -1);
  guint n_lines = g_strv_length (lines);
  char open_char, close_char;
  guint open_length, close_length;
  guint end = n_lines;

  if (n_lines < 2 || lines[0][0] == ' ' || !is_fence (lines[0], &open_char, &open_length))
    return NULL;

  for (guint i = 1; i < n_lines; i++)
    {
      if (is_fence (lines[i], &close_char, &close_length) &&
          close_char == open_char && close_length >= open_length)
        {
          /* Anything after the closing fence makes it more than a block. */
          if (i != n_lines - 1)
            return NULL;
          end = i;
        }
    }

  {
    GString *code = g_string_new (NULL);

    for (guint i = 1; i < end; i++)
      g_string_append_printf (code, "%s%s", i > 1 ? "\n" : "", lines[i]);

    return g_string_free (code, FALSE);
  }
}

/* While a reply streams, its last chunk is often a code block growing line
 * by line. Rebuilding its source view every frame is the most expensive
 * thing we could do, so the new lines go into the existing view instead.
 */
static gboolean
studio_markdown_view_grow_code (StudioMarkdownView *self,
                                const char         *old_chunk,
                                const char         *new_chunk)
{
  GtkWidget *root = g_ptr_array_index (self->widgets, self->widgets->len - 1);
  GtkWidget *block = gtk_widget_get_first_child (root);
  g_autofree char *old_code = NULL;
  g_autofree char *new_code = NULL;

  if (block == NULL || gtk_widget_get_next_sibling (block) != NULL ||
      !studio_markdown_render_is_code_block (block) ||
      !g_str_has_prefix (new_chunk, old_chunk) || strchr (old_chunk, '\n') == NULL ||
      !(old_code = code_of_fenced_chunk (old_chunk)) ||
      !(new_code = code_of_fenced_chunk (new_chunk)))
    return FALSE;

  studio_markdown_render_grow_code_block (block, old_code, new_code);
  return TRUE;
}

/* The widget ------------------------------------------------------------- */

/* A long reply is far taller than the window. Groups outside the scrolled
 * window's view are not drawn at all, so a frame costs what is on screen.
 */
static void
studio_markdown_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t visible;
  gboolean cull = scroller != NULL && gtk_widget_compute_bounds (scroller, widget, &visible);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (cull && gtk_widget_compute_bounds (child, widget, &bounds) &&
          !graphene_rect_intersection (&bounds, &visible, NULL))
        continue;

      gtk_widget_snapshot_child (widget, child, snapshot);
    }
}

static void
studio_markdown_view_dispose (GObject *object)
{
  StudioMarkdownView *self = (StudioMarkdownView *) object;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_pointer (&self->widgets, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_markdown_view_parent_class)->dispose (object);
}

static void
studio_markdown_view_finalize (GObject *object)
{
  StudioMarkdownView *self = (StudioMarkdownView *) object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->chunks, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_markdown_view_parent_class)->finalize (object);
}

static void
studio_markdown_view_class_init (StudioMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_markdown_view_dispose;
  object_class->finalize = studio_markdown_view_finalize;

  widget_class->snapshot = studio_markdown_view_snapshot;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "markdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
studio_markdown_view_init (StudioMarkdownView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 10);

  self->chunks = g_ptr_array_new_with_free_func (g_free);
  self->widgets = g_ptr_array_new ();
  self->groups = g_ptr_array_new ();
  self->text = g_strdup ("");
}

GtkWidget *
studio_markdown_view_new (void)
{
  return g_object_new (STUDIO_TYPE_MARKDOWN_VIEW, NULL);
}

/**
 * studio_markdown_view_update:
 * @self: a view
 * @text: Markdown
 * @deadline: a monotonic time to stop rendering chunks at, or 0 for none
 *
 * Shows @text, rebuilding only the chunks that differ from the last text.
 * A reply streaming fast can bring several new chunks a frame; with a
 * deadline, the chunks not rendered by then wait for the next call, so a
 * frame never has to build them all.
 *
 * Returns: whether all of @text is shown
 */
gboolean
studio_markdown_view_update (StudioMarkdownView *self,
                             const char         *text,
                             gint64              deadline)
{
  g_autoptr(GPtrArray) chunks = NULL;
  guint same = 0;

  g_return_val_if_fail (STUDIO_IS_MARKDOWN_VIEW (self), TRUE);

  if (text == NULL)
    text = "";
  if (!self->pending && g_strcmp0 (self->text, text) == 0)
    return TRUE;

  g_free (self->text);
  self->text = g_strdup (text);
  self->pending = FALSE;
  chunks = split_chunks (text);

  while (same < chunks->len && same < self->chunks->len &&
         g_str_equal (g_ptr_array_index (chunks, same), g_ptr_array_index (self->chunks, same)))
    same++;

  if (same + 1 == chunks->len && same + 1 == self->chunks->len &&
      studio_markdown_view_grow_code (self, g_ptr_array_index (self->chunks, same),
                                      g_ptr_array_index (chunks, same)))
    {
      g_ptr_array_unref (self->chunks);
      self->chunks = g_steal_pointer (&chunks);
      return TRUE;
    }

  while (self->widgets->len > same)
    {
      guint last = self->widgets->len - 1;
      GtkWidget *group = g_ptr_array_index (self->groups, last / CHUNKS_PER_GROUP);

      gtk_box_remove (GTK_BOX (group), g_ptr_array_index (self->widgets, last));
      g_ptr_array_set_size (self->widgets, last);

      if (last % CHUNKS_PER_GROUP == 0)
        {
          gtk_widget_unparent (group);
          g_ptr_array_set_size (self->groups, self->groups->len - 1);
        }
    }

  for (guint i = same; i < chunks->len; i++)
    {
      GtkWidget *widget;

      if (deadline != 0 && i > same && g_get_monotonic_time () >= deadline)
        {
          g_ptr_array_set_size (chunks, i);
          self->pending = TRUE;
          break;
        }

      widget = studio_markdown_render_chunk (g_ptr_array_index (chunks, i));
      if (i % CHUNKS_PER_GROUP == 0)
        {
          GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);

          gtk_widget_add_css_class (group, "studio-markdown-group");
          gtk_widget_set_parent (group, GTK_WIDGET (self));
          g_ptr_array_add (self->groups, group);
        }

      gtk_box_append (GTK_BOX (g_ptr_array_index (self->groups, i / CHUNKS_PER_GROUP)), widget);
      g_ptr_array_add (self->widgets, widget);
      self->n_rendered++;
    }

  g_ptr_array_unref (self->chunks);
  self->chunks = g_steal_pointer (&chunks);

  return !self->pending;
}

/**
 * studio_markdown_view_set_text:
 * @self: a view
 * @text: Markdown
 *
 * Shows all of @text at once.
 */
void
studio_markdown_view_set_text (StudioMarkdownView *self,
                               const char         *text)
{
  studio_markdown_view_update (self, text, 0);
}

const char *
studio_markdown_view_get_text (StudioMarkdownView *self)
{
  g_return_val_if_fail (STUDIO_IS_MARKDOWN_VIEW (self), NULL);

  return self->text;
}

/**
 * studio_markdown_view_get_n_rendered:
 *
 * Returns: how many chunks were rendered since the view was made, which
 *   shows how much work updates cost
 */
guint
studio_markdown_view_get_n_rendered (StudioMarkdownView *self)
{
  g_return_val_if_fail (STUDIO_IS_MARKDOWN_VIEW (self), 0);

  return self->n_rendered;
}

static void
dump_widget (GtkWidget *widget,
             GString   *out,
             guint      depth)
{
  /* A text view's classes are GtkSourceView's own business. */
  g_auto(GStrv) classes = GTK_IS_TEXT_VIEW (widget) ? g_new0 (char *, 1)
                                                    : gtk_widget_get_css_classes (widget);

  g_string_append_printf (out, "%*s%s", depth * 2, "", G_OBJECT_TYPE_NAME (widget));
  /* Classes GTK adds by itself (box orientation, labels with links) are
   * left out: the dump shows what the Markdown made.
   */
  for (guint i = 0; classes[i]; i++)
    if (!g_str_equal (classes[i], "vertical") && !g_str_equal (classes[i], "horizontal") &&
        !g_str_equal (classes[i], "link"))
      g_string_append_printf (out, ".%s", classes[i]);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " \"%s\"", gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkSourceLanguage *language = gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (out, " [%s] \"%s\"",
                              language ? gtk_source_language_get_id (language) : "-", text);
    }
  g_string_append_c (out, '\n');

  /* Widgets of our own making only: not the insides of scrolled windows. */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      dump_widget (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget)), out, depth + 1);
      return;
    }
  if (GTK_IS_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    dump_widget (child, out, depth + 1);
}

/**
 * studio_markdown_view_dump:
 *
 * Describes the widgets the text became, one per line, for tests.
 *
 * Returns: (transfer full): the description
 */
char *
studio_markdown_view_dump (StudioMarkdownView *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (STUDIO_IS_MARKDOWN_VIEW (self), NULL);

  for (guint i = 0; i < self->widgets->len; i++)
    dump_widget (g_ptr_array_index (self->widgets, i), out, 0);

  return g_string_free (out, FALSE);
}
