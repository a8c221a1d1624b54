/*
 * sqlite.c — the embedded store: one SQLite file in WAL mode, a schema
 * with a version and forward migrations, FTS5 over sentences, and a table
 * per layer (actors, timexes, places, quotes, events) keyed by document.
 * Writes happen in caller-controlled batches (dl_store_begin/commit), so
 * an interrupted ingest leaves the database as it was before the batch.
 * Queries return rows as strings through a callback; the CLI and the HTTP
 * server format them.
 */
#include "store/store.h"

#include <math.h>
#include <sqlite3.h>

typedef struct dl__sqlite {
    sqlite3 *db;
    sqlite3_stmt *has_id, *has_hash, *ins_doc, *ins_sent, *ins_actor,
        *ins_timex, *ins_place, *ins_quote, *ins_event;
    bool in_tx;
    sqlite3_int64 fts_from; /* sentences above this rowid are not indexed yet */
} dl__sqlite;

/* The bytes [start, end) of the row's document text, as text (NULL when
 * the row has no such span). */
#define SPAN(al, a, b)                                                                   \
    "(SELECT CASE WHEN " al ".\"" b "\" >= " al "." a " THEN CAST(substr(CAST(d.text AS BLOB), " \
    al "." a " + 1, " al ".\"" b "\" - " al "." a ") AS TEXT) END FROM documents d"           \
    " WHERE d.rowid = " al ".doc)"

/* Migrations, in order: migration i brings the schema to version i + 1.
 * Never edit a released one; append. */
static const char *const migrations[] = {
    /* 1: documents, sentences + FTS5, one table per layer */
    "CREATE TABLE documents("
    " rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,"
    " date TEXT NOT NULL, title TEXT, url TEXT, source TEXT, origin TEXT,"
    " text TEXT NOT NULL, ingested TEXT NOT NULL);"
    "CREATE INDEX documents_hash ON documents(hash);"
    "CREATE INDEX documents_date ON documents(date);"
    "CREATE TABLE sentences("
    " rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
    " paragraph INTEGER NOT NULL, text TEXT NOT NULL);"
    "CREATE INDEX sentences_doc ON sentences(doc, idx);"
    "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences',"
    " content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN"
    " INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text); END;"
    "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN"
    " INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES('delete', old.rowid, old.text); END;"
    "CREATE TABLE actors("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, text TEXT, code TEXT, country TEXT,"
    " sector TEXT, name TEXT, kind TEXT, antecedent INTEGER, confidence REAL, why TEXT,"
    " PRIMARY KEY(doc, idx));"
    "CREATE INDEX actors_code ON actors(code);"
    "CREATE TABLE timexes("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, text TEXT, type TEXT, value TEXT, mod TEXT,"
    " PRIMARY KEY(doc, idx));"
    "CREATE TABLE places("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, text TEXT, name TEXT, country TEXT,"
    " admin1 TEXT, feature TEXT, lat REAL, lon REAL, geonameid INTEGER, confidence REAL,"
    " PRIMARY KEY(doc, idx));"
    "CREATE TABLE quotes("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, text TEXT, kind TEXT,"
    " cue_start INTEGER, cue_end INTEGER, cue TEXT, speaker_actor INTEGER,"
    " speaker_start INTEGER, speaker_end INTEGER, speaker TEXT, speaker_code TEXT,"
    " speaker_name TEXT, confidence REAL, PRIMARY KEY(doc, idx));"
    "CREATE INDEX quotes_speaker ON quotes(speaker_name);"
    "CREATE TABLE events("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, date TEXT, date_precision TEXT,"
    " source_code TEXT, source_country TEXT, source_sector TEXT, source_text TEXT,"
    " target_code TEXT, target_country TEXT, target_sector TEXT, target_text TEXT,"
    " cameo TEXT, root TEXT, quad_class INTEGER, goldstein REAL, plover TEXT, mode TEXT,"
    " negated INTEGER, modality TEXT, place INTEGER, place_name TEXT, lat REAL, lon REAL,"
    " quote INTEGER, evidence_start INTEGER, evidence_end INTEGER, trigger TEXT,"
    " confidence REAL, why TEXT, PRIMARY KEY(doc, idx));"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_dyad ON events(source_code, target_code);"
    "CREATE INDEX events_cameo ON events(cameo);",
    /* 2: the cross-document view: mentions of one event (same day, dyad,
     * CAMEO code and place) merged, with mention/article/source counts */
    "CREATE VIEW events_merged AS SELECT e.date AS date, e.source_code AS source,"
    " e.cameo AS cameo, max(e.plover) AS plover, e.target_code AS target,"
    " max(e.goldstein) AS goldstein, max(e.quad_class) AS quad, e.place_name AS place,"
    " avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS mentions,"
    " count(DISTINCT e.doc) AS articles, count(DISTINCT coalesce(d.source, d.id)) AS sources,"
    " min(d.id) AS first_doc"
    " FROM events e JOIN documents d ON d.rowid = e.doc"
    " WHERE e.negated = 0 AND e.modality IS NULL"
    " GROUP BY e.date, e.source_code, e.target_code, e.cameo, e.place_name;",
    /* 3: sentences are indexed in bulk when a batch commits (one INSERT
     * ... SELECT, three times cheaper than a trigger per row) */
    "DROP TRIGGER IF EXISTS sentences_ai;",
    /* 4: where in the text an event's actors and trigger are, and which
     * actor mentions they are (exports: character offsets, names, the
     * place the sentence gives an actor) */
    "ALTER TABLE events ADD COLUMN source_start INTEGER;"
    "ALTER TABLE events ADD COLUMN source_end INTEGER;"
    "ALTER TABLE events ADD COLUMN source_actor INTEGER;"
    "ALTER TABLE events ADD COLUMN target_start INTEGER;"
    "ALTER TABLE events ADD COLUMN target_end INTEGER;"
    "ALTER TABLE events ADD COLUMN target_actor INTEGER;"
    "ALTER TABLE events ADD COLUMN trigger_start INTEGER;"
    "ALTER TABLE events ADD COLUMN trigger_end INTEGER;",
    /* 5: the text stored once. A sentence's, an actor's and a quote's
     * words (and a quote's cue and speaker) are spans of documents.text:
     * the rows keep the offsets (sentence_rows, actor_rows, quote_rows)
     * and views with the old names and columns cut the text out when a
     * query reads it. The full-text index reads its content through the
     * sentences view; a document deleted takes its sentences out of the
     * index first (the view cannot once the document is gone). Actor and
     * quote rows are WITHOUT ROWID tables keyed by (doc, idx): the key is
     * the table, not a second index beside it. The index on a quote's
     * speaker name goes: the speaker filter is a substring match
     * (LIKE '%...%'), which no index serves. */
    "DROP TRIGGER IF EXISTS sentences_ad;"
    "CREATE TABLE sentence_rows("
    " rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
    " paragraph INTEGER NOT NULL);"
    "INSERT INTO sentence_rows SELECT rowid, doc, idx, start, end, paragraph FROM sentences;"
    "DROP TABLE sentences;"
    "CREATE INDEX sentence_rows_doc ON sentence_rows(doc, idx);"
    "CREATE VIEW sentences AS SELECT s.rowid AS rowid, s.doc AS doc, s.idx AS idx,"
    " s.start AS start, s.\"end\" AS \"end\", s.paragraph AS paragraph, "
    SPAN("s", "start", "end") " AS text FROM sentence_rows s;"
    "CREATE TRIGGER documents_bd BEFORE DELETE ON documents BEGIN"
    " INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', s.rowid,"
    " CAST(substr(CAST(old.text AS BLOB), s.start + 1, s.\"end\" - s.start) AS TEXT)"
    " FROM sentence_rows s WHERE s.doc = old.rowid; END;"
    "CREATE TABLE actor_rows("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, code TEXT, country TEXT,"
    " sector TEXT, name TEXT, kind TEXT, antecedent INTEGER, confidence REAL, why TEXT,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "INSERT INTO actor_rows SELECT doc, idx, sentence, start, end, code, country, sector, name,"
    " kind, antecedent, confidence, why FROM actors;"
    "DROP TABLE actors;"
    "CREATE INDEX actor_rows_code ON actor_rows(code);"
    "CREATE VIEW actors AS SELECT a.doc AS doc, a.idx AS idx, a.sentence AS sentence,"
    " a.start AS start, a.\"end\" AS \"end\", " SPAN("a", "start", "end") " AS text,"
    " a.code AS code, a.country AS country, a.sector AS sector, a.name AS name, a.kind AS kind,"
    " a.antecedent AS antecedent, a.confidence AS confidence, a.why AS why FROM actor_rows a;"
    "CREATE TABLE quote_rows("
    " doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " sentence INTEGER, start INTEGER, end INTEGER, kind TEXT,"
    " cue_start INTEGER, cue_end INTEGER, speaker_actor INTEGER,"
    " speaker_start INTEGER, speaker_end INTEGER, speaker_code TEXT,"
    " speaker_name TEXT, confidence REAL, PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "INSERT INTO quote_rows SELECT doc, idx, sentence, start, end, kind, cue_start, cue_end,"
    " speaker_actor, speaker_start, speaker_end, speaker_code, speaker_name, confidence"
    " FROM quotes;"
    "DROP TABLE quotes;"
    "CREATE VIEW quotes AS SELECT q.doc AS doc, q.idx AS idx, q.sentence AS sentence,"
    " q.start AS start, q.\"end\" AS \"end\", " SPAN("q", "start", "end") " AS text,"
    " q.kind AS kind, q.cue_start AS cue_start, q.cue_end AS cue_end, "
    SPAN("q", "cue_start", "cue_end") " AS cue, q.speaker_actor AS speaker_actor,"
    " q.speaker_start AS speaker_start, q.speaker_end AS speaker_end, "
    SPAN("q", "speaker_start", "speaker_end") " AS speaker, q.speaker_code AS speaker_code,"
    " q.speaker_name AS speaker_name, q.confidence AS confidence FROM quote_rows q;",
};

