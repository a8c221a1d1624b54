/*
 * test_export.c — the exports as their users load them: stores built from
 * real text, every format written to files and read back (here in C for
 * counts and columns; by tests/export_check.py with Python's csv/json,
 * and pandas when installed, for the official column lists, types, id
 * joins and offsets), tone on sentences scored by hand, near-duplicate
 * articles from several publishers.
 */
#include "test.h"

#include "write/export.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static const char *tmp(const char *name)
{
    static char buf[8][512];
    static int i;
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/dateline-export-XXXXXX");
        if (mkdtemp(dir) == NULL)
            dl_test_fail(__FILE__, __LINE__, "mkdtemp");
    }
    i = (i + 1) % 8;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

typedef struct tdoc {
    const char *id, *date, *source, *url;
    const char *text;
} tdoc;

/* A fresh store at path holding the annotated documents; docs.jsonl in
 * the same folder gets them for the Python reader. */
static dl_store *make_store(const char *path, const tdoc *docs, size_t n)
{
    if (strncmp(path, "postgresql://", 13) != 0)
        unlink(path);
    dl_store *st;
    dl_error err;
    if (dl_store_open(path, &st, &err) != DL_OK) {
        dl_test_fail(__FILE__, __LINE__, "dl_store_open: %s", err.msg);
        return NULL;
    }
    FILE *jf = fopen(tmp("docs.jsonl"), "w");
    CHECK(jf != NULL);
    CHECK_INT(dl_store_begin(st, &err), DL_OK);
    for (size_t i = 0; i < n; i++) {
        dl_doc_input in = {.id = docs[i].id, .date = docs[i].date, .text = docs[i].text,
                           .len = strlen(docs[i].text), .source = docs[i].source,
                           .url = docs[i].url};
        dl_doc *doc;
        CHECK_INT(dl_doc_new(&in, &doc, &err), DL_OK);
        CHECK_INT(dl_annotate(dl_test_kb(), doc, &err), DL_OK);
        bool stored;
        CHECK_INT(dl_store_put(st, doc, &stored, &err), DL_OK);
        dl_doc_free(doc);
        json_t *o = json_pack("{s:s, s:s, s:s?}", "id", docs[i].id, "text", docs[i].text, "url",
                              docs[i].url);
        char *line = json_dumps(o, JSON_COMPACT);
        if (jf && line)
            fprintf(jf, "%s\n", line);
        free(line);
        json_decref(o);
    }
    CHECK_INT(dl_store_commit(st, &err), DL_OK);
    if (jf)
        fclose(jf);
    return st;
}

