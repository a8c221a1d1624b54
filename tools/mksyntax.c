/*
 * mksyntax.c — trains the syntax model (tagger and parser) from UD
 * CoNLL-U files and writes data/syntax/en_ewt.model (model_file.h).
 *
 *   mksyntax [--tagger-iters N] [--parser-iters N] [--limit N]
 *            TRAIN.conllu DEV.conllu OUT.model
 *
 * Both models are averaged perceptrons over the hashed features of
 * src/syntax/features.c. The tagger predicts one joint (UPOS, XPOS)
 * class per word. The parser is trained with the arc-hybrid dynamic
 * oracle (src/syntax/transition.c) and exploration, on part-of-speech
 * tags predicted by 4-fold jackknifing so that it learns from tags as
 * noisy as those it will see. Everything is deterministic: a fixed seed,
 * a fixed order, integer updates, so the same treebank gives the same
 * bytes. Not linked into the binary users run.
 */
#include "dl.h"

#include <inttypes.h>
#include <math.h>

#include "syntax/conllu.h"
#include "syntax/features.h"
#include "syntax/model_file.h"
#include "syntax/transition.h"

/* ------------------------------------------------------------ perceptron */

typedef struct entry {
    uint32_t next;  /* next entry of the same feature, 0: none */
    uint32_t cls;
    float w;
    uint32_t stamp;
    double acc;
    float avg;
} entry;

typedef struct ptron {
    uint64_t *keys;  /* 0: empty */
    uint32_t *first; /* first entry per slot */
    uint64_t cap, n;
    entry *e;
    uint32_t ne, ecap;
    uint32_t t;      /* updates counted so far (averaging clock) */
    int nclasses;
    bool use_avg;
    uint64_t *order; /* slots in insertion order */
} ptron;

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (p == NULL) {
        fprintf(stderr, "mksyntax: out of memory\n");
        exit(3);
    }
    return p;
}

static void ptron_init(ptron *p, int nclasses)
{
    memset(p, 0, sizeof *p);
    p->cap = 1 << 16;
    p->keys = xcalloc(p->cap, sizeof *p->keys);
    p->first = xcalloc(p->cap, sizeof *p->first);
    p->order = xcalloc(p->cap, sizeof *p->order);
    p->ecap = 1 << 16;
    p->e = xcalloc(p->ecap, sizeof *p->e);
    p->ne = 1; /* entry 0 means none */
    p->nclasses = nclasses;
}

static void ptron_free(ptron *p)
{
    free(p->keys), free(p->first), free(p->order), free(p->e);
}

static inline uint64_t key_of(uint64_t f)
{
    return f ? f : 1;
}

static uint64_t slot_find(const ptron *p, uint64_t k)
{
    uint64_t i = (k ^ (k >> 29)) & (p->cap - 1);
    while (p->keys[i] != 0 && p->keys[i] != k)
        i = (i + 1) & (p->cap - 1);
    return i;
}

static void grow(ptron *p)
{
    uint64_t oc = p->cap;
    uint64_t *ok = p->keys, *oo = p->order;
    uint32_t *of = p->first;
    p->cap *= 2;
    p->keys = xcalloc(p->cap, sizeof *p->keys);
    p->first = xcalloc(p->cap, sizeof *p->first);
    p->order = xcalloc(p->cap, sizeof *p->order);
    /* reinsert in insertion order, so that order[] stays meaningful */
    for (uint64_t j = 0; j < p->n; j++) {
        uint64_t i = oo[j];
        uint64_t s = slot_find(p, ok[i]);
        p->keys[s] = ok[i];
        p->first[s] = of[i];
        p->order[j] = s;
    }
    (void)oc;
    free(ok), free(of), free(oo);
}

static void ptron_score(const ptron *p, const uint64_t *f, int nf, float *scores)
{
    memset(scores, 0, sizeof(float) * (size_t)p->nclasses);
    for (int k = 0; k < nf; k++) {
        uint64_t s = slot_find(p, key_of(f[k]));
        if (p->keys[s] == 0)
            continue;
        for (uint32_t e = p->first[s]; e != 0; e = p->e[e].next)
            scores[p->e[e].cls] += p->use_avg ? p->e[e].avg : p->e[e].w;
    }
}

