/* studio-images-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-image-compare.h"
#include "studio-image-details.h"
#include "studio-image-gallery.h"
#include "studio-image-job.h"
#include "studio-image-mask.h"
#include "studio-image-options.h"
#include "studio-image-viewer.h"
#include "studio-images-page.h"
#include "studio-mask-editor.h"
#include "studio-model-picker.h"

G_BEGIN_DECLS

/* An image to edit: its file, the gallery image it is (or 0), and a small
 * picture of it once decoded, or why it cannot be used.
 */
typedef struct
{
  GFile        *file;
  gint64        image_id;
  GdkTexture   *thumbnail;
  char         *error;
  GCancellable *cancellable;
} StudioImageSource;

/* The page's fields, shared by studio-images-page.c (the composer, the
 * sources and mask, the views) and studio-images-page-run.c (sending).
 */
struct _StudioImagesPage
{
  AdwBin              parent_instance;

  /* Owned references */
  StudioContext      *context;
  JsonObject         *options_values;
  GPtrArray          *sources;        /* StudioImageSource */
  StudioImageMask    *mask;
  StudioImageJob     *job;
  GCancellable       *job_cancellable;
  StudioImageRecord  *shown;          /* in the large view */
  GCancellable       *cancellable;    /* the page's life */
  GPtrArray          *result_pictures;

  /* Template widgets */
  StudioModelPicker  *model_picker;
  GtkToggleButton    *generate_mode_button;
  GtkToggleButton    *edit_mode_button;
  GtkToggleButton    *variation_mode_button;
  GtkWidget          *prompt_box;
  GtkTextView        *prompt_view;
  GtkLabel           *prompt_count_label;
  AdwPreferencesGroup *sources_group;
  GtkFlowBox         *sources_flow;
  GtkLabel           *sources_hint;
  GtkWidget          *mask_box;
  GtkLabel           *mask_label;
  StudioImageOptions *options;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_title;
  GtkLabel           *error_label;
  GtkLabel           *estimate_label;
  GtkStack           *run_stack;
  GtkSpinner         *run_spinner;
  GtkLabel           *progress_label;
  GtkStack           *main_stack;
  GtkRevealer        *results_revealer;
  GtkLabel           *results_label;
  GtkBox             *results_box;
  AdwBin             *gallery_slot;
  StudioImageGallery *gallery;
  GtkLabel           *image_title;
  StudioImageViewer  *viewer;
  StudioImageDetails *details;
  StudioImageCompare *compare;
  StudioMaskEditor   *mask_editor;

  gint64              job_started;    /* monotonic µs */
  guint               progress_source;
  gint64              parent_id;
};

void        studio_image_source_free          (StudioImageSource *source);

const char *studio_images_page_get_endpoint   (StudioImagesPage *self);
char       *studio_images_page_dup_prompt     (StudioImagesPage *self);
void        studio_images_page_update_actions (StudioImagesPage *self);
void        studio_images_page_show_error     (StudioImagesPage *self,
                                               const GError     *error);
void        studio_images_page_clear_error    (StudioImagesPage *self);
void        studio_images_page_update_estimate (StudioImagesPage *self);
void        studio_images_page_generate       (StudioImagesPage *self);
void        studio_images_page_cancel         (StudioImagesPage *self);
gboolean    studio_images_page_get_running    (StudioImagesPage *self);
void        studio_images_page_retry_download (StudioImagesPage *self,
                                               StudioImageRecord *record);


/* studio-images-page-sources.c */
gboolean    studio_images_page_sources_ok     (StudioImagesPage *self);
void        studio_images_page_update_sources_hint (StudioImagesPage *self);
void        studio_images_page_clear_sources  (StudioImagesPage *self);
void        studio_images_page_add_sources_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
void        studio_images_page_paint_mask_action  (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
void        studio_images_page_remove_mask_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
void        studio_images_page_paste_action       (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);
gboolean    studio_images_page_drop_cb            (GtkDropTarget    *target,
                                                   const GValue     *value,
                                                   double            x,
                                                   double            y,
                                                   StudioImagesPage *self);

G_END_DECLS
