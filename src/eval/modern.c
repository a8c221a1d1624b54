/*
 * modern.c — `dateline eval modern DIR`: scores the whole pipeline on a
 * hand-coded set of recent news in the layout of
 * ../shared/eval/events/modern-dev/ (its README has the conventions):
 * docs.jsonl (id, date, text), events.gold.tsv (doc, evidence, src, tgt,
 * roots, plover, date), negatives.tsv (doc, evidence, src, tgt, roots),
 * timex.gold.tsv (doc, evidence, value), quotes.gold.tsv (doc, quote,
 * speaker, kind).
 *
 * - Event recall: a gold event is found when an event of ours in the
 *   sentence holding its evidence has the gold source and target
 *   (ISO-3 country; IGO for UN bodies and other IGOs, NAT for NATO, EUR
 *   for the EU; a gold target "-" accepts any) and one of the accepted
 *   CAMEO roots or PLOVER types. Negated and hypothetical events of ours
 *   never count.
 * - Leaks: a negative is leaked when a plain (not negated, not
 *   hypothetical) event of ours in its sentence has its source, target
 *   and one of its roots.
 * - Timexes: found when a timex of ours inside the evidence has the gold
 *   value. Quotes: found when a quote of ours overlaps the gold quote, and
 *   its speaker is right when the speaker's words or name contain the
 *   gold speaker's last word (or the other way round).
 * The headline is event recall. With --verbose, every quote whose speaker
 * is wrong is printed, and every missed event is
 *   listed with what we coded in its sentence.
 */
#include "dl.h"
#include "eval/eval.h"

#include <jansson.h>
#include <strings.h>

#define MODERN_MAX_DOCS 4096

typedef struct mdoc {
    char *id;
    dl_doc *doc;
    long gold, found;
} mdoc;

typedef struct mrun {
    mdoc docs[MODERN_MAX_DOCS];
    int ndocs;
    long ev_gold, ev_found, neg, leaks, tx_gold, tx_found, q_gold, q_found, q_speaker;
    long root_gold[21], root_found[21];
    long ours_events;
} mrun;

static mdoc *doc_of(mrun *r, const char *id)
{
    for (int i = 0; i < r->ndocs; i++)
        if (strcmp(r->docs[i].id, id) == 0)
            return &r->docs[i];
    return NULL;
}

/* Splits a TSV line in place into at most max fields; returns how many. */
static int split_tab(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < max) {
        f[n++] = line;
        char *t = strchr(line, '\t');
        if (t == NULL)
            break;
        *t = '\0';
        line = t + 1;
    }
    return n;
}

/* The gold label of one side of our event: ISO-3, IGO, NAT or EUR. */
static void side_label(const dl_participant *p, char out[4])
{
    const char *c = p->code ? p->code : "";
    if (strncmp(c, "IGOWSTNAT", 9) == 0 || strncmp(c, "NAT", 3) == 0) {
        memcpy(out, "NAT", 4);
        return;
    }
    if (strncmp(c, "IGOEUREEC", 9) == 0 || strncmp(c, "EUR", 3) == 0) {
        memcpy(out, "EUR", 4);
        return;
    }
    if (p->country && strlen(p->country) == 3 && strcmp(p->country, "IGO") != 0) {
        memcpy(out, p->country, 4);
        return;
    }
    if (strncmp(c, "IGO", 3) == 0) {
        memcpy(out, "IGO", 4);
        return;
    }
    if (strlen(c) >= 3) {
        memcpy(out, c, 3);
        out[3] = '\0';
        return;
    }
    out[0] = '\0';
}

/* The sentence holding the evidence (first occurrence), or -1. */
static long sentence_of(const dl_doc *doc, const char *evidence, uint32_t *start, uint32_t *end)
{
    size_t len;
    const char *text = dl_doc_text(doc, &len);
    const char *hit = strstr(text, evidence);
    if (hit == NULL)
        return -1;
    *start = (uint32_t)(hit - text);
    *end = *start + (uint32_t)strlen(evidence);
    size_t ns;
    const dl_sentence *s = dl_doc_sentences(doc, &ns);
    for (size_t i = 0; i < ns; i++)
        if (s[i].start <= *start && *start < s[i].end)
            return (long)i;
    return -1;
}

