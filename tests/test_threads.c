/*
 * test_threads.c — one knowledge base, several threads: documents
 * annotated at the same time give exactly the output they give alone
 * (the knowledge base is read-only after loading; a document belongs to
 * one thread).
 */
#include "test.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct job {
    const char *text;
    char *json;
} job;

static char *annotate_json(const char *text)
{
    dl_doc *doc = dl_test_annotate(text, "2023-07-23");
    if (doc == NULL)
        return NULL;
    char *s = dl_doc_to_json(doc);
    dl_doc_free(doc);
    return s;
}

static void *worker(void *arg)
{
    job *j = arg;
    j->json = annotate_json(j->text);
    return NULL;
}

TEST(threads_shared_kb)
{
    char *seed = dl_test_seed_text();
    if (seed == NULL)
        return;
    dl_test_kb(); /* load once, before the threads start */
    char *alone = annotate_json(seed);
    CHECK(alone != NULL);
    enum { N = 4 };
    job jobs[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        jobs[i].text = seed;
        jobs[i].json = NULL;
        CHECK_INT(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CHECK(jobs[i].json != NULL && alone != NULL && strcmp(jobs[i].json, alone) == 0);
        free(jobs[i].json);
    }
    free(alone);
    free(seed);
}
