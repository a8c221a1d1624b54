/*
 * test_base.c — dates, document validation, the reader (all input forms
 * and every kind of bad input) and the SQLite store (idempotent ingest,
 * batches, search).
 */
#include "test.h"
#include "store/store.h"

#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>

TEST(base_dates)
{
    dl_date d;
    dl_error err;
    CHECK_INT(dl_date_parse("2023-07-23", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(d.year * 10000 + d.month * 100 + d.day, 20230723);
    CHECK_INT(dl_date_weekday(d), 6); /* a Sunday */
    CHECK_INT(dl_date_parse("20230723", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-07-23T10:00:00Z", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-02-30", (size_t)-1, &d, &err), DL_EDATE);
    /* a time of day is checked too: 25:61 is no time */
    CHECK_INT(dl_date_parse("2023-07-23T25:61:00Z", (size_t)-1, &d, &err), DL_EDATE);
    CHECK(strstr(err.msg, "impossible time") != NULL);
    CHECK_INT(dl_date_parse("2023-07-23T10:60:00Z", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("2023-07-23T10:00:00+15:00", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("2023-07-23T23:59:60Z", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-07-23T24:00:00", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-07-23 14:03:00.000-05:00", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-07-23T14Z", (size_t)-1, &d, &err), DL_OK);
    CHECK(strstr(err.msg, "impossible") != NULL);
    CHECK_INT(dl_date_parse("2024-02-29", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-02-29", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("1900-02-29", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("2000-02-29", (size_t)-1, &d, &err), DL_OK);
    CHECK_INT(dl_date_parse("2023-13-01", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("July 23", (size_t)-1, &d, &err), DL_EDATE);
    CHECK_INT(dl_date_parse("", (size_t)-1, &d, &err), DL_ENODATE);
    CHECK_INT(dl_date_parse("2023-07-23x", (size_t)-1, &d, &err), DL_EDATE);
    /* day arithmetic round-trips over four centuries */
    for (long day = -150000; day < 150000; day += 97) {
        dl_date x = dl_date_from_days(day);
        CHECK(dl_date_valid(x.year, x.month, x.day));
        if (dl_date_to_days(x) != day) {
            CHECK_INT(dl_date_to_days(x), day);
            break;
        }
    }
    char buf[11];
    dl_date_format((dl_date){2023, 7, 1}, buf);
    CHECK_STR(buf, "2023-07-01");
}

static dl_code make_doc(const char *text, size_t len, const char *date, dl_error *err)
{
    dl_doc_input in = {.text = text, .len = len, .date = date};
    dl_doc *doc = NULL;
    dl_code rc = dl_doc_new(&in, &doc, err);
    dl_doc_free(doc);
    return rc;
}

TEST(base_doc_validation)
{
    dl_error err;
    CHECK_INT(make_doc("Fine text.", 10, "2023-07-23", &err), DL_OK);
    CHECK_INT(make_doc("bad \xff byte", 10, "2023-07-23", &err), DL_EUTF8);
    CHECK_INT(err.offset, 4);
    CHECK_INT(make_doc("line one\nline \xc3\x28 two", 19, "2023-07-23", &err), DL_EUTF8);
    CHECK_INT(err.line, 2);
    CHECK_INT(make_doc("a\0b", 3, "2023-07-23", &err), DL_ENUL);
    CHECK_INT(make_doc("   \n ", 5, "2023-07-23", &err), DL_EEMPTY);
    CHECK_INT(make_doc("text", 4, NULL, &err), DL_ENODATE);
    CHECK_INT(make_doc("text", 4, "2023-02-30", &err), DL_EDATE);
    /* overlong encodings and surrogates are invalid UTF-8 */
    CHECK_INT(make_doc("\xc0\xaf", 2, "2023-07-23", &err), DL_EUTF8);
    CHECK_INT(make_doc("\xed\xa0\x80", 3, "2023-07-23", &err), DL_EUTF8);
    dl_doc_input in = {.text = "abcdef", .len = 6, .date = "2023-07-23", .max_bytes = 5};
    dl_doc *doc;
    CHECK_INT(dl_doc_new(&in, &doc, &err), DL_EDOC_TOO_BIG);
}

static char tmpdir[256];

static const char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int i;
    if (tmpdir[0] == '\0') {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/dateline-test-XXXXXX");
        if (mkdtemp(tmpdir) == NULL)
            return NULL;
    }
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
    return buf[i];
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

TEST(base_reader_forms)
{
    const char *jl = tmp_path("docs.jsonl");
    const char *jsonl =
        "{\"id\":\"a\",\"date\":\"2023-07-23\",\"text\":\"First doc.\",\"title\":\"T\"}\n"
        "\n"
        "{\"id\":7,\"date\":\"2023-07-24T08:00:00Z\",\"text\":\"Second.\"}\n"
        "{\"date\":\"2023-07-25\",\"body\":\"No text field.\"}\n"
        "not json at all\n"
        "{\"id\":\"c\",\"text\":\"No date here.\"}\n";
    write_file(jl, jsonl, strlen(jsonl));
    const char *paths[] = {jl};
    dl_reader *r;
    dl_error err;
    dl_reader_config cfg = {0};
    CHECK_INT(dl_reader_open(paths, 1, &cfg, &r, &err), DL_OK);
    dl_doc_input in;
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK);
    CHECK_STR(in.id, "a");
    CHECK_STR(in.title, "T");
    CHECK_INT(in.len, 10);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK);
    CHECK_STR(in.id, "7");
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ENOTEXT);
    CHECK_INT(err.line, 4);
    CHECK(strstr(err.file, "docs.jsonl") != NULL);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_EJSON);
    CHECK_INT(err.line, 5);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK); /* no date: the caller decides */
    CHECK(in.date == NULL);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ENOTFOUND);
    dl_reader_free(r);

    /* field mapping */
    cfg.text_field = "body";
    CHECK_INT(dl_reader_open(paths, 1, &cfg, &r, &err), DL_OK);
    int ok = 0;
    while (dl_reader_next(r, &in, &err) != DL_ENOTFOUND)
        ok += err.code == DL_OK && in.text && strcmp(in.text, "No text field.") == 0;
    CHECK_INT(ok, 1);
    dl_reader_free(r);
}

TEST(base_reader_text_gzip_dirs)
{
    const char *dir = tmp_path("folder");
    char sub[600];
    mkdir(dir, 0700);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0700);
    char p1[700], p2[700], p3[700], p4[700];
    snprintf(p1, sizeof p1, "%s/a.txt", dir);
    snprintf(p2, sizeof p2, "%s/b.txt", sub);
    snprintf(p3, sizeof p3, "%s/c.jsonl.gz", sub);
    snprintf(p4, sizeof p4, "%s/ignored.ann", sub);
    const char *seedlike = " date 2023-07-23 Putin hosted Lukashenko on Sunday.";
    write_file(p1, seedlike, strlen(seedlike));
    write_file(p2, "Undated text.", 13);
    write_file(p4, "T1\tSource 0 5\tPutin\n", 20);
    gzFile gz = gzopen(p3, "wb");
    gzputs(gz, "{\"id\":\"gz1\",\"date\":\"2023-01-02\",\"text\":\"Compressed.\"}\n");
    gzclose(gz);
    const char *paths[] = {dir};
    dl_reader_config cfg = {0};
    dl_reader *r;
    dl_error err;
    CHECK_INT(dl_reader_open(paths, 1, &cfg, &r, &err), DL_OK);
    dl_doc_input in;
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK); /* a.txt */
    CHECK_STR(in.date, "2023-07-23");
    CHECK(in.len > 6 && strncmp(in.text, "Putin ", 6) == 0);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ENODATE); /* sub/b.txt */
    CHECK(strstr(err.file, "b.txt") != NULL);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK); /* sub/c.jsonl.gz */
    CHECK_STR(in.id, "gz1");
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ENOTFOUND); /* .ann skipped */
    dl_reader_free(r);

    /* --date fills undated texts; a missing path is an error, then on */
    cfg.default_date = "2022-01-01";
    const char *two[] = {"/nonexistent/file.txt", p2};
    CHECK_INT(dl_reader_open(two, 2, &cfg, &r, &err), DL_OK);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_EIO);
    CHECK(strstr(err.file, "nonexistent") != NULL);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK);
    CHECK_STR(in.date, "2022-01-01");
    dl_reader_free(r);
}

