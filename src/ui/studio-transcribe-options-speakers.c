/* studio-transcribe-options-speakers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-transcribe-options"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-api-error.h"
#include "studio-transcribe-options-private.h"
#include "studio-utils.h"

/* The known speakers of the transcription options: the store's speaker
 * library, read in a worker and again whenever it changes, shown as a row
 * with a check for each voice. At most %STUDIO_TRANSCRIPTION_MAX_SPEAKERS
 * can be chosen; at the limit the other rows are insensitive. The chosen
 * ones are kept with the settings by id and name, and handed to the page by
 * studio_transcribe_options_dup_speakers().
 */

static char *
describe_clip (gint64 duration_us)
{
  int seconds = (int) MAX ((duration_us + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC, 1);

  /* TRANSLATORS: the length of a speaker's voice sample */
  return g_strdup_printf (ngettext ("Voice sample of %d second", "Voice sample of %d seconds",
                                    seconds),
                          seconds);
}

gboolean
studio_transcribe_options_is_chosen (StudioTranscribeOptions *self,
                                     gint64                   id)
{
  for (guint i = 0; i < self->chosen->len; i++)
    {
      if (g_array_index (self->chosen, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/* At the limit, the voices not chosen cannot be. */
static void
studio_transcribe_options_update_speakers (StudioTranscribeOptions *self)
{
  gboolean full = self->chosen->len >= STUDIO_TRANSCRIPTION_MAX_SPEAKERS;

  for (guint i = 0; i < self->speaker_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->speaker_rows, i);
      StudioSpeaker *speaker = g_ptr_array_index (self->speakers, i);

      gtk_widget_set_sensitive (row, !full || studio_transcribe_options_is_chosen (self,
                                                                                   speaker->id));
    }
}

static void
on_speaker_toggled_cb (GtkCheckButton          *check,
                       StudioTranscribeOptions *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "speaker");
  gboolean active = gtk_check_button_get_active (check);

  if (self->updating > 0)
    return;

  if (active && !studio_transcribe_options_is_chosen (self, id))
    {
      if (self->chosen->len >= STUDIO_TRANSCRIPTION_MAX_SPEAKERS)
        {
          self->updating++;
          gtk_check_button_set_active (check, FALSE);
          self->updating--;
          return;
        }
      g_array_append_val (self->chosen, id);
    }
  else if (!active)
    {
      for (guint i = 0; i < self->chosen->len; i++)
        {
          if (g_array_index (self->chosen, gint64, i) == id)
            {
              g_array_remove_index (self->chosen, i);
              break;
            }
        }
    }

  studio_transcribe_options_update_speakers (self);
  studio_transcribe_options_changed (self);
}

/* Shows a row with a check for each voice of the library, and drops from
 * the choices those the library no longer has, once it was read.
 */
void
studio_transcribe_options_fill_speakers (StudioTranscribeOptions *self)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_speakers = self->speakers ? self->speakers->len : 0;

  for (guint i = 0; i < self->speaker_rows->len; i++)
    adw_preferences_group_remove (self->speakers_group, g_ptr_array_index (self->speaker_rows, i));
  g_ptr_array_set_size (self->speaker_rows, 0);

  self->updating++;

  for (guint i = 0; i < n_speakers; i++)
    {
      StudioSpeaker *speaker = g_ptr_array_index (self->speakers, i);
      g_autofree char *subtitle = describe_clip (speaker->duration_us);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean chosen = studio_transcribe_options_is_chosen (self, speaker->id);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), speaker->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
      g_object_set_data_full (G_OBJECT (check), "speaker",
                              g_memdup2 (&speaker->id, sizeof speaker->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_speaker_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->speakers_group, row);
      g_ptr_array_add (self->speaker_rows, row);

      if (chosen)
        g_array_append_val (kept, speaker->id);
    }

  self->updating--;

  /* A voice deleted from the library is no longer chosen; until the
   * library was read, the choices restored stay.
   */
  if (self->speakers != NULL)
    {
      g_array_set_size (self->chosen, 0);
      g_array_append_vals (self->chosen, kept->data, kept->len);
    }

  if (n_speakers == 0)
    adw_preferences_group_set_description (self->speakers_group,
                                           _("Add speakers from a transcript’s segment menu"));
  else
    {
      g_autofree char *description =
        g_strdup_printf (ngettext ("Choose up to %d voice for the model to name",
                                   "Choose up to %d voices for the model to name",
                                   STUDIO_TRANSCRIPTION_MAX_SPEAKERS),
                         STUDIO_TRANSCRIPTION_MAX_SPEAKERS);

      adw_preferences_group_set_description (self->speakers_group, description);
    }

  studio_transcribe_options_update_speakers (self);
}

static void studio_transcribe_options_list_speakers (StudioTranscribeOptions *self);

static void
speakers_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StudioTranscribeOptions) self = user_data;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GError) error = NULL;
  guint n_chosen;

  speakers = studio_transcript_store_list_speakers_finish (STUDIO_TRANSCRIPT_STORE (object),
                                                           result, &error);
  /* Cancelled: the widget went, or reads another store now. */
  if (studio_api_error_is_cancelled (error))
    return;

  self->listing = FALSE;
  g_debug ("Read the speaker library: %d voices", speakers ? (int) speakers->len : -1);
  if (speakers == NULL)
    {
      g_message ("Could not read the speaker library: %s", error->message);
      if (self->list_again)
        studio_transcribe_options_list_speakers (self);
      return;
    }

  g_clear_pointer (&self->speakers, g_ptr_array_unref);
  self->speakers = g_steal_pointer (&speakers);
  n_chosen = self->chosen->len;
  studio_transcribe_options_fill_speakers (self);
  if (self->chosen->len != n_chosen)
    studio_transcribe_options_changed (self);

  if (self->list_again)
    studio_transcribe_options_list_speakers (self);
}

