/*
 * coder.c — turns each sentence's tokens and actor mentions into events.
 * For every token whose form or lemma is a trigger (patterns.c,
 * petrdict.c), the most specific pattern that matches around it decides
 * the code; the source is the subject actor left of the trigger (or the
 * agent of a passive "by" phrase), the target the actor the pattern
 * points to or the first one right of the trigger; compound actors give
 * one event per actor. Negated and hypothetical acts are not coded (a
 * note says why); refused, intended and future acts are recoded the CAMEO
 * way (12x, 03x, 13x) or keep modality "future". Dates, places and quotes
 * come from the layers of the time, places and quotes stages. Every scan
 * is bounded (REACH tokens), so a sentence costs time linear in its
 * length times the patterns of its triggers. Reads earlier layers only;
 * appends doc->events and notes. docs/events.md has the rules.
 */
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
} sent_ctx;

/* ----------------------------------------------------------- words */

static bool tok_word(const sent_ctx *c, uint32_t i, const char *w, bool exact)
{
    const dl_token *t = &c->tok[i];
    if (t->norm && strcmp(t->norm, w) == 0)
        return true;
    return !exact && t->lemma && strcmp(t->lemma, w) == 0;
}

static uint32_t list_bit(const char *const *ws, bool *lemma);
static bool is_any_scan(const sent_ctx *c, uint32_t i, const char *const *ws);

/* Whether token i is in word list ws: a bit test for the lists of the
 * class table (computed once per token), else a scan. Lemma lists
 * (SPEECH, INTENT, REFUSE) test the token's lemma. */
static bool is_any(const sent_ctx *c, uint32_t i, const char *const *ws)
{
    bool lemma;
    uint32_t bit = list_bit(ws, &lemma);
    if (bit)
        return (c->cls[i] & bit) != 0;
    return is_any_scan(c, i, ws);
}

static bool is_any_scan(const sent_ctx *c, uint32_t i, const char *const *ws)
{
    const char *n = c->tok[i].norm;
    if (n == NULL)
        return false;
    for (; *ws; ws++)
        if (strcmp(n, *ws) == 0)
            return true;
    return false;
}

static const char *const PREPS[] = {
    "of", "in", "with", "to", "from", "against", "for", "on", "at", "by",
    "toward", "towards", "into", "over", "about", "near", "between",
    "among", "across", "through", "after", "before", "under", "than", NULL};
static const char *const DETS[] = {
    "a", "an", "the", "any", "its", "his", "her", "their", "our", "this",
    "that", "these", "those", "no", "every", "each", "my", "your", NULL};
static const char *const JOINERS[] = {",", "and", "or", "nor", "the",
                                      "both", "neither", "either", NULL};
static const char *const CONJ[] = {",", "and", "or", "nor", NULL};
static const char *const CLAUSE_STOP[] = {";", "but", "while",
                                          "whereas", "although", NULL};
static const char *const SUBORD[] = {
    "that", "whether", "if", "because", "after", "when", "while", "since",
    "although", "though", "until", "unless", "whereas", "where", ";", ":",
    NULL};
static const char *const TSTOP[] = {"during", "despite", "amid", NULL};
static const char *const RELATIVE[] = {"who", "which", "that", NULL};
static const char *const INTENS[] = {"very", "too", "so", "more", "most",
                                     "less", NULL};
static const char *const PRONOUNS[] = {"it", "they", "he", "she", "we",
                                       NULL};
static const char *const SPEECH[] = {"say", "tell", "state", "claim",
                                     "report", "announce", "add", "quote",
                                     "insist", "note", "reply", NULL};
static const char *const NEGATORS[] = {"not", "n't", "never", "no",
                                       "neither", "nor", "nothing",
                                       "without", NULL};
static const char *const FUTURE[] = {"will", "would", "shall", "'ll",
                                     "plan", "plans", "planned", "intend",
                                     "intends", "going", NULL};
static const char *const HYPO[] = {"could", "might", "may", "should",
                                   "must", "if", "unless", "whether",
                                   "want", "wants", "wanted", "threaten",
                                   "threatens", "threatened", "risk", "fear",
                                   "fears", "possible", "possibility",
                                   "any", "hope", "hopes", "considering",
                                   NULL};
static const char *const BE[] = {"is", "are", "was", "were", "been",
                                 "being", "be", "'s", NULL};
static const char *const SOFT_GAP[] = {"also", "then", "later", "further",
                                       "subsequently", "has", "have", "had",
                                       "already", "again", NULL};

