/*
 * export.c — stored events as the files other tools read:
 *
 *   gdelt           GDELT 2.0 Event table, 61 tab-separated columns, one row
 *                   per event; mentions of the same event (same day, dyad,
 *                   CAMEO code and place) are merged into one row with
 *                   NumMentions / NumSources / NumArticles
 *   gdelt-mentions  GDELT 2.0 Mentions table, one row per mention
 *   phoenix         Phoenix-style TSV (one row per mention)
 *   plover          PLOVER/POLECAT-style JSON lines
 *   jsonl, csv      every stored field
 *
 * Deviations from GDELT, documented in docs/export.md: country codes are
 * ISO 3166 alpha-3 (as in the CAMEO actor codes), not FIPS 10-4; AvgTone
 * is 0 (no tone model); DATEADDED is the document date at 00:00:00 so the
 * output is reproducible.
 */
#include "store/store.h"

#include <jansson.h>

/* Columns of dl__store_export_rows, in order. */
enum {
    C_DATE, C_PREC, C_SCODE, C_SCOUNTRY, C_SSECTOR, C_STEXT, C_TCODE, C_TCOUNTRY,
    C_TSECTOR, C_TTEXT, C_CAMEO, C_ROOT, C_QUAD, C_GOLD, C_PLOVER, C_MODE, C_PLACE,
    C_PCOUNTRY, C_PADMIN1, C_PFEATURE, C_GEONAMEID, C_LAT, C_LON, C_DOC, C_URL,
    C_PUBLISHER, C_DOCDATE, C_SENTENCE, C_IDX, C_EVSTART, C_EVEND, C_EVIDENCE,
    C_TRIGGER, C_CONF, C_QUOTE, C_DOCLEN, C_NCOLS
};

#define MAX_PUBLISHERS 64

typedef struct exporter {
    const char *format;
    FILE *out;
    long rows;
    /* the event being merged (gdelt) */
    char key[512];
    bool open;
    char *first[C_NCOLS]; /* copy of its first mention */
    long mentions, articles, sources;
    char last_doc[256];
    char *publishers[MAX_PUBLISHERS];
    int npub;
} exporter;

static const char *v(const char *const *vals, int i)
{
    return vals[i] ? vals[i] : "";
}

/* YYYY-MM-DD -> YYYYMMDD */
static void compact_date(const char *d, char out[9])
{
    int k = 0;
    for (const char *p = d; *p && k < 8; p++)
        if (*p != '-')
            out[k++] = *p;
    out[k] = '\0';
}

static uint64_t event_id(const char *key)
{
    return dl__hash64(key, strlen(key)) & 0x7fffffffffffffffull;
}

