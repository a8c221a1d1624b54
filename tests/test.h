/*
 * test.h — the test harness: TEST(name) defines a test, CHECK* macros
 * record failures without stopping the test. The list of tests is made
 * from the TEST( lines of the tests/ files by the Makefile (no central list to
 * edit), and tests/main.c runs them and prints "N passed, N failed".
 */
#ifndef DL_TEST_H
#define DL_TEST_H

#include "dateline.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define DL_ARRAY_LEN_T(a) (sizeof(a) / sizeof((a)[0]))

#define TEST(name) void test_##name(void); void test_##name(void)

extern int dl_test_failures; /* failed checks in the current test */

void dl_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond)                                                      \
    do {                                                                 \
        if (!(cond))                                                     \
            dl_test_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);        \
    } while (0)

#define CHECK_INT(a, b)                                                  \
    do {                                                                 \
        long long a_ = (long long)(a), b_ = (long long)(b);              \
        if (a_ != b_)                                                    \
            dl_test_fail(__FILE__, __LINE__, "%s == %lld, want %lld", #a, \
                         a_, b_);                                        \
    } while (0)

#define CHECK_STR(a, b)                                                  \
    do {                                                                 \
        const char *a_ = (a), *b_ = (b);                                 \
        if (a_ == NULL || b_ == NULL ? a_ != b_ : strcmp(a_, b_) != 0)   \
            dl_test_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"", \
                         #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");     \
    } while (0)

/* Compares the n bytes at p with the string s. */
#define CHECK_SPAN(text, start, end, s)                                  \
    do {                                                                 \
        size_t n_ = (size_t)((end) - (start));                           \
        const char *s_ = (s);                                            \
        if (n_ != strlen(s_) || memcmp((text) + (start), s_, n_) != 0)   \
            dl_test_fail(__FILE__, __LINE__, "span \"%.*s\", want \"%s\"", \
                         (int)n_, (text) + (start), s_);                 \
    } while (0)

/* Shared fixtures (tests/main.c). */
const dl_kb *dl_test_kb(void);            /* default knowledge, loaded once */
const char *dl_test_shared(const char *rel); /* path under ../shared */
/* Reads a whole file (malloc'd, NUL-terminated) or NULL. */
char *dl_test_read_file(const char *path, size_t *len);
/* Annotates text with the given date using the shared kb (all stages, or
 * the given ones and what they need); caller frees. NULL (and a recorded
 * failure) when the text is rejected. */
dl_doc *dl_test_annotate(const char *text, const char *date);
dl_doc *dl_test_annotate_some(const char *text, const char *date, unsigned stages);
/* Runs scoring suite `suite` on ../shared/REL with --json and returns the
 * parsed summary (json_decref it), or NULL with a failure recorded. */
json_t *dl_test_eval_json(const char *suite, const char *rel, double *score);
/* The seed article's text without its dateline header (malloc'd). */
char *dl_test_seed_text(void);

#endif
