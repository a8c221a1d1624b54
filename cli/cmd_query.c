/*
 * cmd_query.c — the store queries: search, events, quotes, actors, stats.
 * Each parses filters into a dl_query and prints rows as a readable table
 * on a terminal, or as --format jsonl|tsv|csv.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef enum { Q_SEARCH, Q_EVENTS, Q_QUOTES, Q_ACTORS, Q_STATS, Q_TIMELINE } qkind;

static const char *const helps[] = {
    "usage: dateline search [OPTIONS] QUERY\n\n"
    "Full-text search (SQLite FTS5 syntax: words, \"phrases\", OR, NOT, prefix*)\n"
    "over stored sentences, best first, the matches highlighted.\n"
    "  --from D --to D   date range   --limit N  \n"
    "  --format F        table (default on a terminal), tsv (default otherwise),\n"
    "                    csv or jsonl\n"
    "  --wide            table: keep long text whole (default: cut to the terminal)",
    "usage: dateline events [OPTIONS]\n\n"
    "Stored events (negated ones excluded), oldest first.\n"
    "  --actor CODE      source or target code prefix (RUS, RUSGOV)\n"
    "  --source CODE --target CODE   code prefixes\n"
    "  --dyad A:B        A acting on B (A~B: either way)\n"
    "  --cameo PREFIX    CAMEO code prefix (13, 043)\n"
    "  --plover TYPE     PLOVER type (CONSULT)\n"
    "  --quad N          QuadClass 1-4\n"
    "  --from D --to D   date range\n"
    "  --near LAT,LON --km N    events within N km\n"
    "  --bbox S,W,N,E    events inside a box\n"
    "  --merged          one row per event across documents (same day, dyad,\n"
    "                    code, place) with mention, article and source counts\n"
    "  --limit N \n"
    "  --format F        table (default on a terminal), tsv (default otherwise),\n"
    "                    csv or jsonl\n"
    "  --wide            table: keep long text whole (default: cut to the terminal)",
    "usage: dateline quotes [OPTIONS]\n\n"
    "Stored quotations with speaker, cue, date and document.\n"
    "  --speaker NAME    name substring or actor code\n"
    "  --contains TEXT   quotation text substring\n"
    "  --from D --to D  --limit N \n"
    "  --format F        table (default on a terminal), tsv (default otherwise),\n"
    "                    csv or jsonl\n"
    "  --wide            table: keep long text whole (default: cut to the terminal)",
    "usage: dateline actors [OPTIONS]\n\n"
    "Actors in the store with mention and document counts.\n"
    "  --actor TEXT      code prefix or name substring\n"
    "  --country ISO3 --sector GOV   filters\n"
    "  --from D --to D  --limit N \n"
    "  --format F        table (default on a terminal), tsv (default otherwise),\n"
    "                    csv or jsonl\n"
    "  --wide            table: keep long text whole (default: cut to the terminal)",
    "usage: dateline stats [--db FILE] [--format table|tsv|csv|jsonl]\n\nCounts of what the store holds (store schema: the version of its tables).",
    "usage: dateline timeline [OPTIONS]\n\n"
    "Events per day for the filters of `dateline events` (--actor, --dyad A:B or\n"
    "A~B, --cameo, --plover, --from, --to ...): the count, cooperation (QuadClass\n"
    "1-2) against conflict (3-4), and the most frequent CAMEO code of the day.\n"
    " \n"
    "  --format F        table (default on a terminal), tsv (default otherwise),\n"
    "                    csv or jsonl\n"
    "  --wide            table: keep long text whole (default: cut to the terminal)",
};

/* Aggregates event rows (ordered by date) into one row per day. */
typedef struct timeline {
    cli_printer *p;
    char day[11];
    long n, coop, conflict;
    char codes[16][5];
    long counts[16];
    int ncodes;
} timeline;

static void timeline_flush(timeline *t)
{
    if (t->day[0] == '\0')
        return;
    int best = 0;
    for (int i = 1; i < t->ncodes; i++)
        if (t->counts[i] > t->counts[best])
            best = i;
    char n[24], coop[24], conf[24], bar[41];
    snprintf(n, sizeof n, "%ld", t->n);
    snprintf(coop, sizeof coop, "%ld", t->coop);
    snprintf(conf, sizeof conf, "%ld", t->conflict);
    long w = t->n > 40 ? 40 : t->n;
    for (long i = 0; i < w; i++)
        bar[i] = i < t->conflict * w / (t->n ? t->n : 1) ? '#' : '+';
    bar[w] = '\0';
    const char *names[] = {"date", "events", "cooperation", "conflict", "top_cameo", "bar"};
    const char *vals[] = {t->day, n, coop, conf, t->ncodes ? t->codes[best] : "", bar};
    cli_print_row(t->p, 6, names, vals);
}

