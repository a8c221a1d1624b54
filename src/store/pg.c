/*
 * pg.c — the PostgreSQL store: the same tables, view and queries as
 * sqlite.c (same column names and order, so the CLI, exports and the HTTP
 * server do not care which backend answers), over libpq. A version table
 * and forward migrations; full text through a generated tsvector column
 * on sentences with a GIN index; every user string travels as a query
 * parameter, never inside the SQL text.
 */
#include "store/store.h"

#include <libpq-fe.h>

typedef struct dl__pg {
    PGconn *c;
    bool in_tx;
    /* writing a document: statements are sent in libpq's pipeline mode
     * and their results read back at the end (pipe_drain), one round trip
     * for the whole layer instead of one per row */
    bool pipe;
    int queued;          /* statements sent since the last drain */
    char pipe_err[400];  /* the first failure a drain read, one line */
} dl__pg;

/* Migrations, in order: migration i brings the schema to version i + 1.
 * Never edit a released one; append. They run in one transaction. */
static const char *const migrations[] = {
    /* 1: the text search configuration ('simple', with unaccent where the
     * extension is or can be installed, in whatever schema it lives),
     * documents, sentences + tsvector, the layers */
    "DO $$ BEGIN"
    " BEGIN CREATE EXTENSION IF NOT EXISTS unaccent;"
    " EXCEPTION WHEN OTHERS THEN NULL; END;"
    " CREATE TEXT SEARCH CONFIGURATION dl_fts (COPY = pg_catalog.simple);"
    " IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN"
    "  EXECUTE (SELECT format('ALTER TEXT SEARCH CONFIGURATION dl_fts ALTER MAPPING"
    "   FOR hword, hword_part, word WITH %I.unaccent, simple', n.nspname)"
    "   FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace"
    "   WHERE x.extname = 'unaccent');"
    " END IF;"
    " END $$;"
    "CREATE TABLE documents("
    " rowid bigserial PRIMARY KEY, id text NOT NULL UNIQUE, hash text NOT NULL,"
    " date text NOT NULL, title text, url text, source text, origin text,"
    " text text NOT NULL, ingested text NOT NULL);"
    "CREATE INDEX documents_hash ON documents(hash);"
    "CREATE INDEX documents_date ON documents(date);"
    "CREATE TABLE sentences("
    " rowid bigserial PRIMARY KEY,"
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " idx integer NOT NULL, start integer NOT NULL, \"end\" integer NOT NULL,"
    " paragraph integer NOT NULL, text text NOT NULL,"
    " tsv tsvector GENERATED ALWAYS AS (to_tsvector('dl_fts', text)) STORED);"
    "CREATE INDEX sentences_doc ON sentences(doc, idx);"
    "CREATE INDEX sentences_tsv ON sentences USING gin(tsv);"
    "CREATE TABLE actors("
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx integer NOT NULL,"
    " sentence integer, start integer, \"end\" integer, text text, code text, country text,"
    " sector text, name text, kind text, antecedent integer, confidence float8, why text,"
    " PRIMARY KEY(doc, idx));"
    "CREATE INDEX actors_code ON actors(code);"
    "CREATE TABLE timexes("
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx integer NOT NULL,"
    " sentence integer, start integer, \"end\" integer, text text, type text, value text,"
    " mod text, PRIMARY KEY(doc, idx));"
    "CREATE TABLE places("
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx integer NOT NULL,"
    " sentence integer, start integer, \"end\" integer, text text, name text, country text,"
    " admin1 text, feature text, lat float8, lon float8, geonameid bigint, confidence float8,"
    " PRIMARY KEY(doc, idx));"
    "CREATE TABLE quotes("
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx integer NOT NULL,"
    " sentence integer, start integer, \"end\" integer, text text, kind text,"
    " cue_start integer, cue_end integer, cue text, speaker_actor integer,"
    " speaker_start integer, speaker_end integer, speaker text, speaker_code text,"
    " speaker_name text, confidence float8, PRIMARY KEY(doc, idx));"
    "CREATE INDEX quotes_speaker ON quotes(speaker_name);"
    "CREATE TABLE events("
    " doc bigint NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx integer NOT NULL,"
    " sentence integer, date text, date_precision text,"
    " source_code text, source_country text, source_sector text, source_text text,"
    " target_code text, target_country text, target_sector text, target_text text,"
    " cameo text, root text, quad_class integer, goldstein float8, plover text, mode text,"
    " negated integer, modality text, place integer, place_name text, lat float8, lon float8,"
    " quote integer, evidence_start integer, evidence_end integer, trigger text,"
    " confidence float8, why text, PRIMARY KEY(doc, idx));"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_dyad ON events(source_code, target_code);"
    "CREATE INDEX events_cameo ON events(cameo);",
    /* 2: the cross-document view, as in sqlite.c */
    "CREATE VIEW events_merged AS SELECT e.date AS date, e.source_code AS source,"
    " e.cameo AS cameo, max(e.plover) AS plover, e.target_code AS target,"
    " max(e.goldstein) AS goldstein, max(e.quad_class) AS quad, e.place_name AS place,"
    " avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS mentions,"
    " count(DISTINCT e.doc) AS articles, count(DISTINCT coalesce(d.source, d.id)) AS sources,"
    " min(d.id) AS first_doc"
    " FROM events e JOIN documents d ON d.rowid = e.doc"
    " WHERE e.negated = 0 AND e.modality IS NULL"
    " GROUP BY e.date, e.source_code, e.target_code, e.cameo, e.place_name;",
    /* 3: actor and trigger offsets and actor mentions, as in sqlite.c */
    "ALTER TABLE events ADD COLUMN source_start integer, ADD COLUMN source_end integer,"
    " ADD COLUMN source_actor integer, ADD COLUMN target_start integer,"
    " ADD COLUMN target_end integer, ADD COLUMN target_actor integer,"
    " ADD COLUMN trigger_start integer, ADD COLUMN trigger_end integer;",
};

#define SCHEMA_VERSION ((int)DL_ARRAY_LEN(migrations))
_Static_assert(DL_ARRAY_LEN(migrations) == DL_STORE_SCHEMA_PG,
               "DL_STORE_SCHEMA_PG in dateline.h names the last migration");

/* The prepared statements, made once per connection. */
enum { P_HAS_ID, P_HAS_HASH, P_DOC, P_SENT, P_ACTOR, P_TIMEX, P_PLACE, P_QUOTE, P_EVENT, P_N };

static const char *const prep_name[P_N] = {
    "dl_has_id", "dl_has_hash", "dl_doc", "dl_sent", "dl_actor",
    "dl_timex", "dl_place", "dl_quote", "dl_event",
};

