/* studio-image-gallery.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-gallery"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-actions.h"
#include "studio-image-gallery-private.h"
#include "studio-paths.h"
#include "studio-utils.h"

/* Every stored image, newest first, as a grid of thumbnails, with a search
 * through the prompts. Records come from the store a page at a time, so
 * the first tiles show before the rest of a large gallery is read; the
 * grid makes widgets only for what is in view, and each tile asks the
 * gallery's thumbnailer for its picture when it is bound and cancels
 * when it is unbound. What can be done with an image is a `gallery.*`
 * action acting on the selection, reached from each tile's context menu,
 * the keyboard and the bar shown when several images are selected.
 */

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioImageGallery, studio_image_gallery, ADW_TYPE_BIN)

static void studio_image_gallery_fetch_page (StudioImageGallery *self);

static gint64
record_id (gpointer item)
{
  return studio_image_record_get_id (item);
}

/* Newest first, as the store lists them. */
static int
compare_records (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 created_a = studio_image_record_get_created ((StudioImageRecord *) a);
  gint64 created_b = studio_image_record_get_created ((StudioImageRecord *) b);
  gint64 id_a = studio_image_record_get_id ((StudioImageRecord *) a);
  gint64 id_b = studio_image_record_get_id ((StudioImageRecord *) b);

  if (created_a != created_b)
    return created_a > created_b ? -1 : 1;
  return id_a > id_b ? -1 : id_a < id_b ? 1 : 0;
}

/* The selected images, in the grid's order. */
GPtrArray *
studio_image_gallery_dup_selected (StudioImageGallery *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, bitset, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (records, g_list_model_get_item (G_LIST_MODEL (self->images), position));

  return records;
}

/* The one image selected, or %NULL. */
StudioImageRecord *
studio_image_gallery_get_selected (StudioImageGallery *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(StudioImageRecord) record = NULL;

  if (gtk_bitset_get_size (bitset) != 1)
    return NULL;

  record = g_list_model_get_item (G_LIST_MODEL (self->images), gtk_bitset_get_nth (bitset, 0));
  return record;   /* the store keeps it */
}

gboolean
studio_image_gallery_record_has_file (StudioImageRecord *record)
{
  return record != NULL && studio_image_record_get_file (record) != NULL &&
         !studio_image_record_get_missing (record);
}

static void
studio_image_gallery_update_actions (StudioImageGallery *self)
{
  g_autoptr(GtkBitset) bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  StudioImageRecord *one = studio_image_gallery_get_selected (self);
  guint n_selected = gtk_bitset_get_size (bitset);
  gboolean has_file = studio_image_gallery_record_has_file (one);
  g_autofree char *label = NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "gallery.open", one != NULL);
  gtk_widget_action_set_enabled (widget, "gallery.save", has_file);
  gtk_widget_action_set_enabled (widget, "gallery.copy", has_file);
  gtk_widget_action_set_enabled (widget, "gallery.send-to-chat", has_file);
  gtk_widget_action_set_enabled (widget, "gallery.use-as-source", has_file);
  gtk_widget_action_set_enabled (widget, "gallery.regenerate", one != NULL);
  gtk_widget_action_set_enabled (widget, "gallery.retry-download",
                                 one != NULL &&
                                 studio_image_record_get_state (one) == STUDIO_IMAGE_STATE_DOWNLOAD_FAILED);
  gtk_widget_action_set_enabled (widget, "gallery.delete", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "gallery.compare", n_selected >= 2);
  gtk_widget_action_set_enabled (widget, "gallery.menu", n_selected > 0);

  label = g_strdup_printf (ngettext ("%u image selected", "%u images selected", n_selected),
                           n_selected);
  gtk_label_set_label (self->selection_label, label);
  gtk_revealer_set_reveal_child (self->selection_revealer, n_selected >= 2);
}

static void
studio_image_gallery_update_empty (StudioImageGallery *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->images));

  if (n_items > 0 || !self->read_once)
    {
      if (n_items > 0)
        gtk_stack_set_visible_child_name (self->stack, "grid");
      return;
    }

  if (self->query != NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_("No image prompt has “%s” in it. Try other words, or clear the search to see every image."),
                         self->query);

      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "image-x-generic-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Images Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Images you generate or edit are kept here, newest first."));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
studio_image_gallery_show_error (StudioImageGallery *self,
                                 const GError       *error)
{
  g_autofree char *description =
    g_strdup_printf (_("%s The images are still in the images folder; restart the app to try again."),
                     error->message);

  adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->empty_page, _("Could Not Read the Gallery"));
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
studio_image_gallery_select_position (StudioImageGallery *self,
                                      guint               position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
}

