/* studio-transcript-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcript-store"

#include "config.h"

#include "studio-transcript-record.h"
#include "studio-utils.h"

/* One transcript as the store keeps it: the audio (the app's own copy, in
 * the transcripts folder), what was asked (model, every option) and what
 * came back (the transcript, its pieces, usage and cost), with its state.
 * Every column of the `transcripts` table has a property here. JSON columns
 * are kept as the text written, so a record can be copied to a worker
 * without sharing json-glib's non-atomic references.
 *
 * The Transcribe page fills one and saves it as soon as the audio exists
 * (a recording is saved when it starts), then saves it again as the
 * transcription goes; the store sets its id on the first save.
 */

struct _StudioTranscriptRecord
{
  GObject                parent_instance;

  /* Owned references */
  char                  *title;
  char                  *source;
  char                  *original_name;
  char                  *audio_path;
  char                  *model;
  char                  *options;
  char                  *error;
  char                  *transcript;
  char                  *pieces;
  char                  *usage;
  char                  *text;

  gint64                 id;
  gint64                 created;       /* µs since the epoch, like the history */
  gint64                 updated;
  gint64                 audio_size;
  gint64                 duration_us;
  gint64                 deleted;       /* 0: not deleted */
  double                 cost;          /* negative: not known */
  StudioTranscriptState  state;
};

