/* studio-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

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

/* Strict reading ------------------------------------------------------------
 *
 * json-glib 1.6 takes more than JSON: comments, single-quoted strings, a
 * "var x =" prefix, several values in a row (it keeps the last and leaks the
 * others), unpaired surrogate escapes (which it turns into invalid UTF-8)
 * and numbers too large for a double (infinity, which it then writes as
 * "inf"). Its parser also recurses once per nesting level. So bytes that
 * did not come from the app are checked against RFC 8259 first, without
 * recursion, and only then handed to it.
 */

typedef struct
{
  const char *p;
  const char *end;
  const char *problem;
} Scan;

static gboolean
scan_fail (Scan       *scan,
           const char *problem)
{
  scan->problem = problem;
  return FALSE;
}

static void
scan_skip_blanks (Scan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

static int
scan_hex4 (Scan *scan)
{
  int value = 0;

  if (scan->end - scan->p < 4)
    return -1;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (*scan->p++);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* A string, from its opening quote; the input is known to be UTF-8. */
static gboolean
scan_string (Scan *scan)
{
  scan->p++;

  while (scan->p < scan->end)
    {
      unsigned char c = *scan->p++;
      int unit;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return scan_fail (scan, "a control character in a string");
      if (c != '\\')
        continue;

      if (scan->p == scan->end)
        break;
      c = *scan->p++;
      if (strchr ("\"\\/bfnrt", c) != NULL && c != '\0')
        continue;
      if (c != 'u' || (unit = scan_hex4 (scan)) < 0)
        return scan_fail (scan, "a bad escape in a string");

      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return scan_fail (scan, "an unpaired surrogate in a string");
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          int low;

          if (scan->end - scan->p < 2 || scan->p[0] != '\\' || scan->p[1] != 'u')
            return scan_fail (scan, "an unpaired surrogate in a string");
          scan->p += 2;
          low = scan_hex4 (scan);
          if (low < 0xDC00 || low > 0xDFFF)
            return scan_fail (scan, "an unpaired surrogate in a string");
        }
    }

  return scan_fail (scan, "a string that does not end");
}

static gboolean
scan_digits (Scan *scan)
{
  const char *start = scan->p;

  while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
    scan->p++;

  return scan->p > start;
}

/* A number, which must also fit a double. */
static gboolean
scan_number (Scan *scan)
{
  const char *start = scan->p;
  g_autofree char *text = NULL;

  if (*scan->p == '-')
    scan->p++;
  if (scan->p < scan->end && *scan->p == '0')
    scan->p++;
  else if (!scan_digits (scan))
    return scan_fail (scan, "a bad number");

  if (scan->p < scan->end && *scan->p == '.')
    {
      scan->p++;
      if (!scan_digits (scan))
        return scan_fail (scan, "a bad number");
    }

  if (scan->p < scan->end && (*scan->p == 'e' || *scan->p == 'E'))
    {
      scan->p++;
      if (scan->p < scan->end && (*scan->p == '+' || *scan->p == '-'))
        scan->p++;
      if (!scan_digits (scan))
        return scan_fail (scan, "a bad number");
    }

  text = g_strndup (start, scan->p - start);
  if (!isfinite (g_ascii_strtod (text, NULL)))
    return scan_fail (scan, "a number too large");

  return TRUE;
}

static gboolean
scan_word (Scan       *scan,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (scan->end - scan->p) < length || memcmp (scan->p, word, length) != 0)
    return scan_fail (scan, "something that is not JSON");

  scan->p += length;
  return TRUE;
}

/* A member's name and its colon, with the blanks around them. */
static gboolean
scan_name (Scan *scan)
{
  scan_skip_blanks (scan);
  if (scan->p == scan->end || *scan->p != '"')
    return scan_fail (scan, "an object member without a quoted name");
  if (!scan_string (scan))
    return FALSE;

  scan_skip_blanks (scan);
  if (scan->p == scan->end || *scan->p != ':')
    return scan_fail (scan, "an object member without a colon");
  scan->p++;

  return TRUE;
}

/* Whether @data is exactly one JSON value nesting at most @max_depth deep;
 * if not, @problem says what is wrong.
 */
