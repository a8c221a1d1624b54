/*
 * dateline.h — the one public header of libdateline.
 *
 * dateline turns dated news text into events (who did what to whom, when,
 * where) and quotations (who said what), every fact tied to a byte span of
 * the sentence it came from. This header is the whole contract: the
 * `dateline` command-line tool and the HTTP server use nothing else.
 *
 * Life cycle:
 *
 *     dl_kb *kb;  dl_error err;
 *     dl_kb_open(NULL, &kb, &err);               // load knowledge once
 *     dl_doc *doc;
 *     dl_doc_input in = {.text = t, .len = n, .date = "2023-07-23"};
 *     dl_doc_new(&in, &doc, &err);               // copies the text
 *     dl_annotate(kb, doc, &err);                // run every stage
 *     size_t n; const dl_event *ev = dl_doc_events(doc, &n);
 *     dl_doc_free(doc);                          // frees every layer
 *     dl_kb_free(kb);
 *
 * Ownership: a dl_kb is read-only after dl_kb_open and may be shared by any
 * number of threads. A dl_doc belongs to one thread at a time; everything a
 * stage attaches to it (and every pointer returned by the dl_doc_*
 * accessors) lives in the document's arena and stays valid until
 * dl_doc_free. Strings inside layer records either point into that arena
 * or into the knowledge base; neither is to be freed by the caller.
 *
 * Errors: every fallible function returns a dl_code (0 = DL_OK) and fills
 * the dl_error it is given (which may be NULL). The library never prints
 * and never exits.
 */
#ifndef DATELINE_H
#define DATELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DL_VERSION "0.1.0"
#define DL_SCHEMA 1 /* version of the annotate JSONL contract (SCHEMA.md) */
/* Versions of the store's tables (migrations applied), per backend. */
#define DL_STORE_SCHEMA_SQLITE 5
#define DL_STORE_SCHEMA_PG 3

/* ---------------------------------------------------------------- errors */

typedef enum dl_code {
    DL_OK = 0,
    DL_ENOMEM,       /* out of memory */
    DL_EIO,          /* cannot open, read or write a file */
    DL_EUTF8,        /* invalid UTF-8 in the input */
    DL_ENUL,         /* NUL byte in a text */
    DL_EEMPTY,       /* empty file or empty text */
    DL_EDOC_TOO_BIG, /* document larger than the configured limit */
    DL_ELINE_TOO_LONG, /* input line longer than the configured limit */
    DL_EJSON,        /* not JSON, or JSON of the wrong shape */
    DL_ENOTEXT,      /* a JSON document without a "text" string */
    DL_ENODATE,      /* no document date given or found */
    DL_EDATE,        /* a malformed or impossible date (2023-02-30) */
    DL_EDB,          /* the store failed (SQLite/PostgreSQL message in msg) */
    DL_EDICT,        /* a dictionary file has a syntax error */
    DL_EUSAGE,       /* bad argument to a function or command */
    DL_ENOTFOUND,    /* a named thing does not exist */
    DL_ELIMIT,       /* some other configured limit was exceeded */
    DL_EFORMAT,      /* a file is not in the format expected (eval data) */
} dl_code;

/* Where a failure happened. `file` and `line` name the input (1-based line,
 * 0 when not known); `offset` is a byte offset within that line or text. */
typedef struct dl_error {
    dl_code code;
    char msg[512];
    char file[512];
    long line;
    long offset;
} dl_error;

/* A short English name of a code ("invalid UTF-8"). Static string. */
const char *dl_strerror(dl_code code);

/* ----------------------------------------------------------------- dates */

/* A calendar date in the proleptic Gregorian calendar, computed in UTC. */
typedef struct dl_date {
    int year, month, day; /* month 1-12, day 1-31 */
} dl_date;

/* Parses "YYYY-MM-DD", "YYYYMMDD" or an ISO 8601 timestamp beginning with
 * a date ("2023-07-23T10:00:00Z"); rejects impossible dates (2023-02-30).
 * `len` may be (size_t)-1 for a NUL-terminated string. */
