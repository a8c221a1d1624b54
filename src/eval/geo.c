/*
 * geo.c — `dateline eval geo FILE`: geoparsing scored as in Gritta et al.
 * (2018), "What's missing in geographical parsing?": place-name
 * precision, recall and F1, and over the names found that the gold gives
 * coordinates for, the share resolved within 161 km (100 miles), mean
 * and median error in km.
 *
 * Reads the LGL / TR-News XML (<article> with <text><![CDATA[...]]>
 * and <toponym> start/end — offsets in code points — phrase, and an
 * optional <gaztag> with lat/lon). Articles carry no dateline we trust,
 * so every document gets one fixed date. A predicted name matches a gold
 * one when their spans overlap (TR-News offsets are sometimes one off);
 * strict F1 (same span) is printed too. Country adjectives the actor
 * layer found ("Russian", "Israeli"), which both corpora count as place
 * names, are scored as the country's place when no place covers them.
 */
#include "dl.h"
#include "eval/eval.h"
#include "places/places.h"

#include <math.h>
#include <stdlib.h>

#define GEO_DATE "2012-01-01"
#define MAX_ARTICLE (4u << 20)

typedef struct gold {
    uint32_t start, end; /* bytes */
    bool has_coord;
    double lat, lon;
} gold;

typedef struct pred {
    uint32_t start, end;
    double lat, lon;
    bool matched;
} pred;

typedef struct geo_counts {
    long docs;
    dl__prf loose, strict;
    long resolved, within;
    double *errs;
    size_t nerr, caperr;
} geo_counts;

/* ------------------------------------------------------------- XML bits */

/* Text between <tag> and </tag> inside [p, end), or NULL. */
static const char *element(const char *p, const char *end, const char *tag,
                           const char **vend)
{
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    size_t ol = strlen(open);
    for (const char *s = p; s && s < end; s++) {
        s = memmem(s, (size_t)(end - s), open, ol);
        if (s == NULL)
            return NULL;
        if (s[ol] != '>' && s[ol] != ' ')
            continue;
        const char *gt = memchr(s, '>', (size_t)(end - s));
        if (gt == NULL)
            return NULL;
        const char *c = memmem(gt, (size_t)(end - gt), close, strlen(close));
        if (c == NULL)
            return NULL;
        *vend = c;
        return gt + 1;
    }
    return NULL;
}

static bool num_in(const char *p, const char *end, const char *tag, double *v)
{
    const char *ve;
    const char *s = element(p, end, tag, &ve);
    if (s == NULL)
        return false;
    char buf[64];
    size_t n = (size_t)(ve - s);
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *e;
    *v = strtod(buf, &e);
    while (*e == ' ' || *e == '\n')
        e++;
    return *e == '\0';
}

/* Byte offset of code point `cp` in text. */
static uint32_t byte_of(const char *t, size_t n, long cp)
{
    size_t i = 0;
    for (long k = 0; k < cp && i < n; k++) {
        i++;
        while (i < n && ((unsigned char)t[i] & 0xC0) == 0x80)
            i++;
    }
    return (uint32_t)i;
}

/* --------------------------------------------------------------- scoring */

static void add_err(geo_counts *c, double km)
{
    if (c->nerr == c->caperr) {
        size_t nc = c->caperr ? c->caperr * 2 : 1024;
        double *ne = realloc(c->errs, nc * sizeof *ne);
        if (ne == NULL)
            return;
        c->errs = ne;
        c->caperr = nc;
    }
    c->errs[c->nerr++] = km;
}

/* Predictions: the places layer, then country adjectives of the actor
 * layer not covered by a place. */
