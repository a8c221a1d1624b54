/*
 * test_events.c — the events stage: tables, both dictionary readers, the
 * coder's rules on real sentences (with actor mentions pushed by a
 * test-only helper, so that the coder is tested apart from the actor
 * stage), the seed golden test and the PETRARCH and PLOVER scored runs
 * through the real pipeline.
 */
#include "test.h"
#include "dl.h"
#include "events/events.h"
#include "text/text.h"

#include <stdlib.h>

/* ------------------------------------------------------------ helpers */

static const dl__events_kb *ekb(void)
{
    return dl__kb_state(dl_test_kb(), DL_STAGE_EVENTS);
}

/* Test-only: marks each "words=CODE" phrase of `acts` (separated by '|')
 * as an actor mention at its first occurrence, after the text stage. */
static void push_actors(dl_doc *doc, const char *acts)
{
    const char *p = acts;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (eq == NULL)
            break;
        char phrase[128], code[32];
        size_t pl = (size_t)(eq - p), cl = n - pl - 1;
        if (pl >= sizeof phrase || cl >= sizeof code)
            break;
        memcpy(phrase, p, pl);
        phrase[pl] = '\0';
        memcpy(code, eq + 1, cl);
        code[cl] = '\0';
        /* nth occurrence: "Poland#2" */
        int nth = 1;
        char *hash = strchr(phrase, '#');
        if (hash) {
            nth = (int)strtol(hash + 1, NULL, 10);
            *hash = '\0';
        }
        const char *at = doc->text;
        for (int k = 0; at && k < nth; k++) {
            at = strstr(at, phrase);
            if (at && k + 1 < nth)
                at += 1;
        }
        if (at) {
            uint32_t s = (uint32_t)(at - doc->text);
            uint32_t e = s + (uint32_t)strlen(phrase);
            dl_actor *a = DL__PUSH(doc, actors, dl_actor);
            a->start = s;
            a->end = e;
            a->tok_first = (uint32_t)dl__token_at(doc, s);
            a->tok_last = (uint32_t)dl__token_at(doc, e - 1);
            a->sentence = (uint32_t)dl__sentence_at(doc, s);
            a->code = dl__arena_strdup(&doc->arena, code);
            a->country = dl__arena_strndup(&doc->arena, code, 3);
            a->sector = strlen(code) > 3 ? dl__arena_strdup(&doc->arena, code + 3) : NULL;
            a->antecedent = -1;
            a->why = "test";
        }
        p = bar ? bar + 1 : NULL;
    }
}

/* Codes text with the given actors; caller frees the document. */
static dl_doc *code_with(const char *text, const char *acts)
{
    dl_doc_input in = {.text = text, .len = strlen(text), .date = "2023-07-23"};
    dl_doc *doc;
    dl_error err;
    if (dl_doc_new(&in, &doc, &err) != DL_OK)
        return NULL;
    if (dl_annotate_some(dl_test_kb(), doc, DL_STAGE_TEXT, &err) != DL_OK) {
        dl_doc_free(doc);
        return NULL;
    }
    push_actors(doc, acts);
    if (ekb())
        dl__events_code(ekb(), doc, &err);
    return doc;
}

/* Whether the document has an event src->tgt with a code starting with
 * prefix (tgt NULL: no target). */
static const dl_event *find_event(const dl_doc *doc, const char *src,
                                  const char *tgt, const char *prefix)
{
    size_t n;
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ev[i].source.code, src) != 0)
            continue;
        if (tgt == NULL ? ev[i].has_target
                        : !ev[i].has_target || strcmp(ev[i].target.code, tgt) != 0)
            continue;
        if (strncmp(ev[i].cameo, prefix, strlen(prefix)) == 0)
            return &ev[i];
    }
    return NULL;
}

static void dump(const dl_doc *doc)
{
    size_t n;
    const dl_event *ev = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "    event %s -> %s %s (%s)\n", ev[i].source.code,
                ev[i].has_target ? ev[i].target.code : "-", ev[i].cameo,
                ev[i].why);
}

/* -------------------------------------------------------------- tables */