static bool ends(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

/* An inflected verb form ("attacked", "attacking"). */
static bool verb_form(const char *n)
{
    return n && (ends(n, "ed") || ends(n, "ing"));
}

/* ---------------------------------------------------------- actors */

static int32_t actor_at(const sent_ctx *c, uint32_t i)
{
    return c->tok2act[i];
}

static bool usable(const dl_actor *a)
{
    return a->code && a->code[0];
}

/* Whether tokens [from, to) join two actors: a conjunction or comma,
 * then at most "the"/"both" and a few lower-case adjectives ("and the
 * evil awful Gondor"). */
static bool joins(const sent_ctx *c, uint32_t from, uint32_t to)
{
    if (to <= from || to - from > 5)
        return false;
    bool conj = false;
    int words = 0;
    for (uint32_t k = from; k < to; k++) {
        if (is_any(c, k, CONJ)) {
            if (k > from && !is_any(c, k - 1, CONJ))
                return false; /* words before the conjunction */
            conj = true;
            continue;
        }
        if (!conj)
            return false;
        if (is_any(c, k, JOINERS))
            continue;
        if (!(c->tok[k].flags & DL_TOK_WORD) ||
            (c->tok[k].flags & DL_TOK_CAP) || is_any(c, k, PREPS) ||
            ++words > 2)
            return false;
    }
    return conj;
}

/* The next actor left (dir < 0) or right of actor cur joined to it. */
static int32_t joined_actor(const sent_ctx *c, int32_t cur, int dir)
{
    if (dir < 0) {
        uint32_t k = c->afirst[cur];
        for (uint32_t j = k; j > c->first && k - j < 7; j--) {
            int32_t x = actor_at(c, j - 1);
            if (x >= 0 && x != cur)
                return usable(&c->act[x]) && joins(c, j, k) ? x : -1;
        }
        return -1;
    }
    uint32_t k = c->alast[cur] + 1;
    for (uint32_t j = k; j < c->end && j - k < 7; j++) {
        int32_t x = actor_at(c, j);
        if (x >= 0 && x != cur)
            return usable(&c->act[x]) && joins(c, k, j) ? x : -1;
    }
    return -1;
}

/* The compound group around actor a: actors joined by , and or nor. */
static int group_of(const sent_ctx *c, int32_t a, int32_t *out)
{
    int n = 0;
    int32_t cur = a, x;
    while ((x = joined_actor(c, cur, -1)) >= 0 && n < MAX_GROUP) {
        cur = x;
        n++;
    }
    n = 0;
    out[n++] = cur;
    while ((x = joined_actor(c, cur, 1)) >= 0 && n < MAX_GROUP) {
        out[n++] = x;
        cur = x;
    }
    return n;
}

/* "thousands of", "a group of", "some 500 of": the "of" at k does not
 * make what follows a prepositional object. */
static bool quantity_of(const sent_ctx *c, uint32_t k)
{
    static const char *const QUANT[] = {
        "thousands", "hundreds", "dozens", "millions", "tens", "scores",
        "group", "members", "number", "some", "many", "most", "all",
        "several", "band", "batch", "contingent", "patch", NULL};
    if (!tok_word(c, k, "of", true) || k == c->first)
        return false;
    return is_any_scan(c, k - 1, QUANT) || (c->tok[k - 1].flags & DL_TOK_NUM);
}

/* An actor that is the object of a preposition or a possessive modifier
 * ("Ukraine's counteroffensive") is not a subject. */
static bool subject_like(const sent_ctx *c, int32_t a)
{
    const dl_actor *x = &c->act[a];
    if (!usable(x))
        return false;
    uint32_t f = c->afirst[a];
    /* look through the group for the first member's left context */
    int32_t grp[MAX_GROUP];
    int n = group_of(c, a, grp);
    if (n > 0)
        f = c->afirst[grp[0]];
    if (f > c->first && is_any(c, f - 1, PREPS) && !quantity_of(c, f - 1))
        return false;
    uint32_t l = c->alast[a];
    if (l + 1 < c->end && (c->tok[l + 1].flags & DL_TOK_POSS))
        return false;
    if (c->tok[l].flags & DL_TOK_POSS && l + 1 < c->end &&
        (c->tok[l + 1].flags & DL_TOK_WORD))
        return false;
    return true;
}

/* The subject: the nearest subject-like actor left of token i, not
 * looking past a subordinating word ("said that X attacked": X). In a
 * relative clause ("the group who are training") it is the actor right
 * before the relative pronoun, or none. */
static int32_t subject_left(const sent_ctx *c, uint32_t i, uint32_t stop)
{
    if (i > stop + REACH)
        stop = i - REACH;
    uint32_t k = i;
    bool prep = false, pronoun = false;
    /* "Putin, in response to X, warned": skip the parenthetical */
    if (k > stop + 1 && tok_word(c, k - 1, ",", true)) {
        for (uint32_t j = k - 1; j > stop && k - j < 16; j--)
            if (tok_word(c, j - 1, ",", true)) {
                k = j - 1;
                break;
            }
    }
    while (k > stop) {
        k--;
        const char *lem = c->tok[k].lemma;
        /* "which Putin said had threatened": the speaker is not the
         * subject of what he reports; but in "Syria says it will", the
         * unresolved pronoun is the speaker */
        if (lem && actor_at(c, k) < 0 && is_any(c, k, SPEECH))
            return pronoun ? subject_left(c, k, stop) : -1;
        if (actor_at(c, k) < 0 && is_any(c, k, PRONOUNS))
            pronoun = true;
        if (is_any(c, k, PREPS) && !tok_word(c, k, "to", true))
            prep = true;
        else if (prep && actor_at(c, k) < 0 && verb_form(c->tok[k].norm))
            return -1; /* "placed in Belarus in a move condemned" */
        int32_t a = actor_at(c, k);
        if (a >= 0) {
            if (subject_like(c, a))
                return a;
            if (c->afirst[a] < k)
                k = c->afirst[a];
            continue;
        }
        if (is_any(c, k, RELATIVE)) {
            uint32_t j = k;
            if (j > stop && tok_word(c, j - 1, ",", true))
                j--;
            if (j > stop && tok_word(c, k, "that", true) &&
                actor_at(c, j - 1) < 0)
                return -1; /* a complement "that": subject must follow it */
            return j > stop ? actor_at(c, j - 1) : -1;
        }
        if (is_any(c, k, SUBORD))
            return -1;
    }
    return -1;
}

/* The subject, or failing that a possessive in subject position
 * ("Eriador's death toll has risen"). */
static int32_t subject_or_possessor(const sent_ctx *c, uint32_t i,
                                    uint32_t stop)
{
    int32_t a = subject_left(c, i, stop);
    if (a >= 0)
        return a;
    for (uint32_t k = i; k > stop; k--) {
        int32_t x = actor_at(c, k - 1);
        if (is_any(c, k - 1, SUBORD))
            return -1;
        if (x < 0 || !usable(&c->act[x])) {
            if (!(c->tok[k - 1].flags & (DL_TOK_WORD | DL_TOK_POSS)) ||
                is_any(c, k - 1, PREPS) || i - k > 6)
                return -1;
            continue;
        }
        uint32_t f = c->afirst[x], l = c->alast[x];
        if (f > c->first && is_any(c, f - 1, PREPS))
            return -1;
        bool poss = (c->tok[l].flags & DL_TOK_POSS) ||
                    (l + 1 < c->end && (c->tok[l + 1].flags & DL_TOK_POSS));
        return poss ? x : -1;
    }
    return -1;
}

/* First actor in [from, to). */
static int32_t actor_right(const sent_ctx *c, uint32_t from, uint32_t to)
{
    if (to > c->end)
        to = c->end;
    for (uint32_t k = from; k < to; k++) {
        if (is_any(c, k, CLAUSE_STOP) ||
            (k > from && is_any(c, k, SUBORD) && !tok_word(c, k, "that", true) &&
             !tok_word(c, k, "whether", true)) ||
            is_any(c, k, TSTOP))
            return -1;
        int32_t a = actor_at(c, k);
        if (a >= 0 && usable(&c->act[a]))
            return a;
    }
    return -1;
}

/* --------------------------------------------------------- matching */

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

static bool is_neg_word(const char *w)
{
    for (const char *const *p = NEGATORS; *p; p++)
        if (strcmp(w, *p) == 0)
            return true;
    return strcmp(w, "will") == 0 || strcmp(w, "did") == 0 ||
           strcmp(w, "wo") == 0 || strcmp(w, "ca") == 0;
}

/* Matches phrase words at i (consecutive); returns tokens used or 0. */
static uint32_t phrase_at(const sent_ctx *c, uint32_t i, const dl__phrase *p,
                          bool exact)
{
    for (uint16_t k = 0; k < p->n; k++)
        if (i + k >= c->end || !tok_word(c, i + k, p->words[k], exact))
            return 0;
    return p->n;
}

static uint32_t elem_at(const sent_ctx *c, uint32_t i, const dl__pelem *e,
                        bool exact)
{
    if (i >= c->end)
        return 0;
    if (e->kind == DL_PE_WORD) {
        if (c->nbit[i] != e->bit && (exact || c->lbit[i] != e->bit))
            return 0;
        return tok_word(c, i, e->word, exact) ? 1 : 0;
    }
    if (!(e->syn->first & (1ull << (c->nbit[i] & 63))) && exact)
        return 0;
    for (size_t k = 0; k < e->syn->n; k++) {
        uint32_t n = phrase_at(c, i, &e->syn->phrases[k], exact);
        if (n)
            return n;
    }
    return 0;
}

/* Right of the trigger: each literal element found in order within the
 * gap; slots remember where they are. */
static bool match_after(const sent_ctx *c, const dl__pattern *p, match *m,
                        uint32_t limit, bool speech)
{
    bool exact = p->flags & DL_PAT_EXACT;
    uint32_t gap = exact ? GAP_PETR : GAP_OURS;
    uint32_t pos = m->tend;
    int32_t *open_from = NULL, *open_to = NULL;
    bool skip = false;
    for (uint16_t k = 0; k < p->nafter; k++) {
        const dl__pelem *e = &p->after[k];
        if (e->kind == DL_PE_TARGET || e->kind == DL_PE_SOURCE) {
            open_from = e->kind == DL_PE_TARGET ? &m->tgt_from : &m->src_from;
            open_to = e->kind == DL_PE_TARGET ? &m->tgt_to : &m->src_to;
            if (e->kind == DL_PE_SOURCE)
                m->src_right = true;
            *open_from = (int32_t)pos;
            *open_to = (int32_t)limit;
            skip = true;
            continue;
        }
        if (e->kind == DL_PE_SKIP) {
            /* skip one phrase: an actor, or the words up to the next one */
            int32_t a = pos < limit ? actor_at(c, pos) : -1;
            if (a < 0) {
                uint32_t j = pos;
                while (j < limit && actor_at(c, j) < 0 &&
                       !is_any(c, j, PREPS) && !is_any(c, j, CLAUSE_STOP))
                    j++;
                a = j < limit ? actor_at(c, j) : -1;
                pos = j;
            }
            if (a >= 0)
                pos = c->alast[a] + 1 > pos ? c->alast[a] + 1 : pos + 1;
            if (open_from)
                *open_from = (int32_t)pos;
            continue;
        }
        if (e->kind == DL_PE_COMPOUND) {
            skip = true;
            continue;
        }
        uint32_t maxpos = (e->glued && !skip) ? pos : pos + gap;
        if (skip)
            maxpos = limit;
        uint32_t found = 0, used = 0;
        for (uint32_t j = pos; j <= maxpos && j < limit; j++) {
            used = elem_at(c, j, e, exact);
            if (used) {
                found = j;
                break;
            }
            if (is_any(c, j, CLAUSE_STOP) && !exact && !speech)
                return false;
        }
        if (!used)
            return false;
        if (open_to) {
            *open_to = (int32_t)found;
            open_from = open_to = NULL;
        }
        if (e->kind == DL_PE_WORD && is_neg_word(e->word))
            m->consumed_neg = true;
        pos = found + used;
        skip = false;
    }
    m->span_hi = pos;
    return true;
}

static bool match_before(const sent_ctx *c, const dl__pattern *p, match *m)
{
    bool exact = p->flags & DL_PAT_EXACT;
    uint32_t gap = exact ? GAP_PETR : GAP_OURS;
    uint32_t pos = m->tstart; /* elements must end at or before pos */
    bool skip = false;
    for (uint16_t k = 0; k < p->nbefore; k++) {
        const dl__pelem *e = &p->before[k];
        if (e->kind == DL_PE_TARGET) {
            m->tgt_left = true;
            m->tgt_from = (int32_t)pos; /* subject left of here */
            skip = true;
            continue;
        }
        if (e->kind != DL_PE_WORD && e->kind != DL_PE_SYN) {
            skip = true;
            continue;
        }
        bool glued = e->glued && !skip;
        uint32_t lo = pos > gap + 6 ? pos - gap - 6 : 0;
        if (skip)
            lo = pos > c->first + REACH ? pos - REACH : c->first;
        if (lo < c->first)
            lo = c->first;
        bool ok = false;
        for (uint32_t j = pos; j-- > lo;) {
            uint32_t used = elem_at(c, j, e, exact);
            if (used && (glued ? j + used == pos
                               : j + used <= pos && j + used + gap >= pos)) {
                if (e->kind == DL_PE_WORD && is_neg_word(e->word))
                    m->consumed_neg = true;
                pos = j;
                ok = true;
                break;
            }
        }
        if (!ok)
            return false;
        skip = false;
    }
    m->span_lo = pos;
    return true;
}

static bool glued_words(const sent_ctx *c, uint32_t i, const char **w,
                        uint16_t n, bool left, bool exact)
{
    for (uint16_t k = 0; k < n; k++) {
        uint32_t j;
        if (left) {
            if (i < c->first + n)
                return false;
            j = i - n + k;
        } else {
            j = i + 1 + k;
            if (j >= c->end)
                return false;
        }
        if (!tok_word(c, j, w[k], exact))
            return false;
    }
    return true;
}

static const char *const VERBAL[] = {
    "to", "will", "would", "not", "n't", "has", "have", "had", "is", "are",
    "was", "were", "be", "been", "also", "and", "or", "who", "which", "that",
    "it", "he", "she", "they", "we", "i", "you", "did", "does", "do",
    "should", "could", "may", "might", "must", "can", "then", NULL};
static const char *const MODALS[] = {
    "should", "would", "could", "will", "may", "might", "must", "can",
    "shall", "wo", "ca", NULL};

/* A verb trigger used as a noun: after a determiner or possessive,
 * possibly with modifiers between ("an attack", "a brief private visit",
 * "their meeting"), or after an intensifier ("very close"). */
static bool noun_use(const sent_ctx *c, uint32_t i)
{
    if (i == c->first)
        return false;
    if (is_any(c, i - 1, INTENS) || (c->tok[i - 1].flags & DL_TOK_NUM) ||
        (is_any(c, i - 1, PREPS) && !tok_word(c, i - 1, "to", true)))
        return true; /* "very close", "two sentences", "in charge" */
    const char *nm = c->tok[i].norm, *lm = c->tok[i].lemma;
    if (nm && (ends(nm, "ed") ||
               (lm && strcmp(nm, lm) != 0 && !ends(nm, "s") &&
                !ends(nm, "ing"))))
        return false; /* "vowed", "left": a verb form */
    /* "the Paris attack would snap": a noun followed by its verb */
    if (i + 1 < c->end && !verb_form(c->tok[i].norm) &&
        !(c->tok[i + 1].flags & DL_TOK_CAP) &&
        (is_any(c, i + 1, MODALS) || is_any(c, i + 1, BE)))
        return true;
    for (uint32_t k = i; k > c->first && i - k < 4; k--) {
        const dl_token *t = &c->tok[k - 1];
        if (is_any(c, k - 1, DETS) || (t->flags & (DL_TOK_POSS | DL_TOK_NUM)))
            return true;
        if (!(t->flags & DL_TOK_WORD) || (t->flags & DL_TOK_CAP) ||
            actor_at(c, k - 1) >= 0 || is_any(c, k - 1, VERBAL) ||
            verb_form(t->norm))
            return false;
    }
    return false;
}


/* A past participle, roughly: not "-ing", not "-s", and differing from
 * its lemma ("attacked", "taken", "held"). */
static bool participle(const dl_token *t)
{
    return t->norm && t->lemma && strcmp(t->norm, t->lemma) != 0 &&
           !ends(t->norm, "ing") && !ends(t->norm, "s");
}

/* Whether a token form is one PETRARCH would generate for a verb: the
 * lemma itself, -s/-es, -ed/-d/-ied, -ing, a doubled consonant, or an
 * irregular form (not built on the lemma: "broke"). */
static bool petr_form(const char *form, const char *lemma)
{
    size_t n = strlen(lemma);
    if (strncmp(form, lemma, n) != 0)
        return !(n > 2 && strncmp(form, lemma, n - 1) == 0 &&
                 strcmp(form + n - 1, "es") == 0);
    const char *suf = form + n;
    char last = n ? lemma[n - 1] : 0;
    if (*suf == '\0' || strcmp(suf, "s") == 0 || strcmp(suf, "ed") == 0 ||
        strcmp(suf, "ing") == 0 || strcmp(suf, "d") == 0)
        return true;
    if (strcmp(suf, "es") == 0)
        return strchr("sxzho", last) != NULL;
    /* doubled final consonant: "stopped", "stopping" */
    return suf[0] == last && (strcmp(suf + 1, "ed") == 0 ||
                              strcmp(suf + 1, "ing") == 0);
}

/* Whether token i can be the trigger of a verb pattern (noun false) or a
 * noun pattern: by its part of speech when the syntax stage tagged it
 * ("strike", "attack", "talks", "shot" are nouns or verbs by context),
 * else by the word-shape guesses of noun_use and verb_form. Adjectives
 * and participles tagged ADJ count as verbal for verb patterns
 * ("wounded", "armed"). */
static bool pos_fits(const sent_ctx *c, uint32_t i, uint16_t tflags)
{
    bool noun = tflags & DL_PAT_NOUN;
    /* PETRARCH's dictionaries were written for its own reading */
    const char *u = (tflags & DL_PAT_EXACT) ? NULL : c->tok[i].upos;
    if (u != NULL) {
        bool is_noun = strcmp(u, "NOUN") == 0 || strcmp(u, "PROPN") == 0;
        bool is_verb = strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0;
        if (noun)
            return !is_verb;
        return !is_noun;
    }
    if (noun)
        return !verb_form(c->tok[i].norm);
    return !noun_use(c, i);
}

/* Best pattern of trigger record t at token i, or false. */
static bool try_trigger(const sent_ctx *c, const dl__trigger *t, uint32_t i,
                        match *best)
{
    bool exact = t->flags & DL_PAT_EXACT;
    if (exact && c->tok[i].norm && !petr_form(c->tok[i].norm, t->lemma))
        return false;
    if (t->npre && !glued_words(c, i, t->pre, t->npre, true, exact))
        return false;
    if (t->npost && !glued_words(c, i, t->post, t->npost, false, exact))
        return false;
    if (!pos_fits(c, i, t->flags))
        return false;
    uint32_t limit = c->end < i + REACH ? c->end : i + REACH;
    for (size_t k = 0; k < t->n; k++) {
        if ((t->need[k][0] & c->mask[0]) != t->need[k][0] ||
            (t->need[k][1] & c->mask[1]) != t->need[k][1])
            continue; /* a word of the pattern is not in the sentence */
        const dl__pattern *p = t->pats[k];
        if (best->pat && p->weight <= best->pat->weight)
            break;
        match m = {.pat = p, .tstart = i - t->npre, .tend = i + 1 + t->npost, .head = i,
                   .src_from = -1, .src_to = -1, .tgt_from = -1,
                   .tgt_to = -1};
        m.span_lo = m.tstart;
        m.span_hi = m.tend;
        if (!match_before(c, p, &m) ||
            !match_after(c, p, &m, limit, t->flags & DL_PAT_SPEECH))
            continue;
        *best = m;
        return true;
    }
    return false;
}

/* --------------------------------------------------------- modality */

/* What the words around a trigger say about the act, weakest first. */
typedef enum {
    MOD_PLAIN,  /* it happened */
    MOD_FUTURE, /* "will", "would" */
    MOD_INTENT, /* "offered to", "is willing to", "promised to" */
    MOD_REFUSE, /* "refused to", "will not", "declined to" */
    MOD_HYPO,   /* "could", "if", "any", "threatened to": not coded */
    MOD_NEG     /* "did not": not coded */
} modality;

static const char *const INTENT[] = {
    "offer", "promise", "pledge", "vow", "agree", "willing", "prepared",
    "ready", "plan", "intend", "decide", "commit", "swear", "sworn", "aim",
    NULL};
static const char *const REFUSE[] = {"refuse", "decline", "fail", "reject",
                                     NULL};
static const char *const WILL[] = {"will", "would", "wo", "can", "ca",
                                   "could", "shall", "cannot", NULL};

static modality modality_of(const sent_ctx *c, uint32_t from, uint32_t to,
                            const match *m, const char **cue)
{
    modality r = MOD_PLAIN;
    if (to > from + REACH)
        from = to - REACH;
    for (uint32_t k = from; k < to; k++) {
        if (k >= m->span_lo && k < m->span_hi)
            continue; /* words the pattern itself matched */
        const char *n = c->tok[k].norm, *l = c->tok[k].lemma;
        modality here = MOD_PLAIN;
        if (n == NULL)
            continue;
        if (!m->consumed_neg && is_any(c, k, NEGATORS))
            here = k > c->first && is_any(c, k - 1, WILL) ? MOD_REFUSE
                                                          : MOD_NEG;
        else if (strcmp(n, "cannot") == 0)
            here = MOD_REFUSE;
        else if (is_any(c, k, HYPO) ||
                 (strcmp(n, "let") == 0 && k + 1 < c->end &&
                  (c->tok[k + 1].flags & DL_TOK_POSS)))
            here = MOD_HYPO;
        else if (l && is_any(c, k, REFUSE) && k + 1 < to &&
                 tok_word(c, k + 1, "to", true))
            here = MOD_REFUSE;
        else if (l && is_any(c, k, INTENT) && k + 1 < to &&
                 (tok_word(c, k + 1, "to", true) ||
                  tok_word(c, k + 1, "that", true)))
            here = MOD_INTENT;
        else if (is_any(c, k, FUTURE))
            here = MOD_FUTURE;
        if (here > r) {
            r = here;
            *cue = n;
        }
    }
    return r;
}

/* CAMEO codes a future or intended cooperative act as an intent (03x),
 * a future act of force as a threat (13x), a refused cooperative act as
 * a rejection (12x). NULL: keep the code. */
static const char *recode(const char *code, modality mod)
{
    static const struct {
        const char *from, *intent, *refuse;
    } map[] = {
        {"04", "036", "125"},  {"05", "032", "120"},  {"061", "0311", "1211"},
        {"062", "0312", "1212"}, {"063", "0313", "1213"}, {"064", "0314", "1214"},
        {"06", "031", "121"},  {"071", "0331", "1221"}, {"072", "0332", "1222"},
        {"073", "0333", "1223"}, {"074", "0334", "1224"}, {"07", "033", "122"},
        {"081", "0351", "1241"}, {"0841", "0353", "1243"}, {"084", "0353", "1243"},
        {"085", "0354", "1244"}, {"086", "0355", "1245"}, {"087", "0356", "1246"},
        {"08", "035", "124"},  {"03", NULL, "120"},    {"02", NULL, "120"},
        {"14", "133", NULL},   {"15", "138", NULL},   {"16", "131", NULL},
        {"17", "131", NULL},   {"18", "138", NULL},   {"19", "138", NULL},
        {"20", "138", NULL},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(map); i++)
        if (strncmp(code, map[i].from, strlen(map[i].from)) == 0)
            return mod == MOD_REFUSE ? map[i].refuse : map[i].intent;
    return NULL;
}

/* ----------------------------------------------------------- emitting */

/* "Russia's (full-scale) invasion": the possessor of a noun trigger. */
static int32_t possessor(const sent_ctx *c, uint32_t i)
{
    for (uint32_t k = i; k > c->first && k + 5 > i; k--) {
        if (c->tok[k - 1].flags & DL_TOK_POSS)
            return k >= 2 + c->first ? actor_at(c, k - 2) : -1;
        if (actor_at(c, k - 1) >= 0 || !(c->tok[k - 1].flags & DL_TOK_WORD))
            return -1;
    }
    return -1;
}

/* One participant: an actor mention, its code possibly completed by a
 * country ("soldiers from Gondor": ---MIL + GON = GONMIL). */
typedef struct side {
    int32_t actor;
    const char *code, *country, *sector;
    uint32_t start, end;
    float confidence; /* 0: the event's usual; lower when inferred */
} side;

static void fill_side(dl_participant *p, const side *x)
{
    p->start = x->start;
    p->end = x->end;
    p->code = x->code;
    p->country = x->country;
    p->sector = x->sector;
    p->actor = x->actor;
}

static side side_of(const sent_ctx *c, int32_t a)
{
    const dl_actor *x = &c->act[a];
    return (side){a, x->code, x->country, x->sector, x->start, x->end, 0};
}

/* The sides of actor a's compound group; agents without a country that
 * are followed by "of/from/in" + countries take those countries. */
static int expand(sent_ctx *c, int32_t a, side *out, int max)
{
    int32_t g[MAX_GROUP], cg[MAX_GROUP];
    int n = group_of(c, a, g), ncg = 0;
    uint32_t l = c->alast[g[n - 1]];
    if (l + 2 < c->end &&
        is_any(c, l + 1, (const char *const[]){"of", "from", "in", NULL})) {
        int32_t y = actor_at(c, l + 2);
        if (y >= 0 && usable(&c->act[y]) &&
            strncmp(c->act[y].code, "---", 3) != 0)
            ncg = group_of(c, y, cg);
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        const dl_actor *x = &c->act[g[i]];
        bool agent = strncmp(x->code, "---", 3) == 0 ||
                     (ncg > 1 && strlen(x->code) > 3 &&
                      strncmp(x->code, c->act[cg[0]].code, 3) == 0);
        if (strchr(x->code, '/')) { /* "FRO/BIL/SAM": one side each */
            const char *p = x->code;
            while (*p && k < max) {
                const char *q = strchr(p, '/');
                size_t len = q ? (size_t)(q - p) : strlen(p);
                side sd = side_of(c, g[i]);
                sd.code = dl__arena_strndup(&c->doc->arena, p, len);
                out[k++] = sd;
                p = q ? q + 1 : p + len;
            }
            continue;
        }
        if (ncg == 0 && strncmp(x->code, "---", 3) == 0) {
            /* "Dagolath's first Deputy Prime Minister": DAG + GOV */
            int32_t y = possessor(c, c->afirst[g[i]]);
            if (y >= 0 && usable(&c->act[y]) &&
                strncmp(c->act[y].code, "---", 3) != 0 && k < max) {
                side sd = side_of(c, g[i]);
                sd.code = dl__arena_printf(&c->doc->arena, "%.3s%s",
                                           c->act[y].code, x->code + 3);
                sd.country = c->act[y].country;
                sd.start = c->act[y].start;
                out[k++] = sd;
                continue;
            }
        }
        if (ncg == 0 && i > 0 && strncmp(x->code, "---", 3) == 0 &&
            strncmp(c->act[g[i - 1]].code, "---", 3) != 0 && k < max) {
            /* "Danish media and government": the country carries over */
            const dl_actor *pv = &c->act[g[i - 1]];
            size_t pl = strlen(pv->code);
            size_t sl = pv->sector ? strlen(pv->sector) : 0;
            size_t keep = pl > 3 && sl && sl < pl - 2 ? pl - sl : 3;
            if (keep > pl)
                keep = pl;
            side sd = side_of(c, g[i]);
            sd.code = dl__arena_printf(&c->doc->arena, "%.*s%s", (int)keep,
                                       pv->code, x->code + 3);
            sd.country = pv->country;
            out[k++] = sd;
            continue;
        }
        if (ncg == 0 || !agent) {
            if (k < max)
                out[k++] = side_of(c, g[i]);
            continue;
        }
        for (int j = 0; j < ncg && k < max; j++) {
            const dl_actor *y = &c->act[cg[j]];
            side sd = side_of(c, g[i]);
            sd.code = dl__arena_printf(&c->doc->arena, "%.3s%s", y->code,
                                       x->code + 3);
            sd.country = y->country;
            sd.end = y->end;
            out[k++] = sd;
        }
    }
    return k;
}

static int32_t place_in(const sent_ctx *c, uint32_t s, uint32_t trig)
{
    const dl_place *pl = c->doc->places.items;
    int32_t best = -1;
    uint32_t bestd = UINT32_MAX;
    for (size_t i = c->place0; i < c->place1; i++) {
        if (pl[i].sentence != s)
            continue;
        uint32_t d = pl[i].start > trig ? pl[i].start - trig : trig - pl[i].start;
        if (d < bestd) {
            bestd = d;
            best = (int32_t)i;
        }
    }
    return best;
}

/* The quote whose cue is the trigger, or whose content holds it. */
static int32_t quote_of(dl_doc *doc, uint32_t ts, uint32_t te)
{
    return dl__quote_of_trigger(doc, ts, te); /* indexed: linear in the document */
}

/* The clause of the match, in bytes: from the last subordinator or
 * clause stop before the trigger to the next one after the pattern
 * ("... moving troops toward Belarus | who relocated ... last month"). */
static dl_span clause_of(const sent_ctx *c, const match *m)
{
    uint32_t lo = m->span_lo, hi = m->span_hi;
    while (lo > c->first && m->span_lo - lo < REACH &&
           !is_any(c, lo - 1, SUBORD) && !is_any(c, lo - 1, CLAUSE_STOP))
        lo--;
    while (hi < c->end && hi - m->span_hi < REACH &&
           !is_any(c, hi, CLAUSE_STOP) &&
           !(is_any(c, hi, SUBORD) && !tok_word(c, hi, "that", true)) &&
           !is_any(c, hi, RELATIVE))
        hi++;
    uint32_t end = hi < c->end ? c->tok[hi].start : c->tok[c->end - 1].end;
    return (dl_span){c->tok[lo].start, end};
}

static void set_date(const sent_ctx *c, dl_event *e, const match *m,
                     uint32_t trig)
{
    e->date = c->doc->date;
    e->date_precision = DL_PREC_DOCUMENT;
    e->timex = -1;
    dl_span cl = clause_of(c, m);
    int32_t tx = dl__time_for_span(c->doc, cl.start, cl.end, trig);
    if (tx < 0)
        return;
    const dl_timex *t = &((const dl_timex *)c->doc->timexes.items)[tx];
    dl_date d;
    if (!dl__time_value_date(t->value, &d))
        return;
    long days = dl_date_to_days(c->doc->date) - dl_date_to_days(d);
    if (days < 0 && e->modality == NULL) {
        /* a plain act is not dated after its article: the timex belongs
         * to something else ("talks due on Monday") */
        dl__doc_note(c->doc, "events", t->start, t->end,
                     "timex %s is after the article: the event keeps the article's date",
                     t->value);
        return;
    }
    e->date = d;
    e->date_precision = dl__time_precision(t->value);
    e->timex = tx;
    if (days > c->ek->historical_days) {
        e->historical = true;
        dl__doc_note(c->doc, "events", t->start, t->end,
                     "historical: dated %ld days before the article (over %d)", days,
                     c->ek->historical_days);
    }
}

static void emit(sent_ctx *c, const match *m, const char *code,
                 const side *src, const side *tgt, modality mod,
                 const char *rules)
{
    if (c->nevents >= MAX_EVENTS_PER_SENTENCE || strlen(code) < 2)
        return;
    /* nobody known on either side: nothing to record */
    if (strncmp(src->code, "---", 3) == 0 &&
        (tgt == NULL || strncmp(tgt->code, "---", 3) == 0))
        return;
    if (tgt && strcmp(src->code, tgt->code) == 0)
        return;
    uint32_t trig = c->tok[m->tstart].start;
    const dl_event *prev = c->doc->events.items;
    for (size_t i = c->doc->events.n; i-- > 0 && prev[i].sentence == c->s;)
        if (prev[i].trigger.start == trig && strcmp(prev[i].cameo, code) == 0 &&
            strcmp(prev[i].source.code, src->code) == 0 &&
            (tgt ? prev[i].has_target &&
                       strcmp(prev[i].target.code, tgt->code) == 0
                 : !prev[i].has_target))
            return; /* the same event twice (apposition) */
    dl_event *e = DL__PUSH(c->doc, events, dl_event);
    if (e == NULL)
        return;
    c->nevents++;
    const dl_sentence *s = &dl__sentences(c->doc)[c->s];
    e->sentence = c->s;
    fill_side(&e->source, src);
    if (tgt) {
        fill_side(&e->target, tgt);
        e->has_target = true;
    } else {
        e->target.actor = -1;
    }
    size_t cl = strlen(code);
    memcpy(e->cameo, code, cl < 4 ? cl : 4);
    memcpy(e->root, code, 2);
    const dl__cameo *cm = dl__cameo_get(c->ek, code);
    if (cm) {
        e->quad_class = cm->quad;
        e->goldstein = cm->goldstein;
        e->plover = cm->plover;
        e->mode = cm->mode;
    }
    e->modality = mod == MOD_FUTURE ? "future" : NULL;
    uint32_t ts = c->tok[m->tstart].start, te = c->tok[m->tend - 1].end;
    e->trigger = (dl_span){ts, te};
    e->evidence = (dl_span){s->start, s->end};
    e->place = place_in(c, c->s, ts);
    e->quote = quote_of(c->doc, ts, te);
    e->confidence = m->pat && (m->pat->flags & DL_PAT_EXACT) ? 0.6f : 0.7f;
    if (src->confidence > 0)
        e->confidence = src->confidence;
    set_date(c, e, m, ts);
    e->why = dl__arena_printf(&c->doc->arena, "%s%s",
                              m->pat ? m->pat->why : "default", rules);
}

/* ------------------------------------------------- roles from the tree */

/* The actor mention that word w names, or that qualifies it: w's own
 * token's mention, else (two levels down) a possessor, an adjective, a
 * compound, an apposition or an "of"/"from" modifier ("Iran's
 * enrichment site", "Russian forces", "the army of Sudan"). */
static int32_t actor_of_word(const sent_ctx *c, int32_t w, int depth)
{
    if (w < 0)
        return -1;
    const dl_word *x = &dl__words(c->doc)[w];
    if (x->token >= c->first && x->token < c->end) {
        int32_t a = actor_at(c, x->token);
        if (a >= 0 && usable(&c->act[a]))
            return a;
    }
    if (depth >= 2)
        return -1;
    static const char *const rels[] = {"nmod:poss", "amod", "compound", "appos", "nmod", "flat"};
    for (size_t r = 0; r < DL_ARRAY_LEN(rels); r++) {
        int32_t kids[8];
        size_t n = dl__syn_children(c->doc, w, rels[r], kids, 8);
        for (size_t k = 0; k < n && k < 8; k++) {
            if (strcmp(rels[r], "nmod") == 0 && !dl__syn_word_is(c->doc, dl__syn_case(c->doc, kids[k]), "of") &&
                !dl__syn_word_is(c->doc, dl__syn_case(c->doc, kids[k]), "from"))
                continue;
            int32_t a = actor_of_word(c, kids[k], depth + 1);
            if (a >= 0)
                return a;
        }
    }
    return -1;
}

/* The first oblique (or nominal modifier, for nouns) of w introduced by
 * one of the prepositions, that names an actor. */
static int32_t actor_by_case(const sent_ctx *c, int32_t w, const char *rel,
                             const char *const *preps)
{
    int32_t kids[16];
    size_t n = dl__syn_children(c->doc, w, rel, kids, 16);
    for (size_t k = 0; k < n && k < 16; k++) {
        int32_t cs = dl__syn_case(c->doc, kids[k]);
        for (const char *const *p = preps; *p; p++)
            if (dl__syn_word_is(c->doc, cs, *p)) {
                int32_t a = actor_of_word(c, kids[k], 0);
                if (a >= 0)
                    return a;
            }
    }
    return -1;
}

static const char *const TARGET_PREPS[] = {"at", "on", "against", "toward", "towards", "into",
                                           "in", "to", "with", "over", "upon", NULL};
static const char *const BY[] = {"by", NULL};

/* Source and target read off the dependency tree (-1: not there):
 * - verbs: the subject (through relative and reduced-relative clauses,
 *   control and coordination: dl__syn_subject), or the passive agent;
 *   the object, the passive subject, else an oblique ("fired at X",
 *   "crossed into X");
 * - nouns: a possessor or adjective ("Israel's strike", "Israeli
 *   strike"), a "by" agent, else the subject of the verb the noun is the
 *   object of ("conducted a strike on X"); the target an "on / against /
 *   at / with / to" modifier.
 * *passive is set when the verb is passive. */
static void tree_sides(const sent_ctx *c, const match *m, bool noun, int32_t *src,
                       int32_t *tgt, bool *passive)
{
    *src = *tgt = -1;
    *passive = false;
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    if (v < 0)
        return;
    if (noun) {
        *src = actor_of_word(c, dl__syn_child(c->doc, v, "nmod:poss"), 0);
        if (*src < 0)
            *src = actor_of_word(c, dl__syn_child(c->doc, v, "amod"), 0);
        if (*src < 0)
            *src = actor_of_word(c, dl__syn_child(c->doc, v, "compound"), 0);
        if (*src < 0)
            *src = actor_by_case(c, v, "nmod", BY);
        int32_t h = dl__syn_head(c->doc, v);
        if (*src < 0 && h >= 0 && dl__syn_rel_is(c->doc, v, "obj"))
            *src = actor_of_word(c, dl__syn_subject(c->doc, h), 0);
        *tgt = actor_by_case(c, v, "nmod", TARGET_PREPS);
        if (*tgt < 0 && h >= 0 && dl__syn_rel_is(c->doc, v, "obj"))
            *tgt = actor_by_case(c, h, "obl", TARGET_PREPS);
        /* "the summit between Trump and Putin", "an exchange of prisoners
         * between Moscow and Kyiv": the two conjuncts */
        static const char *const BETWEEN[] = {"between", NULL};
        int32_t kids[8];
        size_t nk = dl__syn_children(c->doc, v, "nmod", kids, 8);
        for (size_t k = 0; k < nk && k < 8; k++) {
            if (!dl__syn_word_is(c->doc, dl__syn_case(c->doc, kids[k]), BETWEEN[0]))
                continue;
            int32_t a = actor_of_word(c, kids[k], 0);
            int32_t b = actor_of_word(c, dl__syn_child(c->doc, kids[k], "conj"), 0);
            if (a >= 0 && b >= 0 && a != b) {
                *src = a;
                *tgt = b;
            }
        }
        return;
    }
    *passive = dl__syn_passive(c->doc, v);
    if (*passive) {
        *src = actor_of_word(c, dl__syn_agent(c->doc, v), 0);
        *tgt = actor_of_word(c, dl__syn_object(c->doc, v), 0);
        return;
    }
    *src = actor_of_word(c, dl__syn_subject(c->doc, v), 0);
    *tgt = actor_of_word(c, dl__syn_object(c->doc, v), 0);
    if (*tgt < 0)
        *tgt = actor_by_case(c, v, "obl", TARGET_PREPS);
    if (*tgt < 0) {
        /* "shot down three drones of X": the object's owner */
        int32_t o = dl__syn_child(c->doc, v, "obj");
        if (o >= 0)
            *tgt = actor_by_case(c, o, "nmod", TARGET_PREPS);
    }
}

/* Whether actor a's head word lies in word v's own clause: in its
 * subtree without passing another clause's head (a coordinated verb, a
 * complement or adverbial clause). */
static bool actor_under(const sent_ctx *c, int32_t a, int32_t v)
{
    int32_t w = dl__syn_word_of_token(c->doc, c->alast[a]);
    for (int hops = 0; w >= 0 && hops < 64; hops++) {
        if (w == v)
            return true;
        if (dl__syn_clause(c->doc, w) == w &&
            (dl__syn_child(c->doc, w, "nsubj") >= 0 || dl__syn_rel_is(c->doc, w, "acl:relcl")))
            return false; /* a clause with its own subject */
        w = dl__syn_head(c->doc, w);
    }
    return false;
}

/* Replaces the window guesses of sides() by the tree's where the tree
 * has an answer: the tree's subject wins (relative clauses, reduced
 * relatives, passives, control); the window's target stays when it is in
 * the trigger's own subtree, else the tree's is taken. */
static void tree_roles(const sent_ctx *c, const match *m, bool noun, int32_t *src,
                       int32_t *tgt, const char **rule)
{
    int32_t ts, tt;
    bool passive;
    tree_sides(c, m, noun, &ts, &tt, &passive);
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    const char *how = NULL;
    if (ts >= 0 && ts != *src) {
        *src = ts;
        how = passive ? " +tree-agent" : " +tree-subject";
    }
    /* Measured on the dev sets, two more uses of the tree cost more than
     * they gave with today's parser (its news trees are weaker than its
     * EWT ones), so they are not made: turning a source left of an
     * agentless passive into its target, and dropping a window target
     * that the tree puts in another clause. */
    if (tt >= 0 && tt != *src && (*tgt < 0 || !actor_under(c, *tgt, v) || *tgt == *src)) {
        *tgt = tt;
        if (how == NULL)
            how = " +tree-target";
    }
    if (*tgt >= 0 && *tgt == *src)
        *tgt = -1;
    if (how)
        *rule = dl__arena_printf(&c->doc->arena, "%s%s", *rule, how);
}

/* ----------------------------------------------------------- sense */

/* Whether word w's lemma is a one-word phrase of class `name`. */
static bool word_in_class(const sent_ctx *c, int32_t w, const char *name)
{
    if (w < 0)
        return false;
    const dl__synset *syn = dl__strmap_get(&c->ek->synsets, name, strlen(name));
    if (syn == NULL)
        return false;
    const dl_token *t = &dl__tokens(c->doc)[dl__words(c->doc)[w].token];
    for (size_t k = 0; k < syn->n; k++)
        if (syn->phrases[k].n == 1 &&
            ((t->lemma && strcmp(t->lemma, syn->phrases[k].words[0]) == 0) ||
             (t->norm && strcmp(t->norm, syn->phrases[k].words[0]) == 0)))
            return true;
    return false;
}

/* A verb of force (roots 17-20) read as politics, sport or business
 * rather than violence: its object or oblique is an election, an office,
 * a market, a title (class nonviolent_object), or its subject a team or
 * a firm (nonviolent_subject); or it governs a clause ("battled to
 * replace him"). Returns the reason, or NULL. */
static const char *sense_discard(const sent_ctx *c, const match *m, const char *code)
{
    if (!(code[0] == '1' && code[1] >= '7') && !(code[0] == '2' && code[1] == '0'))
        return NULL;
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    if (v < 0)
        return NULL;
    static const char *const rels[] = {"obj", "obl", "nmod", "nsubj:pass"};
    for (size_t r = 0; r < DL_ARRAY_LEN(rels); r++) {
        int32_t kids[8];
        size_t n = dl__syn_children(c->doc, v, rels[r], kids, 8);
        for (size_t k = 0; k < n && k < 8; k++)
            if (word_in_class(c, kids[k], "nonviolent_object"))
                return "object of a non-political sense (classes.txt &nonviolent_object)";
    }
    int32_t sb = dl__syn_subject(c->doc, v);
    if (word_in_class(c, sb, "nonviolent_subject") && actor_of_word(c, sb, 0) < 0)
        return "subject of a non-political sense (classes.txt &nonviolent_subject)";
    int32_t x = dl__syn_child(c->doc, v, "xcomp");
    if (x >= 0 && dl__syn_child(c->doc, v, "obj") < 0 &&
        dl__syn_word_is(c->doc, dl__syn_child(c->doc, x, "mark"), "to"))
        return "governs an infinitive clause, not a target (\"battled to replace\")";
    return NULL;
}

/* A target named only as a place: an oblique of the trigger ("landed in
 * Beijing", "crossed into the Kursk region", "strikes on Kharkiv") that
 * the places stage resolved to a country. Fills *out and returns true. */
static bool place_target(const sent_ctx *c, const match *m, side *out)
{
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    if (v < 0)
        return false;
    const char *rels[] = {"obl", "nmod", "obj"};
    size_t np;
    const dl_place *pl = dl_doc_places(c->doc, &np);
    for (size_t r = 0; r < DL_ARRAY_LEN(rels); r++) {
        int32_t kids[8];
        size_t n = dl__syn_children(c->doc, v, rels[r], kids, 8);
        for (size_t k = 0; k < n && k < 8; k++) {
            if (strcmp(rels[r], "obj") != 0) {
                int32_t cs = dl__syn_case(c->doc, kids[k]);
                bool ok = false;
                for (const char *const *p = TARGET_PREPS; *p && !ok; p++)
                    ok = dl__syn_word_is(c->doc, cs, *p);
                if (!ok)
                    continue;
            }
            /* the place is the word itself or a compound/modifier of it */
            int32_t cand[4] = {kids[k], dl__syn_child(c->doc, kids[k], "compound"),
                               dl__syn_child(c->doc, kids[k], "nmod"),
                               dl__syn_child(c->doc, kids[k], "amod")};
            for (int q = 0; q < 4; q++) {
                if (cand[q] < 0)
                    continue;
                const dl_word *w = &dl__words(c->doc)[cand[q]];
                for (size_t i = c->place0; i < c->place1 && i < np; i++)
                    if (pl[i].start <= w->start && w->end <= pl[i].end && pl[i].country &&
                        strlen(pl[i].country) == 3) {
                        *out = (side){-1, pl[i].country, pl[i].country, NULL, pl[i].start,
                                      pl[i].end, 0};
                        return true;
                    }
            }
        }
    }
    return false;
}

/* An agent without a country ("the army", "rebels", "the ministry")
 * takes the country of the latest mention before it that has one, in its
 * sentence or the four before it: news names the country first and then
 * speaks of "the ministry". Marked by a lower confidence; an agent with
 * no such mention keeps its bare code. */
static bool article_country(const sent_ctx *c, int32_t a, side *sd)
{
    if (strncmp(sd->code, "---", 3) != 0 || a < 0)
        return false;
    const dl_actor *act = c->act;
    uint32_t s0 = act[a].sentence;
    for (int32_t k = a - 1; k >= 0; k--) {
        if (act[k].sentence + 4 < s0)
            break;
        const char *cc = act[k].country;
        if (cc && strlen(cc) == 3 && strcmp(cc, "IGO") != 0 && act[k].kind != DL_ACTOR_PRONOUN &&
            act[k].code && strncmp(act[k].code, "---", 3) != 0) {
            sd->code = dl__arena_printf(&c->doc->arena, "%s%s", cc, sd->code + 3);
            sd->country = cc;
            sd->confidence = 0.4f;
            return true;
        }
    }
    return false;
}

/* Inside a quotation, "we", "I" and "our" are its speaker ("'We call on
 * Russia to reconsider,' the NATO spokesperson said"): the speaker actor
 * when the trigger's subject (tree, else the word before the trigger) is
 * a first-person pronoun, or -1. */
static int32_t first_person_speaker(const sent_ctx *c, const match *m)
{
    static const char *const FIRST[] = {"we", "i", "our", "my", "us", NULL};
    uint32_t ts = c->tok[m->tstart].start, te = c->tok[m->tend - 1].end;
    const dl_quote *q = c->doc->quotes.items;
    int32_t qi = -1;
    for (size_t i = 0; i < c->doc->quotes.n && qi < 0; i++)
        if (q[i].kind != DL_QUOTE_INDIRECT && q[i].start <= ts && te <= q[i].end)
            qi = (int32_t)i;
    if (qi < 0 || !q[qi].has_speaker || q[qi].speaker < 0 ||
        !usable(&c->act[q[qi].speaker]))
        return -1;
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    int32_t sb = v >= 0 ? dl__syn_subject(c->doc, v) : -1;
    uint32_t tok = sb >= 0 ? dl__words(c->doc)[sb].token : (m->tstart > c->first ? m->tstart - 1 : m->tstart);
    for (const char *const *w = FIRST; *w; w++)
        if (tok_word(c, tok, *w, true))
            return q[qi].speaker;
    return -1;
}

/* Sources and targets of a match; returns false when there is no source. */
static bool sides(sent_ctx *c, const match *m, bool noun, bool exact_pat,
                  int32_t *src, int32_t *tgt, const char **rule)
{
    uint32_t stop = c->first;
    *rule = "";
    *src = -1;
    *tgt = -1;
    if (m->src_right) {
        *src = actor_right(c, (uint32_t)m->src_from,
                           m->src_to > m->src_from ? (uint32_t)m->src_to
                                                   : c->end);
    } else {
        /* coordinated verb: "... condemned X and promised Y" */
        uint32_t k = m->span_lo;
        while (k > stop && is_any(c, k - 1, SOFT_GAP))
            k--;
        if (k > stop && c->last_subject >= 0 &&
            (is_any(c, k - 1, (const char *const[]){"and", ",", NULL}))) {
            *src = c->last_subject;
            *rule = " +coordinated";
        }
        if (*src < 0 && noun) {
            *src = possessor(c, m->span_lo);
            if (*src >= 0)
                *rule = " +possessor";
        }
        if (*src < 0)
            *src = subject_or_possessor(c, m->span_lo, stop);
        if (*src < 0 && m->span_lo < m->tstart) /* "Neither X nor Y *" */
            *src = subject_left(c, m->tstart, m->span_lo);
    }
    if (m->tgt_left) {
        *tgt = subject_or_possessor(c, (uint32_t)m->tgt_from, stop);
        if (*tgt == *src)
            *src = -1;
    } else if (m->tgt_from >= 0) {
        uint32_t to = m->tgt_to > m->tgt_from ? (uint32_t)m->tgt_to
                                              : m->span_hi + TARGET_REACH;
        *tgt = actor_right(c, (uint32_t)m->tgt_from, to);
    } else {
        *tgt = actor_right(c, m->tend, m->span_hi + TARGET_REACH);
    }
    /* the source itself ("his license") is no target: look further */
    uint32_t nx = m->tend;
    while (*tgt >= 0 && *src >= 0 && !m->tgt_left &&
           strcmp(c->act[*tgt].code, c->act[*src].code) == 0) {
        uint32_t k = c->alast[*tgt] + 1;
        if (k <= nx)
            k = nx + 1;
        while (k < c->end && actor_at(c, k) == *tgt)
            k++;
        nx = k;
        *tgt = actor_right(c, k, m->span_hi + TARGET_REACH);
    }
    /* passive: "X was attacked by Y" */
    if (!m->src_right && !m->tgt_left && m->tstart > c->first &&
        participle(&c->tok[m->tstart])) {
        uint32_t k = m->tstart;
        while (k > c->first && c->tok[k - 1].norm &&
               (ends(c->tok[k - 1].norm, "ly") ||
                is_any(c, k - 1, (const char *const[]){"also", NULL})))
            k--;
        if (k > c->first && is_any(c, k - 1, BE)) {
            int32_t by = -1;
            for (uint32_t j = m->tend; j < c->end && j < m->tend + 6; j++)
                if (tok_word(c, j, "by", true)) {
                    by = actor_right(c, j + 1, j + 4);
                    break;
                }
            /* PETRARCH keeps the subject as source without a by-agent */
            if ((by >= 0 || !exact_pat) && !(dl__syn_has(c->doc) && !exact_pat)) {
                *tgt = *src;
                *src = by;
                *rule = " +passive";
            }
        }
    }
    /* our patterns: the tree decides where it can (PETRARCH's own
     * patterns keep their positional reading, which its suite tests) */
    if (!exact_pat && !m->src_right && !m->tgt_left && dl__syn_has(c->doc))
        tree_roles(c, m, noun, src, tgt, rule);
    return *src >= 0;
}

static void code_match(sent_ctx *c, const match *m, const dl__trigger *t)
{
    const dl__pattern *p = m->pat;
    const char *code = p ? p->code : t->code;
    const char *recip = p ? p->recip : t->recip;
    if ((p && (p->flags & DL_PAT_NOEVENT)) || code[0] == '\0')
        return;
    int32_t src, tgt;
    const char *rule;
    uint32_t ts = c->tok[m->tstart].start;
    const char *nonsense = dl__syn_has(c->doc) ? sense_discard(c, m, code) : NULL;
    if (nonsense) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end, "trigger '%s' (%s): %s",
                     t->lemma, p ? p->why : t->why, nonsense);
        return;
    }
        bool petr = p ? (p->flags & DL_PAT_EXACT) : (t->flags & DL_PAT_EXACT);
    bool has_src = sides(c, m, t->flags & DL_PAT_NOUN, petr, &src, &tgt, &rule);
    if (!has_src && !petr && (src = first_person_speaker(c, m)) >= 0) {
        has_src = true;
        rule = dl__arena_printf(&c->doc->arena, "%s +speaker-of-we", rule);
        if (tgt == src)
            tgt = -1;
    }
    if (!has_src) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "trigger '%s' (%s): no source actor", t->lemma,
                     p ? p->why : t->why);
        return;
    }
    c->last_subject = src;
    c->last_trigger_end = m->tend;
    /* "agreed to release", "vowed to wage war": the complement of a verb
     * already coded is part of that event, not an event of its own */
    uint32_t inf = m->tstart;
    if (inf > c->first + 1 && tok_word(c, inf - 1, "be", true))
        inf--;
    if (inf > c->first && tok_word(c, inf - 1, "to", true) &&
        c->last_coded_end && inf >= c->last_coded_end &&
        inf - c->last_coded_end <= 8) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "complement of an event already coded (%s)",
                     p ? p->why : t->why);
        c->last_coded_end = m->tend; /* "to be allowed to leave" */
        return;
    }
    /* modality between the subject and the trigger; for nouns, the whole
     * clause after it too ("any aggression ... would be") */
    const char *cue = NULL;
    uint32_t from = c->alast[src] + 1;
    if (from > m->span_lo || m->src_right)
        from = c->first;
    uint32_t to = m->span_lo;
    modality mod = modality_of(c, from < to ? from : to, to, m, &cue);
    if (t->flags & DL_PAT_NOUN) {
        const char *cue2 = NULL;
        modality m2 = modality_of(c, m->span_lo > c->first ? m->span_lo - 1
                                                           : m->span_lo,
                                  m->span_lo, m, &cue2);
        if (m2 > mod) {
            mod = m2;
            cue = cue2;
        }
        for (uint32_t k = m->tend; k < c->end && mod < MOD_HYPO; k++)
            if (is_any(c, k, (const char *const[]){"would", "could", "might",
                                                   "may", NULL})) {
                mod = MOD_HYPO;
                cue = c->tok[k].norm;
            }
    }
    if (!m->src_right && mod < MOD_HYPO) {
        /* "There was no indication that X would ...", "if X attacks" */
        uint32_t k0 = c->afirst[src] > c->first + REACH ? c->afirst[src] - REACH
                                                        : c->first;
        for (uint32_t k = k0; k < c->afirst[src] && k < c->end; k++) {
            const char *n = c->tok[k].norm;
            if (n == NULL)
                continue;
            if (is_any_scan(c, k, (const char *const[]){"if", "unless",
                                                        "whether", NULL}) ||
                (strcmp(n, "no") == 0 && k + 1 < c->end &&
                 is_any_scan(c, k + 1, (const char *const[]){
                                           "indication", "sign", "evidence",
                                           "intention", "plan", NULL}))) {
                mod = MOD_HYPO;
                cue = n;
            }
        }
    }
    const char *how = "";
    if (!petr && mod >= MOD_FUTURE && mod <= MOD_REFUSE) {
        const char *nc = recode(code, mod);
        if (nc && (mod != MOD_FUTURE || nc[0] != '1' || code[0] != '0')) {
            how = mod == MOD_REFUSE ? " +refused" : " +intent";
            code = nc;
            recip = "";
            mod = MOD_PLAIN;
        } else if (mod == MOD_REFUSE) {
            mod = MOD_NEG;
        } else if (mod == MOD_INTENT) {
            mod = MOD_FUTURE;
        }
    } else if (mod == MOD_INTENT) {
        mod = MOD_FUTURE;
    } else if (mod == MOD_REFUSE) {
        mod = MOD_NEG;
    }
    if (mod == MOD_NEG || mod == MOD_HYPO) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "%s act not coded (%s, cue '%s')",
                     mod == MOD_NEG ? "negated" : "hypothetical",
                     p ? p->why : t->why, cue ? cue : "");
        return;
    }
    side sg[MAX_GROUP], tg[MAX_GROUP];
    int ns = expand(c, src, sg, MAX_GROUP);
    int nt = tgt >= 0 ? expand(c, tgt, tg, MAX_GROUP) : 0;
    if (!petr)
        for (int i = 0; i < ns; i++)
            if (article_country(c, src, &sg[i]))
                rule = dl__arena_printf(&c->doc->arena, "%s +article-country", rule);
    if (!petr)
        for (int i = 0; i < nt; i++) {
            side keep = tg[i];
            if (!article_country(c, tgt, &tg[i]))
                continue;
            for (int j = 0; j < ns; j++)
                if (strcmp(sg[j].code, tg[i].code) == 0)
                    tg[i] = keep; /* the source itself: keep the bare agent */
            if (tg[i].confidence > 0)
                rule = dl__arena_printf(&c->doc->arena, "%s +article-country-target", rule);
        }
    if (nt == 0 && !petr && dl__syn_has(c->doc) && place_target(c, m, &tg[0]) &&
        !(sg[0].country && strcmp(sg[0].country, tg[0].country) == 0)) {
        nt = 1;
        rule = dl__arena_printf(&c->doc->arena, "%s +place-target", rule);
    }
    const char *rules = dl__arena_printf(
        &c->doc->arena, "%s%s%s%s", rule, how,
        ns > 1 || nt > 1 ? " +compound" : "",
        mod == MOD_FUTURE ? " +future" : "");
    if (petr && strncmp(c->act[src].code, "---", 3) == 0 && ns == 1 &&
        strncmp(sg[0].code, "---", 3) == 0) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "source '%s' has no country (%s): not coded",
                     sg[0].code, p ? p->why : t->why);
        return;
    }
    if (!petr && ns == 1) {
        /* a target that is the source itself ("DeSantis criticized the
         * Biden administration": both USAGOV) is no dyad */
        int k = 0;
        for (int j = 0; j < nt; j++)
            if (strcmp(tg[j].code, sg[0].code) != 0)
                tg[k++] = tg[j];
        nt = k;
    }
    if (nt == 0 && ns < 2 && !petr && p && p->nafter &&
        p->after[p->nafter - 1].kind == DL_PE_TARGET) {
        /* the pattern wants a target: fall back to the bare verb */
        const dl__pattern *bare = NULL;
        for (size_t k = 0; k < t->n && !bare; k++)
            if (t->pats[k]->nafter == 0 &&
                !(t->pats[k]->flags & DL_PAT_NOEVENT))
                bare = t->pats[k];
        if (bare == NULL) {
            dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                         "no target for '%s' (%s): the pattern needs one",
                         t->lemma, p->why);
            return;
        }
        if (how[0] == '\0' || strcmp(code, p->code) == 0)
            code = bare->code;
        rules = dl__arena_printf(&c->doc->arena, "%s +bare %s", rules,
                                 bare->why);
    }
    if (nt == 0 && ns < 2 && petr) {
        /* PETRARCH codes dyads only (its require_dyad default) */
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "no target for '%s' (%s): not coded", t->lemma,
                     p ? p->why : t->why);
        return;
    }
    if (nt == 0 && ns > 1) {
        /* a joint act of a compound subject: each with each other */
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < ns; j++)
                if (i != j)
                    emit(c, m, code, &sg[i], &sg[j], mod, rules);
        c->last_coded_end = m->tend;
        return;
    }
    for (int i = 0; i < ns; i++) {
        if (nt == 0)
            emit(c, m, code, &sg[i], NULL, mod, rules);
        for (int j = 0; j < nt; j++) {
            emit(c, m, code, &sg[i], &tg[j], mod, rules);
            if (recip[0] && strcmp(recip, "---") != 0)
                emit(c, m, recip, &tg[j], &sg[i], mod, rules);
        }
    }
    c->last_coded_end = m->tend;
}

