/*
 * sense.c — non-political readings of a trigger (an election "battle",
 * a market "attack") recognised from its arguments via the word classes
 * of data/events/classes.txt, and the discard phrases of the
 * dictionaries (story and sentence discards).
 */
#include "events/coder.h"

#include <ctype.h>

/* Whether word w's lemma is a one-word phrase of class `name`. */
bool dl__ev_word_in_class(const sent_ctx *c, int32_t w, const char *name)
{
    if (w < 0)
        return false;
    const dl__synset *syn = dl__strmap_get(&c->ek->synsets, name, strlen(name));
    if (syn == NULL)
        return false;
    const dl_token *t = &dl__tokens(c->doc)[dl__words(c->doc)[w].token];
    /* a verb with its particle is a two-word phrase ("broke out":
     * break_out) */
    int32_t prt = dl__syn_child(c->doc, w, "compound:prt");
    const dl_token *pt = prt >= 0 ? &dl__tokens(c->doc)[dl__words(c->doc)[prt].token] : NULL;
    for (size_t k = 0; k < syn->n; k++) {
        const dl__phrase *ph = &syn->phrases[k];
        bool head = (t->lemma && strcmp(t->lemma, ph->words[0]) == 0) ||
                    (t->norm && strcmp(t->norm, ph->words[0]) == 0);
        if (head && ph->n == 1)
            return true;
        if (head && ph->n == 2 && pt && pt->norm && strcmp(pt->norm, ph->words[1]) == 0)
            return true;
    }
    return false;
}

/* A verb of force (roots 17-20) read as politics, sport or business
 * rather than violence: its object or oblique is an election, an office,
 * a market, a title (class nonviolent_object), or its subject a team or
 * a firm (nonviolent_subject); or it governs a clause ("battled to
 * replace him"). Returns the reason, or NULL. */
const char *dl__ev_sense_discard(const sent_ctx *c, const match *m, const char *code)
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
            if (dl__ev_word_in_class(c, kids[k], "nonviolent_object"))
                return "object of a non-political sense (classes.txt &nonviolent_object)";
    }
    int32_t sb = dl__syn_subject(c->doc, v);
    if (dl__ev_word_in_class(c, sb, "nonviolent_subject") && dl__ev_actor_of_word(c, sb, 0) < 0)
        return "subject of a non-political sense (classes.txt &nonviolent_subject)";
    /* a score ("beat the United States 3-2") marks a sports report; the
     * parser attaches it anywhere, so the whole sentence is looked at */
    for (uint32_t k = c->first; k < c->end; k++) {
        const char *n = c->tok[k].norm;
        if (n == NULL || !isdigit((unsigned char)n[0]))
            continue;
        const char *d = n;
        while (isdigit((unsigned char)*d))
            d++;
        if (*d != '-' || !isdigit((unsigned char)d[1]) || d - n > 3)
            continue;
        return "a score in its sentence (\"3-2\"): a sports report";
    }
    int32_t x = dl__syn_child(c->doc, v, "xcomp");
    if (x >= 0 && dl__syn_child(c->doc, v, "obj") < 0 &&
        dl__syn_word_is(c->doc, dl__syn_child(c->doc, x, "mark"), "to"))
        return "governs an infinitive clause, not a target (\"battled to replace\")";
    return NULL;
}
/* ---------------------------------------------------------- discards */

const dl__discard *dl__ev_discard_in(const dl__events_kb *ek,
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