static void cell(FILE *out, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void cells(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputc('\t', out);
}

/* The 3-letter CAMEO country part and the known-group part of a code. */
static void actor_cols(FILE *out, const char *code, const char *name, const char *country,
                       const char *sector)
{
    cell(out, code);
    fputc('\t', out);
    cell(out, name);
    fputc('\t', out);
    cell(out, country);
    fputc('\t', out);
    /* KnownGroupCode: IGO/NGO/rebel groups are their own codes */
    if (code && (strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0))
        cell(out, code);
    fputc('\t', out);
    cells(out, 3); /* ethnic, religion1, religion2 */
    cell(out, sector);
    fputc('\t', out);
    cells(out, 2); /* type2, type3 */
}

static int geo_type(const char *feature)
{
    if (feature == NULL || *feature == '\0')
        return 0;
    if (strcmp(feature, "country") == 0)
        return 1;
    if (strcmp(feature, "admin1") == 0 || strcmp(feature, "state") == 0)
        return 5;
    return 4; /* a city or landmark */
}

static void gdelt_row(exporter *x)
{
    char *const *f = x->first;
    FILE *out = x->out;
    char ymd[9];
    compact_date(f[C_DATE] ? f[C_DATE] : "", ymd);
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4 && ymd[i]; i++)
        y = y * 10 + (ymd[i] - '0');
    if (strlen(ymd) == 8) {
        m = (ymd[4] - '0') * 10 + (ymd[5] - '0');
        d = (ymd[6] - '0') * 10 + (ymd[7] - '0');
    }
    long doy = 0;
    if (dl_date_valid(y, m, d))
        doy = dl_date_to_days((dl_date){y, m, d}) - dl_date_to_days((dl_date){y, 1, 1}) + 1;
    fprintf(out, "%llu\t%s\t%.6s\t%.4s\t%.4f\t", (unsigned long long)event_id(x->key), ymd, ymd,
            ymd, (double)y + (double)doy / 365.0);
    actor_cols(out, f[C_SCODE], f[C_STEXT], f[C_SCOUNTRY], f[C_SSECTOR]);
    actor_cols(out, f[C_TCODE], f[C_TTEXT], f[C_TCOUNTRY], f[C_TSECTOR]);
    const char *cameo = f[C_CAMEO] ? f[C_CAMEO] : "";
    fprintf(out, "%d\t%s\t%.3s\t%s\t%s\t%s\t%ld\t%ld\t%ld\t0\t",
            f[C_SENTENCE] && strcmp(f[C_SENTENCE], "0") == 0 ? 1 : 0, cameo, cameo,
            f[C_ROOT] ? f[C_ROOT] : "", f[C_QUAD] ? f[C_QUAD] : "", f[C_GOLD] ? f[C_GOLD] : "",
            x->mentions, x->sources, x->articles);
    /* Actor1Geo and Actor2Geo: not located separately (type 0) */
    for (int a = 0; a < 2; a++) {
        fputs("0", out);
        cells(out, 8);
    }
    int gt = geo_type(f[C_PFEATURE]);
    if (f[C_PLACE] && gt == 0)
        gt = 4;
    fprintf(out, "%d\t", f[C_PLACE] ? gt : 0);
    if (f[C_PLACE]) {
        cell(out, f[C_PLACE]);
        if (f[C_PADMIN1] && *f[C_PADMIN1]) {
            fputs(", ", out);
            cell(out, f[C_PADMIN1]);
        }
        fputc('\t', out);
        cell(out, f[C_PCOUNTRY]);
        fputc('\t', out);
        cell(out, f[C_PADMIN1]);
        fputs("\t\t", out); /* ADM2 */
        cell(out, f[C_LAT]);
        fputc('\t', out);
        cell(out, f[C_LON]);
        fputc('\t', out);
        cell(out, f[C_GEONAMEID]);
        fputc('\t', out);
    } else {
        cells(out, 7);
    }
    char added[9];
    compact_date(f[C_DOCDATE] ? f[C_DOCDATE] : "", added);
    fprintf(out, "%s000000\t", added);
    cell(out, f[C_URL] && *f[C_URL] ? f[C_URL] : f[C_DOC]);
    fputc('\n', out);
    x->rows++;
}

static void close_event(exporter *x)
{
    if (!x->open)
        return;
    gdelt_row(x);
    for (int i = 0; i < C_NCOLS; i++) {
        free(x->first[i]);
        x->first[i] = NULL;
    }
    for (int i = 0; i < x->npub; i++)
        free(x->publishers[i]);
    x->npub = 0;
    x->open = false;
}

static void make_key(char *key, size_t n, const char *const *vals)
{
    snprintf(key, n, "%s|%s|%s|%s|%s", v(vals, C_DATE), v(vals, C_SCODE), v(vals, C_TCODE),
             v(vals, C_CAMEO), v(vals, C_PLACE));
}

static void gdelt_add(exporter *x, const char *const *vals)
{
    char key[512];
    make_key(key, sizeof key, vals);
    if (!x->open || strcmp(key, x->key) != 0) {
        close_event(x);
        snprintf(x->key, sizeof x->key, "%s", key);
        for (int i = 0; i < C_NCOLS; i++)
            x->first[i] = vals[i] ? strdup(vals[i]) : NULL;
        x->open = true;
        x->mentions = x->articles = x->sources = 0;
        x->last_doc[0] = '\0';
    }
    x->mentions++;
    if (strcmp(x->last_doc, v(vals, C_DOC)) != 0) {
        x->articles++;
        snprintf(x->last_doc, sizeof x->last_doc, "%s", v(vals, C_DOC));
    }
    const char *pub = vals[C_PUBLISHER] ? vals[C_PUBLISHER] : vals[C_DOC];
    bool seen = false;
    for (int i = 0; i < x->npub; i++)
        seen = seen || strcmp(x->publishers[i], v(&pub, 0)) == 0;
    if (!seen) {
        x->sources++;
        if (x->npub < MAX_PUBLISHERS && pub)
            x->publishers[x->npub++] = strdup(pub);
    }
}

