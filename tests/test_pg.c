/*
 * test_pg.c — the PostgreSQL store against a live server named by
 * DATELINE_TEST_PG_URL (.ci/run starts one on 127.0.0.1). Without the
 * variable each test says so on stderr and passes; with it, a server that
 * cannot be reached is a failure. Each test works in a schema of its own,
 * dropped before and after, so reruns start clean.
 */
#include "test.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pgt {
    char url[1024];
    char schema[64];
    PGconn *admin;
} pgt;

static bool admin_exec(pgt *t, const char *sql)
{
    PGresult *r = PQexec(t->admin, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        dl_test_fail(__FILE__, __LINE__, "%s: %s", sql, PQerrorMessage(t->admin));
    PQclear(r);
    return ok;
}

/* Connects, makes a fresh schema and a store URL that uses it; false
 * (after the skip line or a recorded failure) when the test cannot run. */
static bool pg_setup(pgt *t, const char *name)
{
    const char *url = getenv("DATELINE_TEST_PG_URL");
    if (url == NULL || *url == '\0') {
        fprintf(stderr, "  pg: DATELINE_TEST_PG_URL not set, skipped\n");
        return false;
    }
    t->admin = PQconnectdb(url);
    if (PQstatus(t->admin) != CONNECTION_OK) {
        dl_test_fail(__FILE__, __LINE__, "cannot connect: %s", PQerrorMessage(t->admin));
        PQfinish(t->admin);
        t->admin = NULL;
        return false;
    }
    PQclear(PQexec(t->admin, "SET client_min_messages = warning"));
    /* unaccent in public, not in the test's schema: dropping that schema
     * must not take a dictionary other stores use with it */
    PQclear(PQexec(t->admin, "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"));
    snprintf(t->schema, sizeof t->schema, "dl_test_%s_%ld", name, (long)getpid());
    char sql[256];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", t->schema);
    bool ok = admin_exec(t, sql);
    snprintf(sql, sizeof sql, "CREATE SCHEMA %s", t->schema);
    ok = ok && admin_exec(t, sql);
    snprintf(t->url, sizeof t->url, "%s%soptions=-csearch_path%%3D%s", url,
             strchr(url, '?') ? "&" : "?", t->schema);
    return ok;
}

static void pg_teardown(pgt *t)
{
    if (t->admin == NULL)
        return;
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", t->schema);
    admin_exec(t, sql);
    PQfinish(t->admin);
}

typedef struct rows {
    int n, dated, marked;
    bool threat;
    char first[1024];
} rows;

static const char *col(int ncol, const char *const *names, const char *const *values,
                       const char *name)
{
    for (int i = 0; i < ncol; i++)
        if (strcmp(names[i], name) == 0)
            return values[i];
    return NULL;
}

static int on_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    rows *r = ctx;
    const char *date = col(ncol, names, values, "date");
    const char *text = col(ncol, names, values, "text");
    const char *cameo = col(ncol, names, values, "cameo");
    if (r->n == 0) {
        r->first[0] = '\0';
        for (int i = 0; i < ncol; i++) {
            size_t len = strlen(r->first);
            snprintf(r->first + len, sizeof r->first - len, "%s=%s;", names[i],
                     values[i] ? values[i] : "NULL");
        }
    }
    r->dated += date && strcmp(date, "2023-07-23") == 0;
    r->marked += text && strstr(text, "<<Wagner>>") != NULL;
    r->threat = r->threat || (cameo && strcmp(cameo, "130") == 0);
    r->n++;
    return 0;
}

/* Opens the store in a fresh schema and puts the seed article once. */
static dl_store *seeded(pgt *t, const char *name, dl_doc **doc)
{
    *doc = NULL;
    if (!pg_setup(t, name))
        return NULL;
    dl_store *st = NULL;
    dl_error err;
    CHECK_INT(dl_store_open(t->url, &st, &err), DL_OK);
    if (st == NULL) {
        fprintf(stderr, "  pg: %s\n", err.msg);
        return NULL;
    }
    char *text = dl_test_seed_text();
    *doc = text ? dl_test_annotate(text, "2023-07-23") : NULL;
    free(text);
    bool stored = false;
    if (*doc)
        CHECK_INT(dl_store_put(st, *doc, &stored, &err), DL_OK);
    CHECK(stored);
    return st;
}

