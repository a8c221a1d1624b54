/*
 * calendar.c — calendar points at a granularity (century ... minute) and
 * their TIMEX3 values: truncating a date to a week, quarter or season,
 * moving a point by n units without ever producing an impossible date,
 * ISO 8601 week numbers. All arithmetic goes through dl_date day counts
 * (src/base/date.c), in UTC.
 */
#include "time/tx.h"

static int mdays(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

static dl_date ymd(int y, int m, int d)
{
    dl_date r = {y, m, d};
    return r;
}

/* The first day of the point's period. */
dl_date dl__tx_date(tx_tp t)
{
    return ymd(t.y, t.m < 1 ? 1 : t.m, t.d < 1 ? 1 : t.d);
}

static int season_of_month(int m)
{
    if (m == 12 || m <= 2)
        return TXS_WI;
    return m <= 5 ? TXS_SP : m <= 8 ? TXS_SU : TXS_FA;
}

tx_tp dl__tx_from_date(dl_date d, int gran)
{
    tx_tp t = {gran, d.year, d.month, d.day, 0, 0, 0};
    switch (gran) {
    case TXG_CENT:
        t.y = d.year / 100 * 100;
        t.m = t.d = 1;
        break;
    case TXG_DEC:
        t.y = d.year / 10 * 10;
        t.m = t.d = 1;
        break;
    case TXG_YEAR:
        t.m = t.d = 1;
        break;
    case TXG_HALF:
        t.sub = d.month <= 6 ? 1 : 2;
        t.m = t.sub == 1 ? 1 : 7;
        t.d = 1;
        break;
    case TXG_QUARTER:
        t.sub = (d.month - 1) / 3 + 1;
        t.m = (t.sub - 1) * 3 + 1;
        t.d = 1;
        break;
    case TXG_SEASON:
        t.sub = season_of_month(d.month);
        if (t.sub == TXS_WI && d.month <= 2)
            t.y--; /* winter belongs to the year it starts in */
        t.m = t.sub == TXS_SP ? 3 : t.sub == TXS_SU ? 6 : t.sub == TXS_FA ? 9 : 12;
        t.d = 1;
        break;
    case TXG_MONTH:
        t.d = 1;
        break;
    case TXG_WEEK:
    case TXG_WEEKEND: {
        long days = dl_date_to_days(d) - dl_date_weekday(d);
        dl_date mon = dl_date_from_days(days);
        t.y = mon.year;
        t.m = mon.month;
        t.d = mon.day;
        break;
    }
    default:
        break;
    }
    return t;
}

static tx_tp add_months(tx_tp t, long n)
{
    long idx = (long)t.y * 12 + (t.m - 1) + n;
    t.y = (int)(idx / 12);
    t.m = (int)(idx % 12) + 1;
    if (t.d > mdays(t.y, t.m))
        t.d = mdays(t.y, t.m);
    return t;
}

static tx_tp add_days(tx_tp t, long n)
{
    dl_date d = dl_date_from_days(dl_date_to_days(dl__tx_date(t)) + n);
    t.y = d.year;
    t.m = d.month;
    t.d = d.day;
    return t;
}

tx_tp dl__tx_shift(tx_tp t, int unit, int n)
{
    if (t.y < 1 || t.y > 9999 || n > 100000 || n < -100000)
        return t;
    switch (unit) {
    case TXU_CENTURY: return add_months(t, 1200L * n);
    case TXU_DECADE: return add_months(t, 120L * n);
    case TXU_YEAR: return add_months(t, 12L * n);
    case TXU_QUARTER:
        if (t.gran == TXG_QUARTER)
            t.sub = (t.sub - 1 + 4 * 100000 + n) % 4 + 1;
        t = add_months(t, 3L * n);
        return t;
    case TXU_MONTH:
        if (t.gran == TXG_QUARTER)
            return t;
        return add_months(t, n);
    case TXU_FORTNIGHT: return add_days(t, 14L * n);
    case TXU_WEEK: return add_days(t, 7L * n);
    case TXU_DAY: return add_days(t, n);
    case TXU_HOUR: {
        long mins = (long)t.hh * 60 + t.mm + 60L * n;
        long dd = mins >= 0 ? mins / 1440 : -((-mins + 1439) / 1440);
        mins -= dd * 1440;
        t = add_days(t, dd);
        t.hh = (int)(mins / 60);
        t.mm = (int)(mins % 60);
        return t;
    }
    default:
        return t;
    }
}

bool dl__tx_ok(tx_tp t)
{
    if (t.y < 1 || t.y > 9999)
        return false;
    if (t.gran >= TXG_MONTH && (t.m < 1 || t.m > 12))
        return false;
    if (t.gran >= TXG_DAY && !dl_date_valid(t.y, t.m, t.d))
        return false;
    return true;
}

/* ISO 8601 week-numbering year and week of a date. */
static void iso_week(dl_date d, int *wy, int *wk)
{
    long days = dl_date_to_days(d);
    long thu = days - dl_date_weekday(d) + 3;
    dl_date td = dl_date_from_days(thu);
    dl_date jan1 = {td.year, 1, 1};
    *wy = td.year;
    *wk = (int)((thu - dl_date_to_days(jan1)) / 7 + 1);
}

void dl__tx_format(tx_tp t, char *buf, size_t cap)
{
    static const char *const seasons[] = {"", "SP", "SU", "FA", "WI"};
    static const char *const tods[] = {"", "MO", "AF", "EV", "NI", "MI"};
    int wy, wk;
    switch (t.gran) {
    case TXG_CENT: snprintf(buf, cap, "%02d", t.y / 100); break;
    case TXG_DEC: snprintf(buf, cap, "%03d", t.y / 10); break;
    case TXG_YEAR: snprintf(buf, cap, "%04d", t.y); break;
    case TXG_HALF: snprintf(buf, cap, "%04d-H%d", t.y, t.sub); break;
    case TXG_QUARTER: snprintf(buf, cap, "%04d-Q%d", t.y, t.sub); break;
    case TXG_SEASON:
        snprintf(buf, cap, "%04d-%s", t.y, seasons[t.sub >= 1 && t.sub <= 4 ? t.sub : 0]);
        break;
    case TXG_MONTH: snprintf(buf, cap, "%04d-%02d", t.y, t.m); break;
    case TXG_WEEK:
    case TXG_WEEKEND:
        iso_week(dl__tx_date(t), &wy, &wk);
        snprintf(buf, cap, "%04d-W%02d%s", wy, wk, t.gran == TXG_WEEKEND ? "-WE" : "");
        break;
    case TXG_DAY: snprintf(buf, cap, "%04d-%02d-%02d", t.y, t.m, t.d); break;
    case TXG_TOD:
        snprintf(buf, cap, "%04d-%02d-%02dT%s", t.y, t.m, t.d,
                 tods[t.sub >= 1 && t.sub <= 5 ? t.sub : 0]);
        break;
    case TXG_TIME:
        snprintf(buf, cap, "%04d-%02d-%02dT%02d:%02d", t.y, t.m, t.d, t.hh, t.mm);
        break;
    default:
        snprintf(buf, cap, "XXXX");
        break;
    }
}
