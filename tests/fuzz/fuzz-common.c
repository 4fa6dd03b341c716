/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-fuzz"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "studio-client.h"
#include "studio-json.h"
#include "studio-utils.h"

#include "fuzz-common.h"

/* What every fuzz target shares: libFuzzer's entry points, a log writer
 * that makes a critical a crash, an assertion helper that libFuzzer
 * reports as one, and small parsing helpers for the targets' input formats.
 */

static gboolean verbose;

static gboolean
domain_is_ours (const char *domain,
                gssize      length)
{
  gsize n = length < 0 ? (domain ? strlen (domain) : 0) : (gsize) length;

  return domain != NULL && n >= 6 && strncmp (domain, "studio", 6) == 0;
}

/* A critical or an error, from anyone, is a bug: it aborts, and libFuzzer
 * saves the input. A warning from a library means we misused it, so it
 * aborts too. Our own warnings (a skipped malformed event, a refused file)
 * are what bad input is expected to cause, and are dropped like messages
 * and debug output, unless FUZZ_VERBOSE is set.
 */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  const char *domain = NULL;
  gssize domain_length = -1;
  gboolean fatal;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        {
          domain = fields[i].value;
          domain_length = fields[i].length;
        }
    }

  fatal = (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0 ||
          ((log_level & G_LOG_LEVEL_WARNING) && !domain_is_ours (domain, domain_length));

  if (fatal || verbose)
    g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  if (fatal)
    {
      fprintf (stderr, "fuzz: a %s was logged; aborting\n",
               (log_level & G_LOG_LEVEL_WARNING) ? "library warning" : "critical");
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

/* Installs the log writer and keeps the environment out of the run. */
static void
fuzz_init (char **argv)
{
  /* GSlice keeps freed blocks in magazines, and the stale pointers in them
   * hide leaks from LeakSanitizer; with plain malloc it sees every block.
   * UBSan only warns unless told to halt. Both are read once, before main()
   * is reached, so a target started without them (by hand, say) starts
   * itself again with them; build-aux/fuzz.sh sets them already.
   */
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0 ||
      g_getenv ("UBSAN_OPTIONS") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      g_setenv ("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1", FALSE);
      execv ("/proc/self/exe", argv);
      fprintf (stderr, "fuzz: cannot restart with G_SLICE and UBSAN_OPTIONS set: %s\n",
               g_strerror (errno));
    }

  verbose = g_getenv ("FUZZ_VERBOSE") != NULL;

  /* No GIO modules (gvfs, dconf, proxy resolvers): they talk to D-Bus and
   * cache things we would then report as leaks.
   */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_setenv ("GIO_MODULE_DIR", "/nonexistent", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  studio_core_ensure_resources ();
}

/* libFuzzer calls it once, before the first input. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (*argv);
  if (fuzz_target.init != NULL)
    fuzz_target.init ();

  return 0;
}

/* libFuzzer calls it with each input; 0 keeps the input in the corpus. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_target.test_one_input (data, size);

  return 0;
}

/**
 * fuzz_fail:
 * @format: what went wrong
 *
 * Reports a broken invariant and aborts, so libFuzzer saves the input.
 */
void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  fputs ("fuzz: invariant broken: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/**
 * fuzz_check_utf8:
 * @what: the name of the text, for the report
 * @text: (nullable): text the UI will show
 *
 * GTK takes only valid UTF-8, so whatever a getter hands to the UI must be.
 */
void
fuzz_check_utf8 (const char *what,
                 const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    fuzz_fail ("%s is not valid UTF-8", what);
}

/**
 * fuzz_split_line:
 * @cursor: (inout): where the next line starts; moved past its line break
 * @end: the end of the input
 * @line: (out): the line, without its line break (not nul-terminated)
 * @length: (out): its length
 *
 * Returns: %FALSE when the input is used up
 */
gboolean
fuzz_split_line (const char **cursor,
                 const char  *end,
                 const char **line,
                 gsize       *length)
{
  const char *newline;

  if (*cursor >= end)
    return FALSE;

  newline = memchr (*cursor, '\n', end - *cursor);
  *line = *cursor;
  *length = (newline ? newline : end) - *cursor;
  *cursor = newline ? newline + 1 : end;

  return TRUE;
}

/**
 * fuzz_lookup_resource:
 * @name: a file of the core resource, such as "prices.json"
 *
 * Returns: (transfer full): its bytes; a missing one is a build bug
 */
GBytes *
fuzz_lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (!(bytes = g_resources_lookup_data (path, 0, &error)))
    fuzz_fail ("cannot read %s: %s", path, error->message);

  return bytes;
}

/**
 * fuzz_model_catalog_new:
 *
 * The catalog asks nothing of its client here: it is only fed answers.
 *
 * Returns: (transfer full): a catalog with the built-in rules, over a
 *   client of its own
 */
StudioModelCatalog *
fuzz_model_catalog_new (void)
{
  g_autoptr(StudioClient) client = studio_client_new ();

  return studio_model_catalog_new (client);
}

/**
 * fuzz_check_model:
 * @model: a model from the catalog
 *
 * Reads @model through every accessor the UI and the requests use.
 */
void
fuzz_check_model (StudioModel *model)
{
  static const char * const capabilities[] = { "vision", "diarization", "stream", "tools" };
  static const char * const parameters[] = {
    "temperature", "top_p", "max_completion_tokens", "reasoning_effort", "response_format",
  };
  g_autoptr(GList) names = NULL;
  StudioModelKind kind;

  if (studio_model_get_id (model) == NULL)
    fuzz_fail ("a model without an id");
  fuzz_check_utf8 ("model id", studio_model_get_id (model));
  fuzz_check_utf8 ("owned by", studio_model_get_owned_by (model));
  fuzz_check_utf8 ("shutdown date", studio_model_get_shutdown_date (model));
  fuzz_check_utf8 ("family", studio_model_get_family (model));
  fuzz_check_utf8 ("system role", studio_model_get_system_role (model));
  (void) studio_model_get_created (model);
  (void) studio_model_get_known (model);

  kind = studio_model_get_kind (model);
  if (kind < STUDIO_MODEL_KIND_OTHER || kind > STUDIO_MODEL_KIND_SPEECH)
    fuzz_fail ("model kind %d is not a StudioModelKind", kind);

  for (guint i = 0; i < G_N_ELEMENTS (capabilities); i++)
    (void) studio_model_has_capability (model, capabilities[i]);
  for (guint i = 0; i < G_N_ELEMENTS (parameters); i++)
    (void) studio_model_accepts_parameter (model, parameters[i]);

  /* A listed parameter whose description is not an object has no rule;
   * the parameter list skips it, as it skips types it does not know.
   */
  names = studio_model_list_parameters (model);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      fuzz_check_utf8 ("parameter name", l->data);
      (void) studio_model_get_parameter (model, l->data);
    }
}

/**
 * fuzz_check_message:
 * @message: a message
 *
 * Reads @message through the typed accessors the UI uses; whatever they
 * hand out is shown, so it must be UTF-8.
 */
void
fuzz_check_message (StudioMessage *message)
{
  JsonArray *tool_calls;
  GPtrArray *attachments;
  gint64 input_tokens, output_tokens;
  StudioMessageState state;

  fuzz_check_utf8 ("role", studio_message_get_role (message));
  fuzz_check_utf8 ("content", studio_message_get_content (message));
  fuzz_check_utf8 ("model", studio_message_get_model (message));
  fuzz_check_utf8 ("finish reason", studio_message_get_finish_reason (message));
  fuzz_check_utf8 ("refusal", studio_message_get_refusal (message));
  fuzz_check_utf8 ("error message", studio_message_get_error_message (message));
  fuzz_check_utf8 ("error details", studio_message_get_error_details (message));
  fuzz_check_utf8 ("error param", studio_message_get_error_param (message));
  (void) studio_message_get_error_code (message);
  (void) studio_message_get_usage (message, &input_tokens, &output_tokens);
  (void) studio_message_get_usage (message, NULL, NULL);

  state = studio_message_get_state (message);
  if (state < STUDIO_MESSAGE_STATE_COMPLETE || state > STUDIO_MESSAGE_STATE_FAILED)
    fuzz_fail ("message state %d is not a StudioMessageState", state);

  /* Tool calls, whether merged from a stream or read back from the
   * history, are objects with a "function" object.
   */
  if ((tool_calls = studio_message_get_tool_calls (message)))
    {
      for (guint i = 0; i < json_array_get_length (tool_calls); i++)
        {
          JsonNode *node = json_array_get_element (tool_calls, i);
          JsonObject *call = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          JsonObject *function = studio_json_get_object (call, "function");

          if (function == NULL)
            continue;
          fuzz_check_utf8 ("tool call id", studio_json_get_string (call, "id"));
          fuzz_check_utf8 ("tool call name", studio_json_get_string (function, "name"));
          fuzz_check_utf8 ("tool call arguments",
                           studio_json_get_string (function, "arguments"));
        }
    }

  attachments = studio_message_get_attachments (message);
  for (guint i = 0; i < attachments->len; i++)
    {
      StudioAttachment *attachment = g_ptr_array_index (attachments, i);

      fuzz_check_utf8 ("attachment name", attachment->name);
      fuzz_check_utf8 ("attachment text", attachment->text);
    }
}
