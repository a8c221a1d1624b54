/*
 * context.c — participants that need the article: a target named only
 * as a place (its country), an agent without a country taking the
 * article's last compatible country, and "we"/"I" inside a quotation
 * taking the quotation's speaker.
 */
#include "events/coder.h"

#include <strings.h>

/* Whether a place named with "in" or "at" is where an act of this code
 * happens rather than the one it is done to: for statements, appeals,
 * intents, meetings (but visits: "arrived in Beijing"), cooperation,
 * aid, demands, disapproval and rejection (01-13) it is the venue
 * ("negotiations in Turkey", "stop fighting in Gaza"); for protests,
 * force, coercion and violence (14-20) the one acted on ("strikes in
 * Kharkiv"). */
bool dl__ev_locative_is_venue(const char *code)
{
    if (code == NULL || code[0] == '\0' || code[1] == '\0')
        return false;
    if (strncmp(code, "042", 3) == 0 || strncmp(code, "043", 3) == 0)
        return false;
    return code[0] == '0' || (code[0] == '1' && code[1] <= '3');
}

/* A target named only as a place: an oblique of the trigger ("landed in
 * Beijing", "crossed into the Kursk region", "strikes on Kharkiv") that
 * the places stage resolved to a country. Fills *out and returns true. */
static bool place_of_word(const sent_ctx *c, int32_t v, const char *code, side *out);

bool dl__ev_place_target(const sent_ctx *c, const match *m, const char *code, side *out)
{
    return place_of_word(c, dl__syn_word_of_token(c->doc, m->head), code, out);
}

/* The place country of word v's obliques, modifiers or object (as
 * dl__ev_place_target). */
