/*
 * events.h — the events stage's internal interface: the CAMEO/PLOVER
 * tables (tables.c), verb patterns from our own format and PETRARCH's
 * (patterns.c, petrdict.c), discards, and the coder that turns a
 * sentence's actors and triggers into dl_event records (coder.c).
 * Everything here is loaded once into a dl__events_kb and then only read.
 */
#ifndef DL_EVENTS_H
#define DL_EVENTS_H

#include "dl.h"

/* ------------------------------------------------------------ tables */

typedef struct dl__cameo {
    char code[5];
    double goldstein;
    int quad;
    const char *plover; /* NULL when the code has no PLOVER type (01x) */
    const char *mode;   /* NULL when none */
    const char *name;
} dl__cameo;

/* ---------------------------------------------------------- patterns */

enum dl__pe_kind {
    DL_PE_WORD,     /* a literal word (lemma or exact form) */
    DL_PE_SYN,      /* any phrase of a synset */
    DL_PE_SOURCE,   /* $: the source actor is here */
    DL_PE_TARGET,   /* +: the target actor is here */
    DL_PE_COMPOUND, /* %: a compound actor (matched loosely) */
    DL_PE_SKIP,     /* ^: skip a noun phrase */
};

typedef struct dl__synset dl__synset;

typedef struct dl__pelem {
    uint8_t kind;   /* enum dl__pe_kind */
    uint8_t glued;  /* must sit right next to the previous element */
    uint8_t bit;    /* dl__word_bit(word), for a quick mismatch */
    const char *word;
    const dl__synset *syn;
} dl__pelem;

/* One phrase of a synset: words, each glued or not to the previous. */
typedef struct dl__phrase {
    const char **words;
    uint16_t n;
} dl__phrase;

struct dl__synset {
    const char *name;
    dl__phrase *phrases;
    size_t n;
    uint64_t first; /* bits of the hashes of its phrases' first words */
};

/* The filter bit of a word (coder.c and the readers agree on it). */
static inline unsigned dl__word_bit(const char *w)
{
    return (unsigned)(dl__hash64(w, strlen(w)) & 127u);
}

enum dl__pat_flags {
    DL_PAT_EXACT = 1u << 0,   /* words match the token's form, not lemma */
    DL_PAT_NOEVENT = 1u << 1, /* code [---]: a match that codes nothing */
    DL_PAT_SPEECH = 1u << 2,  /* a verb of saying (reported speech) */
    DL_PAT_NOUN = 1u << 3,    /* a noun trigger ("invasion") */
};

typedef struct dl__pattern {
    dl__pelem *before;  /* elements left of the trigger, nearest first */
    dl__pelem *after;   /* elements right of the trigger, in order */
    uint16_t nbefore, nafter;
    uint16_t weight;    /* literal words: more is more specific */
    uint16_t flags;     /* enum dl__pat_flags */
    char code[5];       /* CAMEO code (or the dictionary's own code) */
    char recip[5];      /* reciprocal code (target -> source) or "" */
    const char *why;    /* "file:line" */
    uint64_t need[2];   /* bits of its words' hashes: a quick filter */
} dl__pattern;

/* The patterns of one trigger lemma (a verb or a noun). */
typedef struct dl__trigger {
    const char *lemma;
    const char **pre;        /* glued words before the trigger (WIRE_+TAP) */
    uint16_t npre;
    const char **post;       /* glued words after it (BREAK_DOWN, step up) */
    uint16_t npost;
    dl__pattern **pats;
    uint64_t (*need)[2];     /* pats[i]->need, side by side for speed */
    size_t n, cap;
    char code[5];            /* default code of the verb block or "" */
    char recip[5];
    uint16_t flags;          /* DL_PAT_EXACT, DL_PAT_SPEECH */
    const char *why;
    struct dl__trigger *next; /* other triggers with the same lemma */
} dl__trigger;

typedef struct dl__discard {
    const char **words; /* normalized words, consecutive */
    uint16_t n;
    bool story;         /* '+': the whole story is discarded */
    const char *why;
} dl__discard;

typedef struct dl__events_kb {
    dl__arena arena;
    dl__cameo *cameo;
    size_t ncameo;
    dl__strmap cameo_by_code; /* code -> dl__cameo* */
    dl__strmap triggers;      /* lemma -> dl__trigger* (chained) */
    dl__strmap synsets;       /* name -> dl__synset* */
    dl__discard *discards;
    size_t ndiscards, capdiscards;
    dl__strmap discard_first; /* first word -> 1 (quick filter) */
    size_t npatterns;
    dl__strmap wordcls;       /* norm -> word-list bits (coder.c) */
    dl__strmap lemmacls;      /* lemma -> word-list bits */
    const dl_kb *kb;          /* for lemmas while loading */
    int historical_days;      /* dl_kb_config.historical_days, resolved */
} dl__events_kb;

/* tables.c: also the file reader the loaders share (malloc'd, NUL-
 * terminated; caller frees). Files over 64 MiB are refused. */
dl_code dl__events_read_file(const char *path, char **out, size_t *len,
                             dl_error *err);
dl_code dl__events_load_tables(dl__events_kb *ek, const char *cameo_path,
                               dl_error *err);
const dl__cameo *dl__cameo_get(const dl__events_kb *ek, const char *code);

/* patterns.c: our format (docs/events.md) */
dl_code dl__events_load_ours(dl__events_kb *ek, const char *path,
                             dl_error *err);
/* petrdict.c: PETRARCH/TABARI verb dictionaries and discard files */
dl_code dl__events_load_petrarch(dl__events_kb *ek, const char *path,
                                 dl_error *err);
dl_code dl__events_load_discards(dl__events_kb *ek, const char *path,
                                 dl_error *err);

/* Shared by both readers: the trigger record of a lemma (created on
 * demand) and adding a pattern to it. */
dl__trigger *dl__events_trigger(dl__events_kb *ek, const char *lemma,
                                const char **pre, uint16_t npre,
                                const char **post, uint16_t npost,
                                uint16_t flags);
dl_code dl__events_add_pattern(dl__events_kb *ek, dl__trigger *t,
                               dl__pattern *p);
/* Lemma of a word for dictionaries (falls back to the normalized word). */
const char *dl__events_lemma(dl__events_kb *ek, const char *w, size_t n);

/* coder.c: the word-class table (at load), then coding a document */
dl_code dl__events_classes(dl__events_kb *ek);
dl_code dl__events_code(const dl__events_kb *ek, dl_doc *doc, dl_error *err);

#endif
