/*
 * model.c — maps the syntax model and scores features against it. The
 * file is used in place (no parsing at load time beyond the header and
 * the class names), so loading costs one mmap and the pages the parser
 * touches.
 */
#include "syntax/model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static bool table_ok(const dl__syn_table_info *t, size_t size)
{
    if (t->nslots == 0 || (t->nslots & (t->nslots - 1)) != 0)
        return false;
    if (t->slots_off % 8 || t->entries_off % 4)
        return false;
    if (t->slots_off + (uint64_t)t->nslots * sizeof(dl__syn_slot) > size)
        return false;
    if (t->stride % 16 != 0 || t->stride > 1024 || t->dense_off % 32 != 0 ||
        t->dense_off + (uint64_t)t->ndense * t->stride * 2 > size)
        return false;
    return t->entries_off + (uint64_t)t->nentries * 4 <= size;
}

static void table_init(dl__syn_table *t, const char *base,
                       const dl__syn_table_info *info)
{
    t->slots = (const dl__syn_slot *)(base + info->slots_off);
    t->entries = (const uint32_t *)(base + info->entries_off);
    t->dense = (const int16_t *)(base + info->dense_off);
    t->mask = info->nslots - 1;
    t->nentries = info->nentries;
    t->stride = info->stride;
}

void dl__syn_model_free(dl__syn_model *m)
{
    if (m == NULL)
        return;
    if (m->map != NULL)
        munmap(m->map, m->size);
    free(m->upos);
    free(m->xpos);
    free(m->labels);
    free(m);
}

static dl_code bad(dl_error *err, const char *path, const char *what)
{
    return dl__fail_at(err, DL_EDICT, path, 0, "not a usable syntax model: %s", what);
}

static dl_code read_names(dl__syn_model *m, const char *path, dl_error *err)
{
    const dl__syn_header *h = m->hdr;
    const char *s = (const char *)m->map + h->strings_off;
    const char *end = s + h->strings_size;
    m->upos = calloc((size_t)m->ntags, sizeof *m->upos);
    m->xpos = calloc((size_t)m->ntags, sizeof *m->xpos);
    m->labels = calloc((size_t)m->nlabels + 1, sizeof *m->labels);
    if (!m->upos || !m->xpos || !m->labels)
        return dl__fail(err, DL_ENOMEM, NULL);
    /* "UPOS\0XPOS\0" per tag class, then "label\0" per label */
    int nstrings = 2 * m->ntags + m->nlabels;
    for (int i = 0; i < nstrings; i++) {
        size_t n = strnlen(s, (size_t)(end - s));
        if (s + n >= end)
            return bad(err, path, "class names cut short");
        if (i < 2 * m->ntags) {
            if (i % 2 == 0)
                m->upos[i / 2] = s;
            else
                m->xpos[i / 2] = s;
        } else {
            m->labels[i - 2 * m->ntags] = s;
        }
        s += n + 1;
    }
    m->punct_label = m->root_label = -1;
    m->acl_label = m->nsubj_label = m->obl_label = m->agent_label = m->relcl_label = -1;
    m->vbd_tag = -1;
    for (int i = 0; i < m->nlabels; i++) {
        const char *l = m->labels[i];
        if (strcmp(l, "punct") == 0)
            m->punct_label = i;
        if (strcmp(l, "root") == 0)
            m->root_label = i;
        if (strcmp(l, "acl") == 0)
            m->acl_label = i;
        if (strcmp(l, "nsubj") == 0)
            m->nsubj_label = i;
        if (strcmp(l, "obl") == 0)
            m->obl_label = i;
        if (strcmp(l, "obl:agent") == 0)
            m->agent_label = i;
        if (strcmp(l, "acl:relcl") == 0)
            m->relcl_label = i;
    }
    for (int t = 0; t < m->ntags; t++)
        if (strcmp(m->upos[t], "VERB") == 0 && strcmp(m->xpos[t], "VBD") == 0)
            m->vbd_tag = t;
    if (m->root_label < 0)
        return bad(err, path, "no root label");
    return DL_OK;
}

