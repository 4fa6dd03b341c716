/* studio-speech-clip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "studio-speech-request.h"

G_BEGIN_DECLS

/**
 * StudioSpeechClipState:
 * @STUDIO_SPEECH_CLIP_STATE_FETCHING: pieces are being downloaded
 * @STUDIO_SPEECH_CLIP_STATE_COMPLETE: every piece is here
 * @STUDIO_SPEECH_CLIP_STATE_PARTIAL: some pieces (or parts of one) are
 *   here, not all: stopped, or cut by a failure
 * @STUDIO_SPEECH_CLIP_STATE_FAILED: nothing playable arrived; see the error
 *
 * What became of a clip. The database keeps the nicks: "fetching",
 * "complete", "partial" and "failed".
 */
typedef enum
{
  STUDIO_SPEECH_CLIP_STATE_FETCHING,
  STUDIO_SPEECH_CLIP_STATE_COMPLETE,
  STUDIO_SPEECH_CLIP_STATE_PARTIAL,
  STUDIO_SPEECH_CLIP_STATE_FAILED,
} StudioSpeechClipState;

#define STUDIO_TYPE_SPEECH_CLIP_STATE (studio_speech_clip_state_get_type ())

GType studio_speech_clip_state_get_type (void) G_GNUC_CONST;

/* Where a clip's text came from, as the `source` column says it. */
#define STUDIO_SPEECH_SOURCE_SPEECH "speech"
#define STUDIO_SPEECH_SOURCE_CHAT   "chat"

/**
 * StudioSpeechPiece:
 * @start: the piece's first byte in the clip's text
 * @end: one past its last byte
 * @file_name: (nullable): its audio file's name in the clip's folder,
 *   %NULL before anything arrived
 * @bytes: how many bytes of audio are in the file
 * @duration_us: the audio's duration, -1 while unknown
 * @complete: whether the whole answer arrived
 *
 * One request of a clip and the audio it brought.
 */
typedef struct
{
  gsize     start;
  gsize     end;
  char     *file_name;
  gint64    bytes;
  gint64    duration_us;
  gboolean  complete;
} StudioSpeechPiece;

#define STUDIO_TYPE_SPEECH_CLIP (studio_speech_clip_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechClip, studio_speech_clip, STUDIO, SPEECH_CLIP, GObject)

StudioSpeechClip           *studio_speech_clip_new              (void);
StudioSpeechClip           *studio_speech_clip_copy             (StudioSpeechClip           *self);

gint64                      studio_speech_clip_get_id           (StudioSpeechClip           *self);
void                        studio_speech_clip_set_id           (StudioSpeechClip           *self,
                                                                 gint64                      id);
gint64                      studio_speech_clip_get_created      (StudioSpeechClip           *self);
void                        studio_speech_clip_set_created      (StudioSpeechClip           *self,
                                                                 gint64                      created);
const char                 *studio_speech_clip_get_title        (StudioSpeechClip           *self);
void                        studio_speech_clip_set_title        (StudioSpeechClip           *self,
                                                                 const char                 *title);
const char                 *studio_speech_clip_get_text         (StudioSpeechClip           *self);
void                        studio_speech_clip_set_text         (StudioSpeechClip           *self,
                                                                 const char                 *text);
const char                 *studio_speech_clip_get_source       (StudioSpeechClip           *self);
void                        studio_speech_clip_set_source       (StudioSpeechClip           *self,
                                                                 const char                 *source);
gint64                      studio_speech_clip_get_conversation_id (StudioSpeechClip        *self);
void                        studio_speech_clip_set_conversation_id (StudioSpeechClip        *self,
                                                                 gint64                      id);
const StudioSpeechSettings *studio_speech_clip_get_settings     (StudioSpeechClip           *self);
void                        studio_speech_clip_set_settings     (StudioSpeechClip           *self,
                                                                 const StudioSpeechSettings *settings);
StudioSpeechClipState       studio_speech_clip_get_state        (StudioSpeechClip           *self);
void                        studio_speech_clip_set_state        (StudioSpeechClip           *self,
                                                                 StudioSpeechClipState       state);
const char                 *studio_speech_clip_get_error        (StudioSpeechClip           *self);
void                        studio_speech_clip_set_error        (StudioSpeechClip           *self,
                                                                 const char                 *error);
const char                 *studio_speech_clip_get_folder_name  (StudioSpeechClip           *self);
void                        studio_speech_clip_set_folder_name  (StudioSpeechClip           *self,
                                                                 const char                 *name);
guint                       studio_speech_clip_get_n_pieces     (StudioSpeechClip           *self);
StudioSpeechPiece          *studio_speech_clip_get_piece        (StudioSpeechClip           *self,
                                                                 guint                       index);
guint                       studio_speech_clip_add_piece        (StudioSpeechClip           *self,
                                                                 gsize                       start,
                                                                 gsize                       end);
gint64                      studio_speech_clip_get_duration_us  (StudioSpeechClip           *self);
gint64                      studio_speech_clip_get_input_chars  (StudioSpeechClip           *self);
void                        studio_speech_clip_set_input_chars  (StudioSpeechClip           *self,
                                                                 gint64                      chars);
const StudioSpeechUsage    *studio_speech_clip_get_usage        (StudioSpeechClip           *self);
void                        studio_speech_clip_add_usage        (StudioSpeechClip           *self,
                                                                 const StudioSpeechUsage    *usage);
double                      studio_speech_clip_get_cost         (StudioSpeechClip           *self);
void                        studio_speech_clip_set_cost         (StudioSpeechClip           *self,
                                                                 double                      cost);

G_END_DECLS
