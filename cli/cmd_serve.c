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
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
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

/* ------------------------------------------------------------- cache */

/* Answers kept between requests. The server is read-only and a store
 * changes only when something ingests into it, so an answer stays right
 * until the store's generation (store_gen) moves: the database file's and
 * its WAL's size and modification time for SQLite, five-second ticks for
 * PostgreSQL, whose writers this process cannot see. Requests for an
 * answer being computed wait for it instead of computing it again (twenty
 * clients asking for the same million-event timeline cost one scan). The
 * totals of listings are kept apart, by filters alone, so turning a page
 * or changing the sort does not count the selection again. Bounded in
 * bytes, least recently used answers evicted first. */
/* A kept answer's bytes, shared by the cache and the responses being sent
 * (no copy per hit): freed when the last of them lets go. */
typedef struct sbody {
    atomic_uint refs;
    size_t len;
    char data[];
} sbody;

static void sbody_release(void *p)
{
    sbody *b = p;
    if (b && atomic_fetch_sub(&b->refs, 1) == 1)
        free(b);
}

typedef struct centry {
    struct centry *next;             /* in its hash bucket */
    struct centry *older, *newer;    /* the LRU list */
    char *key;
    unsigned long long gen;
    int state; /* 0 being computed, 1 ready */
    unsigned status;
    const char *type;
    sbody *body;
} centry;

#define CACHE_BUCKETS 4096

typedef struct cache {
    pthread_mutex_t lock;
    pthread_cond_t done;
    size_t limit, bytes; /* of bodies kept; limit 0: no cache */
    centry *bucket[CACHE_BUCKETS];
    centry *oldest, *newest;
    unsigned long hits, misses;
} cache;

/* An answer as the handlers make it: captured by respond() while a
 * request is computed for the cache, then queued. */
typedef struct reply {
    unsigned status;
    const char *type;
    char *body; /* malloc'd, or NULL when shared */
    size_t len;
    sbody *shared; /* a kept answer (a cache hit), one reference ours */
} reply;

typedef struct server {
    const char *db;
    pthread_key_t store_key; /* each request thread's own dl_store */
    volatile sig_atomic_t stop;
    cache cache;
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

/* The store's generation: changes whenever the store may have. */
static unsigned long long store_gen(const server *s)
{
    struct stat a, w;
    if (stat(s->db, &a) != 0) /* not a file: PostgreSQL */
        return (unsigned long long)time(NULL) / 5;
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", s->db);
    unsigned long long g = (unsigned long long)a.st_mtim.tv_sec * 1000000007ull ^
                           (unsigned long long)a.st_mtim.tv_nsec * 31ull ^
                           (unsigned long long)a.st_size * 1000003ull ^ (unsigned long long)a.st_ino;
    if (stat(wal, &w) == 0)
        g ^= ((unsigned long long)w.st_mtim.tv_sec * 998244353ull ^
              (unsigned long long)w.st_mtim.tv_nsec * 17ull ^ (unsigned long long)w.st_size) << 1;
    return g | 1; /* never 0 */
}

static unsigned long key_hash(const char *k)
{
    unsigned long h = 1469598103934665603ul;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211ul;
    return h;
}

static void lru_unlink(cache *c, centry *e)
{
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    e->older = e->newer = NULL;
}

static void lru_push(cache *c, centry *e)
{
    e->older = c->newest;
    e->newer = NULL;
    if (c->newest)
        c->newest->newer = e;
    else
        c->oldest = e;
    c->newest = e;
}

static void entry_drop(cache *c, centry *e)
{
    centry **pp = &c->bucket[key_hash(e->key) % CACHE_BUCKETS];
    while (*pp != e)
        pp = &(*pp)->next;
    *pp = e->next;
    lru_unlink(c, e);
    if (e->body) {
        c->bytes -= e->body->len;
        sbody_release(e->body);
    }
    free(e->key);
    free(e);
}

enum { CACHE_OFF, CACHE_HIT, CACHE_MINE };

/* Looks `key` up for generation `gen`: a hit fills *r with a copy of the
 * answer; otherwise the caller is to compute it (CACHE_MINE) and hand it
 * to cache_end, or the cache is off or full of work (CACHE_OFF). Waits
 * while another request computes the same answer. */
static int cache_begin(cache *c, const char *key, unsigned long long gen, reply *r)
{
    if (c->limit == 0 || key == NULL)
        return CACHE_OFF;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        centry *e = c->bucket[key_hash(key) % CACHE_BUCKETS];
        while (e && strcmp(e->key, key) != 0)
            e = e->next;
        if (e && e->state == 0) { /* being computed: wait for it */
            pthread_cond_wait(&c->done, &c->lock);
            continue;
        }
        if (e && e->gen == gen) {
            atomic_fetch_add(&e->body->refs, 1);
            r->shared = e->body;
            r->len = e->body->len;
            r->status = e->status;
            r->type = e->type;
            lru_unlink(c, e);
            lru_push(c, e);
            c->hits++;
            pthread_mutex_unlock(&c->lock);
            return CACHE_HIT;
        }
        if (e) /* of an older store */
            entry_drop(c, e);
        e = calloc(1, sizeof *e);
        if (e == NULL || (e->key = strdup(key)) == NULL) {
            free(e);
            pthread_mutex_unlock(&c->lock);
            return CACHE_OFF;
        }
        e->gen = gen;
        unsigned long h = key_hash(key) % CACHE_BUCKETS;
        e->next = c->bucket[h];
        c->bucket[h] = e;
        lru_push(c, e);
        c->misses++;
        pthread_mutex_unlock(&c->lock);
        return CACHE_MINE;
    }
}

