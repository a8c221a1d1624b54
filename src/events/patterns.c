/*
 * patterns.c — the trigger table (lemma -> verb or noun patterns) shared
 * by both dictionary readers, and the reader of our own pattern format
 * (data/events/verbs.txt, described in docs/events.md):
 *
 *     CODE  PATTERN            # comment
 *     043   $ host + for talk
 *     154   $ move troop toward +
 *     190   $ =invasion of +   ('=' marks a noun trigger)
 *     !speech say tell announce
 *
 * The first plain word of PATTERN is the trigger; words are lemmatized on
 * load so that every inflected form matches one entry. Word_word glues
 * words that must be adjacent (step_up, far_from). The coder is coder.c.
 */
#include "events/events.h"
#include "text/text.h"

#include <ctype.h>
#include <stdlib.h>

#define MAX_PAT_ELEMS 24
#define MAX_LINE_WORDS 64

const char *dl__events_lemma(dl__events_kb *ek, const char *w, size_t n)
{
    const char *l = ek->kb ? dl__lemma_of(ek->kb, &ek->arena, w, n) : NULL;
    if (l)
        return l;
    size_t on;
    return dl__normalize(&ek->arena, w, n, &on);
}

static bool same_words(const char **a, uint16_t na, const char **b,
                       uint16_t nb)
{
    if (na != nb)
        return false;
    for (uint16_t i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0)
            return false;
    return true;
}

dl__trigger *dl__events_trigger(dl__events_kb *ek, const char *lemma,
                                const char **pre, uint16_t npre,
                                const char **post, uint16_t npost,
                                uint16_t flags)
{
    size_t ln = strlen(lemma);
    dl__trigger *head = dl__strmap_get(&ek->triggers, lemma, ln);
    for (dl__trigger *t = head; t; t = t->next)
        if (same_words(t->pre, t->npre, pre, npre) &&
            same_words(t->post, t->npost, post, npost) &&
            (t->flags & (DL_PAT_EXACT | DL_PAT_NOUN)) ==
                (flags & (DL_PAT_EXACT | DL_PAT_NOUN)))
            return t;
    dl__trigger *t = dl__arena_alloc(&ek->arena, sizeof *t);
    if (t == NULL)
        return NULL;
    t->lemma = lemma;
    if (npre) {
        t->pre = dl__arena_alloc(&ek->arena, npre * sizeof *pre);
        if (t->pre == NULL)
            return NULL;
        memcpy(t->pre, pre, npre * sizeof *pre);
    }
    if (npost) {
        t->post = dl__arena_alloc(&ek->arena, npost * sizeof *post);
        if (t->post == NULL)
            return NULL;
        memcpy(t->post, post, npost * sizeof *post);
    }
    t->npre = npre;
    t->npost = npost;
    t->flags = flags;
    /* longer multiword triggers first, so the coder tries them first */
    if (head == NULL || npre + npost >= head->npre + head->npost) {
        t->next = head;
        int oom = 0;
        dl__strmap_put(&ek->triggers, lemma, ln, t, &oom);
        if (oom)
            return NULL;
    } else {
        dl__trigger *p = head;
        while (p->next && p->next->npre + p->next->npost > npre + npost)
            p = p->next;
        t->next = p->next;
        p->next = t;
    }
    return t;
}

static void need_bits(dl__pattern *p, const dl__pelem *el, uint16_t n)
{
    for (uint16_t i = 0; i < n; i++)
        if (el[i].kind == DL_PE_WORD) {
            unsigned b = dl__word_bit(el[i].word);
            ((dl__pelem *)el)[i].bit = (uint8_t)b;
            p->need[b >> 6] |= 1ull << (b & 63);
        }
}

dl_code dl__events_add_pattern(dl__events_kb *ek, dl__trigger *t,
                               dl__pattern *p)
{
    if (p->need[0] == 0 && p->need[1] == 0) {
        need_bits(p, p->before, p->nbefore);
        need_bits(p, p->after, p->nafter);
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 4;
        dl__pattern **np = dl__arena_alloc(&ek->arena, nc * sizeof *np);
        uint64_t(*nn)[2] = dl__arena_alloc(&ek->arena, nc * sizeof *nn);
        if (np == NULL || nn == NULL)
            return DL_ENOMEM;
        if (t->n) {
            memcpy(np, t->pats, t->n * sizeof *np);
            memcpy(nn, t->need, t->n * sizeof *nn);
        }
        t->pats = np;
        t->need = nn;
        t->cap = nc;
    }
    /* keep the most specific first: the coder stops at the first match
     * of the best weight */
    size_t i = t->n;
    while (i > 0 && t->pats[i - 1]->weight < p->weight) {
        t->pats[i] = t->pats[i - 1];
        t->need[i][0] = t->need[i - 1][0];
        t->need[i][1] = t->need[i - 1][1];
        i--;
    }
    t->pats[i] = p;
    t->need[i][0] = p->need[0];
    t->need[i][1] = p->need[1];
    t->n++;
    ek->npatterns++;
    return DL_OK;
}

