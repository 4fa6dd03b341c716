/* studio-fake-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "studio-client.h"
#include "studio-model.h"

G_BEGIN_DECLS

/* A fake of the OpenAI API: a real SoupServer on a loopback address that
 * answers from a script of queued responses and records every request.
 */
typedef struct _StudioFakeServer StudioFakeServer;

/* How a scripted stream ends after its last chunk. */
typedef enum
{
  /* The chunked body is finished, the connection kept alive. */
  STUDIO_FAKE_STREAM_COMPLETE,
  /* The connection stays open and silent. */
  STUDIO_FAKE_STREAM_HANG,
  /* The body has no length nor chunks, and ends by closing the connection,
   * as a proxy or a crashed server leaves it.
   */
  STUDIO_FAKE_STREAM_CLOSE,
  /* The chunked body stops without its last chunk and the connection is
   * closed: a network drop in the middle of a body.
   */
  STUDIO_FAKE_STREAM_DROP,
} StudioFakeStreamEnd;

typedef struct
{
  char               *method;
  char               *path;
  SoupMessageHeaders *headers;
  GBytes             *body;
} StudioFakeRequest;

StudioFakeServer  *studio_fake_server_new          (const char        *address);
void               studio_fake_server_free         (StudioFakeServer  *self);
const char        *studio_fake_server_get_base_url (StudioFakeServer  *self);
guint              studio_fake_server_get_port     (StudioFakeServer  *self);
void               studio_fake_server_push         (StudioFakeServer  *self,
                                                    const char        *path,
                                                    guint              status,
                                                    const char        *content_type,
                                                    const char        *body,
                                                    ...) G_GNUC_NULL_TERMINATED;
void               studio_fake_server_push_bytes   (StudioFakeServer  *self,
                                                    const char        *path,
                                                    guint              status,
                                                    const char        *content_type,
                                                    GBytes            *body);
void               studio_fake_server_push_repeated (StudioFakeServer  *self,
                                                     const char        *path,
                                                     guint              times,
                                                     guint              status,
                                                     const char        *content_type,
                                                     const char        *body,
                                                     ...) G_GNUC_NULL_TERMINATED;
void               studio_fake_server_push_stream  (StudioFakeServer  *self,
                                                    const char        *path,
                                                    const char *const *chunks,
                                                    guint              interval_ms,
                                                    gboolean           hang_at_end);
void               studio_fake_server_push_stream_full (StudioFakeServer    *self,
                                                        const char          *path,
                                                        const char *const   *chunks,
                                                        guint                interval_ms,
                                                        StudioFakeStreamEnd  end);
void               studio_fake_server_push_stream_flood (StudioFakeServer    *self,
                                                         const char          *path,
                                                         const char *const   *chunks,
                                                         char                 filler,
                                                         gsize                length,
                                                         StudioFakeStreamEnd  end);
void               studio_fake_server_push_audio   (StudioFakeServer    *self,
                                                    const char          *path,
                                                    const char          *content_type,
                                                    GBytes              *body,
                                                    gsize                chunk_size,
                                                    guint                interval_ms,
                                                    gsize                hold_after,
                                                    StudioFakeStreamEnd  end);
void               studio_fake_server_release      (StudioFakeServer    *self,
                                                    const char          *path);
gboolean           studio_fake_server_get_held     (StudioFakeServer    *self,
                                                    const char          *path);
GBytes            *studio_fake_read_test_bytes     (const char          *name);
GStrv              studio_fake_speech_sse_chunks   (GBytes              *audio,
                                                    gsize                chunk_size,
                                                    gboolean             with_done);
void               studio_fake_server_push_hang    (StudioFakeServer  *self,
                                                    const char        *path);
void               studio_fake_server_wait_for     (StudioFakeServer  *self,
                                                    const char        *path,
                                                    guint              count);
guint              studio_fake_server_count        (StudioFakeServer  *self,
                                                    const char        *path);
StudioFakeRequest *studio_fake_server_last         (StudioFakeServer  *self,
                                                    const char        *path);
char              *studio_fake_read_test_file      (const char        *name);
SoupMultipart     *studio_fake_request_get_form    (StudioFakeRequest *request);
guint              studio_fake_form_count          (SoupMultipart     *form,
                                                    const char        *name);
GBytes            *studio_fake_form_get_file       (SoupMultipart     *form,
                                                    const char        *name,
                                                    guint              nth,
                                                    char             **filename,
                                                    char             **content_type);
char              *studio_fake_form_get_field      (SoupMultipart     *form,
                                                    const char        *name);
GStrv              studio_fake_form_list_names     (SoupMultipart     *form);
void               studio_fake_wait_until          (gboolean          *flag);
void               studio_fake_result_cb           (GObject           *object,
                                                    GAsyncResult      *result,
                                                    gpointer           user_data);
GAsyncResult      *studio_fake_wait_result         (GAsyncResult     **slot);
JsonNode          *studio_fake_request_json        (StudioClient      *client,
                                                    StudioRequest     *request,
                                                    GError           **error);
StudioModel       *studio_fake_model_new           (const char        *id);
void               studio_fake_assert_finalize_later (gpointer         object);
void               studio_fake_remove_tree         (const char        *path);
void               studio_fake_write_old_history   (const char        *path,
                                                    int                version,
                                                    const char        *rows);
guint64            studio_fake_kill_child          (const char *const *argv,
                                                    guint              n_lines,
                                                    gboolean           mid_step);

typedef struct _StudioSilentBus StudioSilentBus;

StudioSilentBus   *studio_silent_bus_new           (void);
guint              studio_silent_bus_get_n_connections (StudioSilentBus *self);
void               studio_silent_bus_free          (StudioSilentBus   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioSilentBus, studio_silent_bus_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioFakeServer, studio_fake_server_free)

G_END_DECLS
