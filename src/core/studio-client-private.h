/* studio-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "studio-client.h"

G_BEGIN_DECLS

/* The one HTTP client of the app. It knows the base URL and the credentials,
 * sends each StudioRequest with retries, timeouts and redirect checks, and
 * hands back parsed JSON or decoded stream events.
 */
struct _StudioClient
{
  GObject           parent_instance;

  /* Owned references */
  SoupSession      *session;
  GUri             *base_uri;
  char             *base_url;
  char             *api_key;
  char             *organization;
  char             *project;
  char             *user_agent;

  StudioRateLimits  rate_limits;
  guint             max_retries;
  guint             connect_timeout_ms;
  guint             idle_timeout_ms;
  guint             allow_insecure : 1;
};

void studio_client_update_rate_limits (StudioClient       *self,
                                       SoupMessageHeaders *headers);
void studio_client_emit_retrying      (StudioClient       *self,
                                       StudioRequest      *request,
                                       guint               attempt,
                                       guint               delay_ms,
                                       const GError       *error);

G_END_DECLS
