/*
 * token.c — the tokenizer: words, numbers, punctuation and quote marks as
 * byte spans, with the news conventions that matter downstream: "U.S." and
 * "p.m." stay whole, "Gen." keeps its period, "Russia’s" splits off a
 * possessive token, "don't" splits as do + n't, "3.5" and "1,000" are one
 * number, quote marks say whether they open or close. Written by hand
 * because it is the hot loop of the whole pipeline and the abbreviation
 * rules are ours; character classes come from utf8proc.
 *
 * Sentence boundaries are decided afterwards in split.c, which reads the
 * `nl` counts (newlines before each token) recorded here.
 */
#include "text/text.h"
#include "text/text_internal.h"

#include <strings.h>
#include <utf8proc.h>

enum cclass { C_OTHER = 0, C_SPACE, C_NEWLINE, C_LETTER, C_DIGIT, C_MARK };

/* Classes of the ASCII bytes, the common case, without a call. */
static const unsigned char ascii_class[128] = {
    ['\t'] = C_SPACE, ['\n'] = C_NEWLINE, ['\v'] = C_SPACE, ['\f'] = C_SPACE,
    ['\r'] = C_SPACE, [' '] = C_SPACE,
    ['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT, ['4'] = C_DIGIT,
    ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT, ['8'] = C_DIGIT, ['9'] = C_DIGIT,
#define L(c) [c] = C_LETTER, [c + 32] = C_LETTER
    L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'), L('J'),
    L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'), L('S'), L('T'),
    L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
#undef L
};

static enum cclass class_of_slow(int32_t cp);

static inline __attribute__((always_inline)) enum cclass class_of(int32_t cp)
{
    if (cp >= 0 && cp < 0x80) {
        return (enum cclass)ascii_class[cp];
    }
    return class_of_slow(cp);
}

static enum cclass class_of_slow(int32_t cp)
{
    if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
        return C_NEWLINE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ZS:
        return C_SPACE;
    case UTF8PROC_CATEGORY_CF: /* soft hyphen, zero-width joiners, BOM */
        return C_SPACE;
    default:
        return C_OTHER;
    }
}

typedef struct cursor {
    const unsigned char *s;
    size_t n;
} cursor;

/* Code point and length at byte i (0 past the end). */
static int32_t cp_at(const cursor *c, size_t i, int *len)
{
    if (i >= c->n) {
        *len = 0;
        return 0;
    }
    if (c->s[i] < 0x80) {
        *len = 1;
        return c->s[i];
    }
    int32_t cp;
    *len = dl__utf8_decode(c->s + i, c->n - i, &cp);
    return cp;
}

static enum cclass class_at(const cursor *c, size_t i)
{
    int len;
    int32_t cp = cp_at(c, i, &len);
    return len ? class_of(cp) : C_SPACE;
}

static bool is_alnum_at(const cursor *c, size_t i)
{
    enum cclass k = class_at(c, i);
    return k == C_LETTER || k == C_DIGIT || k == C_MARK;
}

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019;
}

static bool is_upper_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

/* Length of a run of letter-period pairs at i ("U.S." -> 4), at least two
 * pairs, or 0. */
static size_t acronym_len(const cursor *c, size_t i)
{
    size_t j = i, pairs = 0;
    for (;;) {
        int len;
        int32_t cp = cp_at(c, j, &len);
        if (!len || class_of(cp) != C_LETTER)
            break;
        if (j + (size_t)len >= c->n || c->s[j + (size_t)len] != '.')
            break;
        j += (size_t)len + 1;
        pairs++;
        /* the pair must not continue as a word ("U.Sxyz") */
    }
    if (pairs < 2 || is_alnum_at(c, j))
        return 0;
    return j - i;
}

/* Byte length of the word starting at i (letters, digits, marks, inner
 * hyphens, inner apostrophes, number punctuation). Contractions and
 * possessives stop the word before the apostrophe. */
