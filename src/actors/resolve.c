/*
 * resolve.c — within-document resolution for the actor stage (see
 * resolve.h). Heuristics, stated plainly:
 *   - a pronoun (he, his, him, she, her ...) refers to the first person
 *     mentioned in its own sentence before it (the subject, in news
 *     prose), else to the first person of the nearest of the three
 *     previous sentences that has one, passing over persons whose given
 *     name is of the other sex;
 *   - a capitalized word equal to the last word of a person named before
 *     is that person ("Lukashenko" after "Alexander Lukashenko");
 *   - "the <country> <title>" is the latest person with that code, "the
 *     <title>" the latest person of that sector with a country;
 *   - "the <agent>" alone ("the ministry said") is the latest agent or
 *     organization with a country whose last word is the same, in the
 *     last three sentences ("Russia's defence ministry");
 *   - antecedents point at the first full mention, never at a pronoun.
 */
#include "actors/resolve.h"
#include "actors/actors.h"
#include "syntax/syntax.h"

#include <ctype.h>

#define DL__LOOKBACK 3
#define DL__MAX_SCAN 4000 /* mentions looked at per question */

static const dl_actor *mentions(const dl_doc *doc)
{
    return (const dl_actor *)doc->actors.items;
}

/* Follows antecedents to the first full mention. */
static int32_t root_of(const dl_doc *doc, int32_t i)
{
    const dl_actor *x = mentions(doc);
    for (int hops = 0; i >= 0 && x[i].antecedent >= 0 && hops < 8; hops++)
        i = x[i].antecedent;
    return i;
}

static int person_like(const dl_actor *a)
{
    return (a->kind == DL_ACTOR_PERSON || a->kind == DL_ACTOR_PRONOUN) &&
           a->code != NULL;
}

/* Whether the mention's last word is a clause's subject in the tree. */
static bool is_subject(const dl_doc *doc, const dl_actor *a)
{
    if (!dl__syn_has(doc))
        return false;
    int32_t w = dl__syn_word_of_token(doc, a->tok_last);
    /* "Mazloum Abdi": the name's head is its first word */
    for (int hops = 0; w >= 0 && hops < 4 && (dl__syn_rel_is(doc, w, "flat") ||
                                               dl__syn_rel_is(doc, w, "compound"));
         hops++)
        w = dl__syn_head(doc, w);
    return w >= 0 && dl__syn_rel_is(doc, w, "nsubj");
}

int32_t dl__resolve_pronoun(const dl_doc *doc, uint32_t sentence, uint32_t at)
{
    return dl__resolve_pronoun_sex(doc, sentence, at, 0, NULL);
}

int32_t dl__resolve_pronoun_sex(const dl_doc *doc, uint32_t sentence, uint32_t at,
                                char sex, const dl__actor_dict *given)
{
    const dl_actor *x = mentions(doc);
    int32_t n = (int32_t)doc->actors.n;
    int32_t lo = n > DL__MAX_SCAN ? n - DL__MAX_SCAN : 0;
    /* scanning backwards, the last person seen in a sentence is its
     * first; a person who is a subject there wins over one who is not
     * ("In his first comment, Abdi said ... He said": Abdi, not the
     * earlier man 'his' stood for) */
    int32_t first[DL__LOOKBACK + 1], subj[DL__LOOKBACK + 1];
    for (int b = 0; b <= DL__LOOKBACK; b++)
        first[b] = subj[b] = -1;
    for (int32_t i = n - 1; i >= lo; i--) {
        if (x[i].sentence > sentence)
            continue;
        uint32_t back = sentence - x[i].sentence;
        if (back > DL__LOOKBACK)
            break;
        if (!person_like(&x[i]) || (back == 0 && x[i].start >= at))
            continue;
        if (sex && given) {
            int32_t r = root_of(doc, i);
            char other = dl__given_sex(given, x[r].name);
            if (other && other != sex)
                continue;
        }
        first[back] = i;
        if (x[i].kind == DL_ACTOR_PERSON && is_subject(doc, &x[i]))
            subj[back] = i;
    }
    for (int b = 0; b <= DL__LOOKBACK; b++)
        if (first[b] >= 0)
            return root_of(doc, subj[b] >= 0 ? subj[b] : first[b]);
    return -1;
}

/* Whether the last word of name equals norm (ASCII case-insensitively). */
static int last_word_is(const char *name, const char *norm)
{
    const char *sp = strrchr(name, ' ');
    const char *w = sp ? sp + 1 : name;
    size_t n = strlen(norm);
    if (strlen(w) != n || n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)w[i]) != (unsigned char)norm[i])
            return 0;
    return 1;
}

