/*
 * polnear.c — `dateline eval polnear DIR`: scores the quotes stage on
 * PolNeAR (brat standoff attributions over news texts). DIR is a split
 * folder holding text/ and attributions/ (dev, train), or the corpus root
 * (then its dev split). Article dates come from metadata.tsv beside the
 * split. Offsets in the .ann files count Unicode characters, not bytes;
 * they are mapped to byte offsets through the text. When an article was
 * annotated by several annotators the first .ann in name order is used.
 *
 * Measures, on all attributions and on speech attributions (gold: content
 * with a quote mark, or a cue with a speech lemma; ours: a direct or
 * partial quote, or a speech cue):
 *   cue       overlap and exact (1:1 matching of cue spans);
 *   content   exact (same extent after trimming spaces and a final
 *             [.,;:]), match (extents overlap, 1:1), and overlap as
 *             citron counts it: characters of predicted content inside
 *             gold content over all predicted (P) and all gold (R);
 *   source    over content matches: our speaker words overlap the gold
 *             Source; P over our attributions with a speaker, R over gold
 *             attributions with a Source.
 * Our quotes are grouped into attributions by cue; direct and partial
 * contents are widened to take in their quote marks (PolNeAR includes
 * them); a partial quote inside the indirect content of the same cue is
 * part of it. The headline score is content-overlap F1 on speech.
 */
#include "dl.h"
#include "eval/eval.h"
#include "text/text.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#define PN_MAX_FILE (8u << 20)
#define PN_MAX_FILES 100000
#define PN_MAX_SPANS 64 /* fragments per role of one attribution */
#define PN_MAX_T 200000 /* T ids per .ann file */

typedef struct spans {
    dl_span s[8];
    size_t n;
} spans;

typedef struct attr {
    spans cue, content, source;
    bool speech;
    bool used;
    int32_t match;  /* content match: index of the other side or -1 */
    int32_t cmatch; /* cue match */
} attr;

typedef struct side {
    attr *a;
    size_t n, cap;
} side;

typedef struct tally {
    dl__prf cue, cue_exact, content_exact, content_match, source;
    double ov, pred_len, gold_len; /* citron overlap, in characters */
} tally;

typedef struct run {
    const dl_eval_options *opt;
    FILE *out;
    dl_kb *kb;
    tally all, speech;
    long docs, gold, pred, gold_speech, pred_speech;
    dl__strmap dates;
    dl__arena arena;
} run;

/* ------------------------------------------------------------ files */

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of a folder's entries ending in `ext` (malloc'd). */
static char **list_dir(const char *dir, const char *ext, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    size_t cap = 64, elen = strlen(ext);
    char **v = malloc(cap * sizeof *v);
    struct dirent *e;
    while (v && (e = readdir(d)) != NULL && *n < PN_MAX_FILES) {
        size_t len = strlen(e->d_name);
        if (len <= elen || strcmp(e->d_name + len - elen, ext) != 0)
            continue;
        if (*n == cap) {
            char **w = realloc(v, cap * 2 * sizeof *v);
            if (w == NULL)
                break;
            v = w;
            cap *= 2;
        }
        v[*n] = strdup(e->d_name);
        if (v[*n] == NULL)
            break;
        (*n)++;
    }
    closedir(d);
    if (v)
        qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    dl__buf b;
    dl__buf_init(&b);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= PN_MAX_FILE)
        dl__buf_add(&b, chunk, k);
    fclose(f);
    if (b.len > PN_MAX_FILE) {
        dl__buf_free(&b);
        return NULL;
    }
    *len = b.len;
    if (b.len == 0)
        dl__buf_putc(&b, '\0'), b.len = 0;
    return dl__buf_take(&b);
}

