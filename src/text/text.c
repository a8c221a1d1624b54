/*
 * text.c — the text stage: loads the abbreviation list and the WordNet
 * lemma table, then per document tokenizes, splits sentences and gives
 * every token its normalized form (lower case, no accents) and lemma.
 * Also the token/sentence look-up helpers later stages use.
 */
#include "text/text_internal.h"

#include <errno.h>
#include <stdlib.h>

static const struct {
    const char *name;
    int kind;
} abbrev_kinds[] = {
    {"title", ABBR_TITLE}, {"month", ABBR_MONTH},
    {"num", ABBR_NUM},     {"common", ABBR_COMMON},
};

static dl_code load_abbrev(dl__text_kb *tk, dl_kb *kb, const char *path,
                           dl_error *err)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s", strerror(errno));
    char line[256];
    long lineno = 0;
    dl_code rc = DL_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || *p == '\0')
            continue;
        char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
        size_t wn = (size_t)(p - w);
        while (*p == ' ' || *p == '\t')
            p++;
        char *k = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '#')
            p++;
        size_t kn = (size_t)(p - k);
        int kind = 0;
        for (size_t i = 0; i < DL_ARRAY_LEN(abbrev_kinds); i++)
            if (strlen(abbrev_kinds[i].name) == kn && memcmp(abbrev_kinds[i].name, k, kn) == 0)
                kind = abbrev_kinds[i].kind;
        if (kind == 0 || wn == 0) {
            rc = dl__fail_at(err, DL_EDICT, path, lineno,
                             "want 'WORD title|month|num|common'");
            break;
        }
        char *key = dl__arena_strndup(&kb->arena, w, wn);
        int oom = 0;
        if (key == NULL) {
            rc = dl__fail(err, DL_ENOMEM, NULL);
            break;
        }
        dl__strmap_put(&tk->abbrev, key, wn, (void *)(intptr_t)kind, &oom);
        if (oom) {
            rc = dl__fail(err, DL_ENOMEM, NULL);
            break;
        }
    }
    fclose(f);
    return rc;
}

static void text_unload(void *state)
{
    dl__text_kb *tk = state;
    if (tk == NULL)
        return;
    dl__lemmas_free(tk->lemmas);
    dl__strmap_free(&tk->abbrev);
    free(tk);
}

static dl_code text_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                         dl_error *err)
{
    DL_UNUSED(cfg);
    dl__text_kb *tk = calloc(1, sizeof *tk);
    if (tk == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__strmap_init(&tk->abbrev);
    dl_code rc = load_abbrev(tk, kb, dl__kb_path(kb, "text/abbrev.txt"), err);
    if (rc == DL_OK)
        rc = dl__lemmas_load(dl__kb_path(kb, "lemma.bin"), &tk->lemmas, err);
    if (rc != DL_OK) {
        text_unload(tk);
        return rc;
    }
    *state = tk;
    return DL_OK;
}

/* Lemmas of clitics, which WordNet does not list. */
static const char *clitic_lemma(const char *norm, size_t n)
{
    static const struct {
        const char *form, *lemma;
    } table[] = {
        {"n't", "not"}, {"'s", "'s"},   {"'re", "be"},  {"'m", "be"},
        {"'ll", "will"}, {"'ve", "have"}, {"'d", "would"}, {"ca", "can"},
        {"wo", "will"},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(table); i++)
        if (strlen(table[i].form) == n && memcmp(table[i].form, norm, n) == 0)
            return table[i].lemma;
    return NULL;
}

static dl_code add_forms(const dl__text_kb *tk, dl_doc *doc, dl_error *err)
{
    dl_token *tok = (dl_token *)doc->tokens.items;
    for (size_t i = 0; i < doc->tokens.n; i++) {
        dl_token *t = &tok[i];
        size_t n;
        char *norm = dl__normalize(&doc->arena, doc->text + t->start,
                                   t->end - t->start, &n);
        if (norm == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        t->norm = norm;
        t->lemma = norm;
        if (!(t->flags & DL_TOK_WORD))
            continue;
        const char *l = NULL;
        if (n <= 3 && (norm[0] == '\'' || norm[0] == 'n' || norm[0] == 'c' || norm[0] == 'w')) {
            bool clitic = norm[0] == '\'' || norm[1] == '\'' ||
                          (i + 1 < doc->tokens.n && tok[i + 1].start == t->end &&
                           doc->text[t->end] == 'n' && t->end + 1 < doc->len &&
                           (doc->text[t->end + 1] == '\'' ||
                            (unsigned char)doc->text[t->end + 1] == 0xE2));
            if (clitic)
                l = clitic_lemma(norm, n);
        }
        if (l == NULL && tk->lemmas)
            l = dl__lemmas_get(tk->lemmas, norm, n);
        if (l != NULL)
            t->lemma = l;
    }
    return DL_OK;
}

static dl_code text_run(const dl_kb *kb, const void *state, dl_doc *doc,
                        dl_error *err)
{
    DL_UNUSED(kb);
    const dl__text_kb *tk = state;
    dl__text_scratch sc = {0};
    /* at most one token per byte: one newline counter per possible token */
    sc.nl = dl__arena_alloc(&doc->arena, doc->len + 1);
    sc.cap = doc->len + 1;
    if (sc.nl == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    /* about one token per five bytes of news text: grow once or twice */
    if (!dl__vec_reserve(&doc->tokens, &doc->arena, doc->len / 5 + 16))
        return dl__fail(err, DL_ENOMEM, NULL);
    dl_code rc = dl__tokenize(tk, doc, &sc, err);
    if (rc == DL_OK)
        rc = dl__split(tk, doc, &sc, err);
    if (rc == DL_OK)
        rc = add_forms(tk, doc, err);
    return rc;
}

const dl__stage dl__stage_text = {
    .iversion = 1,
    .id = DL_STAGE_TEXT,
    .needs = 0,
    .name = "text",
    .load = text_load,
    .unload = text_unload,
    .run = text_run,
};

const char *dl__lemma_of(const dl_kb *kb, dl__arena *a, const char *word,
                         size_t len)
{
    size_t n;
    char *norm = dl__normalize(a, word, len, &n);
    if (norm == NULL)
        return NULL;
    const dl__text_kb *tk = dl__kb_state(kb, DL_STAGE_TEXT);
    if (tk == NULL || tk->lemmas == NULL)
        return norm;
    const char *l = dl__lemmas_get(tk->lemmas, norm, n);
    return l ? l : norm;
}

size_t dl__token_at(const dl_doc *doc, uint32_t off)
{
    const dl_token *t = dl__tokens(doc);
    size_t lo = 0, hi = doc->tokens.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t dl__sentence_at(const dl_doc *doc, uint32_t off)
{
    const dl_sentence *s = dl__sentences(doc);
    size_t lo = 0, hi = doc->sentences.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

bool dl__tok_is(const dl_doc *doc, size_t i, const char *w)
{
    if (i >= doc->tokens.n)
        return false;
    const dl_token *t = &dl__tokens(doc)[i];
    size_t n = strlen(w);
    if (t->end - t->start != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = doc->text[t->start + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return false;
    }
    return true;
}
