/*
 * lemma_file.h — layout of the compiled lemma table (build/data/lemma.bin),
 * shared by its writer (tools/mklemma.c, at build time) and its reader
 * (src/text/lemma.c, which maps the file and looks forms up in place).
 *
 * The file is little-endian and made of three parts:
 *
 *   header   struct dl__lemma_header (32 bytes)
 *   slots    nslots x struct dl__lemma_slot, an open-addressing hash table
 *            (linear probing, nslots a power of two, load <= 0.7);
 *            a slot with form == 0 is empty
 *   pool     NUL-terminated strings; offset 0 holds the empty string so
 *            that 0 can mean "no string"
 *
 * A slot maps a word form (lower-case, accent-free) to its lemma; both are
 * pool offsets. `hash` is dl__lemma_hash(form), kept so that a probe only
 * compares strings whose hashes match. Forms that are their own lemma are
 * not in the table.
 */
#ifndef DL_LEMMA_FILE_H
#define DL_LEMMA_FILE_H

#include <stddef.h>
#include <stdint.h>

#define DL__LEMMA_MAGIC "DLLEMMA1"
#define DL__LEMMA_BOM 0x01020304u /* byte-order check */

typedef struct dl__lemma_header {
    char magic[8];      /* DL__LEMMA_MAGIC, no NUL */
    uint32_t bom;       /* DL__LEMMA_BOM as written by the host */
    uint32_t nslots;    /* power of two */
    uint32_t nentries;  /* occupied slots */
    uint32_t pool_size; /* bytes of string pool */
    uint32_t slots_off; /* byte offset of the slots from the file start */
    uint32_t pool_off;  /* byte offset of the pool */
} dl__lemma_header;

typedef struct dl__lemma_slot {
    uint32_t hash;  /* dl__lemma_hash of the form */
    uint32_t form;  /* pool offset of the form, 0 = empty slot */
    uint32_t lemma; /* pool offset of the lemma */
} dl__lemma_slot;

/* FNV-1a, 32 bits: the table's hash, identical in writer and reader. */
static inline uint32_t dl__lemma_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
