/*
 * modality.c — what the words around a trigger say about the act:
 * plain, future, intended, refused, hypothetical or negated, and how
 * CAMEO recodes intended and refused acts (03x, 12x, 13x).
 */
#include "events/coder.h"

/* Whether token k lies in a relative clause or apposition that does not
 * hold the trigger word v ("Noboa, who vowed to restore peace, has
 * declared": the vow is not the declaration's modality). */
static bool in_other_modifier(const sent_ctx *c, uint32_t k, int32_t v)
{
    int32_t w = dl__syn_word_of_token(c->doc, k);
    for (int hops = 0; w >= 0 && hops < 16; hops++) {
        if (w == v)
            return false;
        if (dl__syn_rel_is(c->doc, w, "acl") || dl__syn_rel_is(c->doc, w, "appos"))
            return true;
        w = dl__syn_head(c->doc, w);
    }
    return false;
}

modality dl__ev_modality_of(const sent_ctx *c, uint32_t from, uint32_t to,
                            const match *m, const char **cue)
{
    modality r = MOD_PLAIN;
    if (to > from + REACH)
        from = to - REACH;
    int32_t v = dl__syn_has(c->doc) ? dl__syn_word_of_token(c->doc, m->head) : -1;
    for (uint32_t k = from; k < to; k++) {
        if (k >= m->span_lo && k < m->span_hi)
            continue; /* words the pattern itself matched */
        if (v >= 0 && in_other_modifier(c, k, v))
            continue;
        const char *n = c->tok[k].norm, *l = c->tok[k].lemma;
        modality here = MOD_PLAIN;
        if (n == NULL)
            continue;
        if (!m->consumed_neg && dl__ev_is_any(c, k, dl__ev_negators))
            here = k > c->first && dl__ev_is_any(c, k - 1, dl__ev_will) ? MOD_REFUSE
                                                          : MOD_NEG;
        else if (strcmp(n, "cannot") == 0)
            here = MOD_REFUSE;
        else if (dl__ev_is_any(c, k, dl__ev_hypo) ||
                 (strcmp(n, "let") == 0 && k + 1 < c->end &&
                  (c->tok[k + 1].flags & DL_TOK_POSS)))
            here = MOD_HYPO;
        else if (l && dl__ev_is_any(c, k, dl__ev_refuse) && k + 1 < to &&
                 dl__ev_tok_word(c, k + 1, "to", true))
            here = MOD_REFUSE;
        else if (l && dl__ev_is_any(c, k, dl__ev_intent) && k + 1 < to &&
                 (dl__ev_tok_word(c, k + 1, "to", true) ||
                  dl__ev_tok_word(c, k + 1, "that", true)))
            /* "decided to expel" reports the expulsion: a decision to
             * act against someone is the act, not a threat of it */
            here = strcmp(l, "decide") == 0 && m->pat && m->pat->code[0] == '1' ? MOD_PLAIN
                                                                             : MOD_INTENT;
        else if (dl__ev_is_any(c, k, dl__ev_future))
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
const char *dl__ev_recode(const char *code, modality mod)
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

