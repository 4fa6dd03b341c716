/* studio-image-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-details"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-details.h"
#include "studio-json.h"

/* Everything known of one gallery image, as rows: the prompt and what the
 * model made of it, every option sent, what the server said, usage and
 * cost, its file, and its lineage (what it was made from, what was made
 * from it), each row of which opens that image.
 */
struct _StudioImageDetails
{
  AdwBin              parent_instance;

  /* Owned references */
  StudioImageRecord  *record;
  GCancellable       *cancellable;
  GPtrArray          *groups;

  /* Borrowed: the child, made anew for each record */
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (StudioImageDetails, studio_image_details, ADW_TYPE_BIN)

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *name;
  const char *title;
} option_titles[] = {
  { "size", N_("Size") },
  { "quality", N_("Quality") },
  { "background", N_("Background") },
  { "output_format", N_("Format") },
  { "output_compression", N_("Compression") },
  { "moderation", N_("Moderation") },
  { "n", N_("Number of Images") },
  { "style", N_("Style") },
  { "response_format", N_("Response Format") },
  { "input_fidelity", N_("Input Fidelity") },
  { "partial_images", N_("Partial Images") },
  { "stream", N_("Stream") },
};

static const char *
option_title (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (option_titles); i++)
    if (g_str_equal (option_titles[i].name, name))
      return _(option_titles[i].title);

  return name;
}

static AdwPreferencesGroup *
add_group (StudioImageDetails *self,
           const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);

  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);

  return row;
}

static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }

  return json_to_string (node, FALSE);
}

static const char *
endpoint_label (const char *endpoint)
{
  if (g_strcmp0 (endpoint, "edits") == 0)
    return _("Edited");
  if (g_strcmp0 (endpoint, "variations") == 0)
    return _("Variation");
  return _("Generated");
}

static void
lineage_row_activated_cb (AdwActionRow       *row,
                          StudioImageDetails *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "image-id"));

  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, id);
}

static void
add_lineage_row (StudioImageDetails  *self,
                 AdwPreferencesGroup *group,
                 StudioImageRecord   *record,
                 const char          *relation)
{
  GtkWidget *row = add_row (group, studio_image_record_get_prompt (record), relation);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_remove_css_class (row, "property");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "image-id",
                     GSIZE_TO_POINTER ((gsize) studio_image_record_get_id (record)));
  g_signal_connect (row, "activated", G_CALLBACK (lineage_row_activated_cb), self);
}

typedef struct
{
  StudioImageDetails  *self;
  AdwPreferencesGroup *group;
  const char          *relation;
} Lineage;

static void
lineage_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Lineage *lineage = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = studio_image_store_list_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (records != NULL && g_ptr_array_find (lineage->self->groups, lineage->group, NULL))
    {
      for (guint i = 0; i < records->len; i++)
        {
          StudioImageRecord *record = g_ptr_array_index (records, i);

          if (studio_image_record_get_id (record) == studio_image_record_get_id (lineage->self->record))
            continue;
          add_lineage_row (lineage->self, lineage->group, record, _(lineage->relation));
          gtk_widget_set_visible (GTK_WIDGET (lineage->group), TRUE);
        }
    }

  g_object_unref (lineage->self);
  g_free (lineage);
}

static void
load_lineage (StudioImageDetails *self,
              StudioImageStore   *store,
              gboolean            derived)
{
  Lineage *lineage = g_new0 (Lineage, 1);

  lineage->self = g_object_ref (self);
  lineage->group = add_group (self, derived ? _("Used By") : _("Made From"));
  lineage->relation = derived ? N_("Made from this image") : N_("This image was made from it");
  gtk_widget_set_visible (GTK_WIDGET (lineage->group), FALSE);

  if (derived)
    studio_image_store_list_derived_async (store, studio_image_record_get_id (self->record),
                                           self->cancellable, lineage_cb, lineage);
  else
    studio_image_store_list_lineage_async (store, studio_image_record_get_id (self->record),
                                           self->cancellable, lineage_cb, lineage);
}

static void
studio_image_details_clear (StudioImageDetails *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_set_size (self->groups, 0);
  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Image Details"), -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->page));
}

static void
studio_image_details_dispose (GObject *object)
{
  StudioImageDetails *self = (StudioImageDetails *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->record);

  G_OBJECT_CLASS (studio_image_details_parent_class)->dispose (object);
}

static void
studio_image_details_finalize (GObject *object)
{
  StudioImageDetails *self = (StudioImageDetails *) object;

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_image_details_parent_class)->finalize (object);
}