G_DEFINE_FINAL_TYPE (StudioTranscriptRecord, studio_transcript_record, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (StudioTranscriptState, studio_transcript_state,
  G_DEFINE_ENUM_VALUE (STUDIO_TRANSCRIPT_STATE_AUDIO, "audio"),
  G_DEFINE_ENUM_VALUE (STUDIO_TRANSCRIPT_STATE_TRANSCRIBING, "transcribing"),
  G_DEFINE_ENUM_VALUE (STUDIO_TRANSCRIPT_STATE_COMPLETE, "complete"),
  G_DEFINE_ENUM_VALUE (STUDIO_TRANSCRIPT_STATE_PARTIAL, "partial"),
  G_DEFINE_ENUM_VALUE (STUDIO_TRANSCRIPT_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_AUDIO_SIZE,
  PROP_DURATION_US,
  PROP_DELETED,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_ORIGINAL_NAME,
  PROP_AUDIO_PATH,
  PROP_MODEL,
  PROP_OPTIONS,
  PROP_ERROR,
  PROP_TRANSCRIPT,
  PROP_PIECES,
  PROP_USAGE,
  PROP_TEXT,
  PROP_COST,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * studio_transcript_state_to_string:
 *
 * Returns: the name kept in the database, such as "complete"
 */
const char *
studio_transcript_state_to_string (StudioTranscriptState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (STUDIO_TYPE_TRANSCRIPT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_return_val_if_fail (value != NULL, NULL);

  /* The class is static: its strings outlive the reference. */
  return value->value_nick;
}

/**
 * studio_transcript_state_from_string:
 * @text: (nullable): a name as studio_transcript_state_to_string() gives it
 * @state: (out): the place for the state
 *
 * Returns: whether @text names a state
 */
gboolean
studio_transcript_state_from_string (const char            *text,
                                     StudioTranscriptState *state)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (STUDIO_TYPE_TRANSCRIPT_STATE);
  if ((value = g_enum_get_value_by_nick (klass, text)) == NULL)
    return FALSE;

  *state = value->value;
  return TRUE;
}

static void
studio_transcript_record_finalize (GObject *object)
{
  StudioTranscriptRecord *self = (StudioTranscriptRecord *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->original_name, g_free);
  g_clear_pointer (&self->audio_path, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->options, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->transcript, g_free);
  g_clear_pointer (&self->pieces, g_free);
  g_clear_pointer (&self->usage, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (studio_transcript_record_parent_class)->finalize (object);
}

static void
studio_transcript_record_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StudioTranscriptRecord *self = STUDIO_TRANSCRIPT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;

    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;

    case PROP_AUDIO_SIZE:
      g_value_set_int64 (value, self->audio_size);
      break;

    case PROP_DURATION_US:
      g_value_set_int64 (value, self->duration_us);
      break;

    case PROP_DELETED:
      g_value_set_int64 (value, self->deleted);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_ORIGINAL_NAME:
      g_value_set_string (value, self->original_name);
      break;

    case PROP_AUDIO_PATH:
      g_value_set_string (value, self->audio_path);
      break;

    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;

    case PROP_OPTIONS:
      g_value_set_string (value, self->options);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_string (value, self->transcript);
      break;

    case PROP_PIECES:
      g_value_set_string (value, self->pieces);
      break;

    case PROP_USAGE:
      g_value_set_string (value, self->usage);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_COST:
      g_value_set_double (value, self->cost);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_record_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StudioTranscriptRecord *self = STUDIO_TRANSCRIPT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      studio_transcript_record_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED:
      studio_transcript_record_set_created (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED:
      studio_transcript_record_set_updated (self, g_value_get_int64 (value));
      break;

    case PROP_AUDIO_SIZE:
      studio_transcript_record_set_audio_size (self, g_value_get_int64 (value));
      break;

    case PROP_DURATION_US:
      studio_transcript_record_set_duration_us (self, g_value_get_int64 (value));
      break;

    case PROP_DELETED:
      studio_transcript_record_set_deleted (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      studio_transcript_record_set_title (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      studio_transcript_record_set_source (self, g_value_get_string (value));
      break;

    case PROP_ORIGINAL_NAME:
      studio_transcript_record_set_original_name (self, g_value_get_string (value));
      break;

    case PROP_AUDIO_PATH:
      studio_transcript_record_set_audio_path (self, g_value_get_string (value));
      break;

    case PROP_MODEL:
      studio_transcript_record_set_model (self, g_value_get_string (value));
      break;

    case PROP_OPTIONS:
      studio_transcript_record_set_options (self, g_value_get_string (value));
      break;

    case PROP_ERROR:
      studio_transcript_record_set_error (self, g_value_get_string (value));
      break;

    case PROP_TRANSCRIPT:
      studio_transcript_record_set_transcript (self, g_value_get_string (value));
      break;

    case PROP_PIECES:
      studio_transcript_record_set_pieces (self, g_value_get_string (value));
      break;

    case PROP_USAGE:
      studio_transcript_record_set_usage (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      studio_transcript_record_set_text (self, g_value_get_string (value));
      break;

    case PROP_COST:
      studio_transcript_record_set_cost (self, g_value_get_double (value));
      break;

    case PROP_STATE:
      studio_transcript_record_set_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_transcript_record_class_init (StudioTranscriptRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_transcript_record_finalize;
  object_class->get_property = studio_transcript_record_get_property;
  object_class->set_property = studio_transcript_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUDIO_SIZE] =
    g_param_spec_int64 ("audio-size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_US] =
    g_param_spec_int64 ("duration-us", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELETED] =
    g_param_spec_int64 ("deleted", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, STUDIO_TRANSCRIPT_SOURCE_RECORDING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORIGINAL_NAME] =
    g_param_spec_string ("original-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUDIO_PATH] =
    g_param_spec_string ("audio-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTIONS] =
    g_param_spec_string ("options", NULL, NULL, "{}",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRANSCRIPT] =
    g_param_spec_string ("transcript", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIECES] =
    g_param_spec_string ("pieces", NULL, NULL, "[]",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USAGE] =
    g_param_spec_string ("usage", NULL, NULL, "{}",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Negative: not known. */
  properties[PROP_COST] =
    g_param_spec_double ("cost", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, STUDIO_TYPE_TRANSCRIPT_STATE,
                       STUDIO_TRANSCRIPT_STATE_AUDIO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_transcript_record_init (StudioTranscriptRecord *self)
{
  self->source = g_strdup (STUDIO_TRANSCRIPT_SOURCE_RECORDING);
  self->options = g_strdup ("{}");
  self->pieces = g_strdup ("[]");
  self->usage = g_strdup ("{}");
  self->title = g_strdup ("");
  self->text = g_strdup ("");
  self->cost = -1;
  self->state = STUDIO_TRANSCRIPT_STATE_AUDIO;
}

/**
 * studio_transcript_record_new:
 *
 * A record of a recording not saved yet: no id, the state
 * %STUDIO_TRANSCRIPT_STATE_AUDIO, empty options, pieces and usage, cost not
 * known.
 *
 * Returns: (transfer full): a new record
 */
StudioTranscriptRecord *
studio_transcript_record_new (void)
{
  return g_object_new (STUDIO_TYPE_TRANSCRIPT_RECORD, NULL);
}

/**
 * studio_transcript_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a new record with the same values, which shares
 *   nothing with @self (for handing to another thread)
 */
StudioTranscriptRecord *
studio_transcript_record_copy (StudioTranscriptRecord *self)
{
  StudioTranscriptRecord *copy;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  copy = studio_transcript_record_new ();
  g_clear_pointer (&copy->source, g_free);
  g_clear_pointer (&copy->options, g_free);
  g_clear_pointer (&copy->pieces, g_free);
  g_clear_pointer (&copy->usage, g_free);
  g_clear_pointer (&copy->title, g_free);
  g_clear_pointer (&copy->text, g_free);
  copy->id = self->id;
  copy->created = self->created;
  copy->updated = self->updated;
  copy->audio_size = self->audio_size;
  copy->duration_us = self->duration_us;
  copy->deleted = self->deleted;
  copy->title = g_strdup (self->title);
  copy->source = g_strdup (self->source);
  copy->original_name = g_strdup (self->original_name);
  copy->audio_path = g_strdup (self->audio_path);
  copy->model = g_strdup (self->model);
  copy->options = g_strdup (self->options);
  copy->error = g_strdup (self->error);
  copy->transcript = g_strdup (self->transcript);
  copy->pieces = g_strdup (self->pieces);
  copy->usage = g_strdup (self->usage);
  copy->text = g_strdup (self->text);
  copy->cost = self->cost;
  copy->state = self->state;

  return copy;
}

/**
 * studio_transcript_record_dup_audio_file:
 * @self: a record
 * @folder: the transcripts folder, see studio_transcript_store_get_folder()
 *
 * Returns: (transfer full) (nullable): the audio file, with an absolute
 *   path; %NULL when the record has no audio path
 */
GFile *
studio_transcript_record_dup_audio_file (StudioTranscriptRecord *self,
                                         const char             *folder)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (studio_str_empty0 (self->audio_path))
    return NULL;

  if (g_path_is_absolute (self->audio_path))
    return g_file_new_for_path (self->audio_path);

  return g_file_new_build_filename (folder, self->audio_path, NULL);
}

/**
 * studio_transcript_record_get_id:
 *
 * Returns: the row's id, 0 until saved
 */
gint64
studio_transcript_record_get_id (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->id;
}

void
studio_transcript_record_set_id (StudioTranscriptRecord *self,
                                 gint64                  id)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * studio_transcript_record_get_created:
 *
 * Returns: when it was first saved, in µs since the epoch
 */
gint64
studio_transcript_record_get_created (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->created;
}

void
studio_transcript_record_set_created (StudioTranscriptRecord *self,
                                      gint64                  created)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->created == created)
    return;

  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

/**
 * studio_transcript_record_get_updated:
 *
 * Returns: when it was last saved, in µs since the epoch
 */
gint64
studio_transcript_record_get_updated (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->updated;
}

void
studio_transcript_record_set_updated (StudioTranscriptRecord *self,
                                      gint64                  updated)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->updated == updated)
    return;

  self->updated = updated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/**
 * studio_transcript_record_get_audio_size:
 *
 * Returns: the audio file's size in bytes
 */
gint64
studio_transcript_record_get_audio_size (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->audio_size;
}

void
studio_transcript_record_set_audio_size (StudioTranscriptRecord *self,
                                         gint64                  size)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->audio_size == size)
    return;

  self->audio_size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_SIZE]);
}

/**
 * studio_transcript_record_get_duration_us:
 *
 * Returns: the audio's duration in µs
 */
gint64
studio_transcript_record_get_duration_us (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->duration_us;
}

void
studio_transcript_record_set_duration_us (StudioTranscriptRecord *self,
                                          gint64                  duration)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->duration_us == duration)
    return;

  self->duration_us = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION_US]);
}

/**
 * studio_transcript_record_get_deleted:
 *
 * Returns: when it was deleted (µs since the epoch), 0 when it is not
 */
gint64
studio_transcript_record_get_deleted (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), 0);

  return self->deleted;
}

