/*
 * match.c — recognition of actor mentions over the token layer, one
 * sentence at a time: longest dictionary match (actors and agents in one
 * trie), then composition of adjacent pieces into one coded mention —
 * country + agents ("Russian forces" RUSMIL), possessives ("Belarus's
 * army"), titles before names known or unknown ("U.S. General Mark
 * Milley", "Belarusian leader Y"), prefix agents ("MSF Arnor"), agents of
 * or in a country ("the government of Gondor"), organizations absorbing
 * their agent words ("Wagner mercenary group"), metonyms that are not
 * places ("Moscow would use ..." but not "in Moscow"). Pronouns, surnames
 * and definite descriptions are resolved on the way (resolve.c) so that a
 * mention only looks back at mentions already made.
 */
#include "actors/actors.h"
#include "actors/resolve.h"
#include "text/text.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

enum { CH_ACTOR = 1, CH_AGENT = 2 };

typedef struct chunk {
    uint32_t first, last; /* tokens, inclusive */
    int type;
    int32_t entry;
} chunk;

typedef struct mctx {
    const dl__actor_dict *d;
    dl_doc *doc;
    const dl_token *tok;
    const int32_t *wid;   /* word id per token */
    long day;
    uint32_t s0, s1;      /* tokens of the sentence [s0, s1) */
    uint32_t sentence;
    chunk *ch;
    uint32_t nch;
    uint8_t *used;        /* tokens covered by an emitted mention */
    uint32_t first_mention; /* first mention of this sentence */
    uint32_t *place_tok;  /* capitals used as places in this sentence */
    const char **place_cc;
    uint32_t nplace;
    int32_t roots[256];   /* first mentions of named persons so far */
    uint32_t nroots;
    size_t scanned;       /* mentions looked at for roots */
    /* the roots by the last word of their name, lower-case: the first
     * root of each surname (open addressing; slot holds root index + 1) */
    int32_t surname[512];
    /* main_country's tally of the mentions of earlier sentences, brought
     * up to first_mention as the sentences go (not recounted per person) */
    const char *tally_code[64];
    int tally_count[64], tally_n;
    size_t tally_upto;
} mctx;

/* ------------------------------------------------------------ helpers */

static int tok_is(const mctx *m, uint32_t i, const char *w)
{
    return i < m->s1 && m->tok[i].norm && strcmp(m->tok[i].norm, w) == 0;
}

static int tok_in(const mctx *m, uint32_t i, const char *const *list)
{
    if (i >= m->s1 || i < m->s0 || m->tok[i].norm == NULL)
        return 0;
    for (size_t k = 0; list[k]; k++)
        if (strcmp(m->tok[i].norm, list[k]) == 0)
            return 1;
    return 0;
}

static int is_poss(const mctx *m, uint32_t i)
{
    return i < m->s1 && (m->tok[i].flags & DL_TOK_POSS);
}

static int has_capital(const mctx *m, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i <= b; i++) {
        if (m->tok[i].flags & (DL_TOK_CAP | DL_TOK_UPPER))
            return 1;
        for (uint32_t k = m->tok[i].start; k < m->tok[i].end; k++)
            if (m->doc->text[k] >= 'A' && m->doc->text[k] <= 'Z')
                return 1;
    }
    return 0;
}

/* One-word entries that are also common words match only in capitals
 * ("US" but not "us"; "IT"). */
static const char *const short_common[] = {
    "us", "it", "un", "am", "is", "in", "on", "at", "as", "no", "so", "to",
    "he", "we", "me", "my", "an", "or", "if", "of", "by", "do", "go", "up",
    "be", "la", "le", "de", "el", "al", "the", "and", "for", "can", "may",
    "man", "new", "oil", "sun", "war", "all", "one", "two", "car", "eu",
    "lee", "kim", "chad", "may", "ban", "guy", NULL,
};

static int actor_ok(const mctx *m, const dl__actor_entry *e, uint32_t a,
                    uint32_t b)
{
    if ((e->flags & DL__ACT_NEEDCAP) && !has_capital(m, a, b))
        return 0;
    if (a == b && tok_in(m, a, short_common)) {
        /* all capitals, or capitalized and not first in its sentence */
        uint32_t f = m->tok[a].flags;
        if (!(f & DL_TOK_UPPER) && !((f & DL_TOK_CAP) && !(f & DL_TOK_SSTART)))
            return 0;
        if (!(f & DL_TOK_UPPER) && strlen(m->tok[a].norm) <= 2)
            return 0;
    }
    return 1;
}

/* An acronym entry ("LeT", "WHO") matches a token written with two
 * capitals, or a title-case word of four letters or more that does not
 * open its sentence ("Nato"); never "Let" or "Who". */
static int acronym_ok(const mctx *m, uint32_t a, uint32_t b)
{
    if (a != b)
        return 1;
    const dl_token *t = &m->tok[a];
    int upper = 0;
    for (uint32_t k = t->start; k < t->end; k++)
        upper += m->doc->text[k] >= 'A' && m->doc->text[k] <= 'Z';
    if (upper >= 2)
        return 1;
    return t->end - t->start >= 4 && (t->flags & DL_TOK_CAP) && !(t->flags & DL_TOK_SSTART);
}

/* Longest actor and agent matches starting at token i. */
static void longest(const mctx *m, uint32_t i, chunk *actor, chunk *agent)
{
    actor->type = agent->type = 0;
    uint32_t node = 0;
    for (uint32_t j = i; j < m->s1 && j - i < 24; j++) {
        int32_t c = dl__adict_step(m->d, node, m->wid[j]);
        if (c < 0)
            break;
        node = (uint32_t)c;
        const dl__node *nd = &m->d->nodes[node];
        if (nd->actor >= 0 && actor_ok(m, &m->d->actors[nd->actor], i, j) &&
            (!nd->acronym || acronym_ok(m, i, j)))
            *actor = (chunk){i, j, CH_ACTOR, nd->actor};
        if (nd->agent >= 0)
            *agent = (chunk){i, j, CH_AGENT, nd->agent};
    }
}

static void find_chunks(mctx *m)
{
    m->nch = 0;
    uint32_t i = m->s0;
    while (i < m->s1) {
        chunk a, g;
        longest(m, i, &a, &g);
        if (a.type == 0 && g.type == 0) {
            i++;
            continue;
        }
        chunk best = a;
        if (a.type == 0 || (g.type && g.last > a.last))
            best = g;
        m->ch[m->nch++] = best;
        i = best.last + 1;
    }
}

