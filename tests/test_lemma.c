/*
 * test_lemma.c — the WordNet lemma table (src/text/lemma.c, compiled by
 * tools/mklemma.c): the cases of tests/cases/lemma.tsv, coverage on the
 * seed article, the lemmas the text stage puts on tokens, and rejection
 * of missing, truncated and corrupt table files.
 */
#include "test.h"
#include "text/lemma_file.h"
#include "text/text.h"

#include <stdlib.h>
#include <unistd.h>

/* The table of the build that made this test binary. */
static const char *table_path(void)
{
    static char buf[1024];
    const char *dir = getenv("DATELINE_DATA");
    snprintf(buf, sizeof buf, "%s/lemma.bin", dir && *dir ? dir : DL_DATADIR);
    return buf;
}

static dl__lemmas *open_table(void)
{
    dl__lemmas *lm = NULL;
    dl_error err;
    if (dl__lemmas_load(table_path(), &lm, &err) != DL_OK)
        dl_test_fail(__FILE__, __LINE__, "cannot load %s: %s", table_path(), err.msg);
    return lm;
}

static const char *get(const dl__lemmas *lm, const char *w)
{
    return dl__lemmas_get(lm, w, strlen(w));
}

TEST(lemma_cases)
{
    dl__lemmas *lm = open_table();
    if (lm == NULL)
        return;
    FILE *f = fopen("tests/cases/lemma.tsv", "r");
    CHECK(f != NULL);
    if (f == NULL) {
        dl__lemmas_free(lm);
        return;
    }
    char line[256];
    int lineno = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || tab == NULL)
            continue;
        *tab = '\0';
        const char *want = strcmp(tab + 1, "-") == 0 ? NULL : tab + 1;
        const char *got = get(lm, line);
        if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
            dl_test_fail(__FILE__, __LINE__, "lemma.tsv:%d: %s -> %s, want %s", lineno,
                         line, got ? got : "(null)", want ? want : "(null)");
        cases++;
    }
    fclose(f);
    CHECK(cases >= 40);
    dl__lemmas_free(lm);
}

/* The lookup takes a length: the bytes after it do not matter. */
TEST(lemma_length_bounded)
{
    dl__lemmas *lm = open_table();
    if (lm == NULL)
        return;
    CHECK_STR(dl__lemmas_get(lm, "warnedly", 6), "warn");
    CHECK_STR(dl__lemmas_get(lm, "said,", 4), "say");
    CHECK(dl__lemmas_get(lm, "warned", 5) == NULL); /* "warne" */
    CHECK(dl__lemmas_get(lm, "", 0) == NULL);
    CHECK(dl__lemmas_get(NULL, "warned", 6) == NULL);
    char longw[200];
    memset(longw, 'a', sizeof longw);
    CHECK(dl__lemmas_get(lm, longw, sizeof longw) == NULL);
    dl__lemmas_free(lm);
}

/* Every entry's lemma differs from its form, every entry is found by a
 * lookup, and the table is large enough to be WordNet's (more than
 * 100,000 forms). */
TEST(lemma_table_shape)
{
    size_t len;
    char *raw = dl_test_read_file(table_path(), &len);
    CHECK(raw != NULL);
    if (raw == NULL)
        return;
    dl__lemma_header h;
    CHECK(len > sizeof h);
    memcpy(&h, raw, sizeof h);
    CHECK(h.nentries > 100000);
    CHECK(h.nentries < h.nslots);
    const dl__lemma_slot *slots = (const dl__lemma_slot *)(raw + h.slots_off);
    const char *pool = raw + h.pool_off;
    size_t same = 0, lost = 0;
    dl__lemmas *lm = open_table();
    for (uint32_t i = 0; i < h.nslots; i++) {
        if (slots[i].form == 0)
            continue;
        const char *form = pool + slots[i].form, *lemma = pool + slots[i].lemma;
        if (strcmp(form, lemma) == 0)
            same++;
        /* every entry is found again (no false negative in the filter) */
        const char *got = lm ? get(lm, form) : NULL;
        if (got == NULL || strcmp(got, lemma) != 0)
            lost++;
    }
    CHECK_INT(same, 0);
    CHECK_INT(lost, 0);
    dl__lemmas_free(lm);
    free(raw);
}

