/*
 * timeml.c — `dateline eval timeml DIR`: scores the time stage on TimeML
 * files (TempEval-3 format). For each .tml file under DIR (recursively,
 * in name order) it takes the document creation time from <DCT>, rebuilds
 * the text of <TEXT> with tags stripped and entities decoded while keeping
 * the byte spans of the gold TIMEX3s, runs text+time, and prints the
 * TempEval-3 measures: strict (same span) and relaxed (overlapping)
 * extent P/R/F1, type and value accuracy over relaxed matches, and type
 * and value F1 (F1 over relaxed matches whose attribute also matches).
 */
#include "dl.h"
#include "eval/eval.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#define TML_MAX_FILE (16u << 20)
#define TML_MAX_FILES 100000

typedef struct gold_tx {
    uint32_t start, end;
    char type[16];
    char value[48];
} gold_tx;

typedef struct tml_doc {
    dl__buf text;
    gold_tx *gold;
    size_t ngold, capgold;
    char dct[48];
} tml_doc;

typedef struct counts {
    long docs, gold, sys;
    long strict, relaxed, type_ok, value_ok;
} counts;

/* ------------------------------------------------------------ files */

typedef struct pathlist {
    char **p;
    size_t n, cap;
} pathlist;

static int add_path(pathlist *l, const char *path)
{
    if (l->n >= TML_MAX_FILES)
        return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->p, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->p = p;
        l->cap = cap;
    }
    l->p[l->n] = strdup(path);
    return l->p[l->n++] ? 0 : -1;
}

static int collect(pathlist *l, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0 || depth > 16)
        return 0;
    if (S_ISREG(st.st_mode)) {
        size_t n = strlen(path);
        return n > 4 && strcmp(path + n - 4, ".tml") == 0 ? add_path(l, path) : 0;
    }
    if (!S_ISDIR(st.st_mode))
        return 0;
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *sub = malloc(n);
        if (sub == NULL) {
            rc = -1;
            break;
        }
        snprintf(sub, n, "%s/%s", path, e->d_name);
        rc = collect(l, sub, depth + 1);
        free(sub);
    }
    closedir(d);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ------------------------------------------------------------ parsing */