#define SCHEMA_VERSION ((int)DL_ARRAY_LEN(migrations))
_Static_assert(DL_ARRAY_LEN(migrations) == DL_STORE_SCHEMA_SQLITE,
               "DL_STORE_SCHEMA_SQLITE in dateline.h names the last migration");

static dl_code db_fail(dl__sqlite *s, dl_error *err, const char *what)
{
    return dl__fail(err, DL_EDB, "%s: %s", what, sqlite3_errmsg(s->db));
}

static dl_code exec(dl__sqlite *s, const char *sql, dl_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        dl_code rc = dl__fail(err, DL_EDB, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return DL_OK;
}

/* Switches to WAL. On a new file that another process is switching at
 * the same moment SQLite answers "locked" at once, without waiting out
 * the busy timeout: so wait here, as long as that timeout (10 s). */
static dl_code wal_mode(dl__sqlite *s, dl_error *err)
{
    for (int tries = 0;; tries++) {
        int rc = sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return DL_OK;
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 1000)
            return db_fail(s, err, "setting WAL mode");
        sqlite3_sleep(10);
    }
}

static int user_version(dl__sqlite *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* Brings the schema to SCHEMA_VERSION. The version is read again once
 * the write lock is held (BEGIN IMMEDIATE, which waits out the busy
 * timeout), and every migration runs in that one transaction: two
 * processes opening a new database at once cannot both create it. */
static dl_code migrate_to(dl__sqlite *s, int target, dl_error *err);

static dl_code migrate(dl__sqlite *s, dl_error *err)
{
    return migrate_to(s, SCHEMA_VERSION, err);
}

static dl_code migrate_to(dl__sqlite *s, int target, dl_error *err)
{
    int v = user_version(s);
    if (v < 0)
        return db_fail(s, err, "reading schema version");
    if (v == target)
        return DL_OK;
    if (v > target)
        return dl__fail(err, DL_EDB,
                        "database schema %d is newer than this dateline (%d)", v, target);
    dl_code rc = exec(s, "BEGIN IMMEDIATE", err);
    if (rc != DL_OK)
        return rc;
    v = user_version(s); /* another process may have migrated meanwhile */
    if (v < 0)
        rc = db_fail(s, err, "reading schema version");
    for (int i = v; rc == DL_OK && i < target; i++) {
        rc = exec(s, migrations[i], err);
        if (rc == DL_OK) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", i + 1);
            rc = exec(s, sql, err);
        }
    }
    if (rc == DL_OK)
        rc = exec(s, "COMMIT", err);
    if (rc != DL_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Great-circle distance in km, for --near. */
static void haversine(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    DL_UNUSED(argc);
    for (int i = 0; i < 4; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_result_null(ctx);
            return;
        }
    double r = M_PI / 180.0;
    double la1 = sqlite3_value_double(argv[0]) * r, lo1 = sqlite3_value_double(argv[1]) * r;
    double la2 = sqlite3_value_double(argv[2]) * r, lo2 = sqlite3_value_double(argv[3]) * r;
    double a = sin((la2 - la1) / 2) * sin((la2 - la1) / 2) +
               cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) * sin((lo2 - lo1) / 2);
    sqlite3_result_double(ctx, 6371.0088 * 2 * atan2(sqrt(a), sqrt(1 - a)));
}

static const char *const sql_ins[] = {
    "SELECT rowid FROM documents WHERE id = ?",
    "SELECT rowid FROM documents WHERE hash = ?",
    ("INSERT INTO documents(id, hash, date, title, url, source, origin, text, ingested)"
     " VALUES (?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))"),
    "INSERT INTO sentence_rows(doc, idx, start, end, paragraph) VALUES (?,?,?,?,?)",
    "INSERT INTO actor_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO timexes VALUES (?,?,?,?,?,?,?,?,?)",
    "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO quote_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
     "?,?,?,?,?,?,?,?)",
};

static void close_db(dl__sqlite *s)
{
    if (s == NULL)
        return;
    sqlite3_stmt **st[] = {&s->has_id, &s->has_hash, &s->ins_doc, &s->ins_sent, &s->ins_actor,
                           &s->ins_timex, &s->ins_place, &s->ins_quote, &s->ins_event};
    for (size_t i = 0; i < DL_ARRAY_LEN(st); i++)
        sqlite3_finalize(*st[i]);
    sqlite3_close(s->db);
    free(s);
}

static dl_code sqlite_open(const char *path, void **out, dl_error *err)
{
    dl__sqlite *s = calloc(1, sizeof *s);
    if (s == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        dl_code rc = dl__fail_at(err, DL_EDB, path, 0, "cannot open database: %s",
                                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        close_db(s);
        return rc;
    }
    sqlite3_busy_timeout(s->db, 10000);
    /* A batch's dirty pages stay in a 64 MiB cache until it commits
     * instead of spilling to the WAL page by page (3x faster ingest). */
    dl_code rc = wal_mode(s, err);
    if (rc == DL_OK)
        rc = exec(s, "PRAGMA synchronous=NORMAL;"
                     " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
                     " PRAGMA temp_store=MEMORY;", err);
    if (rc == DL_OK)
        rc = migrate(s, err);
    if (rc == DL_OK &&
        sqlite3_create_function(s->db, "dl_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                haversine, NULL, NULL) != SQLITE_OK)
        rc = db_fail(s, err, "registering functions");
    sqlite3_stmt **st[] = {&s->has_id, &s->has_hash, &s->ins_doc, &s->ins_sent, &s->ins_actor,
                           &s->ins_timex, &s->ins_place, &s->ins_quote, &s->ins_event};
    for (size_t i = 0; rc == DL_OK && i < DL_ARRAY_LEN(st); i++)
        if (sqlite3_prepare_v3(s->db, sql_ins[i], -1, SQLITE_PREPARE_PERSISTENT, st[i], NULL) != SQLITE_OK)
            rc = db_fail(s, err, "preparing statements");
    if (rc != DL_OK) {
        if (err && err->file[0] == '\0')
            snprintf(err->file, sizeof err->file, "%s", path);
        close_db(s);
        return rc;
    }
    *out = s;
    return DL_OK;
}

/* ---------------------------------------------------------------- writes */

static void sqlite_close(void *h)
{
    close_db(h);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_span(sqlite3_stmt *st, int i, const dl_doc *doc, uint32_t a, uint32_t b)
{
    if (b <= doc->len && a <= b)
        sqlite3_bind_text(st, i, doc->text + a, (int)(b - a), SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static bool step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE;
}

static bool exists(sqlite3_stmt *st, const char *key)
{
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return found;
}

static dl_code sqlite_has(void *h, const char *id, const char *hash, bool *has)
{
    dl__sqlite *s = h;
    *has = (id && exists(s->has_id, id)) || (hash && exists(s->has_hash, hash));
    return DL_OK;
}

static sqlite3_int64 max_sentence(dl__sqlite *s)
{
    sqlite3_stmt *st;
    sqlite3_int64 v = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(rowid), 0) FROM sentence_rows", -1, &st,
                           NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* Adds the sentences stored since fts_from to the full-text index. */
static dl_code index_pending(dl__sqlite *s, dl_error *err)
{
    char sql[160];
    snprintf(sql, sizeof sql,
             "INSERT INTO sentences_fts(rowid, text) SELECT rowid, text FROM sentences"
             " WHERE rowid > %lld",
             (long long)s->fts_from);
    dl_code rc = exec(s, sql, err);
    if (rc == DL_OK)
        s->fts_from = max_sentence(s);
    return rc;
}

static bool put_layers(dl__sqlite *s, const dl_doc *doc, sqlite3_int64 row)
{
    size_t n;
    const dl_sentence *se = dl_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_sent;
        sqlite3_bind_int64(st, 1, row);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, se[i].start);
        sqlite3_bind_int64(st, 4, se[i].end);
        sqlite3_bind_int64(st, 5, se[i].paragraph);
        if (!step_done(st))
            return false;
    }
    const dl_actor *ac = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_actor;
        sqlite3_bind_int64(st, 1, row);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, ac[i].sentence);
        sqlite3_bind_int64(st, 4, ac[i].start);
        sqlite3_bind_int64(st, 5, ac[i].end);
        bind_text(st, 6, ac[i].code);
        bind_text(st, 7, ac[i].country);
        bind_text(st, 8, ac[i].sector);
        bind_text(st, 9, ac[i].name);
        bind_text(st, 10, dl_actor_kind_name(ac[i].kind));
        if (ac[i].antecedent >= 0)
            sqlite3_bind_int64(st, 11, ac[i].antecedent);
        sqlite3_bind_double(st, 12, ac[i].confidence);
        bind_text(st, 13, ac[i].why);
        if (!step_done(st))
            return false;
    }
    const dl_timex *tx = dl_doc_timexes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_timex;
        sqlite3_bind_int64(st, 1, row);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, tx[i].sentence);
        sqlite3_bind_int64(st, 4, tx[i].start);
        sqlite3_bind_int64(st, 5, tx[i].end);
        bind_span(st, 6, doc, tx[i].start, tx[i].end);
        bind_text(st, 7, dl_timex_type_name(tx[i].type));
        bind_text(st, 8, tx[i].value);
        bind_text(st, 9, tx[i].mod);
        if (!step_done(st))
            return false;
    }
    const dl_place *pl = dl_doc_places(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_place;
        sqlite3_bind_int64(st, 1, row);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, pl[i].sentence);
        sqlite3_bind_int64(st, 4, pl[i].start);
        sqlite3_bind_int64(st, 5, pl[i].end);
        bind_span(st, 6, doc, pl[i].start, pl[i].end);
        bind_text(st, 7, pl[i].name);
        bind_text(st, 8, pl[i].country);
        bind_text(st, 9, pl[i].admin1);
        bind_text(st, 10, pl[i].feature);
        sqlite3_bind_double(st, 11, pl[i].lat);
        sqlite3_bind_double(st, 12, pl[i].lon);
        if (pl[i].geonameid)
            sqlite3_bind_int64(st, 13, pl[i].geonameid);
        sqlite3_bind_double(st, 14, pl[i].confidence);
        if (!step_done(st))
            return false;
    }
    size_t nac;
    ac = dl_doc_actors(doc, &nac);
    const dl_quote *qu = dl_doc_quotes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_quote;
        const dl_actor *who = qu[i].speaker >= 0 && (size_t)qu[i].speaker < nac ? &ac[qu[i].speaker] : NULL;
        sqlite3_bind_int64(st, 1, row);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, qu[i].sentence);
        sqlite3_bind_int64(st, 4, qu[i].start);
        sqlite3_bind_int64(st, 5, qu[i].end);
        bind_text(st, 6, dl_quote_kind_name(qu[i].kind));
        if (qu[i].has_cue) {
            sqlite3_bind_int64(st, 7, qu[i].cue.start);
            sqlite3_bind_int64(st, 8, qu[i].cue.end);
        }
        if (who)
            sqlite3_bind_int64(st, 9, qu[i].speaker);
        if (qu[i].has_speaker) {
            sqlite3_bind_int64(st, 10, qu[i].speaker_span.start);
            sqlite3_bind_int64(st, 11, qu[i].speaker_span.end);
        }
        bind_text(st, 12, who ? who->code : NULL);
        if (who && who->name)
            bind_text(st, 13, who->name);
        else if (qu[i].has_speaker)
            bind_span(st, 13, doc, qu[i].speaker_span.start, qu[i].speaker_span.end);
        sqlite3_bind_double(st, 14, qu[i].confidence);
        if (!step_done(st))
            return false;
    }
    size_t npl;
    pl = dl_doc_places(doc, &npl);
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = s->ins_event;
        const dl_event *e = &ev[i];
        char date[11];
        dl_date_format(e->date, date);
        int k = 1;
        sqlite3_bind_int64(st, k++, row);
        sqlite3_bind_int64(st, k++, (sqlite3_int64)i);
        sqlite3_bind_int64(st, k++, e->sentence);
        sqlite3_bind_text(st, k++, date, -1, SQLITE_TRANSIENT);
        bind_text(st, k++, dl_precision_name(e->date_precision));
        bind_text(st, k++, e->source.code);
        bind_text(st, k++, e->source.country);
        bind_text(st, k++, e->source.sector);
        bind_span(st, k++, doc, e->source.start, e->source.end);
        if (e->has_target) {
            bind_text(st, k++, e->target.code);
            bind_text(st, k++, e->target.country);
            bind_text(st, k++, e->target.sector);
            bind_span(st, k++, doc, e->target.start, e->target.end);
        } else {
            k += 4;
        }
        bind_text(st, k++, e->cameo);
        bind_text(st, k++, e->root);
        sqlite3_bind_int(st, k++, e->quad_class);
        sqlite3_bind_double(st, k++, e->goldstein);
        bind_text(st, k++, e->plover);
        bind_text(st, k++, e->mode);
        sqlite3_bind_int(st, k++, e->negated);
        bind_text(st, k++, e->modality);
        const dl_place *p = e->place >= 0 && (size_t)e->place < npl ? &pl[e->place] : NULL;
        if (p) {
            sqlite3_bind_int(st, k++, e->place);
            bind_text(st, k++, p->name);
            sqlite3_bind_double(st, k++, p->lat);
            sqlite3_bind_double(st, k++, p->lon);
        } else {
            k += 4;
        }
        if (e->quote >= 0)
            sqlite3_bind_int(st, k, e->quote);
        k++;
        sqlite3_bind_int64(st, k++, e->evidence.start);
        sqlite3_bind_int64(st, k++, e->evidence.end);
        bind_span(st, k++, doc, e->trigger.start, e->trigger.end);
        sqlite3_bind_double(st, k++, e->confidence);
        bind_text(st, k++, e->why);
        sqlite3_bind_int64(st, k++, e->source.start);
        sqlite3_bind_int64(st, k++, e->source.end);
        if (e->source.actor >= 0)
            sqlite3_bind_int64(st, k, e->source.actor);
        k++;
        if (e->has_target) {
            sqlite3_bind_int64(st, k++, e->target.start);
            sqlite3_bind_int64(st, k++, e->target.end);
            if (e->target.actor >= 0)
                sqlite3_bind_int64(st, k, e->target.actor);
            k++;
        } else {
            k += 3;
        }
        sqlite3_bind_int64(st, k++, e->trigger.start);
        sqlite3_bind_int64(st, k++, e->trigger.end);
        if (!step_done(st))
            return false;
    }
    return true;
}

