/*
 * places.c — the places stage: loads the gazetteer and our word lists,
 * finds candidate place names in each sentence (longest gazetteer match
 * over capitalized tokens, with the context that makes a name a place or
 * not), hands them to resolve.c and writes doc->places. Also the event
 * hand-off dl__place_in_span.
 *
 * What is not a place: a name inside a person or organization mention of
 * the actor layer, a metonym the actor stage coded ("Moscow said"), a
 * common word ("Police", "Reading"), a name glued to other capitalized
 * words ("Henry Ford", "Washington Post"), a country adjective
 * ("Spanish"), and a country named as an actor rather than a location
 * ("Poland said" — countries count only after a locative word, as a
 * qualifier or at a border). A metonym resolved to the capital it names
 * is dropped unless a locative word shows the place is meant.
 */
#include "places/places.h"
#include "text/text.h"

#include <math.h>
#include <stdlib.h>

#define MAX_NAME_TOKENS 6
#define MAX_CANDS (1u << 20) /* bounds memory: every lookup over candidates is linear */

/* Word classes in data/places/words.txt. */
enum word_class {
    W_LOCATIVE = 1, /* in, near, from ...: a location follows */
    W_FUNCTION,     /* the, and, northern ...: may precede a place */
    W_STOP,         /* a common word that is also a place name */
    W_TITLE,        /* Mr., Gov., President: a person follows */
    W_SUFFIX,       /* Police, County, University: a name of a place
                       may precede it inside an organization name */
    W_GEO,          /* outskirts, north ...: "... of X" is locative */
    W_CONNECT,      /* of, de, upon: may sit inside a place name */
    W_BORDER,       /* border, frontier */
};

static const struct { const char *name; int cls; } class_names[] = {
    {"locative", W_LOCATIVE}, {"function", W_FUNCTION}, {"stop", W_STOP},
    {"title", W_TITLE},       {"suffix", W_SUFFIX},     {"geo", W_GEO},
    {"connect", W_CONNECT},   {"border", W_BORDER},
};

/* ------------------------------------------------------------- loading */

static dl_code load_words(dl__places_kb *pk, const char *path, dl_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return dl__fail(err, DL_EIO, "cannot open %s", path);
    char line[512];
    long ln = 0;
    int cls = 0;
    dl_code rc = DL_OK;
    while (rc == DL_OK && fgets(line, sizeof line, f)) {
        ln++;
        size_t n = strcspn(line, "\r\n#");
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (n == 0)
            continue;
        if (line[0] == '[') {
            cls = 0;
            for (size_t i = 0; i < DL_ARRAY_LEN(class_names); i++)
                if (n == strlen(class_names[i].name) + 2 &&
                    memcmp(line + 1, class_names[i].name, n - 2) == 0)
                    cls = class_names[i].cls;
            if (cls == 0)
                rc = dl__fail_at(err, DL_EDICT, path, ln, "unknown section");
            continue;
        }
        if (cls == 0) {
            rc = dl__fail_at(err, DL_EDICT, path, ln, "word before a [section]");
            break;
        }
        size_t kl;
        char *k = dl__normalize(&pk->arena, line, n, &kl);
        int oom = 0;
        if (k == NULL)
            rc = dl__fail(err, DL_ENOMEM, NULL);
        else if (dl__strmap_get(&pk->locative, k, kl) != NULL)
            rc = dl__fail_at(err, DL_EDICT, path, ln, "word listed twice");
        else
            dl__strmap_put(&pk->locative, k, kl, (void *)(uintptr_t)cls, &oom);
        if (oom)
            rc = dl__fail(err, DL_ENOMEM, NULL);
    }
    fclose(f);
    return rc;
}

static void places_unload(void *state)
{
    dl__places_kb *pk = state;
    if (pk == NULL)
        return;
    dl__gaz_close(&pk->gaz);
    dl__strmap_free(&pk->stop);
    dl__strmap_free(&pk->locative);
    dl__arena_free(&pk->arena);
    free(pk);
}

static dl_code places_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                           dl_error *err)
{
    DL_UNUSED(cfg);
    dl__places_kb *pk = calloc(1, sizeof *pk);
    if (pk == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&pk->arena, 16384);
    dl__strmap_init(&pk->stop);
    dl__strmap_init(&pk->locative);
    dl_code rc = dl__gaz_open(dl__kb_path(kb, "places/gazetteer.bin"),
                              &pk->gaz, err);
    if (rc == DL_OK)
        rc = load_words(pk, dl__kb_path(kb, "places/words.txt"), err);
    if (rc != DL_OK) {
        places_unload(pk);
        return rc;
    }
    *state = pk;
    return DL_OK;
}

/* ------------------------------------------------------- token helpers */

/* What the actor layer says a token is part of. */
enum block {
    B_FREE = 0,
    B_NAME = 1,     /* a person, organization or group: never a place */
    B_COUNTRY = 2,  /* a country's own name ("Poland"): may be a place */
    B_METONYM = 3,  /* a capital read as its government ("Moscow said") */
    B_DEMONYM = 4,  /* a country adjective ("Spanish"): not a place name */
};

typedef struct scan {
    const dl__places_kb *pk;
    dl_doc *doc;
    const dl_token *tok;
    size_t ntok;
    dl__pcand *c;
    size_t nc, cap;
    uint8_t *blocked; /* per token: enum block */
    const char *persons[256]; /* last words of names seen ("Taylor") */
    size_t npersons;
    const char *given[256];   /* first words of names seen ("Jerome") */
    size_t ngiven;
    struct support *sup;      /* live choices, for drop_reason (or NULL) */
} scan;