static const char *const prep_sql[P_N] = {
    "SELECT 1 FROM documents WHERE id = $1",
    "SELECT 1 FROM documents WHERE hash = $1",
    ("INSERT INTO documents(id, hash, date, title, url, source, origin, text, ingested)"
     " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,"
     " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
     " ON CONFLICT DO NOTHING RETURNING rowid"),
    "INSERT INTO sentences(doc, idx, start, \"end\", paragraph, text) VALUES ($1,$2,$3,$4,$5,$6)",
    "INSERT INTO actors VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
    "INSERT INTO timexes VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
    "INSERT INTO places VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
    ("INSERT INTO quotes VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)"),
    ("INSERT INTO events VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,"
     "$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38,"
     "$39)"),
};

/* libpq's message on one line: runs of white space (it ends messages
 * with a newline and indents hints with tabs) become one space. */
static void one_line(const char *m, char *out, size_t cap)
{
    size_t n = 0;
    bool space = false;
    for (; m && *m && n + 1 < cap; m++) {
        bool ws = *m == '\n' || *m == '\t' || *m == '\r' || *m == ' ';
        if (ws) {
            space = n > 0;
            continue;
        }
        if (space && n + 2 < cap)
            out[n++] = ' ';
        space = false;
        out[n++] = *m;
    }
    out[n] = '\0';
}

static dl_code pg_fail(dl__pg *p, dl_error *err, const char *what)
{
    char m[400];
    one_line(PQerrorMessage(p->c), m, sizeof m);
    return dl__fail(err, DL_EDB, "%s: %s", what, m);
}

/* Runs SQL without parameters; fails unless it completed. */
static dl_code exec(dl__pg *p, const char *sql, dl_error *err)
{
    PGresult *r = PQexec(p->c, sql);
    ExecStatusType s = PQresultStatus(r);
    dl_code rc = DL_OK;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        rc = pg_fail(p, err, "database");
    PQclear(r);
    return rc;
}

/* COMMIT of a transaction an error aborted succeeds as a ROLLBACK. */
static dl_code commit(dl__pg *p, dl_error *err)
{
    PGresult *r = PQexec(p->c, "COMMIT");
    dl_code rc = DL_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_fail(p, err, "database");
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)
        rc = dl__fail(err, DL_EDB, "the batch was rolled back after an earlier error");
    PQclear(r);
    return rc;
}

static int schema_version(dl__pg *p)
{
    PGresult *r = PQexec(p->c, "SELECT coalesce(max(version), 0) FROM dl_schema");
    int v = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
        long x = strtol(PQgetvalue(r, 0, 0), NULL, 10);
        v = x >= 0 && x < 100000 ? (int)x : -1;
    }
    PQclear(r);
    return v;
}

/* One transaction under an advisory lock, so two processes opening a new
 * database at once do not both migrate it. */
static dl_code migrate(dl__pg *p, dl_error *err)
{
    /* the common case, up to date: no transaction, no DDL (so a role that
     * may only read and write rows can open it) */
    if (schema_version(p) == SCHEMA_VERSION)
        return DL_OK;
    dl_code rc = exec(p, "BEGIN; SELECT pg_advisory_xact_lock(20230723);"
                         " CREATE TABLE IF NOT EXISTS dl_schema(version integer NOT NULL)",
                      err);
    int v = rc == DL_OK ? schema_version(p) : 0;
    if (rc == DL_OK && v < 0)
        rc = pg_fail(p, err, "reading schema version");
    if (rc == DL_OK && v > SCHEMA_VERSION)
        rc = dl__fail(err, DL_EDB, "database schema %d is newer than this dateline (%d)", v,
                      SCHEMA_VERSION);
    for (int i = v; rc == DL_OK && i < SCHEMA_VERSION; i++)
        rc = exec(p, migrations[i], err);
    if (rc == DL_OK && v < SCHEMA_VERSION) {
        char sql[96];
        snprintf(sql, sizeof sql, "DELETE FROM dl_schema; INSERT INTO dl_schema VALUES (%d)",
                 SCHEMA_VERSION);
        rc = exec(p, sql, err);
    }
    if (rc == DL_OK)
        rc = exec(p, "COMMIT", err);
    if (rc != DL_OK)
        PQclear(PQexec(p->c, "ROLLBACK"));
    return rc;
}

/* The URL with its password (user:PASS@ or password=PASS) shown as ***. */
static void redact(const char *url, char *out, size_t cap)
{
    dl__buf b;
    dl__buf_init(&b);
    const char *s = strstr(url, "://");
    const char *p = url;
    if (s) {
        s += 3;
        size_t host = strcspn(s, "/?");
        const char *at = memchr(s, '@', host);
        const char *colon = at ? memchr(s, ':', (size_t)(at - s)) : NULL;
        if (colon) {
            dl__buf_add(&b, url, (size_t)(colon + 1 - url));
            dl__buf_puts(&b, "***");
            p = at;
        }
    }
    for (;;) {
        const char *pw = strstr(p, "password=");
        if (pw == NULL)
            break;
        dl__buf_add(&b, p, (size_t)(pw + 9 - p));
        dl__buf_puts(&b, "***");
        p = pw + 9 + strcspn(pw + 9, "& ");
    }
    dl__buf_puts(&b, p);
    snprintf(out, cap, "%s", b.failed || b.data == NULL ? "(database URL)" : b.data);
    dl__buf_free(&b);
}

static void quiet(void *arg, const char *message)
{
    DL_UNUSED(arg);
    DL_UNUSED(message);
}

static void close_db(dl__pg *p)
{
    if (p == NULL)
        return;
    PQfinish(p->c);
    free(p);
}

