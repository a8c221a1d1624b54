/*
 * text_internal.h — what the text stage's own files share and nobody else
 * needs: per-document scratch (newlines before each token) and the
 * abbreviation lookup.
 */
#ifndef DL_TEXT_INTERNAL_H
#define DL_TEXT_INTERNAL_H

#include "text/text.h"

typedef struct dl__text_scratch {
    uint8_t *nl;   /* newlines before token i (capped at 255) */
    size_t cap;
} dl__text_scratch;

enum { ABBR_NONE = 0, ABBR_TITLE, ABBR_MONTH, ABBR_NUM, ABBR_COMMON, ABBR_INITIAL };

/* Whether the word w (n bytes, followed by a period and then `rest`) keeps
 * its period, and as which kind. */
int dl__abbrev_kind(const dl__text_kb *tk, const unsigned char *w, size_t n,
                    const unsigned char *rest, size_t rest_len);

dl_code dl__tokenize(const dl__text_kb *tk, dl_doc *doc, dl__text_scratch *sc,
                     dl_error *err);
dl_code dl__split(const dl__text_kb *tk, dl_doc *doc, const dl__text_scratch *sc,
                  dl_error *err);

#endif
