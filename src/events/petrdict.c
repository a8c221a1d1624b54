/*
 * petrdict.c — reads the verb dictionaries and discard lists users keep
 * for PETRARCH and TABARI, into the same trigger table as our own format:
 *
 *   &NAME            a synset; its +PHRASE lines follow
 *   --- NAME [code] ---   a verb block; then its verb forms
 *   VERB {FORMS} [code]   (+ marks the verb inside a multiword: +BREAK_DOWN,
 *                          WIRE_+TAP), then its patterns
 *   - WORDS * WORDS [code[:recip]] # comment
 *
 * In patterns * is the verb, $ the source, + the target, % a compound
 * actor, ^ a skipped phrase, &NAME a synset; words joined by _ must be
 * adjacent, words separated by blanks may have words between them;
 * ( ) and { } group phrases and are read as blanks. Pattern words match
 * the exact form of a token (as PETRARCH does); verbs match by lemma.
 * Discard files: one phrase per line, '+' for a story-level discard.
 */
#include "events/events.h"

#include <ctype.h>
#include <stdlib.h>

#define MAX_TOKS 48
#define MAX_BLOCK_TRIGGERS 512

typedef struct ptok {
    const char *s;
    size_t n;
    bool glued; /* adjacent to the previous token */
} ptok;

/* Splits a pattern or phrase into tokens: blanks and brackets separate,
 * '_' separates but glues. */
static size_t tokenize(const char *s, size_t len, ptok *t, size_t max)
{
    size_t n = 0;
    bool glue = false;
    size_t i = 0;
    while (i < len && n < max) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '(' || c == ')' || c == '{' ||
            c == '}') {
            glue = false;
            i++;
            continue;
        }
        if (c == '_') {
            glue = n > 0;
            i++;
            continue;
        }
        size_t j = i;
        if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^')
            j = i + 1;
        else
            while (j < len && s[j] != ' ' && s[j] != '\t' && s[j] != '_' &&
                   s[j] != '(' && s[j] != ')' && s[j] != '{' &&
                   s[j] != '}' && s[j] != '*')
                j++;
        t[n].s = s + i;
        t[n].n = j - i;
        t[n].glued = glue;
        n++;
        glue = false;
        i = j;
    }
    return n;
}

static const char *norm(dl__events_kb *ek, const char *s, size_t n)
{
    size_t on;
    return dl__normalize(&ek->arena, s, n, &on);
}

static const dl__synset *find_syn(const dl__events_kb *ek, const char *s,
                                  size_t n)
{
    while (n && s[n - 1] == '_')
        n--;
    char tmp[128];
    if (n >= sizeof tmp)
        return NULL;
    for (size_t i = 0; i < n; i++)
        tmp[i] = (char)toupper((unsigned char)s[i]);
    return dl__strmap_get(&ek->synsets, tmp, n);
}

/* ---------------------------------------------------------- synsets */

typedef struct reader {
    dl__events_kb *ek;
    const char *file; /* base name for why */
    const char *path;
    dl__synset *syn;  /* synset being read, or NULL */
    size_t syncap;
    dl__trigger *block[MAX_BLOCK_TRIGGERS];
    size_t nblock;
    char bcode[5], brecip[5];
    bool in_block;
} reader;

static dl_code syn_add_phrase(reader *r, const char **w, uint16_t n)
{
    dl__synset *s = r->syn;
    if (s->n == r->syncap) {
        size_t nc = r->syncap ? r->syncap * 2 : 8;
        dl__phrase *np = dl__arena_alloc(&r->ek->arena, nc * sizeof *np);
        if (np == NULL)
            return DL_ENOMEM;
        if (s->n)
            memcpy(np, s->phrases, s->n * sizeof *np);
        s->phrases = np;
        r->syncap = nc;
    }
    const char **cw = dl__arena_alloc(&r->ek->arena, n * sizeof *cw);
    if (cw == NULL)
        return DL_ENOMEM;
    memcpy(cw, w, n * sizeof *w);
    s->phrases[s->n].words = cw;
    s->phrases[s->n].n = n;
    s->n++;
    if (n)
        s->first |= 1ull << (dl__word_bit(w[0]) & 63);
    return DL_OK;
}

static dl_code syn_line(reader *r, const char *s, size_t len)
{
    ptok t[MAX_TOKS];
    size_t n = tokenize(s, len, t, MAX_TOKS);
    if (n == 0)
        return DL_OK;
    if (t[0].s[0] == '&') { /* a nested synset: copy its phrases */
        const dl__synset *o = find_syn(r->ek, t[0].s + 1, t[0].n - 1);
        for (size_t i = 0; o && i < o->n; i++)
            if (syn_add_phrase(r, o->phrases[i].words, o->phrases[i].n))
                return DL_ENOMEM;
        return DL_OK;
    }
    const char *w[MAX_TOKS];
    uint16_t k = 0;
    for (size_t i = 0; i < n; i++)
        w[k++] = norm(r->ek, t[i].s, t[i].n);
    return syn_add_phrase(r, w, k);
}

