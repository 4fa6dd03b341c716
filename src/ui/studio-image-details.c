/* studio-image-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "studio-image-details"

#include "config.h"

#include <glib/gi18n.h>

#include "studio-image-decode.h"
#include "studio-image-details.h"

/* Everything known of one gallery image, as rows: the prompt and what the
 * model made of it, every option sent, what the server said, usage and
 * cost, its file, and its lineage (what it was made from, what was made
 * from it), each lineage row of which opens that image. The lineage and
 * its thumbnails load on workers, all cancelled when the record changes.
 */
struct _StudioImageDetails
{
  AdwBin               parent_instance;

  /* Owned references */
  StudioImageRecord   *record;
  StudioContext       *context;
  GCancellable        *cancellable;
  GPtrArray           *rows;           /* the rows added for this record */

  /* Template widgets */
  GtkLabel            *prompt_label;
  AdwPreferencesGroup *revised_group;
  GtkLabel            *revised_label;
  AdwActionRow        *model_row;
  AdwActionRow        *endpoint_row;
  AdwActionRow        *created_row;
  AdwActionRow        *size_row;
  AdwActionRow        *state_row;
  AdwActionRow        *file_row;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *server_group;
  AdwActionRow        *input_row;
  AdwActionRow        *output_row;
  AdwActionRow        *cost_row;
  AdwPreferencesGroup *made_from_group;
  AdwPreferencesGroup *used_by_group;
};

G_DEFINE_FINAL_TYPE (StudioImageDetails, studio_image_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define THUMBNAIL_SIDE 48

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
    {
      if (g_str_equal (option_titles[i].name, name))
        return _(option_titles[i].title);
    }

  return name;
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

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("None"));

  return json_to_string (node, FALSE);
}

static const char *
endpoint_label (const char *endpoint)
{
  if (g_strcmp0 (endpoint, "edits") == 0)
    return _("Edited (/images/edits)");
  if (g_strcmp0 (endpoint, "variations") == 0)
    return _("Variation (/images/variations)");
  return _("Generated (/images/generations)");
}

static char *
format_tokens (gint64 count)
{
  return count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup (_("Not said"));
}

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  adw_action_row_set_subtitle (row, value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL);
}

static GtkWidget *
add_row (StudioImageDetails  *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
  g_ptr_array_add (self->rows, row);

  return row;
}

static void
add_object_rows (StudioImageDetails  *self,
                 AdwPreferencesGroup *group,
                 JsonObject          *object)
{
  g_autoptr(GList) names = NULL;

  if (object == NULL)
    return;

  names = json_object_get_members (object);
  for (GList *l = names; l; l = l->next)
    {
      g_autofree char *value = NULL;

      /* Said above: the local time it was stored, the revised prompt. */
      if (g_str_equal (l->data, "created") || g_str_equal (l->data, "revised_prompt"))
        continue;

      value = node_to_text (json_object_get_member (object, l->data));
      add_row (self, group, option_title (l->data), value);
    }
}

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkImage) image = user_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pixbuf = studio_image_decode_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pixbuf == NULL)
    {
      g_debug ("No thumbnail: %s", error->message);
      gtk_image_set_from_icon_name (image, "image-missing-symbolic");
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
  gtk_image_set_pixel_size (image, THUMBNAIL_SIDE);
  gtk_widget_remove_css_class (GTK_WIDGET (image), "dim-label");
}

static void
lineage_row_activated_cb (AdwActionRow       *row,
                          StudioImageDetails *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "image-id");

  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, *id);
}

/* A row for another gallery image: its thumbnail and prompt, opening it
 * when activated. @record is %NULL for a source that is not in the gallery.
 */
static void
add_lineage_row (StudioImageDetails  *self,
                 AdwPreferencesGroup *group,
                 StudioImageRecord   *record,
                 const char          *title,
                 const char          *relation)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *image;
  GtkWidget *row;

  if (record != NULL)
    subtitle = g_strdup_printf ("%s · %s", relation, studio_image_record_get_model (record));
  row = add_row (self, group, record ? studio_image_record_get_prompt (record) : title,
                 subtitle ? subtitle : relation);
  gtk_widget_remove_css_class (row, "property");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  /* An icon, smaller, until the thumbnail is there (or for a file outside). */
  image = gtk_image_new_from_icon_name (record ? "image-x-generic-symbolic"
                                               : "folder-pictures-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (image), THUMBNAIL_SIDE / 2);
  gtk_widget_set_size_request (image, THUMBNAIL_SIDE, THUMBNAIL_SIDE);
  gtk_widget_add_css_class (image, "dim-label");
  gtk_widget_set_margin_top (image, 6);
  gtk_widget_set_margin_bottom (image, 6);
  gtk_widget_set_overflow (image, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Thumbnail"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);

  if (record == NULL)
    return;

  if (studio_image_record_get_file (record) != NULL && !studio_image_record_get_missing (record))
    {
      g_autoptr(GFile) file = g_file_new_for_path (studio_image_record_get_file (record));

      studio_image_decode_async (NULL, file, THUMBNAIL_SIDE * 2, self->cancellable,
                                 thumbnail_cb, g_object_ref (image));
    }
  else
    gtk_image_set_from_icon_name (GTK_IMAGE (image), "image-missing-symbolic");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "image-id",
                          g_memdup2 (&(gint64) { studio_image_record_get_id (record) },
                                     sizeof (gint64)),
                          g_free);
  g_signal_connect (row, "activated", G_CALLBACK (lineage_row_activated_cb), self);
}