static void mentions_row(exporter *x, const char *const *vals)
{
    char key[512], ymd[9], doc_ymd[9];
    make_key(key, sizeof key, vals);
    compact_date(v(vals, C_DATE), ymd);
    compact_date(v(vals, C_DOCDATE), doc_ymd);
    fprintf(x->out, "%llu\t%s000000\t%s000000\t%d\t", (unsigned long long)event_id(key), ymd,
            doc_ymd, vals[C_URL] && *vals[C_URL] ? 1 : 2);
    cell(x->out, vals[C_PUBLISHER] ? vals[C_PUBLISHER] : "");
    fputc('\t', x->out);
    cell(x->out, vals[C_URL] && *vals[C_URL] ? vals[C_URL] : vals[C_DOC]);
    long sentence = vals[C_SENTENCE] ? strtol(vals[C_SENTENCE], NULL, 10) + 1 : 0;
    fprintf(x->out, "\t%ld\t%s\t\t%s\t1\t%.0f\t%s\t0\t\n", sentence, v(vals, C_EVSTART),
            v(vals, C_EVSTART), vals[C_CONF] ? strtod(vals[C_CONF], NULL) * 100 : 0.0,
            v(vals, C_DOCLEN));
    x->rows++;
}

static void phoenix_row(exporter *x, const char *const *vals)
{
    char ymd[9], key[512];
    make_key(key, sizeof key, vals);
    compact_date(v(vals, C_DATE), ymd);
    FILE *o = x->out;
    fprintf(o, "%llu\t%s\t%.4s\t%.2s\t%.2s\t", (unsigned long long)event_id(key), ymd, ymd,
            ymd + 4, ymd + 6);
    const int cols[] = {C_SCODE, C_SCOUNTRY, C_SSECTOR, -1, C_TCODE, C_TCOUNTRY, C_TSECTOR, -1,
                        C_CAMEO, C_ROOT, C_QUAD, C_GOLD, -1, C_LAT, C_LON, C_PLACE, C_PADMIN1,
                        C_PCOUNTRY, C_SENTENCE, C_URL, C_PUBLISHER};
    for (size_t i = 0; i < DL_ARRAY_LEN(cols); i++) {
        if (i)
            fputc('\t', o);
        if (cols[i] >= 0)
            cell(o, vals[cols[i]]);
    }
    fputc('\n', o);
    x->rows++;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static void plover_row(exporter *x, const char *const *vals)
{
    char key[512];
    make_key(key, sizeof key, vals);
    json_t *o = json_object();
    char id[32];
    snprintf(id, sizeof id, "%llu", (unsigned long long)event_id(key));
    json_object_set_new(o, "event_id", json_string(id));
    json_object_set_new(o, "event_date", jstr(vals[C_DATE]));
    json_object_set_new(o, "date_precision", jstr(vals[C_PREC]));
    json_object_set_new(o, "event_type", jstr(vals[C_PLOVER]));
    json_object_set_new(o, "event_mode", jstr(vals[C_MODE]));
    json_object_set_new(o, "cameo", jstr(vals[C_CAMEO]));
    json_t *actors = json_object();
    const struct {
        const char *side;
        int code, country, sector, text;
    } sides[] = {{"source", C_SCODE, C_SCOUNTRY, C_SSECTOR, C_STEXT},
                 {"target", C_TCODE, C_TCOUNTRY, C_TSECTOR, C_TTEXT}};
    for (size_t i = 0; i < 2; i++) {
        json_t *a = json_object();
        json_object_set_new(a, "text", jstr(vals[sides[i].text]));
        json_object_set_new(a, "code", jstr(vals[sides[i].code]));
        json_object_set_new(a, "country", jstr(vals[sides[i].country]));
        json_object_set_new(a, "sector", jstr(vals[sides[i].sector]));
        json_object_set_new(actors, sides[i].side, a);
    }
    json_object_set_new(o, "actors", actors);
    if (vals[C_PLACE]) {
        json_t *l = json_object();
        json_object_set_new(l, "name", jstr(vals[C_PLACE]));
        json_object_set_new(l, "admin1", jstr(vals[C_PADMIN1]));
        json_object_set_new(l, "country", jstr(vals[C_PCOUNTRY]));
        json_object_set_new(l, "lat", vals[C_LAT] ? json_real(strtod(vals[C_LAT], NULL)) : json_null());
        json_object_set_new(l, "lon", vals[C_LON] ? json_real(strtod(vals[C_LON], NULL)) : json_null());
        json_object_set_new(o, "location", l);
    } else {
        json_object_set_new(o, "location", json_null());
    }
    json_object_set_new(o, "doc", jstr(vals[C_DOC]));
    json_object_set_new(o, "url", jstr(vals[C_URL]));
    json_object_set_new(o, "publisher", jstr(vals[C_PUBLISHER]));
    json_object_set_new(o, "story_date", jstr(vals[C_DOCDATE]));
    json_object_set_new(o, "text", jstr(vals[C_EVIDENCE]));
    json_object_set_new(o, "quote", jstr(vals[C_QUOTE]));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9));
    if (s) {
        fputs(s, x->out);
        fputc('\n', x->out);
        free(s);
    }
    json_decref(o);
    x->rows++;
}

