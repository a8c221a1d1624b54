/*
 * dict.c — the actor stage's lookup structure: normalized words interned
 * to ids, a trie over word ids whose edges live in one hash table, and the
 * actor and agent entries the trie's nodes point to, with date-restricted
 * codes. Also the code arithmetic (country/sector of a code, actor + agent
 * compounds). Built once by the loaders, then read-only.
 */
#include "actors/actors.h"

#include <stdlib.h>

#define DL__MAX_DIAGS 20000

static int grow_array(void **p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap)
        return 1;
    uint32_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, (size_t)c * size);
    if (q == NULL)
        return 0;
    *p = q;
    *cap = c;
    return 1;
}

static int32_t new_node(dl__actor_dict *d)
{
    if (!grow_array((void **)&d->nodes, &d->capnodes, d->nnodes + 1,
                    sizeof *d->nodes)) {
        d->oom = 1;
        return -1;
    }
    d->nodes[d->nnodes] = (dl__node){-1, -1, 0};
    return (int32_t)d->nnodes++;
}

int dl__adict_init(dl__actor_dict *d)
{
    memset(d, 0, sizeof *d);
    dl__arena_init(&d->arena, 1 << 16);
    dl__strmap_init(&d->words);
    dl__strmap_init(&d->given);
    return new_node(d) == 0;
}

