/*
 * conllu.c — reads CoNLL-U in place: the file is loaded once, fields are
 * cut at their tabs, and words point into that buffer. Empty nodes
 * ("8.1") are skipped; multi-word tokens ("4-5 can't") give their words
 * spans inside the token when the words spell it out, else the whole
 * token's span.
 */
#include "syntax/conllu.h"

void dl__conllu_free(dl__conllu *c)
{
    if (c == NULL)
        return;
    free(c->buf);
    free(c->sents);
    free(c->words);
    free(c);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 20, n = 0, k;
    char *p = malloc(cap + 1);
    while (p != NULL && (k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *q = realloc(p, cap * 2 + 1);
            if (q == NULL) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p != NULL)
        p[n] = '\0';
    *len = n;
    return p;
}

/* Splits a word line into its 10 fields; false when it has fewer. */
static bool fields(char *line, char **f)
{
    for (int i = 0; i < 10; i++) {
        f[i] = line;
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            return i == 9;
        *tab = '\0';
        line = tab + 1;
    }
    return true;
}

static bool find_span(const char *text, uint32_t tlen, uint32_t *cur,
                      const char *form, uint32_t *start, uint32_t *end)
{
    size_t fl = strlen(form);
    uint32_t p = *cur;
    while (p < tlen && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n'))
        p++;
    if (fl > 0 && p + fl <= tlen && memcmp(text + p, form, fl) == 0) {
        *start = p;
        *end = p + (uint32_t)fl;
        *cur = *end;
        return true;
    }
    return false;
}

/* Spans of one sentence's words, from its tokens (surface forms). */
static void spans(dl__conllu_sent *s, char **tok_form, int *tok_first,
                  int *tok_last, int ntok)
{
    uint32_t cur = 0;
    s->spans_ok = s->text != NULL;
    for (int t = 0; t < ntok && s->spans_ok; t++) {
        uint32_t a, b;
        if (!find_span(s->text, s->text_len, &cur, tok_form[t], &a, &b)) {
            s->spans_ok = false;
            break;
        }
        int first = tok_first[t], last = tok_last[t];
        /* words spelling the token out get their own part of it */
        uint32_t off = a;
        bool spelled = true;
        for (int w = first; w <= last; w++) {
            size_t fl = strlen(s->words[w].form);
            if (off + fl > b || memcmp(s->text + off, s->words[w].form, fl) != 0) {
                spelled = false;
                break;
            }
            off += (uint32_t)fl;
        }
        spelled = spelled && off == b;
        off = a;
        for (int w = first; w <= last; w++) {
            if (spelled) {
                s->words[w].start = off;
                off += (uint32_t)strlen(s->words[w].form);
                s->words[w].end = off;
            } else {
                s->words[w].start = a;
                s->words[w].end = b;
            }
            s->words[w].in_mwt = first != last;
        }
    }
}

dl_code dl__conllu_read(const char *path, dl__conllu **out, dl_error *err)
{
    *out = NULL;
    size_t len;
    char *buf = slurp(path, &len);
    if (buf == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot read: %s", strerror(errno));
    dl__conllu *c = calloc(1, sizeof *c);
    size_t nlines = 1;
    for (size_t i = 0; i < len; i++)
        nlines += buf[i] == '\n';
    if (c == NULL) {
        free(buf);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    c->buf = buf;
    c->words = calloc(nlines, sizeof *c->words);
    c->sents = calloc(nlines / 2 + 1, sizeof *c->sents);
    char **tok_form = calloc(nlines, sizeof *tok_form);
    int *tok_first = calloc(nlines, sizeof(int)), *tok_last = calloc(nlines, sizeof(int));
    if (!c->words || !c->sents || !tok_form || !tok_first || !tok_last) {
        free(tok_form), free(tok_first), free(tok_last);
        dl__conllu_free(c);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    dl__conllu_sent *s = NULL;
    int ntok = 0, mwt_last = 0;
    long lineno = 0;
    dl_code rc = DL_OK;
    char *p = buf;
    while (p < buf + len && rc == DL_OK) {
        char *nl = strchr(p, '\n');
        char *line = p;
        if (nl != NULL)
            *nl = '\0';
        p = nl ? nl + 1 : buf + len;
        lineno++;
        size_t ll = strlen(line);
        if (ll > 0 && line[ll - 1] == '\r')
            line[--ll] = '\0';
        if (ll == 0) {
            if (s != NULL) {
                spans(s, tok_form, tok_first, tok_last, ntok);
                s = NULL;
            }
            continue;
        }
        if (s == NULL) {
            s = &c->sents[c->n++];
            s->words = c->words + c->nwords;
            ntok = 0;
            mwt_last = 0;
        }
        if (line[0] == '#') {
            if (strncmp(line, "# text = ", 9) == 0) {
                s->text = line + 9;
                s->text_len = (uint32_t)strlen(s->text);
            } else if (strncmp(line, "# sent_id = ", 12) == 0) {
                s->id = line + 12;
            }
            continue;
        }
        char *f[10];
        if (!fields(line, f)) {
            rc = dl__fail_at(err, DL_EFORMAT, path, lineno, "want 10 tab-separated fields");
            break;
        }
        if (strchr(f[0], '.'))
            continue; /* empty node of the enhanced graph */
        char *dash = strchr(f[0], '-');
        if (dash != NULL) {
            tok_form[ntok] = f[1];
            tok_first[ntok] = s->n;
            mwt_last = (int)strtol(dash + 1, NULL, 10);
            tok_last[ntok] = mwt_last - 1;
            ntok++;
            continue;
        }
        char *end;
        long id = strtol(f[0], &end, 10), head = strtol(f[6], NULL, 10);
        if (*end != '\0' || id != s->n + 1 || head < 0) {
            rc = dl__fail_at(err, DL_EFORMAT, path, lineno, "word id or head out of order");
            break;
        }
        dl__conllu_word *w = &s->words[s->n++];
        c->nwords++;
        w->form = f[1], w->lemma = f[2], w->upos = f[3], w->xpos = f[4];
        w->head = (int)head;
        char *colon = f[7];
        w->deprel = colon;
        if (id > mwt_last) {
            tok_form[ntok] = f[1];
            tok_first[ntok] = tok_last[ntok] = s->n - 1;
            ntok++;
        }
    }
    if (rc == DL_OK && s != NULL)
        spans(s, tok_form, tok_first, tok_last, ntok);
    free(tok_form), free(tok_first), free(tok_last);
    if (rc == DL_OK) {
        for (size_t i = 0; i < c->n; i++)
            for (int k = 0; k < c->sents[i].n; k++)
                if (c->sents[i].words[k].head > c->sents[i].n)
                    rc = dl__fail_at(err, DL_EFORMAT, path, 0,
                                     "sentence %s: a head past its last word",
                                     c->sents[i].id ? c->sents[i].id : "?");
    }
    if (rc != DL_OK) {
        dl__conllu_free(c);
        return rc;
    }
    *out = c;
    return DL_OK;
}
