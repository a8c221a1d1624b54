/*
 * text.h — the text stage's internal interface: sentences and tokens
 * (byte spans into the document), normalized forms and lemmas, and small
 * helpers later stages use to walk tokens. The text stage runs first;
 * every other stage reads doc->sentences and doc->tokens and never
 * re-tokenizes.
 */
#ifndef DL_TEXT_H
#define DL_TEXT_H

#include "dl.h"

/* Lemma table compiled from WordNet at build time (src/text/lemma.c). */
typedef struct dl__lemmas dl__lemmas;
dl_code dl__lemmas_load(const char *path, dl__lemmas **out, dl_error *err);
void dl__lemmas_free(dl__lemmas *lm);
/* Lemma of a normalized form, or NULL when the form is its own lemma or
 * unknown. The result lives as long as the table. */
const char *dl__lemmas_get(const dl__lemmas *lm, const char *norm, size_t len);

/* The text stage's knowledge (its dl__stage state). */
typedef struct dl__text_kb {
    dl__lemmas *lemmas;
    dl__strmap abbrev;   /* "gen", "st", "u.s" ... -> kind (see split.c) */
} dl__text_kb;

/* Lemma of any word for other stages' dictionaries (verb patterns):
 * normalizes `word`, then looks the lemma up; result in the arena. */
const char *dl__lemma_of(const dl_kb *kb, dl__arena *a, const char *word,
                         size_t len);

/* Helpers over the token layer. */
static inline const dl_token *dl__tokens(const dl_doc *doc)
{
    return (const dl_token *)doc->tokens.items;
}
static inline const dl_sentence *dl__sentences(const dl_doc *doc)
{
    return (const dl_sentence *)doc->sentences.items;
}
/* Index of the token containing byte `off`, or of the first token after
 * it; doc->tokens.n when none. Binary search. */
size_t dl__token_at(const dl_doc *doc, uint32_t off);
/* Index of the sentence containing byte `off` (or the last one before). */
size_t dl__sentence_at(const dl_doc *doc, uint32_t off);
/* Whether token i's text equals the ASCII word w, ignoring case. */
bool dl__tok_is(const dl_doc *doc, size_t i, const char *w);

#endif