void dl__adict_free(dl__actor_dict *d)
{
    if (d == NULL)
        return;
    dl__strmap_free(&d->words);
    dl__strmap_free(&d->given);
    free(d->ekeys);
    free(d->evals);
    free(d->nodes);
    free(d->actors);
    free(d->agents);
    free(d->restrs);
    free(d->diags);
    free(d->overrides);
    dl__arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------ edges */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static size_t edge_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
    size_t mask = cap - 1;
    size_t i = (size_t)mix64(key) & mask;
    while (keys[i] != 0 && keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static int edges_grow(dl__actor_dict *d)
{
    size_t cap = d->ecap ? d->ecap * 2 : 4096;
    uint64_t *keys = calloc(cap, sizeof *keys);
    uint32_t *vals = calloc(cap, sizeof *vals);
    if (keys == NULL || vals == NULL) {
        free(keys);
        free(vals);
        d->oom = 1;
        return 0;
    }
    for (size_t i = 0; i < d->ecap; i++) {
        if (d->ekeys[i] == 0)
            continue;
        size_t j = edge_slot(keys, cap, d->ekeys[i]);
        keys[j] = d->ekeys[i];
        vals[j] = d->evals[i];
    }
    free(d->ekeys);
    free(d->evals);
    d->ekeys = keys;
    d->evals = vals;
    d->ecap = cap;
    return 1;
}

static uint64_t edge_key(uint32_t node, uint32_t word)
{
    return (((uint64_t)node << 32) | word) + 1;
}

int32_t dl__adict_step(const dl__actor_dict *d, uint32_t node, int32_t word)
{
    if (word < 0 || d->ecap == 0)
        return -1;
    uint64_t key = edge_key(node, (uint32_t)word);
    size_t i = edge_slot(d->ekeys, d->ecap, key);
    return d->ekeys[i] == key ? (int32_t)d->evals[i] : -1;
}

static int32_t step_or_add(dl__actor_dict *d, uint32_t node, uint32_t word)
{
    if ((d->en + 1) * 4 >= d->ecap * 3 && !edges_grow(d))
        return -1;
    uint64_t key = edge_key(node, word);
    size_t i = edge_slot(d->ekeys, d->ecap, key);
    if (d->ekeys[i] == key)
        return (int32_t)d->evals[i];
    int32_t child = new_node(d);
    if (child < 0)
        return -1;
    d->ekeys[i] = key;
    d->evals[i] = (uint32_t)child;
    d->en++;
    return child;
}

/* ------------------------------------------------------------ words */

int32_t dl__adict_word(const dl__actor_dict *d, const char *w, size_t n)
{
    void *v = dl__strmap_get(&d->words, w, n);
    return v ? (int32_t)((uintptr_t)v - 1) : -1;
}

static int32_t intern(dl__actor_dict *d, const char *w, size_t n)
{
    int32_t id = dl__adict_word(d, w, n);
    if (id >= 0)
        return id;
    int oom = 0;
    dl__strmap_put(&d->words, w, n, (void *)(uintptr_t)(d->nwords + 1), &oom);
    if (oom) {
        d->oom = 1;
        return -1;
    }
    return (int32_t)d->nwords++;
}

static int is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '_' || c == '\r' || c == '\n';
}

static int is_punct(unsigned char c)
{
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
           c == '"' || c == '!' || c == '?' || c == '/';
}

/* Whether a piece ending in '.' keeps its period as the text stage does:
 * letter-period sequences (U.S.), single initials (W.), listed titles. */
static int keeps_period(const dl__actor_dict *d, const char *s, size_t n)
{
    if (n < 2)
        return 0;
    if (n == 2)
        return 1;
    if (memchr(s, '.', n - 1) != NULL)
        return 1;
    if (d->abbrev && n <= 16) {
        char low[16];
        for (size_t i = 0; i + 1 < n; i++)
            low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
        return dl__strmap_get(d->abbrev, low, n - 1) != NULL;
    }
    return 0;
}

static int push_word(dl__actor_dict *d, const char *s, size_t n,
                     const char **words, size_t *lens, int k, int max)
{
    if (n == 0)
        return k;
    if (k >= max)
        return -1;
    size_t len = 0;
    char *w = dl__normalize(&d->arena, s, n, &len);
    if (w == NULL) {
        d->oom = 1;
        return -1;
    }
    words[k] = w;
    lens[k] = len;
    return k + 1;
}

/* Splits one blank-free piece: leading/trailing punctuation, a final
 * period and a possessive 's become words of their own or are dropped. */
static int split_piece(dl__actor_dict *d, const char *s, size_t n,
                       const char **words, size_t *lens, int k, int max)
{
    while (n > 0 && is_punct((unsigned char)s[0])) {
        if (s[0] == ',' && (k = push_word(d, s, 1, words, lens, k, max)) < 0)
            return -1;
        s++;
        n--;
    }
    const char *tail = NULL;
    size_t tailn = 0;
    while (n > 0 && is_punct((unsigned char)s[n - 1])) {
        if (s[n - 1] == ',') {
            tail = ",";
            tailn = 1;
        }
        n--;
    }
    if (n > 0 && s[n - 1] == '.' && !keeps_period(d, s, n))
        n--;
    /* "Workers'": the text stage makes the final apostrophe a token */
    if (n > 1 && s[n - 1] == '\'') {
        if ((k = push_word(d, s, n - 1, words, lens, k, max)) < 0)
            return -1;
        s += n - 1;
        n = 1;
    }
    size_t poss = 0;
    if (n > 2 && (s[n - 1] == 's' || s[n - 1] == 'S') && s[n - 2] == '\'')
        poss = 2;
    else if (n > 4 && (s[n - 1] == 's' || s[n - 1] == 'S') &&
             memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0)
        poss = 4;
    if ((k = push_word(d, s, n - poss, words, lens, k, max)) < 0)
        return -1;
    if (poss && (k = push_word(d, "'s", 2, words, lens, k, max)) < 0)
        return -1;
    if (tail && (k = push_word(d, tail, tailn, words, lens, k, max)) < 0)
        return -1;
    return k;
}

int dl__phrase_words(dl__actor_dict *d, const char *s, size_t n,
                     const char **words, size_t *lens, int max)
{
    int k = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && is_sep(s[i]))
            i++;
        size_t j = i;
        while (j < n && !is_sep(s[j]))
            j++;
        if (j > i && (k = split_piece(d, s + i, j - i, words, lens, k, max)) < 0)
            return -1;
        i = j;
    }
    return k;
}

/* ------------------------------------------------------------ entries */

int32_t dl__adict_new_actor(dl__actor_dict *d)
{
    if (!grow_array((void **)&d->actors, &d->capactors, d->nactors + 1,
                    sizeof *d->actors)) {
        d->oom = 1;
        return -1;
    }
    dl__actor_entry *e = &d->actors[d->nactors];
    memset(e, 0, sizeof *e);
    e->restr = d->nrestrs;
    return (int32_t)d->nactors++;
}

int32_t dl__adict_new_agent(dl__actor_dict *d)
{
    if (!grow_array((void **)&d->agents, &d->capagents, d->nagents + 1,
                    sizeof *d->agents)) {
        d->oom = 1;
        return -1;
    }
    memset(&d->agents[d->nagents], 0, sizeof d->agents[0]);
    return (int32_t)d->nagents++;
}

