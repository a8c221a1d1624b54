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
#include "text/text.h"

#include <math.h>
#include <stdlib.h>
#include <strings.h>

#define GEO_DATE "2012-01-01"
#define MAX_ARTICLE (4u << 20)

/* Kinds of gold toponym, from the gold's GeoNames feature code. */
enum { K_COUNTRY, K_ADMIN, K_CITY, K_OTHER, K_N };
static const char *const kind_name[K_N] = {"country", "admin", "city", "other"};

typedef struct gold {
    uint32_t start, end; /* bytes */
    bool has_coord;
    int kind;
    double lat, lon;
} gold;

/* Per kind, over all gold toponyms (found or not). */
typedef struct kind_counts {
    long gold, found, coord, within;
} kind_counts;

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
    kind_counts kind[K_N];
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

/* The kind of a gold toponym: PCL* a country, ADM* a division, class P a
 * populated place, anything else (or no gaztag) other. */
static int gold_kind(const char *p, const char *end)
{
    const char *ve;
    const char *s = element(p, end, "fcode", &ve);
    if (s == NULL)
        return K_OTHER;
    size_t n = (size_t)(ve - s);
    if (n >= 3 && memcmp(s, "PCL", 3) == 0)
        return K_COUNTRY;
    if (n >= 3 && memcmp(s, "ADM", 3) == 0)
        return K_ADMIN;
    s = element(p, end, "fclass", &ve);
    if (s && ve - s == 1 && *s == 'P')
        return K_CITY;
    return K_OTHER;
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

/* The gazetteer's country entries, by alpha-3 code (built once a run). */
typedef struct country_tab {
    const dl__gaz_entry *e[400];
    size_t n;
} country_tab;

static void build_countries(const dl__places_kb *pk, country_tab *t)
{
    t->n = 0;
    for (uint32_t i = 0; pk && i < pk->gaz.h->n_entries && t->n < DL_ARRAY_LEN(t->e); i++)
        if (pk->gaz.entries[i].kind == DL__GAZ_COUNTRY)
            t->e[t->n++] = &pk->gaz.entries[i];
}

static const dl__gaz_entry *country_of(const country_tab *t, const char *code)
{
    for (size_t i = 0; code && i < t->n; i++)
        if (strcmp(t->e[i]->country, code) == 0)
            return t->e[i];
    return NULL;
}

static country_tab countries_tab;

/* "Georgian troops", "Israeli Prime Minister ...": the first word of an
 * agent or person mention, when it is an adjective of the mention's
 * country (it shares the country name's first three letters), is the
 * country adjective both corpora count as a place name. */
static bool adjective_pred(const dl__places_kb *pk, const dl_doc *doc,
                           const dl_actor *a, pred *out)
{
    if ((a->kind != DL_ACTOR_AGENT && a->kind != DL_ACTOR_PERSON) || a->country == NULL)
        return false;
    const dl__gaz_entry *ce = country_of(&countries_tab, a->country);
    if (ce == NULL)
        return false;
    const dl_token *tok = dl__tokens(doc);
    size_t t = a->tok_first;
    if (t < a->tok_last && strcmp(tok[t].norm, "the") == 0)
        t++;
    const char *cn = dl__gaz_str(&pk->gaz, ce->name);
    if (!(tok[t].flags & DL_TOK_CAP) || strlen(tok[t].norm) < 4 || strlen(cn) < 3 ||
        strncasecmp(tok[t].norm, cn, 3) != 0)
        return false;
    *out = (pred){tok[t].start, tok[t].end, ce->lat_e5 / 1e5, ce->lon_e5 / 1e5, false};
    return true;
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
    size_t npa;
    const dl_place *pa = dl_doc_place_actors(doc, &npa);
    for (size_t i = 0; i < npa && n < cap; i++)
        out[n++] = (pred){pa[i].start, pa[i].end, pa[i].lat, pa[i].lon, false};
    np = n; /* "covered" below looks at both */
    const dl__places_kb *pk = dl__kb_state(kb, DL_STAGE_PLACES);
    const dl_actor *a = dl_doc_actors(doc, &na);
    for (size_t i = 0; pk && i < na && n < cap; i++) {
        pred adj;
        if (adjective_pred(pk, doc, &a[i], &adj)) {
            bool covered = false;
            for (size_t k = 0; k < n && !covered; k++)
                covered = out[k].start < adj.end && adj.start < out[k].end;
            if (!covered)
                out[n++] = adj;
            continue;
        }
        if (a[i].kind != DL_ACTOR_COUNTRY || a[i].country == NULL ||
            a[i].name == NULL)
            continue;
        bool covered = false;
        for (size_t k = 0; k < np && !covered; k++)
            covered = out[k].start < a[i].end && a[i].start < out[k].end;
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
        kind_counts *kc = &c->kind[g[i].kind];
        kc->gold++;
        kc->coord += g[i].has_coord;
        if (best == SIZE_MAX) {
            c->loose.fn++;
            c->strict.fn++;
            if (opt->verbose)
                miss_line(doc, &g[i], out);
            continue;
        }
        pred *m = &p[best];
        m->matched = true;
        kc->found++;
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
        kc->within += km <= 161.0;
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
        x->kind = gold_kind(p, ae);
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
    kind_counts all = {0};
    for (int k = 0; k < K_N; k++) {
        all.gold += c->kind[k].gold;
        all.found += c->kind[k].found;
        all.coord += c->kind[k].coord;
        all.within += c->kind[k].within;
    }
#define RATIO(a, b) ((b) ? (double)(a) / (double)(b) : 0.0)
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
                "\"mean_km\":%.1f,\"median_km\":%.1f,\"recall_all\":%.4f,"
                "\"acc161_all\":%.4f",
                file, c->docs, dl__prf_p(c->loose), dl__prf_r(c->loose),
                dl__prf_f(c->loose), dl__prf_f(c->strict), c->resolved, acc, mean,
                median, RATIO(all.found, all.gold), RATIO(all.within, all.coord));
        for (int q = 0; q < K_N; q++)
            fprintf(out, ",\"%s\":{\"gold\":%ld,\"recall\":%.4f,\"acc161_all\":%.4f}",
                    kind_name[q], c->kind[q].gold, RATIO(c->kind[q].found, c->kind[q].gold),
                    RATIO(c->kind[q].within, c->kind[q].coord));
        fputs("}\n", out);
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
    fprintf(out, "over all gold toponyms (a name not found counts as wrong):\n");
    fprintf(out, "%-10s %6s %8s %12s\n", "kind", "gold", "recall", "acc@161km");
    for (int k = 0; k <= K_N; k++) {
        const kind_counts *kc = k < K_N ? &c->kind[k] : &all;
        fprintf(out, "%-10s %6ld %8.4f %12.4f\n", k < K_N ? kind_name[k] : "all", kc->gold,
                RATIO(kc->found, kc->gold), RATIO(kc->within, kc->coord));
    }
#undef RATIO
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
    if (rc == DL_OK)
        build_countries(dl__kb_state(kb, DL_STAGE_PLACES), &countries_tab);
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