static void plain_row(exporter *x, int ncol, const char *const *names, const char *const *vals)
{
    bool csv = strcmp(x->format, "csv") == 0;
    if (csv) {
        if (x->rows == 0) {
            for (int i = 0; i < ncol; i++)
                fprintf(x->out, "%s%s", i ? "," : "", names[i]);
            fputc('\n', x->out);
        }
        for (int i = 0; i < ncol; i++) {
            if (i)
                fputc(',', x->out);
            const char *s = vals[i];
            if (s == NULL)
                continue;
            if (strpbrk(s, ",\"\n\r") == NULL) {
                fputs(s, x->out);
                continue;
            }
            fputc('"', x->out);
            for (; *s; s++) {
                if (*s == '"')
                    fputc('"', x->out);
                fputc(*s, x->out);
            }
            fputc('"', x->out);
        }
        fputc('\n', x->out);
    } else {
        json_t *o = json_object();
        for (int i = 0; i < ncol; i++)
            json_object_set_new(o, names[i], jstr(vals[i]));
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (s) {
            fputs(s, x->out);
            fputc('\n', x->out);
            free(s);
        }
        json_decref(o);
    }
    x->rows++;
}

static int on_row(void *ctx, int ncol, const char *const *names, const char *const *vals)
{
    exporter *x = ctx;
    if (ncol < C_NCOLS)
        return 1;
    if (strcmp(x->format, "gdelt") == 0)
        gdelt_add(x, vals);
    else if (strcmp(x->format, "gdelt-mentions") == 0)
        mentions_row(x, vals);
    else if (strcmp(x->format, "phoenix") == 0)
        phoenix_row(x, vals);
    else if (strcmp(x->format, "plover") == 0)
        plover_row(x, vals);
    else
        plain_row(x, ncol, names, vals);
    return 0;
}

static const char *const dl__export_formats[] = {"gdelt", "gdelt-mentions", "phoenix", "plover",
                                          "jsonl", "csv", NULL};

dl_code dl_store_export(dl_store *st, const dl_query *q, const char *format, FILE *out,
                        long *rows, dl_error *err)
{
    bool known = false;
    for (const char *const *f = dl__export_formats; *f; f++)
        known = known || strcmp(*f, format) == 0;
    if (!known)
        return dl__fail(err, DL_EUSAGE,
                        "unknown export format '%s' (gdelt, gdelt-mentions, phoenix, plover, jsonl, csv)",
                        format);
    exporter x = {.format = format, .out = out};
    dl_query all = {0};
    dl_code rc = dl__store_export_rows(st, q ? q : &all, on_row, &x, err);
    if (strcmp(format, "gdelt") == 0)
        close_event(&x);
    if (rows)
        *rows = x.rows;
    if (rc == DL_OK && ferror(out))
        rc = dl__fail(err, DL_EIO, "cannot write the export");
    return rc;
}
