/*
 * marks.c — pairs quotation marks into quoted regions. Reads the token
 * layer (quote tokens carry DL_TOK_QUOTE and the text stage's guess of
 * DL_TOK_OPEN/DL_TOK_CLOSE) and re-decides straight and suspicious marks
 * from the characters around them. Handles curly, straight, low-high
 * („...“) marks and guillemets, single quotes nested in double ones, the
 * news convention of a quotation over several paragraphs (each opens with
 * a mark, only the last closes), and unbalanced marks, which it recovers
 * locally: an unclosed quote ends with its sentence (or its paragraph when
 * it continues a multi-paragraph quotation), a stray closing mark reaches back only to the
 * start of its sentence. It never lets one mark swallow the article.
 *
 * Called by quotes.c; knows nothing of cues or speakers.
 */
#include "quotes/quotes.h"
#include "text/text.h"

enum orient { O_NONE, O_OPEN, O_CLOSE };

static int32_t cp_of(const dl_doc *doc, const dl_token *t, int *len)
{
    int32_t cp;
    *len = dl__utf8_decode((const unsigned char *)doc->text + t->start,
                           t->end - t->start, &cp);
    return cp;
}

static bool is_apostrophe_tok(const dl_doc *doc, size_t i)
{
    const dl_token *t = &dl__tokens(doc)[i];
    return t->end == t->start + 1 && doc->text[t->start] == '\'';
}

/* A word the tokenizer started with an apostrophe ("'We" in ''We). */
static bool apostrophe_word(const dl_doc *doc, size_t i)
{
    const dl_token *t = &dl__tokens(doc)[i];
    return (t->flags & DL_TOK_WORD) && t->end > t->start + 1 && doc->text[t->start] == '\'';
}

/* Token i is one of two touching straight apostrophes. */
static bool apostrophe_pair(const dl_doc *doc, size_t i)
{
    const dl_token *t = dl__tokens(doc);
    if (i + 1 < doc->tokens.n && t[i + 1].start == t[i].end &&
        (is_apostrophe_tok(doc, i + 1) || apostrophe_word(doc, i + 1)))
        return true;
    return i > 0 && t[i - 1].end == t[i].start && is_apostrophe_tok(doc, i - 1);
}

/* Tokens the mark starting at token i takes: 2 for '' pairs (a word
 * glued to the second apostrophe stays content; see emit). */
static size_t mark_len(const dl_doc *doc, size_t i)
{
    const dl_token *t = dl__tokens(doc);
    return is_apostrophe_tok(doc, i) && i + 1 < doc->tokens.n &&
                   t[i + 1].start == t[i].end && is_apostrophe_tok(doc, i + 1)
               ? 2
               : 1;
}

int dl__quote_mark_kind(const dl_doc *doc, size_t i)
{
    const dl_token *t = &dl__tokens(doc)[i];
    if (!(t->flags & (DL_TOK_QUOTE | DL_TOK_PUNCT)))
        return 0;
    int len;
    int32_t cp = cp_of(doc, t, &len);
    if ((uint32_t)len != t->end - t->start)
        return 0;
    if (cp == '\'' && apostrophe_pair(doc, i))
        return 2; /* '' used as a double quote mark (NYT style) */
    switch (cp) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0xAB: case 0xBB:
        return 2;
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x2039: case 0x203A:
        return 1;
    default:
        return 0;
    }
}

/* Character class just before byte b and at byte e: space-like (start,
 * end, whitespace, brackets, dashes) or not. */