TEST(events_tables)
{
    const dl__events_kb *ek = ekb();
    CHECK(ek != NULL);
    if (ek == NULL)
        return;
    CHECK(ek->ncameo > 290);
    const dl__cameo *c = dl__cameo_get(ek, "043");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->plover, "CONSULT");
        CHECK_INT(c->quad, 1);
        CHECK(c->goldstein > 2.7 && c->goldstein < 2.9);
    }
    c = dl__cameo_get(ek, "1384");
    CHECK(c && strcmp(c->plover, "THREATEN") == 0 && c->quad == 3);
    c = dl__cameo_get(ek, "190");
    CHECK(c && strcmp(c->plover, "ASSAULT") == 0 && c->quad == 4 &&
          c->goldstein <= -9.9);
    c = dl__cameo_get(ek, "012");
    CHECK(c && c->plover == NULL);
    /* every root 01-20 has patterns in our dictionary */
    CHECK(ek->npatterns > 250);
}

/* ------------------------------------------------------------ readers */

TEST(events_petrarch_reader)
{
    dl__events_kb ek = {0};
    dl__arena_init(&ek.arena, 4096);
    ek.kb = dl_test_kb();
    dl_error err;
    dl_code rc = dl__events_load_petrarch(
        &ek, dl_test_shared("eval/events/petrarch-unit/PETR.Validate.verbs.txt"),
        &err);
    CHECK_INT(rc, DL_OK);
    CHECK(ek.npatterns > 300);
    /* synsets, nested synsets */
    const dl__synset *s = dl__strmap_get(&ek.synsets, "CURRENCY", 8);
    CHECK(s && s->n >= 10);
    s = dl__strmap_get(&ek.synsets, "ACCORDSYN", 9);
    CHECK(s && s->n > 10);
    /* a multiword verb: +BREAK_DOWN */
    const dl__trigger *t = dl__strmap_get(&ek.triggers, "break", 5);
    bool down = false;
    for (; t; t = t->next)
        if (t->npost == 1 && strcmp(t->post[0], "down") == 0)
            down = true;
    CHECK(down);
    /* the Phoenix dictionary loads too */
    rc = dl__events_load_petrarch(&ek, dl_test_shared("dict/phoenix/CAMEO.2.0.txt"),
                                  &err);
    CHECK_INT(rc, DL_OK);
    CHECK(ek.npatterns > 4000);
    rc = dl__events_load_discards(
        &ek, dl_test_shared("dict/phoenix/Phoenix.discards.txt"), &err);
    CHECK_INT(rc, DL_OK);
    CHECK(ek.ndiscards > 300);
    dl__strmap_free(&ek.triggers);
    dl__strmap_free(&ek.synsets);
    dl__strmap_free(&ek.discard_first);
    dl__strmap_free(&ek.cameo_by_code);
    dl__arena_free(&ek.arena);
}

/* --------------------------------------------------------- coder rules */

TEST(events_rule_threat_reported_speech)
{
    dl_doc *doc = code_with(
        "Putin, in response, warned Poland Friday that any aggression "
        "against Belarus would be considered an attack on Russia.",
        "Putin=RUSGOV|Poland=POL|Belarus=BLR|Russia=RUS");
    CHECK(doc != NULL);
    if (!doc)
        return;
    const dl_event *e = find_event(doc, "RUSGOV", "POL", "13");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->plover, "THREATEN");
        CHECK_INT(e->quad_class, 3);
        CHECK(strstr(e->why, "verbs.txt:") != NULL);
        CHECK_SPAN(doc->text, e->trigger.start, e->trigger.end, "warned");
    }
    /* "any aggression ... would" is hypothetical */
    CHECK(find_event(doc, "RUSGOV", "BLR", "19") == NULL);
    size_t n;
    dl_doc_events(doc, &n);
    if (n != 1)
        dump(doc);
    CHECK_INT(n, 1);
    dl_doc_free(doc);
}

