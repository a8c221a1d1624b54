/*
 * input.c — the document loop of ingest/annotate/code (see input.h).
 */
#include "input.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A byte count with an optional k/M/G suffix, 1 byte to 64 GiB; 0 if bad. */
static size_t parse_size(const char *name, const char *v)
{
    char *end;
    if (*v < '0' || *v > '9') {
        fprintf(stderr, "dateline: %s wants a size in bytes (with k, M or G), not '%s'\n", name, v);
        return 0;
    }
    unsigned long long n = strtoull(v, &end, 10);
    int shift = 0;
    if (*end == 'k' || *end == 'K')
        shift = 10;
    else if (*end == 'm' || *end == 'M')
        shift = 20;
    else if (*end == 'g' || *end == 'G')
        shift = 30;
    if ((shift && end[1] != '\0') || (!shift && *end != '\0') || n == 0 ||
        n > (64ull << 30) >> shift) {
        fprintf(stderr, "dateline: %s wants a size from 1 byte to 64G (with k, M or G), not '%s'\n",
                name, v);
        return 0;
    }
    return (size_t)(n << shift);
}

int cli_input_opt(cli_input_opts *o, int argc, char **argv, int *i)
{
    const char *v;
    if ((v = cli_opt_value("--input-format", argc, argv, i))) {
        if (strcmp(v, "jsonl") == 0)
            o->rc.format = DL_FORMAT_JSONL;
        else if (strcmp(v, "text") == 0)
            o->rc.format = DL_FORMAT_TEXT;
        else if (strcmp(v, "auto") == 0)
            o->rc.format = DL_FORMAT_AUTO;
        else {
            fprintf(stderr, "dateline: --input-format is auto, jsonl or text\n");
            return -1;
        }
        return 1;
    }
    if (strcmp((*i < argc ? argv[*i] : ""), "--date-from-name") == 0) {
        o->rc.date_from_name = true;
        return 1;
    }
    if ((v = cli_opt_value("--metadata", argc, argv, i)))
        o->rc.metadata = v;
    else if ((v = cli_opt_value("--id-field", argc, argv, i)))
        o->rc.id_field = v;
    else if ((v = cli_opt_value("--date-field", argc, argv, i)))
        o->rc.date_field = v;
    else if ((v = cli_opt_value("--text-field", argc, argv, i)))
        o->rc.text_field = v;
    else if ((v = cli_opt_value("--title-field", argc, argv, i)))
        o->rc.title_field = v;
    else if ((v = cli_opt_value("--url-field", argc, argv, i)))
        o->rc.url_field = v;
    else if ((v = cli_opt_value("--source-field", argc, argv, i)))
        o->rc.source_field = v;
    else if ((v = cli_opt_value("--max-doc-bytes", argc, argv, i))) {
        if (*v && (o->rc.max_doc_bytes = parse_size("--max-doc-bytes", v)) == 0)
            return -1;
    } else if ((v = cli_opt_value("--max-line-bytes", argc, argv, i))) {
        if (*v && (o->rc.max_line_bytes = parse_size("--max-line-bytes", v)) == 0)
            return -1;
    }
    else if ((v = cli_opt_value("--jobs", argc, argv, i))) {
        long j;
        char msg[300];
        if (cli_parse_long("--jobs", v, 1, 64, &j, msg, sizeof msg) < 0) {
            fprintf(stderr, "dateline: %s\n", msg);
            return -1;
        }
        o->jobs = (int)j;
    } else
        return 0;
    return *v ? 1 : -1;
}

/* Prints an error about the document the reader last returned, mapping a
 * text line inside a plain-text document to its line in the file. */
static void report(const dl_reader *r, const dl_error *err)
{
    const char *file;
    long line;
    bool jsonl;
    dl_reader_position(r, &file, &line, &jsonl);
    if (err->file[0]) {
        cli_print_error(err);
        return;
    }
    long at = line;
    if (!jsonl && err->line > 0)
        at = line + err->line - 1;
    fprintf(stderr, "%s:%ld: error: %s\n", file ? file : "(input)", at > 0 ? at : 1, err->msg);
}

/* The progress line: percent of the input's bytes read and the time left
 * at the rate so far (one big file included), then counts and speed. */
static void progress(const dl_reader *r, const cli_input_stats *s, double t0, bool done)
{
    double bd, bt;
    dl_reader_bytes(r, &bd, &bt);
    double dt = now() - t0;
    fputc('\r', stderr);
    if (bt > 0) {
        double frac = done ? 1 : bd / bt > 1 ? 1 : bd / bt;
        fprintf(stderr, "%3.0f%% of %.1f MB, ", 100 * frac, bt / 1e6);
        if (!done && bd > 0 && dt > 0.5) {
            double eta = dt * (bt - bd) / bd;
            long sec = (long)(eta + 0.5);
            if (sec >= 60)
                fprintf(stderr, "ETA %ldm%02lds, ", sec / 60, sec % 60);
            else
                fprintf(stderr, "ETA %lds, ", sec);
        }
    }
    fprintf(stderr, "%ld documents, %ld sentences, %ld events, %.1f MB/s", s->docs, s->sentences,
            s->events, dt > 0 ? s->bytes / dt / 1e6 : 0.0);
    fputs(done ? "\n" : "   ", stderr);
    fflush(stderr);
}

static void count(cli_input_stats *stats, const dl_doc *doc)
{
    size_t ns, ne, len;
    dl_doc_sentences(doc, &ns);
    dl_doc_events(doc, &ne);
    dl_doc_text(doc, &len);
    stats->docs++;
    stats->sentences += (long)ns;
    stats->events += (long)ne;
    stats->bytes += (double)len;
}

