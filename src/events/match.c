/*
 * match.c — the lexicon matched against a sentence: a trigger token's
 * patterns (frames over words, word classes, source/target slots) are
 * tried around it and the most specific match wins; part-of-speech
 * checks keep noun frames on nouns and verb frames on verbs.
 */
#include "events/coder.h"

static bool is_neg_word(const char *w)
{
    for (const char *const *p = dl__ev_negators; *p; p++)
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
        if (i + k >= c->end || !dl__ev_tok_word(c, i + k, p->words[k], exact))
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
        if (!dl__ev_tok_word(c, i, e->word, exact))
            return 0;
        /* "at least", "at most" are quantifiers, not the preposition */
        if (strcmp(e->word, "at") == 0 && i + 1 < c->end &&
            dl__ev_is_any_scan(c, i + 1, (const char *const[]){"least", "most", NULL}))
            return 0;
        return 1;
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

/* A pattern word beyond the gap that the tree ties to the trigger: the
 * head of its object, an oblique or a complement, or a compound or "of"
 * modifier of its object ("announced a new $988 million military aid
 * package": 'announce &aid', where 'package' heads the object). The
 * token, at or after pos and before limit, with *used set; or 0. */
static uint32_t tree_elem(const sent_ctx *c, uint32_t head, uint32_t pos, uint32_t limit,
                          const dl__pelem *e, uint32_t *used)
{
    *used = 0;
    if (!dl__syn_has(c->doc))
        return 0;
    int32_t v = dl__syn_word_of_token(c->doc, head);
    if (v < 0)
        return 0;
    int32_t cand[14];
    size_t n = 0;
    static const char *const RELS[] = {"obj", "obl", "xcomp", "nsubj:pass"};
    for (size_t r = 0; r < DL_ARRAY_LEN(RELS) && n < 8; r++) {
        int32_t kids[4];
        size_t k = dl__syn_children(c->doc, v, RELS[r], kids, 4);
        for (size_t j = 0; j < k && j < 4 && n < 8; j++)
            cand[n++] = kids[j];
    }
    /* a noun trigger: the verb it is the subject of, and its clauses
     * ("the attack, which occurred") */
    if (dl__syn_tok_is_noun(c->doc, head)) {
        int32_t h = dl__syn_head(c->doc, v);
        if (h >= 0 && dl__syn_rel_is(c->doc, v, "nsubj"))
            cand[n++] = h;
        cand[n++] = dl__syn_child(c->doc, v, "acl");
    }
    int32_t o = dl__syn_child(c->doc, v, "obj");
    if (o >= 0) {
        cand[n++] = dl__syn_child(c->doc, o, "compound");
        cand[n++] = dl__syn_child(c->doc, o, "nmod");
    }
    const dl_word *w = dl__words(c->doc);
    for (size_t k = 0; k < n; k++) {
        if (cand[k] < 0)
            continue;
        uint32_t t = w[cand[k]].token;
        if (t < pos || t >= limit || t >= c->end)
            continue;
        uint32_t u = elem_at(c, t, e, false);
        if (u) {
            *used = u;
            return t;
        }
    }
    return 0;
}

/* Right of the trigger: each literal element found in order within the
 * gap (or, for our patterns, tied to the trigger by the tree: tree_elem);
 * slots remember where they are. */
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
            int32_t a = pos < limit ? dl__ev_actor_at(c, pos) : -1;
            if (a < 0) {
                uint32_t j = pos;
                while (j < limit && dl__ev_actor_at(c, j) < 0 &&
                       !dl__ev_is_any(c, j, dl__ev_preps) && !dl__ev_is_any(c, j, dl__ev_clause_stop))
                    j++;
                a = j < limit ? dl__ev_actor_at(c, j) : -1;
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
            if (dl__ev_is_any(c, j, dl__ev_clause_stop) && !exact && !speech)
                break;
        }
        if (!used && !exact && !skip)
            found = tree_elem(c, m->head, pos, limit, e, &used);
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

bool dl__ev_glued_words(const sent_ctx *c, uint32_t i, const char **w,
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
        if (!dl__ev_tok_word(c, j, w[k], exact))
            return false;
    }
    return true;
}


/* A verb trigger used as a noun: after a determiner or possessive,
 * possibly with modifiers between ("an attack", "a brief private visit",
 * "their meeting"), or after an intensifier ("very close"). */