TEST(events_rule_negation)
{
    dl_doc *doc = code_with(
        "Lukashenko has not committed his small army to join Russia's war.",
        "Lukashenko=BLRGOV|Russia=RUS");
    size_t n;
    dl_doc_events(doc, &n);
    if (n)
        dump(doc);
    CHECK_INT(n, 0);
    dl_doc_free(doc);
    doc = code_with("Belarus did not attack Ukraine on Monday.",
                    "Belarus=BLR|Ukraine=UKR");
    dl_doc_events(doc, &n);
    CHECK_INT(n, 0);
    dl_doc_free(doc);
    doc = code_with("Belarus attacked Ukraine on Monday.",
                    "Belarus=BLR|Ukraine=UKR");
    CHECK(find_event(doc, "BLR", "UKR", "18") != NULL);
    dl_doc_free(doc);
}

TEST(events_rule_modality)
{
    size_t n;
    dl_doc *doc = code_with("Russia threatened to invade Poland.",
                            "Russia=RUS|Poland=POL");
    CHECK(find_event(doc, "RUS", "POL", "138") != NULL);
    CHECK(find_event(doc, "RUS", "POL", "19") == NULL);
    dl_doc_free(doc);
    /* a refused cooperative act is a rejection (12x), not a release */
    doc = code_with("Poland refused to release Russia's diplomats.",
                    "Poland=POL|Russia=RUS");
    dl_doc_events(doc, &n);
    CHECK(find_event(doc, "POL", "RUS", "084") == NULL);
    CHECK(find_event(doc, "POL", "RUS", "124") != NULL);
    dl_doc_free(doc);
    /* a future meeting is an intent to meet (036, PLOVER AGREE) */
    doc = code_with("Putin said he would meet Lukashenko on Monday.",
                    "Putin=RUSGOV|he=RUSGOV|Lukashenko=BLRGOV");
    const dl_event *e = find_event(doc, "RUSGOV", "BLRGOV", "036");
    CHECK(e != NULL && strcmp(e->plover, "AGREE") == 0);
    dl_doc_free(doc);
    /* a future attack is a threat (13x) */
    doc = code_with("Serbia said it will attack Kosovo.",
                    "Serbia=SRB|it=SRB|Kosovo=XKX");
    CHECK(find_event(doc, "SRB", "XKX", "138") != NULL);
    dl_doc_free(doc);
    /* hypothetical: not coded at all */
    doc = code_with("Serbia could attack Kosovo.", "Serbia=SRB|Kosovo=XKX");
    dl_doc_events(doc, &n);
    CHECK_INT(n, 0);
    dl_doc_free(doc);
}

TEST(events_rule_passive_and_compound)
{
    dl_doc *doc = code_with("Kyiv was attacked by Russia on Monday.",
                            "Kyiv=UKRGOV|Russia=RUS");
    if (!find_event(doc, "RUS", "UKRGOV", "18"))
        dump(doc);
    CHECK(find_event(doc, "RUS", "UKRGOV", "18") != NULL);
    dl_doc_free(doc);
    doc = code_with("France and Germany condemned Russia and Belarus.",
                    "France=FRA|Germany=DEU|Russia=RUS|Belarus=BLR");
    size_t n;
    dl_doc_events(doc, &n);
    CHECK_INT(n, 4);
    CHECK(find_event(doc, "DEU", "BLR", "11") != NULL);
    dl_doc_free(doc);
    doc = code_with("The Calenardhon government condemned an attack by "
                    "Osgiliath soldiers and promised aid to Ithilen.",
                    "Calenardhon government=CALGOV|Osgiliath soldiers=OSGMIL|"
                    "Ithilen=ITH");
    CHECK(find_event(doc, "CALGOV", "OSGMIL", "11") != NULL);
    if (!find_event(doc, "CALGOV", "ITH", "033"))
        dump(doc);
    CHECK(find_event(doc, "CALGOV", "ITH", "033") != NULL);
    dl_doc_free(doc);
}