/* ------------------------------------------------------------- batches
 * Documents are read (and checked against the store) on the main thread
 * in batches; jobs - 1 worker threads annotate a batch while the main
 * thread hands the previous one, in input order, to each() (the store,
 * the output) and then helps, so reading and writing stay single-threaded
 * and output order is the input's whatever the number of jobs. The
 * knowledge base is shared read-only. */

#define BATCH_DOCS 64

typedef struct slot {
    dl_doc *doc;
    dl_code rc;
    dl_error err;
} slot;

typedef struct batch {
    slot s[BATCH_DOCS];
    size_t n;
    atomic_size_t next; /* next slot to annotate */
    const dl_kb *kb;
    unsigned stages;
} batch;

static void annotate_claimed(batch *b)
{
    size_t i;
    while ((i = atomic_fetch_add(&b->next, 1)) < b->n)
        b->s[i].rc = dl_annotate_some(b->kb, b->s[i].doc, b->stages, &b->s[i].err);
}

static void *worker(void *arg)
{
    annotate_claimed(arg);
    return NULL;
}

/* Reads up to BATCH_DOCS new documents into b; false at the end. */
static bool fill(dl_reader *r, batch *b, cli_input_opts *o, void *ctx, cli_input_stats *stats)
{
    b->n = 0;
    atomic_store(&b->next, 0);
    dl_error err;
    while (b->n < BATCH_DOCS) {
        if (cli_interrupted)
            return false; /* what this batch holds is still coded */
        dl_doc_input in;
        dl_code rc = dl_reader_next(r, &in, &err);
        if (rc == DL_ENOTFOUND)
            return b->n > 0;
        if (rc != DL_OK && cli_interrupted)
            return false; /* the read the signal cut short */
        if (rc != DL_OK) {
            report(r, &err);
            stats->rejected++;
            continue;
        }
        dl_doc *doc;
        if (dl_doc_new(&in, &doc, &err) != DL_OK) {
            report(r, &err);
            stats->rejected++;
            continue;
        }
        if (o->known && o->known(ctx, doc)) {
            stats->skipped++;
            dl_doc_free(doc);
            continue;
        }
        b->s[b->n].doc = doc;
        b->s[b->n].rc = DL_OK;
        b->n++;
    }
    return true;
}

/* Hands an annotated batch to each(), in order; frees its documents.
 * Returns non-zero when each() asked to stop. */
static int drain(batch *b, int (*each)(void *ctx, dl_doc *doc), void *ctx,
                 cli_input_stats *stats, int stop)
{
    for (size_t i = 0; i < b->n; i++) {
        slot *s = &b->s[i];
        if (!stop && s->rc != DL_OK) {
            const char *origin = dl_doc_origin(s->doc);
            fprintf(stderr, "%s: error: %s\n", origin ? origin : "(input)", s->err.msg);
            stats->rejected++;
        } else if (!stop) {
            count(stats, s->doc);
            stop = each(ctx, s->doc);
        }
        dl_doc_free(s->doc);
        s->doc = NULL;
    }
    b->n = 0;
    return stop;
}

static int run_batches(const dl_kb *kb, dl_reader *r, cli_input_opts *o,
                        int (*each)(void *ctx, dl_doc *doc), void *ctx,
                        cli_input_stats *stats, double t0)
{
    batch *b[2] = {calloc(1, sizeof(batch)), calloc(1, sizeof(batch))};
    int stop = 0, workers = o->jobs > 1 ? o->jobs - 1 : 0; /* the main thread helps */
    double last = t0;
    if (b[0] == NULL || b[1] == NULL) {
        free(b[0]);
        free(b[1]);
        fprintf(stderr, "dateline: out of memory\n");
        return -1;
    }
    pthread_t *th = calloc((size_t)workers + 1, sizeof *th);
    for (int k = 0; k < 2; k++) {
        b[k]->kb = kb;
        b[k]->stages = o->stages ? o->stages : DL_STAGE_ALL;
    }
    int cur = 0;
    bool more = true;
    while (more && !stop && th) {
        more = fill(r, b[cur], o, ctx, stats);
        int started = 0;
        for (; started < workers && b[cur]->n > 0; started++)
            if (pthread_create(&th[started], NULL, worker, b[cur]) != 0)
                break;
        stop = drain(b[1 - cur], each, ctx, stats, stop);
        annotate_claimed(b[cur]); /* then help, or do it all if no thread started */
        for (int k = 0; k < started; k++)
            pthread_join(th[k], NULL);
        cur = 1 - cur;
        if (o->progress && now() - last > 0.2) {
            last = now();
            progress(r, stats, t0, false);
        }
    }
    stop = drain(b[1 - cur], each, ctx, stats, stop);
    drain(b[cur], each, ctx, stats, 1); /* frees what a stop left */
    free(th);
    free(b[0]);
    free(b[1]);
    return stop ? -1 : 0;
}

volatile sig_atomic_t cli_interrupted;

static void on_interrupt(int sig)
{
    if (cli_interrupted) { /* the second one: stop now */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    cli_interrupted = sig;
}

void cli_catch_interrupts(void)
{
    /* no SA_RESTART: a read blocked on a pipe or terminal returns, so
     * reading stops at once */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int cli_jobs_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

int cli_input_run(const dl_kb *kb, const char *const *paths, size_t npaths,
                  cli_input_opts *o, int (*each)(void *ctx, dl_doc *doc),
                  void *ctx, cli_input_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    dl_reader *r;
    dl_error err;
    if (dl_reader_open(paths, npaths, &o->rc, &r, &err) != DL_OK) {
        cli_print_error(&err);
        stats->rejected++;
        return 0;
    }
    double t0 = now();
    int stop = run_batches(kb, r, o, each, ctx, stats, t0);
    if (o->progress)
        progress(r, stats, t0, true);
    dl_reader_free(r);
    return stop;
}
