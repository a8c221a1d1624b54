/*
 * dl.h — internal header shared by every module of libdateline.
 *
 * What is here: the arena and growable arrays every stage allocates from,
 * error helpers, the internal layout of a document, the knowledge base and
 * the stage table. What is not: anything a user of the library sees (that
 * is include/dateline.h). Names are dl__ (two underscores) or static.
 */
#ifndef DL_INTERNAL_H
#define DL_INTERNAL_H

#include "dateline.h"

/* System headers first: banned.h must come after them. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/banned.h"

#define DL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define DL_UNUSED(x) ((void)(x))

#if defined(__GNUC__)
#define DL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DL_PRINTF(f, a)
#endif

/* ------------------------------------------------------------- errors */

/* Fills err (if not NULL) and returns code. */
dl_code dl__fail(dl_error *err, dl_code code, const char *fmt, ...)
    DL_PRINTF(3, 4);
/* Same, naming a file and line. */
dl_code dl__fail_at(dl_error *err, dl_code code, const char *file, long line,
                    const char *fmt, ...) DL_PRINTF(5, 6);
void dl__error_clear(dl_error *err);

/* The data folder (given, else $DATELINE_DATA, build/data beside the
 * executable, the install prefix), malloc'd; kb.c. */
char *dl__find_data_dir(const char *given);

/* ------------------------------------------------------------- memory */

/* A bump allocator: many small allocations, one free. Blocks grow
 * geometrically; nothing is freed until dl__arena_free. */
typedef struct dl__arena_block dl__arena_block;
typedef struct dl__arena {
    dl__arena_block *head;
    size_t block_size;   /* size of the next block */
    size_t total;        /* bytes reserved, for statistics */
    int failed;          /* set once an allocation failed */
} dl__arena;

void dl__arena_init(dl__arena *a, size_t first_block);
/* Tests: the Nth arena block allocation from now fails (0: none). */
extern long dl__fault_countdown;
void dl__arena_free(dl__arena *a);
/* Zeroed, 16-byte aligned memory; NULL (and a->failed) on out-of-memory. */
void *dl__arena_alloc(dl__arena *a, size_t n);
char *dl__arena_strndup(dl__arena *a, const char *s, size_t n);
char *dl__arena_strdup(dl__arena *a, const char *s);
char *dl__arena_printf(dl__arena *a, const char *fmt, ...) DL_PRINTF(2, 3);

/* A growable array living in an arena (old storage is abandoned to the
 * arena when it grows, which costs at most 2x). */
typedef struct dl__vec {
    void *items;
    size_t n, cap, size;
} dl__vec;

void dl__vec_init(dl__vec *v, size_t item_size);
/* Appends one zeroed item and returns it, or NULL on out-of-memory. */
void *dl__vec_push(dl__vec *v, dl__arena *a);
/* Makes room for `cap` items in one allocation; false on out-of-memory. */
bool dl__vec_reserve(dl__vec *v, dl__arena *a, size_t cap);

/* malloc'd growable byte buffer for output (JSON lines, SQL). */
typedef struct dl__buf {
    char *data;
    size_t len, cap;
    int failed;
} dl__buf;

void dl__buf_init(dl__buf *b);
void dl__buf_free(dl__buf *b);
void dl__buf_add(dl__buf *b, const char *s, size_t n);
void dl__buf_puts(dl__buf *b, const char *s);
void dl__buf_putc(dl__buf *b, char c);
void dl__buf_printf(dl__buf *b, const char *fmt, ...) DL_PRINTF(2, 3);
/* Detaches the NUL-terminated data (caller frees) or NULL if failed. */
char *dl__buf_take(dl__buf *b);

/* -------------------------------------------------------------- hashing */

uint64_t dl__hash64(const void *p, size_t n); /* FNV-1a 64 */

/* Open-addressing string -> value table, keys and values owned by an
 * arena (the caller's). Built at load time, then read-only. */
typedef struct dl__strmap {
    uint64_t *hashes;
    const char **keys;
    uint32_t *klen;
    void **vals;
    size_t cap, n;
} dl__strmap;

void dl__strmap_init(dl__strmap *m);
void dl__strmap_free(dl__strmap *m);
/* Inserts or replaces; returns the previous value (or NULL). key must
 * outlive the map. -1 cast on out-of-memory is signalled via *oom. */
void *dl__strmap_put(dl__strmap *m, const char *key, size_t klen, void *val,
                     int *oom);
void *dl__strmap_get(const dl__strmap *m, const char *key, size_t klen);

/* ----------------------------------------------------------------- text */

