/*
 * stage.c — the actor stage's entry in the pipeline table: loads our
 * dictionaries (countries converted from iso-codes, countries.txt,
 * agents.txt, orgs.txt, people.txt) and the user's extra dictionaries in
 * our format or PETRARCH's into one trie, then finds and codes actor
 * mentions in each document (match.c, resolve.c).
 */
#include "actors/actors.h"
#include "text/text.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef struct actors_state {
    dl__actor_dict dict;
} actors_state;

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static dl_code load_default(dl__actor_dict *d, const dl_kb *kb, dl_error *err)
{
    static const struct {
        const char *name;
        dl_code (*fn)(dl__actor_dict *, const char *, dl_error *);
        int optional;
    } files[] = {
        {"actors/iso3166.txt", dl__load_countries, 0},
        {"actors/countries.txt", dl__load_countries, 0},
        {"actors/agents.txt", dl__load_agents, 0},
        {"actors/orgs.txt", dl__load_orgs, 1},
        {"actors/people.txt", dl__load_people, 1},
        {"actors/given-names.tsv", dl__load_given, 1},
        {"actors/given.txt", dl__load_given, 1},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN(files); i++) {
        const char *path = dl__kb_path(kb, files[i].name);
        if (path == NULL)
            return dl__fail(err, DL_ENOMEM, NULL);
        if (files[i].optional && !exists(path))
            continue;
        dl_code rc = files[i].fn(d, path, err);
        if (rc != DL_OK)
            return rc;
    }
    return DL_OK;
}

static dl_code load_list(dl__actor_dict *d, const char *const *list,
                         dl_code (*fn)(dl__actor_dict *, const char *, dl_error *),
                         dl_error *err)
{
    for (size_t i = 0; list && list[i]; i++) {
        dl_code rc = fn(d, list[i], err);
        if (rc != DL_OK)
            return rc;
    }
    return DL_OK;
}

static void actors_unload(void *state)
{
    actors_state *st = state;
    if (st == NULL)
        return;
    dl__adict_free(&st->dict);
    free(st);
}

static dl_code actors_load(dl_kb *kb, const dl_kb_config *cfg, void **state,
                           dl_error *err)
{
    actors_state *st = calloc(1, sizeof *st);
    if (st == NULL || !dl__adict_init(&st->dict)) {
        free(st);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    const dl__text_kb *tk = dl__kb_state(kb, DL_STAGE_TEXT);
    st->dict.abbrev = tk ? &tk->abbrev : NULL;
    dl_code rc = DL_OK;
    if (!cfg->no_default_dicts)
        rc = load_default(&st->dict, kb, err);
    if (rc == DL_OK)
        rc = load_list(&st->dict, cfg->actor_dicts, dl__load_actor_file, err);
    if (rc == DL_OK)
        rc = load_list(&st->dict, cfg->agent_dicts, dl__load_agent_file, err);
    if (rc == DL_OK)
        dl__adict_finish(&st->dict);
    if (rc == DL_OK && st->dict.oom)
        rc = dl__fail(err, DL_ENOMEM, NULL);
    if (rc != DL_OK) {
        actors_unload(st);
        return rc;
    }
    *state = st;
    return DL_OK;
}

static dl_code actors_run(const dl_kb *kb, const void *state, dl_doc *doc,
                          dl_error *err)
{
    const actors_state *st = state;
    if (st == NULL)
        return DL_OK;
    return dl__actors_match(&st->dict, doc, err);
}

const dl__stage dl__stage_actors = {
    .iversion = 1,
    .id = DL_STAGE_ACTORS,
    .needs = DL_STAGE_TEXT,
    .name = "actors",
    .load = actors_load,
    .unload = actors_unload,
    .run = actors_run,
};
