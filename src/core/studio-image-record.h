/* studio-image-record.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-image-result.h"

G_BEGIN_DECLS

/**
 * StudioImageState:
 * @STUDIO_IMAGE_STATE_COMPLETE: the final image, stored
 * @STUDIO_IMAGE_STATE_PARTIAL: a partial image kept from a stream that
 *   stopped early
 * @STUDIO_IMAGE_STATE_DOWNLOAD_FAILED: a URL result not (yet) downloaded:
 *   no file, the URL kept for Retry
 */
typedef enum
{
  STUDIO_IMAGE_STATE_COMPLETE,
  STUDIO_IMAGE_STATE_PARTIAL,
  STUDIO_IMAGE_STATE_DOWNLOAD_FAILED,
} StudioImageState;

#define STUDIO_TYPE_IMAGE_RECORD (studio_image_record_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageRecord, studio_image_record, STUDIO, IMAGE_RECORD, GObject)

StudioImageRecord      *studio_image_record_new                (const char        *endpoint,
                                                                const char        *model,
                                                                const char        *prompt);
void                    studio_image_record_set_options        (StudioImageRecord *self,
                                                                JsonObject        *options);
void                    studio_image_record_set_cost           (StudioImageRecord *self,
                                                                double             cost);
void                    studio_image_record_set_parent_id      (StudioImageRecord *self,
                                                                gint64             parent_id);
void                    studio_image_record_add_source         (StudioImageRecord *self,
                                                                gint64             image_id,
                                                                const char        *name);

gint64                  studio_image_record_get_id             (StudioImageRecord *self);
gint64                  studio_image_record_get_created        (StudioImageRecord *self);
const char             *studio_image_record_get_endpoint       (StudioImageRecord *self);
const char             *studio_image_record_get_model          (StudioImageRecord *self);
const char             *studio_image_record_get_prompt         (StudioImageRecord *self);
const char             *studio_image_record_get_revised_prompt (StudioImageRecord *self);
JsonObject             *studio_image_record_get_options        (StudioImageRecord *self);
JsonObject             *studio_image_record_get_details        (StudioImageRecord *self);
const StudioImageUsage *studio_image_record_get_usage          (StudioImageRecord *self);
gboolean                studio_image_record_get_cost           (StudioImageRecord *self,
                                                                double            *cost);
gint64                  studio_image_record_get_parent_id      (StudioImageRecord *self);
JsonArray              *studio_image_record_get_sources        (StudioImageRecord *self);
StudioImageState        studio_image_record_get_state          (StudioImageRecord *self);
const char             *studio_image_record_get_url            (StudioImageRecord *self);
const char             *studio_image_record_get_path           (StudioImageRecord *self);
const char             *studio_image_record_get_file           (StudioImageRecord *self);
const char             *studio_image_record_get_mime_type      (StudioImageRecord *self);
guint                   studio_image_record_get_width          (StudioImageRecord *self);
guint                   studio_image_record_get_height         (StudioImageRecord *self);
gboolean                studio_image_record_get_missing        (StudioImageRecord *self);

const char             *studio_image_state_to_string           (StudioImageState   state);
gboolean                studio_image_state_from_string         (const char        *text,
                                                                StudioImageState  *state);

G_END_DECLS