static dl_code sqlite_put(void *h, const dl_doc *doc, bool *stored, dl_error *err)
{
    dl__sqlite *s = h;
    *stored = false;
    bool id_given = strcmp(doc->id, doc->hash) != 0;
    bool has = exists(s->has_id, doc->id) || (!id_given && exists(s->has_hash, doc->hash));
    if (has)
        return DL_OK;
    if (!s->in_tx)
        s->fts_from = max_sentence(s);
    /* a savepoint per document: a failed document leaves the batch intact */
    dl_code rc = exec(s, "SAVEPOINT doc", err);
    if (rc != DL_OK)
        return rc;
    sqlite3_stmt *st = s->ins_doc;
    char date[11];
    dl_date_format(doc->date, date);
    bind_text(st, 1, doc->id);
    bind_text(st, 2, doc->hash);
    sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
    bind_text(st, 4, doc->title);
    bind_text(st, 5, doc->url);
    bind_text(st, 6, doc->source);
    bind_text(st, 7, doc->origin);
    sqlite3_bind_text(st, 8, doc->text, (int)doc->len, SQLITE_STATIC);
    bool ok = step_done(st);
    if (ok)
        ok = put_layers(s, doc, sqlite3_last_insert_rowid(s->db));
    if (!ok) {
        rc = db_fail(s, err, "storing document");
        exec(s, "ROLLBACK TO doc; RELEASE doc", NULL);
        return rc;
    }
    rc = exec(s, "RELEASE doc", err);
    if (rc == DL_OK && !s->in_tx)
        rc = index_pending(s, err); /* outside a batch: index it now */
    if (rc == DL_OK)
        *stored = true;
    return rc;
}