static dl_code syn_start(reader *r, const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && s[n] != ' ' && s[n] != '\t' && s[n] != '#')
        n++;
    while (n && s[n - 1] == '_')
        n--;
    dl__synset *syn = dl__arena_alloc(&r->ek->arena, sizeof *syn);
    char *name = dl__arena_alloc(&r->ek->arena, n + 1);
    if (syn == NULL || name == NULL)
        return DL_ENOMEM;
    for (size_t i = 0; i < n; i++)
        name[i] = (char)toupper((unsigned char)s[i]);
    syn->name = name;
    int oom = 0;
    dl__strmap_put(&r->ek->synsets, name, n, syn, &oom);
    r->syn = syn;
    r->syncap = 0;
    return oom ? DL_ENOMEM : DL_OK;
}

/* ------------------------------------------------------------- codes */

/* Reads "[032:033]" at s; fills code and recip ("" when none). */
static bool read_code(const char *s, size_t len, char code[5], char recip[5])
{
    const char *lb = memchr(s, '[', len);
    if (lb == NULL)
        return false;
    const char *rb = memchr(lb, ']', len - (size_t)(lb - s));
    if (rb == NULL)
        return false;
    const char *p = lb + 1;
    while (p < rb && *p == ' ')
        p++;
    size_t i = 0;
    while (p < rb && *p != ':' && *p != ' ' && i < 4)
        code[i++] = *p++;
    code[i] = '\0';
    while (p < rb && *p != ':')
        p++;
    i = 0;
    if (p < rb && *p == ':')
        for (p++; p < rb && *p != ' ' && i < 4;)
            recip[i++] = *p++;
    recip[i] = '\0';
    return true;
}

static size_t strip_comment(const char *s, size_t len)
{
    const char *h = memchr(s, '#', len);
    return h ? (size_t)(h - s) : len;
}

/* ------------------------------------------------------- verb blocks */

static dl_code block_header(reader *r, const char *s, size_t len)
{
    r->nblock = 0;
    r->in_block = true;
    r->syn = NULL;
    if (!read_code(s, len, r->bcode, r->brecip))
        r->bcode[0] = r->brecip[0] = '\0';
    return DL_OK;
}

/* Whether form is a regular inflection of lemma (-s, -es, -ed, -d, -ing). */
static bool regular(const char *form, const char *lemma)
{
    size_t n = strlen(lemma);
    if (strncmp(form, lemma, n) != 0)
        return false;
    const char *suf = form + n;
    return strcmp(suf, "s") == 0 || strcmp(suf, "es") == 0 ||
           strcmp(suf, "ed") == 0 || strcmp(suf, "d") == 0 ||
           strcmp(suf, "ing") == 0;
}

/* A verb form line: VERB {FORMS} [code], with + marking the verb in a
 * multiword form. */
static dl_code form_word(reader *r, const ptok *t, size_t n, long ln,
                         const char *code, const char *recip)
{
    size_t v = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].s[0] == '+' && t[i].n == 1 && i + 1 < n) {
            v = i + 1;
            break;
        }
    const char *pre[8], *post[8];
    uint16_t npre = 0, npost = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == v || (t[i].n == 1 && t[i].s[0] == '+'))
            continue;
        if (i < v && npre < 8)
            pre[npre++] = norm(r->ek, t[i].s, t[i].n);
        else if (i > v && npost < 8)
            post[npost++] = norm(r->ek, t[i].s, t[i].n);
    }
    /* an irregular form ("MET", "SAID") keeps its own entry: PETRARCH
     * codes it apart from its lemma's block */
    const char *lemma = dl__events_lemma(r->ek, t[v].s, t[v].n);
    const char *form = norm(r->ek, t[v].s, t[v].n);
    if (form && lemma && strcmp(form, lemma) != 0 && !regular(form, lemma))
        lemma = form;
    dl__trigger *tr = dl__events_trigger(r->ek, lemma, pre, npre, post, npost,
                                         DL_PAT_EXACT);
    if (tr == NULL)
        return DL_ENOMEM;
    if (tr->code[0] == '\0' && tr->why == NULL) {
        memcpy(tr->code, code, 5);
        memcpy(tr->recip, recip, 5);
        if (strcmp(tr->code, "---") == 0)
            tr->code[0] = '\0';
        tr->why = dl__arena_printf(&r->ek->arena, "%s:%ld", r->file, ln);
    }
    for (size_t i = 0; i < r->nblock; i++)
        if (r->block[i] == tr)
            return DL_OK;
    if (r->nblock < MAX_BLOCK_TRIGGERS)
        r->block[r->nblock++] = tr;
    return DL_OK;
}

