/* studio-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-client"

#include "config.h"

#include <math.h>
#include <string.h>

#include <libsoup/soup.h>

#include "studio-client-private.h"
#include "studio-retry.h"
#include "studio-utils.h"

/* The client itself: its settings, the rate limits the server reported and
 * the "retrying" signal. Sending a request, from the first attempt to the
 * last retry, is in studio-client-call.c.
 */

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_ORGANIZATION,
  PROP_PROJECT,
  PROP_ALLOW_INSECURE,
  PROP_MAX_RETRIES,
  PROP_RATE_LIMITS,
  N_PROPS
};

enum {
  RETRYING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (StudioClient, studio_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (StudioRateLimits, studio_rate_limits,
                     studio_rate_limits_copy, studio_rate_limits_free)

StudioRateLimits *
studio_rate_limits_copy (const StudioRateLimits *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
studio_rate_limits_free (StudioRateLimits *self)
{
  g_free (self);
}

/**
 * studio_parse_duration_ms:
 * @text: a duration as OpenAI writes it: "1s", "6m0s", "20ms", "1h2m3.5s"
 *
 * Returns: the duration in milliseconds, or -1 if @text is not one
 */
gint64
studio_parse_duration_ms (const char *text)
{
  double total = 0;
  const char *p = text;

  if (studio_str_empty0 (text))
    return -1;

  while (*p)
    {
      char *end = NULL;
      double value = g_ascii_strtod (p, &end);

      /* "inf" and "nan" parse as numbers too. */
      if (end == p || !isfinite (value) || value < 0)
        return -1;
      p = end;

      if (g_str_has_prefix (p, "ms"))
        total += value, p += 2;
      else if (*p == 'h')
        total += value * 3600000, p++;
      else if (*p == 'm')
        total += value * 60000, p++;
      else if (*p == 's')
        total += value * 1000, p++;
      else
        return -1;
    }

  /* Each part is finite, but "1e300h" is not a duration either. */
  return studio_duration_ms_from_double (total);
}

static gint64
header_int (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gint64 number;
  char *end = NULL;

  if (value == NULL)
    return -1;

  number = g_ascii_strtoll (value, &end, 10);
  return end != value ? number : -1;
}

void
studio_client_update_rate_limits (StudioClient       *self,
                                  SoupMessageHeaders *headers)
{
  StudioRateLimits limits;

  if (soup_message_headers_get_one (headers, "x-ratelimit-limit-requests") == NULL &&
      soup_message_headers_get_one (headers, "x-ratelimit-limit-tokens") == NULL)
    return;

  limits.limit_requests = header_int (headers, "x-ratelimit-limit-requests");
  limits.limit_tokens = header_int (headers, "x-ratelimit-limit-tokens");
  limits.remaining_requests = header_int (headers, "x-ratelimit-remaining-requests");
  limits.remaining_tokens = header_int (headers, "x-ratelimit-remaining-tokens");
  limits.reset_requests_ms =
    studio_parse_duration_ms (soup_message_headers_get_one (headers, "x-ratelimit-reset-requests"));
  limits.reset_tokens_ms =
    studio_parse_duration_ms (soup_message_headers_get_one (headers, "x-ratelimit-reset-tokens"));

  if (memcmp (&limits, &self->rate_limits, sizeof limits) == 0)
    return;

  self->rate_limits = limits;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMITS]);
}

/**
 * studio_client_retry_delay_ms:
 * @attempt: how many retries were made before this one, from 0
 * @retry_after_ms: what the server asked for, or -1
 *
 * The wait before a retry; see studio_retry_delay_ms().
 */
guint
studio_client_retry_delay_ms (guint  attempt,
                              gint64 retry_after_ms)
{
  return studio_retry_delay_ms (attempt, retry_after_ms);
}

/* Called by the call once it waits to retry, so that a handler may already
 * cancel the wait it announces.
 */
void
studio_client_emit_retrying (StudioClient  *self,
                             StudioRequest *request,
                             guint          attempt,
                             guint          delay_ms,
                             const GError  *error)
{
  g_signal_emit (self, signals[RETRYING], 0, request, attempt, delay_ms, error);
}

static void
studio_client_finalize (GObject *object)
{
  StudioClient *self = (StudioClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->project, g_free);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (studio_client_parent_class)->finalize (object);
}

static void
studio_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StudioClient *self = STUDIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;

    case PROP_PROJECT:
      g_value_set_string (value, self->project);
      break;

    case PROP_ALLOW_INSECURE:
      g_value_set_boolean (value, self->allow_insecure);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_RATE_LIMITS:
      g_value_set_boxed (value, &self->rate_limits);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  StudioClient *self = STUDIO_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      studio_client_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_ORGANIZATION:
      studio_client_set_organization (self, g_value_get_string (value));
      break;

    case PROP_PROJECT:
      studio_client_set_project (self, g_value_get_string (value));
      break;

