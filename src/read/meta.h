/*
 * meta.h — metadata beside a corpus (see dl_reader_config.metadata): a
 * CSV or TSV table read once, looked up by file name or document id.
 */
#ifndef DL_READ_META_H
#define DL_READ_META_H

#include "dl.h"

typedef struct dl__meta dl__meta;

typedef struct dl__meta_row {
    const char *key, *date, *title, *url, *publisher; /* NULL: absent */
} dl__meta_row;

/* Reads the table; errors name the file and line. */
dl_code dl__meta_open(const char *path, dl__meta **out, dl_error *err);
void dl__meta_free(dl__meta *m); /* accepts NULL */
/* The row for a document: by id when given, else by the file's name
 * (as it is, without its directory, then without .gz and one more
 * extension). NULL when none matches. */
const dl__meta_row *dl__meta_find(const dl__meta *m, const char *id, const char *path);

#endif
