/*
 * cmd_serve.c — `dateline serve`: a small HTTP server (libmicrohttpd) with
 * a JSON API over the store and one self-contained web page (cli/web.h):
 * event table with the evidence sentence, timeline, actor list, quote
 * browser and full-text search. Read-only; one request at a time (the
 * server's own thread), all on one connection to the store opened at
 * start (PostgreSQL would otherwise reconnect on every request).
 *
 *   GET /                      the page
 *   GET /api/stats             what the store holds
 *   GET /api/events?...        filters as `dateline events`
 *   GET /api/quotes?speaker=   quotations
 *   GET /api/actors?...        actors with counts
 *   GET /api/search?q=         full-text search, matches between \u0002 and \u0003
 *   GET /api/timeline?...      events per day (same filters as events)
 */
#include "cli.h"
#include "web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RESPONSE (32u << 20) /* a response larger than this is cut */

typedef struct server {
    const char *db;
    dl_store *st; /* used only by the server's one request thread */
    volatile sig_atomic_t stop;
} server;

static server *the_server;

static void on_signal(int sig)
{
    (void)sig;
    if (the_server)
        the_server->stop = 1;
}

/* Collects rows as a JSON array of objects. */
typedef struct json_out {
    char *buf;
    size_t len, cap;
    long rows;
    bool failed;
} json_out;

static void put(json_out *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        if (cap > MAX_RESPONSE) {
            o->failed = true;
            return;
        }
        char *b = realloc(o->buf, cap);
        if (b == NULL) {
            o->failed = true;
            return;
        }
        o->buf = b;
        o->cap = cap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    o->buf[o->len] = '\0';
}

static void puts_(json_out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_json_string(json_out *o, const char *s)
{
    puts_(o, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': puts_(o, "\\\""); break;
        case '\\': puts_(o, "\\\\"); break;
        case '\n': puts_(o, "\\n"); break;
        case '\r': puts_(o, "\\r"); break;
        case '\t': puts_(o, "\\t"); break;
        default:
            if (*p < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);
                puts_(o, esc);
            } else {
                put(o, (const char *)p, 1);
            }
        }
    }
    puts_(o, "\"");
}

static int row_json(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    json_out *o = ctx;
    puts_(o, o->rows ? ",{" : "{");
    for (int i = 0; i < ncol; i++) {
        if (i)
            puts_(o, ",");
        put_json_string(o, names[i]);
        puts_(o, ":");
        if (values[i] == NULL)
            puts_(o, "null");
        else
            put_json_string(o, values[i]);
    }
    puts_(o, "}");
    o->rows++;
    return o->failed;
}

