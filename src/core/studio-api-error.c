/* studio-api-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-api-error"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-json.h"
#include "studio-retry.h"
#include "studio-utils.h"

/* The extra fields every API error carries, so the UI can show the server's
 * own words, the offending parameter and the request id next to our advice.
 */
typedef struct
{
  guint   status;
  char   *type;
  char   *param;
  char   *code;
  char   *server_message;
  char   *request_id;
  gint64  retry_after_ms;
} StudioApiErrorPrivate;

static void
studio_api_error_private_init (StudioApiErrorPrivate *priv)
{
  priv->retry_after_ms = -1;
}

static void
studio_api_error_private_copy (const StudioApiErrorPrivate *src,
                               StudioApiErrorPrivate       *dest)
{
  dest->status = src->status;
  dest->type = g_strdup (src->type);
  dest->param = g_strdup (src->param);
  dest->code = g_strdup (src->code);
  dest->server_message = g_strdup (src->server_message);
  dest->request_id = g_strdup (src->request_id);
  dest->retry_after_ms = src->retry_after_ms;
}

static void
studio_api_error_private_clear (StudioApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->type, g_free);
  g_clear_pointer (&priv->param, g_free);
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (StudioApiError, studio_api_error)

static const char *
studio_api_error_advice (StudioApiError code)
{
  switch (code)
    {
    case STUDIO_API_ERROR_INVALID_KEY:
      return _("The server did not accept the API key. Check the key in Preferences.");
    case STUDIO_API_ERROR_PERMISSION:
      return _("The API key is not allowed to do this. Check the key’s permissions, organization and project.");
    case STUDIO_API_ERROR_NOT_FOUND:
      return _("The server does not know this model or address. Pick another model or check the base URL.");
    case STUDIO_API_ERROR_RATE_LIMITED:
      return _("Too many requests right now. Wait a moment and try again.");
    case STUDIO_API_ERROR_QUOTA_EXCEEDED:
      return _("The account has run out of credit. Add credit or raise the limit in your billing settings.");
    case STUDIO_API_ERROR_BAD_REQUEST:
      return _("The server rejected the request. Change the settings it names and try again.");
    case STUDIO_API_ERROR_CONTEXT_TOO_LONG:
      return _("The conversation is too long for this model. Remove earlier messages or pick a model with a larger context.");
    case STUDIO_API_ERROR_SERVER:
      return _("The server had a problem. Try again in a moment.");
    case STUDIO_API_ERROR_NETWORK:
      return _("Could not reach the server. Check your connection and the base URL.");
    case STUDIO_API_ERROR_TIMEOUT:
      return _("The server stopped answering. Try again, or check your connection.");
    case STUDIO_API_ERROR_CANCELLED:
      return _("The request was stopped.");
    case STUDIO_API_ERROR_MALFORMED:
      return _("The server sent an answer that could not be understood. Check that the base URL points at an OpenAI-compatible API.");
    case STUDIO_API_ERROR_NO_KEY:
      return _("No API key is set. Add one in Preferences.");
    case STUDIO_API_ERROR_INSECURE_URL:
      return _("The base URL uses plain HTTP to another machine, which would expose the API key. Use HTTPS, or allow it in Preferences.");
    case STUDIO_API_ERROR_CONFLICT:
      return _("The server was busy with a conflicting request. Try again.");
    case STUDIO_API_ERROR_INCOMPLETE:
      return _("The connection closed before the reply was complete. "
               "The text that arrived was kept. Try again for a whole reply.");
    default:
      return _("The request failed.");
    }
}

