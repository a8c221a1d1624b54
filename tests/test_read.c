/*
 * test_read.c — dates and metadata from where corpora keep them (file
 * names, a CSV/TSV table beside the texts; PolNeAR's metadata.tsv) and
 * the reader's byte progress inside one big file.
 */
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[256];

static const char *path_in(const char *name)
{
    static char buf[16][512];
    static int i;
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/dateline-read-XXXXXX");
        if (mkdtemp(dir) == NULL)
            return NULL;
    }
    i = (i + 1) % 16;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

static void put(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(s, f);
        fclose(f);
    }
}

TEST(read_date_from_name)
{
    char d[11];
    static const struct {
        const char *name, *want;
    } cases[] = {
        {"breitbart_2016-10-04_bill-clinton-calls.txt", "2016-10-04"},
        {"/corpus/2023/20230723-wagner.txt", "2023-07-23"},
        {"news_2019_02_28.json", "2019-02-28"},
        {"x-2016-02-29.txt", "2016-02-29"},   /* a leap day */
        {"x-2015-02-29-y-2015-03-01.txt", "2015-03-01"}, /* not a day: the next one */
        {"id123456789-2020-01-05.txt", "2020-01-05"},   /* 9 digits are no date */
        {"report-2016-13-45.txt", NULL},
        {"20161345.txt", NULL},
        {"2016-10-4.txt", NULL},
        {"no date here.txt", NULL},
        {"2016-10/04.txt", NULL}, /* the folder is not the name */
    };
    for (size_t i = 0; i < DL_ARRAY_LEN_T(cases); i++) {
        bool got = dl_date_from_name(cases[i].name, d);
        if (cases[i].want) {
            CHECK(got);
            if (got)
                CHECK_STR(d, cases[i].want);
        } else if (got) {
            dl_test_fail(__FILE__, __LINE__, "%s: found %s, want none", cases[i].name, d);
        }
    }
}

/* Reads every document of paths and returns how many; dates etc. of the
 * first `n` go to out. */
typedef struct got {
    char id[64], date[16], title[128], url[128], source[64];
} got;

static int read_all(const char *const *paths, size_t np, dl_reader_config *cfg, got *out,
                    int n, int *errors)
{
    dl_reader *r;
    dl_error err;
    int k = 0;
    *errors = 0;
    if (dl_reader_open(paths, np, cfg, &r, &err) != DL_OK)
        return -1;
    dl_doc_input in;
    dl_code rc;
    while ((rc = dl_reader_next(r, &in, &err)) != DL_ENOTFOUND) {
        if (rc != DL_OK) {
            (*errors)++;
            continue;
        }
        if (k < n) {
            snprintf(out[k].id, sizeof out[k].id, "%s", in.id ? in.id : "");
            snprintf(out[k].date, sizeof out[k].date, "%s", in.date ? in.date : "");
            snprintf(out[k].title, sizeof out[k].title, "%s", in.title ? in.title : "");
            snprintf(out[k].url, sizeof out[k].url, "%s", in.url ? in.url : "");
            snprintf(out[k].source, sizeof out[k].source, "%s", in.source ? in.source : "");
        }
        k++;
    }
    dl_reader_free(r);
    return k;
}

