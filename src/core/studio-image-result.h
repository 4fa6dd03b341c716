/* studio-image-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * StudioImageUsage:
 * @input_tokens: tokens of the prompt and source images
 * @input_text_tokens: of which text
 * @input_image_tokens: of which images
 * @output_tokens: tokens of the image(s) made
 * @output_text_tokens: of which text, when the server says
 * @output_image_tokens: of which images, when the server says
 * @total_tokens: all of them
 *
 * `ImagesUsage` or `ImageGenUsage`. A count the server did not send is -1.
 */
typedef struct
{
  gint64 input_tokens;
  gint64 input_text_tokens;
  gint64 input_image_tokens;
  gint64 output_tokens;
  gint64 output_text_tokens;
  gint64 output_image_tokens;
  gint64 total_tokens;
} StudioImageUsage;

void     studio_image_usage_clear (StudioImageUsage *usage);
gboolean studio_image_usage_parse (StudioImageUsage *usage,
                                   JsonObject       *object);
void     studio_image_usage_add   (StudioImageUsage       *usage,
                                   const StudioImageUsage *other);

#define STUDIO_TYPE_IMAGE_RESULT (studio_image_result_get_type ())

G_DECLARE_FINAL_TYPE (StudioImageResult, studio_image_result, STUDIO, IMAGE_RESULT, GObject)

StudioImageResult      *studio_image_result_new                   (GBytes            *bytes,
                                                                   const char        *url);
GBytes                 *studio_image_result_get_bytes             (StudioImageResult *self);
const char             *studio_image_result_get_url               (StudioImageResult *self);
const char             *studio_image_result_get_mime_type         (StudioImageResult *self);
gboolean                studio_image_result_get_partial           (StudioImageResult *self);
int                     studio_image_result_get_partial_index     (StudioImageResult *self);
const char             *studio_image_result_get_revised_prompt    (StudioImageResult *self);
const char             *studio_image_result_get_size              (StudioImageResult *self);
const char             *studio_image_result_get_quality           (StudioImageResult *self);
const char             *studio_image_result_get_background        (StudioImageResult *self);
const char             *studio_image_result_get_output_format     (StudioImageResult *self);
gint64                  studio_image_result_get_created           (StudioImageResult *self);
const StudioImageUsage *studio_image_result_get_usage             (StudioImageResult *self);
void                    studio_image_result_set_details           (StudioImageResult *self,
                                                                   JsonObject        *details);
void                    studio_image_result_set_usage             (StudioImageResult *self,
                                                                   const StudioImageUsage *usage);
void                    studio_image_result_set_partial           (StudioImageResult *self,
                                                                   int                index);

G_END_DECLS