/* metadata.tsv: filename -> publication_date. */
static void load_dates(run *r, const char *path)
{
    size_t len;
    char *t = read_file(path, &len);
    if (t == NULL)
        return;
    int col_name = -1, col_date = -1;
    char *line = t;
    bool header = true;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *f[16];
        int nf = 0;
        for (char *p = line; nf < 16;) {
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (header) {
            for (int i = 0; i < nf; i++) {
                if (strcmp(f[i], "filename") == 0)
                    col_name = i;
                if (strcmp(f[i], "publication_date") == 0)
                    col_date = i;
            }
            header = false;
        } else if (col_name >= 0 && col_date >= 0 && nf > col_name && nf > col_date) {
            char *k = dl__arena_strdup(&r->arena, f[col_name]);
            char *v = dl__arena_strdup(&r->arena, f[col_date]);
            int oom = 0;
            if (k && v)
                dl__strmap_put(&r->dates, k, strlen(k), v, &oom);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(t);
}

/* ------------------------------------------------------------- gold */

/* Byte offset of every character offset 0..nchars. */
static uint32_t *char_to_byte(const char *text, size_t len, size_t *nchars)
{
    uint32_t *m = malloc((len + 2) * sizeof *m);
    if (m == NULL)
        return NULL;
    size_t c = 0;
    for (size_t b = 0; b < len; b++)
        if (((unsigned char)text[b] & 0xC0) != 0x80)
            m[c++] = (uint32_t)b;
    m[c] = (uint32_t)len;
    *nchars = c;
    return m;
}

typedef struct tspan {
    char type[24];
    spans sp;
    bool set;
} tspan;

static void add_span(spans *s, uint32_t a, uint32_t b)
{
    if (s->n < DL_ARRAY_LEN(s->s) && b > a) {
        s->s[s->n].start = a;
        s->s[s->n].end = b;
        s->n++;
    }
}

static long parse_num(const char **p)
{
    long v = 0;
    int digits = 0;
    while (**p >= '0' && **p <= '9' && digits < 10) {
        v = v * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits ? v : -1;
}

/* "T12\tContent 10 20;30 40\ttext" */
static void parse_t(const char *line, tspan *ts, size_t nts, const uint32_t *c2b,
                    size_t nchars)
{
    const char *p = line + 1;
    long id = parse_num(&p);
    if (id < 0 || (size_t)id >= nts || *p != '\t')
        return;
    p++;
    tspan *t = &ts[id];
    size_t k = 0;
    while (*p && *p != ' ' && *p != '\t' && k + 1 < sizeof t->type)
        t->type[k++] = *p++;
    t->type[k] = '\0';
    if (*p != ' ')
        return;
    p++;
    for (;;) { /* "10 20;30 40" */
        long a = parse_num(&p);
        if (*p != ' ')
            break;
        p++;
        long b = parse_num(&p);
        if (a >= 0 && b >= a && (size_t)b <= nchars)
            add_span(&t->sp, c2b[a], c2b[b]);
        if (*p != ';')
            break;
        p++;
    }
    t->set = true;
}

static void merge_into(spans *dst, const spans *src)
{
    for (size_t i = 0; i < src->n; i++)
        add_span(dst, src->s[i].start, src->s[i].end);
}

static attr *side_push(side *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        attr *a = realloc(s->a, cap * sizeof *a);
        if (a == NULL)
            return NULL;
        s->a = a;
        s->cap = cap;
    }
    attr *a = &s->a[s->n++];
    memset(a, 0, sizeof *a);
    a->match = a->cmatch = -1;
    return a;
}

/* "E3\tAttribution:T12 Cue:T11 Source:T10 Content:T9" */
static void parse_e(const char *line, const tspan *ts, size_t nts, side *gold)
{
    const char *p = strchr(line, '\t');
    if (p == NULL)
        return;
    attr *a = side_push(gold);
    if (a == NULL)
        return;
    p++;
    while (*p && *p != '\n') {
        const char *colon = strchr(p, ':');
        if (colon == NULL)
            break;
        const char *q = colon + 1;
        if (*q == 'T')
            q++;
        long id = parse_num(&q);
        if (id >= 0 && (size_t)id < nts && ts[id].set) {
            size_t rl = (size_t)(colon - p);
            if (rl >= 3 && memcmp(p, "Cue", 3) == 0)
                merge_into(&a->cue, &ts[id].sp);
            else if (rl >= 7 && memcmp(p, "Content", 7) == 0)
                merge_into(&a->content, &ts[id].sp);
            else if (rl >= 6 && memcmp(p, "Source", 6) == 0)
                merge_into(&a->source, &ts[id].sp);
        }
        while (*q && *q != ' ' && *q != '\n')
            q++;
        while (*q == ' ')
            q++;
        p = q;
    }
    if (a->cue.n == 0 && a->content.n == 0)
        gold->n--;
}

static bool read_gold(const char *ann, const char *text, size_t len, side *gold)
{
    size_t alen, nchars;
    char *t = read_file(ann, &alen);
    uint32_t *c2b = char_to_byte(text, len, &nchars);
    tspan *ts = calloc(PN_MAX_T, sizeof *ts);
    bool ok = t && c2b && ts;
    for (int pass = 0; ok && pass < 2; pass++) {
        const char *line = t;
        while (line && *line) {
            const char *nl = strchr(line, '\n');
            if (pass == 0 && line[0] == 'T' && line[1] >= '0' && line[1] <= '9')
                parse_t(line, ts, PN_MAX_T, c2b, nchars);
            if (pass == 1 && line[0] == 'E' && line[1] >= '0' && line[1] <= '9')
                parse_e(line, ts, PN_MAX_T, gold);
            line = nl ? nl + 1 : NULL;
        }
    }
    free(t);
    free(c2b);
    free(ts);
    return ok;
}

/* ------------------------------------------------------------- ours */

static bool is_quote_char(const char *s, size_t n)
{
    if (n == 1)
        return s[0] == '"' || s[0] == '\'';
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned char c = (unsigned char)s[2];
        return c >= 0x98 && c <= 0x9F;
    }
    return n == 2 && (unsigned char)s[0] == 0xC2 &&
           ((unsigned char)s[1] == 0xAB || (unsigned char)s[1] == 0xBB);
}

/* Widens a quote's content over its marks and the punctuation between
 * the words and the closing mark. */
static dl_span widen(const dl_doc *doc, dl_span s)
{
    const dl_token *tok = dl__tokens(doc);
    size_t n = doc->tokens.n;
    size_t i = dl__token_at(doc, s.start);
    if (i > 0 && i <= n && dl__tokens(doc)[i - 1].end <= s.start &&
        is_quote_char(doc->text + tok[i - 1].start, tok[i - 1].end - tok[i - 1].start))
        s.start = tok[i - 1].start;
    size_t j = dl__token_at(doc, s.end);
    for (size_t k = j; k < n && k < j + 3; k++) {
        const dl_token *t = &tok[k];
        if (!(t->flags & DL_TOK_PUNCT))
            break;
        bool q = is_quote_char(doc->text + t->start, t->end - t->start);
        char c = doc->text[t->start];
        if (!q && c != ',' && c != '.' && c != '?' && c != '!')
            break;
        if (q) {
            s.end = t->end;
            break;
        }
    }
    return s;
}

static bool has_mark(const dl_doc *doc, const spans *s)
{
    for (size_t i = 0; i < s->n; i++)
        for (uint32_t b = s->s[i].start; b < s->s[i].end; b++) {
            unsigned char c = (unsigned char)doc->text[b];
            if (c == '"' || (c == 0xE2 && b + 2 < s->s[i].end &&
                             (unsigned char)doc->text[b + 1] == 0x80 &&
                             ((unsigned char)doc->text[b + 2] == 0x9C ||
                              (unsigned char)doc->text[b + 2] == 0x9D)))
                return true;
        }
    return false;
}

static const char *const speech_lemmas[] = {
    "say", "tell", "add", "warn", "ask", "announce", "claim", "insist",
    "according", "state", "declare", "explain", "reply", "respond", "write",
    "tweet", "note", "argue", "comment", "testify", "acknowledge", "admit",
    "confirm", "deny", "report", "quote", "answer", "remark", "recall",
    "reiterate", "stress", "emphasize", "predict", "promise", "vow", NULL};

static bool speech_cue(const dl_doc *doc, const spans *cue)
{
    const dl_token *tok = dl__tokens(doc);
    for (size_t i = 0; i < cue->n; i++)
        for (size_t k = dl__token_at(doc, cue->s[i].start);
             k < doc->tokens.n && tok[k].start < cue->s[i].end; k++) {
            const char *l = tok[k].lemma ? tok[k].lemma : tok[k].norm;
            for (size_t w = 0; l && speech_lemmas[w]; w++)
                if (strcmp(l, speech_lemmas[w]) == 0)
                    return true;
        }
    return false;
}

static void predicted(const dl_doc *doc, side *pred)
{
    size_t nq;
    const dl_quote *q = dl_doc_quotes(doc, &nq);
    for (size_t i = 0; i < nq; i++) {
        attr *a = NULL;
        if (q[i].has_cue)
            for (size_t k = 0; k < pred->n && !a; k++)
                if (pred->a[k].cue.n && pred->a[k].cue.s[0].start == q[i].cue.start)
                    a = &pred->a[k];
        if (a == NULL) {
            a = side_push(pred);
            if (a == NULL)
                return;
            if (q[i].has_cue)
                add_span(&a->cue, q[i].cue.start, q[i].cue.end);
            if (q[i].has_speaker)
                add_span(&a->source, q[i].speaker_span.start, q[i].speaker_span.end);
        }
        dl_span s = {q[i].start, q[i].end};
        if (q[i].kind != DL_QUOTE_INDIRECT) {
            s = widen(doc, s);
            a->speech = true;
        } else {
            /* PolNeAR's content takes in the complementizer "that" */
            size_t t = dl__token_at(doc, s.start);
            if (t > 0 && t < doc->tokens.n && dl__tok_is(doc, t - 1, "that"))
                s.start = dl__tokens(doc)[t - 1].start;
        }
        bool inside = false;
        for (size_t k = 0; k < a->content.n; k++) {
            dl_span *o = &a->content.s[k];
            if (s.start >= o->start && s.end <= o->end)
                inside = true;
            else if (o->start >= s.start && o->end <= s.end)
                *o = s, inside = true; /* the indirect clause takes the words in */
        }
        if (!inside)
            add_span(&a->content, s.start, s.end);
    }
    for (size_t k = 0; k < pred->n; k++)
        if (!pred->a[k].speech)
            pred->a[k].speech = speech_cue(doc, &pred->a[k].cue);
}

/* ------------------------------------------------------------ scoring */

static dl_span extent(const spans *s)
{
    dl_span e = {UINT32_MAX, 0};
    for (size_t i = 0; i < s->n; i++) {
        if (s->s[i].start < e.start)
            e.start = s->s[i].start;
        if (s->s[i].end > e.end)
            e.end = s->s[i].end;
    }
    return e;
}

static uint32_t overlap(const spans *a, const spans *b)
{
    uint32_t t = 0;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            uint32_t s = a->s[i].start > b->s[j].start ? a->s[i].start : b->s[j].start;
            uint32_t e = a->s[i].end < b->s[j].end ? a->s[i].end : b->s[j].end;
            if (e > s)
                t += e - s;
        }
    return t;
}