/* The value of attribute `name` inside a tag [p, end) into out. */
static bool attr(const char *p, const char *end, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    for (const char *q = p; q + n + 2 < end; q++) {
        if ((q == p || q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n') &&
            memcmp(q, name, n) == 0 && q[n] == '=' && (q[n + 1] == '"' || q[n + 1] == '\'')) {
            char quote = q[n + 1];
            const char *v = q + n + 2, *ve = v;
            while (ve < end && *ve != quote)
                ve++;
            size_t len = (size_t)(ve - v);
            if (len >= cap)
                len = cap - 1;
            memcpy(out, v, len);
            out[len] = '\0';
            return true;
        }
    }
    return false;
}

/* Decodes the entity at p (after '&'); returns bytes consumed or 0. */
static size_t entity(const char *p, const char *end, dl__buf *out)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    for (size_t i = 0; i < DL_ARRAY_LEN(ents); i++) {
        size_t n = strlen(ents[i].name);
        if ((size_t)(end - p) >= n && memcmp(p, ents[i].name, n) == 0) {
            dl__buf_putc(out, ents[i].c);
            return n;
        }
    }
    if (p < end && *p == '#') {
        long cp = 0;
        size_t k = 1;
        bool hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');
        if (hex)
            k++;
        for (; p + k < end && p[k] != ';' && k < 10; k++) {
            char ch = p[k];
            int d = ch >= '0' && ch <= '9' ? ch - '0'
                    : hex && (ch | 32) >= 'a' && (ch | 32) <= 'f' ? (ch | 32) - 'a' + 10 : -1;
            if (d < 0)
                return 0;
            cp = cp * (hex ? 16 : 10) + d;
        }
        if (p + k >= end || p[k] != ';' || cp <= 0 || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        char u[4];
        size_t un;
        if (cp < 0x80) {
            u[0] = (char)cp;
            un = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
            un = 2;
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            un = 3;
        } else {
            u[0] = (char)(0xF0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
            un = 4;
        }
        dl__buf_add(out, u, un);
        return k + 1;
    }
    return 0;
}

static gold_tx *push_gold(tml_doc *d)
{
    if (d->ngold == d->capgold) {
        size_t cap = d->capgold ? d->capgold * 2 : 32;
        gold_tx *g = realloc(d->gold, cap * sizeof *g);
        if (g == NULL)
            return NULL;
        d->gold = g;
        d->capgold = cap;
    }
    gold_tx *g = &d->gold[d->ngold++];
    memset(g, 0, sizeof *g);
    return g;
}

/* Parses one TimeML file held in [s, s+n). */
static dl_code parse_tml(const char *s, size_t n, tml_doc *d, const char *path, dl_error *err)
{
    const char *end = s + n;
    const char *dct = strstr(s, "<DCT>");
    const char *ts = strstr(s, "<TEXT>");
    const char *te = ts ? strstr(ts, "</TEXT>") : NULL;
    if (dct == NULL || ts == NULL || te == NULL)
        return dl__fail_at(err, DL_EFORMAT, path, 0, "no <DCT> or <TEXT>");
    const char *dtag = strstr(dct, "<TIMEX3");
    const char *dend = dtag ? memchr(dtag, '>', (size_t)(end - dtag)) : NULL;
    if (dend == NULL || !attr(dtag, dend, "value", d->dct, sizeof d->dct))
        return dl__fail_at(err, DL_EFORMAT, path, 0, "no DCT value");
    size_t open[8];
    int depth = 0;
    for (const char *p = ts + 6; p < te;) {
        if (*p == '<') {
            const char *g = memchr(p, '>', (size_t)(te - p));
            if (g == NULL)
                return dl__fail_at(err, DL_EFORMAT, path, 0, "unclosed tag");
            if (strncmp(p, "<TIMEX3", 7) == 0 && g[-1] != '/') {
                gold_tx *x = push_gold(d);
                if (x == NULL)
                    return dl__fail(err, DL_ENOMEM, NULL);
                attr(p, g, "type", x->type, sizeof x->type);
                attr(p, g, "value", x->value, sizeof x->value);
                x->start = (uint32_t)d->text.len;
                if (depth < 8)
                    open[depth] = d->ngold - 1;
                depth++;
            } else if (strncmp(p, "</TIMEX3", 8) == 0 && depth > 0) {
                depth--;
                if (depth < 8)
                    d->gold[open[depth]].end = (uint32_t)d->text.len;
            }
            p = g + 1;
        } else if (*p == '&') {
            size_t k = entity(p + 1, te, &d->text);
            if (k == 0)
                dl__buf_putc(&d->text, '&');
            p += k + 1;
        } else {
            dl__buf_putc(&d->text, *p++);
        }
    }
    if (d->text.failed)
        return dl__fail(err, DL_ENOMEM, NULL);
    return DL_OK;
}

/* ------------------------------------------------------------ scoring */

static bool overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
    return a0 < b1 && b0 < a1;
}

static void score_doc(const tml_doc *d, const dl_timex *sys, size_t ns, counts *c,
                      const char *path, const dl_eval_options *opt, FILE *out)
{
    bool used[4096] = {false};
    size_t cap = ns < 4096 ? ns : 4096;
    c->gold += (long)d->ngold;
    c->sys += (long)ns;
    const char *text = d->text.data;
    for (size_t g = 0; g < d->ngold; g++) {
        const gold_tx *x = &d->gold[g];
        size_t hit = (size_t)-1;
        for (size_t k = 0; k < cap; k++)
            if (!used[k] && overlaps(x->start, x->end, sys[k].start, sys[k].end)) {
                hit = k;
                break;
            }
        if (hit == (size_t)-1) {
            if (opt->verbose)
                fprintf(out, "miss\t%s@%u\t%.*s\t%s\t%s\n", path, (unsigned)x->start,
                        (int)(x->end - x->start),
                        text + x->start, x->type, x->value);
            continue;
        }
        used[hit] = true;
        const dl_timex *s = &sys[hit];
        c->relaxed++;
        bool strict = s->start == x->start && s->end == x->end;
        bool tok = strcmp(dl_timex_type_name(s->type), x->type) == 0;
        bool vok = s->value && strcmp(s->value, x->value) == 0;
        c->strict += strict;
        c->type_ok += tok;
        c->value_ok += vok;
        if (opt->verbose)
            fprintf(out, "%s\t%s@%u\t%.*s\t%s\t%s\t|\t%.*s\t%s\t%s\t%s\n",
                    !strict ? "span" : !vok ? "value" : !tok ? "type" : "ok", path,
                    (unsigned)x->start,
                    (int)(x->end - x->start), text + x->start, x->type, x->value,
                    (int)(s->end - s->start), text + s->start,
                    dl_timex_type_name(s->type), s->value ? s->value : "", s->why ? s->why : "");
    }
    for (size_t k = 0; k < cap && opt->verbose; k++)
        if (!used[k])
            fprintf(out, "spurious\t%s@%u\t%.*s\t%s\t%s\t%s\n", path, (unsigned)sys[k].start,
                    (int)(sys[k].end - sys[k].start), text + sys[k].start,
                    dl_timex_type_name(sys[k].type), sys[k].value ? sys[k].value : "",
                    sys[k].why ? sys[k].why : "");
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void report(const counts *c, const dl_eval_options *opt, FILE *out, double *score)
{
    dl__prf strict = {c->strict, c->sys - c->strict, c->gold - c->strict};
    dl__prf relaxed = {c->relaxed, c->sys - c->relaxed, c->gold - c->relaxed};
    dl__prf value = {c->value_ok, c->sys - c->value_ok, c->gold - c->value_ok};
    dl__prf type = {c->type_ok, c->sys - c->type_ok, c->gold - c->type_ok};
    if (score)
        *score = dl__prf_f(value);
    if (opt->json) {
        fprintf(out,
                "{\"suite\":\"timeml\",\"docs\":%ld,\"gold\":%ld,\"system\":%ld,"
                "\"strict\":{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f},"
                "\"relaxed\":{\"p\":%.4f,\"r\":%.4f,\"f1\":%.4f},"
                "\"type_accuracy\":%.4f,\"value_accuracy\":%.4f,"
                "\"type_f1\":%.4f,\"value_f1\":%.4f}\n",
                c->docs, c->gold, c->sys, dl__prf_p(strict), dl__prf_r(strict),
                dl__prf_f(strict), dl__prf_p(relaxed), dl__prf_r(relaxed), dl__prf_f(relaxed),
                ratio(c->type_ok, c->relaxed), ratio(c->value_ok, c->relaxed),
                dl__prf_f(type), dl__prf_f(value));
        return;
    }
    fprintf(out, "timeml: %ld documents, %ld gold timexes, %ld found\n", c->docs, c->gold,
            c->sys);
    fprintf(out, "%-16s %7s %7s %7s\n", "", "P", "R", "F1");
    fprintf(out, "%-16s %7.4f %7.4f %7.4f\n", "strict extent", dl__prf_p(strict),
            dl__prf_r(strict), dl__prf_f(strict));
    fprintf(out, "%-16s %7.4f %7.4f %7.4f\n", "relaxed extent", dl__prf_p(relaxed),
            dl__prf_r(relaxed), dl__prf_f(relaxed));
    fprintf(out, "%-16s %7.4f %7.4f %7.4f   (accuracy %.4f)\n", "type", dl__prf_p(type),
            dl__prf_r(type), dl__prf_f(type), ratio(c->type_ok, c->relaxed));
    fprintf(out, "%-16s %7.4f %7.4f %7.4f   (accuracy %.4f)\n", "value", dl__prf_p(value),
            dl__prf_r(value), dl__prf_f(value), ratio(c->value_ok, c->relaxed));
}

static dl_code eval_file(const dl_kb *kb, const char *path, counts *c,
                         const dl_eval_options *opt, FILE *out, dl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open");
    dl__buf raw;
    dl__buf_init(&raw);
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && raw.len < TML_MAX_FILE)
        dl__buf_add(&raw, chunk, k);
    fclose(f);
    dl__buf_putc(&raw, '\0');
    if (raw.failed) {
        dl__buf_free(&raw);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    tml_doc d = {0};
    dl__buf_init(&d.text);
    dl_code rc = parse_tml(raw.data, raw.len - 1, &d, path, err);
    dl__buf_putc(&d.text, '\0');
    dl_doc *doc = NULL;
    if (rc == DL_OK && d.text.len > 1) {
        dl_doc_input in = {.text = d.text.data, .len = d.text.len - 1, .date = d.dct,
                           .origin = path};
        rc = dl_doc_new(&in, &doc, err);
    }
    if (rc == DL_OK && doc)
        rc = dl_annotate_some(kb, doc, DL_STAGE_TIME, err);
    if (rc == DL_OK && doc) {
        size_t ns;
        const dl_timex *sys = dl_doc_timexes(doc, &ns);
        c->docs++;
        score_doc(&d, sys, ns, c, path, opt, out);
    }
    dl_doc_free(doc);
    dl__buf_free(&raw);
    dl__buf_free(&d.text);
    free(d.gold);
    return rc;
}

dl_code dl__eval_timeml(const char *path, const dl_eval_options *opt, FILE *out,
                        double *score, dl_error *err)
{
    pathlist l = {0};
    if (collect(&l, path, 0) != 0) {
        for (size_t i = 0; i < l.n; i++)
            free(l.p[i]);
        free(l.p);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    if (l.n == 0) {
        free(l.p);
        return dl__fail_at(err, DL_ENOTFOUND, path, 0, "no .tml files");
    }
    qsort(l.p, l.n, sizeof *l.p, cmp_str);
    dl_kb_config cfg = {.data_dir = opt->data_dir, .stages = DL_STAGE_TEXT | DL_STAGE_TIME};
    dl_kb *kb = NULL;
    dl_code rc = dl_kb_open(&cfg, &kb, err);
    counts c = {0};
    for (size_t i = 0; rc == DL_OK && i < l.n; i++) {
        if (opt->limit > 0 && (long)i >= opt->limit)
            break;
        rc = eval_file(kb, l.p[i], &c, opt, out, err);
    }
    if (rc == DL_OK)
        report(&c, opt, out, score);
    dl_kb_free(kb);
    for (size_t i = 0; i < l.n; i++)
        free(l.p[i]);
    free(l.p);
    return rc;
}
