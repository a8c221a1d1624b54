/*
 * cmd_serve.c — `dateline serve`: a small HTTP server (libmicrohttpd) with
 * a JSON API over the store and the web page built from web/ (embedded at
 * build time, cli/web.h). Read-only. Requests are answered by a
 * pool of threads (a slow query holds one, not the server); each thread
 * has its own connection to the store, opened on its first request and
 * kept (PostgreSQL would otherwise reconnect on every request). Slow or
 * idle clients are bounded by libmicrohttpd's limits: an idle timeout, a
 * cap on connections in all and per address, and memory per connection
 * (see serve_limits below). Request bodies are refused before they are
 * read: 405 for a method other than GET/HEAD, 413 for a GET with a body.
 *
 * Every parameter is checked by cli_query_set (cli/args.c, the CLI's
 * options too); a bad or unknown one is a 400 {"error", "param"}.
 * Listings page with limit + offset and give the total. docs/api.md:
 *
 *   GET /                       the page (and /app.js, /app.css)
 *   GET /api/stats              what the store holds
 *   GET /api/events             events (filters), newest first
 *   GET /api/quotes /api/actors /api/search?q=
 *   GET /api/overview           counts, busiest dyads and actors
 *   GET /api/timeline?bin=      events per day, week or month
 *   GET /api/network            actors and dyads
 *   GET /api/places             GeoJSON of event locations
 *   GET /api/documents/{id}     the text, metadata and every layer
 *   GET /api/explain?doc=&sentence=   the stored reasons of one sentence
 */
#include "cli.h"
#include "web.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_RESPONSE (32u << 20) /* a response larger than this is refused */
#define MAX_QUERY 4096            /* bytes of parameters in one request */

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

/* ------------------------------------------------------------ JSON out */

/* Columns whose values are numbers in JSON (the store hands strings). */
static bool numeric_column(const char *name)
{
    static const char *const cols[] = {
        "goldstein", "quad", "lat", "lon", "sentence", "mentions", "articles", "sources",
        "documents", "score", "events", "as_source", "as_target", "q1", "q2", "q3", "q4",
        "idx", "start", "end", "paragraph", "antecedent", "confidence", "geonameid",
        "cue_start", "cue_end", "speaker_start", "speaker_end", "negated", "place_index",
        "quote_index", "evidence_start", "evidence_end", "total", "count",
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (strcmp(name, cols[i]) == 0)
            return true;
    return false;
}

/* A JSON number for a numeric text, or a string when it is not one. */
static json_t *value_json(const char *name, const char *v)
{
    if (v == NULL)
        return json_null();
    if (numeric_column(name) && *v) {
        char *end;
        errno = 0;
        long long i = strtoll(v, &end, 10);
        if (*end == '\0' && errno == 0)
            return json_integer(i);
        double d = strtod(v, &end);
        if (*end == '\0' && isfinite(d))
            return json_real(d);
    }
    json_t *j = json_string(v); /* NULL for text that is not UTF-8 */
    return j ? j : json_null();
}

/* Rows of a store query collected as a JSON array of objects. */
static int row_json(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    json_t *rows = ctx;
    json_t *o = json_object();
    if (o == NULL)
        return 1;
    for (int i = 0; i < ncol; i++) {
        json_t *v = value_json(names[i], values[i]);
        /* text that is not valid UTF-8 (json_string refuses it) goes as null */
        json_object_set_new(o, names[i], v ? v : json_null());
    }
    return json_array_append_new(rows, o) != 0 || json_array_size(rows) > 200000;
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
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' "
                            "'unsafe-inline'; connect-src 'self'");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* {"error": msg, "param": param} with an HTTP status. */
static enum MHD_Result error_json(struct MHD_Connection *c, unsigned status, const char *msg,
                                  const char *param)
{
    json_t *o = json_pack("{s:s}", "error", msg);
    if (o && param)
        json_object_set_new(o, "param", value_json("param", param));
    char *body = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(o);
    if (body == NULL) {
        static const char oom[] = "{\"error\":\"out of memory\"}";
        return respond(c, 500, "application/json", (char *)oom, sizeof oom - 1, false);
    }
    return respond(c, status, "application/json; charset=utf-8", body, strlen(body), true);
}

static enum MHD_Result send_json(struct MHD_Connection *c, json_t *o)
{
    char *body = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12));
    json_decref(o);
    if (body == NULL)
        return error_json(c, 500, "out of memory", NULL);
    size_t n = strlen(body);
    if (n > MAX_RESPONSE) {
        free(body);
        return error_json(c, 413, "response too large: narrow the query or lower limit", "limit");
    }
    return respond(c, 200, "application/json; charset=utf-8", body, n, true);
}

