/*
 * bench.c — the throughput and memory benchmark behind `make bench`
 * (bench/run.sh drives it). A user of include/dateline.h only.
 *
 *   dateline-bench gen POLNEAR_DIR OUT.jsonl MIN_MB
 *       Writes the articles of POLNEAR_DIR/<part>/text/<name>.txt as JSONL
 *       (date from POLNEAR_DIR/metadata.tsv), repeated with fresh ids
 *       until the file holds at least MIN_MB megabytes (0: once).
 *   dateline-bench run [--budget S] [--ingest-budget S] [--db FILE]
 *                      [--only ROW] SMALL.jsonl [LARGE.jsonl]
 *       Measures each row on SMALL, then on LARGE. A row stops reading
 *       once it has run for its budget (seconds of wall time, default 20;
 *       ingest 150) and says how much of the input it covered.
 *
 * Rows: read (the JSONL reader alone), text (dl_annotate_some with
 * DL_STAGE_TEXT), then each later stage the knowledge base has added on
 * top (+time, +actors, +places, +quotes, +events = the full pipeline),
 * then ingest (read, annotate, dl_store_put into a fresh SQLite file,
 * one transaction per 500 documents), with the text stage only
 * (ingest-t: the store's own cost) and with every stage. A row whose one
 * document does not finish (a stage that hangs) is killed after twice its
 * budget plus 30 s and reported as such. Stage rows count the CPU time of
 * dl_doc_new plus dl_annotate_some per document, not the reading; read
 * and ingest rows the CPU time of the whole loop. Rates are per CPU
 * second (one core), so that a busy machine does not halve them; wall
 * time is shown beside. Each row runs in its own child process, which
 * loads only the stages it needs, so that "peak RSS" (ru_maxrss) is that
 * row's alone, knowledge base included. Nothing here is a pass/fail test.
 */
#include "dateline.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MB (1024.0 * 1024.0)
#define BATCH 500

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process: what a row costs on one core, whatever else
 * the machine is doing. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "dateline-bench: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

/* ------------------------------------------------------------------ gen */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    for (;;) {
        if (p == NULL)
            die("out of memory", NULL);
        size_t k = fread(p + n, 1, cap - n, f);
        n += k;
        if (n < cap)
            break;
        cap *= 2;
        p = realloc(p, cap);
    }
    fclose(f);
    *len = n;
    return p;
}

static void put_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

typedef struct article {
    char *name, *date, *text;
    size_t len;
} article;

/* The publication date of a file (name without .txt) from metadata.tsv:
 * columns compartment, filename, ..., publication_date (6th). */
static char *date_of(const char *meta, size_t mlen, const char *name, size_t nlen)
{
    const char *p = meta, *end = meta + mlen;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL)
            eol = end;
        const char *f[6];
        size_t fl[6];
        const char *q = p;
        int k = 0;
        while (k < 6 && q <= eol) {
            const char *tab = memchr(q, '\t', (size_t)(eol - q));
            if (tab == NULL)
                tab = eol;
            f[k] = q;
            fl[k] = (size_t)(tab - q);
            k++;
            q = tab + 1;
        }
        if (k == 6 && fl[1] == nlen && memcmp(f[1], name, nlen) == 0 && fl[5] == 10)
            return strndup(f[5], 10);
        p = eol + 1;
    }
    return strdup("2016-11-01"); /* PolNeAR is 2016 election news */
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const article *)a)->name, ((const article *)b)->name);
}

static size_t load_articles(const char *root, article **out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/metadata.tsv", root);
    size_t mlen = 0;
    char *meta = read_file(path, &mlen);
    if (meta == NULL)
        die("cannot read", path);
    DIR *d = opendir(root);
    if (d == NULL)
        die("cannot open", root);
    article *as = NULL;
    size_t n = 0, cap = 0;
    struct dirent *part;
    while ((part = readdir(d)) != NULL) {
        if (part->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s/text", root, part->d_name);
        DIR *td = opendir(path);
        if (td == NULL)
            continue;
        struct dirent *e;
        while ((e = readdir(td)) != NULL) {
            size_t nl = strlen(e->d_name);
            if (nl < 5 || strcmp(e->d_name + nl - 4, ".txt") != 0)
                continue;
            char file[8192];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                as = realloc(as, cap * sizeof *as);
                if (as == NULL)
                    die("out of memory", NULL);
            }
            article *a = &as[n];
            a->text = read_file(file, &a->len);
            if (a->text == NULL)
                die("cannot read", file);
            a->name = strndup(e->d_name, nl - 4);
            a->date = date_of(meta, mlen, a->name, nl - 4);
            n++;
        }
        closedir(td);
    }
    closedir(d);
    free(meta);
    if (n == 0)
        die("no articles under", root);
    qsort(as, n, sizeof *as, by_name);
    *out = as;
    return n;
}

