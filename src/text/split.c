/*
 * split.c — sentence boundaries over the token layer, tuned for news:
 * a period, question or exclamation mark ends a sentence (with any closing
 * quotes after it) when the next token opens a new one; abbreviations keep
 * their period ("Gen.", "St.", "Jan. 5") and only end a sentence before a
 * typical sentence opener ("... in the U.S. The next day"); a blank line
 * always ends one, and so does a single line break after a headline-like
 * first line without final punctuation. Paragraph numbers come from blank
 * lines. Also decides, for the tokenizer, which abbreviations keep their
 * period (dl__abbrev_kind).
 */
#include "text/text_internal.h"

#include <strings.h>

/* Words that typically open a sentence: after an abbreviation that could
 * end one, such a capitalized word means a new sentence begins. */
static const char *const starters[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "its", "their", "our", "this", "that", "these", "those", "there",
    "but", "and", "or", "so", "yet", "in", "on", "at", "for", "with", "by",
    "from", "after", "before", "when", "while", "if", "as", "what", "who",
    "why", "how", "some", "many", "most", "no", "not", "officials", "however",
    "meanwhile", "also", "earlier", "later", "last", "next", "one", "both",
    "since", "until", "although", "though", "because", "then", "now", "still",
};

static bool is_starter(const char *w, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (size_t i = 0; i < DL_ARRAY_LEN(starters); i++)
        if (strlen(starters[i]) == n && memcmp(starters[i], low, n) == 0)
            return true;
    return false;
}

/* The word after a period: skips spaces (not newlines) and returns its
 * start and length (letters only), or length 0. *newline is set when a
 * line break or the end comes first. */
static size_t next_word(const unsigned char *r, size_t n, const unsigned char **w,
                        bool *newline)
{
    size_t i = 0;
    *newline = false;
    while (i < n && (r[i] == ' ' || r[i] == '\t'))
        i++;
    if (i >= n || r[i] == '\n' || r[i] == '\r') {
        *newline = true;
        return 0;
    }
    *w = r + i;
    size_t j = i;
    while (j < n && ((r[j] | 32) >= 'a' && (r[j] | 32) <= 'z'))
        j++;
    return j - i;
}

int dl__abbrev_kind(const dl__text_kb *tk, const unsigned char *w, size_t n,
                    const unsigned char *rest, size_t rest_len)
{
    if (n == 0 || n > 12)
        return ABBR_NONE;
    const unsigned char *nw = NULL;
    bool newline;
    size_t nn = next_word(rest, rest_len, &nw, &newline);
    bool digit_next = !newline && nn == 0 && rest_len > 0;
    if (digit_next) {
        size_t i = 0;
        while (i < rest_len && rest[i] == ' ')
            i++;
        digit_next = i < rest_len && rest[i] >= '0' && rest[i] <= '9';
    }
    /* J. R. R. Tolkien: a single capital letter is an initial */
    if (n == 1 && w[0] >= 'A' && w[0] <= 'Z')
        return newline ? ABBR_NONE : ABBR_INITIAL;
    char low[13];
    for (size_t i = 0; i < n; i++) {
        if (w[i] >= 0x80)
            return ABBR_NONE;
        low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    }
    void *v = dl__strmap_get(&tk->abbrev, low, n);
    if (v == NULL)
        return ABBR_NONE;
    int kind = (int)(intptr_t)v;
    switch (kind) {
    case ABBR_TITLE:
        return newline ? ABBR_NONE : kind;
    case ABBR_NUM:
        return digit_next ? kind : ABBR_NONE;
    case ABBR_MONTH:
    case ABBR_COMMON:
        if (newline || (nn > 0 && nw[0] >= 'A' && nw[0] <= 'Z' &&
                        is_starter((const char *)nw, nn)))
            return ABBR_NONE;
        /* "Corp." before a capital word or a lower-case one: keep */
        return kind;
    default:
        return ABBR_NONE;
    }
}

static bool is_terminal(const dl_doc *doc, const dl_token *t)
{
    if (!(t->flags & DL_TOK_PUNCT))
        return false;
    const char *s = doc->text + t->start;
    size_t n = t->end - t->start;
    if (n == 1)
        return *s == '.' || *s == '?' || *s == '!';
    if (n == 3 && memcmp(s, "...", 3) == 0)
        return true;
    return n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0; /* … */
}

/* An acronym token ("U.S.") that may end a sentence. */
static bool is_acronym(const dl_doc *doc, const dl_token *t)
{
    if (!(t->flags & DL_TOK_ABBR))
        return false;
    size_t dots = 0;
    for (uint32_t b = t->start; b < t->end; b++)
        dots += doc->text[b] == '.';
    return dots >= 2;
}

/* "a.m." and "p.m.": a capitalized word after them starts a sentence
 * unless it belongs to the time ("5 p.m. Friday", "9 a.m. EST"). */
static bool is_clock(const dl_doc *doc, const dl_token *t)
{
    const char *s = doc->text + t->start;
    return t->end - t->start == 4 && (s[0] == 'a' || s[0] == 'p' || s[0] == 'A' || s[0] == 'P') &&
           (s[2] == 'm' || s[2] == 'M');
}