dl_code dl_date_parse(const char *s, size_t len, dl_date *out, dl_error *err);
bool dl_date_valid(int year, int month, int day);
/* Days since 1970-01-01 and back; weekday 0 = Monday ... 6 = Sunday. */
long dl_date_to_days(dl_date d);
dl_date dl_date_from_days(long days);
int dl_date_weekday(dl_date d);
/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void dl_date_format(dl_date d, char buf[11]);

/* -------------------------------------------------------- knowledge base */

typedef struct dl_kb dl_kb;

/* Stage switches for dl_kb_config.stages and dl_annotate_some(). */
enum {
    DL_STAGE_TEXT = 1u << 0,
    DL_STAGE_TIME = 1u << 1,
    DL_STAGE_ACTORS = 1u << 2,
    DL_STAGE_PLACES = 1u << 3,
    DL_STAGE_QUOTES = 1u << 4,
    DL_STAGE_EVENTS = 1u << 5,
    DL_STAGE_SYNTAX = 1u << 6, /* runs between text and time */
    DL_STAGE_ALL = 0x7f,
};

typedef struct dl_kb_config {
    /* Folder of compiled data (lemma table, gazetteer, our dictionaries).
     * NULL: $DATELINE_DATA, else the folder `data` beside the executable's
     * folder's parent (build/../data), else the install prefix. */
    const char *data_dir;
    /* Which stages to load (DL_STAGE_*; 0 means all). */
    unsigned stages;
    /* Extra dictionaries, in our format or PETRARCH/TABARI's, loaded after
     * and merged over ours. NULL-terminated arrays or NULL. */
    const char *const *actor_dicts;
    const char *const *agent_dicts;
    const char *const *verb_dicts;
    const char *const *discard_dicts;
    /* Load none of our own dictionaries, only the ones above (PETRARCH's
     * validation suite runs with its own small dictionaries). */
    bool no_default_dicts;
    /* An event dated more than this many days before its article is
     * marked historical (dl_event.historical). 0: 365. */
    int historical_days;
} dl_kb_config;

/* Loads the knowledge base. On success *out owns it; free with dl_kb_free.
 * `cfg` may be NULL for the defaults. */
dl_code dl_kb_open(const dl_kb_config *cfg, dl_kb **out, dl_error *err);
void dl_kb_free(dl_kb *kb); /* accepts NULL */
/* Stages this knowledge base can run (DL_STAGE_* bits). */
unsigned dl_kb_stages(const dl_kb *kb);

/* -------------------------------------------------------------- document */

typedef struct dl_doc dl_doc;

/* Input for dl_doc_new. Only `text` and `date` are required. All strings
 * are copied; the caller keeps ownership of what it passes. */
typedef struct dl_doc_input {
    const char *id;     /* NULL: a hash of the text */
    const char *date;   /* "YYYY-MM-DD" or ISO 8601 timestamp */
    const char *text;   /* UTF-8, need not be NUL-terminated */
    size_t len;         /* bytes of text */
    const char *title, *url, *source; /* optional, may be NULL */
    const char *origin; /* where it came from, "file:line" (optional) */
    size_t max_bytes;   /* 0: DL_DEFAULT_MAX_DOC */
} dl_doc_input;

#define DL_DEFAULT_MAX_DOC (8u << 20) /* 8 MiB per document */

/* Validates (UTF-8, no NUL, not empty, size, date) and creates a document.
 * On error nothing is allocated and err->offset is the byte offset of the
 * first bad byte in the text when that is the problem. */
dl_code dl_doc_new(const dl_doc_input *in, dl_doc **out, dl_error *err);
void dl_doc_free(dl_doc *doc); /* accepts NULL; frees every layer */

const char *dl_doc_id(const dl_doc *doc);
const char *dl_doc_text(const dl_doc *doc, size_t *len); /* NUL-terminated */
dl_date dl_doc_date(const dl_doc *doc);
const char *dl_doc_date_str(const dl_doc *doc);           /* as given */
const char *dl_doc_title(const dl_doc *doc);              /* or NULL */
const char *dl_doc_url(const dl_doc *doc);                /* or NULL */
const char *dl_doc_source(const dl_doc *doc);             /* or NULL */
const char *dl_doc_origin(const dl_doc *doc);             /* or NULL */
/* Hex SHA-256-free content hash (64-bit FNV-1a of the text, 16 hex). */
const char *dl_doc_hash(const dl_doc *doc);

