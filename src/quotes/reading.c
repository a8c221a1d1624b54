/*
 * reading.c — reads every reporting cue of a document in its sentence:
 * which cue (cues.c), who speaks (subject, inverted noun phrase, "X
 * quoted Y as saying", "according to X", a participle sharing its
 * clause's speaker), and which actor that is (speaker.c). quotes.c turns
 * the readings into quotations.
 */
#include "quotes/quotes.h"
#include "text/text.h"

static const char *const be_words[] = {"is", "are", "was", "were", "been", "be",
                                        "being", "'s", "’s", "'re", "’re", "'m",
                                        "’m", NULL};
static const char *const noun_before[] = {
    "the", "a", "an", "this", "his", "her", "their", "its", "our", "my",
    "your", "of", "to", "no", "any", "that", NULL};
static const char *const time_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "today", "yesterday", "tonight", "morning", "afternoon",
    "evening", "night", "earlier", "later", "last", "this", "week", "month",
    "year", "recently", "privately", "publicly", "repeatedly", "again",
    "also", "previously", "late", "early", NULL};

bool dl__q_timex_tok(const dl__qctx *c, size_t i)
{
    const dl_timex *tx = (const dl_timex *)c->doc->timexes.items;
    size_t lo, hi; /* only the timexes of the token's sentence */
    dl__layer_sentences(&c->doc->timexes, c->tok[i].sentence, c->tok[i].sentence, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (tx[k].start <= c->tok[i].start && c->tok[i].end <= tx[k].end)
            return true;
    return dl__tok_in(c->doc, i, time_words);
}

/* ------------------------------------------------------------ speakers */

/* The actor a pronoun speaker most likely means when the actor stage did
 * not resolve it: the last speaker, if recent, else -1. */
static int32_t pronoun_fallback(const dl__qctx *c, size_t tok)
{
    if (c->last_actor >= 0 && c->tok[tok].sentence <= c->last_actor_sent + 3)
        return c->last_actor;
    return -1;
}

void dl__q_resolve(dl__qctx *c, dl__reading *r)
{
    r->actor = r->channel = -1;
    if (r->has_speaker) {
        bool pron;
        r->actor = dl__speaker_actor(c->doc, c->tok[r->sp_first].start,
                                     c->tok[r->sp_last].end, &pron);
        if (r->actor < 0 && pron)
            r->actor = pronoun_fallback(c, r->sp_first);
        if (r->actor >= 0) {
            c->last_actor = r->actor;
            c->last_actor_sent = c->tok[r->cue].sentence;
        }
    }
    if (r->has_channel) {
        bool pron;
        r->channel = dl__speaker_actor(c->doc, c->tok[r->ch_first].start,
                                       c->tok[r->ch_last].end, &pron);
    }
}

/* --------------------------------------------------------------- cues */

/* "quoted Y as saying", "was quoted as saying", "quoted Y saying". */
static bool read_relay(dl__qctx *c, dl__reading *r)
{
    size_t i = r->cue + r->ncue, lim = dl__q_sent_last(c, r->cue);
    size_t as = i;
    while (as <= lim && as < i + 8 && !dl__tok_in(c->doc, as, (const char *const[]){"as", NULL}) &&
           !dl__q_is_punct(c, as))
        as++;
    size_t verb = as <= lim && dl__tok_in(c->doc, as, (const char *const[]){"as", NULL}) ? as + 1 : as;
    if (verb > lim || !dl__q_ends_ing(c, verb))
        return false;
    r->after = verb + 1;
    if (as > i + 1 && dl__tok_is(c->doc, i, "by")) {
        /* "Lukashenko was quoted by Belta as saying": Belta relays */
        size_t f, l;
        if (dl__subject_left(c->doc, r->cue, dl__q_sent_first(c, r->cue), &f, &l)) {
            r->has_speaker = true;
            r->sp_first = f;
            r->sp_last = l;
        }
        r->has_channel = true;
        r->ch_first = i + 1;
        r->ch_last = as - 1;
        r->rule = "relay:was-quoted-by-X-as-saying";
    } else if (as > i) { /* active: X quoted Y as saying */
        r->has_speaker = true;
        r->sp_first = i;
        r->sp_last = as - 1;
        size_t f, l;
        if (dl__subject_left(c->doc, r->cue, dl__q_sent_first(c, r->cue), &f, &l)) {
            r->has_channel = true;
            r->ch_first = f;
            r->ch_last = l;
        }
        r->rule = "relay:X-quoted-Y-as-saying";
    } else { /* passive: Y was quoted as saying */
        size_t f, l;
        if (dl__subject_left(c->doc, r->cue, dl__q_sent_first(c, r->cue), &f, &l)) {
            r->has_speaker = true;
            r->sp_first = f;
            r->sp_last = l;
        }
        r->cue_last = verb;
        r->rule = "relay:was-quoted-as-saying";
    }
    return true;
}

/* The speaker after the cue ("“...,” said Putin."), when the cue follows
 * a comma or a quote and a short noun phrase ends the clause. */
static bool read_inverted(dl__qctx *c, dl__reading *r)
{
    size_t i = r->cue + r->ncue;
    size_t lim = dl__q_sent_last(c, r->cue) + 1;
    size_t last;
    if (!dl__np_right(c->doc, i, lim, 8, &last))
        return false;
    size_t nx = last + 1;
    if (nx < lim && !(dl__q_punct_is(c, nx, ',') || dl__q_final_punct(c, nx) || dl__q_punct_is(c, nx, ':') ||
                      dl__q_punct_is(c, nx, '(') || dl__q_timex_tok(c, nx) ||
                      dl__tok_in(c->doc, nx, (const char *const[]){"in", "on", "at", "during",
                                                                   "after", "to", "who",
                                                                   "whose", NULL})))
        return false;
    if (last - i >= 7 || dl__q_timex_tok(c, i) ||
        !((c->tok[i].flags & DL_TOK_CAP) || dl__tok_in(c->doc, i, (const char *const[]){
                                                "the", "a", "an", "his", "her", "their", "its",
                                                "one", "another", "he", "she", "they", NULL})))
        return false;
    /* "said Lawrence H. Summers, a former Treasury secretary." */
    if (nx < lim && dl__q_punct_is(c, nx, ',')) {
        size_t k = nx + 1;
        bool clean = true;
        while (k < lim && !dl__q_punct_is(c, k, ',') && !dl__q_final_punct(c, k) && clean) {
            size_t nc;
            clean = c->inq[k] < 0 && dl__cue_at(c->kb, c->doc, k, &nc) == NULL;
            k++;
        }
        if (clean && k > nx + 1 && (k >= lim || dl__q_final_punct(c, k)))
            last = k - 1, nx = k;
    }
    r->has_speaker = r->inverted = true;
    r->sp_first = i;
    r->sp_last = last;
    r->after = nx;
    return true;
}

/* Words that are nouns as often as verbs count as cues only in a verb
 * form: "stated", "reporting", not "state", "report(s)". */
static bool inflected_enough(const dl__qctx *c, size_t i, const dl__cue *e)
{
    static const char *const ambiguous[] = {
        "state", "report", "post", "text", "email", "charge", "note", "show",
        "comment", "answer", "estimate", "counter", "signal", "hint", "call",
        "find", "fear", "doubt", "hope", "worry", "tweet", "quote", "mention",
        "repeat", "stress", "joke", "chant", "shout", "respond", "reply", "remark",
        "claim", "promise", "concern", "question", NULL};
    bool amb = false;
    for (size_t k = 0; ambiguous[k] && !amb; k++)
        amb = strcmp(e->words[0], ambiguous[k]) == 0;
    if (!amb || e->nwords > 1)
        return true;
    const char *n = c->tok[i].norm;
    size_t len = n ? strlen(n) : 0;
    if (len > 3 && (strcmp(n + len - 2, "ed") == 0 || dl__q_ends_ing(c, i)))
        return true;
    /* "she hopes", "Obama notes": after a pronoun or a person's name */
    if (i == 0 || len < 2 || n[len - 1] != 's')
        return false;
    if (dl__tok_pronoun(c->doc, i - 1))
        return true;
    const dl_actor *a = c->doc->actors.items;
    size_t lo, hi; /* a mention ending at token i - 1 is in its sentence */
    uint32_t sp = c->tok[i - 1].sentence;
    dl__layer_sentences(&c->doc->actors, sp, sp, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (a[k].tok_last == i - 1 && a[k].kind == DL_ACTOR_PERSON)
            return true;
    return false;
}

bool dl__q_read_cue(dl__qctx *c, size_t i, const dl__cue *e, size_t ncue, dl__reading *r)
{
    memset(r, 0, sizeof *r);
    r->cue = i;
    r->ncue = ncue;
    r->cue_last = i + ncue - 1;
    r->entry = e;
    r->after = i + ncue;
    size_t first = dl__q_sent_first(c, i);
    if ((c->tok[i].flags & DL_TOK_CAP) && e->cls != DL__CUE_PREP &&
        !(i == first && dl__tok_is(c->doc, i, "asked")))
        return false; /* "The New York Post", "State has told" */
    if (!inflected_enough(c, i, e))
        return false; /* "a swing state", "an email thread" */
    if (i > first && e->cls != DL__CUE_PREP &&
        (dl__tok_in(c->doc, i - 1, noun_before) || (c->tok[i - 1].flags & DL_TOK_POSS)))
        return false; /* "the said", "to say", "his claim" */
    if (e->cls == DL__CUE_PREP) {
        size_t last;
        if (!dl__np_right(c->doc, r->after, dl__q_sent_last(c, i) + 1, 10, &last))
            return false;
        r->has_speaker = true;
        r->sp_first = r->after;
        r->sp_last = last;
        r->after = last + 1;
        r->rule = "prep:according-to";
        return true;
    }
    if (e->cls == DL__CUE_RELAY)
        return read_relay(c, r);
    /* a passive ("was told") reports no speech of its subject */
    size_t p = i;
    while (p > first && (dl__tok_in(c->doc, p - 1, (const char *const[]){"also", "not", "n't", NULL}) ||
                         dl__tok_adverb(c->doc, p - 1)))
        p--;
    if (p > first && dl__tok_in(c->doc, p - 1, be_words) && !dl__q_ends_ing(c, i))
        return false;
    for (size_t k = p; k < i; k++)
        r->negated |= dl__tok_in(c->doc, k, (const char *const[]){"not", "n't", "never", NULL});
    bool after_quote = p > first && (dl__quote_mark_kind(c->doc, p - 1) == 2 ||
                                     (dl__q_punct_is(c, p - 1, ',') && p - 1 > first &&
                                      dl__quote_mark_kind(c->doc, p - 2) == 2));
    bool after_break = p == first || dl__q_punct_is(c, p - 1, ',') || after_quote;
    if (after_quote && read_inverted(c, r)) {
        r->rule = "speaker:after-cue";
        return true;
    }
    /* "..., saying that", "issued a statement saying": the participle's
     * subject is the clause's */
    if (dl__q_ends_ing(c, i) && p > first) {
        r->rule = "speaker:participle";
        return true;
    }
    size_t f, l;
    if (dl__subject_left(c->doc, i, first, &f, &l)) {
        r->has_speaker = true;
        r->sp_first = f;
        r->sp_last = l;
        r->rule = "speaker:subject";
    } else if (after_break && read_inverted(c, r)) {
        r->rule = "speaker:after-cue";
    } else {
        r->rule = "speaker:none";
    }
    return true;
}

/* The subject of the sentence holding token i: an actor mention among
 * its first words, else its opening capitalized words. */
bool dl__q_sentence_subject(const dl__qctx *c, size_t i, size_t *f, size_t *l)
{
    size_t first = dl__q_sent_first(c, i);
    /* "Meanwhile, ...", "For his part, ...": the subject follows the
     * introductory phrase */
    static const char *const intro[] = {
        "meanwhile", "however", "still", "also", "yet", "now", "then", "for", "in", "on",
        "at", "with", "by", "from", "during", "after", "before", "asked", "speaking",
        "earlier", "later", "today", "instead", "but", "and", "while", "when", "as", NULL};
    /* a dateline: "WASHINGTON —", "DENVER, Colo. —" */
    if (c->tok[first].flags & DL_TOK_UPPER)
        for (size_t k = first + 1; k < i && k < first + 8; k++)
            if (dl__q_is_punct(c, k) && !dl__q_punct_is(c, k, ',') && !dl__q_punct_is(c, k, '.')) {
                first = k + 1;
                break;
            }
    bool intro_phrase = dl__tok_in(c->doc, first, intro);
    if (!intro_phrase && (c->tok[first].flags & DL_TOK_CAP) && first + 1 < i &&
        !(c->tok[first + 1].flags & DL_TOK_CAP) && c->tok[first].norm &&
        c->tok[first].lemma && strcmp(c->tok[first].lemma, c->tok[first].norm) != 0)
        intro_phrase = true; /* "Hours after ...," : an inflected common word */
    if (intro_phrase)
        for (size_t k = first + 1; k < i && k < first + 15; k++)
            if (dl__q_punct_is(c, k, ',')) {
                first = k + 1;
                break;
            }
    if (first >= i)
        return false;
    const dl_actor *a = c->doc->actors.items;
    size_t lo, hi; /* the mention must be in the cue's sentence */
    uint32_t sc = c->tok[i].sentence;
    dl__layer_sentences(&c->doc->actors, sc, sc, &lo, &hi);
    for (size_t k = lo; k < hi; k++)
        if (a[k].tok_first == first + (dl__tok_is(c->doc, first, "the") ? 1 : 0) &&
            a[k].tok_last < i && a[k].sentence == c->tok[i].sentence) {
            *f = a[k].tok_first;
            *l = a[k].tok_last;
            return true;
        }
    if (dl__tok_in(c->doc, first, (const char *const[]){"the", "a", "an", "his", "her",
                                                         "their", "its", NULL})) {
        /* "The departments issued a statement saying": up to the verb */
        size_t k = first + 1;
        while (k < i && k < first + 6 && !dl__q_is_punct(c, k) && !dl__q_ends_ed(c, k) &&
               !dl__tok_in(c->doc, k, be_words) && c->rd_at[k] < 0 &&
               !dl__tok_in(c->doc, k, (const char *const[]){"has", "have", "had", "will",
                                                            "would", "said", "says", "who",
                                                            "that", "which", NULL}))
            k++;
        if (k == first + 1 || k >= i)
            return false;
        *f = first;
        *l = k - 1;
        return true;
    }
    if (!(c->tok[first].flags & DL_TOK_CAP) || dl__tok_in(c->doc, first, (const char *const[]){
            "in", "on", "at", "but", "and", "as", "when", "after", "if", "asked",
            "it", "there", "this", "that", NULL}))
        return dl__tok_pronoun(c->doc, first) && first < i
                   ? (*f = *l = first, true)
                   : false;
    size_t k = first;
    while (k + 1 < i && k < first + 4 && (c->tok[k + 1].flags & DL_TOK_CAP))
        k++;
    *f = first;
    *l = k;
    return true;
}

/* A cue without a speaker of its own after a comma or "and" ("said ...,
 * adding that", "and added") shares the clause's speaker: the previous
 * cue's in the sentence, else the sentence's subject. */
static void inherit_speaker(dl__qctx *c, dl__reading *r)
{
    size_t i = r->cue, first = dl__q_sent_first(c, i);
    size_t p = i;
    while (p > first && (dl__tok_in(c->doc, p - 1, (const char *const[]){"also", "then", NULL}) ||
                         dl__tok_adverb(c->doc, p - 1)))
        p--;
    bool joined = p > first && (dl__q_punct_is(c, p - 1, ',') || dl__q_ends_ing(c, i) ||
                                dl__tok_in(c->doc, p - 1, (const char *const[]){"and", "but", NULL}));
    if (r->has_speaker || !joined)
        return;
    if (c->nrd > 0) {
        const dl__reading *q = &c->rd[c->nrd - 1];
        if (c->tok[q->cue].sentence == c->tok[i].sentence && q->has_speaker) {
            r->has_speaker = true;
            r->sp_first = q->sp_first;
            r->sp_last = q->sp_last;
            r->rule = "speaker:shared-with-previous-cue";
            return;
        }
    }
    size_t f, l;
    if (dl__q_sentence_subject(c, i, &f, &l)) {
        r->has_speaker = true;
        r->sp_first = f;
        r->sp_last = l;
        r->rule = "speaker:sentence-subject";
    }
}

dl_code dl__q_read_cues(dl__qctx *c, dl_error *err)
{
    c->rd = dl__arena_alloc(&c->doc->arena, (c->ntok + 1) * sizeof *c->rd);
    c->rd_at = dl__arena_alloc(&c->doc->arena, (c->ntok + 1) * sizeof *c->rd_at);
    if (c->rd == NULL || c->rd_at == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t i = 0; i < c->ntok; i++)
        c->rd_at[i] = -1;
    for (size_t i = 0; i < c->ntok; i++) {
        if (c->inq[i] >= 0)
            continue;
        size_t ncue = 0;
        const dl__cue *e = dl__cue_at(c->kb, c->doc, i, &ncue);
        if (e == NULL)
            continue;
        dl__reading *r = &c->rd[c->nrd];
        if (!dl__q_read_cue(c, i, e, ncue, r))
            continue;
        inherit_speaker(c, r);
        if (e->cls == DL__CUE_WEAK && !r->has_speaker)
            continue;
        if (r->entry->cls == DL__CUE_WEAK || r->entry->cls == DL__CUE_BELIEF) {
            /* only a person or a group thinks or names: keep when the
             * speaker names an actor or is a pronoun */
            bool pron = false;
            int32_t a = r->has_speaker
                            ? dl__speaker_actor(c->doc, c->tok[r->sp_first].start,
                                                c->tok[r->sp_last].end, &pron)
                            : -1;
            if (a < 0 && !pron && r->entry->cls == DL__CUE_WEAK)
                continue;
        }
        dl__q_resolve(c, r);
        for (size_t k = i; k <= r->cue_last && k < c->ntok; k++)
            c->rd_at[k] = (int32_t)c->nrd;
        c->nrd++;
        i = r->cue_last;
    }
    return DL_OK;
}
