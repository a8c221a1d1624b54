/*
 * lexicon.c — loads data/time/lexicon.tsv (WORD TAB CLASS TAB VALUE) into
 * a word -> classes map for the recognizer. The format is documented in
 * the file itself and in docs/time.md.
 */
#include "time/tx.h"

#include <stdlib.h>

static const char *const class_names[TXC_N] = {
    "month", "weekday", "num", "ord", "unit", "units", "season", "tod",
    "deictic", "ref", "rel", "pos", "mod", "freq", "tense", "holiday", "start",
};

static const struct {
    const char *name;
    int v;
} symbols[] = {
    {"sec", TXU_SEC}, {"min", TXU_MIN}, {"hour", TXU_HOUR},
    {"day", TXU_DAY}, {"week", TXU_WEEK}, {"fortnight", TXU_FORTNIGHT},
    {"month", TXU_MONTH}, {"quarter", TXU_QUARTER}, {"year", TXU_YEAR},
    {"decade", TXU_DECADE}, {"century", TXU_CENTURY},
    {"SP", TXS_SP}, {"SU", TXS_SU}, {"FA", TXS_FA}, {"WI", TXS_WI},
    {"MO", TXT_MO}, {"AF", TXT_AF}, {"EV", TXT_EV}, {"NI", TXT_NI},
    {"MI", TXT_MI}, {"PRESENT", TXR_PRESENT}, {"PAST", TXR_PAST},
    {"FUTURE", TXR_FUTURE}, {"START", TXP_START}, {"MID", TXP_MID},
    {"END", TXP_END}, {"APPROX", TXM_APPROX}, {"LESS", TXM_LESS},
    {"MORE", TXM_MORE}, {"EQLESS", TXM_EQLESS}, {"EQMORE", TXM_EQMORE},
};

/* A value: a signed integer, "MM-DD" for holidays, or a symbol. */
static bool parse_value(const char *s, size_t n, int cls, int *out)
{
    if (cls == TXC_HOLIDAY) {
        if (n != 5 || s[2] != '-')
            return false;
        for (size_t i = 0; i < 5; i++)
            if (i != 2 && (s[i] < '0' || s[i] > '9'))
                return false;
        int m = (s[0] - '0') * 10 + (s[1] - '0');
        int d = (s[3] - '0') * 10 + (s[4] - '0');
        if (!dl_date_valid(2000, m, d))
            return false;
        *out = m * 100 + d;
        return true;
    }
    size_t i = 0;
    int sign = 1, v = 0;
    if (n > 0 && s[0] == '-') {
        sign = -1;
        i = 1;
    }
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || v > 10000)
                return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = sign * v;
        return true;
    }
    for (size_t k = 0; k < DL_ARRAY_LEN(symbols); k++)
        if (strlen(symbols[k].name) == n && memcmp(symbols[k].name, s, n) == 0) {
            *out = symbols[k].v;
            return true;
        }
    return false;
}

static int find_class(const char *s, size_t n)
{
    for (int k = 0; k < TXC_N; k++)
        if (strlen(class_names[k]) == n && memcmp(class_names[k], s, n) == 0)
            return k;
    return -1;
}

static dl_code add_line(dl__time_kb *kb, const char *path, long lineno,
                        const char *line, size_t len, dl_error *err)
{
    const char *t1 = memchr(line, '\t', len);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(line + len - t1 - 1)) : NULL;
    if (t1 == NULL || t2 == NULL || t1 == line)
        return dl__fail_at(err, DL_EDICT, path, lineno, "want WORD TAB CLASS TAB VALUE");
    int cls = find_class(t1 + 1, (size_t)(t2 - t1 - 1));
    int v = 0;
    if (cls < 0)
        return dl__fail_at(err, DL_EDICT, path, lineno, "unknown class");
    if (!parse_value(t2 + 1, (size_t)(line + len - t2 - 1), cls, &v))
        return dl__fail_at(err, DL_EDICT, path, lineno, "bad value");
    size_t wn = (size_t)(t1 - line);
    tx_lex *e = dl__strmap_get(&kb->words, line, wn);
    if (e == NULL) {
        char *key = dl__arena_strndup(&kb->arena, line, wn);
        e = dl__arena_alloc(&kb->arena, sizeof *e);
        int oom = 0;
        if (key == NULL || e == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        dl__strmap_put(&kb->words, key, wn, e, &oom);
        if (wn > kb->max_word)
            kb->max_word = wn;
        if (wn < 32)
            kb->lens[(unsigned char)key[0]] |= 1u << wn;
        if (oom)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    e->cls |= 1u << cls;
    e->v[cls] = (int16_t)v;
    return DL_OK;
}

dl_code dl__time_lexicon_load(dl__time_kb *kb, const char *path,
                              dl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open time lexicon");
    char line[256];
    long lineno = 0;
    dl_code rc = DL_OK;
    while (rc == DL_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0 || line[0] == '#')
            continue;
        rc = add_line(kb, path, lineno, line, len, err);
    }
    fclose(f);
    return rc;
}

const tx_lex *dl__time_lookup(const dl__time_kb *kb, const char *s, size_t n)
{
    if (n == 0 || n > kb->max_word || n >= 32 || !(kb->lens[(unsigned char)s[0]] & (1u << n)))
        return NULL; /* a cheap no before hashing: most words are not time words */
    return dl__strmap_get(&kb->words, s, n);
}
