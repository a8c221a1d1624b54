/*
 * table.c — the `table` output format of the query commands: rows are
 * kept until the query ends, then printed as a column-aligned table with
 * a header, numbers right-aligned, sized to the terminal (or $COLUMNS):
 * when the natural widths do not fit, the widest columns give way first
 * (down to 10 display columns, then 6), long text cut with an ellipsis
 * ("…"); if that is not enough, minor columns (document references,
 * coordinates), then others from the right, are left out and a note on
 * stderr says so. --wide keeps every value whole. Widths count display columns (utf8proc), and terminal
 * highlighting (ESC [ ... m) takes none.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

struct cli_table {
    int ncol;
    char **names;
    char **cells; /* nrows * ncol, row-major; NULL: empty */
    size_t nrows, cap;
};

static char *dup_clean(const char *s)
{
    if (s == NULL)
        return NULL;
    char *d = strdup(s);
    if (d == NULL)
        return NULL;
    for (char *p = d; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    return d;
}

int cli_table_add(cli_printer *p, int ncol, const char *const *names,
                  const char *const *values)
{
    cli_table *t = p->table;
    if (t == NULL) {
        t = p->table = calloc(1, sizeof *t);
        if (t == NULL)
            return 1;
        t->ncol = ncol;
        t->names = calloc((size_t)ncol, sizeof *t->names);
        if (t->names == NULL)
            return 1;
        for (int i = 0; i < ncol; i++)
            t->names[i] = dup_clean(names[i]);
    }
    if (ncol != t->ncol)
        return 1;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **c = realloc(t->cells, cap * (size_t)ncol * sizeof *c);
        if (c == NULL)
            return 1;
        t->cells = c;
        t->cap = cap;
    }
    for (int i = 0; i < ncol; i++)
        t->cells[t->nrows * (size_t)ncol + (size_t)i] =
            values[i] && values[i][0] ? dup_clean(values[i]) : NULL;
    t->nrows++;
    return 0;
}

