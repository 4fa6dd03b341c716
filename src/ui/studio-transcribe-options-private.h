/* studio-transcribe-options-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-transcribe-options.h"

G_BEGIN_DECLS

/* The widget's fields, shared by studio-transcribe-options.c (the rows of
 * the options a family takes) and studio-transcribe-options-speakers.c
 * (the known speakers to choose from).
 */
struct _StudioTranscribeOptions
{
  GtkBox                 parent_instance;

  /* Owned references */
  StudioModel           *model;
  StudioTranscriptStore *store;
  GCancellable          *cancellable;  /* the speaker library being read */
  GHashTable            *remembered;   /* family → JsonObject of every choice made for it */
  GPtrArray             *speakers;     /* StudioSpeaker: the library, by name */
  GArray                *chosen;       /* gint64: ids of the chosen speakers */
  GStrv                  formats;      /* what format_row offers */
  GPtrArray             *codes;        /* the language_row entries' codes; NULL: detect */
  char                  *family;       /* the family whose choices are shown */

  /* What the last studio_transcribe_options_get() handed out */
  char                  *got_language;
  char                  *got_prompt;
  GStrv                  got_languages;
  GStrv                  got_keywords;
  GStrv                  got_granularities;

  /* Borrowed references */
  GPtrArray             *speaker_rows;  /* AdwActionRow in speakers_group */

  /* Template widgets */
  AdwPreferencesGroup   *group;
  AdwComboRow           *language_row;
  AdwEntryRow           *languages_row;
  AdwEntryRow           *keywords_row;
  AdwEntryRow           *prompt_row;
  AdwActionRow          *temperature_row;
  GtkSpinButton         *temperature_spin;
  AdwComboRow           *format_row;
  AdwActionRow          *words_row;
  GtkSwitch             *words_switch;
  AdwActionRow          *stream_row;
  GtkSwitch             *stream_switch;
  AdwActionRow          *translate_row;
  GtkSwitch             *translate_switch;
  AdwActionRow          *translate_note_row;
  AdwPreferencesGroup   *speakers_group;

  guint                  updating;
  gboolean               translation_available;
  gboolean               listing;       /* the speaker library is being read */
  gboolean               list_again;    /* it changed meanwhile */
};

gboolean    studio_transcribe_options_takes         (StudioTranscribeOptions *self,
                                                     const char              *parameter);
const char *studio_transcribe_options_get_format    (StudioTranscribeOptions *self);
void        studio_transcribe_options_changed       (StudioTranscribeOptions *self);

/* studio-transcribe-options-speakers.c */
gboolean    studio_transcribe_options_is_chosen     (StudioTranscribeOptions *self,
                                                     gint64                   id);
void        studio_transcribe_options_fill_speakers (StudioTranscribeOptions *self);
JsonArray  *studio_transcribe_options_speakers_to_json
                                                    (StudioTranscribeOptions *self);
void        studio_transcribe_options_load_speakers (StudioTranscribeOptions *self,
                                                     JsonArray               *speakers);

G_END_DECLS
