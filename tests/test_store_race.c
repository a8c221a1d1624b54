/*
 * test_store_race.c — first opens of a new SQLite store racing each
 * other: processes released at once by a pipe all open (and so create)
 * the same new file, as two `dateline ingest` into a new database do.
 * Every one must succeed and the schema be made once.
 */
#include "test.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* n processes open a new store at path at once; how many failed. */
static int race(const char *path, int n)
{
    int go[2];
    if (pipe(go) != 0)
        return n;
    pid_t pid[8];
    for (int i = 0; i < n; i++) {
        pid[i] = fork();
        if (pid[i] == 0) {
            close(go[1]);
            char c;
            if (read(go[0], &c, 1) != 0) /* EOF: all released together */
                _exit(3);
            dl_store *st;
            dl_error err;
            if (dl_store_open(path, &st, &err) != DL_OK) {
                fprintf(stderr, "  first open %d: %s\n", i, err.msg);
                _exit(1);
            }
            dl_store_close(st);
            _exit(0);
        }
    }
    close(go[0]);
    usleep(50000);
    close(go[1]);
    int failed = 0;
    for (int i = 0; i < n; i++) {
        int status = 0;
        if (pid[i] < 0 || waitpid(pid[i], &status, 0) != pid[i] || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            failed++;
    }
    return failed;
}

TEST(store_first_opens_race)
{
    char dir[] = "/tmp/dl-race-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    int rounds = 0, failed = 0;
    for (int n = 2; n <= 4; n += 2)
        for (int r = 0; r < 4; r++, rounds++) {
            char path[128];
            snprintf(path, sizeof path, "%s/r%d-%d.db", dir, n, r);
            failed += race(path, n);
            dl_store *st;
            dl_error err;
            CHECK(dl_store_open(path, &st, &err) == DL_OK);
            dl_store_close(st);
            for (const char *sfx = ""; sfx; sfx = *sfx ? NULL : "-wal") {
                char p[160];
                snprintf(p, sizeof p, "%s%s", path, sfx);
                unlink(p);
            }
            char p[160];
            snprintf(p, sizeof p, "%s-shm", path);
            unlink(p);
        }
    CHECK_INT(failed, 0);
    CHECK_INT(rounds, 8);
    rmdir(dir);
}
