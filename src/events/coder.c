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
 * appends doc->events and notes. docs/events.md has the rules; coder.h
 * lists the files the coder is split into.
 */
#include "events/coder.h"

/* Armed forces whose country came from the article, acting on that
 * same country ("the refinery was attacked by drones" in a story of
 * Russia and Ukraine), are the article's other party's. */
static void other_party(const sent_ctx *c, const char *code, side *sg, int ns, const side *tg,
                        const char **rule)
{
    /* only acts of force: an army chief meeting his own country's
     * parties is at home */
    if (!(code[0] == '1' && code[1] >= '5') && code[0] != '2')
        return;
    if (ns != 1 || sg[0].confidence <= 0 || !sg[0].country || !tg->country ||
        strcmp(sg[0].country, tg->country) != 0 || c->dom2 == NULL || strlen(sg[0].code) < 6 ||
        !(strncmp(sg[0].code + 3, "MIL", 3) == 0 || strncmp(sg[0].code + 3, "SPY", 3) == 0 ||
          strncmp(sg[0].code + 3, "UAF", 3) == 0))
        return;
    const char *o = strcmp(sg[0].country, c->dom) == 0 ? c->dom2 : c->dom;
    sg[0].code = dl__arena_printf(&c->doc->arena, "%s%s", o, sg[0].code + 3);
    sg[0].country = o;
    *rule = dl__arena_printf(&c->doc->arena, "%s +other-party", *rule);
}

/* A country, its government or its armed forces. */
static bool state_actor(const char *code)
{
    return code && (strlen(code) == 3 || strncmp(code + 3, "GOV", 3) == 0 ||
                    strncmp(code + 3, "MIL", 3) == 0);
}

/* Acts that have a target even when the sentence does not name it: all
 * but public statements (01), protests (14) and mobilization (15), which
 * news reports as one side's own act ("North Korea fired a missile",
 * "thousands protested"). */
static bool dyadic_root(const char *code)
{
    return !(code[0] == '0' && code[1] == '1') &&
           !(code[0] == '1' && (code[1] == '4' || code[1] == '5'));
}

/* Acts that several do together, each with the others: intents to
 * cooperate (03), meetings (04), cooperation (05, 06). */
