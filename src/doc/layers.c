/*
 * layers.c — finds a layer's records by sentence in O(log n), so that a
 * stage asking "which actors (timexes, quotes) are in this sentence?"
 * for every cue or token stays linear in the document's length instead
 * of scanning the whole layer each time (quadratic on one long document).
 *
 * Works on the layers whose records open with {start, end, sentence}
 * and are appended in sentence order: timexes (the time stage works
 * sentence by sentence), actors (the actor stage likewise) and quotes
 * (sorted by start before they are stored). Places are not in sentence
 * order and are not for this. tests/test_scale.c checks the order on
 * real text.
 */
#include "dl.h"

#include <stddef.h>

_Static_assert(offsetof(dl_actor, sentence) == offsetof(dl_timex, sentence) &&
                   offsetof(dl_quote, sentence) == offsetof(dl_timex, sentence),
               "layer records open with start, end, sentence");

static uint32_t sentence_of(const dl__vec *v, size_t i)
{
    const char *rec = (const char *)v->items + i * v->size;
    uint32_t s;
    memcpy(&s, rec + offsetof(dl_timex, sentence), sizeof s);
    return s;
}

size_t dl__layer_first(const dl__vec *v, uint32_t sentence)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sentence_of(v, mid) < sentence)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void dl__layer_sentences(const dl__vec *v, uint32_t first, uint32_t last, size_t *lo,
                         size_t *hi)
{
    *lo = dl__layer_first(v, first);
    *hi = last == UINT32_MAX ? v->n : dl__layer_first(v, last + 1);
    if (*hi < *lo)
        *hi = *lo;
}

bool dl__layer_in_order(const dl__vec *v)
{
    for (size_t i = 1; i < v->n; i++)
        if (sentence_of(v, i) < sentence_of(v, i - 1))
            return false;
    return true;
}
