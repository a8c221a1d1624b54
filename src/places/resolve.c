/*
 * resolve.c — choosing one gazetteer entry per candidate name. The prior
 * is the entry's population and kind (a capital, a country); the context
 * pulls toward the countries the document is about (its country actors
 * and the places already resolved), toward the state or country a name
 * is qualified by ("Alexandria, La."), toward first-level divisions other
 * names fall in and toward places near other places. A few rounds, each
 * scoring every candidate against the others' current choices; the
 * confidence is the chosen entry's share of 10^score over the candidates.
 */
#include "places/places.h"

#include <math.h>
#include <stdlib.h>

#define MAX_POST 64     /* entries considered per name */
#define MAX_TALLY 64    /* distinct countries / divisions tallied */
#define ROUNDS 3

typedef struct tally {
    const char *key[MAX_TALLY]; /* country code, or admin1 pool string */
    double w[MAX_TALLY];
    size_t n;
    double total;
} tally;

static void tally_add(tally *t, const char *k, double w)
{
    if (k == NULL || *k == '\0')
        return;
    t->total += w;
    for (size_t i = 0; i < t->n; i++)
        if (t->key[i] == k || strcmp(t->key[i], k) == 0) {
            t->w[i] += w;
            return;
        }
    if (t->n < MAX_TALLY) {
        t->key[t->n] = k;
        t->w[t->n++] = w;
    }
}

/* Share of key k in the tally, leaving out `self` (the weight the
 * candidate being scored put there itself under key `own`). */
static double tally_share(const tally *t, const char *k, const char *own,
                          double self)
{
    if (k == NULL || *k == '\0')
        return 0;
    bool mine = own && strcmp(own, k) == 0;
    double total = t->total - self;
    if (total <= 1e-9)
        return 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->key[i] == k || strcmp(t->key[i], k) == 0)
            return (t->w[i] - (mine ? self : 0)) / total;
    return 0;
}

static const dl__gaz_entry *entry_of(const dl__gaz *g, const dl__pcand *c,
                                     uint32_t i)
{
    return &g->entries[c->post[i] & DL__GAZ_POST_IDX];
}

/* Prior of an entry as the meaning of a name, in log10 units. */
static double prior(const dl__gaz *g, const dl__pcand *c, uint32_t i)
{
    const dl__gaz_entry *e = entry_of(g, c, i);
    double p = log10((double)e->population + 1.0);
    switch (e->kind) {
    case DL__GAZ_COUNTRY: p += 2.0; break;
    case DL__GAZ_ADMIN1: p += 0.5; break;
    case DL__GAZ_ADMIN2: p -= 0.3; break;
    default: break;
    }
    if (e->flags & DL__GAZ_CAPITAL)
        p += (c->flags & DL__PC_METONYM) ? 3.0 : 1.0; /* the actor stage read
                                                        it as the capital */
    else if (e->flags & DL__GAZ_SEAT)
        p += 0.3;
    if (c->post[i] & DL__GAZ_POST_ALT) {
        p -= 1.0;
        /* "Mexico" is the country, not Mexico City (alternately "Mexico") */
        for (uint32_t k = 0; k < c->npost && k < MAX_POST; k++) {
            const dl__gaz_entry *f = entry_of(g, c, k);
            if (f->kind == DL__GAZ_COUNTRY && !(c->post[k] & DL__GAZ_POST_ALT) &&
                f != e && strcmp(f->country, e->country) == 0) {
                p -= 3.0;
                break;
            }
        }
    }
    /* a division named after its own city ("Saint Petersburg") or after
     * the national capital ("Washington"): the city */
    if (e->kind == DL__GAZ_ADMIN1)
        for (uint32_t k = 0; k < c->npost && k < MAX_POST; k++) {
            const dl__gaz_entry *f = entry_of(g, c, k);
            if (f->kind == DL__GAZ_CITY && !(c->post[k] & DL__GAZ_POST_ALT) &&
                (f->admin1_code == e->admin1_code ||
                 ((f->flags & DL__GAZ_CAPITAL) && strcmp(f->country, e->country) == 0))) {
                p -= 2.0;
                break;
            }
        }
    return p;
}