TEST(events_rule_phrasal_and_noun)
{
    dl_doc *doc = code_with(
        "Poland is moving extra troops toward the border with Belarus.",
        "Poland=POL|Belarus=BLR");
    const dl_event *e = find_event(doc, "POL", "BLR", "15");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->plover, "MOBILIZE");
    dl_doc_free(doc);
    doc = code_with("Putin hosted Lukashenko for talks in St. Petersburg.",
                    "Putin=RUSGOV|Lukashenko=BLRGOV");
    e = find_event(doc, "RUSGOV", "BLRGOV", "043");
    CHECK(e != NULL);
    dl_doc_free(doc);
    doc = code_with("Russia's invasion of Ukraine began in February.",
                    "Russia=RUS|Ukraine=UKR");
    CHECK(find_event(doc, "RUS", "UKR", "190") != NULL);
    dl_doc_free(doc);
}

TEST(events_rule_discard)
{
    dl_doc *doc = code_with(
        "Poland beat Belarus 2-1 in the World Cup qualifier.",
        "Poland=POL|Belarus=BLR");
    size_t n;
    dl_doc_events(doc, &n);
    CHECK_INT(n, 0);
    dl_doc_free(doc);
}

/* ------------------------------------------------------- scored runs */

static double run_eval(const char *suite, const char *rel, bool verbose)
{
    dl_eval_options opt = {.verbose = verbose};
    double score = -1;
    dl_error err;
    FILE *out = verbose ? stderr : fopen("/dev/null", "w");
    dl_code rc = dl_eval(suite, dl_test_shared(rel), &opt, out, &score, &err);
    if (!verbose && out)
        fclose(out);
    if (rc != DL_OK)
        dl_test_fail(__FILE__, __LINE__, "eval %s: %s", suite, err.msg);
    return score;
}

TEST(events_eval_petrarch)
{
    double s = run_eval("petrarch",
                        "eval/events/petrarch-unit/PETR.UnitTest.records.xml",
                        getenv("EV_VERBOSE") != NULL);
    if (getenv("EV_VERBOSE"))
        fprintf(stderr, "  petrarch pass rate %.3f\n", s);
    CHECK(s >= 0.86); /* no regression below the figure before the syntax stage */
}

TEST(events_eval_plover)
{
    double s;
    json_t *j = dl_test_eval_json("plover", "eval/events/plover-gsr/plover_gsr_dev.json", &s);
    if (j == NULL)
        return;
    double f1 = json_number_value(json_object_get(json_object_get(j, "triples"), "f1"));
    if (getenv("EV_VERBOSE"))
        fprintf(stderr, "  plover type accuracy %.3f triple F1 %.3f\n", s, f1);
    CHECK(s >= 0.82);  /* a floor below 0.839 on the dev set (0.776 before issue 11) */
    CHECK(f1 >= 0.51); /* 0.532 on the dev set; 0.427 before issue 11 */
    json_decref(j);
}

/* Real 2022-2025 news (modern-dev): recall over the hand-coded events,
 * no plain event for a negated or hypothetical act. */
TEST(events_eval_modern)
{
    double recall;
    json_t *j = dl_test_eval_json("modern", "eval/events/modern-dev", &recall);
    if (j == NULL)
        return;
    CHECK(recall >= 0.56); /* 0.601 on the dev set; 0.146 before issue 11 */
    CHECK_INT(json_integer_value(json_object_get(j, "leaks")), 0);
    CHECK(json_number_value(json_object_get(j, "timex_recall")) >= 0.90);
    json_decref(j);
}

/* Verbs of force in political metaphor and sport code nothing; the same
 * verbs in real violence still do (pairs differing in one argument). */
TEST(events_nonpolitical_senses)
{
    /* tests/cases/senses.tsv: 30 metaphor and sport sentences that must
     * give no CAMEO 18-20 event, 30 violence sentences that must keep an
     * act of force (17-20) */
    size_t len;
    char *buf = dl_test_read_file("tests/cases/senses.tsv", &len);
    CHECK(buf != NULL);
    if (buf == NULL)
        return;
    int nmeta = 0, nviol = 0;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#')
            continue;
        char *text = strchr(line, '\t');
        if (text == NULL)
            continue;
        *text++ = '\0';
        bool metaphor = strcmp(line, "metaphor") == 0;
        nmeta += metaphor;
        nviol += !metaphor;
        dl_doc *doc = dl_test_annotate(text, "2024-05-01");
        size_t n = 0;
        const dl_event *e = doc ? dl_doc_events(doc, &n) : NULL;
        bool force = false;
        for (size_t k = 0; e && k < n; k++) {
            if (metaphor && ((e[k].root[0] == '1' && e[k].root[1] >= '8') || e[k].root[0] == '2'))
                dl_test_fail(__FILE__, __LINE__, "metaphor \"%s\" coded %s", text, e[k].cameo);
            force = force || (e[k].root[0] == '1' && e[k].root[1] >= '7') || e[k].root[0] == '2';
        }
        if (!metaphor && !force)
            dl_test_fail(__FILE__, __LINE__, "\"%s\": no act of force coded", text);
        dl_doc_free(doc);
    }
    CHECK_INT(nmeta, 30);
    CHECK_INT(nviol, 30);
    free(buf);
}