static int word_class(const scan *s, size_t i)
{
    const dl_token *t = &s->tok[i];
    size_t n = strlen(t->norm);
    while (n > 1 && t->norm[n - 1] == '.')
        n--;
    return (int)(uintptr_t)dl__strmap_get(&s->pk->locative, t->norm, n);
}

static bool is_cap(const dl_token *t)
{
    return (t->flags & DL_TOK_WORD) && (t->flags & (DL_TOK_CAP | DL_TOK_UPPER));
}

/* Capitalized and not a function word: part of some proper name. */
static bool name_like(const scan *s, size_t i)
{
    if (!is_cap(&s->tok[i]) || s->blocked[i] == B_COUNTRY || s->blocked[i] == B_DEMONYM)
        return false;
    int cls = word_class(s, i);
    return cls == 0 || cls == W_STOP;
}

static bool only_space_between(const scan *s, size_t a, size_t b)
{
    for (uint32_t k = s->tok[a].end; k < s->tok[b].start; k++)
        if (s->doc->text[k] != ' ')
            return false;
    return true;
}

/* Canonical key of the text from token a to token b (inclusive). */
static size_t span_key(scan *s, size_t a, size_t b, char *out, size_t cap)
{
    const char *p = s->doc->text + s->tok[a].start;
    size_t n = s->tok[b].end - s->tok[a].start;
    char buf[DL__GAZ_KEY_MAX * 2];
    bool ascii = n < sizeof buf;
    for (size_t i = 0; ascii && i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch >= 0x80)
            ascii = false;
        else
            buf[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    if (ascii)
        return dl__gaz_canon(buf, n, out, cap);
    if (n > 4 * DL__GAZ_KEY_MAX)
        return 0;
    size_t nl;
    char *norm = dl__normalize(&s->doc->arena, p, n, &nl);
    return norm ? dl__gaz_canon(norm, nl, out, cap) : 0;
}

/* Whether tokens a..b can form one name: capitalized words, connectors
 * inside, hyphens and apostrophes glued without spaces. */
static bool name_shape(const scan *s, size_t a, size_t b)
{
    if (!is_cap(&s->tok[a]) || !is_cap(&s->tok[b]))
        return false;
    for (size_t k = a; k <= b; k++) {
        if (s->blocked[k] == B_NAME || s->blocked[k] == B_DEMONYM)
            return false;
        if (k > a && s->tok[k].start != s->tok[k - 1].end &&
            !only_space_between(s, k - 1, k))
            return false;
        if (k == a || k == b || is_cap(&s->tok[k]))
            continue;
        const dl_token *t = &s->tok[k];
        bool glued = t->start == s->tok[k - 1].end && s->tok[k + 1].start == t->end;
        if (glued && (t->flags & DL_TOK_PUNCT))
            continue;
        int cls = word_class(s, k);
        bool connector = cls == W_CONNECT ||
                         (cls == W_FUNCTION && (strcmp(t->norm, "and") == 0 ||
                                                strcmp(t->norm, "on") == 0));
        if (!(t->flags & DL_TOK_WORD) || !connector)
            return false;
    }
    return true;
}

/* --------------------------------------------------------- recognition */

static dl__pcand *new_cand(scan *s, size_t a, size_t b, const uint32_t *post,
                           uint32_t npost)
{
    if (s->nc >= s->cap)
        return NULL;
    dl__pcand *c = &s->c[s->nc++];
    memset(c, 0, sizeof *c);
    c->tok_first = (uint32_t)a;
    c->tok_last = (uint32_t)b;
    c->start = s->tok[a].start;
    c->end = s->tok[b].end;
    c->sentence = s->tok[a].sentence;
    c->post = post;
    c->npost = npost;
    c->qualifier = -1;
    c->pick = -1;
    return c;
}

/* The longest gazetteer name starting at token i of a sentence ending
 * before token `stop`; returns the last token, or SIZE_MAX. */
static size_t longest_match(scan *s, size_t i, size_t stop,
                            const uint32_t **post, uint32_t *npost,
                            unsigned *kflags)
{
    size_t maxb = i + MAX_NAME_TOKENS * 2;
    if (maxb > stop)
        maxb = stop;
    for (size_t b = maxb; b-- > i;) {
        if (!name_shape(s, i, b))
            continue;
        char key[DL__GAZ_KEY_MAX];
        size_t kl = span_key(s, i, b, key, sizeof key);
        if (kl == 0)
            continue;
        *post = dl__gaz_find(&s->pk->gaz, key, kl, npost, kflags);
        if (*post)
            return b;
    }
    return SIZE_MAX;
}

/* Skips back over determiners and direction words to the word that
 * governs the name: "in the northern city of X" -> "in" (via "of"). */
static bool locative_before(const scan *s, size_t a, size_t first)
{
    size_t k = a;
    for (int hops = 0; hops < 6 && k > first; hops++) {
        k--;
        int cls = word_class(s, k);
        if (cls == W_LOCATIVE || cls == W_BORDER)
            return true;
        if (cls == W_CONNECT && s->tok[k].norm[0] == 'o' && k > first &&
            (word_class(s, k - 1) == W_GEO || word_class(s, k - 1) == W_BORDER))
            return true;
        if ((s->tok[k].flags & DL_TOK_NUM) || s->blocked[k] == B_COUNTRY ||
            s->blocked[k] == B_DEMONYM)
            continue; /* "in the Georgian capital" */
        if (cls != W_FUNCTION && cls != W_GEO)
            return false;
    }
    return false;
}

/* Reasons a name found in the gazetteer is not a place here. */
static void remember_person(scan *s, size_t i)
{
    if (s->npersons < DL_ARRAY_LEN(s->persons))
        s->persons[s->npersons++] = s->tok[i].norm;
}

static void remember_given(scan *s, size_t i)
{
    if (s->ngiven < DL_ARRAY_LEN(s->given))
        s->given[s->ngiven++] = s->tok[i].norm;
}

static bool seen_given(const scan *s, size_t i)
{
    for (size_t k = 0; k < s->ngiven; k++)
        if (strcmp(s->given[k], s->tok[i].norm) == 0)
            return true;
    return false;
}

static bool seen_person(const scan *s, size_t i)
{
    for (size_t k = 0; k < s->npersons; k++)
        if (strcmp(s->persons[k], s->tok[i].norm) == 0)
            return true;
    return false;
}

/* Whether the all-capital word at token a is a short name of a country
 * or division in our aliases ("US", "UK", "UAE"), not an acronym that
 * happens to spell a town ("NATO", "FEMA"). */
static bool acronym_place(scan *s, size_t a)
{
    char key[DL__GAZ_KEY_MAX];
    size_t kl = span_key(s, a, a, key, sizeof key);
    uint32_t n;
    const uint32_t *p = dl__gaz_find(&s->pk->gaz, key, kl, &n, NULL);
    for (uint32_t i = 0; p && i < n; i++) {
        const dl__gaz_entry *e = &s->pk->gaz.entries[p[i] & DL__GAZ_POST_IDX];
        if ((p[i] & DL__GAZ_POST_ALT) &&
            (e->kind == DL__GAZ_COUNTRY || e->kind == DL__GAZ_ADMIN1 ||
             e->kind == DL__GAZ_CITY))
            return true;
    }
    return false;
}

/* First word of its sentence or of a quotation: capitalized anyway. */
static bool starts_sentence(const scan *s, size_t a, size_t first)
{
    if (a == first || (s->tok[a].flags & DL_TOK_SSTART))
        return true;
    const dl_token *p = &s->tok[a - 1];
    return (p->flags & (DL_TOK_QUOTE | DL_TOK_OPEN)) || strcmp(p->norm, ":") == 0;
}

/* A [stop] phrase of words.txt ("White House"). */
static bool stop_phrase(scan *s, size_t a, size_t b)
{
    char key[DL__GAZ_KEY_MAX];
    size_t kl = span_key(s, a, b, key, sizeof key);
    return kl > 0 &&
           (uintptr_t)dl__strmap_get(&s->pk->locative, key, kl) == W_STOP;
}

/* Right after "Name, ": where a state or country qualifies a name. */
static bool qualifier_slot(const scan *s, size_t a)
{
    return a >= 2 && s->nc > 0 && s->c[s->nc - 1].tok_last == a - 2 &&
           strcmp(s->tok[a - 1].norm, ",") == 0;
}

/* Whether a name most likely names an area (a state, county, country):
 * such names open organization names ("Texas Forest Service", "Laurel
 * County Sheriff") and still name the place; cities open person names. */
static bool area_name(const scan *s, const uint32_t *post, uint32_t npost)
{
    if (npost == 0 || (post[0] & DL__GAZ_POST_ALT))
        return false; /* "Flores" the surname, not "Flores Department" */
    uint8_t k = s->pk->gaz.entries[post[0] & DL__GAZ_POST_IDX].kind;
    return k == DL__GAZ_ADMIN1 || k == DL__GAZ_ADMIN2 || k == DL__GAZ_COUNTRY ||
           k == DL__GAZ_REGION;
}

static const char *reject_reason(scan *s, size_t a, size_t b, size_t first,
                                 size_t stop, unsigned kflags,
                                 const uint32_t *post, uint32_t npost)
{
    bool area = area_name(s, post, npost);
    if (a == b && (kflags & DL__GAZ_COMMON) && starts_sentence(s, a, first) &&
        !locative_before(s, a, first) && s->blocked[a] != B_COUNTRY)
        return "common word at the start of a sentence";
    if (a == b && word_class(s, a) != 0 && !qualifier_slot(s, a))
        return "common word";
    if (a != b && stop_phrase(s, a, b))
        return "a building or institution named like a town";
    if (a == b && seen_person(s, a))
        return "a name of a person seen before";
    /* "Jerome Powell ... Jerome said": a first name, unless a locative
     * word shows a place is meant */
    if (a == b && seen_given(s, a) && !locative_before(s, a, first))
        return "the first name of a person seen before";
    if (a == b && (s->tok[a].flags & DL_TOK_UPPER) && s->tok[a].end - s->tok[a].start <= 5 &&
        !(s->tok[a].flags & DL_TOK_ABBR) && !acronym_place(s, a))
        return "an acronym";
    if (a > first && word_class(s, a - 1) == W_TITLE)
        return "after a title";
    if (a > first && !area && name_like(s, a - 1) && only_space_between(s, a - 1, a) &&
        !(s->nc > 0 && s->c[s->nc - 1].tok_last == a - 1)) {
        if (a == b)
            remember_person(s, a);
        return "inside a longer name";
    }
    if (b + 1 < stop && !area && name_like(s, b + 1) && only_space_between(s, b, b + 1)) {
        return "followed by a name";
    }
    return NULL;
}

static void find_names(scan *s, size_t first, size_t stop)
{
    for (size_t i = first; i < stop; i++) {
        if (!is_cap(&s->tok[i]) || s->blocked[i] == B_NAME || s->blocked[i] == B_DEMONYM)
            continue;
        const uint32_t *post;
        uint32_t npost;
        unsigned kflags = 0;
        size_t b = longest_match(s, i, stop, &post, &npost, &kflags);
        if (b == SIZE_MAX)
            continue;
        const char *why = reject_reason(s, i, b, first, stop, kflags, post, npost);
        if (why) {
            dl__doc_note(s->doc, "places", s->tok[i].start, s->tok[b].end,
                         "not a place: %s", why);
            i = b;
            continue;
        }
        bool slot = qualifier_slot(s, i);
        dl__pcand *c = new_cand(s, i, b, post, npost);
        if (c == NULL)
            return;
        /* "La." keeps its period when the tokenizer split it off */
        if (slot && b + 1 < stop && strcmp(s->tok[b + 1].norm, ".") == 0 &&
            s->tok[b + 1].start == s->tok[b].end && s->tok[b].end - s->tok[b].start <= 4)
            c->end = s->tok[b + 1].end;
        if (locative_before(s, i, first))
            c->flags |= DL__PC_LOCATIVE;
        if (i == b && (kflags & DL__GAZ_COMMON))
            c->flags |= DL__PC_COMMON;
        if (s->blocked[i] == B_METONYM)
            c->flags |= DL__PC_METONYM;
        i = b;
    }
}

/* The gazetteer entry of a country by its alpha-3 code and name. */
static const uint32_t *country_posting(const scan *s, const char *name,
                                       const char *code)
{
    if (name == NULL || code == NULL)
        return NULL;
    char key[DL__GAZ_KEY_MAX];
    size_t nl;
    char *norm = dl__normalize(&s->doc->arena, name, strlen(name), &nl);
    size_t kl = norm ? dl__gaz_canon(norm, nl, key, sizeof key) : 0;
    uint32_t n;
    const uint32_t *p = dl__gaz_find(&s->pk->gaz, key, kl, &n, NULL);
    for (uint32_t i = 0; p && i < n; i++) {
        const dl__gaz_entry *e = &s->pk->gaz.entries[p[i] & DL__GAZ_POST_IDX];
        if (e->kind == DL__GAZ_COUNTRY && strcmp(e->country, code) == 0)
            return p + i;
    }
    return NULL;
}

/* "Polish border": a country adjective of the actor layer before
 * "border"; "border with Belarus": the border word before a country. */
static void find_borders(scan *s, const dl_actor *act, size_t nact)
{
    for (size_t k = 0; k < nact; k++) {
        const dl_actor *a = &act[k];
        size_t nb = a->tok_last + 1;
        if (a->kind != DL_ACTOR_COUNTRY || nb >= s->ntok || a->tok_first > a->tok_last ||
            s->tok[nb].sentence != a->sentence || word_class(s, nb) != W_BORDER)
            continue;
        const uint32_t *p = country_posting(s, a->name, a->country);
        if (p == NULL)
            continue;
        dl__pcand *c = new_cand(s, a->tok_first, nb, p, 1);
        if (c)
            c->flags |= DL__PC_BORDER | DL__PC_LOCATIVE;
    }
    for (size_t i = 0; i < s->nc; i++) {
        /* "Ukraine's border" */
        dl__pcand *c = &s->c[i];
        size_t nb = c->tok_last + 2;
        if (!(c->flags & DL__PC_BORDER) && nb < s->ntok &&
            (s->tok[c->tok_last + 1].flags & DL_TOK_POSS) &&
            s->tok[nb].sentence == c->sentence && word_class(s, nb) == W_BORDER) {
            c->flags |= DL__PC_BORDER | DL__PC_LOCATIVE;
            c->end = s->tok[nb].end;
            c->tok_last = (uint32_t)nb;
        }
    }
    for (size_t i = 0; i < s->nc; i++) {
        dl__pcand *c = &s->c[i];
        size_t a = c->tok_first, sf = 0;
        if (a < 2 || (c->flags & DL__PC_BORDER))
            continue;
        sf = a - 2;
        int cls = word_class(s, a - 1);
        const char *w = s->tok[a - 1].norm;
        if (word_class(s, sf) == W_BORDER && s->tok[sf].sentence == c->sentence &&
            (strcmp(w, "with") == 0 || strcmp(w, "of") == 0 ||
             strcmp(w, "between") == 0 || cls == W_CONNECT)) {
            c->flags |= DL__PC_BORDER | DL__PC_LOCATIVE;
            c->start = s->tok[sf].start;
            c->tok_first = (uint32_t)sf;
        }
    }
}

/* "in Warsaw, Rzeszow and Lublin": names listed after a located name
 * are located too. */
static void inherit_locative(scan *s)
{
    for (size_t i = 1; i < s->nc; i++) {
        dl__pcand *a = &s->c[i - 1], *b = &s->c[i];
        if (!(a->flags & DL__PC_LOCATIVE) || (b->flags & DL__PC_LOCATIVE) ||
            a->sentence != b->sentence || b->tok_first <= a->tok_last)
            continue;
        bool list = true;
        for (size_t k = a->tok_last + 1; k < b->tok_first && list; k++) {
            const char *w = s->tok[k].norm;
            list = strcmp(w, ",") == 0 || strcmp(w, "and") == 0 ||
                   strcmp(w, "or") == 0 || strcmp(w, "the") == 0;
        }
        if (list)
            b->flags |= DL__PC_LOCATIVE;
    }
}

/* "X, Y": Y may name the state or country of X ("Alexandria, La."). */
static void link_qualifiers(scan *s)
{
    for (size_t i = 0; i + 1 < s->nc; i++) {
        dl__pcand *a = &s->c[i], *b = &s->c[i + 1];
        if (a->sentence == b->sentence && a->tok_last + 2 == b->tok_first &&
            strcmp(s->tok[a->tok_last + 1].norm, ",") == 0 &&
            !(a->flags & DL__PC_BORDER) && !(b->flags & DL__PC_BORDER)) {
            a->qualifier = (int32_t)(i + 1);
            b->flags |= DL__PC_QUALIFIER;
        }
    }
}

static int cmp_cand(const void *x, const void *y)
{
    const dl__pcand *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end > b->end ? -1 : (a->end < b->end);
}

/* A country mention whose words are not the country's name: "Polish",
 * "Russians" (as opposed to "Poland", "Russia's"). */
static bool demonym(const scan *s, const dl_actor *a)
{
    if (a->country == NULL || a->tok_last >= s->ntok)
        return false;
    size_t first = a->tok_first, last = a->tok_last;
    if (last > first && (s->tok[last].flags & DL_TOK_POSS))
        last--;
    if (last > first && strcmp(s->tok[first].norm, "the") == 0)
        first++;
    char key[DL__GAZ_KEY_MAX];
    size_t kl = span_key((scan *)s, first, last, key, sizeof key);
    uint32_t n;
    const uint32_t *p = dl__gaz_find(&s->pk->gaz, key, kl, &n, NULL);
    for (uint32_t i = 0; p && i < n; i++) {
        const dl__gaz_entry *e = &s->pk->gaz.entries[p[i] & DL__GAZ_POST_IDX];
        /* "Wales" coded GBR names a division, "Darfur" SDN a region */
        if ((e->kind == DL__GAZ_COUNTRY || e->kind == DL__GAZ_ADMIN1 ||
             e->kind == DL__GAZ_REGION) &&
            strcmp(e->country, a->country) == 0)
            return false;
    }
    return true;
}

/* Whether the one word at token i names, at best, a town under 50,000
 * people (no country, division or larger city of that name). */
static bool small_town_name(scan *s, size_t i)
{
    char key[DL__GAZ_KEY_MAX];
    size_t kl = span_key(s, i, i, key, sizeof key);
    uint32_t n;
    const uint32_t *p = kl ? dl__gaz_find(&s->pk->gaz, key, kl, &n, NULL) : NULL;
    if (p == NULL)
        return true;
    for (uint32_t k = 0; k < n; k++) {
        const dl__gaz_entry *e = &s->pk->gaz.entries[p[k] & DL__GAZ_POST_IDX];
        if (e->kind != DL__GAZ_CITY || e->population >= 50000)
            return false;
    }
    return true;
}

/* Tokens inside actor mentions other than plain country names: persons,
 * organizations ("NATO"), groups ("Wagner"), metonyms ("Moscow said"). */
static void block_actors(scan *s, const dl_actor *act, size_t nact)
{
    for (size_t k = 0; k < nact; k++) {
        const dl_actor *a = &act[k];
        if (a->kind == DL_ACTOR_COUNTRY) {
            /* "the Georgian capital Tbilisi", "Spanish": an adjective is
             * not a name (not even of Spanish, Ontario) */
            uint8_t mark = demonym(s, a) ? B_DEMONYM : B_COUNTRY;
            for (size_t t = a->tok_first; t <= a->tok_last && t < s->ntok; t++)
                if (s->blocked[t] == B_FREE)
                    s->blocked[t] = mark;
            continue;
        }
        if (a->kind == DL_ACTOR_PRONOUN || a->kind == DL_ACTOR_AGENT)
            continue;
        /* a person the actor stage found only by a given name of the
         * name lists ("Jerome Siegel"): places keep precedence over it
         * ("Florida", "Augusta"), but a small town's name that opened it
         * is a first name when it later stands alone */
        if (a->kind == DL_ACTOR_PERSON && a->why && strstr(a->why, "rule:given-name")) {
            if (a->tok_first < s->ntok && small_town_name(s, a->tok_first))
                remember_given(s, a->tok_first);
            continue;
        }
        /* a metonym ("Moscow said") stays out unless a locative word
         * shows the place is meant ("talks in Moscow") */
        uint8_t mark = a->kind == DL_ACTOR_METONYM ? B_METONYM : B_NAME;
        for (size_t t = a->tok_first; t <= a->tok_last && t < s->ntok; t++)
            if (s->blocked[t] != B_NAME)
                s->blocked[t] = mark;
        if (a->kind == DL_ACTOR_PERSON && a->tok_last < s->ntok &&
            is_cap(&s->tok[a->tok_last]))
            remember_person(s, a->tok_last);
        /* the person's first word: "Jerome" of "Jerome Powell" (not a
         * title: the mention "President Donald Trump" opens with one) */
        if (a->kind == DL_ACTOR_PERSON && a->tok_first < a->tok_last &&
            a->tok_last < s->ntok && is_cap(&s->tok[a->tok_first]) &&
            word_class(s, a->tok_first) == 0)
            remember_given(s, a->tok_first);
    }
}

/* ---------------------------------------------------------------- run */

static const dl__gaz_entry *picked(const scan *s, const dl__pcand *c)
{
    return c->pick < 0 ? NULL
                       : &s->pk->gaz.entries[c->post[c->pick] & DL__GAZ_POST_IDX];
}

/* ------------------------------------------- support, in linear time
 *
 * drop_reason asks of every small place whether another name of the
 * document, resolved and not dropped, chose a place in the same division
 * or within 200 km. Asked of every name against every other, that was
 * quadratic in a long document. Instead the live choices are counted per
 * gazetteer entry and per division, and their distinct entries kept in
 * cells of 2 by 2 degrees: a question looks at the entries of the cells
 * within reach, each once however often the text names it. Dropping a
 * name takes its choice out. The answers are those of the scan
 * (supported_scan, kept for out-of-memory). */

typedef struct live_entry {
    const dl__gaz_entry *e;
    uint32_t live;      /* names choosing it, not dropped */
    int32_t next;       /* next distinct entry of its cell, or -1 */
} live_entry;

typedef struct live_key {
    uintptr_t key;      /* 0: empty slot */
    int32_t val;        /* entry index, division count or cell head */
} live_key;

typedef struct support {
    live_entry *ents;
    size_t nents;
    live_key *by_entry, *by_admin1, *by_cell;
    size_t mask;        /* the three tables have mask + 1 slots */
} support;

static live_key *key_slot(live_key *t, size_t mask, uintptr_t key)
{
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & mask;
    while (t[h].key != 0 && t[h].key != key)
        h = (h + 1) & mask;
    return &t[h];
}

static bool near_kind(const dl__gaz_entry *f)
{
    return f->kind != DL__GAZ_COUNTRY && f->kind != DL__GAZ_REGION;
}

static uintptr_t cell_key(int32_t lat_cell, int32_t lon_cell)
{
    return (uintptr_t)(lat_cell * 180 + lon_cell) + 1;
}

static int32_t lat_cell_of(int32_t lat_e5)
{
    return (lat_e5 + 9000000) / 200000;
}

static int32_t lon_cell_of(int32_t lon_e5)
{
    return ((lon_e5 + 18000000) / 200000) % 180;
}

static bool support_init(support *x, const scan *s)
{
    size_t n = 16;
    while (n < 2 * s->nc + 2)
        n *= 2;
    x->mask = n - 1;
    x->nents = 0;
    x->ents = dl__arena_alloc(&s->doc->arena, (s->nc + 1) * sizeof *x->ents);
    x->by_entry = dl__arena_alloc(&s->doc->arena, n * sizeof *x->by_entry);
    x->by_admin1 = dl__arena_alloc(&s->doc->arena, n * sizeof *x->by_admin1);
    x->by_cell = dl__arena_alloc(&s->doc->arena, n * sizeof *x->by_cell);
    return x->ents && x->by_entry && x->by_admin1 && x->by_cell;
}

static void support_add(support *x, const dl__gaz_entry *f, int delta)
{
    live_key *k = key_slot(x->by_entry, x->mask, (uintptr_t)f);
    if (k->key == 0) {
        k->key = (uintptr_t)f;
        k->val = (int32_t)x->nents;
        live_entry *le = &x->ents[x->nents++];
        le->e = f;
        le->next = -1;
        if (near_kind(f)) {
            live_key *c = key_slot(x->by_cell, x->mask,
                                   cell_key(lat_cell_of(f->lat_e5), lon_cell_of(f->lon_e5)));
            if (c->key == 0) {
                c->key = cell_key(lat_cell_of(f->lat_e5), lon_cell_of(f->lon_e5));
                c->val = -1;
            }
            le->next = c->val;
            c->val = k->val;
        }
    }
    x->ents[k->val].live += (uint32_t)delta;
    if (f->admin1_code) {
        live_key *a = key_slot(x->by_admin1, x->mask, (uintptr_t)f->admin1_code);
        a->key = (uintptr_t)f->admin1_code;
        a->val += delta;
    }
}

static void support_build(support *x, const scan *s)
{
    for (size_t j = 0; j < s->nc; j++) {
        const dl__gaz_entry *f = picked(s, &s->c[j]);
        if (f && !(s->c[j].flags & DL__PC_DROP))
            support_add(x, f, 1);
    }
}

static bool near_in_cell(const support *x, int32_t lat_cell, int32_t lon_cell,
                         const dl__gaz_entry *e)
{
    live_key *c = key_slot(x->by_cell, x->mask, cell_key(lat_cell, lon_cell));
    for (int32_t i = c->key ? c->val : -1; i >= 0; i = x->ents[i].next) {
        const dl__gaz_entry *f = x->ents[i].e;
        if (f != e && x->ents[i].live > 0 && abs(f->lat_e5 - e->lat_e5) <= 200000 &&
            dl__geo_km(e->lat_e5 / 1e5, e->lon_e5 / 1e5, f->lat_e5 / 1e5, f->lon_e5 / 1e5) < 200)
            return true;
    }
    return false;
}

/* Another live choice than e (of name ci, itself live) in e's division
 * or within 200 km of it. */
static bool support_has(const support *x, const dl__gaz_entry *e)
{
    live_key *self = key_slot(x->by_entry, x->mask, (uintptr_t)e);
    int32_t own = self->key ? (int32_t)x->ents[self->val].live : 0;
    if (e->admin1_code) {
        live_key *a = key_slot(x->by_admin1, x->mask, (uintptr_t)e->admin1_code);
        if (a->key && a->val - own > 0)
            return true;
    }
    /* 200 km is under 2 degrees of latitude: e's row of cells and the
     * two beside it. In longitude, two places at most `maxlat` from the
     * equator and under 200 km apart differ by less than `span` degrees
     * (haversine: sin(d/2R) >= cos(maxlat) sin(dlon/2)). */
    int32_t lc = lat_cell_of(e->lat_e5);
    double maxlat = fabs(e->lat_e5 / 1e5) + 2.0;
    double r = maxlat >= 90.0 ? 2.0 : sin(100.0 / 6371.0) / cos(maxlat * M_PI / 180.0);
    double span = r >= 1.0 ? 360.0 : 2.0 * asin(r) * 180.0 / M_PI;
    int32_t reach = (int32_t)(span / 2.0) + 1;
    int32_t oc = lon_cell_of(e->lon_e5);
    for (int32_t la = lc - 1; la <= lc + 1; la++) {
        if (la < 0 || la > 90)
            continue;
        if (2 * reach + 1 >= 180) {
            for (int32_t lo = 0; lo < 180; lo++)
                if (near_in_cell(x, la, lo, e))
                    return true;
            continue;
        }
        for (int32_t d = -reach; d <= reach; d++)
            if (near_in_cell(x, la, ((oc + d) % 180 + 180) % 180, e))
                return true;
    }
    return false;
}

/* Another name of the document chose a place in the same division or
 * within 200 km (the scan support_has replaces). */
static bool supported_scan(const scan *s, size_t ci, const dl__gaz_entry *e)
{
    for (size_t j = 0; j < s->nc; j++) {
        const dl__gaz_entry *f = picked(s, &s->c[j]);
        if (j == ci || f == NULL || f == e || (s->c[j].flags & DL__PC_DROP))
            continue;
        if (e->admin1_code && f->admin1_code == e->admin1_code)
            return true;
        /* 2 degrees of latitude are over 200 km: no trigonometry needed
         * for most of the document's names */
        if (f->kind != DL__GAZ_COUNTRY && f->kind != DL__GAZ_REGION &&
            abs(f->lat_e5 - e->lat_e5) <= 200000 &&
            dl__geo_km(e->lat_e5 / 1e5, e->lon_e5 / 1e5, f->lat_e5 / 1e5,
                       f->lon_e5 / 1e5) < 200)
            return true;
    }
    return false;
}

/* A country or a capital that the actor stage read as the one acting
 * ("Poland said", "Moscow warned"), with no locative word, qualifier or
 * border around it: the same span is a place too, read as an actor (the
 * actor layer's reading is one input here, not a filter). When the
 * document shows the name is another town (Dublin, Ohio), it is a
 * location after all. */
static void mark_actor_reading(scan *s, size_t ci)
{
    dl__pcand *c = &s->c[ci];
    const dl__gaz_entry *e = picked(s, c);
    unsigned strong = DL__PC_LOCATIVE | DL__PC_QUALIFIER | DL__PC_BORDER;
    if (e == NULL || (c->flags & strong))
        return;
    if (e->kind == DL__GAZ_COUNTRY || ((c->flags & DL__PC_METONYM) &&
                                       (e->flags & DL__GAZ_CAPITAL)))
        c->flags |= DL__PC_ACTOR;
}

/* Reasons to drop a resolved name: a
 * common word or a small place with nothing around it to back it. */
static const char *drop_reason(const scan *s, size_t ci)
{
    const dl__pcand *c = &s->c[ci];
    const dl__gaz_entry *e = picked(s, c);
    if (e == NULL)
        return NULL;
    unsigned strong = DL__PC_LOCATIVE | DL__PC_QUALIFIER | DL__PC_BORDER;
    if (c->flags & DL__PC_ACTOR)
        return NULL; /* a country or capital the actor layer has too */
    if ((c->flags & strong) || c->qualifier >= 0 || c->tok_first != c->tok_last)
        return NULL;
    bool area = e->kind == DL__GAZ_COUNTRY || e->kind == DL__GAZ_ADMIN1 ||
                e->kind == DL__GAZ_REGION;
    if ((c->flags & DL__PC_COMMON) && !area && e->population < 100000)
        return "a common word, and no large place of that name";
    if (!area && e->population < 20000 &&
        !(s->sup ? support_has(s->sup, e) : supported_scan(s, ci, e)))
        return "a small place with no other place of the text near it";
    return NULL;
}

static const char *feature_of(const dl__gaz_entry *e, unsigned flags)
{
    if (flags & DL__PC_BORDER)
        return "border";
    switch (e->kind) {
    case DL__GAZ_CITY: return (e->flags & DL__GAZ_CAPITAL) ? "capital" : "city";
    case DL__GAZ_ADMIN1: return "admin1";
    case DL__GAZ_COUNTRY: return "country";
    case DL__GAZ_ADMIN2: return "admin2";
    default: return strcmp(e->fcode, "CONT") == 0 ? "continent" : "region";
    }
}

static dl_code emit(scan *s, dl_error *err)
{
    const dl__gaz *g = &s->pk->gaz;
    for (size_t i = 0; i < s->nc; i++) {
        const dl__pcand *c = &s->c[i];
        if (c->pick < 0 || (c->flags & DL__PC_DROP))
            continue;
        const dl__gaz_entry *e = &g->entries[c->post[c->pick] & DL__GAZ_POST_IDX];
        dl_place *p = (c->flags & DL__PC_ACTOR) ? DL__PUSH(s->doc, place_actors, dl_place)
                                                : DL__PUSH(s->doc, places, dl_place);
        if (p == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        p->start = c->start;
        p->end = c->end;
        p->sentence = c->sentence;
        p->name = dl__gaz_str(g, e->name);
        p->country = e->country[0] ? e->country : NULL;
        p->admin1 = e->admin1 ? dl__gaz_str(g, e->admin1) : NULL;
        p->feature = feature_of(e, c->flags);
        p->lat = e->lat_e5 / 1e5;
        p->lon = e->lon_e5 / 1e5;
        p->geonameid = e->geonameid;
        p->confidence = c->confidence;
        p->why = c->why;
        p->reading = (c->flags & DL__PC_ACTOR) ? "actor" : "location";
    }
    return DL_OK;
}

/* Whether mention k's country was guessed: a person known only by a
 * given name of the name lists takes the story's country, and so do
 * the pronouns and "his ..." agents that point to such a person. */
static bool guessed_country(const dl_actor *act, size_t nact, size_t k)
{
    int32_t r = (int32_t)k;
    for (int hops = 0; hops < 8 && act[r].antecedent >= 0 && (size_t)act[r].antecedent < nact;
         hops++)
        r = act[r].antecedent;
    return act[r].why && strstr(act[r].why, "rule:given-name") != NULL;
}

/* Countries of the actor mentions, leaving out the ones that are the
 * very names being resolved ("Georgia" coded GEO by the actor stage) and
 * the ones the actor stage guessed from context (confidence 0.5). */
static size_t doc_countries(const scan *s, const dl_actor *act, size_t nact,
                            const char **out, size_t cap)
{
    size_t n = 0;
    uint32_t longest = 0;
    for (size_t i = 0; i < s->nc; i++)
        if (s->c[i].end > s->c[i].start && s->c[i].end - s->c[i].start > longest)
            longest = s->c[i].end - s->c[i].start;
    for (size_t k = 0; k < nact && n < cap; k++) {
        if (!act[k].country || strlen(act[k].country) != 3 ||
            act[k].kind == DL_ACTOR_PRONOUN ||
            guessed_country(act, nact, k))
            continue;
        /* the candidates are in start order (cmp_cand): only those that
         * start between act[k].start - longest and act[k].end can overlap */
        uint32_t from = act[k].start > longest ? act[k].start - longest : 0;
        size_t lo = 0, hi = s->nc;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s->c[mid].start < from)
                lo = mid + 1;
            else
                hi = mid;
        }
        bool overlaps = false;
        for (size_t i = lo; i < s->nc && s->c[i].start < act[k].end && !overlaps; i++)
            overlaps = act[k].start < s->c[i].end;
        if (!overlaps)
            out[n++] = act[k].country;
    }
    return n;
}

