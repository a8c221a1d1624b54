/*
 * recognize.c — finds one time expression at a word position and
 * normalizes it: a small grammar written as cursor functions over the
 * word view (tx_word), one function per pattern family, the longest match
 * wins. Values are computed against the dateline (c->dct), the tense of
 * the sentence (bare weekdays and months), or the last date mentioned
 * (c->anchor: "the next day", "a year earlier"). The rule names below are
 * what ends up in dl_timex.why; docs/time.md lists them.
 *
 * Not here: building the word view and emitting records (stage.c),
 * calendar arithmetic (calendar.c), the word lists (lexicon.c + data).
 */
#include "time/tx.h"

/* ------------------------------------------------------------ helpers */

static const tx_word *wd(const tx_ctx *c, size_t k, size_t lim)
{
    return k < lim && k < c->n ? &c->w[k] : NULL;
}

static inline bool is_n(const tx_ctx *c, size_t k, size_t lim, const char *s, size_t n)
{
    const tx_word *w = wd(c, k, lim);
    return w && w->n == n && memcmp(w->s, s, n) == 0;
}

/* Whether word k is s; with a literal the length is a compile-time
 * constant (this is the recognizer's hot path). */
#define is(c, k, lim, s) is_n((c), (k), (lim), (s), strlen(s))

static bool has(const tx_ctx *c, size_t k, size_t lim, int cls)
{
    const tx_word *w = wd(c, k, lim);
    return w && w->lex && (w->lex->cls & (1u << cls));
}

static int val(const tx_ctx *c, size_t k, int cls)
{
    return c->w[k].lex->v[cls];
}

/* An optional word: advances *k when word *k is s. */
static inline bool opt_n(const tx_ctx *c, size_t *k, size_t lim, const char *s, size_t n)
{
    if (is_n(c, *k, lim, s, n)) {
        (*k)++;
        return true;
    }
    return false;
}
#define opt(c, kp, lim, s) opt_n((c), (kp), (lim), (s), strlen(s))

/* An optional period or comma token right after a word. */
static void opt_punct(const tx_ctx *c, size_t *k, size_t lim, const char *p)
{
    const tx_word *w = wd(c, *k, lim);
    if (w && w->punct && w->n == 1 && w->s[0] == p[0])
        (*k)++;
}

static tx_tp day_tp(dl_date d)
{
    return dl__tx_from_date(d, TXG_DAY);
}

static dl_date add_days(dl_date d, long n)
{
    return dl_date_from_days(dl_date_to_days(d) + n);
}

static int unit_gran(int unit)
{
    switch (unit) {
    case TXU_CENTURY: return TXG_CENT;
    case TXU_DECADE: return TXG_DEC;
    case TXU_YEAR: return TXG_YEAR;
    case TXU_QUARTER: return TXG_QUARTER;
    case TXU_MONTH: return TXG_MONTH;
    case TXU_WEEK:
    case TXU_FORTNIGHT: return TXG_WEEK;
    case TXU_DAY: return TXG_DAY;
    default: return TXG_DAY;
    }
}

static void set_point(tx_res *r, tx_tp t, const char *rule)
{
    r->type = t.gran >= TXG_TOD ? DL_TIMEX_TIME : DL_TIMEX_DATE;
    r->tp = t;
    r->rule = rule;
}

/* -------------------------------------------------------------- tense */

/* Whether w is one of the NUL-separated words of list (ending in "\0"). */
static bool in_list(const tx_word *w, const char *list)
{
    for (const char *p = list; *p; p += strlen(p) + 1)
        if (w->n == strlen(p) && memcmp(w->s, p, w->n) == 0)
            return true;
    return false;
}

/* Words after which an -ed form is a participle or an adjective. */
static bool passive_aux(const tx_word *w)
{
    if (w->n > 5 || w->punct)
        return false;
    return in_list(w, "be\0been\0being\0is\0are\0was\0were\0get\0gets\0got\0the\0a\0"
                      "an\0its\0his\0her\0their\0our\0this\0that\0");
}

/* The tense nearest to word i in its sentence: TXE_PAST, TXE_FUTURE or 0.
 * Markers are lexicon words (will, said, ago...) and past forms (-ed
 * words whose lemma differs). The nearest marker wins. */
int dl__tx_tense(const tx_ctx *c, size_t i, size_t *marker)
{
    uint32_t s = c->w[i].sent;
    int best = 0;
    size_t bestd = 1000;
    for (size_t d = 1; d <= 15; d++) {
        for (int side = 0; side < 2; side++) {
            size_t k;
            if (side == 0) {
                if (i < d)
                    continue;
                k = i - d;
            } else {
                k = i + d;
                if (k >= c->n)
                    continue;
            }
            if (c->w[k].sent != s)
                continue;
            int t = 0;
            bool after_aux = k > 0 && c->w[k - 1].sent == s && passive_aux(&c->w[k - 1]);
            if (c->w[k].lex && (c->w[k].lex->cls & (1u << TXC_TENSE))) {
                t = c->w[k].lex->v[TXC_TENSE];
                if (t == TXE_PAST && after_aux && c->w[k].n > 3)
                    t = 0; /* "will be held": a participle, not a past */
            } else if (c->w[k].ed && !c->w[k].cap && !after_aux) {
                t = TXE_PAST; /* not "will be paid", "is expected", "United" */
            }
            size_t dd = side == 1 ? d + 2 : d; /* the verb usually comes first */
            if (t && dd < bestd) {
                best = t;
                bestd = dd;
                *marker = k;
            }
        }
        if (best && bestd <= d)
            break;
    }
    return best;
}

static int tense_at(const tx_ctx *c, size_t i)
{
    size_t marker;
    return dl__tx_tense(c, i, &marker);
}

/* ------------------------------------------------------------ numbers */

/* A cardinal at k: digits ("17", "1,000"), words ("seventeen",
 * "twenty-four", "a hundred"), or an unknown amount ("a few", "several":
 * *v = -1). Returns words used, 0 when none. */
static size_t number(const tx_ctx *c, size_t k, size_t lim, long *v)
{
    const tx_word *w = wd(c, k, lim);
    if (w == NULL)
        return 0;
    if (w->num >= 0) {
        *v = w->num;
        return 1;
    }
    if (is(c, k, lim, "several") || is(c, k, lim, "few") || is(c, k, lim, "many")) {
        *v = -1;
        return 1;
    }
    if (!has(c, k, lim, TXC_NUM))
        return 0;
    long x = val(c, k, TXC_NUM);
    size_t j = k + 1;
    bool article = is(c, k, lim, "a") || is(c, k, lim, "an");
    if (article && is(c, j, lim, "few")) {
        *v = -1;
        return 2;
    }
    if (is(c, k, lim, "couple") || (article && is(c, j, lim, "couple"))) {
        if (article)
            j++;
        opt(c, &j, lim, "of");
        *v = 2;
        return j - k;
    }
    if (article && has(c, j, lim, TXC_NUM) && val(c, j, TXC_NUM) >= 12) {
        x = val(c, j, TXC_NUM); /* a dozen, a hundred, a thousand */
        j++;
    } else if (x >= 20 && x < 100 && x % 10 == 0 && has(c, j, lim, TXC_NUM) &&
               val(c, j, TXC_NUM) < 10 && !is(c, j, lim, "a") && !is(c, j, lim, "an")) {
        x += val(c, j, TXC_NUM); /* twenty-four, twenty four */
        j++;
    }
    if (x < 100 && (is(c, j, lim, "hundred") || is(c, j, lim, "thousand"))) {
        x *= is(c, j, lim, "hundred") ? 100 : 1000;
        j++;
    }
    *v = x;
    return j - k;
}

/* ---------------------------------------------------------- durations */

static const char *unit_code(int unit, long *n)
{
    switch (unit) {
    case TXU_SEC: return "TS";
    case TXU_MIN: return "TM";
    case TXU_HOUR: return "TH";
    case TXU_DAY: return "D";
    case TXU_WEEK: return "W";
    case TXU_FORTNIGHT: *n = *n < 0 ? -1 : *n * 2; return "W";
    case TXU_MONTH: return "M";
    case TXU_QUARTER: return "Q"; /* TimeBank writes quarters as P2Q */
    case TXU_YEAR: return "Y";
    case TXU_DECADE: *n = *n < 0 ? -1 : *n * 10; return "Y";
    case TXU_CENTURY: *n = *n < 0 ? -1 : *n * 100; return "Y";
    default: return "D";
    }
}

/* "P17M", "PT5H", "PXY" (n < 0: unknown). */
static void dur_value(char *buf, size_t cap, int unit, long n)
{
    const char *u = unit_code(unit, &n);
    if (u[0] == 'T') {
        if (n < 0)
            snprintf(buf, cap, "PTX%c", u[1]);
        else
            snprintf(buf, cap, "PT%ld%c", n, u[1]);
    } else if (n < 0) {
        snprintf(buf, cap, "PX%s", u);
    } else {
        snprintf(buf, cap, "P%ld%s", n, u);
    }
}

/* A unit word at k (singular or plural); *plural tells which. */
static int unit_at(const tx_ctx *c, size_t k, size_t lim, bool *plural)
{
    *plural = false;
    if (has(c, k, lim, TXC_UNIT)) {
        *plural = false;
        return val(c, k, TXC_UNIT);
    }
    if (has(c, k, lim, TXC_UNITS)) {
        *plural = true;
        return val(c, k, TXC_UNITS);
    }
    return 0;
}

