/* studio-speech-clip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-clip"

#include "config.h"

#include "studio-speech-clip.h"

/* One clip of the Speech workspace, or of Read Aloud in Chat, as its
 * history row keeps it: the text, the settings it was spoken with, and the
 * pieces (one per request) with the audio each brought. The store reads
 * and writes it; the session fills it in as the audio arrives.
 */
struct _StudioSpeechClip
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 created;
  char                  *title;
  char                  *text;
  char                  *source;
  gint64                 conversation_id;
  StudioSpeechSettings  *settings;
  StudioSpeechClipState  state;
  char                  *error;
  char                  *folder_name;
  GArray                *pieces;        /* StudioSpeechPiece */
  gint64                 input_chars;
  StudioSpeechUsage      usage;
  double                 cost;
};

G_DEFINE_FINAL_TYPE (StudioSpeechClip, studio_speech_clip, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STATE,
  PROP_ERROR,
  PROP_COST,
  PROP_DURATION_US,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue state_values[] = {
  { STUDIO_SPEECH_CLIP_STATE_FETCHING, "STUDIO_SPEECH_CLIP_STATE_FETCHING", "fetching" },
  { STUDIO_SPEECH_CLIP_STATE_COMPLETE, "STUDIO_SPEECH_CLIP_STATE_COMPLETE", "complete" },
  { STUDIO_SPEECH_CLIP_STATE_PARTIAL, "STUDIO_SPEECH_CLIP_STATE_PARTIAL", "partial" },
  { STUDIO_SPEECH_CLIP_STATE_FAILED, "STUDIO_SPEECH_CLIP_STATE_FAILED", "failed" },
  { 0, NULL, NULL }
};

GType
studio_speech_clip_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("StudioSpeechClipState", state_values));

  return type;
}

static void
piece_clear (StudioSpeechPiece *piece)
{
  g_clear_pointer (&piece->file_name, g_free);
}

static void
usage_clear (StudioSpeechUsage *usage)
{
  usage->input_tokens = -1;
  usage->output_tokens = -1;
  usage->total_tokens = -1;
}

static void
studio_speech_clip_finalize (GObject *object)
{
  StudioSpeechClip *self = (StudioSpeechClip *) object;

  g_free (self->title);
  g_free (self->text);
  g_free (self->source);
  g_clear_pointer (&self->settings, studio_speech_settings_free);
  g_free (self->error);
  g_free (self->folder_name);
  g_array_unref (self->pieces);

  G_OBJECT_CLASS (studio_speech_clip_parent_class)->finalize (object);
}

static void
studio_speech_clip_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioSpeechClip *self = STUDIO_SPEECH_CLIP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_COST:
      g_value_set_double (value, self->cost);
      break;

    case PROP_DURATION_US:
      g_value_set_int64 (value, studio_speech_clip_get_duration_us (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_speech_clip_class_init (StudioSpeechClipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = studio_speech_clip_finalize;
  object_class->get_property = studio_speech_clip_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STUDIO_TYPE_SPEECH_CLIP_STATE, STUDIO_SPEECH_CLIP_STATE_FETCHING,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COST] =
    g_param_spec_double ("cost", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DURATION_US] =
    g_param_spec_int64 ("duration-us", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_speech_clip_init (StudioSpeechClip *self)
{
  self->pieces = g_array_new (FALSE, TRUE, sizeof (StudioSpeechPiece));
  g_array_set_clear_func (self->pieces, (GDestroyNotify) piece_clear);
  self->source = g_strdup (STUDIO_SPEECH_SOURCE_SPEECH);
  self->settings = studio_speech_settings_new ();
  self->cost = -1;
  usage_clear (&self->usage);
}

StudioSpeechClip *
studio_speech_clip_new (void)
{
  return g_object_new (STUDIO_TYPE_SPEECH_CLIP, NULL);
}

/**
 * studio_speech_clip_copy:
 * @self: a clip
 *
 * Returns: (transfer full): a copy that shares nothing with @self, for a
 *   worker to write
 */
StudioSpeechClip *
studio_speech_clip_copy (StudioSpeechClip *self)
{
  StudioSpeechClip *copy;

  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);

  copy = studio_speech_clip_new ();
  copy->id = self->id;
  copy->created = self->created;
  copy->title = g_strdup (self->title);
  copy->text = g_strdup (self->text);
  g_free (copy->source);
  copy->source = g_strdup (self->source);
  copy->conversation_id = self->conversation_id;
  studio_speech_settings_free (copy->settings);
  copy->settings = studio_speech_settings_copy (self->settings);
  copy->state = self->state;
  copy->error = g_strdup (self->error);
  copy->folder_name = g_strdup (self->folder_name);
  copy->input_chars = self->input_chars;
  copy->usage = self->usage;
  copy->cost = self->cost;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSpeechPiece piece = g_array_index (self->pieces, StudioSpeechPiece, i);

      piece.file_name = g_strdup (piece.file_name);
      g_array_append_val (copy->pieces, piece);
    }

  return copy;
}

static void
set_string (StudioSpeechClip  *self,
            char             **field,
            const char        *value,
            guint              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
studio_speech_clip_get_id (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  return self->id;
}

void
studio_speech_clip_set_id (StudioSpeechClip *self,
                           gint64            id)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  self->id = id;
}

gint64
studio_speech_clip_get_created (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  return self->created;
}

void
studio_speech_clip_set_created (StudioSpeechClip *self,
                                gint64            created)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  self->created = created;
}

