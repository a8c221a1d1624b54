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

typedef struct count_ctx {
    long total;
} count_ctx;

static int count_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    count_ctx *c = ctx;
    if (ncol > 0 && values[0])
        c->total = strtol(values[0], NULL, 10);
    return 0;
}

dl_code dl_store_count(dl_store *st, dl_count_of of, const dl_query *q, long *total,
                       dl_error *err)
{
    dl__error_clear(err);
    dl_query c = *q;
    c.count = true;
    count_ctx cc = {0};
    dl_code rc;
    switch (of) {
    case DL_COUNT_EVENTS: rc = st->be->events(st->h, &c, count_row, &cc, err); break;
    case DL_COUNT_QUOTES: rc = st->be->quotes(st->h, &c, count_row, &cc, err); break;
    case DL_COUNT_ACTORS: rc = st->be->actors(st->h, &c, count_row, &cc, err); break;
    case DL_COUNT_SEARCH: rc = st->be->search(st->h, &c, count_row, &cc, err); break;
    default: return dl__fail(err, DL_EUSAGE, "nothing to count");
    }
    *total = cc.total;
    return rc;
}

dl_code dl_store_aggregate(dl_store *st, dl_agg what, const dl_query *q, dl_row_fn fn,
                           void *ctx, dl_error *err)
{
    dl__error_clear(err);
    if (what < DL_AGG_DYADS || what > DL_AGG_MONTH)
        return dl__fail(err, DL_EUSAGE, "no such summary");
    return st->be->aggregate(st->h, what, q, fn, ctx, err);
}

dl_code dl_store_document(dl_store *st, const char *id, const char *layer, dl_row_fn fn,
                          void *ctx, dl_error *err)
{
    dl__error_clear(err);
    static const char *const layers[] = {"document", "sentences", "actors", "timexes",
                                         "places", "quotes", "events"};
    size_t k = 0;
    while (k < DL_ARRAY_LEN(layers) && strcmp(layer, layers[k]) != 0)
        k++;
    if (k == DL_ARRAY_LEN(layers))
        return dl__fail(err, DL_EUSAGE, "no such layer '%.40s'", layer);
    return st->be->document(st->h, id, layers[k], fn, ctx, err);
}

const char *dl__store_layer_sql(const char *layer)
{
    static const char *const sql[][2] = {
        {"document", "SELECT d.id, d.date, d.title, d.url, d.source AS publisher, d.origin,"
                     " d.ingested, d.text FROM documents d WHERE d.id = ?"},
        {"sentences", "SELECT s.idx, s.paragraph, s.start, s.\"end\", s.text FROM sentences s"
                      " JOIN documents d ON d.rowid = s.doc WHERE d.id = ? ORDER BY s.idx"},
        {"actors", "SELECT a.idx, a.sentence, a.start, a.\"end\", a.text, a.code, a.country,"
                   " a.sector, a.name, a.kind, a.antecedent, a.confidence, a.why FROM actors a"
                   " JOIN documents d ON d.rowid = a.doc WHERE d.id = ? ORDER BY a.idx"},
        {"timexes", "SELECT t.idx, t.sentence, t.start, t.\"end\", t.text, t.type, t.value,"
                    " t.mod FROM timexes t JOIN documents d ON d.rowid = t.doc WHERE d.id = ?"
                    " ORDER BY t.idx"},
        {"places", "SELECT p.idx, p.sentence, p.start, p.\"end\", p.text, p.name, p.country,"
                   " p.admin1, p.feature, p.lat, p.lon, p.geonameid, p.confidence FROM places p"
                   " JOIN documents d ON d.rowid = p.doc WHERE d.id = ? ORDER BY p.idx"},
        {"quotes", "SELECT q.idx, q.sentence, q.start, q.\"end\", q.text, q.kind, q.cue_start,"
                   " q.cue_end, q.cue, q.speaker_start, q.speaker_end, q.speaker,"
                   " q.speaker_code, q.speaker_name, q.confidence FROM quotes q"
                   " JOIN documents d ON d.rowid = q.doc WHERE d.id = ? ORDER BY q.idx"},
        {"events", "SELECT e.idx, e.sentence, e.date, e.date_precision, e.source_code AS source,"
                   " e.source_text, e.target_code AS target, e.target_text, e.cameo, e.plover,"
                   " e.quad_class AS quad, e.goldstein, e.negated, e.modality, e.place AS place_index,"
                   " e.place_name AS place, e.lat, e.lon, e.quote AS quote_index, e.evidence_start,"
                   " e.evidence_end,"
                   " e.trigger, e.confidence, e.why FROM events e"
                   " JOIN documents d ON d.rowid = e.doc WHERE d.id = ? ORDER BY e.idx"},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(sql); i++)
        if (strcmp(layer, sql[i][0]) == 0)
            return sql[i][1];
    return NULL;
}