static dl_span trimmed(const char *text, dl_span s)
{
    while (s.end > s.start && strchr(" \t\n.,;:", text[s.end - 1]))
        s.end--;
    while (s.start < s.end && strchr(" \t\n", text[s.start]))
        s.start++;
    return s;
}

static bool same_extent(const char *text, const spans *a, const spans *b)
{
    if (a->n == 0 || b->n == 0)
        return false;
    dl_span x = trimmed(text, extent(a)), y = trimmed(text, extent(b));
    return x.start == y.start && x.end == y.end;
}

/* Characters (not bytes, not spaces) of text in s, optionally only those
 * inside `mask` spans. */
static double chars_in(const char *text, const spans *s, const side *mask, bool speech_only)
{
    double n = 0;
    for (size_t i = 0; i < s->n; i++)
        for (uint32_t b = s->s[i].start; b < s->s[i].end; b++) {
            unsigned char c = (unsigned char)text[b];
            if ((c & 0xC0) == 0x80 || c == ' ' || c == '\n' || c == '\t')
                continue;
            if (mask) {
                bool in = false;
                for (size_t k = 0; k < mask->n && !in; k++) {
                    if (speech_only && !mask->a[k].speech)
                        continue;
                    const spans *m = &mask->a[k].content;
                    for (size_t j = 0; j < m->n && !in; j++)
                        in = b >= m->s[j].start && b < m->s[j].end;
                }
                if (!in)
                    continue;
            }
            n++;
        }
    return n;
}

