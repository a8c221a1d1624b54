/*
 * mklemma.c — build-time compiler of the lemma table (build/data/lemma.bin)
 * from the WordNet 3.0 database (Debian package wordnet-base).
 *
 *   mklemma WORDNET_DIR OUT_FILE [--dump]
 *
 * It reads the lemma index (index.{noun,verb,adj,adv}), the exception
 * lists ({noun,verb,adj,adv}.exc) and the sense frequencies (cntlist.rev),
 * makes candidate word forms by inflecting every one-word lemma (plurals,
 * -s/-es/-ies, -ed/-d/-ied, -ing, -er/-est, with a doubled final consonant
 * too) and adds every form of the exception lists. Each candidate is then
 * run through Morphy, WordNet's own lemmatizer (exception lists first,
 * then its detachment rules checked against the index, plus undoubling of
 * a final consonant); a form Morphy maps to a lemma other than itself gets
 * one entry form -> lemma. Which lemma when there are several is decided
 * by choose() below. The layout of the output is in src/text/lemma_file.h.
 *
 * This is a tool, not part of the library: it prints and exits.
 * With --dump it also writes "form<TAB>lemma<TAB>pos<TAB>rule" lines to
 * standard output for inspection.
 */
#include "text/lemma_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NOUN, VERB, ADJ, ADV, NPOS };
static const char *const pos_name[NPOS] = {"noun", "verb", "adj", "adv"};
static const char pos_letter[NPOS] = {'n', 'v', 'a', 'r'};

#define MAX_WORD 64 /* longer one-word lemmas do not exist; skip them */

/* ------------------------------------------------------------ words */

typedef struct word {
    char *s;
    size_t len;
    unsigned index;      /* bit per POS: a lemma of that POS */
    long count[NPOS];    /* tagged sense count (cntlist.rev) per POS */
    char **exc[NPOS];    /* exception-list lemmas per POS */
    size_t nexc[NPOS];
    bool cand;           /* a candidate inflected form */
} word;

static word **table;
static size_t table_cap, table_n;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mklemma: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (p == NULL)
        die("out of memory");
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xcalloc(n + 1, 1);
    memcpy(p, s, n);
    return p;
}

static size_t probe(word **t, size_t cap, const char *s, size_t n)
{
    size_t i = dl__lemma_hash(s, n) & (cap - 1);
    while (t[i] && !(t[i]->len == n && memcmp(t[i]->s, s, n) == 0))
        i = (i + 1) & (cap - 1);
    return i;
}

static word *find(const char *s, size_t n)
{
    if (table_cap == 0)
        return NULL;
    return table[probe(table, table_cap, s, n)];
}

static word *intern(const char *s, size_t n)
{
    if (table_n * 2 >= table_cap) {
        size_t cap = table_cap ? table_cap * 2 : 1u << 16;
        word **t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < table_cap; i++)
            if (table[i])
                t[probe(t, cap, table[i]->s, table[i]->len)] = table[i];
        free(table);
        table = t;
        table_cap = cap;
    }
    size_t i = probe(table, table_cap, s, n);
    if (table[i] == NULL) {
        table[i] = xcalloc(1, sizeof **table);
        table[i]->s = xstrndup(s, n);
        table[i]->len = n;
        table_n++;
    }
    return table[i];
}

static bool is_lemma(const char *s, size_t n, int pos)
{
    const word *w = find(s, n);
    return w && (w->index & (1u << pos));
}

/* A form we keep: lower-case ASCII letters, digits, '-', '\'' and '.',
 * no underscore (multi-word lemmas are not single tokens). */
static bool usable(const char *s, size_t n)
{
    if (n == 0 || n > MAX_WORD)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '\'' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* ------------------------------------------------------------ input */

static FILE *open_in(const char *dir, const char *name)
{
    char path[4096];
    int k = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (k < 0 || (size_t)k >= sizeof path)
        die("path too long: %s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        die("cannot open %s: %s (install wordnet-base: scripts/setup)", path,
            strerror(errno));
    return f;
}

/* index.POS: lines "lemma pos synset_cnt ...", license header lines
 * start with two spaces. */
static void read_index(const char *dir, int pos)
{
    char name[32];
    snprintf(name, sizeof name, "index.%s", pos_name[pos]);
    FILE *f = open_in(dir, name);
    char line[65536];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue;
        size_t n = strcspn(line, " \n");
        if (usable(line, n))
            intern(line, n)->index |= 1u << pos;
    }
    fclose(f);
}