static long export_to(dl_store *st, const char *format, const char *dedup, const char *file)
{
    dl_export_options o = {.format = format, .dedup = dedup};
    FILE *f = fopen(file, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return -1;
    long rows = -1;
    dl_error err;
    dl_code rc = dl_store_export_with(st, NULL, &o, f, &rows, &err);
    if (rc != DL_OK)
        dl_test_fail(__FILE__, __LINE__, "export %s: %s", format, err.msg);
    fclose(f);
    return rows;
}

/* Rows of a tab-separated file, as arrays of fields (one malloc'd block
 * per line); NULL-terminated. */
typedef struct tsv {
    char **lines;
    size_t n;
    char *data;
} tsv;

static tsv read_tsv(const char *path)
{
    tsv t = {0};
    size_t len;
    t.data = dl_test_read_file(path, &len);
    if (t.data == NULL)
        return t;
    size_t cap = 64;
    t.lines = malloc(cap * sizeof *t.lines);
    for (char *p = t.data; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (t.n == cap)
            t.lines = realloc(t.lines, (cap *= 2) * sizeof *t.lines);
        t.lines[t.n++] = p;
        p = nl ? nl + 1 : NULL;
    }
    return t;
}

static void free_tsv(tsv *t)
{
    free(t->lines);
    free(t->data);
}

/* Field i (0-based) of a tab-separated line, into out. */
static const char *field(const char *line, int i, char *out, size_t cap)
{
    const char *p = line;
    for (int k = 0; k < i && p; k++) {
        p = strchr(p, '\t');
        if (p)
            p++;
    }
    if (p == NULL) {
        out[0] = '\0';
        return out;
    }
    size_t n = strcspn(p, "\t");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

static int nfields(const char *line)
{
    int n = 1;
    for (const char *p = line; *p; p++)
        n += *p == '\t';
    return n;
}

/* ----------------------------------------------------------------- tone */

TEST(export_tone_by_hand)
{
    dl__tone t;
    dl_error err;
    char path[1024];
    snprintf(path, sizeof path, "%s/export/afinn-165.tsv", DL_DATADIR);
    CHECK_INT(dl__tone_load(&t, path, &err), DL_OK);
    CHECK(t.n > 3000); /* AFINN-165 has 3,382 entries */
    static const struct {
        const char *text;
        long words;
        double tone;
    } cases[] = {
        /* good, agreement, hope: +3 of 9 words */
        {"The talks were good and the agreement brings hope.", 9, 100.0 * 3 / 9},
        /* rebels, killed, attack: -3 of 10 */
        {"Rebels killed ten civilians in an attack on the village.", 10, -30.0},
        /* the phrase "bad luck" is one negative, failure another: -2 of 7 */
        {"It was bad luck, not a failure.", 7, 100.0 * -2 / 7},
        /* peace +1; failed, crisis, war -3: -2 of 8 */
        {"Peace talks failed amid the crisis and war.", 8, -25.0},
        /* anti-war is not listed: its parts anti, war -2; welcome +1; 6 words */
        {"The minister\u2019s anti-war speech was welcome.", 6, 100.0 * -1 / 6},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN_T(cases); i++) {
        long words = 0;
        double tone = dl__tone_score(&t, cases[i].text, strlen(cases[i].text), &words);
        CHECK_INT(words, cases[i].words);
        if (tone < cases[i].tone - 1e-9 || tone > cases[i].tone + 1e-9)
            dl_test_fail(__FILE__, __LINE__, "tone of \"%s\" is %f, want %f", cases[i].text, tone,
                         cases[i].tone);
    }
    /* a lone curly quote or dash is no word and never loops */
    long words = 0;
    const char *odd = "\u2018 \u2013 \u2019 good";
    CHECK(dl__tone_score(&t, odd, strlen(odd), &words) > 99.0);
    CHECK_INT(words, 1);
    dl__tone_free(&t);
}

/* ------------------------------------------------------------ geo codes */

TEST(export_geo_codes)
{
    dl__geo g;
    dl_error err;
    CHECK_INT(dl__geo_load(&g, DL_DATADIR, &err), DL_OK);
    const dl__geo_country *c = dl__geo_country_of(&g, "DEU");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->fips, "GM"); /* FIPS 10-4, not ISO's DE */
        CHECK_STR(c->name, "Germany");
    }
    c = dl__geo_country_of(&g, "GBR");
    CHECK(c && strcmp(c->fips, "UK") == 0);
    CHECK_STR(dl__geo_adm1(&g, "USA", "Florida", NULL), "USFL");
    CHECK_STR(dl__geo_adm1(&g, "USA", "Texas", NULL), "USTX");
    /* Moscow the city (GeoNames 524901) is RS48, whatever its division */
    CHECK_STR(dl__geo_adm1(&g, "RUS", "Moscow", "524901"), "RS48");
    CHECK(dl__geo_adm1(&g, "USA", "Atlantis", NULL) == NULL);
    dl__geo_free(&g);
}

/* ------------------------------------------------------- near duplicates */

TEST(export_near_dup_detection)
{
    char *seed = dl_test_seed_text();
    if (seed == NULL)
        return;
    size_t n = strlen(seed);
    /* a wire copy with a dateline and a credit line added */
    char *copy = malloc(n + 200);
    snprintf(copy, n + 200, "MOSCOW (Wire) - %s\n\nReporting by a staff writer; editing by the desk.",
             seed);
    const char *other = "Polish troops moved toward the border with Belarus on Sunday, the "
                        "defence ministry in Warsaw said, after reports of Wagner fighters "
                        "training Belarusian special forces near Grodno.";
    double same = dl__near_dup_similarity(seed, n, copy, strlen(copy));
    double diff = dl__near_dup_similarity(seed, n, other, strlen(other));
    CHECK(same >= 0.8);
    CHECK(diff < 0.2);
    const char *texts[] = {other, seed, copy, seed};
    size_t lens[] = {strlen(other), n, strlen(copy), n};
    uint32_t story[4];
    CHECK(dl__near_dup(texts, lens, 4, 0.8, story));
    CHECK_INT(story[0], 0);
    CHECK_INT(story[1], 1);
    CHECK_INT(story[2], 1);
    CHECK_INT(story[3], 1);
    free(copy);
    free(seed);
}

