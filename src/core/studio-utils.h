/* studio-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean studio_set_str        (char       **str_pointer,
                                const char  *new_str);
gboolean studio_str_empty0     (const char  *str);
gboolean studio_uri_is_loopback (const char *uri);
void     studio_core_ensure_resources (void);

G_END_DECLS