/* Keeps the answer computed for `key` (answers of the store's own
 * failures are not kept: they may pass) and wakes those waiting for it. */
static void cache_end(cache *c, const char *key, const reply *r)
{
    pthread_mutex_lock(&c->lock);
    centry *e = c->bucket[key_hash(key) % CACHE_BUCKETS];
    while (e && (e->state != 0 || strcmp(e->key, key) != 0))
        e = e->next;
    bool keep = e && r->body && (r->status == 200 || r->status == 400 || r->status == 404) &&
                r->len <= c->limit / 4;
    sbody *copy = keep ? malloc(sizeof *copy + r->len + 1) : NULL;
    if (e && copy) {
        atomic_init(&copy->refs, 1);
        copy->len = r->len;
        memcpy(copy->data, r->body, r->len);
        copy->data[r->len] = '\0';
        e->body = copy;
        e->status = r->status;
        e->type = r->type;
        e->state = 1;
        c->bytes += r->len;
        /* the least recently used answers go while over the limit */
        for (centry *o = c->oldest; o && c->bytes > c->limit;) {
            centry *n = o->newer;
            if (o != e && o->state == 1)
                entry_drop(c, o);
            o = n;
        }
    } else if (e) {
        e->state = 1; /* dropped at once: its waiters compute their own */
        entry_drop(c, e);
    }
    pthread_cond_broadcast(&c->done);
    pthread_mutex_unlock(&c->lock);
}

static void cache_free(cache *c)
{
    while (c->oldest)
        entry_drop(c, c->oldest);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->done);
}

/* While a request is computed for the cache (or warmed), respond() keeps
 * the answer here instead of queuing it; fake_args stand for the query
 * string of a warming request, which has no connection. */
static _Thread_local reply *capture;
static _Thread_local const char *const *fake_args;

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

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, const char *type,
                             struct MHD_Response *r)
{
    if (r == NULL)
        return MHD_NO;
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

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, const char *type,
                               char *body, size_t len, bool owned)
{
    if (capture) {
        capture->status = status;
        capture->type = type;
        capture->len = len;
        if (owned) {
            capture->body = body;
        } else if ((capture->body = malloc(len + 1)) != NULL) {
            memcpy(capture->body, body, len);
            capture->body[len] = '\0';
        }
        return MHD_YES;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (r == NULL && owned)
        free(body);
    return queue(c, status, type, r);
}

/* A kept answer, sent from the cache's bytes; our reference is let go
 * when the response is done with them. */
static enum MHD_Result respond_shared(struct MHD_Connection *c, unsigned status, const char *type,
                                      sbody *b)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer_with_free_callback_cls(b->len, b->data, sbody_release, b);
    if (r == NULL)
        sbody_release(b);
    return queue(c, status, type, r);
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
    if (c != NULL)
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, one_param, p);
    else
        for (const char *const *a = fake_args; a && a[0] && one_param(p, MHD_GET_ARGUMENT_KIND,
                                                                      a[0], a[1]) == MHD_YES;
             a += 2)
            ;
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

/* ------------------------------------------------------- cache keys */

