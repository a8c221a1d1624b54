/*
 * quotes.c — the quotes stage: who said what. Reads tokens, sentences and
 * actor mentions; pairs quote marks (marks.c), reads every reporting cue
 * outside quotes (reading.c, with the lexicon of cues.c and the speaker
 * words of speaker.c), and builds doc->quotes:
 *
 *   direct    a quoted utterance, attributed to the cue after it
 *             ("“...,” Putin said"), before it ("Putin replied: “...”"),
 *             in the sentence before it ending in a colon, or, with no cue
 *             at all, to the speaker of the quote just before (lower
 *             confidence);
 *   partial   quoted words inside reported speech, attributed to the
 *             cue that governs the sentence; quoted words no cue governs
 *             are scare quotes or names and are not kept;
 *   indirect  the clause a cue reports ("X said (that) ...", "..., a
 *             source said", "according to X, ...").
 *
 * Every record says why (rule names and the cue's file:line). When no
 * speaker is found the quote has none; nothing is guessed.
 */
#include "quotes/quotes.h"
#include "syntax/syntax.h"
#include "text/text.h"

#include <stdlib.h>

static const char *const pp_words[] = {
    "in", "on", "at", "during", "via", "through", "after", "before", "from",
    "with", "over", "to", "while", "under", "for", NULL};
static const char *const obj_words[] = {
    "me", "him", "her", "us", "them", "you", "reporters", "journalists",
    "lawmakers", "supporters", "members", "voters", "officials", "students",
    "the", "a", "an", "his", "their", "our", NULL};

/* ------------------------------------------------------------- output */

/* The organization, country or group an "it" or "they" speaker stands
 * for ("Sudan's Armed Forces 'aborted the attack', it said"): the latest
 * such mention before the pronoun in its sentence or the two before,
 * one that is a subject first; news outlets never. -1 when none. The
 * actor stage resolves "he" and "she" itself. */
static int32_t nonperson_antecedent(const dl_doc *doc, uint32_t at, uint32_t sentence)
{
    const dl_actor *x = doc->actors.items;
    int32_t latest = -1;
    for (size_t i = doc->actors.n; i-- > 0;) {
        const dl_actor *a = &x[i];
        if (a->start >= at)
            continue;
        if (a->sentence + 2 < sentence)
            break;
        if (a->kind == DL_ACTOR_PERSON || a->kind == DL_ACTOR_PRONOUN || a->code == NULL ||
            (strlen(a->code) >= 6 && strncmp(a->code + 3, "MED", 3) == 0))
            continue;
        int32_t w = dl__syn_has(doc) ? dl__syn_word_of_token(doc, a->tok_last) : -1;
        for (int hops = 0; w >= 0 && hops < 4 && (dl__syn_rel_is(doc, w, "flat") ||
                                                   dl__syn_rel_is(doc, w, "compound"));
             hops++)
            w = dl__syn_head(doc, w);
        if (w >= 0 && dl__syn_rel_is(doc, w, "nsubj"))
            return (int32_t)i;
        if (latest < 0)
            latest = (int32_t)i;
    }
    return latest;
}

static dl_quote *add_quote(dl__qctx *c, uint32_t start, uint32_t end,
                           dl_quote_kind kind, const dl__reading *r, float conf,
                           const char *why)
{
    if (end <= start)
        return NULL;
    dl_quote *q = dl__vec_push(&c->out, &c->doc->arena);
    if (q == NULL)
        return NULL;
    q->start = start;
    q->end = end;
    q->sentence = (uint32_t)dl__sentence_at(c->doc, start);
    q->kind = kind;
    q->speaker = q->channel = -1;
    q->confidence = conf;
    if (r) {
        q->has_cue = true;
        q->cue.start = c->tok[r->cue].start;
        q->cue.end = c->tok[r->cue_last].end;
        if (r->has_speaker) {
            q->has_speaker = true;
            q->speaker = r->actor;
            q->speaker_span.start = c->tok[r->sp_first].start;
            q->speaker_span.end = c->tok[r->sp_last].end;
            if (q->speaker < 0 && r->sp_first == r->sp_last &&
                (dl__tok_in(c->doc, r->sp_first, (const char *const[]){"it", "they", NULL})))
                q->speaker = nonperson_antecedent(c->doc, c->tok[r->sp_first].start,
                                                  q->sentence);
        }
        q->channel = r->channel;
        if (r->negated)
            q->confidence *= 0.5f; /* "did not say when": no statement made */
        q->why = dl__arena_printf(&c->doc->arena, "%s; cue %s; %s%s", why,
                                  r->entry->why, r->rule, r->negated ? "; negated" : "");
    } else {
        q->why = why;
    }
    return q;
}

