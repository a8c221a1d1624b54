/*
 * coder.h — internal to the event coder (src/events/): the per-sentence
 * context, a pattern match, a participant, modality, and the functions
 * the coder's files share. The files, in the order a sentence meets them:
 * coder.c (driver), match.c (lexicon), modality.c, roles.c (tree) with
 * window.c (fallback) and context.c (article), sense.c, emit.c; words.c
 * holds the function-word lists.
 */
#ifndef DL_EVENTS_CODER_H
#define DL_EVENTS_CODER_H

#include "events/events.h"
#include "quotes/quotes.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "time/time.h"

#include <stdlib.h>


#define GAP_OURS 4      /* words allowed between pattern words (ours) */
#define GAP_PETR 12     /* ... and in PETRARCH patterns */
#define TARGET_REACH 10 /* tokens right of the trigger to look for a target */
#define MAX_GROUP 16
#define MAX_EVENTS_PER_SENTENCE 64
#define REACH 48 /* tokens any scan may go from the trigger (long sentences) */



typedef struct sent_ctx {
    const dl__events_kb *ek;
    dl_doc *doc;
    const dl_token *tok;
    const dl_actor *act;
    const int32_t *tok2act; /* token -> actor index or -1 */
    const uint32_t *afirst, *alast; /* actor spans, adjacent ones merged */
    const uint8_t *nbit;    /* per token: filter bit of its norm */
    const uint8_t *lbit;    /* ... and of its lemma */
    const uint32_t *cls;    /* per token: word-list bits (list_bit) */
    uint64_t mask[2];       /* bits of the sentence's norms and lemmas */
    int title;              /* 0 unknown, 1 a headline, -1 not */
    size_t place0, place1;  /* places of this sentence, when sorted */
    uint32_t s, first, end; /* sentence index, token range [first, end) */
    int32_t last_subject;   /* subject actor of the previous trigger */
    uint32_t last_trigger_end;
    uint32_t last_coded_end; /* token after the last coded trigger, or 0 */
    int nevents;
    const char *dom, *dom2; /* the article's two most named countries */
    uint32_t dom_n, dom2_n; /* ... and how often each is named */
} sent_ctx;

typedef struct match {
    const dl__pattern *pat;
    uint32_t tstart, tend;     /* trigger tokens [tstart, tend) */
    uint32_t span_lo, span_hi; /* tokens the pattern covered */
    int32_t src_from, src_to;  /* where the source was placed (-1: subject) */
    int32_t tgt_from, tgt_to;  /* where the target was placed (-1: right) */
    bool tgt_left, src_right;
    bool consumed_neg;         /* the pattern's words include the negation */
    uint32_t head;             /* the trigger's own token (its lemma) */
} match;

/* What the words around a trigger say about the act, weakest first. */
typedef enum {
    MOD_PLAIN,  /* it happened */
    MOD_FUTURE, /* "will", "would" */
    MOD_INTENT, /* "offered to", "is willing to", "promised to" */
    MOD_REFUSE, /* "refused to", "will not", "declined to" */
    MOD_HYPO,   /* "could", "if", "any", "threatened to": not coded */
    MOD_NEG     /* "did not": not coded */
} modality;

/* One participant: an actor mention, its code possibly completed by a
 * country ("soldiers from Gondor": ---MIL + GON = GONMIL). */
typedef struct side {
    int32_t actor;
    const char *code, *country, *sector;
    uint32_t start, end;
    float confidence; /* 0: the event's usual; lower when inferred */
} side;

extern const char *const dl__ev_preps[];
extern const char *const dl__ev_dets[];
extern const char *const dl__ev_joiners[];
extern const char *const dl__ev_conj[];
extern const char *const dl__ev_clause_stop[];
extern const char *const dl__ev_subord[];
extern const char *const dl__ev_tstop[];
extern const char *const dl__ev_relative[];
extern const char *const dl__ev_intens[];
extern const char *const dl__ev_pronouns[];
extern const char *const dl__ev_speech[];
extern const char *const dl__ev_negators[];
extern const char *const dl__ev_future[];
extern const char *const dl__ev_hypo[];
extern const char *const dl__ev_be[];
extern const char *const dl__ev_soft_gap[];
extern const char *const dl__ev_verbal[];
extern const char *const dl__ev_modals[];
extern const char *const dl__ev_intent[];
extern const char *const dl__ev_refuse[];
extern const char *const dl__ev_will[];
extern const char *const dl__ev_target_preps[];
extern const char *const dl__ev_target_preps_nonloc[];
extern const char *const dl__ev_by[];

