/*
 * petr.c — readers for PETRARCH/TABARI actor and agent dictionaries, so
 * users can bring the dictionaries they maintain (Phoenix.*.actors.txt,
 * Phoenix.agents.txt, PETRARCH's validation dictionaries).
 *
 * Actors: a primary phrase (words joined by '_' or blanks) with an
 * optional [CODE], '+' synonym lines, and tab-indented date restrictions
 * [CODE <YYMMDD], [CODE >YYMMDD], [CODE YYMMDD-YYMMDD] (YYMMDD or
 * YYYYMMDD, YY <= 30 meaning 20YY), first match wins, a dateless [CODE]
 * is the default. Agents: PHRASE {PLURAL} [~CODE] or [CODE~], regular
 * plurals formed unless {} is given, !MARKER! = A, B substitution sets.
 * Comments: '#' anywhere, ';' (legacy), <!-- ... --> over lines. Words
 * are whole words (PETRARCH 2 semantics; TABARI stems are not expanded).
 */
#include "actors/actors.h"

#include <stdlib.h>

typedef struct petr_iter {
    char *p, *end;
    long no;
    int in_comment;
} petr_iter;

/* Next non-empty line with comments removed; *tab says whether it began
 * with white space. */
static int petr_line(petr_iter *it, char **s, size_t *n, int *tab)
{
    while (it->p < it->end) {
        char *b = it->p;
        char *e = memchr(b, '\n', (size_t)(it->end - b));
        if (e == NULL)
            e = it->end;
        it->p = e < it->end ? e + 1 : e;
        it->no++;
        if (it->in_comment) {
            char *close = NULL;
            for (char *q = b; q + 2 < e + 1 && q + 3 <= e; q++)
                if (q[0] == '-' && q[1] == '-' && q[2] == '>') {
                    close = q;
                    break;
                }
            if (close == NULL)
                continue;
            it->in_comment = 0;
            b = close + 3;
        }
        /* <!-- ... --> on the line, possibly opening a long comment */
        for (char *q = b; q + 4 <= e; q++) {
            if (q[0] == '<' && q[1] == '!') {
                char *close = NULL;
                for (char *r = q + 2; r + 3 <= e; r++)
                    if (r[0] == '-' && r[1] == '-' && r[2] == '>') {
                        close = r;
                        break;
                    }
                if (close == NULL) {
                    it->in_comment = 1;
                    e = q;
                    break;
                }
                memset(q, ' ', (size_t)(close + 3 - q));
            }
        }
        char *hash = memchr(b, '#', (size_t)(e - b));
        if (hash)
            e = hash;
        char *semi = memchr(b, ';', (size_t)(e - b));
        if (semi)
            e = semi;
        *tab = b < e && (*b == '\t' || *b == ' ');
        while (b < e && (*b == ' ' || *b == '\t' || *b == '\r'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (b == e)
            continue;
        *s = b;
        *n = (size_t)(e - b);
        return 1;
    }
    return 0;
}

/* A PETRARCH date, YYMMDD or YYYYMMDD, as days since 1970. */
static int petr_date(const char *s, size_t n, long *out)
{
    int v[8];
    if (n != 6 && n != 8)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v[i] = s[i] - '0';
    }
    int year, month, day;
    if (n == 6) {
        year = v[0] * 10 + v[1];
        year += year <= 30 ? 2000 : 1900;
        month = v[2] * 10 + v[3];
        day = v[4] * 10 + v[5];
    } else {
        year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        month = v[4] * 10 + v[5];
        day = v[6] * 10 + v[7];
    }
    if (!dl_date_valid(year, month, day))
        return 0;
    *out = dl_date_to_days((dl_date){year, month, day});
    return 1;
}

static int code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '+';
}

#define OPEN_LO (-1000000L)
#define OPEN_HI (1000000L)

/* Parses the inside of one [...]: "CODE", "CODE <D", "CODE >D",
 * "CODE D-D" (blanks allowed around the operators). */