/* 1:1 matching by largest overlap of the chosen role (0 content, 1 cue). */
typedef struct pair {
    uint32_t ov;
    uint32_t p, g;
} pair;

static int by_overlap(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->ov != y->ov)
        return x->ov > y->ov ? -1 : 1;
    if (x->g != y->g)
        return x->g < y->g ? -1 : 1;
    return x->p < y->p ? -1 : (x->p > y->p);
}

static void match(side *pred, side *gold, int role)
{
    size_t cap = pred->n * gold->n + 1, np = 0;
    pair *pr = malloc(cap * sizeof *pr);
    if (pr == NULL)
        return;
    for (size_t i = 0; i < pred->n; i++)
        for (size_t j = 0; j < gold->n; j++) {
            uint32_t ov = role ? overlap(&pred->a[i].cue, &gold->a[j].cue)
                               : overlap(&pred->a[i].content, &gold->a[j].content);
            if (ov)
                pr[np++] = (pair){ov, (uint32_t)i, (uint32_t)j};
        }
    qsort(pr, np, sizeof *pr, by_overlap);
    for (size_t k = 0; k < np; k++) {
        attr *p = &pred->a[pr[k].p], *g = &gold->a[pr[k].g];
        int32_t *pm = role ? &p->cmatch : &p->match, *gm = role ? &g->cmatch : &g->match;
        if (*pm >= 0 || *gm >= 0)
            continue;
        *pm = (int32_t)pr[k].g;
        *gm = (int32_t)pr[k].p;
    }
    free(pr);
}

