/* studio-concat-input-stream.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_CONCAT_INPUT_STREAM (studio_concat_input_stream_get_type ())

G_DECLARE_FINAL_TYPE (StudioConcatInputStream, studio_concat_input_stream,
                      STUDIO, CONCAT_INPUT_STREAM, GInputStream)

GInputStream *studio_concat_input_stream_new    (void);
void          studio_concat_input_stream_append (StudioConcatInputStream *self,
                                                 GInputStream            *stream);

G_END_DECLS
