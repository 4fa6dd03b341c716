/* studio-speech-player-pieces.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-speech-player"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "studio-media-error.h"
#include "studio-speech-player-private.h"

/* The pieces of a StudioSpeechPlayer and the timeline they make: each
 * piece's decoded samples in an unlinked temporary file, written as they
 * are decoded and read back when the output is fed (so that seeking back
 * needs no second decode and an hour of speech is not held in memory).
 */

static void
piece_disconnect (StudioSpeechPlayerPiece *piece)
{
  if (piece->decoder == NULL)
    return;

  g_signal_handlers_disconnect_by_data (piece->decoder, piece);
  studio_speech_decoder_cancel (piece->decoder);
  g_clear_object (&piece->decoder);
}

void
studio_speech_piece_free (gpointer data)
{
  StudioSpeechPlayerPiece *piece = data;

  piece_disconnect (piece);
  if (piece->fd >= 0)
    close (piece->fd);
  g_free (piece->format);
  g_free (piece);
}

static gboolean
piece_write (StudioSpeechPlayerPiece *piece,
             const guint8      *data,
             gsize              size)
{
  goffset offset = (goffset) piece->n_samples * BYTES_PER_SAMPLE;

  while (size > 0)
    {
      gssize written = pwrite (piece->fd, data, size, offset);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          g_warning ("Could not keep decoded speech: %s", g_strerror (errno));
          return FALSE;
        }
      data += written;
      size -= written;
      offset += written;
      piece->n_samples += written / BYTES_PER_SAMPLE;
    }

  return TRUE;
}

/* Keeps samples (or raw pcm bytes, which may split a sample). */
void
studio_speech_piece_append (StudioSpeechPlayerPiece *piece,
                            const guint8      *data,
                            gsize              size)
{
  if (size == 0)
    return;

  if (piece->carry >= 0)
    {
      guint8 sample[2] = { (guint8) piece->carry, data[0] };

      piece->carry = -1;
      piece_write (piece, sample, 2);
      data++;
      size--;
    }

  if (size % 2 == 1)
    {
      piece->carry = data[size - 1];
      size--;
    }

  if (size > 0)
    piece_write (piece, data, size);
}

static void
piece_pcm_cb (StudioSpeechDecoder *decoder,
              GBytes              *bytes,
              StudioSpeechPlayerPiece   *piece)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (piece->complete)
    return;

  studio_speech_piece_append (piece, data, size);
  studio_speech_player_data_changed (piece->player);
}

static void
piece_done_cb (StudioSpeechDecoder *decoder,
               StudioSpeechPlayerPiece   *piece)
{
  piece->complete = TRUE;
  studio_speech_player_data_changed (piece->player);
}

static void
piece_failed_cb (StudioSpeechDecoder *decoder,
                 const GError        *decoder_error,
                 StudioSpeechPlayerPiece   *piece)
{
  StudioSpeechPlayer *self = piece->player;
  g_autoptr(GError) error = NULL;
  int code = STUDIO_MEDIA_ERROR_CORRUPT;
  guint index = 0;

  g_ptr_array_find (self->pieces, piece, &index);
  if (decoder_error != NULL && decoder_error->domain == STUDIO_MEDIA_ERROR)
    code = decoder_error->code;

  /* What decoded is kept, and the piece counts as complete, so that the
   * rest of the clip plays on.
   */
  piece->complete = TRUE;
  error = g_error_new (STUDIO_MEDIA_ERROR, code,
                       _("Part %u of the speech (%s audio) could not be decoded: %s "
                         "Try another output format."),
                       index + 1, piece->format,
                       decoder_error != NULL ? decoder_error->message : "");

  studio_speech_player_emit_error (self, error);
  studio_speech_player_data_changed (self);
}

static void
piece_make_decoder (StudioSpeechPlayerPiece *piece)
{
  g_assert (piece->decoder == NULL);

  if (g_strcmp0 (piece->format, "pcm") == 0)
    return;

  piece->decoder = studio_speech_decoder_new (piece->format);
  g_signal_connect (piece->decoder, "pcm", G_CALLBACK (piece_pcm_cb), piece);
  g_signal_connect (piece->decoder, "done", G_CALLBACK (piece_done_cb), piece);
  g_signal_connect (piece->decoder, "failed", G_CALLBACK (piece_failed_cb), piece);
}

