/*
 * resolve.h — resolution of mentions within one document: pronouns,
 * surnames of people first named in full, definite descriptions ("the
 * Belarusian leader") and "the two leaders".
 * Each function looks only at mentions already in doc->actors (earlier in
 * the text) and returns an index into it, or -1.
 */
#ifndef DL_ACTORS_RESOLVE_H
#define DL_ACTORS_RESOLVE_H

#include "dl.h"

/* The person a pronoun at byte `at` of sentence `sentence` refers to. */
int32_t dl__resolve_pronoun(const dl_doc *doc, uint32_t sentence, uint32_t at);
/* The same for a pronoun of sex `sex` ('f' for she/her, 'm' for he/him,
 * 0 for either): persons whose given name is of the other sex are passed
 * over ("she" after "Donald Trump" is not Trump). `given` may be NULL. */
struct dl__actor_dict;
int32_t dl__resolve_pronoun_sex(const dl_doc *doc, uint32_t sentence, uint32_t at,
                                char sex, const struct dl__actor_dict *given);
/* The person whose name ends with the normalized word `norm`. */
int32_t dl__resolve_surname(const dl_doc *doc, const char *norm);
/* The same over a list of candidate mentions (first mentions). */
int32_t dl__resolve_surname_in(const dl_doc *doc, const int32_t *cand,
                               uint32_t n, const char *norm);
/* The one person among cand whose name's first word is `norm` ("Jerome"
 * after "Jerome Powell"); -1 when none or two different persons. */
int32_t dl__resolve_given_in(const dl_doc *doc, const int32_t *cand, uint32_t n,
                             const char *norm);
/* The latest person coded `code` (a description "the Belarusian leader"
 * coded BLRGOV). */
int32_t dl__resolve_description(const dl_doc *doc, const char *code);
/* The latest agent or organization mention with a country whose last
 * word is `head` ("ministry"), in sentence `sentence` or the three before
 * it: what "the ministry" stands for. */
int32_t dl__resolve_agent_description(const dl_doc *doc, uint32_t sentence, const char *head);
/* The two persons mentioned last (distinct names), earlier one first. */
int dl__resolve_two(const dl_doc *doc, int32_t two[2]);

#endif
