/*
 * words.c — the one place where our tokens become Universal Dependencies
 * English words. Our tokenizer already splits clitics the UD way ("do"
 * "n't", "I" "'m", "Iran" "'s") and keeps "U.S." whole, as UD does; it
 * keeps hyphenated compounds whole ("long-term", "Russian-backed"),
 * which EWT splits into "long" "-" "term", and "cannot", which UD splits
 * into "can" "not". Those two are split here. Tokens that EWT also keeps
 * whole stay whole: a one-letter prefix ("e-mail", "x-ray") and numbers
 * with hyphens (telephone numbers, "2023-24").
 */
#include "syntax/syntax.h"
#include "text/text.h"

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

static bool all_digits_and_hyphens(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

static bool push_word(dl_doc *doc, uint32_t start, uint32_t end, uint32_t sentence,
                      uint32_t token)
{
    dl_word *w = DL__PUSH(doc, words, dl_word);
    if (w == NULL)
        return false;
    w->start = start;
    w->end = end;
    w->sentence = sentence;
    w->token = token;
    w->head = -1;
    return true;
}

/* Hyphen positions worth splitting at: a hyphen between two letters or
 * digits, in a token that is not a number and whose first part is longer
 * than one letter. */
static bool split_hyphens(const char *s, size_t n)
{
    if (n < 3 || memchr(s, '-', n) == NULL || all_digits_and_hyphens(s, n))
        return false;
    const char *h = memchr(s, '-', n);
    return h - s > 1;
}

bool dl__syn_words_of_token(dl_doc *doc, uint32_t sentence, uint32_t tok)
{
    const dl_token *t = &dl__tokens(doc)[tok];
    const char *s = doc->text + t->start;
    size_t n = t->end - t->start;
    if ((t->flags & DL_TOK_WORD) && n == 6 && strncasecmp(s, "cannot", 6) == 0)
        return push_word(doc, t->start, t->start + 3, sentence, tok) &&
               push_word(doc, t->start + 3, t->end, sentence, tok);
    if ((t->flags & DL_TOK_WORD) && split_hyphens(s, n)) {
        uint32_t part = t->start;
        for (uint32_t i = t->start; i < t->end; i++) {
            unsigned char c = (unsigned char)doc->text[i];
            if (c == '-' && i > part && i + 1 < t->end &&
                is_alnum((unsigned char)doc->text[i - 1]) &&
                is_alnum((unsigned char)doc->text[i + 1])) {
                if (!push_word(doc, part, i, sentence, tok) ||
                    !push_word(doc, i, i + 1, sentence, tok))
                    return false;
                part = i + 1;
            }
        }
        return push_word(doc, part, t->end, sentence, tok);
    }
    return push_word(doc, t->start, t->end, sentence, tok);
}
