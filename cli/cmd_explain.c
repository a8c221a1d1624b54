/*
 * cmd_explain.c — `dateline explain "sentence" --date D`: runs the whole
 * pipeline on one text and prints every layer with the dictionary entry
 * or rule behind each decision, for dictionary maintainers asking why a
 * sentence was (not) coded.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void span(const char *text, uint32_t a, uint32_t b)
{
    printf("[%u,%u) \"%.*s\"", a, b, (int)(b - a), text + a);
}

/* The sentence's dependency tree, one line per word: index, word, UPOS,
 * Penn tag, head (index, or "root") and relation. */
static void tree(const dl_doc *doc, const char *text, const dl_sentence *s)
{
    size_t nw;
    const dl_word *w = dl_doc_words(doc, &nw);
    if (s->word_count == 0 || s->word_first + s->word_count > nw)
        return;
    printf("  tree:\n");
    for (uint32_t i = 0; i < s->word_count; i++) {
        const dl_word *x = &w[s->word_first + i];
        printf("  %4u %-18.*s %-5s %-4s ", i, (int)(x->end - x->start), text + x->start,
               x->upos ? x->upos : "", x->xpos ? x->xpos : "");
        if (x->head < 0)
            printf("root ");
        else
            printf("%4d ", x->head);
        printf("%s\n", x->dep ? x->dep : "");
    }
}

static void tokens(const dl_doc *doc, const char *text)
{
    size_t nt, ns;
    const dl_token *t = dl_doc_tokens(doc, &nt);
    const dl_sentence *s = dl_doc_sentences(doc, &ns);
    for (size_t k = 0; k < ns; k++) {
        printf("sentence %zu (paragraph %u): ", k, s[k].paragraph);
        span(text, s[k].start, s[k].end);
        putchar('\n');
        for (uint32_t i = s[k].tok_first; i < s[k].tok_first + s[k].tok_count && i < nt; i++) {
            printf("  %4u %-18.*s lemma=%-14s", i, (int)(t[i].end - t[i].start),
                   text + t[i].start, t[i].lemma ? t[i].lemma : "");
            static const char *const flags[] = {"word", "num", "punct", "cap", "upper", "quote",
                                                "open", "close", "abbr", "poss", "start"};
            for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++)
                if (t[i].flags & (1u << f))
                    printf(" %s", flags[f]);
            putchar('\n');
        }
        tree(doc, text, &s[k]);
    }
}

static void layers(const dl_doc *doc, const char *text)
{
    size_t n;
    const dl_timex *tx = dl_doc_timexes(doc, &n);
    printf("\ntimexes: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("  %zu ", i);
        span(text, tx[i].start, tx[i].end);
        printf(" %s %s%s%s  <- %s\n", dl_timex_type_name(tx[i].type), tx[i].value ? tx[i].value : "",
               tx[i].mod ? " mod=" : "", tx[i].mod ? tx[i].mod : "", tx[i].why ? tx[i].why : "");
    }
    const dl_actor *ac = dl_doc_actors(doc, &n);
    printf("\nactors: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("  %zu ", i);
        span(text, ac[i].start, ac[i].end);
        printf(" %s %s%s%s", ac[i].code ? ac[i].code : "-", dl_actor_kind_name(ac[i].kind),
               ac[i].name ? " name=" : "", ac[i].name ? ac[i].name : "");
        if (ac[i].antecedent >= 0)
            printf(" -> %d", ac[i].antecedent);
        printf("  <- %s\n", ac[i].why ? ac[i].why : "");
    }
    const dl_place *pl = dl_doc_places(doc, &n);
    printf("\nplaces: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("  %zu ", i);
        span(text, pl[i].start, pl[i].end);
        printf(" %s (%s, %s) %.4f,%.4f conf=%.2f  <- %s\n", pl[i].name ? pl[i].name : "",
               pl[i].admin1 ? pl[i].admin1 : "", pl[i].country ? pl[i].country : "", pl[i].lat,
               pl[i].lon, pl[i].confidence, pl[i].why ? pl[i].why : "");
    }
    size_t na;
    const dl_actor *all = dl_doc_actors(doc, &na);
    const dl_quote *qu = dl_doc_quotes(doc, &n);
    printf("\nquotes: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("  %zu %s ", i, dl_quote_kind_name(qu[i].kind));
        span(text, qu[i].start, qu[i].end);
        if (qu[i].has_cue) {
            printf(" cue=");
            span(text, qu[i].cue.start, qu[i].cue.end);
        }
        if (qu[i].has_speaker) {
            printf(" speaker=");
            span(text, qu[i].speaker_span.start, qu[i].speaker_span.end);
            if (qu[i].speaker >= 0 && (size_t)qu[i].speaker < na && all[qu[i].speaker].code)
                printf(" %s", all[qu[i].speaker].code);
        } else {
            printf(" speaker=none");
        }
        printf("  <- %s\n", qu[i].why ? qu[i].why : "");
    }
    const dl_event *ev = dl_doc_events(doc, &n);
    printf("\nevents: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        char date[11];
        dl_date_format(ev[i].date, date);
        printf("  %zu %s (%s) %s -%s/%s-> %s%s%s", i, date, dl_precision_name(ev[i].date_precision),
               ev[i].source.code ? ev[i].source.code : "-", ev[i].cameo,
               ev[i].plover ? ev[i].plover : "", ev[i].has_target && ev[i].target.code ? ev[i].target.code : "-",
               ev[i].negated ? " NEGATED" : "", ev[i].modality ? " " : "");
        if (ev[i].modality)
            fputs(ev[i].modality, stdout);
        printf(" trigger=");
        span(text, ev[i].trigger.start, ev[i].trigger.end);
        printf("  <- %s\n", ev[i].why ? ev[i].why : "");
    }
    const dl_note *no = dl_doc_notes(doc, &n);
    if (n)
        printf("\nnotes: %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        printf("  %s ", no[i].stage ? no[i].stage : "");
        span(text, no[i].start, no[i].end);
        printf(" %s\n", no[i].text ? no[i].text : "");
    }
}