typedef struct arglist {
    const char *kv[2 * 64];
    size_t n;
    bool over;
} arglist;

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *name,
                                   const char *value)
{
    (void)kind;
    arglist *l = cls;
    if (l->n + 2 > sizeof l->kv / sizeof l->kv[0]) {
        l->over = true;
        return MHD_NO;
    }
    l->kv[l->n++] = name;
    l->kv[l->n++] = value ? value : "";
    return MHD_YES;
}

static int cmp_arg(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    int d = strcmp(x[0], y[0]);
    return d ? d : strcmp(x[1], y[1]);
}

/* The key of a request's answer: the endpoint and its parameters in name
 * order, each with its length (so no value can pass for two); without
 * limit, offset and sort when `filters_only` (the key of a total). NULL
 * when there are too many parameters to bother (their answer is a 400). */
static char *request_key(struct MHD_Connection *c, const char *what, bool filters_only)
{
    arglist l = {0};
    if (c != NULL)
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &l);
    else
        for (const char *const *a = fake_args; a && a[0]; a += 2)
            collect_arg(&l, MHD_GET_ARGUMENT_KIND, a[0], a[1]);
    if (l.over)
        return NULL;
    qsort(l.kv, l.n / 2, 2 * sizeof l.kv[0], cmp_arg);
    char *key = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&key, &len);
    if (f == NULL)
        return NULL;
    fprintf(f, "%s%s", filters_only ? "#" : "", what);
    for (size_t i = 0; i < l.n; i += 2) {
        if (filters_only && (strcmp(l.kv[i], "limit") == 0 || strcmp(l.kv[i], "offset") == 0 ||
                             strcmp(l.kv[i], "sort") == 0))
            continue;
        fprintf(f, "\n%zu:%s=%zu:%s", strlen(l.kv[i]), l.kv[i], strlen(l.kv[i + 1]), l.kv[i + 1]);
    }
    if (fclose(f) != 0) {
        free(key);
        return NULL;
    }
    return key;
}

/* ----------------------------------------------------------- endpoints */

static json_t *page_of(json_t *rows, long total, const dl_query *q)
{
    return json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "offset",
                     (json_int_t)q->offset, "limit", (json_int_t)(q->limit > 0 ? q->limit : 100),
                     "rows", rows);
}

typedef dl_code (*list_fn)(dl_store *, const dl_query *, dl_row_fn, void *, dl_error *);

static enum MHD_Result listing(dl_store *st, struct MHD_Connection *c, const char *what,
                               const char *allowed, list_fn fn, dl_count_of of,
                               const char *default_sort)
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
    dl_code rc = DL_OK;
    /* the total of these filters, counted once for every page and sort */
    char *ckey = request_key(c, what, true);
    reply kept = {0};
    int how = cache_begin(&the_server->cache, ckey, store_gen(the_server), &kept);
    if (how == CACHE_HIT) {
        total = strtol(kept.shared->data, NULL, 10);
    } else {
        rc = dl_store_count(st, of, &p.q, &total, &err);
        if (how == CACHE_MINE) {
            char num[32];
            int n = snprintf(num, sizeof num, "%ld", total);
            reply r = {.status = rc == DL_OK ? 200 : 500, .type = "", .body = num, .len = (size_t)n};
            cache_end(&the_server->cache, ckey, &r);
        }
    }
    sbody_release(kept.shared);
    free(ckey);
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

static enum MHD_Result api_compute(server *s, struct MHD_Connection *c, const char *what)
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
        return listing(st, c, what, EVENT_PARAMS PAGE_PARAMS, dl_store_events, DL_COUNT_EVENTS, "-date");
    if (strcmp(what, "quotes") == 0)
        return listing(st, c, what, "speaker q from to" PAGE_PARAMS, dl_store_quotes, DL_COUNT_QUOTES,
                       "-date");
    if (strcmp(what, "actors") == 0)
        return listing(st, c, what, "actor country sector from to limit offset", dl_store_actors,
                       DL_COUNT_ACTORS, NULL);
    if (strcmp(what, "search") == 0)
        return listing(st, c, what, "q fts from to" PAGE_PARAMS, dl_store_search, DL_COUNT_SEARCH, NULL);
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

/* One API answer into *r: from the cache, or computed (and kept). With
 * no connection, the request of the warming thread (fake_args). */
static void api_reply(server *s, struct MHD_Connection *c, const char *what, reply *r)
{
    char *key = request_key(c, what, false);
    int how = cache_begin(&s->cache, key, store_gen(s), r);
    if (how != CACHE_HIT) {
        capture = r;
        api_compute(s, c, what);
        capture = NULL;
        if (how == CACHE_MINE)
            cache_end(&s->cache, key, r);
    }
    free(key);
}