static dl_code pg_open(const char *url, void **out, dl_error *err)
{
    dl__pg *p = calloc(1, sizeof *p);
    if (p == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    char shown[512];
    redact(url, shown, sizeof shown);
    p->c = PQconnectdb(url);
    if (p->c == NULL || PQstatus(p->c) != CONNECTION_OK) {
        char m[400];
        one_line(p->c ? PQerrorMessage(p->c) : "out of memory", m, sizeof m);
        dl_code rc = dl__fail_at(err, DL_EDB, shown, 0, "cannot connect to %s: %s", shown, m);
        close_db(p);
        return rc;
    }
    PQsetNoticeProcessor(p->c, quiet, NULL);
    dl_code rc = DL_OK;
    if (PQsetClientEncoding(p->c, "UTF8") != 0)
        rc = pg_fail(p, err, "setting client encoding");
    if (rc == DL_OK)
        rc = migrate(p, err);
    for (int i = 0; rc == DL_OK && i < P_N; i++) {
        PGresult *r = PQprepare(p->c, prep_name[i], prep_sql[i], 0, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = pg_fail(p, err, "preparing statements");
        PQclear(r);
    }
    if (rc != DL_OK) {
        if (err && err->file[0] == '\0')
            snprintf(err->file, sizeof err->file, "%s", shown);
        close_db(p);
        return rc;
    }
    *out = p;
    return DL_OK;
}

static void pg_close(void *h)
{
    close_db(h);
}

/* ---------------------------------------------------------------- writes */

/* Parameters of one prepared INSERT: strings in text format, document
 * spans in binary format (the bytes of a text value are the text, so a
 * span needs no copy and no NUL). */
#define MAXP 48

typedef struct pgp {
    const char *v[MAXP];
    int len[MAXP], fmt[MAXP];
    char num[MAXP][32];
    int n;
} pgp;

static void p_null(pgp *a)
{
    if (a->n < MAXP) {
        a->v[a->n] = NULL;
        a->len[a->n] = 0;
        a->fmt[a->n++] = 0;
    }
}

static void p_text(pgp *a, const char *s)
{
    if (a->n < MAXP) {
        a->v[a->n] = s;
        a->len[a->n] = 0;
        a->fmt[a->n++] = 0;
    }
}

static void p_span(pgp *a, const dl_doc *doc, uint32_t s, uint32_t e)
{
    if (e > doc->len || s > e || a->n >= MAXP) {
        p_null(a);
        return;
    }
    a->v[a->n] = doc->text + s;
    a->len[a->n] = (int)(e - s);
    a->fmt[a->n++] = 1;
}

static void p_int(pgp *a, long long x)
{
    if (a->n < MAXP) {
        snprintf(a->num[a->n], sizeof a->num[a->n], "%lld", x);
        p_text(a, a->num[a->n]);
    }
}

static void p_dbl(pgp *a, double x)
{
    if (a->n < MAXP) {
        snprintf(a->num[a->n], sizeof a->num[a->n], "%.17g", x);
        p_text(a, a->num[a->n]);
    }
}

/* Runs prepared statement i; returns the result (caller clears) or NULL
 * when it failed. */
static PGresult *run_prep(dl__pg *p, int i, const pgp *a)
{
    PGresult *r = PQexecPrepared(p->c, prep_name[i], a->n, a->v, a->len, a->fmt, 0);
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
        return r;
    PQclear(r);
    return NULL;
}

/* Reads the results of everything sent in pipeline mode up to a sync
 * (sending the sync first); false when one failed (its message in
 * p->pipe_err). Later statements of a failed pipeline are skipped by
 * the server (PGRES_PIPELINE_ABORTED). */
static bool pipe_drain(dl__pg *p)
{
    bool ok = true;
    if (PQpipelineSync(p->c) != 1) {
        one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
        return false;
    }
    for (;;) {
        PGresult *r = PQgetResult(p->c);
        if (r == NULL) { /* the end of one statement's results */
            if (PQstatus(p->c) == CONNECTION_BAD) {
                one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
                return false;
            }
            continue;
        }
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && ok) {
            ok = false;
            if (s != PGRES_PIPELINE_ABORTED || p->pipe_err[0] == '\0')
                one_line(PQresultErrorMessage(r), p->pipe_err, sizeof p->pipe_err);
        }
        if (PQstatus(p->c) == CONNECTION_BAD) {
            PQclear(r);
            one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
            return false;
        }
        PQclear(r);
    }
    p->queued = 0;
    return ok;
}

/* Runs prepared statement i for its effect: in pipeline mode it is only
 * sent (drained every 256 statements, so neither side's socket buffer
 * fills while the other waits). */
static bool run_ok(dl__pg *p, int i, const pgp *a)
{
    if (p->pipe) {
        if (PQsendQueryPrepared(p->c, prep_name[i], a->n, a->v, a->len, a->fmt, 0) != 1) {
            one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
            return false;
        }
        return ++p->queued < 256 || pipe_drain(p);
    }
    PGresult *r = run_prep(p, i, a);
    PQclear(r);
    return r != NULL;
}

static bool exists(dl__pg *p, int i, const char *key)
{
    pgp a = {0};
    p_text(&a, key);
    PGresult *r = run_prep(p, i, &a);
    bool found = r && PQntuples(r) > 0;
    PQclear(r);
    return found;
}

static dl_code pg_has(void *h, const char *id, const char *hash, bool *has)
{
    dl__pg *p = h;
    *has = (id && exists(p, P_HAS_ID, id)) || (hash && exists(p, P_HAS_HASH, hash));
    return DL_OK;
}

static bool put_sentences(dl__pg *p, const dl_doc *doc, const char *row)
{
    size_t n;
    const dl_sentence *se = dl_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++) {
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, se[i].start);
        p_int(&a, se[i].end);
        p_int(&a, se[i].paragraph);
        p_span(&a, doc, se[i].start, se[i].end);
        if (!run_ok(p, P_SENT, &a))
            return false;
    }
    return true;
}

static bool put_actors_timexes(dl__pg *p, const dl_doc *doc, const char *row)
{
    size_t n;
    const dl_actor *ac = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++) {
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, ac[i].sentence);
        p_int(&a, ac[i].start);
        p_int(&a, ac[i].end);
        p_span(&a, doc, ac[i].start, ac[i].end);
        p_text(&a, ac[i].code);
        p_text(&a, ac[i].country);
        p_text(&a, ac[i].sector);
        p_text(&a, ac[i].name);
        p_text(&a, dl_actor_kind_name(ac[i].kind));
        if (ac[i].antecedent >= 0)
            p_int(&a, ac[i].antecedent);
        else
            p_null(&a);
        p_dbl(&a, ac[i].confidence);
        p_text(&a, ac[i].why);
        if (!run_ok(p, P_ACTOR, &a))
            return false;
    }
    const dl_timex *tx = dl_doc_timexes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, tx[i].sentence);
        p_int(&a, tx[i].start);
        p_int(&a, tx[i].end);
        p_span(&a, doc, tx[i].start, tx[i].end);
        p_text(&a, dl_timex_type_name(tx[i].type));
        p_text(&a, tx[i].value);
        p_text(&a, tx[i].mod);
        if (!run_ok(p, P_TIMEX, &a))
            return false;
    }
    return true;
}

static bool put_places(dl__pg *p, const dl_doc *doc, const char *row)
{
    size_t n;
    const dl_place *pl = dl_doc_places(doc, &n);
    for (size_t i = 0; i < n; i++) {
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, pl[i].sentence);
        p_int(&a, pl[i].start);
        p_int(&a, pl[i].end);
        p_span(&a, doc, pl[i].start, pl[i].end);
        p_text(&a, pl[i].name);
        p_text(&a, pl[i].country);
        p_text(&a, pl[i].admin1);
        p_text(&a, pl[i].feature);
        p_dbl(&a, pl[i].lat);
        p_dbl(&a, pl[i].lon);
        if (pl[i].geonameid)
            p_int(&a, (long long)pl[i].geonameid);
        else
            p_null(&a);
        p_dbl(&a, pl[i].confidence);
        if (!run_ok(p, P_PLACE, &a))
            return false;
    }
    return true;
}