/* Runs every stage the knowledge base has, in order, on the document.
 * Running it twice is a no-op. */
dl_code dl_annotate(const dl_kb *kb, dl_doc *doc, dl_error *err);
/* Runs only the stages in `stages` (and the ones they need). */
dl_code dl_annotate_some(const dl_kb *kb, dl_doc *doc, unsigned stages,
                         dl_error *err);

/* ---------------------------------------------------------------- layers */
/* Every span is [start, end): byte offsets into the document text. */

typedef struct dl_span {
    uint32_t start, end;
} dl_span;

typedef struct dl_sentence {
    uint32_t start, end;
    uint32_t tok_first, tok_count; /* its tokens in dl_doc_tokens() */
    uint32_t paragraph;            /* 0-based paragraph number */
    uint32_t word_first, word_count; /* its words in dl_doc_words() (syntax) */
} dl_sentence;

enum dl_token_flags {
    DL_TOK_WORD = 1u << 0,   /* letters (possibly with digits, ' or -) */
    DL_TOK_NUM = 1u << 1,    /* starts with a digit */
    DL_TOK_PUNCT = 1u << 2,  /* punctuation or symbol */
    DL_TOK_CAP = 1u << 3,    /* first letter upper-case */
    DL_TOK_UPPER = 1u << 4,  /* every letter upper-case (2+ letters) */
    DL_TOK_QUOTE = 1u << 5,  /* a quotation mark of any style */
    DL_TOK_OPEN = 1u << 6,   /* opening quote or bracket */
    DL_TOK_CLOSE = 1u << 7,  /* closing quote or bracket */
    DL_TOK_ABBR = 1u << 8,   /* an abbreviation with its period ("Gen.") */
    DL_TOK_POSS = 1u << 9,   /* the possessive 's or ’s split off a word */
    DL_TOK_SSTART = 1u << 10, /* first token of its sentence */
};

typedef struct dl_token {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t flags;       /* enum dl_token_flags */
    const char *norm;     /* lower-case, accents removed ("rzeszow") */
    const char *lemma;    /* WordNet base form of norm, or norm itself */
    /* Set by the syntax stage (NULL / -1 before it ran): the token's
     * syntactic word (the last one when a token holds several, as
     * "long-term" = long - term, "cannot" = can not) and its tags. */
    int32_t word;         /* index into dl_doc_words() */
    const char *upos, *xpos;
} dl_token;

/* A syntactic word, as Universal Dependencies English divides text: most
 * are tokens; hyphenated compounds and "cannot" are split. The syntax
 * stage gives each a part of speech and a head, so that every sentence is
 * a dependency tree (UD v2 relations). */
typedef struct dl_word {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t token;       /* the token it is (part of) */
    const char *upos;     /* "NOUN", "VERB", ... */
    const char *xpos;     /* Penn tag: "NN", "VBD", ... */
    int32_t head;         /* index of its head within the sentence's words,
                             -1 for the root */
    const char *dep;      /* "nsubj", "obl:agent", "root", ... */
    /* private: the model's class ids */
    uint16_t tag_id, dep_id;
} dl_word;

typedef enum dl_timex_type {
    DL_TIMEX_DATE, DL_TIMEX_TIME, DL_TIMEX_DURATION, DL_TIMEX_SET
} dl_timex_type;

typedef struct dl_timex {
    uint32_t start, end;
    uint32_t sentence;
    dl_timex_type type;
    const char *value;  /* TIMEX3 value: "2023-07-18", "P17M", "PRESENT_REF" */
    const char *mod;    /* "APPROX", "START", ... or NULL */
    const char *why;    /* rule that found and normalized it */
} dl_timex;

typedef enum dl_actor_kind {
    DL_ACTOR_PERSON, DL_ACTOR_COUNTRY, DL_ACTOR_ORGANIZATION, DL_ACTOR_AGENT,
    DL_ACTOR_PRONOUN, DL_ACTOR_METONYM, DL_ACTOR_GROUP
} dl_actor_kind;