int cmd_explain(int argc, char **argv)
{
    cli_common com = {0};
    const char *sentence = NULL;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        int r;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: dateline explain \"TEXT\" --date YYYY-MM-DD [--json]\n\n"
                 "Runs every stage on TEXT and prints each layer: sentences, tokens with\n"
                 "lemmas, time expressions, actors, places, quotes and events, each with\n"
                 "the dictionary entry (file:line) or rule that made it. --json prints the\n"
                 "annotate JSON instead. TEXT '-' reads standard input.");
            return EXIT_OK;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if ((r = cli_common_opt(&com, argc, argv, &i)) != 0) {
            if (r < 0)
                return EXIT_USAGE;
        } else if (sentence == NULL) {
            sentence = argv[i];
        } else {
            fprintf(stderr, "dateline explain: give the text as one argument (quote it)\n");
            return EXIT_USAGE;
        }
    }
    if (sentence == NULL) {
        fprintf(stderr, "dateline explain: give a sentence (and --date)\n");
        return EXIT_USAGE;
    }
    char *buf = NULL;
    if (strcmp(sentence, "-") == 0) {
        size_t cap = 1 << 16, n = 0, k;
        buf = malloc(cap);
        while (buf && (k = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
            n += k;
            if (n + 1 == cap) {
                char *nb = realloc(buf, cap * 2);
                if (nb == NULL)
                    break;
                buf = nb;
                cap *= 2;
            }
        }
        if (buf == NULL)
            return EXIT_FAILURE_;
        buf[n] = '\0';
        sentence = buf;
    }
    dl_kb *kb = cli_open_kb(&com, 0);
    if (kb == NULL) {
        free(buf);
        return EXIT_FAILURE_;
    }
    dl_doc_input in = {.text = sentence, .len = strlen(sentence),
                       .date = com.date ? com.date : NULL, .origin = "(explain)"};
    dl_doc *doc;
    dl_error err;
    int rc = EXIT_OK;
    if (dl_doc_new(&in, &doc, &err) != DL_OK || dl_annotate(kb, doc, &err) != DL_OK) {
        fprintf(stderr, "dateline explain: %s\n", err.msg);
        rc = err.code == DL_ENODATE || err.code == DL_EDATE ? EXIT_USAGE : EXIT_REJECTED;
    } else if (json) {
        char *s = dl_doc_to_json(doc);
        if (s)
            puts(s);
        free(s);
        dl_doc_free(doc);
    } else {
        const char *text = dl_doc_text(doc, NULL);
        char date[11];
        dl_date_format(dl_doc_date(doc), date);
        printf("date %s, stages:", date);
        static const char *const names[] = {"text", "time", "actors", "places", "quotes", "events", "syntax"};
        for (int i = 0; i < 6; i++)
            if (dl_kb_stages(kb) & (1u << i))
                printf(" %s", names[i]);
        printf("\n\n");
        tokens(doc, text);
        layers(doc, text);
        dl_doc_free(doc);
    }
    dl_kb_free(kb);
    free(buf);
    return rc;
}