static void
studio_image_details_class_init (StudioImageDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_image_details_dispose;
  object_class->finalize = studio_image_details_finalize;

  /**
   * StudioImageDetails::record-activated:
   * @id: the gallery image chosen in the lineage
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
studio_image_details_init (StudioImageDetails *self)
{
  self->groups = g_ptr_array_new ();
  studio_image_details_clear (self);
}

GtkWidget *
studio_image_details_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_DETAILS, NULL);
}

/**
 * studio_image_details_set_record:
 * @context: the context whose image store holds @record
 * @record: (nullable): the image to describe
 */
void
studio_image_details_set_record (StudioImageDetails *self,
                                 StudioContext      *context,
                                 StudioImageRecord  *record)
{
  const StudioImageUsage *usage;
  AdwPreferencesGroup *group;
  JsonObject *options;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  double cost;

  g_return_if_fail (STUDIO_IS_IMAGE_DETAILS (self));

  studio_image_details_clear (self);
  g_set_object (&self->record, record);
  if (record == NULL)
    return;

  self->cancellable = g_cancellable_new ();

  group = add_group (self, _("Prompt"));
  add_row (group, endpoint_label (studio_image_record_get_endpoint (record)),
           studio_image_record_get_prompt (record));
  if (studio_image_record_get_revised_prompt (record) != NULL)
    add_row (group, _("Revised by the Model"), studio_image_record_get_revised_prompt (record));

  group = add_group (self, _("Image"));
  add_row (group, _("Model"), studio_image_record_get_model (record));
  created = g_date_time_new_from_unix_local (studio_image_record_get_created (record) / G_USEC_PER_SEC);
  date = created ? g_date_time_format (created, "%x %X") : NULL;
  add_row (group, _("Created"), date);
  if (studio_image_record_get_width (record) > 0)
    {
      size = g_strdup_printf ("%u × %u", studio_image_record_get_width (record),
                              studio_image_record_get_height (record));
      add_row (group, _("Pixels"), size);
    }
  switch (studio_image_record_get_state (record))
    {
    case STUDIO_IMAGE_STATE_PARTIAL:
      add_row (group, _("State"), _("Partial: the stream stopped before the image was finished"));
      break;
    case STUDIO_IMAGE_STATE_DOWNLOAD_FAILED:
      add_row (group, _("State"), _("Not downloaded"));
      add_row (group, _("Address"), studio_image_record_get_url (record));
      break;
    case STUDIO_IMAGE_STATE_COMPLETE:
    default:
      break;
    }
  add_row (group, _("File"), studio_image_record_get_missing (record)
                             ? _("Missing")
                             : studio_image_record_get_file (record));

  options = studio_image_record_get_options (record);
  if (options != NULL && json_object_get_size (options) > 0)
    {
      g_autoptr(GList) names = json_object_get_members (options);

      group = add_group (self, _("Options Sent"));
      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *value = node_to_text (json_object_get_member (options, l->data));

          add_row (group, option_title (l->data), value);
        }
    }

  options = studio_image_record_get_details (record);
  if (options != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (options);

      group = NULL;
      for (GList *l = names; l; l = l->next)
        {
          g_autofree char *value = NULL;

          /* Said above, as the local time it was stored. */
          if (g_str_equal (l->data, "created"))
            continue;

          if (group == NULL)
            group = add_group (self, _("What the Server Made"));
          value = node_to_text (json_object_get_member (options, l->data));
          add_row (group, option_title (l->data), value);
        }
    }

  group = add_group (self, _("Usage and Cost"));
  usage = studio_image_record_get_usage (record);
  if (usage->input_tokens >= 0 || usage->output_tokens >= 0)
    {
      g_autofree char *input = g_strdup_printf (_("%" G_GINT64_FORMAT " text, %" G_GINT64_FORMAT
                                                  " image"),
                                                MAX (usage->input_text_tokens, 0),
                                                MAX (usage->input_image_tokens, 0));
      g_autofree char *output = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 MAX (usage->output_tokens, 0));

      add_row (group, _("Input Tokens"), input);
      add_row (group, _("Output Tokens"), output);
    }
  if (studio_image_record_get_cost (record, &cost))
    {
      g_autofree char *text = cost < 0.01 ? g_strdup_printf ("$%.4f", cost)
                                          : g_strdup_printf ("$%.3f", cost);

      add_row (group, _("Cost"), text);
    }
  else
    add_row (group, _("Cost"), _("Not priced: add the model to your prices file"));

  if (context != NULL)
    {
      load_lineage (self, studio_context_get_image_store (context), FALSE);
      load_lineage (self, studio_context_get_image_store (context), TRUE);
    }
}

/**
 * studio_image_details_get_record:
 *
 * Returns: (transfer none) (nullable): the image described
 */
StudioImageRecord *
studio_image_details_get_record (StudioImageDetails *self)
{
  g_return_val_if_fail (STUDIO_IS_IMAGE_DETAILS (self), NULL);

  return self->record;
}