/* ------------------------------------------------------------- queries */

static dl_code run_query(dl__sqlite *s, sqlite3_stmt *st, dl_row_fn fn, void *ctx,
                         dl_error *err)
{
    int ncol = sqlite3_column_count(st);
    const char *names[64];
    const char *vals[64];
    if (ncol > 64)
        ncol = 64;
    for (int i = 0; i < ncol; i++)
        names[i] = sqlite3_column_name(st, i);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncol; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, ncol, names, vals) != 0)
            break;
    }
    dl_code out = DL_OK;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        out = db_fail(s, err, "query");
    sqlite3_finalize(st);
    return out;
}

/* A query being built: SQL text and its string/number parameters. */
typedef struct qb {
    dl__buf sql;
    const char *args[32];
    double nums[32];
    char kind[32]; /* 's' string, 'd' double, 'i' int */
    int n;
    dl__buf fts; /* the plain-words form of a text filter, when made */
} qb;

static void qb_str(qb *q, const char *sql, const char *arg)
{
    dl__buf_puts(&q->sql, sql);
    if (q->n < 32) {
        q->kind[q->n] = 's';
        q->args[q->n++] = arg;
    }
}

static void qb_arg(qb *q, const char *arg)
{
    if (q->n < 32) {
        q->kind[q->n] = 's';
        q->args[q->n++] = arg;
    }
}

