/*
 * cmd_serve.c — `dateline serve`: a small HTTP server (libmicrohttpd) with
 * a JSON API over the store and one self-contained web page (cli/web.h):
 * event table with the evidence sentence, timeline, actor list, quote
 * browser and full-text search. Read-only. Requests are answered by a
 * pool of threads (a slow query holds one, not the server); each thread
 * has its own connection to the store, opened on its first request and
 * kept (PostgreSQL would otherwise reconnect on every request). Slow or
 * idle clients are bounded by libmicrohttpd's limits: an idle timeout, a
 * cap on connections in all and per address, and memory per connection
 * (see serve_limits below). Request bodies are refused before they are
 * read: 405 for a method other than GET/HEAD, 413 for a GET with a body.
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
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RESPONSE (32u << 20) /* a response larger than this is cut */

/* What a client can hold. The defaults let a few hundred slow clients
 * sit connected (they cost a socket and a little memory each in the
 * polling threads, no thread) while others are still answered. */
typedef struct serve_limits {
    unsigned threads;     /* request threads (--threads) */
    unsigned connections; /* open connections in all (--max-connections) */
    unsigned per_ip;      /* open connections from one address (--max-per-ip) */
    unsigned timeout;     /* seconds a connection may stay idle (--timeout) */
    size_t memory;        /* bytes of request headers and buffers per connection */
} serve_limits;

typedef struct server {
    const char *db;
    pthread_key_t store_key; /* each request thread's own dl_store */
    volatile sig_atomic_t stop;
} server;

static void close_thread_store(void *st)
{
    dl_store_close(st);
}

/* The calling request thread's store, opened on its first request; NULL
 * (with err set) when it cannot be opened. Closed when the thread ends. */
static dl_store *thread_store(server *s, dl_error *err)
{
    dl_store *st = pthread_getspecific(s->store_key);
    if (st != NULL)
        return st;
    if (dl_store_open(s->db, &st, err) != DL_OK)
        return NULL;
    if (pthread_setspecific(s->store_key, st) != 0) {
        dl_store_close(st);
        snprintf(err->msg, sizeof err->msg, "out of memory");
        return NULL;
    }
    return st;
}

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

/* The filters of the request, checked as the CLI checks its options
 * (cli/args.c): -1 with a message naming the parameter when one is bad. */
static int query_from(struct MHD_Connection *c, dl_query *q, char *msg, size_t cap)
{
    bool km = false, near = false;
    for (int i = 0; cli_query_names[i]; i++) {
        const char *name = cli_query_names[i], *v = arg(c, name);
        if (v == NULL)
            continue;
        if (cli_query_set(q, name, v, true, msg, cap) < 0)
            return -1;
        km |= strcmp(name, "km") == 0;
        near |= strcmp(name, "near") == 0;
    }
    if (q->limit > 5000)
        q->limit = 5000;
    /* control characters, turned into <mark> by the page with DOM calls,
     * so no text from the store is ever parsed as HTML */
    q->hl_open = "\x02";
    q->hl_close = "\x03";
    return cli_query_check(q, km, near, true, msg, cap);
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
    char msg[600];
    if (query_from(c, &q, msg, sizeof msg) < 0)
        return error_json(c, 400, msg);
    dl_error err;
    dl_store *st = thread_store(s, &err);
    if (st == NULL)
        return error_json(c, 503, err.msg);
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

/* Why a request is refused before its body is read, or NULL: a method
 * other than GET/HEAD is a 405, a body on a GET is a 413. Deciding on the
 * headers means the answer is sent at once, whatever the body's size
 * (libmicrohttpd then closes the connection instead of reading it). */
static const char *refusal(struct MHD_Connection *c, const char *method, unsigned *status)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        *status = 405;
        return "GET only";
    }
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
    if (te != NULL || (len != NULL && strspn(len, "0") != strlen(len))) {
        *status = 413;
        return "no request bodies here";
    }
    return NULL;
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
        unsigned status;
        const char *why = refusal(c, method, &status);
        if (why == NULL)
            return MHD_YES;
        return error_json(c, status, why);
    }
    if (*upload_size != 0) { /* not reached: refusal() saw the body coming */
        *upload_size = 0;
        return MHD_YES;
    }
    if (strlen(url) > 256)
        return error_json(c, 414, "URL too long");
    if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
        return respond(c, 200, "text/html; charset=utf-8", (char *)dl_web_page, strlen(dl_web_page),
                       false);
    if (strncmp(url, "/api/", 5) == 0)
        return api(s, c, url + 5);
    return error_json(c, 404, "not found");
}