static const char *arg(struct MHD_Connection *c, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

static void query_from(struct MHD_Connection *c, dl_query *q)
{
    q->text = arg(c, "q");
    q->actor = arg(c, "actor");
    q->source = arg(c, "source");
    q->target = arg(c, "target");
    q->dyad = arg(c, "dyad");
    q->cameo = arg(c, "cameo");
    q->plover = arg(c, "plover");
    q->country = arg(c, "country");
    q->sector = arg(c, "sector");
    q->speaker = arg(c, "speaker");
    q->from = arg(c, "from");
    q->to = arg(c, "to");
    const char *v;
    if ((v = arg(c, "quad")))
        q->quad_class = (int)strtol(v, NULL, 10);
    if ((v = arg(c, "limit"))) {
        q->limit = strtol(v, NULL, 10);
        if (q->limit > 5000)
            q->limit = 5000;
    }
    if ((v = arg(c, "near"))) {
        char *end;
        q->near_lat = strtod(v, &end);
        if (*end == ',')
            q->near_lon = strtod(end + 1, NULL);
        q->near_km = 50;
        if ((v = arg(c, "km")))
            q->near_km = strtod(v, NULL);
    }
    /* control characters, turned into <mark> by the page with DOM calls,
     * so no text from the store is ever parsed as HTML */
    q->hl_open = "\x02";
    q->hl_close = "\x03";
}

/* Events per day, for the timeline: counted from the events query. */
typedef struct day_counts {
    char day[11];
    long n, quad[5];
    json_out *o;
    long days;
} day_counts;

static void flush_day(day_counts *d)
{
    if (d->day[0] == '\0')
        return;
    char line[160];
    snprintf(line, sizeof line, "%s{\"date\":\"%s\",\"events\":%ld,\"quad\":[%ld,%ld,%ld,%ld]}",
             d->days ? "," : "", d->day, d->n, d->quad[1], d->quad[2], d->quad[3], d->quad[4]);
    puts_(d->o, line);
    d->days++;
}

static int row_day(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    day_counts *d = ctx;
    const char *date = NULL, *quad = NULL;
    for (int i = 0; i < ncol; i++) {
        if (strcmp(names[i], "date") == 0)
            date = values[i];
        else if (strcmp(names[i], "quad") == 0)
            quad = values[i];
    }
    if (date == NULL)
        return 0;
    if (strcmp(date, d->day) != 0) {
        flush_day(d);
        snprintf(d->day, sizeof d->day, "%s", date);
        d->n = 0;
        memset(d->quad, 0, sizeof d->quad);
    }
    d->n++;
    long qc = quad ? strtol(quad, NULL, 10) : 0;
    if (qc >= 1 && qc <= 4)
        d->quad[qc]++;
    return 0;
}

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, const char *type,
                               char *body, size_t len, bool owned)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (r == NULL) {
        if (owned)
            free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result error_json(struct MHD_Connection *c, unsigned status, const char *msg)
{
    json_out o = {0};
    puts_(&o, "{\"error\":");
    put_json_string(&o, msg);
    puts_(&o, "}");
    if (o.failed)
        return MHD_NO;
    return respond(c, status, "application/json", o.buf, o.len, true);
}

static enum MHD_Result api(server *s, struct MHD_Connection *c, const char *what)
{
    dl_query q = {0};
    query_from(c, &q);
    dl_store *st = s->st;
    dl_error err;
    json_out o = {0};
    dl_code rc = DL_OK;
    if (strcmp(what, "timeline") == 0) {
        day_counts d = {.o = &o};
        q.limit = 100000;
        puts_(&o, "[");
        rc = dl_store_events(st, &q, row_day, &d, &err);
        flush_day(&d);
        puts_(&o, "]");
    } else {
        puts_(&o, "[");
        if (strcmp(what, "events") == 0)
            rc = dl_store_events(st, &q, row_json, &o, &err);
        else if (strcmp(what, "quotes") == 0)
            rc = dl_store_quotes(st, &q, row_json, &o, &err);
        else if (strcmp(what, "actors") == 0)
            rc = dl_store_actors(st, &q, row_json, &o, &err);
        else if (strcmp(what, "stats") == 0)
            rc = dl_store_stats(st, row_json, &o, &err);
        else if (strcmp(what, "search") == 0) {
            if (q.text == NULL) {
                free(o.buf);
                return error_json(c, 400, "give q=");
            }
            rc = dl_store_search(st, &q, row_json, &o, &err);
        } else {
            free(o.buf);
            return error_json(c, 404, "no such endpoint");
        }
        puts_(&o, "]");
    }
    if (rc != DL_OK) {
        free(o.buf);
        return error_json(c, rc == DL_EDB ? 400 : 500, err.msg);
    }
    if (o.failed) {
        free(o.buf);
        return error_json(c, 413, "response too large: narrow the query or lower limit");
    }
    return respond(c, 200, "application/json; charset=utf-8", o.buf, o.len, true);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **req)
{
    (void)version;
    (void)upload;
    server *s = cls;
    if (*req == NULL) { /* first call: headers only */
        static int marker;
        *req = &marker;
        return MHD_YES;
    }
    if (*upload_size != 0)
        return error_json(c, 413, "no request bodies here");
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return error_json(c, 405, "GET only");
    if (strlen(url) > 256)
        return error_json(c, 414, "URL too long");
    if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
        return respond(c, 200, "text/html; charset=utf-8", (char *)dl_web_page,
                       strlen(dl_web_page), false);
    if (strncmp(url, "/api/", 5) == 0)
        return api(s, c, url + 5);
    return error_json(c, 404, "not found");
}

int cmd_serve(int argc, char **argv)
{
    cli_common com = {0};
    unsigned port = 8080;
    const char *host = "127.0.0.1";
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: dateline serve [--db FILE] [--port N] [--host ADDR]\n\n"
                 "Serves a web page (events with their evidence, timeline, actors, quotes,\n"
                 "search) and a read-only JSON API over the store on http://HOST:PORT/\n"
                 "(default 127.0.0.1:8080). Endpoints: /api/stats, /api/events,\n"
                 "/api/timeline, /api/quotes, /api/actors, /api/search?q=. Query\n"
                 "parameters are the filters of the CLI commands (actor, dyad, from, to,\n"
                 "cameo, plover, quad, speaker, near=LAT,LON&km=N, limit). Stops on\n"
                 "SIGINT or SIGTERM.");
            return EXIT_OK;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if ((v = cli_opt_value("--port", argc, argv, &i))) {
            char *end;
            unsigned long p = strtoul(v, &end, 10);
            if (*end || p == 0 || p > 65535) {
                fprintf(stderr, "dateline serve: --port wants 1-65535\n");
                return EXIT_USAGE;
            }
            port = (unsigned)p;
        } else if ((v = cli_opt_value("--host", argc, argv, &i))) {
            host = v;
        } else {
            fprintf(stderr, "dateline serve: unexpected argument '%s'\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    server s = {.db = cli_db_path(&com)};
    s.st = cli_open_store(&com);
    if (s.st == NULL)
        return EXIT_FAILURE_;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "dateline serve: --host wants an IPv4 address\n");
        dl_store_close(s.st);
        return EXIT_USAGE;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, handle,
        &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)64, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "dateline serve: cannot listen on %s:%u\n", host, port);
        dl_store_close(s.st);
        return EXIT_FAILURE_;
    }
    the_server = &s;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    fprintf(stderr, "dateline: serving %s on http://%s:%u/\n", s.db, host, port);
    while (!s.stop)
        pause();
    MHD_stop_daemon(d);
    dl_store_close(s.st);
    return EXIT_OK;
}