static void qb_num(qb *q, const char *sql, double v)
{
    dl__buf_puts(&q->sql, sql);
    if (q->n < 32) {
        q->kind[q->n] = 'd';
        q->nums[q->n++] = v;
    }
}

static dl_code qb_run(dl__sqlite *s, qb *q, dl_row_fn fn, void *ctx, dl_error *err)
{
    if (q->sql.failed || q->fts.failed) {
        dl__buf_free(&q->sql);
        dl__buf_free(&q->fts);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, q->sql.data, -1, &st, NULL) != SQLITE_OK) {
        dl_code rc = dl__fail(err, DL_EDB, "query: %s", sqlite3_errmsg(s->db));
        dl__buf_free(&q->sql);
        dl__buf_free(&q->fts);
        return rc;
    }
    for (int i = 0; i < q->n; i++) {
        if (q->kind[i] == 's')
            sqlite3_bind_text(st, i + 1, q->args[i], -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_double(st, i + 1, q->nums[i]);
    }
    dl__buf_free(&q->sql);
    dl_code rc = run_query(s, st, fn, ctx, err);
    dl__buf_free(&q->fts);
    return rc;
}

/* The text of a full-text filter as the engine wants it: as given
 * (q->fts_syntax) or as plain quoted words, kept in b->fts. */
static const char *fts_text(qb *b, const dl_query *q)
{
    if (q->fts_syntax)
        return q->text ? q->text : "";
    dl__buf_init(&b->fts);
    dl__fts_plain(q->text ? q->text : "", &b->fts);
    return b->fts.data ? b->fts.data : "\"\"";
}

