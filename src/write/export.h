/*
 * export.h — inside the exporter (src/write/export*.c): the columns the
 * store hands over, the tables it loads (FIPS and ADM1 codes, the tone
 * lexicon, CAMEO names), near-duplicate detection, and the writers.
 * Not part of the public interface: dl_store_export*() in dateline.h is.
 */
#ifndef DL_WRITE_EXPORT_H
#define DL_WRITE_EXPORT_H

#include "dl.h"

/* The columns of dl__store_export_rows, in order. A place is 7 columns:
 * name, country (ISO alpha-3), admin1 name, feature, GeoNames id, lat, lon. */
enum dl__xcol {
    X_DATE, X_PREC, X_EDATE,
    X_SCODE, X_SCOUNTRY, X_SSECTOR, X_STEXT, X_SNAME, X_SKIND,
    X_TCODE, X_TCOUNTRY, X_TSECTOR, X_TTEXT, X_TNAME, X_TKIND,
    X_CAMEO, X_ROOT, X_QUAD, X_GOLD, X_PLOVER, X_MODE,
    X_PLACE, /* + 7: the action's place */
    X_SPLACE = X_PLACE + 7, /* the source actor's place */
    X_TPLACE = X_SPLACE + 7, /* the target actor's place */
    X_DOC = X_TPLACE + 7, X_URL, X_PUBLISHER, X_DOCDATE, X_SENTENCE, X_IDX, X_EVIDENCE,
    X_TRIGGER, X_CONF, X_QUOTE, X_DOCLEN, X_SOFF, X_TOFF, X_AOFF,
    X_NCOLS
};
enum { P_NAME, P_COUNTRY, P_ADMIN1, P_FEATURE, P_GEONAMEID, P_LAT, P_LON };

/* ---------------------------------------------------------------- geo */

typedef struct dl__geo {
    dl__arena arena;
    dl__strmap country; /* ISO alpha-3 -> dl__geo_country */
    dl__strmap adm1;    /* "ISO3|division name" and "#geonameid" -> ADM1 code */
} dl__geo;

typedef struct dl__geo_country {
    char fips[3];
    const char *name;
} dl__geo_country;

/* Loads fips10-4.tsv and adm1.tsv from dir; a missing file leaves its
 * table empty (codes then come out empty). Free with dl__geo_free. */
dl_code dl__geo_load(dl__geo *g, const char *dir, dl_error *err);
void dl__geo_free(dl__geo *g);
const dl__geo_country *dl__geo_country_of(const dl__geo *g, const char *iso3);
/* GDELT's ADM1 code of a place ("USFL"), or NULL when unknown. */
const char *dl__geo_adm1(const dl__geo *g, const char *iso3, const char *admin1,
                         const char *geonameid);

/* --------------------------------------------------------------- tone */

typedef struct dl__tone {
    dl__arena arena;
    dl__strmap words; /* word or "two words" -> score (intptr_t) */
    size_t n;
} dl__tone;

dl_code dl__tone_load(dl__tone *t, const char *path, dl_error *err);
void dl__tone_free(dl__tone *t);
/* GDELT's tone of a text: (positive - negative words) per 100 words;
 * *words (may be NULL) gets the word count. 0 for an empty lexicon. */
double dl__tone_score(const dl__tone *t, const char *text, size_t n, long *words);

/* ------------------------------------------------------ near duplicates */

/* Groups near-identical texts (MinHash over word 5-shingles, 64 hashes,
 * LSH in 16 bands, each candidate checked against `threshold` estimated
 * Jaccard similarity). story[i] gets the smallest index of text i's
 * group. Returns false on out-of-memory (story[i] = i then). */
bool dl__near_dup(const char *const *texts, const size_t *lens, size_t n, double threshold,
                  uint32_t *story);
/* Estimated Jaccard similarity of two texts (tests, docs). */
double dl__near_dup_similarity(const char *a, size_t an, const char *b, size_t bn);

#endif