static size_t word_len(const cursor *c, size_t i)
{
    size_t j = i;
    bool digits_only = true;
    for (;;) {
        /* ASCII letters and digits: no decoding */
        while (j < c->n && c->s[j] < 0x80) {
            unsigned char k = ascii_class[c->s[j]];
            if (k == C_LETTER)
                digits_only = false;
            else if (k != C_DIGIT)
                break;
            j++;
        }
        int len;
        int32_t cp = cp_at(c, j, &len);
        if (!len)
            break;
        enum cclass k = class_of(cp);
        if (k == C_LETTER || k == C_MARK) {
            digits_only = false;
            j += (size_t)len;
            continue;
        }
        if (k == C_DIGIT) {
            j += (size_t)len;
            continue;
        }
        if (j == i)
            break;
        /* 3.5, 1,000, 10:30 */
        if ((cp == '.' || cp == ',' || cp == ':') && digits_only &&
            class_at(c, j + 1) == C_DIGIT) {
            if (cp == ',') {
                size_t d = 0;
                while (j + 1 + d < c->n && class_at(c, j + 1 + d) == C_DIGIT)
                    d++;
                if (d != 3)
                    break;
            }
            j += 1;
            continue;
        }
        /* Amazon.com, alt.politics, report.pdf: an inner period before a
         * lower-case letter (a sentence never starts so) */
        if (cp == '.' && !digits_only && j + 1 < c->n && c->s[j + 1] >= 'a' &&
            c->s[j + 1] <= 'z') {
            j += 1;
            continue;
        }
        /* long-anticipated, 17-month, F-16 */
        if ((cp == '-' || cp == 0x2010 || cp == 0x2011) && is_alnum_at(c, j + (size_t)len)) {
            digits_only = false;
            j += (size_t)len;
            continue;
        }
        if (is_apostrophe(cp) && class_at(c, j + (size_t)len) == C_LETTER) {
            /* stop before a possessive or a contraction */
            size_t a = j + (size_t)len;
            size_t e = a;
            while (e < c->n && class_at(c, e) == C_LETTER) {
                int l2;
                cp_at(c, e, &l2);
                e += (size_t)l2;
            }
            size_t tail = e - a;
            const unsigned char *t = c->s + a;
            if ((tail == 1 && ((t[0] | 32) == 's' || (t[0] | 32) == 'm' ||
                               (t[0] | 32) == 'd' || (t[0] | 32) == 't')) ||
                (tail == 2 && (((t[0] | 32) == 'l' && (t[1] | 32) == 'l') ||
                               ((t[0] | 32) == 'r' && (t[1] | 32) == 'e') ||
                               ((t[0] | 32) == 'v' && (t[1] | 32) == 'e'))))
                break;
            j = a; /* O'Brien, ’Ndrangheta: part of the word */
            continue;
        }
        break;
    }
    return j - i;
}

/* A web address or an e-mail address at i ("https://x.org/a?b=c",
 * "www.un.org", "press@state.gov"), as UD keeps them: one token up to the
 * next space, less trailing sentence punctuation; else 0. */
static size_t address_len(const cursor *c, size_t i)
{
    size_t rest = c->n - i, e = i;
    const char *p = (const char *)c->s + i;
    bool web = (rest > 7 && strncasecmp(p, "http://", 7) == 0) ||
               (rest > 8 && strncasecmp(p, "https://", 8) == 0) ||
               (rest > 4 && strncasecmp(p, "www.", 4) == 0);
    bool at = false, dot_after_at = false;
    while (e < c->n && c->s[e] > ' ' && c->s[e] < 0x80 && c->s[e] != '"' && c->s[e] != '<' &&
           c->s[e] != '>') {
        if (c->s[e] == '@')
            at = e > i;
        else if (at && c->s[e] == '.')
            dot_after_at = true;
        e++;
    }
    while (e > i && strchr(".,;:!?)]'", c->s[e - 1]) != NULL)
        e--;
    if (!web && !(at && dot_after_at))
        return 0;
    return e - i;
}

/* "n't" at i, followed by a non-letter: its byte length, else 0. */
static size_t nt_len(const cursor *c, size_t i)
{
    if (i >= c->n || (c->s[i] | 32) != 'n')
        return 0;
    int alen;
    int32_t ap = cp_at(c, i + 1, &alen);
    if (!alen || !is_apostrophe(ap))
        return 0;
    size_t t = i + 1 + (size_t)alen;
    if (t >= c->n || (c->s[t] | 32) != 't' || is_alnum_at(c, t + 1))
        return 0;
    return t + 1 - i;
}

static inline dl_token *push(dl_doc *doc, size_t start,
                      size_t end, uint32_t flags)
{
    dl_token *t = DL__PUSH(doc, tokens, dl_token);
    if (t == NULL)
        return NULL;
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->flags = flags;
    return t;
}

/* Quote-mark classification. Straight quotes open after space or an
 * opening bracket, close otherwise; „ and ‚ open German-style quotes
 * closed by “ and ‘. */
static uint32_t quote_flags(const cursor *c, size_t i, int32_t cp, int *low_open)
{
    switch (cp) {
    case 0x201C: /* “ */
        if (*low_open) {
            *low_open = 0;
            return DL_TOK_QUOTE | DL_TOK_CLOSE;
        }
        return DL_TOK_QUOTE | DL_TOK_OPEN;
    case 0x2018: case 0xAB: case 0x2039:
        return DL_TOK_QUOTE | DL_TOK_OPEN;
    case 0x201E: case 0x201A:
        *low_open = 1;
        return DL_TOK_QUOTE | DL_TOK_OPEN;
    case 0x201D: case 0x2019: case 0xBB: case 0x203A:
        return DL_TOK_QUOTE | DL_TOK_CLOSE;
    case '"': case '\'': {
        if (i == 0)
            return DL_TOK_QUOTE | DL_TOK_OPEN;
        unsigned char p = c->s[i - 1];
        bool before_space = p == ' ' || p == '\n' || p == '\t' || p == '(' ||
                            p == '[' || p == '-' || p == '\r';
        if (p >= 0x80) { /* an em dash or another quote before it */
            size_t k = i - 1;
            while (k > 0 && (c->s[k] & 0xC0) == 0x80)
                k--;
            int len;
            int32_t pc = cp_at(c, k, &len);
            before_space = pc == 0x2014 || pc == 0x2013 || pc == 0x201C ||
                           pc == 0x2018 || class_of(pc) == C_SPACE;
        }
        return DL_TOK_QUOTE | (before_space ? DL_TOK_OPEN : DL_TOK_CLOSE);
    }
    default:
        return 0;
    }
}

