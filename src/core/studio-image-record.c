/* studio-image-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-store"

#include "config.h"

#include "studio-image-request.h"
#include "studio-image-store-private.h"

/* One image of the gallery as the store keeps it: what was asked (endpoint,
 * model, prompt, every option, sources, parent) and what came back (revised
 * prompt, details, usage, the file). The caller makes one with what it sent
 * and hands it to studio_image_store_save_async(); the store answers with
 * new records, filled from the row, which are not changed afterwards and so
 * can be read from any thread.
 */

G_DEFINE_FINAL_TYPE (StudioImageRecord, studio_image_record, G_TYPE_OBJECT)

static const char *state_names[] = {
  [STUDIO_IMAGE_STATE_COMPLETE] = "complete",
  [STUDIO_IMAGE_STATE_PARTIAL] = "partial",
  [STUDIO_IMAGE_STATE_DOWNLOAD_FAILED] = "download-failed",
};

/**
 * studio_image_state_to_string:
 *
 * Returns: the name kept in the database: "complete", "partial" or
 *   "download-failed"
 */
const char *
studio_image_state_to_string (StudioImageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
studio_image_state_from_string (const char       *text,
                                StudioImageState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_str_equal (text, state_names[i]))
        {
          *state = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
studio_image_record_finalize (GObject *object)
{
  StudioImageRecord *self = (StudioImageRecord *) object;

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->prompt, g_free);
  g_clear_pointer (&self->revised_prompt, g_free);
  g_clear_pointer (&self->options, json_object_unref);
  g_clear_pointer (&self->details, json_object_unref);
  g_clear_pointer (&self->sources, json_array_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->mime_type, g_free);

  G_OBJECT_CLASS (studio_image_record_parent_class)->finalize (object);
}

static void
studio_image_record_class_init (StudioImageRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_image_record_finalize;
}

static void
studio_image_record_init (StudioImageRecord *self)
{
  self->options = json_object_new ();
  self->details = json_object_new ();
  self->sources = json_array_new ();
  self->cost = -1;
  studio_image_usage_clear (&self->usage);
}

/**
 * studio_image_record_new:
 * @endpoint: %STUDIO_IMAGE_ENDPOINT_GENERATIONS, _EDITS or _VARIATIONS
 * @model: (nullable): the model asked
 * @prompt: (nullable): the prompt sent; variations have none
 *
 * Returns: (transfer full): a record of a request, to save its results with
 */
StudioImageRecord *
studio_image_record_new (const char *endpoint,
                         const char *model,
                         const char *prompt)
{
  StudioImageRecord *self;

  g_return_val_if_fail (g_strcmp0 (endpoint, STUDIO_IMAGE_ENDPOINT_GENERATIONS) == 0 ||
                        g_strcmp0 (endpoint, STUDIO_IMAGE_ENDPOINT_EDITS) == 0 ||
                        g_strcmp0 (endpoint, STUDIO_IMAGE_ENDPOINT_VARIATIONS) == 0, NULL);

  self = g_object_new (STUDIO_TYPE_IMAGE_RECORD, NULL);
  self->endpoint = g_strdup (endpoint);
  self->model = g_strdup (model);
  self->prompt = g_strdup (prompt ? prompt : "");

  return self;
}

/**
 * studio_image_record_set_options:
 * @options: every option sent with the request, as in its body
 */
void
studio_image_record_set_options (StudioImageRecord *self,
                                 JsonObject        *options)
{
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (self));
  g_return_if_fail (options != NULL);

  json_object_ref (options);
  g_clear_pointer (&self->options, json_object_unref);
  self->options = options;
}

/**
 * studio_image_record_set_cost:
 * @cost: what the image cost in dollars, or a negative number when that
 *   is not known
 */
void
studio_image_record_set_cost (StudioImageRecord *self,
                              double             cost)
{
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (self));

  self->cost = cost < 0 ? -1 : cost;
}

/**
 * studio_image_record_set_parent_id:
 * @parent_id: the gallery image this one came from (edited, varied or
 *   regenerated), or 0
 */
