/*
 * stage.c — the events stage's entry in the pipeline table: loading the
 * CAMEO/PLOVER table, our verb patterns and discards (unless the config
 * says no_default_dicts), then users' PETRARCH/TABARI verb dictionaries
 * and discard files, or files in our format (by extension .pat);
 * running the coder (coder.c) on a document.
 */
#include "events/events.h"

#include <stdlib.h>

static void events_unload(void *state)
{
    dl__events_kb *ek = state;
    if (ek == NULL)
        return;
    dl__strmap_free(&ek->cameo_by_code);
    dl__strmap_free(&ek->triggers);
    dl__strmap_free(&ek->synsets);
    dl__strmap_free(&ek->discard_first);
    dl__strmap_free(&ek->wordcls);
    dl__strmap_free(&ek->lemmacls);
    dl__arena_free(&ek->arena);
    free(ek);
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static dl_code load_user(dl__events_kb *ek, const dl_kb_config *cfg,
                         dl_error *err)
{
    dl_code rc = DL_OK;
    for (const char *const *p = cfg->verb_dicts; p && *p && rc == DL_OK; p++)
        rc = ends_with(*p, ".pat") ? dl__events_load_ours(ek, *p, err)
                                   : dl__events_load_petrarch(ek, *p, err);
    for (const char *const *p = cfg->discard_dicts; p && *p && rc == DL_OK;
         p++)
        rc = dl__events_load_discards(ek, *p, err);
    return rc;
}

static dl_code events_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                           dl_error *err)
{
    dl__events_kb *ek = calloc(1, sizeof *ek);
    if (ek == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&ek->arena, 1 << 16);
    ek->kb = kb;
    dl_code rc = dl__events_classes(ek) == DL_OK
                     ? DL_OK
                     : dl__fail(err, DL_ENOMEM, NULL);
    if (rc == DL_OK)
        rc = dl__events_load_tables(
        ek, dl__kb_path(kb, "events/cameo.tsv"), err);
    ek->historical_days = cfg->historical_days > 0 ? cfg->historical_days : 365;
    if (rc == DL_OK && !cfg->no_default_dicts) {
        /* word classes first: the patterns name them */
        rc = dl__events_load_ours(ek, dl__kb_path(kb, "events/classes.txt"), err);
        if (rc == DL_OK)
            rc = dl__events_load_ours(ek, dl__kb_path(kb, "events/verbs.txt"), err);
        if (rc == DL_OK)
            rc = dl__events_load_discards(
                ek, dl__kb_path(kb, "events/discards.txt"), err);
    }
    if (rc == DL_OK)
        rc = load_user(ek, cfg, err);
    if (rc == DL_OK && ek->arena.failed)
        rc = dl__fail(err, DL_ENOMEM, "out of memory loading verb patterns");
    ek->kb = NULL; /* only needed while loading */
    if (rc != DL_OK) {
        events_unload(ek);
        return rc;
    }
    *state = ek;
    return DL_OK;
}

static dl_code events_run(const dl_kb *kb, const void *state, dl_doc *doc,
                          dl_error *err)
{
    DL_UNUSED(kb);
    if (state == NULL)
        return DL_OK;
    return dl__events_code(state, doc, err);
}

const dl__stage dl__stage_events = {
    .iversion = 1,
    .id = DL_STAGE_EVENTS,
    .needs = DL_STAGE_TEXT | DL_STAGE_SYNTAX | DL_STAGE_ACTORS,
    .name = "events",
    .load = events_load,
    .unload = events_unload,
    .run = events_run,
};
