/*
 * repair.c — two corrections applied to every tree the greedy parser
 * makes, for errors that are frequent on news and cost every later stage
 * its reading of the sentence:
 *
 *   1. A sentence whose root is a noun and whose only verb is a
 *      participle hung on that noun as a reduced relative ("The two sides
 *      rushed into late-night negotiations.", "A US warship sailed
 *      through the strait."): the tagger took a past tense for a past
 *      participle (VBD/VBN is its most frequent confusion on news), so the
 *      sentence has no predicate. When the noun is the sentence's first
 *      phrase and the participle has no auxiliary of its own, the verb
 *      becomes the root (VBD) and the noun its subject; the noun's
 *      dependents after the verb move to the verb.
 *   2. An agent (obl:agent) whose preposition is not "by" ("sailed
 *      through the strait" read as an agent) is an oblique.
 *   3. A clause whose subject is "who" or "which" right after "noun ,"
 *      is a relative clause of that noun ("Ecuador's president, who
 *      vowed to restore peace, has declared ..." with 'vowed' read as an
 *      adverbial clause of 'declared' and 'president' its subject): the
 *      clause hangs on the noun as acl:relcl and the words before the
 *      comma go back to the clause it interrupted.
 *
 * Both are checked on EWT and GUM in `eval ud` (docs/syntax.md).
 */
#include "syntax/model.h"

#include <strings.h>

static bool form_is(const char *const *forms, const uint32_t *lens, int i, const char *w)
{
    size_t n = strlen(w);
    return lens[i] == n && strncasecmp(forms[i], w, n) == 0;
}

/* Whether the tag is a verb class: VERB or AUX. */
static bool verbal(const dl__syn_model *m, int t)
{
    return strcmp(m->upos[t], "VERB") == 0 || strcmp(m->upos[t], "AUX") == 0;
}

static void promote_relative(const dl__syn_model *m, const char *const *forms,
                             const uint32_t *lens, int n, int *tags, int *heads, int *labels)
{
    if (m->acl_label < 0 || m->nsubj_label < 0 || m->vbd_tag < 0)
        return;
    int root = -1;
    for (int i = 0; i < n; i++)
        if (heads[i] < 0) {
            if (root >= 0)
                return;
            root = i;
        }
    if (root < 0 || !(strcmp(m->upos[tags[root]], "NOUN") == 0 ||
                      strcmp(m->upos[tags[root]], "PROPN") == 0))
        return;
    /* the only verb of the sentence: an acl participle of the root */
    int v = -1;
    for (int i = 0; i < n; i++) {
        if (!verbal(m, tags[i]))
            continue;
        if (v >= 0 || heads[i] != root || labels[i] != m->acl_label ||
            strcmp(m->xpos[tags[i]], "VBN") != 0)
            return;
        v = i;
    }
    if (v < 0 || v < root)
        return;
    /* the noun is the first phrase: nothing but its own dependents before
     * it, and no comma between it and the verb (an appositive) */
    for (int i = 0; i < v; i++) {
        if (i == root)
            continue;
        int h = heads[i];
        while (h >= 0 && h != root)
            h = heads[h];
        if (h != root)
            return;
        if (i > root && (form_is(forms, lens, i, ",") || form_is(forms, lens, i, "(")))
            return;
    }
    /* "by" after it reads as a true passive participle ("troops sent by
     * Moscow") */
    for (int i = v + 1; i < n; i++)
        if (heads[i] == v && labels[i] == m->agent_label)
            return;
    /* the sentence ends as a statement */
    if (!form_is(forms, lens, n - 1, ".") && !form_is(forms, lens, n - 1, "!"))
        return;
    heads[v] = -1;
    labels[v] = m->root_label;
    tags[v] = m->vbd_tag;
    heads[root] = v;
    labels[root] = m->nsubj_label;
    for (int i = v + 1; i < n; i++)
        if (heads[i] == root)
            heads[i] = v;
}

static bool is_wh_subject(const char *const *forms, const uint32_t *lens, int i)
{
    return form_is(forms, lens, i, "who") || form_is(forms, lens, i, "which");
}

/* Whether following heads from a reaches b. */
static bool reaches(const int *heads, int n, int a, int b)
{
    for (int hops = 0; a >= 0 && hops <= n; hops++) {
        if (a == b)
            return true;
        a = heads[a];
    }
    return false;
}

static void relative_clauses(const dl__syn_model *m, const char *const *forms,
                             const uint32_t *lens, int n, int *tags, int *heads, int *labels)
{
    if (m->relcl_label < 0 || m->nsubj_label < 0)
        return;
    for (int r = 2; r < n; r++) {
        if (!is_wh_subject(forms, lens, r) || !form_is(forms, lens, r - 1, ","))
            continue;
        int v = heads[r], nn = r - 2;
        if (v < 0 || labels[r] != m->nsubj_label || labels[v] == m->relcl_label ||
            heads[v] < 0 || !verbal(m, tags[v]))
            continue;
        if (!(strcmp(m->upos[tags[nn]], "NOUN") == 0 || strcmp(m->upos[tags[nn]], "PROPN") == 0))
            continue;
        int h = heads[v];
        /* v's dependents before the comma belong to the clause it
         * interrupts */
        int moved[64], nm = 0;
        for (int i = 0; i < r - 1 && nm < 64; i++)
            if (heads[i] == v) {
                moved[nm++] = i;
                heads[i] = h;
            }
        if (reaches(heads, n, nn, v) || reaches(heads, n, h, v)) {
            for (int i = 0; i < nm; i++) /* would make a cycle: undo */
                heads[moved[i]] = v;
            continue;
        }
        heads[v] = nn;
        labels[v] = m->relcl_label;
    }
}

void dl__syn_repair(const dl__syn_model *m, const char *const *forms, const uint32_t *lens,
                    int n, int *tags, int *heads, int *labels)
{
    if (n < 3)
        return;
    promote_relative(m, forms, lens, n, tags, heads, labels);
    relative_clauses(m, forms, lens, n, tags, heads, labels);
    if (m->agent_label < 0 || m->obl_label < 0)
        return;
    for (int i = 0; i < n; i++) {
        if (labels[i] != m->agent_label || heads[i] < 0)
            continue;
        bool by = false;
        for (int k = 0; k < n && !by; k++)
            by = heads[k] == i && form_is(forms, lens, k, "by");
        if (!by)
            labels[i] = m->obl_label;
    }
}