/* Adds an outcome to the counts of all and of speech attributions: pred
 * p (or NULL) against gold g (or NULL), a hit when ok. */
static void tp_fp_fn(dl__prf *all, dl__prf *sp, const attr *p, const attr *g, bool ok)
{
    if (p && g && ok) {
        all->tp++;
        if (g->speech)
            sp->tp++;
        return;
    }
    if (p) {
        all->fp++;
        if (p->speech && (g == NULL || g->speech))
            sp->fp++;
    }
    if (g) {
        all->fn++;
        if (g->speech)
            sp->fn++;
    }
}

static void score_doc(run *r, const dl_doc *doc, side *pred, side *gold)
{
    const char *text = doc->text;
    match(pred, gold, 1);
    match(pred, gold, 0);
    /* cues */
    for (size_t i = 0; i < pred->n; i++) {
        attr *p = &pred->a[i];
        if (p->cue.n == 0)
            continue;
        attr *g = p->cmatch >= 0 ? &gold->a[p->cmatch] : NULL;
        tp_fp_fn(&r->all.cue, &r->speech.cue, p, g, g != NULL);
        if (g == NULL) {
            tp_fp_fn(&r->all.cue_exact, &r->speech.cue_exact, p, NULL, false);
            continue;
        }
        dl_span x = trimmed(text, extent(&p->cue)), y = trimmed(text, extent(&g->cue));
        bool ex = x.start == y.start && x.end == y.end;
        tp_fp_fn(&r->all.cue_exact, &r->speech.cue_exact, p, ex ? g : NULL, ex);
        if (!ex) /* the gold side of a wrong exact match */
            tp_fp_fn(&r->all.cue_exact, &r->speech.cue_exact, NULL, g, false);
    }
    for (size_t j = 0; j < gold->n; j++)
        if (gold->a[j].cmatch < 0 && gold->a[j].cue.n) {
            tp_fp_fn(&r->all.cue, &r->speech.cue, NULL, &gold->a[j], false);
            tp_fp_fn(&r->all.cue_exact, &r->speech.cue_exact, NULL, &gold->a[j], false);
        }
    /* contents and sources */
    for (size_t i = 0; i < pred->n; i++) {
        attr *p = &pred->a[i];
        attr *g = p->match >= 0 ? &gold->a[p->match] : NULL;
        tp_fp_fn(&r->all.content_match, &r->speech.content_match, p, g, g != NULL);
        bool ex = g && same_extent(text, &p->content, &g->content);
        tp_fp_fn(&r->all.content_exact, &r->speech.content_exact, p, ex ? g : NULL, ex);
        if (g && !ex)
            tp_fp_fn(&r->all.content_exact, &r->speech.content_exact, NULL, g, false);
        bool src = g && p->source.n && g->source.n && overlap(&p->source, &g->source) > 0;
        if (src) {
            tp_fp_fn(&r->all.source, &r->speech.source, p, g, true);
        } else {
            if (p->source.n)
                tp_fp_fn(&r->all.source, &r->speech.source, p, g && g->speech ? g : NULL, false);
            if (g && g->source.n) {
                r->all.source.fn++;
                if (g->speech)
                    r->speech.source.fn++;
            }
        }
        /* citron-style overlap, in characters */
        r->all.pred_len += chars_in(text, &p->content, NULL, false);
        r->all.ov += chars_in(text, &p->content, gold, false);
        if (p->speech && (g == NULL || g->speech)) {
            r->speech.pred_len += chars_in(text, &p->content, NULL, false);
            r->speech.ov += chars_in(text, &p->content, gold, true);
        } else if (g && g->speech) {
            r->speech.ov += chars_in(text, &p->content, gold, true);
            r->speech.pred_len += chars_in(text, &p->content, NULL, false);
        }
    }
    for (size_t j = 0; j < gold->n; j++) {
        attr *g = &gold->a[j];
        r->all.gold_len += chars_in(text, &g->content, NULL, false);
        if (g->speech)
            r->speech.gold_len += chars_in(text, &g->content, NULL, false);
        if (g->match >= 0)
            continue;
        tp_fp_fn(&r->all.content_match, &r->speech.content_match, NULL, g, false);
        tp_fp_fn(&r->all.content_exact, &r->speech.content_exact, NULL, g, false);
        if (g->source.n) {
            r->all.source.fn++;
            if (g->speech)
                r->speech.source.fn++;
        }
    }
}

