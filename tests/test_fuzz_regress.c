/*
 * test_fuzz_regress.c — replays the fuzz seed corpora (fuzz/corpus/<target>/)
 * and every crash the fuzzers found (fuzz/regressions/<target>/) through
 * the fuzz targets' own entry points, compiled in here with
 * DL_FUZZ_REPLAY so that their invariants become test checks. A crash
 * found once stays a test for good.
 */
#define DL_FUZZ_REPLAY 1
#include "test.h"

#include "../fuzz/fuzz_date.c"
#include "../fuzz/fuzz_doc.c"
#include "../fuzz/fuzz_reader.c"
#include "../fuzz/fuzz_time.c"
#include "../fuzz/fuzz_actordict.c"

#include <dirent.h>

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static const dl_kb *replay_kb;

static int doc_one(const uint8_t *data, size_t size)
{
    return fuzz_doc_one(replay_kb, data, size);
}

static int time_one(const uint8_t *data, size_t size)
{
    return fuzz_time_one(replay_kb, data, size);
}

/* Runs fn on every file of folder `dir`; returns how many (0 when the
 * folder does not exist). */
static size_t replay_dir(const char *dir, fuzz_fn fn)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = dl_test_read_file(path, &len);
        if (data == NULL)
            continue;
        int before = dl_test_failures;
        fn((const uint8_t *)data, len);
        if (dl_test_failures != before)
            fprintf(stderr, "  (input: %s)\n", path);
        free(data);
        n++;
    }
    closedir(d);
    return n;
}

static void replay(const char *target, fuzz_fn fn)
{
    char dir[256];
    snprintf(dir, sizeof dir, "fuzz/corpus/%s", target);
    size_t seeds = replay_dir(dir, fn);
    if (seeds == 0)
        dl_test_fail(__FILE__, __LINE__, "no seed inputs in %s", dir);
    snprintf(dir, sizeof dir, "fuzz/regressions/%s", target);
    replay_dir(dir, fn);
}

TEST(fuzz_date_replay)
{
    replay("date", fuzz_date_one);
}

TEST(fuzz_doc_replay)
{
    replay_kb = dl_test_kb();
    replay("doc", doc_one);
}

TEST(fuzz_reader_replay)
{
    replay("reader", fuzz_reader_one);
}

TEST(fuzz_time_replay)
{
    replay_kb = dl_test_kb();
    replay("time", time_one);
}

TEST(fuzz_actordict_replay)
{
    replay("actordict", fuzz_actordict_one);
}