/* Columns of the GDELT event file (1-based as in the codebook). */
enum { G_ID = 1, G_A1CODE = 6, G_A2CODE = 16, G_CODE = 27, G_MENTIONS = 32, G_SOURCES = 33,
       G_ARTICLES = 34, G_TONE = 35, G_AGEO_TYPE = 52, G_AGEO_NAME = 53, G_AGEO_CC = 54,
       G_AGEO_ADM1 = 55 };

static const char *gcol(const char *line, int col, char *buf, size_t cap)
{
    return field(line, col - 1, buf, cap);
}

/* The row of the 043 Putin-hosts-Lukashenko event, or NULL. */
static const char *host_row(const tsv *t)
{
    char a[64], b[64], c[64];
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(gcol(t->lines[i], G_CODE, c, sizeof c), "043") == 0 &&
            strcmp(gcol(t->lines[i], G_A1CODE, a, sizeof a), "RUSGOV") == 0 &&
            strcmp(gcol(t->lines[i], G_A2CODE, b, sizeof b), "BLRGOV") == 0)
            return t->lines[i];
    return NULL;
}

TEST(export_three_copies_three_publishers)
{
    char *seed = dl_test_seed_text();
    if (seed == NULL)
        return;
    size_t n = strlen(seed);
    char *wire = malloc(n + 64), *credit = malloc(n + 128);
    snprintf(wire, n + 64, "MOSCOW (Wire) - %s", seed);
    snprintf(credit, n + 128, "%s\n\nReporting by a staff writer; editing by the desk.", seed);
    tdoc one[] = {{"copy-a", "2023-07-23", "Wire A", "https://a.example/putin", seed}};
    tdoc three[] = {{"copy-a", "2023-07-23", "Wire A", "https://a.example/putin", seed},
                    {"copy-b", "2023-07-23", "Paper B", "https://b.example/putin", wire},
                    {"copy-c", "2023-07-23", "Site C", NULL, credit}};
    dl_store *st = make_store(tmp("one.db"), one, 1);
    long rows1 = export_to(st, "gdelt", NULL, tmp("one.tsv"));
    dl_store_close(st);
    /* two copies: two sources, one article */
    st = make_store(tmp("two-copies.db"), three, 2);
    CHECK_INT(export_to(st, "gdelt", NULL, tmp("two-copies.tsv")), rows1);
    dl_store_close(st);
    tsv two = read_tsv(tmp("two-copies.tsv"));
    char b2[64];
    for (size_t i = 0; i < two.n; i++) {
        CHECK_STR(gcol(two.lines[i], G_SOURCES, b2, sizeof b2), "2");
        CHECK_STR(gcol(two.lines[i], G_ARTICLES, b2, sizeof b2), "1");
    }
    free_tsv(&two);
    st = make_store(tmp("three.db"), three, 3);
    long rows3 = export_to(st, "gdelt", NULL, tmp("three.tsv"));
    long rows3i = export_to(st, "gdelt", "icews", tmp("three-icews.tsv"));
    long ment3 = export_to(st, "gdelt-mentions", NULL, tmp("three-mentions.tsv"));
    dl_store_close(st);
    CHECK(rows1 > 3);
    /* one event per act: three copies give the events of one */
    CHECK_INT(rows3, rows1);
    /* ICEWS counts one event per source: three of each */
    CHECK_INT(rows3i, 3 * rows1);
    tsv t = read_tsv(tmp("three.tsv"));
    CHECK_INT((long)t.n, rows3);
    char buf[128];
    for (size_t i = 0; i < t.n; i++) {
        CHECK_INT(nfields(t.lines[i]), 61);
        CHECK_STR(gcol(t.lines[i], G_SOURCES, buf, sizeof buf), "3");
        CHECK_STR(gcol(t.lines[i], G_ARTICLES, buf, sizeof buf), "1");
        long mentions = strtol(gcol(t.lines[i], G_MENTIONS, buf, sizeof buf), NULL, 10);
        CHECK(mentions >= 3 && mentions % 3 == 0);
    }
    const char *host = host_row(&t);
    CHECK(host != NULL);
    if (host) {
        CHECK_STR(gcol(host, G_AGEO_TYPE, buf, sizeof buf), "4");
        CHECK_STR(gcol(host, G_AGEO_CC, buf, sizeof buf), "RS");
        CHECK(strncmp(gcol(host, G_AGEO_ADM1, buf, sizeof buf), "RS", 2) == 0 && strlen(buf) == 4);
        CHECK(strstr(gcol(host, G_AGEO_NAME, buf, sizeof buf), ", Russia") != NULL);
    }
    tsv m = read_tsv(tmp("three-mentions.tsv"));
    CHECK_INT((long)m.n, ment3);
    for (size_t i = 0; i < m.n; i++)
        CHECK_INT(nfields(m.lines[i]), 16);
    free_tsv(&m);
    free_tsv(&t);
    free(wire);
    free(credit);
    free(seed);
}

