/*
 * utf8.c — UTF-8 validation, decoding and the normalized form used for
 * dictionary matching: lower case, accents removed ("Rzeszów" -> "rzeszow",
 * "Ukraine’s" keeps its apostrophe as ’). Non-ASCII text goes through
 * utf8proc (NFKD + casefold + strip marks); ASCII, the common case in
 * English news, takes a table-free fast path.
 */
#include "dl.h"

#include <stdlib.h>
#include <utf8proc.h>

int dl__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (int)k;
}

size_t dl__utf8_valid_prefix(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII run: the common case, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

char *dl__normalize(dl__arena *a, const char *s, size_t n, size_t *outlen)
{
    int ascii = 1;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            ascii = 0;
            break;
        }
    }
    if (ascii) {
        char *p = dl__arena_alloc(a, n + 1);
        if (p == NULL)
            return NULL;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            p[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        p[n] = '\0';
        if (outlen)
            *outlen = n;
        return p;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t k = utf8proc_map(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
        UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK);
    if (k < 0) {
        /* not valid UTF-8: keep bytes, lower-case ASCII only */
        free(out);
        char *p = dl__arena_strndup(a, s, n);
        if (p == NULL)
            return NULL;
        for (size_t i = 0; i < n; i++)
            if (p[i] >= 'A' && p[i] <= 'Z')
                p[i] = (char)(p[i] + 32);
        if (outlen)
            *outlen = n;
        return p;
    }
    /* Typographic apostrophe to ASCII so "Russia’s" and "Russia's" match. */
    size_t m = 0;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        if (i + 2 < k && out[i] == 0xE2 && out[i + 1] == 0x80 &&
            (out[i + 2] == 0x99 || out[i + 2] == 0x98)) {
            out[m++] = '\'';
            i += 2;
        } else {
            out[m++] = out[i];
        }
    }
    char *p = dl__arena_strndup(a, (const char *)out, m);
    free(out);
    if (outlen)
        *outlen = m;
    return p;
}