void dl__adict_add_restr(dl__actor_dict *d, int32_t entry, long from, long to,
                         const char *code)
{
    dl__actor_entry *e = &d->actors[entry];
    /* restrictions of an entry are contiguous: only the newest entry
     * may receive them */
    if (e->restr + e->nrestr != d->nrestrs) {
        dl__adict_diag(d, 0, e->why, 0, "internal: restriction out of order");
        return;
    }
    if (!grow_array((void **)&d->restrs, &d->caprestrs, d->nrestrs + 1,
                    sizeof *d->restrs)) {
        d->oom = 1;
        return;
    }
    d->restrs[d->nrestrs++] = (dl__restr){from, to, code};
    e->nrestr++;
}

void dl__adict_diag(dl__actor_dict *d, int conflict, const char *file,
                    long line, const char *fmt, ...)
{
    if (conflict)
        d->nconflicts++;
    else
        d->nerrors++;
    if (d->ndiags >= DL__MAX_DIAGS)
        return;
    if (!grow_array((void **)&d->diags, &d->capdiags, d->ndiags + 1,
                    sizeof *d->diags)) {
        d->oom = 1;
        return;
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    dl__diag *g = &d->diags[d->ndiags++];
    g->where = line > 0 ? dl__adict_where(d, file, line)
                        : dl__arena_strdup(&d->arena, file ? file : "");
    g->msg = dl__arena_strdup(&d->arena, buf);
    g->conflict = conflict;
}

const char *dl__adict_where(dl__actor_dict *d, const char *file, long line)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    return dl__arena_printf(&d->arena, "%s:%ld", base, line);
}

#define DL__MAX_PHRASE 24

static int32_t walk_add(dl__actor_dict *d, const char *phrase, size_t n,
                        const char *where)
{
    const char *words[DL__MAX_PHRASE];
    size_t lens[DL__MAX_PHRASE];
    int k = dl__phrase_words(d, phrase, n, words, lens, DL__MAX_PHRASE);
    if (k < 0) {
        if (!d->oom)
            dl__adict_diag(d, 0, where, 0, "phrase of more than %d words",
                           DL__MAX_PHRASE);
        return -1;
    }
    if (k == 0) {
        dl__adict_diag(d, 0, where, 0, "empty phrase");
        return -1;
    }
    uint32_t node = 0;
    for (int i = 0; i < k; i++) {
        int32_t w = intern(d, words[i], lens[i]);
        if (w < 0)
            return -1;
        int32_t c = step_or_add(d, node, (uint32_t)w);
        if (c < 0)
            return -1;
        node = (uint32_t)c;
    }
    return (int32_t)node;
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* One word of letters with two capitals or more: "WHO", "LeT", "NATO". */
static int is_acronym(const char *s, size_t n)
{
    int upper = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            upper++;
        else if (!(c >= 'a' && c <= 'z') && c != '.')
            return 0;
    }
    return upper >= 2;
}

void dl__adict_add_actor(dl__actor_dict *d, const char *phrase, size_t n,
                         int32_t entry, const char *where)
{
    if (entry < 0)
        return;
    int32_t node = walk_add(d, phrase, n, where);
    if (node < 0)
        return;
    int32_t old = d->nodes[node].actor;
    if (old >= 0 && old != entry && d->noverrides < DL__MAX_DIAGS &&
        grow_array((void **)&d->overrides, &d->capoverrides, d->noverrides + 1,
                   sizeof *d->overrides))
        d->overrides[d->noverrides++] = (dl__override){
            old, entry, dl__arena_strndup(&d->arena, phrase, n), where};
    d->nodes[node].actor = entry;
    d->nodes[node].acronym = !(d->actors[entry].flags & DL__ACT_PETR) &&
                             is_acronym(phrase, n);
}

static int same_restrs(const dl__actor_dict *d, const dl__actor_entry *a,
                       const dl__actor_entry *b)
{
    if (a->nrestr != b->nrestr)
        return 0;
    for (uint32_t i = 0; i < a->nrestr; i++) {
        const dl__restr *x = &d->restrs[a->restr + i], *y = &d->restrs[b->restr + i];
        if (x->from != y->from || x->to != y->to || !same_str(x->code, y->code))
            return 0;
    }
    return 1;
}