/* ---------------------------------------------------------- the seed */

/* The seed article through the whole pipeline: the events of DESIGN.md's
 * example table, and none for the negated or hypothetical acts. */
TEST(events_seed_golden)
{
    size_t len;
    char *raw = dl_test_read_file(
        dl_test_shared("corpus/seed/000_19f7a3bb0be46a5e.txt"), &len);
    CHECK(raw != NULL);
    if (raw == NULL)
        return;
    const char *body = strstr(raw, "2023-07-23");
    body = body ? body + 11 : raw;
    dl_doc *doc = dl_test_annotate(body, "2023-07-23");
    free(raw);
    CHECK(doc != NULL);
    if (doc == NULL)
        return;
    const char *text = doc->text;
    const dl_event *e = find_event(doc, "RUSGOV", "BLRGOV", "04");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->cameo, "043");
        CHECK_STR(e->plover, "CONSULT");
        CHECK_SPAN(text, e->trigger.start, e->trigger.end, "hosted");
        CHECK_INT(e->date.day, 23);
        CHECK(e->place >= 0);
        if (e->place >= 0) {
            const dl_place *pl = &((const dl_place *)doc->places.items)[e->place];
            CHECK_SPAN(text, pl->start, pl->end, "St. Petersburg");
        }
    }
    e = find_event(doc, "RUSGOV", "UKR", "012");
    CHECK(e != NULL);
    e = find_event(doc, "RUSGOV", NULL, "012"); /* "Putin replied: ..." */
    CHECK(e != NULL);
    if (e)
        CHECK(e->quote >= 0);
    e = find_event(doc, "USAMIL", "UKR", "013");
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->date.day, 18);
        CHECK_INT(e->date_precision, DL_PREC_DAY);
    }
    e = find_event(doc, "RUSGOV", "POL", "13");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->plover, "THREATEN");
        CHECK_INT(e->date.day, 21);
        CHECK_SPAN(text, e->trigger.start, e->trigger.end, "warned");
    }
    /* Wagner (a Russian group) trains the Belarusian army */
    size_t n;
    const dl_event *ev = dl_doc_events(doc, &n);
    bool wagner = false, mobilize = false;
    for (size_t i = 0; i < n; i++) {
        /* "On Thursday, ... said Wagner fighters had started to train" */
        if (strcmp(ev[i].cameo, "062") == 0 && ev[i].has_target &&
            strcmp(ev[i].target.code, "BLRMIL") == 0 &&
            strncmp(ev[i].source.code, "RUS", 3) == 0 &&
            ev[i].date.day == 20 && ev[i].date_precision == DL_PREC_DAY)
            wagner = true;
        /* not dated by "last month" of the relative clause after it */
        if (strcmp(ev[i].root, "15") == 0 &&
            strncmp(ev[i].source.code, "POL", 3) == 0 && ev[i].has_target &&
            strncmp(ev[i].target.code, "BLR", 3) == 0 &&
            ev[i].date.month == 7 && ev[i].date_precision == DL_PREC_DOCUMENT)
            mobilize = true;
        /* nothing from the negated or the hypothetical sentences */
        const dl_sentence *s = &dl__sentences(doc)[ev[i].sentence];
        const char *st = text + s->start;
        size_t sl = s->end - s->start;
        CHECK(memmem(st, sl, "has not committed", 17) == NULL);
        CHECK(memmem(st, sl, "Warsaw", 6) == NULL);
        CHECK(ev[i].why != NULL && ev[i].evidence.end > ev[i].evidence.start);
    }
    CHECK(wagner);
    CHECK(mobilize);
    if (!wagner || !mobilize)
        dump(doc);
    dl_doc_free(doc);
}