TEST(pg_put_twice_stored_once)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "put", &doc);
    if (st && doc) {
        dl_error err;
        bool stored = true;
        /* again, inside a batch: already there */
        CHECK_INT(dl_store_begin(st, &err), DL_OK);
        CHECK_INT(dl_store_put(st, doc, &stored, &err), DL_OK);
        CHECK(!stored);
        CHECK_INT(dl_store_commit(st, &err), DL_OK);
        dl_store_close(st);
        /* reopen: the schema is not migrated again, the document is there */
        st = NULL;
        CHECK_INT(dl_store_open(t.url, &st, &err), DL_OK);
        bool has = false;
        if (st)
            CHECK_INT(dl_store_has(st, dl_doc_id(doc), NULL, &has, &err), DL_OK);
        CHECK(has);
        rows r = {0};
        if (st)
            CHECK_INT(dl_store_stats(st, on_row, &r, &err), DL_OK);
        CHECK_STR(r.first, "what=documents;count=1;");
        CHECK_INT(r.n, 10);
    }
    dl_store_close(st);
    dl_doc_free(doc);
    pg_teardown(&t);
}

TEST(pg_search_wagner_highlighted)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "search", &doc);
    if (st) {
        dl_error err;
        rows r = {0};
        dl_query q = {.text = "Wagner", .hl_open = "<<", .hl_close = ">>"};
        CHECK_INT(dl_store_search(st, &q, on_row, &r, &err), DL_OK);
        CHECK(r.n >= 4);
        CHECK_INT(r.dated, r.n);
        CHECK_INT(r.marked, r.n);
        CHECK(strncmp(r.first, "doc=", 4) == 0 && strstr(r.first, ";score=") != NULL);
        /* accents are folded where the server has unaccent */
        PGresult *ua = PQexec(t.admin, "SELECT 1 FROM pg_available_extensions"
                                       " WHERE name = 'unaccent'");
        if (PQresultStatus(ua) == PGRES_TUPLES_OK && PQntuples(ua) == 1) {
            rows acc = {0};
            dl_query qa = {.text = "Lukáshenko"};
            CHECK_INT(dl_store_search(st, &qa, on_row, &acc, &err), DL_OK);
            CHECK(acc.n >= 3);
        }
        PQclear(ua);
        /* a date range that excludes the article finds nothing */
        rows none = {0};
        dl_query q2 = {.text = "Wagner", .to = "2023-07-22"};
        CHECK_INT(dl_store_search(st, &q2, on_row, &none, &err), DL_OK);
        CHECK_INT(none.n, 0);
    }
    dl_store_close(st);
    dl_doc_free(doc);
    pg_teardown(&t);
}

TEST(pg_events_dyad_threat)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "events", &doc);
    if (st) {
        dl_error err;
        rows r = {0};
        dl_query q = {.dyad = "RUS:POL"};
        CHECK_INT(dl_store_events(st, &q, on_row, &r, &err), DL_OK);
        CHECK(r.threat);
        /* the evidence is cut from the text by byte offsets */
        CHECK(strstr(r.first, "evidence=Putin, in response, warned Poland") != NULL);
        rows m = {0};
        dl_query qm = {.dyad = "RUS:POL", .merged = true};
        CHECK_INT(dl_store_events(st, &qm, on_row, &m, &err), DL_OK);
        CHECK(m.threat);
        CHECK(strstr(m.first, "mentions=1;") != NULL);
        /* --near St. Petersburg: the consult event, not the threat */
        rows n = {0};
        dl_query qn = {.near_lat = 59.94, .near_lon = 30.31, .near_km = 50};
        CHECK_INT(dl_store_events(st, &qn, on_row, &n, &err), DL_OK);
        CHECK(n.n >= 1 && !n.threat);
    }
    dl_store_close(st);
    dl_doc_free(doc);
    pg_teardown(&t);
}

