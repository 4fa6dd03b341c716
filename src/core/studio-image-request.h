/* studio-image-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-image-size.h"
#include "studio-model.h"
#include "studio-request.h"

G_BEGIN_DECLS

/**
 * STUDIO_IMAGE_ENDPOINT_GENERATIONS:
 *
 * The "endpoints" name of `POST /images/generations`; also
 * %STUDIO_IMAGE_ENDPOINT_EDITS and %STUDIO_IMAGE_ENDPOINT_VARIATIONS.
 */
#define STUDIO_IMAGE_ENDPOINT_GENERATIONS "generations"
#define STUDIO_IMAGE_ENDPOINT_EDITS       "edits"
#define STUDIO_IMAGE_ENDPOINT_VARIATIONS  "variations"

gboolean            studio_image_request_check_prompt   (StudioModel  *model,
                                                         const char   *prompt,
                                                         GError      **error);
gboolean            studio_image_request_get_stream     (StudioModel  *model,
                                                         JsonObject   *options);
guint               studio_image_request_get_n          (StudioModel  *model,
                                                         JsonObject   *options);
char              **studio_image_request_dup_source_types (StudioModel *model);
JsonNode           *studio_image_request_build_body     (StudioModel  *model,
                                                         const char   *prompt,
                                                         JsonObject   *options,
                                                         GError      **error);
StudioRequest      *studio_image_request_new_generation (StudioModel  *model,
                                                         const char   *prompt,
                                                         JsonObject   *options,
                                                         GError      **error);
StudioRequest      *studio_image_request_new_edit       (StudioModel  *model,
                                                         const char   *prompt,
                                                         GFile *const *sources,
                                                         guint         n_sources,
                                                         GFile        *mask,
                                                         JsonObject   *options,
                                                         GError      **error);
StudioRequest      *studio_image_request_new_variation  (StudioModel  *model,
                                                         GFile        *source,
                                                         JsonObject   *options,
                                                         GError      **error);

G_END_DECLS
