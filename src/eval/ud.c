/*
 * ud.c — `dateline eval ud FILE.conllu[#FILTER]`: scores the syntax stage
 * against a Universal Dependencies treebank, two ways.
 *
 * From raw text (the headline, as CoNLL 2018 scores it): each sentence's
 * `# text` goes through our own tokenizer, sentence splitter, tagger and
 * parser; our words are aligned to the gold words by byte span, and a
 * gold word we did not produce with the same span counts as wrong. UPOS
 * and XPOS are right when the aligned word has the gold tag; an
 * attachment is right when the aligned word's head is aligned to the gold
 * head (or both are roots); LAS compares universal relations (subtypes
 * stripped, as CoNLL 2018 does) and LAS-full the whole label.
 * With gold tokens: the gold words are tagged and parsed as they are.
 *
 * A `#FILTER` suffix keeps the sentences whose sent_id contains FILTER
 * ("en_gum-ud-test.conllu#news"). The per-relation table is over the raw
 * text run.
 */
#include "dl.h"
#include "eval/eval.h"
#include "syntax/conllu.h"
#include "syntax/model.h"

typedef struct ud_counts {
    long sents, gold_words, sys_words, aligned;
    long upos, xpos, uas, las, las_full;
} ud_counts;

#define MAX_REL 64
typedef struct rel_counts {
    char name[24];
    long gold, sys, right;
} rel_counts;

typedef struct ud_run {
    ud_counts raw, gold;
    rel_counts rel[MAX_REL];
    int nrel;
} ud_run;

static size_t univ_len(const char *d)
{
    return strcspn(d, ":");
}

static bool same_univ(const char *a, const char *b)
{
    size_t la = univ_len(a), lb = univ_len(b);
    return la == lb && memcmp(a, b, la) == 0;
}

static rel_counts *rel_of(ud_run *r, const char *dep)
{
    size_t n = univ_len(dep);
    if (n >= sizeof r->rel[0].name)
        n = sizeof r->rel[0].name - 1;
    for (int i = 0; i < r->nrel; i++)
        if (strlen(r->rel[i].name) == n && memcmp(r->rel[i].name, dep, n) == 0)
            return &r->rel[i];
    if (r->nrel == MAX_REL)
        return NULL;
    rel_counts *x = &r->rel[r->nrel++];
    memcpy(x->name, dep, n);
    x->name[n] = '\0';
    return x;
}

/* Our word with exactly this span, or -1 (words are in text order). */
static long find_word(const dl_word *w, size_t n, uint32_t start, uint32_t end)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && w[i].start == start; i++)
        if (w[i].end == end)
            return (long)i;
    return -1;
}