static const dl__actor_entry *act_of(const mctx *m, const chunk *c)
{
    return &m->d->actors[c->entry];
}

static const dl__agent_entry *agt_of(const mctx *m, const chunk *c)
{
    return &m->d->agents[c->entry];
}

/* Unknown capitalized words from token i (a name): count, at most 4. */
static uint32_t name_len(const mctx *m, uint32_t i)
{
    uint32_t k = 0;
    while (i + k < m->s1 && k < 4) {
        const dl_token *t = &m->tok[i + k];
        if (!(t->flags & DL_TOK_WORD) || !(t->flags & DL_TOK_CAP))
            break;
        if (m->used[i + k])
            break;
        k++;
    }
    return k;
}

/* Words after an agent that keep it a noun ("troops who", "army to"). */
static const char *const function_words[] = {
    "who", "which", "that", "to", "toward", "towards", "in", "on", "at", "of",
    "and", "or", "for", "from", "with", "by", "have", "has", "had", "was",
    "were", "is", "are", "will", "would", "said", "says", "say", "could",
    "can", "may", "might", "should", "must", "did", "do", "does", "also",
    "as", "after", "before", "near", "into", "across", "against", NULL,
};

static const char *owner_code(mctx *m, uint32_t k, const dl__agent_entry *ag,
                              const char **why);
static uint32_t take_agents(mctx *m, uint32_t *k, uint32_t end,
                            const char **code, const dl__agent_entry **lastag,
                            const char **why);

/* ------------------------------------------------------------ emitting */

static int32_t emit(mctx *m, uint32_t a, uint32_t b, dl_actor_kind kind,
                    const char *code, const char *country, const char *sector,
                    const char *name, float conf, const char *why)
{
    dl_actor *x = DL__PUSH(m->doc, actors, dl_actor);
    if (x == NULL)
        return -1;
    x->start = m->tok[a].start;
    x->end = m->tok[b].end;
    x->sentence = m->sentence;
    x->tok_first = a;
    x->tok_last = b;
    x->kind = kind;
    x->code = code;
    if (country == NULL && sector == NULL)
        dl__code_split(code, &m->doc->arena, &country, &sector);
    x->country = country;
    x->sector = sector;
    x->name = name;
    x->antecedent = -1;
    x->confidence = conf;
    x->why = why;
    for (uint32_t i = a; i <= b; i++)
        m->used[i] = 1;
    return (int32_t)(m->doc->actors.n - 1);
}

/* Adds the persons first named among mentions [scanned, upto) to the
 * list of roots. */
/* The last word of a name ("Lukashenko" of "Alexander Lukashenko"). */
static const char *last_word(const char *name, size_t *n)
{
    const char *sp = strrchr(name, ' ');
    const char *w = sp ? sp + 1 : name;
    *n = strlen(w);
    return w;
}

static uint64_t lower_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 1099511628211ull;
    return h;
}

/* Slot of surname `w` (n bytes, compared ASCII case-insensitively) in
 * m->surname: the one holding it or the empty one where it would go. */
static size_t surname_slot(const mctx *m, const char *w, size_t n)
{
    const dl_actor *x = (const dl_actor *)m->doc->actors.items;
    size_t mask = DL_ARRAY_LEN(m->surname) - 1;
    for (size_t k = (size_t)lower_hash(w, n) & mask;; k = (k + 1) & mask) {
        int32_t r = m->surname[k];
        if (r == 0)
            return k;
        size_t rn;
        const char *rw = last_word(x[r - 1].name, &rn);
        if (rn == n && strncasecmp(rw, w, n) == 0)
            return k;
    }
}

static void update_roots(mctx *m, size_t upto)
{
    const dl_actor *x = (const dl_actor *)m->doc->actors.items;
    for (; m->scanned < upto; m->scanned++) {
        const dl_actor *p = &x[m->scanned];
        if (p->kind == DL_ACTOR_PERSON && p->antecedent < 0 && p->name &&
            m->nroots < DL_ARRAY_LEN(m->roots)) {
            m->roots[m->nroots++] = (int32_t)m->scanned;
            size_t n;
            const char *w = last_word(p->name, &n);
            size_t k = surname_slot(m, w, n); /* at most 256 of 512 slots used */
            if (m->surname[k] == 0)
                m->surname[k] = (int32_t)m->scanned + 1;
        }
    }
}

static const char *entry_code(const mctx *m, const dl__actor_entry *e)
{
    return dl__actor_code_on(m->d, e, m->day, &m->doc->arena);
}

static int32_t emit_entry(mctx *m, uint32_t a, uint32_t b,
                          const dl__actor_entry *e, const char *code,
                          dl_actor_kind kind, float conf, const char *why)
{
    const char *country = NULL, *sector = NULL;
    if (code == entry_code(m, e) || (code && e->code && strcmp(code, e->code) == 0)) {
        country = e->country;
        sector = e->sector;
        if (country || sector) {
            const char *c2, *s2;
            dl__code_split(code, &m->doc->arena, &c2, &s2);
            if (!country)
                country = c2;
            if (!sector)
                sector = s2;
        }
    }
    int32_t idx = emit(m, a, b, kind, code, country, sector, e->name, conf, why);
    if (idx >= 0 && e->kind == DL_ACTOR_PERSON && e->name) {
        /* a later mention of a person named before points at the first */
        update_roots(m, (size_t)idx);
        for (uint32_t i = 0; i < m->nroots; i++) {
            const dl_actor *r = &((const dl_actor *)m->doc->actors.items)[m->roots[i]];
            if (r->name == e->name || (r->name && strcmp(r->name, e->name) == 0)) {
                ((dl_actor *)m->doc->actors.items)[idx].antecedent = m->roots[i];
                break;
            }
        }
    }
    return idx;
}

/* ------------------------------------------------------------ metonyms */

static const char *const locative[] = {
    "in", "at", "from", "to", "into", "near", "outside", "inside", "across",
    "around", "through", "throughout", "via", "within", "onto", "reach",
    "reached", "visit", "visited", "visiting", "arrived", "fled", "left",
    "flew", "travelled", "traveled", "returned", "based", NULL,
};