static void ptron_update(ptron *p, const uint64_t *f, int nf, int cls, float d)
{
    for (int k = 0; k < nf; k++) {
        if (p->n * 2 >= p->cap)
            grow(p);
        uint64_t key = key_of(f[k]);
        uint64_t s = slot_find(p, key);
        if (p->keys[s] == 0) {
            p->keys[s] = key;
            p->order[p->n++] = s;
        }
        uint32_t e = p->first[s], last = 0;
        while (e != 0 && p->e[e].cls != (uint32_t)cls) {
            last = e;
            e = p->e[e].next;
        }
        if (e == 0) {
            if (p->ne == p->ecap) {
                p->ecap *= 2;
                entry *ne = realloc(p->e, sizeof(entry) * p->ecap);
                if (ne == NULL) {
                    fprintf(stderr, "mksyntax: out of memory\n");
                    exit(3);
                }
                p->e = ne;
            }
            e = p->ne++;
            memset(&p->e[e], 0, sizeof p->e[e]);
            p->e[e].cls = (uint32_t)cls;
            p->e[e].stamp = p->t;
            if (last == 0)
                p->first[s] = e;
            else
                p->e[last].next = e;
        }
        entry *x = &p->e[e];
        x->acc += (double)x->w * (p->t - x->stamp);
        x->stamp = p->t;
        x->w += d;
    }
}

/* Averaged weights into .avg (for evaluation and writing). */
static void ptron_average(ptron *p)
{
    double t = p->t ? p->t : 1;
    for (uint32_t e = 1; e < p->ne; e++) {
        entry *x = &p->e[e];
        x->avg = (float)((x->acc + (double)x->w * (p->t - x->stamp)) / t);
    }
}

/* ------------------------------------------------------------ classes */

typedef struct names {
    char **s;
    long *count;
    int n, cap;
} names;

static int names_find(const names *nm, const char *s)
{
    for (int i = 0; i < nm->n; i++)
        if (strcmp(nm->s[i], s) == 0)
            return i;
    return -1;
}

static int names_add(names *nm, const char *s)
{
    int i = names_find(nm, s);
    if (i >= 0) {
        nm->count[i]++;
        return i;
    }
    if (nm->n == nm->cap) {
        nm->cap = nm->cap ? nm->cap * 2 : 64;
        nm->s = realloc(nm->s, sizeof(char *) * (size_t)nm->cap);
        nm->count = realloc(nm->count, sizeof(long) * (size_t)nm->cap);
        if (!nm->s || !nm->count)
            exit(3);
    }
    nm->s[nm->n] = strdup(s);
    nm->count[nm->n] = 1;
    return nm->n++;
}

static const names *sort_names;
static int by_count(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    if (sort_names->count[i] != sort_names->count[j])
        return sort_names->count[i] > sort_names->count[j] ? -1 : 1;
    return strcmp(sort_names->s[i], sort_names->s[j]);
}

/* Renumbers by frequency, then name (so ids do not depend on order). */
static void names_sort(names *nm)
{
    int *idx = xcalloc((size_t)nm->n, sizeof(int));
    for (int i = 0; i < nm->n; i++)
        idx[i] = i;
    sort_names = nm;
    qsort(idx, (size_t)nm->n, sizeof(int), by_count);
    char **s = xcalloc((size_t)nm->n, sizeof(char *));
    long *c = xcalloc((size_t)nm->n, sizeof(long));
    for (int i = 0; i < nm->n; i++)
        s[i] = nm->s[idx[i]], c[i] = nm->count[idx[i]];
    free(nm->s), free(nm->count), free(idx);
    nm->s = s, nm->count = c;
}

/* ------------------------------------------------------------ data */

typedef struct sent {
    int n;
    dl__syn_atoms *atoms; /* [0..n) */
    int *gold_tag;        /* [0..n) */
    int *tag;             /* predicted (jackknifed for train) [0..n) */
    int *head, *label;    /* [1..n], head 0 = root */
} sent;

static names tagset, labelset;

static char tag_key[128];
static const char *tag_name(const dl__conllu_word *w)
{
    snprintf(tag_key, sizeof tag_key, "%s\t%s", w->upos, w->xpos);
    return tag_key;
}

static void free_sents(sent *ss, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(ss[i].atoms), free(ss[i].gold_tag), free(ss[i].tag);
        free(ss[i].head), free(ss[i].label);
    }
    free(ss);
}

