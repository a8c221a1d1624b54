/*
 * actors.c — `dateline eval actors FILE`: scores the actor stage on the
 * PLOVER gold standard (plover_gsr_dev.json, a JSON array of records with
 * "text", "date" and "source"/"target" lists of {actorText, code}). For
 * each gold actor it finds actorText in the record's text (the part
 * before "..." when the text is split; case-insensitively if need be),
 * runs text+actors, and counts the gold actor as found when a mention
 * overlapping that span has the gold country code (its country, or a
 * code beginning with the gold code: "IGO", "NGO"). The headline is the
 * share found; "first" also reports the stricter share where the first
 * overlapping mention is the right one.
 */
#include "dl.h"
#include "eval/eval.h"

#include <jansson.h>
#include <strings.h>

typedef struct act_counts {
    long records, gold, located, any, first;
} act_counts;

/* Byte span of the gold text (gl bytes) in text, or 0 when not found. */
static int locate_n(const char *text, const char *gold, size_t gl, size_t *s,
                    size_t *e)
{
    if (gl == 0)
        return 0;
    size_t tl = strlen(text);
    const char *hit = NULL;
    for (size_t i = 0; i + gl <= tl && hit == NULL; i++)
        if (memcmp(text + i, gold, gl) == 0)
            hit = text + i;
    for (size_t i = 0; i + gl <= tl && hit == NULL; i++)
        if (strncasecmp(text + i, gold, gl) == 0)
            hit = text + i;
    if (hit == NULL)
        return 0;
    *s = (size_t)(hit - text);
    *e = *s + gl;
    return 1;
}

/* Finds the gold actor text: blanks collapsed, the part before "..."
 * (the gold abbreviates split mentions so), else the longest run of its
 * first words that is in the text ("United Nations military personnel"
 * for "The United Nations has sent 21 military ... personnel"). */
static int locate(const char *text, const char *gold, size_t *s, size_t *e)
{
    char g[512];
    size_t gl = 0;
    for (const char *p = gold; *p && gl < sizeof g - 1; p++) {
        if (p[0] == '.' && p[1] == '.' && p[2] == '.')
            break;
        if (*p == ' ' && (gl == 0 || g[gl - 1] == ' '))
            continue;
        g[gl++] = *p;
    }
    while (gl > 0 && g[gl - 1] == ' ')
        gl--;
    g[gl] = '\0';
    while (gl > 0) {
        if (locate_n(text, g, gl, s, e))
            return 1;
        while (gl > 0 && g[gl - 1] != ' ')
            gl--;
        while (gl > 0 && g[gl - 1] == ' ')
            gl--;
    }
    return 0;
}

static int right_code(const dl_actor *a, const char *gold)
{
    size_t gl = strlen(gold);
    if (a->country && strcmp(a->country, gold) == 0)
        return 1;
    return a->code && strncmp(a->code, gold, gl) == 0;
}

static void score_actor(const dl_doc *doc, json_t *ga, act_counts *c,
                        const dl_eval_options *opt, FILE *out, const char *id)
{
    const char *gtext = json_string_value(json_object_get(ga, "actorText"));
    const char *gcode = json_string_value(json_object_get(ga, "code"));
    if (gtext == NULL || gcode == NULL)
        return;
    c->gold++;
    size_t len, s, e;
    const char *text = dl_doc_text(doc, &len);
    if (!locate(text, gtext, &s, &e)) {
        if (opt->verbose)
            fprintf(out, "%s\tnot-in-text\t%s\t%s\n", id, gcode, gtext);
        return;
    }
    c->located++;
    size_t n;
    const dl_actor *a = dl_doc_actors(doc, &n);
    int any = 0, first = -1;
    for (size_t i = 0; i < n; i++) {
        if (a[i].end <= s || a[i].start >= e)
            continue;
        if (first < 0)
            first = (int)i;
        any |= right_code(&a[i], gcode);
    }
    c->any += any;
    c->first += first >= 0 && right_code(&a[first], gcode);
    if (opt->verbose)
        fprintf(out, "%s\t%s\t%s\t%s\t%s\n", id, any ? "ok" : "miss", gcode, gtext,
                first >= 0 && a[first].code ? a[first].code : "-");
}

static void score_side(const dl_doc *doc, json_t *side, act_counts *c,
                       const dl_eval_options *opt, FILE *out, const char *id)
{
    if (json_is_object(side)) {
        score_actor(doc, side, c, opt, out, id);
        return;
    }
    size_t i;
    json_t *ga;
    if (json_is_array(side))
        json_array_foreach(side, i, ga)
            if (json_is_object(ga))
                score_actor(doc, ga, c, opt, out, id);
}

static dl_code score_record(const dl_kb *kb, json_t *r, act_counts *c,
                            const dl_eval_options *opt, FILE *out, dl_error *err)
{
    const char *text = json_string_value(json_object_get(r, "text"));
    const char *date = json_string_value(json_object_get(r, "date"));
    const char *id = json_string_value(json_object_get(r, "id"));
    if (text == NULL || *text == '\0')
        return DL_OK;
    dl_doc_input in = {.text = text, .len = strlen(text),
                       .date = date ? date : "2000-01-01", .id = id};
    dl_doc *doc;
    dl_code rc = dl_doc_new(&in, &doc, err);
    if (rc != DL_OK)
        return rc;
    rc = dl_annotate_some(kb, doc, DL_STAGE_ACTORS, err);
    if (rc == DL_OK) {
        c->records++;
        score_side(doc, json_object_get(r, "source"), c, opt, out, id ? id : "?");
        score_side(doc, json_object_get(r, "target"), c, opt, out, id ? id : "?");
    }
    dl_doc_free(doc);
    return rc;
}

dl_code dl__eval_actors(const char *path, const dl_eval_options *opt,
                        FILE *out, double *score, dl_error *err)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (root == NULL)
        return dl__fail_at(err, DL_EJSON, path, je.line, "%s", je.text);
    if (!json_is_array(root)) {
        json_decref(root);
        return dl__fail_at(err, DL_EFORMAT, path, 0, "expected a JSON array of records");
    }
    dl_kb *kb;
    dl_kb_config cfg = {.data_dir = opt->data_dir, .stages = DL_STAGE_ACTORS};
    dl_code rc = dl_kb_open(&cfg, &kb, err);
    if (rc != DL_OK) {
        json_decref(root);
        return rc;
    }
    act_counts c = {0};
    size_t i;
    json_t *r;
    json_array_foreach(root, i, r) {
        if (opt->limit > 0 && (long)i >= opt->limit)
            break;
        if (!json_is_object(r))
            continue;
        rc = score_record(kb, r, &c, opt, out, err);
        if (rc != DL_OK)
            break;
    }
    dl_kb_free(kb);
    json_decref(root);
    if (rc != DL_OK)
        return rc;
    double any = c.gold ? (double)c.any / (double)c.gold : 0.0;
    double first = c.gold ? (double)c.first / (double)c.gold : 0.0;
    if (opt->json)
        fprintf(out, "{\"suite\":\"actors\",\"records\":%ld,\"gold\":%ld,\"located\":%ld,"
                     "\"country_accuracy\":%.4f,\"first_mention_accuracy\":%.4f}\n",
                c.records, c.gold, c.located, any, first);
    else
        fprintf(out, "actors: %ld records, %ld gold actors (%ld found in text)\n"
                     "  right country on an overlapping mention  %.1f%% (%ld)\n"
                     "  right country on the first such mention  %.1f%% (%ld)\n",
                c.records, c.gold, c.located, 100 * any, c.any, 100 * first, c.first);
    if (score)
        *score = any;
    return DL_OK;
}