/* ------------------------------------------------------ our own format */

typedef struct word_ref {
    const char *s;
    size_t n;
} word_ref;

static size_t split_ws(char *line, word_ref *w, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            break;
        char *s = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        w[n].s = s;
        w[n].n = (size_t)(p - s);
        n++;
    }
    return n;
}

static bool valid_code(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "---", 3) == 0)
        return true;
    if (n < 2 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* Appends the glued parts of w (a_b_c) as word elements. */
static size_t add_glued(dl__events_kb *ek, word_ref w, dl__pelem *el,
                        size_t n, size_t max, bool first_glued)
{
    size_t i = 0;
    bool glue = first_glued;
    while (i < w.n && n < max) {
        size_t j = i;
        while (j < w.n && w.s[j] != '_')
            j++;
        if (j > i) {
            el[n].kind = DL_PE_WORD;
            el[n].glued = glue;
            el[n].word = dl__events_lemma(ek, w.s + i, j - i);
            n++;
            glue = true;
        }
        i = j + 1;
    }
    return n;
}

/* A word class of our format: "&name" opens it, then one word or
 * word_word phrase per line until a blank line (classes.txt). */
static dl__synset *class_open(dl__events_kb *ek, word_ref name)
{
    dl__synset *syn = dl__arena_alloc(&ek->arena, sizeof *syn);
    char *key = dl__arena_strndup(&ek->arena, name.s, name.n);
    if (syn == NULL || key == NULL)
        return NULL;
    syn->name = key;
    int oom = 0;
    dl__strmap_put(&ek->synsets, key, name.n, syn, &oom);
    return oom ? NULL : syn;
}

static dl_code class_add(dl__events_kb *ek, dl__synset *syn, word_ref x, dl_error *err)
{
    dl__pelem el[16];
    size_t n = add_glued(ek, x, el, 0, 16, false);
    if (n == 0)
        return DL_OK;
    dl__phrase *ph = dl__arena_alloc(&ek->arena, (syn->n + 1) * sizeof *ph);
    const char **words = dl__arena_alloc(&ek->arena, n * sizeof *words);
    if (ph == NULL || words == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    if (syn->n)
        memcpy(ph, syn->phrases, syn->n * sizeof *ph);
    for (size_t i = 0; i < n; i++)
        words[i] = el[i].word;
    ph[syn->n].words = words;
    ph[syn->n].n = (uint16_t)n;
    syn->phrases = ph;
    syn->n++;
    syn->first |= 1ull << (dl__word_bit(words[0]) & 63);
    return DL_OK;
}

static dl_code our_line(dl__events_kb *ek, char *line, const char *path,
                        long ln, dl__synset **cls, dl_error *err)
{
    word_ref w[MAX_LINE_WORDS];
    size_t nw = split_ws(line, w, MAX_LINE_WORDS);
    if (nw == 0) {
        *cls = NULL; /* a blank line closes a class */
        return DL_OK;
    }
    if (w[0].s[0] == '&' && nw == 1) {
        if (w[0].n < 2)
            return dl__fail_at(err, DL_EDICT, path, ln, "a class needs a name after &");
        if (dl__strmap_get(&ek->synsets, w[0].s + 1, w[0].n - 1))
            return dl__fail_at(err, DL_EDICT, path, ln, "class '%.*s' defined twice",
                               (int)w[0].n, w[0].s);
        w[0].s++, w[0].n--;
        *cls = class_open(ek, w[0]);
        return *cls ? DL_OK : dl__fail(err, DL_ENOMEM, NULL);
    }
    if (*cls != NULL) {
        if (nw != 1)
            return dl__fail_at(err, DL_EDICT, path, ln,
                               "one word or word_word phrase per line in a class");
        return class_add(ek, *cls, w[0], err);
    }
    if (w[0].n == 7 && memcmp(w[0].s, "!speech", 7) == 0) {
        for (size_t i = 1; i < nw; i++) {
            const char *lem = dl__events_lemma(ek, w[i].s, w[i].n);
            dl__trigger *t = dl__events_trigger(ek, lem, NULL, 0, NULL, 0, 0);
            if (t == NULL)
                return dl__fail(err, DL_ENOMEM, NULL);
            t->flags |= DL_PAT_SPEECH;
        }
        return DL_OK;
    }
    if (!valid_code(w[0].s, w[0].n))
        return dl__fail_at(err, DL_EDICT, path, ln, "bad code '%.*s'",
                           (int)w[0].n, w[0].s);
    dl__pattern *p = dl__arena_alloc(&ek->arena, sizeof *p);
    dl__pelem *before = dl__arena_alloc(&ek->arena, 4 * sizeof *before);
    dl__pelem *after = dl__arena_alloc(&ek->arena,
                                       MAX_PAT_ELEMS * sizeof *after);
    if (!p || !before || !after)
        return dl__fail(err, DL_ENOMEM, NULL);
    if (w[0].s[0] == '-')
        p->flags |= DL_PAT_NOEVENT;
    else
        memcpy(p->code, w[0].s, w[0].n);
    const char *lemma = NULL;
    const char *post[8];
    uint16_t npost = 0;
    uint16_t tflags = 0;
    for (size_t i = 1; i < nw; i++) {
        word_ref x = w[i];
        int kind = -1;
        if (x.n == 1 && x.s[0] == '$')
            kind = DL_PE_SOURCE;
        else if (x.n == 1 && x.s[0] == '+')
            kind = DL_PE_TARGET;
        else if (x.n == 1 && x.s[0] == '^')
            kind = DL_PE_SKIP;
        if (lemma == NULL) {
            /* "+ detect $ &aircraft": the subject is the target, the
             * source comes after the trigger */
            if ((kind == DL_PE_SOURCE || kind == DL_PE_TARGET) && p->nbefore == 0) {
                before[p->nbefore++].kind = (uint8_t)kind;
                continue;
            }
            if (kind >= 0)
                return dl__fail_at(err, DL_EDICT, path, ln,
                                   "pattern must start with $, + or a word");
            if (x.s[0] == '=') {
                tflags |= DL_PAT_NOUN;
                x.s++;
                x.n--;
            }
            size_t j = 0;
            while (j < x.n && x.s[j] != '_')
                j++;
            lemma = dl__events_lemma(ek, x.s, j);
            while (j < x.n && npost < 8) {
                size_t k = j + 1;
                while (k < x.n && x.s[k] != '_')
                    k++;
                if (k > j + 1)
                    post[npost++] = dl__events_lemma(ek, x.s + j + 1,
                                                     k - j - 1);
                j = k;
            }
            continue;
        }
        if (p->nafter >= MAX_PAT_ELEMS - 4)
            return dl__fail_at(err, DL_EDICT, path, ln, "pattern too long");
        if (kind >= 0) {
            after[p->nafter++].kind = (uint8_t)kind;
            continue;
        }
        if (x.s[0] == '=')
            return dl__fail_at(err, DL_EDICT, path, ln,
                               "'=' marks the trigger only, not '%.*s'", (int)x.n, x.s);
        if (x.s[0] == '&') { /* a word class */
            const dl__synset *syn = x.n > 1 ? dl__strmap_get(&ek->synsets, x.s + 1, x.n - 1) : NULL;
            if (syn == NULL)
                return dl__fail_at(err, DL_EDICT, path, ln, "unknown class '%.*s'", (int)x.n,
                                   x.s);
            after[p->nafter].kind = DL_PE_SYN;
            after[p->nafter].syn = syn;
            p->nafter++;
            p->weight++;
            continue;
        }
        size_t before_n = p->nafter;
        p->nafter = (uint16_t)add_glued(ek, x, after, p->nafter,
                                        MAX_PAT_ELEMS - 1, false);
        p->weight += (uint16_t)(p->nafter - before_n);
    }
    if (lemma == NULL)
        return dl__fail_at(err, DL_EDICT, path, ln, "pattern has no trigger");
    p->before = before;
    p->after = after;
    p->why = dl__arena_printf(&ek->arena, "%s:%ld", path, ln);
    dl__trigger *t = dl__events_trigger(ek, lemma, NULL, 0, post, npost,
                                        tflags);
    if (t == NULL || ek->arena.failed)
        return dl__fail(err, DL_ENOMEM, NULL);
    t->flags |= tflags;
    return dl__events_add_pattern(ek, t, p) == DL_OK
               ? DL_OK
               : dl__fail(err, DL_ENOMEM, NULL);
}

dl_code dl__events_load_ours(dl__events_kb *ek, const char *path,
                             dl_error *err)
{
    char *buf;
    size_t len;
    dl_code rc = dl__events_read_file(path, &buf, &len, err);
    if (rc != DL_OK)
        return rc;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    base = dl__arena_strdup(&ek->arena, base);
    long ln = 0;
    char *p = buf;
    dl__synset *cls = NULL;
    while (rc == DL_OK && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        ln++;
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        rc = our_line(ek, p, base, ln, &cls, err);
        p = nl ? nl + 1 : p + n;
    }
    free(buf);
    return rc;
}