void
studio_transcript_record_set_deleted (StudioTranscriptRecord *self,
                                      gint64                  deleted)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (self->deleted == deleted)
    return;

  self->deleted = deleted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
}

/**
 * studio_transcript_record_get_title:
 *
 * Returns: (nullable): the title shown in the list; the store gives an empty one a default
 */
const char *
studio_transcript_record_get_title (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->title;
}

void
studio_transcript_record_set_title (StudioTranscriptRecord *self,
                                    const char             *title)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * studio_transcript_record_get_source:
 *
 * Returns: (nullable): %STUDIO_TRANSCRIPT_SOURCE_RECORDING or %STUDIO_TRANSCRIPT_SOURCE_IMPORT
 */
const char *
studio_transcript_record_get_source (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->source;
}

void
studio_transcript_record_set_source (StudioTranscriptRecord *self,
                                     const char             *source)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * studio_transcript_record_get_original_name:
 *
 * Returns: (nullable): the imported file's display name
 */
const char *
studio_transcript_record_get_original_name (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->original_name;
}

void
studio_transcript_record_set_original_name (StudioTranscriptRecord *self,
                                            const char             *name)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->original_name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGINAL_NAME]);
}

/**
 * studio_transcript_record_get_audio_path:
 *
 * Returns: (nullable): the app's copy of the audio, relative to the transcripts folder
 */
