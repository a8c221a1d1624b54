/*
 * fuzz_time.c — libFuzzer target for the time stage: arbitrary bytes become
 * a document dated 2024-02-29 (a leap day, so that "a year later" and
 * "last year" meet February 29), text+time run on it, and the timexes are
 * checked: spans inside the text, in order and not overlapping, a type,
 * a value and a rule name on each, a mod from the TIMEX3 list, and no
 * impossible calendar date in any value (2023-02-29, 2024-04-31).
 * Replayed by tests/test_time.c (TEST(time_fuzz_replay)).
 */
#include "fuzz.h"

static const char *const fuzz_time_mods[] = {
    "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
    "START", "MID", "END", "AFTER", "BEFORE",
};

static int fuzz_time_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A calendar value (YYYY-MM-DD..., YYYY-MM) names a real date. */
static void fuzz_time_check_value(const char *v)
{
    size_t n = strlen(v);
    FUZZ_ASSERT(n > 0 && n < 48);
    if (n >= 10 && fuzz_time_digits(v, 4) && v[4] == '-' && fuzz_time_digits(v + 5, 2) &&
        v[7] == '-' && fuzz_time_digits(v + 8, 2)) {
        dl_date d;
        dl_error err;
        FUZZ_ASSERT(dl_date_parse(v, 10, &d, &err) == DL_OK);
    } else if (n == 7 && fuzz_time_digits(v, 4) && v[4] == '-' && fuzz_time_digits(v + 5, 2)) {
        int m = (v[5] - '0') * 10 + (v[6] - '0');
        FUZZ_ASSERT(m >= 1 && m <= 12);
    }
}

static int fuzz_time_one(const dl_kb *kb, const uint8_t *data, size_t size)
{
    char *text = fuzz_copy(data, size);
    if (text == NULL)
        return 0;
    dl_doc_input in = {.text = text, .len = size, .date = "2024-02-29"};
    dl_doc *doc = NULL;
    dl_error err;
    if (dl_doc_new(&in, &doc, &err) == DL_OK) {
        size_t len, n, ns;
        dl_doc_text(doc, &len);
        if (dl_annotate_some(kb, doc, DL_STAGE_TIME, &err) == DL_OK) {
            dl_doc_sentences(doc, &ns);
            const dl_timex *t = dl_doc_timexes(doc, &n);
            for (size_t i = 0; i < n; i++) {
                FUZZ_ASSERT(t[i].start < t[i].end && t[i].end <= len);
                FUZZ_ASSERT(i == 0 || t[i - 1].end <= t[i].start);
                FUZZ_ASSERT(t[i].sentence < ns);
                FUZZ_ASSERT(t[i].type <= DL_TIMEX_SET);
                FUZZ_ASSERT(t[i].value != NULL && t[i].why != NULL);
                if (t[i].value)
                    fuzz_time_check_value(t[i].value);
                if (t[i].mod) {
                    int known = 0;
                    for (size_t k = 0; k < sizeof fuzz_time_mods / sizeof *fuzz_time_mods; k++)
                        known |= strcmp(t[i].mod, fuzz_time_mods[k]) == 0;
                    FUZZ_ASSERT(known);
                }
            }
        }
        dl_doc_free(doc);
    }
    free(text);
    return 0;
}

#ifndef DL_FUZZ_REPLAY
static dl_kb *fuzz_time_kb;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dl_error err;
    dl_kb_config cfg = {.stages = DL_STAGE_TEXT | DL_STAGE_TIME};
    if (dl_kb_open(&cfg, &fuzz_time_kb, &err) != DL_OK) {
        fprintf(stderr, "fuzz_time: cannot load the knowledge base: %s\n", err.msg);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_time_one(fuzz_time_kb, data, size);
}
#endif