static bool in_list(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list; *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, item, n) == 0)
            return true;
        p += k;
        if (*p == ',')
            p++;
    }
    return false;
}

static bool plain(const dl_event *e)
{
    return !e->negated && (e->modality == NULL || strcmp(e->modality, "hypothetical") != 0);
}

/* Whether an event of ours in sentence si (or the next, when the gold
 * evidence crosses our boundary) matches. */
static bool event_matches(const dl_event *e, const char *src, const char *tgt,
                          const char *roots, const char *plover)
{
    char s[4], t[4];
    side_label(&e->source, s);
    side_label(&e->target, t);
    if (strcmp(s, src) != 0)
        return false;
    if (strcmp(tgt, "-") != 0 && (!e->has_target || strcmp(t, tgt) != 0))
        return false;
    return in_list(roots, e->root) || (plover && e->plover && in_list(plover, e->plover));
}

static void print_ours(const dl_doc *doc, long si, FILE *out)
{
    size_t ne;
    const dl_event *ev = dl_doc_events(doc, &ne);
    for (size_t i = 0; i < ne; i++) {
        if ((long)ev[i].sentence != si)
            continue;
        char s[4], t[4];
        side_label(&ev[i].source, s);
        side_label(&ev[i].target, t);
        fprintf(out, "      ours: %s %s -> %s (%s)%s%s  <- %s\n", ev[i].cameo, s,
                ev[i].has_target ? t : "-", ev[i].plover ? ev[i].plover : "-",
                ev[i].negated ? " negated" : "", ev[i].modality ? ev[i].modality : "",
                ev[i].why ? ev[i].why : "");
    }
}

static FILE *open_in(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    return fopen(path, "r");
}

static dl_code read_docs(mrun *r, const dl_kb *kb, const char *dir, dl_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/docs.jsonl", dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    dl_code rc = DL_OK;
    while (rc == DL_OK && getline(&line, &cap, f) > 0) {
        lineno++;
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *date = json_string_value(json_object_get(o, "date"));
        const char *text = json_string_value(json_object_get(o, "text"));
        if (!id || !date || !text || r->ndocs == MODERN_MAX_DOCS) {
            json_decref(o);
            rc = dl__fail_at(err, DL_EFORMAT, path, lineno, "want an object with id, date, text");
            break;
        }
        dl_doc_input in = {.id = id, .date = date, .text = text, .len = strlen(text)};
        mdoc *d = &r->docs[r->ndocs];
        rc = dl_doc_new(&in, &d->doc, err);
        if (rc == DL_OK)
            rc = dl_annotate(kb, d->doc, err);
        if (rc == DL_OK) {
            d->id = strdup(id);
            r->ndocs++;
            size_t ne;
            const dl_event *ev = dl_doc_events(d->doc, &ne);
            for (size_t i = 0; i < ne; i++)
                r->ours_events += plain(&ev[i]);
        } else {
            dl_doc_free(d->doc);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return rc;
}

static void score_events(mrun *r, const char *dir, const dl_eval_options *opt, FILE *out)
{
    char path[4096], line[8192];
    FILE *f = open_in(dir, "events.gold.tsv", path, sizeof path);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char *x[7];
        if (line[0] == '#' || split_tab(line, x, 7) < 6)
            continue;
        mdoc *d = doc_of(r, x[0]);
        if (d == NULL)
            continue;
        r->ev_gold++;
        d->gold++;
        int root = (int)strtol(x[4], NULL, 10);
        if (root >= 1 && root <= 20)
            r->root_gold[root]++;
        uint32_t a, b;
        long si = sentence_of(d->doc, x[1], &a, &b);
        size_t ne;
        const dl_event *ev = dl_doc_events(d->doc, &ne);
        bool found = false;
        for (size_t i = 0; i < ne && !found; i++)
            found = (long)ev[i].sentence == si && plain(&ev[i]) &&
                    event_matches(&ev[i], x[2], x[3], x[4], x[5]);
        if (found) {
            r->ev_found++;
            d->found++;
            if (root >= 1 && root <= 20)
                r->root_found[root]++;
        } else if (opt->verbose) {
            fprintf(out, "  missed %s: %s %s -> %s (%s): %s\n", x[0], x[4], x[2], x[3], x[5], x[1]);
            print_ours(d->doc, si, out);
        }
    }
    fclose(f);
}

static void score_negatives(mrun *r, const char *dir, const dl_eval_options *opt, FILE *out)
{
    char path[4096], line[8192];
    FILE *f = open_in(dir, "negatives.tsv", path, sizeof path);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char *x[5];
        if (line[0] == '#' || split_tab(line, x, 5) < 5)
            continue;
        mdoc *d = doc_of(r, x[0]);
        if (d == NULL)
            continue;
        r->neg++;
        uint32_t a, b;
        long si = sentence_of(d->doc, x[1], &a, &b);
        size_t ne;
        const dl_event *ev = dl_doc_events(d->doc, &ne);
        for (size_t i = 0; i < ne; i++)
            if ((long)ev[i].sentence == si && plain(&ev[i]) &&
                event_matches(&ev[i], x[2], x[3], x[4], NULL)) {
                r->leaks++;
                if (opt->verbose)
                    fprintf(out, "  leak %s: %s %s -> %s: %s\n", x[0], ev[i].cameo, x[2], x[3], x[1]);
                break;
            }
    }
    fclose(f);
}

