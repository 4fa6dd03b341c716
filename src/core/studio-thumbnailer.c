/* studio-thumbnailer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-thumbnailer"

#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-thumbnailer.h"

/* Small pictures of the gallery's images, made off the main thread. An
 * image is read and scaled while it is decoded (the loader is told the
 * size it should produce), in a pool of two low-priority threads shared
 * by the whole process: the main thread needs a core to draw, and a fast
 * scroll asks for far more thumbnails than anyone looks at. A load whose
 * cancellable fires before a thread takes it up never touches the file.
 *
 * Thumbnails are kept twice: the most recently used ones in memory, keyed
 * by path, so that a tile scrolled back into view shows at once; and, with
 * a cache folder, as PNG files named by a hash of the path, the file's
 * modification time and size and the thumbnail size, so that reopening
 * the gallery does not decode every image again, and an image replaced in
 * place is never shown stale.
 */

#define READ_PIECE (64 * 1024)   /* cancellable between pieces */

typedef struct
{
  char    *path;
  GObject *thumbnail;   /* a GdkPixbuf, or what the wrap function made */
} CacheEntry;

struct _StudioThumbnailer
{
  GObject     parent_instance;

  /* Owned references */
  char       *cache_dir;

  /* The memory cache, used from the workers and the main thread alike. */
  GMutex      lock;
  GQueue      lru;       /* CacheEntry, the most recently used first */
  GHashTable *entries;   /* path → GList link in lru */

  guint       size;
  guint       max_cached;

  StudioThumbnailerWrapFunc wrap;   /* set before the first load */
};

G_DEFINE_FINAL_TYPE (StudioThumbnailer, studio_thumbnailer, G_TYPE_OBJECT)

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->path);
  g_clear_object (&entry->thumbnail);
  g_free (entry);
}

/* What the memory cache lets go of is let go of on the main thread: a
 * texture a renderer has drawn may only be finalized there.
 */
static gboolean
free_entries_idle (gpointer user_data)
{
  g_list_free_full (user_data, (GDestroyNotify) cache_entry_free);
  return G_SOURCE_REMOVE;
}

/* The memory cache -------------------------------------------------------- */

static GObject *
studio_thumbnailer_lookup_locked (StudioThumbnailer *self,
                                  const char        *path)
{
  GList *link = g_hash_table_lookup (self->entries, path);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return g_object_ref (((CacheEntry *) link->data)->thumbnail);
}

static void
studio_thumbnailer_remember (StudioThumbnailer *self,
                             const char        *path,
                             GObject           *thumbnail)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GList *link = g_hash_table_lookup (self->entries, path);
  GList *evicted = NULL;
  CacheEntry *entry;

  if (self->max_cached == 0)
    return;

  if (link != NULL)
    {
      entry = g_new0 (CacheEntry, 1);
      entry->thumbnail = g_steal_pointer (&((CacheEntry *) link->data)->thumbnail);
      evicted = g_list_prepend (evicted, entry);
      entry = link->data;
      entry->thumbnail = g_object_ref (thumbnail);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
  else
    {
      entry = g_new0 (CacheEntry, 1);
      entry->path = g_strdup (path);
      entry->thumbnail = g_object_ref (thumbnail);
      g_queue_push_head (&self->lru, entry);
      g_hash_table_insert (self->entries, entry->path, self->lru.head);
    }

  while (self->lru.length > self->max_cached)
    {
      CacheEntry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->entries, oldest->path);
      evicted = g_list_prepend (evicted, oldest);
    }

  if (evicted != NULL)
    g_idle_add_full (G_PRIORITY_LOW, free_entries_idle, evicted, NULL);
}

/* Decoding ---------------------------------------------------------------- */

typedef struct
{
  char  *path;
  guint  size;
  char  *cache_dir;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->cache_dir);
  g_free (data);
}

/* What the loader saw of one image. */
typedef struct
{
  guint    size;
  gboolean scales;   /* the loader scales while decoding */
  int      bottom;   /* how far down rows were decoded */
} Decoding;

static void
scaled_size (guint  size,
             int    width,
             int    height,
             int   *scaled_width,
             int   *scaled_height)
{
  double scale = (double) size / MAX (width, height);

  *scaled_width = MAX (1, (int) (width * scale + 0.5));
  *scaled_height = MAX (1, (int) (height * scale + 0.5));
}

/* JPEG decodes at a fraction of its size for almost nothing, so the
 * loader is told the size it should produce. Other formats decode whole
 * anyway; they are scaled afterwards, once it is known that every row
 * arrived (gdk-pixbuf takes a cut-off PNG without a word).
 */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Decoding *decoding = user_data;
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);
  g_autofree char *name = format ? gdk_pixbuf_format_get_name (format) : NULL;
  int scaled_width, scaled_height;

  if (g_strcmp0 (name, "jpeg") != 0 || width <= 0 || height <= 0 ||
      ((guint) width <= decoding->size && (guint) height <= decoding->size))
    return;

  scaled_size (decoding->size, width, height, &scaled_width, &scaled_height);
  gdk_pixbuf_loader_set_size (loader, scaled_width, scaled_height);
  decoding->scales = TRUE;
}