/* ---------------------------------------------------------- parameters */

/* One request's parameters: the filters, and the few an endpoint reads
 * itself (bin, doc, sentence). */
typedef struct params {
    dl_query q;
    const char *allowed; /* space-separated names this endpoint takes */
    const char *bin, *doc, *sentence;
    size_t bytes, n;
    bool km, near;
    const char *names[48];
    char error[600];
    const char *bad; /* the parameter named in the error */
} params;

static bool in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

static enum MHD_Result one_param(void *cls, enum MHD_ValueKind kind, const char *name,
                                 const char *value)
{
    (void)kind;
    params *p = cls;
    p->bytes += strlen(name) + (value ? strlen(value) : 0) + 2;
    p->bad = name;
    if (p->bytes > MAX_QUERY) {
        snprintf(p->error, sizeof p->error, "the parameters are longer than %d bytes", MAX_QUERY);
        return MHD_NO;
    }
    if (!in_list(p->allowed, name)) {
        snprintf(p->error, sizeof p->error, "unknown parameter '%.40s' here (this endpoint takes: %s)",
                 name, p->allowed);
        return MHD_NO;
    }
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->names[i], name) == 0) {
            snprintf(p->error, sizeof p->error, "%.40s is given twice", name);
            return MHD_NO;
        }
    if (p->n < sizeof p->names / sizeof p->names[0])
        p->names[p->n++] = name;
    if (value == NULL || *value == '\0') {
        snprintf(p->error, sizeof p->error, "%.40s is empty", name);
        return MHD_NO;
    }
    if (strcmp(name, "bin") == 0) {
        if (strcmp(value, "day") && strcmp(value, "week") && strcmp(value, "month") &&
            strcmp(value, "auto")) {
            snprintf(p->error, sizeof p->error, "bin wants day, week, month or auto");
            return MHD_NO;
        }
        p->bin = value;
        return MHD_YES;
    }
    if (strcmp(name, "doc") == 0) {
        if (strlen(value) > 200) {
            snprintf(p->error, sizeof p->error, "doc is longer than 200 bytes");
            return MHD_NO;
        }
        p->doc = value;
        return MHD_YES;
    }
    if (strcmp(name, "sentence") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || v < 0 || v > 1000000 || !isdigit((unsigned char)value[0])) {
            snprintf(p->error, sizeof p->error, "sentence wants a sentence number (0, 1, ...)");
            return MHD_NO;
        }
        p->sentence = value;
        return MHD_YES;
    }
    if (cli_query_set(&p->q, name, value, true, p->error, sizeof p->error) < 0)
        return MHD_NO;
    if (strcmp(name, "actor") == 0 && in_list(p->allowed, "dyad")) {
        /* on events, an actor is a code prefix (RUS, USAGOV), never a name */
        for (const char *v = value; *v; v++)
            if (!isalnum((unsigned char)*v)) {
                snprintf(p->error, sizeof p->error,
                         "actor= wants an actor code or prefix (letters and digits: RUS, USAGOV), "
                         "not '%.60s'", value);
                return MHD_NO;
            }
    }
    p->km |= strcmp(name, "km") == 0;
    p->near |= strcmp(name, "near") == 0;
    return MHD_YES;
}