typedef struct dl_actor {
    uint32_t start, end;
    uint32_t sentence;
    uint32_t tok_first, tok_last; /* tokens covered, inclusive */
    dl_actor_kind kind;
    const char *code;    /* "RUSGOV", "IGOWSTNAT", ... */
    const char *country; /* ISO 3166 alpha-3 or NULL */
    const char *sector;  /* "GOV", "MIL", ... or NULL */
    const char *name;    /* canonical name ("Vladimir Putin") or NULL */
    int32_t antecedent;  /* index of the mention it resolves to, or -1 */
    float confidence;    /* 0..1 */
    const char *why;     /* dictionary file:line or rule */
} dl_actor;

typedef struct dl_place {
    uint32_t start, end;
    uint32_t sentence;
    const char *name, *country, *admin1, *feature;
    double lat, lon;
    int64_t geonameid;   /* 0 when not from GeoNames */
    float confidence;
    const char *why;
    /* "location" (named as where something is or happens: "in China",
     * "flew to Washington"; these are dl_doc_places()) or "actor" (a
     * country or capital named as the one who acts: "China said",
     * "Moscow warned"; these are dl_doc_place_actors(), and the actor
     * layer holds the same span as an actor). */
    const char *reading;
} dl_place;

typedef enum dl_quote_kind {
    DL_QUOTE_DIRECT, DL_QUOTE_PARTIAL, DL_QUOTE_INDIRECT
} dl_quote_kind;

typedef struct dl_quote {
    uint32_t start, end;  /* the content */
    uint32_t sentence;    /* sentence where the content starts */
    dl_quote_kind kind;
    dl_span cue;          /* {0,0} when no cue */
    bool has_cue;
    int32_t speaker;      /* index into dl_doc_actors(), or -1 */
    dl_span speaker_span; /* the speaker's words in this quote's context */
    bool has_speaker;
    int32_t channel;      /* actor that relayed it ("news agencies"), or -1 */
    float confidence;
    const char *why;
} dl_quote;

typedef enum dl_precision {
    DL_PREC_DAY, DL_PREC_MONTH, DL_PREC_YEAR, DL_PREC_DOCUMENT
} dl_precision;

/* One side of an event: a span and a code, usually an actor mention. */
typedef struct dl_participant {
    uint32_t start, end;
    const char *code, *country, *sector;
    int32_t actor; /* index into dl_doc_actors(), or -1 */
} dl_participant;

typedef struct dl_event {
    uint32_t sentence;
    dl_date date;
    dl_precision date_precision;
    int32_t timex;              /* index into dl_doc_timexes(), or -1 */
    dl_participant source;
    dl_participant target;
    bool has_target;
    char cameo[5];              /* "043", "1312" */
    char root[3];               /* "04" */
    int quad_class;             /* 1..4 */
    double goldstein;
    const char *plover;         /* "CONSULT" */
    const char *mode;           /* PLOVER mode or NULL */
    bool negated;
    bool historical;            /* dated long before its article (background) */
    const char *modality;       /* "hypothetical", "future", ... or NULL */
    int32_t place;              /* index into dl_doc_places(), or -1 */
    int32_t quote;              /* index into dl_doc_quotes(), or -1 */
    dl_span evidence;           /* the sentence, or the clause */
    dl_span trigger;            /* the verb or noun that triggered it */
    float confidence;
    const char *why;            /* pattern file:line and rules applied */
} dl_event;

const dl_sentence *dl_doc_sentences(const dl_doc *doc, size_t *n);
const dl_token *dl_doc_tokens(const dl_doc *doc, size_t *n);
const dl_word *dl_doc_words(const dl_doc *doc, size_t *n); /* syntax stage */
const dl_timex *dl_doc_timexes(const dl_doc *doc, size_t *n);
const dl_actor *dl_doc_actors(const dl_doc *doc, size_t *n);
const dl_place *dl_doc_places(const dl_doc *doc, size_t *n);
/* Place names read as actors ("China said", "Moscow warned"), each with
 * reading "actor": the same spans are in dl_doc_actors() too. Kept apart
 * from dl_doc_places(), which holds the locations events index. Valid,
 * like every layer, until dl_doc_free(). */
const dl_place *dl_doc_place_actors(const dl_doc *doc, size_t *n);
const dl_quote *dl_doc_quotes(const dl_doc *doc, size_t *n);
const dl_event *dl_doc_events(const dl_doc *doc, size_t *n);

/* A decision a stage recorded that left no record of its own (a rule that
 * fired, a candidate rejected and why): `dateline explain` prints them. */
