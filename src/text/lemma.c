/*
 * lemma.c — the lemma table: maps build/data/lemma.bin (written at build
 * time by tools/mklemma.c from WordNet 3.0, layout in lemma_file.h) into
 * memory and answers "what is the lemma of this normalized word form".
 *
 * Loading is one mmap and a check of the header and of every slot's
 * offsets (a corrupt or truncated file is an error, never a wild read),
 * plus a small Bloom filter; lookups are one hash, the filter, and for
 * the few forms that pass it a short linear probe in place. The text stage
 * calls dl__lemmas_get for every word token; other stages go through
 * dl__lemma_of (text.c) or dl__lemma_lookup. The table is read-only once
 * loaded and may be shared between threads.
 */
#include "text/text.h"
#include "text/lemma_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Forms longer than this are not in the table (mklemma's MAX_WORD). */
#define LEMMA_MAX_FORM 64

struct dl__lemmas {
    void *map;       /* the whole file, read-only */
    size_t size;
    const dl__lemma_slot *slots;
    uint32_t mask;   /* nslots - 1 */
    const char *pool;
    uint32_t pool_size;
    uint32_t nentries;
    /* A Bloom filter over the forms' hashes, built at load time (about
     * 16 bits per entry, two bits per form): most tokens are not in the
     * table, and this small array answers them from cache instead of a
     * probe into the multi-megabyte slot array. */
    uint64_t *bloom;
    uint32_t bloom_mask; /* bits - 1 */
};

/* The filter's two bit positions for hash h. */
static inline uint32_t bloom_bit1(uint32_t h, uint32_t mask)
{
    return h & mask;
}
static inline uint32_t bloom_bit2(uint32_t h, uint32_t mask)
{
    return (h * 0x9E3779B1u >> 7) & mask;
}

static bool bloom_has(const dl__lemmas *lm, uint32_t h)
{
    uint32_t a = bloom_bit1(h, lm->bloom_mask), b = bloom_bit2(h, lm->bloom_mask);
    return (lm->bloom[a >> 6] >> (a & 63) & 1) && (lm->bloom[b >> 6] >> (b & 63) & 1);
}

static dl_code build_bloom(dl__lemmas *lm)
{
    uint64_t bits = 1024;
    while (bits < (uint64_t)lm->nentries * 16 && bits < (1ull << 31))
        bits *= 2;
    lm->bloom = calloc((size_t)(bits / 64), sizeof *lm->bloom);
    if (lm->bloom == NULL)
        return DL_ENOMEM;
    lm->bloom_mask = (uint32_t)(bits - 1);
    for (uint32_t i = 0; i <= lm->mask; i++) {
        if (lm->slots[i].form == 0)
            continue;
        uint32_t h = lm->slots[i].hash;
        uint32_t a = bloom_bit1(h, lm->bloom_mask), b = bloom_bit2(h, lm->bloom_mask);
        lm->bloom[a >> 6] |= 1ull << (a & 63);
        lm->bloom[b >> 6] |= 1ull << (b & 63);
    }
    return DL_OK;
}

static dl_code bad_file(dl_error *err, const char *path, const char *why)
{
    return dl__fail(err, DL_EFORMAT,
                    "%s: not a lemma table (%s); rebuild it with make", path, why);
}

/* Checks the header and every slot against the file size. */
static dl_code check_table(dl__lemmas *lm, const char *path, dl_error *err)
{
    dl__lemma_header h;
    if (lm->size < sizeof h)
        return bad_file(err, path, "too short");
    memcpy(&h, lm->map, sizeof h);
    if (memcmp(h.magic, DL__LEMMA_MAGIC, sizeof h.magic) != 0)
        return bad_file(err, path, "bad magic");
    if (h.bom != DL__LEMMA_BOM)
        return bad_file(err, path, "other byte order");
    if (h.nslots == 0 || (h.nslots & (h.nslots - 1)) != 0 || h.nentries >= h.nslots)
        return bad_file(err, path, "bad slot count");
    uint64_t slots_end = (uint64_t)h.slots_off + (uint64_t)h.nslots * sizeof(dl__lemma_slot);
    if (h.slots_off < sizeof h || h.slots_off % 4 != 0 || slots_end > h.pool_off ||
        (uint64_t)h.pool_off + h.pool_size > lm->size || h.pool_size == 0)
        return bad_file(err, path, "bad offsets");
    lm->slots = (const dl__lemma_slot *)((const char *)lm->map + h.slots_off);
    lm->pool = (const char *)lm->map + h.pool_off;
    lm->pool_size = h.pool_size;
    lm->mask = h.nslots - 1;
    lm->nentries = h.nentries;
    if (lm->pool[0] != '\0' || lm->pool[h.pool_size - 1] != '\0')
        return bad_file(err, path, "unterminated strings");
    uint32_t used = 0;
    for (uint32_t i = 0; i < h.nslots; i++) {
        const dl__lemma_slot *s = &lm->slots[i];
        if (s->form == 0)
            continue;
        if (s->form >= h.pool_size || s->lemma == 0 || s->lemma >= h.pool_size)
            return bad_file(err, path, "string offset out of range");
        used++;
    }
    if (used != h.nentries)
        return bad_file(err, path, "entry count mismatch");
    return DL_OK;
}

dl_code dl__lemmas_load(const char *path, dl__lemmas **out, dl_error *err)
{
    *out = NULL;
    if (path == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return dl__fail(err, DL_EIO, "%s: cannot open the lemma table: %s (run make)",
                        path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return dl__fail(err, DL_EIO, "%s: empty or unreadable lemma table", path);
    }
    dl__lemmas *lm = calloc(1, sizeof *lm);
    if (lm == NULL) {
        close(fd);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    lm->size = (size_t)st.st_size;
    lm->map = mmap(NULL, lm->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (lm->map == MAP_FAILED) {
        int e = errno;
        free(lm);
        return dl__fail(err, DL_EIO, "%s: cannot map the lemma table: %s", path,
                        strerror(e));
    }
    dl_code rc = check_table(lm, path, err);
    if (rc == DL_OK && build_bloom(lm) != DL_OK)
        rc = dl__fail(err, DL_ENOMEM, NULL);
    if (rc != DL_OK) {
        dl__lemmas_free(lm);
        return rc;
    }
    *out = lm;
    return DL_OK;
}

void dl__lemmas_free(dl__lemmas *lm)
{
    if (lm == NULL)
        return;
    if (lm->map != NULL && lm->map != MAP_FAILED)
        munmap(lm->map, lm->size);
    free(lm->bloom);
    free(lm);
}

const char *dl__lemmas_get(const dl__lemmas *lm, const char *norm, size_t len)
{
    if (lm == NULL || len == 0 || len > LEMMA_MAX_FORM)
        return NULL;
    uint32_t h = dl__lemma_hash(norm, len);
    if (!bloom_has(lm, h))
        return NULL;
    for (uint32_t i = h & lm->mask;; i = (i + 1) & lm->mask) {
        const dl__lemma_slot *s = &lm->slots[i];
        if (s->form == 0)
            return NULL;
        if (s->hash == h && (uint64_t)s->form + len < lm->pool_size &&
            memcmp(lm->pool + s->form, norm, len) == 0 && lm->pool[s->form + len] == '\0')
            return lm->pool + s->lemma;
    }
}

const char *dl__lemma_lookup(const void *text_state, const char *norm,
                             size_t len)
{
    const dl__text_kb *tk = text_state;
    return tk ? dl__lemmas_get(tk->lemmas, norm, len) : NULL;
}
