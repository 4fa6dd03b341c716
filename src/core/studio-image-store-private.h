/* studio-image-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-image-record.h"
#include "studio-image-store.h"

G_BEGIN_DECLS

/* A record's fields, filled by the store from a row or a saved result. */
struct _StudioImageRecord
{
  GObject           parent_instance;

  /* Owned references */
  char             *endpoint;
  char             *model;
  char             *prompt;
  char             *revised_prompt;
  JsonObject       *options;   /* every option sent */
  JsonObject       *details;   /* what the server said: size, quality, … */
  JsonArray        *sources;   /* [{"image_id": n} or {"name": "photo.png"}] */
  char             *url;
  char             *path;      /* relative to the images folder */
  char             *file;      /* absolute */
  char             *mime_type;

  gint64            id;
  gint64            created;   /* µs since the epoch, like the history */
  gint64            parent_id;
  gint64            file_size;
  StudioImageUsage  usage;
  double            cost;      /* negative: not known */
  StudioImageState  state;
  guint             width;
  guint             height;
  guint             missing : 1;
};

/* The store's fields and what its two halves (studio-image-store.c writes,
 * studio-image-store-query.c reads) share.
 */
struct _StudioImageStore
{
  GObject        parent_instance;

  /* Owned references */
  StudioHistory *history;
  char          *folder;
  GHashTable    *writing;        /* temporary files being written, under writing_lock */

  GMutex         writing_lock;
};

typedef struct
{
  StudioImageRecord *record;   /* to save, the task's own copy */
  GBytes            *bytes;
  char              *text;
  gint64             id;
  guint              offset;
  guint              limit;
  int                kind;
} StudioImageStoreTask;

void                studio_image_store_task_data_free (StudioImageStoreTask *data);
void                studio_image_store_run_task       (StudioImageStore     *self,
                                                       gpointer              source_tag,
                                                       StudioImageStoreTask *data,
                                                       GTaskThreadFunc       func,
                                                       gboolean              report_done,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            studio_image_store_set_not_found  (GError              **error);
StudioImageRecord  *studio_image_store_get_record     (StudioImageStore     *self,
                                                       gint64                id,
                                                       GError              **error);

/* In studio-image-store-file.c: writing an image's file. */

/**
 * StudioImageFile:
 * @path: the final file's name, relative to the folder
 * @size: its size in bytes
 * @width: its width in pixels, 0 when it cannot be read
 * @height: its height
 */
typedef struct
{
  char   *path;
  gint64  size;
  guint   width;
  guint   height;
} StudioImageFile;

void      studio_image_file_clear       (StudioImageFile   *file);
gboolean  studio_image_file_write       (StudioImageFile   *file,
                                         const char        *folder,
                                         GBytes            *bytes,
                                         const char        *mime_type,
                                         StudioImageRecord *record,
                                         GHashTable        *writing,
                                         GMutex            *writing_lock,
                                         GCancellable      *cancellable,
                                         GError           **error);
gboolean  studio_image_file_is_temporary (const char       *name);

G_END_DECLS