/* cntlist.rev: "lemma%ss_type:lex_filenum:lex_id:head:head_id sense cnt";
 * ss_type 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. */
static void read_counts(const char *dir)
{
    FILE *f = open_in(dir, "cntlist.rev");
    char line[1024];
    static const int type_pos[6] = {-1, NOUN, VERB, ADJ, ADV, ADJ};
    while (fgets(line, sizeof line, f)) {
        char *pct = strchr(line, '%');
        char *sp = strrchr(line, ' ');
        if (pct == NULL || sp == NULL || pct[1] < '1' || pct[1] > '5')
            continue;
        word *w = find(line, (size_t)(pct - line));
        if (w == NULL)
            continue;
        long c = strtol(sp + 1, NULL, 10);
        if (c > 0)
            w->count[type_pos[pct[1] - '0']] += c;
    }
    fclose(f);
}

/* POS.exc: "form lemma [lemma...]". */
static void read_exc(const char *dir, int pos)
{
    char name[32];
    snprintf(name, sizeof name, "%s.exc", pos_name[pos]);
    FILE *f = open_in(dir, name);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, " \n");
        if (!usable(line, n))
            continue;
        word *w = intern(line, n);
        char *p = line + n;
        while (*p == ' ') {
            p++;
            size_t m = strcspn(p, " \n");
            if (m > 0 && usable(p, m)) {
                w->exc[pos] = realloc(w->exc[pos], (w->nexc[pos] + 1) * sizeof(char *));
                if (w->exc[pos] == NULL)
                    die("out of memory");
                w->exc[pos][w->nexc[pos]++] = xstrndup(p, m);
                w->cand = true;
            }
            p += m;
        }
    }
    fclose(f);
}

/* ------------------------------------------------------------ Morphy */

/* Morphy's detachment rules (WordNet morph.c, as in its documentation
 * morphy(7WN)): suffix -> ending, tried in this order. */
typedef struct rule {
    const char *suffix, *ending;
} rule;

