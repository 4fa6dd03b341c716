/* studio-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "studio-client.h"
#include "studio-sse-decoder.h"

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

/* Answers and events this large are parsed on a worker thread, so that the
 * main loop never waits on megabytes of JSON (an image's base64).
 */
#define STUDIO_CLIENT_WORKER_PARSE_BYTES (256 * 1024)

typedef enum {
  STUDIO_CLIENT_CALL_JSON,
  STUDIO_CLIENT_CALL_EVENTS,
  STUDIO_CLIENT_CALL_TEXT,
  STUDIO_CLIENT_CALL_BYTES,
} StudioClientCallKind;

/* One request from start to finish, across retries and redirects: the
 * data of its GTask. Sent and read in studio-client-call.c; the events of
 * a stream are parsed and handed over in studio-client-events.c.
 */
typedef struct
{
  StudioClient          *client;
  StudioRequest         *request;
  StudioClientCallKind   kind;

  GUri                  *uri;
  SoupMessage           *message;
  GInputStream          *stream;
  /* The attempt's own: cancelled with the task's, or when the server has
   * been silent too long.
   */
  GCancellable          *io_cancellable;
  gulong                 cancelled_id;
  guint                  wait_source;
  guint                  attempt;
  guint                  redirects;
  gboolean               reading_error_body;
  goffset                sent;
  GByteArray            *body;

  StudioSseDecoder      *decoder;
  StudioClientEventFunc  event_func;
  gpointer               event_data;
  GDestroyNotify         event_data_destroy;
  StudioClientBytesFunc  bytes_func;       /* for STUDIO_CLIENT_CALL_BYTES, with event_data */
  char                  *content_type;
  gboolean               delivered;
  gboolean               done;
  gboolean               not_a_stream;
  guint                  skipped;
  GError                *stream_error;
} StudioClientCall;

/* In studio-client-call.c: each takes the call's GTask. */
void    studio_client_call_complete        (GTask            *task);
void    studio_client_call_fail            (GTask            *task,
                                            GError           *error);
GError *studio_client_call_cancelled_error (StudioClientCall *call);
void    studio_client_call_read_next       (GTask            *task);

GTask  *studio_client_new_task             (StudioClient        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data,
                                            gpointer             source_tag);
void    studio_client_start                (StudioClient        *self,
                                            StudioRequest       *request,
                                            StudioClientCallKind kind,
                                            GTask               *task);

/* In studio-client-bytes.c. */
void    studio_client_call_read_bytes      (GTask            *task,
                                            GBytes           *bytes);

/* In studio-client-events.c. */
void    studio_client_call_read_events     (GTask            *task,
                                            GBytes           *bytes);

G_END_DECLS