dl_code dl__syn_model_load(const char *path, dl__syn_model **out, dl_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return dl__fail_at(err, DL_EIO, path, 0, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(dl__syn_header)) {
        close(fd);
        return bad(err, path, "too small");
    }
    dl__syn_model *m = calloc(1, sizeof *m);
    if (m == NULL) {
        close(fd);
        return dl__fail(err, DL_ENOMEM, NULL);
    }
    m->size = (size_t)st.st_size;
    m->map = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m->map == MAP_FAILED) {
        m->map = NULL;
        dl__syn_model_free(m);
        return dl__fail_at(err, DL_EIO, path, 0, "cannot map: %s", strerror(errno));
    }
    const dl__syn_header *h = m->map;
    m->hdr = h;
    dl_code rc = DL_OK;
    if (memcmp(h->magic, DL__SYN_MAGIC, 8) != 0)
        rc = bad(err, path, "wrong magic");
    else if (h->bom != DL__SYN_BOM)
        rc = bad(err, path, "written on a machine of the other byte order");
    else if (h->format != DL__SYN_FORMAT)
        rc = bad(err, path, "file format version differs (retrain with make model)");
    else if (h->features != DL__SYN_FEATURES)
        rc = bad(err, path, "trained with another feature set (retrain with make model)");
    else if (h->file_size != m->size)
        rc = bad(err, path, "size differs from its header (truncated?)");
    else if (h->ntags == 0 || h->ntags > 1000 || h->nlabels == 0 || h->nlabels > 500 ||
             h->tagger.stride < h->ntags || h->parser.stride < 1 + 2 * h->nlabels)
        rc = bad(err, path, "class counts out of range");
    else if (h->strings_off + h->strings_size > m->size)
        rc = bad(err, path, "names out of the file");
    else if (!table_ok(&h->tagger, m->size) || !table_ok(&h->parser, m->size) ||
             !table_ok(&h->tagdict, m->size))
        rc = bad(err, path, "weight tables out of the file");
    if (rc == DL_OK) {
        m->ntags = (int)h->ntags;
        m->nlabels = (int)h->nlabels;
        rc = read_names(m, path, err);
    }
    if (rc != DL_OK) {
        dl__syn_model_free(m);
        return rc;
    }
    table_init(&m->tagger, m->map, &h->tagger);
    table_init(&m->parser, m->map, &h->parser);
    table_init(&m->tagdict, m->map, &h->tagdict);
    *out = m;
    return DL_OK;
}

/* scores[0..stride) += row[0..stride), 16 weights at a time, widened to
 * 32 bits (GCC/Clang vector extensions: SSE2 or AVX2, whatever the build
 * targets). */
typedef int16_t v8hi __attribute__((vector_size(16)));
typedef int32_t v8si __attribute__((vector_size(32)));

static inline void dense_add(const int16_t *row, uint32_t stride, int32_t *scores)
{
    for (uint32_t c = 0; c < stride; c += 8) {
        v8hi w;
        v8si s;
        memcpy(&w, row + c, sizeof w);
        memcpy(&s, scores + c, sizeof s);
        s += __builtin_convertvector(w, v8si);
        memcpy(scores + c, &s, sizeof s);
    }
}

/* The slot's entry location of feature f, or 0 when the model lacks it. */
static inline uint32_t find(const dl__syn_table *t, uint64_t f)
{
    uint32_t fp = (uint32_t)(f >> 32);
    if (fp == 0)
        fp = 1;
    uint32_t i = (uint32_t)f & t->mask;
    for (;;) {
        const dl__syn_slot *s = &t->slots[i];
        if (s->fp == fp)
            return s->loc;
        if (s->fp == 0)
            return 0;
        i = (i + 1) & t->mask;
    }
}

void dl__syn_table_score(const dl__syn_table *t, const uint64_t *features,
                         int n, int32_t *scores)
{
    uint32_t loc[128];
    if (n > 128)
        n = 128;
    /* probe every slot first (the loads overlap), then fetch entries */
    for (int k = 0; k < n; k++)
        __builtin_prefetch(&t->slots[(uint32_t)features[k] & t->mask]);
    for (int k = 0; k < n; k++) {
        loc[k] = find(t, features[k]);
        __builtin_prefetch(t->entries + DL__SYN_LOC_OFF(loc[k]));
    }
    for (int k = 0; k < n; k++) {
        uint32_t c = DL__SYN_LOC_COUNT(loc[k]);
        if (c == DL__SYN_DENSE) {
            dense_add(t->dense + (size_t)DL__SYN_LOC_OFF(loc[k]) * t->stride, t->stride, scores);
            continue;
        }
        const uint32_t *e = t->entries + DL__SYN_LOC_OFF(loc[k]);
        for (uint32_t j = 0; j < c; j++)
            scores[DL__SYN_ENTRY_CLASS(e[j])] += DL__SYN_ENTRY_WEIGHT(e[j]);
    }
}

int dl__syn_tagdict_get(const dl__syn_model *m, uint64_t w)
{
    uint32_t loc = find(&m->tagdict, w);
    if (DL__SYN_LOC_COUNT(loc) == 0)
        return -1;
    return (int)DL__SYN_ENTRY_CLASS(m->tagdict.entries[DL__SYN_LOC_OFF(loc)]);
}