/* Display width of s, escape sequences excluded. */
static int width_of(const char *s)
{
    int w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        if (*p == 0x1b && p[1] == '[') {
            p += 2;
            while (*p && *p != 'm')
                p++;
            if (*p)
                p++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {
            p++;
            w++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? cw : 0;
        p += n;
    }
    return w;
}

/* Prints s in exactly w display columns: cut with "…" when wider, padded
 * left (right-aligned) or right. */
static void put_cell(const char *s, int w, bool right, bool last)
{
    if (s == NULL)
        s = "";
    int sw = width_of(s);
    if (sw <= w) {
        if (right)
            printf("%*s", w - sw, "");
        fputs(s, stdout);
        if (!right && !last)
            printf("%*s", w - sw, "");
        return;
    }
    /* cut: copy up to w - 1 columns, then the ellipsis */
    int used = 0;
    bool esc = false;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        if (*p == 0x1b && p[1] == '[') {
            const utf8proc_uint8_t *q = p + 2;
            while (*q && *q != 'm')
                q++;
            if (*q)
                q++;
            fwrite(p, 1, (size_t)(q - p), stdout);
            esc = true;
            p = q;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        int cw = 1;
        if (n <= 0)
            n = 1;
        else
            cw = utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0;
        if (used + cw > w - 1)
            break;
        fwrite(p, 1, (size_t)n, stdout);
        used += cw;
        p += n;
    }
    if (esc)
        fputs("\x1b[0m", stdout);
    fputs("\xe2\x80\xa6", stdout); /* … */
    used++;
    if (!last)
        printf("%*s", w - used, "");
}

static bool is_number(const char *s)
{
    if (s == NULL)
        return true; /* empty cells do not decide */
    char *end;
    strtod(s, &end);
    return end != s && *end == '\0';
}

int cli_terminal_width(void)
{
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n >= 20 && n <= 1000 ? (int)n : 80;
}

/* Widths of the shown columns for `avail` display columns (separators
 * included); returns how many columns it had to leave out. */
static int fit(const cli_table *t, int *w, const int *nat, bool *shown, int avail, bool wide)
{
    static const char *const minor[] = {"doc", "first_doc", "sentence", "score", "lon",
                                        "lat", "place_country", "mode", NULL};
    int nc = t->ncol, left_out = 0;
    for (int pass = 0;; pass++) {
        int total = 0, nshown = 0;
        for (int c = 0; c < nc; c++)
            if (shown[c]) {
                w[c] = nat[c];
                total += w[c] + (nshown++ ? 2 : 0);
            }
        if (wide)
            return 0;
        /* the widest column gives way, one display column at a time, down
         * to 10 (dates, codes and numbers stay whole); then a minor column
         * is left out; with none left, down to 6; then the rightmost goes */
        int drop = -1;
        for (int floor = 10; floor >= 6 && total > avail && drop < 0; floor -= 4) {
            while (total > avail) {
                int best = -1;
                for (int c = 0; c < nc; c++)
                    if (shown[c] && w[c] > floor && (best < 0 || w[c] >= w[best]))
                        best = c;
                if (best < 0)
                    break;
                w[best]--;
                total--;
            }
            for (int c = nc - 1; c >= 0 && drop < 0 && total > avail; c--)
                for (int k = 0; shown[c] && minor[k]; k++)
                    if (strcmp(t->names[c], minor[k]) == 0)
                        drop = c;
        }
        if (total <= avail || nshown <= 1 || pass > nc)
            return left_out;
        for (int c = nc - 1; c >= 0 && drop < 0; c--)
            if (shown[c])
                drop = c;
        shown[drop] = false;
        left_out++;
    }
}

void cli_table_print(cli_printer *p)
{
    cli_table *t = p->table;
    if (t == NULL)
        return;
    int nc = t->ncol;
    int *w = calloc((size_t)nc, sizeof *w), *nat = calloc((size_t)nc, sizeof *nat);
    bool *right = calloc((size_t)nc, sizeof *right), *shown = calloc((size_t)nc, sizeof *shown);
    if (w && nat && right && shown) {
        /* columns empty on every row are left out */
        for (int c = 0; c < nc; c++) {
            right[c] = true;
            for (size_t r = 0; r < t->nrows; r++) {
                const char *v = t->cells[r * (size_t)nc + (size_t)c];
                if (v) {
                    shown[c] = true;
                    int vw = width_of(v);
                    if (vw > nat[c])
                        nat[c] = vw;
                }
                right[c] = right[c] && is_number(v);
            }
            if (!shown[c])
                continue;
            int hw = width_of(t->names[c]);
            if (hw > nat[c])
                nat[c] = hw;
            w[c] = nat[c];
        }
        int avail = p->width > 0 ? p->width : cli_terminal_width();
        int left_out = fit(t, w, nat, shown, avail, p->wide);
        if (left_out)
            fprintf(stderr, "(%d column%s left out to fit %d columns: --wide or --format tsv shows all)\n",
                    left_out, left_out > 1 ? "s" : "", avail);
        int last = -1;
        for (int c = 0; c < nc; c++)
            if (shown[c])
                last = c;
        for (int c = 0, first = 1; c < nc; c++) {
            if (!shown[c])
                continue;
            if (!first)
                fputs("  ", stdout);
            first = 0;
            put_cell(t->names[c], w[c], right[c], c == last);
        }
        putchar('\n');
        for (int c = 0, first = 1; c < nc; c++) {
            if (!shown[c])
                continue;
            if (!first)
                fputs("  ", stdout);
            first = 0;
            for (int k = 0; k < w[c]; k++)
                putchar('-');
        }
        putchar('\n');
        for (size_t r = 0; r < t->nrows; r++) {
            for (int c = 0, first = 1; c < nc; c++) {
                if (!shown[c])
                    continue;
                if (!first)
                    fputs("  ", stdout);
                first = 0;
                put_cell(t->cells[r * (size_t)nc + (size_t)c], w[c], right[c], c == last);
            }
            putchar('\n');
        }
    }
    free(w);
    free(nat);
    free(right);
    free(shown);
    for (size_t i = 0; i < t->nrows * (size_t)nc; i++)
        free(t->cells[i]);
    for (int c = 0; c < nc; c++)
        free(t->names[c]);
    free(t->names);
    free(t->cells);
    free(t);
    p->table = NULL;
}