/* A query failing on FTS syntax the user gave (fts=1) is the user's
 * error, said for people; the engine's own failures stay DL_EDB. */
static dl_code fts_error(dl_code rc, const dl_query *q, dl_error *err)
{
    if (rc != DL_EDB || !q->fts_syntax || q->text == NULL || strstr(err->msg, "locked") ||
        strstr(err->msg, "disk") || strstr(err->msg, "malformed") || strstr(err->msg, "memory"))
        return rc;
    return dl__fail(err, DL_EUSAGE, DL__FTS_SYNTAX_MSG);
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

/* The ORDER BY of an event listing for q->sort; NULL when the key does
 * not apply (mentions and sources exist only for merged events). */
static const char *event_order(const dl_query *q, bool merged)
{
    const char *k = q->sort ? q->sort : "date";
    bool desc = *k == '-';
    k += desc;
    if (merged) {
        static const char *const m[][2] = {
            {"date", "e.date, e.mentions DESC" MERGED_TIE},
            {"goldstein", "e.goldstein, e.date DESC, e.mentions DESC" MERGED_TIE},
            {"mentions", "e.mentions, e.date DESC" MERGED_TIE},
            {"sources", "e.sources, e.date DESC" MERGED_TIE},
        };
        static const char *const md[][2] = {
            {"date", "e.date DESC, e.mentions DESC" MERGED_TIE},
            {"goldstein", "e.goldstein DESC, e.date DESC, e.mentions DESC" MERGED_TIE},
            {"mentions", "e.mentions DESC, e.date DESC" MERGED_TIE},
            {"sources", "e.sources DESC, e.date DESC" MERGED_TIE},
        };
        for (size_t i = 0; i < DL_ARRAY_LEN(m); i++)
            if (strcmp(k, m[i][0]) == 0)
                return desc ? md[i][1] : m[i][1];
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

static dl_code sqlite_search(void *h, const dl_query *q, dl_row_fn fn, void *ctx,
                             dl_error *err)
{
    dl__sqlite *s = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    qb_arg(&b, q->hl_open ? q->hl_open : "[");
    qb_arg(&b, q->hl_close ? q->hl_close : "]");
    if (q->count)
        b.n = 0; /* no highlight marks in a count */
    const char *text = fts_text(&b, q);
    qb_str(&b, q->count ? "SELECT s.rowid FROM sentences_fts"
                          " JOIN sentences s ON s.rowid = sentences_fts.rowid"
                          " JOIN documents d ON d.rowid = s.doc WHERE sentences_fts MATCH ?"
                        : "SELECT d.id AS doc, d.date AS date, s.idx AS sentence,"
                          " highlight(sentences_fts, 0, ?, ?) AS text,"
                          " round(bm25(sentences_fts), 3) AS score"
                          " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
                          " JOIN documents d ON d.rowid = s.doc WHERE sentences_fts MATCH ?",
           text);
    date_filters(&b, q, "d.date");
    finish(&b, q, q->sort && strcmp(q->sort, "-date") == 0
                      ? "d.date DESC, bm25(sentences_fts), d.id, s.idx"
                      : "bm25(sentences_fts), d.date DESC, d.id, s.idx");
    return fts_error(qb_run(s, &b, fn, ctx, err), q, err);
}

static void code_filter(qb *b, const char *col, const char *code)
{
    char sql[128];
    snprintf(sql, sizeof sql, " AND %s LIKE ? || '%%'", col);
    qb_str(b, sql, code);
}

/* The WHERE clauses shared by events and export; `a` and `c` are the
 * caller's buffers for the two halves of a dyad. */
static void event_filters(qb *b, const dl_query *q, char a[64], char c[64])
{
    if (q->source)
        code_filter(b, "e.source_code", q->source);
    if (q->target)
        code_filter(b, "e.target_code", q->target);
    if (q->actor) {
        qb_str(b, " AND (e.source_code LIKE ? || '%'", q->actor);
        qb_str(b, " OR e.target_code LIKE ? || '%')", q->actor);
    }
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
                qb_str(b, " AND ((e.source_code LIKE ? || '%'", a);
                qb_str(b, " AND e.target_code LIKE ? || '%')", c);
                qb_str(b, " OR (e.source_code LIKE ? || '%'", c);
                qb_str(b, " AND e.target_code LIKE ? || '%'))", a);
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
        qb_num(b, " AND dl_km(e.lat, e.lon, ?", q->near_lat);
        qb_num(b, ", ?)", q->near_lon);
        qb_num(b, " <= ?", q->near_km);
    }
    if (q->has_bbox) {
        qb_num(b, " AND e.lat BETWEEN ?", q->bbox[0]);
        qb_num(b, " AND ?", q->bbox[2]);
        qb_num(b, " AND e.lon BETWEEN ?", q->bbox[1]);
        qb_num(b, " AND ?", q->bbox[3]);
    }
}

/* Filters of raw events on their document and sentence (the merged view
 * has neither): publisher, and words of the evidence sentence. */
static void doc_filters(qb *b, const dl_query *q)
{
    if (q->publisher)
        qb_str(b, " AND d.source = ?", q->publisher);
    if (q->text)
        qb_str(b, " AND EXISTS (SELECT 1 FROM sentences s WHERE s.doc = e.doc AND s.idx = e.sentence"
                  " AND s.rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))",
               fts_text(b, q));
}

static dl_code sqlite_events(void *h, const dl_query *q, dl_row_fn fn, void *ctx,
                             dl_error *err)
{
    dl__sqlite *s = h;
    char a[64], c[64];
    qb b = {0};
    dl__buf_init(&b.sql);
    if (q->merged) {
        /* the view's columns carry the same names the filters use */
        dl__buf_puts(&b.sql, "SELECT e.date, e.source, e.cameo, e.plover, e.target, e.goldstein,"
                             " e.quad, e.place, e.lat, e.lon, e.mentions, e.articles, e.sources,"
                             " e.first_doc FROM (SELECT date, source AS source_code, target AS"
                             " target_code, cameo, plover, goldstein, quad AS quad_class, place,"
                             " lat, lon, mentions, articles, sources, first_doc, source, target, quad,"
                             " 0 AS negated FROM events_merged) e WHERE 1");
        event_filters(&b, q, a, c);
        const char *order = event_order(q, true);
        if (q->publisher || q->text || order == NULL) {
            dl__buf_free(&b.sql);
            return dl__fail(err, DL_EUSAGE, "%s does not apply to merged events",
                            order == NULL ? "this sort" : q->publisher ? "publisher" : "text");
        }
        finish(&b, q, order);
        return qb_run(s, &b, fn, ctx, err);
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
                 " CAST(substr(CAST(d.text AS BLOB), e.evidence_start + 1, e.evidence_end - e.evidence_start) AS TEXT) AS evidence"
                 " FROM events e JOIN documents d ON d.rowid = e.doc WHERE e.negated = 0");
    event_filters(&b, q, a, c);
    doc_filters(&b, q);
    const char *order = event_order(q, false);
    if (order == NULL) {
        dl__buf_free(&b.sql);
        return dl__fail(err, DL_EUSAGE, "sort by mentions or sources needs merged events");
    }
    finish(&b, q, order);
    return fts_error(qb_run(s, &b, fn, ctx, err), q, err);
}

/* An event's actor or trigger start as a character offset into the text
 * (-1 when absent). */
#define CHAR_OFF(col)                                                              \
    "CASE WHEN " col " IS NULL THEN -1 ELSE length(CAST(substr(CAST(d.text AS BLOB), 1, " col \
    ") AS TEXT)) END"
/* The place the sentence gives an actor: inside its words ("Florida Gov.
 * Ron DeSantis"), right before them ("Kyiv's mayor") or right after ("the
 * mayor of Kyiv"). */
#define ACTOR_PLACE(al, side)                                                          \
    " LEFT JOIN places " al " ON " al ".doc = e.doc AND " al ".idx = (SELECT min(x.idx) FROM"   \
    " places x WHERE x.doc = e.doc AND x.sentence = e.sentence AND ((x.start >= e." side       \
    "_start AND x.\"end\" <= e." side "_end) OR (x.\"end\" <= e." side "_start AND e." side   \
    "_start - x.\"end\" <= 3) OR (x.start >= e." side "_end AND x.start - e." side "_end <= 6)))"
#define PLACE_COLS(al) " " al ".name, " al ".country, " al ".admin1, " al ".feature, " al ".geonameid, " al ".lat, " al ".lon,"

/* Every field the exports write (enum dl__xcol, src/write/export.h). An
 * event is never dated after its article: a later date (a weekday read
 * forwards) becomes the article's, precision "document". */
static dl_code sqlite_export(void *h, const dl_query *q, int order, dl_row_fn fn, void *ctx,
                             dl_error *err)
{
    dl__sqlite *s = h;
    char a[64], c[64];
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT min(e.date, substr(d.date, 1, 10)) AS date,"
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
                 " CAST(substr(CAST(d.text AS BLOB), e.evidence_start + 1, e.evidence_end - e.evidence_start) AS TEXT) AS evidence,"
                 " e.trigger, e.confidence, q.text AS quote, length(d.text) AS doc_len, "
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
    return qb_run(s, &b, fn, ctx, err);
}

static dl_code sqlite_export_docs(void *h, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__sqlite *s = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql, "SELECT d.id, d.date, d.source, d.url, d.text FROM documents d"
                         " WHERE EXISTS (SELECT 1 FROM events e WHERE e.doc = d.rowid"
                         " AND e.negated = 0 AND e.modality IS NULL) ORDER BY d.date, d.id");
    return qb_run(s, &b, fn, ctx, err);
}

static dl_code sqlite_quotes(void *h, const dl_query *q, dl_row_fn fn, void *ctx,
                             dl_error *err)
{
    dl__sqlite *s = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT d.date, coalesce(q.speaker_name, q.speaker) AS speaker,"
                 " q.speaker_code AS code, q.kind, q.cue, q.text AS quote, d.id AS doc, q.sentence"
                 " FROM quotes q JOIN documents d ON d.rowid = q.doc WHERE 1");
    if (q->speaker) {
        qb_str(&b, " AND (q.speaker_name LIKE '%' || ? || '%'", q->speaker);
        qb_str(&b, " OR q.speaker LIKE '%' || ? || '%'", q->speaker);
        qb_str(&b, " OR q.speaker_code = ?)", q->speaker);
    }
    if (q->text)
        qb_str(&b, " AND q.text LIKE '%' || ? || '%'", q->text);
    date_filters(&b, q, "d.date");
    finish(&b, q, q->sort && strcmp(q->sort, "-date") == 0 ? "d.date DESC, d.id, q.idx"
                                                           : "d.date, d.id, q.idx");
    return qb_run(s, &b, fn, ctx, err);
}