StudioSpeechPlayerPiece *
studio_speech_piece_new (StudioSpeechPlayer *self,
                         const char         *format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  StudioSpeechPlayerPiece *piece = g_new0 (StudioSpeechPlayerPiece, 1);

  piece->player = self;
  piece->format = g_strdup (format);
  piece->carry = -1;
  piece->fd = g_file_open_tmp ("studio-speech-XXXXXX.pcm", &path, &error);
  if (piece->fd < 0)
    g_warning ("Could not make a file for decoded speech: %s", error->message);
  else
    g_unlink (path);

  piece_make_decoder (piece);

  return piece;
}


/* The timeline */

guint64
studio_speech_player_piece_start_sample (StudioSpeechPlayer *self,
                                         guint               index)
{
  guint64 start = 0;

  for (guint i = 0; i < index && i < self->pieces->len; i++)
    start += studio_speech_player_get_piece_at (self, i)->n_samples;

  return start;
}

guint64
studio_speech_player_total_samples (StudioSpeechPlayer *self)
{
  return studio_speech_player_piece_start_sample (self, self->pieces->len);
}

/* What can be played from the start: every complete piece up to the first
 * one still arriving, and what that one has so far.
 */
guint64
studio_speech_player_available_end (StudioSpeechPlayer *self,
                                    gboolean           *all_done)
{
  guint64 end = 0;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSpeechPlayerPiece *piece = studio_speech_player_get_piece_at (self, i);

      end += piece->n_samples;
      if (!piece->complete)
        {
          if (all_done != NULL)
            *all_done = FALSE;
          return end;
        }
    }

  if (all_done != NULL)
    *all_done = self->finished;
  return end;
}

/* Whether the piece that holds @sample (or that @sample waits for) is
 * complete.
 */
gboolean
studio_speech_player_piece_at_is_complete (StudioSpeechPlayer *self,
                                           guint64             sample)
{
  guint64 start = 0;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSpeechPlayerPiece *piece = studio_speech_player_get_piece_at (self, i);

      if (sample < start + piece->n_samples || !piece->complete)
        return piece->complete;
      start += piece->n_samples;
    }

  return self->finished;
}

/* Reads up to @n_samples at @sample, never across a piece's end. */
GstBuffer *
studio_speech_player_read_samples (StudioSpeechPlayer *self,
                                   guint64             sample,
                                   guint64             n_samples)
{
  guint64 start = 0;

  for (guint i = 0; i < self->pieces->len; i++)
    {
      StudioSpeechPlayerPiece *piece = studio_speech_player_get_piece_at (self, i);

      if (sample < start + piece->n_samples)
        {
          guint64 offset = sample - start;
          gsize size;
          GstBuffer *buffer;
          GstMapInfo map;
          gsize done = 0;

          n_samples = MIN (n_samples, piece->n_samples - offset);
          size = n_samples * BYTES_PER_SAMPLE;
          buffer = gst_buffer_new_allocate (NULL, size, NULL);
          gst_buffer_map (buffer, &map, GST_MAP_WRITE);
          while (done < size)
            {
              gssize got = pread (piece->fd, map.data + done, size - done,
                                  (goffset) offset * BYTES_PER_SAMPLE + done);

              if (got < 0 && errno == EINTR)
                continue;
              if (got <= 0)
                {
                  /* Cannot happen with a file we wrote; silence beats a gap. */
                  memset (map.data + done, 0, size - done);
                  break;
                }
              done += got;
            }
          gst_buffer_unmap (buffer, &map);
          return buffer;
        }
      start += piece->n_samples;
    }

  return NULL;
}

/* Drops what the piece has, for its bytes to come again from the start. */
void
studio_speech_piece_reset (StudioSpeechPlayerPiece *piece)
{
  piece_disconnect (piece);
  if (piece->fd >= 0 && ftruncate (piece->fd, 0) != 0)
    g_debug ("Could not drop decoded speech: %s", g_strerror (errno));
  piece->n_samples = 0;
  piece->carry = -1;
  piece->complete = FALSE;
  piece_make_decoder (piece);
}