static bool put_quotes(dl__pg *p, const dl_doc *doc, const char *row)
{
    size_t n, nac;
    const dl_actor *ac = dl_doc_actors(doc, &nac);
    const dl_quote *qu = dl_doc_quotes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        const dl_quote *q = &qu[i];
        const dl_actor *who = q->speaker >= 0 && (size_t)q->speaker < nac ? &ac[q->speaker] : NULL;
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, q->sentence);
        p_int(&a, q->start);
        p_int(&a, q->end);
        p_span(&a, doc, q->start, q->end);
        p_text(&a, dl_quote_kind_name(q->kind));
        if (q->has_cue) {
            p_int(&a, q->cue.start);
            p_int(&a, q->cue.end);
            p_span(&a, doc, q->cue.start, q->cue.end);
        } else {
            p_null(&a);
            p_null(&a);
            p_null(&a);
        }
        if (who)
            p_int(&a, q->speaker);
        else
            p_null(&a);
        if (q->has_speaker) {
            p_int(&a, q->speaker_span.start);
            p_int(&a, q->speaker_span.end);
            p_span(&a, doc, q->speaker_span.start, q->speaker_span.end);
        } else {
            p_null(&a);
            p_null(&a);
            p_null(&a);
        }
        p_text(&a, who ? who->code : NULL);
        if (who && who->name)
            p_text(&a, who->name);
        else if (q->has_speaker)
            p_span(&a, doc, q->speaker_span.start, q->speaker_span.end);
        else
            p_null(&a);
        p_dbl(&a, q->confidence);
        if (!run_ok(p, P_QUOTE, &a))
            return false;
    }
    return true;
}

static void event_actor(pgp *a, const dl_doc *doc, const dl_participant *r, bool has)
{
    if (!has) {
        for (int i = 0; i < 4; i++)
            p_null(a);
        return;
    }
    p_text(a, r->code);
    p_text(a, r->country);
    p_text(a, r->sector);
    p_span(a, doc, r->start, r->end);
}

static bool put_events(dl__pg *p, const dl_doc *doc, const char *row)
{
    size_t n, npl;
    const dl_place *pl = dl_doc_places(doc, &npl);
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++) {
        const dl_event *e = &ev[i];
        char date[11];
        dl_date_format(e->date, date);
        pgp a = {0};
        p_text(&a, row);
        p_int(&a, (long long)i);
        p_int(&a, e->sentence);
        p_text(&a, date);
        p_text(&a, dl_precision_name(e->date_precision));
        event_actor(&a, doc, &e->source, true);
        event_actor(&a, doc, &e->target, e->has_target);
        p_text(&a, e->cameo);
        p_text(&a, e->root);
        p_int(&a, e->quad_class);
        p_dbl(&a, e->goldstein);
        p_text(&a, e->plover);
        p_text(&a, e->mode);
        p_int(&a, e->negated);
        p_text(&a, e->modality);
        const dl_place *pc = e->place >= 0 && (size_t)e->place < npl ? &pl[e->place] : NULL;
        if (pc) {
            p_int(&a, e->place);
            p_text(&a, pc->name);
            p_dbl(&a, pc->lat);
            p_dbl(&a, pc->lon);
        } else {
            for (int k = 0; k < 4; k++)
                p_null(&a);
        }
        if (e->quote >= 0)
            p_int(&a, e->quote);
        else
            p_null(&a);
        p_int(&a, e->evidence.start);
        p_int(&a, e->evidence.end);
        p_span(&a, doc, e->trigger.start, e->trigger.end);
        p_dbl(&a, e->confidence);
        p_text(&a, e->why);
        p_int(&a, e->source.start);
        p_int(&a, e->source.end);
        if (e->source.actor >= 0)
            p_int(&a, e->source.actor);
        else
            p_null(&a);
        if (e->has_target) {
            p_int(&a, e->target.start);
            p_int(&a, e->target.end);
            if (e->target.actor >= 0)
                p_int(&a, e->target.actor);
            else
                p_null(&a);
        } else {
            for (int k = 0; k < 3; k++)
                p_null(&a);
        }
        p_int(&a, e->trigger.start);
        p_int(&a, e->trigger.end);
        if (!run_ok(p, P_EVENT, &a))
            return false;
    }
    return true;
}

/* Writes the document row; *row gets its rowid, or stays empty when the
 * id is already stored (another writer got there first: ON CONFLICT DO
 * NOTHING returns no row). *deadlock: it failed as the victim of a
 * deadlock with another writer. */
