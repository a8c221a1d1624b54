/*
 * reader.c — documents from files, folders, standard input and gzip:
 * JSONL (one document per line, SCHEMA.md, field names configurable),
 * plain text (one document per file, dated by a leading ` date
 * YYYY-MM-DD ` header or by the configured default date). zlib reads
 * compressed and plain files alike; jansson parses JSON. Every problem is
 * reported with the file and line and the reader carries on with the next
 * document, so one bad record never stops a batch. Validation of the text
 * itself (UTF-8, NUL, size, date) is dl_doc_new's job.
 */
#include "dl.h"
#include "meta.h"

#include <dirent.h>
#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

struct dl_reader {
    dl_reader_config cfg;
    char **files;          /* expanded file list */
    char **notes;          /* per file: why it is skipped (reported when
                              reached), or NULL to read it */
    size_t nfiles, next_file;
    /* current file */
    gzFile gz;
    const char *path;      /* files[next_file - 1] */
    dl_format format;
    long line;             /* lines read so far in the current file */
    long doc_line;         /* first line of the current document */
    char *buf;             /* line or file buffer */
    size_t cap;
    json_t *json;          /* current JSONL record */
    char origin[600];
    char *text_copy;       /* current plain-text document */
    char date_buf[11];     /* its inline dateline */
    char name_date[11];    /* the date in the current file's name, or "" */
    dl__meta *meta;        /* --metadata table, or NULL */
    /* bytes: of every file (stat), of the files finished, of the current */
    double bytes_total, bytes_done, cur_size;
};

static const char *const default_fields[6] = {"id", "date", "text", "title", "url", "source"};

/* ------------------------------------------------------------ file list */

/* Appends path to the file list; with a note, the entry is not read but
 * reported (FILE: error: note) when the reader reaches it. */
static int push_entry(dl_reader *r, const char *path, const char *note, size_t *cap)
{
    if (r->nfiles == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **f = realloc(r->files, nc * sizeof *f);
        if (f == NULL)
            return 0;
        r->files = f;
        char **n = realloc(r->notes, nc * sizeof *n);
        if (n == NULL)
            return 0;
        r->notes = n;
        *cap = nc;
    }
    r->files[r->nfiles] = strdup(path);
    r->notes[r->nfiles] = note ? strdup(note) : NULL;
    if (r->files[r->nfiles] == NULL || (note && r->notes[r->nfiles] == NULL)) {
        free(r->files[r->nfiles]);
        free(r->notes[r->nfiles]);
        return 0;
    }
    r->nfiles++;
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
        r->bytes_total += (double)st.st_size;
    return 1;
}

static int push_file(dl_reader *r, const char *path, size_t *cap)
{
    return push_entry(r, path, NULL, cap);
}

/* The folders being walked, outermost first: a link back to one of them
 * (a -> .) is a loop, reported once and not followed. */
typedef struct walk {
    dev_t dev[65];
    ino_t ino[65];
    const char *path[65];
    int n;
} walk;

static const char *special_kind(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISCHR(m) ? "a character device"
           : S_ISBLK(m)                                       ? "a block device"
                                                              : "not a regular file";
}

static bool wanted_in_folder(const char *name)
{
    if (name[0] == '.')
        return false;
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return true;
    static const char *const ext[] = {".txt", ".text", ".jsonl", ".ndjson", ".json", ".gz"};
    for (size_t i = 0; i < DL_ARRAY_LEN(ext); i++)
        if (strcmp(dot, ext[i]) == 0)
            return true;
    return false;
}

