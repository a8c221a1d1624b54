/*
 * export_dedup.c — near-duplicate articles: the same story republished
 * by several outlets (wire copies with another headline, dateline or a
 * sentence more). Each text becomes the set of its word 5-shingles
 * (lower-cased letters and digits); 64 MinHash values estimate the
 * Jaccard similarity of two sets; locality-sensitive hashing in 16
 * bands of 4 values proposes candidate pairs (pairs at similarity 0.8
 * are proposed with probability 0.9998, pairs at 0.3 with 0.12), and each
 * candidate is kept when its estimate reaches the threshold. Linear in
 * the number of texts apart from the sort of the band keys.
 */
#include "write/export.h"

#define NH 64    /* hashes per signature */
#define BANDS 16 /* NH / BANDS values per band */
#define SHINGLE 5

static uint64_t mix(uint64_t x)
{
    /* splitmix64's finalizer */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* Hashes of the words of a text, in order, into *out (malloc'd). */
static size_t word_hashes(const char *s, size_t n, uint64_t **out)
{
    size_t cap = n / 4 + 8, k = 0;
    uint64_t *h = malloc(cap * sizeof *h);
    if (h == NULL)
        return 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') &&
               !(s[i] >= '0' && s[i] <= '9') && (unsigned char)s[i] < 0x80)
            i++;
        if (i >= n)
            break;
        uint64_t x = 1469598103934665603ull;
        while (i < n && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
                         (unsigned char)s[i] >= 0x80)) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 'A' && c <= 'Z')
                c += 32;
            x = (x ^ c) * 1099511628211ull;
            i++;
        }
        if (k == cap) {
            uint64_t *nh = realloc(h, 2 * cap * sizeof *h);
            if (nh == NULL) {
                free(h);
                return 0;
            }
            h = nh;
            cap *= 2;
        }
        h[k++] = x;
    }
    *out = h;
    return k;
}

static bool signature(const char *s, size_t n, uint64_t sig[NH])
{
    for (int j = 0; j < NH; j++)
        sig[j] = UINT64_MAX;
    uint64_t *w = NULL;
    size_t nw = word_hashes(s, n, &w);
    if (w == NULL && n > 0)
        return false;
    size_t nsh = nw >= SHINGLE ? nw - SHINGLE + 1 : (nw > 0);
    for (size_t i = 0; i < nsh; i++) {
        uint64_t x = 0;
        for (size_t k = i; k < i + SHINGLE && k < nw; k++)
            x = mix(x ^ w[k]);
        /* 64 hash functions from one mixed value: x * a_j + b_j with odd a_j */
        for (int j = 0; j < NH; j++) {
            uint64_t a = 0x9e3779b97f4a7c15ull * (uint64_t)(2 * j + 1) | 1, b = 0xd1b54a32d192ed03ull * (uint64_t)(j + 1);
            uint64_t v = x * a + b;
            v ^= v >> 29;
            if (v < sig[j])
                sig[j] = v;
        }
    }
    free(w);
    return true;
}

static double estimate(const uint64_t *a, const uint64_t *b)
{
    int same = 0;
    for (int j = 0; j < NH; j++)
        same += a[j] == b[j] && a[j] != UINT64_MAX;
    return (double)same / NH;
}

double dl__near_dup_similarity(const char *a, size_t an, const char *b, size_t bn)
{
    uint64_t sa[NH], sb[NH];
    if (!signature(a, an, sa) || !signature(b, bn, sb))
        return 0.0;
    return estimate(sa, sb);
}

typedef struct band_key {
    uint64_t key;
    uint32_t doc;
} band_key;

static int cmp_band(const void *x, const void *y)
{
    const band_key *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->doc < b->doc ? -1 : a->doc > b->doc;
}

static uint32_t find(uint32_t *parent, uint32_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

bool dl__near_dup(const char *const *texts, const size_t *lens, size_t n, double threshold,
                  uint32_t *story)
{
    for (size_t i = 0; i < n; i++)
        story[i] = (uint32_t)i;
    if (n < 2)
        return true;
    uint64_t *sig = malloc(n * NH * sizeof *sig);
    band_key *bk = malloc(n * sizeof *bk);
    if (sig == NULL || bk == NULL) {
        free(sig);
        free(bk);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++)
        ok = signature(texts[i], lens[i], sig + i * NH);
    const int rows = NH / BANDS;
    for (int band = 0; band < BANDS && ok; band++) {
        for (size_t i = 0; i < n; i++) {
            uint64_t x = (uint64_t)band;
            for (int r = 0; r < rows; r++)
                x = mix(x ^ sig[i * NH + (size_t)(band * rows + r)]);
            bk[i] = (band_key){x, (uint32_t)i};
        }
        qsort(bk, n, sizeof *bk, cmp_band);
        /* within a bucket, each text is checked against the bucket's first
         * (the earliest): linear, and transitive through the union */
        for (size_t lo = 0; lo < n;) {
            size_t hi = lo + 1;
            while (hi < n && bk[hi].key == bk[lo].key)
                hi++;
            for (size_t k = lo + 1; k < hi; k++) {
                uint32_t a = bk[lo].doc, b = bk[k].doc;
                if (estimate(sig + (size_t)a * NH, sig + (size_t)b * NH) < threshold)
                    continue;
                uint32_t ra = find(story, a), rb = find(story, b);
                if (ra != rb) {
                    if (ra < rb)
                        story[rb] = ra;
                    else
                        story[ra] = rb;
                }
            }
            lo = hi;
        }
    }
    for (size_t i = 0; i < n; i++)
        story[i] = find(story, (uint32_t)i);
    free(sig);
    free(bk);
    return ok;
}