/* Lower-cases and strips accents (NFKD, drop combining marks, casefold)
 * from UTF-8 s into the arena; ASCII is a fast path. */
char *dl__normalize(dl__arena *a, const char *s, size_t n, size_t *outlen);
/* Length of the valid UTF-8 prefix; equals n when all valid. */
size_t dl__utf8_valid_prefix(const char *s, size_t n);
/* Decodes one code point at s (n bytes left); returns its length (>= 1)
 * and stores the code point (U+FFFD for invalid bytes). */
int dl__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* ------------------------------------------------------------ document */

struct dl_doc {
    dl__arena arena;
    char *id, *date_str, *title, *url, *source, *origin;
    char hash[17];
    dl_date date;
    char *text;          /* NUL-terminated copy */
    size_t len;
    unsigned done;       /* stages already run */
    dl__vec sentences;   /* dl_sentence */
    dl__vec tokens;      /* dl_token */
    dl__vec words;       /* dl_word (syntax stage) */
    dl__vec timexes;     /* dl_timex */
    dl__vec actors;      /* dl_actor */
    dl__vec places;      /* dl_place, read as locations */
    dl__vec place_actors; /* dl_place, names read as actors (issue 12) */
    dl__vec quotes;      /* dl_quote */
    dl__vec events;      /* dl_event */
    dl__vec notes;       /* dl__note: decision trail for explain */
    void *quote_index;   /* built by dl__quote_of_trigger, in the arena */
};

/* Decisions for explain (dl_note in dateline.h). */
typedef dl_note dl__note;

void dl__doc_note(dl_doc *doc, const char *stage, uint32_t start,
                  uint32_t end, const char *fmt, ...) DL_PRINTF(5, 6);

/* Records of a layer in sentence order (timexes, actors, quotes; see
 * src/doc/layers.c): the first index whose sentence is >= `sentence`,
 * the range [*lo, *hi) of sentences first..last, and whether the order
 * holds. O(log n) each, the last O(n). */
size_t dl__layer_first(const dl__vec *v, uint32_t sentence);
void dl__layer_sentences(const dl__vec *v, uint32_t first, uint32_t last, size_t *lo,
                         size_t *hi);
bool dl__layer_in_order(const dl__vec *v);

/* Typed push helpers: a zeroed record appended to the layer, or NULL. */
#define DL__PUSH(doc, layer, type) ((type *)dl__vec_push(&(doc)->layer, &(doc)->arena))

/* --------------------------------------------------------- stage table */

/* A stage: loads its knowledge once into `state`, then annotates
 * documents. Versioned like FTS5's tokenizer table so that fields can be
 * added without breaking stages written against an older version. */
typedef struct dl__stage {
    int iversion;                  /* 1 */
    unsigned id;                   /* DL_STAGE_* bit */
    unsigned needs;                /* stages that must run first */
    const char *name;
    /* May be NULL. Loads knowledge; *state is passed to run and free. */
    dl_code (*load)(dl_kb *kb, const dl_kb_config *cfg, void **state,
                    dl_error *err);
    void (*unload)(void *state);
    dl_code (*run)(const dl_kb *kb, const void *state, dl_doc *doc,
                   dl_error *err);
} dl__stage;

/* The pipeline, in order (src/pipeline.c). */
extern const dl__stage *const dl__pipeline[];
extern const size_t dl__pipeline_len;

/* Each stage's table, defined in its folder. */
extern const dl__stage dl__stage_text;
extern const dl__stage dl__stage_syntax;
extern const dl__stage dl__stage_time;
extern const dl__stage dl__stage_actors;
extern const dl__stage dl__stage_places;
extern const dl__stage dl__stage_quotes;
extern const dl__stage dl__stage_events;

/* --------------------------------------------------------- knowledge */

#define DL__MAX_STAGES 8

struct dl_kb {
    char *data_dir;             /* resolved data folder */
    unsigned stages;            /* loaded stages */
    void *state[DL__MAX_STAGES]; /* per stage, by pipeline position */
    dl__arena arena;            /* strings shared by stages */
};

/* The state a stage loaded, or NULL (for cross-stage use: the events
 * stage reads the lemma table of the text stage, for example). */
const void *dl__kb_state(const dl_kb *kb, unsigned stage_id);
/* Full path of a file in the data folder, in the kb arena. */
const char *dl__kb_path(const dl_kb *kb, const char *name);

/* The lemma of a normalized word form, or NULL when it is its own lemma
 * (src/text/lemma.c; table compiled from WordNet at build time). */
const char *dl__lemma_lookup(const void *text_state, const char *norm,
                             size_t len);

#endif /* DL_INTERNAL_H */
