/*
 * quotes.h — the quotes stage's internal interface: the cue lexicon
 * (cues.c), quote-mark pairing (marks.c), speaker spans and their link to
 * actor mentions (speaker.c), cue readings (reading.c) and the driver that
 * builds the quotations (quotes.c).
 *
 * Other stages use only the two look-ups at the end: the events stage
 * links a statement event to the quote its verb introduces.
 */
#ifndef DL_QUOTES_H
#define DL_QUOTES_H

#include "dl.h"

/* ------------------------------------------------------------ cues.c */

enum dl__cue_class {
    DL__CUE_SPEECH, /* say, tell: quotes and that-clauses */
    DL__CUE_BELIEF, /* think, believe: only with an explicit "that" */
    DL__CUE_WEAK,   /* call, describe: only with quoted words */
    DL__CUE_PREP,   /* according to X */
    DL__CUE_RELAY,  /* X quoted Y as saying */
};

enum { DL__CUE_OBJ = 1u << 0, DL__CUE_CORE = 1u << 1, DL__CUE_QUOTE = 1u << 2 };

#define DL__CUE_MAX_WORDS 4

typedef struct dl__cue {
    const char *words[DL__CUE_MAX_WORDS]; /* lemmas, in the kb arena */
    unsigned nwords;
    unsigned cls;             /* enum dl__cue_class */
    unsigned flags;           /* DL__CUE_* */
    const char *why;          /* "quotes/cues.txt:12" */
    const struct dl__cue *next; /* next cue with the same first lemma */
} dl__cue;

typedef struct dl__quotes_kb {
    dl__arena arena;
    dl__strmap first; /* first lemma -> dl__cue chain */
} dl__quotes_kb;

/* Reads a cue file (format in data/quotes/cues.txt) into q. */
dl_code dl__cues_load(dl__quotes_kb *q, const char *path, dl_error *err);
/* The longest cue starting at token i of doc, or NULL; *ntok gets its
 * number of tokens. Looks at token lemmas (norm when a token has none). */
const dl__cue *dl__cue_at(const dl__quotes_kb *q, const dl_doc *doc,
                          size_t i, size_t *ntok);

/* ----------------------------------------------------------- marks.c */

enum { DL__QS_UNBALANCED = 1u << 0, DL__QS_MULTIPARA = 1u << 1,
       DL__QS_SINGLE = 1u << 2 };

/* A region between paired quote marks (a direct or partial quote). */
typedef struct dl__qspan {
    uint32_t open, close; /* first token of the opening mark, last of the
                           * closing one; UINT32_MAX when missing */
    uint32_t first, last; /* content tokens, inclusive */
    uint32_t start, end;  /* content bytes, trimmed */
    unsigned flags;       /* DL__QS_* */
    float confidence;
    const char *why;
} dl__qspan;

/* Caps: untrusted text cannot make the pairing grow without bound. */
#define DL__QUOTE_MAX_PARAS 12   /* paragraphs one quotation may run over */
#define DL__QUOTE_MAX_SPANS (1u << 20) /* quote regions per document (memory) */

/* Pairs the quote marks of the document. Returns the regions in text
 * order (in doc's arena) and their count in *n; inq (doc->tokens.n
 * entries, caller's) gets, per token, the region it lies in (marks
 * included) or -1. */
dl_code dl__quote_marks(dl_doc *doc, dl__qspan **out, size_t *n, int32_t *inq,
                        dl_error *err);
/* Whether token i is a quote mark: 2 double, 1 single, 0 not. */
int dl__quote_mark_kind(const dl_doc *doc, size_t i);

/* --------------------------------------------------------- speaker.c */

/* Whether token i is one of the ASCII words in the NULL-terminated list
 * (compared with the token's norm). */
bool dl__tok_in(const dl_doc *doc, size_t i, const char *const *words);
/* A lower-case -ly word ("effectively"). */
bool dl__tok_adverb(const dl_doc *doc, size_t i);
/* Personal pronoun that can speak (he, she, they, we, I, him, her ...). */
bool dl__tok_pronoun(const dl_doc *doc, size_t i);

/* The subject noun phrase left of token `cue` in its sentence: tokens
 * [*first, *last]; skips auxiliaries and adverbs next to the verb and an
 * apposition between commas ("Hugh Hill, a doctor, said"). Returns false
 * when there is none. `floor` is the first token it may take. */
bool dl__subject_left(const dl_doc *doc, size_t cue, size_t floor,
                      size_t *first, size_t *last);
/* A noun phrase starting at token i and ending before punctuation or a
 * clause word, at most `max` tokens, not past `limit` (exclusive). */
bool dl__np_right(const dl_doc *doc, size_t i, size_t limit, size_t max,
                  size_t *last);
/* The actor mention the words [start, end) name, following pronoun
 * antecedents; -1 when none. `pronoun` is set when the words are a
 * pronoun. */