/* ------------------------------------------------- table-driven cases */

static bool expect_one(const dl_doc *doc, const char *want)
{
    bool neg = want[0] == '!';
    if (neg)
        want++;
    char src[32], tgt[32], code[8];
    const char *gt = strchr(want, '>'), *colon = gt ? strchr(gt, ':') : NULL;
    if (!gt || !colon || (size_t)(gt - want) >= sizeof src ||
        (size_t)(colon - gt - 1) >= sizeof tgt || strlen(colon + 1) >= sizeof code)
        return false;
    memcpy(src, want, (size_t)(gt - want));
    src[gt - want] = '\0';
    memcpy(tgt, gt + 1, (size_t)(colon - gt - 1));
    tgt[colon - gt - 1] = '\0';
    memcpy(code, colon + 1, strlen(colon + 1) + 1);
    const dl_event *e = find_event(doc, src, strcmp(tgt, "-") ? tgt : NULL, code);
    return neg ? e == NULL : e != NULL;
}

TEST(events_cases)
{
    size_t len;
    char *buf = dl_test_read_file("tests/cases/events.tsv", &len);
    CHECK(buf != NULL);
    if (buf == NULL)
        return;
    int cases = 0;
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        CHECK(t2 != NULL);
        if (t2 == NULL)
            continue;
        *t1 = *t2 = '\0';
        dl_doc *doc = code_with(line, t1 + 1);
        CHECK(doc != NULL);
        if (doc == NULL)
            continue;
        cases++;
        size_t n;
        dl_doc_events(doc, &n);
        bool ok = true;
        if (strcmp(t2 + 1, "none") == 0) {
            ok = n == 0;
        } else {
            for (char *w = t2 + 1, *sp; w && *w; w = sp) {
                sp = strchr(w, ' ');
                if (sp)
                    *sp++ = '\0';
                ok = ok && expect_one(doc, w);
            }
        }
        if (!ok) {
            dl_test_fail(__FILE__, __LINE__, "case: %s", line);
            dump(doc);
        }
        dl_doc_free(doc);
    }
    CHECK(cases >= 20);
    free(buf);
}

TEST(events_eval_json)
{
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    dl_eval_options opt = {.json = true};
    double score = 0;
    dl_error err;
    dl_code rc = dl_eval("plover", dl_test_shared("eval/events/plover-gsr/plover_gsr_dev.json"),
                         &opt, f, &score, &err);
    fclose(f);
    CHECK_INT(rc, DL_OK);
    CHECK(out && strncmp(out, "{\"suite\":\"plover\"", 17) == 0);
    CHECK(out && strstr(out, "\"f1\":") != NULL);
    free(out);
    rc = dl_eval("petrarch", "/nonexistent/file.xml", &opt, stderr, &score, &err);
    CHECK_INT(rc, DL_EIO);
}

/* Frames written as a codebook states them, roles from the tree, and the
 * speaker of a quotation for its "we" (sentences written for the test). */