TEST(base_reader_limits)
{
    const char *big = tmp_path("long.jsonl");
    size_t n = 3u << 20;
    char *line = malloc(n + 200);
    int k = snprintf(line, 200, "{\"id\":\"big\",\"date\":\"2023-07-23\",\"text\":\"");
    memset(line + k, 'a', n);
    static const char tail[] = "\"}\n{\"id\":\"ok\",\"date\":\"2023-07-23\",\"text\":\"fine\"}\n";
    memcpy(line + k + n, tail, sizeof tail - 1);
    write_file(big, line, (size_t)k + n + sizeof tail - 1);
    free(line);
    dl_reader_config cfg = {.max_line_bytes = 1u << 20};
    const char *paths[] = {big, tmp_path("empty.txt")};
    write_file(paths[1], "", 0);
    dl_reader *r;
    dl_error err;
    CHECK_INT(dl_reader_open(paths, 2, &cfg, &r, &err), DL_OK);
    dl_doc_input in;
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ELINE_TOO_LONG);
    CHECK_INT(err.line, 1);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK);
    CHECK_STR(in.id, "ok");
    CHECK_INT(dl_reader_next(r, &in, &err), DL_EEMPTY);
    CHECK_INT(dl_reader_next(r, &in, &err), DL_ENOTFOUND);
    dl_reader_free(r);
}

