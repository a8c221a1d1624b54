/*
 * test_actors.c — the actor stage: the seed article's acceptance checks
 * and its golden actor layer (tests/golden/seed.actors.tsv; rewrite it
 * with DL_UPDATE_GOLDEN=1 after a reviewed change), the recognition and
 * resolution rules on real sentences (tests/cases/actors.tsv), PETRARCH's
 * validation dictionaries and the Phoenix dictionaries (a date-restricted
 * code before and after its date), `dict check` diagnostics, and the
 * scored run on the PLOVER gold actors.
 */
#include "test.h"
#include "actors/actors.h"

#include <stdlib.h>
#include <unistd.h>

/* ------------------------------------------------------------ helpers */

static char *seed_text(void)
{
    return dl_test_seed_text();
}

static int span_is(const dl_doc *doc, const dl_actor *a, const char *s)
{
    size_t len;
    const char *text = dl_doc_text(doc, &len);
    return a->end - a->start == strlen(s) && memcmp(text + a->start, s, strlen(s)) == 0;
}

/* The n-th (0-based) mention whose span is exactly s, or NULL. */
static const dl_actor *mention(const dl_doc *doc, const char *s, int nth)
{
    size_t n;
    const dl_actor *a = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (span_is(doc, &a[i], s) && nth-- == 0)
            return &a[i];
    return NULL;
}

/* Every mention whose span is s has code `code`; returns how many. */
static int all_coded(const dl_doc *doc, const char *s, const char *code)
{
    size_t n;
    int k = 0;
    const dl_actor *a = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (span_is(doc, &a[i], s)) {
            k++;
            if (a[i].code == NULL || strcmp(a[i].code, code) != 0)
                dl_test_fail(__FILE__, __LINE__, "'%s' at %u coded %s, want %s", s,
                             a[i].start, a[i].code ? a[i].code : "(null)", code);
        }
    return k;
}

/* The mention covering byte offset `at`, or NULL. */
static const dl_actor *mention_at(const dl_doc *doc, size_t at)
{
    size_t n;
    const dl_actor *a = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++)
        if (a[i].start <= at && at < a[i].end)
            return &a[i];
    return NULL;
}

/* ------------------------------------------------------------ the seed */

