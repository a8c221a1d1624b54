/*
 * tx.h — internals of the time stage: the lexicon of time words, the word
 * view of a document the recognizer walks, calendar points at a given
 * granularity (TIMEX3 values) and the recognizer's result. Other stages
 * use src/time/time.h instead.
 */
#ifndef DL_TIME_TX_H
#define DL_TIME_TX_H

#include "dl.h"

/* ------------------------------------------------------------ lexicon */

/* Word classes (data/time/lexicon.tsv, one bit each). */
enum tx_class {
    TXC_MONTH, TXC_WEEKDAY, TXC_NUM, TXC_ORD, TXC_UNIT, TXC_UNITS,
    TXC_SEASON, TXC_TOD, TXC_DEICTIC, TXC_REF, TXC_REL, TXC_POS, TXC_MOD,
    TXC_FREQ, TXC_TENSE, TXC_HOLIDAY, TXC_START, TXC_N
};

/* Units (values of unit, units, freq). */
enum tx_unit {
    TXU_NONE, TXU_SEC, TXU_MIN, TXU_HOUR, TXU_DAY, TXU_WEEK, TXU_FORTNIGHT,
    TXU_MONTH, TXU_QUARTER, TXU_YEAR, TXU_DECADE, TXU_CENTURY
};

/* Values of season, tod, ref, pos, mod, tense. */
enum { TXS_SP = 1, TXS_SU, TXS_FA, TXS_WI };
enum { TXT_MO = 1, TXT_AF, TXT_EV, TXT_NI, TXT_MI };
enum { TXR_PRESENT = 1, TXR_PAST, TXR_FUTURE };
enum { TXP_START = 1, TXP_MID, TXP_END };
enum { TXM_NONE, TXM_APPROX, TXM_LESS, TXM_MORE, TXM_EQLESS, TXM_EQMORE,
       TXM_START, TXM_MID, TXM_END, TXM_AFTER, TXM_BEFORE };
enum { TXE_PAST = TXR_PAST, TXE_FUTURE = TXR_FUTURE }; /* same symbols */

typedef struct tx_lex {
    uint32_t cls;          /* 1u << enum tx_class */
    int16_t v[TXC_N];      /* value per class */
} tx_lex;

typedef struct dl__time_kb {
    dl__arena arena;
    dl__strmap words;      /* normalized word -> tx_lex */
    size_t max_word;       /* longest word in it: longer ones skip the look-up */
    uint32_t lens[256];    /* by first byte, bit n: a word of n bytes exists */
} dl__time_kb;

dl_code dl__time_lexicon_load(dl__time_kb *kb, const char *path,
                              dl_error *err);
const tx_lex *dl__time_lookup(const dl__time_kb *kb, const char *s,
                              size_t n);

/* ------------------------------------------------------------- words */

/* A word of the recognizer: a token, or a part of a hyphenated token
 * ("third-quarter" gives "third" and "quarter" with hy set). */
typedef struct tx_word {
    uint32_t start, end;   /* bytes in the text */
    uint32_t sent;         /* sentence index */
    const char *s;         /* normalized, without a trailing period */
    uint16_t n;
    uint8_t dot;           /* a period followed in the token ("Jan.") */
    uint8_t hy;            /* joined to the previous word by a hyphen */
    uint8_t punct;         /* punctuation token */
    uint8_t cap;           /* capitalized in the text */
    uint8_t poss;          /* the possessive 's token */
    uint8_t ed;            /* a past form (norm ends in -ed, lemma differs) */
    int32_t num;           /* value when all digits (<= 9 digits), else -1 */
    uint8_t ndig;          /* number of digits when num >= 0 */
    const tx_lex *lex;     /* NULL when not a time word */
} tx_word;

/* ---------------------------------------------------------- calendar */

enum tx_gran {
    TXG_NONE, TXG_CENT, TXG_DEC, TXG_YEAR, TXG_HALF, TXG_QUARTER,
    TXG_SEASON, TXG_MONTH, TXG_WEEK, TXG_WEEKEND, TXG_DAY, TXG_TOD,
    TXG_TIME
};

/* A point at a granularity. y/m/d is the first day of the period (the
 * Monday of a week); sub is the half, quarter, season or part of day. */
typedef struct tx_tp {
    int gran;
    int y, m, d;
    int sub;
    int hh, mm;
} tx_tp;

tx_tp dl__tx_from_date(dl_date d, int gran);
dl_date dl__tx_date(tx_tp t);
/* Moves a point by n units (enum tx_unit), keeping its granularity;
 * days are clamped so that no impossible date comes out (Feb 29 + 1y). */
tx_tp dl__tx_shift(tx_tp t, int unit, int n);
/* TIMEX3 value of a point into buf (>= 32 bytes). */
void dl__tx_format(tx_tp t, char *buf, size_t cap);
/* Whether a point is within the years we write (1..9999). */
bool dl__tx_ok(tx_tp t);

/* --------------------------------------------------------- recognizer */

typedef struct tx_res {
    size_t n;              /* words consumed */
    dl_timex_type type;
    tx_tp tp;              /* DATE/TIME point (when ref == 0 and !dur[0]) */
    int ref;               /* TXR_* or 0 */
    char dur[32];          /* DURATION/SET value, or "" */
    int mod;               /* TXM_* */
    const char *rule;
} tx_res;

typedef struct tx_ctx {
    const dl__time_kb *kb;
    const tx_word *w;
    size_t n;
    dl_date dct;
    tx_tp anchor;          /* last calendar point mentioned */
    bool has_anchor;
    tx_tp qanchor;         /* last quarter mentioned */
    bool has_qanchor;
    bool last_was_span;    /* the last expression was a duration ("nine months") */
} tx_ctx;

/* The longest time expression starting at word i (words up to lim, the
 * end of i's sentence). Returns its length in words, 0 when none. */
size_t dl__tx_match(tx_ctx *c, size_t i, size_t lim, tx_res *r);
/* The tense of word i's sentence (TXR_PAST, TXR_FUTURE, TXR_PRESENT or
 * 0) and, when there is one, the index of the word that marks it. */
int dl__tx_tense(const tx_ctx *c, size_t i, size_t *marker);
/* Updates the anchors after an expression was taken. */
void dl__tx_note(tx_ctx *c, const tx_res *r);
/* TIMEX3 value and mod strings of a result. */
void dl__tx_value(const tx_res *r, char *buf, size_t cap);
const char *dl__tx_mod_name(int mod);

#endif