static void names_free(names *nm)
{
    for (int i = 0; i < nm->n; i++)
        free(nm->s[i]);
    free(nm->s), free(nm->count);
    memset(nm, 0, sizeof *nm);
}

static sent *load_sents(const dl__conllu *c, size_t limit, bool add, size_t *count)
{
    size_t n = c->n < limit ? c->n : limit;
    sent *ss = xcalloc(n, sizeof *ss);
    for (size_t i = 0; i < n; i++) {
        const dl__conllu_sent *cs = &c->sents[i];
        sent *s = &ss[i];
        s->n = cs->n;
        s->atoms = xcalloc((size_t)s->n + 1, sizeof *s->atoms);
        s->gold_tag = xcalloc((size_t)s->n + 1, sizeof(int));
        s->tag = xcalloc((size_t)s->n + 1, sizeof(int));
        s->head = xcalloc((size_t)s->n + 2, sizeof(int));
        s->label = xcalloc((size_t)s->n + 2, sizeof(int));
        for (int k = 0; k < s->n; k++) {
            const dl__conllu_word *w = &cs->words[k];
            dl__syn_atoms_of(w->form, strlen(w->form), k == 0, &s->atoms[k]);
            int t = add ? names_add(&tagset, tag_name(w)) : names_find(&tagset, tag_name(w));
            int l = add ? names_add(&labelset, w->deprel) : names_find(&labelset, w->deprel);
            s->gold_tag[k] = t;
            s->head[k + 1] = w->head;
            s->label[k + 1] = l;
        }
    }
    *count = n;
    return ss;
}

/* After names_sort, renumber the ids stored in sentences. */
static void renumber(sent *ss, size_t n, const dl__conllu *c, size_t limit)
{
    for (size_t i = 0; i < n && i < limit; i++)
        for (int k = 0; k < ss[i].n; k++) {
            const dl__conllu_word *w = &c->sents[i].words[k];
            ss[i].gold_tag[k] = names_find(&tagset, tag_name(w));
            ss[i].label[k + 1] = names_find(&labelset, w->deprel);
        }
}

static uint64_t rng_state = 0x853c49e6748fea9bULL;
static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

static void shuffle(size_t *idx, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng() % i;
        size_t t = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = t;
    }
}

/* ------------------------------------------------------------ tag dictionary */

typedef struct tagdict {
    uint64_t *w;
    int *cls;
    size_t n;
} tagdict;

/* Words seen at least 20 times with one class at least 99% of the time. */
static void build_tagdict(tagdict *td, const sent *ss, size_t n)
{
    /* count (word, class) with a simple open-addressing table */
    size_t cap = 1 << 20;
    uint64_t *keys = xcalloc(cap, sizeof *keys);
    int *counts = xcalloc(cap * (size_t)tagset.n, sizeof(int));
    uint64_t *order = xcalloc(cap, sizeof *order);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < ss[i].n; k++) {
            uint64_t w = key_of(ss[i].atoms[k].w);
            size_t s = (size_t)(w & (cap - 1));
            while (keys[s] != 0 && keys[s] != w)
                s = (s + 1) & (cap - 1);
            if (keys[s] == 0) {
                keys[s] = w;
                order[nk++] = s;
            }
            counts[s * (size_t)tagset.n + (size_t)ss[i].gold_tag[k]]++;
        }
    td->w = xcalloc(nk, sizeof *td->w);
    td->cls = xcalloc(nk, sizeof(int));
    for (size_t j = 0; j < nk; j++) {
        size_t s = order[j];
        int total = 0, best = 0;
        for (int t = 0; t < tagset.n; t++) {
            total += counts[s * (size_t)tagset.n + (size_t)t];
            if (counts[s * (size_t)tagset.n + (size_t)t] > counts[s * (size_t)tagset.n + (size_t)best])
                best = t;
        }
        if (total >= 20 && counts[s * (size_t)tagset.n + (size_t)best] >= 0.99 * total) {
            td->w[td->n] = keys[s];
            td->cls[td->n] = best;
            td->n++;
        }
    }
    free(keys), free(counts), free(order);
}

static int tagdict_get(const tagdict *td, uint64_t w)
{
    w = key_of(w);
    for (size_t i = 0; i < td->n; i++) /* small; only used while training */
        if (td->w[i] == w)
            return td->cls[i];
    return -1;
}