static void
add_lineage_error (StudioImageDetails  *self,
                   AdwPreferencesGroup *group,
                   const GError        *error)
{
  g_autofree char *text = g_strdup_printf (_("%s Close the image and open it again to retry."),
                                           error->message);

  add_row (self, group, _("Could Not Be Read"), text);
}

static void
source_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(StudioImageDetails) self = user_data;
  g_autoptr(StudioImageRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = studio_image_store_record_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (record == NULL)
    {
      g_debug ("A source is not in the gallery: %s", error->message);
      add_lineage_row (self, self->made_from_group, NULL, _("A Deleted Image"),
                       _("Source image, no longer in the gallery"));
      return;
    }

  add_lineage_row (self, self->made_from_group, record, NULL, _("Source image"));
}

/* The source images, after the parents: those from the gallery as rows
 * that open them, files from outside by their name.
 */
static void
load_sources (StudioImageDetails *self)
{
  StudioImageStore *store = studio_context_get_image_store (self->context);
  gint64 parent_id = studio_image_record_get_parent_id (self->record);
  JsonArray *sources = studio_image_record_get_sources (self->record);

  for (guint i = 0; sources && i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);
      gint64 source_id;

      if (source == NULL)
        continue;

      source_id = json_object_get_int_member_with_default (source, "image_id", 0);
      /* The parent is listed already, and usually was the source too. */
      if (source_id > 0 && source_id != parent_id)
        studio_image_store_get_async (store, source_id, self->cancellable, source_cb,
                                      g_object_ref (self));
      else if (source_id <= 0)
        add_lineage_row (self, self->made_from_group, NULL,
                         json_object_get_string_member_with_default (source, "name",
                                                                     _("Unnamed File")),
                         _("A file from outside the gallery"));
    }
}

static void
ancestors_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StudioImageDetails) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = studio_image_store_list_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (records == NULL)
    add_lineage_error (self, self->made_from_group, error);

  /* The first is the image itself; then its parent, that one's parent… */
  for (guint i = 1; records && i < records->len; i++)
    add_lineage_row (self, self->made_from_group, g_ptr_array_index (records, i), NULL,
                     i == 1 ? _("Parent") : _("Earlier ancestor"));

  load_sources (self);
}

static void
derived_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(StudioImageDetails) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = studio_image_store_list_finish (STUDIO_IMAGE_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (records == NULL)
    {
      add_lineage_error (self, self->used_by_group, error);
      return;
    }

  for (guint i = 0; i < records->len; i++)
    add_lineage_row (self, self->used_by_group, g_ptr_array_index (records, i), NULL,
                     _("Made from this image"));
}

static void
load_lineage (StudioImageDetails *self)
{
  StudioImageStore *store = studio_context_get_image_store (self->context);
  gint64 id = studio_image_record_get_id (self->record);

  if (id <= 0)
    return;

  studio_image_store_list_lineage_async (store, id, self->cancellable, ancestors_cb,
                                         g_object_ref (self));
  studio_image_store_list_derived_async (store, id, self->cancellable, derived_cb,
                                         g_object_ref (self));
}

static void
studio_image_details_clear (StudioImageDetails *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  /* Each shows again once a row is added to it. */
  gtk_widget_set_visible (GTK_WIDGET (self->options_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->server_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->made_from_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->used_by_group), FALSE);
}

static void
studio_image_details_dispose (GObject *object)
{
  StudioImageDetails *self = (StudioImageDetails *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->record);
  g_clear_object (&self->context);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), STUDIO_TYPE_IMAGE_DETAILS);

  G_OBJECT_CLASS (studio_image_details_parent_class)->dispose (object);
}

static void
studio_image_details_finalize (GObject *object)
{
  StudioImageDetails *self = (StudioImageDetails *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (studio_image_details_parent_class)->finalize (object);
}

static void
studio_image_details_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StudioImageDetails *self = STUDIO_IMAGE_DETAILS (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_image_details_class_init (StudioImageDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = studio_image_details_dispose;
  object_class->finalize = studio_image_details_finalize;
  object_class->get_property = studio_image_details_get_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, STUDIO_TYPE_IMAGE_RECORD,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StudioImageDetails::record-activated:
   * @id: the gallery image chosen in the lineage
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/studio-image-details.ui");
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, revised_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, revised_label);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, model_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, created_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, size_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, state_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, file_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, options_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, server_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, input_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, output_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, cost_row);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, made_from_group);
  gtk_widget_class_bind_template_child (widget_class, StudioImageDetails, used_by_group);
}