TEST(export_two_articles_one_event)
{
    tdoc docs[] = {
        {"a1", "2023-07-23", "Wire A", NULL,
         "Russian President Vladimir Putin hosted Belarusian President Alexander Lukashenko for "
         "talks in St. Petersburg on Sunday. The two leaders discussed trade."},
        {"b1", "2023-07-23", "Paper B", NULL,
         "Putin hosted Lukashenko in St. Petersburg on Sunday, the Kremlin said. Analysts expect "
         "little from the meeting, which follows weeks of tension in the region and a failed "
         "mutiny."},
    };
    dl_store *st = make_store(tmp("two.db"), docs, 2);
    export_to(st, "gdelt", NULL, tmp("two.tsv"));
    dl_store_close(st);
    tsv t = read_tsv(tmp("two.tsv"));
    const char *host = host_row(&t);
    CHECK(host != NULL);
    char buf[64];
    if (host) {
        CHECK_STR(gcol(host, G_MENTIONS, buf, sizeof buf), "2");
        CHECK_STR(gcol(host, G_SOURCES, buf, sizeof buf), "2");
        CHECK_STR(gcol(host, G_ARTICLES, buf, sizeof buf), "2"); /* two stories */
        /* the mean of the two documents' tones, both nonzero here */
        CHECK(strcmp(gcol(host, G_TONE, buf, sizeof buf), "0.0000") != 0);
    }
    free_tsv(&t);
}

/* Every format from one store, read by tests/export_check.py. */
TEST(export_formats_read_back)
{
    char *seed = dl_test_seed_text();
    if (seed == NULL)
        return;
    tdoc docs[] = {
        {"seed", "2023-07-23", "Wire A", "https://a.example/putin", seed},
        {"fl", "2023-03-02", "Paper B", NULL,
         "Florida Governor Ron DeSantis criticized the Biden administration on Wednesday. "
         "He said Washington had failed the state. Officials in Tallahassee condemned the "
         "decision."},
        {"old", "2023-07-23", "Paper B", NULL,
         "In 1994, Russia signed an agreement with Ukraine. Russian President Vladimir Putin "
         "met Belarusian President Alexander Lukashenko in Minsk on Friday."},
        /* a past act dated after the article: it gets the article's date */
        {"late", "2023-07-23", "Paper C", NULL,
         "Russia signed an agreement with Ukraine in December 2025."},
    };
    dl_store *st = make_store(tmp("all.db"), docs, DL_ARRAY_LEN_T(docs));
    static const struct {
        const char *format, *file;
    } outs[] = {{"gdelt", "gdelt.tsv"},     {"gdelt-mentions", "mentions.tsv"},
                {"icews", "icews.tsv"},     {"plover", "plover.jsonl"},
                {"polecat", "polecat.tsv"}, {"jsonl", "events.jsonl"},
                {"csv", "events.csv"}};
    for (size_t i = 0; i < DL_ARRAY_LEN_T(outs); i++)
        CHECK(export_to(st, outs[i].format, NULL, tmp(outs[i].file)) > 0);
    /* --historical brings back the 1994 treaty, dated to its year */
    dl_export_options hist = {.format = "jsonl", .historical = true};
    FILE *hf = fopen(tmp("historical.jsonl"), "w");
    dl_error herr;
    CHECK(hf != NULL);
    if (hf) {
        CHECK_INT(dl_store_export_with(st, NULL, &hist, hf, NULL, &herr), DL_OK);
        fclose(hf);
    }
    char *hj = dl_test_read_file(tmp("historical.jsonl"), NULL);
    CHECK(hj && strstr(hj, "\"date\":\"1994-01-01\",\"date_precision\":\"year\",\"historical\":true"));
    free(hj);
    /* an unknown policy is a usage error */
    dl_export_options bad = {.format = "gdelt", .dedup = "fuzzy"};
    dl_error err;
    CHECK_INT(dl_store_export_with(st, NULL, &bad, stdout, NULL, &err), DL_EUSAGE);
    dl_store_close(st);
    char cmd[1200];
    /* Debian's interpreter when there is one: python3-pandas lives there */
    const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
    snprintf(cmd, sizeof cmd, "%s tests/export_check.py '%s' '%s' >'%s' 2>&1", py, dir,
             dl_test_shared(""), tmp("check.out"));
    int rc = system(cmd);
    if (rc != 0) {
        char *out = dl_test_read_file(tmp("check.out"), NULL);
        dl_test_fail(__FILE__, __LINE__, "export_check.py failed:\n%s", out ? out : "(no output)");
        free(out);
    }
    /* the Florida event: a US state is type 2 with the postal code */
    tsv t = read_tsv(tmp("gdelt.tsv"));
    bool florida = false, old = false;
    char buf[256];
    for (size_t i = 0; i < t.n; i++) {
        for (int g = 36; g <= 52; g += 8)
            if (strcmp(gcol(t.lines[i], g + 3, buf, sizeof buf), "USFL") == 0) {
                /* the state itself is type 2; a city in it ("Officials in
                 * Tallahassee") type 3 with the state in its name */
                char name[256];
                gcol(t.lines[i], g + 1, name, sizeof name);
                if (strcmp(name, "Florida, United States") == 0) {
                    florida = true;
                    CHECK_STR(gcol(t.lines[i], g, buf, sizeof buf), "2");
                } else {
                    CHECK(strstr(name, ", Florida, United States") != NULL);
                    CHECK_STR(gcol(t.lines[i], g, buf, sizeof buf), "3");
                }
            }
        old = old || strncmp(gcol(t.lines[i], 2, buf, sizeof buf), "1994", 4) == 0;
    }
    CHECK(florida);
    CHECK(!old); /* historical events stay out without --historical */
    free_tsv(&t);
    free(seed);
}