static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 gpointer         user_data)
{
  Decoding *decoding = user_data;

  decoding->bottom = MAX (decoding->bottom, y + height);
}

static void
set_unreadable (GError     **error,
                const char  *path,
                const char  *reason)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
               _("“%s” is not an image that can be shown (%s)."), name, reason);
}

/* Reads @path in pieces into a loader that scales it as it decodes. */
static GdkPixbuf *
decode_scaled (const char    *path,
               guint          size,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (READ_PIECE);
  Decoding decoding = { size, FALSE, 0 };
  GdkPixbuf *pixbuf;
  g_autoptr(GdkPixbuf) oriented = NULL;
  int width, height;
  gssize n_read;

  if (!(stream = g_file_read (file, cancellable, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &decoding);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), &decoding);

  while ((n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_PIECE,
                                        cancellable, &local_error)) > 0)
    {
      if (!gdk_pixbuf_loader_write (loader, buffer, n_read, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      if (local_error->domain == GDK_PIXBUF_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unreadable (error, path, local_error->message);
      return NULL;
    }

  if (!gdk_pixbuf_loader_close (loader, &local_error))
    {
      if (local_error != NULL && local_error->domain == GDK_PIXBUF_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unreadable (error, path, local_error ? local_error->message : "no image data");
      return NULL;
    }

  if ((pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    {
      set_unreadable (error, path, "no image data");
      return NULL;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (!decoding.scales && decoding.bottom < height)
    {
      set_unreadable (error, path, "the file ends early");
      return NULL;
    }

  /* A photo taken sideways says so in its EXIF data. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);
  if ((guint) width > size || (guint) height > size)
    {
      int scaled_width, scaled_height;

      scaled_size (size, width, height, &scaled_width, &scaled_height);
      return gdk_pixbuf_scale_simple (oriented, scaled_width, scaled_height,
                                      GDK_INTERP_BILINEAR);
    }

  return g_steal_pointer (&oriented);
}

/* The disk cache's file for @path as it is now, or %NULL without one. */
static char *
cache_file_for (const LoadData *data,
                GStatBuf       *info)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (data->cache_dir == NULL)
    return NULL;

  key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n%u", data->path,
                         (gint64) info->st_mtime, (gint64) info->st_size, data->size);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (hash, ".png", NULL);

  return g_build_filename (data->cache_dir, name, NULL);
}

/* Writes the thumbnail next to its final name first, so that a reader
 * never sees half a file; a cache that cannot be written is only slower.
 */
static void
cache_save (const char *cache_file,
            GdkPixbuf  *pixbuf)
{
  g_autofree char *dir = g_path_get_dirname (cache_file);
  g_autofree char *temporary = g_strdup_printf ("%s.%08x.tmp", cache_file, g_random_int ());
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("Could not make %s: %s", dir, g_strerror (errno));
      return;
    }

  if (!gdk_pixbuf_save (pixbuf, temporary, "png", &error, NULL) ||
      g_rename (temporary, cache_file) != 0)
    {
      g_debug ("Could not write the thumbnail %s: %s", cache_file,
               error ? error->message : g_strerror (errno));
      g_unlink (temporary);
    }
}

static GdkPixbuf *
load_thumbnail (const LoadData  *data,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autofree char *cache_file = NULL;
  GdkPixbuf *pixbuf;
  GStatBuf info;

  if (g_stat (data->path, &info) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (data->path);

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("The image file “%s” is missing."), name);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Could not read the image file “%s”: %s"), name,
                     g_strerror (saved_errno));
      return NULL;
    }

  if (!S_ISREG (info.st_mode))
    {
      set_unreadable (error, data->path, "not a regular file");
      return NULL;
    }

  if ((cache_file = cache_file_for (data, &info)) != NULL &&
      (pixbuf = gdk_pixbuf_new_from_file (cache_file, NULL)) != NULL)
    return pixbuf;

  if ((pixbuf = decode_scaled (data->path, data->size, cancellable, error)) == NULL)
    return NULL;

  if (cache_file != NULL)
    cache_save (cache_file, pixbuf);

  return pixbuf;
}

/* One of the pool's threads, with a GTask to run. */
static void
load_worker (gpointer job,
             gpointer pool_data)
{
  g_autoptr(GTask) task = job;
  StudioThumbnailer *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  static GPrivate niced;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GObject *thumbnail;

#ifdef __linux__
  /* The pool's threads are its own: behind the main thread, whatever
   * they decode, so that scrolling never waits for a thumbnail.
   */
  if (g_private_get (&niced) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_private_set (&niced, GINT_TO_POINTER (1));
    }
#endif

  if (g_task_return_error_if_cancelled (task))
    return;

  if ((pixbuf = load_thumbnail (data, g_task_get_cancellable (task), &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A texture made here, off the main thread, so that showing it there
   * is only setting a pointer.
   */
  thumbnail = self->wrap ? self->wrap (pixbuf) : G_OBJECT (g_object_ref (pixbuf));
  studio_thumbnailer_remember (self, data->path, thumbnail);
  g_task_return_pointer (task, thumbnail, g_object_unref);
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      g_autoptr(GError) error = NULL;
      GThreadPool *created = g_thread_pool_new (load_worker, NULL, 2, TRUE, &error);

      /* Exclusive, so that the threads' lower priority stays with them. */
      if (created == NULL)
        g_error ("Could not start the thumbnail threads: %s", error->message);
      g_once_init_leave (&pool, created);
    }

  return pool;
}

/* The object -------------------------------------------------------------- */

static void
studio_thumbnailer_finalize (GObject *object)
{
  StudioThumbnailer *self = (StudioThumbnailer *) object;

  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (studio_thumbnailer_parent_class)->finalize (object);
}

static void
studio_thumbnailer_class_init (StudioThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_thumbnailer_finalize;
}

static void
studio_thumbnailer_init (StudioThumbnailer *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->lru);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * studio_thumbnailer_new:
 * @size: the longest side of a thumbnail, in pixels; smaller images keep
 *   their size
 * @max_cached: how many thumbnails to keep in memory at most
 * @cache_dir: (nullable): a folder for thumbnails kept between runs, made
 *   when needed; %NULL for none
 *
 * Returns: (transfer full): a new thumbnailer
 */
StudioThumbnailer *
studio_thumbnailer_new (guint       size,
                        guint       max_cached,
                        const char *cache_dir)
{
  StudioThumbnailer *self;

  g_return_val_if_fail (size > 0, NULL);

  self = g_object_new (STUDIO_TYPE_THUMBNAILER, NULL);
  self->size = size;
  self->max_cached = max_cached;
  self->cache_dir = g_strdup (cache_dir);

  return self;
}

/**
 * studio_thumbnailer_set_wrap_func:
 * @self: a thumbnailer
 * @wrap: (nullable): makes what is kept and returned of a thumbnail, in a
 *   worker thread: e.g. a GdkTexture, so that showing it costs nothing
 *
 * Call before the first load. Without one, thumbnails are #GdkPixbufs.
 */
void
studio_thumbnailer_set_wrap_func (StudioThumbnailer         *self,
                                  StudioThumbnailerWrapFunc  wrap)
{
  g_return_if_fail (STUDIO_IS_THUMBNAILER (self));

  self->wrap = wrap;
}

/**
 * studio_thumbnailer_get_size:
 *
 * Returns: the longest side of a thumbnail, in pixels
 */
guint
studio_thumbnailer_get_size (StudioThumbnailer *self)
{
  g_return_val_if_fail (STUDIO_IS_THUMBNAILER (self), 0);

  return self->size;
}

/**
 * studio_thumbnailer_lookup:
 * @self: a thumbnailer
 * @path: an image file
 *
 * Looks in memory only, without touching the disk, and marks the
 * thumbnail as just used.
 *
 * Returns: (transfer full) (nullable) (type GObject): the thumbnail of
 *   @path (see studio_thumbnailer_set_wrap_func()), if it is in memory
 */
gpointer
studio_thumbnailer_lookup (StudioThumbnailer *self,
                           const char        *path)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STUDIO_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);

  return studio_thumbnailer_lookup_locked (self, path);
}

/**
 * studio_thumbnailer_load_async:
 * @self: a thumbnailer
 * @path: an image file
 * @cancellable: (nullable): a cancellable
 * @callback: called with the thumbnail; see studio_thumbnailer_load_finish()
 * @user_data: for @callback
 *
 * Makes the thumbnail of @path in a worker, or reads it from the disk
 * cache, and keeps it in memory.
 */
void
studio_thumbnailer_load_async (StudioThumbnailer   *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (STUDIO_IS_THUMBNAILER (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, studio_thumbnailer_load_async);
  g_task_set_name (task, "[studio] thumbnail");

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->size = self->size;
  data->cache_dir = g_strdup (self->cache_dir);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  g_thread_pool_push (get_pool (), g_steal_pointer (&task), NULL);
}

/**
 * studio_thumbnailer_load_finish:
 *
 * Returns: (transfer full) (type GObject): the thumbnail (a #GdkPixbuf, or
 *   what the wrap function made of one), or %NULL with @error set:
 *   %G_IO_ERROR_NOT_FOUND for a file that is gone, a %GDK_PIXBUF_ERROR for
 *   one that is not an image, %G_IO_ERROR_CANCELLED
 */
gpointer
studio_thumbnailer_load_finish (StudioThumbnailer  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (STUDIO_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * studio_thumbnailer_get_n_cached:
 *
 * Returns: how many thumbnails are in memory
 */
guint
studio_thumbnailer_get_n_cached (StudioThumbnailer *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (STUDIO_IS_THUMBNAILER (self), 0);

  locker = g_mutex_locker_new (&self->lock);

  return self->lru.length;
}
