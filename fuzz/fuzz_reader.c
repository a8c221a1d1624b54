/*
 * fuzz_reader.c — libFuzzer target for the document reader (dl_reader_*):
 * JSONL records, plain text with an inline ` date YYYY-MM-DD ` header,
 * and format detection. The first input byte picks the format, whether a
 * default date is given and a small line limit (to reach the "too long"
 * paths); the rest is written to a temporary file the reader opens.
 * Invariants: no crash, every call either yields a document or an error
 * naming the file, the reader ends (DL_ENOTFOUND) within a number of calls
 * bounded by the input's lines, and dl_doc_new accepts or rejects what it
 * yields cleanly. Replayed by tests/test_fuzz_regress.c.
 */
#include "fuzz.h"

#include <unistd.h>
#include <zlib.h>

/* Lines of the file as the reader sees it (gzip-decompressed when it is
 * compressed, as zlib's gzread does for the reader): an upper bound, give
 * or take the error at the end, on the documents it can yield. */
static size_t count_lines(const char *path)
{
    gzFile gz = gzopen(path, "rb");
    if (gz == NULL)
        return 1;
    size_t lines = 1;
    char buf[4096];
    int k;
    while ((k = gzread(gz, buf, sizeof buf)) > 0)
        for (int i = 0; i < k; i++)
            lines += buf[i] == '\n';
    gzclose(gz);
    return lines;
}

static int fuzz_reader_one(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const dl_format formats[4] = {DL_FORMAT_AUTO, DL_FORMAT_TEXT,
                                         DL_FORMAT_JSONL, DL_FORMAT_AUTO};
    static const char *const exts[4] = {".jsonl", ".txt", ".jsonl", ""};
    unsigned mode = data[0];
    data++;
    size--;

    char path[128];
    snprintf(path, sizeof path, "/tmp/dl-fuzz-reader-%ld%s", (long)getpid(), exts[mode & 3]);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    size_t w = size ? fwrite(data, 1, size, f) : 0;
    fclose(f);
    if (w != size) {
        unlink(path);
        return 0;
    }
    dl_reader_config cfg = {
        .format = formats[mode & 3],
        .default_date = (mode & 4) ? "2023-07-23" : NULL,
        .max_line_bytes = (mode & 8) ? 64 : 0,
        .max_doc_bytes = (mode & 16) ? 128 : 0,
    };
    const char *paths[1] = {path};
    dl_reader *r = NULL;
    dl_error err;
    FUZZ_ASSERT(dl_reader_open(paths, 1, &cfg, &r, &err) == DL_OK);
    size_t lines = count_lines(path);
    size_t calls = 0;
    for (;;) {
        dl_doc_input in;
        dl_code rc = dl_reader_next(r, &in, &err);
        calls++;
        FUZZ_ASSERT(calls <= lines + 4); /* no endless error loop */
        if (rc == DL_ENOTFOUND || calls > lines + 4)
            break;
        if (rc != DL_OK) {
            FUZZ_ASSERT(err.code == rc);
            continue;
        }
        FUZZ_ASSERT(in.text != NULL);
        if (in.text == NULL)
            continue;
        dl_doc *doc = NULL;
        if (dl_doc_new(&in, &doc, &err) == DL_OK) {
            size_t len;
            dl_doc_text(doc, &len);
            FUZZ_ASSERT(len == in.len);
        }
        dl_doc_free(doc);
    }
    dl_reader_free(r);
    unlink(path);
    return 0;
}

#ifndef DL_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_reader_one(data, size);
}
#endif
