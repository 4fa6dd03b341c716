/* studio-image-gallery-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-image-gallery.h"

G_BEGIN_DECLS

/* What the gallery's files share: studio-image-gallery.c reads the store
 * and answers the public calls, studio-image-gallery-items.c makes the
 * tiles and acts on the images in them.
 */

#define PAGE_SIZE        100
#define THUMBNAIL_SIZE   256
#define THUMBNAILS_KEPT  200

struct _StudioImageGallery
{
  AdwBin              parent_instance;

  /* Owned references */
  StudioContext      *context;
  StudioThumbnailer  *thumbnailer;
  GListStore         *images;
  GtkMultiSelection  *selection;
  GCancellable       *cancellable;   /* the query being read */
  GtkWidget          *menu;
  GHashTable         *ids;           /* ids of the records in images */
  char               *query;         /* NULL when listing all */

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkScrolledWindow  *scrolled;
  GtkGridView        *grid_view;
  AdwStatusPage      *empty_page;
  GtkRevealer        *selection_revealer;
  GtkLabel           *selection_label;
  GMenuModel         *item_menu;

  guint               in_view_source;
  guint               offset;        /* where the next page starts in the store */
  gint64              show_id;       /* to select once it is read, or 0 */
  gboolean            complete;      /* every page of the query is read */
  gboolean            read_once;     /* the first page of the query is read */
  gboolean            first_page;    /* the first page is being read */
};

enum {
  STUDIO_IMAGE_GALLERY_ACTIVATED,
  STUDIO_IMAGE_GALLERY_COMPARE,
  STUDIO_IMAGE_GALLERY_USE_AS_SOURCE,
  STUDIO_IMAGE_GALLERY_REGENERATE,
  STUDIO_IMAGE_GALLERY_SEND_TO_CHAT,
  STUDIO_IMAGE_GALLERY_RETRY_DOWNLOAD,
  STUDIO_IMAGE_GALLERY_N_SIGNALS
};

extern guint studio_image_gallery_signals[STUDIO_IMAGE_GALLERY_N_SIGNALS];

GPtrArray         *studio_image_gallery_dup_selected       (StudioImageGallery *self);
StudioImageRecord *studio_image_gallery_get_selected       (StudioImageGallery *self);
gboolean           studio_image_gallery_record_has_file    (StudioImageRecord  *record);
void               studio_image_gallery_class_init_actions (GtkWidgetClass     *widget_class);
void               studio_image_gallery_init_grid          (StudioImageGallery *self);

G_END_DECLS