/* Whether most words of the sentence are capitalized (a headline);
 * computed once per sentence. */
static bool title_case(sent_ctx *c)
{
    if (c->title)
        return c->title > 0;
    uint32_t words = 0, caps = 0;
    for (uint32_t k = c->first; k < c->end; k++)
        if (c->tok[k].flags & DL_TOK_WORD) {
            words++;
            caps += (c->tok[k].flags & DL_TOK_CAP) != 0;
        }
    c->title = words >= 4 && caps * 4 >= words * 3 ? 1 : -1;
    return c->title > 0;
}

/* ---------------------------------------------------------- discards */

static const dl__discard *discard_in(const dl__events_kb *ek,
                                     const dl_token *tok, uint32_t from,
                                     uint32_t to, bool story)
{
    if (ek->ndiscards == 0)
        return NULL;
    for (uint32_t i = from; i < to; i++) {
        const char *n = tok[i].norm;
        if (n == NULL || !dl__strmap_get(&ek->discard_first, n, strlen(n)))
            continue;
        for (size_t d = 0; d < ek->ndiscards; d++) {
            const dl__discard *x = &ek->discards[d];
            if (x->story != story || strcmp(x->words[0], n) != 0)
                continue;
            uint16_t k = 1;
            while (k < x->n && i + k < to && tok[i + k].norm &&
                   strcmp(tok[i + k].norm, x->words[k]) == 0)
                k++;
            if (k == x->n)
                return x;
        }
    }
    return NULL;
}