int32_t dl__resolve_surname(const dl_doc *doc, const char *norm)
{
    if (norm == NULL)
        return -1;
    const dl_actor *x = mentions(doc);
    int32_t n = (int32_t)doc->actors.n;
    int32_t lo = n > DL__MAX_SCAN ? n - DL__MAX_SCAN : 0;
    for (int32_t i = lo; i < n; i++)
        if (x[i].kind == DL_ACTOR_PERSON && x[i].antecedent < 0 && x[i].name &&
            last_word_is(x[i].name, norm))
            return i;
    return -1;
}

int32_t dl__resolve_surname_in(const dl_doc *doc, const int32_t *cand,
                               uint32_t n, const char *norm)
{
    const dl_actor *x = mentions(doc);
    for (uint32_t i = 0; i < n; i++)
        if (x[cand[i]].name && last_word_is(x[cand[i]].name, norm))
            return cand[i];
    return -1;
}

/* Whether the first word of name equals norm (ASCII case-insensitively). */
static int first_word_is(const char *name, const char *norm)
{
    size_t n = strlen(norm);
    if (n < 3 || strlen(name) <= n || name[n] != ' ')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)name[i]) != (unsigned char)norm[i])
            return 0;
    return 1;
}

int32_t dl__resolve_given_in(const dl_doc *doc, const int32_t *cand, uint32_t n,
                             const char *norm)
{
    const dl_actor *x = mentions(doc);
    int32_t found = -1;
    for (uint32_t i = 0; i < n; i++)
        if (x[cand[i]].name && first_word_is(x[cand[i]].name, norm)) {
            if (found >= 0 && x[found].name && strcmp(x[found].name, x[cand[i]].name) != 0)
                return -1; /* two persons of that first name: no guess */
            found = cand[i];
        }
    return found;
}

int32_t dl__resolve_description(const dl_doc *doc, const char *code)
{
    if (code == NULL)
        return -1;
    const dl_actor *x = mentions(doc);
    int32_t n = (int32_t)doc->actors.n;
    int32_t lo = n > DL__MAX_SCAN ? n - DL__MAX_SCAN : 0;
    /* "the army chief" (---MIL): the latest person of that sector with a
     * country ("General X" BGDMIL) */
    bool any = strncmp(code, "---", 3) == 0 && code[3] != '\0';
    for (int32_t i = n - 1; i >= lo; i--)
        if (person_like(&x[i]) &&
            (strcmp(x[i].code, code) == 0 ||
             (any && x[i].country && strlen(x[i].code) == strlen(code) &&
              strcmp(x[i].code + 3, code + 3) == 0)))
            return root_of(doc, i);
    return -1;
}

int32_t dl__resolve_agent_description(const dl_doc *doc, uint32_t sentence, const char *head)
{
    if (head == NULL || *head == '\0')
        return -1;
    const dl_actor *x = mentions(doc);
    const dl_token *tok = (const dl_token *)doc->tokens.items;
    int32_t n = (int32_t)doc->actors.n;
    int32_t lo = n > DL__MAX_SCAN ? n - DL__MAX_SCAN : 0;
    for (int32_t i = n - 1; i >= lo; i--) {
        if (x[i].sentence + DL__LOOKBACK < sentence)
            break;
        if ((x[i].kind == DL_ACTOR_AGENT || x[i].kind == DL_ACTOR_ORGANIZATION) &&
            x[i].country && x[i].code && x[i].tok_last < doc->tokens.n &&
            tok[x[i].tok_last].norm && strcmp(tok[x[i].tok_last].norm, head) == 0)
            return i;
    }
    return -1;
}

int dl__resolve_two(const dl_doc *doc, int32_t two[2])
{
    const dl_actor *x = mentions(doc);
    int32_t n = (int32_t)doc->actors.n;
    int32_t lo = n > DL__MAX_SCAN ? n - DL__MAX_SCAN : 0;
    int32_t got[2] = {-1, -1};
    int k = 0;
    for (int32_t i = n - 1; i >= lo && k < 2; i--) {
        if (!person_like(&x[i]))
            continue;
        int32_t r = root_of(doc, i);
        if (x[r].name == NULL)
            continue;
        if (k == 1 && x[got[0]].name && strcmp(x[got[0]].name, x[r].name) == 0)
            continue;
        got[k++] = r;
    }
    if (k < 2)
        return 0;
    two[0] = got[1] < got[0] ? got[1] : got[0];
    two[1] = got[1] < got[0] ? got[0] : got[1];
    return 1;
}
