/*
 * mkadm1.c — build-time converter for the exports: the GDELT-style ADM1
 * code ("USFL", "RS48") of every first-level division the gazetteer
 * names. Run by mk/export.mk; not part of the library.
 *
 *   mkadm1 --gazetteer build/data/places/gazetteer.bin \
 *          --cities500 .../cities500.txt --fips data/export/fips10-4.tsv \
 *          -o build/data/export/adm1.tsv
 *
 * The stored places carry the division's name ("Florida"), the one the
 * gazetteer gave the city. GeoNames gives each city its admin1 code,
 * which for most countries is the FIPS 10-4 division code GDELT writes
 * (the postal abbreviation in the United States). So: every city of the
 * gazetteer votes, weighted by log population, for the GeoNames code of
 * its (country, division name); the winner, prefixed with the country's
 * FIPS code, is the division's ADM1 code. Codes that are not two
 * characters (GeoNames' ENG/SCT for Britain) are left out: the exporter
 * then writes the country code alone, as GDELT does for a country match.
 *
 * Output: "ISO3 <TAB> division name <TAB> ADM1 code", sorted, one a line;
 * then "#<geonameid> <TAB> <TAB> ADM1 code" for each city whose own GeoNames
 * code differs from its division's (Moscow the city, RS48, in the
 * division the gazetteer calls Moscow, mostly Moscow Oblast, RS47).
 */
#include "dl.h"
#include "places/gaz.h"

#include <math.h>

#define MAX_LINE 65536

typedef struct vote {
    char code[16];
    double w;
} vote;

typedef struct division {
    char country[4];
    const char *name;
    vote v[8];
    int nv;
} division;

static int cmp_div(const void *a, const void *b)
{
    const division *x = a, *y = b;
    int c = strcmp(x->country, y->country);
    return c ? c : strcmp(x->name, y->name);
}

/* The n-th tab-separated field of line (0-based) into out. */
static bool field(const char *line, int n, char *out, size_t cap)
{
    const char *p = line;
    for (int i = 0; i < n; i++) {
        p = strchr(p, '\t');
        if (p == NULL)
            return false;
        p++;
    }
    size_t k = strcspn(p, "\t\n");
    if (k >= cap)
        k = cap - 1;
    memcpy(out, p, k);
    out[k] = '\0';
    return true;
}