/* --------------------------------------------------------- sentences */

static void code_sentence(sent_ctx *c)
{
    const dl__events_kb *ek = c->ek;
    const dl__discard *d = discard_in(ek, c->tok, c->first, c->end, false);
    if (d) {
        const dl_sentence *s = &dl__sentences(c->doc)[c->s];
        dl__doc_note(c->doc, "events", s->start, s->end,
                     "sentence discarded (%s)", d->why);
        return;
    }
    for (uint32_t i = c->first; i < c->end; i++) {
        const dl_token *t = &c->tok[i];
        if (!(t->flags & DL_TOK_WORD) || actor_at(c, i) >= 0 ||
            is_any(c, i, MODALS))
            continue;
        /* a capitalized word inside a sentence is a name ("Free Trade"),
         * unless the whole sentence is a title in capitals */
        if ((t->flags & DL_TOK_CAP) && !(t->flags & DL_TOK_SSTART) &&
            !title_case(c))
            continue;
        /* the exact form first ("met"), then the lemma ("meet") */
        const dl__trigger *chain[2] = {NULL, NULL};
        if (t->norm && (!t->lemma || strcmp(t->norm, t->lemma) != 0))
            chain[0] = dl__strmap_get(&ek->triggers, t->norm, strlen(t->norm));
        if (t->lemma)
            chain[1] = dl__strmap_get(&ek->triggers, t->lemma,
                                      strlen(t->lemma));
        match best = {0};
        const dl__trigger *bt = NULL;
        bool any = false;
        for (int h = 0; h < 2; h++)
            for (const dl__trigger *tr = chain[h]; tr; tr = tr->next) {
                if (bt && tr->npre + tr->npost < bt->npre + bt->npost)
                    break;
                if (try_trigger(c, tr, i, &best)) {
                    bt = tr;
                    any = true;
                } else if (!any && tr->code[0] && !bt &&
                           pos_fits(c, i, tr->flags) &&
                           (!(tr->flags & DL_PAT_EXACT) || !t->norm ||
                            petr_form(t->norm, tr->lemma)) &&
                           glued_words(c, i, tr->pre, tr->npre, true, true) &&
                           glued_words(c, i, tr->post, tr->npost, false,
                                       true)) {
                    /* the verb block's default code */
                    best = (match){.tstart = i - tr->npre,
                                   .tend = i + 1 + tr->npost, .head = i,
                                   .src_from = -1, .src_to = -1,
                                   .tgt_from = -1, .tgt_to = -1};
                    best.span_lo = best.tstart;
                    best.span_hi = best.tend;
                    bt = tr;
                }
            }
        if (bt == NULL)
            continue;
        code_match(c, &best, bt);
        if (best.tend > i + 1)
            i = best.tend - 1;
    }
}