/* On the seed article, nearly every word ending in -ed or -s that is
 * not a name gets a lemma (a hand count: every one of these does). */
TEST(lemma_seed_words)
{
    dl__lemmas *lm = open_table();
    if (lm == NULL)
        return;
    static const char *const seed_words[][2] = {
        {"hosted", "host"}, {"failed", "fail"}, {"quoted", "quote"},
        {"saying", "say"}, {"replied", "reply"}, {"exists", "exist"},
        {"began", "begin"}, {"made", "make"}, {"gains", "gain"},
        {"entrenched", "entrench"}, {"forces", "force"}, {"months", "month"},
        {"linked", "link"}, {"fighters", "fighter"}, {"started", "start"},
        {"guys", "guy"}, {"troops", "troop"}, {"relocated", "relocate"},
        {"miles", "mile"}, {"talks", "talk"},
    };
    for (size_t i = 0; i < sizeof seed_words / sizeof seed_words[0]; i++)
        CHECK_STR(get(lm, seed_words[i][0]), seed_words[i][1]);
    dl__lemmas_free(lm);
}

/* Through the pipeline: the text stage puts the lemmas on the tokens. */
TEST(lemma_on_tokens)
{
    dl_doc *doc = dl_test_annotate("Putin warned that the troops were fighting.", "2023-07-23");
    CHECK(doc != NULL);
    if (doc == NULL)
        return;
    size_t n;
    const dl_token *t = dl_doc_tokens(doc, &n);
    static const char *const want[] = {"putin", "warn", "that", "the",
                                       "troop", "be", "fight", "."};
    CHECK_INT(n, 8);
    for (size_t i = 0; i < n && i < 8; i++)
        CHECK_STR(t[i].lemma, want[i]);
    dl_doc_free(doc);
}

/* A table file that is missing, truncated or has an offset out of range
 * is refused with an error, never read blindly. */
TEST(lemma_bad_files)
{
    dl__lemmas *lm = NULL;
    dl_error err;
    CHECK_INT(dl__lemmas_load("/nonexistent/lemma.bin", &lm, &err), DL_EIO);
    CHECK(lm == NULL);

    size_t len;
    char *raw = dl_test_read_file(table_path(), &len);
    CHECK(raw != NULL);
    if (raw == NULL)
        return;
    char tmp[] = "/tmp/dl-lemma-XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0);
    if (fd < 0) {
        free(raw);
        return;
    }
    close(fd);
    dl__lemma_header h;
    memcpy(&h, raw, sizeof h);
    struct {
        const char *what;
        size_t keep;  /* bytes written */
        size_t poke;  /* offset to overwrite with 0xff bytes, or 0 */
    } cases[] = {
        {"empty", 0, 0},
        {"header only", sizeof h, 0},
        {"truncated pool", len - 10, 0},
        {"bad magic", len, 1},
        {"slot offset", len, h.slots_off + 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *copy = malloc(len);
        memcpy(copy, raw, len);
        if (cases[i].poke) {
            /* the first occupied slot's form offset when poking slots */
            size_t at = cases[i].poke;
            if (at >= h.slots_off) {
                const dl__lemma_slot *s = (const dl__lemma_slot *)(raw + h.slots_off);
                size_t k = 0;
                while (s[k].form == 0)
                    k++;
                at = h.slots_off + k * sizeof *s + 4;
            }
            memset(copy + at, 0xff, 4);
        }
        FILE *f = fopen(tmp, "wb");
        fwrite(copy, 1, cases[i].keep, f);
        fclose(f);
        dl_code rc = dl__lemmas_load(tmp, &lm, &err);
        if (rc == DL_OK)
            dl_test_fail(__FILE__, __LINE__, "%s: loaded", cases[i].what);
        CHECK(lm == NULL);
        dl__lemmas_free(lm);
        free(copy);
    }
    unlink(tmp);
    free(raw);
}