static bool put_doc_row(dl__pg *p, const dl_doc *doc, char row[32], bool *deadlock)
{
    char date[11];
    dl_date_format(doc->date, date);
    pgp a = {0};
    p_text(&a, doc->id);
    p_text(&a, doc->hash);
    p_text(&a, date);
    p_text(&a, doc->title);
    p_text(&a, doc->url);
    p_text(&a, doc->source);
    p_text(&a, doc->origin);
    p_span(&a, doc, 0, (uint32_t)doc->len);
    row[0] = '\0';
    *deadlock = false;
    PGresult *r = PQexecPrepared(p->c, prep_name[P_DOC], a.n, a.v, a.len, a.fmt, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        *deadlock = state && strcmp(state, "40P01") == 0;
        one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
        PQclear(r);
        return false;
    }
    if (PQntuples(r) == 1)
        snprintf(row, 32, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return true;
}

/* Every layer row of a stored document, pipelined: one round trip. */
static bool put_layers(dl__pg *p, const dl_doc *doc, const char *row)
{
    if (PQenterPipelineMode(p->c) != 1) {
        one_line(PQerrorMessage(p->c), p->pipe_err, sizeof p->pipe_err);
        return false;
    }
    p->pipe = true;
    p->queued = 0;
    bool ok = put_sentences(p, doc, row) && put_actors_timexes(p, doc, row) &&
              put_places(p, doc, row) && put_quotes(p, doc, row) && put_events(p, doc, row);
    ok = pipe_drain(p) && ok;
    p->pipe = false;
    PQexitPipelineMode(p->c);
    return ok;
}

static dl_code pg_put(void *h, const dl_doc *doc, bool *stored, dl_error *err)
{
    dl__pg *p = h;
    *stored = false;
    bool id_given = strcmp(doc->id, doc->hash) != 0;
    bool has = exists(p, P_HAS_ID, doc->id) || (!id_given && exists(p, P_HAS_HASH, doc->hash));
    if (has)
        return DL_OK;
    for (int attempt = 0;; attempt++) {
        /* a savepoint per document inside a batch; its own transaction outside */
        dl_code rc = exec(p, p->in_tx ? "SAVEPOINT doc" : "BEGIN", err);
        if (rc != DL_OK)
            return rc;
        p->pipe_err[0] = '\0';
        char row[32];
        bool deadlock = false;
        bool ok = put_doc_row(p, doc, row, &deadlock);
        if (ok && row[0] == '\0') {
            /* stored meanwhile by a writer whose transaction committed
             * while this one waited on the id: not stored again, no error */
            return p->in_tx ? exec(p, "RELEASE doc", err) : commit(p, err);
        }
        if (!ok && deadlock && p->in_tx && attempt < 3) {
            /* two writers of overlapping input in different orders, each
             * waiting on a document the other's open batch holds: the one
             * PostgreSQL chose commits what its batch has so far (so the
             * other can go on) and tries this document again */
            PQclear(PQexec(p->c, "ROLLBACK TO doc; RELEASE doc"));
            rc = commit(p, err);
            if (rc == DL_OK)
                rc = exec(p, "BEGIN", err);
            if (rc != DL_OK) {
                p->in_tx = false;
                return rc;
            }
            continue;
        }
        if (ok)
            ok = put_layers(p, doc, row);
        if (!ok) {
            rc = dl__fail(err, DL_EDB, "storing document: %s", p->pipe_err);
            PQclear(PQexec(p->c, p->in_tx ? "ROLLBACK TO doc; RELEASE doc" : "ROLLBACK"));
            return rc;
        }
        rc = p->in_tx ? exec(p, "RELEASE doc", err) : commit(p, err);
        if (rc == DL_OK)
            *stored = true;
        return rc;
    }
}

static dl_code pg_tx(void *h, const char *sql, dl_error *err)
{
    dl__pg *p = h;
    bool begin = strncmp(sql, "BEGIN", 5) == 0;
    dl_code rc = strcmp(sql, "COMMIT") == 0 ? commit(p, err) : exec(p, begin ? "BEGIN" : sql, err);
    if (rc == DL_OK || !begin)
        p->in_tx = begin && rc == DL_OK;
    if (rc != DL_OK && !begin)
        PQclear(PQexec(p->c, "ROLLBACK")); /* a failed COMMIT leaves no open block */
    return rc;
}

/* ------------------------------------------------------------- queries */

/* A query being built: SQL text and its parameters, all as text. */
typedef struct qb {
    dl__buf sql;
    const char *args[MAXP];
    char nums[MAXP][32];
    int n;
    bool full;
} qb;

static int qb_add(qb *b, const char *arg)
{
    if (b->n >= MAXP) {
        b->full = true;
        return MAXP;
    }
    b->args[b->n] = arg;
    return ++b->n;
}

static int qb_addnum(qb *b, double v)
{
    if (b->n >= MAXP) {
        b->full = true;
        return MAXP;
    }
    snprintf(b->nums[b->n], sizeof b->nums[b->n], "%.17g", v);
    b->args[b->n] = b->nums[b->n];
    return ++b->n;
}

/* Appends sql with each '?' replaced by the placeholder of one new string
 * parameter (all '?' of one call name the same value). */
static void qb_str(qb *b, const char *sql, const char *arg)
{
    int k = qb_add(b, arg);
    for (const char *s = sql; *s; s++) {
        if (*s == '?')
            dl__buf_printf(&b->sql, "$%d::text", k);
        else
            dl__buf_putc(&b->sql, *s);
    }
}

static void qb_num(qb *b, const char *sql, double v)
{
    int k = qb_addnum(b, v);
    for (const char *s = sql; *s; s++) {
        if (*s == '?')
            dl__buf_printf(&b->sql, "$%d::float8", k);
        else
            dl__buf_putc(&b->sql, *s);
    }
}

/* Sends the query in single-row mode and hands each row to fn. */
static dl_code qb_run(dl__pg *p, qb *b, dl_row_fn fn, void *ctx, dl_error *err)
{
    if (b->sql.failed || b->full) {
        dl__buf_free(&b->sql);
        return dl__fail(err, b->full ? DL_EUSAGE : DL_ENOMEM, b->full ? "too many filters" : NULL);
    }
    int sent = PQsendQueryParams(p->c, b->sql.data, b->n, NULL, b->args, NULL, NULL, 0);
    dl__buf_free(&b->sql);
    if (!sent)
        return pg_fail(p, err, "query");
    PQsetSingleRowMode(p->c);
    dl_code rc = DL_OK;
    bool stop = false;
    PGresult *r;
    while ((r = PQgetResult(p->c)) != NULL) {
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_SINGLE_TUPLE && !stop && rc == DL_OK) {
            int ncol = PQnfields(r) > 64 ? 64 : PQnfields(r);
            const char *names[64], *vals[64];
            for (int i = 0; i < ncol; i++) {
                names[i] = PQfname(r, i);
                vals[i] = PQgetisnull(r, 0, i) ? NULL : PQgetvalue(r, 0, i);
            }
            stop = fn(ctx, ncol, names, vals) != 0;
        } else if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK && rc == DL_OK) {
            char m[400];
            one_line(PQresultErrorMessage(r), m, sizeof m);
            rc = dl__fail(err, DL_EDB, "query: %s", m);
        }
        PQclear(r);
    }
    return rc;
}

/* Ends a listing: a count of its rows (q->count), else the order, limit
 * and offset. */
static void finish(qb *b, const dl_query *q, const char *order)
{
    if (q->count) {
        dl__buf w;
        dl__buf_init(&w);
        dl__buf_puts(&w, "SELECT count(*) AS total FROM (");
        if (b->sql.data)
            dl__buf_add(&w, b->sql.data, b->sql.len);
        dl__buf_puts(&w, ") t");
        w.failed |= b->sql.failed;
        dl__buf_free(&b->sql);
        b->sql = w;
        return;
    }
    dl__buf_printf(&b->sql, " ORDER BY %s LIMIT %ld OFFSET %ld", order,
                   q->limit > 0 ? q->limit : 100, q->offset > 0 ? q->offset : 0);
}

/* Ties of a merged listing broken by the rest of its key, NULLs as ''
 * (SQLite and PostgreSQL sort NULLs apart), so that the order is total and
 * the same in both: pages neither repeat nor skip a row. */
#define MERGED_TIE ", coalesce(e.source, ''), coalesce(e.target, ''), e.cameo, coalesce(e.place, '')"

/* The ORDER BY of an event listing for q->sort, as in sqlite.c. */
static const char *event_order(const dl_query *q, bool merged)
{
    const char *k = q->sort ? q->sort : "date";
    bool desc = *k == '-';
    k += desc;
    if (merged) {
        static const char *const m[][3] = {
            {"date", "e.date, e.mentions DESC" MERGED_TIE,
             "e.date DESC, e.mentions DESC" MERGED_TIE},
            {"goldstein", "e.goldstein, e.date DESC, e.mentions DESC" MERGED_TIE,
             "e.goldstein DESC, e.date DESC, e.mentions DESC" MERGED_TIE},
            {"mentions", "e.mentions, e.date DESC" MERGED_TIE, "e.mentions DESC, e.date DESC" MERGED_TIE},
            {"sources", "e.sources, e.date DESC" MERGED_TIE, "e.sources DESC, e.date DESC" MERGED_TIE},
        };
        for (size_t i = 0; i < DL_ARRAY_LEN(m); i++)
            if (strcmp(k, m[i][0]) == 0)
                return m[i][desc ? 2 : 1];
        return NULL;
    }
    if (strcmp(k, "date") == 0)
        return desc ? "e.date DESC, d.id DESC, e.idx" : "e.date, d.id, e.idx";
    if (strcmp(k, "goldstein") == 0)
        return desc ? "e.goldstein DESC, e.date DESC, d.id, e.idx"
                    : "e.goldstein, e.date DESC, d.id, e.idx";
    return NULL;
}

