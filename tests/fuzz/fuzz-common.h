/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "studio-message.h"
#include "studio-model.h"

G_BEGIN_DECLS

/* libFuzzer's entry points, declared for -Wmissing-prototypes. Each target
 * defines both: LLVMFuzzerInitialize calls fuzz_init (*argv) and makes what every
 * input shares, LLVMFuzzerTestOneInput frees all it made before returning.
 */
int        LLVMFuzzerInitialize   (int            *argc,
                                   char         ***argv);
int        LLVMFuzzerTestOneInput (const uint8_t  *data,
                                   size_t          size);

void       fuzz_init              (char          **argv);
G_NORETURN
void       fuzz_fail              (const char     *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void       fuzz_check_utf8        (const char     *what,
                                   const char     *text);
gboolean   fuzz_split_line        (const char    **cursor,
                                   const char     *end,
                                   const char    **line,
                                   gsize          *length);
GBytes    *fuzz_lookup_resource   (const char     *name);
void       fuzz_check_model       (StudioModel    *model);
void       fuzz_check_message     (StudioMessage  *message);

G_END_DECLS