static enum MHD_Result api(server *s, struct MHD_Connection *c, const char *what)
{
    reply r = {0};
    api_reply(s, c, what, &r);
    if (r.shared)
        return respond_shared(c, r.status, r.type, r.shared);
    if (r.body == NULL)
        return error_json(c, 500, "out of memory", NULL);
    return respond(c, r.status, r.type, r.body, r.len, true);
}

/* The answers the page's first view asks for (web/src/app.js, views/
 * overview.js, the default events page), computed ahead: when the server
 * starts and whenever the store changes, so that the first view of a big
 * store is served from the cache. */
static void *warm_thread(void *arg)
{
    server *s = arg;
    static const char *const stats_a[] = {NULL};
    static const char *const overview_a[] = {"limit", "10", NULL};
    static const char *const timeline_a[] = {"bin", "auto", NULL};
    static const char *const events_a[] = {"limit", "50", NULL};
    static const char *const network_a[] = {"limit", "120", NULL};
    static const struct {
        const char *what;
        const char *const *args;
    } first[] = {{"stats", stats_a},     {"overview", overview_a}, {"timeline", timeline_a},
                 {"events", events_a},   {"network", network_a},   {"places", stats_a}};
    unsigned long long done = 0;
    while (!s->stop) {
        unsigned long long gen = store_gen(s);
        for (size_t i = 0; gen != done && i < sizeof first / sizeof first[0] && !s->stop; i++) {
            reply r = {0};
            fake_args = first[i].args;
            api_reply(s, NULL, first[i].what, &r);
            fake_args = NULL;
            free(r.body);
            sbody_release(r.shared);
        }
        done = gen;
        for (int t = 0; t < 10 && !s->stop; t++)
            usleep(100 * 1000);
    }
    return NULL;
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
    unsigned cache_mb = 64; /* --cache: bytes of answers kept; 0: none */
    const char *host = "127.0.0.1";
    serve_limits lim = {
        .threads = 16, .connections = 2000, .per_ip = 400, .timeout = 10, .memory = 32 * 1024};
    for (int i = 1; i < argc; i++) {
        int r;
        const char *v;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: dateline serve [--db FILE] [--port N] [--host ADDR] [--threads N]\n"
                 "                      [--max-connections N] [--max-per-ip N] [--timeout S]\n"
                 "                      [--cache MB]\n\n"
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
                 "address. Requests with a body are refused (405 or 413).\n\n"
                 "Answers are kept in --cache megabytes (64; 0: none) until the store\n"
                 "changes, and the first view of the page is computed ahead when the\n"
                 "server starts and after each change of the store.");
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
        } else if ((v = cli_opt_value("--cache", argc, argv, &i))) {
            char *end;
            unsigned long mb = strtoul(v, &end, 10);
            if (*v == '\0' || *end || mb > 65536) {
                fprintf(stderr, "dateline serve: --cache wants megabytes, 0-65536\n");
                return EXIT_USAGE;
            }
            cache_mb = (unsigned)mb;
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
    pthread_mutex_init(&s.cache.lock, NULL);
    pthread_cond_init(&s.cache.done, NULL);
    s.cache.limit = (size_t)cache_mb << 20;
    the_server = &s;
    struct MHD_Daemon *d = start_daemon(&s, &addr, &lim);
    if (d == NULL) {
        fprintf(stderr, "dateline serve: cannot listen on %s:%u\n", host, port);
        cache_free(&s.cache);
        pthread_key_delete(s.store_key);
        return EXIT_FAILURE_;
    }
    /* --port 0: the system picked a free port; say which (tests read it) */
    const union MHD_DaemonInfo *bound = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (bound && bound->port)
        port = bound->port;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    pthread_t warm;
    bool warming = cache_mb > 0 && pthread_create(&warm, NULL, warm_thread, &s) == 0;
    fprintf(stderr, "dateline: serving %s on http://%s:%u/ (%u threads, cache %u MB)\n", s.db,
            host, port, lim.threads, cache_mb);
    while (!s.stop)
        pause();
    if (warming)
        pthread_join(warm, NULL); /* its store is closed as it ends */
    MHD_stop_daemon(d); /* joins the request threads, which close their stores */
    cache_free(&s.cache);
    pthread_key_delete(s.store_key);
    return EXIT_OK;
}