const char *
studio_speech_clip_get_title (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->title;
}

void
studio_speech_clip_set_title (StudioSpeechClip *self,
                              const char       *title)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
studio_speech_clip_get_text (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->text != NULL ? self->text : "";
}

void
studio_speech_clip_set_text (StudioSpeechClip *self,
                             const char       *text)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  set_string (self, &self->text, text, PROP_0);
}

const char *
studio_speech_clip_get_source (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->source;
}

void
studio_speech_clip_set_source (StudioSpeechClip *self,
                               const char       *source)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  g_return_if_fail (g_strcmp0 (source, STUDIO_SPEECH_SOURCE_SPEECH) == 0 ||
                    g_strcmp0 (source, STUDIO_SPEECH_SOURCE_CHAT) == 0);
  set_string (self, &self->source, source, PROP_0);
}

gint64
studio_speech_clip_get_conversation_id (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  return self->conversation_id;
}

void
studio_speech_clip_set_conversation_id (StudioSpeechClip *self,
                                        gint64            id)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  self->conversation_id = id;
}

const StudioSpeechSettings *
studio_speech_clip_get_settings (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->settings;
}

void
studio_speech_clip_set_settings (StudioSpeechClip           *self,
                                 const StudioSpeechSettings *settings)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  g_return_if_fail (settings != NULL);

  studio_speech_settings_free (self->settings);
  self->settings = studio_speech_settings_copy (settings);
}

StudioSpeechClipState
studio_speech_clip_get_state (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), STUDIO_SPEECH_CLIP_STATE_FAILED);
  return self->state;
}

void
studio_speech_clip_set_state (StudioSpeechClip      *self,
                              StudioSpeechClipState  state)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
studio_speech_clip_get_error (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->error;
}

void
studio_speech_clip_set_error (StudioSpeechClip *self,
                              const char       *error)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  set_string (self, &self->error, error, PROP_ERROR);
}

const char *
studio_speech_clip_get_folder_name (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return self->folder_name;
}

void
studio_speech_clip_set_folder_name (StudioSpeechClip *self,
                                    const char       *name)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  set_string (self, &self->folder_name, name, PROP_0);
}

guint
studio_speech_clip_get_n_pieces (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  return self->pieces->len;
}

/**
 * studio_speech_clip_get_piece:
 * @self: a clip
 * @index: a piece's index
 *
 * Returns: (transfer none): the piece, which the caller may change; it
 *   stays valid until a piece is added
 */
StudioSpeechPiece *
studio_speech_clip_get_piece (StudioSpeechClip *self,
                              guint             index)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  g_return_val_if_fail (index < self->pieces->len, NULL);

  return &g_array_index (self->pieces, StudioSpeechPiece, index);
}

/**
 * studio_speech_clip_add_piece:
 * @self: a clip
 * @start: the piece's first byte in the text
 * @end: one past its last byte
 *
 * Returns: the new piece's index
 */
guint
studio_speech_clip_add_piece (StudioSpeechClip *self,
                              gsize             start,
                              gsize             end)
{
  StudioSpeechPiece piece = { start, end, NULL, 0, -1, FALSE };

  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  g_return_val_if_fail (start <= end, 0);

  g_array_append_val (self->pieces, piece);

  return self->pieces->len - 1;
}

/**
 * studio_speech_clip_get_duration_us:
 * @self: a clip
 *
 * Returns: the duration of the audio its pieces brought, as far as known
 */
gint64
studio_speech_clip_get_duration_us (StudioSpeechClip *self)
{
  gint64 duration = 0;

  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);

  for (guint i = 0; i < self->pieces->len; i++)
    {
      const StudioSpeechPiece *piece = &g_array_index (self->pieces, StudioSpeechPiece, i);

      if (piece->duration_us > 0)
        duration += piece->duration_us;
    }

  return duration;
}

gint64
studio_speech_clip_get_input_chars (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), 0);
  return self->input_chars;
}

void
studio_speech_clip_set_input_chars (StudioSpeechClip *self,
                                    gint64            chars)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  self->input_chars = MAX (chars, 0);
}

/**
 * studio_speech_clip_get_usage:
 * @self: a clip
 *
 * Returns: (transfer none): the tokens its streamed pieces reported, -1
 *   for counts no piece reported
 */
const StudioSpeechUsage *
studio_speech_clip_get_usage (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), NULL);
  return &self->usage;
}

static void
add_count (gint64 *total,
           gint64  count)
{
  if (count < 0)
    return;

  *total = MAX (*total, 0) + count;
}

/**
 * studio_speech_clip_add_usage:
 * @self: a clip
 * @usage: the usage one more piece reported
 */
void
studio_speech_clip_add_usage (StudioSpeechClip        *self,
                              const StudioSpeechUsage *usage)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));
  g_return_if_fail (usage != NULL);

  add_count (&self->usage.input_tokens, usage->input_tokens);
  add_count (&self->usage.output_tokens, usage->output_tokens);
  add_count (&self->usage.total_tokens, usage->total_tokens);
}

/**
 * studio_speech_clip_get_cost:
 * @self: a clip
 *
 * Returns: its cost in US dollars, or -1 when it is not known
 */
double
studio_speech_clip_get_cost (StudioSpeechClip *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_CLIP (self), -1);
  return self->cost;
}

void
studio_speech_clip_set_cost (StudioSpeechClip *self,
                             double            cost)
{
  g_return_if_fail (STUDIO_IS_SPEECH_CLIP (self));

  if (self->cost == cost)
    return;

  self->cost = cost;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}
