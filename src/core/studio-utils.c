/* studio-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-utils"

#include "config.h"

#include <gio/gio.h>

#include "studio-core-resources.h"
#include "studio-utils.h"

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
