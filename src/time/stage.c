/*
 * stage.c — the time stage: loads the time lexicon, then per document
 * turns each sentence's tokens into recognizer words (splitting hyphenated
 * tokens such as "third-quarter" and "mid-June"), takes the longest time
 * expression at each word (recognize.c) and appends one dl_timex per
 * expression to doc->timexes, normalized against the dateline.
 */
#include "time/time.h"
#include "time/tx.h"

#include <stdlib.h>

static dl_code time_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                         dl_error *err)
{
    DL_UNUSED(cfg);
    dl__time_kb *tk = calloc(1, sizeof *tk);
    if (tk == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&tk->arena, 16384);
    dl__strmap_init(&tk->words);
    dl_code rc = dl__time_lexicon_load(tk, dl__kb_path(kb, "time/lexicon.tsv"), err);
    if (rc != DL_OK) {
        dl__strmap_free(&tk->words);
        dl__arena_free(&tk->arena);
        free(tk);
        return rc;
    }
    *state = tk;
    return DL_OK;
}

static void time_unload(void *state)
{
    dl__time_kb *tk = state;
    if (tk == NULL)
        return;
    dl__strmap_free(&tk->words);
    dl__arena_free(&tk->arena);
    free(tk);
}

/* Words of the recognizer, grown per sentence, freed once per document. */
typedef struct wordbuf {
    tx_word *w;
    size_t n, cap;
} wordbuf;

static tx_word *push_word(wordbuf *b)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        tx_word *w = realloc(b->w, cap * sizeof *w);
        if (w == NULL)
            return NULL;
        b->w = w;
        b->cap = cap;
    }
    tx_word *w = &b->w[b->n++];
    memset(w, 0, sizeof *w);
    return w;
}

static void set_word(const dl__time_kb *tk, tx_word *w, const char *text,
                     const char *s, size_t n)
{
    if (n > 1 && s[n - 1] == '.') {
        n--;
        w->dot = 1;
    }
    w->s = s;
    w->n = (uint16_t)(n > 60000 ? 60000 : n);
    w->cap = text[w->start] >= 'A' && text[w->start] <= 'Z';
    w->num = -1;
    if (n >= 1 && n <= 9) {
        int32_t v = 0;
        size_t k = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            v = v * 10 + (s[k++] - '0');
        if (k == n) {
            w->num = v;
            w->ndig = (uint8_t)n;
        }
    }
    w->lex = dl__time_lookup(tk, s, n);
    if (w->lex == NULL && n >= 4 && s[0] == 'f' && s[1] == 'y' && s[2] >= '0' && s[2] <= '9')
        w->lex = dl__time_lookup(tk, "fy", 2); /* FY2023: a "start" word */
}

/* The words of one token: one, or one per hyphen-separated part when the
 * token is a hyphenated word whose normalized form keeps byte offsets. */
static dl_code token_words(const dl__time_kb *tk, const dl_doc *doc,
                           const dl_token *t, wordbuf *b)
{
    const char *norm = t->norm ? t->norm : "";
    size_t nlen = strlen(norm);
    size_t tlen = t->end - t->start;
    bool split = !(t->flags & DL_TOK_PUNCT) && nlen == tlen && nlen > 2 &&
                 memchr(norm, '-', nlen) != NULL &&
                 !(norm[0] >= '0' && norm[0] <= '9' && nlen == 10 && norm[4] == '-');
    size_t from = 0;
    for (size_t k = 0; k <= nlen; k++) {
        if (k < nlen && (!split || norm[k] != '-'))
            continue;
        if (k > from) {
            tx_word *w = push_word(b);
            if (w == NULL)
                return DL_ENOMEM;
            w->start = t->start + (uint32_t)from;
            w->end = split ? t->start + (uint32_t)k : t->end;
            w->sent = t->sentence;
            w->hy = from > 0;
            w->punct = (t->flags & DL_TOK_PUNCT) != 0;
            w->poss = (t->flags & DL_TOK_POSS) != 0;
            set_word(tk, w, doc->text, norm + from, k - from);
            size_t n = k - from;
            if (!split && n > 3 && norm[nlen - 2] == 'e' && norm[nlen - 1] == 'd' &&
                t->lemma && strcmp(t->lemma, norm) != 0)
                w->ed = 1;
        }
        from = k + 1;
    }
    return DL_OK;
}

/* Whether a time expression may start at word i: a lexicon word (time
 * words and the "start" class: "the", "early", "every", ...) or a number.
 * The commonest function words ("the", "a", "that") only when the next
 * word could continue an expression: this keeps the stage cheap. */