TEST(events_frames_and_roles)
{
    static const struct {
        const char *text, *src, *root, *tgt;
    } cases[] = {
        {"Iran launched dozens of drones at Israel.", "IRN", "19", "ISR"},
        {"Poland summoned the Russian charge d'affaires.", "POL", "11", "RUS"},
        {"Japan sent an ultimatum to the junta in Myanmar.", "JPN", "13", "MMR"},
        {"An Israeli strike on an Iranian consulate killed seven officers.", "ISR", "19", "IRN"},
        {"Turkey urged Russia to withdraw its troops.", "TUR", "02", "RUS"},
        {"The Chinese foreign minister landed in Moscow.", "CHN", "04", "RUS"},
        {"The summit between Trump and Putin ended in Helsinki.", "USA", "04", "RUS"},
        {"\"We call on Russia to reconsider,\" the NATO spokesperson said.", "IGO", "02", "RUS"},
        /* context from the article (issue 11 item 4) */
        {"China's coast guard said it fired water cannon at Philippine ships.", "CHN", "17", "PHL"},
        {"The United Nations met in New York. The assembly condemned Israel.", "IGO", "11", "ISR"},
        {"Colombia and the United States met. Both sides agreed to resume the flights.", "COL", "03", "USA"},
        {"Biden spoke about Colombia. Biden also threatened visa restrictions.", "USA", "13", "COL"},
        {"South Korea's president declared martial law. Opposition leaders denounced the decree.",
         "KOR", "11", "KOR"},
        {"Gunmen abducted twenty villagers in northern Nigeria.", "NGA", "18", "NGA"},
        /* an attack without its attacker, in a story of two countries */
        {"Armenia and Azerbaijan traded blame. Azerbaijan denied it. A bridge in Armenia's south "
         "was shelled overnight.",
         "AZE", "19", "ARM"},
        /* defending against an attack is fighting the attacker */
        {"Serbia and Kosovo traded blame. Kosovo police repelled an armed raid.", "XKX", "19",
         "SRB"},
        {"Ethiopian troops thwarted an Eritrean incursion.", "ETH", "19", "ERI"},
        /* a frame word far from the trigger that heads its object */
        {"Japan unveiled a new $2 billion emergency humanitarian aid package for Sri Lanka.",
         "JPN", "07", "LKA"},
        /* an article about one country, a neighbour named in passing: at home */
        {"Ecuador's president spoke in Quito on Monday. Ecuador's army patrolled the streets of "
         "Guayaquil. A Colombian official was also there. The Ecuadorian government condemned "
         "the violence.",
         "ECU", "11", "ECU"},
        /* an event noun that happened, no side named: where it happened */
        {"The protests in Iran started in September.", "IRN", "14", "IRN"},
        {"The conflict in Sudan broke out in April 2023.", "SDN", "19", "SDN"},
        /* the subject as target: craft detected near a country */
        {"Japan's defence ministry spotted two Russian warships near Hokkaido.", "RUS", "15",
         "JPN"},
        /* a vow in the subject's relative clause is not the act's modality */
        {"Ecuador's president, who vowed to restore peace, has declared a state of internal "
         "armed conflict.",
         "ECU", "17", "ECU"},
        /* an attack answered was made on the one who answers */
        {"India and Pakistan traded threats. India struck camps in Pakistan in retaliation for a "
         "deadly militant attack.",
         "PAK", "18", "IND"},
        /* people released without a named agent: by the side that held them */
        {"Russia and Ukraine swapped prisoners. Ukraine thanked the UAE. On Saturday, 248 Russian "
         "soldiers were repatriated.",
         "UKR", "08", "RUS"},
        {"The Indian prime minister shook hands with the Chinese president.", "IND", "04", "CHN"},
        /* an attack noun that did harm happened, to the victims' country */
        {"A roadside explosion killed three Afghan soldiers on Monday.", "AFG", "18", "AFG"},
        /* "in X" is where talks happen, not who talks */
        {"Armenia welcomed Iran's proposal for negotiations with Azerbaijan in Qatar.", "IRN", "03",
         "AZE"},
    };
    for (size_t i = 0; i < DL_ARRAY_LEN_T(cases); i++) {
        dl_doc *doc = dl_test_annotate(cases[i].text, "2024-05-01");
        size_t n;
        const dl_event *e = doc ? dl_doc_events(doc, &n) : NULL;
        bool found = false;
        for (size_t k = 0; e && k < n && !found; k++)
            found = strncmp(e[k].source.code, cases[i].src, 3) == 0 &&
                    strcmp(e[k].root, cases[i].root) == 0 && e[k].has_target &&
                    strncmp(e[k].target.code, cases[i].tgt, 3) == 0;
        if (!found)
            dl_test_fail(__FILE__, __LINE__, "\"%s\": no %s -%s-> %s", cases[i].text, cases[i].src,
                         cases[i].root, cases[i].tgt);
        dl_doc_free(doc);
    }
}
