/*
 * speaker.c — finds who speaks: the subject noun phrase left of a cue
 * (with an apposition: "Hugh Hill, a doctor, said"), a noun phrase right
 * of it ("said Putin", "according to officials"), and the actor mention
 * those words name, following pronoun antecedents the actor stage set
 * ("he was quoted as saying" -> Lukashenko). Works on tokens alone when
 * there is no actor layer; then quotes.c keeps the span and no actor.
 */
#include "quotes/quotes.h"
#include "text/text.h"

static const char *const aux_words[] = {
    "also", "has", "have", "had", "would", "will", "could", "should", "may",
    "might", "can", "did", "does", "do", "later", "then", "previously",
    "earlier", "repeatedly", "reportedly", "recently", "often", "again",
    "once", "publicly", "privately", "frequently", "subsequently", "simply",
    "just", "further", "still", "even", "only", "first", "initially",
    "ultimately", "finally", "already", "never", "not", "n't", "always",
    "flatly", "openly", "explicitly", "directly", "separately", "bluntly",
    "angrily", "candidly", "quickly", "immediately", "formally", "herself",
    "himself", "themselves", "itself", "has", "usually", "now", "today",
    "yesterday", "tonight", "is", "are", "was", "were", "been", "be", "since",
    "long", "originally", "never", "ca", "wo", "must", "might", "then", "'s", "’s",
    "'re", "’re", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "ago", NULL};

static const char *const boundary_words[] = {
    "that", "which", "who", "whom", "whose", "and", "but", "or", "nor",
    "because", "as", "while", "when", "whenever", "if", "where", "after",
    "before", "since", "although", "though", "so", "than", "until",
    "unless", "whether", "what", "how", "why", "said", "says", "told",
    "there", "here", "whereas", "however", "meanwhile", "once", "then", NULL};

static const char *const determiners[] = {
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its",
    "our", "my", "your", "some", "many", "several", "most", "both", "all",
    "each", "every", "no", "other", "another", "one", "two", "three", NULL};

static const char *const pronouns[] = {
    "he", "she", "they", "we", "i", "him", "her", "them", "us", "it", "you",
    NULL};

bool dl__tok_in(const dl_doc *doc, size_t i, const char *const *words)
{
    const char *n = dl__tokens(doc)[i].norm;
    if (n == NULL)
        return false;
    for (size_t k = 0; words[k]; k++)
        if (strcmp(n, words[k]) == 0)
            return true;
    return false;
}

bool dl__tok_adverb(const dl_doc *doc, size_t i)
{
    const dl_token *t = &dl__tokens(doc)[i];
    size_t n = t->norm ? strlen(t->norm) : 0;
    return n > 4 && !(t->flags & DL_TOK_CAP) && strcmp(t->norm + n - 2, "ly") == 0;
}

bool dl__tok_pronoun(const dl_doc *doc, size_t i)
{
    return dl__tok_in(doc, i, pronouns);
}

static bool is_punct(const dl_doc *doc, size_t i, char c)
{
    const dl_token *t = &dl__tokens(doc)[i];
    return (t->flags & DL_TOK_PUNCT) && t->end - t->start == 1 &&
           doc->text[t->start] == c;
}

static bool is_any_punct(const dl_doc *doc, size_t i)
{
    const dl_token *t = &dl__tokens(doc)[i];
    return (t->flags & DL_TOK_PUNCT) && !(t->flags & DL_TOK_WORD);
}

/* "Sanders' adviser": an apostrophe glued to a word ending in s. */
static bool possessive_mark(const dl_doc *doc, size_t i)
{
    const dl_token *t = dl__tokens(doc);
    return i > 0 && dl__quote_mark_kind(doc, i) == 1 && t[i - 1].end == t[i].start &&
           t[i - 1].end > t[i - 1].start && (doc->text[t[i - 1].end - 1] | 32) == 's';
}

