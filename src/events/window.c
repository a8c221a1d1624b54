/*
 * window.c — roles from token positions, the fallback when the tree has
 * no answer: the subject actor left of a trigger, joined actor groups
 * ("Russia and China"), the first actor right of a trigger. Every use is
 * noted in the event's decision trail by roles.c.
 */
#include "events/coder.h"

int32_t dl__ev_actor_at(const sent_ctx *c, uint32_t i)
{
    return c->tok2act[i];
}

bool dl__ev_usable(const dl_actor *a)
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
        if (dl__ev_is_any(c, k, dl__ev_conj)) {
            if (k > from && !dl__ev_is_any(c, k - 1, dl__ev_conj))
                return false; /* words before the conjunction */
            conj = true;
            continue;
        }
        if (!conj)
            return false;
        if (dl__ev_is_any(c, k, dl__ev_joiners))
            continue;
        if (!(c->tok[k].flags & DL_TOK_WORD) ||
            (c->tok[k].flags & DL_TOK_CAP) || dl__ev_is_any(c, k, dl__ev_preps) ||
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
            int32_t x = dl__ev_actor_at(c, j - 1);
            if (x >= 0 && x != cur)
                return dl__ev_usable(&c->act[x]) && joins(c, j, k) ? x : -1;
        }
        return -1;
    }
    uint32_t k = c->alast[cur] + 1;
    for (uint32_t j = k; j < c->end && j - k < 7; j++) {
        int32_t x = dl__ev_actor_at(c, j);
        if (x >= 0 && x != cur)
            return dl__ev_usable(&c->act[x]) && joins(c, k, j) ? x : -1;
    }
    return -1;
}

/* The compound group around actor a: actors joined by , and or nor. */
int dl__ev_group_of(const sent_ctx *c, int32_t a, int32_t *out)
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
    if (!dl__ev_tok_word(c, k, "of", true) || k == c->first)
        return false;
    return dl__ev_is_any_scan(c, k - 1, QUANT) || (c->tok[k - 1].flags & DL_TOK_NUM);
}

/* An actor that is the object of a preposition or a possessive modifier
 * ("Ukraine's counteroffensive") is not a subject. */
static bool subject_like(const sent_ctx *c, int32_t a)
{
    const dl_actor *x = &c->act[a];
    if (!dl__ev_usable(x))
        return false;
    uint32_t f = c->afirst[a];
    /* look through the group for the first member's left context */
    int32_t grp[MAX_GROUP];
    int n = dl__ev_group_of(c, a, grp);
    if (n > 0)
        f = c->afirst[grp[0]];
    if (f > c->first && dl__ev_is_any(c, f - 1, dl__ev_preps) && !quantity_of(c, f - 1))
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
int32_t dl__ev_subject_left(const sent_ctx *c, uint32_t i, uint32_t stop)
{
    if (i > stop + REACH)
        stop = i - REACH;
    uint32_t k = i;
    bool prep = false, pronoun = false;
    /* "Putin, in response to X, warned": skip the parenthetical */
    if (k > stop + 1 && dl__ev_tok_word(c, k - 1, ",", true)) {
        for (uint32_t j = k - 1; j > stop && k - j < 16; j--)
            if (dl__ev_tok_word(c, j - 1, ",", true)) {
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
        if (lem && dl__ev_actor_at(c, k) < 0 && dl__ev_is_any(c, k, dl__ev_speech))
            return pronoun ? dl__ev_subject_left(c, k, stop) : -1;
        if (dl__ev_actor_at(c, k) < 0 && dl__ev_is_any(c, k, dl__ev_pronouns))
            pronoun = true;
        if (dl__ev_is_any(c, k, dl__ev_preps) && !dl__ev_tok_word(c, k, "to", true))
            prep = true;
        else if (prep && dl__ev_actor_at(c, k) < 0 && dl__ev_verb_form(c->tok[k].norm))
            return -1; /* "placed in Belarus in a move condemned" */
        int32_t a = dl__ev_actor_at(c, k);
        if (a >= 0) {
            if (subject_like(c, a))
                return a;
            if (c->afirst[a] < k)
                k = c->afirst[a];
            continue;
        }
        if (dl__ev_is_any(c, k, dl__ev_relative)) {
            uint32_t j = k;
            if (j > stop && dl__ev_tok_word(c, j - 1, ",", true))
                j--;
            if (j > stop && dl__ev_tok_word(c, k, "that", true) &&
                dl__ev_actor_at(c, j - 1) < 0)
                return -1; /* a complement "that": subject must follow it */
            return j > stop ? dl__ev_actor_at(c, j - 1) : -1;
        }
        if (dl__ev_is_any(c, k, dl__ev_subord))
            return -1;
    }
    return -1;
}

/* The subject, or failing that a possessive in subject position
 * ("Eriador's death toll has risen"). */
int32_t dl__ev_subject_or_possessor(const sent_ctx *c, uint32_t i,
                                    uint32_t stop)
{
    int32_t a = dl__ev_subject_left(c, i, stop);
    if (a >= 0)
        return a;
    for (uint32_t k = i; k > stop; k--) {
        int32_t x = dl__ev_actor_at(c, k - 1);
        if (dl__ev_is_any(c, k - 1, dl__ev_subord))
            return -1;
        if (x < 0 || !dl__ev_usable(&c->act[x])) {
            if (!(c->tok[k - 1].flags & (DL_TOK_WORD | DL_TOK_POSS)) ||
                dl__ev_is_any(c, k - 1, dl__ev_preps) || i - k > 6)
                return -1;
            continue;
        }
        uint32_t f = c->afirst[x], l = c->alast[x];
        if (f > c->first && dl__ev_is_any(c, f - 1, dl__ev_preps))
            return -1;
        bool poss = (c->tok[l].flags & DL_TOK_POSS) ||
                    (l + 1 < c->end && (c->tok[l + 1].flags & DL_TOK_POSS));
        return poss ? x : -1;
    }
    return -1;
}

/* First actor in [from, to). */
int32_t dl__ev_actor_right(const sent_ctx *c, uint32_t from, uint32_t to)
{
    if (to > c->end)
        to = c->end;
    for (uint32_t k = from; k < to; k++) {
        if (dl__ev_is_any(c, k, dl__ev_clause_stop) ||
            (k > from && dl__ev_is_any(c, k, dl__ev_subord) && !dl__ev_tok_word(c, k, "that", true) &&
             !dl__ev_tok_word(c, k, "whether", true)) ||
            dl__ev_is_any(c, k, dl__ev_tstop))
            return -1;
        int32_t a = dl__ev_actor_at(c, k);
        if (a >= 0 && dl__ev_usable(&c->act[a]))
            return a;
    }
    return -1;
}