static void date_filters(qb *b, const dl_query *q, const char *col)
{
    char sql[96];
    if (q->from) {
        snprintf(sql, sizeof sql, " AND %s >= ?", col);
        qb_str(b, sql, q->from);
    }
    if (q->to) {
        snprintf(sql, sizeof sql, " AND %s <= ?", col);
        qb_str(b, sql, q->to);
    }
}

/* ts_headline's options with the caller's marks, double-quoted (a mark
 * holding a double quote or a backslash falls back to the default). */
static void headline_options(const dl_query *q, char *out, size_t cap)
{
    const char *o = q->hl_open ? q->hl_open : "[";
    const char *c = q->hl_close ? q->hl_close : "]";
    if (strpbrk(o, "\"\\") || strpbrk(c, "\"\\") || !*o || !*c) {
        o = "[";
        c = "]";
    }
    snprintf(out, cap, "StartSel=\"%s\", StopSel=\"%s\", HighlightAll=true", o, c);
}

static dl_code pg_search(void *h, const dl_query *q, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    char opts[256];
    headline_options(q, opts, sizeof opts);
    qb b = {0};
    dl__buf_init(&b.sql);
    qb_add(&b, q->text ? q->text : "");
    qb_add(&b, opts);
    dl__buf_printf(&b.sql,
                   "SELECT d.id AS doc, d.date AS date, s.idx AS sentence,"
                   " ts_headline('dl_fts', s.text, w.q, $2::text) AS text,"
                   " round(ts_rank(s.tsv, w.q)::numeric, 3) AS score"
                   " FROM (SELECT %s('dl_fts', $1::text) AS q) w"
                   " JOIN sentences s ON s.tsv @@ w.q JOIN documents d ON d.rowid = s.doc"
                   " WHERE true", q->fts_syntax ? "websearch_to_tsquery" : "plainto_tsquery");
    date_filters(&b, q, "d.date");
    finish(&b, q, q->sort && strcmp(q->sort, "-date") == 0
                      ? "d.date DESC, ts_rank(s.tsv, w.q) DESC, d.id, s.idx"
                      : "ts_rank(s.tsv, w.q) DESC, d.date DESC, d.id, s.idx");
    dl_code rc = qb_run(p, &b, fn, ctx, err);
    if (rc == DL_EDB && q->fts_syntax && strstr(err->msg, "tsquery"))
        rc = dl__fail(err, DL_EUSAGE, DL__FTS_SYNTAX_MSG);
    return rc;
}

static void code_filter(qb *b, const char *col, const char *code)
{
    char sql[128];
    snprintf(sql, sizeof sql, " AND %s ILIKE ? || '%%'", col);
    qb_str(b, sql, code);
}

/* The WHERE clauses shared by events and export, as in sqlite.c. */
static void event_filters(qb *b, const dl_query *q, char a[64], char c[64])
{
    if (q->source)
        code_filter(b, "e.source_code", q->source);
    if (q->target)
        code_filter(b, "e.target_code", q->target);
    if (q->actor)
        qb_str(b, " AND (e.source_code ILIKE ? || '%' OR e.target_code ILIKE ? || '%')",
               q->actor);
    if (q->dyad) {
        /* "RUS:POL" one way, "RUS~POL" either way */
        const char *sep = strpbrk(q->dyad, ":~");
        if (sep && (size_t)(sep - q->dyad) < 64 && strlen(sep + 1) < 64) {
            memcpy(a, q->dyad, (size_t)(sep - q->dyad));
            a[sep - q->dyad] = '\0';
            snprintf(c, 64, "%s", sep + 1);
            if (*sep == ':') {
                code_filter(b, "e.source_code", a);
                code_filter(b, "e.target_code", c);
            } else {
                qb_str(b, " AND ((e.source_code ILIKE ? || '%'", a);
                qb_str(b, " AND e.target_code ILIKE ? || '%')", c);
                qb_str(b, " OR (e.source_code ILIKE ? || '%'", c);
                qb_str(b, " AND e.target_code ILIKE ? || '%'))", a);
            }
        }
    }
    if (q->cameo)
        code_filter(b, "e.cameo", q->cameo);
    if (q->plover)
        qb_str(b, " AND e.plover = upper(?)", q->plover);
    if (q->quad_class > 0)
        qb_num(b, " AND e.quad_class = ?", q->quad_class);
    date_filters(b, q, "e.date");
    if (q->has_gold) {
        qb_num(b, " AND e.goldstein BETWEEN ?", q->gold_min);
        qb_num(b, " AND ?", q->gold_max);
    }
    if (q->near_km > 0) {
        /* haversine, km */
        int la = qb_addnum(b, q->near_lat), lo = qb_addnum(b, q->near_lon);
        int km = qb_addnum(b, q->near_km);
        dl__buf_printf(&b->sql,
                       " AND 6371.0088 * 2 * asin(least(1.0, sqrt("
                       "power(sin(radians(e.lat - $%d::float8) / 2), 2) +"
                       " cos(radians($%d::float8)) * cos(radians(e.lat)) *"
                       " power(sin(radians(e.lon - $%d::float8) / 2), 2)))) <= $%d::float8",
                       la, la, lo, km);
    }
    if (q->has_bbox) {
        qb_num(b, " AND e.lat BETWEEN ?", q->bbox[0]);
        qb_num(b, " AND ?", q->bbox[2]);
        qb_num(b, " AND e.lon BETWEEN ?", q->bbox[1]);
        qb_num(b, " AND ?", q->bbox[3]);
    }
}

/* Filters of raw events on their document and sentence, as in sqlite.c. */
static void doc_filters(qb *b, const dl_query *q)
{
    if (q->publisher)
        qb_str(b, " AND d.source = ?", q->publisher);
    if (q->text)
        qb_str(b, q->fts_syntax
                      ? " AND EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc"
                        " AND s.idx = e.sentence AND s.tsv @@ websearch_to_tsquery('dl_fts', ?))"
                      : " AND EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc"
                        " AND s.idx = e.sentence AND s.tsv @@ plainto_tsquery('dl_fts', ?))",
               q->text);
}

#define EVIDENCE                                                                         \
    "convert_from(substring(convert_to(d.text, 'UTF8') from e.evidence_start + 1"      \
    " for e.evidence_end - e.evidence_start), 'UTF8')"

