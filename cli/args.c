/*
 * args.c — every option value the command line and the HTTP API accept,
 * checked in one place (see cli.h): dates (the calendar's), integers in
 * ranges, enums (QuadClass, PLOVER type, output formats), dyads, CAMEO
 * prefixes, coordinates, radii and boxes. A bad value gets a message that
 * names the option and says what it accepts; the CLI prints it and exits
 * 2, the server answers 400 with it.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int bad(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
    return -1;
}

bool cli_valid_date(const char *s)
{
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

int cli_parse_long(const char *name, const char *v, long min, long max, long *out,
                   char *msg, size_t cap)
{
    char *end;
    errno = 0;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    if (v == NULL || *v == '\0' || *end != '\0' || errno == ERANGE || n < min || n > max)
        return bad(msg, cap, "%s wants a whole number from %ld to %ld, not '%s'", name, min,
                   max, v ? v : "");
    *out = n;
    return 1;
}

static int parse_double(const char *name, const char *v, double min, double max, double *out,
                        char *msg, size_t cap)
{
    char *end;
    double x = v && *v ? strtod(v, &end) : NAN;
    if (v == NULL || *v == '\0' || *end != '\0' || !isfinite(x) || x < min || x > max)
        return bad(msg, cap, "%s wants a number from %g to %g, not '%s'", name, min, max,
                   v ? v : "");
    *out = x;
    return 1;
}

/* n comma-separated numbers, each in its range. */
static bool parse_numbers(const char *v, int n, const double *lo, const double *hi, double *out)
{
    const char *p = v;
    for (int k = 0; k < n; k++) {
        char *end;
        if (*p == '\0' || isspace((unsigned char)*p))
            return false;
        out[k] = strtod(p, &end);
        if (end == p || !isfinite(out[k]) || out[k] < lo[k] || out[k] > hi[k])
            return false;
        if (k < n - 1 && *end != ',')
            return false;
        if (k == n - 1 && *end != '\0')
            return false;
        p = end + 1;
    }
    return true;
}

int cli_check_enum(const char *name, const char *v, const char *const *names, char *msg,
                   size_t cap)
{
    for (int i = 0; names[i]; i++)
        if (v && strcmp(v, names[i]) == 0)
            return i;
    char list[400] = "";
    size_t len = 0;
    for (int i = 0; names[i] && len < sizeof list - 40; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
    bad(msg, cap, "%s is one of %s, not '%s'", name, list, v ? v : "");
    return -1;
}

static const char *const plover_types[] = {
    "AGREE",   "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",
    "RETREAT", "REQUEST", "ACCUSE",   "REJECT",  "THREATEN",  "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NULL};

/* An actor code: letters and digits (RUS, RUSGOV, IGOUNO). */
static bool is_code(const char *s, size_t n)
{
    if (n < 3 || n > 60)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]))
            return false;
    return true;
}

const char *const cli_query_names[] = {
    "q",      "text",   "from",    "to",     "limit", "actor", "source", "target", "dyad",
    "cameo",  "plover", "quad",    "country", "sector", "speaker", "contains", "near",
    "km",     "bbox",   "offset",  "sort",   "goldstein", "publisher", "merged", "fts", NULL};

/* The sort keys of listings ('-' first: descending). */
static const char *const sort_keys[] = {"date", "-date", "goldstein", "-goldstein", "mentions",
                                        "-mentions", "sources", "-sources", NULL};

