/* studio-transcribe-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_TRANSCRIBE_PAGE (studio_transcribe_page_get_type ())

G_DECLARE_FINAL_TYPE (StudioTranscribePage, studio_transcribe_page, STUDIO, TRANSCRIBE_PAGE, AdwBin)

void studio_transcribe_page_open_file (StudioTranscribePage *self,
                                       GFile                *file);

G_END_DECLS