/* Whether area q (an admin1 or a country) contains entry e. */
static bool contains(const dl__gaz_entry *q, const dl__gaz_entry *e)
{
    if (q == e)
        return false;
    if (q->kind == DL__GAZ_COUNTRY)
        return strcmp(q->country, e->country) == 0;
    if (q->kind == DL__GAZ_ADMIN1)
        return q->admin1_code != 0 && q->admin1_code == e->admin1_code;
    return false;
}

/* Short alternate names of divisions ("La.", "Ga.") only count right
 * after a place they qualify. */
static bool usable(const dl__gaz *g, const dl__pcand *c, uint32_t i)
{
    const dl__gaz_entry *e = entry_of(g, c, i);
    if ((c->post[i] & DL__GAZ_POST_ALT) && e->kind == DL__GAZ_ADMIN1 &&
        c->end - c->start <= 5 && !(c->flags & DL__PC_QUALIFIER))
        return false;
    return true;
}

/* Co-location: for each first-level division, how many distinct names
 * of the document could be in it, each name counting 1/(its entries).
 * Keys are admin1_code pool offsets. */
#define COLOC_SLOTS 4096
typedef struct coloc {
    uint32_t key[COLOC_SLOTS];
    float w[COLOC_SLOTS];
} coloc;

static float *coloc_slot(coloc *t, uint32_t key, bool add)
{
    uint32_t i = (key * 2654435761u) & (COLOC_SLOTS - 1);
    for (uint32_t probes = 0; probes < COLOC_SLOTS; probes++) {
        if (t->key[i] == key)
            return &t->w[i];
        if (t->key[i] == 0) {
            if (!add)
                return NULL;
            t->key[i] = key;
            return &t->w[i];
        }
        i = (i + 1) & (COLOC_SLOTS - 1);
    }
    return NULL;
}

#define MAX_NEAR 64 /* distinct chosen towns the nearness bonus looks at */

typedef struct ctx {
    const dl__gaz *g;
    dl__pcand *c;
    size_t nc;
    coloc *co;
    const dl__gaz_entry *near[MAX_NEAR]; /* chosen towns and counties */
    const uint32_t *near_name[MAX_NEAR]; /* the name that chose each */
    size_t nnear;
    tally countries; /* actors' countries plus resolved places' */
    tally admin1;    /* divisions of resolved places */
    bool by_sentence; /* c[] in sentence order (places_run sorts by start) */
} ctx;

/* The distinct towns and counties the names chose, for nearby(). */
static void collect_near(ctx *x)
{
    x->nnear = 0;
    for (size_t j = 0; j < x->nc && x->nnear < MAX_NEAR; j++) {
        const dl__pcand *o = &x->c[j];
        if (o->pick < 0 || (o->flags & DL__PC_METONYM))
            continue; /* "warned Moscow" is no place to be near */
        const dl__gaz_entry *f = entry_of(x->g, o, (uint32_t)o->pick);
        if (f->kind != DL__GAZ_CITY && f->kind != DL__GAZ_ADMIN2)
            continue;
        bool seen = false;
        for (size_t k = 0; k < x->nnear && !seen; k++)
            seen = x->near[k] == f;
        if (!seen) {
            x->near[x->nnear] = f;
            x->near_name[x->nnear++] = o->post;
        }
    }
}

/* Bonus for being near the other names' current choices. */
static double nearby(const ctx *x, size_t self, const dl__gaz_entry *e)
{
    if (e->kind != DL__GAZ_CITY && e->kind != DL__GAZ_ADMIN2)
        return 0;
    double best = 1e9;
    for (size_t k = 0; k < x->nnear; k++) {
        const dl__gaz_entry *f = x->near[k];
        /* 2 degrees of latitude is over 200 km: skip the trigonometry */
        if (x->near_name[k] == x->c[self].post || abs(f->lat_e5 - e->lat_e5) > 200000)
            continue;
        double d = dl__geo_km(e->lat_e5 / 1e5, e->lon_e5 / 1e5,
                              f->lat_e5 / 1e5, f->lon_e5 / 1e5);
        if (d < best)
            best = d;
    }
    return best < 50 ? 2.5 : best < 200 ? 1.2 : 0;
}

/* The weight name c gives division `a1` (its entries there over all). */
static float own_weight(const ctx *x, const dl__pcand *c, uint32_t a1)
{
    uint32_t n = c->npost < MAX_POST ? c->npost : MAX_POST, in = 0;
    for (uint32_t k = 0; k < n; k++)
        in += entry_of(x->g, c, k)->admin1_code == a1;
    return n ? (float)in / (float)n : 0.0f;
}