static dl_code sqlite_actors(void *h, const dl_query *q, dl_row_fn fn, void *ctx,
                             dl_error *err)
{
    dl__sqlite *s = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    dl__buf_puts(&b.sql,
                 "SELECT a.code, coalesce(a.name, '') AS name, a.country, a.sector,"
                 " count(*) AS mentions, count(DISTINCT a.doc) AS documents,"
                 " min(d.date) AS first, max(d.date) AS last"
                 " FROM actors a JOIN documents d ON d.rowid = a.doc WHERE a.code IS NOT NULL");
    if (q->actor) {
        qb_str(&b, " AND (a.code LIKE ? || '%'", q->actor);
        qb_str(&b, " OR a.name LIKE '%' || ? || '%')", q->actor);
    }
    if (q->country)
        qb_str(&b, " AND a.country = upper(?)", q->country);
    if (q->sector)
        qb_str(&b, " AND a.sector = upper(?)", q->sector);
    date_filters(&b, q, "d.date");
    dl__buf_puts(&b.sql, " GROUP BY a.code, a.name");
    finish(&b, q, "mentions DESC, a.code");
    return qb_run(s, &b, fn, ctx, err);
}

static dl_code sqlite_stats(void *h, dl_row_fn fn, void *ctx, dl_error *err)
{
    dl__sqlite *s = h;
    sqlite3_stmt *st;
    const char *sql =
        "SELECT 'documents' AS what, count(*) AS count FROM documents"
        " UNION ALL SELECT 'sentences', count(*) FROM sentences"
        " UNION ALL SELECT 'timexes', count(*) FROM timexes"
        " UNION ALL SELECT 'actors', count(*) FROM actors"
        " UNION ALL SELECT 'places', count(*) FROM places"
        " UNION ALL SELECT 'quotes', count(*) FROM quotes"
        " UNION ALL SELECT 'events', count(*) FROM events WHERE negated = 0"
        " UNION ALL SELECT 'first date', min(date) FROM documents"
        " UNION ALL SELECT 'last date', max(date) FROM documents"
        " UNION ALL SELECT 'store schema', (SELECT user_version FROM pragma_user_version)";
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, "stats");
    return run_query(s, st, fn, ctx, err);
}