typedef struct dl_note {
    const char *stage;
    uint32_t start, end;
    const char *text;
} dl_note;
const dl_note *dl_doc_notes(const dl_doc *doc, size_t *n);

const char *dl_actor_kind_name(dl_actor_kind k);   /* "person", ... */
const char *dl_timex_type_name(dl_timex_type t);   /* "DATE", ... */
const char *dl_quote_kind_name(dl_quote_kind k);   /* "direct", ... */
const char *dl_precision_name(dl_precision p);     /* "day", ... */

/* ----------------------------------------------------------------- JSON */

/* Serializes the document and its layers as one line of SCHEMA.md JSON
 * (no trailing newline). Returns a malloc'd string the caller frees with
 * free(), or NULL on out-of-memory. */
char *dl_doc_to_json(const dl_doc *doc);
/* The same with options: DL_JSON_TOKENS adds to each sentence a "tokens"
 * array of its syntactic words (start, end, text, upos, xpos, lemma, head
 * within the sentence or -1, dep). */
enum { DL_JSON_TOKENS = 1u << 0 };
char *dl_doc_to_json_ex(const dl_doc *doc, unsigned flags);

/* The document's events as JSON lines (one object per event, each with
 * "doc" and "evidence_text"; "" when none), for `dateline code`.
 * malloc'd; free with free(); NULL on out-of-memory. */
char *dl_doc_events_to_json(const dl_doc *doc);

/* ----------------------------------------------------------------- input */

/* A reader turns files, folders, JSONL, gzip or standard input into
 * dl_doc_input records, one at a time. */
typedef struct dl_reader dl_reader;

typedef enum dl_format {
    DL_FORMAT_AUTO,   /* by extension and first bytes */
    DL_FORMAT_TEXT,   /* plain text, date from ` date YYYY-MM-DD ` header or --date */
    DL_FORMAT_JSONL,  /* one JSON document per line (SCHEMA.md) */
} dl_format;

typedef struct dl_reader_config {
    dl_format format;
    const char *default_date; /* for texts without their own date */
    /* JSONL field names (NULL: "id", "date", "text", "title", "url", "source") */
    const char *id_field, *date_field, *text_field;
    const char *title_field, *url_field, *source_field;
    size_t max_doc_bytes;  /* 0: DL_DEFAULT_MAX_DOC */
    size_t max_line_bytes; /* 0: DL_DEFAULT_MAX_LINE */
    /* Dates and metadata from where corpora keep them. A document's own
     * date (JSONL field, inline dateline) comes first, then the metadata
     * table, then the file name, then default_date. */
    bool date_from_name;   /* a date in the file name: YYYY-MM-DD, YYYY_MM_DD, YYYYMMDD */
    /* A CSV or TSV file with a header line mapping file names (with or
     * without extension) or document ids to date, title, URL and
     * publisher (columns id|filename|file|name, date|publication_date|
     * published, title, url|link, publisher|source|outlet). NULL: none. */
    const char *metadata;
} dl_reader_config;

#define DL_DEFAULT_MAX_LINE (16u << 20) /* 16 MiB per JSONL line */

/* Opens a reader over paths (files or folders, recursively; "-" is
 * standard input). Paths are copied. Free with dl_reader_free. */
dl_code dl_reader_open(const char *const *paths, size_t npaths,
                       const dl_reader_config *cfg, dl_reader **out,
                       dl_error *err);
/* Next document. Returns DL_OK and fills *doc (valid until the next call),
 * DL_ENOTFOUND at the end, or an error for one bad document or file (err
 * names file and line) after which the caller may simply call again. */
dl_code dl_reader_next(dl_reader *r, dl_doc_input *doc, dl_error *err);
void dl_reader_free(dl_reader *r); /* accepts NULL */
/* The file and first line of the document last returned, and whether it
 * came from JSONL (then a text error is on that line) or plain text (then
 * a text error on text line N is on file line `line + N - 1`). */
void dl_reader_position(const dl_reader *r, const char **file, long *line,
                        bool *jsonl);
/* Files opened so far and files in all (for progress and ETA). */
void dl_reader_progress(const dl_reader *r, size_t *files_done, size_t *files_total);
/* Bytes read so far (of the files as stored, compressed or not) and the
 * bytes of all the files (standard input counts 0): percent and ETA of
 * one big file too. */
