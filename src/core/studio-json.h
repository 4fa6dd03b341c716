/* studio-json.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *studio_json_get_object (JsonObject *object,
                                    const char *member);
JsonArray  *studio_json_get_array  (JsonObject *object,
                                    const char *member);
const char *studio_json_get_string (JsonObject *object,
                                    const char *member);
double      studio_json_get_double (JsonObject *object,
                                    const char *member,
                                    double      fallback);
gboolean    studio_json_array_has_string (JsonArray  *array,
                                          const char *string);
JsonObject *studio_json_object_copy (JsonObject *object);
JsonNode   *studio_json_node_copy   (JsonNode   *node);
char       *studio_json_to_string   (JsonNode   *node,
                                     gboolean    pretty);
JsonNode   *studio_json_parse_object (const char  *data,
                                      gssize       length,
                                      guint        max_depth,
                                      GError     **error);

G_END_DECLS
