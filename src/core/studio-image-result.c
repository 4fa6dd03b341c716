/* studio-image-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-result"

#include "config.h"

#include "studio-image-result.h"
#include "studio-json.h"
#include "studio-mime.h"
#include "studio-utils.h"

/* One image an image request answered with: its decoded bytes (or, for
 * dall-e with response_format "url", the URL to download it from, valid
 * for an hour) and what the server said about it. A partial image of a
 * stream is a result too, marked partial with its index, until the final
 * image replaces it. The details are kept as free strings: the spec's
 * enums list only the standard sizes, and gpt-image-2 answers with any.
 */
struct _StudioImageResult
{
  GObject           parent_instance;

  /* Owned references */
  GBytes           *bytes;
  char             *url;
  char             *mime_type;
  char             *revised_prompt;
  char             *size;
  char             *quality;
  char             *background;
  char             *output_format;

  gint64            created;
  StudioImageUsage  usage;
  int               partial_index;   /* -1 for a final image */
};

G_DEFINE_FINAL_TYPE (StudioImageResult, studio_image_result, G_TYPE_OBJECT)

/**
 * studio_image_usage_clear:
 *
 * Sets every count to -1, "not sent".
 */
void
studio_image_usage_clear (StudioImageUsage *usage)
{
  g_return_if_fail (usage != NULL);

  usage->input_tokens = usage->input_text_tokens = usage->input_image_tokens = -1;
  usage->output_tokens = usage->output_text_tokens = usage->output_image_tokens = -1;
  usage->total_tokens = -1;
}

static gint64
get_count (JsonObject *object,
           const char *member)
{
  gint64 value = studio_json_get_int (object, member, -1);

  return value >= 0 ? value : -1;
}

/**
 * studio_image_usage_parse:
 * @usage: the usage to fill
 * @object: (nullable): an `ImagesUsage` or `ImageGenUsage` object
 *
 * Returns: whether @object had any count; @usage is cleared first
 */
gboolean
studio_image_usage_parse (StudioImageUsage *usage,
                          JsonObject       *object)
{
  JsonObject *input, *output;

  g_return_val_if_fail (usage != NULL, FALSE);

  studio_image_usage_clear (usage);
  if (object == NULL)
    return FALSE;

  input = studio_json_get_object (object, "input_tokens_details");
  output = studio_json_get_object (object, "output_tokens_details");
  usage->input_tokens = get_count (object, "input_tokens");
  usage->input_text_tokens = get_count (input, "text_tokens");
  usage->input_image_tokens = get_count (input, "image_tokens");
  usage->output_tokens = get_count (object, "output_tokens");
  usage->output_text_tokens = get_count (output, "text_tokens");
  usage->output_image_tokens = get_count (output, "image_tokens");
  usage->total_tokens = get_count (object, "total_tokens");

  return usage->input_tokens >= 0 || usage->output_tokens >= 0 || usage->total_tokens >= 0;
}

static void
add_count (gint64 *count,
           gint64  other)
{
  if (other < 0)
    return;
  *count = (*count < 0 ? 0 : *count) + MIN (other, G_MAXINT64 / 4);
}

/**
 * studio_image_usage_add:
 * @usage: a usage
 * @other: another, added to @usage; counts it lacks leave @usage's alone
 */
void
studio_image_usage_add (StudioImageUsage       *usage,
                        const StudioImageUsage *other)
{
  g_return_if_fail (usage != NULL);
  g_return_if_fail (other != NULL);

  add_count (&usage->input_tokens, other->input_tokens);
  add_count (&usage->input_text_tokens, other->input_text_tokens);
  add_count (&usage->input_image_tokens, other->input_image_tokens);
  add_count (&usage->output_tokens, other->output_tokens);
  add_count (&usage->output_text_tokens, other->output_text_tokens);
  add_count (&usage->output_image_tokens, other->output_image_tokens);
  add_count (&usage->total_tokens, other->total_tokens);
}

static void
studio_image_result_finalize (GObject *object)
{
  StudioImageResult *self = (StudioImageResult *) object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->revised_prompt, g_free);
  g_clear_pointer (&self->size, g_free);
  g_clear_pointer (&self->quality, g_free);
  g_clear_pointer (&self->background, g_free);
  g_clear_pointer (&self->output_format, g_free);

  G_OBJECT_CLASS (studio_image_result_parent_class)->finalize (object);
}

static void
studio_image_result_class_init (StudioImageResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_image_result_finalize;
}

static void
studio_image_result_init (StudioImageResult *self)
{
  self->partial_index = -1;
  studio_image_usage_clear (&self->usage);
}

/**
 * studio_image_result_new:
 * @bytes: (nullable): the decoded image
 * @url: (nullable): where to download it, when @bytes is %NULL
 *
 * Returns: (transfer full): a new final result without details
 */