static StudioApiError
studio_api_error_code_for (guint       status,
                           const char *type,
                           const char *code)
{
  if (g_strcmp0 (code, "context_length_exceeded") == 0)
    return STUDIO_API_ERROR_CONTEXT_TOO_LONG;
  if (g_strcmp0 (code, "insufficient_quota") == 0 ||
      g_strcmp0 (type, "insufficient_quota") == 0)
    return STUDIO_API_ERROR_QUOTA_EXCEEDED;
  if (g_strcmp0 (code, "invalid_api_key") == 0)
    return STUDIO_API_ERROR_INVALID_KEY;
  if (g_strcmp0 (code, "model_not_found") == 0)
    return STUDIO_API_ERROR_NOT_FOUND;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return STUDIO_API_ERROR_INVALID_KEY;
    case SOUP_STATUS_FORBIDDEN:
      return STUDIO_API_ERROR_PERMISSION;
    case SOUP_STATUS_NOT_FOUND:
      return STUDIO_API_ERROR_NOT_FOUND;
    case SOUP_STATUS_REQUEST_TIMEOUT:
      return STUDIO_API_ERROR_TIMEOUT;
    case SOUP_STATUS_CONFLICT:
      return STUDIO_API_ERROR_CONFLICT;
    case 429: /* Too Many Requests; libsoup 3.2 has no name for it */
      return STUDIO_API_ERROR_RATE_LIMITED;
    default:
      break;
    }

  if (status >= 500)
    return STUDIO_API_ERROR_SERVER;

  return STUDIO_API_ERROR_BAD_REQUEST;
}

/* FastAPI's validation errors: {"detail": [{"loc": [...], "msg": "..."}]}. */
static char *
join_detail_messages (JsonArray *details)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (details); i++)
    {
      JsonNode *node = json_array_get_element (details, i);
      JsonObject *entry;
      JsonArray *loc;
      const char *msg;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      entry = json_node_get_object (node);
      if ((msg = studio_json_get_string (entry, "msg")) == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, "\n");

      if ((loc = studio_json_get_array (entry, "loc")))
        {
          gboolean any = FALSE;

          for (guint j = 0; j < json_array_get_length (loc); j++)
            {
              JsonNode *part = json_array_get_element (loc, j);

              if (!JSON_NODE_HOLDS_VALUE (part))
                continue;

              if (json_node_get_value_type (part) == G_TYPE_STRING)
                g_string_append_printf (text, "%s%s", any ? "." : "", json_node_get_string (part));
              else if (json_node_get_value_type (part) == G_TYPE_INT64)
                g_string_append_printf (text, "%s%" G_GINT64_FORMAT, any ? "." : "",
                                        json_node_get_int (part));
              else
                continue;
              any = TRUE;
            }

          if (any)
            g_string_append (text, ": ");
        }

      g_string_append (text, msg);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* What the server said, in the shapes compatible servers use:
 *   {"error": {"message", "type", "param", "code"}}   OpenAI
 *   {"error": "SyntaxError", "message": "…"}          Express and others
 *   {"error": "text"}
 *   {"message": "…", "type": "…", "code": …}           vLLM and others
 *   {"detail": "…"} or {"detail": [{"msg": …}]}       FastAPI
 */
typedef struct
{
  char       *message;
  const char *type;
  const char *param;
  const char *code;
} ErrorBody;

static void
read_error_body (JsonObject *root,
                 ErrorBody  *out)
{
  JsonObject *object;
  JsonArray *details;
  const char *error_text;
  const char *message;
  const char *detail;

  if ((object = studio_json_get_object (root, "error")))
    {
      out->message = g_strdup (studio_json_get_string (object, "message"));
      out->type = studio_json_get_string (object, "type");
      out->param = studio_json_get_string (object, "param");
      out->code = studio_json_get_string (object, "code");
      if (out->message != NULL)
        return;
    }

  error_text = studio_json_get_string (root, "error");
  message = studio_json_get_string (root, "message");

  if (out->type == NULL)
    out->type = studio_json_get_string (root, "type");
  if (out->param == NULL)
    out->param = studio_json_get_string (root, "param");
  if (out->code == NULL)
    out->code = studio_json_get_string (root, "code");

  if (!studio_str_empty0 (error_text) && !studio_str_empty0 (message) &&
      g_strcmp0 (error_text, message) != 0)
    {
      /* The error is a name for the message, as an exception's class. */
      out->message = g_strdup_printf ("%s: %s", error_text, message);
      if (out->type == NULL)
        out->type = error_text;
    }
  else if (!studio_str_empty0 (message))
    out->message = g_strdup (message);
  else if (!studio_str_empty0 (error_text))
    out->message = g_strdup (error_text);
  else if ((detail = studio_json_get_string (root, "detail")))
    out->message = g_strdup (detail);
  else if ((details = studio_json_get_array (root, "detail")))
    out->message = join_detail_messages (details);
}

/**
 * studio_api_error_new_for_status:
 * @status: the HTTP status
 * @reason: (nullable): the HTTP reason phrase
 * @body: (nullable): the response body
 * @headers: (nullable): the response headers
 *
 * Turns a failed HTTP response into a #GError of %STUDIO_API_ERROR,
 * reading OpenAI's `{"error": {…}}` body when there is one. A body that is
 * not JSON (a proxy's HTML page) still gives a clear message with the status.
 *
 * Returns: (transfer full): a new error
 */
GError *
studio_api_error_new_for_status (guint               status,
                                 const char         *reason,
                                 GBytes             *body,
                                 SoupMessageHeaders *headers)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *server_message = NULL;
  /* libsoup checks header values, not the reason phrase. */
  g_autofree char *valid_reason = g_utf8_make_valid (reason ? reason : "", -1);
  StudioApiErrorPrivate *priv;
  ErrorBody parsed = { 0 };
  StudioApiError code;
  GError *error;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if ((root = studio_json_parse_server_data (data, size, NULL)))
    {
      read_error_body (json_node_get_object (root), &parsed);
      server_message = g_steal_pointer (&parsed.message);
    }
  else if (data != NULL && size > 0)
    {
      g_autofree char *text = g_utf8_make_valid (data, MIN (size, 200));

      if (g_strstr_len (text, -1, "<") != NULL)
        server_message = g_strdup_printf (_("The server answered with a web page (HTTP %u %s) instead of an API response."),
                                          status, valid_reason);
      else
        server_message = g_strstrip (g_steal_pointer (&text));
    }

  code = studio_api_error_code_for (status, parsed.type, parsed.code);
  error = g_error_new_literal (STUDIO_API_ERROR, code, studio_api_error_advice (code));
  priv = studio_api_error_get_private (error);
  priv->status = status;
  priv->type = g_strdup (parsed.type);
  priv->param = g_strdup (parsed.param);
  priv->code = g_strdup (parsed.code);
  priv->server_message = server_message && *server_message
    ? g_steal_pointer (&server_message)
    : g_strdup_printf ("HTTP %u %s", status, valid_reason);
  priv->request_id = headers ? g_strdup (soup_message_headers_get_one (headers, "x-request-id"))
                             : NULL;
  priv->retry_after_ms = studio_retry_after_from_headers (headers);

  return error;
}