/* Selects the image asked for by studio_image_gallery_show_record(), once
 * it has been read.
 */
static void
studio_image_gallery_try_show (StudioImageGallery *self)
{
  guint position;

  if (self->show_id == 0)
    return;

  if (studio_list_model_find_by_id (G_LIST_MODEL (self->images), record_id, self->show_id,
                                    &position))
    {
      self->show_id = 0;
      studio_image_gallery_select_position (self, position);
    }
  else if (self->complete)
    self->show_id = 0;
}

/* Adds @records at @position, leaving out those already shown (a page
 * read while an image was added above it repeats the one it pushed down).
 */
static void
studio_image_gallery_insert (StudioImageGallery *self,
                             guint               position,
                             guint               n_removed,
                             GPtrArray          *records)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      StudioImageRecord *record = g_ptr_array_index (records, i);
      gint64 id = studio_image_record_get_id (record);

      if (g_hash_table_add (self->ids, GINT_TO_POINTER (id)) || id == 0)
        g_ptr_array_add (fresh, record);
    }

  g_list_store_splice (self->images, position, n_removed, fresh->pdata, fresh->len);
}

static void
studio_image_gallery_page_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(StudioImageGallery) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = studio_image_store_list_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (records == NULL)
    {
      self->complete = TRUE;
      self->read_once = TRUE;
      g_clear_object (&self->cancellable);
      studio_image_gallery_show_error (self, error);
      return;
    }

  /* The first page replaces what was shown in one go, so the grid
   * changes once and never flashes empty.
   */
  if (self->first_page)
    {
      self->first_page = FALSE;
      g_hash_table_remove_all (self->ids);
      studio_image_gallery_insert (self, 0, g_list_model_get_n_items (G_LIST_MODEL (self->images)),
                                   records);
    }
  else
    studio_image_gallery_insert (self, g_list_model_get_n_items (G_LIST_MODEL (self->images)), 0,
                                 records);
  self->offset += records->len;
  self->complete = records->len < PAGE_SIZE;
  self->read_once = TRUE;
  studio_image_gallery_update_empty (self);
  studio_image_gallery_try_show (self);

  if (self->complete)
    g_clear_object (&self->cancellable);
  else
    studio_image_gallery_fetch_page (self);
}

static void
studio_image_gallery_fetch_page (StudioImageGallery *self)
{
  StudioImageStore *store = studio_context_get_image_store (self->context);

  if (self->query != NULL)
    studio_image_store_search_async (store, self->query, self->offset, PAGE_SIZE,
                                     self->cancellable, studio_image_gallery_page_cb,
                                     g_object_ref (self));
  else
    studio_image_store_list_async (store, self->offset, PAGE_SIZE, self->cancellable,
                                   studio_image_gallery_page_cb, g_object_ref (self));
}

/* Reads the query again from its first page; the images shown stay until
 * that page is there, so that the grid does not flash empty.
 */
static void
studio_image_gallery_start_query (StudioImageGallery *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->offset = 0;
  self->complete = FALSE;
  self->first_page = TRUE;
  studio_image_gallery_fetch_page (self);
}

static void
on_search_changed_cb (StudioImageGallery *self,
                      GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *query = studio_str_is_blank (text) ? NULL : g_strstrip (g_strdup (text));

  if (g_strcmp0 (query, self->query) == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&query);
  self->read_once = FALSE;
  studio_image_gallery_start_query (self);
}

static void
on_grid_activate_cb (StudioImageGallery *self,
                     guint               position,
                     GtkGridView        *grid_view)
{
  g_autoptr(StudioImageRecord) record = g_list_model_get_item (G_LIST_MODEL (self->images),
                                                               position);

  if (record != NULL)
    g_signal_emit (self, studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_ACTIVATED], 0, record);
}

static void
selection_changed_cb (StudioImageGallery *self)
{
  studio_image_gallery_update_actions (self);
}

static void
items_changed_cb (StudioImageGallery *self)
{
  studio_image_gallery_update_actions (self);
}

/* The object -------------------------------------------------------------- */

/* In the thumbnailer's worker: the texture the tiles show, made once,
 * so that binding a tile is a pointer set and the renderer uploads each
 * thumbnail once, not at every bind.
 */
static GObject *
thumbnail_to_texture (GdkPixbuf *pixbuf)
{
  return G_OBJECT (gdk_texture_new_for_pixbuf (pixbuf));
}

