/*
 * model.h — the syntax model as the runtime sees it: a mapped file
 * (model_file.h), class names, and the two scorers. Loaded once by the
 * syntax stage; read-only afterwards, so threads share it.
 */
#ifndef DL_SYNTAX_MODEL_H
#define DL_SYNTAX_MODEL_H

#include "dl.h"
#include "syntax/features.h"
#include "syntax/model_file.h"

typedef struct dl__syn_table {
    const dl__syn_slot *slots;
    const uint32_t *entries;
    const int16_t *dense;  /* rows of `stride` weights */
    uint32_t mask;
    uint32_t nentries;
    uint32_t stride;
} dl__syn_table;

typedef struct dl__syn_model {
    void *map;
    size_t size;
    const dl__syn_header *hdr;
    dl__syn_table tagger, parser, tagdict;
    int ntags, nlabels;
    const char **upos, **xpos; /* per tagger class */
    const char **labels;       /* per label */
    int punct_label;           /* "punct", or -1 */
    int root_label;            /* "root" */
    /* classes the tree repairs use (repair.c); -1 when absent */
    int acl_label, nsubj_label, obl_label, agent_label, relcl_label, vbd_tag;
} dl__syn_model;

/* Maps and checks the model file; on error err names the file and what is
 * wrong with it (magic, format, feature version, sizes). */
dl_code dl__syn_model_load(const char *path, dl__syn_model **out, dl_error *err);
void dl__syn_model_free(dl__syn_model *m);

/* Adds the weights of features[0..n) to scores[0..stride) (the caller's
 * array has the table's stride, a multiple of 16, and is zeroed). */
void dl__syn_table_score(const dl__syn_table *t, const uint64_t *features,
                         int n, int32_t *scores);
/* The tag dictionary's class for a word's atom hash, or -1. */
int dl__syn_tagdict_get(const dl__syn_model *m, uint64_t w);

/* Tags words [0,n) (greedy, left to right): tags[i] gets a class. */
void dl__syn_tag(const dl__syn_model *m, const dl__syn_atoms *atoms, int n,
                 int *tags);
/* Parses words 1..n (atoms and tags indexed from 1) into heads (0 = root)
 * and labels; `mem` has dl__syn_config_bytes(n) bytes. */
void dl__syn_parse(const dl__syn_model *m, const dl__syn_atoms *atoms,
                   const int *tags, int n, void *mem, int *heads, int *labels);

/* Repairs of two greedy-parser errors that break every later stage's
 * reading of a sentence (repair.c): a sentence left without a predicate
 * because its past-tense verb was read as a reduced relative ("The two
 * sides rushed into talks." with 'rushed' an acl of 'sides'), and an
 * agent without "by". Arrays as dl__syn_analyze's outputs. */
void dl__syn_repair(const dl__syn_model *m, const char *const *forms, const uint32_t *lens,
                    int n, int *tags, int *heads, int *labels);

/* Tags and parses one sentence of n words given as forms (the stage and
 * `eval ud` with gold words both go through here). tags[0..n), heads and
 * labels [0..n) with heads 0-based within the sentence, -1 for the root.
 * `mem` has dl__syn_work_bytes(n) bytes. */
size_t dl__syn_work_bytes(int n);
void dl__syn_analyze(const dl__syn_model *m, const char *const *forms,
                     const uint32_t *lens, int n, void *mem, int *tags,
                     int *heads, int *labels);

#endif
