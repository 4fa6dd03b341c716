/* studio-file-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STUDIO_TYPE_FILE_LIST (studio_file_list_get_type ())

G_DECLARE_FINAL_TYPE (StudioFileList, studio_file_list, STUDIO, FILE_LIST, AdwBin)

void        studio_file_list_add       (StudioFileList *self,
                                        GFile          *file);
void        studio_file_list_remove    (StudioFileList *self,
                                        guint           position);
GListModel *studio_file_list_get_files (StudioFileList *self);
void        studio_file_list_set_status (StudioFileList *self,
                                         GFile          *file,
                                         const char     *status,
                                         double          fraction);

G_END_DECLS