void dl__adict_finish(dl__actor_dict *d)
{
    for (uint32_t i = 0; i < d->noverrides; i++) {
        const dl__override *o = &d->overrides[i];
        const dl__actor_entry *a = &d->actors[o->old], *b = &d->actors[o->new_];
        int person = a->kind == DL_ACTOR_PERSON || b->kind == DL_ACTOR_PERSON;
        if (same_str(a->code, b->code) && same_restrs(d, a, b) &&
            (!person || same_str(a->name, b->name)))
            continue;
        dl__adict_diag(d, 1, o->where, 0,
                       "'%s' is %s (%s) at %s and %s (%s) here (the later wins)",
                       o->phrase, a->code ? a->code : "dated", a->name ? a->name : "-",
                       a->why, b->code ? b->code : "dated", b->name ? b->name : "-");
    }
    free(d->overrides);
    d->overrides = NULL;
    d->noverrides = d->capoverrides = 0;
}

void dl__adict_add_agent(dl__actor_dict *d, const char *phrase, size_t n,
                         int32_t entry, const char *where)
{
    if (entry < 0)
        return;
    int32_t node = walk_add(d, phrase, n, where);
    if (node < 0)
        return;
    int32_t old = d->nodes[node].agent;
    if (old >= 0 && old != entry) {
        const dl__agent_entry *a = &d->agents[old], *b = &d->agents[entry];
        if (!same_str(a->code, b->code) || a->flags != b->flags)
            dl__adict_diag(d, 1, where, 0,
                           "agent '%.*s' is %s at %s and %s here (the later wins)",
                           (int)n, phrase, a->code, a->why, b->code);
    }
    d->nodes[node].agent = entry;
}

/* ------------------------------------------------------------ codes */

static const char *const non_country[] = {
    "IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "---", "UAF",
};

static int is_non_country(const char *c)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(non_country); i++)
        if (memcmp(c, non_country[i], 3) == 0)
            return 1;
    return 0;
}

void dl__code_split(const char *code, dl__arena *a, const char **country,
                    const char **sector)
{
    *country = NULL;
    *sector = NULL;
    if (code == NULL)
        return;
    size_t n = strlen(code);
    if (n < 3 || strchr(code, '/') != NULL)
        return;
    if (is_non_country(code)) {
        if (memcmp(code, "---", 3) != 0)
            *sector = dl__arena_strndup(a, code, 3);
        else if (n >= 6)
            *sector = dl__arena_strndup(a, code + 3, 3);
        return;
    }
    *country = dl__arena_strndup(a, code, 3);
    if (n >= 6)
        *sector = dl__arena_strndup(a, code + 3, 3);
}

/* Whether the 3-letter chunks of `code` contain `part` (itself made of
 * 3-letter chunks) at an aligned position. */
static int has_aligned(const char *code, const char *part)
{
    size_t n = strlen(code), m = strlen(part);
    if (m == 0 || m > n)
        return m == 0;
    for (size_t i = 0; i + m <= n; i += 3)
        if (memcmp(code + i, part, m) == 0)
            return 1;
    return 0;
}

const char *dl__code_combine(const char *actor, const dl__agent_entry *ag,
                             dl__arena *a)
{
    const char *x = ag->code ? ag->code : "";
    if (actor == NULL || *actor == '\0' || strcmp(actor, "---") == 0)
        return (ag->flags & DL__AGT_PREFIX)
                   ? dl__arena_strdup(a, x)
                   : dl__arena_printf(a, "---%s", x);
    if (has_aligned(actor, x))
        return actor;
    if (ag->flags & DL__AGT_PREFIX)
        return dl__arena_printf(a, "%s%s", x, actor);
    return dl__arena_printf(a, "%s%s", actor, x);
}

const char *dl__actor_code_on(const dl__actor_dict *d,
                              const dl__actor_entry *e, long day,
                              dl__arena *scratch)
{
    if (e->nrestr == 0)
        return e->code;
    const dl__restr *r = d->restrs + e->restr;
    for (uint32_t i = 0; i < e->nrestr; i++)
        if (day >= r[i].from && day <= r[i].to)
            return r[i].code;
    if (!(e->flags & DL__ACT_ROLES) || e->nrestr == 0)
        return e->code;
    /* our people: after the roles, a former elite of the latest role's
     * country; before them, the country alone */
    const dl__restr *last = NULL, *first = NULL;
    for (uint32_t i = 0; i < e->nrestr; i++) {
        if (r[i].to < day && (last == NULL || r[i].to > last->to))
            last = &r[i];
        if (first == NULL || r[i].from < first->from)
            first = &r[i];
    }
    const dl__restr *pick = last ? last : first;
    const char *country, *sector;
    dl__code_split(pick->code, scratch, &country, &sector);
    if (country == NULL)
        return e->code ? e->code : pick->code;
    return last ? dl__arena_printf(scratch, "%sELI", country) : country;
}
