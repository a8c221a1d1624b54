/*
 * plover.c — `dateline eval plover FILE.json`: scores the events coder on
 * the PLOVER gold-standard records (a JSON array; types of version 0.5b1
 * are mapped to the current 16: DEMAND -> REQUEST, DISAPPROVE and
 * INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT). Each record's text is coded
 * with the default knowledge; the record's predicted type is the PLOVER
 * type of its first coded event that has one (NONE otherwise). Reports
 * type accuracy, precision/recall/F1 of (type, source country, target
 * country) triples, and the confusion between types.
 */
#include "dl.h"
#include "eval/eval.h"

#include <jansson.h>
#include <stdlib.h>

#define NTYPES 17 /* the 16 types and NONE */
#define MAX_TRIPLES 64

static const char *const TYPES[NTYPES] = {
    "AGREE",   "CONSULT",  "SUPPORT",  "COOPERATE", "AID",     "CONCEDE",
    "RETREAT", "REQUEST",  "ACCUSE",   "REJECT",    "THREATEN", "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT",   "NONE"};

static int type_index(const char *t)
{
    static const struct {
        const char *old, *now;
    } map[] = {{"DEMAND", "REQUEST"}, {"DISAPPROVE", "ACCUSE"},
               {"INVESTIGATE", "ACCUSE"}, {"FIGHT", "ASSAULT"}};
    if (t == NULL)
        return NTYPES - 1;
    for (size_t i = 0; i < DL_ARRAY_LEN(map); i++)
        if (strcmp(t, map[i].old) == 0)
            t = map[i].now;
    for (int i = 0; i < NTYPES - 1; i++)
        if (strcmp(t, TYPES[i]) == 0)
            return i;
    return NTYPES - 1;
}

typedef struct ptriple {
    int type;
    char src[4], tgt[4];
} ptriple;

static void country3(char out[4], const char *code)
{
    memset(out, 0, 4);
    if (code == NULL || code[0] == '\0') {
        out[0] = '-';
        return;
    }
    size_t n = strlen(code);
    memcpy(out, code, n < 3 ? n : 3);
}

/* Gold actors: an array of {code}, or a string/null (no actor). */
static size_t gold_codes(json_t *v, const char **codes, size_t max)
{
    size_t n = 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *a;
        json_array_foreach(v, i, a)
        {
            const char *c = json_string_value(json_object_get(a, "code"));
            if (c && n < max)
                codes[n++] = c;
        }
    }
    return n;
}

static size_t gold_triples(json_t *rec, int type, ptriple *t)
{
    const char *src[8], *tgt[8];
    size_t ns = gold_codes(json_object_get(rec, "source"), src, 8);
    size_t nt = gold_codes(json_object_get(rec, "target"), tgt, 8);
    size_t n = 0;
    for (size_t i = 0; i < (ns ? ns : 1); i++)
        for (size_t j = 0; j < (nt ? nt : 1) && n < MAX_TRIPLES; j++) {
            t[n].type = type;
            country3(t[n].src, ns ? src[i] : NULL);
            country3(t[n].tgt, nt ? tgt[j] : NULL);
            n++;
        }
    return n;
}

static const char *side_country(const dl_participant *p)
{
    return p->country && p->country[0] ? p->country : p->code;
}

static size_t coded_triples(const dl_doc *doc, ptriple *t, int *first)
{
    size_t n, k = 0;
    const dl_event *ev = dl_doc_events(doc, &n);
    *first = NTYPES - 1;
    for (size_t i = 0; i < n && k < MAX_TRIPLES; i++) {
        if (ev[i].plover == NULL)
            continue;
        int ty = type_index(ev[i].plover);
        if (*first == NTYPES - 1)
            *first = ty;
        t[k].type = ty;
        country3(t[k].src, side_country(&ev[i].source));
        country3(t[k].tgt, ev[i].has_target ? side_country(&ev[i].target)
                                            : NULL);
        k++;
    }
    return k;
}

static bool same(const ptriple *a, const ptriple *b)
{
    return a->type == b->type && strcmp(a->src, b->src) == 0 &&
           strcmp(a->tgt, b->tgt) == 0;
}

