/* studio-prices.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "studio-image-result.h"
#include "studio-message.h"

G_BEGIN_DECLS

typedef struct _StudioPrices StudioPrices;

StudioPrices *studio_prices_get_default    (void);
gboolean      studio_prices_reload_default (GError       **error);
char         *studio_prices_dup_user_path  (void);
StudioPrices *studio_prices_new            (void);
gboolean      studio_prices_load           (StudioPrices  *self,
                                            const char    *json,
                                            gssize         length,
                                            GError       **error);
double        studio_prices_estimate       (StudioPrices  *self,
                                            const char    *model,
                                            gint64         input_tokens,
                                            gint64         output_tokens);
double        studio_prices_estimate_message (StudioPrices  *self,
                                              StudioMessage *message,
                                              gint64        *tokens);
void          studio_prices_sum_messages   (StudioPrices  *self,
                                            GListModel    *messages,
                                            gint64        *tokens,
                                            double        *cost,
                                            gboolean      *priced);
gboolean      studio_prices_estimate_image (StudioPrices            *self,
                                            const char              *model,
                                            const char              *prompt,
                                            JsonObject              *options,
                                            guint                    n_sources,
                                            double                  *cost);
gboolean      studio_prices_image_usage_cost (StudioPrices           *self,
                                              const char             *model,
                                              const StudioImageUsage *usage,
                                              JsonObject             *options,
                                              guint                   n_images,
                                              double                 *cost);
double        studio_prices_transcription_cost (StudioPrices *prices,
                                                const char   *model,
                                                JsonObject   *usage,
                                                double        duration_seconds);
double        studio_prices_speech_cost    (StudioPrices  *prices,
                                            const char    *model,
                                            JsonObject    *usage,
                                            gsize          n_chars);
void          studio_prices_free           (StudioPrices  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StudioPrices, studio_prices_free)

G_END_DECLS