/* Trims a final period from a partial quote: it ends the sentence. */
static uint32_t partial_end(const dl__qctx *c, const dl__qspan *s)
{
    size_t last = s->last;
    if (last > s->first && dl__q_final_punct(c, last))
        return c->tok[last - 1].end;
    return s->end;
}

/* ------------------------------------------------------ direct quotes */

/* Whether the region is a whole utterance (direct) rather than quoted
 * words inside a clause (partial). */
static bool is_direct(const dl__qctx *c, const dl__qspan *s)
{
    if (s->open == UINT32_MAX)
        return true;
    size_t o = s->open;
    if (o == 0 || o == dl__q_sent_first(c, o))
        return true;
    if (c->tok[o - 1].sentence != c->tok[o].sentence)
        return true;
    if (dl__q_punct_is(c, o - 1, ':') || dl__quote_mark_kind(c->doc, o - 1) == 2)
        return true;
    bool capital = (c->tok[s->first].flags & DL_TOK_CAP) != 0;
    /* "Putin said, “We ...”" / "said “We ...”" */
    if (capital && (dl__q_punct_is(c, o - 1, ',') || c->rd_at[o - 1] >= 0))
        return true;
    /* two or more sentences inside the marks */
    for (size_t k = s->first; k < s->last; k++)
        if (dl__q_final_punct(c, k) && (c->tok[k + 1].flags & DL_TOK_CAP))
            return true;
    return false;
}

/* The cue after a direct quote: "“...,” Putin said." Looks into the next
 * sentence when the quote ends its sentence ("“...?” Trump asked."). */
static int32_t cue_after(const dl__qctx *c, const dl__qspan *s, bool next_sentence)
{
    if (s->close == UINT32_MAX)
        return -1;
    size_t i = s->close + 1, seen = 0;
    size_t lim = dl__q_sent_last(c, s->close);
    if (next_sentence) {
        if (i <= lim || i >= c->ntok || c->sent[c->tok[i].sentence].paragraph !=
                                            c->sent[c->tok[s->close].sentence].paragraph)
            return -1;
        lim = dl__q_sent_last(c, i);
    }
    for (; i <= lim && i < c->ntok && seen < 30; i++, seen++) {
        if (c->inq[i] >= 0 || dl__q_final_punct(c, i) || dl__q_punct_is(c, i, ';'))
            return -1;
        if (c->rd_at[i] >= 0) {
            const dl__reading *r = &c->rd[c->rd_at[i]];
            if (r->entry->cls == DL__CUE_BELIEF)
                return -1;
            /* "“...?” Trump asked.": the cue ends its short sentence */
            if (next_sentence && lim - r->cue_last > 6)
                return -1;
            return c->rd_at[i];
        }
    }
    return -1;
}

/* The cue before a direct quote: "Putin replied: “...”", "“A,” he said,
 * “B.”"; also in the sentence before when it ends with a colon. */
static int32_t cue_before(const dl__qctx *c, const dl__qspan *s)
{
    if (s->open == UINT32_MAX || s->open == 0)
        return -1;
    size_t o = s->open;
    size_t floor = dl__q_sent_first(c, o);
    if (o == floor && o > 0 && dl__q_punct_is(c, o - 1, ':') &&
        c->tok[o - 1].sentence + 1 == c->tok[o].sentence)
        floor = dl__q_sent_first(c, o - 1); /* "He added:" as its own line */
    size_t seen = 0;
    for (size_t i = o; i-- > floor && seen < 16; seen++) {
        if (c->inq[i] >= 0 && c->inq[i] != c->inq[o])
            break;
        if (c->rd_at[i] >= 0) {
            const dl__reading *r = &c->rd[c->rd_at[i]];
            if (r->entry->cls == DL__CUE_BELIEF)
                return -1;
            return c->rd_at[i];
        }
    }
    return -1;
}

/* The speaker of the closest earlier direct quote within two paragraphs:
 * quotes that run on without a cue ("“...” / “...” he said" layouts). */
static const dl_quote *previous_direct(const dl__qctx *c, const dl__qspan *s)
{
    const dl_quote *q = c->out.items;
    uint32_t para = c->sent[c->tok[s->first].sentence].paragraph;
    for (size_t k = c->out.n; k-- > 0;) {
        if (q[k].kind != DL_QUOTE_DIRECT || q[k].start >= s->start)
            continue;
        uint32_t qp = c->sent[q[k].sentence].paragraph;
        if (qp + 2 < para)
            return NULL;
        if (q[k].has_speaker)
            return &q[k];
    }
    return NULL;
}

static const dl__cue colon_cue = {.words = {":"}, .nwords = 1, .cls = DL__CUE_SPEECH,
                                   .why = "rule:colon"};

