/*
 * test_text.c — the text stage: table-driven sentence splitting
 * (tests/cases/split.tsv), the seed article's boundaries, tokens,
 * normalization and clitics.
 */
#include "test.h"

#include <stdlib.h>

static dl_doc *text_only(const char *text)
{
    return dl_test_annotate_some(text, "2023-07-23", DL_STAGE_TEXT);
}

/* Builds the text of a case line (marks removed, "\n" unescaped) and the
 * byte offsets where sentences must start. */
static size_t build_case(const char *line, char *text, size_t cap, uint32_t *starts,
                         size_t max_starts)
{
    size_t n = 0, ns = 0;
    starts[ns++] = 0;
    for (const char *p = line; *p && n + 1 < cap; p++) {
        if (strncmp(p, " || ", 4) == 0) {
            text[n++] = ' ';
            if (ns < max_starts)
                starts[ns++] = (uint32_t)n;
            p += 3;
        } else if (strncmp(p, "||", 2) == 0) {
            if (ns < max_starts)
                starts[ns++] = (uint32_t)n;
            p += 1;
            while (p[1] == ' ')
                p++;
        } else if (p[0] == '\\' && p[1] == 'n') {
            text[n++] = '\n';
            p++;
        } else {
            text[n++] = *p;
        }
    }
    text[n] = '\0';
    return ns;
}

TEST(text_split_table)
{
    char *data = dl_test_read_file("tests/cases/split.tsv", NULL);
    CHECK(data != NULL);
    if (data == NULL)
        return;
    int cases = 0;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line == '#' || *line == '\0')
            continue;
        char text[1024];
        uint32_t want[16];
        size_t nw = build_case(line, text, sizeof text, want, 16);
        dl_doc *doc = text_only(text);
        if (doc == NULL)
            continue;
        cases++;
        size_t ns;
        const dl_sentence *s = dl_doc_sentences(doc, &ns);
        int ok = ns == nw;
        for (size_t i = 0; ok && i < ns; i++) {
            /* a boundary mark may sit before whitespace: compare starts */
            uint32_t w = want[i];
            while (text[w] == ' ' || text[w] == '\n')
                w++;
            ok = s[i].start == w;
        }
        if (!ok) {
            dl_test_fail(__FILE__, __LINE__, "split %s", line);
            for (size_t i = 0; i < ns; i++)
                fprintf(stderr, "    got: %.*s\n", (int)(s[i].end - s[i].start), text + s[i].start);
        }
        dl_doc_free(doc);
    }
    CHECK(cases >= 30);
    free(data);
}

TEST(text_seed_sentences)
{
    char *raw = dl_test_read_file(dl_test_shared("corpus/seed/000_19f7a3bb0be46a5e.txt"), NULL);
    CHECK(raw != NULL);
    if (raw == NULL)
        return;
    const char *text = strstr(raw, "Russian President");
    dl_doc *doc = text_only(text);
    if (doc == NULL) {
        free(raw);
        return;
    }
    size_t ns;
    const dl_sentence *s = dl_doc_sentences(doc, &ns);
    /* every boundary of the seed, checked one by one */
    static const char *const first_words[] = {
        "Russian President Vladimir Putin said", "“There is no counteroffensive,”",
        "Putin replied: “It exists", "Ukraine began its", "U.S. General Mark Milley, chair",
        "A Telegram channel", "“The Wagner guys", "‘Let’s go on a trip", "There was no indication",
        "On Thursday, the Belarusian", "Poland is moving", "Putin, in response, warned",
        "He said Moscow would", "Useful partner", "Russia and Belarus are linked",
        "But Lukashenko has proved", "He has subsequently", "The Kremlin also credited",
        "Putin said the two leaders", "Lukashenko has not committed",
    };
    CHECK_INT(ns, DL_ARRAY_LEN_T(first_words));
    for (size_t i = 0; i < ns && i < DL_ARRAY_LEN_T(first_words); i++) {
        size_t n = strlen(first_words[i]);
        if (strncmp(text + s[i].start, first_words[i], n) != 0)
            dl_test_fail(__FILE__, __LINE__, "sentence %zu starts \"%.40s\", want \"%s\"", i,
                         text + s[i].start, first_words[i]);
    }
    /* sentences end after their closing quote */
    CHECK_SPAN(text, s[2].end - 3, s[2].end, "”");
    CHECK(s[18].end > 0 && strncmp(text + s[18].end - 4, ".”", 4) == 0);
    /* "Useful partner" is its own paragraph */
    CHECK_INT(s[13].paragraph + 1, s[14].paragraph);
    dl_doc_free(doc);
    free(raw);
}

TEST(text_tokens)
{
    const char *text = "Ukraine’s drive didn't fail, U.S. officials said in Rzeszów at 3.5 p.m.";
    dl_doc *doc = text_only(text);
    if (doc == NULL)
        return;
    size_t n;
    const dl_token *t = dl_doc_tokens(doc, &n);
    static const char *const want[] = {"Ukraine", "’s", "drive", "did", "n't", "fail", ",",
                                       "U.S.", "officials", "said", "in", "Rzeszów", "at",
                                       "3.5", "p.m."};
    CHECK_INT(n, DL_ARRAY_LEN_T(want));
    for (size_t i = 0; i < n && i < DL_ARRAY_LEN_T(want); i++)
        CHECK_SPAN(text, t[i].start, t[i].end, want[i]);
    if (n == DL_ARRAY_LEN_T(want)) {
        CHECK(t[1].flags & DL_TOK_POSS);
        CHECK_STR(t[4].lemma, "not");
        CHECK_STR(t[7].norm, "u.s.");
        CHECK(t[7].flags & DL_TOK_ABBR);
        CHECK_STR(t[11].norm, "rzeszow");
        CHECK(t[13].flags & DL_TOK_NUM);
        CHECK(t[0].flags & DL_TOK_CAP);
        CHECK_STR(t[9].lemma, "say");
        CHECK_STR(t[8].lemma, "official");
    }
    dl_doc_free(doc);
}

TEST(text_quote_marks)
{
    const char *text = "He said \"no\" and ‘yes’ and «non» today.";
    dl_doc *doc = text_only(text);
    if (doc == NULL)
        return;
    size_t n;
    const dl_token *t = dl_doc_tokens(doc, &n);
    int open = 0, close = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].flags & DL_TOK_QUOTE) {
            open += (t[i].flags & DL_TOK_OPEN) != 0;
            close += (t[i].flags & DL_TOK_CLOSE) != 0;
        }
    }
    CHECK_INT(open, 3);
    CHECK_INT(close, 3);
    dl_doc_free(doc);
}

TEST(text_runon_is_capped)
{
    /* a 5000-word "sentence" with no punctuation is cut, not kept whole */
    size_t n = 5000 * 5;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i += 5)
        memcpy(text + i, "word ", 5);
    text[n] = '\0';
    dl_doc *doc = text_only(text);
    if (doc != NULL) {
        size_t ns;
        const dl_sentence *s = dl_doc_sentences(doc, &ns);
        CHECK(ns >= 5);
        for (size_t i = 0; i < ns; i++)
            CHECK(s[i].tok_count <= 1000);
        dl_doc_free(doc);
    }
    free(text);
}