static int cmd_gen(int argc, char **argv)
{
    if (argc != 5)
        die("usage: dateline-bench gen POLNEAR_DIR OUT.jsonl MIN_MB", NULL);
    article *as;
    size_t n = load_articles(argv[2], &as);
    double min_bytes = strtod(argv[4], NULL) * MB;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[3]);
    FILE *out = fopen(tmp, "wb");
    if (out == NULL)
        die("cannot create", tmp);
    double bytes = 0;
    long copies = 0;
    do {
        for (size_t i = 0; i < n; i++) {
            char id[512];
            if (copies == 0)
                snprintf(id, sizeof id, "%s", as[i].name);
            else
                snprintf(id, sizeof id, "%s#%ld", as[i].name, copies);
            fputs("{\"id\":", out);
            put_json_string(out, id, strlen(id));
            fputs(",\"date\":", out);
            put_json_string(out, as[i].date, strlen(as[i].date));
            fputs(",\"text\":", out);
            put_json_string(out, as[i].text, as[i].len);
            fputs("}\n", out);
            bytes += (double)as[i].len;
        }
        copies++;
    } while (bytes < min_bytes);
    if (fclose(out) != 0 || rename(tmp, argv[3]) != 0)
        die("cannot write", argv[3]);
    fprintf(stderr, "dateline-bench: %zu articles x %ld = %.1f MB of text -> %s\n", n,
            copies, bytes / MB, argv[3]);
    for (size_t i = 0; i < n; i++) {
        free(as[i].name);
        free(as[i].date);
        free(as[i].text);
    }
    free(as);
    return 0;
}

/* ------------------------------------------------------------------ run */

enum row_kind { ROW_READ, ROW_STAGES, ROW_INGEST };

typedef struct row {
    const char *name;
    enum row_kind kind;
    unsigned stages;  /* cumulative DL_STAGE_* */
    unsigned top;     /* the stage this row adds */
    bool phoenix;     /* our dictionaries plus the Phoenix ones */
} row;

static const row rows[] = {
    {"read", ROW_READ, 0, 0, false},
    {"text", ROW_STAGES, DL_STAGE_TEXT, DL_STAGE_TEXT, false},
    {"+syntax", ROW_STAGES, 0x41, DL_STAGE_SYNTAX, false},
    {"+time", ROW_STAGES, 0x43, DL_STAGE_TIME, false},
    {"+actors", ROW_STAGES, 0x47, DL_STAGE_ACTORS, false},
    {"+places", ROW_STAGES, 0x4f, DL_STAGE_PLACES, false},
    {"+quotes", ROW_STAGES, 0x5f, DL_STAGE_QUOTES, false},
    {"+events", ROW_STAGES, 0x7f, DL_STAGE_EVENTS, false},
    {"phoenix", ROW_STAGES, 0x7f, DL_STAGE_EVENTS, true},
    {"ingest-t", ROW_INGEST, DL_STAGE_TEXT, 0, false},
    {"ingest", ROW_INGEST, DL_STAGE_ALL, 0, false},
    {"ingest-p", ROW_INGEST, DL_STAGE_ALL, 0, true},
};
#define NROWS (sizeof rows / sizeof rows[0])

typedef struct result {
    int status;         /* 0 ok, 1 stage absent, 2 error */
    char msg[200];
    double secs;        /* the row's measured CPU time */
    double wall;        /* wall time end to end, reading included */
    double kb_secs;
    long docs, sents, errors;
    long words;         /* syntactic words (rows with the syntax stage) */
    double bytes;       /* text bytes processed */
    int truncated;      /* stopped by the time budget */
    long rss_kb;        /* filled by the parent from wait4 */
} result;

