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
#include "studio-model-catalog.h"

G_BEGIN_DECLS

/* A fuzz target, as each fuzz-<target>.c defines it (as `fuzz_target`).
 * fuzz-common.c defines libFuzzer's entry points for all of them:
 * LLVMFuzzerInitialize sets up the run (see fuzz_init() there) and calls
 * init, LLVMFuzzerTestOneInput hands each input to test_one_input.
 */
typedef struct
{
  /* (nullable): makes what every input shares, once */
  void (*init)           (void);
  /* checks one input, and frees all it made before returning */
  void (*test_one_input) (const guint8 *data,
                          gsize         size);
} FuzzTarget;

extern const FuzzTarget fuzz_target;

/* Declared for -Wmissing-prototypes; fuzz-common.c defines them. */
int                 LLVMFuzzerInitialize   (int            *argc,
                                            char         ***argv);
int                 LLVMFuzzerTestOneInput (const uint8_t  *data,
                                            size_t          size);

G_NORETURN
void                fuzz_fail              (const char     *format,
                                            ...) G_GNUC_PRINTF (1, 2);
void                fuzz_check_utf8        (const char     *what,
                                            const char     *text);
gboolean            fuzz_split_line        (const char    **cursor,
                                            const char     *end,
                                            const char    **line,
                                            gsize          *length);
GBytes             *fuzz_lookup_resource   (const char     *name);
StudioModelCatalog *fuzz_model_catalog_new (void);
void                fuzz_check_model       (StudioModel    *model);
void                fuzz_check_message     (StudioMessage  *message);

G_END_DECLS
