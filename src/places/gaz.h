/*
 * gaz.h — the compiled gazetteer: its on-disk layout (written by
 * tools/mkgaz.c at build time, mapped read-only at load time), the
 * canonical form of a place-name key, and lookups by key.
 *
 * The file is a header, then fixed-size records and a string pool:
 *   entries  dl__gaz_entry[n_entries]  one per place (city, admin1, ...)
 *   keys     dl__gaz_key[n_keys]       one per distinct canonical name
 *   post     uint32[n_post]            entry indexes per key, best first
 *   hash     uint32[hash_cap]          open addressing, key index + 1
 *   pool     char[pool_size]           NUL-terminated strings, pool[0]=0
 * All integers little-endian (the build machine's order; the file is a
 * build product, not an exchange format).
 */
#ifndef DL_PLACES_GAZ_H
#define DL_PLACES_GAZ_H

#include "dl.h"

#define DL__GAZ_MAGIC "DLGAZ03"
#define DL__GAZ_KEY_MAX 128 /* bytes of a canonical key */

enum dl__gaz_kind {
    DL__GAZ_CITY = 0,     /* populated place (GeoNames class P) */
    DL__GAZ_ADMIN1 = 1,   /* first-level division (state, province) */
    DL__GAZ_COUNTRY = 2,  /* independent country or dependency */
    DL__GAZ_ADMIN2 = 3,   /* county (US) */
    DL__GAZ_REGION = 4,   /* continent or named region (our own list) */
};

enum dl__gaz_flags {
    DL__GAZ_CAPITAL = 1u << 0, /* national capital (PPLC) */
    DL__GAZ_SEAT = 1u << 1,    /* seat of a first-level division (PPLA) */
    DL__GAZ_ALIAS = 1u << 2,   /* (posting flag, see below) */
};

typedef struct dl__gaz_entry {
    int32_t lat_e5, lon_e5;  /* degrees * 1e5 */
    uint32_t population;     /* 0 unknown; pseudo-values for areas */
    uint32_t geonameid;      /* 0 when not from GeoNames */
    uint32_t name;           /* pool offset: display name */
    uint32_t admin1;         /* pool offset: first-level division name */
    uint32_t admin1_code;    /* pool offset: "US.LA", "PL.80" (country.code) */
    char country[4];         /* ISO 3166 alpha-3 + NUL ("" for regions) */
    uint8_t kind;            /* enum dl__gaz_kind */
    uint8_t flags;           /* enum dl__gaz_flags */
    char fcode[6];           /* GeoNames feature code, NUL-padded */
} dl__gaz_entry;

typedef struct dl__gaz_key {
    uint32_t str;   /* pool offset of the canonical key */
    uint32_t len;
    uint32_t post;  /* first posting */
    uint32_t npost;
    uint32_t flags; /* enum dl__gaz_key_flags */
} dl__gaz_key;

enum dl__gaz_key_flags {
    DL__GAZ_COMMON = 1u << 0, /* also a lower-case English word (WordNet):
                                 "Reading", "Superior", "Grand" */
};

/* A posting's low 31 bits are the entry index; the top bit says the key
 * is an alternate name of that entry (an alias, an exonym, an ASCII
 * spelling), not its own name. */
#define DL__GAZ_POST_ALT 0x80000000u
#define DL__GAZ_POST_IDX 0x7fffffffu

typedef struct dl__gaz_header {
    char magic[8];
    uint32_t n_entries, n_keys, n_post, hash_cap, pool_size;
    uint32_t off_entries, off_keys, off_post, off_hash, off_pool;
    uint32_t reserved[5];
} dl__gaz_header;

/* A loaded (mapped) gazetteer. */
typedef struct dl__gaz {
    void *map;
    size_t map_len;
    const dl__gaz_header *h;
    const dl__gaz_entry *entries;
    const dl__gaz_key *keys;
    const uint32_t *post;
    const uint32_t *hash;
    const char *pool;
} dl__gaz;

/* Maps and checks the file. On error nothing is left open. */
dl_code dl__gaz_open(const char *path, dl__gaz *g, dl_error *err);
void dl__gaz_close(dl__gaz *g);

/* Canonical key of an already normalized name (dl__normalize): words
 * split at spaces, hyphens, commas and brackets, trailing periods
 * dropped, "st"/"ste"/"ft"/"mt" spelled out, joined by one space. Returns
 * the key length (0 when empty or longer than cap - 1); out is
 * NUL-terminated. */
size_t dl__gaz_canon(const char *norm, size_t n, char *out, size_t cap);

/* Postings of a canonical key, or NULL (and *n = 0); *flags (may be
 * NULL) gets the key's dl__gaz_key_flags. */
const uint32_t *dl__gaz_find(const dl__gaz *g, const char *key, size_t len,
                             uint32_t *n, unsigned *flags);

static inline const char *dl__gaz_str(const dl__gaz *g, uint32_t off)
{
    return g->pool + off;
}

/* Great-circle distance in km (haversine, mean Earth radius 6371 km). */
double dl__geo_km(double lat1, double lon1, double lat2, double lon2);

#endif
