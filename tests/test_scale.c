/*
 * test_scale.c — the lookups that keep one long document linear
 * (src/doc/layers.c, dl__quote_of_trigger) answer as the whole-layer
 * scans they replaced, on real news text (PolNeAR, read from ../shared).
 * The cost itself is checked by tests/scale.py in instructions.
 */
#include "test.h"
#include "dl.h"
#include "quotes/quotes.h"

#include <dirent.h>
#include <stdlib.h>

/* Some 60 KB of PolNeAR dev articles joined into one text (malloc'd). */
static char *long_text(void)
{
    const char *dir = dl_test_shared("eval/quotes/polnear/dev/text");
    DIR *d = opendir(dir);
    if (d == NULL)
        return NULL;
    char *names[64];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nn < DL_ARRAY_LEN_T(names))
        if (strstr(e->d_name, ".txt"))
            names[nn++] = strdup(e->d_name);
    closedir(d);
    size_t cap = 1 << 17, len = 0;
    char *out = malloc(cap);
    for (size_t i = 0; out && i < nn; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t n;
        char *t = dl_test_read_file(path, &n);
        if (t && len + n + 3 < cap && len < 60000) {
            memcpy(out + len, t, n);
            len += n;
            memcpy(out + len, "\n\n", 2);
            len += 2;
        }
        free(t);
    }
    for (size_t i = 0; i < nn; i++)
        free(names[i]);
    if (out)
        out[len] = '\0';
    return out;
}

static uint32_t sentence_at(const void *items, size_t size, size_t i)
{
    uint32_t s;
    memcpy(&s, (const char *)items + i * size + 2 * sizeof(uint32_t), sizeof s);
    return s;
}

/* Every sentence's range holds exactly the records of that sentence. */
static void check_ranges(const dl__vec *v, size_t nsent)
{
    CHECK(dl__layer_in_order(v));
    size_t seen = 0;
    for (uint32_t s = 0; s < nsent; s++) {
        size_t lo, hi;
        dl__layer_sentences(v, s, s, &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            CHECK_INT(sentence_at(v->items, v->size, i), s);
        seen += hi - lo;
    }
    CHECK_INT(seen, v->n);
}

static int32_t quote_scan(const dl_doc *doc, uint32_t ts, uint32_t te)
{
    const dl_quote *q = doc->quotes.items;
    for (size_t i = 0; i < doc->quotes.n; i++)
        if (q[i].has_cue && q[i].cue.start < te && ts < q[i].cue.end)
            return (int32_t)i;
    for (size_t i = 0; i < doc->quotes.n; i++)
        if (q[i].start <= ts && te <= q[i].end)
            return (int32_t)i;
    return -1;
}

TEST(scale_layer_lookups)
{
    char *text = long_text();
    CHECK(text != NULL && strlen(text) > 50000);
    dl_doc *doc = text ? dl_test_annotate(text, "2016-09-12") : NULL;
    free(text);
    if (doc == NULL)
        return;
    CHECK(doc->actors.n > 500 && doc->timexes.n > 100 && doc->quotes.n > 100);
    check_ranges(&doc->timexes, doc->sentences.n);
    check_ranges(&doc->actors, doc->sentences.n);
    check_ranges(&doc->quotes, doc->sentences.n);
    /* the quote of every token, as a trigger, by index and by scan */
    const dl_token *tok = doc->tokens.items;
    size_t differ = 0, found = 0;
    for (size_t i = 0; i < doc->tokens.n; i++) {
        int32_t a = dl__quote_of_trigger(doc, tok[i].start, tok[i].end);
        differ += a != quote_scan(doc, tok[i].start, tok[i].end);
        found += a >= 0;
    }
    CHECK_INT(differ, 0);
    CHECK(found > 1000);
    dl_doc_free(doc);
}