/* NUM [more] [trading|business] UNIT: "17 months", "five-year",
 * "two more weeks", "a few days". Fills *unit and *n. */
static size_t quantity(const tx_ctx *c, size_t k, size_t lim, int *unit, long *n)
{
    long v;
    if (k > 0 && c->w[k - 1].sent == c->w[k].sent && c->w[k - 1].punct &&
        c->w[k - 1].n == 1 && c->w[k - 1].s[0] == '/')
        return 0; /* the "2" of "5 1/2 hours" */
    size_t a = number(c, k, lim, &v);
    if (a == 0)
        return 0;
    size_t j = k + a;
    if (!opt(c, &j, lim, "more") && !opt(c, &j, lim, "additional") && !opt(c, &j, lim, "extra"))
        opt(c, &j, lim, "further");
    if (is(c, j, lim, "trading") || is(c, j, lim, "business") ||
        is(c, j, lim, "working") || is(c, j, lim, "calendar"))
        j++;
    bool plural;
    int u = unit_at(c, j, lim, &plural);
    if (u == 0)
        return 0;
    /* "one second" is a unit; "a second" is an ordinal ("a second term") */
    if (u == TXU_SEC && !plural && (is(c, k, lim, "a") || is(c, k, lim, "an")))
        return 0;
    if (v == 1 && plural && c->w[k].num < 0 && !is(c, k, lim, "one"))
        return 0;
    if (!plural && v > 1 && c->w[k].ndig == 4 && !c->w[j].hy)
        return 0; /* "the 1988 quarter" is a year */
    if (u == TXU_QUARTER && plural && c->w[j].hy)
        return 0; /* "three-quarters": a fraction */
    if (u == TXU_YEAR && is(c, j + 1, lim, "old"))
        return 0; /* "6-year-old", "52 years old": an age */
    *unit = u;
    *n = v;
    return j + 1 - k;
}

static size_t p_duration(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    int unit;
    long n;
    size_t k = i;
    /* "the nine months", "the first nine months" */
    if (opt(c, &k, lim, "the") && (is(c, k, lim, "first") || is(c, k, lim, "latest") ||
                                   is(c, k, lim, "final") || is(c, k, lim, "entire") ||
                                   is(c, k, lim, "full")))
        k++;
    size_t q = quantity(c, k, lim, &unit, &n);
    if (q > 0 && k > i && c->w[k].num < 0 && !has(c, k, lim, TXC_NUM))
        q = 0;
    if (q > 0 && k > i && (is(c, k, lim, "a") || is(c, k, lim, "an")))
        q = 0;
    if (q > 0 && k > i && c->w[k + q - 1].hy)
        q = 0; /* "the eight-year term": the adjective alone */
    if (q == 0)
        k = i;
    if (q == 0)
        q = quantity(c, k, lim, &unit, &n);
    if (q > 0) {
        size_t j = k + q;
        /* "8-month-old", "decades-long": the adjective stays in the span */
        if (wd(c, j, lim) && c->w[j].hy && (is(c, j, lim, "old") || is(c, j, lim, "long")))
            j++;
        /* "a year" alone is too often "a year ago" handled elsewhere or a
         * rate ("$5 a year"): p_set decides those. */
        r->type = DL_TIMEX_DURATION;
        dur_value(r->dur, sizeof r->dur, unit, n);
        r->rule = "duration";
        return j - i;
    }
    bool plural;
    size_t j = i;
    bool recent = opt(c, &j, lim, "recent");
    if (!recent)
        opt(c, &j, lim, "coming");
    int u = unit_at(c, j, lim, &plural);
    if (u && plural && j == i && i > 0 && c->w[i - 1].sent == c->w[i].sent &&
        (c->w[i - 1].num >= 0 || has(c, i - 1, lim, TXC_NUM) || is(c, i - 1, lim, "of")))
        return 0; /* "52 years old", "hundreds of years" */
    if (u == TXU_YEAR && plural && recent) { /* "in recent years": TimeML's PAST_REF */
        r->type = DL_TIMEX_DATE;
        r->ref = TXR_PAST;
        r->rule = "ref_recent";
        return j + 1 - i;
    }
    if (u && plural && u != TXU_QUARTER && u != TXU_SEC) {
        j++;
        if (wd(c, j, lim) && c->w[j].hy && is(c, j, lim, "long"))
            j++;
        r->type = DL_TIMEX_DURATION;
        dur_value(r->dur, sizeof r->dur, u, -1);
        r->rule = "duration_vague";
        return j - i;
    }
    return 0;
}

/* ------------------------------------------------------------- dates */

static bool month_word(const tx_ctx *c, size_t k, size_t lim)
{
    return has(c, k, lim, TXC_MONTH);
}

/* A four-digit year at k (1000-2999). */
static int year_at(const tx_ctx *c, size_t k, size_t lim)
{
    const tx_word *w = wd(c, k, lim);
    if (w && w->ndig == 4 && w->num >= 1000 && w->num <= 2999)
        return w->num;
    return -1;
}

/* A day of the month at k: "23", "23rd". */
static int mday_at(const tx_ctx *c, size_t k, size_t lim)
{
    const tx_word *w = wd(c, k, lim);
    if (w == NULL)
        return -1;
    if (w->num >= 1 && w->num <= 31 && w->ndig <= 2)
        return w->num;
    if (w->n >= 3 && w->n <= 4 && w->s[0] >= '0' && w->s[0] <= '9') {
        const char *suf = w->s + w->n - 2;
        if (memcmp(suf, "st", 2) && memcmp(suf, "nd", 2) && memcmp(suf, "rd", 2) &&
            memcmp(suf, "th", 2))
            return -1;
        int d = w->s[0] - '0';
        if (w->n == 4) {
            if (w->s[1] < '0' || w->s[1] > '9')
                return -1;
            d = d * 10 + (w->s[1] - '0');
        }
        return d >= 1 && d <= 31 ? d : -1;
    }
    return -1;
}

/* The year of a month (and day, 0 for none) mentioned without one. Past
 * tense: the last such date, unless the next one is within 60 days (45 for
 * a month alone); future tense: the next one, unless the last one is that
 * close; otherwise (present tense, none) the nearer of the two. A month
 * alone counts from its last day backwards and its first day forwards. */
static int infer_year(const tx_ctx *c, size_t i, int m, int d)
{
    long here = dl_date_to_days(c->dct);
    /* a month alone: its last day for the past, its first for the future */
    int dd = d ? d : (m == c->dct.month ? c->dct.day : 31);
    long prev = 0, next = 0;
    int yprev = c->dct.year, ynext = c->dct.year;
    for (int y = c->dct.year + 1; y >= c->dct.year - 1; y--) {
        int day = dd;
        while (day > 28 && !dl_date_valid(y, m, day))
            day--;
        long t = dl_date_to_days((dl_date){y, m, day});
        if (t <= here) {
            yprev = y;
            prev = here - t;
            break;
        }
    }
    if (d == 0 && m != c->dct.month)
        dd = 1;
    for (int y = c->dct.year - 1; y <= c->dct.year + 1; y++) {
        int day = dd;
        while (day > 28 && !dl_date_valid(y, m, day))
            day--;
        long t = dl_date_to_days((dl_date){y, m, day});
        if (t >= here) {
            ynext = y;
            next = t - here;
            break;
        }
    }
    int t = tense_at(c, i);
    long window = d ? 60 : 45;
    if (t == TXE_PAST)
        return next <= window && next < prev ? ynext : yprev;
    if (t == TXE_FUTURE)
        return prev <= window && prev < next ? yprev : ynext;
    return next < prev ? ynext : yprev;
}

/* A trailing "last year" / "this year" / "next year" after a month. */
static size_t rel_year_suffix(const tx_ctx *c, size_t k, size_t lim, int *y)
{
    if (has(c, k, lim, TXC_REL) && is(c, k + 1, lim, "year") &&
        (is(c, k, lim, "last") || is(c, k, lim, "this") || is(c, k, lim, "next"))) {
        *y = c->dct.year + val(c, k, TXC_REL);
        return 2;
    }
    return 0;
}

/* Whether an ambiguous month word ("may", "march") is a month here. */
static bool month_ok(const tx_ctx *c, size_t k, size_t lim, bool followed)
{
    const tx_word *w = &c->w[k];
    if (!w->cap)
        return false;
    bool ambiguous = (w->n == 3 && memcmp(w->s, "may", 3) == 0) ||
                     (w->n == 5 && memcmp(w->s, "march", 5) == 0) ||
                     (w->n <= 4 && !w->dot && !(w->n == 4 && memcmp(w->s, "june", 4) == 0) &&
                      !(w->n == 4 && memcmp(w->s, "july", 4) == 0));
    if (!ambiguous || followed)
        return true;
    if (k == 0 || c->w[k - 1].sent != w->sent)
        return false;
    const tx_word *p = &c->w[k - 1];
    static const char *const before[] = {"in", "since", "until", "till", "by", "of",
        "early", "late", "mid", "last", "next", "this", "during", "from", "through",
        "before", "after", "end", "beginning", "middle", "between", "and", "to"};
    for (size_t q = 0; q < DL_ARRAY_LEN(before); q++)
        if (p->n == strlen(before[q]) && memcmp(p->s, before[q], p->n) == 0)
            return true;
    return false;
}

/* 7/23/2023, 2023/07/23 as five adjacent tokens (the tokenizer splits
 * at slashes). */
