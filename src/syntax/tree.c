/*
 * tree.c — queries over the dependency trees of the syntax stage, for
 * the stages after it (see syntax.h). A word's children are found by a
 * scan of its sentence (news sentences are short; nothing is indexed),
 * so every query is linear in the sentence, never in the document.
 */
#include "syntax/syntax.h"

#include <strings.h>

bool dl__syn_has(const dl_doc *doc)
{
    return (doc->done & DL_STAGE_SYNTAX) && doc->words.n > 0;
}

static bool valid(const dl_doc *doc, int32_t w)
{
    return w >= 0 && (size_t)w < doc->words.n;
}

static const dl_sentence *sentence_of(const dl_doc *doc, int32_t w)
{
    return &((const dl_sentence *)doc->sentences.items)[dl__words(doc)[w].sentence];
}

int32_t dl__syn_word_of_token(const dl_doc *doc, size_t tok)
{
    if (!dl__syn_has(doc) || tok >= doc->tokens.n)
        return -1;
    return ((const dl_token *)doc->tokens.items)[tok].word;
}

int32_t dl__syn_head(const dl_doc *doc, int32_t w)
{
    if (!valid(doc, w))
        return -1;
    const dl_word *x = &dl__words(doc)[w];
    if (x->head < 0)
        return -1;
    return (int32_t)sentence_of(doc, w)->word_first + x->head;
}

bool dl__syn_rel_is(const dl_doc *doc, int32_t w, const char *rel)
{
    if (!valid(doc, w) || rel == NULL)
        return false;
    const char *d = dl__words(doc)[w].dep;
    if (d == NULL)
        return false;
    size_t n = strlen(rel);
    if (strncmp(d, rel, n) != 0)
        return false;
    return d[n] == '\0' || (d[n] == ':' && strchr(rel, ':') == NULL);
}

size_t dl__syn_children(const dl_doc *doc, int32_t w, const char *rel, int32_t *out,
                        size_t max)
{
    if (!valid(doc, w))
        return 0;
    const dl_sentence *s = sentence_of(doc, w);
    int32_t local = w - (int32_t)s->word_first;
    size_t k = 0;
    for (uint32_t i = 0; i < s->word_count; i++) {
        int32_t c = (int32_t)(s->word_first + i);
        if (dl__words(doc)[c].head != local || (rel && !dl__syn_rel_is(doc, c, rel)))
            continue;
        if (k < max)
            out[k] = c;
        k++;
    }
    return k;
}

int32_t dl__syn_child(const dl_doc *doc, int32_t w, const char *rel)
{
    int32_t c;
    return dl__syn_children(doc, w, rel, &c, 1) > 0 ? c : -1;
}

int32_t dl__syn_case(const dl_doc *doc, int32_t w)
{
    return dl__syn_child(doc, w, "case");
}

bool dl__syn_word_is(const dl_doc *doc, int32_t w, const char *lower)
{
    if (!valid(doc, w))
        return false;
    const dl_word *x = &dl__words(doc)[w];
    size_t n = strlen(lower);
    return x->end - x->start == n && strncasecmp(doc->text + x->start, lower, n) == 0;
}

int32_t dl__syn_subject(const dl_doc *doc, int32_t v)
{
    for (int hops = 0; valid(doc, v) && hops < 8; hops++) {
        int32_t s = dl__syn_child(doc, v, "nsubj");
        if (s < 0)
            s = dl__syn_child(doc, v, "csubj");
        /* "Russia, which invaded ...": the relative pronoun stands for
         * the noun the clause modifies */
        if (s >= 0 && dl__syn_rel_is(doc, v, "acl:relcl") && dl__words(doc)[s].xpos &&
            dl__words(doc)[s].xpos[0] == 'W')
            return dl__syn_head(doc, v);
        if (s >= 0)
            return s;
        int32_t h = dl__syn_head(doc, v);
        if (h < 0)
            return -1;
        if (dl__syn_rel_is(doc, v, "xcomp")) {
            /* object control ("urged Russia to withdraw"), else subject */
            int32_t o = dl__syn_child(doc, h, "obj");
            if (o >= 0)
                return o;
            v = h;
        } else if (dl__syn_rel_is(doc, v, "conj")) {
            v = h; /* "attacked and seized": the first conjunct's subject */
        } else if (dl__syn_rel_is(doc, v, "acl:relcl")) {
            /* "Russia, which invaded ...": the relative pronoun is the
             * nsubj when present (handled above), else the noun */
            return h;
        } else if (dl__syn_rel_is(doc, v, "acl")) {
            /* an active participle is the noun's own act ("a resolution
             * demanding a ceasefire", "troops guarding the border") */
            const char *x = dl__words(doc)[v].xpos;
            if (x && strcmp(x, "VBG") == 0)
                return h;
            /* reduced relative: "a missile fired by X" — the noun is the
             * object of the passive participle, its agent the subject */
            int32_t a = dl__syn_agent(doc, v);
            return a;
        } else if (dl__syn_rel_is(doc, v, "advcl") && dl__words(doc)[v].xpos &&
                   (strcmp(dl__words(doc)[v].xpos, "VBG") == 0 ||
                    strcmp(dl__words(doc)[v].xpos, "VB") == 0)) {
            /* a participial or infinitival adverbial clause shares the
             * subject of its clause ("passed a resolution, demanding",
             * "met Putin to discuss") */
            v = h;
        } else {
            return -1;
        }
    }
    return -1;
}