static int parse_restr(dl__actor_dict *d, const char *s, size_t n,
                       const char **code, long *from, long *to, int *dated)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t c0 = i;
    while (i < n && code_char(s[i]))
        i++;
    if (i == c0)
        return 0;
    /* "[950601-990815]": a date where the code should be */
    int digits = 1;
    for (size_t k = c0; k < i; k++)
        if (s[k] < '0' || s[k] > '9')
            digits = 0;
    if (digits)
        return 0;
    char up[32];
    size_t cl = i - c0 < sizeof up ? i - c0 : sizeof up - 1;
    for (size_t k = 0; k < cl; k++) {
        char c = s[c0 + k];
        up[k] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    *code = dl__arena_strndup(&d->arena, up, cl);
    *from = OPEN_LO;
    *to = OPEN_HI;
    *dated = 0;
    /* the rest, blanks removed */
    char rest[64];
    size_t rn = 0;
    for (; i < n && rn < sizeof rest - 1; i++)
        if (s[i] != ' ' && s[i] != '\t')
            rest[rn++] = s[i];
    if (rn == 0)
        return 1;
    *dated = 1;
    if (rest[0] == '<')
        return petr_date(rest + 1, rn - 1, to);
    if (rest[0] == '>')
        return petr_date(rest + 1, rn - 1, from);
    char *dash = memchr(rest, '-', rn);
    if (dash == NULL)
        return 0;
    size_t an = (size_t)(dash - rest);
    return petr_date(rest, an, from) &&
           petr_date(dash + 1, rn - an - 1, to) && *from <= *to;
}

typedef struct petr_actor {
    int32_t entry;
    int has_default;
} petr_actor;

static void finish_actor(dl__actor_dict *d, petr_actor *pa)
{
    if (pa->entry < 0)
        return;
    dl__actor_entry *e = &d->actors[pa->entry];
    const char *c = e->code;
    if (c == NULL && e->nrestr > 0)
        c = d->restrs[e->restr].code;
    if (e->nrestr > 0)
        e->kind = DL_ACTOR_PERSON;
    else if (c && strlen(c) == 3 && strcmp(c, "---") != 0)
        e->kind = DL_ACTOR_COUNTRY;
    else
        e->kind = DL_ACTOR_ORGANIZATION;
    pa->entry = -1;
}

/* Reads every [...] group of a line into the current entry. Returns the
 * length of the phrase before the first '['. */
static size_t petr_codes(dl__actor_dict *d, petr_actor *pa, const char *s,
                         size_t n, const char *file, long no)
{
    const char *lb = memchr(s, '[', n);
    size_t phrase = lb ? (size_t)(lb - s) : n;
    while (lb != NULL) {
        const char *rb = memchr(lb, ']', (size_t)(s + n - lb));
        if (rb == NULL) {
            dl__adict_diag(d, 0, file, no, "missing ']'");
            break;
        }
        const char *code;
        long from, to;
        int dated;
        if (!parse_restr(d, lb + 1, (size_t)(rb - lb - 1), &code, &from, &to, &dated)) {
            dl__adict_diag(d, 0, file, no, "bad code block '%.*s'",
                           (int)(rb - lb + 1), lb);
        } else if (pa->entry < 0) {
            dl__adict_diag(d, 0, file, no, "code block outside an entry");
        } else if (!dated) {
            if (!pa->has_default)
                d->actors[pa->entry].code = code;
            pa->has_default = 1;
        } else {
            dl__adict_add_restr(d, pa->entry, from, to, code);
        }
        lb = memchr(rb, '[', (size_t)(s + n - rb));
    }
    while (phrase > 0 && (s[phrase - 1] == ' ' || s[phrase - 1] == '\t'))
        phrase--;
    return phrase;
}

static size_t trim_phrase(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == '_' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n;
}