/* "An interfaith rally had one message: “Dump Trump.”": a quote after a
 * colon with no cue belongs to the subject of the clause before it. */
static bool colon_reading(dl__qctx *c, const dl__qspan *s, dl__reading *r)
{
    if (s->open == UINT32_MAX || s->open == 0 || !dl__q_punct_is(c, s->open - 1, ':'))
        return false;
    size_t colon = s->open - 1, f, l;
    if (!dl__q_sentence_subject(c, colon, &f, &l))
        return false;
    memset(r, 0, sizeof *r);
    r->cue = r->cue_last = colon;
    r->ncue = 1;
    r->entry = &colon_cue;
    r->has_speaker = true;
    r->sp_first = f;
    r->sp_last = l;
    r->rule = "speaker:subject-before-colon";
    dl__q_resolve(c, r);
    return true;
}

static const dl__cue verb_cue = {.words = {"*"}, .nwords = 1, .cls = DL__CUE_SPEECH,
                                  .why = "rule:verb-after-quote"};

/* "“...,” she scoffed.": after a direct quote and a comma, a pronoun or a
 * short name and one past-tense or -s verb ending the sentence is a cue
 * even when the verb is not in the lexicon. */
static bool verb_after_reading(dl__qctx *c, const dl__qspan *s, dl__reading *r)
{
    if (s->close == UINT32_MAX || s->close + 2 >= c->ntok)
        return false;
    size_t i = s->close + 1, lim = dl__q_sent_last(c, s->close);
    if (i <= lim && dl__q_punct_is(c, i, ','))
        i++;
    if (i > lim)
        return false;
    size_t f = i, l = i;
    if (dl__tok_pronoun(c->doc, i)) {
        l = i;
    } else if (c->tok[i].flags & DL_TOK_CAP) {
        while (l + 1 <= lim && l < i + 3 && (c->tok[l + 1].flags & DL_TOK_CAP))
            l++;
    } else {
        return false;
    }
    size_t v = l + 1;
    if (v > lim || (c->tok[v].flags & (DL_TOK_CAP | DL_TOK_PUNCT)) || c->inq[v] >= 0)
        return false;
    const char *n = c->tok[v].norm;
    size_t len = n ? strlen(n) : 0;
    if (len < 3 || !(dl__q_ends_ed(c, v) || n[len - 1] == 's'))
        return false;
    if (v + 1 <= lim && !(dl__q_final_punct(c, v + 1) || dl__q_punct_is(c, v + 1, ',')))
        return false;
    memset(r, 0, sizeof *r);
    r->cue = r->cue_last = v;
    r->ncue = 1;
    r->entry = &verb_cue;
    r->has_speaker = true;
    r->sp_first = f;
    r->sp_last = l;
    r->rule = "speaker:subject";
    dl__q_resolve(c, r);
    return true;
}

/* “We will win the war, Zelenskiy said on Monday.: a quote whose closing
 * mark is missing ends before ", NAME said" inside it. */
static bool unclosed_cue(dl__qctx *c, const dl__qspan *s, dl__reading *r, size_t *last)
{
    if (s->close != UINT32_MAX || s->open == UINT32_MAX)
        return false;
    for (size_t k = s->first + 1; k < s->last; k++) {
        if (!dl__q_punct_is(c, k, ','))
            continue;
        for (size_t m = k + 1; m <= s->last && m < k + 6; m++) {
            size_t ncue;
            const dl__cue *e = dl__cue_at(c->kb, c->doc, m, &ncue);
            if (e && e->cls == DL__CUE_SPEECH && dl__q_read_cue(c, m, e, ncue, r) && r->has_speaker &&
                r->sp_first > k) {
                dl__q_resolve(c, r);
                *last = k - 1;
                return true;
            }
        }
    }
    return false;
}

static bool adjacent(const dl__qctx *c, const dl_quote *prev, const dl__qspan *s)
{
    size_t a = dl__token_at(c->doc, prev->end), b = s->open != UINT32_MAX ? s->open : s->first;
    if (c->tok[b].sentence > (a < c->ntok ? c->tok[a].sentence : 0) + 1)
        return false;
    for (size_t k = a; k < b && k < c->ntok; k++)
        if (c->rd_at[k] >= 0 && c->tok[k].start != prev->cue.start)
            return false;
    return true;
}