static void
studio_image_gallery_constructed (GObject *object)
{
  StudioImageGallery *self = (StudioImageGallery *) object;
  g_autofree char *cache_dir = studio_paths_dup_cache_file ("thumbnails");

  G_OBJECT_CLASS (studio_image_gallery_parent_class)->constructed (object);

  g_assert (STUDIO_IS_CONTEXT (self->context));

  self->thumbnailer = studio_thumbnailer_new (THUMBNAIL_SIZE, THUMBNAILS_KEPT, cache_dir);
  studio_thumbnailer_set_wrap_func (self->thumbnailer, thumbnail_to_texture);
  studio_image_gallery_start_query (self);
}

static void
studio_image_gallery_dispose (GObject *object)
{
  StudioImageGallery *self = (StudioImageGallery *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->in_view_source, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_GALLERY);
  g_clear_object (&self->selection);
  g_clear_object (&self->images);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (studio_image_gallery_parent_class)->dispose (object);
}

static void
studio_image_gallery_finalize (GObject *object)
{
  StudioImageGallery *self = (StudioImageGallery *) object;

  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (studio_image_gallery_parent_class)->finalize (object);
}

static void
studio_image_gallery_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (object);

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
studio_image_gallery_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StudioImageGallery *self = STUDIO_IMAGE_GALLERY (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static guint
new_record_signal (const char *name)
{
  return g_signal_new (name, STUDIO_TYPE_IMAGE_GALLERY, G_SIGNAL_RUN_LAST, 0,
                       NULL, NULL, NULL, G_TYPE_NONE, 1, STUDIO_TYPE_IMAGE_RECORD);
}

static void
studio_image_gallery_class_init (StudioImageGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = studio_image_gallery_constructed;
  object_class->dispose = studio_image_gallery_dispose;
  object_class->finalize = studio_image_gallery_finalize;
  object_class->get_property = studio_image_gallery_get_property;
  object_class->set_property = studio_image_gallery_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STUDIO_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioImageGallery::activated:
   * @record: the image to show large
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_ACTIVATED] = new_record_signal ("activated");

  /**
   * StudioImageGallery::compare:
   * @records: (element-type StudioImageRecord): two or more images, in
   *   the gallery's order
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_COMPARE] =
    g_signal_new ("compare", STUDIO_TYPE_IMAGE_GALLERY, G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);

  /**
   * StudioImageGallery::use-as-source:
   * @record: the image to edit
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_USE_AS_SOURCE] = new_record_signal ("use-as-source");

  /**
   * StudioImageGallery::regenerate:
   * @record: the image whose prompt and options to send again
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_REGENERATE] = new_record_signal ("regenerate");

  /**
   * StudioImageGallery::send-to-chat:
   * @record: the image to attach to a chat message
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_SEND_TO_CHAT] = new_record_signal ("send-to-chat");

  /**
   * StudioImageGallery::retry-download:
   * @record: an image whose download failed
   */
  studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_RETRY_DOWNLOAD] = new_record_signal ("retry-download");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/OpenAIStudio/studio-image-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, stack);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, scrolled);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, grid_view);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, selection_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageGallery, item_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate_cb);

  studio_image_gallery_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "imagegallery");
}

static void
studio_image_gallery_init (StudioImageGallery *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->images = g_list_store_new (STUDIO_TYPE_IMAGE_RECORD);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->images)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  studio_image_gallery_init_grid (self);

  self->menu = gtk_popover_menu_new_from_model (self->item_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  studio_image_gallery_update_actions (self);
}

/**
 * studio_image_gallery_new:
 * @context: the app's services, whose image store to show
 *
 * Returns: (transfer full): a new gallery, reading its first page
 */
GtkWidget *
studio_image_gallery_new (StudioContext *context)
{
  g_return_val_if_fail (STUDIO_IS_CONTEXT (context), NULL);

  return g_object_new (STUDIO_TYPE_IMAGE_GALLERY, "context", context, NULL);
}

/**
 * studio_image_gallery_get_context:
 *
 * Returns: (transfer none): the app's services
 */
StudioContext *
studio_image_gallery_get_context (StudioImageGallery *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_GALLERY (self), NULL);

  return self->context;
}

/**
 * studio_image_gallery_reload:
 *
 * Reads the gallery (or the search's hits) from the store again.
 */
void
studio_image_gallery_reload (StudioImageGallery *self)
{
  g_return_if_fail (STUDIO_IS_IMAGE_GALLERY (self));

  studio_image_gallery_start_query (self);
}

/**
 * studio_image_gallery_add_record:
 * @self: a gallery
 * @record: an image just saved in the store
 *
 * Shows @record at its place, the top for a new one, without reading the
 * store again; while a search is shown, the search runs again instead,
 * since only the store knows whether the prompt matches.
 */