static dl_code form_line(reader *r, const char *s, size_t len, long ln)
{
    char code[5], recip[5];
    memcpy(code, r->bcode, 5);
    memcpy(recip, r->brecip, 5);
    read_code(s, len, code, recip);
    const char *lb = memchr(s, '[', len);
    if (lb)
        len = (size_t)(lb - s);
    /* the base form, then each form in { } */
    const char *brace = memchr(s, '{', len);
    size_t base_len = brace ? (size_t)(brace - s) : len;
    ptok t[MAX_TOKS];
    size_t n = tokenize(s, base_len, t, MAX_TOKS);
    if (n && form_word(r, t, n, ln, code, recip) != DL_OK)
        return DL_ENOMEM;
    if (brace == NULL)
        return DL_OK;
    const char *end = memchr(brace, '}', len - (size_t)(brace - s));
    size_t inner = end ? (size_t)(end - brace - 1) : len - base_len - 1;
    const char *p = brace + 1, *q = p + inner;
    while (p < q) {
        while (p < q && (*p == ' ' || *p == '\t'))
            p++;
        const char *e = p;
        while (e < q && *e != ' ' && *e != '\t')
            e++;
        if (e > p) {
            n = tokenize(p, (size_t)(e - p), t, MAX_TOKS);
            if (n && form_word(r, t, n, ln, code, recip) != DL_OK)
                return DL_ENOMEM;
        }
        p = e;
    }
    return DL_OK;
}

static void put_elem(dl__pelem *e, reader *r, const ptok *t, bool glued)
{
    e->glued = glued;
    char c = t->s[0];
    if (t->n == 1 && c == '$')
        e->kind = DL_PE_SOURCE;
    else if (t->n == 1 && c == '+')
        e->kind = DL_PE_TARGET;
    else if (t->n == 1 && c == '%')
        e->kind = DL_PE_COMPOUND;
    else if (t->n == 1 && c == '^')
        e->kind = DL_PE_SKIP;
    else if (c == '&' && t->n > 1) {
        e->kind = DL_PE_SYN;
        e->syn = find_syn(r->ek, t->s + 1, t->n - 1);
        if (e->syn == NULL) { /* unknown synset: a word that never matches */
            e->kind = DL_PE_WORD;
            e->word = "\x01";
        }
    } else {
        e->kind = DL_PE_WORD;
        e->word = norm(r->ek, t->s, t->n);
    }
}

static dl_code pattern_line(reader *r, const char *s, size_t len, long ln)
{
    char code[5], recip[5];
    if (!read_code(s, len, code, recip))
        return DL_OK; /* a pattern without a code is ignored, as PETRARCH does */
    const char *lb = memchr(s, '[', len);
    ptok t[MAX_TOKS];
    size_t n = tokenize(s, (size_t)(lb - s), t, MAX_TOKS);
    size_t star = n;
    for (size_t i = 0; i < n; i++)
        if (t[i].n == 1 && t[i].s[0] == '*') {
            star = i;
            break;
        }
    if (star == n || r->nblock == 0)
        return DL_OK;
    dl__pattern *p = dl__arena_alloc(&r->ek->arena, sizeof *p);
    dl__pelem *el = dl__arena_alloc(&r->ek->arena, (n + 1) * sizeof *el);
    if (p == NULL || el == NULL)
        return DL_ENOMEM;
    p->before = el;
    for (size_t j = 0; j < star; j++) {
        size_t i = star - 1 - j;
        put_elem(&el[j], r, &t[i], t[i + 1].glued);
        if (el[j].kind == DL_PE_WORD || el[j].kind == DL_PE_SYN)
            p->weight++;
    }
    p->nbefore = (uint16_t)star;
    p->after = el + star;
    for (size_t i = star + 1; i < n; i++) {
        put_elem(&p->after[p->nafter], r, &t[i], t[i].glued);
        if (p->after[p->nafter].kind == DL_PE_WORD ||
            p->after[p->nafter].kind == DL_PE_SYN)
            p->weight++;
        p->nafter++;
    }
    p->flags = DL_PAT_EXACT;
    if (strcmp(code, "---") == 0)
        p->flags |= DL_PAT_NOEVENT;
    memcpy(p->code, code, 5);
    memcpy(p->recip, recip, 5);
    p->why = dl__arena_printf(&r->ek->arena, "%s:%ld", r->file, ln);
    for (size_t i = 0; i < r->nblock; i++)
        if (dl__events_add_pattern(r->ek, r->block[i], p) != DL_OK)
            return DL_ENOMEM;
    return DL_OK;
}