static dl_code direct_quotes(dl__qctx *c, dl_error *err)
{
    for (size_t k = 0; k < c->nqs; k++) {
        const dl__qspan *s = &c->qs[k];
        if (c->partial[k])
            continue;
        int32_t ri = cue_after(c, s, false);
        const char *how = "direct:cue-after";
        if (ri < 0) {
            ri = cue_before(c, s);
            how = "direct:cue-before";
        }
        if (ri < 0) {
            ri = cue_after(c, s, true);
            how = "direct:cue-in-next-sentence";
        }
        dl__reading colon;
        if (ri < 0 && colon_reading(c, s, &colon)) {
            ri = INT32_MAX;
            how = "direct:after-colon";
        }
        if (ri < 0 && verb_after_reading(c, s, &colon)) {
            ri = INT32_MAX;
            how = "direct:verb-after-quote";
        }
        uint32_t end = s->end;
        size_t cut;
        if (ri < 0 && unclosed_cue(c, s, &colon, &cut)) {
            ri = INT32_MAX;
            how = "direct:cue-inside-unclosed-quote";
            end = c->tok[cut].end;
        }
        dl__reading *r = ri == INT32_MAX ? &colon : ri >= 0 ? &c->rd[ri] : NULL;
        dl_quote *q;
        if (r) {
            if (r != &colon)
                r->used = true;
            q = add_quote(c, s->start, end, DL_QUOTE_DIRECT, r,
                          s->confidence * (r->has_speaker ? 0.95f : 0.6f),
                          dl__arena_printf(&c->doc->arena, "%s; %s", s->why, how));
        } else {
            const dl_quote *prev = previous_direct(c, s);
            q = add_quote(c, s->start, s->end, DL_QUOTE_DIRECT, NULL,
                          s->confidence * (prev ? 0.6f : 0.4f),
                          dl__arena_printf(&c->doc->arena, "%s; %s", s->why,
                                           prev ? "direct:speaker-of-previous-quote"
                                                : "direct:no-speaker"));
            if (q && prev) {
                q->has_speaker = true;
                q->speaker = prev->speaker;
                q->speaker_span = prev->speaker_span;
                q->channel = prev->channel;
                /* “A,” X said. “B.”: the same statement goes on when
                 * nothing but its own attribution stands between them */
                if (prev->has_cue && adjacent(c, prev, s)) {
                    q->has_cue = true;
                    q->cue = prev->cue;
                }
            }
        }
        if (q == NULL && c->doc->arena.failed)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

/* ----------------------------------------------------- partial quotes */

/* The cue governing quoted words inside a sentence: the nearest reading
 * left of them, else the one right of them ("..., Milley said"). */
static int32_t governing_cue(const dl__qctx *c, const dl__qspan *s)
{
    size_t o = s->open, first = dl__q_sent_first(c, o), last = dl__q_sent_last(c, o);
    for (size_t i = o; i-- > first;)
        if (c->rd_at[i] >= 0 && c->inq[i] < 0 && !(c->rd[c->rd_at[i]].entry->flags & DL__CUE_QUOTE))
            return c->rd_at[i];
    size_t e = s->close != UINT32_MAX ? s->close : s->last;
    for (size_t i = e + 1; i <= last && i < c->ntok; i++)
        if (c->rd_at[i] >= 0 && c->inq[i] < 0 && !(c->rd[c->rd_at[i]].entry->flags & DL__CUE_QUOTE))
            return c->rd_at[i];
    return -1;
}

static dl_code partial_quotes(dl__qctx *c, dl_error *err)
{
    for (size_t k = 0; k < c->nqs; k++) {
        const dl__qspan *s = &c->qs[k];
        if (!c->partial[k])
            continue;
        int32_t ri = governing_cue(c, s);
        if (ri < 0) {
            dl__doc_note(c->doc, "quotes", s->start, s->end,
                         "quoted words without a reporting cue: not a quotation");
            continue;
        }
        dl__reading *r = &c->rd[ri];
        if (r->entry->cls == DL__CUE_WEAK)
            r->used = true; /* "called him “a liar”": the words are the content */
        dl_quote *q = add_quote(c, s->start, partial_end(c, s), DL_QUOTE_PARTIAL,
                                r, s->confidence * (r->has_speaker ? 0.9f : 0.5f),
                                dl__arena_printf(&c->doc->arena, "%s; partial:governing-cue", s->why));
        if (q == NULL && c->doc->arena.failed)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

/* ---------------------------------------------------- indirect speech */

/* Skips "that", commas, time words, the addressee of "told"/"warned",
 * and a prepositional phrase that ends in "that" or a comma. */
static bool skippable(const dl__qctx *c, size_t j, size_t lim)
{
    if (dl__q_timex_tok(c, j) || dl__q_punct_is(c, j, ',') || dl__q_punct_is(c, j, ':'))
        return true;
    /* "on Tuesday" */
    return j < lim && dl__tok_in(c->doc, j, (const char *const[]){"on", NULL}) &&
           dl__q_timex_tok(c, j + 1);
}

static size_t content_start(const dl__qctx *c, const dl__reading *r, size_t j,
                            size_t lim, bool *that)
{
    *that = false;
    while (j <= lim && skippable(c, j, lim))
        j++;
    /* "said in a statement that", "told reporters on Monday that" */
    bool obj = (r->entry->flags & DL__CUE_OBJ) != 0;
    bool pp = j <= lim && dl__tok_in(c->doc, j, pp_words) &&
              !(j < lim && dl__tok_in(c->doc, j + 1, (const char *const[]){"least", "most", "first",
                                                                           "times", NULL}));
    if (j <= lim && (obj || pp)) {
        for (size_t k = j; k <= lim && k < j + 10; k++) {
            if (c->inq[k] >= 0 || dl__q_punct_is(c, k, ';'))
                break;
            if (dl__tok_in(c->doc, k, (const char *const[]){"that", NULL})) {
                *that = true;
                return k + 1;
            }
            if (dl__q_punct_is(c, k, ',') || dl__q_punct_is(c, k, ':')) {
                if (pp && k < j + 6)
                    return k + 1; /* "said in Moscow, ..." */
                break;
            }
            /* "said in an interview on Tuesday he would win" */
            if (pp && k > j + 1 &&
                dl__tok_in(c->doc, k, (const char *const[]){"he", "she", "they", "we", "i", NULL}))
                return k;
        }
        if (pp && !obj) {
            /* "said in a statement.": nothing follows the phrase */
            size_t k = j;
            while (k <= lim && k < j + 8 && !dl__q_is_punct(c, k))
                k++;
            if (k > lim || dl__q_final_punct(c, k))
                return lim + 1;
        }
        if (obj) { /* skip the addressee: "told reporters", "warned Poland" */
            size_t k = j;
            if (dl__tok_in(c->doc, k, obj_words) || (c->tok[k].flags & DL_TOK_CAP)) {
                bool det = dl__tok_in(c->doc, k, (const char *const[]){"the", "a", "an", "his", "their", "our", NULL});
                k++;
                while (k <= lim && k < j + 4 && (c->tok[k].flags & DL_TOK_CAP))
                    k++;
                if (det)
                    while (k <= lim && k < j + 3 && !dl__q_is_punct(c, k))
                        k++;
            }
            j = k;
            while (j <= lim && skippable(c, j, lim))
                j++;
        }
    }
    if (j <= lim && dl__tok_in(c->doc, j, (const char *const[]){"that", NULL})) {
        *that = true;
        j++;
    }
    return j;
}

/* The end of an indirect content from token j: the sentence end, cut
 * before ", adding ..." and before a semicolon. */
static size_t content_end(const dl__qctx *c, const dl__reading *r, size_t j, size_t lim)
{
    size_t end = lim;
    /* the next attribution in the sentence starts where this one stops:
     * "Trump said X, and he reiterated Y" */
    for (const dl__reading *q = r + 1; q < c->rd + c->nrd && c->tok[q->cue].sentence ==
                                                          c->tok[r->cue].sentence; q++) {
        size_t b = q->has_speaker && q->sp_first < q->cue && q->sp_first > j ? q->sp_first
                                                                              : q->cue;
        if (b <= j + 1 || b > lim || c->inq[q->cue] >= 0 || q->inverted ||
            q->entry->cls == DL__CUE_BELIEF)
            continue;
        if (dl__q_ends_ing(c, q->cue) && !dl__q_punct_is(c, q->cue - 1, ','))
            continue;
        if (!dl__q_punct_is(c, b - 1, ',') &&
            !dl__tok_in(c->doc, b - 1, (const char *const[]){"and", "but", "whereas", "while",
                                                            "although", NULL}))
            continue; /* "X said Y told him": Y's words are X's content */
        end = b - 1;
        while (end > j && (dl__q_punct_is(c, end, ',') ||
                           dl__tok_in(c->doc, end, (const char *const[]){"and", "but", "whereas",
                                                                         "while", NULL})))
            end--;
        break;
    }
    /* "After Hewitt suggested that X, Trump contradicted him" */
    size_t s0 = r->has_speaker && r->sp_first < r->cue ? r->sp_first : r->cue;
    if (s0 > dl__q_sent_first(c, s0) && s0 - 1 == dl__q_sent_first(c, s0) &&
        dl__tok_in(c->doc, s0 - 1, (const char *const[]){"after", "when", "although", "though",
                                                        "if", "because", "as", "while", "since",
                                                        "before", "until", "once", "whereas", NULL}))
        for (size_t k = j + 1; k < end; k++)
            if (dl__q_punct_is(c, k, ',') && c->inq[k] < 0 && c->inq[k + 1] < 0) {
                end = k - 1;
                break;
            }
    while (end > j && (dl__q_final_punct(c, end) || dl__q_punct_is(c, end, ',')))
        end--;
    for (size_t k = j; k < end; k++) {
        if (dl__q_punct_is(c, k, ';'))
            return k - 1;
        if (dl__q_punct_is(c, k, ',') && c->rd_at[k + 1] >= 0 && dl__q_ends_ing(c, k + 1))
            return k - 1;
        if (k > j && dl__tok_in(c->doc, k, (const char *const[]){"and", "but", NULL}) &&
            c->rd_at[k + 1] >= 0)
            return dl__q_punct_is(c, k - 1, ',') ? k - 2 : k - 1; /* "... and added that" */
        /* ", and he railed against ...": a new clause with its own subject */
        if (k > j + 1 && dl__q_punct_is(c, k, ',') && k + 2 < end &&
            dl__tok_in(c->doc, k + 1, (const char *const[]){"and", "but", NULL}) &&
            dl__tok_in(c->doc, k + 2, (const char *const[]){"he", "she", "they", "we", "i", NULL}))
            return k - 1;
    }
    return end;
}

/* The topic of "asked about X", "warned about X": a noun phrase up to
 * punctuation or a clause word. */
static bool topic_content(const dl__qctx *c, size_t j, size_t lim, size_t *first, size_t *last)
{
    size_t k = j;
    while (k <= lim && k < j + 12 && !(dl__q_is_punct(c, k) && c->inq[k] < 0) &&
           c->rd_at[k] < 0 &&
           !dl__tok_in(c->doc, k, (const char *const[]){"and", "but", "because", "when",
                                                        "while", "as", "after", NULL}))
        k++;
    if (k == j)
        return false;
    *first = j;
    *last = k - 1;
    return true;
}

/* Content right of the cue: "X said (that) ...". */
static bool content_right(const dl__qctx *c, const dl__reading *r, size_t *first, size_t *last)
{
    size_t lim = dl__q_sent_last(c, r->cue);
    size_t j = r->inverted ? r->sp_last + 1 : r->after;
    if (r->entry->cls == DL__CUE_PREP)
        j = r->sp_last + 1;
    bool that;
    j = content_start(c, r, j, lim, &that);
    if (j > lim || (dl__q_is_punct(c, j) && c->inq[j] < 0))
        return false;
    if (r->entry->cls == DL__CUE_BELIEF && !that)
        return false;
    static const char *const to_verbs[] = {"vow", "pledge", "promise", "threaten", "urge",
                                           "ask", "warn", "tell", "refuse", NULL};
    bool to_ok = false;
    for (size_t k = 0; to_verbs[k]; k++)
        to_ok |= strcmp(r->entry->words[0], to_verbs[k]) == 0;
    if (!that && r->entry->cls == DL__CUE_SPEECH &&
        dl__tok_in(c->doc, j, (const char *const[]){"about", NULL}))
        return topic_content(c, j + 1, lim, first, last); /* "asked about X" */
    if (!that && (dl__tok_in(c->doc, j, (const char *const[]){"for", "about", "of", "by", NULL}) ||
                  (!to_ok && dl__tok_in(c->doc, j, (const char *const[]){"to", NULL}))))
        return false; /* "said to be", "called for" */
    if (c->inq[j] >= 0 && !c->partial[c->inq[j]])
        return false; /* a direct quote follows: reported there */
    size_t end = content_end(c, r, j, lim);
    if (end < j + 1)
        return false;
    *first = j;
    *last = end;
    return true;
}

/* Content left of the cue: "..., a source said." */
static bool content_left(const dl__qctx *c, const dl__reading *r, size_t *first, size_t *last)
{
    size_t g = r->has_speaker && !r->inverted && r->sp_first < r->cue ? r->sp_first : r->cue;
    size_t sf = dl__q_sent_first(c, r->cue);
    if (g <= sf + 1 || !dl__q_punct_is(c, g - 1, ','))
        return false;
    size_t b = g - 2;
    if (dl__quote_mark_kind(c->doc, b) == 2 || c->inq[b] >= 0) {
        int32_t k = c->inq[b];
        if (k >= 0 && !c->partial[k])
            return false; /* “...,” he said: the direct quote has it */
    }
    size_t a = sf;
    for (size_t k = sf; k < b; k++) /* after an earlier clause's end */
        if (dl__q_punct_is(c, k, ';') || dl__q_punct_is(c, k, ':'))
            a = k + 1;
    if (b < a + 1)
        return false;
    for (size_t k = a; k <= b; k++)
        if (c->rd_at[k] >= 0 && c->inq[k] < 0)
            return false; /* another cue reports that part */
    *first = a;
    *last = b;
    return true;
}

static dl_code indirect_quotes(dl__qctx *c, dl_error *err)
{
    for (size_t k = 0; k < c->nrd; k++) {
        const dl__reading *r = &c->rd[k];
        if (r->used || r->entry->cls == DL__CUE_WEAK || (r->entry->flags & DL__CUE_QUOTE))
            continue;
        size_t f, l, lf, ll;
        const char *how;
        bool right = content_right(c, r, &f, &l);
        if (right) {
            how = "indirect:content-after-cue";
            /* "The plan, he said, will fail": both sides */
            if (dl__q_punct_is(c, r->after, ',') && content_left(c, r, &lf, &ll) && r->entry->cls == DL__CUE_SPEECH)
                f = lf;
        } else if (r->entry->cls != DL__CUE_BELIEF && content_left(c, r, &f, &l)) {
            how = "indirect:content-before-cue";
        } else {
            continue;
        }
        float conf = r->entry->cls == DL__CUE_BELIEF ? 0.5f : r->has_speaker ? 0.8f : 0.5f;
        dl_quote *q = add_quote(c, c->tok[f].start, c->tok[l].end, DL_QUOTE_INDIRECT,
                                r, conf, how);
        if (q == NULL && c->doc->arena.failed)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

/* -------------------------------------------------------------- stage */

static int by_start(const void *a, const void *b)
{
    const dl_quote *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

static dl_code publish(dl__qctx *c, dl_error *err)
{
    dl_quote *q = c->out.items;
    if (c->out.n > 1)
        qsort(q, c->out.n, sizeof *q, by_start);
    for (size_t k = 0; k < c->out.n; k++) {
        if (k > 0 && q[k].start == q[k - 1].start && q[k].end == q[k - 1].end)
            continue; /* one record per content span */
        dl_quote *d = DL__PUSH(c->doc, quotes, dl_quote);
        if (d == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        *d = q[k];
    }
    return DL_OK;
}

static dl_code quotes_run(const dl_kb *kb, const void *state, dl_doc *doc,
                          dl_error *err)
{
    DL_UNUSED(kb);
    dl__qctx c = {0};
    c.kb = state;
    c.doc = doc;
    c.tok = dl__tokens(doc);
    c.ntok = doc->tokens.n;
    c.sent = dl__sentences(doc);
    c.last_actor = -1;
    dl__vec_init(&c.out, sizeof(dl_quote));
    if (c.ntok == 0 || c.kb == NULL)
        return DL_OK;
    c.inq = dl__arena_alloc(&doc->arena, c.ntok * sizeof *c.inq);
    if (c.inq == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl_code rc = dl__quote_marks(doc, &c.qs, &c.nqs, c.inq, err);
    if (rc != DL_OK)
        return rc;
    rc = dl__q_read_cues(&c, err);
    if (rc != DL_OK)
        return rc;
    c.partial = dl__arena_alloc(&doc->arena, (c.nqs + 1) * sizeof *c.partial);
    if (c.partial == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    for (size_t k = 0; k < c.nqs; k++)
        c.partial[k] = !is_direct(&c, &c.qs[k]);
    if ((rc = direct_quotes(&c, err)) != DL_OK || (rc = partial_quotes(&c, err)) != DL_OK ||
        (rc = indirect_quotes(&c, err)) != DL_OK)
        return rc;
    return publish(&c, err);
}

static dl_code quotes_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                           dl_error *err)
{
    DL_UNUSED(cfg);
    dl__quotes_kb *q = calloc(1, sizeof *q);
    if (q == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&q->arena, 16384);
    dl__strmap_init(&q->first);
    dl_code rc = dl__cues_load(q, dl__kb_path(kb, "quotes/cues.txt"), err);
    if (rc != DL_OK) {
        dl__strmap_free(&q->first);
        dl__arena_free(&q->arena);
        free(q);
        return rc;
    }
    *state = q;
    return DL_OK;
}

static void quotes_unload(void *state)
{
    dl__quotes_kb *q = state;
    if (q == NULL)
        return;
    dl__strmap_free(&q->first);
    dl__arena_free(&q->arena);
    free(q);
}

const dl__stage dl__stage_quotes = {
    .iversion = 1,
    .id = DL_STAGE_QUOTES,
    .needs = DL_STAGE_TEXT | DL_STAGE_TIME | DL_STAGE_ACTORS,
    .name = "quotes",
    .load = quotes_load,
    .unload = quotes_unload,
    .run = quotes_run,
};

/* ------------------------------------------------ look-ups for events */

static int kind_pref(dl_quote_kind k)
{
    return k == DL_QUOTE_DIRECT ? 3 : k == DL_QUOTE_PARTIAL ? 2 : 1;
}

int32_t dl__quote_for_cue(const dl_doc *doc, uint32_t cue_start)
{
    const dl_quote *q = doc->quotes.items;
    int32_t best = -1;
    for (size_t k = 0; k < doc->quotes.n; k++)
        if (q[k].has_cue && q[k].cue.start == cue_start &&
            (best < 0 || kind_pref(q[k].kind) > kind_pref(q[best].kind)))
            best = (int32_t)k;
    return best;
}

int32_t dl__quote_in_span(const dl_doc *doc, uint32_t start, uint32_t end)
{
    const dl_quote *q = doc->quotes.items;
    int32_t best = -1;
    uint32_t best_ov = 0;
    for (size_t k = 0; k < doc->quotes.n; k++) {
        if (q[k].has_cue && q[k].cue.start >= start && q[k].cue.end <= end) {
            int32_t c = dl__quote_for_cue(doc, q[k].cue.start);
            return c >= 0 ? c : (int32_t)k;
        }
        uint32_t a = q[k].start > start ? q[k].start : start;
        uint32_t b = q[k].end < end ? q[k].end : end;
        if (b > a && b - a > best_ov) {
            best_ov = b - a;
            best = (int32_t)k;
        }
    }
    return best;
}

/* ------------------------------------------- the quote of an event */

typedef struct cue_ref {
    uint32_t start, end;
    int32_t quote;
} cue_ref;

typedef struct quote_index {
    size_t nquotes;      /* doc->quotes.n when built */
    cue_ref *cues;       /* by cue start */
    size_t ncues;
    uint32_t max_cue;    /* longest cue, bytes */
    uint32_t max_len;    /* longest content, bytes */
    bool by_start;       /* the quotes are in content order (publish) */
} quote_index;

static int by_cue_start(const void *a, const void *b)
{
    const cue_ref *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->quote < y->quote ? -1 : x->quote > y->quote;
}

static quote_index *quote_index_of(dl_doc *doc)
{
    quote_index *ix = doc->quote_index;
    if (ix && ix->nquotes == doc->quotes.n)
        return ix;
    ix = dl__arena_alloc(&doc->arena, sizeof *ix);
    const dl_quote *q = doc->quotes.items;
    size_t n = doc->quotes.n;
    if (ix == NULL || (n && (ix->cues = dl__arena_alloc(&doc->arena, n * sizeof *ix->cues)) == NULL))
        return NULL;
    ix->nquotes = n;
    ix->by_start = true;
    for (size_t k = 0; k < n; k++) {
        if (q[k].end > q[k].start && q[k].end - q[k].start > ix->max_len)
            ix->max_len = q[k].end - q[k].start;
        if (k > 0 && q[k].start < q[k - 1].start)
            ix->by_start = false;
        if (!q[k].has_cue)
            continue;
        ix->cues[ix->ncues++] = (cue_ref){q[k].cue.start, q[k].cue.end, (int32_t)k};
        if (q[k].cue.end > q[k].cue.start && q[k].cue.end - q[k].cue.start > ix->max_cue)
            ix->max_cue = q[k].cue.end - q[k].cue.start;
    }
    if (ix->ncues > 1)
        qsort(ix->cues, ix->ncues, sizeof *ix->cues, by_cue_start);
    doc->quote_index = ix;
    return ix;
}

int32_t dl__quote_of_trigger(dl_doc *doc, uint32_t ts, uint32_t te)
{
    const dl_quote *q = doc->quotes.items;
    quote_index *ix = quote_index_of(doc);
    if (ix == NULL) { /* out of memory: the plain scans */
        for (size_t i = 0; i < doc->quotes.n; i++)
            if (q[i].has_cue && q[i].cue.start < te && ts < q[i].cue.end)
                return (int32_t)i;
        for (size_t i = 0; i < doc->quotes.n; i++)
            if (q[i].start <= ts && te <= q[i].end)
                return (int32_t)i;
        return -1;
    }
    /* a cue overlapping [ts, te) starts after ts - max_cue and before te */
    uint32_t from = ts > ix->max_cue ? ts - ix->max_cue : 0;
    size_t lo = 0, hi = ix->ncues;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->cues[mid].start < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    int32_t best = -1;
    for (size_t k = lo; k < ix->ncues && ix->cues[k].start < te; k++)
        if (ts < ix->cues[k].end && (best < 0 || ix->cues[k].quote < best))
            best = ix->cues[k].quote;
    if (best >= 0)
        return best;
    /* content holding [ts, te) starts in [ts - max_len, ts] */
    lo = 0;
    hi = doc->quotes.n;
    if (ix->by_start) {
        from = ts > ix->max_len ? ts - ix->max_len : 0;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (q[mid].start < from)
                lo = mid + 1;
            else
                hi = mid;
        }
        hi = doc->quotes.n;
    }
    for (size_t i = lo; i < hi && (!ix->by_start || q[i].start <= ts); i++)
        if (q[i].start <= ts && te <= q[i].end)
            return (int32_t)i;
    return -1;
}
