/*
 * main.c — runs the tests listed in build/test_list.h (made from the
 * TEST( lines of the tests/ files). `dateline-tests [PREFIX...]` runs the tests
 * whose names start with a prefix. Ends with "N passed, N failed".
 */
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>

int dl_test_failures;
static const char *current;

void dl_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "  %s:%d: %s: ", file, line, current);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    dl_test_failures++;
}

static dl_kb *kb;

const dl_kb *dl_test_kb(void)
{
    if (kb == NULL) {
        dl_error err;
        if (dl_kb_open(NULL, &kb, &err) != DL_OK) {
            fprintf(stderr, "cannot load knowledge base: %s\n", err.msg);
            exit(1);
        }
    }
    return kb;
}

const char *dl_test_shared(const char *rel)
{
    static char buf[4][1024];
    static int i;
    const char *root = getenv("DL_SHARED");
    if (root == NULL)
        root = DL_SHARED;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", root, rel);
    return buf[i];
}

char *dl_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    char *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) {
            char *q = realloc(p, cap * 2);
            if (q == NULL) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p == NULL)
        return NULL;
    p[n] = '\0';
    if (len)
        *len = n;
    return p;
}

dl_doc *dl_test_annotate(const char *text, const char *date)
{
    return dl_test_annotate_some(text, date, DL_STAGE_ALL);
}

char *dl_test_seed_text(void)
{
    char *t = dl_test_read_file(dl_test_shared("corpus/seed/000_19f7a3bb0be46a5e.txt"), NULL);
    if (t == NULL) {
        dl_test_fail(__FILE__, __LINE__, "cannot read the seed article");
        return NULL;
    }
    /* the dateline header " date 2023-07-23 " opens the text */
    const char *p = strstr(t, "2023-07-23");
    if (p && p - t < 16) {
        p += 11;
        memmove(t, p, strlen(p) + 1);
    }
    return t;
}

dl_doc *dl_test_annotate_some(const char *text, const char *date, unsigned stages)
{
    dl_doc_input in = {.text = text, .len = strlen(text), .date = date};
    dl_doc *doc;
    dl_error err;
    if (dl_doc_new(&in, &doc, &err) != DL_OK) {
        dl_test_fail(__FILE__, __LINE__, "dl_doc_new: %s", err.msg);
        return NULL;
    }
    if (dl_annotate_some(dl_test_kb(), doc, stages, &err) != DL_OK) {
        dl_test_fail(__FILE__, __LINE__, "dl_annotate: %s", err.msg);
        dl_doc_free(doc);
        return NULL;
    }
    return doc;
}

json_t *dl_test_eval_json(const char *suite, const char *rel, double *score)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out == NULL) {
        dl_test_fail(__FILE__, __LINE__, "open_memstream failed");
        return NULL;
    }
    dl_eval_options opt = {.json = true};
    dl_error err;
    double sc = 0;
    dl_code rc = dl_eval(suite, dl_test_shared(rel), &opt, out, &sc, &err);
    fclose(out);
    json_t *root = NULL;
    if (rc != DL_OK) {
        dl_test_fail(__FILE__, __LINE__, "eval %s: %s", suite, err.msg);
    } else {
        json_error_t jerr;
        root = json_loads(buf ? buf : "", 0, &jerr);
        if (root == NULL)
            dl_test_fail(__FILE__, __LINE__, "eval %s: not JSON: %s", suite, jerr.text);
    }
    free(buf);
    if (score)
        *score = sc;
    return root;
}

#define X(name) void test_##name(void);
#include "test_list.h"
#undef X

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
#define X(name) {#name, test_##name},
#include "test_list.h"
#undef X
};

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (argc > 1) {
            int match = 0;
            for (int a = 1; a < argc; a++)
                if (strncmp(tests[i].name, argv[a], strlen(argv[a])) == 0)
                    match = 1;
            if (!match)
                continue;
        }
        current = tests[i].name;
        dl_test_failures = 0;
        tests[i].fn();
        if (dl_test_failures == 0) {
            passed++;
        } else {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        }
    }
    dl_kb_free(kb);
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
