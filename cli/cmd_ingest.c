/*
 * cmd_ingest.c — `dateline ingest PATH...`: read, code and store, in
 * batches (one transaction each), skipping documents already stored.
 */
#include "input.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct ingest_ctx {
    dl_store *st;
    long batch, in_batch, stored;
    int failed;
} ingest_ctx;

static bool known(void *ctx, const dl_doc *doc)
{
    ingest_ctx *c = ctx;
    bool has = false;
    dl_error err;
    /* an id given by the source identifies; else the content hash does */
    const char *id = dl_doc_id(doc), *hash = dl_doc_hash(doc);
    bool own_id = strcmp(id, hash) != 0;
    dl_store_has(c->st, id, own_id ? NULL : hash, &has, &err);
    return has;
}

static int put(void *ctx, dl_doc *doc)
{
    ingest_ctx *c = ctx;
    dl_error err;
    bool stored;
    if (dl_store_put(c->st, doc, &stored, &err) != DL_OK) {
        cli_print_error(&err);
        c->failed = 1;
        return 1;
    }
    c->stored += stored;
    if (++c->in_batch >= c->batch) {
        if (dl_store_commit(c->st, &err) != DL_OK || dl_store_begin(c->st, &err) != DL_OK) {
            cli_print_error(&err);
            c->failed = 1;
            return 1;
        }
        c->in_batch = 0;
    }
    return 0;
}

static void help(void)
{
    puts("usage: dateline ingest [OPTIONS] PATH...\n"
         "\n"
         "Reads documents from files, folders (recursively), gzip files or - (stdin),\n"
         "codes them and stores them with every layer. Documents already stored (same\n"
         "id, or same text when no id is given) are skipped. Each batch of documents is\n"
         "one transaction: an interrupted run loses at most the batch in progress.\n"
         "SIGINT or SIGTERM stops reading and stores what was read (exit 130 or 143);\n"
         "a second one stops at once.\n"
         "\n"
         "  --db FILE             database (default $DATELINE_DB or dateline.db)\n"
         "  --date YYYY-MM-DD     date for texts without their own\n"
         "  --batch N             documents per transaction (default 1000)\n"
         "  --jobs N              threads annotating (default: the processors, up to 16)\n"
         "  --input-format F      auto (default), jsonl or text\n"
         "  --id-field NAME       JSONL field names: also --date-field, --text-field,\n"
         "                        --title-field, --url-field, --source-field\n"
         "  --max-doc-bytes N     larger documents are rejected (default 8M)\n"
         "  --max-line-bytes N    longer JSONL lines are rejected (default 16M)\n"
         "  --date-from-name      date a text by its file name (YYYY-MM-DD, YYYYMMDD,\n"
         "                        YYYY_MM_DD anywhere in it)\n"
         "  --metadata FILE       CSV/TSV table with a header: file name (with or without\n"
         "                        extension) or id, date, title, url, publisher\n"
         "  --progress            the progress line (percent, ETA) even off a terminal\n"
         "  --quiet               no progress line and no summary\n"
         "\n"
         "Inputs: JSONL ({\"id\",\"date\",\"text\",...} per line), plain text dated by a\n"
         "leading \"date YYYY-MM-DD\", by --metadata, --date-from-name or --date (in\n"
         "that order). Bad input is reported as FILE:LINE: error: ... and the run goes\n"
         "on; exit status 1 if any was rejected. A one-line summary goes to stderr.");
}

int cmd_ingest(int argc, char **argv)
{
    cli_common com = {0};
    cli_input_opts io = {0};
    io.jobs = cli_jobs_default();
    io.progress = isatty(STDERR_FILENO);
    bool quiet = false;
    long batch = 1000;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    if (paths == NULL)
        return EXIT_FAILURE_;
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            free(paths);
            return EXIT_OK;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0 ||
                   (r = cli_input_opt(&io, argc, argv, &i)) != 0) {
            if (r < 0) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if ((v = cli_opt_value("--batch", argc, argv, &i))) {
            char msg[300];
            if (cli_parse_long("--batch", v, 1, 100000000, &batch, msg, sizeof msg) < 0) {
                fprintf(stderr, "dateline: %s\n", msg);
                free(paths);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
            io.progress = false;
            quiet = true;
        } else if (strcmp(argv[i], "--progress") == 0) {
            io.progress = true;
            quiet = false;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "dateline ingest: unknown option '%s'\n", argv[i]);
            free(paths);
            return EXIT_USAGE;
        } else {
            paths[np++] = argv[i];
        }
    }
    if (np == 0) {
        fprintf(stderr, "dateline ingest: no input (give files, folders or -)\n");
        free(paths);
        return EXIT_USAGE;
    }
    io.rc.default_date = com.date;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dl_kb *kb = cli_open_kb(&com, 0);
    dl_store *st = kb ? cli_open_store(&com) : NULL;
    if (st == NULL) {
        dl_kb_free(kb);
        free(paths);
        return EXIT_FAILURE_;
    }
    ingest_ctx c = {.st = st, .batch = batch};
    io.known = known;
    dl_error err;
    cli_input_stats s;
    int rc = EXIT_OK;
    if (dl_store_begin(st, &err) != DL_OK) {
        cli_print_error(&err);
        rc = EXIT_FAILURE_;
    } else {
        cli_catch_interrupts();
        cli_input_run(kb, paths, np, &io, put, &c, &s);
        if (c.failed) {
            dl_store_rollback(st, &err);
            rc = EXIT_FAILURE_;
        } else if (dl_store_commit(st, &err) != DL_OK) {
            cli_print_error(&err);
            rc = EXIT_FAILURE_;
        } else {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            if (!quiet)
                fprintf(stderr,
                        "ingest: %ld document%s stored, %ld already present, %ld rejected; "
                        "%ld sentences, %ld events; %.1f s; %s\n",
                        c.stored, c.stored == 1 ? "" : "s", s.skipped, s.rejected, s.sentences,
                        s.events, dt, cli_db_path(&com));
            if (s.rejected)
                rc = EXIT_REJECTED;
            if (cli_interrupted) {
                /* everything read before the signal is stored */
                fprintf(stderr, "ingest: interrupted by %s: %ld document%s stored\n",
                        cli_interrupted == SIGINT ? "SIGINT" : "SIGTERM", c.stored,
                        c.stored == 1 ? "" : "s");
                rc = 128 + cli_interrupted;
            }
        }
    }
    dl_store_close(st);
    dl_kb_free(kb);
    free(paths);
    return rc;
}