/* ------------------------------------------------------ word classes */

static const struct {
    const char *const *list;
    bool lemma;
} CLASSES[] = {
    {PREPS, false},    {DETS, false},     {JOINERS, false},  {CONJ, false},
    {CLAUSE_STOP, false}, {SUBORD, false}, {TSTOP, false},   {RELATIVE, false},
    {INTENS, false},   {PRONOUNS, false}, {SPEECH, true},    {NEGATORS, false},
    {FUTURE, false},   {HYPO, false},     {BE, false},       {SOFT_GAP, false},
    {VERBAL, false},   {MODALS, false},   {INTENT, true},    {REFUSE, true},
    {WILL, false},
};

static uint32_t list_bit(const char *const *ws, bool *lemma)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(CLASSES); i++)
        if (CLASSES[i].list == ws) {
            *lemma = CLASSES[i].lemma;
            return 1u << i;
        }
    *lemma = false;
    return 0;
}

dl_code dl__events_classes(dl__events_kb *ek)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(CLASSES); i++) {
        dl__strmap *m = CLASSES[i].lemma ? &ek->lemmacls : &ek->wordcls;
        for (const char *const *w = CLASSES[i].list; *w; w++) {
            size_t n = strlen(*w);
            uintptr_t old = (uintptr_t)dl__strmap_get(m, *w, n);
            int oom = 0;
            dl__strmap_put(m, *w, n, (void *)(old | (1u << i)), &oom);
            if (oom)
                return DL_ENOMEM;
        }
    }
    return DL_OK;
}