TEST(pg_rolled_back_batch_stores_nothing)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "rollback", &doc);
    dl_doc *other = NULL;
    if (st) {
        dl_error err;
        other = dl_test_annotate("Another text about Wagner fighters in Belarus.", "2023-07-21");
        bool stored = false;
        CHECK_INT(dl_store_begin(st, &err), DL_OK);
        if (other)
            CHECK_INT(dl_store_put(st, other, &stored, &err), DL_OK);
        CHECK(stored);
        CHECK_INT(dl_store_rollback(st, &err), DL_OK);
        bool has = true;
        if (other)
            CHECK_INT(dl_store_has(st, dl_doc_id(other), NULL, &has, &err), DL_OK);
        CHECK(!has);
        rows r = {0};
        CHECK_INT(dl_store_stats(st, on_row, &r, &err), DL_OK);
        CHECK_STR(r.first, "what=documents;count=1;");
    }
    dl_store_close(st);
    dl_doc_free(doc);
    dl_doc_free(other);
    pg_teardown(&t);
}

TEST(pg_export_gdelt_61_columns)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "export", &doc);
    if (st) {
        dl_error err;
        FILE *f = tmpfile();
        CHECK(f != NULL);
        if (f) {
            long nrows = 0;
            CHECK_INT(dl_store_export(st, NULL, "gdelt", f, &nrows, &err), DL_OK);
            CHECK(nrows >= 5);
            rewind(f);
            char line[16384];
            int lines = 0, bad = 0;
            while (fgets(line, sizeof line, f)) {
                int tabs = 0;
                for (const char *p = line; *p; p++)
                    tabs += *p == '\t';
                bad += tabs != 60;
                lines++;
            }
            fclose(f);
            CHECK(lines >= 5);
            CHECK_INT(bad, 0);
        }
    }
    dl_store_close(st);
    dl_doc_free(doc);
    pg_teardown(&t);
}

TEST(pg_connect_failure_hides_password)
{
    pgt t = {0};
    if (!pg_setup(&t, "connect"))
        return;
    dl_store *st = NULL;
    dl_error err;
    CHECK_INT(dl_store_open("postgresql://someone:s3cret@127.0.0.1:1/nodb?connect_timeout=2",
                            &st, &err), DL_EDB);
    CHECK(st == NULL);
    CHECK(strstr(err.msg, "127.0.0.1:1") != NULL);
    CHECK(strstr(err.msg, "s3cret") == NULL && strstr(err.file, "s3cret") == NULL);
    CHECK(strstr(err.msg, "someone:***@") != NULL);
    CHECK_INT(dl_store_open("postgres://127.0.0.1:1/nodb?user=u&password=zq9&connect_timeout=2",
                            &st, &err), DL_EDB);
    CHECK(strstr(err.msg, "zq9") == NULL && strstr(err.msg, "password=***&") != NULL);
    pg_teardown(&t);
}

TEST(pg_failed_document_leaves_batch_intact)
{
    pgt t = {0};
    dl_doc *doc;
    dl_store *st = seeded(&t, "savepoint", &doc);
    dl_doc *bad = NULL, *good = NULL;
    if (st) {
        /* a constraint only the bad document breaks, on a layer table:
         * the failure comes after its document row was written */
        char sql[256];
        snprintf(sql, sizeof sql, "ALTER TABLE %s.sentences ADD CONSTRAINT no_boom"
                 " CHECK (text NOT LIKE '%%boom-boom%%')", t.schema);
        admin_exec(&t, sql);
        dl_error err;
        bad = dl_test_annotate("Poland said boom-boom again.", "2023-07-21");
        good = dl_test_annotate("Belarus moved troops to the border.", "2023-07-22");
        bool stored = true;
        CHECK_INT(dl_store_begin(st, &err), DL_OK);
        if (bad)
            CHECK_INT(dl_store_put(st, bad, &stored, &err), DL_EDB);
        CHECK(!stored);
        CHECK(strstr(err.msg, "no_boom") != NULL);
        if (good)
            CHECK_INT(dl_store_put(st, good, &stored, &err), DL_OK);
        CHECK(stored);
        CHECK_INT(dl_store_commit(st, &err), DL_OK);
        bool has = true;
        if (bad)
            CHECK_INT(dl_store_has(st, dl_doc_id(bad), NULL, &has, &err), DL_OK);
        CHECK(!has);
        if (good)
            CHECK_INT(dl_store_has(st, dl_doc_id(good), NULL, &has, &err), DL_OK);
        CHECK(has);
        rows r = {0};
        CHECK_INT(dl_store_stats(st, on_row, &r, &err), DL_OK);
        CHECK_STR(r.first, "what=documents;count=2;");
    }
    dl_store_close(st);
    dl_doc_free(doc);
    dl_doc_free(bad);
    dl_doc_free(good);
    pg_teardown(&t);
}