/* The filters every event view takes (the page's filter bar). */
#define EVENT_PARAMS                                                                     \
    "actor source target dyad cameo plover quad goldstein from to near km bbox "          \
    "publisher q fts merged"
#define PAGE_PARAMS " limit offset sort"

static bool read_params(struct MHD_Connection *c, params *p, const char *allowed)
{
    p->allowed = allowed;
    /* control characters, turned into <mark> by the page with DOM calls,
     * so no text from the store is ever parsed as HTML */
    p->q.hl_open = "\x02";
    p->q.hl_close = "\x03";
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, one_param, p);
    if (p->error[0] == '\0' &&
        cli_query_check(&p->q, p->km, p->near, true, p->error, sizeof p->error) < 0)
        p->bad = p->km && !p->near ? "km" : "to";
    return p->error[0] == '\0';
}

static enum MHD_Result bad_params(struct MHD_Connection *c, const params *p)
{
    return error_json(c, p->bytes > MAX_QUERY ? 414 : 400, p->error, p->bad);
}

/* A store failure: a usage error is the request's (400), the rest ours. */
static enum MHD_Result store_error(struct MHD_Connection *c, dl_code rc, const dl_error *err,
                                   const char *param)
{
    if (rc == DL_EUSAGE)
        return error_json(c, 400, err->msg, param);
    fprintf(stderr, "dateline serve: %s\n", err->msg);
    /* never the engine's message: it is for the log, not for people */
    return error_json(c, 500, "the store could not answer this query", NULL);
}

/* ----------------------------------------------------------- endpoints */

static json_t *page_of(json_t *rows, long total, const dl_query *q)
{
    return json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "offset",
                     (json_int_t)q->offset, "limit", (json_int_t)(q->limit > 0 ? q->limit : 100),
                     "rows", rows);
}

typedef dl_code (*list_fn)(dl_store *, const dl_query *, dl_row_fn, void *, dl_error *);

static enum MHD_Result listing(dl_store *st, struct MHD_Connection *c, const char *allowed,
                               list_fn fn, dl_count_of of, const char *default_sort)
{
    params p = {0};
    if (!read_params(c, &p, allowed))
        return bad_params(c, &p);
    if (of == DL_COUNT_SEARCH && p.q.text == NULL)
        return error_json(c, 400, "give the words to search for in q=", "q");
    if (p.q.sort == NULL)
        p.q.sort = default_sort;
    dl_error err;
    long total = 0;
    dl_code rc = dl_store_count(st, of, &p.q, &total, &err);
    json_t *rows = json_array();
    if (rc == DL_OK)
        rc = fn(st, &p.q, row_json, rows, &err);
    if (rc != DL_OK) {
        json_decref(rows);
        return store_error(c, rc, &err, strstr(err.msg, "sort") ? "sort"
                                        : strstr(err.msg, "FTS") ? "q"
                                        : strstr(err.msg, "publisher") ? "publisher"
                                        : strstr(err.msg, "text") ? "q" : NULL);
    }
    return send_json(c, page_of(rows, total, &p.q));
}

static int stats_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    json_t *o = ctx;
    if (ncol < 2 || values[0] == NULL)
        return 0;
    char key[32];
    snprintf(key, sizeof key, "%s", values[0]);
    for (char *k = key; *k; k++)
        if (*k == ' ')
            *k = '_';
    const char *v = values[1];
    bool num = v && strchr(v, '-') == NULL;
    json_object_set_new(o, key, v == NULL ? json_null() : num ? value_json("count", v)
                                                             : json_string(v));
    return 0;
}

static enum MHD_Result stats(dl_store *st, struct MHD_Connection *c)
{
    params p = {0};
    if (!read_params(c, &p, ""))
        return bad_params(c, &p);
    json_t *o = json_object();
    dl_error err;
    dl_code rc = dl_store_stats(st, stats_row, o, &err);
    if (rc != DL_OK) {
        json_decref(o);
        return store_error(c, rc, &err, NULL);
    }
    return send_json(c, o);
}

