/*
 * test_time.c — the time stage: the table of cases (tests/cases/time.tsv:
 * dateline, sentence, timex text, value[, mod]), the seed article's
 * acceptance values, anchoring, the tense rule, impossible dates, the
 * helpers the events stage uses (src/time/time.h), and the scored TempEval-3 run
 * on ../shared/eval/time/tbaq with its thresholds.
 */
#include "test.h"
#include "time/time.h"

#include <stdlib.h>
#include <time.h>

/* Runs text+time on text with the given dateline; caller frees. */
static dl_doc *timed(const char *text, const char *date)
{
    return dl_test_annotate_some(text, date, DL_STAGE_TIME);
}

/* The timex whose span is exactly s (the nth such, 0-based), or NULL. */
static const dl_timex *timex_text(const dl_doc *doc, const char *s, int nth)
{
    size_t n, len;
    const dl_timex *t = dl_doc_timexes(doc, &n);
    const char *text = dl_doc_text(doc, &len);
    for (size_t i = 0; i < n; i++)
        if (t[i].end - t[i].start == strlen(s) && memcmp(text + t[i].start, s, strlen(s)) == 0 &&
            nth-- == 0)
            return &t[i];
    return NULL;
}

static void list_timexes(const dl_doc *doc)
{
    size_t n, len;
    const dl_timex *t = dl_doc_timexes(doc, &n);
    const char *text = dl_doc_text(doc, &len);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "      found \"%.*s\" %s %s %s (%s)\n", (int)(t[i].end - t[i].start),
                text + t[i].start, dl_timex_type_name(t[i].type), t[i].value,
                t[i].mod ? t[i].mod : "-", t[i].why);
}

/* Splits a tab-separated line in place; returns the number of fields. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

TEST(time_cases)
{
    char *data = dl_test_read_file("tests/cases/time.tsv", NULL);
    CHECK(data != NULL);
    if (data == NULL)
        return;
    int cases = 0, bad = 0;
    long lineno = 0;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *f[6];
        int nf = fields(line, f, 6);
        if (nf < 4) {
            dl_test_fail(__FILE__, __LINE__, "time.tsv:%ld: want 4 or 5 fields", lineno);
            continue;
        }
        cases++;
        dl_doc *doc = timed(f[1], f[0]);
        if (doc == NULL)
            continue;
        const dl_timex *t = timex_text(doc, f[2], 0);
        const char *mod = nf > 4 && f[4][0] ? f[4] : NULL;
        bool ok;
        if (strcmp(f[3], "-") == 0) /* no timex with that text */
            ok = t == NULL;
        else
            ok = t && strcmp(t->value, f[3]) == 0 &&
                 (mod == NULL ? t->mod == NULL : t->mod && strcmp(t->mod, mod) == 0);
        if (!ok) {
            bad++;
            dl_test_fail(__FILE__, __LINE__, "time.tsv:%ld: %s | \"%s\" want %s %s, got %s %s",
                         lineno, f[1], f[2], f[3], mod ? mod : "-", t ? t->value : "(none)",
                         t && t->mod ? t->mod : "-");
            list_timexes(doc);
        }
        dl_doc_free(doc);
    }
    CHECK(cases >= 300);
    CHECK_INT(bad, 0);
    free(data);
}

static char *seed_text(void)
{
    char *t = dl_test_read_file(dl_test_shared("corpus/seed/000_19f7a3bb0be46a5e.txt"), NULL);
    if (t == NULL)
        return NULL;
    const char *p = strstr(t, "2023-07-23"); /* the " date 2023-07-23 " header */
    if (p && p - t < 16) {
        p += 11;
        memmove(t, p, strlen(p) + 1);
    }
    return t;
}

static void check_timex(const dl_doc *doc, const char *text, int nth, const char *value,
                        const char *mod)
{
    const dl_timex *t = timex_text(doc, text, nth);
    if (t == NULL) {
        dl_test_fail(__FILE__, __LINE__, "no timex \"%s\"", text);
        return;
    }
    CHECK_STR(t->value, value);
    CHECK_STR(t->mod, mod);
}