TEST(read_metadata_csv_and_precedence)
{
    const char *a = path_in("a-2001-01-01.txt"), *b = path_in("b.txt");
    const char *c = path_in("c-20020202.txt"), *j = path_in("d.jsonl");
    put(a, "Text A.");
    put(b, "date 2011-11-11 Text B with its own dateline.");
    put(c, "Text C.");
    put(j, "{\"id\":\"j1\",\"text\":\"J one.\"}\n{\"id\":\"j2\",\"date\":\"2013-03-03\",\"text\":\"J two.\"}\n");
    const char *meta = path_in("meta.csv");
    put(meta, "filename,title,publication_date,url,publisher,extra\n"
              "a-2001-01-01,\"Title, with \"\"quotes\"\"\",2010-10-10,http://a,Pub A,x\n"
              "b.txt,Title B,2010-12-12,,None,\n"
              "j1,J title,2012-02-02,,,\n"
              "j2,J2 title,2012-12-12,,,\n");
    const char *paths[] = {a, b, c, j};
    dl_reader_config cfg = {.metadata = meta, .date_from_name = true, .default_date = "1999-09-09"};
    got g[5];
    int errors;
    CHECK_INT(read_all(paths, 4, &cfg, g, 5, &errors), 5);
    CHECK_INT(errors, 0);
    /* a: the table wins over the name */
    CHECK_STR(g[0].date, "2010-10-10");
    CHECK_STR(g[0].title, "Title, with \"quotes\"");
    CHECK_STR(g[0].url, "http://a");
    CHECK_STR(g[0].source, "Pub A");
    /* b: its own dateline wins over the table; "None" is no value */
    CHECK_STR(g[1].date, "2011-11-11");
    CHECK_STR(g[1].title, "Title B");
    CHECK_STR(g[1].source, "");
    /* c: no row, the name */
    CHECK_STR(g[2].date, "2002-02-02");
    /* JSONL: by id; the record's own date first */
    CHECK_STR(g[3].date, "2012-02-02");
    CHECK_STR(g[3].title, "J title");
    CHECK_STR(g[4].date, "2013-03-03");
    CHECK_STR(g[4].title, "J2 title");

    /* without the options: the default date, no title */
    dl_reader_config plain = {.default_date = "1999-09-09"};
    CHECK_INT(read_all(paths, 1, &plain, g, 1, &errors), 1);
    CHECK_STR(g[0].date, "1999-09-09");
    CHECK_STR(g[0].title, "");
    /* a table without a key column is an error naming it */
    const char *badm = path_in("bad.tsv");
    put(badm, "when\ttitle\n2001-01-01\tx\n");
    dl_reader_config bad = {.metadata = badm};
    dl_reader *r;
    dl_error err;
    CHECK_INT(dl_reader_open(paths, 1, &bad, &r, &err), DL_EFORMAT);
    CHECK(strstr(err.file, "bad.tsv") != NULL && strstr(err.msg, "key column") != NULL);
    dl_reader_config missing = {.metadata = path_in("nope.tsv")};
    CHECK_INT(dl_reader_open(paths, 1, &missing, &r, &err), DL_EIO);
}

TEST(read_polnear_metadata)
{
    /* PolNeAR: file names carry the date, metadata.tsv the title too */
    const char *text = dl_test_shared("eval/quotes/polnear/dev/text");
    const char *paths[] = {text};
    got g[1];
    int errors;
    dl_reader_config byname = {.date_from_name = true};
    int n = read_all(paths, 1, &byname, g, 1, &errors);
    CHECK(n >= 80);
    CHECK_INT(errors, 0);
    dl_reader_config none = {0};
    CHECK_INT(read_all(paths, 1, &none, g, 1, &errors), 0);
    CHECK_INT(errors, n); /* every one undated without them */
    dl_reader_config bymeta = {.metadata = dl_test_shared("eval/quotes/polnear/metadata.tsv")};
    CHECK_INT(read_all(paths, 1, &bymeta, g, 1, &errors), n);
    CHECK_INT(errors, 0);
    CHECK(g[0].title[0] != '\0');
    CHECK(g[0].source[0] != '\0');
    CHECK_INT(strlen(g[0].date), 10);
}

TEST(read_bytes_of_one_big_file)
{
    /* percent and ETA come from bytes: inside one big file they move */
    const char *p = path_in("big.jsonl");
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    for (int i = 0; i < 4000; i++)
        fprintf(f, "{\"id\":\"d%d\",\"date\":\"2023-07-23\",\"text\":\"%0200d\"}\n", i, i);
    fclose(f);
    const char *paths[] = {p};
    dl_reader *r;
    dl_error err;
    CHECK_INT(dl_reader_open(paths, 1, NULL, &r, &err), DL_OK);
    double done, total;
    dl_reader_bytes(r, &done, &total);
    CHECK(total > 800000);
    CHECK(done == 0);
    dl_doc_input in;
    CHECK_INT(dl_reader_next(r, &in, &err), DL_OK);
    dl_reader_bytes(r, &done, &total);
    CHECK(done > 0 && done < total / 2);
    while (dl_reader_next(r, &in, &err) == DL_OK)
        ;
    dl_reader_bytes(r, &done, &total);
    CHECK(done == total);
    dl_reader_free(r);
}