static dl_code score_raw(const dl_kb *kb, const dl__conllu_sent *s, ud_run *r,
                         const dl_eval_options *opt, FILE *out, dl_error *err)
{
    dl_doc_input in = {.id = s->id, .date = "2000-01-01", .text = s->text, .len = s->text_len};
    dl_doc *doc;
    dl_code rc = dl_doc_new(&in, &doc, err);
    if (rc != DL_OK)
        return rc;
    rc = dl_annotate_some(kb, doc, DL_STAGE_SYNTAX, err);
    if (rc != DL_OK) {
        dl_doc_free(doc);
        return rc;
    }
    size_t nw;
    const dl_word *w = dl_doc_words(doc, &nw);
    const dl_sentence *sents = dl_doc_sentences(doc, NULL);
    long *align = calloc((size_t)s->n + 1, sizeof(long));
    if (align == NULL) {
        dl_doc_free(doc);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    r->raw.sys_words += (long)nw;
    r->raw.gold_words += s->n;
    for (int k = 0; k < s->n; k++)
        align[k + 1] = find_word(w, nw, s->words[k].start, s->words[k].end);
    for (size_t i = 0; i < nw; i++) {
        rel_counts *rc2 = rel_of(r, w[i].dep ? w[i].dep : "_");
        if (rc2)
            rc2->sys++;
    }
    for (int k = 0; k < s->n; k++) {
        const dl__conllu_word *g = &s->words[k];
        rel_counts *rel = rel_of(r, g->deprel);
        if (rel)
            rel->gold++;
        long a = align[k + 1];
        if (a < 0) {
            if (opt->verbose)
                fprintf(out, "%s: word %d \"%s\" [%u,%u) not ours\n", s->id ? s->id : "?",
                        k + 1, g->form, g->start, g->end);
            continue;
        }
        const dl_word *x = &w[a];
        r->raw.aligned++;
        r->raw.upos += x->upos && strcmp(x->upos, g->upos) == 0;
        r->raw.xpos += x->xpos && strcmp(x->xpos, g->xpos) == 0;
        bool head_ok;
        if (g->head == 0)
            head_ok = x->head < 0;
        else
            head_ok = x->head >= 0 && align[g->head] >= 0 &&
                      (long)sents[x->sentence].word_first + x->head == align[g->head];
        if (!head_ok)
            continue;
        r->raw.uas++;
        if (x->dep && same_univ(x->dep, g->deprel)) {
            r->raw.las++;
            if (rel)
                rel->right++;
        }
        r->raw.las_full += x->dep && strcmp(x->dep, g->deprel) == 0;
    }
    free(align);
    dl_doc_free(doc);
    return DL_OK;
}

static dl_code score_gold(const dl__syn_model *m, const dl__conllu_sent *s, ud_run *r,
                          dl_error *err)
{
    int n = s->n;
    size_t bytes = (size_t)n * (sizeof(char *) + sizeof(uint32_t) + 3 * sizeof(int)) +
                   dl__syn_work_bytes(n) + 32;
    char *mem = malloc(bytes);
    if (mem == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    const char **forms = (const char **)mem;
    uint32_t *lens = (uint32_t *)(forms + n);
    int *tags = (int *)(lens + n), *heads = tags + n, *labels = heads + n;
    void *work = (void *)(((uintptr_t)(labels + n) + 15) & ~(uintptr_t)15);
    for (int i = 0; i < n; i++) {
        forms[i] = s->words[i].form;
        lens[i] = (uint32_t)strlen(forms[i]);
    }
    dl__syn_analyze(m, forms, lens, n, work, tags, heads, labels);
    r->gold.gold_words += n;
    r->gold.sys_words += n;
    r->gold.aligned += n;
    for (int i = 0; i < n; i++) {
        const dl__conllu_word *g = &s->words[i];
        r->gold.upos += strcmp(m->upos[tags[i]], g->upos) == 0;
        r->gold.xpos += strcmp(m->xpos[tags[i]], g->xpos) == 0;
        if (heads[i] + 1 != g->head)
            continue;
        r->gold.uas++;
        const char *dep = heads[i] < 0 ? "root" : m->labels[labels[i]];
        r->gold.las += same_univ(dep, g->deprel);
        r->gold.las_full += strcmp(dep, g->deprel) == 0;
    }
    free(mem);
    return DL_OK;
}

static double ratio(long a, long b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void report(const ud_run *r, const dl_eval_options *opt, FILE *out, const char *path)
{
    const ud_counts *c = &r->raw, *g = &r->gold;
    double tp = ratio(c->aligned, c->sys_words), tr = ratio(c->aligned, c->gold_words);
    double tf = tp + tr > 0 ? 2 * tp * tr / (tp + tr) : 0;
    if (opt->json) {
        fprintf(out,
                "{\"suite\":\"ud\",\"sentences\":%ld,\"gold_words\":%ld,\"words_f1\":%.4f,"
                "\"upos\":%.4f,\"xpos\":%.4f,\"uas\":%.4f,\"las\":%.4f,\"las_full\":%.4f,"
                "\"gold_tok_upos\":%.4f,\"gold_tok_xpos\":%.4f,\"gold_tok_uas\":%.4f,"
                "\"gold_tok_las\":%.4f}\n",
                c->sents, c->gold_words, tf, ratio(c->upos, c->gold_words),
                ratio(c->xpos, c->gold_words), ratio(c->uas, c->gold_words),
                ratio(c->las, c->gold_words), ratio(c->las_full, c->gold_words),
                ratio(g->upos, g->gold_words), ratio(g->xpos, g->gold_words),
                ratio(g->uas, g->gold_words), ratio(g->las, g->gold_words));
        return;
    }
    fprintf(out, "ud: %s, %ld sentences, %ld gold words\n", path, c->sents, c->gold_words);
    fprintf(out, "                 words F1   UPOS    XPOS    UAS     LAS     LAS (full labels)\n");
    fprintf(out, "  raw text        %.4f   %.4f  %.4f  %.4f  %.4f  %.4f\n", tf,
            ratio(c->upos, c->gold_words), ratio(c->xpos, c->gold_words),
            ratio(c->uas, c->gold_words), ratio(c->las, c->gold_words),
            ratio(c->las_full, c->gold_words));
    fprintf(out, "  gold tokens     1.0000   %.4f  %.4f  %.4f  %.4f  %.4f\n",
            ratio(g->upos, g->gold_words), ratio(g->xpos, g->gold_words),
            ratio(g->uas, g->gold_words), ratio(g->las, g->gold_words),
            ratio(g->las_full, g->gold_words));
    fprintf(out, "\n  relation (raw text)   gold    ours   right   P       R       F1\n");
    for (int i = 0; i < r->nrel; i++) {
        const rel_counts *x = &r->rel[i];
        if (x->gold == 0)
            continue;
        double p = ratio(x->right, x->sys), rr = ratio(x->right, x->gold);
        fprintf(out, "  %-20s %6ld  %6ld  %6ld   %.3f   %.3f   %.3f\n", x->name, x->gold, x->sys,
                x->right, p, rr, p + rr > 0 ? 2 * p * rr / (p + rr) : 0);
    }
}

dl_code dl__eval_ud(const char *path, const dl_eval_options *opt, FILE *out, double *score,
                    dl_error *err)
{
    char file[4096];
    const char *filter = NULL;
    snprintf(file, sizeof file, "%s", path);
    char *hash = strrchr(file, '#');
    if (hash != NULL) {
        *hash = '\0';
        filter = hash + 1;
    }
    dl__conllu *tb;
    dl_code rc = dl__conllu_read(file, &tb, err);
    if (rc != DL_OK)
        return rc;
    dl_kb *kb;
    dl_kb_config cfg = {.data_dir = opt->data_dir, .stages = DL_STAGE_SYNTAX};
    rc = dl_kb_open(&cfg, &kb, err);
    if (rc != DL_OK) {
        dl__conllu_free(tb);
        return rc;
    }
    const dl__syn_model *m = dl__kb_state(kb, DL_STAGE_SYNTAX);
    ud_run *r = calloc(1, sizeof *r);
    if (r == NULL)
        rc = dl__fail(err, DL_ENOMEM, NULL);
    long done = 0;
    for (size_t i = 0; rc == DL_OK && i < tb->n; i++) {
        const dl__conllu_sent *s = &tb->sents[i];
        if (filter && (s->id == NULL || strstr(s->id, filter) == NULL))
            continue;
        if (s->n == 0)
            continue;
        if (opt->limit > 0 && done >= opt->limit)
            break;
        done++;
        r->raw.sents++;
        r->gold.sents++;
        if (s->text != NULL && s->spans_ok) {
            rc = score_raw(kb, s, r, opt, out, err);
        } else {
            r->raw.gold_words += s->n; /* no text to run on: all wrong */
        }
        if (rc == DL_OK)
            rc = score_gold(m, s, r, err);
    }
    if (rc == DL_OK) {
        report(r, opt, out, path);
        if (score)
            *score = ratio(r->raw.las, r->raw.gold_words);
    }
    free(r);
    dl_kb_free(kb);
    dl__conllu_free(tb);
    return rc;
}