bool dl__ev_tok_word(const sent_ctx *c, uint32_t i, const char *w, bool exact);
bool dl__ev_is_any(const sent_ctx *c, uint32_t i, const char *const *ws);
bool dl__ev_is_any_scan(const sent_ctx *c, uint32_t i, const char *const *ws);
bool dl__ev_ends(const char *s, const char *suf);
bool dl__ev_verb_form(const char *n);
int32_t dl__ev_actor_at(const sent_ctx *c, uint32_t i);
bool dl__ev_usable(const dl_actor *a);
int dl__ev_group_of(const sent_ctx *c, int32_t a, int32_t *out);
int32_t dl__ev_subject_left(const sent_ctx *c, uint32_t i, uint32_t stop);
int32_t dl__ev_subject_or_possessor(const sent_ctx *c, uint32_t i,
                                    uint32_t stop);
int32_t dl__ev_actor_right(const sent_ctx *c, uint32_t from, uint32_t to);
bool dl__ev_glued_words(const sent_ctx *c, uint32_t i, const char **w,
                        uint16_t n, bool left, bool exact);
bool dl__ev_participle(const dl_token *t);
bool dl__ev_petr_form(const char *form, const char *lemma);
bool dl__ev_pos_fits(const sent_ctx *c, uint32_t i, uint16_t tflags);
bool dl__ev_try_trigger(const sent_ctx *c, const dl__trigger *t, uint32_t i,
                        match *best, bool no_target);
modality dl__ev_modality_of(const sent_ctx *c, uint32_t from, uint32_t to,
                            const match *m, const char **cue);
const char *dl__ev_recode(const char *code, modality mod);
int32_t dl__ev_possessor(const sent_ctx *c, uint32_t i);
int dl__ev_expand(sent_ctx *c, int32_t a, side *out, int max);
void dl__ev_emit(sent_ctx *c, const match *m, const char *code,
                 const side *src, const side *tgt, modality mod,
                 const char *rules);
int32_t dl__ev_actor_of_word(const sent_ctx *c, int32_t w, int depth);
const char *dl__ev_sense_discard(const sent_ctx *c, const match *m, const char *code);
bool dl__ev_locative_is_venue(const char *code);
bool dl__ev_place_target(const sent_ctx *c, const match *m, const char *code, side *out);
const char *dl__ev_occurrence_country(const sent_ctx *c, const match *m, const char *code);
bool dl__ev_reported_attack(const sent_ctx *c, const match *m, const char *code, side *sg,
                            side *tg);
bool dl__ev_answered_attack(const sent_ctx *c, const match *m, const char *code,
                            int32_t answerer, side *src);
bool dl__ev_agentless_attack(const sent_ctx *c, const match *m, const char *code, bool noun,
                             int32_t tgt, side *src, side *tg, int *nt_out);
void dl__ev_dominant(const dl_doc *doc, const char **dom, const char **dom2, uint32_t *n1,
                     uint32_t *n2);
bool dl__ev_article_target(const sent_ctx *c, const side *src, side *out,
                           const char *code);
bool dl__ev_domestic_sector(const char *code);
bool dl__ev_word_in_class(const sent_ctx *c, int32_t w, const char *name);
bool dl__ev_actor_under(const sent_ctx *c, int32_t a, int32_t v);
int32_t dl__ev_issuer(const sent_ctx *c, int32_t w);
bool dl__ev_outside_quote(const sent_ctx *c, const match *m, int32_t a);
int32_t dl__ev_anaphor_source(const sent_ctx *c, const match *m);
bool dl__ev_pair_subject(const sent_ctx *c, const match *m);
bool dl__ev_article_country(const sent_ctx *c, int32_t a, side *sd);
int32_t dl__ev_first_person_speaker(const sent_ctx *c, const match *m);
const char *dl__ev_speaker_country(const sent_ctx *c, const match *m, int32_t a);
bool dl__ev_sides(sent_ctx *c, const match *m, bool noun, bool exact_pat,
                  int32_t *src, int32_t *tgt, const char **rule);
const dl__discard *dl__ev_discard_in(const dl__events_kb *ek,
                                     const dl_token *tok, uint32_t from,
                                     uint32_t to, bool story);
uint32_t dl__ev_list_bit(const char *const *ws, bool *lemma);

#endif
