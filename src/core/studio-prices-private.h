/* studio-prices-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "studio-prices.h"

G_BEGIN_DECLS

/* What studio-prices.c (chat prices, loading, the default table) and
 * studio-prices-image.c (image prices) share.
 */
struct _StudioPrices
{
  GArray *prices;   /* Price, chat models */
  GArray *images;   /* ImagePrice, image models */
};

GArray   *studio_prices_image_array_new (void);
gboolean  studio_prices_load_images     (StudioPrices  *self,
                                         JsonArray     *images,
                                         GError       **error);

G_END_DECLS