dl_code dl__load_petr_actors(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    petr_iter it = {buf, buf + len, 0, 0};
    char *s;
    size_t n;
    int tab;
    petr_actor pa = {-1, 0};
    while (petr_line(&it, &s, &n, &tab)) {
        if (s[0] == '[') {
            petr_codes(d, &pa, s, n, path, it.no);
            continue;
        }
        if (s[0] == '+') {
            if (pa.entry < 0) {
                dl__adict_diag(d, 0, path, it.no, "synonym outside an entry");
                continue;
            }
            size_t ph = trim_phrase(s + 1, petr_codes(d, &pa, s + 1, n - 1, path, it.no));
            if (ph > 0)
                dl__adict_add_actor(d, s + 1, ph, pa.entry,
                                    dl__adict_where(d, path, it.no));
            continue;
        }
        finish_actor(d, &pa);
        pa.entry = dl__adict_new_actor(d);
        pa.has_default = 0;
        if (pa.entry < 0)
            break;
        const char *where = dl__adict_where(d, path, it.no);
        dl__actor_entry *e = &d->actors[pa.entry];
        e->flags = DL__ACT_PETR | DL__ACT_NEEDCAP;
        e->why = where;
        size_t ph = trim_phrase(s, petr_codes(d, &pa, s, n, path, it.no));
        if (ph == 0) {
            dl__adict_diag(d, 0, path, it.no, "entry without a phrase");
            continue;
        }
        /* canonical name: the primary phrase with blanks for '_' */
        char *name = dl__arena_strndup(&d->arena, s, ph);
        for (char *q = name; q && *q; q++)
            if (*q == '_')
                *q = ' ';
        d->actors[pa.entry].name = name;
        dl__adict_add_actor(d, s, ph, pa.entry, where);
    }
    finish_actor(d, &pa);
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* ------------------------------------------------------------ agents */

#define MAX_MARKERS 64
#define MAX_SUBST 32

typedef struct marker {
    char name[32];
    const char *items[MAX_SUBST];
    size_t lens[MAX_SUBST];
    int n;
} marker;

static void define_marker(dl__actor_dict *d, marker *m, int *nm, const char *s,
                          size_t n, const char *file, long no)
{
    const char *a = memchr(s, '!', n);
    const char *b = a ? memchr(a + 1, '!', (size_t)(s + n - a - 1)) : NULL;
    const char *eq = b ? memchr(b, '=', (size_t)(s + n - b)) : NULL;
    if (!a || !b || !eq || (size_t)(b - a - 1) >= sizeof m->name) {
        dl__adict_diag(d, 0, file, no, "substitution marker incorrectly defined");
        return;
    }
    if (*nm >= MAX_MARKERS) {
        dl__adict_diag(d, 0, file, no, "more than %d substitution markers", MAX_MARKERS);
        return;
    }
    marker *k = &m[(*nm)++];
    memset(k, 0, sizeof *k);
    memcpy(k->name, a + 1, (size_t)(b - a - 1));
    const char *p = eq + 1, *end = s + n;
    while (p < end && k->n < MAX_SUBST) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *e = c ? c : end;
        const char *x = p, *y = e;
        while (x < y && (*x == ' ' || *x == '\t'))
            x++;
        while (y > x && (y[-1] == ' ' || y[-1] == '\t'))
            y--;
        if (y > x) {
            k->items[k->n] = dl__arena_strndup(&d->arena, x, (size_t)(y - x));
            k->lens[k->n++] = (size_t)(y - x);
        }
        p = c ? c + 1 : end;
    }
}

static const char *petr_plural(dl__actor_dict *d, const char *s, size_t n)
{
    char last = s[n - 1];
    if (last == 'Y' || last == 'y')
        return dl__arena_printf(&d->arena, "%.*sIES", (int)n - 1, s);
    if (last == 'S' || last == 's')
        return dl__arena_printf(&d->arena, "%.*sES", (int)n, s);
    return dl__arena_printf(&d->arena, "%.*sS", (int)n, s);
}

