/*
 * main.c — the `dateline` command: global flags and the command table.
 * Each command lives in its own cli/cmd_*.c and uses only dateline.h.
 */
#include "cli.h"

#include <string.h>

static const cli_command commands[] = {
    {"ingest", "read, code and store documents (files, folders, -)", cmd_ingest},
    {"annotate", "JSONL documents in, SCHEMA.md annotations out (no database)", cmd_annotate},
    {"code", "JSONL documents in, JSONL events out (no database)", cmd_code},
    {"search", "full-text search over stored sentences", cmd_search},
    {"events", "stored events, filtered by actor, dyad, date, code, place", cmd_events},
    {"quotes", "stored quotations, by speaker", cmd_quotes},
    {"actors", "stored actors with mention counts", cmd_actors},
    {"timeline", "events per day for an actor or dyad", cmd_timeline},
    {"stats", "what the store holds", cmd_stats},
    {"export", "stored events as GDELT, Phoenix, PLOVER, JSONL or CSV", cmd_export},
    {"serve", "HTTP JSON API and web page over the store", cmd_serve},
    {"explain", "every layer of one sentence and why", cmd_explain},
    {"eval", "score against gold data", cmd_eval},
    {"dict", "check actor and agent dictionaries (ours or PETRARCH's)", cmd_dict},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: dateline COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "dateline codes dated news into events (who did what to whom, when,\n"
            "where) and quotations, every fact tied to its sentence.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "common options:\n"
            "  --db FILE      database (default $DATELINE_DB or dateline.db)\n"
            "  --data DIR     knowledge folder (default: beside the program)\n"
            "  --date D       document date for texts without one (YYYY-MM-DD)\n"
            "  --format F     output: table, jsonl, tsv, csv\n"
            "  --actors FILE  extra actor dictionary (ours or PETRARCH's), repeatable\n"
            "  --verbs FILE   extra verb dictionary (ours or PETRARCH's), repeatable\n"
            "\n"
            "exit status: 0 ok, 1 some input was rejected, 2 usage error,\n"
            "3 the run failed (store or knowledge could not be opened).\n"
            "`dateline COMMAND --help` describes a command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("dateline %s\n"
               "output schema %d (annotate JSON lines, SCHEMA.md)\n"
               "store schema %d (SQLite), %d (PostgreSQL)\n",
               DL_VERSION, DL_SCHEMA, DL_STORE_SCHEMA_SQLITE, DL_STORE_SCHEMA_PG);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "dateline: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
