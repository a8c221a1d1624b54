/*
 * export_int.h — the exporter's state, shared by export.c (documents,
 * rows, grouping) and export_write.c (one writer per format).
 */
#ifndef DL_WRITE_EXPORT_INT_H
#define DL_WRITE_EXPORT_INT_H

#include "store/store.h"
#include "write/export.h"

enum { F_GDELT, F_MENTIONS, F_ICEWS, F_PLOVER, F_POLECAT, F_PHOENIX, F_JSONL, F_CSV };

/* A document with exportable events. */
typedef struct xdoc {
    char *id, *date;
    double tone;    /* GDELT tone of the whole text */
    uint32_t story; /* index of the first document of its near-duplicate group */
    uint32_t index;
} xdoc;

/* One event mention (a row of the store). */
typedef struct xrow {
    char *v[X_NCOLS];
    const xdoc *doc; /* NULL if the store changed under us */
    bool historical;
    size_t seq;
} xrow;

typedef struct exporter {
    const dl_export_options *o;
    FILE *out;
    int kind, order;
    bool icews_policy;
    long rows;
    dl_code rc;
    dl__arena arena;
    dl__geo geo;
    dl__tone tone;
    dl__strmap cameo; /* code -> name */
    xdoc *docs;
    size_t ndocs, capdocs;
    char **texts; /* during the document pass only */
    size_t *lens;
    dl__strmap doc_by_id;
    xrow *blk; /* the rows of the block being read */
    size_t nblk, capblk, seq;
} exporter;

const char *dl__xv(const xrow *r, int col); /* "" for NULL */
const char *dl__xpublisher(const xrow *r);  /* publisher, else the document id */
void dl__xevent_id(const exporter *x, const xrow *r, char out[24]);

/* export_write.c */
void dl__xwrite_header(exporter *x);
/* the n mentions of one event, earliest article first */
void dl__xwrite_event(exporter *x, xrow *m, size_t n);
/* the n members of one act (same document, sentence, trigger and code) */
void dl__xwrite_act(exporter *x, xrow *m, size_t n);

#endif
