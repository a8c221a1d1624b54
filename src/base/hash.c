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
    free(m->keys);
    free(m->klen);
    free(m->vals);
    dl__strmap_init(m);
}

static size_t slot_of(const dl__strmap *m, const char *key, size_t klen)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)dl__hash64(key, klen) & mask;
    while (m->keys[i] != NULL) {
        if (m->klen[i] == klen && memcmp(m->keys[i], key, klen) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int grow(dl__strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    dl__strmap old = *m;
    m->keys = calloc(cap, sizeof *m->keys);
    m->klen = calloc(cap, sizeof *m->klen);
    m->vals = calloc(cap, sizeof *m->vals);
    if (!m->keys || !m->klen || !m->vals) {
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
        size_t j = slot_of(m, old.keys[i], old.klen[i]);
        m->keys[j] = old.keys[i];
        m->klen[j] = old.klen[i];
        m->vals[j] = old.vals[i];
        m->n++;
    }
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
    size_t i = slot_of(m, key, klen);
    void *prev = NULL;
    if (m->keys[i] != NULL) {
        prev = m->vals[i];
    } else {
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
    size_t i = slot_of(m, key, klen);
    return m->keys[i] ? m->vals[i] : NULL;
}