static dl_code petr_line(reader *r, const char *s, size_t len, long ln)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    if (len >= 4 && memcmp(s, "<!--", 4) == 0)
        return DL_OK;
    if (len >= 3 && memcmp(s, "---", 3) == 0)
        return block_header(r, s, len);
    size_t body = strip_comment(s, len);
    while (body && (s[body - 1] == ' ' || s[body - 1] == '\t'))
        body--;
    if (body == 0) {
        r->syn = NULL; /* a blank line ends a synset */
        return DL_OK;
    }
    if (s[0] == '&') {
        r->in_block = false;
        r->nblock = 0;
        return syn_start(r, s + 1, body - 1);
    }
    if (r->syn && s[0] == '+')
        return syn_line(r, s + 1, body - 1);
    r->syn = NULL;
    if (!r->in_block)
        return DL_OK;
    if (s[0] == '-')
        return pattern_line(r, s + 1, body - 1, ln);
    return form_line(r, s, body, ln);
}

static const char *base_name(dl__events_kb *ek, const char *path)
{
    const char *b = strrchr(path, '/');
    return dl__arena_strdup(&ek->arena, b ? b + 1 : path);
}

dl_code dl__events_load_petrarch(dl__events_kb *ek, const char *path,
                                 dl_error *err)
{
    char *buf;
    size_t len;
    dl_code rc = dl__events_read_file(path, &buf, &len, err);
    if (rc != DL_OK)
        return rc;
    reader *r = calloc(1, sizeof *r);
    if (r == NULL) {
        free(buf);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    r->ek = ek;
    r->path = path;
    r->file = base_name(ek, path);
    long ln = 0;
    char *p = buf;
    while (rc == DL_OK && *p) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && p[n - 1] == '\r')
            n--;
        ln++;
        rc = petr_line(r, p, n, ln);
        p = nl ? nl + 1 : p + n;
    }
    free(r);
    free(buf);
    if (rc != DL_OK || ek->arena.failed)
        return dl__fail_at(err, DL_ENOMEM, path, ln, "out of memory");
    return DL_OK;
}

/* --------------------------------------------------------- discards */

static dl_code add_discard(dl__events_kb *ek, const char *s, size_t n,
                           bool story, const char *why)
{
    ptok t[MAX_TOKS];
    size_t k = tokenize(s, n, t, MAX_TOKS);
    if (k == 0)
        return DL_OK;
    if (ek->ndiscards == ek->capdiscards) {
        size_t nc = ek->capdiscards ? ek->capdiscards * 2 : 64;
        dl__discard *nd = dl__arena_alloc(&ek->arena, nc * sizeof *nd);
        if (nd == NULL)
            return DL_ENOMEM;
        if (ek->ndiscards)
            memcpy(nd, ek->discards, ek->ndiscards * sizeof *nd);
        ek->discards = nd;
        ek->capdiscards = nc;
    }
    dl__discard *d = &ek->discards[ek->ndiscards++];
    d->words = dl__arena_alloc(&ek->arena, k * sizeof *d->words);
    if (d->words == NULL)
        return DL_ENOMEM;
    for (size_t i = 0; i < k; i++)
        d->words[i] = norm(ek, t[i].s, t[i].n);
    d->n = (uint16_t)k;
    d->story = story;
    d->why = why;
    int oom = 0;
    dl__strmap_put(&ek->discard_first, d->words[0], strlen(d->words[0]),
                   (void *)1, &oom);
    return oom ? DL_ENOMEM : DL_OK;
}

dl_code dl__events_load_discards(dl__events_kb *ek, const char *path,
                                 dl_error *err)
{
    char *buf;
    size_t len;
    dl_code rc = dl__events_read_file(path, &buf, &len, err);
    if (rc != DL_OK)
        return rc;
    const char *file = base_name(ek, path);
    long ln = 0;
    char *p = buf;
    while (rc == DL_OK && *p) {
        char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        ln++;
        size_t body = strip_comment(p, n);
        const char *s = p;
        while (body && (*s == ' ' || *s == '\t')) {
            s++;
            body--;
        }
        bool story = body && *s == '+';
        if (story) {
            s++;
            body--;
        }
        while (body && (s[body - 1] == ' ' || s[body - 1] == '\t' ||
                        s[body - 1] == '\r'))
            body--;
        if (body)
            rc = add_discard(ek, s, body, story,
                             dl__arena_printf(&ek->arena, "%s:%ld", file, ln));
        p = nl ? nl + 1 : p + n;
    }
    free(buf);
    if (rc != DL_OK)
        return dl__fail_at(err, DL_ENOMEM, path, ln, "out of memory");
    return DL_OK;
}
