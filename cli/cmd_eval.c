/*
 * cmd_eval.c — `dateline eval SUITE PATH`: scores the pipeline against
 * gold data through dl_eval() and prints its report.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_eval(int argc, char **argv)
{
    dl_eval_options opt = {0};
    cli_common com = {0};
    const char *suite = NULL, *path = NULL;
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: dateline eval SUITE PATH [--json] [--verbose] [--limit N]\n\nsuites:");
            for (const char *const *s = dl_eval_suites(); *s; s++)
                printf(" %s", *s);
            printf("\n\nScores dateline against gold data and prints the measures of the\n"
                   "suite (see docs/eval.md); --json prints one JSON summary.\n");
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            opt.json = true;
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            opt.verbose = true;
        } else if ((v = cli_opt_value("--limit", argc, argv, &i))) {
            char msg[300];
            if (cli_parse_long("--limit", v, 1, 100000000, &opt.limit, msg, sizeof msg) < 0) {
                fprintf(stderr, "dateline: %s\n", msg);
                return EXIT_USAGE;
            }
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if (suite == NULL) {
            suite = argv[i];
        } else if (path == NULL) {
            path = argv[i];
        } else {
            fprintf(stderr, "dateline eval: unexpected argument '%s'\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (suite == NULL || path == NULL) {
        fprintf(stderr, "usage: dateline eval SUITE PATH (see dateline eval --help)\n");
        return EXIT_USAGE;
    }
    opt.data_dir = com.data_dir;
    dl_error err;
    dl_code rc = dl_eval(suite, path, &opt, stdout, NULL, &err);
    if (rc != DL_OK) {
        cli_print_error(&err);
        return rc == DL_ENOTFOUND ? EXIT_USAGE : EXIT_FAILURE_;
    }
    return EXIT_OK;
}