TEST(actors_seed_acceptance)
{
    char *text = seed_text();
    CHECK(text != NULL);
    if (text == NULL)
        return;
    dl_doc *doc = dl_test_annotate(text, "2023-07-23");
    CHECK(doc != NULL);
    if (doc == NULL) {
        free(text);
        return;
    }
    /* Putin, in full, by surname, by pronoun */
    const dl_actor *p = mention(doc, "Russian President Vladimir Putin", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->code, "RUSGOV");
        CHECK_STR(p->name, "Vladimir Putin");
        CHECK_INT(p->kind, DL_ACTOR_PERSON);
    }
    CHECK(all_coded(doc, "Putin", "RUSGOV") >= 6);
    const char *he = strstr(text, "as he hosted");
    const dl_actor *h = he ? mention_at(doc, (size_t)(he - text) + 3) : NULL;
    CHECK(h != NULL);
    if (h) {
        CHECK_STR(h->code, "RUSGOV");
        CHECK_INT(h->kind, DL_ACTOR_PRONOUN);
        CHECK(h->antecedent >= 0);
    }
    const char *he2 = strstr(text, "He said Moscow");
    h = he2 ? mention_at(doc, (size_t)(he2 - text)) : NULL;
    CHECK(h != NULL && h->code && strcmp(h->code, "RUSGOV") == 0);
    /* "Moscow would use all means": the government */
    const dl_actor *mo = he2 ? mention_at(doc, (size_t)(he2 - text) + 8) : NULL;
    CHECK(mo != NULL);
    if (mo) {
        CHECK_STR(mo->code, "RUSGOV");
        CHECK_INT(mo->kind, DL_ACTOR_METONYM);
    }
    /* "a trip to Warsaw and Rzeszow": places, not actors */
    const char *wa = strstr(text, "Warsaw");
    CHECK(wa != NULL && mention_at(doc, (size_t)(wa - text)) == NULL);
    const char *rz = strstr(text, "Rzeszow");
    CHECK(rz != NULL && mention_at(doc, (size_t)(rz - text)) == NULL);
    /* Lukashenko, Milley */
    p = mention(doc, "Belarusian leader Alexander Lukashenko", 0);
    CHECK(p != NULL && p->code && strcmp(p->code, "BLRGOV") == 0);
    CHECK(all_coded(doc, "Lukashenko", "BLRGOV") >= 5);
    const char *him = strstr(text, "quoted him");
    h = him ? mention_at(doc, (size_t)(him - text) + 7) : NULL;
    CHECK(h != NULL && h->code && strcmp(h->code, "BLRGOV") == 0);
    p = mention(doc, "U.S. General Mark Milley", 0);
    CHECK(p != NULL && p->code && strcmp(p->code, "USAMIL") == 0);
    /* countries and their adjectives */
    CHECK(all_coded(doc, "Poland", "POL") >= 3);
    CHECK(all_coded(doc, "Polish", "POL") == 1);
    CHECK(all_coded(doc, "Ukraine", "UKR") >= 3);
    CHECK(all_coded(doc, "Ukrainian", "UKR") == 1);
    CHECK(all_coded(doc, "Belarus", "BLR") >= 3);
    CHECK(all_coded(doc, "Belarusian", "BLR") == 1);
    /* agents attached to countries */
    p = mention(doc, "Belarusian defense ministry", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->country, "BLR");
        CHECK(p->sector && (strcmp(p->sector, "MIL") == 0 || strcmp(p->sector, "GOV") == 0));
    }
    CHECK(all_coded(doc, "Russian forces", "RUSMIL") == 2);
    CHECK(all_coded(doc, "Belarusian special forces", "BLRMIL") == 1);
    CHECK(all_coded(doc, "The Kremlin", "RUSGOV") == 1);
    /* "the two leaders": Putin and Lukashenko */
    p = mention(doc, "two leaders", 0);
    CHECK(p != NULL && p->kind == DL_ACTOR_GROUP && p->code &&
          strcmp(p->code, "RUSGOV/BLRGOV") == 0);
    /* Wagner and NATO come from orgs.txt */
    size_t n;
    const dl_actor *a = dl_doc_actors(doc, &n);
    int wagner = 0, nato = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *t = dl_doc_text(doc, &len) + a[i].start;
        if (strncmp(t, "Wagner", 6) == 0) {
            wagner++;
            CHECK_STR(a[i].country, "RUS");
            CHECK(a[i].kind == DL_ACTOR_ORGANIZATION);
        }
        if (strncmp(t, "NATO", 4) == 0) {
            nato++;
            CHECK(a[i].code && strncmp(a[i].code, "IGO", 3) == 0);
        }
    }
    CHECK(wagner >= 3);
    CHECK(nato == 1);
    dl_doc_free(doc);
    free(text);
}

/* `why` without line numbers ("countries.txt + agents.txt"), so that
 * edits elsewhere in the dictionaries do not move the golden file. */
static const char *why_files(const char *why, char *buf, size_t cap)
{
    size_t k = 0;
    for (const char *p = why ? why : "-"; *p && k + 1 < cap; p++) {
        if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
            while (p[1] >= '0' && p[1] <= '9')
                p++;
            continue;
        }
        buf[k++] = *p;
    }
    buf[k] = '\0';
    return buf;
}

/* One line per mention: start, end, text, kind, code, country, sector,
 * name, antecedent, why (files and rules). */
static char *actor_lines(const dl_doc *doc)
{
    size_t n, len;
    const dl_actor *a = dl_doc_actors(doc, &n);
    const char *text = dl_doc_text(doc, &len);
    size_t cap = 256 + n * 512, used = 0;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < n && used + 512 < cap; i++) {
        char why[256];
        int k = snprintf(out + used, cap - used, "%u\t%u\t%.*s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n",
                         a[i].start, a[i].end, (int)(a[i].end - a[i].start),
                         text + a[i].start, dl_actor_kind_name(a[i].kind),
                         a[i].code ? a[i].code : "-", a[i].country ? a[i].country : "-",
                         a[i].sector ? a[i].sector : "-", a[i].name ? a[i].name : "-",
                         a[i].antecedent, why_files(a[i].why, why, sizeof why));
        if (k > 0)
            used += (size_t)k < cap - used ? (size_t)k : cap - used - 1;
    }
    return out;
}