static inline bool may_start(const tx_word *w, size_t i, size_t n)
{
    const tx_word *x = &w[i];
    if (x->num >= 0 || (x->n > 0 && x->s[0] >= '0' && x->s[0] <= '9'))
        return true;
    if ((x->n == 1 && x->s[0] == '\'') || (x->n == 3 && (unsigned char)x->s[0] == 0xe2))
        return true;
    if (x->lex == NULL || (x->lex->cls & ~(1u << TXC_TENSE)) == 0)
        return false; /* "said", "will": tense markers only */
    bool function_word = (x->n == 3 && memcmp(x->s, "the", 3) == 0) ||
                         (x->n == 1 && x->s[0] == 'a') ||
                         (x->n == 2 && memcmp(x->s, "an", 2) == 0) ||
                         (x->n == 4 && memcmp(x->s, "that", 4) == 0);
    if (!function_word)
        return true;
    if (i + 1 >= n)
        return false;
    const tx_word *y = &w[i + 1];
    return y->lex || y->num >= 0 || (y->n > 0 && y->s[0] >= '0' && y->s[0] <= '9') ||
           (y->n == 1 && y->s[0] == '\'') || (y->n == 3 && (unsigned char)y->s[0] == 0xe2);
}

static dl_code emit(dl_doc *doc, const tx_word *w, size_t i, const tx_res *r)
{
    dl_timex *tx = DL__PUSH(doc, timexes, dl_timex);
    if (tx == NULL)
        return DL_ENOMEM;
    char buf[48];
    dl__tx_value(r, buf, sizeof buf);
    tx->start = w[i].start;
    tx->end = w[i + r->n - 1].end;
    tx->sentence = w[i].sent;
    tx->type = r->type;
    tx->value = dl__arena_strdup(&doc->arena, buf);
    tx->mod = dl__tx_mod_name(r->mod);
    tx->why = r->rule;
    return tx->value ? DL_OK : DL_ENOMEM;
}

/* For `dateline explain`: which word set the tense of a weekday, month
 * or season resolved by tense. */
static void explain_tense(dl_doc *doc, const tx_ctx *c, size_t i, const tx_res *r)
{
    static const char *const by_tense[] = {"weekday_tense", "month", "month_day", "season",
                                           "weekend", "quarter", "holiday"};
    bool uses = false;
    for (size_t k = 0; k < DL_ARRAY_LEN(by_tense); k++)
        uses |= strcmp(r->rule, by_tense[k]) == 0;
    if (!uses)
        return;
    size_t m = 0;
    int t = dl__tx_tense(c, i, &m);
    const tx_word *w = c->w;
    if (t == 0)
        dl__doc_note(doc, "time", w[i].start, w[i + r->n - 1].end, "%s: no tense marker",
                     r->rule);
    else
        dl__doc_note(doc, "time", w[i].start, w[i + r->n - 1].end, "%s: tense %s from \"%.*s\"",
                     r->rule, t == TXR_PAST ? "past" : t == TXR_FUTURE ? "future" : "present",
                     (int)(w[m].end - w[m].start), doc->text + w[m].start);
}

static dl_code time_run(const dl_kb *kb, const void *state, dl_doc *doc,
                        dl_error *err)
{
    DL_UNUSED(kb);
    const dl__time_kb *tk = state;
    const dl_sentence *sents = doc->sentences.items;
    const dl_token *toks = doc->tokens.items;
    tx_ctx c = {.kb = tk, .dct = doc->date};
    wordbuf b = {0};
    dl_code rc = DL_OK;
    for (size_t s = 0; s < doc->sentences.n && rc == DL_OK; s++) {
        b.n = 0;
        for (uint32_t k = 0; k < sents[s].tok_count && rc == DL_OK; k++)
            rc = token_words(tk, doc, &toks[sents[s].tok_first + k], &b);
        if (rc != DL_OK)
            break;
        c.w = b.w;
        c.n = b.n;
        for (size_t i = 0; i < b.n && rc == DL_OK;) {
            tx_res r;
            if (!may_start(b.w, i, b.n) || dl__tx_match(&c, i, b.n, &r) == 0) {
                i++;
                continue;
            }
            rc = emit(doc, b.w, i, &r);
            explain_tense(doc, &c, i, &r);
            dl__tx_note(&c, &r);
            i += r.n;
        }
    }
    free(b.w);
    if (rc != DL_OK)
        return dl__fail(err, rc, "time stage: out of memory");
    return DL_OK;
}

const dl__stage dl__stage_time = {
    .iversion = 1,
    .id = DL_STAGE_TIME,
    .needs = DL_STAGE_TEXT,
    .name = "time",
    .load = time_load,
    .unload = time_unload,
    .run = time_run,
};
