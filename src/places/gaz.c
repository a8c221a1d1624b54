/*
 * gaz.c — opening the compiled gazetteer (mmap, then bounds checks on
 * every section), the canonical key of a place name shared with the
 * build-time converter tools/mkgaz.c, and key lookup in its hash table.
 * Nothing here decides which place a name means: that is resolve.c.
 */
#include "places/gaz.h"

#include <fcntl.h>
#include <math.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static bool section_ok(size_t file_len, uint32_t off, uint64_t count,
                       size_t item)
{
    return off <= file_len && count * item <= file_len - off &&
           off % 4 == 0;
}

static dl_code check_header(const dl__gaz *g, const char *path,
                            dl_error *err)
{
    const dl__gaz_header *h = g->h;
    if (g->map_len < sizeof *h || memcmp(h->magic, DL__GAZ_MAGIC, 8) != 0)
        return dl__fail(err, DL_EFORMAT, "%s: not a gazetteer file", path);
    bool ok = section_ok(g->map_len, h->off_entries, h->n_entries,
                         sizeof(dl__gaz_entry)) &&
              section_ok(g->map_len, h->off_keys, h->n_keys,
                         sizeof(dl__gaz_key)) &&
              section_ok(g->map_len, h->off_post, h->n_post, 4) &&
              section_ok(g->map_len, h->off_hash, h->hash_cap, 4) &&
              section_ok(g->map_len, h->off_pool, h->pool_size, 1) &&
              h->pool_size > 0 && h->hash_cap > 0 &&
              (h->hash_cap & (h->hash_cap - 1)) == 0;
    if (!ok)
        return dl__fail(err, DL_EFORMAT, "%s: truncated or corrupt gazetteer",
                        path);
    return DL_OK;
}

dl_code dl__gaz_open(const char *path, dl__gaz *g, dl_error *err)
{
    memset(g, 0, sizeof *g);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return dl__fail(err, DL_EIO, "cannot open gazetteer %s", path);
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return dl__fail(err, DL_EIO, "cannot read gazetteer %s", path);
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return dl__fail(err, DL_EIO, "cannot map gazetteer %s", path);
    g->map = m;
    g->map_len = (size_t)st.st_size;
    g->h = m;
    dl_code rc = check_header(g, path, err);
    if (rc != DL_OK) {
        dl__gaz_close(g);
        return rc;
    }
    const char *base = m;
    g->entries = (const dl__gaz_entry *)(const void *)(base + g->h->off_entries);
    g->keys = (const dl__gaz_key *)(const void *)(base + g->h->off_keys);
    g->post = (const uint32_t *)(const void *)(base + g->h->off_post);
    g->hash = (const uint32_t *)(const void *)(base + g->h->off_hash);
    g->pool = base + g->h->off_pool;
    if (g->pool[g->h->pool_size - 1] != '\0') {
        dl__gaz_close(g);
        return dl__fail(err, DL_EFORMAT, "%s: corrupt string pool", path);
    }
    return DL_OK;
}

void dl__gaz_close(dl__gaz *g)
{
    if (g && g->map)
        munmap(g->map, g->map_len);
    if (g)
        memset(g, 0, sizeof *g);
}

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' ||
           c == ',' || c == '(' || c == ')' || c == '"' || c == '/';
}

/* Spelled-out forms of abbreviations that open place names. */
static const char *expand(const char *w, size_t n)
{
    static const struct { const char *abbr, *full; } tab[] = {
        {"st", "saint"}, {"ste", "sainte"}, {"ft", "fort"},
        {"mt", "mount"}, {"pt", "point"},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(tab); i++)
        if (strlen(tab[i].abbr) == n && memcmp(tab[i].abbr, w, n) == 0)
            return tab[i].full;
    return NULL;
}

/* Letters NFKD does not decompose, folded to ASCII as people type them
 * ("Łódź" -> "lodz", "Tromsø" -> "tromso"); s points at a 2-byte form. */
static const char *fold2(const unsigned char *s)
{
    static const struct { unsigned char a, b; const char *to; } tab[] = {
        {0xC5, 0x82, "l"}, {0xC3, 0xB8, "o"}, {0xC4, 0x91, "d"},
        {0xC4, 0xB1, "i"}, {0xC3, 0xA6, "ae"}, {0xC5, 0x93, "oe"},
        {0xC3, 0xBE, "th"}, {0xC3, 0xB0, "d"}, {0xC4, 0xA7, "h"},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(tab); i++)
        if (s[0] == tab[i].a && s[1] == tab[i].b)
            return tab[i].to;
    return NULL;
}

/* Appends word w to out at *o with the letter folding above. */
static bool put_word(const char *w, size_t wn, char *out, size_t *o,
                     size_t cap)
{
    for (size_t i = 0; i < wn; i++) {
        const char *f = i + 1 < wn ? fold2((const unsigned char *)w + i) : NULL;
        size_t fl = f ? strlen(f) : 1;
        if (*o + fl + 1 > cap)
            return false;
        if (f) {
            memcpy(out + *o, f, fl);
            i++;
        } else {
            out[*o] = w[i];
        }
        *o += fl;
    }
    return true;
}

size_t dl__gaz_canon(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    while (i < n) {
        while (i < n && is_sep(s[i]))
            i++;
        size_t b = i;
        while (i < n && !is_sep(s[i]))
            i++;
        size_t e = i;
        while (e > b && s[e - 1] == '.')
            e--;
        if (e == b)
            continue;
        const char *w = s + b;
        size_t wn = e - b;
        const char *full = expand(w, wn);
        if (full) {
            w = full;
            wn = strlen(full);
        }
        bool fits = o + 2 <= cap;
        if (fits && o > 0)
            out[o++] = ' ';
        if (!fits || !put_word(w, wn, out, &o, cap)) {
            out[0] = '\0';
            return 0;
        }
    }
    out[o] = '\0'; /* put_word keeps o < cap */
    return o;
}

const uint32_t *dl__gaz_find(const dl__gaz *g, const char *key, size_t len,
                             uint32_t *n, unsigned *flags)
{
    *n = 0;
    if (flags)
        *flags = 0;
    if (g->map == NULL || len == 0)
        return NULL;
    uint32_t mask = g->h->hash_cap - 1;
    uint32_t i = (uint32_t)dl__hash64(key, len) & mask;
    for (uint32_t probes = 0; probes <= mask; probes++) {
        uint32_t k = g->hash[i];
        if (k == 0 || k > g->h->n_keys)
            return NULL;
        const dl__gaz_key *gk = &g->keys[k - 1];
        if (gk->len == len && gk->str + len < g->h->pool_size &&
            memcmp(g->pool + gk->str, key, len) == 0) {
            if ((uint64_t)gk->post + gk->npost > g->h->n_post)
                return NULL;
            *n = gk->npost;
            if (flags)
                *flags = gk->flags;
            return g->post + gk->post;
        }
        i = (i + 1) & mask;
    }
    return NULL;
}

double dl__geo_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, d2r = M_PI / 180.0;
    double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * d2r) * cos(lat2 * d2r) * sin(dlon / 2) * sin(dlon / 2);
    if (a > 1)
        a = 1;
    return 2 * r * asin(sqrt(a));
}
