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
    else if ((v = cli_opt_value("--format", argc, argv, i)))
        c->format = v;
    else if ((v = cli_opt_value("--date", argc, argv, i)))
        c->date = v;
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
    } else {
        /* "table": one record per block, aligned names, for reading */
        if (p->rows > 0)
            putchar('\n');
        for (int i = 0; i < ncol; i++) {
            if (values[i] == NULL || values[i][0] == '\0')
                continue;
            printf("%-10s ", names[i]);
            tsv_cell(values[i]);
            putchar('\n');
        }
    }
    p->rows++;
    return 0;
}

static int parse_pair(const char *v, double *a, double *b)
{
    char *end;
    *a = strtod(v, &end);
    if (*end != ',')
        return 0;
    *b = strtod(end + 1, &end);
    return *end == '\0';
}

int cli_query_opt(dl_query *q, int argc, char **argv, int *i)
{
    const char *v;
    if (strcmp(argv[*i], "--merged") == 0) {
        q->merged = true;
        return 1;
    }
    if ((v = cli_opt_value("--from", argc, argv, i)))
        q->from = v;
    else if ((v = cli_opt_value("--to", argc, argv, i)))
        q->to = v;
    else if ((v = cli_opt_value("--limit", argc, argv, i)))
        q->limit = strtol(v, NULL, 10);
    else if ((v = cli_opt_value("--actor", argc, argv, i)))
        q->actor = v;
    else if ((v = cli_opt_value("--source", argc, argv, i)))
        q->source = v;
    else if ((v = cli_opt_value("--target", argc, argv, i)))
        q->target = v;
    else if ((v = cli_opt_value("--dyad", argc, argv, i)))
        q->dyad = v;
    else if ((v = cli_opt_value("--cameo", argc, argv, i)))
        q->cameo = v;
    else if ((v = cli_opt_value("--plover", argc, argv, i)))
        q->plover = v;
    else if ((v = cli_opt_value("--quad", argc, argv, i)))
        q->quad_class = (int)strtol(v, NULL, 10);
    else if ((v = cli_opt_value("--country", argc, argv, i)))
        q->country = v;
    else if ((v = cli_opt_value("--sector", argc, argv, i)))
        q->sector = v;
    else if ((v = cli_opt_value("--speaker", argc, argv, i)))
        q->speaker = v;
    else if ((v = cli_opt_value("--contains", argc, argv, i)))
        q->text = v;
    else if ((v = cli_opt_value("--near", argc, argv, i))) {
        if (*v && !parse_pair(v, &q->near_lat, &q->near_lon)) {
            fprintf(stderr, "dateline: --near wants LAT,LON\n");
            return -1;
        }
        if (q->near_km <= 0)
            q->near_km = 50;
    } else if ((v = cli_opt_value("--km", argc, argv, i)))
        q->near_km = strtod(v, NULL);
    else if ((v = cli_opt_value("--bbox", argc, argv, i))) {
        char *end;
        for (int k = 0; k < 4; k++) {
            q->bbox[k] = strtod(v, &end);
            if ((k < 3 && *end != ',') || (k == 3 && *end != '\0')) {
                fprintf(stderr, "dateline: --bbox wants S,W,N,E\n");
                return -1;
            }
            v = end + 1;
        }
        q->has_bbox = true;
        return 1;
    } else
        return 0;
    return *v ? 1 : -1;
}
