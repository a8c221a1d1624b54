/*
 * cmd_dict.c — `dateline dict check FILE...`: loads actor and agent
 * dictionaries (ours or PETRARCH/TABARI's, told apart by their content)
 * together and prints each syntax error and conflicting entry as
 * "file:line: error|conflict: message", then a summary line. Exit 0 when
 * clean, 1 when there were errors or conflicts, 2 on usage, 3 when a file
 * cannot be read.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: dateline dict check FILE...\n"
                    "  checks actor and agent dictionaries (ours or PETRARCH's):\n"
                    "  syntax errors and conflicting entries, with file:line\n");
    return EXIT_USAGE;
}

int cmd_dict(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: dateline dict check FILE...\n"
             "  checks actor and agent dictionaries (ours or PETRARCH's):\n"
             "  syntax errors and conflicting entries, with file:line");
        return EXIT_OK;
    }
    if (argc < 3 || strcmp(argv[1], "check") != 0)
        return usage();
    /* a file that cannot be read is a failed run, not "0 error(s)" */
    for (int i = 2; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (f == NULL) {
            fprintf(stderr, "%s:1: error: cannot read: %s\n", argv[i], strerror(errno));
            return EXIT_FAILURE_;
        }
        fclose(f);
    }
    dl_error err;
    long errors = 0, conflicts = 0;
    dl_code rc = dl_dict_check((const char *const *)(argv + 2), (size_t)(argc - 2),
                                  stdout, &errors, &conflicts, &err);
    if (rc != DL_OK) {
        cli_print_error(&err);
        return EXIT_FAILURE_;
    }
    return errors || conflicts ? EXIT_REJECTED : EXIT_OK;
}
