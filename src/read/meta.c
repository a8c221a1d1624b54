/*
 * meta.c — the metadata table beside a corpus and dates in file names.
 *
 * The table is CSV (RFC 4180 quoting) or TSV, told apart by its header
 * line (a tab makes it TSV). The header names the columns; the key is the
 * first of id, filename, file, name, path; the others are date
 * (publication_date, published, pubdate), title, url (link) and publisher
 * (source, outlet); other columns are ignored. Rows are kept sorted by key
 * and found by binary search. PolNeAR's metadata.tsv (filename without
 * extension, publication_date, title, publisher) is read as it is.
 */
#include "meta.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dl__meta {
    dl__meta_row *rows;
    size_t n, cap;
    char **strings; /* every cell kept, freed at the end */
    size_t ns, scap;
};

void dl__meta_free(dl__meta *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->ns; i++)
        free(m->strings[i]);
    free(m->strings);
    free(m->rows);
    free(m);
}

static char *keep(dl__meta *m, const char *s, size_t n)
{
    if (m->ns == m->scap) {
        size_t cap = m->scap ? m->scap * 2 : 256;
        char **p = realloc(m->strings, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        m->strings = p;
        m->scap = cap;
    }
    char *d = malloc(n + 1);
    if (d == NULL)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    m->strings[m->ns++] = d;
    return d;
}

/* Splits one line into at most max cells (in place, quotes undone for
 * CSV). Returns the number of cells, or -1 on an unterminated quote. */
static int split(char *line, bool tsv, char **cells, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max)
            return n;
        if (tsv) {
            cells[n++] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL)
                return n;
            *tab = '\0';
            p = tab + 1;
            continue;
        }
        if (*p == '"') {
            char *w = ++p, *start = p;
            for (;;) {
                if (*p == '\0')
                    return -1;
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            *w = '\0';
            cells[n++] = start;
            if (*p == '\0')
                return n;
            if (*p != ',')
                return -1;
            p++;
        } else {
            cells[n++] = p;
            char *comma = strchr(p, ',');
            if (comma == NULL)
                return n;
            *comma = '\0';
            p = comma + 1;
        }
    }
}

static int column(char **names, int n, const char *const *want)
{
    for (int w = 0; want[w]; w++)
        for (int i = 0; i < n; i++)
            if (strcasecmp(names[i], want[w]) == 0)
                return i;
    return -1;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const dl__meta_row *)a)->key, ((const dl__meta_row *)b)->key);
}

#define META_COLS 64

