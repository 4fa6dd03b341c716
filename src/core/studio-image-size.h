/* studio-image-size.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-model.h"

G_BEGIN_DECLS

#define STUDIO_IMAGE_ERROR (studio_image_error_quark ())

/**
 * StudioImageError:
 * @STUDIO_IMAGE_ERROR_INVALID_SIZE: a size the model does not take
 * @STUDIO_IMAGE_ERROR_EMPTY_PROMPT: an empty or blank prompt
 * @STUDIO_IMAGE_ERROR_PROMPT_TOO_LONG: a prompt over the model's limit
 * @STUDIO_IMAGE_ERROR_INVALID_PARAMETER: a value the model does not take,
 *   or one that another parameter's value rules out
 * @STUDIO_IMAGE_ERROR_UNSUPPORTED: an endpoint the model does not offer
 * @STUDIO_IMAGE_ERROR_INVALID_SOURCE: an edit source or mask the model
 *   would refuse
 *
 * Why an image request cannot be sent. Every message is for the user.
 */
typedef enum
{
  STUDIO_IMAGE_ERROR_INVALID_SIZE = 1,
  STUDIO_IMAGE_ERROR_EMPTY_PROMPT,
  STUDIO_IMAGE_ERROR_PROMPT_TOO_LONG,
  STUDIO_IMAGE_ERROR_INVALID_PARAMETER,
  STUDIO_IMAGE_ERROR_UNSUPPORTED,
  STUDIO_IMAGE_ERROR_INVALID_SOURCE,
} StudioImageError;

/**
 * StudioImageSizePreset:
 * @id: the preset's id in the rules, such as "square" or "4k"
 * @label: (nullable): its translated name, %NULL for an id this release
 *   does not know (show @size then)
 * @size: the size as "WIDTHxHEIGHT"
 * @width: the width in pixels
 * @height: the height in pixels
 * @experimental: whether the size is above what the model does reliably
 */
typedef struct
{
  char       *id;
  const char *label;
  char       *size;
  guint       width;
  guint       height;
  gboolean    experimental;
} StudioImageSizePreset;

GQuark     studio_image_error_quark          (void);

gboolean   studio_image_size_parse           (const char   *text,
                                              guint        *width,
                                              guint        *height,
                                              GError      **error);
char      *studio_image_size_format          (guint         width,
                                              guint         height);
gboolean   studio_image_size_takes_custom    (StudioModel  *model);
gboolean   studio_image_size_check           (StudioModel  *model,
                                              const char   *size,
                                              gboolean     *experimental,
                                              char        **nearest,
                                              GError      **error);
GPtrArray *studio_image_size_list_presets    (StudioModel  *model);
void       studio_image_size_preset_free     (StudioImageSizePreset *preset);

G_END_DECLS