static void run_row(const row *r, const char *input, double max_secs, const char *db,
                    result *res)
{
    memset(res, 0, sizeof *res);
    dl_error err;
    dl_kb *kb = NULL;
    double t0 = now();
    if (r->kind != ROW_READ) {
        dl_kb_config cfg = {.stages = r->stages};
        /* the production dictionaries users bring, from ../shared */
        char paths[6][1024];
        const char *actors[4] = {paths[0], paths[1], paths[2], NULL};
        const char *agents[2] = {paths[3], NULL}, *verbs[2] = {paths[4], NULL};
        if (r->phoenix) {
            const char *root = getenv("PHOENIX_DIR") ? getenv("PHOENIX_DIR") : "../shared/dict/phoenix";
            const char *names[5] = {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                    "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt",
                                    "CAMEO.2.0.txt"};
            for (int i = 0; i < 5; i++)
                snprintf(paths[i], sizeof paths[i], "%s/%s", root, names[i]);
            cfg.actor_dicts = actors;
            cfg.agent_dicts = agents;
            cfg.verb_dicts = verbs;
        }
        if (dl_kb_open(&cfg, &kb, &err) != DL_OK) {
            res->status = 2;
            snprintf(res->msg, sizeof res->msg, "kb: %.180s", err.msg);
            return;
        }
        if (r->top && !(dl_kb_stages(kb) & r->top)) {
            res->status = 1;
            snprintf(res->msg, sizeof res->msg, "stage not built");
            dl_kb_free(kb);
            return;
        }
    }
    res->kb_secs = now() - t0;
    dl_store *st = NULL;
    if (r->kind == ROW_INGEST) {
        unlink(db);
        char side[4200];
        snprintf(side, sizeof side, "%s-wal", db);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", db);
        unlink(side);
        if (dl_store_open(db, &st, &err) != DL_OK || dl_store_begin(st, &err) != DL_OK) {
            res->status = 2;
            snprintf(res->msg, sizeof res->msg, "store: %.180s", err.msg);
            dl_store_close(st);
            dl_kb_free(kb);
            return;
        }
    }
    dl_reader_config rc = {.format = DL_FORMAT_JSONL};
    const char *paths[1] = {input};
    dl_reader *rd;
    if (dl_reader_open(paths, 1, &rc, &rd, &err) != DL_OK) {
        res->status = 2;
        snprintf(res->msg, sizeof res->msg, "reader: %.180s", err.msg);
        dl_store_close(st);
        dl_kb_free(kb);
        return;
    }
    double start = now(), cpu_start = cpu_now();
    for (;;) {
        if (now() - start >= max_secs) {
            res->truncated = 1;
            break;
        }
        dl_doc_input in;
        dl_code c = dl_reader_next(rd, &in, &err);
        if (c == DL_ENOTFOUND)
            break;
        if (c != DL_OK) {
            if (res->errors++ > 1000) /* a reader that does not advance */
                break;
            continue;
        }
        res->docs++;
        res->bytes += (double)in.len;
        if (r->kind == ROW_READ)
            continue;
        double t = cpu_now();
        dl_doc *doc;
        if (dl_doc_new(&in, &doc, &err) != DL_OK) {
            res->errors++;
            continue;
        }
        if (dl_annotate_some(kb, doc, r->stages, &err) != DL_OK)
            res->errors++;
        size_t ns;
        dl_doc_sentences(doc, &ns);
        res->sents += (long)ns;
        size_t nw;
        dl_doc_words(doc, &nw);
        res->words += (long)nw;
        if (st) {
            bool stored;
            if (dl_store_put(st, doc, &stored, &err) != DL_OK)
                res->errors++;
            if (res->docs % BATCH == 0 &&
                (dl_store_commit(st, &err) != DL_OK || dl_store_begin(st, &err) != DL_OK))
                res->errors++;
        }
        dl_doc_free(doc);
        res->secs += cpu_now() - t;
    }
    if (st) {
        if (dl_store_commit(st, &err) != DL_OK)
            res->errors++;
        dl_store_close(st);
    }
    res->wall = now() - start;
    if (r->kind != ROW_STAGES)
        res->secs = cpu_now() - cpu_start;
    dl_reader_free(rd);
    dl_kb_free(kb);
}

