/*
 * petrarch.c — `dateline eval petrarch FILE.xml`: runs PETRARCH's own
 * validation records through our pipeline. Reads the file's <Environment>
 * (verb, actor, agent and discard dictionaries, relative to the file; the
 * <Include> list of categories to score), loads only those dictionaries,
 * codes each <Sentence>'s <Text> from the raw text (the <Parse> tree is
 * ignored) and compares the set of (source, target, code) triples with
 * the <EventCoding> lines. A record passes when the sets are equal
 * (noevents / error records expect no events).
 */
#include "dl.h"
#include "eval/eval.h"

#include <stdlib.h>

#define MAX_EXPECTED 32
#define MAX_CATS 32
#define MAX_XML (32u << 20)

typedef struct triple {
    char s[48], t[48], c[8];
} triple;

typedef struct cat_count {
    char name[32];
    long n, pass;
} cat_count;

typedef struct run {
    const dl_kb *kb;
    const dl_eval_options *opt;
    FILE *out;
    cat_count cats[MAX_CATS];
    int ncats;
    long n, pass, skipped;
    char include[512];
    dl__buf json_fail; /* ids that failed, for --json */
} run;

/* ------------------------------------------------------------ XML bits */

/* Value of attribute `name` inside tag text [s, e) ("a = 'x'" too). */
static bool attr(const char *s, const char *e, const char *name, char *out,
                 size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = s; p + nl < e; p++) {
        if (memcmp(p, name, nl) != 0 || (p > s && p[-1] != ' ' &&
                                          p[-1] != '\t' && p[-1] != '\n'))
            continue;
        const char *q = p + nl;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= e || *q != '=')
            continue;
        q++;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= e || (*q != '"' && *q != '\''))
            continue;
        char quote = *q++;
        const char *v = q;
        while (q < e && *q != quote)
            q++;
        size_t n = (size_t)(q - v);
        if (n >= cap)
            n = cap - 1;
        memcpy(out, v, n);
        out[n] = '\0';
        return true;
    }
    return false;
}

/* Text between <tag> and </tag> after p (within end), or NULL. */
static const char *element(const char *p, const char *end, const char *tag,
                           size_t *len)
{
    char open[64], close[64];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = strstr(p, open);
    if (a == NULL || a >= end)
        return NULL;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (b == NULL || b > end)
        return NULL;
    *len = (size_t)(b - a);
    return a;
}

/* Decodes entities and folds runs of white space into one blank. */
static size_t clean_text(const char *s, size_t n, char *out, size_t cap)
{
    static const struct {
        const char *ent, *ch;
    } ents[] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                {"&quot;", "\""}, {"&apos;", "'"}};
    size_t k = 0;
    bool space = true;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (!space)
                out[k++] = ' ';
            space = true;
            continue;
        }
        space = false;
        bool done = false;
        for (size_t e = 0; c == '&' && e < DL_ARRAY_LEN(ents); e++) {
            size_t el = strlen(ents[e].ent);
            if (i + el <= n && memcmp(s + i, ents[e].ent, el) == 0) {
                out[k++] = ents[e].ch[0];
                i += el - 1;
                done = true;
                break;
            }
        }
        if (!done)
            out[k++] = c;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return k;
}

/* ------------------------------------------------------------- scoring */

static int cmp_triple(const void *a, const void *b)
{
    const triple *x = a, *y = b;
    int r = strcmp(x->s, y->s);
    if (r == 0)
        r = strcmp(x->t, y->t);
    return r ? r : strcmp(x->c, y->c);
}

