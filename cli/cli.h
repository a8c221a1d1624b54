/*
 * cli.h — what the command files of the `dateline` tool share: the
 * command table entry, option parsing helpers, opening the knowledge base
 * and the store with the common options. The tool is thin: every command
 * parses arguments, calls libdateline, prints.
 */
#ifndef DL_CLI_H
#define DL_CLI_H

#include "dateline.h"

#include <stdio.h>

#define DL_CLI_UNUSED(x) ((void)(x))

/* Exit codes (documented in README and `dateline --help`). */
enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_FAILURE_ = 3 };

typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv); /* argv[0] is the command name */
} cli_command;

/* Common options every command accepts (parsed by cli_common_opt). */
typedef struct cli_common {
    const char *db;        /* --db FILE, $DATELINE_DB, "dateline.db" */
    const char *data_dir;  /* --data DIR */
    const char *format;    /* --format table|json|jsonl|tsv|csv|... */
    const char *date;      /* --date YYYY-MM-DD */
    const char *const *actor_dicts; /* --actors FILE (repeatable) */
    const char *const *verb_dicts;  /* --verbs FILE (repeatable) */
} cli_common;

/* If argv[*i] is a common option, consumes it (and its value) and returns
 * 1; returns -1 on a missing value (message printed), 0 otherwise. */
int cli_common_opt(cli_common *c, int argc, char **argv, int *i);
/* If argv[*i] is a query filter (--from --to --limit --actor --source
 * --target --dyad --cameo --plover --quad --country --sector --speaker
 * --contains --near --km --bbox --merged), consumes it into q; same
 * contract as cli_common_opt. */
int cli_query_opt(dl_query *q, int argc, char **argv, int *i);
/* Value of option `name` at argv[*i] ("--x V" or "--x=V"), or NULL. */
const char *cli_opt_value(const char *name, int argc, char **argv, int *i);
/* The db path after options and environment. */
const char *cli_db_path(const cli_common *c);
/* Opens the knowledge base with the common options; prints on error. */
dl_kb *cli_open_kb(const cli_common *c, unsigned stages);
/* Opens the store; prints on error. */
dl_store *cli_open_store(const cli_common *c);
/* Prints "dateline: what" or "FILE:LINE: error: what" to stderr. */
void cli_print_error(const dl_error *err);
/* Whether stdout is a terminal (tables) or not (plain lines). */
int cli_stdout_is_tty(void);
/* Prints rows from a store query as a table, TSV or JSON lines. */
int cli_print_row(void *ctx, int ncol, const char *const *names,
                  const char *const *values);
typedef struct cli_printer {
    const char *format; /* "table", "tsv", "jsonl", "csv" */
    long rows;
    int header_done;
} cli_printer;

/* The commands (cli/cmd_*.c), listed in the table in cli/main.c. */
int cmd_ingest(int argc, char **argv);
int cmd_annotate(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