static gboolean
json_check (const char  *data,
            gsize        size,
            guint        max_depth,
            const char **problem)
{
  g_autofree char *open = g_malloc (max_depth);
  Scan scan = { data, data + size, NULL };
  guint depth = 0;

  if (!g_utf8_validate_len (data, size, NULL))
    {
      *problem = "text that is not UTF-8";
      return FALSE;
    }

  for (;;)
    {
      gboolean ok = TRUE;

      /* A value. */
      scan_skip_blanks (&scan);
      if (scan.p == scan.end)
        ok = scan_fail (&scan, "an unexpected end");
      else if (*scan.p == '{' || *scan.p == '[')
        {
          char close = *scan.p == '{' ? '}' : ']';

          if (depth == max_depth)
            ok = scan_fail (&scan, "values nested too deeply");
          else
            {
              open[depth++] = *scan.p++;
              scan_skip_blanks (&scan);
              if (scan.p < scan.end && *scan.p == close)
                {
                  scan.p++;
                  depth--;
                }
              else if (close == '}' ? scan_name (&scan) : TRUE)
                continue;
              else
                ok = FALSE;
            }
        }
      else if (*scan.p == '"')
        ok = scan_string (&scan);
      else if (*scan.p == '-' || g_ascii_isdigit (*scan.p))
        ok = scan_number (&scan);
      else if (*scan.p == 't')
        ok = scan_word (&scan, "true");
      else if (*scan.p == 'f')
        ok = scan_word (&scan, "false");
      else
        ok = scan_word (&scan, "null");

      /* What follows it: closing brackets, then a comma or the end. */
      while (ok)
        {
          char close;

          scan_skip_blanks (&scan);
          if (depth == 0)
            {
              if (scan.p != scan.end)
                ok = scan_fail (&scan, "more text after the value");
              break;
            }

          close = open[depth - 1] == '{' ? '}' : ']';
          if (scan.p < scan.end && *scan.p == close)
            {
              scan.p++;
              depth--;
            }
          else if (scan.p < scan.end && *scan.p == ',')
            {
              scan.p++;
              if (close == '}' && !scan_name (&scan))
                ok = FALSE;
              break;
            }
          else
            ok = scan_fail (&scan, "a missing comma or closing bracket");
        }

      if (!ok)
        {
          *problem = scan.problem;
          return FALSE;
        }
      if (depth == 0)
        return TRUE;
    }
}

/**
 * studio_json_parse_object:
 * @data: (nullable) (array length=length): bytes that did not come from
 *   the app: a server's answer, a file the user edits
 * @length: their length, or -1 if @data is nul-terminated
 * @max_depth: how deep its values may nest
 * @error: the place for a %G_IO_ERROR_INVALID_DATA error
 *
 * Reads one JSON object, strictly as RFC 8259 writes it.
 *
 * Returns: (transfer full) (nullable): the root node, which holds an object,
 *   or %NULL with @error set
 */
JsonNode *
studio_json_parse_object (const char  *data,
                          gssize       length,
                          guint        max_depth,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *problem = NULL;
  gsize size;

  size = data == NULL ? 0 : length < 0 ? strlen (data) : (gsize) length;

  if (!json_check (data ? data : "", size, max_depth, &problem))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The JSON has %s", problem);
      return NULL;
    }

  /* Checked: json-glib can only agree, and its root is the one value. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &parse_error))
    {
      g_autofree char *message = g_utf8_make_valid (parse_error->message, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The JSON is not an object");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * studio_json_array_has_string:
 * @array: (nullable): an array
 * @string: a string
 *
 * Returns: whether @array holds @string; other elements are skipped
 */
gboolean
studio_json_array_has_string (JsonArray  *array,
                              const char *string)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (node), string))
        return TRUE;
    }

  return FALSE;
}

/**
 * studio_json_get_double:
 *
 * Returns: the member if it is a number, else @fallback
 */
double
studio_json_get_double (JsonObject *object,
                        const char *member,
                        double      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);

    default:
      return fallback;
    }
}

/* Writing -------------------------------------------------------------------
 *
 * json-glib 1.6 writes a double that prints with an exponent and no point
 * as, say, "1e+30.0", which is not JSON: a reply's usage or a setting of
 * that size would make the history, an export or a request unreadable. So
 * the app writes JSON itself.
 */

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_break (GString *out,
             int      indent)
{
  if (indent >= 0)
    {
      g_string_append_c (out, '\n');
      for (int i = 0; i < indent; i++)
        g_string_append (out, "  ");
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            int       indent)
{
  int inner = indent >= 0 ? indent + 1 : -1;

  switch (node ? json_node_get_node_type (node) : JSON_NODE_NULL)
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_break (out, inner);
            write_string (out, name);
            g_string_append (out, indent >= 0 ? ": " : ":");
            write_node (out, member, inner);
          }
        if (!first)
          write_break (out, indent);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_break (out, inner);
            write_node (out, json_array_get_element (array, i), inner);
          }
        if (length > 0)
          write_break (out, indent);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;

        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          {
            double value = json_node_get_double (node);
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            /* Only finite numbers are read; one made otherwise is null. */
            if (isfinite (value))
              g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
            else
              g_string_append (out, "null");
          }
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * studio_json_to_string:
 * @node: (nullable): a JSON tree
 * @pretty: whether to indent it for people to read
 *
 * Returns: (transfer full): @node as JSON text (RFC 8259)
 */
char *
studio_json_to_string (JsonNode *node,
                       gboolean  pretty)
{
  GString *out = g_string_new (NULL);

  write_node (out, node, pretty ? 0 : -1);

  return g_string_free (out, FALSE);
}
