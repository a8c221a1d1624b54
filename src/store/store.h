/*
 * store.h — the store is one interface with backends behind a table of
 * function pointers: SQLite (sqlite.c, the default, one file) and
 * PostgreSQL (pg.c, for postgresql:// and postgres:// URLs). dl_store_* in
 * store.c dispatch on the URL.
 */
#ifndef DL_STORE_H
#define DL_STORE_H

#include "dl.h"

typedef dl_code (*dl__store_query_fn)(void *h, const dl_query *q, dl_row_fn fn,
                                      void *ctx, dl_error *err);

typedef struct dl__store_backend {
    const char *name;
    dl_code (*open)(const char *url, void **h, dl_error *err);
    void (*close)(void *h);
    dl_code (*tx)(void *h, const char *sql, dl_error *err); /* BEGIN/COMMIT/ROLLBACK */
    dl_code (*has)(void *h, const char *id, const char *hash, bool *has);
    dl_code (*put)(void *h, const dl_doc *doc, bool *stored, dl_error *err);
    dl__store_query_fn search, events, quotes, actors;
    dl_code (*export_rows)(void *h, const dl_query *q, int order, dl_row_fn fn, void *ctx,
                           dl_error *err);
    /* id, date, source, url, text of every document with an exportable event */
    dl_code (*export_docs)(void *h, dl_row_fn fn, void *ctx, dl_error *err);
    dl_code (*stats)(void *h, dl_row_fn fn, void *ctx, dl_error *err);
    dl_code (*aggregate)(void *h, dl_agg what, const dl_query *q, dl_row_fn fn, void *ctx,
                         dl_error *err);
    dl_code (*document)(void *h, const char *id, const char *layer, dl_row_fn fn, void *ctx,
                        dl_error *err);
} dl__store_backend;

extern const dl__store_backend dl__store_sqlite;
extern const dl__store_backend dl__store_pg;

/* Rows for exports, columns in the order of enum dl__xcol (src/write/
 * export.h). order DL__XORDER_EVENT: mentions of one event (day, dyad,
 * code) adjacent, then by place and publisher; DL__XORDER_ACT: by
 * document, sentence and trigger (the members of one compound act
 * adjacent). */
enum { DL__XORDER_EVENT, DL__XORDER_ACT };
dl_code dl__store_export_rows(dl_store *st, const dl_query *q, int order, dl_row_fn fn,
                              void *ctx, dl_error *err);
dl_code dl__store_export_docs(dl_store *st, dl_row_fn fn, void *ctx, dl_error *err);

/* Appends the plain-words form of a full-text query to out: every run of
 * non-space characters one quoted FTS5 string ("U.S." "Putin's"). */
void dl__fts_plain(const char *text, dl__buf *out);

/* The SELECT of one layer of a document (dl_store_document), with one
 * '?' for the document id; portable between the backends. */
const char *dl__store_layer_sql(const char *layer);

/* For tests: a new SQLite file at an older schema version (1 .. current). */
dl_code dl__store_sqlite_create_at(const char *path, int version, dl_error *err);

/* The message for a full-text query the engine could not parse. */
#define DL__FTS_SYNTAX_MSG                                                             \
    "the search is not valid FTS syntax (check the quotes, parentheses and that "    \
    "AND, OR, NOT stand between words); search without fts=1 to find plain words"

#endif
