/*
 * common.c — option parsing, opening the knowledge base and the store,
 * error printing and row printing shared by the commands of `dateline`.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *cli_opt_value(const char *name, int argc, char **argv, int *i)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "dateline: %s needs a value\n", name);
        return "";
    }
    (*i)++;
    return argv[*i];
}

/* Appends to a NULL-terminated list kept in static storage per option. */
static const char *const *list_add(const char ***list, size_t *n, const char *v)
{
    const char **l = realloc(*list, (*n + 2) * sizeof *l);
    if (l == NULL)
        return *list;
    l[(*n)++] = v;
    l[*n] = NULL;
    *list = l;
    return l;
}

int cli_common_opt(cli_common *c, int argc, char **argv, int *i)
{
    static const char **actors, **verbs;
    static size_t nactors, nverbs;
    const char *v;
    if ((v = cli_opt_value("--db", argc, argv, i)))
        c->db = v;
    else if ((v = cli_opt_value("--data", argc, argv, i)))
        c->data_dir = v;
    else if ((v = cli_opt_value("--format", argc, argv, i))) {
        char msg[600];
        if (*v && c->formats == NULL) {
            fprintf(stderr, "dateline: this command has no --format (see its --help)\n");
            return -1;
        }
        if (*v && c->formats != cli_formats_any &&
            cli_check_enum("--format", v, c->formats, msg, sizeof msg) < 0) {
            fprintf(stderr, "dateline: %s\n", msg);
            return -1;
        }
        c->format = v;
    } else if ((v = cli_opt_value("--date", argc, argv, i))) {
        if (*v && !cli_valid_date(v)) {
            fprintf(stderr, "dateline: --date wants a date YYYY-MM-DD (a day of the calendar), not '%s'\n", v);
            return -1;
        }
        c->date = v;
    }
    else if ((v = cli_opt_value("--actors", argc, argv, i)))
        c->actor_dicts = list_add(&actors, &nactors, v);
    else if ((v = cli_opt_value("--verbs", argc, argv, i)))
        c->verb_dicts = list_add(&verbs, &nverbs, v);
    else
        return 0;
    return *v ? 1 : -1;
}

const char *cli_db_path(const cli_common *c)
{
    if (c->db)
        return c->db;
    const char *env = getenv("DATELINE_DB");
    return env && *env ? env : "dateline.db";
}

void cli_print_error(const dl_error *err)
{
    if (err->file[0])
        fprintf(stderr, "%s:%ld: error: %s\n", err->file, err->line > 0 ? err->line : 1, err->msg);
    else
        fprintf(stderr, "dateline: error: %s\n", err->msg);
}

dl_kb *cli_open_kb(const cli_common *c, unsigned stages)
{
    dl_kb_config cfg = {0};
    cfg.data_dir = c->data_dir;
    cfg.stages = stages;
    cfg.actor_dicts = c->actor_dicts;
    cfg.verb_dicts = c->verb_dicts;
    dl_kb *kb;
    dl_error err;
    if (dl_kb_open(&cfg, &kb, &err) != DL_OK) {
        cli_print_error(&err);
        return NULL;
    }
    return kb;
}

dl_store *cli_open_store(const cli_common *c)
{
    dl_store *st;
    dl_error err;
    if (dl_store_open(cli_db_path(c), &st, &err) != DL_OK) {
        cli_print_error(&err);
        return NULL;
    }
    return st;
}

dl_store *cli_open_store_existing(const cli_common *c)
{
    const char *path = cli_db_path(c);
    bool url = strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0 ||
               strncmp(path, "file:", 5) == 0 || strcmp(path, ":memory:") == 0;
    if (!url && access(path, F_OK) != 0) {
        fprintf(stderr, "dateline: error: %s: no such database; `dateline ingest` creates one\n",
                path);
        return NULL;
    }
    return cli_open_store(c);
}

int cli_stdout_is_tty(void)
{
    return isatty(STDOUT_FILENO);
}

static void json_str(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default:
            if (*p < 0x20)
                printf("\\u%04x", *p);
            else
                putchar(*p);
        }
    }
    putchar('"');
}

/* A value for a TSV cell: tabs and newlines become spaces. */
static void tsv_cell(const char *s)
{
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void csv_cell(const char *s)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

int cli_print_row(void *ctx, int ncol, const char *const *names,
                  const char *const *values)
{
    cli_printer *p = ctx;
    const char *f = p->format ? p->format : "table";
    if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0) {
        putchar('{');
        for (int i = 0; i < ncol; i++) {
            if (i)
                putchar(',');
            json_str(names[i]);
            putchar(':');
            if (values[i] == NULL)
                fputs("null", stdout);
            else
                json_str(values[i]);
        }
        puts("}");
    } else if (strcmp(f, "tsv") == 0 || strcmp(f, "csv") == 0) {
        bool csv = f[0] == 'c';
        if (!p->header_done) {
            for (int i = 0; i < ncol; i++) {
                if (i)
                    putchar(csv ? ',' : '\t');
                fputs(names[i], stdout);
            }
            putchar('\n');
            p->header_done = 1;
        }
        for (int i = 0; i < ncol; i++) {
            if (i)
                putchar(csv ? ',' : '\t');
            if (values[i])
                (csv ? csv_cell : tsv_cell)(values[i]);
        }
        putchar('\n');
    } else if (cli_table_add(p, ncol, names, values) != 0) {
        /* "table": printed whole by cli_printer_end, columns aligned */
        fprintf(stderr, "dateline: out of memory\n");
        return 1;
    }
    p->rows++;
    return 0;
}

void cli_printer_end(cli_printer *p)
{
    cli_table_print(p);
}

static bool km_given, near_given;

int cli_query_opt(dl_query *q, int argc, char **argv, int *i)
{
    if (strcmp(argv[*i], "--merged") == 0) {
        q->merged = true;
        return 1;
    }
    for (int k = 0; cli_query_names[k]; k++) {
        const char *name = cli_query_names[k];
        if (strcmp(name, "q") == 0 || strcmp(name, "text") == 0)
            continue; /* the API's; the CLI takes the search text as an argument */
        char opt[40];
        snprintf(opt, sizeof opt, "--%s", name);
        const char *v = cli_opt_value(opt, argc, argv, i);
        if (v == NULL)
            continue;
        if (*v == '\0')
            return -1; /* "needs a value" printed */
        char msg[600];
        if (cli_query_set(q, name, v, false, msg, sizeof msg) < 0) {
            fprintf(stderr, "dateline: %s\n", msg);
            return -1;
        }
        km_given |= strcmp(name, "km") == 0;
        near_given |= strcmp(name, "near") == 0;
        return 1;
    }
    return 0;
}

int cli_query_finish(const dl_query *q)
{
    char msg[600];
    if (cli_query_check(q, km_given, near_given, false, msg, sizeof msg) < 0) {
        fprintf(stderr, "dateline: %s\n", msg);
        return -1;
    }
    return 0;
}
