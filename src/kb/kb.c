/*
 * kb.c — opening the knowledge base: find the data folder, let every
 * stage in the pipeline load its knowledge, in order. After dl_kb_open
 * the knowledge base is read-only and may be shared between threads.
 */
#include "dl.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DL_DATADIR
#define DL_DATADIR "/usr/local/share/dateline"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The data folder: the config, $DATELINE_DATA, build/data beside the
 * executable (a build tree), ../share/dateline beside it (an installed,
 * possibly moved, prefix), or the install prefix compiled in. */
static char *find_data_dir(const dl_kb_config *cfg)
{
    if (cfg && cfg->data_dir)
        return strdup(cfg->data_dir);
    const char *env = getenv("DATELINE_DATA");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[PATH_MAX + 32];
            snprintf(cand, sizeof cand, "%s/data", exe);
            if (is_dir(cand))
                return strdup(cand);
            snprintf(cand, sizeof cand, "%s/../build/data", exe);
            if (is_dir(cand))
                return strdup(cand);
            snprintf(cand, sizeof cand, "%s/../share/dateline", exe);
            if (is_dir(cand))
                return strdup(cand);
        }
    }
    return strdup(DL_DATADIR);
}

char *dl__find_data_dir(const char *given)
{
    dl_kb_config cfg = {.data_dir = given};
    return find_data_dir(&cfg);
}

dl_code dl_kb_open(const dl_kb_config *cfg, dl_kb **out, dl_error *err)
{
    dl__error_clear(err);
    *out = NULL;
    dl_kb *kb = calloc(1, sizeof *kb);
    if (kb == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&kb->arena, 65536);
    kb->data_dir = find_data_dir(cfg);
    if (kb->data_dir == NULL) {
        dl_kb_free(kb);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    unsigned want = cfg && cfg->stages ? cfg->stages : DL_STAGE_ALL;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < dl__pipeline_len; i++)
            if (want & dl__pipeline[i]->id)
                want |= dl__pipeline[i]->needs;
    dl_kb_config defaults = {0};
    if (cfg == NULL)
        cfg = &defaults;
    for (size_t i = 0; i < dl__pipeline_len && i < DL__MAX_STAGES; i++) {
        const dl__stage *st = dl__pipeline[i];
        if (!(want & st->id))
            continue;
        if (st->load) {
            dl_code rc = st->load(kb, cfg, &kb->state[i], err);
            if (rc != DL_OK) {
                dl_kb_free(kb);
                return rc;
            }
        }
        kb->stages |= st->id;
    }
    *out = kb;
    return DL_OK;
}

void dl_kb_free(dl_kb *kb)
{
    if (kb == NULL)
        return;
    for (size_t i = 0; i < dl__pipeline_len && i < DL__MAX_STAGES; i++)
        if (kb->state[i] && dl__pipeline[i]->unload)
            dl__pipeline[i]->unload(kb->state[i]);
    dl__arena_free(&kb->arena);
    free(kb->data_dir);
    free(kb);
}

unsigned dl_kb_stages(const dl_kb *kb)
{
    return kb->stages;
}

const void *dl__kb_state(const dl_kb *kb, unsigned stage_id)
{
    for (size_t i = 0; i < dl__pipeline_len && i < DL__MAX_STAGES; i++)
        if (dl__pipeline[i]->id == stage_id)
            return kb->state[i];
    return NULL;
}

const char *dl__kb_path(const dl_kb *kb, const char *name)
{
    return dl__arena_printf((dl__arena *)&kb->arena, "%s/%s", kb->data_dir, name);
}
