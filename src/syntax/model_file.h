/*
 * model_file.h — layout of the syntax model (data/syntax/en_ewt.model),
 * shared by its writer (tools/mksyntax.c, the trainer) and its reader
 * (src/syntax/model.c, which maps the file and scores features in place).
 *
 * Little-endian; every array 8-byte aligned:
 *
 *   header     struct dl__syn_header
 *   strings    NUL-terminated class names: per tagger class "UPOS", "XPOS",
 *              then parser labels ("nsubj", "obl:agent" ...)
 *   3 tables   tagger weights, parser weights, tag dictionary; each is an
 *              open-addressing hash table (linear probing, power-of-two
 *              slots) of struct dl__syn_slot, then its entry array
 *
 * A slot holds the high 32 bits of a feature's 64-bit hash (0 = empty; a
 * fingerprint of 0 is stored as 1) and where its entries are: the offset
 * of the first in bits 8-31, their count in bits 0-7. An entry is one
 * uint32: bits 0-15 a class, bits 16-31 a signed weight, quantized with
 * the table's scale (the same for every weight of a table, so arg-max is
 * unchanged). A count rather than a "last" flag lets the scoring loop run
 * without a data-dependent exit.
 *
 * Features with weights for many classes (tags alone, "s0 is a noun")
 * are stored dense instead: count DL__SYN_DENSE, and the offset is the
 * row number in the table's dense area, `stride` int16 weights per row
 * (the classes rounded up to 16), added with vector instructions.
 */
#ifndef DL_SYNTAX_MODEL_FILE_H
#define DL_SYNTAX_MODEL_FILE_H

#include <stdint.h>

#define DL__SYN_MAGIC "DLSYNTX1"
#define DL__SYN_BOM 0x01020304u
#define DL__SYN_FORMAT 3
/* Bumped whenever src/syntax/features.c changes what it hashes: a model
 * trained with other features is refused at load time. */
#define DL__SYN_FEATURES 3

typedef struct dl__syn_slot {
    uint32_t fp;   /* high half of the feature hash, 0: empty */
    uint32_t loc;  /* first entry << 8 | number of entries */
} dl__syn_slot;

typedef struct dl__syn_table_info {
    uint64_t slots_off;  /* byte offset of nslots slots */
    uint64_t entries_off;
    uint32_t nslots;     /* power of two */
    uint32_t nfeatures;  /* occupied slots */
    uint32_t nentries;
    float scale;         /* weight = entry weight * scale */
    uint64_t dense_off;  /* byte offset of ndense rows of stride int16 */
    uint32_t ndense, stride;
} dl__syn_table_info;

#define DL__SYN_DENSE 0xffu /* count of a feature stored as a dense row */
#define DL__SYN_DENSE_MIN 16 /* features with this many weights go dense */

#define DL__SYN_ENTRY_CLASS(e) ((e)&0xffffu)
#define DL__SYN_ENTRY_WEIGHT(e) ((int32_t)(int16_t)((e) >> 16))
#define DL__SYN_LOC(off, n) ((uint32_t)(off) << 8 | (uint32_t)(n))
#define DL__SYN_LOC_OFF(loc) ((loc) >> 8)
#define DL__SYN_LOC_COUNT(loc) ((loc)&0xffu)
#define DL__SYN_MAX_ENTRIES (1u << 24)

typedef struct dl__syn_header {
    char magic[8];          /* DL__SYN_MAGIC, no NUL */
    uint32_t bom;           /* DL__SYN_BOM */
    uint32_t format;        /* DL__SYN_FORMAT */
    uint32_t features;      /* DL__SYN_FEATURES */
    uint32_t ntags;         /* tagger classes */
    uint32_t nlabels;       /* dependency labels */
    uint32_t strings_size;
    uint64_t strings_off;
    dl__syn_table_info tagger, parser, tagdict;
    char treebank[64];      /* "UD_English-EWT v2.15 train" */
    char licence[32];       /* "CC BY-SA 4.0" */
    /* scores on the EWT dev split, gold tokens, measured by the trainer */
    float dev_upos, dev_xpos, dev_uas, dev_las;
    uint32_t tagger_iters, parser_iters;
    uint64_t file_size;
} dl__syn_header;

#endif