/* The same store in PostgreSQL (when DATELINE_TEST_PG_URL is set) writes
 * the same bytes in every format. */
TEST(export_pg_same_bytes)
{
    const char *url = getenv("DATELINE_TEST_PG_URL");
    if (url == NULL || *url == '\0') {
        fprintf(stderr, "  pg: DATELINE_TEST_PG_URL not set, skipped\n");
        return;
    }
    PGconn *admin = PQconnectdb(url);
    if (PQstatus(admin) != CONNECTION_OK) {
        dl_test_fail(__FILE__, __LINE__, "cannot connect: %s", PQerrorMessage(admin));
        PQfinish(admin);
        return;
    }
    char schema[64], sql[256], store_url[1024];
    snprintf(schema, sizeof schema, "dl_test_export_%ld", (long)getpid());
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
    PQclear(PQexec(admin, "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public"));
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
    PQclear(PQexec(admin, sql));
    snprintf(store_url, sizeof store_url, "%s%soptions=-csearch_path%%3D%s", url,
             strchr(url, '?') ? "&" : "?", schema);
    char *seed = dl_test_seed_text();
    tdoc docs[] = {
        {"seed", "2023-07-23", "Wire A", "https://a.example/putin", seed ? seed : "x"},
        {"fl", "2023-03-02", "Paper B", NULL,
         "Florida Governor Ron DeSantis criticized the Biden administration on Wednesday. "
         "He said Washington had failed the state."},
    };
    static const char *formats[] = {"gdelt", "gdelt-mentions", "icews", "plover", "polecat",
                                    "jsonl", "csv"};
    dl_store *lite = make_store(tmp("same.db"), docs, DL_ARRAY_LEN_T(docs));
    dl_store *pg = make_store(store_url, docs, DL_ARRAY_LEN_T(docs));
    CHECK(pg != NULL);
    for (size_t i = 0; pg && lite && i < DL_ARRAY_LEN_T(formats); i++) {
        CHECK(export_to(lite, formats[i], NULL, tmp("same-lite.out")) > 0);
        CHECK(export_to(pg, formats[i], NULL, tmp("same-pg.out")) > 0);
        char *a = dl_test_read_file(tmp("same-lite.out"), NULL);
        char *b = dl_test_read_file(tmp("same-pg.out"), NULL);
        if (a == NULL || b == NULL || strcmp(a, b) != 0)
            dl_test_fail(__FILE__, __LINE__, "%s: PostgreSQL and SQLite exports differ", formats[i]);
        free(a);
        free(b);
    }
    dl_store_close(lite);
    dl_store_close(pg);
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", schema);
    PQclear(PQexec(admin, sql));
    PQfinish(admin);
    free(seed);
}
