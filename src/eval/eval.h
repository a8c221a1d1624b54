/*
 * eval.h — the scoring suites behind dl_eval(), one file each, and small
 * helpers they share (precision/recall/F1 counters).
 */
#ifndef DL_EVAL_H
#define DL_EVAL_H

#include "dl.h"

typedef struct dl__prf {
    long tp, fp, fn;
} dl__prf;

static inline double dl__prf_p(dl__prf c) { return c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 0.0; }
static inline double dl__prf_r(dl__prf c) { return c.tp + c.fn ? (double)c.tp / (double)(c.tp + c.fn) : 0.0; }
static inline double dl__prf_f(dl__prf c)
{
    double p = dl__prf_p(c), r = dl__prf_r(c);
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* Suites (one per file in src/eval/). */
dl_code dl__eval_timeml(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_petrarch(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_plover(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_actors(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_polnear(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_modern(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_ud(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);
dl_code dl__eval_geo(const char *path, const dl_eval_options *opt, FILE *out, double *score, dl_error *err);

#endif
