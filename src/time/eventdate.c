/*
 * eventdate.c — what the events stage asks of the time layer: the timex
 * that dates an event's clause, the precision of a TIMEX3 value and the
 * calendar date it stands for (src/time/time.h documents each).
 */
#include "time/time.h"
#include "text/text.h"

/* Reads exactly n digits at p; -1 when they are not all digits. */
static int digits(const char *p, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* Parses a calendar value; *prec gets its precision. */
static bool parse_value(const char *v, dl_date *d, dl_precision *prec)
{
    if (v == NULL)
        return false;
    size_t n = strlen(v);
    if (n < 4)
        return false;
    int y = digits(v, 4);
    if (y < 1)
        return false;
    if (n == 4) {
        *d = (dl_date){y, 1, 1};
        *prec = DL_PREC_YEAR;
        return true;
    }
    if (v[4] != '-' || n < 7)
        return false;
    const char *p = v + 5;
    if (p[0] == 'Q' && p[1] >= '1' && p[1] <= '4' && n == 7) {
        *d = (dl_date){y, (p[1] - '1') * 3 + 1, 1};
        *prec = DL_PREC_YEAR;
        return true;
    }
    if (p[0] == 'H' && (p[1] == '1' || p[1] == '2') && n == 7) {
        *d = (dl_date){y, p[1] == '1' ? 1 : 7, 1};
        *prec = DL_PREC_YEAR;
        return true;
    }
    static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
    for (int s = 0; s < 4; s++)
        if (n == 7 && p[0] == seasons[s][0] && p[1] == seasons[s][1]) {
            *d = (dl_date){y, 3 + 3 * s, 1};
            *prec = DL_PREC_YEAR;
            return true;
        }
    if (p[0] == 'W') {
        int w = digits(p + 1, 2);
        if (w < 1 || w > 53 || (n != 8 && !(n == 11 && p[3] == '-')))
            return false;
        /* the Monday of ISO week w: week 1 holds January 4 */
        dl_date jan4 = {y, 1, 4};
        long mon1 = dl_date_to_days(jan4) - dl_date_weekday(jan4);
        *d = dl_date_from_days(mon1 + 7L * (w - 1));
        *prec = DL_PREC_DAY;
        return true;
    }
    int m = digits(p, 2);
    if (m < 1 || m > 12)
        return false;
    if (n == 7) {
        *d = (dl_date){y, m, 1};
        *prec = DL_PREC_MONTH;
        return true;
    }
    if (n < 10 || v[7] != '-')
        return false;
    int day = digits(v + 8, 2);
    if (day < 1 || !dl_date_valid(y, m, day) || (n > 10 && v[10] != 'T'))
        return false;
    *d = (dl_date){y, m, day};
    *prec = DL_PREC_DAY;
    return true;
}

dl_precision dl__time_precision(const char *value)
{
    dl_date d;
    dl_precision p;
    return parse_value(value, &d, &p) ? p : DL_PREC_DOCUMENT;
}

bool dl__time_value_date(const char *value, dl_date *out)
{
    dl_date d;
    dl_precision p;
    if (!parse_value(value, &d, &p))
        return false;
    *out = d;
    return true;
}

int32_t dl__time_for_span(const dl_doc *doc, uint32_t clause_start,
                          uint32_t clause_end, uint32_t trigger)
{
    const dl_timex *tx = doc->timexes.items;
    int32_t best = -1;
    uint64_t bestd = UINT64_MAX;
    if (clause_end <= clause_start)
        return -1;
    /* only the timexes of the sentences the clause covers (the whole
     * layer once per event was quadratic in a long document) */
    size_t lo, hi;
    dl__layer_sentences(&doc->timexes, (uint32_t)dl__sentence_at(doc, clause_start),
                        (uint32_t)dl__sentence_at(doc, clause_end - 1), &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        if (tx[i].start < clause_start || tx[i].end > clause_end)
            continue;
        if (tx[i].type != DL_TIMEX_DATE && tx[i].type != DL_TIMEX_TIME)
            continue;
        if (dl__time_precision(tx[i].value) == DL_PREC_DOCUMENT)
            continue;
        uint64_t d;
        if (tx[i].start >= trigger)
            d = (uint64_t)(tx[i].start - trigger) * 2; /* after the trigger: preferred */
        else
            d = (uint64_t)(trigger - tx[i].end) * 2 + 1;
        if (d < bestd) {
            bestd = d;
            best = (int32_t)i;
        }
    }
    return best;
}