static bool space_before(const dl_doc *doc, uint32_t b)
{
    if (b == 0)
        return true;
    uint32_t k = b - 1;
    while (k > 0 && ((unsigned char)doc->text[k] & 0xC0) == 0x80)
        k--;
    int32_t cp;
    dl__utf8_decode((const unsigned char *)doc->text + k, b - k, &cp);
    return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '(' ||
           cp == '[' || cp == 0x2014 || cp == 0x2013 || cp == 0xA0 ||
           cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

static bool space_after(const dl_doc *doc, uint32_t e)
{
    if (e >= doc->len)
        return true;
    int32_t cp;
    dl__utf8_decode((const unsigned char *)doc->text + e, doc->len - e, &cp);
    return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == ',' ||
           cp == '.' || cp == ';' || cp == ':' || cp == '?' || cp == '!' ||
           cp == ')' || cp == ']' || cp == 0x2014 || cp == 0x2013 ||
           cp == 0xA0 || cp == 0x201D || cp == 0x2019 || cp == 0xBB ||
           cp == '"' || cp == '\'';
}

/* Opening or closing, from the glyph and its neighbours. Curly marks are
 * trusted unless their neighbours contradict them; straight marks follow
 * their neighbours, and when those say nothing, the pairing state
 * (`open` tells whether a quote of this kind is open). */
static enum orient orient_of(const dl_doc *doc, size_t i, bool open)
{
    const dl_token *t = &dl__tokens(doc)[i];
    int len;
    int32_t cp = cp_of(doc, t, &len);
    uint32_t end = dl__tokens(doc)[i + mark_len(doc, i) - 1].end;
    bool sb = space_before(doc, t->start), sa = space_after(doc, end);
    switch (cp) {
    case 0x201C: case 0x2018: case 0xAB: case 0x2039:
        if (t->flags & DL_TOK_CLOSE)
            return O_CLOSE; /* „...“ closed German-style */
        return !sb && sa && open ? O_CLOSE : O_OPEN;
    case 0x201D: case 0x2019: case 0xBB: case 0x203A:
        return sb && !sa && !open ? O_OPEN : O_CLOSE;
    case 0x201E: case 0x201A: case 0x201F: case 0x201B:
        return O_OPEN;
    default:
        if (sb && !sa)
            return O_OPEN;
        if (!sb && sa)
            return O_CLOSE;
        return open ? O_CLOSE : O_OPEN;
    }
}

typedef struct pairing {
    dl_doc *doc;
    const dl_token *tok;
    size_t ntok;
    dl__vec spans; /* dl__qspan */
    int32_t *inq;
} pairing;

static uint32_t para_of(const pairing *p, size_t i)
{
    return dl__sentences(p->doc)[p->tok[i].sentence].paragraph;
}

/* Last token of the sentence of token i. */
static size_t sentence_last(const pairing *p, size_t i)
{
    const dl_sentence *s = &dl__sentences(p->doc)[p->tok[i].sentence];
    return s->tok_first + s->tok_count - 1;
}

static size_t sentence_first(const pairing *p, size_t i)
{
    return dl__sentences(p->doc)[p->tok[i].sentence].tok_first;
}

/* Last token of the paragraph of token i. */
static size_t para_last(const pairing *p, size_t i)
{
    uint32_t para = para_of(p, i);
    size_t j = i;
    while (j + 1 < p->ntok && para_of(p, j + 1) == para)
        j++;
    return j;
}

static bool is_trailing_punct(const pairing *p, size_t i)
{
    const dl_token *t = &p->tok[i];
    if (!(t->flags & DL_TOK_PUNCT) || (t->flags & DL_TOK_QUOTE))
        return false;
    char c = p->doc->text[t->start];
    return t->end - t->start == 1 && (c == ',' || c == ';' || c == ':');
}

/* Records the region between marks open and close (either may be
 * UINT32_MAX: then `first`/`last` bound the content). */
static dl_code emit(pairing *p, uint32_t open, uint32_t close, size_t first,
                    size_t last, unsigned flags, float conf, const char *why,
                    dl_error *err)
{
    if (first > last || last >= p->ntok)
        return DL_OK;
    if (p->spans.n >= DL__QUOTE_MAX_SPANS)
        return DL_OK; /* cap: the rest of the marks stay unpaired */
    /* a trailing comma belongs to the sentence, not to the words */
    while (last > first && is_trailing_punct(p, last))
        last--;
    dl__qspan *q = dl__vec_push(&p->spans, &p->doc->arena);
    if (q == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    q->open = open;
    q->close = close != UINT32_MAX ? close + (uint32_t)mark_len(p->doc, close) - 1 : close;
    q->first = (uint32_t)first;
    q->last = (uint32_t)last;
    q->start = p->tok[first].start;
    if (apostrophe_word(p->doc, first) && open != UINT32_MAX && first == open + 1)
        q->start++; /* ''We: the second apostrophe is part of the mark */
    q->end = p->tok[last].end;
    q->flags = flags;
    q->confidence = conf;
    q->why = why;
    int32_t idx = (int32_t)(p->spans.n - 1);
    size_t a = open != UINT32_MAX ? open : first;
    size_t b = close != UINT32_MAX ? q->close : last;
    for (size_t k = a; k <= b && k < p->ntok; k++)
        if (p->inq[k] < 0)
            p->inq[k] = idx;
    return DL_OK;
}

/* An unclosed quote opened at token `open`: it ends with its sentence, or
 * with its paragraph when it continued from an earlier paragraph; never
 * after `limit` (exclusive; a later mark). */
static dl_code emit_unclosed(pairing *p, uint32_t open, bool multipara,
                             size_t limit, dl_error *err)
{
    size_t first = open + mark_len(p->doc, open);
    if (first >= p->ntok)
        return DL_OK;
    size_t base = multipara && limit > 0 ? limit - 1 : open;
    size_t last = multipara ? para_last(p, base) : sentence_last(p, open);
    if (limit <= last)
        last = limit - 1;
    return emit(p, open, UINT32_MAX, first, last,
                DL__QS_UNBALANCED | (multipara ? DL__QS_MULTIPARA : 0), 0.5f,
                multipara ? "marks:multi-paragraph-unclosed" : "marks:unclosed", err);
}

/* Whether the paragraph after the one holding token i opens with a double
 * opening mark; *next gets that mark. */
static bool next_para_opens(const pairing *p, size_t i, size_t *next)
{
    size_t j = para_last(p, i) + 1;
    if (j >= p->ntok || dl__quote_mark_kind(p->doc, j) != 2)
        return false;
    if (orient_of(p->doc, j, false) != O_OPEN)
        return false;
    *next = j;
    return true;
}

typedef struct pstate {
    int64_t d_open;      /* open double mark, or -1 */
    int64_t s_open;      /* open single mark (nested or primary), or -1 */
    unsigned paras;      /* paragraphs the open double has run over */
    int64_t skip;        /* continuation mark to pass over */
    int64_t last_mark;   /* last mark in this paragraph, or -1 */
} pstate;

static dl_code on_double(pairing *p, pstate *s, size_t i, dl_error *err)
{
    enum orient o = orient_of(p->doc, i, s->d_open >= 0);
    dl_code rc = DL_OK;
    if (o == O_OPEN) {
        if (s->d_open >= 0) /* the previous one never closed */
            rc = emit_unclosed(p, (uint32_t)s->d_open, s->paras > 1, i, err);
        s->d_open = (int64_t)i;
        s->paras = 1;
        s->s_open = -1;
        return rc;
    }
    if (s->d_open >= 0) {
        rc = emit(p, (uint32_t)s->d_open, (uint32_t)i,
                  (size_t)s->d_open + mark_len(p->doc, (size_t)s->d_open), i - 1, s->paras > 1 ? DL__QS_MULTIPARA : 0,
                  s->paras > 1 ? 0.85f : 0.95f,
                  s->paras > 1 ? "marks:multi-paragraph" : "marks:paired", err);
        s->d_open = -1;
        s->s_open = -1;
        return rc;
    }
    /* a closing mark with no opening one: back to the start of its
     * sentence, or to the last mark before it */
    size_t first = sentence_first(p, i);
    if (s->last_mark >= 0 && (size_t)s->last_mark + 1 > first)
        first = (size_t)s->last_mark + 1;
    if (first + 1 >= i) /* nothing (or one token) before it: a stray mark */
        return DL_OK;
    return emit(p, UINT32_MAX, (uint32_t)i, first, i - 1, DL__QS_UNBALANCED,
                0.5f, "marks:unopened", err);
}

static void on_single(pairing *p, pstate *s, size_t i, dl_error *err,
                      dl_code *rc)
{
    enum orient o = orient_of(p->doc, i, s->s_open >= 0);
    if (o == O_OPEN) {
        if (i + 1 < p->ntok && (p->tok[i + 1].flags & DL_TOK_WORD))
            s->s_open = (int64_t)i; /* not '90s */
        return;
    }
    if (s->s_open < 0)
        return; /* an apostrophe ("the Russians’ army") */
    if (s->d_open < 0 && p->tok[s->s_open].sentence == p->tok[i].sentence &&
        (size_t)s->s_open + 1 < i) /* a primary single quote */
        *rc = emit(p, (uint32_t)s->s_open, (uint32_t)i, (size_t)s->s_open + 1,
                   i - 1, DL__QS_SINGLE, 0.7f, "marks:single", err);
    s->s_open = -1; /* nested quotes stay inside their outer region */
}

/* End of the paragraph holding token i: continue a multi-paragraph quote
 * or recover an unclosed one. */
static dl_code on_para_end(pairing *p, pstate *s, size_t i, dl_error *err)
{
    dl_code rc = DL_OK;
    size_t next;
    if (s->d_open >= 0) {
        if (s->paras < DL__QUOTE_MAX_PARAS && next_para_opens(p, i, &next)) {
            s->paras++;
            s->skip = (int64_t)next;
        } else {
            rc = emit_unclosed(p, (uint32_t)s->d_open, s->paras > 1,
                               para_last(p, i) + 1, err);
            s->d_open = -1;
            s->paras = 0;
        }
    }
    s->s_open = -1;
    s->last_mark = -1;
    return rc;
}

dl_code dl__quote_marks(dl_doc *doc, dl__qspan **out, size_t *n, int32_t *inq,
                        dl_error *err)
{
    pairing p = {doc, dl__tokens(doc), doc->tokens.n, {0}, inq};
    dl__vec_init(&p.spans, sizeof(dl__qspan));
    for (size_t i = 0; i < p.ntok; i++)
        inq[i] = -1;
    pstate s = {-1, -1, 0, -1, -1};
    dl_code rc = DL_OK;
    for (size_t i = 0; i < p.ntok && rc == DL_OK; i++) {
        int kind = dl__quote_mark_kind(doc, i);
        size_t ml = kind == 2 ? mark_len(doc, i) : 1;
        if (kind == 2 && (int64_t)i == s.skip) {
            s.skip = -1; /* the mark that reopens a continued quote */
        } else if (kind == 2) {
            rc = on_double(&p, &s, i, err);
            s.last_mark = (int64_t)i;
        } else if (kind == 1) {
            on_single(&p, &s, i, err, &rc);
        }
        if (ml == 2) {
            i++; /* the second apostrophe of '' */
            if (inq[i - 1] >= 0)
                inq[i] = inq[i - 1];
        }
        if (rc == DL_OK && (i + 1 == p.ntok || para_of(&p, i + 1) != para_of(&p, i)))
            rc = on_para_end(&p, &s, i, err);
    }
    *out = p.spans.items;
    *n = p.spans.n;
    return rc;
}
