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
    /* set by the command before parsing: the --format names it accepts
     * (NULL: it has no --format; cli_formats_any: checked later) */
    const char *const *formats;
} cli_common;

/* If argv[*i] is a common option, consumes it (and its value) and returns
 * 1; returns -1 on a missing value (message printed), 0 otherwise. */
int cli_common_opt(cli_common *c, int argc, char **argv, int *i);
/* If argv[*i] is a query filter (--from --to --limit --actor --source
 * --target --dyad --cameo --plover --quad --country --sector --speaker
 * --contains --near --km --bbox --merged), consumes it into q; same
 * contract as cli_common_opt. */
int cli_query_opt(dl_query *q, int argc, char **argv, int *i);
/* Checks of option values, shared by the CLI and the HTTP API (args.c).
 * Each returns -1 with a message in msg that names the option and says
 * what it accepts. */
/* The filters cli_query_set knows, NULL-terminated (the API's parameter
 * names; the CLI's options are "--" + name, except "q" and "text"). */
extern const char *const cli_query_names[];
/* Sets filter `name` from v: 1 set, 0 not a filter, -1 invalid. api:
 * name the option as "name=" in messages, else "--name". */
int cli_query_set(dl_query *q, const char *name, const char *v, bool api, char *msg,
                  size_t cap);
/* Checks across filters once all are set: --from after --to, --km
 * without --near. 0 or -1. */
int cli_query_check(const dl_query *q, bool km_given, bool near_given, bool api, char *msg,
                    size_t cap);
/* A calendar date, exactly YYYY-MM-DD (2016-02-29 yes, 2015-02-29 no). */
bool cli_valid_date(const char *s);
/* Whole number in [min, max]: 1 and *out set, or -1. */
int cli_parse_long(const char *name, const char *v, long min, long max, long *out,
                   char *msg, size_t cap);
/* Index of v in the NULL-terminated names, or -1 (message lists them). */
int cli_check_enum(const char *name, const char *v, const char *const *names, char *msg,
                   size_t cap);
/* The formats of row output (table, tsv, csv, jsonl, json). */
extern const char *const cli_formats_rows[];
/* Export's formats, checked by the library: any name passes here. */
extern const char *const cli_formats_any[];
/* After the last cli_query_opt: the cross checks; prints and -1, or 0. */
int cli_query_finish(const dl_query *q);

/* Value of option `name` at argv[*i] ("--x V" or "--x=V"), or NULL. */
const char *cli_opt_value(const char *name, int argc, char **argv, int *i);
/* The db path after options and environment. */
const char *cli_db_path(const cli_common *c);
/* Opens the knowledge base with the common options; prints on error. */
dl_kb *cli_open_kb(const cli_common *c, unsigned stages);
/* Opens the store, creating it if needed (ingest); prints on error. */
dl_store *cli_open_store(const cli_common *c);
/* Opens an existing store (read commands): a SQLite file that does not
 * exist is refused ("no such database"), never created. */
dl_store *cli_open_store_existing(const cli_common *c);
/* Prints "dateline: what" or "FILE:LINE: error: what" to stderr. */
void cli_print_error(const dl_error *err);
/* Whether stdout is a terminal (tables) or not (plain lines). */
int cli_stdout_is_tty(void);
/* Prints rows from a store query as a table, TSV or JSON lines. */
int cli_print_row(void *ctx, int ncol, const char *const *names,
                  const char *const *values);
typedef struct cli_table cli_table;
typedef struct cli_printer {
    const char *format; /* "table", "tsv", "jsonl", "csv" */
    long rows;
    int header_done;
    /* table: rows kept until cli_printer_end prints them (table.c) */
    cli_table *table;
    int width;          /* table width; 0: the terminal's, else $COLUMNS, else 80 */
    bool wide;          /* --wide: no cell is cut */
} cli_printer;
/* Prints what a table printer kept (no-op for the other formats). */
void cli_printer_end(cli_printer *p);
/* table.c */
int cli_table_add(cli_printer *p, int ncol, const char *const *names,
                  const char *const *values);
void cli_table_print(cli_printer *p);
int cli_terminal_width(void);

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