TEST(time_seed)
{
    char *text = seed_text();
    CHECK(text != NULL);
    if (text == NULL)
        return;
    dl_doc *doc = timed(text, "2023-07-23");
    if (doc) {
        size_t len;
        const char *t = dl_doc_text(doc, &len);
        check_timex(doc, "Sunday", 0, "2023-07-23", NULL);        /* on Sunday */
        CHECK(strstr(t, "on Sunday") != NULL);
        check_timex(doc, "last month", 0, "2023-06", NULL);
        check_timex(doc, "nearly 17 months", 0, "P17M", "APPROX");
        check_timex(doc, "Tuesday", 0, "2023-07-18", NULL);        /* said Tuesday */
        check_timex(doc, "Thursday", 0, "2023-07-20", NULL);       /* On Thursday */
        check_timex(doc, "Friday", 0, "2023-07-21", NULL);         /* warned Poland Friday */
        check_timex(doc, "February 2022", 0, "2022-02", NULL);
        check_timex(doc, "Monday", 0, "2023-07-24", NULL);         /* would meet Sunday and Monday */
        const dl_timex *s = timex_text(doc, "nearly 17 months", 0);
        CHECK(s && s->type == DL_TIMEX_DURATION);
        CHECK(s && s->why && strcmp(s->why, "duration") == 0);
        dl_doc_free(doc);
    }
    free(text);
}

TEST(time_tense_rule)
{
    /* Sunday 2023-07-23: the same weekday is the dateline itself */
    dl_doc *doc = timed("Putin hosted Lukashenko on Sunday. They will meet again Tuesday, "
                        "after Milley said Tuesday the drive was far from a failure.",
                        "2023-07-23");
    if (doc) {
        check_timex(doc, "Sunday", 0, "2023-07-23", NULL);
        check_timex(doc, "Tuesday", 0, "2023-07-25", NULL);
        check_timex(doc, "Tuesday", 1, "2023-07-18", NULL);
        dl_doc_free(doc);
    }
    doc = timed("The United States will send envoys Thursday.", "2000-04-05");
    if (doc) {
        check_timex(doc, "Thursday", 0, "2000-04-06", NULL); /* "United" is no past verb */
        dl_doc_free(doc);
    }
}

TEST(time_anchor)
{
    dl_doc *doc = timed("The talks began on March 3, 2021. The next day, the rebels withdrew. "
                        "Two days later the ceasefire collapsed. The day before, shelling "
                        "had stopped.",
                        "2023-07-23");
    if (doc) {
        check_timex(doc, "March 3, 2021", 0, "2021-03-03", NULL);
        check_timex(doc, "The next day", 0, "2021-03-04", NULL);
        check_timex(doc, "Two days later", 0, "2021-03-05", NULL);
        check_timex(doc, "The day before", 0, "2021-03-02", NULL);
        dl_doc_free(doc);
    }
    /* no date mentioned yet: the dateline */
    doc = timed("The next day, the rebels withdrew.", "2023-07-23");
    if (doc) {
        check_timex(doc, "The next day", 0, "2023-07-24", NULL);
        dl_doc_free(doc);
    }
    /* financial reports: "a year earlier" is the quarter reported, a year back */
    doc = timed("Profit in the third quarter rose 5% from a year earlier.", "1989-10-26");
    if (doc) {
        check_timex(doc, "the third quarter", 0, "1989-Q3", NULL);
        check_timex(doc, "a year earlier", 0, "1988-Q3", NULL);
        dl_doc_free(doc);
    }
}

/* Every calendar value the stage writes is a real date. */
TEST(time_no_impossible_dates)
{
    static const char *const texts[] = {
        "The deal closed on February 30, 2023 and on February 29, 2023.",
        "It was signed on 31 April 2022, or April 31, or 2022-02-29.",
        "He was born on Feb. 29, 2024; a year later he was one.",
        "The year 0 and the year 99999 and 31/31/2020 are not dates.",
        "A year after Feb. 29, 2024, one year later, the following year.",
        "Monday, Feb. 30, 10:75 p.m. and 25:00 a.m. are not times.",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        dl_doc *doc = timed(texts[i], "2024-02-29");
        if (doc == NULL)
            continue;
        size_t n;
        const dl_timex *t = dl_doc_timexes(doc, &n);
        for (size_t k = 0; k < n; k++) {
            const char *v = t[k].value;
            CHECK(v != NULL);
            if (v && v[0] >= '0' && v[0] <= '9' && strlen(v) >= 10 && v[4] == '-' &&
                v[7] == '-') {
                dl_date d;
                if (!dl__time_value_date(v, &d))
                    dl_test_fail(__FILE__, __LINE__, "impossible value %s in \"%s\"", v, texts[i]);
            }
            CHECK(strstr(v ? v : "", "-02-30") == NULL);
            CHECK(strstr(v ? v : "", "-04-31") == NULL);
            CHECK(strstr(v ? v : "", "2023-02-29") == NULL);
        }
        dl_doc_free(doc);
    }
    /* "a year later" from Feb 29 clamps to Feb 28 */
    dl_doc *doc = timed("The station opened on Feb. 29, 2024. A year later it closed.", "2025-06-01");
    if (doc) {
        check_timex(doc, "A year later", 0, "2025", NULL);
        dl_doc_free(doc);
    }
}

