/*
 * hash.c — FNV-1a hashing and an open-addressing string map used by the
 * dictionaries (built once at load time, then only read).
 */
#include "dl.h"

#include <stdlib.h>

uint64_t dl__hash64(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

void dl__strmap_init(dl__strmap *m)
{
    memset(m, 0, sizeof *m);
}

void dl__strmap_free(dl__strmap *m)
{
    free(m->hashes);
    free(m->keys);
    free(m->klen);
    free(m->vals);
    dl__strmap_init(m);
}

/* The slot of key, or the empty slot where it would go. Each slot keeps
 * the key's full hash, so a probe compares bytes only when the hashes
 * agree: lookups of words that are not there (most of them, for most
 * dictionaries) never touch the keys. */
static size_t slot_of(const dl__strmap *m, const char *key, size_t klen, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    while (m->keys[i] != NULL) {
        if (m->hashes[i] == h && m->klen[i] == klen && memcmp(m->keys[i], key, klen) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int grow(dl__strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    dl__strmap old = *m;
    m->hashes = calloc(cap, sizeof *m->hashes);
    m->keys = calloc(cap, sizeof *m->keys);
    m->klen = calloc(cap, sizeof *m->klen);
    m->vals = calloc(cap, sizeof *m->vals);
    if (!m->hashes || !m->keys || !m->klen || !m->vals) {
        free(m->hashes);
        free(m->keys);
        free(m->klen);
        free(m->vals);
        *m = old;
        return 0;
    }
    m->cap = cap;
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.keys[i] == NULL)
            continue;
        size_t j = slot_of(m, old.keys[i], old.klen[i], old.hashes[i]);
        m->hashes[j] = old.hashes[i];
        m->keys[j] = old.keys[i];
        m->klen[j] = old.klen[i];
        m->vals[j] = old.vals[i];
        m->n++;
    }
    free(old.hashes);
    free(old.keys);
    free(old.klen);
    free(old.vals);
    return 1;
}

void *dl__strmap_put(dl__strmap *m, const char *key, size_t klen, void *val,
                     int *oom)
{
    if ((m->n + 1) * 4 >= m->cap * 3 && !grow(m)) {
        if (oom)
            *oom = 1;
        return NULL;
    }
    uint64_t h = dl__hash64(key, klen);
    size_t i = slot_of(m, key, klen, h);
    void *prev = NULL;
    if (m->keys[i] != NULL) {
        prev = m->vals[i];
    } else {
        m->hashes[i] = h;
        m->keys[i] = key;
        m->klen[i] = (uint32_t)klen;
        m->n++;
    }
    m->vals[i] = val;
    return prev;
}

void *dl__strmap_get(const dl__strmap *m, const char *key, size_t klen)
{
    if (m->cap == 0)
        return NULL;
    size_t i = slot_of(m, key, klen, dl__hash64(key, klen));
    return m->keys[i] ? m->vals[i] : NULL;
}