static dl_code aggregate(dl_store *st, dl_agg what, const dl_query *q, json_t **rows,
                         dl_error *err)
{
    *rows = json_array();
    return dl_store_aggregate(st, what, q, row_json, *rows, err);
}

static enum MHD_Result overview(dl_store *st, struct MHD_Connection *c)
{
    params p = {0};
    if (!read_params(c, &p, EVENT_PARAMS " limit"))
        return bad_params(c, &p);
    if (p.q.limit == 0)
        p.q.limit = 10;
    dl_error err;
    long total = 0;
    json_t *dyads = NULL, *actors = NULL;
    dl_code rc = dl_store_count(st, DL_COUNT_EVENTS, &p.q, &total, &err);
    if (rc == DL_OK)
        rc = aggregate(st, DL_AGG_DYADS, &p.q, &dyads, &err);
    if (rc == DL_OK)
        rc = aggregate(st, DL_AGG_ACTORS, &p.q, &actors, &err);
    if (rc != DL_OK) {
        json_decref(dyads);
        json_decref(actors);
        return store_error(c, rc, &err, NULL);
    }
    return send_json(c, json_pack("{s:I,s:o,s:o}", "events", (json_int_t)total, "dyads", dyads,
                                  "actors", actors));
}

static enum MHD_Result timeline(dl_store *st, struct MHD_Connection *c)
{
    params p = {0};
    if (!read_params(c, &p, EVENT_PARAMS " bin"))
        return bad_params(c, &p);
    const char *bin = p.bin ? p.bin : "auto";
    dl_error err;
    json_t *rows = NULL;
    dl_agg what = strcmp(bin, "week") == 0 ? DL_AGG_WEEK
                  : strcmp(bin, "month") == 0 ? DL_AGG_MONTH
                                              : DL_AGG_DAY;
    dl_code rc = aggregate(st, what, &p.q, &rows, &err);
    if (rc == DL_OK && strcmp(bin, "auto") == 0) {
        /* auto: days for up to three months, weeks up to three years */
        size_t n = json_array_size(rows);
        const char *first = n ? json_string_value(json_object_get(json_array_get(rows, 0), "bin")) : NULL;
        const char *last = n ? json_string_value(json_object_get(json_array_get(rows, n - 1), "bin")) : NULL;
        dl_date a, b;
        long span = 0;
        if (first && last && dl_date_parse(first, (size_t)-1, &a, NULL) == DL_OK &&
            dl_date_parse(last, (size_t)-1, &b, NULL) == DL_OK)
            span = dl_date_to_days(b) - dl_date_to_days(a);
        bin = "day";
        if (span > 92) {
            bin = span > 3 * 366 ? "month" : "week";
            json_decref(rows);
            rc = aggregate(st, span > 3 * 366 ? DL_AGG_MONTH : DL_AGG_WEEK, &p.q, &rows, &err);
        }
    }
    if (rc != DL_OK) {
        json_decref(rows);
        return store_error(c, rc, &err, NULL);
    }
    return send_json(c, json_pack("{s:s,s:o}", "bin", bin, "rows", rows));
}

static enum MHD_Result network(dl_store *st, struct MHD_Connection *c)
{
    params p = {0};
    if (!read_params(c, &p, EVENT_PARAMS " limit"))
        return bad_params(c, &p);
    if (p.q.limit == 0)
        p.q.limit = 150;
    dl_error err;
    json_t *edges = NULL, *actors = NULL;
    dl_code rc = aggregate(st, DL_AGG_DYADS, &p.q, &edges, &err);
    dl_query all = p.q;
    all.limit = 5000;
    if (rc == DL_OK)
        rc = aggregate(st, DL_AGG_ACTORS, &all, &actors, &err);
    if (rc != DL_OK) {
        json_decref(edges);
        json_decref(actors);
        return store_error(c, rc, &err, NULL);
    }
    /* the nodes are the actors of the edges shown */
    json_t *seen = json_object(), *nodes = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(edges, i, e) {
        json_object_set(seen, json_string_value(json_object_get(e, "source")), json_true());
        json_object_set(seen, json_string_value(json_object_get(e, "target")), json_true());
    }
    json_array_foreach(actors, i, e) {
        const char *code = json_string_value(json_object_get(e, "code"));
        if (code && json_object_get(seen, code)) {
            json_t *n = json_deep_copy(e);
            json_object_set_new(n, "id", json_string(code));
            json_array_append_new(nodes, n);
        }
    }
    json_decref(seen);
    json_decref(actors);
    return send_json(c, json_pack("{s:o,s:o}", "nodes", nodes, "edges", edges));
}

