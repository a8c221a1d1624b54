/*
 * load.c — readers for our own actor dictionaries (docs/actors.md):
 * countries (and the file converted from iso-codes at build time),
 * agents, organizations and people with dated roles. Syntax errors are
 * noted with file:line and the line is skipped; only I/O fails a load.
 */
#include "actors/actors.h"

#include <errno.h>
#include <stdlib.h>

#define DL__MAX_DICT (64u << 20) /* 64 MiB per dictionary file */

char *dl__actors_slurp(const char *path, size_t *len, dl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    while (p != NULL) {
        size_t k = fread(p + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0)
            break;
        if (n + 1 == cap) {
            if (cap >= DL__MAX_DICT) {
                free(p);
                fclose(f);
                dl__fail_at(err, DL_ELIMIT, path, 0, "dictionary larger than 64 MiB");
                return NULL;
            }
            char *q = realloc(p, cap * 2);
            if (q == NULL) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (p == NULL) {
        dl__fail(err, DL_ENOMEM, "out of memory reading %s", path);
        return NULL;
    }
    if (bad) {
        free(p);
        dl__fail_at(err, DL_EIO, path, 0, "read error");
        return NULL;
    }
    p[n] = '\0';
    *len = n;
    return p;
}

/* ------------------------------------------------------------ lines */

typedef struct line_iter {
    char *p, *end;
    long no;
} line_iter;

/* Next line: its text without comment and trailing blanks, whether it is
 * indented, its number. Returns 0 at the end. Blank lines are skipped. */
static int next_line(line_iter *it, char **s, size_t *n, int *indented)
{
    while (it->p < it->end) {
        char *b = it->p;
        char *e = memchr(b, '\n', (size_t)(it->end - b));
        if (e == NULL)
            e = it->end;
        it->p = e < it->end ? e + 1 : e;
        it->no++;
        char *hash = memchr(b, '#', (size_t)(e - b));
        if (hash)
            e = hash;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        *indented = b < e && (b[0] == ' ' || b[0] == '\t');
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        if (b == e)
            continue;
        *s = b;
        *n = (size_t)(e - b);
        return 1;
    }
    return 0;
}

/* Splits s on '|' into trimmed fields; returns the count (at most max). */
static int split_bars(char *s, size_t n, char **f, size_t *fl, int max)
{
    int k = 0;
    size_t i = 0;
    while (i <= n && k < max) {
        size_t j = i;
        while (j < n && s[j] != '|')
            j++;
        size_t a = i, b = j;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        f[k] = s + a;
        fl[k] = b - a;
        k++;
        i = j + 1;
    }
    return k;
}

static int valid_code(const char *s, size_t n)
{
    if (n < 3 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}

static const char *keep(dl__actor_dict *d, const char *s, size_t n)
{
    return dl__arena_strndup(&d->arena, s, n);
}

/* ------------------------------------------------------------ countries */

typedef struct country_ctx {
    const char *code;    /* "RUS" */
    const char *name;    /* canonical name */
} country_ctx;

static void add_names(dl__actor_dict *d, char **f, size_t *fl, int k,
                      dl_actor_kind kind, unsigned flags, const char *code,
                      const char *name, const char *where)
{
    int32_t e = dl__adict_new_actor(d);
    if (e < 0)
        return;
    dl__actor_entry *en = &d->actors[e];
    en->kind = kind;
    en->flags = flags | DL__ACT_NEEDCAP;
    en->code = code;
    en->name = name;
    en->why = where;
    for (int i = 0; i < k; i++)
        if (fl[i] > 0)
            dl__adict_add_actor(d, f[i], fl[i], e, where);
}

static void country_key(dl__actor_dict *d, country_ctx *c, char *s, size_t n,
                        const char *file, long no)
{
    const char *where = dl__adict_where(d, file, no);
    char *colon = memchr(s, ':', n);
    if (colon == NULL || c->code == NULL) {
        dl__adict_diag(d, 0, file, no, c->code ? "expected 'key: value'"
                                                : "indented line outside a country");
        return;
    }
    size_t kl = (size_t)(colon - s);
    char *v = colon + 1;
    size_t vn = n - kl - 1;
    char *f[64];
    size_t fl[64];
    int k = split_bars(v, vn, f, fl, 64);
    const char *gov = dl__arena_printf(&d->arena, "%sGOV", c->code);
    if (kl == 3 && memcmp(s, "adj", 3) == 0)
        add_names(d, f, fl, k, DL_ACTOR_COUNTRY, DL__ACT_ADJ, c->code, c->name, where);
    else if (kl == 6 && memcmp(s, "people", 6) == 0)
        add_names(d, f, fl, k, DL_ACTOR_COUNTRY, DL__ACT_PEOPLE, c->code, c->name, where);
    else if (kl == 4 && memcmp(s, "name", 4) == 0)
        add_names(d, f, fl, k, DL_ACTOR_COUNTRY, 0, c->code, c->name, where);
    else if ((kl == 7 && memcmp(s, "capital", 7) == 0) ||
             (kl == 4 && memcmp(s, "seat", 4) == 0)) {
        unsigned fg = kl == 4 ? DL__ACT_SEAT : DL__ACT_CAPITAL;
        for (int i = 0; i < k; i++) {
            /* "the Pentagon [MIL]": a sector other than GOV */
            const char *code = gov;
            size_t n2 = fl[i];
            char *lb = n2 ? memchr(f[i], '[', n2) : NULL;
            if (lb && f[i][n2 - 1] == ']' && valid_code(lb + 1, (size_t)(f[i] + n2 - 1 - lb - 1))) {
                code = dl__arena_printf(&d->arena, "%s%.*s", c->code,
                                        (int)(f[i] + n2 - 1 - lb - 1), lb + 1);
                n2 = (size_t)(lb - f[i]);
                while (n2 > 0 && f[i][n2 - 1] == ' ')
                    n2--;
            }
            size_t one = n2;
            add_names(d, &f[i], &one, 1, DL_ACTOR_METONYM, fg, code, c->name, where);
        }
    } else
        dl__adict_diag(d, 0, file, no, "unknown key '%.*s'", (int)kl, s);
}

dl_code dl__load_countries(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    line_iter it = {buf, buf + len, 0};
    char *s;
    size_t n;
    int ind;
    country_ctx c = {NULL, NULL};
    while (next_line(&it, &s, &n, &ind)) {
        if (ind) {
            country_key(d, &c, s, n, path, it.no);
            continue;
        }
        char *f[64];
        size_t fl[64];
        int k = split_bars(s, n, f, fl, 64);
        if (k < 2 || !valid_code(f[0], fl[0])) {
            dl__adict_diag(d, 0, path, it.no, "expected 'CODE | Name | ...'");
            c.code = NULL;
            continue;
        }
        c.code = keep(d, f[0], fl[0]);
        c.name = keep(d, f[1], fl[1]);
        add_names(d, f + 1, fl + 1, k - 1, DL_ACTOR_COUNTRY, 0, c.code, c.name,
                  dl__adict_where(d, path, it.no));
    }
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* ------------------------------------------------------------ agents */

/* The regular plural of a phrase's last word, as PETRARCH forms it. */
static char *plural_of(dl__actor_dict *d, const char *s, size_t n)
{
    if (n == 0)
        return NULL;
    char last = s[n - 1];
    if (last == 'y' || last == 'Y') {
        char c1 = n >= 2 ? (char)(s[n - 2] | 0x20) : 'x';
        if (c1 == 'a' || c1 == 'e' || c1 == 'o' || c1 == 'u')
            return dl__arena_printf(&d->arena, "%.*ss", (int)n, s);
        return dl__arena_printf(&d->arena, "%.*sies", (int)n - 1, s);
    }
    if (last == 's' || last == 'S' || last == 'x' || last == 'h')
        return dl__arena_printf(&d->arena, "%.*ses", (int)n, s);
    return dl__arena_printf(&d->arena, "%.*ss", (int)n, s);
}

static int32_t new_agent(dl__actor_dict *d, const char *code, unsigned flags,
                         const char *why)
{
    int32_t a = dl__adict_new_agent(d);
    if (a >= 0) {
        d->agents[a].code = code;
        d->agents[a].flags = flags;
        d->agents[a].why = why;
    }
    return a;
}

dl_code dl__load_agents(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    line_iter it = {buf, buf + len, 0};
    char *s;
    size_t n;
    int ind;
    while (next_line(&it, &s, &n, &ind)) {
        char *f[128];
        size_t fl[128];
        int k = split_bars(s, n, f, fl, 128);
        /* first field: CODE [title] [prefix] [noplural] */
        size_t cl = 0;
        while (cl < fl[0] && f[0][cl] != ' ' && f[0][cl] != '\t')
            cl++;
        if (k < 2 || !valid_code(f[0], cl)) {
            dl__adict_diag(d, 0, path, it.no, "expected 'CODE [flags] | form | ...'");
            continue;
        }
        unsigned flags = 0;
        int plural = 1;
        const char *fs = f[0] + cl, *fe = f[0] + fl[0];
        while (fs < fe) {
            while (fs < fe && (*fs == ' ' || *fs == '\t'))
                fs++;
            const char *we = fs;
            while (we < fe && *we != ' ' && *we != '\t')
                we++;
            size_t wl = (size_t)(we - fs);
            if (wl == 5 && memcmp(fs, "title", 5) == 0)
                flags |= DL__AGT_TITLE;
            else if (wl == 6 && memcmp(fs, "prefix", 6) == 0)
                flags |= DL__AGT_PREFIX;
            else if (wl == 3 && memcmp(fs, "adj", 3) == 0)
                flags |= DL__AGT_ADJ;
            else if (wl == 6 && memcmp(fs, "nobare", 6) == 0)
                flags |= DL__AGT_NOBARE;
            else if (wl == 8 && memcmp(fs, "noplural", 8) == 0)
                plural = 0;
            else if (wl == 6 && memcmp(fs, "plural", 6) == 0)
                flags |= DL__AGT_PLURAL, plural = 0;
            else if (wl > 0)
                dl__adict_diag(d, 0, path, it.no, "unknown flag '%.*s'", (int)wl, fs);
            fs = we;
        }
        const char *why = dl__adict_where(d, path, it.no);
        const char *code = keep(d, f[0], cl);
        int32_t one = new_agent(d, code, flags, why);
        int32_t many = plural ? new_agent(d, code, (flags | DL__AGT_PLURAL), why) : -1;
        for (int i = 1; i < k; i++) {
            if (fl[i] == 0)
                continue;
            dl__adict_add_agent(d, f[i], fl[i], one, why);
            if (many >= 0) {
                char *p = plural_of(d, f[i], fl[i]);
                if (p)
                    dl__adict_add_agent(d, p, strlen(p), many, why);
            }
        }
    }
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* ------------------------------------------------------------ orgs */

static dl_actor_kind kind_named(const char *s, size_t n, int *ok)
{
    static const struct {
        const char *name;
        dl_actor_kind kind;
    } kinds[] = {
        {"person", DL_ACTOR_PERSON},   {"country", DL_ACTOR_COUNTRY},
        {"organization", DL_ACTOR_ORGANIZATION}, {"agent", DL_ACTOR_AGENT},
        {"group", DL_ACTOR_GROUP},     {"metonym", DL_ACTOR_METONYM},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(kinds); i++)
        if (strlen(kinds[i].name) == n && memcmp(kinds[i].name, s, n) == 0) {
            *ok = 1;
            return kinds[i].kind;
        }
    *ok = 0;
    return DL_ACTOR_ORGANIZATION;
}

static void org_key(dl__actor_dict *d, int32_t e, char *s, size_t n,
                    const char *file, long no)
{
    char *colon = memchr(s, ':', n);
    if (e < 0 || colon == NULL) {
        dl__adict_diag(d, 0, file, no, e < 0 ? "indented line outside an entry"
                                             : "expected 'key: value'");
        return;
    }
    size_t kl = (size_t)(colon - s);
    char *v = colon + 1;
    size_t vn = n - kl - 1;
    while (vn > 0 && (*v == ' ' || *v == '\t'))
        v++, vn--;
    dl__actor_entry *en = &d->actors[e];
    if (kl == 7 && memcmp(s, "country", 7) == 0 && vn == 3)
        en->country = keep(d, v, vn);
    else if (kl == 6 && memcmp(s, "sector", 6) == 0 && vn >= 3)
        en->sector = keep(d, v, vn);
    else if (kl == 4 && memcmp(s, "kind", 4) == 0) {
        int ok;
        dl_actor_kind k = kind_named(v, vn, &ok);
        if (ok)
            en->kind = k;
        else
            dl__adict_diag(d, 0, file, no, "unknown kind '%.*s'", (int)vn, v);
    } else if (kl == 5 && memcmp(s, "alias", 5) == 0) {
        char *f[64];
        size_t fl[64];
        int k = split_bars(v, vn, f, fl, 64);
        for (int i = 0; i < k; i++)
            if (fl[i])
                dl__adict_add_actor(d, f[i], fl[i], e, dl__adict_where(d, file, no));
    } else
        dl__adict_diag(d, 0, file, no, "unknown key '%.*s'", (int)kl, s);
}

dl_code dl__load_orgs(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    line_iter it = {buf, buf + len, 0};
    char *s;
    size_t n;
    int ind;
    int32_t cur = -1;
    while (next_line(&it, &s, &n, &ind)) {
        if (ind) {
            org_key(d, cur, s, n, path, it.no);
            continue;
        }
        char *f[64];
        size_t fl[64];
        int k = split_bars(s, n, f, fl, 64);
        if (k < 2 || !valid_code(f[0], fl[0]) || fl[1] == 0) {
            dl__adict_diag(d, 0, path, it.no, "expected 'CODE | Name | alias ...'");
            cur = -1;
            continue;
        }
        const char *where = dl__adict_where(d, path, it.no);
        cur = dl__adict_new_actor(d);
        if (cur < 0)
            break;
        dl__actor_entry *en = &d->actors[cur];
        en->kind = DL_ACTOR_ORGANIZATION;
        en->flags = DL__ACT_NEEDCAP;
        en->code = keep(d, f[0], fl[0]);
        en->name = keep(d, f[1], fl[1]);
        en->why = where;
        for (int i = 1; i < k; i++)
            if (fl[i])
                dl__adict_add_actor(d, f[i], fl[i], cur, where);
    }
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* ------------------------------------------------------------ people */

/* "YYYY-MM-DD" or "-" (open); days since 1970 in *out. */
static int parse_day(const char *s, size_t n, long open, long *out)
{
    if (n == 1 && s[0] == '-') {
        *out = open;
        return 1;
    }
    dl_date dt;
    if (n != 10 || dl_date_parse(s, n, &dt, NULL) != DL_OK)
        return 0;
    *out = dl_date_to_days(dt);
    return 1;
}

static const char *next_word(const char **p, const char *end, size_t *wl)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    const char *e = s;
    while (e < end && *e != ' ' && *e != '\t')
        e++;
    *wl = (size_t)(e - s);
    *p = e;
    return s;
}

static void person_role(dl__actor_dict *d, int32_t e, char *s, size_t n,
                        const char *file, long no)
{
    if (e < 0) {
        dl__adict_diag(d, 0, file, no, "role line outside a person");
        return;
    }
    const char *p = s, *end = s + n;
    size_t cl, al, bl;
    const char *code = next_word(&p, end, &cl);
    const char *a = next_word(&p, end, &al);
    const char *b = next_word(&p, end, &bl);
    long from, to;
    if (!valid_code(code, cl)) {
        dl__adict_diag(d, 0, file, no, "bad role code '%.*s'", (int)cl, code);
        return;
    }
    if (!parse_day(a, al, -1000000L, &from) || !parse_day(b, bl, 1000000L, &to)) {
        dl__adict_diag(d, 0, file, no, "expected 'CODE START END title' with dates YYYY-MM-DD or -");
        return;
    }
    if (from > to) {
        dl__adict_diag(d, 0, file, no, "role ends before it starts");
        return;
    }
    dl__adict_add_restr(d, e, from, to, keep(d, code, cl));
}

dl_code dl__load_people(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    line_iter it = {buf, buf + len, 0};
    char *s;
    size_t n;
    int ind;
    int32_t cur = -1;
    while (next_line(&it, &s, &n, &ind)) {
        if (ind) {
            person_role(d, cur, s, n, path, it.no);
            continue;
        }
        char *f[64];
        size_t fl[64];
        int k = split_bars(s, n, f, fl, 64);
        if (fl[0] == 0) {
            dl__adict_diag(d, 0, path, it.no, "expected 'Name | alias ...'");
            cur = -1;
            continue;
        }
        const char *where = dl__adict_where(d, path, it.no);
        cur = dl__adict_new_actor(d);
        if (cur < 0)
            break;
        dl__actor_entry *en = &d->actors[cur];
        en->kind = DL_ACTOR_PERSON;
        en->flags = DL__ACT_NEEDCAP | DL__ACT_ROLES;
        en->name = keep(d, f[0], fl[0]);
        en->why = where;
        for (int i = 0; i < k; i++)
            if (fl[i])
                dl__adict_add_actor(d, f[i], fl[i], cur, where);
    }
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

/* ------------------------------------------------------------ by content */

/* Ours has 'CODE |' or 'Name |' lines; PETRARCH's has none of '|'. */
static int looks_ours(const char *path, int *people, int *orgs)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    char line[1024];
    int bars = 0, dated = 0, codes_first = 0, lines = 0;
    while (lines < 400 && fgets(line, sizeof line, f)) {
        lines++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (strchr(line, '|')) {
            bars++;
            size_t cl = strcspn(line, " |");
            if (valid_code(line, cl) && line[cl] != '\0')
                codes_first++;
        }
        if ((line[0] == ' ' || line[0] == '\t') && strstr(line, "-") &&
            strchr(line, '[') == NULL)
            dated++;
    }
    fclose(f);
    *people = bars > 0 && codes_first * 2 < bars;
    *orgs = bars > 0 && !*people;
    (void)dated;
    return bars > 0;
}

dl_code dl__load_actor_file(dl__actor_dict *d, const char *path, dl_error *err)
{
    int people = 0, orgs = 0;
    if (!looks_ours(path, &people, &orgs))
        return dl__load_petr_actors(d, path, err);
    if (people)
        return dl__load_people(d, path, err);
    /* a file of countries has indented 'adj:' / 'capital:' keys */
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    int countries = strstr(buf, "\n    adj:") || strstr(buf, "\n\tadj:") ||
                    strstr(buf, "capital:");
    free(buf);
    return countries ? dl__load_countries(d, path, err)
                     : dl__load_orgs(d, path, err);
}

dl_code dl__load_agent_file(dl__actor_dict *d, const char *path, dl_error *err)
{
    int people = 0, orgs = 0;
    if (looks_ours(path, &people, &orgs))
        return dl__load_agents(d, path, err);
    return dl__load_petr_agents(d, path, err);
}

/* ------------------------------------------------------------ given names */

dl_code dl__load_given(dl__actor_dict *d, const char *path, dl_error *err)
{
    size_t len;
    char *buf = dl__actors_slurp(path, &len, err);
    if (buf == NULL)
        return err ? err->code : DL_EIO;
    line_iter it = {buf, buf + len, 0};
    char *s;
    size_t n;
    int ind;
    while (next_line(&it, &s, &n, &ind)) {
        char *sep = memchr(s, '\t', n);
        if (sep == NULL)
            sep = memchr(s, '|', n);
        if (sep == NULL) {
            dl__adict_diag(d, 0, path, it.no, "expected 'name | f' or 'name | m'");
            continue;
        }
        size_t nl = (size_t)(sep - s);
        while (nl > 0 && s[nl - 1] == ' ')
            nl--;
        const char *v = sep + 1;
        while (v < s + n && *v == ' ')
            v++;
        char sex = v < s + n ? *v : 0;
        if (nl == 0 || nl > 40 || (sex != 'f' && sex != 'm' && sex != 'b')) {
            dl__adict_diag(d, 0, path, it.no, "expected 'name | f' or 'name | m'");
            continue;
        }
        char low[48];
        for (size_t i = 0; i < nl; i++)
            low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
        int oom = 0;
        dl__strmap_put(&d->given, keep(d, low, nl), nl, (void *)(uintptr_t)sex, &oom);
        if (oom)
            d->oom = 1;
    }
    free(buf);
    return d->oom ? dl__fail(err, DL_ENOMEM, NULL) : DL_OK;
}

char dl__given_sex(const dl__actor_dict *d, const char *name)
{
    if (d == NULL || name == NULL)
        return 0;
    size_t n = 0;
    while (name[n] && name[n] != ' ' && n < 40)
        n++;
    if (n == 0 || name[n] != ' ')
        return 0; /* one word: a surname, not a given name */
    char low[48];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    char sex = (char)(uintptr_t)dl__strmap_get(&d->given, low, n);
    return sex == 'f' || sex == 'm' ? sex : 0;
}
