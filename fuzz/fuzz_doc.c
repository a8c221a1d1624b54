/*
 * fuzz_doc.c — libFuzzer target for the whole pipeline: arbitrary bytes
 * become a document (dl_doc_new, which must reject what is not valid
 * UTF-8 text) dated 2023-07-23, every stage runs on it (dl_annotate), and
 * the result is checked and serialized. Invariants: every span lies
 * inside the text and starts before it ends, tokens and sentences are in
 * order, every index into another layer is in range, and dl_doc_to_json
 * returns JSON that parses. Replayed by tests/test_fuzz_regress.c.
 */
#include "fuzz.h"

#include <jansson.h>

#define SPAN_OK(s, e, len) ((s) <= (e) && (e) <= (len))

static void check_tokens(const dl_doc *doc, size_t len)
{
    size_t ns, nt;
    const dl_sentence *s = dl_doc_sentences(doc, &ns);
    const dl_token *t = dl_doc_tokens(doc, &nt);
    for (size_t i = 0; i < ns; i++) {
        FUZZ_ASSERT(SPAN_OK(s[i].start, s[i].end, len));
        FUZZ_ASSERT(i == 0 || s[i - 1].end <= s[i].start);
        FUZZ_ASSERT((size_t)s[i].tok_first + s[i].tok_count <= nt);
    }
    for (size_t i = 0; i < nt; i++) {
        FUZZ_ASSERT(t[i].start < t[i].end && t[i].end <= len);
        FUZZ_ASSERT(i == 0 || t[i - 1].end <= t[i].start);
        FUZZ_ASSERT(t[i].sentence < ns);
        FUZZ_ASSERT(t[i].norm != NULL && t[i].lemma != NULL);
    }
}

static void check_layers(const dl_doc *doc, size_t len)
{
    size_t ns, nx, na, np, nq, ne;
    dl_doc_sentences(doc, &ns);
    const dl_timex *x = dl_doc_timexes(doc, &nx);
    const dl_actor *a = dl_doc_actors(doc, &na);
    const dl_place *p = dl_doc_places(doc, &np);
    const dl_quote *q = dl_doc_quotes(doc, &nq);
    const dl_event *e = dl_doc_events(doc, &ne);
    for (size_t i = 0; i < nx; i++) {
        FUZZ_ASSERT(SPAN_OK(x[i].start, x[i].end, len) && x[i].sentence < ns);
        FUZZ_ASSERT(x[i].value != NULL);
    }
    for (size_t i = 0; i < na; i++) {
        FUZZ_ASSERT(SPAN_OK(a[i].start, a[i].end, len) && a[i].sentence < ns);
        FUZZ_ASSERT(a[i].antecedent >= -1 && a[i].antecedent < (int32_t)na);
    }
    for (size_t i = 0; i < np; i++)
        FUZZ_ASSERT(SPAN_OK(p[i].start, p[i].end, len) && p[i].sentence < ns);
    for (size_t i = 0; i < nq; i++) {
        FUZZ_ASSERT(SPAN_OK(q[i].start, q[i].end, len) && q[i].sentence < ns);
        FUZZ_ASSERT(!q[i].has_cue || SPAN_OK(q[i].cue.start, q[i].cue.end, len));
        FUZZ_ASSERT(q[i].speaker >= -1 && q[i].speaker < (int32_t)na);
        FUZZ_ASSERT(q[i].channel >= -1 && q[i].channel < (int32_t)na);
    }
    for (size_t i = 0; i < ne; i++) {
        FUZZ_ASSERT(e[i].sentence < ns);
        FUZZ_ASSERT(SPAN_OK(e[i].evidence.start, e[i].evidence.end, len));
        FUZZ_ASSERT(SPAN_OK(e[i].trigger.start, e[i].trigger.end, len));
        FUZZ_ASSERT(SPAN_OK(e[i].source.start, e[i].source.end, len));
        FUZZ_ASSERT(e[i].source.actor >= -1 && e[i].source.actor < (int32_t)na);
        FUZZ_ASSERT(e[i].target.actor >= -1 && e[i].target.actor < (int32_t)na);
        FUZZ_ASSERT(e[i].timex >= -1 && e[i].timex < (int32_t)nx);
        FUZZ_ASSERT(e[i].place >= -1 && e[i].place < (int32_t)np);
        FUZZ_ASSERT(e[i].quote >= -1 && e[i].quote < (int32_t)nq);
        FUZZ_ASSERT(memchr(e[i].cameo, '\0', sizeof e[i].cameo) != NULL);
        FUZZ_ASSERT(dl_date_valid(e[i].date.year, e[i].date.month, e[i].date.day));
    }
}

static void check_json(const dl_doc *doc)
{
    char *js = dl_doc_to_json(doc);
    FUZZ_ASSERT(js != NULL);
    if (js == NULL)
        return;
    json_error_t jerr;
    json_t *root = json_loads(js, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL)
        fprintf(stderr, "dl_doc_to_json: %s at %d\n", jerr.text, jerr.position);
    FUZZ_ASSERT(root != NULL && json_is_object(root));
    json_decref(root);
    free(js);
}

static int fuzz_doc_one(const dl_kb *kb, const uint8_t *data, size_t size)
{
    char *text = fuzz_copy(data, size);
    if (text == NULL)
        return 0;
    dl_doc_input in = {.text = text, .len = size, .date = "2023-07-23"};
    dl_doc *doc = NULL;
    dl_error err;
    if (dl_doc_new(&in, &doc, &err) == DL_OK) {
        size_t len;
        const char *t = dl_doc_text(doc, &len);
        FUZZ_ASSERT(len == size && memcmp(t, data, size) == 0);
        if (dl_annotate(kb, doc, &err) == DL_OK) {
            check_tokens(doc, len);
            check_layers(doc, len);
            check_json(doc);
        }
        dl_doc_free(doc);
    } else {
        FUZZ_ASSERT(doc == NULL && err.code != DL_OK);
    }
    free(text);
    return 0;
}

#ifndef DL_FUZZ_REPLAY
static dl_kb *fuzz_kb;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dl_error err;
    if (dl_kb_open(NULL, &fuzz_kb, &err) != DL_OK) {
        fprintf(stderr, "fuzz_doc: cannot load the knowledge base: %s\n", err.msg);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_doc_one(fuzz_kb, data, size);
}
#endif