static int add_path(dl_reader *r, const char *path, size_t *cap, walk *w)
{
    struct stat st;
    if (w->n > 64 || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return push_file(r, path, cap); /* errors surface when opened; a FIFO
                                           named is read as a stream */
    for (int i = 0; i < w->n; i++)
        if (w->dev[i] == st.st_dev && w->ino[i] == st.st_ino) {
            char note[700];
            snprintf(note, sizeof note, "a link to %s, a folder already being read: not followed",
                     w->path[i]);
            return push_entry(r, path, note, cap);
        }
    struct dirent **names = NULL;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0)
        return push_file(r, path, cap);
    w->dev[w->n] = st.st_dev;
    w->ino[w->n] = st.st_ino;
    w->path[w->n] = path;
    w->n++;
    int ok = 1;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (ok && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = malloc(len);
            if (child == NULL) {
                ok = 0;
            } else {
                snprintf(child, len, "%s/%s", path, name);
                struct stat cs;
                bool found = stat(child, &cs) == 0;
                bool dir = found && S_ISDIR(cs.st_mode);
                if (found && !dir && !S_ISREG(cs.st_mode) && wanted_in_folder(name)) {
                    /* a FIFO or device in a folder would block or never end */
                    char note[80];
                    snprintf(note, sizeof note, "%s, not a regular file: skipped",
                             special_kind(cs.st_mode));
                    ok = push_entry(r, child, note, cap);
                } else if (dir || wanted_in_folder(name)) {
                    ok = add_path(r, child, cap, w);
                }
                free(child);
            }
        }
        free(names[i]);
    }
    free(names);
    w->n--;
    return ok;
}

dl_code dl_reader_open(const char *const *paths, size_t npaths,
                       const dl_reader_config *cfg, dl_reader **out,
                       dl_error *err)
{
    dl__error_clear(err);
    *out = NULL;
    dl_reader *r = calloc(1, sizeof *r);
    if (r == NULL)
        return dl__fail(err, DL_ENOMEM, NULL);
    if (cfg)
        r->cfg = *cfg;
    if (r->cfg.max_doc_bytes == 0)
        r->cfg.max_doc_bytes = DL_DEFAULT_MAX_DOC;
    if (r->cfg.max_line_bytes == 0)
        r->cfg.max_line_bytes = DL_DEFAULT_MAX_LINE;
    if (r->cfg.metadata) {
        dl_code rc = dl__meta_open(r->cfg.metadata, &r->meta, err);
        if (rc != DL_OK) {
            dl_reader_free(r);
            return rc;
        }
    }
    size_t cap = 0;
    for (size_t i = 0; i < npaths; i++) {
        walk w = {.n = 0};
        if (!add_path(r, paths[i], &cap, &w)) {
            dl_reader_free(r);
            return dl__fail(err, DL_ENOMEM, NULL);
        }
    }
    *out = r;
    return DL_OK;
}

static void close_current(dl_reader *r)
{
    r->bytes_done += r->cur_size;
    r->cur_size = 0;
    if (r->gz) {
        gzclose(r->gz);
        r->gz = NULL;
    }
    json_decref(r->json);
    r->json = NULL;
}

void dl_reader_free(dl_reader *r)
{
    if (r == NULL)
        return;
    close_current(r);
    for (size_t i = 0; i < r->nfiles; i++) {
        free(r->files[i]);
        free(r->notes[i]);
    }
    free(r->files);
    free(r->notes);
    free(r->buf);
    free(r->text_copy);
    dl__meta_free(r->meta);
    free(r);
}

/* ------------------------------------------------------------- formats */

static bool has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n >= e && strcmp(path + n - e, ext) == 0;
}

static dl_format format_of(const dl_reader *r, const char *path, int first)
{
    if (r->cfg.format != DL_FORMAT_AUTO)
        return r->cfg.format;
    static const char *const jsonl[] = {".jsonl", ".ndjson", ".json",
                                        ".jsonl.gz", ".ndjson.gz", ".json.gz"};
    for (size_t i = 0; i < DL_ARRAY_LEN(jsonl); i++)
        if (has_ext(path, jsonl[i]))
            return DL_FORMAT_JSONL;
    return first == '{' ? DL_FORMAT_JSONL : DL_FORMAT_TEXT;
}

