/*
 * emit.c — turns a coded match into dl_event records: participants
 * (compound actors expanded, codes completed by a country), the event's
 * date from the time layer, its place, its quotation and clause, the
 * historical flag and the decision trail.
 */
#include "events/coder.h"

/* "Russia's (full-scale) invasion": the possessor of a noun trigger. */
int32_t dl__ev_possessor(const sent_ctx *c, uint32_t i)
{
    for (uint32_t k = i; k > c->first && k + 5 > i; k--) {
        if (c->tok[k - 1].flags & DL_TOK_POSS)
            return k >= 2 + c->first ? dl__ev_actor_at(c, k - 2) : -1;
        if (dl__ev_actor_at(c, k - 1) >= 0 || !(c->tok[k - 1].flags & DL_TOK_WORD))
            return -1;
    }
    return -1;
}


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
int dl__ev_expand(sent_ctx *c, int32_t a, side *out, int max)
{
    int32_t g[MAX_GROUP], cg[MAX_GROUP];
    int n = dl__ev_group_of(c, a, g), ncg = 0;
    uint32_t l = c->alast[g[n - 1]];
    if (l + 2 < c->end &&
        dl__ev_is_any(c, l + 1, (const char *const[]){"of", "from", "in", NULL})) {
        int32_t y = dl__ev_actor_at(c, l + 2);
        if (y >= 0 && dl__ev_usable(&c->act[y]) &&
            strncmp(c->act[y].code, "---", 3) != 0)
            ncg = dl__ev_group_of(c, y, cg);
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
            int32_t y = dl__ev_possessor(c, c->afirst[g[i]]);
            if (y >= 0 && dl__ev_usable(&c->act[y]) &&
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
           !dl__ev_is_any(c, lo - 1, dl__ev_subord) && !dl__ev_is_any(c, lo - 1, dl__ev_clause_stop))
        lo--;
    while (hi < c->end && hi - m->span_hi < REACH &&
           !dl__ev_is_any(c, hi, dl__ev_clause_stop) &&
           !(dl__ev_is_any(c, hi, dl__ev_subord) && !dl__ev_tok_word(c, hi, "that", true)) &&
           !dl__ev_is_any(c, hi, dl__ev_relative))
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

void dl__ev_emit(sent_ctx *c, const match *m, const char *code,
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