static dl_code pg_events(void *h, const dl_query *q, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    char a[64], c[64];
    qb b = {0};
    dl__buf_init(&b.sql);
    if (q->merged) {
        dl__buf_puts(&b.sql, "SELECT e.date, e.source, e.cameo, e.plover, e.target, e.goldstein,"
                             " e.quad, e.place, e.lat, e.lon, e.mentions, e.articles, e.sources,"
                             " e.first_doc FROM (SELECT date, source AS source_code, target AS"
                             " target_code, cameo, plover, goldstein, quad AS quad_class, place,"
                             " lat, lon, mentions, articles, sources, first_doc, source, target, quad,"
                             " 0 AS negated FROM events_merged) e WHERE true");
        event_filters(&b, q, a, c);
        const char *order = event_order(q, true);
        if (q->publisher || q->text || order == NULL) {
            dl__buf_free(&b.sql);
            return dl__fail(err, DL_EUSAGE, "%s does not apply to merged events",
                            order == NULL ? "this sort" : q->publisher ? "publisher" : "text");
        }
        finish(&b, q, order);
        return qb_run(p, &b, fn, ctx, err);
    }
    /* a count reads no column, and needs the document only for its publisher */
    dl__buf_puts(&b.sql,
                 q->count && !q->publisher ? "SELECT 1 FROM events e WHERE e.negated = 0"
                 : q->count ? "SELECT 1 FROM events e JOIN documents d ON d.rowid = e.doc"
                              " WHERE e.negated = 0"
                 : "SELECT e.date, e.source_code AS source, e.cameo, e.plover,"
                 " e.target_code AS target, e.goldstein, e.quad_class AS quad,"
                 " e.place_name AS place, e.lat, e.lon, d.id AS doc, e.sentence,"
                 " e.source_text, e.target_text, e.trigger,"
                 " " EVIDENCE " AS evidence"
                 " FROM events e JOIN documents d ON d.rowid = e.doc WHERE e.negated = 0");
    event_filters(&b, q, a, c);
    doc_filters(&b, q);
    const char *order = event_order(q, false);
    if (order == NULL) {
        dl__buf_free(&b.sql);
        return dl__fail(err, DL_EUSAGE, "sort by mentions or sources needs merged events");
    }
    finish(&b, q, order);
    return qb_run(p, &b, fn, ctx, err);
}

#define CHAR_OFF(col)                                                                  \
    "CASE WHEN " col " IS NULL THEN -1 ELSE char_length(convert_from(substring("          \
    "convert_to(d.text, 'UTF8') from 1 for " col "), 'UTF8')) END"
#define ACTOR_PLACE(al, side)                                                          \
    " LEFT JOIN places " al " ON " al ".doc = e.doc AND " al ".idx = (SELECT min(x.idx) FROM"   \
    " places x WHERE x.doc = e.doc AND x.sentence = e.sentence AND ((x.start >= e." side       \
    "_start AND x.\"end\" <= e." side "_end) OR (x.\"end\" <= e." side "_start AND e." side   \
    "_start - x.\"end\" <= 3) OR (x.start >= e." side "_end AND x.start - e." side "_end <= 6)))"
#define PLACE_COLS(al) " " al ".name, " al ".country, " al ".admin1, " al ".feature, " al ".geonameid, " al ".lat, " al ".lon,"

/* As sqlite_export (sqlite.c). */
static dl_code pg_export(void *h, const dl_query *q, int order, dl_row_fn fn, void *ctx,
                         dl_error *err)
{
    dl__pg *p = h;
    char a[64], c[64];
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT least(e.date, substr(d.date, 1, 10)) AS date,"
                 " CASE WHEN e.date > substr(d.date, 1, 10) THEN 'document' ELSE e.date_precision END"
                 " AS date_precision, e.date AS event_date,"
                 " e.source_code, e.source_country, e.source_sector, e.source_text,"
                 " coalesce(sa.name, sx.name) AS source_name, sa.kind AS source_kind,"
                 " e.target_code, e.target_country, e.target_sector, e.target_text,"
                 " coalesce(ta.name, tx.name) AS target_name, ta.kind AS target_kind,"
                 " e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.mode,"
                 " e.place_name, p.country, p.admin1, p.feature, p.geonameid, e.lat, e.lon,"
                 PLACE_COLS("sp") PLACE_COLS("tp")
                 " d.id AS doc, d.url, d.source AS publisher, d.date AS doc_date, e.sentence, e.idx,"
                 " " EVIDENCE " AS evidence,"
                 " e.trigger, e.confidence, q.text AS quote, char_length(d.text) AS doc_len, "
                 CHAR_OFF("e.source_start") ", " CHAR_OFF("e.target_start") ", "
                 CHAR_OFF("e.trigger_start")
                 " FROM events e JOIN documents d ON d.rowid = e.doc"
                 " LEFT JOIN places p ON p.doc = e.doc AND p.idx = e.place"
                 " LEFT JOIN quotes q ON q.doc = e.doc AND q.idx = e.quote"
                 " LEFT JOIN actors sa ON sa.doc = e.doc AND sa.idx = e.source_actor"
                 " LEFT JOIN actors sx ON sx.doc = e.doc AND sx.idx = sa.antecedent"
                 " LEFT JOIN actors ta ON ta.doc = e.doc AND ta.idx = e.target_actor"
                 " LEFT JOIN actors tx ON tx.doc = e.doc AND tx.idx = ta.antecedent"
                 ACTOR_PLACE("sp", "source") ACTOR_PLACE("tp", "target")
                 " WHERE e.negated = 0 AND e.modality IS NULL");
    event_filters(&b, q, a, c);
    if (order == DL__XORDER_ACT)
        dl__buf_puts(&b.sql, " ORDER BY d.id, e.sentence, e.trigger_start, e.cameo, e.idx");
    else
        dl__buf_puts(&b.sql, " ORDER BY 1, coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.cameo,"
                             " coalesce(e.place_name, ''), d.date, d.id, e.idx");
    if (q->limit > 0)
        dl__buf_printf(&b.sql, " LIMIT %ld", q->limit);
    return qb_run(p, &b, fn, ctx, err);
}

static dl_code pg_export_docs(void *h, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql, "SELECT d.id, d.date, d.source, d.url, d.text FROM documents d"
                         " WHERE EXISTS (SELECT 1 FROM events e WHERE e.doc = d.rowid"
                         " AND e.negated = 0 AND e.modality IS NULL) ORDER BY d.date, d.id");
    return qb_run(p, &b, fn, ctx, err);
}

static dl_code pg_quotes(void *h, const dl_query *q, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT d.date, coalesce(q.speaker_name, q.speaker) AS speaker,"
                 " q.speaker_code AS code, q.kind, q.cue, q.text AS quote, d.id AS doc, q.sentence"
                 " FROM quotes q JOIN documents d ON d.rowid = q.doc WHERE true");
    if (q->speaker)
        qb_str(&b, " AND (q.speaker_name ILIKE '%' || ? || '%' OR q.speaker ILIKE '%' || ? || '%'"
                   " OR q.speaker_code = ?)", q->speaker);
    if (q->text)
        qb_str(&b, " AND q.text ILIKE '%' || ? || '%'", q->text);
    date_filters(&b, q, "d.date");
    finish(&b, q, q->sort && strcmp(q->sort, "-date") == 0 ? "d.date DESC, d.id, q.idx"
                                                           : "d.date, d.id, q.idx");
    return qb_run(p, &b, fn, ctx, err);
}

