/*
 * stage.c — the syntax stage: for every sentence, the UD words of its
 * tokens (words.c), a part of speech for each (tagger.c) and a dependency
 * tree (parser.c), written to doc->words; each token gets its word and
 * tags. Runs after text and before every other stage. The model is
 * mapped once at load time and shared read-only by every thread.
 */
#include "syntax/model.h"
#include "syntax/syntax.h"
#include "syntax/transition.h"
#include "text/text.h"

static dl_code syntax_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                           dl_error *err)
{
    DL_UNUSED(cfg);
    dl__syn_model *m;
    dl_code rc = dl__syn_model_load(dl__kb_path(kb, "syntax/en_ewt.model"), &m, err);
    if (rc != DL_OK)
        return rc;
    *state = m;
    return DL_OK;
}

static void syntax_unload(void *state)
{
    dl__syn_model_free(state);
}

/* Working memory for one sentence of n words, reused across sentences. */
typedef struct scratch {
    void *mem;
    size_t cap;
} scratch;

static void *scratch_get(scratch *s, size_t bytes)
{
    if (bytes > s->cap) {
        free(s->mem);
        s->cap = bytes * 2;
        s->mem = malloc(s->cap);
        if (s->mem == NULL)
            s->cap = 0;
    }
    return s->mem;
}

size_t dl__syn_work_bytes(int n)
{
    return ((size_t)n + 1) * sizeof(dl__syn_atoms) + 3 * ((size_t)n + 2) * sizeof(int) +
           dl__syn_config_bytes(n) + 64;
}

void dl__syn_analyze(const dl__syn_model *m, const char *const *forms,
                     const uint32_t *lens, int n, void *mem, int *tags_out,
                     int *heads_out, int *labels_out)
{
    dl__syn_atoms *atoms = mem; /* atoms[1..n] */
    int *tags = (int *)(atoms + n + 1);
    int *heads = tags + n + 2, *labels = heads + n + 2;
    void *cfg = labels + n + 2;
    for (int i = 0; i < n; i++)
        dl__syn_atoms_of(forms[i], lens[i], i == 0, &atoms[i + 1]);
    dl__syn_tag(m, atoms + 1, n, tags + 1);
    dl__syn_parse(m, atoms, tags, n, cfg, heads, labels);
    for (int i = 0; i < n; i++) {
        tags_out[i] = tags[i + 1];
        heads_out[i] = heads[i + 1] - 1;
        labels_out[i] = labels[i + 1];
    }
    dl__syn_repair(m, forms, lens, n, tags_out, heads_out, labels_out);
}

/* Scratch for one sentence: forms, lengths, results, then the work area. */
static size_t sentence_bytes(int n)
{
    return (size_t)n * (sizeof(char *) + sizeof(uint32_t) + 3 * sizeof(int)) + 16 +
           dl__syn_work_bytes(n);
}

static void annotate_sentence(const dl__syn_model *m, dl_doc *doc, dl_sentence *sent,
                              void *mem)
{
    int n = (int)sent->word_count;
    dl_word *w = (dl_word *)doc->words.items + sent->word_first;
    const char **forms = mem;
    int *tags = (int *)(forms + n), *heads = tags + n, *labels = heads + n;
    uint32_t *lens = (uint32_t *)(labels + n);
    void *work = (void *)(((uintptr_t)(lens + n) + 15) & ~(uintptr_t)15);
    for (int i = 0; i < n; i++) {
        forms[i] = doc->text + w[i].start;
        lens[i] = w[i].end - w[i].start;
    }
    dl__syn_analyze(m, forms, lens, n, work, tags, heads, labels);
    for (int i = 0; i < n; i++) {
        int t = tags[i];
        w[i].tag_id = (uint16_t)t;
        w[i].upos = m->upos[t];
        w[i].xpos = m->xpos[t];
        w[i].head = heads[i];
        w[i].dep_id = (uint16_t)labels[i];
        w[i].dep = heads[i] < 0 ? "root" : m->labels[labels[i]];
    }
}

static dl_code syntax_run(const dl_kb *kb, const void *state, dl_doc *doc, dl_error *err)
{
    DL_UNUSED(kb);
    const dl__syn_model *m = state;
    size_t ns = doc->sentences.n;
    dl_sentence *sents = doc->sentences.items;
    if (!dl__vec_reserve(&doc->words, &doc->arena, doc->tokens.n + doc->tokens.n / 8 + 1))
        return dl__fail(err, DL_ENOMEM, "out of memory in stage syntax");
    size_t longest = 0;
    for (size_t s = 0; s < ns; s++) {
        sents[s].word_first = (uint32_t)doc->words.n;
        for (uint32_t k = 0; k < sents[s].tok_count; k++)
            if (!dl__syn_words_of_token(doc, (uint32_t)s, sents[s].tok_first + k))
                return dl__fail(err, DL_ENOMEM, "out of memory in stage syntax");
        sents[s].word_count = (uint32_t)(doc->words.n - sents[s].word_first);
        if (sents[s].word_count > longest)
            longest = sents[s].word_count;
    }
    scratch sc = {0};
    void *mem = scratch_get(&sc, sentence_bytes((int)longest));
    if (mem == NULL && longest > 0)
        return dl__fail(err, DL_ENOMEM, "out of memory in stage syntax");
    for (size_t s = 0; s < ns; s++)
        if (sents[s].word_count > 0)
            annotate_sentence(m, doc, &sents[s], mem);
    free(sc.mem);
    /* each token: its (last) word and that word's tags */
    dl_token *toks = doc->tokens.items;
    const dl_word *words = doc->words.items;
    for (size_t i = 0; i < doc->words.n; i++) {
        dl_token *t = &toks[words[i].token];
        t->word = (int32_t)i;
        t->upos = words[i].upos;
        t->xpos = words[i].xpos;
    }
    return DL_OK;
}

const dl__stage dl__stage_syntax = {
    .iversion = 1,
    .id = DL_STAGE_SYNTAX,
    .needs = DL_STAGE_TEXT,
    .name = "syntax",
    .load = syntax_load,
    .unload = syntax_unload,
    .run = syntax_run,
};