static enum MHD_Result places(dl_store *st, struct MHD_Connection *c)
{
    params p = {0};
    if (!read_params(c, &p, EVENT_PARAMS " limit offset"))
        return bad_params(c, &p);
    if (p.q.limit == 0)
        p.q.limit = 2000;
    dl_error err;
    json_t *rows = NULL;
    dl_code rc = aggregate(st, DL_AGG_PLACES, &p.q, &rows, &err);
    if (rc != DL_OK) {
        json_decref(rows);
        return store_error(c, rc, &err, NULL);
    }
    json_t *features = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *props = json_deep_copy(r);
        json_t *lat = json_object_get(r, "lat"), *lon = json_object_get(r, "lon");
        json_object_del(props, "lat");
        json_object_del(props, "lon");
        /* the QuadClass most of its events have, for the colour */
        int quad = 0;
        json_int_t most = -1;
        for (int k = 1; k <= 4; k++) {
            char key[4] = {'q', (char)('0' + k), 0, 0};
            json_int_t n = json_integer_value(json_object_get(r, key));
            if (n > most) {
                most = n;
                quad = k;
            }
        }
        json_object_set_new(props, "quad", json_integer(quad));
        json_array_append_new(
            features, json_pack("{s:s,s:{s:s,s:[O,O]},s:o}", "type", "Feature", "geometry",
                                "type", "Point", "coordinates", lon, lat, "properties", props));
    }
    json_decref(rows);
    return send_json(c, json_pack("{s:s,s:o}", "type", "FeatureCollection", "features", features));
}

static const char *const layers[] = {"sentences", "actors", "timexes", "places", "quotes",
                                     "events"};

/* The document and its layers; with `sentence`, only that sentence's. */
static enum MHD_Result document(dl_store *st, struct MHD_Connection *c, const char *id,
                                const char *sentence)
{
    dl_error err;
    json_t *docs = json_array();
    dl_code rc = dl_store_document(st, id, "document", row_json, docs, &err);
    if (rc != DL_OK) {
        json_decref(docs);
        return store_error(c, rc, &err, NULL);
    }
    if (json_array_size(docs) == 0) {
        json_decref(docs);
        return error_json(c, 404, "no document with this id", sentence ? "doc" : NULL);
    }
    json_t *out = json_object();
    json_object_set(out, "document", json_array_get(docs, 0));
    json_decref(docs);
    for (size_t k = 0; k < sizeof layers / sizeof layers[0] && rc == DL_OK; k++) {
        json_t *rows = json_array();
        rc = dl_store_document(st, id, layers[k], row_json, rows, &err);
        if (sentence) {
            long want = strtol(sentence, NULL, 10);
            json_t *keep = json_array();
            size_t i;
            json_t *r;
            json_array_foreach(rows, i, r) {
                const char *key = k == 0 ? "idx" : "sentence";
                if (json_integer_value(json_object_get(r, key)) == want)
                    json_array_append(keep, r);
            }
            json_decref(rows);
            rows = keep;
        }
        json_object_set_new(out, layers[k], rows);
    }
    if (rc != DL_OK) {
        json_decref(out);
        return store_error(c, rc, &err, NULL);
    }
    if (sentence) {
        json_object_del(json_object_get(out, "document"), "text");
        if (json_array_size(json_object_get(out, "sentences")) == 0) {
            json_decref(out);
            return error_json(c, 404, "the document has no sentence with this number", "sentence");
        }
    }
    return send_json(c, out);
}

