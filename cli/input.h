/*
 * input.h — the loop shared by ingest, annotate and code: read documents
 * from paths, validate, annotate, hand each to a callback, and report bad
 * input as FILE:LINE: error: ... while the batch goes on.
 */
#ifndef DL_CLI_INPUT_H
#define DL_CLI_INPUT_H

#include "cli.h"

#include <signal.h>

typedef struct cli_input_opts {
    dl_reader_config rc;
    unsigned stages;     /* stages to run (0: all) */
    bool progress;       /* progress line on stderr */
    int jobs;            /* threads annotating (1: all on the caller's) */
    /* Skip documents already known (ingest); NULL: none */
    bool (*known)(void *ctx, const dl_doc *doc);
} cli_input_opts;

typedef struct cli_input_stats {
    long docs, rejected, skipped, sentences, events;
    double bytes;
} cli_input_stats;

/* Parses reader options (--input-format, --id-field..., --max-doc-bytes,
 * --max-line-bytes, --jobs); same contract as cli_common_opt. */
int cli_input_opt(cli_input_opts *o, int argc, char **argv, int *i);

/* Runs the loop; `each` gets every annotated document (return non-zero to
 * stop). Returns 0, or -1 when each() asked to stop. */
int cli_input_run(const dl_kb *kb, const char *const *paths, size_t npaths,
                  cli_input_opts *o, int (*each)(void *ctx, dl_doc *doc),
                  void *ctx, cli_input_stats *stats);

/* Online processors, 1 to 16: the default for --jobs. */
int cli_jobs_default(void);

/* SIGINT or SIGTERM received since cli_catch_interrupts() (the signal's
 * number, else 0): reading stops, what was read is still coded and
 * handed on, so the caller can store it and exit 128 + the signal. A
 * second signal ends the process at once. */
extern volatile sig_atomic_t cli_interrupted;
void cli_catch_interrupts(void);

#endif
