/*
 * fuzz_date.c — libFuzzer target for dl_date_parse, the parser of document
 * dates ("2023-07-23", "20230723", ISO 8601 timestamps). Whatever the
 * bytes, it must not crash, read past `len`, or accept an impossible date;
 * an accepted date must survive format -> parse and days -> date round
 * trips. Replayed by tests/test_fuzz_regress.c.
 */
#include "fuzz.h"

static int fuzz_date_one(const uint8_t *data, size_t size)
{
    char *s = fuzz_copy(data, size);
    if (s == NULL)
        return 0;
    dl_date d;
    dl_error err;
    dl_code rc = dl_date_parse(s, size, &d, &err);
    if (rc == DL_OK) {
        FUZZ_ASSERT(dl_date_valid(d.year, d.month, d.day));
        char buf[11];
        dl_date_format(d, buf);
        FUZZ_ASSERT(strlen(buf) == 10);
        dl_date back;
        FUZZ_ASSERT(dl_date_parse(buf, 10, &back, &err) == DL_OK);
        FUZZ_ASSERT(back.year == d.year && back.month == d.month && back.day == d.day);
        dl_date again = dl_date_from_days(dl_date_to_days(d));
        FUZZ_ASSERT(again.year == d.year && again.month == d.month && again.day == d.day);
        int wd = dl_date_weekday(d);
        FUZZ_ASSERT(wd >= 0 && wd <= 6);
    } else {
        FUZZ_ASSERT(err.code == rc);
        FUZZ_ASSERT(memchr(err.msg, '\0', sizeof err.msg) != NULL);
    }
    free(s);
    return 0;
}

#ifndef DL_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_date_one(data, size);
}
#endif
