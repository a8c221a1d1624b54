/*
 * json.c — the annotate output of SCHEMA.md: one JSON object per document
 * with every layer, spans as byte offsets plus their text. Built with
 * jansson so escaping and number formatting are a library's job; keys
 * keep insertion order, so output is byte-identical run to run.
 */
#include "dl.h"

#include <jansson.h>

#define JSON_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(9))

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *span_text(const dl_doc *doc, uint32_t start, uint32_t end)
{
    if (end > doc->len || start > end)
        return json_null();
    return json_stringn(doc->text + start, end - start);
}

/* {"start":..,"end":..,"text":..} */
static json_t *span_obj(const dl_doc *doc, uint32_t start, uint32_t end)
{
    json_t *o = json_object();
    json_object_set_new(o, "start", json_integer(start));
    json_object_set_new(o, "end", json_integer(end));
    json_object_set_new(o, "text", span_text(doc, start, end));
    return o;
}

/* The lemma of a word: its token's when the word is the whole token,
 * else the word in lower case (parts of "long-term", "cannot"). */
static json_t *word_lemma(const dl_doc *doc, const dl_word *w)
{
    const dl_token *t = &dl_doc_tokens(doc, NULL)[w->token];
    if (t->start == w->start && t->end == w->end && t->lemma)
        return json_string(t->lemma);
    char buf[64];
    size_t n = w->end - w->start < sizeof buf ? w->end - w->start : sizeof buf - 1;
    for (size_t i = 0; i < n; i++) {
        char c = doc->text[w->start + i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    return json_stringn(buf, n);
}

/* "tokens": the sentence's syntactic words with tags and tree. */
static json_t *words_json(const dl_doc *doc, const dl_sentence *s)
{
    json_t *a = json_array();
    size_t n;
    const dl_word *w = dl_doc_words(doc, &n);
    for (uint32_t k = 0; k < s->word_count && s->word_first + k < n; k++) {
        const dl_word *x = &w[s->word_first + k];
        json_t *o = span_obj(doc, x->start, x->end);
        json_object_set_new(o, "upos", str_or_null(x->upos));
        json_object_set_new(o, "xpos", str_or_null(x->xpos));
        json_object_set_new(o, "lemma", word_lemma(doc, x));
        json_object_set_new(o, "head", json_integer(x->head));
        json_object_set_new(o, "dep", str_or_null(x->dep));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *sentences_json(const dl_doc *doc, unsigned flags)
{
    json_t *a = json_array();
    size_t n;
    const dl_sentence *s = dl_doc_sentences(doc, &n);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "start", json_integer(s[i].start));
        json_object_set_new(o, "end", json_integer(s[i].end));
        json_object_set_new(o, "paragraph", json_integer(s[i].paragraph));
        if (flags & DL_JSON_TOKENS)
            json_object_set_new(o, "tokens", words_json(doc, &s[i]));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *timexes_json(const dl_doc *doc)
{
    json_t *a = json_array();
    size_t n;
    const dl_timex *t = dl_doc_timexes(doc, &n);
    for (size_t i = 0; i < n; i++) {
        json_t *o = span_obj(doc, t[i].start, t[i].end);
        json_object_set_new(o, "type", json_string(dl_timex_type_name(t[i].type)));
        json_object_set_new(o, "value", str_or_null(t[i].value));
        json_object_set_new(o, "mod", str_or_null(t[i].mod));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *actor_json(const dl_doc *doc, const dl_actor *ac)
{
    json_t *o = span_obj(doc, ac->start, ac->end);
    json_object_set_new(o, "code", str_or_null(ac->code));
    json_object_set_new(o, "country", str_or_null(ac->country));
    json_object_set_new(o, "sector", str_or_null(ac->sector));
    json_object_set_new(o, "name", str_or_null(ac->name));
    json_object_set_new(o, "kind", json_string(dl_actor_kind_name(ac->kind)));
    if (ac->antecedent >= 0)
        json_object_set_new(o, "antecedent", json_integer(ac->antecedent));
    return o;
}

static json_t *actors_json(const dl_doc *doc)
{
    json_t *a = json_array();
    size_t n;
    const dl_actor *ac = dl_doc_actors(doc, &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, actor_json(doc, &ac[i]));
    return a;
}

/* Locations first (an event's "place" indexes them), then the names read
 * as actors, each with its "reading". */
static json_t *places_json(const dl_doc *doc)
{
    json_t *a = json_array();
    size_t nl, na;
    const dl_place *loc = dl_doc_places(doc, &nl);
    const dl_place *act = dl_doc_place_actors(doc, &na);
    for (size_t k = 0; k < nl + na; k++) {
        const dl_place *p = k < nl ? loc : act;
        size_t i = k < nl ? k : k - nl;
        json_t *o = span_obj(doc, p[i].start, p[i].end);
        json_object_set_new(o, "name", str_or_null(p[i].name));
        json_object_set_new(o, "country", str_or_null(p[i].country));
        json_object_set_new(o, "admin1", str_or_null(p[i].admin1));
        json_object_set_new(o, "lat", json_real(p[i].lat));
        json_object_set_new(o, "lon", json_real(p[i].lon));
        json_object_set_new(o, "geonameid", p[i].geonameid ? json_integer(p[i].geonameid) : json_null());
        json_object_set_new(o, "feature", str_or_null(p[i].feature));
        json_object_set_new(o, "reading", str_or_null(p[i].reading));
        json_object_set_new(o, "confidence", json_real(p[i].confidence));
        json_array_append_new(a, o);
    }
    return a;
}

static bool lone_pronoun(const dl_doc *doc, dl_span sp)
{
    static const char *const words[] = {"he", "she", "they", "it", "i", "we", "you",
                                        "who", "which", "him", "her", "them", NULL};
    size_t n = sp.end - sp.start;
    if (n == 0 || n > 5)
        return n == 0;
    char low[8];
    for (size_t k = 0; k < n; k++) {
        char ch = doc->text[sp.start + k];
        low[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    low[n] = '\0';
    for (size_t k = 0; words[k]; k++)
        if (strcmp(low, words[k]) == 0)
            return true;
    return false;
}

static json_t *quotes_json(const dl_doc *doc)
{
    json_t *a = json_array();
    size_t n, na;
    const dl_quote *q = dl_doc_quotes(doc, &n);
    const dl_actor *ac = dl_doc_actors(doc, &na);
    for (size_t i = 0; i < n; i++) {
        json_t *o = span_obj(doc, q[i].start, q[i].end);
        json_object_set_new(o, "kind", json_string(dl_quote_kind_name(q[i].kind)));
        json_object_set_new(o, "cue", q[i].has_cue ? span_obj(doc, q[i].cue.start, q[i].cue.end) : json_null());
        json_t *sp = json_null();
        /* a pronoun or relative pronoun no mention resolves ("he said"
         * with no one named before): the speaker is unknown, not "he" */
        if (q[i].has_speaker && !(q[i].speaker < 0 && lone_pronoun(doc, q[i].speaker_span))) {
            sp = span_obj(doc, q[i].speaker_span.start, q[i].speaker_span.end);
            const dl_actor *who = q[i].speaker >= 0 && (size_t)q[i].speaker < na ? &ac[q[i].speaker] : NULL;
            json_object_set_new(sp, "code", str_or_null(who ? who->code : NULL));
            json_object_set_new(sp, "name", str_or_null(who ? who->name : NULL));
            if (q[i].speaker >= 0)
                json_object_set_new(sp, "actor", json_integer(q[i].speaker));
        }
        json_object_set_new(o, "speaker", sp);
        if (q[i].channel >= 0 && (size_t)q[i].channel < na)
            json_object_set_new(o, "channel", actor_json(doc, &ac[q[i].channel]));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *participant_json(const dl_doc *doc, const dl_participant *p)
{
    json_t *o = span_obj(doc, p->start, p->end);
    json_object_set_new(o, "code", str_or_null(p->code));
    json_object_set_new(o, "country", str_or_null(p->country));
    json_object_set_new(o, "sector", str_or_null(p->sector));
    if (p->actor >= 0)
        json_object_set_new(o, "actor", json_integer(p->actor));
    return o;
}

static json_t *index_or_null(int32_t i)
{
    return i >= 0 ? json_integer(i) : json_null();
}

static json_t *event_json(const dl_doc *doc, const dl_event *e)
{
    char date[11];
    dl_date_format(e->date, date);
    json_t *o = json_object();
    json_object_set_new(o, "sentence", json_integer(e->sentence));
    json_object_set_new(o, "date", json_string(date));
    json_object_set_new(o, "date_precision", json_string(dl_precision_name(e->date_precision)));
    json_object_set_new(o, "source", participant_json(doc, &e->source));
    json_object_set_new(o, "target", e->has_target ? participant_json(doc, &e->target) : json_null());
    json_object_set_new(o, "cameo", json_string(e->cameo));
    json_object_set_new(o, "root", json_string(e->root));
    json_object_set_new(o, "quad_class", json_integer(e->quad_class));
    json_object_set_new(o, "goldstein", json_real(e->goldstein));
    json_object_set_new(o, "plover", str_or_null(e->plover));
    json_object_set_new(o, "mode", str_or_null(e->mode));
    json_object_set_new(o, "negated", json_boolean(e->negated));
    json_object_set_new(o, "historical", json_boolean(e->historical));
    json_object_set_new(o, "modality", str_or_null(e->modality));
    json_object_set_new(o, "place", index_or_null(e->place));
    json_object_set_new(o, "quote", index_or_null(e->quote));
    json_object_set_new(o, "timex", index_or_null(e->timex));
    json_object_set_new(o, "trigger", span_obj(doc, e->trigger.start, e->trigger.end));
    json_t *ev = json_object();
    json_object_set_new(ev, "start", json_integer(e->evidence.start));
    json_object_set_new(ev, "end", json_integer(e->evidence.end));
    json_object_set_new(o, "evidence", ev);
    json_object_set_new(o, "confidence", json_real(e->confidence));
    return o;
}

static json_t *events_json(const dl_doc *doc)
{
    json_t *a = json_array();
    size_t n;
    const dl_event *e = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, event_json(doc, &e[i]));
    return a;
}

static void set_opt(json_t *o, const char *key, const char *val)
{
    if (val)
        json_object_set_new(o, key, json_string(val));
}

char *dl_doc_to_json(const dl_doc *doc)
{
    return dl_doc_to_json_ex(doc, 0);
}

char *dl_doc_to_json_ex(const dl_doc *doc, unsigned flags)
{
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    json_object_set_new(o, "schema", json_integer(DL_SCHEMA));
    json_object_set_new(o, "id", json_string(doc->id));
    char date[11];
    dl_date_format(doc->date, date);
    json_object_set_new(o, "date", json_string(date));
    set_opt(o, "title", doc->title);
    set_opt(o, "url", doc->url);
    set_opt(o, "source", doc->source);
    json_object_set_new(o, "sentences", sentences_json(doc, flags));
    json_object_set_new(o, "timexes", timexes_json(doc));
    json_object_set_new(o, "actors", actors_json(doc));
    json_object_set_new(o, "places", places_json(doc));
    json_object_set_new(o, "quotes", quotes_json(doc));
    json_object_set_new(o, "events", events_json(doc));
    char *s = json_dumps(o, JSON_FLAGS);
    json_decref(o);
    return s;
}

char *dl_doc_events_to_json(const dl_doc *doc)
{
    dl__buf b;
    dl__buf_init(&b);
    size_t n;
    const dl_event *e = dl_doc_events(doc, &n);
    for (size_t i = 0; i < n; i++) {
        json_t *o = event_json(doc, &e[i]);
        json_object_set_new(o, "doc", json_string(doc->id));
        json_object_set_new(o, "evidence_text", span_text(doc, e[i].evidence.start, e[i].evidence.end));
        char *s = json_dumps(o, JSON_FLAGS);
        json_decref(o);
        if (s == NULL) {
            dl__buf_free(&b);
            return NULL;
        }
        dl__buf_puts(&b, s);
        dl__buf_putc(&b, '\n');
        free(s);
    }
    if (b.len == 0)
        dl__buf_add(&b, "", 0);
    return dl__buf_take(&b);
}