/* One read at a time: a change while one runs reads the library again
 * once it is done, rather than cancelling it.
 */
static void
studio_transcribe_options_list_speakers (StudioTranscribeOptions *self)
{
  g_assert (self->store != NULL);

  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }

  self->listing = TRUE;
  self->list_again = FALSE;
  studio_transcript_store_list_speakers_async (self->store, self->cancellable,
                                               speakers_listed_cb, g_object_ref (self));
}

static void
store_changed_cb (StudioTranscribeOptions *self)
{
  studio_transcribe_options_list_speakers (self);
}

/* The chosen speakers as kept with the settings, in the library's order:
 * objects with `id` and `name`.
 */
JsonArray *
studio_transcribe_options_speakers_to_json (StudioTranscribeOptions *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; self->speakers != NULL && i < self->speakers->len; i++)
    {
      StudioSpeaker *speaker = g_ptr_array_index (self->speakers, i);
      JsonObject *object;

      if (!studio_transcribe_options_is_chosen (self, speaker->id))
        continue;

      object = json_object_new ();
      json_object_set_int_member (object, "id", speaker->id);
      json_object_set_string_member (object, "name", speaker->name);
      json_array_add_object_element (array, object);
    }

  return array;
}

/* Chooses the speakers of @speakers (from
 * studio_transcribe_options_speakers_to_json(), or %NULL for none) by
 * their ids, up to the limit; the rows are not updated.
 */
void
studio_transcribe_options_load_speakers (StudioTranscribeOptions *self,
                                         JsonArray               *speakers)
{
  g_array_set_size (self->chosen, 0);
  for (guint i = 0; speakers != NULL && i < json_array_get_length (speakers); i++)
    {
      JsonNode *node = json_array_get_element (speakers, i);
      gint64 id = JSON_NODE_HOLDS_OBJECT (node)
                  ? studio_json_get_int (json_node_get_object (node), "id", 0) : 0;

      if (id != 0 && self->chosen->len < STUDIO_TRANSCRIPTION_MAX_SPEAKERS &&
          !studio_transcribe_options_is_chosen (self, id))
        g_array_append_val (self->chosen, id);
    }
}

/**
 * studio_transcribe_options_set_store:
 * @self: transcription options
 * @store: (nullable): the store whose speaker library to offer
 *
 * Lists the known speakers to choose from, and keeps the list current.
 */
void
studio_transcribe_options_set_store (StudioTranscribeOptions *self,
                                     StudioTranscriptStore   *store)
{
  g_return_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self));
  g_return_if_fail (store == NULL || STUDIO_IS_TRANSCRIPT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->listing = FALSE;
  g_set_object (&self->store, store);

  g_clear_pointer (&self->speakers, g_ptr_array_unref);
  studio_transcribe_options_fill_speakers (self);

  if (store != NULL)
    {
      self->cancellable = g_cancellable_new ();
      g_signal_connect_swapped (store, "speakers-changed", G_CALLBACK (store_changed_cb), self);
      studio_transcribe_options_list_speakers (self);
    }
}

/**
 * studio_transcribe_options_dup_speakers:
 * @self: transcription options
 *
 * The known speakers chosen, when the model takes them and the answer
 * names speakers; at most %STUDIO_TRANSCRIPTION_MAX_SPEAKERS.
 *
 * Returns: (transfer full) (element-type StudioSpeaker): copies of the
 *   chosen speakers, in the library's order
 */
GPtrArray *
studio_transcribe_options_dup_speakers (StudioTranscribeOptions *self)
{
  GPtrArray *chosen;

  g_return_val_if_fail (STUDIO_IS_TRANSCRIBE_OPTIONS (self), NULL);

  chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) studio_speaker_free);

  if (!studio_transcribe_options_takes (self, "known_speakers") ||
      g_strcmp0 (studio_transcribe_options_get_format (self), "diarized_json") != 0)
    return chosen;

  for (guint i = 0; self->speakers != NULL && i < self->speakers->len; i++)
    {
      StudioSpeaker *speaker = g_ptr_array_index (self->speakers, i);

      if (studio_transcribe_options_is_chosen (self, speaker->id) &&
          chosen->len < STUDIO_TRANSCRIPTION_MAX_SPEAKERS)
        g_ptr_array_add (chosen, studio_speaker_copy (speaker));
    }

  return chosen;
}