/**
 * studio_api_error_new:
 * @code: the error code
 * @server_message: (nullable): more detail, shown below the advice
 *
 * Returns: (transfer full): a new error with the advice for @code
 */
GError *
studio_api_error_new (StudioApiError  code,
                      const char     *server_message)
{
  GError *error = g_error_new_literal (STUDIO_API_ERROR, code, studio_api_error_advice (code));

  studio_api_error_get_private (error)->server_message = g_strdup (server_message);

  return error;
}

/**
 * studio_api_error_from_transport:
 * @error: an error from libsoup or GIO
 *
 * Returns: (transfer full): the %STUDIO_API_ERROR for a failure below HTTP
 */
GError *
studio_api_error_from_transport (const GError *error)
{
  StudioApiError code = STUDIO_API_ERROR_NETWORK;

  if (error->domain == STUDIO_API_ERROR)
    return g_error_copy (error);

  if (studio_api_error_is_cancelled (error))
    code = STUDIO_API_ERROR_CANCELLED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = STUDIO_API_ERROR_TIMEOUT;

  return studio_api_error_new (code, error->message);
}

/**
 * studio_api_error_is_cancelled:
 * @error: (nullable): an error
 *
 * The one test for "the user or the app stopped it", which callers check
 * before they report an error or touch anything that may be gone. It covers
 * both ways a cancellation is reported: %STUDIO_API_ERROR_CANCELLED from the
 * client and %G_IO_ERROR_CANCELLED from GIO, libsecret and worker threads.
 *
 * Returns: %TRUE if @error says the work was cancelled
 */
