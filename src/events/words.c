/*
 * words.c — the function-word lists the coder tests tokens against
 * (prepositions, determiners, negators, modals, speech verbs ...) and
 * their bit table: each list in the class table gets one bit per token,
 * computed once per document, so a test in the hot loops is a mask.
 * These are closed classes of English grammar, not a lexicon of acts
 * (that is data/events/, read by patterns.c).
 */
#include "events/coder.h"

const char *const dl__ev_preps[] = {
    "of", "in", "with", "to", "from", "against", "for", "on", "at", "by",
    "toward", "towards", "into", "over", "about", "near", "between",
    "among", "across", "through", "after", "before", "under", "than", NULL};
const char *const dl__ev_dets[] = {
    "a", "an", "the", "any", "its", "his", "her", "their", "our", "this",
    "that", "these", "those", "no", "every", "each", "my", "your", NULL};
const char *const dl__ev_joiners[] = {",", "and", "or", "nor", "the",
                                      "both", "neither", "either", NULL};
const char *const dl__ev_conj[] = {",", "and", "or", "nor", NULL};
const char *const dl__ev_clause_stop[] = {";", "but", "while",
                                          "whereas", "although", NULL};
const char *const dl__ev_subord[] = {
    "that", "whether", "if", "because", "after", "when", "while", "since",
    "although", "though", "until", "unless", "whereas", "where", ";", ":",
    NULL};
const char *const dl__ev_tstop[] = {"during", "despite", "amid", NULL};
const char *const dl__ev_relative[] = {"who", "which", "that", NULL};
const char *const dl__ev_intens[] = {"very", "too", "so", "more", "most",
                                     "less", NULL};
const char *const dl__ev_pronouns[] = {"it", "they", "he", "she", "we",
                                       NULL};
const char *const dl__ev_speech[] = {"say", "tell", "state", "claim",
                                     "report", "announce", "add", "quote",
                                     "insist", "note", "reply", NULL};
const char *const dl__ev_negators[] = {"not", "n't", "never", "no",
                                       "neither", "nor", "nothing",
                                       "without", NULL};
const char *const dl__ev_future[] = {"will", "would", "shall", "'ll",
                                     "plan", "plans", "planned", "intend",
                                     "intends", "going", NULL};
const char *const dl__ev_hypo[] = {"could", "might", "may", "should",
                                   "must", "if", "unless", "whether",
                                   "want", "wants", "wanted", "threaten",
                                   "threatens", "threatened", "risk", "fear",
                                   "fears", "possible", "possibility",
                                   "any", "hope", "hopes", "considering",
                                   NULL};
const char *const dl__ev_be[] = {"is", "are", "was", "were", "been",
                                 "being", "be", "'s", NULL};
const char *const dl__ev_soft_gap[] = {"also", "then", "later", "further",
                                       "subsequently", "has", "have", "had",
                                       "already", "again", NULL};
const char *const dl__ev_verbal[] = {
    "to", "will", "would", "not", "n't", "has", "have", "had", "is", "are",
    "was", "were", "be", "been", "also", "and", "or", "who", "which", "that",
    "it", "he", "she", "they", "we", "i", "you", "did", "does", "do",
    "should", "could", "may", "might", "must", "can", "then", NULL};
const char *const dl__ev_modals[] = {
    "should", "would", "could", "will", "may", "might", "must", "can",
    "shall", "wo", "ca", NULL};
const char *const dl__ev_intent[] = {
    "offer", "promise", "pledge", "vow", "agree", "willing", "prepared",
    "ready", "plan", "intend", "decide", "commit", "swear", "sworn", "aim",
    NULL};
const char *const dl__ev_refuse[] = {"refuse", "decline", "fail", "reject",
                                     NULL};
const char *const dl__ev_will[] = {"will", "would", "wo", "can", "ca",
                                   "could", "shall", "cannot", NULL};
const char *const dl__ev_target_preps[] = {"at", "on", "against", "toward", "towards", "into",
                                           "in", "to", "with", "over", "upon", NULL};
/* ... without the locatives, for acts whose "in X" is the venue */
const char *const dl__ev_target_preps_nonloc[] = {"on", "against", "toward", "towards", "into",
                                                  "to", "with", "over", "upon", NULL};
const char *const dl__ev_by[] = {"by", NULL};
/* ----------------------------------------------------------- words */

bool dl__ev_tok_word(const sent_ctx *c, uint32_t i, const char *w, bool exact)
{
    const dl_token *t = &c->tok[i];
    if (t->norm && strcmp(t->norm, w) == 0)
        return true;
    return !exact && t->lemma && strcmp(t->lemma, w) == 0;
}


/* Whether token i is in word list ws: a bit test for the lists of the
 * class table (computed once per token), else a scan. Lemma lists
 * (SPEECH, INTENT, REFUSE) test the token's lemma. */
bool dl__ev_is_any(const sent_ctx *c, uint32_t i, const char *const *ws)
{
    bool lemma;
    uint32_t bit = dl__ev_list_bit(ws, &lemma);
    if (bit)
        return (c->cls[i] & bit) != 0;
    return dl__ev_is_any_scan(c, i, ws);
}

bool dl__ev_is_any_scan(const sent_ctx *c, uint32_t i, const char *const *ws)
{
    const char *n = c->tok[i].norm;
    if (n == NULL)
        return false;
    for (; *ws; ws++)
        if (strcmp(n, *ws) == 0)
            return true;
    return false;
}


bool dl__ev_ends(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n > m && strcmp(s + n - m, suf) == 0;
}

/* An inflected verb form ("attacked", "attacking"). */
bool dl__ev_verb_form(const char *n)
{
    return n && (dl__ev_ends(n, "ed") || dl__ev_ends(n, "ing"));
}

/* ------------------------------------------------------ word classes */

static const struct {
    const char *const *list;
    bool lemma;
} CLASSES[] = {
    {dl__ev_preps, false},    {dl__ev_dets, false},     {dl__ev_joiners, false},  {dl__ev_conj, false},
    {dl__ev_clause_stop, false}, {dl__ev_subord, false}, {dl__ev_tstop, false},   {dl__ev_relative, false},
    {dl__ev_intens, false},   {dl__ev_pronouns, false}, {dl__ev_speech, true},    {dl__ev_negators, false},
    {dl__ev_future, false},   {dl__ev_hypo, false},     {dl__ev_be, false},       {dl__ev_soft_gap, false},
    {dl__ev_verbal, false},   {dl__ev_modals, false},   {dl__ev_intent, true},    {dl__ev_refuse, true},
    {dl__ev_will, false},
};

uint32_t dl__ev_list_bit(const char *const *ws, bool *lemma)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(CLASSES); i++)
        if (CLASSES[i].list == ws) {
            *lemma = CLASSES[i].lemma;
            return 1u << i;
        }
    *lemma = false;
    return 0;
}

dl_code dl__events_classes(dl__events_kb *ek)
{
    for (size_t i = 0; i < DL_ARRAY_LEN(CLASSES); i++) {
        dl__strmap *m = CLASSES[i].lemma ? &ek->lemmacls : &ek->wordcls;
        for (const char *const *w = CLASSES[i].list; *w; w++) {
            size_t n = strlen(*w);
            uintptr_t old = (uintptr_t)dl__strmap_get(m, *w, n);
            int oom = 0;
            dl__strmap_put(m, *w, n, (void *)(old | (1u << i)), &oom);
            if (oom)
                return DL_ENOMEM;
        }
    }
    return DL_OK;
}
