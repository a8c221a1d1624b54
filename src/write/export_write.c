/*
 * export_write.c — one writer per export format, called by export.c with
 * the mentions of one event (or the members of one act). Column lists
 * and every difference from the originals are in docs/export.md.
 */
#include "write/export_int.h"

#include <jansson.h>

typedef struct side {
    int code, country, sector, text, name, kind, place, off;
} side;

static const side SIDES[2] = {
    {X_SCODE, X_SCOUNTRY, X_SSECTOR, X_STEXT, X_SNAME, X_SKIND, X_SPLACE, X_SOFF},
    {X_TCODE, X_TCOUNTRY, X_TSECTOR, X_TTEXT, X_TNAME, X_TKIND, X_TPLACE, X_TOFF},
};

#define V(r, c) dl__xv((r), (c))

/* ---------------------------------------------------------------- cells */

static void cell(FILE *out, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void col(FILE *out, const char *s)
{
    cell(out, s);
    fputc('\t', out);
}

/* ICEWS writes NA for a missing value. */
static void col_na(FILE *out, const char *s, bool last)
{
    cell(out, s && *s ? s : "NA");
    fputc(last ? '\n' : '\t', out);
}

static void empties(FILE *out, int n)
{
    for (int i = 0; i < n; i++)
        fputc('\t', out);
}

/* ---------------------------------------------------------------- names */

static const struct {
    const char *code, *name;
} SECTORS[] = {
    {"GOV", "Government"}, {"MIL", "Military"}, {"REB", "Rebels"}, {"OPP", "Opposition"},
    {"BUS", "Business"}, {"CVL", "Civilians"}, {"MED", "Media"}, {"JUD", "Judiciary"},
    {"LEG", "Legislature"}, {"COP", "Police"}, {"SPY", "Intelligence"}, {"EDU", "Education"},
    {"HLH", "Health"}, {"LAB", "Labor"}, {"REF", "Refugees"}, {"ELI", "Elites"},
    {"CRM", "Criminals"}, {"UAF", "Armed Groups"}, {"IGO", "Intergovernmental Organization"},
    {"NGO", "Non-Governmental Organization"}, {"ENV", "Environment"}, {"AGR", "Agriculture"},
    {"HRI", "Human Rights"}, {"RAD", "Radicals"}, {"MOD", "Moderates"}, {"INS", "Insurgents"},
    {"SEP", "Separatists"}, {"PTY", "Political Party"}, {"DEV", "Development"},
    {"SET", "Settlers"}, {"IMG", "Militant Group"}, {"PPL", "People"},
};

static const char *sector_name(const char *code)
{
    for (size_t i = 0; code && i < DL_ARRAY_LEN(SECTORS); i++)
        if (strcmp(SECTORS[i].code, code) == 0)
            return SECTORS[i].name;
    return NULL;
}

static bool pronoun(const char *s)
{
    static const char *const words[] = {"he", "she", "they", "it", "his", "her", "hers", "their",
                                        "theirs", "its", "him", "them", "we", "us", "our", "i",
                                        "me", "my", "you", "your", "who", "whom", "which", "that",
                                        "this", "these", "those", "himself", "herself", "themselves"};
    for (size_t i = 0; s && i < DL_ARRAY_LEN(words); i++)
        if (strcasecmp(s, words[i]) == 0)
            return true;
    return false;
}

static const char *country_name(const exporter *x, const char *iso3)
{
    const dl__geo_country *c = dl__geo_country_of(&x->geo, iso3);
    return c ? c->name : NULL;
}

/* An actor's name: the resolved actor's, else its words unless they are
 * a pronoun, else its country's, else its role's. Never a pronoun. */
static const char *actor_name(const exporter *x, const xrow *r, const side *s)
{
    const char *name = r->v[s->name], *text = r->v[s->text];
    if (name && *name && !pronoun(name))
        return name;
    bool pro = strcmp(V(r, s->kind), "pronoun") == 0 || pronoun(text);
    if (text && *text && !pro)
        return text;
    const char *c = country_name(x, r->v[s->country]);
    if (c)
        return c;
    const char *sec = sector_name(r->v[s->sector]);
    return sec ? sec : "";
}

static void upper(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (; s && *s && k + 1 < cap; s++)
        out[k++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
    out[k] = '\0';
}

/* The code without CAMEO's "---" for an unknown country ("---GOV" -> "GOV"). */
static const char *bare_code(const char *code)
{
    while (code && *code == '-')
        code++;
    return code ? code : "";
}

/* ---------------------------------------------------------------- dates */

/* "YYYY-MM-DD[THH:MM...]" -> YYYYMMDDHHMMSS, minutes floored to the
 * quarter hour as GDELT's 15-minute updates are. */
static void stamp(const char *d, char out[15])
{
    char ymd[9] = "00000000";
    int k = 0;
    for (const char *p = d; p && *p && *p != 'T' && *p != ' ' && k < 8; p++)
        if (*p >= '0' && *p <= '9')
            ymd[k++] = *p;
    int hh = 0, mm = 0;
    const char *t = d ? strpbrk(d, "T ") : NULL;
    if (t && strlen(t) >= 6 && t[3] == ':') {
        hh = (t[1] - '0') * 10 + (t[2] - '0');
        mm = (t[4] - '0') * 10 + (t[5] - '0');
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
            hh = mm = 0;
    }
    snprintf(out, 15, "%.8s%02d%02d00", ymd, hh, mm / 15 * 15);
}

static void ymd_of(const char *d, char out[9])
{
    int k = 0;
    for (const char *p = d; p && *p && k < 8; p++)
        if (*p >= '0' && *p <= '9')
            out[k++] = *p;
    out[k] = '\0';
}

/* ------------------------------------------------------------------ geo */

/* GDELT's geo type: 1 country, 2 US state, 3 US city, 4 world city, 5
 * world state; 0 when there is no place or it has no country. */
static int geo_type(const char *const *p)
{
    const char *f = p[P_FEATURE] ? p[P_FEATURE] : "";
    if (p[P_NAME] == NULL || p[P_COUNTRY] == NULL || *p[P_COUNTRY] == '\0')
        return 0;
    bool us = strcmp(p[P_COUNTRY], "USA") == 0;
    if (strcmp(f, "country") == 0 || strcmp(f, "border") == 0)
        return 1;
    if (strcmp(f, "admin1") == 0)
        return us ? 2 : 5;
    if (strcmp(f, "region") == 0 || strcmp(f, "continent") == 0)
        return 0;
    return us ? 3 : 4;
}

/* Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID. */
static void geo_cols(const exporter *x, FILE *out, const char *const *p, bool last)
{
    int t = geo_type(p);
    if (t == 0) {
        fputc('0', out);
        empties(out, 7);
        fputc(last ? '\n' : '\t', out);
        return;
    }
    const dl__geo_country *c = dl__geo_country_of(&x->geo, p[P_COUNTRY]);
    const char *cname = c ? c->name : p[P_COUNTRY];
    const char *fips = c ? c->fips : "";
    const char *adm1 = t == 1 ? fips : dl__geo_adm1(&x->geo, p[P_COUNTRY], p[P_ADMIN1], p[P_GEONAMEID]);
    if (adm1 == NULL)
        adm1 = fips;
    fprintf(out, "%d\t", t);
    if (t == 1) {
        cell(out, cname);
    } else if (t == 2 || t == 5) {
        cell(out, p[P_NAME]);
        fputs(", ", out);
        cell(out, cname);
    } else {
        cell(out, p[P_NAME]);
        if (p[P_ADMIN1] && *p[P_ADMIN1] && strcmp(p[P_ADMIN1], p[P_NAME]) != 0) {
            fputs(", ", out);
            cell(out, p[P_ADMIN1]);
        }
        fputs(", ", out);
        cell(out, cname);
    }
    fputc('\t', out);
    col(out, fips);
    col(out, adm1);
    fputc('\t', out); /* ADM2: no GAUL codes */
    col(out, p[P_LAT]);
    col(out, p[P_LON]);
    cell(out, t == 3 || t == 4 ? p[P_GEONAMEID] : t == 1 ? fips : adm1);
    fputc(last ? '\n' : '\t', out);
}

/* ---------------------------------------------------------------- GDELT */

/* Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
 * Religion2Code, Type1Code, Type2Code, Type3Code. */
static void actor_cols(const exporter *x, FILE *out, const xrow *r, const side *s)
{
    const char *code = bare_code(r->v[s->code]);
    if (*code == '\0') {
        empties(out, 10);
        return;
    }
    char name[512];
    upper(actor_name(x, r, s), name, sizeof name);
    const char *country = V(r, s->country);
    col(out, code);
    col(out, name);
    col(out, country);
    /* the rest of the code after the country, in 3-letter parts */
    const char *rest = code;
    if (*country && strncmp(code, country, strlen(country)) == 0)
        rest = code + strlen(country);
    char known[4] = "";
    if ((strncmp(rest, "IGO", 3) == 0 || strncmp(rest, "NGO", 3) == 0) && strlen(rest) >= 6)
        snprintf(known, sizeof known, "%.3s", rest + 3);
    col(out, known);
    empties(out, 3); /* ethnic, religion 1 and 2: not coded */
    int ntypes = 0;
    for (const char *p = rest; strlen(p) >= 3 && ntypes < 3; p += 3) {
        if (*known && p == rest + 3)
            continue;
        fprintf(out, "%.3s\t", p);
        ntypes++;
    }
    if (ntypes == 0 && *V(r, s->sector)) {
        col(out, V(r, s->sector));
        ntypes++;
    }
    empties(out, 3 - ntypes);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_doc(const void *a, const void *b)
{
    const xdoc *x = *(const xdoc *const *)a, *y = *(const xdoc *const *)b;
    return x->index < y->index ? -1 : x->index > y->index;
}

typedef struct counts {
    long mentions, articles, sources;
    double tone; /* mean over the distinct documents */
} counts;

/* NumMentions, NumArticles (near-duplicate copies are one story),
 * NumSources (publishers) and AvgTone of one event, by sorting. */
static counts count_event(xrow *m, size_t n)
{
    counts c = {.mentions = (long)n};
    uint32_t *st = malloc(n * sizeof *st);
    const char **pub = malloc(n * sizeof *pub);
    const xdoc **docs = malloc(n * sizeof *docs);
    if (st == NULL || pub == NULL || docs == NULL) {
        free(st);
        free(pub);
        free(docs);
        c.articles = c.sources = (long)n;
        return c;
    }
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) {
        st[i] = m[i].doc ? m[i].doc->story : UINT32_MAX - (uint32_t)i;
        pub[i] = dl__xpublisher(&m[i]);
        if (m[i].doc)
            docs[nd++] = m[i].doc;
    }
    qsort(st, n, sizeof *st, cmp_u32);
    qsort(pub, n, sizeof *pub, cmp_str);
    qsort(docs, nd, sizeof *docs, cmp_doc);
    for (size_t i = 0; i < n; i++) {
        c.articles += i == 0 || st[i] != st[i - 1];
        c.sources += i == 0 || strcmp(pub[i], pub[i - 1]) != 0;
    }
    long distinct = 0;
    double tone = 0;
    for (size_t i = 0; i < nd; i++)
        if (i == 0 || docs[i] != docs[i - 1]) {
            tone += docs[i]->tone;
            distinct++;
        }
    c.tone = distinct ? tone / (double)distinct : 0.0;
    free(st);
    free(pub);
    free(docs);
    return c;
}

static void gdelt_event(exporter *x, xrow *m, size_t n)
{
    FILE *out = x->out;
    const xrow *r = &m[0];
    char id[24], ymd[9], added[15];
    dl__xevent_id(x, r, id);
    ymd_of(V(r, X_DATE), ymd);
    int y = 0, mo = 0, d = 0;
    if (strlen(ymd) == 8) {
        y = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
        mo = (ymd[4] - '0') * 10 + (ymd[5] - '0');
        d = (ymd[6] - '0') * 10 + (ymd[7] - '0');
    }
    counts c = count_event(m, n);
    fprintf(out, "%s\t%s\t%.6s\t%.4s\t%.4f\t", id, ymd, ymd, ymd,
            (double)y + (double)(mo * 30 + d) / 365.0);
    actor_cols(x, out, r, &SIDES[0]);
    actor_cols(x, out, r, &SIDES[1]);
    const char *cameo = V(r, X_CAMEO);
    fprintf(out, "%d\t%s\t%.3s\t%s\t%s\t%s\t%ld\t%ld\t%ld\t%.4f\t",
            strcmp(V(r, X_SENTENCE), "0") == 0 ? 1 : 0, cameo, cameo, V(r, X_ROOT), V(r, X_QUAD),
            V(r, X_GOLD), c.mentions, c.sources, c.articles, c.tone);
    geo_cols(x, out, (const char *const *)&r->v[X_SPLACE], false);
    geo_cols(x, out, (const char *const *)&r->v[X_TPLACE], false);
    geo_cols(x, out, (const char *const *)&r->v[X_PLACE], false);
    stamp(V(r, X_DOCDATE), added);
    fprintf(out, "%s\t", added);
    cell(out, *V(r, X_URL) ? V(r, X_URL) : V(r, X_DOC));
    fputc('\n', out);
    x->rows++;
}

/* MentionSourceName: the publisher, else the URL's host. */
static void source_name(FILE *out, const xrow *r)
{
    const char *p = V(r, X_PUBLISHER), *u = V(r, X_URL);
    if (*p) {
        cell(out, p);
        return;
    }
    const char *h = strstr(u, "://");
    if (h == NULL)
        return;
    h += 3;
    size_t k = strcspn(h, "/:?#");
    if (strncmp(h, "www.", 4) == 0 && k > 4) {
        h += 4;
        k -= 4;
    }
    fprintf(out, "%.*s", (int)k, h);
}

static void mention_rows(exporter *x, xrow *m, size_t n)
{
    FILE *out = x->out;
    char id[24], added[15], when[15];
    dl__xevent_id(x, &m[0], id);
    stamp(V(&m[0], X_DOCDATE), added);
    for (size_t i = 0; i < n; i++) {
        const xrow *r = &m[i];
        stamp(V(r, X_DOCDATE), when);
        bool url = *V(r, X_URL) != '\0';
        fprintf(out, "%s\t%s\t%s\t%d\t", id, added, when, url ? 1 : 2);
        source_name(out, r);
        fputc('\t', out);
        col(out, url ? V(r, X_URL) : V(r, X_DOC));
        long sentence = strtol(V(r, X_SENTENCE), NULL, 10) + 1;
        double conf = strtod(V(r, X_CONF), NULL) * 100.0;
        fprintf(out, "%ld\t%s\t%s\t%s\t1\t%.0f\t%s\t%.4f\t\t<DATE_PRECISION>%s</DATE_PRECISION>\n",
                sentence, *V(r, X_SOFF) ? V(r, X_SOFF) : "-1",
                *V(r, X_TOFF) ? V(r, X_TOFF) : "-1", *V(r, X_AOFF) ? V(r, X_AOFF) : "-1", conf,
                V(r, X_DOCLEN), r->doc ? r->doc->tone : 0.0, V(r, X_PREC));
        x->rows++;
    }
}

/* ---------------------------------------------------------------- ICEWS */

static const char *ICEWS_COLS[] = {
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "Date Precision",
};

/* ICEWS names a role by its sector and country: "Government (Russia)". */
static void icews_name(const exporter *x, const xrow *r, const side *s, char *buf, size_t cap)
{
    const char *kind = V(r, s->kind);
    const char *name = r->v[s->name];
    const char *cn = country_name(x, r->v[s->country]);
    const char *sec = sector_name(r->v[s->sector]);
    bool role = strcmp(kind, "agent") == 0 || ((name == NULL || !*name) && sec);
    if (*bare_code(r->v[s->code]) == '\0')
        snprintf(buf, cap, "%s", "");
    else if (role && sec && cn)
        snprintf(buf, cap, "%s (%s)", sec, cn);
    else
        snprintf(buf, cap, "%s", actor_name(x, r, s));
}

static void icews_event(exporter *x, xrow *m, size_t n)
{
    DL_UNUSED(n);
    FILE *out = x->out;
    const xrow *r = &m[0];
    char id[24], buf[512];
    dl__xevent_id(x, r, id);
    col(out, id);
    col(out, V(r, X_DATE));
    for (int k = 0; k < 2; k++) {
        const side *s = &SIDES[k];
        icews_name(x, r, s, buf, sizeof buf);
        col_na(out, buf, false);
        col_na(out, sector_name(r->v[s->sector]), false);
        col_na(out, country_name(x, r->v[s->country]), false);
        if (k == 0) {
            const char *cameo = V(r, X_CAMEO);
            col_na(out, dl__strmap_get(&x->cameo, cameo, strlen(cameo)), false);
            col(out, cameo);
            col(out, V(r, X_GOLD));
        }
    }
    col(out, V(r, X_DOC));
    fprintf(out, "%ld\t", strtol(V(r, X_SENTENCE), NULL, 10) + 1);
    col_na(out, V(r, X_PUBLISHER), false);
    const char *const *p = (const char *const *)&r->v[X_PLACE];
    int t = geo_type(p);
    col_na(out, t == 3 || t == 4 ? p[P_NAME] : NULL, false);
    col_na(out, strcmp(p[P_FEATURE] ? p[P_FEATURE] : "", "admin2") == 0 ? p[P_NAME] : NULL, false);
    col_na(out, t == 2 || t == 5 ? p[P_NAME] : t >= 3 ? p[P_ADMIN1] : NULL, false);
    col_na(out, t ? country_name(x, p[P_COUNTRY]) : NULL, false);
    col_na(out, t ? p[P_LAT] : NULL, false);
    col_na(out, t ? p[P_LON] : NULL, false);
    col_na(out, V(r, X_PREC), true);
    x->rows++;
}

/* --------------------------------------------------------------- PLOVER */

static json_t *jstr(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *jnum(const char *s)
{
    if (s == NULL || *s == '\0')
        return json_null();
    char *end;
    double d = strtod(s, &end);
    if (*end != '\0')
        return json_null();
    if (strchr(s, '.') == NULL && strchr(s, 'e') == NULL && d == (double)(long long)d)
        return json_integer((json_int_t)d);
    return json_real(d);
}

/* A number that is real in every row ("lat": 52.0, not 52). */
static json_t *jreal(const char *s)
{
    if (s == NULL || *s == '\0')
        return json_null();
    char *end;
    double d = strtod(s, &end);
    return *end == '\0' ? json_real(d) : json_null();
}

static void put_line(exporter *x, json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    if (s) {
        fputs(s, x->out);
        fputc('\n', x->out);
        free(s);
    }
    json_decref(o);
    x->rows++;
}

static json_t *entity(const exporter *x, const xrow *r, const side *s)
{
    json_t *a = json_object();
    json_object_set_new(a, "actorText", jstr(r->v[s->text]));
    json_object_set_new(a, "code", json_string(bare_code(r->v[s->code])));
    json_object_set_new(a, "country", jstr(r->v[s->country]));
    json_object_set_new(a, "sector", jstr(r->v[s->sector]));
    json_object_set_new(a, "name", jstr(actor_name(x, r, s)));
    /* a participant inferred from the article (the other party of an
     * attack, the country where an event happened) has no words of its
     * own: no text, no offset */
    json_object_set_new(a, "offset",
                        r->v[s->text] && r->v[s->text][0] ? jnum(r->v[s->off]) : json_null());
    return a;
}

/* Whether the array already holds an entity with this code and offset. */
static bool has_entity(json_t *list, const xrow *r, const side *s)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        const char *c = json_string_value(json_object_get(e, "code"));
        json_t *off = json_object_get(e, "offset");
        if (c && strcmp(c, bare_code(r->v[s->code])) == 0 &&
            json_integer_value(off) == strtoll(V(r, s->off), NULL, 10))
            return true;
    }
    return false;
}

static json_t *mode_list(const char *mode)
{
    json_t *a = json_array();
    if (mode && *mode && strcmp(mode, "-") != 0)
        json_array_append_new(a, json_string(mode));
    return a;
}

static void plover_act(exporter *x, xrow *m, size_t n)
{
    const xrow *r = &m[0];
    char id[24];
    dl__xevent_id(x, r, id);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    json_t *ids = json_array();
    json_t *actor = json_array(), *recipient = json_array();
    for (size_t i = 0; i < n; i++) {
        char mid[24];
        dl__xevent_id(x, &m[i], mid);
        bool dup = false;
        size_t k;
        json_t *e;
        json_array_foreach(ids, k, e) dup = dup || strcmp(json_string_value(e), mid) == 0;
        if (!dup)
            json_array_append_new(ids, json_string(mid));
        if (*bare_code(m[i].v[X_SCODE]) && !has_entity(actor, &m[i], &SIDES[0]))
            json_array_append_new(actor, entity(x, &m[i], &SIDES[0]));
        if (*bare_code(m[i].v[X_TCODE]) && !has_entity(recipient, &m[i], &SIDES[1]))
            json_array_append_new(recipient, entity(x, &m[i], &SIDES[1]));
    }
    json_object_set_new(o, "event_ids", ids);
    json_object_set_new(o, "date", jstr(r->v[X_DATE]));
    json_object_set_new(o, "date_precision", jstr(r->v[X_PREC]));
    json_object_set_new(o, "event", jstr(r->v[X_PLOVER]));
    json_object_set_new(o, "mode", mode_list(r->v[X_MODE]));
    json_object_set_new(o, "context", json_array());
    json_object_set_new(o, "actor", actor);
    json_object_set_new(o, "recipient", recipient);
    json_object_set_new(o, "eventText", jstr(r->v[X_TRIGGER]));
    json_object_set_new(o, "eventTextOffset", jnum(r->v[X_AOFF]));
    json_object_set_new(o, "text", jstr(r->v[X_EVIDENCE]));
    json_object_set_new(o, "cameo", jstr(r->v[X_CAMEO]));
    json_object_set_new(o, "goldstein", jreal(r->v[X_GOLD]));
    json_object_set_new(o, "quad_class", jnum(r->v[X_QUAD]));
    const char *const *p = (const char *const *)&r->v[X_PLACE];
    if (p[P_NAME]) {
        json_t *l = json_object();
        json_object_set_new(l, "placeName", jstr(p[P_NAME]));
        json_object_set_new(l, "admin1", jstr(p[P_ADMIN1]));
        json_object_set_new(l, "country", jstr(p[P_COUNTRY]));
        json_object_set_new(l, "featureType", jstr(p[P_FEATURE]));
        json_object_set_new(l, "geonamesID", jnum(p[P_GEONAMEID]));
        json_object_set_new(l, "lat", jreal(p[P_LAT]));
        json_object_set_new(l, "lon", jreal(p[P_LON]));
        json_object_set_new(o, "eventLoc", l);
    } else {
        json_object_set_new(o, "eventLoc", json_null());
    }
    json_object_set_new(o, "quote", jstr(r->v[X_QUOTE]));
    json_object_set_new(o, "story_id", jstr(r->v[X_DOC]));
    json_object_set_new(o, "sentence", json_integer(strtol(V(r, X_SENTENCE), NULL, 10) + 1));
    json_object_set_new(o, "url", jstr(r->v[X_URL]));
    json_object_set_new(o, "publication", jstr(r->v[X_PUBLISHER]));
    json_object_set_new(o, "publication_date", jstr(r->v[X_DOCDATE]));
    json_object_set_new(o, "language", json_string("en"));
    json_object_set_new(o, "historical", json_boolean(r->historical));
    put_line(x, o);
}

/* -------------------------------------------------------------- POLECAT */

static const char *POLECAT_COLS[] = {
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version", "Date Precision",
};

static const char *QUADS[] = {"", "VERBAL COOPERATION", "MATERIAL COOPERATION",
                              "VERBAL CONFLICT", "MATERIAL CONFLICT"};

/* The distinct values of one column over the members, ';'-joined. */
static void joined(FILE *out, const exporter *x, xrow *m, size_t n, const side *s, int what)
{
    const char *seen[32];
    int ns = 0;
    for (size_t i = 0; i < n; i++) {
        const char *v;
        if (*bare_code(m[i].v[s->code]) == '\0')
            continue;
        if (what == 0)
            v = actor_name(x, &m[i], s);
        else if (what == 1)
            v = V(&m[i], s->country);
        else if (what == 2)
            v = V(&m[i], s->sector);
        else
            v = V(&m[i], s->text);
        bool dup = false;
        for (int k = 0; k < ns; k++)
            dup = dup || strcmp(seen[k], v) == 0;
        if (dup || ns == 32)
            continue;
        if (ns)
            fputc(';', out);
        cell(out, v);
        seen[ns++] = v;
    }
    fputc('\t', out);
}

static void polecat_act(exporter *x, xrow *m, size_t n)
{
    FILE *out = x->out;
    const xrow *r = &m[0];
    char id[24];
    dl__xevent_id(x, r, id);
    col(out, id);
    col(out, V(r, X_DATE));
    col(out, V(r, X_PLOVER));
    col(out, strcmp(V(r, X_MODE), "-") == 0 ? "" : V(r, X_MODE));
    col(out, V(r, X_GOLD));
    long q = strtol(V(r, X_QUAD), NULL, 10);
    col(out, q >= 1 && q <= 4 ? QUADS[q] : "");
    fputc('\t', out); /* contexts: not coded */
    for (int k = 0; k < 2; k++) {
        const side *s = &SIDES[k];
        joined(out, x, m, n, s, 0);
        joined(out, x, m, n, s, 1);
        fputc('\t', out); /* COW: no table */
        /* primary sector: the first member's */
        col(out, V(r, s->sector));
        joined(out, x, m, n, s, 2);
        fputc('\t', out); /* title */
        joined(out, x, m, n, s, 3);
        fputc('\t', out); /* Wikipedia id */
    }
    const char *const *p = (const char *const *)&r->v[X_PLACE];
    int t = geo_type(p);
    col(out, p[P_NAME]);
    col(out, t == 3 || t == 4 ? p[P_NAME] : "");
    col(out, strcmp(p[P_FEATURE] ? p[P_FEATURE] : "", "admin2") == 0 ? p[P_NAME] : "");
    col(out, t == 2 || t == 5 ? p[P_NAME] : t >= 3 ? p[P_ADMIN1] : "");
    col(out, p[P_COUNTRY]);
    col(out, p[P_LAT]);
    col(out, p[P_LON]);
    col(out, p[P_GEONAMEID]);
    col(out, p[P_NAME]);
    col(out, p[P_FEATURE]);
    col(out, dl__xpublisher(r));
    col(out, V(r, X_DOCDATE));
    empties(out, 3); /* story people, organizations, locations */
    col(out, "en");
    col(out, "dateline");
    cell(out, V(r, X_PREC));
    fputc('\n', out);
    x->rows++;
}

/* -------------------------------------------------------------- Phoenix */

static void phoenix_rows(exporter *x, xrow *m, size_t n)
{
    char id[24], ymd[9];
    dl__xevent_id(x, &m[0], id);
    for (size_t i = 0; i < n; i++) {
        const xrow *r = &m[i];
        ymd_of(V(r, X_DATE), ymd);
        FILE *o = x->out;
        fprintf(o, "%s\t%s\t%.4s\t%.2s\t%.2s\t", id, ymd, ymd, ymd + 4, ymd + 6);
        const int cols[] = {X_SCODE, X_SCOUNTRY, X_SSECTOR, -1, X_TCODE, X_TCOUNTRY, X_TSECTOR,
                            -1, X_CAMEO, X_ROOT, X_QUAD, X_GOLD, -1, X_PLACE + P_LAT,
                            X_PLACE + P_LON, X_PLACE, X_PLACE + P_ADMIN1, X_PLACE + P_COUNTRY,
                            X_SENTENCE, X_URL, X_PUBLISHER};
        for (size_t k = 0; k < DL_ARRAY_LEN(cols); k++) {
            if (k)
                fputc('\t', o);
            if (cols[k] == X_SCODE || cols[k] == X_TCODE)
                cell(o, bare_code(r->v[cols[k]]));
            else if (cols[k] >= 0)
                cell(o, r->v[cols[k]]);
        }
        fputc('\n', o);
        x->rows++;
    }
}

/* ------------------------------------------------------------ jsonl/csv */

typedef struct plain_col {
    const char *name;
    int src;   /* an X_ column, or one of the computed ones below */
    char type; /* s string, i integer, f number, b boolean */
} plain_col;

enum { C_ID = 1000, C_SNAME, C_TNAME, C_SENT1, C_TONE, C_STORY, C_HIST, C_SCODE, C_TCODE };

static const plain_col PLAIN[] = {
    {"event_id", C_ID, 's'},
    {"date", X_DATE, 's'},
    {"date_precision", X_PREC, 's'},
    {"historical", C_HIST, 'b'},
    {"source_code", C_SCODE, 's'},
    {"source_country", X_SCOUNTRY, 's'},
    {"source_sector", X_SSECTOR, 's'},
    {"source_name", C_SNAME, 's'},
    {"source_text", X_STEXT, 's'},
    {"source_offset", X_SOFF, 'i'},
    {"target_code", C_TCODE, 's'},
    {"target_country", X_TCOUNTRY, 's'},
    {"target_sector", X_TSECTOR, 's'},
    {"target_name", C_TNAME, 's'},
    {"target_text", X_TTEXT, 's'},
    {"target_offset", X_TOFF, 'i'},
    {"cameo", X_CAMEO, 's'},
    {"root", X_ROOT, 's'},
    {"quad_class", X_QUAD, 'i'},
    {"goldstein", X_GOLD, 'f'},
    {"plover", X_PLOVER, 's'},
    {"mode", X_MODE, 's'},
    {"trigger", X_TRIGGER, 's'},
    {"trigger_offset", X_AOFF, 'i'},
    {"place", X_PLACE + P_NAME, 's'},
    {"place_country", X_PLACE + P_COUNTRY, 's'},
    {"place_admin1", X_PLACE + P_ADMIN1, 's'},
    {"place_feature", X_PLACE + P_FEATURE, 's'},
    {"geonameid", X_PLACE + P_GEONAMEID, 'i'},
    {"lat", X_PLACE + P_LAT, 'f'},
    {"lon", X_PLACE + P_LON, 'f'},
    {"doc", X_DOC, 's'},
    {"story", C_STORY, 's'},
    {"url", X_URL, 's'},
    {"publisher", X_PUBLISHER, 's'},
    {"doc_date", X_DOCDATE, 's'},
    {"sentence", C_SENT1, 'i'},
    {"confidence", X_CONF, 'f'},
    {"doc_len", X_DOCLEN, 'i'},
    {"tone", C_TONE, 'f'},
    {"evidence", X_EVIDENCE, 's'},
    {"quote", X_QUOTE, 's'},
};

static const char *plain_value(const exporter *x, const xrow *r, const plain_col *c, char *buf,
                               size_t cap)
{
    switch (c->src) {
    case C_ID:
        dl__xevent_id(x, r, buf);
        return buf;
    case C_SNAME:
        return *bare_code(r->v[X_SCODE]) ? actor_name(x, r, &SIDES[0]) : NULL;
    case C_TNAME:
        return *bare_code(r->v[X_TCODE]) ? actor_name(x, r, &SIDES[1]) : NULL;
    case C_SCODE:
        return r->v[X_SCODE] ? bare_code(r->v[X_SCODE]) : NULL;
    case C_TCODE:
        return r->v[X_TCODE] ? bare_code(r->v[X_TCODE]) : NULL;
    case C_SENT1:
        snprintf(buf, cap, "%ld", strtol(V(r, X_SENTENCE), NULL, 10) + 1);
        return buf;
    case C_TONE:
        snprintf(buf, cap, "%.4f", r->doc ? r->doc->tone : 0.0);
        return buf;
    case C_STORY:
        return r->doc ? x->docs[r->doc->story].id : NULL;
    case C_HIST:
        return r->historical ? "true" : "false";
    default:
        return r->v[c->src];
    }
}

static void csv_field(FILE *out, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void plain_rows(exporter *x, xrow *m, size_t n)
{
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        const xrow *r = &m[i];
        if (x->kind == F_CSV) {
            for (size_t k = 0; k < DL_ARRAY_LEN(PLAIN); k++) {
                if (k)
                    fputc(',', x->out);
                const char *v = plain_value(x, r, &PLAIN[k], buf, sizeof buf);
                if (PLAIN[k].type == 'i' && v && strcmp(v, "-1") == 0)
                    v = NULL;
                csv_field(x->out, v);
            }
            fputc('\n', x->out);
            x->rows++;
            continue;
        }
        json_t *o = json_object();
        for (size_t k = 0; k < DL_ARRAY_LEN(PLAIN); k++) {
            const plain_col *c = &PLAIN[k];
            const char *v = plain_value(x, r, c, buf, sizeof buf);
            json_t *j;
            if (c->type == 'b')
                j = json_boolean(v && strcmp(v, "true") == 0);
            else if (c->type == 'i')
                j = v && strcmp(v, "-1") != 0 ? jnum(v) : json_null();
            else if (c->type == 'f')
                j = jreal(v);
            else
                j = jstr(v);
            json_object_set_new(o, c->name, j);
        }
        put_line(x, o);
    }
}

/* ------------------------------------------------------------- dispatch */

void dl__xwrite_header(exporter *x)
{
    const char **cols = NULL;
    size_t n = 0;
    if (x->kind == F_ICEWS) {
        cols = ICEWS_COLS;
        n = DL_ARRAY_LEN(ICEWS_COLS);
    } else if (x->kind == F_POLECAT) {
        cols = POLECAT_COLS;
        n = DL_ARRAY_LEN(POLECAT_COLS);
    } else if (x->kind == F_CSV) {
        for (size_t i = 0; i < DL_ARRAY_LEN(PLAIN); i++)
            fprintf(x->out, "%s%s", i ? "," : "", PLAIN[i].name);
        fputc('\n', x->out);
        return;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(x->out, "%s%s", cols[i], i + 1 < n ? "\t" : "\n");
}

void dl__xwrite_event(exporter *x, xrow *m, size_t n)
{
    switch (x->kind) {
    case F_GDELT: gdelt_event(x, m, n); break;
    case F_MENTIONS: mention_rows(x, m, n); break;
    case F_ICEWS: icews_event(x, m, n); break;
    case F_PHOENIX: phoenix_rows(x, m, n); break;
    default: plain_rows(x, m, n); break;
    }
}

void dl__xwrite_act(exporter *x, xrow *m, size_t n)
{
    /* CAMEO codes PLOVER has no type for (010-019 comments) are no
     * PLOVER events */
    const char *type = V(&m[0], X_PLOVER);
    if (*type == '\0' || strcmp(type, "-") == 0)
        return;
    if (x->kind == F_POLECAT)
        polecat_act(x, m, n);
    else
        plover_act(x, m, n);
}
