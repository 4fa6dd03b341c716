/* studio-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-utils"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "studio-api-error.h"
#include "studio-core-resources.h"
#include "studio-json.h"
#include "studio-utils.h"

/* Deeper JSON than this is refused before json-glib sees it: its parser
 * recurses once per level, and a few hundred kilobytes of brackets from a
 * hostile server would otherwise overflow the stack. Real API answers nest
 * a handful of levels.
 */
#define MAX_SERVER_JSON_DEPTH 256

/**
 * studio_set_str:
 * @str_pointer: (inout): a pointer to a string
 * @new_str: (nullable): the new value
 *
 * Replaces the string at @str_pointer with a copy of @new_str. This is
 * g_set_str(), which is newer than our GLib floor.
 *
 * Returns: %TRUE if the value changed
 */
gboolean
studio_set_str (char       **str_pointer,
                const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}

gboolean
studio_str_empty0 (const char *str)
{
  return str == NULL || str[0] == '\0';
}

/**
 * studio_str_is_blank:
 * @str: (nullable): UTF-8 text
 *
 * Returns: %TRUE if @str is %NULL, empty, or only white space
 */
gboolean
studio_str_is_blank (const char *str)
{
  for (const char *p = str; p && *p; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/**
 * studio_list_model_find_by_id:
 * @model: (nullable): a list of objects
 * @get_id: gives an item's id
 * @id: the id to look for
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the item with @id; @model keeps
 *   its reference
 */
gpointer
studio_list_model_find_by_id (GListModel   *model,
                              StudioIdFunc  get_id,
                              gint64        id,
                              guint        *position)
{
  guint n_items = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (get_id (item) == id)
        {
          if (position)
            *position = i;
          return item;
        }
    }

  return NULL;
}

/**
 * studio_uri_is_loopback:
 * @uri: an absolute URI
 *
 * Returns: %TRUE if @uri names a host on this machine (localhost, 127.0.0.0/8
 *   or ::1), where plain HTTP cannot be overheard
 */
gboolean
studio_uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || (host = g_uri_get_host (parsed)) == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * studio_core_ensure_resources:
 *
 * Registers the core's data files (model rules, prices) once. Static
 * libraries drop the automatic registration, so everything that reads them
 * calls this first.
 */
void
studio_core_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      studio_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * studio_duration_ms_from_double:
 * @ms: a duration in milliseconds, as parsed from a server's header
 *
 * Casting a double that does not fit to an integer is undefined behaviour,
 * and a header can say `inf`, `nan` or `1e300`: this is the one safe way.
 *
 * Returns: @ms rounded down and capped at %STUDIO_MAX_DURATION_MS, or -1 if
 *   it is negative or not a number
 */
gint64
studio_duration_ms_from_double (double ms)
{
  if (isnan (ms) || ms < 0)
    return -1;

  if (ms >= (double) STUDIO_MAX_DURATION_MS)
    return STUDIO_MAX_DURATION_MS;

  return (gint64) ms;
}

/* A cancellable that cancels itself when its parent does, or when a timer
 * runs out. The state lives on the cancellable, so it is a plain
 * GCancellable to everything that is handed it.
 */
typedef struct
{
  GCancellable *self;          /* borrowed: the data lives as long as it */
  GCancellable *parent;
  gulong        parent_id;
  GMainContext *context;
  GSource      *timeout;
  gboolean      timed_out;
} TimeoutData;

static GQuark
timeout_data_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("studio-cancellable-timeout");

  return quark;
}

static void
timeout_data_stop_timer (TimeoutData *data)
{
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_clear_pointer (&data->timeout, g_source_unref);
    }
}

static void
timeout_data_unlink (TimeoutData *data)
{
  if (data->parent_id != 0)
    g_cancellable_disconnect (data->parent, data->parent_id);
  data->parent_id = 0;
  g_clear_object (&data->parent);
}

static void
timeout_data_free (TimeoutData *data)
{
  timeout_data_stop_timer (data);
  timeout_data_unlink (data);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static TimeoutData *
timeout_data_get (GCancellable *cancellable)
{
  return g_object_get_qdata (G_OBJECT (cancellable), timeout_data_quark ());
}

static void
parent_cancelled_cb (GCancellable *parent,
                     TimeoutData  *data)
{
  g_cancellable_cancel (data->self);
}

static gboolean
timeout_cb (gpointer user_data)
{
  TimeoutData *data = user_data;

  g_clear_pointer (&data->timeout, g_source_unref);
  data->timed_out = TRUE;
  g_cancellable_cancel (data->self);

  return G_SOURCE_REMOVE;
}

/**
 * studio_cancellable_new_with_timeout:
 * @parent: (nullable): a cancellable whose cancellation cancels the new one
 * @timeout_ms: cancel after this long, or 0 for no time limit
 *
 * Gives one piece of work its own cancellable: it is cancelled when @parent
 * is, or when @timeout_ms pass first, on the thread-default main context of
 * the caller. studio_cancellable_timed_out() tells the two apart, so that
 * "the user stopped it" and "the other side stopped answering" can be
 * reported differently. Cancelling it never cancels @parent.
 *
 * Returns: (transfer full): a new cancellable
 */
GCancellable *
studio_cancellable_new_with_timeout (GCancellable *parent,
                                     guint         timeout_ms)
{
  GCancellable *self = g_cancellable_new ();
  TimeoutData *data = g_new0 (TimeoutData, 1);

  g_return_val_if_fail (parent == NULL || G_IS_CANCELLABLE (parent), self);

  data->self = self;
  data->context = g_main_context_ref_thread_default ();
  g_object_set_qdata_full (G_OBJECT (self), timeout_data_quark (), data,
                           (GDestroyNotify) timeout_data_free);

  if (parent != NULL)
    {
      data->parent = g_object_ref (parent);
      /* Cancels at once, and returns 0, if the parent already is. */
      data->parent_id = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                               data, NULL);
    }

  studio_cancellable_restart_timeout (self, timeout_ms);

  return self;
}