static dl_code pg_actors(void *h, const dl_query *q, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT a.code, coalesce(a.name, '') AS name, min(a.country) AS country,"
                 " min(a.sector) AS sector, count(*) AS mentions, count(DISTINCT a.doc) AS documents,"
                 " min(d.date) AS first, max(d.date) AS last"
                 " FROM actors a JOIN documents d ON d.rowid = a.doc WHERE a.code IS NOT NULL");
    if (q->actor)
        qb_str(&b, " AND (a.code ILIKE ? || '%' OR a.name ILIKE '%' || ? || '%')", q->actor);
    if (q->country)
        qb_str(&b, " AND a.country = upper(?)", q->country);
    if (q->sector)
        qb_str(&b, " AND a.sector = upper(?)", q->sector);
    date_filters(&b, q, "d.date");
    dl__buf_puts(&b.sql, " GROUP BY a.code, a.name");
    finish(&b, q, "mentions DESC, a.code");
    return qb_run(p, &b, fn, ctx, err);
}

static dl_code pg_stats(void *h, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__pg *p = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT 'documents' AS what, count(*)::text AS count FROM documents"
                 " UNION ALL SELECT 'sentences', count(*)::text FROM sentences"
                 " UNION ALL SELECT 'timexes', count(*)::text FROM timexes"
                 " UNION ALL SELECT 'actors', count(*)::text FROM actors"
                 " UNION ALL SELECT 'places', count(*)::text FROM places"
                 " UNION ALL SELECT 'quotes', count(*)::text FROM quotes"
                 " UNION ALL SELECT 'events', count(*)::text FROM events WHERE negated = 0"
                 " UNION ALL SELECT 'first date', min(date) FROM documents"
                 " UNION ALL SELECT 'last date', max(date) FROM documents"
                 " UNION ALL SELECT 'store schema', max(version)::text FROM dl_schema");
    return qb_run(p, &b, fn, ctx, err);
}

/* Aggregates, as in sqlite.c (PostgreSQL's round wants numeric). */
static void agg_from(qb *b, const dl_query *q, char a[64], char c[64])
{
    if (q->merged) {
        dl__buf_puts(&b->sql, " FROM (SELECT date, source AS source_code, target AS target_code,"
                              " cameo, plover, goldstein, quad AS quad_class, place AS place_name,"
                              " lat, lon, mentions, sources FROM events_merged) e WHERE true");
        event_filters(b, q, a, c);
        return;
    }
    dl__buf_puts(&b->sql, q->publisher || q->text
                              ? " FROM events e JOIN documents d ON d.rowid = e.doc WHERE e.negated = 0"
                              : " FROM events e WHERE e.negated = 0");
    event_filters(b, q, a, c);
    doc_filters(b, q);
}

#define QUADS                                                                            \
    " sum(CASE WHEN e.quad_class = 1 THEN 1 ELSE 0 END) AS q1,"                          \
    " sum(CASE WHEN e.quad_class = 2 THEN 1 ELSE 0 END) AS q2,"                          \
    " sum(CASE WHEN e.quad_class = 3 THEN 1 ELSE 0 END) AS q3,"                          \
    " sum(CASE WHEN e.quad_class = 4 THEN 1 ELSE 0 END) AS q4"

static dl_code pg_aggregate(void *h, dl_agg what, const dl_query *q, dl_row_fn fn, void *ctx,
                            dl_error *err)
{
    dl__pg *p = h;
    char a[64], c[64];
    qb b = {0};
    dl__buf_init(&b.sql);
    if (q->merged && (q->publisher || q->text)) {
        dl__buf_free(&b.sql);
        return dl__fail(err, DL_EUSAGE, "%s does not apply to merged events",
                        q->publisher ? "publisher" : "text");
    }
    long limit = q->limit > 0 ? q->limit : 100, offset = q->offset > 0 ? q->offset : 0;
    const char *m = q->merged ? "e.mentions" : "1";
    switch (what) {
    case DL_AGG_DYADS:
        dl__buf_printf(&b.sql, "SELECT e.source_code AS source, e.target_code AS target,"
                               " count(*) AS events, sum(%s) AS mentions,"
                               " round(avg(e.goldstein)::numeric, 2) AS goldstein," QUADS, m);
        agg_from(&b, q, a, c);
        dl__buf_printf(&b.sql, " AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
                               " GROUP BY e.source_code, e.target_code"
                               " ORDER BY events DESC, source, target LIMIT %ld OFFSET %ld",
                       limit, offset);
        break;
    case DL_AGG_ACTORS:
        dl__buf_puts(&b.sql, "SELECT code, count(*) AS events, sum(s) AS as_source,"
                             " sum(t) AS as_target FROM (SELECT e.source_code AS code, 1 AS s,"
                             " 0 AS t");
        agg_from(&b, q, a, c);
        dl__buf_puts(&b.sql, " UNION ALL SELECT e.target_code, 0, 1");
        agg_from(&b, q, a, c);
        dl__buf_printf(&b.sql, ") x WHERE code IS NOT NULL GROUP BY code"
                               " ORDER BY events DESC, code LIMIT %ld OFFSET %ld", limit, offset);
        break;
    case DL_AGG_PLACES:
        dl__buf_puts(&b.sql, "SELECT e.place_name AS place, round(e.lat::numeric, 4) AS lat,"
                             " round(e.lon::numeric, 4) AS lon, count(*) AS events," QUADS);
        agg_from(&b, q, a, c);
        dl__buf_printf(&b.sql, " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
                               " GROUP BY 1, 2, 3 ORDER BY events DESC, place NULLS FIRST, lat, lon"
                               " LIMIT %ld OFFSET %ld", limit, offset);
        break;
    default: {
        const char *bin = what == DL_AGG_DAY     ? "e.date"
                          : what == DL_AGG_MONTH ? "substr(e.date, 1, 7) || '-01'"
                                                 : "to_char(date_trunc('week', e.date::date),"
                                                   " 'YYYY-MM-DD')";
        dl__buf_printf(&b.sql, "SELECT %s AS bin, count(*) AS events, sum(%s) AS mentions,"
                               " round(sum(e.goldstein)::numeric, 1) AS goldstein," QUADS, bin, m);
        agg_from(&b, q, a, c);
        dl__buf_puts(&b.sql, " AND length(e.date) = 10 GROUP BY 1 ORDER BY 1");
        if (q->limit > 0)
            dl__buf_printf(&b.sql, " LIMIT %ld OFFSET %ld", limit, offset);
    }
    }
    return qb_run(p, &b, fn, ctx, err);
}

static dl_code pg_document(void *h, const char *id, const char *layer, dl_row_fn fn, void *ctx,
                           dl_error *err)
{
    dl__pg *p = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    qb_str(&b, dl__store_layer_sql(layer), id);
    return qb_run(p, &b, fn, ctx, err);
}

const dl__store_backend dl__store_pg = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .tx = pg_tx,
    .has = pg_has,
    .put = pg_put,
    .search = pg_search,
    .events = pg_events,
    .export_rows = pg_export,
    .export_docs = pg_export_docs,
    .quotes = pg_quotes,
    .actors = pg_actors,
    .stats = pg_stats,
    .aggregate = pg_aggregate,
    .document = pg_document,
};