typedef struct rows {
    int n;
    char first[512];
} rows;

static int count_rows(void *ctx, int ncol, const char *const *names, const char *const *values)
{
    rows *r = ctx;
    if (r->n == 0) {
        r->first[0] = '\0';
        for (int i = 0; i < ncol; i++) {
            size_t len = strlen(r->first);
            snprintf(r->first + len, sizeof r->first - len, "%s=%s;", names[i],
                     values[i] ? values[i] : "NULL");
        }
    }
    r->n++;
    return 0;
}

TEST(base_store_idempotent_search)
{
    const char *db = tmp_path("store.db");
    unlink(db);
    dl_store *st;
    dl_error err;
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    if (st == NULL)
        return;
    dl_doc *doc = dl_test_annotate("Wagner fighters trained Belarusian special forces. "
                                   "Poland moved troops.", "2023-07-20");
    if (doc == NULL)
        return;
    bool stored;
    CHECK_INT(dl_store_begin(st, &err), DL_OK);
    CHECK_INT(dl_store_put(st, doc, &stored, &err), DL_OK);
    CHECK(stored);
    CHECK_INT(dl_store_put(st, doc, &stored, &err), DL_OK);
    CHECK(!stored);
    CHECK_INT(dl_store_commit(st, &err), DL_OK);
    /* a rolled-back batch leaves nothing */
    dl_doc *other = dl_test_annotate("Another text about Wagner.", "2023-07-21");
    CHECK_INT(dl_store_begin(st, &err), DL_OK);
    CHECK_INT(dl_store_put(st, other, &stored, &err), DL_OK);
    CHECK_INT(dl_store_rollback(st, &err), DL_OK);
    dl_store_close(st);
    /* reopen: migrations are not re-run, data is there */
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    bool has;
    CHECK_INT(dl_store_has(st, dl_doc_id(doc), NULL, &has, &err), DL_OK);
    CHECK(has);
    CHECK_INT(dl_store_has(st, dl_doc_id(other), NULL, &has, &err), DL_OK);
    CHECK(!has);
    rows r = {0};
    dl_query q = {.text = "Wagner"};
    CHECK_INT(dl_store_search(st, &q, count_rows, &r, &err), DL_OK);
    CHECK_INT(r.n, 1);
    CHECK(strstr(r.first, "date=2023-07-20") != NULL);
    CHECK(strstr(r.first, "[Wagner]") != NULL);
    rows s = {0};
    CHECK_INT(dl_store_stats(st, count_rows, &s, &err), DL_OK);
    CHECK(strstr(s.first, "documents") && strstr(s.first, "count=1"));
    dl_store_close(st);
    dl_doc_free(doc);
    dl_doc_free(other);
}

TEST(base_store_newer_schema_refused)
{
    const char *db = tmp_path("future.db");
    unlink(db);
    dl_store *st;
    dl_error err;
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    dl_store_close(st);
    /* pretend a newer dateline migrated it */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'PRAGMA user_version = 99'", db);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(dl_store_open(db, &st, &err), DL_EDB);
    CHECK(strstr(err.msg, "newer") != NULL);
}