static void print_spans(FILE *out, const char *text, const char *label, const spans *s)
{
    fprintf(out, " %s[", label);
    for (size_t i = 0; i < s->n; i++)
        fprintf(out, "%s%.*s", i ? " | " : "", (int)(s->s[i].end - s->s[i].start),
                text + s->s[i].start);
    fputc(']', out);
}

static void verbose_doc(run *r, const char *name, const dl_doc *doc, const side *pred,
                        const side *gold)
{
    for (size_t j = 0; j < gold->n; j++) {
        const attr *g = &gold->a[j];
        const attr *p = g->match >= 0 ? &pred->a[g->match] : NULL;
        bool src = p && p->source.n && g->source.n && overlap(&p->source, &g->source);
        fprintf(r->out, "%s %s%s", p ? (src || !g->source.n ? "OK  " : "SRC ") : "MISS", name,
                g->speech ? " speech" : "");
        print_spans(r->out, doc->text, "cue", &g->cue);
        print_spans(r->out, doc->text, "src", &g->source);
        print_spans(r->out, doc->text, "content", &g->content);
        if (p) {
            fputs("\n     ours:", r->out);
            print_spans(r->out, doc->text, "cue", &p->cue);
            print_spans(r->out, doc->text, "src", &p->source);
            print_spans(r->out, doc->text, "content", &p->content);
        }
        fputc('\n', r->out);
    }
    for (size_t i = 0; i < pred->n; i++) {
        const attr *p = &pred->a[i];
        if (p->match >= 0)
            continue;
        fprintf(r->out, "FP   %s%s", name, p->speech ? " speech" : "");
        print_spans(r->out, doc->text, "cue", &p->cue);
        print_spans(r->out, doc->text, "src", &p->source);
        print_spans(r->out, doc->text, "content", &p->content);
        fputc('\n', r->out);
    }
}