static size_t slash_date(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    int f[3], nd[3];
    for (int k = 0; k < 3; k++) {
        const tx_word *w = wd(c, i + 2 * (size_t)k, lim);
        if (w == NULL || w->num < 0 || w->ndig > 4 || (k > 0 && w->start != c->w[i + 2 * k - 1].end))
            return 0;
        f[k] = w->num;
        nd[k] = w->ndig;
        if (k < 2) {
            const tx_word *sl = wd(c, i + 2 * (size_t)k + 1, lim);
            if (sl == NULL || sl->n != 1 || sl->s[0] != '/' || sl->start != w->end)
                return 0;
        }
    }
    int y, m, d;
    if (nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
        y = f[0]; m = f[1]; d = f[2];
    } else if (nd[2] == 4 && nd[0] <= 2 && nd[1] <= 2) {
        m = f[0]; d = f[1]; y = f[2]; /* US order, as in the wire copy */
    } else {
        return 0;
    }
    if (!dl_date_valid(y, m, d))
        return 0;
    set_point(r, day_tp((dl_date){y, m, d}), "date_numeric");
    return 5;
}

/* ISO dates and numeric forms inside one token: 2023-07-23, 7/23/2023. */
static size_t p_numeric(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t sn = slash_date(c, i, lim, r);
    if (sn)
        return sn;
    const tx_word *w = wd(c, i, lim);
    if (w == NULL || w->n < 6 || w->n > 10 || w->s[0] < '0' || w->s[0] > '9')
        return 0;
    int f[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, nf = 0;
    char sep = 0;
    for (size_t k = 0; k < w->n; k++) {
        char ch = w->s[k];
        if (ch >= '0' && ch <= '9') {
            if (nd[nf] >= 4)
                return 0;
            f[nf] = f[nf] * 10 + (ch - '0');
            nd[nf]++;
        } else if ((ch == '-' || ch == '/') && (sep == 0 || sep == ch) && nf < 2 && nd[nf]) {
            sep = ch;
            nf++;
        } else {
            return 0;
        }
    }
    if (nf != 2 || nd[2] == 0)
        return 0;
    int y, m, d;
    if (sep == '-' && nd[0] == 4 && nd[1] == 2 && nd[2] == 2) {
        y = f[0]; m = f[1]; d = f[2];
    } else if (nd[0] == 4 && nd[1] <= 2 && nd[2] <= 2) {
        y = f[0]; m = f[1]; d = f[2]; /* 2023/07/23 */
    } else if (sep == '/' && nd[2] == 4 && nd[0] <= 2 && nd[1] <= 2) {
        m = f[0]; d = f[1]; y = f[2]; /* US order, as in the wire copy */
    } else {
        return 0;
    }
    if (!dl_date_valid(y, m, d))
        return 0;
    set_point(r, day_tp((dl_date){y, m, d}), "date_numeric");
    return 1;
}

/* [WEEKDAY [,]] MONTH [.] DAY [,] [YEAR] | DAY MONTH [YEAR] | MONTH [,] YEAR,
 * optionally followed by "last year"-style year words. */
static size_t p_calendar(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool weekday = false;
    if (has(c, j, lim, TXC_WEEKDAY) && c->w[j].cap) {
        size_t k = j + 1;
        opt_punct(c, &k, lim, ",");
        if (month_word(c, k, lim) || mday_at(c, k, lim) > 0) {
            j = k;
            weekday = true;
        }
    }
    int y = -1, m = 0, d = 0;
    size_t start = j;
    if (month_word(c, j, lim)) {
        m = val(c, j, TXC_MONTH);
        j++;
        opt_punct(c, &j, lim, ".");
        int dd = mday_at(c, j, lim);
        if (dd > 0 && year_at(c, j, lim) < 0) {
            d = dd;
            j++;
            size_t k = j;
            opt_punct(c, &k, lim, ",");
            if (year_at(c, k, lim) > 0) {
                y = year_at(c, k, lim);
                j = k + 1;
            }
        } else {
            size_t k = j;
            opt_punct(c, &k, lim, ",");
            opt(c, &k, lim, "of");
            if (year_at(c, k, lim) > 0) {
                y = year_at(c, k, lim);
                j = k + 1;
            }
        }
        if (d == 0 && y < 0)
            return 0; /* a month alone: p_month */
        if (!month_ok(c, start, lim, true))
            return 0;
    } else {
        size_t k = j;
        bool the = opt(c, &k, lim, "the");
        int dd = mday_at(c, k, lim);
        if (dd <= 0 && has(c, k, lim, TXC_ORD) && val(c, k, TXC_ORD) <= 31)
            dd = val(c, k, TXC_ORD);
        if (dd <= 0)
            return 0;
        k++;
        bool of = opt(c, &k, lim, "of");
        if (the && !of)
            return 0;
        if (!month_word(c, k, lim) || !c->w[k].cap)
            return 0;
        m = val(c, k, TXC_MONTH);
        d = dd;
        j = k + 1;
        opt_punct(c, &j, lim, ".");
        size_t q = j;
        opt_punct(c, &q, lim, ",");
        if (year_at(c, q, lim) > 0) {
            y = year_at(c, q, lim);
            j = q + 1;
        }
    }
    if (y < 0) {
        int yy;
        size_t s = rel_year_suffix(c, j, lim, &yy);
        if (s) {
            y = yy;
            j += s;
        }
    }
    if (y < 0)
        y = infer_year(c, i, m, d);
    if (d && !dl_date_valid(y, m, d))
        return 0;
    if (d)
        set_point(r, day_tp((dl_date){y, m, d}), weekday ? "weekday_date" : "month_day");
    else
        set_point(r, (tx_tp){TXG_MONTH, y, m, 1, 0, 0, 0}, "month_year");
    return j - i;
}

/* [last|next|this] MONTH, and MONTH [last|this|next] year. */
static size_t p_month(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    int rel = 2;
    if (has(c, j, lim, TXC_REL) && (is(c, j, lim, "last") || is(c, j, lim, "next") ||
                                     is(c, j, lim, "this") || is(c, j, lim, "past"))) {
        rel = val(c, j, TXC_REL);
        j++;
    }
    if (!month_word(c, j, lim))
        return 0;
    const tx_word *w = &c->w[j];
    if (!w->cap || (rel == 2 && !month_ok(c, j, lim, false)))
        return 0;
    int m = val(c, j, TXC_MONTH);
    j++;
    if (rel != 2 && mday_at(c, j, lim) > 0)
        return 0; /* "last Oct. 23": the date is p_calendar's */
    int y;
    if (rel == -1)
        y = m < c->dct.month ? c->dct.year : c->dct.year - 1;
    else if (rel == 1)
        y = m > c->dct.month ? c->dct.year : c->dct.year + 1;
    else if (rel == 0)
        y = c->dct.year;
    else {
        size_t s = rel_year_suffix(c, j, lim, &y);
        if (s)
            j += s;
        else
            y = infer_year(c, i, m, 0);
    }
    set_point(r, (tx_tp){TXG_MONTH, y, m, 1, 0, 0, 0}, rel == 2 ? "month" : "month_rel");
    return j - i;
}

/* A part of the day after a day expression: "Friday morning". */
static size_t tod_suffix(const tx_ctx *c, size_t k, size_t lim, tx_tp *t)
{
    if (has(c, k, lim, TXC_TOD) && !is(c, k, lim, "noon")) {
        t->gran = TXG_TOD;
        t->sub = val(c, k, TXC_TOD);
        return 1;
    }
    return 0;
}

/* The weekday `wd` (1 = Monday) nearest the dateline in the direction of
 * the tense: the same day when it is the dateline's weekday. */
static dl_date resolve_weekday(const tx_ctx *c, size_t i, int wdn, int rel, bool poss)
{
    int today = dl_date_weekday(c->dct) + 1;
    int back = (today - wdn + 7) % 7; /* days back to the last such day */
    int fwd = (wdn - today + 7) % 7;
    if (rel == -1)
        return add_days(c->dct, -(back ? back : 7));
    if (rel == 1)
        return add_days(c->dct, fwd ? fwd : 7);
    if (rel == 0) /* this Friday: in the dateline's week */
        return add_days(c->dct, wdn - today);
    if (back == 0)
        return c->dct;
    int t = tense_at(c, i);
    if (t == TXE_FUTURE)
        return add_days(c->dct, fwd);
    if (t == TXE_PAST || poss)
        return add_days(c->dct, -back); /* "Thursday's closing price": past */
    return back <= fwd ? add_days(c->dct, -back) : add_days(c->dct, fwd);
}

/* [last|next|this] WEEKDAY [morning|night...] */
static size_t p_weekday(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    int rel = 2;
    if (is(c, j, lim, "last") || is(c, j, lim, "next") || is(c, j, lim, "this") ||
        is(c, j, lim, "past") || is(c, j, lim, "coming")) {
        rel = val(c, j, TXC_REL);
        j++;
    }
    if (!has(c, j, lim, TXC_WEEKDAY))
        return 0;
    const tx_word *w = &c->w[j];
    if (!w->cap || (w->n < 6 && !w->dot && rel == 2))
        return 0; /* "Sat", "Sun", "Wed" alone need their period */
    bool poss = j + 1 < c->n && c->w[j + 1].poss && c->w[j + 1].sent == c->w[j].sent;
    dl_date d = resolve_weekday(c, i, val(c, j, TXC_WEEKDAY), rel, poss);
    j++;
    if (w->dot == 0 && w->n < 6)
        opt_punct(c, &j, lim, ".");
    tx_tp t = day_tp(d);
    j += tod_suffix(c, j, lim, &t);
    set_point(r, t, rel == 2 ? "weekday_tense" : "weekday_rel");
    return j - i;
}

/* today, yesterday, tomorrow [morning]; the day before yesterday; tonight;
 * this morning; last night. */
static size_t p_deictic(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    long off;
    const char *rule = "deictic";
    if (has(c, j, lim, TXC_DEICTIC)) {
        off = val(c, j, TXC_DEICTIC);
        j++;
    } else if (is(c, j, lim, "the") && is(c, j + 1, lim, "day") &&
               (is(c, j + 2, lim, "before") || is(c, j + 2, lim, "after")) &&
               (is(c, j + 3, lim, "yesterday") || is(c, j + 3, lim, "tomorrow"))) {
        off = is(c, j + 3, lim, "yesterday") ? -2 : 2;
        j += 4;
    } else if (is(c, j, lim, "overnight")) {
        /* the night before the dateline */
        tx_tp t = day_tp(add_days(c->dct, -1));
        t.gran = TXG_TOD;
        t.sub = TXT_NI;
        set_point(r, t, "deictic_tod");
        return 1;
    } else if (is(c, j, lim, "tonight")) {
        tx_tp t = day_tp(c->dct);
        t.gran = TXG_TOD;
        t.sub = TXT_NI;
        set_point(r, t, "deictic_tod");
        return 1;
    } else if ((is(c, j, lim, "this") || is(c, j, lim, "last")) && has(c, j + 1, lim, TXC_TOD) &&
               !is(c, j + 1, lim, "noon")) {
        bool last = is(c, j, lim, "last");
        if (last && !is(c, j + 1, lim, "night"))
            return 0;
        tx_tp t = day_tp(last ? add_days(c->dct, -1) : c->dct);
        t.gran = TXG_TOD;
        t.sub = val(c, j + 1, TXC_TOD);
        set_point(r, t, "deictic_tod");
        return 2;
    } else {
        return 0;
    }
    tx_tp t = day_tp(add_days(c->dct, off));
    j += tod_suffix(c, j, lim, &t);
    set_point(r, t, rule);
    return j - i;
}

/* 1998, fiscal 1998, fiscal year 1998, post-1959 */
static size_t p_year(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    /* "the 1988 period", "the 1988 quarter": the quarter being reported,
     * in that year */
    if (is(c, j, lim, "the") && year_at(c, j + 1, lim) > 0 &&
        (is(c, j + 2, lim, "period") || is(c, j + 2, lim, "quarter"))) {
        int y = year_at(c, j + 1, lim);
        if (c->has_qanchor && !c->last_was_span)
            set_point(r, (tx_tp){TXG_QUARTER, y, c->qanchor.m, 1, c->qanchor.sub, 0, 0},
                      "year_period");
        else
            set_point(r, (tx_tp){TXG_YEAR, y, 1, 1, 0, 0, 0}, "year_period");
        return 3;
    }
    /* spoken years: nineteen ninety-six */
    if ((is(c, j, lim, "nineteen") || is(c, j, lim, "eighteen")) && has(c, j + 1, lim, TXC_NUM)) {
        long v;
        size_t a = number(c, j + 1, lim, &v);
        if (a > 0 && v >= 10 && v <= 99) {
            int cent = is(c, j, lim, "nineteen") ? 1900 : 1800;
            set_point(r, (tx_tp){TXG_YEAR, cent + (int)v, 1, 1, 0, 0, 0}, "year_words");
            return 1 + a;
        }
    }
    /* "the year ended Sept. 30": a fiscal year, a span in TimeBank */
    if (is(c, j, lim, "the") && is(c, j + 1, lim, "year") &&
        (is(c, j + 2, lim, "ended") || is(c, j + 2, lim, "ending")) && month_word(c, j + 3, lim)) {
        r->type = DL_TIMEX_DURATION;
        snprintf(r->dur, sizeof r->dur, "P1Y");
        r->rule = "year_ended";
        return 2;
    }
    /* "for the year," "the first nine months of the year.": the current year */
    if (is(c, j, lim, "the") && is(c, j + 1, lim, "year") && j > 0 &&
        (is(c, j - 1, lim, "for") || is(c, j - 1, lim, "of")) &&
        (wd(c, j + 2, lim) == NULL || (c->w[j + 2].punct && c->w[j + 2].s[0] != '-') ||
         is(c, j + 2, lim, "of"))) {
        set_point(r, (tx_tp){TXG_YEAR, c->dct.year, 1, 1, 0, 0, 0}, "year_the");
        return 2;
    }
    /* the year two thousand */
    if (is(c, j, lim, "the") && is(c, j + 1, lim, "year") && has(c, j + 2, lim, TXC_NUM)) {
        long v;
        size_t a = number(c, j + 2, lim, &v);
        if (a > 0 && v >= 1000 && v <= 2999) {
            set_point(r, (tx_tp){TXG_YEAR, (int)v, 1, 1, 0, 0, 0}, "year_words");
            return 2 + a;
        }
    }
    /* the fiscal year, the current fiscal year, the full year */
    if (is(c, j, lim, "the")) {
        size_t k = j + 1;
        int rel = 0;
        if (is(c, k, lim, "current") || is(c, k, lim, "latest") || is(c, k, lim, "full")) {
            rel = is(c, k, lim, "latest") ? -1 : 0;
            k++;
        }
        bool fy = opt(c, &k, lim, "fiscal");
        if ((fy || k > j + 1) && is(c, k, lim, "year") && !(wd(c, k + 1, lim) && c->w[k + 1].hy) &&
            year_at(c, k + 1, lim) < 0) {
            set_point(r, (tx_tp){TXG_YEAR, c->dct.year + rel, 1, 1, 0, 0, 0}, "year_fiscal");
            return k + 1 - i;
        }
    }
    /* FY2023, FY23 */
    const tx_word *fy = wd(c, j, lim);
    if (fy && (fy->n == 6 || fy->n == 4) && fy->s[0] == 'f' && fy->s[1] == 'y' &&
        fy->s[2] >= '0' && fy->s[2] <= '9' && fy->s[3] >= '0' && fy->s[3] <= '9' &&
        (fy->n == 4 || (fy->s[4] >= '0' && fy->s[4] <= '9' && fy->s[5] >= '0' && fy->s[5] <= '9'))) {
        int v = 0;
        for (size_t k = 2; k < fy->n; k++)
            v = v * 10 + (fy->s[k] - '0');
        if (fy->n == 4)
            v += c->dct.year / 100 * 100;
        if (v < 1000)
            return 0;
        set_point(r, (tx_tp){TXG_YEAR, v, 1, 1, 0, 0, 0}, "year_fiscal");
        return 1;
    }
    bool fiscal = opt(c, &j, lim, "fiscal");
    if (fiscal)
        opt(c, &j, lim, "year");
    int y = year_at(c, j, lim);
    if (y < 0)
        return 0;
    const tx_word *w = &c->w[j];
    /* money, measures and counts are not years */
    if (j > 0 && c->w[j - 1].sent == w->sent && c->w[j - 1].punct &&
        (c->w[j - 1].s[0] == '$' || c->w[j - 1].s[0] == '#'))
        return 0;
    if (!fiscal && (y < 1500 || y > c->dct.year + 50))
        return 0;
    const tx_word *nx = wd(c, j + 1, lim);
    if (nx && !nx->poss && !nx->punct && nx->lex == NULL && !fiscal) {
        static const char *const counts[] = {"percent", "people", "troops", "soldiers",
            "members", "residents", "workers", "jobs", "shares", "tons", "tonnes",
            "miles", "kilometers", "km", "feet", "meters", "dollars", "euros", "yuan",
            "points", "units", "cars", "homes", "votes", "delegates", "deaths",
            "cases", "employees", "students", "refugees", "civilians", "barrels",
            "acres", "pounds", "companies", "children", "men", "women", "others",
            "times", "hp"};
        for (size_t q = 0; q < DL_ARRAY_LEN(counts); q++)
            if (nx->n == strlen(counts[q]) && memcmp(nx->s, counts[q], nx->n) == 0)
                return 0;
    }
    if (nx && nx->punct && nx->n == 1 && nx->s[0] == '%')
        return 0;
    set_point(r, (tx_tp){TXG_YEAR, y, 1, 1, 0, 0, 0}, fiscal ? "year_fiscal" : "year");
    return j + 1 - i;
}

/* the 1990s, '90s, the 20th century */
static size_t p_decade(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool the = opt(c, &j, lim, "the");
    const tx_word *w = wd(c, j, lim);
    if (w == NULL)
        return 0;
    if ((w->n == 1 && w->s[0] == '\'') || (w->n == 3 && memcmp(w->s, "\xe2\x80\x99", 3) == 0))
        w = wd(c, ++j, lim); /* '90s */
    if (w && (w->n == 5 || w->n == 3) && w->s[w->n - 1] == 's' && w->s[w->n - 2] == '0') {
        int y = 0;
        for (size_t k = 0; k + 1 < w->n; k++) {
            if (w->s[k] < '0' || w->s[k] > '9')
                return 0;
            y = y * 10 + (w->s[k] - '0');
        }
        if (w->n == 3) { /* '90s: the century of the dateline, or the one before */
            int cent = c->dct.year / 100 * 100;
            y = cent + y > c->dct.year ? cent - 100 + y : cent + y;
        }
        if (y < 1000 && w->n == 5)
            return 0;
        set_point(r, (tx_tp){TXG_DEC, y, 1, 1, 0, 0, 0}, "decade");
        return j + 1 - i;
    }
    static const char *const tens[] = {"twenties", "thirties", "forties", "fifties",
                                       "sixties", "seventies", "eighties", "nineties"};
    for (size_t k = 0; the && w && k < DL_ARRAY_LEN(tens); k++)
        if (w->n == strlen(tens[k]) && memcmp(w->s, tens[k], w->n) == 0) {
            int cent = c->dct.year / 100 * 100;
            int y = cent + 20 + 10 * (int)k;
            if (y > c->dct.year)
                y -= 100;
            set_point(r, (tx_tp){TXG_DEC, y, 1, 1, 0, 0, 0}, "decade");
            return j + 1 - i;
        }
    if (w && is(c, j + 1, lim, "century")) {
        int n = has(c, j, lim, TXC_ORD) ? val(c, j, TXC_ORD) : mday_at(c, j, lim);
        if (n <= 0 || n > 30)
            return 0;
        set_point(r, (tx_tp){TXG_CENT, (n - 1) * 100, 1, 1, 0, 0, 0}, "century");
        return j + 2 - i;
    }
    DL_UNUSED(the);
    return 0;
}

/* The present, past and future references: now, recently, the future. */
static size_t p_ref(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    if (has(c, j, lim, TXC_REF)) {
        r->ref = val(c, j, TXC_REF);
        r->type = DL_TIMEX_DATE;
        r->rule = "ref";
        return 1;
    }
    bool the = opt(c, &j, lim, "the");
    if (the && is(c, j, lim, "near") && is(c, j + 1, lim, "future")) {
        r->ref = TXR_FUTURE;
        r->type = DL_TIMEX_DATE;
        r->rule = "ref";
        return j + 2 - i;
    }
    if (the && (is(c, j, lim, "future") || is(c, j, lim, "past")) &&
        !has(c, j + 1, lim, TXC_UNIT) && !has(c, j + 1, lim, TXC_UNITS) &&
        !has(c, j + 1, lim, TXC_NUM) && !is(c, j + 1, lim, "few") &&
        !is(c, j + 1, lim, "several") && !has(c, j + 1, lim, TXC_SEASON)) {
        r->ref = is(c, j, lim, "future") ? TXR_FUTURE : TXR_PAST;
        r->type = DL_TIMEX_DATE;
        r->rule = "ref";
        return j + 1 - i;
    }
    /* adjectives: current, recent ("future" is too often a plain noun;
     * not before a unit: "current
     * quarter" is p_relative's) */
    if ((is(c, i, lim, "current") || is(c, i, lim, "recent")) &&
        !has(c, i + 1, lim, TXC_UNIT) && !has(c, i + 1, lim, TXC_UNITS) &&
        !is(c, i + 1, lim, "fiscal") && !(i > 0 && is(c, i - 1, lim, "the"))) {
        r->ref = is(c, i, lim, "current") ? TXR_PRESENT : TXR_PAST;
        r->type = DL_TIMEX_DATE;
        r->rule = "ref_adj";
        return 1;
    }
    if (is(c, i, lim, "at") && is(c, i + 1, lim, "present")) {
        r->ref = TXR_PRESENT;
        r->type = DL_TIMEX_DATE;
        r->rule = "ref";
        return 2;
    }
    return 0;
}

/* The current quarter, season or week of the dateline moved by rel. */
static tx_tp rel_point(const tx_ctx *c, int unit, int rel)
{
    tx_tp t = dl__tx_from_date(c->dct, unit_gran(unit));
    return dl__tx_shift(t, unit, rel);
}

/* [the] last|this|next|past|coming UNIT ("last year", "this week"),
 * [the] past|last|next N UNITS (a duration), REL SEASON, REL weekend. */
static size_t p_relative(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool the = opt(c, &j, lim, "the");
    if (!has(c, j, lim, TXC_REL) || is(c, j, lim, "present") ||
        is(c, j, lim, "prior") || is(c, j, lim, "preceding"))
        return 0;
    int rel = val(c, j, TXC_REL);
    bool span_word = is(c, j, lim, "past") || is(c, j, lim, "last") || is(c, j, lim, "next") ||
                     is(c, j, lim, "coming") || is(c, j, lim, "previous") ||
                     is(c, j, lim, "following");
    if (!the && (is(c, j, lim, "following") || is(c, j, lim, "previous")))
        return 0; /* anchored: p_anchored */
    bool anchored_word = is(c, j, lim, "following") || is(c, j, lim, "previous") ||
                         is(c, j, lim, "next");
    j++;
    if (is(c, j - 1, lim, "this") && (is(c, j, lim, "past") || is(c, j, lim, "coming"))) {
        rel = val(c, j, TXC_REL); /* this past spring, this coming week */
        j++;
    }
    /* the past two months: a duration */
    int unit;
    long n;
    size_t q = span_word ? quantity(c, j, lim, &unit, &n) : 0;
    if (q > 0) {
        r->type = DL_TIMEX_DURATION;
        dur_value(r->dur, sizeof r->dur, unit, n);
        r->rule = "duration_rel";
        return j + q - i;
    }
    if ((is(c, j, lim, "few") || is(c, j, lim, "several")) && has(c, j + 1, lim, TXC_UNITS) &&
        span_word) {
        r->type = DL_TIMEX_DURATION;
        dur_value(r->dur, sizeof r->dur, val(c, j + 1, TXC_UNITS), -1);
        r->rule = "duration_rel";
        return j + 2 - i;
    }
    if (the && anchored_word)
        return 0; /* "the next day": p_anchored */
    if (has(c, j, lim, TXC_SEASON)) {
        int s = val(c, j, TXC_SEASON);
        tx_tp cur = dl__tx_from_date(c->dct, TXG_SEASON);
        tx_tp t = {TXG_SEASON, cur.y, 1, 1, s, 0, 0}; /* winter is its start year's */
        if (rel < 0 && s >= cur.sub)
            t.y--;
        if (rel > 0 && s <= cur.sub)
            t.y++;
        set_point(r, t, "season_rel");
        return j + 1 - i;
    }
    if (is(c, j, lim, "weekend")) {
        dl_date d = add_days(c->dct, 7 * rel);
        tx_tp t = dl__tx_from_date(d, TXG_WEEKEND);
        set_point(r, t, "weekend_rel");
        return j + 1 - i;
    }
    bool plural;
    int u = unit_at(c, j, lim, &plural);
    if (u == 0 || plural || u < TXU_DAY || u == TXU_FORTNIGHT)
        return 0;
    if (u == TXU_DAY && rel != 0)
        return 0; /* "the next day": p_anchored */
    if (u == TXU_DAY) {
        set_point(r, day_tp(c->dct), "day_rel");
        return j + 1 - i;
    }
    tx_tp t = rel_point(c, u, rel);
    if (u == TXU_QUARTER && is(c, j - 1, lim, "this") && c->has_qanchor)
        t = c->qanchor;

    set_point(r, t, "unit_rel");
    return j + 1 - i;
}

/* Anchored on the last date mentioned: the next day, the day before,
 * that day, the following week, the year before. */
static size_t p_anchored(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool the = opt(c, &j, lim, "the");
    bool that = !the && opt(c, &j, lim, "that");
    int rel;
    if (the && (is(c, j, lim, "next") || is(c, j, lim, "following") || is(c, j, lim, "previous") ||
                is(c, j, lim, "preceding") || is(c, j, lim, "prior") || is(c, j, lim, "same"))) {
        rel = is(c, j, lim, "same") ? 0 : val(c, j, TXC_REL);
        if (is(c, j, lim, "same"))
            rel = 0;
        j++;
    } else if (that) {
        opt(c, &j, lim, "same");
        rel = 0;
    } else if (the && is(c, j + 1, lim, "before")) {
        rel = -1;
    } else if (the && is(c, j + 1, lim, "after")) {
        rel = 1;
    } else {
        return 0;
    }
    bool plural;
    int u = unit_at(c, j, lim, &plural);
    bool morning = false;
    if (u == 0 && has(c, j, lim, TXC_TOD) && !is(c, j, lim, "noon")) {
        u = TXU_DAY;
        morning = true;
    }
    if (u == 0 || plural || u < TXU_DAY)
        return 0;
    j++;
    if (the && rel != 0 && (is(c, i + 1, lim, "day") || has(c, i + 1, lim, TXC_UNIT)) &&
        (is(c, j, lim, "before") || is(c, j, lim, "after"))) {
        j++;
        if (wd(c, j, lim) && !c->w[j].punct)
            return 0; /* "the day before authorities issued...": a relation */
    }
    /* the anchor at the unit's granularity, else the dateline */
    tx_tp base;
    int g = unit_gran(u);
    if (u == TXU_QUARTER && c->has_qanchor)
        base = c->qanchor;
    else if (c->has_anchor && c->anchor.gran >= g)
        base = dl__tx_from_date(dl__tx_date(c->anchor), g);
    else
        base = dl__tx_from_date(c->dct, g);
    tx_tp t = dl__tx_shift(base, u, rel);
    if (morning) {
        t.gran = TXG_TOD;
        t.sub = val(c, j - 1, TXC_TOD);
    }
    set_point(r, t, "anchored");
    return j - i;
}

/* N UNITS ago / earlier / later / before / after / from now. */
static size_t p_ago(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    int unit;
    long n;
    size_t q = quantity(c, i, lim, &unit, &n);
    if (q == 0)
        return 0;
    size_t j = i + q;
    opt(c, &j, lim, "or");
    if (j > i + q && !opt(c, &j, lim, "so"))
        j = i + q;
    int dir;
    bool anchored = false;
    if (wd(c, j, lim) && c->w[j].hy)
        return 0; /* "year-earlier": p_year_ago */
    if (is(c, j, lim, "ago")) {
        dir = -1;
    } else if (is(c, j, lim, "earlier") || is(c, j, lim, "before")) {
        dir = -1;
        anchored = true;
    } else if (is(c, j, lim, "later") || is(c, j, lim, "after") || is(c, j, lim, "hence")) {
        dir = 1;
        anchored = true;
    } else if (is(c, j, lim, "from") && is(c, j + 1, lim, "now")) {
        dir = 1;
        j++;
    } else {
        return 0;
    }
    j++;
    if ((is(c, j - 1, lim, "before") || is(c, j - 1, lim, "after")) && wd(c, j, lim) &&
        !c->w[j].punct)
        return 0; /* "two days before the vote": a relation, not a date */
    if (n > 5000)
        return 0; /* "200000 years ago" is no calendar date we write */
    if ((n < 0 || unit < TXU_DAY) && anchored)
        return 0; /* "a few days later", "an hour later": the span alone */
    if (n < 0 || unit < TXU_DAY) {
        r->type = DL_TIMEX_DATE;
        r->ref = dir < 0 ? TXR_PAST : TXR_FUTURE;
        r->rule = "ago_vague";
        return j - i;
    }
    int g = unit_gran(unit);
    if (g < TXG_YEAR)
        g = TXG_YEAR; /* "a decade ago": a year, not a decade */
    tx_tp base;
    if (unit == TXU_YEAR && n == 1 && c->has_qanchor && !c->last_was_span) {
        /* results "a year earlier": the quarter reported, unless a span
         * ("the nine months") was the last thing mentioned */
        base = c->qanchor;
    } else if (anchored && c->has_anchor) {
        int ag = c->anchor.gran > TXG_DAY ? TXG_DAY : c->anchor.gran;
        base = dl__tx_from_date(dl__tx_date(c->anchor), ag < g ? ag : g);
    } else {
        base = dl__tx_from_date(c->dct, g);
    }
    tx_tp t = dl__tx_shift(base, unit, dir * (int)n);
    if (t.gran == TXG_WEEK && unit == TXU_FORTNIGHT)
        t = dl__tx_shift(base, TXU_WEEK, dir * 2 * (int)n);
    set_point(r, t, anchored ? "offset_anchored" : "ago");
    return j - i;
}

/* Quarters and halves: third quarter, third-quarter, the fourth quarter of
 * 1989, the fiscal first quarter, Q3, the latest quarter, the first half. */
static size_t p_quarter(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    opt(c, &j, lim, "the");
    int y = -1;
    bool fiscal = opt(c, &j, lim, "fiscal");
    if (year_at(c, j, lim) > 0 && (has(c, j + 1, lim, TXC_ORD) || opt(c, &j, lim, "fiscal"))) {
        y = year_at(c, j, lim);
        j++;
    }
    if (!fiscal)
        fiscal = opt(c, &j, lim, "fiscal");
    if ((is(c, j, lim, "this") || is(c, j, lim, "last") || is(c, j, lim, "next")) &&
        is(c, j + 1, lim, "year") && wd(c, j + 2, lim) && c->w[j + 2].poss) {
        y = c->dct.year + val(c, j, TXC_REL);
        j += 3;
    }
    const tx_word *w = wd(c, j, lim);
    if (w == NULL)
        return 0;
    int q = 0, half = 0;
    const char *rule = "quarter";
    if (w->n == 2 && w->s[0] == 'q' && w->s[1] >= '1' && w->s[1] <= '4') {
        q = w->s[1] - '0';
        j++;
    } else if (has(c, j, lim, TXC_ORD) && val(c, j, TXC_ORD) <= 4) {
        int o = val(c, j, TXC_ORD);
        if (j == i + 1 && is(c, i, lim, "the") && is(c, j + 1, lim, "quarter") &&
            c->w[j + 1].hy)
            return 0; /* "the third-quarter results": "third-quarter" alone */
        if (is(c, j + 1, lim, "quarter"))
            q = o;
        else if (is(c, j + 1, lim, "half") && o <= 2)
            half = o;
        else if (is(c, j, lim, "last") && is(c, j + 1, lim, "half"))
            half = 2;
        else
            return 0;
        j += 2;
    } else if (is(c, j, lim, "quarter") && j > i && y > 0) {
        /* "last year's quarter": the quarter being reported, a year back */
        tx_tp t = c->has_qanchor ? c->qanchor : dl__tx_from_date(c->dct, TXG_QUARTER);
        t.y = y;
        set_point(r, t, "quarter_anchored");
        return j + 1 - i;
    } else if (is(c, j, lim, "latest") && is(c, j + 1, lim, "period") && is(c, i, lim, "the")) {
        tx_tp t = c->has_qanchor ? c->qanchor
                                 : dl__tx_shift(dl__tx_from_date(c->dct, TXG_QUARTER), TXU_QUARTER, -1);
        set_point(r, t, "quarter_anchored");
        return j + 2 - i;
    } else if (is(c, j, lim, "quarter") && j > i) {
        /* "the quarter": the last quarter mentioned; "the quarter ended
         * Sept. 30": the quarter of that date */
        j++;
        if ((is(c, j, lim, "ended") || is(c, j, lim, "ending")) && month_word(c, j + 1, lim)) {
            int m = val(c, j + 1, TXC_MONTH);
            int qq = (m - 1) / 3 + 1;
            int yy = infer_year(c, i, m, 0);
            size_t k = j + 2;
            opt_punct(c, &k, lim, ".");
            if (mday_at(c, k, lim) > 0)
                k++;
            opt_punct(c, &k, lim, ",");
            if (year_at(c, k, lim) > 0)
                yy = year_at(c, k, lim);
            set_point(r, (tx_tp){TXG_QUARTER, yy, (qq - 1) * 3 + 1, 1, qq, 0, 0}, "quarter_ended");
            return j - i;
        }
        if (c->has_qanchor) {
            set_point(r, c->qanchor, "quarter_anchored");
            return j - i;
        }
        tx_tp t = dl__tx_shift(dl__tx_from_date(c->dct, TXG_QUARTER), TXU_QUARTER, -1);
        set_point(r, t, "quarter_anchored");
        return j - i;
    } else if ((is(c, j, lim, "latest") || is(c, j, lim, "current") || is(c, j, lim, "same")) &&
               is(c, j + 1, lim, "quarter")) {
        tx_tp t = dl__tx_from_date(c->dct, TXG_QUARTER);
        if (is(c, j, lim, "latest"))
            t = dl__tx_shift(t, TXU_QUARTER, -1);
        else if (is(c, j, lim, "same") && c->has_qanchor)
            t = c->qanchor;
        j += 2;
        set_point(r, t, "quarter_anchored");
        return j - i;
    } else {
        return 0;
    }
    if (y < 0) {
        size_t k = j;
        opt(c, &k, lim, "of");
        opt(c, &k, lim, "fiscal");
        if (year_at(c, k, lim) > 0 && (k > j || c->w[j - 1].s[0] == 'q')) {
            y = year_at(c, k, lim); /* "the fourth quarter of 1989", "Q3 2023" */
            j = k + 1;
        }
    }
    if (y < 0) {
        y = c->dct.year;
        int cur = (c->dct.month - 1) / 3 + 1;
        if (q > cur && tense_at(c, i) != TXE_FUTURE)
            y--;
        if (half && half > (c->dct.month <= 6 ? 1 : 2) && tense_at(c, i) != TXE_FUTURE)
            y--;
    }
    if (half) {
        set_point(r, (tx_tp){TXG_HALF, y, half == 1 ? 1 : 7, 1, half, 0, 0}, "half");
        return j - i;
    }
    DL_UNUSED(fiscal);
    set_point(r, (tx_tp){TXG_QUARTER, y, (q - 1) * 3 + 1, 1, q, 0, 0}, rule);
    return j - i;
}

/* [the] year-ago|year-earlier [quarter|period]: a year before the last
 * quarter mentioned (financial reports), else last year. */
static size_t p_year_ago(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool the = opt(c, &j, lim, "the");
    if (the && (is(c, j, lim, "comparable") || is(c, j, lim, "corresponding") ||
                is(c, j, lim, "same")))
        j++;
    if (!is(c, j, lim, "year") || !wd(c, j + 1, lim) || !c->w[j + 1].hy ||
        !(is(c, j + 1, lim, "ago") || is(c, j + 1, lim, "earlier")))
        return 0;
    j += 2;
    int q = 0;
    if (has(c, j, lim, TXC_ORD) && val(c, j, TXC_ORD) <= 4 && is(c, j + 1, lim, "quarter")) {
        q = val(c, j, TXC_ORD);
        j += 2;
    } else if (is(c, j, lim, "quarter") || is(c, j, lim, "period")) {
        j++;
    } else if (the) {
        return 0;
    }
    tx_tp t;
    if (q) {
        int y = (c->has_qanchor ? c->qanchor.y : c->dct.year) - 1;
        t = (tx_tp){TXG_QUARTER, y, (q - 1) * 3 + 1, 1, q, 0, 0};
    } else if (c->has_qanchor && !c->last_was_span) {
        t = dl__tx_shift(c->qanchor, TXU_YEAR, -1);
    } else {
        t = dl__tx_shift(dl__tx_from_date(c->dct, TXG_YEAR), TXU_YEAR, -1);
    }
    set_point(r, t, "year_ago");
    return j - i;
}

/* year-end, year end, the end of the year: handled as END of this year. */
static size_t p_year_end(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    if (!is(c, j, lim, "year"))
        return 0;
    j++;
    if (wd(c, j, lim) && c->w[j].poss)
        j++; /* "year's end" */
    if (!is(c, j, lim, "end"))
        return 0;
    j++;
    set_point(r, (tx_tp){TXG_YEAR, c->dct.year, 1, 1, 0, 0, 0}, "year_end");
    r->mod = TXM_END;
    return j - i;
}

/* [the] [REL] SEASON [of] [YEAR]: "summer", "the summer of 1994". */
static size_t p_season(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    bool the = opt(c, &j, lim, "the");
    if (!has(c, j, lim, TXC_SEASON))
        return 0;
    int s = val(c, j, TXC_SEASON);
    j++;
    size_t k = j;
    opt(c, &k, lim, "of");
    int y = year_at(c, k, lim);
    if (y > 0) {
        j = k + 1;
    } else {
        bool after_pos = i > 0 && c->w[i - 1].sent == c->w[i].sent &&
                         (is(c, i - 1, lim, "early") || is(c, i - 1, lim, "late") ||
                          is(c, i - 1, lim, "mid"));
        if (!the && !after_pos && !c->w[i].cap)
            return 0; /* "fall" is a verb more often than a season */
        if (s == TXS_FA && !the && !after_pos)
            return 0;
        tx_tp cur = dl__tx_from_date(c->dct, TXG_SEASON);
        y = c->dct.year;
        int t = tense_at(c, i);
        if (t == TXE_PAST && s > cur.sub)
            y--;
        if (t == TXE_FUTURE && s < cur.sub)
            y++;
    }
    set_point(r, (tx_tp){TXG_SEASON, y, 1, 1, s, 0, 0}, "season");
    return j - i;
}

/* the weekend (by tense), this weekend. */
static size_t p_weekend(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    if (!opt(c, &j, lim, "the") || !is(c, j, lim, "weekend"))
        return 0;
    int today = dl_date_weekday(c->dct);
    dl_date d = c->dct;
    if (today < 5 && tense_at(c, i) != TXE_FUTURE)
        d = add_days(d, -7);
    set_point(r, dl__tx_from_date(d, TXG_WEEKEND), "weekend");
    return j + 1 - i;
}

/* Sets: every Monday, each year, every two weeks, daily, $5 a year. */
static size_t p_set(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    if (has(c, j, lim, TXC_FREQ)) {
        r->type = DL_TIMEX_SET;
        dur_value(r->dur, sizeof r->dur, val(c, j, TXC_FREQ), 1);
        r->rule = "set_freq";
        return 1;
    }
    bool every = is(c, j, lim, "every") || is(c, j, lim, "each");
    bool per = is(c, j, lim, "per") ||
               ((is(c, j, lim, "a") || is(c, j, lim, "an")) && j > 0 &&
                c->w[j - 1].sent == c->w[j].sent &&
                (c->w[j - 1].num >= 0 || is(c, j - 1, lim, "twice") || is(c, j - 1, lim, "once") ||
                 is(c, j - 1, lim, "times") || is(c, j - 1, lim, "percent") ||
                 is(c, j - 1, lim, "million") || is(c, j - 1, lim, "billion") ||
                 is(c, j - 1, lim, "dollars") || is(c, j - 1, lim, "cents") ||
                 (c->w[j - 1].punct && c->w[j - 1].s[0] == '%')));
    if (!every && !per)
        return 0;
    j++;
    if (every && has(c, j, lim, TXC_WEEKDAY)) {
        snprintf(r->dur, sizeof r->dur, "XXXX-WXX-%d", val(c, j, TXC_WEEKDAY));
        r->type = DL_TIMEX_SET;
        r->rule = "set_weekday";
        return j + 1 - i;
    }
    long n = 1;
    if (every) {
        size_t a = number(c, j, lim, &n);
        if (opt(c, &j, lim, "other"))
            n = 2;
        else
            j += a;
        if (n < 0)
            n = 1;
    }
    bool plural;
    int u = unit_at(c, j, lim, &plural);
    if (u == 0 || (plural && n == 1) || u == TXU_SEC)
        return 0;
    r->type = DL_TIMEX_SET;
    dur_value(r->dur, sizeof r->dur, u, n);
    r->rule = every ? "set_every" : "set_rate";
    return j + 1 - i;
}

/* Clock times: 9 a.m., 10:30 p.m., noon, midnight [EDT] [today|Friday]. */
static size_t p_clock(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    int hh = -1, mm = 0;
    const tx_word *w = wd(c, j, lim);
    if (w == NULL)
        return 0;
    if (is(c, j, lim, "noon") || is(c, j, lim, "midnight")) {
        hh = is(c, j, lim, "noon") ? 12 : 24;
        j++;
    } else {
        if (w->num >= 0 && w->num <= 12 && w->ndig <= 2) {
            hh = w->num;
            j++;
            const tx_word *p = wd(c, j, lim);
            if (p && p->punct && p->s[0] == ':' && wd(c, j + 1, lim) &&
                c->w[j + 1].ndig == 2 && c->w[j + 1].num < 60) {
                mm = c->w[j + 1].num;
                j += 2;
            }
        } else if (w->n >= 3 && w->n <= 4 && w->s[w->n - 1] == 'm' &&
                   (w->s[w->n - 2] == 'a' || w->s[w->n - 2] == 'p') && w->s[0] >= '0' &&
                   w->s[0] <= '9' && (w->n == 3 || (w->s[1] >= '0' && w->s[1] <= '9'))) {
            /* "10am", "3pm" in one token */
            hh = w->s[0] - '0';
            if (w->n == 4)
                hh = hh * 10 + (w->s[1] - '0');
            if (hh < 1 || hh > 12)
                return 0;
            if (w->s[w->n - 2] == 'p' && hh < 12)
                hh += 12;
            if (w->s[w->n - 2] == 'a' && hh == 12)
                hh = 0;
            j++;
            goto zone;
        } else if (w->n >= 4 && w->n <= 5 && memchr(w->s, ':', w->n)) {
            const char *colon = memchr(w->s, ':', w->n);
            size_t a = (size_t)(colon - w->s);
            if (a < 1 || a > 2 || w->n - a - 1 != 2)
                return 0;
            for (size_t k = 0; k < w->n; k++)
                if (k != a && (w->s[k] < '0' || w->s[k] > '9'))
                    return 0;
            hh = w->s[0] - '0';
            if (a == 2)
                hh = hh * 10 + (w->s[1] - '0');
            mm = (colon[1] - '0') * 10 + (colon[2] - '0');
            if (hh > 23 || mm > 59)
                return 0;
            j++;
        } else {
            return 0;
        }
        bool pm;
        if (is(c, j, lim, "a.m") || is(c, j, lim, "am") || is(c, j, lim, "a.m."))
            pm = false;
        else if (is(c, j, lim, "p.m") || is(c, j, lim, "pm") || is(c, j, lim, "p.m."))
            pm = true;
        else
            return 0;
        if (hh > 12 || hh == 0)
            return 0;
        if (pm && hh < 12)
            hh += 12;
        if (!pm && hh == 12)
            hh = 0;
        j++;
        if (!c->w[j - 1].dot)
            opt_punct(c, &j, lim, ".");
    }
zone:;
    static const char *const zones[] = {"edt", "est", "cdt", "cst", "pdt", "pst", "gmt",
                                        "utc", "mdt", "mst", "bst", "cet", "msk"};
    for (size_t q = 0; q < DL_ARRAY_LEN(zones); q++)
        if (is(c, j, lim, zones[q])) {
            j++;
            break;
        }
    /* a time without a day: the day last mentioned, else the dateline */
    dl_date d = c->has_anchor && c->anchor.gran >= TXG_DAY ? dl__tx_date(c->anchor) : c->dct;
    tx_res day = {0};
    size_t dn = 0;
    if (has(c, j, lim, TXC_DEICTIC) || has(c, j, lim, TXC_WEEKDAY) || month_word(c, j, lim)) {
        dn = p_calendar(c, j, lim, &day);
        if (dn == 0)
            dn = p_weekday(c, j, lim, &day);
        if (dn == 0)
            dn = p_deictic(c, j, lim, &day);
        if (dn && day.tp.gran >= TXG_DAY)
            d = dl__tx_date(day.tp);
        else
            dn = 0;
    }
    tx_tp t = day_tp(d);
    t.gran = TXG_TIME; /* midnight stays T24:00 of its day, as TIMEX3 writes it */
    t.hh = hh;
    t.mm = mm;
    set_point(r, t, "clock");
    return j + dn - i;
}

/* Christmas, Thanksgiving [Day] [YEAR]. */
static size_t p_holiday(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t j = i;
    int m, d;
    int y = -1;
    if (is(c, j, lim, "thanksgiving") && c->w[j].cap) {
        j++;
        opt(c, &j, lim, "day");
        if (year_at(c, j, lim) > 0)
            y = year_at(c, j++, lim);
        if (y < 0)
            y = infer_year(c, i, 11, 25);
        dl_date nov1 = {y, 11, 1};
        int first_thu = (3 - dl_date_weekday(nov1) + 7) % 7 + 1;
        m = 11;
        d = first_thu + 21;
    } else if (has(c, j, lim, TXC_HOLIDAY) && c->w[j].cap) {
        int v = val(c, j, TXC_HOLIDAY);
        m = v / 100;
        d = v % 100;
        j++;
        if (is(c, j, lim, "day") || is(c, j, lim, "eve")) {
            if (is(c, j, lim, "eve"))
                d--;
            j++;
        }
        if (year_at(c, j, lim) > 0)
            y = year_at(c, j++, lim);
        if (y < 0)
            y = infer_year(c, i, m, d);
    } else {
        return 0;
    }
    if (!dl_date_valid(y, m, d))
        return 0;
    set_point(r, day_tp((dl_date){y, m, d}), "holiday");
    return j - i;
}

/* ------------------------------------------------------------ prefixes */

/* A quantity modifier at k: about, nearly, more than, at least, up to. */
static size_t mod_prefix(const tx_ctx *c, size_t k, size_t lim, int *mod, bool *only_dur)
{
    *only_dur = false;
    if (is(c, k, lim, "more") && (is(c, k + 1, lim, "than"))) {
        *mod = TXM_MORE;
        *only_dur = true;
        return 2;
    }
    if ((is(c, k, lim, "less") || is(c, k, lim, "fewer")) && is(c, k + 1, lim, "than")) {
        *mod = TXM_LESS;
        *only_dur = true;
        return 2;
    }
    if (is(c, k, lim, "at") && is(c, k + 1, lim, "least")) {
        *mod = TXM_EQMORE;
        *only_dur = true;
        return 2;
    }
    if ((is(c, k, lim, "up") && is(c, k + 1, lim, "to")) ||
        (is(c, k, lim, "at") && is(c, k + 1, lim, "most"))) {
        *mod = TXM_EQLESS;
        *only_dur = true;
        return 2;
    }
    if (is(c, k, lim, "no") && is(c, k + 1, lim, "more") && is(c, k + 2, lim, "than")) {
        *mod = TXM_EQLESS;
        *only_dur = true;
        return 3;
    }
    if (has(c, k, lim, TXC_MOD)) {
        *mod = val(c, k, TXC_MOD);
        *only_dur = *mod != TXM_APPROX || is(c, k, lim, "some");
        if (is(c, k, lim, "almost"))
            *only_dur = false;
        return 1;
    }
    return 0;
}

/* A position modifier: early, late, mid-, the end of, the beginning of,
 * earlier, later. */
static size_t pos_prefix(const tx_ctx *c, size_t k, size_t lim, int *mod)
{
    size_t j = k;
    bool the = opt(c, &j, lim, "the");
    if (is(c, j, lim, "end") || is(c, j, lim, "beginning") || is(c, j, lim, "start") ||
        is(c, j, lim, "middle")) {
        *mod = is(c, j, lim, "end") ? TXM_END : is(c, j, lim, "middle") ? TXM_MID : TXM_START;
        if (!is(c, j + 1, lim, "of"))
            return 0;
        return j + 2 - k;
    }
    if (the && !(is(c, j, lim, "early") || is(c, j, lim, "late") || is(c, j, lim, "mid")))
        return 0;
    if (is(c, j, lim, "early") || is(c, j, lim, "late") || is(c, j, lim, "mid") ||
        is(c, j, lim, "earlier") || is(c, j, lim, "later")) {
        bool er = is(c, j, lim, "earlier") || is(c, j, lim, "later");
        *mod = (is(c, j, lim, "early") || is(c, j, lim, "earlier")) ? TXM_START
               : is(c, j, lim, "mid") ? TXM_MID : TXM_END;
        if (er && !(is(c, j + 1, lim, "this") || is(c, j + 1, lim, "that") ||
                    has(c, j + 1, lim, TXC_DEICTIC) || has(c, j + 1, lim, TXC_WEEKDAY) ||
                    (is(c, j + 1, lim, "in") && is(c, j + 2, lim, "the"))))
            return 0;
        if (er && is(c, j + 1, lim, "in")) {
            *mod = is(c, j, lim, "earlier") ? TXM_START : TXM_END;
            return 2;
        }
        return j + 1 - k;
    }
    return 0;
}

/* ------------------------------------------------------------- driver */

typedef size_t (*pattern_fn)(tx_ctx *c, size_t i, size_t lim, tx_res *r);

static const pattern_fn patterns[] = {
    p_numeric, p_calendar, p_month, p_weekday, p_deictic, p_year, p_decade,
    p_ref, p_relative, p_anchored, p_ago, p_quarter, p_year_ago, p_year_end,
    p_season, p_weekend, p_set, p_clock, p_holiday, p_duration,
};

/* The longest core expression at i. */
static size_t core(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t best = 0;
    for (size_t p = 0; p < DL_ARRAY_LEN(patterns); p++) {
        tx_res t = {0};
        size_t n = patterns[p](c, i, lim, &t);
        if (n > best && i + n <= lim) {
            best = n;
            *r = t;
        }
    }
    return best;
}

/* The core after "the end of", "the beginning of": also "the year",
 * "the month", "the week". */
static size_t core_after_pos(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    size_t n = core(c, i, lim, r);
    if (n > 0)
        return n;
    size_t j = i;
    if (!opt(c, &j, lim, "the"))
        return 0;
    bool plural;
    int u = unit_at(c, j, lim, &plural);
    if (u < TXU_WEEK || plural || u == TXU_FORTNIGHT || u == TXU_QUARTER)
        return 0;
    tx_tp t = dl__tx_from_date(c->dct, unit_gran(u));
    set_point(r, t, "unit_the");
    return j + 1 - i;
}

size_t dl__tx_match(tx_ctx *c, size_t i, size_t lim, tx_res *r)
{
    tx_res best = {0};
    size_t bestn = core(c, i, lim, &best);
    int mod = 0;
    bool only_dur = false;
    size_t a = mod_prefix(c, i, lim, &mod, &only_dur);
    size_t starts[2] = {i, a ? i + a : (size_t)-1};
    for (int s = 0; s < 2; s++) {
        size_t k = starts[s];
        if (k == (size_t)-1)
            continue;
        tx_res t = {0};
        size_t n = 0;
        int pmod = 0;
        size_t b = pos_prefix(c, k, lim, &pmod);
        if (b) {
            n = core_after_pos(c, k + b, lim, &t);
            if (n && (t.ref || t.dur[0] || t.type == DL_TIMEX_DURATION))
                n = 0;
            if (n && t.rule && strncmp(t.rule, "weekday", 7) == 0 &&
                (is(c, k, lim, "earlier") || is(c, k, lim, "later")))
                n = 0;
            if (n) {
                n += b;
                t.mod = pmod;
            }
        }
        if (s == 1) {
            if (n == 0)
                n = core(c, k, lim, &t);
            if (n == 0 || t.ref || (only_dur && t.type != DL_TIMEX_DURATION))
                continue;
            if (t.rule && strncmp(t.rule, "weekday", 7) == 0)
                continue;
            if (t.type == DL_TIMEX_SET)
                continue;
            t.mod = mod;
        }
        if (n && (k - i) + n > bestn) {
            bestn = (k - i) + n;
            best = t;
        }
    }
    if (bestn == 0)
        return 0;
    /* "or so" */
    if (is(c, i + bestn, lim, "or") && is(c, i + bestn + 1, lim, "so")) {
        bestn += 2;
        best.mod = TXM_APPROX;
    }
    if (best.type != DL_TIMEX_DURATION && best.type != DL_TIMEX_SET && best.ref == 0 &&
        !dl__tx_ok(best.tp))
        return 0; /* never an impossible date */
    best.n = bestn;
    *r = best;
    return bestn;
}

void dl__tx_note(tx_ctx *c, const tx_res *r)
{
    c->last_was_span = r->type == DL_TIMEX_DURATION;
    if (r->ref || r->dur[0] || r->type == DL_TIMEX_DURATION || r->type == DL_TIMEX_SET)
        return;
    /* only what the text names, not what was computed from an anchor */
    static const char *const derived[] = {"offset_anchored", "year_ago", "quarter_anchored",
                                          "ago", "anchored", "unit_the", "year_period"};
    for (size_t k = 0; k < DL_ARRAY_LEN(derived); k++)
        if (strcmp(r->rule, derived[k]) == 0)
            return;
    if (r->tp.gran == TXG_QUARTER) {
        c->qanchor = r->tp;
        c->has_qanchor = true;
    }
    if (r->tp.gran >= TXG_YEAR) {
        c->anchor = r->tp;
        c->has_anchor = true;
    }
}

void dl__tx_value(const tx_res *r, char *buf, size_t cap)
{
    if (r->ref) {
        snprintf(buf, cap, "%s", r->ref == TXR_PRESENT ? "PRESENT_REF"
                                 : r->ref == TXR_PAST  ? "PAST_REF"
                                                       : "FUTURE_REF");
        return;
    }
    if (r->dur[0]) {
        snprintf(buf, cap, "%s", r->dur);
        return;
    }
    dl__tx_format(r->tp, buf, cap);
}

const char *dl__tx_mod_name(int mod)
{
    static const char *const names[] = {NULL, "APPROX", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "AFTER", "BEFORE"};
    return mod > 0 && mod < (int)DL_ARRAY_LEN(names) ? names[mod] : NULL;
}