/* A faster look-up for training: a sorted copy searched by bisection. */
typedef struct { uint64_t w; int cls; } tdpair;
static tdpair *td_sorted;
static size_t td_n;
static int tdcmp(const void *a, const void *b)
{
    uint64_t x = ((const tdpair *)a)->w, y = ((const tdpair *)b)->w;
    return x < y ? -1 : x > y;
}
static void td_index(const tagdict *td)
{
    free(td_sorted);
    td_n = td->n;
    td_sorted = xcalloc(td_n, sizeof *td_sorted);
    for (size_t i = 0; i < td_n; i++)
        td_sorted[i].w = td->w[i], td_sorted[i].cls = td->cls[i];
    qsort(td_sorted, td_n, sizeof *td_sorted, tdcmp);
}
static int td_get(uint64_t w)
{
    w = key_of(w);
    size_t lo = 0, hi = td_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (td_sorted[mid].w < w)
            lo = mid + 1;
        else if (td_sorted[mid].w > w)
            hi = mid;
        else
            return td_sorted[mid].cls;
    }
    return -1;
}

/* ------------------------------------------------------------ tagger */

static void tag_sent(ptron *p, sent *s, int *out, bool train)
{
    float scores[512];
    uint64_t f[DL__SYN_TAG_NFEAT];
    for (int i = 0; i < s->n; i++) {
        int t = td_get(s->atoms[i].w);
        if (t >= 0) {
            out[i] = t;
            continue;
        }
        int k = dl__syn_tag_features(s->atoms, s->n, i, out, f);
        ptron_score(p, f, k, scores);
        int best = 0;
        for (int c = 1; c < p->nclasses; c++)
            if (scores[c] > scores[best])
                best = c;
        if (train) {
            p->t++;
            if (best != s->gold_tag[i]) {
                ptron_update(p, f, k, s->gold_tag[i], 1);
                ptron_update(p, f, k, best, -1);
            }
        }
        out[i] = best;
    }
}

static double tag_eval(ptron *p, sent *ss, size_t n, double *upos)
{
    long right = 0, uright = 0, total = 0;
    int *out = xcalloc(1024, sizeof(int));
    for (size_t i = 0; i < n; i++) {
        if (ss[i].n > 1024)
            continue;
        tag_sent(p, &ss[i], out, false);
        for (int k = 0; k < ss[i].n; k++) {
            total++;
            right += out[k] == ss[i].gold_tag[k];
            if (ss[i].gold_tag[k] >= 0) {
                const char *a = tagset.s[out[k]], *b = tagset.s[ss[i].gold_tag[k]];
                size_t la = strcspn(a, "\t"), lb = strcspn(b, "\t");
                uright += la == lb && memcmp(a, b, la) == 0;
            }
        }
    }
    free(out);
    if (upos)
        *upos = total ? (double)uright / total : 0;
    return total ? (double)right / total : 0;
}

