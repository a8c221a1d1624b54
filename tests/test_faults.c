/*
 * test_faults.c — failure paths: every arena allocation of a document may
 * fail, and the pipeline must then report DL_ENOMEM (never crash, never
 * leak: ASan runs this too); stores that cannot be opened or written are
 * reported, not assumed.
 */
#include "test.h"

#include <stdlib.h>

extern long dl__fault_countdown;

TEST(faults_out_of_memory_everywhere)
{
    char *raw = dl_test_read_file(dl_test_shared("corpus/seed/000_19f7a3bb0be46a5e.txt"), NULL);
    CHECK(raw != NULL);
    if (raw == NULL)
        return;
    const char *text = strstr(raw, "Russian President");
    const dl_kb *kb = dl_test_kb();
    int enomem = 0, ok = 0;
    for (long k = 1; k <= 64; k++) {
        dl_doc_input in = {.text = text, .len = strlen(text), .date = "2023-07-23"};
        dl_doc *doc = NULL;
        dl_error err;
        dl__fault_countdown = k;
        dl_code rc = dl_doc_new(&in, &doc, &err);
        if (rc == DL_OK)
            rc = dl_annotate(kb, doc, &err);
        dl__fault_countdown = 0;
        if (rc == DL_ENOMEM) {
            enomem++;
            CHECK(err.msg[0] != '\0');
        } else {
            CHECK_INT(rc, DL_OK);
            ok++;
        }
        dl_doc_free(doc);
    }
    CHECK(enomem >= 3); /* the failures really were injected */
    CHECK(ok >= 1);     /* and past the last allocation it succeeds */
    free(raw);
}

TEST(faults_store_cannot_open)
{
    dl_store *st = NULL;
    dl_error err;
    CHECK_INT(dl_store_open("/nonexistent-dir/x/dateline.db", &st, &err), DL_EDB);
    CHECK(st == NULL);
    CHECK(strstr(err.file, "nonexistent-dir") != NULL);
    CHECK_INT(dl_store_open("", &st, &err), DL_EUSAGE);
}

TEST(faults_kb_missing_data)
{
    dl_kb_config cfg = {.data_dir = "/nonexistent-data-dir"};
    dl_kb *kb = NULL;
    dl_error err;
    CHECK(dl_kb_open(&cfg, &kb, &err) != DL_OK);
    CHECK(kb == NULL);
    CHECK(strstr(err.msg, "nonexistent-data-dir") != NULL || strstr(err.file, "nonexistent-data-dir") != NULL);
}