static bool joint_root(const char *code)
{
    return code[0] == '0' && code[1] >= '3' && code[1] <= '6';
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
    const char *nonsense = dl__syn_has(c->doc) ? dl__ev_sense_discard(c, m, code) : NULL;
    if (nonsense) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end, "trigger '%s' (%s): %s",
                     t->lemma, p ? p->why : t->why, nonsense);
        return;
    }
        bool petr = p ? (p->flags & DL_PAT_EXACT) : (t->flags & DL_PAT_EXACT);
    bool has_src = dl__ev_sides(c, m, t->flags & DL_PAT_NOUN, petr, &src, &tgt, &rule);
    /* the words someone is reported to have said have their own
     * participants: a window source outside them that is not their
     * speaker ("sources confirmed to Reuters that the refinery had been
     * struck") is none */
    if (has_src && !petr && strstr(rule, "+tree-") == NULL && dl__ev_outside_quote(c, m, src))
        has_src = false, src = -1;
    int32_t sp = petr ? -1 : dl__ev_first_person_speaker(c, m);
    if (sp >= 0 && m->tgt_left) {
        /* the pronoun is the subject, which this pattern makes the
         * target ("it had detected Chinese warplanes") */
        if (tgt < 0 && sp != src) {
            tgt = sp;
            rule = dl__arena_printf(&c->doc->arena, "%s +speaker-of-pronoun", rule);
        }
        sp = -1;
    }
    if (sp >= 0 && (!has_src || strstr(rule, "+tree-subject") == NULL)) {
        src = sp;
        has_src = true;
        rule = dl__arena_printf(&c->doc->arena, "%s +speaker-of-pronoun", rule);
        if (tgt == src)
            tgt = -1;
    }
    if (!has_src && !petr && (src = dl__ev_anaphor_source(c, m)) >= 0) {
        has_src = true;
        rule = dl__arena_printf(&c->doc->arena, "%s +anaphor", rule);
        if (tgt == src)
            tgt = -1;
    }
    bool pair = !has_src && !petr && dl__ev_pair_subject(c, m);
    /* an attack reported without its attacker, in an article about two
     * countries: the other party of the one attacked */
    side imp_s, imp_t;
    int imp_nt = 0;
    /* an event noun that "occurred", "broke out", "started": the
     * country's own, where it happened */
    const char *occ = !has_src && !pair && !petr && dl__syn_has(c->doc)
                          ? dl__ev_occurrence_country(c, m, code)
                          : NULL;
    bool agentless = !has_src && !pair && !occ && !petr && dl__syn_has(c->doc) &&
                     dl__ev_agentless_attack(c, m, code, t->flags & DL_PAT_NOUN, tgt, &imp_s,
                                             &imp_t, &imp_nt);
    /* "in retaliation for an assault": the attack answered was made on
     * the one who answers, by the other party */
    bool answered = !petr && !pair && !occ && (t->flags & DL_PAT_NOUN) && dl__syn_has(c->doc) &&
                    dl__ev_answered_attack(c, m, code, c->last_subject, &imp_s);
    if (answered) {
        tgt = c->last_subject;
        imp_nt = 0;
        has_src = false;
        agentless = true;
    }
    if (occ) {
        /* the sides the codebook gives such an event at home: protesters
         * against their government, a government coercing its people,
         * unidentified armed forces attacking the country */
        uint32_t at = c->tok[m->tstart].start;
        const char *ss = code[0] == '1' && code[1] == '4'   ? "CVL"
                         : code[0] == '1' && code[1] == '7' ? "GOV"
                                                            : "UAF";
        const char *tsec = code[0] == '1' && code[1] == '4' ? "GOV" : "";
        imp_s = (side){.actor = -1, .code = dl__arena_printf(&c->doc->arena, "%s%s", occ, ss),
                       .country = occ, .sector = ss, .start = at, .end = at,
                       .confidence = 0.3f};
        imp_t = imp_s;
        imp_t.code = dl__arena_printf(&c->doc->arena, "%s%s", occ, tsec);
        imp_t.sector = tsec[0] ? tsec : NULL;
        imp_nt = 1;
        tgt = -1;
        agentless = true;
    }
    if (!has_src && !pair && !agentless) {
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "trigger '%s' (%s): no source actor", t->lemma,
                     p ? p->why : t->why);
        return;
    }
    /* the source's span in this sentence; a source named elsewhere (a
     * speaker, an earlier organization, the article's parties) is
     * represented by the word before the trigger */
    bool implied = pair || agentless;
    uint32_t sfirst = implied ? m->span_lo : c->afirst[src];
    uint32_t slast = implied ? m->span_lo : c->alast[src];
    if (sfirst < c->first || sfirst >= c->end || slast >= c->end) {
        sfirst = m->span_lo > c->first ? m->span_lo - 1 : m->span_lo;
        slast = sfirst;
    }
    c->last_subject = implied ? -1 : src;
    c->last_trigger_end = m->tend;
    /* "agreed to release", "vowed to wage war": the complement of a verb
     * already coded is part of that event, not an event of its own */
    uint32_t inf = m->tstart;
    if (inf > c->first + 1 && dl__ev_tok_word(c, inf - 1, "be", true))
        inf--;
    if (inf > c->first && dl__ev_tok_word(c, inf - 1, "to", true) &&
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
    uint32_t from = slast + 1;
    if (from > m->span_lo || m->src_right)
        from = c->first;
    uint32_t to = m->span_lo;
    modality mod = dl__ev_modality_of(c, from < to ? from : to, to, m, &cue);
    if (t->flags & DL_PAT_NOUN) {
        const char *cue2 = NULL;
        modality m2 = dl__ev_modality_of(c, m->span_lo > c->first ? m->span_lo - 1
                                                           : m->span_lo,
                                  m->span_lo, m, &cue2);
        if (m2 > mod) {
            mod = m2;
            cue = cue2;
        }
        for (uint32_t k = m->tend; k < c->end && mod < MOD_HYPO; k++)
            if (dl__ev_is_any(c, k, (const char *const[]){"would", "could", "might",
                                                   "may", NULL})) {
                mod = MOD_HYPO;
                cue = c->tok[k].norm;
            }
    }
    if (!m->src_right && mod < MOD_HYPO) {
        /* "There was no indication that X would ...", "if X attacks" */
        uint32_t k0 = sfirst > c->first + REACH ? sfirst - REACH : c->first;
        for (uint32_t k = k0; k < sfirst && k < c->end; k++) {
            const char *n = c->tok[k].norm;
            if (n == NULL)
                continue;
            if (dl__ev_is_any_scan(c, k, (const char *const[]){"if", "unless",
                                                        "whether", NULL}) ||
                (strcmp(n, "no") == 0 && k + 1 < c->end &&
                 dl__ev_is_any_scan(c, k + 1, (const char *const[]){
                                           "indication", "sign", "evidence",
                                           "intention", "plan", NULL}))) {
                mod = MOD_HYPO;
                cue = n;
            }
        }
    }
    const char *how = "";
    if (!petr && mod >= MOD_FUTURE && mod <= MOD_REFUSE) {
        const char *nc = dl__ev_recode(code, mod);
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
    /* a window target in another clause gives way to a place the
     * trigger itself names ("will go to Doha, and the CIA director will
     * be there"): the place's country */
    side pt;
    int32_t vw0 = dl__syn_word_of_token(c->doc, m->head);
    bool place_first = !petr && tgt >= 0 && vw0 >= 0 && strstr(rule, "+tree-target") == NULL &&
                       !dl__ev_actor_under(c, tgt, vw0) && dl__ev_place_target(c, m, code, &pt);
    if (place_first)
        tgt = -1;
    side sg[MAX_GROUP], tg[MAX_GROUP];
    int ns;
    if (pair) {
        sg[0] = (side){.actor = -1, .code = c->dom, .country = c->dom,
                       .start = c->tok[m->tstart].start, .end = c->tok[m->tstart].start,
                       .confidence = 0.4f};
        sg[1] = sg[0];
        sg[1].code = sg[1].country = c->dom2;
        ns = 2;
        rule = dl__arena_printf(&c->doc->arena, "%s +the-two-sides", rule);
    } else if (agentless) {
        sg[0] = imp_s;
        ns = 1;
        rule = dl__arena_printf(&c->doc->arena, "%s %s", rule,
                                occ        ? "+occurrence"
                                : answered ? "+answered-attack"
                                           : "+agentless-other-party");
    } else {
        ns = dl__ev_expand(c, src, sg, MAX_GROUP);
    }
    int nt = tgt >= 0 ? dl__ev_expand(c, tgt, tg, MAX_GROUP) : 0;
    if (agentless && nt == 0 && imp_nt == 1) {
        tg[0] = imp_t;
        nt = 1;
    }
    const char *spc = petr || implied ? NULL : dl__ev_speaker_country(c, m, src);
    if (spc && ns == 1) {
        sg[0].code = dl__arena_printf(&c->doc->arena, "%s%s", spc, sg[0].code + 3);
        sg[0].country = spc;
        rule = dl__arena_printf(&c->doc->arena, "%s +speaker-country", rule);
    }
    if (!petr && !implied)
        for (int i = 0; i < ns; i++)
            if (dl__ev_article_country(c, src, &sg[i]))
                rule = dl__arena_printf(&c->doc->arena, "%s +article-country", rule);
    if (!petr)
        for (int i = 0; i < nt; i++) {
            side keep = tg[i];
            if (!dl__ev_article_country(c, tgt, &tg[i]))
                continue;
            /* the source itself: in an article about two countries, the
             * other one's ("Russian forces repelled a drone attack"), else
             * keep the bare agent */
            for (int j = 0; j < ns; j++)
                if (strcmp(sg[j].code, tg[i].code) == 0) {
                    const char *o = c->dom2 == NULL            ? NULL
                                    : strcmp(tg[i].country, c->dom) == 0 ? c->dom2
                                                                         : c->dom;
                    if (o && strcmp(o, tg[i].country) != 0 && strlen(keep.code) >= 3) {
                        tg[i].code = dl__arena_printf(&c->doc->arena, "%s%s", o, keep.code + 3);
                        tg[i].country = o;
                    } else {
                        tg[i] = keep;
                    }
                }
            /* a state acting on "civilians", "officials", "troops" of an
             * article about two countries: the other one's ("India closed
             * the crossing for civilian travel") */
            if (tg[i].confidence > 0 && c->dom2 && sg[0].country && tg[i].country &&
                strcmp(sg[0].country, tg[i].country) == 0 && state_actor(sg[0].code) &&
                strlen(tg[i].code) >= 6 &&
                (strncmp(tg[i].code + 3, "GOV", 3) == 0 || strncmp(tg[i].code + 3, "MIL", 3) == 0 ||
                 strncmp(tg[i].code + 3, "CVL", 3) == 0)) {
                const char *o = strcmp(sg[0].country, c->dom) == 0 ? c->dom2 : c->dom;
                tg[i].code = dl__arena_printf(&c->doc->arena, "%s%s", o, tg[i].code + 3);
                tg[i].country = o;
            }
            if (tg[i].confidence > 0)
                rule = dl__arena_printf(&c->doc->arena, "%s +article-country-target", rule);
        }
    if (nt == 0 && !petr && dl__syn_has(c->doc) && dl__ev_place_target(c, m, code, &tg[0])) {
        other_party(c, code, sg, ns, &tg[0], &rule);
        if (!(sg[0].country && strcmp(sg[0].country, tg[0].country) == 0)) {
            nt = 1;
            rule = dl__arena_printf(&c->doc->arena, "%s +place-target", rule);
        }
    } else if (!petr && nt >= 1 && !occ) {
        other_party(c, code, sg, ns, &tg[0], &rule);
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
        /* the most specific pattern of the trigger that matches here
         * without a target ("fired at least one missile": not "fire at
         * +" but "fire &weapon"), else the bare verb */
        const dl__pattern *bare = NULL;
        match m2 = {0};
        if (dl__ev_try_trigger(c, t, m->head, &m2, true) &&
            !(m2.pat->flags & DL_PAT_NOEVENT) && m2.pat != p)
            bare = m2.pat;
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
        /* a fallback of another root is another sense of the verb, the
         * intransitive one ("strike" the labour action); an object in the
         * tree shows the transitive sense ("drones to strike critical
         * infrastructure"): then nothing is coded */
        int32_t vw = dl__syn_word_of_token(c->doc, m->head);
        if (memcmp(bare->code, p->code, 2) != 0 && vw >= 0 &&
            dl__syn_child(c->doc, vw, "obj") >= 0) {
            dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                         "no target for '%s' (%s), and its object rules out %s (%s)",
                         t->lemma, p->why, bare->code, bare->why);
            return;
        }
        if (how[0] == '\0' || strcmp(code, p->code) == 0)
            code = bare->code;
        rules = dl__arena_printf(&c->doc->arena, "%s +bare %s", rules,
                                 bare->why);
    }
    if (nt == 0 && ns == 1 && !petr && !implied && dl__ev_reported_attack(c, m, code, &sg[0], &tg[0])) {
        nt = 1;
        rules = dl__arena_printf(&c->doc->arena, "%s +reported-attack", rules);
    }
    if (nt == 0 && ns == 1 && !petr && dyadic_root(code) &&
        dl__ev_article_target(c, &sg[0], &tg[0], code)) {
        nt = 1;
        rules = dl__arena_printf(&c->doc->arena, "%s +article-target", rules);
        /* armed forces lent the article's country, attacking it: the
         * other party's */
        if (!implied && (code[0] == '1' && (code[1] == '8' || code[1] == '9')))
            other_party(c, code, sg, ns, &tg[0], &rules);
    }
    if (nt == 0 && ns < 2 && petr) {
        /* PETRARCH codes dyads only (its require_dyad default) */
        dl__doc_note(c->doc, "events", ts, c->tok[m->tend - 1].end,
                     "no target for '%s' (%s): not coded", t->lemma,
                     p ? p->why : t->why);
        return;
    }
    if (nt == 0 && ns > 1 && strncmp(code, "045", 3) != 0 &&
        (petr || ns == 2 || (joint_root(code) && ns <= 4))) {
        /* a joint act of a compound subject: each with each other
         * ("Russia and China agreed", "Congolese and Burundian soldiers
         * withdrew"); mediation is between others; other acts of many
         * ("European leaders, including A, B, C and D, supported the
         * demand") are each one's, aimed at the article's other party */
        for (int i = 0; i < ns; i++)
            for (int j = 0; j < ns; j++)
                if (i != j)
                    dl__ev_emit(c, m, code, &sg[i], &sg[j], mod, rules);
        c->last_coded_end = m->tend;
        return;
    }
    for (int i = 0; i < ns; i++) {
        side at;
        if (nt == 0 && ns > 1 && !petr && dyadic_root(code) &&
            dl__ev_article_target(c, &sg[i], &at, code))
            dl__ev_emit(c, m, code, &sg[i], &at, mod,
                        dl__arena_printf(&c->doc->arena, "%s +article-target", rules));
        else if (nt == 0)
            dl__ev_emit(c, m, code, &sg[i], NULL, mod, rules);
        for (int j = 0; j < nt; j++) {
            dl__ev_emit(c, m, code, &sg[i], &tg[j], mod, rules);
            if (recip[0] && strcmp(recip, "---") != 0)
                dl__ev_emit(c, m, recip, &tg[j], &sg[i], mod, rules);
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

/* --------------------------------------------------------- sentences */

static void code_sentence(sent_ctx *c)
{
    const dl__events_kb *ek = c->ek;
    const dl__discard *d = dl__ev_discard_in(ek, c->tok, c->first, c->end, false);
    if (d) {
        const dl_sentence *s = &dl__sentences(c->doc)[c->s];
        dl__doc_note(c->doc, "events", s->start, s->end,
                     "sentence discarded (%s)", d->why);
        return;
    }
    for (uint32_t i = c->first; i < c->end; i++) {
        const dl_token *t = &c->tok[i];
        if (!(t->flags & DL_TOK_WORD) || dl__ev_actor_at(c, i) >= 0 ||
            dl__ev_is_any(c, i, dl__ev_modals))
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
                if (dl__ev_try_trigger(c, tr, i, &best, false)) {
                    bt = tr;
                    any = true;
                } else if (!any && tr->code[0] && !bt &&
                           dl__ev_pos_fits(c, i, tr->flags) &&
                           (!(tr->flags & DL_PAT_EXACT) || !t->norm ||
                            dl__ev_petr_form(t->norm, tr->lemma)) &&
                           dl__ev_glued_words(c, i, tr->pre, tr->npre, true, true) &&
                           dl__ev_glued_words(c, i, tr->post, tr->npost, false,
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

/* A dateline opening the article ("TOKYO (Jiji Press) -", "KYIV,
 * March 3 (Reuters) -", "WASHINGTON —") says where the story was
 * filed, not who acts: its mentions take no part in events. The dateline
 * is the capitalized words, a date or a parenthesis before the first
 * dash of the first sentence, within its first 12 tokens. */
static void drop_dateline(const dl_doc *doc, const dl_token *tok, size_t ntok, int32_t *map)
{
    if (doc->sentences.n == 0 || ntok == 0 || !(tok[0].flags & DL_TOK_WORD))
        return;
    const dl_sentence *s0 = dl__sentences(doc);
    uint32_t end = s0->tok_first + s0->tok_count;
    if (end > ntok)
        end = (uint32_t)ntok;
    /* the first word is all capitals ("TOKYO", "KYIV") */
    const char *w = doc->text + tok[0].start;
    uint32_t caps = 0, letters = 0;
    for (uint32_t b = tok[0].start; b < tok[0].end; b++, w++)
        if ((unsigned char)*w >= 'A' && (unsigned char)*w <= 'Z')
            caps++, letters++;
        else if ((unsigned char)*w >= 'a' && (unsigned char)*w <= 'z')
            letters++;
    if (letters < 3 || caps != letters)
        return;
    for (uint32_t k = 1; k < end && k < 12; k++) {
        const char *n = tok[k].norm;
        if (n && (strcmp(n, "-") == 0 || strcmp(n, "\u2014") == 0 || strcmp(n, "\u2013") == 0 ||
                  strcmp(n, "--") == 0)) {
            for (uint32_t j = 0; j < k; j++)
                map[j] = -1;
            return;
        }
    }
}

dl_code dl__events_code(const dl__events_kb *ek, dl_doc *doc, dl_error *err)
{
    size_t ntok = doc->tokens.n;
    const dl_token *tok = dl__tokens(doc);
    if (ntok == 0)
        return DL_OK;
    const dl__discard *sd = dl__ev_discard_in(ek, tok, 0, (uint32_t)ntok, true);
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
        if (!dl__ev_usable(&act[a]))
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
    drop_dateline(doc, tok, ntok, map);
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
    const char *dom = NULL, *dom2 = NULL;
    uint32_t dn = 0, dn2 = 0;
    dl__ev_dominant(doc, &dom, &dom2, &dn, &dn2);
    for (size_t i = 0; i < doc->sentences.n; i++) {
        sent_ctx c = {.ek = ek, .doc = doc, .tok = tok, .act = act,
                      .tok2act = map, .afirst = afirst, .alast = alast,
                      .nbit = nbit, .lbit = lbit, .cls = cls,
                      .s = (uint32_t)i,
                      .first = s[i].tok_first,
                      .end = s[i].tok_first + s[i].tok_count,
                      .last_subject = -1, .dom = dom, .dom2 = dom2, .dom_n = dn,
                      .dom2_n = dn2};
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

