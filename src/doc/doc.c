/*
 * doc.c — the document: a validated copy of one article's text, its
 * metadata and date, and the arena that owns every layer the stages add.
 * Validation happens here, once, so no stage ever sees invalid UTF-8,
 * a NUL byte or a document without a date.
 */
#include "dl.h"

#include <stdlib.h>

static const char *hexdigits = "0123456789abcdef";

static void hash_hex(uint64_t h, char out[17])
{
    for (int i = 15; i >= 0; i--) {
        out[i] = hexdigits[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}

/* Line number (1-based) of byte offset `off` in text. */
static long line_of(const char *text, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

static dl_code validate_text(const dl_doc_input *in, dl_error *err)
{
    size_t max = in->max_bytes ? in->max_bytes : DL_DEFAULT_MAX_DOC;
    if (in->text == NULL)
        return dl__fail(err, DL_ENOTEXT, "no text");
    if (in->len > max)
        return dl__fail(err, DL_EDOC_TOO_BIG,
                        "document of %zu bytes exceeds the limit of %zu bytes",
                        in->len, max);
    size_t i = 0;
    while (i < in->len && (in->text[i] == ' ' || in->text[i] == '\n' ||
                           in->text[i] == '\r' || in->text[i] == '\t'))
        i++;
    if (i == in->len)
        return dl__fail(err, DL_EEMPTY, "empty text");
    const char *nul = memchr(in->text, '\0', in->len);
    if (nul != NULL) {
        size_t off = (size_t)(nul - in->text);
        long line = line_of(in->text, off);
        dl_code c = dl__fail(err, DL_ENUL, "NUL byte at text line %ld, byte %zu", line, off);
        if (err) {
            err->offset = (long)off;
            err->line = line;
        }
        return c;
    }
    size_t ok = dl__utf8_valid_prefix(in->text, in->len);
    if (ok != in->len) {
        long line = line_of(in->text, ok);
        dl_code c = dl__fail(err, DL_EUTF8,
                             "invalid UTF-8 (byte 0x%02x) at text line %ld, byte %zu",
                             (unsigned char)in->text[ok], line, ok);
        if (err) {
            err->offset = (long)ok;
            err->line = line;
        }
        return c;
    }
    return DL_OK;
}

dl_code dl_doc_new(const dl_doc_input *in, dl_doc **out, dl_error *err)
{
    dl__error_clear(err);
    *out = NULL;
    if (in == NULL)
        return dl__fail(err, DL_EUSAGE, "no input");
    dl_code rc = validate_text(in, err);
    if (rc != DL_OK)
        return rc;
    if (in->date == NULL || in->date[0] == '\0')
        return dl__fail(err, DL_ENODATE,
                        "no document date (give \"date\" or --date)");
    dl_date date;
    rc = dl_date_parse(in->date, (size_t)-1, &date, err);
    if (rc != DL_OK)
        return rc;

    dl_doc *doc = calloc(1, sizeof *doc);
    if (doc == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    dl__arena_init(&doc->arena, in->len * 2 + 4096);
    doc->text = dl__arena_strndup(&doc->arena, in->text, in->len);
    doc->len = in->len;
    doc->date = date;
    hash_hex(dl__hash64(in->text, in->len), doc->hash);
    doc->id = dl__arena_strdup(&doc->arena, in->id && in->id[0] ? in->id : doc->hash);
    doc->date_str = dl__arena_strdup(&doc->arena, in->date);
    doc->title = dl__arena_strdup(&doc->arena, in->title);
    doc->url = dl__arena_strdup(&doc->arena, in->url);
    doc->source = dl__arena_strdup(&doc->arena, in->source);
    doc->origin = dl__arena_strdup(&doc->arena, in->origin);
    dl__vec_init(&doc->sentences, sizeof(dl_sentence));
    dl__vec_init(&doc->tokens, sizeof(dl_token));
    dl__vec_init(&doc->words, sizeof(dl_word));
    dl__vec_init(&doc->timexes, sizeof(dl_timex));
    dl__vec_init(&doc->actors, sizeof(dl_actor));
    dl__vec_init(&doc->places, sizeof(dl_place));
    dl__vec_init(&doc->place_actors, sizeof(dl_place));
    dl__vec_init(&doc->quotes, sizeof(dl_quote));
    dl__vec_init(&doc->events, sizeof(dl_event));
    dl__vec_init(&doc->notes, sizeof(dl__note));
    if (doc->arena.failed) {
        dl_doc_free(doc);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    *out = doc;
    return DL_OK;
}

void dl_doc_free(dl_doc *doc)
{
    if (doc == NULL)
        return;
    dl__arena_free(&doc->arena);
    free(doc);
}

const char *dl_doc_id(const dl_doc *doc) { return doc->id; }
dl_date dl_doc_date(const dl_doc *doc) { return doc->date; }
const char *dl_doc_date_str(const dl_doc *doc) { return doc->date_str; }
const char *dl_doc_title(const dl_doc *doc) { return doc->title; }
const char *dl_doc_url(const dl_doc *doc) { return doc->url; }
const char *dl_doc_source(const dl_doc *doc) { return doc->source; }
const char *dl_doc_origin(const dl_doc *doc) { return doc->origin; }
const char *dl_doc_hash(const dl_doc *doc) { return doc->hash; }

const char *dl_doc_text(const dl_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}

#define LAYER(fn, type, field)                                   \
    const type *fn(const dl_doc *doc, size_t *n)                 \
    {                                                            \
        if (n)                                                   \
            *n = doc->field.n;                                   \
        return (const type *)doc->field.items;                   \
    }
LAYER(dl_doc_sentences, dl_sentence, sentences)
LAYER(dl_doc_words, dl_word, words)
LAYER(dl_doc_tokens, dl_token, tokens)
LAYER(dl_doc_timexes, dl_timex, timexes)
LAYER(dl_doc_actors, dl_actor, actors)
LAYER(dl_doc_places, dl_place, places)
LAYER(dl_doc_place_actors, dl_place, place_actors)
LAYER(dl_doc_quotes, dl_quote, quotes)
LAYER(dl_doc_events, dl_event, events)
LAYER(dl_doc_notes, dl_note, notes)
#undef LAYER

void dl__doc_note(dl_doc *doc, const char *stage, uint32_t start, uint32_t end,
                  const char *fmt, ...)
{
    dl__note *n = DL__PUSH(doc, notes, dl__note);
    if (n == NULL)
        return;
    n->stage = stage;
    n->start = start;
    n->end = end;
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    char *p = dl__arena_alloc(&doc->arena, (size_t)len + 1);
    if (p == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
    va_end(ap);
    n->text = p;
}

const char *dl_actor_kind_name(dl_actor_kind k)
{
    static const char *names[] = {"person", "country", "organization", "agent",
                                  "pronoun", "metonym", "group"};
    return (unsigned)k < DL_ARRAY_LEN(names) ? names[k] : "unknown";
}

const char *dl_timex_type_name(dl_timex_type t)
{
    static const char *names[] = {"DATE", "TIME", "DURATION", "SET"};
    return (unsigned)t < DL_ARRAY_LEN(names) ? names[t] : "DATE";
}

const char *dl_quote_kind_name(dl_quote_kind k)
{
    static const char *names[] = {"direct", "partial", "indirect"};
    return (unsigned)k < DL_ARRAY_LEN(names) ? names[k] : "direct";
}

const char *dl_precision_name(dl_precision p)
{
    static const char *names[] = {"day", "month", "year", "document"};
    return (unsigned)p < DL_ARRAY_LEN(names) ? names[p] : "document";
}