/* A text matched with LIKE: no wildcard of its own, no control character. */
static bool plain_text(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p == '%' || *p == '_' || *p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

int cli_query_set(dl_query *q, const char *name, const char *v, bool api, char *msg,
                  size_t cap)
{
    char opt[40];
    snprintf(opt, sizeof opt, api ? "%s=" : "--%s", name);
    if (v == NULL || *v == '\0')
        return bad(msg, cap, "%s needs a value", opt);
    if (strlen(v) > 200)
        return bad(msg, cap, "%s is longer than 200 bytes", opt);
    if (strcmp(name, "from") == 0 || strcmp(name, "to") == 0) {
        if (!cli_valid_date(v))
            return bad(msg, cap, "%s wants a date YYYY-MM-DD (a day of the calendar), not '%s'",
                       opt, v);
        *(name[0] == 'f' ? &q->from : &q->to) = v;
    } else if (strcmp(name, "limit") == 0) {
        /* the API pages: at most 5000 rows an answer */
        return cli_parse_long(opt, v, 1, api ? 5000 : 10000000, &q->limit, msg, cap);
    } else if (strcmp(name, "offset") == 0) {
        return cli_parse_long(opt, v, 0, 100000000, &q->offset, msg, cap);
    } else if (strcmp(name, "sort") == 0) {
        int k = cli_check_enum(opt, v, sort_keys, msg, cap);
        if (k < 0)
            return -1;
        q->sort = sort_keys[k];
    } else if (strcmp(name, "goldstein") == 0) {
        static const double lo[2] = {-10, -10}, hi[2] = {10, 10};
        double g[2];
        if (!parse_numbers(v, 2, lo, hi, g) || g[0] > g[1])
            return bad(msg, cap, "%s wants MIN,MAX Goldstein scores from -10 to 10, MIN <= MAX, not '%s'",
                       opt, v);
        q->gold_min = g[0];
        q->gold_max = g[1];
        q->has_gold = true;
    } else if (strcmp(name, "publisher") == 0) {
        if (!plain_text(v))
            return bad(msg, cap, "%s wants a publisher's name without control characters, %% or _, not '%s'", opt, v);
        q->publisher = v;
    } else if (strcmp(name, "merged") == 0 || strcmp(name, "fts") == 0) {
        bool on = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
        if (!on && strcmp(v, "0") != 0 && strcmp(v, "false") != 0)
            return bad(msg, cap, "%s wants 1 or 0, not '%s'", opt, v);
        *(name[0] == 'm' ? &q->merged : &q->fts_syntax) = on;
    } else if (strcmp(name, "quad") == 0) {
        long n;
        if (cli_parse_long(opt, v, 1, 4, &n, msg, cap) < 0)
            return bad(msg, cap,
                       "%s wants a QuadClass 1-4 (1 verbal cooperation, 2 material "
                       "cooperation, 3 verbal conflict, 4 material conflict), not '%s'",
                       opt, v);
        q->quad_class = (int)n;
    } else if (strcmp(name, "plover") == 0) {
        for (int i = 0; plover_types[i]; i++)
            if (strcasecmp(v, plover_types[i]) == 0) {
                q->plover = plover_types[i];
                return 1;
            }
        return cli_check_enum(opt, v, plover_types, msg, cap) < 0 ? -1 : 1;
    } else if (strcmp(name, "dyad") == 0) {
        const char *sep = strpbrk(v, ":~");
        if (sep == NULL || !is_code(v, (size_t)(sep - v)) || !is_code(sep + 1, strlen(sep + 1)))
            return bad(msg, cap,
                       "%s wants two actor codes, SOURCE:TARGET (one way) or A~B (either "
                       "way), e.g. RUS:POL, not '%s'",
                       opt, v);
        q->dyad = v;
    } else if (strcmp(name, "cameo") == 0) {
        size_t n = strlen(v);
        bool digits = n >= 1 && n <= 4;
        for (size_t i = 0; digits && i < n; i++)
            digits = isdigit((unsigned char)v[i]);
        if (!digits)
            return bad(msg, cap, "%s wants a CAMEO code or prefix of 1-4 digits (13, 043), not '%s'",
                       opt, v);
        q->cameo = v;
    } else if (strcmp(name, "actor") == 0) {
        if (!plain_text(v))
            return bad(msg, cap, "%s wants an actor code or name (no %% or _ wildcards), not '%s'", opt, v);
        q->actor = v;
    } else if (strcmp(name, "source") == 0 || strcmp(name, "target") == 0) {
        if (!is_code(v, strlen(v)))
            return bad(msg, cap, "%s wants an actor code or prefix (letters and digits, RUSGOV), not '%s'",
                       opt, v);
        *(name[0] == 's' ? &q->source : &q->target) = v;
    } else if (strcmp(name, "country") == 0) {
        if (strlen(v) != 3 || !isalpha((unsigned char)v[0]) || !isalpha((unsigned char)v[1]) ||
            !isalpha((unsigned char)v[2]))
            return bad(msg, cap, "%s wants an ISO 3166 alpha-3 country code (RUS), not '%s'", opt, v);
        q->country = v;
    } else if (strcmp(name, "sector") == 0) {
        q->sector = v;
    } else if (strcmp(name, "speaker") == 0) {
        if (!plain_text(v))
            return bad(msg, cap, "%s wants a name or actor code (no %% or _ wildcards), not '%s'", opt, v);
        q->speaker = v;
    } else if (strcmp(name, "contains") == 0 || strcmp(name, "q") == 0 ||
               strcmp(name, "text") == 0) {
        for (const unsigned char *p = (const unsigned char *)v; *p; p++)
            if (*p < 0x20 || *p == 0x7f)
                return bad(msg, cap, "%s holds control characters", opt);
        q->text = v;
    } else if (strcmp(name, "near") == 0) {
        static const double lo[2] = {-90, -180}, hi[2] = {90, 180};
        double ll[2];
        if (!parse_numbers(v, 2, lo, hi, ll))
            return bad(msg, cap,
                       "%s wants LAT,LON in degrees (latitude -90 to 90, longitude -180 to "
                       "180), not '%s'",
                       opt, v);
        q->near_lat = ll[0];
        q->near_lon = ll[1];
        if (q->near_km <= 0)
            q->near_km = 50;
    } else if (strcmp(name, "km") == 0) {
        return parse_double(opt, v, 0.001, 20040, &q->near_km, msg, cap);
    } else if (strcmp(name, "bbox") == 0) {
        static const double lo[4] = {-90, -180, -90, -180}, hi[4] = {90, 180, 90, 180};
        double b[4];
        if (!parse_numbers(v, 4, lo, hi, b) || b[0] > b[2])
            return bad(msg, cap,
                       "%s wants S,W,N,E in degrees (south <= north, latitudes -90 to 90, "
                       "longitudes -180 to 180), not '%s'",
                       opt, v);
        memcpy(q->bbox, b, sizeof b);
        q->has_bbox = true;
    } else {
        return 0;
    }
    return 1;
}

int cli_query_check(const dl_query *q, bool km_given, bool near_given, bool api, char *msg,
                    size_t cap)
{
    const char *pre = api ? "" : "--", *post = api ? "=" : " ";
    /* both are checked calendar dates YYYY-MM-DD: as strings they sort as dates */
    if (q->from && q->to && strcmp(q->from, q->to) > 0)
        return bad(msg, cap, "%sfrom%s%s is after %sto%s%s: the range is empty", pre, post,
                   q->from, pre, post, q->to);
    if (km_given && !near_given)
        return bad(msg, cap, "%skm needs %snear%sLAT,LON", pre, pre, post);
    return 0;
}

const char *const cli_formats_rows[] = {"table", "tsv", "csv", "jsonl", "json", NULL};
const char *const cli_formats_any[] = {"*", NULL};