int32_t dl__speaker_actor(const dl_doc *doc, uint32_t start, uint32_t end,
                          bool *pronoun);

/* ------------------------------------------- reading.c and quotes.c */

/* A cue as read in its sentence: who speaks through it, where its
 * content may start. */
typedef struct dl__reading {
    size_t cue, ncue;          /* cue tokens [cue, cue + ncue) */
    size_t cue_last;           /* last token of the cue's span */
    const dl__cue *entry;
    bool has_speaker, inverted;
    size_t sp_first, sp_last;  /* speaker tokens */
    bool has_channel;
    size_t ch_first, ch_last;
    size_t after;              /* first token after the cue phrase */
    int32_t actor, channel;    /* resolved actor mentions or -1 */
    bool used;                 /* taken by a direct quote */
    bool negated;              /* "did not say", "never said" */
    const char *rule;
} dl__reading;

/* The stage's per-document state (quotes.c, reading.c). */
typedef struct dl__qctx {
    const dl__quotes_kb *kb;
    dl_doc *doc;
    const dl_token *tok;
    size_t ntok;
    const dl_sentence *sent;
    dl__qspan *qs;
    size_t nqs;
    int32_t *inq;
    bool *partial;             /* per region: partial (else direct) */
    dl__reading *rd;
    size_t nrd;
    int32_t *rd_at;            /* per token: the reading whose cue covers it */
    dl__vec out;               /* dl_quote, unsorted */
    int32_t last_actor;        /* the last resolved speaker */
    uint32_t last_actor_sent;
} dl__qctx;

static inline bool dl__q_punct_is(const dl__qctx *c, size_t i, char ch)
{
    const dl_token *t = &c->tok[i];
    return (t->flags & DL_TOK_PUNCT) && t->end - t->start == 1 &&
           c->doc->text[t->start] == ch;
}

static inline bool dl__q_is_punct(const dl__qctx *c, size_t i)
{
    return (c->tok[i].flags & DL_TOK_PUNCT) && !(c->tok[i].flags & DL_TOK_WORD);
}

static inline bool dl__q_final_punct(const dl__qctx *c, size_t i)
{
    return dl__q_punct_is(c, i, '.') || dl__q_punct_is(c, i, '!') || dl__q_punct_is(c, i, '?');
}

static inline size_t dl__q_sent_first(const dl__qctx *c, size_t i)
{
    return c->sent[c->tok[i].sentence].tok_first;
}

static inline size_t dl__q_sent_last(const dl__qctx *c, size_t i)
{
    const dl_sentence *s = &c->sent[c->tok[i].sentence];
    return s->tok_first + s->tok_count - 1;
}

static inline bool dl__q_ends_ing(const dl__qctx *c, size_t i)
{
    const char *n = c->tok[i].norm;
    size_t len = n ? strlen(n) : 0;
    return len > 4 && strcmp(n + len - 3, "ing") == 0;
}

static inline bool dl__q_ends_ed(const dl__qctx *c, size_t i)
{
    const char *n = c->tok[i].norm;
    size_t len = n ? strlen(n) : 0;
    return len > 3 && strcmp(n + len - 2, "ed") == 0;
}

/* Token i lies in a time expression, or is a time word ("Tuesday"). */
bool dl__q_timex_tok(const dl__qctx *c, size_t i);
/* Resolves a reading's speaker and channel words to actor mentions. */
void dl__q_resolve(dl__qctx *c, dl__reading *r);
/* Reads the cue e (ncue tokens) at token i; false when it is no cue here
 * (a noun, a passive, a capitalized name). */
bool dl__q_read_cue(dl__qctx *c, size_t i, const dl__cue *e, size_t ncue, dl__reading *r);
/* The subject of the sentence holding token i (before i). */
bool dl__q_sentence_subject(const dl__qctx *c, size_t i, size_t *f, size_t *l);
/* Reads every cue outside quotes into c->rd (text order) and c->rd_at. */
dl_code dl__q_read_cues(dl__qctx *c, dl_error *err);

/* ---------------------------------------------------- for other stages */

/* Index into dl_doc_quotes() of the quote whose cue starts at byte
 * cue_start (a direct quote first, then partial, then indirect), or -1. */
int32_t dl__quote_for_cue(const dl_doc *doc, uint32_t cue_start);
/* Index of the quote whose cue lies in [start, end), else whose content
 * overlaps it most, or -1. */
int32_t dl__quote_in_span(const dl_doc *doc, uint32_t start, uint32_t end);
/* Index of the first quote whose cue overlaps the trigger [ts, te), else
 * of the first whose content holds it, or -1. O(log n + nearby quotes):
 * an index of the cues is built in the document's arena on the first
 * call after the quote stage (kept in doc->quote_index). */
int32_t dl__quote_of_trigger(dl_doc *doc, uint32_t ts, uint32_t te);

#endif
