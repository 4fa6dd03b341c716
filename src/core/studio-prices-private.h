/* studio-prices-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-prices.h"

G_BEGIN_DECLS

/* What studio-prices.c (chat prices, loading, the default table),
 * studio-prices-image.c (image prices) and studio-prices-audio.c
 * (transcription and speech prices) share.
 */
struct _StudioPrices
{
  GArray *prices;   /* Price, chat models */
  GArray *images;   /* ImagePrice, image models */
  GArray *audio;    /* AudioPrice, transcription and speech models */
};

GArray   *studio_prices_image_array_new (void);
gboolean  studio_prices_load_images     (StudioPrices  *self,
                                         JsonArray     *images,
                                         GError       **error);
GArray   *studio_prices_audio_array_new (void);
gboolean  studio_prices_load_audio      (StudioPrices  *self,
                                         JsonArray     *audio,
                                         GError       **error);

G_END_DECLS
