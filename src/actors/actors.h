/*
 * actors.h — the actor stage's internal interface: the knowledge it loads
 * (a token trie over normalized words holding actor and agent entries with
 * date-restricted codes), the loaders for our formats and PETRARCH/TABARI's,
 * and the recognition and resolution passes run over one document.
 *
 * Loading happens once (dl_kb_open); afterwards the dictionary is read-only
 * and shared by threads. Nothing here prints; problems found while loading
 * are kept as diagnostics for `dateline dict check`.
 */
#ifndef DL_ACTORS_H
#define DL_ACTORS_H

#include "dl.h"

/* Entry flags. */
enum {
    DL__ACT_ADJ = 1u << 0,      /* adjective or demonym: can prefix agents */
    DL__ACT_CAPITAL = 1u << 1,  /* capital city: metonym for the government */
    DL__ACT_SEAT = 1u << 2,     /* seat of power ("the Kremlin") */
    DL__ACT_NEEDCAP = 1u << 3,  /* needs a capital letter in the text */
    DL__ACT_PETR = 1u << 4,     /* from a PETRARCH/TABARI dictionary */
    DL__ACT_ROLES = 1u << 5,    /* restrictions are our dated roles (ELI rule) */
    DL__ACT_PEOPLE = 1u << 6,   /* plural demonym ("Russians") */
};

/* Agent flags. */
enum {
    DL__AGT_PREFIX = 1u << 0, /* PETRARCH "NGO~": code goes before the actor */
    DL__AGT_TITLE = 1u << 1,  /* a title that can precede a name ("General") */
    DL__AGT_PLURAL = 1u << 2, /* a plural form ("leaders") */
    DL__AGT_ADJ = 1u << 3,    /* also an adjective ("military range") */
    DL__AGT_NOBARE = 1u << 4, /* not an actor alone ("in general") */
};

/* A code valid over [from, to] (days since 1970-01-01, inclusive). */
typedef struct dl__restr {
    long from, to;
    const char *code;
} dl__restr;

typedef struct dl__node {
    int32_t actor, agent;
    uint32_t acronym; /* the actor phrase is an acronym ("LeT", "WHO") */
} dl__node;

typedef struct dl__actor_entry {
    dl_actor_kind kind;
    unsigned flags;
    const char *name;    /* canonical name */
    const char *code;    /* default code (may be NULL: null-coded) */
    const char *country, *sector; /* explicit, or NULL: from the code */
    uint32_t restr, nrestr; /* range in dl__actor_dict.restrs */
    const char *why;     /* "file:line" */
} dl__actor_entry;

typedef struct dl__agent_entry {
    unsigned flags;
    const char *code;    /* without the '~' ("GOV", "GOVMIL", "NGO") */
    const char *why;
} dl__agent_entry;

/* One diagnostic found while loading (syntax error or conflict). */
typedef struct dl__diag {
    const char *where;   /* "file:line" */
    const char *msg;
    int conflict;        /* 0: syntax error, 1: conflicting entries */
} dl__diag;

/* The trie: words are interned to ids; edges (parent, word) -> child live
 * in one open-addressing table; each node may end an actor and an agent. */
typedef struct dl__actor_dict {
    dl__arena arena;          /* strings, entries' names and codes */
    dl__strmap words;         /* normalized word -> id + 1 */
    uint32_t nwords;
    uint64_t *ekeys;          /* (parent << 32 | word) + 1, 0 = empty */
    uint32_t *evals;          /* child node */
    size_t ecap, en;
    dl__node *nodes;          /* per node: actor and agent entry or -1 */
    uint32_t nnodes, capnodes;
    dl__actor_entry *actors;
    uint32_t nactors, capactors;
    dl__agent_entry *agents;
    uint32_t nagents, capagents;
    dl__restr *restrs;
    uint32_t nrestrs, caprestrs;
    dl__diag *diags;
    uint32_t ndiags, capdiags;
    struct dl__override *overrides; /* phrases given a new entry, checked
                                       by dl__adict_finish */
    uint32_t noverrides, capoverrides;
    uint32_t nerrors, nconflicts;
    int oom;
    const dl__strmap *abbrev; /* the text stage's abbreviations, or NULL */
    dl__strmap given;         /* lower-case given name -> 'f', 'm' or 'b' */
} dl__actor_dict;

typedef struct dl__override {
    int32_t old, new_;  /* actor entries */
    const char *phrase; /* as written */
    const char *where;
} dl__override;

int dl__adict_init(dl__actor_dict *d);
/* After loading: notes as conflicts the phrases whose later entry codes
 * differently from the one it replaced (codes, dated codes, or another
 * person). */