/* Mentions side by side with nothing between ("Bree Prime Minister" +
 * "Romendacil") are one noun phrase: its most specific code stands for
 * both. */
static void merge_adjacent(const dl_actor *act, int32_t *map, size_t ntok,
                           const dl_token *tok, uint32_t *afirst,
                           uint32_t *alast)
{
    for (size_t i = 0; i + 1 < ntok; i++) {
        int32_t a = map[i], b = map[i + 1];
        if (a < 0 || b < 0 || a == b || alast[a] != i || afirst[b] != i + 1 ||
            tok[i].sentence != tok[i + 1].sentence)
            continue;
        int32_t w = strlen(act[b].code) > strlen(act[a].code) ? b : a;
        uint32_t f = afirst[a], l = alast[b];
        for (uint32_t k = f; k <= l && k < ntok; k++)
            map[k] = w;
        afirst[a] = afirst[b] = f;
        alast[a] = alast[b] = l;
    }
}

dl_code dl__events_code(const dl__events_kb *ek, dl_doc *doc, dl_error *err)
{
    size_t ntok = doc->tokens.n;
    const dl_token *tok = dl__tokens(doc);
    if (ntok == 0)
        return DL_OK;
    const dl__discard *sd = discard_in(ek, tok, 0, (uint32_t)ntok, true);
    if (sd) {
        dl__doc_note(doc, "events", 0, (uint32_t)doc->len,
                     "story discarded (%s)", sd->why);
        return DL_OK;
    }
    int32_t *map = dl__arena_alloc(&doc->arena, ntok * sizeof *map);
    if (map == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t i = 0; i < ntok; i++)
        map[i] = -1;
    const dl_actor *act = doc->actors.items;
    for (size_t a = 0; a < doc->actors.n; a++) {
        if (!usable(&act[a]))
            continue;
        for (uint32_t k = act[a].tok_first; k <= act[a].tok_last && k < ntok;
             k++) {
            int32_t o = map[k];
            if (o < 0 || act[o].tok_last - act[o].tok_first <
                             act[a].tok_last - act[a].tok_first)
                map[k] = (int32_t)a;
        }
    }
    uint32_t *afirst = dl__arena_alloc(&doc->arena,
                                       (doc->actors.n + 1) * sizeof *afirst);
    uint32_t *alast = dl__arena_alloc(&doc->arena,
                                      (doc->actors.n + 1) * sizeof *alast);
    if (afirst == NULL || alast == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t a = 0; a < doc->actors.n; a++) {
        afirst[a] = act[a].tok_first;
        alast[a] = act[a].tok_last;
    }
    merge_adjacent(act, map, ntok, tok, afirst, alast);
    uint8_t *nbit = dl__arena_alloc(&doc->arena, ntok);
    uint8_t *lbit = dl__arena_alloc(&doc->arena, ntok);
    if (nbit == NULL || lbit == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    uint32_t *cls = dl__arena_alloc(&doc->arena, ntok * sizeof *cls);
    if (cls == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t k = 0; k < ntok; k++) {
        const char *nm = tok[k].norm, *lm = tok[k].lemma;
        nbit[k] = nm ? (uint8_t)dl__word_bit(nm) : 0;
        lbit[k] = lm ? (uint8_t)dl__word_bit(lm) : nbit[k];
        if (nm)
            cls[k] = (uint32_t)(uintptr_t)dl__strmap_get(&ek->wordcls, nm,
                                                         strlen(nm));
        if (lm)
            cls[k] |= (uint32_t)(uintptr_t)dl__strmap_get(&ek->lemmacls, lm,
                                                          strlen(lm));
    }
    /* places by sentence: a moving cursor when they are in order */
    const dl_place *pl = doc->places.items;
    bool sorted = true;
    for (size_t k = 1; k < doc->places.n && sorted; k++)
        sorted = pl[k].sentence >= pl[k - 1].sentence;
    size_t pcur = 0;
    const dl_sentence *s = dl__sentences(doc);
    for (size_t i = 0; i < doc->sentences.n; i++) {
        sent_ctx c = {.ek = ek, .doc = doc, .tok = tok, .act = act,
                      .tok2act = map, .afirst = afirst, .alast = alast,
                      .nbit = nbit, .lbit = lbit, .cls = cls,
                      .s = (uint32_t)i,
                      .first = s[i].tok_first,
                      .end = s[i].tok_first + s[i].tok_count,
                      .last_subject = -1};
        if (c.end > ntok)
            c.end = (uint32_t)ntok;
        if (sorted) {
            while (pcur < doc->places.n && pl[pcur].sentence < i)
                pcur++;
            c.place0 = c.place1 = pcur;
            while (c.place1 < doc->places.n && pl[c.place1].sentence == i)
                c.place1++;
        } else {
            c.place0 = 0;
            c.place1 = doc->places.n;
        }
        for (uint32_t k = c.first; k < c.end; k++) {
            unsigned b = nbit[k];
            c.mask[b >> 6] |= 1ull << (b & 63);
            b = lbit[k];
            c.mask[b >> 6] |= 1ull << (b & 63);
        }
        code_sentence(&c);
    }
    return doc->arena.failed ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}
