/*
 * syntax.h — the syntax stage's internal interface, and the small API over
 * its dependency trees that later stages (events, quotes, actors) use
 * instead of token windows: the head of a word, its children by relation,
 * the subject, object, agent and obliques of a predicate, passive voice,
 * the clause a word belongs to. Word indexes are document-wide (into
 * doc->words); -1 means none.
 */
#ifndef DL_SYNTAX_H
#define DL_SYNTAX_H

#include "dl.h"

/* Appends the UD words of token `tok` (words.c). False on out-of-memory. */
bool dl__syn_words_of_token(dl_doc *doc, uint32_t sentence, uint32_t tok);

/* Whether the document has trees (the syntax stage ran). */
bool dl__syn_has(const dl_doc *doc);
static inline const dl_word *dl__words(const dl_doc *doc)
{
    return (const dl_word *)doc->words.items;
}
/* The word of token `tok` (its last word when split), or -1. */
int32_t dl__syn_word_of_token(const dl_doc *doc, size_t tok);
/* Document-wide index of the head of word w, or -1 for a root. */
int32_t dl__syn_head(const dl_doc *doc, int32_t w);
/* Whether w's relation is `rel`, or a subtype of it when rel has no colon
 * ("nsubj" matches "nsubj:pass"; "nsubj:pass" only itself). */
bool dl__syn_rel_is(const dl_doc *doc, int32_t w, const char *rel);
/* Children of w with relation rel (NULL: any), in order; returns how many
 * (up to max written to out). */
size_t dl__syn_children(const dl_doc *doc, int32_t w, const char *rel,
                        int32_t *out, size_t max);
/* The first child of w with relation rel, or -1. */
int32_t dl__syn_child(const dl_doc *doc, int32_t w, const char *rel);
/* The preposition or case marker of a nominal (its `case` child), or -1. */
int32_t dl__syn_case(const dl_doc *doc, int32_t w);
/* Whether word w is the word `lower` (ASCII, case-insensitive). */
bool dl__syn_word_is(const dl_doc *doc, int32_t w, const char *lower);

/* Arguments of a predicate word v. The subject is nsubj, or for a
 * predicate without one its controller's (xcomp: "urged Russia to
 * withdraw" -> Russia for withdraw) or its coordinated head's ("attacked
 * and seized": the subject of attacked); for a relative clause, the noun
 * it modifies ("Russia, which invaded ..." -> Russia; "a missile fired by
 * the rebels": the missile is the object, the rebels the agent). */
int32_t dl__syn_subject(const dl_doc *doc, int32_t v);
int32_t dl__syn_object(const dl_doc *doc, int32_t v);
int32_t dl__syn_agent(const dl_doc *doc, int32_t v);     /* obl:agent */
/* An oblique of v introduced by preposition `prep` ("on", "against"). */
int32_t dl__syn_oblique(const dl_doc *doc, int32_t v, const char *prep);
bool dl__syn_passive(const dl_doc *doc, int32_t v);
/* The head of the clause w is in: the nearest ancestor (or w) that is a
 * predicate (root, or a clausal relation: ccomp, xcomp, advcl, acl,
 * parataxis, conj of a verb). */
int32_t dl__syn_clause(const dl_doc *doc, int32_t w);
/* Whether the token is tagged as a verb (VERB or AUX) / a noun (NOUN or
 * PROPN); false when there are no tags. */
bool dl__syn_tok_is_verb(const dl_doc *doc, size_t tok);
bool dl__syn_tok_is_noun(const dl_doc *doc, size_t tok);

#endif