TEST(base_store_migrates_forward)
{
    const char *db = tmp_path("old.db");
    unlink(db);
    dl_store *st;
    dl_error err;
    /* a schema-1 database, as an older dateline left it */
    CHECK_INT(dl__store_sqlite_create_at(db, 1, &err), DL_OK);
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    rows r = {0};
    dl_query q = {.merged = true};
    CHECK_INT(dl_store_events(st, &q, count_rows, &r, &err), DL_OK);
    rows s = {0};
    CHECK_INT(dl_store_stats(st, count_rows, &s, &err), DL_OK);
    dl_store_close(st);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "test \"$(sqlite3 '%s' 'PRAGMA user_version')\" = %d", db,
             DL_STORE_SCHEMA_SQLITE);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd,
             "test \"$(sqlite3 '%s' \"SELECT count(*) FROM sqlite_master WHERE name = 'sentences_ai'\")\" = 0",
             db);
    CHECK_INT(system(cmd), 0);
}

TEST(base_reader_truncated_gzip)
{
    /* a gzip stream cut in the middle: the records before the cut are
     * read, then one error names the file, then the reader moves on */
    const char *full = tmp_path("full.jsonl.gz"), *cut = tmp_path("cut.jsonl.gz");
    gzFile gz = gzopen(full, "wb");
    for (int i = 0; i < 2000; i++)
        gzprintf(gz, "{\"id\":\"d%d\",\"date\":\"2023-07-23\",\"text\":\"Record %d of a long file.\"}\n", i, i);
    gzclose(gz);
    size_t n;
    char *bytes = dl_test_read_file(full, &n);
    CHECK(bytes != NULL && n > 200);
    if (bytes == NULL)
        return;
    write_file(cut, bytes, n / 2);
    free(bytes);
    const char *paths[] = {cut};
    dl_reader *r;
    dl_error err;
    CHECK_INT(dl_reader_open(paths, 1, NULL, &r, &err), DL_OK);
    dl_doc_input in;
    int ok = 0, errors = 0, calls = 0;
    dl_code rc;
    while ((rc = dl_reader_next(r, &in, &err)) != DL_ENOTFOUND && calls++ < 5000) {
        if (rc == DL_OK)
            ok++;
        else
            errors++;
    }
    CHECK(ok > 100 && ok < 2000);
    /* the cut record (broken JSON, when the cut falls inside a line) and
     * the read error itself */
    CHECK(errors >= 1 && errors <= 2);
    CHECK_INT(rc, DL_ENOTFOUND);
    dl_reader_free(r);
}

TEST(base_store_indexes_outside_batches)
{
    /* documents stored without a batch are searchable at once; a batch's
     * sentences become searchable when it commits, not before */
    const char *db = tmp_path("fts.db");
    unlink(db);
    dl_store *st;
    dl_error err;
    CHECK_INT(dl_store_open(db, &st, &err), DL_OK);
    dl_doc *a = dl_test_annotate("Lukashenko hosted the talks in Minsk.", "2023-07-20");
    dl_doc *b = dl_test_annotate("Kasparov met Lukashenko in Minsk again.", "2023-07-21");
    if (a == NULL || b == NULL || st == NULL)
        return;
    bool stored;
    CHECK_INT(dl_store_put(st, a, &stored, &err), DL_OK);
    rows r = {0};
    dl_query q = {.text = "Minsk"};
    CHECK_INT(dl_store_search(st, &q, count_rows, &r, &err), DL_OK);
    CHECK_INT(r.n, 1);
    CHECK_INT(dl_store_begin(st, &err), DL_OK);
    CHECK_INT(dl_store_put(st, b, &stored, &err), DL_OK);
    CHECK_INT(dl_store_commit(st, &err), DL_OK);
    rows r2 = {0};
    CHECK_INT(dl_store_search(st, &q, count_rows, &r2, &err), DL_OK);
    CHECK_INT(r2.n, 2);
    rows r3 = {0};
    dl_query k = {.text = "Kasparov"};
    CHECK_INT(dl_store_search(st, &k, count_rows, &r3, &err), DL_OK);
    CHECK_INT(r3.n, 1);
    dl_store_close(st);
    dl_doc_free(a);
    dl_doc_free(b);
}