int main(int argc, char **argv)
{
    const char *gaz_path = NULL, *c500 = NULL, *fips_path = NULL, *out_path = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--gazetteer") == 0)
            gaz_path = argv[i + 1];
        else if (strcmp(argv[i], "--cities500") == 0)
            c500 = argv[i + 1];
        else if (strcmp(argv[i], "--fips") == 0)
            fips_path = argv[i + 1];
        else if (strcmp(argv[i], "-o") == 0)
            out_path = argv[i + 1];
    }
    if (gaz_path == NULL || fips_path == NULL || out_path == NULL) {
        fprintf(stderr, "usage: mkadm1 --gazetteer FILE --cities500 FILE --fips FILE -o FILE\n");
        return 2;
    }
    dl__gaz g;
    dl_error err;
    if (dl__gaz_open(gaz_path, &g, &err) != DL_OK) {
        fprintf(stderr, "mkadm1: %s: %s\n", gaz_path, err.msg);
        return 1;
    }
    /* ISO3 -> FIPS */
    dl__arena ar;
    dl__arena_init(&ar, 1 << 16);
    dl__strmap fips;
    dl__strmap_init(&fips);
    FILE *f = fopen(fips_path, "r");
    if (f == NULL) {
        fprintf(stderr, "mkadm1: %s: %s\n", fips_path, strerror(errno));
        return 1;
    }
    char line[MAX_LINE];
    int oom = 0;
    while (fgets(line, sizeof line, f)) {
        char a3[8], fc[8];
        if (line[0] == '#' || !field(line, 0, a3, sizeof a3) || !field(line, 2, fc, sizeof fc))
            continue;
        dl__strmap_put(&fips, dl__arena_strdup(&ar, a3), strlen(a3), dl__arena_strdup(&ar, fc),
                       &oom);
    }
    fclose(f);
    /* geonameid -> gazetteer city (country, division name) */
    uint32_t n = g.h->n_entries;
    uint32_t maxid = 0;
    for (uint32_t i = 0; i < n; i++)
        if (g.entries[i].kind == DL__GAZ_CITY && g.entries[i].geonameid > maxid)
            maxid = g.entries[i].geonameid;
    uint32_t *by_id = calloc((size_t)maxid + 1, sizeof *by_id);
    division *div = calloc(n, sizeof *div);
    dl__strmap div_idx;
    dl__strmap_init(&div_idx);
    size_t ndiv = 0;
    uint32_t *div_of = calloc(n, sizeof *div_of);
    char(*own)[4] = calloc(n, sizeof *own);
    if (by_id == NULL || div == NULL || div_of == NULL || own == NULL) {
        fprintf(stderr, "mkadm1: out of memory\n");
        return 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        const dl__gaz_entry *e = &g.entries[i];
        if (e->kind != DL__GAZ_CITY || e->geonameid == 0 || e->admin1 == 0 || e->country[0] == 0)
            continue;
        const char *name = dl__gaz_str(&g, e->admin1);
        char key[256];
        size_t kl = (size_t)snprintf(key, sizeof key, "%s|%s", e->country, name);
        uintptr_t d = (uintptr_t)dl__strmap_get(&div_idx, key, kl);
        if (d == 0) {
            memcpy(div[ndiv].country, e->country, 4);
            div[ndiv].name = name;
            ndiv++;
            d = ndiv;
            dl__strmap_put(&div_idx, dl__arena_strndup(&ar, key, kl), kl, (void *)d, &oom);
        }
        by_id[e->geonameid] = i + 1;
        div_of[i] = (uint32_t)d;
    }
    /* votes from GeoNames' own admin1 codes */
    f = c500 ? fopen(c500, "r") : NULL;
    if (f == NULL)
        fprintf(stderr, "mkadm1: warning: no cities500 list; ADM1 codes will be empty\n");
    while (f && fgets(line, sizeof line, f)) {
        char id[16], code[16], pop[24];
        if (!field(line, 0, id, sizeof id) || !field(line, 10, code, sizeof code) ||
            !field(line, 14, pop, sizeof pop) || code[0] == '\0')
            continue;
        unsigned long gid = strtoul(id, NULL, 10);
        if (gid > maxid || by_id[gid] == 0)
            continue;
        if (strlen(code) == 2)
            memcpy(own[by_id[gid] - 1], code, 3);
        division *d = &div[div_of[by_id[gid] - 1] - 1];
        double w = 1.0 + log10(strtod(pop, NULL) + 1.0);
        int k = 0;
        while (k < d->nv && strcmp(d->v[k].code, code) != 0)
            k++;
        if (k == d->nv && d->nv < 8) {
            snprintf(d->v[d->nv].code, sizeof d->v[0].code, "%s", code);
            d->nv++;
        }
        if (k < d->nv)
            d->v[k].w += w;
    }
    if (f)
        fclose(f);
    /* each division's winning code, before sorting moves them */
    char(*best_code)[4] = calloc(ndiv + 1, sizeof *best_code);
    for (size_t i = 0; i < ndiv && best_code; i++) {
        const division *d = &div[i];
        int best = 0;
        for (int k = 1; k < d->nv; k++)
            if (d->v[k].w > d->v[best].w)
                best = k;
        if (d->nv > 0 && strlen(d->v[best].code) == 2)
            memcpy(best_code[i], d->v[best].code, 3);
    }
    qsort(div, ndiv, sizeof *div, cmp_div);
    FILE *out = fopen(out_path, "w");
    if (out == NULL) {
        fprintf(stderr, "mkadm1: %s: %s\n", out_path, strerror(errno));
        return 1;
    }
    long written = 0;
    for (size_t i = 0; i < ndiv; i++) {
        const division *d = &div[i];
        if (d->nv == 0)
            continue;
        int best = 0;
        for (int k = 1; k < d->nv; k++)
            if (d->v[k].w > d->v[best].w)
                best = k;
        const char *fc = dl__strmap_get(&fips, d->country, strlen(d->country));
        if (fc == NULL || strlen(d->v[best].code) != 2)
            continue;
        fprintf(out, "%s\t%s\t%s%s\n", d->country, d->name, fc, d->v[best].code);
        written++;
    }
    long cities = 0;
    for (uint32_t i = 0; i < n && best_code; i++) {
        const dl__gaz_entry *e = &g.entries[i];
        if (div_of[i] == 0 || strlen(own[i]) != 2 || strcmp(own[i], best_code[div_of[i] - 1]) == 0)
            continue;
        const char *fc = dl__strmap_get(&fips, e->country, strlen(e->country));
        if (fc == NULL)
            continue;
        fprintf(out, "#%u\t\t%s%s\n", e->geonameid, fc, own[i]);
        cities++;
    }
    if (fclose(out) != 0) {
        fprintf(stderr, "mkadm1: cannot write %s\n", out_path);
        return 1;
    }
    fprintf(stderr, "mkadm1: %ld of %zu divisions coded, %ld cities coded apart -> %s\n",
            written, ndiv, cities, out_path);
    dl__strmap_free(&fips);
    dl__strmap_free(&div_idx);
    dl__arena_free(&ar);
    free(by_id);
    free(div);
    free(div_of);
    free(own);
    free(best_code);
    dl__gaz_close(&g);
    return 0;
}
