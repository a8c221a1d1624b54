/*
 * check.c — `dateline dict check FILE...` for actor and agent
 * dictionaries: each file is loaded (our format or PETRARCH/TABARI's;
 * actor or agent dictionary by its content) into one dictionary, so that
 * conflicts between files show too, and every syntax error and conflict is
 * written as "file:line: error|conflict: message".
 */
#include "actors/actors.h"

#include <stdlib.h>

/* An agent dictionary: PETRARCH's has [~CODE] or [CODE~]; ours starts
 * its lines with a sector code and flags ("GOV title | president"). */
static int is_agent_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    char line[1024];
    int tilde = 0, ours = 0, lines = 0;
    while (lines < 500 && fgets(line, sizeof line, f)) {
        lines++;
        const char *lb = strchr(line, '[');
        if (lb && strchr(lb, '~'))
            tilde++;
        if (strstr(line, " title |") || strstr(line, " plural |") ||
            strstr(line, " noplural |"))
            ours++;
    }
    fclose(f);
    return tilde > 0 || ours > 0 || strstr(path, "agents") != NULL;
}

/* Orders diagnostics by file (as loaded) and line. */
static int diag_cmp(const void *pa, const void *pb)
{
    const dl__diag *a = pa, *b = pb;
    const char *ca = strrchr(a->where, ':'), *cb = strrchr(b->where, ':');
    size_t la = ca ? (size_t)(ca - a->where) : strlen(a->where);
    size_t lb = cb ? (size_t)(cb - b->where) : strlen(b->where);
    int f = strncmp(a->where, b->where, la < lb ? la : lb);
    if (f != 0 || la != lb)
        return f != 0 ? f : (la < lb ? -1 : 1);
    long na = ca ? strtol(ca + 1, NULL, 10) : 0, nb = cb ? strtol(cb + 1, NULL, 10) : 0;
    if (na != nb)
        return na < nb ? -1 : 1;
    return a < b ? -1 : a > b;
}

dl_code dl__actors_check(const char *const *paths, size_t n, FILE *out,
                         long *errors, long *conflicts, dl_error *err)
{
    dl__actor_dict d;
    if (!dl__adict_init(&d))
        return dl__fail(err, DL_ENOMEM, NULL);
    dl_code rc = DL_OK;
    for (size_t i = 0; i < n && rc == DL_OK; i++) {
        rc = is_agent_file(paths[i]) ? dl__load_agent_file(&d, paths[i], err)
                                     : dl__load_actor_file(&d, paths[i], err);
    }
    dl__adict_finish(&d);
    if (d.ndiags > 1)
        qsort(d.diags, d.ndiags, sizeof *d.diags, diag_cmp);
    for (uint32_t i = 0; i < d.ndiags; i++)
        fprintf(out, "%s: %s: %s\n", d.diags[i].where,
                d.diags[i].conflict ? "conflict" : "error", d.diags[i].msg);
    if (d.ndiags < d.nerrors + d.nconflicts)
        fprintf(out, "(%lu more not shown)\n",
                (unsigned long)(d.nerrors + d.nconflicts - d.ndiags));
    *errors = (long)d.nerrors;
    *conflicts = (long)d.nconflicts;
    fprintf(out, "%zu file(s): %u actor entries, %u agent entries, %u phrases' nodes; "
                 "%ld error(s), %ld conflict(s)\n",
            n, d.nactors, d.nagents, d.nnodes, *errors, *conflicts);
    dl__adict_free(&d);
    return rc;
}

dl_code dl_dict_check(const char *const *paths, size_t n, FILE *out, long *errors,
                      long *conflicts, dl_error *err)
{
    long e = 0, c = 0;
    dl_code rc = dl__actors_check(paths, n, out, &e, &c, err);
    if (errors)
        *errors = e;
    if (conflicts)
        *conflicts = c;
    return rc;
}