static const rule noun_rules[] = {
    {"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
};
static const rule verb_rules[] = {
    {"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
    {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
};
static const rule adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
};

typedef struct cand {
    const char *lemma;
    size_t len;
    int pos;
    long count;
    const char *how; /* "exc", "rule", "undouble" */
} cand;

#define MAX_CANDS 32

typedef struct cands {
    cand c[MAX_CANDS];
    size_t n;
} cands;

static void add_cand(cands *cs, const char *s, size_t n, int pos,
                     const char *how)
{
    for (size_t i = 0; i < cs->n; i++)
        if (cs->c[i].pos == pos && cs->c[i].len == n &&
            memcmp(cs->c[i].lemma, s, n) == 0)
            return;
    if (cs->n == MAX_CANDS)
        return;
    const word *w = find(s, n);
    if (w == NULL) /* only index lemmas get here */
        return;
    cs->c[cs->n++] = (cand){w->s, n, pos, w->count[pos], how};
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Applies one POS's rules to form (n bytes); adds index lemmas to cs. */
static void apply_rules(const char *form, size_t n, int pos, const rule *rs,
                        size_t nr, cands *cs)
{
    char buf[MAX_WORD + 8];
    for (size_t i = 0; i < nr; i++) {
        size_t sl = strlen(rs[i].suffix), el = strlen(rs[i].ending);
        if (!ends_with(form, n, rs[i].suffix) || n - sl + el < 2)
            continue;
        size_t stem = n - sl;
        memcpy(buf, form, stem);
        memcpy(buf + stem, rs[i].ending, el);
        if (is_lemma(buf, stem + el, pos))
            add_cand(cs, buf, stem + el, pos, "rule");
        /* undoubling: stopped -> stop, bigger -> big (when not listed) */
        bool strips = el == 0 && (pos == VERB ? sl >= 2 : pos == ADJ);
        if (strips && stem >= 3 && buf[stem - 1] == buf[stem - 2] &&
            !is_vowel(buf[stem - 1]) && is_lemma(buf, stem - 1, pos))
            add_cand(cs, buf, stem - 1, pos, "undouble");
    }
}

/* Morphy for one POS: the exception list if it has the form, else the
 * detachment rules. */
static void morphy(const word *w, int pos, cands *cs)
{
    if (w->nexc[pos] > 0) {
        for (size_t i = 0; i < w->nexc[pos]; i++) {
            const char *l = w->exc[pos][i];
            if (is_lemma(l, strlen(l), pos))
                add_cand(cs, l, strlen(l), pos, "exc");
        }
        return;
    }
    switch (pos) {
    case NOUN:
        /* morph.c: no rules for nouns ending in -ss or of two letters */
        if (w->len <= 2 || ends_with(w->s, w->len, "ss"))
            return;
        apply_rules(w->s, w->len, pos, noun_rules, sizeof noun_rules / sizeof *noun_rules, cs);
        break;
    case VERB:
        apply_rules(w->s, w->len, pos, verb_rules, sizeof verb_rules / sizeof *verb_rules, cs);
        break;
    case ADJ:
        apply_rules(w->s, w->len, pos, adj_rules, sizeof adj_rules / sizeof *adj_rules, cs);
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------ choice */

/* Closed-class words Morphy would strip into an unrelated noun
 * ("his" -> "hi", "its" -> "it", "us" -> "u"): they stay themselves. */
static const char *const keep_as_is[] = {
    "his", "hers", "its", "ours", "yours", "theirs", "us", "as", "this",
    "thus", "yes", "less", "unless", "whereas", "news", "afterwards",
    "towards", "besides", "sometimes", "perhaps", "always", "cannot",
    "media", NULL,
};

static bool kept(const word *w)
{
    for (size_t i = 0; keep_as_is[i]; i++)
        if (strlen(keep_as_is[i]) == w->len && memcmp(keep_as_is[i], w->s, w->len) == 0)
            return true;
    return false;
}

/* Picks the lemma of form w among Morphy's answers for every POS, or
 * returns false when w should stay itself. Rules, in order:
 *  1. POS preference: a form ending in -s/-ed/-ing takes a verb lemma
 *     when there is one (warned -> warn, hosted -> host), other forms a
 *     noun lemma first (men -> man); then adjective (better -> good),
 *     then adverb.
 *  2. Within a POS, the lemma with the most tagged senses (cntlist.rev);
 *     on a tie, Morphy's order (hoped -> hope before hop).
 *  3. A form that is itself a lemma stays itself when its own tagged
 *     count beats the chosen lemma's (evening stays, not even; warning
 *     still goes to warn: 22 tagged noun senses against 27 for warn). */
static bool choose(const word *w, cand *out)
{
    cands cs = {.n = 0};
    for (int pos = 0; pos < NPOS; pos++)
        morphy(w, pos, &cs);
    static const int verb_first[NPOS] = {VERB, NOUN, ADJ, ADV};
    static const int noun_first[NPOS] = {NOUN, VERB, ADJ, ADV};
    bool inflected = ends_with(w->s, w->len, "s") || ends_with(w->s, w->len, "ed") ||
                     ends_with(w->s, w->len, "ing");
    const int *order = inflected ? verb_first : noun_first;
    const cand *best = NULL;
    for (int k = 0; k < NPOS && best == NULL; k++)
        for (size_t i = 0; i < cs.n; i++) {
            const cand *c = &cs.c[i];
            if (c->pos != order[k] || (c->len == w->len && memcmp(c->lemma, w->s, w->len) == 0))
                continue;
            if (best == NULL || c->count > best->count)
                best = c;
        }
    if (best == NULL || kept(w))
        return false;
    if (w->index) {
        long own = 0, its = 0;
        for (int pos = 0; pos < NPOS; pos++)
            own += w->count[pos];
        for (size_t i = 0; i < cs.n; i++)
            if (cs.c[i].len == best->len && memcmp(cs.c[i].lemma, best->lemma, best->len) == 0)
                its += cs.c[i].count;
        if (own > 2 * its + 2)
            return false;
    }
    *out = *best;
    return true;
}

/* ------------------------------------------------------------ forms */

static void add_form(const char *stem, size_t n, const char *suffix)
{
    char buf[MAX_WORD + 8];
    size_t k = strlen(suffix);
    if (n + k > MAX_WORD)
        return;
    memcpy(buf, stem, n);
    memcpy(buf + n, suffix, k);
    intern(buf, n + k)->cand = true;
}

/* Vowel groups, less a silent final e: a rough syllable count. */
static int syllables(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if ((is_vowel(s[i]) || s[i] == 'y') && (i == 0 || !(is_vowel(s[i - 1]) || s[i - 1] == 'y')))
            k++;
    if (k > 1 && s[n - 1] == 'e' && !is_vowel(s[n - 2]))
        k--;
    return k;
}

/* Consonant-vowel-consonant ending (stop, plan, big): doubling is
 * possible. */
static bool cvc(const char *s, size_t n)
{
    return n >= 3 && !is_vowel(s[n - 1]) && s[n - 1] != 'w' && s[n - 1] != 'x' &&
           s[n - 1] != 'y' && is_vowel(s[n - 2]) && !is_vowel(s[n - 3]);
}

/* Inverse rules: the inflections each lemma may have. Which of them are
 * real is Morphy's decision (choose), not this function's. */
static void inflect(const word *w)
{
    const char *s = w->s;
    size_t n = w->len;
    char last = s[n - 1];
    int syl = syllables(s, n);
    bool y_cons = last == 'y' && n >= 2 && !is_vowel(s[n - 2]);
    if (w->index & (1u << NOUN)) {
        add_form(s, n, "s");
        add_form(s, n, "es");
        if (y_cons)
            add_form(s, n - 1, "ies");
        if (ends_with(s, n, "man"))
            add_form(s, n - 2, "en");
    }
    if (w->index & (1u << VERB)) {
        add_form(s, n, "s");
        add_form(s, n, "es");
        add_form(s, n, "ed");
        add_form(s, n, "ing");
        if (last == 'e') {
            add_form(s, n, "d");
            add_form(s, n - 1, "ing");
        }
        if (y_cons) {
            add_form(s, n - 1, "ies");
            add_form(s, n - 1, "ied");
        }
        if (cvc(s, n) && syl == 1) { /* longer ones: verb.exc */
            char buf[MAX_WORD + 2];
            memcpy(buf, s, n);
            buf[n] = last;
            add_form(buf, n + 1, "ed");
            add_form(buf, n + 1, "ing");
        }
    }
    /* comparatives of short adjectives only (no "educationaller") */
    if ((w->index & (1u << ADJ)) && syl <= 2) {
        add_form(s, n, last == 'e' ? "r" : "er");
        add_form(s, n, last == 'e' ? "st" : "est");
        if (y_cons) {
            add_form(s, n - 1, "ier");
            add_form(s, n - 1, "iest");
        }
        if (cvc(s, n) && syl == 1) {
            char buf[MAX_WORD + 2];
            memcpy(buf, s, n);
            buf[n] = last;
            add_form(buf, n + 1, "er");
            add_form(buf, n + 1, "est");
        }
    }
}

/* ------------------------------------------------------------ output */

typedef struct entry {
    const word *form;
    cand lemma;
} entry;

typedef struct pool {
    char *data;
    size_t len, cap;
} pool;

static uint32_t pool_add(pool *p, const char *s, size_t n)
{
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1u << 20;
        while (cap < p->len + n + 1)
            cap *= 2;
        p->data = realloc(p->data, cap);
        if (p->data == NULL)
            die("out of memory");
        p->cap = cap;
    }
    if (p->len + n + 1 > UINT32_MAX)
        die("string pool too large");
    uint32_t off = (uint32_t)p->len;
    memcpy(p->data + p->len, s, n);
    p->data[p->len + n] = '\0';
    p->len += n + 1;
    return off;
}

/* Lemma offsets are shared: one copy of "say" for said, says, saying. */
static uint32_t *lemma_off; /* parallel to table, 0 = not yet written */

static uint32_t lemma_offset(pool *p, const cand *c)
{
    size_t i = probe(table, table_cap, c->lemma, c->len);
    if (lemma_off[i] == 0)
        lemma_off[i] = pool_add(p, c->lemma, c->len);
    return lemma_off[i];
}

static void write_all(FILE *f, const void *p, size_t n, const char *path)
{
    if (fwrite(p, 1, n, f) != n)
        die("cannot write %s: %s", path, strerror(errno));
}

static void write_table(const char *path, const entry *es, size_t ne)
{
    size_t nslots = 1024;
    while ((double)ne > 0.7 * (double)nslots)
        nslots *= 2;
    dl__lemma_slot *slots = xcalloc(nslots, sizeof *slots);
    pool p = {0};
    pool_add(&p, "", 0); /* offset 0: no string */
    lemma_off = xcalloc(table_cap, sizeof *lemma_off);
    for (size_t i = 0; i < ne; i++) {
        const word *w = es[i].form;
        uint32_t h = dl__lemma_hash(w->s, w->len);
        size_t j = h & (nslots - 1);
        while (slots[j].form != 0)
            j = (j + 1) & (nslots - 1);
        slots[j].hash = h;
        slots[j].form = pool_add(&p, w->s, w->len);
        slots[j].lemma = lemma_offset(&p, &es[i].lemma);
    }
    dl__lemma_header hd;
    memset(&hd, 0, sizeof hd);
    memcpy(hd.magic, DL__LEMMA_MAGIC, sizeof hd.magic);
    hd.bom = DL__LEMMA_BOM;
    hd.nslots = (uint32_t)nslots;
    hd.nentries = (uint32_t)ne;
    hd.pool_size = (uint32_t)p.len;
    hd.slots_off = (uint32_t)sizeof hd;
    hd.pool_off = (uint32_t)(sizeof hd + nslots * sizeof *slots);

    char tmp[4096];
    int k = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (k < 0 || (size_t)k >= sizeof tmp)
        die("path too long: %s", path);
    FILE *f = fopen(tmp, "wb");
    if (f == NULL)
        die("cannot create %s: %s", tmp, strerror(errno));
    write_all(f, &hd, sizeof hd, tmp);
    write_all(f, slots, nslots * sizeof *slots, tmp);
    write_all(f, p.data, p.len, tmp);
    if (fclose(f) != 0)
        die("cannot write %s: %s", tmp, strerror(errno));
    if (rename(tmp, path) != 0)
        die("cannot rename %s to %s: %s", tmp, path, strerror(errno));
    fprintf(stderr, "mklemma: %zu forms, %zu slots, %zu bytes -> %s\n", ne,
            nslots, (size_t)hd.pool_off + p.len, path);
    free(slots);
    free(p.data);
}

/* ------------------------------------------------------------ main */

static int by_form(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    return strcmp(x->form->s, y->form->s);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4 || (argc == 4 && strcmp(argv[3], "--dump") != 0)) {
        fprintf(stderr, "usage: mklemma WORDNET_DIR OUT_FILE [--dump]\n");
        return 2;
    }
    const char *dir = argv[1];
    for (int pos = 0; pos < NPOS; pos++)
        read_index(dir, pos);
    read_counts(dir);
    for (int pos = 0; pos < NPOS; pos++)
        read_exc(dir, pos);

    /* inflect every lemma; collect the snapshot first (intern may grow) */
    size_t nl = 0;
    word **lemmas = xcalloc(table_n + 1, sizeof *lemmas);
    for (size_t i = 0; i < table_cap; i++)
        if (table[i] && table[i]->index)
            lemmas[nl++] = table[i];
    for (size_t i = 0; i < nl; i++)
        inflect(lemmas[i]);
    free(lemmas);

    entry *es = xcalloc(table_n + 1, sizeof *es);
    size_t ne = 0;
    for (size_t i = 0; i < table_cap; i++) {
        const word *w = table[i];
        cand c;
        if (w && w->cand && choose(w, &c))
            es[ne++] = (entry){w, c};
    }
    qsort(es, ne, sizeof *es, by_form); /* a reproducible file */
    if (argc == 4)
        for (size_t i = 0; i < ne; i++)
            printf("%s\t%s\t%c\t%s\n", es[i].form->s, es[i].lemma.lemma,
                   pos_letter[es[i].lemma.pos], es[i].lemma.how);
    write_table(argv[2], es, ne);
    free(es);
    return 0;
}