/* Whether the capital or seat at chunk k is used as a place. */
static int is_place_use(const mctx *m, uint32_t k, int prev_place)
{
    uint32_t a = m->ch[k].first;
    if (a > m->s0 && tok_in(m, a - 1, locative))
        return 1;
    if (a > m->s0 + 1 && tok_is(m, a - 1, "the") && tok_in(m, a - 2, locative))
        return 1;
    /* "to Warsaw and Rzeszow" */
    if (prev_place && a > m->s0 && (tok_is(m, a - 1, "and") || tok_is(m, a - 1, "or") ||
                                    tok_is(m, a - 1, ",")))
        return 1;
    /* a capital that starts a longer name ("Moscow State University") */
    uint32_t b = m->ch[k].last + 1;
    if (b < m->s1 && (m->tok[b].flags & DL_TOK_CAP) && !m->used[b] &&
        (k + 1 >= m->nch || m->ch[k + 1].first != b))
        return 1;
    return 0;
}

/* ------------------------------------------------------------ composing */

/* Agents adjacent after token `end` (optionally after a possessive):
 * combines them into *code; returns the last token used. */
static uint32_t take_agents(mctx *m, uint32_t *k, uint32_t end,
                            const char **code, const dl__agent_entry **lastag,
                            const char **why)
{
    uint32_t j = *k + 1;
    uint32_t next = end + 1;
    if (is_poss(m, next)) {
        next++;
        /* "Ukraine's northern forces", "Ithilen's awful and evil minister" */
        uint32_t skip = 0;
        while (skip < 3 && next + skip < m->s1 && j < m->nch &&
               m->ch[j].first > next + skip && (m->tok[next + skip].flags & DL_TOK_WORD) &&
               !(m->tok[next + skip].flags & DL_TOK_CAP) &&
               (tok_is(m, next + skip, "and") || !tok_in(m, next + skip, function_words)))
            skip++;
        if (j < m->nch && m->ch[j].type == CH_AGENT && m->ch[j].first == next + skip)
            next += skip;
    }
    while (j < m->nch && m->ch[j].type == CH_AGENT && m->ch[j].first == next) {
        const dl__agent_entry *ag = agt_of(m, &m->ch[j]);
        *code = dl__code_combine(*code, ag, &m->doc->arena);
        *lastag = ag;
        *why = dl__arena_printf(&m->doc->arena, "%s + %s", *why, ag->why);
        end = m->ch[j].last;
        next = end + 1;
        *k = j;
        j++;
    }
    return end;
}

/* "Hungarian and Romanian officials": agents after a coordinated
 * adjective apply to the first one too. */
static const char *coordinated_agents(mctx *m, uint32_t k, const char *code)
{
    uint32_t e = m->ch[k].last + 1;
    if (!(tok_is(m, e, "and") || tok_is(m, e, "or") || tok_is(m, e, ",")))
        return code;
    uint32_t j = k + 1;
    if (j >= m->nch || m->ch[j].first != e + 1 || m->ch[j].type != CH_ACTOR ||
        !(act_of(m, &m->ch[j])->flags & DL__ACT_ADJ))
        return code;
    uint32_t n = j + 1;
    uint32_t next = m->ch[j].last + 1;
    while (n < m->nch && m->ch[n].type == CH_AGENT && m->ch[n].first == next) {
        code = dl__code_combine(code, agt_of(m, &m->ch[n]), &m->doc->arena);
        next = m->ch[n].last + 1;
        n++;
    }
    return code;
}

/* "Danish media and government": an agent coordinated after a country's
 * agent belongs to the same country. */
static void coordinated_tail(mctx *m, uint32_t *k, uint32_t end, const char *base,
                             const dl__actor_entry *e)
{
    uint32_t j = *k + 1;
    if (!(tok_is(m, end + 1, "and") || tok_is(m, end + 1, "or")) || j >= m->nch ||
        m->ch[j].type != CH_AGENT || m->ch[j].first != end + 2)
        return;
    const dl__agent_entry *ag = agt_of(m, &m->ch[j]);
    const char *code = dl__code_combine(base, ag, &m->doc->arena);
    emit(m, m->ch[j].first, m->ch[j].last, DL_ACTOR_AGENT, code, NULL, NULL, e->name, 0.75f,
         dl__arena_printf(&m->doc->arena, "%s + %s + rule:coordinated-agent", e->why, ag->why));
    *k = j;
}

/* A person chunk right after token `end`, or an unknown name after a
 * singular title: absorbs it into the mention started at token a. */
static int absorb_person(mctx *m, uint32_t *k, uint32_t a, uint32_t end,
                         const char *code, const dl__agent_entry *title,
                         const char *why)
{
    uint32_t j = *k + 1;
    if (title && (title->flags & DL__AGT_PLURAL))
        return 0;
    if (j < m->nch && m->ch[j].type == CH_ACTOR && m->ch[j].first == end + 1 &&
        act_of(m, &m->ch[j])->kind == DL_ACTOR_PERSON) {
        const dl__actor_entry *p = act_of(m, &m->ch[j]);
        const char *pc = entry_code(m, p);
        if (pc == NULL || strlen(pc) < 3)
            pc = code;
        /* "Serbian President X" on a date our dated roles do not cover
         * (the country alone): the sentence's title gives the sector */
        else if (strlen(pc) == 3 && code && strlen(code) == 6 && memcmp(code, pc, 3) == 0)
            pc = code;
        emit_entry(m, a, m->ch[j].last, p, pc, DL_ACTOR_PERSON, 0.95f,
                   dl__arena_printf(&m->doc->arena, "%s + %s", why, p->why));
        *k = j;
        return 1;
    }
    if (title == NULL || !(title->flags & DL__AGT_TITLE) ||
        (title->flags & DL__AGT_PLURAL))
        return 0;
    uint32_t n = name_len(m, end + 1);
    if (n == 0 || (j < m->nch && m->ch[j].first <= end + n))
        return 0;
    const dl_token *f = &m->tok[end + 1], *l = &m->tok[end + n];
    const char *name = dl__arena_strndup(&m->doc->arena, m->doc->text + f->start,
                                         l->end - f->start);
    emit(m, a, end + n, DL_ACTOR_PERSON, code, NULL, NULL, name, 0.75f,
         dl__arena_printf(&m->doc->arena, "%s + rule:title-name", why));
    return 1;
}