static dl_code one_doc(run *r, const char *dir, const char *name, char **anns,
                       size_t nanns, dl_error *err)
{
    char path[4096];
    size_t blen = strlen(name) - 4; /* without .txt */
    const char *ann = NULL;
    for (size_t i = 0; i < nanns && !ann; i++)
        if (strncmp(anns[i], name, blen) == 0 && anns[i][blen] == '_' &&
            strchr(anns[i] + blen + 1, '_') == NULL)
            ann = anns[i];
    if (ann == NULL)
        return DL_OK;
    int pl = snprintf(path, sizeof path, "%s/text/%s", dir, name);
    if (pl < 0 || (size_t)pl >= sizeof path)
        return DL_OK;
    size_t len;
    char *text = read_file(path, &len);
    if (text == NULL || len == 0) {
        free(text);
        return DL_OK;
    }
    char key[1024];
    snprintf(key, sizeof key, "%.*s", (int)blen, name);
    const char *date = dl__strmap_get(&r->dates, key, strlen(key));
    dl_doc_input in = {.id = key, .date = date ? date : "2016-06-01", .text = text, .len = len};
    dl_doc *doc = NULL;
    dl_error derr;
    if (dl_doc_new(&in, &doc, &derr) != DL_OK ||
        dl_annotate_some(r->kb, doc, DL_STAGE_QUOTES, &derr) != DL_OK) {
        dl_doc_free(doc);
        free(text);
        return DL_OK; /* a document we cannot read scores nothing */
    }
    side gold = {0}, pred = {0};
    pl = snprintf(path, sizeof path, "%s/attributions/%s", dir, ann);
    if (pl < 0 || (size_t)pl >= sizeof path || !read_gold(path, text, len, &gold)) {
        free(text);
        dl_doc_free(doc);
        free(gold.a);
        return dl__fail_at(err, DL_EFORMAT, path, 0, "cannot read attributions");
    }
    for (size_t j = 0; j < gold.n; j++)
        gold.a[j].speech = has_mark(doc, &gold.a[j].content) || speech_cue(doc, &gold.a[j].cue);
    predicted(doc, &pred);
    score_doc(r, doc, &pred, &gold);
    if (r->opt->verbose)
        verbose_doc(r, key, doc, &pred, &gold);
    r->docs++;
    r->gold += (long)gold.n;
    r->pred += (long)pred.n;
    for (size_t j = 0; j < gold.n; j++)
        r->gold_speech += gold.a[j].speech;
    for (size_t i = 0; i < pred.n; i++)
        r->pred_speech += pred.a[i].speech;
    free(gold.a);
    free(pred.a);
    dl_doc_free(doc);
    free(text);
    return DL_OK;
}

/* ------------------------------------------------------------- report */

static void row(FILE *out, const char *name, dl__prf a, dl__prf s)
{
    fprintf(out, "%-22s %6.3f %6.3f %6.3f    %6.3f %6.3f %6.3f\n", name, dl__prf_p(a),
            dl__prf_r(a), dl__prf_f(a), dl__prf_p(s), dl__prf_r(s), dl__prf_f(s));
}

static double ov_p(const tally *t) { return t->pred_len > 0 ? t->ov / t->pred_len : 0; }
static double ov_r(const tally *t) { return t->gold_len > 0 ? t->ov / t->gold_len : 0; }
static double ov_f(const tally *t)
{
    double p = ov_p(t), q = ov_r(t);
    return p + q > 0 ? 2 * p * q / (p + q) : 0;
}

static void json_prf(FILE *out, const char *name, dl__prf c, bool comma)
{
    fprintf(out, "\"%s\":{\"p\":%.4f,\"r\":%.4f,\"f\":%.4f,\"tp\":%ld,\"fp\":%ld,\"fn\":%ld}%s",
            name, dl__prf_p(c), dl__prf_r(c), dl__prf_f(c), c.tp, c.fp, c.fn, comma ? "," : "");
}

static void json_tally(FILE *out, const tally *t)
{
    fputc('{', out);
    json_prf(out, "cue", t->cue, true);
    json_prf(out, "cue_exact", t->cue_exact, true);
    json_prf(out, "content_exact", t->content_exact, true);
    json_prf(out, "content_match", t->content_match, true);
    fprintf(out, "\"content_overlap\":{\"p\":%.4f,\"r\":%.4f,\"f\":%.4f},", ov_p(t), ov_r(t),
            ov_f(t));
    json_prf(out, "source", t->source, false);
    fputc('}', out);
}

