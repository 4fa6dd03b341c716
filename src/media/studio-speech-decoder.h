/* studio-speech-decoder.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every decoder gives back, whatever it was fed: interleaved signed
 * 16-bit little-endian samples, mono, at 24 kHz (the rate of the speech
 * service's own "pcm").
 */
#define STUDIO_SPEECH_DECODER_RATE     24000
#define STUDIO_SPEECH_DECODER_CHANNELS 1
#define STUDIO_SPEECH_DECODER_BYTES_PER_SECOND (STUDIO_SPEECH_DECODER_RATE * 2)

#define STUDIO_TYPE_SPEECH_DECODER (studio_speech_decoder_get_type ())

G_DECLARE_FINAL_TYPE (StudioSpeechDecoder, studio_speech_decoder, STUDIO, SPEECH_DECODER, GObject)

StudioSpeechDecoder *studio_speech_decoder_new         (const char          *format);
const char          *studio_speech_decoder_get_format  (StudioSpeechDecoder *self);
void                 studio_speech_decoder_push        (StudioSpeechDecoder *self,
                                                        GBytes              *bytes);
void                 studio_speech_decoder_finish      (StudioSpeechDecoder *self);
void                 studio_speech_decoder_cancel      (StudioSpeechDecoder *self);
guint64              studio_speech_decoder_get_n_samples (StudioSpeechDecoder *self);

gboolean             studio_speech_format_can_decode   (const char          *format);
gboolean             studio_speech_format_can_encode   (const char          *format);
const char          *studio_speech_format_get_fallback (void);

G_END_DECLS