/* The mention a definite description refers to ("the Belarusian leader"
 * is the Belarusian person mentioned before). */
static int describe(mctx *m, uint32_t a, uint32_t b, const char *code,
                    const dl__agent_entry *ag, const char *why)
{
    if (ag == NULL || !(ag->flags & DL__AGT_TITLE) || (ag->flags & DL__AGT_PLURAL))
        return 0;
    if (!(a > m->s0 && tok_is(m, a - 1, "the")))
        return 0;
    int32_t ante = dl__resolve_description(m->doc, code);
    if (ante < 0)
        return 0;
    const dl_actor *p = &((const dl_actor *)m->doc->actors.items)[ante];
    int32_t idx = emit(m, a, b, DL_ACTOR_PERSON, p->code, p->country, p->sector,
                       p->name, 0.7f,
                       dl__arena_printf(&m->doc->arena, "%s + rule:definite-description", why));
    if (idx >= 0)
        ((dl_actor *)m->doc->actors.items)[idx].antecedent = ante;
    return 1;
}

static void compose_actor(mctx *m, uint32_t *k, int *prev_place)
{
    chunk *c = &m->ch[*k];
    const dl__actor_entry *e = act_of(m, c);
    const char *code = entry_code(m, e);
    const char *why = e->why;
    uint32_t a = c->first;
    if (e->flags & (DL__ACT_CAPITAL | DL__ACT_SEAT)) {
        if (is_place_use(m, *k, *prev_place)) {
            dl__doc_note(m->doc, "actors", m->tok[a].start, m->tok[c->last].end,
                         "'%s' is a place here, not an actor (%s)", e->name, why);
            *prev_place = 1;
            if (code && strlen(code) >= 3 && m->nplace < m->s1 - m->s0) {
                m->place_tok[m->nplace] = a;
                m->place_cc[m->nplace++] = dl__arena_strndup(&m->doc->arena, code, 3);
            }
            return;
        }
    }
    *prev_place = 0;
    /* "New Jersey", "New Mexico": a longer name the dictionary lacks */
    if (a > m->s0 && (e->kind == DL_ACTOR_COUNTRY || e->kind == DL_ACTOR_METONYM) &&
        tok_is(m, a - 1, "new") && (m->tok[a - 1].flags & DL_TOK_CAP) && !m->used[a - 1]) {
        dl__doc_note(m->doc, "actors", m->tok[a - 1].start, m->tok[c->last].end,
                     "'New %s' is another name, not %s", e->name ? e->name : "", code ? code : "-");
        return;
    }
    if (e->kind == DL_ACTOR_PERSON) {
        emit_entry(m, a, c->last, e, code, DL_ACTOR_PERSON, 0.9f, why);
        return;
    }
    if (e->kind == DL_ACTOR_ORGANIZATION && !(e->flags & DL__ACT_PETR)) {
        /* "Wagner mercenary group", "Wagner fighters": the words stay the
         * organization's */
        uint32_t end = c->last, j = *k + 1;
        while (j < m->nch && m->ch[j].type == CH_AGENT && m->ch[j].first == end + 1) {
            end = m->ch[j].last;
            *k = j++;
        }
        emit_entry(m, a, end, e, code, DL_ACTOR_ORGANIZATION, 0.9f, why);
        return;
    }
    const dl__agent_entry *lastag = NULL;
    const char *base = code;
    uint32_t end = take_agents(m, k, c->last, &code, &lastag, &why);
    if (lastag == NULL && (e->flags & DL__ACT_ADJ))
        code = coordinated_agents(m, *k, code);
    if (lastag != NULL || (e->flags & DL__ACT_ADJ)) {
        if (absorb_person(m, k, a, end, code, lastag, why))
            return;
    }
    if (lastag != NULL) {
        if (describe(m, a, end, code, lastag, why))
            return;
        emit(m, a, end, DL_ACTOR_AGENT, code, NULL, NULL, e->name, 0.85f, why);
        coordinated_tail(m, k, end, base, e);
        return;
    }
    dl_actor_kind kind = e->kind;
    float conf = kind == DL_ACTOR_METONYM ? 0.75f : 0.9f;
    if (code != base)
        kind = DL_ACTOR_AGENT;
    emit_entry(m, a, end, e, code, kind, conf, why);
}

/* "the government of Gondor", "rebels in the Ivory Coast",
 * "fighters of Russia's Wagner group": the code of the owner. */
static const char *owner_code(mctx *m, uint32_t k, const dl__agent_entry *ag,
                              const char **why)
{
    uint32_t e = m->ch[k].last + 1;
    int of = tok_is(m, e, "of");
    if (!of && !tok_is(m, e, "in") && !tok_is(m, e, "from"))
        return NULL;
    uint32_t x = e + 1;
    uint32_t j = k + 1;
    if (j < m->nch && m->ch[j].first != x && tok_is(m, x, "the"))
        x++;
    if (j >= m->nch || m->ch[j].first != x || m->ch[j].type != CH_ACTOR)
        return NULL;
    const dl__actor_entry *o = act_of(m, &m->ch[j]);
    if (!of && o->kind != DL_ACTOR_COUNTRY)
        return NULL;
    if (o->kind == DL_ACTOR_PERSON)
        return NULL;
    const char *oc = entry_code(m, o);
    *why = o->why;
    if (is_poss(m, m->ch[j].last + 1)) {
        /* Russia's Wagner group: the organization after the possessive */
        uint32_t n = j + 1;
        if (n < m->nch && m->ch[n].type == CH_ACTOR && m->ch[n].first == m->ch[j].last + 2 &&
            act_of(m, &m->ch[n])->kind == DL_ACTOR_ORGANIZATION) {
            *why = act_of(m, &m->ch[n])->why;
            return entry_code(m, act_of(m, &m->ch[n]));
        }
    }
    if (o->kind == DL_ACTOR_ORGANIZATION && !(o->flags & DL__ACT_PETR))
        return oc;
    /* "the head of the Russian army": the owner's own agents decide */
    uint32_t kk = j;
    const dl__agent_entry *own = NULL;
    const char *owncode = oc, *ownwhy = *why;
    take_agents(m, &kk, m->ch[j].last, &owncode, &own, &ownwhy);
    if (own != NULL) {
        *why = ownwhy;
        return owncode;
    }
    return dl__code_combine(oc, ag, &m->doc->arena);
}