void
studio_image_gallery_add_record (StudioImageGallery *self,
                                 StudioImageRecord  *record)
{
  g_return_if_fail (STUDIO_IS_IMAGE_GALLERY (self));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  if (self->query != NULL)
    {
      studio_image_gallery_start_query (self);
      return;
    }

  if (g_hash_table_contains (self->ids, GINT_TO_POINTER (studio_image_record_get_id (record))))
    {
      studio_image_gallery_update_record (self, record);
      return;
    }

  g_list_store_insert_sorted (self->images, record, compare_records, NULL);

  /* Pages not yet read start one further down in the store now. */
  if (!self->complete && !self->first_page)
    self->offset++;
  g_hash_table_add (self->ids, GINT_TO_POINTER (studio_image_record_get_id (record)));
  studio_image_gallery_update_empty (self);
}

/**
 * studio_image_gallery_update_record:
 * @self: a gallery
 * @record: a newer copy of an image shown, with the same id
 *
 * Shows @record in the place of the image with its id, as after a
 * download; the selection stays as it was.
 */
void
studio_image_gallery_update_record (StudioImageGallery *self,
                                    StudioImageRecord  *record)
{
  gboolean selected;
  guint position;

  g_return_if_fail (STUDIO_IS_IMAGE_GALLERY (self));
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (record));

  if (!studio_list_model_find_by_id (G_LIST_MODEL (self->images), record_id,
                                     studio_image_record_get_id (record), &position))
    return;

  selected = gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position);
  g_list_store_splice (self->images, position, 1, (gpointer *) &record, 1);
  if (selected)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, FALSE);
}

static void
restored_cb (GtkWidget         *widget,
             StudioImageRecord *record)
{
  /* The store counts it among the pages again: add_record() knows. */
  studio_image_gallery_add_record (STUDIO_IMAGE_GALLERY (widget), record);
}

/**
 * studio_image_gallery_delete:
 * @self: a gallery
 * @records: (element-type StudioImageRecord): images shown
 *
 * Deletes the images, with Undo in a toast (see
 * studio_image_actions_delete()): they leave the grid at once, and come
 * back at their place after Undo.
 */
void
studio_image_gallery_delete (StudioImageGallery *self,
                             GPtrArray          *records)
{
  g_return_if_fail (STUDIO_IS_IMAGE_GALLERY (self));
  g_return_if_fail (records != NULL);

  for (guint i = 0; i < records->len; i++)
    {
      gint64 id = studio_image_record_get_id (g_ptr_array_index (records, i));
      guint position;

      if (!studio_list_model_find_by_id (G_LIST_MODEL (self->images), record_id, id, &position))
        continue;

      g_list_store_remove (self->images, position);
      g_hash_table_remove (self->ids, GINT_TO_POINTER (id));
      if (!self->complete && !self->first_page && self->offset > 0)
        self->offset--;
    }
  studio_image_gallery_update_empty (self);

  studio_image_actions_delete (GTK_WIDGET (self), studio_context_get_image_store (self->context),
                               records, restored_cb);
}

/**
 * studio_image_gallery_get_n_items:
 *
 * Returns: how many images are shown (read so far)
 */
guint
studio_image_gallery_get_n_items (StudioImageGallery *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_GALLERY (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->images));
}

/**
 * studio_image_gallery_get_item:
 *
 * Returns: (transfer none) (nullable): the image at @position
 */
StudioImageRecord *
studio_image_gallery_get_item (StudioImageGallery *self,
                               guint               position)
{
  g_autoptr(StudioImageRecord) record = NULL;

  g_return_val_if_fail (STUDIO_IS_IMAGE_GALLERY (self), NULL);

  record = g_list_model_get_item (G_LIST_MODEL (self->images), position);
  return record;   /* the store keeps it */
}

/**
 * studio_image_gallery_show_record:
 * @self: a gallery
 * @id: an image's id
 *
 * Scrolls to the image and selects it alone, once it has been read.
 */
void
studio_image_gallery_show_record (StudioImageGallery *self,
                                  gint64              id)
{
  g_return_if_fail (STUDIO_IS_IMAGE_GALLERY (self));

  self->show_id = id;
  studio_image_gallery_try_show (self);
}

/**
 * studio_image_gallery_get_thumbnailer:
 *
 * Returns: (transfer none): where the tiles' thumbnails come from, for a
 *   large view to show one while it loads the image
 */
StudioThumbnailer *
studio_image_gallery_get_thumbnailer (StudioImageGallery *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_GALLERY (self), NULL);

  return self->thumbnailer;
}

/**
 * studio_image_gallery_get_scrolled_window:
 *
 * Returns: (transfer none): the scrolled window around the grid
 */
GtkScrolledWindow *
studio_image_gallery_get_scrolled_window (StudioImageGallery *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_GALLERY (self), NULL);

  return self->scrolled;
}
