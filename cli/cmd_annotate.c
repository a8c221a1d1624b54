/*
 * cmd_annotate.c — `dateline annotate` (SCHEMA.md JSONL per document) and
 * `dateline code` (JSONL events): streaming filters, no database, the
 * unit of work for running dateline under parallel or Hadoop Streaming.
 */
#include "input.h"

#include <stdlib.h>
#include <string.h>

static int write_doc(void *ctx, dl_doc *doc)
{
    const unsigned *flags = ctx;
    char *s = dl_doc_to_json_ex(doc, *flags);
    if (s == NULL) {
        fprintf(stderr, "dateline: out of memory\n");
        return 1;
    }
    int rc = puts(s);
    free(s);
    return rc == EOF; /* output that cannot be written stops the run */
}

static int write_events(void *ctx, dl_doc *doc)
{
    DL_CLI_UNUSED(ctx);
    char *s = dl_doc_events_to_json(doc);
    if (s == NULL) {
        fprintf(stderr, "dateline: out of memory\n");
        return 1;
    }
    int rc = fputs(s, stdout);
    free(s);
    return rc == EOF;
}

static int run(int argc, char **argv, bool events)
{
    cli_common com = {0};
    cli_input_opts io = {0};
    io.jobs = cli_jobs_default();
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t np = 0;
    unsigned json_flags = 0;
    if (paths == NULL)
        return EXIT_FAILURE_;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: dateline %s [OPTIONS] [FILE...|-]\n\n"
                   "%s\n"
                   "Reads JSONL documents ({\"id\",\"date\",\"text\"} per line) or text files\n"
                   "from the files given or standard input. Bad documents are reported as\n"
                   "FILE:LINE: error: ... on stderr and produce no output line; exit status 1.\n\n"
                   "  --date YYYY-MM-DD   date for documents without one\n"
                   "  --input-format F    auto, jsonl or text; --id-field NAME etc. as for ingest\n"
                   "  --jobs N            threads annotating (default: the processors); output\n"
                   "                      order is always the input's\n"
                   "  --actors FILE       extra actor dictionary; --verbs FILE extra verbs\n"
                   "  --tokens            (annotate) each sentence's words with part of speech,\n"
                   "                      lemma and dependency tree (head, dep)\n",
                   argv[0],
                   events ? "Writes one JSON line per coded event (with \"doc\" and \"evidence_text\")."
                          : "Writes one SCHEMA.md JSON line per input document, in input order.");
            free(paths);
            return EXIT_OK;
        } else if (!events && strcmp(argv[i], "--tokens") == 0) {
            json_flags |= DL_JSON_TOKENS;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0 ||
                   (r = cli_input_opt(&io, argc, argv, &i)) != 0) {
            if (r < 0) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "dateline %s: unknown option '%s'\n", argv[0], argv[i]);
            free(paths);
            return EXIT_USAGE;
        } else {
            paths[np++] = argv[i];
        }
    }
    if (np == 0)
        paths[np++] = "-";
    io.rc.default_date = com.date;
    dl_kb *kb = cli_open_kb(&com, 0);
    if (kb == NULL) {
        free(paths);
        return EXIT_FAILURE_;
    }
    cli_input_stats s;
    cli_input_run(kb, paths, np, &io, events ? write_events : write_doc, &json_flags, &s);
    dl_kb_free(kb);
    free(paths);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dateline: cannot write output\n");
        return EXIT_FAILURE_;
    }
    return s.rejected ? EXIT_REJECTED : EXIT_OK;
}

int cmd_annotate(int argc, char **argv)
{
    return run(argc, argv, false);
}

int cmd_code(int argc, char **argv)
{
    return run(argc, argv, true);
}