/* "the two leaders": the two persons mentioned last. */
static int group_of_two(mctx *m, uint32_t k, const dl__agent_entry *ag)
{
    uint32_t a = m->ch[k].first;
    if (!(ag->flags & DL__AGT_PLURAL) || a < m->s0 + 2 || !tok_is(m, a - 1, "two") ||
        !tok_is(m, a - 2, "the"))
        return 0;
    int32_t two[2];
    if (!dl__resolve_two(m->doc, two))
        return 0;
    const dl_actor *x = (const dl_actor *)m->doc->actors.items;
    const char *code = dl__arena_printf(&m->doc->arena, "%s/%s", x[two[0]].code,
                                        x[two[1]].code);
    const char *name = dl__arena_printf(&m->doc->arena, "%s/%s",
                                        x[two[0]].name ? x[two[0]].name : "",
                                        x[two[1]].name ? x[two[1]].name : "");
    int32_t idx = emit(m, a - 1, m->ch[k].last, DL_ACTOR_GROUP, code, NULL, NULL,
                       name, 0.6f,
                       dl__arena_printf(&m->doc->arena, "%s + rule:the-two", ag->why));
    if (idx >= 0)
        ((dl_actor *)m->doc->actors.items)[idx].antecedent = two[0];
    return 1;
}

/* "his small army": an agent owned by a person a pronoun stands for is
 * that person's country's (BLRMIL), the pronoun its antecedent; the
 * mention is not the person (no name). */
static int possessed(mctx *m, uint32_t a, uint32_t b, const dl__agent_entry *ag)
{
    uint32_t t = a, skip = 0;
    while (t > m->s0 && skip < 3) {
        t--;
        if (m->used[t])
            break;
        if (!(m->tok[t].flags & DL_TOK_WORD) || (m->tok[t].flags & DL_TOK_CAP) ||
            tok_in(m, t, function_words))
            return 0;
        skip++;
    }
    if (!m->used[t] || m->doc->actors.n == 0 || !(tok_is(m, t, "his") || tok_is(m, t, "her")))
        return 0;
    int32_t pi = (int32_t)m->doc->actors.n - 1;
    const dl_actor *p = &((const dl_actor *)m->doc->actors.items)[pi];
    if (p->kind != DL_ACTOR_PRONOUN || p->tok_first != t || p->country == NULL)
        return 0;
    const char *code = dl__code_combine(p->country, ag, &m->doc->arena);
    int32_t ante = p->antecedent;
    /* the agent is the owner's country's, not the owner: it carries no
     * name ("his business" is no mention of Putin, coded RUSBUS) */
    int32_t idx = emit(m, a, b, DL_ACTOR_AGENT, code, NULL, NULL, NULL, 0.6f,
                       dl__arena_printf(&m->doc->arena, "%s + rule:possessive-pronoun", ag->why));
    if (idx >= 0)
        ((dl_actor *)m->doc->actors.items)[idx].antecedent = ante;
    return 1;
}

static void compose_agent(mctx *m, uint32_t *k)
{
    chunk *c = &m->ch[*k];
    const dl__agent_entry *ag = agt_of(m, c);
    uint32_t j = *k + 1;
    /* prefix agent before an actor: "MSF Arnor" */
    if ((ag->flags & DL__AGT_PREFIX) && j < m->nch && m->ch[j].type == CH_ACTOR &&
        m->ch[j].first == c->last + 1 && act_of(m, &m->ch[j])->kind != DL_ACTOR_PERSON) {
        const dl__actor_entry *e = act_of(m, &m->ch[j]);
        const char *code = dl__code_combine(entry_code(m, e), ag, &m->doc->arena);
        const char *why = dl__arena_printf(&m->doc->arena, "%s + %s", ag->why, e->why);
        const dl__agent_entry *lastag = NULL;
        *k = j;
        uint32_t end = take_agents(m, k, m->ch[j].last, &code, &lastag, &why);
        emit(m, c->first, end, DL_ACTOR_AGENT, code, NULL, NULL, e->name, 0.8f, why);
        return;
    }
    /* title before a known person: "President Putin" */
    if ((ag->flags & DL__AGT_TITLE) && !(ag->flags & DL__AGT_PLURAL) && j < m->nch &&
        m->ch[j].type == CH_ACTOR && m->ch[j].first == c->last + 1 &&
        act_of(m, &m->ch[j])->kind == DL_ACTOR_PERSON) {
        const dl__actor_entry *p = act_of(m, &m->ch[j]);
        const char *pc = entry_code(m, p);
        if (pc == NULL)
            pc = dl__code_combine(NULL, ag, &m->doc->arena);
        else if (strlen(pc) == 3 && ag->code && strlen(ag->code) == 3)
            pc = dl__code_combine(pc, ag, &m->doc->arena); /* "President Obama" in 2008 */
        emit_entry(m, c->first, m->ch[j].last, p, pc, DL_ACTOR_PERSON, 0.9f,
                   dl__arena_printf(&m->doc->arena, "%s + %s", ag->why, p->why));
        *k = j;
        return;
    }
    if (group_of_two(m, *k, ag))
        return;
    const char *why = ag->why;
    const char *oc = owner_code(m, *k, ag, &why);
    if (oc != NULL) {
        emit(m, c->first, c->last, DL_ACTOR_AGENT, oc, NULL, NULL, NULL, 0.75f,
             dl__arena_printf(&m->doc->arena, "%s + %s + rule:agent-of", ag->why, why));
        return;
    }
    /* a title before an unknown name: "President Juvenal Habyarimana" */
    const char *code = dl__code_combine(NULL, ag, &m->doc->arena);
    if (absorb_person(m, k, c->first, c->last, code, ag, ag->why))
        return;
    /* "in general", "the head of the queue": not an actor alone */
    if (ag->flags & DL__AGT_NOBARE)
        return;
    /* "military range", "union state": an adjective, not an actor */
    uint32_t nx = c->last + 1;
    if ((ag->flags & DL__AGT_ADJ) && nx < m->s1 && (m->tok[nx].flags & DL_TOK_WORD) &&
        !(m->tok[nx].flags & DL_TOK_CAP) && !tok_in(m, nx, function_words))
        return;
    if (possessed(m, c->first, c->last, ag))
        return;
    /* "the ministry said" after "Russia's defence ministry": the agent
     * the article named before */
    if (c->first > m->s0 && tok_is(m, c->first - 1, "the") && !(ag->flags & DL__AGT_PLURAL) &&
        m->tok[c->last].norm) {
        int32_t ante = dl__resolve_agent_description(m->doc, m->sentence, m->tok[c->last].norm);
        if (ante >= 0) {
            const dl_actor *p = &((const dl_actor *)m->doc->actors.items)[ante];
            int32_t idx = emit(m, c->first, c->last, DL_ACTOR_AGENT, p->code, p->country,
                               p->sector, p->name, 0.6f,
                               dl__arena_printf(&m->doc->arena, "%s + rule:definite-agent",
                                                ag->why));
            if (idx >= 0)
                ((dl_actor *)m->doc->actors.items)[idx].antecedent = ante;
            return;
        }
    }
    emit(m, c->first, c->last, DL_ACTOR_AGENT, code, NULL, NULL, NULL, 0.5f, ag->why);
}

