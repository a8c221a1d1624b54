/*
 * test_store.c — the SQLite store keeps the text once: sentences, actor
 * mentions and quotes hold offsets into documents.text, and the views
 * with the old names give the same text back (migration 5); a store
 * made by an older dateline is migrated with its rows.
 */
#include "test.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static const char *store_tmp(const char *name)
{
    static char dir[64], path[2][256];
    static int i;
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/dateline-store-XXXXXX");
        if (mkdtemp(dir) == NULL)
            return "/tmp/dateline-store.db";
    }
    i = (i + 1) % 2;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    unlink(path[i]);
    return path[i];
}

/* one integer from SQL, or -1 */
static long long sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

typedef struct spans {
    const char *text; /* the document's */
    size_t len;
    int rows, same, bad;
    char what[4][16]; /* the text columns and their start/end columns */
    char first_bad[300];
} spans;

static const char *col(int ncol, const char *const *names, const char *const *values,
                       const char *name)
{
    for (int i = 0; i < ncol; i++)
        if (strcmp(names[i], name) == 0)
            return values[i];
    return NULL;
}

/* each row's text column equals the span [start, end) of the document */
static int span_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    spans *s = ctx;
    s->rows++;
    const char *t = col(ncol, names, values, s->what[0]);
    const char *a = col(ncol, names, values, s->what[1]);
    const char *b = col(ncol, names, values, s->what[2]);
    if (a == NULL || b == NULL) {
        s->same += t == NULL;
        s->bad += t != NULL;
        return 0;
    }
    long x = strtol(a, NULL, 10), y = strtol(b, NULL, 10);
    bool ok = t && x >= 0 && y >= x && (size_t)y <= s->len && strlen(t) == (size_t)(y - x) &&
              memcmp(s->text + x, t, (size_t)(y - x)) == 0;
    s->same += ok;
    if (!ok && s->bad++ == 0)
        snprintf(s->first_bad, sizeof s->first_bad, "%s [%s,%s) = \"%.200s\"", s->what[0], a, b,
                 t ? t : "NULL");
    return 0;
}

static void check_spans(dl_store *st, const char *id, const char *doc_text, const char *layer,
                        const char *text, const char *start, const char *end, int at_least)
{
    spans s = {.text = doc_text, .len = strlen(doc_text)};
    snprintf(s.what[0], sizeof s.what[0], "%s", text);
    snprintf(s.what[1], sizeof s.what[1], "%s", start);
    snprintf(s.what[2], sizeof s.what[2], "%s", end);
    dl_error err;
    CHECK_INT(dl_store_document(st, id, layer, span_row, &s, &err), DL_OK);
    if (s.rows < at_least || s.bad != 0)
        dl_test_fail(__FILE__, __LINE__, "%s.%s: %d rows, %d the span, %d not (%s)", layer, text,
                     s.rows, s.same, s.bad, s.first_bad);
}

TEST(store_text_stored_once_read_back_as_spans)
{
    const char *db = store_tmp("once.db");
    dl_store *st = NULL;
    dl_error err;
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    char *text = dl_test_seed_text();
    dl_doc *doc = text ? dl_test_annotate(text, "2023-07-23") : NULL;
    free(text);
    if (st == NULL || doc == NULL) {
        dl_store_close(st);
        dl_doc_free(doc);
        return;
    }
    bool stored = false;
    CHECK_INT(dl_store_put(st, doc, &stored, &err), DL_OK);
    CHECK(stored);
    size_t len;
    const char *t = dl_doc_text(doc, &len);
    size_t ns, na, nq;
    dl_doc_sentences(doc, &ns);
    dl_doc_actors(doc, &na);
    dl_doc_quotes(doc, &nq);
    CHECK(ns >= 10 && na >= 10 && nq >= 2);
    check_spans(st, dl_doc_id(doc), t, "sentences", "text", "start", "end", (int)ns);
    check_spans(st, dl_doc_id(doc), t, "actors", "text", "start", "end", (int)na);
    check_spans(st, dl_doc_id(doc), t, "quotes", "text", "start", "end", (int)nq);
    check_spans(st, dl_doc_id(doc), t, "quotes", "cue", "cue_start", "cue_end", (int)nq);
    check_spans(st, dl_doc_id(doc), t, "quotes", "speaker", "speaker_start", "speaker_end",
                (int)nq);
    dl_store_close(st);
    /* the rows hold no copy of the text */
    sqlite3 *h;
    CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM pragma_table_info('sentence_rows')"
                         " WHERE name = 'text'"), 0);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM pragma_table_info('actor_rows')"
                         " WHERE name = 'text'"), 0);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM pragma_table_info('quote_rows')"
                         " WHERE name IN ('text', 'cue', 'speaker')"), 0);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM sentences"), (long long)ns);
    /* deleting the document takes its sentences out of the full-text
     * index too (it stays consistent) */
    CHECK_INT(sqlite3_exec(h, "PRAGMA foreign_keys=ON; DELETE FROM documents;"
                              " INSERT INTO sentences_fts(sentences_fts, rank)"
                              " VALUES ('integrity-check', 1)", NULL, NULL, NULL), SQLITE_OK);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'Wagner'"),
              0);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM sentence_rows"), 0);
    sqlite3_close(h);
    dl_doc_free(doc);
}