const char *
studio_transcript_record_get_audio_path (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->audio_path;
}

void
studio_transcript_record_set_audio_path (StudioTranscriptRecord *self,
                                         const char             *path)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->audio_path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_PATH]);
}

/**
 * studio_transcript_record_get_model:
 *
 * Returns: (nullable): the model asked
 */
const char *
studio_transcript_record_get_model (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->model;
}

void
studio_transcript_record_set_model (StudioTranscriptRecord *self,
                                    const char             *model)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->model, model))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * studio_transcript_record_get_options:
 *
 * Returns: (nullable): every setting sent, as JSON text
 */
const char *
studio_transcript_record_get_options (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->options;
}

void
studio_transcript_record_set_options (StudioTranscriptRecord *self,
                                      const char             *options)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->options, options))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

/**
 * studio_transcript_record_get_error:
 *
 * Returns: (nullable): the last failure's message
 */
const char *
studio_transcript_record_get_error (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->error;
}

void
studio_transcript_record_set_error (StudioTranscriptRecord *self,
                                    const char             *error)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * studio_transcript_record_get_transcript:
 *
 * Returns: (nullable): the transcript as JSON text, as studio_transcript_to_json() writes it
 */
const char *
studio_transcript_record_get_transcript (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->transcript;
}

void
studio_transcript_record_set_transcript (StudioTranscriptRecord *self,
                                         const char             *json)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->transcript, json))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSCRIPT]);
}

/**
 * studio_transcript_record_get_pieces:
 *
 * Returns: (nullable): JSON text: an array of {start_us, end_us, path, transcript} for each piece
 */
const char *
studio_transcript_record_get_pieces (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->pieces;
}

void
studio_transcript_record_set_pieces (StudioTranscriptRecord *self,
                                     const char             *pieces)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->pieces, pieces))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIECES]);
}

/**
 * studio_transcript_record_get_usage:
 *
 * Returns: (nullable): what the API counted, as JSON text
 */
const char *
studio_transcript_record_get_usage (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->usage;
}

void
studio_transcript_record_set_usage (StudioTranscriptRecord *self,
                                    const char             *usage)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->usage, usage))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USAGE]);
}

/**
 * studio_transcript_record_get_text:
 *
 * Returns: (nullable): the transcript's plain text, which the search looks through
 */
const char *
studio_transcript_record_get_text (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), NULL);

  return self->text;
}

void
studio_transcript_record_set_text (StudioTranscriptRecord *self,
                                   const char             *text)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (studio_set_str (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * studio_transcript_record_get_state:
 *
 * Returns: what became of the audio
 */
StudioTranscriptState
studio_transcript_record_get_state (StudioTranscriptRecord *self)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), STUDIO_TRANSCRIPT_STATE_AUDIO);

  return self->state;
}

void
studio_transcript_record_set_state (StudioTranscriptRecord *self,
                                    StudioTranscriptState   state)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));
  g_return_if_fail (state <= STUDIO_TRANSCRIPT_STATE_FAILED);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * studio_transcript_record_get_cost:
 * @self: a record
 * @cost: (out) (optional): the place for the cost in US dollars
 *
 * Returns: whether the cost is known
 */
gboolean
studio_transcript_record_get_cost (StudioTranscriptRecord *self,
                                   double                 *cost)
{
  g_return_val_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self), FALSE);

  if (cost != NULL)
    *cost = self->cost;

  return self->cost >= 0;
}

/**
 * studio_transcript_record_set_cost:
 * @self: a record
 * @cost: the cost in US dollars, negative when it is not known
 */
void
studio_transcript_record_set_cost (StudioTranscriptRecord *self,
                                   double                  cost)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIPT_RECORD (self));

  if (cost < 0)
    cost = -1;

  if (self->cost == cost)
    return;

  self->cost = cost;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}