/* ------------------------------------------------------------ pronouns */

static const char *const pronouns[] = {
    "he", "him", "his", "himself", "she", "her", "hers", "herself", NULL,
};

static const char *const determiners[] = {"the", "a", "an", NULL};

/* "Aftab Sherpao, the interior minister, said": an unknown name of two
 * to four capitalized words [i, i+n) in apposition with a description
 * ("[the] [country] title") takes the description's code. */
static int apposition(mctx *m, uint32_t i, uint32_t n)
{
    uint32_t p = i + n;
    if (n < 2 || !tok_is(m, p, ","))
        return 0;
    p++;
    if (tok_in(m, p, determiners))
        p++;
    uint32_t j = 0;
    while (j < m->nch && m->ch[j].first < p)
        j++;
    if (j >= m->nch || m->ch[j].first != p)
        return 0;
    const char *code = NULL, *why = NULL;
    const dl__agent_entry *ag = NULL;
    if (m->ch[j].type == CH_ACTOR) {
        const dl__actor_entry *e = act_of(m, &m->ch[j]);
        if (!(e->flags & DL__ACT_ADJ))
            return 0;
        code = entry_code(m, e);
        why = e->why;
        uint32_t k = j;
        take_agents(m, &k, m->ch[j].last, &code, &ag, &why);
    } else {
        ag = agt_of(m, &m->ch[j]);
        why = ag->why;
        /* "chair of the Joint Chiefs of Staff": the owner's code */
        code = owner_code(m, j, ag, &why);
        if (code == NULL) {
            code = dl__code_combine(NULL, ag, &m->doc->arena);
            why = ag->why;
        }
    }
    if (ag == NULL || !(ag->flags & DL__AGT_TITLE) || (ag->flags & DL__AGT_PLURAL))
        return 0;
    const char *name = dl__arena_strndup(&m->doc->arena, m->doc->text + m->tok[i].start,
                                         m->tok[i + n - 1].end - m->tok[i].start);
    emit(m, i, i + n - 1, DL_ACTOR_PERSON, code, NULL, NULL, name, 0.7f,
         dl__arena_printf(&m->doc->arena, "%s + rule:apposition", why));
    return 1;
}

/* Last words that make a given name part of a place or institution
 * ("Virginia Beach", "Georgia Tech", "Jackson County"). */
static const char *const not_surnames[] = {
    "beach", "county", "city", "street", "st.", "avenue", "ave.", "road", "rd.",
    "boulevard", "blvd.", "park", "island", "islands", "tech", "university", "college",
    "hospital", "center", "centre", "bay", "lake", "river", "mountain", "mountains",
    "hall", "house", "square", "airport", "station", "hills", "heights", "springs",
    "falls", "valley", "school", "church", "state", "township", "parish", "institute",
    "foundation", "museum", "stadium", "bridge", "harbor", "harbour", "creek", "point",
    "drive", "lane", "way", "place", "court", "times", "post", "news", "group", NULL};

/* "Jerome Siegel said", "Tad Devine told reporters": two or three
 * capitalized words the dictionaries do not know, opening with a given
 * name of the name lists (given-names.tsv, given.txt), are a person
 * whose code is only the country the story gives (countryless_people),
 * so that later pronouns and first names find them and the places stage
 * does not take "Jerome" for a town. */
static int unknown_person(mctx *m, uint32_t i, uint32_t n)
{
    if (n < 2 || n > 3 || m->d->given.n == 0)
        return 0;
    /* words that open place names more often than they name a person */
    static const char *const place_openers[] = {
        "north", "south", "east", "west", "new", "port", "mount", "fort", "saint",
        "santa", "san", "glen", "lake", "red", "coral", "belle", "grand", "little",
        "great", "upper", "lower", "central", "old", NULL};
    const char *g = m->tok[i].norm;
    if (g == NULL || dl__strmap_get(&m->d->given, g, strlen(g)) == NULL ||
        tok_in(m, i, place_openers))
        return 0;
    for (uint32_t k = 1; k < n; k++) {
        const dl_token *t = &m->tok[i + k];
        if (t->norm == NULL || strlen(t->norm) < 2 || (t->flags & DL_TOK_UPPER) ||
            tok_in(m, i + k, not_surnames) ||
            dl__strmap_get(&m->d->given, t->norm, strlen(t->norm)) != NULL)
            return 0; /* "Will Mary": not a given name and a surname */
        if (t->start != m->tok[i + k - 1].end + 1)
            return 0; /* one space between the words */
    }
    const char *name = dl__arena_strndup(&m->doc->arena, m->doc->text + m->tok[i].start,
                                         m->tok[i + n - 1].end - m->tok[i].start);
    return emit(m, i, i + n - 1, DL_ACTOR_PERSON, "---", NULL, NULL, name, 0.5f,
                "rule:given-name-person") >= 0;
}

/* The named person whose name ends with `norm` (resolve.c's rule over
 * the short list of persons named so far, kept up to date here). */
static int32_t surname_of(mctx *m, const char *norm)
{
    update_roots(m, m->doc->actors.n);
    if (m->nroots == 0 || norm == NULL)
        return -1;
    /* as dl__resolve_surname_in over the roots, by hash instead of a scan */
    size_t n = strlen(norm);
    if (n < 3)
        return -1;
    int32_t r = m->surname[surname_slot(m, norm, n)];
    return r - 1;
}