void dl_reader_bytes(const dl_reader *r, double *done, double *total);
/* The date found in a file name (YYYY-MM-DD, YYYY_MM_DD or YYYYMMDD, a
 * calendar day, not inside a longer run of digits), written to out[11];
 * false when there is none. */
bool dl_date_from_name(const char *path, char out[11]);

/* ----------------------------------------------------------------- store */

typedef struct dl_store dl_store;

/* Opens (creating or migrating) a store. `url` is a SQLite file name, or
 * "postgresql://..." when built with PostgreSQL. Free with dl_store_close. */
dl_code dl_store_open(const char *url, dl_store **out, dl_error *err);
void dl_store_close(dl_store *st); /* accepts NULL */

/* Batches: every dl_store_put between begin and commit lands together or
 * not at all. */
dl_code dl_store_begin(dl_store *st, dl_error *err);
dl_code dl_store_commit(dl_store *st, dl_error *err);
dl_code dl_store_rollback(dl_store *st, dl_error *err);

/* Stores an annotated document with all its layers. *stored is set to
 * false when the same document (id, else content hash) was already there. */
dl_code dl_store_put(dl_store *st, const dl_doc *doc, bool *stored,
                     dl_error *err);
/* Whether a document with this id or hash is already stored. */
dl_code dl_store_has(dl_store *st, const char *id, const char *hash,
                     bool *has, dl_error *err);

/* Queries return rows through a callback: column names and values as
 * strings (NULL for SQL NULL). Return non-zero from the callback to stop. */
typedef int (*dl_row_fn)(void *ctx, int ncol, const char *const *names,
                         const char *const *values);

typedef struct dl_query {
    const char *text;        /* full-text query (search) */
    const char *actor;       /* code or name substring */
    const char *source, *target; /* actor codes or code prefixes */
    const char *dyad;        /* "RUS:POL" (either direction with '~') */
    const char *country, *sector;
    const char *from, *to;   /* date range, inclusive "YYYY-MM-DD" */
    const char *cameo;       /* code prefix */
    const char *plover;
    int quad_class;          /* 0: any */
    const char *speaker;     /* quotes by speaker name or code */
    double near_lat, near_lon, near_km; /* near_km 0: no geo filter */
    double bbox[4];          /* min lat, min lon, max lat, max lon */
    bool has_bbox;
    long limit;              /* 0: 100 */
    const char *hl_open, *hl_close; /* search highlight marks ("[", "]") */
    bool merged;             /* events: one row per event across documents */
    long offset;             /* rows to skip (paging); 0: none */
    const char *sort;        /* "date", "-date" (newest first), "goldstein",
                              * "-goldstein", "mentions", "sources" (merged
                              * only, "-" for descending); NULL: oldest first */
    const char *publisher;   /* events: the article's publisher (source field) */
    double gold_min, gold_max; /* Goldstein range, used when has_gold */
    bool has_gold;
    bool fts_syntax;         /* search/text: q->text is FTS syntax as is;
                              * false: plain words, punctuation included */
    bool count;              /* private: set by dl_store_count */
} dl_query;

/* What a dl_store_count or dl_store_aggregate works on. */
typedef enum dl_count_of {
    DL_COUNT_EVENTS, DL_COUNT_QUOTES, DL_COUNT_ACTORS, DL_COUNT_SEARCH
} dl_count_of;

/* The number of rows the listing query `of` would return without
 * limit and offset (the total for paging). */
dl_code dl_store_count(dl_store *st, dl_count_of of, const dl_query *q, long *total,
                       dl_error *err);

/* Summaries of the events matching q (merged: of the merged events), all
 * ordered biggest first except the bins (by date):
 *   DL_AGG_DYADS   source, target, events, mentions, goldstein (mean), q1..q4
 *   DL_AGG_ACTORS  code, events (as source or target), as_source, as_target
 *   DL_AGG_PLACES  place, lat, lon, events, q1..q4 (located events only)
 *   DL_AGG_DAY / WEEK / MONTH  bin (first day), events, mentions,
 *                  goldstein (sum), q1..q4
 * Rows go to fn as strings, q->limit (0: 100, bins: all) and q->offset apply. */
