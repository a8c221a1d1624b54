/*
 * store.c — the public dl_store_* functions: pick a backend from the URL
 * and forward to it, keeping the batch state.
 */
#include "store/store.h"

struct dl_store {
    const dl__store_backend *be;
    void *h;
    bool in_batch;
};

dl_code dl_store_open(const char *url, dl_store **out, dl_error *err)
{
    dl__error_clear(err);
    *out = NULL;
    if (url == NULL || *url == '\0')
        return dl__fail(err, DL_EUSAGE, "no database given");
    const dl__store_backend *be = &dl__store_sqlite;
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        be = &dl__store_pg;
    dl_store *st = calloc(1, sizeof *st);
    if (st == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    st->be = be;
    dl_code rc = be->open(url, &st->h, err);
    if (rc != DL_OK) {
        free(st);
        return rc;
    }
    *out = st;
    return DL_OK;
}

void dl_store_close(dl_store *st)
{
    if (st == NULL)
        return;
    if (st->in_batch)
        st->be->tx(st->h, "ROLLBACK", NULL);
    st->be->close(st->h);
    free(st);
}

dl_code dl_store_begin(dl_store *st, dl_error *err)
{
    dl__error_clear(err);
    if (st->in_batch)
        return dl__fail(err, DL_EUSAGE, "a batch is already open");
    dl_code rc = st->be->tx(st->h, "BEGIN IMMEDIATE", err);
    st->in_batch = rc == DL_OK;
    return rc;
}

dl_code dl_store_commit(dl_store *st, dl_error *err)
{
    dl__error_clear(err);
    if (!st->in_batch)
        return dl__fail(err, DL_EUSAGE, "no batch is open");
    dl_code rc = st->be->tx(st->h, "COMMIT", err);
    if (rc == DL_OK)
        st->in_batch = false;
    return rc;
}

dl_code dl_store_rollback(dl_store *st, dl_error *err)
{
    dl__error_clear(err);
    if (!st->in_batch)
        return DL_OK;
    st->in_batch = false;
    return st->be->tx(st->h, "ROLLBACK", err);
}

dl_code dl_store_put(dl_store *st, const dl_doc *doc, bool *stored, dl_error *err)
{
    dl__error_clear(err);
    bool tmp;
    return st->be->put(st->h, doc, stored ? stored : &tmp, err);
}

dl_code dl_store_has(dl_store *st, const char *id, const char *hash, bool *has,
                     dl_error *err)
{
    dl__error_clear(err);
    return st->be->has(st->h, id, hash, has);
}

dl_code dl_store_search(dl_store *st, const dl_query *q, dl_row_fn fn, void *ctx,
                        dl_error *err)
{
    dl__error_clear(err);
    return st->be->search(st->h, q, fn, ctx, err);
}

dl_code dl_store_events(dl_store *st, const dl_query *q, dl_row_fn fn, void *ctx,
                        dl_error *err)
{
    dl__error_clear(err);
    return st->be->events(st->h, q, fn, ctx, err);
}

dl_code dl_store_quotes(dl_store *st, const dl_query *q, dl_row_fn fn, void *ctx,
                        dl_error *err)
{
    dl__error_clear(err);
    return st->be->quotes(st->h, q, fn, ctx, err);
}

dl_code dl_store_actors(dl_store *st, const dl_query *q, dl_row_fn fn, void *ctx,
                        dl_error *err)
{
    dl__error_clear(err);
    return st->be->actors(st->h, q, fn, ctx, err);
}

dl_code dl_store_stats(dl_store *st, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__error_clear(err);
    return st->be->stats(st->h, fn, ctx, err);
}

dl_code dl__store_export_rows(dl_store *st, const dl_query *q, int order, dl_row_fn fn,
                              void *ctx, dl_error *err)
{
    dl__error_clear(err);
    return st->be->export_rows(st->h, q, order, fn, ctx, err);
}

dl_code dl__store_export_docs(dl_store *st, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__error_clear(err);
    return st->be->export_docs(st->h, fn, ctx, err);
}
