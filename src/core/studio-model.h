/* studio-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * StudioModelKind:
 * @STUDIO_MODEL_KIND_OTHER: embeddings, moderation, realtime and the like
 * @STUDIO_MODEL_KIND_CHAT: takes chat completions
 * @STUDIO_MODEL_KIND_IMAGE: generates or edits images
 * @STUDIO_MODEL_KIND_TRANSCRIPTION: turns speech into text
 * @STUDIO_MODEL_KIND_SPEECH: turns text into speech
 *
 * Which workspace a model belongs to.
 */
typedef enum
{
  STUDIO_MODEL_KIND_OTHER,
  STUDIO_MODEL_KIND_CHAT,
  STUDIO_MODEL_KIND_IMAGE,
  STUDIO_MODEL_KIND_TRANSCRIPTION,
  STUDIO_MODEL_KIND_SPEECH,
} StudioModelKind;

#define STUDIO_TYPE_MODEL (studio_model_get_type ())

G_DECLARE_FINAL_TYPE (StudioModel, studio_model, STUDIO, MODEL, GObject)

StudioModel     *studio_model_new                 (const char  *id,
                                                   const char  *owned_by,
                                                   gint64       created,
                                                   const char  *shutdown_date,
                                                   JsonObject  *family);
const char      *studio_model_get_id              (StudioModel *self);
const char      *studio_model_get_owned_by        (StudioModel *self);
gint64           studio_model_get_created         (StudioModel *self);
const char      *studio_model_get_shutdown_date   (StudioModel *self);
StudioModelKind  studio_model_get_kind            (StudioModel *self);
const char      *studio_model_get_family          (StudioModel *self);
gboolean         studio_model_get_known           (StudioModel *self);
gboolean         studio_model_has_capability      (StudioModel *self,
                                                   const char  *capability);
gboolean         studio_model_accepts_parameter   (StudioModel *self,
                                                   const char  *name);
JsonObject      *studio_model_get_parameter       (StudioModel *self,
                                                   const char  *name);
GList           *studio_model_list_parameters     (StudioModel *self);
const char      *studio_model_get_system_role     (StudioModel *self);
gboolean         studio_model_has_endpoint        (StudioModel *self,
                                                   const char  *endpoint);
gint64           studio_model_get_prompt_max_chars (StudioModel *self);
JsonObject      *studio_model_get_edit_rules      (StudioModel *self);
StudioModelKind  studio_model_kind_from_string    (const char  *kind);

G_END_DECLS
