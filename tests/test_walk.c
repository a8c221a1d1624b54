/*
 * test_walk.c — walking folders that hold traps: links back to a folder
 * being walked (a -> ., b -> ..) and a FIFO. The walk must end, read the
 * real document once per path that reaches it without a loop, report each
 * loop and the FIFO once, and never block. An alarm turns a hang (the
 * behaviour before) into a failed run instead of a stuck one.
 */
#include "test.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

TEST(walk_loops_and_fifos)
{
    char dir[] = "/tmp/dl-walk-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char p[256], sub[256], doc[256], a[256], b[256], fifo[256], up[256];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    snprintf(doc, sizeof doc, "%s/sub/doc.txt", dir);
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(up, sizeof up, "%s/sub/up", dir);
    snprintf(fifo, sizeof fifo, "%s/sub/pipe.txt", dir);
    CHECK(mkdir(sub, 0700) == 0);
    FILE *f = fopen(doc, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("date 2023-07-23\nPutin met Lukashenko in St. Petersburg.\n", f);
        fclose(f);
    }
    CHECK(symlink(".", a) == 0);
    CHECK(symlink(".", b) == 0);
    CHECK(symlink("..", up) == 0);
    CHECK(mkfifo(fifo, 0600) == 0);

    alarm(30);
    const char *paths[] = {dir};
    dl_reader *r;
    dl_error err;
    CHECK(dl_reader_open(paths, 1, NULL, &r, &err) == DL_OK);
    int docs = 0, loops = 0, fifos = 0, other = 0;
    for (int i = 0; i < 100; i++) {
        dl_doc_input in;
        dl_code rc = dl_reader_next(r, &in, &err);
        if (rc == DL_ENOTFOUND)
            break;
        if (rc == DL_OK)
            docs++;
        else if (strstr(err.msg, "already being read"))
            loops++;
        else if (strstr(err.msg, "FIFO"))
            fifos++;
        else
            other++;
    }
    dl_reader_free(r);
    alarm(0);
    /* sub/doc.txt once; a, b and sub/up each lead back into the walk */
    CHECK_INT(docs, 1);
    CHECK_INT(loops, 3);
    CHECK_INT(fifos, 1);
    CHECK_INT(other, 0);

    /* given by name, a FIFO is a stream: what a writer sends is read */
    pid_t pid = fork();
    if (pid == 0) {
        FILE *w = fopen(fifo, "w");
        if (w) {
            fputs("date 2023-07-23\nPutin met Lukashenko.\n", w);
            fclose(w);
        }
        _exit(0);
    }
    alarm(30);
    const char *named[] = {fifo};
    CHECK(dl_reader_open(named, 1, NULL, &r, &err) == DL_OK);
    dl_doc_input in;
    CHECK(dl_reader_next(r, &in, &err) == DL_OK);
    CHECK(dl_reader_next(r, &in, &err) == DL_ENOTFOUND);
    dl_reader_free(r);
    alarm(0);
    waitpid(pid, NULL, 0);

    const char *rm[] = {a, b, up, fifo, doc};
    for (size_t i = 0; i < DL_ARRAY_LEN_T(rm); i++)
        unlink(rm[i]);
    rmdir(sub);
    rmdir(dir);
    (void)p;
}

/* Writes s as UTF-16 (ASCII only), little- or big-endian, with or
 * without a byte-order mark. */
static void write_utf16(const char *path, const char *s, bool le, bool bom)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return;
    if (bom)
        fputs(le ? "\xff\xfe" : "\xfe\xff", f);
    for (; *s; s++) {
        if (le) {
            fputc(*s, f);
            fputc(0, f);
        } else {
            fputc(0, f);
            fputc(*s, f);
        }
    }
    fclose(f);
}

TEST(reader_names_utf16)
{
    const char *text = "date 2023-07-23\nPutin met Lukashenko in St. Petersburg on Sunday.\n";
    static const struct {
        bool le, bom;
        const char *want;
    } cases[] = {
        {true, true, "UTF-16 little-endian (with a byte-order mark)"},
        {false, true, "UTF-16 big-endian (with a byte-order mark)"},
        {true, false, "UTF-16 little-endian (no byte-order mark)"},
        {false, false, "UTF-16 big-endian (no byte-order mark)"},
    };
    char path[] = "/tmp/dl-u16-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    for (size_t i = 0; i < DL_ARRAY_LEN_T(cases); i++) {
        write_utf16(path, text, cases[i].le, cases[i].bom);
        const char *paths[] = {path};
        dl_reader_config cfg = {.default_date = "2023-07-23"};
        dl_reader *r;
        dl_error err;
        CHECK(dl_reader_open(paths, 1, &cfg, &r, &err) == DL_OK);
        dl_doc_input in;
        CHECK_INT(dl_reader_next(r, &in, &err), DL_EFORMAT);
        CHECK(strstr(err.msg, cases[i].want) != NULL);
        dl_reader_free(r);
    }
    unlink(path);
}