static dl_code places_run(const dl_kb *kb, const void *state, dl_doc *doc,
                          dl_error *err)
{
    DL_UNUSED(kb);
    scan s = {.pk = state, .doc = doc, .tok = dl__tokens(doc),
              .ntok = doc->tokens.n};
    if (s.ntok == 0)
        return DL_OK;
    size_t caps = doc->actors.n + 1;
    for (size_t i = 0; i < s.ntok; i++)
        caps += is_cap(&s.tok[i]);
    s.cap = caps < MAX_CANDS ? caps : MAX_CANDS;
    s.c = dl__arena_alloc(&doc->arena, s.cap * sizeof *s.c);
    s.blocked = dl__arena_alloc(&doc->arena, s.ntok);
    if (s.c == NULL || s.blocked == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    const dl_actor *act = doc->actors.items;
    size_t nact = doc->actors.n;
    block_actors(&s, act, nact);
    const dl_sentence *sent = dl__sentences(doc);
    for (size_t k = 0; k < doc->sentences.n; k++)
        find_names(&s, sent[k].tok_first, sent[k].tok_first + sent[k].tok_count);
    find_borders(&s, act, nact);
    qsort(s.c, s.nc, sizeof *s.c, cmp_cand);
    link_qualifiers(&s);
    inherit_locative(&s);
    const char *cc[256];
    size_t ncc = doc_countries(&s, act, nact, cc, DL_ARRAY_LEN(cc));
    dl__places_resolve(s.pk, s.c, s.nc, cc, ncc);
    for (size_t i = 0; i < s.nc; i++)
        mark_actor_reading(&s, i);
    support sup;
    if (support_init(&sup, &s)) {
        support_build(&sup, &s);
        s.sup = &sup;
    }
    for (size_t i = 0; i < s.nc; i++) {
        const char *why = drop_reason(&s, i);
        if (why) {
            if (s.sup && picked(&s, &s.c[i]))
                support_add(s.sup, picked(&s, &s.c[i]), -1);
            s.c[i].flags |= DL__PC_DROP;
            dl__doc_note(doc, "places", s.c[i].start, s.c[i].end, "not a place: %s", why);
        }
    }
    return emit(&s, err);
}

int32_t dl__place_in_span(const dl_doc *doc, uint32_t start, uint32_t end)
{
    const dl_place *p = doc->places.items;
    int32_t best = -1;
    int best_rank = 99;
    for (size_t i = 0; i < doc->places.n; i++) {
        if (p[i].start < start || p[i].end > end)
            continue;
        const char *f = p[i].feature ? p[i].feature : "";
        int rank = strcmp(f, "city") == 0 || strcmp(f, "capital") == 0 ? 0
                   : strcmp(f, "admin2") == 0                          ? 1
                   : strcmp(f, "admin1") == 0                          ? 2
                   : strcmp(f, "border") == 0                          ? 3
                                                                       : 4;
        if (rank < best_rank) {
            best_rank = rank;
            best = (int32_t)i;
        }
    }
    return best;
}

const dl__stage dl__stage_places = {
    .iversion = 1,
    .id = DL_STAGE_PLACES,
    .needs = DL_STAGE_TEXT | DL_STAGE_ACTORS,
    .name = "places",
    .load = places_load,
    .unload = places_unload,
    .run = places_run,
};
