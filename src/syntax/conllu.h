/*
 * conllu.h — a reader of CoNLL-U treebanks (Universal Dependencies), for
 * the trainer (tools/mksyntax.c) and `dateline eval ud`. It keeps the
 * basic tree of each sentence and finds every word's byte span in the
 * sentence's `# text`, so that our own tokens can be aligned to the gold
 * words by span, as the CoNLL 2018 scorer aligns raw-text output.
 */
#ifndef DL_SYNTAX_CONLLU_H
#define DL_SYNTAX_CONLLU_H

#include "dl.h"

typedef struct dl__conllu_word {
    const char *form, *lemma, *upos, *xpos, *deprel;
    int head;             /* 0: root; words are numbered from 1 */
    uint32_t start, end;  /* bytes in the sentence text */
    bool in_mwt;          /* part of a multi-word token ("can|not") */
} dl__conllu_word;

typedef struct dl__conllu_sent {
    const char *id, *text; /* # sent_id, # text (NULL when absent) */
    uint32_t text_len;
    dl__conllu_word *words; /* words[0..n) are ids 1..n */
    int n;
    bool spans_ok;          /* every word was found in the text */
} dl__conllu_sent;

typedef struct dl__conllu {
    char *buf;
    dl__conllu_sent *sents;
    size_t n;
    dl__conllu_word *words;
    size_t nwords;
} dl__conllu;

/* Reads a whole .conllu file. A malformed line fails with file:line. */
dl_code dl__conllu_read(const char *path, dl__conllu **out, dl_error *err);
void dl__conllu_free(dl__conllu *c); /* accepts NULL */

#endif