/* Pronouns and later surnames between chunks: tokens [a, b). */
static void between(mctx *m, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b; i++) {
        if (m->used[i] || !(m->tok[i].flags & DL_TOK_WORD))
            continue;
        if ((m->tok[i].flags & DL_TOK_CAP) && !tok_in(m, i, determiners)) {
            uint32_t n = name_len(m, i);
            if (i + n > b)
                n = b - i;
            if (apposition(m, i, n)) {
                i += n - 1;
                continue;
            }
            if (unknown_person(m, i, n)) {
                i += n - 1;
                continue;
            }
        }
        char c0 = m->tok[i].norm ? m->tok[i].norm[0] : 0;
        if ((c0 == 'h' || c0 == 's') && tok_in(m, i, pronouns)) {
            char sex = c0 == 's' || strncmp(m->tok[i].norm, "her", 3) == 0 ? 'f' : 'm';
            int32_t ante = dl__resolve_pronoun_sex(m->doc, m->sentence, m->tok[i].start, sex,
                                                   m->d);
            if (ante < 0)
                continue;
            const dl_actor *p = &((const dl_actor *)m->doc->actors.items)[ante];
            int32_t idx = emit(m, i, i, DL_ACTOR_PRONOUN, p->code, p->country,
                               p->sector, p->name, 0.6f, "rule:pronoun");
            if (idx >= 0)
                ((dl_actor *)m->doc->actors.items)[idx].antecedent = ante;
            continue;
        }
        if ((m->tok[i].flags & DL_TOK_CAP) && !(i + 1 < b && (m->tok[i + 1].flags & DL_TOK_CAP))) {
            int32_t ante = surname_of(m, m->tok[i].norm);
            const char *rule = "rule:surname";
            if (ante < 0 && dl__strmap_get(&m->d->given, m->tok[i].norm, strlen(m->tok[i].norm))) {
                /* "Jerome said" after "Jerome Powell": the one person
                 * named so far with that first name */
                update_roots(m, m->doc->actors.n);
                ante = dl__resolve_given_in(m->doc, m->roots, m->nroots, m->tok[i].norm);
                rule = "rule:given-name";
            }
            if (ante < 0)
                continue;
            const dl_actor *p = &((const dl_actor *)m->doc->actors.items)[ante];
            int32_t idx = emit(m, i, i, DL_ACTOR_PERSON, p->code, p->country,
                               p->sector, p->name, 0.7f, rule);
            if (idx >= 0)
                ((dl_actor *)m->doc->actors.items)[idx].antecedent = ante;
        }
    }
}

static void compose(mctx *m)
{
    uint32_t at = m->s0;
    int prev_place = 0;
    for (uint32_t k = 0; k < m->nch; k++) {
        between(m, at, m->ch[k].first);
        if (m->ch[k].type == CH_ACTOR)
            compose_actor(m, &k, &prev_place);
        else {
            prev_place = 0;
            compose_agent(m, &k);
        }
        at = m->ch[k].last + 1;
        if (m->doc->actors.n > 0) {
            const dl_actor *l = &((const dl_actor *)m->doc->actors.items)[m->doc->actors.n - 1];
            if (l->sentence == m->sentence && l->tok_last + 1 > at)
                at = l->tok_last + 1;
        }
    }
    between(m, at, m->s1);
}

/* The country the document is most about before token `at`: the most frequent
 * country of its actor mentions (pronouns and persons whose country was
 * itself guessed from context left out), when it leads every other and
 * has at least `least` mentions; else NULL. */
/* Counts the country of mention a (before token `at`) into code/count. */
static void tally_country(const dl_actor *a, uint32_t at, const char **code, int *count, int *n)
{
    if (a->country == NULL || strlen(a->country) != 3 || a->kind == DL_ACTOR_PRONOUN ||
        a->confidence <= 0.5f || a->tok_first >= at)
        return;
    int k = 0;
    while (k < *n && strcmp(code[k], a->country) != 0)
        k++;
    if (k == *n) {
        if (*n == 64)
            return;
        code[*n] = a->country;
        count[(*n)++] = 0;
    }
    count[k]++;
}

static const char *main_country(mctx *m, int least, uint32_t at)
{
    const dl_actor *x = (const dl_actor *)m->doc->actors.items;
    /* the mentions of earlier sentences are all before `at`: counted once
     * into the running tally; then this sentence's, in the same order */
    for (; m->tally_upto < m->first_mention; m->tally_upto++)
        tally_country(&x[m->tally_upto], UINT32_MAX, m->tally_code, m->tally_count,
                      &m->tally_n);
    const char *code[64];
    int count[64], n = m->tally_n, best = -1;
    memcpy(code, m->tally_code, (size_t)n * sizeof *code);
    memcpy(count, m->tally_count, (size_t)n * sizeof *count);
    for (size_t i = m->first_mention; i < m->doc->actors.n; i++)
        tally_country(&x[i], at, code, count, &n);
    for (int k = 0; k < n; k++)
        if (best < 0 || count[k] > count[best])
            best = k;
    for (int k = 0; best >= 0 && k < n; k++)
        if (k != best && count[k] == count[best])
            return NULL;
    return best >= 0 && count[best] >= least ? code[best] : NULL;
}

/* A person named after a title but with no country ("President X")
 * takes, in this order: the country the document is most about when it
 * has a clear one; the nearest mention or capital before it in its
 * sentence ("Rwandan radio said President X"), or right after it with no
 * comma between ("President X of Rwanda"); a mention of the previous
 * sentence; the document's leading country however thin its lead. A
 * country named after the person in another clause ("Manafort, who
 * worked for Ukrainian clients") says nothing of the person's own.
 * A heuristic, so a low confidence. */
static bool comma_between(const mctx *m, uint32_t a, uint32_t b)
{
    for (uint32_t t = a; t < b; t++)
        if (tok_is(m, t, ",") || tok_is(m, t, "who") || tok_is(m, t, "which"))
            return true;
    return false;
}

