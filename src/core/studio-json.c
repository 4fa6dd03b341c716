/* studio-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-json"

#include "config.h"

#include "studio-json.h"

/* Lookups that answer NULL for a missing member or one of another type,
 * instead of warning: server output and data files are read defensively.
 */

/**
 * studio_json_get_object:
 *
 * Returns: (transfer none) (nullable): the member if it is an object
 */
JsonObject *
studio_json_get_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * studio_json_get_array:
 *
 * Returns: (transfer none) (nullable): the member if it is an array
 */
JsonArray *
studio_json_get_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * studio_json_get_string:
 *
 * Returns: (transfer none) (nullable): the member if it is a string
 */
const char *
studio_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* json_node_copy() shares what a node holds: a copied object or array is
 * the same object or array, and even a copied value is the same JsonValue,
 * which json_node_set_string() and friends change in place. A copy that
 * must not change with its original is built again node by node.
 */
static JsonNode *
copy_value (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    return json_node_init_int (json_node_alloc (), json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    return json_node_init_double (json_node_alloc (), json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
  else if (type == G_TYPE_STRING)
    return json_node_init_string (json_node_alloc (), json_node_get_string (node));

  g_return_val_if_reached (json_node_init_null (json_node_alloc ()));
}

static JsonArray *
copy_array (JsonArray *array)
{
  guint length = json_array_get_length (array);
  JsonArray *copy = json_array_sized_new (length);

  for (guint i = 0; i < length; i++)
    json_array_add_element (copy, studio_json_node_copy (json_array_get_element (array, i)));

  return copy;
}

/**
 * studio_json_node_copy:
 * @node: a node
 *
 * Copies @node and everything under it, unlike json_node_copy(). The copy
 * is mutable even if @node was sealed.
 *
 * Returns: (transfer full): the copy
 */
JsonNode *
studio_json_node_copy (JsonNode *node)
{
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      if (json_node_get_object (node) != NULL)
        json_node_take_object (copy, studio_json_object_copy (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      copy = json_node_new (JSON_NODE_ARRAY);
      if (json_node_get_array (node) != NULL)
        json_node_take_array (copy, copy_array (json_node_get_array (node)));
      return copy;

    case JSON_NODE_VALUE:
      return copy_value (node);
    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/**
 * studio_json_object_copy:
 * @object: an object
 *
 * Copies @object and everything under it, keeping the order of its
 * members, so that changing one never changes the other.
 *
 * Returns: (transfer full): the copy
 */
JsonObject *
studio_json_object_copy (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  JsonObject *copy;

  g_return_val_if_fail (object != NULL, NULL);

  copy = json_object_new ();
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            studio_json_node_copy (json_object_get_member (object, l->data)));

  return copy;
}