void dl__adict_finish(dl__actor_dict *d);
void dl__adict_free(dl__actor_dict *d);

/* Splits a dictionary phrase into normalized words the way the text stage
 * tokenizes ("Russia's" -> "russia" "'s", "U.S." stays one word); '_' and
 * blanks separate words. Returns the count (at most max) or -1 if too long. */
int dl__phrase_words(dl__actor_dict *d, const char *s, size_t n,
                     const char **words, size_t *lens, int max);

/* Adds a phrase for an actor / agent entry. `replace` says what to do when
 * the phrase already has an entry: later dictionaries override earlier
 * ones (and a conflict is noted when the codes differ). */
void dl__adict_add_actor(dl__actor_dict *d, const char *phrase, size_t n,
                         int32_t entry, const char *where);
void dl__adict_add_agent(dl__actor_dict *d, const char *phrase, size_t n,
                         int32_t entry, const char *where);
int32_t dl__adict_new_actor(dl__actor_dict *d);
int32_t dl__adict_new_agent(dl__actor_dict *d);
/* Appends a restriction to the actor entry most recently created. */
void dl__adict_add_restr(dl__actor_dict *d, int32_t entry, long from, long to,
                         const char *code);
void dl__adict_diag(dl__actor_dict *d, int conflict, const char *file,
                    long line, const char *fmt, ...) DL_PRINTF(5, 6);

/* Word id of a normalized token, or -1. */
int32_t dl__adict_word(const dl__actor_dict *d, const char *w, size_t n);
/* Child of node by word id, or -1. The root is node 0. */
int32_t dl__adict_step(const dl__actor_dict *d, uint32_t node, int32_t word);

/* Loaders (load.c: our formats; petr.c: PETRARCH/TABARI). */
dl_code dl__load_countries(dl__actor_dict *d, const char *path, dl_error *err);
dl_code dl__load_agents(dl__actor_dict *d, const char *path, dl_error *err);
dl_code dl__load_orgs(dl__actor_dict *d, const char *path, dl_error *err);
dl_code dl__load_people(dl__actor_dict *d, const char *path, dl_error *err);
/* Given names and their sex: "name<TAB>f|m|b" lines (given-names.tsv,
 * built from the name lists) or "name | f|m" lines (our given.txt, read
 * after it: ours win). */
dl_code dl__load_given(dl__actor_dict *d, const char *path, dl_error *err);
/* 'f', 'm' or 0 (unknown, or on both lists) for a person's full name, by
 * its first word. */
char dl__given_sex(const dl__actor_dict *d, const char *name);
dl_code dl__load_petr_actors(dl__actor_dict *d, const char *path,
                             dl_error *err);
dl_code dl__load_petr_agents(dl__actor_dict *d, const char *path,
                             dl_error *err);
/* Our format or PETRARCH's, by looking at the file (ours has '|'). */
dl_code dl__load_actor_file(dl__actor_dict *d, const char *path,
                            dl_error *err);
dl_code dl__load_agent_file(dl__actor_dict *d, const char *path,
                            dl_error *err);

/* Reads a whole file (malloc'd, NUL-terminated); NULL on failure. */
char *dl__actors_slurp(const char *path, size_t *len, dl_error *err);
/* "file:line" in the dictionary's arena (file is shortened to its name). */
const char *dl__adict_where(dl__actor_dict *d, const char *file, long line);

/* Code of an actor entry on a day (days since 1970), or NULL. */
const char *dl__actor_code_on(const dl__actor_dict *d,
                              const dl__actor_entry *e, long day,
                              dl__arena *scratch);
/* Country (ISO-like alpha-3) and sector of a code, in the arena. */
void dl__code_split(const char *code, dl__arena *a, const char **country,
                    const char **sector);
/* Combines an actor code with an agent ("RUS" + "~MIL" -> "RUSMIL";
 * "ARN" + "NGO~" -> "NGOARN"; redundant agents are not repeated). */
const char *dl__code_combine(const char *actor, const dl__agent_entry *ag,
                             dl__arena *a);

/* The recognition and resolution passes (match.c, resolve.c). */
dl_code dl__actors_match(const dl__actor_dict *d, dl_doc *doc, dl_error *err);
void dl__actors_resolve(const dl__actor_dict *d, dl_doc *doc);

/* `dateline dict check`: loads each file (our format or PETRARCH's; actor
 * or agent dictionary by its content) and writes one line per syntax
 * error or conflict to out. Counts go to *errors and *conflicts. */
dl_code dl__actors_check(const char *const *paths, size_t n, FILE *out,
                         long *errors, long *conflicts, dl_error *err);

#endif