/* Parses a positive count option into *out; false (with a message) if bad. */
static bool count_opt(const char *name, const char *v, unsigned max, unsigned *out)
{
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (*v == '\0' || *end || n == 0 || n > max) {
        fprintf(stderr, "dateline serve: %s wants 1-%u\n", name, max);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

/* Raises the open-file limit as far as the connection cap needs (each
 * connection is a descriptor) and lowers the cap to what is allowed. */
static void fit_descriptors(serve_limits *lim)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    rlim_t want = (rlim_t)lim->connections + 64 + 2 * lim->threads;
    if (rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    rlim_t room =
        rl.rlim_cur > 64 + 2 * (rlim_t)lim->threads ? rl.rlim_cur - 64 - 2 * lim->threads : 16;
    if (lim->connections > room) {
        fprintf(stderr, "dateline serve: only %lu open files allowed: at most %lu connections\n",
                (unsigned long)rl.rlim_cur, (unsigned long)room);
        lim->connections = (unsigned)room;
    }
    if (lim->per_ip > lim->connections)
        lim->per_ip = lim->connections;
}

static struct MHD_Daemon *start_daemon(server *s, const struct sockaddr_in *addr,
                                       const serve_limits *lim)
{
    /* epoll where the system has it (no FD_SETSIZE ceiling on connections),
     * a pool of threads that each poll and answer */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    return MHD_start_daemon(flags, ntohs(addr->sin_port), NULL, NULL, handle, s,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)addr,
                            MHD_OPTION_THREAD_POOL_SIZE, lim->threads, MHD_OPTION_CONNECTION_LIMIT,
                            lim->connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT, lim->per_ip,
                            MHD_OPTION_CONNECTION_TIMEOUT, lim->timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, lim->memory,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)256, MHD_OPTION_END);
}

int cmd_serve(int argc, char **argv)
{
    cli_common com = {0};
    unsigned port = 8080;
    const char *host = "127.0.0.1";
    serve_limits lim = {
        .threads = 16, .connections = 2000, .per_ip = 400, .timeout = 10, .memory = 32 * 1024};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: dateline serve [--db FILE] [--port N] [--host ADDR] [--threads N]\n"
                 "                      [--max-connections N] [--max-per-ip N] [--timeout S]\n\n"
                 "Serves a web page (events with their evidence, timeline, actors, quotes,\n"
                 "search) and a read-only JSON API over the store on http://HOST:PORT/\n"
                 "(default 127.0.0.1:8080). Endpoints: /api/stats, /api/events,\n"
                 "/api/timeline, /api/quotes, /api/actors, /api/search?q=. Query\n"
                 "parameters are the filters of the CLI commands (actor, dyad, from, to,\n"
                 "cameo, plover, quad, speaker, near=LAT,LON&km=N, limit). Stops on\n"
                 "SIGINT or SIGTERM.\n\n"
                 "Requests are answered by --threads threads (16), so slow queries do not\n"
                 "hold up others. A connection idle for --timeout seconds (10) is closed;\n"
                 "at most --max-connections (2000) are open, --max-per-ip (400) from one\n"
                 "address. Requests with a body are refused (405 or 413).");
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
        } else if ((v = cli_opt_value("--threads", argc, argv, &i))) {
            if (!count_opt("--threads", v, 256, &lim.threads))
                return EXIT_USAGE;
        } else if ((v = cli_opt_value("--max-connections", argc, argv, &i))) {
            if (!count_opt("--max-connections", v, 100000, &lim.connections))
                return EXIT_USAGE;
        } else if ((v = cli_opt_value("--max-per-ip", argc, argv, &i))) {
            if (!count_opt("--max-per-ip", v, 100000, &lim.per_ip))
                return EXIT_USAGE;
        } else if ((v = cli_opt_value("--timeout", argc, argv, &i))) {
            if (!count_opt("--timeout", v, 3600, &lim.timeout))
                return EXIT_USAGE;
        } else {
            fprintf(stderr, "dateline serve: unexpected argument '%s'\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    server s = {.db = cli_db_path(&com)};
    /* open one store now so a bad --db fails here, not on the first request */
    dl_store *probe = cli_open_store_existing(&com);
    if (probe == NULL)
        return EXIT_FAILURE_;
    dl_store_close(probe);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "dateline serve: --host wants an IPv4 address\n");
        return EXIT_USAGE;
    }
    if (pthread_key_create(&s.store_key, close_thread_store) != 0) {
        fprintf(stderr, "dateline serve: out of memory\n");
        return EXIT_FAILURE_;
    }
    fit_descriptors(&lim);
    struct MHD_Daemon *d = start_daemon(&s, &addr, &lim);
    if (d == NULL) {
        fprintf(stderr, "dateline serve: cannot listen on %s:%u\n", host, port);
        pthread_key_delete(s.store_key);
        return EXIT_FAILURE_;
    }
    the_server = &s;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    fprintf(stderr, "dateline: serving %s on http://%s:%u/ (%u threads)\n", s.db, host, port,
            lim.threads);
    while (!s.stop)
        pause();
    MHD_stop_daemon(d); /* joins the request threads, which close their stores */
    pthread_key_delete(s.store_key);
    return EXIT_OK;
}
