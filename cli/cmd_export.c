/*
 * cmd_export.c — `dateline export --format F [--out FILE] [filters]`:
 * stored events as GDELT 2.0, ICEWS, PLOVER, POLECAT, Phoenix, JSONL or
 * CSV files.
 */
#include "cli.h"

#include <stdlib.h>
#include <errno.h>
#include <string.h>

int cmd_export(int argc, char **argv)
{
    cli_common com = {.formats = cli_formats_any};
    dl_query q = {0};
    const char *out_path = NULL;
    dl_export_options xo = {0};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: dateline export --format FORMAT [--out FILE] [--dedup gdelt|icews]\n"
                 "                        [--historical] [FILTERS]\n\n"
                 "Writes stored events (never negated or hypothetical ones) as:\n"
                 "  gdelt           GDELT 2.0 Event table (61 columns, tab-separated)\n"
                 "  gdelt-mentions  GDELT 2.0 Mentions table (16 columns)\n"
                 "  icews           ICEWS event file (tab-separated, header)\n"
                 "  plover          PLOVER JSON lines (actor and recipient lists)\n"
                 "  polecat         POLECAT release TSV (header)\n"
                 "  phoenix         Phoenix-style TSV\n"
                 "  jsonl, csv      one row per mention, every field\n"
                 "--dedup gdelt (default): one event per day, dyad, code and place;\n"
                 "--dedup icews: one per day, dyad, code and publisher. Copies of one\n"
                 "story are one article. --historical: also events dated over a year\n"
                 "before their article. Filters as for `dateline events`: --actor\n"
                 "--source --target --dyad --cameo --plover --quad --from --to --limit.\n"
                 "See docs/export.md.");
            return EXIT_OK;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if ((v = cli_opt_value("--out", argc, argv, &i))) {
            out_path = v;
        } else if ((v = cli_opt_value("--dedup", argc, argv, &i))) {
            xo.dedup = v;
        } else if (strcmp(argv[i], "--historical") == 0) {
            xo.historical = true;
        } else if ((r = cli_query_opt(&q, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else {
            fprintf(stderr, "dateline export: unexpected argument '%s'\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (cli_query_finish(&q) < 0)
        return EXIT_USAGE;
    if (com.format == NULL) {
        fprintf(stderr, "dateline export: give --format"
                        " gdelt|gdelt-mentions|icews|plover|polecat|phoenix|jsonl|csv\n");
        return EXIT_USAGE;
    }
    FILE *out = stdout;
    if (out_path && (out = fopen(out_path, "w")) == NULL) {
        fprintf(stderr, "%s:1: error: cannot write: %s\n", out_path, strerror(errno));
        return EXIT_FAILURE_;
    }
    dl_store *st = cli_open_store_existing(&com);
    if (st == NULL) {
        if (out != stdout)
            fclose(out);
        return EXIT_FAILURE_;
    }
    dl_error err;
    long rows = 0;
    xo.format = com.format;
    xo.data_dir = com.data_dir;
    dl_code rc = dl_store_export_with(st, &q, &xo, out, &rows, &err);
    dl_store_close(st);
    if (out != stdout && fclose(out) != 0 && rc == DL_OK)
        rc = DL_EIO;
    if (rc != DL_OK) {
        cli_print_error(&err);
        return rc == DL_EUSAGE ? EXIT_USAGE : EXIT_FAILURE_;
    }
    if (out != stdout)
        fprintf(stderr, "wrote %ld rows to %s\n", rows, out_path);
    return EXIT_OK;
}