static bool place_of_word(const sent_ctx *c, int32_t v, const char *code, side *out)
{
    bool venue = dl__ev_locative_is_venue(code);
    if (v < 0)
        return false;
    /* the passive subject is the one acted on, like an object ("the
     * Kstovo zone was attacked") */
    const char *rels[] = {"obl", "nmod", "obj", "nsubj:pass"};
    size_t np;
    const dl_place *pl = dl_doc_places(c->doc, &np);
    for (size_t r = 0; r < DL_ARRAY_LEN(rels); r++) {
        int32_t kids[8];
        size_t n = dl__syn_children(c->doc, v, rels[r], kids, 8);
        for (size_t k = 0; k < n && k < 8; k++) {
            if (r < 2) {
                int32_t cs = dl__syn_case(c->doc, kids[k]);
                bool ok = false;
                for (const char *const *p = dl__ev_target_preps; *p && !ok; p++)
                    ok = dl__syn_word_is(c->doc, cs, *p);
                if (venue && (dl__syn_word_is(c->doc, cs, "in") || dl__syn_word_is(c->doc, cs, "at")))
                    ok = false;
                if (!ok)
                    continue;
            }
            /* the place is the word itself or a compound/modifier of it */
            int32_t nm = dl__syn_child(c->doc, kids[k], "nmod");
            /* ... or the possessor of that modifier ("a bridge in
             * Armenia's south") */
            int32_t cand[5] = {kids[k], dl__syn_child(c->doc, kids[k], "compound"), nm,
                               dl__syn_child(c->doc, kids[k], "amod"),
                               nm >= 0 ? dl__syn_child(c->doc, nm, "nmod:poss") : -1};
            for (int q = 0; q < 5; q++) {
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

/* Whether actor k names a country we can lend: a country code of its
 * own, not an IGO, not a pronoun. */
static bool lends_country(const dl_actor *k)
{
    return k->country && strlen(k->country) == 3 && strcmp(k->country, "IGO") != 0 &&
           k->kind != DL_ACTOR_PRONOUN && k->code && strncmp(k->code, "---", 3) != 0;
}

/* The article's dominant country and the next one: the countries its
 * actor and place mentions name most often (ties: the first named as an
 * actor). At most 64
 * distinct countries are counted, so the pass is linear. */
void dl__ev_dominant(const dl_doc *doc, const char **dom, const char **dom2, uint32_t *n1,
                     uint32_t *n2)
{
    const char *cc[64];
    uint32_t n[64], first[64];
    size_t k = 0;
    const dl_actor *act = doc->actors.items;
    for (size_t a = 0; a < doc->actors.n; a++) {
        /* a news outlet's country is not the story's ("Al Jazeera") */
        if (!lends_country(&act[a]) ||
            (strlen(act[a].code) >= 6 && strncmp(act[a].code + 3, "MED", 3) == 0))
            continue;
        size_t j = 0;
        while (j < k && strcmp(cc[j], act[a].country) != 0)
            j++;
        if (j == k) {
            if (k == DL_ARRAY_LEN(cc))
                continue;
            cc[k] = act[a].country;
            n[k] = 0;
            first[k++] = (uint32_t)a;
        }
        n[j]++;
    }
    /* places count too: an article about Tehran is about Iran, though
     * the actor stage reads "in Tehran" as a location, not an actor */
    const dl_place *pl = doc->places.items;
    for (size_t a = 0; a < doc->places.n; a++) {
        const char *pc = pl[a].country;
        if (pc == NULL || strlen(pc) != 3)
            continue;
        size_t j = 0;
        while (j < k && strcmp(cc[j], pc) != 0)
            j++;
        if (j == k) {
            if (k == DL_ARRAY_LEN(cc))
                continue;
            cc[k] = pc;
            n[k] = 0;
            first[k++] = (uint32_t)doc->actors.n + (uint32_t)a;
        }
        n[j]++;
    }
    int b1 = -1, b2 = -1;
    for (size_t j = 0; j < k; j++) {
        if (b1 < 0 || n[j] > n[b1] || (n[j] == n[b1] && first[j] < first[b1])) {
            b2 = b1;
            b1 = (int)j;
        } else if (b2 < 0 || n[j] > n[b2] || (n[j] == n[b2] && first[j] < first[b2])) {
            b2 = (int)j;
        }
    }
    *dom = b1 >= 0 ? cc[b1] : NULL;
    *dom2 = b2 >= 0 ? cc[b2] : NULL;
    *n1 = b1 >= 0 ? n[b1] : 0;
    *n2 = b2 >= 0 ? n[b2] : 0;
}

/* An agent without a country ("the army", "rebels", "the ministry")
 * takes the article's dominant country (dl__ev_dominant): news is about
 * one country first, and its "ministry", "army" and "protesters" are
 * that country's. (The latest country named before the agent was tried
 * first and was worse on every dev set: a background "fled to India" or
 * "the North" lent its country to a Bangladeshi or South Korean agent;
 * docs/events.md.) Marked by a lower confidence; an article that names
 * no country leaves the bare code. */
bool dl__ev_article_country(const sent_ctx *c, int32_t a, side *sd)
{
    if (strncmp(sd->code, "---", 3) != 0 || a < 0)
        return false;
    const char *cc = c->dom;
    if (cc == NULL)
        return false;
    sd->code = dl__arena_printf(&c->doc->arena, "%s%s", cc, sd->code + 3);
    sd->country = cc;
    sd->confidence = 0.4f;
    return true;
}

/* Whether an actor code's first sector is one of a country's own
 * society rather than its state or armed groups (OPP, LEG, JUD, PTY,
 * CVL, LAB, EDU, REL, BUS, MED): their acts are aimed at home. */
bool dl__ev_domestic_sector(const char *code)
{
    static const char *const HOME[] = {"OPP", "LEG", "JUD", "PTY", "CVL", "LAB",
                                       "EDU", "REL", "BUS", "MED", NULL};
    if (code == NULL || strlen(code) < 6)
        return false;
    for (const char *const *h = HOME; *h; h++)
        if (strncmp(code + 3, *h, 3) == 0)
            return true;
    return false;
}

/* A dyadic act with no target in its sentence ("Trump also threatened
 * visa restrictions", "the regime rejected the proposal") is aimed at the
 * other party of the article: its dominant country, or the next one when
 * the source is the dominant country. Low confidence; false when the
 * article names no other country. */
bool dl__ev_article_target(const sent_ctx *c, const side *src, side *out,
                           const char *code)
{
    /* an international organization acts on the country the article
     * is about ("the assembly passed a resolution demanding a ceasefire") */
    if (src->country == NULL && src->code && strncmp(src->code, "IGO", 3) == 0) {
        if (c->dom == NULL)
            return false;
        *out = (side){.actor = -1, .code = c->dom, .country = c->dom, .start = src->start,
                      .end = src->start, .confidence = 0.3f};
        return true;
    }
    if (src->country == NULL)
        return false;
    /* the opposition, lawmakers, courts, parties and civilians act on
     * their own government ("opposition leaders denounced the martial
     * law declaration"), and a leader who resigns yields to his own
     * country (083x): the implicit party is at home */
    if (dl__ev_domestic_sector(src->code) || strncmp(code, "083", 3) == 0) {
        const char *gov = dl__arena_printf(&c->doc->arena, "%sGOV", src->country);
        if (strcmp(gov, src->code) == 0)
            gov = src->country;
        *out = (side){.actor = -1, .code = gov, .country = src->country,
                      .sector = strlen(gov) > 3 ? "GOV" : NULL, .start = src->start,
                      .end = src->start, .confidence = 0.3f};
        return true;
    }
    if (c->dom == NULL)
        return false;
    const char *cc = strcmp(src->country, c->dom) == 0 ? c->dom2 : c->dom;
    /* an article about one country (others named less than a third as
     * often): its acts are at home ("the government declared a state of
     * emergency", with a neighbour named in passing) */
    if (strcmp(src->country, c->dom) == 0 && (cc == NULL || c->dom_n >= 3 * c->dom2_n))
        cc = c->dom;
    else if (cc == NULL || strcmp(cc, src->country) == 0)
        return false;
    *out = (side){.actor = -1, .code = cc, .country = cc, .start = src->start,
                  .end = src->start, .confidence = 0.3f};
    return true;
}

/* The quotation (direct or reported) the trigger is in, with a usable
 * speaker, or NULL. */
static const dl_quote *quote_with_speaker(const sent_ctx *c, const match *m)
{
    uint32_t ts = c->tok[m->tstart].start, te = c->tok[m->tend - 1].end;
    const dl_quote *q = c->doc->quotes.items;
    for (size_t i = 0; i < c->doc->quotes.n; i++)
        if (q[i].start <= ts && te <= q[i].end)
            return q[i].has_speaker && q[i].speaker >= 0 &&
                           dl__ev_usable(&c->act[q[i].speaker])
                       ? &q[i]
                       : NULL;
    return NULL;
}

/* The trigger's subject token: the tree's, else the word before it. */
static uint32_t subject_token(const sent_ctx *c, const match *m, int32_t *word)
{
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    int32_t sb = v >= 0 ? dl__syn_subject(c->doc, v) : -1;
    /* a noun trigger: the subject of the verb it is the object or
     * oblique of ("the two sides rushed into negotiations") */
    if (sb < 0 && v >= 0 && (dl__syn_rel_is(c->doc, v, "obj") || dl__syn_rel_is(c->doc, v, "obl")) &&
        dl__syn_tok_is_noun(c->doc, m->head))
        sb = dl__syn_subject(c->doc, dl__syn_head(c->doc, v));
    sb = dl__ev_issuer(c, sb);
    *word = sb;
    return sb >= 0 ? dl__words(c->doc)[sb].token
                   : (m->tstart > c->first ? m->tstart - 1 : m->tstart);
}

/* A pronoun subject that names the speaker of the words it is in: "we"
 * and "I" inside a quotation ("'We call on Russia to reconsider,' the
 * NATO spokesperson said"), and also "it" and "they" in reported speech
 * ("China's coast guard said it fired water cannon at Philippine
 * ships"): the speaker actor, or -1. A pronoun the actor stage resolved
 * is left to it. */
int32_t dl__ev_first_person_speaker(const sent_ctx *c, const match *m)
{
    static const char *const FIRST[] = {"we", "i", "us", NULL};
    static const char *const THIRD[] = {"it", "they", NULL};
    const dl_quote *q = quote_with_speaker(c, m);
    if (q == NULL)
        return -1;
    int32_t w;
    uint32_t tok = subject_token(c, m, &w);
    if (tok < c->first || tok >= c->end || dl__ev_actor_at(c, tok) >= 0)
        return -1;
    for (const char *const *p = FIRST; *p; p++)
        if (dl__ev_tok_word(c, tok, *p, true))
            return q->speaker;
    if (q->kind == DL_QUOTE_INDIRECT && w >= 0)
        for (const char *const *p = THIRD; *p; p++)
            if (dl__ev_tok_word(c, tok, *p, true))
                return q->speaker;
    return -1;
}

/* An agent named with a possessive pronoun in reported speech is the
 * speaker's ("Russia said its forces had repelled a drone attack"): the
 * speaker's country when actor a is such an agent, else NULL. */
const char *dl__ev_speaker_country(const sent_ctx *c, const match *m, int32_t a)
{
    static const char *const POSS[] = {"its", "their", "our", NULL};
    if (a < 0 || strncmp(c->act[a].code, "---", 3) != 0)
        return NULL;
    const dl_quote *q = quote_with_speaker(c, m);
    if (q == NULL || !lends_country(&c->act[q->speaker]))
        return NULL;
    for (uint32_t k = c->afirst[a]; k <= c->alast[a] && k < c->end; k++) {
        int32_t w = dl__syn_word_of_token(c->doc, k);
        int32_t poss = w >= 0 ? dl__syn_child(c->doc, w, "nmod:poss") : -1;
        if (poss < 0)
            continue;
        for (const char *const *p = POSS; *p; p++)
            if (dl__syn_word_is(c->doc, poss, *p))
                return c->act[q->speaker].country;
    }
    return NULL;
}

/* A definite description of an organization as the subject ("the
 * assembly passed a resolution", "the bloc agreed", "the movement said"):
 * the latest organization named before it in its sentence or the five
 * before (an IGO, a party, an armed group; news agencies excluded), or
 * -1. The nouns are the class &org_anaphor of classes.txt. */
int32_t dl__ev_anaphor_source(const sent_ctx *c, const match *m)
{
    int32_t w;
    uint32_t tok = subject_token(c, m, &w);
    if (w < 0 || dl__ev_actor_at(c, tok) >= 0 || !dl__ev_word_in_class(c, w, "org_anaphor"))
        return -1;
    int32_t det = dl__syn_child(c->doc, w, "det");
    if (!dl__syn_word_is(c->doc, det, "the"))
        return -1;
    const dl_actor *act = c->act;
    /* first one whose name has the noun ("the assembly": the General
     * Assembly, though the UN's refugee agency was named since), then
     * the latest */
    const dl_word *wd = &dl__words(c->doc)[w];
    size_t wn = wd->end - wd->start;
    int32_t latest = -1;
    for (size_t k = c->doc->actors.n; k-- > 0;) {
        if (act[k].tok_first >= tok)
            continue;
        if (act[k].sentence + 5 < c->s)
            break;
        if (act[k].kind == DL_ACTOR_ORGANIZATION && dl__ev_usable(&act[k]) &&
            !(strlen(act[k].code) >= 6 && strncmp(act[k].code + 3, "MED", 3) == 0)) {
            if (latest < 0)
                latest = (int32_t)k;
            for (uint32_t p = act[k].start; p + wn <= act[k].end; p++)
                if (strncasecmp(c->doc->text + p, c->doc->text + wd->start, wn) == 0)
                    return (int32_t)k;
        }
    }
    return latest;
}

/* "The two sides", "both leaders", "the two countries" as the subject:
 * the article's two main parties (dl__ev_dominant), true when the
 * subject is such a phrase and the article names two countries. */
bool dl__ev_pair_subject(const sent_ctx *c, const match *m)
{
    int32_t w;
    uint32_t tok = subject_token(c, m, &w);
    if (w < 0 || c->dom2 == NULL || dl__ev_actor_at(c, tok) >= 0 ||
        !dl__ev_word_in_class(c, w, "pair_noun"))
        return false;
    int32_t num = dl__syn_child(c->doc, w, "nummod");
    int32_t det = dl__syn_child(c->doc, w, "det");
    return dl__syn_word_is(c->doc, num, "two") || dl__syn_word_is(c->doc, det, "both");
}

/* Whether the trigger is inside reported words and actor a is outside
 * them and not their speaker. */
bool dl__ev_outside_quote(const sent_ctx *c, const match *m, int32_t a)
{
    uint32_t ts = c->tok[m->tstart].start, te = c->tok[m->tend - 1].end;
    const dl_quote *q = c->doc->quotes.items;
    for (size_t i = 0; i < c->doc->quotes.n; i++)
        if (q[i].start <= ts && te <= q[i].end) {
            if (q[i].has_speaker && q[i].speaker == a)
                return false;
            return c->act[a].end <= q[i].start || c->act[a].start >= q[i].end;
        }
    return false;
}

/* Whether a code is of violence: assault (18), fight (19), mass
 * violence (20). */
static bool violent(const char *code)
{
    return (code[0] == '1' && (code[1] == '8' || code[1] == '9')) ||
           (code[0] == '2' && code[1] == '0');
}

/* The country of the one an attack without a named attacker is aimed
 * at: the target actor, or a place the trigger names; NULL when none. */
static const char *patient_country(const sent_ctx *c, const match *m, const char *code,
                                   int32_t tgt, side *place)
{
    if (tgt >= 0)
        return lends_country(&c->act[tgt]) ? c->act[tgt].country : NULL;
    if (dl__ev_place_target(c, m, code, place))
        return place->country;
    return NULL;
}

/* An attack (or a release, 084) the sentence reports without its
 * agent: a passive with
 * no agent ("one of Russia's refineries had been struck"), or an attack
 * noun with none ("a drone attack on a refinery in Kstovo"). In an article about two countries, the
 * attacker is the other party of the one attacked: *src is that
 * country; *tgt the one attacked when no target actor was found (nt_out
 * 1). Low confidence. False when the act is no violence, the article
 * names fewer than two countries, or the one attacked is neither. */
bool dl__ev_agentless_attack(const sent_ctx *c, const match *m, const char *code, bool noun,
                             int32_t tgt, side *src, side *tg, int *nt_out)
{
    *nt_out = 0;
    /* two parties, the second not named in passing; violence, or the
     * release or return of people and property (084: "248 Russian
     * soldiers were repatriated": by the side that held them) */
    if (!(violent(code) || strncmp(code, "084", 3) == 0) || c->dom == NULL || c->dom2 == NULL ||
        c->dom_n >= 3 * c->dom2_n)
        return false;
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    if (v < 0 || (!noun && !dl__syn_passive(c->doc, v)))
        return false;
    side place;
    const char *pc = patient_country(c, m, code, tgt, &place);
    if (pc == NULL)
        return false;
    const char *o = strcmp(pc, c->dom) == 0 ? c->dom2 : strcmp(pc, c->dom2) == 0 ? c->dom : NULL;
    if (o == NULL)
        return false;
    uint32_t at = c->tok[m->tstart].start;
    *src = (side){.actor = -1, .code = o, .country = o, .start = at, .end = at,
                  .confidence = 0.3f};
    if (tgt < 0) {
        *tg = (side){.actor = -1, .code = pc, .country = pc, .start = at, .end = at,
                     .confidence = 0.3f};
        *nt_out = 1;
    }
    return true;
}

/* An event noun reported as having happened: the subject of a verb of
 * occurrence, or with one as its relative clause ("The attack, which
 * occurred on Tuesday near Pahalgam", "The conflict in Sudan broke out",
 * "the demonstrations started"; class &occur). Such a sentence names no
 * side: the event is the country's own, where it happened (a place of
 * the noun or of the verb) or, in an article about one country, that
 * country. Returns the country or NULL. */
const char *dl__ev_occurrence_country(const sent_ctx *c, const match *m, const char *code)
{
    int32_t v = dl__syn_word_of_token(c->doc, m->head);
    if (v < 0 || !dl__syn_tok_is_noun(c->doc, m->head))
        return NULL;
    int32_t occ = -1, h = dl__syn_head(c->doc, v);
    bool harm = false;
    if (h >= 0 && dl__syn_rel_is(c->doc, v, "nsubj") && dl__ev_word_in_class(c, h, "occur"))
        occ = h;
    /* "the explosion killed two youths": harm done reports it too */
    if (occ < 0 && h >= 0 && dl__syn_rel_is(c->doc, v, "nsubj") && violent(code) &&
        dl__ev_word_in_class(c, h, "harm")) {
        occ = h;
        harm = true;
    }
    if (occ < 0) {
        int32_t kids[4];
        size_t n = dl__syn_children(c->doc, v, "acl", kids, 4);
        for (size_t k = 0; k < n && k < 4 && occ < 0; k++)
            if (dl__ev_word_in_class(c, kids[k], "occur"))
                occ = kids[k];
    }
    if (occ < 0)
        return NULL;
    side pl;
    if (place_of_word(c, v, code, &pl) || place_of_word(c, occ, code, &pl))
        return pl.country;
    /* the victims' country ("killed two Iraqi youths") */
    int32_t o = harm ? dl__ev_actor_of_word(c, dl__syn_child(c->doc, occ, "obj"), 0) : -1;
    if (o >= 0 && lends_country(&c->act[o]))
        return c->act[o].country;
    if (c->dom && (c->dom2 == NULL || c->dom_n >= 3 * c->dom2_n))
        return c->dom;
    return NULL;
}

/* An armed agent without a country of its own (its country lent by the
 * article) that attacks in words reported by an official of one side
 * ("'The industrial zone was attacked by drones,' the governor said"):
 * the attack is on the speaker's country, by the article's other party.
 * Sets *sg's country to the other party and *tg to the speaker's; false
 * when the act is no violence, the trigger is not in reported words with
 * a speaker of a country, or the article has no second party. */
bool dl__ev_reported_attack(const sent_ctx *c, const match *m, const char *code, side *sg,
                            side *tg)
{
    if (!violent(code) || c->dom2 == NULL || c->dom_n >= 3 * c->dom2_n ||
        sg->confidence <= 0 || sg->confidence > 0.45f || strlen(sg->code) < 6)
        return false;
    const char *sec = sg->code + 3;
    if (!(strncmp(sec, "MIL", 3) == 0 || strncmp(sec, "UAF", 3) == 0 ||
          strncmp(sec, "REB", 3) == 0 || strncmp(sec, "SPY", 3) == 0))
        return false;
    const dl_quote *q = quote_with_speaker(c, m);
    if (q == NULL || !lends_country(&c->act[q->speaker]))
        return false;
    const char *sc = c->act[q->speaker].country;
    const char *o = strcmp(sc, c->dom) == 0 ? c->dom2 : strcmp(sc, c->dom2) == 0 ? c->dom : NULL;
    if (o == NULL)
        return false;
    sg->code = dl__arena_printf(&c->doc->arena, "%s%s", o, sec);
    sg->country = o;
    *tg = (side){.actor = -1, .code = sc, .country = sc, .start = sg->start, .end = sg->start,
                 .confidence = 0.3f};
    return true;
}

/* An attack named as what another act answers: "(in) retaliation for",
 * "in response to", "revenge for", "reprisal for", "to avenge" before
 * the noun trigger's phrase ("Israel launched airstrikes ... in
 * retaliation for a ballistic missile assault"). The answered attack was
 * made on the one who answers (the subject of the sentence's earlier
 * act, `answerer`) by the article's other party. Fills *src with that
 * party and returns true; false when there is no such phrase, no earlier
 * subject with a country, or no other party. */
bool dl__ev_answered_attack(const sent_ctx *c, const match *m, const char *code,
                            int32_t answerer, side *src)
{
    if (!violent(code) || answerer < 0 || c->dom2 == NULL ||
        !lends_country(&c->act[answerer]))
        return false;
    /* back over the noun phrase: determiners, numbers, adjectives, nouns */
    uint32_t k = m->tstart;
    for (int n = 0; k > c->first && n < 6; n++) {
        const char *u = c->tok[k - 1].upos;
        if (u == NULL || !(strcmp(u, "DET") == 0 || strcmp(u, "ADJ") == 0 ||
                           strcmp(u, "NOUN") == 0 || strcmp(u, "PROPN") == 0 ||
                           strcmp(u, "NUM") == 0))
            break;
        k--;
    }
    if (k < c->first + 2)
        return false;
    bool answered = false;
    if (dl__ev_tok_word(c, k - 1, "for", true) || dl__ev_tok_word(c, k - 1, "to", true)) {
        int32_t w = dl__syn_word_of_token(c->doc, k - 2);
        answered = dl__ev_word_in_class(c, w, "answer_noun");
    } else if (dl__ev_tok_word(c, k - 1, "avenge", false)) {
        answered = true;
    }
    if (!answered)
        return false;
    const char *ac = c->act[answerer].country;
    const char *o = strcmp(ac, c->dom) == 0 ? c->dom2 : strcmp(ac, c->dom2) == 0 ? c->dom : NULL;
    if (o == NULL)
        return false;
    uint32_t at = c->tok[m->tstart].start;
    *src = (side){.actor = -1, .code = o, .country = o, .start = at, .end = at,
                  .confidence = 0.3f};
    return true;
}