StudioImageResult *
studio_image_result_new (GBytes     *bytes,
                         const char *url)
{
  StudioImageResult *self;

  g_return_val_if_fail ((bytes == NULL) != (url == NULL), NULL);

  self = g_object_new (STUDIO_TYPE_IMAGE_RESULT, NULL);
  self->url = g_strdup (url);
  if (bytes != NULL)
    {
      self->bytes = g_bytes_ref (bytes);
      self->mime_type = studio_mime_sniff_bytes (g_bytes_get_data (bytes, NULL),
                                                 MIN (g_bytes_get_size (bytes),
                                                      STUDIO_MIME_SNIFF_BYTES));
    }

  return self;
}

static void
take_string (char       **field,
             JsonObject  *details,
             const char  *member)
{
  const char *value = studio_json_get_string (details, member);

  if (value != NULL)
    studio_set_str (field, value);
}

/**
 * studio_image_result_set_details:
 * @self: a result
 * @details: an `Image` of an `ImagesResponse`, the response itself, or a
 *   streamed event
 *
 * Takes what @details says: revised_prompt, size, quality, background,
 * output_format, created or created_at (not usage, which may be the whole
 * request's: see studio_image_result_set_usage()). Members @details lacks
 * keep their values, so a response's details can be given before each
 * image's own.
 */
void
studio_image_result_set_details (StudioImageResult *self,
                                 JsonObject        *details)
{
  gint64 created;

  g_return_if_fail (STUDIO_IS_IMAGE_RESULT (self));
  g_return_if_fail (details != NULL);

  take_string (&self->revised_prompt, details, "revised_prompt");
  take_string (&self->size, details, "size");
  take_string (&self->quality, details, "quality");
  take_string (&self->background, details, "background");
  take_string (&self->output_format, details, "output_format");

  if ((created = studio_json_get_int (details, "created_at", -1)) >= 0 ||
      (created = studio_json_get_int (details, "created", -1)) >= 0)
    self->created = created;
}

/**
 * studio_image_result_set_usage:
 * @self: a result
 * @usage: what making this one image cost
 */
void
studio_image_result_set_usage (StudioImageResult      *self,
                               const StudioImageUsage *usage)
{
  g_return_if_fail (STUDIO_IS_IMAGE_RESULT (self));
  g_return_if_fail (usage != NULL);

  self->usage = *usage;
}

/**
 * studio_image_result_set_partial:
 * @self: a result
 * @index: the event's partial_image_index, from 0
 */
void
studio_image_result_set_partial (StudioImageResult *self,
                                 int                index)
{
  g_return_if_fail (STUDIO_IS_IMAGE_RESULT (self));
  g_return_if_fail (index >= 0);

  self->partial_index = index;
}

/**
 * studio_image_result_get_bytes:
 *
 * Returns: (transfer none) (nullable): the image's bytes, %NULL for a URL
 *   result that is not downloaded
 */
GBytes *
studio_image_result_get_bytes (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->bytes;
}

/**
 * studio_image_result_get_url:
 *
 * Returns: (nullable): where to download the image
 */
const char *
studio_image_result_get_url (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->url;
}

/**
 * studio_image_result_get_mime_type:
 *
 * Returns: (nullable): the type sniffed from the bytes
 */
const char *
studio_image_result_get_mime_type (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->mime_type;
}

gboolean
studio_image_result_get_partial (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), FALSE);

  return self->partial_index >= 0;
}

/**
 * studio_image_result_get_partial_index:
 *
 * Returns: the partial_image_index, or -1 for a final image
 */
int
studio_image_result_get_partial_index (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), -1);

  return self->partial_index;
}

const char *
studio_image_result_get_revised_prompt (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->revised_prompt;
}

/**
 * studio_image_result_get_size:
 *
 * Returns: (nullable): the size the server reported, as it wrote it
 */
const char *
studio_image_result_get_size (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->size;
}

const char *
studio_image_result_get_quality (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->quality;
}

const char *
studio_image_result_get_background (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->background;
}

const char *
studio_image_result_get_output_format (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return self->output_format;
}

/**
 * studio_image_result_get_created:
 *
 * Returns: when the server made it, Unix seconds, or 0 if it did not say
 */
gint64
studio_image_result_get_created (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), 0);

  return self->created;
}

/**
 * studio_image_result_get_usage:
 *
 * Returns: the usage of the event that brought this image (a completed
 *   stream event); all -1 otherwise, see studio_image_stream_get_usage()
 */
const StudioImageUsage *
studio_image_result_get_usage (StudioImageResult *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_RESULT (self), NULL);

  return &self->usage;
}