static bool first_of_name(const ctx *x, size_t ci)
{
    for (size_t j = 0; j < ci; j++)
        if (x->c[j].post == x->c[ci].post)
            return false;
    return true;
}

/* Whether each name is the first with its postings (same name): one
 * hash set of posting pointers instead of first_of_name's scan of all
 * earlier names, which was quadratic in a long document. NULL when out
 * of memory (then first_of_name). Caller frees. */
static bool *first_names(const ctx *x)
{
    size_t n = 16;
    while (n < 2 * x->nc + 2)
        n *= 2;
    const uint32_t **set = calloc(n, sizeof *set);
    bool *first = malloc(x->nc + 1);
    if (set == NULL || first == NULL) {
        free(set);
        free(first);
        return NULL;
    }
    for (size_t ci = 0; ci < x->nc; ci++) {
        const uint32_t *p = x->c[ci].post;
        size_t h = (size_t)(((uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 17) & (n - 1);
        while (set[h] != NULL && set[h] != p)
            h = (h + 1) & (n - 1);
        first[ci] = set[h] == NULL;
        set[h] = p;
    }
    free(set);
    return first;
}

static void build_coloc(ctx *x)
{
    memset(x->co, 0, sizeof *x->co);
    bool *first = first_names(x);
    for (size_t ci = 0; ci < x->nc; ci++) {
        const dl__pcand *c = &x->c[ci];
        /* a capital the actor stage read as its government ("warned
         * Moscow") names no place in the text: it locates nothing else */
        if (!(first ? first[ci] : first_of_name(x, ci)) || (c->flags & DL__PC_METONYM))
            continue;
        uint32_t n = c->npost < MAX_POST ? c->npost : MAX_POST;
        for (uint32_t k = 0; k < n; k++) {
            const dl__gaz_entry *e = entry_of(x->g, c, k);
            if (e->admin1_code == 0)
                continue;
            float *w = coloc_slot(x->co, e->admin1_code, true);
            if (w)
                *w += 1.0f / (float)n;
        }
    }
    free(first);
}

/* Support for entry e of name c from the other names that could lie in
 * the same division ("Paris" and "Henry County": both in Tennessee). */
static double colocated(const ctx *x, const dl__pcand *c, const dl__gaz_entry *e)
{
    if (e->admin1_code == 0 || e->kind == DL__GAZ_COUNTRY)
        return 0;
    float *w = coloc_slot(x->co, e->admin1_code, false);
    if (w == NULL)
        return 0;
    double v = *w - own_weight(x, c, e->admin1_code);
    return v > 1.5 ? 1.5 : v < 0 ? 0 : v;
}

/* +10 when the name's qualifier ("Alexandria, La.") can contain e. */
static double qualified(const ctx *x, const dl__pcand *c, const dl__gaz_entry *e)
{
    const dl__pcand *q = &x->c[c->qualifier];
    for (uint32_t k = 0; k < q->npost && k < MAX_POST; k++)
        if (contains(entry_of(x->g, q, k), e))
            return 10;
    return 0;
}

/* The entry a reader takes the name for with no context: the best prior
 * when it is a country, a capital or a city of 100,000 or more. */
static int32_t prominent(const ctx *x, const dl__pcand *c)
{
    int32_t best = -1;
    double bp = -1e9;
    for (uint32_t k = 0; k < c->npost && k < MAX_POST; k++) {
        if (!usable(x->g, c, k))
            continue;
        double p = prior(x->g, c, k);
        if (p > bp) {
            bp = p;
            best = (int32_t)k;
        }
    }
    if (best < 0)
        return -1;
    const dl__gaz_entry *e = entry_of(x->g, c, (uint32_t)best);
    bool famous = e->kind == DL__GAZ_COUNTRY || (e->flags & DL__GAZ_CAPITAL) ||
                  (e->kind == DL__GAZ_CITY && e->population >= 100000) ||
                  (e->kind == DL__GAZ_ADMIN1 && e->population >= 1000000);
    return famous ? best : -1;
}

/* Whether another name of the document, as now resolved, points to the
 * division of e: names it within two sentences (its state, a county in
 * it: "Moscow" near "Idaho") or is a place in it read the way it would be
 * read alone (a town with no famous namesake elsewhere, or the famous
 * place itself) — not merely another town that could also be in Idaho.
 * Strict (a country's name): never; only a qualifier ("Palestine, Texas")
 * moves a country's name to a town. */
static bool division_named(const ctx *x, size_t self, const dl__gaz_entry *e,
                           bool strict)
{
    if (e->admin1_code == 0 || strict)
        return false; /* strict: a match answers false, and so does none */
    /* every answer needs the other name within two sentences: with the
     * names in sentence order, look only there (the whole list for every
     * name was quadratic in a long document) */
    size_t lo = 0, hi = x->nc;
    uint32_t s0 = x->c[self].sentence;
    if (x->by_sentence) {
        uint32_t from = s0 > 2 ? s0 - 2 : 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (x->c[mid].sentence < from)
                lo = mid + 1;
            else
                hi = mid;
        }
        hi = x->nc;
    }
    for (size_t j = lo; j < hi && (!x->by_sentence || x->c[j].sentence <= s0 + 2); j++) {
        const dl__pcand *o = &x->c[j];
        if (j == self || o->pick < 0 || o->post == x->c[self].post)
            continue;
        const dl__gaz_entry *f = entry_of(x->g, o, (uint32_t)o->pick);
        if (f->admin1_code != e->admin1_code || f->kind == DL__GAZ_COUNTRY)
            continue;
        if (strict)
            return false;
        uint32_t s1 = o->sentence, s2 = x->c[self].sentence;
        bool near = (s1 > s2 ? s1 - s2 : s2 - s1) <= 2;
        /* a lone small town with nothing saying it is a place ("the
         * Baltic countries": Baltic, Ohio) is no evidence for anything */
        bool weak = f->population < 20000 && o->tok_first == o->tok_last &&
                    !(o->flags & (DL__PC_LOCATIVE | DL__PC_QUALIFIER)) && o->qualifier < 0;
        bool unambiguous = !weak && (o->prominent < 0 || o->prominent == o->pick);
        if (f->kind == DL__GAZ_ADMIN1 || f->kind == DL__GAZ_ADMIN2 ? near
                                                                    : unambiguous && near)
            return true;
    }
    return false;
}

static double score(const ctx *x, size_t ci, uint32_t i, int round)
{
    const dl__pcand *c = &x->c[ci];
    const dl__gaz_entry *e = entry_of(x->g, c, i);
    const dl__gaz_entry *cur = c->pick >= 0 ? entry_of(x->g, c, (uint32_t)c->pick) : NULL;
    double self = cur ? c->confidence : 0;
    double s = prior(x->g, c, i);
    s += 3.0 * tally_share(&x->countries, e->country, cur ? cur->country : NULL, self);
    /* a small namesake of a famous place (Moscow, Idaho; Warsaw, Ohio)
     * takes the region's pull only when the text points to its division;
     * a country's name (Poland; Poland, Ohio) only when it names it */
    int32_t top = c->prominent;
    if (top >= 0 && (uint32_t)top != i &&
        prior(x->g, c, i) < prior(x->g, c, (uint32_t)top) - 2.0 &&
        !division_named(x, ci, e,
                        entry_of(x->g, c, (uint32_t)top)->kind == DL__GAZ_COUNTRY))
        return s + (c->qualifier >= 0 ? qualified(x, c, e) : 0);
    if (round > 0 && e->kind != DL__GAZ_COUNTRY && e->admin1_code)
        s += 4.0 * tally_share(&x->admin1, dl__gaz_str(x->g, e->admin1_code),
                               cur && cur->admin1_code ? dl__gaz_str(x->g, cur->admin1_code) : NULL,
                               cur && cur->admin1_code ? self : 0);
    if (round > 0)
        s += nearby(x, ci, e);
    s += 2.0 * colocated(x, c, e);
    if (c->qualifier >= 0)
        s += qualified(x, c, e);
    return s;
}

static void choose(ctx *x, size_t ci, int round)
{
    dl__pcand *c = &x->c[ci];
    double best = -1e9, sum = 0;
    int32_t pick = -1;
    double sc[MAX_POST];
    uint32_t n = c->npost < MAX_POST ? c->npost : MAX_POST;
    for (uint32_t i = 0; i < n; i++) {
        sc[i] = usable(x->g, c, i) ? score(x, ci, i, round) : -1e9;
        if (sc[i] > best) {
            best = sc[i];
            pick = (int32_t)i;
        }
    }
    for (uint32_t i = 0; i < n; i++)
        if (sc[i] > -1e8)
            sum += pow(10.0, sc[i] - best);
    c->pick = best > -1e8 ? pick : -1;
    c->confidence = sum > 0 ? (float)(1.0 / sum) : 0.0f;
}

/* Qualifiers first: "Alexandria, La." fixes La. to Louisiana because
 * Louisiana contains an Alexandria. */
static void choose_qualifier(ctx *x, size_t hi)
{
    dl__pcand *h = &x->c[hi];
    dl__pcand *q = &x->c[h->qualifier];
    double best = -1e9;
    for (uint32_t k = 0; k < q->npost && k < MAX_POST; k++) {
        const dl__gaz_entry *qe = entry_of(x->g, q, k);
        if (qe->kind != DL__GAZ_ADMIN1 && qe->kind != DL__GAZ_COUNTRY)
            continue;
        for (uint32_t i = 0; i < h->npost && i < MAX_POST; i++)
            if (contains(qe, entry_of(x->g, h, i))) {
                double s = prior(x->g, q, k) + prior(x->g, h, i);
                if (s > best) {
                    best = s;
                    q->pick = (int32_t)k;
                    q->confidence = 0.95f;
                }
            }
    }
}

static void build_tallies(ctx *x, const char *const *countries, size_t n)
{
    memset(&x->countries, 0, sizeof x->countries);
    memset(&x->admin1, 0, sizeof x->admin1);
    for (size_t i = 0; i < n; i++)
        tally_add(&x->countries, countries[i], 1.0);
    for (size_t j = 0; j < x->nc; j++) {
        const dl__pcand *o = &x->c[j];
        if (o->pick < 0 || (o->flags & DL__PC_METONYM))
            continue; /* "warned Moscow" is no place to be near */
        const dl__gaz_entry *f = entry_of(x->g, o, (uint32_t)o->pick);
        tally_add(&x->countries, f->country, o->confidence);
        if (f->admin1_code)
            tally_add(&x->admin1, dl__gaz_str(x->g, f->admin1_code),
                      o->confidence);
    }
}

static const char *why_of(const ctx *x, size_t ci)
{
    const dl__pcand *c = &x->c[ci];
    if (c->pick < 0)
        return NULL;
    if (c->qualifier >= 0 && x->c[c->qualifier].pick >= 0)
        return "places: gazetteer, qualified by the following name";
    if (c->flags & DL__PC_QUALIFIER)
        return "places: gazetteer, qualifier of the preceding name";
    if (c->flags & DL__PC_BORDER)
        return "places: border mention";
    if (c->npost == 1)
        return "places: gazetteer, unambiguous";
    uint32_t best = 0;
    for (uint32_t i = 1; i < c->npost && i < MAX_POST; i++)
        if (usable(x->g, c, i) && prior(x->g, c, i) > prior(x->g, c, best))
            best = i;
    if ((int32_t)best == c->pick)
        return "places: gazetteer, most likely by population and kind";
    return "places: gazetteer, chosen by document context over population";
}

void dl__places_resolve(const dl__places_kb *pk, dl__pcand *c, size_t nc,
                        const char *const *countries, size_t n)
{
    static _Thread_local coloc co;
    ctx x = {.g = &pk->gaz, .c = c, .nc = nc, .co = &co, .by_sentence = true};
    for (size_t i = 1; i < nc && x.by_sentence; i++)
        x.by_sentence = c[i].sentence >= c[i - 1].sentence;
    build_coloc(&x);
    for (size_t i = 0; i < nc; i++)
        c[i].prominent = prominent(&x, &c[i]);
    for (size_t i = 0; i < nc; i++)
        if (c[i].qualifier >= 0)
            choose_qualifier(&x, i);
    for (int round = 0; round < ROUNDS; round++) {
        build_tallies(&x, countries, n);
        collect_near(&x);
        for (size_t i = 0; i < nc; i++) {
            bool fixed = (c[i].flags & DL__PC_QUALIFIER) && c[i].pick >= 0 &&
                         c[i].confidence >= 0.95f;
            if (!fixed)
                choose(&x, i, round);
        }
    }
    for (size_t i = 0; i < nc; i++)
        c[i].why = why_of(&x, i);
}