static bool noun_use(const sent_ctx *c, uint32_t i)
{
    if (i == c->first)
        return false;
    if (dl__ev_is_any(c, i - 1, dl__ev_intens) || (c->tok[i - 1].flags & DL_TOK_NUM) ||
        (dl__ev_is_any(c, i - 1, dl__ev_preps) && !dl__ev_tok_word(c, i - 1, "to", true)))
        return true; /* "very close", "two sentences", "in charge" */
    const char *nm = c->tok[i].norm, *lm = c->tok[i].lemma;
    if (nm && (dl__ev_ends(nm, "ed") ||
               (lm && strcmp(nm, lm) != 0 && !dl__ev_ends(nm, "s") &&
                !dl__ev_ends(nm, "ing"))))
        return false; /* "vowed", "left": a verb form */
    /* "the Paris attack would snap": a noun followed by its verb */
    if (i + 1 < c->end && !dl__ev_verb_form(c->tok[i].norm) &&
        !(c->tok[i + 1].flags & DL_TOK_CAP) &&
        (dl__ev_is_any(c, i + 1, dl__ev_modals) || dl__ev_is_any(c, i + 1, dl__ev_be)))
        return true;
    for (uint32_t k = i; k > c->first && i - k < 4; k--) {
        const dl_token *t = &c->tok[k - 1];
        if (dl__ev_is_any(c, k - 1, dl__ev_dets) || (t->flags & (DL_TOK_POSS | DL_TOK_NUM)))
            return true;
        if (!(t->flags & DL_TOK_WORD) || (t->flags & DL_TOK_CAP) ||
            dl__ev_actor_at(c, k - 1) >= 0 || dl__ev_is_any(c, k - 1, dl__ev_verbal) ||
            dl__ev_verb_form(t->norm))
            return false;
    }
    return false;
}


/* A past participle, roughly: not "-ing", not "-s", and differing from
 * its lemma ("attacked", "taken", "held"). */
bool dl__ev_participle(const dl_token *t)
{
    return t->norm && t->lemma && strcmp(t->norm, t->lemma) != 0 &&
           !dl__ev_ends(t->norm, "ing") && !dl__ev_ends(t->norm, "s");
}

/* Whether a token form is one PETRARCH would generate for a verb: the
 * lemma itself, -s/-es, -ed/-d/-ied, -ing, a doubled consonant, or an
 * irregular form (not built on the lemma: "broke"). */
bool dl__ev_petr_form(const char *form, const char *lemma)
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
bool dl__ev_pos_fits(const sent_ctx *c, uint32_t i, uint16_t tflags)
{
    bool noun = tflags & DL_PAT_NOUN;
    /* PETRARCH's dictionaries were written for its own reading */
    const char *u = (tflags & DL_PAT_EXACT) ? NULL : c->tok[i].upos;
    if (u != NULL) {
        bool is_noun = strcmp(u, "NOUN") == 0 || strcmp(u, "PROPN") == 0;
        bool is_verb = strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0;
        if (noun)
            return !is_verb;
        if (!is_noun)
            return true;
        /* a sentence needs a verb: when the tagger found none ("Indian
         * troops shot dead two militants", headline syntax it saw little
         * of), the window's reading of noun or verb decides */
        for (uint32_t k = c->first; k < c->end; k++) {
            const char *x = c->tok[k].upos;
            if (x && (strcmp(x, "VERB") == 0 || strcmp(x, "AUX") == 0))
                return false;
        }
        return !noun_use(c, i);
    }
    if (noun)
        return !dl__ev_verb_form(c->tok[i].norm);
    return !noun_use(c, i);
}

/* Best pattern of trigger record t at token i, or false. */
bool dl__ev_try_trigger(const sent_ctx *c, const dl__trigger *t, uint32_t i,
                        match *best, bool no_target)
{
    bool exact = t->flags & DL_PAT_EXACT;
    if (exact && c->tok[i].norm && !dl__ev_petr_form(c->tok[i].norm, t->lemma))
        return false;
    if (t->npre && !dl__ev_glued_words(c, i, t->pre, t->npre, true, exact))
        return false;
    if (t->npost && !dl__ev_glued_words(c, i, t->post, t->npost, false, exact))
        return false;
    if (!dl__ev_pos_fits(c, i, t->flags))
        return false;
    uint32_t limit = c->end < i + REACH ? c->end : i + REACH;
    for (size_t k = 0; k < t->n; k++) {
        if ((t->need[k][0] & c->mask[0]) != t->need[k][0] ||
            (t->need[k][1] & c->mask[1]) != t->need[k][1])
            continue; /* a word of the pattern is not in the sentence */
        const dl__pattern *p = t->pats[k];
        if (best->pat && p->weight <= best->pat->weight)
            break;
        if (no_target && p->nafter && p->after[p->nafter - 1].kind == DL_PE_TARGET)
            continue; /* the caller found no target for a pattern */
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