gboolean
studio_api_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, STUDIO_API_ERROR, STUDIO_API_ERROR_CANCELLED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/**
 * studio_api_error_is_retryable:
 * @error: an error
 *
 * Rate limits, conflicts, server errors and dropped connections can succeed a
 * moment later; a bad request, a bad key or an empty account cannot. The
 * client still never retries once part of an answer reached its caller.
 */
gboolean
studio_api_error_is_retryable (const GError *error)
{
  if (error->domain != STUDIO_API_ERROR)
    return FALSE;

  switch ((StudioApiError) error->code)
    {
    case STUDIO_API_ERROR_RATE_LIMITED:
    case STUDIO_API_ERROR_CONFLICT:
    case STUDIO_API_ERROR_SERVER:
    case STUDIO_API_ERROR_NETWORK:
    case STUDIO_API_ERROR_TIMEOUT:
    case STUDIO_API_ERROR_INCOMPLETE:
      return TRUE;
    default:
      return FALSE;
    }
}

#define DEFINE_GETTER(type, name, field, fallback)                  \
  type                                                              \
  studio_api_error_get_##name (const GError *error)                 \
  {                                                                 \
    StudioApiErrorPrivate *priv;                                    \
                                                                    \
    if (error == NULL || error->domain != STUDIO_API_ERROR)         \
      return fallback;                                              \
    priv = studio_api_error_get_private (error);                    \
    return priv ? priv->field : fallback;                           \
  }

DEFINE_GETTER (guint, status, status, 0)
DEFINE_GETTER (const char *, param, param, NULL)
DEFINE_GETTER (const char *, code, code, NULL)
DEFINE_GETTER (const char *, type_name, type, NULL)
DEFINE_GETTER (const char *, server_message, server_message, NULL)
DEFINE_GETTER (const char *, request_id, request_id, NULL)
DEFINE_GETTER (gint64, retry_after_ms, retry_after_ms, -1)

#undef DEFINE_GETTER

/**
 * studio_api_error_dup_wait_text:
 * @error: an error
 *
 * Returns: (transfer full) (nullable): a sentence saying how long the
 *   server asks to wait (its `Retry-After`), or %NULL if it asks for no wait
 */
char *
studio_api_error_dup_wait_text (const GError *error)
{
  gint64 seconds;

  if (studio_api_error_get_retry_after_ms (error) <= 0)
    return NULL;

  seconds = (studio_api_error_get_retry_after_ms (error) + 999) / 1000;
  return g_strdup_printf (ngettext ("The server asks to wait %" G_GINT64_FORMAT " second.",
                                    "The server asks to wait %" G_GINT64_FORMAT " seconds.",
                                    seconds), seconds);
}

/**
 * studio_api_error_dup_details:
 * @error: an error
 *
 * Formats what the server said, the parameter it named, the HTTP status and
 * the request id, one per line, for an error's details.
 *
 * Returns: (transfer full) (nullable): the details, or %NULL if there are none
 */
char *
studio_api_error_dup_details (const GError *error)
{
  GString *details = g_string_new (NULL);
  const char *value;

  if ((value = studio_api_error_get_server_message (error)))
    g_string_append_printf (details, "%s\n", value);
  if ((value = studio_api_error_get_param (error)))
    g_string_append_printf (details, _("Parameter: %s\n"), value);
  if (studio_api_error_get_status (error) != 0)
    g_string_append_printf (details, _("HTTP status: %u\n"), studio_api_error_get_status (error));
  if ((value = studio_api_error_get_request_id (error)))
    g_string_append_printf (details, _("Request ID: %s\n"), value);

  if (details->len == 0)
    return (g_string_free (details, TRUE), NULL);

  g_string_truncate (details, details->len - 1);
  return g_string_free (details, FALSE);
}
