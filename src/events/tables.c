/*
 * tables.c — loads data/events/cameo.tsv (CAMEO code, Goldstein score,
 * QuadClass, PLOVER type and mode, name) into the events knowledge, and
 * the small file reader the dictionary loaders share.
 */
#include "events/events.h"

#include <errno.h>
#include <stdlib.h>

#define MAX_DICT_FILE (64u << 20)

dl_code dl__events_read_file(const char *path, char **out, size_t *len,
                             dl_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s",
                           strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            if (cap >= MAX_DICT_FILE) {
                free(buf);
                fclose(f);
                return dl__fail_at(err, DL_ELIMIT, path, 0, "file too large");
            }
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        if (k == 0)
            break;
        n += k;
    }
    fclose(f);
    if (buf == NULL)
        return dl__fail(err, DL_ENOMEM, "out of memory reading %s", path);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return DL_OK;
}

/* Splits line at tabs into at most max fields (in place). */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (t == NULL)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static double parse_double(const char *s, bool *ok)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    *ok = end != s && errno == 0;
    return d;
}

static const char *dash_null(dl__arena *a, const char *s)
{
    if (s[0] == '\0' || strcmp(s, "-") == 0)
        return NULL;
    return dl__arena_strdup(a, s);
}

static dl_code add_row(dl__events_kb *ek, char **f, const char *path,
                       long line, size_t *cap, dl_error *err)
{
    size_t clen = strlen(f[0]);
    if (clen < 2 || clen > 4)
        return dl__fail_at(err, DL_EDICT, path, line, "bad CAMEO code '%s'",
                           f[0]);
    bool ok1, ok2;
    double g = parse_double(f[1], &ok1);
    double q = parse_double(f[2], &ok2);
    if (!ok1 || !ok2 || q < 1 || q > 4)
        return dl__fail_at(err, DL_EDICT, path, line,
                           "bad Goldstein score or QuadClass");
    if (ek->ncameo == *cap) {
        size_t nc = *cap ? *cap * 2 : 512;
        dl__cameo *nt = dl__arena_alloc(&ek->arena, nc * sizeof *nt);
        if (nt == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        if (ek->ncameo)
            memcpy(nt, ek->cameo, ek->ncameo * sizeof *nt);
        ek->cameo = nt;
        *cap = nc;
    }
    dl__cameo *c = &ek->cameo[ek->ncameo++];
    memcpy(c->code, f[0], clen + 1);
    c->goldstein = g;
    c->quad = (int)q;
    c->plover = dash_null(&ek->arena, f[3]);
    c->mode = dash_null(&ek->arena, f[4]);
    c->name = dl__arena_strdup(&ek->arena, f[5]);
    return DL_OK;
}

dl_code dl__events_load_tables(dl__events_kb *ek, const char *path,
                               dl_error *err)
{
    char *buf;
    size_t len;
    dl_code rc = dl__events_read_file(path, &buf, &len, err);
    if (rc != DL_OK)
        return rc;
    size_t cap = 0;
    long line = 0;
    char *p = buf;
    while (rc == DL_OK && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        if (p[0] != '#' && p[0] != '\0') {
            char *f[6];
            if (split_tabs(p, f, 6) != 6)
                rc = dl__fail_at(err, DL_EDICT, path, line,
                                 "expected 6 tab-separated fields");
            else
                rc = add_row(ek, f, path, line, &cap, err);
        }
        p = nl ? nl + 1 : p + n;
    }
    free(buf);
    if (rc != DL_OK)
        return rc;
    /* index after the array stops moving */
    for (size_t i = 0; i < ek->ncameo; i++) {
        int oom = 0;
        dl__strmap_put(&ek->cameo_by_code, ek->cameo[i].code,
                       strlen(ek->cameo[i].code), &ek->cameo[i], &oom);
        if (oom)
            return dl__fail(err, DL_ENOMEM, NULL);
    }
    return DL_OK;
}

/* The table entry of a code; unknown sub-codes fall back to their parent
 * ("1384x" -> "138"), then to the root. NULL when nothing matches. */
const dl__cameo *dl__cameo_get(const dl__events_kb *ek, const char *code)
{
    size_t n = strlen(code);
    if (n > 4)
        n = 4;
    for (; n >= 2; n--) {
        const dl__cameo *c = dl__strmap_get(&ek->cameo_by_code, code, n);
        if (c)
            return c;
    }
    return NULL;
}