static void train_tagger(ptron *p, sent *ss, size_t n, int iters, sent *dev,
                         size_t ndev, bool verbose)
{
    ptron_init(p, tagset.n);
    size_t *idx = xcalloc(n, sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    int *out = xcalloc(4096, sizeof(int));
    for (int it = 0; it < iters; it++) {
        shuffle(idx, n);
        for (size_t j = 0; j < n; j++)
            if (ss[idx[j]].n <= 4096)
                tag_sent(p, &ss[idx[j]], out, true);
        if (verbose && dev != NULL) {
            ptron_average(p);
            p->use_avg = true;
            double upos, x = tag_eval(p, dev, ndev, &upos);
            p->use_avg = false;
            fprintf(stderr, "mksyntax: tagger iteration %d: dev UPOS %.4f, XPOS+UPOS %.4f\n",
                    it + 1, upos, x);
        }
    }
    ptron_average(p);
    p->use_avg = true;
    free(idx), free(out);
}

/* ------------------------------------------------------------ parser */

static int move_cost(const dl__syn_config *c, const int *cost3, const int *gh,
                     const int *gl, int move)
{
    int kind = dl__syn_move_kind(move);
    int k = cost3[kind];
    if (kind == 0 || k >= 1000000)
        return k;
    int s0 = c->stack[c->sp - 1];
    int h = kind == 1 ? c->b : c->stack[c->sp - 2];
    if (gh[s0] == h && gl[s0] != dl__syn_move_label(move))
        k++;
    return k;
}

static void parse_sent(ptron *p, sent *s, int *heads, int *labels, bool train,
                       bool explore, int root_label)
{
    int n = s->n;
    void *mem = xcalloc(1, dl__syn_config_bytes(n) + 16);
    int *tag1 = xcalloc((size_t)n + 2, sizeof(int));
    for (int i = 0; i < n; i++)
        tag1[i + 1] = s->tag[i];
    dl__syn_config c;
    dl__syn_config_init(&c, mem, n, s->atoms - 1, tag1);
    int nm = p->nclasses;
    float *scores = xcalloc((size_t)nm, sizeof(float));
    int *costs = xcalloc((size_t)nm, sizeof(int));
    uint64_t f[DL__SYN_PARSE_NFEAT];
    while (!dl__syn_done(&c)) {
        unsigned legal = dl__syn_legal(&c);
        if (legal == 1) {
            dl__syn_apply(&c, DL__SYN_SHIFT);
            continue;
        }
        if (c.sp == 2 && c.b > c.n) {
            dl__syn_apply(&c, dl__syn_right(root_label));
            continue;
        }
        int k = dl__syn_parse_features(&c, f);
        ptron_score(p, f, k, scores);
        int pred = -1;
        for (int a = 0; a < nm; a++)
            if ((legal & (1u << dl__syn_move_kind(a))) && (pred < 0 || scores[a] > scores[pred]))
                pred = a;
        if (!train) {
            dl__syn_apply(&c, pred);
            continue;
        }
        int c3[3];
        dl__syn_costs(&c, s->head, c3);
        int mincost = 1 << 30;
        for (int a = 0; a < nm; a++) {
            costs[a] = (legal & (1u << dl__syn_move_kind(a))) ? move_cost(&c, c3, s->head, s->label, a)
                                                            : 1 << 30;
            if (costs[a] < mincost)
                mincost = costs[a];
        }
        int gold = -1;
        for (int a = 0; a < nm; a++)
            if (costs[a] == mincost && (gold < 0 || scores[a] > scores[gold]))
                gold = a;
        p->t++;
        if (costs[pred] > mincost) {
            ptron_update(p, f, k, gold, 1);
            ptron_update(p, f, k, pred, -1);
        }
        int next = gold;
        if (explore && costs[pred] > mincost && rng() % 100 < 90)
            next = pred;
        dl__syn_apply(&c, next);
    }
    for (int i = 1; i <= n; i++) {
        heads[i] = c.head[i] < 0 ? 0 : c.head[i];
        labels[i] = c.label[i];
    }
    free(mem), free(tag1), free(scores), free(costs);
}

static void parse_eval(ptron *p, sent *ss, size_t n, int root_label, double *uas,
                       double *las)
{
    long u = 0, l = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        int *h = xcalloc((size_t)ss[i].n + 2, sizeof(int));
        int *lb = xcalloc((size_t)ss[i].n + 2, sizeof(int));
        parse_sent(p, &ss[i], h, lb, false, false, root_label);
        for (int k = 1; k <= ss[i].n; k++) {
            total++;
            if (h[k] == ss[i].head[k]) {
                u++;
                l += lb[k] == ss[i].label[k];
            }
        }
        free(h), free(lb);
    }
    *uas = total ? (double)u / total : 0;
    *las = total ? (double)l / total : 0;
}

/* ------------------------------------------------------------ writing */

typedef struct outbuf {
    unsigned char *p;
    size_t n, cap;
} outbuf;

static void out_add(outbuf *o, const void *data, size_t n)
{
    if (o->n + n > o->cap) {
        while (o->n + n > o->cap)
            o->cap = o->cap ? o->cap * 2 : 1 << 20;
        o->p = realloc(o->p, o->cap);
        if (o->p == NULL)
            exit(3);
    }
    if (data)
        memcpy(o->p + o->n, data, n);
    else
        memset(o->p + o->n, 0, n);
    o->n += n;
}

static void out_align(outbuf *o)
{
    while (o->n % 8)
        out_add(o, NULL, 1);
}