/**
 * studio_cancellable_restart_timeout:
 * @cancellable: a cancellable from studio_cancellable_new_with_timeout()
 * @timeout_ms: the new time limit, counted from now, or 0 for none
 *
 * Starts the time limit again: an idle timeout calls this whenever the
 * other side shows a sign of life.
 */
void
studio_cancellable_restart_timeout (GCancellable *cancellable,
                                    guint         timeout_ms)
{
  TimeoutData *data;

  g_return_if_fail (G_IS_CANCELLABLE (cancellable));
  g_return_if_fail ((data = timeout_data_get (cancellable)) != NULL);

  timeout_data_stop_timer (data);

  if (timeout_ms == 0 || g_cancellable_is_cancelled (cancellable))
    return;

  data->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_static_name (data->timeout, "[studio] cancellable timeout");
  g_source_set_callback (data->timeout, timeout_cb, data, NULL);
  g_source_attach (data->timeout, data->context);
}

/**
 * studio_cancellable_timed_out:
 * @cancellable: a cancellable from studio_cancellable_new_with_timeout()
 *
 * Returns: %TRUE if the time limit, not the parent, cancelled @cancellable
 */
gboolean
studio_cancellable_timed_out (GCancellable *cancellable)
{
  TimeoutData *data;

  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), FALSE);

  data = timeout_data_get (cancellable);
  return data != NULL && data->timed_out;
}

/**
 * studio_cancellable_disarm:
 * @cancellable: a cancellable from studio_cancellable_new_with_timeout()
 *
 * Stops the timer and lets go of the parent, once the work is done: a
 * library may keep the cancellable for a while, and it must not fire then.
 * Whether it timed out is still known afterwards.
 */
void
studio_cancellable_disarm (GCancellable *cancellable)
{
  TimeoutData *data;

  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  if ((data = timeout_data_get (cancellable)) == NULL)
    return;

  timeout_data_stop_timer (data);
  timeout_data_unlink (data);
}

/**
 * studio_json_get_int:
 * @object: (nullable): an object, from a server or a file
 * @member: the member's name
 * @fallback: what to answer if there is no such integer
 *
 * json_object_get_int_member_with_default() raises a critical when the member
 * is an object or an array, which a server may well send. This does not.
 *
 * Returns: the member if it is an integer (or a whole number written as a
 *   double), else @fallback
 */
gint64
studio_json_get_int (JsonObject *object,
                     const char *member,
                     gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);

    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);

        /* In range and whole, so the cast is defined and means the same. */
        if (value >= -1e15 && value <= 1e15 && value == (double) (gint64) value)
          return (gint64) value;
        return fallback;
      }

    default:
      return fallback;
    }
}

/**
 * studio_json_get_boolean:
 * @object: (nullable): an object, from a server or a file
 * @member: the member's name
 * @fallback: what to answer if there is no such boolean
 *
 * Like studio_json_get_int(), without the critical of
 * json_object_get_boolean_member_with_default() on an object or array.
 *
 * Returns: the member if it is a boolean, else @fallback
 */
gboolean
studio_json_get_boolean (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static gboolean
json_is_blank (const char *data,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      /* The four whitespace characters JSON allows between tokens. */
      if (data[i] != ' ' && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
        return FALSE;
    }

  return TRUE;
}

/**
 * studio_json_parse_server_data:
 * @data: (nullable) (array length=length): bytes a server sent
 * @length: their length, or -1 if @data is nul-terminated
 * @error: the place for a %STUDIO_API_ERROR_MALFORMED error
 *
 * The one way server bytes become JSON. Every answer of the API, stream
 * event and error body is an object, so anything else (nothing at all,
 * blanks, text that is not JSON, an array or a bare value) is refused here
 * with an error, instead of reaching code that would crash or warn on it.
 *
 * Returns: (transfer full) (nullable): the root node, which holds an object,
 *   or %NULL with @error set
 */
JsonNode *
studio_json_parse_server_data (const char  *data,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  gsize size;

  size = data == NULL ? 0 : length < 0 ? strlen (data) : (gsize) length;

  if (size == 0 || json_is_blank (data, size))
    {
      g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                      "The answer was empty"));
      return NULL;
    }

  root = studio_json_parse_object (data, size, MAX_SERVER_JSON_DEPTH, &parse_error);
  if (root == NULL)
    g_propagate_error (error, studio_api_error_new (STUDIO_API_ERROR_MALFORMED,
                                                    parse_error->message));

  return root;
}
