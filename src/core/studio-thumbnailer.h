/* studio-thumbnailer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_THUMBNAILER (studio_thumbnailer_get_type ())

G_DECLARE_FINAL_TYPE (StudioThumbnailer, studio_thumbnailer, STUDIO, THUMBNAILER, GObject)

/* Makes what is kept of a thumbnail, in a worker thread; transfer full. */
typedef GObject *(*StudioThumbnailerWrapFunc) (GdkPixbuf *pixbuf);

StudioThumbnailer *studio_thumbnailer_new         (guint                size,
                                                   guint                max_cached,
                                                   const char          *cache_dir);
guint              studio_thumbnailer_get_size    (StudioThumbnailer   *self);
void               studio_thumbnailer_set_wrap_func (StudioThumbnailer *self,
                                                   StudioThumbnailerWrapFunc wrap);
gpointer           studio_thumbnailer_lookup      (StudioThumbnailer   *self,
                                                   const char          *path);
void               studio_thumbnailer_load_async  (StudioThumbnailer   *self,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gpointer           studio_thumbnailer_load_finish (StudioThumbnailer   *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
guint              studio_thumbnailer_get_n_cached (StudioThumbnailer  *self);

G_END_DECLS