static void report(run *r, const char *dir)
{
    FILE *out = r->out;
    if (r->opt->json) {
        fprintf(out, "{\"suite\":\"polnear\",\"path\":\"%s\",\"documents\":%ld,"
                     "\"gold\":%ld,\"gold_speech\":%ld,\"predicted\":%ld,\"predicted_speech\":%ld,"
                     "\"all\":",
                dir, r->docs, r->gold, r->gold_speech, r->pred, r->pred_speech);
        json_tally(out, &r->all);
        fputs(",\"speech\":", out);
        json_tally(out, &r->speech);
        fputs("}\n", out);
        return;
    }
    fprintf(out, "PolNeAR %s: %ld documents, %ld gold attributions (%ld speech), "
                 "%ld predicted (%ld speech)\n",
            dir, r->docs, r->gold, r->gold_speech, r->pred, r->pred_speech);
    fprintf(out, "%-22s %6s %6s %6s    %6s %6s %6s\n", "", "P", "R", "F1", "P", "R", "F1");
    fprintf(out, "%-22s %-20s    %s\n", "", "all attributions", "speech attributions");
    row(out, "cue (overlap)", r->all.cue, r->speech.cue);
    row(out, "cue (exact)", r->all.cue_exact, r->speech.cue_exact);
    row(out, "content (exact)", r->all.content_exact, r->speech.content_exact);
    row(out, "content (match)", r->all.content_match, r->speech.content_match);
    fprintf(out, "%-22s %6.3f %6.3f %6.3f    %6.3f %6.3f %6.3f\n", "content (overlap)",
            ov_p(&r->all), ov_r(&r->all), ov_f(&r->all), ov_p(&r->speech), ov_r(&r->speech),
            ov_f(&r->speech));
    row(out, "source", r->all.source, r->speech.source);
}

dl_code dl__eval_polnear(const char *path, const dl_eval_options *opt, FILE *out,
                         double *score, dl_error *err)
{
    char dir[4096], sub[4200], meta[4200];
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(sub, sizeof sub, "%s/text", dir);
    if (!is_dir(sub)) {
        snprintf(dir, sizeof dir, "%s/dev", path);
        snprintf(sub, sizeof sub, "%s/text", dir);
        if (!is_dir(sub))
            return dl__fail_at(err, DL_EFORMAT, path, 0,
                               "not a PolNeAR folder (no text/ or dev/text/)");
    }
    run r = {0};
    r.opt = opt;
    r.out = out;
    dl__arena_init(&r.arena, 65536);
    dl__strmap_init(&r.dates);
    snprintf(meta, sizeof meta, "%s/metadata.tsv", dir);
    load_dates(&r, meta);
    snprintf(meta, sizeof meta, "%s/../metadata.tsv", dir);
    if (r.dates.n == 0)
        load_dates(&r, meta);
    dl_kb_config cfg = {.data_dir = opt->data_dir, .stages = DL_STAGE_QUOTES};
    dl_code rc = dl_kb_open(&cfg, &r.kb, err);
    size_t ntext = 0, nann = 0;
    char **texts = NULL, **anns = NULL;
    if (rc == DL_OK) {
        texts = list_dir(sub, ".txt", &ntext);
        snprintf(sub, sizeof sub, "%s/attributions", dir);
        anns = list_dir(sub, ".ann", &nann);
        if (texts == NULL || anns == NULL)
            rc = dl__fail_at(err, DL_EIO, sub, 0, "cannot list PolNeAR files");
    }
    for (size_t i = 0; rc == DL_OK && i < ntext; i++) {
        if (opt->limit > 0 && r.docs >= opt->limit)
            break;
        rc = one_doc(&r, dir, texts[i], anns, nann, err);
    }
    if (rc == DL_OK) {
        report(&r, dir);
        if (score)
            *score = ov_f(&r.speech);
    }
    free_list(texts, ntext);
    free_list(anns, nann);
    dl_kb_free(r.kb);
    dl__strmap_free(&r.dates);
    dl__arena_free(&r.arena);
    return rc;
}