/* Opens the next file; returns DL_ENOTFOUND when none is left. */
static dl_code open_next(dl_reader *r, dl_error *err)
{
    close_current(r);
    if (r->next_file >= r->nfiles)
        return DL_ENOTFOUND;
    const char *note = r->notes[r->next_file];
    r->path = r->files[r->next_file++];
    r->line = 0;
    if (note)
        return dl__fail_at(err, DL_EIO, r->path, 1, "%s", note);
    struct stat fst;
    r->cur_size = strcmp(r->path, "-") != 0 && stat(r->path, &fst) == 0 && S_ISREG(fst.st_mode)
                      ? (double)fst.st_size
                      : 0;
    r->name_date[0] = '\0';
    if (r->cfg.date_from_name && strcmp(r->path, "-") != 0 &&
        !dl_date_from_name(r->path, r->name_date))
        r->name_date[0] = '\0';
    if (strcmp(r->path, "-") == 0) {
        int fd = dup(STDIN_FILENO);
        r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        r->path = "(stdin)";
    } else {
        struct stat st;
        if (stat(r->path, &st) == 0 && S_ISDIR(st.st_mode))
            return dl__fail_at(err, DL_EIO, r->path, 1, "is a directory nested too deep");
        r->gz = gzopen(r->path, "rb");
    }
    if (r->gz == NULL)
        return dl__fail_at(err, DL_EIO, r->path, 1, "cannot open: %s",
                           strerror(errno ? errno : ENOENT));
    gzbuffer(r->gz, 1 << 17);
    int first;
    do {
        first = gzgetc(r->gz);
    } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
    if (first == -1) {
        int zerr;
        const char *msg = gzerror(r->gz, &zerr);
        if (zerr != Z_OK && zerr != Z_STREAM_END)
            return dl__fail_at(err, DL_EIO, r->path, 1, "cannot read: %s", msg);
        return dl__fail_at(err, DL_EEMPTY, r->path, 1, "empty file");
    }
    gzungetc(first, r->gz); /* leading blanks are dropped: pipes cannot rewind */
    r->format = format_of(r, r->path, first);
    return DL_OK;
}

static int grow(dl_reader *r, size_t need)
{
    if (need <= r->cap)
        return 1;
    size_t cap = r->cap ? r->cap : 65536;
    while (cap < need)
        cap *= 2;
    char *b = realloc(r->buf, cap);
    if (b == NULL)
        return 0;
    r->buf = b;
    r->cap = cap;
    return 1;
}

/* Reads one line into r->buf (without the newline). Returns 1 on a line,
 * 0 at the end, -1 on error (err filled; a too-long line is skipped). */
static int read_line(dl_reader *r, size_t *len, dl_error *err)
{
    size_t n = 0;
    bool too_long = false;
    for (;;) {
        if (!grow(r, n + 65536 + 1)) {
            dl__fail_at(err, DL_ENOMEM, r->path, r->line + 1, "out of memory");
            return -1;
        }
        char *got = gzgets(r->gz, r->buf + n, 65536);
        if (got == NULL) {
            if (n == 0 && !too_long) {
                int zerr;
                const char *msg = gzerror(r->gz, &zerr);
                if (zerr != Z_OK && zerr != Z_STREAM_END) {
                    dl__fail_at(err, DL_EIO, r->path, r->line + 1, "cannot read: %s", msg);
                    return -1;
                }
                return 0;
            }
            break;
        }
        size_t k = strlen(r->buf + n);
        /* gzgets stops at NUL bytes too: find the real amount read */
        n += k;
        if (n > 0 && r->buf[n - 1] == '\n')
            break;
        if (k == 0) { /* an embedded NUL: keep it and go on */
            r->buf[n++] = '\0';
        }
        if (n > r->cfg.max_line_bytes) {
            too_long = true;
            n = 0; /* drop what we have, keep reading to the line's end */
        }
    }
    r->line++;
    if (too_long) {
        dl__fail_at(err, DL_ELINE_TOO_LONG, r->path, r->line,
                    "line longer than the limit of %zu bytes", r->cfg.max_line_bytes);
        return -1;
    }
    if (n > 0 && r->buf[n - 1] == '\n')
        n--;
    if (n > 0 && r->buf[n - 1] == '\r')
        n--;
    r->buf[n] = '\0';
    *len = n;
    return 1;
}

static const char *field(const dl_reader *r, int which)
{
    const char *const cfgf[6] = {r->cfg.id_field, r->cfg.date_field, r->cfg.text_field,
                                 r->cfg.title_field, r->cfg.url_field, r->cfg.source_field};
    return cfgf[which] ? cfgf[which] : default_fields[which];
}

static const char *string_field(dl_reader *r, json_t *o, int which, dl_error *err,
                                bool *bad)
{
    const char *name = field(r, which);
    json_t *v = json_object_get(o, name);
    if (v == NULL || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = true;
        dl__fail_at(err, DL_EJSON, r->path, r->line, "field \"%s\" is not a string", name);
        return NULL;
    }
    return json_string_value(v);
}

static void fill_meta(dl_reader *r, dl_doc_input *doc, const char *id);

