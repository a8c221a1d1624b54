/*
 * features.h — what the tagger and the parser look at, as 64-bit feature
 * hashes. Shared by the runtime (src/syntax/tagger.c, parser.c) and the
 * trainer (tools/mksyntax.c), so that a model is always scored with the
 * features it was trained on; DL__SYN_FEATURES in model_file.h names the
 * version of this file's choices.
 */
#ifndef DL_SYNTAX_FEATURES_H
#define DL_SYNTAX_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the features know of one word, computed once per word. */
typedef struct dl__syn_atoms {
    uint64_t w;      /* lower-case form, digits as 0 */
    uint64_t suf3, suf2, pre1, pre3, shape;
    uint32_t flags;  /* DL__SYN_F_* */
} dl__syn_atoms;

enum {
    DL__SYN_F_CAP = 1,     /* first letter upper-case */
    DL__SYN_F_UPPER = 2,   /* all letters upper-case, 2+ letters */
    DL__SYN_F_DIGIT = 4,   /* has a digit */
    DL__SYN_F_HYPHEN = 8,  /* has a hyphen */
    DL__SYN_F_FIRST = 16,  /* first word of its sentence */
    DL__SYN_F_PUNCT = 32,  /* no letter or digit at all */
};

void dl__syn_atoms_of(const char *form, size_t len, bool first,
                      dl__syn_atoms *out);

/* Tagger: the features of word i given the classes already chosen for the
 * words before it (prev[i-1], prev[i-2]; -1 outside the sentence). Writes
 * at most DL__SYN_TAG_NFEAT hashes and returns how many. */
#define DL__SYN_TAG_NFEAT 24
int dl__syn_tag_features(const dl__syn_atoms *a, int n, int i,
                         const int *prev, uint64_t *out);

/* Parser configuration as the features see it (arc-hybrid: a stack and a
 * buffer front; word 0 is the root, words 1..n the sentence). */
typedef struct dl__syn_config {
    int n;
    int *stack, sp;      /* stack[0] is the root */
    int b;               /* buffer front; b > n: empty */
    int *head, *label;   /* per word; head -1: none yet */
    int *lc1, *lc2, *rc1, *rc2; /* leftmost / 2nd leftmost / rightmost /
                                   2nd rightmost child, 0: none */
    uint8_t *nleft, *nright;    /* children on each side */
    /* what features read */
    const dl__syn_atoms *atoms; /* atoms[1..n] */
    const int *tag;             /* tag class of words 1..n */
} dl__syn_config;

#define DL__SYN_PARSE_NFEAT 64
int dl__syn_parse_features(const dl__syn_config *c, uint64_t *out);

#endif