void
studio_image_record_set_parent_id (StudioImageRecord *self,
                                   gint64             parent_id)
{
  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (self));
  g_return_if_fail (parent_id >= 0);

  self->parent_id = parent_id;
}

/**
 * studio_image_record_add_source:
 * @image_id: the gallery image used as a source, or 0 for a file
 * @name: (nullable): the file's name, for one from outside the gallery
 *
 * Sources are kept in the order added, as they were sent.
 */
void
studio_image_record_add_source (StudioImageRecord *self,
                                gint64             image_id,
                                const char        *name)
{
  JsonObject *source;

  g_return_if_fail (STUDIO_IS_IMAGE_RECORD (self));
  g_return_if_fail (image_id > 0 || name != NULL);

  source = json_object_new ();
  if (image_id > 0)
    json_object_set_int_member (source, "image_id", image_id);
  if (name != NULL)
    json_object_set_string_member (source, "name", name);
  json_array_add_object_element (self->sources, source);
}

/**
 * studio_image_record_get_id:
 *
 * Returns: the row's id, 0 for a record not stored
 */
gint64
studio_image_record_get_id (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), 0);

  return self->id;
}

/**
 * studio_image_record_get_created:
 *
 * Returns: when it was stored, in microseconds since the epoch
 */
gint64
studio_image_record_get_created (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), 0);

  return self->created;
}

const char *
studio_image_record_get_endpoint (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->endpoint;
}

const char *
studio_image_record_get_model (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->model;
}

const char *
studio_image_record_get_prompt (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->prompt;
}

const char *
studio_image_record_get_revised_prompt (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->revised_prompt;
}

/**
 * studio_image_record_get_options:
 *
 * Returns: (transfer none): every option sent
 */
JsonObject *
studio_image_record_get_options (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->options;
}

/**
 * studio_image_record_get_details:
 *
 * Returns: (transfer none): what the server reported about the image:
 *   size, quality, background, output_format, created (each when it said)
 */
JsonObject *
studio_image_record_get_details (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->details;
}

const StudioImageUsage *
studio_image_record_get_usage (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return &self->usage;
}

/**
 * studio_image_record_get_cost:
 * @cost: (out) (optional): the cost in dollars
 *
 * Returns: whether the cost is known
 */
gboolean
studio_image_record_get_cost (StudioImageRecord *self,
                              double            *cost)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), FALSE);

  if (cost != NULL)
    *cost = MAX (self->cost, 0);
  return self->cost >= 0;
}

gint64
studio_image_record_get_parent_id (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), 0);

  return self->parent_id;
}

/**
 * studio_image_record_get_sources:
 *
 * Returns: (transfer none): the sources sent, each an object with
 *   "image_id" (a gallery image) or "name" (a file)
 */
JsonArray *
studio_image_record_get_sources (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->sources;
}

StudioImageState
studio_image_record_get_state (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), STUDIO_IMAGE_STATE_COMPLETE);

  return self->state;
}

/**
 * studio_image_record_get_url:
 *
 * Returns: (nullable): where the server offered the image, for a URL result
 */
const char *
studio_image_record_get_url (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->url;
}

/**
 * studio_image_record_get_path:
 *
 * Returns: (nullable): the file's name relative to the images folder, %NULL
 *   while there is no file
 */
const char *
studio_image_record_get_path (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->path;
}

/**
 * studio_image_record_get_file:
 *
 * Returns: (nullable): the file's absolute path, %NULL while there is none
 */
const char *
studio_image_record_get_file (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->file;
}

const char *
studio_image_record_get_mime_type (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), NULL);

  return self->mime_type;
}

guint
studio_image_record_get_width (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), 0);

  return self->width;
}

guint
studio_image_record_get_height (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), 0);

  return self->height;
}

/**
 * studio_image_record_get_missing:
 *
 * Returns: whether the record has a file that is gone or not the size it
 *   was written with, when it was read from the store
 */
gboolean
studio_image_record_get_missing (StudioImageRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RECORD (self), FALSE);

  return self->missing;
}