static size_t dedupe(triple *t, size_t n)
{
    if (n == 0)
        return 0;
    qsort(t, n, sizeof *t, cmp_triple);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (cmp_triple(&t[i], &t[k - 1]) != 0)
            t[k++] = t[i];
    return k;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static size_t expected_of(const char *s, const char *e, triple *t)
{
    size_t n = 0;
    const char *p = s;
    while (n < MAX_EXPECTED) {
        const char *a = strstr(p, "<EventCoding");
        if (a == NULL || a >= e)
            break;
        const char *b = strchr(a, '>');
        if (b == NULL || b > e)
            break;
        char v[64];
        triple x = {{0}, {0}, {0}};
        if (attr(a, b, "sourcecode", v, sizeof v))
            copy_field(x.s, sizeof x.s, v);
        if (attr(a, b, "targetcode", v, sizeof v))
            copy_field(x.t, sizeof x.t, v);
        if (attr(a, b, "eventcode", v, sizeof v))
            copy_field(x.c, sizeof x.c, v);
        if (x.c[0])
            t[n++] = x;
        p = b;
    }
    return dedupe(t, n);
}

static size_t coded_of(const dl_doc *doc, triple *t, size_t max)
{
    size_t n, k = 0;
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n && k < max; i++) {
        triple x;
        copy_field(x.s, sizeof x.s, ev[i].source.code ? ev[i].source.code : "---");
        copy_field(x.t, sizeof x.t,
                   ev[i].has_target && ev[i].target.code ? ev[i].target.code
                                                         : "---");
        copy_field(x.c, sizeof x.c, ev[i].cameo);
        t[k++] = x;
    }
    return dedupe(t, k);
}

static void print_set(FILE *out, const char *label, const triple *t, size_t n)
{
    fprintf(out, "    %s:", label);
    if (n == 0)
        fprintf(out, " (none)");
    for (size_t i = 0; i < n; i++)
        fprintf(out, " %s>%s:%s", t[i].s, t[i].t, t[i].c);
    fputc('\n', out);
}

static cat_count *cat_of(run *r, const char *name)
{
    for (int i = 0; i < r->ncats; i++)
        if (strcmp(r->cats[i].name, name) == 0)
            return &r->cats[i];
    if (r->ncats == MAX_CATS)
        return &r->cats[MAX_CATS - 1];
    cat_count *c = &r->cats[r->ncats++];
    copy_field(c->name, sizeof c->name, name);
    return c;
}

static bool included(const run *r, const char *cat)
{
    if (r->include[0] == '\0')
        return true;
    size_t n = strlen(cat);
    for (const char *p = r->include; *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if ((size_t)(q - p) == n && memcmp(p, cat, n) == 0)
            return true;
        p = q;
    }
    return false;
}

static void one_record(run *r, const char *s, const char *e)
{
    const char *tag_end = strchr(s, '>');
    char id[64] = "?", cat[32] = "?", date[32] = "20000101";
    attr(s, tag_end, "id", id, sizeof id);
    attr(s, tag_end, "category", cat, sizeof cat);
    attr(s, tag_end, "date", date, sizeof date);
    if (!included(r, cat)) {
        r->skipped++;
        return;
    }
    size_t tl;
    const char *text = element(tag_end, e, "Text", &tl);
    if (text == NULL) {
        r->skipped++;
        return;
    }
    char buf[4096];
    size_t n = clean_text(text, tl, buf, sizeof buf);
    triple want[MAX_EXPECTED], got[64];
    size_t nw = expected_of(tag_end, e, want), ng = 0;
    dl_doc_input in = {.text = buf, .len = n, .date = date};
    dl_doc *doc = NULL;
    dl_error err;
    if (n > 0 && dl_doc_new(&in, &doc, &err) == DL_OK &&
        dl_annotate(r->kb, doc, &err) == DL_OK)
        ng = coded_of(doc, got, DL_ARRAY_LEN(got));
    dl_doc_free(doc);
    bool ok = nw == ng;
    for (size_t i = 0; ok && i < nw; i++)
        ok = cmp_triple(&want[i], &got[i]) == 0;
    r->n++;
    cat_count *c = cat_of(r, cat);
    c->n++;
    if (ok) {
        r->pass++;
        c->pass++;
    } else if (r->opt->json) {
        dl__buf_printf(&r->json_fail, "%s\"%s\"", r->json_fail.len ? "," : "",
                       id);
    }
    if (r->opt->verbose && !r->opt->json) {
        fprintf(r->out, "%s %s [%s] %s\n", ok ? "PASS" : "FAIL", id, cat, buf);
        print_set(r->out, "expected", want, nw);
        print_set(r->out, "coded   ", got, ng);
    }
}

/* ------------------------------------------------------------- driver */