TEST(actors_seed_golden)
{
    char *text = seed_text();
    CHECK(text != NULL);
    if (text == NULL)
        return;
    dl_doc *doc = dl_test_annotate(text, "2023-07-23");
    char *got = doc ? actor_lines(doc) : NULL;
    CHECK(got != NULL);
    const char *path = "tests/golden/seed.actors.tsv";
    if (got && getenv("DL_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "w");
        if (f) {
            fputs(got, f);
            fclose(f);
        }
    }
    char *want = dl_test_read_file(path, NULL);
    CHECK(want != NULL);
    if (got && want) {
        /* compare line by line so a failure names the first difference */
        const char *g = got, *w = want;
        int line = 1;
        while (*g || *w) {
            const char *ge = strchr(g, '\n'), *we = strchr(w, '\n');
            size_t gl = ge ? (size_t)(ge - g) : strlen(g);
            size_t wl = we ? (size_t)(we - w) : strlen(w);
            if (gl != wl || memcmp(g, w, gl) != 0) {
                dl_test_fail(__FILE__, __LINE__, "%s:%d: got \"%.*s\", want \"%.*s\"", path,
                             line, (int)gl, g, (int)wl, w);
                break;
            }
            g += gl + (ge != NULL);
            w += wl + (we != NULL);
            line++;
        }
    }
    free(want);
    free(got);
    dl_doc_free(doc);
    free(text);
}

/* ------------------------------------------------------------ rules */

/* tests/cases/actors.tsv: date, sentence, then expected mentions
 * "span=CODE" separated by ';', or "span=-" for no mention there. */
TEST(actors_rules_table)
{
    char *cases = dl_test_read_file("tests/cases/actors.tsv", NULL);
    CHECK(cases != NULL);
    if (cases == NULL)
        return;
    int ncases = 0;
    char *save = cases;
    for (char *line = cases; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *f[3] = {line, NULL, NULL};
        for (int i = 1; i < 3 && f[i - 1]; i++) {
            char *tab = strchr(f[i - 1], '\t');
            if (tab) {
                *tab = '\0';
                f[i] = tab + 1;
            }
        }
        if (line[0] != '#' && f[2] != NULL) {
            ncases++;
            dl_doc *doc = dl_test_annotate(f[1], f[0]);
            for (char *want = f[2]; doc && want && *want;) {
                char *semi = strchr(want, ';');
                if (semi)
                    *semi = '\0';
                char *eq = strrchr(want, '=');
                if (eq) {
                    *eq = '\0';
                    const char *where = strstr(f[1], want);
                    const dl_actor *a = where ? mention_at(doc, (size_t)(where - f[1])) : NULL;
                    if (strcmp(eq + 1, "-") == 0) {
                        if (a != NULL)
                            dl_test_fail(__FILE__, __LINE__, "\"%s\": '%s' coded %s, want none",
                                         f[1], want, a->code ? a->code : "(null)");
                    } else if (a == NULL || a->code == NULL || strcmp(a->code, eq + 1) != 0) {
                        dl_test_fail(__FILE__, __LINE__, "\"%s\": '%s' coded %s, want %s", f[1],
                                     want, a && a->code ? a->code : "(none)", eq + 1);
                    }
                }
                want = semi ? semi + 1 : NULL;
            }
            dl_doc_free(doc);
        }
        line = nl ? nl + 1 : NULL;
    }
    CHECK(ncases >= 20);
    free(save);
}

/* ------------------------------------------------------------ PETRARCH */

static dl_kb *petr_kb(int phoenix)
{
    static const char *actors[4], *agents[2];
    if (phoenix) {
        actors[0] = dl_test_shared("dict/phoenix/Phoenix.Countries.actors.txt");
        actors[1] = dl_test_shared("dict/phoenix/Phoenix.International.actors.txt");
        actors[2] = dl_test_shared("dict/phoenix/Phoenix.MilNonState.actors.txt");
        agents[0] = dl_test_shared("dict/phoenix/Phoenix.agents.txt");
    } else {
        actors[0] = dl_test_shared("eval/events/petrarch-unit/PETR.Validate.actors.txt");
        actors[1] = NULL;
        agents[0] = dl_test_shared("eval/events/petrarch-unit/PETR.Validate.agents.txt");
    }
    dl_kb_config cfg = {.stages = DL_STAGE_ACTORS, .actor_dicts = actors,
                        .agent_dicts = agents, .no_default_dicts = true};
    dl_kb *kb = NULL;
    dl_error err;
    if (dl_kb_open(&cfg, &kb, &err) != DL_OK)
        dl_test_fail(__FILE__, __LINE__, "dl_kb_open: %s: %s", err.file, err.msg);
    return kb;
}

static const char *code_in(const dl_kb *kb, const char *text, const char *date,
                           const char *span)
{
    static char buf[64];
    dl_doc_input in = {.text = text, .len = strlen(text), .date = date};
    dl_doc *doc;
    dl_error err;
    buf[0] = '\0';
    if (dl_doc_new(&in, &doc, &err) != DL_OK)
        return buf;
    if (dl_annotate_some(kb, doc, DL_STAGE_ACTORS, &err) == DL_OK) {
        const char *at = strstr(text, span);
        const dl_actor *a = at ? mention_at(doc, (size_t)(at - text)) : NULL;
        if (a && a->code)
            snprintf(buf, sizeof buf, "%s", a->code);
    }
    dl_doc_free(doc);
    return buf;
}

TEST(actors_petrarch_validation_dicts)
{
    dl_kb *kb = petr_kb(0);
    if (kb == NULL)
        return;
    const char *d = "1995-01-01";
    CHECK_STR(code_in(kb, "Arnor is about to restore full diplomatic ties with Gondor.", d, "Arnor"), "ARN");
    CHECK_STR(code_in(kb, "Arnor cleric is about to restore ties with Gondor.", d, "Arnor"), "ARNREL");
    CHECK_STR(code_in(kb, "MSF Arnor is about to restore ties with Gondor.", d, "MSF"), "NGOARN");
    CHECK_STR(code_in(kb, "An MSF Arnor diplomat is about to restore ties.", d, "MSF"), "NGOARNGOV");
    CHECK_STR(code_in(kb, "Arnor restored ties with Gondor's government.", d, "Gondor"), "GONGOV");
    CHECK_STR(code_in(kb, "Arnor security officials restored ties with Gondor police.", d, "Arnor"), "ARNGOV");
    CHECK_STR(code_in(kb, "Arnor security officials restored ties with Gondor police.", d, "Gondor"), "GONCOP");
    CHECK_STR(code_in(kb, "White House security officials are about to restore ties.", d, "White"), "USAGOV");
    CHECK_STR(code_in(kb, "Arnor restored ties with Gondor's golden geese.", d, "Gondor"), "GONGGS");
    CHECK_STR(code_in(kb, "The Quibbler government newspaper is about to restore ties.", d, "Quibbler"), "HGWGOVMED");
    CHECK_STR(code_in(kb, "West German world government activists restored ties.", d, "West"), "GMWGOVWGO");
    CHECK_STR(code_in(kb, "Ithilen and the government of Gondor warned them.", d, "government"), "GONGOV");
    /* date restrictions: first match wins, the default otherwise */
    const char *sam = "Sam Gamgee condemned an attack by Osgiliath soldiers.";
    CHECK_STR(code_in(kb, sam, "2007-06-01", "Sam"), "HOBCIV");
    CHECK_STR(code_in(kb, sam, "2009-06-01", "Sam"), "HOBMIL");
    CHECK_STR(code_in(kb, sam, "2010-01-10", "Sam"), "ORCHOB");
    CHECK_STR(code_in(kb, sam, "2012-12-01", "Sam"), "HOBGOV");
    CHECK_STR(code_in(kb, sam, "2014-01-01", "Sam"), "HOBELI");
    CHECK_STR(code_in(kb, "Gollum warned Gondor.", "1995-01-01", "Gollum"), "HOB");
    CHECK_STR(code_in(kb, "Gollum warned Gondor.", "1997-01-01", "Gollum"), "HOBGOV");
    CHECK_STR(code_in(kb, "Gollum warned Gondor.", "2001-01-01", "Gollum"), "HOBREB");
    CHECK_STR(code_in(kb, "Osgiliath soldiers attacked.", d, "Osgiliath"), "OSGMIL");
    dl_kb_free(kb);
}

TEST(actors_phoenix_dicts)
{
    dl_kb *kb = petr_kb(1);
    if (kb == NULL)
        return;
    const char *s = "Vladimir Putin met the Afghan government in Kabul.";
    /* [RUSELI 700101-990809] ... [RUSGOV >080508] */
    CHECK_STR(code_in(kb, s, "1995-03-01", "Vladimir"), "RUSELI");
    CHECK_STR(code_in(kb, s, "2023-07-23", "Vladimir"), "RUSGOV");
    CHECK_STR(code_in(kb, s, "2023-07-23", "Afghan"), "AFGGOV");
    CHECK_STR(code_in(kb, "NATO warned Russia.", "2023-07-23", "NATO"), "IGOWSTNAT");
    CHECK_STR(code_in(kb, "The Russian ministry of defense said.", "2023-07-23", "Russian"), "RUSGOVMIL");
    dl_kb_free(kb);
}

/* ------------------------------------------------------------ dict check */

TEST(actors_dict_check_reports_lines)
{
    const char *path = "build-actors-check.tmp.actors";
    char tmp[256];
    snprintf(tmp, sizeof tmp, "/tmp/dl-%ld-%s", (long)getpid(), path);
    FILE *f = fopen(tmp, "w");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fputs("GONDOR [GON]\n"
          "+MINAS_TIRITH\n"
          "\t[GONGOV 950101-940101]\n"      /* line 3: dates reversed */
          "ARNOR [ARN\n"                   /* line 4: missing ']' */
          "GONDOR [ARN]\n",                /* line 5: conflicts with line 1 */
          f);
    fclose(f);
    FILE *out = tmpfile();
    long errors = 0, conflicts = 0;
    const char *paths[] = {tmp};
    dl_error err;
    CHECK_INT(dl__actors_check(paths, 1, out, &errors, &conflicts, &err), DL_OK);
    CHECK_INT(errors, 2);
    CHECK_INT(conflicts, 1);
    char buf[4096] = "";
    if (out) {
        rewind(out);
        size_t n = fread(buf, 1, sizeof buf - 1, out);
        buf[n] = '\0';
        fclose(out);
    }
    CHECK(strstr(buf, ":3: error") != NULL);
    CHECK(strstr(buf, ":4: error: missing ']'") != NULL);
    CHECK(strstr(buf, ":5: conflict") != NULL);
    remove(tmp);
}

/* ------------------------------------------------------------ eval */

TEST(actors_eval_plover_gold)
{
    double score = 0;
    dl_error err;
    FILE *out = fopen("/dev/null", "w");
    dl_code rc = dl_eval("actors", dl_test_shared("eval/events/plover-gsr/plover_gsr_dev.json"),
                         NULL, out ? out : stderr, &score, &err);
    if (out)
        fclose(out);
    CHECK_INT(rc, DL_OK);
    if (score < 0.85)
        dl_test_fail(__FILE__, __LINE__, "actor country accuracy %.3f, floor 0.85", score);
}

/* ------------------------------------------------------------ user dicts */

/* A user's people and agents files in our format, merged over ours. */
TEST(actors_user_dicts_our_format)
{
    char people[128], agents[128];
    snprintf(people, sizeof people, "/tmp/dl-%ld-people.txt", (long)getpid());
    snprintf(agents, sizeof agents, "/tmp/dl-%ld-agents.txt", (long)getpid());
    FILE *f = fopen(people, "w");
    FILE *g = fopen(agents, "w");
    CHECK(f != NULL && g != NULL);
    if (f == NULL || g == NULL) {
        if (f)
            fclose(f);
        if (g)
            fclose(g);
        return;
    }
    fputs("# a user's file\nOlek Varnava | Varnava\n  CYPGOV 2020-03-01 2022-12-31  Minister\n", f);
    fputs("MIL title | quartermaster\n", g);
    fclose(f);
    fclose(g);
    const char *a1[] = {people, NULL}, *g1[] = {agents, NULL};
    dl_kb_config cfg = {.stages = DL_STAGE_ACTORS, .actor_dicts = a1, .agent_dicts = g1};
    dl_kb *kb = NULL;
    dl_error err;
    CHECK_INT(dl_kb_open(&cfg, &kb, &err), DL_OK);
    if (kb) {
        const char *s = "Varnava met the Greek quartermaster in Athens.";
        CHECK_STR(code_in(kb, s, "2021-05-01", "Varnava"), "CYPGOV");
        CHECK_STR(code_in(kb, s, "2023-05-01", "Varnava"), "CYPELI");
        CHECK_STR(code_in(kb, s, "2019-05-01", "Varnava"), "CYP");
        CHECK_STR(code_in(kb, s, "2021-05-01", "Greek"), "GRCMIL");
        /* our own dictionaries are still there */
        CHECK_STR(code_in(kb, "Poland protested.", "2021-05-01", "Poland"), "POL");
        dl_kb_free(kb);
    }
    /* a missing user file is an error naming it */
    const char *missing[] = {"/nonexistent/actors.txt", NULL};
    dl_kb_config bad = {.stages = DL_STAGE_ACTORS, .actor_dicts = missing};
    kb = NULL;
    CHECK_INT(dl_kb_open(&bad, &kb, &err), DL_EIO);
    CHECK(kb == NULL);
    CHECK(strstr(err.file, "/nonexistent/actors.txt") != NULL);
    remove(people);
    remove(agents);
}

/* Issue 12: every mention that carries a person's name carries that
 * person's code on the date: "his business" is RUSBUS but not Putin. */
TEST(actors_named_mentions_are_the_person)
{
    dl_doc *doc = dl_test_annotate("Vladimir Putin said on Monday that his business "
                                   "partners and his party were loyal. Putin left.",
                                   "2017-05-10");
    CHECK(doc != NULL);
    if (doc == NULL)
        return;
    size_t n;
    const dl_actor *a = dl_doc_actors(doc, &n);
    int named = 0;
    for (size_t i = 0; i < n; i++) {
        if (a[i].name && strcmp(a[i].name, "Vladimir Putin") == 0) {
            named++;
            CHECK_STR(a[i].code, "RUSGOV");
        }
    }
    CHECK(named >= 2);
    const dl_actor *b = mention(doc, "business", 0);
    CHECK(b != NULL && b->name == NULL && b->antecedent >= 0);
    dl_doc_free(doc);
}

/* Issue 12: a pronoun passes over persons whose given name is of the
 * other sex (given-names.tsv from the name lists, data/actors/given.txt). */
TEST(actors_pronoun_sex)
{
    dl_doc *doc = dl_test_annotate("Donald Trump met Hillary Clinton in Ohio on Monday. "
                                   "Later she said he had lied, and he said her plan "
                                   "would fail.",
                                   "2016-09-27");
    CHECK(doc != NULL);
    if (doc == NULL)
        return;
    const dl_actor *she = mention(doc, "she", 0), *her = mention(doc, "her", 0);
    const dl_actor *he = mention(doc, "he", 0), *he2 = mention(doc, "he", 1);
    CHECK(she && she->name && strcmp(she->name, "Hillary Clinton") == 0);
    CHECK(her && her->name && strcmp(her->name, "Hillary Clinton") == 0);
    CHECK(he && he->name && strcmp(he->name, "Donald Trump") == 0);
    CHECK(he2 && he2->name && strcmp(he2->name, "Donald Trump") == 0);
    dl_doc_free(doc);
}