typedef enum dl_agg {
    DL_AGG_DYADS, DL_AGG_ACTORS, DL_AGG_PLACES, DL_AGG_DAY, DL_AGG_WEEK, DL_AGG_MONTH
} dl_agg;
dl_code dl_store_aggregate(dl_store *st, dl_agg what, const dl_query *q, dl_row_fn fn,
                           void *ctx, dl_error *err);

/* One stored document by id: `layer` "document" (id, date, title, url,
 * publisher, origin, text), "sentences", "actors", "timexes", "places",
 * "quotes" or "events" (every row with byte offsets into the text and the
 * rule behind it). Unknown ids give no rows. */
dl_code dl_store_document(dl_store *st, const char *id, const char *layer, dl_row_fn fn,
                          void *ctx, dl_error *err);

dl_code dl_store_search(dl_store *st, const dl_query *q, dl_row_fn fn,
                        void *ctx, dl_error *err);
dl_code dl_store_events(dl_store *st, const dl_query *q, dl_row_fn fn,
                        void *ctx, dl_error *err);
dl_code dl_store_quotes(dl_store *st, const dl_query *q, dl_row_fn fn,
                        void *ctx, dl_error *err);
dl_code dl_store_actors(dl_store *st, const dl_query *q, dl_row_fn fn,
                        void *ctx, dl_error *err);
dl_code dl_store_stats(dl_store *st, dl_row_fn fn, void *ctx, dl_error *err);

/* Writes the stored events matching q (NULL: all; negated and
 * hypothetical events are never exported) to out in `format`: "gdelt"
 * (GDELT 2.0 Event table, mentions of one event merged), "gdelt-mentions",
 * "phoenix", "plover" (JSON lines), "jsonl" or "csv". *rows (may be NULL)
 * gets the number of rows written. See docs/export.md. */
dl_code dl_store_export(dl_store *st, const dl_query *q, const char *format,
                        FILE *out, long *rows, dl_error *err);

/* Export options beyond the format (zero-initialize, then set). */
typedef struct dl_export_options {
    const char *format;    /* as for dl_store_export, or "icews", "polecat" */
    const char *dedup;     /* "gdelt" (NULL: one event per day, dyad, code and
                              place) or "icews" (per day, dyad, code and
                              publisher) */
    bool historical;       /* also events dated over a year before their article */
    const char *data_dir;  /* codes and tone lexicon; NULL: the built-in folder */
    double near_duplicate; /* MinHash Jaccard for one story; 0: 0.8 */
} dl_export_options;

/* dl_store_export with options; see docs/export.md. */
dl_code dl_store_export_with(dl_store *st, const dl_query *q, const dl_export_options *opt,
                             FILE *out, long *rows, dl_error *err);

/* ---------------------------------------------------------- dictionaries */

/* Checks actor and agent dictionaries (ours or PETRARCH/TABARI's, told
 * apart by content) loaded together: each syntax error and conflicting
 * entry is written to out as "file:line: error|conflict: message", then a
 * summary line. Counts go to *errors and *conflicts (may be NULL).
 * Returns an error only when a file cannot be read. */
dl_code dl_dict_check(const char *const *paths, size_t n, FILE *out, long *errors,
                      long *conflicts, dl_error *err);

/* ------------------------------------------------------------------ eval */

/* Scoring against gold data. `suite` is one of "timeml", "petrarch",
 * "plover", "actors", "polnear", "geo"; `path` its file or folder. The
 * report (a table, or one JSON object with opt->json) is written to out;
 * *score, when not NULL, gets the suite's headline figure in 0..1 (value
 * F1, pass rate, accuracy...). Returns DL_ENOTFOUND for an unknown suite. */
typedef struct dl_eval_options {
    bool json;          /* machine-readable summary */
    bool verbose;       /* per-record lines */
    const char *data_dir; /* knowledge base data folder, or NULL */
    long limit;         /* 0: all records */
} dl_eval_options;

dl_code dl_eval(const char *suite, const char *path,
                const dl_eval_options *opt, FILE *out, double *score,
                dl_error *err);
/* NULL-terminated list of suite names. */
const char *const *dl_eval_suites(void);

#ifdef __cplusplus
}
#endif
#endif /* DATELINE_H */
