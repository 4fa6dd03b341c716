/* studio-speech-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     studio_speech_export_async  (GPtrArray            *files,
                                      const char           *in_format,
                                      GFile                *destination,
                                      const char           *out_format,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean studio_speech_export_finish (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