static bool is_time_word(const dl_doc *doc, const dl_token *t)
{
    static const char *const words[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "aug", "sept",
        "oct", "nov", "dec", "local", "today", "tomorrow", "yesterday",
    };
    if (t->flags & DL_TOK_UPPER)
        return true; /* EST, GMT, CET */
    size_t n = t->end - t->start;
    const char *s = doc->text + t->start;
    for (size_t i = 0; i < DL_ARRAY_LEN(words); i++)
        if (strlen(words[i]) == n && strncasecmp(words[i], s, n) == 0)
            return true;
    return false;
}

static bool starts_lower(const dl_doc *doc, const dl_token *t)
{
    unsigned char c = (unsigned char)doc->text[t->start];
    return (t->flags & DL_TOK_WORD) && !(t->flags & DL_TOK_CAP) &&
           !(t->flags & DL_TOK_NUM) && c >= 'a' && c <= 'z';
}

/* A single line break after a short first line of a paragraph without
 * final punctuation: a headline or a dateline line. */
static bool headline_break(const dl_doc *doc, const dl__text_scratch *sc,
                           size_t first, size_t i)
{
    const dl_token *tok = dl__tokens(doc);
    const dl_token *prev = &tok[i - 1];
    if (is_terminal(doc, prev))
        return false;
    if (prev->flags & DL_TOK_PUNCT) {
        char c = doc->text[prev->start];
        if (c == ',' || c == ';' || c == ':' || c == '-' || c == '(')
            return false;
    }
    size_t k = i - 1;
    while (k > first && sc->nl[k] == 0)
        k--;
    if (!(k == 0 || sc->nl[k] >= 2))
        return false; /* not the first line of its paragraph */
    if (prev->end - tok[k].start > 120)
        return false;
    const dl_token *t = &tok[i];
    return (t->flags & (DL_TOK_CAP | DL_TOK_NUM | DL_TOK_OPEN)) != 0;
}

#define MAX_SENTENCE_TOKENS 1000 /* a run-on "sentence" is cut here */

static dl_code close_sentence(dl_doc *doc, size_t first, size_t end_tok,
                              uint32_t paragraph)
{
    dl_token *tok = (dl_token *)doc->tokens.items;
    dl_sentence *s = DL__PUSH(doc, sentences, dl_sentence);
    if (s == NULL)
        return DL_ENOMEM;
    uint32_t idx = (uint32_t)(doc->sentences.n - 1);
    s->start = tok[first].start;
    s->end = tok[end_tok - 1].end;
    s->tok_first = (uint32_t)first;
    s->tok_count = (uint32_t)(end_tok - first);
    s->paragraph = paragraph;
    tok[first].flags |= DL_TOK_SSTART;
    for (size_t i = first; i < end_tok; i++)
        tok[i].sentence = idx;
    return DL_OK;
}

dl_code dl__split(const dl__text_kb *tk, dl_doc *doc, const dl__text_scratch *sc,
                  dl_error *err)
{
    DL_UNUSED(tk);
    const dl_token *tok = dl__tokens(doc);
    size_t n = doc->tokens.n;
    size_t first = 0;
    uint32_t paragraph = 0, sent_para = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > first) {
            bool brk = sc->nl[i] >= 2 || (sc->nl[i] == 1 && headline_break(doc, sc, first, i)) ||
                       i - first >= MAX_SENTENCE_TOKENS;
            if (brk) {
                if (close_sentence(doc, first, i, sent_para) != DL_OK)
                    return dl__fail(err, DL_ENOMEM, NULL);
                tok = dl__tokens(doc);
                first = i;
            }
        }
        if (sc->nl[i] >= 2 && i > 0)
            paragraph++;
        if (i == first)
            sent_para = paragraph;
        const dl_token *t = &tok[i];
        size_t j = i + 1;
        bool candidate = false;
        if (is_terminal(doc, t)) {
            while (j < n && sc->nl[j] == 0 && (tok[j].flags & DL_TOK_CLOSE))
                j++;
            candidate = true;
            if (j < n && sc->nl[j] == 0) {
                const dl_token *nx = &tok[j];
                if (starts_lower(doc, nx))
                    candidate = false; /* “Why?” he asked. */
                else if (nx->flags & DL_TOK_PUNCT && !(nx->flags & DL_TOK_OPEN))
                    candidate = false; /* "?!", ".)" handled above, "., " */
            }
        } else if (is_acronym(doc, t) && j < n && sc->nl[j] == 0) {
            const dl_token *nx = &tok[j];
            candidate = (nx->flags & DL_TOK_CAP) &&
                        (is_starter(doc->text + nx->start, nx->end - nx->start) ||
                         (is_clock(doc, t) && !is_time_word(doc, nx)));
        }
        if (candidate && j < n) {
            if (close_sentence(doc, first, j, sent_para) != DL_OK)
                return dl__fail(err, DL_ENOMEM, NULL);
            tok = dl__tokens(doc);
            first = j;
            i = j - 1;
        }
    }
    if (first < n && close_sentence(doc, first, n, sent_para) != DL_OK)
        return dl__fail(err, DL_ENOMEM, NULL);
    return DL_OK;
}