static void out_align32(outbuf *o)
{
    while (o->n % 32)
        out_add(o, NULL, 1);
}

/* Quantizes, prunes weights below `prune` (in units of the largest) and
 * writes the table; features with DL__SYN_DENSE_MIN weights or more as
 * dense rows. Fills info (offsets relative to the file start). */
static void write_table(outbuf *o, ptron *p, double prune, dl__syn_table_info *info)
{
    double maxw = 0;
    for (uint32_t e = 1; e < p->ne; e++)
        if (fabs(p->e[e].avg) > maxw)
            maxw = fabs(p->e[e].avg);
    if (maxw == 0)
        maxw = 1;
    double scale = maxw / 32767.0;
    uint32_t stride = ((uint32_t)p->nclasses + 15) / 16 * 16;
    uint32_t *ent = xcalloc((size_t)p->ne + 1, sizeof(uint32_t));
    uint64_t *fkeys = xcalloc(p->n + 1, sizeof(uint64_t));
    uint32_t *floc = xcalloc(p->n + 1, sizeof(uint32_t));
    int16_t *dense = NULL;
    uint32_t ne = 0, nf = 0, nd = 0, dcap = 0;
    for (uint64_t j = 0; j < p->n; j++) {
        uint64_t s = p->order[j];
        uint32_t start = ne;
        for (uint32_t e = p->first[s]; e != 0; e = p->e[e].next) {
            double w = p->e[e].avg;
            if (fabs(w) < prune * maxw)
                continue;
            long q = lround(w / scale);
            if (q == 0)
                continue;
            if (q > 32767)
                q = 32767;
            if (q < -32767)
                q = -32767;
            ent[ne++] = ((uint32_t)(uint16_t)(int16_t)q << 16) | (p->e[e].cls & 0xffff);
        }
        if (ne == start)
            continue;
        uint32_t count = ne - start;
        if (count >= DL__SYN_DENSE_MIN) {
            if (nd == dcap) {
                dcap = dcap ? dcap * 2 : 1024;
                dense = realloc(dense, sizeof(int16_t) * stride * dcap);
                if (dense == NULL)
                    exit(3);
            }
            int16_t *row = dense + (size_t)nd * stride;
            memset(row, 0, sizeof(int16_t) * stride);
            for (uint32_t k = start; k < ne; k++)
                row[DL__SYN_ENTRY_CLASS(ent[k])] = (int16_t)DL__SYN_ENTRY_WEIGHT(ent[k]);
            ne = start;
            floc[nf] = DL__SYN_LOC(nd, DL__SYN_DENSE);
            nd++;
        } else {
            floc[nf] = DL__SYN_LOC(start, count);
        }
        if (ne >= DL__SYN_MAX_ENTRIES || nd >= DL__SYN_MAX_ENTRIES) {
            fprintf(stderr, "mksyntax: too many weights for the model format\n");
            exit(1);
        }
        fkeys[nf] = p->keys[s];
        nf++;
    }
    uint32_t nslots = 1;
    while (nslots < nf * 2 + 2)
        nslots *= 2;
    dl__syn_slot *slots = xcalloc(nslots, sizeof *slots);
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t f = fkeys[i] == 1 ? 0 : fkeys[i]; /* key_of() mapped 0 to 1 */
        uint32_t fp = (uint32_t)(f >> 32);
        if (fp == 0)
            fp = 1;
        uint32_t s = (uint32_t)f & (nslots - 1);
        while (slots[s].fp != 0 && slots[s].fp != fp)
            s = (s + 1) & (nslots - 1);
        if (slots[s].fp == 0) { /* on a fingerprint clash the first stays */
            slots[s].fp = fp;
            slots[s].loc = floc[i];
        }
    }
    out_align(o);
    info->slots_off = o->n;
    out_add(o, slots, sizeof *slots * nslots);
    out_align(o);
    info->entries_off = o->n;
    out_add(o, ent, sizeof(uint32_t) * ne);
    out_align32(o);
    info->dense_off = o->n;
    out_add(o, dense, sizeof(int16_t) * stride * nd);
    info->nslots = nslots;
    info->nfeatures = nf;
    info->nentries = ne;
    info->ndense = nd;
    info->stride = stride;
    info->scale = (float)scale;
    free(ent), free(fkeys), free(floc), free(slots), free(dense);
}