/**
 * studio_speech_player_get_piece_complete:
 * @piece: the piece's index
 *
 * Returns: whether the piece is all decoded (or failed, keeping what decoded)
 */
gboolean
studio_speech_player_get_piece_complete (StudioSpeechPlayer *self,
                                         guint               piece)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), FALSE);
  g_return_val_if_fail (piece < self->pieces->len, FALSE);

  return studio_speech_player_get_piece_at (self, piece)->complete;
}

/**
 * studio_speech_player_get_piece_start_us:
 * @piece: the piece's index
 *
 * Returns: where the piece starts on the timeline, in microseconds (it
 *   moves while a piece before it is still arriving)
 */
gint64
studio_speech_player_get_piece_start_us (StudioSpeechPlayer *self,
                                         guint               piece)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);
  g_return_val_if_fail (piece < self->pieces->len, 0);

  return studio_speech_samples_to_us (studio_speech_player_piece_start_sample (self, piece));
}

/**
 * studio_speech_player_get_piece_duration_us:
 * @piece: the piece's index
 *
 * Returns: how long what the piece decoded so far plays, in microseconds
 */
gint64
studio_speech_player_get_piece_duration_us (StudioSpeechPlayer *self,
                                            guint               piece)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);
  g_return_val_if_fail (piece < self->pieces->len, 0);

  return studio_speech_samples_to_us (studio_speech_player_get_piece_at (self, piece)->n_samples);
}

/**
 * studio_speech_player_get_n_pieces:
 *
 * Returns: how many pieces the clip has
 */
guint
studio_speech_player_get_n_pieces (StudioSpeechPlayer *self)
{
  g_return_val_if_fail (STUDIO_IS_SPEECH_PLAYER (self), 0);

  return self->pieces->len;
}

/**
 * studio_speech_player_push:
 * @piece: the piece's index
 * @bytes: the next bytes of the piece's encoded audio
 *
 * Hands the player more of a piece as it downloads; it plays as soon as it
 * is decoded (and the pieces before it are complete).
 */
void
studio_speech_player_push (StudioSpeechPlayer *self,
                           guint               piece,
                           GBytes             *bytes)
{
  StudioSpeechPlayerPiece *p;

  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));
  g_return_if_fail (piece < self->pieces->len);
  g_return_if_fail (bytes != NULL);

  p = studio_speech_player_get_piece_at (self, piece);
  if (p->complete)
    return;

  if (p->decoder != NULL)
    {
      studio_speech_decoder_push (p->decoder, bytes);
      return;
    }

  {
    gsize size;
    const guint8 *data = g_bytes_get_data (bytes, &size);

    studio_speech_piece_append (p, data, size);
    studio_speech_player_data_changed (self);
  }
}

/**
 * studio_speech_player_finish_piece:
 * @piece: the piece's index
 *
 * Says the piece's bytes are all there; it is complete once decoded.
 */
void
studio_speech_player_finish_piece (StudioSpeechPlayer *self,
                                   guint               piece)
{
  StudioSpeechPlayerPiece *p;

  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));
  g_return_if_fail (piece < self->pieces->len);

  p = studio_speech_player_get_piece_at (self, piece);
  if (p->complete)
    return;

  if (p->decoder != NULL)
    {
      studio_speech_decoder_finish (p->decoder);
      return;
    }

  /* A lone byte at the end of raw pcm is half a sample: dropped. */
  p->carry = -1;
  p->complete = TRUE;
  studio_speech_player_data_changed (self);
}

/**
 * studio_speech_player_finish:
 *
 * Says no more pieces will be added: once everything played, "eos".
 */
void
studio_speech_player_finish (StudioSpeechPlayer *self)
{
  g_return_if_fail (STUDIO_IS_SPEECH_PLAYER (self));

  if (self->finished)
    return;

  self->finished = TRUE;
  studio_speech_player_data_changed (self);
}
