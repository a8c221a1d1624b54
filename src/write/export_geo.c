/*
 * export_geo.c — the country and division codes GDELT's geo fields use:
 * FIPS 10-4 country codes and names (data/export/fips10-4.tsv, our
 * table) and GDELT-style ADM1 codes ("USFL", "RS48") of the gazetteer's
 * divisions (adm1.tsv, made at build time by tools/mkadm1.c). Loaded
 * once per export by export.c.
 */
#include "write/export.h"

#define GEO_LINE 1024

/* The n-th tab-separated field of line into out (NUL-terminated). */
static bool tab_field(const char *line, int n, char *out, size_t cap)
{
    const char *p = line;
    for (int i = 0; i < n; i++) {
        p = strchr(p, '\t');
        if (p == NULL)
            return false;
        p++;
    }
    size_t k = strcspn(p, "\t\r\n");
    if (k >= cap)
        return false;
    memcpy(out, p, k);
    out[k] = '\0';
    return true;
}

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return fopen(path, "r");
}

dl_code dl__geo_load(dl__geo *g, const char *dir, dl_error *err)
{
    dl__arena_init(&g->arena, 1 << 16);
    dl__strmap_init(&g->country);
    dl__strmap_init(&g->adm1);
    char line[GEO_LINE];
    int oom = 0;
    FILE *f = open_in(dir, "export/fips10-4.tsv");
    while (f && fgets(line, sizeof line, f)) {
        char a3[8], fips[8], name[256];
        if (line[0] == '#' || !tab_field(line, 0, a3, sizeof a3) ||
            !tab_field(line, 2, fips, sizeof fips) || !tab_field(line, 3, name, sizeof name))
            continue;
        dl__geo_country *c = dl__arena_alloc(&g->arena, sizeof *c);
        char *key = dl__arena_strdup(&g->arena, a3);
        if (c == NULL || key == NULL)
            break;
        snprintf(c->fips, sizeof c->fips, "%.2s", fips);
        c->name = dl__arena_strdup(&g->arena, name);
        dl__strmap_put(&g->country, key, strlen(key), c, &oom);
    }
    if (f)
        fclose(f);
    f = open_in(dir, "export/adm1.tsv");
    while (f && fgets(line, sizeof line, f)) {
        char a3[16], name[512], code[16], key[540];
        if (!tab_field(line, 0, a3, sizeof a3) || !tab_field(line, 1, name, sizeof name) ||
            !tab_field(line, 2, code, sizeof code))
            continue;
        size_t kl = a3[0] == '#' ? (size_t)snprintf(key, sizeof key, "%s", a3)
                                 : (size_t)snprintf(key, sizeof key, "%s|%s", a3, name);
        char *k = dl__arena_strndup(&g->arena, key, kl);
        char *v = dl__arena_strdup(&g->arena, code);
        if (k == NULL || v == NULL)
            break;
        dl__strmap_put(&g->adm1, k, kl, v, &oom);
    }
    if (f)
        fclose(f);
    if (oom || g->arena.failed) {
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

void dl__geo_free(dl__geo *g)
{
    dl__strmap_free(&g->country);
    dl__strmap_free(&g->adm1);
    dl__arena_free(&g->arena);
}

const dl__geo_country *dl__geo_country_of(const dl__geo *g, const char *iso3)
{
    if (iso3 == NULL || *iso3 == '\0')
        return NULL;
    return dl__strmap_get(&g->country, iso3, strlen(iso3));
}

const char *dl__geo_adm1(const dl__geo *g, const char *iso3, const char *admin1,
                         const char *geonameid)
{
    char key[540];
    if (geonameid && *geonameid) {
        size_t kl = (size_t)snprintf(key, sizeof key, "#%s", geonameid);
        const char *c = dl__strmap_get(&g->adm1, key, kl);
        if (c)
            return c;
    }
    if (iso3 == NULL || admin1 == NULL || *admin1 == '\0')
        return NULL;
    size_t kl = (size_t)snprintf(key, sizeof key, "%s|%s", iso3, admin1);
    return kl < sizeof key ? dl__strmap_get(&g->adm1, key, kl) : NULL;
}
