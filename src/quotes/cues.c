/*
 * cues.c — the reporting-cue lexicon of the quotes stage: reads
 * data/quotes/cues.txt (format documented in that file and in
 * docs/quotes.md) into a table keyed by first lemma, and matches cues
 * (single verbs and phrases such as "according to") at a token.
 */
#include "quotes/quotes.h"
#include "text/text.h"

#include <errno.h>
#include <stdlib.h>

#define CUE_LINE_MAX 512

static const char *const class_names[] = {"speech", "belief", "weak", "prep",
                                          "relay"};

static int class_of_name(const char *s, size_t n)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(class_names); i++)
        if (strlen(class_names[i]) == n && memcmp(class_names[i], s, n) == 0)
            return (int)i;
    return -1;
}

static int flags_of(const char *s, size_t n, unsigned *flags)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        if (j - i == 3 && memcmp(s + i, "obj", 3) == 0)
            *flags |= DL__CUE_OBJ;
        else if (j - i == 4 && memcmp(s + i, "core", 4) == 0)
            *flags |= DL__CUE_CORE;
        else if (j - i == 5 && memcmp(s + i, "quote", 5) == 0)
            *flags |= DL__CUE_QUOTE;
        else if (j > i)
            return -1;
        i = j + 1;
    }
    return 0;
}

/* Splits one line into tab-separated fields; returns their count. */
static size_t fields(char *line, char **f, size_t *len, size_t max)
{
    size_t k = 0;
    char *p = line;
    while (k < max) {
        char *tab = strchr(p, '\t');
        f[k] = p;
        len[k] = tab ? (size_t)(tab - p) : strlen(p);
        k++;
        if (tab == NULL)
            break;
        p = tab + 1;
    }
    return k;
}

static dl_code add_cue(dl__quotes_kb *q, const char *path, long lineno,
                       char **f, size_t *len, size_t nf, dl_error *err)
{
    dl__cue *c = dl__arena_alloc(&q->arena, sizeof *c);
    if (c == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    int cls = nf >= 2 ? class_of_name(f[1], len[1]) : -1;
    if (cls < 0)
        return dl__fail_at(err, DL_EDICT, path, lineno, "unknown cue class");
    c->cls = (unsigned)cls;
    if (nf >= 3 && flags_of(f[2], len[2], &c->flags) != 0)
        return dl__fail_at(err, DL_EDICT, path, lineno, "unknown cue flag");
    size_t i = 0;
    while (i < len[0]) {
        size_t j = i;
        while (j < len[0] && f[0][j] != ' ')
            j++;
        if (j > i) {
            if (c->nwords == DL__CUE_MAX_WORDS)
                return dl__fail_at(err, DL_EDICT, path, lineno,
                                   "cue longer than %d words", DL__CUE_MAX_WORDS);
            c->words[c->nwords] = dl__arena_strndup(&q->arena, f[0] + i, j - i);
            if (c->words[c->nwords] == NULL)
                return dl__fail(err, DL_ENOMEM, NULL);
            c->nwords++;
        }
        i = j + 1;
    }
    if (c->nwords == 0)
        return dl__fail_at(err, DL_EDICT, path, lineno, "empty cue");
    c->why = dl__arena_printf(&q->arena, "quotes/cues.txt:%ld", lineno);
    int oom = 0;
    const char *key = c->words[0];
    c->next = dl__strmap_get(&q->first, key, strlen(key));
    dl__strmap_put(&q->first, key, strlen(key), c, &oom);
    if (oom || c->why == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    return DL_OK;
}

dl_code dl__cues_load(dl__quotes_kb *q, const char *path, dl_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s",
                           strerror(errno));
    char line[CUE_LINE_MAX];
    long lineno = 0;
    dl_code rc = DL_OK;
    while (rc == DL_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            rc = dl__fail_at(err, DL_ELINE_TOO_LONG, path, lineno, "line too long");
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *fv[4];
        size_t lv[4];
        size_t nf = fields(line, fv, lv, 4);
        rc = add_cue(q, path, lineno, fv, lv, nf, err);
    }
    fclose(f);
    return rc;
}

static bool word_eq(const dl_token *t, const char *w)
{
    if (t->lemma && strcmp(t->lemma, w) == 0)
        return true;
    return t->norm && strcmp(t->norm, w) == 0;
}

const dl__cue *dl__cue_at(const dl__quotes_kb *q, const dl_doc *doc, size_t i,
                          size_t *ntok)
{
    const dl_token *tok = dl__tokens(doc);
    size_t n = doc->tokens.n;
    if (i >= n || !(tok[i].flags & DL_TOK_WORD))
        return NULL;
    const dl__cue *best = NULL;
    const char *keys[2] = {tok[i].lemma, tok[i].norm};
    for (int k = 0; k < 2; k++) {
        if (keys[k] == NULL || (k == 1 && keys[0] && strcmp(keys[0], keys[1]) == 0))
            continue;
        for (const dl__cue *c = dl__strmap_get(&q->first, keys[k], strlen(keys[k]));
             c; c = c->next) {
            if (i + c->nwords > n || tok[i + c->nwords - 1].sentence != tok[i].sentence)
                continue;
            size_t w = 1;
            while (w < c->nwords && word_eq(&tok[i + w], c->words[w]))
                w++;
            if (w == c->nwords && (best == NULL || c->nwords > best->nwords))
                best = c;
        }
    }
    if (best)
        *ntok = best->nwords;
    return best;
}