dl_code dl__meta_open(const char *path, dl__meta **out, dl_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return dl__fail_at(err, DL_EIO, path, 1, "cannot open the metadata table: %s",
                           strerror(errno));
    dl__meta *m = calloc(1, sizeof *m);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    int col[5] = {-1, -1, -1, -1, -1}, ncol = 0;
    bool tsv = false;
    dl_code rc = m ? DL_OK : DL_ENOMEM;
    static const char *const keys[] = {"id", "filename", "file", "name", "path", NULL};
    static const char *const dates[] = {"date", "publication_date", "published", "pubdate", NULL};
    static const char *const titles[] = {"title", "headline", NULL};
    static const char *const urls[] = {"url", "link", NULL};
    static const char *const pubs[] = {"publisher", "source", "outlet", NULL};
    while (rc == DL_OK && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *p = line;
        if (lineno == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
            (unsigned char)p[2] == 0xBF)
            p += 3;
        if (*p == '\0')
            continue;
        char *cells[META_COLS];
        if (ncol == 0) { /* the header */
            tsv = strchr(p, '\t') != NULL;
            ncol = split(p, tsv, cells, META_COLS);
            if (ncol > 0) {
                col[0] = column(cells, ncol, keys);
                col[1] = column(cells, ncol, dates);
                col[2] = column(cells, ncol, titles);
                col[3] = column(cells, ncol, urls);
                col[4] = column(cells, ncol, pubs);
            }
            if (ncol <= 0 || col[0] < 0)
                rc = dl__fail_at(err, DL_EFORMAT, path, lineno,
                                 "the metadata header names no key column (id, filename, file, "
                                 "name or path)");
            continue;
        }
        int n = split(p, tsv, cells, META_COLS);
        if (n < 0) {
            rc = dl__fail_at(err, DL_EFORMAT, path, lineno, "unterminated quote");
            break;
        }
        if (col[0] >= n || cells[col[0]][0] == '\0')
            continue; /* no key: nothing to match */
        if (m->n == m->cap) {
            size_t nc = m->cap ? m->cap * 2 : 256;
            dl__meta_row *r = realloc(m->rows, nc * sizeof *r);
            if (r == NULL) {
                rc = DL_ENOMEM;
                break;
            }
            m->rows = r;
            m->cap = nc;
        }
        dl__meta_row *row = &m->rows[m->n];
        const char **dst[5] = {&row->key, &row->date, &row->title, &row->url, &row->publisher};
        for (int k = 0; k < 5; k++) {
            *dst[k] = NULL;
            /* "None" and "NA" are how Python and R write a missing value */
            if (col[k] >= 0 && col[k] < n && cells[col[k]][0] &&
                strcmp(cells[col[k]], "None") != 0 && strcmp(cells[col[k]], "NA") != 0 &&
                (*dst[k] = keep(m, cells[col[k]], strlen(cells[col[k]]))) == NULL)
                rc = DL_ENOMEM;
        }
        m->n++;
    }
    free(line);
    fclose(f);
    if (rc == DL_ENOMEM)
        dl__fail(err, DL_ENOMEM, NULL);
    if (rc != DL_OK) {
        dl__meta_free(m);
        return rc;
    }
    qsort(m->rows, m->n, sizeof *m->rows, by_key);
    *out = m;
    return DL_OK;
}

static const dl__meta_row *find(const dl__meta *m, const char *key)
{
    dl__meta_row k = {.key = key};
    return bsearch(&k, m->rows, m->n, sizeof *m->rows, by_key);
}

const dl__meta_row *dl__meta_find(const dl__meta *m, const char *id, const char *path)
{
    if (m == NULL)
        return NULL;
    const dl__meta_row *r;
    if (id && (r = find(m, id)))
        return r;
    if (path == NULL)
        return NULL;
    if ((r = find(m, path)))
        return r;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[512];
    snprintf(name, sizeof name, "%s", base);
    if ((r = find(m, name)))
        return r;
    size_t n = strlen(name);
    if (n > 3 && strcmp(name + n - 3, ".gz") == 0) {
        name[n - 3] = '\0';
        if ((r = find(m, name)))
            return r;
    }
    char *dot = strrchr(name, '.');
    if (dot && dot != name) {
        *dot = '\0';
        if ((r = find(m, name)))
            return r;
    }
    return NULL;
}

/* ------------------------------------------------------ dates in names */

static bool calendar(int y, int m, int d)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool dl_date_from_name(const char *path, char out[11])
{
    if (path == NULL)
        return false;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)base[i]) || (i > 0 && isdigit((unsigned char)base[i - 1])))
            continue; /* a date starts a run of digits */
        const char *s = base + i;
        int y, m, d;
        size_t len;
        if (n - i >= 10 && digits(s, 4) && (s[4] == '-' || s[4] == '_') && s[7] == s[4] &&
            digits(s + 5, 2) && digits(s + 8, 2)) {
            y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
            len = 10;
        } else if (n - i >= 8 && digits(s, 8)) {
            y = num(s, 4), m = num(s + 4, 2), d = num(s + 6, 2);
            len = 8;
        } else {
            continue;
        }
        if (i + len < n && isdigit((unsigned char)s[len]))
            continue; /* part of a longer number */
        if (!calendar(y, m, d))
            continue;
        char buf[40];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
        memcpy(out, buf, 11);
        return true;
    }
    return false;
}