/* Counts set overlap (duplicates collapse). */
static void score_sets(const ptriple *g, size_t ng, const ptriple *p,
                       size_t np, dl__prf *c)
{
    for (size_t i = 0; i < np; i++) {
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = same(&p[i], &p[j]);
        if (dup)
            continue;
        bool hit = false;
        for (size_t j = 0; j < ng && !hit; j++)
            hit = same(&p[i], &g[j]);
        if (hit)
            c->tp++;
        else
            c->fp++;
    }
    for (size_t j = 0; j < ng; j++) {
        bool dup = false;
        for (size_t k = 0; k < j && !dup; k++)
            dup = same(&g[j], &g[k]);
        if (dup)
            continue;
        bool hit = false;
        for (size_t i = 0; i < np && !hit; i++)
            hit = same(&p[i], &g[j]);
        if (!hit)
            c->fn++;
    }
}

static void print_confusion(FILE *out, long conf[NTYPES][NTYPES])
{
    fprintf(out, "confusion (rows gold, columns coded; first 4 letters):\n%-9s",
            "");
    for (int j = 0; j < NTYPES; j++)
        fprintf(out, " %4.4s", TYPES[j]);
    fputc('\n', out);
    for (int i = 0; i < NTYPES - 1; i++) {
        fprintf(out, "%-9s", TYPES[i]);
        for (int j = 0; j < NTYPES; j++)
            if (conf[i][j])
                fprintf(out, " %4ld", conf[i][j]);
            else
                fprintf(out, "    .");
        fputc('\n', out);
    }
}

dl_code dl__eval_plover(const char *path, const dl_eval_options *opt,
                        FILE *out, double *score, dl_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (root == NULL)
        return dl__fail_at(err, DL_EJSON, path, je.line, "%s", je.text);
    if (!json_is_array(root)) {
        json_decref(root);
        return dl__fail_at(err, DL_EFORMAT, path, 0, "expected a JSON array");
    }
    dl_kb_config cfg = {.data_dir = opt->data_dir};
    dl_kb *kb;
    dl_code rc = dl_kb_open(&cfg, &kb, err);
    if (rc != DL_OK) {
        json_decref(root);
        return rc;
    }
    long conf[NTYPES][NTYPES];
    memset(conf, 0, sizeof conf);
    long n = 0, right = 0;
    dl__prf prf = {0, 0, 0};
    size_t i;
    json_t *rec;
    json_array_foreach(root, i, rec)
    {
        if (opt->limit && n >= opt->limit)
            break;
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *ev = json_string_value(json_object_get(rec, "event"));
        if (text == NULL || ev == NULL)
            continue;
        int gold = type_index(ev);
        ptriple g[MAX_TRIPLES], p[MAX_TRIPLES];
        size_t ng = gold_triples(rec, gold, g), np = 0;
        int pred = NTYPES - 1;
        dl_doc_input in = {.text = text, .len = strlen(text),
                           .date = "2000-01-01"};
        dl_doc *doc = NULL;
        if (dl_doc_new(&in, &doc, err) == DL_OK &&
            dl_annotate(kb, doc, err) == DL_OK)
            np = coded_triples(doc, p, &pred);
        dl_doc_free(doc);
        n++;
        right += pred == gold;
        conf[gold][pred]++;
        score_sets(g, ng, p, np, &prf);
        if (opt->verbose && !opt->json) {
            const char *id = json_string_value(json_object_get(rec, "id"));
            fprintf(out, "%s %s gold %s coded %s:", pred == gold ? "OK " : "BAD",
                    id ? id : "?", TYPES[gold], TYPES[pred]);
            for (size_t k = 0; k < np; k++)
                fprintf(out, " %s>%s:%s", p[k].src, p[k].tgt, TYPES[p[k].type]);
            fprintf(out, "\n    %s\n", text);
        }
    }
    double acc = n ? (double)right / (double)n : 0.0;
    if (opt->json) {
        fprintf(out, "{\"suite\":\"plover\",\"records\":%ld,\"type_accuracy\":%.4f,"
                     "\"triples\":{\"tp\":%ld,\"fp\":%ld,\"fn\":%ld,"
                     "\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}}\n",
                n, acc, prf.tp, prf.fp, prf.fn, dl__prf_p(prf), dl__prf_r(prf),
                dl__prf_f(prf));
    } else {
        fprintf(out, "plover: %ld records, type accuracy %.1f%% (%ld right)\n",
                n, 100 * acc, right);
        fprintf(out, "triples (type, source, target country): P %.3f R %.3f "
                     "F1 %.3f (tp %ld fp %ld fn %ld)\n",
                dl__prf_p(prf), dl__prf_r(prf), dl__prf_f(prf), prf.tp, prf.fp,
                prf.fn);
        print_confusion(out, conf);
    }
    if (score)
        *score = acc;
    dl_kb_free(kb);
    json_decref(root);
    dl__error_clear(err);
    return DL_OK;
}