static enum MHD_Result api(server *s, struct MHD_Connection *c, const char *what)
{
    dl_error serr;
    dl_store *st = thread_store(s, &serr);
    if (st == NULL) {
        fprintf(stderr, "dateline serve: %s\n", serr.msg);
        return error_json(c, 503, "the store cannot be opened", NULL);
    }
    if (strcmp(what, "stats") == 0)
        return stats(st, c);
    if (strcmp(what, "events") == 0)
        return listing(st, c, EVENT_PARAMS PAGE_PARAMS, dl_store_events, DL_COUNT_EVENTS, "-date");
    if (strcmp(what, "quotes") == 0)
        return listing(st, c, "speaker q from to" PAGE_PARAMS, dl_store_quotes, DL_COUNT_QUOTES,
                       "-date");
    if (strcmp(what, "actors") == 0)
        return listing(st, c, "actor country sector from to limit offset", dl_store_actors,
                       DL_COUNT_ACTORS, NULL);
    if (strcmp(what, "search") == 0)
        return listing(st, c, "q fts from to" PAGE_PARAMS, dl_store_search, DL_COUNT_SEARCH, NULL);
    if (strcmp(what, "overview") == 0)
        return overview(st, c);
    if (strcmp(what, "timeline") == 0)
        return timeline(st, c);
    if (strcmp(what, "network") == 0)
        return network(st, c);
    if (strcmp(what, "places") == 0)
        return places(st, c);
    if (strncmp(what, "documents/", 10) == 0) {
        params p = {0};
        if (!read_params(c, &p, ""))
            return bad_params(c, &p);
        const char *id = what + 10;
        if (*id == '\0' || strlen(id) > 200)
            return error_json(c, 400, "give a document id: /api/documents/ID", "id");
        return document(st, c, id, NULL);
    }
    if (strcmp(what, "explain") == 0) {
        params p = {0};
        if (!read_params(c, &p, "doc sentence"))
            return bad_params(c, &p);
        if (p.doc == NULL || p.sentence == NULL)
            return error_json(c, 400, "give doc= and sentence=", p.doc ? "sentence" : "doc");
        return document(st, c, p.doc, p.sentence);
    }
    return error_json(c, 404, "no such endpoint (see docs/api.md)", NULL);
}

/* Why a request is refused before its body is read, or NULL: a method
 * other than GET/HEAD is a 405, a body on a GET is a 413. Deciding on the
 * headers means the answer is sent at once, whatever the body's size
 * (libmicrohttpd then closes the connection instead of reading it). */
static const char *refusal(struct MHD_Connection *c, const char *method, unsigned *status)
{
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        *status = 405;
        return "only GET and HEAD are served";
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
        return error_json(c, status, why, NULL);
    }
    if (*upload_size != 0) { /* not reached: refusal() saw the body coming */
        *upload_size = 0;
        return MHD_YES;
    }
    if (strlen(url) > 256)
        return error_json(c, 414, "URL too long", NULL);
    const char *type;
    size_t len;
    const char *asset = dl_web_asset(url, &type, &len);
    if (asset)
        return respond(c, 200, type, (char *)asset, len, false);
    if (strncmp(url, "/api/", 5) == 0)
        return api(s, c, url + 5);
    return error_json(c, 404, "not found", NULL);
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
                 "(default 127.0.0.1:8080; --port 0 takes any free port, named on stderr).\n"
                 "Endpoints: /api/stats, /api/events, /api/timeline, /api/quotes,\n"
                 "/api/actors, /api/search?q=. Query\n"
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
            if (*v == '\0' || *end || p > 65535) {
                fprintf(stderr, "dateline serve: --port wants 0-65535 (0: any free port)\n");
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
    /* --port 0: the system picked a free port; say which (tests read it) */
    const union MHD_DaemonInfo *bound = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (bound && bound->port)
        port = bound->port;
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