dl_code dl__tokenize(const dl__text_kb *tk, dl_doc *doc, dl__text_scratch *sc,
                     dl_error *err)
{
    cursor c = {(const unsigned char *)doc->text, doc->len};
    size_t i = 0;
    unsigned nl = 0;
    int low_open = 0;
    while (i < c.n) {
        int len;
        int32_t cp = cp_at(&c, i, &len);
        enum cclass k = class_of(cp);
        if (k == C_SPACE) {
            i += (size_t)len;
            continue;
        }
        if (k == C_NEWLINE) {
            nl++;
            i += (size_t)len;
            continue;
        }
        size_t start = i, end;
        uint32_t flags = 0;
        size_t nt = nt_len(&c, i);
        size_t addr = k == C_LETTER ? address_len(&c, i) : 0;
        if (nt) {
            end = i + nt; /* the clitic n't of do|n't */
            flags = DL_TOK_WORD;
        } else if (addr) {
            end = i + addr;
            flags = DL_TOK_WORD;
        } else if (k == C_LETTER || k == C_DIGIT || k == C_MARK) {
            size_t acr = k == C_LETTER ? acronym_len(&c, i) : 0;
            if (acr) {
                end = i + acr;
                flags = DL_TOK_WORD | DL_TOK_ABBR;
            } else {
                end = i + word_len(&c, i);
                if (end == i)
                    end = i + (size_t)len;
                flags = k == C_DIGIT ? DL_TOK_NUM : DL_TOK_WORD;
                /* a period kept by an abbreviation or an initial */
                if (flags == DL_TOK_WORD && end < c.n && c.s[end] == '.') {
                    int kind = dl__abbrev_kind(tk, &c.s[start], end - start, &c.s[end + 1],
                                               c.n - end - 1);
                    if (kind) {
                        end++;
                        flags |= DL_TOK_ABBR;
                    }
                }
            }
            /* contractions: do|n't, they|'re */
            if (!(flags & DL_TOK_ABBR) && end - start >= 2 && end + 1 < c.n) {
                int alen;
                int32_t ap = cp_at(&c, end, &alen);
                if (is_apostrophe(ap) && (c.s[end + (size_t)alen] | 32) == 't' &&
                    (c.s[end - 1] | 32) == 'n' && end - 1 > start) {
                    end--; /* the n of n't goes with the clitic */
                }
            }
        } else if (is_apostrophe(cp) && i > 0 && is_alnum_at(&c, i + (size_t)len) &&
                   (c.s[i - 1] != ' ' && c.s[i - 1] != '\n')) {
            /* clitic: ’s, 's, 're, 'll ... */
            end = i + (size_t)len;
            while (end < c.n && class_at(&c, end) == C_LETTER)
                end++;
            flags = DL_TOK_WORD;
            if (end - i - (size_t)len == 1 && (c.s[end - 1] | 32) == 's')
                flags |= DL_TOK_POSS;
        } else {
            end = i + (size_t)len;
            flags = DL_TOK_PUNCT;
            /* a run of one mark is one token: "...", "--", "!!!", "====" */
            if (cp < 0x80 && strchr(".-!?*=_~#+", (int)cp) != NULL)
                while (end < c.n && c.s[end] == (unsigned char)cp)
                    end++;
            flags |= quote_flags(&c, i, cp, &low_open);
            if (cp == '(' || cp == '[' || cp == '{')
                flags |= DL_TOK_OPEN;
            if (cp == ')' || cp == ']' || cp == '}')
                flags |= DL_TOK_CLOSE;
        }
        if (flags & DL_TOK_WORD) {
            int l0;
            int32_t first = cp_at(&c, start, &l0);
            if (is_upper_cp(first))
                flags |= DL_TOK_CAP;
            size_t letters = 0, upper = 0;
            for (size_t b = start; b < end;) {
                unsigned char ch = c.s[b];
                if (ch < 0x80) { /* ASCII: no decoding */
                    if (ascii_class[ch] == C_LETTER) {
                        letters++;
                        upper += ch <= 'Z';
                    }
                    b++;
                    continue;
                }
                int l;
                int32_t x = cp_at(&c, b, &l);
                if (class_of(x) == C_LETTER) {
                    letters++;
                    if (is_upper_cp(x))
                        upper++;
                }
                b += (size_t)(l ? l : 1);
            }
            if (letters >= 2 && letters == upper)
                flags |= DL_TOK_UPPER;
        }
        dl_token *t = push(doc, start, end, flags);
        if (t == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        sc->nl[doc->tokens.n - 1] = (uint8_t)(nl > 255 ? 255 : nl);
        nl = 0;
        i = end;
    }
    return DL_OK;
}