static dl_code next_jsonl(dl_reader *r, dl_doc_input *doc, dl_error *err)
{
    for (;;) {
        size_t len;
        int got = read_line(r, &len, err);
        if (got < 0)
            return err ? err->code : DL_EIO;
        if (got == 0)
            return DL_ENOTFOUND;
        size_t i = 0;
        while (i < len && (r->buf[i] == ' ' || r->buf[i] == '\t'))
            i++;
        if (i == len)
            continue; /* blank line */
        json_decref(r->json);
        json_error_t jerr;
        r->json = json_loadb(r->buf, len, JSON_REJECT_DUPLICATES, &jerr);
        if (r->json == NULL) {
            dl_code c = dl__fail_at(err, DL_EJSON, r->path, r->line,
                                    "invalid JSON at column %d: %s", jerr.column, jerr.text);
            if (err)
                err->offset = jerr.position;
            return c;
        }
        if (!json_is_object(r->json))
            return dl__fail_at(err, DL_EJSON, r->path, r->line, "not a JSON object");
        bool bad = false;
        memset(doc, 0, sizeof *doc);
        json_t *idv = json_object_get(r->json, field(r, 0));
        if (json_is_integer(idv)) {
            snprintf(r->origin, sizeof r->origin, "%lld", (long long)json_integer_value(idv));
            json_object_set_new(r->json, field(r, 0), json_string(r->origin));
        }
        doc->id = string_field(r, r->json, 0, err, &bad);
        doc->date = string_field(r, r->json, 1, err, &bad);
        doc->text = string_field(r, r->json, 2, err, &bad);
        doc->title = string_field(r, r->json, 3, err, &bad);
        doc->url = string_field(r, r->json, 4, err, &bad);
        doc->source = string_field(r, r->json, 5, err, &bad);
        if (bad)
            return DL_EJSON;
        if (doc->text == NULL)
            return dl__fail_at(err, DL_ENOTEXT, r->path, r->line,
                               "no \"%s\" string in the record", field(r, 2));
        doc->len = json_string_length(json_object_get(r->json, field(r, 2)));
        fill_meta(r, doc, doc->id);
        doc->max_bytes = r->cfg.max_doc_bytes;
        r->doc_line = r->line;
        snprintf(r->origin, sizeof r->origin, "%s:%ld", r->path, r->line);
        doc->origin = r->origin;
        return DL_OK;
    }
}

/* Fills what the document does not say itself: date, title, URL and
 * publisher from the metadata table (by id, else by file name), then the
 * date in the file name, then the default date. */
static void fill_meta(dl_reader *r, dl_doc_input *doc, const char *id)
{
    const dl__meta_row *m = dl__meta_find(r->meta, id, r->path);
    if (m) {
        if (doc->date == NULL)
            doc->date = m->date;
        if (doc->title == NULL)
            doc->title = m->title;
        if (doc->url == NULL)
            doc->url = m->url;
        if (doc->source == NULL)
            doc->source = m->publisher;
    }
    if (doc->date == NULL && r->name_date[0])
        doc->date = r->name_date;
    if (doc->date == NULL)
        doc->date = r->cfg.default_date;
}

/* Matches a leading " date YYYY-MM-DD " header; returns the bytes it
 * takes (0 if absent) and sets *date to its date. */
static size_t inline_dateline(const char *s, size_t n, const char **date)
{
    size_t i = 0;
    if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3; /* BOM */
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (n - i < 15 || strncasecmp(s + i, "date", 4) != 0)
        return 0;
    i += 4;
    if (s[i] != ' ' && s[i] != ':' && s[i] != '\t')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '\t'))
        i++;
    size_t d = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
        i++;
    if (i - d != 10)
        return 0;
    *date = s + d;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* "UTF-16 little-endian with a BOM" and the like when the bytes are
 * UTF-16 (a byte-order mark, or NULs in every other byte of the first
 * 256), else NULL: named as such rather than as a missing date or a NUL. */
static const char *utf16_kind(const unsigned char *b, size_t n)
{
    if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        return "UTF-16 little-endian (with a byte-order mark)";
    if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        return "UTF-16 big-endian (with a byte-order mark)";
    size_t m = n < 256 ? n : 256, odd = 0, even = 0;
    for (size_t i = 0; i < m; i++)
        if (b[i] == 0 && (i & 1))
            odd++;
        else if (b[i] == 0)
            even++;
    if (m >= 8 && odd * 3 >= m && even * 20 <= odd)
        return "UTF-16 little-endian (no byte-order mark)";
    if (m >= 8 && even * 3 >= m && odd * 20 <= even)
        return "UTF-16 big-endian (no byte-order mark)";
    return NULL;
}