int32_t dl__syn_object(const dl_doc *doc, int32_t v)
{
    if (!valid(doc, v))
        return -1;
    int32_t o = dl__syn_child(doc, v, "obj");
    if (o >= 0)
        return o;
    if (dl__syn_passive(doc, v)) {
        int32_t s = dl__syn_child(doc, v, "nsubj:pass");
        if (s >= 0)
            return s;
    }
    /* "a missile fired by the rebels": the modified noun */
    if (dl__syn_rel_is(doc, v, "acl") && !dl__syn_rel_is(doc, v, "acl:relcl"))
        return dl__syn_head(doc, v);
    return -1;
}

int32_t dl__syn_agent(const dl_doc *doc, int32_t v)
{
    int32_t a = dl__syn_child(doc, v, "obl:agent");
    if (a >= 0)
        return a;
    /* some trees mark the agent as a plain obl with "by" */
    return dl__syn_oblique(doc, v, "by");
}

int32_t dl__syn_oblique(const dl_doc *doc, int32_t v, const char *prep)
{
    int32_t kids[64];
    size_t n = dl__syn_children(doc, v, "obl", kids, 64);
    if (n > 64)
        n = 64;
    for (size_t i = 0; i < n; i++)
        if (dl__syn_word_is(doc, dl__syn_case(doc, kids[i]), prep))
            return kids[i];
    return -1;
}

bool dl__syn_passive(const dl_doc *doc, int32_t v)
{
    return dl__syn_child(doc, v, "aux:pass") >= 0 || dl__syn_child(doc, v, "nsubj:pass") >= 0 ||
           (dl__syn_rel_is(doc, v, "acl") && valid(doc, v) && dl__words(doc)[v].xpos &&
            strcmp(dl__words(doc)[v].xpos, "VBN") == 0);
}

static bool clausal(const dl_doc *doc, int32_t w)
{
    static const char *const rels[] = {"root", "ccomp", "xcomp", "advcl", "acl",
                                        "parataxis", "csubj"};
    for (size_t i = 0; i < DL_ARRAY_LEN(rels); i++)
        if (dl__syn_rel_is(doc, w, rels[i]))
            return true;
    const char *u = dl__words(doc)[w].upos;
    return dl__syn_rel_is(doc, w, "conj") && u && (strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0);
}

int32_t dl__syn_clause(const dl_doc *doc, int32_t w)
{
    for (int hops = 0; valid(doc, w) && hops < 64; hops++) {
        if (clausal(doc, w))
            return w;
        int32_t h = dl__syn_head(doc, w);
        if (h < 0)
            return w;
        w = h;
    }
    return -1;
}

static const char *tok_upos(const dl_doc *doc, size_t tok)
{
    if (!dl__syn_has(doc) || tok >= doc->tokens.n)
        return NULL;
    return ((const dl_token *)doc->tokens.items)[tok].upos;
}

bool dl__syn_tok_is_verb(const dl_doc *doc, size_t tok)
{
    const char *u = tok_upos(doc, tok);
    return u && (strcmp(u, "VERB") == 0 || strcmp(u, "AUX") == 0);
}

bool dl__syn_tok_is_noun(const dl_doc *doc, size_t tok)
{
    const char *u = tok_upos(doc, tok);
    return u && (strcmp(u, "NOUN") == 0 || strcmp(u, "PROPN") == 0);
}