static int timeline_row(void *ctx, int ncol, const char *const *names,
                        const char *const *values)
{
    timeline *t = ctx;
    const char *date = NULL, *quad = NULL, *cameo = NULL;
    for (int i = 0; i < ncol; i++) {
        if (strcmp(names[i], "date") == 0)
            date = values[i];
        else if (strcmp(names[i], "quad") == 0)
            quad = values[i];
        else if (strcmp(names[i], "cameo") == 0)
            cameo = values[i];
    }
    if (date == NULL)
        return 0;
    if (strcmp(date, t->day) != 0) {
        timeline_flush(t);
        snprintf(t->day, sizeof t->day, "%s", date);
        t->n = t->coop = t->conflict = 0;
        t->ncodes = 0;
    }
    t->n++;
    long q = quad ? strtol(quad, NULL, 10) : 0;
    t->coop += q == 1 || q == 2;
    t->conflict += q == 3 || q == 4;
    if (cameo) {
        int i = 0;
        while (i < t->ncodes && strcmp(t->codes[i], cameo) != 0)
            i++;
        if (i == t->ncodes && t->ncodes < 16) {
            snprintf(t->codes[i], sizeof t->codes[i], "%.4s", cameo);
            t->counts[i] = 0;
            t->ncodes++;
        }
        if (i < t->ncodes)
            t->counts[i]++;
    }
    return 0;
}


static int run(int argc, char **argv, qkind kind)
{
    cli_common com = {.formats = cli_formats_rows};
    /* the CLI's search takes FTS5 syntax as it always did (the API and the
     * page take plain words unless fts=1) */
    dl_query q = {.fts_syntax = kind == Q_SEARCH};
    bool wide = false;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts(helps[kind]);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--wide") == 0) {
            wide = true;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if ((r = cli_query_opt(&q, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "dateline %s: unknown option '%s'\n", argv[0], argv[i]);
            return EXIT_USAGE;
        } else if (kind == Q_SEARCH && q.text == NULL) {
            q.text = argv[i];
        } else {
            fprintf(stderr, "dateline %s: unexpected argument '%s'\n", argv[0], argv[i]);
            return EXIT_USAGE;
        }
    }
    if (cli_query_finish(&q) < 0)
        return EXIT_USAGE;
    if (kind == Q_SEARCH && (q.text == NULL || q.text[0] == '\0')) {
        fprintf(stderr, "dateline search: give a query\n");
        return EXIT_USAGE;
    }
    bool tty = cli_stdout_is_tty();
    cli_printer p = {.format = com.format ? com.format : (tty ? "table" : "tsv"), .wide = wide};
    if (tty && strcmp(p.format, "table") == 0) {
        q.hl_open = "\x1b[1;33m";
        q.hl_close = "\x1b[0m";
    } else {
        q.hl_open = "[";
        q.hl_close = "]";
    }
    dl_store *st = cli_open_store_existing(&com);
    if (st == NULL)
        return EXIT_FAILURE_;
    dl_error err;
    dl_code rc;
    switch (kind) {
    case Q_SEARCH: rc = dl_store_search(st, &q, cli_print_row, &p, &err); break;
    case Q_EVENTS: rc = dl_store_events(st, &q, cli_print_row, &p, &err); break;
    case Q_QUOTES: rc = dl_store_quotes(st, &q, cli_print_row, &p, &err); break;
    case Q_ACTORS: rc = dl_store_actors(st, &q, cli_print_row, &p, &err); break;
    case Q_TIMELINE: {
        timeline t = {.p = &p};
        if (q.limit == 0)
            q.limit = 1000000;
        rc = dl_store_events(st, &q, timeline_row, &t, &err);
        timeline_flush(&t);
        break;
    }
    default: rc = dl_store_stats(st, cli_print_row, &p, &err); break;
    }
    dl_store_close(st);
    cli_printer_end(&p);
    if (rc != DL_OK) {
        cli_print_error(&err);
        return rc == DL_EDB || rc == DL_EUSAGE ? EXIT_USAGE : EXIT_FAILURE_;
    }
    if (tty && p.rows == 0 && kind != Q_STATS)
        fprintf(stderr, "no results\n");
    return EXIT_OK;
}

int cmd_search(int argc, char **argv) { return run(argc, argv, Q_SEARCH); }
int cmd_events(int argc, char **argv) { return run(argc, argv, Q_EVENTS); }
int cmd_quotes(int argc, char **argv) { return run(argc, argv, Q_QUOTES); }
int cmd_actors(int argc, char **argv) { return run(argc, argv, Q_ACTORS); }
int cmd_stats(int argc, char **argv) { return run(argc, argv, Q_STATS); }
int cmd_timeline(int argc, char **argv) { return run(argc, argv, Q_TIMELINE); }