/* Runs a row in a child process; its peak RSS comes from wait4. */
static void run_child(const row *r, const char *input, double max_secs, const char *db,
                      result *res)
{
    int fd[2];
    if (pipe(fd) != 0)
        die("pipe", strerror(errno));
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("fork", strerror(errno));
    if (pid == 0) {
        close(fd[0]);
        alarm((unsigned)(2 * max_secs + 30)); /* watchdog: SIGALRM ends it */
        result mine;
        run_row(r, input, max_secs, db, &mine);
        ssize_t w = write(fd[1], &mine, sizeof mine);
        _exit(w == (ssize_t)sizeof mine ? 0 : 1);
    }
    close(fd[1]);
    memset(res, 0, sizeof *res);
    ssize_t got = read(fd[0], res, sizeof *res);
    close(fd[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || got != (ssize_t)sizeof *res) {
        memset(res, 0, sizeof *res);
        res->status = 2;
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
            snprintf(res->msg, sizeof res->msg,
                     "killed after %.0f s: a document never finished (a stage hangs?)",
                     2 * max_secs + 30);
        else
            snprintf(res->msg, sizeof res->msg, "child failed (status %d)", status);
    }
    res->rss_kb = ru.ru_maxrss;
}

static void header(const char *label, const char *input)
{
    printf("\n%s: %s\n", label, input);
    printf("%-8s %7s %7s %7s %7s %8s %9s %7s %8s %9s %7s  %s\n", "row", "docs", "MB", "cpu s",
           "wall s", "docs/s", "sents/s", "MB/s", "+cpu/MB", "+us/sent", "RSS MB", "note");
}

/* Prints one row; prev_spm and prev_sps are the previous stage row's
 * seconds per MB and per sentence, so "+cpu/MB" and "+us/sent" are what
 * this stage adds. */
static void print_row(const row *r, const result *x, double *prev_spm, double *prev_sps)
{
    if (x->status != 0) {
        printf("%-8s %s\n", r->name, x->msg);
        return;
    }
    double mb = x->bytes / MB, s = x->secs > 0 ? x->secs : 1e-9;
    double spm = mb > 0 ? s / mb : 0;
    double sps = x->sents > 0 ? s / (double)x->sents : 0;
    char added[32] = "", per_sent[32] = "";
    if (r->kind == ROW_STAGES && r->top != DL_STAGE_TEXT) {
        snprintf(added, sizeof added, "%.3f", spm - *prev_spm);
        snprintf(per_sent, sizeof per_sent, "%.2f", (sps - *prev_sps) * 1e6);
    } else if (r->kind == ROW_STAGES) {
        snprintf(per_sent, sizeof per_sent, "%.2f", sps * 1e6);
    }
    double stage_secs = s - *prev_spm * mb;
    if (r->kind == ROW_STAGES) {
        *prev_spm = spm;
        *prev_sps = sps;
    }
    char note[160] = "";
    size_t k = 0;
    if (r->top == DL_STAGE_SYNTAX && stage_secs > 0)
        k += (size_t)snprintf(note + k, sizeof note - k, "%.0f words/s by the stage alone; ",
                              (double)x->words / stage_secs);
    if (x->truncated)
        k += (size_t)snprintf(note + k, sizeof note - k, "time budget: first %.1f MB; ", mb);
    if (x->errors)
        k += (size_t)snprintf(note + k, sizeof note - k, "%ld errors; ", x->errors);
    if (r->kind != ROW_READ && k < sizeof note)
        snprintf(note + k, sizeof note - k, "kb load %.2fs", x->kb_secs);
    printf("%-8s %7ld %7.1f %7.2f %7.2f %8.0f %9.0f %7.2f %8s %9s %7.0f  %s\n", r->name, x->docs,
           mb, x->secs, x->wall, (double)x->docs / s, (double)x->sents / s, mb / s, added, per_sent,
           (double)x->rss_kb / 1024.0, note);
    fflush(stdout);
}

static int cmd_run(int argc, char **argv)
{
    double budget = 20, ingest_budget = 150;
    const char *db = "dateline-bench.db";
    const char *only = NULL;
    int i = 2;
    for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
        if (strcmp(argv[i], "--budget") == 0)
            budget = strtod(argv[i + 1], NULL);
        else if (strcmp(argv[i], "--ingest-budget") == 0)
            ingest_budget = strtod(argv[i + 1], NULL);
        else if (strcmp(argv[i], "--db") == 0)
            db = argv[i + 1];
        else if (strcmp(argv[i], "--only") == 0)
            only = argv[i + 1];
        else
            die("unknown option", argv[i]);
    }
    if (i >= argc || argc - i > 2)
        die("usage: dateline-bench run [--budget S] [--ingest-budget S] [--db FILE] "
            "[--only ROW] SMALL.jsonl [LARGE.jsonl]", NULL);
    const char *small = argv[i], *large = i + 1 < argc ? argv[i + 1] : NULL;

    const char *inputs[2] = {small, large};
    const char *labels[2] = {"small input", "large input"};
    for (int k = 0; k < 2 && inputs[k]; k++) {
        double prev = 0, prev_sent = 0;
        header(labels[k], inputs[k]);
        for (size_t r = 0; r < NROWS; r++) {
            if (only && strcmp(only, rows[r].name) != 0)
                continue;
            result res;
            double b = rows[r].kind == ROW_INGEST ? ingest_budget : budget;
            run_child(&rows[r], inputs[k], b, db, &res);
            print_row(&rows[r], &res, &prev, &prev_sent);
        }
    }
    unlink(db);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "gen") == 0)
        return cmd_gen(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return cmd_run(argc, argv);
    fprintf(stderr, "usage: dateline-bench gen POLNEAR_DIR OUT.jsonl MIN_MB\n"
                    "       dateline-bench run [--budget S] [--ingest-budget S] [--db FILE] "
                    "[--only ROW] SMALL.jsonl [LARGE.jsonl]\n");
    return 2;
}
