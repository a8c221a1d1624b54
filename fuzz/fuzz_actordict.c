/*
 * fuzz_actordict.c — libFuzzer target for the actor stage's dictionary
 * readers (ours and PETRARCH/TABARI's, actor and agent files): the input
 * is written to a temporary file, loaded as a user actor dictionary and as
 * an agent dictionary (dl_kb_open with no default dictionaries), and a
 * fixed sentence is annotated with it. Whatever the bytes, loading must
 * not crash and must either succeed or fail with an error that says why;
 * every mention must lie inside the text. Needs DATELINE_DATA (the text
 * stage's data); fuzz/run.sh sets it.
 */
#include "fuzz.h"

#include <unistd.h>

static const char *const sentence =
    "Russian President Vladimir Putin told Gondor's government and MSF Arnor "
    "troops in Kyiv that he would meet the Belarusian leader.";

static void one_load(const char *path, int agents)
{
    const char *list[] = {path, NULL};
    dl_kb_config cfg = {.stages = DL_STAGE_ACTORS, .no_default_dicts = true};
    if (agents)
        cfg.agent_dicts = list;
    else
        cfg.actor_dicts = list;
    dl_kb *kb = NULL;
    dl_error err;
    dl_code rc = dl_kb_open(&cfg, &kb, &err);
    if (rc != DL_OK) {
        FUZZ_ASSERT(kb == NULL && err.code == rc);
        return;
    }
    dl_doc_input in = {.text = sentence, .len = strlen(sentence), .date = "2023-07-23"};
    dl_doc *doc;
    if (dl_doc_new(&in, &doc, &err) == DL_OK) {
        if (dl_annotate_some(kb, doc, DL_STAGE_ACTORS, &err) == DL_OK) {
            size_t n;
            const dl_actor *a = dl_doc_actors(doc, &n);
            for (size_t i = 0; i < n; i++)
                FUZZ_ASSERT(a[i].start < a[i].end && a[i].end <= in.len);
        }
        dl_doc_free(doc);
    }
    dl_kb_free(kb);
}

static int fuzz_actordict_one(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/dl-fuzz-actordict-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    size_t off = 0;
    while (off < size) {
        ssize_t k = write(fd, data + off, size - off);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    close(fd);
    one_load(path, 0);
    one_load(path, 1);
    unlink(path);
    return 0;
}

#ifndef DL_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_actordict_one(data, size);
}
#endif