    case PROP_ALLOW_INSECURE:
      studio_client_set_allow_insecure (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_RETRIES:
      studio_client_set_max_retries (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_client_class_init (StudioClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_client_finalize;
  object_class->get_property = studio_client_get_property;
  object_class->set_property = studio_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         STUDIO_DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROJECT] =
    g_param_spec_string ("project", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ALLOW_INSECURE] =
    g_param_spec_boolean ("allow-insecure", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 10, 2,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RATE_LIMITS] =
    g_param_spec_boxed ("rate-limits", NULL, NULL,
                        STUDIO_TYPE_RATE_LIMITS,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioClient::retrying:
   * @request: the request to be sent again
   * @attempt: the retry about to be made, from 1
   * @delay_ms: how long the client waits first
   * @error: why the last attempt failed
   *
   * Emitted when the wait before a retry starts, so the UI can say that it
   * waits and for how long. Cancelling the request from a handler ends the
   * wait at once.
   */
  signals[RETRYING] =
    g_signal_new ("retrying",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4,
                  STUDIO_TYPE_REQUEST | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);
}

static void
studio_client_init (StudioClient *self)
{
  self->user_agent = g_strdup_printf ("OpenAIStudio/%s (%s)", PACKAGE_VERSION, APP_ID);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "user-agent", self->user_agent,
                                "timeout", 0,
                                "max-conns-per-host", 8,
                                NULL);
  self->max_retries = 2;
  self->connect_timeout_ms = 15000;
  self->idle_timeout_ms = 300000;
  self->rate_limits = (StudioRateLimits) { -1, -1, -1, -1, -1, -1 };
  studio_client_set_base_url (self, STUDIO_DEFAULT_BASE_URL);
}

StudioClient *
studio_client_new (void)
{
  return g_object_new (STUDIO_TYPE_CLIENT, NULL);
}

const char *
studio_client_get_base_url (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * studio_client_set_base_url:
 * @self: a client
 * @base_url: (nullable): the API root, such as "https://api.openai.com/v1";
 *   %NULL restores that default
 */
void
studio_client_set_base_url (StudioClient *self,
                            const char   *base_url)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (STUDIO_IS_CLIENT (self));

  trimmed = g_strstrip (g_strdup (studio_str_empty0 (base_url)
                                  ? STUDIO_DEFAULT_BASE_URL : base_url));
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  if (!studio_set_str (&self->base_url, trimmed))
    return;

  g_clear_pointer (&self->base_uri, g_uri_unref);
  self->base_uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (self->base_uri != NULL &&
      g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "http") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (self->base_uri), "https") != 0)
    g_clear_pointer (&self->base_uri, g_uri_unref);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

/**
 * studio_client_set_api_key:
 * @self: a client
 * @api_key: (nullable): the secret key, kept in memory only
 *
 * The key is deliberately not a property, so it never shows up in a
 * property dump or a debug log.
 */
void
studio_client_set_api_key (StudioClient *self,
                           const char   *api_key)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (self->api_key != NULL)
    explicit_bzero (self->api_key, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  if (!studio_str_empty0 (api_key))
    self->api_key = g_strstrip (g_strdup (api_key));
}

gboolean
studio_client_has_api_key (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), FALSE);

  return !studio_str_empty0 (self->api_key);
}

const char *
studio_client_get_organization (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->organization;
}

void
studio_client_set_organization (StudioClient *self,
                                const char   *organization)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (studio_set_str (&self->organization, studio_str_empty0 (organization) ? NULL : organization))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
}

const char *
studio_client_get_project (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->project;
}

void
studio_client_set_project (StudioClient *self,
                           const char   *project)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (studio_set_str (&self->project, studio_str_empty0 (project) ? NULL : project))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

gboolean
studio_client_get_allow_insecure (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), FALSE);

  return self->allow_insecure;
}

/**
 * studio_client_set_allow_insecure:
 * @self: a client
 * @allow_insecure: whether plain HTTP to a host other than this machine is
 *   allowed; the user has to confirm it, since it exposes the key
 */
void
studio_client_set_allow_insecure (StudioClient *self,
                                  gboolean      allow_insecure)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  allow_insecure = !!allow_insecure;
  if (self->allow_insecure == allow_insecure)
    return;

  self->allow_insecure = allow_insecure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_INSECURE]);
}

guint
studio_client_get_max_retries (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), 0);

  return self->max_retries;
}

void
studio_client_set_max_retries (StudioClient *self,
                               guint         max_retries)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  if (self->max_retries == max_retries)
    return;

  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

/**
 * studio_client_set_timeouts:
 * @self: a client
 * @connect_timeout_ms: how long to wait until the request is on the wire
 * @idle_timeout_ms: how long the server may stay silent, before its answer
 *   or between two chunks of it; a slow but steady stream never times out
 *
 * Zero disables a timeout.
 */
void
studio_client_set_timeouts (StudioClient *self,
                            guint         connect_timeout_ms,
                            guint         idle_timeout_ms)
{
  g_return_if_fail (STUDIO_IS_CLIENT (self));

  self->connect_timeout_ms = connect_timeout_ms;
  self->idle_timeout_ms = idle_timeout_ms;
}

/**
 * studio_client_get_rate_limits:
 *
 * Returns: (transfer none): the rate limits the server last reported
 */
const StudioRateLimits *
studio_client_get_rate_limits (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return &self->rate_limits;
}

const char *
studio_client_get_user_agent (StudioClient *self)
{
  g_return_val_if_fail (STUDIO_IS_CLIENT (self), NULL);

  return self->user_agent;
}