static void write_tagdict(outbuf *o, const tagdict *td, dl__syn_table_info *info)
{
    uint32_t nslots = 1;
    while (nslots < td->n * 2 + 2)
        nslots *= 2;
    dl__syn_slot *slots = xcalloc(nslots, sizeof *slots);
    uint32_t *ent = xcalloc(td->n + 1, sizeof(uint32_t));
    for (size_t i = 0; i < td->n; i++) {
        uint64_t f = td->w[i] == 1 ? 0 : td->w[i];
        uint32_t fp = (uint32_t)(f >> 32);
        if (fp == 0)
            fp = 1;
        uint32_t s = (uint32_t)f & (nslots - 1);
        while (slots[s].fp != 0 && slots[s].fp != fp)
            s = (s + 1) & (nslots - 1);
        if (slots[s].fp != 0)
            continue;
        ent[i] = (uint32_t)td->cls[i] & 0xffff;
        slots[s].fp = fp;
        slots[s].loc = DL__SYN_LOC(i, 1);
    }
    out_align(o);
    info->slots_off = o->n;
    out_add(o, slots, sizeof *slots * nslots);
    out_align(o);
    info->entries_off = o->n;
    out_add(o, ent, sizeof(uint32_t) * td->n);
    info->nslots = nslots;
    info->nfeatures = (uint32_t)td->n;
    info->nentries = (uint32_t)td->n;
    out_align32(o);
    info->dense_off = o->n;
    info->ndense = 0;
    info->stride = 16;
    info->scale = 1;
    free(slots), free(ent);
}

/* ------------------------------------------------------------ main */