static void
studio_image_details_init (StudioImageDetails *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  studio_image_details_set_record (self, NULL, NULL);
}

GtkWidget *
studio_image_details_new (void)
{
  return g_object_new (STUDIO_TYPE_IMAGE_DETAILS, NULL);
}

static void
show_usage (StudioImageDetails *self)
{
  const StudioImageUsage *usage = studio_image_record_get_usage (self->record);
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  double cost;

  /* DALL·E models report no usage at all: then there are no rows for it. */
  if (usage->input_text_tokens >= 0 || usage->input_image_tokens >= 0)
    {
      g_autofree char *text = format_tokens (usage->input_text_tokens);
      g_autofree char *image = format_tokens (usage->input_image_tokens);

      /* Translators: the tokens of the prompt's text, then of its source images */
      input = g_strdup_printf (_("%s text, %s image"), text, image);
    }
  else if (usage->input_tokens >= 0)
    input = format_tokens (usage->input_tokens);
  set_value (self->input_row, input);

  if (usage->output_tokens >= 0)
    output = format_tokens (usage->output_tokens);
  set_value (self->output_row, output);

  if (studio_image_record_get_cost (self->record, &cost))
    {
      g_autofree char *text = g_strdup_printf ("$%.4f", cost);

      set_value (self->cost_row, text);
    }
  else
    set_value (self->cost_row, _("Not priced: no price for this model was known when the "
                                 "image was made"));
}

/**
 * studio_image_details_set_record:
 * @context: (nullable): the context whose image store holds @record, for
 *   its lineage
 * @record: (nullable): the image to describe
 *
 * Shows @record, cancelling what was still loading for the one before.
 */
void
studio_image_details_set_record (StudioImageDetails *self,
                                 StudioContext      *context,
                                 StudioImageRecord  *record)
{
  const char *revised;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *date = NULL;
  g_autofree char *size = NULL;
  g_autofree char *state = NULL;

  g_return_if_fail (STUDIO_IS_IMAGE_DETAILS (self));
  g_return_if_fail (context == NULL || STUDIO_IS_CONTEXT (context));
  g_return_if_fail (record == NULL || STUDIO_IS_IMAGE_RECORD (record));

  studio_image_details_clear (self);
  g_set_object (&self->context, context);
  if (g_set_object (&self->record, record))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);

  gtk_widget_set_visible (adw_bin_get_child (ADW_BIN (self)), record != NULL);
  if (record == NULL)
    return;

  self->cancellable = g_cancellable_new ();

  gtk_label_set_text (self->prompt_label, studio_image_record_get_prompt (record));
  revised = studio_image_record_get_revised_prompt (record);
  gtk_label_set_text (self->revised_label, revised ? revised : "");
  gtk_widget_set_visible (GTK_WIDGET (self->revised_group), revised != NULL && *revised != '\0');

  set_value (self->model_row, studio_image_record_get_model (record));
  set_value (self->endpoint_row, endpoint_label (studio_image_record_get_endpoint (record)));
  created = g_date_time_new_from_unix_local (studio_image_record_get_created (record) /
                                             G_USEC_PER_SEC);
  /* Translators: the date and time an image was made, in g_date_time_format() codes */
  date = created ? g_date_time_format (created, _("%-d %B %Y, %X")) : NULL;
  set_value (self->created_row, date);
  if (studio_image_record_get_width (record) > 0)
    size = g_strdup_printf ("%u × %u", studio_image_record_get_width (record),
                            studio_image_record_get_height (record));
  set_value (self->size_row, size);

  switch (studio_image_record_get_state (record))
    {
    case STUDIO_IMAGE_STATE_PARTIAL:
      state = g_strdup (_("Partial: the stream stopped before the image was finished"));
      break;

    case STUDIO_IMAGE_STATE_DOWNLOAD_FAILED:
      state = g_strdup_printf (_("Download failed: %s"),
                               studio_image_record_get_url (record)
                               ? studio_image_record_get_url (record) : _("no address kept"));
      break;

    case STUDIO_IMAGE_STATE_COMPLETE:
    default:
      break;
    }
  set_value (self->state_row, state);

  if (studio_image_record_get_file (record) == NULL)
    set_value (self->file_row, _("None: the image was not downloaded"));
  else if (studio_image_record_get_missing (record))
    set_value (self->file_row, _("Missing: it was moved or deleted outside the app"));
  else
    set_value (self->file_row, studio_image_record_get_file (record));

  add_object_rows (self, self->options_group, studio_image_record_get_options (record));
  add_object_rows (self, self->server_group, studio_image_record_get_details (record));
  show_usage (self);

  if (context != NULL)
    load_lineage (self);
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
