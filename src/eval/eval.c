/*
 * eval.c — `dateline eval SUITE PATH`: the table of scoring suites. Each
 * suite lives in its own file here (timeml.c, petrarch.c, ...), reads its
 * gold format, runs the pipeline and writes its report to a FILE.
 */
#include "dl.h"
#include "eval/eval.h"

typedef dl_code (*suite_fn)(const char *path, const dl_eval_options *opt,
                            FILE *out, double *score, dl_error *err);

static const struct {
    const char *name;
    suite_fn fn;
} suites[] = {
    {"timeml", dl__eval_timeml},
    {"polnear", dl__eval_polnear},
    {"petrarch", dl__eval_petrarch},
    {"plover", dl__eval_plover},
    {"geo", dl__eval_geo},
    {"actors", dl__eval_actors},
    {"ud", dl__eval_ud},
    {"modern", dl__eval_modern},
    {NULL, NULL},
};

static const char *names[DL_ARRAY_LEN(suites) + 1];

const char *const *dl_eval_suites(void)
{
    size_t k = 0;
    for (size_t i = 0; i < DL_ARRAY_LEN(suites); i++)
        if (suites[i].name)
            names[k++] = suites[i].name;
    names[k] = NULL;
    return names;
}

dl_code dl_eval(const char *suite, const char *path,
                const dl_eval_options *opt, FILE *out, double *score,
                dl_error *err)
{
    dl__error_clear(err);
    dl_eval_options defaults = {0};
    if (opt == NULL)
        opt = &defaults;
    for (size_t i = 0; i < DL_ARRAY_LEN(suites); i++)
        if (suites[i].name && strcmp(suites[i].name, suite) == 0)
            return suites[i].fn(path, opt, out, score, err);
    return dl__fail(err, DL_ENOTFOUND, "unknown eval suite '%s'", suite);
}