static void score_timexes(mrun *r, const char *dir)
{
    char path[4096], line[8192];
    FILE *f = open_in(dir, "timex.gold.tsv", path, sizeof path);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char *x[3];
        if (line[0] == '#' || split_tab(line, x, 3) < 3)
            continue;
        mdoc *d = doc_of(r, x[0]);
        if (d == NULL)
            continue;
        r->tx_gold++;
        uint32_t a, b;
        if (sentence_of(d->doc, x[1], &a, &b) < 0)
            continue;
        size_t nt;
        const dl_timex *t = dl_doc_timexes(d->doc, &nt);
        for (size_t i = 0; i < nt; i++)
            if (t[i].start < b && t[i].end > a && t[i].value && strcmp(t[i].value, x[2]) == 0) {
                r->tx_found++;
                break;
            }
    }
    fclose(f);
}

/* The last word of a speaker name ("Russia’s defence ministry" ->
 * "ministry", "Zelensky" -> "Zelensky"). */
static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

static bool contains_ci(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k && i + k <= n; i++)
        if (strncasecmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

static void score_quotes(mrun *r, const char *dir, const dl_eval_options *opt, FILE *out)
{
    char path[4096], line[8192];
    FILE *f = open_in(dir, "quotes.gold.tsv", path, sizeof path);
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        char *x[4];
        if (line[0] == '#' || split_tab(line, x, 4) < 3)
            continue;
        mdoc *d = doc_of(r, x[0]);
        if (d == NULL)
            continue;
        r->q_gold++;
        size_t len;
        const char *text = dl_doc_text(d->doc, &len);
        const char *hit = strstr(text, x[1]);
        if (hit == NULL)
            continue;
        uint32_t a = (uint32_t)(hit - text), b = a + (uint32_t)strlen(x[1]);
        size_t nq, na;
        const dl_quote *q = dl_doc_quotes(d->doc, &nq);
        const dl_actor *ac = dl_doc_actors(d->doc, &na);
        for (size_t i = 0; i < nq; i++) {
            if (!(q[i].start < b && q[i].end > a))
                continue;
            r->q_found++;
            const char *want = last_word(x[2]);
            bool ok = false;
            if (q[i].has_speaker) {
                const char *sp = text + q[i].speaker_span.start;
                size_t sn = q[i].speaker_span.end - q[i].speaker_span.start;
                ok = contains_ci(sp, sn, want);
                if (!ok && q[i].speaker >= 0 && (size_t)q[i].speaker < na) {
                    const dl_actor *who = &ac[q[i].speaker];
                    if (who->name)
                        ok = contains_ci(who->name, strlen(who->name), want);
                    if (!ok)
                        ok = contains_ci(text + who->start, who->end - who->start, want);
                }
            }
            r->q_speaker += ok;
            if (!ok && opt->verbose) {
                const char *got = q[i].has_speaker ? text + q[i].speaker_span.start : "(none)";
                int gn = q[i].has_speaker
                             ? (int)(q[i].speaker_span.end - q[i].speaker_span.start)
                             : 6;
                fprintf(out, "  speaker %s: want '%s', got '%.*s': %.60s\n", x[0], x[2], gn, got,
                        x[1]);
            }
            break;
        }
    }
    fclose(f);
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void report(const mrun *r, const dl_eval_options *opt, FILE *out)
{
    if (opt->json) {
        fprintf(out,
                "{\"suite\":\"modern\",\"docs\":%d,\"events\":%ld,\"found\":%ld,\"recall\":%.4f,"
                "\"ours\":%ld,\"negatives\":%ld,\"leaks\":%ld,\"timexes\":%ld,\"timex_recall\":%.4f,"
                "\"quotes\":%ld,\"quote_recall\":%.4f,\"speaker_accuracy\":%.4f}\n",
                r->ndocs, r->ev_gold, r->ev_found, ratio(r->ev_found, r->ev_gold), r->ours_events,
                r->neg, r->leaks, r->tx_gold, ratio(r->tx_found, r->tx_gold), r->q_gold,
                ratio(r->q_found, r->q_gold), ratio(r->q_speaker, r->q_gold));
        return;
    }
    fprintf(out, "modern: %d articles\n", r->ndocs);
    fprintf(out, "  events found      %.1f%% (%ld of %ld gold; we coded %ld plain events)\n",
            100 * ratio(r->ev_found, r->ev_gold), r->ev_found, r->ev_gold, r->ours_events);
    fprintf(out, "  negatives leaked  %ld of %ld\n", r->leaks, r->neg);
    fprintf(out, "  timex values      %.1f%% (%ld of %ld)\n", 100 * ratio(r->tx_found, r->tx_gold),
            r->tx_found, r->tx_gold);
    fprintf(out, "  quotes found      %.1f%% (%ld of %ld), speaker right %.1f%% of all\n",
            100 * ratio(r->q_found, r->q_gold), r->q_found, r->q_gold,
            100 * ratio(r->q_speaker, r->q_gold));
    fprintf(out, "\n  root  gold  found\n");
    for (int i = 1; i <= 20; i++)
        if (r->root_gold[i])
            fprintf(out, "  %02d   %4ld  %5ld\n", i, r->root_gold[i], r->root_found[i]);
    fprintf(out, "\n  article  gold  found\n");
    for (int i = 0; i < r->ndocs; i++)
        fprintf(out, "  %-7s  %4ld  %5ld\n", r->docs[i].id, r->docs[i].gold, r->docs[i].found);
}

dl_code dl__eval_modern(const char *path, const dl_eval_options *opt, FILE *out, double *score,
                        dl_error *err)
{
    dl_kb *kb;
    dl_kb_config cfg = {.data_dir = opt->data_dir};
    dl_code rc = dl_kb_open(&cfg, &kb, err);
    if (rc != DL_OK)
        return rc;
    mrun *r = calloc(1, sizeof *r);
    if (r == NULL) {
        dl_kb_free(kb);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    rc = read_docs(r, kb, path, err);
    if (rc == DL_OK) {
        score_events(r, path, opt, out);
        score_negatives(r, path, opt, out);
        score_timexes(r, path);
        score_quotes(r, path, opt, out);
        report(r, opt, out);
        if (score)
            *score = ratio(r->ev_found, r->ev_gold);
    }
    for (int i = 0; i < r->ndocs; i++) {
        dl_doc_free(r->docs[i].doc);
        free(r->docs[i].id);
    }
    free(r);
    dl_kb_free(kb);
    return rc;
}