typedef struct hits {
    int n;
    char first[600];
} hits;

static int hit_row(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    hits *h = ctx;
    if (h->n++ == 0) {
        h->first[0] = '\0';
        for (int i = 0; i < ncol; i++) {
            size_t l = strlen(h->first);
            snprintf(h->first + l, sizeof h->first - l, "%s=%s;", names[i],
                     values[i] ? values[i] : "NULL");
        }
    }
    return 0;
}

TEST(store_schema4_migrated_with_its_rows)
{
    /* a store written by the dateline before migration 5: the text in
     * every sentence, actor and quote row */
    const char *db = store_tmp("v4.db");
    dl_error err;
    CHECK_INT(dl__store_sqlite_create_at(db, 4, &err), DL_OK);
    sqlite3 *h;
    CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
    const char *text = "Putin warned Poland. \"We will answer,\" said Peskov in Moscow.";
    char sql[2048];
    snprintf(sql, sizeof sql,
             "INSERT INTO documents VALUES (1, 'old-1', 'h1', '2023-07-23', NULL, NULL, NULL,"
             " NULL, '%s', '2023-07-24T00:00:00Z');"
             "INSERT INTO sentences VALUES (1, 1, 0, 0, 20, 0, 'Putin warned Poland.'),"
             "(2, 1, 1, 21, 61, 0, '\"We will answer,\" said Peskov in Moscow.');"
             "INSERT INTO sentences_fts(rowid, text) SELECT rowid, text FROM sentences;"
             "INSERT INTO actors VALUES (1, 0, 0, 0, 5, 'Putin', 'RUSGOV', 'RUS', 'GOV',"
             " 'Vladimir Putin', 'person', NULL, 0.9, 'people.txt:1'),"
             " (1, 1, 1, 44, 50, 'Peskov', 'RUSGOV', 'RUS', 'GOV', 'Dmitry Peskov', 'person',"
             " NULL, 0.9, 'people.txt:2');"
             "INSERT INTO quotes VALUES (1, 0, 1, 22, 36, 'We will answer', 'direct', 39, 43,"
             " 'said', 1, 44, 50, 'Peskov', 'RUSGOV', 'Dmitry Peskov', 0.8);",
             text);
    CHECK_INT(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    dl_store *st = NULL;
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    if (st == NULL)
        return;
    check_spans(st, "old-1", text, "sentences", "text", "start", "end", 2);
    check_spans(st, "old-1", text, "actors", "text", "start", "end", 2);
    check_spans(st, "old-1", text, "quotes", "text", "start", "end", 1);
    check_spans(st, "old-1", text, "quotes", "cue", "cue_start", "cue_end", 1);
    hits s = {0};
    dl_query q = {.text = "Peskov", .hl_open = "<", .hl_close = ">"};
    CHECK_INT(dl_store_search(st, &q, hit_row, &s, &err), DL_OK);
    CHECK_INT(s.n, 1);
    CHECK(strstr(s.first, "text=\"We will answer,\" said <Peskov> in Moscow.;") != NULL);
    hits qs = {0};
    dl_query qq = {.speaker = "Peskov"};
    CHECK_INT(dl_store_quotes(st, &qq, hit_row, &qs, &err), DL_OK);
    CHECK_INT(qs.n, 1);
    CHECK(strstr(qs.first, "speaker=Dmitry Peskov;") && strstr(qs.first, "quote=We will answer;"));
    hits ac = {0};
    dl_query qa = {.actor = "RUS"};
    CHECK_INT(dl_store_actors(st, &qa, hit_row, &ac, &err), DL_OK);
    CHECK_INT(ac.n, 2);
    dl_store_close(st);
    CHECK_INT(sqlite3_open(db, &h), SQLITE_OK);
    CHECK_INT(sql_int(h, "PRAGMA user_version"), DL_STORE_SCHEMA_SQLITE);
    CHECK_INT(sql_int(h, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                         " AND name IN ('sentences', 'actors', 'quotes')"), 0);
    sqlite3_close(h);
}