TEST(time_precision_and_dates)
{
    CHECK_INT(dl__time_precision("2023-07-18"), DL_PREC_DAY);
    CHECK_INT(dl__time_precision("2023-07-18TMO"), DL_PREC_DAY);
    CHECK_INT(dl__time_precision("2023-07-18T10:30"), DL_PREC_DAY);
    CHECK_INT(dl__time_precision("2023-06"), DL_PREC_MONTH);
    CHECK_INT(dl__time_precision("2023"), DL_PREC_YEAR);
    CHECK_INT(dl__time_precision("2023-Q3"), DL_PREC_YEAR);
    CHECK_INT(dl__time_precision("2023-W29"), DL_PREC_DAY);
    CHECK_INT(dl__time_precision("P17M"), DL_PREC_DOCUMENT);
    CHECK_INT(dl__time_precision("PRESENT_REF"), DL_PREC_DOCUMENT);
    CHECK_INT(dl__time_precision("199"), DL_PREC_DOCUMENT);
    CHECK_INT(dl__time_precision(NULL), DL_PREC_DOCUMENT);
    CHECK_INT(dl__time_precision("2023-02-30"), DL_PREC_DOCUMENT);
    dl_date d = {0, 0, 0};
    CHECK(dl__time_value_date("2023-06", &d));
    CHECK(d.year == 2023 && d.month == 6 && d.day == 1);
    CHECK(dl__time_value_date("2022", &d));
    CHECK(d.year == 2022 && d.month == 1 && d.day == 1);
    CHECK(dl__time_value_date("2023-W29", &d)); /* Monday of ISO week 29 */
    CHECK(d.year == 2023 && d.month == 7 && d.day == 17);
    CHECK(dl__time_value_date("2021-W01", &d)); /* week 1 of 2021 starts 2021-01-04 */
    CHECK(d.year == 2021 && d.month == 1 && d.day == 4);
    CHECK(dl__time_value_date("2023-Q3", &d));
    CHECK(d.month == 7 && d.day == 1);
    CHECK(!dl__time_value_date("P3D", &d));
    CHECK(!dl__time_value_date("2023-13", &d));
}

TEST(time_for_span)
{
    const char *s = "Putin warned Poland Friday that any aggression would be answered, "
                    "and last month he said so too.";
    dl_doc *doc = timed(s, "2023-07-23");
    if (doc == NULL)
        return;
    uint32_t warned = (uint32_t)(strstr(s, "warned") - s);
    uint32_t said = (uint32_t)(strstr(s, "said") - s);
    uint32_t comma = (uint32_t)(strchr(s, ',') - s);
    int32_t a = dl__time_for_span(doc, 0, comma, warned);
    int32_t b = dl__time_for_span(doc, comma, (uint32_t)strlen(s), said);
    size_t n;
    const dl_timex *t = dl_doc_timexes(doc, &n);
    CHECK(a >= 0 && b >= 0);
    if (a >= 0)
        CHECK_STR(t[a].value, "2023-07-21");
    if (b >= 0)
        CHECK_STR(t[b].value, "2023-06");
    /* a clause without a date */
    CHECK_INT(dl__time_for_span(doc, 0, 6, 0), -1);
    dl_doc_free(doc);
    /* PRESENT_REF and durations do not date an event */
    doc = timed("The war has now lasted nearly 17 months.", "2023-07-23");
    if (doc) {
        CHECK_INT(dl__time_for_span(doc, 0, 40, 8), -1);
        dl_doc_free(doc);
    }
}

/* A number at root.key (sub NULL) or root.key.sub, or -1. */
static double json_num(json_t *root, const char *key, const char *sub)
{
    json_t *v = json_object_get(root, key);
    if (sub)
        v = json_object_get(v, sub);
    return json_is_number(v) ? json_number_value(v) : -1;
}

TEST(time_eval_tbaq)
{
    double score = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    json_t *root = dl_test_eval_json("timeml", "eval/time/tbaq", &score);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (root) {
        double strict = json_num(root, "strict", "f1");
        double relaxed = json_num(root, "relaxed", "f1");
        double value = json_num(root, "value_f1", NULL);
        fprintf(stderr, "  tbaq: strict %.4f relaxed %.4f value %.4f (%.2fs)\n", strict, relaxed,
                value, secs);
        CHECK(json_num(root, "docs", NULL) >= 250);
        CHECK(strict >= 0.82);
        CHECK(relaxed >= 0.90);
        CHECK(value >= 0.80);
        CHECK(score >= 0.80);
        json_decref(root);
    }
    CHECK(secs < 20.0); /* a few seconds normally; sanitizers are slower */
}
