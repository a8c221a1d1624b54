/*
 * date.c — civil dates in the proleptic Gregorian calendar, in UTC, with
 * our own cursor parser (no sscanf, no mktime/localtime surprises). The
 * day-count conversion is the well-known era-based algorithm (400-year
 * cycles of 146097 days).
 */
#include "dl.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool dl_date_valid(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return false;
    return day <= month_days(year, month);
}

long dl_date_to_days(dl_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

dl_date dl_date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    dl_date out = {(int)(y + (m <= 2)), (int)m, (int)d};
    return out;
}

int dl_date_weekday(dl_date d)
{
    long days = dl_date_to_days(d); /* 1970-01-01 was a Thursday (3) */
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

void dl_date_format(dl_date d, char buf[11])
{
    unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u,
             dd = (unsigned)d.day % 100u;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + dd / 10);
    buf[9] = (char)('0' + dd % 10);
    buf[10] = '\0';
}

/* Reads exactly `n` digits at *p; returns -1 when they are not digits. */
static int digits(const char **p, const char *end, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (*p >= end || **p < '0' || **p > '9')
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    return v;
}

/* Whether the ISO 8601 time at p (after the T or space) names a real
 * time of day: hours 00-23 (24:00:00 as the day's end), minutes 00-59,
 * seconds 00-60 (a leap second), and a zone offset of at most 14:59.
 * Only the numbers are checked; text after them is ignored as before. */
static bool time_valid(const char *p, const char *end)
{
    int h = digits(&p, end, 2);
    if (h < 0)
        return true; /* not a time: "2023-07-23 Sunday" */
    int m = 0, sec = 0;
    if (p < end && *p == ':') {
        p++;
        if ((m = digits(&p, end, 2)) < 0)
            return false;
        if (p < end && *p == ':') {
            p++;
            if ((sec = digits(&p, end, 2)) < 0)
                return false;
        }
    }
    if (h > 24 || m > 59 || sec > 60 || (h == 24 && (m || sec)))
        return false;
    while (p < end && (*p == '.' || *p == ',' || (*p >= '0' && *p <= '9')))
        p++;
    if (p < end && (*p == '+' || *p == '-')) {
        p++;
        int oh = digits(&p, end, 2), om = 0;
        if (oh < 0)
            return false;
        if (p < end && *p == ':')
            p++;
        if (p < end && *p >= '0' && *p <= '9' && (om = digits(&p, end, 2)) < 0)
            return false;
        if (oh > 14 || om > 59)
            return false;
    }
    return true;
}

dl_code dl_date_parse(const char *s, size_t len, dl_date *out, dl_error *err)
{
    if (s == NULL)
        return dl__fail(err, DL_ENODATE, "no date");
    if (len == (size_t)-1)
        len = strlen(s);
    const char *p = s, *end = s + len;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
                       end[-1] == '\n'))
        end--;
    if (p == end)
        return dl__fail(err, DL_ENODATE, "empty date");
    const char *start = p;
    int y = digits(&p, end, 4), m, d;
    if (y < 0)
        goto bad;
    if (p < end && *p == '-') {
        p++;
        m = digits(&p, end, 2);
        if (m < 0 || p >= end || *p != '-')
            goto bad;
        p++;
        d = digits(&p, end, 2);
    } else {
        m = digits(&p, end, 2);
        d = digits(&p, end, 2);
    }
    if (m < 0 || d < 0)
        goto bad;
    /* an ISO 8601 time may follow: T or space, then anything time-like */
    if (p < end && *p != 'T' && *p != 't' && *p != ' ')
        goto bad;
    if (!dl_date_valid(y, m, d))
        return dl__fail(err, DL_EDATE, "impossible date '%.*s'",
                        (int)(end - start), start);
    if (p < end && !time_valid(p + 1, end))
        return dl__fail(err, DL_EDATE, "impossible time in '%.*s'",
                        (int)(end - start > 40 ? 40 : end - start), start);
    out->year = y;
    out->month = m;
    out->day = d;
    return DL_OK;
bad:
    return dl__fail(err, DL_EDATE, "malformed date '%.*s' (want YYYY-MM-DD)",
                    (int)(end - start > 40 ? 40 : end - start), start);
}