static size_t predictions(const dl_kb *kb, const dl_doc *doc, pred *out,
                          size_t cap)
{
    size_t n = 0, np, na;
    const dl_place *pl = dl_doc_places(doc, &np);
    for (size_t i = 0; i < np && n < cap; i++)
        out[n++] = (pred){pl[i].start, pl[i].end, pl[i].lat, pl[i].lon, false};
    const dl__places_kb *pk = dl__kb_state(kb, DL_STAGE_PLACES);
    const dl_actor *a = dl_doc_actors(doc, &na);
    for (size_t i = 0; pk && i < na && n < cap; i++) {
        if (a[i].kind != DL_ACTOR_COUNTRY || a[i].country == NULL ||
            a[i].name == NULL)
            continue;
        bool covered = false;
        for (size_t k = 0; k < np && !covered; k++)
            covered = pl[k].start < a[i].end && a[i].start < pl[k].end;
        if (covered)
            continue;
        char low[DL__GAZ_KEY_MAX], key[DL__GAZ_KEY_MAX];
        size_t nl = 0;
        for (; a[i].name[nl] && nl < sizeof low; nl++) {
            char ch = a[i].name[nl];
            low[nl] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        size_t kl = dl__gaz_canon(low, nl, key, sizeof key);
        uint32_t m;
        const uint32_t *p = dl__gaz_find(&pk->gaz, key, kl, &m, NULL);
        for (uint32_t k = 0; p && k < m; k++) {
            const dl__gaz_entry *e = &pk->gaz.entries[p[k] & DL__GAZ_POST_IDX];
            if (e->kind == DL__GAZ_COUNTRY && strcmp(e->country, a[i].country) == 0) {
                out[n++] = (pred){a[i].start, a[i].end, e->lat_e5 / 1e5,
                                  e->lon_e5 / 1e5, false};
                break;
            }
        }
    }
    return n;
}

/* A missed name and the stage's note about it, if it left one. */
static void miss_line(const dl_doc *doc, const gold *g, FILE *out)
{
    size_t len, nn;
    const char *text = dl_doc_text(doc, &len);
    const dl_note *n = dl_doc_notes(doc, &nn);
    const char *why = "";
    for (size_t k = 0; k < nn; k++)
        if (strcmp(n[k].stage, "places") == 0 && n[k].start < g->end &&
            g->start < n[k].end)
            why = n[k].text;
    fprintf(out, "miss\t%s\t%.*s\t%s\n", dl_doc_id(doc), (int)(g->end - g->start),
            text + g->start, why);
}

static void score_doc(const dl_kb *kb, const dl_doc *doc, const gold *g,
                      size_t ng, geo_counts *c, const dl_eval_options *opt,
                      FILE *out)
{
    pred p[2048];
    size_t np = predictions(kb, doc, p, DL_ARRAY_LEN(p));
    size_t tlen;
    const char *text = dl_doc_text(doc, &tlen);
    for (size_t i = 0; i < ng; i++) {
        size_t best = SIZE_MAX;
        for (size_t k = 0; k < np; k++) {
            if (p[k].matched || p[k].start >= g[i].end || g[i].start >= p[k].end)
                continue;
            if (best == SIZE_MAX || (p[k].start == g[i].start && p[k].end == g[i].end))
                best = k;
        }
        if (best == SIZE_MAX) {
            c->loose.fn++;
            c->strict.fn++;
            if (opt->verbose)
                miss_line(doc, &g[i], out);
            continue;
        }
        pred *m = &p[best];
        m->matched = true;
        c->loose.tp++;
        if (m->start == g[i].start && m->end == g[i].end)
            c->strict.tp++;
        else
            c->strict.fn++, c->strict.fp++;
        if (!g[i].has_coord)
            continue;
        double km = dl__geo_km(m->lat, m->lon, g[i].lat, g[i].lon);
        c->resolved++;
        c->within += km <= 161.0;
        add_err(c, km);
        if (opt->verbose && km > 161.0)
            fprintf(out, "far\t%s\t%.*s\t%.0f km\t(%.2f,%.2f) want (%.2f,%.2f)\n",
                    dl_doc_id(doc), (int)(m->end - m->start), text + m->start,
                    km, m->lat, m->lon, g[i].lat, g[i].lon);
    }
    for (size_t k = 0; k < np; k++)
        if (!p[k].matched) {
            c->loose.fp++;
            c->strict.fp++;
            if (opt->verbose)
                fprintf(out, "spurious\t%s\t%.*s\n", dl_doc_id(doc),
                        (int)(p[k].end - p[k].start), text + p[k].start);
        }
}

/* One <article>: text, gold names, annotate, score. */
static dl_code one_article(const dl_kb *kb, const char *a, const char *end,
                           geo_counts *c, const dl_eval_options *opt,
                           FILE *out, dl_error *err)
{
    const char *te;
    const char *t = element(a, end, "text", &te);
    if (t == NULL)
        return DL_OK;
    if (te - t >= 9 && memcmp(t, "<![CDATA[", 9) == 0) {
        t += 9;
        const char *ce = memmem(t, (size_t)(te - t), "]]>", 3);
        te = ce ? ce : te;
    }
    size_t tlen = (size_t)(te - t);
    if (tlen == 0 || tlen > MAX_ARTICLE)
        return DL_OK;
    gold g[1024];
    size_t ng = 0;
    const char *ae;
    for (const char *p = element(a, end, "toponym", &ae); p && ng < DL_ARRAY_LEN(g);
         p = element(ae, end, "toponym", &ae)) {
        double s, e;
        if (!num_in(p, ae, "start", &s) || !num_in(p, ae, "end", &e) || e <= s)
            continue;
        gold *x = &g[ng++];
        x->start = byte_of(t, tlen, (long)s);
        x->end = byte_of(t, tlen, (long)e);
        x->has_coord = num_in(p, ae, "lat", &x->lat) && num_in(p, ae, "lon", &x->lon);
    }
    char id[32];
    snprintf(id, sizeof id, "article%ld", c->docs + 1);
    dl_doc_input in = {.id = id, .date = GEO_DATE, .text = t, .len = tlen};
    dl_doc *doc;
    dl_code rc = dl_doc_new(&in, &doc, err);
    if (rc != DL_OK)
        return DL_OK; /* an article the reader rejects is skipped */
    rc = dl_annotate_some(kb, doc, DL_STAGE_PLACES, err);
    if (rc == DL_OK) {
        c->docs++;
        score_doc(kb, doc, g, ng, c, opt, out);
    }
    dl_doc_free(doc);
    return rc;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static void report(geo_counts *c, const char *path, const dl_eval_options *opt,
                   FILE *out, double *score)
{
    double acc = c->resolved ? (double)c->within / (double)c->resolved : 0;
    double mean = 0, median = 0;
    for (size_t i = 0; i < c->nerr; i++)
        mean += c->errs[i];
    if (c->nerr) {
        mean /= (double)c->nerr;
        qsort(c->errs, c->nerr, sizeof *c->errs, cmp_double);
        median = c->nerr % 2 ? c->errs[c->nerr / 2]
                             : (c->errs[c->nerr / 2 - 1] + c->errs[c->nerr / 2]) / 2;
    }
    if (score)
        *score = acc;
    if (opt->json) {
        char file[1024];
        size_t k = 0;
        for (const char *p = path; *p && k + 2 < sizeof file; p++) {
            if (*p == '"' || *p == '\\')
                file[k++] = '\\';
            file[k++] = (unsigned char)*p < 0x20 ? '?' : *p;
        }
        file[k] = '\0';
        fprintf(out,
                "{\"suite\":\"geo\",\"file\":\"%s\",\"docs\":%ld,\"p\":%.4f,\"r\":%.4f,"
                "\"f1\":%.4f,\"strict_f1\":%.4f,\"resolved\":%ld,\"acc161\":%.4f,"
                "\"mean_km\":%.1f,\"median_km\":%.1f}\n",
                file, c->docs, dl__prf_p(c->loose), dl__prf_r(c->loose),
                dl__prf_f(c->loose), dl__prf_f(c->strict), c->resolved, acc, mean,
                median);
        return;
    }
    fprintf(out, "geo: %s: %ld documents, %ld gold names\n", path, c->docs,
            c->loose.tp + c->loose.fn);
    fprintf(out, "%-22s %7s %7s %7s\n", "", "P", "R", "F1");
    fprintf(out, "%-22s %7.4f %7.4f %7.4f\n", "names (overlap)",
            dl__prf_p(c->loose), dl__prf_r(c->loose), dl__prf_f(c->loose));
    fprintf(out, "%-22s %7.4f %7.4f %7.4f\n", "names (same span)",
            dl__prf_p(c->strict), dl__prf_r(c->strict), dl__prf_f(c->strict));
    fprintf(out, "resolved %ld: accuracy@161km %.4f, mean %.0f km, median %.1f km\n",
            c->resolved, acc, mean, median);
}

dl_code dl__eval_geo(const char *path, const dl_eval_options *opt, FILE *out,
                     double *score, dl_error *err)
{
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dl__fail(err, DL_EIO, "cannot open %s", path);
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n > 0 && n < (1L << 30) && fseek(f, 0, SEEK_SET) == 0 &&
            (buf = malloc((size_t)n + 1)) != NULL)
            len = fread(buf, 1, (size_t)n, f);
    }
    fclose(f);
    if (buf == NULL)
        return dl__fail(err, DL_EIO, "cannot read %s", path);
    buf[len] = '\0';
    if (strstr(buf, "<articles") == NULL) {
        free(buf);
        return dl__fail(err, DL_EFORMAT, "%s: not LGL/TR-News XML", path);
    }
    dl_kb *kb;
    dl_kb_config cfg = {.data_dir = opt->data_dir, .stages = DL_STAGE_PLACES};
    dl_code rc = dl_kb_open(&cfg, &kb, err);
    geo_counts c = {0};
    const char *end = buf + len, *ae;
    for (const char *a = rc == DL_OK ? element(buf, end, "article", &ae) : NULL;
         a && rc == DL_OK; a = element(ae, end, "article", &ae)) {
        if (opt->limit > 0 && c.docs >= opt->limit)
            break;
        rc = one_article(kb, a, ae, &c, opt, out, err);
    }
    if (rc == DL_OK)
        report(&c, path, opt, out, score);
    free(c.errs);
    dl_kb_free(kb);
    free(buf);
    return rc;
}