static dl_code next_text(dl_reader *r, dl_doc_input *doc, dl_error *err)
{
    size_t n = 0, limit = r->cfg.max_doc_bytes;
    for (;;) {
        if (!grow(r, n + 65536 + 1))
            return dl__fail_at(err, DL_ENOMEM, r->path, 1, "out of memory");
        int k = gzread(r->gz, r->buf + n, 65536);
        if (k < 0) {
            int zerr;
            return dl__fail_at(err, DL_EIO, r->path, 1, "cannot read: %s", gzerror(r->gz, &zerr));
        }
        if (k == 0)
            break;
        n += (size_t)k;
        if (n > limit + 64)
            return dl__fail_at(err, DL_EDOC_TOO_BIG, r->path, 1,
                               "file larger than the document limit of %zu bytes", limit);
    }
    r->buf[n] = '\0';
    memset(doc, 0, sizeof *doc);
    const char *u16 = utf16_kind((const unsigned char *)r->buf, n);
    if (u16) {
        gzclose(r->gz);
        r->gz = NULL;
        return dl__fail_at(err, DL_EFORMAT, r->path, 1,
                           "the file is %s, not UTF-8: convert it first "
                           "(iconv -f UTF-16 -t UTF-8)", u16);
    }
    const char *date = NULL;
    size_t skip = inline_dateline(r->buf, n, &date);
    free(r->text_copy);
    r->text_copy = NULL;
    if (date) {
        memcpy(r->date_buf, date, 10);
        r->date_buf[10] = '\0';
        doc->date = r->date_buf;
    }
    fill_meta(r, doc, NULL);
    doc->text = r->buf + skip;
    doc->len = n - skip;
    doc->max_bytes = limit;
    r->line = 1;
    r->doc_line = 1;
    snprintf(r->origin, sizeof r->origin, "%s:1", r->path);
    doc->origin = r->origin;
    /* the file is done after this document */
    gzclose(r->gz);
    r->gz = NULL;
    if (doc->date == NULL)
        return dl__fail_at(err, DL_ENODATE, r->path, 1,
                           "no document date (start the text with \"date YYYY-MM-DD\", "
                           "give --date, --date-from-name or --metadata)");
    return DL_OK;
}

dl_code dl_reader_next(dl_reader *r, dl_doc_input *doc, dl_error *err)
{
    dl__error_clear(err);
    for (;;) {
        if (r->gz == NULL) {
            dl_code rc = open_next(r, err);
            if (rc != DL_OK) {
                close_current(r);
                return rc; /* DL_ENOTFOUND at the end, else a file error */
            }
        }
        dl_code rc = r->format == DL_FORMAT_JSONL ? next_jsonl(r, doc, err)
                                                  : next_text(r, doc, err);
        if (rc == DL_ENOTFOUND) {
            close_current(r);
            continue; /* next file */
        }
        if (rc != DL_OK && r->gz && (r->format == DL_FORMAT_TEXT || rc == DL_EIO || rc == DL_ENOMEM))
            close_current(r); /* a text file is one document, and a read error
                                 (a truncated gzip stream) ends the file: skip it */
        return rc;
    }
}

void dl_reader_progress(const dl_reader *r, size_t *files_done, size_t *files_total)
{
    if (files_done)
        *files_done = r->next_file;
    if (files_total)
        *files_total = r->nfiles;
}

void dl_reader_bytes(const dl_reader *r, double *done, double *total)
{
    double cur = 0;
    if (r->gz) {
        /* where zlib is in the file as stored (compressed or not) */
        z_off_t off = gzoffset(r->gz);
        cur = off > 0 ? (double)off : 0;
        if (cur > r->cur_size)
            cur = r->cur_size;
    }
    if (done)
        *done = r->bytes_done + cur;
    if (total)
        *total = r->bytes_total;
}

void dl_reader_position(const dl_reader *r, const char **file, long *line,
                        bool *jsonl)
{
    if (file)
        *file = r->path;
    if (line)
        *line = r->doc_line;
    if (jsonl)
        *jsonl = r->format == DL_FORMAT_JSONL;
}
