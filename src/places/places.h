/*
 * places.h — the places stage: place names in the text resolved to
 * gazetteer entries (doc->places), and the hand-off to the events stage.
 *
 * Files: gaz.c (the compiled gazetteer), places.c (the stage: loading,
 * recognition of candidate names in context), resolve.c (choosing one
 * entry per name with document context, confidence).
 */
#ifndef DL_PLACES_H
#define DL_PLACES_H

#include "dl.h"
#include "places/gaz.h"

/* Index into doc->places of the place whose span lies inside
 * [start, end) (a clause or sentence), or -1 when none. When several do,
 * the most specific (a city over a division over a country) and, among
 * equals, the first. Border and region mentions count as places; names
 * read as actors ("Moscow said", doc->place_actors) do not. */
int32_t dl__place_in_span(const dl_doc *doc, uint32_t start, uint32_t end);

/* The stage's knowledge. */
typedef struct dl__places_kb {
    dl__gaz gaz;
    dl__strmap stop;        /* normalized words never places alone */
    dl__strmap locative;    /* prepositions that introduce a location */
    dl__arena arena;        /* the two maps' keys */
} dl__places_kb;

/* ------------------------------------------------ internal, per document */

/* A candidate place name found in the text. */
typedef struct dl__pcand {
    uint32_t tok_first, tok_last;  /* tokens covered, inclusive */
    uint32_t start, end;           /* bytes */
    uint32_t sentence;
    const uint32_t *post;          /* gazetteer postings, best prior first */
    uint32_t npost;
    int32_t qualifier;             /* candidate naming its state/country
                                      ("Alexandria, La."), or -1 */
    int32_t pick;                  /* chosen posting index, or -1 */
    int32_t prominent;             /* the famous reading (resolve.c), or -1 */
    float confidence;
    unsigned flags;                /* enum dl__pcand_flags */
    const char *why;
} dl__pcand;

enum dl__pcand_flags {
    DL__PC_LOCATIVE = 1u << 0,  /* after "in", "near", "from", ... */
    DL__PC_QUALIFIER = 1u << 1, /* is the ", State" of another name */
    DL__PC_BORDER = 1u << 2,    /* "Polish border", "border with Belarus" */
    DL__PC_AREA_ONLY = 1u << 3, /* only countries/divisions qualify */
    DL__PC_DROP = 1u << 4,      /* rejected after resolution */
    DL__PC_COMMON = 1u << 5,    /* one word that is also an English word */
    DL__PC_METONYM = 1u << 7,   /* the actor stage coded it as a metonym */
    DL__PC_ACTOR = 1u << 8,     /* kept, read as an actor, not a location */
};

/* Chooses an entry for every candidate (resolve.c). `countries` are the
 * alpha-3 codes of the document's country actor mentions (with repeats),
 * n of them. */
void dl__places_resolve(const dl__places_kb *pk, dl__pcand *c, size_t nc,
                        const char *const *countries, size_t n);

#endif