/* Token i lies inside a time expression ("two weeks ago"). */
static bool in_timex(const dl_doc *doc, size_t i)
{
    const dl_timex *tx = doc->timexes.items;
    const dl_token *t = &dl__tokens(doc)[i];
    size_t lo, hi; /* a timex lies in one sentence: only that one's */
    dl__layer_sentences(&doc->timexes, t->sentence, t->sentence, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (tx[k].start <= t->start && t->end <= tx[k].end)
            return true;
    return false;
}

/* The comma opening an apposition whose closing comma is token `close`;
 * 0 when there is none within reach. */
static size_t apposition_open(const dl_doc *doc, size_t close, size_t floor)
{
    const dl_token *tok = dl__tokens(doc);
    size_t lim = close > floor + 20 ? close - 20 : floor;
    for (size_t k = close; k-- > lim;) {
        if (tok[k].sentence != tok[close].sentence || dl__quote_mark_kind(doc, k) == 2)
            return 0;
        if (is_punct(doc, k, ','))
            return k > floor ? k : 0;
    }
    return 0;
}

bool dl__subject_left(const dl_doc *doc, size_t cue, size_t floor,
                      size_t *first, size_t *last)
{
    const dl_token *tok = dl__tokens(doc);
    if (cue == 0 || cue <= floor)
        return false;
    size_t j = cue - 1;
    for (;;) {
        while (j > floor && (((dl__tok_in(doc, j, aux_words) || dl__tok_adverb(doc, j)) &&
                              !(tok[j].flags & DL_TOK_CAP)) || in_timex(doc, j)) &&
               tok[j].sentence == tok[cue].sentence)
            j--;
        /* "Trump at the time said", "Clinton in the past has said" */
        if (j >= floor + 3 && dl__tok_in(doc, j, (const char *const[]){"time", "past", NULL}) &&
            dl__tok_in(doc, j - 1, (const char *const[]){"the", NULL}) &&
            dl__tok_in(doc, j - 2, (const char *const[]){"at", "in", NULL})) {
            j -= 3;
            continue;
        }
        break;
    }
    if (tok[j].sentence != tok[cue].sentence)
        return false;
    if (dl__tok_in(doc, j, aux_words) && j == floor)
        return false;
    size_t end = j;
    bool appos = false;
    if (is_punct(doc, j, ',')) {
        size_t open = apposition_open(doc, j, floor);
        if (open == 0)
            return false;
        end = j - 1; /* the apposition is part of the speaker's words */
        j = open - 1;
        appos = true;
    }
    if (is_punct(doc, j, ')')) { /* "Rep. Trey Gowdy (R-S.C.)" */
        size_t k = j;
        while (k > floor && !is_punct(doc, k, '(') && j - k < 8)
            k--;
        if (!is_punct(doc, k, '(') || k == floor)
            return false;
        j = k - 1;
    }
    if (dl__tok_in(doc, j, (const char *const[]){"who", "which", NULL}) && j == end) {
        *first = *last = j; /* "Trump, who said": the relative pronoun */
        return true;
    }
    if (is_any_punct(doc, j) || dl__tok_in(doc, j, boundary_words) ||
        tok[j].sentence != tok[cue].sentence)
        return false;
    size_t start = j, count = 1;
    while (start > floor && count < 12) {
        size_t t = start - 1;
        if (tok[t].sentence != tok[cue].sentence ||
            (is_any_punct(doc, t) && !possessive_mark(doc, t)) ||
            dl__tok_in(doc, t, boundary_words))
            break;
        start = t;
        count++;
        if (dl__tok_in(doc, t, determiners) && !(tok[t].flags & DL_TOK_CAP)) {
            /* "a spokesman for the State Department", "the head of the" */
            if (t > floor + 1 && dl__tok_in(doc, t - 1, (const char *const[]){"of", "for", NULL}) &&
                !is_any_punct(doc, t - 2) && !dl__tok_in(doc, t - 2, boundary_words))
                continue;
            break;
        }
    }
    /* "Cory James, 23, of Flint, Mich., said": more comma groups */
    for (int round = 0; appos && round < 3 && start > floor + 1 && is_punct(doc, start - 1, ',');
         round++) {
        bool inner = (tok[start].flags & DL_TOK_NUM) ||
                     dl__tok_in(doc, start, (const char *const[]){"of", "from", "in", "at",
                                                                  "who", "now", "formerly", NULL});
        if (!inner)
            break;
        size_t k = start - 1, c2 = 0;
        while (k > floor && c2 < 12 && !is_any_punct(doc, k - 1) &&
               !dl__tok_in(doc, k - 1, boundary_words) && tok[k - 1].sentence == tok[cue].sentence) {
            k--;
            c2++;
        }
        if (k == start - 1 || c2 == 0)
            break;
        j = start - 2;
        start = k;
        count = c2;
    }
    /* a lower-case first word after a clause boundary is a verb or an
     * adverb more often than a noun phrase: trim such leading words */
    while (start < j && !(tok[start].flags & DL_TOK_CAP) &&
           !dl__tok_in(doc, start, determiners) && !dl__tok_pronoun(doc, start) &&
           !(tok[start].flags & DL_TOK_NUM) && count > 6) {
        start++;
        count--;
    }
    *first = start;
    *last = end;
    return true;
}

bool dl__np_right(const dl_doc *doc, size_t i, size_t limit, size_t max,
                  size_t *last)
{
    const dl_token *tok = dl__tokens(doc);
    if (i >= limit || is_any_punct(doc, i) || dl__tok_in(doc, i, boundary_words))
        return false;
    static const char *const np_stop[] = {"in", "on", "at", "during", "after", "before",
                                          "to", "with", "into", "via", "last", "this",
                                          "yesterday", "today", "monday", "tuesday",
                                          "wednesday", "thursday", "friday", "saturday",
                                          "sunday", NULL};
    size_t j = i;
    while (j + 1 < limit && j + 1 - i < max) {
        size_t t = j + 1;
        if (tok[t].sentence != tok[i].sentence || dl__tok_in(doc, t, boundary_words) ||
            dl__tok_in(doc, t, np_stop))
            break;
        if (is_any_punct(doc, t) && !is_punct(doc, t, '-'))
            break;
        j = t;
    }
    *last = j;
    return true;
}

static int kind_rank(dl_actor_kind k)
{
    switch (k) {
    case DL_ACTOR_PERSON: return 5;
    case DL_ACTOR_AGENT: case DL_ACTOR_ORGANIZATION: case DL_ACTOR_GROUP: return 4;
    case DL_ACTOR_METONYM: return 3;
    case DL_ACTOR_COUNTRY: return 2;
    case DL_ACTOR_PRONOUN: return 1;
    }
    return 0;
}

int32_t dl__speaker_actor(const dl_doc *doc, uint32_t start, uint32_t end,
                          bool *pronoun)
{
    const dl_actor *act = (const dl_actor *)doc->actors.items;
    size_t n = doc->actors.n;
    int32_t best = -1;
    int best_rank = 0;
    *pronoun = false;
    /* a mention lies in one sentence: look only at the sentences the span
     * covers, not at every actor of the document (once per cue, that was
     * quadratic in a long document) */
    const dl_token *tok = dl__tokens(doc);
    size_t t0 = dl__token_at(doc, start);
    size_t tn = end > start ? dl__token_at(doc, end - 1) : t0;
    size_t lo = 0, hi = 0;
    if (t0 < doc->tokens.n)
        dl__layer_sentences(&doc->actors, tok[t0].sentence,
                            tn < doc->tokens.n ? tok[tn].sentence : UINT32_MAX, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        if (act[i].end <= start || act[i].start >= end)
            continue;
        int r = kind_rank(act[i].kind);
        if (r > best_rank) { /* ties: the earliest mention, the head */
            best = (int32_t)i;
            best_rank = r;
        }
    }
    if (best < 0 && t0 < doc->tokens.n && tok[t0].end >= end &&
        dl__tok_in(doc, t0, (const char *const[]){"who", "which", NULL})) {
        /* the mention that ends just before ", who" (within three tokens) */
        dl__layer_sentences(&doc->actors, tok[t0 > 3 ? t0 - 3 : 0].sentence, tok[t0].sentence,
                            &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            if (act[i].tok_last + 3 >= t0 && act[i].tok_last < t0 &&
                act[i].kind != DL_ACTOR_PRONOUN)
                best = (int32_t)i;
        return best;
    }
    if (best < 0) {
        size_t t = dl__token_at(doc, start);
        *pronoun = t < doc->tokens.n && dl__tokens(doc)[t].end >= end &&
                   dl__tok_pronoun(doc, t);
        return -1;
    }
    for (int hop = 0; hop < 16 && act[best].kind == DL_ACTOR_PRONOUN; hop++) {
        *pronoun = true;
        int32_t a = act[best].antecedent;
        if (a < 0 || (size_t)a >= n || a == best)
            return -1;
        best = a;
    }
    return act[best].kind == DL_ACTOR_PRONOUN ? -1 : best;
}