static dl_code open_kb(const char *path, const char *xml,
                       const dl_eval_options *opt, run *r, dl_kb **kb,
                       dl_error *err)
{
    size_t dl;
    const char *dir_end = strrchr(path, '/');
    dl = dir_end ? (size_t)(dir_end - path + 1) : 0;
    size_t envl;
    const char *env = element(xml, xml + strlen(xml), "Environment", &envl);
    if (env == NULL)
        return dl__fail_at(err, DL_EFORMAT, path, 0, "no <Environment>");
    const char *end = env + envl;
    static const char *const tags[] = {"Verbfile", "Actorfile", "Agentfile",
                                       "Discardfile"};
    char files[4][1024];
    const char *lists[4][2];
    for (int i = 0; i < 4; i++) {
        size_t n;
        const char *v = element(env, end, tags[i], &n);
        lists[i][0] = lists[i][1] = NULL;
        if (v == NULL || dl + n + 1 > sizeof files[i])
            continue;
        memcpy(files[i], path, dl);
        memcpy(files[i] + dl, v, n);
        files[i][dl + n] = '\0';
        lists[i][0] = files[i];
    }
    size_t incl;
    const char *inc = element(env, end, "Include", &incl);
    if (inc && incl < sizeof r->include) {
        memcpy(r->include, inc, incl);
        r->include[incl] = '\0';
    }
    dl_kb_config cfg = {.data_dir = opt->data_dir,
                        .verb_dicts = lists[0][0] ? lists[0] : NULL,
                        .actor_dicts = lists[1][0] ? lists[1] : NULL,
                        .agent_dicts = lists[2][0] ? lists[2] : NULL,
                        .discard_dicts = lists[3][0] ? lists[3] : NULL,
                        .no_default_dicts = true};
    return dl_kb_open(&cfg, kb, err);
}

static void report(run *r)
{
    double rate = r->n ? (double)r->pass / (double)r->n : 0.0;
    if (r->opt->json) {
        fprintf(r->out, "{\"suite\":\"petrarch\",\"records\":%ld,\"passed\":%ld,"
                        "\"skipped\":%ld,\"pass_rate\":%.4f,\"categories\":{",
                r->n, r->pass, r->skipped, rate);
        for (int i = 0; i < r->ncats; i++)
            fprintf(r->out, "%s\"%s\":{\"records\":%ld,\"passed\":%ld}",
                    i ? "," : "", r->cats[i].name, r->cats[i].n,
                    r->cats[i].pass);
        fprintf(r->out, "},\"failed\":[%s]}\n",
                r->json_fail.data ? r->json_fail.data : "");
        return;
    }
    fprintf(r->out, "petrarch: %ld of %ld records pass (%.1f%%), %ld skipped\n",
            r->pass, r->n, 100 * rate, r->skipped);
    for (int i = 0; i < r->ncats; i++)
        fprintf(r->out, "  %-10s %3ld / %3ld  %5.1f%%\n", r->cats[i].name,
                r->cats[i].pass, r->cats[i].n,
                r->cats[i].n ? 100.0 * (double)r->cats[i].pass /
                                   (double)r->cats[i].n
                             : 0.0);
}

dl_code dl__eval_petrarch(const char *path, const dl_eval_options *opt,
                          FILE *out, double *score, dl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open");
    char *xml = malloc(MAX_XML + 1);
    size_t n = xml ? fread(xml, 1, MAX_XML, f) : 0;
    fclose(f);
    if (xml == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    xml[n] = '\0';
    run r = {.opt = opt, .out = out};
    dl__buf_init(&r.json_fail);
    dl_kb *kb = NULL;
    dl_code rc = open_kb(path, xml, opt, &r, &kb, err);
    if (rc == DL_OK) {
        r.kb = kb;
        const char *p = xml;
        for (;;) {
            const char *s = strstr(p, "<Sentence ");
            if (s == NULL || (opt->limit && r.n >= opt->limit))
                break;
            const char *e = strstr(s, "</Sentence>");
            if (e == NULL)
                break;
            one_record(&r, s, e);
            p = e + 11;
        }
        report(&r);
        if (score)
            *score = r.n ? (double)r.pass / (double)r.n : 0.0;
    }
    dl_kb_free(kb);
    dl__buf_free(&r.json_fail);
    free(xml);
    return rc;
}