static void usage(void)
{
    fprintf(stderr, "usage: mksyntax [--tagger-iters N] [--parser-iters N] [--limit N] "
                    "TRAIN.conllu DEV.conllu OUT.model\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int titers = 8, piters = 12;
    size_t limit = (size_t)-1;
    int ai = 1;
    for (; ai < argc && strncmp(argv[ai], "--", 2) == 0; ai += 2) {
        if (ai + 1 >= argc)
            usage();
        long v = strtol(argv[ai + 1], NULL, 10);
        if (strcmp(argv[ai], "--tagger-iters") == 0)
            titers = (int)v;
        else if (strcmp(argv[ai], "--parser-iters") == 0)
            piters = (int)v;
        else if (strcmp(argv[ai], "--limit") == 0)
            limit = (size_t)v;
        else
            usage();
    }
    if (argc - ai != 3)
        usage();
    dl_error err = {0};
    dl__conllu *tr, *dv;
    if (dl__conllu_read(argv[ai], &tr, &err) != DL_OK ||
        dl__conllu_read(argv[ai + 1], &dv, &err) != DL_OK) {
        fprintf(stderr, "mksyntax: %s:%ld: %s\n", err.file, err.line, err.msg);
        return 1;
    }
    size_t ntr, ndv;
    sent *train = load_sents(tr, limit, true, &ntr);
    names_sort(&tagset);
    names_sort(&labelset);
    renumber(train, ntr, tr, limit);
    sent *dev = load_sents(dv, (size_t)-1, false, &ndv);
    int root_label = names_find(&labelset, "root");
    fprintf(stderr, "mksyntax: %zu training sentences, %d tag classes, %d labels\n", ntr,
            tagset.n, labelset.n);

    tagdict td = {0};
    build_tagdict(&td, train, ntr);
    td_index(&td);
    fprintf(stderr, "mksyntax: tag dictionary of %zu words\n", td.n);
    (void)tagdict_get;

    /* jackknifed tags for the parser's training data */
    const int folds = 4;
    for (int fo = 0; fo < folds; fo++) {
        size_t m = 0;
        sent *part = xcalloc(ntr, sizeof *part);
        for (size_t i = 0; i < ntr; i++)
            if ((int)(i % (size_t)folds) != fo)
                part[m++] = train[i];
        ptron tp;
        train_tagger(&tp, part, m, titers, NULL, 0, false);
        for (size_t i = (size_t)fo; i < ntr; i += (size_t)folds)
            tag_sent(&tp, &train[i], train[i].tag, false);
        ptron_free(&tp);
        free(part);
        fprintf(stderr, "mksyntax: jackknife fold %d of %d tagged\n", fo + 1, folds);
    }
    ptron tagger;
    train_tagger(&tagger, train, ntr, titers, dev, ndv, true);
    double dev_upos, dev_x = tag_eval(&tagger, dev, ndv, &dev_upos);
    for (size_t i = 0; i < ndv; i++)
        tag_sent(&tagger, &dev[i], dev[i].tag, false);

    ptron parser;
    ptron_init(&parser, dl__syn_nmoves(labelset.n));
    size_t *idx = xcalloc(ntr, sizeof *idx);
    for (size_t i = 0; i < ntr; i++)
        idx[i] = i;
    double uas = 0, las = 0;
    for (int it = 0; it < piters; it++) {
        shuffle(idx, ntr);
        for (size_t j = 0; j < ntr; j++) {
            sent *s = &train[idx[j]];
            int *h = xcalloc((size_t)s->n + 2, sizeof(int));
            int *l = xcalloc((size_t)s->n + 2, sizeof(int));
            parse_sent(&parser, s, h, l, true, it >= 1, root_label);
            free(h), free(l);
        }
        ptron_average(&parser);
        parser.use_avg = true;
        parse_eval(&parser, dev, ndv, root_label, &uas, &las);
        parser.use_avg = false;
        fprintf(stderr, "mksyntax: parser iteration %d: dev UAS %.4f LAS %.4f (%" PRIu64
                        " features)\n",
                it + 1, uas, las, parser.n);
    }
    ptron_average(&parser);
    parser.use_avg = true;

    outbuf o = {0};
    dl__syn_header h;
    memset(&h, 0, sizeof h);
    out_add(&o, &h, sizeof h);
    out_align(&o);
    h.strings_off = o.n;
    for (int i = 0; i < tagset.n; i++) {
        const char *s = tagset.s[i];
        size_t a = strcspn(s, "\t");
        out_add(&o, s, a);
        out_add(&o, NULL, 1);
        out_add(&o, s + a + 1, strlen(s + a + 1) + 1);
    }
    for (int i = 0; i < labelset.n; i++)
        out_add(&o, labelset.s[i], strlen(labelset.s[i]) + 1);
    h.strings_size = (uint32_t)(o.n - h.strings_off);
    write_table(&o, &tagger, 0.002, &h.tagger);
    write_table(&o, &parser, 0.002, &h.parser);
    write_tagdict(&o, &td, &h.tagdict);
    memcpy(h.magic, DL__SYN_MAGIC, 8);
    h.bom = DL__SYN_BOM;
    h.format = DL__SYN_FORMAT;
    h.features = DL__SYN_FEATURES;
    h.ntags = (uint32_t)tagset.n;
    h.nlabels = (uint32_t)labelset.n;
    snprintf(h.treebank, sizeof h.treebank, "UD_English-EWT v2.15 train (%zu sentences)", ntr);
    snprintf(h.licence, sizeof h.licence, "CC BY-SA 4.0");
    h.dev_upos = (float)dev_upos;
    h.dev_xpos = (float)dev_x;
    h.dev_uas = (float)uas;
    h.dev_las = (float)las;
    h.tagger_iters = (uint32_t)titers;
    h.parser_iters = (uint32_t)piters;
    h.file_size = o.n;
    memcpy(o.p, &h, sizeof h);
    FILE *f = fopen(argv[ai + 2], "wb");
    if (f == NULL || fwrite(o.p, 1, o.n, f) != o.n || fclose(f) != 0) {
        fprintf(stderr, "mksyntax: cannot write %s\n", argv[ai + 2]);
        return 1;
    }
    fprintf(stderr,
            "mksyntax: wrote %s: %zu bytes; tagger %u features / %u weights, parser %u / %u; "
            "dev UPOS %.4f UAS %.4f LAS %.4f (gold tokens)\n",
            argv[ai + 2], o.n, h.tagger.nfeatures, h.tagger.nentries, h.parser.nfeatures,
            h.parser.nentries, dev_upos, uas, las);
    free(o.p);
    free(idx);
    ptron_free(&tagger);
    ptron_free(&parser);
    free_sents(train, ntr);
    free_sents(dev, ndv);
    free(td.w), free(td.cls), free(td_sorted);
    names_free(&tagset);
    names_free(&labelset);
    dl__conllu_free(tr);
    dl__conllu_free(dv);
    return 0;
}