/* The events an aggregate counts, as "FROM ... WHERE ..." with the
 * filters (merged: the merged view, whose rows carry their mentions). */
static void agg_from(qb *b, const dl_query *q, char a[64], char c[64])
{
    if (q->merged) {
        dl__buf_puts(&b->sql, " FROM (SELECT date, source AS source_code, target AS target_code,"
                              " cameo, plover, goldstein, quad AS quad_class, place AS place_name,"
                              " lat, lon, mentions, sources FROM events_merged) e WHERE 1");
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

static dl_code sqlite_aggregate(void *h, dl_agg what, const dl_query *q, dl_row_fn fn,
                                void *ctx, dl_error *err)
{
    dl__sqlite *s = h;
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
                               " round(avg(e.goldstein), 2) AS goldstein," QUADS, m);
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
        dl__buf_puts(&b.sql, "SELECT e.place_name AS place, round(e.lat, 4) AS lat,"
                             " round(e.lon, 4) AS lon, count(*) AS events," QUADS);
        agg_from(&b, q, a, c);
        dl__buf_printf(&b.sql, " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
                               " GROUP BY e.place_name, round(e.lat, 4), round(e.lon, 4)"
                               " ORDER BY events DESC, place, lat, lon LIMIT %ld OFFSET %ld", limit, offset);
        break;
    default: {
        const char *bin = what == DL_AGG_DAY ? "e.date"
                          : what == DL_AGG_MONTH
                              ? "substr(e.date, 1, 7) || '-01'"
                              : "date(e.date, '-' || ((CAST(strftime('%w', e.date) AS INTEGER)"
                                " + 6) % 7) || ' days')";
        dl__buf_printf(&b.sql, "SELECT %s AS bin, count(*) AS events, sum(%s) AS mentions,"
                               " round(sum(e.goldstein), 1) AS goldstein," QUADS, bin, m);
        agg_from(&b, q, a, c);
        dl__buf_puts(&b.sql, " AND length(e.date) = 10 GROUP BY bin ORDER BY bin");
        if (q->limit > 0)
            dl__buf_printf(&b.sql, " LIMIT %ld OFFSET %ld", limit, offset);
    }
    }
    return fts_error(qb_run(s, &b, fn, ctx, err), q, err);
}

static dl_code sqlite_document(void *h, const char *id, const char *layer, dl_row_fn fn,
                               void *ctx, dl_error *err)
{
    dl__sqlite *s = h;
    qb b = {0};
    dl__buf_init(&b.sql);
    qb_str(&b, dl__store_layer_sql(layer), id);
    return qb_run(s, &b, fn, ctx, err);
}

static dl_code sqlite_tx(void *h, const char *sql, dl_error *err)
{
    dl__sqlite *s = h;
    if (strcmp(sql, "COMMIT") == 0) {
        dl_code rc = index_pending(s, err);
        if (rc != DL_OK)
            return rc;
    }
    dl_code rc = exec(s, sql, err);
    if (rc != DL_OK)
        return rc;
    if (strncmp(sql, "BEGIN", 5) == 0) {
        s->in_tx = true;
        s->fts_from = max_sentence(s);
    } else {
        s->in_tx = false;
    }
    return DL_OK;
}

const dl__store_backend dl__store_sqlite = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .tx = sqlite_tx,
    .has = sqlite_has,
    .put = sqlite_put,
    .search = sqlite_search,
    .events = sqlite_events,
    .export_rows = sqlite_export,
    .export_docs = sqlite_export_docs,
    .quotes = sqlite_quotes,
    .actors = sqlite_actors,
    .stats = sqlite_stats,
    .aggregate = sqlite_aggregate,
    .document = sqlite_document,
};

/* For the migration tests: a new SQLite file with the schema of an older
 * dateline (migrations 1 .. version only). */
dl_code dl__store_sqlite_create_at(const char *path, int version, dl_error *err)
{
    dl__sqlite s = {0};
    if (version < 1 || version > SCHEMA_VERSION)
        return dl__fail(err, DL_EUSAGE, "no schema version %d", version);
    if (sqlite3_open_v2(path, &s.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        sqlite3_close(s.db);
        return dl__fail(err, DL_EDB, "cannot open %s", path);
    }
    dl_code rc = migrate_to(&s, version, err);
    sqlite3_close(s.db);
    return rc;
}
