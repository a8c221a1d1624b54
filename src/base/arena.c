/*
 * arena.c — the per-document bump allocator, growable arrays on top of it,
 * and a malloc'd output buffer. Every layer of a document lives in its
 * arena; freeing the document frees all of it (yyjson's model).
 */
#include "dl.h"

#include <stdlib.h>

struct dl__arena_block {
    dl__arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

#define ARENA_MAX_BLOCK (64u << 20)

void dl__arena_init(dl__arena *a, size_t first_block)
{
    a->head = NULL;
    a->block_size = first_block ? first_block : 16384;
    a->total = 0;
    a->failed = 0;
}

void dl__arena_free(dl__arena *a)
{
    if (a == NULL)
        return;
    dl__arena_block *b = a->head;
    while (b != NULL) {
        dl__arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}

/* Fault injection for tests: when positive, the arena block allocation
 * that brings it to zero fails (see tests/test_faults.c). Not for use in
 * threaded programs. */
long dl__fault_countdown;

static void *block_malloc(size_t n)
{
    if (dl__fault_countdown > 0 && --dl__fault_countdown == 0)
        return NULL;
    return malloc(n);
}

void *dl__arena_alloc(dl__arena *a, size_t n)
{
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0)
        n = 16;
    dl__arena_block *b = a->head;
    if (b == NULL || b->size - b->used < n) {
        size_t size = a->block_size;
        while (size < n)
            size *= 2;
        b = block_malloc(sizeof *b + size);
        if (b == NULL) {
            a->failed = 1;
            return NULL;
        }
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->total += size;
        if (a->block_size < ARENA_MAX_BLOCK)
            a->block_size *= 2;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *dl__arena_strndup(dl__arena *a, const char *s, size_t n)
{
    char *p = dl__arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    if (n > 0)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dl__arena_strdup(dl__arena *a, const char *s)
{
    return s ? dl__arena_strndup(a, s, strlen(s)) : NULL;
}

char *dl__arena_printf(dl__arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = dl__arena_alloc(a, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void dl__vec_init(dl__vec *v, size_t item_size)
{
    v->items = NULL;
    v->n = 0;
    v->cap = 0;
    v->size = item_size;
}

bool dl__vec_reserve(dl__vec *v, dl__arena *a, size_t cap)
{
    if (cap <= v->cap)
        return true;
    void *items = dl__arena_alloc(a, cap * v->size);
    if (items == NULL)
        return false;
    if (v->n > 0)
        memcpy(items, v->items, v->n * v->size);
    v->items = items;
    v->cap = cap;
    return true;
}

void *dl__vec_push(dl__vec *v, dl__arena *a)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *items = dl__arena_alloc(a, cap * v->size);
        if (items == NULL)
            return NULL;
        if (v->n > 0)
            memcpy(items, v->items, v->n * v->size);
        v->items = items;
        v->cap = cap;
    }
    void *p = (unsigned char *)v->items + v->n * v->size;
    memset(p, 0, v->size);
    v->n++;
    return p;
}

void dl__buf_init(dl__buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void dl__buf_free(dl__buf *b)
{
    free(b->data);
    dl__buf_init(b);
}

static int buf_reserve(dl__buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void dl__buf_add(dl__buf *b, const char *s, size_t n)
{
    if (!buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dl__buf_puts(dl__buf *b, const char *s)
{
    dl__buf_add(b, s, strlen(s));
}

void dl__buf_putc(dl__buf *b, char c)
{
    dl__buf_add(b, &c, 1);
}

void dl__buf_printf(dl__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *dl__buf_take(dl__buf *b)
{
    if (b->failed) {
        dl__buf_free(b);
        return NULL;
    }
    if (!buf_reserve(b, 0))
        return NULL;
    char *p = b->data;
    dl__buf_init(b);
    return p;
}