static const char *context_country(mctx *m, uint32_t at, uint32_t last)
{
    const char *main = main_country(m, 2, at);
    if (main != NULL)
        return main;
    const dl_actor *x = (const dl_actor *)m->doc->actors.items;
    const char *best = NULL;
    uint32_t bestd = UINT32_MAX;
    for (size_t i = m->first_mention; i < m->doc->actors.n; i++) {
        if (x[i].country == NULL || x[i].kind == DL_ACTOR_PRONOUN || x[i].tok_first == at)
            continue;
        uint32_t d;
        if (x[i].tok_first < at)
            d = at - x[i].tok_first;
        else if (x[i].tok_first <= last + 3 && !comma_between(m, last + 1, x[i].tok_first))
            d = x[i].tok_first - at;
        else
            continue;
        if (d < bestd)
            bestd = d, best = x[i].country;
    }
    for (uint32_t i = 0; i < m->nplace; i++) {
        if (m->place_tok[i] >= at)
            continue;
        uint32_t d = at - m->place_tok[i];
        if (d < bestd)
            bestd = d, best = m->place_cc[i];
    }
    if (best != NULL)
        return best;
    for (size_t i = m->first_mention; i-- > 0;) {
        if (x[i].sentence + 1 < m->sentence)
            break;
        if (x[i].country && x[i].kind != DL_ACTOR_PRONOUN)
            return x[i].country;
    }
    return main_country(m, 1, at);
}

/* "former President X", "ex-minister X" (a former elite: ELI), "campaign
 * chairman X", "campaign adviser X" (a party's campaign: PTY): the words
 * before the mention change the role its title or dated entry gives. */
static const char *const former_words[] = {"former", "ex", "ex-", "onetime", "erstwhile",
                                           NULL};

static void role_modifiers(mctx *m)
{
    dl_actor *x = (dl_actor *)m->doc->actors.items;
    for (size_t i = m->first_mention; i < m->doc->actors.n; i++) {
        if ((x[i].kind != DL_ACTOR_PERSON && x[i].kind != DL_ACTOR_AGENT) ||
            x[i].code == NULL || strlen(x[i].code) < 3 || x[i].antecedent >= 0)
            continue;
        const char *sector = NULL;
        uint32_t t = x[i].tok_first;
        /* "campaign" right before a title ("campaign chairman X"), or
         * inside the mention; not before a name ("the campaign Trump ran") */
        bool titled = !(m->tok[t].flags & DL_TOK_CAP) || x[i].kind == DL_ACTOR_AGENT;
        if (t > m->s0 && tok_is(m, t - 1, "campaign") && titled) {
            sector = "PTY";
            t--;
        }
        for (uint32_t k = x[i].tok_first; sector == NULL && k <= x[i].tok_last; k++)
            if (tok_is(m, k, "campaign"))
                sector = "PTY";
        if (t > m->s0 && tok_is(m, t - 1, "-") && t - 1 > m->s0)
            t--; /* "ex-minister" split at the hyphen */
        if (t > m->s0 && tok_in(m, t - 1, former_words))
            sector = "ELI";
        if (sector == NULL)
            continue;
        char cc[4];
        memcpy(cc, x[i].code, 3);
        cc[3] = '\0';
        x[i].code = dl__arena_printf(&m->doc->arena, "%s%s", cc, sector);
        x[i].sector = dl__arena_strdup(&m->doc->arena, sector);
        x[i].why = dl__arena_printf(&m->doc->arena, "%s + rule:role-%s", x[i].why ? x[i].why : "",
                                    strcmp(sector, "ELI") == 0 ? "former" : "campaign");
    }
}

static void countryless_people(mctx *m)
{
    dl_actor *x = (dl_actor *)m->doc->actors.items;
    for (size_t i = m->first_mention; i < m->doc->actors.n; i++) {
        if (x[i].kind != DL_ACTOR_PERSON || x[i].country != NULL || x[i].code == NULL ||
            strncmp(x[i].code, "---", 3) != 0 || x[i].antecedent >= 0)
            continue;
        /* a person found only by a given name has no title to read a
         * country into: "Paul Manafort" in a story about Ukraine is not
         * Ukrainian; the code stays unknown (---) */
        if (x[i].why && strstr(x[i].why, "rule:given-name-person"))
            continue;
        const char *cc = context_country(m, x[i].tok_first, x[i].tok_last);
        if (cc == NULL)
            continue;
        x[i].code = dl__arena_printf(&m->doc->arena, "%s%s", cc, x[i].code + 3);
        x[i].country = cc;
        x[i].confidence = 0.5f;
        x[i].why = dl__arena_printf(&m->doc->arena, "%s + rule:context-country", x[i].why);
    }
}

dl_code dl__actors_match(const dl__actor_dict *d, dl_doc *doc, dl_error *err)
{
    size_t nt = doc->tokens.n;
    if (nt == 0)
        return DL_OK;
    mctx m = {0};
    m.d = d;
    m.doc = doc;
    m.tok = dl__tokens(doc);
    m.day = dl_date_to_days(doc->date);
    int32_t *wid = dl__arena_alloc(&doc->arena, nt * sizeof *wid);
    m.used = dl__arena_alloc(&doc->arena, nt);
    if (wid == NULL || m.used == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t i = 0; i < nt; i++)
        wid[i] = m.tok[i].norm ? dl__adict_word(d, m.tok[i].norm, strlen(m.tok[i].norm)) : -1;
    m.wid = wid;
    const dl_sentence *sent = dl__sentences(doc);
    uint32_t maxs = 0;
    for (size_t s = 0; s < doc->sentences.n; s++)
        if (sent[s].tok_count > maxs)
            maxs = sent[s].tok_count;
    m.ch = dl__arena_alloc(&doc->arena, (maxs + 1) * sizeof *m.ch);
    m.place_tok = dl__arena_alloc(&doc->arena, (maxs + 1) * sizeof *m.place_tok);
    m.place_cc = dl__arena_alloc(&doc->arena, (maxs + 1) * sizeof *m.place_cc);
    if (m.ch == NULL || m.place_tok == NULL || m.place_cc == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t s = 0; s < doc->sentences.n; s++) {
        m.sentence = (uint32_t)s;
        m.s0 = sent[s].tok_first;
        m.s1 = sent[s].tok_first + sent[s].tok_count;
        m.first_mention = (uint32_t)doc->actors.n;
        m.nplace = 0;
        find_chunks(&m);
        compose(&m);
        role_modifiers(&m);
        countryless_people(&m);
        if (doc->arena.failed)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}