static void petr_agent_line(dl__actor_dict *d, marker *m, int nm, const char *s,
                            size_t n, const char *file, long no)
{
    const char *lb = memchr(s, '[', n);
    const char *rb = lb ? memchr(lb, ']', (size_t)(s + n - lb)) : NULL;
    if (lb == NULL) {
        dl__adict_diag(d, 0, file, no, "codes are required for agents");
        return;
    }
    if (rb == NULL) {
        dl__adict_diag(d, 0, file, no, "missing ']'");
        return;
    }
    /* the code: blanks dropped, '~' before (suffix) or after (prefix) */
    char code[32];
    size_t cl = 0;
    int tilde_first = -1;
    for (const char *q = lb + 1; q < rb; q++) {
        if (*q == ' ' || *q == '\t')
            continue;
        if (*q == '~') {
            if (tilde_first < 0)
                tilde_first = cl == 0;
            continue;
        }
        if (!code_char(*q) || cl >= sizeof code - 1) {
            dl__adict_diag(d, 0, file, no, "bad agent code '%.*s'", (int)(rb - lb + 1), lb);
            return;
        }
        code[cl++] = (*q >= 'a' && *q <= 'z') ? (char)(*q - 32) : *q;
    }
    if (tilde_first < 0 || cl == 0) {
        dl__adict_diag(d, 0, file, no, "agent code needs '~' before or after it");
        return;
    }
    const char *why = dl__adict_where(d, file, no);
    int32_t a = dl__adict_new_agent(d);
    if (a < 0)
        return;
    d->agents[a].code = dl__arena_strndup(&d->arena, code, cl);
    d->agents[a].flags = (tilde_first ? 0 : DL__AGT_PREFIX) | DL__AGT_TITLE;
    d->agents[a].why = why;
    size_t pn = (size_t)(lb - s);
    const char *lc = memchr(s, '{', pn);
    const char *bang = memchr(s, '!', pn);
    if (bang != NULL) {
        const char *b2 = memchr(bang + 1, '!', (size_t)(s + pn - bang - 1));
        int k = -1;
        for (int i = 0; b2 && i < nm; i++)
            if (strlen(m[i].name) == (size_t)(b2 - bang - 1) &&
                memcmp(m[i].name, bang + 1, (size_t)(b2 - bang - 1)) == 0)
                k = i;
        if (k < 0) {
            dl__adict_diag(d, 0, file, no, "substitution marker missing; line skipped");
            return;
        }
        size_t tail = (size_t)(s + trim_phrase(s, pn) - b2 - 1);
        for (int i = 0; i < m[k].n; i++) {
            const char *p = dl__arena_printf(&d->arena, "%.*s%s%.*s",
                                             (int)(bang - s), s, m[k].items[i],
                                             (int)tail, b2 + 1);
            if (p)
                dl__adict_add_agent(d, p, strlen(p), a, why);
        }
        return;
    }
    if (lc != NULL) {
        const char *rc = memchr(lc, '}', (size_t)(s + pn - lc));
        if (rc == NULL) {
            dl__adict_diag(d, 0, file, no, "missing '}'");
            return;
        }
        size_t ph = trim_phrase(s, (size_t)(lc - s));
        if (ph)
            dl__adict_add_agent(d, s, ph, a, why);
        const char *p = lc + 1;
        size_t pl = trim_phrase(p, (size_t)(rc - p));
        while (pl > 0 && (*p == ' ' || *p == '\t'))
            p++, pl--;
        if (pl > 0)
            dl__adict_add_agent(d, p, pl, a, why);
        return;
    }
    size_t ph = trim_phrase(s, pn);
    if (ph == 0) {
        dl__adict_diag(d, 0, file, no, "agent without a phrase");
        return;
    }
    dl__adict_add_agent(d, s, ph, a, why);
    const char *pl = petr_plural(d, s, ph);
    if (pl)
        dl__adict_add_agent(d, pl, strlen(pl), a, why);
}

dl_code dl__load_petr_agents(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    marker *m = calloc(MAX_MARKERS, sizeof *m);
    if (m == NULL) {
        free(buf);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    int nm = 0;
    petr_iter it = {buf, buf + len, 0, 0};
    char *s;
    size_t n;
    int tab;
    while (petr_line(&it, &s, &n, &tab)) {
        if (memchr(s, '!', n) && memchr(s, '=', n))
            define_marker(d, m, &nm, s, n, path, it.no);
        else
            petr_agent_line(d, m, nm, s, n, path, it.no);
    }
    free(m);
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}
